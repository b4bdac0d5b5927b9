"""Wilcoxon signed-rank test for paired data with the Hodges-Lehmann estimate, as R does it.

Everything follows R's ``wilcox.test(followup, baseline, paired = TRUE, conf.int = TRUE)``
(R >= 4.0) step by step, including its root finder for the asymptotic interval, so the numbers are
the same as R's and not merely close.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .._result import DictResult

__all__ = ["wilcoxon_signed_rank", "WilcoxonResult", "hodges_lehmann"]

_EPS = np.finfo(float).eps


@lru_cache(maxsize=128)
def _signrank_counts(n: int) -> np.ndarray:
    """Number of subsets of {1..n} with each sum 0..n(n+1)/2 (R's ``csignrank``)."""
    top = n * (n + 1) // 2
    counts = np.zeros(top + 1)
    counts[0] = 1.0
    for k in range(1, n + 1):
        counts[k:] = counts[k:] + counts[:-k].copy()
    return counts


def _psignrank(q: float, n: int, lower: bool = True) -> float:
    """R ``psignrank(q, n, lower.tail)``: P(V <= q) or P(V > q)."""
    counts = _signrank_counts(n)
    q = math.floor(q + 1e-7)
    total = 2.0 ** n
    if lower:
        return float(counts[: max(q + 1, 0)].sum() / total) if q >= 0 else 0.0
    return float(counts[max(q + 1, 0):].sum() / total)


def _qsignrank(p: float, n: int) -> int:
    """R ``qsignrank(p, n)`` for p <= 0.5: the smallest q with P(V <= q) >= p (R's fuzz)."""
    counts = _signrank_counts(n) * math.exp(-n * math.log(2))
    target = p - 10 * _EPS
    cum = np.cumsum(counts)
    return int(np.argmax(cum >= target))


def _rank(values: np.ndarray) -> np.ndarray:
    from ._dist import rankdata

    return rankdata(values)


def _zeroin(f, ax, bx, fa, fb, tol, maxit=1000):
    """R's ``uniroot`` (``R_zeroin2``, Brent 1973), line for line, so roots match R's bit for bit."""
    a, b = ax, bx
    c, fc = a, fa
    if fa == 0.0:
        return a
    if fb == 0.0:
        return b
    for _ in range(maxit + 1):
        prev_step = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol_act = 2 * _EPS * abs(b) + tol / 2
        new_step = (c - b) / 2
        if abs(new_step) <= tol_act or fb == 0.0:
            return b
        if abs(prev_step) >= tol_act and abs(fa) > abs(fb):
            cb = c - b
            if a == c:
                t1 = fb / fa
                p = cb * t1
                q = 1.0 - t1
            else:
                q = fa / fc
                t1 = fb / fc
                t2 = fb / fa
                p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0))
                q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0)
            if p > 0:
                q = -q
            else:
                p = -p
            if p < (0.75 * cb * q - abs(tol_act * q) / 2) and p < abs(prev_step * q / 2):
                new_step = p / q
        if abs(new_step) < tol_act:
            new_step = tol_act if new_step > 0 else -tol_act
        a, fa = b, fb
        b += new_step
        fb = f(b)
        if (fb > 0 and fc > 0) or (fb < 0 and fc < 0):
            c, fc = a, fa
    return b


def hodges_lehmann(change, outcome=None, *, baseline=None, followup=None, waves=None,
                   id_col="participant_id", wave_col="wave") -> float | None:
    """Hodges-Lehmann one-sample estimate: the median of the Walsh averages ``(d_i + d_j) / 2``,
    ``i <= j``. None when there is no observation. Missing values are dropped.

    ``change`` is the array of changes, or a long scores frame with ``outcome`` and the waves
    (``hodges_lehmann(scores, "pss10_score", baseline="T0", followup="T1")``).

    The Walsh averages are formed for the distinct changes, each weighted by its number of
    pairs, so scores (few distinct values) cost O(distinct^2), not O(n^2); the number is that
    of ``np.median`` over every pair.

    Examples
    --------
    R: ``wilcox.test(d, conf.int = TRUE)$estimate`` (exact case, no ties or zeros).
    """
    import pandas as pd

    if isinstance(change, pd.DataFrame):
        from ._paired import paired_scores

        _, pre, post = paired_scores(change, outcome, baseline=baseline, followup=followup,
                                     waves=waves, id_col=id_col, wave_col=wave_col)
        change = post - pre
    d = np.asarray(change, dtype=float)
    d = d[~np.isnan(d)]
    if d.size == 0:
        return None
    return _walsh_median(d)


