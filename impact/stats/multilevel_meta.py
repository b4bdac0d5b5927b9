"""Meta-analysis across studies: random-effects and three-level models, meta-regression,
cluster-robust variance, leave-one-out, influence, Egger's test and trim-and-fill.

The ground floor of the evidence synthesis (:mod:`impact.studies.synthesis`): arrays in, results out, no
files. Every function mirrors a ``metafor`` function (Viechtbauer 2010, J Stat Softw 36(3))
and is checked against it in ``tests/test_synthesis_r.py`` (fixtures: ``tests/fixtures/
synthesis.R``).
"""

from __future__ import annotations

import math

import numpy as np

from .._result import DictResult, TableResult, clean_json

__all__ = ["rma", "three_level", "RmaResult", "ThreeLevelResult", "regtest", "trimfill",
           "leave_one_out", "influence", "cluster_robust", "RegtestResult", "TrimfillResult",
           "LeaveOneOutResult", "InfluenceResult", "DEFAULT_TEST", "METHODS"]

#: The one default test of the pooled estimate for every random-effects pooling of the package
#: (``rma``, ``meta_analysis``, ``pool_sites``, ``impact analyse`` and the evidence synthesis):
#: Hartung-Knapp with the Knapp-Hartung ad hoc correction (metafor ``test = "adhoc"``): t on
#: ``k - p`` df, never narrower than the z interval. Three-level models use z tests with the
#: cluster-robust t test beside them (metafor ``rma.mv`` + ``robust``). docs/synthesis.md,
#: "Tests", is the one place that documents it.
DEFAULT_TEST = "adhoc"
#: Estimators of the variance components: restricted maximum likelihood (default), maximum
#: likelihood, DerSimonian-Laird (random-effects models only).
METHODS = ("REML", "ML", "DL")


def _design(mods, k):
    """Design matrix with an intercept; ``mods`` an array (k,) / (k, m) or None."""
    if mods is None:
        return np.ones((k, 1)), ["intrcpt"]
    import pandas as pd

    if isinstance(mods, pd.DataFrame):
        names = [str(c) for c in mods.columns]
        m = mods.to_numpy(dtype=float)
    else:
        m = np.asarray(mods, dtype=float)
        m = m.reshape(k, -1)
        names = [f"x{j + 1}" for j in range(m.shape[1])]
    return np.column_stack([np.ones(k), m]), ["intrcpt", *names]


def _crit(level, df=None):
    from . import _dist as stats

    a = 1 - (1 - level) / 2
    return float(stats.norm.ppf(a) if df is None else stats.t.ppf(a, df))


def _pvalue(stat, df=None):
    from . import _dist as stats

    stat = np.asarray(stat, dtype=float)
    return 2 * (stats.norm.sf(np.abs(stat)) if df is None else stats.t.sf(np.abs(stat), df))


def _xtwx(X, w, Z=None):
    """``X' diag(w) Z`` (Z = X by default) for tall, thin X (k x p, p small), column by column:
    vector sums stay fast where threaded BLAS spins on a loaded machine and a three-operand
    einsum loops slowly. Memory linear in k."""
    Z = X if Z is None else Z
    p, q = X.shape[1], Z.shape[1]
    out = np.empty((p, q))
    for i in range(p):
        xw = X[:, i] * w
        for j in range(q):
            out[i, j] = float((xw * Z[:, j]).sum())
    return out


def _xtv(X, z):
    """``X' z`` for a long vector z."""
    return np.array([float((X[:, j] * z).sum()) for j in range(X.shape[1])])


def _xb(X, b):
    """``X b`` for a short coefficient vector b."""
    out = X[:, 0] * b[0]
    for j in range(1, X.shape[1]):
        out = out + X[:, j] * b[j]
    return out


def _fe_parts(v, X):
    """``P_FE = W - W X (X'WX)^-1 X'W`` with ``W = diag(1/v)``: its trace and the typical
    within-study variance ``(k - p) / tr(P_FE)`` (Higgins and Thompson 2002; metafor)."""
    w = 1 / v
    A = _xtwx(X, w)
    tr = w.sum() - np.trace(np.linalg.solve(A, _xtwx(X, w ** 2)))
    k, p = X.shape
    return tr, (k - p) / tr


def _qe(y, v, X):
    w = 1 / v
    A = _xtwx(X, w)
    b = np.linalg.solve(A, _xtv(X, w * y))
    e = y - _xb(X, b)
    return float((w * e ** 2).sum())


