"""Comparison groups: propensity scores, nearest-neighbour matching, IPW for the treated (ATT),
balance, cluster-robust effect estimates and E-values.

Frames and arrays in, numbers out (floor 3: no files, protocols or reports).

The steps follow R's MatchIt (Ho, Imai, King and Stuart 2011, J Stat Softw 42(8)) and the
``sandwich`` and ``survey`` packages; ``tests/fixtures/comparison.R`` writes the reference
numbers the tests compare with (to 1e-6).

Propensity score
    Logistic regression of the programme indicator on the covariates (numeric columns as they
    are, categorical ones as treatment-coded dummies in sorted level order, as R's
    ``model.matrix``): R ``glm(treat ~ covariates, family = binomial)``; the distance used for
    matching is the linear predictor (logit PS), MatchIt's ``distance = "glm", link =
    "linear.logit"``.

Nearest-neighbour matching
    Greedy, the treated in descending order of the distance (MatchIt's ``m.order = "largest"``),
    each to the ``ratio`` nearest comparison persons still available (without replacement: in
    ``ratio`` rounds, every treated person gets a first match before any gets a second, as
    MatchIt), within the caliper ``caliper x SD(distance)`` (SD over everybody, as MatchIt's
    ``std.caliper = TRUE``). Treated persons without a match inside the caliper are dropped (the
    estimand becomes the ATT of the matched treated, reported as ``n_programme``).
    Weights as MatchIt's: treated 1; a comparison person sum over its matched sets of
    ``1 / (comparison persons in the set)``, rescaled to sum to the number of matched comparison
    persons.

IPW for the treated (ATT)
    ``w = 1`` for the treated, ``w = ps / (1 - ps)`` for the comparison persons; with ``trim = q``
    the comparison weights above their ``q`` quantile are set to it (truncation, Lee, Lessler and
    Stuart 2011), then rescaled to sum to the number of comparison persons (which changes no
    estimate).

Balance (as ``summary(matchit(...))`` and cobalt with ``s.d.denom = "treated"``)
    ``SMD = (mean_t - mean_c) / sd_t`` with weighted means and ``sd_t`` the treated group's SD
    *before* matching (the same denominator before and after, so the two can be compared);
    a binary covariate's ``sd_t`` is ``sqrt(p_t (1 - p_t))``. Variance ratio ``var_t / var_c`` with weighted variances
    ``sum w (x - m)^2 / (sum w - sum w^2 / sum w)``; none for binary covariates.

Effect and its uncertainty
    Matching: weighted least squares on the matched data, ``lm(y ~ treat [+ covariates], data =
    match.data(m), weights = weights)``; SE cluster-robust over matched sets, as
    ``sandwich::vcovCL(fit, cluster = ~subclass)`` (HC1 with the ``G / (G - 1)`` cluster
    adjustment). With replacement the rows are those of ``get_matches(m)``, clustered by matched
    set, plus a term for the comparison persons used in several sets with their conditional
    variance estimated as Abadie and Imbens (2006) do (:func:`wls_matched_replace`; the two-way
    clustering by set and person that MatchIt's vignette suggests uses squared residuals there,
    which carry the spread of the outcome's mean over the propensity score and make the interval
    too wide). CI and p from the t distribution with the residual df (``lmtest::coefci``).
    Weighting: ``svyglm(y ~ treat [+ covariates], svydesign(ids = ~1, weights = ~w))``
    (linearisation: ``(X'WX)^-1 [n / (n - 1) sum u_i u_i'] (X'WX)^-1``, ``u_i = w_i e_i x_i``);
    CI and p from t with ``n - p`` df as ``confint`` and ``summary`` of svyglm. Both treat the
    propensity score as known (slightly conservative for the ATT; Austin 2022). The package
    reports neither as it stands: for matching, :func:`effect` with ``ps_sample`` adds Abadie
    and Imbens's (2016) adjustment for the estimated score (:func:`att_ps_adjustment`; also to
    1:1 matching without replacement and to regressions on matched data, on the outcome less
    the further regressors' fitted part); for weighting, :func:`ipw_att_effect` stacks the
    propensity model's estimating equations.

E-value (VanderWeele and Ding 2017, Ann Intern Med 167:268)
    For a mean difference ``est`` on an outcome with SD ``s``: ``d = est / s``, ``RR = exp(0.91
    d)`` (VanderWeele 2017's approximation for a standardised difference), ``RR* = max(RR,
    1/RR)``, ``E = RR* + sqrt(RR* (RR* - 1))``; for the CI the bound nearer the null, ``E = 1``
    when the CI contains 0. R: ``EValue::evalues.MD(est / s, se / s)``.

Missing data: complete cases on the covariates and the outcome (a note says how many were set
aside); the propensity model is fitted once, on everybody with complete covariates.
"""

from __future__ import annotations

import math

import numpy as np

from .._result import DictResult

__all__ = ["design_matrix", "propensity_score", "nearest_neighbour", "MatchedSets", "ipw_att",
           "balance_table", "wls_cluster", "wls_survey", "evalue_md", "caliper_width",
           "PropensityModel", "effect", "matched_rows", "ipw_att_effect", "wls_matched_replace",
           "att_ps_adjustment"]


# ---------------------------------------------------------------- propensity score

def design_matrix(frame, covariates, *, levels=None, all_levels=False):
    """Covariates as a numeric matrix with an intercept, categorical ones as dummies.

    Parameters
    ----------
    frame : pandas.DataFrame
    covariates : list of str
    levels : dict, optional
        ``{column: sorted levels}`` to reuse (from a previous call's third return value).
    all_levels : bool
        One dummy per level, the first too (for balance tables, as MatchIt's summary).

    Returns
    -------
    X : ndarray (n, 1 + p)
    names : list of str
        ``(Intercept)`` then R-style names (``gendervrouw`` for a dummy).
    levels : dict
        Levels of every categorical covariate (first = reference), as R's treatment contrasts.
    """
    import pandas as pd

    cols = [np.ones(len(frame))]
    names = ["(Intercept)"]
    levels = dict(levels or {})
    for c in covariates:
        s = frame[c]
        if c not in levels and (pd.api.types.is_numeric_dtype(s) and not
                                pd.api.types.is_bool_dtype(s)):
            cols.append(s.to_numpy(dtype=float))
            names.append(c)
            continue
        lv = levels.get(c)
        if lv is None:
            lv = sorted(s.dropna().astype(str).unique().tolist())
            levels[c] = lv
        missing = s.isna().to_numpy()
        codes, uniq = pd.factorize(s)           # each distinct value turned to text once
        text = np.array([str(u) for u in uniq] + [""], dtype=object)
        code_of = {lev: k for k, lev in enumerate(lv)}
        level_code = np.array([code_of.get(t, -1) for t in text[:-1]] + [-1])
        lc = level_code[codes]                  # code -1 (missing) picks the sentinel
        for k, level in enumerate(lv):
            if k == 0 and not all_levels:
                continue
            col = (lc == k).astype(float)
            col[missing] = np.nan
            cols.append(col)
            names.append(f"{c}{level}")
    return np.column_stack(cols), names, levels


