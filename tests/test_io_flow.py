"""The flow ledger accounts for every row and every participant, exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.io import participant_flow
from impact.protocol import protocol_from_dict

PROTOCOL = protocol_from_dict({"title": "t", "waves": ["T0", "T1", "T2"], "baseline": "T0",
                               "followup": "T2", "instruments": ["pss10"],
                               "primary_outcome": "pss10_score"})


@st.composite
def cohorts(draw):
    """Random cohorts with drop-out, duplicates, unknown waves, blank ids and scores."""
    n = draw(st.integers(0, 40))
    rows = []
    for i in range(n):
        for wave in ("T0", "T1", "T2"):
            if draw(st.booleans()):
                rows.append((f"P{i}", wave))
    extra = draw(st.lists(st.tuples(
        st.sampled_from([f"P{i}" for i in range(max(n, 1))] + [None, "", "  "]),
        st.sampled_from(["T0", "T1", "T2", "T9", "", None, "t0"])), max_size=15))
    rows += extra
    order = draw(st.permutations(range(len(rows))))
    rows = [rows[i] for i in order]
    frame = pd.DataFrame(rows, columns=["participant_id", "wave"], dtype="object")
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    ok = draw(st.lists(st.booleans(), min_size=len(frame), max_size=len(frame)))
    scores = pd.DataFrame({"pss10_score": np.where(ok, 20.0, np.nan)}, index=frame.index)
    frame.attrs["blank_rows"] = draw(st.integers(0, 3))
    return frame, scores


@settings(max_examples=150, deadline=None)
@given(cohorts())
def test_ledgers_reconcile_with_the_input_rows(data):
    frame, scores = data
    flow = participant_flow(frame, PROTOCOL, scores, "pss10_score")
    assert flow["rows"] == len(frame) + frame.attrs["blank_rows"]
    assert sum(flow["row_ledger"].values()) == flow["rows"]
    assert sum(flow["participant_ledger"].values()) == flow["enrolled"]
    assert flow["reconciles"] is True
    # independent recount of the kept rows and the participants
    pid = frame["participant_id"]
    blank = pid.isna() | (pid.astype("str").str.strip() == "")
    known = frame["wave"].isin(["T0", "T1", "T2"]) & ~blank
    kept = frame[known].drop_duplicates(["participant_id", "wave"])
    assert flow["row_ledger"]["duplicate"] == int(known.sum()) - len(kept)
    assert flow["row_ledger"]["blank_id"] == int(blank.sum())
    assert flow["enrolled"] == kept["participant_id"].nunique()
    base = set(kept.loc[kept["wave"] == "T0", "participant_id"])
    follow = set(kept.loc[kept["wave"] == "T2", "participant_id"])
    assert flow["with_baseline"] == len(base) and flow["with_followup"] == len(follow)
    assert flow["without_followup"] == len(base - follow)
    assert flow["followup_only"] == len(follow - base)
    good = scores["pss10_score"].notna()
    ok_rows = kept[good.reindex(kept.index).to_numpy()]
    paired = (set(ok_rows.loc[ok_rows["wave"] == "T0", "participant_id"])
              & set(ok_rows.loc[ok_rows["wave"] == "T2", "participant_id"]))
    assert flow["paired"] == len(paired)
    excluded_rows = sum(e["n"] for e in flow["excluded"] if e["unit"] == "rows")
    assert excluded_rows + flow["row_ledger"]["baseline"] + flow["row_ledger"]["followup"] \
        + flow["row_ledger"]["other_wave"] == flow["rows"]


def test_flow_of_a_known_cohort():
    frame = pd.DataFrame({
        "participant_id": ["A", "B", "C", "A", "B", "D", "A", None, "E", "C"],
        "wave": ["T0", "T0", "T0", "T2", "T2", "T2", "T0", "T0", "T5", "T1"],
    }, index=pd.RangeIndex(2, 12, name="row"))
    scores = pd.DataFrame({"pss10_score": [1, 1, 1, np.nan, 1, 1, 1, 1, 1, 1]},
                          index=frame.index, dtype=float)
    flow = participant_flow(frame, PROTOCOL, scores, "pss10_score")
    assert flow["row_ledger"] == {"blank_row": 0, "blank_id": 1, "unknown_wave": 1,
                                  "duplicate": 1, "baseline": 3, "followup": 3, "other_wave": 1}
    assert flow["participant_ledger"] == {"paired": 1, "not_computable": 1,
                                          "lost_to_followup": 1, "followup_only": 1,
                                          "other_waves_only": 0}
    assert (flow["enrolled"], flow["paired"], flow["with_baseline"]) == (4, 1, 3)
    assert [e["code"] for e in flow["excluded"]] == ["blank_id", "unknown_wave", "duplicate",
                                                     "not_computable"]


def test_flow_diagram_draws_every_count_in_both_languages():
    from matplotlib.figure import Figure

    from impact.plots.figures import OKABE_ITO
    from impact.plots.flowchart import flow_diagram

    frame = pd.DataFrame({"participant_id": ["A", "B", "A", "C", None],
                          "wave": ["T0", "T0", "T2", "T2", "T0"]},
                         index=pd.RangeIndex(2, 7, name="row"))
    flow = participant_flow(frame, PROTOCOL)
    # the boxes down the middle reconcile: 3 enrolled - 1 follow-up only = 2 at baseline,
    # - 1 lost = 1 at follow-up, - 0 not computable = 1 analysed
    for lang, words in (("en", ["Participants enrolled", "Lost to follow-up",
                                "no participant id: 1", "Analysed (paired)\nn = 1",
                                "Participants enrolled\nn = 3", "baseline (T0)\nn = 2",
                                "follow-up (T2)\nn = 1"]),
                        ("nl", ["Deelnemers gestart", "Geen nameting (uitval)",
                                "geen deelnemernummer: 1", "Nameting zonder voormeting\nn = 1"])):
        fig = flow_diagram(flow, lang)
        assert isinstance(fig, Figure)
        texts = [t.get_text() for t in fig.axes[0].texts]
        for word in words:
            assert any(word in t for t in texts), (lang, word, texts)
        fig.canvas.draw()
        edges = {t.get_bbox_patch().get_edgecolor()[:3] for t in fig.axes[0].texts
                 if t.get_bbox_patch() is not None}
        assert len(edges) == 2
        from matplotlib.colors import to_rgb

        assert edges <= {to_rgb(OKABE_ITO[4]), to_rgb(OKABE_ITO[5])}
        import matplotlib.pyplot as plt

        plt.close(fig)
