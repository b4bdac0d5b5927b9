"""Compare two folders of `impact analyse` results files, file by file (issue 26).

    python scripts/compare_results.py BEFORE_DIR AFTER_DIR

Every key and value is compared: floats must agree to 1e-12 relative (the count of floats that
are not bit-equal and their largest relative difference are printed), everything else exactly;
the files are also compared byte for byte. Run `impact analyse` twice on the same inputs with the
same IMPACT_PSEUDONYM_KEY (before and after a change) into the two folders. Exit status 1 when
a file differs beyond the tolerance.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def walk(a, b, path, diffs, stats):
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            diffs.append(f"{path}: keys differ {sorted(set(a) ^ set(b))}")
        for k in a.keys() & b.keys():
            walk(a[k], b[k], f"{path}.{k}", diffs, stats)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            diffs.append(f"{path}: length {len(a)} != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", diffs, stats)
    elif isinstance(a, float) or isinstance(b, float):
        stats["floats"] += 1
        if not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
            diffs.append(f"{path}: {a!r} != {b!r}")
        elif a != b:
            rel = abs(a - b) / max(abs(a), abs(b))
            stats["unequal"] += 1
            stats["max_rel"] = max(stats["max_rel"], rel)
            if not rel <= 1e-12:
                diffs.append(f"{path}: {a!r} != {b!r} (relative {rel:.2e})")
    else:
        stats["other"] += 1
        if a != b:
            diffs.append(f"{path}: {a!r} != {b!r}")


def main(before: Path, after: Path) -> int:
    bad = 0
    for f in sorted(p for p in before.glob("*.json") if not p.name.startswith(".")):
        g = after / f.name
        if not g.exists():
            print(f"{f.name}: missing in {after}")
            bad += 1
            continue
        stats = {"floats": 0, "other": 0, "unequal": 0, "max_rel": 0.0}
        diffs: list[str] = []
        walk(json.loads(f.read_text()), json.loads(g.read_text()), "", diffs, stats)
        same_bytes = f.read_bytes() == g.read_bytes()
        print(f"{f.name:28s} {stats['floats']:6d} floats ({stats['unequal']} not bit-equal, "
              f"largest relative difference {stats['max_rel']:.1e}), {stats['other']:6d} other "
              f"values: {'identical' if not diffs else f'{len(diffs)} differences'}"
              f"{', byte for byte' if same_bytes else ''}")
        for d in diffs[:10]:
            print("   ", d)
        bad += bool(diffs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