class PropensityModel(DictResult):
    """A fitted propensity model: ``coef`` (name -> value), ``ps``, ``distance`` (logit PS).

    ``to_frame()`` and ``to_dict()`` give the coefficients (the per-person scores stay in
    ``result["ps"]`` and ``result["distance"]``)."""

    title = "Propensity score model"

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame({"term": list(self.data["coef"]),
                             "estimate": list(self.data["coef"].values())})

    def to_dict(self) -> dict:
        from .._result import clean_json

        return clean_json({k: self.data[k] for k in ("coef", "converged", "iterations")})


def propensity_score(X, treat, *, names=None) -> PropensityModel:
    """Logistic regression of ``treat`` on ``X`` (with intercept) by IRLS, as R ``glm(...,
    family = binomial)``.

    Returns
    -------
    PropensityModel
        ``coef, ps (array), distance (array, the linear predictor), converged, iterations``.
    """
    X = np.asarray(X, float)
    t = np.asarray(treat, float)
    beta = np.zeros(X.shape[1])
    # start as glm does: mu = (y + 0.5) / 2
    mu = (t + 0.5) / 2
    eta = np.log(mu / (1 - mu))
    dev_old = math.inf
    converged = False
    it = 0
    for it in range(1, 51):
        w = mu * (1 - mu)
        z = eta + (t - mu) / w
        sw = np.sqrt(w)
        beta, *_ = np.linalg.lstsq(X * sw[:, None], z * sw, rcond=None)
        eta = X @ beta
        mu = 1 / (1 + np.exp(-eta))
        mu = np.clip(mu, 1e-300, 1 - 1e-16)
        dev = -2 * float(np.sum(t * np.log(mu) + (1 - t) * np.log1p(-mu)))
        if abs(dev - dev_old) / (abs(dev) + 0.1) < 1e-12:   # glm's epsilon is 1e-8
            converged = True
            break
        dev_old = dev
    names = list(names) if names is not None else [f"x{j}" for j in range(X.shape[1])]
    return PropensityModel({"coef": dict(zip(names, beta.tolist())), "ps": mu, "distance": eta,
                            "converged": converged, "iterations": it})


# ---------------------------------------------------------------- matching

def caliper_width(distance, caliper):
    """The caliper in distance units: ``caliper x sd(distance)`` (R's ``sd``, everybody)."""
    if caliper is None:
        return None
    return float(caliper) * float(np.std(np.asarray(distance, float), ddof=1))


class MatchedSets(DictResult):
    """Matched sets: ``pairs`` (treated index, comparison index, set id) and MatchIt's weights.

    ``weights`` is an array over all units (0 = unused); ``subclass`` the set id of every unit
    matched without replacement (-1 otherwise); ``n_treated_matched``, ``n_control_matched``,
    ``n_treated_unmatched``. ``to_frame()`` gives the pairs (``treated, control, set`` as row
    positions), ``to_dict()`` the counts and settings.
    """

    title = "Nearest-neighbour matched sets"

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame({k: np.asarray(v) for k, v in self.data["pairs"].items()})

    def to_dict(self) -> dict:
        from .._result import clean_json

        return clean_json({k: v for k, v in self.data.items()
                           if k not in ("pairs", "weights", "subclass")})


def _available_finder(n):
    """Union-find over positions ``0..n-1`` of a sorted array: the nearest position still
    available at or right of ``i`` (``n`` if none) and at or left of ``i`` (``-1`` if none)."""
    right = list(range(n + 1))       # right[i] = i while i is available
    left = list(range(n + 1))        # left[i + 1] = i + 1 while i is available; left[0] = none

    def find(parent, i):
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def next_right(i):
        return find(right, i) if i < n else n

    def next_left(i):
        return find(left, i + 1) - 1 if i >= 0 else -1

    def remove(i):
        right[i] = i + 1
        left[i + 1] = i

    return next_right, next_left, remove


