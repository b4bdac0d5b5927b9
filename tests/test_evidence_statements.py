"""GRADE plain-language statements (GRADE guidelines 26, Table 1) and follow-up durations."""

import pytest
from hypothesis import given, strategies as st

from impact.evidence.statements import (CERTAINTIES, SIZES, certainty_label, effect_size_category,
                                        followup_duration, format_weeks, normalise_certainty,
                                        sof_statement, statement_for_effect)

X, Y = "Art on Prescription", "Stress"


@pytest.mark.parametrize("certainty, size, direction, expected", [
    # The wordings of Santesso et al. 2020, Table 1, verbatim apart from X and Y.
    ("high", "moderate", "decrease", "Art on Prescription reduces stress."),
    ("high", "small", "increase", "Art on Prescription increases stress slightly."),
    ("high", "large", "decrease", "Art on Prescription results in a large reduction in stress."),
    ("high", "trivial", None, "Art on Prescription results in little to no difference in stress."),
    ("moderate", "moderate", "decrease", "Art on Prescription probably reduces stress."),
    ("moderate", "small", "decrease", "Art on Prescription probably reduces stress slightly."),
    ("moderate", "large", "increase",
     "Art on Prescription likely results in a large increase in stress."),
    ("moderate", "trivial", "decrease",
     "Art on Prescription probably results in little to no difference in stress."),
    ("low", "moderate", "decrease", "Art on Prescription may reduce stress."),
    ("low", "small", "decrease", "Art on Prescription may reduce stress slightly."),
    ("low", "trivial", None, "Art on Prescription may result in little to no difference in stress."),
    ("low", "large", "decrease", "Art on Prescription may result in a large reduction in stress."),
    ("very_low", "moderate", "decrease",
     "Art on Prescription may reduce stress, but the evidence is very uncertain."),
    ("very_low", "trivial", None,
     "The evidence is very uncertain about the effect of Art on Prescription on stress."),
    ("very_low", None, None,
     "The evidence is very uncertain about the effect of Art on Prescription on stress."),
])
def test_english_wording(certainty, size, direction, expected):
    assert sof_statement(certainty, intervention=X, outcome=Y, size=size,
                         direction=direction) == expected


@pytest.mark.parametrize("certainty, size, direction, expected", [
    ("high", "moderate", "increase", "Kunst op Recept verhoogt mentaal welbevinden."),
    ("moderate", "moderate", "decrease", "Kunst op Recept verlaagt waarschijnlijk ervaren stress."),
    ("moderate", "small", "decrease",
     "Kunst op Recept verlaagt waarschijnlijk ervaren stress enigszins."),
    ("low", "moderate", "decrease", "Kunst op Recept verlaagt mogelijk ervaren stress."),
    ("low", "trivial", None,
     "Kunst op Recept leidt mogelijk tot weinig tot geen verschil in ervaren stress."),
    ("very_low", "small", "decrease",
     "Kunst op Recept verlaagt mogelijk ervaren stress, maar het bewijs is zeer onzeker."),
    ("very_low", "trivial", None,
     "Het bewijs is zeer onzeker over het effect van Kunst op Recept op ervaren stress."),
])
def test_dutch_wording(certainty, size, direction, expected):
    outcome = "Mentaal welbevinden" if "welbevinden" in expected else "Ervaren stress"
    assert sof_statement(certainty, intervention="Kunst op Recept", outcome=outcome, size=size,
                         direction=direction, lang="nl") == expected


def test_very_low_uncertain_style_and_acronyms_kept():
    text = sof_statement("zeer laag", intervention="Kunst op Recept", outcome="WEMWBS",
                         size="large", direction="increase", lang="nl", very_low="uncertain")
    assert text == "Het bewijs is zeer onzeker over het effect van Kunst op Recept op WEMWBS."
    # a lower-case intervention still starts the sentence with a capital
    assert sof_statement("low", intervention="het programma", outcome="Eenzaamheid",
                         size="moderate", direction="decrease", lang="nl") \
        == "Het programma verlaagt mogelijk eenzaamheid."


def test_certainty_spellings():
    assert [normalise_certainty(v) for v in (4, 3, 2, 1)] == list(CERTAINTIES)
    assert normalise_certainty("Very low") == normalise_certainty("zeer laag") == "very_low"
    assert normalise_certainty("Redelijk") == "moderate"
    assert certainty_label(2, "nl") == "Laag" and certainty_label("very_low", "en") == "Very low"
    for bad in ("medium", 0, 5, 2.5, True, None):
        with pytest.raises(ValueError):
            normalise_certainty(bad)


def test_statement_needs_what_it_says():
    with pytest.raises(ValueError, match="size"):
        sof_statement("low", intervention=X, outcome=Y)
    with pytest.raises(ValueError, match="direction"):
        sof_statement("high", intervention=X, outcome=Y, size="small")
    with pytest.raises(ValueError, match="language"):
        sof_statement("high", intervention=X, outcome=Y, size="trivial", lang="de")


