"""The one report engine: a context over the disclosed object, one registry of sections per
audience, one HTML toolkit (:mod:`impact.i18n`) and the message catalogues.

Every section reads only :class:`impact.disclosure.programme.Disclosed` (``published.json``): never the
data file, never the unsuppressed results, and it computes no statistic. Counts are shown from
the disclosed cells (a hidden cell is the same in every report of the run); every sentence is
generated from the disclosed numbers it speaks of. Figures (flow diagram, Positive Health,
forest plot) draw from the same object; participant-level displays are not part of any
deliverable.
"""

from __future__ import annotations

from .._version import __version__
from .sections import html_table, section
from ..i18n import (counted, render, escape, fmt_ci, fmt_number, fmt_p, html_heading, html_list,
                   html_paragraph, messages)

__all__ = ["Context", "SECTIONS", "SUMMARIES", "render_sections", "build_report", "build_summary",
           "section_ids"]

_h, _p, _ul = html_heading, html_paragraph, html_list
CATS = ("improved", "unchanged", "deteriorated")


class Context:
    """The disclosed object, the language and the audience of one report."""

    def __init__(self, disclosed, lang: str, audience: str):
        self.D = disclosed.to_dict() if hasattr(disclosed, "to_dict") else dict(disclosed)
        self.lang = lang
        self.audience = audience
        self.m = messages(lang)

    # --- data
    @property
    def ev(self) -> dict:
        """The published evidence rendered in this report's language (computed once)."""
        if not hasattr(self, "_ev"):
            from .evidence_view import evidence_view

            self._ev = evidence_view(self.D, self.lang)
        return self._ev

    @property
    def meta(self) -> dict:
        return self.D["meta"]

    @property
    def min_cell(self) -> int:
        return int(self.meta["min_cell_size"])

    def outcomes(self) -> list[dict]:
        return self.D.get("outcomes") or []

    def primary(self):
        outs = self.outcomes()
        return next((o for o in outs if o.get("primary")), outs[0] if outs else None)

    def label(self, labels) -> str:
        if isinstance(labels, dict):
            return str(labels.get(self.lang) or labels.get("en") or "")
        return str(labels or "")

    def category(self, c) -> str:
        """A background category in the reader's language (its label; a result published
        before categories had labels shows the value as recorded)."""
        return self.label(c.get("label")) or str(c.get("category") or "")

    def wave(self, wid) -> str:
        info = (self.meta.get("waves") or {}).get(str(wid)) or {}
        return str(info.get(self.lang) or wid)

    def cell(self, cid):
        c = (self.D.get("cells") or {}).get(cid) if cid else None
        return (None, "absent") if c is None else (c.get("value"), c.get("status"))

    # --- toolkit
    def num(self, value, digits=1) -> str:
        return fmt_number(value, self.lang, digits)

    def count_td(self, cid) -> str:
        value, status = self.cell(cid)
        if status == "small":   # "fewer than 10" tells the reader what the audit knows anyway
            return (f'<td class="impact-count" data-small="1">'
                    f'{escape(self.m["e_cell_small"].format(n=self.min_cell))}</td>')
        if status in ("hidden", "unpublished"):
            return (f'<td class="impact-count" data-suppressed="1">'
                    f'{escape(self.m["e_cell_hidden"])}</td>')
        if value is None:
            return '<td class="impact-count">–</td>'
        return f'<td class="impact-count">{int(value)}</td>'

    def count_text(self, cid) -> str:
        value, status = self.cell(cid)
        if status in ("small", "hidden", "unpublished") or value is None:
            return self.m["e_count_hidden"]
        return str(int(value))

    def flow_td(self, n) -> str:
        if n is None:
            return "<td>–</td>"
        return f'<td class="impact-flow-count">{int(n)}</td>'

    def table(self, header, rows, caption=None, mostly_hidden: str | None = None) -> str:
        """A table of the report; one in which more than a third of the values (all columns
        but the first, which names the rows) would be hidden becomes one sentence instead
        (``mostly_hidden``, else a general one): suppression that still informs."""
        values = [c for row in rows for c in row[1:]]
        hidden = sum(1 for c in values if "data-suppressed" in str(c)
                     or str(c) == self.m["e_cell_hidden"])   # "fewer than 10" informs
        if values and hidden > len(values) / 3:
            return _p(mostly_hidden or self.m["e_table_mostly_hidden"].format(n=self.min_cell),
                      "impact-note")
        return html_table(header, rows, caption)

    def headline_change(self, o) -> tuple:
        """``(estimate, ci_low, ci_high, k)`` of an outcome's change as the headline states it:
        pooled over the ``k`` groups or sites when participants sit in two or more (the
        estimate that respects clustering), else the paired change (``k`` None)."""
        for p in self.D.get("pooled") or []:
            if (p.get("outcome") == o.get("outcome") and (p.get("k") or 0) >= 2
                    and p.get("estimate") is not None and p.get("ci_low") is not None):
                return p["estimate"], p["ci_low"], p["ci_high"], int(p["k"])
        return o.get("mean_change"), o.get("ci_low"), o.get("ci_high"), None

    def pct(self, value) -> str:
        """A percentage (whole), or a dash when it is not published."""
        return "–" if value is None else self.num(value, 0) + "%"

    def est_ci(self, est, low, high, digits=1) -> str:
        return f"{self.num(est, digits)} ({fmt_ci(low, high, self.lang, digits)})"

    def hidden_note(self) -> str:
        return _p(self.m["e_hidden_note"].format(n=self.min_cell), "impact-note")


