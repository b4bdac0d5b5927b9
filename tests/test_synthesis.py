"""Evidence synthesis end to end: synthetic study set, orchestrator keys, GRADE across studies,
command line (bad input: file, row, column; exit 2), local programmes, simulation coverage."""

import json
import os
import shutil

import numpy as np
import pandas as pd
import pytest

import impact
from impact.evidence.synthesis_grade import grade_synthesis
from impact.synth.studies import STUDIES_TRUTH, synthesise_studies, write_studies

from .conftest import ROOT, run_cli

DESIGN_KEYS = {"effects", "models", "moderators", "small_study", "leave_one_out", "grade"}
MODEL_KEYS = {"model", "k", "n_studies", "estimate", "se", "ci_low", "ci_high", "pi_low",
              "pi_high", "i2", "q", "q_p", "method", "test"}


@pytest.fixture(scope="module")
def studies_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("studies")
    write_studies(*synthesise_studies(1), out)
    return out


@pytest.fixture(scope="module")
def result(studies_dir):
    return impact.synthesise_evidence(studies_dir / "studies.csv", studies_dir / "protocol.yaml")


def test_synthetic_study_set_is_deterministic_and_has_every_input_kind():
    a, ta = synthesise_studies(1)
    b, _ = synthesise_studies(1)
    pd.testing.assert_frame_equal(a, b)
    assert a.groupby("study").size().max() > 1  # several effect sizes per study
    assert a["n1"].notna().any() and a["n"].notna().any() and a["yi"].notna().any()
    assert a["r"].notna().any() and a.loc[a["n"].notna(), "r"].isna().any()
    assert set(a["design"]) == {"rct", "controlled", "prepost"}
    assert ta["outcomes"] == STUDIES_TRUTH["outcomes"] and ta["k"] == len(a)


def test_result_keys_are_the_design_contract(result):
    d = result.to_dict()
    assert DESIGN_KEYS <= set(d)
    for m in d["models"]:
        assert MODEL_KEYS <= set(m)
        assert m["model"] == "three_level" and {"sigma2_study", "sigma2_within"} <= set(m)
    for e in d["effects"]:
        assert {"yi", "vi", "measure"} <= set(e)
    for s in d["small_study"]:
        assert {"egger_z", "egger_p", "trimfill_k0", "trimfill_estimate"} <= set(s)
    assert {g["outcome"] for g in d["grade"]} == {"stress", "wellbeing"}
    json.dumps(d)
    assert "<table" in result._repr_html_() and "certainty" in result.summary()
    cert = result.certainty
    assert list(cert.to_frame()["outcome"]) == ["stress", "wellbeing"]
    assert cert.summary().startswith("stress: ")
    fig = result.plot()
    assert len(fig.axes[0].get_yticklabels()) == 43 + 2  # stress rows + pooled + prediction


def test_effects_are_escalc_of_each_row(studies_dir, result):
    frame = pd.read_csv(studies_dir / "studies.csv")
    eff = result["effects"]
    assert len(eff) == len(frame)
    i = int(np.flatnonzero(frame["n1"].notna())[0])
    r = frame.iloc[i]
    yi, vi = impact.smd(r.n1, r.mean1, r.sd1, r.n2, r.mean2, r.sd2)
    assert eff[i]["yi"] == pytest.approx(float(yi), abs=1e-12) and eff[i]["measure"] == "SMD"
    j = int(np.flatnonzero(frame["n"].notna() & frame["r"].isna())[0])
    r = frame.iloc[j]
    yi, _ = impact.smcr(r.n, r.mean_pre, r.sd_pre, r.mean_post, 0.5)  # protocol r: 0.5
    assert eff[j]["yi"] == pytest.approx(float(yi), abs=1e-12) and eff[j]["r_imputed"]


def test_pooled_models_equal_three_level_on_the_effects(result):
    d = result.to_dict()
    for m in d["models"]:
        eff = [e for e in d["effects"] if e["outcome"] == m["outcome"]]
        direct = impact.three_level([e["yi"] for e in eff], [e["vi"] for e in eff],
                                    [e["study"] for e in eff])
        assert m["estimate"] == pytest.approx(direct["estimate"], abs=1e-10)
        assert m["pi_low"] < m["ci_low"] < m["estimate"] < m["ci_high"] < m["pi_high"]
        assert m["n_studies"] == len({e["study"] for e in eff})


