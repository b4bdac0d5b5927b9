"""Message catalogues and number formatting per language (decimal comma in Dutch)."""

from __future__ import annotations

import html
import math
from functools import lru_cache
from pathlib import Path

__all__ = ["messages", "catalogue_files", "counted", "fmt_number", "fmt_p", "fmt_ci", "LANGUAGES"]

LANGUAGES = ("nl", "en")
_DIR = Path(__file__).with_name("messages")


def catalogue_files(lang: str) -> list[Path]:
    """The files of a language's catalogue: ``<lang>.yaml`` plus ``<lang>.<part>.yaml``.

    Parts (e.g. ``nl.guideline.yaml``, ``nl.funder.yaml``) keep the text of one report together.
    """
    return [_DIR / f"{lang}.yaml"] + sorted(_DIR.glob(f"{lang}.*.yaml"))


@lru_cache(maxsize=None)
def messages(lang: str) -> dict:
    """The message catalogue of a language (``nl`` or ``en``): all its files, merged.

    A key defined in two files of one language is an error, so no text silently shadows another.
    """
    import yaml

    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    merged: dict = {}
    for path in catalogue_files(lang):
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        clash = sorted(set(part) & set(merged))
        if clash:
            raise ValueError(f"{path.name} repeats catalogue key(s) {', '.join(clash)}")
        merged.update(part)
    return merged


def counted(m: dict, key: str, count) -> str:
    """The template ``key`` of catalogue ``m`` for ``count`` things: ``<key>_one`` when the count
    is 1 and the catalogue has it ("1 uitkomst", not "1 uitkomst(en)"), else ``key``."""
    try:
        one = count is not None and float(count) == 1
    except (TypeError, ValueError):
        one = False
    return m[f"{key}_one"] if one and f"{key}_one" in m else m[key]


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_number(value, lang: str = "en", digits: int = 1) -> str:
    """A number with ``digits`` decimals; a decimal comma in Dutch; an en dash when missing."""
    if _missing(value):
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.replace("-", "−")


def fmt_p(p, lang: str = "en") -> str:
    if _missing(p):
        return "–"
    if p < 0.001:
        return "< " + fmt_number(0.001, lang, 3)
    return fmt_number(p, lang, 3)


def fmt_ci(low, high, lang: str = "en", digits: int = 1) -> str:
    if _missing(low) or _missing(high):
        return "–"
    sep = " tot " if lang == "nl" else " to "
    return f"{fmt_number(low, lang, digits)}{sep}{fmt_number(high, lang, digits)}"


def escape(text) -> str:
    return html.escape(str(text), quote=True)


def html_heading(text, level: int = 2) -> str:
    """An escaped heading ``<hN>``."""
    return f"<h{level}>{escape(text)}</h{level}>"


def html_paragraph(text, css=None) -> str:
    """An escaped paragraph, optionally with a CSS class."""
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{escape(text)}</p>"


def html_list(items) -> str:
    """An escaped bullet list."""
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
