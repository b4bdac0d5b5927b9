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
