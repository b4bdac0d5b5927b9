"""The one output writer (issue 27, impact/commands/_output.py; rules in docs/outputs.md).

Nothing lost, nothing overwritten: a data file survives --force through a hard link, a foreign
file in an output folder survives --force, a second concurrent run on one output exits 2 naming
the first, and a report killed at any moment leaves the earlier report or none, never a folder
with report.html but without its published.json and summary.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from impact.cli import main
from impact.commands._output import MARKER

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cohort") / "data"
    assert main(["synth", "--programme", "kunst-op-recept", "--out", str(folder)]) == 0
    return folder


def report_argv(cohort, out, *extra):
    return ["report", str(cohort / "responses.csv"), "--protocol", str(cohort / "protocol.yaml"),
            "--audience", "funder", "--out", str(out), *extra]


def cli(argv, **kw):
    return subprocess.run([sys.executable, "-m", "impact", *map(str, argv)], capture_output=True,
                          text=True, env=ENV, **kw)


# ---- single files ------------------------------------------------------------------------------

def test_data_survives_force_through_a_hard_link(cohort, tmp_path, capsys):
    data = tmp_path / "responses.csv"
    data.write_bytes((cohort / "responses.csv").read_bytes())
    before = sha(data)
    link = tmp_path / "results.json"
    os.link(data, link)
    code = main(["analyse", str(data), "--protocol", str(cohort / "protocol.yaml"), "--output",
                 str(link), "--force"])
    err = capsys.readouterr().err
    assert code == 2 and "would overwrite an input file" in err and "hard link" in err
    assert sha(data) == before and os.stat(data).st_nlink == 2


def test_force_replaces_impacts_own_file_only(cohort, tmp_path, capsys):
    out = tmp_path / "results.json"
    argv = ["analyse", str(cohort / "responses.csv"), "--protocol", str(cohort / "protocol.yaml"),
            "--output", str(out)]
    assert main(argv) == 0
    first = json.loads(out.read_text())
    sidecar = json.loads((tmp_path / ".results.json.impact.json").read_text())
    assert sidecar["sha256"] == sha(out) and sidecar["command"] == "analyse"
    assert main(argv) == 2 and "use --force" in capsys.readouterr().err
    assert main(argv + ["--force"]) == 0
    assert json.loads(out.read_text())["outcomes"] == first["outcomes"]
    # edited by hand since: somebody's file now, kept even with --force
    out.write_text(out.read_text() + " ")
    assert main(argv + ["--force"]) == 2
    assert "changed since impact wrote it" in capsys.readouterr().err
    assert out.read_text().endswith(" ")
    # no lock, stage or leftovers beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == [".results.json.impact.json",
                                                          "results.json"]


def test_output_checked_before_the_analysis(cohort, tmp_path, capsys, monkeypatch):
    import impact.studies.monitor as studies_monitor

    def boom(*a, **k):  # pragma: no cover - must not run
        raise AssertionError("the analysis ran before the output was checked")

    monkeypatch.setattr(studies_monitor, "analyse_monitor", boom)
    survey = tmp_path / "s"
    assert main(["synth", "--programme", "wijzer-in-de-wijk", "--out", str(survey)]) == 0
    out = tmp_path / "monitor.json"
    out.write_text("{}")
    code = main(["monitor", str(survey / "responses.csv"), "--protocol",
                 str(survey / "protocol.yaml"), "--output", str(out)])
    assert code == 2 and "use --force" in capsys.readouterr().err


# ---- folders -----------------------------------------------------------------------------------

def test_foreign_file_survives_force(cohort, tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["synth", "--programme", "in-beeld", "--out", str(out)]) == 0
    mine = out / "mijn_notities.txt"
    mine.write_text("mine")
    code = main(["synth", "--programme", "in-beeld", "--out", str(out), "--force"])
    assert code == 2 and "mijn_notities.txt" in capsys.readouterr().err
    assert mine.read_text() == "mine"
    # a folder of another command is not replaced either
    code = main(report_argv(cohort, out.parent / "other", "--force"))  # new folder: fine
    assert code == 0
    mine.unlink()
    code = main(report_argv(cohort, out, "--force"))
    assert code == 2 and "not of 'impact report'" in capsys.readouterr().err


def test_report_folder_holding_a_hard_link_of_the_data(cohort, tmp_path, capsys):
    """OUT/published.json made a hard link of the data file: --force refuses, the data stay."""
    data = tmp_path / "responses.csv"
    data.write_bytes((cohort / "responses.csv").read_bytes())
    before = sha(data)
    out = tmp_path / "rep"
    argv = ["report", str(data), "--protocol", str(cohort / "protocol.yaml"), "--audience",
            "funder", "--out", str(out)]
    assert main(argv) == 0
    (out / "published.json").unlink()
    os.link(data, out / "published.json")
    capsys.readouterr()
    assert main(argv + ["--force"]) == 2
    err = capsys.readouterr().err
    assert "published.json, which is the input file" in err and "hard link" in err
    assert sha(data) == before and os.stat(data).st_nlink == 2
    # a hard link to any other file is refused too (synth has no inputs)
    synth = tmp_path / "cohort"
    assert main(["synth", "--programme", "in-beeld", "--out", str(synth)]) == 0
    os.link(synth / "protocol.yaml", tmp_path / "elsewhere.yaml")
    assert main(["synth", "--programme", "in-beeld", "--out", str(synth), "--force"]) == 2
    assert "hard links to other files (protocol.yaml)" in capsys.readouterr().err


def test_two_concurrent_reports_one_exits_2(cohort, tmp_path):
    out = tmp_path / "rep"
    first = subprocess.Popen([sys.executable, "-m", "impact", *report_argv(cohort, out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    lock = tmp_path / ".rep.impact-lock"
    deadline = time.monotonic() + 60
    while not lock.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    second = cli(report_argv(cohort, out, "--force"), timeout=120)
    first_out, first_err = first.communicate(timeout=180)
    assert first.returncode == 0, first_err
    assert second.returncode == 2, second.stderr
    assert "another impact run is writing this output" in second.stderr
    assert f"process {first.pid}: impact report" in second.stderr
    assert "Traceback" not in second.stderr
    assert {"report.html", "summary.html", "published.json", MARKER} <= {
        p.name for p in out.iterdir()}
    assert not lock.exists()


def complete(folder: Path) -> bool:
    """A report folder as a reader finds it: report.html only with its published.json and
    summary.html, all listed in the marker with the hashes they have."""
    names = {p.name for p in folder.iterdir()}
    if "report.html" not in names:
        return not names & {"published.json", "summary.html"}
    if not {"published.json", "summary.html", MARKER} <= names:
        return False
    marker = json.loads((folder / MARKER).read_text())
    return all(sha(folder / rel) == entry["sha256"] for rel, entry in marker["files"].items())


def test_sigkill_at_random_points_never_leaves_half_a_report(cohort, tmp_path):
    out = tmp_path / "rep"
    assert cli(report_argv(cohort, out)).returncode == 0
    old = sha(out / "report.html")
    rng = random.Random(27)
    start = time.monotonic()
    assert cli(report_argv(cohort, out, "--force")).returncode == 0
    duration = time.monotonic() - start
    outcomes = []
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "impact",
                                 *report_argv(cohort, out, "--force")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        time.sleep(rng.uniform(0.05, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if out.exists():
            assert complete(out), sorted(p.name for p in out.iterdir())
            outcomes.append("old" if sha(out / "report.html") == old else "new")
        else:
            outcomes.append("none")
        if not out.exists():  # a later run starts again from nothing
            assert cli(report_argv(cohort, out)).returncode == 0
            old = sha(out / "report.html")
    # the next run cleans what the killed ones left beside the folder
    assert cli(report_argv(cohort, out, "--force")).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"], outcomes
