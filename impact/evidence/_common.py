"""Shared helpers of the evidence layer: reading results and protocol, options, directions.

The evidence layer only *reads* the results of :func:`impact.analyse` (the results JSON of
DESIGN.md) and the protocol; it never recomputes a statistic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..errors import InputError

# Options a protocol may give under its optional ``evidence`` key (validated here).
EVIDENCE_KEYS = {
    "randomised": "true or false: participants were randomly assigned to the conditions",
    "mid": "mapping outcome -> minimal important difference on the score's scale",
    "ois": "optimal information size: a whole number (default 400) or 'power'",
    "higher_is_better": "mapping outcome -> true/false for outcomes the registry does not know",
    "indirectness": "mapping outcome (or '*') -> reason text or {level, reason}",
    "publication_bias": "mapping outcome (or '*') -> reason text or {level, reason}",
    "studies": "whole number of studies behind the results (default 1)",
    "followup": "text: follow-up time for the summary of findings, e.g. '12 weeks'",
    "study": "mapping of study facts for TREND (objectives, eligibility, recruitment, ...)",
}

STUDY_KEYS = ("objectives", "eligibility", "recruitment", "setting", "recruitment_period",
              "sample_size", "assignment", "blinding", "adverse_events", "generalisability",
              "interpretation", "abstract", "baseline_data", "baseline_equivalence")

# Instrument directions (shared/reference/instruments.md); the registry is asked first.

# Minimal important differences on the score scale (documented defaults, overridable with the
# protocol's evidence.mid):
#   wemwbs_score  3 points: Warwick guidance; Maheswaran et al. 2012, HQLO 10:156.
#   who5_score   10 points on 0-100: Topp et al. 2015, Psychother Psychosom 84:167.
#   swemwbs_score 1 point (metric): Shah et al. 2018, HQLO 16:239 give 1 to 3; we take the
#                 lower bound, so that any CI reaching 1 point counts as "important" (the
#                 imprecision rule then rates down only when the CI also reaches below 1).
MID_DEFAULTS = {"wemwbs_score": 3.0, "who5_score": 10.0, "swemwbs_score": 1.0}
MID_SOURCES = {
    "wemwbs_score": "Warwick guidance; Maheswaran et al. 2012, HQLO 10:156",
    "who5_score": "Topp et al. 2015, Psychother Psychosom 84:167",
    "swemwbs_score": "Shah et al. 2018, HQLO 16:239 (1 to 3 points; lower bound used)",
}


def as_results(results) -> dict:
    """A results mapping from a dict or an object with ``to_dict()`` (``impact.Results``)."""
    if hasattr(results, "to_dict") and not isinstance(results, Mapping):
        results = results.to_dict()
    if not isinstance(results, Mapping):
        raise InputError(f"results must be a mapping (the JSON of impact analyse), got "
                         f"{type(results).__name__}", file="results", rule="results is a mapping")
    if not isinstance(results.get("outcomes", []), list):
        raise InputError("'outcomes' must be a list of outcome objects", file="results",
                         column="outcomes", rule="results keys (DESIGN.md)")
    return dict(results)


def as_protocol(protocol) -> dict:
    """The raw protocol mapping from a dict, an :class:`impact.Protocol` or None."""
    if protocol is None:
        return {}
    raw = getattr(protocol, "raw", None)
    if isinstance(raw, Mapping):
        return dict(raw)
    if isinstance(protocol, Mapping):
        return dict(protocol)
    raise InputError(f"protocol must be a mapping or a Protocol, got {type(protocol).__name__}",
                     file="protocol", rule="protocol is a mapping")


def evidence_options(protocol: dict) -> dict:
    """The protocol's ``evidence`` mapping, checked; unknown keys are an InputError naming them."""
    opts = protocol.get("evidence") or {}
    if not isinstance(opts, Mapping):
        raise InputError("'evidence' must be a mapping", file="protocol", column="evidence",
                         rule="evidence options")
    for key in opts:
        if key not in EVIDENCE_KEYS:
            raise InputError(f"unknown key 'evidence.{key}'; known keys: "
                             f"{', '.join(sorted(EVIDENCE_KEYS))}", file="protocol",
                             column=f"evidence.{key}", rule="evidence options")
    for key in ("mid", "higher_is_better", "indirectness", "publication_bias", "study"):
        if key in opts and not isinstance(opts[key], Mapping):
            raise InputError(f"'evidence.{key}' must be a mapping", file="protocol",
                             column=f"evidence.{key}", rule="evidence options")
    for outcome, value in (opts.get("mid") or {}).items():
        if not is_number(value) or value <= 0:
            raise InputError(f"'evidence.mid.{outcome}' must be a positive number, got {value!r}",
                             file="protocol", column=f"evidence.mid.{outcome}",
                             rule="evidence options")
    for outcome, value in (opts.get("higher_is_better") or {}).items():
        if not isinstance(value, bool):
            raise InputError(f"'evidence.higher_is_better.{outcome}' must be true or false",
                             file="protocol", column=f"evidence.higher_is_better.{outcome}",
                             rule="evidence options")
    ois = opts.get("ois", 400)
    if not (ois == "power" or (isinstance(ois, int) and not isinstance(ois, bool) and ois >= 1)):
        raise InputError(f"'evidence.ois' must be a whole number >= 1 or 'power', got {ois!r}",
                         file="protocol", column="evidence.ois", rule="evidence options")
    studies = opts.get("studies", 1)
    if not isinstance(studies, int) or isinstance(studies, bool) or studies < 1:
        raise InputError(f"'evidence.studies' must be a whole number >= 1, got {studies!r}",
                         file="protocol", column="evidence.studies", rule="evidence options")
    if "randomised" in opts and not isinstance(opts["randomised"], bool):
        raise InputError("'evidence.randomised' must be true or false", file="protocol",
                         column="evidence.randomised", rule="evidence options")
    for key in (opts.get("study") or {}):
        if key not in STUDY_KEYS:
            raise InputError(f"unknown key 'evidence.study.{key}'; known keys: "
                             f"{', '.join(STUDY_KEYS)}", file="protocol",
                             column=f"evidence.study.{key}", rule="evidence options")
    for domain in ("indirectness", "publication_bias"):
        for outcome, value in (opts.get(domain) or {}).items():
            manual_downgrade(value, f"evidence.{domain}.{outcome}")
    return dict(opts)


