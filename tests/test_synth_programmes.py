"""In Beeld and Welzijn op Recept cohorts, and quotes/codings for every programme."""

import re

import numpy as np
import pandas as pd
import pytest

from impact.protocol import PROTOCOL_KEYS
from impact.synth import synthesise
from impact.synth.items import MPH_DIMENSIONS, OBSERVED
from impact.synth.quotes import CODES

from .conftest import run_cli

PROGRAMMES = ("kunst-op-recept", "in-beeld", "welzijn-op-recept")
CODING = {"swemwbs": (7, {1, 2, 3, 4, 5}), "ucla3": (3, {1, 2, 3}), "who5": (5, set(range(6))),
          "djg11": (11, {1, 2, 3}), "mph": (42, set(range(11))), "pss10": (10, set(range(5)))}


def _items(frame, inst):
    k = CODING[inst][0]
    return frame[[f"{inst}_{j}" for j in range(1, k + 1)]].astype(float).to_numpy()


def _observed(frame, outcome):
    """Scores of complete rows with the generator's own (independent of impact.score) scoring."""
    if outcome.startswith("mph_"):
        j = MPH_DIMENSIONS.index(outcome[4:])
        a = _items(frame, "mph")[:, 7 * j:7 * j + 7]
        return np.where(np.isnan(a).any(axis=1), np.nan, np.nanmean(a, axis=1))
    a = _items(frame, outcome.split("_")[0])
    out = np.full(a.shape[0], np.nan)
    ok = ~np.isnan(a).any(axis=1)
    out[ok] = OBSERVED[outcome](a[ok])
    return out


def _change_frame(cohort, outcome, followup):
    r = cohort.responses.assign(score=_observed(cohort.responses, outcome))
    wide = r.pivot(index="participant_id", columns="wave", values="score")
    return wide


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_files_columns_and_protocol_keys(programme, tmp_path):
    proc = run_cli("synth", "--programme", programme, "--seed", 3, "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    for name in ("responses.csv", "quotes.csv", "codings.csv", "referrals.csv", "protocol.yaml",
                 "truth.json"):
        assert (tmp_path / name).stat().st_size > 0, name
    quotes = pd.read_csv(tmp_path / "quotes.csv")
    assert list(quotes.columns) == ["quote_id", "participant_id", "wave", "source", "role", "text"]
    assert set(quotes["source"]) <= {"intake_interview", "exit_interview", "evaluation_form",
                                     "observation"}
    assert set(quotes["role"]) <= {"participant", "teacher", "referrer", "welfare_worker"}
    codings = pd.read_csv(tmp_path / "codings.csv")
    assert list(codings.columns) == ["unit", "coder", "code"]
    assert set(codings["code"]) <= set(CODES) and set(codings["unit"]) <= set(quotes["quote_id"])
    assert codings["coder"].nunique() >= 2
    assert codings.groupby(["unit", "coder"]).size().max() > 1  # multi-label occurs
    cohort = synthesise(programme, 3)
    assert set(cohort.protocol) <= set(PROTOCOL_KEYS)


@pytest.mark.parametrize("programme", ["in-beeld", "welzijn-op-recept"])
def test_item_coding_follows_instruments_md(programme):
    c = synthesise(programme, 2)
    for inst in c.protocol["instruments"]:
        values = _items(c.responses, inst)
        seen = set(np.unique(values[~np.isnan(values)]).astype(int))
        assert seen <= CODING[inst][1], inst
        assert len(seen) >= 2, inst


def test_in_beeld_three_groups_of_eight():
    c = synthesise("in-beeld", 1)
    t0 = c.responses[c.responses["wave"] == "T0"]
    assert t0.groupby("site").size().tolist() == [8, 8, 8]
    assert c.protocol["site_column"] == "site" and c.protocol["primary_outcome"] == "swemwbs_score"
    assert set(c.protocol["instruments"]) == {"swemwbs", "ucla3"}
    assert 0.7 < c.truth["outcomes"]["swemwbs_score"]["expected_d_z"] < 0.85


def test_welzijn_three_waves_older_people():
    c = synthesise("welzijn-op-recept", 1)
    r = c.responses
    assert list(dict.fromkeys(r["wave"])) == ["T0", "T1", "T2"]
    assert r["age"].min() >= 60 and r["site"].nunique() == 4
    n = r.groupby("wave").size()
    assert n["T0"] >= n["T1"] >= n["T2"]  # monotone drop-out
    ids = {w: set(r.loc[r["wave"] == w, "participant_id"]) for w in ("T0", "T1", "T2")}
    assert ids["T2"] <= ids["T1"] <= ids["T0"]
    assert {"djg11", "mph"} <= set(c.protocol["instruments"])


def test_djg_item_directions():
    """Lonely respondents answer 'ja' on negatively and 'nee' on positively worded items."""
    from impact.synth.items import djg11_items

    rng = np.random.default_rng(0)
    lonely = djg11_items(np.full(2000, 3.0), rng)
    content = djg11_items(np.full(2000, -3.0), rng)
    negative = np.array([2, 3, 5, 6, 9, 10]) - 1
    positive = np.array([1, 4, 7, 8, 11]) - 1
    assert (lonely[:, negative] == 3).mean() > 0.9 and (lonely[:, positive] == 1).mean() > 0.9
    assert (content[:, negative] == 1).mean() > 0.9 and (content[:, positive] == 3).mean() > 0.9
    assert OBSERVED["djg11_score"](lonely).mean() > 10 and OBSERVED["djg11_score"](content).mean() < 1


