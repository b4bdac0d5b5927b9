"""Evidence-synthesis benchmark: print wall times side by side (never a timed unit test).

    python benchmarks/bench_synthesis.py [--studies 400] [--per-study 5] [--scale 200000]

Three-level REML (``random = ~ 1 | study/effect``) on 2,000 effect sizes in 400 studies:
impact.three_level (closed-form compound-symmetric blocks, no dense k x k matrix) against
metafor::rma.mv on the same CSV in the same run (timed inside R, one fit: wall and CPU time; skipped
without Rscript), with the estimates of both so that agreement is visible. Also the whole
``impact.synthesise_evidence`` on the synthetic study set. The machine may be shared: figures are
reported as measured.

Scale (issue 23): ``--scale K`` (default 200,000) runs ``impact synthesise STUDIES.csv --output
J`` as a separate process on two files of K effect sizes each: one effect size per study (a
random-effects model; a third of the rows as two-group statistics, a third as one-group pre/post
statistics in a before-after body, a third as yi/vi) and four per study (three-level models).
It prints wall time and peak memory (the child's maximum resident set size) against the budget
of 60 s and 2 GB, and exits 1 when a run is over it. ``--scale 0`` skips this part.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

R_SCRIPT = r"""
suppressPackageStartupMessages(library(metafor))
d <- read.csv(commandArgs(TRUE)[1])
t0 <- proc.time()
m <- rma.mv(yi, vi, random = ~ 1 | study/effect, data = d)
t1 <- proc.time() - t0
cat(sprintf('{"seconds": %.4f, "cpu": %.4f, "estimate": %.10f, "se": %.10f, "sigma2": [%.10f, %.10f]}\n',
    t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]], m$beta[1], m$se, m$sigma2[1],
    m$sigma2[2]))
