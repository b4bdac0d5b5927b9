"""The evidence layer on the results of a real run of impact.analyse (synthetic cohort)."""

import json

import pandas as pd
import pytest

import impact
from impact.report import evidence_sections as es


@pytest.fixture(scope="module")
def run(kor_dir):
    res = impact.analyse(kor_dir / "responses.csv", kor_dir / "protocol.yaml")
    # through JSON, as a notebook reading results.json would
    return json.loads(res.to_json()), dict(res.protocol.raw), res.scores


def test_evidence_on_analyse_results(run):
    results, protocol, _ = run
    sof = impact.grade_certainty(results, protocol)
    primary = sof[results["primary_outcome"]]
    o = next(r for r in results["outcomes"] if r["outcome"] == results["primary_outcome"])
    # the table repeats the results, never recomputes them
    assert primary["estimate"] == o["mean_change"] and primary["n"] == o["n_paired"]
    assert primary["ci_low"] == o["ci_low"] and primary["d"] == o["d_z"]
    assert primary["certainty_label"] == "very_low"          # single group, small n
    flow = results["flow"]
    lost = (flow["with_baseline"] - flow["paired"]) / flow["with_baseline"]
    assert ("grade_fn_attrition" in [n["key"] for n in primary["footnotes"]]) == (lost > 0.2)
    rec = impact.recognition_level(results, protocol)
    assert rec.level in ("none", "goed_beschreven", "goed_onderbouwd", "eerste_aanwijzingen")
    assert rec.effect_level in ("none", "eerste_aanwijzingen")
    assert impact.tidier_checklist(protocol).counts["met"] + \
        impact.tidier_checklist(protocol).counts["missing"] == 12
    assert len(impact.trend_checklist(results, protocol).items) == 22
    assert "lim_no_comparator" in impact.limitations(results, protocol).keys


def test_all_sections_render_in_both_languages(run):
    results, protocol, scores = run
    ids = scores["participant_id"].astype(str).unique()
    for lang in ("nl", "en"):
        html = "".join([es.summary_of_findings_section(results, protocol, lang),
                        es.recognition_section(results, protocol, lang),
                        es.completeness_section(results, protocol, lang),
                        es.limitations_section(results, protocol, lang),
                        es.sroi_section(results, protocol, lang)])
        assert html.count("<table") == 3 and "<script" not in html
        assert not [i for i in ids if i in html]
    change = (scores.pivot_table(index="participant_id", columns="wave", values="pss10_score")
              .dropna().assign(change=lambda f: f["T1"] - f["T0"]).reset_index())
    change["category"] = pd.cut(change["change"], [-99, -6.8, 6.8, 99],
                                 labels=["improved", "unchanged", "deteriorated"]).astype(str)
    codes = pd.DataFrame({"mental": [1, 0] * (len(change) // 2) + [1] * (len(change) % 2)},
                         index=change["participant_id"])
    display = impact.themes_by_change(change, codes, min_cell_size=10)
    html = es.joint_display_section(display, "nl")
    assert "<table" in html and not [i for i in ids if i in html]
