"""Coverage of the referral trend and the neighbourhood monitor against their planted truths.

``python -m impact.synth.monitor_validation --reps-referrals 2000 --reps-monitor 400
--write docs/validation.md`` regenerates the section "Referral trends and the neighbourhood
monitor" of docs/validation.md (between its markers); tests run a few replications.

Each replication draws a new synthetic data set (:func:`impact.synth.referrals.referral_register`,
:func:`impact.synth.monitor.monitor_survey`) and analyses it end to end with the package
(:func:`impact.stats.counts.count_trend`; :func:`impact.instruments.score` +
:func:`impact.stats.survey.neighbourhood_monitor`). Truths: the planted rate ratio; the expected
observed monitor means of a fixed population (:func:`impact.synth.monitor.monitor_truth`).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["referral_coverage", "monitor_coverage", "to_markdown"]

BEGIN = "<!-- begin: referrals-monitor (impact.synth.monitor_validation) -->"
END = "<!-- end: referrals-monitor -->"


def _mc(p, n):
    return math.sqrt(p * (1 - p) / n) if n else math.nan


def referral_coverage(reps: int, seed: int = 1, *, theta=None, rate_ratio=1.35) -> dict:
    """Coverage of the 95% CI of the yearly rate ratio (36 months, model chosen by the test)."""
    from ..stats.counts import count_trend
    from .referrals import referral_register

    hits, wald, est, nb = 0, 0, [], 0
    for r in range(reps):
        frame, truth = referral_register(seed * 100_000 + r, theta=theta, rate_ratio=rate_ratio)
        t = count_trend(truth["monthly_counts"]).data
        hits += t["ci_low"] <= rate_ratio <= t["ci_high"]
        wald += t["wald_ci_low"] <= rate_ratio <= t["wald_ci_high"]
        est.append(math.log(t["rate_ratio_per_year"]))
        nb += t["model"] == "negative_binomial"
    cov = hits / reps
    return {"scenario": "referrals-" + ("poisson" if theta is None else f"negbin-theta{theta:g}"),
            "estimator": "rate ratio per year", "reps": reps, "truth": rate_ratio,
            "mean_estimate": float(math.exp(np.mean(est))), "coverage": cov,
            "mc_se": _mc(cov, reps), "share_negative_binomial": nb / reps,
            "coverage_wald": wald / reps}


def monitor_coverage(reps: int, seed: int = 1) -> list[dict]:
    """Coverage of the monitor's means, differences from the rest of the city and DiDs (all cells)."""
    import pandas as pd

    from ..instruments import score
    from ..stats.survey import neighbourhood_monitor
    from .monitor import WIJZER_IN_DE_WIJK, monitor_survey, monitor_truth

    truth = monitor_truth()
    rounds = [str(r) for r in WIJZER_IN_DE_WIJK["rounds"]]
    keys = {"estimates": (["neighbourhood", "round", "outcome"], "mean", "ci_low", "ci_high"),
            "differences": (["neighbourhood", "round", "outcome"], "difference", "ci_low",
                            "ci_high"),
            "did": (["neighbourhood", "outcome"], "did", "did_ci_low", "did_ci_high")}
    tables = {k: pd.DataFrame(truth[k]).assign(round=lambda d: d["round"].astype(str))
              if "round" in truth[k][0] else pd.DataFrame(truth[k]) for k in keys}
    tally = {k: [0, 0, 0.0] for k in keys}
    for r in range(reps):
        survey = monitor_survey(seed * 100_000 + r)
        ids = survey[["respondent_id", "round"]].rename(
            columns={"respondent_id": "participant_id", "round": "wave"})
        scores = score(survey.drop(columns=["respondent_id", "round"]).assign(**ids), ["mph"])
        data = survey[["round", "neighbourhood", "weight"]].assign(
            round=survey["round"].astype(str))
        outcomes = [c for c in scores.columns if c.startswith("mph_") and c != "mph_answered"]
        for c in outcomes:
            data[c] = scores[c].to_numpy(dtype=float)
        res = neighbourhood_monitor(data, outcomes, rounds=rounds)
        for k, (on, col, lo, hi) in keys.items():
            est = getattr(res, k)
            if "round" in on:
                est = est.assign(round=est["round"].astype(str))
            merged = est.merge(tables[k], on=on, suffixes=("", "_truth")).dropna(subset=[lo, hi])
            t = merged[f"{col}_truth"]
            tally[k][0] += int(((merged[lo] <= t) & (t <= merged[hi])).sum())
            tally[k][1] += len(merged)
            tally[k][2] += float((merged[col] - t).sum())
    rows = []
    names = {"estimates": "weighted mean per neighbourhood, round, outcome",
             "differences": "difference from the rest of the city",
             "did": "difference-in-differences (first vs last round, vs rest of the city)"}
    for k, (hit, n, bias) in tally.items():
        cov = hit / n
        rows.append({"scenario": "wijzer-in-de-wijk", "estimator": names[k], "reps": reps,
                     "intervals": n, "coverage": cov, "mean_bias": bias / n,
                     "mc_se": _mc(cov, reps * (n // max(reps, 1)) // 10 or 1)})
    return rows


def to_markdown(ref_rows, mon_rows, seed) -> str:
    lines = [BEGIN, "", "## Referral trends and the neighbourhood monitor", "",
             f"*Generated by `python -m impact.synth.monitor_validation --write docs/validation.md"
             f" --reps-referrals {ref_rows[0]['reps']} --reps-monitor {mon_rows[0]['reps']}` "
             f"(seed {seed}); a small version runs in CI (tests/test_monitor.py).*", "",
             "Referral registers of 36 months with a planted rate ratio of 1.35 per year "
             "(Poisson, and negative binomial with theta = 5); the trend model is chosen by the "
             "overdispersion test as `impact referrals` does. Monitor: the synthetic Wijzer in de "
             "Wijk survey (10 neighbourhoods, 4 rounds, 1,900 respondents per round, weights "
             "correcting a planted age imbalance, 42 Positive Health items scored by the "
             "package); truth = expected observed means of a population of 200,000 per cell.",
             "", "| scenario | estimator | replications | coverage | mc_se | notes |",
             "|---|---|---|---|---|---|"]
    for r in ref_rows:
        lines.append(f"| {r['scenario']} | {r['estimator']} | {r['reps']} | "
                     f"{100 * r['coverage']:.1f}% | {100 * r['mc_se']:.1f} | geometric mean "
                     f"{r['mean_estimate']:.3f} (truth {r['truth']}); negative binomial chosen in "
                     f"{100 * r['share_negative_binomial']:.0f}%; the Wald interval would cover "
                     f"{100 * r['coverage_wald']:.1f}% |")
    for r in mon_rows:
        lines.append(f"| {r['scenario']} | {r['estimator']} | {r['reps']} | "
                     f"{100 * r['coverage']:.1f}% | {100 * r['mc_se']:.1f} | {r['intervals']} "
                     f"intervals; mean bias {r['mean_bias']:+.4f} |")
    lines += ["", "The monitor's `mc_se` is approximate: the intervals of one replication are "
              "correlated (counted as ten effective intervals per replication).", "",
              "The Poisson model's interval is the Wald interval (`confint.default`). The "
              "negative binomial's is the profile-likelihood interval with theta re-estimated at "
              "each value and the F(1, n - 3) reference "
              "(`impact.stats.counts.nb_profile_interval`; checked against `MASS::glm.nb` "
              "profiles in tests/fixtures/referrals_monitor.R): the Wald interval of "
              "`summary(glm.nb)` treats the estimated theta as known and covers less than 95% "
              "in 36 months, as the last column shows.", "", END, ""]
    return "\n".join(lines)


def _write(path, text):
    from pathlib import Path

    p = Path(path)
    old = p.read_text(encoding="utf-8") if p.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        new = head + text + tail
    else:
        new = old.rstrip("\n") + "\n\n" + text
    p.write_text(new, encoding="utf-8")


def _referral_scenario(args):
    reps, seed, theta = args
    return referral_coverage(reps, seed, theta=theta)


def main(argv=None):
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps-referrals", type=int, default=200)
    ap.add_argument("--reps-monitor", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write")
    a = ap.parse_args(argv)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=2) as pool:    # the two scenarios side by side
        ref = list(pool.map(_referral_scenario, [(a.reps_referrals, a.seed, None),
                                                 (a.reps_referrals, a.seed, 5.0)]))
    mon = monitor_coverage(a.reps_monitor, a.seed)
    text = to_markdown(ref, mon, a.seed)
    if a.write:
        _write(a.write, text)
    print(text)


if __name__ == "__main__":  # pragma: no cover
    main()
