"""Index-agnostic statistics (issue 27): every public function that takes a frame works on its
values, whatever its index. A frame from ``pd.concat`` without ``ignore_index`` (repeated
labels), a MultiIndex or text labels give exactly the result of the same rows under a plain
RangeIndex (hypothesis, derandomised). ``impact.prepost`` and the long form of
``wilcoxon_signed_rank`` raised IndexError on repeated labels before."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import impact
from impact import stats as S

WAVES = ["T0", "T1", "T2"]


@st.composite
def long_frames(draw):
    """A long frame: 4-12 participants, three waves, some rows missing, two arms, two sites."""
    n = draw(st.integers(4, 12))
    rows = []
    for i in range(n):
        for k, wave in enumerate(WAVES):
            if k > 0 and draw(st.integers(0, 9)) == 0:
                continue  # a participant without this wave
            rows.append({"participant_id": f"P{i:02d}", "wave": wave,
                         "y": draw(st.integers(0, 40)) + 0.5 * k,
                         "group": "control" if i % 2 else "arts", "site": f"s{i % 2}",
                         "age": 20 + i})
    return pd.DataFrame(rows)


def reindexed(frame, kind):
    m = len(frame)
    if kind == "repeated":  # pd.concat of two parts without ignore_index
        return pd.concat([frame.iloc[: m // 2], frame.iloc[m // 2:]]).set_axis(
            list(range(m // 2)) + list(range(m - m // 2)))
    if kind == "all-zero":
        return frame.set_axis([0] * m)
    if kind == "multi":
        return frame.set_axis(pd.MultiIndex.from_arrays([["a"] * m, list(range(m))[::-1]]))
    if kind == "text":
        return frame.set_axis([f"row {m - j}" for j in range(m)])
    raise ValueError(kind)


def canonical(value):
    """A comparable form of a result: dicts, lists and floats (NaN as a marker)."""
    if hasattr(value, "to_dict") and not isinstance(value, (pd.DataFrame, pd.Series)):
        value = value.to_dict()
    if isinstance(value, pd.DataFrame):
        value = value.reset_index(drop=True).to_dict(orient="list")
    if isinstance(value, pd.Series):
        value = value.tolist()
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items() if k != "model"}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [canonical(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return "nan" if math.isnan(value) else round(float(value), 9)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def run(name, frame):
    calls = {
        "prepost": lambda d: S.prepost(d, ["y"], baseline="T0", followup="T2"),
        "wilcoxon long": lambda d: S.wilcoxon_signed_rank(d, "y", at=("T0", "T2")),
        "hodges_lehmann long": lambda d: S.hodges_lehmann(d, "y", baseline="T0", followup="T2"),
        "reliable_change": lambda d: S.reliable_change(d, "y", reliability=0.8, sd=5.0,
                                                       baseline="T0", followup="T2"),
        "mixed_model": lambda d: S.mixed_model(d, "y", waves=WAVES),
        "mixed_model slope": lambda d: S.mixed_model(d, "y", waves=WAVES, random_slope=True),
        "attrition": lambda d: S.attrition(d, ["y"], baseline="T0", followup="T2",
                                           background=["age"]),
        "ancova": lambda d: S.ancova(d, "y", baseline="T0", followup="T2"),
        "subgroup_change": lambda d: S.subgroup_change(d, "y", "group", baseline="T0",
                                                       followup="T2"),
        "pool_sites": lambda d: S.pool_sites(d, "y", baseline="T0", followup="T2"),
        "site_change": lambda d: S.site_change(d, "y", baseline="T0", followup="T2"),
        "mi_prepost": lambda d: S.mi_prepost(d, "y", baseline="T0", followup="T2", m=2,
                                             iterations=2),
    }
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return canonical(calls[name](frame))
        except impact.InputError as exc:  # the same refusal either way is index-agnostic too
            return ("InputError", str(exc))


FUNCTIONS = ["prepost", "wilcoxon long", "hodges_lehmann long", "reliable_change", "mixed_model",
             "mixed_model slope", "attrition", "ancova", "subgroup_change", "pool_sites",
             "site_change", "mi_prepost"]


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(long_frames(), st.sampled_from(["repeated", "all-zero", "multi", "text"]))
def test_every_frame_function_depends_on_values_not_index(frame, kind):
    other = reindexed(frame, kind)
    assert (other.to_numpy() == frame.to_numpy()).all()
    for name in FUNCTIONS:
        expected = run(name, frame)
        got = run(name, other)
        assert got == expected, f"{name} differs under a {kind} index"


def test_issue_example_concat_without_ignore_index():
    """Two exports concatenated: every participant's rows labelled 0..n-1 twice."""
    rng = np.random.default_rng(27)
    t0 = pd.DataFrame({"participant_id": [f"P{i}" for i in range(20)], "wave": "T0",
                       "pss10_score": rng.integers(5, 35, 20).astype(float)})
    t1 = t0.assign(wave="T1", pss10_score=t0["pss10_score"] - rng.integers(0, 6, 20))
    data = pd.concat([t0, t1])
    assert data.index.duplicated().any()
    res = impact.prepost(data, "pss10_score", baseline="T0", followup="T1").to_frame().iloc[0]
    change = (t1["pss10_score"].to_numpy() - t0["pss10_score"].to_numpy())
    assert res["n_paired"] == 20 and abs(res["mean_change"] - change.mean()) < 1e-12
    w = impact.wilcoxon_signed_rank(data, "pss10_score", at=("T0", "T1"))
    assert w.to_dict()["n"] == 20
