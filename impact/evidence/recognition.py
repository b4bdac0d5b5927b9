"""The Dutch recognition level (erkenningstraject) the evidence of one evaluation can support.

Levels of the recognition system for interventions (RIVM Loket Gezond Leven, Movisie; see
shared/reference/evidence.md), lowest first: *Goed beschreven*, *Goed onderbouwd*,
*Effectief - eerste aanwijzingen*, *Effectief - goede aanwijzingen*, *Effectief - sterke
aanwijzingen*. The recognition committee judges a dossier; this function only says which level
the *protocol and results* of this evaluation could support and why, in plain words.

Rules
-----
Goed beschreven
    the protocol describes aims (``intervention.aims`` or ``description``), target group
    (``intervention.target_group`` or ``evidence.study.eligibility``), approach
    (``intervention.what_procedures``), conditions (``who_provided``, ``where`` and
    ``when_how_much``), materials (``what_materials``), and the results show practice
    experience (at least one paired participant).
Goed onderbouwd
    described, plus a working mechanism (``intervention.why``). Theory or references
    (``intervention.theory``, ``intervention.references``) are recommended, not required.
Effectief - eerste aanwijzingen
    substantiated, plus on the *primary* outcome a change in the good direction whose 95% CI
    excludes zero. This is the ceiling of a single-group before-after study (NJi effect ladder:
    indicative evidence).
Effectief - goede aanwijzingen
    substantiated, plus a controlled design whose results carry a between-group comparison
    (``comparator``) on the primary outcome in favour of the intervention with a CI excluding
    zero. Ceiling of a single controlled study [exact criteria unverified].
Effectief - sterke aanwijzingen
    never from one evaluation: it needs replication and longer follow-up [unverified].

The effect levels presuppose the description and the working mechanism (our reading of the
cumulative ladder [unverified]); the level the effect data alone would support is reported as
well (``effect_level``). Entry conditions (a Dutch manual, a process evaluation, an owner) are
listed as checks (``intervention.manual``, ``process_evaluation``, ``owner``); they do not change
the level computed here.
"""

from __future__ import annotations

import html

from .._result import Result, clean_json
from ._common import (as_protocol, as_results, benefit_interval, comparator_for, design_of,
                      evidence_options,
                      filled, higher_is_better, intervention_of, num, primary_row)

__all__ = ["recognition_level", "RecognitionResult", "RECOGNITION_LEVELS"]

RECOGNITION_LEVELS = ("none", "goed_beschreven", "goed_onderbouwd", "eerste_aanwijzingen",
                      "goede_aanwijzingen", "sterke_aanwijzingen")

_DESCRIPTION_PARTS = ("aims", "target_group", "approach", "conditions", "materials",
                      "practice_experience")


def _description_checks(protocol: dict, intervention: dict, results: dict, opts: dict) -> dict:
    study = opts.get("study") or {}
    paired = max([num(o.get("n_paired")) or 0 for o in results.get("outcomes") or []] or [0])
    return {
        "aims": filled(intervention.get("aims")) or filled(protocol.get("description")),
        "target_group": filled(intervention.get("target_group")) or filled(study.get("eligibility")),
        "approach": filled(intervention.get("what_procedures")),
        "conditions": all(filled(intervention.get(k))
                          for k in ("who_provided", "where", "when_how_much")),
        "materials": filled(intervention.get("what_materials")),
        "practice_experience": paired >= 1,
    }


