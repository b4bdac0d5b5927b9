"""Reliability checked against R psych 2.2.9 on a published data set (bfi Agreeableness A1-A5,
complete cases, A1 reversed on 1-6); the fixture and the R script that made it are in
tests/fixtures/reliability_bfi.*. The tests run without R."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import f as f_dist

import impact
from impact.instruments.reliability import alpha_ci_feldt

from .conftest import run_cli

FIX = Path(__file__).parent / "fixtures"
REF = json.loads((FIX / "reliability_bfi.json").read_text())
BFI = pd.read_csv(FIX / "reliability_bfi.csv")


def test_fixture_is_the_published_subset():
    assert REF["psych_version"] == "2.2.9"
    assert len(BFI) == REF["n"] == 2709 and list(BFI.columns) == REF["items"]


def test_alpha_and_item_statistics_match_psych():
    r = impact.reliability(BFI)
    assert r.n == 2709 and r.k == 5
    assert r.alpha == pytest.approx(REF["alpha"], abs=1e-6)
    assert r.alpha_ci[0] == pytest.approx(REF["feldt_lower"], abs=1e-6)
    assert r.alpha_ci[1] == pytest.approx(REF["feldt_upper"], abs=1e-6)
    np.testing.assert_allclose([i["item_total_r"] for i in r.items], REF["r_drop"], atol=1e-6)
    np.testing.assert_allclose([i["alpha_if_deleted"] for i in r.items], REF["alpha_if_deleted"],
                               atol=1e-6)
    assert [i["item"] for i in r.items] == REF["items"]


def test_omega_total_matches_psych_omega_and_the_hand_formula():
    r = impact.reliability(BFI)
    assert r.omega_total == pytest.approx(REF["omega_total"], abs=1e-6)
    # our minres loadings against psych::fa(fm = "minres")
    np.testing.assert_allclose([i["loading"] for i in r.items], REF["fa_loadings"], atol=1e-5)
    # hand formula on psych's own loadings: 1 - sum(1 - lambda^2) / sum(R)
    lam = np.array(REF["fa_loadings"])
    hand = 1 - np.sum(1 - lam ** 2) / REF["sum_R"]
    assert hand == pytest.approx(REF["omega_total"], abs=1e-6)
    assert np.corrcoef(BFI.to_numpy(float), rowvar=False).sum() == pytest.approx(REF["sum_R"])


def test_feldt_ci_is_the_formula():
    alpha, n, k = 0.8, 50, 6
    lo, hi = alpha_ci_feldt(alpha, n, k, 0.90)
    assert lo == pytest.approx(1 - 0.2 * f_dist.ppf(0.95, 49, 49 * 5))
    assert hi == pytest.approx(1 - 0.2 * f_dist.ppf(0.05, 49, 49 * 5))
    assert lo < alpha < hi


def test_alpha_by_hand_and_complete_cases():
    x = BFI.to_numpy(float)
    k = x.shape[1]
    hand = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert impact.cronbach_alpha(x) == pytest.approx(hand, abs=1e-12)
    holes = BFI.astype(float).copy()
    holes.iloc[:10, 2] = np.nan
    r = impact.reliability(holes)
    assert r.n == 2699 and r.n_excluded == 10 and "complete cases" in r.notes[0]
    assert r.alpha == pytest.approx(impact.cronbach_alpha(x[10:]), abs=1e-12)


def test_uncomputable_statistics_are_none_with_a_note():
    tiny = impact.reliability(BFI.head(2))
    assert tiny.alpha is None and tiny.omega_total is None and tiny.notes
    flat = BFI.head(50).copy()
    flat["A1"] = 3
    r = impact.reliability(flat)
    assert r.items[0]["item_total_r"] is None and r.omega_total is None
    assert any("without variance" in n for n in r.notes)
    assert set(r.to_dict()) >= {"n", "alpha", "alpha_ci", "omega_total", "items"}
    assert "<table" in r._repr_html_()


def test_instrument_items_are_keyed_before_analysis(kor_dir):
    data = pd.read_csv(kor_dir / "responses.csv")
    items = data[[f"pss10_{k}" for k in range(1, 11)]].astype(float)
    keyed = items.copy()
    for k in (4, 5, 7, 8):
        keyed[f"pss10_{k}"] = 4 - keyed[f"pss10_{k}"]
    by_hand = impact.reliability(keyed)
    via_instrument = impact.reliability(data, "pss10")
    assert via_instrument.alpha == pytest.approx(by_hand.alpha, abs=1e-12)
    assert via_instrument.n == by_hand.n


def test_djg_items_are_dichotomised_for_reliability():
    rows = pd.DataFrame({f"djg6_{k}": v for k, v in
                         zip(range(1, 7), ([1, 2, 3, 3, 1], [3, 2, 1, 1, 3], [3, 1, 1, 2, 3],
                                           [1, 3, 3, 2, 1], [3, 2, 1, 1, 1], [1, 2, 3, 3, 2]))})
    x = impact.keyed_items(rows, "djg6")
    assert set(np.unique(x)) <= {0.0, 1.0}
    assert impact.reliability(rows, "djg6").alpha == pytest.approx(impact.cronbach_alpha(x))


def test_cli_reliability_json(kor_dir):
    proc = run_cli("reliability", kor_dir / "responses.csv", "--instrument", "pss10",
                   "--wave", "T0")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert {"n", "alpha", "alpha_ci", "omega_total", "items"} <= set(out)
    assert {"item", "item_total_r", "alpha_if_deleted"} <= set(out["items"][0])
    data = pd.read_csv(kor_dir / "responses.csv")
    t0 = data[data["wave"] == "T0"]
    assert out["alpha"] == pytest.approx(impact.reliability(t0, "pss10").alpha, abs=1e-12)
    pooled = json.loads(run_cli("reliability", kor_dir / "responses.csv", "--instrument",
                                "pss10", check=True).stdout)
    assert any("pooled" in n for n in pooled["notes"])


def test_cli_reliability_errors(kor_dir, tmp_path):
    proc = run_cli("reliability", kor_dir / "responses.csv", "--instrument", "pss10",
                   "--wave", "T9")
    assert proc.returncode == 2 and "T9" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli("reliability", kor_dir / "responses.csv")
    assert proc.returncode == 2 and "--instrument" in proc.stderr
    proc = run_cli("reliability", kor_dir / "responses.csv", "--instrument", "djg11")
    assert proc.returncode == 2 and "djg11_1" in proc.stderr


def test_cli_reliability_custom_instrument(tmp_path):
    spec = tmp_path / "form.yaml"
    spec.write_text("id: form\nname: form\nitems: 5\nmin: 1\nmax: 6\nreverse: [1]\n",
                    encoding="utf-8")
    data = BFI.copy()
    data["A1"] = 7 - data["A1"]  # back to the raw answers; the instrument reverses A1 again
    data.columns = [f"form_{k}" for k in range(1, 6)]
    data.insert(0, "participant_id", range(len(data)))
    data.insert(1, "wave", "T0")
    path = tmp_path / "bfi.csv"
    data.to_csv(path, index=False)
    proc = run_cli("reliability", path, "--instrument-file", spec)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["alpha"] == pytest.approx(REF["alpha"], abs=1e-6)
    assert out["omega_total"] == pytest.approx(REF["omega_total"], abs=1e-6)


def test_pairwise_matches_psych_default_on_incomplete_data():
    ref = REF["pairwise"]
    data = pd.read_csv(FIX / "reliability_bfi_missing.csv")
    assert len(data) == ref["n_rows"] and data.isna().any().any()
    r = impact.reliability(data, missing="pairwise")
    assert r.n == ref["n_rows"] - ref["n_all_missing"] and r.method == "pairwise"
    assert r.alpha == pytest.approx(ref["alpha"], abs=1e-6)
    assert r.alpha_ci == pytest.approx([ref["feldt_lower"], ref["feldt_upper"]], abs=1e-6)
    np.testing.assert_allclose([i["item_total_r"] for i in r.items], ref["r_drop"], atol=1e-6)
    np.testing.assert_allclose([i["alpha_if_deleted"] for i in r.items], ref["alpha_if_deleted"],
                               atol=1e-6)
    assert r.omega_total == pytest.approx(ref["omega_total"], abs=1e-6)
    # the default stays complete cases: the published complete-case values
    assert impact.reliability(data).alpha == pytest.approx(REF["alpha"], abs=1e-6)
    with pytest.raises(impact.InputError, match="pairwise"):
        impact.reliability(data, missing="listwise")
