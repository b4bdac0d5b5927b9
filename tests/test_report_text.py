"""Text that matches the analysis (issue 22): every sentence of these kinds is checked against the
numbers and the model it describes."""

from __future__ import annotations

import html as htmllib
import re

import numpy as np
import pandas as pd
import pytest

from impact.report.engine import (Context, key_findings_section, methods_section,
                                  summary_of_findings_section, trend_section)
from impact.report.evidence_view import evidence_view
from impact.report.run import analyse_and_disclose

KEY = "report-text-key-0123456789abcdef"


def _text(markup: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture(scope="module")
def runs(demo_reports):
    """The demo runs as the reports read them: (internal results, the disclosed object)."""
    import json

    from impact.disclosure import Disclosed

    out = {}
    for programme in ("in-beeld", "welzijn-op-recept"):
        folder = demo_reports / programme / "guideline-nl"
        results = json.loads((folder / "internal" / "results.json").read_text("utf-8"))
        out[programme] = (results, Disclosed.from_json(folder / "published.json"))
    return out


def test_method_text_names_each_random_effect_of_the_fitted_model(runs):
    results, disclosed = runs["welzijn-op-recept"]
    info = results["model_info"][0]
    assert "tau2_site" in info and "tau2_participant" in info   # sites were fitted
    for lang in ("nl", "en"):
        ctx = Context(disclosed, lang, "guideline")
        text = _text(methods_section(ctx))
        for effect in ("participant", "site", "site_wave"):
            assert ctx.m[f"gl_model_re_{effect}"] in text, (lang, effect)
        assert ctx.m["gl_model_re_slope"] not in text        # no random slope was fitted
        assert ctx.m["gl_model_few_sites"].split("{")[0] in text
        if info["singular"]:
            assert ctx.m["gl_model_singular"] in text
        # the df named in the text is the smallest df of the fitted terms
        df = min(r["df"] for r in disclosed["models"])
        assert ctx.num(df, 0) in text


def test_in_beeld_headline_is_the_clustered_estimate(runs):
    results, disclosed = runs["in-beeld"]
    pooled = next(p for p in disclosed["pooled"] if p["outcome"] == "swemwbs_score")
    primary = next(o for o in disclosed["outcomes"] if o["primary"])
    assert pooled["k"] == 3 and pooled["ci_low"] != primary["ci_low"]
    for lang in ("nl", "en"):
        ctx = Context(disclosed, lang, "guideline")
        text = _text(key_findings_section(ctx))
        est, ci = ctx.num(pooled["estimate"]), ctx.num(pooled["ci_low"])
        assert f"{est} " in text and ci in text
        assert ctx.m["e_clustered_why"].split("{")[0] in text
        # the summary of findings carries the same estimate, with the reason as a footnote
        sof = evidence_view(disclosed.to_dict(), lang)["sof"]
        assert any(ctx.num(pooled["estimate"]) in cell for row in sof["rows"] for cell in row)
        assert any(ctx.m["grade_fn_clustered"].split("{")[0] in f for f in sof["footnotes"])


def test_a_planted_dropout_difference_appears_in_the_limitations(tmp_path):
    """Those lost to follow-up were 15 years older at the start: the limitations and the key
    findings say so, with the direction and both means."""
    rng = np.random.default_rng(5)
    n = 60
    age = np.where(np.arange(n) < 40, rng.normal(45, 8, n), rng.normal(62, 8, n)).round()
    rows = []
    for i in range(n):
        items0 = rng.integers(0, 5, 10)
        rows.append({"participant_id": f"P{i:02d}", "wave": "T0", "age": age[i],
                     **{f"pss10_{k + 1}": int(v) for k, v in enumerate(items0)}})
        if i < 40:                       # the 20 oldest leave before the end
            items1 = np.clip(items0 - rng.integers(0, 2, 10), 0, 4)
            rows.append({"participant_id": f"P{i:02d}", "wave": "T1", "age": age[i],
                         **{f"pss10_{k + 1}": int(v) for k, v in enumerate(items1)}})
    pd.DataFrame(rows).to_csv(tmp_path / "r.csv", index=False)
    (tmp_path / "p.yaml").write_text(
        "title: Dropout test\nlanguage: nl\nwaves: [T0, T1]\ninstruments: [pss10]\n"
        "primary_outcome: pss10_score\nbackground: [age]\n", encoding="utf-8")
    _, disclosed = analyse_and_disclose(tmp_path / "r.csv", tmp_path / "p.yaml",
                                        pseudonym_key=KEY)
    att = next(a for a in disclosed["attrition"] if a["variable"] == "age")
    assert att["mean_dropouts"] > att["mean_completers"] + 10
    for lang in ("nl", "en"):
        view = evidence_view(disclosed.to_dict(), lang)
        ctx = Context(disclosed, lang, "guideline")
        lim = [s for s in view["limitations"] if ctx.num(att["mean_dropouts"]) in s]
        assert lim and ctx.label(att["label"]) in lim[0]
        higher = ctx.m["lim_dropout_higher"].split("{variable}")[1].split("(")[0].strip()
        assert higher in lim[0]                                # the direction
        assert lim[0] in _text(key_findings_section(ctx))


def test_trend_items_agree_with_the_sections_present(runs):
    for programme, (results, disclosed) in runs.items():
        view = evidence_view(disclosed.to_dict(), "en")
        status = {r[1]: r[2] for r in view["trend"]["rows"]}
        ctx = Context(disclosed, "en", "guideline")
        m = ctx.m
        described = bool([b for b in disclosed["baseline"]["background"] if b.get("shown", True)])
        expected = m["status_met"] if described else m["status_partial"]
        assert status[m["trend_item_baseline_data"]] == expected, programme
        if not disclosed["meta"]["controlled"]:
            assert status[m["trend_item_assignment"]] == m["status_not_applicable"]
        assert _text(trend_section(ctx))
        assert _text(summary_of_findings_section(ctx))


def test_background_categories_in_the_readers_words():
    """A recorded category gets the protocol's label, else the catalogue's (by the value, in
    lower case), else stays as recorded (a place or a practice names itself)."""
    from impact.disclosure.labels import _category_label
    from impact.protocol import protocol_from_dict

    plain = protocol_from_dict({"title": "t", "waves": ["T0", "T1"], "instruments": ["pss10"],
                                "primary_outcome": "pss10_score"})
    assert _category_label(plain, "gender", "vrouw") == {"nl": "Vrouw", "en": "Woman"}
    assert _category_label(plain, "referrer", "POH-GGZ")["en"] == \
        "Mental-health practice nurse (POH-GGZ)"
    assert _category_label(plain, "discipline", "keramiek") == {"nl": "Keramiek",
                                                                "en": "Ceramics"}
    assert _category_label(plain, "referrer", "Huisartsen De Kooi") == {
        "nl": "Huisartsen De Kooi", "en": "Huisartsen De Kooi"}
    own = protocol_from_dict({"title": "t", "waves": ["T0", "T1"], "instruments": ["pss10"],
                              "primary_outcome": "pss10_score",
                              "category_labels": {"gender": {"v": {"nl": "Vrouw", "en": "F"},
                                                             "vrouw": "Vrouwen"}}})
    assert _category_label(own, "gender", "v") == {"nl": "Vrouw", "en": "F"}
    assert _category_label(own, "gender", "vrouw") == {"nl": "Vrouwen", "en": "Vrouwen"}
    assert _category_label(own, "geslacht", "vrouw") == {"nl": "Vrouw", "en": "Woman"}


def test_quotes_language_note_names_the_quotes_language_only_when_it_differs():
    """Quotes are the participants' words in the language de-identification reads; a report in
    another language says so and names that language in the reader's words, a report in the
    quotes' own language says nothing."""
    from impact.i18n import messages
    from impact.qual.deid import TEXT_LANGUAGE
    from impact.report.engine import _quotes_language_note

    quotes = [{"lang": TEXT_LANGUAGE}, {"lang": TEXT_LANGUAGE}]
    en = Context({"meta": {}}, "en", "funder")
    note = _text("".join(_quotes_language_note(en, quotes)))
    assert note == messages("en")["e_quotes_untranslated"].format(language="Dutch")
    assert "(Dutch)" in note
    assert _quotes_language_note(Context({"meta": {}}, TEXT_LANGUAGE, "funder"), quotes) == []
    # quotes in English (a protocol of another language) in a Dutch report: named in Dutch
    nl = Context({"meta": {}}, "nl", "funder")
    note = _text("".join(_quotes_language_note(nl, [{"lang": "en"}])))
    assert note == "Citaten staan in de oorspronkelijke taal (Engels), onvertaald."