def _tau2_uni(y, v, X, method, tol=1e-12, maxiter=2000):
    """tau^2 by REML or ML (Fisher scoring from the DerSimonian-Laird value, truncated at 0) or
    DerSimonian-Laird (generalised to moderators: ``(Q_E - (k - p)) / tr(P_FE)``).

    Memory linear in k: with ``A = X'WX`` and ``e = y - Xb``, ``Py = We``, ``y'PPy = sum (w e)^2``,
    ``tr P = sum w - tr(A^-1 X'W^2X)`` and ``tr PP = sum w^2 - 2 tr(A^-1 X'W^3X) +
    tr((A^-1 X'W^2X)^2)``; no k x k matrix. Scoring steps (as metafor's ``rma.uni``):
    REML ``tau^2 += (y'PPy - tr P) / tr PP``; ML ``tau^2 += (y'PPy - sum w) / sum w^2``.
    """
    k, p = X.shape
    tr_fe, _ = _fe_parts(v, X)
    tau2_dl = max(0.0, (_qe(y, v, X) - (k - p)) / tr_fe)
    if method == "DL":
        return tau2_dl, True
    tau2 = tau2_dl
    for _ in range(maxiter):
        w = 1 / (v + tau2)
        A = _xtwx(X, w)
        b = np.linalg.solve(A, _xtv(X, w * y))
        we = w * (y - _xb(X, b))
        ypp = float((we * we).sum())
        if method == "ML":
            adj = (ypp - w.sum()) / (w ** 2).sum()
        else:
            Ainv = np.linalg.inv(A)
            M2 = Ainv @ _xtwx(X, w ** 2)
            M3 = Ainv @ _xtwx(X, w ** 3)
            tr_p = w.sum() - np.trace(M2)
            tr_pp = (w ** 2).sum() - 2 * np.trace(M3) + np.trace(M2 @ M2)
            adj = (ypp - tr_p) / tr_pp
        new = max(0.0, tau2 + adj)
        if abs(new - tau2) < tol * max(1.0, tau2):
            return new, True
        tau2 = new
    return tau2, False


def _full_rank(X):
    """False when the moderators are constant or redundant (X'X singular)."""
    if X.shape[1] == 1:
        return True
    Xc = X / np.maximum(np.abs(X).max(axis=0), 1e-300)
    return int(np.linalg.matrix_rank(Xc)) == X.shape[1]


def _check(method, test, three_level=False):
    method = str(method).upper()
    allowed = ("REML", "ML") if three_level else METHODS
    if method not in allowed:
        raise ValueError(f"unknown method {method!r}; use {', '.join(map(repr, allowed))}")
    if test not in ("z", "knha", "adhoc"):
        raise ValueError(f"unknown test {test!r}; use 'adhoc', 'knha' or 'z'")
    return method


class RmaResult(DictResult):
    """A random-effects model (``rma``): ``result["estimate"]``, coefficients in ``to_frame()``."""

    title = "Random-effects meta-analysis"

    def __init__(self, data, yi=None, vi=None, labels=None, weights=None):
        super().__init__(data)
        self.yi, self.vi = yi, vi
        self.labels = labels
        self.weights = weights  # percent of the pooled estimate, w_i / sum w (no moderators)
        self.notes = data.get("notes", [])

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.data["coefficients"])

    def summary(self) -> str:
        d = self.data
        if d.get("estimate") is None:
            return "; ".join(self.notes) or "no estimate"
        return (f"k = {d['k']}: estimate {d['estimate']:.3f} (95% CI {d['ci_low']:.3f} to "
                f"{d['ci_high']:.3f}), tau^2 = {d['tau2']:.4f}, I^2 = {d['i2']:.1f}%"
                + (f", prediction interval {d['pi_low']:.3f} to {d['pi_high']:.3f}"
                   if d.get("pi_low") is not None else ""))

    def plot(self, **kwargs):
        """Forest plot with study rows, the pooled row and the prediction interval."""
        from ..plots.synthesis import forest_plot

        return forest_plot(self.forest_rows(), self.data, **kwargs)

    def forest_rows(self):
        lab = self.labels if self.labels is not None else [str(i + 1) for i in range(len(self.yi))]
        return [{"label": str(a), "yi": float(y), "vi": float(v)}
                for a, y, v in zip(lab, self.yi, self.vi)]


