"""The edge cases and typos of issue 15: each gives R's answer, a clear error or a note; never a
silent empty or wrong result."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact
from impact.errors import InputError

FIX = Path(__file__).parent / "fixtures"


def _long(n=8, waves=("T0", "T1"), col="pss10_score", seed=2):
    rng = np.random.default_rng(seed)
    rows = [{"participant_id": f"p{i}", "wave": w, col: 20 - 2 * k + rng.normal(0, 3)}
            for i in range(n) for k, w in enumerate(waves)]
    return pd.DataFrame(rows)


def test_hodges_lehmann_of_constant_change_is_the_value_as_r():
    # R: wilcox.test(c(2, 2, 2, 2, 2), conf.int = TRUE): estimate 2, CI NaN, conf.level 0
    res = impact.wilcoxon_signed_rank([2.0] * 5).to_dict()
    assert res["estimate"] == 2.0 and res["ci_low"] is None and res["conf_level"] == 0
    assert abs(res["p"] - 0.03688843) < 1e-8 and res["notes"]
    row = impact.paired_change([10, 11, 12, 13, 14.0], [12, 13, 14, 15, 16.0])
    assert row["hl_estimate"] == 2.0 and row["hl_ci"] is None


def test_infinite_score_is_a_clear_error():
    d = _long()
    d.loc[3, "pss10_score"] = np.inf
    with pytest.raises(InputError, match=r"infinite value \(participant 'p1', wave 'T1'\)"):
        impact.prepost(d, "pss10_score", baseline="T0", followup="T1")
    with pytest.raises(InputError, match="followup holds an infinite value"):
        impact.paired_change([1, 2, 3.0], [1, np.inf, 2])


def test_rubin_pool_with_one_imputation_has_no_df():
    res = impact.rubin_pool([1.5], [0.2])
    assert res["estimate"] == 1.5 and res["df"] is None and res["se"] is None
    assert "at least two imputations" in res["notes"][0]
    two = impact.rubin_pool([1.5, 1.7], [0.2, 0.2])
    assert two["df"] > 0


def test_power_paired_needs_two_pairs():
    with pytest.raises(ValueError, match="more than one pair"):
        impact.power_paired(0.5, 1)
    arr = impact.power_paired(0.5, [1, 2, 8])
    assert np.isnan(arr[0]) and 0 < arr[1] < arr[2] < 1


def test_prepost_typos_name_what_exists():
    d = _long()
    with pytest.raises(InputError, match=r"followup wave 'T2' not in column 'wave'; the data "
                                         r"have 'T0', 'T1'"):
        impact.prepost(d, "pss10_score", baseline="T0", followup="T2")
    with pytest.raises(InputError, match=r"'pss_score' \(did you mean 'pss10_score'\?\)"):
        impact.prepost(d, "pss_score", baseline="T0", followup="T1")
    with pytest.raises(InputError, match="more than one row at wave 'T0'"):
        impact.prepost(pd.concat([d, d.iloc[[0]]]), "pss10_score", baseline="T0",
                       followup="T1")
    with pytest.raises(InputError, match="ambiguous"):
        impact.prepost(_long(waves=("pre", "post")), "pss10_score")


def test_prepost_direction_from_the_instrument_and_data_first_defaults():
    d = _long()
    res = impact.prepost(d)                       # outcomes: every *_score; T0 -> T1
    row = res.rows[0]
    assert (row["outcome"], row["baseline"], row["followup"]) == ("pss10_score", "T0", "T1")
    change = (d[d.wave == "T1"].set_index("participant_id")["pss10_score"]
              - d[d.wave == "T0"].set_index("participant_id")["pss10_score"])
    # PSS-10: higher is worse, so a decrease is an improvement
    assert row["proportion_improved"] == pytest.approx(float((change < 0).mean()))
    explicit = impact.prepost(d, ["pss10_score"], baseline="T0", followup="T1",
                              higher_is_better=True).rows[0]
    assert explicit["proportion_improved"] == pytest.approx(float((change > 0).mean()))


BFI = json.loads((FIX / "reliability_bfi.json").read_text())


def test_reliability_unreversed_item_warns_and_omega_flips_like_psych():
    items = pd.read_csv(FIX / "reliability_bfi.csv")
    raw = items.assign(A1=7 - items["A1"])                       # A1 left unreversed
    ref = BFI["unreversed"]
    with pytest.warns(UserWarning, match="A1 -0.31"):
        res = impact.reliability(raw)
    assert abs(res.alpha - ref["alpha"]) < 1e-9
    assert np.allclose([i["item_total_r"] for i in res.items], ref["r_drop"], atol=1e-9)
    assert abs(res.omega_total - ref["omega_total"]) < 1e-4        # psych: check.keys
    assert any("reversed for omega" in n for n in res.notes)
    keyed = impact.reliability(items)
    assert abs(keyed.omega_total - BFI["omega_total"]) < 1e-4
    assert not any("negatively" in n for n in keyed.notes)


def test_one_signature_convention_data_first():
    d = _long(n=20)
    from impact.stats.prepost import paired_scores

    ids, pre, post = paired_scores(d, "pss10_score", baseline="T0", followup="T1")
    rc_frame = impact.reliable_change(d, "pss10_score", baseline="T0", followup="T1")
    rc_arrays = impact.reliable_change(pre, post, reliability=0.78, sd=6.2,
                                       higher_is_better=False)
    # the frame form takes reliability, SD and direction from the PSS-10 instrument file
    inst = impact.get_instrument("pss10")
    assert rc_frame["reliability"] == inst.reliability and rc_frame["sd"] == inst.sd
    assert rc_frame["higher_is_better"] is False
    assert rc_frame["n"] == rc_arrays["n"] == 20
    w = impact.wilcoxon_signed_rank(d, "pss10_score", at=("T0", "T1")).to_dict()
    assert w == impact.wilcoxon_signed_rank(pre, post).to_dict()
    assert impact.hodges_lehmann(d, "pss10_score", baseline="T0", followup="T1") == \
        impact.hodges_lehmann(post - pre)
    with pytest.raises(InputError, match="'T9' not in column 'wave'"):
        impact.reliable_change(d, "pss10_score", baseline="T0", followup="T9")
    with pytest.raises(InputError, match="did you mean 'pss10_score'"):
        impact.wilcoxon_signed_rank(d, "pss_score", at=("T0", "T1"))


def test_hodges_lehmann_from_distinct_values_equals_every_walsh_average():
    """The estimate is read from the distinct changes with their multiplicities: the same
    number as np.median over every Walsh average (ties, halves, thirds, continuous data, odd
    and even counts), and 100,000 score changes need no n^2 array."""
    from impact.stats.wilcoxon import _walsh_median

    rng = np.random.default_rng(26)
    cases = [rng.integers(-5, 6, 57).astype(float), rng.integers(-40, 41, 80) / 3.0,
             rng.normal(0, 3, 31), np.round(rng.normal(0, 1, 64), 1) * 0.7, np.array([2.5]),
             np.array([1.0, 1.0]), np.array([-1.0, 3.0])]
    for d in cases:
        i, j = np.triu_indices(d.size)
        assert _walsh_median(d) == float(np.median((d[i] + d[j]) / 2))
    big = rng.integers(-20, 21, 100_000).astype(float)
    assert impact.hodges_lehmann(big) == _walsh_median(big)
