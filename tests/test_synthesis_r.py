"""Evidence synthesis against metafor 3.8.1 (fixtures: tests/fixtures/synthesis.R)."""

import importlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact
ec = importlib.import_module("impact.stats.escalc")  # the package exports the function escalc

FIX = Path(__file__).parent / "fixtures"


def load(name):
    return json.loads((FIX / name).read_text())


def csv(name):
    return pd.read_csv(FIX / name)


def close(a, b, tol):
    a = np.atleast_1d(np.asarray(a, dtype=float))
    b = np.atleast_1d(np.asarray(b, dtype=float))
    assert a.shape == b.shape
    np.testing.assert_allclose(a, b, rtol=0, atol=tol)


ESC = load("synthesis_escalc.json")


@pytest.mark.parametrize("measure", ["SMD", "MD"])
def test_two_group_effect_sizes_match_escalc(measure):
    d = csv("synthesis_escalc_two.csv")
    yi, vi = impact.escalc(measure, **{c: d[c] for c in d})
    close(yi, ESC[measure]["yi"], 1e-6)
    close(vi, ESC[measure]["vi"], 1e-6)


def test_pre_post_effect_sizes_match_escalc():
    d = csv("synthesis_escalc_pp.csv")
    yi, vi = impact.smcr(d.n, d.mean_pre, d.sd_pre, d.mean_post, d.r)
    close(yi, ESC["SMCR"]["yi"], 1e-6)
    close(vi, ESC["SMCR"]["vi"], 1e-6)
    yi, vi = impact.smcc(d.n, d.mean_pre, d.sd_pre, d.mean_post, d.sd_post, d.r)
    close(yi, ESC["SMCC"]["yi"], 1e-6)
    close(vi, ESC["SMCC"]["vi"], 1e-6)


def test_t_f_and_p_conversions_reproduce_escalc():
    """t, F and exact p computed from the same two groups give metafor's SMD back."""
    from scipy import stats

    d = csv("synthesis_escalc_two.csv")
    sp = np.sqrt(((d.n1 - 1) * d.sd1 ** 2 + (d.n2 - 1) * d.sd2 ** 2) / (d.n1 + d.n2 - 2))
    t = (d.mean1 - d.mean2) / (sp * np.sqrt(1 / d.n1 + 1 / d.n2))
    close(ec.smd_from_t(t, d.n1, d.n2)[0], ESC["SMD"]["yi"], 1e-9)
    close(ec.smd_from_t(ec.t_from_f(t ** 2, np.sign(t)), d.n1, d.n2)[0], ESC["SMD"]["yi"], 1e-9)
    p = 2 * stats.t.sf(np.abs(t), d.n1 + d.n2 - 2)
    yi, vi = ec.smd_from_p(p, d.n1, d.n2, np.sign(t))
    close(yi, ESC["SMD"]["yi"], 1e-7)
    close(vi, ESC["SMD"]["vi"], 1e-7)
    pp = csv("synthesis_escalc_pp.csv")
    sdd = np.sqrt(pp.sd_post ** 2 + pp.sd_pre ** 2 - 2 * pp.r * pp.sd_post * pp.sd_pre)
    tz = (pp.mean_post - pp.mean_pre) / (sdd / np.sqrt(pp.n))
    close(ec.smcc_from_t(tz, pp.n)[0], ESC["SMCC"]["yi"], 1e-9)


def test_invalid_rows_give_nan_not_a_number():
    yi, vi = impact.smd([10, 1], [5, 5], [2, 2], [10, 10], [4, 4], [0, 2])
    assert np.isnan(yi).all() and np.isnan(vi).all()
    yi, _ = impact.smcr([10], [5], [2], [4], [1.0])
    assert np.isnan(yi[0])


RMA = load("synthesis_rma.json")


