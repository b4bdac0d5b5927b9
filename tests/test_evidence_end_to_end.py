"""The evidence layer on the results of a real run of impact.analyse (synthetic cohort)."""

import json

import pandas as pd
import pytest

import impact


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
    rows = impact.grade_certainty(res, proto).table_rows("en")
    assert any("Standardised difference between the groups" in str(v)
               for r in rows for v in r.values())
