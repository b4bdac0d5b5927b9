"""Brent's root finder without importing :mod:`scipy.optimize`.

:func:`brentq` is a line-by-line port of SciPy's ``scipy/optimize/Zeros/brentq.c`` (Charles
Harris; BSD-3-Clause, compatible with this package's GPL), the routine behind
``scipy.optimize.brentq``. Importing ``scipy.optimize`` costs about 0.17 s of a report's
single-process time (its ``__init__`` loads the linear-programming and global optimisers), for
one call that finds the bounds of a confidence interval. The port does the same floating-point
operations in the same order, so it returns the same root bit for bit (tests/test_roots.py
compares the two on random brackets and functions).
"""

from __future__ import annotations

import math


def _signbit(x: float) -> bool:
    return math.copysign(1.0, x) < 0


def brentq(f, a: float, b: float, xtol: float = 2e-12, rtol: float = 8.881784197001252e-16,
           maxiter: int = 100) -> float:
    """Root of ``f`` in ``[a, b]`` by Brent's method, as ``scipy.optimize.brentq(f, a, b,
    xtol=xtol, rtol=rtol, maxiter=maxiter)``.

    ``f(a)`` and ``f(b)`` must differ in sign. Stops when the bracket is shorter than
    ``xtol + rtol * |x|`` (returns the current estimate) and raises ``RuntimeError`` when
    ``maxiter`` iterations do not get there, ``ValueError`` when ``f`` returns NaN or the bracket
    does not change sign (SciPy's messages).

    References
    ----------
    Brent, R. P. (1973). *Algorithms for Minimization Without Derivatives*, ch. 3-4.
    R: ``uniroot(f, c(a, b), tol = ...)`` is the same method with another stopping rule.
    """
    if xtol <= 0:
        raise ValueError(f"xtol too small ({xtol:g} <= 0)")
    if rtol < 4 * 2.220446049250313e-16:
        raise ValueError(f"rtol too small ({rtol:g} < {4 * 2.220446049250313e-16:g})")

    def call(x):
        value = float(f(x))
        if math.isnan(value):
            raise ValueError("The function value at x=%f is NaN; solver cannot continue." % x)
        return value

    xpre, xcur = float(a), float(b)
    xblk = fblk = spre = scur = 0.0
    fpre = call(xpre)
    fcur = call(xcur)
    if fpre == 0:
        return xpre
    if fcur == 0:
        return xcur
    if _signbit(fpre) == _signbit(fcur):
        raise ValueError("f(a) and f(b) must have different signs")
    for _ in range(maxiter):
        if fpre != 0 and fcur != 0 and _signbit(fpre) != _signbit(fcur):
            xblk = xpre
            fblk = fpre
            spre = scur = xcur - xpre
        if abs(fblk) < abs(fcur):
            xpre = xcur
            xcur = xblk
            xblk = xpre
            fpre = fcur
            fcur = fblk
            fblk = fpre
        delta = (xtol + rtol * abs(xcur)) / 2
        sbis = (xblk - xcur) / 2
        if fcur == 0 or abs(sbis) < delta:
            return xcur
        if abs(spre) > delta and abs(fcur) < abs(fpre):
            if xpre == xblk:
                stry = -fcur * (xcur - xpre) / (fcur - fpre)           # interpolate
            else:                                                     # extrapolate
                dpre = (fpre - fcur) / (xpre - xcur)
                dblk = (fblk - fcur) / (xblk - xcur)
                stry = -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre))
            if 2 * abs(stry) < min(abs(spre), 3 * abs(sbis) - delta):
                spre = scur                                           # good short step
                scur = stry
            else:
                spre = sbis                                           # bisect
                scur = sbis
        else:
            spre = sbis                                               # bisect
            scur = sbis
        xpre = xcur
        fpre = fcur
        if abs(scur) > delta:
            xcur += scur
        else:
            xcur += delta if sbis > 0 else -delta
        fcur = call(xcur)
    raise RuntimeError(f"Failed to converge after {maxiter} iterations, value is {xcur}.")