def nearest_neighbour(distance, treat, *, ratio: int = 1, replace: bool = False,
                      caliper: float | None = None) -> MatchedSets:
    """Greedy nearest-neighbour matching on a one-dimensional distance (the logit PS).

    Parameters
    ----------
    distance : array (n,)
        Distance of every unit (treated and pool).
    treat : array of 0/1 (n,)
    ratio : int
        Comparison persons per treated person (``k`` in 1:k).
    replace : bool
        Whether a comparison person may be used for several treated persons.
    caliper : float, optional
        Width in SDs of ``distance`` (over all units).

    Returns
    -------
    MatchedSets

    Notes
    -----
    R: ``MatchIt::matchit(treat ~ ..., distance = "glm", link = "linear.logit", method =
    "nearest", ratio = k, replace = r, caliper = c, m.order = "largest")``. A tie between the
    nearest candidates below and above goes to the one below (MatchIt's ``<=``); tied distances
    are ordered by row. Each treated unit's search is ``O(log n)`` over the sorted
    pool with a union-find over used positions, so 10,000 treated against 540,000 pool members
    take well under a second.
    """
    d = np.asarray(distance, float)
    t = np.asarray(treat).astype(bool)
    ratio = int(ratio)
    if ratio < 1:
        raise ValueError("ratio must be a whole number >= 1")
    width = caliper_width(d, caliper)
    ctrl = np.flatnonzero(~t)
    trt = np.flatnonzero(t)
    order_c = ctrl[np.argsort(d[ctrl], kind="stable")]
    dc = d[order_c]
    nc = len(order_c)
    # treated in descending distance, ties by index
    order_t = trt[np.lexsort((trt, -d[trt]))]
    pairs_t, pairs_c, pairs_s = [], [], []
    set_of = {int(i): s for s, i in enumerate(order_t)}
    matched_count = dict.fromkeys(set_of, 0)
    if replace:
        for i in order_t:
            x = d[i]
            pos = int(np.searchsorted(dc, x))
            lo, hi = pos - 1, pos
            got = 0
            while got < ratio and (lo >= 0 or hi < nc):
                dl = x - dc[lo] if lo >= 0 else math.inf
                dh = dc[hi] - x if hi < nc else math.inf
                if dl <= dh:
                    j, dist, lo = lo, dl, lo - 1
                else:
                    j, dist, hi = hi, dh, hi + 1
                if width is not None and dist > width:
                    break
                pairs_t.append(int(i))
                pairs_c.append(int(order_c[j]))
                pairs_s.append(set_of[int(i)])
                got += 1
            matched_count[int(i)] = got
    else:
        next_right, next_left, remove = _available_finder(nc)
        active = list(order_t)
        for _round in range(ratio):
            for i in active:
                x = d[i]
                pos = int(np.searchsorted(dc, x))
                lo = next_left(pos - 1)
                hi = next_right(pos)
                if lo < 0 and hi >= nc:
                    break
                dl = x - dc[lo] if lo >= 0 else math.inf
                dh = dc[hi] - x if hi < nc else math.inf
                if dl <= dh:
                    j, dist = lo, dl
                else:
                    j, dist = hi, dh
                if width is not None and dist > width:
                    continue       # no (further) match for this treated unit
                remove(j)
                pairs_t.append(int(i))
                pairs_c.append(int(order_c[j]))
                pairs_s.append(set_of[int(i)])
                matched_count[int(i)] += 1
            active = [i for i in order_t if matched_count[int(i)] == _round + 1]
    pt = np.array(pairs_t, dtype=int)
    pc = np.array(pairs_c, dtype=int)
    ps = np.array(pairs_s, dtype=int)
    n = len(d)
    weights = np.zeros(n)
    if len(pt):
        per_set = np.bincount(ps, minlength=len(order_t)).astype(float)
        np.add.at(weights, pc, 1.0 / per_set[ps])
        used_c = np.unique(pc)
        weights[used_c] *= len(used_c) / weights[used_c].sum()
        weights[np.unique(pt)] = 1.0
    subclass = np.full(n, -1)
    if not replace and len(pt):
        # renumber the sets 0.. in the order of the treated units' rows (MatchIt numbers them
        # by the treated units' order in the data)
        used_sets = np.unique(ps)
        first_row = {s: int(order_t[s]) for s in used_sets}
        ranked = sorted(used_sets, key=lambda s: first_row[s])
        renum = {s: k for k, s in enumerate(ranked)}
        ps = np.array([renum[s] for s in ps], dtype=int)
        subclass[pt] = ps
        subclass[pc] = ps
    else:
        used_sets = np.unique(ps)
        ranked = sorted(used_sets, key=lambda s: int(order_t[s]))
        renum = {s: k for k, s in enumerate(ranked)}
        ps = np.array([renum[s] for s in ps], dtype=int)
    n_t_matched = int(len(np.unique(pt)))
    return MatchedSets({"pairs": {"treated": pt, "control": pc, "set": ps}, "weights": weights,
                        "subclass": subclass, "ratio": ratio, "replace": bool(replace),
                        "caliper": caliper, "caliper_width": width,
                        "n_treated_matched": n_t_matched,
                        "n_treated_unmatched": int(t.sum()) - n_t_matched,
                        "n_control_matched": int(len(np.unique(pc)))})


# ---------------------------------------------------------------- weighting

def ipw_att(ps, treat, *, trim: float | None = None):
    """Inverse-probability weights for the ATT: 1 for the treated, ``ps / (1 - ps)`` else.

    ``trim`` (e.g. 0.99) truncates the comparison weights at that quantile (R ``quantile(...,
    type = 7)``); comparison weights are then rescaled to sum to the number of comparison
    persons. Returns an array of weights.
    """
    ps = np.asarray(ps, float)
    t = np.asarray(treat).astype(bool)
    w = np.where(t, 1.0, ps / (1 - ps))
    if trim is not None:
        if not 0 < trim < 1:
            raise ValueError("trim must lie between 0 and 1 (a quantile, e.g. 0.99)")
        cap = float(np.quantile(w[~t], trim))
        w = np.where(~t & (w > cap), cap, w)
    c = ~t
    if c.any():
        w[c] *= c.sum() / w[c].sum()
    return w


# ---------------------------------------------------------------- balance

def _wmean(x, w):
    return float(np.sum(w * x) / np.sum(w))


def _wvar(x, w):
    sw = np.sum(w)
    m = np.sum(w * x) / sw
    denom = sw - np.sum(w * w) / sw
    return float(np.sum(w * (x - m) ** 2) / denom) if denom > 0 else math.nan


def balance_table(X, names, treat, weights):
    """Balance of each covariate column before and after matching or weighting.

    Parameters
    ----------
    X : ndarray (n, p)
        Covariate columns (no intercept), dummies for categorical levels.
    names : list of str
    treat : array of 0/1
    weights : array
        Weights after matching/weighting (0 = not used).

    Returns
    -------
    list of dict
        ``covariate, mean_programme, mean_comparison_before, mean_comparison_after, smd_before,
        smd_after, variance_ratio_before, variance_ratio_after, binary``.

    Notes
    -----
    R: ``summary(matchit_object, standardize = TRUE)`` columns ``Std. Mean Diff.`` and ``Var.
    Ratio`` (``cobalt::bal.tab(..., s.d.denom = "treated")`` for weights).
    """
    X = np.asarray(X, float)
    t = np.asarray(treat).astype(bool)
    w = np.asarray(weights, float)
    rows = []
    for j, name in enumerate(names):
        x = X[:, j]
        xt, xc = x[t], x[~t]
        binary = bool(np.all(np.isin(x, (0.0, 1.0))))
        if binary:      # MatchIt's wvar for a binary covariate: p (1 - p)
            sd_t = math.sqrt(xt.mean() * (1 - xt.mean())) if len(xt) else math.nan
        else:
            sd_t = math.sqrt(_wvar(xt, np.ones(len(xt)))) if len(xt) > 1 else math.nan
        mt0, mc0 = float(xt.mean()), float(xc.mean())
        wt, wc = w[t], w[~t]
        mt1 = _wmean(xt[wt > 0], wt[wt > 0]) if (wt > 0).any() else math.nan
        mc1 = _wmean(xc[wc > 0], wc[wc > 0]) if (wc > 0).any() else math.nan
        smd0 = (mt0 - mc0) / sd_t if sd_t > 0 else math.nan
        smd1 = (mt1 - mc1) / sd_t if sd_t > 0 else math.nan
        if binary:
            vr0 = vr1 = None
        else:
            vc0 = _wvar(xc, np.ones(len(xc)))
            vr0 = sd_t ** 2 / vc0 if vc0 > 0 else math.nan
            vt1 = _wvar(xt[wt > 0], wt[wt > 0])
            vc1 = _wvar(xc[wc > 0], wc[wc > 0])
            vr1 = vt1 / vc1 if vc1 > 0 else math.nan
        rows.append({"covariate": name, "mean_programme": mt1, "mean_comparison_before": mc0,
                     "mean_comparison_after": mc1, "smd_before": smd0, "smd_after": smd1,
                     "variance_ratio_before": vr0, "variance_ratio_after": vr1,
                     "binary": binary})
    return rows


