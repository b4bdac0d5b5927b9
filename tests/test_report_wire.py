"""Issue 12 wired into the one engine: every demo report as HTML, A4 PDF, editable DOCX and a
one-page summary, read back as a user would (pdfinfo/pdftotext, python-docx, LibreOffice,
Chromium at 800 px) and held against published.json.

The demo is rendered once per session (``demo_reports`` in conftest.py, html,pdf,docx).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pandas as pd
import pytest

from impact.report import deliver
from impact.report.evidence_view import evidence_view
from impact.report.deliver import PAGE_MARGINS_MM, pdf_page_count

from .deliver_fixture import PNG, table_cells
from .test_report_deliver import _norm, _pdf_pages
from .test_report_disclosure import (_NUM, AUDIENCES, LANGS, PROGRAMMES, _catalogue_numbers,
                                     _folder, _published_numbers, _visible_text)

REPORTS = [(p, a, lang) for p in PROGRAMMES for a in AUDIENCES for lang in LANGS]
MM = 72 / 25.4
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
needs_chromium = pytest.mark.skipif(deliver.find_chromium() is None, reason="needs chromium")


def _published(folder) -> dict:
    return json.loads((folder / "published.json").read_text(encoding="utf-8"))


def _unknown_numbers(text: str, published: dict, lang: str) -> set[str]:
    allowed = _published_numbers(published) | _catalogue_numbers(lang)
    tokens = {t.replace("−", "-").lstrip("-") for t in _NUM.findall(text)}
    return {t for t in tokens if t not in allowed
            and t.replace(".", "").replace(",", "") not in allowed}


# ---- every report folder: the deliverable of DESIGN.md -------------------------------------------

def test_every_demo_report_is_delivered_in_every_format(demo_reports):
    deliverable = {"report.html", "report.pdf", "report.docx", "summary.html", "summary.pdf",
                   "published.json", "internal"}
    for programme, audience, lang in REPORTS:
        folder = _folder(demo_reports, programme, audience, lang)
        assert {p.name for p in folder.iterdir()} == deliverable, folder
        assert (folder / "internal" / "results.json").exists()
    index = (demo_reports / "index.html").read_text(encoding="utf-8")
    assert '<section lang="nl"' in index and '<section lang="en"' in index
    from impact.commands.demo_build import DEMO_REPORTS, EXTRA_REPORTS

    for name in ("report.html", "report.pdf", "report.docx", "summary.html", "summary.pdf"):
        # every report linked from both language sections (the seed programmes' REPORTS and the
        # comparison cohort's); of the monitor and synthesis reports (EXTRA_REPORTS) the monitor
        # has a one-page summary
        monitors = sum(audience == "monitor" for _, audience, _ in EXTRA_REPORTS)
        expected = len(DEMO_REPORTS) + (monitors if name.startswith("summary")
                                        else len(EXTRA_REPORTS))
        assert len(re.findall(rf'href="[^"]+/{re.escape(name)}"', index)) == 2 * expected


@needs_poppler
def test_demo_pdfs_are_a4_with_page_numbers(demo_reports):
    for programme, audience, lang in REPORTS:
        pdf = _folder(demo_reports, programme, audience, lang) / "report.pdf"
        n = pdf_page_count(pdf)
        info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(n), str(pdf)], capture_output=True,
                              text=True, check=True).stdout
        sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
        assert len(sizes) == n
        assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in sizes)
        word = "pagina {k} van {n}" if lang == "nl" else "page {k} of {n}"
        pages = _pdf_pages(pdf)
        assert len(pages) == n
        for k, page in enumerate(pages, start=1):
            assert word.format(k=k, n=n) in page, (pdf, k)


@needs_poppler
def test_demo_pdfs_keep_every_word_inside_the_printable_area(demo_reports, tmp_path):
    top, right, bottom, left = (m * MM for m in PAGE_MARGINS_MM)
    for programme, audience, lang in REPORTS:
        pdf = _folder(demo_reports, programme, audience, lang) / "report.pdf"
        bbox = tmp_path / "bbox.html"
        subprocess.run(["pdftotext", "-bbox", str(pdf), str(bbox)], check=True)
        outside = []
        for page in re.findall(r"<page [^>]*>.*?</page>", bbox.read_text(encoding="utf-8"), re.S):
            w, h = map(float, re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
            for x0, y0, x1, y1, word in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                    r'([^<]*)</word>', page):
                if float(y0) > h - bottom:  # the page number, in the bottom margin by design
                    continue
                if (float(x0) < left - 1 or float(x1) > w - right + 1 or float(y0) < top - 1
                        or float(y1) > h - bottom + 1):
                    outside.append(word)
        assert outside == [], (pdf, outside[:10])


@needs_poppler
def test_demo_pdfs_show_every_table_cell_of_the_html(demo_reports):
    """Each word of each HTML table cell is in the PDF's text: no table is clipped."""
    for programme, audience, lang in REPORTS:
        folder = _folder(demo_reports, programme, audience, lang)
        pdf_words = set()
        for page in _pdf_pages(folder / "report.pdf"):
            pdf_words.update(_norm(page).split())
        pdf_words |= {w.rstrip("-") for w in pdf_words if w.endswith("-")}

        def pieced(word):
            """A word broken over lines in a narrow cell: consecutive PDF words make it up."""
            ok = [True] + [False] * len(word)
            for a in range(len(word)):
                if ok[a]:
                    for b in range(a + 1, len(word) + 1):
                        if word[a:b] in pdf_words:
                            ok[b] = True
            return ok[-1]

        missing = [word for table in table_cells((folder / "report.html").read_text(
                       encoding="utf-8")) for row in table for cell in row
                   for word in _norm(cell).split() if word not in pdf_words and not pieced(word)]
        assert missing == [], (folder, missing[:10])


