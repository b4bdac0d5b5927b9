"""Reading response files into a long frame whose index is the source row number.

Three formats are read (DESIGN.md, "Response data"):

* CSV: comma, semicolon, tab or pipe separated; decimal point or decimal comma; UTF-8 with or
  without a byte-order mark, UTF-16 with a BOM, or Windows-1252 (cp1252, the default of Dutch
  Excel). Dialect and encoding are sniffed from the first 64 KiB, then pandas' C parser reads the
  whole file (fast; ``sep=None`` with the Python engine is 10-30x slower).
* XLSX: the sheet named (or numbered) by the protocol's ``sheet:``, else the workbook's only
  sheet; a workbook with a hidden sheet or several visible ones and no name is an error listing
  them (a stale hidden copy is never read silently). The header row is given (``header_row``) or
  detected as the first of the top 30 rows that names the participant column.
* SPSS ``.sav`` through pyreadstat: item columns keep their numeric codes, SPSS user-missing
  values become empty, and value labels are kept in ``frame.attrs["value_labels"]``; identifier
  and background columns (wave, site, group, ...) that carry value labels are mapped from code to
  label, so a wave coded ``1 = "T0"`` matches the protocol's ``T0``.

Survey exports: a Qualtrics CSV's question-text and ``{"ImportId": ...}`` rows under the header
are skipped (data rows keep their spreadsheet numbers). XLSX is read exactly: the whole sheet
whatever its stored ``<dimension>`` tag says, a formula without a stored result is an error naming
the cell, error values (``#N/A``, ``#DIV/0!``) are kept as text for the item check to refuse. An
XLSX header with merged wave cells above repeated item names gives ``<item>_<wave>`` names.

Limits (each a clear :class:`InputError`): :data:`MAX_COLUMNS` columns, :data:`MAX_FILE_BYTES`
per file; XLSX :data:`MAX_XLSX_UNCOMPRESSED` bytes unzipped, :data:`MAX_XLSX_PART` for a part that
is read whole, :data:`MAX_XLSX_CELLS` cells (the sheet's ``<c>`` elements counted before any
cell is parsed); ``.sav`` checked from its header before reading.

Answer labels, layouts and the protocol's mapping are applied by :func:`impact.io.load_responses`
(impact/io/load.py, impact/io/answers.py), which calls these readers.

Every reader returns a frame whose index is named ``row`` and holds the row number a user sees
(spreadsheet row; header = row 1, or the header's own row for a sheet with a title block above it;
for a ``.sav`` file the case number + 1). ``frame.attrs["source_file"]`` holds the path. The input
file is only ever opened for reading.

Known limit: a CSV record whose quoted text spans several lines shifts the row numbers of the
records after it (rows are counted as physical lines, which keeps the C parser's speed).
"""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path

from ..errors import InputError, Problem

__all__ = ["read_responses", "sniff_csv", "clean_text", "ID_COLUMNS"]

ID_COLUMNS = ("participant_id", "wave")
# Limits: each a clear error, so a small hostile file cannot take the machine's memory.
MAX_COLUMNS = 5_000                 # columns of a response file
MAX_XLSX_CELLS = 5_000_000          # cells of one sheet (about 75,000 rows x 65 columns)
MAX_XLSX_UNCOMPRESSED = 500_000_000  # bytes of the workbook's XML once unzipped
MAX_XLSX_PART = 50_000_000          # bytes of one part that is not a worksheet (shared strings,
                                    # styles: read into memory whole, unlike the streamed sheet)
MAX_FILE_BYTES = 2_000_000_000      # any response file
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!")
_TEXT_COLUMNS = ("participant_id", "wave", "site", "group")
_SAMPLE = 64 * 1024
_SEPARATORS = (",", ";", "\t", "|")
_DECIMAL_COMMA = re.compile(r"^\s*-?\d+,\d+\s*$")
_DECIMAL_POINT = re.compile(r"^\s*-?\d+\.\d+\s*$")
_HEADER_SCAN = 30
_ITEM = re.compile(r"^[a-z][a-z0-9]*_\d+$")
# Spellings of "missing" that R, Stata and spreadsheets write; empty in item columns only (an id
# or a neighbourhood called "NA" stays text).
NA_SPELLINGS = ("", "NA", "N/A", "n/a", "NaN", "nan", "#N/A", "NULL")


