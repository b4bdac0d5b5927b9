"""The report notebooks, generated from the section registry (:data:`impact.report.engine.SECTIONS`).

Each audience's notebook is a face: a parameters cell, one set-up cell and one cell per section
of the registry, in the registry's order. ``python -m impact.report.notebooks`` writes them into
``impact/notebooks/``; ``tests/test_report_notebooks.py`` fails when a committed notebook differs
from what the registry generates, so the order of sections lives in one place.

A notebook opened as shipped (``published = None``) renders the demo: the synthetic Kunst op
Recept programme analysed and disclosed on the spot (:func:`impact.report.run.demo_disclosed`),
and says so in its first output.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["report_notebook", "write_report_notebooks", "NOTEBOOKS"]

NOTEBOOKS = {"funder": "funder_report.ipynb", "guideline": "guideline_report.ipynb",
             "monitor": "monitor_report.ipynb"}
_TITLES = {"funder": "report for funders and municipalities", "guideline": "guideline report",
           "monitor": "neighbourhood monitor report"}
_INTRO = (
    "Run by `impact report ... --audience {audience}` (papermill) and rendered by nbconvert with "
    "code hidden; markdown cells are dropped. The analysis and the disclosure step ran before "
    "this notebook, in the calling process: the notebook reads only the disclosed results "
    "(`published.json`), never the data or the unsuppressed results. Each code cell shows one "
    "section of the report engine (`impact.report.engine`, escaped HTML; all prose from "
    "`impact/i18n/<lang>/*.yaml`). Generated from the section registry by "
    "`python -m impact.report.notebooks`: change the registry, not this file. With "
    "`published = None` (as shipped) it renders the demo on synthetic data and says so.")


def _id(audience: str, i: int) -> str:
    return f"{audience[:3]}-{i:02d}"


def report_notebook(audience: str):
    """The notebook of an audience (nbformat 4), cells in the registry's order."""
    import nbformat

    from .engine import SECTIONS

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python",
                                  "name": "python3"}, "language_info": {"name": "python"}}
    cells = [nbformat.v4.new_markdown_cell(f"# impact: {_TITLES[audience]}\n\n"
                                           + _INTRO.format(audience=audience)),
             nbformat.v4.new_code_cell(
                 "# Parameters (papermill replaces these)\n"
                 "published = None  # path to published.json; None: the demo (synthetic data)\n"
                 f'language = "nl"\naudience = "{audience}"',
                 metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell(
                 "from IPython.display import HTML, display\n\n"
                 "from impact.report import engine\n\n"
                 "ctx = engine.context_for(published, language, audience)")]
    cells += [nbformat.v4.new_code_cell(f"display(HTML(engine.{build.__name__}(ctx)))")
              for build in SECTIONS[audience]]
    for i, cell in enumerate(cells):
        cell["id"] = _id(audience, i)
    nb.cells = cells
    return nb


def write_report_notebooks(folder=None) -> list[Path]:
    """Write every audience's notebook into ``folder`` (default: the package's notebooks)."""
    import nbformat

    folder = Path(folder) if folder else Path(__file__).resolve().parents[1] / "notebooks"
    out = []
    for audience, name in NOTEBOOKS.items():
        path = folder / name
        path.write_text(nbformat.writes(report_notebook(audience)) + "\n", encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    for written in write_report_notebooks():
        print(written)
