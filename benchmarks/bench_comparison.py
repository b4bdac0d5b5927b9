"""Matching 10,000 participants against a 540,000-respondent pool (issue 24): time of each step.

    python benchmarks/bench_comparison.py [--programme 10000] [--pool 540000] [--ratio 1]
                                          [--replace] [--limit 30]

A synthetic programme and pool with planted confounding (impact.synth.comparison.
comparison_frame: age, sex, neighbourhood, baseline score) goes through the package's own steps
(impact.stats.matching): the design matrix, the logistic propensity model (IRLS), greedy
nearest-neighbour matching on the logit PS with a 0.2 SD caliper, the balance table before and
after, and the ATT by weighted least squares with SEs over matched sets and Abadie and Imbens's
(2016) adjustment for the estimated score (its nearest-neighbour searches over the whole
sample are part of the step); then the same with IPW
for the treated. Printed: the seconds of each step and the total for matching (model + matching
+ balance + estimate), which must stay under ``--limit`` (exit 1 otherwise). The machine may be
shared: single runs, reported as measured.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--programme", type=int, default=10_000)
    ap.add_argument("--pool", type=int, default=540_000)
    ap.add_argument("--ratio", type=int, default=1)
    ap.add_argument("--replace", action="store_true")
    ap.add_argument("--limit", type=float, default=30.0, help="seconds allowed for matching")
    a = ap.parse_args(argv)
    import numpy as np

    from impact.stats import matching as mt
    from impact.synth.comparison import comparison_frame

    t0 = time.perf_counter()
    d = comparison_frame(1, n_programme=a.programme, n_pool=a.pool)
    t_data = time.perf_counter() - t0
    covs = ["age", "female", "neighbourhood", "pre"]
    steps = {}
    t = time.perf_counter()
    treat = d["treat"].to_numpy()
    X, names, levels = mt.design_matrix(d, covs)
    pm = mt.propensity_score(X, treat, names=names)
    steps["propensity model"] = time.perf_counter() - t
    t = time.perf_counter()
    m = mt.nearest_neighbour(pm["distance"], treat, ratio=a.ratio, replace=a.replace,
                             caliper=0.2)
    steps["nearest-neighbour matching"] = time.perf_counter() - t
    t = time.perf_counter()
    Xb, nb, _ = mt.design_matrix(d, covs, levels=levels, all_levels=True)
    bal = mt.balance_table(Xb[:, 1:], nb[1:], treat, m["weights"])
    steps["balance table"] = time.perf_counter() - t
    t = time.perf_counter()
    rows, cl, w = mt.matched_rows(m)
    y = d["change"].to_numpy()
    est = mt.effect(y[rows], treat[rows], w, cluster=cl, distance=pm["distance"][rows],
                    ps_sample={"y": y, "X": None, "X_ps": X, "treat": treat,
                               "distance": pm["distance"]})
    steps["ATT, SE over sets + estimated PS"] = time.perf_counter() - t
    total = sum(steps.values())
    t = time.perf_counter()
    wi = mt.ipw_att(pm["ps"], treat)
    est_w = mt.effect(d["change"].to_numpy(), treat, wi)
    t_ipw = time.perf_counter() - t
    print(f"data: {a.programme:,} participants, pool {a.pool:,} (generated in {t_data:.1f} s)")
    for k, v in steps.items():
        print(f"  {k:32s} {v:6.2f} s")
    print(f"matching {a.programme:,} participants against {a.pool:,} (1:{a.ratio}, "
          f"{'with' if a.replace else 'without'} replacement, caliper 0.2 SD): {total:.2f} s "
          f"(limit {a.limit:.0f} s)")
    print(f"  matched {m['n_treated_matched']:,} participants to {m['n_control_matched']:,} "
          f"pool members; largest |SMD| after {max(abs(b['smd_after']) for b in bal):.3f}; "
          f"ATT {est['estimate']:.3f} (95% CI {est['ci_low']:.3f} to {est['ci_high']:.3f}); "
          f"planted -0.6")
    print(f"IPW for the treated (weights + estimate, model reused): {t_ipw:.2f} s; ATT "
          f"{est_w['estimate']:.3f}")
    return 0 if total <= a.limit else 1


if __name__ == "__main__":
    sys.exit(main())
