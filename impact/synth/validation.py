"""Validation by simulation: bias, CI coverage and type-I error of the package's estimators.

Many synthetic cohorts are generated at item level with the planted-truth models of
:mod:`impact.synth` (answers rounded and clipped exactly as respondents tick them), scored, and
analysed; every estimate is compared with the *expected observed* value of the same model in a
fixed population of 200,000 participants. All studies of a scenario are one array of shape
``(studies, n)``, so 10,000 studies take about a second.

Estimators checked
------------------
* mean change with its t interval and paired t-test p (:func:`impact.paired_change`; the
  vectorised :func:`impact.stats.power.ttest_paired_many` gives identical numbers, tested);
* ``d_z`` and its noncentral-t interval, by calling :func:`impact.paired_change` itself on the
  first ``reps_public`` studies;
* the Wilcoxon signed-rank test (R's ``wilcox.test`` rules, :func:`wilcoxon_paired_many`);
* the share of participants with reliable improvement (Jacobson and Truax 1991, with the
  instrument's reliability and SD) with an exact Clopper-Pearson interval.
* Scenario "In Beeld" adds attrition that depends on baseline plus regression to the mean and
  site heterogeneity, and compares the complete-case mean change with the change of everybody
  enrolled (the estimand funders ask about) and of completers; it also pools the three groups
  with :func:`impact.meta_analysis` (random effects, REML and DerSimonian-Laird).
* Scenario "Welzijn op Recept" (three waves, drop-out by baseline) checks the T2 term of the
  random-intercept mixed model (:func:`impact.fit_random_intercept`, REML, Satterthwaite df)
  and of the site-level model of :func:`impact.mixed_model` (``site_col``: site, site x wave
  and participant-within-site random effects) against the change of everybody enrolled.
* The ``-homogeneous`` variants remove the heterogeneity between groups or neighbourhoods, to
  show which part of any under-coverage it causes.

Run ``python -m impact.synth.validation --write docs/validation.md`` to regenerate the
documentation table (``--reps`` studies per scenario, default 10,000).
"""

from __future__ import annotations

import math

import numpy as np

from .._result import TableResult

__all__ = ["validate", "ValidationResult", "SCENARIOS"]

_POP = 200_000
_POP_SEED = 20_261_125

SCENARIOS = {
    "kor-null": "Kunst op Recept model (PSS-10 items), n = 35, no true change",
    "kor-effect": "Kunst op Recept model (PSS-10 items), n = 35, planted latent d_z = 0.75",
    "kor-small": "Kunst op Recept model (PSS-10 items), one group of n = 8, latent d_z = 0.75",
    "in-beeld": "In Beeld model (SWEMWBS items), 3 groups of 8, attrition by baseline, "
                "regression to the mean, site heterogeneity; complete cases",
    "in-beeld-homogeneous": "as in-beeld but without heterogeneity between the groups",
    "welzijn": "Welzijn op Recept model (DJG-11 items), 4 neighbourhoods of 15, waves T0, T1, "
               "T2, drop-out by baseline; change T0 to T2",
    "welzijn-homogeneous": "as welzijn but without heterogeneity between the neighbourhoods",
}


class ValidationResult(TableResult):
    """One row per scenario and estimator; ``to_markdown()`` for the documentation."""

    def to_markdown(self, digits=3):
        cols = ["scenario", "estimator", "n", "reps", "truth", "mean_estimate", "bias",
                "coverage", "rejection_rate", "mc_se"]
        head = "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n"
        lines = []
        for r in self.rows:
            cells = []
            for c in cols:
                v = r.get(c)
                if v is None or (isinstance(v, float) and math.isnan(v)):
                    cells.append("")
                elif c in ("coverage", "rejection_rate"):
                    cells.append(f"{100 * v:.1f}%")
                elif isinstance(v, float):
                    cells.append(f"{v:.{digits}f}")
                else:
                    cells.append(str(v))
            lines.append("| " + " | ".join(cells) + " |")
        return head + "\n".join(lines) + "\n"


