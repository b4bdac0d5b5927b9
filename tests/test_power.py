"""Power and sample size against R (pwr, stats) fixtures and against simulation."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.stats import power as pw

from .conftest import ROOT

FIX = json.loads((ROOT / "tests" / "fixtures" / "planning_pwr.json").read_text())
ALT = {"two.sided": "two-sided", "greater": "greater"}


@pytest.mark.parametrize("case", FIX["paired"], ids=lambda c: f"{c['d']}-{c['n']}-{c['alpha']}-"
                         f"{c['alternative']}")
def test_paired_power_equals_pwr(case):
    got = pw.power_paired(case["d"], case["n"], case["alpha"], ALT[case["alternative"]])
    assert got == pytest.approx(case["power"], abs=1e-9)


@pytest.mark.parametrize("case", FIX["paired_n"], ids=lambda c: f"{c['d']}-{c['power']}")
def test_paired_sample_size_equals_pwr(case):
    n = pw.n_paired(case["d"], case["power"], case["alpha"])
    assert n == pytest.approx(case["n"], abs=1e-3)  # pwr's uniroot tolerance is ~1e-4


def test_two_sample_and_ancova_equal_r():
    for c in FIX["two_sample"]:
        assert pw.power_controlled(c["d"], c["n"]) == pytest.approx(c["power"], abs=1e-9)
    for c in FIX["two_sample_n"]:
        assert pw.n_controlled(c["d"], c["power"]) == pytest.approx(c["n"], abs=1e-3)
    for c in FIX["ancova"]:
        assert pw.power_controlled(c["d"], c["n"], c["r"]) == pytest.approx(c["power"], abs=1e-9)


def test_groups_equal_r():
    for c in FIX["groups"]:
        de = pw.power_groups(c["d"], c["groups"], c["group_size"], c["icc"])
        assert de == pytest.approx(c["design_effect"], abs=1e-9)
        if c["group_means"] is not None:
            gm = pw.power_groups(c["d"], c["groups"], c["group_size"], c["icc"],
                                 analysis="group_means")
            assert gm == pytest.approx(c["group_means"], abs=1e-9)


def test_exact_binomial_equals_r():
    for c in FIX["binom"]:
        assert pw.power_proportion(c["p1"], c["n"], c["p0"], c["alpha"]) == pytest.approx(
            c["power"], abs=1e-12)


def test_wilcoxon_many_equals_wilcox_test():
    for c in FIX["wilcox"]:
        x = np.array(c["x"], float)
        p, v = pw.wilcoxon_paired_many(x[None, :], return_statistic=True)
        assert v[0] == pytest.approx(c["V"])
        assert p[0] == pytest.approx(c["p"], rel=1e-9, abs=1e-12)
        assert pw.wilcoxon_paired_many(x[None, :], alternative="greater")[0] == pytest.approx(
            c["p_greater"], rel=1e-9, abs=1e-12)


def test_wilcoxon_many_rows_equal_one_at_a_time():
    """Stacking studies of different tie patterns gives the same p as each study alone."""
    rng = np.random.default_rng(3)
    rows = np.vstack([np.round(rng.normal(0.3, 1, (20, 15)), 1), rng.normal(0.3, 1, (20, 15))])
    together = pw.wilcoxon_paired_many(rows)
    alone = np.array([pw.wilcoxon_paired_many(r[None, :])[0] for r in rows])
    np.testing.assert_allclose(together, alone, rtol=1e-12)


def test_ttest_many_equals_paired_change():
    import impact

    rng = np.random.default_rng(5)
    pre, post = rng.normal(20, 5, (5, 35)), rng.normal(17, 5, (5, 35))
    many = pw.ttest_paired_many(post - pre)
    for i in range(5):
        one = impact.paired_change(pre[i], post[i])
        assert many["mean"][i] == pytest.approx(one["mean_change"])
        assert many["ci_low"][i] == pytest.approx(one["ci_low"])
        assert many["ci_high"][i] == pytest.approx(one["ci_high"])
        assert many["p"][i] == pytest.approx(one["p"])
        assert many["d_z"][i] == pytest.approx(one["d_z"])


@pytest.mark.parametrize("n,d", [(8, 0.75), (35, 0.5), (24, 0.75)])
def test_simulated_power_within_0_02_of_analytic(n, d):
    sim = pw.simulate_power(n, d, reps=10_000, seed=11)
    assert abs(sim["t"] - pw.power_paired(d, n)) < 0.02


def test_simulated_type_one_error_is_alpha():
    sim = pw.simulate_power(35, 0.0, reps=10_000, seed=12)
    assert abs(sim["t"] - 0.05) < 0.01
    assert abs(sim["wilcoxon"] - 0.05) < 0.01  # exact test: at most alpha, close to it


def test_wilcoxon_are_close_to_simulation():
    for n, d in ((35, 0.5), (16, 0.75)):
        assert abs(pw.power_wilcoxon(d, n) - pw.power_wilcoxon(d, n, method="simulation",
                                                                 reps=10_000)) < 0.03


def test_in_beeld_groups_of_eight():
    """evidence.md: one group of 8 at d_z 0.75 ~45%, three pooled ~90% (pwr: 0.449, 0.940)."""
    assert pw.power_groups(0.75, 1, 8) == pytest.approx(0.4486, abs=1e-4)
    assert pw.power_groups(0.75, 3, 8) == pytest.approx(0.9403, abs=1e-4)
    res = pw.plan_study("prepost", 0.75, group_size=8, simulate=10_000)
    assert res["groups"] == 2 and res["n"] == 16 and res["power"] >= 0.8
    assert pw.power_groups(0.75, 1, 8) < 0.8  # one group is not enough
    assert abs(res["simulated_power"] - res["power"]) < 0.02


def test_groups_with_icc_simulation_agrees():
    for analysis in ("design_effect", "group_means"):
        analytic = pw.power_groups(0.6, 6, 8, icc=0.1, analysis=analysis)
        sim = pw.simulate_groups(0.6, 6, 8, icc=0.1, reps=10_000, seed=4, analysis=analysis)
        assert abs(sim - analytic) < 0.025, analysis
    # heterogeneity costs groups
    assert pw.groups_needed(0.5, 8, icc=0.1) > pw.groups_needed(0.5, 8)


def test_rci_plan_and_precision():
    res = pw.plan_study("rci", share=0.3)
    assert res["power"] >= 0.8 > pw.power_proportion(0.3, res["n"] - 1)
    assert pw.n_proportion_precision(0.5, 0.1) == 97  # 1.96^2 * .25 / .01 = 96.04
    assert pw.n_proportion(0.02, 0.025) is None


def test_controlled_ancova_simulation():
    """ANCOVA power by simulation of baseline-correlated data agrees with the formula."""
    import statsmodels.api as sm

    rng = np.random.default_rng(9)
    n, d, r, reps = 30, 0.6, 0.5, 600
    hits = 0
    for _ in range(reps):
        g = np.repeat([0, 1], n)
        x0 = rng.standard_normal(2 * n)
        y = r * x0 + math.sqrt(1 - r * r) * rng.standard_normal(2 * n) + d * g
        fit = sm.OLS(y, sm.add_constant(np.column_stack([g, x0]))).fit()
        hits += fit.pvalues[1] < 0.05
    assert abs(hits / reps - pw.power_controlled(d, n, r)) < 0.06  # MC SE ~0.02 at 600


@settings(max_examples=40, deadline=None)
@given(d=st.floats(0.1, 2.0), n=st.integers(3, 400))
def test_power_increases_with_n_and_d(d, n):
    base = pw.power_paired(d, n)
    assert 0.05 < base <= 1
    if base < 0.999:  # strictly increasing until it is 1 in double precision
        assert pw.power_paired(d, n + 1) > base
        assert pw.power_paired(d + 0.05, n) > base
    assert pw.power_paired(d, n + 1) >= base


@settings(max_examples=30, deadline=None)
@given(d=st.floats(0.15, 2.0), target=st.floats(0.5, 0.95))
def test_sample_size_inverts_power(d, target):
    n = pw.n_paired(d, target)
    if n > 2 + 1e-9:
        assert pw.power_paired(d, n) == pytest.approx(target, abs=1e-8)
    assert pw.power_paired(d, math.ceil(n)) >= target - 1e-9


def test_bad_arguments():
    with pytest.raises(ValueError):
        pw.power_paired(0.5, 10, alpha=1.5)
    with pytest.raises(ValueError):
        pw.plan_study("prepost", 0.5, n=10, power=0.8)
    with pytest.raises(ValueError):
        pw.plan_study("crossover", 0.5)
    assert pw.plan_study("prepost", 0.0)["n"] is None


def test_ttest_many_with_missing_pairs_equals_one_at_a_time():
    import impact

    rng = np.random.default_rng(6)
    diff = rng.normal(1, 2, (6, 12))
    diff[rng.random(diff.shape) < 0.2] = np.nan
    many = pw.ttest_paired_many(diff)
    for i in range(6):
        row = diff[i][~np.isnan(diff[i])]
        one = impact.paired_change(np.zeros(row.size), row)
        assert many["n"][i] == one["n_paired"]
        assert many["p"][i] == pytest.approx(one["p"]) and many["ci_low"][i] == pytest.approx(
            one["ci_low"])


@settings(max_examples=40, deadline=None)
@given(x=st.lists(st.floats(-5, 5, allow_nan=False).filter(lambda v: abs(v) > 1e-3),
                  min_size=5, max_size=40, unique=True))
def test_wilcoxon_exact_equals_scipy_and_is_symmetric(x):
    from scipy import stats

    x = np.array(x)
    if len(np.unique(np.abs(x))) < x.size:
        return  # ties in |x|: covered by the tied test below
    p = pw.wilcoxon_paired_many(x[None, :])[0]
    assert p == pytest.approx(stats.wilcoxon(x, method="exact").pvalue, rel=1e-9)
    assert p == pytest.approx(pw.wilcoxon_paired_many(-x[None, :])[0], rel=1e-12)
    assert 0 < p <= 1


@settings(max_examples=40, deadline=None)
@given(x=st.lists(st.integers(-4, 4), min_size=6, max_size=60))
def test_wilcoxon_ties_and_zeros_equal_scipy_normal_approximation(x):
    from scipy import stats

    x = np.array(x, float)
    nz = x[x != 0]
    if nz.size < 2 or (nz.size < 50 and len(np.unique(np.abs(nz))) == nz.size and
                       nz.size == x.size):
        return  # exact case, tested above
    ref = stats.wilcoxon(nz, method="approx", correction=True).pvalue
    assert pw.wilcoxon_paired_many(x[None, :])[0] == pytest.approx(ref, rel=1e-9, abs=1e-12)


def test_reliable_change_many_equals_public_reliable_change():
    import impact

    rng = np.random.default_rng(7)
    pre = np.rint(rng.normal(21, 5.5, (10, 35)))
    post = np.rint(pre + rng.normal(-4.5, 6, (10, 35)))
    improved, deteriorated = pw.reliable_change_many(pre, post, 6.2, 0.78, higher_is_better=False)
    for i in range(10):
        res = impact.reliable_change(pre[i], post[i], reliability=0.78, sd=6.2,
                                     higher_is_better=False).to_dict()
        assert res["improved"] == improved[i].sum()
        assert res["deteriorated"] == deteriorated[i].sum()
