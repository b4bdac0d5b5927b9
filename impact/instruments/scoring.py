"""Vectorised scoring of instruments over a whole response frame.

Every instrument is scored with NumPy over the full item matrix at once; no Python loop runs over
respondents. Reverse keying uses the instrument's *declared* minimum and maximum
(``x' = min + max - x``), never the observed ones, so an unused answer category cannot shift a
score (the trap of R ``psych::reverse.code`` without explicit limits).

Missing-item rule (per instrument, overridable with ``min_answered``): a score is computed when at
least ``min_answered`` items are answered; a sum score is then prorated,
``sum(answered) * items / answered``; a mean score is the mean of the answered items. Below the
threshold the score is NaN, never a guess. Subscales need every item answered unless the
instrument sets ``subscale_min_answered``.
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError, ProblemList
from .registry import Instrument, get_instrument

__all__ = ["score", "item_matrix"]

ID_COLUMNS = ("participant_id", "wave", "site", "group")


def _row_label(frame, position):
    """The row as the user knows it: the source row number if the reader recorded it."""
    idx = frame.index[position]
    if frame.index.name == "row":
        return int(idx), "row"
    return idx, "index"


def item_matrix(frame, instrument: Instrument, *, missing_codes=(), file=None,
                problems: ProblemList | None = None):
    """Return the ``(n, items)`` float matrix of an instrument's items, checked against its coding.

    Values listed in ``missing_codes`` become NaN. Text, fractional values and values outside
    ``[min, max]`` are errors naming the row and column; with ``problems`` given they are collected
    there instead of raised, and the offending cells are set to NaN.
    """
    import pandas as pd

    file = file or frame.attrs.get("source_file")
    cols = instrument.item_columns
    absent = [c for c in cols if c not in frame.columns]
    if absent:
        p = ProblemList() if problems is None else problems
        p.add(f"instrument {instrument.id} needs column(s) {', '.join(absent)}", file=file,
              column=absent[0], rule="every item column <instrument>_<k> must be present")
        if problems is None:
            p.raise_if_errors()
        return None
    block = frame[cols]
    numeric = block.apply(pd.to_numeric, errors="coerce")
    values = numeric.to_numpy(dtype=float, copy=True)
    raw_missing = block.isna().to_numpy()
    bad_text = np.isnan(values) & ~raw_missing
    if missing_codes:
        values[np.isin(values, np.asarray(list(missing_codes), dtype=float))] = np.nan
    finite = ~np.isnan(values)
    out_of_range = finite & ((values < instrument.min) | (values > instrument.max))
    fractional = finite & ~out_of_range & (values != np.round(values))
    if bad_text.any() or out_of_range.any() or fractional.any():
        found = ProblemList() if problems is None else problems
        for mask, why in ((bad_text, "is not a number"), (out_of_range, "is outside the coding"),
                          (fractional, "is not a whole answer code")):
            for r, c in zip(*np.nonzero(mask)):
                row, kind = _row_label(frame, r)
                value = block.iat[r, c]
                found.add(f"value {value!r} {why} {instrument.min:g}-{instrument.max:g} of "
                          f"{instrument.id}" + ("" if kind == "row" else f" ({kind} {row})"),
                          file=file, row=row if kind == "row" else None, column=cols[c],
                          rule=f"{instrument.id} items are coded {instrument.min:g}-"
                               f"{instrument.max:g}; declare other codes as missing_codes")
        if problems is None:
            found.raise_if_errors()
        values[bad_text | out_of_range | fractional] = np.nan
    return values


def _aggregate(values, scoring, min_answered, n_items):
    answered = np.sum(~np.isnan(values), axis=1)
    total = np.nansum(values, axis=1)
    ok = answered >= min_answered
    with np.errstate(invalid="ignore", divide="ignore"):
        if scoring == "mean":
            result = total / answered
        else:
            result = total * (n_items / answered)  # prorated; equals the sum when complete
    return np.where(ok, result, np.nan), answered


def _score_one(values, inst: Instrument, min_answered=None):
    keyed = values.copy()
    if inst.reverse:
        rev = np.asarray(inst.reverse) - 1
        keyed[:, rev] = inst.min + inst.max - keyed[:, rev]
    out = {}
    need = min_answered or inst.min_answered or inst.items
    total, answered = _aggregate(keyed, inst.scoring, need, inst.items)
    if inst.total:
        out[inst.score_column] = total
    for name, items in inst.subscales.items():
        idx = np.asarray(items) - 1
        need_sub = inst.subscale_min_answered.get(name, len(items))
        out[f"{inst.id}_{name}"], _ = _aggregate(keyed[:, idx], inst.scoring, need_sub, len(items))
    out[f"{inst.id}_answered"] = answered
    return out


def score(data, instruments, *, missing_codes=(), min_answered=None, keep=ID_COLUMNS):
    """Score one or more instruments on a long response frame.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per participant and wave with item columns ``<id>_<k>`` in the input coding of
        shared/reference/instruments.md.
    instruments : str, Instrument or list of them
        Built-in ids (``"pss10"``) or :class:`Instrument` objects from custom files.
    missing_codes : sequence of numbers
        Extra codes meaning "missing" (e.g. 99, -9); empty cells are always missing.
    min_answered : dict, optional
        Per-instrument override of the minimum number of answered items, ``{"pss10": 10}``.
    keep : sequence of str
        Identifier columns copied to the output when present.

    Returns
    -------
    pandas.DataFrame
        The ``keep`` columns, then per instrument ``<id>_score`` (if it has a total), one column
        per subscale ``<id>_<name>`` and ``<id>_answered`` (items answered).

    Raises
    ------
    InputError
        For a missing item column, text, a fraction or a value outside the coding, naming the row
        and column.

    Notes
    -----
    Sum scores: reversed items are keyed ``min + max - x``; with at least ``min_answered`` items
    answered the sum is prorated to all items, ``sum * items / answered``. Mean scores: the mean of
    the answered items. Fewer answered items give NaN.

    Examples
    --------
    >>> import impact
    >>> scores = impact.score(responses, ["pss10"])          # doctest: +SKIP

    The R equivalent for a complete PSS-10 response is
    ``psych::scoreItems(keys, items, totals = TRUE, impute = "none")`` with keys reversing
    items 4, 5, 7 and 8 and ``min = 0, max = 4``.
    """
    import pandas as pd

    if isinstance(instruments, (str, Instrument)):
        instruments = [instruments]
    insts = [get_instrument(i) for i in instruments]
    min_answered = min_answered or {}
    columns = {c: data[c].to_numpy() for c in keep if c in data.columns}
    for inst in insts:
        values = item_matrix(data, inst, missing_codes=missing_codes)
        columns.update(_score_one(values, inst, min_answered.get(inst.id)))
    out = pd.DataFrame(columns, index=data.index)
    out.attrs.update(data.attrs)
    return out
