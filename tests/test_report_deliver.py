"""Deliverables read back as a user would: A4 PDF with page numbers and nothing outside the
printable area, an editable DOCX that LibreOffice opens, a one-page summary, an 800 px window
without horizontal scrolling, the demo index.

The report is the fixture of tests/deliver_fixture.py (the engine's shape, wide Dutch tables);
the coordinator's end-to-end tests run the same checks on every demo report.
"""

from __future__ import annotations

import re
from html import unescape as html_unescape
import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from impact.report import deliver
from impact.report.deliver import (PAGE_MARGINS_MM, docx_from_html, mark_wide_tables,
                                   pdf_from_html, pdf_page_count, print_css, print_ready_html,
                                   summary_pdf, title_block, write_deliverables, write_index)

from .deliver_fixture import PNG, report_html, summary_html, table_cells

needs_chromium = pytest.mark.skipif(deliver.find_chromium() is None, reason="needs chromium")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
needs_pandoc = pytest.mark.skipif(deliver.find_pandoc() is None, reason="needs pandoc")
MM = 72 / 25.4


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00ad", "")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture report as HTML, PDF and DOCX (built once for this module)."""
    if deliver.find_chromium() is None or deliver.find_pandoc() is None:
        pytest.skip("needs chromium and pandoc")
    folder = tmp_path_factory.mktemp("report")
    html_path = folder / "report.html"
    html_path.write_text(report_html(folder), encoding="utf-8")
    pdf = pdf_from_html(html_path, folder / "report.pdf")
    docx = docx_from_html(html_path, folder / "report.docx", title="Kunst op Recept Leiden")
    return {"folder": folder, "html": html_path, "pdf": pdf, "docx": docx,
            "text": html_path.read_text(encoding="utf-8")}


def _pdf_pages(pdf) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


@needs_poppler
def test_pdf_is_a4_with_page_numbers(built):
    n = pdf_page_count(built["pdf"])
    assert n >= 3  # the long theme table breaks over pages
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(n), str(built["pdf"])],
                          capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == n
    for w, h in sizes:
        assert abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1
    pages = _pdf_pages(built["pdf"])
    assert len(pages) == n
    for k, page in enumerate(pages, start=1):
        assert f"pagina {k} van {n}" in page


@needs_poppler
def test_no_word_outside_the_printable_area(built, tmp_path):
    bbox = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-bbox", str(built["pdf"]), str(bbox)], check=True)
    text = bbox.read_text(encoding="utf-8")
    top, right, bottom, left = (m * MM for m in PAGE_MARGINS_MM)
    outside = []
    words = 0
    for page in re.findall(r"<page [^>]*>.*?</page>", text, re.S):
        w, h = map(float, re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        page_words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                r'yMax="([\d.]+)">([^<]*)</word>', page)
        # the page number sits in the bottom margin box by design
        footer = [x for x in page_words if float(x[1]) > h - bottom]
        assert " ".join(x[4] for x in footer).startswith("pagina")
        for x0, y0, x1, y1, word in page_words:
            words += 1
            if (x0, y0, x1, y1, word) in footer:
                continue
            if (float(x0) < left - 1 or float(x1) > w - right + 1 or float(y0) < top - 1):
                outside.append(word)
            if float(y1) > h - bottom + 1:
                outside.append(word)
    assert words > 500
    assert outside == []


@needs_poppler
def test_pdf_shows_every_table_cell(built):
    """Each word of each table cell of the HTML is in the PDF's text (nothing clipped)."""
    pdf_words = set()
    for page in _pdf_pages(built["pdf"]):
        pdf_words.update(_norm(page).split())

    def pieced(word):
        """A word broken over lines in a narrow cell: consecutive PDF words that make it up."""
        ok = [True] + [False] * len(word)
        for i in range(len(word)):
            if ok[i]:
                for j in range(i + 1, len(word) + 1):
                    if word[i:j] in pdf_words:
                        ok[j] = True
        return ok[-1]

    missing = []
    for table in table_cells(built["text"]):
        for row in table:
            for cell in row:
                for word in _norm(cell).split():
                    if word not in pdf_words and not pieced(word):
                        missing.append(word)
    assert missing == []
    # the numbers of the wide outcomes table are never broken inside a number
    assert "−6,3" in pdf_words and "(−10,0" in pdf_words and "0,001" in pdf_words


@needs_poppler
def test_branding_in_pdf(built):
    text = "".join(_pdf_pages(built["pdf"]))
    assert "Stichting Kunstbrug Leiden" in text and "Team Onderzoek" in text
    assert "richtlijnmakers en commissies" in text and "29 november 2026" in text
    assert "Dit rapport gaat over Kunst op Recept in Leiden." in " ".join(text.split())


