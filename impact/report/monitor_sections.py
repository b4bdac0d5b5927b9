"""Report section and one-page summary of the neighbourhood monitor (Wijzer in de Wijk style).

Reads only the disclosed dict of :func:`impact.disclosure.monitor.disclose_monitor`. One
comparator, said once: each neighbourhood against the rest of the reference area (the
respondents of the same round outside the neighbourhood), for the level in the last round and
for the change from the first to the last round. Every sentence is computed from the numbers the
section shows: "lower than the rest" only when the whole 95% interval of the difference lies
below zero; a difference-in-differences is described as a development, never as an effect
(repeated cross-sections, no randomisation). A neighbourhood under the minimum number of
respondents is one sentence, without a table or figure.
"""

from __future__ import annotations

from ..plots.monitor import outcome_label
from .sections import html_table
from ..i18n import (fmt_ci, fmt_number, html_heading, html_list, html_paragraph,
                    messages)

__all__ = ["monitor_section", "monitor_summary_blocks", "neighbourhood_sentences",
           "change_sentences", "did_sentence", "suppressed_sentence"]


def _rows(monitor, key, **match):
    return [r for r in monitor[key] if all(str(r.get(k)) == str(v) for k, v in match.items())]


def _reference(monitor, m) -> str:
    return monitor.get("reference_area") or m["mon_reference_default"]


def _published_rounds(monitor, neighbourhood) -> set:
    return {str(e["round"]) for e in monitor["estimates"]
            if e["neighbourhood"] == neighbourhood and e.get("mean") is not None}


def suppressed_sentence(monitor, neighbourhoods, lang="en") -> str | None:
    """One sentence for the neighbourhoods not shown in the last round: too few respondents
    (``small_neighbourhoods``), or hidden with a small one so that it does not follow from the
    reference area (``secondary_neighbourhoods``, :mod:`impact.disclosure.monitor`)."""
    if not neighbourhoods:
        return None
    m = messages(lang)
    small = set(monitor.get("small_neighbourhoods") or neighbourhoods)
    out = []
    for key, hoods in (("monitor_suppressed", [h for h in neighbourhoods if h in small]),
                       ("monitor_secondary", [h for h in neighbourhoods if h not in small])):
        if hoods:
            out.append(m[key].format(neighbourhoods=", ".join(hoods),
                                     m=monitor.get("min_respondents", 50),
                                     round=str(monitor["rounds"][-1])))
    return " ".join(out)


def neighbourhood_sentences(monitor, neighbourhood, round_, lang="en") -> list[str]:
    """Counts of outcomes where the neighbourhood is clearly lower / higher than the rest of the
    reference area in ``round_`` (the whole 95% interval of the difference below / above zero)."""
    m = messages(lang)
    diffs = [d for d in _rows(monitor, "differences", neighbourhood=neighbourhood, round=round_)
             if d.get("difference") is not None]
    if not diffs:
        return [suppressed_sentence(monitor, [neighbourhood], lang)]
    lower = sum(1 for d in diffs if d["ci_high"] < 0)
    higher = sum(1 for d in diffs if d["ci_low"] > 0)
    total = len(diffs)
    fmt = dict(neighbourhood=neighbourhood, reference=_reference(monitor, m), round=round_,
               total=total)
    out = []
    if lower:
        out.append(m["monitor_lower_count"].format(k=lower, **fmt))
    if higher:
        out.append(m["monitor_higher_count"].format(k=higher, **fmt))
    if total - lower - higher:
        out.append(m["monitor_no_difference"].format(k=total - lower - higher, **fmt))
    return out


def change_sentences(monitor, neighbourhood, lang="en") -> list[str]:
    """Counts of outcomes where the neighbourhood developed clearly more / less favourably than
    the rest of the reference area (difference-in-differences, whole 95% interval)."""
    m = messages(lang)
    rounds = [str(r) for r in monitor["rounds"]]
    rows = [r for r in monitor.get("did") or [] if r["neighbourhood"] == neighbourhood
            and r.get("did") is not None]
    fmt = dict(neighbourhood=neighbourhood, reference=_reference(monitor, m), first=rounds[0],
               last=rounds[-1])
    if not rows:
        return [m["monitor_change_hidden"].format(m=monitor.get("min_respondents", 50), **fmt)]
    better = sum(1 for r in rows if r["did_ci_low"] > 0)
    worse = sum(1 for r in rows if r["did_ci_high"] < 0)
    total = len(rows)
    out = []
    if better:
        out.append(m["monitor_change_better_count"].format(k=better, total=total, **fmt))
    if worse:
        out.append(m["monitor_change_worse_count"].format(k=worse, total=total, **fmt))
    if total - better - worse:
        out.append(m["monitor_change_no_difference"].format(k=total - better - worse,
                                                            total=total, **fmt))
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
                         reference=_reference(monitor, m),
                         did=fmt_number(did, lang, 2), low=fmt_number(row["did_ci_low"], lang, 2),
                         high=fmt_number(row["did_ci_high"], lang, 2))


