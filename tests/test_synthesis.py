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


BODIES = [("stress", "rct"), ("stress", "controlled"), ("stress", "prepost"),
          ("wellbeing", "rct"), ("wellbeing", "controlled"), ("wellbeing", "prepost")]


def _body(d, entry):
    return [e for e in d["effects"] if e["outcome"] == entry["outcome"]
            and e["measure"] == entry["measure"] and e["design"] == entry["design"]]


def test_result_keys_are_the_design_contract(result):
    d = result.to_dict()
    assert DESIGN_KEYS <= set(d)
    for m in d["models"]:
        assert MODEL_KEYS <= set(m) and {"design", "estimand"} <= set(m)
        assert m["model"] == "three_level" and {"sigma2_study", "sigma2_within"} <= set(m)
        assert m["measure"] == ("SMCR" if m["design"] == "prepost" else "SMD")
    assert [(m["outcome"], m["design"]) for m in d["models"]] == BODIES  # randomised first
    assert [(g["outcome"], g["design"]) for g in d["grade"]] == BODIES
    for e in d["effects"]:
        assert {"yi", "vi", "measure", "design", "estimand", "weight"} <= set(e)
    for s in d["small_study"]:
        assert {"egger_z", "egger_p", "trimfill_k0", "trimfill_estimate", "trimfill_shift",
                "trimfill_se", "limit_estimate", "design"} <= set(s)
    json.dumps(d)
    assert "<table" in result._repr_html_() and "certainty" in result.summary()
    cert = result.certainty
    assert list(cert.to_frame()["outcome"]) == [o for o, _ in BODIES]
    assert cert.summary().startswith("stress: ")
    fig = result.plot()
    squares = [ln for ln in fig.axes[0].lines if ln.get_marker() == "s"]
    # the first outcome's between-group bodies (randomised, controlled); SMCR apart
    assert len(squares) == sum(1 for e in d["effects"] if e["outcome"] == "stress"
                               and e["measure"] == "SMD")
    # weights are each body's shares of its pooled estimate
    for m in d["models"]:
        assert sum(e["weight"] for e in _body(d, m)) == pytest.approx(100, abs=1e-9)


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


def test_pooled_models_equal_three_level_on_each_body(result):
    d = result.to_dict()
    for m in d["models"]:
        eff = _body(d, m)
        direct = impact.three_level([e["yi"] for e in eff], [e["vi"] for e in eff],
                                    [e["study"] for e in eff])
        assert m["estimate"] == pytest.approx(direct["estimate"], abs=1e-10)
        assert m["k"] == len(eff) and m["n_studies"] == len({e["study"] for e in eff})
        assert m["pi_low"] <= m["ci_low"] < m["estimate"] < m["ci_high"] <= m["pi_high"]
        np.testing.assert_allclose([e["weight"] for e in eff], direct.weights, atol=1e-9)


def test_planted_small_study_effect_is_found(result):
    """Seed 1: effects shifted by 1.2 x SE away from zero. In the randomised stress body
    trim-and-fill imputes studies and moves the estimate by more than its SE towards the planted
    truth (-0.35) while Egger's p is above 0.10: GRADE rates publication bias down all the same,
    and the limit estimate lies nearer the truth than the pooled estimate."""
    d = result.to_dict()
    ss = next(s for s in d["small_study"] if (s["outcome"], s["design"]) == ("stress", "rct"))
    truth = STUDIES_TRUTH["outcomes"]["stress"]
    assert ss["egger_p"] > 0.10 and ss["trimfill_k0"] > 0
    assert abs(ss["trimfill_shift"]) > ss["trimfill_se"]
    assert abs(ss["trimfill_estimate"] - truth) < abs(ss["random_estimate"] - truth)
    assert abs(ss["limit_estimate"] - truth) < abs(ss["random_estimate"] - truth)
    g = next(g for g in d["grade"] if (g["outcome"], g["design"]) == ("stress", "rct"))
    pub = next(x for x in g["domains"] if x["domain"] == "publication_bias")
    assert pub["downgrade"] == 1 and pub["params"]["big_shift"]


