"""REFI-QDA codebooks and projects: round trips, import, and refusal of unsafe archives."""

import stat
import zipfile
from pathlib import Path

import pytest

from impact.errors import InputError
from impact.qual import codebook_from_yaml, default_codebook, load_codebook, read_qdc, read_qdpx
from tests.conftest import run_cli

USER_A, USER_B = "AAAAAAAA-0000-4000-8000-000000000001", "AAAAAAAA-0000-4000-8000-000000000002"
CODE_P, CODE_S = "BBBBBBBB-0000-4000-8000-000000000001", "BBBBBBBB-0000-4000-8000-000000000002"
SRC = "CCCCCCCC-0000-4000-8000-000000000001"
TEXT = ("Ik was eerst bang om mee te doen. Nu ben ik trots op mijn foto's. "
        "In de groep heb ik nieuwe mensen leren kennen.")


def span(fragment):
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def project_xml():
    s1, e1 = span("Nu ben ik trots op mijn foto's.")
    s2, e2 = span("In de groep heb ik nieuwe mensen leren kennen.")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="KoR test" origin="test">
  <Users><User guid="{USER_A}" name="Anouk"/><User guid="{USER_B}" name="Bram"/></Users>
  <CodeBook><Codes>
    <Code guid="{CODE_P}" name="Trots" isCodable="true" color="#F1CE63">
      <Description>Pride in what one made.</Description>
      <Code guid="{CODE_S}" name="Sociaal contact" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Variables><Variable guid="DDDDDDDD-0000-4000-8000-000000000001" name="wave" typeOfVariable="Text"/></Variables>
  <Sources>
    <TextSource guid="{SRC}" name="interview 7" plainTextPath="internal://{SRC}.txt">
      <PlainTextSelection guid="EEEEEEEE-0000-4000-8000-000000000001" startPosition="{s1}" endPosition="{e1}" creatingUser="{USER_A}">
        <Coding guid="FFFFFFFF-0000-4000-8000-000000000001" creatingUser="{USER_A}"><CodeRef targetGUID="{CODE_P}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="EEEEEEEE-0000-4000-8000-000000000002" startPosition="{s1}" endPosition="{e1}" creatingUser="{USER_B}">
        <Coding guid="FFFFFFFF-0000-4000-8000-000000000002" creatingUser="{USER_B}"><CodeRef targetGUID="{CODE_P}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="EEEEEEEE-0000-4000-8000-000000000003" startPosition="{s2}" endPosition="{e2}" creatingUser="{USER_B}">
        <Coding guid="FFFFFFFF-0000-4000-8000-000000000003" creatingUser="{USER_B}"><CodeRef targetGUID="{CODE_S}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Cases><Case guid="99999999-0000-4000-8000-000000000001" name="KOR-007">
    <VariableValue><VariableRef targetGUID="DDDDDDDD-0000-4000-8000-000000000001"/><TextValue>T1</TextValue></VariableValue>
    <SourceRef targetGUID="{SRC}"/></Case></Cases>
</Project>"""


def write_qdpx(path, extra=()):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", project_xml())
        zf.writestr(f"sources/{SRC}.txt", TEXT)
        for item in extra:
            if isinstance(item, zipfile.ZipInfo):
                zf.writestr(item, "payload")
            else:
                zf.writestr(item, "payload")
    return path


def test_default_codebook_content():
    cb = default_codebook()
    for dim in ("body", "mental", "meaning", "quality", "participation", "daily"):
        assert dim in cb and cb[dim].parent is None
    for theme in ("self_confidence", "social_contact", "pride", "something_to_hold_on_to",
                  "being_taken_seriously", "threshold"):
        assert cb[theme].parent is not None
    for code in cb:
        assert code.label.get("nl") and code.label.get("en")
        assert code.description and code.inclusion and code.exclusion and code.example


def test_qdc_round_trip_is_identical(tmp_path):
    cb = default_codebook()
    path = tmp_path / "cb.qdc"
    text = cb.to_qdc(path)
    assert 'xmlns="urn:QDA-XML:codebook:1.0"' in text and "<CodeBook" in text
    back = load_codebook(path)
    assert back == cb
    assert [c.__dict__ for c in back] == [c.__dict__ for c in cb]
    assert back.to_qdc() == text                      # stable guids, stable output


def test_qdc_from_another_tool():
    xml = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4">
  <Codes><Code guid="51B2B2B7-27EB-4ECB-9D56-E75B0A0496C2" name="houvast/structuur" isCodable="true">
    <Code guid="51B2B2B7-27EB-4ECB-9D56-E75B0A0496C3" name="Ritme" isCodable="false"/></Code></Codes>
  <Sets/></CodeBook>"""
    cb = read_qdc(xml)
    assert cb.ids() == ["houvast_structuur", "Ritme"]
    assert cb["Ritme"].parent == "houvast_structuur" and cb["Ritme"].codable is False
    assert cb["Ritme"].guid == "51B2B2B7-27EB-4ECB-9D56-E75B0A0496C3"   # kept for re-export


def test_qdc_with_doctype_is_refused():
    xml = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
           '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    with pytest.raises(InputError, match="DOCTYPE"):
        read_qdc(xml)


def test_codebook_yaml_errors():
    with pytest.raises(InputError) as err:
        codebook_from_yaml("codes:\n  - id: a\n    colour: red\n  - id: a\n", "cb.yaml")
    text = str(err.value)
    assert "unknown key 'colour'" in text and "occurs twice" in text and "cb.yaml" in text
    with pytest.raises(InputError, match="YAML"):
        codebook_from_yaml("codes: [\n", "cb.yaml")
    with pytest.raises(InputError):  # safe loader: no python objects
        codebook_from_yaml("!!python/object/apply:os.system ['true']\n", "cb.yaml")


