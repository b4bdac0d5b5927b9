"""Where users wait (issue 26): each figure beside its anchor, as whole processes.

    python benchmarks/bench_paths.py [report|formats|demo ...]

* ``report``: ``impact report`` (funder, HTML, no quotes) on a synthetic Kunst op Recept cohort
  against the anchor, a trivial two-cell notebook executed by papermill and exported to HTML by
  nbconvert in one Python process (goal: ratio <= 1.5). A second line does the same with quotes
  and codings (the quotes de-identified, so deduce is loaded).
* ``formats``: the same report as HTML + PDF + DOCX (+ the one-page summary) (goal: <= 6 s).
* ``demo``: ``impact demo`` (20 reports, HTML + PDF + DOCX) (goal: <= 30 s wall).

Each ratio is the median of three alternated runs (ours, anchor, ours, anchor, ...), so a busy
moment of a shared machine hits both sides; the load average is printed beside every figure.
The analyse figure against lme4 lives in bench_stats.py (``--only analyse``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]

TRIVIAL_NOTEBOOK = """{"cells": [
 {"cell_type": "code", "execution_count": null, "metadata": {"tags": ["parameters"]},
  "outputs": [], "source": "x = 1"},
 {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
  "source": "print(x + 1)"}],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                             "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}
"""

TRIVIAL_RENDER = """
import sys
import nbformat
import papermill as pm
from nbconvert import HTMLExporter

src, out = sys.argv[1], sys.argv[2]
pm.execute_notebook(src, out, parameters={"x": 2}, progress_bar=False, kernel_name="python3")
body, _ = HTMLExporter(template_name="basic").from_notebook_node(nbformat.read(out, as_version=4))
open(out + ".html", "w", encoding="utf-8").write(body)
"""


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


# Both sides run as on a user's machine, where Python keeps the bytecode of what it imports: a
# PYTHONDONTWRITEBYTECODE inherited from a sandbox would recompile impact's own modules (an
# editable install has no installed bytecode) in every process, and not the anchor's.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(cmd, cwd=None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, env=ENV)
    return time.perf_counter() - start


def _cohort(tmp: Path) -> Path:
    subprocess.run([str(BIN / "impact"), "synth", "--programme", "kunst-op-recept", "--seed", "1",
                    "--out", str(tmp / "data")], check=True, capture_output=True, env=ENV)
    return tmp / "data"


def _report_cmd(data: Path, out: Path, formats="html", quotes=False):
    cmd = [str(BIN / "impact"), "report", str(data / "responses.csv"), "--protocol",
           str(data / "protocol.yaml"), "--audience", "funder", "--format", formats,
           "--out", str(out)]
    if quotes:
        cmd += ["--quotes", str(data / "quotes.csv"), "--codings", str(data / "codings.csv")]
    return cmd


def alternated(ours, anchor, rounds=3):
    """(median of ours, median of anchor, median of the per-round ratios)."""
    pairs = []
    for i in range(rounds):
        a = ours(i)
        b = anchor(i)
        pairs.append((a, b))
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(a / b for a, b in pairs))


def bench_report():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = _cohort(tmp)
        (tmp / "trivial.ipynb").write_text(TRIVIAL_NOTEBOOK, encoding="utf-8")
        (tmp / "trivial.py").write_text(TRIVIAL_RENDER, encoding="utf-8")

        def anchor(i):
            return _run([sys.executable, str(tmp / "trivial.py"), str(tmp / "trivial.ipynb"),
                         str(tmp / f"trivial-{i}.ipynb")], cwd=tmp)

        # first runs: deduce's, impact's and Python's caches
        _run(_report_cmd(data, tmp / "warm"))
        _run(_report_cmd(data, tmp / "warm-q", quotes=True))
        anchor(9)
        for quotes in (False, True):
            tag = "with quotes" if quotes else "no quotes"
            ours, base, ratio = alternated(
                lambda i, q=quotes: _run(_report_cmd(data, tmp / f"r-{q}-{i}", quotes=q)), anchor)
            print(f"one report, funder, HTML ({tag:11s})  {ours:5.2f} s   anchor: trivial "
                  f"papermill + nbconvert {base:5.2f} s   ratio {ratio:4.2f}x (goal <= 1.5x; "
                  f"{_load()})", flush=True)


def bench_formats():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = _cohort(tmp)
        for quotes in (False, True):
            times = [_run(_report_cmd(data, tmp / f"f-{quotes}-{i}", "html,pdf,docx", quotes))
                     for i in range(3)]
            tag = "with quotes" if quotes else "no quotes"
            print(f"one report, funder, HTML+PDF+DOCX ({tag:11s})  median "
                  f"{statistics.median(times):5.2f} s (goal <= 6 s; {_load()})", flush=True)


def bench_demo():
    times, reports = [], 0
    for _ in range(3):
        with tempfile.TemporaryDirectory() as out:
            times.append(_run([str(BIN / "impact"), "demo", "--out", out]))
            reports = sum(1 for _ in Path(out).rglob("report.docx"))
    print(f"impact demo ({reports} reports, HTML+PDF+DOCX)  median {statistics.median(times):5.1f} s "
          f"(runs {', '.join(f'{t:.1f}' for t in times)}; goal <= 30 s; {_load()})", flush=True)


BENCHES = {"report": bench_report, "formats": bench_formats, "demo": bench_demo}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(BENCHES):
        BENCHES[name]()
