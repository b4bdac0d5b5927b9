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
from .refi import keep_memos
from .refi import record_set_aside as set_aside

__all__ = ["read_taguette", "read_qualcoder", "read_qc", "detect_export", "read_export"]



def _unique_headers(header) -> list[str]:
    """Column names with repeats numbered as pandas does (``name``, ``name.1``, ...)."""
    seen, cols = {}, []
    for h in header:
        seen[h] = seen.get(h, -1) + 1
        cols.append(f"{h}.{seen[h]}" if seen[h] else h)
    return cols

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
    cols = _unique_headers(h.strip() for h in header)
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
                           "document": rec["document"], "memo": rec.get("quote_memo")}
        if rec.get("code"):
            codings.append({"unit": qid, "coder": rec["coder"], "code": rec["code"],
                            "memo": rec.get("memo")})
    q = pd.DataFrame(list(quotes.values()),
                     columns=["quote_id", "participant_id", "wave", "source", "role", "text",
                              "document", "memo"])
    from .refi import _check_vocabulary

    _check_vocabulary(q, path)
    c = pd.DataFrame(codings, columns=["unit", "coder", "code", "memo"]).drop_duplicates(
        subset=["unit", "coder", "code"], ignore_index=True)
    return keep_memos(q), keep_memos(c)


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
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm") and any(
            str(c).startswith(("FileVar_", "CaseVar_")) for c in frame.columns):
        frame = _qualcoder_csv_realigned(path)
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

        skipped = {"image codings": 0, "audio/video codings": 0, "empty codings": 0}
        for row, rec in frame.iterrows():
            text = rec["Coded"]
            ident = str(rec.get("Id", "") or "")
            if ident.startswith("imid") or (not ident and text == "image"):
                skipped["image codings"] += 1
                continue
            if ident.startswith("avid") or (not ident and text == "a/v"):
                skipped["audio/video codings"] += 1
                continue
            if not isinstance(text, str) or text == "":
                skipped["empty codings"] += 1
                continue
            memo = rec.get("Coded_Memo")
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
                            "code": _safe_id(code) if code else None,
                            "memo": memo if isinstance(memo, str) and memo.strip() else None})
    else:
        skipped = {}
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
    set_aside(codings, skipped)
    if with_codebook:
        return quotes, codings, _codebook_from_chains(chains)
    return quotes, codings


def _qualcoder_csv_realigned(path):
    """A QualCoder 3.6+ CSV report with file or case variables, columns put right.

    QualCoder's CSV writer (``report_codes.py``, ``export_csv_file``) heads the file with as many
    ``Category`` columns as the longest category chain, but writes each row's own categories
    without padding and the variables straight after them: in a row whose code has fewer
    categories, the variable values sit under ``Category`` headings (its XLSX writer pads, so
    XLSX is read as it is). Here each row's cells after ``Coded_Memo`` are split anew: the last
    cells are the variables, the ones before them the categories. A row with more cells than
    the heading, or fewer than its variables, is refused naming the row.
    """
    import csv
    import io

    import pandas as pd

    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot be read as UTF-8: {exc}", file=path,
                         rule="QualCoder CSV export (UTF-8)") from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in rows[0]]
    var_cols = [i for i, h in enumerate(header) if h.startswith(("FileVar_", "CaseVar_"))]
    cat_cols = [i for i, h in enumerate(header) if h == "Category"]
    first_tail = min(cat_cols + var_cols)
    if var_cols != list(range(len(header) - len(var_cols), len(header))) or (
            cat_cols and cat_cols != list(range(first_tail, first_tail + len(cat_cols)))):
        raise InputError("the Category and variable columns are not where QualCoder writes them "
                         "(categories, then FileVar_/CaseVar_ columns, last)", file=path, row=1,
                         rule="QualCoder CSV export layout")
    n_vars, n_cats = len(var_cols), len(cat_cols)
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise InputError(f"the row has {len(row)} cells, more than the {len(header)} "
                             "headings", file=path, row=number,
                             rule="QualCoder CSV export layout")
        tail = row[first_tail:]
        if len(tail) < n_vars:
            raise InputError(f"the row has {len(row)} cells, too few for its {n_vars} "
                             "variables; the columns cannot be put right", file=path, row=number,
                             rule="QualCoder CSV export layout")
        cats = tail[:len(tail) - n_vars]
        if len(cats) > n_cats:
            raise InputError(f"the row has {len(cats)} categories, more than the {n_cats} "
                             "Category headings", file=path, row=number,
                             rule="QualCoder CSV export layout")
        body.append(row[:first_tail] + cats + [""] * (n_cats - len(cats))
                    + tail[len(tail) - n_vars:])
    cols = _unique_headers(header)
    frame = pd.DataFrame(body, columns=cols, dtype=object).replace({"": None})
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def _qc_yaml(path, what):
    """A qc YAML file through impact's safe loader (size, depth, alias-expansion and duplicate-
    key limits of :mod:`impact._yaml`)."""
    import yaml

    from .._yaml import MAX_YAML_BYTES, YamlLimitError, safe_load_limited

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{what} cannot be read: {exc.strerror}", file=path,
                         rule="qc project files") from None
    if size > MAX_YAML_BYTES:
        raise InputError(f"{what} is {size:,} bytes, more than the limit of "
                         f"{MAX_YAML_BYTES:,}", file=path, rule="YAML size limit")
    try:
        return safe_load_limited(path.read_text(encoding="utf-8"), unique_keys=False)
    except YamlLimitError as exc:
        raise InputError(f"{what}: {exc}", file=path, row=exc.line,
                         rule="YAML limits (depth, aliases)") from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"{what} is not valid YAML: {exc}", file=path,
                         rule="qc YAML") from None


