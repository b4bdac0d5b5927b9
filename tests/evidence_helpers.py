"""Hand-made results dicts (DESIGN.md keys) for the evidence and integration tests."""

from __future__ import annotations

import copy


def outcome(name="pss10_score", *, n=20, mean_baseline=21.0, change=-4.0, low=-6.0, high=-2.0,
            d=-0.7, d_ci=(-1.2, -0.2), primary=True, **extra):
    row = {"outcome": name, "baseline": "T0", "followup": "T1", "n_paired": n,
           "mean_baseline": mean_baseline, "sd_baseline": 5.0,
           "mean_followup": mean_baseline + change, "sd_followup": 5.0, "mean_change": change,
           "sd_change": abs(change / d) if d else None, "ci_low": low, "ci_high": high,
           "t": -3.0, "df": n - 1, "p": 0.01, "p_adjusted": 0.01, "d_z": d,
           "d_z_ci": list(d_ci), "primary": primary}
    row.update(extra)
    return row


def results(*outcomes, enrolled=24, with_baseline=24, paired=20, pooled=None, design="prepost",
            notes=None, models=None):
    outs = list(outcomes) or [outcome()]
    return copy.deepcopy({
        "title": "Test programme", "language": "en", "design": design,
        "primary_outcome": next((o["outcome"] for o in outs if o.get("primary")), None),
        "p_adjust_method": "holm", "outcomes": outs, "models": models or [],
        "pooled": pooled or [],
        "flow": {"rows": 2 * enrolled, "enrolled": enrolled, "with_baseline": with_baseline,
                 "with_followup": paired, "without_followup": with_baseline - paired,
                 "followup_only": 0, "paired": paired, "excluded": []},
        "provenance": {}, "notes": notes or []})


FULL_INTERVENTION = {
    "name": "Kunst op Recept", "why": "Creative activity lowers stress.",
    "what_materials": "Paint, clay, a workbook.", "what_procedures": "Twelve weekly lessons.",
    "who_provided": "Professional artists.", "how": "Face to face in groups of eight.",
    "where": "Studios in Leiden.", "when_how_much": "Weekly, 12 weeks, 90 minutes.",
    "tailoring": "Participants choose a discipline.", "modifications": "None.",
    "how_well_planned": "Attendance registers.", "how_well_actual": "78% attendance.",
    "aims": "Less stress, more confidence.", "target_group": "Adults with stress complaints.",
}


def protocol(design="prepost", intervention=None, evidence=None, **extra):
    p = {"title": "Test programme", "language": "en", "waves": ["T0", "T1"],
         "instruments": ["pss10"], "primary_outcome": "pss10_score", "design": design,
         "intervention": dict(FULL_INTERVENTION if intervention is None else intervention)}
    if evidence is not None:
        p["evidence"] = evidence
    p.update(extra)
    return p
