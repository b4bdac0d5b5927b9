"""The controlled section of a report: a comparison group from a pool, or a waiting list
(issue 24).

It reads only the disclosed object of :func:`impact.disclosure.comparison.disclose_comparison`
and the catalogues (``impact/i18n/<lang>/comparison.yaml``). Wording follows the numbers: an
effect is "better" or "worse" only when the whole 95% interval lies on one side of zero, in the
outcome's good direction; a refused estimate gives the reason, never a number.
"""

from __future__ import annotations

from ..i18n import (counted, fmt_ci, fmt_number, html_heading, html_list, html_paragraph,
                    messages)
from ..plots.balance import balance_plot
from ..plots.figures import figure_html
from .sections import html_table

__all__ = ["comparison_section", "comparison_plain", "effect_sentence"]


def _label(outcome, labels):
    return (labels or {}).get(outcome, outcome)


def _cov_label(cov, labels, m, level=None):
    """A covariate's reader label: ``<outcome>_pre`` is the outcome's score at the start; a
    category of a categorical covariate reads "label: category"."""
    if cov.endswith("_pre"):
        return m["comparison_baseline_of"].format(label=_label(cov[:-4], labels))
    name = (labels or {}).get(cov, cov)
    return name if level is None else f"{name}: {level}"


def _row_label(b, labels, m, lang="en"):
    level = (b.get("level_label") or {}).get(lang) or b.get("level")
    return _cov_label(b.get("variable") or b["covariate"], labels, m, level)


def _fmt_threshold(value, lang):
    """The balance threshold with the decimals it needs (0,10; 0,001)."""
    if value is None:
        return fmt_number(value, lang, 2)
    digits = 2
    while digits < 4 and round(value, digits) != round(value, 6):
        digits += 1
    return fmt_number(value, lang, digits)


def _verdict(row):
    lo, hi, good = row.get("ci_low"), row.get("ci_high"), row.get("higher_is_better")
    if lo is None or hi is None or lo <= 0 <= hi:
        return "unclear"
    up = lo > 0
    if good is None:
        good = True
    return "better" if up == bool(good) else "worse"


def _reason(reason, lang, m, labels):
    if not reason:
        return ""
    p = dict(reason.get("params") or {})
    if reason["key"] == "comparison_refused_balance":
        p["covariate"] = _cov_label(str(p.get("variable") or p.get("covariate")), labels, m,
                                    p.pop("level", None))
        p.pop("variable", None)
        p["smd"] = fmt_number(p.get("smd"), lang, 2)
        p["threshold"] = _fmt_threshold(p.get("threshold"), lang)
        p["method"] = m.get(f"comparison_method_{p.get('method')}", p.get("method"))
    return m[reason["key"]].format(**p)


def effect_sentence(row, lang="en", labels=None, *, prefix="comparison") -> str:
    """The sentence of one published estimate (or of its refusal)."""
    m = messages(lang)
    if not row.get("published"):
        return f"{_label(row['outcome'], labels)}: " + _reason(row.get("reason"), lang, m, labels)
    v = _verdict(row)
    est = row["estimate"] if v == "unclear" else abs(row["estimate"])
    return m[f"{prefix}_estimate_{v}"].format(
        label=_label(row["outcome"], labels), estimate=fmt_number(est, lang, 2),
        low=fmt_number(row["ci_low"], lang, 2), high=fmt_number(row["ci_high"], lang, 2))


def _evalue_sentence(row, lang, m):
    if row.get("evalue") is None:
        return None
    ev = fmt_number(row["evalue"], lang, 2)
    if row.get("evalue_ci") is None or row["evalue_ci"] <= 1:
        return m["comparison_evalue_ci_null"].format(evalue=ev)
    return m["comparison_evalue"].format(evalue=ev, evalue_ci=fmt_number(row["evalue_ci"], lang,
                                                                         2))


def _count(n, mcs, lang, m):
    return m["comparison_fewer_than"].format(m=mcs) if n is None else fmt_number(n, lang, 0)


