"""Missing data: multiple imputation of pre/post change (chained equations, Rubin's rules) and an
attrition analysis comparing completers with drop-outs at baseline."""

from __future__ import annotations

import math

import numpy as np

from .._result import DictResult, TableResult

__all__ = ["rubin_pool", "mi_prepost", "attrition", "MIResult"]


def rubin_pool(estimates, variances, *, dfcom=None, level=0.95) -> dict:
    """Pool m estimates with Rubin's rules and the Barnard-Rubin degrees of freedom.

    Parameters
    ----------
    estimates, variances : array-like
        Per-imputation estimate ``Q_l`` and its squared standard error ``U_l``.
    dfcom : float, optional
        Complete-data degrees of freedom (``n - k``); None = infinite (large sample).

    Returns
    -------
    dict
        ``m, estimate (qbar), ubar, b, total_variance (t), se, df, r, fmi, ci_low, ci_high, p``.

    Notes
    -----
    ``qbar = mean(Q)``, ``ubar = mean(U)``, ``b = var(Q)``, ``t = ubar + (1 + 1/m) b``;
    ``lambda = (1 + 1/m) b / t`` (at least 1e-4), ``df_old = (m - 1) / lambda^2``,
    ``df_obs = (dfcom + 1) / (dfcom + 3) dfcom (1 - lambda)``,
    ``df = df_old df_obs / (df_old + df_obs)`` (Barnard and Rubin 1999);
    ``r = (1 + 1/m) b / ubar``, ``fmi = (r + 2 / (df + 3)) / (r + 1)``.

    References
    ----------
    Rubin DB (1987). Multiple Imputation for Nonresponse in Surveys. Wiley.
    Barnard J, Rubin DB (1999). Biometrika 86:948-955. doi:10.1093/biomet/86.4.948.

    Examples
    --------
    R: ``mice::pool.scalar(Q, U, n = n, k = 1)``.
    """
    from . import _dist as stats

    q = np.asarray(estimates, dtype=float)
    u = np.asarray(variances, dtype=float)
    m = q.size
    if m < 2:
        # one imputation has no between-imputation variance: nothing to pool (R's pool.scalar
        # gives NA); the single analysis is returned as it is, with a note.
        est = float(q[0]) if m else None
        return {"m": m, "estimate": est, "ubar": float(u[0]) if m else None, "b": None,
                "total_variance": None, "se": None, "df": None, "r": None, "fmi": None,
                "ci_low": None, "ci_high": None, "p": None,
                "notes": [f"Rubin's rules need at least two imputations (m = {m}): no "
                          f"between-imputation variance, so no pooled SE, df, interval or p"]}
    qbar, ubar = float(q.mean()), float(u.mean())
    b = float(q.var(ddof=1)) if m > 1 else 0.0
    t = ubar + (1 + 1 / m) * b
    lam = max((1 + 1 / m) * b / t, 1e-4) if t > 0 else 1e-4
    df_old = (m - 1) / lam ** 2
    if dfcom is None or math.isinf(dfcom):
        df = df_old
    else:
        df_obs = (dfcom + 1) / (dfcom + 3) * dfcom * (1 - lam)
        df = df_old * df_obs / (df_old + df_obs)
    r = (1 + 1 / m) * b / ubar if ubar > 0 else math.inf
    fmi = (r + 2 / (df + 3)) / (r + 1)
    se = math.sqrt(t)
    crit = stats.t.ppf(1 - (1 - level) / 2, df)
    return {"m": m, "estimate": qbar, "ubar": ubar, "b": b, "total_variance": t, "se": se,
            "df": df, "r": r, "fmi": fmi, "ci_low": qbar - crit * se, "ci_high": qbar + crit * se,
            "p": float(2 * stats.t.sf(abs(qbar / se), df)) if se > 0 else None}


