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


# ---- issue 25: hostile files, each exit 2 within 30 s and 1 GB, no traceback, nothing written --

def _hostile(tmp_path, target, *words):
    import time

    out = tmp_path / "out"
    before = sorted(p.name for p in tmp_path.iterdir())
    start = time.monotonic()
    proc = _limited_cli1g("qda", "import", target, "--out", out)
    took = time.monotonic() - start
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and took < 30, (took, proc.stderr)
    assert all(w in proc.stderr for w in words), proc.stderr
    assert not (out / "quotes.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "out") == before
    return proc


def _limited_cli1g(*args):
    """The CLI with its address space limited to 1 GB (the issue's bound)."""
    import resource
    import subprocess

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1024 * 2**20, 1024 * 2**20))

    return subprocess.run([sys.executable, "-m", "impact", *map(str, args)], capture_output=True,
                          text=True, preexec_fn=limit, timeout=60)


def _qc_project(tmp_path, settings, db=None):
    proj = tmp_path / "qc"
    (proj / "corpus").mkdir(parents=True)
    (proj / "corpus" / "a.txt").write_text("een\ntwee\n", encoding="utf-8")
    (proj / "settings.yaml").write_text(settings, encoding="utf-8")
    if db is not None:
        import sqlite3

        con = sqlite3.connect(proj / "qc.sqlite3")
        con.executescript(db)
        con.commit()
        con.close()
    return proj


def test_qc_database_with_an_endless_view(tmp_path):
    """A qc database whose coded_line is a view over an endless recursive query: refused as a
    view before anything runs; and a query that does run endlessly stops at the time budget."""
    endless = ("CREATE VIEW coded_line AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
               "SELECT x + 1 FROM n) SELECT x AS id, x AS line, 'a' AS coder_id, "
               "randomblob(1000) AS code_id FROM n ORDER BY code_id;"
               "CREATE TABLE coded_line_location_association (coded_line_id, location_id);"
               "CREATE TABLE location (id, document_index_id);"
               "CREATE TABLE document_index (id, document_id);")
    proj = _qc_project(tmp_path, "corpus_dir: corpus\ndatabase: qc.sqlite3\n", endless)
    _hostile(tmp_path, proj, "view", "qc.sqlite3")

    import time

    from impact.qual.imports import fetch_limited, open_sqlite

    start = time.monotonic()
    with pytest.raises(InputError, match="time budget|memory budget"):
        with open_sqlite(proj / "qc.sqlite3", "the qc database", seconds=1) as con:
            fetch_limited(con, "SELECT count(*) FROM coded_line", proj / "qc.sqlite3", "x")
    assert time.monotonic() - start < 10


def test_qc_settings_alias_bomb(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi")) + "corpus_dir: corpus\ncodes_dir: codes\n"
    proj = _qc_project(tmp_path, bomb)
    _hostile(tmp_path, proj, "settings.yaml", "aliases")


def test_deeply_nested_codes(tmp_path):
    depth = 200_000
    qde = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0">'
           "<CodeBook><Codes>" + "".join(f'<Code guid="g{i}" name="c{i}">' for i in range(depth))
           + "</Code>" * depth + "</Codes></CodeBook></Project>")
    p = _zip(tmp_path, {"project.qde": qde})
    _hostile(tmp_path, p, "nested deeper than")


def test_two_project_files(tmp_path):
    p = _project(tmp_path, qde_name="project.qde")
    with zipfile.ZipFile(p, "a") as zf, pytest.warns(UserWarning):
        zf.writestr("project.qde", "<Project xmlns='urn:QDA-XML:project:1.0'/>")
    _hostile(tmp_path, p, "more than once")
    p2 = _zip(tmp_path, {"project.qde": "<x/>", "copy/other.qde": "<x/>"}, name="two.qdpx")
    _hostile(tmp_path, p2, "exactly one .qde")


