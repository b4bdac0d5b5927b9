"""Power and sample size for pre/post, reliable-change, grouped and controlled designs.

Analytic where an exact or standard formula exists (noncentral t, exact binomial), otherwise by
vectorised simulation: every simulated study is one row of an array of shape ``(studies, n)``, so
10,000 studies are analysed in a handful of NumPy operations instead of a Python loop.

Designs
-------
``prepost``
    Paired t-test of the change ``D = followup - baseline`` with standardised effect
    ``d_z = mean(D) / sd(D)``. Power is exact under normality:
    ``T ~ t'(df = n - 1, ncp = d_z sqrt(n))``, two-sided power
    ``P(T > t_{1-a/2}) + P(T < -t_{1-a/2})`` (Cohen 1988, ch. 2; R ``pwr::pwr.t.test(type =
    "paired")``). The Wilcoxon signed-rank test is planned with the asymptotic relative
    efficiency (ARE) method of G*Power (Faul et al. 2007): the t-test power at ``n * ARE``
    (``ARE = 3 / pi`` for a normal parent, 1.5 Laplace, ``pi^2 / 9`` logistic, 0.864 the minimum
    over all parents), or by simulation with the exact null distribution.
``groups``
    ``k`` groups of ``G`` participants pooled. Without clustering (``icc = 0``) this is the paired
    t-test with ``n = k G``. With an intra-class correlation ``icc`` of the change between groups
    (site heterogeneity ``tau^2 / (tau^2 + sigma^2)``) two analyses are offered: ``"design_effect"``
    (Kish: ``DE = 1 + (G - 1) icc``, ``ncp = d_z sqrt(kG / DE)``, ``df = kG - 1``, approximate) and
    ``"group_means"`` (one-sample t-test on the ``k`` group means of change, exact for equal
    groups: ``ncp = d_z sqrt(k) / sqrt(icc + (1 - icc) / G)``, ``df = k - 1``).
``rci``
    The share of participants with reliable improvement (Jacobson and Truax 1991). Planned as an
    exact one-sided binomial test of ``H0: p <= p0`` against ``p1 > p0``; the default chance level
    ``p0 = 0.025`` is the share with ``RC > 1.96`` when nobody truly changes. Alternatively the
    precision of the share: the ``n`` at which the Wald 95% half-width ``z sqrt(p (1 - p) / n)``
    is at most ``w``.
``controlled``
    Two groups of ``n`` each; follow-up compared by ANCOVA on baseline with pre/post correlation
    ``r`` (Borm, Fransen and Lemmens 2007, J Clin Epidemiol 60:1234): ``ncp = d sqrt(n / 2) /
    sqrt(1 - r^2)``, ``df = 2n - 3``; with ``r = 0`` the two-sample t-test (``df = 2n - 2``, R
    ``pwr.t.test(type = "two.sample")``).

References
----------
Cohen J (1988). Statistical power analysis for the behavioral sciences, 2nd ed.
Faul F, Erdfelder E, Lang A-G, Buchner A (2007). G*Power 3. Behav Res Methods 39:175-191.
Jacobson NS, Truax P (1991). J Consult Clin Psychol 59:12-19.
Borm GF, Fransen J, Lemmens WA (2007). J Clin Epidemiol 60:1234-1238.
Donner A, Klar N (2000). Design and analysis of cluster randomization trials.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .._result import DictResult

__all__ = [
    "power_paired", "n_paired", "power_wilcoxon", "power_groups", "groups_needed",
    "power_proportion", "n_proportion", "n_proportion_precision", "power_controlled",
    "n_controlled", "plan_study", "PlanResult", "simulate_prepost", "simulate_power",
    "simulate_groups", "ttest_paired_many", "wilcoxon_paired_many", "reliable_change_many",
    "power_grid", "ARE", "power_table",
]

#: Asymptotic relative efficiency of the Wilcoxon signed-rank test to the t-test per parent.
ARE = {"normal": 3 / math.pi, "laplace": 1.5, "logistic": math.pi ** 2 / 9, "min": 0.864}

_ALTERNATIVES = ("two-sided", "greater", "less")


def _check_alpha(alpha):
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")


def _nct_sf(x, df, ncp):
    """``P(T > x)`` for the noncentral t, NaN-safe.

    SciPy's (Boost) noncentral t occasionally returns NaN deep in a tail; then the mirrored form
    ``P(T > x | ncp) = P(T < -x | -ncp)`` is used, and a term that is still NaN is 0 or 1 by
    the side of the tail it lies on.
    """
    from scipy import stats

    x, df, ncp = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (x, df, ncp)))
    out = np.asarray(stats.nct.sf(x, df, ncp), dtype=float)
    bad = np.isnan(out)
    if bad.any():
        out = out.copy()
        out[bad] = stats.nct.cdf(-x[bad], df[bad], -ncp[bad])
        still = np.isnan(out)
        out[still] = (ncp[still] > x[still]).astype(float)
    return out


def _t_power(ncp, df, alpha, alternative="two-sided"):
    """Power of a t-test with noncentrality ``ncp`` on ``df`` degrees of freedom (vectorised)."""
    from scipy import stats

    ncp = np.asarray(ncp, dtype=float)
    df = np.asarray(df, dtype=float)
    if alternative == "two-sided":
        crit = stats.t.ppf(1 - alpha / 2, df)
        return _nct_sf(crit, df, ncp) + _nct_sf(crit, df, -ncp)
    crit = stats.t.ppf(1 - alpha, df)
    if alternative == "greater":
        return _nct_sf(crit, df, ncp)
    if alternative == "less":
        return _nct_sf(crit, df, -ncp)
    raise ValueError(f"alternative must be one of {_ALTERNATIVES}, got {alternative!r}")


def _scalar(x):
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


def power_paired(d, n, alpha=0.05, alternative="two-sided"):
    """Power of the paired t-test (one-sample t-test of the change) for effect ``d_z``.

    Parameters
    ----------
    d : float or array
        Standardised mean change ``d_z = mean(change) / sd(change)``.
    n : float or array
        Number of pairs (may be fractional, as in ``pwr``); more than 1 (a single ``n <= 1``
        is a ValueError, in an array it gives NaN).
    alpha : float
        Significance level.
    alternative : {"two-sided", "greater", "less"}

    Returns
    -------
    float or ndarray
        ``P(T > t_{1-a/2, n-1}) + P(T < -t_{1-a/2, n-1})`` with ``T ~ t'(n - 1, d sqrt(n))``.

    Notes
    -----
    Exact under normally distributed change (Cohen 1988). Missing data are not modelled: plan
    on the number of *paired* participants, i.e. inflate the enrolment for expected drop-out.

    Examples
    --------
    >>> round(power_paired(0.75, 8), 4)
    0.4486

    R: ``pwr::pwr.t.test(n = 8, d = 0.75, type = "paired")$power``.
    """
    _check_alpha(alpha)
    n = np.asarray(n, dtype=float)
    if n.ndim == 0 and not n > 1:
        raise ValueError(f"n = {n:g}: a paired t-test needs more than one pair (power is "
                         f"undefined with n - 1 = {n - 1:g} degrees of freedom)")
    with np.errstate(invalid="ignore"):
        power = _t_power(np.asarray(d, float) * np.sqrt(n), n - 1, alpha, alternative)
    # n <= 1 in an array: undefined (NaN), never 0 (as R, whose qt gives NaN there)
    return _scalar(np.where(n > 1, power, np.nan))


def _solve_n(fun, target, lo=2.0 + 1e-10, max_n=1e7):
    from scipy import optimize

    if fun(lo) >= target:
        return lo
    hi = 2 * lo
    while not fun(hi) >= target:  # bracket by doubling (NaN-safe: nct is unstable far out)
        lo, hi = hi, 2 * hi
        if hi > max_n:
            return None
    return optimize.brentq(lambda x: fun(x) - target, lo, hi, xtol=1e-10, rtol=1e-12)


def n_paired(d, power=0.8, alpha=0.05, alternative="two-sided"):
    """Number of pairs for the paired t-test to reach ``power`` (continuous solution).

    Returns the real-valued ``n`` solving ``power_paired(d, n) = power`` as R's
    ``pwr.t.test(d = d, power = power, type = "paired")$n`` does; round up for a plan.
    None when ``d`` is 0 (no sample size reaches the power).

    Examples
    --------
    >>> math.ceil(n_paired(0.75))
    16

    R: ``pwr::pwr.t.test(d = 0.75, power = 0.8, type = "paired")``.
    """
    if d == 0:
        return None
    return _solve_n(lambda n: power_paired(abs(d) if alternative == "two-sided" else d, n,
                                           alpha, alternative), power)


def power_wilcoxon(d, n, alpha=0.05, *, method="are", parent="normal", reps=10_000, seed=1,
                   alternative="two-sided"):
    """Power of the Wilcoxon signed-rank test of the change.

    Parameters
    ----------
    d, n, alpha, alternative :
        As in :func:`power_paired`.
    method : {"are", "simulation"}
        ``"are"``: t-test power at ``n * ARE`` pairs (G*Power's A.R.E. method; with
        ``ARE = 3 / pi`` for normal change). ``"simulation"``: share of ``reps`` simulated
        normal studies in which :func:`wilcoxon_paired_many` rejects (exact null distribution,
        as R's ``wilcox.test``).
    parent : {"normal", "laplace", "logistic", "min"}
        Distribution of the change for the ARE method.

    Examples
    --------
    >>> round(power_wilcoxon(0.5, 35), 3)
    0.801

    R (simulation): ``mean(replicate(1e4, wilcox.test(rnorm(35, 0.5))$p.value < 0.05))``.
    """
    if method == "are":
        m = np.asarray(n, float) * ARE[parent]
        return _scalar(_t_power(np.asarray(d, float) * np.sqrt(m), m - 1, alpha, alternative))
    if method == "simulation":
        rng = np.random.default_rng(seed)
        diff = rng.standard_normal((reps, int(n))) + d
        return float(np.mean(wilcoxon_paired_many(diff, alternative=alternative) < alpha))
    raise ValueError(f"method must be 'are' or 'simulation', got {method!r}")


def power_groups(d, groups, group_size, icc=0.0, alpha=0.05, *, analysis="design_effect",
                 alternative="two-sided"):
    """Power of a pre/post evaluation pooled over ``groups`` groups of ``group_size``.

    Parameters
    ----------
    d : float
        ``d_z`` of the change (total SD of change, within plus between groups).
    groups, group_size : int
        Number of groups ``k`` and participants per group ``G`` (all paired).
    icc : float
        Share of the variance of change that lies between groups,
        ``icc = tau^2 / (tau^2 + sigma^2)``. 0 = groups are exchangeable.
    analysis : {"design_effect", "group_means"}
        ``"design_effect"``: paired t on all ``kG`` participants with the Kish design effect
        ``DE = 1 + (G - 1) icc`` (``ncp = d sqrt(kG / DE)``, ``df = kG - 1``; exact for
        ``icc = 0``, approximate otherwise). ``"group_means"``: one-sample t-test of the ``k``
        group mean changes (``ncp = d sqrt(k) / sqrt(icc + (1 - icc) / G)``, ``df = k - 1``),
        exact for equal groups but with few groups very conservative.

    Examples
    --------
    >>> round(power_groups(0.75, 3, 8), 3)
    0.94

    R: ``pwr::pwr.t.test(n = 24, d = 0.75, type = "paired")$power``.
    """
    _check_alpha(alpha)
    if not 0 <= icc < 1:
        raise ValueError(f"icc must be in [0, 1), got {icc!r}")
    k = np.asarray(groups, float)
    g = float(group_size)
    if analysis == "design_effect":
        de = 1 + (g - 1) * icc
        return _scalar(_t_power(d * np.sqrt(k * g / de), k * g - 1, alpha, alternative))
    if analysis == "group_means":
        return _scalar(_t_power(d * np.sqrt(k) / math.sqrt(icc + (1 - icc) / g), k - 1, alpha,
                                alternative))
    raise ValueError(f"analysis must be 'design_effect' or 'group_means', got {analysis!r}")


def groups_needed(d, group_size, power=0.8, alpha=0.05, icc=0.0, *, analysis="design_effect",
                  max_groups=10_000):
    """Smallest whole number of groups of ``group_size`` reaching ``power`` (None if never)."""
    if d == 0:
        return None
    lo = 2 if analysis == "group_means" else 1
    ks = np.arange(lo, max_groups + 1)
    pw = np.atleast_1d(power_groups(abs(d), ks, group_size, icc, alpha, analysis=analysis))
    ok = np.nonzero(pw >= power)[0]
    return int(ks[ok[0]]) if ok.size else None


def power_proportion(p1, n, p0=0.025, alpha=0.05):
    """Exact power of the one-sided binomial test of ``H0: p <= p0`` when the true share is ``p1``.

    The critical count is the smallest ``k`` with ``P(X >= k | n, p0) <= alpha``; power is
    ``P(X >= k | n, p1)``. Used for the share of participants with reliable improvement against
    the chance level ``p0`` (``0.025`` = share with ``RC > 1.96`` without true change).

    Notes
    -----
    Exact tests of a proportion are conservative and their power is a saw-tooth in ``n``.

    Examples
    --------
    >>> round(power_proportion(0.30, 20), 4)
    0.9645

    R: ``k <- qbinom(1 - alpha, n, p0) + 1; pbinom(k - 1, n, p1, lower.tail = FALSE)``.
    """
    from scipy import stats

    _check_alpha(alpha)
    n = np.asarray(n, dtype=int)
    k = stats.binom.isf(alpha, n, p0) + 1  # smallest k with P(X >= k) <= alpha
    return _scalar(stats.binom.sf(k - 1, n, p1))


def n_proportion(p1, p0=0.025, power=0.8, alpha=0.05, max_n=100_000):
    """Smallest ``n`` at which :func:`power_proportion` reaches ``power`` (None if ``p1 <= p0``).

    Because of the saw-tooth, a slightly larger ``n`` can have less power; the value returned is
    the first ``n`` that reaches the target (as G*Power reports it).
    """
    if p1 <= p0:
        return None
    hi = 64
    while hi <= max_n:
        ns = np.arange(1, hi + 1)
        ok = np.nonzero(np.atleast_1d(power_proportion(p1, ns, p0, alpha)) >= power)[0]
        if ok.size:
            return int(ns[ok[0]])
        hi *= 4
    return None


def n_proportion_precision(p, half_width, level=0.95):
    """``n`` for a Wald CI of a proportion ``p`` with half-width at most ``half_width``.

    ``n = ceil(z^2 p (1 - p) / w^2)`` with ``z = Phi^-1(1 - (1 - level) / 2)``.
    """
    from scipy import stats

    z = stats.norm.ppf(1 - (1 - level) / 2)
    return int(math.ceil(z * z * p * (1 - p) / half_width ** 2 - 1e-9))


def power_controlled(d, n_per_group, r=0.0, alpha=0.05, alternative="two-sided"):
    """Power of a controlled pre/post design analysed by ANCOVA (two-sample t-test if r = 0).

    Parameters
    ----------
    d : float
        Standardised difference between the groups at follow-up (Cohen's d on the follow-up SD).
    n_per_group : int
        Participants per group.
    r : float
        Correlation between baseline and follow-up. ANCOVA removes ``r^2`` of the variance:
        ``ncp = d sqrt(n / 2) / sqrt(1 - r^2)``, ``df = 2n - 2 - (r != 0)``. This is the
        usual approximation (Borm et al. 2007): it ignores the small loss from estimating the
        slope of a random covariate; tests/test_power.py checks it against simulated OLS.

    Examples
    --------
    >>> round(power_controlled(0.5, 64), 4)
    0.8015

    R: ``pwr::pwr.t.test(n = 64, d = 0.5, type = "two.sample")$power``.
    """
    _check_alpha(alpha)
    if not -1 < r < 1:
        raise ValueError(f"r must be between -1 and 1, got {r!r}")
    n = np.asarray(n_per_group, float)
    ncp = d * np.sqrt(n / 2) / math.sqrt(1 - r * r)
    return _scalar(_t_power(ncp, 2 * n - 2 - (1 if r != 0 else 0), alpha, alternative))


def n_controlled(d, power=0.8, alpha=0.05, r=0.0):
    """Participants per group for :func:`power_controlled` (continuous; round up)."""
    if d == 0:
        return None
    lo = 2.0 + 1e-10 if r == 0 else 2.5
    return _solve_n(lambda n: power_controlled(abs(d), n, r, alpha), power, lo=lo)


# --------------------------------------------------------------------------------------------
# Vectorised estimators: one row per simulated study
# --------------------------------------------------------------------------------------------

def ttest_paired_many(diff, level=0.95):
    """Paired t-test of every row of ``diff`` (shape ``(studies, n)``) at once.

    Returns a dict of arrays ``mean, sd, se, t, df, p, ci_low, ci_high, d_z, n`` with the same
    formulas as :func:`impact.paired_change` (two-sided p, ``t_{1-a/2, n-1}`` interval).
    Missing data rule: NaN entries (participants without a pair) are left out row by row, so
    each study has its own ``n``; a row with fewer than 2 pairs gives NaN.
    """
    from scipy import stats

    diff = np.asarray(diff, dtype=float)
    if np.isnan(diff).any():
        n = (~np.isnan(diff)).sum(axis=1).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = np.nansum(diff, axis=1) / n
            sd = np.sqrt(np.nansum((diff - mean[:, None]) ** 2, axis=1) / (n - 1))
        n[n < 2] = np.nan
    else:
        n = np.full(diff.shape[0], float(diff.shape[1]))
        mean = diff.mean(axis=1)
        sd = diff.std(axis=1, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = sd / np.sqrt(n)
        t = mean / se
        dz = mean / sd
    df = n - 1
    p = 2 * stats.t.sf(np.abs(t), df)
    crit = stats.t.ppf(1 - (1 - level) / 2, df)
    return {"mean": mean, "sd": sd, "se": se, "t": t, "df": df, "p": p, "n": n,
            "ci_low": mean - crit * se, "ci_high": mean + crit * se, "d_z": dz}


@lru_cache(maxsize=64)
def _signrank_cdf(n: int) -> np.ndarray:
    """``P(V <= v)`` for the signed-rank statistic with ``n`` untied non-zero pairs (v = 0..)."""
    counts = np.zeros(n * (n + 1) // 2 + 1)
    counts[0] = 1.0
    top = 0
    for k in range(1, n + 1):  # multiply by (1 + x^k): O(n^3) once per n, then cached
        counts[k:top + k + 1] += counts[:top + 1].copy()
        top += k
    cdf = np.cumsum(counts) / 2.0 ** n
    cdf.setflags(write=False)
    return cdf


def _tie_term(absd, valid):
    """``sum(t^3 - t)`` over groups of tied non-zero absolute differences, per row."""
    rows, n = absd.shape
    s = np.sort(np.where(valid, absd, np.inf), axis=1)
    new = np.ones((rows, n), dtype=bool)
    new[:, 1:] = s[:, 1:] != s[:, :-1]
    gid = np.cumsum(new, axis=1) - 1 + (np.arange(rows) * n)[:, None]
    counts = np.bincount(gid.ravel(), weights=np.isfinite(s).ravel(), minlength=rows * n)
    counts = counts.reshape(rows, n)
    return (counts ** 3 - counts).sum(axis=1)


def wilcoxon_paired_many(diff, alternative="two-sided", exact="auto", return_statistic=False):
    """Wilcoxon signed-rank test of every row of ``diff`` (shape ``(studies, n)``) at once.

    Follows R's ``wilcox.test(x, y, paired = TRUE)`` default: zero differences are dropped;
    with fewer than 50 non-zero pairs and neither ties nor zeros the exact null distribution is
    used (computed once per ``n``); otherwise the normal approximation with continuity
    correction and tie-corrected variance. ``V`` = sum of ranks of positive differences.

    Returns
    -------
    ndarray
        p-values (``(p, V)`` with ``return_statistic``); NaN for a row with no non-zero pair.
    """
    from scipy import stats

    diff = np.asarray(diff, dtype=float)
    if diff.ndim == 1:
        diff = diff[None, :]
    rows, n = diff.shape
    nonzero = diff != 0
    n_eff = nonzero.sum(axis=1)
    absd = np.abs(diff)
    ranks = stats.rankdata(absd, axis=1)  # zeros tie at the lowest ranks
    ranks = ranks - (n - n_eff)[:, None]  # ranks among non-zero differences only
    v = np.where(diff > 0, ranks, 0.0).sum(axis=1)
    ties = _tie_term(absd, nonzero)
    has_zero = n_eff < n
    mu = n_eff * (n_eff + 1) / 4.0
    sigma = np.sqrt(n_eff * (n_eff + 1) * (2 * n_eff + 1) / 24.0 - ties / 48.0)
    z = v - mu
    if alternative == "two-sided":
        corr = np.sign(z) * 0.5
    elif alternative == "greater":
        corr = 0.5
    elif alternative == "less":
        corr = -0.5
    else:
        raise ValueError(f"alternative must be one of {_ALTERNATIVES}, got {alternative!r}")
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (z - corr) / sigma
    if alternative == "two-sided":
        p = 2 * np.minimum(stats.norm.cdf(z), stats.norm.sf(z))
    elif alternative == "greater":
        p = stats.norm.sf(z)
    else:
        p = stats.norm.cdf(z)
    use_exact = (n_eff < 50) & (ties == 0) & ~has_zero
    if exact is False:
        use_exact[:] = False
    if use_exact.any():
        for m in np.unique(n_eff[use_exact]):
            sel = use_exact & (n_eff == m)
            cdf = _signrank_cdf(int(m))
            vv = np.rint(v[sel]).astype(int)
            lower = cdf[vv]                                    # P(V <= v)
            upper = 1 - np.where(vv >= 1, cdf[np.maximum(vv - 1, 0)], 0.0)  # P(V >= v)
            if alternative == "two-sided":
                half = np.where(vv > m * (m + 1) / 4, upper, lower)
                p[sel] = np.minimum(1.0, 2 * half)
            elif alternative == "greater":
                p[sel] = upper
            else:
                p[sel] = lower
    p = np.clip(p, 0.0, 1.0)
    p[n_eff == 0] = np.nan
    return (p, v) if return_statistic else p


def reliable_change_many(baseline, followup, sd, reliability, higher_is_better=True,
                         criterion=1.96):
    """Jacobson-Truax reliable change category of every entry (arrays of equal shape).

    ``SE = sd sqrt(1 - r)``, ``S_diff = sqrt(2) SE``, ``RC = (followup - baseline) / S_diff``;
    improved when ``RC > criterion`` in the good direction, deteriorated when beyond
    ``-criterion``. Returns ``(improved, deteriorated)`` boolean arrays.

    A minimal vectorised version for simulation; the analysis uses ``impact.stats.rci`` where
    available (same definition).
    """
    s_diff = math.sqrt(2) * sd * math.sqrt(1 - reliability)
    rc = (np.asarray(followup, float) - np.asarray(baseline, float)) / s_diff
    if not higher_is_better:
        rc = -rc
    return rc > criterion, rc < -criterion


# --------------------------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------------------------

def simulate_prepost(n, d, reps=10_000, *, seed=1, sd=1.0, r=0.5, reliability=0.8,
                     alpha=0.05, rng=None, chunk=20_000):
    """Simulate ``reps`` pre/post studies of ``n`` pairs and analyse them all at once.

    Baseline and follow-up are bivariate normal with SD ``sd`` and correlation ``r``; the mean
    change is ``d * sd_change`` with ``sd_change = sd sqrt(2 (1 - r))``, so ``d`` is ``d_z``.

    Returns
    -------
    dict
        Arrays per study: ``mean_change, ci_low, ci_high, d_z, p_t, p_wilcoxon,
        share_improved`` (Jacobson-Truax with ``sd`` and ``reliability``), and the planted
        ``true_mean_change``.
    """
    rng = rng if rng is not None else np.random.default_rng(seed)
    sd_change = sd * math.sqrt(2 * (1 - r))
    mu = d * sd_change
    parts = []
    for start in range(0, reps, chunk):
        m = min(chunk, reps - start)
        z0 = rng.standard_normal((m, n))
        z1 = r * z0 + math.sqrt(1 - r * r) * rng.standard_normal((m, n))
        pre, post = sd * z0, sd * z1 + mu
        diff = post - pre
        t = ttest_paired_many(diff)
        improved, _ = reliable_change_many(pre, post, sd, reliability)
        parts.append({"mean_change": t["mean"], "ci_low": t["ci_low"], "ci_high": t["ci_high"],
                      "d_z": t["d_z"], "p_t": t["p"], "p_wilcoxon": wilcoxon_paired_many(diff),
                      "share_improved": improved.mean(axis=1)})
    out = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    out["true_mean_change"] = mu
    return out


def simulate_power(n, d, reps=10_000, *, alpha=0.05, seed=1, **kwargs):
    """Simulated power (share of studies with ``p < alpha``) of the t- and Wilcoxon tests.

    Returns a dict ``t, wilcoxon, mc_se_t, mc_se_wilcoxon, reps`` (Monte Carlo standard error
    ``sqrt(p (1 - p) / reps)``).
    """
    sim = simulate_prepost(n, d, reps, seed=seed, alpha=alpha, **kwargs)
    pt = float(np.mean(sim["p_t"] < alpha))
    pw = float(np.mean(sim["p_wilcoxon"] < alpha))
    return {"n": n, "d": d, "reps": reps, "t": pt, "wilcoxon": pw,
            "mc_se_t": math.sqrt(pt * (1 - pt) / reps),
            "mc_se_wilcoxon": math.sqrt(pw * (1 - pw) / reps)}


def simulate_groups(d, groups, group_size, icc=0.0, reps=10_000, *, alpha=0.05, seed=1,
                    analysis="design_effect"):
    """Simulated power of a pooled evaluation of ``groups`` groups of ``group_size``.

    The change of participant ``j`` in group ``g`` is ``d + u_g + e_gj`` with
    ``u_g ~ N(0, icc)`` and ``e ~ N(0, 1 - icc)`` (total SD 1). ``"design_effect"`` analyses all
    participants with the paired t statistic divided by ``sqrt(DE)`` (df ``kG - 1``);
    ``"group_means"`` tests the group means of change (df ``k - 1``).
    """
    from scipy import stats

    rng = np.random.default_rng(seed)
    k, g = int(groups), int(group_size)
    u = rng.standard_normal((reps, k, 1)) * math.sqrt(icc)
    e = rng.standard_normal((reps, k, g)) * math.sqrt(1 - icc)
    change = d + u + e
    if analysis == "group_means":
        p = ttest_paired_many(change.mean(axis=2))["p"]
    else:
        res = ttest_paired_many(change.reshape(reps, k * g))
        de = 1 + (g - 1) * icc
        p = 2 * stats.t.sf(np.abs(res["t"]) / math.sqrt(de), k * g - 1)
    return float(np.mean(p < alpha))


def _grid_cell(n, d, reps, alpha, seed):
    res = simulate_power(int(n), float(d), int(reps), alpha=alpha, seed=int(seed))
    res["analytic_t"] = float(power_paired(d, n, alpha))
    return res


def power_grid(ns, ds, reps=2_000, *, alpha=0.05, seed=1, n_jobs=1, backend=None):
    """Simulated and analytic power over a grid of sample sizes and effects, in parallel.

    Each cell (n, d) is an independent job with its own seed (``seed + cell index``), so the
    result does not depend on ``n_jobs`` or on the order in which workers finish. Cells run
    through :class:`joblib.Parallel` (processes by default; pass ``backend="dask"`` inside
    ``joblib.parallel_config`` to spread a large grid over a Dask cluster, see
    docs/scaling.md).

    Returns
    -------
    pandas.DataFrame
        One row per cell: ``n, d, reps, t, wilcoxon, mc_se_t, mc_se_wilcoxon, analytic_t``.
    """
    import pandas as pd
    from joblib import Parallel, delayed

    cells = [(n, d) for n in ns for d in ds]
    kwargs = {"n_jobs": n_jobs}
    if backend is not None:
        kwargs["backend"] = backend
    rows = Parallel(**kwargs)(delayed(_grid_cell)(n, d, reps, alpha, seed + i)
                              for i, (n, d) in enumerate(cells))
    return pd.DataFrame(rows)


def power_table(design="prepost", effect=0.5, *, ns=None, alpha=0.05, group_size=None,
                icc=0.0, analysis="design_effect", r=0.0, share=None, chance=0.025):
    """Power for a range of sample sizes (or numbers of groups): the table behind a power curve.

    Parameters
    ----------
    design : {"prepost", "controlled", "rci"}
    ns : sequence of int, optional
        Pairs (prepost), participants per group (controlled), participants (rci) or, with
        ``group_size``, numbers of groups. Default: a range around the n for 80% power.

    Returns
    -------
    TableResult
        Rows ``n`` (and ``groups``), ``power`` and for prepost ``power_wilcoxon`` (ARE method).

    Examples
    --------
    >>> power_table("prepost", 0.75, group_size=8, ns=[1, 2, 3]).to_frame().round(3)
       groups   n  power
    0       1   8  0.449
    1       2  16  0.801
    2       3  24  0.940

    R: ``sapply(c(8, 16, 24), function(n) pwr::pwr.t.test(n = n, d = 0.75,
    type = "paired")$power)``.
    """
    from .._result import TableResult

    rows = []
    if design == "prepost" and group_size:
        ks = list(ns or range(1, max(3, (groups_needed(effect, group_size, 0.8, alpha, icc,
                                                          analysis=analysis) or 5)) + 3))
        for k in ks:
            rows.append({"groups": int(k), "n": int(k * group_size),
                         "power": float(power_groups(effect, k, group_size, icc, alpha,
                                                     analysis=analysis))})
        title = f"Power by number of groups of {group_size} (d_z = {effect:g})"
    else:
        if ns is None:
            base = {"prepost": lambda: n_paired(effect, 0.8, alpha),
                    "controlled": lambda: n_controlled(effect, 0.8, alpha, r),
                    "rci": lambda: n_proportion(share, chance, 0.8, alpha)}[design]()
            top = int(math.ceil(2 * (base or 20)))
            step = max(1, top // 12)
            ns = range(max(3, step), top + 1, step)
        for n in ns:
            if design == "prepost":
                rows.append({"n": int(n), "power": float(power_paired(effect, n, alpha)),
                             "power_wilcoxon": float(power_wilcoxon(effect, n, alpha))})
            elif design == "controlled":
                rows.append({"n_per_group": int(n), "n": 2 * int(n),
                             "power": float(power_controlled(effect, n, r, alpha))})
            elif design == "rci":
                rows.append({"n": int(n), "power": float(power_proportion(share, int(n), chance,
                                                                          alpha))})
            else:
                raise ValueError(f"design must be prepost, controlled or rci, got {design!r}")
        title = f"Power by sample size ({design})"
    return TableResult(rows, title=title)


# --------------------------------------------------------------------------------------------
# The planning front end
# --------------------------------------------------------------------------------------------

class PlanResult(DictResult):
    """The answer of :func:`plan_study`: a dict with ``design`` and the solved quantity."""

    title = "Power and sample size"


def plan_study(design="prepost", effect=None, *, n=None, power=None, alpha=0.05,
               group_size=None, icc=0.0, analysis="design_effect", r=0.0, share=None,
               chance=0.025, precision=None, wilcoxon_parent="normal", simulate=0,
               seed=1) -> PlanResult:
    """Power or sample size for one of the designs of this module (the face of ``impact plan``).

    Parameters
    ----------
    design : {"prepost", "controlled", "rci"}
        See the module docstring.
    effect : float
        ``d_z`` (prepost) or ``d`` between groups at follow-up (controlled).
    n : int, optional
        Given sample size (pairs; per group for ``controlled``) -> returns ``power``.
    power : float, optional
        Target power (default 0.8) -> returns ``n`` (and ``groups`` with ``group_size``).
    group_size, icc, analysis :
        Groups of ``G`` (prepost): see :func:`power_groups`.
    r : float
        Baseline-follow-up correlation for ``controlled`` (ANCOVA).
    share, chance, precision :
        For ``rci``: expected share with reliable improvement ``p1``, chance level ``p0``, or a
        wanted half-width of the 95% CI of the share.
    simulate : int
        With ``reps > 0``, also check the answer by simulation with that many studies.

    Returns
    -------
    PlanResult
        ``to_dict()`` with ``design, alpha, effect`` and ``n``/``power`` (``groups``,
        ``power_wilcoxon``, ``n_wilcoxon``, ``simulated_power`` where they apply) and
        ``method`` (a sentence naming the formula).

    Examples
    --------
    >>> plan_study("prepost", 0.75, group_size=8)["groups"]
    2

    R: ``pwr::pwr.t.test(d = 0.75, power = 0.8, type = "paired")``.
    """
    if n is not None and power is not None:
        raise ValueError("give either n (to get power) or power (to get n), not both")
    target = 0.8 if power is None else float(power)
    _check_alpha(alpha)
    if not 0 < target < 1:
        raise ValueError(f"power must be between 0 and 1, got {target!r}")
    out = {"design": design, "alpha": alpha}
    notes = []
    if design == "prepost":
        if effect is None:
            raise ValueError("prepost needs an effect (d_z)")
        d = float(effect)
        out["effect"] = d
        if group_size:
            g = int(group_size)
            out.update(group_size=g, icc=icc, analysis=analysis)
            if n is not None:
                k = max(1, math.ceil(int(n) / g))
                if k * g != int(n):
                    notes.append(f"n = {n} was rounded up to {k} whole groups of {g}")
                out.update(groups=k, n=k * g,
                           power=power_groups(d, k, g, icc, alpha, analysis=analysis))
            else:
                k = groups_needed(d, g, target, alpha, icc, analysis=analysis)
                out.update(target_power=target, groups=k, n=None if k is None else k * g,
                           power=None if k is None else
                           power_groups(d, k, g, icc, alpha, analysis=analysis))
            if out.get("groups"):
                out["power_one_group"] = power_groups(d, 1, g, 0.0, alpha) if icc == 0 else None
                if simulate:
                    out["simulated_power"] = simulate_groups(d, out["groups"], g, icc, simulate,
                                                             alpha=alpha, seed=seed,
                                                             analysis=analysis)
            out["method"] = ("paired t-test pooled over groups; " + (
                "exact noncentral t with n = groups x group size" if icc == 0 else
                f"{analysis.replace('_', ' ')} for icc = {icc}"))
        else:
            if n is not None:
                out.update(n=int(n), power=power_paired(d, n, alpha),
                           power_wilcoxon=power_wilcoxon(d, n, alpha, parent=wilcoxon_parent))
            else:
                nc = n_paired(d, target, alpha)
                out.update(target_power=target, n_exact=nc,
                           n=None if nc is None else math.ceil(nc - 1e-9))
                if nc is not None:
                    out["power"] = power_paired(d, out["n"], alpha)
                    nw = nc / ARE[wilcoxon_parent]
                    out["n_wilcoxon"] = math.ceil(nw - 1e-9)
            if simulate and out.get("n"):
                sim = simulate_power(out["n"], d, int(simulate), alpha=alpha, seed=seed)
                out["simulated_power"] = sim["t"]
                out["simulated_power_wilcoxon"] = sim["wilcoxon"]
            out["method"] = ("paired t-test, exact noncentral t (pwr.t.test type = 'paired'); "
                             f"Wilcoxon by ARE = {ARE[wilcoxon_parent]:.3f} ({wilcoxon_parent})")
        if d == 0:
            notes.append("an effect of 0 has power alpha at every n: no sample size reaches it")
    elif design == "controlled":
        if effect is None:
            raise ValueError("controlled needs an effect (d between groups at follow-up)")
        d = float(effect)
        out.update(effect=d, r=r)
        if n is not None:
            out.update(n_per_group=int(n), n=2 * int(n), power=power_controlled(d, n, r, alpha))
        else:
            nc = n_controlled(d, target, alpha, r)
            per = None if nc is None else math.ceil(nc - 1e-9)
            out.update(target_power=target, n_per_group_exact=nc, n_per_group=per,
                       n=None if per is None else 2 * per,
                       power=None if per is None else power_controlled(d, per, r, alpha))
        out["method"] = ("two-sample t-test (pwr.t.test type = 'two.sample')" if r == 0 else
                         f"ANCOVA on baseline, variance x (1 - r^2) with r = {r}, df = 2n - 3")
    elif design == "rci":
        out.update(chance=chance)
        if precision is not None:
            if share is None:
                share = 0.5
                notes.append("no expected share given: the worst case p = 0.5 was used")
            out.update(share=share, half_width=precision,
                       n=n_proportion_precision(share, precision))
            out["method"] = "precision of a proportion: n = z^2 p (1 - p) / w^2 (Wald, 95%)"
        else:
            if share is None:
                raise ValueError("rci needs --share (expected share with reliable improvement) "
                                 "or --precision")
            out["share"] = share
            if n is not None:
                out.update(n=int(n), power=power_proportion(share, int(n), chance, alpha))
            else:
                nn = n_proportion(share, chance, target, alpha)
                out.update(target_power=target, n=nn,
                           power=None if nn is None else power_proportion(share, nn, chance, alpha))
            out["method"] = ("exact one-sided binomial test of the share with reliable improvement "
                             f"against the chance level p0 = {chance}")
    else:
        raise ValueError(f"design must be prepost, controlled or rci, got {design!r}")
    if simulate and design != "prepost":
        notes.append("the simulation check is available for the prepost design only; the "
                     f"{design} answer is analytic")
    out["notes"] = notes
    return PlanResult(out)


def power_curve_data(design="prepost", effects=(0.5, 0.75), *, n_max=None, r=0.0, alpha=0.05,
                     group_size=None, target=0.8) -> list[dict]:
    """Analytic power against sample size, one curve per effect (the numbers of a power plot).

    Parameters
    ----------
    design : {"prepost", "controlled"}
        Paired t-test of change (``n`` = pairs, :func:`power_paired`) or ANCOVA/two-sample
        (``n`` = per group, :func:`power_controlled` with pre/post correlation ``r``).
    effects : sequence of float
        ``d_z`` (prepost) or ``d`` (controlled); one curve each.
    n_max : int, optional
        Largest n (default: twice the largest n needed for ``target`` power, at least 40, at
        most 2,000).
    group_size : int, optional
        Prepost: n in whole groups of this size (1, 2, ... groups).

    Returns
    -------
    list of dict
        ``{"effect": d, "n": array, "power": array}``; draw with
        :func:`impact.plots.power.power_curve_plot` or :func:`power_curve`.
    """
    import math

    effects = [e for e in effects if e is not None] or [0.5]
    if n_max is None:
        needed = [(n_paired if design == "prepost" else n_controlled)(abs(e), target, alpha)
                  for e in effects if e]
        n_max = max([40] + [int(2 * math.ceil(x)) for x in needed if x])
        n_max = min(n_max, 2000)
    curves = []
    for d in effects:
        if design == "prepost" and group_size:
            ns = np.arange(1, max(2, n_max // group_size) + 1) * group_size
            pw = power_paired(d, ns, alpha)
        else:
            ns = np.arange(3, n_max + 1)
            pw = (power_paired(d, ns, alpha) if design == "prepost"
                  else power_controlled(d, ns, r, alpha))
        curves.append({"effect": d, "n": ns, "power": np.asarray(pw)})
    return curves


def power_curve(design="prepost", effects=(0.5, 0.75), *, n_max=None, r=0.0, alpha=0.05,
                group_size=None, target=0.8, simulated=None, ax=None):
    """Power against sample size for one or more effects, with the target power marked: the
    curves of :func:`power_curve_data` drawn by :func:`impact.plots.power.power_curve_plot`
    (``simulated``: a :func:`power_grid` frame drawn as points). Returns the figure."""
    from ..plots.power import power_curve_plot

    curves = power_curve_data(design, effects, n_max=n_max, r=r, alpha=alpha,
                              group_size=group_size, target=target)
    return power_curve_plot(curves, design=design, r=r, alpha=alpha, group_size=group_size,
                            target=target, simulated=simulated, ax=ax)
