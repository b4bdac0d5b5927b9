"""Report section of the neighbourhood monitor (Wijzer in de Wijk style), nl and en.

Reads only the disclosed dict of
:func:`impact.disclosure.monitor.disclose_monitor`. Every sentence is computed
from the numbers the section shows: "lower than the city" only when the whole 95% interval of the
difference lies below zero; a difference-in-differences is described as a development, never as an
effect (repeated cross-sections, no randomisation).
"""

from __future__ import annotations

from ..plots.monitor import outcome_label
from .sections import html_table
from ..i18n import fmt_ci, fmt_number, html_heading, html_list, html_paragraph, messages

__all__ = ["monitor_section", "neighbourhood_sentences", "did_sentence"]


def _rows(monitor, key, **match):
    return [r for r in monitor[key] if all(str(r.get(k)) == str(v) for k, v in match.items())]


def neighbourhood_sentences(monitor, neighbourhood, round_, lang="en") -> list[str]:
    """Counts of outcomes where the neighbourhood is clearly lower / higher than the reference."""
    m = messages(lang)
    diffs = [d for d in _rows(monitor, "differences", neighbourhood=neighbourhood, round=round_)
             if d.get("difference") is not None]
    if not diffs:
        return [m["monitor_suppressed"].format(m=monitor.get("min_respondents", 50))]
    ref = monitor.get("reference_area") or "stad"
    lower = sum(1 for d in diffs if d["ci_high"] < 0)
    higher = sum(1 for d in diffs if d["ci_low"] > 0)
    total = len(diffs)
    out = []
    fmt = dict(neighbourhood=neighbourhood, reference=ref, round=round_, total=total)
    if lower:
        out.append(m["monitor_lower_count"].format(k=lower, **fmt))
    if higher:
        out.append(m["monitor_higher_count"].format(k=higher, **fmt))
    if total - lower - higher:
        out.append(m["monitor_no_difference"].format(k=total - lower - higher, **fmt))
    return out


def did_sentence(row, monitor, lang="en", labels=None) -> str | None:
    """One difference-in-differences in words (direction from the whole interval)."""
    if row.get("did") is None:
        return None
    m = messages(lang)
    key = ("monitor_did_better" if row["did_ci_low"] > 0 else
           "monitor_did_worse" if row["did_ci_high"] < 0 else "monitor_did_unclear")
    did = abs(row["did"]) if key != "monitor_did_unclear" else row["did"]
    return m[key].format(label=outcome_label(row["outcome"], lang, labels),
                         first=row["first_round"], last=row["last_round"],
                         neighbourhood=row["neighbourhood"],
                         reference=monitor.get("reference_area") or "stad",
                         did=fmt_number(did, lang, 2), low=fmt_number(row["did_ci_low"], lang, 2),
                         high=fmt_number(row["did_ci_high"], lang, 2))