def manual_downgrade(value, where: str) -> tuple[int, str]:
    """A protocol-given downgrade: text (serious, -1) or ``{level: serious|very_serious, reason}``."""
    if isinstance(value, str) and value.strip():
        return 1, value.strip()
    if isinstance(value, Mapping):
        level = value.get("level", "serious")
        reason = value.get("reason")
        extra = set(value) - {"level", "reason"}
        if extra:
            raise InputError(f"unknown key '{where}.{sorted(extra)[0]}'; known keys: level, reason",
                             file="protocol", column=where, rule="evidence options")
        if level not in ("serious", "very_serious"):
            raise InputError(f"'{where}.level' must be serious or very_serious, got {level!r}",
                             file="protocol", column=f"{where}.level", rule="evidence options")
        if not isinstance(reason, str) or not reason.strip():
            raise InputError(f"'{where}.reason' must be a non-empty text", file="protocol",
                             column=f"{where}.reason", rule="evidence options")
        return (2 if level == "very_serious" else 1), reason.strip()
    raise InputError(f"'{where}' must be a reason text or a mapping {{level, reason}}",
                     file="protocol", column=where, rule="evidence options")


def is_number(value) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(float(value)))


def num(value):
    """A finite float or None."""
    try:
        if value is None or isinstance(value, bool):
            return None
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def instrument_id(outcome: str) -> str:
    return str(outcome).split("_", 1)[0]


def higher_is_better(outcome: str, row: Mapping | None = None, options: Mapping | None = None):
    """Whether higher scores of ``outcome`` are better; None when nobody knows.

    Order: the outcome object's own ``higher_is_better``, the protocol's
    ``evidence.higher_is_better``, then the instrument
    (:func:`impact.instruments.good_direction`, the one place that decides it).
    """
    if row is not None and isinstance(row.get("higher_is_better"), bool):
        return row["higher_is_better"]
    given = (options or {}).get("higher_is_better") or {}
    if outcome in given:
        return bool(given[outcome])
    from ..instruments import good_direction

    return good_direction(outcome)


def mid_for(outcome: str, options: Mapping | None = None):
    """(MID, source) for an outcome: the protocol's ``evidence.mid``, then :data:`MID_DEFAULTS`;
    (None, None) when unknown. (The registry's ``minimal_change`` fields are prose that cite
    the same sources; the numbers live here.)"""
    given = (options or {}).get("mid") or {}
    if outcome in given:
        return float(given[outcome]), "protocol"
    if outcome in MID_DEFAULTS:
        return MID_DEFAULTS[outcome], MID_SOURCES[outcome]
    return None, None


def design_of(results: Mapping, protocol: Mapping) -> str:
    """``prepost``, ``waves``, ``controlled`` or ``randomised`` (protocol first, then results).

    A balanced comparison group (``results['comparison']``) or a waiting-list model
    (``results['waiting_list']``) with an estimate makes the design ``controlled``
    (non-randomised); a comparison refused for balance does not."""
    opts = protocol.get("evidence") or {}
    given = protocol.get("design")
    if isinstance(given, Mapping):      # design: {waiting_list: ...} (issue 24)
        given = "waiting_list"
    design = str(given or results.get("design") or "prepost").lower()
    if opts.get("randomised") is True or design in ("rct", "randomised", "randomized"):
        return "randomised"
    if design in ("controlled", "quasi-experimental", "quasi_experimental"):
        return "controlled"
    if any(isinstance(e, Mapping) and num(e.get("estimate")) is not None
           and e.get("balanced") is not False
           for e in (*(results.get("controlled") or []), *(results.get("comparison") or []),
                     *(results.get("waiting_list") or []))) or any(
            isinstance(o.get("comparator"), Mapping) for o in results.get("outcomes") or []):
        return "controlled"     # the results compare two arms
    if design == "waves":
        return "waves"
    return "prepost"


