"""Properties of the reliability statistics (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impact

# random item sets sometimes hold an item that correlates negatively with the rest; reliability()
# rightly warns of a reversed item then (tests/test_reliability.py checks that warning), which is
# not what these properties are about
pytestmark = pytest.mark.filterwarnings(
    "ignore:item\\(s\\) correlating negatively:UserWarning")


@st.composite
def item_sets(draw):
    """Items driven by one common factor plus noise, so alpha is usually well defined."""
    n = draw(st.integers(10, 60))
    k = draw(st.integers(2, 7))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    common = rng.normal(size=(n, 1))
    return np.round(common * draw(st.floats(0.3, 2.0)) + rng.normal(size=(n, k)) * 1.0 + 3, 0)


@settings(max_examples=40, deadline=None)
@given(x=item_sets(), seed=st.integers(0, 2**32 - 1))
def test_row_order_does_not_matter(x, seed):
    a = impact.reliability(x).to_dict()
    b = impact.reliability(x[np.random.default_rng(seed).permutation(len(x))]).to_dict()
    for key in ("alpha", "omega_total"):
        if a[key] is None:
            assert b[key] is None
        else:
            assert b[key] == pytest.approx(a[key], abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(x=item_sets(), shift=st.integers(-5, 5), scale=st.floats(0.5, 3.0))
def test_alpha_is_invariant_to_shifting_items_and_bounded(x, shift, scale):
    r = impact.reliability(x)
    if r.alpha is None:
        return
    assert r.alpha <= 1 + 1e-12
    lo, hi = r.alpha_ci
    assert lo <= r.alpha <= hi
    assert impact.reliability(x + shift).alpha == pytest.approx(r.alpha, abs=1e-9)
    # scaling every item alike leaves alpha unchanged too
    assert impact.reliability(x * scale).alpha == pytest.approx(r.alpha, abs=1e-9)
    for item in r.items:
        assert item["item_total_r"] is None or -1 - 1e-12 <= item["item_total_r"] <= 1 + 1e-12
