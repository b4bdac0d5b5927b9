"""The evidence of ``published.json`` in the reader's words.

The disclosure step publishes the evidence as :mod:`impact.evidence` returns it (codes, numbers,
message keys with parameters: no sentence); this module renders it in one language for the
report engine, with outcome and wave ids replaced by their labels. It computes nothing: each
object is rebuilt from its published dict and asked for its text.
"""

from __future__ import annotations

import re

__all__ = ["evidence_view"]


def _relabel(obj, pattern, labels):
    """Every outcome or wave id inside the strings of ``obj`` replaced by its label."""
    if isinstance(obj, str):
        return pattern.sub(lambda mt: labels[mt.group(0)], obj) if pattern else obj
    if isinstance(obj, list):
        return [_relabel(x, pattern, labels) for x in obj]
    if isinstance(obj, dict):
        return {k: _relabel(v, pattern, labels) for k, v in obj.items()}
    return obj


def _labels(published: dict, lang: str) -> dict:
    """Outcome ids and wave ids (those with a label of their own) -> label in ``lang``."""
    def pick(label):
        return label.get(lang) or next(iter(label.values())) if isinstance(label, dict) else label

    names = {o["outcome"]: pick(o["label"]) for o in published.get("outcomes") or []}
    for a in published.get("attrition") or []:   # background variables named in limitations
        if isinstance(a.get("label"), dict) and a.get("variable") not in names:
            names[str(a["variable"])] = pick(a["label"])
    for wave, label in ((published.get("meta") or {}).get("waves") or {}).items():
        text = pick({k: v for k, v in label.items() if k != "weeks"})
        if any(v != wave for k, v in label.items() if k != "weeks"):
            names[wave] = text
    return names


def evidence_view(published: dict, lang: str) -> dict:
    """``{"sof", "recognition", "trend", "tidier", "limitations"}`` in
    ``lang``: the shape the report engine reads (rows and sentences as text)."""
    from ..evidence.checklists import ChecklistResult
    from ..evidence.grade import SummaryOfFindings
    from ..evidence.limitations import LimitationsResult
    from ..evidence.recognition import RecognitionResult
    from ..evidence.statements import followup_duration, statement_for_outcome
    from ..i18n import messages

    ev = published.get("evidence") or {}
    meta = published.get("meta") or {}
    waves = meta.get("waves") or {}
    duration = followup_duration([{"id": w, "weeks": (info or {}).get("weeks")}
                                  for w, info in waves.items()],
                                 meta.get("followup"), meta.get("baseline"), lang)
    sof = SummaryOfFindings.from_dict(ev["sof"], lang=lang)
    # follow-up as a duration; without wave timing in the protocol say so, never "T0 -> T1"
    sof.followup_text = duration or messages(lang)["w_followup_not_given"]
    rows = sof.table_rows(lang)
    by_id = {o["outcome"]: o for o in published.get("outcomes") or []}
    statements, certainty = {}, {}
    for r in sof.rows:
        certainty[r["outcome"]] = r.get("certainty_label")
        o = by_id.get(r["outcome"])
        if o is None or not o.get("shown") or o.get("mean_change") is None:
            continue
        label = o["label"].get(lang) if isinstance(o["label"], dict) else str(o["label"])
        try:
            statements[r["outcome"]] = statement_for_outcome(
                o, r.get("certainty_label"), intervention=ev.get("programme") or "",
                label=label, lang=lang, mid=r.get("mid"))
        except (KeyError, ValueError):   # an outcome without a direction: no statement
            continue
    rec = RecognitionResult.from_dict(ev["recognition"], lang=lang)
    trend = ChecklistResult.from_dict(ev["trend"], lang=lang)
    tidier = ChecklistResult.from_dict(ev["tidier"], lang=lang)
    lim = LimitationsResult.from_dict(ev["limitations"], lang=lang)
    text = {
        "sof": {"header": list(rows[0]) if rows else [],
                "rows": [[str(v) for v in r.values()] for r in rows],
                "footnotes": list(sof.footnote_texts(lang)), "followup": duration},
        "recognition": {"level": rec.level_name(lang), "sentences": list(rec.sentences(lang))},
        "trend": {"counts": dict(trend.counts), "total": len(trend.items),
                  "rows": [[str(x) for x in r] for r in trend.table_rows(lang)]},
        "tidier": {"counts": dict(tidier.counts), "total": len(tidier.items),
                   "rows": [[str(x) for x in r] for r in tidier.table_rows(lang)],
                   "missing": list(tidier.missing)},
        "limitations": list(lim.sentences(lang)),
        "dropout": [s for (k, _), s in zip(lim.items, lim.sentences(lang))
                    if k.startswith("lim_dropout_")],
    }
    names = _labels(published, lang)
    pattern = (re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                          + r")\b") if names else None)
    out = _relabel(text, pattern, names)
    out["sof"].update({"certainty": certainty, "statements": statements,
                       "graded": list(ev["sof"].get("graded") or []),
                       "not_graded": list(ev["sof"].get("not_graded") or [])})
    return out
