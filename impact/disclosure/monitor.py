"""Disclosure of the neighbourhood monitor (published.json of a monitor report)."""

from __future__ import annotations

from ..smallcells import DEFAULT_MIN_CELL_SIZE
from .labels import _outcome_labels
from .policy import DisclosurePolicy
from .published import Disclosed

__all__ = ["disclose_monitor", "disclose_monitor_results", "report_monitor"]


def disclose_monitor(monitor: dict, *, min_respondents: int | None = None,
                     min_cell_size: int = DEFAULT_MIN_CELL_SIZE, lang: str | None = None) -> dict:
    """The publishable version of a ``monitor`` results object: a neighbourhood-round with fewer
    than ``min_respondents`` respondents (the GGD rule of 50 as a protocol option; never below
    ``min_cell_size``) shows no n, mean, CI, difference; its DiD needs both rounds published. The
    reference area (the whole city, large) is shown. Notes are message keys
    (:func:`impact.i18n.render`); ``lang`` is accepted for older callers and not used."""
    m = max(int(min_respondents or monitor.get("min_respondents") or min_cell_size),
            int(min_cell_size))
    notes: list[dict] = []
    small = {(e["neighbourhood"], str(e["round"])) for e in monitor["estimates"] if e["n"] < m}
    hidden = small | _secondary(monitor, small)
    blank = dict(n=None, mean=None, se=None, ci_low=None, ci_high=None)
    estimates = [({**e, **blank, "suppressed": True} if (e["neighbourhood"], str(e["round"]))
                  in hidden else {**e, "suppressed": False}) for e in monitor["estimates"]]
    diffs = [({**d, "difference": None, "se": None, "ci_low": None, "ci_high": None, "p": None,
               "suppressed": True} if (d["neighbourhood"], str(d["round"])) in hidden
              else {**d, "suppressed": False}) for d in monitor["differences"]]
    did = []
    for d in monitor["did"]:
        gone = ((d["neighbourhood"], str(d.get("first_round"))) in hidden
                or (d["neighbourhood"], str(d.get("last_round"))) in hidden or d["did"] is None)
        if gone:
            did.append({k: (v if k in ("neighbourhood", "outcome", "first_round", "last_round")
                            else None) for k, v in d.items()} | {"suppressed": True})
        else:
            did.append({**d, "suppressed": False})
    if small:
        notes.append({"key": "mon_note_small", "params": {"m": m}})
    if hidden - small:
        notes.append({"key": "mon_note_secondary", "params": {}})
    keep = ("title", "rounds", "neighbourhoods", "outcomes", "reference_area", "focus", "level",
            "n_respondents")
    return {**{k: monitor[k] for k in keep if k in monitor}, "min_respondents": m,
            "estimates": estimates, "reference": monitor["reference"], "differences": diffs,
            "did": did, "notes": notes,
            "small_neighbourhoods": sorted({h for h, _ in small}),
            "secondary_neighbourhoods": sorted({h for h, _ in hidden - small})}


def _secondary(monitor: dict, small: set) -> set:
    """Neighbourhood-rounds hidden so that no small one follows from the reference area.

    When the reference area is the sum of the neighbourhoods (its n is theirs added up), a round
    with exactly one hidden neighbourhood would give that neighbourhood's n and, with its
    weights, its mean as the reference minus the neighbourhoods shown. In such a round the
    smallest neighbourhood shown is hidden too (secondary suppression, as for count tables);
    two or more hidden neighbourhoods only give their combined figure, which is not small.
    """
    rounds = {}
    for e in monitor["estimates"]:
        key = (e["neighbourhood"], str(e["round"]))
        rounds.setdefault(str(e["round"]), {})[key] = max(rounds.get(str(e["round"]), {})
                                                          .get(key, 0), e["n"] or 0)
    ref_n = {}
    for r in monitor.get("reference") or []:
        ref_n[str(r["round"])] = max(ref_n.get(str(r["round"]), 0), r.get("n") or 0)
    extra = set()
    for rnd, areas in rounds.items():
        hidden = [k for k in areas if k in small]
        covers = ref_n.get(rnd) is not None and sum(areas.values()) >= ref_n[rnd]
        if len(hidden) == 1 and covers:
            shown = sorted((n, k) for k, n in areas.items() if k not in small)
            if shown:
                extra.add(shown[0][1])
    return extra


def report_monitor(results: dict, *, lang: str | None = None, min_cell_size=None) -> dict | None:
    """The disclosed ``monitor`` dict for a report from a results dict (None when absent)."""
    mon = results.get("monitor")
    if not mon:
        return None
    return disclose_monitor(mon, min_cell_size=min_cell_size or results.get("min_cell_size")
                            or DEFAULT_MIN_CELL_SIZE)


def disclose_monitor_results(monitor: dict, protocol, policy=None) -> Disclosed:
    """The publishable monitor of a run (``published.json`` of a monitor report).

    Neighbourhood-rounds with fewer respondents than the protocol's ``monitor.min_respondents``
    (the GGD rule of 50 as an option; never below ``min_cell_size``) lose n, mean, CI, difference
    and their difference-in-differences (:func:`disclose_monitor`). The reference area (the city)
    is published.
    """
    policy = policy or DisclosurePolicy.from_protocol(protocol)
    mon = disclose_monitor(monitor, min_cell_size=policy.min_cell_size,
                           min_respondents=monitor.get("min_respondents"))
    mon["labels"] = {o: _outcome_labels(protocol, o) for o in mon.get("outcomes") or []
                     if not str(o).startswith("mph_")}
    prov_title = monitor.get("title") or protocol.get("title")
    data = {"meta": {"title": prov_title, "language": protocol.language, "kind": "monitor",
                     "min_cell_size": policy.min_cell_size,
                     "allow_small_cells": policy.allow_small_cells,
                     "min_respondents": mon["min_respondents"],
                     "version": _version()},
            "cells": {}, "monitor": mon}
    internal = {"author_notes": [], "monitor": monitor}
    return Disclosed(data, internal)


def _version() -> str:
    from .._version import __version__

    return __version__
