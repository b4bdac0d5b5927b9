"""The small-cell rule, and small-cell protection for tables (ground floor).

The one module that states the rule (threshold default, floor, what counts as small); every floor
that needs it imports it from here, so a change of the rule touches this module alone. It takes
and returns DataFrames and knows nothing of files or reports. (Formerly ``impact.privacy``;
identifier detection moved to :mod:`impact.io.identifiers`.)

Rules (after the CBS output rules for microdata, *Statistics Netherlands, Output guidelines for
remote access / microdata services*: at least 10 observations per published cell, and at least 10
degrees of freedom for model output; see shared/reference/evidence.md, Privacy):

1. Primary suppression: a count cell with ``0 < n < min_cell_size`` is not published (shown as
   empty, ``pd.NA``), and neither are the statistics computed from it (``dependent_columns``: a
   mean, SD or percentage of that group). Zero cells reveal no person and stay (``suppress_zeros``
   changes that).
2. Secondary (complementary) suppression: when the total of a column (or, with
   ``row_totals=True``, of a row) is published or known, a single suppressed cell could be
   recovered as total minus the rest. Wherever a column (row) has exactly one suppressed cell, the
   smallest other non-zero cell of that column (row) is suppressed too; this repeats until no
   line has exactly one. A total that is itself below the threshold suppresses its whole line.
3. Frequency tables by a background characteristic (neighbourhood, referrer, age group) merge
   every category below the threshold into one "overig" / "other" category; if that category is
   still below the threshold, the next smallest category joins it until it is not (secondary
   protection by merging). If the whole table has fewer than ``min_cell_size`` people, nothing is
   shown but the note.

4. The flow rule: participant-flow counts (enrolled, measured at each wave, lost to follow-up,
   excluded with the reason, analysed) are published in full, in the flow diagram and in its
   table. TREND item 13 (and CONSORT) require them; they break participants down by no
   characteristic; and each follows from the others (lost = with baseline - with follow-up), so
   suppressing one could not protect it. The rules above apply to every table and figure that
   breaks participants down by a characteristic (background, site, change category, code), and
   figures that draw individual participants appear only with at least ``min_cell_size``.

The threshold is 10 unless a protocol sets ``min_cell_size``. GGD monitors suppress percentages
below 50 respondents; pass ``min_cell_size=50`` for such tables. Each function returns
``(table, notes)``: the notes (in the report language) say what was suppressed and why, for a
footnote. With groups of 8 participants, publish pooled results only.
"""

from __future__ import annotations

__all__ = ["suppress_small_cells", "frequency_table", "small_cell_notes", "is_publishable",
           "DEFAULT_MIN_CELL_SIZE", "MIN_CELL_FLOOR", "min_cell_problem", "is_small"]

# Below this a protocol must also set ``allow_small_cells: true``.
MIN_CELL_FLOOR = 5

DEFAULT_MIN_CELL_SIZE = 10

def min_cell_problem(min_cell_size, allow_small_cells=False) -> str | None:
    """What is wrong with a protocol's ``min_cell_size`` (None: nothing). The one statement of
    the threshold rule: at least 1, and under :data:`MIN_CELL_FLOOR` only with
    ``allow_small_cells: true`` (the report then says so)."""
    if min_cell_size is None:
        return None
    if not isinstance(min_cell_size, int) or isinstance(min_cell_size, bool) or min_cell_size < 1:
        return "'min_cell_size' must be at least 1"
    if min_cell_size < MIN_CELL_FLOOR and allow_small_cells is not True:
        return (f"'min_cell_size' is {min_cell_size}: groups under {MIN_CELL_FLOOR} people can "
                f"identify someone; use at least {MIN_CELL_FLOOR}, or also set "
                f"allow_small_cells: true (the report then says so)")
    return None


def small_mask(counts, min_cell_size: int = DEFAULT_MIN_CELL_SIZE, *,
               suppress_zeros: bool = False):
    """Boolean mask (same shape as ``counts``) of counts that may not be shown on their own:
    ``0 < n < min_cell_size`` (zeros identify no one; ``suppress_zeros`` hides them too)."""
    import numpy as np

    counts = np.asarray(counts, dtype=float)
    small = counts < min_cell_size
    return small if suppress_zeros else small & (counts > 0)


def is_small(n, min_cell_size: int = DEFAULT_MIN_CELL_SIZE) -> bool:
    """One count that may not be shown on its own (:func:`small_mask`); missing is not small."""
    try:
        if n is None or n != n:
            return False
        return bool(small_mask([n], min_cell_size)[0])
    except (TypeError, ValueError):
        return False


def _text(lang):
    from .i18n import messages

    m = messages(lang)
    return {k: m[f"privacy_{k}"] for k in ("merged", "all", "other", "total")}