@needs_poppler
def test_demo_summaries_are_one_a4_page_with_the_audiences_content(demo_reports):
    for programme, audience, lang in REPORTS:
        folder = _folder(demo_reports, programme, audience, lang)
        info = subprocess.run(["pdfinfo", str(folder / "summary.pdf")], capture_output=True,
                              text=True, check=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M) and "A4" in info, folder
        html = (folder / "summary.html").read_text(encoding="utf-8")
        published = _published(folder)
        assert not _unknown_numbers(_visible_text(html), published, lang), folder
        headings = re.findall(r"<h2>(.*?)</h2>", html)
        if audience == "funder":
            expected = ({"Bereik", "Wat veranderde", "Wat deelnemers zeggen", "Partners"}
                        if lang == "nl" else
                        {"Reach", "What changed", "What participants say", "Partners"})
            assert set(headings) == expected, folder
            assert html.count('<blockquote class="impact-quote">') == 2
            assert html.count("<img") == 1 + ('class="impact-logo"' in html)  # one chart
        else:
            assert set(headings) >= ({"Belangrijkste bevindingen", "Erkenningsniveau"}
                                     if lang == "nl" else {"Key findings", "Recognition level"})
            level = evidence_view(published, lang)["recognition"]["level"]
            assert level in _visible_text(html)
        pdf_text = " ".join(_pdf_pages(folder / "summary.pdf")[0].split())
        assert published["meta"]["title"] in pdf_text


# ---- DOCX ----------------------------------------------------------------------------------------

