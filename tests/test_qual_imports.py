"""Imports of real QDA exports: QualCoder 3.0-3.8, Taguette, qc (old and new), REFI-QDA projects
and codebooks from ATLAS.ti 9 and 23+; verbatim codebook round trips; hostile archives.

Fixtures in tests/fixtures/qda were produced by running Taguette 1.5.2 and qc 1.7.8 / 0.2.3
(make_taguette.py, make_qc.py) and by QualCoder's own writer code (make_qualcoder.py)."""

import sys
import zipfile
from pathlib import Path
from xml.etree.ElementTree import canonicalize

import pytest

from impact.errors import InputError
from impact.qual import load_codebook, read_qdc, read_qdpx
from impact.qual.imports import detect_export, read_export
from tests.conftest import run_cli

QDA = Path(__file__).parent / "fixtures" / "qda"
P1 = "Nu heb ik weer vriendinnen in de groep."
EQ = "=Mooi was het, maar zwaar."
RUG = "Mijn rug deed pijn\nna de les."


def _triples(q, c):
    text = dict(zip(q["quote_id"], q["text"]))
    return sorted((text[u], coder, code) for u, coder, code in c[["unit", "coder", "code"]].values)


def _nesting(cb):
    return {code.id: code.parent for code in cb}


QC_NESTING = {"welzijn": None, "sociaal": "welzijn", "contact": "sociaal", "zingeving": "welzijn",
              "lichaam": None}


@pytest.mark.parametrize("name", ["qualcoder35_codings.xlsx", "qualcoder38_file.csv",
                                  "qualcoder38_file.xlsx", "qualcoder38_case_vars.csv",
                                  "qualcoder38_case_vars.xlsx", "qualcoder38_file_vars.csv",
                                  "qualcoder38_file_vars.xlsx"])
def test_qualcoder_long_layouts(name):
    assert detect_export(QDA / name) == "qualcoder"
    q, c, cb = read_export(QDA / name)
    assert _triples(q, c) == sorted([(P1, "ana", "contact"), (P1, "bert", "contact"),
                                     (EQ, "ana", "zingeving"), (RUG, "ana", "lichaam")])
    assert _nesting(cb) == QC_NESTING                       # Category columns, leaf first
    assert sorted(q["text"]) == sorted([P1, EQ, RUG])      # '=' text kept, exact text
    if "case" in name:
        assert sorted(q["participant_id"]) == ["P001", "P002", "P002"]
        assert dict(zip(q["text"], q["wave"])) == {P1: "T1", EQ: "T0", RUG: "T0"}
        assert set(q["document"]) == {"interview_P001.txt", "interview_P002.txt"}
    else:
        assert set(q["participant_id"]) == {"interview_P001.txt", "interview_P002.txt"}


def test_qualcoder_35_matrix_csv():
    q, c, cb = read_export(QDA / "qualcoder35_codings.csv", coder="ana")
    assert _triples(q, c) == sorted([(P1, "ana", "contact"), (EQ, "ana", "zingeving"),
                                     (RUG, "ana", "lichaam")])
    assert dict(zip(q["text"], q["document"]))[RUG] == "interview_P002.txt"


@pytest.mark.parametrize("name", ["taguette_highlights.csv", "taguette_highlights.xlsx"])
def test_taguette(name):
    assert detect_export(QDA / name) == "taguette"
    q, c, cb = read_export(QDA / name, coder="ana")
    assert _triples(q, c) == sorted([
        (P1, "ana", "sociaal contact"),
        ("Het schilderen geeft me rust in mijn hoofd.", "ana", "mentaal welbevinden"),
        ("Het schilderen geeft me rust in mijn hoofd.", "ana", "zingeving"),
        (EQ, "ana", "mentaal welbevinden"), ("Mijn rug deed pijn na de les.", "ana", "lichaam")])
    assert sorted(cb.ids()) == ["lichaam", "mentaal welbevinden", "sociaal contact", "zingeving"]


def test_taguette_codebook_round_trip():
    src = QDA / "taguette_codebook.qdc"
    cb = read_qdc(src)
    assert canonicalize(cb.to_qdc(), strip_text=True) == canonicalize(
        from_file=str(src), strip_text=True)


@pytest.mark.parametrize("folder,nesting", [
    ("qc_new", {"welzijn": None, "mentaal": "welzijn", "zingeving": "welzijn",
                "sociaal_contact": None}),
    ("qc_old", {"mentaal": None, "sociaal_contact": None, "zingeving": None})])
