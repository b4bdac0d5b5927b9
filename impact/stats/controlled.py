"""Controlled designs and subgroups: ANCOVA of follow-up adjusted for baseline, and pre/post change
by subgroup with an interaction test."""

from __future__ import annotations

import numpy as np

from .._result import DictResult, TableResult

__all__ = ["ancova", "AncovaResult", "subgroup_change"]

_OTHER = "other (merged small groups)"


class AncovaResult(DictResult):
    title = "ANCOVA of follow-up adjusted for baseline"


def _wide(scores, outcome, baseline, followup, id_col, wave_col, keep=()):
    waves = scores[wave_col].astype(str)
    pre = scores.loc[waves == str(baseline), [id_col, outcome, *keep]].drop_duplicates(id_col)
    post = scores.loc[waves == str(followup), [id_col, outcome]].drop_duplicates(id_col)
    wide = pre.merge(post, on=id_col, suffixes=("_pre", "_post"))
    return wide.dropna(subset=[f"{outcome}_pre", f"{outcome}_post"])


def ancova(scores, outcome, *, baseline, followup, group_col="group", reference_group=None,
           level=0.95, id_col="participant_id", wave_col="wave") -> AncovaResult:
    """ANCOVA: follow-up regressed on baseline and arm; the adjusted difference between arms.

    Parameters
    ----------
    scores : pandas.DataFrame
        Long frame with a ``group_col`` marking the two arms (taken from the baseline row).
    outcome : str
        Score column.
    baseline, followup : str
        Waves.
    reference_group : str, optional
        The comparison arm (default: a level called control/comparison/controle/wachtlijst...,
        else the first in sort order).

    Returns
    -------
    AncovaResult
        ``outcome, arm, reference, n, n_arm, n_reference, estimate (adjusted mean difference
        arm - reference at follow-up), se, t, df, p, ci_low, ci_high, baseline_slope, notes``.

    Notes
    -----
    OLS ``y_post = b0 + b1 y_pre + b2 [arm] + e`` on complete pairs; ``estimate = b2`` with the
    usual OLS SE on ``n - 3`` df. Preferred over comparing change scores in randomised and
    non-randomised controlled designs (Vickers and Altman 2001, BMJ 323:1123).

    Examples
    --------
    R: ``lm(followup ~ baseline + group, data)``.
    """
    from . import _dist as stats

    from .mixed import _reference_group

    notes: list[str] = []
    wide = _wide(scores, outcome, baseline, followup, id_col, wave_col, keep=(group_col,))
    wide = wide[wide[group_col].notna()]
    levels = sorted(wide[group_col].unique(), key=str)
    out = {"outcome": outcome, "arm": None, "reference": None, "n": int(len(wide)),
           "n_arm": None, "n_reference": None, "estimate": None, "se": None, "t": None,
           "df": None, "p": None, "ci_low": None, "ci_high": None, "baseline_slope": None,
           "notes": notes}
    if len(levels) != 2:
        notes.append(f"{outcome}: ANCOVA needs exactly two arms in '{group_col}', found "
                     f"{len(levels)}")
        return AncovaResult(out)
    ref = _reference_group(levels, reference_group)
    arm = [lv for lv in levels if lv != ref][0]
    g = (wide[group_col] == arm).to_numpy(dtype=float)
    out.update(arm=arm, reference=ref, n_arm=int(g.sum()), n_reference=int((1 - g).sum()))
    X = np.column_stack([np.ones(len(wide)), wide[f"{outcome}_pre"].to_numpy(float), g])
    y = wide[f"{outcome}_post"].to_numpy(float)
    n = len(y)
    if n - 3 < 1 or g.sum() < 1 or (1 - g).sum() < 1 or np.linalg.matrix_rank(X) < 3:
        notes.append(f"{outcome}: too few complete pairs per arm for ANCOVA")
        return AncovaResult(out)
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    df = n - 3
    s2 = float(resid @ resid) / df
    cov = s2 * np.linalg.inv(X.T @ X)
    se = float(np.sqrt(cov[2, 2]))
    if se == 0:
        notes.append(f"{outcome}: perfect fit; no standard error")
        return AncovaResult(out)
    t = float(beta[2] / se)
    crit = stats.t.ppf(1 - (1 - level) / 2, df)
    out.update(estimate=float(beta[2]), se=se, t=t, df=df, p=float(2 * stats.t.sf(abs(t), df)),
               ci_low=float(beta[2] - crit * se), ci_high=float(beta[2] + crit * se),
               baseline_slope=float(beta[1]))
    return AncovaResult(out)


