"""The report notebooks are generated from the section registry and run as shipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from impact.report.engine import SECTIONS
from impact.report.notebooks import NOTEBOOKS, report_notebook

ROOT = Path(__file__).resolve().parents[1]


def _cells(nb):
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


@pytest.mark.parametrize("audience", sorted(NOTEBOOKS))
def test_committed_notebook_is_the_one_the_registry_generates(audience):
    committed = nbformat.read(ROOT / "impact" / "notebooks" / NOTEBOOKS[audience], as_version=4)
    assert _cells(committed) == _cells(report_notebook(audience))
    assert all(not c.get("outputs") for c in committed.cells if c.cell_type == "code")
    # one cell per section, in the registry's order
    shown = [c.source for c in committed.cells if c.source.startswith("display(")]
    assert shown == [f"display(HTML(engine.{f.__name__}(ctx)))" for f in SECTIONS[audience]]


def test_both_report_notebooks_run_as_shipped(tmp_path):
    """``jupyter nbconvert --execute`` on the shipped notebooks: no published.json is given, so
    they render the demo on synthetic data and say so."""
    procs = []
    for audience in ("funder", "guideline"):
        source = ROOT / "impact" / "notebooks" / NOTEBOOKS[audience]
        procs.append((audience, subprocess.Popen(
            [sys.executable, "-m", "nbconvert", "--to", "html", "--execute", str(source),
             "--output-dir", str(tmp_path), "--ExecutePreprocessor.timeout=300"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    for audience, proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
        html = (tmp_path / NOTEBOOKS[audience].replace(".ipynb", ".html")).read_text("utf-8")
        assert "synthetische gegevens" in html and "Kunst op Recept" in html
        assert "Traceback" not in html
