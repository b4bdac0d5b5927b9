"""The funder report (issue 7): rendered for all three synthetic programmes in both languages,
plus a Kunst op Recept variant with an SROI mapping, continuation and lessons, and quotes with
planted HTML and personal details. Everything is rendered once per test session (shared by the
xdist workers through a lock file) and the tests read the HTML."""

from __future__ import annotations

import html as htmlmod
import json
import os
import re
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
import yaml

from .conftest import ROOT

PROGRAMMES = ("kunst-op-recept", "in-beeld", "welzijn-op-recept")
LANGS = ("nl", "en")
DATA = ROOT / "synthetic_data"
SECTIONS = ["header", "summary", "reach", "partners", "activities", "outcomes", "positive-health",
            "voices", "themes", "sroi", "continuation", "limitations", "glossary"]
XSS = "<script>alert(1)</script>"
PLANTED = " Mijn buurvrouw Fatima zei: bel 06-12345678 of kom langs op 2311 AB. " + XSS
SROI = {"currency": "EUR", "inputs": 40000, "discount_rate": 0.035,
        "outcomes": [{"name": "minder stress", "quantity_from": "n_paired",
                      "outcome": "pss10_score", "proxy": 2500, "proxy_source": "fictief",
                      "duration": 2, "deadweight": 0.3, "attribution": 0.25, "drop_off": 0.5}]}
CONTINUATION = ["De gemeente financiert twee nieuwe groepen in 2026.", "Docenten leiden collega's op."]
LESSONS = "Vervoer naar de lessen is voor sommige deelnemers een drempel."


def _render(job):
    from impact.report import render_report

    name, data, protocol, quotes, codings, lang, out = job
    start = time.perf_counter()
    render_report(data, protocol, out, audience="funder", lang=lang, quotes=quotes,
                  codings=codings)
    return name, time.perf_counter() - start


