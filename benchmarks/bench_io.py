"""Benchmark: read + validate a large response CSV against pandas.read_csv alone.

Targets (issues #4 and #13): reading and validating a 1,000,000-row CSV with 63 item columns
(mph 42 + pss10 10 + djg11 11) through :func:`impact.io.load_responses` (the path of ``impact
validate`` and ``impact analyse``: mapping, answer labels, validation) takes at most 2x the time
of ``pandas.read_csv`` on the same file; the same answers as a wide file (one row per
participant, ``pss10_1_T0`` ..., 500,000 rows x 126 items) at most 2.5x ``pandas.read_csv`` of
the long file. Measured side by side in one run. Prints figures; asserts nothing.

    python benchmarks/bench_io.py [ROWS] [REPEAT]

The file is generated in a temporary folder (about 140 MB for 1M rows; 1% empty item cells; a few
planted errors) and removed afterwards. The two measurements alternate so a busy machine affects
both alike; the median of REPEAT runs is reported,
and the ratio of the fastest runs (the least disturbed by other processes).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LAYOUT = (("mph", 42, 0, 10), ("pss10", 10, 0, 4), ("djg11", 11, 1, 3))


def instruments():
    """The three instruments; a stand-in with the same items and coding if not built in."""
    from impact.errors import InputError
    from impact.instruments import get_instrument, instrument_from_dict

    out = []
    for iid, items, lo, hi in LAYOUT:
        try:
            out.append(get_instrument(iid))
        except InputError:
            out.append(instrument_from_dict({"id": iid, "name": f"{iid} (benchmark stand-in)",
                                             "items": items, "min": lo, "max": hi,
                                             "scoring": "mean", "min_answered": 1}))
    return out


def make_file(path: Path, rows: int, seed: int = 1) -> None:
    """Write the CSV fast: a fixed-width byte matrix, then empty cells cut out."""
    rng = np.random.default_rng(seed)
    participants = (rows + 1) // 2
    cols = []
    for _, items, lo, hi in LAYOUT:
        cols.append(rng.integers(lo, min(hi, 9) + 1, (rows, items), dtype=np.uint8))
    values = np.concatenate(cols, axis=1) + ord("0")
    values[rng.random(values.shape) < 0.01] = ord("X")          # empty cell marker
    n_items = values.shape[1]
    ids = np.char.mod("P%07d", np.arange(rows) % participants + 1).astype("S8")
    waves = np.where(np.arange(rows) < participants, b"T0", b"T1").astype("S2")
    width = 8 + 1 + 2 + 2 * n_items
    buf = np.full((rows, width), ord(","), dtype=np.uint8)
    buf[:, :8] = ids.view(np.uint8).reshape(rows, 8)
    buf[:, 9:11] = waves.view(np.uint8).reshape(rows, 2)
    buf[:, 12::2] = values
    buf[:, -1] = ord("\n")
    names = ["participant_id", "wave"] + [f"{iid}_{k}" for iid, items, _, _ in LAYOUT
                                          for k in range(1, items + 1)]
    body = buf.tobytes().replace(b",X", b",")
    body = body.replace(b"X,", b",").replace(b"X\n", b"\n")  # noqa - first item never X here
    with open(path, "wb") as handle:
        handle.write((",".join(names) + "\n").encode())
        handle.write(body)


def make_wide(long_path: Path, wide_path: Path) -> None:
    """The same answers, one row per participant: items named ``<item>_<wave>``.

    The long file holds every participant at T0 (first half) and T1 (second half, same order),
    so wide row i joins long lines i and i + participants.
    """
    with open(long_path, "rb") as handle:
        header = handle.readline().rstrip(b"\n").split(b",")
        lines = handle.read().split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    half = (len(lines) + 1) // 2
    items = header[2:]
    names = [b"participant_id"] + [i + b"_T0" for i in items] + [i + b"_T1" for i in items]
    with open(wide_path, "wb") as out:
        out.write(b",".join(names) + b"\n")
        empty = b"," * (len(items) - 1)
        for i in range(half):
            first = lines[i].split(b",", 2)
            second = lines[i + half].split(b",", 2)[2] if i + half < len(lines) else empty
            out.write(first[0] + b"," + first[2] + b"," + second + b"\n")


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main(rows: int = 1_000_000, repeat: int = 3) -> None:
    import pandas as pd

    from impact.io import load_responses, read_responses, validate_responses
    from impact.protocol import protocol_from_dict

    insts = instruments()

    def make_protocol(**extra):
        protocol = protocol_from_dict({"title": "bench", "waves": ["T0", "T1"],
                                       "instruments": ["pss10"], "primary_outcome": "pss10_score",
                                       **extra})
        protocol.instruments = [i.id for i in insts]
        protocol.instrument_objects = insts
        return protocol

    protocol = make_protocol()
    wide_protocol = make_protocol(layout="wide")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "responses.csv"
        t_make, _ = timed(lambda: make_file(path, rows))
        size = path.stat().st_size / 1e6
        print(f"generated {rows:,} rows x {2 + sum(x[1] for x in LAYOUT)} columns "
              f"({size:.0f} MB) in {t_make:.1f} s; instruments: "
              + ", ".join(f"{i.id}{' (stand-in)' if 'stand-in' in i.name else ''}" for i in insts))
        wide_path = Path(tmp) / "wide.csv"
        t_wide, _ = timed(lambda: make_wide(path, wide_path))
        print(f"wide file: {wide_path.stat().st_size / 1e6:.0f} MB, written in {t_wide:.1f} s")
        base, ours, read_only, loaded, wide = [], [], [], [], []
        problems = None
        for _ in range(repeat):
            t, _frame = timed(lambda: pd.read_csv(path))
            base.append(t)
            del _frame
            t_read, frame = timed(lambda: read_responses(path))
            t_val, problems = timed(lambda: validate_responses(frame, protocol))
            read_only.append(t_read)
            ours.append(t_read + t_val)
            del frame
            t_load, (frame, problems) = timed(lambda: load_responses(path, protocol))
            loaded.append(t_load)
            del frame
            t_wide, (frame, wide_problems) = timed(lambda: load_responses(wide_path,
                                                                          wide_protocol))
            wide.append(t_wide)
            wide_rows = len(frame)
            del frame
        b, o, r = (statistics.median(x) for x in (base, ours, read_only))
        lo, wi = statistics.median(loaded), statistics.median(wide)
        print(f"pandas.read_csv alone           {b:7.2f} s  (runs: {', '.join(f'{x:.2f}' for x in base)})")
        print(f"impact read_responses           {r:7.2f} s")
        print(f"impact read + validate          {o:7.2f} s  (runs: {', '.join(f'{x:.2f}' for x in ours)})")
        print(f"ratio read+validate / read_csv  {o / b:7.2f}   median of runs (target <= 2.00)")
        print(f"ratio of the fastest runs       {min(ours) / min(base):7.2f}   "
              f"(less sensitive to a busy machine)")
        print(f"impact load_responses (long)    {lo:7.2f} s  (runs: {', '.join(f'{x:.2f}' for x in loaded)})")
        print(f"ratio load_responses / read_csv {lo / b:7.2f}   median of runs (target <= 2.00)")
        print(f"impact load_responses (wide)    {wi:7.2f} s  (runs: {', '.join(f'{x:.2f}' for x in wide)}; "
              f"{wide_rows:,} long rows)")
        print(f"ratio wide / read_csv (long)    {wi / b:7.2f}   median of runs (target <= 2.50)")
        print(f"ratio of the fastest runs       {min(loaded) / min(base):7.2f} long, "
              f"{min(wide) / min(base):.2f} wide")
        print(f"problems found: {len(problems.errors)} errors, {len(problems.warnings)} warnings "
              f"(wide: {len(wide_problems.errors)} errors)")
        # the former reader (sep=None, python engine) on a slice, for contrast
        small = Path(tmp) / "small.csv"
        with open(path, "rb") as src, open(small, "wb") as dst:
            for i, line in enumerate(src):
                if i > 50_000:
                    break
                dst.write(line)
        t_old, _ = timed(lambda: pd.read_csv(small, sep=None, engine="python", dtype=str))
        t_new, _ = timed(lambda: read_responses(small))
        print(f"50,000 rows: former reader (sep=None, python engine) {t_old:.2f} s, "
              f"new reader {t_new:.2f} s")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
