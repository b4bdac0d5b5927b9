"""Wall time of one guideline report (``impact report --audience guideline``) per programme.

Prints figures; no targets are asserted. Run: ``python benchmarks/bench_guideline.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def main(repeat: int = 3) -> None:
    for name in ("in-beeld", "kunst-op-recept", "welzijn-op-recept"):
        src = ROOT / "synthetic_data" / name
        times = []
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as out:
                start = time.perf_counter()
                subprocess.run([str(BIN / "impact"), "report", src / "responses.csv",
                                "--protocol", src / "protocol.yaml", "--quotes",
                                src / "quotes.csv", "--codings", src / "codings.csv",
                                "--audience", "guideline", "--lang", "nl", "--out", out],
                               check=True, capture_output=True)
                times.append(time.perf_counter() - start)
        print(f"guideline report {name:18s} {min(times):7.2f} s (best of {repeat})")


if __name__ == "__main__":
    main()
