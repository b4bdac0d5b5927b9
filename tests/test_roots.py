"""impact.stats._roots.brentq is scipy.optimize.brentq bit for bit (the report path uses it to
skip importing scipy.optimize), on random smooth functions and brackets, and on the
noncentral-t inversion the effect-size interval makes."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import optimize

from impact.stats import _dist
from impact.stats._roots import brentq

FUNCTIONS = {
    "tanh": lambda c, r: (lambda x: math.tanh(c * (x - r)) + (x - r) * 1e-3),
    "cubic": lambda c, r: (lambda x: (x - r) ** 3 + c * (x - r)),
    "exp": lambda c, r: (lambda x: math.exp(c * x / 3) - math.exp(c * r / 3)),
    "logistic": lambda c, r: (lambda x: 1 / (1 + math.exp(-(x - r) * c * 5)) - 0.5),
}

finite = st.floats(-4, 4, allow_nan=False)


@given(kind=st.sampled_from(sorted(FUNCTIONS)), c=finite, r=finite,
       left=st.floats(0.01, 20), right=st.floats(0.01, 20),
       tol=st.sampled_from([(2e-12, 8.881784197001252e-16), (1e-13, 1e-14), (1e-6, 1e-10)]))
def test_same_root_as_scipy(kind, c, r, left, right, tol):
    f = FUNCTIONS[kind](c, r)
    a, b = r - left, r + right
    try:
        expected = optimize.brentq(f, a, b, xtol=tol[0], rtol=tol[1])
    except (ValueError, RuntimeError, OverflowError) as error:
        with pytest.raises(type(error)):
            brentq(f, a, b, xtol=tol[0], rtol=tol[1])
        return
    assert brentq(f, a, b, xtol=tol[0], rtol=tol[1]) == expected


def test_noncentral_t_inversion_as_the_effect_size_interval_does():
    """The bounds of d_z's interval: P(T(df, ncp) <= t) = 0.975 and 0.025."""
    for t, df in [(2.4, 7), (-3.9, 34), (0.2, 11), (8.5, 59)]:
        for target in (0.975, 0.025):
            def f(ncp):
                value = float(_dist.nct.cdf(t, df, ncp))
                return (0.0 if ncp > t else 1.0) - target if math.isnan(value) else value - target
            lo, hi = t - 6, t + 6
            assert brentq(f, lo, hi, xtol=1e-13, rtol=1e-14) == optimize.brentq(
                f, lo, hi, xtol=1e-13, rtol=1e-14)


def test_errors_as_scipy():
    with pytest.raises(ValueError, match="different signs"):
        brentq(lambda x: x * x + 1, -1, 1)
    with pytest.raises(ValueError, match="NaN"):
        brentq(lambda x: math.nan, -1, 1)
    step = lambda x: math.copysign(1.0, x - 0.3)  # noqa: E731 - bisection only
    with pytest.raises(RuntimeError, match="converge"):
        optimize.brentq(step, -1e6, 1, maxiter=3)
    with pytest.raises(RuntimeError, match="converge"):
        brentq(step, -1e6, 1, maxiter=3)
    with pytest.raises(ValueError, match="xtol"):
        brentq(lambda x: x, -1, 1, xtol=0)
    assert brentq(lambda x: x, 0.0, 1.0) == 0.0


def test_the_report_path_does_not_import_scipy_optimize():
    import subprocess
    import sys

    code = ("import sys; from impact.stats.effectsize import dz_ci; dz_ci(2.4, 12); "
            "print('scipy.optimize' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
    assert np.isfinite(dz_ci_bounds := __import__("impact.stats.effectsize", fromlist=["dz_ci"])
                       .dz_ci(2.4, 12)).all() and dz_ci_bounds[0] < 2.4 / math.sqrt(12)
