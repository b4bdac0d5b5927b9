"""Issue 12 target: ``impact demo`` with HTML + PDF + DOCX + one-page summaries for the three
programmes x two audiences x two languages within 60 s on a 2-core machine, one report within 5 s.

Prints wall time and CPU time (user + system of this process and all its children: the
machine may be shared, so CPU time is the figure that does not depend on other users).

    python benchmarks/bench_demo_deliver.py            # the demo, then one report
    python benchmarks/bench_demo_deliver.py demo|one
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(cmd) -> tuple[float, float]:
    cpu0, t0 = _cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0, _cpu() - cpu0


def bench_demo():
    with tempfile.TemporaryDirectory() as out:
        wall, cpu = timed([str(BIN / "impact"), "demo", "--out", out, "--format", "html,pdf,docx"])
        n = sum(1 for _ in Path(out).glob("*/*/report.docx"))
    print(f"impact demo html,pdf,docx+summaries ({n} reports)  wall {wall:6.1f} s  "
          f"cpu {cpu:6.1f} s  (target wall < 60 s; load {os.getloadavg()[0]:.1f})")


def bench_one(repeat: int = 3):
    """``impact report`` on a synthetic Kunst op Recept cohort with quotes and codings (so the
    quotes are de-identified), HTML + PDF + DOCX + summary, each audience ``repeat`` times."""
    import statistics

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([str(BIN / "impact"), "synth", "--programme", "kunst-op-recept", "--seed",
                        "1", "--out", str(tmp / "data")], check=True, capture_output=True)
        d = tmp / "data"
        for audience in ("funder", "guideline"):
            runs = [timed([str(BIN / "impact"), "report", str(d / "responses.csv"), "--protocol",
                           str(d / "protocol.yaml"), "--quotes", str(d / "quotes.csv"),
                           "--codings", str(d / "codings.csv"), "--audience", audience,
                           "--format", "html,pdf,docx", "--out", str(tmp / f"{audience}{i}")])
                    for i in range(repeat)]
            walls = [w for w, _ in runs]
            print(f"impact report {audience:9s} html,pdf,docx+summary  wall median "
                  f"{statistics.median(walls):4.1f} s (max {max(walls):4.1f})  cpu median "
                  f"{statistics.median(c for _, c in runs):4.1f} s  (target wall < 5 s; "
                  f"load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    which = sys.argv[1:] or ["demo", "one"]
    for name in which:
        {"demo": bench_demo, "one": bench_one}[name]()