@pytest.mark.parametrize("key", sorted(RMA))
def test_random_effects_matches_rma(key):
    which, method, test = key.split("_")
    d = csv(f"synthesis_rma_{which}.csv")
    ref = RMA[key]
    r = impact.rma(d.yi, d.vi, method=method, test=test)
    pairs = {"estimate": "estimate", "se": "se", "ci_low": "ci_low", "ci_high": "ci_high",
             "statistic": "stat", "p_value": "p", "tau2": "tau2", "i2": "i2", "h2": "h2",
             "q": "q", "q_p": "q_p", "pi_low": "pi_low", "pi_high": "pi_high"}
    for ours, theirs in pairs.items():
        close(r[ours], ref[theirs], 1e-6)
    # the same through impact.meta_analysis (site pooling)
    m = impact.meta_analysis(d.yi, d.vi, method=method, test=test)
    for ours, theirs in (("estimate", "estimate"), ("se", "se"), ("ci_low", "ci_low"),
                         ("prediction_low", "pi_low"), ("prediction_high", "pi_high"),
                         ("statistic", "stat"), ("p_value", "p")):
        close(m[ours], ref[theirs], 1e-6)


def test_adhoc_correction_bites_in_the_homogeneous_fixture():
    """Q/(k-1) < 1 there: the plain HK interval is narrower than z, the ad hoc one is not."""
    z, kh, ah = (RMA[f"homog_REML_{t}"] for t in ("z", "knha", "adhoc"))
    assert kh["se"] < z["se"] - 1e-4 and ah["se"] == pytest.approx(z["se"], abs=1e-12)
    r = impact.rma(csv("synthesis_rma_homog.csv").yi, csv("synthesis_rma_homog.csv").vi,
                   test="adhoc")
    assert r["ci_high"] - r["ci_low"] > z["ci_high"] - z["ci_low"]


MR = load("synthesis_metareg.json")


@pytest.mark.parametrize("test", ["z", "knha"])
def test_meta_regression_matches_rma_mods(test):
    d = csv("synthesis_rma_bcg.csv")
    ref = MR[test]
    r = impact.rma(d.yi, d.vi, mods=d[["ablat", "year"]], test=test)
    f = r.to_frame()
    assert list(f.term) == ["intrcpt", "ablat", "year"]
    for ours, theirs in (("estimate", "estimate"), ("se", "se"), ("statistic", "stat"),
                         ("p_value", "p"), ("ci_low", "ci_low"), ("ci_high", "ci_high")):
        close(f[ours], ref[theirs], 1e-6)
    for ours, theirs in (("tau2", "tau2"), ("qm", "qm"), ("qm_p", "qm_p"), ("q", "qe"),
                         ("q_p", "qe_p"), ("r2", "r2"), ("i2", "i2")):
        close(r[ours], ref[theirs], 1e-6)


SMALL = load("synthesis_small.json")


@pytest.mark.parametrize("which", sorted(SMALL))
def test_regtest_trimfill_leave1out_influence(which):
    d = csv("synthesis_rma_bcg.csv" if which == "bcg" else "synthesis_smallstudy.csv")
    ref = SMALL[which]
    rt = impact.regtest(d.yi, d.vi, test="z")
    close(rt["statistic"], ref["egger_z"], 1e-6)
    close(rt["p_value"], ref["egger_p"], 1e-6)
    close(rt["limit_estimate"], ref["egger_limit"], 1e-6)
    tf = impact.trimfill(d.yi, d.vi, test="z")
    assert tf["k0"] == ref["trimfill_k0"] and tf["side"] == ref["trimfill_side"]
    assert len(tf["filled"]) == tf["k0"]
    for ours, theirs in (("estimate", "trimfill_estimate"), ("se", "trimfill_se"),
                         ("tau2", "trimfill_tau2")):
        close(tf[ours], ref[theirs], 1e-6)
    dl = impact.trimfill(d.yi, d.vi, method="DL")
    assert dl["k0"] == ref["trimfill_dl_k0"]
    close(dl["estimate"], ref["trimfill_dl_estimate"], 1e-6)
    loo = impact.leave_one_out(d.yi, d.vi, test="z").to_frame()
    for key in ("estimate", "se", "ci_low", "ci_high", "q", "tau2", "i2"):
        close(loo[key], ref["loo"][key], 1e-6)
    inf = impact.influence(d.yi, d.vi).to_frame()
    for key in ("rstudent", "cooks", "hat", "weight", "dffits"):
        close(inf[key], ref["influence"][key], 1e-6)


