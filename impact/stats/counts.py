"""Count models of monthly referrals: Poisson or negative binomial trend with a rate ratio per year.

A ground-floor module: it takes arrays and knows nothing of files, protocols or reports.

Model (one row per calendar month ``t = 0 .. T-1``, count ``y_t``)::

    log E[y_t] = b0 + b1 * t / 12                                  (trend)
    log E[y_t] = b0 + b1 * t / 12 + b2 * post_t + b3 * (t - t_b) / 12 * post_t   (with a break)

``exp(b1)`` is the rate ratio per year (before the break, when there is one); ``exp(b2)`` the
level change at the break and ``exp(b3)`` the change in the yearly rate ratio after it (an
interrupted time series, segmented regression; Wagner et al. 2002, J Clin Pharm Ther 27:299).

Poisson by iteratively reweighted least squares (statsmodels GLM), as R
``glm(y ~ t, family = poisson)``. Overdispersion: likelihood-ratio test of the negative binomial
against the Poisson model, ``LR = 2 (logL_NB - logL_P)``, p = ``pchisq(LR, 1, lower = FALSE) / 2``
(the boundary test of ``pscl::odTest``). When p < ``alpha_overdispersion`` (default 0.05) the
negative binomial (NB2, ``Var = mu + mu^2 / theta``) is reported, as ``MASS::glm.nb``: theta by
maximum likelihood alternating with IRLS for the coefficients, standard errors from the Fisher
information with theta fixed (what ``summary(glm.nb)`` prints).

Intervals: for the Poisson model the Wald interval ``exp(b +/- z_{0.975} se)`` as
``exp(confint.default(fit))``, p the Wald z test of ``summary(fit)``. For the negative binomial
the profile-likelihood interval with theta re-estimated at each value and an F(1, n - p - 1)
reference, p the same likelihood ratio at 0 (:func:`nb_profile_interval`): the Wald interval of
``summary(glm.nb)`` treats the estimated theta as known and covered 92.8% instead of 95% in 36
months of simulated registers (docs/validation.md); it is kept as ``wald_ci_low``,
``wald_ci_high``, ``wald_p``.

Missing data: months without referrals are zeros (every calendar month from the first to the
last is a row); a missing count (NaN) is an error, not a zero.
"""

from __future__ import annotations

import math

import numpy as np

from .._result import DictResult

__all__ = ["count_trend", "CountTrendResult", "poisson_glm", "negbin_glm", "nb_profile_interval"]


def _design(n, break_index=None):
    t = np.arange(n, dtype=float) / 12.0
    cols = [np.ones(n), t]
    names = ["(Intercept)", "year"]
    if break_index is not None:
        post = (np.arange(n) >= break_index).astype(float)
        cols += [post, post * (np.arange(n) - break_index) / 12.0]
        names += ["break_level", "break_slope"]
    return np.column_stack(cols), names


def poisson_glm(y, X) -> dict:
    """Poisson GLM with log link by IRLS (``glm(family = poisson)``): coefficients, SEs, logL.

    Returns ``{"coef", "se", "loglik", "pearson_chi2", "df_resid", "converged"}``.
    """
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM   # not statsmodels.api: 0.17 s

    fit = _fit(GLM(np.asarray(y, float), X, family=families.Poisson()), tol=1e-12, maxiter=200)
    return {"coef": np.asarray(fit.params), "se": np.asarray(fit.bse), "loglik": float(fit.llf),
            "pearson_chi2": float(fit.pearson_chi2), "df_resid": float(fit.df_resid),
            "deviance": float(fit.deviance), "converged": bool(fit.converged)}


def _fit(model, **kwargs):
    """``model.fit(**kwargs)`` without statsmodels' PerfectSeparationWarning: for counts it says
    that the model fits every count exactly (a register with one referral a month), which leaves
    the estimates and their intervals as they are, and a command prints its own lines only."""
    import warnings

    from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        return model.fit(**kwargs)


def _nb_loglik(y, mu, theta):
    from scipy.special import gammaln

    return float(np.sum(gammaln(theta + y) - gammaln(theta) - gammaln(y + 1)
                        + theta * np.log(theta / (theta + mu)) + y * np.log(mu / (theta + mu))))