def rma(yi, vi, *, mods=None, method="REML", test=DEFAULT_TEST, level=0.95,
        labels=None) -> RmaResult:
    """Random-effects model (meta-regression with ``mods``) with known sampling variances.

    Parameters
    ----------
    yi, vi : array-like
        Effect sizes and sampling variances (rows with a missing value or ``vi <= 0`` are left
        out, with a note).
    mods : array-like or DataFrame, optional
        Moderators (an intercept is added). DataFrame column names name the terms.
    method : {"REML", "ML", "DL"}
        Estimator of tau^2 (:data:`METHODS`).
    test : {"adhoc", "knha", "z"}
        :data:`DEFAULT_TEST` (``adhoc``): Hartung-Knapp (t on ``k - p`` df, ``vb`` scaled by
        ``s^2 = sum w e^2 / (k - p)``) with the ad hoc correction ``max(1, s^2)``; ``knha``
        without it; ``z`` normal tests (metafor's own default).

    Returns
    -------
    RmaResult
        ``k, n_coef, estimate, se, ci_low, ci_high, statistic, statistic_type, df, p_value`` (the
        intercept), ``coefficients`` (``term, estimate, se, statistic, p_value, ci_low,
        ci_high``),
        ``tau2, i2, h2, q, q_df, q_p`` (residual heterogeneity), with moderators ``qm, qm_df,
        qm_p, r2`` (percent, as metafor: ``100 max(0, (tau2_0 - tau2) / tau2_0)``), without
        ``pi_low, pi_high`` (``estimate +/- crit sqrt(se^2 + tau2)``).

    Notes
    -----
    ``w = 1 / (v + tau^2)``, ``b = (X'WX)^-1 X'Wy``, ``Var(b) = (X'WX)^-1``. REML tau^2 by Fisher
    scoring ``tau^2 += (y'PPy - tr P) / tr(PP)`` with
    ``P = W - WX(X'WX)^-1X'W``, truncated at 0. ``I^2 = 100 tau^2 / (tau^2 + (k - p) /
    tr P_FE)``. ``Q_E = y'P_FE y`` on ``k - p`` df. ``Q_M = b' Var(b)^-1 b`` over the
    moderators (chi^2 on ``m`` df; ``F = Q_M / m`` on ``(m, k - p)`` under knha/adhoc).

    Examples
    --------
    R: ``metafor::rma(yi, vi, mods = ~ ablat + year, method = "REML", test = "knha")``.
    """
    from . import _dist as stats

    y = np.asarray(yi, dtype=float)
    v = np.asarray(vi, dtype=float)
    X, names = _design(mods, y.size)
    method, notes = _check(method, test), []
    ok = np.isfinite(y) & np.isfinite(v) & (v > 0) & np.isfinite(X).all(axis=1)
    if (~ok).any():
        notes.append(f"{int((~ok).sum())} effect size(s) with a missing value or zero variance "
                     "left out")
    y, v, X = y[ok], v[ok], X[ok]
    lab = None if labels is None else np.asarray(labels)[ok]
    k, p = X.shape
    data = {"k": k, "n_coef": p, "method": method, "test": test, "notes": notes,
            "estimate": None}
    if k <= p:
        notes.append(f"the model needs more than {p} effect sizes, got {k}")
        return RmaResult(data, y, v, lab)
    if not _full_rank(X):
        notes.append("the moderators are constant or redundant (the model matrix is not of "
                     "full rank): not estimable")
        return RmaResult(data, y, v, lab)
    tau2, conv = _tau2_uni(y, v, X, method)
    if not conv:
        notes.append(f"{method} for tau^2 did not converge; DerSimonian-Laird used")
        tau2, data["method"] = _tau2_uni(y, v, X, "DL")[0], "DL"
    w = 1 / (v + tau2)
    A = _xtwx(X, w)
    vb = np.linalg.inv(A)
    b = vb @ _xtv(X, w * y)
    df = None
    if test in ("knha", "adhoc"):
        e = y - _xb(X, b)
        s2 = float((w * e ** 2).sum()) / (k - p)
        if test == "adhoc":
            s2 = max(1.0, s2)
        vb = s2 * vb
        df = k - p
    se = np.sqrt(np.diag(vb))
    # a term carried by one cluster has no robust variance: null, not infinite
    se = np.where(se > 1e-14 * np.maximum(np.abs(b), 1.0), se, np.nan)
    stat = b / se
    pv = _pvalue(stat, df)
    crit = _crit(level, df)
    tr_fe, vt = _fe_parts(v, X)
    qe = _qe(y, v, X)
    coefs = [{"term": n, "estimate": float(b[j]), "se": float(se[j]),
              "statistic": float(stat[j]), "p_value": float(pv[j]),
              "ci_low": float(b[j] - crit * se[j]), "ci_high": float(b[j] + crit * se[j])}
             for j, n in enumerate(names)]
    data.update(estimate=float(b[0]), se=float(se[0]), ci_low=coefs[0]["ci_low"],
                ci_high=coefs[0]["ci_high"], statistic=float(stat[0]),
                statistic_type="z" if df is None else "t", df=df, p_value=float(pv[0]),
                coefficients=coefs, tau2=tau2, tau=math.sqrt(tau2),
                i2=100 * tau2 / (tau2 + vt), h2=(tau2 + vt) / vt, q=qe, q_df=k - p,
                q_p=float(stats.chi2.sf(qe, k - p)), vb=vb.tolist())
    if p > 1:
        bm = b[1:]
        qm = float(bm @ np.linalg.solve(vb[1:, 1:], bm))
        m = p - 1
        if df is None:
            data.update(qm=qm, qm_df=m, qm_p=float(stats.chi2.sf(qm, m)))
        else:
            data.update(qm=qm / m, qm_df=[m, df], qm_p=float(stats.f.sf(qm / m, m, df)))
        tau2_0 = _tau2_uni(y, v, np.ones((k, 1)), data["method"])[0]
        data["r2"] = 100 * max(0.0, (tau2_0 - tau2) / tau2_0) if tau2_0 > 0 else 0.0
        data["pi_low"] = data["pi_high"] = None
    else:
        pse = math.sqrt(se[0] ** 2 + tau2)
        data.update(pi_low=float(b[0] - crit * pse), pi_high=float(b[0] + crit * pse))
    return RmaResult(data, y, v, lab, 100 * w / w.sum())


# --- three-level model ---------------------------------------------------------------------

