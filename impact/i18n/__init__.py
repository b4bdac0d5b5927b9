"""Ground floor: every message catalogue, the one language list, number formats per locale.

A language is one folder here, ``impact/i18n/<code>/``: its catalogue files (``base.yaml`` and one
file per report part, e.g. ``funder.yaml``) plus ``locale.yaml`` (name, number format, fallback
language). The language list is the set of such folders, so adding a language touches that folder
alone (docs/architecture.md). Folders named in the environment variable ``IMPACT_I18N_PATH``
(``os.pathsep``-separated; a language folder or a folder of language folders) are added, for a
language kept outside the package.

Studies, evidence and disclosure return message keys with parameters; only the report renders
them (:func:`render`).
"""

from __future__ import annotations

import html
import math
import os
from functools import lru_cache
from pathlib import Path

__all__ = ["messages", "catalogue_files", "counted", "fmt_number", "fmt_p", "fmt_ci", "languages",
           "locale", "render", "labels", "LANGUAGES"]

_DIR = Path(__file__).parent


def _load(path: Path):
    """A catalogue or locale file: safe YAML, parsed by libyaml when PyYAML has it (the pure-Python
    parser took about 0.8 s per report for the two languages' catalogues)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}


@lru_cache(maxsize=None)
def _folders() -> dict:
    roots = [_DIR] + [Path(p) for p in os.environ.get("IMPACT_I18N_PATH", "").split(os.pathsep)
                      if p]
    found = {}
    for root in roots:
        candidates = [root] if (root / "locale.yaml").is_file() else sorted(root.glob("*/"))
        for folder in candidates:
            loc = folder / "locale.yaml"
            if loc.is_file():
                spec = _load(loc)
                found.setdefault(folder.name, (folder, spec))
    return dict(sorted(found.items(), key=lambda kv: (kv[1][1].get("order", 99), kv[0])))


def languages() -> tuple:
    """The report languages, in their order (``nl``, ``en``, then any added)."""
    return tuple(_folders())


def locale(lang: str) -> dict:
    """The locale entry of a language: ``name``, ``decimal``, ``group``, ``range``, ``fallback``."""
    if lang not in _folders():
        raise ValueError(f"language must be one of {languages()}, got {lang!r}")
    return _folders()[lang][1]


def __getattr__(name):
    if name == "LANGUAGES":  # the one language list, read from the folders
        return languages()
    raise AttributeError(name)


def catalogue_files(lang: str) -> list[Path]:
    """The files of a language's catalogue: ``base.yaml`` plus one file per report part
    (e.g. ``funder.yaml``, ``guideline.yaml``), which keep the text of one report together."""
    folder = _folders()[lang][0] if lang in _folders() else _DIR / lang
    base = [folder / "base.yaml"] if (folder / "base.yaml").is_file() else []
    return base + sorted(p for p in folder.glob("*.yaml")
                         if p.name not in ("base.yaml", "locale.yaml"))


@lru_cache(maxsize=None)
def messages(lang: str) -> dict:
    """The message catalogue of a language: all its files, merged; keys it lacks come from its
    locale's ``fallback`` language (if any).

    A key defined in two files of one language is an error, so no text silently shadows another.
    """
    if lang not in languages():
        raise ValueError(f"language must be one of {languages()}, got {lang!r}")
    merged: dict = {}
    for path in catalogue_files(lang):
        part = _load(path)
        clash = sorted(set(part) & set(merged))
        if clash:
            raise ValueError(f"{path.name} repeats catalogue key(s) {', '.join(clash)}")
        merged.update(part)
    fallback = locale(lang).get("fallback")
    if fallback and fallback != lang:
        merged = {**messages(fallback), **merged}
    return merged


def render(message, lang: str) -> str:
    """A message ``{"key": ..., "params": {...}}`` (or a list of them, joined by spaces) in
    ``lang``; numbers among the parameters are formatted for the locale when the template asks
    for them by name with a ``_fmt`` suffix (``{mean_fmt}``). A plain string is returned as is."""
    if message is None:
        return ""
    if isinstance(message, str):
        return message
    if isinstance(message, list):
        return " ".join(render(m, lang) for m in message)
    params = dict(message.get("params") or {})
    for k, v in list(params.items()):
        if isinstance(v, dict) and "key" in v:
            params[k] = render(v, lang)
        elif isinstance(v, dict) and lang in v:
            params[k] = v[lang]
        elif isinstance(v, float):
            params[f"{k}_fmt"] = fmt_number(v, lang, int(message.get("digits", 1)))
    m = messages(lang)
    template = counted(m, message["key"], params.get(message.get("count", "n")))
    return template.format(**params)


def labels(fn) -> dict:
    """``{lang: fn(lang)}`` over every language: the labels a published object carries."""
    return {lang: fn(lang) for lang in languages()}


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
    """A number with ``digits`` decimals in the locale's format (decimal comma in Dutch), a true
    minus sign, never a negative zero ("0,0", not "−0,0"); an en dash when missing."""
    if _missing(value):
        return "–"
    if round(value, digits) == 0:
        value = 0.0
    loc = locale(lang)
    text = f"{value:,.{digits}f}".replace(",", "\x00").replace(".", loc.get("decimal", "."))
    return text.replace("\x00", loc.get("group", ",")).replace("-", "−")


def fmt_p(p, lang: str = "en") -> str:
    if _missing(p):
        return "–"
    if p < 0.001:
        return "< " + fmt_number(0.001, lang, 3)
    return fmt_number(p, lang, 3)


def fmt_ci(low, high, lang: str = "en", digits: int = 1) -> str:
    if _missing(low) or _missing(high):
        return "–"
    sep = locale(lang).get("range", " to ")
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
