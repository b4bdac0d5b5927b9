"""Dutch recognition level, TREND/TIDieR completeness and limitations on hand-made inputs."""

import pytest

from impact.errors import InputError
from impact.evidence import limitations, recognition_level, tidier_checklist, trend_checklist

from .evidence_helpers import FULL_INTERVENTION, outcome, protocol, results


def test_prepost_with_clear_improvement_reaches_first_indications():
    rec = recognition_level(results(outcome()), protocol())
    assert rec.level == "eerste_aanwijzingen" and rec.effect_level == "eerste_aanwijzingen"
    keys = [k for k, _ in rec.reasons]
    assert "rec_reason_single_group_ceiling" in keys and "rec_reason_prepost_effect" in keys
    assert "Effectief - eerste aanwijzingen" in rec.text("nl")
    assert "first indications" in rec.text("en")


def test_change_in_the_wrong_direction_or_crossing_zero_gives_no_effect_level():
    # pss10: lower is better, so +4 is worse
    worse = results(outcome(change=4.0, low=2.0, high=6.0, d=0.7, d_ci=(0.2, 1.2)))
    assert recognition_level(worse, protocol()).level == "goed_onderbouwd"
    unclear = results(outcome(change=-1.0, low=-3.0, high=1.0))
    assert recognition_level(unclear, protocol()).effect_level == "none"


def test_controlled_design_reaches_good_indications_only_with_a_comparison():
    comp = {"difference": -3.0, "ci_low": -5.0, "ci_high": -1.0, "n": 30}
    res = results(outcome(comparator=comp), design="controlled")
    assert recognition_level(res, protocol("controlled")).level == "goede_aanwijzingen"
    comp_null = dict(comp, ci_high=1.0)
    res = results(outcome(comparator=comp_null), design="controlled")
    rec = recognition_level(res, protocol("controlled"))
    assert rec.level == "goed_onderbouwd"
    assert "rec_reason_controlled_no_effect" in [k for k, _ in rec.reasons]


def test_description_and_mechanism_decide_the_lower_levels():
    no_why = {k: v for k, v in FULL_INTERVENTION.items() if k != "why"}
    assert recognition_level(results(outcome()), protocol(intervention=no_why)).level == "goed_beschreven"
    thin = {"name": "X", "why": "because"}
    rec = recognition_level(results(outcome()), protocol(intervention=thin))
    assert rec.level == "none" and rec.effect_level == "eerste_aanwijzingen"
    missing = dict(rec.reasons)["rec_reason_not_described"]["missing"]
    assert missing == ["aims", "target_group", "approach", "conditions", "materials"]
    assert "rec_reason_effect_needs_basis" in dict(rec.reasons)
    assert "doelgroep" in rec.text("nl")
    # the protocol's description stands in for aims
    desc = {k: v for k, v in FULL_INTERVENTION.items() if k != "aims"}
    assert recognition_level(results(outcome()),
                             protocol(intervention=desc, description="A programme.")).level \
        == "eerste_aanwijzingen"


def test_unknown_intervention_key_is_an_input_error():
    with pytest.raises(InputError) as err:
        recognition_level(results(outcome()), protocol(intervention={"nmae": "x"}))
    assert err.value.column == "intervention.nmae"


def test_tidier_counts_on_the_synthetic_protocol_shape():
    iv = {"name": "Kunst op Recept", "why": "w", "what_procedures": "p", "who_provided": "a",
          "how": "h", "where": "w", "when_how_much": "12 weeks", "tailoring": ""}
    check = tidier_checklist(protocol(intervention=iv))
    assert check.counts == {"met": 7, "partial": 0, "missing": 5, "not_applicable": 0}
    assert check.missing == ["what_materials", "tailoring", "modifications", "how_well_planned",
                             "how_well_actual"]
    assert tidier_checklist(protocol()).counts["met"] == 12
    assert list(check.to_frame("nl")["item"])[0] == "Korte naam"


