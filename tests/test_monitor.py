"""Neighbourhood monitor (issue 16): CLI, checks, planted truth, disclosure, report section."""

import json

import numpy as np
import pandas as pd
import pytest

from impact.cli import main
from impact.errors import InputError
from impact.studies.monitor import analyse_monitor
from impact.protocol import protocol_from_dict
from impact.report.monitor_sections import did_sentence, monitor_section, neighbourhood_sentences
from impact.disclosure.monitor import disclose_monitor, report_monitor
from impact.i18n import render
from impact.synth import synthesise, write_cohort


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    out = tmp_path_factory.mktemp("wiw")
    write_cohort(synthesise("wijzer-in-de-wijk", 1), out)
    return out


@pytest.fixture(scope="module")
def result(cohort):
    return analyse_monitor(cohort / "responses.csv", cohort / "protocol.yaml")


def test_protocol_accepts_rounds_instead_of_waves():
    p = protocol_from_dict({"title": "m", "rounds": [2021, 2023], "instruments": ["mph"],
                            "reference": "Alphen aan den Rijn", "monitor": {"min_respondents": 50}})
    assert p.waves == ["2021", "2023"] and p.get("reference") == "Alphen aan den Rijn"


def test_cli_writes_the_design_keys(cohort, tmp_path):
    out = tmp_path / "monitor.json"
    assert main(["monitor", str(cohort / "responses.csv"), "--protocol",
                 str(cohort / "protocol.yaml"), "--output", str(out)]) == 0
    d = json.loads(out.read_text())["monitor"]
    assert set(d["estimates"][0]) >= {"neighbourhood", "round", "outcome", "n", "mean", "se",
                                      "ci_low", "ci_high"}
    assert set(d["reference"][0]) >= {"round", "outcome", "n", "mean", "se", "ci_low", "ci_high"}
    assert set(d["differences"][0]) >= {"neighbourhood", "round", "outcome", "difference", "se",
                                        "ci_low", "ci_high", "p"}
    assert set(d["did"][0]) >= {"neighbourhood", "outcome", "did", "se", "did_ci_low",
                                "did_ci_high", "did_p"}
    assert len(d["estimates"]) == 10 * 4 * 6
    assert main(["monitor", str(cohort / "responses.csv"), "--protocol",
                 str(cohort / "protocol.yaml"), "--output", str(out)]) == 2  # no overwrite


def test_counts_reconcile_with_the_file(cohort, result):
    survey = pd.read_csv(cohort / "responses.csv")
    body = survey[[f"mph_{k}" for k in range(1, 8)]].notna().sum(axis=1) >= 4  # prorate rule
    expected = survey.assign(ok=body).groupby(["neighbourhood", "round"])["ok"].sum()
    est = result.estimates[result.estimates["outcome"] == "mph_body"]
    got = est.set_index(["neighbourhood", "round"])["n"]
    assert {(h, str(r)): int(v) for (h, r), v in expected.items()} == got.to_dict()
    ref = result.reference[result.reference["outcome"] == "mph_body"]
    assert ref["n"].sum() == int(body.sum())


def test_planted_neighbourhood_difference_and_change_are_recovered(cohort, result):
    truth = json.loads((cohort / "truth.json").read_text())["monitor"]
    t = pd.DataFrame(truth["differences"]).assign(round=lambda d: d["round"].astype(str))
    m = result.differences.merge(t, on=["neighbourhood", "round", "outcome"],
                                 suffixes=("", "_truth"))
    # Zuidwest starts 0.7 below the rest: clearly lower than the city in the first round
    first = m[(m["round"] == "2019") & m["neighbourhood"].isin(truth["zuidwest"][:3])]
    assert (first["difference_truth"] < -0.4).all() and (first["ci_high"] < 0).mean() > 0.8
    hits = ((m["ci_low"] <= m["difference_truth"]) & (m["difference_truth"] <= m["ci_high"]))
    assert 0.85 <= hits.mean() <= 1.0
    d = pd.DataFrame(truth["did"])
    z = result.did.merge(d, on=["neighbourhood", "outcome"], suffixes=("", "_truth"))
    zw = z[z["neighbourhood"].isin(truth["zuidwest"][:3])]
    assert zw["did_truth"].between(0.3, 0.5).all()
    assert abs(zw["did"].mean() - zw["did_truth"].mean()) < 0.15


