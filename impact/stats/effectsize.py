"""Standardised effect sizes of paired (pre/post) change with confidence intervals."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["hedges_j", "dz_ci", "paired_effect_sizes"]


def hedges_j(df: float) -> float:
    """Hedges' exact small-sample correction ``J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))``.

    Notes
    -----
    The exact form of Hedges (1981), as ``effectsize::hedges_g`` uses it (the familiar
    ``1 - 3 / (4 df - 1)`` is its approximation, off by < 1e-3 from df = 5 on).

    References
    ----------
    Hedges LV (1981). J Educ Stat 6:107-128. doi:10.3102/10769986006002107.

    Examples
    --------
    >>> round(impact.hedges_j(11), 5)
    0.92996

    R: ``exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))`` (effectsize's J).
    """
    if df <= 1:
        return math.nan
    return math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2)) - math.lgamma((df - 1) / 2))


def dz_ci(t: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval of ``d_z = t / sqrt(n)`` by inverting the noncentral t (df = n - 1).

    The bounds are ``ncp / sqrt(n)`` with ``P(T_{n-1, ncp} <= t) = 1 - alpha/2`` (lower) and
    ``alpha/2`` (upper) (Steiger and Fouladi 1997; as ``effectsize::cohens_d(paired = TRUE)``).

    Examples
    --------
    R: ``effectsize::cohens_d(followup, baseline, paired = TRUE)$CI_low`` / ``$CI_high``.
    """
    from . import _dist as stats
    from ._roots import brentq   # scipy.optimize.brentq, bit for bit, without its import

    df = n - 1
    alpha = 1 - level

    def cdf(ncp):
        value = stats.nct.cdf(t, df, ncp)
        if np.isnan(value):  # far tails: SciPy's nct can return NaN where the cdf is ~0 or ~1
            return 0.0 if ncp > t else 1.0
        return float(value)

    if np.isnan(stats.nct.cdf(t, df, t)):  # SciPy's nct fails this far out: no interval
        return math.nan, math.nan

    def bound(target):
        f = lambda ncp: cdf(ncp) - target  # noqa: E731
        half = 5 * math.sqrt(1 + t * t / (2 * df)) + 1
        lo, hi = t - half, t + half
        for _ in range(60):
            if f(lo) >= 0:
                break
            lo -= half
        for _ in range(60):
            if f(hi) <= 0:
                break
            hi += half
        if f(lo) < 0 or f(hi) > 0:
            return math.nan
        root = brentq(f, lo, hi, xtol=1e-13, rtol=1e-14)
        step = 1e-6 * max(1.0, abs(root))
        if np.isnan(stats.nct.cdf(t, df, [root - step, root + step])).any():
            return math.nan  # the root sits where SciPy's nct is NaN: not a real bound
        return root

    return bound(1 - alpha / 2) / math.sqrt(n), bound(alpha / 2) / math.sqrt(n)


def paired_effect_sizes(baseline, followup, *, level=0.95) -> dict:
    """d_z, d_av and g_av of paired change with confidence intervals.

    Parameters
    ----------
    baseline, followup : array-like
        Scores of the same participants; incomplete pairs are dropped.
    level : float
        Confidence level.

    Returns
    -------
    dict
        ``n, d_z, d_z_ci, g_z, d_av, d_av_ci, g_av, g_av_ci, notes``; a value that cannot be
        computed (n < 2, zero spread) is None with a note.

    Notes
    -----
    With change ``D = followup - baseline``, ``m = mean(D)``, ``s_D = sd(D)``,
    ``s_av = sqrt((s_pre^2 + s_post^2) / 2)`` and ``t = m / (s_D / sqrt(n))``:

    * ``d_z = m / s_D``; CI from the noncentral t (Steiger and Fouladi 1997).
    * ``d_av = m / s_av`` (Cumming 2012; Lakens 2013). Its CI is the noncentral-t CI of d_z
      rescaled by ``s_D / s_av`` (Algina and Keselman 2003, approximate interval for the
      dependent-samples standardised mean difference).
    * ``g_av = J(n - 1) d_av`` and ``g_av_ci = J(n - 1) d_av_ci`` with Hedges' exact J
      (:func:`hedges_j`), the correction ``effectsize::hedges_g`` applies to its interval too.

    References
    ----------
    Lakens D (2013). Front Psychol 4:863. doi:10.3389/fpsyg.2013.00863.
    Algina J, Keselman HJ (2003). Educ Psychol Meas 63:537-553. doi:10.1177/0013164403256358.
    Steiger JH, Fouladi RT (1997). In: What if there were no significance tests? 221-257.

    Examples
    --------
    >>> es = impact.paired_effect_sizes([20, 18, 25, 30], [15, 17, 20, 22])
    >>> round(es["d_z"], 3), [round(v, 3) for v in es["d_z_ci"]], round(es["g_av"], 3)
    (-1.654, [-3.21, -0.027], -0.783)

    R: ``effectsize::cohens_d(followup, baseline, paired = TRUE)`` gives d_z and its CI;
    ``effectsize::hedges_g(...)`` multiplies by J; d_av and g_av as in ``tests/fixtures/stats.R``.
    """
    x = np.asarray(baseline, dtype=float)
    y = np.asarray(followup, dtype=float)
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep], y[keep]
    n = int(x.size)
    out = {"n": n, "d_z": None, "d_z_ci": None, "g_z": None, "d_av": None, "d_av_ci": None,
           "g_av": None, "g_av_ci": None}
    notes: list[str] = []
    if n < 2:
        notes.append(f"effect sizes need at least 2 pairs, got {n}")
        return {**out, "notes": notes}
    d = y - x
    m = float(d.mean())
    s_d = float(d.std(ddof=1))
    s_av = math.sqrt((float(x.var(ddof=1)) + float(y.var(ddof=1))) / 2)
    J = hedges_j(n - 1)
    if s_av > 0:
        out["d_av"] = m / s_av
        out["g_av"] = out["d_av"] * J if math.isfinite(J) else None
    else:
        notes.append("no spread at baseline or follow-up: d_av and g_av are undefined")
    if s_d == 0:
        notes.append("every participant changed by the same amount: d_z and the intervals are "
                     "undefined")
        return {**out, "notes": notes}
    out["d_z"] = m / s_d
    out["g_z"] = out["d_z"] * J if math.isfinite(J) else None
    t = m / (s_d / math.sqrt(n))
    lo, hi = dz_ci(t, n, level)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo <= out["d_z"] <= hi):
        notes.append(f"the noncentral t cannot be inverted at t = {t:.3g}: no CI for d_z, d_av, g_av")
        return {**out, "notes": notes}
    out["d_z_ci"] = [lo, hi]
    if s_av > 0:
        ratio = s_d / s_av
        out["d_av_ci"] = [lo * ratio, hi * ratio]
        if math.isfinite(J):
            out["g_av_ci"] = [lo * ratio * J, hi * ratio * J]
    if n == 2:
        notes.append("Hedges' J is undefined at df = 1: g is not reported")
    return {**out, "notes": notes}
