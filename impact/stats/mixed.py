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
import warnings

import numpy as np

from .._result import TableResult, clean_json

__all__ = ["mixed_model", "MixedModelResult", "fit_random_intercept", "wave_order"]

_KR_MAX_BLOCK = 3000      # Kenward-Roger with sites: one dense block per site

_CONTROL_NAMES = ("control", "comparison", "controle", "controlegroep", "vergelijking",
                  "wachtlijst", "waitlist", "usual care", "care as usual")


class ModelChangeWarning(UserWarning):
    """The model fitted is not the model asked for (e.g. the random slope did not converge and
    the random-intercept model was fitted instead). Also in the result's notes."""


class SingularFitWarning(UserWarning):
    """A variance component is at its bound of 0 (or a correlation at +/-1): lme4's
    'boundary (singular) fit'. The model asked for is kept."""


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
    """Fixed effects of a mixed model, one row per term, and its variance components.

    ``to_frame()`` gives the fixed effects (``term, estimate, se, df, t, p, ci_low, ci_high``),
    ``variance_components()`` the random part (``group, term, variance, sd, cor``), ``info`` the
    fit (``n_obs, n_participants, sigma2, tau2, icc, reml, singular, df_method``, and with
    random slopes ``var_intercept, var_slope, cor_intercept_slope``; with sites ``tau2_site,
    tau2_participant``), ``plot()`` the trajectory of the model-based means per wave.
    """

    def __init__(self, rows, title="", notes=None, info=None, means=None):
        super().__init__(rows, title=title, notes=notes)
        self.info = info or {}
        self.means = means or []

    def to_dict(self):
        return clean_json(self.rows)

    def variance_components(self):
        import pandas as pd

        i = self.info
        if not i:
            return pd.DataFrame(columns=["group", "term", "variance", "sd", "cor"])
        rows = []
        if i.get("tau2_site") is not None:
            rows.append({"group": "site", "term": "(Intercept)", "variance": i["tau2_site"]})
            rows.append({"group": "site:wave", "term": "(Intercept)",
                         "variance": i["tau2_site_wave"]})
        if i.get("random_slope"):
            rows.append({"group": "participant", "term": "(Intercept)",
                         "variance": i["var_intercept"]})
            rows.append({"group": "participant", "term": "time", "variance": i["var_slope"],
                         "cor": i["cor_intercept_slope"]})
        else:
            rows.append({"group": "participant", "term": "(Intercept)",
                         "variance": i.get("tau2_participant", i["tau2"])})
        rows.append({"group": "residual", "term": "", "variance": i["sigma2"]})
        frame = pd.DataFrame(rows)
        frame["sd"] = frame["variance"].clip(lower=0) ** 0.5
        return frame[[c for c in ("group", "term", "variance", "sd", "cor") if c in frame]]

    def plot(self, ax=None):
        """Trajectory: model-based mean per wave (intercept + wave effect) with its CI."""
        from ..plots.errorbar import errorbar_plot

        return errorbar_plot(self.means, x="wave", y="mean", low="ci_low", high="ci_high",
                             group="arm", title=self.title, ax=ax)


def _reference_group(levels, reference):
    if reference is not None:
        return reference
    for level in levels:
        if str(level).strip().lower() in _CONTROL_NAMES:
            return level
    return sorted(levels, key=str)[0]