def filled(value) -> bool:
    """A protocol field counts as given when it is non-empty text, a non-empty list or mapping."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return len(value) > 0
    return True


# TIDieR (Hoffmann et al. 2014, BMJ 348:g1687): the 12 items as keys of the protocol's
# ``intervention`` mapping, in checklist order.
TIDIER_KEYS = ("name", "why", "what_materials", "what_procedures", "who_provided", "how",
               "where", "when_how_much", "tailoring", "modifications", "how_well_planned",
               "how_well_actual")
# Further keys the ``intervention`` mapping may hold (used for the Dutch recognition level).
INTERVENTION_EXTRA_KEYS = ("aims", "target_group", "theory", "references", "manual", "owner",
                           "process_evaluation")


def intervention_of(protocol: dict) -> dict:
    """The protocol's ``intervention`` mapping, checked: unknown keys are an InputError."""
    value = protocol.get("intervention") or {}
    if not isinstance(value, Mapping):
        raise InputError("'intervention' must be a mapping of TIDieR items", file="protocol",
                         column="intervention", rule="intervention keys")
    known = TIDIER_KEYS + INTERVENTION_EXTRA_KEYS
    for key in value:
        if key not in known:
            raise InputError(f"unknown key 'intervention.{key}'; known keys: {', '.join(known)}",
                             file="protocol", column=f"intervention.{key}",
                             rule="intervention keys")
    return dict(value)


def primary_row(results: Mapping):
    """The primary outcome's object of ``results['outcomes']`` or None."""
    outcomes = results.get("outcomes") or []
    name = results.get("primary_outcome")
    for row in outcomes:
        if row.get("primary") or (name and row.get("outcome") == name):
            return row
    return None


def benefit_interval(estimate, low, high, higher_better):
    """(estimate, low, high) turned so that positive = better; None if direction unknown."""
    if higher_better is None or None in (estimate, low, high):
        return None
    if higher_better:
        return estimate, low, high
    return -estimate, -high, -low



def comparator_for(row: Mapping, results: Mapping | None = None):
    """The between-group comparison of an outcome, normalised, or None.

    Two sources: the outcome object's own ``comparator`` mapping ``{difference, ci_low, ci_high,
    d, d_ci, n, mean}`` (``n`` = participants in the comparison group), or the ANCOVA entry of
    ``results['controlled']`` for the outcome (``estimate, ci_low, ci_high, n, n_arm,
    n_reference``: adjusted difference arm - reference at follow-up). An ANCOVA entry carries
    no standardised effect; ``d`` is then the difference divided by the outcome's baseline SD
    (``sd_baseline``), and so is its CI: a documented approximation used only for the
    large-effect upgrade.

    Returns
    -------
    dict or None
        ``difference, ci_low, ci_high, d, d_ci, n_total, mean, source``.
    """
    comp = row.get("comparator")
    if isinstance(comp, Mapping) and num(comp.get("difference")) is not None:
        d_ci = comp.get("d_ci") or [None, None]
        return {"difference": num(comp["difference"]), "ci_low": num(comp.get("ci_low")),
                "ci_high": num(comp.get("ci_high")), "d": num(comp.get("d")),
                "d_ci": [num(d_ci[0]), num(d_ci[1])],
                "n_total": int((num(row.get("n_paired")) or 0) + (num(comp.get("n")) or 0)),
                "mean": num(comp.get("mean")), "source": "outcome"}
    for entry in (results or {}).get("controlled") or []:
        if not isinstance(entry, Mapping) or entry.get("outcome") != row.get("outcome"):
            continue
        est = num(entry.get("estimate"))
        if est is None:
            return None
        sd = num(row.get("sd_baseline"))
        lo, hi = num(entry.get("ci_low")), num(entry.get("ci_high"))
        scale = (lambda v: None if v is None or not sd else v / sd)
        return {"difference": est, "ci_low": lo, "ci_high": hi, "d": scale(est),
                "d_ci": [scale(lo), scale(hi)], "n_total": int(num(entry.get("n")) or 0),
                "mean": None, "source": "ancova"}
    # issue 24: a balanced comparison group (matching or weighting) or a waiting-list model;
    # d as for ANCOVA (difference / the outcome's baseline SD)
    for key, n_keys in (("comparison", ("n_programme", "n_comparison")),
                        ("waiting_list", ("n_participants",))):
        for entry in (results or {}).get(key) or []:
            if not isinstance(entry, Mapping) or entry.get("outcome") != row.get("outcome"):
                continue
            est = num(entry.get("estimate"))
            if est is None or entry.get("balanced") is False:
                continue
            sd = num(row.get("sd_baseline"))
            lo, hi = num(entry.get("ci_low")), num(entry.get("ci_high"))
            scale = (lambda v, sd=sd: None if v is None or not sd else v / sd)
            return {"difference": est, "ci_low": lo, "ci_high": hi, "d": scale(est),
                    "d_ci": [scale(lo), scale(hi)],
                    "n_total": int(sum(num(entry.get(k)) or 0 for k in n_keys)),
                    "mean": None, "source": key}
    return None