def _theta_ml(y, mu, theta0=None, maxit=100, tol=1e-12):
    """ML of theta given mu by Newton's method on the score (as ``MASS::theta.ml``)."""
    from scipy.special import digamma, polygamma

    n = len(y)
    old = np.seterr(all="ignore")
    try:
        # (counts the model fits exactly give an infinite start: no overdispersion, as in MASS)
        theta = theta0 if theta0 else n / np.sum((y / mu - 1.0) ** 2)
        theta = max(theta, 1e-8)
        return _theta_newton(y, mu, theta, maxit, tol)
    finally:
        np.seterr(**old)


def _theta_newton(y, mu, theta, maxit, tol):
    from scipy.special import digamma, polygamma

    for _ in range(maxit):
        score = np.sum(digamma(theta + y) - digamma(theta) + math.log(theta) + 1
                       - np.log(theta + mu) - (y + theta) / (mu + theta))
        info = np.sum(-polygamma(1, theta + y) + polygamma(1, theta) - 1 / theta
                      + 2 / (mu + theta) - (y + theta) / (mu + theta) ** 2)
        if not np.isfinite(score) or not np.isfinite(info) or info == 0:
            return math.inf  # theta runs off: no overdispersion
        new = theta + score / info
        if new > 1e10:
            return math.inf
        if new <= 0:
            new = theta / 2
        if abs(new - theta) < tol * max(1.0, theta):
            theta = new
            break
        theta = new
    return float(theta)


def negbin_glm(y, X, maxit=200) -> dict:
    """Negative binomial (NB2) GLM with log link, as ``MASS::glm.nb``.

    Theta by ML alternating with IRLS for the coefficients at fixed theta until both settle;
    SEs from the IRLS (Fisher) information at the final theta, as ``summary(glm.nb(...))``.
    Returns the keys of :func:`poisson_glm` plus ``theta``; ``theta`` is ``inf`` (and the Poisson
    fit is returned) when the data show no overdispersion at all.
    """
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    y = np.asarray(y, float)
    pois = poisson_glm(y, X)
    mu = np.exp(X @ pois["coef"])
    theta = _theta_ml(y, mu)
    coef = pois["coef"]
    fit = None
    for _ in range(maxit):
        if not np.isfinite(theta) or theta > 1e8:
            out = dict(pois)
            out["theta"] = math.inf
            return out
        fam = families.NegativeBinomial(alpha=1.0 / theta)
        fit = _fit(GLM(y, X, family=fam), start_params=coef, tol=1e-13, maxiter=200)
        new_coef = np.asarray(fit.params)
        mu = np.exp(X @ new_coef)
        new_theta = _theta_ml(y, mu, theta)
        done = (np.max(np.abs(new_coef - coef)) < 1e-12
                and abs(new_theta - theta) < 1e-10 * max(1.0, theta))
        coef, theta = new_coef, new_theta
        if done:
            break
    fam = families.NegativeBinomial(alpha=1.0 / theta)
    fit = _fit(GLM(y, X, family=fam), start_params=coef, tol=1e-14, maxiter=200)
    mu = np.exp(X @ np.asarray(fit.params))
    return {"coef": np.asarray(fit.params), "se": np.asarray(fit.bse),
            "loglik": _nb_loglik(y, mu, theta), "pearson_chi2": float(fit.pearson_chi2),
            "df_resid": float(fit.df_resid), "deviance": float(fit.deviance),
            "converged": bool(fit.converged), "theta": float(theta)}


