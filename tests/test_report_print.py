"""The demo as a reader meets it: a quiet command line and printed pages that look finished.

* ``make demo`` (``impact demo --out DIR --force``) prints its own lines only: the reports it
  wrote and where to open them; no library's INFO or DEBUG lines (deduce configures logging at
  import, papermill logs every cell). ``--verbose`` opts in to them, on stderr.
* No word of a table header is broken in any PDF ("Star t", "Eind e").
* No page is less than half full because the figure after it did not fit (the last page aside).
* No heading is a page's last line; the quotes start on the page of their section's heading.

The demo is rendered once per session (``demo_reports`` in conftest.py); the page checks read
the PDFs with poppler (tests/print_check.py).
"""

from __future__ import annotations

import html as htmllib
import logging
import re
import shutil
import subprocess
import sys

import pytest

from impact.i18n import messages

from .print_check import (_norm, broken_header_words, headings, headings_at_page_foot,
                          page_lines, underfilled_before_figures)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None
                                   or shutil.which("pdftoppm") is None, reason="needs poppler")


# ---- quiet --------------------------------------------------------------------------------------

def test_make_demo_prints_only_its_own_lines(demo_reports):
    printed = demo_reports.with_suffix(".stdout")
    if not printed.exists():
        pytest.skip(f"{printed} not written (IMPACT_TEST_DEMO_DIR without its stdout)")
    lines = printed.read_text(encoding="utf-8").splitlines()
    assert 0 < len(lines) <= 40, lines[:5]
    assert not [x for x in lines if "DEBUG" in x or "INFO" in x]
    # what it prints: every report it wrote, and the index to open
    written = [x for x in lines if x.endswith("report.html")]
    assert len(written) == len(list(demo_reports.rglob("report.html")))
    assert "index.html" in lines[-1]
    # and on stderr only its own notes: no library's warning (an unclosed event loop's
    # ResourceWarning once came through), no traceback
    errors = demo_reports.with_suffix(".stderr")
    if errors.exists():
        err = errors.read_text(encoding="utf-8")
        assert "Warning" not in err and "Traceback" not in err, err[:2000]
        assert len(err.splitlines()) <= 12, err[:2000]


def test_a_pool_threads_event_loop_is_closed_after_a_kernel_call():
    """EarlyKernel.execute runs in a pool thread; jupyter_core makes that thread an event loop,
    which is closed after the call (left open, its ResourceWarning reached the demo's output);
    the main thread's loop is left alone."""
    import asyncio
    import threading

    from jupyter_core.utils import ensure_event_loop

    from impact.report.render import _close_thread_loop

    seen = {}

    def work():
        loop = ensure_event_loop()
        _close_thread_loop()
        seen["closed"] = loop.is_closed()
        seen["again"] = not ensure_event_loop().is_closed()   # a later call gets a new one
        _close_thread_loop()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen == {"closed": True, "again": True}
    main_loop = asyncio.new_event_loop()
    asyncio.set_event_loop(main_loop)
    try:
        _close_thread_loop()
        assert not main_loop.is_closed()
    finally:
        asyncio.set_event_loop(None)
        main_loop.close()


def test_verbose_opts_in_to_the_libraries_log_lines(capsys):
    from impact.cli import main

    assert main(["instruments", "--verbose"]) == 0
    logging.getLogger("papermill").info("papermill executes a cell")
    logging.getLogger("impact.report").debug("a debug line")
    captured = capsys.readouterr()
    assert "papermill executes a cell" in captured.err and "a debug line" in captured.err
    assert "papermill" not in captured.out
    assert main(["instruments"]) == 0
    logging.getLogger("papermill").info("papermill executes another cell")
    logging.getLogger("traitlets").debug("traitlets connects")
    logging.getLogger("impact").warning("a warning stays")
    captured = capsys.readouterr()
    assert "another cell" not in captured.err + captured.out
    assert "traitlets" not in captured.err + captured.out
    assert "a warning stays" in captured.err and "a warning stays" not in captured.out