def _split(monitor, neighbourhoods):
    """The neighbourhoods to show (published in the last round) and those under the minimum."""
    last = str(monitor["rounds"][-1])
    hoods = list(neighbourhoods or monitor.get("focus") or monitor.get("neighbourhoods") or [])
    shown = [h for h in hoods if last in _published_rounds(monitor, h)]
    return shown, [h for h in hoods if h not in shown]


def _table(monitor, hood, lang, labels) -> str:
    m = messages(lang)
    rounds = [str(r) for r in monitor["rounds"]]
    first, last = rounds[0], rounds[-1]
    outcomes = monitor.get("outcomes") or sorted({e["outcome"] for e in monitor["estimates"]})
    body = []
    for o in outcomes:
        e = (_rows(monitor, "estimates", neighbourhood=hood, round=last, outcome=o) or [{}])[0]
        d = (_rows(monitor, "differences", neighbourhood=hood, round=last, outcome=o) or [{}])[0]
        r = next((r for r in monitor.get("did") or [] if r["neighbourhood"] == hood
                  and r["outcome"] == o), {})
        row = [outcome_label(o, lang, labels), fmt_number(e.get("n"), lang, 0),
               fmt_number(e.get("mean"), lang, 1),
               "–" if d.get("difference") is None else
               f"{fmt_number(d['difference'], lang, 2)} "
               f"({fmt_ci(d['ci_low'], d['ci_high'], lang, 2)})"]
        if len(rounds) >= 2:
            row += ["–" if r.get("change") is None else fmt_number(r["change"], lang, 2),
                    "–" if r.get("did") is None else
                    f"{fmt_number(r['did'], lang, 2)} "
                    f"({fmt_ci(r['did_ci_low'], r['did_ci_high'], lang, 2)})"]
        body.append(row)
    header = [m["monitor_col_outcome"], m["monitor_col_n"].format(round=last),
              m["monitor_col_neighbourhood"].format(round=last),
              m["monitor_col_difference"].format(round=last)]
    if len(rounds) >= 2:
        header += [m["monitor_col_change"].format(first=first, last=last), m["monitor_col_did"]]
    return html_table(header, body)


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
        Include per neighbourhood a dot-and-interval chart of its differences from the rest of
        the reference area, level and change (:func:`impact.plots.monitor.neighbourhood_differences`,
        one x scale for the whole report).

    The comparator is said once, before the neighbourhoods; each shown neighbourhood gets its
    sentences (level, change), one table and one chart; the neighbourhoods under the minimum
    number of respondents in the last round are one sentence at the end.
    """
    m = messages(lang)
    ref = _reference(monitor, m)
    rounds = [str(r) for r in monitor["rounds"]]
    last, first = rounds[-1], rounds[0]
    shown, hidden = _split(monitor, neighbourhoods)
    parts = [html_heading(m["monitor_heading"], level),
             html_paragraph(m["monitor_intro"].format(rounds=", ".join(rounds)))]
    if monitor.get("n_respondents"):
        parts.append(html_paragraph(m["monitor_respondents"].format(
            n=fmt_number(monitor["n_respondents"], lang, 0), k=len(rounds))))
    parts.append(html_paragraph(m["monitor_comparator" if len(rounds) >= 2 else
                                  "monitor_comparator_one_round"].format(
        reference=ref, first=first, last=last)))
    parts.append(html_paragraph(m["monitor_design_note"]))
    limit = None
    if figures and shown:
        from ..plots.monitor import difference_limit

        limit = difference_limit(monitor, shown)
    for hood in shown:
        parts.append(html_heading(m["monitor_neighbourhood_heading"].format(
            neighbourhood=hood, reference=ref), level + 1))
        sentences = neighbourhood_sentences(monitor, hood, last, lang)
        if len(rounds) >= 2:
            sentences += change_sentences(monitor, hood, lang)
        parts.append(html_paragraph(" ".join(sentences)))
        if figures:
            from ..plots.figures import figure_html
            from ..plots.monitor import neighbourhood_differences

            parts.append(figure_html(
                neighbourhood_differences(monitor, hood, lang=lang, labels=labels, limit=limit),
                m["monitor_dots_alt"].format(neighbourhood=hood, reference=ref, first=first,
                                             last=last)))
        parts.append(_table(monitor, hood, lang, labels))
        clear = [s for r in monitor.get("did") or [] if r["neighbourhood"] == hood
                 and r.get("did") is not None and (r["did_ci_low"] > 0 or r["did_ci_high"] < 0)
                 and (s := did_sentence(r, monitor, lang, labels))]
        if clear:
            parts.append(html_list(clear))
    if hidden:
        parts.append(html_paragraph(suppressed_sentence(monitor, hidden, lang)))
    if len(rounds) >= 2:
        parts.append(html_paragraph(m["monitor_did_caveat"]))
    notes = [n for n in monitor.get("notes") or [] if isinstance(n, str)]
    if notes:
        parts.append(html_list(notes))
    return "\n".join(parts)


def monitor_view(ctx):
    """The disclosed monitor of a report context with its notes rendered and its outcome labels
    in the reader's language: ``(monitor, labels)``, or ``(None, None)``."""
    from ..i18n import render

    mon = ctx.D.get("monitor")
    if not mon:
        return None, None
    view = dict(mon)
    view["notes"] = [render(n, ctx.lang) for n in mon.get("notes") or []]
    labels = {o: ctx.label(lab) for o, lab in (mon.get("labels") or {}).items()} or None
    return view, labels


