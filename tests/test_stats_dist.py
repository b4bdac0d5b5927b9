"""impact.stats._dist gives the numbers of scipy.stats bit for bit (the analysis uses it to skip
importing scipy.stats): tails and quantiles on grids with the support's ends, invalid parameters
and NaN; the Welch t-test, the chi-square test of independence and mid-ranks."""

import numpy as np
import pytest
from scipy import stats

from impact.stats import _dist

X = np.array([-np.inf, -40.0, -8.5, -1.959963984540054, -1.0, -1e-300, -0.0, 0.0, 1e-300, 0.3,
              1.0, 2.5, 7.0, 38.0, 1e6, np.inf, np.nan])
Q = np.array([-0.1, 0.0, 1e-300, 1e-12, 0.025, 0.3, 0.5, 0.8, 0.975, 1 - 1e-12, 1.0, 1.1, np.nan])
DF = [-1.0, 0.0, 0.4, 1.0, 2.0, 7.5, 30.0, 1e4, 1e12, np.inf, np.nan]


def same(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape
    np.testing.assert_array_equal(a, b)


def test_normal():
    for name in ("cdf", "sf"):
        same(getattr(_dist.norm, name)(X), getattr(stats.norm, name)(X))
    for name in ("ppf", "isf"):
        same(getattr(_dist.norm, name)(Q), getattr(stats.norm, name)(Q))
    assert type(_dist.norm.ppf(0.975)) is type(stats.norm.ppf(0.975))
    assert _dist.norm.ppf(0.975) == stats.norm.ppf(0.975)


@pytest.mark.parametrize("df", DF)
def test_t_chi2_f_nct(df):
    with np.errstate(all="ignore"):
        for name in ("cdf", "sf"):
            same(getattr(_dist.t, name)(X, df), getattr(stats.t, name)(X, df))
        for name in ("ppf", "isf"):
            same(getattr(_dist.t, name)(Q, df), getattr(stats.t, name)(Q, df))
        same(_dist.chi2.sf(X, df), stats.chi2.sf(X, df))
        for dfd in (1.0, 5.0, 200.0, df):
            same(_dist.f.sf(X, df, dfd), stats.f.sf(X, df, dfd))
            same(_dist.f.ppf(Q, df, dfd), stats.f.ppf(Q, df, dfd))
        for nc in (-3.0, 0.0, 1.5, np.nan):
            xs = X[np.isfinite(X) & (np.abs(X) < 50)]
            same(_dist.nct.cdf(xs, df, nc), stats.nct.cdf(xs, df, nc))
    # array degrees of freedom, as the mixed models pass them
    dfs = np.array([3.0, 250.5, 1e5])
    same(_dist.t.ppf(0.975, dfs), stats.t.ppf(0.975, dfs))
    same(_dist.t.sf(np.array([0.5, 2.0, 9.0]), dfs), stats.t.sf(np.array([0.5, 2.0, 9.0]), dfs))


def test_welch_chi2_and_ranks():
    rng = np.random.default_rng(3)
    for n1, n2 in ((2, 2), (5, 40), (300, 1200)):
        a, b = rng.normal(10, 3, n1).round(1), rng.normal(11, 5, n2).round(2)
        res = stats.ttest_ind(a, b, equal_var=False)
        assert _dist.welch_t(a, b) == (float(res.statistic), float(res.pvalue))
    for shape in ((2, 2), (2, 4), (3, 5)):
        table = rng.integers(1, 80, shape)
        chi, p, dof, _ = stats.chi2_contingency(table, correction=False)
        assert _dist.chi2_independence(table) == (float(chi), float(p), dof)
    values = np.concatenate([rng.integers(0, 30, 500) / 2, [np.inf, -0.0, 0.0]])
    same(_dist.rankdata(values), stats.rankdata(values, method="average"))
