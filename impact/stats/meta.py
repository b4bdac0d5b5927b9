"""Random-effects pooling of per-site mean change: the site-level face of the one
meta-analysis engine (:func:`impact.stats.multilevel_meta.rma`: REML, ML or DerSimonian-Laird;
the package's one default test :data:`~impact.stats.multilevel_meta.DEFAULT_TEST`)."""

from __future__ import annotations

import math

import numpy as np

from .._result import Result, clean_json
from .multilevel_meta import DEFAULT_TEST, rma

__all__ = ["meta_analysis", "MetaResult", "site_change", "pool_sites"]


class MetaResult(Result):
    """Pooled estimate (``to_dict``) and the per-study table (``studies``)."""

    title = "Random-effects meta-analysis"

    def __init__(self, summary: dict, studies):
        self.values = summary
        self.studies = studies

    def __getitem__(self, key):
        return self.values[key]

    def to_dict(self):
        return clean_json(self.values)

    def to_frame(self):
        """The per-study table with weights."""
        return self.studies

    def plot(self, **kwargs):
        """Forest plot: the package's one forest plot (:func:`impact.plots.synthesis.forest_plot`)
        with estimates, CIs and weights in columns."""
        from ..plots.forest import forest_plot

        return forest_plot(self, **kwargs)