def test_the_small_study_fixture_has_the_planted_asymmetry():
    assert SMALL["smallstudy"]["trimfill_k0"] >= 3 and SMALL["smallstudy"]["egger_z"] > 1.5


ML = load("synthesis_multilevel.json")


@pytest.mark.parametrize("key", sorted(ML))
def test_three_level_matches_rma_mv(key):
    ko = key.startswith("ko")
    d = csv("synthesis_ko.csv" if ko else "synthesis_own3l.csv")
    mods = None
    if key == "ko_year":
        mods = pd.DataFrame({"year": d.year - 1980})
    elif key == "own_dose":
        mods = d[["dose"]]
    ref = ML[key]
    r = impact.three_level(d.yi, d.vi, d.district if ko else d.study, mods=mods)
    f = r.to_frame()
    for ours, theirs in (("estimate", "estimate"), ("se", "se"), ("ci_low", "ci_low"),
                         ("ci_high", "ci_high"), ("statistic", "stat"), ("p_value", "p")):
        close(f[ours], ref[theirs], 1e-4)
    close([r["sigma2_study"], r["sigma2_within"]], ref["sigma2"], 1e-4)
    close([r["i2_study"], r["i2_within"]], ref["i2_levels"], 1e-3)
    close(r["q"], ref["q"], 1e-6)
    close(r["loglik"], ref["loglik"], 1e-6)
    if mods is None:
        close([r["pi_low"], r["pi_high"]], [ref["pi_low"], ref["pi_high"]], 1e-4)
    rb = r["robust"]
    assert rb["df"] == ref["robust"]["df"]
    for ours, theirs in (("se", "se"), ("statistic", "stat"), ("p_value", "p"), ("ci_low", "ci_low"),
                         ("ci_high", "ci_high")):
        close(rb[ours], ref["robust"][theirs], 1e-6)


def test_both_variance_components_are_positive_in_the_fixtures():
    for key in ("ko", "own"):
        assert min(ML[key]["sigma2"]) > 0.005


def test_three_level_with_one_effect_per_study_equals_rma():
    """With one effect per study the two variance components are not separable, but their
    sum is the rma tau^2 and the estimate is rma's."""
    d = csv("synthesis_rma_bcg.csv")
    r = impact.three_level(d.yi, d.vi, np.arange(len(d)), robust=False)
    u = impact.rma(d.yi, d.vi)
    close(r["estimate"], u["estimate"], 1e-5)
    close(r["sigma2_study"] + r["sigma2_within"], u["tau2"], 1e-5)


def test_result_objects_speak_the_house_style():
    d = csv("synthesis_own3l.csv")
    r = impact.three_level(d.yi, d.vi, d.study)
    assert "<table" in r._repr_html_() and "between" in r.summary()
    assert json.dumps(r.to_dict())
    u = impact.rma(d.yi, d.vi)
    assert "tau^2" in u.summary() and u.to_frame().shape[0] == 1


def test_every_meta_analysis_result_has_one_interface():
    """rma, three_level, meta_analysis, regtest, trimfill, leave_one_out, influence: to_dict,
    to_frame, summary() as a string, notes, _repr_html_; p-values as p_value."""
    d = csv("synthesis_smallstudy.csv")
    results = [impact.rma(d.yi, d.vi), impact.meta_analysis(d.yi, d.vi),
               impact.regtest(d.yi, d.vi), impact.trimfill(d.yi, d.vi),
               impact.leave_one_out(d.yi, d.vi), impact.influence(d.yi, d.vi),
               impact.three_level(d.yi, d.vi, np.arange(len(d)) // 2)]
    for r in results:
        assert json.dumps(r.to_dict())
        assert isinstance(r.to_frame(), pd.DataFrame) and len(r.to_frame()) >= 1
        assert isinstance(r.summary(), str) and r.summary()
        assert isinstance(r.notes, list)
        assert "<table" in r._repr_html_()
        text = json.dumps(r.to_dict())
        assert '"p":' not in text  # p-values are p_value; the coefficient count is n_coef
    assert results[0]["n_coef"] == 1 and "p_value" in results[2].to_dict()
    for r in (results[0], results[1], results[3], results[6]):
        assert type(r.plot()).__name__ == "Figure"