def monitor_section(monitor: dict, lang: str = "en", *, neighbourhoods=None, labels=None,
                    figures: bool = True, level: int = 2) -> str:
    """The monitor report section as escaped HTML.

    Parameters
    ----------
    monitor : dict
        Output of :func:`~impact.disclosure.monitor.disclose_monitor`.
    neighbourhoods : list, optional
        Neighbourhoods to show (default: the protocol's ``focus``, else all).
    labels : dict, optional
        Outcome column -> label in the report language (default: Positive Health dimension names).
    figures : bool
        Include a spider web per neighbourhood against the reference and small multiples over
        rounds (embedded PNGs).
    """
    m = messages(lang)
    ref = monitor.get("reference_area") or "stad"
    rounds = [str(r) for r in monitor["rounds"]]
    last, first = rounds[-1], rounds[0]
    hoods = list(neighbourhoods or monitor.get("focus") or monitor.get("neighbourhoods") or [])
    mr = monitor.get("min_respondents", 50)
    parts = [html_heading(m["monitor_heading"], level),
             html_paragraph(m["monitor_intro"].format(rounds=", ".join(rounds), reference=ref))]
    if monitor.get("n_respondents"):
        parts.append(html_paragraph(m["monitor_respondents"].format(
            n=fmt_number(monitor["n_respondents"], lang, 0), k=len(rounds))))
    parts.append(html_paragraph(m["monitor_design_note"]))
    outcomes = monitor.get("outcomes") or sorted({e["outcome"] for e in monitor["estimates"]})
    for hood in hoods:
        parts.append(html_heading(m["monitor_neighbourhood_heading"].format(
            neighbourhood=hood, reference=ref, round=last), level + 1))
        parts += [html_paragraph(s) for s in neighbourhood_sentences(monitor, hood, last, lang)]
        body = []
        for o in outcomes:
            e = (_rows(monitor, "estimates", neighbourhood=hood, round=last, outcome=o) or [{}])[0]
            r = (_rows(monitor, "reference", round=last, outcome=o) or [{}])[0]
            d = (_rows(monitor, "differences", neighbourhood=hood, round=last, outcome=o)
                 or [{}])[0]
            hidden = e.get("mean") is None
            body.append([outcome_label(o, lang, labels),
                         f"< {mr}" if hidden else fmt_number(e.get("n"), lang, 0),
                         "–" if hidden else fmt_number(e["mean"], lang, 1),
                         fmt_number(r.get("mean"), lang, 1),
                         "–" if d.get("difference") is None else
                         f"{fmt_number(d['difference'], lang, 2)} "
                         f"({fmt_ci(d['ci_low'], d['ci_high'], lang, 2)})"])
        parts.append(html_table([m["monitor_col_outcome"], m["monitor_col_n"],
                                 m["monitor_col_neighbourhood"].format(neighbourhood=hood),
                                 m["monitor_col_reference"].format(reference=ref),
                                 m["monitor_col_difference"]], body))
        if figures and all(f"mph_{d}" in outcomes for d in
                           ("body", "mental", "meaning", "quality", "participation", "daily")):
            from ..plots.figures import figure_html
            from ..plots.monitor import neighbourhood_spider

            parts.append(figure_html(neighbourhood_spider(monitor, hood, round=last, lang=lang,
                                                          labels=labels),
                                     m["monitor_spider_alt"].format(neighbourhood=hood,
                                                                    reference=ref, round=last)))
        if len(rounds) >= 2:
            parts.append(html_heading(m["monitor_change_heading"].format(
                first=first, last=last, reference=ref), level + 2))
            rows = [r for r in monitor["did"] if r["neighbourhood"] == hood]
            body = []
            for r in rows:
                if r.get("did") is None:
                    body.append([outcome_label(r["outcome"], lang, labels), "–", "–", "–"])
                    continue
                body.append([outcome_label(r["outcome"], lang, labels),
                             fmt_number(r["change"], lang, 2), fmt_number(r["rest_change"], lang, 2),
                             f"{fmt_number(r['did'], lang, 2)} "
                             f"({fmt_ci(r['did_ci_low'], r['did_ci_high'], lang, 2)})"])
            parts.append(html_table([m["monitor_col_outcome"],
                                     m["monitor_col_change"].format(neighbourhood=hood),
                                     m["monitor_col_rest_change"], m["monitor_col_did"]], body))
            sentences = [s for r in rows if (s := did_sentence(r, monitor, lang, labels))]
            parts += [html_paragraph(s) for s in sentences]
            if figures:
                from ..plots.figures import figure_html
                from ..plots.monitor import small_multiples

                parts.append(figure_html(small_multiples(monitor, hood, lang=lang, labels=labels),
                                         m["monitor_multiples_alt"].format(neighbourhood=hood,
                                                                           reference=ref)))
    if len(rounds) >= 2:
        parts.append(html_paragraph(m["monitor_did_caveat"]))
    if monitor.get("notes"):
        parts.append(html_list(monitor["notes"]))
    return "\n".join(parts)
