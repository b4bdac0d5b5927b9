"""Scoring PSS-10 checked against hand computation, on the command line and in Python."""

import numpy as np
import pandas as pd
import pytest

import impact

from .conftest import run_cli

ITEMS = [f"pss10_{k}" for k in range(1, 11)]
REVERSED = {4, 5, 7, 8}


def hand_pss10(row):
    """Independent hand computation: reverse 4, 5, 7, 8 as 4 - x, prorate with <= 1 missing."""
    keyed = []
    for k in range(1, 11):
        v = row[f"pss10_{k}"]
        if v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        keyed.append(4 - v if k in REVERSED else v)
    if len(keyed) < 9:
        return float("nan")
    return sum(keyed) * 10 / len(keyed)


def test_known_rows():
    frame = pd.DataFrame([
        dict(participant_id="a", wave="T0", **{c: 0 for c in ITEMS}),  # reversed items -> 4 each
        dict(participant_id="b", wave="T0", **{c: 4 for c in ITEMS}),  # 6 x 4 + 4 x 0
        dict(participant_id="c", wave="T0", **dict(zip(ITEMS, [1, 2, 3, 4, 0, 1, 2, 3, 4, 0]))),
    ])
    s = impact.score(frame, "pss10")
    assert s["pss10_score"].tolist() == [16.0, 24.0, 1 + 2 + 3 + 0 + 4 + 1 + 2 + 1 + 4 + 0]
    assert s["pss10_helplessness"].tolist() == [0.0, 24.0, 1 + 2 + 3 + 1 + 4 + 0]
    assert s["pss10_self_efficacy"].tolist() == [16.0, 0.0, 0 + 4 + 2 + 1]
    assert s["pss10_answered"].tolist() == [10, 10, 10]


def test_missing_item_rule_on_both_sides_of_threshold():
    base = dict(zip(ITEMS, [2] * 10))
    one_missing = {**base, "pss10_3": None}
    two_missing = {**base, "pss10_3": None, "pss10_4": None}
    frame = pd.DataFrame([dict(participant_id=i, wave="T0", **r)
                          for i, r in enumerate([base, one_missing, two_missing])])
    s = impact.score(frame, "pss10")
    assert s["pss10_score"].iloc[0] == 20.0
    assert s["pss10_score"].iloc[1] == pytest.approx(18 * 10 / 9)  # prorated
    assert np.isnan(s["pss10_score"].iloc[2])  # below the rule: empty, not a guess
    assert np.isnan(s["pss10_helplessness"].iloc[1])  # subscale needs all its items
    assert s["pss10_answered"].tolist() == [10, 9, 8]


def test_cli_score_matches_hand_computation(kor_dir, tmp_path):
    out = tmp_path / "scores.csv"
    proc = run_cli("score", kor_dir / "responses.csv", "--instrument", "pss10", "--output", out)
    assert proc.returncode == 0, proc.stderr
    scores = pd.read_csv(out)
    raw = pd.read_csv(kor_dir / "responses.csv")
    assert list(scores.columns) == ["participant_id", "wave", "pss10_score", "pss10_helplessness",
                                    "pss10_self_efficacy", "pss10_answered"]
    expected = [hand_pss10(r) for r in raw[ITEMS].astype(float).to_dict("records")]
    np.testing.assert_allclose(scores["pss10_score"], expected, rtol=0, atol=1e-12)
    assert scores["pss10_score"].notna().sum() >= 50
    assert (scores[["participant_id", "wave"]].to_numpy() == raw[["participant_id", "wave"]].to_numpy()).all()


def test_input_file_is_not_modified(kor_dir, tmp_path):
    before = (kor_dir / "responses.csv").read_bytes()
    run_cli("score", kor_dir / "responses.csv", "--instrument", "pss10", "--output",
            tmp_path / "s.csv", check=True)
    assert (kor_dir / "responses.csv").read_bytes() == before


def test_output_may_not_overwrite_input(kor_dir, tmp_path):
    copy = tmp_path / "r.csv"
    copy.write_bytes((kor_dir / "responses.csv").read_bytes())
    proc = run_cli("score", copy, "--instrument", "pss10", "--output", copy)
    assert proc.returncode == 2
    assert "overwrite an input" in proc.stderr
    assert copy.read_bytes() == (kor_dir / "responses.csv").read_bytes()
