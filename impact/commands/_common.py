"""Helpers shared by the command modules (kept light: no heavy imports here)."""

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
        raise InputError(f"{what} is not a file", file=p, rule="file must exist")
    return p


def print_json(data) -> None:
    from .._result import clean_json

    json.dump(clean_json(data), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def output_path(path: str, inputs=()) -> Path:
    """An output path that never overwrites one of the input files."""
    out = Path(path)
    for given in inputs:
        if given and out.exists() and out.resolve() == Path(given).resolve():
            raise InputError("the output would overwrite an input file", file=out,
                             rule="input files are never modified")
    return out