def _variant(folder: Path) -> Path:
    """Kunst op Recept with sroi, continuation and lessons, and quotes with planted details."""
    folder.mkdir(parents=True, exist_ok=True)
    src = DATA / "kunst-op-recept"
    shutil.copy(src / "responses.csv", folder / "responses.csv")
    shutil.copy(src / "codings.csv", folder / "codings.csv")
    quotes = pd.read_csv(src / "quotes.csv", dtype=str)
    quotes["text"] = quotes["text"] + PLANTED
    quotes.to_csv(folder / "quotes.csv", index=False)
    proto = yaml.safe_load((src / "protocol.yaml").read_text(encoding="utf-8"))
    proto.update(sroi=SROI, continuation=CONTINUATION, lessons=LESSONS)
    (folder / "protocol.yaml").write_text(yaml.safe_dump(proto, allow_unicode=True),
                                          encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """{(programme, lang): folder} rendered once for all xdist workers of this session."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "funder-reports"
    root.mkdir(parents=True, exist_ok=True)
    done = root / "done.json"
    jobs = []
    variant = root / "variant-data"
    for p in PROGRAMMES:
        for lang in LANGS:
            d = DATA / p
            jobs.append((f"{p}/{lang}", d / "responses.csv", d / "protocol.yaml",
                         d / "quotes.csv", d / "codings.csv", lang, root / p / lang))
    jobs.append(("variant/nl", variant / "responses.csv", variant / "protocol.yaml",
                 variant / "quotes.csv", variant / "codings.csv", "nl", root / "variant" / "nl"))
    try:
        os.close(os.open(root / "lock", os.O_CREAT | os.O_EXCL))
        owner = True
    except FileExistsError:
        owner = False
    if owner:
        try:
            _variant(variant)
            with ProcessPoolExecutor(max_workers=2) as pool:
                timings = dict(pool.map(_render, jobs))
        except BaseException as exc:
            done.write_text(json.dumps({"error": repr(exc)}))  # release the waiting worker
            raise
        done.write_text(json.dumps(timings))
    else:
        deadline = time.time() + 600
        while not done.exists():
            assert time.time() < deadline, "the other worker did not finish rendering"
            time.sleep(0.5)
        assert "error" not in json.loads(done.read_text()), done.read_text()
    return {tuple(j[0].split("/")): j[-1] for j in jobs} | {"timings": done}


def _html(reports, key):
    return (reports[key] / "report.html").read_text(encoding="utf-8")


def _results(reports, key):
    return json.loads((reports[key] / "results.json").read_text(encoding="utf-8"))


def _sections(page):
    # nbconvert may reorder attributes
    return re.findall(r'<section\b[^>]*?\bid="([^"]+)"[^>]*>', page)


def _section(page, sid):
    match = re.search(rf'<section\b[^>]*?\bid="{re.escape(sid)}"[^>]*>(.*?)</section>', page,
                      re.S)
    assert match, sid
    return match.group(1)


def _text(fragment):
    """Visible text: tags and embedded images removed, entities decoded."""
    fragment = re.sub(r'src="data:image/png;base64,[^"]*"', "", fragment)
    return htmlmod.unescape(re.sub(r"<[^>]+>", " ", fragment))


ALL = [(p, lang) for p in PROGRAMMES for lang in LANGS]


@pytest.mark.parametrize("key", ALL + [("variant", "nl")])
def test_sections_present_in_order(reports, key):
    page = _html(reports, key)
    expected = [s for s in SECTIONS
                if (s != "positive-health" or key[0] == "welzijn-op-recept")
                and (s != "sroi" or key[0] == "variant")]
    assert _sections(page) == expected


@pytest.mark.parametrize("key", ALL)
def test_primary_outcome_numbers_equal_results(reports, key):
    from impact.report.text import fmt_number

    results = _results(reports, key)
    primary = next(o for o in results["outcomes"] if o["outcome"] == results["primary_outcome"])
    lang = key[1]
    text = _text(_section(_html(reports, key), "outcomes"))
    sentence = (f"{primary['n_paired']} " + ("deelnemers met een voor- en nameting" if lang == "nl"
                                              else "participants measured before and after"))
    assert sentence in text
    before, after = (fmt_number(primary["mean_baseline"], lang),
                     fmt_number(primary["mean_followup"], lang))
    assert re.search(rf"{re.escape(before)} (naar|to) {re.escape(after)} (punten|points)", text)
    low, high = fmt_number(primary["ci_low"], lang), fmt_number(primary["ci_high"], lang)
    assert f"{low} {'en' if lang == 'nl' else 'and'} {high}" in text
    reach = _section(_html(reports, key), "reach")
    assert f'<td class="impact-count">{results["flow"]["enrolled"]}</td>' in reach


@pytest.mark.parametrize("key", ALL + [("variant", "nl")])
def test_no_code_no_ids_no_personal_details(reports, key):
    page = _html(reports, key)
    for marker in ("import impact", "funder.prepare", "display(HTML", "In&nbsp;[", "<script"):
        assert marker not in page
    folder = DATA / ("kunst-op-recept" if key[0] == "variant" else key[0])
    responses = pd.read_csv(folder / "responses.csv", dtype=str)
    quotes = pd.read_csv(folder / "quotes.csv", dtype=str)
    ids = set(responses["participant_id"]) | set(quotes["participant_id"]) | set(quotes["quote_id"])
    assert not [i for i in ids if i in page]
    assert not re.search(r"P-[0-9a-f]{16}", page)  # no pseudonym either
    raw = " ".join(quotes["text"])
    phones = re.findall(r"06-\d{8}", raw) + ["06-12345678"]
    postcodes = re.findall(r"\b[1-9]\d{3} [A-Z]{2}\b", raw) + ["2311 AB"]
    names = re.findall(r"Ik ben (\w+), zeg maar", raw) + ["Fatima"]
    text = _text(page)
    assert not [p for p in phones + postcodes if p in text]
    assert not [n for n in names if re.search(rf"\b{n}\b", text)]


def test_planted_details_were_in_the_shown_quotes(reports):
    """The variant's quotes all carry the planted details: they are shown, but replaced."""
    voices = _text(_section(_html(reports, ("variant", "nl")), "voices"))
    assert voices.count("[telefoon]") >= 3 and voices.count("[naam]") >= 3
    assert "[postcode]" in voices


@pytest.mark.parametrize("key", ALL + [("variant", "nl")])
def test_every_count_cell_is_safe(reports, key):
    page = _html(reports, key)
    cells = re.findall(r'<td class="impact-count"( data-suppressed="1")?>(.*?)</td>', page)
    assert len(cells) >= 5
    min_cell = 10
    for suppressed, value in cells:
        if suppressed:
            assert not re.search(r"\d", value.replace(str(min_cell), "")), value
        else:
            assert int(value) == 0 or int(value) >= min_cell, value


@pytest.mark.parametrize("key", ALL)
def test_reliable_change_rows_cannot_be_recovered(reports, key):
    """Categories add up to the shown number measured before and after: never exactly one of
    them hidden."""
    table = re.search(r"<table[^>]*>(?:(?!</table>).)*Betrouwbaar verbeterd|"
                      r"<table[^>]*>(?:(?!</table>).)*Reliably improved",
                      _section(_html(reports, key), "outcomes"), re.S)
    assert table
    outcomes = _section(_html(reports, key), "outcomes")
    rows = re.findall(r"<tr>(.*?)</tr>", outcomes[table.start():], re.S)
    body = [r for r in rows if "impact-count" in r]
    assert body
    for row in body:
        cells = re.findall(r'<td class="impact-count"( data-suppressed="1")?>', row)
        assert len(cells) == 4
        hidden = sum(1 for c in cells[1:] if c)
        assert hidden != 1, row


def test_quote_html_is_escaped(reports):
    page = _html(reports, ("variant", "nl"))
    assert XSS not in page
    assert htmlmod.escape(XSS, quote=True) in _section(page, "voices")


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_dutch_uses_decimal_commas(reports, programme):
    from impact.report.text import fmt_number

    page = _html(reports, (programme, "nl"))
    body = "".join(_section(page, s) for s in _sections(page) if s != "header")
    text = _text(body)
    assert not re.search(r"(?<![\d.])\d+\.\d{1,2}(?!\d)", text)  # 1.500 (thousands) is fine
    results = _results(reports, (programme, "nl"))
    assert "," in fmt_number(results["outcomes"][0]["mean_baseline"], "nl")
    assert fmt_number(results["outcomes"][0]["mean_baseline"], "nl") in text
    en = _text(_section(_html(reports, (programme, "en")), "outcomes"))
    assert fmt_number(results["outcomes"][0]["mean_baseline"], "en") in en


# words a coordinator may not know; each one in the body must be explained in the glossary
PLAIN_WORDS_NEEDED = ["betrouwbaarheidsinterval", "p-waarde", "effectgrootte", "standaarddeviatie",
                      "spreiding", "betrouwbare verandering", "betrouwbare verbetering",
                      "meetfout", "vergelijkingsgroep", "terugkeer naar het gemiddelde",
                      "sroi", "deadweight", "disconteringsvoet", "gevoeligheidsanalyse",
                      "break-even", "significant", "mediaan", "correlatie", "regressie",
                      "uitval", "positieve gezondheid"]
JARGON = ["d_z", "wilcoxon", "reml", "holm", "hedges", "cohen", "t-toets", "standaardfout",
          "i²", "tau", "mixed model", "ancova", "imputatie", "krippendorff"]


@pytest.mark.parametrize("key", [(p, "nl") for p in PROGRAMMES] + [("variant", "nl")])
def test_dutch_glossary_explains_every_term_used(reports, key):
    from impact.report.funder import glossary_terms

    page = _html(reports, key)
    body = _text("".join(_section(page, s) for s in _sections(page) if s != "glossary")).lower()
    glossary = _section(page, "glossary")
    defined = [htmlmod.unescape(t).lower() for t in re.findall(r"<dt>(.*?)</dt>", glossary)]
    gloss_text = _text(glossary).lower()
    # 1. every catalogue term that the report uses is a glossary entry, with an explanation
    for term, explanation in glossary_terms("nl", sroi=True):
        if term.lower() in body:
            assert term.lower() in defined, term
            assert explanation and "." in explanation
    # 2. an independent list of hard words: used => explained
    used = [w for w in PLAIN_WORDS_NEEDED if re.search(rf"(?<!\w){re.escape(w)}", body)]
    assert "betrouwbaarheidsinterval" in used and "vergelijkingsgroep" in used
    assert [w for w in used if w not in gloss_text] == []
    # 3. jargon never appears at all
    whole = _text(page).lower()
    assert [j for j in JARGON if re.search(rf"(?<!\w){re.escape(j)}(?!\w)", whole)] == []
    # each explanation is one line
    assert all(len(dd) < 220 for dd in re.findall(r"<dd>(.*?)</dd>", glossary))


def test_positive_health_spider_only_where_measured(reports):
    for lang in LANGS:
        section = _section(_html(reports, ("welzijn-op-recept", lang)), "positive-health")
        assert re.search(r'<img[^>]*src="data:image/png;base64,[A-Za-z0-9+/]{1000,}', section)


def test_sroi_variant_ratio_equals_impact_sroi(reports):
    import impact
    from impact.report.text import fmt_number

    page = _html(reports, ("variant", "nl"))
    results = _results(reports, ("variant", "nl"))
    expected = impact.sroi(SROI, results)
    section = _text(_section(page, "sroi"))
    assert f"SROI-ratio van {fmt_number(expected.ratio, 'nl', 2)}" in section
    assert expected.ratio > 0
    glossary = _text(_section(page, "glossary"))
    assert "deadweight" in glossary and "disconteringsvoet" in glossary
    continuation = _text(_section(page, "continuation"))
    assert LESSONS in continuation and CONTINUATION[0] in continuation


def test_sroi_withheld_when_it_counts_a_small_group():
    """Kunst op Recept: fewer than 10 reliably improved; an SROI on that count would reveal it."""
    from impact.report import funder

    d = DATA / "kunst-op-recept"
    report = funder.prepare(d / "responses.csv", d / "protocol.yaml", lang="en")
    primary = report.R["outcomes"][0]
    assert 0 < primary["rci_improved"] < 10
    report.protocol.raw["sroi"] = {**SROI, "outcomes": [{**SROI["outcomes"][0],
                                                         "quantity_from": "rci_improved"}]}
    html = funder.sroi_section(report)
    assert 'id="sroi"' in html and "not shown" in html and "<table" not in html
    report.protocol.raw["sroi"] = SROI  # n_paired (20) may be shown
    assert "<table" in funder.sroi_section(report)
    report.protocol.raw.pop("sroi")
    assert funder.sroi_section(report) == ""


def test_honest_wording(reports):
    for p in PROGRAMMES:
        nl = _text(_html(reports, (p, "nl"))).lower()
        en = _text(_html(reports, (p, "en"))).lower()
        assert "effectief" not in nl and "effective" not in en
        assert "geen vergelijkingsgroep" in nl and "no comparison group" in en
        assert "niet gemeten" in _text(_section(_html(reports, (p, "nl")), "reach"))


def test_protocol_accepts_continuation_and_lessons(tmp_path):
    from impact.errors import InputError
    from impact.protocol import load_protocol

    proto = yaml.safe_load((DATA / "in-beeld" / "protocol.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({**proto, "continuation": "Door.", "lessons": ["a", "b"]}),
                    encoding="utf-8")
    assert load_protocol(path).get("lessons") == ["a", "b"]
    path.write_text(yaml.safe_dump({**proto, "continuation": 5}), encoding="utf-8")
    with pytest.raises(InputError, match="continuation"):
        load_protocol(path)


def test_render_time_is_recorded(reports):
    timings = json.loads(reports["timings"].read_text())
    assert len(timings) == 7 and all(t > 0 for t in timings.values())


def test_reach_new_to_culture_and_missing_protocol_parts():
    from impact.report import funder

    d = DATA / "kunst-op-recept"
    report = funder.prepare(d / "responses.csv", d / "protocol.yaml", lang="nl")
    frame = report.frame
    ids = list(dict.fromkeys(frame["participant_id"]))
    answers = dict(zip(ids, ["ja"] * 15 + ["nee"] * 12 + [None] * (len(ids) - 27)))
    report.frame = frame.assign(new_to_culture=frame["participant_id"].map(answers))
    reach = funder.reach_section(report)
    assert "Nieuw voor cultuur" in reach and "niet gemeten" not in reach
    assert '<td class="impact-count">15</td>' in reach and '<td class="impact-count">12</td>' in reach
    # 12 yes and 5 no: 5 is small, and 12 = total - 5 would reveal it, so both are hidden
    answers = dict(zip(ids, ["ja"] * 12 + ["nee"] * 5 + [None] * (len(ids) - 17)))
    report.frame = frame.assign(new_to_culture=frame["participant_id"].map(answers))
    table = funder.reach_section(report).split("Nieuw voor cultuur")[1]
    assert table.count('data-suppressed="1"') == 2 and ">12<" not in table and ">5<" not in table
    assert "niet getoond" in table and "&lt; 10" in table
    for key in ("partners", "intervention", "funder"):
        report.protocol.raw.pop(key, None)
    assert "noemt geen partners" in funder.partners_section(report)
    assert "beschrijft de activiteiten niet" in funder.activities_section(report)
    cont = funder.continuation_section(report)
    assert "'continuation'" in htmlmod.unescape(cont) and "'lessons'" in htmlmod.unescape(cont)
    assert funder.positive_health_section(report) == ""  # no mph in Kunst op Recept
