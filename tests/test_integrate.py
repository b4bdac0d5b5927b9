"""Joint displays: counts, suppression and the converge/diverge/expand rules."""

import pandas as pd
import pytest

from impact.errors import InputError
from impact.studies.joint import (code_valence, joint_inference, linked_codes, side_by_side,
                              statistics_by_theme, suppress_small_counts, themes_by_change)

from .evidence_helpers import outcome, results

IDS = [f"KOR-{i:03d}" for i in range(1, 31)]
CATS = ["improved"] * 10 + ["recovered"] * 2 + ["unchanged"] * 10 + ["deteriorated"] * 8


def change_frame():
    return pd.DataFrame({"participant_id": IDS, "outcome": "pss10_score", "category": CATS,
                         "change": [-8.0 + 0.1 * i for i in range(30)], "age": 50})


def code_matrix():
    # gains/confidence: 11 of 12 improved, 3 of 10 unchanged, 1 of 8 deteriorated
    # barriers/transport: 2 improved, 4 unchanged, 6 deteriorated
    # mental/calm: everyone
    gain = [1] * 11 + [0] + [1] * 3 + [0] * 7 + [1] + [0] * 7
    barrier = [1, 1] + [0] * 10 + [1] * 4 + [0] * 6 + [1] * 6 + [0, 0]
    return pd.DataFrame({"gains/confidence": gain, "barriers/transport": barrier,
                         "mental/calm": [1] * 30}, index=pd.Index(IDS, name="participant_id"))


def test_themes_by_change_counts_percentages_and_inference():
    table = themes_by_change(change_frame(), code_matrix(), min_cell_size=1)
    rows = {r["code"]: r for r in table.rows}
    g = rows["gains/confidence"]
    assert (g["n_improved"], g["n_unchanged"], g["n_deteriorated"]) == (11, 3, 1)
    assert g["pct_improved"] == pytest.approx(100 * 11 / 12)
    assert g["pct_deteriorated"] == pytest.approx(12.5)
    assert table.meta["totals"] == {"improved": 12, "unchanged": 10, "deteriorated": 8}
    # positive code more frequent among improved (11/12 vs 4/18) -> converges
    assert g["valence"] == 1 and g["inference"] == "converges"
    b = rows["barriers/transport"]
    # negative code less frequent among improved (2/12 vs 10/18) -> converges
    assert b["valence"] == -1 and b["inference"] == "converges"
    assert rows["mental/calm"]["inference"] == "expands"     # neutral, everywhere
    # the same positive code declared negative -> diverges
    flipped = themes_by_change(change_frame(), code_matrix(), min_cell_size=1,
                               valence={"gains/confidence": "negative"})
    assert flipped.rows[0]["inference"] == "diverges"


def test_themes_by_change_suppresses_small_cells():
    table = themes_by_change(change_frame(), code_matrix(), min_cell_size=10)
    rows = {r["code"]: r for r in table.rows}
    g = rows["gains/confidence"]
    assert g["n_improved"] == 11 and g["n_unchanged"] is None and g["suppressed_unchanged"]
    assert g["n_deteriorated"] is None and g["pct_deteriorated"] is None   # total 8 < 10
    # 8 deteriorated is hidden; 30 paired is published, so 8 = 30 - 12 - 10 unless the
    # smallest other category (10 unchanged) is hidden too: secondary suppression
    assert rows["mental/calm"]["n_unchanged"] is None
    assert rows["mental/calm"]["n_improved"] == 12
    assert rows["mental/calm"]["n_deteriorated"] is None                  # whole column hidden
    assert table.meta["totals"]["deteriorated"] is None
    assert table.meta["totals"]["unchanged"] is None
    assert g["inference"] == "suppressed" and table.notes
    # complement: 12 improved, 11 with the code -> only 1 without -> hidden as well
    comp = themes_by_change(change_frame(), code_matrix(), min_cell_size=2, complement=True)
    assert comp.rows[0]["n_improved"] is None
    assert list(suppress_small_counts([0, 9, 10], 10)) == [False, True, False]
    assert list(suppress_small_counts([0, 9, 10], 10, suppress_zeros=True)) == [True, True, False]
    with pytest.raises(InputError):
        suppress_small_counts([1], 0)


def test_participants_only_in_both_frames_count():
    codes = code_matrix().iloc[:20]       # last 10 participants were not interviewed
    table = themes_by_change(change_frame(), codes, min_cell_size=1)
    # an empty category reveals no one and is shown (as impact.smallcells does); with
    # suppress_zeros it is hidden like any small count
    assert table.meta["totals"] == {"improved": 12, "unchanged": 8, "deteriorated": 0}
    strict = themes_by_change(change_frame(), codes, min_cell_size=1, suppress_zeros=True)
    assert strict.meta["totals"]["deteriorated"] is None


