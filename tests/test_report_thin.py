"""The report notebook really runs (papermill) and really renders (nbconvert)."""

import json

import pytest

from .conftest import ROOT, run_cli


# The guideline report's content (sections, numbers equal to results.json, no ids, no code,
# self-contained HTML) is tested in test_report_guideline.py, which renders every synthetic
# programme once; this module keeps the notebook hygiene, PDF and demo checks.


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c["outputs"] and c["execution_count"] is None for c in code), path
        assert any("parameters" in c["metadata"].get("tags", []) for c in code), path


def test_pdf_has_pages_and_text(kor_dir, tmp_path):
    import shutil
    import subprocess

    from impact.report.render import find_chromium

    import os

    if find_chromium() is None or shutil.which("pdftotext") is None:
        # CI must prove the PDF; a developer machine without Chromium may skip.
        assert not os.environ.get("CI"), "CI must install chromium and poppler-utils (.ci/run)"
        pytest.skip("Chromium and poppler-utils are installed by .ci/run")
    proc = run_cli("report", kor_dir / "responses.csv", "--protocol", kor_dir / "protocol.yaml",
                   "--audience", "guideline", "--lang", "nl", "--format", "html,pdf",
                   "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "Uitkomsten voor en na" in text
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 1


def test_demo_with_relative_output_folder(tmp_path):
    """`make demo` passes a relative --out; the notebook runs in another working directory."""
    proc = run_cli("demo", "--out", "reports/demo", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = tmp_path / "reports/demo/kunst-op-recept/guideline-nl/report.html"
    assert "<table" in html.read_text()
    assert (html.parent / "results.json").exists()