def test_planted_small_study_effect_is_found(result):
    """Seed 1: effects shifted by 1.2 x SE: Egger's slope has the planted sign, trim-and-fill
    imputes studies and moves the estimate towards the planted truth."""
    d = result.to_dict()
    for s in d["small_study"]:
        truth = STUDIES_TRUTH["outcomes"][s["outcome"]]
        model = next(m for m in d["models"] if m["outcome"] == s["outcome"])
        assert np.sign(s["egger_z"]) == np.sign(truth)
        assert s["trimfill_k0"] > 0
        assert abs(s["trimfill_estimate"] - truth) < abs(model["estimate"] - truth)


def test_leave_one_study_out_and_sensitivity_and_moderators(result):
    d = result.to_dict()
    stress = [r for r in d["leave_one_out"] if r["outcome"] == "stress"]
    assert len(stress) == next(m["n_studies"] for m in d["models"] if m["outcome"] == "stress")
    assert {r["unit"] for r in stress} == {"study"}
    sens = [r for r in d["sensitivity"] if r["outcome"] == "stress"]
    assert [r["r"] for r in sens] == [0.3, 0.5, 0.7]
    mid = next(r for r in sens if r["r"] == 0.5)
    model = next(m for m in d["models"] if m["outcome"] == "stress")
    assert mid["estimate"] == pytest.approx(model["estimate"], abs=1e-12)
    assert sens[0]["estimate"] != pytest.approx(sens[2]["estimate"], abs=1e-6)
    mods = {r["moderator"] for r in d["moderators"]}
    assert mods == {"discipline", "design", "setting", "dose"}
    dose = next(r for r in d["moderators"] if r["moderator"] == "dose"
                and r["outcome"] == "stress")
    eff = [e for e in d["effects"] if e["outcome"] == "stress"]
    direct = impact.three_level([e["yi"] for e in eff], [e["vi"] for e in eff],
                                [e["study"] for e in eff],
                                mods=pd.DataFrame({"dose": [float(e["dose"]) for e in eff]}))
    assert dose["estimate"] == pytest.approx(direct.to_frame()["estimate"][1], abs=1e-10)


def _model(**kw):
    base = {"outcome": "stress", "estimate": -0.5, "ci_low": -0.6, "ci_high": -0.4,
            "pi_low": -0.8, "pi_high": -0.2, "i2": 30.0, "n_studies": 12, "k": 20}
    return {**base, **kw}


def _effects(n=12, design="rct", rob="low", n_total=200):
    return [{"study": f"S{i}", "vi": 0.05, "design": design, "risk_of_bias": rob,
             "n_total": n_total} for i in range(n)]


def test_grade_high_when_randomised_consistent_precise_and_unbiased():
    g = grade_synthesis(_model(), _effects(), {"egger_p": 0.5, "trimfill_k0": 0},
                        {"mid": 0.2, "indirectness": "none"})
    assert g["start"] == 4 and g["certainty_label"] == "high"
    assert [d["downgrade"] for d in g["domains"]] == [0, 0, 0, 0, 0]
    assert g["statement_key"] == "grade" and g["statement_params"]["certainty"] == "high"