def test_small_coverage_simulation_runs():
    from impact.synth.monitor_validation import monitor_coverage, referral_coverage

    ref = referral_coverage(40, seed=7)
    assert 0.8 <= ref["coverage"] <= 1.0 and abs(ref["mean_estimate"] - 1.35) < 0.05
    rows = monitor_coverage(2, seed=7)
    for r in rows:
        assert 0.85 <= r["coverage"] <= 1.0, r
        assert abs(r["mean_bias"]) < 0.05


@pytest.mark.parametrize("cell,rule", [("round", "rounds are listed in the protocol"),
                                       ("weight", "weights are positive numbers"),
                                       ("respondent_id", "respondent ids are unique")])
def test_bad_survey_cells_name_row_and_column(cohort, tmp_path, capsys, cell, rule):
    survey = pd.read_csv(cohort / "responses.csv", nrows=30)
    if cell == "round":
        survey.loc[4, "round"] = 2020
    elif cell == "weight":
        survey.loc[4, "weight"] = -1
    else:
        survey.loc[4, "respondent_id"] = survey.loc[3, "respondent_id"]
    path = tmp_path / "enquete.csv"
    survey.to_csv(path, index=False)
    with pytest.raises(InputError) as info:
        analyse_monitor(path, cohort / "protocol.yaml")
    p = info.value.problems[0]
    assert (p.row, p.column, p.rule) == (6, cell, rule)
    assert main(["monitor", str(path), "--protocol", str(cohort / "protocol.yaml")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_ggd_rule_suppresses_small_neighbourhoods(result):
    d = result.to_dict()
    assert "Zuiderpark" in {s["neighbourhood"] for s in d["small_neighbourhoods"]}
    pub = disclose_monitor(d, lang="nl")
    assert pub["min_respondents"] == 50 and pub["small_neighbourhoods"] == ["Zuiderpark"]
    for e in pub["estimates"]:
        assert e["mean"] is None or e["n"] >= 50
    assert all(x["did"] is None for x in pub["did"] if x["neighbourhood"] == "Zuiderpark")
    assert all(x["difference"] is None for x in pub["differences"]
               if x["neighbourhood"] == "Zuiderpark")
    assert "GGD" in render(pub["notes"][0], "nl") and "GGD" in render(pub["notes"][0], "en")
    low = disclose_monitor(d, min_respondents=20, lang="en")
    assert low["small_neighbourhoods"] == []
    never_below = disclose_monitor(d, min_respondents=3, min_cell_size=10)
    assert never_below["min_respondents"] == 10


def test_sentences_follow_the_numbers(result):
    pub = report_monitor({"monitor": result.to_dict()}, lang="en")
    diffs = [x for x in pub["differences"] if x["neighbourhood"] == "Moerwijk"
             and x["round"] == "2025"]
    lower = sum(x["ci_high"] < 0 for x in diffs)
    sentences = neighbourhood_sentences(pub, "Moerwijk", "2025", "en")
    if lower:
        assert sentences[0].startswith(f"Moerwijk scores lower than the rest of Den Haag on {lower} "
                                        f"of the 6")
    row = next(x for x in pub["did"] if x["neighbourhood"] == "Moerwijk")
    s = did_sentence(row, pub, "en")
    if row["did_ci_low"] > 0:
        assert "more favourably" in s
    elif row["did_ci_high"] < 0:
        assert "less favourably" in s
    else:
        assert "does not differ clearly" in s
    assert f"{row['did_ci_low']:.2f}".replace("-", "−") in s


def test_section_in_both_languages(result):
    for lang, words in (("nl", ["Wijkmonitor", "rest van Den Haag", "niet getoond"]),
                        ("en", ["Neighbourhood monitor", "rest of Den Haag", "not shown"])):
        pub = disclose_monitor(result.to_dict(), lang=lang)
        html = monitor_section(pub, lang, neighbourhoods=["Moerwijk", "Zuiderpark"])
        for w in words:
            assert w in html, (lang, w)
        assert html.count("<img") == 1  # Moerwijk's differences; Zuiderpark is one sentence
        assert "effect" not in html.lower() or lang == "en" and "effective" not in html.lower()


def test_weights_matter_and_are_used():
    from impact.stats.survey import neighbourhood_monitor

    n = 400
    old = np.tile(np.arange(200) < 60, 2)  # 30% older in the sample, 50% in the population
    frame = pd.DataFrame({"round": np.repeat(["a", "b"], n // 2), "neighbourhood": "x",
                          "weight": np.where(old, 0.5 / 0.3, 0.5 / 0.7),
                          "y": np.where(old, 4.0, 6.0)})
    res = neighbourhood_monitor(frame, ["y"])
    assert np.allclose(res.reference["mean"], 5.0)  # the population mean, not 5.4
    assert np.allclose(frame["y"].mean(), 5.4)


def test_committed_wijzer_in_de_wijk_equals_generator(tmp_path):
    from pathlib import Path

    committed = Path(__file__).resolve().parents[1] / "synthetic_data" / "wijzer-in-de-wijk"
    write_cohort(synthesise("wijzer-in-de-wijk", 1), tmp_path)
    for name in ("responses.csv", "referrals.csv", "population.csv", "protocol.yaml",
                 "truth.json"):
        assert (committed / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_compact_and_generic_readers_agree(cohort, tmp_path):
    from impact.studies.monitor import read_survey
    from impact.protocol import load_protocol

    proto = load_protocol(cohort / "protocol.yaml")
    fast = read_survey(cohort / "responses.csv", proto)
    slow = read_survey(cohort / "responses.csv", proto, columns={"unused": "unused"})
    assert fast["mph_5"].dtype == "float32" and list(fast.index[:2]) == [2, 3]
    assert fast.index.equals(slow.index)
    assert np.allclose(fast["mph_5"].astype(float), slow["mph_5"].astype(float), equal_nan=True)
    survey = pd.read_csv(cohort / "responses.csv", nrows=40, dtype=str, keep_default_na=False)
    survey.loc[7, "mph_12"] = "veel"
    path = tmp_path / "tekst.csv"
    survey.to_csv(path, index=False)
    with pytest.raises(InputError) as info:
        analyse_monitor(path, cohort / "protocol.yaml")
    assert (info.value.row, info.value.column) == (9, "mph_12")


def test_the_shipped_truth_cells_are_the_computed_ones(tmp_path):
    """The monitor's truth (expected observed means of a fixed population of 200,000 per cell)
    ships as data, because the demo would otherwise spend 2-3 s computing it: the shipped table
    is what the computation gives, and a changed parameter falls back to computing."""
    import json

    from impact.synth import monitor

    computed = monitor._cell_means_computed()
    monitor._cell_means.cache_clear()
    assert monitor._cell_means("default") == computed
    written = monitor.write_truth_cells(tmp_path / "cells.json")
    assert written.read_text(encoding="utf-8") == monitor._TRUTH_CELLS.read_text(encoding="utf-8")
    stored = json.loads(written.read_text(encoding="utf-8"))
    stored["population_per_cell"] = 1000              # made for other parameters
    stored["cells"][0]["means"]["body"] = -1.0
    (tmp_path / "other.json").write_text(json.dumps(stored), encoding="utf-8")
    original = monitor._TRUTH_CELLS
    try:
        monitor._TRUTH_CELLS = tmp_path / "other.json"
        monitor._cell_means.cache_clear()
        assert monitor._cell_means("default") == computed   # not the stale table: computed
    finally:
        monitor._TRUTH_CELLS = original
        monitor._cell_means.cache_clear()