def comparison_section(published: dict, lang: str = "en", *, labels=None, pool_name=None,
                       figures: bool = True, level: int = 2) -> str:
    """The controlled section as escaped HTML.

    Parameters
    ----------
    published : dict
        Output of :func:`impact.disclosure.comparison.disclose_comparison`.
    labels : dict, optional
        ``{outcome or covariate: label in the report language}``.
    pool_name : str, optional
        What the pool is called (e.g. "de wijkmonitor"); default "the comparison group".
    figures : bool
        Include the balance plot (embedded PNG).
    """
    if not published:
        return ""
    m = messages(lang)
    mcs = published.get("min_cell_size", 10)
    parts = []
    info = published.get("info")
    rows = published.get("comparison") or []
    if info and rows:
        how = m.get(f"comparison_method_{info['method']}", info["method"])
        parts.append(html_heading(m["comparison_heading"], level))
        first = rows[0]
        covs = ", ".join(_cov_label(c, labels, m) for c in info.get("covariates") or [])
        key = f"comparison_intro_{info['method']}"
        parts.append(html_paragraph(counted(m, key, first.get("n_comparison")).format(
            n_programme=_count(first.get("n_programme"), mcs, lang, m),
            n_comparison=_count(first.get("n_comparison"), mcs, lang, m),
            pool=pool_name or m["comparison_pool_default"], covariates=covs or "–")))
        parts.append(html_paragraph(m["comparison_design_text"]))
        for row in rows:
            sentences = [effect_sentence(row, lang, labels)]
            if row.get("published"):
                if row.get("naive_estimate") is not None:
                    sentences.append(m["comparison_naive"].format(
                        naive=fmt_number(row["naive_estimate"], lang, 2),
                        low=fmt_number(row["naive_ci_low"], lang, 2),
                        high=fmt_number(row["naive_ci_high"], lang, 2)))
                ev = _evalue_sentence(row, lang, m)
                if ev:
                    sentences.append(ev)
            parts.append(html_paragraph(" ".join(sentences)))
        if info.get("n_pool") is not None and info.get("n_pool_used") is not None:
            parts.append(html_paragraph(m["comparison_pool_used"].format(
                n_pool=fmt_number(info["n_pool"], lang, 0),
                n_used=fmt_number(info["n_pool_used"], lang, 0),
                share=fmt_number(100 * info["share_pool_used"], lang, 0) + "%")))
        notes = []
        if info.get("some_unmatched"):
            n = info.get("n_programme_unmatched")
            notes.append(counted(m, "comparison_note_unmatched", n).format(
                n=_count(n, mcs, lang, m)))
        notes += [m[n["key"]].format(**n.get("params") or {}) for n in info.get("notes") or []]
        if notes:
            parts.append(html_list(notes))
        balance = published.get("balance") or []
        if balance:
            thr = info.get("balance_threshold") or 0.1
            parts.append(html_heading(m["comparison_balance_heading"], level + 1))
            parts.append(html_paragraph(m["comparison_balance_intro"].format(
                method=how, threshold=_fmt_threshold(thr, lang))))
            body = [[_row_label(b, labels, m, lang), fmt_number(b["smd_before"], lang, 2),
                     fmt_number(b["smd_after"], lang, 2),
                     fmt_number(b.get("variance_ratio_before"), lang, 2),
                     fmt_number(b.get("variance_ratio_after"), lang, 2)] for b in balance]
            parts.append(html_table([m["comparison_col_covariate"],
                                     m["comparison_col_smd_before"],
                                     m["comparison_col_smd_after"], m["comparison_col_vr_before"],
                                     m["comparison_col_vr_after"]], body))
            if figures:
                shown = [{**b, "covariate": _row_label(b, labels, m, lang)}
                         for b in balance]
                fig = balance_plot(shown, threshold=thr, method=info["method"], lang=lang)
                parts.append(figure_html(fig, m["comparison_balance_alt"].format(
                    method=how, threshold=_fmt_threshold(thr, lang))))
    wl = published.get("waiting_list") or []
    if wl:
        parts.append(html_heading(m["waiting_list_heading"], level))
        first = wl[0]
        parts.append(html_paragraph(m["waiting_list_intro"].format(
            n_groups=fmt_number(first.get("n_groups"), lang, 0),
            n_participants=_count(first.get("n_participants"), mcs, lang, m))))
        for row in wl:
            parts.append(html_paragraph(effect_sentence(row, lang, labels,
                                                        prefix="waiting_list")))
            notes = [m[n["key"]] for n in row.get("notes") or [] if n["key"] in m]
            if notes:
                parts.append(html_list(notes))
        parts.append(html_paragraph(m["waiting_list_rules_out"]))
    return "\n".join(parts)


def comparison_plain(published: dict, lang: str = "en", *, labels=None) -> list[str]:
    """Plain sentences for the funder report: one per outcome of the comparison."""
    if not published:
        return []
    m = messages(lang)
    out = []
    for row in published.get("comparison") or []:
        label = _label(row["outcome"], labels)
        if not row.get("published"):
            out.append(m["comparison_funder_plain_refused"])
        elif _verdict(row) == "better":
            out.append(m["comparison_funder_plain_better"].format(label=label))
        else:
            out.append(m["comparison_funder_plain_unclear"].format(label=label))
    return out
