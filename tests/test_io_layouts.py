"""The same answers in every layout and survey-tool format give the same long frame and the
byte-identical results JSON (provenance aside); the Python API applies the protocol as the CLI.

Every file is produced by tests/io_cohort.py in the tool's documented export format:
Qualtrics (CSV with three header rows), LimeSurvey (answer codes or full answers), Microsoft
Forms (Excel, question texts as headers), Google Forms (CSV), Castor EDC (semicolon CSV, wide,
user-missing codes), SPSS .sav with value labels, Excel with title rows or merged wave cells.
"""

from __future__ import annotations

import json
import re
import zipfile

import numpy as np
import pandas as pd
import pytest

from impact.cli import main

from . import io_cohort as C


@pytest.fixture(scope="module")
def cohort():
    return C.long_frame()


def _results(path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["provenance"]["files"]  # provenance names the inputs ...
    data.pop("provenance")  # ... and is the only part that may differ
    return json.dumps(data, indent=2, ensure_ascii=False)


def _yaml_map(mapping) -> str:
    return json.dumps(mapping, ensure_ascii=False)


def build(kind, folder, frame):
    """(data args for the CLI, protocol text) of one format of the cohort."""
    if kind == "long csv":
        return [C.write_long_csv(frame, folder / "data.csv")], C.protocol()
    if kind == "wide xlsx, Dutch labels, title rows":
        return [C.write_wide_xlsx_labels(frame, folder / "data.xlsx")], C.protocol(
            "layout: wide\n")
    if kind == "two per-wave files (protocol data:)":
        C.write_per_wave(frame, folder)
        return [], C.protocol('data: {T0: intake.xlsx, T1: eind.csv}\n'
                              'columns: {"Deelnemer nr": participant_id}\n')
    if kind == "qualtrics csv":
        path, mapping = C.write_qualtrics(frame, folder / "qualtrics.csv")
        return [path], C.protocol(f"columns: {_yaml_map(mapping)}\n")
    if kind == "sav with value labels":
        return [C.write_sav(frame, folder / "data.sav")], C.protocol()
    if kind.startswith("limesurvey"):
        path, mapping, labels = C.write_limesurvey(frame, folder / "survey_123456.csv",
                                                   full_answers="full" in kind)
        extra = f"columns: {_yaml_map(mapping)}\n"
        if labels:
            extra += f"answer_labels: {_yaml_map(labels)}\n"
        return [path], C.protocol(extra)
    if kind == "microsoft forms xlsx":
        path, mapping = C.write_ms_forms(frame, folder / "forms.xlsx")
        return [path], C.protocol(f"columns: {_yaml_map(mapping)}\n")
    if kind == "google forms csv":
        path, mapping = C.write_google_forms(frame, folder / "google.csv")
        return [path], C.protocol(f"columns: {_yaml_map(mapping)}\n")
    if kind == "castor edc csv":
        path = C.write_castor(frame, folder / "castor_export.csv")
        return [path], C.protocol('layout: wide\nwave_pattern: "{wave}_{item}"\n'
                                  'columns: {"Participant Id": participant_id}\n'
                                  f"missing_codes: {C.CASTOR_MISSING}\n")
    if kind == "xlsx merged wave cells":
        return [C.write_merged_header(frame, folder / "merged.xlsx")], C.protocol(
            "layout: wide\n")
    raise AssertionError(kind)


FORMATS = ["long csv", "wide xlsx, Dutch labels, title rows", "two per-wave files (protocol data:)",
           "qualtrics csv", "sav with value labels", "limesurvey codes", "limesurvey full answers",
           "microsoft forms xlsx", "google forms csv", "castor edc csv", "xlsx merged wave cells"]


@pytest.fixture(scope="module")
def reference(cohort, tmp_path_factory):
    folder = tmp_path_factory.mktemp("long")
    data, text = build("long csv", folder, cohort)
    (folder / "p.yaml").write_text(text, encoding="utf-8")
    out = folder / "results.json"
    assert main(["analyse", *map(str, data), "--protocol", str(folder / "p.yaml"),
                 "--output", str(out)]) == 0
    return _results(out)


@pytest.mark.parametrize("kind", FORMATS)
def test_every_format_gives_the_same_results(kind, cohort, reference, tmp_path, capsys):
    data, text = build(kind, tmp_path, cohort)
    protocol = tmp_path / "p.yaml"
    protocol.write_text(text, encoding="utf-8")
    inputs = {p: p.read_bytes() for p in tmp_path.iterdir()}
    out = tmp_path / "results.json"
    code = main(["analyse", *map(str, data), "--protocol", str(protocol), "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert _results(out) == reference
    assert all(p.read_bytes() == before for p, before in inputs.items())
    results = json.loads(out.read_text())
    assert results["flow"]["paired"] == 29 and results["flow"]["enrolled"] == 35
    assert len(results["provenance"]["files"]) == len(data or [1, 2]) + 1  # + the protocol


@pytest.mark.parametrize("kind", ["wide xlsx, Dutch labels, title rows", "sav with value labels",
                                  "qualtrics csv", "two per-wave files (protocol data:)"])
def test_same_long_frame(kind, cohort, tmp_path):
    from impact.io import load_responses

    data, text = build(kind, tmp_path, cohort)
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    frame, problems = load_responses(data[0] if data else None, tmp_path / "p.yaml")
    assert not problems.errors
    got = frame[["participant_id", "wave", *C.ITEMS]].reset_index(drop=True)
    want = cohort[["participant_id", "wave", *C.ITEMS]].reset_index(drop=True)
    pd.testing.assert_frame_equal(got.astype({"participant_id": object, "wave": object}),
                                  want.astype({"participant_id": object, "wave": object}),
                                  check_dtype=False)
    # a combined long frame is numbered as the long file with its rows; one file keeps its own
    first = {"qualtrics csv": 4, "sav with value labels": 2}.get(kind, 2)
    assert list(frame.index) == list(range(first, len(frame) + first))


def test_value_labels_translate_shifted_spss_codes(cohort, tmp_path):
    """PSS-10 stored as 1-5 with labels nooit .. heel vaak: read through the labels as 0-4."""
    import pyreadstat

    from impact.io import load_responses

    path = C.write_sav(cohort, tmp_path / "data.sav")
    raw, _ = pyreadstat.read_sav(str(path))
    assert raw["pss10_1"].max() == 5  # the file really holds 1-5
    frame, problems = load_responses(path, C.BASE_PROTOCOL and _proto(tmp_path))
    assert not problems.errors
    assert frame["pss10_1"].max() == 4 and frame["pss10_1"].min() == 0
    np.testing.assert_array_equal(frame["pss10_1"].to_numpy(), cohort["pss10_1"].to_numpy())


def _proto(folder, extra=""):
    path = folder / "p.yaml"
    path.write_text(C.protocol(extra), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------- API parity
def test_analyse_api_applies_mapping_layout_and_labels(cohort, reference, tmp_path):
    """analyse(DataFrame, dict) reads as the CLI does: the protocol's columns, layout, labels."""
    import yaml

    import impact

    wide = C.wide_frame(cohort, labels=True).rename(columns={"participant_id": "Deelnemer nr"})
    before = wide.copy()
    spec = yaml.safe_load(C.protocol("layout: wide\n"))
    spec["columns"] = {"Deelnemer nr": "participant_id"}
    for protocol in (spec, impact.protocol_from_dict(spec)):
        result = impact.analyse(wide, protocol).to_dict()
        result.pop("provenance")
        assert json.dumps(result, indent=2, ensure_ascii=False) == reference
    pd.testing.assert_frame_equal(wide, before)  # the caller's frame is not modified


def test_analyse_api_per_wave_frames_and_paths(cohort, reference, tmp_path):
    import impact

    path = _proto(tmp_path)
    parts = {w: cohort[cohort.wave == w].drop(columns="wave") for w in ("T0", "T1")}
    result = impact.analyse(parts, path).to_dict()
    result.pop("provenance")
    assert json.dumps(result, indent=2, ensure_ascii=False) == reference
    C.write_long_csv(cohort, tmp_path / "data.csv")
    result = impact.analyse(str(tmp_path / "data.csv"), str(path)).to_dict()
    assert list(result["provenance"]["files"]) == [str(tmp_path / "data.csv"), str(path)]


def test_validate_without_data_argument_uses_protocol_data(cohort, tmp_path, capsys):
    C.write_per_wave(cohort, tmp_path)
    protocol = _proto(tmp_path, 'data: {T0: intake.xlsx, T1: eind.csv}\n'
                                'columns: {"Deelnemer nr": participant_id}\n')
    assert main(["validate", "--protocol", str(protocol)]) == 0
    out = capsys.readouterr().out
    assert "valid: 65 rows, 35 participants, 35 at T0, 30 at T1" in out


# ------------------------------------------------------------------------ errors in layouts
def test_wide_unknown_wave_column_is_an_error(cohort, tmp_path, capsys):
    wide = C.wide_frame(cohort)
    wide["pss10_1_T2"] = 1
    wide.to_csv(tmp_path / "wide.csv", index=False)
    code = main(["validate", str(tmp_path / "wide.csv"), "--protocol",
                 str(_proto(tmp_path, "layout: wide\n"))])
    err = capsys.readouterr().err
    assert code == 2
    assert "column 'pss10_1_T2'" in err and "names wave 'T2'" in err


def test_wide_item_error_names_the_source_column_and_row(cohort, tmp_path, capsys):
    wide = C.wide_frame(cohort, labels=True)
    wide.loc[4, "pss10_3_T1"] = "altijd"  # not a PSS-10 answer; data row 5 = row 6
    wide.to_csv(tmp_path / "wide.csv", index=False)
    code = main(["validate", str(tmp_path / "wide.csv"), "--protocol",
                 str(_proto(tmp_path, "layout: wide\n"))])
    err = capsys.readouterr().err
    assert code == 2
    assert "row 6, column 'pss10_3_T1'" in err
    assert "'altijd' is not a known answer label of pss10" in err
    assert "0 = nooit; 1 = bijna nooit; 2 = soms; 3 = vaak; 4 = heel vaak" in err


def test_per_wave_file_with_other_wave_is_an_error(cohort, tmp_path, capsys):
    C.write_per_wave(cohort, tmp_path)
    t1 = pd.read_csv(tmp_path / "eind.csv", sep=";", encoding="cp1252", dtype=str)
    t1.insert(1, "wave", "T1")
    t1.loc[2, "wave"] = "T0"
    t1.to_csv(tmp_path / "eind.csv", sep=";", index=False, encoding="cp1252")
    protocol = _proto(tmp_path, 'data: {T0: intake.xlsx, T1: eind.csv}\n'
                                'columns: {"Deelnemer nr": participant_id}\n')
    assert main(["validate", "--protocol", str(protocol)]) == 2
    err = capsys.readouterr().err
    assert "eind.csv, row 4, column 'wave'" in err and "wave 'T0' in the file given for wave T1" in err


def test_protocol_answer_labels_both_directions(tmp_path):
    from impact.protocol import protocol_answer_labels

    got = protocol_answer_labels({"pss10": {"Helemaal  NIET": 0, 1: ["een beetje", "wat"]}})
    assert got == {"pss10": {"helemaal niet": 0, "een beetje": 1, "wat": 1}}


# ------------------------------------------------------------------------------ Excel exact
def _xlsx(tmp_path, rows, name="data.xlsx"):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def _patch_sheet(path, old: bytes, new: bytes):
    """Rewrite sheet1.xml inside the workbook (as another tool could have written it)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("sheet1.xml"):
                # openpyxl writes "<v />" with the standard library and "<v/>" with lxml
                data = re.sub(rb"\s*/>", b"/>", data).replace(b"<v></v>", b"<v/>")
                old_, new_ = re.sub(rb"\s*/>", b"/>", old), re.sub(rb"\s*/>", b"/>", new)
                assert old_ in data, data[:400]
                data = data.replace(old_, new_)
            dst.writestr(info, data)
    tmp.replace(path)


def _rows(n=55):
    rng = np.random.default_rng(5)
    rows = [["participant_id", "wave", *C.PSS]]
    for i in range(n):
        wave = "T0" if i < (n + 1) // 2 else "T1"
        rows.append([f"P{i % ((n + 1) // 2):03d}", wave, *rng.integers(0, 5, 10).tolist()])
    return rows


def test_stale_dimension_tag_reads_every_row(tmp_path):
    from impact.io import read_responses

    path = _xlsx(tmp_path, _rows(55))
    _patch_sheet(path, b'<dimension ref="A1:L56" />', b'<dimension ref="A1:C9" />')
    frame = read_responses(path)
    assert len(frame) == 55 and "pss10_10" in frame.columns
    assert frame.index[-1] == 56


def test_formula_without_stored_value_names_the_cell(tmp_path, capsys):
    rows = _rows(6)
    rows[3][4] = "=1+1"  # openpyxl stores the formula without a cached result
    path = _xlsx(tmp_path, rows)
    assert main(["validate", str(path), "--protocol", str(_proto_pss(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "row 4, column 'E4'" in err and "cell E4 holds a formula (=1+1) without a stored " \
                                           "result" in err


def test_formula_with_stored_value_is_read(tmp_path):
    from impact.io import read_responses

    rows = _rows(6)
    rows[3][4] = "=1+1"
    path = _xlsx(tmp_path, rows)
    _patch_sheet(path, b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>")
    assert read_responses(path).loc[4, "pss10_3"] == 2


def _proto_pss(folder):
    path = folder / "p.yaml"
    path.write_text("title: x\nwaves: [T0, T1]\ninstruments: [pss10]\n"
                    "primary_outcome: pss10_score\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("value,fragment", [
    (True, "value 'True' is a TRUE/FALSE (yes/no) cell"),
    (pd.Timestamp("2026-01-02").to_pydatetime(), "is a date or time"),
])
def test_typed_cells_in_items_are_errors(tmp_path, capsys, value, fragment):
    rows = _rows(6)
    rows[2][3] = value
    path = _xlsx(tmp_path, rows)
    assert main(["validate", str(path), "--protocol", str(_proto_pss(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "row 3, column 'pss10_2'" in err and fragment in err


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#VALUE!"])
def test_excel_error_values_in_items_are_errors(tmp_path, capsys, error):
    rows = _rows(6)
    rows[2][5] = 0
    path = _xlsx(tmp_path, rows)
    # an error cell as Excel writes it: t="e" with the error text as value
    _patch_sheet(path, b'<c r="F3" t="n"><v>0</v></c>',
                 f'<c r="F3" t="e"><v>{error}</v></c>'.encode())
    assert main(["validate", str(path), "--protocol", str(_proto_pss(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "row 3, column 'pss10_4'" in err and f"value '{error}' is an Excel error value" in err


def test_csv_boolean_column_is_an_error(tmp_path, capsys):
    rows = _rows(6)
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    frame["pss10_5"] = ["TRUE", "FALSE"] * 3
    frame.to_csv(tmp_path / "d.csv", index=False)
    assert main(["validate", str(tmp_path / "d.csv"), "--protocol",
                 str(_proto_pss(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "row 2, column 'pss10_5'" in err and "TRUE/FALSE" in err


# ------------------------------------------------------------------------------------ limits
def test_xlsx_cell_limit(tmp_path, monkeypatch):
    from impact.errors import InputError
    from impact.io import read_responses, readers

    path = _xlsx(tmp_path, _rows(20))
    monkeypatch.setattr(readers, "MAX_XLSX_CELLS", 100)
    with pytest.raises(InputError, match="has more than 100 cells; save it as CSV"):
        read_responses(path)


def test_sav_column_limit(tmp_path, monkeypatch):
    import pyreadstat

    from impact.errors import InputError
    from impact.io import read_responses, readers

    rows = _rows(6)
    frame = pd.DataFrame(rows[1:], columns=rows[0]).assign(wave=lambda f: f.wave.map(
        {"T0": 1.0, "T1": 2.0}), participant_id=lambda f: f.participant_id.str[1:].astype(float))
    pyreadstat.write_sav(frame, str(tmp_path / "d.sav"))
    monkeypatch.setattr(readers, "MAX_COLUMNS", 5)
    with pytest.raises(InputError, match="has 12 variables; the limit is 5"):
        read_responses(tmp_path / "d.sav")


def test_reliability_reads_answer_labels(cohort, tmp_path, capsys):
    wide = C.wide_frame(cohort, labels=True)
    t0 = wide[["participant_id"] + [f"{c}_T0" for c in C.PSS]].rename(
        columns=lambda c: c.replace("_T0", ""))
    t0.insert(1, "wave", "T0")
    t0.to_csv(tmp_path / "t0.csv", index=False)
    assert main(["reliability", str(tmp_path / "t0.csv"), "--instrument", "pss10"]) == 0
    out = json.loads(capsys.readouterr().out)
    numeric = cohort[cohort.wave == "T0"].copy()
    numeric.to_csv(tmp_path / "n.csv", index=False)
    assert main(["reliability", str(tmp_path / "n.csv"), "--instrument", "pss10"]) == 0
    assert json.loads(capsys.readouterr().out)["alpha"] == out["alpha"]
