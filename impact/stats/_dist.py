"""The few distribution functions the analysis needs, from ``scipy.special`` alone.

``scipy.stats`` costs about half a second to import (it pulls in ``scipy.spatial``,
``scipy.ndimage`` and every distribution); ``impact analyse`` needs only the normal, t, chi-square,
F and non-central t tails and quantiles. Each function here calls the same ``scipy.special``
routine that ``scipy.stats`` calls (``ndtr``, ``ndtri``, ``stdtr``, ``stdtrit``, ``chdtrc``,
``fdtrc``, ``fdtri``, ``nctdtr``) with the same handling of the support's ends, invalid
parameters and NaN, so the numbers are those of ``scipy.stats`` bit for bit
(``tests/test_stats_dist.py`` compares them on grids with the edge cases). The Welch t-test and
the Pearson chi-square test of independence follow ``scipy.stats.ttest_ind(equal_var=False)``
and ``scipy.stats.chi2_contingency(correction=False)`` step by step.

The interface is that of the frozen-free ``scipy.stats`` distributions with ``loc=0``,
``scale=1``: ``t.sf(x, df)``, ``norm.ppf(q)``, ... so a module swaps
``from scipy import stats`` for ``from . import _dist as stats``.
"""

from __future__ import annotations

import numpy as np
from scipy import special as _sc

__all__ = ["norm", "t", "chi2", "f", "nct", "welch_t", "chi2_independence", "rankdata"]


def _out(values):
    values = np.asarray(values, dtype=float)
    return values[()] if values.ndim == 0 else values


def _tail(fn, x, args, ok, lo, hi, upper):
    """cdf (``upper`` False) or sf of a distribution with support ``(lo, hi)``, as
    ``rv_continuous.cdf`` / ``sf``: NaN for invalid parameters or x, the ends of the support
    outside it, ``fn`` inside."""
    x = np.asarray(x)
    x = np.asarray(x, dtype=np.promote_types(x.dtype, np.float64))
    args = [np.asarray(a) for a in args]
    ok = np.asarray(ok, dtype=bool)
    inside = ok & (x > lo) & (x < hi)
    with np.errstate(all="ignore"):
        val = fn(*args, x)
    below, above = (1.0, 0.0) if upper else (0.0, 1.0)
    out = np.where(inside, val, np.where(ok & (x <= lo), below,
                                          np.where(ok & (x >= hi), above, 0.0)))
    out = np.where(~ok | np.isnan(x), np.nan, out)
    return _out(out)


def _quantile(fn, q, args, ok, lo, hi):
    """ppf as ``rv_continuous.ppf``: NaN outside [0, 1] or for invalid parameters, the ends of
    the support ``lo`` at q = 0 and ``hi`` at q = 1, ``fn`` between."""
    q = np.asarray(q)
    args = [np.asarray(a) for a in args]
    ok = np.asarray(ok, dtype=bool)
    with np.errstate(all="ignore"):
        val = fn(*args, q)
    out = np.where(ok & (q > 0) & (q < 1), val, np.nan)
    out = np.where(ok & (q == 0), lo, out)
    out = np.where(ok & (q == 1), hi, out)
    return _out(out)


def _ok(*conditions):
    ok = True
    for c in conditions:
        ok = ok & c
    return ok


class norm:
    """Standard normal: ``ndtr`` and ``ndtri``."""

    @staticmethod
    def cdf(x):
        return _tail(lambda x: _sc.ndtr(x), x, [], True, -np.inf, np.inf, False)

    @staticmethod
    def sf(x):
        return _tail(lambda x: _sc.ndtr(-x), x, [], True, -np.inf, np.inf, True)

    @staticmethod
    def ppf(q):
        return _quantile(lambda q: _sc.ndtri(q), q, [], True, -np.inf, np.inf)

    @staticmethod
    def isf(q):
        return _quantile(lambda q: -_sc.ndtri(q), q, [], True, np.inf, -np.inf)


class t:
    """Student t with ``df`` degrees of freedom (``df > 0``, inf allowed): ``stdtr``,
    ``stdtrit``."""

    @staticmethod
    def cdf(x, df):
        df = np.asarray(df)
        return _tail(lambda d, x: _sc.stdtr(d, x), x, [df], df > 0, -np.inf, np.inf, False)

    @staticmethod
    def sf(x, df):
        df = np.asarray(df)
        return _tail(lambda d, x: _sc.stdtr(d, -x), x, [df], df > 0, -np.inf, np.inf, True)

    @staticmethod
    def ppf(q, df):
        df = np.asarray(df)
        return _quantile(lambda d, q: _sc.stdtrit(d, q), q, [df], df > 0, -np.inf, np.inf)

    @staticmethod
    def isf(q, df):
        df = np.asarray(df)
        return _quantile(lambda d, q: -_sc.stdtrit(d, q), q, [df], df > 0, np.inf, -np.inf)