def test_huge_attribute(tmp_path):
    qde = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0">'
           '<CodeBook><Codes><Code guid="g" name="' + "x" * (60 * 2**20) + '"/></Codes>'
           "</CodeBook></Project>")
    p = _zip(tmp_path, {"project.qde": qde})
    _hostile(tmp_path, p, "attribute")


def test_an_sqlite_file_that_is_no_qualcoder_project(tmp_path):
    import sqlite3

    p = tmp_path / "notes.db"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE recipes (name TEXT, body BLOB)")
    con.execute("INSERT INTO recipes VALUES ('soep', ?)", (bytes(range(256)),))
    con.commit()
    con.close()
    _hostile(tmp_path, p, "not a QualCoder project", "recipes")


# ---- memos, set-aside codings, QualCoder projects, qc 1.3, foreign-code edits ------------------

def _qualcoder_project(path):
    """A database with QualCoder 3's tables and columns (docs: 13-Sqlite-data-structure)."""
    import sqlite3

    con = sqlite3.connect(path)
    con.executescript("""
      CREATE TABLE source (id integer primary key, name text, fulltext text, mediapath text,
                           memo text, owner text, date text);
      CREATE TABLE code_cat (catid integer primary key, name text, owner text, date text,
                             memo text, supercatid integer);
      CREATE TABLE code_name (cid integer primary key, name text, memo text, owner text,
                              date text, catid integer, color text);
      CREATE TABLE code_text (ctid integer primary key, cid integer, fid integer, seltext text,
                              pos0 integer, pos1 integer, owner text, date text, memo text);
      CREATE TABLE code_image (imid integer primary key, id integer, cid integer, memo text);
      CREATE TABLE code_av (avid integer primary key, id integer, cid integer, memo text);
      CREATE TABLE cases (caseid integer primary key, name text);
      CREATE TABLE case_text (id integer primary key, caseid integer, fid integer);
      INSERT INTO source VALUES (1, 'interview_P001.txt', 'Nu heb ik weer vriendinnen.', NULL,
                                 '', 'ana', '');
      INSERT INTO source VALUES (2, 'foto.png', NULL, '/images/foto.png', '', 'ana', '');
      INSERT INTO code_cat VALUES (1, 'welzijn', 'ana', '', '', NULL);
      INSERT INTO code_name VALUES (1, 'contact', 'Sociaal contact in en buiten de groep', 'ana',
                                    '', 1, '#aabbcc');
      INSERT INTO code_text VALUES (1, 1, 1, 'Nu heb ik weer vriendinnen.', 0, 27, 'ana', '',
                                    'kern van het interview');
      INSERT INTO code_text VALUES (2, 1, 1, 'Nu heb ik weer vriendinnen.', 0, 27, 'bert', '', '');
      INSERT INTO code_image VALUES (1, 2, 1, '');
      INSERT INTO code_av VALUES (1, 2, 1, ''), (2, 2, 1, '');
      INSERT INTO cases VALUES (1, 'P001');
      INSERT INTO case_text VALUES (1, 1, 1);
    """)
    con.commit()
    con.close()
    return path


def test_qualcoder_project_database(tmp_path):
    db = _qualcoder_project(tmp_path / "data.qda")
    before = db.read_bytes()
    q, c, cb = read_export(db)
    assert q[["participant_id", "text"]].values.tolist() == [["P001",
                                                              "Nu heb ik weer vriendinnen."]]
    assert c[["coder", "code", "memo"]].values.tolist() == [
        ["ana", "contact", "kern van het interview"], ["bert", "contact", None]]
    assert _nesting(cb) == {"welzijn": None, "contact": "welzijn"}
    assert cb["contact"].description == "Sociaal contact in en buiten de groep"
    assert c.attrs["set_aside"] == {"image codings": 1, "audio/video codings": 2}
    proc = run_cli("qda", "import", db, "--out", tmp_path / "o")
    assert proc.returncode == 0, proc.stderr
    assert "set aside (not imported): image codings: 1, audio/video codings: 2" in proc.stdout
    assert "1 coding memos" in proc.stdout and "1 code descriptions" in proc.stdout
    assert db.read_bytes() == before                      # read-only: never touched
    # round trip: the memo survives codings.csv, the code memo codebook.yaml and the .qdc
    from impact.qual import read_codings

    back = read_codings(tmp_path / "o" / "codings.csv")
    assert back["memo"].dropna().tolist() == ["kern van het interview"]
    qdc = load_codebook(tmp_path / "o" / "codebook.yaml").to_qdc()
    assert "Sociaal contact in en buiten de groep" in qdc