def _nb_profile_max(y, X, j, value, start):
    """Maximum of the NB2 log-likelihood with coefficient ``j`` fixed at ``value``.

    Maximised over the other coefficients and ``phi = log(theta)`` by Newton's method with the
    exact Hessian (scipy ``trust-exact``), started at ``start`` (the other coefficients, then
    phi). Returns ``(loglik, argmax)``.
    """
    from scipy import optimize
    from scipy.special import digamma, gammaln, polygamma

    y = np.asarray(y, float)
    keep = [k for k in range(X.shape[1]) if k != j]
    Z, offset = X[:, keep], X[:, j] * value
    const = gammaln(y + 1).sum()
    phi_max = math.log(1e8)         # beyond this the NB is the Poisson model to 1e-8

    def parts(params):
        beta, phi = params[:-1], min(params[-1], phi_max)
        theta = math.exp(phi)
        mu = np.exp(Z @ beta + offset)
        tm = theta + mu
        ll = (np.sum(gammaln(theta + y) - gammaln(theta) + theta * (phi - np.log(tm))
                     + y * (np.log(mu) - np.log(tm))) - const)
        g_eta = theta * (y - mu) / tm
        g_theta = np.sum(digamma(theta + y) - digamma(theta) + phi + 1 - np.log(tm)
                         - (theta + y) / tm)
        h_eta = -theta * mu * (theta + y) / tm ** 2
        h_eta_theta = (y - mu) * mu / tm ** 2
        h_theta = np.sum(polygamma(1, theta + y) - polygamma(1, theta) + 1 / theta - 2 / tm
                         + (theta + y) / tm ** 2)
        grad = np.append(Z.T @ g_eta, theta * g_theta)
        hess = np.empty((len(params), len(params)))
        hess[:-1, :-1] = (Z.T * h_eta) @ Z
        hess[:-1, -1] = hess[-1, :-1] = theta * (Z.T @ h_eta_theta)
        hess[-1, -1] = theta ** 2 * h_theta + theta * g_theta
        return ll, grad, hess

    cache = {}

    def get(params):
        key = params.tobytes()
        if key not in cache:
            cache.clear()
            cache[key] = parts(params)
        return cache[key]

    def climb(x0):
        return optimize.minimize(lambda p: -get(p)[0], x0, method="trust-exact",
                                 jac=lambda p: -get(p)[1], hess=lambda p: -get(p)[2],
                                 options={"gtol": 1e-10, "maxiter": 200})

    start = np.asarray(start, float)
    res = climb(start)
    # a start near the Poisson limit (theta in the thousands or more) sits on a plateau where the
    # likelihood hardly moves with phi, and Newton's steps can stop there although the maximum
    # at this coefficient has a moderate theta (seen: theta 2.5e7 at the fit, the profile's
    # maximum at theta 20, 0.25 higher in deviance): climb from a moderate theta as well and
    # keep the higher maximum
    if start[-1] > math.log(100.0):
        other = climb(np.append(start[:-1], math.log(10.0)))
        if other.fun < res.fun:
            res = other
    return -float(res.fun), res.x


def nb_profile_interval(y, X, fit, j, *, level=0.95):
    """Profile-likelihood interval and LR test of coefficient ``j`` of an NB2 fit.

    At each value ``b`` of the coefficient the log-likelihood is maximised over the other
    coefficients *and theta*, so the interval accounts for theta being estimated (the Wald
    interval of ``summary(glm.nb)`` treats it as known and covers less than its level in short
    series: 92.8% for 95% with 36 months in docs/validation.md). The limits solve
    ``2 (logL_max - logL_profile(b)) = F_{1, n - p - 1}(level)``, the small-sample reference
    of profile intervals in nonlinear regression (Bates & Watts 1988, *Nonlinear regression
    analysis and its applications*, sec. 6.1; Venzon & Moolgavkar 1988, *Appl Stat* 37:87), with
    ``p`` coefficients plus theta estimated. The p-value is the same likelihood ratio at ``b = 0``
    against that F distribution, so the interval excludes 0 exactly when p < 1 - level.

    Returns ``(low, high, p)`` on the coefficient's (log) scale.

    R equivalent (``t`` = month index / 12; coefficient ``t``)::

        fit <- MASS::glm.nb(y ~ t)
        prof <- function(b) as.numeric(logLik(MASS::glm.nb(y ~ 1 + offset(b * t))))
        crit <- qf(0.95, 1, length(y) - 3)
        f <- function(b) 2 * (as.numeric(logLik(fit)) - prof(b)) - crit
        uniroot(f, coef(fit)["t"] + c(0, 5) * sqrt(vcov(fit)["t", "t"]), tol = 1e-12)$root
        pf(2 * (as.numeric(logLik(fit)) - prof(0)), 1, length(y) - 3, lower.tail = FALSE)
    """
    from scipy import optimize

    from . import _dist as stats

    y = np.asarray(y, float)
    n, k = X.shape
    df = n - k - 1
    coef, se = np.asarray(fit["coef"], float), float(fit["se"][j])
    b_hat, l_max = float(coef[j]), float(fit["loglik"])
    crit = float(stats.f.ppf(level, 1, df))
    start = np.append(np.delete(coef, j), math.log(fit["theta"]))

    def deviance(b):
        nonlocal start
        ll, arg = _nb_profile_max(y, X, j, b, start)
        start = arg
        return max(0.0, 2 * (l_max - ll))

    def limit(direction):
        nonlocal start
        start = np.append(np.delete(coef, j), math.log(fit["theta"]))
        step = 2.0 * se * math.sqrt(crit)
        inner, outer = b_hat, b_hat + direction * step
        while deviance(outer) < crit:
            inner, outer = outer, outer + direction * step
            step *= 2
            if step > 1e3:
                return math.nan
        return optimize.brentq(lambda b: deviance(b) - crit, min(inner, outer),
                               max(inner, outer), xtol=1e-13, rtol=4 * np.finfo(float).eps)

    low, high = limit(-1), limit(+1)
    start = np.append(np.delete(coef, j), math.log(fit["theta"]))
    p = float(stats.f.sf(deviance(0.0), 1, df))
    return low, high, p


