"""Item cells as answer codes: labels read as their codes, cells that are no answer refused.

Survey tools and spreadsheets deliver answers as text ("Nooit", "heel vaak  ") or as typed cells.
:func:`coerce_items` turns every item column of a protocol's instruments into numbers:

* numbers stay as they are (range and whole-number checks follow in
  :func:`impact.instruments.item_matrix`);
* text that is a number (``"3"``) is that number; empty text and the spellings of missing
  (``NA``, ``NULL``, ...) are missing;
* text that is one of the instrument's answer labels (its YAML ``answer_labels``, every
  language) or of the protocol's ``answer_labels`` for that instrument is that label's code,
  compared case- and space-insensitively (``" Heel  VAAK"`` = ``heel vaak``);
* SPSS value labels: an item column of a ``.sav`` file whose value labels are all known answer
  labels is read through them (a file that codes PSS-10 as 1-5 with labels "nooit" .. "heel vaak"
  gives 0-4, as the labels say);
* errors, each naming file, row, column: a label that maps to nothing (the message lists the
  known labels), a TRUE/FALSE cell, a date or time, an Excel error value (``#N/A``, ``#DIV/0!``).

Work is per distinct value (``pandas.factorize``), so a million rows cost one hash pass per
column; numeric columns are not touched at all.
"""

from __future__ import annotations

import datetime as _dt
import numbers

import numpy as np

from ..errors import ProblemList
from .readers import EXCEL_ERRORS, NA_SPELLINGS

__all__ = ["coerce_items"]

_MISSING = {v.casefold() for v in NA_SPELLINGS if v not in EXCEL_ERRORS}
_ERROR = object()


def _classify(value, labels, excel: bool):
    """(code or NaN, None) or (_ERROR, reason) for one distinct cell value."""
    from ..instruments.registry import normalise_label

    if value is None:
        return np.nan, None
    if isinstance(value, (bool, np.bool_)):
        return _ERROR, "is a TRUE/FALSE (yes/no) cell, not an answer code"
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta, np.datetime64)):
        return _ERROR, "is a date or time, not an answer code"
    if isinstance(value, numbers.Number):
        return float(value), None
    text = str(value).strip()
    if excel and text.upper() in EXCEL_ERRORS:
        return _ERROR, "is an Excel error value, not an answer (fix the formula or leave the " \
                       "cell empty)"
    if text.casefold() in _MISSING:
        return np.nan, None
    try:
        number = float(text.replace(",", ".")) if text.count(",") <= 1 else None
    except ValueError:
        number = None
    if number is not None and np.isfinite(number):
        return number, None
    code = labels.get(normalise_label(text))
    if code is not None:
        return float(code), None
    return _ERROR, None  # an unknown label: the message lists the known ones


def _known(inst, extra) -> str:
    known = inst.known_labels()
    known += [f"{code:g} = {label}" for label, code in extra.items()]
    return "; ".join(known)