def test_demo_docx_reads_back_with_the_numbers_of_published_json(demo_reports):
    docx = pytest.importorskip("docx")
    for programme, audience, lang in REPORTS:
        folder = _folder(demo_reports, programme, audience, lang)
        doc = docx.Document(str(folder / "report.docx"))
        html = (folder / "report.html").read_text(encoding="utf-8")
        published = _published(folder)
        heading1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
        assert heading1 and heading1[0] == published["meta"]["title"]
        assert any(p.style.name == "Heading 2" for p in doc.paragraphs)
        # the same tables as the HTML, cell for cell; figures embedded
        html_tables = table_cells(html)
        assert len(doc.tables) == len(html_tables), folder
        for table, expected in zip(doc.tables, html_tables):
            got = [[c.text.strip() for c in row.cells] for row in table.rows]
            assert [[" ".join(c.split()) for c in r] for r in got] == \
                [[" ".join(c.split()) for c in r] for r in expected], folder
        assert len(doc.inline_shapes) == html.count("<img")
        section = doc.sections[0]
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        text = "\n".join([p.text for p in doc.paragraphs]
                         + [c.text for t in doc.tables for r in t.rows for c in r.cells])
        assert not _unknown_numbers(text, published, lang), folder


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
@needs_poppler
def test_demo_docx_converts_with_libreoffice(demo_reports, tmp_path):
    """Two representative files (a funder report in Dutch, a three-wave guideline report in
    English), converted in one LibreOffice run."""
    picks = [("kunst-op-recept", "funder", "nl"), ("welzijn-op-recept", "guideline", "en")]
    sources = []
    for programme, audience, lang in picks:
        target = tmp_path / f"{programme}-{audience}-{lang}.docx"
        shutil.copy(_folder(demo_reports, programme, audience, lang) / "report.docx", target)
        sources.append(target)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path / "out"),
                             *map(str, sources)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for source, (programme, audience, lang) in zip(sources, picks):
        pdf = tmp_path / "out" / (source.stem + ".pdf")
        assert pdf.exists(), result.stdout
        assert "A4" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                      text=True).stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True).stdout
        title = _published(_folder(demo_reports, programme, audience, lang))["meta"]["title"]
        assert title in " ".join(text.split())


# ---- 800 px --------------------------------------------------------------------------------------

def _widths_at_800px(paths) -> dict:
    """(scrollWidth, clientWidth) of each page in one headless Chromium, viewport 800 px."""
    out = {}
    with deliver.Printer() as browser:
        for path in paths:
            target = browser._send("Target.createTarget", {"url": "about:blank"})["targetId"]
            try:
                session = browser._send("Target.attachToTarget",
                                        {"targetId": target, "flatten": True})["sessionId"]
                browser._send("Emulation.setDeviceMetricsOverride",
                              {"width": 800, "height": 1000, "deviceScaleFactor": 1,
                               "mobile": False}, session=session)
                browser._send("Page.enable", session=session)
                browser._send("Page.navigate", {"url": path.resolve().as_uri()},
                              session=session, wait_event="Page.loadEventFired")
                value = browser._send("Runtime.evaluate", {
                    "expression": "document.documentElement.scrollWidth + ',' + "
                                  "document.documentElement.clientWidth",
                    "returnByValue": True}, session=session)["result"]["value"]
            finally:
                browser._send("Target.closeTarget", {"targetId": target})
            out[path] = tuple(int(v) for v in value.split(","))
    return out


@needs_chromium
def test_every_demo_page_fits_an_800px_window(demo_reports, tmp_path):
    paths = [_folder(demo_reports, *r) / name for r in REPORTS
             for name in ("report.html", "summary.html")]
    # control: a page wider than the window is caught
    wide = tmp_path / "wide.html"
    wide.write_text('<!DOCTYPE html><html><body><div style="width:1200px">x</div></body></html>')
    widths = _widths_at_800px(paths + [wide])
    scroll, client = widths.pop(wide)
    assert scroll > client
    for path, (scroll, client) in widths.items():
        assert client <= 800 and scroll <= client, (path, scroll, client)


# ---- funder: the change chart and one compact table ----------------------------------------------

