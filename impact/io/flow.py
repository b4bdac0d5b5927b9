"""The participant flow ledger: every input row and every participant accounted for.

Rows. Each data row of the input file falls in exactly one category, checked in this order:

``blank_row``      entirely empty row, skipped by the reader (``frame.attrs["blank_rows"]``)
``blank_id``       no participant id
``unknown_wave``   no wave, or a wave label the protocol does not list
``duplicate``      a second (third, ...) row for the same participant and wave; the first is kept
``baseline``       a kept row at the baseline wave
``followup``       a kept row at the follow-up wave
``other_wave``     a kept row at another protocol wave (used by the multi-wave models)

so ``rows == sum(row_ledger.values())``.

Participants. Each distinct participant id with at least one kept row is *enrolled* and falls in
exactly one category:

``paired``            baseline and follow-up rows, primary outcome computable at both
``not_computable``    both rows, but the primary outcome is empty at one of them (missing items)
``lost_to_followup``  a baseline row, no follow-up row
``followup_only``     a follow-up row, no baseline row
``other_waves_only``  only rows at intermediate waves

so ``enrolled == sum(participant_ledger.values())``. This is the participant flow item of TREND
(Des Jarlais et al., AJPH 2004;94:361, item 13) and of a CONSORT-style diagram
(:func:`impact.plots.flowchart.flow_diagram`).
"""

from __future__ import annotations

import numpy as np

__all__ = ["participant_flow", "ROW_CATEGORIES", "PARTICIPANT_CATEGORIES"]

ROW_CATEGORIES = ("blank_row", "blank_id", "unknown_wave", "duplicate", "baseline", "followup",
                  "other_wave")
PARTICIPANT_CATEGORIES = ("paired", "not_computable", "lost_to_followup", "followup_only",
                          "other_waves_only")

_ROW_REASONS = {
    "blank_row": "entirely empty rows",
    "blank_id": "rows without a participant id",
    "unknown_wave": "rows without a wave or with a wave label not in the protocol",
    "duplicate": "second rows for the same participant and wave",
}


def _blank(series) -> np.ndarray:
    from .readers import clean_text

    return clean_text(series).isna().to_numpy()


def participant_flow(frame, protocol, scores=None, primary=None) -> dict:
    """Count every row and participant of a response frame into the flow ledger.

    Parameters
    ----------
    frame : pandas.DataFrame
        Response frame (``participant_id``, ``wave``), raw ids or pseudonyms alike.
    protocol : Protocol
        Gives ``waves``, ``baseline`` and ``followup``.
    scores : pandas.DataFrame, optional
        Scores on the same index as ``frame``; with ``primary`` it decides ``paired``.
    primary : str, optional
        The primary outcome column of ``scores``.

    Returns
    -------
    dict
        The ``flow`` object of the results JSON: ``rows`` (data rows in the file, blank rows
        included), ``enrolled``, ``with_baseline``, ``with_followup``, ``without_followup``,
        ``followup_only``, ``paired``, ``excluded`` (``[{code, reason, n, unit}]``),
        ``row_ledger``, ``participant_ledger``, ``baseline``, ``followup`` and ``reconciles``
        (both ledgers sum to their totals).

    Notes
    -----
    A participant is *paired* when the primary outcome is computable at both waves; without a
    primary outcome, when both rows exist. Duplicated rows are excluded, the first row of each
    participant and wave is kept (validation refuses duplicates before an analysis; the ledger
    still accounts for them when called on unvalidated data).
    """
    import pandas as pd

    n = len(frame)
    blank_rows = int(frame.attrs.get("blank_rows", 0) or 0)
    pid = frame["participant_id"]
    from .readers import clean_text

    wave = clean_text(frame["wave"])
    blank_id = _blank(frame["participant_id"])
    no_wave = wave.isna().to_numpy()
    unknown = ~blank_id & (no_wave | ~wave.isin(protocol.waves).fillna(False).to_numpy(bool))
    candidate = ~blank_id & ~unknown
    keys = pd.DataFrame({"p": pid.to_numpy(), "w": wave.to_numpy()})
    dup = np.zeros(n, bool)  # duplicates among rows not already excluded
    if candidate.any():
        dup[candidate] = keys[candidate].duplicated(keep="first").to_numpy()
    kept = candidate & ~dup
    waves = wave.to_numpy()
    is_base = kept & (waves == protocol.baseline)
    is_follow = kept & (waves == protocol.followup)
    rows = {
        "blank_row": blank_rows,
        "blank_id": int(blank_id.sum()),
        "unknown_wave": int(unknown.sum()),
        "duplicate": int(dup.sum()),
        "baseline": int(is_base.sum()),
        "followup": int(is_follow.sum()),
        "other_wave": int((kept & ~is_base & ~is_follow).sum()),
    }
    ids = pid.to_numpy()
    enrolled_ids = pd.unique(ids[kept])
    base_ids = pd.Index(pd.unique(ids[is_base]))
    follow_ids = pd.Index(pd.unique(ids[is_follow]))
    both = base_ids.intersection(follow_ids)
    if primary and scores is not None and primary in scores.columns:
        ok = scores[primary].reindex(frame.index).notna().to_numpy()
        pre_ok = pd.Index(pd.unique(ids[is_base & ok]))
        post_ok = pd.Index(pd.unique(ids[is_follow & ok]))
        paired = both.intersection(pre_ok).intersection(post_ok)
    else:
        paired = both
    people = {
        "paired": len(paired),
        "not_computable": len(both) - len(paired),
        "lost_to_followup": len(base_ids.difference(follow_ids)),
        "followup_only": len(follow_ids.difference(base_ids)),
        "other_waves_only": len(enrolled_ids) - len(base_ids.union(follow_ids)),
    }
    excluded = [{"code": code, "reason": _ROW_REASONS[code], "n": rows[code], "unit": "rows"}
                for code in ("blank_row", "blank_id", "unknown_wave", "duplicate") if rows[code]]
    if people["not_computable"]:
        what = primary or "the primary outcome"
        excluded.append({"code": "not_computable", "n": people["not_computable"],
                         "unit": "participants",
                         "reason": f"{what} not computable (too many items missing) at "
                                   f"{protocol.baseline} or {protocol.followup}"})
    total_rows = n + blank_rows
    return {
        "rows": total_rows,
        "enrolled": len(enrolled_ids),
        "with_baseline": len(base_ids),
        "with_followup": len(follow_ids),
        "without_followup": people["lost_to_followup"],
        "followup_only": people["followup_only"],
        "paired": people["paired"],
        "excluded": excluded,
        "baseline": protocol.baseline,
        "followup": protocol.followup,
        "row_ledger": rows,
        "participant_ledger": people,
        "reconciles": (sum(rows.values()) == total_rows
                       and sum(people.values()) == len(enrolled_ids)),
    }
