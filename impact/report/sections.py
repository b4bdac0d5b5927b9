"""Report sections as escaped HTML built from results and the message catalogue.

Notebooks call these and display the HTML; they hold no prose of their own.
"""

from __future__ import annotations

from .._version import __version__
from .tables import outcome_table
from .text import escape, messages

__all__ = ["header", "outcomes_section", "design_caveat", "heading"]


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