def test_funder_report_has_the_change_chart_and_one_compact_table(demo_reports):
    for programme in PROGRAMMES:
        for lang in LANGS:
            folder = _folder(demo_reports, programme, "funder", lang)
            published = _published(folder)
            html = (folder / "report.html").read_text(encoding="utf-8")
            rows = published["figures"]["change"]
            assert rows, programme
            assert html.count('class="impact-chart"') >= 1 or "data:image/png" in html
            # the chart's values are those of the published outcome rows
            outcomes = {o["outcome"]: o for o in published["outcomes"]}
            for r in rows:
                o = outcomes[r["outcome"]]
                assert (r["start"], r["end"], r["ci_low"], r["ci_high"]) == (
                    o["mean_baseline"], o["mean_followup"], o["ci_low"], o["ci_high"])
            # alt text: start and end of each outcome, one decimal, from the published values
            alt = " ".join(re.findall(r'alt="([^"]*)"', html))
            for r in rows:
                start = f"{r['start']:.1f}".replace(".", "," if lang == "nl" else ".")
                assert start in alt
            # one table row per headline outcome, no repeated interval sentence
            head = "Verandering (95%-BI)" if lang == "nl" else "Change (95% CI)"
            table = next(t for t in table_cells(html) if t[0] and head in t[0])
            assert len(table) - 1 == len(published["meta"]["headline_outcomes"])
            repeated = "betrouwbaarheidsinterval van de verandering loopt" if lang == "nl" \
                else "confidence interval of the change runs"
            assert html.count(repeated) == 0


def test_theme_table_says_named_when_the_count_is_hidden(demo_reports):
    folder = _folder(demo_reports, "kunst-op-recept", "funder", "nl")
    published = _published(folder)
    html = (folder / "report.html").read_text(encoding="utf-8")
    table = next(t for t in table_cells(html) if t[0][-1:] == ["Aandeel van wie iets vertelde"])
    by_label = {row[0]: row for row in table[1:]}
    n_quoted = published["meta"]["n_quoted"]
    for theme in published["themes"]:
        row = by_label[theme["label"]["nl"]]
        cell = published["cells"][theme["n"]]
        if cell["status"] == "shown":
            assert row[1] == str(cell["value"])
            assert row[2] == f"{round(100 * cell['value'] / n_quoted)}%"
        else:
            assert row[1:] == ["genoemd", "–"]


# ---- guideline: Summary of Findings, trajectory, few sites ---------------------------------------

def test_summary_of_findings_statements_followup_and_footnotes(demo_reports):
    for programme in PROGRAMMES:
        for lang in LANGS:
            folder = _folder(demo_reports, programme, "guideline", lang)
            published = _published(folder)
            sof = evidence_view(published, lang)["sof"]
            text = " ".join(_visible_text((folder / "report.html").read_text()).split())
            primary = published["meta"]["primary_outcome"]
            assert sof["graded"][0] == primary
            # one plain-language statement per graded outcome shown, in the report language
            for outcome, statement in sof["statements"].items():
                assert statement in text
                assert ("bewijs" in statement) if lang == "nl" else ("evidence" in statement)
            # follow-up as a duration (protocol weeks) or said to be unknown; never "T0 → T1"
            weeks = {"kunst-op-recept": None, "in-beeld": 12, "welzijn-op-recept": 26}[programme]
            if weeks is None:
                assert sof["followup"] is None
            else:
                assert sof["followup"] == (f"{weeks} weken" if lang == "nl" else f"{weeks} weeks")
                assert sof["followup"] in text
            assert "T0 → T1" not in text and "T0 → T2" not in text
            for footnote in sof["footnotes"]:
                assert footnote in text and len(footnote.split()) >= 4  # a reason, not a mark
            # critical outcomes: primary + the protocol's secondary (else main scores);
            # subscales not listed are reported in the outcome table but not graded
            listed = published["meta"]["headline_outcomes"]
            assert sof["graded"] == [c for c in listed if c in sof["graded"]]
            assert set(sof["not_graded"]) == {o["outcome"] for o in published["outcomes"]} - set(
                sof["graded"])
            assert all(not c.endswith("_score") for c in sof["not_graded"])
            for outcome in sof["not_graded"]:
                label = next(o["label"][lang] for o in published["outcomes"]
                             if o["outcome"] == outcome)
                assert label in text
            if programme == "kunst-op-recept":
                assert sof["graded"] == ["pss10_score"] and len(sof["not_graded"]) == 2