# ---------------------------------------------------------------- effect estimates

def _wls(y, X, w):
    XtW = X.T * w
    A = XtW @ X
    beta = np.linalg.solve(A, XtW @ y)
    e = y - X @ beta
    return beta, e, np.linalg.inv(A)


def wls_cluster(y, X, w, cluster):
    """Weighted least squares with a cluster-robust covariance, as ``sandwich::vcovCL(lm(y ~ X,
    weights = w), cluster = cluster)`` (type HC1, ``cadjust = TRUE``)::

        V = G/(G-1) (n-1)/(n-p) (X'WX)^-1 [sum_g u_g u_g'] (X'WX)^-1,  u_g = sum_{i in g} w_i e_i x_i

    Rows with weight 0 are dropped first (as ``match.data`` does). ``cluster`` with two columns
    clusters two ways as sandwich 3.0 does (``vcovCL(fit, cluster = ~subclass + unit)``,
    ``multi0 = FALSE``: ``V_1 + V_2 - V_12``, the intersection ``12`` being the pairs of the two
    ids, each meat with its own ``G / (G - 1)``, the HC1 factor ``(n - 1) / (n - p)`` once);
    matching with replacement uses :func:`wls_matched_replace` instead. Returns ``beta, vcov,
    df_residual (n - p), n, clusters`` (of the first clustering), and ``bread`` (``(X'WX)^-1``),
    ``resid`` and ``keep`` (the rows used).
    """
    import pandas as pd

    y, X, w = np.asarray(y, float), np.asarray(X, float), np.asarray(w, float)
    keep = w > 0
    y, X, w = y[keep], X[keep], w[keep]
    cl = np.asarray(cluster)[keep]
    beta, e, Ainv = _wls(y, X, w)
    n, p = X.shape
    ef = (w * e)[:, None] * X
    # one clustering, or two (multiway: V_1 + V_2 - V_12, each with its G / (G - 1))
    dims = [cl] if cl.ndim == 1 else [cl[:, 0], cl[:, 1],
                                      pd.MultiIndex.from_arrays([cl[:, 0], cl[:, 1]])]
    signs = [1.0] if cl.ndim == 1 else [1.0, 1.0, -1.0]
    meat = np.zeros((p, p))
    G = None
    for sign, dim in zip(signs, dims):
        codes = pd.factorize(dim)[0] if not isinstance(dim, np.ndarray) else \
            np.unique(dim, return_inverse=True)[1].ravel()
        g = int(codes.max()) + 1
        G = g if G is None else G
        U = np.zeros((g, p))
        np.add.at(U, codes, ef)
        meat += sign * (g / (g - 1)) * (U.T @ U)
    V = ((n - 1) / (n - p)) * Ainv @ meat @ Ainv
    return {"beta": beta, "vcov": V, "df_residual": n - p, "n": n, "clusters": G,
            "bread": Ainv, "resid": e, "keep": keep}


def _nearest_same_arm(distance, arm, unit):
    """For each unit the position of the nearest other unit of the same arm on ``distance``
    (-1 when the arm has no other unit). Ties: the neighbour below (the earlier in the order
    by distance, then unit)."""
    n = len(distance)
    nb = np.full(n, -1)
    for a in np.unique(arm):
        idx = np.flatnonzero(arm == a)
        if len(idx) < 2:
            continue
        o = idx[np.lexsort((unit[idx], distance[idx]))]
        gap = np.diff(distance[o])
        gl = np.concatenate([[np.inf], gap])
        gr = np.concatenate([gap, [np.inf]])
        left = np.concatenate([[-1], o[:-1]])
        right = np.concatenate([o[1:], [-1]])
        nb[o] = np.where(gl <= gr, left, right)
    return nb


