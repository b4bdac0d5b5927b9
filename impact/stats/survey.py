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

__all__ = ["svymean", "SurveyMean", "domain_means", "neighbourhood_monitor", "MonitorResult",
           "SurveyDesign", "design_means"]

# the columns of the monitor's tables: estimates, reference, differences, difference in change
_COLUMNS = (["neighbourhood", "round", "outcome", "n", "mean", "se", "ci_low", "ci_high"],
            ["round", "outcome", "n", "mean", "se", "ci_low", "ci_high"],
            ["neighbourhood", "round", "outcome", "difference", "se", "ci_low", "ci_high", "p"],
            ["neighbourhood", "outcome", "did", "se", "did_ci_low", "did_ci_high", "did_p",
             "first_round", "last_round", "n_first", "n_last", "change", "change_se",
             "change_ci_low", "change_ci_high", "rest_change"])


class SurveyDesign:
    """A one-stage complex sample: strata, clusters (primary sampling units) and finite
    population corrections, as R ``svydesign(ids = ~cluster, strata = ~strata, fpc = ~fpc,
    weights = ~w, nest = TRUE)``.

    Parameters
    ----------
    n : int
        Number of rows.
    strata : array, optional
        Stratum of every row (default one stratum).
    cluster : array, optional
        Primary sampling unit of every row (default: every row is its own unit). Units are
        nested in strata (the same label in two strata is two units).
    fpc : array, optional
        Per row, the stratum's population size (number of units in the population) or, when
        every value is at most 1, its sampling fraction, as ``survey``. Must be constant within
        a stratum.

    Notes
    -----
    The linearisation (Taylor) variance of an estimator with influence values ``z_i`` (Binder
    1983; ``survey::svyrecvar``)::

        V = sum_h (1 - f_h) n_h / (n_h - 1) sum_{j in h} (z_hj - zbar_h)^2

    with ``z_hj`` the sum of ``z_i`` over unit ``j`` of stratum ``h``, ``n_h`` the number of
    units sampled in ``h`` and ``f_h = n_h / N_h`` (0 without fpc). With ``fpc2`` (second-stage
    population size or fraction per cluster; second-stage units ``cluster2``, default the rows)
    the second stage adds ``sum_j f_h (1 - f2_j) m_j / (m_j - 1) sum_k (z_jk - zbar_j)^2``, as
    R's ``svydesign(ids = ~psu + ssu, fpc = ~fpc1 + fpc2)``; without it the sample is treated as
    one stage (ultimate clusters, ``ids = ~psu``). A stratum with a
    single unit has no variance estimate (R's ``options(survey.lonely.psu = "fail")``): the
    variance is then ``nan``.
    """

    def __init__(self, n, strata=None, cluster=None, fpc=None, cluster2=None, fpc2=None):
        import pandas as pd

        self.n = int(n)
        s_codes = (np.zeros(self.n, dtype=np.int64) if strata is None
                   else pd.factorize(pd.Series(strata).astype("object"))[0].astype(np.int64))
        if (s_codes < 0).any():
            raise ValueError("every row needs a stratum")
        self.strata = s_codes
        H = int(s_codes.max()) + 1 if self.n else 0
        if cluster is None:
            psu = np.arange(self.n, dtype=np.int64)
        else:
            c = pd.Series(cluster).astype("object")
            if c.isna().any():
                raise ValueError("every row needs a cluster")
            psu = pd.MultiIndex.from_arrays([s_codes, c]).factorize()[0].astype(np.int64)
        self.psu = psu
        P = int(psu.max()) + 1 if self.n else 0
        self.psu_stratum = np.zeros(P, dtype=np.int64)
        self.psu_stratum[psu] = s_codes
        self.n_h = np.bincount(self.psu_stratum, minlength=H).astype(float)
        self.f_h = np.zeros(H)
        if fpc is not None:
            fv = np.asarray(fpc, dtype=float)
            if np.isnan(fv).any() or (fv <= 0).any():
                raise ValueError("fpc must be positive numbers without missing values")
            per = pd.Series(fv).groupby(s_codes).agg(["min", "max"])
            if (per["min"] != per["max"]).any():
                raise ValueError("fpc must be the same for every row of a stratum")
            fh = per["min"].reindex(range(H)).to_numpy()
            if (fv <= 1).all():
                self.f_h = fh
            else:
                if (fh < self.n_h).any():
                    raise ValueError("fpc (population size) is smaller than the number of "
                                     "sampled units in a stratum")
                self.f_h = self.n_h / fh
        self.H, self.P = H, P
        self.stage2 = None
        if fpc2 is not None:
            if cluster is None or fpc is None:
                raise ValueError("a second stage needs a first-stage cluster and fpc")
            f2 = np.asarray(fpc2, dtype=float)
            ssu = (np.arange(self.n, dtype=np.int64) if cluster2 is None else
                   pd.MultiIndex.from_arrays([psu, pd.Series(cluster2).astype("object")])
                   .factorize()[0].astype(np.int64))
            S = int(ssu.max()) + 1
            ssu_psu = np.zeros(S, dtype=np.int64)
            ssu_psu[ssu] = psu
            m_j = np.bincount(ssu_psu, minlength=P).astype(float)
            per = pd.Series(f2).groupby(psu).agg(["min", "max"])
            if (per["min"] != per["max"]).any():
                raise ValueError("fpc2 must be the same for every row of a cluster")
            M_j = per["min"].reindex(range(P)).to_numpy()
            f2_j = M_j if (f2 <= 1).all() else m_j / M_j
            self.stage2 = (ssu, ssu_psu, m_j, f2_j, S)

    def degf(self, rows=None) -> int:
        """Design degrees of freedom: units minus strata (over ``rows``, default all)."""
        if rows is None:
            return int(self.P - self.H)
        psu = np.unique(self.psu[rows])
        return int(len(psu) - len(np.unique(self.psu_stratum[psu])))

    def variance(self, z) -> float:
        """Linearisation variance of influence values ``z`` (one per row; missing = 0)."""
        z = np.nan_to_num(np.asarray(z, dtype=float))
        t = np.bincount(self.psu, weights=z, minlength=self.P)
        s1 = np.bincount(self.psu_stratum, weights=t, minlength=self.H)
        s2 = np.bincount(self.psu_stratum, weights=t * t, minlength=self.H)
        with np.errstate(divide="ignore", invalid="ignore"):
            part = (1 - self.f_h) * self.n_h / (self.n_h - 1) * (s2 - s1 * s1 / self.n_h)
        part = np.where(self.n_h > 0, part, 0.0)
        if np.any((self.n_h == 1) & (s1 != 0)):
            return math.nan
        part = np.where(self.n_h == 1, 0.0, part)
        v = float(max(part.sum(), 0.0))
        if self.stage2 is not None:     # within-cluster variance, weighted by f_h
            ssu, ssu_psu, m_j, f2_j, S = self.stage2
            t2 = np.bincount(ssu, weights=z, minlength=S)
            a1 = np.bincount(ssu_psu, weights=t2, minlength=self.P)
            a2 = np.bincount(ssu_psu, weights=t2 * t2, minlength=self.P)
            with np.errstate(divide="ignore", invalid="ignore"):
                within = (1 - f2_j) * m_j / (m_j - 1) * (a2 - a1 * a1 / m_j)
            within = np.where(m_j > 1, within, 0.0)
            v += float(np.sum(self.f_h[self.psu_stratum] * within))
        return v