def wave_order(values, waves=None, *, wave_col="wave"):
    """The time order of the waves: ``waves`` as given, else an order the labels fix themselves.

    Without ``waves`` the order is taken only where it is unambiguous: the categories of an
    ordered categorical column, numbers (``0, 1, 2``), or one common prefix with integers
    (``T0 .. T10``, read as numbers, so T10 follows T9). Anything else (``pre, post, fu``) is
    an :class:`impact.errors.InputError` asking for ``waves=``: a text sort would silently put
    "fu" first. A wave in ``waves`` that the data do not have is an error naming both lists.
    """
    import re

    import pandas as pd

    from ..errors import InputError

    present = [str(v) for v in pd.unique(pd.Series(values).dropna().astype(str))]
    if waves is not None:
        waves = [str(w) for w in waves]
        unknown = [w for w in waves if w not in present]
        if unknown:
            raise InputError(f"wave(s) {', '.join(map(repr, unknown))} not in column "
                             f"'{wave_col}'; the data have {', '.join(map(repr, present))}",
                             column=wave_col, rule="waves")
        return waves
    series = pd.Series(values)
    if isinstance(series.dtype, pd.CategoricalDtype) and series.dtype.ordered:
        return [str(c) for c in series.cat.categories if str(c) in present]
    try:
        nums = [float(v) for v in present]
        return [v for _, v in sorted(zip(nums, present))]
    except ValueError:
        pass
    parts = [re.fullmatch(r"(\D*?)(\d+)", v) for v in present]
    if all(parts) and len({m.group(1) for m in parts}) == 1 and \
            len({int(m.group(2)) for m in parts}) == len(parts):
        return [v for _, v in sorted(zip((int(m.group(2)) for m in parts), present))]
    raise InputError(f"the order of the waves {', '.join(map(repr, present))} in column "
                     f"'{wave_col}' is ambiguous: pass waves=[...] in time order (the protocol's "
                     f"`waves`)", column=wave_col, rule="wave order")


def check_columns(frame, columns, what="column"):
    """Raise :class:`impact.errors.InputError` naming each missing column and those that exist."""
    from ..errors import InputError

    missing = [c for c in columns if c and c not in frame.columns]
    if missing:
        import difflib

        hints = []
        for c in missing:
            close = difflib.get_close_matches(str(c), [str(x) for x in frame.columns], n=1)
            hints.append(f"'{c}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        raise InputError(f"{what} {', '.join(hints)} not in the data; it has "
                         f"{', '.join(map(str, frame.columns))}", column=str(missing[0]),
                         rule="columns")


