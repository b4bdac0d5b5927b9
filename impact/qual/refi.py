"""REFI-QDA exchange: codebooks (``.qdc``) and projects (``.qdpx``).

* Codebook ``.qdc``: UTF-8 XML, namespace ``urn:QDA-XML:codebook:1.0``, root ``CodeBook`` with
  ``Codes`` of nested ``Code guid name isCodable color`` each with an optional ``Description``.
  impact writes a code's label (in the codebook language) as ``name`` and packs the rest into
  ``Description`` as the free description followed by lines ``Inclusion:``, ``Exclusion:``,
  ``Example:``, ``Label nl:``, ``Label en:`` and ``Id:``, so an impact codebook survives a round
  trip through ATLAS.ti, MAXQDA, NVivo or QualCoder; a codebook from another tool (no such
  lines) gets ids derived from the code names.
* Project ``.qdpx``: a ZIP of ``project.qde`` (namespace ``urn:QDA-XML:project:1.0``: Users,
  CodeBook, Sources with ``PlainTextSelection startPosition endPosition`` and their
  ``Coding/CodeRef targetGUID``, Cases, Variables) plus ``sources/``. It is untrusted: the
  archive is refused as a whole when any entry has an absolute path, a ``..`` component, a
  drive letter or is a symbolic link, or when it unpacks to more than a size limit. Nothing is
  ever extracted to disk: entries are read in memory. XML with a DOCTYPE or entity declarations
  is refused (no entity expansion).
"""

from __future__ import annotations

import re
import stat
import uuid
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

from .._version import __version__
from ..errors import InputError

__all__ = ["codebook_to_qdc", "read_qdc", "read_qdpx", "check_zip_entries"]

NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
NS_PROJECT = "urn:QDA-XML:project:1.0"
MAX_UNPACKED = 500 * 1024 * 1024
_FIELDS = (("inclusion", "Inclusion"), ("exclusion", "Exclusion"), ("example", "Example"),
           ("label_nl", "Label nl"), ("label_en", "Label en"), ("id", "Id"))
_FIELD_RE = re.compile(r"^(Inclusion|Exclusion|Example|Label nl|Label en|Id):\s?(.*)$")


# --------------------------------------------------------------------------------------------
# codebook <-> qdc
# --------------------------------------------------------------------------------------------

def _description(code):
    lines = [code.description] if code.description else []
    extra = []
    for attr, prefix in _FIELDS:
        if attr == "label_nl":
            value = code.label.get("nl", "")
        elif attr == "label_en":
            value = code.label.get("en", "")
        else:
            value = getattr(code, attr)
        if value:
            extra.append(f"{prefix}: {value}")
    if lines and extra:
        lines.append("")
    return "\n".join(lines + extra)


def codebook_to_qdc(codebook, path=None, *, lang=None):
    """Write a codebook as REFI-QDA ``.qdc`` XML (returns the text; writes ``path`` if given).

    ``name`` is the label in ``lang`` (default: the codebook's language); ``guid`` is stable
    (UUID 5 of the code id unless the code carries a guid from an import); ``isCodable`` is
    ``true`` unless the code is marked ``codable: false``.
    """
    lang = lang or codebook.language
    ET.register_namespace("", NS_CODEBOOK)
    origin = (f"impact {__version__}; codebook={codebook.name}; language={codebook.language}; "
              f"version={codebook.version}")
    root = ET.Element(f"{{{NS_CODEBOOK}}}CodeBook", {"origin": origin})
    codes_el = ET.SubElement(root, f"{{{NS_CODEBOOK}}}Codes")

    def add(parent_el, code):
        attrs = {"guid": code.refi_guid(), "name": code.name(lang),
                 "isCodable": "true" if code.codable else "false"}
        if code.color:
            attrs["color"] = code.color.upper()
        el = ET.SubElement(parent_el, f"{{{NS_CODEBOOK}}}Code", attrs)
        desc = _description(code)
        if desc:
            ET.SubElement(el, f"{{{NS_CODEBOOK}}}Description").text = desc
        for child in codebook.children(code.id):
            add(el, codebook[child])

    for code in codebook:
        if code.parent is None:
            add(codes_el, code)
    ET.indent(root, space="  ")
    text = ('<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def _parse_xml(data: bytes, file, what):
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise InputError(f"{what} declares a DOCTYPE or entities, which are refused", file=file,
                         rule="REFI-QDA XML without DOCTYPE")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"{what} is not well-formed XML: {exc}", file=file, row=line,
                         rule="REFI-QDA XML") from None


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _children(el, name):
    return [c for c in el if _local(c.tag) == name]


