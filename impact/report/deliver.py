"""Deliverables from one report HTML: A4 PDF with page numbers, editable DOCX, one-page summary,
and the demo index.

The report engine writes one self-contained HTML file (figures as ``data:`` URIs). Everything a
user can send on is made from that file, so the PDF and the DOCX show exactly what the HTML shows
(the same disclosure):

* :func:`report_css` - the stylesheet the engine puts in the HTML ``<head>``: fits an 800 px window
  without horizontal scrolling; in print A4 with margins, page numbers in the report language
  ("pagina 3 van 12", CSS ``@page`` margin boxes, Chromium >= 131), headings kept with what
  follows, table rows never split, tables that wrap instead of clipping (wide tables get a smaller
  font: :func:`mark_wide_tables`), figures sized to the page.
* :func:`title_block` - organisation, logo, title, programme, date, audience, author.
* :func:`pdf_from_html` - print with headless Chromium (no network, no header/footer of its own).
* :func:`docx_from_html` - pandoc with a committed reference document per language
  (``data/reference-nl.docx``, ``data/reference-en.docx``, made by
  ``scripts/make_reference_docx.py``): headings as Word headings, tables as Word tables, figures
  embedded, A4, page numbers in the footer.
* :func:`summary_pdf` - one A4 page, always: the content is scaled to the page by a measured zoom,
  and the page count is checked.
* :func:`write_index` - a Dutch and English index page linking every deliverable.
"""

from __future__ import annotations

import base64
import html as _html
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

__all__ = ["report_css", "print_css", "title_block", "mark_wide_tables", "keep_headings_with_next",
           "print_ready_html",
           "pdf_from_html", "docx_from_html", "summary_pdf", "write_index", "pdf_page_count",
           "find_chromium", "find_pandoc", "reference_docx", "A4_MM", "PAGE_MARGINS_MM", "Printer",
           "summary_document", "write_deliverables", "data_uri"]

_DATA = Path(__file__).with_name("data")
A4_MM = (210.0, 297.0)
# top, right, bottom, left; the bottom margin holds the page number
PAGE_MARGINS_MM = (18.0, 17.0, 20.0, 17.0)
SUMMARY_MARGIN_MM = 12.0
_MARKER = 'id="impact-deliver-css"'

# Columns from which a table is "wide" / "very wide" (smaller font, tighter cells).
WIDE_COLUMNS = 6
VERY_WIDE_COLUMNS = 9


@lru_cache(maxsize=1)
def _labels() -> dict:
    from ..i18n import languages, messages

    return ({lang: messages(lang)["frame"] for lang in languages()}
            | {"charts": {lang: messages(lang)["charts"] for lang in languages()}})


def _locale_tag(lang) -> str:
    """The BCP 47 tag of a language (``nl-NL``), from its locale entry."""
    from ..i18n import locale

    return locale(lang).get("tag") or lang


def _languages() -> tuple:
    from ..i18n import languages

    return languages()


def _lang(lang) -> str:
    from ..i18n import languages

    if lang not in languages():
        raise ValueError(f"language must be one of {languages()}, got {lang!r}")
    return lang


def _esc(text) -> str:
    return _html.escape(str(text), quote=True)


def _css_string(text: str) -> str:
    """A CSS string literal (double quotes) holding ``text`` safely."""
    out = []
    for ch in str(text):
        if ch in '"\\' or ord(ch) < 0x20 or ch in "<>":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def print_css(lang: str = "en", footer: str | None = None) -> str:
    """The ``@page`` rules: A4, print margins, "pagina N van M" bottom right, ``footer`` left.

    Uses CSS Paged Media margin boxes with ``counter(page)`` and ``counter(pages)``, which
    Chromium prints since version 131.
    """
    words = _labels()[_lang(lang)]["page_of"]
    before, rest = words.split("{page}")
    middle, after = rest.split("{pages}")
    content = (f"{_css_string(before)} counter(page) {_css_string(middle)} counter(pages)"
               f" {_css_string(after)}")
    top, right, bottom, left = PAGE_MARGINS_MM
    box = 'font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:8pt;color:#555'
    left_box = (f"@bottom-left{{content:{_css_string(footer)};{box}}}" if footer else "")
    return (f"@page{{size:A4 portrait;margin:{top}mm {right}mm {bottom}mm {left}mm;"
            f"@bottom-right{{content:{content};{box}}}{left_box}}}\n")


