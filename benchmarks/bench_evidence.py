"""Benchmark of the evidence and integration layers: prints wall times.

Run with ``python benchmarks/bench_evidence.py``. Sizes are far above a real programme
(thousands of participants, dozens of codes, 100 outcomes) so that a slow path shows.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

import impact


def timed(label, func, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    print(f"{label:<48} {min(times):8.4f} s")


def main():
    rng = np.random.default_rng(1)
    n, k = 10_000, 50
    ids = [f"P{i:05d}" for i in range(n)]
    change = pd.DataFrame({"participant_id": ids,
                           "category": rng.choice(["improved", "unchanged", "deteriorated"], n),
                           "change": rng.normal(-3, 6, n)})
    codes = pd.DataFrame(rng.integers(0, 2, (n, k)), index=ids,
                         columns=[f"theme{j}/code{j}" for j in range(k)])
    timed(f"themes_by_change ({n} participants, {k} codes)",
          lambda: impact.themes_by_change(change, codes, min_cell_size=10))
    timed(f"side_by_side ({n} participants)",
          lambda: impact.side_by_side(change, codes, min_cell_size=10), repeat=1)
    outcomes = [{"outcome": f"pss10_x{i}", "n_paired": 40, "mean_baseline": 20.0,
                 "mean_change": -3.0, "ci_low": -5.0, "ci_high": -1.0, "d_z": -0.5,
                 "d_z_ci": [-0.8, -0.2], "baseline": "T0", "followup": "T1"} for i in range(100)]
    results = {"outcomes": outcomes, "flow": {"with_baseline": 50, "paired": 40}, "pooled": []}
    timed("grade_certainty (100 outcomes)", lambda: impact.grade_certainty(results).to_frame())
    spec = {"inputs": 1e5, "outcomes": [{"name": f"o{i}", "quantity": 10, "proxy": 100,
                                         "duration": 10, "drop_off": 0.2} for i in range(50)]}
    timed("sroi + sensitivity (50 outcomes, 10 years)",
          lambda: impact.sroi(spec).sensitivity())


if __name__ == "__main__":
    main()