def subgroup_change(scores, outcome, by, *, baseline, followup, min_cell_size=1, level=0.95,
                    id_col="participant_id", wave_col="wave") -> TableResult:
    """Pre/post change per subgroup of a background column, with a test of the interaction.

    Parameters
    ----------
    scores : pandas.DataFrame
        Long frame; ``by`` is read from the baseline row (e.g. neighbourhood, referrer,
        discipline).
    outcome : str
        Score column.
    by : str
        Background column.
    min_cell_size : int
        Subgroups with fewer complete pairs are merged into one "other" group; if that is still
        too small it is dropped (noted). Protects privacy and stability.

    Returns
    -------
    TableResult
        One row per subgroup: ``outcome, by, subgroup, n, mean_change, sd_change, ci_low,
        ci_high``; ``result.interaction`` holds ``f, df1, df2, p`` (None with a note when fewer
        than two subgroups remain).

    Notes
    -----
    The subgroup x time interaction on complete pairs is the one-way ANOVA of change
    ``D = followup - baseline`` across subgroups: ``F = [sum n_g (mean_g - mean)^2 / (G - 1)] /
    [sum (D - mean_g)^2 / (N - G)]``. Subgroup analyses are exploratory: report the interaction,
    not subgroup p-values.

    Examples
    --------
    R: ``anova(lm(I(followup - baseline) ~ factor(neighbourhood), data = wide))``.
    """
    from . import _dist as stats

    notes: list[str] = []
    wide = _wide(scores, outcome, baseline, followup, id_col, wave_col, keep=(by,))
    wide = wide[wide[by].notna()].copy()
    wide["change"] = wide[f"{outcome}_post"] - wide[f"{outcome}_pre"]
    wide["subgroup"] = wide[by].astype(str)
    sizes = wide["subgroup"].value_counts()
    small = sizes[sizes < min_cell_size].index
    if len(small):
        wide.loc[wide["subgroup"].isin(small), "subgroup"] = _OTHER
        notes.append(f"{outcome} by {by}: {len(small)} subgroup(s) with fewer than "
                     f"{min_cell_size} pairs merged into '{_OTHER}'")
        if (wide["subgroup"] == _OTHER).sum() < min_cell_size:
            wide = wide[wide["subgroup"] != _OTHER]
            notes.append(f"{outcome} by {by}: the merged group is still smaller than "
                         f"{min_cell_size} and is left out")
    rows = []
    for name, d in wide.groupby("subgroup", sort=True)["change"]:
        n = int(d.size)
        m = float(d.mean())
        sd = float(d.std(ddof=1)) if n > 1 else None
        lo = hi = None
        if n > 1 and sd and sd > 0:
            half = stats.t.ppf(1 - (1 - level) / 2, n - 1) * sd / np.sqrt(n)
            lo, hi = m - half, m + half
        rows.append({"outcome": outcome, "by": by, "subgroup": name, "n": n, "mean_change": m,
                     "sd_change": sd, "ci_low": lo, "ci_high": hi})
    result = TableResult(rows, title=f"Change in {outcome} by {by}", notes=notes)
    result.interaction = {"f": None, "df1": None, "df2": None, "p": None}
    G, N = len(rows), len(wide)
    if G < 2 or N - G < 1:
        notes.append(f"{outcome} by {by}: fewer than two subgroups (or too few pairs); no "
                     f"interaction test")
        return result
    grand = wide["change"].mean()
    means = wide.groupby("subgroup")["change"].transform("mean")
    ss_between = float(((means - grand) ** 2).sum())
    ss_within = float(((wide["change"] - means) ** 2).sum())
    if ss_within == 0:
        notes.append(f"{outcome} by {by}: no spread within subgroups; no interaction test")
        return result
    f = (ss_between / (G - 1)) / (ss_within / (N - G))
    result.interaction = {"f": f, "df1": G - 1, "df2": N - G,
                          "p": float(stats.f.sf(f, G - 1, N - G))}
    return result


