"""Linear mixed models for three or more waves: a fast, exact random-intercept REML fit.

The random-intercept model ``y_ij = x_ij' beta + b_i + e_ij``, ``b_i ~ N(0, s2_b)``,
``e_ij ~ N(0, s2)`` has, per participant with ``n_i`` observations,
``V_i = s2 (I + theta J)`` (``theta = s2_b / s2``) with the closed forms
``V_i^-1 = (I - c_i J) / s2``, ``c_i = theta / (1 + n_i theta)`` and
``det V_i = s2^n_i (1 + n_i theta)``. Everything the REML likelihood needs is therefore a sum
over participants of sufficient statistics (``sum_j x_ij``, ``sum_j y_ij``) weighted by ``c_i``;
profiling out ``beta`` and ``s2`` leaves a one-dimensional optimisation over ``theta``. No
``N x N`` matrix is ever formed, and no Python loop runs over participants.
"""

from __future__ import annotations

import math

import numpy as np

from .._result import TableResult, clean_json

__all__ = ["mixed_model", "MixedModelResult", "fit_random_intercept"]

_CONTROL_NAMES = ("control", "comparison", "controle", "controlegroep", "vergelijking",
                  "wachtlijst", "waitlist", "usual care", "care as usual")


class _RIModel:
    """Sufficient statistics of a random-intercept model and its REML pieces as functions of theta."""

    def __init__(self, y, X, codes):
        self.y = np.asarray(y, dtype=float)
        self.X = np.asarray(X, dtype=float)
        self.codes = np.asarray(codes)
        self.N, self.p = self.X.shape
        self.G = int(self.codes.max()) + 1 if self.N else 0
        self.ni = np.bincount(self.codes, minlength=self.G).astype(float)
        self.XtX = self.X.T @ self.X
        self.Xty = self.X.T @ self.y
        self.yty = float(self.y @ self.y)
        self.SX = np.column_stack([np.bincount(self.codes, self.X[:, j], self.G)
                                   for j in range(self.p)])
        self.Sy = np.bincount(self.codes, self.y, self.G)

    def pieces(self, theta):
        c = theta / (1 + self.ni * theta)
        A = self.XtX - (self.SX * c[:, None]).T @ self.SX
        b = self.Xty - self.SX.T @ (c * self.Sy)
        yWy = self.yty - float((c * self.Sy * self.Sy).sum())
        L = np.linalg.cholesky(A)
        beta = np.linalg.solve(A, b)
        rss = yWy - float(b @ beta)
        logdet_a = 2 * float(np.log(np.diag(L)).sum())
        logdet_h = float(np.log1p(self.ni * theta).sum())
        return beta, rss, logdet_a, logdet_h, A

    def profiled(self, theta):
        """Profiled REML deviance (without the constant) at ``theta``."""
        try:
            _, rss, lda, ldh, _ = self.pieces(theta)
        except np.linalg.LinAlgError:
            return math.inf
        if rss <= 0:
            return math.inf
        k = self.N - self.p
        return k * math.log(rss / k) + ldh + lda

    def deviance(self, s2b, s2):
        """Full REML deviance ``-2 log L_R`` (without the constant) at the variance parameters."""
        if s2 <= 0:
            return math.inf
        theta = s2b / s2
        _, rss, lda, ldh, _ = self.pieces(theta)
        return (self.N - self.p) * math.log(s2) + ldh + lda + rss / s2

    def fit(self):
        from scipy.optimize import minimize_scalar

        def f(rho):
            return self.profiled(rho / (1 - rho))

        res = minimize_scalar(f, bounds=(0.0, 1 - 1e-9), method="bounded",
                              options={"xatol": 1e-12, "maxiter": 500})
        rho = float(res.x)
        if f(0.0) <= res.fun:
            rho = 0.0
        theta = rho / (1 - rho)
        beta, rss, lda, ldh, A = self.pieces(theta)
        k = self.N - self.p
        s2 = rss / k
        self.theta, self.beta, self.s2, self.A = theta, beta, s2, A
        self.s2b = theta * s2
        self.cov = s2 * np.linalg.inv(A)
        self.reml = k * math.log(s2) + ldh + lda + k + k * math.log(2 * math.pi)
        self.converged = bool(res.success)
        return self

    def satterthwaite(self, L=None):
        """Satterthwaite df of the contrasts ``L beta`` (rows of ``L``; default: every
        coefficient), as lmerTest: numerical derivatives of the REML deviance and of
        ``L Cov(beta) L'`` in the variance parameters (s2_b, s2); the Hessian is computed once."""
        L = np.eye(self.p) if L is None else np.atleast_2d(L)
        psi = np.array([self.s2b, self.s2])
        h = np.maximum(np.abs(psi), self.s2) * 1e-4

        def phi(p):
            A = self.pieces(p[0] / p[1])[4]
            return np.einsum("ij,ji->i", L, p[1] * np.linalg.solve(A, L.T))

        def dev(p):
            return self.deviance(p[0], p[1])

        e = np.diag(h)
        f0 = dev(psi)
        H = np.empty((2, 2))
        for i in range(2):
            H[i, i] = (dev(psi + e[i]) - 2 * f0 + dev(psi - e[i])) / h[i] ** 2
        H[0, 1] = H[1, 0] = (dev(psi + e[0] + e[1]) - dev(psi + e[0] - e[1])
                             - dev(psi - e[0] + e[1]) + dev(psi - e[0] - e[1])) / (4 * h[0] * h[1])
        try:
            vcov = 2 * np.linalg.inv(H)
        except np.linalg.LinAlgError:
            return np.full(L.shape[0], math.nan)
        g = np.column_stack([(phi(psi + e[i]) - phi(psi - e[i])) / (2 * h[i]) for i in range(2)])
        var = phi(psi)
        denom = np.einsum("ki,ij,kj->k", g, vcov, g)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(denom > 0, 2 * var * var / denom, math.nan)