def test_trajectory_figure_for_three_waves(demo_reports):
    published = _published(_folder(demo_reports, "welzijn-op-recept", "guideline", "nl"))
    series = published["figures"]["trajectory"]
    assert series and all(len(s["points"]) == 3 for s in series)
    assert [p["weeks"] for p in series[0]["points"]] == [0, 13, 26]
    for s in series:
        for p in s["points"]:
            assert p["ci_low"] < p["mean"] < p["ci_high"]
            assert p["n"] >= published["meta"]["min_cell_size"]
    html = (_folder(demo_reports, "welzijn-op-recept", "guideline", "nl") / "report.html"
            ).read_text(encoding="utf-8")
    assert "Verloop over de metingen" in html
    two_wave = _published(_folder(demo_reports, "in-beeld", "guideline", "nl"))
    assert two_wave["figures"]["trajectory"] == []


def test_few_sites_make_tau2_and_the_prediction_interval_very_uncertain(demo_reports):
    from impact.report.engine import Context, few_sites_sentence

    seen = 0
    for programme in PROGRAMMES:
        for lang in LANGS:
            folder = _folder(demo_reports, programme, "guideline", lang)
            published = _published(folder)
            text = " ".join(_visible_text((folder / "report.html").read_text()).split())
            ks = {p["k"] for p in published["pooled"]}
            sentence = few_sites_sentence(Context(published, lang, "guideline"),
                                          published["pooled"])
            if ks and min(ks) < 5:
                assert sentence in text
                seen += 1
            else:
                assert sentence == ""
    assert seen == 4  # In Beeld (3 groups) and Welzijn op Recept (4 sites), nl and en
    ctx = Context(published, "en", "guideline")
    assert few_sites_sentence(ctx, [{"k": 5}, {"k": 12}]) == ""
    assert few_sites_sentence(ctx, [{"k": 3}, {"k": 3}]) == (
        "With 3 sites (fewer than five) the between-site variance (tau²) and the prediction "
        "intervals in this table are very uncertain.")
    nl = Context(published, "nl", "guideline")
    assert few_sites_sentence(nl, [{"k": 4}]).startswith("Met 4 locaties (minder dan vijf)")


# ---- the protocol's report: section and the quotes CSV's selected column -------------------------