class chi2:
    """Chi-square with ``df`` degrees of freedom: ``chdtrc``."""

    @staticmethod
    def sf(x, df):
        df = np.asarray(df)
        return _tail(lambda d, x: _sc.chdtrc(d, x), x, [df], df > 0, 0.0, np.inf, True)


class f:
    """F with ``dfn`` and ``dfd`` degrees of freedom: ``fdtrc``, ``fdtri``."""

    @staticmethod
    def sf(x, dfn, dfd):
        dfn, dfd = np.asarray(dfn), np.asarray(dfd)
        return _tail(lambda a, b, x: _sc.fdtrc(a, b, x), x, [dfn, dfd], _ok(dfn > 0, dfd > 0),
                     0.0, np.inf, True)

    @staticmethod
    def ppf(q, dfn, dfd):
        dfn, dfd = np.asarray(dfn), np.asarray(dfd)
        return _quantile(lambda a, b, q: _sc.fdtri(a, b, q), q, [dfn, dfd],
                         _ok(dfn > 0, dfd > 0), 0.0, np.inf)


class nct:
    """Non-central t: ``nctdtr``."""

    @staticmethod
    def cdf(x, df, nc):
        df, nc = np.asarray(df), np.asarray(nc)
        return _tail(lambda d, c, x: _sc.nctdtr(d, c, x), x, [df, nc], _ok(df > 0, nc == nc),
                     -np.inf, np.inf, False)


def welch_t(a, b):
    """Welch two-sample t-test of ``mean(a) - mean(b)`` on NaN-free 1-D arrays of two or more
    values each; ``(statistic, p)`` as ``scipy.stats.ttest_ind(a, b, equal_var=False)``
    computes them (variance as the mean squared deviation times ``n / (n - 1)``)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)

    def var(x):
        n = np.asarray(x.size, dtype=float)
        v = np.mean((x - np.mean(x, keepdims=True)) ** 2)
        return v * (n / (n - 1))

    with np.errstate(divide="ignore", invalid="ignore"):
        v1, v2 = var(a), var(b)
        vn1, vn2 = v1 / a.size, v2 / b.size
        df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (a.size - 1) + vn2 ** 2 / (b.size - 1))
        df = np.where(np.isnan(df), 1.0, df)
        denom = np.sqrt(vn1 + vn2)
        stat = np.divide(np.mean(a) - np.mean(b), denom)
    p = 2 * _sc.stdtr(df, -np.abs(stat))
    return float(stat), float(p)


def chi2_independence(observed):
    """Pearson chi-square test of independence of a two-way table of counts (no continuity
    correction): ``(statistic, p, dof)`` as ``scipy.stats.chi2_contingency(observed,
    correction=False)``. Expected counts row total x column total / total; every expected
    count must be positive (ValueError otherwise, as SciPy)."""
    observed = np.asarray(observed)
    obs = np.asarray(observed, dtype=np.float64)
    expected = (obs.sum(axis=1, keepdims=True) * obs.sum(axis=0, keepdims=True)) / obs.sum()
    if np.any(expected == 0):
        raise ValueError("The internally computed table of expected frequencies has a zero "
                         "element.")
    dof = expected.size - sum(expected.shape) + expected.ndim - 1
    if dof == 0:
        return 0.0, 1.0, dof
    terms = (obs.ravel() - expected.ravel()) ** 2 / expected.ravel()
    stat = np.sum(terms)
    p = _sc.chdtrc(np.float64(terms.size - 1 - (observed.size - 1 - dof)), stat)
    return float(stat), float(p), dof


def rankdata(values):
    """Mid-ranks (``scipy.stats.rankdata(values, method="average")``) of a 1-D array without
    NaN: ties share the mean of their ranks (exact: multiples of 1/2)."""
    values = np.asarray(values)
    order = np.argsort(values, kind="mergesort")
    sv = values[order]
    flags = np.empty(sv.size, dtype=bool)
    if sv.size:
        flags[0] = True
        np.not_equal(sv[1:], sv[:-1], out=flags[1:])
    starts = np.flatnonzero(flags)
    ends = np.append(starts[1:], sv.size)
    mid = (starts + ends + 1) / 2.0
    ranks = np.empty(sv.size, dtype=float)
    ranks[order] = np.repeat(mid, ends - starts)
    return ranks
