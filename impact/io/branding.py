"""What makes a deliverable the user's own: the protocol's ``report:`` section.

DESIGN.md::

    report:
      organisation: Stichting Voorbeeld
      logo: logo.png            # relative to the protocol's folder
      author: ...
      sections: {introduction: {nl: "...", en: "..."}, lessons: {...}, continuation: {...}}
      quotes_per_theme: 2

* ``logo``: a PNG or JPEG file inside the protocol's folder (no ``..`` out of it, no link
  pointing out of it), at most :data:`MAX_LOGO_BYTES`; checked by its first bytes, not its name;
  embedded as a ``data:`` URI so the HTML stays one file. A bad logo is an error that names the
  path and the rule and shows nothing of the file's content.
* ``sections``: Markdown per language: ``context`` (aanleiding en context), ``target_group``
  (doelgroep en werving), ``what_happened``, ``success_factors`` (succes- en faalfactoren),
  ``interpretation``, ``recommendations`` (aanbevelingen en hoe verder), and the earlier
  ``introduction``, ``lessons``, ``continuation``; a plain text instead of a mapping is taken to be in the protocol's language.
  Rendered safely: raw HTML is escaped, links only to http(s) and mailto, images become their alt
  text (a deliverable loads nothing from elsewhere), headings are moved below the report's own
  (``#`` becomes ``<h3>``).
* ``quotes_per_theme``: 1 to 10 (default 2), for :func:`impact.qual.select.select_quotes`.
"""

from __future__ import annotations

import base64
import html as _html
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..i18n import languages

__all__ = ["Branding", "branding_from_protocol", "markdown_html", "load_logo", "REPORT_KEYS",
           "SECTION_NAMES", "STORY_SECTIONS", "MAX_LOGO_BYTES"]

REPORT_KEYS = ("organisation", "logo", "author", "sections", "quotes_per_theme")
# the author's own sections, in the order readers of LKCA/Movisie reports know them (aanleiding
# en context, doelgroep en werving, wat er gebeurde, succes- en faalfactoren, interpretatie,
# aanbevelingen en hoe verder); the earlier introduction, lessons and continuation stay valid
STORY_SECTIONS = ("context", "target_group", "what_happened", "success_factors",
                  "interpretation", "recommendations")
SECTION_NAMES = ("introduction",) + STORY_SECTIONS + ("lessons", "continuation")
MAX_LOGO_BYTES = 1_000_000
MAX_SECTION_CHARS = 20_000
_MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def _renderer():
    import mistune

    class SafeRenderer(mistune.HTMLRenderer):
        """HTML renderer that escapes raw HTML, allows only web/mail links and drops images."""

        def __init__(self):
            super().__init__(escape=True)

        def link(self, text, url, title=None):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme not in ("http", "https", "mailto"):
                return text  # relative or odd links lead nowhere in a sent-on file
            return super().link(text, url, title)

        def image(self, text, url, title=None):
            return _html.escape(text or "")

        def heading(self, text, level, **attrs):
            return super().heading(text, min(6, level + 2), **attrs)

    return mistune.create_markdown(renderer=SafeRenderer(), escape=True,
                                   plugins=["strikethrough"])


def markdown_html(text: str) -> str:
    """Markdown of a protocol section as safe HTML (see module docstring)."""
    if not isinstance(text, str):
        raise TypeError("Markdown text must be a string")
    if len(text) > MAX_SECTION_CHARS:
        raise ValueError(f"a report section holds at most {MAX_SECTION_CHARS} characters")
    return _renderer()(text).strip()


def load_logo(logo: str, folder, *, source: str = "<protocol>",
              max_bytes: int = MAX_LOGO_BYTES) -> str:
    """The logo as a ``data:image/png|jpeg;base64,`` URI after the checks of the module."""
    folder = Path(folder).resolve()
    rule = "report logo"
    if not isinstance(logo, str) or not logo.strip():
        raise InputError("report.logo must be a file name", file=source, column="report.logo",
                         rule=rule)
    candidate = Path(logo)
    if candidate.is_absolute():
        raise InputError(f"report.logo {logo!r} must be a path relative to the protocol's "
                         "folder", file=source, column="report.logo", rule=rule)
    path = (folder / candidate).resolve()
    try:
        path.relative_to(folder)
    except ValueError:
        raise InputError(f"report.logo {logo!r} lies outside the protocol's folder",
                         file=source, column="report.logo", rule=rule) from None
    if not path.is_file():
        raise InputError(f"report.logo {logo!r} does not exist", file=source,
                         column="report.logo", rule=rule)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"report.logo {logo!r} is {size} bytes; at most {max_bytes}",
                         file=source, column="report.logo", rule=rule)
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    mime = next((m for magic, m in _MAGIC.items() if data.startswith(magic)), None)
    if mime is None:
        raise InputError(f"report.logo {logo!r} is not a PNG or JPEG image", file=source,
                         column="report.logo", rule=rule)
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