def test_importing_deduce_leaves_the_root_logger_as_it_was():
    """deduce runs ``logging.basicConfig(stream=sys.stdout, level=DEBUG)`` at import."""
    pytest.importorskip("deduce")
    code = ("import logging, sys\n"
            "from impact.qual.deid import _import_deduce\n"
            "_import_deduce()\n"
            "logging.getLogger('papermill').info('a library line')\n"
            "print(len(logging.getLogger().handlers), logging.getLogger().level)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["0", str(logging.WARNING)]
    assert "a library line" not in out.stdout + out.stderr


# ---- print --------------------------------------------------------------------------------------

def _pdfs(root):
    return sorted(p for p in root.rglob("*.pdf") if p.with_suffix(".html").exists())


@needs_poppler
def test_no_word_of_a_table_header_is_broken_in_any_pdf(demo_reports):
    pdfs = _pdfs(demo_reports)
    assert len(pdfs) >= 28  # 12 reports and their summaries, 2 monitor and 2 synthesis reports
    broken = {str(p.relative_to(demo_reports)): words for p in pdfs
              if (words := broken_header_words(p.with_suffix(".html"), p))}
    assert broken == {}


@needs_poppler
def test_no_page_is_left_half_empty_before_a_figure(demo_reports, tmp_path):
    """(The check itself is tested on a page built to fail, below.)"""
    reports = sorted(demo_reports.rglob("report.pdf"))
    assert len(reports) >= 16
    under = {}
    for k, pdf in enumerate(reports):
        if found := underfilled_before_figures(pdf, tmp_path / f"{k}"):
            under[str(pdf.relative_to(demo_reports))] = found
    assert under == {}


@needs_poppler
def test_no_heading_ends_a_page_and_quotes_start_under_their_heading(demo_reports, tmp_path):
    """A heading is never a page's last line, and the quotes section's heading, introduction
    and first theme are printed on one page with that theme's first quote."""
    reports = sorted(demo_reports.rglob("report.pdf"))
    foot = {str(p.relative_to(demo_reports)): found for p in reports
            if (found := headings_at_page_foot(p.with_suffix(".html"), p, tmp_path / p.parent.name))}
    assert foot == {}
    checked = 0
    for pdf in reports:
        html_text = pdf.with_suffix(".html").read_text(encoding="utf-8")
        if 'id="voices"' not in html_text:
            continue
        voices = html_text[html_text.index('id="voices"'):]
        title, first_theme = headings(voices)[:2]
        first_quote = re.search(r'<blockquote class="impact-quote"><p>(.*?)</p>', voices).group(1)
        first_words = " ".join(_norm(htmllib.unescape(first_quote)).split()[:4])
        page = next(lines for lines in page_lines(pdf) if title in lines)
        assert first_theme in page and first_words in " ".join(page), (pdf, page[-6:])
        # a quote is never torn from who said it: no page opens with a role line alone
        lang = "en" if pdf.parent.name.endswith("en") else "nl"
        roles = {v for k, v in messages(lang).items() if k.startswith("funder_role_")}
        opening = [lines[0] for lines in page_lines(pdf) if lines]
        assert not set(opening) & roles, (pdf, opening)
        checked += 1
    assert checked == 6          # the funder reports of the three programmes with quotes, nl, en


@needs_poppler
def test_the_page_checks_see_a_broken_header_and_a_half_empty_page(tmp_path):
    """Control: a header printed in a narrow column with words broken anywhere, and a page
    half empty because a tall figure follows, are both found."""
    from impact.report import deliver

    if deliver.find_chromium() is None:
        pytest.skip("needs chromium")
    html = ('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><style>'
            '@page{size:A4;margin:18mm 17mm 20mm 17mm}'
            'th{overflow-wrap:anywhere;width:1px;font-size:14pt}</style></head><body>'
            '<table><tr><th>Verbeterd</th><th>Uitkomst</th></tr><tr><td>1</td><td>2</td></tr>'
            '</table><p>Een alinea.</p>'
            '<figure><svg width="170mm" height="200mm"><rect width="100%" height="100%" '
            'fill="#336"/></svg></figure>'
            '</body></html>')
    path = tmp_path / "bad.html"
    path.write_text(html, encoding="utf-8")
    pdf = deliver._print(html, tmp_path / "bad.pdf", 120)
    assert set(broken_header_words(path, pdf)) == {"Verbeterd", "Uitkomst"}
    assert [page for page, _ in underfilled_before_figures(pdf, tmp_path / "pages")] == [1]