def _is_item(name, columns) -> bool:
    mapped = {str(k): str(v) for k, v in (columns or {}).items()}.get(name, name)
    return bool(_ITEM.match(mapped))


# --------------------------------------------------------------------------------------- sniffing
def _decode_sample(raw: bytes, path) -> tuple[str, str]:
    """Encoding and decoded text of the first bytes of a file."""
    if raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if b"\x00" in raw:
            raise InputError("the file holds binary data (NUL bytes), not CSV text; is it a "
                             "spreadsheet or another format saved with a .csv name?", file=path,
                             row=1, rule="CSV is text")
        try:
            raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            # A multi-byte character cut off at the end of the sample is still UTF-8.
            encoding = "utf-8" if exc.start >= len(raw) - 3 and len(raw) == _SAMPLE else "cp1252"
    text = raw.decode(encoding, errors="replace")
    if encoding == "cp1252" and _looks_binary(text):
        raise InputError("the file is not text in UTF-8 or Windows-1252; it looks like binary "
                         "data saved with a .csv name", file=path, row=1, rule="CSV is text")
    return encoding, text


def _looks_binary(text: str) -> bool:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    return control > max(2, len(text) // 100)


def _complete_lines(text: str, truncated: bool) -> list[str]:
    lines = text.splitlines()
    if truncated and lines:
        lines = lines[:-1]  # the last line of a sample may be cut off
    return lines


def sniff_csv(path, sample: int = _SAMPLE) -> dict:
    """Sniff a CSV file's encoding, separator and decimal mark from its first bytes.

    Returns
    -------
    dict
        ``encoding`` (``utf-8``, ``utf-8-sig``, ``utf-16`` or ``cp1252``), ``sep``, ``decimal``
        and ``lines`` (the complete sample lines, decoded).

    Notes
    -----
    The separator is the candidate among ``, ; TAB |`` that splits the header into the most
    fields and gives the same field count on the following sample lines (quotes respected). A
    decimal comma is assumed when the separator is not a comma and a field of the sample looks
    like ``12,5`` while none looks like ``12.5``.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        raw = handle.read(sample)
    if not raw.strip():
        raise InputError("the file is empty", file=path, rule="a header row and data rows")
    encoding, text = _decode_sample(raw, path)
    physical = _complete_lines(text, len(raw) == sample)
    lines = [ln for ln in physical if ln.strip()]
    if not lines:  # one long line without a newline in the sample
        lines = [text.splitlines()[0]]
    head = lines[: min(len(lines), 50)]
    best, best_key = ",", None
    for sep in _SEPARATORS:
        try:
            counts = [len(r) for r in csv.reader(head, delimiter=sep)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        consistent = sum(c == counts[0] for c in counts) / len(counts)
        key = (consistent >= 0.9, counts[0])
        if best_key is None or key > best_key:
            best, best_key = sep, key
    decimal = "."
    if best != ",":
        fields = [f for r in csv.reader(head[1:], delimiter=best) for f in r]
        if any(_DECIMAL_COMMA.match(f) for f in fields) and not any(
                _DECIMAL_POINT.match(f) for f in fields):
            decimal = ","
    return {"encoding": encoding, "sep": best, "decimal": decimal, "lines": lines,
            "physical": physical or lines}


# ----------------------------------------------------------------------------------- header rows
def norm_name(name) -> str:
    """A column name as compared with the protocol's mapping: spaces collapsed, case folded."""
    return " ".join(str(name).split()).casefold()


def _source_names(columns: dict | None, target: str) -> set[str]:
    names = {target}
    for source, contract in (columns or {}).items():
        if contract == target:
            names.add(str(source))
    return {norm_name(n) for n in names}


def _detect_header(rows: list[list], columns: dict | None) -> int | None:
    """0-based position of the first row naming the participant column, else None."""
    wanted = _source_names(columns, "participant_id")
    for i, cells in enumerate(rows[:_HEADER_SCAN]):
        if any(norm_name(c) in wanted for c in cells if c is not None):
            return i
    return None


def _check_header(names: list, path, header_row: int) -> list[str]:
    """Header cells as text; blank or duplicated names are errors naming their position."""
    from ..errors import ProblemList

    if len(names) > MAX_COLUMNS:
        raise InputError(f"the header has {len(names):,} columns; the limit is {MAX_COLUMNS:,}",
                         file=path, row=header_row, rule="column limit")
    problems = ProblemList()
    seen: dict[str, int] = {}
    out = []
    for position, name in enumerate(names, start=1):
        text = "" if name is None else str(name).strip()
        if isinstance(name, float) and name.is_integer():
            text = str(int(name))
        if text == "" or text.lower() == "nan":
            text = f"<blank {position}>"
        elif text in seen:
            problems.add(f"column name '{text}' appears twice (header cells {seen[text]} and "
                         f"{position}); each column needs its own name", file=path,
                         row=header_row, column=text, rule="column names are unique")
        seen.setdefault(text, position)
        out.append(text)
    problems.raise_if_errors()
    return out


# ---------------------------------------------------------------------------------------- readers
def _read_csv(path: Path, columns, header_row):
    import pandas as pd

    dialect = sniff_csv(path)
    rows = list(csv.reader(dialect["physical"][:_HEADER_SCAN], delimiter=dialect["sep"]))
    if header_row is None:
        found = _detect_header(rows, columns)
        header_row = 1 if found is None else found + 1
    header_line = _nth_line(path, dialect, header_row)
    if header_line is None:
        raise InputError(f"header row {header_row} is beyond the end of the file", file=path,
                         row=header_row, rule="header_row points at the column names")
    first = next(csv.reader([header_line], delimiter=dialect["sep"]))
    if len(first) > MAX_COLUMNS:
        raise InputError(f"the header has {len(first):,} columns; the limit is {MAX_COLUMNS:,}",
                         file=path, row=header_row, rule="column limit")
    names = _check_header(first, path, header_row)
    extra_header = _qualtrics_rows(dialect, header_row)
    text_sources = set()
    for target in _TEXT_COLUMNS:
        text_sources |= _source_names(columns, target)
    dtype = {n: "str" for n in names if norm_name(n) in text_sources}
    na_values = {n: list(NA_SPELLINGS) if _is_item(n, columns) else [""] for n in names}

    def read(encoding):
        import warnings

        with warnings.catch_warnings():  # mixed types in a column: validation reports the text
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)
            return _read(encoding)

    def _read(encoding):
        return pd.read_csv(path, sep=dialect["sep"], decimal=dialect["decimal"],
                           encoding=encoding, engine="c", header=None, names=names,
                           skiprows=header_row + extra_header, dtype=dtype,
                           keep_default_na=False,
                           na_values=na_values, skip_blank_lines=False, index_col=False)

    try:
        try:
            frame = read(dialect["encoding"])
        except UnicodeDecodeError:
            if dialect["encoding"] != "utf-8":
                raise
            frame = read("cp1252")  # non-UTF-8 bytes only beyond the sniffed sample
            dialect["encoding"] = "cp1252"
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=names)
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+), saw (\d+)", str(exc))
        if match:
            line, saw = int(match.group(1)), int(match.group(2))
            raise InputError(f"has {saw} fields where the header has {len(names)}; check the "
                             f"separator ({_sep_name(dialect['sep'])}) and quotes", file=path,
                             row=line, rule="every row has the header's columns"
                             ) from None
        raise InputError(f"cannot be read as CSV: {exc}", file=path, rule="CSV format") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"cannot be read as CSV: {exc}", file=path, rule="CSV format") from None
    start = header_row + extra_header + 1
    frame.index = pd.RangeIndex(start, start + len(frame), name="row")
    frame.attrs["dialect"] = {k: dialect[k] for k in ("encoding", "sep", "decimal")}
    if extra_header:
        frame.attrs["survey_tool"] = "qualtrics"
    return frame, header_row


_IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:')


def _qualtrics_rows(dialect, header_row) -> int:
    """2 when the two rows under the header are a Qualtrics export's question text and ImportId
    rows (``{"ImportId":"QID1_1"}``), else 0. Row numbers of the data stay those of the file."""
    import io

    try:  # logical records: a question text may hold line breaks inside quotes
        records = list(csv.reader(io.StringIO("\n".join(dialect["physical"][:200])),
                                  delimiter=dialect["sep"]))
    except csv.Error:
        return 0
    if len(records) < header_row + 2:
        return 0
    third = records[header_row + 1]
    filled = [f for f in third if f.strip()]
    if filled and sum(bool(_IMPORT_ID.match(f)) for f in filled) >= 0.8 * len(filled):
        return 2
    return 0


def _sep_name(sep: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[sep]


def _nth_line(path, dialect, number: int) -> str | None:
    """Physical line ``number`` (1-based) of the file, decoded."""
    with open(path, encoding=dialect["encoding"], errors="replace", newline="") as handle:
        for i, line in enumerate(handle, start=1):
            if i == number:
                return line.rstrip("\r\n")
    return None


def _xlsx_guard(path: Path):
    """Refuse a workbook whose parts would unzip to more than the limit (a ZIP bomb)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"cannot be opened as an Excel workbook (.xlsx): {exc}", file=path,
                         rule="xlsx is a valid Office Open XML workbook") from None
    if len(infos) > 10_000:
        raise InputError(f"the workbook holds {len(infos):,} parts; the limit is 10,000", file=path,
                         rule="xlsx size limit")
    for info in infos:
        if info.file_size > MAX_XLSX_PART and not info.filename.startswith("xl/worksheets/"):
            raise InputError(f"the workbook part {info.filename} unzips to {info.file_size:,} "
                             f"bytes; the limit is {MAX_XLSX_PART:,}", file=path,
                             rule="xlsx size limit")
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise InputError(f"the workbook unzips to {total:,} bytes; the limit is "
                         f"{MAX_XLSX_UNCOMPRESSED:,}", file=path, rule="xlsx size limit")


def _only_visible_sheet(book, path) -> str:
    """The sheet to read when none is named: the workbook's only sheet, visible. A hidden sheet
    (often an old copy) or several visible ones is an error listing them: which sheet holds the
    data is the user's choice (protocol ``sheet:``), never a guess."""
    states = [(n, getattr(book[n], "sheet_state", "visible") or "visible")
              for n in book.sheetnames]
    if len(states) == 1 and states[0][1] == "visible":
        return states[0][0]
    listed = ", ".join(f"'{n}'" + ("" if st == "visible" else f" ({st})") for n, st in states)
    visible = [n for n, st in states if st == "visible"]
    why = ("holds hidden sheets" if len(visible) <= 1 else f"has {len(visible)} visible sheets")
    raise InputError(f"the workbook {why} ({listed}); name the sheet to read (protocol 'sheet:')",
                     file=path, rule="the sheet read is named, or the only sheet")


_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")


def _count_stored_cells(ws) -> int:
    """Cells stored in a worksheet's XML (``<c>`` elements), counted in blocks without parsing:
    about 1 s for 100 MB, whatever the ``<dimension>`` tag claims."""
    count, tail = 0, b""
    with ws._get_source() as src:  # noqa: SLF001 - openpyxl offers no public stream
        for block in iter(lambda: src.read(1 << 22), b""):
            chunk = tail + block
            # up to the last '<': a tag cut at the block's end is counted in the next round
            cut = chunk.rfind(b"<")
            if cut < 0:
                tail = b""
                continue
            count += len(_CELL_TAG.findall(chunk, 0, cut))
            tail = chunk[cut:]
            if count > MAX_XLSX_CELLS:
                return count
    return count + len(_CELL_TAG.findall(tail))


def _has_formulas(book, sheet_name) -> bool:
    """True when the sheet's XML holds a formula element (read in blocks, nothing kept)."""
    ws = book[sheet_name]
    with ws._get_source() as src:  # noqa: SLF001 - openpyxl offers no public stream
        tail = b""
        for block in iter(lambda: src.read(1 << 20), b""):
            chunk = tail + block
            if b"<f>" in chunk or b"<f " in chunk or b":f>" in chunk or b":f " in chunk:
                return True
            tail = block[-4:]
    return False


def _cell_name(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


def _read_xlsx(path: Path, columns, header_row, sheet, wave_pattern=None):
    import pandas as pd

    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise InputError("reading .xlsx needs openpyxl", file=path, rule="xlsx support") from None
    import zipfile

    _xlsx_guard(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(f"cannot be opened as an Excel workbook (.xlsx): {exc}", file=path,
                         rule="xlsx is a valid Office Open XML workbook") from None
    formulas = []
    try:
        names = book.sheetnames
        if sheet is None:
            sheet_name = _only_visible_sheet(book, path)
        elif isinstance(sheet, int):
            if not 1 <= sheet <= len(names):
                raise InputError(f"sheet number {sheet} does not exist; the workbook has "
                                 f"{len(names)} sheet(s): {', '.join(names)}", file=path,
                                 rule="sheet names an existing sheet (1 = first)")
            sheet_name = names[sheet - 1]
        else:
            if sheet not in names:
                raise InputError(f"sheet '{sheet}' does not exist; sheets: {', '.join(names)}",
                                 file=path, rule="sheet names an existing sheet")
            sheet_name = sheet
        ws = book[sheet_name]
        # the cell limit before any cell is read: openpyxl takes ~30 us a cell, so a sheet of
        # 10 million cells would run for minutes before a limit counted while reading stops it
        stored = _count_stored_cells(ws)
        if stored > MAX_XLSX_CELLS:
            raise InputError(f"sheet '{sheet_name}' has more than {MAX_XLSX_CELLS:,} cells; "
                             f"save it as CSV (counted before reading: {stored:,} or more)",
                             file=path, rule="xlsx size limit")
        # The stored <dimension> tag may be stale (written by another tool): read-only mode
        # would trust it and silently drop rows and columns. Read the whole sheet instead.
        ws.reset_dimensions()
        rows, cells = [], 0
        for r in ws.iter_rows(values_only=True):
            if len(r) > MAX_COLUMNS:
                raise InputError(f"row {len(rows) + 1} of sheet '{sheet_name}' has {len(r):,} "
                                 f"columns; the limit is {MAX_COLUMNS:,}", file=path,
                                 row=len(rows) + 1, rule="column limit")
            cells += len(r)
            if cells > MAX_XLSX_CELLS:
                raise InputError(f"sheet '{sheet_name}' has more than {MAX_XLSX_CELLS:,} cells; "
                                 f"save it as CSV", file=path, rule="xlsx size limit")
            rows.append(list(r))
        if _has_formulas(book, sheet_name):
            formulas = _formulas_without_value(path, sheet_name, rows)
    except InputError:
        raise
    except Exception as exc:  # corrupt XML inside a valid ZIP, etc.
        raise InputError(f"cannot read the workbook: {type(exc).__name__}: {exc}", file=path,
                         rule="xlsx is a valid Office Open XML workbook") from None
    finally:
        book.close()
    if formulas:
        problems = [Problem(f"cell {_cell_name(r, c)} holds a formula ({text}) without a stored "
                            f"result; open and save the file in Excel or LibreOffice so the "
                            f"results are stored, or replace the formula by its value",
                            file=str(path), row=r, column=_cell_name(r, c),
                            rule="xlsx formulas need their computed value")
                    for r, c, text in formulas[:20]]
        if len(formulas) > 20:
            problems.append(Problem(f"... and {len(formulas) - 20} more formula cells without a "
                                    f"stored result", file=str(path),
                                    rule="xlsx formulas need their computed value"))
        raise InputError(problems=problems)
    while rows and all(c is None or str(c).strip() == "" for c in rows[-1]):
        rows.pop()
    if not rows:
        raise InputError(f"sheet '{sheet_name}' is empty", file=path,
                         rule="a header row and data rows")
    if header_row is None:
        found = _detect_header(rows, columns)
        header_row = 1 if found is None else found + 1
    if header_row > len(rows):
        raise InputError(f"header row {header_row} is beyond the last row ({len(rows)}) of "
                         f"sheet '{sheet_name}'", file=path, row=header_row,
                         rule="header_row points at the column names")
    width = max(len(r) for r in rows[header_row - 1:])
    names = (rows[header_row - 1] + [None] * width)[:width]
    if header_row > 1:
        names = _merged_header(rows[header_row - 2], names, wave_pattern)
    header = _check_header(names, path, header_row)
    body = [(r + [None] * width)[:width] for r in rows[header_row:]]
    del rows
    frame = pd.DataFrame(body, columns=header, dtype=object)
    del body
    for name in header:
        if _is_item(name, columns):
            frame[name] = frame[name].map(
                lambda v: None if isinstance(v, str) and v.strip() in _XLSX_NA else v)
    frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame), name="row")
    frame.attrs["sheet"] = sheet_name
    return frame, header_row


# In a sheet, "#N/A" typed as text or an error value both arrive as the text "#N/A": only the
# plain spellings of missing are missing; error values are reported by the item check.
_XLSX_NA = tuple(v for v in NA_SPELLINGS if v not in EXCEL_ERRORS)


def _merged_header(above, names, wave_pattern):
    """Item names under a merged wave cell (``T0`` spanning ``pss10_1 .. pss10_10``) become
    ``pss10_1_T0`` (the protocol's ``wave_pattern``): only when the header repeats names and the
    row above carries labels, as merged cells do (their value sits in the first cell)."""
    texts = ["" if n is None else str(n).strip() for n in names]
    filled = [t for t in texts if t]
    if len(set(filled)) == len(filled):
        return names
    above = (list(above) + [None] * len(names))[:len(names)]
    if not any(a is not None and str(a).strip() for a in above):
        return names
    pattern = wave_pattern or "{item}_{wave}"
    out, current = [], None
    for name, cell in zip(texts, above):
        if cell is not None and str(cell).strip():
            current = str(cell).strip()
        if name and current is not None and _ITEM.match(name):
            out.append(pattern.format(item=name, wave=current))
        else:
            out.append(name or None)
    return out


def _formulas_without_value(path, sheet_name, values) -> list[tuple[int, int, str]]:
    """(row, column, formula) of formula cells whose stored value is missing."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = book[sheet_name]
        ws.reset_dimensions()
        found = []
        for i, row in enumerate(ws.iter_rows(values_only=True)):
            stored = values[i] if i < len(values) else []
            for j, cell in enumerate(row):
                if isinstance(cell, str) and cell.startswith("=") and (
                        j >= len(stored) or stored[j] is None):
                    found.append((i + 1, j + 1, cell[:40]))
        return found
    finally:
        book.close()


def _read_sav(path: Path, columns):
    import pandas as pd

    try:
        import pyreadstat
    except ImportError:  # pragma: no cover - pyreadstat is a dependency
        raise InputError("reading .sav needs pyreadstat", file=path, rule="sav support") from None
    try:
        _, head = pyreadstat.read_sav(str(path), metadataonly=True)
    except Exception as exc:  # pyreadstat raises its own ReadstatError / PyreadstatError
        raise InputError(f"cannot be read as an SPSS .sav file: {exc}", file=path,
                         rule="sav is a valid SPSS system file") from None
    if head.number_columns and head.number_columns > MAX_COLUMNS:
        raise InputError(f"the file has {head.number_columns:,} variables; the limit is "
                         f"{MAX_COLUMNS:,}", file=path, rule="column limit")
    if head.number_rows and head.number_columns and \
            head.number_rows * head.number_columns > 40 * MAX_XLSX_CELLS:
        raise InputError(f"the file declares {head.number_rows:,} cases x "
                         f"{head.number_columns:,} variables; the limit is "
                         f"{40 * MAX_XLSX_CELLS:,} values", file=path, rule="sav size limit")
    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False,
                                          user_missing=False)
    except Exception as exc:  # pyreadstat raises its own ReadstatError / PyreadstatError
        raise InputError(f"cannot be read as an SPSS .sav file: {exc}", file=path,
                         rule="sav is a valid SPSS system file") from None
    labels = {str(k): dict(v) for k, v in (meta.variable_value_labels or {}).items()}
    mapping = {str(k): str(v) for k, v in (columns or {}).items()}
    # Value labels: item columns (<instrument>_<k>) keep their codes; every other labelled
    # column (wave, site, background) shows its labels.
    for name, value_labels in labels.items():
        if name in frame.columns and not _ITEM.match(mapping.get(name, name)):
            frame[name] = frame[name].map(lambda v, m=value_labels: m.get(v, v))
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    frame.attrs["value_labels"] = labels
    frame.attrs["variable_labels"] = dict(zip(meta.column_names, meta.column_labels or []))
    return frame, 1


def _one_text(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def clean_text(series):
    """Identifier cells as text: 101.0 -> "101", surrounding spaces removed, blank -> missing.

    Works on the distinct values only (``pandas.factorize``), so a million rows with a few
    hundred thousand ids cost one hash pass plus one Python pass over the ids.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    is_text = pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(
        series.dtype)
    if is_text:
        cleaned = [u.strip() or None for u in uniques.tolist()]
        if all(c is u for c, u in zip(cleaned, uniques.tolist())):
            return series  # nothing to strip, nothing blank: no copy
    elif pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        cleaned = [u.strip() or None for u in uniques.tolist()]
    else:
        cleaned = [_one_text(u) for u in uniques.tolist()]
    values = np.array(cleaned + [None], dtype=object)[codes]
    return pd.Series(values, index=series.index, dtype="str", name=series.name)


def text_codes(series):
    """``(codes, labels)`` of a text column after :func:`clean_text`, in one hash pass.

    ``codes`` is an int array (-1 = blank or missing) and ``labels`` the cleaned distinct values.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object).tolist()
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        cleaned = [u.strip() or None for u in uniques]  # all text: no per-value type checks
    else:
        cleaned = [_one_text(u) for u in uniques]
    if cleaned == uniques:
        return codes, cleaned
    remap, labels = pd.factorize(pd.Series(cleaned, dtype=object), use_na_sentinel=True)
    remap = np.append(remap, -1)  # position -1 (missing) stays -1
    return remap[codes], list(labels)


_as_text = clean_text


def read_responses(path, *, columns=None, sheet=None, header_row=None, drop_blank_rows=True,
                   required=ID_COLUMNS, wave_pattern=None):
    """Read a response file (CSV, XLSX or SPSS .sav) into a long DataFrame.

    Parameters
    ----------
    path : str or Path
        ``.csv`` (also ``.txt``/``.tsv``), ``.xlsx`` or ``.sav``; the format follows the suffix.
    columns : dict, optional
        Mapping of source column names to contract names (``{"Deelnemer nr": "participant_id"}``),
        usually the protocol's ``columns``.
    sheet : str or int, optional
        XLSX sheet by name or number (1 = first); default the workbook's only sheet (a hidden
        sheet or several visible ones without a name is an error listing them).
    header_row : int, optional
        Row (1-based) that holds the column names. Default: detected as the first of the top 30
        rows that contains the participant column (its contract name or a mapped source name);
        row 1 if none does.
    required : tuple of str
        Columns that must exist after the mapping (default ``participant_id, wave``; a wide
        file or a file of one wave needs only ``participant_id``).
    wave_pattern : str, optional
        Used to name the items under merged wave cells in an XLSX header.
    drop_blank_rows : bool
        Drop rows in which every cell is empty (they are not records; kept row numbers of the
        remaining rows are unaffected). Their count is in ``frame.attrs["blank_rows"]``.

    Returns
    -------
    pandas.DataFrame
        Index ``row`` = the row number a user sees in the file; ``participant_id``, ``wave``,
        ``site`` and ``group`` as text (missing as NA); items as read (numbers, or text where the
        file has text, which validation reports). In item columns (``<instrument>_<k>``) an empty
        cell and the usual spellings of missing (``NA``, ``N/A``, ``#N/A``, ``NULL``, ``NaN``)
        are missing; elsewhere only an empty cell is. ``attrs``: ``source_file``, ``format``,
        ``header_row`` and, per format, ``dialect``, ``sheet`` or ``value_labels``.

    Raises
    ------
    InputError
        Missing, empty, binary or corrupt file; duplicate column names; a row with more fields
        than the header; the participant or wave column missing after the mapping. Each names the
        file and, where there is one, the row and column.

    Notes
    -----
    The R equivalents are ``readr::read_delim(locale = locale(decimal_mark = ","))``,
    ``readxl::read_xlsx(skip = header_row - 1)`` and ``haven::read_sav()``.

    Examples
    --------
    ``antwoorden_csv`` heads its participant column ``Deelnemer nr``:

    >>> frame = read_responses(antwoorden_csv, columns={"Deelnemer nr": "participant_id"})
    >>> frame.shape, frame.columns[:3].tolist()
    ((56, 17), ['participant_id', 'wave', 'date'])
    """
    path = Path(path)
    if not path.exists():
        raise InputError("response file does not exist", file=path, rule="file must exist")
    if not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file (a device, pipe or socket)"
        raise InputError(f"response path is {kind}, not a file", file=path,
                         rule="file must exist")
    size = path.stat().st_size
    if size == 0:
        raise InputError("the file is empty", file=path, rule="a header row and data rows")
    if size > MAX_FILE_BYTES:
        raise InputError(f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                         file=path, rule="file size limit")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        frame, header = _read_xlsx(path, columns, header_row, sheet, wave_pattern)
        fmt = "xlsx"
    elif suffix == ".xls":
        raise InputError("old Excel .xls files are not read; save the sheet as .xlsx or CSV",
                         file=path, rule="formats: csv, xlsx, sav")
    elif suffix in (".sav", ".zsav"):
        frame, header = _read_sav(path, columns)
        fmt = "sav"
    else:
        frame, header = _read_csv(path, columns, header_row)
        fmt = "csv"
    frame.attrs.update({"source_file": str(path), "format": fmt, "header_row": header})
    return tidy_frame(frame, columns=columns, required=required, drop_blank_rows=drop_blank_rows,
                      file=path)


def apply_mapping(frame, columns, *, file=None, header=None):
    """Rename source columns to contract names; names compare space- and case-insensitively."""
    if not columns:
        return frame
    lookup = {norm_name(k): str(v) for k, v in columns.items()}
    renames = {c: lookup[norm_name(c)] for c in frame.columns if norm_name(c) in lookup}
    frame = frame.rename(columns=renames)
    dupes = frame.columns[frame.columns.duplicated()].unique()
    if len(dupes):
        raise InputError(f"after the protocol's column mapping, column '{dupes[0]}' exists "
                         f"twice; map only one source column to it", file=file,
                         row=header, column=str(dupes[0]), rule="columns mapping")
    labels = frame.attrs.get("value_labels")
    if labels:
        frame.attrs["value_labels"] = {renames.get(k, k): v for k, v in labels.items()}
    frame.attrs["column_sources"] = {v: k for k, v in renames.items()}
    return frame


def tidy_frame(frame, *, columns=None, required=ID_COLUMNS, drop_blank_rows=True, file=None,
               name_index=True):
    """What every reader does after reading: the mapping, required columns, blank rows dropped,
    identifier columns as clean text. Also used for a DataFrame given to the API, whose index
    is kept as it is (``name_index=False``: rows are then named by position + 2)."""
    extra_attrs = dict(frame.attrs)
    file = file or extra_attrs.get("source_file")
    header = extra_attrs.get("header_row", 1)
    # unnamed, empty columns (a trailing separator, an empty spreadsheet column) are no data
    frame = frame.drop(columns=[c for c in frame.columns if str(c).startswith("<blank ")
                                and frame[c].isna().all()])
    frame = apply_mapping(frame, columns, file=file, header=header)
    extra_attrs.update(frame.attrs)
    for col in required:
        if col not in frame.columns:
            mapped = [s for s, t in (columns or {}).items() if t == col]
            hint = f" (the protocol maps {', '.join(map(repr, mapped))} to it)" if mapped else ""
            raise InputError(f"required column '{col}' is missing{hint}; columns are "
                             f"{', '.join(map(str, frame.columns[:40]))}", file=file,
                             row=header, column=col,
                             rule="response files have participant_id and wave")
    blank = 0
    if drop_blank_rows and len(frame) and "participant_id" in frame.columns:
        # Only rows without a participant id can be entirely blank: check those alone (fast).
        candidates = frame["participant_id"].isna().to_numpy()
        if candidates.any():
            empty = candidates.copy()
            empty[candidates] = frame[candidates].isna().all(axis=1).to_numpy()
            blank = int(empty.sum())
            if blank:
                frame = frame[~empty]
    if not len(frame):
        raise InputError("the file has a header but no data rows", file=file, row=header + 1,
                         rule="a header row and data rows")
    for col in _TEXT_COLUMNS:
        if col in frame.columns:
            cleaned = clean_text(frame[col])
            if cleaned is not frame[col]:
                frame[col] = cleaned
    if name_index:
        frame.index.name = "row"
    frame.attrs.update(extra_attrs)
    frame.attrs["blank_rows"] = blank
    return frame
