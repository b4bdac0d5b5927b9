"""Agreement between coders: published worked example, R psych, the krippendorff package, properties."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.qual import (coding_agreement, coding_disagreements, cohen_kappa, krippendorff_alpha)
from tests.conftest import run_cli

FIX = Path(__file__).parent / "fixtures"
N = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing
# values: observers A-D (columns here), 12 units (rows here).
K2011 = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]).T


@pytest.mark.parametrize("level, published", [("nominal", 0.743), ("ordinal", 0.815),
                                              ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_2011_worked_example(level, published):
    res = krippendorff_alpha(K2011, level, n_boot=200)
    assert round(res.alpha, 3) == published
    assert res.n_units == 11            # unit 12 has one value only: not pairable
    assert res.n_pairable == 40         # Krippendorff's n..
    low, high = res.ci
    assert low < res.alpha <= high <= 1.0


def test_coincidences_of_worked_example():
    res = krippendorff_alpha(K2011, "nominal", n_boot=0)
    # published coincidence matrix marginals n_c for values 1..5: 9, 13, 10, 5, 3
    assert list(res.coincidences.sum(axis=1).round(6)) == [9, 13, 10, 5, 3]
    assert res.coincidences[0, 0] == pytest.approx(7.0)
    assert res.coincidences[0, 1] == pytest.approx(4 / 3)
    assert res.ci is None


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_matches_krippendorff_package(level):
    import krippendorff

    rng = np.random.default_rng(7)
    data = rng.integers(1, 6, size=(60, 4)).astype(float)
    data[:, 1] = np.where(rng.random(60) < 0.6, data[:, 0], data[:, 1])
    data[rng.random((60, 4)) < 0.15] = np.nan
    ours = krippendorff_alpha(data, level, n_boot=0).alpha
    # the package wants coders in rows and defaults to interval: say both explicitly
    theirs = krippendorff.alpha(reliability_data=data.T, level_of_measurement=level)
    assert ours == pytest.approx(theirs, abs=1e-10)


def test_string_codes_nominal_and_bootstrap_is_seeded():
    data = pd.DataFrame({"A": ["x", "y", "x", "z", "y", None, "x", "y"],
                         "B": ["x", "y", "y", "z", "y", "x", "x", "y"],
                         "C": ["x", None, "x", "z", "x", "x", "x", "y"]})
    a = krippendorff_alpha(data, n_boot=500, seed=3)
    b = krippendorff_alpha(data, n_boot=500, seed=3)
    c = krippendorff_alpha(data, n_boot=500, seed=4)
    assert a.ci == b.ci and a.ci != c.ci
    assert a.n_boot_valid <= 500


def test_undefined_alpha_is_none_with_note():
    res = krippendorff_alpha(np.array([[1, 1], [1, 1], [1, np.nan]]), "nominal")
    assert res.alpha is None and res.ci is None and "undefined" in " ".join(res.notes)
    res = krippendorff_alpha(np.array([[1, np.nan], [np.nan, 2]]), "nominal")
    assert res.alpha is None and res.n_units == 0


def test_non_numeric_values_need_nominal():
    with pytest.raises(ValueError, match="numeric"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], "interval")


def test_cohen_kappa_matches_psych():
    ref = json.loads((FIX / "qual_kappa.json").read_text())
    d = pd.read_csv(FIX / "qual_kappa.csv")
    res = cohen_kappa(d["coder_a"], d["coder_b"])
    assert res.n == ref["n_obs"]
    assert res.kappa == pytest.approx(ref["kappa"], abs=1e-12)
    assert res.se ** 2 == pytest.approx(ref["var_kappa"], abs=1e-12)
    assert res.ci[0] == pytest.approx(ref["ci_low"], abs=1e-10)
    assert res.ci[1] == pytest.approx(ref["ci_high"], abs=1e-10)


def test_kappa_undefined_for_one_category():
    res = cohen_kappa(["a", "a"], ["a", "a"])
    assert res.kappa is None and res.notes


# ---- properties --------------------------------------------------------------------------------

values = st.integers(min_value=1, max_value=4)


@st.composite
def reliability_data(draw, min_coders=2, max_coders=4):
    n_units = draw(st.integers(min_value=3, max_value=25))
    n_coders = draw(st.integers(min_value=min_coders, max_value=max_coders))
    cells = draw(st.lists(st.one_of(values, st.none()), min_size=n_units * n_coders,
                          max_size=n_units * n_coders))
    arr = np.array([np.nan if c is None else c for c in cells], dtype=float)
    return arr.reshape(n_units, n_coders)


@settings(max_examples=60, deadline=None)
@given(col=st.lists(values, min_size=3, max_size=30), n_coders=st.integers(2, 5),
       level=st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_identical_coders_with_variation_give_alpha_one(col, n_coders, level):
    if len(set(col)) < 2:
        col = col + [v for v in (1, 2) if v not in col]
    data = np.repeat(np.array(col, dtype=float)[:, None], n_coders, axis=1)
    assert krippendorff_alpha(data, level, n_boot=0).alpha == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(data=reliability_data(), seed=st.integers(0, 1000),
       level=st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_alpha_invariant_to_coder_and_unit_order(data, seed, level):
    rng = np.random.default_rng(seed)
    base = krippendorff_alpha(data, level, n_boot=0).alpha
    shuffled = data[rng.permutation(data.shape[0])][:, rng.permutation(data.shape[1])]
    other = krippendorff_alpha(shuffled, level, n_boot=0).alpha
    if base is None:
        assert other is None
    else:
        assert other == pytest.approx(base, abs=1e-12)
        assert base <= 1.0 + 1e-12


@settings(max_examples=60, deadline=None)
@given(pairs=st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=2,
                      max_size=40))
def test_kappa_symmetric_in_the_two_coders(pairs):
    a, b = zip(*pairs)
    k1, k2 = cohen_kappa(a, b), cohen_kappa(b, a)
    if k1.kappa is None:
        assert k2.kappa is None
    else:
        assert k1.kappa == pytest.approx(k2.kappa, abs=1e-12)
        assert k1.se == pytest.approx(k2.se, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(pairs=st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from("abcd")), min_size=2,
                      max_size=40))
def test_two_coder_alpha_close_to_kappa_family(pairs):
    # For two coders without missing values nominal alpha = Scott's pi corrected by (n-1)/n
    # terms; it never exceeds 1 and equals 1 exactly when the coders agree everywhere.
    a, b = zip(*pairs)
    res = krippendorff_alpha(np.array([a, b], dtype=object).T, "nominal", n_boot=0)
    if res.alpha is not None:
        assert res.alpha <= 1.0 + 1e-12
        assert (res.alpha == pytest.approx(1.0)) == all(x == y for x, y in pairs)


# ---- codings tables -------------------------------------------------------------------------------

def multi_label():
    rows = [("u1", "A", "x"), ("u1", "B", "x"), ("u2", "A", "x"), ("u2", "A", "y"),
            ("u2", "B", "x"), ("u3", "A", "y"), ("u3", "B", "y"), ("u4", "A", "x"),
            ("u4", "B", "y")]
    return pd.DataFrame(rows, columns=["unit", "coder", "code"])


def test_per_code_agreement_by_hand():
    res = coding_agreement(multi_label(), n_boot=0).to_dict()
    assert res["multi_label"] is True and res["n_units"] == 4 and res["n_coders"] == 2
    x = next(r for r in res["per_code"] if r["code"] == "x")
    # coder A: x on u1 u2 u4; coder B: x on u1 u2 -> agree on 3 of 4 units
    assert x["percent_agreement"] == pytest.approx(0.75)
    assert x["positive_agreement"] == pytest.approx(0.8)        # 2*2 / (2*2 + 1)
    assert x["cohen_kappa"] == pytest.approx(0.5)               # po .75, pc .5
    assert x["n_units_with_code"] == 3
    assert res["percent_agreement"] == pytest.approx(0.5)       # identical sets on u1 u3


def test_uncoded_text_does_not_inflate():
    base = coding_agreement(multi_label(), n_boot=0).to_dict()
    # units nobody coded are not in the codings table and cannot enter
    c = multi_label()
    more = coding_agreement(c, n_boot=0, units=None).to_dict()
    assert more["per_code"] == base["per_code"]
    # declaring extra units every coder saw but nobody coded changes nothing: they are left
    # out with a note (counting them as agreed absences is the QualCoder #667 inflation)
    declared = coding_agreement(c, n_boot=0, units=["u1", "u2", "u3", "u4", "u5"]).to_dict()
    assert declared["n_units"] == 4 and declared["per_code"] == base["per_code"]
    assert any("no coder coded" in n for n in declared["notes"])
    # a coder who read a unit but left it uncoded is an absence, not a missing value
    partial = pd.concat([c, pd.DataFrame([("u5", "A", "x")], columns=c.columns)])
    missing = coding_agreement(partial, n_boot=0).to_dict()
    absent = coding_agreement(partial, n_boot=0, units=["u1", "u2", "u3", "u4", "u5"]).to_dict()
    x_missing = next(r for r in missing["per_code"] if r["code"] == "x")
    x_absent = next(r for r in absent["per_code"] if r["code"] == "x")
    assert x_missing["n_units"] == 4 and x_absent["n_units"] == 5
    assert x_absent["percent_agreement"] == pytest.approx(3 / 5)


def test_single_label_codings_and_kappa():
    d = pd.read_csv(FIX / "qual_kappa.csv")
    long = d.melt(id_vars="unit", var_name="coder", value_name="code").dropna()
    res = coding_agreement(long, n_boot=100).to_dict()
    ref = json.loads((FIX / "qual_kappa.json").read_text())
    assert res["multi_label"] is False
    assert res["cohen_kappa"] == pytest.approx(ref["kappa"], abs=1e-12)
    assert res["krippendorff_alpha"] is not None and len(res["alpha_ci"]) == 2
    assert res["n_units"] == 40


def test_disagreements_list():
    dis = coding_disagreements(multi_label())
    assert dis[["unit", "code", "given_by", "not_given_by"]].values.tolist() == [
        ["u2", "y", "A", "B"], ["u4", "x", "A", "B"], ["u4", "y", "B", "A"]]


def test_cli_agreement_json(tmp_path):
    p = tmp_path / "codings.csv"
    multi_label().to_csv(p, index=False)
    dis = tmp_path / "dis.csv"
    proc = run_cli("agreement", p, "--n-boot", "50", "--disagreements", dis)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    for key in ("n_units", "n_coders", "krippendorff_alpha", "alpha_ci", "percent_agreement",
                "cohen_kappa", "per_code"):
        assert key in out
    assert dis.read_text().count("\n") == 4


def test_cli_agreement_bad_input(tmp_path):
    p = tmp_path / "codings.csv"
    p.write_text("unit,coder\nq1,A\n")
    proc = run_cli("agreement", p)
    assert proc.returncode == 2
    assert "codings.csv" in proc.stderr and "'code'" in proc.stderr and "Traceback" not in proc.stderr
    p.write_text("unit,coder,code\nq1,A,x\nq1,B,y\nq2,A,\n")
    proc = run_cli("agreement", p)
    assert proc.returncode == 2 and "row 4" in proc.stderr
    p.write_text("unit,coder,code\nq1,A,x\nq1,B,y\n")
    proc = run_cli("agreement", p, "--level", "interval")
    assert proc.returncode == 2 and "numeric" in proc.stderr


def test_many_distinct_values_fall_back_without_interval(monkeypatch):
    import krippendorff

    import impact.qual.agreement as ag

    monkeypatch.setattr(ag, "_MAX_CELLS", 100)
    rng = np.random.default_rng(3)
    x = rng.normal(size=40)
    data = np.column_stack([x, x + rng.normal(scale=0.5, size=40), x])
    res = krippendorff_alpha(data, "interval")
    assert res.ci is None and "no interval" in " ".join(res.notes)
    assert res.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=data.T, level_of_measurement="interval"), abs=1e-10)


@pytest.mark.parametrize("module", ["impact.qual.agreement", "impact.qual.deid",
                                    "impact.qual.analysis", "impact.qual.codebook"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    import impact

    result = doctest.testmod(importlib.import_module(module), extraglobs={"impact": impact},
                             optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_hayes_krippendorff_bootstrap(level):
    a = krippendorff_alpha(K2011, level, n_boot=4000, seed=11, ci_method="hayes")
    b = krippendorff_alpha(K2011, level, n_boot=4000, seed=11, ci_method="hayes")
    assert a.ci == b.ci and a.ci_method.startswith("Hayes")
    # resampled pairs are drawn from the observed coincidences with D_e fixed, so the resamples
    # centre on alpha itself
    assert float(np.mean(a.resamples)) == pytest.approx(a.alpha, abs=0.01)
    assert a.ci[0] < a.alpha < a.ci[1] and a.resamples.min() >= -1.0
    # macro positions: sorted resamples at trunc(.025 B) and trunc(.975 B) + 1 (1-based)
    srt = np.sort(a.resamples)
    assert a.ci == (srt[99], srt[3900])
    with pytest.raises(ValueError, match="ci_method"):
        krippendorff_alpha(K2011, level, ci_method="jackknife")


def test_cli_agreement_hayes_and_quotes(tmp_path):
    codings = tmp_path / "codings.csv"
    multi_label().to_csv(codings, index=False)
    quotes = tmp_path / "quotes.csv"
    quotes.write_text("quote_id,participant_id,wave,source,role,text\n" + "".join(
        f"u{i},P{i},T1,exit_interview,participant,tekst {i}\n" for i in range(1, 6)))
    proc = run_cli("agreement", codings, "--quotes", quotes, "--ci-method", "hayes",
                   "--n-boot", "200")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["n_units"] == 4 and out["alpha_ci_method"].startswith("Hayes")
    assert any("no coder coded" in n for n in out["notes"])           # u5
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,coder,code\nu9,A,x\n")
    proc = run_cli("agreement", bad, "--quotes", quotes)
    assert proc.returncode == 2 and "'u9' is not a quote_id" in proc.stderr


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["u1", "u2", "u3", "u4", "u5", "u6"]),
                               st.sampled_from(["A", "B", "C"]),
                               st.sampled_from(["pride", "meaning", "threshold"])),
                     min_size=2, max_size=40),
       seed=st.integers(0, 100))
def test_per_code_invariant_to_row_order_and_coder_names(rows, seed):
    c = pd.DataFrame(rows, columns=["unit", "coder", "code"])
    rng = np.random.default_rng(seed)
    shuffled = c.iloc[rng.permutation(len(c))].replace(
        {"coder": {"A": "zz", "B": "aa", "C": "mm"}})
    r1 = coding_agreement(c, n_boot=0).to_dict()
    r2 = coding_agreement(shuffled, n_boot=0).to_dict()
    assert ("per_code" in r1) == ("per_code" in r2) == (c["coder"].nunique() >= 2)
    for a, b in zip(r1.get("per_code", []), r2.get("per_code", [])):
        assert a["code"] == b["code"] and a["n_units"] == b["n_units"]
        for key in ("krippendorff_alpha", "percent_agreement", "positive_agreement"):
            if a[key] is None:
                assert b[key] is None
            else:
                assert b[key] == pytest.approx(a[key], abs=1e-12)
    if r1["krippendorff_alpha"] is not None:
        assert r2["krippendorff_alpha"] == pytest.approx(r1["krippendorff_alpha"], abs=1e-12)


def test_agreement_result_html_escapes():
    c = multi_label().replace({"code": {"x": "<script>x</script>"}})
    res = coding_agreement(c, n_boot=20)
    page = res._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "krippendorff_alpha" in page and "per" not in res.summary_frame().columns