def is_publishable(n, min_cell_size: int = DEFAULT_MIN_CELL_SIZE) -> bool:
    """True when a group of ``n`` people may be shown on its own (``n == 0`` or ``n >= min``)."""
    return n is not None and (n == 0 or n >= min_cell_size)


def small_cell_notes(n_primary, n_secondary, min_cell_size, lang="en") -> list[str]:
    from .i18n import counted, messages

    cat = messages(lang)
    notes = []
    if n_primary:
        notes.append(counted(cat, "privacy_primary", n_primary).format(k=n_primary,
                                                                        m=min_cell_size))
    if n_secondary:
        notes.append(counted(cat, "privacy_secondary", n_secondary).format(k=n_secondary,
                                                                            m=min_cell_size))
    return notes


def suppress_small_cells(table, count_columns, min_cell_size: int = DEFAULT_MIN_CELL_SIZE, *,
                         dependent_columns=None, total_row=None, total_column=None,
                         column_totals: bool = True, row_totals: bool = False,
                         suppress_zeros: bool = False, lang: str = "en"):
    """Suppress count cells below ``min_cell_size``, with secondary suppression.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per group; ``count_columns`` hold numbers of people.
    count_columns : str or list of str
        The count cells to protect.
    min_cell_size : int
        Threshold (default 10, CBS); a protocol's ``min_cell_size`` overrides it.
    dependent_columns : list of str or dict, optional
        Statistics of the same row computed from its counts (mean, SD, percent). A list: blanked
        when any count cell of the row is suppressed. A dict ``{count_column: [columns]}``: blanked
        with that count cell.
    total_row : label, optional
        Index label of a row holding the column totals; it is not a group itself, and a total
        below the threshold suppresses its column.
    total_column : str, optional
        A count column holding each row's total (implies ``row_totals``).
    column_totals : bool
        The column totals are published or known elsewhere (e.g. N in the flow diagram); apply
        secondary suppression down each column. Default True.
    row_totals : bool
        Same across each row's count cells.
    suppress_zeros : bool
        Treat zero counts as small cells too.
    lang : {"en", "nl"}
        Language of the notes.

    Returns
    -------
    (pandas.DataFrame, list of str)
        A copy with suppressed counts as ``pd.NA`` (nullable ``Int64``) and suppressed statistics
        as NaN; ``attrs["suppressed"]`` is the boolean mask of the count cells. The notes say how
        many cells were suppressed and why.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"n": [25, 4, 30, 12]}, index=["A", "B", "C", "D"])
    >>> out, notes = suppress_small_cells(t, "n")
    >>> out["n"].isna().tolist()       # B is small; D, the next smallest, protects it
    [False, True, False, True]

    An R analogue is ``sdcTable::protectTable(method = "SIMPLEHEURISTIC")`` with a frequency
    rule of 10.
    """
    import numpy as np
    import pandas as pd

    if isinstance(count_columns, str):
        count_columns = [count_columns]
    count_columns = list(count_columns)
    if total_column is not None:
        row_totals = True
        if total_column not in count_columns:
            count_columns.append(total_column)
    missing = [c for c in count_columns if c not in table.columns]
    if missing:
        raise KeyError(f"count column(s) not in the table: {', '.join(map(str, missing))}")
    if not isinstance(min_cell_size, int) or min_cell_size < 1:
        raise ValueError("min_cell_size must be a whole number >= 1")
    out = table.copy()
    counts = out[count_columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    nrow, ncol = counts.shape
    is_total_row = np.zeros(nrow, bool)
    if total_row is not None:
        is_total_row = (out.index == total_row)
    cell_cols = [j for j, c in enumerate(count_columns) if c != total_column]
    total_col = count_columns.index(total_column) if total_column is not None else None

    def small(v):
        return (v < min_cell_size) & ((v > 0) | (suppress_zeros & (v == 0)))

    with np.errstate(invalid="ignore"):
        primary = small(counts) & ~np.isnan(counts)
    mask = primary.copy()
    body = ~is_total_row

    def line_pass(values, hidden, members):
        """Protect one line (members: positions of the cells whose sum is known)."""
        changed = False
        members = np.asarray(members)
        if members.size == 0:
            return False
        inside = hidden[members]
        if inside.sum() == 1:
            candidates = [m for m in members if not hidden[m] and not np.isnan(values[m])]
            nonzero = [m for m in candidates if values[m] > 0]
            pool = nonzero or candidates
            if pool:
                pick = min(pool, key=lambda m: values[m])
                hidden[pick] = True
                changed = True
        return changed

    for _ in range(nrow * ncol + 1):
        changed = False
        if column_totals or total_row is not None:
            for j in range(ncol):
                col_hidden = mask[:, j]
                rows_body = np.nonzero(body)[0]
                if total_row is not None:
                    tot = counts[is_total_row, j]
                    if tot.size and small(tot[0]) and not mask[body, j].all():
                        mask[:, j] = True
                        changed = True
                        continue
                changed |= line_pass(counts[:, j], col_hidden, rows_body)
        if row_totals:
            for i in range(nrow):
                if total_col is not None and small(counts[i, total_col]) and not mask[i].all():
                    mask[i, :] = True
                    changed = True
                    continue
                changed |= line_pass(counts[i, :], mask[i, :], cell_cols)
        if not changed:
            break
    secondary = mask & ~primary
    for j, col in enumerate(count_columns):
        values = pd.array(np.where(np.isnan(counts[:, j]), np.nan, counts[:, j]), dtype="Float64")
        whole = values.round(0)
        if (whole == values).fillna(True).all():
            values = whole.astype("Int64")
        values[mask[:, j]] = pd.NA
        out[col] = pd.Series(values, index=out.index)
    if dependent_columns:
        deps = (dependent_columns if isinstance(dependent_columns, dict)
                else {None: list(dependent_columns)})
        for source, columns in deps.items():
            hide = mask.any(axis=1) if source is None else mask[:, count_columns.index(source)]
            for col in columns:
                if col in out.columns:
                    out[col] = out[col].astype("float64" if pd.api.types.is_numeric_dtype(
                        out[col]) else "object").where(~hide)
    out.attrs["suppressed"] = pd.DataFrame(mask, index=out.index, columns=count_columns)
    out.attrs["min_cell_size"] = min_cell_size
    return out, small_cell_notes(int(primary.sum()), int(secondary.sum()), min_cell_size, lang)


def frequency_table(data, column=None, min_cell_size: int = DEFAULT_MIN_CELL_SIZE, *,
                    lang: str = "nl", other_label=None, total: bool = True, dropna: bool = True):
    """Counts (and percentages) by a background characteristic, small categories merged.

    Parameters
    ----------
    data : pandas.DataFrame, Series or dict
        One row per person (e.g. the baseline rows); with a frame, ``column`` names the
        characteristic; or a mapping category -> number of people (counts already made).
    column : str, optional
    min_cell_size : int
        Threshold (default 10).
    lang : {"nl", "en"}
        Language of the "overig"/"other" and "Totaal"/"Total" labels and the notes.
    other_label : str, optional
        Override for the merged category's label.
    total : bool
        Append a total row.
    dropna : bool
        Leave out people without a value (else they count as their own category "NA").

    Returns
    -------
    (pandas.DataFrame, list of str)
        Columns ``category, n, percent``; every shown category has at least ``min_cell_size``
        people. With fewer than ``min_cell_size`` people in total, an empty table and a note.

    Notes
    -----
    Merging order: every category below the threshold goes to "overig"; while "overig" has fewer
    than ``min_cell_size`` people, the smallest remaining category joins it. Ties are broken by
    label so the result is reproducible.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(["Merenwijk"] * 12 + ["Stevenshof"] * 15 + ["De Kooi"] * 3 + ["Binnenstad"] * 2)
    >>> table, notes = frequency_table(s, lang="en")
    >>> table["category"].tolist(), table["n"].tolist()
    (['Stevenshof', 'other', 'Total'], [15, 17, 32])
    """
    import pandas as pd

    t = _text(lang)
    other = other_label or t["other"]
    if isinstance(data, dict):
        series = pd.Series(dtype=object, name=column)
        counts = pd.Series({str(k): int(v) for k, v in data.items()}, dtype="int64")
    else:
        series = data[column] if column is not None else data
        counts = series.value_counts(dropna=dropna)
        counts.index = counts.index.map(lambda v: "NA" if pd.isna(v) else str(v))
    counts = counts.groupby(level=0).sum()
    n_total = int(counts.sum())
    name = column or (series.name if series.name is not None else "category")
    if n_total < min_cell_size:
        empty = pd.DataFrame({"category": pd.Series(dtype="str"),
                              "n": pd.Series(dtype="Int64"), "percent": pd.Series(dtype=float)})
        empty.attrs["characteristic"] = name
        return empty, [t["all"].format(m=min_cell_size)]
    order = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]))
    merged = [k for k, v in order if v < min_cell_size]
    kept = [(k, v) for k, v in order if v >= min_cell_size]
    other_n = sum(counts[k] for k in merged)
    while merged and other_n < min_cell_size and kept:
        k, v = kept.pop(0)
        merged.append(k)
        other_n += v
    rows = sorted(kept, key=lambda kv: (-kv[1], kv[0]))
    if merged:
        rows.append((other, other_n))
    table = pd.DataFrame(rows, columns=["category", "n"])
    table["percent"] = 100.0 * table["n"] / n_total
    if total:
        table.loc[len(table)] = [t["total"], n_total, 100.0]
    table["n"] = table["n"].astype("Int64")
    table.attrs["characteristic"] = name
    table.attrs["min_cell_size"] = min_cell_size
    notes = []
    if merged:
        notes.append(t["merged"].format(m=min_cell_size, other=other,
                                        names=", ".join(sorted(merged))))
    return table, notes