def test_qc_projects(folder, nesting):
    assert detect_export(QDA / folder) == "qc"
    q, c, cb = read_export(QDA / folder)
    assert _triples(q, c) == sorted([
        (P1, "ana", "sociaal_contact"), (P1, "bert", "sociaal_contact"),
        ("Het schilderen geeft me rust in mijn hoofd.", "ana", "mentaal"),
        ("Het schilderen geeft me rust in mijn hoofd.", "ana", "zingeving"),
        (EQ, "bert", "mentaal")])
    assert _nesting(cb) == nesting
    assert set(q["participant_id"]) == {"interview_P001"}


def test_qc_refi_export():
    """qc 1.7.8's own REFI-QDA export of the qc_new project: the same codings, exact ranges."""
    assert detect_export(QDA / "qc_export.qdpx") == "refi"
    q, c, cb = read_export(QDA / "qc_export.qdpx")
    assert _triples(q, c) == sorted([
        (P1 + "\n", "ana", "sociaal_contact"), (P1 + "\n", "bert", "sociaal_contact"),
        ("Het schilderen geeft me rust in mijn hoofd.\n", "ana", "mentaal"),
        ("Het schilderen geeft me rust in mijn hoofd.\n", "ana", "zingeving"),
        (EQ + "\n", "bert", "mentaal")])
    assert list(zip(q["start"], q["end"])) == [(46, 86), (86, 130), (130, 157)]
    assert _nesting(cb) == {"sociaal_contact": None, "welzijn": None, "mentaal": "welzijn",
                            "zingeving": "welzijn"}


def _project(tmp_path, qde_name="Kunst op Recept.qde"):
    qde = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="KoR" origin="MAXQDA 24">
 <Users><User guid="U1" name="Ana"/><User guid="U2" name="Bert"/></Users>
 <CodeBook><Codes>
  <Code guid="C1" name="Welzijn" isCodable="true" color="#112233">
   <Code guid="C2" name="Rust" isCodable="true"/></Code>
  <Code guid="C3" name="Contact" isCodable="true"/></Codes></CodeBook>
 <Sources>
  <TextSource guid="S1" name="interview P001" plainTextPath="internal://S1.txt">
   <PlainTextSelection guid="Q1" startPosition="0" endPosition="12" creatingUser="U1">
    <Coding guid="K1" creatingUser="U1"><CodeRef targetGUID="C2"/></Coding>
    <Coding guid="K2" creatingUser="U2"><CodeRef targetGUID="C2"/></Coding></PlainTextSelection>
   <PlainTextSelection guid="Q2" startPosition="12" endPosition="33" creatingUser="U2">
    <Coding guid="K3" creatingUser="U2"><CodeRef targetGUID="C3"/></Coding></PlainTextSelection>
  </TextSource></Sources>
