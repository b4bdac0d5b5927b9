"""The report notebook really runs (papermill) and really renders (nbconvert)."""

import json
from pathlib import Path

import pandas as pd
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


def test_demo_renders_every_report(demo_reports):
    """Every one of the 16 demo reports is complete: its sections, hidden code, no raw ids, the
    deliverable beside published.json and the analyst's material in internal/."""
    import re

    from impact.commands.demo_build import COMPARISON, DEMO_REPORTS

    out = demo_reports
    assert len(DEMO_REPORTS) == 16 and (out / "index.html").exists()
    always = {"guideline": {"header", "key-findings", "intervention", "flow", "baseline",
                            "outcomes", "reliable-change", "summary-of-findings", "recognition",
                            "trend", "joint-displays", "limitations", "methods"},
              "funder": {"header", "summary", "reach", "partners", "activities", "outcomes",
                         "voices", "themes", "limitations", "glossary"}}
    for programme, audience, lang in DEMO_REPORTS:
        folder = out / programme / f"{audience}-{lang}"
        html = (folder / "report.html").read_text(encoding="utf-8")
        ids = set(re.findall(r'<section[^>]*\bid="([a-z-]+)"', html))
        want = always[audience]
        if programme == COMPARISON:   # no quotes, partners or activities; a comparison group
            want = want - {"joint-displays", "partners", "activities", "voices", "themes"}
        assert want <= ids, (folder, want - ids)
        assert ("comparison" in ids) == (programme == COMPARISON)
        if audience == "guideline":
            assert ("models" in ids) == (programme == "welzijn-op-recept")
        assert ("positive-health" in ids) == (audience == "funder" and programme == "welzijn-op-recept")
        assert f'lang="{lang}"' in html
        assert "import impact" not in html and "<script" not in html
        raw = pd.read_csv(out / programme / "data" / "responses.csv")["participant_id"].unique()
        assert not [i for i in raw if str(i) in html], folder
        assert sorted(p.name for p in folder.iterdir()) == [
            "internal", "published.json", "report.docx", "report.html", "report.pdf",
            "summary.html", "summary.pdf"]
        assert {p.name for p in (folder / "internal").iterdir()} == {
            "README.txt", "author-notes.txt", "report.ipynb", "results.json"}
        results = json.loads((folder / "internal" / "results.json").read_text())
        assert results["flow"]["reconciles"] is True


def test_report_notebooks_live_inside_the_package():
    """The wheel ships impact/notebooks/ (package-data); notebooks/ is a link for the repo."""
    import impact
    from impact.report.render import REPORT_NOTEBOOKS, notebook_path

    package = Path(impact.__file__).resolve().parent
    for name in REPORT_NOTEBOOKS.values():
        assert notebook_path(name).resolve().parent == package / "notebooks"
    assert (ROOT / "notebooks").resolve() == package / "notebooks"


def test_early_kernel_runs_the_notebook_and_is_shut_down_also_on_failure(tmp_path):
    """render_report starts the kernel before the analysis (EarlyKernel): it boots in the
    nearest existing folder, has the report modules imported when the notebook arrives, and
    is gone after the block, also when the analysis inside it fails."""
    from jupyter_client.asynchronous import AsyncKernelClient  # noqa: F401  (papermill's kind)

    from impact.report.render import EarlyKernel

    target = tmp_path / "not" / "yet"
    with EarlyKernel(target) as kernel:
        km = kernel.km
        assert km.is_alive()
        kc = km.client()
        kc.start_channels()
        try:
            import asyncio

            async def ask():
                await kc.wait_for_ready(timeout=60)
                msg_id = kc.execute("import os, sys; print(os.getcwd(), "
                                    "'impact.report.engine' in sys.modules)")
                while True:
                    msg = await kc.get_iopub_msg(timeout=60)
                    if (msg["parent_header"].get("msg_id") == msg_id
                            and msg["msg_type"] == "stream"):
                        return msg["content"]["text"].split()

            cwd, warmed = asyncio.run(ask())
        finally:
            kc.stop_channels()
        assert Path(cwd) == tmp_path and warmed == "True"
    assert not km.is_alive() and kernel.km is None

    with pytest.raises(RuntimeError, match="analysis failed"):
        with EarlyKernel(tmp_path) as kernel:
            km = kernel.km
            raise RuntimeError("analysis failed")
    assert not km.is_alive()


