"""Effect sizes from what papers report, as metafor's ``escalc`` (SMD, MD, SMCR, SMCC).

All functions take arrays (one element per effect size) and return ``(yi, vi)`` arrays; a row
whose inputs are missing or invalid (n too small, SD <= 0, |r| >= 1) gives NaN in both.
"""

from __future__ import annotations

import numpy as np

__all__ = ["escalc", "smd", "md", "smcr", "smcc", "smd_from_t", "smd_from_p",
           "smcc_from_t", "t_from_f"]


def _j(m):
    """Hedges' exact small-sample correction ``J(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2))``.

    As metafor's ``.cmicalc`` (the exact form, not ``1 - 3/(4m - 1)``); NaN for ``m <= 1``.
    """
    from scipy.special import gammaln

    m = np.asarray(m, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.exp(gammaln(m / 2) - 0.5 * np.log(m / 2) - gammaln((m - 1) / 2))
    return np.where(m > 1, out, np.nan)


def _arr(*xs):
    return [np.asarray(x, dtype=float) for x in xs]


def smd(n1, mean1, sd1, n2, mean2, sd2):
    """Standardised mean difference (Hedges' g) of group 1 minus group 2.

    ``sp^2 = ((n1-1) sd1^2 + (n2-1) sd2^2) / (n1+n2-2)``, ``d = (mean1-mean2)/sp``,
    ``g = J(n1+n2-2) d``, ``v = 1/n1 + 1/n2 + g^2 / (2 (n1+n2))`` (metafor's large-sample
    variance, ``vtype = "LS"``). R: ``escalc("SMD", m1i, sd1i, n1i, m2i, sd2i, n2i)``.
    """
    n1, mean1, sd1, n2, mean2, sd2 = _arr(n1, mean1, sd1, n2, mean2, sd2)
    with np.errstate(invalid="ignore", divide="ignore"):
        sp = np.sqrt(((n1 - 1) * sd1 ** 2 + (n2 - 1) * sd2 ** 2) / (n1 + n2 - 2))
        yi = _j(n1 + n2 - 2) * (mean1 - mean2) / sp
        vi = 1 / n1 + 1 / n2 + yi ** 2 / (2 * (n1 + n2))
    bad = (sd1 <= 0) | (sd2 <= 0) | (n1 < 2) | (n2 < 2)
    return np.where(bad, np.nan, yi), np.where(bad, np.nan, vi)


def md(n1, mean1, sd1, n2, mean2, sd2):
    """Raw mean difference ``mean1 - mean2`` with ``v = sd1^2/n1 + sd2^2/n2`` (``vtype = "LS"``).

    R: ``escalc("MD", m1i, sd1i, n1i, m2i, sd2i, n2i)``.
    """
    n1, mean1, sd1, n2, mean2, sd2 = _arr(n1, mean1, sd1, n2, mean2, sd2)
    bad = (sd1 < 0) | (sd2 < 0) | (n1 < 1) | (n2 < 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        yi, vi = mean1 - mean2, sd1 ** 2 / n1 + sd2 ** 2 / n2
    return np.where(bad, np.nan, yi), np.where(bad, np.nan, vi)


def smcr(n, mean_pre, sd_pre, mean_post, r):
    """Standardised mean change with raw-score (baseline SD) standardisation.

    ``g = J(n-1) (mean_post - mean_pre) / sd_pre``, ``v = 2 (1-r)/n + g^2 / (2n)``.
    R: ``escalc("SMCR", m1i = mean_post, m2i = mean_pre, sd1i = sd_pre, ni = n, ri = r)``.
    """
    n, mean_pre, sd_pre, mean_post, r = _arr(n, mean_pre, sd_pre, mean_post, r)
    with np.errstate(invalid="ignore", divide="ignore"):
        yi = _j(n - 1) * (mean_post - mean_pre) / sd_pre
        vi = 2 * (1 - r) / n + yi ** 2 / (2 * n)
    bad = (sd_pre <= 0) | (n < 3) | (np.abs(r) >= 1)
    return np.where(bad, np.nan, yi), np.where(bad, np.nan, vi)


def smcc(n, mean_pre, sd_pre, mean_post, sd_post, r):
    """Standardised mean change with change-score standardisation.

    ``sd_d = sqrt(sd_post^2 + sd_pre^2 - 2 r sd_post sd_pre)``,
    ``g = J(n-1) (mean_post - mean_pre) / sd_d``, ``v = 1/n + g^2 / (2n)``.
    R: ``escalc("SMCC", m1i = mean_post, m2i = mean_pre, sd1i = sd_post, sd2i = sd_pre,
    ni = n, ri = r)``.
    """
    n, mean_pre, sd_pre, mean_post, sd_post, r = _arr(n, mean_pre, sd_pre, mean_post, sd_post, r)
    with np.errstate(invalid="ignore", divide="ignore"):
        sdd = np.sqrt(sd_post ** 2 + sd_pre ** 2 - 2 * r * sd_post * sd_pre)
        yi = _j(n - 1) * (mean_post - mean_pre) / sdd
        vi = 1 / n + yi ** 2 / (2 * n)
    bad = (sdd <= 0) | (n < 3) | (np.abs(r) >= 1)
    return np.where(bad, np.nan, yi), np.where(bad, np.nan, vi)


def smd_from_t(t, n1, n2):
    """Hedges' g from an independent-samples t statistic (pooled SD):
    ``d = t sqrt(1/n1 + 1/n2)``, then ``g = J d`` and the SMD variance (as :func:`smd`).

    The sign of ``t`` must be that of group 1 minus group 2.
    """
    t, n1, n2 = _arr(t, n1, n2)
    yi = _j(n1 + n2 - 2) * t * np.sqrt(1 / n1 + 1 / n2)
    return yi, 1 / n1 + 1 / n2 + yi ** 2 / (2 * (n1 + n2))


def t_from_f(f, sign=1.0):
    """``t = sign sqrt(F)`` for an F test with one numerator df (two groups)."""
    return np.sign(np.asarray(sign, dtype=float)) * np.sqrt(np.asarray(f, dtype=float))


def smd_from_p(p, n1, n2, sign=1.0):
    """Hedges' g from a two-sided p-value of an independent-samples t test:
    ``t = qt(1 - p/2, n1 + n2 - 2)`` with the reported direction, then :func:`smd_from_t`.
    Exact p-values only (not "p < 0.05")."""
    from scipy import stats

    p, n1, n2 = _arr(p, n1, n2)
    t = np.sign(np.asarray(sign, dtype=float)) * stats.t.isf(p / 2, n1 + n2 - 2)
    return smd_from_t(t, n1, n2)


def smcc_from_t(t, n):
    """SMCC from a paired t statistic: ``mean change / sd_change = t / sqrt(n)``, then ``J(n-1)``
    and ``v = 1/n + g^2/(2n)``."""
    t, n = _arr(t, n)
    yi = _j(n - 1) * t / np.sqrt(n)
    return yi, 1 / n + yi ** 2 / (2 * n)


_FUNCS = {"SMD": smd, "MD": md, "SMCR": smcr, "SMCC": smcc}


def escalc(measure, **columns):
    """Dispatch to :func:`smd`, :func:`md`, :func:`smcr` or :func:`smcc` by metafor's measure name.

    Examples
    --------
    >>> yi, vi = escalc("SMD", n1=[20], mean1=[5.0], sd1=[2.0], n2=[22], mean2=[4.0], sd2=[2.2])

    R: ``metafor::escalc(measure, ...)``.
    """
    try:
        func = _FUNCS[measure.upper()]
    except KeyError:
        raise ValueError(f"unknown measure {measure!r}; use one of {sorted(_FUNCS)}") from None
    return func(**columns)