def _difference_row(hood, rd, outcome, diff, sed, q) -> dict:
    """A neighbourhood's difference from the rest of the area with its normal-theory CI and p."""
    from scipy import stats

    p = float(2 * stats.norm.sf(abs(diff / sed))) if sed > 0 else math.nan
    return {"neighbourhood": hood, "round": rd, "outcome": outcome, "difference": diff,
            "se": sed, "ci_low": diff - q * sed, "ci_high": diff + q * sed, "p": p}

def _domain_z(y, w, mask):
    """Influence values of a weighted domain mean (rows in ``mask`` with an answer) and the
    mean: ``z_i = w_i 1[i in d] (y_i - m_d) / W_d``."""
    ok = mask & ~np.isnan(y)
    W = float(w[ok].sum())
    if W <= 0:
        return None, math.nan, 0
    m = float(np.sum(w[ok] * y[ok]) / W)
    z = np.zeros(len(y))
    z[ok] = w[ok] * (y[ok] - m) / W
    return z, m, int(ok.sum())


def design_means(y, design: SurveyDesign, *, weights=None, domains=None, level: float = 0.95):
    """Weighted mean with its design-based SE over the whole sample and per domain, and each
    domain's difference from the whole (which contains it).

    Parameters
    ----------
    y : array
        Outcome (NaN = missing: left out of the mean, the row stays in the design).
    design : SurveyDesign
    weights : array, optional
    domains : array, optional
        Domain label of every row (e.g. a neighbourhood).

    Returns
    -------
    dict
        ``overall`` (``n, mean, se, ci_low, ci_high``) and ``domains`` (list of the same with
        ``domain, difference, difference_se, difference_ci_low, difference_ci_high, p``).

    Notes
    -----
    R: ``svymean(~y, d, na.rm = TRUE)``, ``svyby(~y, ~domain, d, svymean, na.rm = TRUE)``,
    the difference ``svycontrast(svytotal(~yd + d + y + one, d), quote(yd / d - y / one))``;
    CIs with the normal quantile as ``confint``.
    """
    from scipy import stats

    y = np.asarray(y, dtype=float)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    q = _z(level)
    z_all, m_all, n_all = _domain_z(y, w, np.ones(len(y), dtype=bool))
    se_all = math.sqrt(design.variance(z_all)) if z_all is not None else math.nan
    out = {"overall": {"n": n_all, "mean": m_all, "se": se_all, "ci_low": m_all - q * se_all,
                       "ci_high": m_all + q * se_all}, "domains": []}
    if domains is None:
        return out
    labels = np.asarray(domains, dtype=object)
    for lab in sorted(set(labels.tolist()), key=str):
        z, m, n = _domain_z(y, w, labels == lab)
        if z is None:
            continue
        se = math.sqrt(design.variance(z))
        diff = m - m_all
        sed = math.sqrt(design.variance(z - z_all))
        p = float(2 * stats.norm.sf(abs(diff / sed))) if sed > 0 else math.nan
        out["domains"].append({"domain": lab, "n": n, "mean": m, "se": se,
                               "ci_low": m - q * se, "ci_high": m + q * se,
                               "difference": diff, "difference_se": sed,
                               "difference_ci_low": diff - q * sed,
                               "difference_ci_high": diff + q * sed, "p": p})
    return out


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
                          rounds=None, level: float = 0.95,
                          design: dict | None = None) -> MonitorResult:
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
    design : dict, optional
        The sample's own design columns, any of ``strata``, ``cluster``, ``fpc`` (and
        ``cluster2``, ``fpc2`` for a second stage): :class:`SurveyDesign` with the rounds as
        further strata (``svydesign(ids = ~cluster, strata = ~interaction(round, strata), fpc =
        ~fpc, weights = ~weight, nest = TRUE)``). Every estimate, difference and DiD is then
        linearised over the design's clusters and strata; the DiD uses the t distribution with
        the design's df over the two rounds' respondents with an answer + 1 - 4.

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
    if design:
        return _monitor_design(frame, outcomes, w, r_code, g_code, rounds, hoods, design, level)
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
                diff_rows.append(_difference_row(hood, rd, outcome, diff, sed, q))
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
    cols_e, cols_r, cols_d, cols_did = _COLUMNS
    info = {"rounds": [str(r) for r in rounds], "neighbourhoods": hoods,
            "outcomes": list(outcomes), "n_respondents": int(len(frame)),
            "level": level, "design": "svydesign(ids = ~1, strata = ~round, weights = ~weight)"}
    return MonitorResult(pd.DataFrame(est_rows, columns=cols_e),
                         pd.DataFrame(ref_rows, columns=cols_r),
                         pd.DataFrame(diff_rows, columns=cols_d),
                         pd.DataFrame(did_rows, columns=cols_did), info=info)


