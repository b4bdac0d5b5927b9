"""Helpers shared by the command modules (kept light: no heavy imports here).

Output guards (every command that writes): an output is never a symbolic link (nor inside a
symlinked folder), never one of the input files, and an existing output is overwritten only with
``--force``. A folder output (``--out DIR``) is refused when it holds files the command did not
write, unless ``--force``.
"""

from __future__ import annotations

import json
import os
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


# What `impact report` writes into its --out folder (an earlier run's output may be replaced with
# --force; anything else in the folder is somebody's data).
REPORT_OUTPUTS = ("report.html", "report.pdf", "report.docx", "report.ipynb", "results.json",
                  "summary.html", "summary.pdf", "published.json", "internal", "figures")


def add_force(parser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="overwrite existing output (never through a symbolic link)")


def _symlink_in_path(path: Path) -> Path | None:
    """The first component of ``path`` (made absolute, not resolved) that is a symbolic link."""
    path = Path(os.path.abspath(path))
    for candidate in [path, *path.parents]:
        if candidate.is_symlink():
            return candidate
    return None


def _check_no_symlink(out: Path, what: str):
    link = _symlink_in_path(out)
    if link is not None:
        raise InputError(f"{what} {'is' if link == Path(os.path.abspath(out)) else 'lies under'} "
                         f"a symbolic link ({link}); give the real path", file=out,
                         rule="outputs are never written through symbolic links")


def output_path(path: str, inputs=(), *, force: bool = False) -> Path:
    """An output file that is no symlink, no input file, and new unless ``force``."""
    out = Path(path)
    _check_no_symlink(out, "the output")
    for given in inputs:
        if given and out.exists() and out.resolve() == Path(given).resolve():
            raise InputError("the output would overwrite an input file", file=out,
                             rule="input files are never modified")
    if out.exists():
        if out.is_dir():
            raise InputError("the output is a folder; name a file", file=out,
                             rule="output is a file")
        if not force:
            raise InputError("the output file exists; use --force to overwrite it", file=out,
                             rule="outputs are never silently overwritten")
        if not out.is_file():
            raise InputError("the output exists and is not a regular file", file=out,
                             rule="output is a file")
    if not out.parent.exists():
        raise InputError(f"the output's folder {out.parent} does not exist", file=out,
                         rule="output folder exists")
    return out


def output_folder(path: str, *, force: bool = False, owned=(), inputs=()) -> Path:
    """An output folder: no symlink, and empty or holding only ``owned`` names unless ``force``.

    ``owned`` lists names (files or sub-folders) the command itself writes; a folder that holds
    anything else is somebody's data and is refused without ``--force``. Even with ``--force`` a
    folder that holds one of the ``inputs`` is refused.
    """
    out = Path(path)
    _check_no_symlink(out, "the output folder")
    if out.exists() and not out.is_dir():
        raise InputError("--out must be a folder, and this is a file", file=out,
                         rule="output folder")
    for given in inputs:
        if given and out.exists():
            real = Path(given).resolve()
            if out.resolve() in real.parents:
                raise InputError(f"the output folder holds the input file {given}; choose "
                                 f"another folder", file=out,
                                 rule="input files are never modified")
    if out.exists():
        present = sorted(p.name for p in out.iterdir())
        foreign = [n for n in present if n not in set(owned)]
        if foreign and not force:
            shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5
                                              else "")
            raise InputError(f"the output folder already holds files this command does not "
                             f"write ({shown}); choose an empty or new folder, or use --force",
                             file=out, rule="outputs are never silently overwritten")
        clash = [n for n in present if n in set(owned)]
        if clash and not force:
            raise InputError(f"the output folder already holds output of an earlier run "
                             f"({', '.join(clash[:5])}); use --force to overwrite it",
                             file=out, rule="outputs are never silently overwritten")
        for name in present:
            if (out / name).is_symlink():
                raise InputError(f"{out / name} is a symbolic link; remove it first", file=out,
                                 rule="outputs are never written through symbolic links")
    return out