def report_css(lang: str = "en", footer: str | None = None) -> str:
    """Complete stylesheet of a deliverable: screen (800 px and up) and A4 print."""
    return (_DATA / "deliver.css").read_text(encoding="utf-8") + print_css(lang, footer)


def title_block(title: str, *, lang: str = "en", organisation: str | None = None,
                programme: str | None = None, date=None, audience: str | None = None,
                author: str | None = None, logo_uri: str | None = None) -> str:
    """The report's title block as HTML (every value escaped).

    ``audience`` is ``funder`` or ``guideline`` (printed in the reader's words) or free text;
    ``date`` a ``datetime.date`` (printed as 29 november 2026 / 29 November 2026) or text;
    ``logo_uri`` a ``data:image/png|jpeg;base64,`` URI (see :mod:`impact.io.branding`).
    """
    words = _labels()[_lang(lang)]
    rows = []
    if programme:
        rows.append((words["programme"], programme))
    if date is not None:
        rows.append((words["date"], _format_date(date, lang)))
    if audience:
        rows.append((words["audience"], words["audiences"].get(audience, audience)))
    if author:
        rows.append((words["author"], author))
    logo = ""
    if logo_uri:
        if not re.match(r"^data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+$", logo_uri):
            raise ValueError("logo_uri must be a data:image/png or data:image/jpeg base64 URI")
        alt = _esc(organisation or "logo")
        # height as an attribute too: pandoc sizes the Word picture from it (CSS is ignored there)
        logo = f'<img class="impact-logo" src="{logo_uri}" alt="{alt}" height="48">'
    org = (f'<p class="impact-organisation">{_esc(organisation)}</p>' if organisation else "")
    dl = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in rows)
    return (f'<header class="impact-titleblock">{logo}<div class="impact-titleblock-text">{org}'
            f"<h1>{_esc(title)}</h1>" + (f"<dl>{dl}</dl>" if dl else "") + "</div></header>")


def _format_date(value, lang: str) -> str:
    import datetime as _dt

    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        from ..i18n import locale

        loc = locale(lang)
        months = loc.get("months") or locale(loc.get("fallback") or "en").get("months")
        return f"{value.day} {months[value.month - 1]} {value.year}"
    return str(value)


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S | re.I)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S | re.I)
_CELL = re.compile(r"<t[hd]\b([^>]*)>", re.I)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.I)


def _columns(table_html: str) -> int:
    best = 0
    for row in _ROW.findall(table_html):
        n = 0
        for attrs in _CELL.findall(row):
            span = _COLSPAN.search(attrs)
            n += int(span.group(1)) if span else 1
        best = max(best, n)
    return best


_TD = re.compile(r"<td\b([^>]*)>(.*?)</td>", re.S | re.I)
_NUMERIC = re.compile(r"^[\s\d.,%()\[\]<>≤≥=±~+\-−–/:;*]*\d[\s\d.,%()\[\]<>≤≥=±~+\-−–/:;*]*$")


