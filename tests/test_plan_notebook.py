"""The planning notebook runs under papermill with injected parameters."""

import json

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_planning_notebook_runs_with_parameters(tmp_path):
    import papermill as pm

    out = tmp_path / "planning.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "planning.ipynb"), str(out),
                        parameters={"effect": 0.6, "reps": 2000, "figure": "curve.png"},
                        cwd=str(tmp_path), progress_bar=False, kernel_name="python3")
    nb = json.loads(out.read_text())
    text = "".join("".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code"
                   for o in c.get("outputs", []))
    # d_z = 0.6: paired t needs 24 pairs (pwr: 23.9); groups of 8 -> 3 groups
    assert "paired t-test: n = 24" in text and "3 groups (n = 24)" in text
    assert (tmp_path / "curve.png").read_bytes()[:4] == b"\x89PNG"


def test_committed_planning_notebook_is_clean():
    nb = json.loads((ROOT / "notebooks" / "planning.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert any("parameters" in c["metadata"].get("tags", []) for c in code)
