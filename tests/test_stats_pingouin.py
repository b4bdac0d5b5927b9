"""pingouin as an independent reference (besides the R fixtures): paired t-test, Wilcoxon,
Cohen's d, Cronbach's alpha with its interval, and the Hodges-Lehmann-free parts of prepost."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact

pg = pytest.importorskip("pingouin")
FIX = Path(__file__).parent / "fixtures"
PP = pd.read_csv(FIX / "stats_prepost_input.csv")


@pytest.mark.parametrize("case", sorted(PP["case"].unique()))
def test_paired_t_matches_pingouin(case):
    d = PP[PP["case"] == case]
    x, y = d["baseline"].to_numpy(), d["followup"].to_numpy()
    ours = impact.paired_change(x, y)
    if ours["t"] is None:
        pytest.skip("zero variance of change")
    ref = pg.ttest(y, x, paired=True).iloc[0]
    assert ours["t"] == pytest.approx(ref["T"], rel=1e-10)
    assert ours["df"] == ref["dof"]
    assert ours["p"] == pytest.approx(ref["p_val"], rel=1e-8)
    lo, hi = ref["CI95"]
    assert (ours["ci_low"], ours["ci_high"]) == pytest.approx((lo, hi), abs=5e-3)  # pg rounds
    # pingouin's paired Cohen's d is d_av (mean change over the average SD)
    assert abs(ours["d_av"]) == pytest.approx(abs(pg.compute_effsize(y, x, paired=True)),
                                              rel=1e-10)


@pytest.mark.parametrize("case", sorted(PP["case"].unique()))
def test_wilcoxon_statistic_and_p_match_pingouin_exact_and_normal(case):
    d = PP[PP["case"] == case]
    x, y = d["baseline"].to_numpy(), d["followup"].to_numpy()
    ours = impact.wilcoxon_signed_rank(x, y).to_dict()
    if ours["V"] is None:
        pytest.skip("all changes zero")
    method = "exact" if ours["method"] == "exact" else "approx"
    ref = pg.wilcoxon(y, x, method=method, correction=True).iloc[0]
    n = ours["n_nonzero"]
    # pingouin reports min(V+, V-) as W_val
    assert min(ours["V"], n * (n + 1) / 2 - ours["V"]) == pytest.approx(ref["W_val"])
    if method == "exact" or not (d["followup"] - d["baseline"] == 0).any():
        assert ours["p"] == pytest.approx(ref["p_val"], rel=1e-6)


def test_cronbach_alpha_matches_pingouin():
    items = pd.read_csv(FIX / "reliability_bfi.csv")
    ours = impact.reliability(items)
    alpha, ci = pg.cronbach_alpha(items)
    assert ours.alpha == pytest.approx(alpha, rel=1e-12)
    assert ours.alpha_ci == pytest.approx(list(ci), abs=5e-4)        # pingouin rounds to 3
    ref = json.loads((FIX / "reliability_bfi.json").read_text())
    assert alpha == pytest.approx(ref["alpha"], rel=1e-10)             # and R agrees