def _pss10_scores(theta, rng):
    from .cohorts import _pss10_items, _pss10_observed

    flat = theta.ravel()
    return _pss10_observed(_pss10_items(flat, rng, 0.8)).reshape(theta.shape)


def _kor_pairs(shape, rng, effect):
    """Observed PSS-10 baseline and follow-up for an array ``shape`` of participants."""
    from .cohorts import KOR

    m, sd, mu, sdc = (KOR[k] for k in ("baseline_mean", "baseline_sd", "mean_change",
                                       "sd_change"))
    if effect:
        theta0 = rng.normal(m, sd, shape)
        theta1 = theta0 + rng.normal(mu, sdc, shape)
    else:  # exchangeable waves: the distribution of scores is the same at both waves
        share_u = sdc ** 2 / (2 * sd ** 2)
        t = rng.normal(m, sd * math.sqrt(1 - share_u), shape)
        theta0 = t + rng.normal(0, sd * math.sqrt(share_u), shape)
        theta1 = t + rng.normal(0, sd * math.sqrt(share_u), shape)
    return _pss10_scores(theta0, rng), _pss10_scores(theta1, rng)


def _in_beeld_pairs(reps, rng, population=False, homogeneous=False):
    """Observed SWEMWBS pairs for ``reps`` In Beeld studies (NaN follow-up = dropped out)."""
    import copy

    from .programmes import IN_BEELD, _answers, _latent, _observed

    spec = IN_BEELD
    if homogeneous:
        spec = copy.deepcopy(IN_BEELD)
        for o in spec["outcomes"].values():
            o["site_sd"] = 0.0
    per, k = spec["per_site"], len(spec["sites"])
    n = per * k
    total = reps * n
    sites = np.arange(total) if population else np.repeat(np.arange(reps * k), per)
    base, change, present = _latent(spec, total, sites, int(sites.max()) + 1, rng)
    pre = _observed(spec, _answers(spec, base, rng))["swemwbs_score"]
    post = _observed(spec, _answers(spec, {o: base[o] + change[o]["T1"] for o in base},
                                    rng))["swemwbs_score"]
    done = present["T1"]
    shape = (reps, n)
    return pre.reshape(shape), post.reshape(shape), done.reshape(shape)


def _programme_scores(spec, outcome, reps, rng, population=False, homogeneous=False):
    """Observed scores per wave, shape ``(reps, n)``, and presence masks, for one outcome."""
    import copy

    from .programmes import _answers, _latent, _observed

    spec = copy.deepcopy(spec)
    spec["outcomes"] = {outcome: spec["outcomes"][outcome]}
    if homogeneous:
        spec["outcomes"][outcome]["site_sd"] = 0.0
    spec["primary"] = outcome
    per, k = spec["per_site"], len(spec["sites"])
    n = per * k
    total = reps * n
    sites = np.arange(total) if population else np.repeat(np.arange(reps * k), per)
    base, change, present = _latent(spec, total, sites, int(sites.max()) + 1, rng)
    waves = spec["waves"]
    scores = {waves[0]: _observed(spec, _answers(spec, base, rng))[outcome].reshape(reps, n)}
    for w in waves[1:]:
        latent = {o: base[o] + change[o][w] for o in base}
        scores[w] = _observed(spec, _answers(spec, latent, rng))[outcome].reshape(reps, n)
    return scores, {w: m.reshape(reps, n) for w, m in present.items()}