def mixed_model(scores, outcome, *, waves=None, baseline=None, id_col="participant_id",
                wave_col="wave", group_col=None, reference_group=None, random_slope=False,
                site_col=None, times=None, level=0.95, df="satterthwaite",
                min_participants=10) -> MixedModelResult:
    """Linear mixed model of an outcome over waves (REML): a random intercept per participant,
    optionally a random slope, and optionally a site level (participants within sites).

    Parameters
    ----------
    scores : pandas.DataFrame
        Long frame, one row per participant and wave.
    outcome : str
        Score column.
    waves : list of str, optional
        Wave labels in time order (the protocol's ``waves``); rows of other waves are ignored.
        Without it the order must follow from the labels (see :func:`wave_order`): numbers, an
        ordered categorical, or ``T0 .. T10``; otherwise an error asks for it. A listed wave that
        the data lack is an error.
    baseline : str, optional
        Reference wave (default: the first wave).
    group_col : str, optional
        Column with two arms (intervention / comparison): adds the group main effect and the
        group x wave interaction (a controlled design).
    reference_group : str, optional
        The comparison arm; default a level named control/comparison/controle/wachtlijst..., else
        the first in sort order.
    random_slope : bool
        Add a random slope of time per participant (correlated with the intercept), exact
        profiled REML (:class:`impact.stats._lmm.SlopeModel`). The model asked for is the
        model fitted: a singular fit (a variance of ~0 or a correlation of +/-1, lme4's
        ``isSingular``) keeps the random slope, as lme4 does, with ``info["singular"]``, a note
        and a :class:`SingularFitWarning`; only a REML fit that does not converge falls back to
        the random intercept, with a note and a :class:`ModelChangeWarning`.
    site_col : str, optional
        Site column: participants nested within sites, with a random intercept per site and per
        site x wave cell (sites may differ in level and in change):
        ``(1 | site) + (1 | site:wave) + (1 | site:participant)``. Together with
        ``random_slope=True`` it is refused (InputError): that model is not implemented.
    times : mapping or list, optional
        Time of each wave for the random slope (e.g. weeks); default the wave index 0, 1, 2...
    level : float
        Confidence level.
    df : {"satterthwaite", "kenward-roger", "residual"}
        Degrees of freedom for tests and intervals: Satterthwaite (as lmerTest), Kenward-Roger
        (as lmerTest ``ddf = "Kenward-Roger"`` / pbkrtest: adjusted SEs too; with a site level
        only up to 3,000 scores per site) or ``N - p``.
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

    Notes
    -----
    Model: ``y_it = b0 + sum_k beta_k [wave = k] (+ gamma [group] + delta_k [group][wave = k])
    + u_i (+ v_i t) (+ s_site) + e_it``, wave categorical, REML. Missing data: every observed
    score is used (valid under missing at random given the observed scores), so participants
    with only some waves contribute. A duplicated participant x wave row is an error.

    Degrees of freedom: Satterthwaite as ``lmerTest`` (numDeriv Hessian of the REML deviance in
    lme4's ``(theta, sigma)``), t-based p-values and intervals. With a zero random-intercept
    variance (singular fit) the model is ordinary least squares and the residual df are used.

    References
    ----------
    Bates D et al. (2015). J Stat Softw 67(1). doi:10.18637/jss.v067.i01.
    Kuznetsova A et al. (2017). J Stat Softw 82(13). doi:10.18637/jss.v082.i13.
    Kenward MG, Roger JH (1997). Biometrics 53:983-997. Halekoh U, Hojsgaard S (2014). J Stat
    Softw 59(9) (pbkrtest).

    Examples
    --------
    >>> import pandas as pd, impact
    >>> d = pd.DataFrame({"participant_id": [1, 1, 1, 2, 2, 2, 3, 3, 3],
    ...                   "wave": ["T0", "T1", "T2"] * 3,
    ...                   "y": [10, 12, 13, 8, 9, 12, 11, 12, 15.0]})
    >>> impact.mixed_model(d, "y", waves=["T0", "T1", "T2"]).to_frame()[["term", "estimate"]]
      term  estimate
    0   T1  1.333333
    1   T2  3.666667

    R: ``lmerTest::lmer(y ~ wave + (1 | participant_id), data, REML = TRUE)``; with
    ``random_slope=True`` ``(1 + time | participant_id)``; with ``site_col``
    ``(1 | site) + (1 | site:wave) + (1 | site:participant_id)``.
    """
    import pandas as pd
    from . import _dist as stats
    from ._blas import scipy_blas_single_thread

    from ..errors import InputError

    notes: list[str] = []
    check_columns(scores, [outcome, id_col, wave_col, group_col, site_col])
    if df not in ("satterthwaite", "kenward-roger", "residual"):
        raise InputError(f"df={df!r}: use 'satterthwaite', 'kenward-roger' or 'residual'",
                         rule="df")
    waves = wave_order(scores[wave_col], waves, wave_col=wave_col)
    baseline = waves[0] if baseline is None else str(baseline)
    if baseline not in waves:
        raise InputError(f"baseline {baseline!r} is not one of the waves "
                         f"{', '.join(map(repr, waves))}", column=wave_col, rule="baseline")
    cols_needed = list(dict.fromkeys(c for c in (id_col, wave_col, outcome, group_col, site_col)
                                     if c))
    frame = scores[cols_needed].copy()
    frame[wave_col] = frame[wave_col].astype(str)
    frame = frame[frame[wave_col].isin(waves)]
    dup = frame.duplicated([id_col, wave_col])
    if dup.any():
        first = frame[dup].iloc[0]
        raise InputError(f"participant '{first[id_col]}' has more than one row at wave "
                         f"{first[wave_col]!r} ({int(dup.sum())} duplicated participant x wave "
                         f"rows): one row per participant and wave",
                         column=id_col, rule="duplicates")
    values = pd.to_numeric(frame[outcome], errors="coerce")
    if np.isinf(values).any():
        raise InputError(f"column '{outcome}' holds an infinite value (row "
                         f"{int(np.flatnonzero(np.isinf(values.to_numpy()))[0])} of the "
                         f"frame); scores must be finite", column=outcome, rule="finite")
    frame[outcome] = values
    frame = frame[frame[outcome].notna()]
    if group_col:
        frame = frame[frame[group_col].notna()]
    if site_col:
        frame = frame[frame[site_col].notna()]
    seen = set(frame[wave_col].unique())
    present = [w for w in waves if w in seen]
    title = f"Mixed model of {outcome}"
    if baseline not in present:
        notes.append(f"{outcome}: no observation at baseline {baseline}; no mixed model")
        return MixedModelResult([], title, notes)
    others = [w for w in present if w != baseline]
    missing = [w for w in waves if w not in present]
    if missing:
        notes.append(f"{outcome}: no observation at wave(s) {', '.join(missing)}")
    codes, uniq = pd.factorize(frame[id_col])
    n_part = len(uniq)
    if not others or n_part < 2:
        notes.append(f"{outcome}: a mixed model needs observations at two or more waves from two "
                     f"or more participants")
        return MixedModelResult([], title, notes)
    w = frame[wave_col].to_numpy()
    cols = {"(Intercept)": np.ones(len(frame))}
    for wave in others:
        cols[wave] = (w == wave).astype(float)
    arm = ref = None
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
    if times is None:
        tmap = {wv: float(i) for i, wv in enumerate(waves)}
    elif isinstance(times, dict):
        tmap = {str(k): float(v) for k, v in times.items()}
    else:
        tmap = {wv: float(t) for wv, t in zip(waves, times)}
    fit = None
    if random_slope and site_col:
        # refused, not silently simplified: the model asked for is the model fitted
        raise InputError("random_slope=True together with site_col is not available (a random "
                         "slope per participant within sites is not implemented); fit one of "
                         "the two: random_slope=True without site_col, or site_col without "
                         "random_slope", column=site_col, rule="the model asked for is fitted")
    if site_col:
        wave_codes = np.full(len(w), -1, dtype=np.int64)
        for i, wv in enumerate(present):       # every row is at one of the present waves
            wave_codes[w == wv] = i
        with scipy_blas_single_thread():     # L-BFGS-B on 3 parameters: see _blas
            fit = _fit_nested(y, X, codes, frame[site_col].to_numpy(), wave_codes, df, notes,
                              outcome)
    elif random_slope:
        with scipy_blas_single_thread():
            fit = _fit_slope(y, X, frame[wave_col].map(tmap).to_numpy(float), codes, df, notes,
                             outcome)
    if fit is None:
        fit = fit_random_intercept(y, X, codes, df="residual" if df == "residual" else
                                   "satterthwaite")
        fit["df_method"] = df if not fit["singular"] else "residual"
        if df == "kenward-roger" and not fit["singular"]:
            from ._lmm import kenward_roger

            covA, dfs = kenward_roger(X, np.ones(len(y)), codes, np.array([[fit["tau2"]]]),
                                      fit["sigma2"])
            fit["se"], fit["df"] = np.sqrt(np.diag(covA)), dfs
        if fit["singular"]:
            notes.append(f"{outcome}: the random-intercept variance is estimated as zero "
                         f"(singular fit); the model reduces to least squares")
    if fit["sigma2"] <= 1e-6 * float(np.var(y)) or not np.var(y) > 0:
        # The fixed and random effects reproduce every score: the residual variance is 0 (up to
        # the optimiser's bound), so SEs, tests and intervals are not defined.
        notes.append(f"{outcome}: the model fits the data perfectly (residual variance 0); "
                     f"standard errors, tests and intervals are undefined")
        fit["se"] = np.full(len(fit["beta"]), math.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
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
    info = {"outcome": outcome, "baseline": baseline, "waves": present, "n_obs": int(fit["n_obs"]),
            "n_participants": int(n_part), "sigma2": fit["sigma2"], "tau2": fit["tau2"],
            "icc": fit["icc"], "reml": fit.get("reml"), "singular": bool(fit["singular"]),
            "df_method": fit.get("df_method", df if not fit["singular"] else "residual"),
            "intercept": float(fit["beta"][0]), "random_slope": bool(fit.get("random_slope"))}
    for key in ("var_intercept", "var_slope", "cor_intercept_slope", "tau2_site",
                "tau2_site_wave", "tau2_participant", "n_sites"):
        if key in fit:
            info[key] = fit[key]
    means = _trajectory(fit, names, present, baseline, arm, ref, level)
    return MixedModelResult(rows, title, notes, info, means)


def _trajectory(fit, names, waves, baseline, arm, ref, level):
    """Model-based mean per wave (and arm): ``L beta`` with its normal-approximation CI."""
    from . import _dist as stats

    cov = fit.get("cov_adj", fit["cov"])
    beta = fit["beta"]
    z = stats.norm.ppf(1 - (1 - level) / 2)
    idx = {n: j for j, n in enumerate(names)}
    out = []
    for a in ([None] if arm is None else [ref, arm]):
        for wv in waves:
            ell = np.zeros(len(names))
            ell[0] = 1
            if wv != baseline:
                ell[idx[wv]] = 1
            if a is not None and a == arm:
                ell[idx[f"group {arm}"]] = 1
                if wv != baseline:
                    ell[idx[f"{wv} x {arm}"]] = 1
            m = float(ell @ beta)
            se = float(np.sqrt(max(ell @ cov @ ell, 0.0)))
            out.append({"wave": wv, "arm": "" if a is None else str(a), "mean": m, "se": se,
                        "ci_low": m - z * se, "ci_high": m + z * se})
    return out


def _fit_slope(y, X, time, codes, df, notes, outcome):
    """Random intercept and slope by exact profiled REML, kept when singular (as lme4);
    ``None`` (with a note and a :class:`ModelChangeWarning`) only when REML did not converge."""
    from ._lmm import SlopeModel, kenward_roger, satterthwaite_df

    centre, spread = float(y.mean()), float(y.std()) or 1.0
    m = SlopeModel((y - centre) / spread, X, time, codes).fit()
    if not m.converged:
        message = (f"{outcome}: the random-slope REML fit did not converge; the model fitted is "
                   f"the random-intercept model, not the random-slope model asked for")
        notes.append(message)
        warnings.warn(message, ModelChangeWarning, stacklevel=3)
        return None
    if m.singular:
        # as lme4: the random-slope model is kept, and the boundary fit is said
        message = (f"{outcome}: the random-slope fit is singular (a variance of ~0 or a "
                   f"correlation of +/-1: lme4's 'boundary (singular) fit'); the random-slope "
                   f"model is kept, as lme4 keeps it, but its variance components are at "
                   f"their bound")
        notes.append(message)
        warnings.warn(message, SingularFitWarning, stacklevel=3)
    beta = m.beta * spread
    beta[0] += centre                       # column 0 is the intercept
    cov = m.cov * spread ** 2
    Psi = m.Psi * spread ** 2
    s2 = m.sigma2 * spread ** 2
    if df == "kenward-roger":
        cov_adj, dfs = kenward_roger(X, np.column_stack([np.ones_like(time), time]), codes, Psi, s2)
        se = np.sqrt(np.diag(cov_adj))
    elif df == "residual":
        dfs, se, cov_adj = np.full(m.p, float(m.N - m.p)), np.sqrt(np.diag(cov)), cov
    else:
        dfs, se, cov_adj = satterthwaite_df(m), np.sqrt(np.diag(cov)), cov
    cor = Psi[0, 1] / math.sqrt(Psi[0, 0] * Psi[1, 1])
    return {"beta": beta, "se": se, "df": dfs, "cov": cov, "cov_adj": cov_adj, "sigma2": s2,
            "tau2": float(Psi[0, 0]), "icc": float(Psi[0, 0] / (Psi[0, 0] + s2)),
            "reml": m.reml + (m.N - m.p) * 2 * math.log(spread), "n_obs": m.N,
            "singular": bool(m.singular), "df_method": df, "random_slope": True,
            "var_intercept": float(Psi[0, 0]), "var_slope": float(Psi[1, 1]),
            "cor_intercept_slope": float(cor)}


def _fit_nested(y, X, codes, sites, wave_codes, df, notes, outcome):
    """Participants nested in sites, ``(1 | site) + (1 | site:wave) + (1 | site:participant)``
    (REML, Satterthwaite): sites may differ in level and in change."""
    import pandas as pd

    from ._lmm import NestedModel, satterthwaite_df

    site_codes, site_levels = pd.factorize(sites)
    per_participant = pd.Series(site_codes).groupby(codes).nunique()
    if (per_participant > 1).any():
        from ..errors import InputError

        raise InputError("a participant appears at more than one site; the site level needs "
                         "participants nested within sites", rule="nesting")
    part_site = np.zeros(codes.max() + 1, dtype=int)
    part_site[codes] = site_codes
    if len(site_levels) < 2:
        notes.append(f"{outcome}: one site only; no site level")
        return None
    if len(site_levels) < 5:
        notes.append(f"{outcome}: only {len(site_levels)} sites; the site variance is poorly "
                     f"determined")
    centre, spread = float(y.mean()), float(y.std()) or 1.0
    m = NestedModel((y - centre) / spread, X, codes, site_codes, wave_codes).fit()
    beta = m.beta * spread
    beta[0] += centre
    cov = m.cov * spread ** 2
    se = np.sqrt(np.diag(cov))
    df_used = df
    largest = int(np.bincount(site_codes).max())
    if df == "kenward-roger" and largest > _KR_MAX_BLOCK:
        notes.append(f"{outcome}: Kenward-Roger with a site level needs one {largest} x "
                     f"{largest} matrix per site (more than {_KR_MAX_BLOCK} scores at a site); "
                     f"Satterthwaite df used")
        df_used = "satterthwaite"
    if df_used == "residual":
        dfs = np.full(m.p, float(m.N - m.p))
    elif df_used == "kenward-roger":
        from ._lmm import kenward_roger_sites

        s2_, tp_, ts_, tsw_ = (v * spread ** 2 for v in (m.sigma2, m.tau2_participant,
                                                          m.tau2_site, m.tau2_site_wave))
        cov_adj, dfs = kenward_roger_sites(X, codes, site_codes, wave_codes, tp_, ts_, tsw_, s2_)
        se = np.sqrt(np.diag(cov_adj))
    else:
        dfs = satterthwaite_df(m)
    if m.singular:
        notes.append(f"{outcome}: a site, site x wave or participant variance is estimated as "
                     f"zero (singular fit, as lme4's isSingular); with few sites the site "
                     f"variances are poorly determined")
    s2 = m.sigma2 * spread ** 2
    tp, ts = m.tau2_participant * spread ** 2, m.tau2_site * spread ** 2
    tsw = m.tau2_site_wave * spread ** 2
    return {"beta": beta, "se": se, "df": dfs, "cov": cov, "sigma2": s2, "tau2": tp,
            "tau2_site_wave": tsw,
            "icc": (tp + ts) / (tp + ts + s2), "reml": m.reml + (m.N - m.p) * 2 * math.log(spread),
            "n_obs": m.N, "singular": m.singular, "df_method": df_used,
            "tau2_site": ts, "tau2_participant": tp, "n_sites": int(len(site_levels))}
