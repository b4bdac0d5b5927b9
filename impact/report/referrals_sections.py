"""Report section on referrals (funder: reach and partners; guideline: the flow begins at
referral). Reads only the disclosed dict of
:func:`impact.disclosure.referrals.disclose_referrals`; every sentence is made from
the numbers it shows, in the report language (``nl.referrals.yaml`` / ``en.referrals.yaml``).
"""

from __future__ import annotations

from .sections import html_table
from ..i18n import escape, fmt_number, html_heading, html_list, html_paragraph, messages

__all__ = ["referrals_section", "funnel_sentence", "trend_sentences"]


def _pct(part, whole, lang):
    if part is None or not whole:
        return "–"
    return fmt_number(100 * part / whole, lang, 0) + "%"


def _cell(r, key, m, lang, small_text=None):
    """A group's count: the number, "fewer than 10" for a small one (when the report says so),
    else the report's "not shown"."""
    if r.get(key) is None and (r.get("status") or {}).get(key) == "small" and small_text:
        return small_text
    return _count(r.get(key), m, lang)


def _count(v, m, lang):
    """A count, or the report's "not shown" (a hidden count may be primary, under ``m``, or
    secondary, hidden so no small one follows: the reader is told neither which nor a bound)."""
    if v is not None:
        return fmt_number(v, lang, 0)
    cat = messages(lang)
    return cat["e_cell_hidden"] if "e_cell_hidden" in cat else cat["referrals_suppressed"].format(m=m)


def _join(items, lang) -> str:
    m = messages(lang)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + m["list_and"] \
        + items[-1]


def funnel_sentence(disclosed, lang="en") -> str:
    """One sentence with the funnel's counts and shares: only the stages the register records
    (a stage it does not record is named as such by :func:`not_recorded_sentence`, never
    counted as 0)."""
    m = messages(lang)
    st = {s["stage"]: s["n"] for s in disclosed["funnel"]["stages"]}
    values = {"referred": fmt_number(st["referred"], lang, 0)}
    parts = []
    for stage in ("intake", "started", "completed"):
        if st.get(stage) is None:
            continue
        values[stage] = fmt_number(st[stage], lang, 0)
        values[f"{stage}_pct"] = _pct(st[stage], st["referred"], lang)
        parts.append(m[f"referrals_funnel_{stage}"].format(**values))
    if not parts:
        return m["referrals_funnel_only_referred"].format(**values)
    return m["referrals_funnel_lead"].format(**values) + " " + _join(parts, lang) + "."


def not_recorded_sentence(disclosed, lang="en") -> str | None:
    """The stages the register does not record, named (None when it records every stage)."""
    m = messages(lang)
    missing = [m[f"referrals_stage_word_{s['stage']}"] for s in disclosed["funnel"]["stages"]
               if s.get("n") is None]
    return m["referrals_not_recorded"].format(stages=_join(missing, lang)) if missing else None


def _status_key(status: str, disclosed) -> str:
    """The catalogue key of a status row. Where the register does not record the next stage the
    label says so: without intake, "referred" means not started (whether there was an intake is
    unrecorded); without completion, "started" may include those who completed."""
    recorded = disclosed.get("recorded") or {}
    if status == "referred" and recorded.get("intake") is False:
        return "referrals_status_referred_intake_unrecorded"
    if status == "started" and recorded.get("completed") is False:
        return "referrals_status_started_completion_unrecorded"
    return f"referrals_status_{status}"


def trend_sentences(disclosed, lang="en") -> list[str]:
    """The trend in words: direction from the rate ratio, certainty from its interval."""
    m = messages(lang)
    t = disclosed.get("trend")
    if not t or t.get("rate_ratio_per_year") is None:
        return [m["referrals_trend_none"]]
    rr = t["rate_ratio_per_year"]
    key = "referrals_trend_up" if rr >= 1 else "referrals_trend_down"
    out = [m[key].format(pct=fmt_number(abs(rr - 1) * 100, lang, 0) + "%",
                         rr=fmt_number(rr, lang, 2), low=fmt_number(t["ci_low"], lang, 2),
                         high=fmt_number(t["ci_high"], lang, 2),
                         model=m[f"referrals_model_{t['model']}"])]
    out.append(m["referrals_trend_unclear"] if t["ci_low"] <= 1 <= t["ci_high"]
               else m["referrals_trend_clear"])
    if t.get("break_level_ratio") is not None:
        out.append(m["referrals_break_sentence"].format(
            month=t.get("break_month", ""), ratio=fmt_number(t["break_level_ratio"], lang, 2),
            low=fmt_number(t["break_level_ci_low"], lang, 2),
            high=fmt_number(t["break_level_ci_high"], lang, 2)))
    return out


def _group_table(rows, kind, lang, mcell, small_text=None):
    m = messages(lang)
    first = m["referrals_col_route"] if kind == "by_route" else m["referrals_col_group"]
    def recorded(stage):  # a hidden count keeps its cell; an unrecorded stage has none
        return any(stage in (r.get("cells") or {}) or r.get(stage) is not None for r in rows)

    has = {"started": recorded("started"), "completed": recorded("completed")}
    header = [first, m["referrals_col_referrals"]]
    header += [m["referrals_col_started"], m["referrals_col_uptake"]] if has.get("started") else []
    header += ([m["referrals_col_completed"], m["referrals_col_completion"]]
               if has["completed"] else [])
    body = []
    for r in rows:
        name = r["group"]
        if kind == "by_route":
            name = m.get(f"referrals_route_{name}", name)
        row = [name, _cell(r, "referrals", mcell, lang, small_text)]
        if has.get("started"):   # a stage the register does not record gets no column
            row += [_cell(r, "started", mcell, lang, small_text),
                    _pct(r["started"], r["referrals"], lang)]
        if has["completed"]:
            row += [_cell(r, "completed", mcell, lang, small_text),
                    _pct(r["completed"], r["started"], lang)]
        body.append(row)
    hidden = sum(1 for row in body for c in row[1:] if c == m["e_cell_hidden"])
    if hidden > sum(len(row) - 1 for row in body) / 3:   # a sentence instead of a wall
        return html_paragraph(m["e_table_mostly_hidden"].format(n=mcell), "impact-note")
    return html_table(header, body)