@pytest.mark.parametrize("programme,outcome,followup", [
    ("in-beeld", "swemwbs_score", "T1"), ("in-beeld", "ucla3_score", "T1"),
    ("welzijn-op-recept", "djg11_score", "T1"), ("welzijn-op-recept", "djg11_score", "T2"),
    ("welzijn-op-recept", "who5_score", "T2"), ("welzijn-op-recept", "mph_participation", "T2")])
def test_pooled_seeds_recover_planted_change(programme, outcome, followup):
    changes, base = [], []
    for seed in range(30):
        c = synthesise(programme, seed)
        wide = _change_frame(c, outcome, followup)[["T0", followup]].dropna()
        changes.append((wide[followup] - wide["T0"]).to_numpy())
    d = np.concatenate(changes)
    truth = c.truth["outcomes"][outcome]["by_wave"][followup]
    se = d.std(ddof=1) / np.sqrt(d.size)
    assert abs(d.mean() - truth["expected_mean_change_completers"]) < 3.5 * se
    assert d.std(ddof=1) == pytest.approx(truth["expected_sd_change"], rel=0.12)


def test_regression_to_the_mean_and_attrition_by_baseline():
    base, change, dropped = [], [], []
    for seed in range(40):
        c = synthesise("in-beeld", seed)
        wide = _change_frame(c, "swemwbs_score", "T1")
        base.append(wide["T0"].to_numpy())
        change.append((wide["T1"] - wide["T0"]).to_numpy())
        at_end = c.responses.loc[c.responses["wave"] == "T1", "participant_id"]
        dropped.append(~wide.index.isin(at_end))
    b, d, gone = map(np.concatenate, (base, change, dropped))
    ok = ~np.isnan(b) & ~np.isnan(d)
    slope = np.polyfit(b[ok], d[ok], 1)[0]
    truth = c.truth["outcomes"]["swemwbs_score"]["by_wave"]["T1"]
    assert slope < -0.1 and slope == pytest.approx(truth["expected_observed_rtm_slope"], abs=0.12)
    keep = ~np.isnan(b)
    assert np.mean(b[keep & gone]) < np.mean(b[keep & ~gone])  # worse start, more drop-out
    assert gone.mean() == pytest.approx(1 - truth["expected_retention"], abs=0.05)


def test_quotes_linked_to_change_and_coders_agree_as_planted():
    pride_up, pride_down, planted, given = [], [], [], []
    for seed in range(30):
        c = synthesise("welzijn-op-recept", seed)
        wide = _change_frame(c, "djg11_score", "T2")
        change = -(wide["T2"] - wide["T0"])  # less lonely = improvement
        end = c.extra["quotes.csv"]
        end = end[(end["wave"] == "T2") & (end["role"] == "participant")]
        codes = c.truth["quotes"]["planted_codes"]
        for qid, pid in zip(end["quote_id"], end["participant_id"]):
            ch = change.get(pid)
            if ch is None or np.isnan(ch):
                continue
            (pride_up if ch > change.median() else pride_down).append("pride" in codes[qid])
        cod = c.extra["codings.csv"]
        given_sets = cod.groupby(["unit", "coder"])["code"].agg(set).to_dict()
        coders = cod["coder"].unique()
        for qid, codes_q in codes.items():
            for coder in coders:
                mine = given_sets.get((qid, coder), set())
                planted.append(len(codes_q))
                given.append(len(mine & set(codes_q)))
    assert np.mean(pride_up) > np.mean(pride_down) + 0.05
    sens = np.sum(given) / np.sum(planted)
    assert sens == pytest.approx(c.truth["quotes"]["coder_sensitivity"], abs=0.03)


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_planted_personal_details_are_where_the_truth_says(programme):
    c = synthesise(programme, 5)
    quotes = c.extra["quotes.csv"]
    pii = c.truth["quotes"]["pii"]
    pattern = {"phone": r"\b06-\d{8}\b", "postcode": r"\b\d{4} [A-Z]{2}\b",
               "name": r"Ik ben [A-Z][a-z]+,"}
    for qid, text in zip(quotes["quote_id"], quotes["text"]):
        found = [k for k, p in pattern.items() if re.search(p, text)]
        assert found == pii.get(qid, []), (qid, text)
    assert any(pii.values())


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_package_scoring_agrees_with_generator_scoring(programme):
    """Once an instrument is registered, impact.score must give the generator's own scores."""
    import impact
    from impact.errors import InputError
    from impact.instruments import get_instrument

    c = synthesise(programme, 4)
    outcomes = [c.protocol["primary_outcome"], *c.protocol.get("secondary_outcomes", [])]
    checked = 0
    for inst in c.protocol["instruments"]:
        try:
            get_instrument(inst)
        except InputError:
            continue  # instrument not in the registry yet
        scores = impact.score(c.responses, inst)
        for outcome in [o for o in outcomes if o.startswith(inst + "_")]:
            own = _observed(c.responses, outcome)
            ok = ~np.isnan(own)
            np.testing.assert_allclose(scores[outcome].to_numpy(float)[ok], own[ok], atol=1e-9)
            checked += 1
    if not checked:
        pytest.skip("no instrument of this programme is registered yet")