def _is_numeric(text: str) -> bool:
    """A cell of numbers: digits and signs, with "tot"/"to" between interval bounds."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    text = re.sub(r"\b(tot|to|van|of)\b", " ", text)
    return bool(_NUMERIC.match(text)) and len(text) <= 40


def _mark_numeric_cells(table: str) -> str:
    def mark(match):
        attrs, inner = match.group(1), match.group(2)
        if not _is_numeric(inner) or "impact-num" in attrs:
            return match.group(0)
        klass = re.search(r"\bclass\s*=\s*\"([^\"]*)\"", attrs)
        if klass:
            attrs = attrs[:klass.start(1)] + klass.group(1) + " impact-num" + attrs[klass.end(1):]
        else:
            attrs = attrs + ' class="impact-num"'
        return f"<td{attrs}>{inner}</td>"

    return _TD.sub(mark, table)


_TH = re.compile(r"(<th\b[^>]*>)(.*?)(</th>)", re.S | re.I)
_HYPHENATED = re.compile(r"[^\s<>]+[-\u2010\u2013\u2014/][^\s<>]+")  # - ‐ – — /


def _keep_header_words(table: str) -> str:
    """Header words with a hyphen, dash or slash (``Hodges-Lehmann-schatting``, ``(95%-BI)``,
    ``2019–2025``) in a ``<span class="impact-nobr">``: a browser may otherwise break a line
    after the hyphen, and the stylesheet (``th``: ``word-break: keep-all``, no hyphenation)
    keeps every other header word whole."""
    def keep(match):
        if "impact-nobr" in match.group(2):
            return match.group(0)
        parts = re.split(r"(<[^>]+>)", match.group(2))  # text between tags only
        inner = "".join(p if p.startswith("<") else _HYPHENATED.sub(
            lambda w: f'<span class="impact-nobr">{w.group(0)}</span>', p) for p in parts)
        return match.group(1) + inner + match.group(3)

    return _TH.sub(keep, table)


def mark_wide_tables(html: str, cells: bool = True) -> str:
    """Prepare tables to fit: mark wide tables and cells of numbers.

    Adds class ``impact-wide`` (>= 6 columns) or ``impact-very-wide`` (>= 9) to tables, which the
    stylesheet gives a smaller font and tighter cells, and ``impact-num`` to cells that hold only
    numbers (an estimate with its interval), which never break inside a number (``cells=False``
    leaves the cells as they are; the engine can write ``class="impact-num"`` itself). Text cells
    wrap, breaking a long word where they must (``overflow-wrap: anywhere``), so a table fits an
    A4 page in portrait and an 800 px window; header words are never broken (their column is as
    wide as the longest, :func:`_keep_header_words`).
    """
    def mark(match):
        table = _mark_numeric_cells(match.group(0)) if cells else match.group(0)
        table = _keep_header_words(table)
        n = _columns(table)
        cls = ("impact-very-wide" if n >= VERY_WIDE_COLUMNS
               else "impact-wide" if n >= WIDE_COLUMNS else None)
        if cls is None:
            return table
        head = re.match(r"<table\b[^>]*>", table, re.I).group(0)
        klass = re.search(r"\bclass\s*=\s*\"([^\"]*)\"", head)
        if klass:
            if cls in klass.group(1).split():
                return table
            new_head = head[:klass.start(1)] + klass.group(1) + " " + cls + head[klass.end(1):]
        else:
            new_head = head[:-1] + f' class="{cls}">'
        return new_head + table[len(head):]

    return _TABLE.sub(mark, html)


def _html_lang(html: str) -> str | None:
    m = re.search(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})", html, re.I)
    return m.group(1).lower() if m else None


# a section heading and the block right after it, or its sentence (and a note) and the figure or
# table they introduce (none of these blocks nests in itself)
_HEADING_AND_NEXT = re.compile(
    r'(?<!<div class="impact-keep">)(<h([234])\b[^>]*>(?:(?!</h\2>).)*</h\2>\s*'
    r'(?:(?:<p\b(?:(?!</p>).)*</p>\s*){1,2}(?=<(?:figure|table)\b))?'
    r'<(figure|table|p|blockquote)\b.*?</\3>)', re.S | re.I)


def keep_headings_with_next(html: str) -> str:
    """Every ``h2``-``h4`` heading and the figure, table, paragraph or quote right after it (one
    or two paragraphs and the figure or table they introduce, all) wrapped in
    ``<div class="impact-keep">``, never broken across pages: Chromium does not always honour
    ``break-after: avoid`` before a block that cannot be broken, and printed a heading as a
    page's last line with its figure or quotes on the next page. Idempotent."""
    return _HEADING_AND_NEXT.sub(lambda m: f'<div class="impact-keep">{m.group(1)}</div>', html)


def print_ready_html(html: str, lang: str | None = None, footer: str | None = None,
                     mark_cells: bool = True) -> str:
    """The HTML with the deliverable stylesheet in its ``<head>``, wide tables marked and each
    heading kept with the block after it (:func:`keep_headings_with_next`).

    Idempotent: a page that already carries the stylesheet (the engine put it there) only gets
    its tables marked. ``mark_cells=False`` keeps every ``<td>`` as written (see
    :func:`mark_wide_tables`).
    """
    lang = lang or _html_lang(html) or "en"
    html = keep_headings_with_next(mark_wide_tables(html, cells=mark_cells))
    if _MARKER in html:
        return html
    style = f"<style {_MARKER}>{report_css(lang, footer)}</style>"
    if re.search(r"</head>", html, re.I):
        return re.sub(r"</head>", lambda m: style + "</head>", html, count=1, flags=re.I)
    return style + html


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def find_pandoc() -> str | None:
    return shutil.which("pandoc")


