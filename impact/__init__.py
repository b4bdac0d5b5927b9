"""impact: pre/post and mixed-methods evidence for culture-in-health programmes.

One flat namespace in the style of pingouin: ``impact.score``, ``impact.prepost``,
``impact.analyse``, ... Submodules are imported lazily on first use, so ``import impact`` and the
command line start instantly; pandas, SciPy and statsmodels load only when a function needs them.
"""

from __future__ import annotations

import importlib

from ._version import __version__

# Public submodules, lowest layer first. Each defines ``__all__``; their names form the flat
# namespace. Lower layers never import higher ones.
_SUBMODULES = (
    "impact.errors",
    "impact.i18n",
    "impact.instruments",
    "impact.io",
    "impact.protocol",
    "impact.stats",
    "impact.qual",
    "impact.studies.programme",
    "impact.studies.referrals",
    "impact.studies.monitor",
    "impact.studies.synthesis",
    "impact.studies.joint",
    "impact.evidence",
    "impact.synth",
    "impact.disclosure",
    "impact.report",
)

_resolved: dict[str, object] = {}


def _find(name: str):
    for modname in _SUBMODULES:
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError as exc:  # a layer that does not exist yet
            if exc.name == modname:
                continue
            raise
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    raise AttributeError(f"module 'impact' has no attribute {name!r}")


def __getattr__(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    if name not in _resolved:
        _resolved[name] = _find(name)
    return _resolved[name]


def __dir__():
    names = set(globals())
    for modname in _SUBMODULES:
        try:
            names.update(getattr(importlib.import_module(modname), "__all__", ()))
        except ModuleNotFoundError:
            pass
    return sorted(names)
