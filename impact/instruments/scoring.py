"""Vectorised scoring of instruments over a whole response frame.

Every instrument is scored with NumPy over the full item matrix at once; no Python loop runs over
respondents. The rules are data (see :mod:`impact.instruments.registry`):

* **Keying.** Reverse keying uses the instrument's *declared* minimum and maximum
  (``x' = min + max - x``), never the observed ones, so an unused answer category cannot shift a
  score (the trap of R ``psych::reverse.code`` without explicit limits). Recoded items go through
  their value map (De Jong Gierveld: "min of meer" always counts as lonely).
* **Missing items.** Per instrument ``missing_rule`` with threshold ``min_answered``:
  ``prorate`` gives ``sum(answered) * items / answered``; ``impute_mean`` imputes each missing
  item by the person's mean of the answered keyed items (for a sum this is the same number as
  prorating); ``count`` gives the plain sum of the answered items (De Jong Gierveld: with one item
  missing the count over the answered items, not prorated); ``complete`` needs every item. Mean
  scores are the mean of the answered items. Below the threshold the score is NaN, never a guess.
  Subscales need all their items unless ``subscale_min_answered`` says otherwise.
* **Transformations.** ``multiplier`` scales the main score (WHO-5 and MHI-5: x4); a
  ``conversion`` table turns a complete raw sum into a published metric (SWEMWBS), keeping the raw
  sum as ``<id>_raw``.
* **Categories.** Ordered bands on the computed score (``max``: score <= max, ``below``:
  score < below), first matching band wins; an empty score has no category.
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError, ProblemList
from .registry import Instrument, get_instrument

__all__ = ["score", "item_matrix", "keyed_items"]

ID_COLUMNS = ("participant_id", "wave", "site", "group")
_MAX_REPORTED = 50  # problems listed per instrument before summarising the rest


def _show(value) -> str:
    """A cell value as the user typed it: 7 not np.int64(7), text in quotes."""
    if isinstance(value, str):
        return repr(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return repr(value)
    return f"{number:g}"


def _row_label(frame, position):
    """The row as the user knows it: the source row number if the reader recorded it."""
    idx = frame.index[position]
    if frame.index.name == "row":
        return int(idx), "row"
    return idx, "index"


def _is_plain_numeric(dtype) -> bool:
    return dtype.kind in "iuf"


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
    if all(_is_plain_numeric(dt) for dt in block.dtypes):
        # fast path: numbers already; no text can hide here
        values = block.to_numpy(dtype=float, copy=True)
        bad_text = None
    else:
        numeric = block.apply(pd.to_numeric, errors="coerce")
        values = numeric.to_numpy(dtype=float, na_value=np.nan, copy=True)
        raw_missing = block.isna().to_numpy()
        bad_text = np.isnan(values) & ~raw_missing
        if not bad_text.any():
            bad_text = None
    if missing_codes:
        values[np.isin(values, np.asarray(list(missing_codes), dtype=float))] = np.nan
    lo, hi = instrument.min, instrument.max
    out_of_range = fractional = None
    # cheap screening first (a few reductions); the masks are built only when something is wrong
    if values.size:
        vmin, vmax = np.fmin.reduce(values, axis=None), np.fmax.reduce(values, axis=None)
        if vmin < lo or vmax > hi:
            out_of_range = (values < lo) | (values > hi)
        if values.dtype.kind == "f":
            # column by column: cache-friendly, small temporaries; == is False for NaN
            whole = sum(np.count_nonzero(np.floor(values[:, j]) == values[:, j])
                        for j in range(values.shape[1]))
            if whole != np.count_nonzero(values == values):  # not NaN
                with np.errstate(invalid="ignore"):
                    fractional = (np.floor(values) != values) & ~np.isnan(values)
                if out_of_range is not None:
                    fractional &= ~out_of_range
    if bad_text is not None or out_of_range is not None or fractional is not None:
        found = ProblemList() if problems is None else problems
        reported = 0
        for mask, why in ((bad_text, "is not a number"), (out_of_range, "is outside the coding"),
                          (fractional, "is not a whole answer code")):
            if mask is None:
                continue
            rows, columns = np.nonzero(mask)
            for r, c in zip(rows[:_MAX_REPORTED], columns[:_MAX_REPORTED]):
                row, kind = _row_label(frame, r)
                value = _show(block.iat[r, c])
                # text is never "declared missing": answer labels are read as codes by
                # impact.io.load_responses (instrument and protocol answer_labels)
                hint = ("; answer texts go under answer_labels in the protocol" if mask is
                        bad_text else "; declare codes that mean missing as missing_codes")
                found.add(f"value {value} {why} {lo:g}-{hi:g} of "
                          f"{instrument.id}" + ("" if kind == "row" else f" ({kind} {row})"),
                          file=file, row=row if kind == "row" else None, column=cols[c],
                          rule=f"{instrument.id} items are coded {lo:g}-{hi:g}{hint}")
            reported += len(rows)
            if len(rows) > _MAX_REPORTED:
                found.add(f"{len(rows) - _MAX_REPORTED} more value(s) that {why} of "
                          f"{instrument.id} not listed", file=file,
                          rule=f"{instrument.id} items are coded {lo:g}-{hi:g}")
        if problems is None:
            found.raise_if_errors()
        for mask in (bad_text, out_of_range, fractional):
            if mask is not None:
                values[mask] = np.nan
    return values


def _key_in_place(values, inst: Instrument):
    """Reverse and recode the items of ``values`` in place (NaN stays NaN)."""
    if inst.reverse:
        rev = np.asarray(inst.reverse) - 1
        values[:, rev] = (inst.min + inst.max) - values[:, rev]
    if inst.recode:
        lo = int(np.ceil(inst.min))
        groups: dict[tuple, list[int]] = {}
        for item, mapping in inst.recode.items():
            groups.setdefault(tuple(sorted(mapping.items())), []).append(item - 1)
        for mapping, idx in groups.items():
            lut = np.array([v for _, v in mapping], dtype=float)
            sub = values[:, idx]
            nan = np.isnan(sub)
            codes = np.where(nan, lo, sub).astype(np.intp) - lo
            out = lut[codes]
            out[nan] = np.nan
            values[:, idx] = out
    return values


def keyed_items(data, instrument, *, missing_codes=()):
    """The ``(n, items)`` matrix of keyed item values (reversed, recoded), NaN for missing.

    This is what reliability analysis works on: a De Jong Gierveld item becomes 0/1 (lonely),
    a reversed PSS item ``4 - x``.
    """
    inst = get_instrument(instrument)
    return _key_in_place(item_matrix(data, inst, missing_codes=missing_codes), inst)


def _index(items):
    """A slice when the 0-based item positions are contiguous (a view, no copy)."""
    idx = [k - 1 for k in items]
    if idx == list(range(idx[0], idx[-1] + 1)):
        return slice(idx[0], idx[-1] + 1)
    return idx


def _aggregate(filled, answered_mask, cols, *, scoring, rule, need, n_items):
    sub = filled[:, cols]
    if n_items < 256:  # summing bytes is many times faster than summing booleans
        answered = answered_mask.view(np.uint8)[:, cols].sum(axis=1, dtype=np.uint8)
        answered = answered.astype(np.int64)
    else:
        answered = answered_mask[:, cols].sum(axis=1)
    total = sub.sum(axis=1)
    if rule == "complete":
        need = n_items
    with np.errstate(invalid="ignore", divide="ignore"):
        if scoring == "mean":
            result = total / answered
        elif rule in ("prorate", "impute_mean"):
            # person-mean imputation of the missing keyed items: sum + (k - a) * sum / a
            result = total * (n_items / answered)
        else:  # count, complete
            result = total
    return np.where(answered >= need, result, np.nan), answered


def _categorise(values, bands, item_values, item_cols):
    import pandas as pd

    n = len(values)
    codes = np.full(n, -1, dtype=np.int8)
    remaining = ~np.isnan(values)
    for i, band in enumerate(bands):
        if band.max is not None:
            hit = values <= band.max
        elif band.below is not None:
            hit = values < band.below
        else:
            hit = np.ones(n, dtype=bool)
        if band.any_item_at_most is not None:
            sub = item_values[:, item_cols]
            hit |= np.any(sub <= band.any_item_at_most, axis=1)  # NaN compares False
        hit &= remaining
        codes[hit] = i
        remaining &= ~hit
    return pd.Categorical.from_codes(codes, categories=[b.id for b in bands], ordered=True)


def _score_one(values, inst: Instrument, min_answered=None):
    """Score one instrument on its checked item matrix (``values`` is modified in place)."""
    if min_answered is not None:
        inst = inst.with_options(min_answered=min_answered)
    cats = inst.categories
    needs_items = any(b.any_item_at_most is not None for bands in cats.values() for b in bands)
    raw_values = values.copy(order="K") if needs_items else None
    missing = np.isnan(values)
    answered_mask = ~missing
    keyed = _key_in_place(values, inst)
    np.copyto(keyed, 0.0, where=missing)  # missing cells add nothing; counts say how many
    del missing
    out = {}
    n = inst.items
    total, answered = _aggregate(keyed, answered_mask, slice(0, n), scoring=inst.scoring,
                                 rule=inst.missing_rule, need=inst.needed, n_items=n)
    if inst.total:
        if inst.conversion:
            table = inst.conversion["table"]
            lo = min(table)
            lut = np.array([table[k] for k in sorted(table)])
            complete = (answered == n) & ~np.isnan(total)
            raw_int = np.where(complete, total, lo).astype(np.intp) - lo
            out[inst.score_column] = np.where(complete, lut[raw_int], np.nan)
            out[inst.raw_column] = total
        else:
            out[inst.score_column] = total * inst.multiplier if inst.multiplier != 1 else total
    for name, items in inst.subscales.items():
        need_sub = inst.subscale_min_answered.get(name, len(items))
        out[f"{inst.id}_{name}"], _ = _aggregate(
            keyed, answered_mask, _index(items), scoring=inst.scoring,
            rule=inst.missing_rule if inst.missing_rule != "complete" else "count",
            need=need_sub, n_items=len(items))
    for target, bands in cats.items():
        col = inst.target_column(target)
        item_cols = slice(0, n) if target == "score" else _index(inst.subscales[target])
        out[inst.category_column(target)] = _categorise(out[col], bands, raw_values, item_cols)
    out[f"{inst.id}_answered"] = answered
    return out


def score(data, instruments, *, missing_codes=(), min_answered=None, keep=ID_COLUMNS,
          options=None):
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
        Per-instrument override of the minimum number of answered items, ``{"pss10": 10}``. For
        an instrument without a total (mph) it applies to every dimension.
    keep : sequence of str
        Identifier columns copied to the output when present.
    options : dict, optional
        Per-instrument options for :meth:`Instrument.with_options`, e.g.
        ``{"mhi5": {"category_rule": "cbs"}, "k10": {"missing_rule": "complete"}}``.

    Returns
    -------
    pandas.DataFrame
        The ``keep`` columns, then per instrument ``<id>_score`` (if it has a total),
        ``<id>_raw`` (with a conversion table), one column per subscale ``<id>_<name>``,
        ``<id>_category`` (ordered categorical of band ids) where cut-offs exist, and
        ``<id>_answered`` (items answered).

    Raises
    ------
    InputError
        For a missing item column, text, a fraction or a value outside the coding, naming the row
        and column.

    Notes
    -----
    Sum scores: reversed items are keyed ``min + max - x``, recoded items through their value map;
    the missing-item rule of the instrument decides whether and how a score with missing items is
    computed (see the module docstring). Mean scores: the mean of the answered items. Fewer
    answered items than the rule allows give NaN.

    Examples
    --------
    >>> import impact
    >>> responses = impact.read_responses(responses_csv)   # PSS-10 items pss10_1 ... pss10_10
    >>> scores = impact.score(responses, ["pss10"])
    >>> scores.columns.tolist()
    ['participant_id', 'wave', 'pss10_score', 'pss10_helplessness', 'pss10_self_efficacy',
     'pss10_answered']
    >>> scores.groupby("wave")["pss10_score"].mean().round(1).to_dict()
    {'T0': 19.9, 'T1': 15.0}

    The R equivalent for a complete PSS-10 response is
    ``psych::scoreItems(keys, items, totals = TRUE, impute = "none", min = 0, max = 4)`` with
    keys reversing items 4, 5, 7 and 8.
    """
    import pandas as pd

    if isinstance(instruments, (str, Instrument)):
        instruments = [instruments]
    insts = [get_instrument(i) for i in instruments]
    min_answered = min_answered or {}
    options = options or {}
    columns = {c: data[c].to_numpy() for c in keep if c in data.columns}
    for inst in insts:
        if inst.id in options:
            opts = options[inst.id]
            if not isinstance(opts, dict):
                raise InputError(f"options for {inst.id} must be a mapping", rule="options")
            unknown = set(opts) - {"min_answered", "missing_rule", "category_rule",
                                   "subscale_min_answered"}
            if unknown:
                raise InputError(f"unknown option(s) for {inst.id}: {', '.join(sorted(unknown))}",
                                 rule="options: min_answered, missing_rule, category_rule, "
                                      "subscale_min_answered")
            inst = inst.with_options(**opts)
        values = item_matrix(data, inst, missing_codes=missing_codes)
        columns.update(_score_one(values, inst, min_answered.get(inst.id)))
    out = pd.DataFrame(columns, index=data.index)
    out.attrs.update(data.attrs)
    return out
