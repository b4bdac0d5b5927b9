"""Every result class of the package is built and behaves the same (issue 21).

The classes are discovered by walking impact's modules (tests/test_stats_interface.py); each one
must have a builder here that makes a real instance from synthetic data, so a result class added
later fails this test until it is built here too. Each instance: ``to_frame()`` a DataFrame,
``to_dict()`` JSON, ``summary()`` text, ``notes`` a list of str, ``_repr_html_()`` HTML.
"""

from __future__ import annotations

import functools
import json

import numpy as np
import pandas as pd
import pytest

import impact

from .test_stats_interface import CLASSES, EXAMPLES


@pytest.fixture(scope="module")
def kor(tmp_path_factory):
    from impact.synth import synthesise, write_cohort

    out = tmp_path_factory.mktemp("conformance")
    write_cohort(synthesise("kunst-op-recept", 1), out)
    return out


def _long(n=24, seed=2):
    rng = np.random.default_rng(seed)
    long = pd.DataFrame({"participant_id": np.repeat(np.arange(n), 2),
                         "wave": np.tile(["T0", "T1"], n),
                         "group": np.repeat(np.where(np.arange(n) % 2, "a", "b"), 2)})
    long["y"] = 20 - (long["wave"] == "T1") * 2 + rng.normal(0, 3, len(long))
    return long


def _pool():
    from impact.synth.comparison import comparison_frame

    return comparison_frame(4, n_programme=60, n_pool=300)


def _propensity():
    from impact.stats.matching import design_matrix, propensity_score

    d = _pool()
    X, names, _ = design_matrix(d, ["age", "female", "neighbourhood", "pre"])
    return propensity_score(X, d["treat"], names=names)


def _builders(kor):
    from impact.stats.matching import nearest_neighbour
    from impact.stats.waitlist import waiting_list_model
    from impact.synth.comparison import waiting_list_frame
    from impact.disclosure import disclose
    from impact.evidence.synthesis_grade import SynthesisGrade
    from impact.stats.counts import count_trend
    from impact.stats.multilevel_meta import (influence, leave_one_out, regtest, rma,
                                              three_level, trimfill)
    from impact.stats.survey import neighbourhood_monitor, svymean
    from impact.studies.joint import themes_by_change
    from impact.studies.referrals import analyse_referrals
    from impact.studies.synthesis import synthesise_evidence
    from impact.synth.studies import synthesise_studies, write_studies
    from impact.synth.validation import validate

    rng = np.random.default_rng(3)
    yi, vi = rng.normal(0.3, 0.2, 12), rng.uniform(0.02, 0.08, 12)
    results = impact.analyse(kor / "responses.csv", kor / "protocol.yaml",
                             pseudonym_key="conformance-key-0123456789abcdef")
    raw = dict(results.protocol.raw)
    survey = pd.DataFrame({"respondent_id": range(400), "round": np.repeat([2022, 2024], 200),
                           "neighbourhood": np.tile(["A", "B"], 200),
                           "y": rng.normal(7, 1.5, 400)})

    @functools.lru_cache(maxsize=1)   # one synthesis for the two classes built from it
    def synthesis():
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp())
        paths = write_studies(*synthesise_studies(seed=1, n_studies=8), folder)
        return synthesise_evidence(paths["studies.csv"], paths["protocol.yaml"])

    change = pd.DataFrame({"participant_id": [f"p{i}" for i in range(20)],
                           "category": ["improved", "unchanged"] * 10})
    codes = pd.DataFrame({"calm": [1, 0] * 10}, index=change["participant_id"])
    return {
        "Results": lambda: results,
        "Disclosed": lambda: disclose(results),
        "ChecklistResult": lambda: impact.trend_checklist(results.to_dict(), raw),
        "SummaryOfFindings": lambda: impact.grade_certainty(results.to_dict(), raw),
        "LimitationsResult": lambda: impact.limitations(results.to_dict(), raw),
        "RecognitionResult": lambda: impact.recognition_level(results.to_dict(), raw),
        "SROIResult": lambda: impact.sroi({
            "currency": "EUR", "discount_rate": 0.035, "inputs": 5000,
            "outcomes": [{"name": "less stress", "quantity": 10, "proxy": 1000,
                          "deadweight": 0.2, "duration": 2, "drop_off": 0.5}]}),
        "SynthesisGrade": lambda: SynthesisGrade({"outcomes": synthesis().data["grade"]}),
        "SynthesisResult": synthesis,
        "AlphaResult": lambda: impact.krippendorff_alpha(
            np.array([[1, 1, 2, 2, 3, 3, 1, 2], [1, 2, 2, 2, 3, 3, 1, 1]]).T, n_boot=50),
        "KappaResult": lambda: impact.cohen_kappa([1, 2, 2, 3, 1, 2, 3, 3],
                                                  [1, 2, 3, 3, 1, 2, 3, 2]),
        "AncovaResult": lambda: impact.ancova(_long(), "y", baseline="T0", followup="T1",
                                              group_col="group"),
        "CountTrendResult": lambda: count_trend(rng.poisson(8, 24), model="poisson"),
        "RmaResult": lambda: rma(yi, vi),
        "RegtestResult": lambda: regtest(yi, vi),
        "TrimfillResult": lambda: trimfill(yi, vi),
        "LeaveOneOutResult": lambda: leave_one_out(yi, vi),
        "InfluenceResult": lambda: influence(yi, vi),
        "ThreeLevelResult": lambda: three_level(yi, vi, np.repeat(np.arange(6), 2)),
        "PlanResult": lambda: impact.plan_study("prepost", 0.5, power=0.8),
        "SurveyMean": lambda: svymean(survey["y"]),
        "MonitorResult": lambda: neighbourhood_monitor(survey, ["y"], round="round"),
        "JointDisplay": lambda: themes_by_change(change, codes, min_cell_size=5),
        "ReferralResult": lambda: analyse_referrals(kor / "referrals.csv"),
        "ValidationResult": lambda: validate(["kor-effect"], reps=40, reps_public=20),
        # comparison groups and waiting lists (issue 24)
        "PropensityModel": lambda: _propensity(),
        "MatchedSets": lambda: nearest_neighbour(_propensity()["distance"], _pool()["treat"],
                                                 ratio=2, caliper=0.2),
        "WaitingListResult": lambda: waiting_list_model(
            waiting_list_frame(2), "score", signup="T-1", start="T0", end="T1", time="weeks"),
    }


def test_every_result_class_has_a_builder(kor):
    names = {cls.__name__ for cls in CLASSES.values()}
    built = set(_builders(kor)) | set(EXAMPLES)
    assert sorted(names - built) == []


@pytest.fixture(scope="module")
def builders(kor):
    return _builders(kor)


@pytest.mark.parametrize("name", sorted({c.__name__ for c in CLASSES.values()} - set(EXAMPLES)))
def test_every_result_class_behaves(builders, name):
    res = builders[name]()
    assert type(res).__name__ == name
    frame = res.to_frame()
    assert isinstance(frame, pd.DataFrame)
    for col in frame.columns:        # tidy: no list or dict in a cell
        assert not any(isinstance(v, (list, tuple, dict, np.ndarray)) for v in frame[col]), col
    json.dumps(res.to_dict())
    text = res.summary()
    assert isinstance(text, str) and text.strip()
    assert isinstance(res.notes, list) and all(isinstance(n, str) for n in res.notes)
    page = res._repr_html_()
    assert isinstance(page, str) and page.lstrip().startswith("<") and "<script" not in page
