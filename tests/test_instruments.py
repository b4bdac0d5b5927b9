"""Every built-in instrument scored on hand-made rows: reversed and recoded items, every category
boundary, the missing-item rule on both sides of its threshold, the SWEMWBS table."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact
from impact.errors import InputError

from .conftest import run_cli

NAN = float("nan")


def frame_of(iid, rows):
    """A response frame with one row per list of item values (None = missing)."""
    recs = []
    for i, values in enumerate(rows):
        rec = {"participant_id": f"p{i}", "wave": "T0"}
        rec.update({f"{iid}_{k}": (np.nan if v is None else v) for k, v in enumerate(values, 1)})
        recs.append(rec)
    return pd.DataFrame(recs)


def col(scores, name):
    return scores[name].to_numpy(dtype=float)


def cats(scores, name):
    return [None if pd.isna(v) else str(v) for v in scores[name]]


# -- registry --------------------------------------------------------------------------------

ALL = ["djg11", "djg6", "k10", "mhi5", "mph", "ons4", "pss10", "pss4", "swemwbs", "ucla3",
       "wemwbs", "who5"]


def test_every_instrument_is_registered_with_its_facts():
    insts = {i.id: i for i in impact.list_instruments()}
    assert sorted(insts) == ALL
    expected = {  # id: (items, range of the main score, higher is better)
        "mph": (42, (0, 10), True), "pss10": (10, (0, 40), False), "pss4": (4, (0, 16), False),
        "djg11": (11, (0, 11), False), "djg6": (6, (0, 6), False), "ucla3": (3, (3, 9), False),
        "wemwbs": (14, (14, 70), True), "swemwbs": (7, (7, 35), True),
        "who5": (5, (0, 100), True), "mhi5": (5, (0, 100), True), "k10": (10, (10, 50), False),
        "ons4": (4, (0, 10), True)}
    for iid, (items, rng, good) in expected.items():
        inst = insts[iid]
        assert inst.items == items and inst.score_range == rng and inst.higher_is_better is good
        assert inst.reference and inst.licence
        assert len(inst.labels) == items
        assert "reliability_verified" in inst.extra and "sd_verified" in inst.extra


def test_no_main_score_for_mph_and_ons4_and_swemwbs_raw_column():
    assert impact.get_instrument("mph").score_columns == [
        "mph_body", "mph_mental", "mph_meaning", "mph_quality", "mph_participation", "mph_daily",
        "mph_answered"]
    assert impact.get_instrument("ons4").outcome_columns == [
        "ons4_life_satisfaction", "ons4_worthwhile", "ons4_happy", "ons4_anxious"]
    sw = impact.get_instrument("swemwbs")
    assert sw.score_columns == ["swemwbs_score", "swemwbs_raw", "swemwbs_answered"]
    assert sw.outcome_columns == ["swemwbs_score"]
    assert impact.get_instrument("djg11").outcome_columns == [
        "djg11_score", "djg11_emotional", "djg11_social"]


def test_directions_and_cutoffs():
    ons4 = impact.get_instrument("ons4")
    assert ons4.higher_is_better_for("ons4_anxious") is False
    assert ons4.higher_is_better_for("ons4_happy") is True
    assert "anxious: higher is worse" in ons4.info()["direction"]
    assert "anxious: higher is worse" in ons4.summary()
    mhi5 = impact.get_instrument("mhi5")
    assert mhi5.cutoff == {"column": "mhi5_score", "value": 60.0, "case_if": "<="}
    assert mhi5.with_options(category_rule="cbs").cutoff["case_if"] == "<"
    assert impact.get_instrument("k10").cutoff == {"column": "k10_score", "value": 15.0,
                                                   "case_if": ">"}
    assert impact.get_instrument("djg11").cutoff["value"] == 2.0
    assert impact.get_instrument("who5").cutoff == {"column": "who5_score", "value": 52.0,
                                                    "case_if": "<"}
    assert impact.get_instrument("pss10").cutoff is None


def test_cli_instruments_json_contract():
    proc = run_cli("instruments", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["id"] for r in rows] == ALL
    for r in rows:
        assert {"id", "name", "items", "range", "direction", "reference"} <= set(r)
    sw = next(r for r in rows if r["id"] == "swemwbs")
    assert sw["range"] == [7.0, 35.0]
    plain = run_cli("instruments")
    assert plain.returncode == 0 and "who5" in plain.stdout


# -- per instrument --------------------------------------------------------------------------

def test_pss4_reversed_items_and_complete_rule():
    s = impact.score(frame_of("pss4", [[4, 0, 0, 4], [0, 4, 4, 0], [1, 2, 3, 4],
                                       [4, 0, 0, None]]), "pss4")
    assert col(s, "pss4_score")[:3].tolist() == [16, 0, 1 + 2 + 1 + 4]
    assert np.isnan(col(s, "pss4_score")[3])
    s3 = impact.score(frame_of("pss4", [[4, 0, 0, None], [4, 0, None, None]]), "pss4",
                      min_answered={"pss4": 3})
    assert col(s3, "pss4_score")[0] == pytest.approx(12 * 4 / 3)
    assert np.isnan(col(s3, "pss4_score")[1])


def test_pss10_reversal_uses_declared_range_not_observed():
    # nobody answers 0 or 4: reversal must still be 4 - x, not (observed max + min) - x
    rows = [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]]
    s = impact.score(frame_of("pss10", rows), "pss10")
    assert col(s, "pss10_score").tolist() == [6 * 1 + 4 * 3, 6 * 3 + 4 * 1]
    assert "pss10_category" not in s.columns


NEG11, POS11 = [2, 3, 5, 6, 9, 10], [1, 4, 7, 8, 11]


def djg_row(n_items, negative, lonely):
    """Answers giving exactly the items in ``lonely`` a lonely answer (ja/nee, never min of meer)."""
    return [(3 if k in negative else 1) if k in lonely else (1 if k in negative else 3)
            for k in range(1, n_items + 1)]


def test_djg11_dichotomous_keys_and_min_of_meer():
    rows = [[1] * 11, [2] * 11, [3] * 11]
    s = impact.score(frame_of("djg11", rows), "djg11")
    assert col(s, "djg11_score").tolist() == [5, 11, 6]  # nee: positive items lonely
    assert col(s, "djg11_emotional").tolist() == [0, 6, 6]
    assert col(s, "djg11_social").tolist() == [5, 5, 0]


@pytest.mark.parametrize("total,band", [(0, "not_lonely"), (2, "not_lonely"), (3, "moderate"),
                                        (8, "moderate"), (9, "severe"), (10, "severe"),
                                        (11, "very_severe")])
def test_djg11_category_boundaries(total, band):
    order = NEG11 + POS11  # fill emotional first, then social
    row = djg_row(11, NEG11, set(order[:total]))
    s = impact.score(frame_of("djg11", [row]), "djg11")
    assert col(s, "djg11_score")[0] == total
    assert cats(s, "djg11_category") == [band]


def test_djg11_missing_rule_count_of_answered():
    lonely_all = djg_row(11, NEG11, set(range(1, 12)))
    one = [None] + lonely_all[1:]
    two = [None, None] + lonely_all[2:]
    s = impact.score(frame_of("djg11", [lonely_all, one, two]), "djg11")
    assert col(s, "djg11_score")[:2].tolist() == [11, 10]  # count of the ten answered, no prorating
    assert cats(s, "djg11_category") == ["very_severe", "severe", None]
    assert np.isnan(col(s, "djg11_score")[2])
    assert np.isnan(col(s, "djg11_social")[1]) and col(s, "djg11_emotional")[1] == 6
    assert col(s, "djg11_answered").tolist() == [11, 10, 9]


NEG6, POS6 = [1, 4, 6], [2, 3, 5]


@pytest.mark.parametrize("total,band", [(0, "not_lonely"), (1, "not_lonely"), (2, "moderate"),
                                        (4, "moderate"), (5, "severe"), (6, "severe")])
def test_djg6_category_boundaries(total, band):
    row = djg_row(6, NEG6, set((NEG6 + POS6)[:total]))
    s = impact.score(frame_of("djg6", [row]), "djg6")
    assert col(s, "djg6_score")[0] == total and cats(s, "djg6_category") == [band]


def test_djg6_keys_and_missing_rule():
    s = impact.score(frame_of("djg6", [[2] * 6, [1] * 6, [3] * 6]), "djg6")
    assert col(s, "djg6_score").tolist() == [6, 3, 3]
    assert col(s, "djg6_emotional").tolist() == [3, 0, 3]
    assert col(s, "djg6_social").tolist() == [3, 3, 0]
    all_lonely = [2] * 6
    s = impact.score(frame_of("djg6", [[None] + all_lonely[1:], [None, None] + all_lonely[2:]]),
                     "djg6")
    assert col(s, "djg6_score")[0] == 5  # count of the five answered, not 6
    assert np.isnan(col(s, "djg6_score")[1])
    assert np.isnan(col(s, "djg6_emotional")[0]) and col(s, "djg6_social")[0] == 3


def test_ucla3_sum_boundary_and_missing():
    s = impact.score(frame_of("ucla3", [[1, 1, 1], [2, 2, 1], [2, 2, 2], [3, 3, 3],
                                        [3, 3, None]]), "ucla3")
    assert col(s, "ucla3_score")[:4].tolist() == [3, 5, 6, 9]
    assert cats(s, "ucla3_category") == ["not_lonely", "not_lonely", "lonely", "lonely", None]
    assert np.isnan(col(s, "ucla3_score")[4])


def test_wemwbs_sum_and_prorating_threshold():
    full = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4]
    s = impact.score(frame_of("wemwbs", [full, full[:-1] + [None],
                                         full[:-2] + [None, None]]), "wemwbs")
    assert col(s, "wemwbs_score")[0] == sum(full)
    assert col(s, "wemwbs_score")[1] == pytest.approx(sum(full[:-1]) * 14 / 13)
    assert np.isnan(col(s, "wemwbs_score")[2])


# Stewart-Brown et al. 2009 table as printed in shared/reference/instruments.md
SWEMWBS_TABLE = [7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88,
                 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03,
                 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00]


def test_swemwbs_whole_conversion_table():
    rows = []
    for raw in range(7, 36):
        extra = raw - 7  # distribute over seven items starting at 1
        rows.append([1 + min(4, max(0, extra - 4 * j)) for j in range(7)])
    s = impact.score(frame_of("swemwbs", rows), "swemwbs")
    assert col(s, "swemwbs_raw").tolist() == list(range(7, 36))
    np.testing.assert_allclose(col(s, "swemwbs_score"), SWEMWBS_TABLE, rtol=0, atol=1e-12)


def test_swemwbs_converts_only_complete_responses():
    s = impact.score(frame_of("swemwbs", [[3] * 7, [3] * 6 + [None]]), "swemwbs")
    assert col(s, "swemwbs_score")[0] == 19.25 and col(s, "swemwbs_raw")[0] == 21
    assert np.isnan(col(s, "swemwbs_score")[1]) and np.isnan(col(s, "swemwbs_raw")[1])
    # even when the raw sum may be prorated, the metric needs a complete response
    s = impact.score(frame_of("swemwbs", [[3] * 6 + [None]]), "swemwbs",
                     options={"swemwbs": {"missing_rule": "prorate", "min_answered": 6}})
    assert col(s, "swemwbs_raw")[0] == pytest.approx(21.0)
    assert np.isnan(col(s, "swemwbs_score")[0])


def test_who5_times_four_boundaries_and_single_item_rule():
    rows = [[3, 3, 3, 2, 2],   # raw 13 -> 52, adequate
            [3, 3, 2, 2, 2],   # raw 12 -> 48, poor
            [5, 5, 5, 5, 1],   # raw 21 -> 84, but one item at 1: poor
            [5, 5, 5, 5, 0],   # one item at 0: poor
            [5, 5, 5, 5, 2],   # raw 22 -> 88, adequate
            [2, 2, 1, 1, 1],   # raw 7 -> 28, likely depression
            [2, 2, 2, 1, 1],   # raw 8 -> 32, poor
            [5, 5, 5, 5, None]]  # incomplete: no score
    s = impact.score(frame_of("who5", rows), "who5")
    np.testing.assert_array_equal(col(s, "who5_score")[:7], [52, 48, 84, 80, 88, 28, 32])
    assert cats(s, "who5_category") == ["adequate", "poor", "poor", "poor", "adequate",
                                        "likely_depression", "poor", None]
    s = impact.score(frame_of("who5", [[5, 5, 5, 5, None]]), "who5", min_answered={"who5": 4})
    assert col(s, "who5_score")[0] == 100


def test_mhi5_keying_and_both_cutoff_rules():
    rows = [[6, 6, 6, 6, 6],   # negatives 5 each, positives 0 -> 15 x 4 = 60
            [6, 6, 5, 6, 6],   # + 1 -> 64
            [6, 6, 6, 5, 6],   # - 1 -> 56
            [1, 1, 1, 1, 1],   # negatives 0, positives 5 each -> 40
            [6, 6, 1, 6, 1],   # best: 100
            [1, 1, 6, 1, 6]]   # worst: 0
    ggd = impact.score(frame_of("mhi5", rows), "mhi5")
    np.testing.assert_array_equal(col(ggd, "mhi5_score"), [60, 64, 56, 40, 100, 0])
    assert cats(ggd, "mhi5_category") == ["unhealthy", "healthy", "unhealthy", "unhealthy",
                                          "healthy", "unhealthy"]
    cbs = impact.score(frame_of("mhi5", rows), "mhi5", options={"mhi5": {"category_rule": "cbs"}})
    assert cats(cbs, "mhi5_category")[:3] == ["healthy", "healthy", "unhealthy"]
    via_object = impact.score(frame_of("mhi5", rows[:1]),
                              impact.get_instrument("mhi5").with_options(category_rule="cbs"))
    assert cats(via_object, "mhi5_category") == ["healthy"]
    s = impact.score(frame_of("mhi5", [[6, 6, 6, 6, None]]), "mhi5")
    assert np.isnan(col(s, "mhi5_score")[0])


@pytest.mark.parametrize("raw,band", [(10, "low"), (15, "low"), (16, "moderate"),
                                      (29, "moderate"), (30, "high"), (50, "high")])
def test_k10_band_boundaries(raw, band):
    row = [1] * 10
    extra = raw - 10
    row = [1 + min(4, max(0, extra - 4 * j)) for j in range(10)]
    s = impact.score(frame_of("k10", [row]), "k10")
    assert col(s, "k10_score")[0] == raw and cats(s, "k10_category") == [band]


def test_k10_person_mean_imputation_threshold():
    base = [1, 1, 1, 1, 1, 1, 2, 2, 3, 3]
    rows = [base[:9] + [None],                 # 1 missing: 13 + 13/9
            base[:8] + [None, None],           # 2 missing: 10 + 2 x 10/8 = 12.5
            base[:7] + [None, None, None]]     # 3 missing: no score
    s = impact.score(frame_of("k10", rows), "k10")
    assert col(s, "k10_score")[0] == pytest.approx(13 + 13 / 9)
    assert col(s, "k10_score")[1] == pytest.approx(12.5)
    assert np.isnan(col(s, "k10_score")[2])
    assert cats(s, "k10_category") == ["low", "low", None]


def test_ons4_items_on_their_own_with_bands():
    values = list(range(11))
    rows = [[v, v, v, v] for v in values]
    s = impact.score(frame_of("ons4", rows), "ons4")
    assert "ons4_score" not in s.columns
    for name in ("life_satisfaction", "worthwhile", "happy", "anxious"):
        assert col(s, f"ons4_{name}").tolist() == values
    positive = ["low"] * 5 + ["medium"] * 2 + ["high"] * 2 + ["very_high"] * 2
    for name in ("life_satisfaction", "worthwhile", "happy"):
        assert cats(s, f"ons4_{name}_category") == positive
    assert cats(s, "ons4_anxious_category") == (["very_low"] * 2 + ["low"] * 2 + ["medium"] * 2
                                                + ["high"] * 5)
    s = impact.score(frame_of("ons4", [[7, None, 3, None]]), "ons4")
    assert col(s, "ons4_life_satisfaction")[0] == 7 and np.isnan(col(s, "ons4_worthwhile")[0])
    assert cats(s, "ons4_worthwhile_category") == [None]
    assert col(s, "ons4_answered")[0] == 2


def test_mph_dimension_means_and_min_answered():
    body = [10, 8, 6, 4, 2, 0, 5]
    rest = [7] * 35
    three_missing = [10, 8, 6, 4, None, None, None] + rest
    four_missing = [10, 8, 6, None, None, None, None] + rest
    s = impact.score(frame_of("mph", [body + rest, three_missing, four_missing]), "mph")
    assert col(s, "mph_body")[0] == pytest.approx(35 / 7)
    assert col(s, "mph_body")[1] == pytest.approx(7.0)  # mean of the four answered
    assert np.isnan(col(s, "mph_body")[2])
    for dim in ("mental", "meaning", "quality", "participation", "daily"):
        assert col(s, f"mph_{dim}").tolist() == [7, 7, 7]
    strict = impact.score(frame_of("mph", [three_missing]), "mph", min_answered={"mph": 7})
    assert np.isnan(col(strict, "mph_body")[0]) and col(strict, "mph_mental")[0] == 7


# -- input errors ------------------------------------------------------------------------------

def with_rows(frame):
    frame = frame.copy()
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def test_value_outside_coding_names_row_and_column():
    frame = with_rows(frame_of("djg11", [[1] * 11, [1] * 10 + [4]]))
    with pytest.raises(InputError) as err:
        impact.score(frame, "djg11")
    assert err.value.row == 3 and err.value.column == "djg11_11"
    assert "outside the coding" in str(err.value)


def test_declared_missing_code_is_missing_not_an_error():
    frame = frame_of("k10", [[2] * 9 + [99]])
    s = impact.score(frame, "k10", missing_codes=[99])
    assert col(s, "k10_score")[0] == 20 and col(s, "k10_answered")[0] == 9


def test_text_and_fractions_are_errors():
    frame = with_rows(frame_of("ucla3", [[1, 2, 3], [1, 2, 3]]))
    frame["ucla3_2"] = frame["ucla3_2"].astype(object)
    frame.loc[3, "ucla3_2"] = "vaak"
    with pytest.raises(InputError) as err:
        impact.score(frame, "ucla3")
    assert (err.value.row, err.value.column) == (3, "ucla3_2")
    frac = frame_of("ucla3", [[1, 2.5, 3]])
    with pytest.raises(InputError, match="not a whole answer code"):
        impact.score(frac, "ucla3")


def test_cli_score_reports_row_and_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("participant_id,wave,who5_1,who5_2,who5_3,who5_4,who5_5\n"
                    "a,T0,1,2,3,4,5\nb,T0,1,2,3,6,5\n", encoding="utf-8")
    proc = run_cli("score", path, "--instrument", "who5")
    assert proc.returncode == 2
    assert "row 3" in proc.stderr and "who5_4" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_score_several_instruments(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("participant_id,wave,who5_1,who5_2,who5_3,who5_4,who5_5,ucla3_1,ucla3_2,"
                    "ucla3_3\na,T0,3,3,3,2,2,3,2,1\n", encoding="utf-8")
    out = tmp_path / "s.csv"
    run_cli("score", path, "--instrument", "who5", "--instrument", "ucla3", "--output", out,
            check=True)
    s = pd.read_csv(out)
    assert list(s.columns) == ["participant_id", "wave", "who5_score", "who5_category",
                               "who5_answered", "ucla3_score", "ucla3_category", "ucla3_answered"]
    assert s.loc[0, "who5_score"] == 52 and s.loc[0, "who5_category"] == "adequate"
    assert s.loc[0, "ucla3_score"] == 6


def test_bad_options_are_input_errors():
    frame = frame_of("mhi5", [[1] * 5])
    with pytest.raises(InputError, match="category rule"):
        impact.score(frame, "mhi5", options={"mhi5": {"category_rule": "rivm"}})
    with pytest.raises(InputError, match="unknown option"):
        impact.score(frame, "mhi5", options={"mhi5": {"bands": 1}})
    with pytest.raises(InputError, match="min_answered"):
        impact.score(frame, "mhi5", min_answered={"mhi5": 9})


# -- custom instruments ------------------------------------------------------------------------

CUSTOM = (Path(__file__).parent / "fixtures" / "inbeeld_instrument.yaml").read_text(
    encoding="utf-8")


def test_custom_instrument_from_yaml(tmp_path):
    path = tmp_path / "inbeeld.yaml"
    path.write_text(CUSTOM, encoding="utf-8")
    inst = impact.load_instrument_file(path)
    frame = frame_of("inbeeld", [[5, 4, 1, 3, 2], [5, 4, None, 3, 2], [5, None, None, 3, 2]])
    s = impact.score(frame, [inst])
    assert col(s, "inbeeld_score")[0] == pytest.approx((5 + 4 + 5 + 3 + 2) / 5)
    assert col(s, "inbeeld_score")[1] == pytest.approx((5 + 4 + 3 + 2) / 4)
    assert np.isnan(col(s, "inbeeld_score")[2])
    assert col(s, "inbeeld_social")[0] == 4.5 and col(s, "inbeeld_energy")[0] == 3.5
    assert np.isnan(col(s, "inbeeld_energy")[1])
    out = tmp_path / "s.csv"
    data = tmp_path / "r.csv"
    frame.to_csv(data, index=False)
    run_cli("score", data, "--instrument-file", path, "--output", out, check=True)
    assert pd.read_csv(out)["inbeeld_score"].iloc[0] == pytest.approx(3.8)


@pytest.mark.parametrize("patch,message", [
    ({"colour": "red"}, "unknown field"),
    ({"reverse": [6]}, "'reverse' must be a list of item numbers"),
    ({"scoring": "median"}, "scoring"),
    ({"missing_rule": "guess"}, "missing_rule"),
    ({"recode": [{"items": [1], "values": {1: 0, 2: 1}}]}, "cover exactly"),
    ({"categories": [{"id": "low", "max": 3}, {"id": "mid", "max": 2}, {"id": "high"}]},
     "bound"),
    ({"categories": [{"id": "low"}, {"id": "high"}]}, "only the last band"),
    ({"min": 5, "max": 1}, "min < max"),
])
def test_custom_instrument_errors_name_the_rule(tmp_path, patch, message):
    import yaml

    spec = yaml.safe_load(CUSTOM)
    spec.update(patch)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        impact.load_instrument_file(path)
    assert err.value.file == str(path)


def test_instrument_yaml_is_read_with_a_safe_loader(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        impact.load_instrument_file(path)
    proc = run_cli("score", path, "--instrument-file", path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_custom_instrument_with_every_mechanism(tmp_path):
    spec = """