def test_leave_one_study_out_and_sensitivity_and_moderators(result):
    d = result.to_dict()
    model = next(m for m in d["models"] if (m["outcome"], m["design"]) == ("stress", "prepost"))
    loo = [r for r in d["leave_one_out"] if (r["outcome"], r["design"]) == ("stress", "prepost")]
    assert len(loo) == model["n_studies"] and {r["unit"] for r in loo} == {"study"}
    sens = [r for r in d["sensitivity"] if (r["outcome"], r["design"]) == ("stress", "prepost")]
    assert [r["r"] for r in sens] == [0.3, 0.5, 0.7]
    mid = next(r for r in sens if r["r"] == 0.5)
    assert mid["estimate"] == pytest.approx(model["estimate"], abs=1e-12)
    assert sens[0]["estimate"] != pytest.approx(sens[2]["estimate"], abs=1e-6)
    # design is constant within a body: no design moderator
    assert {r["moderator"] for r in d["moderators"]} == {"discipline", "setting", "dose"}
    dose = next(r for r in d["moderators"] if r["moderator"] == "dose"
                and (r["outcome"], r["design"]) == ("stress", "rct"))
    eff = _body(d, dose)
    direct = impact.three_level([e["yi"] for e in eff], [e["vi"] for e in eff],
                                [e["study"] for e in eff],
                                mods=pd.DataFrame({"dose": [float(e["dose"]) for e in eff]}))
    assert dose["estimate"] == pytest.approx(direct.to_frame()["estimate"][1], abs=1e-10)
    disc = next(r for r in d["moderators"] if r["moderator"] == "discipline")
    assert disc["level"] in ("dance", "music", "theatre", "visual_arts")
    assert disc["reference"] in ("dance", "music", "theatre", "visual_arts")


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


def test_trimfill_shift_beyond_its_se_downgrades_whatever_eggers_p():
    """Publication bias judged from the three figures together: a trim-and-fill shift larger
    than the SE of the unadjusted estimate rates down even with Egger's p = 0.6; the same
    shift within the SE does not; each figure is in the domain's parameters."""
    ss = {"egger_p": 0.6, "trimfill_k0": 3, "trimfill_shift": 0.12, "trimfill_se": 0.05,
          "limit_estimate": -0.45, "random_estimate": -0.5, "trimfill_estimate": -0.38}
    g = grade_synthesis(_model(), _effects(), ss, {"indirectness": "none"})
    pub = g["domains"][4]
    assert pub["downgrade"] == 1 and pub["params"]["big_shift"]
    assert {"egger_p", "shift", "se", "limit", "trimfill_estimate"} <= set(pub["params"])
    g = grade_synthesis(_model(), _effects(), {**ss, "trimfill_shift": 0.04},
                        {"indirectness": "none"})
    assert g["domains"][4]["downgrade"] == 0
    # Egger p < 0.10 with a limit estimate far towards zero, nothing imputed: rated down too
    g = grade_synthesis(_model(), _effects(), {**ss, "egger_p": 0.04, "trimfill_k0": 0,
                                               "trimfill_shift": 0.0, "limit_estimate": -0.1})
    assert g["domains"][4]["downgrade"] == 1


def test_trimfill_shift_in_the_pipeline_matches_its_parts():
    """The shift GRADE reads is trimfill's estimate minus the unadjusted rma estimate."""
    rng = np.random.default_rng(5)
    vi = rng.uniform(0.01, 0.2, 14)
    yi = 0.2 + 1.5 * np.sqrt(vi) + rng.normal(0, 0.05, 14)
    tf = impact.trimfill(yi, vi)
    base = impact.rma(yi, vi)
    assert tf["unadjusted_estimate"] == pytest.approx(base["estimate"], abs=1e-12)
    assert tf["shift"] == pytest.approx(tf["estimate"] - base["estimate"], abs=1e-12)
    assert tf["k0"] > 0 and tf["shift"] < 0  # imputed on the left: towards zero
    assert "imputed" in tf.summary() and tf.to_frame().shape == (tf["k0"], 2)
    assert type(tf.plot()).__name__ == "Figure"


HEADER = "study,outcome,design,n1,mean1,sd1,n2,mean2,sd2"