def _chromium(args: list[str], timeout: int) -> subprocess.CompletedProcess:
    """Run headless Chromium with a throw-away profile and nothing that reaches the network."""
    from ..errors import InputError

    browser = find_chromium()
    if browser is None:
        raise InputError("PDF needs headless Chromium, which is not installed (Debian: apt-get "
                         "install chromium); HTML was written", rule="pdf needs a browser engine")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}", *args]
        return subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)


_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-extensions"]


class Printer:
    """One headless Chromium kept open to print many PDFs (DevTools protocol over a pipe).

    Starting Chromium costs 0.5-2.5 s (more on a busy machine); printing a report once it runs
    costs a fraction of that. Use as a context manager around a batch::

        with Printer() as printer:
            pdf_from_html(a, a_pdf, printer=printer)
            summary_pdf(b, b_pdf, printer=printer)

    The browser reaches nothing but the local file it prints (no network services, throw-away
    profile) and is closed at the end of the ``with`` block.
    """

    def __init__(self, timeout: int = 120):
        self.timeout = timeout
        self._proc = None
        self._id = 0
        self._buffer = b""

    def __enter__(self):
        import os

        from ..errors import InputError

        browser = find_chromium()
        if browser is None:
            raise InputError("PDF needs headless Chromium, which is not installed (Debian: "
                             "apt-get install chromium); HTML was written",
                             rule="pdf needs a browser engine")
        self._profile = tempfile.TemporaryDirectory()
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def child_fds():  # Chromium reads commands on fd 3 and writes answers on fd 4
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._proc = subprocess.Popen(
            [browser, *_FLAGS, f"--user-data-dir={self._profile.name}", "--remote-debugging-pipe",
             "about:blank"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=child_fds, pass_fds=(3, 4))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        return self

    def __exit__(self, *exc):
        import os

        try:
            if self._proc and self._proc.poll() is None:
                try:
                    self._send("Browser.close")
                except Exception:  # noqa: BLE001 - closing anyway
                    pass
                try:
                    self._proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()
        finally:
            for fd in (self._to_chrome, self._from_chrome):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._profile.cleanup()
        return False

    def _write(self, message: dict) -> None:
        import json
        import os

        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._to_chrome, data):]

    def _read(self, deadline: float) -> dict:
        import json
        import os
        import select
        import time

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _send(self, method: str, params: dict | None = None, session: str | None = None,
              wait_event: str | None = None) -> dict:
        """Send a command; return its result (and wait for ``wait_event`` of that session)."""
        import time

        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._write(message)
        deadline = time.monotonic() + self.timeout
        result, event_seen = None, wait_event is None
        while result is None or not event_seen:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"Chromium {method}: {reply['error'].get('message')}")
                result = reply.get("result", {})
            elif wait_event and reply.get("method") == wait_event and \
                    reply.get("sessionId") == session:
                event_seen = True
        return result

    def print_file(self, source: Path, pdf_path: Path, script: str | None = None) -> Path:
        """Load ``source`` in a fresh tab, optionally evaluate ``script``, print it to PDF."""
        import base64 as _b64

        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        try:
            session = self._send("Target.attachToTarget", {"targetId": target,
                                                           "flatten": True})["sessionId"]
            self._send("Page.enable", session=session)
            self._send("Page.navigate", {"url": Path(source).resolve().as_uri()},
                       session=session, wait_event="Page.loadEventFired")
            if script:
                self._send("Runtime.evaluate", {"expression": script, "awaitPromise": True},
                           session=session)
            data = self._send("Page.printToPDF", {
                "printBackground": True, "preferCSSPageSize": True,
                "displayHeaderFooter": False, "paperWidth": A4_MM[0] / 25.4,
                "paperHeight": A4_MM[1] / 25.4}, session=session)["data"]
        finally:
            self._send("Target.closeTarget", {"targetId": target})
        Path(pdf_path).write_bytes(_b64.b64decode(data))
        return Path(pdf_path)


