"""Shared fixtures: synthetic cohorts and a command-line runner (no R, no network needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, cwd=None, check=False):
    """Run ``python -m impact ARGS`` and return the CompletedProcess (text mode)."""
    proc = subprocess.run([sys.executable, "-m", "impact", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)
    if check and proc.returncode != 0:
        raise AssertionError(f"impact {' '.join(map(str, args))} failed:\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def kor_dir(tmp_path_factory):
    """The Kunst op Recept synthetic cohort (seed 1) written to a temporary folder."""
    from impact.synth import synthesise, write_cohort

    out = tmp_path_factory.mktemp("kor")
    write_cohort(synthesise("kunst-op-recept", 1), out)
    return out


@pytest.fixture(scope="session")
def demo_reports(tmp_path_factory):
    """The 16 programme reports of the demo (and the monitor's and the synthesis's), rendered
    once per test session and shared by every xdist worker (the first worker renders under a
    file lock; the others wait and reuse the folder).

    The command is ``make demo``'s (``impact demo --out DIR --force``); what it printed on
    stdout and stderr are kept beside the folder, in ``DIR.stdout`` and ``DIR.stderr`` (with
    ``IMPACT_TEST_DEMO_DIR``, write them there yourself: ``impact demo --out DIR --force >
    DIR.stdout 2> DIR.stderr``)."""
    import fcntl
    import os

    if os.environ.get("IMPACT_TEST_DEMO_DIR"):  # development: reuse `impact demo --out DIR`
        return Path(os.environ["IMPACT_TEST_DEMO_DIR"])
    root = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in __import__("os").environ:
        root = root.parent  # shared by the workers of one session
    out = root / "demo-shared"
    with open(root / "demo-shared.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "index.html").exists():
            proc = run_cli("demo", "--out", out, "--force")
            assert proc.returncode == 0, proc.stderr
            out.with_suffix(".stdout").write_text(proc.stdout, encoding="utf-8")
            out.with_suffix(".stderr").write_text(proc.stderr, encoding="utf-8")
        fcntl.flock(lock, fcntl.LOCK_UN)
    return out
