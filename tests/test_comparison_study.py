"""Comparison groups end to end (issue 24): the protocol's ``comparison:`` through ``impact
analyse``, the planted confounding of the synthetic pool, the refusal when balance fails, clear
errors; the waiting-list model against lmerTest (tests/fixtures/comparison.R)."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from impact.cli import main
from impact.errors import InputError
from impact.protocol import protocol_from_dict
from impact.stats.waitlist import waiting_list_model
from impact.studies.comparison import analyse_waiting_list
from impact.studies.programme import analyse
from impact.synth import synthesise, write_cohort
from impact.synth.comparison import waiting_list_frame

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    out = tmp_path_factory.mktemp("comparison")
    c = synthesise("samen-zingen-vergelijking", 1)
    write_cohort(c, out)
    return out, c.truth


def _with(cohort, tmp_path, **options):
    out, _ = cohort
    spec = yaml.safe_load((out / "protocol.yaml").read_text())
    spec["comparison"] = {**spec["comparison"], **options}
    path = out / f"protocol_{abs(hash(json.dumps(options, sort_keys=True)))}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True))
    return path


def test_cli_results_carry_the_design_keys(cohort, tmp_path):
    out, truth = cohort
    target = tmp_path / "results.json"
    assert main(["analyse", str(out / "responses.csv"), "--protocol", str(out / "protocol.yaml"),
                 "--output", str(target)]) == 0
    res = json.loads(target.read_text())
    (row,) = res["comparison"]
    for key in ("outcome", "method", "estimand", "estimate", "se", "ci_low", "ci_high", "p",
                "n_programme", "n_comparison", "naive_estimate", "naive_ci_low",
                "naive_ci_high", "evalue", "evalue_ci", "balanced", "notes"):
        assert key in row
    assert row["estimand"] == "ATT" and row["method"] == "weighting"
    for b in res["comparison_balance"]:
        assert set(b) >= {"covariate", "smd_before", "smd_after", "variance_ratio_before",
                          "variance_ratio_after"}
    assert res["comparison_info"]["pool_file"] == "pool.csv"
    assert res["provenance"]["files"]["pool.csv"] == res["comparison_info"]["pool_sha256"]


@pytest.mark.parametrize("options", [{}, {"method": "matching", "ratio": 2},
                                     {"method": "matching", "ratio": 3, "replace": True}])
def test_planted_effect_recovered_and_naive_biased(cohort, tmp_path, options):
    out, truth = cohort
    res = analyse(out / "responses.csv", _with(cohort, tmp_path, **options)).to_dict()
    (row,) = res["comparison"]
    true = truth["planted_effect_ucla3_score"]
    assert row["balanced"] is True
    assert row["ci_low"] < true < row["ci_high"]
    # those referred were lonelier at the start: their own change and the unadjusted
    # comparison both regress to the mean and overstate the effect by more than 0.3 points
    assert row["naive_estimate"] < true - 0.3
    assert row["unadjusted_estimate"] < true - 0.3
    before = max(abs(b["smd_before"]) for b in res["comparison_balance"])
    assert before > 0.4 and res["comparison_info"]["max_abs_smd"] <= 0.1
    assert 1 < row["evalue"] and row["evalue_ci"] >= 1


def test_balance_failure_refuses_with_the_reason(cohort, tmp_path):
    out, _ = cohort
    res = analyse(out / "responses.csv", _with(cohort, tmp_path, balance_threshold=0.001))
    d = res.to_dict()
    assert d["comparison"][0]["balanced"] is False
    (note,) = [n for n in d["comparison_info"]["notes"]
               if n["key"] == "comparison_refused_balance"]
    worst = max(d["comparison_balance"], key=lambda b: abs(b["smd_after"]))
    assert note["covariate"] == worst["covariate"]
    assert note["smd"] == pytest.approx(worst["smd_after"]) and note["threshold"] == 0.001


@pytest.mark.parametrize("options,column", [
    ({"method": "nearest"}, "comparison.method"), ({"ratio": 0}, "comparison.ratio"),
    ({"caliper": -1}, "comparison.caliper"), ({"trim": 1.5}, "comparison.trim"),
    ({"outcome_model": "did"}, "comparison.outcome_model"),
    ({"pool": "../elsewhere.csv"}, None), ({"covariates": ["income"]}, None)])
def test_bad_options_exit_2_with_a_message(cohort, tmp_path, capsys, options, column):
    out, _ = cohort
    path = _with(cohort, tmp_path, **options)
    with pytest.raises(InputError) as err:
        analyse(out / "responses.csv", path)
    if column:
        assert err.value.problems[0].column == column
    assert main(["analyse", str(out / "responses.csv"), "--protocol", str(path)]) == 2
    msg = capsys.readouterr().err
    assert "Traceback" not in msg and msg.strip()


def test_pool_without_a_covariate_names_file_and_column(cohort, tmp_path):
    out, _ = cohort
    pool = pd.read_csv(out / "pool.csv").drop(columns="gender")
    pool.to_csv(out / "pool_nogender.csv", index=False)
    with pytest.raises(InputError) as err:
        analyse(out / "responses.csv", _with(cohort, tmp_path, pool="pool_nogender.csv"))
    p = err.value.problems[0]
    assert p.column == "gender" and str(p.file).endswith("pool_nogender.csv")


def test_inputs_are_not_modified(cohort, tmp_path):
    out, _ = cohort
    before = (out / "pool.csv").read_bytes(), (out / "responses.csv").read_bytes()
    analyse(out / "responses.csv", out / "protocol.yaml")
    assert before == ((out / "pool.csv").read_bytes(), (out / "responses.csv").read_bytes())


def test_protocol_design_mapping_is_checked():
    base = {"title": "t", "waves": ["T-1", "T0", "T1"], "instruments": ["ucla3"]}
    ok = protocol_from_dict({**base, "design": {"waiting_list": {"wave_signup": "T-1",
                                                                  "wave_start": "T0"}}})
    assert ok.get("design")["waiting_list"]["wave_start"] == "T0"
    with pytest.raises(InputError, match="waiting_list"):
        protocol_from_dict({**base, "design": {"waiting": {}}})


# ---------------------------------------------------------------- waiting-list design

def test_waiting_list_model_as_lmertest():
    ref = json.loads((FIX / "comparison_r.json").read_text())["waiting_list"]
    d = pd.read_csv(FIX / "comparison_waitlist.csv")
    res = waiting_list_model(d, "score", signup="T-1", start="T0", end="T1", time="weeks")
    assert ref["terms"] == ["(Intercept)", "programme", "weeks"]
    for key in ("estimate", "se", "ci_low", "ci_high", "p"):
        assert res[key] == pytest.approx(ref[key][1], abs=1e-4), key
        assert res["time"][key] == pytest.approx(ref[key][2], abs=1e-4), key
    assert res["df"] == pytest.approx(ref["df"][1], rel=1e-4)
    assert res["time"]["df"] == pytest.approx(ref["df"][2], rel=1e-4)
    assert res["tau2_group"] == pytest.approx(ref["var_group"], abs=1e-4)
    assert res["tau2_participant"] == pytest.approx(ref["var_participant"], abs=1e-4)
    assert res["sigma2"] == pytest.approx(ref["sigma2"], abs=1e-4)


def test_waiting_list_equal_waits_leave_time_out_with_a_note():
    d = waiting_list_frame(3)
    d.loc[d["wave"] == "T0", "weeks"] = 10.0
    d.loc[d["wave"] == "T1", "weeks"] = 22.0
    res = waiting_list_model(d, "score", signup="T-1", start="T0", end="T1", time="weeks")
    assert res["time"] is None
    assert [n["key"] for n in res["note_keys"]] == ["waiting_list_note_equal_waits"]
    assert "equally long" in res.notes[0]


def test_waiting_list_through_the_study_with_protocol_weeks():
    d = waiting_list_frame(5)
    scores = d.rename(columns={"score": "ucla3_score"})
    protocol = protocol_from_dict({
        "title": "In Beeld wachtlijst", "instruments": ["ucla3"],
        "waves": ["T-1", "T0", "T1"], "baseline": "T0", "followup": "T1",
        "design": {"waiting_list": {"wave_signup": "T-1", "wave_start": "T0",
                                    "time": "weeks"}}})
    out = analyse_waiting_list(scores, d, protocol, ["ucla3_score"])
    (row,) = out["waiting_list"]
    direct = waiting_list_model(scores, "ucla3_score", signup="T-1", start="T0", end="T1",
                                time="weeks")
    assert row["estimate"] == pytest.approx(direct["estimate"], rel=1e-12)
    assert out["waiting_list_info"]["time"] == "weeks"


def test_evidence_follows_the_design_analysed(cohort, tmp_path):
    from impact.evidence._common import comparator_for, design_of

    out, _ = cohort
    res = analyse(out / "responses.csv", out / "protocol.yaml").to_dict()
    spec = yaml.safe_load((out / "protocol.yaml").read_text())
    assert design_of(res, spec) == "controlled"
    comp = comparator_for(res["outcomes"][0], res)
    assert comp["source"] == "comparison"
    assert comp["difference"] == res["comparison"][0]["estimate"]
    refused = analyse(out / "responses.csv",
                      _with(cohort, tmp_path, balance_threshold=0.001)).to_dict()
    assert design_of(refused, spec) == "prepost"
    assert comparator_for(refused["outcomes"][0], refused) is None


@pytest.mark.parametrize("model", ["change", "ancova", "doubly_robust"])
def test_matched_se_has_the_estimated_score_adjustment(cohort, tmp_path, model):
    """The study passes the propensity model's whole sample to the SE: the reported SE is the
    known-score SE with Abadie and Imbens's (2016) term (its formula: test_comparison_stats)."""
    from scipy import stats

    out, _ = cohort
    res = analyse(out / "responses.csv",
                  _with(cohort, tmp_path, method="matching", ratio=2, replace=True,
                        outcome_model=model)).to_dict()
    (row,) = res["comparison"]
    assert row["se_ps_known"] > 0 and row["se"] != row["se_ps_known"]
    # the change depends on the baseline score in the propensity model: a narrower interval
    if model == "change":
        assert row["se"] < 0.99 * row["se_ps_known"]
    assert abs(row["se"] / row["se_ps_known"] - 1) < 0.2
    q = stats.t.ppf(0.975, row["df"])
    assert row["ci_high"] - row["ci_low"] == pytest.approx(2 * q * row["se"], rel=1e-9)