class _Blocks:
    """Compound-symmetric blocks ``V_s = diag(v + s2w) + s2s J`` per study, in closed form.

    ``V_s^-1 z = z/d - c_s (sum z/d) / d`` with ``d = v + s2w``, ``S1 = sum 1/d`` and
    ``c_s = s2s / (1 + s2s S1)`` (Sherman-Morrison); ``log det V_s = sum log d +
    log(1 + s2s S1)``. No dense k x k matrix is formed.
    """

    def __init__(self, idx, n_blocks, v, s2s, s2w):
        self.idx, self.n = idx, n_blocks
        self.d = v + s2w
        self.a = 1 / self.d
        self.S1 = np.bincount(idx, weights=self.a, minlength=n_blocks)
        self.c = s2s / (1 + s2s * self.S1)
        self.s2s = s2s

    def bsum(self, z):
        """Per-block sums of the rows of z (vector or matrix)."""
        if z.ndim == 1:
            return np.bincount(self.idx, weights=z, minlength=self.n)
        return np.column_stack([np.bincount(self.idx, weights=z[:, j], minlength=self.n)
                                for j in range(z.shape[1])])

    def solve(self, z):
        az = z * (self.a if z.ndim == 1 else self.a[:, None])
        s = self.bsum(az)
        corr = (self.c[:, None] * s if z.ndim > 1 else self.c * s)[self.idx]
        return az - (corr * self.a[:, None] if z.ndim > 1 else corr * self.a)

    def logdet(self):
        return float(np.log(self.d).sum() + np.log1p(self.s2s * self.S1).sum())


def _ml3_parts(theta, y, v, X, idx, n_blocks):
    s2s, s2w = max(theta[0], 0.0), max(theta[1], 0.0)
    B = _Blocks(idx, n_blocks, v, s2s, s2w)
    VX = B.solve(X)
    A = _xtwx(X, np.ones(len(y)), VX)
    Ainv = np.linalg.inv(A)
    b = Ainv @ _xtv(VX, y)
    e = y - _xb(X, b)
    r = B.solve(e)
    return B, VX, A, Ainv, b, e, r


def _reml_obj(theta, y, v, X, idx, n_blocks, method="REML"):
    """-2 x REML (or ML) log-likelihood (without constants) and its gradient in
    (s2_study, s2_within). ML drops ``log det(X'V^-1X)`` and its derivative."""
    B, VX, A, Ainv, b, e, r = _ml3_parts(theta, y, v, X, idx, n_blocks)
    reml = method == "REML"
    f = B.logdet() + float((e * r).sum())
    if reml:
        f += np.linalg.slogdet(A)[1]
    # tr(P dV) - r' dV r for dV = blockdiag(J) and dV = I (ML: tr(V^-1 dV) - r' dV r)
    tr_vinv_j = float((B.S1 / (1 + B.s2s * B.S1)).sum())
    g_s = tr_vinv_j - float((B.bsum(r) ** 2).sum())
    tr_vinv = float(B.a.sum() - (B.c * B.bsum(B.a ** 2)).sum())
    g_w = tr_vinv - float((r * r).sum())
    if reml:
        G = B.bsum(VX)
        g_s -= np.trace(Ainv @ _xtwx(G, np.ones(G.shape[0])))
        g_w -= np.trace(Ainv @ _xtwx(VX, np.ones(VX.shape[0])))
    return f, np.array([g_s, g_w])


class ThreeLevelResult(DictResult):
    """Three-level model (effect sizes within studies): ``result["estimate"]``,
    ``result["sigma2_study"]``, coefficients in ``to_frame()``."""

    title = "Three-level meta-analysis"

    def __init__(self, data, yi=None, vi=None, labels=None, study=None, weights=None):
        super().__init__(data)
        self.yi, self.vi, self.labels, self.study = yi, vi, labels, study
        self.weights = weights  # percent: (V^-1 1)_i / 1'V^-1 1, each row's share of the estimate
        self.notes = data.get("notes", [])

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.data.get("coefficients", []))

    def summary(self) -> str:
        d = self.data
        if d.get("estimate") is None:
            return "; ".join(self.notes) or "no estimate"
        return (f"{d['k']} effect sizes in {d['n_studies']} studies: estimate "
                f"{d['estimate']:.3f} (95% CI {d['ci_low']:.3f} to {d['ci_high']:.3f}), "
                f"sigma^2 between studies {d['sigma2_study']:.4f}, within studies "
                f"{d['sigma2_within']:.4f}; I^2 {d['i2_study']:.1f}% between, "
                f"{d['i2_within']:.1f}% within"
                + (f"; prediction interval {d['pi_low']:.3f} to {d['pi_high']:.3f}"
                   if d.get("pi_low") is not None else ""))

    def forest_rows(self):
        lab = self.labels if self.labels is not None else [str(i + 1) for i in range(len(self.yi))]
        return [{"label": str(a), "yi": float(y), "vi": float(v)}
                for a, y, v in zip(lab, self.yi, self.vi)]

    def plot(self, **kwargs):
        """Forest plot: effect-size rows, the pooled row and the prediction interval."""
        from ..plots.synthesis import forest_plot

        return forest_plot(self.forest_rows(), self.data, **kwargs)