def test_qualcoder_report_memos_and_image_codings(tmp_path):
    import pandas as pd

    frame = pd.DataFrame({"File": ["a.txt", "a.txt", "foto.png"], "Coder": ["ana", "bert", "ana"],
                          "Coded": ["Ik ben trots.", "Ik ben trots.", "image"],
                          "Id": ["ctid:1", "ctid:2", "imid:1"],
                          "Codename": ["trots", "trots", "trots"],
                          "Coded_Memo": ["mooi voorbeeld", "", ""]})
    p = tmp_path / "report.xlsx"
    frame.to_excel(p, index=False)
    q, c, _ = read_export(p)
    assert c[["coder", "memo"]].values.tolist() == [["ana", "mooi voorbeeld"], ["bert", None]]
    assert c.attrs["set_aside"] == {"image codings": 1}


def test_refi_memos_notes_and_picture_codings(tmp_path):
    qde = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="memo">
 <Users><User guid="U1" name="Ana"/></Users>
 <CodeBook><Codes><Code guid="C1" name="Rust" isCodable="true">
   <Description>Rust in het hoofd</Description></Code></Codes></CodeBook>
 <Sources>
  <TextSource guid="S1" name="P001" plainTextPath="internal://S1.txt">
   <PlainTextSelection guid="Q1" startPosition="0" endPosition="5" creatingUser="U1">
    <Description>sleutelcitaat</Description><NoteRef targetGUID="N1"/>
    <Coding guid="K1" creatingUser="U1"><CodeRef targetGUID="C1"/></Coding>
   </PlainTextSelection></TextSource>
  <PictureSource guid="S2" name="foto" path="internal://S2.png">
   <PictureSelection guid="Q2" firstX="0" firstY="0" secondX="1" secondY="1">
    <Coding guid="K2" creatingUser="U1"><CodeRef targetGUID="C1"/></Coding>
   </PictureSelection></PictureSource>
 </Sources>
 <Notes><Note guid="N1" name="memo">
  <PlainTextContent>eerste indruk</PlainTextContent></Note></Notes>
</Project>"""
    p = _zip(tmp_path, {"project.qde": qde, "sources/S1.txt": "Rust. En meer."})
    q, c, cb = read_qdpx(p)
    assert q["memo"].tolist() == ["sleutelcitaat\n\neerste indruk"]
    assert "memo" not in c.columns                   # no coding memo: the contract's columns
    assert c.attrs["set_aside"] == {"codings of pictures": 1}
    assert cb["Rust"].description == "Rust in het hoofd"


def test_qc_132_real_export():
    """qualitative-coding 1.3.2's own export (tests/fixtures/qda/make_qc.py): sources without a
    name and a plain corpus path; the same codings as the qc 1.7.8 export."""
    q, c, cb = read_export(QDA / "qc132_export.qdpx")
    assert _triples(q, c) == _triples(*read_export(QDA / "qc_export.qdpx")[:2])
    assert set(q["document"]) == {"interview_P001.txt"}
    assert _nesting(cb) == {"sociaal_contact": None, "welzijn": None, "mentaal": "welzijn",
                            "zingeving": "welzijn"}


def test_qc_13_export_without_source_names(tmp_path):
    """qc 1.3's REFI-QDA writer: TextSource without a name, plainTextPath = the corpus path,
    the corpus copied into sources/ (qualitative_coding/refi_qda/writer.py at v1.3)."""
    qde = """<Project xmlns="urn:QDA-XML:project:1.0" origin="qc 1.3.2" name="qc project">