def _draw_norm(y, X, obs, rng):
    """Bayesian linear-regression draw of missing y (mice's "norm"; Rubin 1987 p. 167)."""
    Xo, yo = X[obs], y[obs]
    n, p = Xo.shape
    xtx = Xo.T @ Xo + 1e-5 * np.diag(np.diag(Xo.T @ Xo))  # mice's ridge 1e-5
    inv = np.linalg.inv(xtx)
    beta = inv @ Xo.T @ yo
    resid = yo - Xo @ beta
    sigma = math.sqrt(float(resid @ resid) / rng.chisquare(max(n - p, 1)))
    beta_star = beta + sigma * (np.linalg.cholesky(inv) @ rng.standard_normal(p))
    mis = ~obs
    return X[mis] @ beta_star + sigma * rng.standard_normal(int(mis.sum()))


def _draw_norm_split(filled, j, fixed, rng):
    """:func:`_draw_norm` for column ``j`` with the complete rows' cross-products precomputed."""
    xtx_c, xty_c, yty_c, n_c, rows, mis = fixed
    Xv = np.column_stack([np.ones(len(rows)), np.delete(filled[rows], j, axis=1)])
    yv = filled[rows, j]
    xtx0 = xtx_c + Xv.T @ Xv
    xty = xty_c + Xv.T @ yv
    yty = yty_c + float(yv @ yv)
    n, p = n_c + len(rows), xtx0.shape[0]
    xtx = xtx0 + 1e-5 * np.diag(np.diag(xtx0))  # mice's ridge 1e-5
    inv = np.linalg.inv(xtx)
    beta = inv @ xty
    rss = max(yty - 2 * float(beta @ xty) + float(beta @ xtx0 @ beta), 0.0)
    sigma = math.sqrt(rss / rng.chisquare(max(n - p, 1)))
    beta_star = beta + sigma * (np.linalg.cholesky(inv) @ rng.standard_normal(p))
    Xm = np.column_stack([np.ones(len(mis)), np.delete(filled[mis], j, axis=1)])
    return Xm @ beta_star + sigma * rng.standard_normal(len(mis))


class MIResult(DictResult):
    """Pooled mean change under multiple imputation next to the complete-case result."""

    title = "Multiple imputation sensitivity analysis"