def _qc_codebook(path, file):
    """qc codebook.yaml: a list whose items are a code name or {name: [children]} (walked
    without recursion)."""
    if not path.is_file():
        return {}
    data = _qc_yaml(path, "the qc codebook") or []
    chains = {}
    stack = [(data, [])]
    while stack:
        items, parents = stack.pop()
        if not isinstance(items, list):
            continue
        later = []
        for item in items:
            if isinstance(item, dict):
                for name, kids in item.items():
                    chains[str(name)] = list(parents)
                    later.append((kids, [str(name)] + parents))
            elif item is not None:
                chains[str(item)] = list(parents)
        stack.extend(reversed(later))
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
    path = Path(path)
    settings_path = path / "settings.yaml" if path.is_dir() else path
    file = str(settings_path)
    if not settings_path.is_file():
        raise InputError("not a qc project: settings.yaml is missing", file=path,
                         rule="qc project folder")
    settings = _qc_yaml(settings_path, "settings.yaml") or {}
    if not isinstance(settings, dict):
        raise InputError("settings.yaml is not a mapping of settings", file=file,
                         rule="qc settings")
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
    if db is not None and not isinstance(db, str):
        raise InputError("settings.yaml: database must be a file name", file=file,
                         rule="qc settings")
    if db and inside(db, "database").is_file():
        dbfile = inside(db, "database")
        with open_sqlite(dbfile, "the qc database") as con:
            _require_tables(con, dbfile, ("coded_line", "coded_line_location_association",
                                          "location", "document_index"), "a qc 1.x database")
            rows = fetch_limited(
                con, "SELECT di.document_id, cl.line, cl.coder_id, cl.code_id FROM coded_line cl "
                "JOIN coded_line_location_association a ON a.coded_line_id = cl.id "
                "JOIN location l ON l.id = a.location_id "
                "JOIN document_index di ON di.id = l.document_index_id", dbfile,
                "the qc database")
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


# Budgets for an SQLite file from outside (a qc database, a QualCoder project): it is opened
# read-only and immutable (SQLite never writes, locks or journals it), every statement is
# stopped after SQLITE_SECONDS of work (a progress handler), temporary data stay in memory
# under a hard heap limit (no temp file grows on disk), and at most SQLITE_ROWS rows are read.
SQLITE_SECONDS = 10.0
SQLITE_HEAP = 256 * 1024 * 1024
SQLITE_ROWS = 2_000_000
SQLITE_MAX_BYTES = 512 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"


class _SqliteBudget:
    def __init__(self, seconds):
        import time

        self.deadline = time.monotonic() + seconds
        self.expired = False

    def __call__(self):
        import time

        if time.monotonic() > self.deadline:
            self.expired = True
            return 1            # non-zero: SQLite interrupts the statement
        return 0


