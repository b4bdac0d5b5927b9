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
        # before an analysis, an outcome named for ``quantity_from`` must be a score the
        # protocol's instruments produce (its count is taken from the results later)
        checks.append(lambda: check_sroi_spec(
            raw["sroi"], results if results is not None else _score_outcomes(protocol)))
    for check in checks:
        try:
            check()
        except InputError as exc:
            problems.extend(exc.problems)
    return problems


def _score_outcomes(protocol) -> dict:
    """Results-shaped placeholders for the protocol's score columns (counts of zero)."""
    from ..instruments import get_instrument

    cols = []
    given = getattr(protocol, "instrument_objects", None) or (
        getattr(protocol, "instruments", None) or as_protocol(protocol).get("instruments") or [])
    for inst in given:
        try:
            cols += list(get_instrument(inst).score_columns)
        except InputError:   # an unknown instrument is reported by the protocol check
            continue
    return {"outcomes": [{"outcome": c, "n_paired": 0, "rci_improved": 0} for c in cols]}
