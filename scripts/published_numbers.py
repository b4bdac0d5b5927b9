"""Every number of every demo ``published.json``, by file and JSON path.

``python scripts/published_numbers.py DEMO_DIR OUT.json`` writes the fixture that
tests/test_published_numbers.py compares a fresh demo against: a restructuring of the package
must leave every published number as it was. Dates and the package version are not numbers of
the deliverable's content and are left out. Regenerate the fixture (and say why in the commit)
only when a change is meant to change published numbers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# not numbers of the deliverable's content: dates, the version, hashes, and the audit's list of
# relations (its order follows the tables, and its totals are the counts it refers to)
SKIP = ("meta.date", "meta.version", "meta.input_sha256", "constraints")


def numbers(obj, path="") -> dict:
    """JSON path -> number for every numeric leaf (booleans are not numbers)."""
    out = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.update(numbers(v, f"{path}.{k}" if path else str(k)))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.update(numbers(v, f"{path}[{i}]"))
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        if not path.startswith(SKIP):
            out[path] = obj
    return out


def demo_numbers(demo: Path) -> dict:
    return {str(p.relative_to(demo).parent): numbers(json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(demo.rglob("published.json"))}


if __name__ == "__main__":
    demo, out = Path(sys.argv[1]), Path(sys.argv[2])
    Path(out).write_text(json.dumps(demo_numbers(demo), indent=0, sort_keys=True) + "\n",
                         encoding="utf-8")