@dataclass
class Branding:
    """The protocol's ``report:`` section, checked and rendered (HTML strings are safe)."""

    organisation: str | None = None
    author: str | None = None
    logo_uri: str | None = None
    sections: dict = field(default_factory=dict)  # name -> {lang: safe HTML}
    markdown: dict = field(default_factory=dict)  # name -> {lang: Markdown as given}
    quotes_per_theme: int = 2

    def section_html(self, name: str, lang: str) -> str | None:
        """The section in the report language as HTML, or None when the protocol lacks it."""
        if name not in SECTION_NAMES:
            raise ValueError(f"unknown report section {name!r}; known: {', '.join(SECTION_NAMES)}")
        return self.sections.get(name, {}).get(lang)

    def missing_sections(self, lang: str) -> list[str]:
        """Sections the protocol does not give in ``lang`` (for the author, on stderr)."""
        return [n for n in SECTION_NAMES if not self.sections.get(n, {}).get(lang)]

    def to_dict(self) -> dict:
        return {"organisation": self.organisation, "author": self.author,
                "logo": self.logo_uri is not None, "sections": self.markdown,
                "quotes_per_theme": self.quotes_per_theme}


def branding_from_protocol(protocol, folder=None, *, max_logo_bytes: int = MAX_LOGO_BYTES) -> Branding:
    """A :class:`Branding` from a protocol (a :class:`~impact.protocol.Protocol` or its mapping).

    ``folder`` is the protocol's folder (default: the folder of ``protocol.path``); the logo must
    lie inside it. All problems are reported at once, naming ``report.<key>``.
    """
    from ..errors import ProblemList

    raw = getattr(protocol, "raw", protocol) or {}
    source = getattr(protocol, "path", None) or "<protocol>"
    language = (getattr(protocol, "language", None) or raw.get("language") or "nl")
    if folder is None:
        folder = Path(source).parent if source != "<protocol>" else Path.cwd()
    spec = raw.get("report") or {}
    problems = ProblemList()
    if not isinstance(spec, dict):
        raise InputError("'report' must be a mapping (organisation, logo, author, sections, "
                         "quotes_per_theme)", file=source, column="report", rule="protocol report")
    for key in spec:
        if key not in REPORT_KEYS:
            problems.add(f"unknown key 'report.{key}'; known: {', '.join(REPORT_KEYS)}",
                         file=source, column=f"report.{key}", rule="protocol report")
    out = Branding()
    for key in ("organisation", "author"):
        value = spec.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            problems.add(f"'report.{key}' must be a text of at most 200 characters", file=source,
                         column=f"report.{key}", rule="protocol report")
        else:
            setattr(out, key, value.strip())
    qpt = spec.get("quotes_per_theme")
    if qpt is not None:
        if not isinstance(qpt, int) or isinstance(qpt, bool) or not 1 <= qpt <= 10:
            problems.add(f"'report.quotes_per_theme' must be a whole number 1-10, got {qpt!r}",
                         file=source, column="report.quotes_per_theme", rule="protocol report")
        else:
            out.quotes_per_theme = qpt
    sections = spec.get("sections") or {}
    if not isinstance(sections, dict):
        problems.add("'report.sections' must map section names to Markdown per language",
                     file=source, column="report.sections", rule="protocol report")
        sections = {}
    for name, value in sections.items():
        where = f"report.sections.{name}"
        if name not in SECTION_NAMES:
            problems.add(f"unknown section '{name}'; known: {', '.join(SECTION_NAMES)}",
                         file=source, column=where, rule="protocol report")
            continue
        if value is None:
            continue
        per_lang = {language: value} if isinstance(value, str) else value
        if not isinstance(per_lang, dict):
            problems.add(f"'{where}' must be Markdown text or a mapping nl/en -> Markdown",
                         file=source, column=where, rule="protocol report")
            continue
        for lang, text in per_lang.items():
            if lang not in languages() or not isinstance(text, str):
                problems.add(f"'{where}' maps languages nl and en to Markdown text; got "
                             f"{str(lang)[:10]!r}", file=source, column=where,
                             rule="protocol report")
                continue
            if not text.strip():
                continue
            try:
                rendered = markdown_html(text)
            except ValueError as exc:
                problems.add(f"'{where}.{lang}': {exc}", file=source, column=where,
                             rule="protocol report")
                continue
            out.sections.setdefault(name, {})[lang] = rendered
            out.markdown.setdefault(name, {})[lang] = text
    logo = spec.get("logo")
    if logo is not None:
        try:
            out.logo_uri = load_logo(logo, folder, source=source, max_bytes=max_logo_bytes)
        except InputError as exc:
            problems.extend(exc.problems)
    problems.raise_if_errors()
    return out