"""


def data(n_studies, per_study, seed=1):
    rng = np.random.default_rng(seed)
    study = np.repeat(np.arange(n_studies), per_study)
    k = study.size
    vi = rng.uniform(0.01, 0.1, k)
    yi = (0.3 + rng.normal(0, 0.2, n_studies)[study] + rng.normal(0, np.sqrt(0.02), k)
          + rng.normal(0, np.sqrt(vi)))
    return pd.DataFrame({"study": study, "effect": np.tile(np.arange(per_study), n_studies),
                         "yi": yi, "vi": vi})


def scale_files(k, folder, seed=23):
    """Two studies files of k effect sizes: one per study (mixed inputs) and four per study."""
    rng = np.random.default_rng(seed)
    paths = {}
    # one effect size per study
    study = np.arange(k)
    kind = study % 3
    n1 = rng.integers(10, 200, k)
    n2 = rng.integers(10, 200, k)
    theta = -0.3 + rng.normal(0, 0.2, k)
    sd = 6.0
    frame = pd.DataFrame({"study": [f"S{i}" for i in study], "outcome": "stress",
                          "design": np.where(kind == 1, "prepost", "rct")})
    two = kind == 0
    frame.loc[two, "n1"] = n1[two]
    frame.loc[two, "mean1"] = (20 + theta[two] * sd + rng.normal(0, sd / np.sqrt(n1[two]))).round(3)
    frame.loc[two, "sd1"] = (sd * rng.uniform(0.85, 1.15, two.sum())).round(3)
    frame.loc[two, "n2"] = n2[two]
    frame.loc[two, "mean2"] = (20 + rng.normal(0, sd / np.sqrt(n2[two]))).round(3)
    frame.loc[two, "sd2"] = (sd * rng.uniform(0.85, 1.15, two.sum())).round(3)
    pp = kind == 1
    frame.loc[pp, "n"] = n1[pp]
    frame.loc[pp, "mean_pre"] = (20 + rng.normal(0, 1, pp.sum())).round(3)
    frame.loc[pp, "sd_pre"] = (sd * rng.uniform(0.85, 1.15, pp.sum())).round(3)
    frame.loc[pp, "mean_post"] = (frame.loc[pp, "mean_pre"] + theta[pp] * sd
                                  + rng.normal(0, sd * 0.9 / np.sqrt(n1[pp]))).round(3)
    frame.loc[pp, "r"] = rng.uniform(0.3, 0.8, pp.sum()).round(3)
    given = kind == 2
    vi = rng.uniform(0.01, 0.1, k)
    frame.loc[given, "yi"] = (theta + rng.normal(0, np.sqrt(vi)))[given].round(5)
    frame.loc[given, "vi"] = vi[given].round(6)
    frame.loc[given, "measure"] = "SMD"
    for c in ("n1", "n2", "n"):
        frame[c] = frame[c].astype("Int64")
    paths["one per study"] = Path(folder) / "one.csv"
    frame.to_csv(paths["one per study"], index=False)
    # four per study
    d = data(k // 4, 4, seed)
    pd.DataFrame({"study": d.study, "effect_id": d.effect, "outcome": "stress", "design": "rct",
                  "yi": d.yi.round(5), "vi": d.vi.round(6), "measure": "SMD"}).to_csv(
        Path(folder) / "several.csv", index=False)
    paths["four per study"] = Path(folder) / "several.csv"
    return paths


def run_scale(k, budget_s=60.0, budget_gb=2.0):
    """``impact synthesise`` on k effect sizes, in a child process: wall time and peak RSS."""
    import os

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        paths = scale_files(k, tmp)
        print(f"impact synthesise on {k:,} effect sizes (budget {budget_s:.0f} s, "
              f"{budget_gb:.0f} GB; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
        for label, path in paths.items():
            out = Path(tmp) / f"{path.stem}.json"
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            t0 = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "impact", "synthesise", str(path),
                                     "--output", str(out)], env=env, stderr=subprocess.PIPE,
                                    text=True)
            err = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            peak_gb = usage.ru_maxrss / 1024 ** 2  # kB on Linux
            if proc.returncode != 0:
                print(f"  {label}: exit {proc.returncode}\n{err[-2000:]}")
                ok = False
                continue
            res = json.loads(out.read_text())
            models = ", ".join(f"{m['design']} {m['model']} k={m['k']:,} est {m['estimate']:.4f}"
                               for m in res["models"])
            within = wall <= budget_s and peak_gb <= budget_gb
            ok &= within
            print(f"  {label:15s} {wall:7.1f} s  peak {peak_gb:5.2f} GB  "
                  f"{'within' if within else 'OVER'} budget; {models}")
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--studies", type=int, default=400)
    ap.add_argument("--per-study", type=int, default=5)
    ap.add_argument("--scale", type=int, default=200_000,
                    help="effect sizes for the impact synthesise scale run (0: skip)")
    ap.add_argument("--scale-only", action="store_true")
    args = ap.parse_args()
    if args.scale:
        ok = run_scale(args.scale)
        if args.scale_only:
            sys.exit(0 if ok else 1)
    import impact

    d = data(args.studies, args.per_study)
    best, cpu, fit = np.inf, np.inf, None
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        fit = impact.three_level(d.yi, d.vi, d.study)
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    print(f"three-level REML, {len(d)} effect sizes in {args.studies} studies "
          "(wall s, CPU s: on a shared machine the CPU time is the fairer figure)")
    print(f"  impact.three_level     {best:8.3f} s  cpu {cpu:8.3f} s  estimate {fit['estimate']:.6f} se "
          f"{fit['se']:.6f} sigma2 {fit['sigma2_study']:.6f} {fit['sigma2_within']:.6f}")
    if shutil.which("Rscript"):
        with tempfile.TemporaryDirectory() as tmp:
            csv = Path(tmp) / "d.csv"
            d.to_csv(csv, index=False)
            script = Path(tmp) / "b.R"
            script.write_text(R_SCRIPT)
            out = subprocess.run(["Rscript", str(script), str(csv)], capture_output=True,
                                 text=True, check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
        print(f"  metafor::rma.mv        {r['seconds']:8.3f} s  cpu {r['cpu']:8.3f} s  estimate {r['estimate']:.6f} se "
              f"{r['se']:.6f} sigma2 {r['sigma2'][0]:.6f} {r['sigma2'][1]:.6f}")
        print(f"  speed-up (CPU) {r['cpu'] / cpu:.0f}x; |estimate difference| "
              f"{abs(r['estimate'] - fit['estimate']):.2e}")
    else:
        print("  metafor::rma.mv        skipped (no Rscript)")
    from impact.synth.studies import synthesise_studies

    frame, _ = synthesise_studies(1)
    t0 = time.perf_counter()
    impact.synthesise_evidence(frame)
    print(f"impact.synthesise_evidence (synthetic study set, {len(frame)} effect sizes, every table) "
          f"{time.perf_counter() - t0:8.3f} s")


if __name__ == "__main__":
    main()