def _monitor_design(frame, outcomes, w, r_code, g_code, rounds, hoods, design, level):
    """The monitor's tables under a complex design (see :func:`neighbourhood_monitor`)."""
    import pandas as pd
    from scipy import stats

    q = _z(level)
    unknown = sorted(set(design) - {"strata", "cluster", "fpc", "cluster2", "fpc2"})
    if unknown:
        raise ValueError(f"unknown design key(s) {', '.join(unknown)}")
    col = {k: (frame[v].to_numpy() if v is not None else None) for k, v in design.items()}
    strata = r_code if col.get("strata") is None else pd.MultiIndex.from_arrays(
        [r_code, pd.Series(col["strata"]).astype("object")]).factorize()[0]
    des = SurveyDesign(len(frame), strata=strata, cluster=col.get("cluster"),
                       fpc=col.get("fpc"), cluster2=col.get("cluster2"), fpc2=col.get("fpc2"))
    R, G = len(rounds), len(hoods)
    est_rows, ref_rows, diff_rows, did_rows = [], [], [], []
    for outcome in outcomes:
        y = frame[outcome].to_numpy(dtype=float)
        zs = {}
        for ri, rd in enumerate(rounds):
            in_r = r_code == ri
            z_r, m_r, n_r = _domain_z(y, w, in_r)
            if z_r is None:
                continue
            se_r = math.sqrt(des.variance(z_r))
            ref_rows.append({"round": rd, "outcome": outcome, "n": n_r, "mean": m_r, "se": se_r,
                             "ci_low": m_r - q * se_r, "ci_high": m_r + q * se_r})
            for gi, hood in enumerate(hoods):
                in_g = in_r & (g_code == gi)
                z, m, n = _domain_z(y, w, in_g)
                if z is None:
                    continue
                se = math.sqrt(des.variance(z))
                est_rows.append({"neighbourhood": hood, "round": rd, "outcome": outcome, "n": n,
                                 "mean": m, "se": se, "ci_low": m - q * se,
                                 "ci_high": m + q * se})
                # against the rest of the reference area (as the fast path)
                rest = _domain_z(y, w, in_r & (g_code != gi))
                zs[(ri, gi)] = (z, m, n, rest)
                if rest[0] is None:
                    diff_rows.append({"neighbourhood": hood, "round": rd, "outcome": outcome,
                                      "difference": None, "se": None, "ci_low": None,
                                      "ci_high": None, "p": None})
                    continue
                diff = m - rest[1]
                sed = math.sqrt(des.variance(z - rest[0]))
                diff_rows.append(_difference_row(hood, rd, outcome, diff, sed, q))
        if R < 2:
            continue
        first, last = 0, R - 1
        valid = np.isin(r_code, (first, last)) & ~np.isnan(y)
        df_resid = des.degf(np.flatnonzero(valid)) + 1 - 4
        qt = float(stats.t.ppf(1 - (1 - level) / 2, df_resid)) if df_resid > 0 else math.nan
        for gi, hood in enumerate(hoods):
            row = {"neighbourhood": hood, "outcome": outcome, "first_round": rounds[first],
                   "last_round": rounds[last], "n_first": 0, "n_last": 0}
            f, lst = zs.get((first, gi)), zs.get((last, gi))
            ok = (f is not None and lst is not None and f[3][0] is not None
                  and lst[3][0] is not None and min(f[2], lst[2], f[3][2], lst[3][2]) >= 2)
            if f is not None:
                row["n_first"] = f[2]
            if lst is not None:
                row["n_last"] = lst[2]
            if not ok:
                row.update(did=None, se=None, did_ci_low=None, did_ci_high=None, did_p=None,
                           change=None, change_se=None, change_ci_low=None,
                           change_ci_high=None, rest_change=None)
                did_rows.append(row)
                continue
            change = lst[1] - f[1]
            rest_change = lst[3][1] - f[3][1]
            did = change - rest_change
            z_did = (lst[0] - lst[3][0]) - (f[0] - f[3][0])
            se = math.sqrt(des.variance(z_did))
            se_c = math.sqrt(des.variance(lst[0] - f[0]))
            p = float(2 * stats.t.sf(abs(did / se), df_resid)) if se > 0 and df_resid > 0 \
                else math.nan
            row.update(did=did, se=se, did_ci_low=did - qt * se, did_ci_high=did + qt * se,
                       did_p=p, change=change, change_se=se_c, change_ci_low=change - q * se_c,
                       change_ci_high=change + q * se_c, rest_change=rest_change)
            did_rows.append(row)
    cols_e, cols_r, cols_d, cols_did = _COLUMNS
    parts = [f"ids = ~{design['cluster']}" if design.get("cluster") else "ids = ~1",
             "strata = ~round" + (f" + {design['strata']}" if design.get("strata") else "")]
    if design.get("fpc"):
        parts.append(f"fpc = ~{design['fpc']}")
    info = {"rounds": [str(r) for r in rounds], "neighbourhoods": hoods,
            "outcomes": list(outcomes), "n_respondents": int(len(frame)), "level": level,
            "design": f"svydesign({', '.join(parts)}, weights = ~weight, nest = TRUE)",
            "design_columns": dict(design), "degf": des.degf()}
    return MonitorResult(pd.DataFrame(est_rows, columns=cols_e),
                         pd.DataFrame(ref_rows, columns=cols_r),
                         pd.DataFrame(diff_rows, columns=cols_d),
                         pd.DataFrame(did_rows, columns=cols_did), info=info)
