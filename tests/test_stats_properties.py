"""Properties, edge cases and a coverage simulation of the statistics (no R needed)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import impact

# ------------------------------------------------------------------ hypothesis properties
scores = st.lists(st.integers(0, 40), min_size=3, max_size=40)


@st.composite
def pairs(draw):
    pre = draw(scores)
    post = draw(st.lists(st.integers(0, 40), min_size=len(pre), max_size=len(pre)))
    return np.array(pre, float), np.array(post, float)


@settings(max_examples=60, deadline=None)
@given(pairs())
def test_swapping_waves_negates_change_t_and_dz(p):
    pre, post = p
    a = impact.paired_change(pre, post)
    b = impact.paired_change(post, pre)
    assert b["mean_change"] == pytest.approx(-a["mean_change"], abs=1e-12)
    for key in ("t", "d_z", "d_av", "g_av"):
        if a[key] is None:
            assert b[key] is None
        else:
            assert b[key] == pytest.approx(-a[key], abs=1e-9)
    if a["p"] is not None:
        assert b["p"] == pytest.approx(a["p"], rel=1e-9)
        assert b["wilcoxon_p"] == pytest.approx(a["wilcoxon_p"], rel=1e-9)
        assert b["d_z_ci"] == pytest.approx([-a["d_z_ci"][1], -a["d_z_ci"][0]], abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(pairs(), st.integers(-100, 100))
def test_adding_a_constant_to_both_waves_changes_nothing(p, c):
    pre, post = p
    a = impact.paired_change(pre, post)
    b = impact.paired_change(pre + c, post + c)
    for key in ("mean_change", "t", "p", "d_z", "d_av", "g_av", "wilcoxon_p", "hl_estimate"):
        if a[key] is None:
            assert b[key] is None
        else:
            assert b[key] == pytest.approx(a[key], rel=1e-9, abs=1e-9)
    assert b["mean_baseline"] == pytest.approx(a["mean_baseline"] + c)


@settings(max_examples=40, deadline=None)
@given(pairs())
def test_wilcoxon_interval_contains_estimate_and_p_in_unit_interval(p):
    pre, post = p
    w = impact.wilcoxon_signed_rank(pre, post).data
    if w["p"] is not None:
        assert 0 <= w["p"] <= 1
    if w["ci_low"] is not None and w["conf_level"] > 0:  # R returns a 0% "interval" for tiny n
        assert w["ci_low"] <= w["estimate"] + 1e-3 and w["estimate"] <= w["ci_high"] + 1e-3


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-10, 10), min_size=2, max_size=12),
       st.lists(st.floats(0.05, 5), min_size=12, max_size=12))
def test_meta_pooled_estimate_lies_within_the_site_estimates(y, v):
    v = v[: len(y)]
    for method in ("REML", "DL"):
        res = impact.meta_analysis(y, v, method=method)
        assert min(y) - 1e-9 <= res["estimate"] <= max(y) + 1e-9
        assert res["tau2"] >= 0 and 0 <= res["i2"] < 100
        assert res["prediction_low"] <= res["ci_low"] + 1e-12


def test_p_adjust_properties():
    p = [0.01, 0.02, 0.5, None, 0.001]
    holm, bh = impact.adjust_p(p, "holm"), impact.adjust_p(p, "bh")
    assert holm[3] is None and bh[3] is None
    for raw, h, b in zip(p, holm, bh):
        if raw is not None:
            assert raw <= b <= h <= 1


# ------------------------------------------------------------------ reliable change
def test_jacobson_truax_by_hand():
    pre = np.array([20.0, 25, 30, 18, 22])
    post = np.array([12.0, 24, 36, 17, 14])
    res = impact.reliable_change(pre, post, reliability=0.78, sd=6.2, higher_is_better=False)
    s_diff = math.sqrt(2) * 6.2 * math.sqrt(1 - 0.78)  # 4.1128...
    rc = (post - pre) / s_diff
    assert res["s_diff"] == pytest.approx(s_diff)
    assert res.to_frame()["rc"].to_numpy() == pytest.approx(rc)
    # lower is better: -8/4.11 = -1.95 is NOT reliable, -8 too; +6/4.11 = 1.46 unchanged
    assert list(res.to_frame()["category"]) == ["unchanged"] * 5
    res2 = impact.reliable_change(pre, post, reliability=0.9, sd=6.2, higher_is_better=False)
    # s_diff = 2.7727: changes -8 (improved), -1, +6 (deteriorated), -1, -8 (improved)
    assert list(res2.to_frame()["category"]) == ["improved", "unchanged", "deteriorated",
                                                 "unchanged", "improved"]
    assert (res2["improved"], res2["unchanged"], res2["deteriorated"]) == (2, 2, 1)


def test_direction_and_cutoffs():
    pre = np.array([10.0, 12, 14, 30])
    post = pre + 10
    up = impact.reliable_change(pre, post, reliability=0.9, sd=5, higher_is_better=True,
                                cutoff=21.0)
    # 10 -> 20 stays below the cut-off; 30 -> 40 was functional already: improved, not recovered
    assert list(up.to_frame()["category"]) == ["improved", "recovered", "recovered", "improved"]
    assert up["improved"] == 4 and up["recovered"] == 2
    down = impact.reliable_change(pre, post, reliability=0.9, sd=5, higher_is_better=False)
    assert down["deteriorated"] == 4 and down["improved"] == 0
    a = impact.clinical_cutoff("a", higher_is_better=False, dys_mean=21, dys_sd=5)
    b = impact.clinical_cutoff("b", higher_is_better=False, dys_mean=21, dys_sd=5,
                               func_mean=13, func_sd=6)
    c = impact.clinical_cutoff("c", higher_is_better=False, dys_mean=21, dys_sd=5,
                               func_mean=13, func_sd=6)
    assert (a, b, c) == (11, 25, pytest.approx((6 * 21 + 5 * 13) / 11))


def test_edwards_nunnally_interval():
    pre = np.array([10.0, 20, 30])
    post = np.array([10.0, 26, 24])
    r, sd = 0.8, 5.0
    res = impact.reliable_change(pre, post, reliability=r, sd=sd, method="en")
    m1 = 20.0
    expected = r * (pre - m1) + m1
    assert res.to_frame()["rc"].to_numpy() == pytest.approx((post - expected) / (sd * math.sqrt(0.2)))
    # bounds +/- 2 * 5 * sqrt(.2) = 4.47: 10 vs 12 (unchanged), 26 vs 20 (up), 24 vs 28 (unchanged)
    assert list(res.to_frame()["category"]) == ["unchanged", "improved", "unchanged"]


def test_rci_parameter_sources():
    pss = impact.get_instrument("pss10")
    a = impact.rci_parameters("pss10_score", instrument=pss, baseline_sd=5.0)
    assert (a["reliability"], a["sd"], a["sd_source"]) == (0.78, 6.26, "instrument pss10")
    b = impact.rci_parameters("pss10_score", instrument=pss, override={"sd": 7.0})
    assert (b["reliability"], b["sd"], b["sd_source"]) == (0.78, 7.0, "protocol")
    c = impact.rci_parameters("pss10_helplessness", instrument=pss, baseline_sd=3.0)
    assert c["reliability"] is None and c["sd"] == 3.0 and len(c["notes"]) == 2


# ------------------------------------------------------------------ edge cases: None + note
@pytest.mark.parametrize("pre,post", [([5.0], [3.0]), ([], [])])
def test_n0_n1_give_none_with_note(pre, post):
    res = impact.paired_change(pre, post)
    assert res["t"] is None and res["p"] is None and res["d_z"] is None and res["notes"]


def test_n2():
    res = impact.paired_change([10.0, 12], [8.0, 11])
    assert res["df"] == 1 and res["t"] is not None
    assert res["g_av"] is None and any("J" in n for n in res["notes"])
    w = impact.wilcoxon_signed_rank([10.0, 12], [8.0, 11]).data
    assert w["p"] == pytest.approx(0.5) and w["method"] == "exact"


def test_zero_variance_of_change():
    res = impact.paired_change([10.0, 12, 15], [8.0, 10, 13])
    assert res["mean_change"] == -2 and res["t"] is None and res["d_z"] is None
    assert res["d_av"] is not None and any("same amount" in n for n in res["notes"])
    res = impact.paired_change([10.0, 10, 10], [10.0, 10, 10])
    assert res["wilcoxon_p"] is None and res["d_av"] is None


def test_all_followup_missing():
    res = impact.paired_change([10.0, 12, 15], [np.nan, np.nan, np.nan])
    assert res["n_paired"] == 0 and res["mean_change"] is None and res["notes"]
    rc = impact.reliable_change([10.0, 12], [np.nan, np.nan], reliability=0.8, sd=5)
    assert rc["improved"] is None and rc["notes"]


def test_single_site_and_empty_meta():
    res = impact.meta_analysis([-3.0], [1.0])
    assert res["estimate"] is None and res["k"] == 1 and res["notes"]
    res = impact.meta_analysis([-3.0, np.nan], [1.0, 1.0])
    assert res["estimate"] is None


def test_mixed_model_edge_cases():
    df = pd.DataFrame({"participant_id": [1, 1, 2, 2], "wave": ["T0", "T1"] * 2,
                       "y": [1.0, np.nan, 2.0, np.nan]})
    res = impact.mixed_model(df, "y", waves=["T0", "T1"])
    assert len(res) == 0 and res.notes
    with pytest.raises(impact.errors.InputError, match="'T2' not in column 'wave'"):
        impact.mixed_model(df, "y", waves=["T0", "T1", "T2"])   # a typo is never an empty result
    one = pd.DataFrame({"participant_id": [1, 1, 1], "wave": ["T0", "T1", "T2"],
                        "y": [1.0, 2.0, 3.0]})
    assert len(impact.mixed_model(one, "y")) == 0


def test_mixed_model_singular_fit_is_least_squares():
    rng = np.random.default_rng(5)
    n = 60
    df = pd.DataFrame({"participant_id": np.repeat(np.arange(n), 3),
                       "wave": np.tile(["T0", "T1", "T2"], n)})
    df["y"] = rng.normal(0, 1, len(df)) + (df["wave"] == "T2") * 0.5
    # remove the between-person variance completely: centre each person's mean to the wave mean
    res = impact.mixed_model(df.assign(y=df["y"] - df.groupby("participant_id")["y"].transform(
        "mean")), "y")
    assert res.info["singular"] and res.info["tau2"] == 0
    assert any("singular" in n for n in res.notes)
    X = pd.get_dummies(df["wave"], drop_first=True).to_numpy(float)
    assert np.isfinite(res.to_frame()["se"]).all() and X.shape[1] == 2


def _three_waves(seed, n=40, slope_sd=1.0):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"participant_id": np.repeat(np.arange(n), 3),
                       "wave": np.tile(["T0", "T1", "T2"], n)})
    t = df["wave"].map({"T0": 0, "T1": 1, "T2": 2}).to_numpy()
    u, s = rng.normal(0, 3, n), rng.normal(0, slope_sd, n)
    df["y"] = u[df["participant_id"]] + s[df["participant_id"]] * t - (t == 2) + rng.normal(0, 1, 3 * n)
    return df


def test_random_slope_model_reports_slope_variance_and_correlation():
    res = impact.mixed_model(_three_waves(7), "y", random_slope=True)
    assert res.info["random_slope"] and len(res) == 2 and not res.notes
    assert res.info["var_slope"] > 0 and -1 < res.info["cor_intercept_slope"] < 1
    assert res.info["reml"] is not None and res.info["df_method"] == "satterthwaite"


def test_mi_is_seeded_and_close_to_complete_case_under_mcar():
    rng = np.random.default_rng(3)
    n = 300
    pre = rng.normal(20, 5, n)
    post = pre - 3 + rng.normal(0, 3, n)
    post[rng.random(n) < 0.3] = np.nan
    df = pd.DataFrame({"participant_id": np.r_[np.arange(n), np.arange(n)],
                       "wave": ["T0"] * n + ["T1"] * n, "y": np.r_[pre, post]})
    a = impact.mi_prepost(df, "y", baseline="T0", followup="T1", seed=11, m=10)
    b = impact.mi_prepost(df, "y", baseline="T0", followup="T1", seed=11, m=10)
    assert a.to_dict() == b.to_dict()
    assert a["n_imputed_followup"] == int(np.isnan(post).sum())
    assert a["ci_low"] < -3 < a["ci_high"]
    assert abs(a["estimate"] - a["complete_case_estimate"]) < 0.5
    assert 0 < a["fmi"] < 0.6


def test_attrition_detects_selective_dropout():
    rng = np.random.default_rng(4)
    n = 400
    pre = rng.normal(20, 5, n)
    drop = pre + rng.normal(0, 3, n) > 23  # the most stressed drop out
    df = pd.DataFrame({"participant_id": np.r_[np.arange(n), np.arange(n)[~drop]],
                       "wave": ["T0"] * n + ["T1"] * int((~drop).sum()),
                       "y": np.r_[pre, pre[~drop] - 2],
                       "sex": np.r_[rng.choice(["f", "m"], n), ["f"] * int((~drop).sum())]})
    res = impact.attrition(df, ["y"], baseline="T0", followup="T1", background=["sex"])
    row = res.to_dict()[0]
    assert row["n_dropouts"] == int(drop.sum()) and row["smd"] > 0.5 and row["p"] < 1e-6
    ref = stats.ttest_ind(pre[drop], pre[~drop], equal_var=False)
    assert row["statistic"] == pytest.approx(ref.statistic)
    assert res.to_dict()[1]["test"] == "chi-square"


def test_subgroups_merge_small_cells():
    rng = np.random.default_rng(2)
    n = 60
    hood = np.array(["A"] * 30 + ["B"] * 25 + ["C"] * 3 + ["D"] * 2)
    pre = rng.normal(20, 4, n)
    df = pd.DataFrame({"participant_id": np.r_[np.arange(n), np.arange(n)],
                       "wave": ["T0"] * n + ["T1"] * n, "y": np.r_[pre, pre - 2 + rng.normal(0, 2, n)],
                       "hood": np.r_[hood, hood]})
    res = impact.subgroup_change(df, "y", "hood", baseline="T0", followup="T1", min_cell_size=10)
    assert [r["subgroup"] for r in res] == ["A", "B"]
    assert len(res.notes) == 2 and res.interaction["df1"] == 1
    res = impact.subgroup_change(df, "y", "hood", baseline="T0", followup="T1", min_cell_size=5)
    assert sorted(r["subgroup"] for r in res)[-1].startswith("other")


# ------------------------------------------------------------------ coverage simulation
def test_ci_of_mean_change_covers_truth_in_95_percent():
    """4,000 seeded cohorts (n = 25, planted mean change -4.5), through the package's own
    vectorised interval (the code path paired_change uses)."""
    rng = np.random.default_rng(20261123)
    reps, n, truth = 4000, 25, -4.5
    pre = rng.normal(21, 5.5, (reps, n))
    post = pre + rng.normal(truth, 6.0, (reps, n))
    ci = impact.mean_change_ci(pre, post)
    covered = np.mean((ci["ci_low"] <= truth) & (truth <= ci["ci_high"]))
    assert 0.94 <= covered <= 0.96
    for i in range(0, reps, 500):  # the scalar path gives the same intervals
        r = impact.paired_change(pre[i], post[i])
        assert (r["ci_low"], r["ci_high"]) == pytest.approx((ci["ci_low"][i], ci["ci_high"][i]))


def test_mixed_model_ci_covers_planted_wave_effect():
    """300 seeded 3-wave cohorts with dropout: the REML + Satterthwaite CI covers ~95%."""
    rng = np.random.default_rng(99)
    hits = 0
    reps, n = 300, 40
    for _ in range(reps):
        u = rng.normal(0, 3, n)
        ids = np.repeat(np.arange(n), 3)
        wave = np.tile(["T0", "T1", "T2"], n)
        y = 20 + u[ids] - 2.0 * (wave == "T2") + rng.normal(0, 2, 3 * n)
        keep = rng.random(3 * n) > 0.15
        df = pd.DataFrame({"participant_id": ids, "wave": wave, "y": y})[keep]
        row = impact.mixed_model(df, "y").to_frame().set_index("term").loc["T2"]
        hits += row["ci_low"] <= -2.0 <= row["ci_high"]
    assert 0.92 <= hits / reps <= 0.98


def test_mi_removes_bias_of_complete_cases_under_mar():
    """Drop-out depends on the (observed) baseline, change depends on baseline: the complete-case
    mean change is biased, imputation from the baseline recovers the planted -3."""
    rng = np.random.default_rng(12)
    n = 3000
    pre = rng.normal(20, 5, n)
    post = pre - 3 - 0.4 * (pre - 20) + rng.normal(0, 2, n)
    drop = rng.random(n) < 1 / (1 + np.exp(-(pre - 20) / 2))
    post[drop] = np.nan
    df = pd.DataFrame({"participant_id": np.r_[np.arange(n), np.arange(n)],
                       "wave": ["T0"] * n + ["T1"] * n, "y": np.r_[pre, post]})
    res = impact.mi_prepost(df, "y", baseline="T0", followup="T1", seed=5, m=10)
    assert res["complete_case_estimate"] > -2.3  # biased towards less improvement
    assert res["ci_low"] < -3 < res["ci_high"]
    assert abs(res["estimate"] + 3) < 0.2


def test_huge_t_gives_no_collapsed_dz_interval():
    res = impact.paired_change([1.0, 2, 3], [101.0, 102.0001, 103])
    assert res["d_z"] > 1e6 and res["d_z_ci"] is None and res["g_av_ci"] is None
    assert any("noncentral t cannot be inverted" in n for n in res["notes"])
    ok = impact.paired_change([1.0, 2, 3, 4, 5, 6], [11.0, 12.001, 13, 14, 15, 16])
    lo, hi = ok["d_z_ci"]
    assert lo < ok["d_z"] < hi


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.floats(-50, 50), st.floats(0.1, 20))
def test_mixed_model_is_equivariant_under_shift_and_scale(seed, shift, scale):
    rng = np.random.default_rng(seed)
    n = 30
    df = pd.DataFrame({"participant_id": np.repeat(np.arange(n), 3),
                       "wave": np.tile(["T0", "T1", "T2"], n)})
    df["y"] = rng.normal(0, 2, n)[df["participant_id"]] + rng.normal(0, 1, 3 * n) \
        - 0.5 * (df["wave"] == "T2")
    df = df[rng.random(3 * n) > 0.2]
    a = impact.mixed_model(df, "y").to_frame()
    b = impact.mixed_model(df.assign(y=df["y"] * scale + shift), "y").to_frame()
    if a.empty:
        assert b.empty
        return
    # REML's optimum is found to ~1e-8 of the outcome's SD: an estimate near 0 is compared on
    # the scale of its SE (seed 5456, shift 19, scale 19.98 differ by 2.03e-7 at SE 7.8; the
    # same on main before issue 15)
    assert b["estimate"].to_numpy() == pytest.approx(a["estimate"].to_numpy() * scale,
                                                     rel=1e-6, abs=1e-7 * float(b["se"].max()))
    assert b["se"].to_numpy() == pytest.approx(a["se"].to_numpy() * scale, rel=1e-6)
    assert b["p"].to_numpy() == pytest.approx(a["p"].to_numpy(), rel=1e-4, abs=1e-10)


def test_case_if_decides_the_boundary_of_recovery():
    pre, post = np.array([25.0, 25.0]), np.array([15.0, 16.0])
    k10 = impact.reliable_change(pre, post, reliability=0.91, sd=6, higher_is_better=False,
                                 cutoff=15, case_if=">")  # K10: 10-15 low risk
    assert list(k10.to_frame()["category"]) == ["recovered", "improved"]
    default = impact.reliable_change(pre, post, reliability=0.91, sd=6, higher_is_better=False,
                                     cutoff=15)  # default: the cut-off itself is a case
    assert list(default.to_frame()["category"]) == ["improved", "improved"]
    with pytest.raises(ValueError):
        impact.reliable_change(pre, post, reliability=0.9, sd=6, cutoff=15, case_if="=")