@pytest.mark.parametrize("estimate, mid, d, expected", [
    (-4.1, None, -0.62, ("moderate", "decrease")),
    (-4.1, None, -0.85, ("large", "decrease")),
    (2.0, None, 0.3, ("small", "increase")),
    (0.3, None, 0.05, ("trivial", "increase")),
    (2.0, 3.0, 0.6, ("trivial", "increase")),     # below the MID: little or no difference
    (3.5, 3.0, 0.1, ("small", "increase")),       # at least the MID: important, however small
    (3.5, 3.0, None, ("small", "increase")),
    (7.0, 3.0, None, ("moderate", "increase")),
    (-2.0, None, None, (None, "decrease")),
    (None, 3.0, 0.5, (None, None)),
    (float("nan"), None, 0.5, (None, None)),
])
def test_effect_size_category(estimate, mid, d, expected):
    assert effect_size_category(estimate, mid=mid, d=d) == expected


def test_statement_for_effect_end_to_end():
    assert statement_for_effect("low", -3.2, d=-0.41, intervention="Kunst op Recept",
                                outcome="Ervaren stress", lang="nl") \
        == "Kunst op Recept verlaagt mogelijk ervaren stress enigszins."
    assert statement_for_effect("very_low", None, intervention=X, outcome=Y) \
        == "The evidence is very uncertain about the effect of Art on Prescription on stress."
    with pytest.raises(ValueError):
        statement_for_effect("moderate", -2.0, intervention=X, outcome=Y)  # size unknown


@given(st.sampled_from(CERTAINTIES), st.sampled_from(SIZES),
       st.sampled_from(["decrease", "increase"]), st.sampled_from(["nl", "en"]))
def test_every_cell_names_both_and_matches_certainty(certainty, size, direction, lang):
    text = sof_statement(certainty, intervention="Programma Q", outcome="Uitkomst Z", size=size,
                         direction=direction, lang=lang)
    assert "Programma Q" in text and "uitkomst Z" in text
    assert text.endswith(".") and "{" not in text
    hedge = {"en": {"moderate": ("probably", "likely"), "low": ("may",),
                    "very_low": ("very uncertain",)},
             "nl": {"moderate": ("waarschijnlijk",), "low": ("mogelijk",),
                    "very_low": ("zeer onzeker",)}}[lang]
    if certainty == "high":
        assert not any(w in text for ws in hedge.values() for w in ws)
    else:
        assert any(w in text for w in hedge[certainty])
    if size != "trivial" and certainty != "very_low":
        verbs = {"en": {"decrease": ("reduc",), "increase": ("increase",)},
                 "nl": {"decrease": ("verlaagt", "verlaging"), "increase": ("verhoogt", "verhoging")}}[lang][direction]
        assert any(v in text for v in verbs)


@pytest.mark.parametrize("weeks, lang, expected", [
    (12, "nl", "12 weken"), (12, "en", "12 weeks"), (1, "nl", "1 week"), (1, "en", "1 week"),
    (6.5, "nl", "6,5 weken"), (6.5, "en", "6.5 weeks"), (0, "en", "0 weeks"), (26.0, "nl", "26 weken"),
])
def test_format_weeks(weeks, lang, expected):
    assert format_weeks(weeks, lang) == expected


def test_followup_duration_from_wave_timing():
    waves = [{"id": "T0", "label": {"nl": "Intake", "en": "Intake"}, "weeks": 0},
             {"id": "T1", "label": {"nl": "Einde", "en": "End"}, "weeks": 12},
             {"id": "T2", "label": {"nl": "Na drie maanden", "en": "Three months on"}, "weeks": 26}]
    assert followup_duration(waves, "T1", lang="nl") == "12 weken"
    assert followup_duration(waves, "T2", lang="en") == "26 weeks"
    assert followup_duration(waves, "T2", baseline="T1", lang="en") == "14 weeks"
    # a plain list of wave ids has no timing: the caller decides what to say, never "T0 -> T1"
    assert followup_duration(["T0", "T1"], "T1") is None
    assert followup_duration(waves[:1] + [{"id": "T1"}], "T1") is None
    with pytest.raises(ValueError, match="before baseline"):
        followup_duration(waves, "T0", baseline="T2")
    with pytest.raises(ValueError):
        format_weeks(-1)


def test_statement_for_an_outcome_of_the_results():
    from impact.evidence.statements import statement_for_outcome

    # an entry of results["outcomes"] (DESIGN.md keys): g_av is preferred over d_z
    outcome = {"outcome": "pss10_score", "mean_change": -6.0, "ci_low": -9.2, "ci_high": -2.8,
               "d_z": -0.88, "g_av": -0.45}
    assert statement_for_outcome(outcome, "very_low", intervention="Kunst op Recept",
                                 label="Ervaren stress", lang="nl") \
        == "Kunst op Recept verlaagt mogelijk ervaren stress, maar het bewijs is zeer onzeker."
    assert statement_for_outcome(outcome, "low", intervention="Kunst op Recept",
                                 label="Ervaren stress", lang="nl") \
        == "Kunst op Recept verlaagt mogelijk ervaren stress enigszins."  # g_av 0.45: small
    assert statement_for_outcome({**outcome, "g_av": None}, "low", intervention="X",
                                 label="Stress") == "X may result in a large reduction in stress."
    # WEMWBS change of 2 points, below its MID of 3: little or no difference
    assert statement_for_outcome({"mean_change": 2.0, "g_av": 0.3}, "moderate", intervention="X",
                                 label="Mental wellbeing", mid=3) \
        == "X probably results in little to no difference in mental wellbeing."