class open_sqlite:
    """``with open_sqlite(path, what) as con``: a budgeted read-only connection (see above);
    every SQLite error, and a budget run out, is an InputError naming the file."""

    def __init__(self, path, what, seconds=SQLITE_SECONDS):
        self.path, self.what, self.seconds = Path(path), what, seconds

    def __enter__(self):
        import sqlite3

        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise InputError(f"{self.what} cannot be read: {exc.strerror}", file=self.path,
                             rule="SQLite database") from None
        if size > SQLITE_MAX_BYTES:
            raise InputError(f"{self.what} is {size // 2**20} MB, more than the limit of "
                             f"{SQLITE_MAX_BYTES // 2**20} MB", file=self.path,
                             rule="SQLite size limit")
        uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        self.budget = _SqliteBudget(self.seconds)
        try:
            self.con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self.con.set_progress_handler(self.budget, 10_000)
            for pragma in ("PRAGMA temp_store = MEMORY", f"PRAGMA hard_heap_limit = {SQLITE_HEAP}",
                           "PRAGMA trusted_schema = OFF", "PRAGMA query_only = ON"):
                self.con.execute(pragma)
            self.con.text_factory = lambda b: b.decode("utf-8", errors="replace")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        return self.con

    def _error(self, exc):
        if self.budget.expired:
            return InputError(f"{self.what} took more than {self.seconds:.0f} s to read (an "
                              "endless view or a hostile query?); refused", file=self.path,
                              rule="SQLite time budget")
        if isinstance(exc, MemoryError) or "memory" in str(exc).lower():
            return InputError(f"{self.what} needs more than {SQLITE_HEAP // 2**20} MB of memory "
                              "to read (a hostile query?); refused", file=self.path,
                              rule="SQLite memory budget")
        return InputError(f"{self.what} cannot be read: {exc or type(exc).__name__}",
                          file=self.path, rule="SQLite database")

    def __exit__(self, kind, exc, tb):
        import sqlite3

        con = getattr(self, "con", None)
        if con is not None:
            con.close()
        if isinstance(exc, (sqlite3.Error, MemoryError)):
            raise self._error(exc) from None
        return False


def fetch_limited(con, sql, path, what, params=(), limit=SQLITE_ROWS):
    """Rows of ``sql``, at most ``limit`` (more is an InputError)."""
    cur = con.execute(sql, params)
    rows = []
    while True:
        batch = cur.fetchmany(10_000)
        if not batch:
            return rows
        rows.extend(batch)
        if len(rows) > limit:
            raise InputError(f"{what} holds more than {limit:,} rows", file=path,
                             rule="SQLite row limit")


def _require_tables(con, path, tables, what):
    """The named objects must be plain tables (a view could be endless or hostile)."""
    found = dict(fetch_limited(con, "SELECT name, type FROM sqlite_master WHERE type IN "
                               "('table', 'view')", path, "the database schema", limit=10_000))
    missing = [t for t in tables if t not in found]
    views = [t for t in tables if found.get(t) == "view"]
    if missing or views:
        detail = (f"table {missing[0]!r} is missing" if missing
                  else f"{views[0]!r} is a view, not a table")
        raise InputError(f"not {what}: {detail}; the database holds "
                         f"{', '.join(sorted(found)[:12]) or 'no tables'}", file=path,
                         rule=f"{what} schema")


def is_sqlite(path):
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


_QUALCODER_TABLES = ("source", "code_name", "code_text")