def wls_matched_replace(y, X, w, sets, units, distance):
    """Weighted least squares on matched data with replacement (the rows of MatchIt's
    ``get_matches``): the matched-set cluster-robust covariance plus the covariance that a
    comparison person used in several sets adds, with that person's conditional variance
    estimated by matching within the arm (Abadie and Imbens 2006).

    Parameters
    ----------
    y, X, w : arrays
        Outcome, design (intercept, treat, further regressors) and row weights (1 for the
        treated, ``1 / m_s`` for each of the ``m_s`` comparison persons of set ``s``).
    sets : array
        Matched set of each row.
    units : array
        Person of each row (a comparison person used in ``K`` sets has ``K`` rows).
    distance : array
        Matching distance (logit PS) of each row's person.

    Returns
    -------
    dict
        ``beta, vcov, df_residual (n - p), n, clusters`` (matched sets), as :func:`wls_cluster`.

    Notes
    -----
    Given the propensity scores and arms (which fix the matched sets), the persons' outcomes are
    independent with variance ``sigma_u^2 = Var(y | ps_u, arm_u)``, so the coefficients' variance
    is ``A^-1 [sum_u W_u^2 sigma_u^2 d_u d_u'] A^-1`` with ``A = X'WX``, ``d_u`` the person's
    regressors and ``W_u`` the sum of the person's row weights (1 for a treated person,
    ``sum_{s ∋ u} 1 / m_s`` for a comparison person). The matched-set clustered meat
    ``sum_s (sum_{r in s} w_r e_r d_r)(...)'`` estimates the part ``sum_r w_r^2 sigma_r^2 d_r
    d_r'`` (a set's residuals, centred on the set, lose the outcome's mean at that propensity
    score), but not the covariance between the sets of a reused person,
    ``c_u sigma_u^2 d_u d_u'`` with ``c_u = W_u^2 - sum_{s ∋ u} 1 / m_s^2``. So::

        V = V_CL(set) + A^-1 [sum_u c_u s_u^2 d_u d_u'] A^-1,
        s_u^2 = (e_u - e_l(u))^2 / 2

    ``V_CL(set)`` is ``vcovCL(fit, cluster = ~subclass)`` (HC1, ``G / (G - 1)``), ``e`` the
    residuals of the weighted fit and ``l(u)`` the nearest other person of the same arm among
    the matched persons on the distance (ties: the one below): Abadie and Imbens's (2006,
    Econometrica 74:235, eq. 14 and Theorem 7) estimator of ``sigma^2(x)`` with ``J = 1``, on
    the residuals so that regressors such as the baseline score are partialled out. The
    person-clustered term of two-way clustering (``vcovCL(fit, cluster = ~subclass + unit)``,
    ``V_set + V_unit - V_set&unit``, Cameron, Gelbach and Miller 2011) is
    ``c_u e_u^2 d_u d_u'`` instead: ``e_u^2`` also holds the squared distance of the person's
    mean from the arm's mean, so it overstates ``sigma_u^2`` when the outcome depends on the
    covariates (as change does on the baseline score). Without reuse (``c_u = 0``) ``V`` is the
    matched-set ``vcovCL``. The propensity score is treated as known here; :func:`effect` with
    ``ps_sample`` adds Abadie and Imbens's (2016) adjustment for the estimated score
    (:func:`att_ps_adjustment`, which for the ATT can go either way). A person alone in their
    arm (no neighbour) keeps ``e_u^2``.

    Examples
    --------
    R (``tests/fixtures/comparison.R``, base R beside ``sandwich``)::

        fit <- lm(y ~ treat, data = gm, weights = weights)      # gm <- get_matches(m)
        V <- vcovCL(fit, cluster = ~subclass) + B %*% R %*% B     # B = solve(crossprod(D * w, D))
    """
    fit = wls_cluster(y, X, w, sets)
    keep = fit["keep"]
    X = np.asarray(X, float)[keep]
    w = np.asarray(w, float)[keep]
    units = np.asarray(units)[keep]
    distance = np.asarray(distance, float)[keep]
    e = fit["resid"]
    uniq, first, inv = np.unique(units, return_index=True, return_inverse=True)
    inv = inv.ravel()
    W = np.bincount(inv, weights=w)
    S = np.bincount(inv, weights=w * w)
    c = W * W - S
    e_u, d_u, x_u = e[first], distance[first], X[first]
    if np.any(c > 1e-12):
        nb = _nearest_same_arm(d_u, x_u[:, 1], uniq)
        s2 = np.where(nb >= 0, 0.5 * (e_u - e_u[np.maximum(nb, 0)]) ** 2, e_u ** 2)
        R = (x_u * (c * s2)[:, None]).T @ x_u
        fit["vcov"] = fit["vcov"] + fit["bread"] @ R @ fit["bread"]
    return fit


def _nearest_in_arm(distance, arm_idx, query, k):
    """Positions (into the whole sample) of the ``k`` units of ``arm_idx`` nearest to each
    ``query`` distance (a unit of the arm itself included, at distance 0). Ties: the one below
    (lower distance, then lower row). Returns an array ``(len(query), min(k, len(arm_idx)))``."""
    o = arm_idx[np.lexsort((arm_idx, distance[arm_idx]))]
    da = distance[o]
    m = len(o)
    k = min(int(k), m)
    pos = np.searchsorted(da, query)
    # candidates: the k below and the k at or above the insertion point
    off = np.arange(-k, k)
    cand = np.clip(pos[:, None] + off[None, :], 0, m - 1)
    gap = np.abs(da[cand] - query[:, None])
    # a clipped duplicate must not count twice: push repeated candidates to the end
    dup = np.zeros_like(cand, dtype=bool)
    dup[:, 1:] = cand[:, 1:] == cand[:, :-1]
    gap = np.where(dup, np.inf, gap)
    pick = np.argsort(gap, axis=1, kind="stable")[:, :k]
    return o[np.take_along_axis(cand, pick, axis=1)]