id: form
name: mechanisms
items: 3
min: 1
max: 3
recode:
  - items: [1, 2]
    values: {1: 0, 2: 1, 3: 1}
reverse: [3]
multiplier: 10
missing_rule: count
min_answered: 2
categories:
  - {id: low, below: 10, nl: laag, en: low}
  - {id: high, case: true, nl: hoog, en: high}
"""
    path = tmp_path / "form.yaml"
    path.write_text(spec, encoding="utf-8")
    inst = impact.load_instrument_file(path)
    assert inst.score_range == (10.0, 50.0)  # item 3 keyed 1-3, items 1-2 keyed 0-1
    s = impact.score(frame_of("form", [[1, 1, 3], [2, None, 1], [None, None, 1]]), [inst])
    np.testing.assert_array_equal(col(s, "form_score")[:2], [10, 40])
    assert cats(s, "form_category") == ["high", "high", None]
    assert inst.cutoff == {"column": "form_score", "value": 10.0, "case_if": ">="}


def test_analysis_uses_numeric_outcome_columns_only():
    from impact.studies.programme import _outcome_columns

    class P:
        instruments = ["who5", "swemwbs"]
        primary_outcome = "who5_score"

    scores = pd.DataFrame(columns=impact.get_instrument("who5").score_columns
                          + impact.get_instrument("swemwbs").score_columns)
    assert _outcome_columns(P(), scores) == ["who5_score", "swemwbs_score"]


def test_cli_score_options(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("participant_id,wave,mhi5_1,mhi5_2,mhi5_3,mhi5_4,mhi5_5\n"
                    "a,T0,6,6,6,6,6\nb,T0,6,6,6,6,\n", encoding="utf-8")
    out = tmp_path / "s.csv"
    run_cli("score", path, "--instrument", "mhi5", "--category-rule", "mhi5=cbs",
            "--min-answered", "mhi5=4", "--output", out, check=True)
    s = pd.read_csv(out)
    assert s["mhi5_score"].tolist() == [60, 75]  # b: 15 over 4 items x 5/4 x 4
    assert s["mhi5_category"].tolist() == ["healthy", "healthy"]
    proc = run_cli("score", path, "--instrument", "mhi5", "--min-answered", "mhi5")
    assert proc.returncode == 2 and "ID=VALUE" in proc.stderr
    proc = run_cli("score", path, "--instrument", "mhi5", "--category-rule", "mhi5=rivm")
    assert proc.returncode == 2 and "rivm" in proc.stderr


def test_reliable_change_parameters_for_the_stats_layer():
    sw = impact.get_instrument("swemwbs").reliable_change_parameters()
    assert sw["sd"] == 3.73 and sw["sd_verified"] is True and sw["higher_is_better"] is True
    pss = impact.get_instrument("pss10").reliable_change_parameters("pss10_helplessness")
    assert pss["reliability"] is None and pss["higher_is_better"] is False
    anx = impact.get_instrument("ons4").reliable_change_parameters("ons4_anxious")
    assert anx["higher_is_better"] is False and anx["cutoff"] is None
    k10 = impact.get_instrument("k10").reliable_change_parameters()
    assert k10["cutoff"]["value"] == 15 and k10["reliability_verified"] is False
