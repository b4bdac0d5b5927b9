"""Import coded segments exported by QualCoder, Taguette and qc (CSV, XLSX, project folders).

Layouts (from the tools' source code):

* **Taguette** "highlights" export (``taguette/export.py``, ``highlights_csv`` and
  ``highlights_xslx``): columns ``id, document, tag, content``; one row per highlight and tag.
  There is **no coder column**: each coder exports their own project and you name the coder.
* **QualCoder** coding report export (``report_codes.py``):

  - 3.6 and later (CSV and XLSX): ``File`` (file results) or ``Case, Filename`` (case results),
    then ``Coder, Coded, Id, Codename, Coded_Memo``, then ``Category`` columns (parent codes and
    categories, leaf first), then optional ``FileVar_<name>`` and ``CaseVar_<name>`` columns.
  - 3.2 to 3.5 XLSX: ``File/case, Coder, Coded, Id, Codename`` then ``Category`` columns.
  - 3.0 to 3.5 CSV: one column per code (header = code names); each cell holds the coded text,
    a line break and the file or case name (plus `` fid:N`` for attribute searches); no coder.

  ``Coded`` is the coded text, or "image" / "a/v" for non-text codings (skipped); ``Id`` is
  ``ctid:<n>`` for text. QualCoder writes XLSX with openpyxl, which stores a text starting with
  ``=`` as a formula: such cells are read as their text, never dropped.
* **qc** (qualitative-coding, Chris Proctor): a project folder with ``settings.yaml``. Version
  1.x keeps codes in an SQLite database (``coded_line``: line, coder, code; via ``location`` and
  ``document_index`` to the document); 0.x keeps ``codes/<document>.<coder>.codes`` files with
  one line per corpus line holding comma-separated codes. The unit is a line of the corpus
  text; ``codebook.yaml`` gives the nesting. qc's REFI-QDA export (``qc export``) is a .qdpx.

Units: in QualCoder and Taguette coders highlight freely, so there are no shared unit ids. A quote
is one distinct fragment: the same document and the same text make the same quote, whoever coded
it, with ``quote_id`` = a prefix plus the first 10 hex digits of the SHA-1 of document and text
(white space collapsed for the hash only; the text is kept exactly as exported). In qc the
quote is a line: ``quote_id`` = prefix + document + line number.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from ..errors import InputError

__all__ = ["read_taguette", "read_qualcoder", "read_qc", "detect_export", "read_export"]


def _read_any(path, what):
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{what} export does not exist", file=path, rule="file must exist")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = _read_xlsx(path)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""],
                                encoding="utf-8-sig", sep=None, engine="python")
    except (pd.errors.ParserError, ValueError, OSError, KeyError, zipfile.BadZipFile) as exc:
        raise InputError(f"cannot be read: {exc}", file=path, rule="CSV or XLSX export") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def _read_xlsx(path):
    """First sheet as text cells; a formula cell (openpyxl stores text starting with '=' as a
    formula) is read as its formula text, so '=Mooi was het' survives."""
    import pandas as pd
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb.worksheets[0]
        rows = [["" if v is None else str(v) for v in row]
                for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    if not rows:
        return pd.DataFrame()
    header, body = rows[0], rows[1:]
    width = len(header)
    # duplicate headings ("Category", "Category") get .1, .2 as pandas does
    seen, cols = {}, []
    for h in header:
        h = h.strip()
        if h in seen:
            seen[h] += 1
            cols.append(f"{h}.{seen[h]}")
        else:
            seen[h] = 0
            cols.append(h)
    frame = pd.DataFrame([(r + [""] * width)[:width] for r in body], columns=cols, dtype=object)
    return frame.replace({"": None})


def _require(frame, columns, path, tool):
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"not a {tool} export: column '{missing[0]}' is missing; columns are "
                         f"{', '.join(frame.columns)}", file=path, row=1, column=missing[0],
                         rule=f"{tool} export columns {', '.join(columns)}")


def _quote_id(prefix, document, text):
    norm = re.sub(r"\s+", " ", str(text)).strip()
    digest = hashlib.sha1(f"{document}\x1f{norm}".encode("utf-8")).hexdigest()[:10]
    return f"{prefix}{digest}", norm


def _build(records, prefix, path=None):
    import pandas as pd

    quotes, codings = {}, []
    for rec in records:
        qid = rec.get("quote_id") or _quote_id(prefix, rec["document"], rec["text"])[0]
        if qid not in quotes:
            quotes[qid] = {"quote_id": qid, "participant_id": rec["participant_id"],
                           "wave": rec.get("wave"), "source": rec.get("source"),
                           "role": rec.get("role"), "text": rec["text"],
                           "document": rec["document"]}
        if rec.get("code"):
            codings.append({"unit": qid, "coder": rec["coder"], "code": rec["code"]})
    q = pd.DataFrame(list(quotes.values()),
                     columns=["quote_id", "participant_id", "wave", "source", "role", "text",
                              "document"])
    from .refi import _check_vocabulary

    _check_vocabulary(q, path)
    c = pd.DataFrame(codings, columns=["unit", "coder", "code"]).drop_duplicates(
        ignore_index=True)
    return q, c


def read_taguette(path, *, coder, participants=None, wave=None, source=None, role=None):
    """Read a Taguette highlights export (CSV/XLSX) into quotes and codings.

    Parameters
    ----------
    path : str or Path
    coder : str
        Who coded this project (Taguette exports have no coder column).
    participants : dict, optional
        document name -> participant_id; default the document name.
    wave, source, role : str, optional
        Values for every quote of this export.

    Returns
    -------
    quotes, codings : DataFrame
        As in DESIGN.md (quotes also carry ``document``).
    """
    frame = _read_any(path, "Taguette")
    _require(frame, ("id", "document", "tag", "content"), path, "Taguette")
    records = []
    for row, rec in frame.iterrows():
        if not isinstance(rec["content"], str) or not rec["content"].strip():
            continue
        doc = str(rec["document"])
        records.append({"document": doc, "text": rec["content"],
                        "participant_id": (participants or {}).get(doc, doc),
                        "wave": wave, "source": source, "role": role, "coder": str(coder),
                        "code": rec["tag"] if isinstance(rec["tag"], str) else None})
    return _build(records, "T", str(path))


def _codebook_from_chains(chains, lang="nl"):
    """Codebook from {code name: [parent, grandparent, ...]} (leaf-first chains)."""
    from .codebook import Code, Codebook
    from .refi import _safe_id

    order, parent_of = [], {}
    for name, chain in chains.items():
        path = list(reversed(chain)) + [name]
        for i, node in enumerate(path):
            if node not in parent_of:
                parent_of[node] = path[i - 1] if i else None
                order.append(node)
    codes = [Code(id=_safe_id(n), label={lang: n},
                  parent=_safe_id(parent_of[n]) if parent_of[n] else None) for n in order]
    # parents before children
    placed, out = set(), []
    while len(out) < len(codes):
        for c in codes:
            if c.id not in placed and (c.parent is None or c.parent in placed):
                placed.add(c.id)
                out.append(c)
    return Codebook(out, name="import", language=lang)


def read_qualcoder(path, *, participants=None, wave=None, source=None, role=None,
                   coder="unknown", with_codebook=False):
    """Read a QualCoder coding report export (CSV/XLSX, releases 3.0 onwards) into quotes and
    codings (and, with ``with_codebook``, the codebook implied by the Category columns).

    Parameters
    ----------
    path : str or Path
    participants : dict, optional
        File or case name -> participant_id; default the case name (case results) or the file
        name (file results).
    wave, source, role : str, optional
        Defaults when no ``CaseVar_``/``FileVar_`` column named wave, source or role exists.
    coder : str
        Coder for the 3.0-3.5 CSV layout, which has no coder column.

    Returns
    -------
    quotes, codings : DataFrame
        Coder from the ``Coder`` column, code = the code name made an id (see
        :func:`impact.qual.refi._safe_id`); image and a/v codings skipped; the text exactly as
        exported.
    """
    from .refi import _safe_id

    frame = _read_any(path, "QualCoder")
    cols = list(frame.columns)
    chains, records = {}, []
    if "Coded" in cols and "Codename" in cols:
        doc_col = next((c for c in ("File/case", "File", "Case") if c in cols), cols[0])
        file_col = "Filename" if "Filename" in cols else None
        _require(frame, (doc_col, "Coder", "Coded", "Codename"), path, "QualCoder")
        cat_cols = [c for c in cols if c == "Category" or re.fullmatch(r"Category\.\d+", c)]

        def var(rec, name, default):
            for prefix in ("CaseVar_", "FileVar_"):
                col = prefix + name
                if col in rec.index and isinstance(rec[col], str) and rec[col].strip():
                    return rec[col].strip()
            return default

        for row, rec in frame.iterrows():
            text = rec["Coded"]
            ident = str(rec.get("Id", "") or "")
            if (not isinstance(text, str) or text == "" or ident.startswith(("imid", "avid"))
                    or (not ident and text in ("image", "a/v"))):
                continue
            name = rec[doc_col] if isinstance(rec[doc_col], str) else ""
            doc = rec[file_col] if file_col and isinstance(rec[file_col], str) else name
            code = rec["Codename"] if isinstance(rec["Codename"], str) else None
            if code:
                chains.setdefault(code, [c for c in (rec[k] for k in cat_cols)
                                         if isinstance(c, str) and c])
            records.append({"document": doc, "text": text,
                            "participant_id": (participants or {}).get(name, name),
                            "wave": var(rec, "wave", wave), "source": var(rec, "source", source),
                            "role": var(rec, "role", role),
                            "coder": rec["Coder"] if isinstance(rec["Coder"], str) else "unknown",
                            "code": _safe_id(code) if code else None})
    else:
        # 3.0-3.5 CSV: one column per code, cells "text\nfile or case name"
        cells = [(c, v) for c in cols for v in frame[c] if isinstance(v, str) and v]
        if not cells or any("\n" not in v for _, v in cells):
            raise InputError("not a QualCoder export: no 'Coded' and 'Codename' columns, and the "
                             "cells are not QualCoder 3.0-3.5 'text + line break + file' cells; "
                             f"columns are {', '.join(cols)}", file=path, row=1,
                             rule="QualCoder coding report export")
        for code, cell in cells:
            text, name = cell.rsplit("\n", 1)
            name = re.sub(r" fid:\d+$", "", name)
            chains.setdefault(code, [])
            records.append({"document": name, "text": text,
                            "participant_id": (participants or {}).get(name, name),
                            "wave": wave, "source": source, "role": role, "coder": str(coder),
                            "code": _safe_id(code)})
    quotes, codings = _build(records, "C", str(path))
    if with_codebook:
        return quotes, codings, _codebook_from_chains(chains)
    return quotes, codings


def _qc_codebook(path, file):
    """qc codebook.yaml: a list whose items are a code name or {name: [children]}."""
    import yaml

    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"the qc codebook is not valid YAML: {exc}", file=path,
                         rule="qc codebook.yaml") from None
    chains = {}

    def walk(items, parents):
        if not isinstance(items, list):
            return
        for item in items:
            if isinstance(item, dict):
                for name, kids in item.items():
                    chains[str(name)] = list(parents)
                    walk(kids, [str(name)] + parents)
            elif item is not None:
                chains[str(item)] = list(parents)

    walk(data, [])
    return chains


def read_qc(path, *, participants=None, wave=None, source=None, role=None):
    """Read a qc (qualitative-coding) project, old (0.x, ``codes/`` files) or new (1.x, SQLite).

    Parameters
    ----------
    path : str or Path
        The project folder or its ``settings.yaml``.

    Returns
    -------
    quotes, codings, codebook
        One quote per coded line: ``quote_id`` = ``L`` + document + ``:`` + line (1-based),
        ``text`` = that line of the corpus document; codes nested as in ``codebook.yaml``.
    """
    import sqlite3

    import yaml

    path = Path(path)
    settings_path = path / "settings.yaml" if path.is_dir() else path
    file = str(settings_path)
    if not settings_path.is_file():
        raise InputError("not a qc project: settings.yaml is missing", file=path,
                         rule="qc project folder")
    try:
        settings = yaml.safe_load(settings_path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"settings.yaml is not valid YAML: {exc}", file=file,
                         rule="qc settings") from None
    root = settings_path.parent.resolve()

    def inside(rel, what):
        target = (root / str(rel)).resolve()
        if root != target and root not in target.parents:
            raise InputError(f"{what} {rel!r} lies outside the project folder", file=file,
                             rule="no path outside the project folder")
        return target

    corpus = inside(settings.get("corpus_dir", "corpus"), "corpus_dir")
    rows = []   # (document, 0-based line, coder, code)
    db = settings.get("database")
    if db and inside(db, "database").is_file():
        uri = inside(db, "database").as_uri() + "?mode=ro"
        try:
            con = sqlite3.connect(uri, uri=True)
            try:
                rows = con.execute(
                    "SELECT di.document_id, cl.line, cl.coder_id, cl.code_id FROM coded_line cl "
                    "JOIN coded_line_location_association a ON a.coded_line_id = cl.id "
                    "JOIN location l ON l.id = a.location_id "
                    "JOIN document_index di ON di.id = l.document_index_id "
                    "ORDER BY di.document_id, cl.line, cl.coder_id, cl.code_id").fetchall()
            finally:
                con.close()
        except sqlite3.Error as exc:
            raise InputError(f"the qc database cannot be read: {exc}", file=db,
                             rule="qc 1.x database") from None
    elif settings.get("codes_dir"):
        codes_dir = inside(settings["codes_dir"], "codes_dir")
        for f in sorted(codes_dir.rglob("*.codes")):
            rel = f.relative_to(codes_dir).as_posix()
            doc, coder = rel[:-len(".codes")].rsplit(".", 1)
            for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
                for code in line.split(","):
                    if code.strip():
                        rows.append((doc, i, coder, code.strip()))
    else:
        raise InputError("settings.yaml names neither a database (qc 1.x) nor codes_dir (qc 0.x)",
                         file=file, rule="qc settings")
    texts, records = {}, []
    for doc, line, coder, code in sorted(set(rows), key=lambda r: (r[0], r[1], r[2], r[3])):
        if doc not in texts:
            target = inside(Path(settings.get("corpus_dir", "corpus")) / doc, "document")
            try:
                texts[doc] = target.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"corpus document {doc!r} cannot be read: {exc}", file=file,
                                 rule="qc corpus documents are UTF-8 text") from None
        lines = texts[doc]
        if not 0 <= int(line) < len(lines):
            raise InputError(f"a code of {coder!r} sits on line {int(line) + 1} of {doc!r}, which "
                             f"has {len(lines)} lines", file=file, rule="codes on corpus lines")
        name = Path(doc).stem
        records.append({"quote_id": f"L{doc}:{int(line) + 1}", "document": doc,
                        "text": lines[int(line)],
                        "participant_id": (participants or {}).get(name, name), "wave": wave,
                        "source": source, "role": role, "coder": coder, "code": code})
    chains = _qc_codebook(inside(settings.get("codebook", "codebook.yaml"), "codebook"), file)
    for r in records:
        chains.setdefault(r["code"], [])
    from .refi import _safe_id

    for r in records:
        r["code"] = _safe_id(r["code"])
    quotes, codings = _build(records, "L", file)
    return quotes, codings, _codebook_from_chains(chains)


TOOLS = ("refi", "qualcoder", "taguette", "qc")


def detect_export(path):
    """Which tool made this export: 'refi', 'qualcoder', 'taguette' or 'qc' (from the content)."""
    path = Path(path)
    if path.is_dir() or path.name == "settings.yaml":
        return "qc"
    if not path.is_file():
        raise InputError("the export does not exist", file=path, rule="file must exist")
    with open(path, "rb") as fh:
        head = fh.read(4)
    if path.suffix.lower() in (".qdpx", ".zip") or (
            head.startswith(b"PK") and path.suffix.lower() not in (".xlsx", ".xlsm")):
        return "refi"
    frame = _read_any(path, "QDA")
    cols = set(frame.columns)
    if {"id", "document", "tag", "content"} <= cols:
        return "taguette"
    if {"Coded", "Codename"} <= cols:
        return "qualcoder"
    cells = [v for c in frame.columns for v in frame[c] if isinstance(v, str) and v]
    if cells and all("\n" in v for v in cells):
        return "qualcoder"
    raise InputError("cannot tell which tool made this export (not a REFI-QDA .qdpx, QualCoder "
                     "coding report, Taguette highlights export or qc project); name it with "
                     f"--from; columns are {', '.join(map(str, frame.columns))}", file=path,
                     row=1, rule="QDA export formats")


def read_export(path, tool=None, *, coder=None, wave=None, source=None, role=None):
    """Read any supported export into (quotes, codings, codebook); ``tool`` as detect_export."""
    from .codebook import Codebook

    tool = tool or detect_export(path)
    if tool == "refi":
        from .refi import read_qdpx

        return read_qdpx(path, wave=wave, source=source, role=role)
    if tool == "qc":
        return read_qc(path, wave=wave, source=source, role=role)
    if tool == "qualcoder":
        return read_qualcoder(path, wave=wave, source=source, role=role,
                              coder=coder or "unknown", with_codebook=True)
    if tool == "taguette":
        from .refi import _safe_id

        q, c = read_taguette(path, coder=coder or Path(path).stem, wave=wave, source=source,
                             role=role)
        names = list(dict.fromkeys(c["code"]))
        c["code"] = [_safe_id(n) for n in c["code"]]
        cb = _codebook_from_chains({n: [] for n in names}) if names else Codebook([])
        return q, c, cb
    raise InputError(f"--from must be one of {', '.join(TOOLS)}", rule="known QDA tools")