def meta_analysis(estimates, variances, *, labels=None, method="REML", level=0.95,
                  outcome=None, test=DEFAULT_TEST) -> MetaResult:
    """Random-effects meta-analysis of k estimates with known sampling variances.

    Parameters
    ----------
    estimates, variances : array-like
        Per-study (site) estimates ``y_i`` and sampling variances ``v_i`` (> 0).
    labels : array-like, optional
        Study labels for the table and the forest plot.
    method : {"REML", "ML", "DL"}
        Estimator of the between-site variance tau^2: restricted maximum likelihood (default,
        as ``metafor``), maximum likelihood or DerSimonian-Laird.
    level : float
        Confidence level of the pooled estimate and the prediction interval.
    test : {"adhoc", "knha", "z"}
        Interval and test of the pooled estimate. ``"adhoc"`` (default here, in
        :func:`pool_sites` and in :func:`impact.analyse`): Hartung-Knapp with the Knapp-Hartung
        (2003) ad hoc correction, so the interval is never narrower than the z interval
        (metafor ``test = "adhoc"``); ``"knha"``: the plain Hartung-Knapp(-Sidik-Jonkman)
        adjustment with a t distribution on ``k - 1`` df, which keeps its coverage with few
        sites where the z interval is too narrow (IntHout et al. 2014) but can be narrower than
        z when the sites agree more than their sampling variances imply (``Q < k - 1``);
        ``"z"``: normal interval (metafor's own default).

    Returns
    -------
    MetaResult
        ``outcome, k, estimate, se, ci_low, ci_high, statistic, statistic_type, df, z, t, p_value,
        tau2, tau, i2 (percent), h2, q, q_df, q_p, prediction_low, prediction_high, method, test,
        notes``. ``statistic_type`` is ``"t"`` (with ``df = k - 1``; ``t`` holds the statistic
        and ``z`` is null) under ``knha``/``adhoc`` and ``"z"`` (``df`` and ``t`` null) under
        ``z``; ``to_frame()`` gives per study
        ``label, estimate, variance, ci_low, ci_high, weight`` (percent).

    Notes
    -----
    ``w_i = 1 / (v_i + tau^2)``, ``mu = sum w_i y_i / sum w_i``, ``SE = 1 / sqrt(sum w_i)``, CI
    ``mu +/- z SE``. ``Q = sum (y_i - mu_FE)^2 / v_i`` on ``k - 1`` df. DL:
    ``tau^2 = max(0, (Q - (k - 1)) / (sum w - sum w^2 / sum w))``. REML: Fisher scoring of
    ``tau^2 = sum w_i^2 ((y_i - mu)^2 - v_i) / sum w_i^2 + 1 / sum w_i`` to convergence, truncated
    at 0. ``I^2 = 100 tau^2 / (tau^2 + v~)`` with the typical within-study variance
    ``v~ = (k - 1) sum(1/v) / ((sum 1/v)^2 - sum 1/v^2)`` (Higgins and Thompson 2002; as metafor).
    Prediction interval ``mu +/- z sqrt(SE^2 + tau^2)`` (metafor's default with z-tests; with
    few sites it is too narrow: Higgins et al. 2009 propose t on k - 2 df).
    Hartung-Knapp: ``SE_HK^2 = s^2 / sum w_i`` with ``s^2 = sum w_i (y_i - mu)^2 / (k - 1)``
    (not truncated, as metafor), CI, test and prediction interval with ``t_{k-1}`` in place of
    z. Ad hoc correction (Knapp and Hartung 2003): ``s^2`` replaced by ``max(1, s^2)``, so
    ``SE >= 1 / sqrt(sum w_i)``. The prediction interval is ``mu +/- crit sqrt(SE^2 + tau^2)``
    with the same critical value (``t_{k-1}`` under knha/adhoc), as metafor's ``predict()``.

    References
    ----------
    DerSimonian R, Laird N (1986). Control Clin Trials 7:177-188.
    Viechtbauer W (2005). J Educ Behav Stat 30:261-293. doi:10.3102/10769986030003261.
    Viechtbauer W (2010). J Stat Softw 36(3). doi:10.18637/jss.v036.i03.
    Higgins JPT, Thompson SG (2002). Stat Med 21:1539-1558. doi:10.1002/sim.1186.
    Hartung J, Knapp G (2001). Stat Med 20:3875-3889. doi:10.1002/sim.1009.
    Knapp G, Hartung J (2003). Stat Med 22:2693-2710. doi:10.1002/sim.1482.
    IntHout J, Ioannidis JPA, Borm GF (2014). BMC Med Res Methodol 14:25.
    doi:10.1186/1471-2288-14-25.

    Examples
    --------
    Three sites' mean changes and their sampling variances:

    >>> res = impact.meta_analysis([-4.1, -2.5, -5.0], [1.2, 0.8, 2.0])
    >>> [round(float(res[k]), 2) for k in ("estimate", "ci_low", "ci_high")]
    [-3.6, -6.83, -0.38]
    >>> round(float(res["tau2"]), 3), round(float(res["i2"]), 1), res["test"]
    (0.48, 27.9, 'adhoc')
    >>> res["notes"]
    ['only 3 sites: tau^2 and the prediction interval are very uncertain']

    R: ``metafor::rma(yi, vi, method = "REML")``; ``predict(fit)`` for the prediction interval;
    ``rma(yi, vi, method = "REML", test = "knha")`` for Hartung-Knapp,
    ``test = "adhoc"`` for the ad hoc correction.
    """
    import pandas as pd
    from . import _dist as stats

    y = np.asarray(estimates, dtype=float)
    v = np.asarray(variances, dtype=float)
    labels = np.arange(1, y.size + 1).astype(str) if labels is None else np.asarray(labels)
    notes: list[str] = []
    ok = np.isfinite(y) & np.isfinite(v) & (v > 0)
    if (~ok).any():
        notes.append(f"{int((~ok).sum())} site(s) without an estimate or with zero variance left out")
    y, v, labels = y[ok], v[ok], labels[ok]
    k = int(y.size)
    keys = ("estimate", "se", "ci_low", "ci_high", "statistic", "df", "z", "t", "p_value",
            "tau2", "tau", "i2", "h2", "q", "q_df", "q_p", "prediction_low", "prediction_high")
    summary = {"outcome": outcome, "k": k, **{key: None for key in keys},
               "method": str(method).upper(), "test": test,
               "statistic_type": "z" if test == "z" else "t", "notes": notes}
    studies = pd.DataFrame({"label": labels, "estimate": y, "variance": v})
    fit = rma(y, v, method=method, test=test, level=level)  # validates method and test
    if k < 2:
        notes.append(f"pooling needs at least two sites, got {k}")
        return MetaResult(summary, studies)
    d = fit.data
    notes += d["notes"]
    stat, df = d["statistic"], d["df"]
    summary.update({key: d.get(key) for key in ("estimate", "se", "ci_low", "ci_high", "df",
                                                 "p_value", "tau2", "tau", "i2", "h2", "q",
                                                 "q_df", "q_p", "method")},
                   statistic=stat, z=stat if df is None else None,
                   t=stat if df is not None else None, prediction_low=d["pi_low"],
                   prediction_high=d["pi_high"])
    if k < 5:
        notes.append(f"only {k} sites: tau^2 and the prediction interval are very uncertain")
    crit = (stats.norm.ppf(1 - (1 - level) / 2) if df is None
            else stats.t.ppf(1 - (1 - level) / 2, df))
    w = 1 / (v + d["tau2"])
    studies["se"] = np.sqrt(v)
    studies["ci_low"] = y - crit * np.sqrt(v)
    studies["ci_high"] = y + crit * np.sqrt(v)
    studies["weight"] = 100 * w / w.sum()
    return MetaResult(summary, studies)