def three_level(yi, vi, study, *, mods=None, method="REML", level=0.95, labels=None,
                robust=True) -> ThreeLevelResult:
    """Three-level random-effects model: effect sizes (level 2) within studies (level 3).

    ``y_ij = x_ij' b + u_i + w_ij + e_ij`` with ``u_i ~ N(0, sigma2_study)``,
    ``w_ij ~ N(0, sigma2_within)``, ``e_ij ~ N(0, v_ij)`` known. REML (or ML) over
    ``(sigma2_study, sigma2_within) >= 0`` (L-BFGS-B with the analytic gradient), the likelihood
    per study in closed form (compound-symmetric blocks, Sherman-Morrison), so 2,000 effect
    sizes cost no 2,000 x 2,000 inversion.

    Parameters
    ----------
    yi, vi : array-like
        Effect sizes and sampling variances.
    study : array-like
        Study of each effect size (the cluster).
    mods : array-like or DataFrame, optional
        Moderators (meta-regression); an intercept is added.
    method : {"REML", "ML"}
        Restricted (default) or full maximum likelihood, as ``rma.mv(method = ...)``.
    robust : bool
        Also give cluster-robust (CR1) standard errors by study, as metafor
        ``robust(fit, cluster = study, clubSandwich = FALSE)``: ``Var_R(b) = n/(n-p) A^-1
        (sum_s X_s' V_s^-1 e_s e_s' V_s^-1 X_s) A^-1`` with t tests on ``n - p`` df (n = studies).

    Returns
    -------
    ThreeLevelResult
        ``model = "three_level", k, n_studies, estimate, se, ci_low, ci_high, statistic, p_value,
        pi_low, pi_high`` (intercept-only models: ``estimate +/- z sqrt(se^2 + sigma2_study +
        sigma2_within)``, metafor's ``predict``), ``sigma2_study, sigma2_within``,
        ``i2_study, i2_within, i2`` (percent; Cheung 2014: ``100 sigma2_l / (sum sigma2 + v~)``
        with ``v~ = (k - p) / tr P_FE``), ``q, q_df, q_p`` (Q_E with ``W = diag(1/v)``),
        ``coefficients``, ``robust`` (``se, statistic, p_value, ci_low, ci_high, df`` per term),
        ``loglik`` (REML or ML log-likelihood as metafor's ``logLik``), ``method``, ``test =
        "z"``, ``n_coef`` (number of coefficients), ``notes``. Memory is linear in k.

    References
    ----------
    Konstantopoulos S (2011). Res Synth Methods 2:61-76. doi:10.1002/jrsm.35.
    Cheung MW-L (2014). Psychol Methods 19:211-229. doi:10.1037/a0032968.
    Hedges LV, Tipton E, Johnson MC (2010). Res Synth Methods 1:39-65. doi:10.1002/jrsm.5.

    Examples
    --------
    R: ``metafor::rma.mv(yi, vi, random = ~ 1 | study/effect, method = "REML")``;
    ``robust(fit, cluster = study, clubSandwich = FALSE)``.
    """
    from scipy import optimize, stats

    y = np.asarray(yi, dtype=float)
    v = np.asarray(vi, dtype=float)
    st = np.asarray(study).astype(str)
    X, names = _design(mods, y.size)
    method = _check(method, "z", three_level=True)
    notes: list[str] = []
    ok = np.isfinite(y) & np.isfinite(v) & (v > 0) & np.isfinite(X).all(axis=1)
    if (~ok).any():
        notes.append(f"{int((~ok).sum())} effect size(s) with a missing value or zero variance "
                     "left out")
    y, v, X, st = y[ok], v[ok], X[ok], st[ok]
    lab = None if labels is None else np.asarray(labels)[ok]
    levels, idx = np.unique(st, return_inverse=True)
    n_blocks = len(levels)
    k, p = X.shape
    data = {"model": "three_level", "k": k, "n_studies": n_blocks, "n_coef": p, "method": method,
            "test": "z", "estimate": None, "notes": notes}
    if n_blocks < 2 or k <= p + 1:
        notes.append(f"a three-level model needs at least two studies and more than {p + 1} "
                     f"effect sizes; got {n_blocks} studies and {k} effect sizes")
        return ThreeLevelResult(data, y, v, lab, st)
    if not _full_rank(X):
        notes.append("the moderators are constant or redundant (the model matrix is not of "
                     "full rank): not estimable")
        return ThreeLevelResult(data, y, v, lab, st)
    from ._blas import scipy_blas_single_thread

    start_total = max(float(np.var(y, ddof=1)) - float(v.mean()), 0.01)
    best = None
    # one start in the interior; two more from the edges when the optimum lies on a boundary
    for s0 in ((start_total / 2, start_total / 2), (start_total, 1e-4), (1e-4, start_total)):
        with scipy_blas_single_thread():   # L-BFGS-B on 2 parameters: see _blas
            opt = optimize.minimize(_reml_obj, np.array(s0),
                                    args=(y, v, X, idx, n_blocks, method), jac=True,
                                    method="L-BFGS-B", bounds=[(0, None), (0, None)],
                                    options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 5000})
        if best is None or opt.fun < best.fun:
            best = opt
        if min(best.x) > 1e-8 and best.success:
            break
    s2s, s2w = (float(max(t, 0.0)) for t in best.x)
    if not best.success:
        # L-BFGS-B stops "ABNORMAL" in its line search at a flat optimum; accept the point when
        # the projected gradient vanishes (components at the bound 0 may push outwards)
        g = _reml_obj(best.x, y, v, X, idx, n_blocks, method)[1]
        pg = np.where((best.x <= 1e-12) & (g > 0), 0.0, g)
        if np.max(np.abs(pg)) > 1e-5 * max(1.0, abs(best.fun)):
            notes.append(f"{method} optimiser: {best.message}")
    B, VX, A, Ainv, b, e, r = _ml3_parts((s2s, s2w), y, v, X, idx, n_blocks)
    se = np.sqrt(np.diag(Ainv))
    # a term carried by one cluster has no robust variance: null, not infinite
    se = np.where(se > 1e-14 * np.maximum(np.abs(b), 1.0), se, np.nan)
    stat = b / se
    pv = _pvalue(stat)
    crit = _crit(level)
    coefs = [{"term": n, "estimate": float(b[j]), "se": float(se[j]), "statistic": float(stat[j]),
              "p_value": float(pv[j]), "ci_low": float(b[j] - crit * se[j]),
              "ci_high": float(b[j] + crit * se[j])} for j, n in enumerate(names)]
    tr_fe, vt = _fe_parts(v, X)
    qe = _qe(y, v, X)
    total = s2s + s2w + vt
    f = best.fun
    if method == "REML":
        logdet_xx = np.linalg.slogdet(_xtwx(X, np.ones(k)))[1]
        loglik = -0.5 * (k - p) * math.log(2 * math.pi) + 0.5 * logdet_xx - 0.5 * f
    else:
        loglik = -0.5 * k * math.log(2 * math.pi) - 0.5 * f
    data.update(estimate=float(b[0]), se=float(se[0]), ci_low=coefs[0]["ci_low"],
                ci_high=coefs[0]["ci_high"], statistic=float(stat[0]), statistic_type="z",
                p_value=float(pv[0]), sigma2_study=s2s, sigma2_within=s2w,
                i2_study=100 * s2s / total, i2_within=100 * s2w / total,
                i2=100 * (s2s + s2w) / total, typical_v=vt, q=qe, q_df=k - p,
                q_p=float(stats.chi2.sf(qe, k - p)), coefficients=coefs, loglik=loglik,
                vb=Ainv.tolist())
    if p == 1:
        pse = math.sqrt(se[0] ** 2 + s2s + s2w)
        data.update(pi_low=float(b[0] - crit * pse), pi_high=float(b[0] + crit * pse))
    else:
        data.update(pi_low=None, pi_high=None)
        data["qm"] = float(b[1:] @ np.linalg.solve(Ainv[1:, 1:], b[1:]))
        data["qm_df"] = p - 1
        data["qm_p"] = float(stats.chi2.sf(data["qm"], p - 1))
    if robust:
        U = B.bsum(B.solve(e)[:, None] * X)  # per study X_s' V_s^-1 e_s
        data["robust"] = cluster_robust(Ainv, U, b, names, level)
        if data["robust"]["df"] < 4:
            notes.append(f"cluster-robust tests rest on {n_blocks} studies only (df = "
                         f"{data['robust']['df']}); they can be too liberal")
    if n_blocks < 10:
        notes.append(f"only {n_blocks} studies: the between-study variance is very uncertain")
    u = B.solve(np.ones(k))
    return ThreeLevelResult(data, y, v, lab, st, 100 * u / u.sum())