def fit_random_intercept(y, X, clusters, *, df="satterthwaite"):
    """Fit ``y = X beta + b_cluster + e`` by REML (random intercept per cluster).

    Parameters
    ----------
    y : array-like, shape (N,)
    X : array-like, shape (N, p)
        Fixed-effects design of full column rank (include the intercept column).
    clusters : array-like, shape (N,)
        Cluster (participant) labels.
    df : {"satterthwaite", "residual"}
        Degrees of freedom per coefficient: Satterthwaite (as ``lmerTest``) or ``N - rank(X)``.

    Returns
    -------
    dict
        ``beta, se, df, cov, sigma2, tau2 (random-intercept variance), icc, reml
        (REML criterion as lme4's REMLcrit), n_obs, n_clusters, singular``.

    Notes
    -----
    Profiled REML (Harville 1977; Bates et al. 2015): with ``H_i = I + theta J``,
    ``A = sum X_i' H_i^-1 X_i``, ``r = y - X beta_hat``,
    ``-2 l_R = (N - p) log(r' H^-1 r / (N - p)) + sum log(1 + n_i theta) + log det A + const``,
    minimised over ``theta >= 0`` by bounded Brent search on ``theta / (1 + theta)``;
    ``Cov(beta) = s2 A^-1``.

    References
    ----------
    Bates D, Maechler M, Bolker B, Walker S (2015). J Stat Softw 67(1). doi:10.18637/jss.v067.i01.
    Kuznetsova A, Brockhoff PB, Christensen RHB (2017). J Stat Softw 82(13) (Satterthwaite df).

    Examples
    --------
    R: ``lmerTest::lmer(y ~ x + (1 | cluster), REML = TRUE)``.
    """
    from pandas import factorize

    codes, uniques = factorize(np.asarray(clusters))
    y = np.asarray(y, dtype=float)
    X = np.asarray(X, dtype=float)
    # Work on a centred and scaled outcome (exact back-transformation below): keeps the
    # sufficient-statistic differences (y'Wy - b'beta) and the numerical derivatives well
    # conditioned whatever the scale and location of the scores.
    const = np.flatnonzero(np.all(X == 1, axis=0)) if X.size else np.array([], int)
    centre = float(y.mean()) if const.size else 0.0
    spread = float(y.std()) or 1.0
    m = _RIModel((y - centre) / spread, X, codes).fit()
    beta = m.beta * spread
    if const.size:
        beta[const[0]] += centre
    cov = m.cov * spread ** 2
    se = np.sqrt(np.diag(cov))
    if df == "satterthwaite" and m.theta > 0:
        dfs = m.satterthwaite()
    else:
        dfs = np.full(m.p, float(m.N - m.p))
    s2, s2b = m.s2 * spread ** 2, m.s2b * spread ** 2
    total = s2b + s2
    return {"beta": beta, "se": se, "df": dfs, "cov": cov, "sigma2": s2, "tau2": s2b,
            "icc": s2b / total if total > 0 else math.nan,
            "reml": m.reml + (m.N - m.p) * 2 * math.log(spread), "n_obs": m.N,
            "n_clusters": len(uniques), "singular": m.theta == 0, "model": m}


