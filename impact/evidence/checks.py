"""The protocol checks of the evidence layer, gathered for ``impact validate`` (its own module, so
:mod:`impact.evidence._common` and :mod:`impact.evidence.sroi` do not import each other)."""

from __future__ import annotations

from ..errors import InputError
from ._common import as_protocol, evidence_options, intervention_of
from .sroi import check_sroi_spec


def evidence_problems(protocol, results=None) -> list:
    """Every problem in the protocol's ``evidence``, ``intervention`` and ``sroi`` mappings.

    For ``impact validate``: returns a list of :class:`impact.Problem` (empty when all is well)
    instead of stopping at the first, one check per mapping.
    """
    raw = as_protocol(protocol)
    problems = []
    checks = [lambda: evidence_options(raw), lambda: intervention_of(raw)]
    if raw.get("sroi") is not None:
        checks.append(lambda: check_sroi_spec(
            raw["sroi"], results if results is not None else {"outcomes": []}))
    for check in checks:
        try:
            check()
        except InputError as exc:
            problems.extend(exc.problems)
    return problems
