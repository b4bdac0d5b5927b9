"""Codebooks: hierarchical codes with description, inclusion and exclusion criteria, an example
and labels in Dutch and English; YAML in and out (safe loader), and REFI-QDA ``.qdc``.

YAML form::

    name: My codebook
    language: nl
    codes:
      - id: mental
        label: {nl: Mentaal welbevinden, en: Mental wellbeing}
        description: ...
        inclusion: ...
        exclusion: ...
        example: ...
        color: "#F28E2B"
        children: [ ...codes... ]
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import InputError, ProblemList

__all__ = ["Code", "Codebook", "load_codebook", "default_codebook", "codebook_from_yaml"]

# Codebook file formats other than YAML, registered by the module that implements them
# (``impact.qual.refi`` registers "qdc" when imported; :mod:`impact.qual` imports it), so this
# module, which they build on, does not import them.
FORMATS: dict = {}

_CODE_KEYS = {"id", "label", "description", "inclusion", "exclusion", "example", "color",
              "children", "guid", "codable", "refi"}
_TOP_KEYS = {"name", "version", "language", "codes", "refi"}
_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\- ]*$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Namespace for stable REFI-QDA guids derived from code ids.
_GUID_NS = uuid.UUID("6f1f3b1e-2b8e-4e59-9b7c-5a0d6c1e2f60")


@dataclass
class Code:
    """One code of a codebook."""

    id: str
    label: dict = field(default_factory=dict)
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    color: str | None = None
    parent: str | None = None
    guid: str | None = None
    codable: bool = True
    #: another tool's code as it came (attrs, description, extra XML), written back verbatim
    refi: dict | None = None

    def name(self, lang="nl"):
        """Label in ``lang``, else the other language, else the id."""
        return self.label.get(lang) or next(iter(self.label.values()), None) or self.id

    def refi_guid(self):
        return self.guid or str(uuid.uuid5(_GUID_NS, self.id))


@dataclass
class Codebook:
    """Ordered hierarchical codes (parents before children)."""

    codes: list[Code]
    name: str = "codebook"
    language: str = "nl"
    version: int | str = 1
    #: another tool's codebook envelope (namespace, root attributes, code sets), kept verbatim
    refi: dict | None = None

    def __post_init__(self):
        self._by_id = {c.id: c for c in self.codes}

    def __len__(self):
        return len(self.codes)

    def __iter__(self):
        return iter(self.codes)

    def __contains__(self, code_id):
        return code_id in self._by_id

    def __getitem__(self, code_id) -> Code:
        return self._by_id[code_id]

    def ids(self):
        return [c.id for c in self.codes]

    def names(self, lang=None):
        langs = [lang] if lang else ["nl", "en"]
        return sorted({c.label[lg] for c in self.codes for lg in langs if c.label.get(lg)})

    def children(self, code_id):
        return [c.id for c in self.codes if c.parent == code_id]

    def ancestors(self, code_id):
        out, cur = [], self._by_id[code_id].parent
        while cur is not None:
            out.append(cur)
            cur = self._by_id[cur].parent
        return out

    def to_frame(self, lang="nl"):
        """One row per code: id, parent, level, label_nl, label_en, description, inclusion,
        exclusion, example, color."""
        import pandas as pd

        return pd.DataFrame([{"id": c.id, "parent": c.parent, "level": len(self.ancestors(c.id)),
                              "label_nl": c.label.get("nl"), "label_en": c.label.get("en"),
                              "description": c.description, "inclusion": c.inclusion,
                              "exclusion": c.exclusion, "example": c.example, "color": c.color}
                             for c in self.codes])

    # ---- YAML -----------------------------------------------------------------------------
    def to_dict(self):
        def node(c):
            d = {"id": c.id}
            if c.label:
                d["label"] = dict(c.label)
            for key in ("description", "inclusion", "exclusion", "example"):
                if getattr(c, key):
                    d[key] = getattr(c, key)
            if c.color:
                d["color"] = c.color
            if c.guid:
                d["guid"] = c.guid
            if not c.codable:
                d["codable"] = False
            if c.refi:
                d["refi"] = c.refi
            kids = [node(self._by_id[k]) for k in self.children(c.id)]
            if kids:
                d["children"] = kids
            return d

        out = {"name": self.name, "version": self.version, "language": self.language,
               "codes": [node(c) for c in self.codes if c.parent is None]}
        if self.refi:
            out["refi"] = self.refi
        return out

    def to_yaml(self, path=None):
        """YAML text of the codebook; written to ``path`` when given."""
        import yaml

        text = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    # ---- REFI-QDA ---------------------------------------------------------------------------
    def to_qdc(self, path=None, *, lang=None):
        """REFI-QDA codebook XML; see :func:`impact.qual.refi.codebook_to_qdc` (bound late:
        :mod:`impact.qual.refi` builds on this module and registers itself in ``FORMATS``)."""
        return FORMATS["qdc"]["write"](self, path, lang=lang)

    def __eq__(self, other):
        return isinstance(other, Codebook) and self.to_dict() == other.to_dict()


def _text(value, file, where, key, problems):
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        problems.add(f"{key} must be text", file=file, column=f"{where}.{key}",
                     rule="codebook texts are strings")
        return ""
    return str(value).strip()


def codebook_from_dict(data, file=None) -> Codebook:
    """Build a codebook from parsed YAML, listing every problem (InputError)."""
    problems = ProblemList()
    if not isinstance(data, dict):
        raise InputError("a codebook is a mapping with a 'codes' list", file=file,
                         rule="codebook format")
    for key in data:
        if key not in _TOP_KEYS:
            problems.add(f"unknown key '{key}'", file=file, column=str(key),
                         rule=f"codebook keys are {', '.join(sorted(_TOP_KEYS))}")
    codes: list[Code] = []
    seen = set()

    def walk(items, parent, where):
        if not isinstance(items, list):
            problems.add("codes must be a list", file=file, column=where, rule="codebook format")
            return
        for i, item in enumerate(items):
            here = f"{where}[{i}]"
            if not isinstance(item, dict):
                problems.add("a code is a mapping with an id", file=file, column=here,
                             rule="codebook format")
                continue
            for key in item:
                if key not in _CODE_KEYS:
                    problems.add(f"unknown key '{key}'", file=file, column=f"{here}.{key}",
                                 rule=f"code keys are {', '.join(sorted(_CODE_KEYS))}")
            cid = item.get("id")
            if cid is None or not _ID.match(str(cid)):
                problems.add(f"code id {cid!r} is missing or not a simple name", file=file,
                             column=f"{here}.id", rule="ids: letters, digits, _ . - and spaces")
                continue
            cid = str(cid)
            if cid in seen:
                problems.add(f"code id '{cid}' occurs twice", file=file, column=f"{here}.id",
                             rule="code ids are unique")
                continue
            seen.add(cid)
            label = item.get("label") or {}
            if isinstance(label, str):
                label = {"nl": label}
            if not isinstance(label, dict) or any(k not in ("nl", "en") for k in label):
                problems.add("label must be a mapping with nl and/or en", file=file,
                             column=f"{here}.label", rule="labels in nl and en")
                label = {}
            color = item.get("color")
            if color is not None and not _COLOR.match(str(color)):
                problems.add(f"color {color!r} is not #RRGGBB", file=file,
                             column=f"{here}.color", rule="colors are #RRGGBB")
                color = None
            codes.append(Code(
                id=cid, label={k: str(v) for k, v in label.items() if v},
                description=_text(item.get("description"), file, here, "description", problems),
                inclusion=_text(item.get("inclusion"), file, here, "inclusion", problems),
                exclusion=_text(item.get("exclusion"), file, here, "exclusion", problems),
                example=_text(item.get("example"), file, here, "example", problems),
                color=color, parent=parent, guid=item.get("guid"),
                codable=bool(item.get("codable", True)),
                refi=_refi(item.get("refi"), file, f"{here}.refi", problems)))
            if "children" in item:
                walk(item["children"], cid, f"{here}.children")

    walk(data.get("codes"), None, "codes")
    if not codes and not problems.errors:
        problems.add("the codebook has no codes", file=file, column="codes",
                     rule="at least one code")
    problems.raise_if_errors()
    refi = _refi(data.get("refi"), file, "refi", problems)
    problems.raise_if_errors()
    return Codebook(codes, name=str(data.get("name", "codebook")),
                    language=str(data.get("language", "nl")), version=data.get("version", 1),
                    refi=refi)


def _refi(value, file, where, problems):
    """The verbatim REFI-QDA block of a code or codebook imported from another tool."""
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.add("refi must be a mapping (written by impact when importing another tool's "
                     "codebook)", file=file, column=where, rule="codebook format")
        return None
    return value


def codebook_from_yaml(text, file=None) -> Codebook:
    """Parse codebook YAML text with ``yaml.safe_load``."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", file=file,
                         row=mark.line + 1 if mark else None, rule="YAML syntax") from None
    return codebook_from_dict(data, file)


def load_codebook(path) -> Codebook:
    """Read a codebook from YAML (``.yaml``/``.yml``) or REFI-QDA (``.qdc``).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Codebook

    Raises
    ------
    InputError
        Unknown keys, duplicate ids, bad colours, invalid YAML or XML (with file and place).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("codebook file does not exist", file=path, rule="file must exist")
    if path.suffix.lower() == ".qdc":
        return FORMATS["qdc"]["read"](path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the codebook is not UTF-8 text", file=path, rule="UTF-8") from None
    return codebook_from_yaml(text, str(path))


def default_codebook() -> Codebook:
    """The shipped deductive codebook: the six Positive Health dimensions (body, mental, meaning,
    quality, participation, daily) with the programme themes (self_confidence, pride,
    something_to_hold_on_to, social_contact, being_taken_seriously, threshold) nested under
    them; labels in nl and en. The seeds' theme *meaning* (zingeving) is the dimension
    ``meaning`` itself."""
    text = resources.files("impact.qual").joinpath("data/codebook.yaml").read_text("utf-8")
    return codebook_from_yaml(text, "impact/qual/data/codebook.yaml")
