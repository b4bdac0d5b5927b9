"""Validation: message caps, frames passed directly, and an Excel file through analyse."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import impact
from impact.cli import main
from impact.errors import InputError
from impact.io import validate_responses
from impact.protocol import protocol_from_dict

PROTOCOL = {"title": "t", "waves": ["T0", "T1"], "instruments": ["pss10"],
            "primary_outcome": "pss10_score"}
ITEMS = [f"pss10_{k}" for k in range(1, 11)]


def frame_of(n=300, value=1):
    rows = [[f"P{i}", w] + [value] * 10 for w in ("T0", "T1") for i in range(n)]
    frame = pd.DataFrame(rows, columns=["participant_id", "wave"] + ITEMS)
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def test_messages_are_capped_per_rule_with_a_count_of_the_rest():
    frame = frame_of()
    frame["pss10_1"] = 7  # 600 rows out of range in one column
    problems = validate_responses(frame, protocol_from_dict(PROTOCOL), max_per_rule=5)
    per_column = [p for p in problems.errors if p.column == "pss10_1"]
    assert len(per_column) == 6
    assert [p.row for p in per_column[:5]] == [2, 3, 4, 5, 6]
    assert per_column[-1].message.startswith("... and ") and per_column[-1].row is None
    assert "more problem(s) of this kind (rows 7, 8, 9, 10, 11," in per_column[-1].message
    assert not [p for p in problems.errors if p.column not in ("pss10_1", None)]


def test_frame_input_is_validated_by_analyse_too():
    frame = frame_of(n=12)
    frame = pd.concat([frame, frame.iloc[[0]]])  # P0 at T0 twice; the copy is the last row
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    with pytest.raises(InputError) as info:
        impact.analyse(frame, PROTOCOL)
    assert any(p.rule == "one row per participant per wave" and p.row == len(frame) + 1
               for p in info.value.problems)


def test_excel_export_through_validate_and_analyse(tmp_path, capsys):
    rows = []
    for i in range(15):
        rows.append({"Respondent": f"R{i:02d}", "Meetmoment": "voor",
                     **{c: (i + k) % 5 for k, c in enumerate(ITEMS)}})
        rows.append({"Respondent": f"R{i:02d}", "Meetmoment": "na",
                     **{c: (i + 2 * k) % 5 for k, c in enumerate(ITEMS)}})
    data = tmp_path / "export.xlsx"
    with pd.ExcelWriter(data) as writer:
        pd.DataFrame({"info": ["export"]}).to_excel(writer, sheet_name="Info", index=False)
        pd.DataFrame(rows).to_excel(writer, sheet_name="Data", index=False, startrow=2)
    protocol = tmp_path / "p.yaml"
    protocol.write_text("title: Excel\nwaves: [voor, na]\ninstruments: [pss10]\n"
                        "primary_outcome: pss10_score\nsheet: Data\n"
                        "columns: {Respondent: participant_id, Meetmoment: wave}\n")
    assert main(["validate", str(data), "--protocol", str(protocol), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["flow"]["rows"] == 30 and report["flow"]["paired"] == 15
    assert main(["analyse", str(data), "--protocol", str(protocol)]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results["flow"]["paired"] == 15 and results["outcomes"][0]["n_paired"] == 15
    assert results["flow"]["row_ledger"]["baseline"] == 15


def test_incomplete_dimensions_of_an_instrument_without_total():
    items = [f"mph_{k}" for k in range(1, 43)]
    frame = pd.DataFrame([["A", "T0"] + [5] * 42, ["A", "T1"] + [5] * 42],
                         columns=["participant_id", "wave"] + items)
    frame.index = pd.RangeIndex(2, 4, name="row")
    frame.loc[2, items[0:4]] = None      # body: 3 of 7 answered (< 4)
    frame.loc[2, items[35:38]] = None    # daily: 4 of 7 answered (enough)
    frame.loc[3, items[7:10]] = None     # mental: 4 of 7 answered (enough)
    proto = protocol_from_dict({"title": "t", "waves": ["T0", "T1"], "instruments": ["mph"]})
    warnings = [p for p in validate_responses(frame, proto).warnings
                if p.rule == "incomplete instrument"]
    assert [(p.row, p.message) for p in warnings] == [
        (2, "mph: too few items answered for mph_body; those scores for this row will be empty")]
    # a protocol's min_answered applies to every dimension, as in the scorer
    strict = protocol_from_dict({"title": "t", "waves": ["T0", "T1"], "instruments": ["mph"],
                                 "min_answered": {"mph": 5}})
    rows = {p.row for p in validate_responses(frame, strict).warnings
            if p.rule == "incomplete instrument"}
    assert rows == {2, 3}
    scores = impact.score(frame, ["mph"])
    assert scores.loc[2, "mph_body"] != scores.loc[2, "mph_body"]  # NaN, as warned
    assert scores.loc[2, "mph_daily"] == 5 and scores.loc[3, "mph_mental"] == 5


def test_validate_reports_bad_sroi_and_evidence_sections(tmp_path):
    """impact validate also checks the protocol sections only the reports read."""
    import shutil

    from .conftest import ROOT, run_cli

    src = ROOT / "synthetic_data" / "kunst-op-recept"
    data = tmp_path / "responses.csv"
    shutil.copy(src / "responses.csv", data)
    proto = tmp_path / "protocol.yaml"
    proto.write_text((src / "protocol.yaml").read_text(encoding="utf-8")
                     + "sroi: {inputs: -5, outcomes: []}\n", encoding="utf-8")
    proc = run_cli("validate", data, "--protocol", proto)
    assert proc.returncode == 2, proc.stderr
    assert "sroi" in proc.stderr and str(proto) in proc.stderr
    assert "Traceback" not in proc.stderr