def site_change(scores, outcome, *, baseline, followup, site_col="site",
                id_col="participant_id", wave_col="wave"):
    """Per-site paired mean change and its sampling variance ``sd_change^2 / n``.

    Returns a DataFrame ``site, n, mean_change, sd_change, variance`` (sites with fewer than two
    pairs or no spread get NaN variance and are left out of pooling). Missing data: complete
    pairs only.

    Examples
    --------
    R: ``aggregate(change ~ site, wide, function(d) c(mean(d), var(d) / length(d)))``.
    """
    import pandas as pd

    waves = scores[wave_col].astype(str)
    pre = scores.loc[waves == str(baseline), [id_col, site_col, outcome]]
    post = scores.loc[waves == str(followup), [id_col, outcome]]
    wide = pre.merge(post, on=id_col, suffixes=("_pre", "_post")).dropna()
    wide["change"] = wide[f"{outcome}_post"] - wide[f"{outcome}_pre"]
    g = wide.groupby(site_col, sort=True, observed=True)["change"]
    out = pd.DataFrame({"n": g.size(), "mean_change": g.mean(), "sd_change": g.std(ddof=1)})
    out["variance"] = out["sd_change"] ** 2 / out["n"]
    out.loc[(out["n"] < 2) | (out["variance"] <= 0), "variance"] = np.nan
    return out.reset_index().rename(columns={site_col: "site"})


def pool_sites(scores, outcome, *, baseline, followup, site_col="site", method="REML",
               level=0.95, id_col="participant_id", wave_col="wave",
               test=DEFAULT_TEST) -> MetaResult:
    """Random-effects pooling of the per-site mean change of an outcome across sites.

    See :func:`meta_analysis` (formulas) and :func:`site_change` (per-site input).

    Examples
    --------
    Pools with the Hartung-Knapp interval and its ad hoc correction by default
    (``test="adhoc"``, as :func:`meta_analysis`): programmes pool a handful of groups, where the
    z interval is too narrow, and the correction keeps the interval from being narrower than z
    when the groups happen to agree closely.

    R: ``metafor::rma(yi = mean_change, vi = sd_change^2 / n, data = per_site, test = "adhoc")``.
    """
    per_site = site_change(scores, outcome, baseline=baseline, followup=followup,
                           site_col=site_col, id_col=id_col, wave_col=wave_col)
    res = meta_analysis(per_site["mean_change"], per_site["variance"],
                        labels=per_site["site"].astype(str), method=method, level=level,
                        outcome=outcome, test=test)
    res.studies = res.studies.merge(per_site[["site", "n"]].astype({"site": str}),
                                    left_on="label", right_on="site", how="left").drop(
        columns="site")
    return res
