"""Evidence-synthesis benchmark: print wall times side by side (never a timed unit test).

    python benchmarks/bench_synthesis.py [--studies 400] [--per-study 5]

Three-level REML (``random = ~ 1 | study/effect``) on 2,000 effect sizes in 400 studies:
impact.three_level (closed-form compound-symmetric blocks, no dense k x k matrix) against
metafor::rma.mv on the same CSV in the same run (timed inside R, one fit: wall and CPU time; skipped
without Rscript), with the estimates of both so that agreement is visible. Also the whole
``impact.synthesise_evidence`` on the synthetic study set. The machine may be shared: figures are
reported as measured.
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--studies", type=int, default=400)
    ap.add_argument("--per-study", type=int, default=5)
    args = ap.parse_args()
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
