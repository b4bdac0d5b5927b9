"""Evidence report sections as escaped HTML (summary of findings, recognition level, TREND and
TIDieR completeness, limitations, SROI, joint displays).

Like :mod:`impact.report.sections`: notebooks call these and display the HTML; every word comes
from the message catalogue, every number is formatted for the language (decimal comma in
Dutch), and every piece of text from data or protocol is escaped.
"""

from __future__ import annotations

from .tables import _html_table
from ..i18n import (escape, fmt_ci, fmt_number, messages, html_heading, html_list,
                   html_paragraph)

__all__ = ["summary_of_findings_section", "recognition_section", "completeness_section",
           "limitations_section", "sroi_section", "statistics_by_theme_section",
           "themes_by_change_section", "side_by_side_section", "joint_display_section",
           "spider_section", "raincloud_section", "heatmap_section"]


_h, _p, _ul = html_heading, html_paragraph, html_list


def summary_of_findings_section(results, protocol=None, lang="en", *, sof=None) -> str:
    """GRADE summary-of-findings table with lettered footnotes."""
    from ..evidence import grade_certainty

    m = messages(lang)
    sof = sof or grade_certainty(results, protocol, lang=lang)
    rows = sof.table_rows(lang)
    header = list(rows[0]) if rows else [m["sof_col_outcome"]]
    notes = sof.footnote_texts(lang)
    letters = "abcdefghijklmnopqrstuvwxyz"
    foot = "".join(f"<li>{escape(letters[i % 26])}. {escape(t)}</li>" for i, t in enumerate(notes))
    return (_h(m["section_sof"]) + _p(m["certainty_explained"])
            + _html_table(header, [list(r.values()) for r in rows])
            + (f'<ul class="impact-footnotes">{foot}</ul>' if notes else ""))


def recognition_section(results, protocol=None, lang="en", *, recognition=None) -> str:
    """The recognition level the evidence can support, with reasons in plain words."""
    from ..evidence import recognition_level

    m = messages(lang)
    rec = recognition or recognition_level(results, protocol)
    return (_h(m["section_recognition"]) + _p(m["rec_intro"])
            + f"<p><strong>{escape(m['rec_supported'].format(level=rec.level_name(lang)))}"
              "</strong></p>"
            + _ul(rec.sentences(lang)) + _p(m["rec_disclaimer"], "impact-note"))


def completeness_section(results, protocol=None, lang="en") -> str:
    """TREND (22 items) and TIDieR (12 items) completeness tables."""
    from ..evidence import tidier_checklist, trend_checklist

    m = messages(lang)
    trend = trend_checklist(results, protocol)
    tidier = tidier_checklist(protocol)
    header = [m["checklist_col_number"], m["checklist_col_item"], m["checklist_col_status"],
              m["checklist_col_note"]]
    c = trend.counts
    t = tidier.counts
    return (_h(m["section_completeness"])
            + _h(m["trend_heading"], 3)
            + _p(m["trend_summary"].format(met=c["met"], partial=c["partial"],
                                           missing=c["missing"], na=c["not_applicable"],
                                           total=len(trend.items)))
            + _html_table(header, trend.table_rows(lang))
            + _h(m["tidier_heading"], 3)
            + _p(m["tidier_summary"].format(met=t["met"], total=len(tidier.items)))
            + _html_table(header, tidier.table_rows(lang)))


def limitations_section(results, protocol=None, lang="en") -> str:
    """Plain-language limitations of the design and data."""
    from ..evidence import limitations

    m = messages(lang)
    return _h(m["section_limitations"]) + _ul(limitations(results, protocol).sentences(lang))


def _pct(value, lang):
    """A share as a percentage: whole numbers without decimals, else one decimal (3,5%)."""
    pct = 100 * value
    return fmt_number(pct, lang, 0 if abs(pct - round(pct)) < 1e-9 else 1) + "%"


def _money(value, lang, currency):
    return f"{currency} {fmt_number(value, lang, 0)}"


def sroi_section(results, protocol=None, lang="en", *, sroi_result=None) -> str:
    """SROI: inputs, value per outcome, ratio and the sensitivity table; a note when the
    protocol has no ``sroi`` mapping."""
    from ..evidence import sroi_from_spec

    m = messages(lang)
    res = sroi_result or sroi_from_spec(protocol, results)
    if res is None:
        return _h(m["section_sroi"]) + _p(m["sroi_none"])
    cur = res.currency
    header = [m["sroi_col_outcome"], m["sroi_col_quantity"], m["sroi_col_proxy"],
              m["sroi_col_deadweight"], m["sroi_col_displacement"], m["sroi_col_attribution"],
              m["sroi_col_drop_off"], m["sroi_col_duration"], m["sroi_col_impact_year1"],
              m["sroi_col_present_value"]]
    rows = [[o["name"] + (f" ({o['proxy_source']})" if o.get("proxy_source") else ""),
             fmt_number(o["quantity"], lang, 0), _money(o["proxy"], lang, cur),
             _pct(o["deadweight"], lang), _pct(o["displacement"], lang),
             _pct(o["attribution"], lang), _pct(o["drop_off"], lang), str(o["duration"]),
             _money(o["impact_year1"], lang, cur), _money(o["present_value"], lang, cur)]
            for o in res.outcomes]
    sens_rows = []
    for r in res.sensitivity().rows:
        setting = r["setting"]
        if r["parameter"] in ("proxy_factor", "break_even_proxy_factor"):
            shown = "× " + fmt_number(setting, lang, 2)
        elif setting is None:
            shown = ""
        else:
            shown = _pct(setting, lang)
        sens_rows.append([m[f"sroi_param_{r['parameter']}"], r["outcome"] or "", shown,
                          _money(r["present_value"], lang, cur), fmt_number(r["ratio"], lang, 2)])
    return (_h(m["section_sroi"]) + _p(m["sroi_explained"])
            + _html_table(header, rows)
            + _p(m["sroi_summary"].format(pv=_money(res.present_value, lang, cur),
                                          inputs=_money(res.inputs, lang, cur),
                                          ratio=fmt_number(res.ratio, lang, 2),
                                          rate=_pct(res.discount_rate, lang)))
            + _h(m["sroi_sensitivity_title"], 3) + _p(m["sroi_sensitivity_explained"])
            + _html_table([m["sroi_sens_col_parameter"], m["sroi_col_outcome"],
                           m["sroi_sens_col_setting"], m["sroi_col_present_value"],
                           m["sroi_sens_col_ratio"]], sens_rows))


