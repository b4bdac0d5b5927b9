"""The one output writer of every command (issue 27): checked before any computation, staged
beside the target, renamed into place when complete.

Rules (docs/outputs.md):

- An output is never a symbolic link, never lies under one, and is never (by device and inode,
  so hard links count) one of the command's input files; a folder output never holds an input.
- A folder output is new, empty, or a folder an earlier run of the *same* impact command wrote:
  its marker ``.impact-output.json`` lists every file with size and SHA-256. ``--force`` replaces
  such a folder; a folder with any file the marker does not list, or a listed file changed since,
  is refused even with ``--force`` (it is somebody's data).
- A single-file output gets a sidecar ``.NAME.impact.json`` beside it (command, size, SHA-256);
  ``--force`` replaces a file only when its sidecar says impact wrote it as it is now.
- A lock per output (``fcntl.flock`` on ``.NAME.impact-lock`` beside it), taken at the check: a
  second run on the same output exits 2 naming the first (its process id and command).
- Everything is written into a temporary ``.NAME.impact-tmp-PID`` beside the target and renamed
  into place when complete (a folder swapped with the old one in one ``renameat2`` exchange where
  the system offers it), so a run killed at any point leaves the old deliverable or none, never
  half of one. Leftovers of a killed run are removed by the next run on that output.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

from ..errors import InputError

MARKER = ".impact-output.json"
_RULE_INPUT = "input files are never modified"
_RULE_OWN = "--force replaces only what impact wrote"
_RULE_LINK = "outputs are never written through symbolic links"
_RULE_NEW = "outputs are never silently overwritten"
_RULE_LOCK = "one run per output at a time"


# ---- small helpers -------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _identity(path) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _symlink_in_path(path: Path) -> Path | None:
    """The first component of ``path`` (made absolute, not resolved) that is a symbolic link."""
    path = Path(os.path.abspath(path))
    for candidate in [path, *path.parents]:
        if candidate.is_symlink():
            return candidate
    return None


def _check_no_symlink(out: Path, what: str) -> None:
    link = _symlink_in_path(out)
    if link is not None:
        where = "is" if link == Path(os.path.abspath(out)) else "lies under"
        raise InputError(f"{what} {where} a symbolic link ({link}); give the real path", file=out,
                         rule=_RULE_LINK)


def _input_ids(inputs) -> dict:
    ids = {}
    for given in inputs:
        if given is None or given == "":
            continue
        ident = _identity(given)
        if ident is not None:
            ids[ident] = Path(given)
    return ids


def _listing(folder: Path) -> list[Path]:
    """Every entry under ``folder`` (files, links, specials; folders only when empty)."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root)
        for name in files:
            found.append(base / name)
        for name in list(dirs):
            if (base / name).is_symlink():
                found.append(base / name)
                dirs.remove(name)
    return found


def manifest(folder: Path, command: str) -> dict:
    """The marker's content: the command and every file under ``folder`` with size and hash."""
    files = {}
    for path in sorted(_listing(folder)):
        rel = path.relative_to(folder).as_posix()
        if rel == MARKER:
            continue
        files[rel] = {"size": path.stat().st_size, "sha256": _sha256(path)}
    from .._version import __version__

    return {"impact": __version__, "command": command,
            "written": datetime.now(timezone.utc).isoformat(timespec="seconds"), "files": files}


def _read_json(path: Path):
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _names(items, limit=5) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


# ---- the exchange of two paths -------------------------------------------------------------

def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False when the
    system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), exchange)
    return result == 0


# ---- the lock --------------------------------------------------------------------------------

class _Lock:
    """``flock`` on ``.NAME.impact-lock`` beside the output; holds the owner's pid and command."""

    def __init__(self, target: Path, command: str):
        self.path = target.parent / f".{target.name}.impact-lock"
        self.fd = None
        import fcntl

        for _ in range(20):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                try:
                    owner = os.read(fd, 500).decode("utf-8", "replace").strip()
                finally:
                    os.close(fd)
                owner = owner or "a run that is starting"
                raise InputError(f"another impact run is writing this output ({owner}); wait "
                                 f"for it to finish or choose another output", file=target,
                                 rule=_RULE_LOCK) from None
            # the file may have been removed by its previous owner between open and flock
            if _identity(self.path) != (os.fstat(fd).st_dev, os.fstat(fd).st_ino):
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.write(fd, f"process {os.getpid()}: impact {command}".encode())
            self.fd = fd
            return
        raise InputError("could not lock the output", file=target, rule=_RULE_LOCK)

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            os.close(self.fd)
            self.fd = None


# ---- the outputs -----------------------------------------------------------------------------