def test_bad_inputs_name_row_and_column():
    bad = change_frame()
    bad.loc[3, "category"] = "better"
    with pytest.raises(InputError) as err:
        themes_by_change(bad, code_matrix())
    assert err.value.column == "category" and err.value.row == 5
    codes = code_matrix()
    codes.iloc[2, 1] = 2
    with pytest.raises(InputError) as err:
        themes_by_change(change_frame(), codes)
    assert err.value.column == "barriers/transport" and err.value.row == 4


def test_side_by_side_relabels_and_hides_small_groups():
    shown = side_by_side(change_frame(), code_matrix(), min_cell_size=10)
    assert len(shown.rows) == 30 and shown.meta["shown"]
    labels = [r["label"] for r in shown.rows]
    assert labels[:2] == ["P01", "P02"] and not set(IDS) & set(str(shown.to_dict()).split("'"))
    assert "age" not in shown.rows[0]
    first = shown.rows[0]
    assert first["category"] == "improved" and first["change"] == -8.0
    assert set(first["codes"]) == {"gains/confidence", "barriers/transport", "mental/calm"}
    # improved, with one positive and one negative code: mixed accounts -> expands
    assert first["inference"] == "expands"
    third = shown.rows[2]                      # improved, gains + calm -> converges
    assert third["codes"] == ["gains/confidence", "mental/calm"] and third["inference"] == "converges"
    hidden = side_by_side(change_frame().iloc[:9], code_matrix(), min_cell_size=10)
    assert hidden.rows == [] and not hidden.meta["shown"] and "fewer than 10" in hidden.notes[0]


def test_statistics_by_theme_links_codes_quotes_and_rules():
    res = results(outcome(), outcome("mph_participation", primary=False, change=0.2, low=-0.3,
                                     high=0.7, d=0.1, d_ci=(-0.2, 0.4)))
    codes = pd.DataFrame({"mental/self-confidence": [1] * 12 + [0] * 3,
                          "participation/social-contacts": [1] * 4 + [0] * 11},
                         index=[f"P{i}" for i in range(15)])
    quotes = pd.DataFrame({"code": ["mental/self-confidence"] * 3 + ["participation/social-contacts"],
                           "text": ["I feel calmer", "More confident now", "Still tense",
                                    "Met new people"],
                           "role": "participant", "wave": "T1",
                           "valence": ["positive", "positive", "negative", "positive"]})
    table = statistics_by_theme(res, codes, quotes, min_cell_size=10)
    pss, mph = table.rows
    assert pss["codes"] == ["mental/self-confidence"] and pss["quantitative"] == "improved"
    assert pss["n_coded"] == 12 and len(pss["quotes"]) == 2
    assert pss["qualitative"] == "positive" and pss["inference"] == "converges"   # 2 of 3
    assert mph["codes"] == ["participation/social-contacts"] and mph["n_coded"] is None
    assert mph["n_coded_suppressed"] and mph["quantitative"] == "no_clear_change"
    assert mph["inference"] == "expands"
    # stress went down (good) but the accounts are predominantly negative -> diverges
    neg = quotes.assign(valence="negative")
    assert statistics_by_theme(res, codes, neg).rows[0]["inference"] == "diverges"
    # override mapping: nothing linked -> silent
    table = statistics_by_theme(res, codes, quotes, mapping={"pss10_score": ["body"]})
    assert table.rows[0]["codes"] == [] and table.rows[0]["inference"] == "silent"


def test_rules_are_explicit():
    assert joint_inference(1, 1) == "converges" and joint_inference(0, 0) == "converges"
    assert joint_inference(1, -1) == "diverges" and joint_inference(-1, 1) == "diverges"
    assert joint_inference(1, 0) == "expands" and joint_inference(0, 1) == "expands"
    assert joint_inference(None, 1) == "expands" and joint_inference(1, None) == "expands"
    assert joint_inference(1, 1, has_qualitative=False) == "silent"
    assert code_valence("Barriers/transport") == -1 and code_valence("winst/rust") == 1
    assert code_valence("mental/calm") == 0 and code_valence("mental/calm", {"mental/calm": 1}) == 1
    assert linked_codes("mph_mental", ["mental/calm", "body/sleep", "Mental"]) == ["mental/calm", "Mental"]
    assert linked_codes("djg11_score", ["participation/new contacts", "social"]) == \
        ["participation/new contacts", "social"]
    assert linked_codes("unknown_score", ["mental"]) == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(data=st.data(), n=st.integers(1, 40), k=st.integers(1, 4), m1=st.integers(1, 8),
       extra=st.integers(0, 8))
