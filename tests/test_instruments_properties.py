"""Properties of scoring (hypothesis): row order never changes scores, scores stay within their
declared range for any valid input, reversing twice is the identity."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import impact
from impact.instruments.scoring import _key_in_place

IDS = [i.id for i in impact.list_instruments()]
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def responses(draw, max_rows=25):
    """An instrument id and a frame of valid answers with missing cells."""
    iid = draw(st.sampled_from(IDS))
    inst = impact.get_instrument(iid)
    n = draw(st.integers(1, max_rows))
    lo, hi = int(inst.min), int(inst.max)
    cells = draw(st.lists(st.one_of(st.integers(lo, hi), st.none()),
                          min_size=n * inst.items, max_size=n * inst.items))
    values = np.array([np.nan if c is None else c for c in cells], dtype=float)
    frame = pd.DataFrame(values.reshape(n, inst.items), columns=inst.item_columns)
    frame.insert(0, "participant_id", [f"p{i}" for i in range(n)])
    frame.insert(1, "wave", "T0")
    return inst, frame


@SETTINGS
@given(data=responses(), seed=st.integers(0, 2**32 - 1))
def test_row_order_never_changes_scores(data, seed):
    inst, frame = data
    order = np.random.default_rng(seed).permutation(len(frame))
    direct = impact.score(frame, inst)
    shuffled = impact.score(frame.iloc[order], inst)
    pd.testing.assert_frame_equal(direct.iloc[order], shuffled)


@SETTINGS
@given(data=responses())
def test_scores_stay_within_range(data):
    inst, frame = data
    scores = impact.score(frame, inst)
    for column in inst.outcome_columns + [c for c in (inst.raw_column,) if c]:
        lo, hi = inst.column_range(column)
        values = scores[column].to_numpy(dtype=float)
        values = values[~np.isnan(values)]
        assert np.all(values >= lo - 1e-9) and np.all(values <= hi + 1e-9), column
    answered = scores[f"{inst.id}_answered"].to_numpy()
    assert np.array_equal(answered, frame[inst.item_columns].notna().sum(axis=1).to_numpy())
    for target, bands in inst.categories.items():
        cat = scores[inst.category_column(target)]
        assert set(cat.dropna().astype(str)) <= {b.id for b in bands}
        assert cat.isna().to_numpy().tolist() == \
            scores[inst.target_column(target)].isna().to_numpy().tolist()


@SETTINGS
@given(lo=st.integers(-3, 3), width=st.integers(1, 10), n=st.integers(1, 30),
       seed=st.integers(0, 2**32 - 1))
def test_reversing_twice_is_identity(lo, width, n, seed):
    hi = lo + width
    inst = impact.instrument_from_dict({"id": "x", "name": "x", "items": 4, "min": lo, "max": hi,
                                        "reverse": [1, 3]})
    rng = np.random.default_rng(seed)
    x = rng.integers(lo, hi + 1, size=(n, 4)).astype(float)
    x[rng.random((n, 4)) < 0.2] = np.nan
    once = _key_in_place(x.copy(), inst)
    twice = _key_in_place(once.copy(), inst)
    np.testing.assert_array_equal(twice, x)
    # the reversed items span the declared range whatever was observed
    assert np.all((once[:, [0, 2]] >= lo) | np.isnan(once[:, [0, 2]]))
    np.testing.assert_array_equal(once[:, [1, 3]], x[:, [1, 3]])