def read_qualcoder_project(path, *, participants=None, wave=None, source=None, role=None):
    """Read a QualCoder project database (the SQLite ``data.qda`` inside a ``.qda`` project
    folder) into quotes, codings and codebook.

    The database is opened read-only and immutable within the budgets of :func:`open_sqlite`;
    an SQLite file without QualCoder's tables (``source``, ``code_name``, ``code_text``) is
    refused as such. Text codings (``code_text``) become quotes (document = source name,
    participant = the source's case, else the source name); the coding memo (``code_text.memo``)
    is the coding's ``memo``; code memos are code descriptions; categories (``code_cat``) nest
    the codes. Codings of images (``code_image``) and audio/video (``code_av``) are counted in
    ``codings.attrs['set_aside']``.
    """
    path = Path(path)
    file = str(path)
    with open_sqlite(path, "the QualCoder project") as con:
        found = {r[0] for r in fetch_limited(con, "SELECT name FROM sqlite_master WHERE type = "
                                             "'table'", path, "the schema", limit=10_000)}
        if not set(_QUALCODER_TABLES) <= found:
            raise InputError("an SQLite database, but not a QualCoder project (no "
                             f"{', '.join(t for t in _QUALCODER_TABLES if t not in found)} "
                             f"table); it holds {', '.join(sorted(found)[:12]) or 'no tables'}",
                             file=path, rule="QualCoder project database")
        _require_tables(con, path, _QUALCODER_TABLES, "a QualCoder project")
        sources = dict(fetch_limited(con, "SELECT id, name FROM source", path, "source"))
        cats = {}
        if "code_cat" in found:
            cats = {r[0]: (r[1], r[2]) for r in fetch_limited(
                con, "SELECT catid, name, supercatid FROM code_cat", path, "code_cat")}
        code_rows = fetch_limited(con, "SELECT cid, name, memo, catid FROM code_name", path,
                                  "code_name")
        rows = fetch_limited(con, "SELECT cid, fid, seltext, owner, memo, pos0 FROM code_text",
                             path, "code_text")
        case_of = {}
        if {"cases", "case_text"} <= found:
            for fid, name in fetch_limited(
                    con, "SELECT ct.fid, c.name FROM case_text ct JOIN cases c ON "
                    "c.caseid = ct.caseid", path, "case_text"):
                case_of.setdefault(fid, name)
        counts = {}
        for table, what in (("code_image", "image codings"), ("code_av", "audio/video codings")):
            if table in found:
                _require_tables(con, path, (table,), "a QualCoder project")
                counts[what] = fetch_limited(con, f"SELECT count(*) FROM {table}", path,
                                             table)[0][0]
    from .codebook import Code, Codebook
    from .refi import _safe_id

    def chain(catid):
        out, seen = [], set()
        while catid is not None and catid in cats and catid not in seen:
            seen.add(catid)
            out.append(cats[catid][0])
            catid = cats[catid][1]
        return out

    names = {cid: name for cid, name, _, _ in code_rows}
    memos = {name: memo for _, name, memo, _ in code_rows if memo}
    chains = {name: chain(catid) for _, name, _, catid in code_rows}
    records = []
    for cid, fid, text, owner, memo, _ in sorted(rows, key=lambda r: (r[1] or 0, r[5] or 0)):
        if not isinstance(text, str) or not text or cid not in names:
            counts["text codings without text or code"] = \
                counts.get("text codings without text or code", 0) + 1
            continue
        doc = str(sources.get(fid, fid))
        name = case_of.get(fid, doc)
        records.append({"document": doc, "text": text,
                        "participant_id": (participants or {}).get(name, name), "wave": wave,
                        "source": source, "role": role, "coder": owner or "unknown",
                        "code": _safe_id(names[cid]),
                        "memo": memo if isinstance(memo, str) and memo.strip() else None})
    quotes, codings = _build(records, "C", file)
    set_aside(codings, counts)
    codebook = _codebook_from_chains(chains)
    codebook = Codebook([Code(id=c.id, label=c.label, parent=c.parent,
                              description=(memos.get(c.label.get("nl", "")) or "").strip())
                         for c in codebook], name=path.stem, language="nl")
    return quotes, codings, codebook


TOOLS = ("refi", "qualcoder", "taguette", "qc")


def detect_export(path):
    """Which tool made this export: 'refi', 'qualcoder', 'taguette' or 'qc' (from the content)."""
    path = Path(path)
    if path.is_dir() or path.name == "settings.yaml":
        return "qc"
    if not path.is_file():
        raise InputError("the export does not exist", file=path, rule="file must exist")
    if is_sqlite(path):
        return "qualcoder-project"
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
    if tool == "qualcoder-project" or (tool == "qualcoder" and is_sqlite(path)):
        return read_qualcoder_project(path, wave=wave, source=source, role=role)
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