def test_cli_codebook_round_trip(tmp_path):
    qdc, yml = tmp_path / "cb.qdc", tmp_path / "cb.yaml"
    src = Path(__file__).parents[1] / "impact" / "qual" / "data" / "codebook.yaml"
    assert run_cli("qda", "codebook", src, "--out", qdc).returncode == 0
    assert run_cli("qda", "codebook", qdc, "--out", yml).returncode == 0
    assert load_codebook(yml) == default_codebook()
    proc = run_cli("qda", "codebook", qdc, "--out", qdc)
    assert proc.returncode == 2 and "overwrite" in proc.stderr


def test_qdpx_import(tmp_path):
    quotes, codings, cb = read_qdpx(write_qdpx(tmp_path / "p.qdpx"), source="exit_interview",
                                    role="participant")
    assert quotes["text"].tolist() == ["Nu ben ik trots op mijn foto's.",
                                       "In de groep heb ik nieuwe mensen leren kennen."]
    assert quotes["participant_id"].tolist() == ["KOR-007", "KOR-007"]
    assert quotes["wave"].tolist() == ["T1", "T1"]
    assert quotes["source"].tolist() == ["exit_interview"] * 2
    assert sorted(map(tuple, codings.values.tolist())) == [
        ("Q00001", "Anouk", "Trots"), ("Q00001", "Bram", "Trots"),
        ("Q00002", "Bram", "Sociaal contact")]
    assert cb["Sociaal contact"].parent == "Trots"


def test_cli_qdpx_import(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("qda", "import", write_qdpx(tmp_path / "p.qdpx"), "--out", out)
    assert proc.returncode == 0, proc.stderr
    from impact.qual import read_codings, read_quotes

    quotes = read_quotes(out / "quotes.csv")
    codings = read_codings(out / "codings.csv", quotes=quotes)
    assert len(quotes) == 2 and len(codings) == 3
    assert (out / "codebook.yaml").is_file()


def _symlink_entry():
    info = zipfile.ZipInfo("sources/link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize("entry", ["../../x", "/abs/x", "sources/../../x", "C:/x",
                                   "sources\\..\\..\\x", "symlink"])
def test_unsafe_qdpx_is_refused(tmp_path, entry):
    work = tmp_path / "deep" / "er"
    work.mkdir(parents=True)
    bad = write_qdpx(work / "bad.qdpx", [_symlink_entry() if entry == "symlink" else entry])
    before = sorted(p for p in tmp_path.rglob("*"))
    out = work / "out"
    proc = run_cli("qda", "import", bad, "--out", out, cwd=work)
    assert proc.returncode == 2
    assert "unsafe ZIP entry" in proc.stderr and "bad.qdpx" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p for p in tmp_path.rglob("*")) == before      # nothing written anywhere
    assert not Path("/abs/x").exists()


def test_qdpx_dutch_variable_values_are_mapped(tmp_path):
    p = tmp_path / "p.qdpx"
    xml = project_xml().replace(
        '<Variables>', '<Variables><Variable guid="DDDDDDDD-0000-4000-8000-000000000002" '
        'name="rol" typeOfVariable="Text"/>').replace(
        '<SourceRef', '<VariableValue><VariableRef targetGUID="DDDDDDDD-0000-4000-8000-'
        '000000000002"/><TextValue>Deelnemer</TextValue></VariableValue><SourceRef')
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("project.qde", xml)
        zf.writestr(f"sources/{SRC}.txt", TEXT)
    quotes, _, _ = read_qdpx(p, source="Exitgesprek")
    assert set(quotes["role"]) == {"participant"} and set(quotes["source"]) == {"exit_interview"}
    with pytest.raises(InputError, match="source 'podcast'"):
        read_qdpx(p, source="podcast")


def test_qdpx_bad_offsets_and_missing_project(tmp_path):
    p = tmp_path / "p.qdpx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("project.qde", project_xml().replace('endPosition="', 'endPosition="9'))
        zf.writestr(f"sources/{SRC}.txt", TEXT)
    with pytest.raises(InputError, match="outside the text"):
        read_qdpx(p)
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("readme.txt", "x")
    proc = run_cli("qda", "import", p, "--out", tmp_path / "o")
    assert proc.returncode == 2 and ".qde project file" in proc.stderr
    p.write_text("not a zip")
    proc = run_cli("qda", "import", p, "--out", tmp_path / "o")
    assert proc.returncode == 2 and "ZIP" in proc.stderr


def test_import_then_agreement_end_to_end(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("qda", "import", write_qdpx(tmp_path / "p.qdpx"), "--out", out,
                   "--source", "exitgesprek", "--role", "participant")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("agreement", out / "codings.csv", "--quotes", out / "quotes.csv",
                   "--n-boot", "100")
    assert proc.returncode == 0, proc.stderr
    import json

    res = json.loads(proc.stdout)
    assert res["n_units"] == 2 and res["n_coders"] == 2
    # Anouk did not code Q00002 at all; with --quotes that counts as "no code", so they
    # disagree on Sociaal contact there and agree on Trots for Q00001
    assert res["percent_agreement"] == pytest.approx(0.5)
    proc = run_cli("qda", "import", tmp_path / "p.qdpx", "--out", out, "--role", "coach")
    assert proc.returncode == 2 and "--role" in proc.stderr