def cluster_robust(bread_inv, scores, b, names, level=0.95):
    """CR1 sandwich from the model's ``(X'WX)^-1`` and per-cluster scores ``X_c' W_c e_c``
    (rows of ``scores``): ``Var = n/(n-p) A^-1 (sum u_c u_c') A^-1``, t on ``n - p`` df.

    R: ``metafor::robust(fit, cluster, clubSandwich = FALSE)`` (its default ``adjust = TRUE``).
    """
    n, p = scores.shape[0], bread_inv.shape[0]
    if n <= p:  # no residual degrees of freedom: not estimable (metafor refuses too)
        none = [None] * p
        return {"terms": names, "se": none, "statistic": none, "p_value": none,
                "ci_low": none, "ci_high": none, "df": n - p, "estimate": clean_json(b),
                "n_clusters": n}
    vb = (n / (n - p)) * bread_inv @ _xtwx(scores, np.ones(n)) @ bread_inv
    se = np.sqrt(np.clip(np.diag(vb), 0.0, None))  # positive semi-definite: clip rounding
    # a term carried by one cluster has no robust variance: null, not infinite
    se = np.where(se > 1e-14 * np.maximum(np.abs(b), 1.0), se, np.nan)
    stat = b / se
    df = n - p
    pv = _pvalue(stat, df)
    crit = _crit(level, df)
    return clean_json({"terms": names, "se": se, "statistic": stat, "p_value": pv,
                       "ci_low": b - crit * se, "ci_high": b + crit * se, "df": df,
                       "estimate": b, "n_clusters": n})


# --- small-study effects, sensitivity -------------------------------------------------------

class RegtestResult(DictResult):
    """Egger's regression test: ``result["p_value"]``, ``result["limit_estimate"]``."""

    title = "Regression test for funnel-plot asymmetry (Egger)"

    def summary(self) -> str:
        d = self.data
        if d.get("statistic") is None:
            return "; ".join(self.notes) or "not estimable"
        return (f"k = {d['k']}: {d['statistic_type']} = {d['statistic']:.3f}, p = "
                f"{d['p_value']:.4f}; limit estimate {d['limit_estimate']:.3f} (95% CI "
                f"{d['limit_ci_low']:.3f} to {d['limit_ci_high']:.3f})")


