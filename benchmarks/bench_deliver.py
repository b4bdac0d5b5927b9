"""Deliverables: wall time of HTML -> A4 PDF, HTML -> DOCX and the one-page summary PDF per
report, and of all of them for every demo report on 2 workers. Prints figures.

    python benchmarks/bench_deliver.py [DEMO_DIR]

DEMO_DIR: an existing `impact demo` output (default: renders the demo HTML into a temporary
folder first, which is not timed). Targets (issue 12): the whole demo with HTML+PDF+DOCX and
the summaries within 60 s on a 2-core machine; one report within 5 s.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BIN = Path(sys.executable).parent


def _summary_stand_in(report: Path, target: Path) -> Path:
    """The first two sections of a report, as a summary-sized page (until the engine makes one)."""
    text = report.read_text(encoding="utf-8")
    cells = re.split(r'(?=<div class="cell )', text)
    body = "".join(cells[:6])
    if "</body>" not in body:
        body += "</body></html>"
    target.write_text(body, encoding="utf-8")
    return target


def deliver_one(report: str, printer=None) -> dict:
    from impact.report.deliver import docx_from_html, pdf_from_html, summary_pdf

    report = Path(report)
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        pdf_from_html(report, tmp / "report.pdf", printer=printer)
        times["pdf"] = time.perf_counter() - start
        start = time.perf_counter()
        docx_from_html(report, tmp / "report.docx")
        times["docx"] = time.perf_counter() - start
        summary = _summary_stand_in(report, tmp / "summary.html")
        start = time.perf_counter()
        summary_pdf(summary, tmp / "summary.pdf", printer=printer)
        times["summary"] = time.perf_counter() - start
    return times


def deliver_batch(reports: list[str]) -> list[dict]:
    """Several reports with one Chromium kept open (deliver.Printer), as a demo worker would."""
    from impact.report.deliver import Printer

    with Printer() as printer:
        return [deliver_one(r, printer) for r in reports]


def main():
    demo = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    tmp = None
    if demo is None:
        tmp = tempfile.TemporaryDirectory()
        demo = Path(tmp.name)
        subprocess.run([str(BIN / "impact"), "demo", "--out", str(demo)], check=True,
                       capture_output=True)
    reports = sorted(demo.glob("*/*/report.html"))
    if not reports:
        sys.exit(f"no reports under {demo}")
    per = [deliver_one(str(r)) for r in reports[:3]]
    for kind in ("pdf", "docx", "summary"):
        vals = [p[kind] for p in per]
        print(f"{kind:8s} per report, own Chromium   median {statistics.median(vals):5.2f} s  "
              f"(max {max(vals):5.2f} s, {len(vals)} reports)")
    batch = deliver_batch([str(r) for r in reports[:3]])
    for kind in ("pdf", "summary"):
        vals = [p[kind] for p in batch[1:]]
        print(f"{kind:8s} per report, shared Chromium median {statistics.median(vals):5.2f} s")
    start = time.perf_counter()
    chunks = [[str(r) for r in reports[i::2]] for i in range(2)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(deliver_batch, chunks))
    total = time.perf_counter() - start
    print(f"all {len(reports)} demo reports: PDF + DOCX + summary on 2 workers {total:6.2f} s")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
