"""The malformed-input corpus: one table of cases, each with its exit code and message fragments.

Every case is generated here (no binary files committed). For each case ``impact validate`` must
exit as listed with every fragment on stderr and no traceback; ``impact analyse`` must refuse the
same error cases (exit 2) and accept the warning cases.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from impact.cli import main

ITEMS = [f"pss10_{k}" for k in range(1, 11)]
PROTOCOL = """title: Corpus
waves: [T0, T1]
instruments: [pss10]
primary_outcome: pss10_score
"""


def cohort(n=12, followup=None) -> pd.DataFrame:
    """A clean long frame: n participants at T0, the first ``followup`` of them at T1."""
    rng = np.random.default_rng(7)
    followup = n if followup is None else followup
    rows = []
    for wave, count in (("T0", n), ("T1", followup)):
        for i in range(count):
            rows.append([f"P{i + 1:03d}", wave] + rng.integers(0, 5, 10).tolist())
    frame = pd.DataFrame(rows, columns=["participant_id", "wave"] + ITEMS).astype(str)
    return frame


def write(frame, path, **kw):
    frame.to_csv(path, index=False, lineterminator="\n", **kw)
    return path


# Each builder gets tmp_path and returns (data_path, protocol_text).
def _set(row, column, value, **kw):
    def build(tmp):
        frame = cohort(**kw)
        frame.loc[row, column] = value
        return write(frame, tmp / "data.csv"), PROTOCOL
    return build


def _proto(text):
    return lambda tmp: (write(cohort(), tmp / "data.csv"), text)


def _raw(name, content: bytes):
    def build(tmp):
        path = tmp / name
        path.write_bytes(content)
        return path, PROTOCOL
    return build


def _drop(column):
    return lambda tmp: (write(cohort().drop(columns=[column]), tmp / "data.csv"), PROTOCOL)


def _duplicate(tmp):
    frame = cohort()
    frame = pd.concat([frame, frame.iloc[[2]]], ignore_index=True)  # P003 T0 again, last row
    return write(frame, tmp / "data.csv"), PROTOCOL


def _duplicate_header(tmp):
    path = tmp / "data.csv"
    text = write(cohort(), path).read_text().replace("pss10_9", "pss10_3", 1)
    path.write_text(text)
    return path, PROTOCOL


def _ragged(tmp):
    path = write(cohort(), tmp / "data.csv")
    lines = path.read_text().splitlines()
    lines[4] += ",9,9"  # row 5 has two extra fields
    path.write_text("\n".join(lines) + "\n")
    return path, PROTOCOL


def _header_only(tmp):
    path = tmp / "data.csv"
    path.write_text(",".join(["participant_id", "wave"] + ITEMS) + "\n")
    return path, PROTOCOL


def _xlsx_sheet(tmp):
    path = tmp / "data.xlsx"
    cohort().to_excel(path, index=False, sheet_name="Blad1")
    return path, PROTOCOL + "sheet: Antwoorden\n"


def _mapped(tmp):
    frame = cohort().rename(columns={"participant_id": "Respondent"})
    return write(frame, tmp / "data.csv"), PROTOCOL + 'columns: {"Deelnemer nr": participant_id}\n'


def _many(tmp):
    frame = cohort()
    frame.loc[0, "pss10_1"] = "9"
    frame.loc[5, "wave"] = "T9"
    frame.loc[7, "participant_id"] = ""
    return write(frame, tmp / "data.csv"), PROTOCOL


def _followup_only(tmp):
    frame = cohort(n=12)
    extra = frame.iloc[[12]].copy()
    extra["participant_id"] = "P099"
    frame = pd.concat([frame, extra], ignore_index=True)  # P099 only at T1, last row
    return write(frame, tmp / "data.csv"), PROTOCOL


def _incomplete(tmp):
    frame = cohort()
    frame.loc[3, ITEMS[3:]] = ""  # 3 of 10 answered, row 5
    return write(frame, tmp / "data.csv"), PROTOCOL


def _missing_codes(tmp):
    frame = cohort()
    frame.loc[3, "pss10_2"] = "99"
    return write(frame, tmp / "data.csv"), PROTOCOL + "missing_codes: [99, -9]\n"


def _site_absent(tmp):
    return write(cohort(), tmp / "data.csv"), PROTOCOL + "site_column: site\n"


def _no_file(tmp):
    return tmp / "nope.csv", PROTOCOL


def _instrument_file_bad(tmp):
    (tmp / "eigen.yaml").write_text("id: Eigen\nname: x\nitems: 3\nmin: 0\nmax: 4\n")
    return write(cohort(), tmp / "data.csv"), PROTOCOL + "instrument_files: [eigen.yaml]\n"


E, W = 2, 0
CASES = [
    # name, builder, expected exit, fragments on stderr
    ("empty file", _raw("data.csv", b""), E, ["the file is empty"]),
    ("whitespace-only file", _raw("data.csv", b"\n\n  \n"), E, ["the file is empty"]),
    ("header only", _header_only, E, ["header but no data rows", "row 2"]),
    ("binary garbage named .csv", _raw("data.csv", bytes(range(256)) * 40), E,
     ["binary data", "not CSV text"]),
    ("corrupt xlsx", _raw("data.xlsx", b"PK\x03\x04 this is not a workbook" * 20), E,
     ["cannot be opened as an Excel workbook"]),
    ("corrupt sav", _raw("data.sav", b"$FL2 garbage " * 50), E,
     ["cannot be read as an SPSS .sav file"]),
    ("old xls", _raw("data.xls", b"\xd0\xcf\x11\xe0" * 10), E, ["old Excel .xls"]),
    ("response file missing", _no_file, E, ["does not exist"]),
    ("YAML syntax error", _proto("title: [unclosed\nwaves: [T0, T1]\n"), E,
     ["not valid YAML", "row 2", "expected ',' or ']'"]),
    ("YAML python object tag", _proto(PROTOCOL + 'x: !!python/object/apply:os.system ["echo hi"]\n'),
     E, ["not valid YAML", "python/object/apply:os.system", "row 5"]),
    ("YAML key given twice", _proto(PROTOCOL + "title: again\n"), E,
     ["key 'title' is given twice (first on line 1)", "row 5"]),
    ("protocol not a mapping", _proto("- T0\n- T1\n"), E, ["must be a YAML mapping"]),
    ("unknown protocol key", _proto(PROTOCOL + "colour: blue\n"), E,
     ["unknown key 'colour'", "row 5", "known keys"]),
    ("wrong type", _proto(PROTOCOL.replace("waves: [T0, T1]", "waves: T0")), E,
     ["'waves' must be a list of wave labels", "row 2"]),
    ("unknown instrument", _proto(PROTOCOL.replace("[pss10]", "[pss99]")), E,
     ["unknown instrument 'pss99'", "known instruments", "pss10", "row 3"]),
    ("primary outcome not produced", _proto(PROTOCOL.replace("pss10_score", "pss10_total")), E,
     ["primary_outcome 'pss10_total' is not produced", "row 4"]),
    ("baseline not a wave", _proto(PROTOCOL + "baseline: T5\n"), E,
     ["'baseline' is 'T5', which is not one of the waves", "row 5"]),
    ("follow-up before baseline", _proto(PROTOCOL + "baseline: T1\nfollowup: T0\n"), E,
     ["must come before"]),
    ("one wave only", _proto(PROTOCOL.replace("[T0, T1]", "[T0]")), E,
     ["at least two distinct wave labels"]),
    ("missing codes not numbers", _proto(PROTOCOL + "missing_codes: [99, onbekend]\n"), E,
     ["'missing_codes' must list numbers", "'onbekend'"]),
    ("min cell size zero", _proto(PROTOCOL + "min_cell_size: 0\n"), E,
     ["'min_cell_size' must be at least 1"]),
    ("bad custom instrument file", _instrument_file_bad, E, ["id 'Eigen' must be lower-case"]),
    ("participant column missing", _drop("participant_id"), E,
     ["required column 'participant_id' is missing", "row 1"]),
    ("mapped column absent", _mapped, E,
     ["required column 'participant_id' is missing", "'Deelnemer nr'"]),
    ("item column missing", _drop("pss10_7"), E, ["instrument pss10 needs column(s) pss10_7"]),
    ("site column missing", _site_absent, E, ["required column 'site' is missing"]),
    ("duplicate column names", _duplicate_header, E,
     ["column name 'pss10_3' appears twice", "row 1"]),
    ("ragged row", _ragged, E, ["row 5", "has 14 fields where the header has 12", "separator (comma)"]),
    ("missing sheet", _xlsx_sheet, E, ["sheet 'Antwoorden' does not exist", "Blad1"]),
    ("out-of-range code", _set(2, "pss10_3", "7"), E,
     ["row 4", "column 'pss10_3'", "outside the coding 0-4"]),
    ("text in numeric item", _set(0, "pss10_2", "veel"), E,
     ["row 2", "column 'pss10_2'", "'veel' is not a known answer label of pss10",
      "0 = nooit", "4 = very often"]),
    ("fraction in item", _set(4, "pss10_5", "2.5"), E,
     ["row 6", "column 'pss10_5'", "not a whole answer code"]),
    ("negative code not declared missing", _set(6, "pss10_8", "-9"), E,
     ["row 8", "column 'pss10_8'", "outside the coding"]),
    ("duplicate participant x wave", _duplicate, E,
     ["row 26", "column 'participant_id'", "first at row 4", "one row per participant per wave"]),
    ("unknown wave label", _set(5, "wave", "T2"), E,
     ["row 7", "column 'wave'", "wave 'T2' is not one of the protocol's waves T0, T1"]),
    ("blank participant id", _set(9, "participant_id", ""), E,
     ["row 11", "column 'participant_id'", "participant id is empty"]),
    ("blank wave", _set(10, "wave", " "), E, ["row 12", "column 'wave'", "wave is empty"]),
    ("every problem at once", _many, E,
     ["row 2, column 'pss10_1'", "row 7, column 'wave'", "row 9, column 'participant_id'"]),
    # warnings: exit 0, message printed
    ("participant with only a follow-up", _followup_only, W,
     ["row 26", "follow-up (T1) but no baseline (T0) row", "warning"]),
    ("all follow-up missing", lambda tmp: (write(cohort(followup=0), tmp / "data.csv"), PROTOCOL),
     W, ["no row has the follow-up wave 'T1'", "warning"]),
    ("participants without follow-up", lambda tmp: (write(cohort(followup=8), tmp / "d.csv"),
                                                    PROTOCOL), W,
     ["4 participant(s) have a baseline (T0) but no follow-up (T1)", "rows 10, 11, 12, 13"]),
    ("incomplete instrument", _incomplete, W,
     ["row 5", "3 of 10 items answered, fewer than the 9", "pss10_score for this row will be empty",
      "warning"]),
    ("declared missing code", _missing_codes, W, ["0 error(s)"]),
]


@pytest.mark.parametrize("name,build,expected,fragments", CASES, ids=[c[0] for c in CASES])
def test_corpus_case(name, build, expected, fragments, tmp_path, capsys):
    data, protocol_text = build(tmp_path)
    protocol = tmp_path / "protocol.yaml"
    protocol.write_text(protocol_text, encoding="utf-8")
    before = data.read_bytes() if data.exists() else None
    code = main(["validate", str(data), "--protocol", str(protocol)])
    out, err = capsys.readouterr()
    assert code == expected, f"{name}: exit {code}\n{err}"
    text = out + err
    for fragment in fragments:
        assert fragment in text, f"{name}: {fragment!r} not in\n{text}"
    assert "Traceback" not in text
    if expected == 2:
        assert any(line.startswith("impact: ") and "error" in line for line in err.splitlines())
        assert str(tmp_path) in err  # the message names the file
    # analyse refuses exactly what validate calls an error, and accepts the warning cases
    acode = main(["analyse", str(data), "--protocol", str(protocol),
                  "--output", str(tmp_path / "results.json")])
    aout, aerr = capsys.readouterr()
    assert acode == expected, f"analyse {name}: exit {acode}\n{aerr}"
    if expected == 2:
        assert not (tmp_path / "results.json").exists()
    # input files are never modified
    if before is not None:
        assert data.read_bytes() == before


def test_corpus_is_large_enough():
    assert sum(1 for c in CASES if c[2] == 2) >= 30
    assert sum(1 for c in CASES if c[2] == 0) >= 4
