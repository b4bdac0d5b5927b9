"""Bodies of evidence pooled apart, one engine (REML, ML, DL; z, knha, adhoc), three-level REML
and ML, back-translation to a familiar scale: against metafor 3.8.1
(fixtures: tests/fixtures/synthesis_designs.R, outside data dat.normand1999 and dat.assink2016).
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact

FIX = Path(__file__).parent / "fixtures"
REF = json.loads((FIX / "synthesis_designs.json").read_text())
ASSINK = json.loads((FIX / "synthesis_assink.json").read_text())
DESIGNS = ("rct", "controlled", "prepost")
MEASURE = {"rct": "SMD", "controlled": "SMD", "prepost": "SMCR"}


def close(a, b, tol):
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=0, atol=tol)


def run(tmp_path, extra=""):
    proto = tmp_path / "protocol.yaml"
    proto.write_text("model: random\nmoderators: []\nfamiliar_scale: {instrument: pss10, "
                     "sd: 6.2}\n" + extra, encoding="utf-8")
    return impact.synthesise_evidence(FIX / "synthesis_designs.csv", proto).to_dict()


_CACHE = {}


def fitted(tmp_path_factory, method, test):
    if (method, test) not in _CACHE:
        _CACHE[method, test] = run(tmp_path_factory.mktemp(f"{method}{test}"),
                                   f"method: {method}\ntest: {test}\n")
    return _CACHE[method, test]


@pytest.mark.parametrize("method", ["REML", "ML", "DL"])
@pytest.mark.parametrize("test", ["z", "knha", "adhoc"])
def test_each_design_pooled_on_its_own_matches_rma(tmp_path_factory, method, test):
    d = fitted(tmp_path_factory, method, test)
    models = {m["design"]: m for m in d["models"]}
    assert list(models) == list(DESIGNS)  # randomised first, one model per body
    for design in DESIGNS:
        ref, m = REF[f"{method}_{test}_{design}"], models[design]
        assert m["k"] == ref["k"] and m["measure"] == MEASURE[design]
        assert m["estimand"] == ("within_group_change" if design == "prepost"
                                 else "between_group")
        for ours, theirs in (("estimate", "estimate"), ("se", "se"), ("ci_low", "ci_low"),
                             ("ci_high", "ci_high"), ("statistic", "stat"),
                             ("p_value", "p"), ("tau2", "tau2"), ("i2", "i2"), ("q", "q"),
                             ("q_p", "q_p"), ("pi_low", "pi_low"), ("pi_high", "pi_high"),
                             ("scale_points", "scale_points"),
                             ("scale_ci_low", "scale_ci_low"),
                             ("scale_ci_high", "scale_ci_high")):
            close(m[ours], ref[theirs], 1e-6)
        assert m["scale_instrument"] == "pss10" and m["method"] == method and m["test"] == test


@pytest.mark.parametrize("method", ["REML", "ML", "DL"])
@pytest.mark.parametrize("test", ["z", "knha", "adhoc"])
def test_rma_and_meta_analysis_are_one_engine(method, test):
    eff = pd.DataFrame(REF["effects"]).iloc[9:]  # the pre/post body
    ref = REF[f"{method}_{test}_prepost"]
    r = impact.rma(eff.yi, eff.vi, method=method, test=test)
    m = impact.meta_analysis(eff.yi, eff.vi, method=method, test=test)
    for key in ("estimate", "se", "ci_low", "ci_high", "p_value", "tau2"):
        close(r[key], ref[{"p_value": "p"}.get(key, key)], 1e-6)
        close(m[key], r[key], 1e-12)


def test_effect_sizes_of_the_mixed_file_are_escalc(tmp_path_factory):
    d = fitted(tmp_path_factory, "REML", "adhoc")
    close([e["yi"] for e in d["effects"]], REF["effects"]["yi"], 1e-6)
    close([e["vi"] for e in d["effects"]], REF["effects"]["vi"], 1e-6)


def test_mixed_designs_give_separate_estimates_and_sof_rows_and_no_pooled_smd(tmp_path_factory):
    d = fitted(tmp_path_factory, "REML", "adhoc")
    bodies = [(g["outcome"], g["design"], g["estimand"]) for g in d["grade"]]
    assert bodies == [("los", "rct", "between_group"), ("los", "controlled", "between_group"),
                      ("los", "prepost", "within_group_change")]
    assert {m["design"] for m in d["models"]} == set(DESIGNS)
    # the randomised body starts High, the others Low
    assert [g["start_label"] for g in d["grade"]] == ["high", "low", "low"]
    # the three estimates differ; none equals what pooling everything would give
    across = REF["REML_adhoc_all"]["estimate"]
    assert all(abs(m["estimate"] - across) > 0.01 for m in d["models"])


def test_pooling_across_designs_only_when_asked_and_then_said(tmp_path):
    d = run(tmp_path, "pool_across_designs: true\n")
    allm = [m for m in d["models"] if m["design"] == "all"]
    assert len(allm) == 1 and allm[0]["estimand"] == "mixed" and allm[0]["k"] == 16
    ref = REF["REML_adhoc_all"]
    for key in ("estimate", "se", "ci_low", "ci_high", "tau2"):
        close(allm[0][key], ref[key], 1e-6)
    assert any("pool_across_designs" in n for n in d["notes"])
    assert d["models"][-1]["design"] == "all"  # after the per-design estimates


def test_nonrandomised_bodies_start_high_with_a_tool_made_for_them(tmp_path):
    d = run(tmp_path, "nonrandomised_rob_tool: ROBINS-I\n")
    g = {g["design"]: g for g in d["grade"]}
    assert g["controlled"]["start_label"] == "high"
    assert g["controlled"]["start_reason"] == "rob_tool"
    assert g["controlled"]["rob_tool"] == "ROBINS-I"
    assert g["rct"]["start_reason"] == "randomised"


def test_familiar_scale_from_the_instrument_norm_sd(tmp_path):
    proto = tmp_path / "p.yaml"
    proto.write_text("model: random\nmoderators: []\nfamiliar_scale: {instrument: pss10}\n")
    d = impact.synthesise_evidence(FIX / "synthesis_designs.csv", proto).to_dict()
    sd = impact.get_instrument("pss10").sd
    for m in d["models"]:
        close(m["scale_points"], m["estimate"] * sd, 1e-12)
        close([m["scale_ci_low"], m["scale_ci_high"]],
              [m["ci_low"] * sd, m["ci_high"] * sd], 1e-12)
        assert m["scale_sd_source"] == "instrument"


@pytest.mark.parametrize("method", ["REML", "ML"])
def test_three_level_reml_and_ml_match_rma_mv(method):
    d = pd.read_csv(FIX / "synthesis_assink.csv")
    ref = ASSINK[method]
    r = impact.three_level(d.yi, d.vi, d.study, method=method, robust=False)
    for key in ("estimate", "se", "ci_low", "ci_high", "pi_low", "pi_high"):
        close(r[key], ref[key], 1e-4)
    close(r["p_value"], ref["p"], 1e-4)
    close([r["sigma2_study"], r["sigma2_within"]], ref["sigma2"], 1e-4)
    close(r["loglik"], ref["loglik"], 1e-4)
    assert r["method"] == method


def test_three_level_through_the_synthesis(tmp_path):
    proto = tmp_path / "p.yaml"
    proto.write_text("method: ML\nmoderators: []\n")
    d = impact.synthesise_evidence(FIX / "synthesis_assink.csv", proto).to_dict()
    (m,) = d["models"]
    assert m["model"] == "three_level" and m["method"] == "ML" and m["design"] == "controlled"
    close(m["estimate"], ASSINK["ML"]["estimate"], 1e-4)
    close([m["sigma2_study"], m["sigma2_within"]], ASSINK["ML"]["sigma2"], 1e-4)
