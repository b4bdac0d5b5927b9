"""Joint displays on the frames the qualitative layer produces (code_matrix, exemplar_quotes)."""

import json
from pathlib import Path

import pandas as pd

import impact

from .evidence_helpers import outcome, results

FIX = Path(__file__).parent / "fixtures"


def test_joint_displays_accept_the_qualitative_layer_frames():
    quotes = pd.read_csv(FIX / "qual_quotes.csv", dtype=str)
    codings = pd.read_csv(FIX / "qual_codings.csv", dtype=str)
    matrix = impact.code_matrix(codings, quotes)
    exemplars = impact.exemplar_quotes(quotes, codings, min_chars=10)
    assert list(exemplars.columns) == ["code", "text", "role", "wave"]
    ids = list(matrix.index)
    change = pd.DataFrame({"participant_id": ids,
                           "category": ["improved", "unchanged"] * (len(ids) // 2)
                           + ["deteriorated"] * (len(ids) % 2)})
    table = impact.themes_by_change(change, matrix, min_cell_size=1)
    assert {r["code"] for r in table.rows} == set(matrix.columns)
    for r in table.rows:
        shown = sum(r[f"n_{c}"] or 0 for c in ("improved", "unchanged", "deteriorated"))
        assert shown == int(matrix[r["code"]].sum())
    res = results(outcome())
    stats = impact.statistics_by_theme(res, matrix, exemplars, min_cell_size=1)
    row = stats.rows[0]
    assert set(row["codes"]) <= {"mental", "self_confidence", "pride"} and row["codes"]
    assert all(q["code"] in row["codes"] for q in row["quotes"])
    shown = json.dumps([stats.to_dict(), table.to_dict()], default=str)
    # de-identified exemplars: no phone number, no participant id in what the displays hold
    assert "06-12345678" not in shown and not any(i in shown for i in ids)
