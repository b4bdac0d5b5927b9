"""Benchmark: agreement for 5,000 units x 3 coders with 1,000 bootstrap resamples (target <= 5 s).

Prints wall times (median of 3) for each level, the multi-label per-code path, and the CLI.
Run: ``python benchmarks/bench_agreement.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    import numpy as np
    import pandas as pd

    from impact.qual import coding_agreement, krippendorff_alpha

    rng = np.random.default_rng(2026)
    n_units, n_coders = 5000, 3
    truth = rng.integers(1, 8, n_units)
    data = np.where(rng.random((n_units, n_coders)) < 0.75, truth[:, None],
                    rng.integers(1, 8, (n_units, n_coders))).astype(float)
    data[rng.random(data.shape) < 0.05] = np.nan
    print("single alpha (no bootstrap), impact against the krippendorff package "
          "(median of 7; goal: no slower)")
    try:
        import krippendorff
    except ImportError:
        krippendorff = None
    for units in (200, 5000, 50000):
        t = rng.integers(1, 8, units)
        d = np.where(rng.random((units, n_coders)) < 0.75, t[:, None],
                     rng.integers(1, 8, (units, n_coders))).astype(float)
        d[rng.random(d.shape) < 0.05] = np.nan
        for level in ("nominal", "interval"):
            ours = timed(lambda: krippendorff_alpha(d, level, n_boot=0), repeat=7)
            line = f"  {units:6d} units {level:9s} impact {1000 * ours:8.2f} ms"
            if krippendorff is not None:
                theirs = timed(lambda: krippendorff.alpha(reliability_data=d.T,
                                                          level_of_measurement=level), repeat=7)
                line += f"   krippendorff {1000 * theirs:8.2f} ms   ratio {ours / theirs:.2f}"
            print(line)
    print(f"agreement benchmark: {n_units} units x {n_coders} coders, 1000 resamples")
    for level in ("nominal", "ordinal", "interval", "ratio"):
        s = timed(lambda: krippendorff_alpha(data, level, n_boot=1000, seed=1))
        print(f"  krippendorff_alpha {level:9s} {s:7.3f} s  (target <= 5 s)")
    s = timed(lambda: krippendorff_alpha(data, "nominal", n_boot=1000, seed=1, ci_method="hayes"))
    print(f"  krippendorff_alpha nominal, Hayes-Krippendorff bootstrap {s:7.3f} s")

    codes = [f"code_{k}" for k in range(12)]
    rows = []
    for u in range(n_units):
        base = set(rng.choice(codes, size=rng.integers(1, 3), replace=False))
        for c in range(n_coders):
            given = set(base)
            if rng.random() < 0.2:
                given.add(str(rng.choice(codes)))
            rows.extend((f"q{u:05d}", f"coder{c}", g) for g in given)
    codings = pd.DataFrame(rows, columns=["unit", "coder", "code"])
    s = timed(lambda: coding_agreement(codings, n_boot=1000, seed=1), repeat=1)
    print(f"  coding_agreement multi-label, 12 codes, per code  {s:7.3f} s  ({len(codings)} rows)")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "codings.csv"
        codings.to_csv(path, index=False)
        exe = [sys.executable, "-m", "impact", "agreement", str(path)]
        s = timed(lambda: subprocess.run(exe, check=True, capture_output=True), repeat=1)
        print(f"  impact agreement CLI (multi-label file)           {s:7.3f} s")


if __name__ == "__main__":
    main()
