"""Quotes and codings tables: readers with validation, and safe sheet writers.

Quotes: ``quote_id, participant_id, wave, source, role, text`` (DESIGN.md). ``source`` is one of
intake_interview, exit_interview, evaluation_form, observation; ``role`` one of participant,
teacher, referrer, welfare_worker. Extra columns (e.g. ``site``) are kept.
Codings: ``unit, coder, code`` (unit = quote_id; one row per code a coder gave a unit).

Readers raise :class:`~impact.errors.InputError` naming file, row (header = row 1), column and
rule for every problem at once. Writers neutralise spreadsheet formulas.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, ProblemList

__all__ = [
    "QUOTE_COLUMNS", "CODING_COLUMNS", "QUOTE_SOURCES", "SPEAKER_ROLES",
    "read_quotes", "read_codings", "validate_quotes", "validate_codings",
    "safe_cell", "write_sheet",
]

QUOTE_COLUMNS = ("quote_id", "participant_id", "wave", "source", "role", "text")
CODING_COLUMNS = ("unit", "coder", "code")
QUOTE_SOURCES = ("intake_interview", "exit_interview", "evaluation_form", "observation")
SPEAKER_ROLES = ("participant", "teacher", "referrer", "welfare_worker")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Dutch and English synonyms accepted from QDA software variables (not in quotes.csv itself).
_SYNONYMS = {
    "source": {"intake": "intake_interview", "intakegesprek": "intake_interview",
               "intake interview": "intake_interview", "exit": "exit_interview",
               "exitgesprek": "exit_interview", "eindgesprek": "exit_interview",
               "exit interview": "exit_interview", "evaluatieformulier": "evaluation_form",
               "evaluatie": "evaluation_form", "evaluation form": "evaluation_form",
               "observatie": "observation"},
    "role": {"deelnemer": "participant", "cursist": "participant", "docent": "teacher",
             "kunstvakdocent": "teacher", "trainer": "teacher", "verwijzer": "referrer",
             "huisarts": "referrer", "poh": "referrer", "welzijnswerker": "welfare_worker",
             "welzijnscoach": "welfare_worker", "sociaal werker": "welfare_worker",
             "welfare worker": "welfare_worker"},
}


def normalise_vocabulary(value, kind):
    """Map a source or role value from other software onto the contract's list.

    Lower-cases, trims, accepts underscores or spaces and a few Dutch synonyms (intakegesprek,
    exitgesprek, evaluatieformulier, observatie; deelnemer, docent, verwijzer, welzijnswerker).
    Returns the contract value, the input unchanged when it cannot be mapped, or None.
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    allowed = QUOTE_SOURCES if kind == "source" else SPEAKER_ROLES
    text = str(value).strip().lower()
    if not text:
        return None
    if text.replace(" ", "_") in allowed:
        return text.replace(" ", "_")
    return _SYNONYMS[kind].get(text, _SYNONYMS[kind].get(text.replace("_", " "), str(value)))


def _read_table(path, what):
    import numpy as np
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{what} file does not exist", file=path, rule="file must exist")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            # the package's workbook reader: size guards, the sheet rule (named or the only
            # one, never a hidden copy), a corrupt file an InputError naming it
            from ..io.readers import _read_xlsx

            frame, _ = _read_xlsx(path, None, 1, None)
            frame = frame.apply(lambda col: col.map(
                lambda v: None if v is None or (isinstance(v, str) and v == "") else str(v)))
            frame = frame.astype(object).where(frame.notna(), np.nan)
        else:
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
            import io

            header = text.split("\n", 1)[0]
            sep = max((",", ";", "\t"), key=header.count)   # comma, semicolon or tab
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str,
                                keep_default_na=False, na_values=[""])
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty", file=path, rule="a header row and data rows") \
            from None
    except (pd.errors.ParserError, ValueError, OSError) as exc:
        raise InputError(f"cannot be read: {exc}", file=path, rule="CSV or XLSX format") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    # undo write_sheet's formula neutralisation, so our own sheets round-trip losslessly
    for col in frame.columns:
        values = frame[col]
        guarded = values.str.match(r"^'[=+\-@\t\r]", na=False)
        if guarded.any():
            frame[col] = values.where(~guarded, values.str.slice(1))
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    frame.attrs["source_file"] = str(path)
    return frame


def _require_columns(frame, required, file, problems, rule):
    missing = [c for c in required if c not in frame.columns]
    for col in missing:
        problems.add(f"required column '{col}' is missing; columns are "
                     f"{', '.join(map(str, frame.columns))}", file=file, row=1, column=col,
                     rule=rule)
    return not missing


