"""REFI-QDA exchange: codebooks (``.qdc``) and projects (``.qdpx``).

* Codebook ``.qdc``: XML, root ``CodeBook`` in a REFI-QDA codebook namespace: the standard's
  ``urn:QDA-XML:codebook:1.0``, and ``urn:QDA-XML:codebook:0:4`` used by ATLAS.ti 9 (and still
  by some later ATLAS.ti releases), ``urn:QDA-XML:codebook:1:0`` written by NVivo 12 for Mac;
  any ``urn:QDA-XML:codebook:*`` namespace is read. ``Codes`` of nested ``Code guid name
  isCodable color`` each with an optional ``Description``; ``Sets`` of ``Set`` with
  ``MemberCode``.
* A codebook from another tool survives import and export verbatim: every attribute of every
  code, its description text, the nesting, the code sets, the root's attributes and the namespace
  are kept (``Codebook.refi`` and ``Code.refi``) and written back unchanged; nothing of impact's
  is added to them. A codebook that impact wrote itself (root ``origin="impact ..."``) carries
  impact's own fields (inclusion, exclusion, example, labels, id) in the description as lines
  ``Inclusion: ...``; a value of several lines continues on lines indented by two spaces, so a
  description line that merely starts with ``Example:`` in another tool's codebook is never
  taken for a field, and a field never swallows the lines after it.
* Project ``.qdpx``: a ZIP holding one ``.qde`` file (any name; ``project.qde`` preferred) in
  namespace ``urn:QDA-XML:project:1.0`` (Users, CodeBook, Sources with ``PlainTextSelection
  startPosition endPosition`` and their ``Coding/CodeRef targetGUID``, Cases, Variables) plus
  ``sources/``. It is untrusted: the archive is refused as a whole when any entry has an absolute
  path, a ``..`` component, a drive letter or is a symbolic link, when an entry or the whole
  unpacks beyond a size limit, or when a member is damaged (bad CRC, truncated, unknown
  compression). Nothing is extracted to disk: members are read in memory, at most the limit.
* Every XML parse goes through ``defusedxml`` with DTDs forbidden, whatever the encoding
  (UTF-8, UTF-16 with a byte order mark, ...): a DOCTYPE anywhere, entity declarations and
  external references are refused before anything is expanded.
"""

from __future__ import annotations

import io
import re
import stat
import uuid
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

from .._version import __version__
from ..errors import InputError

__all__ = ["codebook_to_qdc", "read_qdc", "read_qdpx", "check_zip_entries", "parse_xml",
           "read_member", "MAX_MEMBER", "MAX_UNPACKED", "MAX_XML"]

NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
NS_PROJECT = "urn:QDA-XML:project:1.0"
_NS_CODEBOOK_ANY = re.compile(r"^urn:QDA-XML:codebook:[\w.:]+$", re.IGNORECASE)
_NS_PROJECT_ANY = re.compile(r"^urn:QDA-XML:project:[\w.:]+$", re.IGNORECASE)
MAX_UNPACKED = 500 * 1024 * 1024   # whole archive, uncompressed
MAX_MEMBER = 200 * 1024 * 1024     # one member (a source text, a picture)
MAX_XML = 64 * 1024 * 1024         # one XML document (the .qde, a .qdc)
MAX_CODES = 20_000                 # codes in one codebook
MAX_CODE_DEPTH = 15                # levels of nested codes (a YAML codebook holds 19)
MAX_NAME = 10_000                  # characters of a name, guid or other attribute value
MAX_ATTRIBUTE = 1_000_000          # characters of any attribute value in the XML
_FIELDS = (("inclusion", "Inclusion"), ("exclusion", "Exclusion"), ("example", "Example"),
           ("label_nl", "Label nl"), ("label_en", "Label en"), ("id", "Id"))
_FIELD_RE = re.compile(r"^(Inclusion|Exclusion|Example|Label nl|Label en|Id):\s?(.*)$")


# --------------------------------------------------------------------------------------------
# codebook <-> qdc
# --------------------------------------------------------------------------------------------