def test_counts_add_up_and_raising_the_threshold_never_reveals(data, n, k, m1, extra):
    cats = data.draw(st.lists(st.sampled_from(["improved", "recovered", "unchanged",
                                               "deteriorated"]), min_size=n, max_size=n))
    cells = data.draw(st.lists(st.lists(st.integers(0, 1), min_size=k, max_size=k),
                               min_size=n, max_size=n))
    ids = [f"p{i}" for i in range(n)]
    change = pd.DataFrame({"participant_id": ids, "category": cats})
    codes = pd.DataFrame(cells, index=ids, columns=[f"c{j}" for j in range(k)])
    low = themes_by_change(change, codes, min_cell_size=m1)
    high = themes_by_change(change, codes, min_cell_size=m1 + extra)
    for j, (a, b) in enumerate(zip(low.rows, high.rows)):
        shown = [a[f"n_{c}"] for c in ("improved", "unchanged", "deteriorated")]
        assert all(x is None or x == 0 or x >= m1 for x in shown)
        if m1 == 1:
            assert sum(x or 0 for x in shown) == int(codes[f"c{j}"].sum())
        for c in ("improved", "unchanged", "deteriorated"):
            assert not (a[f"suppressed_{c}"] and not b[f"suppressed_{c}"])


def test_default_mapping_links_the_default_codebook_ids():
    ids = ["body", "mental", "self_confidence", "pride", "meaning", "something_to_hold_on_to",
           "quality", "participation", "social_contact", "being_taken_seriously", "threshold",
           "daily"]
    assert linked_codes("pss10_score", ids) == ["mental", "self_confidence", "pride"]
    assert linked_codes("mph_participation", ids) == ["participation", "social_contact",
                                                      "being_taken_seriously"]
    assert linked_codes("djg11_score", ids) == ["participation", "social_contact",
                                                "being_taken_seriously"]
    assert not any("threshold" in linked_codes(o, ids) for o in
                   ["pss10_score", "wemwbs_score", "mph_participation", "ucla3_score"])


def test_exemplar_quotes_without_role_or_wave_show_none():
    res = results(outcome())
    codes = pd.DataFrame({"mental": [1] * 3}, index=["a", "b", "c"])
    quotes = pd.DataFrame({"code": ["mental"], "text": ["calmer"], "role": [float("nan")]})
    q = statistics_by_theme(res, codes, quotes, min_cell_size=1).rows[0]["quotes"][0]
    assert q == {"code": "mental", "text": "calmer", "role": None, "wave": None}


def test_inference_uses_shown_cells_only():
    # gains/confidence among the deteriorated (1) is under 3: improved is compared with
    # unchanged alone
    table = themes_by_change(change_frame(), code_matrix(), min_cell_size=3)
    b = {r["code"]: r for r in table.rows}["barriers/transport"]
    assert b["suppressed_improved"] and b["inference"] == "suppressed"        # 2 < 3
    g = {r["code"]: r for r in table.rows}["gains/confidence"]
    assert g["suppressed_deteriorated"] and not g["suppressed_unchanged"]
    # 11/12 improved against 3/10 unchanged: positive code, more often among improved
    assert g["inference"] == "converges"


def test_nobody_to_compare_with_is_not_comparable():
    change = pd.DataFrame({"participant_id": IDS[:12], "category": ["improved"] * 12})
    table = themes_by_change(change, code_matrix().iloc[:12], min_cell_size=1)
    assert {r["inference"] for r in table.rows} == {"not_comparable"}


def test_general_privacy_guard_gives_the_same_primary_suppression():
    pytest.importorskip("impact.smallcells")
    import numpy as np

    from impact.studies.joint import _suppression_mask

    grid = np.array([[0, 3, 12], [9, 10, 1], [25, 0, 4]])
    for zeros in (False, True):
        assert (_suppression_mask(grid, ["a", "b", "c"], 10, zeros)
                == suppress_small_counts(grid, 10, suppress_zeros=zeros)).all()


def test_themes_by_change_hides_a_second_total_so_the_small_one_cannot_be_recovered():
    """18 improved, 12 unchanged, 3 deteriorated: 3 is hidden, and so must be 12 (33 is public)."""
    import numpy as np
    import pandas as pd

    import impact

    ids = [f"p{i}" for i in range(33)]
    cats = ["improved"] * 18 + ["unchanged"] * 12 + ["deteriorated"] * 3
    change = pd.DataFrame({"participant_id": ids, "category": cats})
    codes = pd.DataFrame({"pride": np.r_[np.ones(14), np.zeros(19)].astype(int)}, index=ids)
    codes.index.name = "participant_id"
    res = impact.themes_by_change(change, codes, min_cell_size=10)
    totals = res.meta["totals"]
    assert totals["deteriorated"] is None and totals["unchanged"] is None
    assert totals["improved"] == 18
    row = res.rows[0]
    assert row["n_improved"] == 14 and row["pct_improved"] == 100 * 14 / 18
    assert row["pct_unchanged"] is None and row["n_unchanged"] is None
