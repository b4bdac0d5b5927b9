"""Paired pre/post comparison of one or more outcomes.

Change is ``followup - baseline`` on the participants measured at both waves (paired cases).
"""

from __future__ import annotations

import math

import numpy as np

from .._result import TableResult
from ._paired import _pair_rows, _waves, paired_scores

__all__ = ["paired_change", "prepost", "PrePostResult", "mean_change_ci", "paired_scores"]


def mean_change_ci(baseline, followup, *, level=0.95, axis=-1) -> dict:
    """Mean change with its t interval, vectorised over many cohorts (complete arrays only).

    Parameters
    ----------
    baseline, followup : array-like
        Arrays of the same shape without missing values; pairs run along ``axis``.

    Returns
    -------
    dict of numpy arrays
        ``mean_change, sd_change, se, t, df, p, ci_low, ci_high``.

    Notes
    -----
    ``m +/- t_{1-a/2, n-1} s_D / sqrt(n)``; this is the code path :func:`paired_change` uses, so
    a coverage simulation over thousands of cohorts tests the package itself.

    Examples
    --------
    R: ``t.test(followup, baseline, paired = TRUE)$conf.int``.
    """
    from . import _dist as stats

    d = np.asarray(followup, dtype=float) - np.asarray(baseline, dtype=float)
    n = d.shape[axis]
    m = d.mean(axis=axis)
    sd = d.std(axis=axis, ddof=1) if n > 1 else np.full_like(m, np.nan)
    se = sd / math.sqrt(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = m / se
    crit = stats.t.ppf(1 - (1 - level) / 2, n - 1) if n > 1 else np.nan
    return {"mean_change": m, "sd_change": sd, "se": se, "t": t, "df": n - 1,
            "p": 2 * stats.t.sf(np.abs(t), n - 1) if n > 1 else np.full_like(m, np.nan),
            "ci_low": m - crit * se, "ci_high": m + crit * se}


def paired_change(baseline, followup, *, level=0.95, higher_is_better=None) -> dict:
    """Paired comparison of two arrays of the same participants.

    Parameters
    ----------
    baseline, followup : array-like
        Scores of the same participants; pairs with a missing value in either are dropped.
    level : float
        Confidence level of the intervals.
    higher_is_better : bool, optional
        The instrument's good direction; needed for ``proportion_improved``.

    Returns
    -------
    dict
        ``n_paired, mean_baseline, sd_baseline, mean_followup, sd_followup, mean_change, sd_change,
        ci_low, ci_high, t, df, p, d_z, d_z_ci, d_av, d_av_ci, g_av, g_av_ci, wilcoxon_V,
        wilcoxon_p, wilcoxon_method, hl_estimate, hl_ci, proportion_improved`` and ``notes``.
        A statistic that cannot be computed (n < 2, zero variance of change) is None with a note
        saying why. Missing data: complete pairs only (see :func:`impact.mi_prepost` for a
        multiple-imputation sensitivity analysis).

    Notes
    -----
    With change ``D = followup - baseline`` (n pairs): mean change ``m = mean(D)``, ``s = sd(D)``
    (n - 1 denominator), ``t = m / (s / sqrt(n))`` on ``n - 1`` df, two-sided p; CI
    ``m +/- t_{1-a/2, n-1} s / sqrt(n)``. ``d_z = m / s`` with a CI from the noncentral t
    (Steiger and Fouladi 1997); ``d_av = m / sqrt((s_pre^2 + s_post^2) / 2)`` and
    ``g_av = d_av * J`` with Hedges' exact ``J`` at ``df = n - 1`` (Lakens 2013, Front Psychol
    4:863; intervals in :func:`impact.paired_effect_sizes`). Wilcoxon signed-rank test and the
    Hodges-Lehmann estimate with interval as R (:func:`impact.wilcoxon_signed_rank`).
    ``proportion_improved`` = share of pairs whose change is in the good direction (ties count
    as not improved).

    Examples
    --------
    >>> r = impact.paired_change([20, 18, 25], [15, 17, 20])
    >>> r["n_paired"], round(r["mean_change"], 3), round(r["t"], 3), round(r["p"], 4)
    (3, -3.667, -2.75, 0.1107)

    R: ``t.test(followup, baseline, paired = TRUE)``;
    ``wilcox.test(followup, baseline, paired = TRUE, conf.int = TRUE)``;
    ``effectsize::cohens_d(followup, baseline, paired = TRUE)``.
    """
    from .effectsize import paired_effect_sizes
    from .wilcoxon import wilcoxon_signed_rank

    x = np.asarray(baseline, dtype=float)
    y = np.asarray(followup, dtype=float)
    if np.isinf(x).any() or np.isinf(y).any():
        from ..errors import InputError

        where = "baseline" if np.isinf(x).any() else "followup"
        pos = int(np.flatnonzero(np.isinf(x if where == "baseline" else y))[0])
        raise InputError(f"{where} holds an infinite value (position {pos}); scores must be "
                         f"finite", rule="finite")
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep], y[keep]
    n = int(x.size)
    d = y - x
    notes: list[str] = []
    out = {"n_paired": n, "mean_baseline": None, "sd_baseline": None, "mean_followup": None,
           "sd_followup": None, "mean_change": None, "sd_change": None, "ci_low": None,
           "ci_high": None, "t": None, "df": None, "p": None, "d_z": None, "d_z_ci": None,
           "d_av": None, "d_av_ci": None, "g_av": None, "g_av_ci": None, "wilcoxon_V": None,
           "wilcoxon_p": None, "wilcoxon_method": None, "hl_estimate": None, "hl_ci": None,
           "proportion_improved": None}
    if n == 0:
        notes.append("no participant has both a baseline and a follow-up score")
        return {**out, "notes": notes}
    out.update(mean_baseline=float(x.mean()), mean_followup=float(y.mean()),
               mean_change=float(d.mean()))
    if higher_is_better is not None:
        out["proportion_improved"] = float(np.mean(d > 0 if higher_is_better else d < 0))
    wx = wilcoxon_signed_rank(x, y, level=level).data
    out.update(wilcoxon_V=wx["V"], wilcoxon_p=wx["p"], wilcoxon_method=wx["method"],
               hl_estimate=wx["estimate"],
               hl_ci=None if wx["ci_low"] is None or not wx["conf_level"]
               else [wx["ci_low"], wx["ci_high"]])
    notes.extend(wx["notes"])
    if n < 2:
        notes.append(f"only {n} paired participant: no spread, test or interval")
        return {**out, "notes": notes}
    sd_x, sd_y, sd_d = (float(np.std(v, ddof=1)) for v in (x, y, d))
    df = n - 1
    out.update(sd_baseline=sd_x, sd_followup=sd_y, sd_change=sd_d, df=df)
    es = paired_effect_sizes(x, y, level=level)
    out.update({k: es[k] for k in ("d_av", "d_av_ci", "g_av", "g_av_ci")})
    notes.extend(n for n in es["notes"] if "same amount" not in n)
    if sd_d == 0:
        notes.append("every participant changed by the same amount: the variance of change is "
                     "zero, so t, p, the CI and d_z are undefined")
        return {**out, "notes": notes}
    tt = mean_change_ci(x, y, level=level)
    out.update(ci_low=float(tt["ci_low"]), ci_high=float(tt["ci_high"]), t=float(tt["t"]),
               p=float(tt["p"]), d_z=es["d_z"], d_z_ci=es["d_z_ci"])
    return {**out, "notes": notes}