def recognition_level(results, protocol=None) -> "RecognitionResult":
    """The recognition level the protocol and results can support, with reasons (nl and en).

    Parameters
    ----------
    results : dict or impact.Results
        Results of ``impact analyse``.
    protocol : dict or Protocol
        Supplies ``description``, ``design``, ``intervention`` (TIDieR items plus ``aims,
        target_group, theory, references, manual, owner, process_evaluation``) and
        ``evidence``.

    Returns
    -------
    RecognitionResult
        ``level`` (one of :data:`RECOGNITION_LEVELS`), ``effect_level``, ``description``
        checks, ``entry_conditions``, ``reasons`` (catalogue keys with parameters);
        ``text(lang)`` gives the explanation in plain Dutch or English.

    Notes
    -----
    Rules in the module docstring. The result is an indication for a dossier, not a decision of
    the recognition committee. A primary outcome whose change or CI is ``null`` supports no
    effect level (the reason says so); an unknown direction (custom instrument without
    ``higher_is_better``) likewise.

    References
    ----------
    RIVM Loket Gezond Leven and Movisie: Erkenningstraject interventies, levels
    "Goed beschreven" to "Effectief - sterke aanwijzingen" (loketgezondleven.nl).
    Nederlands Jeugdinstituut (NJi): Effectladder (indicative, good, strong evidence).

    Examples
    --------
    >>> rec = impact.recognition_level(results, protocol)
    >>> rec.level, rec.effect_level   # description incomplete; the effect alone: first signs
    ('none', 'eerste_aanwijzingen')
    >>> rec.text("nl")
    "Het bewijs uit deze evaluatie kan dit niveau ondersteunen: nog niet 'Goed beschreven'. ..."
    """
    results = as_results(results)
    protocol = as_protocol(protocol)
    opts = evidence_options(protocol)
    intervention = intervention_of(protocol)
    design = design_of(results, protocol)
    checks = _description_checks(protocol, intervention, results, opts)
    reasons = []
    described = all(checks.values())
    if described:
        reasons.append(("rec_reason_described", {}))
    else:
        reasons.append(("rec_reason_not_described",
                        {"missing": [p for p in _DESCRIPTION_PARTS if not checks[p]]}))
    substantiated = described and filled(intervention.get("why"))
    if described:
        reasons.append(("rec_reason_mechanism" if substantiated else "rec_reason_no_mechanism", {}))
    if filled(intervention.get("why")) and not (filled(intervention.get("theory"))
                                                 or filled(intervention.get("references"))):
        reasons.append(("rec_reason_add_references", {}))

    # What the effect data alone support
    effect_level = "none"
    row = primary_row(results)
    if row is None:
        reasons.append(("rec_reason_no_primary", {}))
    else:
        outcome = row.get("outcome")
        comp = comparator_for(row, results)
        better = higher_is_better(outcome, row, opts)
        if design in ("controlled", "randomised") and comp is not None:
            turned = benefit_interval(comp["difference"], comp["ci_low"], comp["ci_high"], better)
            favourable = turned is not None and turned[1] > 0
            effect_level = "goede_aanwijzingen" if favourable else "none"
            reasons.append(("rec_reason_controlled_effect" if favourable
                            else "rec_reason_controlled_no_effect", {"outcome": outcome}))
        else:
            turned = benefit_interval(num(row.get("mean_change")), num(row.get("ci_low")),
                                      num(row.get("ci_high")), better)
            if better is None:
                reasons.append(("rec_reason_direction_unknown", {"outcome": outcome}))
            elif turned is not None and turned[1] > 0:
                effect_level = "eerste_aanwijzingen"
                reasons.append(("rec_reason_prepost_effect", {"outcome": outcome}))
            else:
                reasons.append(("rec_reason_prepost_no_effect", {"outcome": outcome}))
            reasons.append(("rec_reason_single_group_ceiling", {}))
        reasons.append(("rec_reason_no_strong", {}))

    if not described:
        level = "none"
    elif not substantiated:
        level = "goed_beschreven"
    elif effect_level != "none":
        level = effect_level
    else:
        level = "goed_onderbouwd"
    if effect_level != "none" and level != effect_level:
        reasons.append(("rec_reason_effect_needs_basis", {}))
    entry = {k: filled(intervention.get(k)) for k in ("manual", "process_evaluation", "owner")}
    reasons.append(("rec_reason_entry_conditions",
                    {"missing": [k for k, ok in entry.items() if not ok]}))
    return RecognitionResult(level=level, effect_level=effect_level, description=checks,
                             substantiated=substantiated, entry_conditions=entry,
                             reasons=reasons, design=design,
                             lang=protocol.get("language") or results.get("language") or "en")


class RecognitionResult(Result):
    """The supported recognition level with its reasons."""

    title = "Recognition level (erkenningstraject)"

    def __init__(self, *, level, effect_level, description, substantiated, entry_conditions,
                 reasons, design, lang="en"):
        self.level = level
        self.effect_level = effect_level
        self.description = description
        self.substantiated = substantiated
        self.entry_conditions = entry_conditions
        self.reasons = reasons
        self.design = design
        self.lang = lang

    def to_dict(self) -> dict:
        return clean_json({"level": self.level, "effect_level": self.effect_level,
                           "design": self.design, "description": self.description,
                           "substantiated": self.substantiated,
                           "entry_conditions": self.entry_conditions,
                           "reasons": [{"key": k, "params": p} for k, p in self.reasons]})

    @classmethod
    def from_dict(cls, data: dict, lang: str = "en") -> "RecognitionResult":
        """The result again from :meth:`to_dict` (e.g. from ``published.json``)."""
        return cls(level=data["level"], effect_level=data.get("effect_level"),
                   description=data.get("description"), substantiated=data.get("substantiated"),
                   entry_conditions=data.get("entry_conditions"), design=data.get("design"),
                   reasons=[(r["key"], r.get("params") or {}) for r in data.get("reasons") or []],
                   lang=lang)

    def level_name(self, lang=None) -> str:
        from ..i18n import messages

        return messages(lang or self.lang)[f"rec_level_{self.level}"]

    def sentences(self, lang=None) -> list[str]:
        """The reasons in plain words."""
        from ..i18n import messages

        m = messages(lang or self.lang)
        out = []
        for key, params in self.reasons:
            params = dict(params)
            if "missing" in params:
                labels = [m.get(f"rec_part_{p}", p) for p in params["missing"]]
                if not labels:
                    if key == "rec_reason_entry_conditions":
                        key = "rec_reason_entry_conditions_given"
                params["missing"] = ", ".join(labels)
            out.append(m[key].format(**params))
        return out

    def text(self, lang=None) -> str:
        from ..i18n import messages

        m = messages(lang or self.lang)
        return " ".join([m["rec_supported"].format(level=self.level_name(lang))]
                        + self.sentences(lang))

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame({"reason": self.sentences()})

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in self.sentences())
        return (f"<p><strong>{html.escape(self.level_name())}</strong></p><ul>{items}</ul>")