def att_ps_adjustment(y, treat, X_ps, distance, *, neighbours: int = 4):
    """Abadie and Imbens's (2016) adjustment of the variance of a matching estimator of the ATT
    for a propensity score estimated by logistic regression (maximum likelihood).

    Parameters
    ----------
    y : array (n,)
        Outcome of every unit of the propensity model's sample (treated and pool; ``NaN`` =
        not measured, left out of ``c`` and ``dtau``). For a regression on matched data with
        further regressors the outcome less their fitted part (:func:`effect` passes it).
    treat : array of 0/1 (n,)
    X_ps : ndarray (n, q)
        Propensity model matrix with intercept (:func:`design_matrix`).
    distance : array (n,)
        Linear predictor of the fitted propensity model (the matching distance).
    neighbours : int
        ``L``, units of an arm nearest on the score whose covariance of ``X`` and ``y``, and
        whose mean of ``y``, estimate the conditional ones at a unit's propensity score.

    Returns
    -------
    dict
        ``adjustment`` (to add to the variance of the estimate), ``c`` and ``dtau`` (vectors
        of length ``q``), their parts ``d_score`` and ``c_cov``, ``info`` (``J``) and
        ``tau_weighted`` (the ATT whose derivative ``d_score`` is).

    Notes
    -----
    With ``e = F(x' theta)`` the fitted score (logistic ``F``, density ``f = e (1 - e)``),
    ``mu(w, x) = E[Y | X = x, W = w]``, ``mu(w, e) = E[Y | e(X) = e, W = w]``, ``tau(x) =
    mu(1, x) - mu(0, x)`` and ``cov_w = cov(X, mu(w, X) | e)``, Abadie and Imbens (2016,
    Econometrica 84:781) show for matching on the estimated score
    ``sqrt(N)(hat tau_t - tau_t) -> N(0, sigma_t^2 - c_t' I^-1 c_t + dtau' I^-1 dtau)``,
    ``sigma_t^2`` the variance with the score known, ``I`` the logit's information. The
    terms below were derived for this package by the first-order expansion described next,
    not copied from the paper's printed theorem (which was not at hand to compare term by
    term; one third-party implementation seen uses ``c_t`` without its first part, which
    fails the one-covariate check below)::

        c_t  = E[X f (mu(1, e) - mu(0, e) - tau_t)] / E[e]
               + E[f (cov_1 + e / (1 - e) cov_0)] / E[e]
        dtau = E[X f (tau(X) - tau_t)] / E[e]        (= d tau_t / d theta)

    ``c_t`` is the covariance of the known-score estimator with the score of the logit
    (``E[S psi]``) and ``dtau`` the derivative of ``tau_t = E[F(X' theta) tau(X)] / E[F(X'
    theta)]``. This is the form a first-order expansion gives, ``V = sigma_t^2 + 2 G' I^-1
    E[S psi] + G' I^-1 G`` with ``G = -E[e cov_0] / E[e]`` the derivative of the known-score
    estimator's limit in ``theta``: ``G = dtau - c_t``, since ``tau(X) - mu(1, e) + mu(0, e)``
    has conditional covariance ``cov_1 - cov_0`` with ``X``; the same expansion gives their
    ATE result ``sigma^2 - c' I^-1 c`` exactly. With one covariate (``X`` fixed by the score)
    matching on the estimated and the true score is the same matching, and indeed ``c_t =
    dtau`` and the adjustment is 0 whatever the effect does; so ``dtau`` must use ``tau(X)``,
    the effect given the covariates, and the first part of ``c_t`` the effect given the score.
    In the sample (``J = sum_i e_i (1 - e_i) x_i x_i'`` over all ``n`` units, so that
    ``c' J^-1 c = c_t' I^-1 c_t / N``; sums over ``i`` divided by ``N_1``)::

        adjustment = - c' J^-1 c + dtau' J^-1 dtau
        d_score    = (1 / N_1) sum_i f_i x_i (D_i - tau_w),    tau_w = sum e_i D_i / sum e_i
        c_cov      = (1 / N_1) sum_i f_i (cov_1(i) + e_i / (1 - e_i) cov_0(i))
        c          = d_score + c_cov
        dtau       = d_score + (1 / N_1) sum_i f_i (cov_1(i) - cov_0(i))

    ``cov_w(i)`` is the covariance (divisor ``L - 1``) of ``x`` and ``y`` over the ``L`` units of
    arm ``w`` nearest to unit ``i`` on the distance (``i`` itself among them when it is in arm
    ``w``): by unconfoundedness ``cov(X, Y | e, W = w) = cov(X, mu(w, X) | e)``.
    ``D_i = m_1(i) - m_0(i)``, ``m_w(i)`` the mean of ``y`` over the ``L`` units of arm ``w``
    nearest to unit ``i``, ``i`` itself left out: an estimate of ``mu(w, e_i)`` that does not
    carry the unit's own ``mu(w, x_i)``. ``sum_i e_i = N_1`` at the maximum-likelihood fit
    (intercept in the model), so ``d_score`` is exactly the derivative in ``theta`` of
    ``tau_w(theta) = sum F(x_i' theta) D_i / sum F(x_i' theta)`` with the ``D_i`` held (the
    tests check it numerically). Missing data: units without ``y`` are left out of ``c``,
    ``dtau``, ``N_1`` and the neighbours; all units (those the propensity model was fitted on)
    are in ``J``. With a constant effect ``cov_1 = cov_0``, ``dtau = d_score`` is near 0 and
    the adjustment is about ``-c_cov' J^-1 c_cov``: negative, large when covariates in the
    score that the outcome depends on vary at a given score (the baseline score for change).

    R equivalent: none among the R packages here (``Matching::Match`` and MatchIt treat the
    score as known; Stata's ``teffects psmatch, atet`` reports SEs with the Abadie-Imbens
    adjustment). ``tests/test_comparison_stats.py`` checks ``d_score`` against a numerical
    derivative, ``c_cov`` and the rest against a direct loop over the units and the
    one-covariate case; docs/validation.md checks the whole by simulation (coverage, and the
    variance on the estimated against the true score). ``neighbours = 4``.
    """
    y = np.asarray(y, float)
    t = np.asarray(treat).astype(bool)
    X = np.asarray(X_ps, float)
    d = np.asarray(distance, float)
    e = 1 / (1 + np.exp(-d))
    f = e * (1 - e)
    J = (X * f[:, None]).T @ X
    ok = np.isfinite(y)
    n1 = int((t & ok).sum())
    out = {"adjustment": 0.0, "c": None, "dtau": None, "d_score": None, "c_cov": None,
           "info": J, "tau_weighted": None}
    if n1 < 2 or int((~t & ok).sum()) < 2:
        return out
    idx = np.flatnonzero(ok)
    yo, Xo, do, eo, fo, to = y[idx], X[idx], d[idx], e[idx], f[idx], t[idx]
    L = max(2, int(neighbours))
    cov = {}
    for arm in (True, False):
        arm_idx = np.flatnonzero(to == arm)
        nb = _nearest_in_arm(do, arm_idx, do, L)              # (n_ok, L)
        Lw = nb.shape[1]
        if Lw < 2:
            cov[arm] = np.zeros_like(Xo)
            continue
        # sum over the L neighbours column by column (memory n x q, not n x L x q)
        sx = np.zeros_like(Xo)
        sxy = np.zeros_like(Xo)
        sy = np.zeros(len(yo))
        for j in range(Lw):
            xj, yj = Xo[nb[:, j]], yo[nb[:, j]]
            sx += xj
            sy += yj
            sxy += xj * yj[:, None]
        cov[arm] = (sxy - sx * (sy / Lw)[:, None]) / (Lw - 1)
    c_cov = ((fo[:, None] * cov[True]) + (eo * eo)[:, None] * cov[False]).sum(0) / n1
    c_diff = (fo[:, None] * (cov[True] - cov[False])).sum(0) / n1
    # mu(w, e_i): the mean outcome of the L units of arm w nearest on the score, the unit
    # itself left out (its own outcome would carry mu(w, x_i), which varies with x_i at a
    # given score: E[x f (y_i - mu(w, e_i))] = E[f cov(x, mu(w, x) | e)] is not 0)
    mu = {}
    self_pos = np.arange(len(yo))[:, None]
    for arm in (True, False):
        arm_idx = np.flatnonzero(to == arm)
        K = min(L, len(arm_idx) - 1)
        nb = _nearest_in_arm(do, arm_idx, do, K + 1)
        own = nb == self_pos
        drop = np.where(own.any(axis=1), own.argmax(axis=1), nb.shape[1] - 1)
        keep = np.ones_like(nb, dtype=bool)
        keep[np.arange(len(nb)), drop] = False
        mu[arm] = yo[nb[keep].reshape(len(nb), -1)].mean(axis=1)
    y1, y0 = mu[True], mu[False]
    D = y1 - y0
    tau_w = float(np.sum(eo * D) / np.sum(eo))
    d_score = (Xo * (fo * (D - tau_w))[:, None]).sum(0) / n1
    c = d_score + c_cov
    dtau = d_score + c_diff
    Jinv = np.linalg.pinv(J)
    adj = float(-c @ Jinv @ c + dtau @ Jinv @ dtau)
    out.update(adjustment=adj, c=c, dtau=dtau, d_score=d_score, c_cov=c_cov,
               tau_weighted=tau_w)
    return out


