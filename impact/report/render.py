"""Execute a report notebook with papermill and render it with nbconvert.

The notebook is run in a fresh kernel with the report folder as working directory; its executed
copy is kept beside the report for audit. The HTML is one self-contained file: code, prompts and
stderr are removed, figures are embedded, and no script or style is loaded from elsewhere. The PDF
is printed from that HTML by a real browser engine (headless Chromium).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import InputError
from .text import escape

__all__ = ["render_report", "REPORT_NOTEBOOKS", "notebook_path", "html_from_notebook", "pdf_from_html",
           "find_chromium"]

_REPO_NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

# The notebook that renders each audience's report.
REPORT_NOTEBOOKS = {"guideline": "guideline_report.ipynb", "funder": "funder_report.ipynb"}

_CSS = """
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}caption{text-align:left;font-weight:bold;margin-bottom:.3rem}
img{max-width:100%}.impact-note{color:#555;font-size:.85rem}
.impact-caveat{background:#fff6e0;border-left:4px solid #E69F00;padding:.5rem .8rem}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table,img{page-break-inside:avoid}}
"""


def notebook_path(name: str) -> Path:
    """Path of a report notebook shipped inside the package (impact/notebooks/)."""
    path = _REPO_NOTEBOOKS / name
    if not path.exists():
        raise InputError(f"report notebook {name} not found in {_REPO_NOTEBOOKS}",
                         rule="impact/notebooks/ ships with the package")
    return path


def html_from_notebook(executed: Path, title: str, lang: str = "en") -> str:
    """Self-contained HTML of an executed notebook: outputs only, no code, no stderr."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    # Only code outputs make the report: markdown cells are notes for notebook readers.
    nb.cells = [c for c in nb.cells if c.cell_type == "code"
                and "remove-cell" not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
            f"<body>{body}</body></html>\n")


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_from_html(html_path: Path, pdf_path: Path, timeout: int = 120) -> Path:
    """Print an HTML file to PDF with headless Chromium (a real engine, no network)."""
    browser = find_chromium()
    if browser is None:
        raise InputError("PDF needs headless Chromium, which is not installed (Debian: apt-get "
                         "install chromium); HTML was written", rule="pdf needs a browser engine")
    import tempfile

    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf_path}", Path(html_path).resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no PDF to {pdf_path}")
    return pdf_path


def render_report(data, protocol, out, *, audience="guideline", lang=None, formats=("html",),
                  quotes=None, codings=None, notebook=None) -> dict[str, Path]:
    """Run the report notebook on data + protocol and render it into the folder ``out``.

    Returns the paths written: ``notebook`` (executed copy), ``results`` (results.json),
    ``html`` and, when asked, ``pdf``.
    """
    import papermill as pm

    from ..protocol import load_protocol

    if audience not in ("guideline", "funder"):
        raise InputError(f"audience must be guideline or funder, got {audience!r}",
                         rule="report audience")
    formats = tuple(formats)
    unknown = set(formats) - {"html", "pdf"}
    if unknown:
        raise InputError(f"unknown format(s) {', '.join(sorted(unknown))}; use html and/or pdf",
                         rule="report formats")
    notebook = notebook or REPORT_NOTEBOOKS[audience]
    proto = load_protocol(protocol)
    lang = lang or proto.language
    out = Path(out).resolve()  # the notebook runs with out as its working directory
    out.mkdir(parents=True, exist_ok=True)
    written = {"notebook": out / "report.ipynb", "results": out / "results.json",
               "html": out / "report.html"}
    params = {"data": str(Path(data).resolve()), "protocol": str(Path(protocol).resolve()),
              "quotes": str(Path(quotes).resolve()) if quotes else "",
              "codings": str(Path(codings).resolve()) if codings else "",
              "language": lang, "audience": audience, "results_path": str(written["results"])}
    pm.execute_notebook(str(notebook_path(notebook)), str(written["notebook"]), parameters=params,
                        cwd=str(out), progress_bar=False, log_output=False, kernel_name="python3",
                        # the kernel's own start-up chatter is not the user's business
                        extra_arguments=["--IPKernelApp.log_level=ERROR"])
    written["html"].write_text(html_from_notebook(written["notebook"], proto.title, lang),
                               encoding="utf-8")
    if "pdf" in formats:
        written["pdf"] = pdf_from_html(written["html"], out / "report.pdf")
    if "html" not in formats:
        pass  # the HTML is the PDF's source and is always kept
    return written