def coerce_items(frame, instruments, *, protocol_labels=None, file=None, problems=None,
                 max_per_column: int = 20, columns=None):
    """Turn the item columns of ``instruments`` into float columns of answer codes, in place.

    Parameters
    ----------
    frame : pandas.DataFrame
        A response frame (index ``row`` = the row a user sees); modified in place.
    instruments : list of Instrument
    protocol_labels : dict, optional
        ``{instrument id: {normalised label: code}}`` from the protocol's ``answer_labels``.
    file : str, optional
        File named in messages (default ``frame.attrs["source_file"]``).
    problems : ProblemList, optional
        Collects the errors (a new list is returned when not given).
    columns : dict, optional
        Item column -> the frame's column holding it (a wide file: ``pss10_1 -> pss10_1_T0``);
        default the item columns themselves.

    Returns
    -------
    ProblemList
        One error per offending cell (at most ``max_per_column`` per column, then a count).
    """
    import pandas as pd

    problems = ProblemList() if problems is None else problems
    file = file or frame.attrs.get("source_file")
    excel = frame.attrs.get("format") == "xlsx"
    value_labels = frame.attrs.get("value_labels") or {}
    sources = frame.attrs.get("column_sources") or {}
    rows = frame.index.to_numpy() if frame.index.name == "row" else np.arange(2, len(frame) + 2)
    for inst in instruments:
        extra = (protocol_labels or {}).get(inst.id, {})
        labels = {**inst.label_codes(), **extra}
        for item in inst.item_columns:
            col = columns.get(item) if columns is not None else item
            if col is None or col not in frame.columns:
                continue
            series = frame[col]
            shown = sources.get(col, col)
            if col in value_labels and labels:
                translated = _through_value_labels(series, value_labels[col], labels)
                if translated is not None:
                    frame[col] = translated
                    continue
            dtype = series.dtype
            if pd.api.types.is_bool_dtype(dtype):
                bad = series.notna().to_numpy()
                _report(problems, rows[bad], series.to_numpy()[bad], shown, file,
                        "is a TRUE/FALSE (yes/no) cell, not an answer code", inst, extra,
                        max_per_column)
                frame[col] = np.where(bad, np.nan, np.nan)
                continue
            if pd.api.types.is_numeric_dtype(dtype):
                continue
            if pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_timedelta64_dtype(
                    dtype):
                bad = series.notna().to_numpy()
                _report(problems, rows[bad], series.astype(str).to_numpy()[bad], shown, file,
                        "is a date or time, not an answer code", inst, extra, max_per_column)
                frame[col] = np.full(len(series), np.nan)
                continue
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
            mapped = np.empty(len(uniques) + 1)
            mapped[-1] = np.nan
            reasons = {}
            for i, value in enumerate(uniques.tolist() if hasattr(uniques, "tolist")
                                      else list(uniques)):
                code, reason = _classify(value, labels, excel)
                if code is _ERROR:
                    reasons[i] = reason
                    mapped[i] = np.nan
                else:
                    mapped[i] = code
            if reasons:
                bad = np.isin(codes, list(reasons))
                bad_rows = rows[bad]
                bad_codes = codes[bad]
                for row, k in list(zip(bad_rows, bad_codes))[:max_per_column]:
                    value, reason = uniques[k], reasons[k]
                    if reason is None:
                        known = _known(inst, extra)
                        message = (f"answer '{str(value).strip()}' is not a known answer label "
                                   f"of {inst.id}" + (f"; known labels: {known}" if known else
                                                      f"; {inst.id} items are numbers "
                                                      f"{inst.min:g}-{inst.max:g}")
                                   + "; add other labels under answer_labels in the protocol")
                        rule = "answer labels"
                    else:
                        message = f"value {_show(value)} {reason}"
                        rule = f"{inst.id} items are answer codes"
                    problems.add(message, file=file, row=int(row), column=shown, rule=rule)
                if len(bad_rows) > max_per_column:
                    problems.add(f"... and {len(bad_rows) - max_per_column} more cell(s) in this "
                                 f"column that are no answer code of {inst.id}", file=file,
                                 column=shown, rule="answer labels")
            frame[col] = mapped[codes]
    return problems


def _show(value) -> str:
    text = str(value)
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def _report(problems, rows, values, column, file, reason, inst, extra, cap):
    for row, value in list(zip(rows, values))[:cap]:
        problems.add(f"value {_show(value)} {reason}", file=file, row=int(row), column=column,
                     rule=f"{inst.id} items are answer codes")
    if len(rows) > cap:
        problems.add(f"... and {len(rows) - cap} more such cell(s)", file=file, column=column,
                     rule=f"{inst.id} items are answer codes")


def _through_value_labels(series, value_labels, labels):
    """Codes read through SPSS value labels, when every label is a known answer label."""
    import pandas as pd

    from ..instruments.registry import normalise_label

    translation = {}
    for code, label in value_labels.items():
        known = labels.get(normalise_label(label))
        if known is None:
            return None
        translation[float(code)] = float(known)
    if all(a == b for a, b in translation.items()):
        return None  # the codes already are the instrument's codes
    numeric = pd.to_numeric(series, errors="coerce").astype(float)
    # unlabelled codes stay as they are (range checks report them)
    return numeric.map(lambda v: translation.get(v, v)).to_numpy(dtype=float)