def mi_prepost(scores, outcome, *, baseline, followup, auxiliary=(), m=20, iterations=5,
               seed=1, level=0.95, id_col="participant_id", wave_col="wave") -> MIResult:
    """Pre/post mean change after multiple imputation by chained equations (sensitivity analysis).

    Parameters
    ----------
    scores : pandas.DataFrame
        Long frame (one row per participant and wave).
    outcome : str
        Score column.
    baseline, followup : str
        The pre/post waves. Every other wave of ``outcome`` present in the frame is used as an
        auxiliary variable in the imputation model.
    auxiliary : sequence of str
        Extra numeric columns (taken from the baseline row) to improve the imputation model.
    m, iterations : int
        Number of imputations (20) and chained-equation sweeps (5, as mice's ``maxit``).
    seed : int
        Seed of the random generator: the same seed gives the same result.

    Returns
    -------
    MIResult
        ``outcome, n_participants, n_complete, n_imputed_followup, n_imputed_baseline, m,
        estimate, se, df, ci_low, ci_high, p, fmi, complete_case_estimate, notes``.

    Notes
    -----
    Wide data: one row per participant who has the outcome at any wave. Each incomplete variable
    is imputed in turn from all others by a Bayesian linear regression draw (van Buuren's
    "norm" method), for ``iterations`` sweeps, ``m`` times; per imputed data set the mean change
    and its variance ``s_D^2 / n`` are computed and pooled with :func:`rubin_pool`
    (``dfcom = n - 1``). Valid under missing at random given the variables in the model; compare
    with the complete-case estimate, never replace it silently.

    References
    ----------
    van Buuren S, Groothuis-Oudshoorn K (2011). J Stat Softw 45(3). doi:10.18637/jss.v045.i03.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> pre = rng.normal(20, 5, 40)
    >>> post = np.where(rng.random(40) < 0.2, np.nan, pre - 2 + rng.normal(0, 3, 40))
    >>> scores = pd.DataFrame({"participant_id": np.tile(np.arange(40), 2),
    ...                        "wave": ["T0"] * 40 + ["T1"] * 40,
    ...                        "pss10_score": np.concatenate([pre, post])})
    >>> res = impact.mi_prepost(scores, "pss10_score", baseline="T0", followup="T1", m=5,
    ...                         seed=1)
    >>> res["m"], res["estimate"] < 0
    (5, True)

    R: ``mice::mice(wide, m = 20, method = "norm", seed = 1)``, then ``with(imp,
    lm(I(T1 - T0) ~ 1))`` and ``pool()``.
    """
    frame = scores[[id_col, wave_col, outcome]].copy()
    frame[wave_col] = frame[wave_col].astype(str)
    wide = frame.pivot_table(index=id_col, columns=wave_col, values=outcome, aggfunc="first")
    wide = wide.reindex(columns=[c for c in wide.columns if c in set(wide.columns)])
    notes: list[str] = []
    base = {"outcome": outcome, "baseline": str(baseline), "followup": str(followup),
            "n_participants": 0, "n_complete": 0, "n_imputed_followup": 0,
            "n_imputed_baseline": 0, "m": m, "estimate": None, "se": None, "df": None,
            "ci_low": None, "ci_high": None, "p": None, "fmi": None,
            "complete_case_estimate": None, "seed": seed, "notes": notes}
    if str(baseline) not in wide.columns or str(followup) not in wide.columns:
        notes.append(f"{outcome}: no scores at {baseline} or {followup}; no imputation")
        return MIResult(base)
    cols = [str(baseline), str(followup)] + [c for c in wide.columns
                                             if c not in (str(baseline), str(followup))]
    data = wide[cols]
    if auxiliary:
        waves = scores[wave_col].astype(str)
        aux = scores.loc[waves == str(baseline)].set_index(id_col)[list(auxiliary)]
        aux = aux.apply(lambda s: s.astype(float) if s.dtype.kind in "biuf" else s)
        aux = aux.select_dtypes("number")
        data = data.join(aux, how="left")
    data = data.dropna(how="all", subset=cols)
    values = data.to_numpy(dtype=float)
    n = values.shape[0]
    miss = np.isnan(values)
    complete = ~miss[:, 0] & ~miss[:, 1]
    base.update(n_participants=n, n_complete=int(complete.sum()),
                n_imputed_followup=int(miss[:, 1].sum()), n_imputed_baseline=int(miss[:, 0].sum()))
    if complete.sum() >= 1:
        d = values[complete, 1] - values[complete, 0]
        base["complete_case_estimate"] = float(d.mean())
    usable = [j for j in range(values.shape[1]) if (~miss[:, j]).sum() >= 3]
    if 0 not in usable or 1 not in usable or complete.sum() < 3 or n < 4:
        notes.append(f"{outcome}: too few observed scores for multiple imputation")
        return MIResult(base)
    values, miss = values[:, usable], miss[:, usable]
    if not miss.any():
        notes.append(f"{outcome}: no missing scores; imputation equals the complete-case analysis")
    rng = np.random.default_rng(seed)
    est, var = [], []
    # Rows observed in every column never change: their cross-products are summed once per
    # column, and each draw adds only the rows whose other columns are imputed (the same numbers
    # as _draw_norm on the whole design, in a fraction of the time for large n).
    k = values.shape[1]
    full = ~miss.any(axis=1)
    fixed = {}
    for j in range(k):
        if miss[:, j].any():
            Xc = np.column_stack([np.ones(int(full.sum())), np.delete(values[full], j, axis=1)])
            yc = values[full, j]
            fixed[j] = (Xc.T @ Xc, Xc.T @ yc, float(yc @ yc), int(full.sum()),
                        np.flatnonzero(~miss[:, j] & ~full), np.flatnonzero(miss[:, j]))
    for _ in range(m):
        filled = values.copy()
        for j in range(filled.shape[1]):
            mj = miss[:, j]
            if mj.any():
                filled[mj, j] = rng.choice(values[~mj, j], int(mj.sum()))
        for _ in range(iterations):
            for j in range(k):
                if j not in fixed:
                    continue
                filled[fixed[j][5], j] = _draw_norm_split(filled, j, fixed[j], rng)
        d = filled[:, 1] - filled[:, 0]
        est.append(d.mean())
        var.append(d.var(ddof=1) / n)
    pooled = rubin_pool(est, var, dfcom=n - 1, level=level)
    base.update({k: pooled[k] for k in ("estimate", "se", "df", "ci_low", "ci_high", "p", "fmi")})
    return MIResult(base)