@pytest.mark.parametrize("name, text, proto, where, words", [
    ("duplicate", HEADER + "\nA,stress,rct,20,5,2,20,4,2\nB,stress,rct,30,5,2,30,4,2\n"
     "A,stress,rct,20,5,2,20,4,2\n", None, "row 4, column 'study'", "repeats row 2"),
    ("duplicate_id", "study,effect_id,outcome,n1,mean1,sd1,n2,mean2,sd2\n"
     "A,1,stress,20,5,2,20,4,2\nA,1,stress,30,5,2,30,4,2\n", None,
     "row 3, column 'effect_id'", "also in row 2"),
    ("both_sets", HEADER + ",yi,vi,measure\nA,stress,rct,20,5,2,20,4,2,0.3,0.1,SMD\n",
     None, "row 2, column 'n1'", "more than one complete set"),
    ("moderator", HEADER + "\nA,stress,rct,20,5,2,20,4,2\nB,stress,rct,30,5,2,30,4,2\n",
     "moderators: [dose]\n", "row 1, column 'dose'", "not a column"),
    ("header_only", HEADER + "\n", None, "row 2", "no rows"),
    ("huge_yi", "study,outcome,yi,vi,measure\nA,stress,1e308,0.1,SMD\nB,stress,0.2,0.1,SMD\n",
     None, "row 2, column 'yi'", "not a plausible effect size"),
    ("zero_vi", "study,outcome,yi,vi,measure\nA,stress,0.3,0,SMD\nB,stress,0.2,0.1,SMD\n",
     None, "row 2, column 'vi'", "must be positive"),
    ("prepost_two_group", HEADER + "\nA,stress,prepost,20,5,2,20,4,2\n", None,
     "row 2, column 'design'", "no comparison group"),
])
def test_hostile_studies_files_exit_2_with_row_and_column(tmp_path, name, text, proto, where,
                                                         words):
    f = tmp_path / f"{name}.csv"
    f.write_text(text, encoding="utf-8")
    before = f.read_bytes()
    args = ["synthesise", f]
    if proto:
        (tmp_path / "p.yaml").write_text(proto, encoding="utf-8")
        args += ["--protocol", tmp_path / "p.yaml"]
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stdout[-500:]
    assert "Traceback" not in proc.stderr
    assert f"{name}.csv, {where}" in proc.stderr and words in proc.stderr
    assert f.read_bytes() == before


def test_duplicates_may_be_declared_distinct(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text(HEADER + "\nA,stress,rct,20,5,2,20,4,2\nB,stress,rct,30,5,2,30,4,1\n"
                 "A,stress,rct,20,5,2,20,4,2\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text("duplicates: distinct\n", encoding="utf-8")
    d = impact.synthesise_evidence(f, tmp_path / "p.yaml").to_dict()
    assert d["models"][0]["k"] == 3


@pytest.mark.parametrize("yi, vi", [
    ([0.3, 0.1, 0.5, 0.2, 0.4, 0.25], [0.04] * 6),      # one common SE in every paper
    ([0.3] * 6, [0.02, 0.03, 0.04, 0.05, 0.06, 0.07]),  # identical effects
    ([0.3] * 6, [0.04] * 6),                            # both
])
def test_equal_variances_and_identical_effects_are_handled_as_metafor(tmp_path, yi, vi):
    """Equal variances: the model is fitted (metafor too); Egger's slope on a constant SE is
    not estimable (metafor's regtest drops the redundant predictor and stops), said in a note;
    identical effects: tau^2 = 0. No LinAlgError, exit 0."""
    f = tmp_path / "eq.csv"
    pd.DataFrame({"study": list("ABCDEF"), "outcome": "stress", "design": "rct", "yi": yi,
                  "vi": vi, "measure": "SMD"}).to_csv(f, index=False)
    proc = run_cli("synthesise", f, "--output", tmp_path / "o.json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads((tmp_path / "o.json").read_text())
    m = d["models"][0]
    direct = impact.rma(yi, vi)
    assert m["estimate"] == pytest.approx(direct["estimate"], abs=1e-12)
    if len(set(yi)) == 1:
        assert m["tau2"] == 0 and m["estimate"] == pytest.approx(0.3, abs=1e-12)
    if len(set(vi)) == 1:
        assert d["small_study"][0]["egger_p"] is None
        assert any("not of full rank" in n for n in d["notes"])