def _safe_id(name):
    out = re.sub(r"[^A-Za-z0-9_.\- ]+", "_", name.strip()).strip(" -.") or "code"
    return out if re.match(r"^[A-Za-z0-9_]", out) else "_" + out


def _codes_from_xml(codes_el, file, lang):
    """Walk nested Code elements into impact Codes; returns (codes, guid -> id)."""
    from .codebook import _COLOR, _GUID_NS, Code

    codes, by_guid, seen = [], {}, set()

    def walk(el, parent):
        for code_el in _children(el, "Code"):
            guid = code_el.get("guid") or ""
            name = code_el.get("name") or ""
            if not guid or not name:
                raise InputError("a Code lacks its guid or name", file=file, column="Code",
                                 rule="REFI-QDA Code has guid and name")
            desc_el = next(iter(_children(code_el, "Description")), None)
            text = (desc_el.text or "") if desc_el is not None else ""
            fields, current, description = {}, None, []
            for line in text.splitlines():
                m = _FIELD_RE.match(line)
                if m:
                    current = {p: a for a, p in _FIELDS}[m.group(1)]
                    fields[current] = m.group(2)
                elif current is not None:
                    fields[current] += "\n" + line
                else:
                    description.append(line)
            cid = fields.get("id") or _safe_id(name)
            base, k = cid, 2
            while cid in seen:
                cid, k = f"{base}_{k}", k + 1
            seen.add(cid)
            label = {}
            if fields.get("label_nl"):
                label["nl"] = fields["label_nl"]
            if fields.get("label_en"):
                label["en"] = fields["label_en"]
            if not label:
                label = {lang: name}
            color = code_el.get("color")
            if color is not None and not _COLOR.match(color):
                color = None
            keep_guid = None if guid.lower() == str(uuid.uuid5(_GUID_NS, cid)) else guid
            codes.append(Code(id=cid, label=label, description="\n".join(description).strip(),
                              inclusion=fields.get("inclusion", "").strip(),
                              exclusion=fields.get("exclusion", "").strip(),
                              example=fields.get("example", "").strip(),
                              color=color.upper() if color else None, parent=parent,
                              guid=keep_guid,
                              codable=(code_el.get("isCodable", "true").lower() != "false")))
            by_guid[guid] = cid
            walk(code_el, cid)

    walk(codes_el, None)
    return codes, by_guid


def read_qdc(source, *, lang=None):
    """Read a REFI-QDA codebook (``.qdc`` path, bytes or XML text) into a :class:`Codebook`.

    Codes keep their hierarchy, colour and ``isCodable``; the description is unpacked into
    description, inclusion, exclusion, example, labels and id when written by impact.
    """
    from .codebook import Codebook

    file = None
    if isinstance(source, (str, Path)) and not str(source).lstrip().startswith("<"):
        file = str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the codebook: {exc.strerror}", file=file,
                             rule="file must exist") from None
    else:
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
    root = _parse_xml(data, file, "the codebook")
    if _local(root.tag) != "CodeBook" or not root.tag.startswith(f"{{{NS_CODEBOOK}}}"):
        raise InputError(f"root element is {_local(root.tag)!r}, not CodeBook in namespace "
                         f"{NS_CODEBOOK}", file=file, rule="REFI-QDA codebook")
    meta = {}
    origin = root.get("origin", "")
    if origin.startswith("impact"):
        meta = dict(part.strip().split("=", 1) for part in origin.split(";")[1:] if "=" in part)
    lang = lang or meta.get("language", "nl")
    codes_el = next(iter(_children(root, "Codes")), None)
    if codes_el is None:
        raise InputError("the codebook has no Codes element", file=file, rule="REFI-QDA codebook")
    codes, _ = _codes_from_xml(codes_el, file, lang)
    version = meta.get("version", 1)
    try:
        version = int(version)
    except (TypeError, ValueError):
        pass
    return Codebook(codes, name=meta.get("codebook", Path(file).stem if file else "codebook"),
                    language=lang, version=version)


# --------------------------------------------------------------------------------------------
# projects (.qdpx)
# --------------------------------------------------------------------------------------------

