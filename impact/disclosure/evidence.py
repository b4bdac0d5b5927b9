"""The evidence a run's reports show (GRADE, recognition level, TREND/TIDieR, limitations, SROI),
computed by :mod:`impact.evidence` on the disclosed results only."""

from __future__ import annotations

CHANGE_CATEGORIES = ("improved", "unchanged", "deteriorated")


def _evidence(safe_R, protocol, policy, outcomes=()) -> dict:
    """GRADE (summary of findings), recognition level, TREND/TIDieR completeness and limitations
    of the disclosed results, as :mod:`impact.evidence` returns them: codes, numbers and message
    keys with parameters, the same for every language. The report renders them
    (:func:`impact.report.evidence_view.evidence_view`)."""
    from ..evidence import (grade_certainty, limitations, recognition_level, tidier_checklist,
                            trend_checklist)

    primary = safe_R.get("primary_outcome")
    graded = graded_outcomes(list(outcomes), primary, protocol) if outcomes else None
    sof = grade_certainty(safe_R, protocol)
    reported = []
    if graded is not None:
        reported = [r["outcome"] for r in sof.rows if r["outcome"] not in graded]
        sof.rows = [r for r in sof.rows if r["outcome"] in graded]
    iv = protocol.get("intervention") or {}
    programme = ((iv.get("name") if isinstance(iv, dict) else None) or protocol.get("programme")
                 or safe_R.get("title") or "")
    return {"sof": {**sof.to_dict(), "graded": [r["outcome"] for r in sof.rows],
                    "not_graded": reported},
            "recognition": recognition_level(safe_R, protocol).to_dict(),
            "trend": trend_checklist(safe_R, protocol).to_dict(),
            "tidier": tidier_checklist(protocol).to_dict(),
            "limitations": limitations(safe_R, protocol).to_dict(),
            "programme": str(programme)}


def _sroi(safe_R, protocol, cells, outcomes):
    """SROI on the disclosed numbers; withheld when a quantity rests on a hidden count."""
    spec = protocol.get("sroi")
    if not isinstance(spec, dict):
        return None
    by_id = {o["outcome"]: o for o in outcomes}
    for item in spec.get("outcomes") or []:
        source = item.get("quantity_from") if isinstance(item, dict) else None
        if not source:
            continue
        o = by_id.get(item.get("outcome"))
        if o is None:
            continue
        if source.startswith("rci_"):
            cid = (o.get("rci") or {}).get(source[4:])
            if cid is None or not cells.shown(cid):
                return {"withheld": True}
    from ..evidence import sroi_from_spec

    res = sroi_from_spec(protocol, safe_R)
    if res is None:
        return None
    sens = res.sensitivity().rows
    return {"withheld": False, "currency": res.currency, "outcomes": [dict(o) for o in res.outcomes],
            "present_value": res.present_value, "inputs": res.inputs, "ratio": res.ratio,
            "discount_rate": res.discount_rate, "sensitivity": [dict(r) for r in sens]}


def graded_outcomes(outcomes, primary, protocol) -> list[str]:
    """The critical outcomes of the Summary of Findings: the primary outcome and the protocol's
    secondary outcomes; without ``secondary_outcomes`` every main score (``*_score``).
    Subscales are reported in the outcome table but not graded unless the protocol lists them."""
    return _headline(outcomes, primary, protocol)


def _headline(outcomes, primary, protocol) -> list[str]:
    """The outcomes a plain-language report describes: the primary one, then the protocol's
    secondary outcomes (else every main score)."""
    ids = [o["outcome"] for o in outcomes]
    wanted = [primary] if primary in ids else []
    secondary = protocol.get("secondary_outcomes") or [c for c in ids if c.endswith("_score")]
    wanted += [c for c in secondary if c in ids and c not in wanted]
    return wanted or ids[:1]