_WALSH_PAIRS = 4_000_000   # distinct pairs enumerated at most (else every pair, as before)


def _walsh_median(d: np.ndarray) -> float:
    """``np.median`` of the Walsh averages ``(d_i + d_j) / 2``, ``i <= j``, computed on the
    distinct values of ``d`` with their multiplicities: each distinct pair's average (the same
    floating-point value as for any of its copies) carries ``c_a c_b`` pairs (``c_a (c_a + 1)
    / 2`` with itself), and the median is read from the cumulative counts, the middle two
    averaged as ``np.median`` does. Scores take few distinct values, so this costs
    O(distinct^2) instead of O(n^2) time and memory; with many distinct values every pair is
    formed, as before."""
    u, c = np.unique(d, return_counts=True)
    if u.size * (u.size + 1) // 2 > _WALSH_PAIRS:
        i, j = np.triu_indices(d.size)
        return float(np.median((d[i] + d[j]) / 2))
    i, j = np.triu_indices(u.size)
    walsh = (u[i] + u[j]) / 2
    c = c.astype(np.int64)
    weight = np.where(i == j, c[i] * (c[i] + 1) // 2, c[i] * c[j])
    order = np.argsort(walsh, kind="stable")
    walsh, cum = walsh[order], np.cumsum(weight[order])
    total = int(cum[-1])                       # n (n + 1) / 2
    lo = walsh[np.searchsorted(cum, (total - 1) // 2, side="right")]
    hi = walsh[np.searchsorted(cum, total // 2, side="right")]
    return float(np.mean(np.array([lo, hi]))) if total % 2 == 0 else float(hi)


class WilcoxonResult(DictResult):
    """Result of :func:`wilcoxon_signed_rank`; ``to_dict()`` gives every field."""

    title = "Wilcoxon signed-rank test"


def wilcoxon_signed_rank(baseline, followup=None, *, level=0.95, exact=None,
                         correct=True, waves=None, id_col="participant_id", wave_col="wave",
                         at=None) -> WilcoxonResult:
    """Wilcoxon signed-rank test of paired change with Hodges-Lehmann estimate and interval.

    Parameters
    ----------
    baseline, followup : array-like
        Paired scores; with ``followup`` None, ``baseline`` is taken as the change itself.
        Pairs with a missing value in either are dropped (complete pairs only). Or a long
        scores frame and the outcome column, with ``at=(baseline_wave, followup_wave)``
        (default: the first and last of ``waves``).
    level : float
        Confidence level of the interval of the (pseudo)median change.
    exact : bool or None
        None (R's default): exact when fewer than 50 non-zero pairs and no ties or zeros;
        otherwise the normal approximation.
    correct : bool
        Continuity correction of the normal approximation (R's default True).

    Returns
    -------
    WilcoxonResult
        ``n`` (pairs), ``n_nonzero``, ``V`` (sum of ranks of positive changes), ``p``,
        ``method`` ("exact" or "normal"), ``estimate`` (Hodges-Lehmann (pseudo)median of
        change), ``ci_low``, ``ci_high``, ``conf_level`` (achieved; can be below ``level`` for
        tiny n, as in R), ``notes``.

    Notes
    -----
    Change ``d = followup - baseline``; zeros are dropped; ranks ``r`` of ``|d|`` (mid-ranks for
    ties); ``V = sum(r[d > 0])``.

    *Exact* (n < 50, no ties, no zeros): ``p = min(1, 2 P(V' <= V))`` or the upper tail, with the
    null distribution of the signed-rank sum; the interval is ``[w_(q), w_(N - q + 1)]`` of the
    sorted Walsh averages ``w`` (``N = n(n+1)/2``, ``q = qsignrank(alpha/2, n)``), the estimate
    their median (Bauer 1972).

    *Normal approximation*: ``z = (V - n(n+1)/4 - 0.5 sign(.)) / sigma``,
    ``sigma^2 = n(n+1)(2n+1)/24 - sum(t^3 - t)/48`` over tie groups ``t``. The interval and the
    estimate are the roots of the same statistic as a function of the shift, found with R's
    ``uniroot`` (tolerance 1e-4) reproduced exactly; the estimate uses no continuity correction.

    References
    ----------
    Wilcoxon F (1945). Biometrics Bulletin 1:80-83. doi:10.2307/3001968.
    Hodges JL, Lehmann EL (1963). Ann Math Stat 34:598-611. doi:10.1214/aoms/1177704172.
    Bauer DF (1972). J Am Stat Assoc 67:687-690. doi:10.1080/01621459.1972.10481279.

    Examples
    --------
    >>> w = impact.wilcoxon_signed_rank([20, 18, 25, 30], [15, 17, 20, 22])
    >>> w["V"], round(w["p"], 4), w["method"], round(w["estimate"], 3)
    (0.0, 0.0975, 'normal', -5.0)

    R: ``wilcox.test(followup, baseline, paired = TRUE, conf.int = TRUE)``.
    """
    from ._dist import norm

    import pandas as pd

    if isinstance(baseline, pd.DataFrame):
        # data first: wilcoxon_signed_rank(scores, "pss10_score", at=("T0", "T1"))
        from ._paired import paired_scores

        first, last = at if at is not None else (None, None)
        _, baseline, followup = paired_scores(baseline, followup, baseline=first,
                                              followup=last, waves=waves, id_col=id_col,
                                              wave_col=wave_col)
    x = np.asarray(baseline, dtype=float)
    if followup is None:
        d = x.copy()
    else:
        y = np.asarray(followup, dtype=float)
        d = y - x
    d = d[~np.isnan(d)]
    n_all = int(d.size)
    notes: list[str] = []
    out = {"n": n_all, "n_nonzero": None, "V": None, "p": None, "method": None,
           "estimate": None, "ci_low": None, "ci_high": None, "conf_level": None, "notes": notes}
    if n_all == 0:
        notes.append("Wilcoxon: no complete pair")
        return WilcoxonResult(out)
    alpha = 1 - level
    zeroes = bool(np.any(d == 0))
    nz = d[d != 0]
    n = int(nz.size)
    out["n_nonzero"] = n
    if n == 0:
        notes.append("Wilcoxon: every change is zero; no test")
        return WilcoxonResult(out)
    r = _rank(np.abs(nz))
    V = float(r[nz > 0].sum())
    out["V"] = V
    ties = len(np.unique(r)) != n
    use_exact = (n < 50) if exact is None else bool(exact)
    if use_exact and not ties and not zeroes:
        out["method"] = "exact"
        if V > n * (n + 1) / 4:
            p = _psignrank(V - 1, n, lower=False)
        else:
            p = _psignrank(V, n)
        out["p"] = min(2 * p, 1.0)
        i, j = np.triu_indices(d.size)
        walsh = np.sort((d[i] + d[j]) / 2)
        qu = _qsignrank(alpha / 2, n)
        if qu == 0:
            qu = 1
        ql = n * (n + 1) // 2 - qu
        achieved = 2 * _psignrank(qu - 1, n)
        out["ci_low"], out["ci_high"] = float(walsh[qu - 1]), float(walsh[ql])
        conf = level
        if achieved - alpha > alpha / 2:
            conf = 1 - float(f"{achieved:.2g}")
            notes.append(f"Wilcoxon: the requested {level:.0%} interval is not achievable with "
                         f"n = {n}; the interval has {conf:.0%} coverage")
        out["conf_level"] = conf
        out["estimate"] = float(np.median(walsh))
        return WilcoxonResult(out)

    out["method"] = "normal"
    if use_exact and (ties or zeroes):
        notes.append("Wilcoxon: ties or zero changes, so the normal approximation with "
                     "continuity correction is used (as R does)")
    _, tie_counts = np.unique(r, return_counts=True)
    z = V - n * (n + 1) / 4
    sigma = math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - float((tie_counts ** 3 - tie_counts).sum()) / 48)
    corr = math.copysign(0.5, z) if (correct and z != 0) else 0.0
    z = (z - corr) / sigma
    out["p"] = float(2 * min(norm.cdf(z), norm.sf(z)))

    # As R, the interval and estimate of the normal branch use the non-zero changes only.
    # W(shift) re-ranks |nz - shift| for every root-finder step. The changes are sorted and
    # their distinct values counted once; |nz - shift| is then two sorted runs of distinct
    # values (left of the shift reversed, right of it), each with its count, merged by a
    # stable sort; equal values (also across the runs) form one tie group, whose mid-rank
    # follows from the counts. Scores take few distinct values, so a step costs O(distinct
    # values), not O(n). The ranks are exactly those of rank(abs(x - d)) in R: rank sums and
    # tie terms are sums of multiples of 1/2 and of integers, exact in any order.
    ux, cx = np.unique(nz, return_counts=True)

    def W(shift, use_correct):
        lo = int(np.searchsorted(ux, shift, "left"))
        hi = int(np.searchsorted(ux, shift, "right"))
        neg = shift - ux[:lo][::-1]
        pos = ux[hi:] - shift
        if neg.size + pos.size == 0:
            return math.nan
        a = np.concatenate([neg, pos])
        w = np.concatenate([cx[:lo][::-1], cx[hi:]])
        order = np.argsort(a, kind="stable")
        sa, sw = a[order], w[order]
        flags = np.empty(sa.size, dtype=bool)
        flags[0] = True
        np.not_equal(sa[1:], sa[:-1], out=flags[1:])
        starts = np.flatnonzero(flags)
        counts = np.add.reduceat(sw, starts)             # observations per tie group
        before = np.cumsum(counts) - counts              # observations ranked below the group
        mid = before + (counts + 1) / 2.0
        group = np.cumsum(flags) - 1
        positive = order >= neg.size
        nx = int(counts.sum())
        zd = float((mid[group[positive]] * sw[positive]).sum()) - nx * (nx + 1) / 4
        tc = counts.astype(float)
        sig = math.sqrt(nx * (nx + 1) * (2 * nx + 1) / 24 - float((tc ** 3 - tc).sum()) / 48)
        if sig == 0:
            return math.nan
        c = (math.copysign(0.5, zd) if zd != 0 else 0.0) if use_correct else 0.0
        return (zd - c) / sig

    mumin, mumax = float(nz.min()), float(nz.max())
    w_min = W(mumin, correct)
    w_max = W(mumax, correct) if math.isfinite(w_min) else math.nan
    if not (math.isfinite(w_min) and math.isfinite(w_max)):
        # As R: every non-zero change is the same value, so there is no interval (conf.level
        # 0), and the estimate is their median (the common value).
        out["estimate"] = float(np.median(nz))
        out["conf_level"] = 0.0
        notes.append("Wilcoxon: every non-zero change has the same value, so there is no "
                     "interval; the estimate is that value (as R)")
        return WilcoxonResult(out)
    a = alpha
    while True:
        if (w_min - norm.isf(a / 2)) < 0 or (w_max - norm.ppf(a / 2)) > 0:
            a *= 2
        else:
            break
    conf = level
    if a >= 1 or 1 - level < a * 0.75:
        conf = 1 - min(1.0, a)
        notes.append(f"Wilcoxon: the requested {level:.0%} interval is not achievable; "
                     f"coverage {conf:.0%}")
    if a < 1:
        def root(zq):
            return _zeroin(lambda s: W(s, correct) - zq, mumin, mumax, w_min - zq, w_max - zq,
                           1e-4)

        out["ci_low"], out["ci_high"] = root(norm.isf(a / 2)), root(norm.ppf(a / 2))
    else:
        out["ci_low"] = out["ci_high"] = float(np.median(nz))
    out["conf_level"] = conf
    f0, f1 = W(mumin, False), W(mumax, False)
    out["estimate"] = _zeroin(lambda s: W(s, False), mumin, mumax, f0, f1, 1e-4)
    return WilcoxonResult(out)