def test_trend_counts_single_group_versus_controlled():
    res = results(outcome(), outcome("pss10_helplessness", primary=False))
    check = trend_checklist(res, protocol())
    status = {i["item"]: i["status"] for i in check.items}
    assert len(check.items) == 22
    assert status["assignment"] == "not_applicable" and status["baseline_equivalence"] == "not_applicable"
    assert status["participant_flow"] == "met" and status["outcomes_estimation"] == "met"
    assert status["sample_size"] == "missing" and status["interpretation"] == "partial"
    assert status["ancillary"] == "met"          # a secondary outcome
    # partial: title without abstract, participants without recruitment, baseline means only,
    # interpretation (limitations only), overall evidence; missing: sample size, blinding,
    # recruitment dates, adverse events, generalisability; not applicable to one group:
    # assignment and baseline equivalence
    assert check.counts == {"met": 10, "partial": 5, "missing": 5, "not_applicable": 2}
    assert check.missing == ["sample_size", "blinding", "recruitment", "adverse_events",
                             "generalisability"]
    study = {"objectives": "o", "eligibility": "e", "recruitment": "r", "setting": "s",
             "recruitment_period": "2025", "sample_size": "n", "blinding": "none",
             "adverse_events": "none", "generalisability": "g", "interpretation": "i",
             "abstract": "a", "baseline_data": "b", "assignment": "by site",
             "baseline_equivalence": "similar"}
    full = trend_checklist(results(outcome(), design="controlled"),
                           protocol("controlled", evidence={"study": study}))
    assert full.counts == {"met": 20, "partial": 1, "missing": 0, "not_applicable": 1}
    assert [i["item"] for i in full.items if i["status"] == "partial"] == ["overall_evidence"]
    # a comparison analysed by impact shows its balance table: the groups were compared at the
    # start, without the protocol saying so; without that table, or without a balance figure,
    # the item stays missing
    controlled = results(outcome(), design="controlled")
    bare = {i["item"]: i["status"] for i in trend_checklist(controlled, protocol("controlled")).items}
    assert bare["baseline_equivalence"] == "missing"
    for info, expected in (({"max_abs_smd": 0.04, "balanced": True}, "met"),
                           ({"max_abs_smd": None}, "missing")):
        res = results(outcome(), design="controlled")
        res["comparison_info"] = info
        got = {i["item"]: i["status"] for i in trend_checklist(res, protocol("controlled")).items}
        assert got["baseline_equivalence"] == expected


def test_limitations_follow_results_and_protocol():
    uncomputed = outcome("pss10_helplessness", primary=False, n=12)
    uncomputed["mean_change"] = None
    res = results(outcome(n=12), uncomputed, with_baseline=20, paired=12,
                  notes=["x: not computed", "the protocol has no 'lessons'"])
    lim = limitations(res, protocol())
    assert lim.keys == ["lim_no_comparator", "lim_regression_to_mean", "lim_attrition",
                        "lim_small_n", "lim_self_report", "lim_single_site",
                        "lim_short_followup", "lim_multiple_outcomes", "lim_not_computed"]
    text = " ".join(lim.sentences("nl"))
    assert "8 van de 20" in text and "40%" in text and "Maar 12 deelnemers" in text
    # one outcome has no change estimate; the two notes are not what is counted
    assert dict(lim.items)["lim_not_computed"] == {"k": 1}
    assert "Bij 1 uitkomst kon geen verandering" in text
    # an outcome a disclosure step withheld is hidden, not missing
    res["outcomes"][1]["withheld"] = True
    assert "lim_not_computed" not in limitations(res, protocol()).keys
    comp = {"difference": -3.0, "ci_low": -5.0, "ci_high": -1.0, "n": 60}
    big = results(outcome(n=60, comparator=comp), with_baseline=60, paired=60,
                  pooled=[{"outcome": "pss10_score", "k": 3, "i2": 0.0}])
    assert limitations(big, protocol("controlled")).keys == ["lim_self_report", "lim_short_followup"]


def test_evidence_problems_collects_one_problem_per_mapping():
    from impact.evidence import evidence_problems

    assert evidence_problems(protocol()) == []
    bad = protocol(intervention={"colour": "x"}, evidence={"ois": 0},
                   sroi={"inputs": 100, "outcomes": [{"name": "a", "proxy": 1, "quantity": -2}]})
    columns = [p.column for p in evidence_problems(bad)]
    assert columns == ["evidence.ois", "intervention.colour", "sroi.outcomes[0].quantity"]


def test_protocol_accepts_an_evidence_mapping():
    from impact.protocol import protocol_from_dict

    p = protocol_from_dict(protocol(evidence={"mid": {"pss10_score": 3}}))
    assert p.get("evidence") == {"mid": {"pss10_score": 3}}


def test_ancova_comparison_supports_good_indications_and_drops_the_no_comparator_caveat():
    res = results(outcome())
    res["controlled"] = [{"outcome": "pss10_score", "n": 40, "estimate": -3.0, "ci_low": -5.5,
                          "ci_high": -0.5}]
    assert recognition_level(res, protocol()).level == "goede_aanwijzingen"
    assert "lim_no_comparator" not in limitations(res, protocol()).keys


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from impact.evidence import RECOGNITION_LEVELS  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(change=st.floats(-20, 20), half=st.floats(0, 20), keys=st.sets(st.sampled_from(
    sorted(FULL_INTERVENTION))), comp=st.none() | st.floats(-10, 10),
    design=st.sampled_from(["prepost", "waves", "controlled"]))
def test_single_group_never_above_first_indications_and_nothing_reaches_strong(change, half, keys,
                                                                                comp, design):
    extra = {}
    if comp is not None:
        extra["comparator"] = {"difference": comp, "ci_low": comp - 1, "ci_high": comp + 1, "n": 30}
    res = results(outcome(change=change, low=change - half, high=change + half, **extra))
    iv = {k: FULL_INTERVENTION[k] for k in keys}
    rec = recognition_level(res, protocol(design, intervention=iv))
    rank = RECOGNITION_LEVELS.index
    assert rank(rec.level) <= rank("goede_aanwijzingen")
    if comp is None:
        assert rank(rec.level) <= rank("eerste_aanwijzingen")
    assert rank(rec.level) <= max(rank(rec.effect_level), rank("goed_onderbouwd"))