def wls_survey(y, X, w):
    """Design-based regression with weights and no clusters or strata, as ``survey::svyglm(y ~
    X, svydesign(ids = ~1, weights = ~w))``::

        V = (X'WX)^-1 [n/(n-1) sum_i (u_i - ubar)(u_i - ubar)'] (X'WX)^-1,  u_i = w_i e_i x_i

    Returns ``beta, vcov, df_residual (n - p, as svyglm's), n``.
    """
    y, X, w = np.asarray(y, float), np.asarray(X, float), np.asarray(w, float)
    beta, e, Ainv = _wls(y, X, w)
    n, p = X.shape
    U = (w * e)[:, None] * X
    U = U - U.mean(axis=0)
    V = (n / (n - 1)) * Ainv @ (U.T @ U) @ Ainv
    return {"beta": beta, "vcov": V, "df_residual": n - p, "n": n}


def evalue_md(estimate, sd, ci_low=None, ci_high=None):
    """E-values of a mean difference (VanderWeele and Ding 2017) via ``RR = exp(0.91 d)``.

    Parameters
    ----------
    estimate : float
        Mean difference.
    sd : float
        SD of the outcome (the standardiser of ``d``).
    ci_low, ci_high : float, optional

    Returns
    -------
    dict
        ``d, rr, evalue, evalue_ci`` (``evalue_ci`` = 1 when the CI contains 0). The E-value is
        the minimum strength of association, on the risk-ratio scale, that an unmeasured
        confounder would need with both the programme and the outcome to explain the estimate
        away. R: ``EValue::evalues.MD(estimate / sd, se / sd)``.
    """
    def ev(rr):
        rr = max(rr, 1 / rr)
        return rr + math.sqrt(rr * (rr - 1))

    if estimate is None or sd is None or not sd > 0:
        return {"d": None, "rr": None, "evalue": None, "evalue_ci": None}
    d = estimate / sd
    rr = math.exp(0.91 * d)
    out = {"d": d, "rr": rr, "evalue": ev(rr), "evalue_ci": None}
    if ci_low is not None and ci_high is not None:
        if ci_low <= 0 <= ci_high:
            out["evalue_ci"] = 1.0
        else:
            near = ci_low if estimate > 0 else ci_high
            out["evalue_ci"] = ev(math.exp(0.91 * near / sd))
    return out


def matched_rows(matched: MatchedSets):
    """The rows of the matched data and their cluster (matched set) and weight.

    Without replacement: every unit with a positive MatchIt weight once, clustered by its set
    (``match.data(m)``). With replacement: one row per unit and matched set, as
    ``get_matches(m)`` (a comparison person used for two treated appears twice), weight 1 for
    the treated and ``1 / (comparison persons in the set)`` for the comparison persons, and two
    cluster columns, the set and the person (a reused comparison person correlates the sets it
    is in; :func:`effect` then needs the persons' distance, see :func:`wls_matched_replace`).

    Returns
    -------
    rows, cluster, weights : ndarray
    """
    if not matched["replace"]:
        w = matched["weights"]
        rows = np.flatnonzero(w > 0)
        return rows, matched["subclass"][rows], w[rows]
    pr = matched["pairs"]
    sets = pr["set"]
    per_set = np.bincount(sets).astype(float)
    t_rows, first = np.unique(pr["treated"], return_index=True)
    rows = np.concatenate([pr["treated"][first], pr["control"]])
    cluster = np.column_stack([np.concatenate([sets[first], sets]), rows])
    weights = np.concatenate([np.ones(len(first)), 1.0 / per_set[sets]])
    return rows, cluster, weights


def effect(y, treat, weights, *, X=None, cluster=None, distance=None, level: float = 0.95,
           ps_sample=None):
    """The programme's effect among the treated: the ``treat`` coefficient of a weighted
    regression of ``y`` on ``treat`` (and the columns of ``X``).

    Parameters
    ----------
    y : array
        Change (difference in change) or follow-up score (ANCOVA, doubly robust).
    treat : array of 0/1
    weights : array
        Matching weights (with ``cluster``) or IPW-ATT weights (without).
    X : ndarray, optional
        Further regressors (baseline score; covariates for the doubly robust model).
    cluster : array, optional
        Matched set of each row: cluster-robust SE (:func:`wls_cluster`); else design-based
        (:func:`wls_survey`). Two columns (set, person; matching with replacement, from
        :func:`matched_rows`): :func:`wls_matched_replace`, which needs ``distance``.
    distance : array, optional
        Matching distance (logit PS) of each row; required with a two-column ``cluster``.
    ps_sample : dict, optional
        Matching on an estimated propensity score: the propensity model's whole sample,
        ``{"y": outcome, "X": further regressors (as ``X``) or None, "X_ps": model matrix,
        "treat": 0/1, "distance": linear predictor}`` (all of length ``N``, the
        outcome ``NaN`` where not measured). The variance then gets Abadie and Imbens's (2016)
        adjustment for the estimated score (:func:`att_ps_adjustment`) on the outcome less the
        fitted part of the further regressors, ``y - X beta_X``, and ``se_ps_known`` keeps the
        SE without it (the adjusted variance is kept at a tenth of the unadjusted one or more).
        R: no package (see :func:`att_ps_adjustment`).

    Returns
    -------
    dict
        ``estimate, se, ci_low, ci_high, p, df`` (t distribution with the residual df), with
        ``ps_sample`` also ``se_ps_known`` and ``ps_adjustment`` (the variance added).

    Notes
    -----
    R: ``fit <- lm(y ~ treat + X, weights = w); V <- vcovCL(fit, cluster = ~subclass);
    lmtest::coefci(fit, vcov. = V)`` for matching (with replacement ``V`` as in
    :func:`wls_matched_replace`); ``confint(svyglm(y ~ treat + X, svydesign(ids = ~1, weights =
    ~w)))`` for weighting.
    """
    from scipy import stats

    y = np.asarray(y, float)
    t = np.asarray(treat, float)
    cols = [np.ones(len(y)), t]
    if X is not None:
        X = np.asarray(X, float)
        cols += [X] if X.ndim == 1 else [X[:, j] for j in range(X.shape[1])]
    D = np.column_stack(cols)
    if cluster is None:
        fit = wls_survey(y, D, weights)
    elif np.asarray(cluster).ndim == 2:
        if distance is None:
            raise ValueError("matching with replacement: effect() needs the matched persons' "
                             "distance (the SE estimates their conditional variance)")
        cl = np.asarray(cluster)
        fit = wls_matched_replace(y, D, weights, cl[:, 0], cl[:, 1], distance)
    else:
        fit = wls_cluster(y, D, weights, cluster)
    b = float(fit["beta"][1])
    var = float(fit["vcov"][1, 1])
    extra = {}
    if ps_sample is not None:
        ys = np.asarray(ps_sample["y"], float)
        Xs = ps_sample.get("X")
        if Xs is not None:
            Xs = np.asarray(Xs, float)
            Xs = Xs[:, None] if Xs.ndim == 1 else Xs
            ys = ys - Xs @ np.asarray(fit["beta"][2:], float)
        adj = att_ps_adjustment(ys, ps_sample["treat"], ps_sample["X_ps"],
                                ps_sample["distance"])
        extra = {"se_ps_known": math.sqrt(var), "ps_adjustment": adj["adjustment"]}
        # a variance cannot fall below zero: at least a tenth of the known-score one is kept
        var = max(var + adj["adjustment"], 0.1 * var)
    se = float(math.sqrt(var))
    df = fit["df_residual"]
    q = float(stats.t.ppf(1 - (1 - level) / 2, df))
    p = float(2 * stats.t.sf(abs(b / se), df)) if se > 0 else math.nan
    return {"estimate": b, "se": se, "ci_low": b - q * se, "ci_high": b + q * se, "p": p,
            "df": int(df), "clusters": fit.get("clusters"), **extra}


