"""impact's cache folder, and a store of values derived from shipped data.

De-identification derives its word sets from the shipped lists, deduce's source lists, wordfreq
and pycountry (which neighbourhood names are rare words, which first names are Dutch words, ...):
about 0.7 s of one core per process, for values that only change when one of those changes.
:class:`DerivedStore` keeps them in one pickle in the cache folder, under a key of the code and
data they come from: the bytes of the deriving module, the names, sizes and times of the data
files, and where and when each package was installed. Another key is another file, so a changed
list or an upgraded package never reads an old value. Without a writable cache folder every value
is derived as before.

The folder is ``$IMPACT_CACHE_DIR``, else ``$XDG_CACHE_HOME/impact``, else ``~/.cache/impact``.
It does not grow without bound: a file in use is touched when it is read (:func:`touch`), and
writing a new one removes the files of the same kind beyond the :data:`KEEP` most recently used
(:func:`prune`); several installations (a source tree, a wheel, a second virtual environment) keep
their own files side by side.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path


def cache_dir() -> Path:
    """impact's cache folder (not created here)."""
    if os.environ.get("IMPACT_CACHE_DIR"):
        return Path(os.environ["IMPACT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "impact"


# files of one kind (one prefix) kept in the cache folder: the most recently used
KEEP = 4


def touch(path: Path) -> None:
    """Mark a cache file as used now (its modification time), so :func:`prune` keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(path: Path, keep: int = KEEP) -> int:
    """Remove the files of ``path``'s kind (the same name up to its first ``-``, the same
    suffix) beyond the ``keep`` most recently used, ``path`` itself always kept; the number
    removed. Quiet when the folder cannot be read or a file is already gone."""
    prefix = path.name.split("-", 1)[0] + "-"
    try:
        files = [f for f in path.parent.iterdir() if f.name.startswith(prefix) and
                 f.suffix == path.suffix and f.is_file() and f != path]
        files.sort(key=lambda f: f.stat().st_mtime_ns, reverse=True)
    except OSError:
        return 0
    removed = 0
    for f in files[max(keep - 1, 0):]:
        try:
            f.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def atomic_pickle(obj, path: Path) -> bool:
    """Write ``obj`` to ``path`` through a temporary file and a rename (a reader never sees half
    a file); False when the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return False
    prune(path)
    return True


def _package_stamp(name: str) -> str:
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return f"{name}:none"
    if spec is None or not spec.origin:
        return f"{name}:none"
    try:
        st = os.stat(spec.origin)
    except OSError:
        return f"{name}:none"
    return f"{name}:{spec.origin}:{st.st_mtime_ns}"


class DerivedStore:
    """Values derived from code and data, kept in the cache folder between processes.

    Parameters
    ----------
    name : str
        The store's file name stem.
    module : path or sequence of paths
        The deriving module, or modules (their bytes are part of the key).
    data : path
        A folder of data files (each file's name, size and time are part of the key).
    packages : tuple of str
        Packages whose installation (path and time of their ``__init__``) is part of the key.
    """

    def __init__(self, name, module, data, packages=()):
        modules = (module,) if isinstance(module, (str, Path)) else tuple(module)
        self._args = (name, tuple(map(Path, modules)), Path(data), tuple(packages))
        self._values = None
        self._new = False

    def _path(self):
        name, modules, data, packages = self._args
        h = hashlib.sha256()
        for module in modules:
            h.update(module.read_bytes())
        for f in sorted(data.iterdir()):
            if f.is_file():
                st = f.stat()
                h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
        for p in packages:
            h.update(_package_stamp(p).encode())
        return cache_dir() / f"{name}-{h.hexdigest()[:24]}.pickle"

    def _load(self):
        if self._values is None:
            self._values = {}
            try:
                self._file = self._path()
                values = pickle.loads(self._file.read_bytes())   # one read (see _deduce_lookup)
                if isinstance(values, dict):
                    self._values = values
                    touch(self._file)
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                    IndexError, TypeError, ValueError):
                pass
        return self._values

    def get(self, key, derive):
        """The value under ``key``: from the store, else ``derive()`` (kept for :meth:`save`)."""
        values = self._load()
        if key in values:
            return values[key]
        value = values[key] = derive()
        self._new = True
        return value

    def save(self):
        """Write the store when it holds values the file lacks (once per new value, not per
        call)."""
        if not self._new or self._values is None:
            return
        self._new = False
        if getattr(self, "_file", None) is not None:
            atomic_pickle(self._values, self._file)