def _print(html_text: str, pdf_path: Path, timeout: int, printer: Printer | None = None) -> Path:
    pdf_path = Path(pdf_path)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "print.html"
        source.write_text(html_text, encoding="utf-8")
        if pdf_path.exists():
            pdf_path.unlink()
        if printer is not None:
            printer.print_file(source, pdf_path)
        else:
            _chromium(["--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                       f"--print-to-pdf={pdf_path.resolve()}", source.as_uri()], timeout)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no PDF to {pdf_path}")
    return pdf_path


def pdf_from_html(html_path, pdf_path, *, lang: str | None = None, footer: str | None = None,
                  timeout: int = 120, printer: Printer | None = None) -> Path:
    """Print a report's HTML to an A4 PDF with page numbers (headless Chromium).

    The HTML file is not changed: a temporary copy gets the deliverable stylesheet (unless it
    already has it) and its wide tables marked. ``lang`` defaults to the page's ``<html lang>``.
    ``footer`` is printed bottom left on every page (e.g. the organisation). ``printer``: an
    open :class:`Printer` for batches (else one Chromium is started for this file).
    """
    text = Path(html_path).read_text(encoding="utf-8")
    return _print(print_ready_html(text, lang, footer), Path(pdf_path), timeout, printer)


def pdf_page_count(pdf_path) -> int:
    """Pages of a PDF (pdfinfo when installed, else the page objects of Chromium's output)."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(pdf_path)], capture_output=True, text=True,
                             check=True, timeout=60).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        if m:
            return int(m.group(1))
    data = Path(pdf_path).read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


_FIT_SCRIPT = """<script>(function(){
var W=%(width).3f, A=%(avail).3f, S=%(safety).4f;
function fit(){var b=document.body;b.style.zoom='1';b.style.boxSizing='border-box';
 function h(z){b.style.width=(W/z)+'px';return b.getBoundingClientRect().height;}
 var z=1;if(h(1)>A*S){var lo=0.25,hi=1;for(var i=0;i<14;i++){var m=(lo+hi)/2;
 if(h(m)*m<=A*S){lo=m;}else{hi=m;}}z=lo;}
 b.style.width=(W/z)+'px';b.style.zoom=String(z);document.documentElement.dataset.impactZoom=z;}
if(document.readyState==='complete'){fit();}else{window.addEventListener('load',fit);}
})();</script>"""


def summary_pdf(html_path, pdf_path, *, lang: str | None = None, timeout: int = 120,
                attempts: int = 5, printer: Printer | None = None) -> Path:
    """A one-page A4 PDF of a summary HTML, whatever its length.

    The summary is designed to fit (the engine chooses what goes in); this function guarantees it:
    the page is laid out at the printable width (A4 minus 12 mm margins), its height measured in
    the browser and, when it is taller than the page, the whole page is zoomed out (text stays
    text) so that it fits. The PDF's page count is then checked; if print layout still spills
    over, the zoom is tightened (up to ``attempts`` prints) and otherwise an error is raised.
    No page number is printed (it is one page).
    """
    text = Path(html_path).read_text(encoding="utf-8")
    lang = lang or _html_lang(text) or "en"
    text = mark_wide_tables(text)
    m = SUMMARY_MARGIN_MM
    px_per_mm = 96 / 25.4
    width = (A4_MM[0] - 2 * m) * px_per_mm
    avail = (A4_MM[1] - 2 * m) * px_per_mm
    base = "" if _MARKER in text else (_DATA / "deliver.css").read_text(encoding="utf-8")
    css = (f"<style {_MARKER}>{base}\n@page{{size:A4 portrait;margin:{m}mm;"
           "@bottom-right{content:none}@bottom-left{content:none}}"
           "html,body{margin:0!important;padding:0!important;max-width:none!important}"
           "@media print{html{font-size:inherit}}</style>")
    pdf_path = Path(pdf_path)
    safety = 0.97
    for _ in range(max(1, attempts)):
        page = css + _FIT_SCRIPT % {"width": width, "avail": avail, "safety": safety}
        doc = (re.sub(r"</head>", lambda _m: page + "</head>", text, count=1, flags=re.I)
               if re.search(r"</head>", text, re.I) else page + text)
        _print(doc, pdf_path, timeout, printer)
        if pdf_page_count(pdf_path) == 1:
            return pdf_path
        safety *= 0.85
    raise RuntimeError(f"the summary {html_path} does not fit one A4 page even at "
                       f"{safety / 0.85:.0%} of the page height; shorten it")


_SUMMARY_CSS = """
.impact-summary{font-size:.92rem}
.impact-summary h1{font-size:1.35rem}
.impact-summary h2{font-size:1.02rem;margin-top:.9rem}
.impact-summary .impact-summary-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));
  gap:.2rem 1.2rem}
