"""Quote selection per theme: selected first, varied speakers, readable, no redaction tokens."""

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from impact.qual.select import has_redaction, parse_selected, select_quotes

LONG = "Ik kwam elke week weer graag naar het atelier, het gaf me rust en ik sprak nieuwe mensen."


def frame(rows):
    return pd.DataFrame(rows, columns=["quote_id", "participant_id", "role", "theme", "text"]
                        + (["selected"] if rows and len(rows[0]) > 5 else []))


def test_selected_quotes_come_first_in_file_order():
    q = frame([
        ("q1", "P1", "participant", "rust", LONG, ""),
        ("q2", "P2", "participant", "rust", "Kort. " + LONG, "true"),
        ("q3", "P3", "teacher", "rust", LONG + " Echt.", "ja"),
        ("q4", "P4", "participant", "rust", LONG + " Ook.", "false"),
    ])
    out = select_quotes(q, per_theme=3)
    assert out["quote_id"].tolist() == ["q2", "q3", "q4"]  # q4 nearer the ideal length than q1
    assert out["chosen"].tolist() == ["selected", "selected", "picked"]
    assert out["rank"].tolist() == [1, 2, 3]


def test_varied_speakers_and_roles_and_no_tokens_when_others_exist():
    q = frame([
        ("q1", "P1", "participant", "contact", "Via [naam] kwam ik erbij en ik ben er nog steeds blij om."),
        ("q2", "P1", "participant", "contact", LONG),
        ("q3", "P1", "participant", "contact", LONG + " Heel fijn."),
        ("q4", "P2", "teacher", "contact", "De groep hielp elkaar steeds meer, ook buiten de les om."),
        ("q5", "P3", "participant", "contact", "Bel me op [telefoon] als er weer een cursus is, zeker weten."),
    ])
    out = select_quotes(q, per_theme=2)
    assert out["quote_id"].tolist() == ["q3", "q4"]  # P1 and P2, participant and teacher
    assert not any(has_redaction(t) for t in out["text"])
    # only quotes with tokens left: then they are shown rather than nothing
    only = select_quotes(q[q.quote_id.isin(["q1", "q5"])], per_theme=2)
    assert sorted(only["quote_id"]) == ["q1", "q5"]


def test_readable_length_preferred():
    short = "Fijn."
    very_long = "Het was " + "heel erg " * 60 + "fijn."
    q = frame([("q1", "P1", "participant", "t", short), ("q2", "P2", "participant", "t", very_long),
               ("q3", "P3", "participant", "t", LONG)])
    assert select_quotes(q, per_theme=1)["quote_id"].tolist() == ["q3"]


def test_themes_from_codings_and_reuse_avoided():
    q = pd.DataFrame({"quote_id": ["a", "b", "c"], "participant_id": ["P1", "P2", "P3"],
                      "role": ["participant"] * 3, "text": [LONG + " yz", LONG, LONG]})
    codings = pd.DataFrame({"unit": ["a", "a", "b", "c", "a"], "coder": ["A", "A", "A", "B", "B"],
                            "code": ["rust", "contact", "rust", "contact", "rust"]})
    out = select_quotes(q, per_theme=1, codings=codings)
    assert out[["theme", "quote_id"]].values.tolist() == [["rust", "a"], ["contact", "c"]]


def test_parse_selected_and_errors():
    assert parse_selected([True, "TRUE", " ja ", 1, 0, None, float("nan"), "", "nee", "x"]) == \
        [True, True, True, True, False, False, False, False, False, True]
    with pytest.raises(ValueError, match="row 3"):
        parse_selected(["true", "misschien"])
    with pytest.raises(ValueError, match="per_theme"):
        select_quotes(frame([("q1", "P1", "participant", "t", LONG)]), per_theme=0)
    with pytest.raises(ValueError, match="theme"):
        select_quotes(pd.DataFrame({"text": [LONG]}))


def test_input_not_modified():
    q = frame([("q1", "P1", "participant", "t", LONG, "ja"), ("q2", "P2", "teacher", "t", LONG, "")])
    before = q.copy()
    select_quotes(q, per_theme=1)
    pd.testing.assert_frame_equal(q, before)


quote_rows = st.lists(
    st.tuples(st.sampled_from(["P1", "P2", "P3", "P4", "P5"]),
              st.sampled_from(["participant", "teacher", "referrer"]),
              st.sampled_from(["rust", "contact", "zelfvertrouwen"]),
              st.sampled_from([LONG, LONG + " Zeker.", "Met [naam] ging het goed, echt waar, elke week weer.",
                               "Ja.", "Het atelier voelde als thuis; ik durfde weer iets te maken."]),
              st.booleans()),
    min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(quote_rows, st.integers(1, 4))
def test_properties(rows, n):
    q = pd.DataFrame([(f"q{i}", *r[:4], r[4]) for i, r in enumerate(rows)],
                     columns=["quote_id", "participant_id", "role", "theme", "text", "selected"])
    out = select_quotes(q, per_theme=n)
    for th, group in out.groupby("theme", sort=False):
        pool = q[q.theme == th]
        assert len(group) == min(n, len(pool))
        assert group["quote_id"].is_unique
        # selected ones first, and as many as fit
        marks = group["chosen"].tolist()
        assert marks == sorted(marks, key=lambda m: m != "selected")
        assert marks.count("selected") == min(n, int(pool.selected.sum()))
        picked = group[group.chosen == "picked"]
        clean_left = pool[~pool.selected & ~pool.text.map(has_redaction)]
        # a quote with a token is only picked when no clean quote of the theme was left
        if picked.text.map(has_redaction).any():
            assert len(clean_left) < len(picked)
    # every theme of the input is filled
    assert set(out["theme"]) == set(q["theme"])