def check_zip_entries(zf: zipfile.ZipFile, file=None, *, max_unpacked=MAX_UNPACKED):
    """Refuse a ZIP whose entries could land outside the target folder (raises InputError).

    Refused: absolute paths (``/x``, ``\\x``, ``C:x``), any ``..`` component, symbolic links,
    and archives that unpack to more than ``max_unpacked`` bytes.
    """
    total = 0
    for info in zf.infolist():
        name = info.filename
        parts = re.split(r"[\\/]+", name)
        mode = (info.external_attr >> 16) & 0o170000
        reason = None
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
            reason = "has an absolute path"
        elif ".." in parts:
            reason = "climbs out of its folder ('..')"
        elif mode == stat.S_IFLNK:
            reason = "is a symbolic link"
        if reason:
            raise InputError(f"unsafe ZIP entry {name!r} {reason}; the archive is refused and "
                             "nothing was written", file=file,
                             rule="no ZIP entry outside its folder")
        total += info.file_size
        if total > max_unpacked:
            raise InputError(f"the archive unpacks to more than {max_unpacked // 2**20} MB",
                             file=file, rule="ZIP size limit")


def _variables(el, var_names):
    """Variable values of a Case or Source: {lower-case variable name: text}."""
    out = {}
    for vv in _children(el, "VariableValue"):
        ref = next(iter(_children(vv, "VariableRef")), None)
        name = var_names.get(ref.get("targetGUID")) if ref is not None else None
        if not name:
            continue
        value = None
        for child in vv:
            if _local(child.tag).endswith("Value") and child.text is not None:
                value = child.text.strip()
        if value is not None:
            out[name.strip().lower()] = value
    return out


_VAR_KEYS = {"wave": ("wave", "golf", "meting", "meetmoment"),
             "source": ("source", "bron", "soort"),
             "role": ("role", "rol", "speaker_role"),
             "participant_id": ("participant_id", "deelnemer", "participant")}


def read_qdpx(path, *, wave=None, source=None, role=None, lang="nl"):
    """Import a REFI-QDA project into quotes, codings and its codebook.

    Parameters
    ----------
    path : str or Path
        The ``.qdpx`` archive.
    wave, source, role : str, optional
        Values for quotes whose case or source has no such variable.
    lang : str
        Language for code labels of a codebook from another tool.

    Returns
    -------
    quotes : DataFrame
        ``quote_id, participant_id, wave, source, role, text`` plus ``document, start, end``.
        One quote per distinct text selection (source, start, end); selections by several
        coders at the same place become one quote. quote_id = ``Q00001``... in source order.
        participant_id = the name of the Case the source belongs to, else the source name;
        wave/source/role from a Case or Source variable named wave/source/role (or golf, bron,
        rol), else the arguments.
    codings : DataFrame
        ``unit, coder, code``: coder = the name of the Coding's creatingUser (else the
        selection's, else 'unknown'); code = the code id in ``codebook``.
    codebook : Codebook

    Raises
    ------
    InputError
        Unsafe or damaged archive, missing project.qde, offsets outside the text, a CodeRef to an
        unknown code.
    """
    import pandas as pd

    from .codebook import Codebook

    path = Path(path)
    file = str(path)
    if not path.is_file():
        raise InputError("project file does not exist", file=path, rule="file must exist")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputError("not a ZIP archive (.qdpx)", file=path, rule="REFI-QDA project") from None
    with zf:
        check_zip_entries(zf, file)
        names = {info.filename for info in zf.infolist()}
        qde_name = next((n for n in names if PurePosixPath(n).name == "project.qde"
                         and "/" not in n.strip("/")), None)
        if qde_name is None:
            raise InputError("the archive has no project.qde at its top", file=path,
                             rule="REFI-QDA project")
        root = _parse_xml(zf.read(qde_name), f"{file}:project.qde", "project.qde")
        if _local(root.tag) != "Project":
            raise InputError(f"root element is {_local(root.tag)!r}, not Project", file=path,
                             rule="REFI-QDA project")
        users = {}
        for users_el in _children(root, "Users"):
            for u in _children(users_el, "User"):
                users[u.get("guid")] = u.get("name") or u.get("id") or u.get("guid")
        var_names = {}
        for vars_el in _children(root, "Variables"):
            for v in _children(vars_el, "Variable"):
                var_names[v.get("guid")] = v.get("name")
        cb_el = next(iter(_children(root, "CodeBook")), None)
        codes, by_guid = [], {}
        if cb_el is not None:
            codes_el = next(iter(_children(cb_el, "Codes")), None)
            if codes_el is not None:
                codes, by_guid = _codes_from_xml(codes_el, file, lang)
        codebook = Codebook(codes, name=root.get("name") or path.stem, language=lang)
        case_of_source, case_vars = {}, {}
        for cases_el in _children(root, "Cases"):
            for case in _children(cases_el, "Case"):
                cvars = _variables(case, var_names)
                for ref in _children(case, "SourceRef"):
                    case_of_source.setdefault(ref.get("targetGUID"), case.get("name"))
                    case_vars.setdefault(ref.get("targetGUID"), cvars)
        quotes, codings = [], []
        key_to_qid = {}
        sources_el = [s for el in _children(root, "Sources") for s in _children(el, "TextSource")]
        for src in sources_el:
            sguid, sname = src.get("guid"), src.get("name") or src.get("guid")
            text = _source_text(zf, names, src, file)
            variables = dict(case_vars.get(sguid, {}))
            variables.update(_variables(src, var_names))

            def var(key, default):
                for alias in _VAR_KEYS[key]:
                    if variables.get(alias):
                        return variables[alias]
                return default

            pid = var("participant_id", case_of_source.get(sguid) or sname)
            for sel in _children(src, "PlainTextSelection"):
                try:
                    start = int(sel.get("startPosition"))
                    end = int(sel.get("endPosition"))
                except (TypeError, ValueError):
                    raise InputError(f"selection {sel.get('guid')!r} in source {sname!r} has no "
                                     "integer startPosition/endPosition", file=file,
                                     column="PlainTextSelection",
                                     rule="selections have character offsets") from None
                if not (0 <= start < end <= len(text)):
                    raise InputError(f"selection {sel.get('guid')!r} in source {sname!r} runs "
                                     f"from {start} to {end}, outside the text of "
                                     f"{len(text)} characters", file=file,
                                     column="PlainTextSelection",
                                     rule="offsets within the source text")
                key = (sguid, start, end)
                if key not in key_to_qid:
                    qid = f"Q{len(key_to_qid) + 1:05d}"
                    key_to_qid[key] = qid
                    quotes.append({"quote_id": qid, "participant_id": pid,
                                   "wave": var("wave", wave), "source": var("source", source),
                                   "role": var("role", role),
                                   "text": text[start:end].strip(), "document": sname,
                                   "start": start, "end": end})
                qid = key_to_qid[key]
                sel_user = users.get(sel.get("creatingUser"))
                for coding in _children(sel, "Coding"):
                    coder = users.get(coding.get("creatingUser")) or sel_user or "unknown"
                    for ref in _children(coding, "CodeRef"):
                        target = ref.get("targetGUID")
                        if target not in by_guid:
                            raise InputError(f"a coding in source {sname!r} refers to code "
                                             f"{target!r}, which is not in the codebook",
                                             file=file, column="CodeRef",
                                             rule="CodeRef targets a Code guid")
                        codings.append({"unit": qid, "coder": coder, "code": by_guid[target]})
    quotes_df = pd.DataFrame(quotes, columns=["quote_id", "participant_id", "wave", "source",
                                              "role", "text", "document", "start", "end"])
    _check_vocabulary(quotes_df, file)
    codings_df = pd.DataFrame(codings, columns=["unit", "coder", "code"]).drop_duplicates(
        ignore_index=True)
    return quotes_df, codings_df, codebook


