"""Make the Word reference documents pandoc uses for the DOCX reports.

    .venv/bin/python scripts/make_reference_docx.py

Starts from pandoc's own default (``pandoc --print-default-data-file reference.docx``), so every
style pandoc writes exists, and adjusts it with python-docx: A4 portrait with the print margins of
the PDF, a readable sans-serif body, headings in the report colour and kept with the next
paragraph, bordered tables with a repeated header row, and a footer "pagina N van M" /
"page N of M" built from Word fields (so Word and LibreOffice update the numbers). Writes
impact/report/data/reference-nl.docx and reference-en.docx. Commit the output.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "impact" / "report" / "data"
sys.path.insert(0, str(ROOT))
from impact.report.deliver import PAGE_MARGINS_MM  # noqa: E402

FOOTER = {"nl": ("pagina ", " van "), "en": ("page ", " of ")}
FONT = "Arial"
BLUE = RGBColor(0x2B, 0x5C, 0x8A)


def _field(paragraph, instruction: str, placeholder: str = "1"):
    """A Word field (PAGE, NUMPAGES) as begin/instr/separate/result/end runs."""
    def run_with(child):
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _table_borders(style):
    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        ppr = style.element.find(qn("w:pPr"))
        (ppr.addnext if ppr is not None else style.element.append)(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "BBBBBB")
        borders.append(el)
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    tbl_pr.append(borders)


def make(lang: str, default: Path, target: Path) -> None:
    doc = Document(str(default))
    top, right, bottom, left = PAGE_MARGINS_MM
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        section.footer_distance = Mm(8)
        footer = section.footer
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        para.text = ""
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        before, middle = FOOTER[lang]
        para.add_run(before)
        _field(para, "PAGE")
        para.add_run(middle)
        _field(para, "NUMPAGES")
        for run in para.runs:
            run.font.size = Pt(8)
    by_name = {st.name.lower(): st for st in doc.styles}
    for name in ("normal", "body text", "first paragraph", "compact"):
        if name in by_name:
            st = by_name[name]
            st.font.name = FONT
            # "Compact" is what pandoc uses in table cells and tight lists: smaller, so that
            # wide tables (a dozen columns) stay readable on A4 portrait
            st.font.size = Pt(8.5 if name == "compact" else 10)
    for level, size in ((1, 17), (2, 13.5), (3, 11.5), (4, 10.5), (5, 10), (6, 10)):
        name = f"heading {level}"
        if name in by_name:
            st = by_name[name]
            st.font.name = FONT
            st.font.size = Pt(size)
            st.font.color.rgb = BLUE
            st.paragraph_format.keep_with_next = True
    if "title" in by_name:
        by_name["title"].font.name = FONT
        by_name["title"].font.color.rgb = BLUE
    for st in doc.styles:
        if st.name == "Table" and st.type == 3:  # WD_STYLE_TYPE.TABLE
            _table_borders(st)
    doc.core_properties.title = ""
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    doc.core_properties.language = "nl-NL" if lang == "nl" else "en-GB"
    doc.save(str(target))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        default = Path(tmp) / "default.docx"
        with default.open("wb") as fh:
            subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"], stdout=fh,
                           check=True)
        for lang in ("nl", "en"):
            target = OUT / f"reference-{lang}.docx"
            make(lang, default, target)
            print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
