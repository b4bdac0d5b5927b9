"""Reading a printed report as a reader would: words of table headers and the fill of pages.

Helpers for tests/test_report_print.py (poppler's ``pdftotext`` and ``pdftoppm``; Pillow).
"""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from pathlib import Path

from impact.report.deliver import PAGE_MARGINS_MM

MM = 72 / 25.4
DPI = 36
INK = 235            # a grey level below this is ink (table header shading is 242)
FIGURE_GAP_PT = 24   # ink this far above a page's first word: the page starts with a picture


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00ad", "")


def header_words(html_text: str) -> list[str]:
    """Every word of every table header cell (``<th>``) of an HTML page."""
    words = []
    for cell in re.findall(r"<th\b[^>]*>(.*?)</th>", html_text, re.S):
        words += _norm(html.unescape(re.sub(r"<[^>]+>", " ", cell))).split()
    return words


def pdf_words(pdf) -> set[str]:
    """The words of a PDF's text (``pdftotext -layout``), split at white space."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return set(_norm(text).split())


def broken_header_words(html_path, pdf_path) -> list[str]:
    """Header words of the HTML that the PDF's text does not hold whole (broken over lines)."""
    words = pdf_words(pdf_path)
    return sorted({w for w in header_words(Path(html_path).read_text(encoding="utf-8"))
                   if w not in words})


def _pages_bbox(pdf) -> list[dict]:
    """Per page: width and height in points and the top of each word (``pdftotext -bbox``)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>.*?</page>", out, re.S):
        w, h = map(float, re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        tops = [float(y) for y in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"', page)]
        pages.append({"width": w, "height": h, "tops": tops})
    return pages


def page_layout(pdf, workdir) -> list[dict]:
    """Per page of a PDF: ``fill`` (share of the printable height down to the lowest ink) and
    ``starts_with_figure`` (the first ink lies well above the first word: a picture opens the
    page). The page number in the bottom margin is not counted."""
    import numpy as np
    from PIL import Image

    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    prefix = workdir / "page"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)],
                   check=True)
    images = sorted(workdir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    top_mm, _, bottom_mm, _ = PAGE_MARGINS_MM
    out = []
    for image, page in zip(images, _pages_bbox(pdf)):
        gray = np.asarray(Image.open(image).convert("L"))
        scale = gray.shape[0] / page["height"]                   # pixels per point
        top, bottom = top_mm * MM, page["height"] - bottom_mm * MM
        rows = np.flatnonzero((gray < INK).any(axis=1)) / scale  # rows with ink, in points
        rows = rows[(rows >= top - 2) & (rows <= bottom)]
        words = [t for t in page["tops"] if top - 2 <= t <= bottom]
        first_ink = rows.min() if rows.size else None
        first_word = min(words) if words else None
        out.append({
            "fill": (rows.max() - top) / (bottom - top) if rows.size else 0.0,
            "starts_with_figure": first_ink is not None and (
                first_word is None or first_word - first_ink > FIGURE_GAP_PT)})
    return out


def underfilled_before_figures(pdf, workdir, minimum: float = 0.5) -> list[tuple[int, float]]:
    """Pages (1-based, with their fill) filled less than ``minimum`` whose next page starts with
    a figure: the figure did not fit below and left the page half empty."""
    layout = page_layout(pdf, workdir)
    return [(k + 1, round(page["fill"], 2)) for k, page in enumerate(layout[:-1])
            if layout[k + 1]["starts_with_figure"] and page["fill"] < minimum]


def headings(html_text: str) -> list[str]:
    """The text of every section heading (``<h2>``, ``<h3>``) of an HTML page, in order."""
    return [" ".join(_norm(html.unescape(re.sub(r"<[^>]+>", " ", h))).split())
            for h in re.findall(r"<h[23]\b[^>]*>(.*?)</h[23]>", html_text, re.S)]


def page_lines(pdf) -> list[list[str]]:
    """Per page, its lines of text (``pdftotext -layout``), blank lines and the page number in
    the footer ("page 3 of 11", "pagina 3 van 11") left out."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = []
    for page in _norm(text).split("\f"):
        lines = [" ".join(line.split()) for line in page.splitlines()]
        pages.append([line for line in lines if line and
                      not re.fullmatch(r"(?:page|pagina) \d+ (?:of|van) \d+", line)])
    return pages[:-1] if pages and not pages[-1] else pages


def _lowest_ink(pdf, page: int, workdir) -> float:
    """The lowest ink of a page's printable area, in points from the top (page number below
    the bottom margin not counted)."""
    import numpy as np
    from PIL import Image

    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    prefix = workdir / f"foot{page}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(page), "-l",
                    str(page), "-singlefile", str(pdf), str(prefix)], check=True)
    gray = np.asarray(Image.open(prefix.with_suffix(".png")).convert("L"))
    height = _pages_bbox(pdf)[page - 1]["height"]
    scale = gray.shape[0] / height
    rows = np.flatnonzero((gray < INK).any(axis=1)) / scale
    rows = rows[rows <= height - PAGE_MARGINS_MM[2] * MM]
    return float(rows.max()) if rows.size else 0.0


def headings_at_page_foot(html_path, pdf_path, workdir) -> list[tuple[int, str]]:
    """(page, heading) for every heading printed as the last thing of a page: the last line of
    its text, with no picture below it (a figure under a heading has no text), so that what
    the heading is about starts on the next page."""
    heads = set(headings(Path(html_path).read_text(encoding="utf-8")))
    found = []
    for k, lines in enumerate(page_lines(pdf_path)[:-1]):
        # (a figure's caption may repeat the heading above the figure: that heading is not last)
        if not lines or lines[-1] not in heads or lines.count(lines[-1]) > 1:
            continue
        tops = _pages_bbox(pdf_path)[k]["tops"]
        footer_top = _pages_bbox(pdf_path)[k]["height"] - PAGE_MARGINS_MM[2] * MM
        last_text = max(t for t in tops if t < footer_top)
        # ink more than three lines below the heading's top: a figure follows it on the page
        if _lowest_ink(pdf_path, k + 1, workdir) <= last_text + 36:
            found.append((k + 1, lines[-1]))
    return found
