import json

import numpy as np
import pandas as pd
import pytest

from impact.synth import synthesise, write_cohort

from .conftest import ROOT, run_cli


FILES = ("responses.csv", "referrals.csv", "protocol.yaml", "truth.json", "quotes.csv",
         "codings.csv")
PROGRAMMES = ("kunst-op-recept", "in-beeld", "welzijn-op-recept")


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_same_seed_gives_identical_files(tmp_path, programme):
    a, b = tmp_path / "a", tmp_path / "b"
    write_cohort(synthesise(programme, 7), a)
    run_cli("synth", "--programme", programme, "--seed", 7, "--out", b, check=True)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_other_seed_gives_other_data(tmp_path):
    r1 = synthesise("kunst-op-recept", 1).responses
    r2 = synthesise("kunst-op-recept", 2).responses
    assert not r1.equals(r2)


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_committed_copy_equals_generator(tmp_path, programme):
    committed = ROOT / "synthetic_data" / programme
    write_cohort(synthesise(programme, 1), tmp_path)
    for name in FILES:
        assert (committed / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_unknown_programme_exits_2(tmp_path):
    proc = run_cli("synth", "--programme", "kunst-op-papier", "--out", tmp_path)
    assert proc.returncode == 2 and "available" in proc.stderr and "Traceback" not in proc.stderr


def test_cohort_shape_and_coding():
    cohort = synthesise("kunst-op-recept", 3)
    r = cohort.responses
    assert r["participant_id"].nunique() == 35
    assert set(r["wave"]) == {"T0", "T1"}
    assert (r["wave"] == "T0").sum() == 35
    assert (r["wave"] == "T1").sum() == cohort.truth["n_completed"] < 35  # some drop-out
    items = r[[f"pss10_{k}" for k in range(1, 11)]].astype(float).to_numpy()
    seen = items[~np.isnan(items)]
    assert set(np.unique(seen)) <= {0, 1, 2, 3, 4}
    assert {"age", "neighbourhood", "referrer", "discipline"} <= set(r.columns)
    assert not r.duplicated(["participant_id", "wave"]).any()


def test_truth_is_consistent_with_latent_parameters():
    truth = synthesise("kunst-op-recept", 1).truth["outcomes"]["pss10_score"]
    assert truth["latent_d_z"] == truth["latent_mean_change"] / truth["latent_sd_change"]
    # rounding and clipping shrink the observed effect a little, never flip it
    assert truth["latent_mean_change"] < truth["expected_mean_change"] < 0


def test_large_cohort_recovers_planted_change():
    """Pool many seeds: the observed mean change must match the expected (planted) value."""
    import impact

    changes = []
    for seed in range(40):
        c = synthesise("kunst-op-recept", seed)
        s = impact.score(c.responses, "pss10").assign(participant_id=c.responses["participant_id"])
        wide = s.pivot(index="participant_id", columns="wave", values="pss10_score").dropna()
        changes.append((wide["T1"] - wide["T0"]).to_numpy())
    all_changes = np.concatenate(changes)
    expected = c.truth["outcomes"]["pss10_score"]["expected_mean_change"]
    se = all_changes.std(ddof=1) / np.sqrt(all_changes.size)
    assert abs(all_changes.mean() - expected) < 3.5 * se