def test_branding_and_markdown_sections_in_html_pdf_and_docx(kor_dir, tmp_path):
    docx = pytest.importorskip("docx")
    import yaml

    from impact.report import render_report

    src = tmp_path / "data"  # a copy: the session's cohort folder stays as it is
    shutil.copytree(kor_dir, src)
    proto = yaml.safe_load((src / "protocol.yaml").read_text(encoding="utf-8"))
    proto["report"] = {
        "organisation": "Stichting Kunstbrug Leiden", "logo": "logo.png",
        "author": "Team Onderzoek",
        "sections": {"introduction": {"nl": "Dit rapport gaat over **Kunst op Recept** in Leiden.",
                                      "en": "About *Art on Prescription*."},
                     "lessons": {"nl": "Verwijzers vragen om *korte* terugkoppeling."}}}
    (src / "logo.png").write_bytes(PNG)
    protocol = src / "protocol-branded.yaml"
    protocol.write_text(yaml.safe_dump(proto, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "funder"
    written = render_report(src / "responses.csv", protocol, out, audience="funder",
                            lang="nl", formats=("html", "pdf", "docx"),
                            quotes=src / "quotes.csv", codings=src / "codings.csv",
                            quiet=True)
    html = written["html"].read_text(encoding="utf-8")
    for text in ("Stichting Kunstbrug Leiden", "Team Onderzoek",
                 "<strong>Kunst op Recept</strong>", "<em>korte</em>"):
        assert text in html
    assert 'class="impact-logo"' in html
    pdf_text = " ".join(" ".join(_pdf_pages(written["pdf"])).split())
    for text in ("Stichting Kunstbrug Leiden", "Team Onderzoek",
                 "Dit rapport gaat over Kunst op Recept in Leiden.",
                 "Verwijzers vragen om korte terugkoppeling."):
        assert text in pdf_text
    doc = docx.Document(str(written["docx"]))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Stichting Kunstbrug Leiden" in body and "Team Onderzoek" in body
    assert "Dit rapport gaat over Kunst op Recept in Leiden." in body
    assert "Verwijzers vragen om korte terugkoppeling." in body
    assert len(doc.inline_shapes) == html.count("<img")  # the logo and the chart
    summary = written["summary_html"].read_text(encoding="utf-8")
    assert "Stichting Kunstbrug Leiden" in summary and 'class="impact-logo"' in summary
    assert pdf_page_count(written["summary_pdf"]) == 1
    # what report writes is what the CLI owns in its --out folder
    from impact.commands._common import REPORT_OUTPUTS

    assert {p.name for p in out.iterdir()} <= set(REPORT_OUTPUTS)


def test_selected_quotes_come_first_and_unpublishable_ones_never(kor_dir):
    from impact.report.run import analyse_and_disclose

    quotes = pd.read_csv(kor_dir / "quotes.csv")
    codings = pd.read_csv(kor_dir / "codings.csv")
    plain = analyse_and_disclose(kor_dir / "responses.csv", kor_dir / "protocol.yaml",
                                 quotes=quotes, codings=codings)[1]
    theme = plain["quotes"][0]["code"]
    shown = {q["text"]["nl"] for q in plain["quotes"]}
    units = set(codings.loc[codings["code"] == theme, "unit"])
    # a quote of that theme that the automatic choice left out, marked selected
    pick = next(r for r in quotes.itertuples() if r.quote_id in units and r.text not in shown
                and len(r.text) >= 20)
    quotes["selected"] = quotes["quote_id"].eq(pick.quote_id)
    # and a selected quote whose speaker names themself: never shown
    bad = quotes.loc[quotes["quote_id"].isin(units)].index[-1]
    quotes.loc[bad, "text"] = "Ik heet Marieke Jansen en ik kom hier elke week graag naartoe."
    quotes.loc[bad, "selected"] = True
    chosen = analyse_and_disclose(kor_dir / "responses.csv", kor_dir / "protocol.yaml",
                                  quotes=quotes, codings=codings)[1]["quotes"]
    first = next(q for q in chosen if q["code"] == theme)
    assert first["text"]["nl"] == pick.text and first["chosen"] == "selected"
    assert not any("Ik heet" in q["text"][lang] for q in chosen for lang in LANGS)
    assert not any("Marieke" in q["text"][lang] for q in chosen for lang in LANGS)


def test_demo_command_prints_the_index_and_asks_for_every_format(tmp_path, monkeypatch, capsys):
    """`impact demo` renders html, pdf and docx by default and tells where the index is."""
    import argparse

    import impact.commands.demo_build
    from impact.commands import demo as demo_cmd

    seen = {}

    def fake_run_demo(out, *, seed, formats):
        seen["formats"] = formats
        return []

    monkeypatch.setattr(impact.commands.demo_build, "run_demo", fake_run_demo)
    parser = argparse.ArgumentParser()
    demo_cmd.add_arguments(parser)
    assert demo_cmd.run(parser.parse_args(["--out", str(tmp_path / "demo")])) == 0
    assert seen["formats"] == ("html", "pdf", "docx")
    assert str(tmp_path / "demo" / "index.html") in capsys.readouterr().out
    from impact.errors import InputError

    with pytest.raises(InputError, match="unknown format"):
        demo_cmd.run(parser.parse_args(["--out", str(tmp_path / "d2"), "--format", "html,odt"]))