class MixedModelResult(TableResult):
    """Fixed effects of a mixed model, one row per term; ``info`` holds variance components."""

    def __init__(self, rows, title="", notes=None, info=None):
        super().__init__(rows, title=title, notes=notes)
        self.info = info or {}

    def to_dict(self):
        return clean_json(self.rows)


def _reference_group(levels, reference):
    if reference is not None:
        return reference
    for level in levels:
        if str(level).strip().lower() in _CONTROL_NAMES:
            return level
    return sorted(levels, key=str)[0]


def mixed_model(scores, outcome, *, waves=None, baseline=None, id_col="participant_id",
                wave_col="wave", group_col=None, reference_group=None, random_slope=False,
                level=0.95, df="satterthwaite", min_participants=10) -> MixedModelResult:
    """Linear mixed model of an outcome over waves: random intercept per participant, REML.

    Parameters
    ----------
    scores : pandas.DataFrame
        Long frame, one row per participant and wave.
    outcome : str
        Score column.
    waves : list of str, optional
        Wave labels in time order (default: sorted labels); rows of other waves are ignored.
    baseline : str, optional
        Reference wave (default: the first wave).
    group_col : str, optional
        Column with two arms (intervention / comparison): adds the group main effect and the
        group x wave interaction (a controlled design).
    reference_group : str, optional
        The comparison arm; default a level named control/comparison/controle/wachtlijst..., else
        the first in sort order.
    random_slope : bool
        Add a random slope of time (wave index) per participant, fitted with statsmodels
        MixedLM; guarded against its silent zero-variance failure (statsmodels #10239) and
        against singular fits (variance ~0 or correlation +/-1): those fall back to the random
        intercept with a note.
    level : float
        Confidence level.
    df : {"satterthwaite", "residual"}
        Degrees of freedom for tests and intervals (see Notes).
    min_participants : int
        Fewer participants (with any observation) give a note that the variance components are
        poorly determined.

    Returns
    -------
    MixedModelResult
        Rows ``outcome, term, estimate, se, df, t, p, ci_low, ci_high``: for the wave effects
        ``term`` is the wave label and ``estimate`` the adjusted mean difference from baseline
        (in the comparison arm when ``group_col`` is given); ``"group <level>"`` and
        ``"<wave> x <level>"`` for the arm effect at baseline and the group x wave interaction.
        ``info``: ``n_obs, n_participants, sigma2, tau2, icc, reml, singular, df_method``.

    Notes
    -----
    Model: ``y_it = b0 + sum_k beta_k [wave = k] (+ gamma [group] + delta_k [group][wave = k])
    + u_i + e_it``, wave categorical, REML (see :func:`fit_random_intercept`). Missing data: every
    observed score is used (valid under missing at random given the observed scores), so
    participants with only some waves contribute.

    Degrees of freedom: Satterthwaite (as ``lmerTest``, which ``lme4`` lacks: lme4 gives no
    p-values); t-based p-values and intervals. With a zero random-intercept variance (singular
    fit) the model is ordinary least squares and the residual df ``N - p`` is used.

    References
    ----------
    Bates D et al. (2015). J Stat Softw 67(1). doi:10.18637/jss.v067.i01.
    Kuznetsova A et al. (2017). J Stat Softw 82(13). doi:10.18637/jss.v082.i13.

    Examples
    --------
    >>> impact.mixed_model(scores, "pss10_score", waves=["T0", "T1", "T2"])  # doctest: +SKIP

    R: ``lmerTest::lmer(pss10_score ~ wave + (1 | participant_id), data, REML = TRUE)``.
    """
    import pandas as pd
    from scipy import stats

    notes: list[str] = []
    frame = scores[[c for c in {id_col, wave_col, outcome, group_col} if c]].copy()
    frame[wave_col] = frame[wave_col].astype(str)
    if waves is None:
        waves = sorted(frame[wave_col].unique())
    waves = [str(w) for w in waves]
    baseline = waves[0] if baseline is None else str(baseline)
    frame = frame[frame[wave_col].isin(waves) & frame[outcome].notna()]
    if group_col:
        frame = frame[frame[group_col].notna()]
    present = [w for w in waves if (frame[wave_col] == w).any()]
    title = f"Mixed model of {outcome}"
    if baseline not in present:
        notes.append(f"{outcome}: no observation at baseline {baseline}; no mixed model")
        return MixedModelResult([], title, notes)
    others = [w for w in present if w != baseline]
    missing = [w for w in waves if w not in present]
    if missing:
        notes.append(f"{outcome}: no observation at wave(s) {', '.join(missing)}")
    n_part = frame[id_col].nunique()
    if not others or n_part < 2:
        notes.append(f"{outcome}: a mixed model needs observations at two or more waves from two "
                     f"or more participants")
        return MixedModelResult([], title, notes)
    w = frame[wave_col].to_numpy()
    cols = {"(Intercept)": np.ones(len(frame))}
    for wave in others:
        cols[wave] = (w == wave).astype(float)
    if group_col:
        levels = list(pd.unique(frame[group_col]))
        if len(levels) != 2:
            notes.append(f"{outcome}: group column '{group_col}' must have two arms, has "
                         f"{len(levels)}; no mixed model")
            return MixedModelResult([], title, notes)
        ref = _reference_group(levels, reference_group)
        arm = [lv for lv in levels if lv != ref][0]
        g = (frame[group_col].to_numpy() == arm).astype(float)
        cols[f"group {arm}"] = g
        for wave in others:
            cols[f"{wave} x {arm}"] = g * (w == wave)
    X = np.column_stack(list(cols.values()))
    names = list(cols)
    if np.linalg.matrix_rank(X) < X.shape[1]:
        notes.append(f"{outcome}: the design is not estimable (a wave or arm has no data)")
        return MixedModelResult([], title, notes)
    y = frame[outcome].to_numpy(dtype=float)
    if y.size - X.shape[1] < 1:
        notes.append(f"{outcome}: too few observations for a mixed model")
        return MixedModelResult([], title, notes)
    if n_part < min_participants:
        notes.append(f"{outcome}: only {n_part} participants; the variance components and "
                     f"Satterthwaite df are poorly determined")
    if random_slope:
        fit = _fit_random_slope(frame, y, X, names, id_col, wave_col, waves, notes, outcome)
    else:
        fit = None
    if fit is None:
        fit = fit_random_intercept(y, X, frame[id_col].to_numpy(), df=df)
        if fit["singular"]:
            notes.append(f"{outcome}: the random-intercept variance is estimated as zero "
                         f"(singular fit); the model reduces to least squares")
    crit = stats.t.ppf(1 - (1 - level) / 2, fit["df"])
    t = fit["beta"] / fit["se"]
    p = 2 * stats.t.sf(np.abs(t), fit["df"])
    rows = []
    for j, name in enumerate(names):
        if name == "(Intercept)":
            continue
        rows.append({"outcome": outcome, "term": name, "estimate": float(fit["beta"][j]),
                     "se": float(fit["se"][j]), "df": float(fit["df"][j]), "t": float(t[j]),
                     "p": float(p[j]), "ci_low": float(fit["beta"][j] - crit[j] * fit["se"][j]),
                     "ci_high": float(fit["beta"][j] + crit[j] * fit["se"][j])})
    info = {"outcome": outcome, "baseline": baseline, "n_obs": int(fit["n_obs"]),
            "n_participants": int(n_part), "sigma2": fit["sigma2"], "tau2": fit["tau2"],
            "icc": fit["icc"], "reml": fit.get("reml"), "singular": bool(fit["singular"]),
            "df_method": fit.get("df_method", df if not fit["singular"] else "residual"),
            "intercept": float(fit["beta"][0]), "random_slope": bool(fit.get("random_slope"))}
    return MixedModelResult(rows, title, notes, info)