def _description(code):
    """impact's own description: free text, a blank line, then one field per line (continuation
    lines of a value indented by two spaces)."""
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
            first, *rest = str(value).split("\n")
            extra.append(f"{prefix}: {first}" + "".join(f"\n  {r}" for r in rest))
    if lines and extra:
        lines.append("")
    return "\n".join(lines + extra)


def _unpack_description(text):
    """Split an impact description into (free description, fields)."""
    fields, current, description = {}, None, []
    names = {p: a for a, p in _FIELDS}
    for line in text.splitlines():
        m = _FIELD_RE.match(line)
        if m:
            current = names[m.group(1)]
            fields[current] = m.group(2)
        elif current is not None and line.startswith("  "):
            fields[current] += "\n" + line[2:]
        else:
            current = None
            description.append(line)
    return "\n".join(description).strip(), fields


def _xml_fragment(el):
    """An element as XML text (namespace declarations included) to be written back verbatim."""
    return ET.tostring(el, encoding="unicode")


def codebook_to_qdc(codebook, path=None, *, lang=None):
    """Write a codebook as REFI-QDA ``.qdc`` XML (returns the text; writes ``path`` if given).

    impact's own codes: ``name`` is the label in ``lang`` (default: the codebook's language);
    ``guid`` is stable (UUID 5 of the code id unless the code carries a guid from an import);
    ``isCodable`` is ``true`` unless the code is marked ``codable: false``. Codes read from
    another tool's codebook are written back exactly as they came (attributes, description),
    and so are that codebook's namespace, root attributes and code sets.
    """
    lang = lang or codebook.language
    refi = getattr(codebook, "refi", None) or {}
    ns = refi.get("namespace", NS_CODEBOOK)
    ET.register_namespace("", ns)
    if refi.get("root"):
        root_attrs = dict(refi["root"])
    else:
        root_attrs = {"origin": f"impact {__version__}; codebook={codebook.name}; "
                                f"language={codebook.language}; version={codebook.version}"}
    for key in list(root_attrs):
        if key.startswith("{http://www.w3.org/2001/XMLSchema-instance}"):
            ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.Element(f"{{{ns}}}CodeBook", root_attrs)
    codes_el = ET.SubElement(root, f"{{{ns}}}Codes")

    def add(parent_el, code):
        if code.refi:
            # another tool's code comes back as it came, except what was edited in impact's
            # codebook since (label, description, colour, codable): the edit is exported
            attrs = dict(code.refi["attrs"])
            description = code.refi.get("description")
            name = code.name(lang)
            if name and name != attrs.get("name"):
                attrs["name"] = name
            if (code.description or "") != (description or "").strip():
                description = code.description or None
            if code.color and code.color.upper() != (attrs.get("color") or "").upper():
                attrs["color"] = code.color.upper()
            elif not code.color and attrs.get("color") and _COLOR_OK(attrs["color"]):
                attrs.pop("color")
            if code.codable != (attrs.get("isCodable", "true").lower() != "false"):
                attrs["isCodable"] = "true" if code.codable else "false"
            el = ET.SubElement(parent_el, f"{{{ns}}}Code", attrs)
            if description is not None:
                ET.SubElement(el, f"{{{ns}}}Description").text = description
            for frag in code.refi.get("extra", ()):
                el.append(ET.fromstring(frag))
        else:
            attrs = {"guid": code.refi_guid(), "name": code.name(lang),
                     "isCodable": "true" if code.codable else "false"}
            if code.color:
                attrs["color"] = code.color.upper()
            el = ET.SubElement(parent_el, f"{{{ns}}}Code", attrs)
            desc = _description(code)
            if desc:
                ET.SubElement(el, f"{{{ns}}}Description").text = desc
        for child in codebook.children(code.id):
            add(el, codebook[child])

    for code in codebook:
        if code.parent is None:
            add(codes_el, code)
    if refi.get("sets") is not None:
        root.append(ET.fromstring(refi["sets"]))
    ET.indent(root, space="  ")
    text = ('<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def _COLOR_OK(value):
    """A colour impact would have read (an unreadable colour is kept verbatim, never dropped)."""
    from .codebook import _COLOR

    return bool(_COLOR.match(value))


def parse_xml(data: bytes, file=None, what="the XML", *, max_bytes=MAX_XML):
    """Parse untrusted XML with ``defusedxml`` (DTDs, entities and external references refused).

    The encoding is the document's own (declaration or byte order mark), so UTF-16 is parsed
    with the same protections. Raises InputError (exit 2 on the command line) for a DOCTYPE, an
    entity, a document over ``max_bytes`` or XML that is not well-formed.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if len(data) > max_bytes:
        raise InputError(f"{what} is {len(data) // 2**20} MB, more than the limit of "
                         f"{max_bytes // 2**20} MB", file=file, rule="XML size limit")
    if _LONG_ATTRIBUTE.search(data):
        raise InputError(f"{what} holds an attribute value of more than {MAX_ATTRIBUTE:,} "
                         "characters; refused", file=file, rule="XML attribute size limit")
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"{what} declares a DOCTYPE, entities or external references, which "
                         f"are refused ({type(exc).__name__})", file=file,
                         rule="REFI-QDA XML without DOCTYPE") from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"{what} is not well-formed XML: {exc}", file=file, row=line,
                         rule="REFI-QDA XML") from None
    except (ValueError, LookupError, UnicodeError) as exc:
        raise InputError(f"{what} cannot be decoded: {exc}", file=file,
                         rule="REFI-QDA XML") from None


# an attribute value (single or double quoted) longer than MAX_ATTRIBUTE bytes; UTF-8 and
# ASCII-compatible encodings (a UTF-16 document is checked after parsing, in _codes_from_xml)
_LONG_ATTRIBUTE = re.compile(rb'=\s*(?:"[^"<]{%d}|\'[^\'<]{%d})' % (MAX_ATTRIBUTE, MAX_ATTRIBUTE))

_parse_xml = parse_xml

def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _children(el, name):
    return [c for c in el if _local(c.tag) == name]


def _safe_id(name):
    out = re.sub(r"[^A-Za-z0-9_.\- ]+", "_", name.strip()).strip(" -.") or "code"
    return out if re.match(r"^[A-Za-z0-9_]", out) else "_" + out


def _codes_from_xml(codes_el, file, lang, *, native=False):
    """Walk nested Code elements into impact Codes; returns (codes, guid -> id).

    ``native``: the codebook was written by impact, so descriptions carry impact's fields.
    Otherwise every code keeps its attributes, description and unknown children verbatim in
    ``Code.refi`` and its description is not interpreted.
    """
    from .codebook import _COLOR, _GUID_NS, Code

    codes, by_guid, seen = [], {}, set()
    # iterative, depth first in document order (no recursion limit), within the limits
    stack = [(c, None, 1) for c in reversed(_children(codes_el, "Code"))]
    while stack:
        code_el, parent, depth = stack.pop()
        if depth > MAX_CODE_DEPTH:
            raise InputError(f"codes are nested deeper than {MAX_CODE_DEPTH} levels", file=file,
                             column="Code", rule="REFI-QDA code nesting limit")
        if len(codes) >= MAX_CODES:
            raise InputError(f"the codebook holds more than {MAX_CODES:,} codes", file=file,
                             column="Code", rule="REFI-QDA code count limit")
        guid = code_el.get("guid") or ""
        name = code_el.get("name") or ""
        if not guid or not name:
            raise InputError("a Code lacks its guid or name", file=file, column="Code",
                             rule="REFI-QDA Code has guid and name")
        if len(name) > MAX_NAME or len(guid) > MAX_NAME:
            raise InputError(f"a Code name or guid is {max(len(name), len(guid)):,} "
                             f"characters long, more than the limit of {MAX_NAME:,}",
                             file=file, column="Code", rule="REFI-QDA attribute size limit")
        desc_el = next(iter(_children(code_el, "Description")), None)
        text = (desc_el.text or "") if desc_el is not None else ""
        if native:
            description, fields = _unpack_description(text)
        else:
            description, fields = text.strip(), {}
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
        refi = None
        keep_guid = None if guid.lower() == str(uuid.uuid5(_GUID_NS, cid)) else guid
        if not native:
            refi = {"attrs": {k: v for k, v in code_el.attrib.items()},
                    "description": desc_el.text if desc_el is not None else None,
                    "extra": [_xml_fragment(c) for c in code_el
                              if _local(c.tag) not in ("Code", "Description")]}
            keep_guid = guid
        codes.append(Code(id=cid, label=label, description=description,
                          inclusion=fields.get("inclusion", "").strip(),
                          exclusion=fields.get("exclusion", "").strip(),
                          example=fields.get("example", "").strip(),
                          color=color.upper() if color else None, parent=parent,
                          guid=keep_guid,
                          codable=(code_el.get("isCodable", "true").lower() != "false"),
                          refi=refi))
        by_guid[guid] = cid
        stack.extend((c, cid, depth + 1) for c in reversed(_children(code_el, "Code")))
    return codes, by_guid


def _sets_fragment(root, ns_out):
    sets_el = next(iter(_children(root, "Sets")), None)
    if sets_el is None:
        return None
    ns_in = sets_el.tag[1:].split("}", 1)[0] if sets_el.tag.startswith("{") else ""
    ET.register_namespace("", ns_in or ns_out)
    frag = ET.tostring(sets_el, encoding="unicode")
    if ns_in and ns_in != ns_out:
        frag = frag.replace(f'"{ns_in}"', f'"{ns_out}"')
    return frag


def _read_limited(path, file, limit=MAX_XML):
    try:
        size = Path(path).stat().st_size
        if size > limit:
            raise InputError(f"the file is {size // 2**20} MB, more than the limit of "
                             f"{limit // 2**20} MB", file=file, rule="XML size limit")
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=file,
                         rule="file must exist") from None


def read_qdc(source, *, lang=None):
    """Read a REFI-QDA codebook (``.qdc`` path, bytes or XML text) into a :class:`Codebook`.

    Codes keep their hierarchy, colour and ``isCodable``. A codebook written by impact has its
    description unpacked into description, inclusion, exclusion, example, labels and id; a
    codebook from another tool (ATLAS.ti, MAXQDA, NVivo, QualCoder, Taguette) is kept verbatim
    for re-export (see the module docstring). Both codebook namespaces in use are read.
    """
    from .codebook import Codebook

    file = None
    if isinstance(source, (str, Path)) and not str(source).lstrip().startswith("<"):
        file = str(source)
        data = _read_limited(source, file)
    else:
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
    root = parse_xml(data, file, "the codebook")
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if _local(root.tag) != "CodeBook" or not (_NS_CODEBOOK_ANY.match(ns)
                                               or _NS_PROJECT_ANY.match(ns)):
        raise InputError(f"root element is {_local(root.tag)!r} in namespace {ns or 'none'!r}, "
                         f"not CodeBook in a REFI-QDA codebook namespace ({NS_CODEBOOK} or "
                         "urn:QDA-XML:codebook:0:4)", file=file, rule="REFI-QDA codebook")
    meta = {}
    origin = root.get("origin", "")
    native = origin.startswith("impact")
    if native:
        meta = dict(part.strip().split("=", 1) for part in origin.split(";")[1:] if "=" in part)
    lang = lang or meta.get("language", "nl")
    codes_el = next(iter(_children(root, "Codes")), None)
    if codes_el is None:
        raise InputError("the codebook has no Codes element", file=file, rule="REFI-QDA codebook")
    codes, _ = _codes_from_xml(codes_el, file, lang, native=native)
    version = meta.get("version", 1)
    try:
        version = int(version)
    except (TypeError, ValueError):
        pass
    refi = None
    if not native:
        refi = {"namespace": ns, "root": dict(root.attrib),
                "sets": _sets_fragment(root, ns)}
    cb = Codebook(codes, name=meta.get("codebook", Path(file).stem if file else "codebook"),
                  language=lang, version=version)
    cb.refi = refi
    return cb


# --------------------------------------------------------------------------------------------
# projects (.qdpx)
# --------------------------------------------------------------------------------------------

def check_zip_entries(zf: zipfile.ZipFile, file=None, *, max_unpacked=MAX_UNPACKED,
                      max_member=MAX_MEMBER):
    """Refuse a ZIP whose entries could land outside the target folder or are too big.

    Refused (InputError): absolute paths (``/x``, ``\\x``, ``C:x``), any ``..`` component,
    symbolic links, an entry declaring more than ``max_member`` bytes, and archives that
    declare more than ``max_unpacked`` bytes in total. Declared sizes can lie: members are
    also read with :func:`read_member`, which stops at the limit whatever the header says.
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
        if info.file_size > max_member:
            raise InputError(f"ZIP entry {name!r} unpacks to {info.file_size // 2**20} MB, more "
                             f"than the limit of {max_member // 2**20} MB per entry", file=file,
                             rule="ZIP size limit")
        total += info.file_size
        if total > max_unpacked:
            raise InputError(f"the archive unpacks to more than {max_unpacked // 2**20} MB",
                             file=file, rule="ZIP size limit")


def read_member(zf: zipfile.ZipFile, name, file=None, *, limit=MAX_MEMBER):
    """Read one ZIP member in memory, at most ``limit`` bytes whatever its header claims.

    A bad CRC, a truncated or otherwise damaged member, an encrypted member or an unknown
    compression method is an InputError naming the archive and the member.
    """
    chunks, size = [], 0
    try:
        with zf.open(name) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise InputError(f"ZIP entry {name!r} unpacks to more than "
                                     f"{limit // 2**20} MB", file=file, rule="ZIP size limit")
                chunks.append(chunk)
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError, ValueError) as exc:
        raise InputError(f"ZIP entry {name!r} is damaged and cannot be read ({exc}); the "
                         "archive is refused", file=file, rule="undamaged ZIP archive") from None
    return b"".join(chunks)


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
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"not a readable ZIP archive (.qdpx): {exc}", file=path,
                         rule="REFI-QDA project") from None
    with zf:
        check_zip_entries(zf, file)
        entries = [info.filename for info in zf.infolist()]
        names = set(entries)
        if len(names) != len(entries):
            twice = sorted({n for n in entries if entries.count(n) > 1})
            raise InputError(f"the archive holds entry {twice[0]!r} more than once (which copy "
                             "would count?); refused", file=path, rule="REFI-QDA project: "
                             "unique entries")
        qdes = sorted(n for n in entries if n.lower().endswith(".qde") and not n.endswith("/"))
        if len(qdes) != 1:
            found = ", ".join(qdes) if qdes else "none"
            raise InputError(f"the archive must hold exactly one .qde project file (found: "
                             f"{found})", file=path, rule="REFI-QDA project")
        qde_name = qdes[0]
        root = parse_xml(read_member(zf, qde_name, file, limit=MAX_XML), f"{file}:{qde_name}",
                         qde_name)
        ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
        if _local(root.tag) != "Project" or not _NS_PROJECT_ANY.match(ns):
            raise InputError(f"root element of {qde_name} is {_local(root.tag)!r} in namespace "
                             f"{ns or 'none'!r}, not Project in {NS_PROJECT}", file=path,
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
        if cb_el is not None:
            codebook.refi = {"namespace": NS_CODEBOOK,
                             "root": {"origin": root.get("origin") or ""},
                             "sets": _sets_fragment(cb_el, NS_CODEBOOK)}
        case_of_source, case_vars = {}, {}
        for cases_el in _children(root, "Cases"):
            for case in _children(cases_el, "Case"):
                cvars = _variables(case, var_names)
                for ref in _children(case, "SourceRef"):
                    case_of_source.setdefault(ref.get("targetGUID"), case.get("name"))
                    case_vars.setdefault(ref.get("targetGUID"), cvars)
        # memos: project notes (Notes/Note, referred to by NoteRef) and selection descriptions
        notes = {}
        for notes_el in _children(root, "Notes"):
            for note in _children(notes_el, "Note"):
                body = next(iter(_children(note, "PlainTextContent")), None)
                desc = next(iter(_children(note, "Description")), None)
                text = (body.text if body is not None and body.text else
                        desc.text if desc is not None and desc.text else "")
                if text.strip():
                    notes[note.get("guid")] = text.strip()

        def memo_of(el):
            parts = [d.text.strip() for d in _children(el, "Description")
                     if d.text and d.text.strip()]
            parts += [notes[r.get("targetGUID")] for r in _children(el, "NoteRef")
                      if r.get("targetGUID") in notes]
            return "\n\n".join(parts) or None

        # codings of pictures, audio, video and PDF sources are set aside, and counted
        set_aside = {}
        for el in _children(root, "Sources"):
            for src in el:
                kind = _NON_TEXT.get(_local(src.tag))
                if kind:
                    n = sum(1 for x in src.iter() if _local(x.tag) == "Coding")
                    set_aside[kind] = set_aside.get(kind, 0) + n
        quotes, codings = [], []
        key_to_qid = {}
        sources_el = [s for el in _children(root, "Sources") for s in _children(el, "TextSource")]
        for src in sources_el:
            sguid = src.get("guid")
            sname = (src.get("name") or PurePosixPath(src.get("plainTextPath") or "").name
                     or sguid)
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
                                   "text": text[start:end], "document": sname,
                                   "start": start, "end": end, "memo": memo_of(sel)})
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
                        codings.append({"unit": qid, "coder": coder, "code": by_guid[target],
                                        "memo": memo_of(coding)})
    quotes_df = pd.DataFrame(quotes, columns=["quote_id", "participant_id", "wave", "source",
                                              "role", "text", "document", "start", "end",
                                              "memo"])
    _check_vocabulary(quotes_df, file)
    codings_df = pd.DataFrame(codings, columns=["unit", "coder", "code", "memo"]).drop_duplicates(
        subset=["unit", "coder", "code"], ignore_index=True)
    codings_df = record_set_aside(keep_memos(codings_df), set_aside)
    return keep_memos(quotes_df), codings_df, codebook