def ipw_att_effect(y, treat, X_ps, *, X=None, trim: float | None = None,
                   level: float = 0.95):
    """IPW for the treated with a standard error that accounts for the estimated propensity
    score (stacked M-estimation; Lunceford and Davidian 2004, Reifeis and Hudgens 2022, Am J
    Epidemiol 191:1092).

    Parameters
    ----------
    y : array
        Change or follow-up score.
    treat : array of 0/1
    X_ps : ndarray
        Propensity model matrix with intercept (:func:`design_matrix`).
    X : ndarray, optional
        Further outcome-model regressors (baseline score, covariates).
    trim : float, optional
        Truncation quantile of the comparison weights (:func:`ipw_att`); the cap is held at its
        estimated value.

    Returns
    -------
    dict
        ``estimate, se, ci_low, ci_high, p, df, se_design`` (``se_design``: the svyglm-type SE
        that treats the weights as known, :func:`wls_survey`).

    Notes
    -----
    Parameters ``theta = (alpha, c, beta)`` solve ``sum_i psi_i(theta) = 0`` with::

        psi_alpha = x_i (t_i - e_i),                 e_i = expit(x_i' alpha)
        psi_c     = (1 - t_i) (c r_i - 1),           r_i = min(e_i / (1 - e_i), cap)
        psi_beta  = w_i (y_i - d_i' beta) d_i,       w_i = t_i + (1 - t_i) c r_i

    (``c`` rescales the comparison weights to sum to their number, as :func:`ipw_att`) and
    ``V = A^-1 B A^-T`` with ``A = -sum d psi / d theta`` (analytic) and ``B = sum psi psi'``.
    Treating the weights as known (``svyglm``) is conservative for the difference in change here
    (coverage 97% in docs/validation.md); this interval is the one the comparison reports. R:
    ``tests/fixtures/comparison.R`` computes the same sandwich in base R.
    """
    from scipy import stats

    y = np.asarray(y, float)
    t = np.asarray(treat, float)
    Xp = np.asarray(X_ps, float)
    n, q = Xp.shape
    pm = propensity_score(Xp, t)
    e = pm["ps"]
    r = e / (1 - e)
    cap = None
    if trim is not None:
        cap = float(np.quantile(r[t == 0], trim))
    capped = np.zeros(n, dtype=bool) if cap is None else (t == 0) & (r > cap)
    r = np.where(capped, cap if cap is not None else 0.0, r)
    c = float((t == 0).sum() / r[t == 0].sum())
    w = t + (1 - t) * c * r
    cols = [np.ones(n), t]
    if X is not None:
        X = np.asarray(X, float)
        cols += [X] if X.ndim == 1 else [X[:, j] for j in range(X.shape[1])]
    D = np.column_stack(cols)
    p = D.shape[1]
    beta, res, _ = _wls(y, D, w)
    # per-unit estimating functions
    psi_a = Xp * (t - e)[:, None]
    psi_c = ((1 - t) * (c * r - 1))[:, None]
    psi_b = D * (w * res)[:, None]
    Psi = np.hstack([psi_a, psi_c, psi_b])
    k = q + 1 + p
    A = np.zeros((k, k))
    A[:q, :q] = (Xp * (e * (1 - e))[:, None]).T @ Xp
    dr = np.where(capped, 0.0, r)          # d r / d alpha = r x (0 where capped)
    A[q, :q] = -(((1 - t) * c * dr)[:, None] * Xp).sum(0)
    A[q, q] = -float(((1 - t) * r).sum())
    A[q + 1:, :q] = -(D * ((1 - t) * c * dr * res)[:, None]).T @ Xp
    A[q + 1:, q] = -(D * ((1 - t) * r * res)[:, None]).sum(0)
    A[q + 1:, q + 1:] = (D * w[:, None]).T @ D
    Ainv = np.linalg.inv(A)
    V = Ainv @ (Psi.T @ Psi) @ Ainv.T
    b = float(beta[1])
    se = float(math.sqrt(V[q + 2, q + 2]))
    df = n - p
    qt = float(stats.t.ppf(1 - (1 - level) / 2, df))
    pv = float(2 * stats.t.sf(abs(b / se), df)) if se > 0 else math.nan
    design = wls_survey(y, D, w)
    return {"estimate": b, "se": se, "ci_low": b - qt * se, "ci_high": b + qt * se, "p": pv,
            "df": int(df), "se_design": float(math.sqrt(design["vcov"][1, 1]))}
