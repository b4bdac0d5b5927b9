"""Readers: Dutch CSV exports, Excel sheets with a title block, SPSS files with value labels."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from impact.errors import InputError
from impact.io import read_responses, sniff_csv, validate_responses
from impact.protocol import protocol_from_dict

ITEMS = [f"pss10_{k}" for k in range(1, 11)]
PROTOCOL = {"title": "t", "waves": ["T0", "T1"], "instruments": ["pss10"],
            "primary_outcome": "pss10_score"}


def dutch_lines():
    """A Dutch survey export: semicolons, decimal comma, accented text, messy column names."""
    header = ["Deelnemer nr", "Meting", "Wijk", "Gewicht"] + ITEMS
    rows = [
        ["101", "T0", "Café de Zuid", "72,5"] + ["1", "2", "3", "0", "4", "2", "1", "3", "2", "1"],
        ["102", "T0", "Hoograven-Zuid", "80,0"] + ["0"] * 10,
        ["101", "T1", "Café de Zuid", "71,25"] + ["2"] * 10,
        ["102", "T1", "Hoograven-Zuid", ""] + ["4", "4", "", "4", "4", "4", "4", "4", "4", "4"],
    ]
    return [";".join(header)] + [";".join(r) for r in rows]


MAPPING = {"Deelnemer nr": "participant_id", "Meting": "wave", "Wijk": "neighbourhood"}


def check_dutch(frame):
    assert list(frame.index) == [2, 3, 4, 5] and frame.index.name == "row"
    assert frame["participant_id"].tolist() == ["101", "102", "101", "102"]
    assert frame["wave"].tolist() == ["T0", "T0", "T1", "T1"]
    assert frame["neighbourhood"].iloc[0] == "Café de Zuid"
    assert frame["Gewicht"].iloc[:3].tolist() == [72.5, 80.0, 71.25]
    assert np.isnan(frame["Gewicht"].iloc[3])
    assert frame["pss10_1"].tolist() == [1, 0, 2, 4]
    assert np.isnan(frame["pss10_3"].iloc[3])


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                          ("cp1252", b""), ("utf-16", b"")])
def test_dutch_semicolon_decimal_comma_export(tmp_path, encoding, bom):
    path = tmp_path / "export.csv"
    path.write_bytes(bom + ("\r\n".join(dutch_lines()) + "\r\n").encode(encoding))
    frame = read_responses(path, columns=MAPPING)
    check_dutch(frame)
    assert frame.attrs["dialect"]["sep"] == ";" and frame.attrs["dialect"]["decimal"] == ","
    expected = {"utf-8": "utf-8-sig" if bom else "utf-8", "cp1252": "cp1252",
                "utf-16": "utf-16"}[encoding]
    assert frame.attrs["dialect"]["encoding"] == expected


def test_cp1252_bytes_only_after_the_sniffed_sample(tmp_path):
    lines = ["participant_id,wave,note," + ",".join(ITEMS)]
    for i in range(3000):
        lines.append(f"P{i},T0,{'x' * 20}," + ",".join(["1"] * 10))
    lines.append("P9999,T0,caf\xe9 \u20ac," + ",".join(["1"] * 10))
    path = tmp_path / "late.csv"
    path.write_bytes("\n".join(lines).encode("cp1252") + b"\n")
    assert path.stat().st_size > 65536
    frame = read_responses(path)
    assert frame["note"].iloc[-1] == "café €"
    assert frame.index[-1] == 3002


def test_sniffer_comma_decimal_point_and_tab(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("participant_id,wave,bmi\nP1,T0,22.5\n")
    assert {k: sniff_csv(a)[k] for k in ("sep", "decimal")} == {"sep": ",", "decimal": "."}
    b = tmp_path / "b.tsv"
    b.write_text("participant_id\twave\tbmi\nP1\tT0\t22,5\n")
    assert {k: sniff_csv(b)[k] for k in ("sep", "decimal")} == {"sep": "\t", "decimal": ","}
    c = tmp_path / "c.csv"  # semicolons with decimal points stay decimal points
    c.write_text('participant_id;wave;bmi;"note; with separator"\nP1;T0;22.5;"a;b"\n')
    frame = read_responses(c)
    assert frame["bmi"].iloc[0] == 22.5 and frame["note; with separator"].iloc[0] == "a;b"


def test_csv_preamble_header_detected_and_rows_numbered(tmp_path):
    path = tmp_path / "survey.csv"
    body = pd.DataFrame({"participant_id": ["A", "B"], "wave": ["T0", "T0"],
                         **{c: [1, 9] for c in ITEMS}})
    path.write_text("Export uit enquêtetool\nGedownload: 23-11-2026\n\n"
                    + body.to_csv(index=False), encoding="utf-8")
    frame = read_responses(path)
    assert frame.attrs["header_row"] == 4
    assert list(frame.index) == [5, 6]
    problems = validate_responses(frame, protocol_from_dict(PROTOCOL))
    assert [(p.row, p.column) for p in problems.errors][:1] == [(6, "pss10_1")]


def test_blank_lines_keep_row_numbers(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("participant_id,wave,pss10_1\nA,T0,1\n\n,,\nB,T0,7\n")
    frame = read_responses(path)
    assert list(frame.index) == [2, 5] and frame.attrs["blank_rows"] == 2


def test_xlsx_title_block_named_sheet_and_row_numbers(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "antwoorden.xlsx"
    book = Workbook()
    book.active.title = "Toelichting"
    book.active.append(["Dit blad beschrijft de vragen"])
    sheet = book.create_sheet("Antwoorden")
    sheet.append(["Kunst op Recept, export"])
    sheet.append([])
    sheet.append(["Aangemaakt", "2026-11-23"])
    sheet.append(["Deelnemer nr", "wave"] + ITEMS)          # row 4
    sheet.append([101, "T0"] + [1] * 10)                    # row 5
    sheet.append([102, "T0"] + [2] * 10)                    # row 6
    sheet.append([101, "T1"] + [3, 3, 3, 3, 3, 3, 5, 3, 3, 3])  # row 7: pss10_7 out of range
    book.save(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    frame = read_responses(path, columns={"Deelnemer nr": "participant_id"}, sheet="Antwoorden")
    assert frame.attrs["header_row"] == 4 and list(frame.index) == [5, 6, 7]
    assert frame["participant_id"].tolist() == ["101", "102", "101"]
    problems = validate_responses(frame, protocol_from_dict(PROTOCOL))
    assert [(p.row, p.column) for p in problems.errors] == [(7, "pss10_7")]
    # header row given explicitly, sheet by number
    again = read_responses(path, columns={"Deelnemer nr": "participant_id"}, sheet=2,
                           header_row=4)
    pd.testing.assert_frame_equal(frame, again, check_like=True)
    with pytest.raises(InputError, match="sheet number 5 does not exist"):
        read_responses(path, sheet=5)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_sav_value_labels_user_missing_and_case_rows(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({
        "respnr": [11.0, 12.0, 11.0, 12.0],
        "meting": [1.0, 1.0, 2.0, 2.0],
        **{c: [1.0, 2.0, 3.0, 4.0] for c in ITEMS},
    })
    frame.loc[1, "pss10_4"] = 99.0  # SPSS user-missing code
    labels = {"meting": {1.0: "T0", 2.0: "T1"},
              **{c: {0.0: "nooit", 1.0: "bijna nooit", 2.0: "soms", 3.0: "vaak",
                     4.0: "heel vaak", 99.0: "weet niet"} for c in ITEMS}}
    path = tmp_path / "kor.sav"
    pyreadstat.write_sav(frame, str(path), variable_value_labels=labels,
                         missing_ranges={"pss10_4": [99.0]},
                         column_labels=["Respondentnummer", "Meetmoment"] + ITEMS)
    out = read_responses(path, columns={"respnr": "participant_id", "meting": "wave"})
    assert list(out.index) == [2, 3, 4, 5]
    assert out["participant_id"].tolist() == ["11", "12", "11", "12"]
    assert out["wave"].tolist() == ["T0", "T0", "T1", "T1"]      # labels applied to the wave
    assert out["pss10_1"].tolist() == [1.0, 2.0, 3.0, 4.0]       # items keep their codes
    assert np.isnan(out.loc[3, "pss10_4"])                       # user-missing 99 -> empty
    assert out.attrs["value_labels"]["pss10_1"][4.0] == "heel vaak"
    assert out.attrs["variable_labels"]["meting"] == "Meetmoment"
    problems = validate_responses(out, protocol_from_dict(PROTOCOL))
    assert not problems.errors
    assert not problems.warnings  # 9 of 10 items answered meets the PSS-10 rule


def test_na_spellings_are_missing_in_items_only(tmp_path):
    path = tmp_path / "r_export.csv"
    path.write_text("participant_id,wave,neighbourhood,pss10_1,pss10_2\n"
                    "NA,T0,NA,NA,#N/A\nP2,T0,Zuid,1,NULL\n")
    frame = read_responses(path)
    assert frame["participant_id"].tolist() == ["NA", "P2"]
    assert frame["neighbourhood"].tolist() == ["NA", "Zuid"]
    assert frame["pss10_1"].isna().tolist() == [True, False]
    assert frame["pss10_2"].isna().all()


def test_ragged_row_below_a_title_block_names_its_physical_line(tmp_path):
    path = tmp_path / "rag.csv"
    path.write_text("Export\nDatum\n\nparticipant_id,wave,pss10_1\nA,T0,1\nB,T0,2\nC,T0,3,4\n")
    with pytest.raises(InputError) as info:
        read_responses(path)
    assert info.value.row == 7 and "has 4 fields where the header has 3" in str(info.value)


def test_trailing_separator_and_numeric_wave_labels(tmp_path):
    path = tmp_path / "trail.csv"
    path.write_bytes(b"\xef\xbb\xbfparticipant_id;wave;pss10_1;\r\n101;0;2;\r\n102;1;3;\r\n")
    frame = read_responses(path)
    assert list(frame.columns) == ["participant_id", "wave", "pss10_1"]
    assert frame["wave"].tolist() == ["0", "1"] and frame["pss10_1"].tolist() == [2, 3]
