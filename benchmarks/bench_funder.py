"""Funder report: wall time of one rendered report (papermill + nbconvert) per programme, and of
the in-process analysis + disclosure step alone. Prints figures."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def main():
    from impact.report.run import analyse_and_disclose

    for programme in ("kunst-op-recept", "in-beeld", "welzijn-op-recept"):
        d = ROOT / "synthetic_data" / programme
        args = [d / "responses.csv", "--protocol", d / "protocol.yaml", "--quotes",
                d / "quotes.csv", "--codings", d / "codings.csv", "--audience", "funder",
                "--lang", "nl"]
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([str(BIN / "impact"), "report", *map(str, args), "--out", out],
                           check=True, capture_output=True)
            render_s = time.perf_counter() - start
        start = time.perf_counter()
        analyse_and_disclose(d / "responses.csv", d / "protocol.yaml", quotes=d / "quotes.csv",
                             codings=d / "codings.csv")
        prepare_s = time.perf_counter() - start
        print(f"funder report {programme:18s} {render_s:7.2f} s  (prepare alone {prepare_s:5.2f} s)")


if __name__ == "__main__":
    main()
