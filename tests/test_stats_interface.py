"""Every public result class has the full interface (issue 15): to_frame (tidy, intervals as two
columns), to_dict (JSON), summary() (text), notes (list of str), _repr_html_ (rounded), plot where
a figure exists. Classes are discovered by walking impact's modules, so result classes added later
are covered without editing this test."""

import importlib
import inspect
import json
import pkgutil

import numpy as np
import pandas as pd
import pytest

import impact
from impact._result import DictResult, Result, TableResult, format_value

SKIP_MODULES = ("impact.notebooks", "impact.__main__")


def _result_classes():
    found = {}
    for info in pkgutil.walk_packages(impact.__path__, "impact."):
        if info.name.startswith(SKIP_MODULES):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:          # an optional dependency that is not installed
            continue
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, Result)
                    and obj not in (Result, DictResult, TableResult)
                    and obj.__module__ == module.__name__ and not name.startswith("_")):
                found[f"{obj.__module__}.{name}"] = obj
    return found


CLASSES = _result_classes()


def test_discovery_finds_the_known_result_classes():
    names = {c.__name__ for c in CLASSES.values()}
    assert {"PrePostResult", "MixedModelResult", "WilcoxonResult", "ReliabilityResult",
            "ReliableChangeResult", "MetaResult", "AlphaResult", "ValidationResult"} <= names
    assert len(CLASSES) >= 15


@pytest.mark.parametrize("path", sorted(CLASSES))
def test_class_has_the_interface(path):
    cls = CLASSES[path]
    for method in ("to_frame", "to_dict", "_repr_html_"):
        assert callable(getattr(cls, method, None)), f"{path} lacks {method}()"
    # summary is callable on the class level (a method or the callable mapping of Result)
    assert isinstance(inspect.getattr_static(cls, "summary"), (property,)) or \
        callable(getattr(cls, "summary", None)), f"{path}: summary must be callable"
    assert isinstance(inspect.getattr_static(cls, "notes", None), property) or \
        "notes" in inspect.signature(cls.__init__).parameters, f"{path}: no notes"


def _examples():
    rng = np.random.default_rng(1)
    n = 30
    long = pd.DataFrame({"participant_id": np.repeat(np.arange(n), 3),
                         "wave": np.tile(["T0", "T1", "T2"], n),
                         "site": np.repeat(np.arange(n) % 3, 3).astype(str)})
    long["pss10_score"] = 20 - long["wave"].str[1].astype(int) + rng.normal(0, 3, len(long))
    pre = long[long.wave == "T0"]["pss10_score"].to_numpy()
    post = long[long.wave == "T2"]["pss10_score"].to_numpy()
    trait = rng.normal(0, 1, (40, 1))
    items = pd.DataFrame(np.clip(np.round(2 + trait + rng.normal(0, 0.7, (40, 4))), 0, 4),
                         columns=list("abcd"))
    codings = pd.DataFrame({"unit": np.repeat(np.arange(20), 2), "coder": ["A", "B"] * 20,
                            "code": rng.choice(["x", "y"], 40)})
    return {
        "PrePostResult": lambda: impact.prepost(long, "pss10_score", baseline="T0",
                                                followup="T2"),
        "MixedModelResult": lambda: impact.mixed_model(long, "pss10_score",
                                                       waves=["T0", "T1", "T2"]),
        "WilcoxonResult": lambda: impact.wilcoxon_signed_rank(pre, post),
        "ReliabilityResult": lambda: impact.reliability(items),
        "ReliableChangeResult": lambda: impact.reliable_change(pre, post, reliability=0.8,
                                                               higher_is_better=False),
        "MetaResult": lambda: impact.pool_sites(long, "pss10_score", baseline="T0",
                                                followup="T2", site_col="site"),
        "MIResult": lambda: impact.mi_prepost(long.assign(pss10_score=long["pss10_score"].mask(
            rng.random(len(long)) < 0.1)), "pss10_score", baseline="T0", followup="T2", m=3,
            seed=1),
        "AgreementResult": lambda: impact.coding_agreement(codings, n_boot=20),
    }


EXAMPLES = _examples()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_instances_behave(name):
    res = EXAMPLES[name]()
    assert type(res).__name__ == name
    frame = res.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame.columns)
    for col in frame.columns:        # tidy: no list or dict in a cell, CIs as two columns
        assert not any(isinstance(v, (list, tuple, dict, np.ndarray)) for v in frame[col]), col
    json.dumps(res.to_dict())
    text = res.summary()
    assert isinstance(text, str) and (res.title or name) in text
    assert isinstance(res.notes, list) and all(isinstance(n, str) for n in res.notes)
    page = res._repr_html_()
    assert "<table" in page
    assert not any(len(cell) > 12 and cell.replace(".", "").replace("-", "").isdigit()
                   for cell in page.replace("<", ">").split(">")), "unrounded number in HTML"


def test_intervals_are_two_columns_and_html_rounds():
    d = pd.DataFrame({"participant_id": [1, 1, 2, 2, 3, 3, 4, 4], "wave": ["T0", "T1"] * 4,
                      "y": [20, 15, 18, 17, 25, 20, 22, 23.0]})
    res = impact.prepost(d, "y", baseline="T0", followup="T1")
    cols = set(res.to_frame().columns)
    assert {"d_z_ci_low", "d_z_ci_high", "g_av_ci_low", "g_av_ci_high"} <= cols
    assert "d_z_ci" not in cols and "notes" not in cols
    assert res.to_dict()[0]["d_z_ci"] == [res.to_frame()["d_z_ci_low"][0],
                                          res.to_frame()["d_z_ci_high"][0]]
    assert format_value("p", 2.06e-6) == "<0.001" and format_value("p", 0.04321) == "0.0432"
    assert format_value("estimate", 256.6518) == "256.65"
    assert format_value("n_paired", 12.0) == "12"
    assert format_value("mean_change", -1.23456) == "-1.235"
    page = res._repr_html_()
    assert "<td>-2.500</td>" in page          # mean change, three decimals


def test_old_accessors_still_work():
    rc = impact.reliable_change([10, 12, 14.0], [8, 12, 15.0], reliability=0.8, sd=3,
                                higher_is_better=False)
    assert rc["n"] == 3 and "Reliable change" in rc.summary()
    assert rc["n"] == 3
    w = impact.wilcoxon_signed_rank([1, 2, 3.0], [2, 4, 7.0])
    assert w.data["n"] == 3 and w["n"] == 3


def test_mixed_model_has_a_figure():
    long = pd.DataFrame({"participant_id": np.repeat(np.arange(6), 3),
                         "wave": np.tile(["T0", "T1", "T2"], 6),
                         "y": np.arange(18.0) % 7})
    fig = impact.mixed_model(long, "y", waves=["T0", "T1", "T2"]).plot()
    assert fig.axes and fig.axes[0].get_xticklabels()