def _check_vocabulary(quotes, file):
    """Map source/role synonyms onto the contract lists; refuse what cannot be mapped."""
    from .quotes import QUOTE_SOURCES, SPEAKER_ROLES, normalise_vocabulary

    for col, allowed in (("source", QUOTE_SOURCES), ("role", SPEAKER_ROLES)):
        quotes[col] = [normalise_vocabulary(v, col) for v in quotes[col]]
        bad = quotes[col].notna() & ~quotes[col].isin(allowed)
        if bad.any():
            first = quotes[bad].iloc[0]
            raise InputError(f"{col} {first[col]!r} of document {first['document']!r} is not one "
                             f"of {', '.join(allowed)}", file=file, column=col,
                             rule=f"{col} from the list")


def _source_text(zf, names, src, file):
    content = next(iter(_children(src, "PlainTextContent")), None)
    if content is not None and content.text is not None:
        return content.text
    ref = src.get("plainTextPath") or ""
    if ref.startswith("internal://"):
        inner = ref[len("internal://"):]
        for candidate in (f"sources/{inner}", f"Sources/{inner}", inner):
            if candidate in names:
                data = zf.read(candidate)
                try:
                    return data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise InputError(f"source text {candidate!r} is not UTF-8", file=file,
                                     rule="REFI-QDA plain text is UTF-8") from None
        raise InputError(f"source text {ref!r} is missing from the archive", file=file,
                         rule="internal sources are in sources/")
    raise InputError(f"source {src.get('name')!r} has no plain text inside the project "
                     f"({ref or 'no plainTextPath'})", file=file,
                     rule="text sources are in the archive")