def test_a_kept_kernel_starts_each_notebook_empty(tmp_path):
    """The demo keeps one kernel per worker for all of its notebooks (EarlyKernel.fresh between
    them): a later notebook sees none of an earlier one's variables and counts from 1, as in a
    new kernel, while the modules the first imported stay loaded."""
    import threading

    import nbformat
    import papermill as pm

    from impact.report.render import EarlyKernel

    first = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys\nsecret = 'from the first report'\nimport wave")])
    second = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys\nprint('secret' in dir(), 'wave' in sys.modules)")])
    for nb in (first, second):
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
    nbformat.write(first, tmp_path / "first.ipynb")
    nbformat.write(second, tmp_path / "second.ipynb")
    with EarlyKernel(tmp_path) as kernel:
        for name in ("first", "second"):
            kernel.fresh()
            pm.execute_notebook(str(tmp_path / f"{name}.ipynb"), str(tmp_path / f"{name}-out.ipynb"),
                                progress_bar=False, log_output=False, kernel_name="python3",
                                km=kernel.km)
        km = kernel.km
        assert km.is_alive() and kernel.uses == 2
        # papermill's clients run no heartbeat thread (jupyter_client's could hang their stop,
        # and with it a demo worker's exit); whether the kernel lives is asked of the manager
        assert len(kernel.clients) == 2
        assert not [kc for kc in kernel.clients if kc.hb_channel.is_alive()]
        assert not [t for t in threading.enumerate() if type(t).__name__ == "HBChannel"]
        assert all(kc.parent is km for kc in kernel.clients)   # is_alive asks km
    assert not km.is_alive()
    out = nbformat.read(tmp_path / "second-out.ipynb", as_version=4).cells[0]
    assert out.execution_count == 1
    assert out.outputs[0]["text"].split() == ["False", "True"]


def test_the_summary_a_report_kernel_builds_is_the_one_built_here(demo_reports):
    """An early or kept kernel builds the one-page summary after its notebook (it has matplotlib
    and the report modules loaded): the page is the one this process builds from the same
    published.json, for every programme report of the demo, both audiences and languages."""
    from impact.disclosure import Disclosed
    from impact.report.engine import build_summary

    pages = sorted(p for p in Path(demo_reports).glob("*/*-??/summary.html")
                   if p.parent.name.split("-")[0] in ("funder", "guideline"))
    assert len(pages) == 16
    for page in pages:
        audience, lang = page.parent.name.split("-")
        here = build_summary(Disclosed.from_json(page.parent / "published.json"), lang, audience)
        assert page.read_text(encoding="utf-8") == here, page


def test_a_failing_kernel_call_names_the_error(tmp_path):
    from impact.report.render import EarlyKernel

    with EarlyKernel(tmp_path) as kernel:
        with pytest.raises(RuntimeError, match="ZeroDivisionError: division by zero"):
            kernel.execute("1 / 0")
        kernel.execute("x = 2")   # the kernel is still usable after a failed call


def test_a_failing_kernel_call_aborts_no_call_after_it(tmp_path):
    """ipykernel answers "aborted" to a request that reaches it before it has finished aborting
    after an error (on a loaded machine, EarlyKernel's next call did, and the test above failed at
    random in CI). Two requests sent at once make that certain: asked as EarlyKernel asks, the
    second runs; with ipykernel's default (stop_on_error) it is aborted."""
    from jupyter_client.blocking import BlockingKernelClient

    from impact.report.render import _EXECUTE, EarlyKernel

    def statuses(flags):
        kc = BlockingKernelClient(**kernel.km.get_connection_info(session=True))
        kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            ids = [kc.execute("1 / 0", **flags), kc.execute("y = 3", **flags)]
            replies = {}
            while len(replies) < 2:
                msg = kc.get_shell_msg(timeout=60)
                replies[msg["parent_header"].get("msg_id")] = msg["content"]["status"]
            return [replies[i] for i in ids]
        finally:
            kc.stop_channels()

    with EarlyKernel(tmp_path) as kernel:
        assert statuses(_EXECUTE) == ["error", "ok"]
        assert statuses({**_EXECUTE, "stop_on_error": True}) == ["error", "aborted"]

def test_a_kernel_papermill_starts_for_a_report_runs_no_heartbeat(tmp_path, monkeypatch):
    """Without an early kernel papermill starts its own (render_published passes
    NoHeartbeatManager): its client starts no heartbeat thread either."""
    import nbformat
    import papermill as pm
    from jupyter_client.channels import HBChannel

    from impact.report._kernel_client import NoHeartbeatClient, NoHeartbeatManager

    started = []
    monkeypatch.setattr(HBChannel, "start", lambda self: started.append(self))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 6 * 7\nprint(x)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, tmp_path / "a.ipynb")
    assert NoHeartbeatManager().client_factory is NoHeartbeatClient
    out = pm.execute_notebook(str(tmp_path / "a.ipynb"), str(tmp_path / "b.ipynb"),
                              progress_bar=False, log_output=False, kernel_name="python3",
                              kernel_manager_class=NoHeartbeatManager)
    assert out.cells[0].outputs[0]["text"] == "42\n"
    assert started == []
