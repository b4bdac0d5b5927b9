"""Weighted survey estimates for repeated cross-sectional monitors (design-based, linearisation).

A ground-floor module: frames and arrays in, tables out; nothing about files or reports.

Design: each round is an independent sample with weights and no clusters, i.e. R
``svydesign(ids = ~1, strata = ~round, weights = ~weight, data)`` (one stratum per round; for a
single round this is ``svydesign(ids = ~1, weights = ~weight)``).

Weighted mean of domain ``d`` (a neighbourhood in a round, or the whole round)::

    m_d = sum_d w_i y_i / W_d,          W_d = sum_d w_i
    z_i = w_i (y_i - m_d) / W_d  for i in d with y observed, else 0
    Var(m_d) = N_h / (N_h - 1) * sum_i z_i^2

with ``N_h`` the number of rows of the round (the stratum) - respondents outside the domain and
respondents without an answer count as zeros, exactly as R ``svyby(~y, ~neighbourhood + round,
design, svymean, na.rm = TRUE)`` and ``svymean(..., na.rm = TRUE)`` treat them (domain estimation
keeps the full sample). Intervals are ``m +/- z_{0.975} SE`` as ``confint(svymean(...))``.

Difference of a neighbourhood from the rest of the reference area (the respondents of the round
outside the neighbourhood: the comparator of the level and of the change is the same), two
disjoint domains linearised jointly::

    m_rest = sum_{i in round, not in d} w_i y_i / W_rest
    z_i = w_i 1[i in d] (y_i - m_d) / W_d - w_i 1[i not in d] (y_i - m_rest) / W_rest
    Var(m_d - m_rest) = N_h / (N_h - 1) * sum_i z_i^2 = Var(m_d) + Var(m_rest)

(R: ``svycontrast(svytotal(~yd + d + y + one, design), quote(yd / d - (y - yd) / (one - d)))``);
p from the normal distribution. A neighbourhood that is the whole round has no rest: no
difference (None).

Difference-in-differences between the first and last round against the rest of the reference
area: the ``svyglm(y ~ in_neighbourhood * last_round, design)`` interaction on the two rounds. The
model is saturated in its four cells, so the estimate is
``(m_d,last - m_rest,last) - (m_d,first - m_rest,first)`` and its linearisation variance is the sum
of the four cell variances (each with its round's ``N_h``); CI and p use the t distribution with
``df.residual(fit)`` = (respondents with an answer in the two rounds) - 2 strata + 1 - 4
coefficients degrees of freedom, as ``confint(svyglm)`` and ``summary(svyglm)`` do (with hundreds
of respondents this is the normal quantile to three decimals).

Everything is computed from per-cell sums (``numpy.bincount``), so a monitor of millions of
respondents takes seconds: no loop over respondents.
"""

from __future__ import annotations

import math

import numpy as np

from .._result import DictResult, Result

__all__ = ["svymean", "SurveyMean", "domain_means", "neighbourhood_monitor", "MonitorResult"]


def _z(level):
    from scipy import stats

    return float(stats.norm.ppf(1 - (1 - level) / 2))


class SurveyMean(DictResult):
    """A weighted mean with its linearisation SE: ``n, mean, se, ci_low, ci_high``."""

    title = "Weighted mean"

    def summary(self) -> str:
        d = self.data
        return (f"weighted mean {d['mean']:.4g} (SE {d['se']:.3g}; 95% CI {d['ci_low']:.4g} to "
                f"{d['ci_high']:.4g}), n = {d['n']}")