def _fit_random_slope(frame, y, X, names, id_col, wave_col, waves, notes, outcome):
    """Random intercept and slope of time with statsmodels MixedLM (REML), guarded.

    statsmodels can return fixed effects of exactly 0.0 with ``converged=True`` when a random
    effect variance is ~0 (statsmodels #10239). We refuse such fits (and non-converged ones) and
    fall back to the exact random-intercept fit with a note. Its tests are z-tests in
    statsmodels; we report t-tests on the residual df ``N - p`` for this path, with
    ``Cov(beta) = s2 (X' H^-1 X)^-1`` at the REML variance estimates (as lme4).
    """
    import warnings

    import statsmodels.api as sm

    time = frame[wave_col].map({w: i for i, w in enumerate(waves)}).to_numpy(dtype=float)
    exog_re = np.column_stack([np.ones_like(time), time])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = sm.MixedLM(y, X, groups=frame[id_col].to_numpy(), exog_re=exog_re).fit(
                reml=True)
    except Exception as exc:  # noqa: BLE001 - any numerical failure means: fall back
        notes.append(f"{outcome}: random-slope model failed ({type(exc).__name__}); "
                     f"random intercept only")
        return None
    fe = np.asarray(res.fe_params)
    cov_re = np.asarray(res.cov_re)
    sd = np.sqrt(np.clip(np.diag(cov_re), 0, None))
    corr = cov_re[0, 1] / (sd[0] * sd[1]) if sd.all() else 1.0
    singular = np.any(sd ** 2 < 1e-6 * res.scale) or abs(corr) > 1 - 1e-4
    suspicious = (np.any(fe[1:] == 0.0) or singular or not res.converged
                  or not np.all(np.isfinite(res.bse_fe)))
    if suspicious:
        notes.append(f"{outcome}: the random-slope fit is degenerate (a zero variance or a "
                     f"correlation of +/-1 (singular, as lme4's isSingular), a fixed effect of "
                     f"exactly 0 or no convergence; statsmodels #10239); random intercept only")
        return None
    n_obs = len(y)
    # Cov(beta) = s2 (X' H^-1 X)^-1 at the REML variance estimates, as lme4 (statsmodels' bse_fe
    # comes from its joint Hessian and differs by ~1e-4). Woodbury per participant:
    # X' H_i^-1 X = X_i'X_i - (X_i'Z_i) (Psi^-1 + Z_i'Z_i)^-1 (Z_i'X_i), summed with bincount.
    from pandas import factorize

    codes, uniq = factorize(frame[id_col].to_numpy())
    G, p, q = len(uniq), X.shape[1], exog_re.shape[1]
    XZ = np.stack([np.stack([np.bincount(codes, X[:, a] * exog_re[:, b], G) for b in range(q)],
                            axis=-1) for a in range(p)], axis=1)
    ZZ = np.stack([np.stack([np.bincount(codes, exog_re[:, a] * exog_re[:, b], G)
                             for b in range(q)], axis=-1) for a in range(q)], axis=1)
    psi = cov_re / res.scale
    M = np.linalg.inv(np.linalg.inv(psi)[None] + ZZ)
    A = X.T @ X - np.einsum("gpq,gqr,gsr->ps", XZ, M, XZ)
    se = np.sqrt(np.diag(res.scale * np.linalg.inv(A)))
    return {"beta": fe, "se": se, "df": np.full(len(fe), float(n_obs - len(fe))),
            "sigma2": float(res.scale), "tau2": float(cov_re[0, 0]),
            "icc": float(cov_re[0, 0] / (cov_re[0, 0] + res.scale)), "reml": None,
            "n_obs": n_obs, "singular": False, "df_method": "residual", "random_slope": True}
