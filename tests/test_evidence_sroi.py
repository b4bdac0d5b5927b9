"""SROI against a hand-computed worked example (Cabinet Office guide formulas)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.errors import InputError
from impact.evidence import sroi, sroi_from_spec

from .evidence_helpers import outcome, protocol, results

SPEC = {
    "currency": "EUR",
    "inputs": {"artists": 3000, "rooms": 2000},     # 5000 in total
    "discount_rate": 0.035,
    "outcomes": [
        {"name": "less stress", "quantity": 10, "proxy": 1000, "deadweight": 0.2,
         "displacement": 0.1, "attribution": 0.25, "drop_off": 0.5, "duration": 3},
        {"name": "new contacts", "quantity": 4, "proxy": 500, "deadweight": 0.5},
    ],
}


def test_worked_example():
    # less stress, year 1: 10 x 1000 x (1 - .2) x (1 - .1) x (1 - .25) = 5400
    #   year 2: 5400 x (1 - .5) = 2700; year 3: 5400 x .5^2 = 1350
    # new contacts, year 1 only: 4 x 500 x (1 - .5) = 1000
    # PV = 6400 / 1.035 + 2700 / 1.035^2 + 1350 / 1.035^3
    #    = 6183.5749 + 2520.4789 + 1217.6230 = 9921.6764
    # ratio = 9921.6764 / 5000 = 1.98434
    res = sroi(SPEC)
    assert res.inputs == 5000
    assert res.outcomes[0]["impact_year1"] == pytest.approx(5400)
    assert res.outcomes[1]["impact_year1"] == pytest.approx(1000)
    assert [y["value"] for y in res.years] == pytest.approx([6400, 2700, 1350])
    assert res.present_value == pytest.approx(9921.6764, abs=1e-3)
    assert res.ratio == pytest.approx(1.98434, abs=1e-5)
    assert res.net_present_value == pytest.approx(4921.6764, abs=1e-3)
    sens = {(r["parameter"], r["outcome"], r["setting"]): r for r in res.sensitivity().rows}
    # proxy of 'less stress' halved: its PV (5217.3913 + 2520.4789 + 1217.6230 = 8955.4932)
    # halves: 9921.6764 - 4477.7466 = 5443.9298
    assert sens[("proxy_factor", "less stress", 0.5)]["present_value"] == pytest.approx(5443.9298, abs=1e-3)
    # break-even factor: (5000 - 966.1836) / 8955.4932 = 0.45043
    be = [r for r in res.sensitivity().rows if r["parameter"] == "break_even_proxy_factor"
          and r["outcome"] == "less stress"][0]
    assert be["setting"] == pytest.approx(0.45043, abs=1e-5)
    # discount rate 0: PV = 6400 + 2700 + 1350 = 10450
    assert sens[("discount_rate", None, 0.0)]["present_value"] == pytest.approx(10450)
    # deadweight of new contacts 0.5 -> 0.6: its PV falls from 966.18 to 772.95
    assert sens[("deadweight", "new contacts", 0.6)]["present_value"] == pytest.approx(
        9921.6764 - 0.1 * 4 * 500 / 1.035, abs=1e-3)
    d = res.to_dict()
    assert d["ratio"] == pytest.approx(1.98434, abs=1e-5) and d["sensitivity"]


def test_quantity_from_results_and_protocol():
    res = results(outcome(rci_improved=7))
    spec = {"inputs": 1000, "discount_rate": 0.0,
            "outcomes": [{"name": "x", "outcome": "pss10_score", "quantity_from": "rci_improved",
                          "proxy": 100}]}
    assert sroi(spec, res).present_value == pytest.approx(700)
    assert sroi_from_spec(protocol(sroi=spec), res).ratio == pytest.approx(0.7)
    assert sroi_from_spec(protocol(), res) is None


@pytest.mark.parametrize("change, column", [
    ({"inputs": "a lot"}, "sroi.inputs"),
    ({"discount_rate": 2}, "sroi.discount_rate"),
    ({"colour": 1}, "sroi.colour"),
    ({"outcomes": []}, "sroi.outcomes"),
])
def test_bad_top_level_keys_are_named(change, column):
    with pytest.raises(InputError) as err:
        sroi({**SPEC, **change})
    assert err.value.column == column


@pytest.mark.parametrize("key, value", [("deadweight", 1.5), ("proxy", "x"), ("quantity", -1),
                                        ("duration", 0), ("flavour", 1)])
def test_bad_outcome_keys_are_named(key, value):
    spec = {**SPEC, "outcomes": [dict(SPEC["outcomes"][0], **{key: value})]}
    with pytest.raises(InputError) as err:
        sroi(spec)
    assert err.value.column == f"sroi.outcomes[0].{key}"


@settings(max_examples=60, deadline=None)
@given(dw1=st.floats(0, 1), dw2=st.floats(0, 1), q=st.floats(0.1, 100), p=st.floats(1, 1e4),
       drop=st.floats(0, 1), years=st.integers(1, 10), rate=st.floats(0, 0.2))
def test_ratio_falls_as_deadweight_rises_and_is_linear_in_the_proxy(dw1, dw2, q, p, drop, years,
                                                                    rate):
    def ratio(dw, proxy):
        return sroi({"inputs": 1000, "discount_rate": rate,
                     "outcomes": [{"name": "o", "quantity": q, "proxy": proxy, "deadweight": dw,
                                   "drop_off": drop, "duration": years}]}).ratio

    lo, hi = sorted((dw1, dw2))
    assert ratio(hi, p) <= ratio(lo, p) + 1e-12
    assert ratio(lo, 2 * p) == pytest.approx(2 * ratio(lo, p), rel=1e-9, abs=1e-12)