class TrimfillResult(DictResult):
    """Trim-and-fill: ``result["k0"]``, ``result["estimate"]``; ``to_frame()`` the filled
    effect sizes; ``plot()`` the funnel plot with them."""

    title = "Trim and fill"

    def __init__(self, data, yi=None, vi=None):
        super().__init__(data)
        self.yi, self.vi = yi, vi

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.data.get("filled", []), columns=["yi", "vi"])

    def summary(self) -> str:
        d = self.data
        return (f"{d['k0']} effect size(s) imputed on the {d['side']} side; estimate "
                f"{d['estimate']:.3f} (95% CI {d['ci_low']:.3f} to {d['ci_high']:.3f}), shift "
                f"{d['shift']:+.3f} against the unadjusted {d['unadjusted_estimate']:.3f} (SE "
                f"{d['unadjusted_se']:.3f})")

    def plot(self, **kwargs):
        """Funnel plot with the imputed effect sizes (:func:`impact.plots.synthesis.funnel_plot`)."""
        from ..plots.synthesis import funnel_plot

        eff = [{"yi": float(a), "vi": float(b)} for a, b in zip(self.yi, self.vi)]
        return funnel_plot(eff, {"estimate": self.data["unadjusted_estimate"]},
                           filled=self.data["filled"], **kwargs)


class LeaveOneOutResult(TableResult):
    """The model refitted without each effect size in turn: one row per omitted effect."""

    def __init__(self, rows, notes=None):
        super().__init__(rows, "Leave-one-out", notes)

    def summary(self) -> str:
        est = [r["estimate"] for r in self.rows if r.get("estimate") is not None]
        if not est:
            return "no estimate"
        return (f"{len(est)} refits without one effect size each: estimates from "
                f"{min(est):.3f} to {max(est):.3f}")


class InfluenceResult(TableResult):
    """Case diagnostics: one row per effect size (``rstudent, cooks, hat, weight, dffits,
    influential``)."""

    def __init__(self, rows, notes=None):
        super().__init__(rows, "Influence diagnostics", notes)

    def summary(self) -> str:
        flagged = [r["label"] for r in self.rows if r["influential"]]
        return (f"{len(self.rows)} effect sizes; influential: "
                f"{', '.join(flagged) if flagged else 'none'}")


def regtest(yi, vi, *, method="REML", test=DEFAULT_TEST) -> RegtestResult:
    """Egger's regression test for funnel-plot asymmetry, as metafor ``regtest(rma(...))``.

    The standard error ``sqrt(vi)`` as a moderator of a random-effects meta-regression
    (``method``, ``test``); the statistic and ``p_value`` of its slope, and the intercept as the
    limit estimate (the effect of a study of infinite size).

    Returns
    -------
    RegtestResult
        ``statistic, statistic_type, df, p_value, limit_estimate, limit_ci_low, limit_ci_high,
        k, notes``. With equal variances (a common SE in every paper) the slope is not
        estimable: ``statistic`` and ``p_value`` are null with a note (metafor refuses too).

    Examples
    --------
    R: ``metafor::regtest(rma(yi, vi, test = "adhoc"))`` (``model = "rma", predictor = "sei"``).
    """
    y, v = np.asarray(yi, float), np.asarray(vi, float)
    fit = rma(y, v, mods=np.sqrt(v), method=method, test=test).data
    out = {"k": fit["k"], "statistic": None, "statistic_type": None, "df": None,
           "p_value": None, "limit_estimate": None, "limit_ci_low": None,
           "limit_ci_high": None, "method": fit["method"], "test": test,
           "notes": list(fit["notes"])}
    if fit.get("estimate") is None:
        return RegtestResult(out)
    slope, icpt = fit["coefficients"][1], fit["coefficients"][0]
    out.update(statistic=slope["statistic"], statistic_type=fit["statistic_type"],
               df=fit["df"], p_value=slope["p_value"], limit_estimate=icpt["estimate"],
               limit_ci_low=icpt["ci_low"], limit_ci_high=icpt["ci_high"])
    return RegtestResult(out)