def in_sentence(label: str) -> str:
    """A label inside running text: "Ervaren stress" -> "ervaren stress"; names and
    abbreviations ("Positieve Gezondheid", "WHO-5") keep their capitals."""
    first = label.split(" ", 1)[0] if label else ""
    keep = (not first[1:2].islower() or any(ch.isdigit() for ch in first)
            or first in ("Positieve", "Positive"))
    return label if keep or not label else label[0].lower() + label[1:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _any_hidden(ctx, ids) -> bool:
    return any(ctx.cell(i)[1] in ("small", "hidden") for i in ids)


# ---- sections shared by both audiences -----------------------------------------------------------

def _report_opts(ctx) -> dict:
    return ctx.meta.get("report") or {}


def title_block_html(ctx) -> str:
    """The title block: organisation, logo, title, programme, date, audience, author."""
    import datetime as _dt

    from .deliver import title_block

    opts = _report_opts(ctx)
    date = ctx.meta.get("date")
    try:
        date = _dt.date.fromisoformat(date) if date else None
    except (TypeError, ValueError):
        date = None
    programme = ctx.meta.get("programme")
    return title_block(ctx.meta["title"], lang=ctx.lang, organisation=opts.get("organisation"),
                       programme=programme if programme != ctx.meta["title"] else None,
                       date=date, audience=ctx.audience, author=opts.get("author"),
                       logo_uri=opts.get("logo_uri"))


def header_section(ctx) -> str:
    m = ctx.m
    parts = [title_block_html(ctx),
             _p(m["generated_by"].format(version=ctx.meta.get("version") or __version__),
                "impact-note")]
    if ctx.meta.get("allow_small_cells"):
        parts.append(_p(m["e_small_cells_allowed"].format(n=ctx.min_cell), "impact-caveat"))
    return section("header", *parts)


def _markdown(ctx, name) -> str | None:
    """A free-text section of the protocol's ``report:`` (Markdown rendered to safe HTML by
    :mod:`impact.io.branding` when the run was disclosed)."""
    given = (_report_opts(ctx).get("sections") or {}).get(name)
    if isinstance(given, dict):
        return given.get(ctx.lang) or None
    return None


def _story(ctx, names, section_id) -> str:
    """The author's own sections (Markdown from the protocol's ``report.sections``) in the given
    order; those not given are left out (and named to the author on stderr at render time)."""
    parts = []
    for name in names:
        html = _markdown(ctx, name)
        if html:
            parts += [_h(ctx.m[f"w_section_{name}"]),
                      f'<div class="impact-markdown impact-{name}">{html}</div>']
    return section(section_id, *parts) if parts else ""


def what_happened_section(ctx) -> str:
    """The author's account of what happened (after the activities)."""
    return _story(ctx, ("what_happened",), "what-happened")


def reflection_section(ctx) -> str:
    """Success and failure factors, interpretation, recommendations (the author's words)."""
    return _story(ctx, ("success_factors", "interpretation", "recommendations"), "reflection")


def introduction_section(ctx) -> str:
    """The protocol's introduction, context and target group (Markdown), when given."""
    parts = []
    for name in ("introduction", "context", "target_group"):
        html = _markdown(ctx, name)
        if html:
            parts += [_h(ctx.m[f"w_section_{name}"]),
                      f'<div class="impact-markdown impact-{name}">{html}</div>']
    return section("introduction", *parts) if parts else ""


def limitations_section(ctx) -> str:
    ev = ctx.ev
    m = ctx.m
    if ctx.audience == "funder":
        return section("limitations", _h(m["funder_section_limitations"]),
                       _p(m["funder_limitations_intro"]), _ul(ev["limitations"]))
    return section("limitations", _h(m["section_limitations"]), _ul(ev["limitations"]))


# ---- funder ---------------------------------------------------------------------------------------

def _mean_sentence(ctx, o) -> str:
    m = ctx.m
    label = in_sentence(ctx.label(o["label"]))
    if not o.get("shown") or o.get("mean_baseline") is None:
        return m["e_outcome_too_few"].format(label=label, n=ctx.min_cell)
    before, after = ctx.num(o["mean_baseline"]), ctx.num(o["mean_followup"])
    rng = o.get("range")
    scale = (m["funder_scale"].format(low=ctx.num(rng[0], 0), high=ctx.num(rng[1], 0))
             if rng else "")
    better = o.get("higher_is_better")
    direction = "" if better is None else " (" + m["higher_is_better" if better
                                                   else "lower_is_better"] + ")"
    if before == after:
        text = m["e_outcome_same"].format(label=label, before=before, scale=scale,
                                          direction=direction, n=o["n_paired"])
    else:
        verb = m["funder_verb_down" if o["mean_followup"] < o["mean_baseline"] else "funder_verb_up"]
        text = m["e_outcome_mean"].format(verb=verb, label=label, before=before, after=after,
                                          scale=scale, direction=direction, n=o["n_paired"])
    return _cap(text)


def _interval_sentence(ctx, o) -> str:
    m = ctx.m
    _, lo, hi, k = ctx.headline_change(o)
    if lo is None or hi is None:
        return m["funder_ci_none"]
    text = m["funder_ci"].format(low=ctx.num(lo), high=ctx.num(hi))
    if k:
        text += " " + m["e_clustered_funder"].format(k=k)
    if lo <= 0 <= hi:
        return text + " " + m["funder_ci_includes_zero"]
    better = o.get("higher_is_better")
    if better is None:
        return text
    return text + " " + m["funder_ci_good" if (lo > 0) == bool(better) else "funder_ci_bad"]


def rci_sentence(ctx, o) -> str:
    """Improved / unchanged / deteriorated of one outcome, from the disclosed cells; never a
    sentence built around a hidden number: with hidden groups it says what can be said (the
    groups shown, improved and deteriorated together when only those two are hidden, else that
    the groups are too small to show)."""
    m = ctx.m
    ids = o.get("rci") or {}
    if not ids:
        return ""
    values = {c: ctx.cell(ids[c]) for c in CATS}
    shown = {c: v for c, (v, s) in values.items() if s == "shown" and v is not None}
    label, n = ctx.label(o["label"]), o["n_paired"]
    if len(shown) == len(CATS):
        return m["e_rci_sentence"].format(n=n, label=label, **{c: str(int(shown[c]))
                                                               for c in CATS})
    changed = o.get("rci_changed")
    if "unchanged" in shown and changed is not None:
        return m["e_rci_changed_together"].format(n=n, label=label, changed=int(changed),
                                                  unchanged=int(shown["unchanged"]),
                                                  m=ctx.min_cell)
    if shown:
        parts = [m[f"e_rci_part_{c}"].format(k=int(v)) for c, v in shown.items()]
        return m["e_rci_some_shown"].format(n=n, label=label, parts=", ".join(parts),
                                            m=ctx.min_cell)
    return m["e_rci_none_shown"].format(n=n, label=label, m=ctx.min_cell)


def funder_selected(ctx) -> list[dict]:
    """The headline outcomes the disclosure step chose (primary, then secondary)."""
    wanted = ctx.meta.get("headline_outcomes") or [o["outcome"] for o in ctx.outcomes()]
    by_id = {o["outcome"]: o for o in ctx.outcomes()}
    return [by_id[c] for c in wanted if c in by_id]


def summary_section(ctx) -> str:
    m, flow = ctx.m, ctx.D.get("flow") or {}
    sentences = [m["e_summary_reach"].format(programme=ctx.meta.get("programme"),
                                             enrolled=flow.get("enrolled"),
                                             paired=flow.get("paired"))]
    o = ctx.primary()
    if o is not None:
        sentences.append(_mean_sentence(ctx, o))
        if o.get("rci"):
            sentences.append(rci_sentence(ctx, o))
    top = [t for t in ctx.D.get("themes") or [] if ctx.cell(t["n"])[1] == "shown"]
    top.sort(key=lambda t: -(ctx.cell(t["n"])[0] or 0))
    if top:
        sentences.append(m["funder_summary_themes"].format(
            themes=", ".join(ctx.label(t["label"]).lower() for t in top[:3])))
    sentences.append(m["funder_summary_caveat"] if not ctx.meta.get("controlled")
                     else m["funder_caveat_comparator"])
    return section("summary", _h(m["funder_section_summary"]),
                   "".join(_p(_cap(s)) for s in sentences[:5]))


def _background_block(ctx, row) -> str:
    m = ctx.m
    title = ctx.label(row["label"])
    if row["kind"] == "numeric":
        return ""
    if not row.get("shown"):
        return _h(title, 3) + _p(m["e_background_too_few"].format(n=ctx.min_cell), "impact-note")
    if len(row["categories"]) <= 1:
        return _h(title, 3) + _p(m["funder_all_merged"].format(n=ctx.min_cell))
    rows = [[(_cap(m["e_other"]) if c["other"] else ctx.category(c)), ctx.count_td(c["n"]),
             ctx.pct(c["percent"])] for c in row["categories"]]
    parts = [_h(title, 3), ctx.table([m["funder_col_category"], m["funder_col_people"],
                                      m["funder_col_share"]], rows)]
    if row.get("merged"):
        parts.append(_p(m["e_merged_note"].format(n=ctx.min_cell, other=m["e_other"]),
                        "impact-note"))
    return "".join(parts)


def reach_section(ctx) -> str:
    m, flow = ctx.m, ctx.D.get("flow") or {}
    rows = [[m[f"funder_reach_{k}"], ctx.flow_td(flow.get(k))]
            for k in ("enrolled", "with_baseline", "paired")]
    parts = [_h(m["funder_section_reach"]), _p(m["funder_reach_intro"]),
             ctx.table([m["funder_col_what"], m["funder_col_people"]], rows)]
    for row in ctx.D["baseline"]["background"]:
        parts.append(_background_block(ctx, row))
    return section("reach", *parts)


def _items(value) -> list[str]:
    if value in (None, "", []):
        return []
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            if isinstance(v, dict):
                out.append(", ".join(str(x) for x in v.values() if x))
            else:
                out.append(str(v))
        return [o for o in out if o]
    return [str(value)]


def _protocol_language_note(ctx) -> list[str]:
    """A note when the protocol's own texts (its description, partners, activities) are in
    another language than the report: they are the author's words, shown as written."""
    written = str(ctx.meta.get("language") or ctx.lang)
    if written == ctx.lang or f"e_language_{written}" not in ctx.m:
        return []
    return [_p(ctx.m["e_protocol_untranslated"].format(language=ctx.m[f"e_language_{written}"]),
               "impact-note")]


def partners_section(ctx) -> str:
    m = ctx.m
    partners = _items(ctx.meta.get("partners"))
    if not partners and not ctx.meta.get("funder"):
        return ""
    parts = [_h(m["funder_section_partners"])]
    if partners:
        parts += [_p(m["funder_partners_intro"]), _ul(partners), *_protocol_language_note(ctx)]
    if ctx.meta.get("funder"):
        parts.append(_p(m["funder_funded_by"].format(funder=ctx.meta["funder"])))
    return section("partners", *parts)


_ACT = ("name", "why", "what_procedures", "who_provided", "how", "where", "when_how_much",
        "sessions")


def activities_section(ctx) -> str:
    m, iv = ctx.m, ctx.meta.get("intervention") or {}
    items = [f"<dt>{escape(m['funder_act_' + k])}</dt><dd>{escape('; '.join(_items(iv.get(k))))}</dd>"
             for k in _ACT if _items(iv.get(k))]
    if not items:
        return ""
    # (said once: under the partners when they are listed, else here)
    note = [] if _items(ctx.meta.get("partners")) else _protocol_language_note(ctx)
    return section("activities", _h(m["funder_section_activities"]),
                   "<dl>" + "".join(items) + "</dl>", *note)



def _reading(ctx, o) -> str:
    """better / worse / not clear, from the interval of the change and the good direction."""
    m = ctx.m
    lo, hi, better = o.get("ci_low"), o.get("ci_high"), o.get("higher_is_better")
    if not o.get("shown") or lo is None or hi is None:
        return m["w_reading_too_few"]
    if lo <= 0 <= hi or better is None:
        return m["w_reading_unclear"]
    return m["w_reading_better" if (lo > 0) == bool(better) else "w_reading_worse"]


def change_table(ctx, outs) -> str:
    """One compact table of the headline outcomes: start, end, change with interval, reading."""
    m = ctx.m
    rows = []
    for o in outs:
        label = _cap(ctx.label(o["label"]))
        rng = o.get("range")
        if rng:
            label += " " + m["funder_scale"].format(low=ctx.num(rng[0], 0),
                                                    high=ctx.num(rng[1], 0)).strip()
        if o.get("higher_is_better") is not None:
            label += " (" + m["higher_is_better" if o["higher_is_better"]
                              else "lower_is_better"] + ")"
        if o.get("shown") and o.get("mean_baseline") is not None:
            rows.append([label, ctx.flow_td(o["n_paired"]), ctx.num(o["mean_baseline"]),
                         ctx.num(o["mean_followup"]),
                         ctx.est_ci(o.get("mean_change"), o.get("ci_low"), o.get("ci_high")),
                         _reading(ctx, o)])
        else:
            rows.append([label, ctx.flow_td(o["n_paired"]), "–", "–", "–", _reading(ctx, o)])
    return ctx.table([m["funder_col_outcome"], m["funder_col_paired"], m["w_col_start"],
                      m["w_col_end"], m["w_col_change"], m["w_col_reading"]], rows)


def change_chart_html(ctx) -> str:
    """The dumbbell chart of the change (start -> end with the interval), drawn from the
    ``figures.change`` values of published.json."""
    rows = (ctx.D.get("figures") or {}).get("change") or []
    if not rows:
        return ""
    from ..plots.charts import change_chart

    chart = change_chart([{"label": _cap(ctx.label(r["label"])), "start": r["start"],
                           "end": r["end"], "ci_low": r["ci_low"], "ci_high": r["ci_high"],
                           "higher_is_better": r.get("higher_is_better"),
                           "scale_min": r.get("scale_min"), "scale_max": r.get("scale_max")}
                          for r in rows], lang=ctx.lang, title=ctx.m["w_change_title"])
    return chart.embed()


def trajectory_chart_html(ctx) -> str:
    """Means with 95% CI per wave (three or more waves), from ``figures.trajectory``."""
    series = (ctx.D.get("figures") or {}).get("trajectory") or []
    series = [s for s in series if all(p.get("weeks") is not None for p in s["points"])]
    if not series:
        return ""
    from ..plots.charts import trajectory_chart

    chart = trajectory_chart([{"label": _cap(ctx.label(s["label"])),
                               "higher_is_better": s.get("higher_is_better"),
                               "scale_min": s.get("scale_min"), "scale_max": s.get("scale_max"),
                               "points": [{"wave": ctx.label(p["label"]), "weeks": p["weeks"],
                                           "mean": p["mean"], "ci_low": p["ci_low"],
                                           "ci_high": p["ci_high"]} for p in s["points"]]}
                              for s in series], lang=ctx.lang, title=ctx.m["w_trajectory_title"])
    ns = sorted({s["points"][0]["n"] for s in series})
    return (_p(ctx.m["w_trajectory_intro"].format(n="/".join(str(n) for n in ns)))
            + chart.embed())

def funder_outcomes_section(ctx) -> str:
    m = ctx.m
    outs = funder_selected(ctx)
    shown = [o for o in outs if o.get("shown")]
    total = len(ctx.outcomes())
    parts = [_h(m["funder_section_outcomes"]),
             _p(counted(m, "e_outcomes_count", total).format(
                 total=total, k=len(outs), shown=len(shown), n=ctx.min_cell))]
    chart = change_chart_html(ctx)
    if chart:
        parts += [_p(m["w_change_intro"].format(n=max(o["n_paired"] for o in shown))), chart]
    parts.append(change_table(ctx, outs))
    rci = [o for o in outs if o.get("rci")]
    if rci:
        rows = [[_cap(ctx.label(o["label"])), ctx.flow_td(o["n_paired"])]
                + [ctx.count_td(o["rci"][c]) for c in CATS] for o in rci]
        table = ctx.table([m["funder_col_outcome"], m["funder_col_paired"],
                           m["funder_col_improved"], m["funder_col_unchanged"],
                           m["funder_col_deteriorated"]], rows)
        if "<table" not in table:   # mostly hidden: the sentences say what can be said
            table = _ul([rci_sentence(ctx, o) for o in rci])
        parts += [_h(m["funder_rci_title"], 3), _p(m["funder_rci_explained"]), table,
                  ctx.hidden_note()]
    if ctx.meta.get("arms_withheld"):
        parts.append(_p(m["e_arms_withheld"].format(n=ctx.min_cell)))
    parts.append(_p(m["funder_caveat_comparator" if ctx.meta.get("controlled")
                      else "funder_caveat_no_comparator"], "impact-caveat"))
    return section("outcomes", *parts)


def positive_health_section(ctx) -> str:
    from ..plots.figures import figure_html
    from ..plots.spider import spider_plot

    mph = ctx.D.get("positive_health")
    if not mph:
        return ""
    m = ctx.m
    if not mph.get("shown"):
        return section("positive-health", _h(m["section_spider"]),
                       _p(m["funder_spider_too_few"].format(n=ctx.min_cell)))
    base, follow = ctx.wave(ctx.meta["baseline"]), ctx.wave(ctx.meta["followup"])
    fig = spider_plot(baseline=base, followup=follow, lang=ctx.lang,
                      means={base: mph["baseline"], follow: mph["followup"]},
                      title=m["section_spider"])
    return section("positive-health", _h(m["section_spider"]),
                   figure_html(fig, m["e_spider_alt"].format(n=mph["n"])),
                   _p(m["e_spider_explained"].format(n=mph["n"])))


def _quotes_language_note(ctx, quotes) -> list[str]:
    """A note when quotes stand in another language than the report's: they are the
    participants' own words, not translated (only the tokens of replaced identifiers are)."""
    written = sorted({str(q.get("lang", "nl")) for q in quotes} - {ctx.lang})
    names = [ctx.m[f"e_language_{w}"] for w in written if f"e_language_{w}" in ctx.m]
    if not names:
        return []
    return [_p(ctx.m["e_quotes_untranslated"].format(language=", ".join(names)), "impact-note")]


def voices_section(ctx) -> str:
    m = ctx.m
    quotes = ctx.D.get("quotes") or []
    if not quotes:
        return ""
    head = [_h(m["funder_section_voices"]), _p(m["funder_voices_intro"]),
            *_quotes_language_note(ctx, quotes)]
    themes = []                   # per theme: its heading, then its quotes
    for q in quotes:
        if not themes or q["code"] != themes[-1][0]:
            themes.append((q["code"], [_h(ctx.label(q["label"]), 3)]))
        role = m.get(f"funder_role_{q['role']}", m["funder_role_other"])
        text = q["text"].get(ctx.lang) or q["text"].get("nl")
        themes[-1][1].append(f'<blockquote class="impact-quote"><p>“{escape(text)}”</p>'
                             f'<footer>{escape(role)}</footer></blockquote>')
    # on paper the section's heading and introduction stay with the first theme's heading and
    # first quote (a later theme's heading keeps its first quote: keep_headings_with_next)
    first = themes[0][1]
    parts = ['<div class="impact-keep">' + "".join(head + first[:2]) + "</div>", *first[2:]]
    parts += [block for _, blocks in themes[1:] for block in blocks]
    parts.append(_p(m["funder_voices_privacy"], "impact-note"))
    return section("voices", *parts)


def _tbc_table(ctx) -> str:
    tbc = ctx.D.get("themes_by_change")
    if not tbc:
        return ""
    m = ctx.m
    header = [m["funder_col_theme"]] + [m[f"funder_col_{c}"] for c in CATS]
    rows = [[ctx.label(r["label"])] + [ctx.count_td(r["cells"][c]) for c in CATS]
            for r in tbc["rows"]]
    rows.append([m["e_tbc_total"]] + [ctx.count_td(tbc["totals"][c]) for c in CATS])
    intro = _p(m["funder_themes_by_change_intro"].format(label=ctx.label(tbc["label"])))
    table = ctx.table(header, rows, mostly_hidden=m["e_tbc_mostly_hidden"].format(
        label=in_sentence(ctx.label(tbc["label"])), n=ctx.min_cell))
    return table if "<table" not in table else intro + table


def themes_section(ctx) -> str:
    m = ctx.m
    themes = ctx.D.get("themes") or []
    if not themes:
        return ""
    return section("themes", _h(m["funder_section_themes"]),
                   _p(m["funder_themes_intro"].format(n=ctx.meta.get("n_quoted"))),
                   theme_table(ctx, themes),
                   _p(m["w_themes_share_note"].format(n=ctx.min_cell), "impact-note"),
                   _tbc_table(ctx), ctx.hidden_note())


def theme_table(ctx, themes) -> str:
    """Themes with the people who named them and their share of those quoted; a theme whose
    count is not shown still says that it was named (every theme listed was named by someone)."""
    m = ctx.m
    rows = []
    for t in themes:
        value, status = ctx.cell(t["n"])
        if status == "shown" and value is not None:
            share = "–" if t.get("share") is None else ctx.num(t["share"], 0) + "%"
            rows.append([ctx.label(t["label"]), ctx.count_td(t["n"]), share])
        else:
            rows.append([ctx.label(t["label"]), m["w_theme_named"], "–"])
    return ctx.table([m["funder_col_theme"], m["funder_col_people_named"], m["w_col_share"]],
                     rows)


def _pct(value, lang):
    pct = 100 * value
    return fmt_number(pct, lang, 0 if abs(pct - round(pct)) < 1e-9 else 1) + "%"


def sroi_section(ctx) -> str:
    s = ctx.D.get("sroi")
    m = ctx.m
    if not s:
        return ""
    if s.get("withheld"):
        return section("sroi", _h(m["section_sroi"]),
                       _p(m["funder_sroi_suppressed"].format(n=ctx.min_cell)))
    cur, lang = s["currency"], ctx.lang

    def money(v):
        return f"{cur} {fmt_number(v, lang, 0)}"

    rows = [[o["name"], ctx.num(o["quantity"], 0), money(o["proxy"]), _pct(o["deadweight"], lang),
             _pct(o["displacement"], lang), _pct(o["attribution"], lang),
             _pct(o["drop_off"], lang), str(o["duration"]), money(o["impact_year1"]),
             money(o["present_value"])] for o in s["outcomes"]]
    header = [m[k] for k in ("sroi_col_outcome", "sroi_col_quantity", "sroi_col_proxy",
                             "sroi_col_deadweight", "sroi_col_displacement",
                             "sroi_col_attribution", "sroi_col_drop_off", "sroi_col_duration",
                             "sroi_col_impact_year1", "sroi_col_present_value")]
    return section("sroi", _h(m["section_sroi"]), _p(m["sroi_explained"]),
                   ctx.table(header, rows),
                   _p(m["sroi_summary"].format(pv=money(s["present_value"]),
                                               inputs=money(s["inputs"]),
                                               ratio=ctx.num(s["ratio"], 2),
                                               rate=_pct(s["discount_rate"], lang))),
                   _p(m["funder_sroi_caveat"], "impact-caveat"))


def continuation_section(ctx) -> str:
    m = ctx.m
    parts = []
    for key in ("continuation", "lessons"):
        html = _markdown(ctx, key)
        if html:
            parts += [_h(m[f"funder_{key}_title"], 3),
                      f'<div class="impact-markdown impact-{key}">{html}</div>']
            continue
        items = _items(ctx.meta.get(key))
        if items:
            parts += [_h(m[f"funder_{key}_title"], 3),
                      _ul(items) if len(items) > 1 else _p(items[0])]
    if not parts:
        return ""
    return section("continuation", _h(m["funder_section_continuation"]), *parts)


GLOSSARY = ("mean", "sd", "ci", "p_value", "effect_size", "reliable_change", "measurement_error",
            "prepost", "comparison_group", "regression_to_mean", "dropout", "scale", "theme",
            "small_numbers", "positive_health")
SROI_GLOSSARY = ("sroi", "proxy", "deadweight", "displacement", "attribution", "drop_off",
                 "discounting", "sensitivity", "break_even")


def glossary_section(ctx) -> str:
    m = ctx.m
    ids = GLOSSARY + (SROI_GLOSSARY if ctx.D.get("sroi") else ())
    items = "".join(f"<dt>{escape(m['funder_term_' + i])}</dt>"
                    f"<dd>{escape(m['e_gloss_small_numbers'].format(n=ctx.min_cell) if i == 'small_numbers' else m['funder_gloss_' + i])}</dd>"
                    for i in ids)
    return section("glossary", _h(m["funder_section_glossary"]), _p(m["funder_glossary_intro"]),
                   f'<dl class="impact-glossary">{items}</dl>')


# ---- guideline ------------------------------------------------------------------------------------

def _design_name(ctx) -> str:
    m = ctx.m
    design = "controlled" if ctx.meta.get("controlled") else ctx.meta.get("design") or "prepost"
    return m.get(f"design_{design}", m["design_prepost"])


def guideline_header_section(ctx) -> str:
    return header_section(ctx).replace(
        "</section>", _p(ctx.m["gl_design_line"].format(design=_design_name(ctx))) + "</section>")


def _controlled_findings(ctx, outcome) -> list:
    """The primary outcome's controlled estimates (comparison group, waiting list), in the words
    of the comparison section, for the key findings: a controlled study's headline is the
    difference with the comparison, beside the before-and-after change above it."""
    from .comparison_sections import effect_sentence

    pub = ctx.D.get("comparison")
    if not pub:
        return []
    labels = _comparison_labels(ctx, pub)
    return [effect_sentence(row, ctx.lang, labels, prefix=prefix)
            for key, prefix in (("comparison", "comparison"), ("waiting_list", "waiting_list"))
            for row in pub.get(key) or [] if row.get("outcome") == outcome]


def key_findings_section(ctx) -> str:
    m = ctx.m
    o = ctx.primary()
    ev = ctx.ev
    items = []
    if o is not None and o.get("shown") and o.get("mean_change") is not None:
        direction = ("" if o.get("higher_is_better") is None else
                     m["higher_is_better" if o["higher_is_better"] else "lower_is_better"])
        est, low, high, k = ctx.headline_change(o)
        items.append(m["gl_kf_change"].format(
            outcome=ctx.label(o["label"]), direction=direction,
            baseline=ctx.wave(ctx.meta["baseline"]), followup=ctx.wave(ctx.meta["followup"]),
            n=o["n_paired"], change=ctx.num(est), ci=fmt_ci(low, high, ctx.lang),
            dz=ctx.est_ci(o["d_z"], *(o.get("d_z_ci") or [None, None]), digits=2)))
        if k:
            items.append(m["e_clustered_why"].format(k=k, change=ctx.num(o["mean_change"]),
                                                     ci=fmt_ci(o["ci_low"], o["ci_high"],
                                                               ctx.lang)))
        items += _controlled_findings(ctx, o["outcome"])
        cert = ev["sof"]["certainty"].get(o["outcome"])
        if cert:
            items.append(m["gl_kf_certainty"].format(certainty=m["certainty_" + cert]))
        items += ev.get("dropout") or []     # who left differed from who stayed
    elif o is not None:
        items.append(m["e_outcome_too_few"].format(label=ctx.label(o["label"]), n=ctx.min_cell))
    items.append(m["gl_kf_recognition"].format(level=ev["recognition"]["level"]))
    items.append(m["gl_kf_cannot_controlled" if ctx.meta.get("controlled") else "gl_kf_cannot"])
    return section("key-findings", _h(m["gl_section_key_findings"]), _ul(items))


def intervention_section(ctx) -> str:
    m = ctx.m
    ev = ctx.ev["tidier"]
    iv = ctx.meta.get("intervention") or {}
    rows = []
    for key in ("name", "why", "what_procedures", "who_provided", "how", "where",
                "when_how_much"):
        value = "; ".join(_items(iv.get(key)))
        if value:
            rows.append([m["tidier_item_" + key], value])
    parts = [_h(m["gl_section_intervention"]), _p(m["gl_intervention_intro"])]
    if rows:
        # (the note before the table: on paper a note after it may fall to the next page)
        parts += _protocol_language_note(ctx)
        parts.append(ctx.table([m["checklist_col_item"], m["gl_col_description"]], rows))
    parts.append(_p(m["e_tidier_statement"].format(met=ev["counts"].get("met", 0),
                                                   total=ev["total"])))
    return section("intervention", *parts)


def flow_section(ctx) -> str:
    from ..plots.figures import figure_html
    from ..plots.flowchart import flow_diagram

    m, f = ctx.m, ctx.D["flow"]
    base, follow = ctx.wave(f.get("baseline")), ctx.wave(f.get("followup"))
    rows = [[m["gl_flow_enrolled"], ctx.flow_td(f.get("enrolled"))],
            [m["gl_flow_with_baseline"].format(wave=base), ctx.flow_td(f.get("with_baseline"))],
            [m["gl_flow_with_followup"].format(wave=follow), ctx.flow_td(f.get("with_followup"))],
            [m["gl_flow_without_followup"], ctx.flow_td(f.get("without_followup"))]]
    o = ctx.primary()
    for e in f.get("excluded") or []:
        key = f"gl_flow_reason_{e.get('code')}"
        reason = (m[key].format(outcome=ctx.label(o["label"]) if o else "", baseline=base,
                                followup=follow) if key in m else m["e_flow_reason_other"])
        rows.append([m["gl_flow_excluded"].format(reason=reason), ctx.flow_td(e.get("n"))])
    rows.append([m["gl_flow_paired"], ctx.flow_td(f.get("paired"))])
    shown = dict(f, baseline=base, followup=follow)
    fig = flow_diagram(shown, ctx.lang)
    return section("flow", _h(m["gl_section_flow"]), figure_html(fig, m["gl_flow_alt"]),
                   ctx.table([m["gl_col_step"], m["gl_col_people"]], rows),
                   _p(m["gl_flow_count_note"], "impact-note"))


def baseline_section(ctx) -> str:
    m = ctx.m
    B = ctx.D["baseline"]
    rows = [[m["gl_baseline_n"], ctx.flow_td(B.get("n")), ""]]
    notes = []
    for row in B["background"]:
        label = ctx.label(row["label"])
        if row["kind"] == "numeric":
            value = (f"{ctx.num(row['mean'])} ({ctx.num(row['sd'])})"
                     if row.get("mean") is not None else "–")
            rows.append([label, ctx.count_td(row["n"]), value])
            continue
        if not row.get("shown"):
            notes.append(m["e_background_too_few_named"].format(what=label, n=ctx.min_cell))
            continue
        for c in row["categories"]:
            cat = m["e_other"] if c["other"] else ctx.category(c)
            rows.append([f"{label}: {cat}", ctx.count_td(c["n"]), ctx.pct(c["percent"])])
        if row.get("merged"):
            notes.append(m["e_merged_note_named"].format(what=label, n=ctx.min_cell,
                                                         other=m["e_other"]))
    labels = {o["outcome"]: o["label"] for o in ctx.outcomes()}
    for s in B["scores"]:
        value = f"{ctx.num(s['mean'])} ({ctx.num(s['sd'])})" if s.get("mean") is not None else "–"
        rows.append([m["e_baseline_score"].format(outcome=ctx.label(labels.get(s["outcome"]))),
                     ctx.flow_td(s["n"]), value])
        if s.get("withheld_dropouts"):
            notes.append(m["e_baseline_withheld"].format(
                outcome=ctx.label(labels.get(s["outcome"])), n=ctx.min_cell))
    return section("baseline", _h(m["gl_section_baseline"]),
                   _p(m["gl_baseline_intro"].format(wave=ctx.wave(ctx.meta["baseline"]))),
                   ctx.table([m["gl_col_characteristic"], m["gl_col_people"], m["gl_col_value"]],
                             rows), _ul(notes) if notes else "", ctx.hidden_note())


def guideline_outcomes_section(ctx) -> str:
    m = ctx.m
    method = ctx.meta.get("p_adjust_method") or "holm"
    header = [m["col_outcome"], m["col_n"], m["col_baseline"], m["col_followup"],
              m["col_change"], m["col_p"], m["gl_col_p_adjusted"].format(method=method),
              m["col_dz"], m["gl_col_gav"], m["gl_col_wilcoxon_p"], m["gl_col_hl"]]
    rows, legend = [], []
    for o in ctx.outcomes():
        label = ctx.label(o["label"]) + (" *" if o.get("primary") else "")
        rows.append([label, ctx.flow_td(o.get("n_paired")),
                     f"{ctx.num(o.get('mean_baseline'))} ({ctx.num(o.get('sd_baseline'))})",
                     f"{ctx.num(o.get('mean_followup'))} ({ctx.num(o.get('sd_followup'))})",
                     ctx.est_ci(o.get("mean_change"), o.get("ci_low"), o.get("ci_high")),
                     fmt_p(o.get("p"), ctx.lang), fmt_p(o.get("p_adjusted"), ctx.lang),
                     ctx.est_ci(o.get("d_z"), *(o.get("d_z_ci") or [None, None]), digits=2),
                     ctx.est_ci(o.get("g_av"), *(o.get("g_av_ci") or [None, None]), digits=2),
                     fmt_p(o.get("wilcoxon_p"), ctx.lang),
                     ctx.est_ci(o.get("hl_estimate"), *(o.get("hl_ci") or [None, None]))])
        if o.get("instrument"):
            legend.append([ctx.label(o["label"]), ctx.label(o["instrument"]),
                           m["higher_is_better" if o.get("higher_is_better") else
                             "lower_is_better"], o.get("reference") or "–"])
    parts = [_h(m["section_outcomes"]),
             _p(counted(m, "e_outcomes_table_intro", len(rows)).format(k=len(rows))), ctx.table(header, rows)]
    if legend:
        parts += [_p(m["gl_legend_intro"], "impact-note"),
                  ctx.table([m["col_outcome"], m["gl_col_instrument"], m["gl_col_direction"],
                             m["gl_col_reference"]], legend)]
    hidden = [o for o in ctx.outcomes() if not o.get("shown")]
    if hidden:
        parts.append(_p(counted(m, "e_outcomes_hidden", len(hidden)).format(k=len(hidden),
                                                                  n=ctx.min_cell)))
    if ctx.meta.get("arms_withheld"):
        parts.append(_p(m["e_arms_withheld"].format(n=ctx.min_cell)))
    not_computed = ctx.meta.get("n_not_computed") or 0
    if not_computed:
        parts.append(_p(counted(m, "e_not_computed", not_computed).format(k=not_computed)))
    parts += [_p(m["gl_outcomes_primary_mark"], "impact-note"),
              _p(m["gl_outcomes_adjusted"].format(method=method), "impact-note"),
              _p(m["gl_controlled_caveat"] if ctx.meta.get("controlled")
                 else m.get(f"design_caveat_{ctx.meta.get('design')}", m["design_caveat"]),
                 "impact-caveat")]
    return section("outcomes", *parts)


def _sd_source(ctx, o) -> str:
    """Where the SD of the reliable change comes from, in the reader's words (the instrument's
    name, never its id)."""
    m = ctx.m
    source = str(o.get("rci_sd_source") or "")
    if source.startswith("instrument "):
        return m["gl_sd_source_instrument"].format(
            instrument=ctx.label(o.get("instrument")) or ctx.label(o["label"]))
    key = {"protocol": "gl_sd_source_protocol", "baseline sample": "gl_sd_source_baseline"}
    return m[key[source]] if source in key else "–"


def reliable_change_section(ctx) -> str:
    m = ctx.m
    outs = [o for o in ctx.outcomes() if o.get("rci")]
    if not outs:
        return ""
    hidden = sum(1 for o in outs for c in CATS if ctx.cell(o["rci"][c])[1] != "shown")
    # too many hidden counts: the table keeps what it can say (people, reliability, SD) and the
    # counts go into the sentences, which say what can be said
    counts = hidden <= len(outs) * len(CATS) / 3
    header = ([m["col_outcome"], m["gl_col_people"]]
              + ([m["gl_rc_" + c] for c in CATS] if counts else [])
              + [m["gl_col_reliability"], m["gl_col_sd"], m["gl_col_source"]])
    rows = [[ctx.label(o["label"]) + (" *" if o.get("primary") else ""),
             ctx.flow_td(o["n_paired"])]
            + ([ctx.count_td(o["rci"][c]) for c in CATS] if counts else [])
            + [ctx.num(o.get("rci_reliability"), 2), ctx.num(o.get("rci_sd"), 2),
               _sd_source(ctx, o)] for o in outs]
    sentences = [rci_sentence(ctx, o) for o in outs]
    return section("reliable-change", _h(m["gl_section_reliable_change"]), _p(m["gl_rc_intro"]),
                   ctx.table(header, rows), _ul(sentences), ctx.hidden_note())


def models_section(ctx) -> str:
    m = ctx.m
    models = ctx.D.get("models") or []
    if not models:
        return ""
    base = ctx.wave(ctx.meta["baseline"])
    rows = [[ctx.label(r.get("label")) or "–", m["gl_model_term"].format(
                wave=ctx.wave(r["term"]), baseline=base),
             ctx.est_ci(r.get("estimate"), r.get("ci_low"), r.get("ci_high")),
             ctx.num(r.get("se"), 2), ctx.num(r.get("df"), 1), fmt_p(r.get("p"), ctx.lang)]
            for r in models]
    return section("models", _h(m["gl_section_models"]), _p(m["gl_models_intro"]),
                   ctx.table([m["col_outcome"], m["gl_col_term"], m["gl_col_estimate"],
                              m["gl_col_se"], m["gl_col_df"], m["col_p"]], rows))



def few_sites_sentence(ctx, pooled) -> str:
    """With fewer than five sites: the between-site variance and the prediction intervals of
    the pooled table are very uncertain (one sentence per number of sites; empty for five or
    more)."""
    ks = sorted({p.get("k") for p in pooled if isinstance(p.get("k"), int) and 2 <= p["k"] < 5})
    return " ".join(ctx.m["w_pooled_few_sites"].format(k=k) for k in ks)


def pooled_section(ctx) -> str:
    from types import SimpleNamespace

    import pandas as pd

    from ..plots.figures import figure_html
    from ..plots.forest import forest_plot

    m = ctx.m
    pooled = ctx.D.get("pooled") or []
    if not pooled:
        return ""
    rows = [[ctx.label(p.get("label")), str(p.get("k")),
             ctx.est_ci(p.get("estimate"), p.get("ci_low"), p.get("ci_high")),
             ctx.num(p.get("tau2"), 2),
             "–" if p.get("i2") is None else ctx.num(p.get("i2"), 0) + "%",
             fmt_ci(p.get("prediction_low"), p.get("prediction_high"), ctx.lang),
             str(p.get("method") or "")] for p in pooled]
    parts = [_h(m["gl_section_pooled"]), _p(m["gl_pooled_intro"]),
             ctx.table([m["col_outcome"], m["gl_col_sites"], m["gl_col_pooled"],
                        m["gl_col_tau2"], m["gl_col_i2"], m["gl_col_prediction"],
                        m["gl_col_method"]], rows)]
    few = few_sites_sentence(ctx, pooled)
    if few:
        parts.append(_p(few, "impact-caveat"))
    sites = ctx.D.get("sites") or []
    if sites:
        o = ctx.primary()
        summary = next((p for p in pooled if o and p["outcome"] == o["outcome"]), pooled[0])
        studies = pd.DataFrame([s for s in sites if s["outcome"] == summary["outcome"]])
        label = ctx.label(summary.get("label"))
        fig = forest_plot(SimpleNamespace(studies=studies, summary=summary),
                          title=m["gl_forest_title"].format(outcome=label),
                          xlabel=m["gl_forest_axis"], pooled_label=m["e_forest_pooled"])
        parts.append(figure_html(fig, m["gl_forest_alt"].format(outcome=label)))
    else:
        parts.append(_p(m["gl_pooled_only"].format(n=ctx.min_cell)))
    return section("pooled", *parts)


def sensitivity_section(ctx) -> str:
    m = ctx.m
    parts = [_h(m["gl_section_sensitivity"])]
    mi = (ctx.D.get("sensitivity") or {}).get("multiple_imputation")
    o = ctx.primary()
    if mi and o is not None and o.get("shown"):
        rows = [[m["gl_sens_complete"], ctx.flow_td(o.get("n_paired")),
                 ctx.est_ci(o.get("mean_change"), o.get("ci_low"), o.get("ci_high"))],
                [m["gl_sens_mi"].format(m=mi.get("m")), ctx.flow_td(mi.get("n_participants")),
                 ctx.est_ci(mi.get("estimate"), mi.get("ci_low"), mi.get("ci_high"))]]
        parts += [_p(m["gl_sens_mi_intro"].format(outcome=ctx.label(o["label"]))),
                  ctx.table([m["gl_col_analysis"], m["gl_col_people"], m["col_change"]], rows),
                  _p(m["gl_sens_fmi"].format(fmi=ctx.num(mi.get("fmi"), 2), seed=mi.get("seed")),
                     "impact-note")]
    att = ctx.D.get("attrition") or []
    if att:
        rows = []
        for a in att:
            both = a.get("mean_completers") is not None
            rows.append([ctx.label(a["label"]), ctx.flow_td(a.get("n_completers")),
                         ctx.flow_td(a.get("n_dropouts")),
                         f"{ctx.num(a.get('mean_completers'))} ({ctx.num(a.get('sd_completers'))})"
                         if both else "–",
                         f"{ctx.num(a.get('mean_dropouts'))} ({ctx.num(a.get('sd_dropouts'))})"
                         if both else "–",
                         ctx.num(a.get("smd"), 2) if both else "–",
                         fmt_p(a.get("p"), ctx.lang) if both else "–"])
        f = ctx.D["flow"]
        parts += [_h(m["gl_attrition_heading"], 3),
                  _p(m["e_dropout_split"].format(lost=f.get("without_followup"),
                                                 of=f.get("with_baseline"))),
                  ctx.table([m["gl_col_variable"], m["gl_col_completers"], m["gl_col_dropouts"],
                             m["gl_col_mean_completers"], m["gl_col_mean_dropouts"],
                             m["gl_col_smd"], m["col_p"]], rows),
                  _p(m["e_attrition_hidden"].format(n=ctx.min_cell), "impact-note")]
    if len(parts) == 1:
        return ""
    return section("sensitivity", *parts)


def summary_of_findings_section(ctx) -> str:
    """GRADE Summary of Findings: the critical outcomes (primary and secondary; subscales
    reported but not graded unless the protocol lists them), follow-up as a duration, a
    plain-language statement per outcome, every footnote with its reason; the trajectory
    figure for three or more waves."""
    m = ctx.m
    sof = ctx.ev["sof"]
    letters = "abcdefghijklmnopqrstuvwxyz"
    foot = "".join(f"<li>{escape(letters[i % 26])}. {escape(t)}</li>"
                   for i, t in enumerate(sof["footnotes"]))
    labels = {o["outcome"]: ctx.label(o["label"]) for o in ctx.outcomes()}
    statements = sof.get("statements") or {}
    parts = [_h(m["section_sof"]), _p(m["certainty_explained"])]
    duration = sof.get("followup")
    parts.append(_p(m["w_sof_followup"].format(duration=duration) if duration
                    else m["w_sof_followup_unknown"]))
    parts.append(ctx.table(sof["header"] or [m["sof_col_outcome"]], sof["rows"]))
    if statements:
        parts += [_h(m["w_sof_statements"], 3),
                  _ul([statements[c] for c in sof.get("graded") or statements if c in statements])]
    if foot:
        parts += [_h(m["w_footnotes_heading"], 3), f'<ul class="impact-footnotes">{foot}</ul>']
    not_graded = [labels.get(c, c) for c in sof.get("not_graded") or []]
    if not_graded:
        parts.append(_p(m["w_sof_not_graded"].format(outcomes=", ".join(not_graded)),
                        "impact-note"))
    trajectory = trajectory_chart_html(ctx)
    if trajectory:
        parts += [_h(m["w_trajectory_title"], 3), trajectory]
    return section("summary-of-findings", *parts)


def recognition_section(ctx) -> str:
    m = ctx.m
    rec = ctx.ev["recognition"]
    return section("recognition", _h(m["section_recognition"]), _p(m["rec_intro"]),
                   f"<p><strong>{escape(m['rec_supported'].format(level=rec['level']))}</strong></p>",
                   _ul(rec["sentences"]), _p(m["rec_disclaimer"], "impact-note"))


def trend_section(ctx) -> str:
    m = ctx.m
    ev = ctx.ev
    trend, tidier = ev["trend"], ev["tidier"]
    c = trend["counts"]
    header = [m["checklist_col_number"], m["checklist_col_item"], m["checklist_col_status"],
              m["checklist_col_note"]]
    return section("trend", _h(m["section_completeness"]), _h(m["trend_heading"], 3),
                   _p(m["trend_summary"].format(met=c.get("met", 0), partial=c.get("partial", 0),
                                                missing=c.get("missing", 0),
                                                na=c.get("not_applicable", 0),
                                                total=trend["total"])),
                   ctx.table(header, trend["rows"]), _h(m["tidier_heading"], 3),
                   _p(m["tidier_summary"].format(met=tidier["counts"].get("met", 0),
                                                 total=tidier["total"])),
                   ctx.table(header, tidier["rows"]))


def joint_displays_section(ctx) -> str:
    m = ctx.m
    themes = ctx.D.get("themes") or []
    if not themes:
        return ""
    parts = [_h(m["gl_section_joint"]), _p(m["gl_joint_intro"]), theme_table(ctx, themes),
             _tbc_table(ctx)]
    quotes = ctx.D.get("quotes") or []
    if quotes:
        first = {}
        for q in quotes:
            first.setdefault(q["code"], q)
        qrows = [[ctx.label(q["label"]), q["text"].get(ctx.lang) or q["text"]["nl"],
                  m.get(f"funder_role_{q['role']}", m["funder_role_other"])]
                 for q in first.values()]
        parts += [_h(m["gl_exemplars_heading"], 3), _p(m["gl_exemplars_intro"])]
        parts += _quotes_language_note(ctx, quotes)
        parts.append(ctx.table([m["funder_col_theme"], m["jd_col_quote"], m["gl_col_role"]],
                               qrows))
    parts.append(ctx.hidden_note())
    return section("joint-displays", *parts)


def model_method_text(ctx) -> str:
    """The mixed models as fitted: each random effect, the df method, and what a singular fit
    or few sites mean for the reader (from the disclosed ``model_info``)."""
    m = ctx.m
    info = ctx.D.get("model_info") or []
    if not info:
        return m["gl_methods_models"]
    effects = list(dict.fromkeys(e for i in info for e in i.get("random_effects") or []))
    parts = [m[f"gl_model_re_{e}"] for e in effects]
    words = (", ".join(parts[:-1]) + m["list_and"] + parts[-1]) if len(parts) > 1 \
        else parts[0]
    dfm = next((i.get("df_method") for i in info if i.get("df_method")), "satterthwaite")
    text = [m["gl_model_fitted"].format(effects=words, df=m.get(f"gl_model_df_{dfm}", dfm))]
    sites = next((i.get("n_sites") for i in info if i.get("n_sites")), None)
    dfs = [r.get("df") for r in ctx.D.get("models") or [] if r.get("df") is not None]
    if sites:
        text.append(m["gl_model_few_sites"].format(k=sites, df=ctx.num(min(dfs), 0) if dfs
                                                   else "–"))
    if any(i.get("singular") for i in info):
        text.append(m["gl_model_singular"])
    return " ".join(text)


def methods_section(ctx) -> str:
    m, meta = ctx.m, ctx.meta
    paras = [m["gl_methods_prepost"], m["gl_methods_wilcoxon"],
             m["gl_methods_adjust"].format(method=m.get(
                 f"padjust_{meta.get('p_adjust_method') or 'holm'}", meta.get("p_adjust_method"))),
             m["gl_methods_rci"]]
    if ctx.D.get("models"):
        paras.append(model_method_text(ctx))
    if ctx.D.get("pooled"):
        paras.append(m["gl_methods_pooled"])
    if (ctx.D.get("sensitivity") or {}).get("multiple_imputation"):
        paras.append(m["gl_methods_mi"])
    paras += [m["gl_methods_grade"], m["gl_methods_privacy"].format(n=ctx.min_cell)]
    refs = [m[f"gl_ref_{i}"] for i in range(1, 10) if f"gl_ref_{i}" in m]
    pseud = meta.get("pseudonymisation") or {}
    return section("methods", _h(m["gl_section_methods"]), "".join(_p(t) for t in paras),
                   _h(m["gl_references_heading"], 3), _ul(refs),
                   _h(m["gl_provenance_heading"], 3),
                   _p(m["e_provenance"].format(version=meta.get("version") or __version__,
                                               seed=meta.get("seed"),
                                               method=pseud.get("method", ""))),
                   _ul([f"SHA-256 {h}" for h in meta.get("input_sha256") or []]))


# ---- referral records and the neighbourhood monitor (issue 16) ---------------------------------

_REF_DIMS = ("by_referrer", "by_referrer_type", "by_route")


def referrals_view(ctx) -> dict | None:
    """The disclosed ``referrals`` object in the report language: the merged group named
    "overig"/"other" (the merged names were never stored), the notes of this language."""
    ref = ctx.D.get("referrals")
    if not ref:
        return None
    view = dict(ref)
    view["notes"] = [render(n, ctx.lang) for n in ref.get("notes") or []]
    view["small_text"] = ctx.m["e_cell_small"].format(n=ctx.min_cell)
    monthly = dict(ref.get("monthly") or {"rows": []})
    monthly["rows"] = [dict(r, status={"referrals": ctx.cell(r["cell"])[1]}) if r.get("cell")
                       else r for r in monthly.get("rows") or []]
    view["monthly"] = monthly
    for dim in _REF_DIMS:
        view[dim] = [dict(r, group=_cap(ctx.m["e_other"]) if r.get("merged") else
                          (ctx.label(r.get("label")) or r["group"]),
                          status={k: ctx.cell(c)[1] for k, c in (r.get("cells") or {}).items()})
                     for r in ref.get(dim) or []]
    return view


def referrals_funder_section(ctx) -> str:
    """Funder: reach and partners, who refers, uptake and completion, the trend."""
    from .referrals_sections import referrals_section

    view = referrals_view(ctx)
    if not view:
        return ""
    return section("referrals", referrals_section(view, ctx.lang, audience="funder"))


def referral_flow_section(ctx) -> str:
    """Guideline: the participant flow begins at referral (every record at its furthest stage)."""
    from .referrals_sections import referrals_section

    view = referrals_view(ctx)
    if not view:
        return ""
    return section("referral-flow", referrals_section(view, ctx.lang, audience="guideline"))


def monitor_header_section(ctx) -> str:
    m, mon = ctx.m, ctx.D.get("monitor") or {}
    title = mon.get("title") or ctx.meta.get("title") or m["monitor_heading"]
    return section("header", f"<h1>{escape(title)}</h1>",
                   _p(m["monitor_audience"]),
                   _p(m["generated_by"].format(version=ctx.meta.get("version") or __version__),
                      "impact-note"))


def monitor_body_section(ctx) -> str:
    """Per focus neighbourhood: the differences with the city, a spider web against the city,
    change over rounds and the difference-in-differences, small multiples; small
    neighbourhoods suppressed by the protocol's rule (GGD: fewer than 50 respondents)."""
    from .monitor_sections import monitor_section

    mon = ctx.D.get("monitor")
    if not mon:
        return ""
    view = dict(mon)
    view["notes"] = [render(n, ctx.lang) for n in mon.get("notes") or []]
    labels = {o: ctx.label(lab) for o, lab in (mon.get("labels") or {}).items()} or None
    return section("monitor", monitor_section(view, ctx.lang, labels=labels))


def _comparison_labels(ctx, pub) -> dict:
    labels = {o["outcome"]: ctx.label(o.get("label")) for o in ctx.outcomes() if o.get("label")}
    for cov, lab in ((pub.get("info") or {}).get("covariate_labels") or {}).items():
        labels[cov] = ctx.label(lab)
    return labels


def comparison_guideline_section(ctx) -> str:
    """Guideline: the controlled comparison (a pool matched or weighted, or a waiting list),
    balance before and after, the estimate with its E-value or the reason none is given
    (issue 24; impact/report/comparison_sections.py)."""
    from .comparison_sections import comparison_section

    pub = ctx.D.get("comparison")
    if not pub:
        return ""
    return section("comparison", comparison_section(pub, ctx.lang,
                                                    labels=_comparison_labels(ctx, pub)))


def comparison_funder_section(ctx) -> str:
    """Funder: the comparison in plain words (issue 24)."""
    from .comparison_sections import comparison_plain

    pub = ctx.D.get("comparison")
    sentences = comparison_plain(pub, ctx.lang, labels=_comparison_labels(ctx, pub)) if pub \
        else []
    if not sentences:
        return ""
    return section("comparison", _h(ctx.m["comparison_heading"]), *[_p(s) for s in sentences])


# ---- the registry ---------------------------------------------------------------------------------

SECTIONS = {
    "funder": (header_section, introduction_section, summary_section, reach_section,
               partners_section, referrals_funder_section,
               activities_section, what_happened_section, funder_outcomes_section,
               comparison_funder_section, positive_health_section, voices_section,
               themes_section, sroi_section, reflection_section, continuation_section,
               limitations_section, glossary_section),
    "guideline": (guideline_header_section, key_findings_section, introduction_section,
                  intervention_section, referral_flow_section,
                  flow_section, baseline_section, guideline_outcomes_section,
                  comparison_guideline_section, reliable_change_section, models_section,
                  pooled_section, sensitivity_section,
                  summary_of_findings_section, recognition_section, trend_section,
                  joint_displays_section, limitations_section, reflection_section,
                  methods_section),
    # the neighbourhood monitor (issue 16): a report of its own, from the disclosed monitor
    "monitor": (monitor_header_section, monitor_body_section),
}


def context_for(published, lang: str, audience: str) -> Context:
    """The context of a report notebook: ``published`` is the path of a ``published.json``; None
    renders the demo (synthetic data, analysed and disclosed now) and says so."""
    from ..disclosure import Disclosed

    if published is None:
        from .run import demo_disclosed

        print(messages(lang)["e_demo_notice"])
        return Context(demo_disclosed(audience), lang, audience)
    return Context(Disclosed.from_json(published), lang, audience)


def section_ids(audience: str) -> list[str]:
    return [f.__name__ for f in SECTIONS[audience]]


def render_sections(disclosed, lang: str, audience: str):
    """Yield the HTML of each section of an audience's report (empty sections skipped)."""
    ctx = Context(disclosed, lang, audience)
    for build in SECTIONS[audience]:
        html = build(ctx)
        if html:
            yield html


def build_report(disclosed, lang: str, audience: str) -> str:
    """The body HTML of one report: every section of the audience, in order."""
    return "\n".join(render_sections(disclosed, lang, audience))


# ---- the one-page summary (summary.html / summary.pdf) -------------------------------------------

def _summary_quotes(ctx, k=2) -> str:
    quotes = ctx.D.get("quotes") or []
    picked, themes = [], set()
    for q in sorted(quotes, key=lambda q: q.get("rank", 1)):  # stable: theme order kept
        if q["code"] not in themes and len(picked) < k:
            picked.append(q)
            themes.add(q["code"])
    m = ctx.m
    return "".join(
        f'<blockquote class="impact-quote"><p>“{escape(q["text"].get(ctx.lang) or q["text"]["nl"])}”'
        f'</p><footer>{escape(m.get("funder_role_" + q["role"], m["funder_role_other"]))}, '
        f'{escape(ctx.label(q["label"]).lower())}</footer></blockquote>' for q in picked
    ) + "".join(_quotes_language_note(ctx, picked))


def funder_summary_blocks(ctx) -> list[tuple[str, str]]:
    """Reach, what changed (one chart, and a comparison group's result in plain words), two
    quotes, partners."""
    m, flow = ctx.m, ctx.D.get("flow") or {}
    blocks = [(m["w_summary_reach"], _p(m["e_summary_reach"].format(
        programme=ctx.meta.get("programme"), enrolled=flow.get("enrolled"),
        paired=flow.get("paired"))))]
    chart = change_chart_html(ctx)
    outs = funder_selected(ctx)
    change = chart or change_table(ctx, outs)
    # a comparison group's result in plain words (its sentence carries its own caveat);
    # otherwise the caveat on what a before-and-after change can show
    from .comparison_sections import comparison_plain

    pub = ctx.D.get("comparison")
    plain = comparison_plain(pub, ctx.lang, labels=_comparison_labels(ctx, pub)) if pub else []
    caveat = "".join(_p(s) for s in plain) or _p(
        m["funder_caveat_comparator" if ctx.meta.get("controlled")
          else "funder_caveat_no_comparator"], "impact-note")
    blocks.append((m["w_summary_change"], change + caveat))
    quotes = _summary_quotes(ctx)
    if quotes:
        blocks.append((m["w_summary_voices"], quotes))
    partners = _items(ctx.meta.get("partners"))
    if partners or ctx.meta.get("funder"):
        html = _ul(partners) if partners else ""
        if ctx.meta.get("funder"):
            html += _p(m["funder_funded_by"].format(funder=ctx.meta["funder"]))
        if partners:          # the protocol's words: said when they are in another language
            html += "".join(_protocol_language_note(ctx))
        blocks.append((m["w_summary_partners"], html))
    return blocks


def guideline_summary_blocks(ctx) -> list[tuple[str, str]]:
    """The key Summary-of-Findings rows, certainty in plain words, recognition level."""
    m = ctx.m
    ev = ctx.ev
    sof = ev["sof"]
    header = sof["header"] or []
    keep = [i for i, h in enumerate(header) if h in (m["sof_col_outcome"], m["sof_col_absolute"],
                                                      m["sof_col_certainty"])]
    rows = [[r[i] for i in keep] for r in sof["rows"]]
    blocks = []
    if rows:
        duration = sof.get("followup")
        # every footnote marker the kept columns carry, with its footnote (none without)
        import re as _re

        used = sorted({mark for r in rows for cell in r
                       for mark in _re.findall(r"\[([a-z])\]", str(cell))})
        notes = [f"[{mark}] {sof['footnotes'][ord(mark) - ord('a')]}" for mark in used
                 if ord(mark) - ord("a") < len(sof.get("footnotes") or [])]
        blocks.append((m["w_summary_sof"], ctx.table([header[i] for i in keep], rows)
                       + (_ul(notes) if notes else "")
                       + _p(m["w_sof_followup"].format(duration=duration) if duration
                            else m["w_sof_followup_unknown"], "impact-note")))
    statements = sof.get("statements") or {}
    if statements:
        blocks.append((m["w_summary_certainty"],
                       _ul([statements[c] for c in sof.get("graded") or statements
                            if c in statements])))
    rec = ev["recognition"]
    blocks.append((m["w_summary_recognition"],
                   f"<p><strong>{escape(m['rec_supported'].format(level=rec['level']))}</strong></p>"
                   + _p(m["gl_kf_cannot_controlled" if ctx.meta.get("controlled")
                          else "gl_kf_cannot"], "impact-note")))
    return blocks


def _monitor_summary_blocks(ctx) -> list[tuple[str, str]]:
    from .monitor_sections import monitor_summary_blocks

    return monitor_summary_blocks(ctx)


SUMMARIES = {"funder": funder_summary_blocks, "guideline": guideline_summary_blocks,
             "monitor": _monitor_summary_blocks}


def build_summary(disclosed, lang: str, audience: str) -> str:
    """The one-page summary of a report as a self-contained HTML page (summary.html)."""
    from .deliver import summary_document

    ctx = Context(disclosed, lang, audience)
    return summary_document(ctx.meta["title"], SUMMARIES[audience](ctx), lang=lang,
                            header=title_block_html(ctx))
