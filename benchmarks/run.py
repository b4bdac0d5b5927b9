"""Benchmarks: print wall times. Targets live here, never in timed unit tests.

Run with ``make bench`` or ``python benchmarks/run.py [NAME ...]``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def wall(cmd, repeat=5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_startup():
    help_s = wall([str(BIN / "impact"), "--help"])
    import_s = wall([sys.executable, "-c", "import impact"])
    print(f"impact --help            {help_s:7.3f} s  (target < 0.5 s)")
    print(f"import impact            {import_s:7.3f} s")


def bench_demo():
    with tempfile.TemporaryDirectory() as out:
        demo_s = wall([str(BIN / "impact"), "demo", "--out", out], repeat=1)
    print(f"impact demo              {demo_s:7.3f} s")


def script(name):
    """A benchmark that lives in its own script, benchmarks/bench_<name>.py."""
    def run():
        print(f"--- benchmarks/bench_{name}.py", flush=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / f"bench_{name}.py")], check=True)
    return run


BENCHMARKS = {"startup": bench_startup, "demo": bench_demo,
              **{name: script(name) for name in ("paths", "scoring", "io", "stats", "agreement", "evidence",
                                                 "planning", "guideline", "funder",
                                                 "deliver", "monitor", "synthesis", "deidentify",
                                                 "comparison",
                                                 "demo_deliver")}}

if __name__ == "__main__":
    names = sys.argv[1:] or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    for name in names:
        BENCHMARKS[name]()