class PrePostResult(TableResult):
    """One row per outcome; ``to_frame()`` (CIs as ``*_low``/``*_high`` columns), ``to_dict()``,
    ``summary()`` and a table in JupyterLab."""


def instrument_direction(column):
    """The good direction of a score column from its instrument (``pss10_score`` -> False),
    or None when the column is not an instrument's score
    (:func:`impact.instruments.good_direction`, the one place that decides it)."""
    from ..instruments.registry import good_direction

    return good_direction(str(column))




def prepost(scores, outcomes=None, *, baseline=None, followup=None, waves=None,
            id_col="participant_id", wave_col="wave", level=0.95,
            higher_is_better=None, missing_wave="error") -> PrePostResult:
    """Paired pre/post comparison of each outcome between two waves of a long scores frame.

    Parameters
    ----------
    scores : pandas.DataFrame
        Long frame, one row per participant and wave.
    outcomes : str or list of str, optional
        Score columns to compare (default: every ``*_score`` column).
    baseline, followup : str, optional
        Wave labels of the pair; default the first and last of ``waves``.
    waves : list of str, optional
        Wave labels in time order (the protocol's ``waves``); needed for the defaults when the
        labels do not fix their order (see :func:`impact.stats.mixed.wave_order`).
    higher_is_better : bool or dict, optional
        Good direction of every outcome (or per outcome), for ``proportion_improved``; default
        from the instrument when the column is an instrument's score (``pss10_score``).
    missing_wave : {"error", "note"}
        A baseline or follow-up wave without any row: an error naming the waves the data have
        (default: it is usually a typo), or, with ``"note"``, empty rows with a note (what
        ``impact analyse`` does for a protocol wave not yet collected).

    Returns
    -------
    PrePostResult
        One row per outcome with ``outcome, baseline, followup`` and the keys of
        :func:`paired_change`.

    Raises
    ------
    impact.errors.InputError
        An outcome, wave or id column that the data lack (the message names what exists), a
        duplicated participant x wave row, or an infinite score.

    Examples
    --------
    >>> import pandas as pd, impact
    >>> d = pd.DataFrame({"participant_id": [1, 1, 2, 2, 3, 3], "wave": ["T0", "T1"] * 3,
    ...                   "pss10_score": [20, 15, 18, 17, 25, 20.0]})
    >>> r = impact.prepost(d, "pss10_score", baseline="T0", followup="T1")
    >>> r.to_frame()[["outcome", "n_paired", "mean_change", "proportion_improved"]]
           outcome  n_paired  mean_change  proportion_improved
    0  pss10_score         3    -3.666667                  1.0

    R: ``t.test(followup, baseline, paired = TRUE)`` per outcome.
    """
    from ..errors import InputError
    from .mixed import check_columns

    check_columns(scores, [id_col, wave_col])
    if outcomes is None:
        outcomes = [c for c in scores.columns if str(c).endswith("_score")]
        if not outcomes:
            raise InputError("no outcome given and no '*_score' column in the data; it has "
                             + ", ".join(map(str, scores.columns)), rule="outcomes")
    if isinstance(outcomes, str):
        outcomes = [outcomes]
    check_columns(scores, outcomes, what="outcome column")
    present, baseline, followup = _waves(scores[wave_col], waves, baseline, followup, wave_col)
    for role, w in (("baseline", baseline), ("followup", followup)):
        if str(w) not in present and missing_wave == "note":
            continue
        if str(w) not in present:
            raise InputError(f"{role} wave {str(w)!r} not in column '{wave_col}'; the data have "
                             f"{', '.join(map(repr, present))}", column=wave_col, rule=role)
    if str(baseline) == str(followup):
        raise InputError(f"baseline and followup are the same wave {str(baseline)!r}",
                         column=wave_col, rule="waves")
    pair, waves_str = _pair_rows(scores, outcomes, id_col, wave_col, baseline, followup)
    pre = pair.loc[waves_str.loc[pair.index] == str(baseline)].set_index(id_col)
    post = pair.loc[waves_str.loc[pair.index] == str(followup)].set_index(id_col)
    ids = pre.index.intersection(post.index)
    rows = []
    for outcome in outcomes:
        hib = (higher_is_better.get(outcome) if isinstance(higher_is_better, dict)
               else higher_is_better)
        if hib is None:
            hib = instrument_direction(outcome)
        res = paired_change(pre.loc[ids, outcome], post.loc[ids, outcome], level=level,
                            higher_is_better=hib)
        rows.append({"outcome": outcome, "baseline": baseline, "followup": followup, **res})
    return PrePostResult(rows, title=f"Pre/post change, {baseline} to {followup}")