def test_grade_domains_each_with_reason():
    # risk of bias: all weight at high risk -> -2
    g = grade_synthesis(_model(), _effects(rob="high"), {"egger_p": 0.5, "trimfill_k0": 0})
    rob = g["domains"][0]
    assert rob["downgrade"] == 2 and "100% of the weight" in rob["reason"]
    # inconsistency: I^2 80% and PI crossing 0 -> -2; PI crossing 0 alone -> -1
    g = grade_synthesis(_model(i2=80.0, pi_low=-1.2, pi_high=0.3), _effects())
    assert g["domains"][1]["downgrade"] == 2
    g = grade_synthesis(_model(i2=20.0, pi_low=-1.2, pi_high=0.3), _effects())
    assert g["domains"][1]["downgrade"] == 1 and "both benefit and harm" in g["domains"][1]["reason"]
    # indirectness from the protocol, with its reason
    g = grade_synthesis(_model(), _effects(), None,
                        {"indirectness": {"level": "serious", "reason": "older adults only"}})
    assert g["domains"][2]["downgrade"] == 1 and "older adults only" in g["domains"][2]["reason"]
    # imprecision: CI crossing 0 and n below the OIS -> -2
    g = grade_synthesis(_model(ci_low=-0.3, ci_high=0.05, estimate=-0.12), _effects(n_total=20))
    imp = g["domains"][3]
    assert imp["downgrade"] == 2 and g["ois"] == impact.optimal_information_size(0.2, paired=False)
    # publication bias: Egger p < .10 with imputed studies -> -1; k < 10 not assessable
    g = grade_synthesis(_model(), _effects(), {"egger_p": 0.03, "trimfill_k0": 4})
    assert g["domains"][4]["downgrade"] == 1
    g = grade_synthesis(_model(k=6, n_studies=6), _effects(6), {"egger_p": 0.01, "trimfill_k0": 2})
    assert g["domains"][4]["rating"] == "not_assessable"


def test_grade_starts_low_for_non_randomised_and_speaks_of_change_for_prepost_only():
    g = grade_synthesis(_model(), _effects(design="prepost"), {"egger_p": 0.5, "trimfill_k0": 0},
                        {"indirectness": "none"})
    assert g["start"] == 2 and g["certainty_label"] == "low"
    assert g["statement_key"] == "syn_stmt_change_low_decrease"
    g = grade_synthesis(_model(estimate=-0.05, ci_low=-0.15, ci_high=0.05), _effects(),
                        {"egger_p": 0.5, "trimfill_k0": 0}, {"indirectness": "none"})
    assert g["statement_key"] == "grade"
    g = grade_synthesis(_model(estimate=-0.05, ci_low=-0.09, ci_high=-0.01),
                        _effects(design="prepost"), {"egger_p": 0.5, "trimfill_k0": 0},
                        {"indirectness": "none"})
    assert g["statement_key"] == "syn_stmt_change_low_decrease_slight"


