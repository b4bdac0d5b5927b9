"""Coverage of the three-level model's confidence interval in data with a planted truth.

``three_level_coverage(reps, seed)`` draws ``reps`` data sets from the three-level model
(:func:`impact.synth.studies.simulate_three_level`: 40 studies with 1-5 effect sizes each,
``mu = 0.3``, ``sigma2_study = 0.04``, ``sigma2_within = 0.02``, sampling variances U(0.01, 0.1)),
fits :func:`impact.three_level` to each and counts how often the 95% CI covers ``mu``. The full
run (``IMPACT_FULL_SIMULATION=1`` or ``python -m impact.synth.synthesis_validation``) uses 4,000
data sets; its figure is in docs/validation.md.
"""

from __future__ import annotations

import numpy as np

__all__ = ["three_level_coverage"]


def three_level_coverage(reps: int = 4000, seed: int = 20261129, *, mu=0.3, sigma2_study=0.04,
                         sigma2_within=0.02, n_studies=40, robust=False) -> dict:
    """Share of data sets whose 95% CI (model-based z, or cluster-robust t with
    ``robust=True``) covers the planted ``mu``; with its Monte Carlo standard error."""
    from ..stats.multilevel_meta import three_level
    from .studies import simulate_three_level

    rng = np.random.default_rng(seed)
    hits, done = 0, 0
    s2s, s2w, est = [], [], []
    for _ in range(reps):
        y, v, s = simulate_three_level(rng, mu=mu, sigma2_study=sigma2_study,
                                       sigma2_within=sigma2_within, n_studies=n_studies)
        r = three_level(y, v, s, robust=robust).data
        if r.get("estimate") is None:
            continue
        lo, hi = ((r["robust"]["ci_low"][0], r["robust"]["ci_high"][0]) if robust
                  else (r["ci_low"], r["ci_high"]))
        hits += lo <= mu <= hi
        done += 1
        s2s.append(r["sigma2_study"])
        s2w.append(r["sigma2_within"])
        est.append(r["estimate"])
    cov = hits / done
    return {"reps": done, "coverage": cov, "mc_se": float(np.sqrt(cov * (1 - cov) / done)),
            "mean_estimate": float(np.mean(est)), "mean_sigma2_study": float(np.mean(s2s)),
            "mean_sigma2_within": float(np.mean(s2w)), "seed": seed, "mu": mu,
            "sigma2_study": sigma2_study, "sigma2_within": sigma2_within,
            "n_studies": n_studies, "robust": robust}


if __name__ == "__main__":  # pragma: no cover - the full run for docs/validation.md
    import json
    import time

    t0 = time.perf_counter()
    out = {"model": three_level_coverage(), "robust": three_level_coverage(robust=True)}
    out["seconds"] = time.perf_counter() - t0
    print(json.dumps(out, indent=2))