class CountTrendResult(DictResult):
    """A count-model trend: ``rate_ratio_per_year, ci_low, ci_high, p, model`` and more.

    ``to_dict()`` gives the ``referrals.trend`` object of DESIGN.md; ``terms`` every coefficient.
    """

    title = "Trend in monthly counts"

    def __init__(self, data: dict, terms: list[dict], notes: list[str]):
        super().__init__(data)
        self.terms = terms
        self.notes = notes

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.terms)

    def summary(self) -> str:
        d = self.data
        if d.get("rate_ratio_per_year") is None:
            return "No trend: " + "; ".join(self.notes)
        return (f"{d['model']} model: rate ratio per year {d['rate_ratio_per_year']:.3f} "
                f"(95% CI {d['ci_low']:.3f} to {d['ci_high']:.3f}), p = {d['p']:.3g}")


def count_trend(counts, *, break_index: int | None = None, model: str = "auto",
                alpha_overdispersion: float = 0.05, level: float = 0.95) -> CountTrendResult:
    """Trend in monthly counts: rate ratio per year from a Poisson or negative binomial GLM.

    Parameters
    ----------
    counts : array-like of int
        One count per consecutive calendar month (zeros included), oldest first.
    break_index : int, optional
        Index of the first month after a break (interrupted time series): adds a level and a
        slope change. Must leave at least three months on either side.
    model : {"auto", "poisson", "negbin"}
        ``auto`` (default) chooses the negative binomial when the overdispersion test is
        significant at ``alpha_overdispersion``.
    level : float
        Confidence level of the intervals.

    Returns
    -------
    CountTrendResult
        ``rate_ratio_per_year, ci_low, ci_high, p, model`` (``poisson`` or ``negative_binomial``),
        ``interval`` (``wald`` or ``profile_likelihood_f``), ``wald_ci_low, wald_ci_high, wald_p``,
        ``months``, ``total``, ``theta`` (NB), ``dispersion`` (Pearson chi2 / df of the Poisson
        fit), ``overdispersion_lr``, ``overdispersion_p``, and with a break ``break_level_ratio,
        break_level_ci_low, break_level_ci_high, break_level_p, break_slope_ratio,
        break_slope_ci_low, break_slope_ci_high, break_slope_p``. Fewer than 6 months, or no count
        at all, gives nulls with a note.

    Notes
    -----
    R equivalent (``t`` = month index / 12)::

        fit <- glm(y ~ t, family = poisson)            # or MASS::glm.nb(y ~ t)
        exp(coef(fit)["t"]); exp(confint.default(fit)["t", ])
        summary(fit)$coefficients["t", "Pr(>|z|)"]
        # negative binomial interval and p: see nb_profile_interval
    """
    from . import _dist as stats

    y = np.asarray(counts, dtype=float)
    notes: list[str] = []
    empty = {"rate_ratio_per_year": None, "ci_low": None, "ci_high": None, "p": None,
             "model": None, "months": int(len(y)), "total": int(np.nansum(y)) if len(y) else 0}
    if np.isnan(y).any() or (y < 0).any() or (np.floor(y) != y).any():
        raise ValueError("counts must be whole numbers >= 0 without missing values")
    if len(y) < 6:
        notes.append(f"a trend needs at least 6 months of counts; there are {len(y)}")
        return CountTrendResult(empty, [], notes)
    if y.sum() == 0:
        notes.append("no referrals in any month: no trend")
        return CountTrendResult(empty, [], notes)
    if model not in ("auto", "poisson", "negbin"):
        raise ValueError("model must be auto, poisson or negbin")
    if break_index is not None and not (3 <= break_index <= len(y) - 3):
        notes.append("the break date leaves fewer than 3 months on one side; fitted without it")
        break_index = None
    X, names = _design(len(y), break_index)
    pois = poisson_glm(y, X)
    nb = negbin_glm(y, X)
    lr = max(0.0, 2 * (nb["loglik"] - pois["loglik"])) if math.isfinite(nb["theta"]) else 0.0
    od_p = float(stats.chi2.sf(lr, 1) / 2) if lr > 0 else 1.0
    use_nb = model == "negbin" or (model == "auto" and od_p < alpha_overdispersion)
    if use_nb and not math.isfinite(nb["theta"]):
        notes.append("no overdispersion (theta is infinite): the Poisson model is used")
        use_nb = False
    fit = nb if use_nb else pois
    z = stats.norm.ppf(1 - (1 - level) / 2)
    terms = []
    for j, (name, b, se) in enumerate(zip(names, fit["coef"], fit["se"])):
        pz = float(2 * stats.norm.sf(abs(b / se)))
        term = {"term": name, "estimate": float(b), "se": float(se), "ratio": math.exp(b),
                "wald_ci_low": math.exp(b - z * se), "wald_ci_high": math.exp(b + z * se),
                "wald_p": pz, "interval": "wald"}
        profile = None
        if use_nb and j > 0:
            try:
                profile = nb_profile_interval(y, X, nb, j, level=level)
            except (ValueError, RuntimeError, FloatingPointError, np.linalg.LinAlgError):
                profile = None
            if profile is None or not all(map(math.isfinite, profile)):
                notes.append(f"{name}: the profile-likelihood interval could not be found "
                             f"(the likelihood is too flat); the Wald interval is reported")
                profile = None
        if profile is not None:
            low, high, p = profile
            term.update(ci_low=math.exp(low), ci_high=math.exp(high), p=p,
                        interval="profile_likelihood_f")
        else:
            term.update(ci_low=term["wald_ci_low"], ci_high=term["wald_ci_high"], p=pz)
        terms.append(term)
    year = terms[1]
    data = {"rate_ratio_per_year": year["ratio"], "ci_low": year["ci_low"],
            "ci_high": year["ci_high"], "p": year["p"], "interval": year["interval"],
            "wald_ci_low": year["wald_ci_low"], "wald_ci_high": year["wald_ci_high"],
            "wald_p": year["wald_p"],
            "model": "negative_binomial" if use_nb else "poisson",
            "log_rate_ratio": year["estimate"], "se": year["se"],
            "months": int(len(y)), "total": int(y.sum()),
            "theta": nb["theta"] if use_nb else None,
            "dispersion": pois["pearson_chi2"] / pois["df_resid"],
            "overdispersion_lr": lr, "overdispersion_p": od_p}
    if break_index is not None:
        for key, t in (("break_level", terms[2]), ("break_slope", terms[3])):
            data.update({f"{key}_ratio": t["ratio"], f"{key}_ci_low": t["ci_low"],
                         f"{key}_ci_high": t["ci_high"], f"{key}_p": t["p"]})
        data["break_index"] = int(break_index)
    if use_nb:
        notes.append(f"overdispersion (likelihood-ratio p = {od_p:.3g}): negative binomial "
                     f"model, theta = {nb['theta']:.3g}")
    return CountTrendResult(data, terms, notes)