def test_cli_synth_and_synthesise_json(tmp_path):
    run_cli("synth", "--programme", "studies", "--seed", "1", "--out", tmp_path / "d", check=True)
    assert (tmp_path / "d" / "truth.json").exists()
    proc = run_cli("synthesise", tmp_path / "d" / "studies.csv", "--protocol",
                   tmp_path / "d" / "protocol.yaml", "--output", tmp_path / "s.json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads((tmp_path / "s.json").read_text())
    assert DESIGN_KEYS <= set(d)
    again = run_cli("synthesise", tmp_path / "d" / "studies.csv", "--output", tmp_path / "s.json")
    assert again.returncode == 2 and "never silently overwritten" in again.stderr


def test_cli_bad_input_names_file_row_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("study,outcome,n1,mean1,sd1,n2,mean2,sd2,design\n"
                   "A,stress,20,5,2,20,4,2,rct\nB,stress,abc,5,2,20,4,2,rct\n"
                   "C,,20,5,2,20,4,2,rct\nD,stress,20,5,2,,,,rct\nE,stress,20,5,-1,20,4,2,cohort\n",
                   encoding="utf-8")
    before = bad.read_bytes()
    proc = run_cli("synthesise", bad)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    err = proc.stderr
    assert "bad.csv, row 3, column 'n1'" in err and "not a number" in err
    assert "row 4, column 'outcome'" in err
    assert "row 5, column 'n2'" in err and "no complete set" in err
    assert "row 6, column 'design'" in err and "row 6, column 'sd1'" in err
    assert bad.read_bytes() == before
    proto = tmp_path / "p.yaml"
    proto.write_text("model: four_level\n", encoding="utf-8")
    proc = run_cli("synthesise", bad, "--protocol", proto)
    assert proc.returncode == 2 and "'model' must be random or three_level" in proc.stderr
    proto.write_text("modle: random\n", encoding="utf-8")
    proc = run_cli("synthesise", bad, "--protocol", proto)
    assert proc.returncode == 2 and "unknown protocol key 'modle'" in proc.stderr


def test_semicolon_decimal_comma_and_random_model_with_few_studies(tmp_path):
    f = tmp_path / "semi.csv"
    f.write_text("study;outcome;n;mean_pre;sd_pre;mean_post\nA;stress;20;5,5;2,1;4,0\n"
                 "B;stress;25;6,0;2,0;5,1\nC;stress;30;6,0;2,0;5,5\n", encoding="utf-8")
    d = impact.synthesise_evidence(f).to_dict()
    m = d["models"][0]
    assert m["model"] == "random" and m["k"] == 3 and m["test"] == "adhoc"
    yi, _ = impact.smcr(20, 5.5, 2.1, 4.0, 0.5)
    assert d["effects"][0]["yi"] == pytest.approx(float(yi), abs=1e-12)
    direct = impact.rma([e["yi"] for e in d["effects"]], [e["vi"] for e in d["effects"]],
                        test="adhoc")
    assert m["ci_low"] == pytest.approx(direct["ci_low"], abs=1e-12)
    # one-group pre/post rows are uncontrolled: the statement speaks of change, never of effect
    assert {e["design"] for e in d["effects"]} == {"prepost"}
    assert d["grade"][0]["statement_key"].startswith("syn_stmt_change_")


def test_local_programme_from_analyse_results(tmp_path, kor_dir):
    proc = run_cli("analyse", kor_dir / "responses.csv", "--protocol", kor_dir / "protocol.yaml",
                   "--output", tmp_path / "results.json")
    assert proc.returncode == 0, proc.stderr
    res = json.loads((tmp_path / "results.json").read_text())
    o = next(o for o in res["outcomes"] if o["outcome"] == "pss10_score")
    frame, _ = synthesise_studies(1)
    frame.to_csv(tmp_path / "studies.csv", index=False)
    (tmp_path / "p.yaml").write_text(
        "local:\n  - {study: Kunst op Recept (synthetic), results: results.json, "
        "outcomes: {pss10_score: stress}}\n", encoding="utf-8")
    d = impact.synthesise_evidence(tmp_path / "studies.csv", tmp_path / "p.yaml").to_dict()
    local = [e for e in d["effects"] if e["source"] == "local"]
    assert len(local) == 1 and local[0]["outcome"] == "stress"
    # r recovered from the SD of change equals the paired correlation of the data
    sd_c = o["mean_change"] / o["d_z"]
    r = (o["sd_baseline"] ** 2 + o["sd_followup"] ** 2 - sd_c ** 2) / (
        2 * o["sd_baseline"] * o["sd_followup"])
    yi, vi = impact.smcr(o["n_paired"], o["mean_baseline"], o["sd_baseline"],
                         o["mean_followup"], r)
    assert local[0]["yi"] == pytest.approx(float(yi), abs=1e-12) and -1 < r < 1
    (tmp_path / "p2.yaml").write_text("local:\n  - {study: X, results: ../outside.json}\n",
                                      encoding="utf-8")
    with pytest.raises(impact.InputError, match="outside the protocol's folder"):
        impact.synthesise_evidence(tmp_path / "studies.csv", tmp_path / "p2.yaml")


def test_three_level_ci_coverage_small_simulation():
    """CI run: 150 data sets (the full 4,000-set run is in docs/validation.md). With 150 sets
    the binomial 99% range around 95% is about 90-99%."""
    from impact.synth.synthesis_validation import three_level_coverage

    reps = 4000 if os.environ.get("IMPACT_FULL_SIMULATION") else 150
    out = three_level_coverage(reps)
    lo, hi = (0.94, 0.96) if reps >= 4000 else (0.90, 0.99)
    assert lo <= out["coverage"] <= hi
    assert out["mean_sigma2_study"] == pytest.approx(0.04, abs=0.01)
    assert out["mean_sigma2_within"] == pytest.approx(0.02, abs=0.005)


def test_existing_synthetic_data_is_untouched():
    """`impact synth --programme studies` is new; the seed programmes' data stay byte-identical."""
    from impact.synth import synthesise, write_cohort

    src = ROOT / "synthetic_data" / "in-beeld"
    tmp = ROOT / ".pytest_synth_check"
    try:
        write_cohort(synthesise("in-beeld", 1), tmp)
        assert (tmp / "responses.csv").read_bytes() == (src / "responses.csv").read_bytes()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