def referrals_section(disclosed: dict, lang: str = "en", *, audience: str = "funder",
                      figures: bool = True, level: int = 2) -> str:
    """The referral section as escaped HTML.

    Parameters
    ----------
    disclosed : dict
        Output of :func:`~impact.disclosure.referrals.disclose_referrals`.
    audience : {"funder", "guideline"}
        Funder: reach and partners first; guideline: the flow (status of every record) first.
    figures : bool
        Include the chart of referrals over time (embedded PNG).
    """
    m = messages(lang)
    mc = disclosed.get("min_cell_size", 10)
    parts = [html_heading(m["referrals_heading"], level),
             html_paragraph(m[f"referrals_intro_{'guideline' if audience == 'guideline' else 'funder'}"])]
    stages = disclosed["funnel"]["stages"]
    total = stages[0]["n"]
    parts.append(html_paragraph(funnel_sentence(disclosed, lang)))
    missing = not_recorded_sentence(disclosed, lang)
    if missing:
        parts.append(html_paragraph(missing, "impact-note"))
    parts.append(html_table([m["referrals_col_stage"], m["referrals_col_n"],
                             m["referrals_col_share"]],
                            [[m[f"referrals_stage_{s['stage']}"], fmt_number(s["n"], lang, 0),
                              _pct(s["n"], total, lang)] for s in stages
                             if s.get("n") is not None]))
    if audience == "guideline":
        status = disclosed["funnel"]["status"]
        parts.append(html_heading(m["referrals_status_heading"], level + 1))
        parts.append(html_table([m["referrals_col_stage"], m["referrals_col_n"]],
                                [[m[_status_key(k, disclosed)], fmt_number(v, lang, 0)]
                                 for k, v in status.items() if v is not None]))
    q = disclosed.get("questionnaire")
    if q:
        # the referrals by what became of them, then the questionnaire side: each sentence
        # opens with words, not with a number
        sentence = m["referrals_questionnaire_sentence"].format(
            **{k: fmt_number(q[k], lang, 0) for k in ("with_questionnaire",
                                                      "without_questionnaire",
                                                      "no_participant_id")})
        sentence += " " + (m["referrals_questionnaire_all_referred"] if q["without_referral"] == 0
                           else m["referrals_questionnaire_unreferred"].format(
                               without_referral=fmt_number(q["without_referral"], lang, 0)))
        parts.append(html_paragraph(sentence))
        if q.get("with_baseline") is not None and q.get("with_followup") is not None:
            parts.append(html_paragraph(m["referrals_questionnaire_measured"].format(
                with_baseline=fmt_number(q["with_baseline"], lang, 0),
                with_followup=fmt_number(q["with_followup"], lang, 0))))
    d = disclosed.get("days_to_start")
    if d:
        parts.append(html_paragraph(m["referrals_days_sentence"].format(
            median=fmt_number(d["median"], lang, 0), q1=fmt_number(d["q1"], lang, 0),
            q3=fmt_number(d["q3"], lang, 0), n=fmt_number(d["n"], lang, 0))))
    for kind in ("by_referrer", "by_referrer_type", "by_route"):
        rows = disclosed.get(kind)
        if rows:
            parts.append(html_heading(m[f"referrals_{kind}_heading"], level + 1))
            parts.append(_group_table(rows, kind, lang, mc, disclosed.get("small_text")))
    parts.append(html_heading(m["referrals_trend_heading"], level + 1))
    parts += [html_paragraph(s) for s in trend_sentences(disclosed, lang)]
    monthly = disclosed.get("monthly") or {"rows": []}
    if monthly["rows"]:
        caption = m[f"referrals_monthly_caption_{monthly['period']}"]
        if figures:
            from ..plots.figures import figure_html
            from ..plots.monitor import monthly_figure

            parts.append(figure_html(monthly_figure(disclosed, lang=lang),
                                     m["referrals_figure_alt"]))
        parts.append(f"<details open><summary>{escape(caption)}</summary>" + html_table(
            [m["referrals_col_period"], m["referrals_col_referrals"]],
            [[r["period"], _cell(r, "referrals", mc, lang, disclosed.get("small_text"))]
             for r in monthly["rows"]])
            + "</details>")
    reach = disclosed.get("reach")
    if reach:
        parts.append(html_heading(m["referrals_reach_heading"], level + 1))
        parts.append(html_paragraph(m["referrals_reach_intro"]))
        parts.append(html_table(
            [m["referrals_col_neighbourhood"], m["referrals_col_age_group"],
             m["referrals_col_residents"], m["referrals_col_referred"],
             m["referrals_col_per_1000"]],
            [[r["neighbourhood"], r["age_group"], fmt_number(r["residents"], lang, 0),
              _count(r["referred"], mc, lang), fmt_number(r["per_1000"], lang, 1)]
             for r in reach]))
    if disclosed.get("notes"):
        parts.append(html_list(disclosed["notes"]))
    return "\n".join(parts)