def attrition(scores, outcomes, *, baseline, followup, background=(), id_col="participant_id",
              wave_col="wave", primary=None) -> TableResult:
    """Compare completers with drop-outs at baseline (attrition analysis).

    Parameters
    ----------
    scores : pandas.DataFrame
        Long frame.
    outcomes : list of str
        Score columns compared at baseline.
    baseline, followup : str
        Waves; a completer has the ``primary`` (default: first outcome) score at both.
    background : sequence of str
        Background columns at baseline: numeric ones compared like outcomes, others by a
        chi-square test of the category counts.

    Returns
    -------
    TableResult
        One row per variable: ``variable, kind, n_completers, n_dropouts, mean_completers,
        mean_dropouts, sd_completers, sd_dropouts, smd, statistic, df, p, test, notes``.

    Notes
    -----
    Numeric: Welch t-test and the standardised mean difference
    ``(mean_dropouts - mean_completers) / sqrt((s_c^2 + s_d^2) / 2)``. Categorical: Pearson
    chi-square on the completers x category table (no continuity correction). A variable with
    fewer than two participants in a group gets None with a note.

    Examples
    --------
    R: ``t.test(x ~ completer, var.equal = FALSE)``; ``chisq.test(table(completer, x),
    correct = FALSE)``.
    """
    from . import _dist as stats

    if isinstance(outcomes, str):
        outcomes = [outcomes]
    primary = primary or outcomes[0]
    waves = scores[wave_col].astype(str)
    pre = scores.loc[waves == str(baseline)].drop_duplicates(id_col).set_index(id_col)
    post = scores.loc[waves == str(followup)].drop_duplicates(id_col).set_index(id_col)
    has_post = post[primary].dropna().index if primary in post else post.index
    completer = pre.index.isin(has_post)
    rows = []
    for var in list(outcomes) + [b for b in background if b in pre.columns]:
        col = pre[var]
        row = {"variable": var, "kind": None, "n_completers": int(col[completer].notna().sum()),
               "n_dropouts": int(col[~completer].notna().sum()), "mean_completers": None,
               "mean_dropouts": None, "sd_completers": None, "sd_dropouts": None, "smd": None,
               "statistic": None, "df": None, "p": None, "test": None, "notes": []}
        numeric = col.dtype.kind in "biuf" or var in outcomes
        if numeric:
            row["kind"] = "numeric"
            a = col[completer].astype(float).dropna().to_numpy()
            b = col[~completer].astype(float).dropna().to_numpy()
            if a.size >= 1:
                row["mean_completers"] = float(a.mean())
            if b.size >= 1:
                row["mean_dropouts"] = float(b.mean())
            if a.size < 2 or b.size < 2:
                row["notes"].append(f"{var}: fewer than two completers or drop-outs; no test")
            else:
                sa, sb = float(a.std(ddof=1)), float(b.std(ddof=1))
                row.update(sd_completers=sa, sd_dropouts=sb)
                pooled = math.sqrt((sa ** 2 + sb ** 2) / 2)
                if pooled > 0:
                    row["smd"] = (b.mean() - a.mean()) / pooled
                    statistic, p = stats.welch_t(b, a)
                    va, vb = sa ** 2 / a.size, sb ** 2 / b.size
                    row.update(statistic=statistic, p=p,
                               test="Welch t",
                               df=(va + vb) ** 2 / (va ** 2 / (a.size - 1) + vb ** 2 / (b.size - 1)))
                else:
                    row["notes"].append(f"{var}: no spread; no test")
        else:
            row["kind"] = "categorical"
            import pandas as pd

            table = pd.crosstab(completer, col.astype("string").fillna("(missing)"))
            if table.shape[0] < 2 or table.shape[1] < 2:
                row["notes"].append(f"{var}: one group or one category only; no test")
            else:
                chi2, p, dof = stats.chi2_independence(table.to_numpy())
                row.update(statistic=float(chi2), df=int(dof), p=float(p), test="chi-square")
        rows.append(row)
    notes = [n for r in rows for n in r["notes"]]
    return TableResult(rows, title=f"Attrition: completers vs drop-outs at {baseline}", notes=notes)
