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
information with theta fixed (what ``summary(glm.nb)`` prints). Intervals are Wald intervals,
``exp(b +/- z_{0.975} se)`` as ``exp(confint.default(fit))``; p is the Wald z test of
``summary(fit)``.

Missing data: months without referrals are zeros (every calendar month from the first to the
last is a row); a missing count (NaN) is an error, not a zero.
"""

from __future__ import annotations

import math

import numpy as np

from .._result import DictResult

__all__ = ["count_trend", "CountTrendResult", "poisson_glm", "negbin_glm"]


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
    import statsmodels.api as sm

    fit = sm.GLM(np.asarray(y, float), X, family=sm.families.Poisson()).fit(tol=1e-12,
                                                                            maxiter=200)
    return {"coef": np.asarray(fit.params), "se": np.asarray(fit.bse), "loglik": float(fit.llf),
            "pearson_chi2": float(fit.pearson_chi2), "df_resid": float(fit.df_resid),
            "deviance": float(fit.deviance), "converged": bool(fit.converged)}


def _nb_loglik(y, mu, theta):
    from scipy.special import gammaln

    return float(np.sum(gammaln(theta + y) - gammaln(theta) - gammaln(y + 1)
                        + theta * np.log(theta / (theta + mu)) + y * np.log(mu / (theta + mu))))


def _theta_ml(y, mu, theta0=None, maxit=100, tol=1e-12):
    """ML of theta given mu by Newton's method on the score (as ``MASS::theta.ml``)."""
    from scipy.special import digamma, polygamma

    n = len(y)
    theta = theta0 if theta0 else n / np.sum((y / mu - 1.0) ** 2)
    theta = max(theta, 1e-8)
    old = np.seterr(all="ignore")
    try:
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
    import statsmodels.api as sm

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
        fam = sm.families.NegativeBinomial(alpha=1.0 / theta)
        fit = sm.GLM(y, X, family=fam).fit(start_params=coef, tol=1e-13, maxiter=200)
        new_coef = np.asarray(fit.params)
        mu = np.exp(X @ new_coef)
        new_theta = _theta_ml(y, mu, theta)
        done = (np.max(np.abs(new_coef - coef)) < 1e-12
                and abs(new_theta - theta) < 1e-10 * max(1.0, theta))
        coef, theta = new_coef, new_theta
        if done:
            break
    fam = sm.families.NegativeBinomial(alpha=1.0 / theta)
    fit = sm.GLM(y, X, family=fam).fit(start_params=coef, tol=1e-14, maxiter=200)
    mu = np.exp(X @ np.asarray(fit.params))
    return {"coef": np.asarray(fit.params), "se": np.asarray(fit.bse),
            "loglik": _nb_loglik(y, mu, theta), "pearson_chi2": float(fit.pearson_chi2),
            "df_resid": float(fit.df_resid), "deviance": float(fit.deviance),
            "converged": bool(fit.converged), "theta": float(theta)}


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
        Confidence level of the Wald intervals.

    Returns
    -------
    CountTrendResult
        ``rate_ratio_per_year, ci_low, ci_high, p, model`` (``poisson`` or ``negative_binomial``),
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
    """
    from scipy import stats

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
    for name, b, se in zip(names, fit["coef"], fit["se"]):
        pz = float(2 * stats.norm.sf(abs(b / se)))
        terms.append({"term": name, "estimate": float(b), "se": float(se),
                      "ratio": math.exp(b), "ci_low": math.exp(b - z * se),
                      "ci_high": math.exp(b + z * se), "p": pz})
    year = terms[1]
    data = {"rate_ratio_per_year": year["ratio"], "ci_low": year["ci_low"],
            "ci_high": year["ci_high"], "p": year["p"],
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
