"""Builder of the hostile and messy input corpus (issue 13): every case made here, nothing binary
committed. tests/test_io_hostile.py runs the cases.

Each case gets an empty folder ``root`` with ``root/in`` (inputs and protocol), ``root/out`` (the
only place a command may write) and ``root/outside`` (files a hostile protocol points at, which
must stay untouched and whose content must never be echoed). A builder returns the argument list
of ``impact`` and, for accepted cases, a check of the numbers.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

PSS = [f"pss10_{k}" for k in range(1, 11)]
REVERSED = (4, 5, 7, 8)
PROTOCOL = """title: Corpus
waves: [T0, T1]
instruments: [pss10]
primary_outcome: pss10_score
"""
SECRET = "TOP-SECRET-LINE-do-not-echo"
NL = {0: "nooit", 1: "bijna nooit", 2: "soms", 3: "vaak", 4: "heel vaak"}
EN = {0: "never", 1: "almost never", 2: "sometimes", 3: "fairly often", 4: "very often"}


@dataclass
class Case:
    name: str
    build: Callable  # root -> argv (list) or (argv, check)
    code: int
    fragments: list = field(default_factory=list)
    subprocess: bool = False  # run the CLI in a child process (memory measured there)
    forbidden: list = field(default_factory=lambda: [SECRET])


def cohort(n: int = 12, seed: int = 7) -> pd.DataFrame:
    """Complete numeric answers: n participants at T0 and T1."""
    rng = np.random.default_rng(seed)
    rows = [[f"P{i + 1:03d}", wave, *rng.integers(0, 5, 10).tolist()]
            for wave in ("T0", "T1") for i in range(n)]
    return pd.DataFrame(rows, columns=["participant_id", "wave", *PSS])


def pss_score(frame) -> pd.Series:
    """PSS-10 sum computed here, independently of impact: items 4, 5, 7, 8 scored 4 - x."""
    items = frame[PSS].astype(float).copy()
    for k in REVERSED:
        items[f"pss10_{k}"] = 4 - items[f"pss10_{k}"]
    return items.sum(axis=1)


def expected_change(frame) -> float:
    scores = frame.assign(s=pss_score(frame)).pivot(index="participant_id", columns="wave",
                                                    values="s")
    return float((scores["T1"] - scores["T0"]).mean())


def write_protocol(root: Path, extra: str = "", text: str | None = None) -> Path:
    path = root / "in" / "protocol.yaml"
    path.write_text((PROTOCOL + extra) if text is None else text, encoding="utf-8")
    return path


def write_csv(frame, root: Path, name="data.csv", **kw) -> Path:
    path = root / "in" / name
    frame.to_csv(path, index=False, lineterminator="\n", **kw)
    return path


def outside_secret(root: Path, name="secret.yaml") -> Path:
    path = root / "outside" / name
    path.write_text(f"{SECRET}: 1\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return path


def validate(data, protocol, *extra):
    return ["validate", *([str(data)] if data is not None else []), "--protocol", str(protocol),
            *extra]


def analyse(data, protocol, root, *extra):
    return ["analyse", *([str(data)] if data is not None else []), "--protocol", str(protocol),
            "--output", str(root / "out" / "results.json"), *extra]


# ----------------------------------------------------------------------------------- checks
def results_check(frame, paired=None):
    """Check of an accepted analyse: paired count and the mean change of pss10_score."""
    want = expected_change(frame)
    n = frame["participant_id"].nunique() if paired is None else paired

    def check(root, out, err):
        res = json.loads((root / "out" / "results.json").read_text())
        row = next(r for r in res["outcomes"] if r["outcome"] == "pss10_score")
        assert row["n_paired"] == n, row
        assert abs(row["mean_change"] - want) < 1e-9, (row["mean_change"], want)
    return check


def flow_check(rows, enrolled):
    def check(root, out, err):
        assert f"valid: {rows} rows, {enrolled} participants" in out, out
    return check


# ---------------------------------------------------------------------------------- builders
def proto_case(extra="", text=None):
    def build(root):
        data = write_csv(cohort(), root)
        return validate(data, write_protocol(root, extra, text))
    return build


def yaml_bomb(levels=9, width=9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def bomb_protocol(root):
    data = write_csv(cohort(), root)
    return validate(data, write_protocol(root, text=PROTOCOL + "evidence:\n  x:\n" + "".join(
        "    " + line + "\n" for line in yaml_bomb().splitlines())))


def deep_protocol(root):
    data = write_csv(cohort(), root)
    return validate(data, write_protocol(root, text=PROTOCOL + "evidence: " + "[" * 5000
                                         + "]" * 5000 + "\n"))


def big_protocol(root):
    data = write_csv(cohort(), root)
    text = PROTOCOL + ("# " + "x" * 98 + "\n") * 52_000  # 5.2 MB of comments
    return validate(data, write_protocol(root, text=text))


def instrument_file(entry):
    """instrument_files: [entry] where entry may point outside the folder."""
    def build(root):
        secret = outside_secret(root)
        data = write_csv(cohort(), root)
        target = entry(root, secret)
        return validate(data, write_protocol(root, f"instrument_files: [{json.dumps(target)}]\n"))
    return build


def symlinked_instrument(root, secret):
    link = root / "in" / "eigen.yaml"
    link.symlink_to(secret)
    return "eigen.yaml"


def fifo_instrument(root, secret):
    os.mkfifo(root / "in" / "pipe.yaml")
    return "pipe.yaml"


def data_entry(value):
    def build(root):
        secret = outside_secret(root, "secret.csv")
        write_csv(cohort(), root)
        target = value(root, secret)
        return validate(None, write_protocol(root, f"data: {json.dumps(target)}\n"))
    return build


def many_items_instrument(root):
    (root / "in" / "groot.yaml").write_text("id: groot\nname: huge\nitems: 1000000\nmin: 0\n"
                                           "max: 4\n", encoding="utf-8")
    data = write_csv(cohort(), root)
    return validate(data, write_protocol(root, "instrument_files: [groot.yaml]\n"))


def bomb_instrument(root):
    (root / "in" / "bom.yaml").write_text("id: bom\nname: x\nitems: 3\nmin: 0\nmax: 4\n"
                                          "notes:\n" + "".join("  " + line + "\n" for line in
                                                               yaml_bomb().splitlines()),
                                          encoding="utf-8")
    data = write_csv(cohort(), root)
    return validate(data, write_protocol(root, "instrument_files: [bom.yaml]\n"))


def wide_columns_csv(root):
    path = root / "in" / "wide.csv"
    with open(path, "w", encoding="ascii") as handle:
        handle.write(",".join(["participant_id", "wave"] + [f"c{i}" for i in range(400_000)]))
        handle.write("\n")
        handle.write(",".join(["P1", "T0"] + ["1"] * 400_000) + "\n")
    return validate(path, write_protocol(root))


def one_line_csv(root):
    path = root / "in" / "line.csv"
    path.write_bytes(b"participant_id;wave;" + b"1;" * 2_500_000)
    return validate(path, write_protocol(root))


def many_rows_csv(root):
    """5 MB of short rows: 700,000 rows, each a new participant, items missing."""
    path = root / "in" / "rows.csv"
    with open(path, "w", encoding="ascii") as handle:
        handle.write("participant_id,wave\n")
        handle.writelines(f"{i:06d},T0\n" for i in range(700_000))
    return validate(path, write_protocol(root))


def random_bytes_csv(root):
    path = root / "in" / "random.csv"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 5_000_000, dtype=np.uint8)
                     .tobytes())
    return validate(path, write_protocol(root))


def xlsx_bomb(root):
    """A workbook of about 0.6 MB whose sheet unzips to more than the limit (520 MB)."""
    from openpyxl import Workbook

    path = root / "in" / "bomb.xlsx"
    Workbook().save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("xl/worksheets/sheet9.xml", "w", force_zip64=True) as entry:
            block = b" " * (1 << 24)
            for _ in range(31):
                entry.write(block)
    return validate(path, write_protocol(root))


def shared_strings_bomb(root):
    """A valid workbook whose shared-string table unzips to 60 MB (read whole by openpyxl)."""
    from openpyxl import Workbook

    path = root / "in" / "strings.xlsx"
    Workbook().save(path)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        text = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + \
            b"<si><t>" + b"x" * 60_000_000 + b"</t></si></sst>"
        dst.writestr("xl/sharedStrings.xml", text)
    tmp.replace(path)
    return validate(path, write_protocol(root))


def xlsx_raw(root, cells_xml: str, name="data.xlsx", dimension="A1:L25"):
    """A minimal workbook whose sheet XML is given (cells as another tool wrote them)."""
    path = root / "in" / name
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
             f'.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells_xml}'
             '</sheetData></worksheet>')
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas'
        '.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
        '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas'
        '.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
        '"xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/>'
        '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
        '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name_, text in parts.items():
            archive.writestr(name_, text)
    return path


def _col(j: int) -> str:
    name = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        name = chr(65 + rem) + name
    return name


def sheet_cells(frame, override=None) -> str:
    """<row> XML of a frame (header + rows); ``override[(row, col)] = raw <c> XML``."""
    override = override or {}
    out = []
    table = [list(frame.columns)] + frame.astype(object).values.tolist()
    for i, values in enumerate(table, start=1):
        cells = []
        for j, value in enumerate(values):
            ref = f"{_col(j)}{i}"
            if (i, j) in override:
                cells.append(override[(i, j)].format(ref=ref))
            elif isinstance(value, str):
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        out.append(f'<row r="{i}">{"".join(cells)}</row>')
    return "".join(out)


def xlsx_cell(xml):
    def build(root):
        path = xlsx_raw(root, sheet_cells(cohort(), {(3, 4): xml}))
        return validate(path, write_protocol(root))
    return build


def xlsx_stale(root):
    frame = cohort(n=28)  # 56 data rows; the dimension tag claims 9
    path = xlsx_raw(root, sheet_cells(frame), dimension="A1:C9")
    return analyse(path, write_protocol(root), root), results_check(frame)


def xlsx_many_columns(root):
    cells = "".join(f'<c r="{_col(j)}1"><v>{j}</v></c>' for j in range(6000))
    path = xlsx_raw(root, f'<row r="1">{cells}</row>', dimension="A1:B2")
    return validate(path, write_protocol(root))


def labelled(frame, table, style):
    out = frame.copy().astype(object)
    for c in PSS:
        out[c] = [{0: table[v], 1: table[v].upper(), 2: f"  {table[v].title()}\u00a0"}[style]
                  for v in frame[c]]
    return out


def labels_case(table, style, fmt="csv"):
    def build(root):
        frame = cohort()
        text = labelled(frame, table, style)
        if fmt == "csv":
            path = write_csv(text, root)
        else:
            path = root / "in" / "data.xlsx"
            text.to_excel(path, index=False)
        return analyse(path, write_protocol(root), root), results_check(frame)
    return build


def set_cell(row, column, value, fmt="csv", extra=""):
    def build(root):
        frame = cohort().astype(object)
        frame.loc[row, column] = value
        if fmt == "csv":
            path = write_csv(frame, root)
        else:
            path = root / "in" / "data.xlsx"
            frame.to_excel(path, index=False)
        return validate(path, write_protocol(root, extra))
    return build


def csv_booleans(root):
    frame = cohort().astype(object)
    frame["pss10_6"] = ["TRUE", "FALSE"] * 12
    return validate(write_csv(frame, root), write_protocol(root))


def sav_shifted(root):
    import pyreadstat

    frame = cohort()
    out = frame.copy()
    out[PSS] = out[PSS] + 1.0
    labels = {c: {k + 1.0: v for k, v in NL.items()} for c in PSS}
    path = root / "in" / "data.sav"
    pyreadstat.write_sav(out, str(path), variable_value_labels=labels)
    return analyse(path, write_protocol(root), root), results_check(frame)


def raw_file(name, content: bytes):
    def build(root):
        path = root / "in" / name
        path.write_bytes(content)
        return validate(path, write_protocol(root))
    return build


def utf16_csv(root):
    frame = cohort()
    path = root / "in" / "data.csv"
    path.write_bytes(frame.to_csv(index=False, sep="\t").encode("utf-16"))
    return analyse(path, write_protocol(root), root), results_check(frame)


def cp1252_csv(root):
    frame = cohort()
    frame["participant_id"] = [f"Zoë-{p}" for p in frame["participant_id"]]
    path = root / "in" / "data.csv"
    frame.to_csv(path, index=False, sep=";", encoding="cp1252")
    return analyse(path, write_protocol(root), root), results_check(frame)


INJECTIONS = ["=HYPERLINK(\"http://x\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def formula_ids(root):
    frame = cohort(n=6)
    frame["participant_id"] = INJECTIONS * 2
    path = write_csv(frame, root)
    out = root / "out" / "scores.csv"

    def check(root_, stdout, err):
        scores = pd.read_csv(out, dtype=str, keep_default_na=False)
        ids = set(scores["participant_id"])
        # formula starts get an apostrophe; a leading tab or CR is stripped from ids on reading
        assert ids == {"'=HYPERLINK(\"http://x\")", "'+31 6 1234", "'-2+3", "'@SUM(A1)", "TAB",
                       "CR"}, ids
        want = pss_score(cohort(n=6)).tolist()
        assert scores["pss10_score"].astype(float).tolist() == want
    return ["score", str(path), "--instrument", "pss10", "--output", str(out)], check


def duplicate_rows(root):
    frame = cohort()
    frame = pd.concat([frame, frame.iloc[[3]]], ignore_index=True)
    return validate(write_csv(frame, root), write_protocol(root))


def wide_case(mutate, extra="layout: wide\n"):
    def build(root):
        frame = cohort()
        wide = frame[frame.wave == "T0"][["participant_id"]].reset_index(drop=True)
        for wave in ("T0", "T1"):
            part = frame[frame.wave == wave].reset_index(drop=True)
            for c in PSS:
                wide[f"{c}_{wave}"] = part[c]
        wide = mutate(wide)
        return analyse(write_csv(wide, root), write_protocol(root, extra), root), \
            results_check(frame)
    return build


def wide_error(mutate, extra="layout: wide\n"):
    def build(root):
        argv, _ = wide_case(mutate, extra)(root)
        return argv
    return build


def per_wave(root):
    frame = cohort()
    frame[frame.wave == "T0"].drop(columns="wave").to_csv(root / "in" / "intake.csv",
                                                          index=False)
    labelled(frame[frame.wave == "T1"], NL, 1).drop(columns="wave").to_excel(
        root / "in" / "eind.xlsx", index=False)
    protocol = write_protocol(root, "data: {T0: intake.csv, T1: eind.xlsx}\n")
    return analyse(None, protocol, root), results_check(frame)


def cli_path(kind):
    def build(root):
        write_protocol(root)
        if kind == "fifo":
            target = root / "in" / "pipe.csv"
            os.mkfifo(target)
        elif kind == "folder":
            target = root / "in" / "map.csv"
            target.mkdir()
        else:
            target = Path("/dev/zero")
        return validate(target, root / "in" / "protocol.yaml")
    return build


# ------------------------------------------------------------------------------ output guards
def output_symlink(root):
    victim = root / "outside" / "victim.json"
    victim.write_text("keep me\n")
    (root / "out" / "results.json").symlink_to(victim)
    data = write_csv(cohort(), root)
    return analyse(data, write_protocol(root), root)


def output_under_symlinked_folder(root):
    (root / "out" / "link").symlink_to(root / "outside", target_is_directory=True)
    data = write_csv(cohort(), root)
    return ["analyse", str(data), "--protocol", str(write_protocol(root)), "--output",
            str(root / "out" / "link" / "results.json")]


def output_exists(force):
    def build(root):
        frame = cohort()
        (root / "out" / "results.json").write_text("{}\n")
        argv = analyse(write_csv(frame, root), write_protocol(root), root)
        return argv + ["--force"] if force else argv
    return build


def synth_into(setup, *flags):
    def build(root):
        setup(root / "out")
        return ["synth", "--programme", "kunst-op-recept", "--seed", "2", "--out",
                str(root / "out"), *flags]
    return build


def synth_check(root, out, err):
    frame = pd.read_csv(root / "out" / "responses.csv")
    assert len(frame) > 20 and {"participant_id", "wave"} <= set(frame.columns)


def _earlier_synth(out):
    from impact.cli import main

    assert main(["synth", "--programme", "in-beeld", "--out", str(out)]) == 0


def score_over_input(root):
    path = write_csv(cohort(), root)
    return ["score", str(path), "--instrument", "pss10", "--output", str(path), "--force"]


def report_foreign(root):
    (root / "out" / "eigen_notities.docx").write_text("mine")
    data = write_csv(cohort(), root)
    return ["report", str(data), "--protocol", str(write_protocol(root)), "--audience", "funder",
            "--out", str(root / "out")]


def qda_codebook_exists(root):
    src = root / "in" / "codebook.yaml"
    src.write_text("codes:\n  - {id: trots, nl: Trots, en: Pride}\n", encoding="utf-8")
    (root / "out" / "codebook.qdc").write_text("earlier\n")
    return ["qda", "codebook", str(src), "--out", str(root / "out" / "codebook.qdc")]


def agreement_symlink(root):
    codings = root / "in" / "codings.csv"
    codings.write_text("unit,coder,code\nQ1,A,x\nQ1,B,x\nQ2,A,y\nQ2,B,x\n", encoding="utf-8")
    victim = root / "outside" / "victim.csv"
    victim.write_text("keep\n")
    (root / "out" / "dis.csv").symlink_to(victim)
    return ["agreement", str(codings), "--n-boot", "0", "--disagreements",
            str(root / "out" / "dis.csv")]


E = 2
CASES = [
    # --- protocol: YAML limits and safety
    Case("yaml alias bomb", bomb_protocol, E, ["YAML too large", "more than 200,000 values once "
                                                                 "its aliases"], subprocess=True),
    Case("yaml nesting 5000 deep", deep_protocol, E, ["nesting deeper than 40 levels"],
         subprocess=True),
    Case("protocol of 5 MB", big_protocol, E, ["protocol is 5,", "bytes; the limit is 1,000,000"]),
    Case("yaml python object tag", proto_case(text=PROTOCOL + 'x: !!python/object/apply:os.system '
                                                              '["echo hi"]\n'),
         E, ["not valid YAML", "python/object/apply:os.system"]),
    Case("yaml key twice", proto_case("title: again\n"), E, ["key 'title' is given twice"]),
    Case("protocol empty", proto_case(text=""), E, ["must be a YAML mapping"]),
    Case("protocol not utf-8", lambda r: validate(write_csv(cohort(), r), _bytes_protocol(r)),
         E, ["protocol is not UTF-8 text"]),
    Case("protocol is a folder", lambda r: validate(write_csv(cohort(), r), _dir_protocol(r)),
         E, ["protocol is a folder"]),
    Case("5000 waves", proto_case(text=PROTOCOL.replace("[T0, T1]", "[" + ", ".join(
        f"W{i}" for i in range(5000)) + "]")), E, ["'waves' lists 5000 waves; the limit is 50"]),
    # --- protocol: values
    Case("seed -1", proto_case("seed: -1\n"), E, ["'seed' must be a whole number from 0", "-1",
                                                  "row 5"]),
    Case("seed 2**40", proto_case("seed: 1099511627776\n"), E, ["'seed' must be a whole number"]),
    Case("seed 1.5", proto_case("seed: 1.5\n"), E, ["'seed' must be a whole number, got float"]),
    Case("seed true", proto_case("seed: true\n"), E, ["'seed' must be a whole number, got bool"]),
    Case("sd .inf", proto_case("reliable_change:\n  pss10_score: {reliability: 0.8, sd: .inf}\n"),
         E, ["sd of 'pss10_score' must be a finite positive number, got inf"]),
    Case("sd .nan", proto_case("reliable_change:\n  pss10_score: {sd: .nan}\n"), E,
         ["must be a finite positive number, got nan"]),
    Case("sd negative", proto_case("reliable_change:\n  pss10_score: {sd: -6}\n"), E,
         ["must be a finite positive number, got -6"]),
    Case("reliability 1", proto_case("reliable_change:\n  pss10_score: {reliability: 1.0}\n"), E,
         ["reliability of 'pss10_score' must be between 0 and 1, got 1.0"]),
    Case("reliability .nan", proto_case("reliable_change:\n  pss10_score: {reliability: .nan}\n"),
         E, ["reliability of 'pss10_score' must be between 0 and 1, got nan"]),
    Case("min_cell_size 0", proto_case("min_cell_size: 0\n"), E, ["'min_cell_size' must be at "
                                                                  "least 1"]),
    Case("layout diagonal", proto_case("layout: diagonal\n"), E, ["'layout' must be long or wide"]),
    Case("wave_pattern without wave", proto_case('layout: wide\nwave_pattern: "{item}_x"\n'), E,
         ["'wave_pattern' must contain {item} and {wave}"]),
    Case("answer_labels unknown instrument", proto_case("answer_labels: {who5: {ja: 1}}\n"), E,
         ["answer_labels names 'who5', which is not one of the protocol's instruments"]),
    Case("answer_labels label with two codes", proto_case(
        "answer_labels: {pss10: {0: [nee, Nee ], 1: NEE}}\n"), E,
         ["label 'NEE' is given codes 0 and 1"]),
    Case("data for unknown wave", proto_case("data: {T0: a.csv, T9: b.csv}\n"), E,
         ["'data' names wave 'T9'"]),
    # --- protocol paths
    Case("instrument file absolute outside", instrument_file(lambda r, s: str(s)), E,
         ["instrument file", "lies outside the protocol's folder"]),
    Case("instrument file /etc/passwd", instrument_file(lambda r, s: "/etc/passwd"), E,
         ["'/etc/passwd' lies outside the protocol's folder"], forbidden=[SECRET, "root:x:0"]),
    Case("instrument file ../ escape", instrument_file(lambda r, s: "../outside/secret.yaml"), E,
         ["lies outside the protocol's folder"]),
    Case("instrument file symlink out", instrument_file(symlinked_instrument), E,
         ["'eigen.yaml' lies outside the protocol's folder"]),
    Case("instrument file /dev/zero", instrument_file(lambda r, s: "/dev/zero"), E,
         ["'/dev/zero' lies outside"], subprocess=True),
    Case("instrument file fifo", instrument_file(fifo_instrument), E,
         ["'pipe.yaml' is not a regular file"]),
    Case("instrument file missing", instrument_file(lambda r, s: "nope.yaml"), E,
         ["instrument file 'nope.yaml' does not exist"]),
    Case("instrument 1,000,000 items", many_items_instrument, E,
         ["'items' is 1000000; an instrument has at most 500 items"]),
    Case("instrument yaml bomb", bomb_instrument, E, ["bom.yaml", "YAML too large"]),
    Case("data: ../ escape", data_entry(lambda r, s: "../outside/secret.csv"), E,
         ["response file '../outside/secret.csv' lies outside"]),
    Case("data: /etc/passwd per wave", data_entry(lambda r, s: {"T0": "/etc/passwd",
                                                                "T1": "data.csv"}), E,
         ["'/etc/passwd' lies outside"], forbidden=[SECRET, "root:x:0"]),
    Case("data: /dev/zero", data_entry(lambda r, s: "/dev/zero"), E, ["'/dev/zero' lies outside"],
         subprocess=True),
    Case("data: missing", data_entry(lambda r, s: "weg.csv"), E,
         ["response file 'weg.csv' does not exist"]),
    Case("no data anywhere", lambda r: validate(None, write_protocol(r)), E,
         ["no response data: name the response file on the command line or under 'data'"]),
    # --- response files: limits
    Case("csv 400,000 columns", wide_columns_csv, E,
         ["the header has 400,002 columns; the limit is 5,000"], subprocess=True),
    Case("csv 5 MB single line", one_line_csv, E, ["columns; the limit is 5,000"],
         subprocess=True),
    Case("csv 5 MB random bytes", random_bytes_csv, E, ["binary data"], subprocess=True),
    Case("csv 5 MB of 700,000 short rows", many_rows_csv, E,
         ["instrument pss10 needs column(s) pss10_1"], subprocess=True),
    Case("xlsx zip bomb", xlsx_bomb, E, ["the workbook unzips to", "the limit is 500,000,000"],
         subprocess=True),
    Case("xlsx shared-strings bomb", shared_strings_bomb, E,
         ["part xl/sharedStrings.xml unzips to 60,", "the limit is 50,000,000"], subprocess=True),
    Case("xlsx 6000 columns", xlsx_many_columns, E, ["has 6,000 columns; the limit is 5,000"]),
    Case("csv that is a zip", raw_file("data.csv", b"PK\x03\x04" + b"\x00" * 200), E,
         ["binary data"]),
    Case("corrupt sav", raw_file("data.sav", b"$FL2" + b"\x01" * 300), E,
         ["cannot be read as an SPSS .sav file"]),
    Case("corrupt xlsx", raw_file("data.xlsx", b"PK\x03\x04 not a workbook" * 10), E,
         ["cannot be opened as an Excel workbook"]),
    Case("response path is /dev/zero", cli_path("device"), E,
         ["not a regular file (a device, pipe or socket)"], subprocess=True),
    Case("response path is a fifo", cli_path("fifo"), E, ["not a regular file"]),
    Case("response path is a folder", cli_path("folder"), E, ["is a folder, not a file"]),
    # --- Excel read exactly
    Case("xlsx stale dimension tag", xlsx_stale, 0),
    Case("xlsx formula without value", xlsx_cell('<c r="{ref}"><f>SUM(C3:D3)</f></c>'), E,
         ["cell E3 holds a formula (=SUM(C3:D3)) without a stored result"]),
    Case("xlsx boolean in item", xlsx_cell('<c r="{ref}" t="b"><v>1</v></c>'), E,
         ["row 3, column 'pss10_3'", "value 'True' is a TRUE/FALSE"]),
    Case("xlsx #DIV/0! in item", xlsx_cell('<c r="{ref}" t="e"><v>#DIV/0!</v></c>'), E,
         ["row 3, column 'pss10_3'", "'#DIV/0!' is an Excel error value"]),
    Case("xlsx #N/A in item", xlsx_cell('<c r="{ref}" t="e"><v>#N/A</v></c>'), E,
         ["row 3, column 'pss10_3'", "'#N/A' is an Excel error value"]),
    Case("xlsx date in item", set_cell(4, "pss10_2", pd.Timestamp("2026-05-01"), fmt="xlsx"), E,
         ["row 6, column 'pss10_2'", "is a date or time"]),
    Case("csv TRUE/FALSE column", csv_booleans, E, ["column 'pss10_6'", "TRUE/FALSE"]),
    # --- labels
    Case("dutch labels lower case", labels_case(NL, 0), 0),
    Case("dutch labels upper case xlsx", labels_case(NL, 1, fmt="xlsx"), 0),
    Case("english labels, spaces and nbsp", labels_case(EN, 2), 0),
    Case("unknown label", set_cell(3, "pss10_9", "regelmatig"), E,
         ["row 5, column 'pss10_9'", "'regelmatig' is not a known answer label of pss10",
          "known labels: 0 = nooit; 1 = bijna nooit"]),
    Case("protocol label for own form", lambda r: _own_labels(r), 0),
    Case("sav value labels, codes 1-5", sav_shifted, 0),
    # --- encodings, ids
    Case("utf-16 tab separated", utf16_csv, 0),
    Case("cp1252 semicolon with ë", cp1252_csv, 0),
    Case("formula-like ids in score csv", formula_ids, 0),
    Case("duplicate participant x wave", duplicate_rows, E, ["row 26", "first at row 5"]),
    # --- layouts
    Case("wide layout", wide_case(lambda w: w), 0),
    Case("wide, column of an unknown wave", wide_error(lambda w: w.assign(pss10_1_T5=1)), E,
         ["column 'pss10_1_T5' names wave 'T5'"]),
    Case("wide, no column matches", wide_error(lambda w: w.rename(
        columns=lambda c: c.replace("_T", "-T"))), E, ["no item column matches the wave_pattern"]),
    Case("per-wave files, labels in one", per_wave, 0),
    # --- outputs
    Case("--output is a symlink", output_symlink, E, ["is a symbolic link"]),
    Case("--output under symlinked folder", output_under_symlinked_folder, E,
         ["lies under a symbolic link"]),
    Case("--output exists", output_exists(False), E, ["the output file exists; use --force"]),
    Case("--output exists, not impact's, --force", output_exists(True), E,
         ["impact did not write it"]),
    Case("synth into a data folder", synth_into(lambda o: (o / "mijn_data.csv").write_text("x")),
         E, ["holds files impact did not write (mijn_data.csv)"]),
    Case("synth into a data folder, --force", synth_into(
        lambda o: (o / "mijn_data.csv").write_text("x"), "--force"), E,
         ["holds files impact did not write (mijn_data.csv)"]),
    Case("synth over a look-alike of synth output", synth_into(
        lambda o: (o / "truth.json").write_text("{}"), "--force"), E,
         ["holds files impact did not write (truth.json)"]),
    Case("synth over earlier synth", synth_into(_earlier_synth), E,
         ["output of an earlier run", "use --force"]),
    Case("synth over earlier synth, --force", synth_into(_earlier_synth, "--force"), 0),
    Case("synth --out symlink", lambda r: _synth_symlink(r), E, ["symbolic link"]),
    Case("score --output = input", score_over_input, E, ["would overwrite an input file"]),
    Case("report --out with other files", report_foreign, E,
         ["holds files impact did not write (eigen_notities.docx)"]),
    Case("qda codebook --out exists", qda_codebook_exists, E, ["exists; use --force"]),
    Case("agreement --disagreements symlink", agreement_symlink, E, ["is a symbolic link"]),
]

CHECKS_SYNTH = {"synth over earlier synth, --force": synth_check}


def _bytes_protocol(root):
    path = root / "in" / "protocol.yaml"
    path.write_bytes(b"title: \xff\xfe\x00 caf\xe9\n")
    return path


def _dir_protocol(root):
    path = root / "in" / "protocol.yaml"
    path.mkdir()
    return path


def _own_labels(root):
    """In Beeld's own form: labels the PSS-10 file does not know, given in the protocol."""
    frame = cohort()
    own = {0: "helemaal niet", 1: "een beetje", 2: "redelijk", 3: "behoorlijk", 4: "heel erg"}
    text = labelled(frame, own, 0)
    protocol = write_protocol(root, "answer_labels:\n  pss10: {" + ", ".join(
        f'"{v}": {k}' for k, v in own.items()) + "}\n")
    return analyse(write_csv(text, root), protocol, root), results_check(frame)


def _synth_symlink(root):
    (root / "out" / "cohort").symlink_to(root / "outside", target_is_directory=True)
    return ["synth", "--programme", "kunst-op-recept", "--out", str(root / "out" / "cohort")]
