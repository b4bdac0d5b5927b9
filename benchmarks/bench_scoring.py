"""Benchmark: score 1,000,000 respondents on mph + pss10 + djg11 (63 items) with ``impact.score``.

Prints wall time next to a bare NumPy pass over the same item array (keying, counting answered
items, sums and means, no validation) measured in the same run, and the peak memory of scoring
(tracemalloc, NumPy and pandas allocations) relative to the input frame. Targets (issue #3):
at most 1.5 s, within 3x of NumPy, peak memory at most 3x the input frame. Figures, not a test.

Run: ``python benchmarks/bench_scoring.py [N] [--psych M]``. With ``--psych M`` (needs Rscript and
psych) it also times ``psych::scoreItems`` (benchmarks/bench_scoring_psych.R) on M random
respondents of the mph + pss10 shape next to ``impact.score`` on the same shape.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc

import numpy as np


def make_frame(n, seed=1):
    import pandas as pd

    rng = np.random.default_rng(seed)
    cols = {"participant_id": np.arange(n), "wave": np.where(rng.random(n) < 0.5, "T0", "T1")}
    blocks = [("mph", 42, 0, 10), ("pss10", 10, 0, 4), ("djg11", 11, 1, 3)]
    for iid, k, lo, hi in blocks:
        for j in range(1, k + 1):
            x = rng.integers(lo, hi + 1, n).astype(float)
            x[rng.random(n) < 0.02] = np.nan  # 2% missing answers
            cols[f"{iid}_{j}"] = x
    return pd.DataFrame(cols)


def numpy_pass(x):
    """Bare NumPy scoring of the same (n, 63) float array: the floor we compare against."""
    mph, pss, djg = x[:, :42], x[:, 42:52].copy(), x[:, 52:63]
    out = {}
    ok = ~np.isnan(mph)
    filled = np.where(ok, mph, 0.0)
    for d in range(6):
        s = slice(7 * d, 7 * d + 7)
        a = ok[:, s].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"mph_{d}"] = np.where(a >= 4, filled[:, s].sum(axis=1) / a, np.nan)
    pss[:, [3, 4, 6, 7]] = 4 - pss[:, [3, 4, 6, 7]]
    ok = ~np.isnan(pss)
    a = ok.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["pss10"] = np.where(a >= 9, np.where(ok, pss, 0).sum(axis=1) * 10 / a, np.nan)
    neg = np.array([1, 2, 4, 5, 8, 9])
    pos = np.array([0, 3, 6, 7, 10])
    lonely = np.zeros(djg.shape)
    lonely[:, neg] = djg[:, neg] >= 2
    lonely[:, pos] = djg[:, pos] <= 2
    ok = ~np.isnan(djg)
    a = ok.sum(axis=1)
    out["djg11"] = np.where(a >= 10, (lonely * ok).sum(axis=1), np.nan)
    return out


def best_of(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main(n=1_000_000, repeat=5):
    import impact

    frame = make_frame(n)
    items = [c for c in frame.columns if c not in ("participant_id", "wave")]
    frame_bytes = frame.memory_usage(deep=True).sum()
    x = frame[items].to_numpy(dtype=float)
    insts = ["mph", "pss10", "djg11"]
    impact.score(frame.head(100), insts)  # warm up imports and the registry

    # interleaved, so a busy shared machine slows both sides alike
    np_times, sc_times = [], []
    for _ in range(repeat):
        np_times.append(best_of(lambda: numpy_pass(x), 1)[0])
        sc_times.append(best_of(lambda: impact.score(frame, insts), 1)[0])
    np_best, np_med = min(np_times), statistics.median(np_times)
    sc_best, sc_med = min(sc_times), statistics.median(sc_times)
    tracemalloc.start()
    result = impact.score(frame, insts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"respondents              {n:>12,d}  ({len(items)} items: mph + pss10 + djg11)")
    print(f"bare NumPy pass          {np_best:9.3f} s best  {np_med:7.3f} s median")
    print(f"impact.score             {sc_best:9.3f} s best  {sc_med:7.3f} s median"
          f"  (target <= 1.5 s)")
    print(f"ratio score / NumPy      {sc_best / np_best:9.2f} x best  "
          f"{sc_med / np_med:7.2f} x median  (target <= 3x)")
    print(f"input frame              {frame_bytes / 2**20:9.1f} MiB")
    print(f"peak traced memory       {peak / 2**20:9.1f} MiB = {peak / frame_bytes:.2f} x input"
          f"  (target <= 3x; includes the {result.memory_usage(deep=True).sum() / 2**20:.1f} MiB"
          f" result)")


def versus_psych(n):
    """psych::scoreItems (timed inside R, scoring only) against impact.score, mph + pss10."""
    import shutil
    import subprocess
    from pathlib import Path

    import impact

    if not shutil.which("Rscript"):
        print("psych comparison skipped: Rscript not found")
        return
    script = Path(__file__).with_name("bench_scoring_psych.R")
    proc = subprocess.run(["Rscript", str(script), str(n)], capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"psych comparison failed: {proc.stderr.strip()[:200]}")
        return
    r_seconds = float(proc.stdout.split()[-1])
    frame = make_frame(n)
    best, _ = best_of(lambda: impact.score(frame, ["mph", "pss10"]), 3)
    print(f"psych::scoreItems        {r_seconds:9.3f} s   ({n:,d} respondents, mph + pss10, "
          f"scoring inside R only)")
    print(f"impact.score             {best:9.3f} s   (same shape) -> {r_seconds / best:.0f}x faster")


if __name__ == "__main__":
    args = sys.argv[1:]
    psych_n = None
    if "--psych" in args:
        i = args.index("--psych")
        psych_n = int(args[i + 1])
        del args[i:i + 2]
    main(int(args[0]) if args else 1_000_000)
    if psych_n:
        versus_psych(psych_n)