</Project>"""
    p = tmp_path / "project.qdpx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr(qde_name, qde)
        zf.writestr("sources/S1.txt", " Rust, echt. Ik zie weer mensen. ")
    return p


def test_project_with_other_qde_name(tmp_path):
    q, c, cb = read_qdpx(_project(tmp_path))
    assert list(q["text"]) == [" Rust, echt.", " Ik zie weer mensen. "]   # exact range
    assert [(s, e) for s, e in zip(q["start"], q["end"])] == [(0, 12), (12, 33)]
    assert all(len(t) == e - s for t, s, e in zip(q["text"], q["start"], q["end"]))
    assert _triples(q, c) == sorted([(" Rust, echt.", "Ana", "Rust"),
                                     (" Rust, echt.", "Bert", "Rust"),
                                     (" Ik zie weer mensen. ", "Bert", "Contact")])
    assert _nesting(cb) == {"Welzijn": None, "Rust": "Welzijn", "Contact": None}
    out = tmp_path / "out"
    proc = run_cli("qda", "import", tmp_path / "project.qdpx", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert (out / "quotes.csv").is_file() and (out / "codings.csv").is_file()


@pytest.mark.parametrize("name,ns", [("atlasti9_codebook.qdc", "urn:QDA-XML:codebook:0:4"),
                                     ("atlasti23_codebook.qdc", "urn:QDA-XML:codebook:1.0")])
def test_atlasti_codebooks_and_verbatim_round_trip(tmp_path, name, ns):
    src = QDA / name
    cb = load_codebook(src)
    if "9" in name:
        assert _nesting(cb) == {"Welbevinden": None, "Rust": "Welbevinden",
                                "Trots": "Welbevinden", "Sociaal contact": None}
        # an 'Example:' line is description, not a field, and swallows nothing
        assert cb["Welbevinden"].description.endswith("Dit is geen veld maar gewoon de volgende "
                                                      "regel.")
        assert cb["Welbevinden"].example == "" and cb["Sociaal contact"].codable is False
        assert cb["Sociaal contact"].id == "Sociaal contact"        # 'Id:' line is not ours
    else:
        assert _nesting(cb) == {"Zingeving": None, "Iets om naar uit te kijken": "Zingeving",
                                "Lichaam": None}
    assert cb.refi["namespace"] == ns
    # .qdc -> .qdc, and .qdc -> YAML -> .qdc, identical as canonical XML
    out = tmp_path / "out.qdc"
    assert run_cli("qda", "codebook", src, "--out", out).returncode == 0
    yml, out2 = tmp_path / "cb.yaml", tmp_path / "out2.qdc"
    assert run_cli("qda", "codebook", src, "--out", yml).returncode == 0
    assert run_cli("qda", "codebook", yml, "--out", out2).returncode == 0
    want = canonicalize(from_file=str(src), strip_text=True)
    assert canonicalize(from_file=str(out), strip_text=True) == want
    assert canonicalize(from_file=str(out2), strip_text=True) == want
    for marker in ("Label nl:", "Label en:", "Id:"):                 # nothing of ours added
        assert out.read_text("utf-8").count(marker) == src.read_text("utf-8").count(marker)


def test_impact_codebook_multiline_example_round_trip():
    from impact.qual.codebook import Code, Codebook

    cb = Codebook([Code(id="a", label={"nl": "A", "en": "A"}, description="Vrij.\nTweede regel",
                        example="regel een\nregel twee", inclusion="x")])
    back = read_qdc(cb.to_qdc())
    assert back["a"].example == "regel een\nregel twee" and back["a"].inclusion == "x"
    assert back["a"].description == "Vrij.\nTweede regel"


# ---- hostile input: exit 2, bounded memory ------------------------------------------------------

_BOMB = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
         + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
                   for i in range(1, 10)) + ']>\n<Project xmlns="urn:QDA-XML:project:1.0">'
         '&lol9;</Project>')


def _limited_cli(*args):
    """Run the CLI with its address space limited to 1.5 GB (an entity bomb would need more)."""
    import resource
    import subprocess

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))

    return subprocess.run([sys.executable, "-m", "impact", *map(str, args)], capture_output=True,
                          text=True, preexec_fn=limit, timeout=120)


def _zip(tmp_path, members, name="h.qdpx"):
    p = tmp_path / name
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return p


def test_utf16_entity_bomb_is_refused(tmp_path):
    p = _zip(tmp_path, {"project.qde": _BOMB.replace("&lol0;", "lol").encode("utf-16")})
    proc = _limited_cli("qda", "import", p, "--out", tmp_path / "o")
    assert proc.returncode == 2 and "DOCTYPE" in proc.stderr and "Traceback" not in proc.stderr
    qdc = tmp_path / "bomb.qdc"
    qdc.write_bytes(_BOMB.replace("Project", "CodeBook").encode("utf-16"))
    with pytest.raises(InputError, match="DOCTYPE"):
        read_qdc(qdc)


def test_late_doctype_is_refused(tmp_path):
    xml = ('<?xml version="1.0"?>\n<!--' + "x" * 10000 + '-->\n<!DOCTYPE p [<!ENTITY a "b">]>'
           '<Project xmlns="urn:QDA-XML:project:1.0">&a;</Project>')
    p = _zip(tmp_path, {"project.qde": xml})
    proc = _limited_cli("qda", "import", p, "--out", tmp_path / "o")
    assert proc.returncode == 2 and "DOCTYPE" in proc.stderr


def test_bad_crc_and_truncated_member(tmp_path):
    good = _project(tmp_path)
    data = bytearray(good.read_bytes())
    # flip a byte inside the compressed/stored data of the first member -> CRC mismatch
    with zipfile.ZipFile(good) as zf:
        info = zf.infolist()[0]
    off = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    data[off] ^= 0xFF
    bad = tmp_path / "badcrc.qdpx"
    bad.write_bytes(bytes(data))
    proc = run_cli("qda", "import", bad, "--out", tmp_path / "o1")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "damaged" in proc.stderr or "not well-formed" in proc.stderr
    truncated = tmp_path / "trunc.qdpx"
    truncated.write_bytes(good.read_bytes()[:200])
    proc = run_cli("qda", "import", truncated, "--out", tmp_path / "o2")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "ZIP" in proc.stderr


def test_zip_bomb_member_is_bounded(tmp_path):
    from impact.qual.refi import read_member

    p = _zip(tmp_path, {"big.txt": b"\0" * (8 * 2**20)})
    with zipfile.ZipFile(p) as zf:
        with pytest.raises(InputError, match="more than"):
            read_member(zf, "big.txt", str(p), limit=2**20)


def test_unknown_export_names_from(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    proc = run_cli("qda", "import", p, "--out", tmp_path / "o")
    assert proc.returncode == 2 and "--from" in proc.stderr