<Users><User name="ana" guid="U1"/></Users>
<CodeBook><Codes><Code name="rust" guid="C1" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource plainTextPath="interviews/p1.txt" guid="S1">
<PlainTextSelection guid="L1" name="line:0" startPosition="0" endPosition="5">
<Coding guid="K1" creatingUser="U1"><CodeRef targetGUID="C1"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>"""
    p = _zip(tmp_path, {"project.qde": qde, "sources/interviews/p1.txt": "Rust.\nMeer.\n"})
    q, c, _ = read_qdpx(p)
    assert q[["document", "text"]].values.tolist() == [["p1.txt", "Rust."]]
    assert c[["coder", "code"]].values.tolist() == [["ana", "rust"]]


def test_edited_foreign_codes_are_exported(tmp_path):
    """A codebook from ATLAS.ti: label, description and colour edited in impact's YAML reach
    the .qdc; everything not edited comes back verbatim."""
    from xml.etree import ElementTree as ET

    cb = load_codebook(QDA / "atlasti23_codebook.qdc")
    first = cb.codes[0]
    yaml_path = tmp_path / "cb.yaml"
    text = cb.to_yaml()
    cb2 = load_codebook(_write(yaml_path, text))
    code = cb2[first.id]
    code.label = {"nl": "Welbevinden (herzien)"}
    code.description = "Nieuwe omschrijving"
    out = cb2.to_qdc()
    root = ET.fromstring(out.encode("utf-8"))
    els = [e for e in root.iter() if e.tag.endswith("}Code")]
    assert els[0].get("name") == "Welbevinden (herzien)"
    assert els[0].find("{*}Description").text == "Nieuwe omschrijving"
    assert els[0].get("guid") == first.refi["attrs"]["guid"]
    # an unedited code is written exactly as it came
    orig = [e for e in ET.parse(QDA / "atlasti23_codebook.qdc").getroot().iter()
            if e.tag.endswith("}Code")]
    assert els[1].attrib == orig[1].attrib


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["qualcoder38_case_vars.csv", "qualcoder38_file_vars.csv",
                                  "qualcoder38_case_vars.xlsx", "qualcoder38_file.csv"])
def test_qualcoder_csv_columns_put_right_and_memos_kept(name):
    """QualCoder's CSV writer does not pad the categories, so a row's variables sit under
    Category headings (make_qualcoder.py mirrors export_csv_file): the code tree stays the five
    codes, the waves come from CaseVar_wave, and the coded memo is kept."""
    q, c, cb = read_export(QDA / name)
    assert _nesting(cb) == QC_NESTING
    memo = c.set_index(["coder", "code"])["memo"]
    assert memo[("ana", "contact")] == "kern van het gesprek"
    assert memo.drop(("ana", "contact")).isna().all()
    assert c.attrs["set_aside"] == {"image codings": 1}
    if "case" in name:
        assert dict(zip(q["text"], q["wave"])) == {P1: "T1", EQ: "T0", RUG: "T0"}


def test_qualcoder_csv_that_cannot_be_put_right(tmp_path):
    """More cells than headings, or too few for the variables: refused, naming the row."""
    lines = (QDA / "qualcoder38_case_vars.csv").read_text("utf-8-sig").splitlines()
    for i, (row, words) in enumerate(((lines[2] + ',"extra","cell"', ("line 3", "13")),
                                      (lines[2].rsplit(',"sociaal"', 1)[0],
                                       ("row 3", "too few")))):
        p = tmp_path / f"report{i}.csv"
        p.write_text("\n".join([lines[0], lines[1], row]) + "\n", encoding="utf-8")
        proc = run_cli("qda", "import", p, "--out", tmp_path / f"o{i}")
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert all(w in proc.stderr for w in words), proc.stderr