def statistics_by_theme_section(display, lang="en") -> str:
    """Joint display: each outcome's change beside its codes and exemplar quotes."""
    m = messages(lang)
    header = [m["jd_col_outcome"], m["jd_col_change"], m["jd_col_codes"], m["jd_col_n_coded"],
              m["jd_col_quotes"], m["jd_col_inference"]]
    rows = []
    min_cell = display.meta.get("min_cell_size")
    for r in display.rows:
        change = (f"{fmt_number(r['mean_change'], lang)} ({fmt_ci(r['ci_low'], r['ci_high'], lang)}); "
                  f"{m['jd_quant_' + r['quantitative']]}")
        n_coded = (m["jd_cell_suppressed"].format(n=min_cell) if r["n_coded_suppressed"]
                   else str(r["n_coded"]))
        quotes = " | ".join(f"“{q['text']}” ({q['role'] or ''}, {q['wave'] or ''})"
                            for q in r["quotes"])
        rows.append([r["outcome"], change, ", ".join(r["codes"]), n_coded, quotes,
                     m["jd_inference_" + r["inference"]]])
    return (_h(m["section_joint_statistics"]) + _p(m["jd_explained"])
            + _html_table(header, rows))


def themes_by_change_section(display, lang="en") -> str:
    """Joint display: code frequency per reliable-change category (suppressed cells shown as
    "< n")."""
    from ..studies.joint import CHANGE_CATEGORIES

    m = messages(lang)
    min_cell = display.meta.get("min_cell_size")
    totals = display.meta.get("totals") or {}

    def total(c):
        value = totals.get(c)
        return m["jd_cell_suppressed"].format(n=min_cell) if value is None else str(value)

    header = [m["jd_col_code"]] + [f"{m['cat_' + c]} (n = {total(c)})" for c in CHANGE_CATEGORIES] \
        + [m["jd_col_inference"]]
    rows = []
    for r in display.rows:
        cells = [r["code"]]
        for c in CHANGE_CATEGORIES:
            if r[f"suppressed_{c}"]:
                cells.append(m["jd_cell_suppressed"].format(n=min_cell))
            else:
                cells.append(f"{r[f'n_{c}']} ({fmt_number(r[f'pct_{c}'], lang, 0)}%)")
        cells.append(m["jd_inference_" + r["inference"]])
        rows.append(cells)
    return (_h(m["section_joint_themes"]) + _p(m["jd_themes_explained"])
            + _html_table(header, rows)
            + _p(m["jd_suppressed_note"].format(n=min_cell), "impact-note"))


def side_by_side_section(display, lang="en") -> str:
    """Joint display per participant (fresh labels only), or a note why it is not shown."""
    m = messages(lang)
    min_cell = display.meta.get("min_cell_size")
    if not display.meta.get("shown"):
        return (_h(m["section_joint_participants"])
                + _p(m["jd_side_hidden"].format(n=min_cell)))
    header = [m["jd_col_label"], m["jd_col_category"], m["jd_col_change_value"],
              m["jd_col_codes"], m["jd_col_quote"], m["jd_col_inference"]]
    rows = [[r["label"], m["cat_" + r["category"]], fmt_number(r["change"], lang),
             ", ".join(r["codes"]), r["quote"] or "", m["jd_inference_" + r["inference"]]]
            for r in display.rows]
    return _h(m["section_joint_participants"]) + _p(m["jd_side_explained"]) + _html_table(header, rows)


def joint_display_section(display, lang="en") -> str:
    """Any joint display of :mod:`impact.studies.joint`, by its kind."""
    return {"statistics_by_theme": statistics_by_theme_section,
            "themes_by_change": themes_by_change_section,
            "side_by_side": side_by_side_section}[display.kind](display, lang)


def spider_section(scores, *, baseline, followup, lang="en", **kwargs) -> str:
    """Heading and the Positive Health spider web as an embedded PNG with alt text."""
    from ..plots.figures import figure_html
    from ..plots.spider import spider_plot

    m = messages(lang)
    fig = spider_plot(scores, baseline=baseline, followup=followup, lang=lang, **kwargs)
    return _h(m["section_spider"]) + figure_html(fig, m["spider_alt"])


def raincloud_section(scores, outcome, *, baseline, followup, lang="en", **kwargs) -> str:
    """An outcome's raincloud (scores before and after) as an embedded PNG with alt text."""
    from ..plots.figures import figure_html
    from .plots import raincloud_plot

    m = messages(lang)
    fig = raincloud_plot(scores, outcome, baseline=baseline, followup=followup, lang=lang,
                         **kwargs)
    return figure_html(fig, m["raincloud_alt"].format(outcome=outcome))


def heatmap_section(display, lang="en") -> str:
    """The code-frequency heat map of :func:`impact.themes_by_change` with alt text."""
    from ..plots.figures import figure_html
    from .plots import code_heatmap

    m = messages(lang)
    return figure_html(code_heatmap(display, lang=lang), m["heatmap_alt"])
