"""Report sections as escaped HTML built from results and the message catalogue.

Notebooks call these and display the HTML; they hold no prose of their own.
"""

from __future__ import annotations

from .._version import __version__
from .tables import outcome_table
from ..i18n import escape, messages

__all__ = ["header", "outcomes_section", "design_caveat", "heading", "section", "count_cell"]


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