def validate_quotes(frame, file=None):
    """All problems of a quotes frame as a :class:`ProblemList` (index = spreadsheet row)."""
    problems = ProblemList()
    file = file or frame.attrs.get("source_file")
    if not _require_columns(frame, QUOTE_COLUMNS, file, problems,
                            "quotes have " + ", ".join(QUOTE_COLUMNS)):
        return problems
    for col in ("quote_id", "participant_id", "text"):
        empty = frame[col].isna() | (frame[col].astype(str).str.strip() == "")
        for row in frame.index[empty.to_numpy()]:
            problems.add(f"{col} is empty", file=file, row=int(row), column=col,
                         rule=f"every quote has a {col}")
    dup = frame["quote_id"].notna() & frame["quote_id"].duplicated(keep="first")
    for row in frame.index[dup.to_numpy()]:
        problems.add(f"quote_id {frame.at[row, 'quote_id']!r} occurs twice", file=file,
                     row=int(row), column="quote_id", rule="quote_id is unique")
    for col, allowed in (("source", QUOTE_SOURCES), ("role", SPEAKER_ROLES)):
        values = frame[col]
        bad = values.notna() & ~values.isin(allowed)
        for row in frame.index[bad.to_numpy()]:
            problems.add(f"{col} {values[row]!r} is not one of {', '.join(allowed)}", file=file,
                         row=int(row), column=col, rule=f"{col} from the list")
    return problems


def read_quotes(path):
    """Read and validate a quotes file (CSV or XLSX).

    Parameters
    ----------
    path : str or Path
        Columns ``quote_id, participant_id, wave, source, role, text`` (+ any others).

    Returns
    -------
    DataFrame
        All columns as strings (missing = NA), index ``row`` = spreadsheet row; text stripped of
        surrounding white space. ``attrs['source_file']`` holds the path.

    Raises
    ------
    InputError
        Every problem at once: missing column, empty quote_id/participant_id/text, duplicate
        quote_id, source or role not in the lists. Empty wave, source or role are allowed
        (unknown).
    """
    frame = _read_table(path, "quotes")
    for col in ("source", "role"):
        if col in frame.columns:
            frame[col] = frame[col].str.strip().str.lower()
    if "text" in frame.columns:
        frame["text"] = frame["text"].str.strip()
    validate_quotes(frame, str(path)).raise_if_errors()
    return frame


def validate_codings(frame, file=None, *, quotes=None):
    """All problems of a codings frame; with ``quotes`` every unit must be a quote_id."""
    problems = ProblemList()
    file = file or frame.attrs.get("source_file")
    if not _require_columns(frame, CODING_COLUMNS, file, problems,
                            "codings have unit, coder, code"):
        return problems
    for col in CODING_COLUMNS:
        empty = frame[col].isna() | (frame[col].astype(str).str.strip() == "")
        for row in frame.index[empty.to_numpy()]:
            problems.add(f"{col} is empty", file=file, row=int(row), column=col,
                         rule=f"every coding has a {col}")
    if quotes is not None:
        known = set(quotes["quote_id"].astype(str))
        unknown = frame["unit"].notna() & ~frame["unit"].astype(str).isin(known)
        for row in frame.index[unknown.to_numpy()]:
            problems.add(f"unit {frame.at[row, 'unit']!r} is not a quote_id of the quotes file",
                         file=file, row=int(row), column="unit", rule="unit = quote_id")
    return problems


def read_codings(path, *, quotes=None, codebook=None):
    """Read and validate a codings file ``unit, coder, code`` (CSV or XLSX).

    Parameters
    ----------
    path : str or Path
    quotes : DataFrame, optional
        When given, every ``unit`` must be one of its ``quote_id``.
    codebook : Codebook, optional
        When given, every ``code`` must be a code id (or name) of the codebook.

    Returns
    -------
    DataFrame
        Columns ``unit, coder, code`` (+ others), strings, index ``row``; exact duplicate rows
        are kept (they do not change agreement, which works on sets).
    """
    frame = _read_table(path, "codings")
    for col in CODING_COLUMNS:
        if col in frame.columns:
            frame[col] = frame[col].str.strip()
    problems = validate_codings(frame, str(path), quotes=quotes)
    if codebook is not None and "code" in frame.columns:
        known = set(codebook.ids()) | set(codebook.names())
        bad = frame["code"].notna() & ~frame["code"].isin(known)
        for row in frame.index[bad.to_numpy()]:
            problems.add(f"code {frame.at[row, 'code']!r} is not in the codebook", file=str(path),
                         row=int(row), column="code", rule="codes come from the codebook")
    problems.raise_if_errors()
    return frame


def safe_cell(value):
    """A cell value that a spreadsheet will not run as a formula.

    Strings starting with ``= + - @``, a tab or a carriage return get a leading apostrophe
    (OWASP CSV injection advice); other values are returned unchanged. :func:`read_quotes` and
    :func:`read_codings` remove such an apostrophe again, so impact's own sheets round-trip.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_sheet(frame, path, *, index=False, sheet_name="Sheet1"):
    """Write a frame to CSV or XLSX (by suffix), every text cell neutralised (:func:`safe_cell`).

    Column names are neutralised too. The frame itself is not modified.
    """
    path = Path(path)
    out = frame.copy()
    out.columns = [safe_cell(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("str", "string"):
            out[col] = out[col].map(safe_cell).astype(object)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        out.to_excel(path, index=index, sheet_name=sheet_name)
    else:
        # CRLF (RFC 4180) so that fields holding a lone CR or LF are quoted too
        out.to_csv(path, index=index, lineterminator="\r\n", encoding="utf-8")
    return path