def svymean(y, weights=None, *, level: float = 0.95) -> SurveyMean:
    """Weighted mean with linearisation SE, as ``svymean(~y, svydesign(ids = ~1, weights = ~w),
    na.rm = TRUE)`` and ``confint`` (normal quantile).

    Missing values of ``y`` are left out of the mean but their rows count in ``N`` (as R does).
    """
    y = np.asarray(y, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != y.shape:
        raise ValueError("y and weights must have the same length")
    if np.isnan(w).any() or (w <= 0).any():
        raise ValueError("weights must be positive numbers without missing values")
    ok = ~np.isnan(y)
    n_all = len(y)
    n = int(ok.sum())
    if n == 0:
        return SurveyMean({"n": 0, "mean": None, "se": None, "ci_low": None, "ci_high": None})
    wv, yv = w[ok], y[ok]
    m = float(np.sum(wv * yv) / wv.sum())
    z = wv * (yv - m) / wv.sum()
    se = math.sqrt(n_all / (n_all - 1) * np.sum(z ** 2)) if n_all > 1 else math.nan
    q = _z(level)
    return SurveyMean({"n": n, "mean": m, "se": se, "ci_low": m - q * se, "ci_high": m + q * se})


def _sums(index, size, y, w):
    """Per-cell sums of a valid-masked outcome: n, W, Sy, Q0, Q1, Q2 (weights squared)."""
    ok = ~np.isnan(y)
    yv = np.where(ok, y, 0.0)
    wv = np.where(ok, w, 0.0)
    w2 = wv * wv
    b = lambda x: np.bincount(index, weights=x, minlength=size)  # noqa: E731
    return {"n": np.bincount(index, weights=ok.astype(float), minlength=size), "W": b(wv),
            "S": b(wv * yv), "Q0": b(w2), "Q1": b(w2 * yv), "Q2": b(w2 * yv * yv)}


def _domain_var(s, m, n_rows):
    """Var of a domain mean from its sums: N/(N-1) * (Q2 - 2 m Q1 + m^2 Q0) / W^2."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ssz = (s["Q2"] - 2 * m * s["Q1"] + m * m * s["Q0"]) / s["W"] ** 2
        return np.where(n_rows > 1, n_rows / (n_rows - 1) * np.maximum(ssz, 0.0), np.nan)


def domain_means(frame, outcome, by, *, weight=None, strata=None, level: float = 0.95):
    """Weighted means per domain (``svyby(~outcome, ~by, design, svymean, na.rm = TRUE)``).

    Parameters
    ----------
    frame : pandas.DataFrame
    outcome : str
    by : str or list of str
        Domain columns.
    weight : str, optional
        Weight column (default: all 1).
    strata : str, optional
        Stratum column (e.g. the round); ``N`` in the variance is the stratum's row count (the
        domain must lie inside one stratum: include ``strata`` in ``by``).

    Returns
    -------
    pandas.DataFrame
        ``by`` columns + ``n, mean, se, ci_low, ci_high``.
    """
    import pandas as pd

    by = [by] if isinstance(by, str) else list(by)
    if strata is not None and strata not in by:
        raise ValueError("the strata column must be one of the domain columns")
    keys = frame[by].astype("object")
    codes, uniques = pd.MultiIndex.from_frame(keys).factorize()
    y = frame[outcome].to_numpy(dtype=float)
    w = np.ones(len(frame)) if weight is None else frame[weight].to_numpy(dtype=float)
    s = _sums(codes, len(uniques), y, w)
    if strata is None:
        n_rows = np.full(len(uniques), float(len(frame)))
    else:
        st_codes, st_uniques = pd.factorize(frame[strata].astype("object"))
        per_stratum = np.bincount(st_codes, minlength=len(st_uniques)).astype(float)
        lookup = dict(zip(st_uniques, per_stratum))
        pos = by.index(strata)
        n_rows = np.array([lookup[u[pos]] for u in uniques], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        m = s["S"] / s["W"]
    se = np.sqrt(_domain_var(s, m, n_rows))
    q = _z(level)
    out = pd.DataFrame(list(uniques), columns=by)
    out["n"] = s["n"].astype(int)
    out["mean"], out["se"] = m, se
    out["ci_low"], out["ci_high"] = m - q * se, m + q * se
    return out.loc[out["n"] > 0].reset_index(drop=True)


class MonitorResult(Result):
    """The neighbourhood monitor: ``estimates``, ``reference``, ``differences``, ``did``.

    Each is a DataFrame with the DESIGN.md columns (``monitor.*`` keys); ``to_dict()`` gives the
    ``monitor`` results object, ``to_frame()`` the estimates.
    """

    title = "Neighbourhood monitor"

    def __init__(self, estimates, reference, differences, did, notes=None, info=None):
        self.estimates, self.reference = estimates, reference
        self.differences, self.did = differences, did
        self.notes = list(notes or [])
        self.info = dict(info or {})

    def to_frame(self):
        return self.estimates.copy()

    def to_dict(self) -> dict:
        from .._result import clean_json

        return clean_json({**self.info,
                           "estimates": self.estimates.to_dict("records"),
                           "reference": self.reference.to_dict("records"),
                           "differences": self.differences.to_dict("records"),
                           "did": self.did.to_dict("records"), "notes": self.notes})

    def summary(self) -> str:
        lines = [f"{self.title}: {self.estimates['neighbourhood'].nunique()} neighbourhoods, "
                 f"{self.reference['round'].nunique()} rounds, "
                 f"{self.estimates['outcome'].nunique()} outcomes"]
        for r in self.did.itertuples():
            if r.did is not None and not (isinstance(r.did, float) and math.isnan(r.did)):
                lines.append(f"{r.neighbourhood}, {r.outcome}: difference-in-differences "
                             f"{r.did:.3g} (95% CI {r.did_ci_low:.3g} to {r.did_ci_high:.3g}), "
                             f"p = {r.did_p:.3g}")
        return "\n".join(lines + self.notes)

    def plot(self, neighbourhood=None, lang="en"):
        """Small multiples over rounds (see :mod:`impact.plots.monitor`)."""
        from ..plots.monitor import small_multiples

        return small_multiples(self.to_dict(), neighbourhood=neighbourhood, lang=lang)


def neighbourhood_monitor(frame, outcomes, *, neighbourhood: str = "neighbourhood",
                          round: str = "round", weight: str | None = "weight",  # noqa: A002
                          rounds=None, level: float = 0.95) -> MonitorResult:
    """Weighted means per neighbourhood, round and outcome against the reference area.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per respondent: ``round``, ``neighbourhood``, optional ``weight`` and the outcome
        columns (missing = NaN). The whole frame is the reference area.
    outcomes : list of str
    rounds : list, optional
        Round order (default: sorted unique values). DiD compares the first with the last.
    level : float
        Confidence level (normal quantile).

    Returns
    -------
    MonitorResult
        See the module docstring for the formulas and the R equivalents.
    """
    import pandas as pd
    from scipy import stats

    q = _z(level)
    frame = frame.reset_index(drop=True)
    if weight is not None and weight in frame.columns:
        w = frame[weight].to_numpy(dtype=float)
    else:
        w = np.ones(len(frame))
    if np.isnan(w).any() or (w <= 0).any():
        raise ValueError("weights must be positive numbers without missing values")
    rounds = list(rounds) if rounds is not None else sorted(frame[round].dropna().unique().tolist())
    r_code = pd.Categorical(frame[round], categories=rounds).codes.astype(np.int64)
    if (r_code < 0).any():
        raise ValueError("every row's round must be one of the rounds")
    hoods = sorted(frame[neighbourhood].dropna().astype(str).unique().tolist())
    g_code = pd.Categorical(frame[neighbourhood].astype(str), categories=hoods).codes.astype(
        np.int64)
    if (g_code < 0).any():
        raise ValueError("every row needs a neighbourhood")
    R, G = len(rounds), len(hoods)
    cell = r_code * G + g_code
    n_round = np.bincount(r_code, minlength=R).astype(float)
    n_cell_rows = np.repeat(n_round, G)
    est_rows, ref_rows, diff_rows, did_rows = [], [], [], []
    first, last = 0, R - 1
    for outcome in outcomes:
        y = frame[outcome].to_numpy(dtype=float)
        c = _sums(cell, R * G, y, w)
        t = _sums(r_code, R, y, w)
        with np.errstate(divide="ignore", invalid="ignore"):
            m_c = c["S"] / c["W"]
            m_r = t["S"] / t["W"]
        v_c = _domain_var(c, m_c, n_cell_rows)
        v_r = _domain_var(t, m_r, n_round)
        # difference from the rest of the reference area (the round without the neighbourhood)
        rest = {key: np.repeat(t[key], G) - c[key] for key in c}
        with np.errstate(divide="ignore", invalid="ignore"):
            m_rest = np.where(rest["n"] > 0, rest["S"] / rest["W"], np.nan)
            v_d = _domain_var(c, m_c, n_cell_rows) + _domain_var(rest, m_rest, n_cell_rows)
        for ri, rd in enumerate(rounds):
            if t["n"][ri] > 0:
                se = math.sqrt(v_r[ri]) if np.isfinite(v_r[ri]) else math.nan
                ref_rows.append({"round": rd, "outcome": outcome, "n": int(t["n"][ri]),
                                 "mean": m_r[ri], "se": se, "ci_low": m_r[ri] - q * se,
                                 "ci_high": m_r[ri] + q * se})
            for gi, hood in enumerate(hoods):
                k = ri * G + gi
                if c["n"][k] == 0:
                    continue
                se = math.sqrt(v_c[k]) if np.isfinite(v_c[k]) else math.nan
                est_rows.append({"neighbourhood": hood, "round": rd, "outcome": outcome,
                                 "n": int(c["n"][k]), "mean": m_c[k], "se": se,
                                 "ci_low": m_c[k] - q * se, "ci_high": m_c[k] + q * se})
                diff = m_c[k] - m_rest[k]
                if not np.isfinite(diff):  # no one with an answer outside the neighbourhood
                    diff_rows.append({"neighbourhood": hood, "round": rd, "outcome": outcome,
                                      "difference": None, "se": None, "ci_low": None,
                                      "ci_high": None, "p": None})
                    continue
                sed = math.sqrt(v_d[k]) if np.isfinite(v_d[k]) else math.nan
                p = float(2 * stats.norm.sf(abs(diff / sed))) if sed > 0 else math.nan
                diff_rows.append({"neighbourhood": hood, "round": rd, "outcome": outcome,
                                  "difference": diff, "se": sed, "ci_low": diff - q * sed,
                                  "ci_high": diff + q * sed, "p": p})
        if R < 2:
            continue
        # difference-in-differences: the neighbourhood against the rest of the area
        n_valid = t["n"][first] + t["n"][last]
        df_resid = n_valid - 2 + 1 - 4  # svyglm: degf(design) + 1 - number of coefficients
        for gi, hood in enumerate(hoods):
            kf, kl = first * G + gi, last * G + gi
            cells = {}
            for tag, k, ri in (("f", kf, first), ("l", kl, last)):
                own = {key: c[key][k] for key in c}
                rest = {key: t[key][ri] - c[key][k] for key in c}
                cells[tag] = (own, rest, n_round[ri])
            means, variances, counts = {}, {}, {}
            for tag, (own, rest, nr) in cells.items():
                for part, s in (("d", own), ("r", rest)):
                    counts[tag + part] = s["n"]
                    if s["W"] <= 0:
                        means[tag + part] = variances[tag + part] = math.nan
                        continue
                    m = s["S"] / s["W"]
                    ssz = max((s["Q2"] - 2 * m * s["Q1"] + m * m * s["Q0"]) / s["W"] ** 2, 0.0)
                    means[tag + part] = m
                    variances[tag + part] = nr / (nr - 1) * ssz if nr > 1 else math.nan
            row = {"neighbourhood": hood, "outcome": outcome, "first_round": rounds[first],
                   "last_round": rounds[last], "n_first": int(counts["fd"]),
                   "n_last": int(counts["ld"])}
            if min(counts.values()) < 2:
                row.update(did=None, se=None, did_ci_low=None, did_ci_high=None, did_p=None,
                           change=None, change_se=None, change_ci_low=None, change_ci_high=None,
                           rest_change=None)
                did_rows.append(row)
                continue
            change = means["ld"] - means["fd"]
            rest_change = means["lr"] - means["fr"]
            did = change - rest_change
            se_c = math.sqrt(variances["ld"] + variances["fd"])
            se = math.sqrt(variances["ld"] + variances["fd"] + variances["lr"] + variances["fr"])
            p = float(2 * stats.t.sf(abs(did / se), df_resid)) if se > 0 and df_resid > 0 \
                else math.nan
            qt = float(stats.t.ppf(1 - (1 - level) / 2, df_resid)) if df_resid > 0 else math.nan
            row.update(did=did, se=se, did_ci_low=did - qt * se, did_ci_high=did + qt * se,
                       did_p=p, change=change, change_se=se_c, change_ci_low=change - q * se_c,
                       change_ci_high=change + q * se_c, rest_change=rest_change)
            did_rows.append(row)
    cols_e = ["neighbourhood", "round", "outcome", "n", "mean", "se", "ci_low", "ci_high"]
    cols_r = ["round", "outcome", "n", "mean", "se", "ci_low", "ci_high"]
    cols_d = ["neighbourhood", "round", "outcome", "difference", "se", "ci_low", "ci_high", "p"]
    cols_did = ["neighbourhood", "outcome", "did", "se", "did_ci_low", "did_ci_high", "did_p",
                "first_round", "last_round", "n_first", "n_last", "change", "change_se",
                "change_ci_low", "change_ci_high", "rest_change"]
    info = {"rounds": [str(r) for r in rounds], "neighbourhoods": hoods,
            "outcomes": list(outcomes), "n_respondents": int(len(frame)),
            "level": level, "design": "svydesign(ids = ~1, strata = ~round, weights = ~weight)"}
    return MonitorResult(pd.DataFrame(est_rows, columns=cols_e),
                         pd.DataFrame(ref_rows, columns=cols_r),
                         pd.DataFrame(diff_rows, columns=cols_d),
                         pd.DataFrame(did_rows, columns=cols_did), info=info)
