"""Answer labels: every published label of every instrument is read as its code, whatever its
case and spacing (property test), and labels never collide within an instrument."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.instruments import get_instrument, list_instruments
from impact.io.answers import coerce_items

WITH_LABELS = [i.id for i in list_instruments() if i.answer_labels]


def test_every_verbal_instrument_has_dutch_and_english_labels():
    assert set(WITH_LABELS) == {"pss10", "pss4", "djg11", "djg6", "ucla3", "wemwbs", "swemwbs",
                                "who5", "mhi5", "k10"}
    for iid in WITH_LABELS:
        inst = get_instrument(iid)
        assert set(inst.answer_labels) == {"nl", "en"}
        for codes in inst.answer_labels.values():
            # every code of the coding has a label, and only codes of the coding
            assert sorted(codes) == list(range(int(inst.min), int(inst.max) + 1)), iid
    assert get_instrument("pss10").answer_labels["nl"] == {
        0: ("nooit",), 1: ("bijna nooit",), 2: ("soms",), 3: ("vaak",), 4: ("heel vaak",)}
    assert get_instrument("djg11").answer_labels["nl"] == {1: ("nee",), 2: ("min of meer",),
                                                           3: ("ja",)}


def _spell(label, flips, pad_left, pad_right, inner):
    chars = [c.upper() if f else c for c, f in zip(label, flips + [False] * len(label))]
    text = "".join(chars).replace(" ", " " * inner)
    return " " * pad_left + text + "\u00a0" * pad_right


@settings(max_examples=150, deadline=None)
@given(iid=st.sampled_from(WITH_LABELS), data=st.data())
def test_any_case_and_spacing_reads_as_the_code(iid, data):
    inst = get_instrument(iid)
    pairs = [(code, label) for texts in inst.answer_labels.values()
             for code, labels in texts.items() for label in labels]
    code, label = data.draw(st.sampled_from(pairs))
    text = _spell(label, data.draw(st.lists(st.booleans(), max_size=len(label))),
                  data.draw(st.integers(0, 3)), data.draw(st.integers(0, 2)),
                  data.draw(st.integers(1, 3)))
    frame = pd.DataFrame({c: [text] for c in inst.item_columns})
    frame.index = pd.RangeIndex(2, 3, name="row")
    problems = coerce_items(frame, [inst])
    assert not problems.errors, (text, problems.errors)
    assert frame[inst.item_columns[0]].tolist() == [float(code)]


@pytest.mark.parametrize("text", ["nooitt", "soms of vaak", "3 (vaak)", "TRUE"])
def test_near_labels_are_errors_with_the_known_labels(text):
    inst = get_instrument("pss10")
    frame = pd.DataFrame({c: ["2"] for c in inst.item_columns})
    frame.loc[0, "pss10_4"] = text
    problems = coerce_items(frame, [inst], file="f.csv")
    assert len(problems.errors) == 1
    error = problems.errors[0]
    assert (error.file, error.row, error.column) == ("f.csv", 2, "pss10_4")
    assert f"'{text}' is not a known answer label of pss10" in error.message
    assert "4 = heel vaak" in error.message and "4 = very often" in error.message
