"""Helpers shared by the command modules (kept light: no heavy imports here).

Outputs are written through :mod:`impact.commands._output` (one writer, its rules in
docs/outputs.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import InputError


def existing_file(path: str, what: str = "file") -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{what} does not exist", file=p, rule="file must exist")
    if not p.is_file():
        kind = "a folder" if p.is_dir() else "not a regular file (a device, pipe or socket)"
        raise InputError(f"{what} is {kind}, not a file", file=p, rule="file must exist")
    return p


def print_json(data) -> None:
    from .._result import clean_json

    json.dump(clean_json(data), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# What `impact report` writes into its --out folder (besides the writer's marker).
REPORT_OUTPUTS = ("report.html", "report.pdf", "report.docx", "report.ipynb", "results.json",
                  "summary.html", "summary.pdf", "published.json", "internal", "figures")


def add_force(parser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace the output of an earlier impact run (never other files, "
                             "never through a symbolic link)")


def check_seed(seed) -> int:
    """A random seed: a whole number from 0 to 2**63 - 1 (numpy's generators refuse others)."""
    if not 0 <= int(seed) < 2 ** 63:
        raise InputError(f"--seed must be a whole number from 0 to {2 ** 63 - 1}, got {seed}",
                         column="--seed", rule="seed range")
    return int(seed)


def protocol_inputs(protocol) -> list[Path]:
    """Files a protocol names (its ``data`` and any other existing file it points to), so the
    output writer can refuse to write onto them. Best effort and read-only: a protocol that does
    not parse names none (loading it later reports why)."""
    if protocol is None:
        return []
    path = Path(protocol)
    try:
        if not path.is_file() or path.stat().st_size > 1_000_000:
            return []
        from .._yaml import safe_load_limited

        spec = safe_load_limited(path.read_text(encoding="utf-8", errors="replace"))
    except Exception:  # noqa: BLE001 - the protocol's own loader reports the problem
        return []
    found, stack = [], [spec]
    while stack and len(found) < 200:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and 0 < len(node) < 500 and "\n" not in node:
            candidate = path.parent / node
            try:
                if candidate.is_file():
                    found.append(candidate)
            except (OSError, ValueError):
                pass
    return found
