"""Bias and 95% CI coverage of the comparison-group and waiting-list estimators under planted
confounding (issue 24).

``python -m impact.synth.comparison_validation --reps 2000 --reps-waiting 1000 --write
docs/validation.md`` regenerates the section "Comparison groups and waiting lists" of
docs/validation.md (between its markers); tests run a few replications.

Each replication draws a new programme (200 people) and pool (2,000) from
:func:`impact.synth.comparison.comparison_frame` (referral more likely for the lonelier at the
start, older people and women; loneliness regresses to the mean; planted ATT -0.6) and estimates
the effect with the package's own functions (:mod:`impact.stats.matching`): nearest-neighbour
matching 1:1 on the logit PS (caliper 0.2 SD, without replacement; SE over matched sets),
1:3 with replacement (SE over matched sets plus the reuse of comparison persons,
:func:`impact.stats.matching.wls_matched_replace`), both SEs with Abadie and Imbens's (2016)
adjustment for the estimated score (:func:`impact.stats.matching.att_ps_adjustment`), and IPW
for the treated (SE by stacked M-estimation with the propensity model), each with the
difference in change and with ANCOVA. As checks, not estimators of the package: the matched
estimates with the SE that treats the score as known, 1:3 matching on the true score
(:func:`impact.synth.comparison.referral_logit`) and IPW with the svyglm SE that treats the
weights as known. Beside them the two naive estimates a study without a proper comparison
reports: the programme's own before-and-after change and the unadjusted difference in change
against the whole pool. Waiting lists: :func:`impact.synth.comparison.waiting_list_frame` (eight
groups of ten, waits of 4-18 weeks, a time trend of 0.03 per week, planted effect -0.6) through
:func:`impact.stats.waitlist.waiting_list_model`; naive there is the change from the start to the
end of the programme, which includes the time trend.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["comparison_coverage", "waiting_list_coverage", "to_markdown"]

BEGIN = "<!-- begin: comparison (impact.synth.comparison_validation) -->"
END = "<!-- end: comparison -->"
COVARIATES = ["age", "female", "neighbourhood", "pre"]


def _mc(p, n):
    return math.sqrt(p * (1 - p) / n) if n else math.nan


def _one(d, truth):
    from ..stats import matching as mt

    t = d["treat"].to_numpy()
    X, names, _ = mt.design_matrix(d, COVARIATES)
    pm = mt.propensity_score(X, t, names=names)
    change, post, pre = (d[c].to_numpy(float) for c in ("change", "post", "pre"))
    out = {}
    designs = {}
    for key, ratio, replace in (("matched_1to1", 1, False), ("matched_1to3_repl", 3, True)):
        m = mt.nearest_neighbour(pm["distance"], t, ratio=ratio, replace=replace, caliper=0.2)
        designs[key] = mt.matched_rows(m)
    for key, (rows, cl, rw) in designs.items():
        dist = pm["distance"][rows]
        sample = {"X_ps": X, "treat": t, "distance": pm["distance"]}
        out[f"{key}_change"] = mt.effect(change[rows], t[rows], rw, cluster=cl, distance=dist,
                                         ps_sample={**sample, "y": change, "X": None})
        out[f"{key}_ancova"] = mt.effect(post[rows], t[rows], rw, X=pre[rows][:, None],
                                         cluster=cl, distance=dist,
                                         ps_sample={**sample, "y": post, "X": pre[:, None]})
    from scipy import stats

    for key in [k for k in out if k.startswith("matched_")]:
        e = out[key]          # the same estimate with the SE that treats the score as known
        q = (e["ci_high"] - e["estimate"]) / e["se"]
        s0 = e["se_ps_known"]
        out[f"{key}_known"] = {"estimate": e["estimate"], "se": s0,
                               "ci_low": e["estimate"] - q * s0,
                               "ci_high": e["estimate"] + q * s0}
    # matching on the true score (known in a simulation only), with the SE for a known score
    from .comparison import referral_logit

    true = referral_logit(d, n_programme=int(t.sum()), n_pool=int((t == 0).sum()))
    m = mt.nearest_neighbour(true, t, ratio=3, replace=True, caliper=0.2)
    rows, cl, rw = mt.matched_rows(m)
    out["matched_1to3_repl_change_true_ps"] = mt.effect(change[rows], t[rows], rw, cluster=cl,
                                                        distance=true[rows])
    out["weighted_change"] = mt.ipw_att_effect(change, t, X)
    out["weighted_ancova"] = mt.ipw_att_effect(post, t, X, X=pre[:, None])
    w = mt.ipw_att(pm["ps"], t)
    out["weighted_change_known"] = mt.effect(change, t, w)
    ch = change[t == 1]
    m_, s_ = float(ch.mean()), float(ch.std(ddof=1) / math.sqrt(len(ch)))
    q = float(stats.t.ppf(0.975, len(ch) - 1))
    out["naive_before_after"] = {"estimate": m_, "ci_low": m_ - q * s_, "ci_high": m_ + q * s_}
    out["naive_unadjusted"] = mt.effect(change, t, np.ones(len(d)))
    return out


def comparison_coverage(reps: int, seed: int = 1, *, n_programme: int = 200,
                        n_pool: int = 2000, effect: float = -0.6) -> dict:
    """Bias, empirical SE, mean SE and coverage of each estimator over ``reps`` data sets."""
    from .comparison import comparison_frame

    acc: dict = {}
    for r in range(reps):
        d = comparison_frame(seed * 100_000 + r, n_programme=n_programme, n_pool=n_pool,
                             effect=effect)
        for key, e in _one(d, effect).items():
            a = acc.setdefault(key, {"est": [], "se": [], "hit": 0, "adj": []})
            a["est"].append(e["estimate"])
            a["se"].append(e.get("se", math.nan))
            if "ps_adjustment" in e:
                a["adj"].append(e["ps_adjustment"])
            a["hit"] += e["ci_low"] <= effect <= e["ci_high"]
    return _summary(acc, reps, effect)


def _summary(acc, reps, truth):
    out = {"reps": reps, "truth": truth, "estimators": {}}
    for key, a in acc.items():
        est = np.array(a["est"])
        cover = a["hit"] / reps
        out["estimators"][key] = {"bias": float(est.mean() - truth),
                                  "mc_se_bias": float(est.std(ddof=1) / math.sqrt(reps)),
                                  "empirical_se": float(est.std(ddof=1)),
                                  "mean_se": float(np.nanmean(a["se"])) if np.isfinite(
                                      a["se"]).any() else None,
                                  "coverage": cover, "mc_se_coverage": _mc(cover, reps)}
        if a.get("adj"):
            out["estimators"][key]["mean_ps_adjustment"] = float(np.mean(a["adj"]))
    return out


def waiting_list_coverage(reps: int, seed: int = 1, *, effect: float = -0.6,
                          trend: float = 0.03) -> dict:
    """The waiting-list model (and the naive start-to-end change) over ``reps`` data sets."""
    from scipy import stats

    from ..stats.waitlist import waiting_list_model

    acc: dict = {}
    for r in range(reps):
        d = waiting_list_frame_cached(seed * 100_000 + r, effect, trend)
        res = waiting_list_model(d, "score", signup="T-1", start="T0", end="T1",
                                 time="weeks").data
        a = acc.setdefault("waiting_list_model", {"est": [], "se": [], "hit": 0})
        a["est"].append(res["estimate"])
        a["se"].append(res["se"])
        a["hit"] += res["ci_low"] <= effect <= res["ci_high"]
        wide = d.pivot_table(index="participant_id", columns="wave", values="score")
        ch = (wide["T1"] - wide["T0"]).dropna().to_numpy()
        m_, s_ = float(ch.mean()), float(ch.std(ddof=1) / math.sqrt(len(ch)))
        q = float(stats.t.ppf(0.975, len(ch) - 1))
        a = acc.setdefault("naive_start_to_end", {"est": [], "se": [], "hit": 0})
        a["est"].append(m_)
        a["se"].append(s_)
        a["hit"] += m_ - q * s_ <= effect <= m_ + q * s_
    return _summary(acc, reps, effect)


def waiting_list_frame_cached(seed, effect, trend):
    from .comparison import waiting_list_frame

    return waiting_list_frame(seed, effect=effect, trend=trend)


_LABELS = {
    "naive_before_after": "Naive: the programme's own before-and-after change",
    "naive_unadjusted": "Naive: difference in change against the whole pool",
    "matched_1to1_change": "Matched 1:1 (caliper 0.2), difference in change",
    "matched_1to1_ancova": "Matched 1:1 (caliper 0.2), ANCOVA",
    "matched_1to3_repl_change": "Matched 1:3 with replacement, difference in change",
    "matched_1to3_repl_ancova": "Matched 1:3 with replacement, ANCOVA",
    "matched_1to1_change_known": "Matched 1:1, difference in change, SE treating the "
                                 "propensity score as known (not used by the package)",
    "matched_1to1_ancova_known": "Matched 1:1, ANCOVA, SE treating the propensity score as "
                                 "known (not used by the package)",
    "matched_1to3_repl_change_known": "Matched 1:3 with replacement, difference in change, SE "
                                      "treating the propensity score as known (not used by the "
                                      "package)",
    "matched_1to3_repl_ancova_known": "Matched 1:3 with replacement, ANCOVA, SE treating the "
                                      "propensity score as known (not used by the package)",
    "matched_1to3_repl_change_true_ps": "Matched 1:3 with replacement, difference in change, "
                                        "on the true propensity score (simulation only; SE for "
                                        "a known score)",
    "weighted_change": "IPW for the treated, difference in change",
    "weighted_ancova": "IPW for the treated, ANCOVA",
    "weighted_change_known": "IPW, difference in change, SE treating the weights as known "
                             "(svyglm; not used by the package)",
    "naive_start_to_end": "Naive: change from the start to the end of the programme",
    "waiting_list_model": "Waiting-list mixed model (period, time, group, participant)",
}


def to_markdown(comp: dict, wait: dict, minutes: float | None = None) -> str:
    """The docs/validation.md section (between the markers); ``minutes``: the CPU time the run
    took (said in the text when given)."""
    lines = [BEGIN, "", "## Comparison groups and waiting lists", "",
             f"Generated by `python -m impact.synth.comparison_validation --reps {comp['reps']} "
             f"--reps-waiting {wait['reps']} --write docs/validation.md`"
             + (f" ({minutes:.0f} CPU-minutes)" if minutes is not None else "") + ". "
             "Planted confounding: "
             "people with higher loneliness at the start, older people and women are more often "
             "referred (standardised difference of the baseline score about 0.8), and "
             "loneliness regresses to the mean between the two measurements. Planted effect on "
             f"the treated {comp['truth']}; 200 participants and a pool of 2,000 per data set "
             "(impact.synth.comparison.comparison_frame). Waiting lists: eight groups of ten "
             "starting after 4-18 weeks, a trend of 0.03 per week and the same planted effect.",
             "", "| Estimator | Bias (MC SE) | Empirical SE | Mean SE | 95% CI coverage (MC SE) |",
             "|---|---|---|---|---|"]
    def rank(key):
        return (2 if key.startswith("naive") else
                1 if key.endswith(("_known", "_true_ps")) else 0)

    for block in (comp, wait):
        for key, s in sorted(block["estimators"].items(), key=lambda kv: rank(kv[0])):
            mean_se = f"{s['mean_se']:.3f}" if s["mean_se"] is not None else "-"
            flag = ("" if key.startswith("naive") or key.endswith("_known")
                    or 0.94 <= s["coverage"] <= 0.96 else " outside 94-96%")
            lines.append(f"| {_LABELS.get(key, key)} | {s['bias']:+.3f} ({s['mc_se_bias']:.3f}) "
                         f"| {s['empirical_se']:.3f} | {mean_se} | {100 * s['coverage']:.1f}% "
                         f"({100 * s['mc_se_coverage']:.1f}){flag} |")
    est = comp["estimators"]
    rd, kn = est.get("matched_1to3_repl_change", {}), est.get("matched_1to3_repl_change_known", {})
    tp = est.get("matched_1to3_repl_change_true_ps", {})
    check = ""
    if rd and tp and "mean_ps_adjustment" in rd:
        check = (f" Matched on the true score (known only in a simulation) the estimate varies "
                 f"more: empirical SE {tp['empirical_se']:.3f} against {rd['empirical_se']:.3f} "
                 f"on the estimated score: estimating the score takes "
                 f"{1e4 * (tp['empirical_se'] ** 2 - rd['empirical_se'] ** 2):.1f} x 1e-4 off "
                 f"the variance, the adjustment {-1e4 * rd['mean_ps_adjustment']:.1f} x 1e-4 "
                 f"on average; the SE for a known score covers {100 * tp['coverage']:.1f}% "
                 f"there.")
    before = (f" Without the adjustment (rows 'SE treating the propensity score as known') "
              f"the difference in change after matching 1:3 with replacement had a mean SE of "
              f"{kn['mean_se']:.3f} and covered {100 * kn['coverage']:.1f}%; with it "
              f"{rd['mean_se']:.3f} and {100 * rd['coverage']:.1f}%." if rd and kn else "")
    lines += ["", "Reading: the naive estimates carry the selection (regression to the mean of "
              "the lonelier who are referred, and for a waiting list the change that happens "
              "anyway); matching and weighting on the propensity score of the measured "
              "covariates and baseline score, and the waiting-list model, remove it when, as "
              "here, referral depends on what was measured. They cannot remove confounding by "
              "what was not measured: that is what the E-value in the report is for. Matching "
              "with replacement takes the SE over matched sets and adds the covariance of a "
              "comparison person used in several sets, with that person's conditional variance "
              "estimated from the nearest other comparison person on the propensity score "
              "(Abadie and Imbens 2006; impact.stats.matching.wls_matched_replace); clustering "
              "two ways, by set and by person (vcovCL, as MatchIt's vignette suggests), puts "
              "the squared residual in that place, which also holds how far the person's "
              "expected change lies from the average, and is wider still. Every matched SE "
              "then gets Abadie and Imbens's (2016, Econometrica 84:781) adjustment for a "
              "propensity score that was estimated (logistic regression by maximum "
              "likelihood), -c' J^-1 c + dtau' J^-1 dtau "
              "(impact.stats.matching.att_ps_adjustment): estimating the score balances the "
              "sample's own covariates, which takes out part of the variation of the outcome "
              "that the score's covariates explain within a score (here the baseline score, "
              "which change depends on), so the SE for a known score is too wide. The "
              "same adjustment is applied to 1:1 matching without replacement (the pool is ten "
              "times the programme, so its matches are nearly those with replacement; the "
              "theorem is for matching with replacement) and to ANCOVA on matched data, on "
              "the outcome less the baseline's fitted part (the regression on matched data is "
              "the matched difference of that outcome); with the baseline score in the outcome "
              "model little is left for the adjustment to take." + before + check +
              " The SE that treats IPW weights as known (svyglm) is conservative for the same "
              "reason, which is why the package's IPW interval comes from stacked "
              "M-estimation with the propensity model.", "", END]
    return "\n".join(lines)


def main(argv=None):
    import argparse
    from pathlib import Path

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=2000)
    ap.add_argument("--reps-waiting", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", help="docs/validation.md: replace the section between markers")
    a = ap.parse_args(argv)
    import time

    t0 = time.process_time()
    comp = comparison_coverage(a.reps, a.seed)
    wait = waiting_list_coverage(a.reps_waiting, a.seed)
    md = to_markdown(comp, wait, (time.process_time() - t0) / 60)
    if a.write:
        path = Path(a.write)
        text = path.read_text(encoding="utf-8")
        if BEGIN in text:
            text = text[:text.index(BEGIN)] + md + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n" + md + "\n"
        path.write_text(text, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