def trimfill(yi, vi, *, method="REML", test=DEFAULT_TEST, side=None,
             maxiter=100) -> TrimfillResult:
    """Trim-and-fill (Duval and Tweedie 2000) with the L0 estimator, as metafor ``trimfill``.

    Side: from the sign of the slope of ``yi`` on ``sqrt(vi)`` (negative: missing on the right).
    Iterate: fit the model to the ``k - k0`` least extreme effects, centre, rank ``|y - b|``,
    ``S_r`` = sum of positive signed ranks, ``k0 = max(0, round((4 S_r - k (k + 1)) /
    (2k - 1)))``, until ``k0`` repeats. Then mirror the ``k0`` most extreme effects around the
    last ``b`` and refit all ``k + k0`` (``method``, ``test``).

    Returns
    -------
    TrimfillResult
        ``k0, side, estimate, se, ci_low, ci_high, p_value, tau2, filled`` (list of ``yi, vi``),
        and ``unadjusted_estimate, unadjusted_se, shift`` (filled minus unadjusted estimate,
        the figure GRADE compares with the unadjusted SE).

    References
    ----------
    Duval S, Tweedie R (2000). Biometrics 56:455-463. doi:10.1111/j.0006-341X.2000.00455.x.

    Examples
    --------
    R: ``metafor::trimfill(rma(yi, vi, test = "adhoc"))``.
    """
    from scipy.stats import rankdata

    y0, v0 = np.asarray(yi, float), np.asarray(vi, float)
    base = rma(y0, v0, method=method, test=test).data
    if side is None:
        reg = rma(y0, v0, mods=np.sqrt(v0), method=method).data
        slope = reg["coefficients"][1]["estimate"] if reg.get("estimate") is not None else 0.0
        side = "right" if slope < 0 else "left"
    y = -y0 if side == "right" else y0.copy()
    order = np.argsort(y, kind="stable")
    y, v = y[order], v0[order]
    k = y.size
    k0, k0_prev, it = 0, -1, 0
    beta = None
    while k0 != k0_prev:
        k0_prev, it = k0, it + 1
        if it > maxiter:
            raise RuntimeError("trim and fill did not converge")
        if k - k0 < 2:
            raise ValueError(f"trim and fill would leave {k - k0} effect size(s); not "
                             "estimable")
        beta = rma(y[:k - k0], v[:k - k0], method=method, test=test).data["estimate"]
        c = y - beta
        ranks = rankdata(np.abs(c), method="ordinal")
        sr = float(ranks[c > 0].sum())
        k0 = max(0, int(_round_half_even((4 * sr - k * (k + 1)) / (2 * k - 1))))
    if k0 > 0:
        fill = 2 * beta - y[k - k0:]
        fill = -fill if side == "right" else fill
        yf = np.concatenate([y0, fill])
        vf = np.concatenate([v0, v[k - k0:]])
        fit = rma(yf, vf, method=method, test=test).data
        filled = [{"yi": float(a), "vi": float(b)} for a, b in zip(fill, v[k - k0:])]
    else:
        fit, filled = base, []
    return TrimfillResult({"k0": k0, "side": side, "estimate": fit["estimate"],
                           "se": fit["se"], "ci_low": fit["ci_low"], "ci_high": fit["ci_high"],
                           "p_value": fit["p_value"], "tau2": fit["tau2"], "filled": filled,
                           "unadjusted_estimate": base["estimate"], "unadjusted_se": base["se"],
                           "shift": fit["estimate"] - base["estimate"], "method": method,
                           "test": test, "notes": []}, y0, v0)


def _round_half_even(x):
    return float(np.round(x))  # R's round() rounds half to even too


def leave_one_out(yi, vi, *, method="REML", test=DEFAULT_TEST, labels=None) -> LeaveOneOutResult:
    """The random-effects model refitted without each effect size in turn (metafor
    ``leave1out``): per omitted row ``left_out, estimate, se, ci_low, ci_high, p_value, q, tau2,
    i2``. k refits of O(k) each.

    R: ``metafor::leave1out(rma(yi, vi, test = "adhoc"))``.
    """
    y, v = np.asarray(yi, float), np.asarray(vi, float)
    labels = [str(i + 1) for i in range(y.size)] if labels is None else [str(a) for a in labels]
    rows = []
    for i in range(y.size):
        keep = np.arange(y.size) != i
        d = rma(y[keep], v[keep], method=method, test=test).data
        rows.append({"left_out": labels[i], **{key: d.get(key) for key in
                     ("estimate", "se", "ci_low", "ci_high", "p_value", "q", "tau2", "i2")}})
    return LeaveOneOutResult(rows)


def influence(yi, vi, *, method="REML", labels=None) -> InfluenceResult:
    """Case diagnostics of a random-effects model, as metafor ``influence(rma(...))``:
    ``rstudent`` (deleted residual over ``sqrt(v_i + tau2_(-i) + se_(-i)^2)``), ``cooks``
    (``(b - b_(-i))^2 / Var(b)``), ``hat`` (``w_i / sum w``), ``weight`` (percent), ``dffits``
    (``(b - b_(-i)) / sqrt(h_i (tau2_(-i) + v_i))``); z-based, as metafor's ``influence``.

    R: ``metafor::influence(rma(yi, vi))``.
    """
    y, v = np.asarray(yi, float), np.asarray(vi, float)
    labels = [str(i + 1) for i in range(y.size)] if labels is None else [str(a) for a in labels]
    full = rma(y, v, method=method, test="z").data
    w = 1 / (v + full["tau2"])
    hat = w / w.sum()
    rows = []
    for i in range(y.size):
        keep = np.arange(y.size) != i
        d = rma(y[keep], v[keep], method=method, test="z").data
        resid = y[i] - d["estimate"]
        rstud = resid / math.sqrt(v[i] + d["tau2"] + d["se"] ** 2)
        cooks = (full["estimate"] - d["estimate"]) ** 2 / full["se"] ** 2
        dffits = (full["estimate"] - d["estimate"]) / math.sqrt(hat[i] * (d["tau2"] + v[i]))
        rows.append({"label": labels[i], "rstudent": rstud, "cooks": cooks, "hat": float(hat[i]),
                     "weight": float(100 * hat[i]), "dffits": dffits,
                     "influential": bool(abs(rstud) > 1.96 and cooks > 4 / y.size)})
    return InfluenceResult(rows)
