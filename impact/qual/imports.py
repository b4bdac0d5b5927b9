"""Import coded segments exported by Taguette and QualCoder (CSV or XLSX).

Assumed layouts (from the tools' source code; check them against your version):

* **Taguette** "highlights" export (``taguette/export.py``, ``highlights_csv`` and
  ``highlights_xlsx``): columns ``id, document, tag, content``; one row per highlight and tag,
  ``tag`` empty for a highlight without tags; ``tag`` is the tag path. There is **no coder
  column**: each coder exports their own project and you name the coder.
* **QualCoder** coding report export (``report_codings.py``, ``export_csv_file`` and
  ``export_xlsx_file``): columns ``File/case, Coder, Coded, Id, Codename, Coded_Memo`` then
  ``Category`` columns (parents of the code) and optional ``FileVar_<name>`` / ``CaseVar_<name>``
  columns; ``Coded`` is the coded text, or "image" / "a/v" for non-text codings (skipped); ``Id``
  is ``ctid:<n>`` for text.

Units: in both tools coders highlight freely, so there are no shared unit ids. A quote is one
distinct fragment: the same document and the same text (white space collapsed) make the same
quote, whoever coded it, with ``quote_id`` = a prefix plus the first 10 hex digits of the SHA-1 of
document and text (stable across exports). Fragments that two coders delimited differently are
different quotes; agreement on them is then missing, not disagreement. For agreement studies,
pre-segment the text into quotes and have every coder code those.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import InputError

__all__ = ["read_taguette", "read_qualcoder"]


def _read_any(path, what):
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{what} export does not exist", file=path, rule="file must exist")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, na_values=[""])
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""],
                                encoding="utf-8-sig", sep=None, engine="python")
    except (pd.errors.ParserError, ValueError, OSError) as exc:
        raise InputError(f"cannot be read: {exc}", file=path, rule="CSV or XLSX export") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


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
        qid, norm = _quote_id(prefix, rec["document"], rec["text"])
        if qid not in quotes:
            quotes[qid] = {"quote_id": qid, "participant_id": rec["participant_id"],
                           "wave": rec.get("wave"), "source": rec.get("source"),
                           "role": rec.get("role"), "text": norm, "document": rec["document"]}
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


def read_qualcoder(path, *, participants=None, wave=None, source=None, role=None):
    """Read a QualCoder coding report export (CSV/XLSX) into quotes and codings.

    Parameters
    ----------
    path : str or Path
    participants : dict, optional
        File/case name -> participant_id; default the File/case name.
    wave, source, role : str, optional
        Defaults when no ``CaseVar_``/``FileVar_`` column named wave, source or role exists.

    Returns
    -------
    quotes, codings : DataFrame
        Coder from the ``Coder`` column, code from ``Codename``; image and a/v codings skipped.
    """
    frame = _read_any(path, "QualCoder")
    _require(frame, ("File/case", "Coder", "Coded", "Codename"), path, "QualCoder")

    def var(rec, name, default):
        for prefix in ("CaseVar_", "FileVar_"):
            col = prefix + name
            if col in rec.index and isinstance(rec[col], str) and rec[col].strip():
                return rec[col].strip()
        return default

    records = []
    for row, rec in frame.iterrows():
        text = rec["Coded"]
        ident = str(rec.get("Id", "") or "")
        if not isinstance(text, str) or not text.strip() or ident.startswith(("imid", "avid")):
            continue
        doc = str(rec["File/case"])
        records.append({"document": doc, "text": text,
                        "participant_id": (participants or {}).get(doc, doc),
                        "wave": var(rec, "wave", wave), "source": var(rec, "source", source),
                        "role": var(rec, "role", role),
                        "coder": str(rec["Coder"]) if isinstance(rec["Coder"], str) else "unknown",
                        "code": rec["Codename"] if isinstance(rec["Codename"], str) else None})
    return _build(records, "C", str(path))