def _pooled_rows(name, diff, k_sites, truth, reps_public):
    """Random-effects pooled mean change over the groups with :func:`impact.meta_analysis`."""
    from ..stats import meta_analysis

    reps, n = diff.shape
    per = n // k_sites
    g = diff.reshape(reps, k_sites, per)
    m = min(reps_public, reps)
    rows = []
    for method, test in (("REML", "z"), ("DL", "z"), ("REML", "knha")):
        est = np.full((m, 3), np.nan)
        for i in range(m):
            d = g[i]
            cnt = (~np.isnan(d)).sum(axis=1)
            ok = cnt >= 2
            if ok.sum() < 2:
                continue
            mean = np.nanmean(d[ok], axis=1)
            var = np.nanvar(d[ok], axis=1, ddof=1) / cnt[ok]
            if np.any(var <= 0):
                continue
            r = meta_analysis(mean, var, method=method, test=test).to_dict()
            est[i] = (r["estimate"], r["ci_low"], r["ci_high"])
        label = method if test == "z" else f"{method}, Hartung-Knapp"
        rows.append(_row(name, f"pooled mean change over groups (random effects, {label})",
                         n, m, truth, est[:, 0], est[:, 1], est[:, 2],
                         note="estimand: change of those who complete"))
    return rows


def _welzijn_rows(name, reps, rng, pop_rng, reps_public):
    from ..stats import fit_random_intercept
    from ..stats.power import ttest_paired_many
    from .programmes import WELZIJN_OP_RECEPT

    outcome = "djg11_score"
    hom = name.endswith("homogeneous")
    sc, pr = _programme_scores(WELZIJN_OP_RECEPT, outcome, reps, rng, homogeneous=hom)
    psc, ppr = _programme_scores(WELZIJN_OP_RECEPT, outcome, _POP // 60, pop_rng,
                                 population=True, homogeneous=hom)
    d_all = (psc["T2"] - psc["T0"]).ravel()
    d_done = (psc["T2"] - psc["T0"])[ppr["T2"]]
    n = sc["T0"].shape[1]
    diff = np.where(pr["T2"], sc["T2"] - sc["T0"], np.nan)
    t = ttest_paired_many(diff)
    rows = [
        _row(name, "mean change T0-T2, complete cases vs everybody enrolled", n, reps,
             float(d_all.mean()), t["mean"], t["ci_low"], t["ci_high"], t["p"],
             note="estimand: change of all enrolled"),
        _row(name, "mean change T0-T2, complete cases vs completers", n, reps,
             float(d_done.mean()), t["mean"], t["ci_low"], t["ci_high"], t["p"],
             note="estimand: change of those who complete"),
    ]
    m = min(reps_public, reps)
    est = np.full((m, 4), np.nan)
    m_site = min(max(reps_public // 2, 1), reps)     # the site-level model is slower to fit
    site_est = np.full((m_site, 8), np.nan)
    per = WELZIJN_OP_RECEPT["per_site"]
    from scipy import stats as st

    waves = ["T0", "T1", "T2"]
    for i in range(m):
        y, w_idx, ids = [], [], []
        for j, w in enumerate(waves):
            keep = pr[w][i] & ~np.isnan(sc[w][i])
            y.append(sc[w][i][keep])
            w_idx.append(np.full(keep.sum(), j))
            ids.append(np.nonzero(keep)[0])
        y, w_idx, ids = map(np.concatenate, (y, w_idx, ids))
        X = np.column_stack([np.ones_like(y), w_idx == 1, w_idx == 2]).astype(float)
        fit = fit_random_intercept(y, X, ids)
        b, se, df = fit["beta"][2], fit["se"][2], fit["df"][2]
        q = st.t.ppf(0.975, df)
        est[i] = (b, b - q * se, b + q * se, 2 * st.t.sf(abs(b / se), df))
        if i < m_site:
            site_est[i] = _site_level_t2(y, X, ids, ids // per, w_idx)
    rows.append(_row(name, "mixed model term T2 (random intercept, REML, Satterthwaite) vs "
                     "everybody enrolled", n, m, float(d_all.mean()), est[:, 0], est[:, 1],
                     est[:, 2], est[:, 3], note="all available waves; MAR given baseline"))
    for k, label in enumerate(("Satterthwaite", "Kenward-Roger")):
        e = site_est[:, 4 * k:4 * k + 4]
        rows.append(_row(name, f"mixed model term T2 with a site level (site, site x wave and "
                         f"participant within site, REML, {label}) vs everybody enrolled", n,
                         e.shape[0], float(d_all.mean()), e[:, 0], e[:, 1], e[:, 2], e[:, 3],
                         note="impact.mixed_model(site_col=...); participants nested in sites"))
    return rows


def _site_level_t2(y, X, ids, sites, waves):
    """T2 term of the site-level model of :func:`impact.mixed_model` (``site_col``): estimate,
    t interval and p with Satterthwaite df, then the same with Kenward-Roger."""
    from scipy import stats as st

    from ..stats._lmm import NestedModel, kenward_roger_sites, satterthwaite_df

    centre, spread = float(y.mean()), float(y.std()) or 1.0
    out = [np.nan] * 8
    try:
        m = NestedModel((y - centre) / spread, X, ids, sites, waves).fit(polish=False)
        ell = np.zeros(X.shape[1])
        ell[2] = 1
        df = float(satterthwaite_df(m, ell)[0])
        cov_kr, df_kr = kenward_roger_sites(X, ids, sites, waves, m.tau2_participant,
                                            m.tau2_site, m.tau2_site_wave, m.sigma2, ell)
    except (np.linalg.LinAlgError, ValueError):
        return out
    b = m.beta[2] * spread
    for k, (se, d) in enumerate(((math.sqrt(m.cov[2, 2]) * spread, df),
                                 (math.sqrt(cov_kr[2, 2]) * spread, float(df_kr[0])))):
        if math.isfinite(d) and d > 0 and math.isfinite(se):
            q = st.t.ppf(0.975, d)
            out[4 * k:4 * k + 4] = (b, b - q * se, b + q * se, 2 * st.t.sf(abs(b / se), d))
    return out


def _cp_interval(k, n, level=0.95):
    from scipy import stats

    a = (1 - level) / 2
    with np.errstate(invalid="ignore"):
        lo = np.where(k > 0, stats.beta.ppf(a, k, n - k + 1), 0.0)
        hi = np.where(k < n, stats.beta.ppf(1 - a, k + 1, n - k), 1.0)
    return lo, hi


def _row(scenario, estimator, n, reps, truth, est, low=None, high=None, p=None, alpha=0.05,
         note=""):
    est = np.asarray(est, float)
    ok = ~np.isnan(est)
    row = {"scenario": scenario, "estimator": estimator, "n": n, "reps": int(ok.sum()),
           "truth": float(truth), "mean_estimate": float(est[ok].mean()),
           "bias": float(est[ok].mean() - truth), "coverage": None, "rejection_rate": None,
           "mc_se": None, "note": note}
    share = None
    if low is not None:
        cov = (np.asarray(low)[ok] <= truth) & (truth <= np.asarray(high)[ok])
        row["coverage"] = share = float(cov.mean())
    if p is not None:
        pp = np.asarray(p, float)[ok]
        row["rejection_rate"] = float(np.mean(pp < alpha))
        share = row["rejection_rate"] if share is None else share
    if share is not None:
        row["mc_se"] = math.sqrt(share * (1 - share) / ok.sum())
    return row


def _dz_public(pre, post, reps_public):
    """d_z and its CI from :func:`impact.paired_change` itself, study by study."""
    from ..stats import paired_change

    out = np.full((min(reps_public, pre.shape[0]), 3), np.nan)
    for i in range(out.shape[0]):
        r = paired_change(pre[i], post[i])
        if r["d_z"] is not None:
            out[i] = (r["d_z"], *r["d_z_ci"])
    return out


def _prepost_rows(scenario, pre, post, truth_pre, truth_post, reps_public, instrument, notes="",
                  null=False):
    from ..stats.power import reliable_change_many, ttest_paired_many, wilcoxon_paired_many

    reps, n = pre.shape
    d_pop = truth_post - truth_pre
    mu, dz = float(d_pop.mean()), float(d_pop.mean() / d_pop.std(ddof=1))
    if null:  # exchangeable waves: the true mean change and d_z are 0 exactly, by symmetry
        mu = dz = 0.0
    diff = post - pre
    t = ttest_paired_many(diff)
    rows = [_row(scenario, "mean change (t interval, paired t-test)", n, reps, mu, t["mean"],
                 t["ci_low"], t["ci_high"], t["p"], note=notes)]
    dzp = _dz_public(pre, post, reps_public)
    rows.append(_row(scenario, "d_z (noncentral t interval)", n, dzp.shape[0], dz, dzp[:, 0],
                     dzp[:, 1], dzp[:, 2]))
    rows.append(_row(scenario, "Wilcoxon signed-rank test", n, reps, mu, t["mean"],
                     p=wilcoxon_paired_many(diff)))
    sd, rel, good = instrument
    imp_pop, _ = reliable_change_many(truth_pre, truth_post, sd, rel, good)
    imp, _ = reliable_change_many(pre, post, sd, rel, good)
    k = imp.sum(axis=1)
    lo, hi = _cp_interval(k, n)
    rows.append(_row(scenario, "share reliably improved (Clopper-Pearson)", n, reps,
                     float(imp_pop.mean()), k / n, lo, hi))
    return rows


def _scenario(name, reps, seed, reps_public):
    from ..instruments import get_instrument

    rng = np.random.default_rng([seed, list(SCENARIOS).index(name)])
    pop_rng = np.random.default_rng(_POP_SEED)
    if name.startswith("kor"):
        pss = get_instrument("pss10")
        inst = (pss.sd, pss.reliability, pss.higher_is_better)
        effect = name != "kor-null"
        n = 8 if name == "kor-small" else 35
        pre, post = _kor_pairs((reps, n), rng, effect)
        tp, tq = _kor_pairs((_POP,), pop_rng, effect)
        return _prepost_rows(name, pre, post, tp, tq, reps_public, inst, null=not effect)
    if name.startswith("welzijn"):
        return _welzijn_rows(name, reps, rng, pop_rng, reps_public)
    # In Beeld: complete cases against two estimands
    from ..stats.power import ttest_paired_many

    homogeneous = name == "in-beeld-homogeneous"
    pre, post, done = _in_beeld_pairs(reps, rng, homogeneous=homogeneous)
    ppre, ppost, pdone = _in_beeld_pairs(_POP // 24, pop_rng, population=True,
                                         homogeneous=homogeneous)
    d_all = (ppost - ppre).ravel()
    d_done = (ppost - ppre)[pdone]
    diff = np.where(done, post - pre, np.nan)
    t = ttest_paired_many(diff)
    n = pre.shape[1]
    return [
        _row(name, "mean change, complete cases vs everybody enrolled", n, reps,
             float(d_all.mean()), t["mean"], t["ci_low"], t["ci_high"], t["p"],
             note="estimand: change of all enrolled"),
        _row(name, "mean change, complete cases vs completers", n, reps, float(d_done.mean()),
             t["mean"], t["ci_low"], t["ci_high"], t["p"],
             note="estimand: change of those who complete"),
    ] + _pooled_rows(name, diff, 3, float(d_done.mean()), reps_public)


def validate(scenarios=None, reps=10_000, *, seed=1, reps_public=2_000, n_jobs=1):
    """Run the validation scenarios and return one row per scenario and estimator.

    Parameters
    ----------
    scenarios : list of str, optional
        Keys of :data:`SCENARIOS` (default all).
    reps : int
        Simulated studies per scenario (Monte Carlo SE of a 95% coverage: ``sqrt(.95 .05 /
        reps)``, 0.22 points at 10,000).
    reps_public : int
        Studies analysed one by one with :func:`impact.paired_change` (for ``d_z``).
    n_jobs : int
        Scenarios run in parallel processes with joblib.

    Returns
    -------
    ValidationResult
        Columns ``scenario, estimator, n, reps, truth, mean_estimate, bias, coverage,
        rejection_rate, mc_se, note``. ``rejection_rate`` is the type-I error in ``kor-null``
        and the power elsewhere.
    """
    from joblib import Parallel, delayed

    names = list(scenarios or SCENARIOS)
    for name in names:
        if name not in SCENARIOS:
            raise ValueError(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}")
    parts = Parallel(n_jobs=n_jobs)(delayed(_scenario)(name, reps, seed, reps_public)
                                    for name in names)
    return ValidationResult([r for part in parts for r in part],
                            title=f"Validation by simulation ({reps} studies per scenario)")


_DOC_HEAD = """# Validation by simulation

*Generated by `python -m impact.synth.validation --write docs/validation.md --reps {reps}`
(seed {seed}); do not edit by hand. A small version runs in CI (tests/test_validation.py).*

Can a user trust the numbers `impact analyse` reports for a programme of 35 or 8 participants?
We generated {reps} synthetic studies per scenario with the planted-truth models of
`impact.synth` (item-level answers, rounded and clipped as respondents tick them), analysed every
study with the package's estimators, and compared each estimate with the expected *observed*
value of the same model in a population of 200,000 simulated participants.

- **bias**: mean estimate minus truth.
- **coverage**: share of 95% intervals that contain the truth (should be 94-96%; the Monte Carlo
  standard error `mc_se` is about 0.2 points at 10,000 studies).
- **rejection rate**: share of studies with p < 0.05: the type-I error when there is no true
  change (`kor-null`, should be 4-6%), the power otherwise.
- `d_z` rows call `impact.paired_change` itself, pooled rows `impact.meta_analysis` and mixed-model
  rows `impact.fit_random_intercept`, each on the first {reps_public} studies; the other rows use
  the vectorised kernels of `impact.stats.power`, which are tested to give the same numbers as
  `impact.paired_change`, `impact.reliable_change` and R's `wilcox.test`.

Scenarios:

{scenarios}

{table}
## What this shows

{findings}

## Power checks

Analytic power of the paired t-test (noncentral t, equal to R `pwr.t.test(type = "paired")` to
1e-9 in tests/test_power.py) against simulated power ({grid_reps} studies per cell, run in
parallel with joblib):

{grid}
"""


def _findings(rows):
    by = {(r["scenario"], r["estimator"].split(" (")[0].split(",")[0]): r for r in rows}
    out = []
    null = by.get(("kor-null", "mean change"))
    if null:
        out.append(f"- Mean change at n = 35 without true change: CI coverage "
                   f"{100 * null['coverage']:.1f}%, type-I error {100 * null['rejection_rate']:.1f}%"
                   f" (Wilcoxon {100 * by[('kor-null', 'Wilcoxon signed-rank test')]['rejection_rate']:.1f}%).")
    eff = by.get(("kor-effect", "mean change"))
    if eff:
        out.append(f"- With a planted effect the mean change is unbiased (bias {eff['bias']:.3f} "
                   f"points on a true {eff['truth']:.2f}) with coverage {100 * eff['coverage']:.1f}%.")
    dz = by.get(("kor-effect", "d_z"))
    if dz:
        out.append(f"- `d_z` is biased away from zero in small samples (its magnitude is "
                   f"overestimated by {abs(dz['bias']):.3f} at n = 35; the known factor is about "
                   f"1 + 3/(4 df - 1)); its noncentral-t interval covers "
                   f"{100 * dz['coverage']:.1f}%.")
    small = by.get(("kor-small", "d_z"))
    if small:
        out.append(f"- With one group of 8, the magnitude of `d_z` is overestimated by "
                   f"{abs(small['bias']):.3f} on average (interval coverage "
                   f"{100 * small['coverage']:.1f}%): report it with its interval, never alone.")
    share = by.get(("kor-effect", "share reliably improved"))
    if share:
        out.append(f"- The Clopper-Pearson interval of the share with reliable improvement is "
                   f"exact and therefore conservative: coverage {100 * share['coverage']:.1f}%.")
    ib = [r for r in rows if r["scenario"] == "in-beeld"]
    hom = [r for r in rows if r["scenario"] == "in-beeld-homogeneous"]
    if ib:
        a, c = ib[0], ib[1]
        out.append(f"- In Beeld (attrition depends on baseline, which also predicts change): the "
                   f"complete-case mean change is close to the change of completers (bias "
                   f"{c['bias']:+.3f}) and a little further from the change of everybody "
                   f"enrolled (bias {a['bias']:+.3f}); with this planted attrition the "
                   f"difference is small, but say whose change the report shows.")
        from .programmes import IN_BEELD, _latent_truth

        icc = _latent_truth(IN_BEELD["outcomes"]["swemwbs_score"], IN_BEELD["waves"])[
            "latent_site_icc"]
        line = (f"- The pooled t interval covers only {100 * c['coverage']:.1f}% when the three "
                f"groups differ (planted latent intra-class correlation of change {icc:.3f})")
        if hom:
            line += (f", against {100 * hom[1]['coverage']:.1f}% when they do not: the "
                     f"participants of one group share its effect, so with differing groups "
                     f"the interval should be widened by the design effect (`impact plan "
                     f"--icc` shows what that costs) or be based on the group means")
        out.append(line + ".")
    pooled = {r["scenario"]: r for r in rows if r["estimator"].endswith("(random effects, REML)")}
    knha = {r["scenario"]: r for r in rows if r["estimator"].endswith("REML, Hartung-Knapp)")}
    if "in-beeld" in pooled:
        line = (f"- The random-effects pooled mean change over the three groups "
                f"(`impact.meta_analysis`, REML, z interval) covers "
                f"{100 * pooled['in-beeld']['coverage']:.1f}% with heterogeneous groups")
        if "in-beeld-homogeneous" in pooled:
            line += f" and {100 * pooled['in-beeld-homogeneous']['coverage']:.1f}% without"
        out.append(line + f", and is biased by {pooled['in-beeld']['bias']:+.3f} (a likely cause, "
                   "not verified here: its weights come from variances estimated in groups of "
                   "5 to 8 completers, which can correlate with the group means). With k = 3 groups the between-group "
                   "variance is poorly estimated and a z interval is too narrow.")
    if "in-beeld" in knha:
        line = (f"- The Hartung-Knapp interval (t on k - 1 df; `test=\"knha\"`; `impact analyse` "
                f"now defaults to its ad hoc correction `adhoc`, never narrower than z) covers {100 * knha['in-beeld']['coverage']:.1f}% with "
                f"heterogeneous groups")
        if "in-beeld-homogeneous" in knha:
            line += f" and {100 * knha['in-beeld-homogeneous']['coverage']:.1f}% without"
        out.append(line + ": closer to 95%, still a little short with three groups, so read "
                   "a pooled interval over three groups as slightly optimistic.")
    wz = {(r["scenario"], r["estimator"].split(" (")[0].split(",")[0]): r for r in rows
          if r["scenario"].startswith("welzijn") and "completers" not in r["estimator"]}
    mm, mmh = wz.get(("welzijn", "mixed model term T2")), wz.get(
        ("welzijn-homogeneous", "mixed model term T2"))
    cc, cch = wz.get(("welzijn", "mean change T0-T2")), wz.get(
        ("welzijn-homogeneous", "mean change T0-T2"))
    if mm and cc:
        line = (f"- Welzijn op Recept (three waves, drop-out by baseline): the mixed-model T2 term "
                f"uses every available wave; bias {mm['bias']:+.3f} against the change of "
                f"everybody enrolled (complete cases {cc['bias']:+.3f}), coverage "
                f"{100 * mm['coverage']:.1f}% (complete-case t interval "
                f"{100 * cc['coverage']:.1f}%)")
        if mmh and cch:
            line += (f"; without heterogeneity between neighbourhoods "
                     f"{100 * mmh['coverage']:.1f}% and {100 * cch['coverage']:.1f}%. The "
                     f"random intercept per participant does not absorb neighbourhood effects: "
                     f"with differing sites add the site as a random effect or pool by site")
        out.append(line + ". The small bias of the mixed model is probably model misspecification "
                   "(a random intercept implies equal correlations between waves, while the "
                   "planted change depends on baseline); it was not investigated further.")
    sl = {r["scenario"]: r for r in rows if "with a site level" in r["estimator"]
          and "Satterthwaite" in r["estimator"]}
    kr = {r["scenario"]: r for r in rows if "with a site level" in r["estimator"]
          and "Kenward-Roger" in r["estimator"]}
    if "welzijn" in sl:
        line = (f"- With a site level (`impact.mixed_model(..., site_col=\"site\")`: "
                f"participants nested in neighbourhoods, random site and site x wave effects, "
                f"Satterthwaite df) the T2 term covers {100 * sl['welzijn']['coverage']:.1f}% "
                f"when the neighbourhoods differ")
        if mm:
            line += f" (random intercept per participant only: {100 * mm['coverage']:.1f}%)"
        if "welzijn-homogeneous" in sl:
            line += (f" and {100 * sl['welzijn-homogeneous']['coverage']:.1f}% when they do not"
                     f", on {sl['welzijn']['reps']} studies per scenario (Monte Carlo SE "
                     f"{100 * sl['welzijn']['mc_se']:.1f} points)")
        out.append(line + ". `impact analyse` fits this model whenever the data have a site "
                   "column with two or more sites.")
    if "welzijn" in kr:
        out.append(f"- Kenward-Roger (`df=\"kenward-roger\"`) on the same site-level fits covers "
                   f"{100 * kr['welzijn']['coverage']:.1f}% with differing neighbourhoods"
                   + (f" and {100 * kr['welzijn-homogeneous']['coverage']:.1f}% without"
                      if "welzijn-homogeneous" in kr else "")
                   + ": with four sites it is conservative (its small-sample inflation of the "
                   "SE adds to the already small df), so Satterthwaite stays the default.")
    return "\n".join(out)


def write_docs(path, reps=10_000, seed=1, reps_public=2_000, n_jobs=2, grid_reps=10_000):
    """Regenerate the validation page (table, findings, power checks)."""
    from pathlib import Path

    from ..stats.power import power_grid

    result = validate(reps=reps, seed=seed, reps_public=reps_public, n_jobs=n_jobs)
    grid = power_grid([8, 16, 24, 35], [0.5, 0.75], reps=grid_reps, seed=seed, n_jobs=n_jobs)
    lines = ["| n | d_z | analytic | simulated t | simulated Wilcoxon | difference |",
             "|---|---|---|---|---|---|"]
    for r in grid.itertuples():
        lines.append(f"| {r.n} | {r.d:g} | {r.analytic_t:.3f} | {r.t:.3f} | {r.wilcoxon:.3f} | "
                     f"{r.t - r.analytic_t:+.3f} |")
    text = _DOC_HEAD.format(reps=reps, seed=seed, reps_public=reps_public,
                            scenarios="\n".join(f"- `{k}`: {v}" for k, v in SCENARIOS.items()),
                            table=result.to_markdown(), findings=_findings(result.rows),
                            grid_reps=grid_reps, grid="\n".join(lines))
    Path(path).write_text(text, encoding="utf-8")
    return result


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(prog="python -m impact.synth.validation",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--write", metavar="FILE.md", help="write the documentation page")
    args = parser.parse_args(argv)
    if args.write:
        result = write_docs(args.write, args.reps, args.seed, n_jobs=args.n_jobs)
    else:
        result = validate(reps=args.reps, seed=args.seed, n_jobs=args.n_jobs)
    print(result.to_markdown())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