def test_docx_reads_back_with_python_docx(built):
    docx = pytest.importorskip("docx")
    doc = docx.Document(str(built["docx"]))
    headings = [(p.style.name, p.text) for p in doc.paragraphs
                if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Kunst op Recept Leiden (synthetisch)") in headings
    assert ("Heading 2", "Uitkomsten voor en na") in headings
    assert ("Heading 3", "Wat de cijfers zeggen") in headings
    # the same tables, cell for cell (the same numbers as the HTML)
    html_tables = table_cells(built["text"])
    assert len(doc.tables) == len(html_tables)
    for table, expected in zip(doc.tables, html_tables):
        got = [[c.text.strip() for c in row.cells] for row in table.rows]
        assert got == expected
    # figures embedded: the logo and the change chart
    assert len(doc.inline_shapes) == built["text"].count("<img")
    logo, chart = doc.inline_shapes[0], doc.inline_shapes[1]
    assert abs(logo.height.mm - 12.7) < 0.5  # a logo, not a full-width picture
    assert 170 < chart.width.mm <= 176.1  # the chart fills the text width of A4 (176 mm)
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert "pagina" in " ".join(p.text for p in section.footer.paragraphs)
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Stichting Kunstbrug Leiden" in body and "Verwijzers vragen om korte terugkoppeling." in body
    assert doc.core_properties.title == "Kunst op Recept Leiden"


def test_docx_figures_are_pictures_with_their_alt_text(built):
    """Figures reach Word as picture files with the HTML's alt text as their title, not as the
    data: text of the HTML (which pandoc copied into the document's XML, and read slowly)."""
    import zipfile

    with zipfile.ZipFile(built["docx"]) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    alts = [html_unescape(a) for a in re.findall(r'<img\b[^>]*\balt="([^"]*)"', built["text"])]
    assert "base64" not in xml and len(media) == len(alts) >= 2
    titles = [html_unescape(t) for t in re.findall(r'<wp:docPr\b[^>]*\btitle="([^"]*)"', xml)]
    assert titles == alts and all(alts)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
@needs_poppler
def test_docx_converts_with_libreoffice(built, tmp_path):
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(built["docx"])],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.exists()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "A4" in info
    n = pdf_page_count(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert f"pagina {n} van {n}" in text
    assert "−6,3 (−10,0 tot −3,0)" in " ".join(text.split()) or "−6,3" in text


def page_width_at_800px(text: str, tmp_path) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of a page in headless Chromium with an 800 px window."""
    probe = tmp_path / "probe.html"
    script = ("<script>window.addEventListener('load',function(){document.title='W='+"
              "document.documentElement.scrollWidth+';C='+document.documentElement.clientWidth;"
              "});</script>")
    probe.write_text(text.replace("</body>", script + "</body>"), encoding="utf-8")
    dom = deliver._chromium(["--window-size=800,1000", "--dump-dom", probe.as_uri()], 120).stdout
    m = re.search(rb"<title>W=(\d+);C=(\d+)</title>", dom)
    assert m, dom[:300]
    return int(m.group(1)), int(m.group(2))


@needs_chromium
def test_html_fits_800px_window(built, tmp_path):
    """Headless Chromium at 800 px: the page is no wider than the window."""
    scroll, client = page_width_at_800px(built["text"], tmp_path)
    assert client <= 800 and scroll <= client
    # the same page without the deliverable stylesheet scrolls sideways (the test can fail)
    bare = report_html(built["folder"], with_css=False)
    scroll, client = page_width_at_800px(bare, tmp_path)
    assert scroll > client


@needs_chromium
@needs_poppler
@pytest.mark.parametrize("paragraphs", [1, 14])
def test_summary_is_one_a4_page(tmp_path, paragraphs):
    html_path = tmp_path / "summary.html"
    html_path.write_text(summary_html(paragraphs=paragraphs), encoding="utf-8")
    pdf = summary_pdf(html_path, tmp_path / "summary.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert "A4" in info
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True).stdout.split())
    assert "pagina" not in text  # one page needs no page number
    # nothing cut off: the last paragraph and the quote are on the page
    assert "Ik durfde weer iets te maken." in text
    assert text.count("gaven en dat zij weer contact") >= 3 * paragraphs


def test_index_links_every_deliverable_in_both_languages(tmp_path):
    folder = tmp_path / "kunst-op-recept" / "funder-nl"
    folder.mkdir(parents=True)
    for name in ("report.html", "report.pdf", "report.docx", "summary.pdf"):
        (folder / name).write_text("x")
    entries = [{"title": "Kunst op Recept Leiden", "audience": "funder", "lang": "nl",
                "html": folder / "report.html", "pdf": folder / "report.pdf",
                "docx": folder / "report.docx", "summary_pdf": folder / "summary.pdf",
                "summary_html": folder / "summary.html"},  # absent: not linked
               {"title": "Art <on> Prescription", "audience": "guideline", "lang": "en",
                "html": "in-beeld/guideline-en/report.html"}]
    index = write_index(tmp_path, entries)
    page = index.read_text(encoding="utf-8")
    assert '<section lang="nl"' in page and '<section lang="en"' in page
    assert "Voorbeeldrapporten" in page and "Demo reports" in page
    for name in ("report.html", "report.pdf", "report.docx", "summary.pdf"):
        assert page.count(f'href="kunst-op-recept/funder-nl/{name}"') == 2
    assert "summary.html" not in page and "in-beeld" not in page
    assert "Art &lt;on&gt; Prescription" in page and "<on>" not in page
    assert "financiers en opdrachtgevers" in page and "guideline committees" in page
    with pytest.raises(ValueError, match="outside"):
        write_index(folder, [{"title": "x", "audience": "funder", "lang": "nl",
                              "html": tmp_path / "elsewhere.html"}])


def test_title_block_and_css_pieces():
    block = title_block("A <b>title</b>", lang="nl", organisation="O & co", programme="P",
                        audience="funder", logo_uri="data:image/png;base64,iVBOR=")
    assert "A &lt;b&gt;title&lt;/b&gt;" in block and "O &amp; co" in block
    assert "financiers en opdrachtgevers" in block and "Programma" in block
    with pytest.raises(ValueError):
        title_block("t", logo_uri="https://example.org/logo.png")
    css = print_css("nl", footer='Stichting "X"')
    assert 'counter(page) " van " counter(pages)' in css and "size:A4" in css
    assert '"pagina "' in css and "Stichting \\22 X\\22 " in css
    assert 'counter(page) " of " counter(pages)' in print_css("en")
    marked = mark_wide_tables("<table><tr>" + "<td>1,0</td>" * 9 + "</tr></table>"
                              + '<table class="x"><tr><td>a</td><td>b</td></tr></table>')
    assert 'class="impact-very-wide"' in marked and 'class="x"' in marked
    assert marked.count('class="impact-num"') == 9
    ready = print_ready_html('<html lang="en"><head></head><body></body></html>')
    assert "page \" counter(page)" in ready
    assert print_ready_html(ready) == ready


@needs_pandoc
def test_docx_refuses_external_images(tmp_path):
    page = tmp_path / "r.html"
    page.write_text('<html><body><img src="https://tracker.example/x.png"></body></html>')
    with pytest.raises(ValueError, match="outside the file"):
        docx_from_html(page, tmp_path / "r.docx")
    assert PNG  # the fixture's logo stays a data URI (see test_docx_reads_back_with_python_docx)


@needs_chromium
@needs_poppler
def test_shared_printer_prints_the_same_pages(built, tmp_path):
    """The batch printer (one Chromium over DevTools) gives the same A4 pages as the CLI print."""
    with deliver.Printer() as printer:
        a = pdf_from_html(built["html"], tmp_path / "a.pdf", printer=printer)
        b = pdf_from_html(built["html"], tmp_path / "b.pdf", printer=printer)
    assert pdf_page_count(a) == pdf_page_count(b) == pdf_page_count(built["pdf"])
    assert _pdf_pages(a) == _pdf_pages(built["pdf"])


@needs_poppler
def test_no_page_ends_with_a_heading(built):
    """Headings are kept with what follows: none is the last line of its page."""
    headings = [html_unescape(re.sub(r"<[^>]+>", "", h)).strip()
                for h in re.findall(r"<h[1-4]\b[^>]*>(.*?)</h[1-4]>", built["text"], re.S)]
    assert len(headings) >= 8
    pages = _pdf_pages(built["pdf"])
    for number, page in enumerate(pages, start=1):
        lines = [" ".join(line.split()) for line in page.splitlines()]
        lines = [line for line in lines if line and not line.startswith("pagina ")]
        assert lines, f"page {number} is empty"
        assert lines[-1] not in headings, f"page {number} ends with heading {lines[-1]!r}"


cell_text = st.text(alphabet=st.sampled_from(list("abc 019,.−()<>&%tovan")), max_size=25)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(cell_text, min_size=1, max_size=12), min_size=1, max_size=5))
def test_table_marking_changes_no_text_and_is_idempotent(rows):
    import html as _h

    page = ('<table class="impact-table">' + "".join(
        "<tr>" + "".join(f"<td>{_h.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        + "</table>")
    marked = mark_wide_tables(page)
    assert mark_wide_tables(marked) == marked
    assert table_cells(marked) == table_cells(page)
    width = max(len(r) for r in rows)
    assert ("impact-very-wide" in marked) == (width >= 9)
    assert ("impact-wide" in marked.replace("impact-very-wide", "")) == (6 <= width < 9)


@needs_chromium
@needs_poppler
@needs_pandoc
def test_funder_summary_page_and_write_deliverables(built, tmp_path):
    """A funder summary (reach, the change chart, two quotes, partners): one page, fits 800 px."""
    from .deliver_fixture import _chart

    folder = tmp_path / "funder-nl"
    folder.mkdir()
    (folder / "report.html").write_text(built["text"], encoding="utf-8")
    chart = _chart()
    page = deliver.summary_document(
        "Kunst op Recept Leiden: samenvatting", [
            ("Bereik", "<p>35 mensen aangemeld, 20 op beide momenten gemeten.</p>"),
            ("Wat veranderde", chart.embed()),
            ("In hun woorden", "<blockquote>Ik durfde weer iets te maken.</blockquote>"
                               "<blockquote>De groep hielp elkaar.</blockquote>"),
            ("Partners", "<ul><li>Bibliotheek Leiden</li><li>Huisartsen Leiden Zuidwest</li></ul>")],
        lang="nl", header=title_block("Kunst op Recept Leiden", lang="nl",
                                      organisation="Stichting Kunstbrug Leiden",
                                      audience="funder"))
    with deliver.Printer() as printer:
        written = write_deliverables(folder / "report.html", summary_html=page,
                                     title="Kunst op Recept Leiden", printer=printer)
    assert sorted(written) == ["docx", "html", "pdf", "summary_html", "summary_pdf"]
    assert all(p.parent == folder and p.exists() for p in written.values())
    assert pdf_page_count(written["summary_pdf"]) == 1
    assert pdf_page_count(written["pdf"]) == pdf_page_count(built["pdf"])
    text = " ".join(subprocess.run(["pdftotext", str(written["summary_pdf"]), "-"],
                                   capture_output=True, text=True).stdout.split())
    for words in ("Bereik", "35 mensen aangemeld", "Huisartsen Leiden Zuidwest",
                  "De groep hielp elkaar.", "Stichting Kunstbrug Leiden"):
        assert words in text
    scroll, client = page_width_at_800px(page, tmp_path)
    assert scroll <= client
    with pytest.raises(ValueError, match="format"):
        write_deliverables(folder / "report.html", formats=("odt",))


def test_headings_are_kept_with_the_block_under_them():
    """A heading and the block under it (a sentence and the figure or table it introduces,
    both) are one unbreakable block on paper; idempotent; lists and later paragraphs are left
    to flow."""
    from impact.report.deliver import keep_headings_with_next as keep

    page = ('<h2>A</h2><figure><img src="x"></figure><h3 id="q">B</h3>\n<p>t</p><p>u</p>'
            '<h2>C</h2><ul><li>x</li></ul><h4>D</h4><p>intro</p><table><tr><td>1</td></tr>'
            '</table><h3>E</h3><blockquote><p>“q”</p><footer>r</footer></blockquote>'
            '<h2>F</h2><p>intro</p><p class="n">note</p><table><tr><td>2</td></tr></table>'
            '<h2>G</h2><p>a</p><p>b</p><p>c</p><figure></figure>')
    out = keep(page)
    assert out == ('<div class="impact-keep"><h2>A</h2><figure><img src="x"></figure></div>'
                   '<div class="impact-keep"><h3 id="q">B</h3>\n<p>t</p></div><p>u</p>'
                   '<h2>C</h2><ul><li>x</li></ul>'
                   '<div class="impact-keep"><h4>D</h4><p>intro</p><table><tr><td>1</td></tr>'
                   '</table></div><div class="impact-keep"><h3>E</h3><blockquote><p>“q”</p>'
                   '<footer>r</footer></blockquote></div>'
                   '<div class="impact-keep"><h2>F</h2><p>intro</p><p class="n">note</p>'
                   '<table><tr><td>2</td></tr></table></div>'
                   '<div class="impact-keep"><h2>G</h2><p>a</p></div><p>b</p><p>c</p>'
                   '<figure></figure>')
    assert keep(out) == out
