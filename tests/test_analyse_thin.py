"""impact analyse on the synthetic cohort, against values computed by hand in the test."""

import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from .conftest import run_cli
from .test_score_thin import ITEMS, hand_pss10


@pytest.fixture(scope="module")
def results(kor_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("analyse") / "results.json"
    proc = run_cli("analyse", kor_dir / "responses.csv", "--protocol", kor_dir / "protocol.yaml",
                   "--output", out)
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text())


def test_primary_outcome_matches_hand_computation(kor_dir, results):
    raw = pd.read_csv(kor_dir / "responses.csv")
    raw["score"] = [hand_pss10(r) for r in raw[ITEMS].astype(float).to_dict("records")]
    wide = raw.pivot(index="participant_id", columns="wave", values="score").dropna()
    d = (wide["T1"] - wide["T0"]).to_numpy()
    n = d.size
    mean = d.sum() / n
    sd = math.sqrt(((d - mean) ** 2).sum() / (n - 1))
    t = mean / (sd / math.sqrt(n))
    crit = stats.t.ppf(0.975, n - 1)
    o = results["outcomes"][0]
    assert o["outcome"] == "pss10_score" and o["primary"] is True
    assert o["n_paired"] == n
    assert o["baseline"] == "T0" and o["followup"] == "T1"
    assert o["mean_change"] == pytest.approx(mean, abs=1e-12)
    assert o["ci_low"] == pytest.approx(mean - crit * sd / math.sqrt(n), abs=1e-10)
    assert o["ci_high"] == pytest.approx(mean + crit * sd / math.sqrt(n), abs=1e-10)
    assert o["t"] == pytest.approx(t, abs=1e-10)
    assert o["df"] == n - 1
    assert o["p"] == pytest.approx(2 * stats.t.sf(abs(t), n - 1), rel=1e-9)
    assert o["d_z"] == pytest.approx(mean / sd, abs=1e-12)
    assert o["mean_baseline"] == pytest.approx(wide["T0"].mean(), abs=1e-12)
    assert o["sd_followup"] == pytest.approx(wide["T1"].std(ddof=1), abs=1e-12)
    # an independent reference: SciPy's paired t-test
    ref = stats.ttest_rel(wide["T1"], wide["T0"])
    assert o["t"] == pytest.approx(ref.statistic, rel=1e-10)
    assert o["p"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_dz_interval_contains_estimate_and_is_noncentral(results):
    o = results["outcomes"][0]
    lo, hi = o["d_z_ci"]
    assert lo < o["d_z"] < hi
    n = o["n_paired"]
    # the bounds are the noncentrality parameters whose t distribution puts t at 2.5% / 97.5%
    assert stats.nct.cdf(o["t"], n - 1, lo * math.sqrt(n)) == pytest.approx(0.975, abs=1e-8)
    assert stats.nct.cdf(o["t"], n - 1, hi * math.sqrt(n)) == pytest.approx(0.025, abs=1e-8)


def test_holm_adjustment_and_flow(kor_dir, results):
    ps = [o["p"] for o in results["outcomes"]]
    order = np.argsort(ps)
    m = len(ps)
    adjusted = np.maximum.accumulate([min(1, ps[i] * (m - r)) for r, i in enumerate(order)])
    for r, i in enumerate(order):
        assert results["outcomes"][i]["p_adjusted"] == pytest.approx(adjusted[r], rel=1e-12)
    raw = pd.read_csv(kor_dir / "responses.csv")
    flow = results["flow"]
    assert flow["rows"] == len(raw)
    assert flow["enrolled"] == raw["participant_id"].nunique() == 35
    assert flow["with_followup"] == (raw["wave"] == "T1").sum()
    lost = sum(e["n"] for e in flow["excluded"] if e.get("unit") != "rows")
    assert flow["paired"] + lost == min(flow["with_baseline"], flow["with_followup"])


def test_provenance_hashes_inputs(kor_dir, results):
    import hashlib

    files = results["provenance"]["files"]
    digest = hashlib.sha256((kor_dir / "responses.csv").read_bytes()).hexdigest()
    assert digest in files.values()
    assert results["provenance"]["version"]
