"""The hostile and messy input corpus (issue 13; cases in tests/hostile_corpus.py and, for
issue 27's outputs and inputs, tests/hostile_corpus_27.py: at least 300 cases).

For every case: the exit code (2 for an error, with a message naming the rule and, where there
is one, the file, row and column, never a traceback; 0 for an accepted case, whose numbers are
checked against an independent computation), the input files byte-identical afterwards, nothing
written outside the case's output folder, no content of a file outside the protocol's folder in
any message, and the peak memory: Python allocations (tracemalloc) for in-process cases, the
child's peak resident set (VmHWM) for the cases run as a separate process (the large
hostile inputs). The figures are printed at the end of the run (``-s``) and bounded here.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import scipy.stats  # noqa: F401 - imported before tracemalloc runs (it slows imports 5x)

from impact.cli import main

from . import hostile_corpus as H
from . import hostile_corpus_27 as H27

CASES = H.CASES + H27.CASES

CHILD_MAX_RSS = 1024 ** 3          # a hostile input must not need more than 1 GB
IN_PROCESS_PEAK = 256 * 1024 ** 2  # Python allocations of an in-process case
FIGURES: dict[str, tuple[str, float, float]] = {}


def snapshot(root: Path, skip: Path) -> dict:
    """Path -> content hash (or symlink target) of everything under root except ``skip``."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        if path.is_symlink():
            out[str(path)] = "-> " + os.readlink(path)
        elif path.is_file():
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[str(path)] = "dir" if path.is_dir() else "special"
    return out


# The child reports its own peak resident set (VmHWM of /proc/self/status: the high-water mark
# of its memory since exec). ``ru_maxrss`` of a waited-for child is not used: Linux carries the
# parent's high-water mark into a forked child, so it would report pytest's own size.
_WRAPPER = """
import sys
from impact.cli import main
try:
    code = main(sys.argv[2:])
finally:
    with open("/proc/self/status") as status:
        peak = [line.split()[1] for line in status if line.startswith("VmHWM")][0]
    with open(sys.argv[1], "w") as out:
        out.write(peak)
sys.exit(code)
"""


def run_child(argv, root):
    """The CLI in a child process; returns (code, stdout, stderr, peak resident set in bytes)."""
    memory = root / "peak_kb.txt"
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(memory), *map(str, argv)],
                          capture_output=True, text=True, errors="replace", cwd=root / "out",
                          timeout=120)
    peak = int(memory.read_text()) * 1024
    memory.unlink()
    return proc.returncode, proc.stdout, proc.stderr, peak


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case, tmp_path, capsys, record_property):
    root = tmp_path
    for sub in ("in", "out", "outside"):
        (root / sub).mkdir()
    built = case.build(root)
    argv, check = built if isinstance(built, tuple) else (built, None)
    check = check or H.CHECKS_SYNTH.get(case.name)
    before = snapshot(root, root / "out")
    start = time.perf_counter()
    if case.subprocess:
        code, out, err, peak = run_child(argv, root)
        kind = "rss"
    else:
        tracemalloc.start()
        try:
            code = main([str(a) for a in argv])
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        out, err = capsys.readouterr()
        kind = "py"
    seconds = time.perf_counter() - start
    FIGURES[case.name] = (kind, peak / 1024 ** 2, seconds)
    # what each case records (pytest --junitxml keeps it): exit code, the first message line,
    # peak memory and the hashes of its inputs (checked unchanged below)
    record_property("exit_code", code)
    record_property("message", next((ln for ln in err.splitlines() if ln.startswith("impact: ")),
                                    ""))
    record_property("peak_mb", round(peak / 1024 ** 2, 1))
    record_property("inputs_sha256", {k: v for k, v in before.items()})
    assert code == case.code, f"{case.name}: exit {code}\nstdout: {out[-2000:]}\nstderr: {err[-3000:]}"
    assert "Traceback" not in err and "Traceback" not in out
    for fragment in case.fragments:
        assert fragment in err, f"{case.name}: {fragment!r} not in\n{err[-3000:]}"
    if case.code == 2:
        lines = [ln for ln in err.splitlines() if ln.startswith("impact: ")]
        assert lines and all("[rule: " in ln for ln in lines), err
    for secret in case.forbidden:
        assert secret not in out + err
    if check is not None:
        check(root, out, err)
    assert snapshot(root, root / "out") == before, "inputs changed or files written outside out/"
    limit = CHILD_MAX_RSS if case.subprocess else IN_PROCESS_PEAK
    assert peak < limit, f"{case.name}: peak {peak / 1024 ** 2:.0f} MB"


def test_corpus_size():
    errors = [c for c in CASES if c.code == 2]
    accepted = [c for c in CASES if c.code == 0]
    assert len(CASES) >= 300 and len(errors) >= 250 and len(accepted) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


def teardown_module(module):
    if FIGURES:
        print("\npeak memory per hostile case (py = Python allocations in process, "
              "rss = child's max resident set):")
        for name, (kind, mb, seconds) in sorted(FIGURES.items(), key=lambda x: -x[1][1]):
            print(f"  {mb:8.1f} MB {kind:3s} {seconds:6.2f} s  {name}")
