"""Paired rows of a long frame: the one check and pairing used by :mod:`impact.stats.prepost` and
:mod:`impact.stats.wilcoxon` (its own module so neither imports the other)."""

from __future__ import annotations

import numpy as np


def _pair_rows(frame, outcomes, id_col, wave_col, baseline, followup):
    """The rows of the baseline and follow-up waves (and every row's wave as text); a duplicated
    participant x wave row or an infinite score is an InputError naming it."""
    from ..errors import InputError

    # positions, not labels: the caller's index may repeat, be a MultiIndex or text (a
    # pd.concat without ignore_index); the statistics depend on the values only
    frame = frame.reset_index(drop=True)
    waves_str = frame[wave_col].astype(str)
    pair = frame.loc[waves_str.isin([str(baseline), str(followup)]).to_numpy()]
    dup = pair.duplicated([id_col, wave_col])
    if dup.any():
        first = pair[dup].iloc[0]
        raise InputError(f"participant '{first[id_col]}' has more than one row at wave "
                         f"{first[wave_col]!r} ({int(dup.sum())} duplicated participant x wave "
                         f"rows): one row per participant and wave", column=id_col,
                         rule="duplicates")
    _check_finite(pair, outcomes, id_col, wave_col)
    return pair, waves_str


def _check_finite(frame, columns, id_col, wave_col):
    from ..errors import InputError

    for c in columns:
        v = frame[c]
        if v.dtype.kind == "f" and np.isinf(v.to_numpy()).any():
            bad = frame.loc[np.isinf(v.to_numpy())].iloc[0]
            raise InputError(f"column '{c}' holds an infinite value (participant "
                             f"{bad[id_col]!r}, wave {bad[wave_col]!r}); scores must be finite",
                             column=c, rule="finite")


def _waves(column, waves, baseline, followup, wave_col):
    """The waves present in ``column`` (as text) and the baseline and follow-up: as given, else
    the first and last of the protocol's (or the data's) wave order."""
    from .mixed import wave_order

    present = [str(v) for v in column.dropna().astype(str).unique()]
    if baseline is None or followup is None:
        order = wave_order(column, waves, wave_col=wave_col)
        baseline = order[0] if baseline is None else baseline
        followup = order[-1] if followup is None else followup
    return present, baseline, followup


def paired_scores(data, outcome, *, baseline=None, followup=None, waves=None,
                  id_col="participant_id", wave_col="wave"):
    """The paired baseline and follow-up scores of one outcome in a long frame, checked as in
    :func:`prepost` (an unknown column or wave, a duplicated participant x wave row and an
    infinite score are errors naming what exists). Returns ``(ids, baseline, followup)``
    arrays over the participants with a row at both waves."""
    from ..errors import InputError
    from .mixed import check_columns

    if not isinstance(outcome, str):
        raise InputError("give the outcome column by name, e.g. 'pss10_score'", rule="outcome")
    check_columns(data, [id_col, wave_col])
    check_columns(data, [outcome], what="outcome column")
    present, baseline, followup = _waves(data[wave_col], waves, baseline, followup, wave_col)
    for role, w in (("baseline", baseline), ("followup", followup)):
        if str(w) not in present:
            raise InputError(f"{role} wave {str(w)!r} not in column '{wave_col}'; the data have "
                             f"{', '.join(map(repr, present))}", column=wave_col, rule=role)
    pair, waves_str = _pair_rows(data, [outcome], id_col, wave_col, baseline, followup)
    w = waves_str.loc[pair.index]
    pre = pair.loc[w == str(baseline)].set_index(id_col)[outcome]
    post = pair.loc[w == str(followup)].set_index(id_col)[outcome]
    ids = pre.index.intersection(post.index)
    return (np.asarray(ids), pre.loc[ids].to_numpy(dtype=float),
            post.loc[ids].to_numpy(dtype=float))
