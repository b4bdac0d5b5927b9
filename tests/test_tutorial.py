"""notebooks/tutorial.ipynb runs (papermill, from a foreign working directory) and finds the truth.

The notebook writes a small JSON summary to the ``summary_path`` parameter; the assertions read
it back. One execution per test session (about 6 s).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "tutorial.ipynb"
DESIGN_KEYS = {"outcomes", "models", "pooled", "flow", "provenance", "notes"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    import papermill as pm

    cwd = tmp_path_factory.mktemp("elsewhere")  # not the repository: no relative paths allowed
    out = tmp_path_factory.mktemp("tutorial-out")
    summary_path = out / "summary.json"
    executed = cwd / "executed.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(executed), kernel_name="python3", cwd=str(cwd),
                        parameters={"seed": 1, "out_dir": str(out / "files"),
                                    "summary_path": str(summary_path)},
                        progress_bar=False)
    return {"summary": json.loads(summary_path.read_text(encoding="utf-8")), "cwd": cwd,
            "out": out / "files", "executed": nbformat.read(executed, as_version=4)}


def test_committed_without_outputs_and_with_parameters_cell():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "seed" in tagged[0].source and "out_dir" in tagged[0].source
    assert nb.metadata["kernelspec"]["name"] == "python3"
    # only the public flat namespace (and result methods), never private modules
    source = "\n".join(c.source for c in code)
    assert "from impact" not in source and not re.search(r"impact\._[a-z]", source)


def test_prepost_estimate_near_planted_truth(run):
    s = run["summary"]
    assert s["ci_low"] < s["mean_change"] < s["ci_high"]
    half_width = (s["ci_high"] - s["ci_low"]) / 2  # about 2 standard errors
    assert abs(s["mean_change"] - s["truth_mean_change"]) < 1.5 * half_width
    assert s["mean_change"] < 0 and s["d_z"] < 0  # stress falls, as planted
    assert sum(s["rci"].values()) == s["n_paired"]
    assert s["analyse_mean_change"] == pytest.approx(s["mean_change"])  # analyse agrees
    assert s["mi_estimate"] < 0


def test_reliability_and_agreement_in_range(run):
    s = run["summary"]
    assert 0 < s["alpha"] < 1 and 0 < s["omega"] < 1
    low, high = s["krippendorff_ci"]
    assert 0 < s["krippendorff_alpha"] < 1 and low <= s["krippendorff_alpha"] <= high
    # coders A and B differ on one of ten quotes: kappa well above chance but below 1
    assert 0.5 < s["cohen_kappa_ab"] < 1


def test_waves_and_sites(run):
    s = run["summary"]
    assert len(s["mixed_terms"]) == s["n_waves"] - 1 == 2
    assert s["mixed_terms"] == ["T1", "T2"]
    planted = {"T1": -3.0, "T2": -4.0}  # what the notebook's NumPy frame plants
    for term, estimate in s["mixed_estimates"].items():
        assert abs(estimate - planted[term]) < 1.5
    assert s["pooled_k"] == 3 and abs(s["pooled_estimate"] - planted["T2"]) < 2


def test_qualitative_outputs_are_deidentified(run):
    s = run["summary"]
    assert s["code_matrix_shape"][0] == 5  # five participants with quotes
    texts = " ".join(s["exemplar_texts"])
    assert texts and "Anna" not in texts and "06-12345678" not in texts


def test_pipeline_files_and_figures(run):
    s = run["summary"]
    assert s["flow_reconciles"] is True
    assert DESIGN_KEYS <= set(s["results_keys"])
    assert (run["out"] / "results.json").is_file()
    assert (run["out"] / "kunst-op-recept" / "responses.csv").is_file()
    assert sorted(p.name for p in run["cwd"].iterdir()) == ["executed.ipynb"]  # nothing else
    pngs = [o for c in run["executed"].cells if c.cell_type == "code" for o in c.outputs
            if "image/png" in o.get("data", {})]
    assert len(pngs) == 2  # the Jacobson and forest plots render inline, once each
