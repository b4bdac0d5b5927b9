"""A small version of the validation suite (the full table is docs/validation.md)."""

import re

import numpy as np
import pytest

from impact.synth.validation import validate

from .conftest import ROOT


@pytest.fixture(scope="module")
def table():
    res = validate(["kor-null", "kor-effect", "in-beeld"], reps=4000, seed=3, reps_public=300)
    return {(r["scenario"], r["estimator"].split(" (")[0].split(",")[0]): r for r in res.rows}


def test_mean_change_coverage_and_type_one_error_at_n_35(table):
    null = table[("kor-null", "mean change")]
    assert 0.935 <= null["coverage"] <= 0.965
    assert 0.04 <= null["rejection_rate"] <= 0.06
    eff = table[("kor-effect", "mean change")]
    assert 0.935 <= eff["coverage"] <= 0.965
    se = 6.0 / np.sqrt(35) / np.sqrt(eff["reps"])  # SE of the mean of the estimates, roughly
    assert abs(eff["bias"]) < 4 * se


def test_wilcoxon_type_one_error(table):
    assert 0.035 <= table[("kor-null", "Wilcoxon signed-rank test")]["rejection_rate"] <= 0.06


def test_dz_interval_and_share(table):
    dz = table[("kor-effect", "d_z")]
    assert dz["reps"] == 300 and 0.92 <= dz["coverage"] <= 0.98
    assert dz["truth"] < 0 and abs(dz["bias"]) < 0.05
    share = table[("kor-effect", "share reliably improved")]
    assert share["coverage"] >= 0.94 and abs(share["bias"]) < 0.01


def test_in_beeld_complete_cases(table):
    done = table[("in-beeld", "mean change")]
    assert done["truth"] > 1.5 and abs(done["bias"]) < 0.1
    assert 0.85 < done["rejection_rate"] < 0.95  # evidence.md: about 90% for three groups


def test_docs_table_is_committed_and_meets_the_bar():
    text = (ROOT / "docs" / "validation.md").read_text()
    row = next(line for line in text.splitlines()
               if line.startswith("| kor-null | mean change"))
    coverage, rejection = (float(x) for x in re.findall(r"(\d+\.\d)%", row))
    assert 94 <= coverage <= 96 and 4 <= rejection <= 6
    assert "10000" in text.split("\n", 3)[2]


def test_pooled_and_mixed_model_rows_small():
    res = validate(["in-beeld-homogeneous", "welzijn-homogeneous"], reps=1000, seed=4,
                   reps_public=120)
    rows = {r["estimator"].split(" (")[0]: r for r in res.rows}
    pooled = rows["pooled mean change over groups"]
    assert pooled["reps"] == 120 and abs(pooled["bias"]) < 0.25 and pooled["coverage"] > 0.85
    mm = rows["mixed model term T2"]
    assert mm["reps"] == 120 and mm["truth"] < -1 and abs(mm["bias"]) < 0.2
    assert 0.88 <= mm["coverage"] <= 0.99
