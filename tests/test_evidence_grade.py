"""GRADE rules on hand-made results (rules: impact/evidence/grade.py module docstring)."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.errors import InputError
from impact.evidence import grade_certainty, grade_outcome, optimal_information_size

from .evidence_helpers import outcome, protocol, results

FIXTURES = Path(__file__).parent / "fixtures"


def _keys(row):
    return [n["key"] for n in row["footnotes"]]


def test_small_uncontrolled_prepost_is_very_low_with_the_right_footnotes():
    res = results(outcome(n=20), with_baseline=30, paired=20)   # 33% lost
    row = grade_certainty(res, protocol())["pss10_score"]
    assert row["start"] == 2 and row["certainty"] == 1 and row["certainty_label"] == "very_low"
    assert row["downgrades"]["risk_of_bias"] == 2      # no comparator + attrition > 20%
    assert row["downgrades"]["imprecision"] == 1       # CI excludes zero, n < 400
    assert row["upgrades"] == 0
    keys = _keys(row)
    for key in ("grade_fn_baseline_as_comparator", "grade_fn_no_comparator",
                "grade_fn_attrition", "grade_fn_small_n", "grade_fn_single_site"):
        assert key in keys
    assert "grade_fn_ci_crosses_zero" not in keys


def test_ci_crossing_zero_and_small_n_is_very_serious_imprecision():
    res = results(outcome(change=-1.0, low=-3.0, high=1.0, d=-0.2, d_ci=(-0.6, 0.2)))
    row = grade_outcome(res["outcomes"][0], res, protocol())
    assert row["downgrades"]["imprecision"] == 2
    assert "grade_fn_ci_crosses_zero" in _keys(row)


def test_controlled_large_precise_study_is_rated_up_and_randomised_is_high():
    comp = {"difference": -5.0, "ci_low": -6.0, "ci_high": -4.0, "d": -0.9, "d_ci": [-1.1, -0.7],
            "n": 300, "mean": 21.0}
    res = results(outcome(n=300, comparator=comp), with_baseline=310, paired=300,
                  design="controlled")
    row = grade_certainty(res, protocol("controlled"))["pss10_score"]
    assert row["comparator"] and row["n"] == 600
    assert sum(row["downgrades"].values()) == 0
    assert row["start"] == 2 and row["upgrades"] == 1 and row["certainty"] == 3  # moderate
    rct = grade_certainty(res, protocol("controlled", evidence={"randomised": True}))["pss10_score"]
    assert rct["start"] == 4 and rct["upgrades"] == 0 and rct["certainty"] == 4
    # the same study without a comparator in the results: a single group, very low
    plain = results(outcome(n=300), with_baseline=310, paired=300)
    row = grade_certainty(plain, protocol("controlled"))["pss10_score"]
    assert row["certainty"] == 1 and "grade_fn_design_without_comparator" in _keys(row)


def test_mid_rules_and_protocol_mid():
    # WEMWBS MID = 3: CI 1 to 5 crosses +3 -> serious; n = 500 so OIS is met
    res = results(outcome("wemwbs_score", n=500, change=3.0, low=1.0, high=5.0, d=0.3,
                          d_ci=(0.2, 0.4)), with_baseline=500, paired=500)
    row = grade_certainty(res, protocol())["wemwbs_score"]
    assert row["mid"] == 3.0 and row["downgrades"]["imprecision"] == 1
    assert "grade_fn_ci_crosses_mid" in _keys(row)
    # a CI spanning -3 and +3 is very serious even with n above the OIS
    res = results(outcome("wemwbs_score", n=500, change=0.0, low=-4.0, high=4.0, d=0.0,
                          d_ci=(-0.1, 0.1)), with_baseline=500, paired=500)
    assert grade_certainty(res, protocol())["wemwbs_score"]["downgrades"]["imprecision"] == 2
    # protocol MID for pss10: CI -6 to -2 crosses -3
    res = results(outcome(n=500), with_baseline=500, paired=500)
    row = grade_certainty(res, protocol(evidence={"mid": {"pss10_score": 3}}))["pss10_score"]
    assert row["mid"] == 3 and row["mid_source"] == "protocol"
    assert row["downgrades"]["imprecision"] == 1


def test_inconsistency_from_pooled_i2_and_manual_indirectness():
    pooled = [{"outcome": "pss10_score", "k": 3, "i2": 80.0}]
    res = results(outcome(), pooled=pooled)
    row = grade_certainty(res, protocol(evidence={"indirectness": {"*": "one city only"}}))["pss10_score"]
    assert row["downgrades"]["inconsistency"] == 2 and row["downgrades"]["indirectness"] == 1
    res["pooled"][0]["i2"] = 55.0
    assert grade_certainty(res, protocol())["pss10_score"]["downgrades"]["inconsistency"] == 1
    res["pooled"][0]["i2"] = 20.0
    assert grade_certainty(res, protocol())["pss10_score"]["downgrades"]["inconsistency"] == 0


def test_missing_ci_is_two_levels_and_ois_power_rule():
    res = results(outcome(low=None, high=None))
    assert grade_certainty(res, protocol())["pss10_score"]["downgrades"]["imprecision"] == 2
    # ois "power": MID 1.5 / SD of change (4 / 0.7 = 5.714) -> d = .2625 -> n far above 40
    res = results(outcome(n=40, change=-4.0, low=-6.0, high=-2.0, d=-0.7))
    opts = {"ois": "power", "mid": {"pss10_score": 1.5}}
    row = grade_certainty(res, protocol(evidence=opts))["pss10_score"]
    assert row["ois"] == optimal_information_size(1.5 / (4.0 / 0.7))
    assert row["ois"] > 40 and "grade_fn_small_n" in _keys(row)


def test_optimal_information_size_matches_r_pwr():
    ref = json.loads((FIXTURES / "evidence_power.json").read_text())
    for d, n_paired, n_group in zip(ref["d"], ref["paired_n"], ref["two_sample_n_per_group"]):
        assert optimal_information_size(d) == int(-(-n_paired // 1))
        assert optimal_information_size(d, paired=False) == 2 * int(-(-n_group // 1))
    assert optimal_information_size(0) is None


def test_summary_of_findings_table_columns_and_languages():
    sof = grade_certainty(results(outcome()), protocol())
    frame = sof.to_frame("en")
    assert list(frame.columns) == ["Outcome", "Anticipated absolute effects (95% CI)",
                                   "Relative effect", "No of participants (studies), follow-up",
                                   "Certainty of the evidence (GRADE)", "Comments"]
    cell = frame.iloc[0]
    assert "Mean at baseline: 21.0" in cell.iloc[1] and "−4.0 (−6.0 to −2.0)" in cell.iloc[1]
    assert cell.iloc[0] == "pss10_score (lower is better)"
    assert cell.iloc[3].startswith("20 (1 study), T0 → T1")
    assert cell.iloc[4].startswith("⊕◯◯◯ Very low")
    nl = sof.to_frame("nl").iloc[0]
    assert "21,0" in nl.iloc[1] and "Zeer laag" in nl.iloc[4]
    html = sof._repr_html_()
    assert "<table" in html and "<ol" in html
    assert json.dumps(sof.to_dict())


def test_bad_evidence_options_name_the_key():
    with pytest.raises(InputError) as err:
        grade_certainty(results(outcome()), protocol(evidence={"midd": {}}))
    assert err.value.column == "evidence.midd"
    with pytest.raises(InputError) as err:
        grade_certainty(results(outcome()), protocol(evidence={"mid": {"pss10_score": -1}}))
    assert err.value.column == "evidence.mid.pss10_score"
    with pytest.raises(InputError) as err:
        grade_certainty(results(outcome()),
                        protocol(evidence={"indirectness": {"*": {"level": "huge", "reason": "x"}}}))
    assert err.value.column == "evidence.indirectness.*.level"


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 2000), change=st.floats(-20, 20), half=st.floats(0.01, 20),
       d=st.floats(-3, 3), lost=st.integers(0, 50), i2=st.floats(0, 100),
       design=st.sampled_from(["prepost", "controlled", "waves"]), with_comp=st.booleans())
def test_certainty_never_above_start_without_an_upgrade(n, change, half, d, lost, i2, design,
                                                         with_comp):
    extra = {}
    if with_comp:
        extra["comparator"] = {"difference": change, "ci_low": change - half,
                               "ci_high": change + half, "d": d, "d_ci": [d - 0.3, d + 0.3],
                               "n": n}
    res = results(outcome(n=n, change=change, low=change - half, high=change + half, d=d,
                          **extra), with_baseline=n + lost, paired=n,
                  pooled=[{"outcome": "pss10_score", "k": 3, "i2": i2}])
    row = grade_certainty(res, protocol(design))["pss10_score"]
    assert 1 <= row["certainty"] <= 4
    assert row["certainty"] <= row["start"] + row["upgrades"]
    if row["upgrades"] == 0:
        assert row["certainty"] <= row["start"]
    if not with_comp:
        assert row["certainty"] == 1 and row["upgrades"] == 0


def test_ancova_entries_of_the_results_are_read_as_the_comparison():
    # results['controlled'] as impact.analyse writes it for two arms (ANCOVA, arm - reference)
    res = results(outcome(n=600, sd_baseline=5.0), with_baseline=600, paired=600)
    res["controlled"] = [{"outcome": "pss10_score", "arm": "kunst", "reference": "wachtlijst",
                          "n": 600, "n_arm": 300, "n_reference": 300, "estimate": -5.0,
                          "se": 0.4, "ci_low": -5.8, "ci_high": -4.2}]
    row = grade_certainty(res, protocol("prepost"))["pss10_score"]
    assert row["design"] == "controlled" and row["comparator"] and row["n"] == 600
    assert row["estimate"] == -5.0 and row["d"] == pytest.approx(-1.0)    # -5 / baseline SD 5
    assert row["certainty"] == 3 and row["upgrades"] == 1
    res["controlled"][0]["estimate"] = None                                 # not computable
    row = grade_certainty(res, protocol("controlled"))["pss10_score"]
    assert not row["comparator"] and row["certainty"] == 1


def test_participants_column_names_studies_and_sites():
    pooled = [{"outcome": "pss10_score", "k": 3, "i2": 10.0}]
    sof = grade_certainty(results(outcome(), pooled=pooled),
                          protocol(evidence={"studies": 2, "followup": "12 weeks"}))
    cell = sof.to_frame("nl").iloc[0, 3]
    assert cell == "20 (2 studies, 3 locaties), 12 weeks"