_NON_TEXT = {"PictureSource": "codings of pictures", "AudioSource": "codings of audio",
             "VideoSource": "codings of video", "PDFSource": "codings of PDF sources"}


def keep_memos(frame):
    """A ``memo`` column stays only when some row has a memo (quotes.csv / codings.csv carry
    memos as an extra column; files without memos keep the contract's columns)."""
    if "memo" in frame.columns:
        memo = frame["memo"]
        has = memo.notna() & (memo.astype(str).str.strip() != "")
        if not has.any():
            frame = frame.drop(columns="memo")
        else:
            frame["memo"] = memo.astype(object).where(has, None)
    return frame


def record_set_aside(codings, counts):
    """Record what an import set aside (``{what: count}``) on the codings frame, for the
    import summary (``codings.attrs['set_aside']``)."""
    counts = {k: int(v) for k, v in counts.items() if v}
    codings.attrs["set_aside"] = {**codings.attrs.get("set_aside", {}), **counts}
    return codings


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
    # qc 1.3 writes the corpus path itself (no internal:// scheme) and copies the corpus into
    # sources/; a path with another scheme (relative://, file://) points outside the archive
    if ref and "://" not in ref and not ref.startswith(("/", "\\")) and ".." not in ref:
        ref = "internal://" + ref
    if ref.startswith("internal://"):
        inner = ref[len("internal://"):]
        for candidate in (f"sources/{inner}", f"Sources/{inner}", inner):
            if candidate in names:
                data = read_member(zf, candidate, file)
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


def _register():
    from .codebook import FORMATS

    FORMATS["qdc"] = {"read": read_qdc, "write": codebook_to_qdc}


_register()