def monitor_summary_blocks(ctx) -> list[tuple[str, str]]:
    """The one-page summary of a monitor report (blocks as
    :func:`impact.report.engine.funder_summary_blocks`): what was measured and against what;
    one table with, per shown neighbourhood, the number of outcomes clearly lower, not clearly
    different and clearly higher than the rest of the reference area in the last round, and
    clearly less / not clearly / more favourably developed; the neighbourhoods under the
    minimum in one sentence; the caveat of repeated cross-sections."""
    mon, labels = monitor_view(ctx)
    if not mon:
        return []
    m, lang = ctx.m, ctx.lang
    ref = _reference(mon, m)
    rounds = [str(r) for r in mon["rounds"]]
    what = [m["monitor_intro"].format(rounds=", ".join(rounds))]
    if mon.get("n_respondents"):
        what.append(m["monitor_respondents"].format(n=fmt_number(mon["n_respondents"], lang, 0),
                                                    k=len(rounds)))
    what.append(m["monitor_comparator" if len(rounds) >= 2 else
                  "monitor_comparator_one_round"].format(reference=ref, first=rounds[0],
                                                         last=rounds[-1]))
    blocks = [(m["monitor_summary_what"], html_paragraph(" ".join(what)))]
    shown, hidden = _split(mon, None)
    header = [m["monitor_sum_col_hood"]] + [m[k].format(round=rounds[-1]) for k in (
        "monitor_sum_col_lower", "monitor_sum_col_same", "monitor_sum_col_higher")]
    if len(rounds) >= 2:
        header += [m["monitor_sum_col_worse"], m["monitor_sum_col_unclear"],
                   m["monitor_sum_col_better"]]
    rows, total = [], 0
    for hood in shown:
        diffs = [d for d in _rows(mon, "differences", neighbourhood=hood, round=rounds[-1])
                 if d.get("difference") is not None]
        lower = sum(d["ci_high"] < 0 for d in diffs)
        higher = sum(d["ci_low"] > 0 for d in diffs)
        row = [hood, lower, len(diffs) - lower - higher, higher]
        total = max(total, len(diffs))
        if len(rounds) >= 2:
            did = [r for r in mon.get("did") or [] if r["neighbourhood"] == hood
                   and r.get("did") is not None]
            worse = sum(r["did_ci_high"] < 0 for r in did)
            better = sum(r["did_ci_low"] > 0 for r in did)
            row += ([worse, len(did) - worse - better, better] if did else ["–"] * 3)
        rows.append([row[0]] + [v if isinstance(v, str) else fmt_number(v, lang, 0)
                                for v in row[1:]])
    html = ""
    if rows:
        html = html_table(header, rows) + html_paragraph(m["monitor_sum_note"].format(
            total=total, reference=ref, first=rounds[0], last=rounds[-1]), "impact-note")
    if hidden:
        html += html_paragraph(suppressed_sentence(mon, hidden, lang))
    if html:
        blocks.append((m["monitor_summary_hoods"], html))
    if len(rounds) >= 2:
        blocks.append((m["monitor_summary_caveat"], html_paragraph(m["monitor_did_caveat"])))
    return blocks