class _Output:
    kind = "output"

    def __init__(self, path, command: str, inputs=(), *, force: bool = False):
        self.target = Path(os.path.abspath(path))
        self.given = Path(path)
        self.command = command
        self.force = force
        self.inputs = _input_ids(inputs)
        self.lock = None
        self.stage = None

    # subclasses: check(), _commit()
    def _stale(self):
        parent, name = self.target.parent, _glob_escape(self.target.name)
        for leftover in [*parent.glob(f".{name}.impact-tmp-*"),
                         *parent.glob(f".{name}.impact-old-*"),
                         *parent.glob(f"..{name}.impact.json.impact-tmp-*")]:
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    leftover.unlink()

    def _lock(self):
        self.lock = _Lock(self.target, self.command)
        _LIVE.append(self)
        self._stale()

    def release(self):
        if self.stage is not None and os.path.lexists(self.stage):
            if self.stage.is_dir() and not self.stage.is_symlink():
                shutil.rmtree(self.stage, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    self.stage.unlink()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if self in _LIVE:
            _LIVE.remove(self)

    @contextlib.contextmanager
    def writing(self):
        """Yield the temporary path to write into; on success it is renamed into place."""
        # a file's stage keeps its suffix (writers choose the format by it)
        suffix = self.target.suffix if isinstance(self, OutputFile) else ""
        self.stage = self.target.parent / f".{self.target.name}.impact-tmp-{os.getpid()}{suffix}"
        try:
            try:
                self._prepare()
            except OSError as exc:  # a read-only folder, a name too long
                raise _unwritable(self.given, exc) from None
            yield self.stage
            try:
                self._commit()
            except OSError as exc:  # a full disk
                raise _unwritable(self.given, exc) from None
        finally:
            self.release()

    def final(self, path) -> Path:
        """The path a file written under the stage will have once renamed into place."""
        path = Path(path)
        try:
            rel = Path(os.path.abspath(path)).relative_to(self.stage)
        except (ValueError, TypeError):
            return path
        return self.given / rel if str(rel) != "." else self.given

    def __del__(self):  # a command that failed before writing: give the lock back
        with contextlib.suppress(Exception):
            self.release()


_LIVE: list = []  # outputs locked by this process


def release_all() -> None:
    """Give back every output this process still holds (the CLI calls it when a command ends,
    however it ends): temporary files removed, locks released."""
    for output in list(_LIVE):
        output.release()


def _glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


class OutputFile(_Output):
    """A single output file (see the module's rules)."""

    def __init__(self, path, command, inputs=(), *, force=False):
        super().__init__(path, command, inputs, force=force)
        self.sidecar = self.target.parent / f".{self.target.name}.impact.json"
        self.check()
        self._lock()
        self.check()  # again under the lock: another run may have finished meanwhile

    def check(self):
        out = self.target
        _check_no_symlink(self.given, "the output")
        if not out.parent.is_dir():
            raise InputError(f"the output's folder {out.parent} does not exist", file=self.given,
                             rule="output folder exists")
        if not out.exists():
            return
        if out.is_dir():
            raise InputError("the output is a folder; name a file", file=self.given,
                             rule="output is a file")
        if _identity(out) in self.inputs:
            raise InputError(f"the output would overwrite an input file "
                             f"({self.inputs[_identity(out)]}: the same file, or a hard link to "
                             f"it)", file=self.given, rule=_RULE_INPUT)
        if not out.is_file():
            raise InputError("the output exists and is not a regular file", file=self.given,
                             rule="output is a file")
        if not self.force:
            raise InputError("the output file exists; use --force to overwrite it",
                             file=self.given, rule=_RULE_NEW)
        record = _read_json(self.sidecar) if not self.sidecar.is_symlink() else None
        if record is None:
            raise InputError(f"the output file exists and impact did not write it (no record "
                             f"{self.sidecar.name} beside it); --force replaces only impact's own "
                             f"output: remove it yourself or choose another name",
                             file=self.given, rule=_RULE_OWN)
        st = out.stat()
        if (record.get("size") != st.st_size or record.get("sha256") != _sha256(out)
                or st.st_nlink > 1):
            raise InputError("the output file was changed since impact wrote it (or is linked "
                             "to another file); remove it yourself or choose another name",
                             file=self.given, rule=_RULE_OWN)

    def _prepare(self):
        if os.path.lexists(self.stage):
            os.unlink(self.stage)

    def _commit(self):
        if not self.stage.is_file() or self.stage.is_symlink():
            raise InputError("nothing was written", file=self.given, rule="output written")
        from .._version import __version__

        record = {"impact": __version__, "command": self.command, "file": self.target.name,
                  "size": self.stage.stat().st_size, "sha256": _sha256(self.stage),
                  "written": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        side_tmp = self.target.parent / f".{self.sidecar.name}.impact-tmp-{os.getpid()}"
        side_tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        os.replace(self.stage, self.target)   # a new directory entry: never writes into a link
        os.replace(side_tmp, self.sidecar)


class OutputFolder(_Output):
    """A folder output (see the module's rules)."""

    def __init__(self, path, command, inputs=(), *, force=False):
        super().__init__(path, command, inputs, force=force)
        self.check()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        self.check()  # again under the lock: another run may have finished meanwhile

    def check(self):
        out = self.target
        _check_no_symlink(self.given, "the output folder")
        if os.path.lexists(out) and not out.is_dir():
            raise InputError("--out must be a folder, and this is a file", file=self.given,
                             rule="output folder")
        for ident, given in self.inputs.items():
            real = Path(os.path.realpath(given))
            if out.exists() and Path(os.path.realpath(out)) in real.parents:
                raise InputError(f"the output folder holds the input file {given}; choose "
                                 f"another folder", file=self.given, rule=_RULE_INPUT)
        if not out.exists():
            return
        present = _listing(out)
        if not present:
            return
        for path in present:
            if _identity(path) in self.inputs and not path.is_symlink():
                raise InputError(f"the output folder holds {path.name}, which is the input file "
                                 f"{self.inputs[_identity(path)]} (a hard link)", file=self.given,
                                 rule=_RULE_INPUT)
        marker = out / MARKER
        record = _read_json(marker) if marker.is_file() and not marker.is_symlink() else None
        rel = sorted(p.relative_to(out).as_posix() for p in present
                     if p.relative_to(out).as_posix() != MARKER)
        if record is None or not isinstance(record.get("files"), dict):
            raise InputError(f"the output folder holds files impact did not write ({_names(rel)}); "
                             f"choose an empty or new folder (--force replaces only a folder an "
                             f"earlier impact run wrote)", file=self.given, rule=_RULE_OWN)
        listed = record["files"]
        foreign = [r for r in rel if r not in listed]
        if foreign:
            raise InputError(f"the output folder holds files impact did not write "
                             f"({_names(foreign)}); they are kept: choose another folder or move "
                             f"them", file=self.given, rule=_RULE_OWN)
        links = [r for r in rel if (out / r).is_symlink() or not (out / r).is_file()]
        if links:
            raise InputError(f"the output folder holds symbolic links or special files "
                             f"({_names(links)}); remove them first", file=self.given,
                             rule=_RULE_LINK)
        if record.get("command") != self.command:
            raise InputError(f"the output folder holds the output of 'impact "
                             f"{record.get('command')}', not of 'impact {self.command}'; choose "
                             f"another folder", file=self.given, rule=_RULE_OWN)
        if not self.force:
            raise InputError(f"the output folder holds the output of an earlier run "
                             f"({_names(rel)}); use --force to replace it", file=self.given,
                             rule=_RULE_NEW)
        linked = [r for r in rel if (out / r).stat().st_nlink > 1]
        if linked:
            raise InputError(f"files in the output folder are hard links to other files "
                             f"({_names(linked)}); they are kept: choose another folder or move "
                             f"them", file=self.given, rule=_RULE_OWN)
        changed = [r for r in rel if (out / r).stat().st_size != listed[r].get("size")
                   or _sha256(out / r) != listed[r].get("sha256")]
        if changed:
            raise InputError(f"files in the output folder were changed since impact wrote them "
                             f"({_names(changed)}); they are kept: choose another folder or move "
                             f"them", file=self.given, rule=_RULE_OWN)

    def _prepare(self):
        if os.path.lexists(self.stage):
            shutil.rmtree(self.stage)
        self.stage.mkdir()

    def _commit(self):
        marker = manifest(self.stage, self.command)
        tmp = self.stage / f"{MARKER}.tmp"
        tmp.write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.stage / MARKER)
        self.check()  # the target as it is now (nothing changed it under our lock)
        if self.target.exists() and any(self.target.iterdir()):
            if _exchange(self.stage, self.target):
                shutil.rmtree(self.stage)  # now the old folder
                return
            old = self.target.parent / f".{self.target.name}.impact-old-{os.getpid()}"
            os.rename(self.target, old)
            os.rename(self.stage, self.target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            if self.target.exists():
                self.target.rmdir()
            os.rename(self.stage, self.target)


def separate(file_path, folder_path) -> None:
    """A command writing a file and a folder: the file may not lie inside the folder (the
    folder is replaced whole, and the file would be foreign to its marker). Checked on the
    paths, before either output."""
    if not file_path or not folder_path:
        return
    file_, folder = Path(os.path.abspath(file_path)), Path(os.path.abspath(folder_path))
    if folder == file_ or folder in file_.parents:
        raise InputError("--output lies inside the --out folder; write it elsewhere",
                         file=file_path, rule="outputs do not overlap")


def _unwritable(given, exc: OSError) -> InputError:
    return InputError(f"cannot write the output: {exc.strerror or exc}", file=given,
                      rule="the output can be written")


def output_file(path, command: str, inputs=(), *, force: bool = False) -> OutputFile:
    """Check a single-file output and lock it (before any computation)."""
    try:
        return OutputFile(path, command, inputs, force=force)
    except OSError as exc:
        release_all()
        raise _unwritable(path, exc) from None


def output_folder(path, command: str, inputs=(), *, force: bool = False) -> OutputFolder:
    """Check a folder output and lock it (before any computation)."""
    try:
        return OutputFolder(path, command, inputs, force=force)
    except OSError as exc:
        release_all()
        raise _unwritable(path, exc) from None
