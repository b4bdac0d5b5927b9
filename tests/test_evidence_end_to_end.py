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


def test_controlled_multisite_results_from_analyse(kor_dir, tmp_path):
    import numpy as np
    import yaml

    df = pd.read_csv(kor_dir / "responses.csv")
    ids = df["participant_id"].unique()
    rng = np.random.default_rng(1)
    df["site"] = df["participant_id"].map(dict(zip(ids, rng.choice(["A", "B", "C"], len(ids)))))
    df["group"] = df["participant_id"].map(dict(zip(ids, rng.choice(["kunst", "wachtlijst"],
                                                                     len(ids)))))
    df.to_csv(tmp_path / "r.csv", index=False)
    proto = yaml.safe_load((kor_dir / "protocol.yaml").read_text(encoding="utf-8"))
    proto["design"] = "controlled"
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(proto), encoding="utf-8")
    res = json.loads(impact.analyse(tmp_path / "r.csv", tmp_path / "p.yaml").to_json())
    anc = next(c for c in res["controlled"] if c["outcome"] == "pss10_score")
    pooled = next(p for p in res["pooled"] if p["outcome"] == "pss10_score")
    row = impact.grade_certainty(res, proto)["pss10_score"]
    assert row["comparator"] and row["estimate"] == anc["estimate"] and row["n"] == anc["n"]
    assert row["ci_low"] == anc["ci_low"] and row["start"] == 2
    single_site = "grade_fn_single_site" in [n["key"] for n in row["footnotes"]]
    assert single_site == (pooled["k"] < 2 or pooled["i2"] is None)
    keys = impact.limitations(res, proto).keys
    assert "lim_no_comparator" not in keys and "lim_short_followup" in keys
    html = es.summary_of_findings_section(res, proto, "en")
    assert "Standardised difference between the groups" in html