.impact-summary .impact-summary-block:has(figure,table){grid-column:1/-1}
.impact-summary figure{margin:.4rem 0}
.impact-summary table{margin:.4rem 0}
"""


def summary_document(title: str, blocks, *, lang: str = "en", header: str | None = None,
                     footer_note: str | None = None) -> str:
    """A one-page summary as a self-contained HTML page (for :func:`summary_pdf`).

    ``blocks``: ``(heading, html)`` pairs in reading order, where ``html`` is already safe
    markup from the engine (a chart's ``embed()``, a compact table, two quotes, a list of
    partners; for the guideline audience the key Summary-of-Findings rows, certainty and
    recognition level). ``header``: the :func:`title_block` (default: the title as ``<h1>``).
    Headings are escaped; nothing here computes or adds a number.
    """
    _lang(lang)
    top = header if header is not None else f"<h1>{_esc(title)}</h1>"
    body = "".join(f'<section class="impact-summary-block"><h2>{_esc(h)}</h2>{content}</section>'
                   for h, content in blocks)
    note = f'<p class="impact-note">{_esc(footer_note)}</p>' if footer_note else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_esc(title)}</title><style {_MARKER}>{report_css(lang)}{_SUMMARY_CSS}"
            f'</style></head><body class="impact-summary">{top}'
            f'<div class="impact-summary-grid">{body}</div>{note}</body></html>\n')


def write_deliverables(html_path, *, formats=("pdf", "docx"), summary_html=None, lang=None,
                       footer=None, title=None, printer: Printer | None = None) -> dict:
    """Write the deliverables of one report folder from its ``report.html``.

    ``formats`` among ``pdf`` and ``docx`` (beside the HTML: ``report.pdf``, ``report.docx``);
    with ``summary_html`` (the summary page's text) also ``summary.html`` and ``summary.pdf``.
    Returns ``{kind: path}``.
    """
    html_path = Path(html_path)
    folder = html_path.parent
    unknown = set(formats) - {"pdf", "docx", "html"}
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(sorted(unknown))}; use pdf and/or docx")
    written = {"html": html_path}
    if "pdf" in formats:
        written["pdf"] = pdf_from_html(html_path, folder / "report.pdf", lang=lang, footer=footer,
                                       printer=printer)
    if "docx" in formats:
        written["docx"] = docx_from_html(html_path, folder / "report.docx", lang=lang, title=title)
    if summary_html is not None:
        target = folder / "summary.html"
        target.write_text(summary_html, encoding="utf-8")
        written["summary_html"] = target
        written["summary_pdf"] = summary_pdf(target, folder / "summary.pdf", lang=lang,
                                             printer=printer)
    return written


def reference_docx(lang: str = "en") -> Path:
    """The committed Word reference document (styles, A4, page numbers) of a language."""
    own = _DATA / f"reference-{_lang(lang)}.docx"
    if own.is_file():
        return own
    from ..i18n import locale

    return reference_docx(locale(lang).get("fallback") or "en")


_DATA_IMG = re.compile(r"<img\b([^>]*?)\bsrc\s*=\s*\"data:image/(png|jpeg|gif);base64,"
                       r"([A-Za-z0-9+/=\s]+)\"([^>]*)>", re.I)
_ALT = re.compile(r"\balt\s*=\s*\"([^\"]*)\"", re.I)


def _docx_source(html: str, folder: Path | None = None) -> str:
    """HTML as pandoc should read it: no <title> (the report's own <h1> is its title); with
    ``folder``, each embedded figure (a ``data:`` PNG, JPEG or GIF) written there as a file and
    referred to by its name, with its alt text as the picture's title.

    Pandoc's HTML reader takes seconds over a long ``data:`` attribute (1.9 s for the synthesis
    report's eleven figures, 0.17 s from files), and kept the whole ``data:`` text in the Word
    file's XML; from files, Word gets the figure's alt text as the picture's description, which is
    what a screen reader reads.
    """
    html = re.sub(r"<title\b[^>]*>.*?</title>", "", html, flags=re.S | re.I)
    if folder is None:
        return html
    import base64
    import binascii

    count = 0

    def write(m):
        nonlocal count
        try:
            data = base64.b64decode(re.sub(r"\s+", "", m.group(3)), validate=True)
        except (binascii.Error, ValueError):
            return m.group(0)         # not valid base64: left for pandoc as it was
        count += 1
        name = f"figure-{count}.{'jpg' if m.group(2).lower() == 'jpeg' else m.group(2).lower()}"
        (Path(folder) / name).write_bytes(data)
        rest = m.group(1) + m.group(4)
        alt = _ALT.search(rest)
        title = f' title="{alt.group(1)}"' if alt and not re.search(r"\btitle\s*=", rest, re.I) \
            else ""
        return f'<img{m.group(1)}src="{name}"{title}{m.group(4)}>'

    return _DATA_IMG.sub(write, html)


def docx_from_html(html_path, docx_path, *, lang: str | None = None, reference_doc=None,
                   title: str | None = None, timeout: int = 180) -> Path:
    """An editable Word file of a report's HTML (pandoc, the language's reference document).

    Headings become Word headings (Heading 1-6), tables Word tables, ``data:`` figures embedded
    pictures; A4 with page numbers from the reference document. ``title`` goes into the file's
    properties only (the report's own <h1> stays its visible title). Pandoc runs without network
    access to resources: the HTML must be self-contained (no external images).
    """
    from ..errors import InputError

    pandoc = find_pandoc()
    if pandoc is None:
        raise InputError("DOCX needs pandoc, which is not installed (Debian: apt-get install "
                         "pandoc); HTML was written", rule="docx needs pandoc")
    text = Path(html_path).read_text(encoding="utf-8")
    lang = lang or _html_lang(text) or "en"
    reference = Path(reference_doc) if reference_doc else reference_docx(lang)
    if re.search(r"<img\b[^>]*\bsrc\s*=\s*[\"']?(?!data:)[a-z]+:", text, re.I):
        raise ValueError(f"{html_path} loads an image from outside the file; embed it as data:")
    docx_path = Path(docx_path)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(_docx_source(text, Path(tmp)), encoding="utf-8")
        out = Path(tmp) / "report.docx"
        cmd = [pandoc, "--from=html", "--to=docx", f"--reference-doc={reference}",
               f"--metadata=lang:{_locale_tag(lang)}",
               f"--resource-path={tmp}", "--output", str(out), str(source)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=tmp)
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"pandoc could not write the DOCX: {result.stderr.strip()[:500]}")
        _fit_docx_tables(out, title=title)
        if docx_path.exists():
            docx_path.unlink()
        shutil.move(str(out), docx_path)
    return docx_path


_TWIPS_PER_MM = 1440 / 25.4


def _column_weights(table_xml: str, n: int) -> list[float]:
    """Relative column widths from the text of the cells: the longest word and the mean length."""
    longest = [1.0] * n
    total = [0.0] * n
    rows = 0
    for row in re.findall(r"<w:tr\b.*?</w:tr>", table_xml, re.S):
        rows += 1
        for k, cell in enumerate(re.findall(r"<w:tc\b.*?</w:tc>", row, re.S)[:n]):
            text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", cell))
            words = text.split()
            if words:
                longest[k] = max(longest[k], max(len(w) for w in words))
            total[k] += len(text)
    mean = [t / max(rows, 1) for t in total]
    return [min(40.0, max(4.0, longest[k], 2.5 * mean[k] ** 0.5)) for k in range(n)]


def _fit_docx_tables(docx_path: Path, title: str | None = None) -> None:
    """Make every table span the text width of the page, columns by their content.

    With ``title``, the file's properties (docProps/core.xml) get it as their title.

    Pandoc gives each column an equal share of a Letter-sized text width; Word and LibreOffice
    then squeeze wide tables into two thirds of an A4 page. Rewrites only ``w:tblW`` and the
    ``w:gridCol`` widths of pandoc's own output.
    """
    import zipfile

    top, right, bottom, left = PAGE_MARGINS_MM
    width = int((A4_MM[0] - left - right) * _TWIPS_PER_MM)
    with zipfile.ZipFile(docx_path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]

    def fit(match):
        table = match.group(0)
        grid = re.search(r"<w:tblGrid>(.*?)</w:tblGrid>", table, re.S)
        if not grid:
            return table
        n = len(re.findall(r"<w:gridCol\b", grid.group(1)))
        if n == 0:
            return table
        weights = _column_weights(table, n)
        cols = [max(300, int(width * w / sum(weights))) for w in weights]
        new_grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{c}" />' for c in cols) + "</w:tblGrid>"
        table = table[:grid.start()] + new_grid + table[grid.end():]
        return re.sub(r'<w:tblW w:type="auto" w:w="0" />', '<w:tblW w:type="pct" w:w="5000" />',
                      table, count=1)

    out = []
    for info, data in items:
        if info.filename == "word/document.xml":
            xml = data.decode("utf-8")
            # tables are not nested in pandoc's output of our HTML; match each outermost one
            xml = re.sub(r"<w:tbl>.*?</w:tbl>", fit, xml, flags=re.S)
            data = xml.encode("utf-8")
        elif info.filename == "docProps/core.xml" and title:
            from xml.sax.saxutils import escape as _xml_escape

            xml = data.decode("utf-8")
            safe = _xml_escape(str(title))
            if re.search(r"<dc:title\b[^>]*/>|<dc:title\b[^>]*>.*?</dc:title>", xml, re.S):
                xml = re.sub(r"<dc:title\b[^>]*/>|<dc:title\b[^>]*>.*?</dc:title>",
                             lambda _m: f"<dc:title>{safe}</dc:title>", xml, count=1, flags=re.S)
            else:
                xml = xml.replace("</cp:coreProperties>",
                                  f"<dc:title>{safe}</dc:title></cp:coreProperties>", 1)
            data = xml.encode("utf-8")
        out.append((info, data))
    with zipfile.ZipFile(docx_path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in out:
            zout.writestr(info, data)


# ---------------------------------------------------------------------------------------------
# Demo index

_KINDS = ("html", "pdf", "docx", "summary_html", "summary_pdf")


def write_index(out_dir, entries) -> Path:
    """Write ``out_dir/index.html``: every report in Dutch and English with links to its files.

    ``entries``: dicts with ``title`` (the report's title), ``audience`` (funder | guideline),
    ``lang`` (nl | en) and any of ``html, pdf, docx, summary_html, summary_pdf`` (paths inside
    ``out_dir``; absent or missing files are shown as a dash). A path outside ``out_dir`` is an
    error. The page has a Dutch and an English part with the same table.
    """
    out_dir = Path(out_dir).resolve()
    rows = []
    for entry in entries:
        links = {}
        for kind in _KINDS:
            path = entry.get(kind)
            if not path:
                continue
            path = Path(path)
            path = (path if path.is_absolute() else out_dir / path).resolve()
            try:
                rel = path.relative_to(out_dir)
            except ValueError:
                raise ValueError(f"{path} lies outside the index folder {out_dir}") from None
            if path.exists():
                links[kind] = rel.as_posix()
        if entry.get("audience") is None or entry.get("lang") not in _languages():
            raise ValueError(f"index entry needs audience and a language of "
                             f"{_languages()}: {entry!r}")
        rows.append((entry.get("title") or "", entry["audience"], entry["lang"], links))

    def link(href, label):
        return f'<a href="{_esc(href)}">{_esc(label)}</a>'

    parts = []
    for lang in _languages():
        w = _labels()[lang]
        c = w["index_columns"]
        head = "".join(f"<th>{_esc(c[k])}</th>" for k in
                       ("report", "audience", "language", "html", "pdf", "docx", "summary"))
        body = []
        for title, audience, rlang, links in rows:
            cells = [_esc(title), _esc(w["audiences"].get(audience, audience)),
                     _esc(w["languages"][rlang])]
            for kind, label in (("html", "HTML"), ("pdf", "PDF"), ("docx", "DOCX")):
                cells.append(link(links[kind], label) if kind in links else w["missing"])
            summary = [link(links[k], w[f"index_{k}"]) for k in ("summary_pdf", "summary_html")
                       if k in links]
            cells.append(", ".join(summary) or w["missing"])
            body.append("<tr>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
        parts.append(f'<section lang="{lang}" id="{lang}"><h1>{_esc(w["index_title"])}</h1>'
                     f'<p>{_esc(w["index_intro"])}</p><table class="impact-table"><thead><tr>'
                     f'{head}</tr></thead><tbody>{"".join(body)}</tbody></table></section>')
    nav = ('<p><a href="#nl">Nederlands</a> · <a href="#en">English</a></p>')
    page = ('<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>impact: {_esc(_labels()["nl"]["index_title"])} / '
            f'{_esc(_labels()["en"]["index_title"])}</title>'
            f"<style {_MARKER}>{report_css('nl')}</style></head><body>{nav}"
            + "".join(parts) + "</body></html>\n")
    index = out_dir / "index.html"
    out_dir.mkdir(parents=True, exist_ok=True)
    index.write_text(page, encoding="utf-8")
    return index


def data_uri(data: bytes, mime: str) -> str:
    """``data:<mime>;base64,...`` of bytes (figures and logos embedded in the HTML)."""
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
