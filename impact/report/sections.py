"""Report sections as escaped HTML built from results and the message catalogue.

Notebooks call these and display the HTML; they hold no prose of their own.
"""

from __future__ import annotations

from .._version import __version__
from ..i18n import escape, fmt_ci, fmt_number, fmt_p, messages

__all__ = ["header", "outcomes_section", "design_caveat", "heading", "section", "count_cell",
           "html_table", "outcome_table"]


def heading(key: str, lang: str, level: int = 2) -> str:
    return f"<h{level}>{escape(messages(lang)[key])}</h{level}>"


def header(results: dict, lang: str, audience: str) -> str:
    m = messages(lang)
    sub = m[f"audience_{audience}"]
    return (f"<h1>{escape(results['title'])}</h1>"
            f"<p><strong>{escape(m['report_title'])}</strong> {escape(sub)}</p>"
            f"<p class=\"impact-note\">{escape(m['generated_by'].format(version=__version__))}</p>")


def outcomes_section(results: dict, lang: str) -> str:
    m = messages(lang)
    n = results["flow"]["paired"]
    return (heading("section_outcomes", lang)
            + f"<p>{escape(m['outcomes_intro'].format(n=n))}</p>"
            + outcome_table(results, lang))


def design_caveat(results: dict, lang: str) -> str:
    return f'<p class="impact-caveat">{escape(messages(lang)["design_caveat"])}</p>'


def html_table(header, rows, caption=None, css: str = "impact-table") -> str:
    """The one HTML table of the reports: escaped header and cells; a cell that is already a
    ``<td ...>`` element (a count cell, a suppression mark) is kept as it is."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(c if str(c).startswith("<td") else f"<td>{escape(c)}</td>"
                                    for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    cls = f' class="{escape(css)}"' if css else ""
    return f"<table{cls}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def section(section_id: str, *parts: str) -> str:
    """Wrap the HTML of one report section in ``<section id=...>``.

    Every report section has a stable id (e.g. ``outcomes``, ``flow``, ``reach``) so tests and
    readers can find it in the rendered HTML whatever the language.
    """
    return (f'<section id="{escape(section_id)}" class="impact-section">' + "".join(parts)
            + "</section>")


def count_cell(count, min_cell_size: int, lang: str = "en") -> str:
    """A table cell holding a count of people, suppressed when under ``min_cell_size``.

    Counts carry ``class="impact-count"`` so a test can check every count in a report; a count
    of 1 to ``min_cell_size - 1`` is shown as the suppression mark with ``data-suppressed``.
    Zero is shown (it identifies no one).
    """
    if count is None:
        return '<td class="impact-count">–</td>'
    count = int(count)
    if 0 < count < min_cell_size:
        mark = escape(messages(lang)["jd_cell_suppressed"].format(n=min_cell_size))
        return f'<td class="impact-count" data-suppressed="1">{mark}</td>'
    return f'<td class="impact-count">{count}</td>'


def outcome_table(results, lang: str = "en") -> str:
    """The pre/post outcome table of a results dict (``Results.to_dict()``) as HTML."""
    m = messages(lang)
    header = [m["col_outcome"], m["col_n"], m["col_baseline"], m["col_followup"],
              m["col_change"], m["col_p"], m["col_p_adjusted"], m["col_dz"]]
    rows = []
    for o in results["outcomes"]:
        dz_ci = o.get("d_z_ci") or [None, None]
        rows.append([
            o["outcome"] + (" *" if o.get("primary") else ""),
            str(o["n_paired"]),
            f"{fmt_number(o['mean_baseline'], lang)} ({fmt_number(o['sd_baseline'], lang)})",
            f"{fmt_number(o['mean_followup'], lang)} ({fmt_number(o['sd_followup'], lang)})",
            f"{fmt_number(o['mean_change'], lang)} ({fmt_ci(o['ci_low'], o['ci_high'], lang)})",
            fmt_p(o["p"], lang),
            fmt_p(o.get("p_adjusted"), lang),
            f"{fmt_number(o['d_z'], lang, 2)} ({fmt_ci(dz_ci[0], dz_ci[1], lang, 2)})",
        ])
    return html_table(header, rows)
