"""Validation of a response frame against a protocol: every problem at once, each located.

Errors (``impact validate`` exits 2, ``impact analyse`` refuses the data):

========================  =====================================================================
rule                      when
========================  =====================================================================
required columns          ``participant_id``, ``wave``, the protocol's site/group/background
                          columns or an instrument's item columns are absent
participant id            a row has no participant id
wave label                a row has no wave, or a wave label the protocol does not list
one row per wave          two rows share participant id and wave (the later one names the first)
item coding               text in an item, a fraction, or a code outside the instrument's range
                          (reported by :func:`impact.instruments.item_matrix`)
========================  =====================================================================

Warnings (reported, do not fail):

* incomplete instrument: fewer items answered than the instrument's missing-item rule needs, so
  the score of that row will be empty (never a guess);
* lost to follow-up: participants with a baseline but no follow-up row (one summary line);
* follow-up only: a participant with a follow-up but no baseline row;
* no follow-up (or no baseline) at all: pre/post change cannot be estimated.

Every check is vectorised over the whole frame; only the problems found are turned into messages,
at most ``max_per_rule`` per rule and column, followed by one line with the number left out.
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError, ProblemList

__all__ = ["validate_responses", "protocol_instruments"]

_BLOCK = 65_536  # rows per block when checking item codes


def protocol_instruments(protocol) -> list:
    """The protocol's instruments as :class:`impact.instruments.Instrument` objects."""
    from ..instruments import get_instrument

    resolved = getattr(protocol, "instrument_objects", None)
    if resolved:
        return list(resolved)
    return [get_instrument(i) for i in protocol.instruments]


def _rows_text(rows, limit=10) -> str:
    rows = [int(r) for r in rows]
    shown = ", ".join(map(str, rows[:limit]))
    return shown + (f", ... ({len(rows)} in all)" if len(rows) > limit else "")


class _Collector:
    """Adds problems, capping each (rule, column) at ``cap`` with one summary line."""

    def __init__(self, problems: ProblemList, file, cap: int):
        self.problems, self.file, self.cap = problems, file, cap

    def rows(self, rows, message, *, column=None, rule, severity="error"):
        """One problem per row in ``rows`` (``message`` is a text or a function of the row)."""
        rows = list(rows)
        for row in rows[: self.cap]:
            text = message(row) if callable(message) else message
            self.problems.add(text, file=self.file, row=int(row), column=column, rule=rule,
                              severity=severity)
        if len(rows) > self.cap:
            self.problems.add(f"... and {len(rows) - self.cap} more row(s) with the same problem"
                              f" (rows {_rows_text(rows[self.cap:], 5)})", file=self.file,
                              column=column, rule=rule, severity=severity)

    def extend_capped(self, found: ProblemList):
        groups: dict = {}
        for p in found.problems:
            groups.setdefault((p.rule, p.column, p.severity), []).append(p)
        for (rule, column, severity), items in groups.items():
            self.problems.extend(items[: self.cap])
            if len(items) > self.cap:
                rest = [p.row for p in items[self.cap:] if p.row is not None]
                self.problems.add(f"... and {len(items) - self.cap} more problem(s) of this kind"
                                  + (f" (rows {_rows_text(rest, 5)})" if rest else ""),
                                  file=self.file, column=column, rule=rule, severity=severity)


def validate_responses(frame, protocol, *, file=None, max_per_rule: int = 100,
                       wave_checks: bool = True) -> ProblemList:
    """Check a response frame against a protocol and collect every problem.

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by :func:`impact.read_responses` (index ``row`` = spreadsheet row); a frame
        with another index is checked too, its rows then named by position + 2.
    protocol : Protocol
        A checked protocol (:func:`impact.load_protocol`).
    file : str, optional
        File name for messages; default ``frame.attrs["source_file"]``.
    max_per_rule : int
        At most this many messages per rule and column, then one line counting the rest.
    wave_checks : bool
        Also the checks across waves (lost to follow-up, follow-up only); off for one part of a
        multi-file input, whose combined frame :func:`wave_problems` checks.

    Returns
    -------
    ProblemList
        ``.errors`` (fail) and ``.warnings`` (do not fail); see the module docstring for the rules.

    Examples
    --------
    >>> problems = validate_responses(impact.read_responses(responses_csv),
    ...                               impact.load_protocol(protocol_yaml))
    >>> len(problems.errors), [p.rule for p in problems.warnings]
    (0, ['incomplete instrument', 'lost to follow-up'])
    >>> problems.raise_if_errors()   # raises InputError listing every error; here there is none

    A comparable check in R is ``validate::confront(data, validator(pss10_1 %in% 0:4,
    !is.na(participant_id), is_unique(participant_id, wave)))``.
    """
    import pandas as pd

    from ..instruments import item_matrix

    file = file or frame.attrs.get("source_file")
    problems = ProblemList()
    add = _Collector(problems, file, max_per_rule)
    if frame.index.name == "row":
        rows = frame.index.to_numpy()
    else:
        rows = np.arange(2, len(frame) + 2)
    header = frame.attrs.get("header_row", 1)

    required = ["participant_id", "wave"]
    for key in ("site_column", "group_column"):
        if protocol.get(key):
            required.append(str(protocol.get(key)))
    required += [str(c) for c in (protocol.get("background") or [])]
    for col in required:
        if col not in frame.columns:
            problems.add(f"required column '{col}' is missing; columns are "
                         f"{', '.join(map(str, frame.columns[:40]))}", file=file, row=header,
                         column=col, rule="required columns")

    pid = frame["participant_id"] if "participant_id" in frame.columns else None
    wave = frame["wave"] if "wave" in frame.columns else None
    blank_id = np.zeros(len(frame), bool)
    bad_wave = np.zeros(len(frame), bool)
    if pid is not None:
        from .readers import text_codes

        # integer codes per participant (-1 = blank): every later check works on integers
        pid_codes = text_codes(pid)[0]
        blank_id = pid_codes < 0
        add.rows(rows[blank_id], "participant id is empty; every row needs one",
                 column="participant_id", rule="participant id")
    if wave is not None:
        from .readers import text_codes

        wave_codes, wave_labels = text_codes(wave)
        no_wave = wave_codes < 0
        add.rows(rows[no_wave], f"wave is empty; use one of {', '.join(protocol.waves)}",
                 column="wave", rule="wave label")
        label_known = np.array([w in protocol.waves for w in wave_labels] + [True])
        unknown = ~label_known[wave_codes]  # code -1 (blank) maps to the last entry: True
        if unknown.any():
            labels = np.array(wave_labels + [None], dtype=object)[wave_codes]
            add.rows(rows[unknown],
                     _by_position(rows, unknown, labels, lambda v: f"wave '{v}' is not one of "
                                  f"the protocol's waves {', '.join(protocol.waves)}"),
                     column="wave", rule="wave label")
        bad_wave = no_wave | unknown
    if pid is not None and wave is not None:
        ok = ~blank_id & ~bad_wave
        key = pid_codes.astype(np.int64) * (int(wave_codes.max(initial=0)) + 2) + wave_codes + 1
        dup = pd.Series(np.where(ok, key, -1 - np.arange(len(key)))).duplicated(
            keep="first").to_numpy()
        if dup.any():
            first = pd.Series(rows).groupby(key, sort=False).transform("first").to_numpy()
            add.rows(rows[dup], _by_position(rows, dup, first, lambda f: (
                f"second row for the same participant and wave (first at row {int(f)}); "
                "keep one row per participant per wave")), column="participant_id",
                rule="one row per participant per wave")

    min_answered = protocol.get("min_answered") or {}
    for inst in protocol_instruments(protocol):
        absent = [c for c in inst.item_columns if c not in frame.columns]
        if absent:
            problems.add(f"instrument {inst.id} needs column(s) {', '.join(absent)}", file=file,
                         row=header, column=absent[0], rule="required columns")
            continue
        found = ProblemList()
        # In blocks of rows: the temporaries of a block stay small and warm in memory, which on
        # a million rows is several times faster than one pass over the whole item matrix.
        answered_blocks = np.empty((len(frame), inst.items), dtype=bool)
        for start in range(0, len(frame), _BLOCK):
            values = item_matrix(frame.iloc[start:start + _BLOCK], inst,
                                 missing_codes=protocol.missing_codes, file=file, problems=found)
            answered_blocks[start:start + _BLOCK] = ~np.isnan(values)
        add.extend_capped(found)
        try:
            override = min_answered.get(inst.id)
            rule_inst = inst.with_options(min_answered=override) if override else inst
        except InputError as exc:
            problems.add(exc.problems[0].message, file=getattr(protocol, "path", None),
                         rule="protocol min_answered")
            continue
        _incomplete(add, rows, answered_blocks, rule_inst, ~blank_id & ~bad_wave)

    if wave_checks and pid is not None and wave is not None:
        _wave_warnings(problems, file, rows, pid_codes, wave_codes, wave_labels,
                       blank_id | bad_wave, protocol, add)
    return problems


def wave_problems(frame, protocol, *, rows=None, max_per_rule: int = 100) -> ProblemList:
    """The checks across waves alone (lost to follow-up, follow-up only) on a combined frame.

    ``rows`` gives the row number to name per row (default the frame's index).
    """
    from .readers import text_codes

    problems = ProblemList()
    file = frame.attrs.get("source_file")
    add = _Collector(problems, file, max_per_rule)
    rows = frame.index.to_numpy() if rows is None else np.asarray(rows)
    pid_codes = text_codes(frame["participant_id"])[0]
    wave_codes, wave_labels = text_codes(frame["wave"])
    known = np.array([w in protocol.waves for w in wave_labels] + [False])
    excluded = (pid_codes < 0) | ~known[wave_codes]
    _wave_warnings(problems, file, rows, pid_codes, wave_codes, wave_labels, excluded, protocol,
                   add)
    return problems


def _incomplete(add, rows, answered, inst, considered):
    """Warn where the missing-item rule leaves a score empty (mirrors the scorer's rule).

    Instruments with a total: fewer than ``inst.needed`` items answered. Instruments without a
    total (mph, ons4): a subscale with fewer answered items than its threshold.
    """
    if inst.total:
        count = answered.sum(axis=1)
        need = inst.needed
        short = (count < need) & considered
        if short.any():
            add.rows(rows[short], _by_position(rows, short, count, lambda a: (
                f"{inst.id}: {int(a)} of {inst.items} items answered, fewer than the {need} its "
                f"missing-item rule needs; {inst.score_column} for this row will be empty")),
                column=inst.item_columns[0], rule="incomplete instrument", severity="warning")
        return
    names = list(inst.subscales)
    flags = np.zeros((answered.shape[0], len(names)), dtype=bool)
    for j, name in enumerate(names):
        items = np.asarray(inst.subscales[name]) - 1
        need = inst.subscale_min_answered.get(name, len(items))
        flags[:, j] = answered[:, items].sum(axis=1) < need
    empty = flags.sum(axis=1)
    short = (empty > 0) & considered
    if short.any():
        lookup = dict(zip(rows[short].tolist(), flags[short]))
        add.rows(rows[short], lambda row: (
            f"{inst.id}: too few items answered for "
            + ", ".join(f"{inst.id}_{names[j]}" for j in np.nonzero(lookup[int(row)])[0])
            + "; those scores for this row will be empty"),
            column=inst.item_columns[0], rule="incomplete instrument", severity="warning")


def _by_position(rows, mask, values, fmt):
    """A message function row -> text using ``values`` aligned with ``rows``."""
    lookup = dict(zip(rows[mask].tolist(), np.asarray(values)[mask].tolist()))
    return lambda row: fmt(lookup[int(row)])


def _wave_warnings(problems, file, rows, pid_codes, wave_codes, wave_labels, excluded, protocol,
                   add):
    keep = ~excluded
    ids = pid_codes[keep]
    waves = wave_codes[keep]
    kept_rows = rows[keep]
    base, follow = protocol.baseline, protocol.followup
    at_base = waves == (wave_labels.index(base) if base in wave_labels else -2)
    at_follow = waves == (wave_labels.index(follow) if follow in wave_labels else -2)
    size = int(pid_codes.max(initial=-1)) + 1
    has_base = np.zeros(size, bool)
    has_base[ids[at_base]] = True
    has_follow = np.zeros(size, bool)
    has_follow[ids[at_follow]] = True
    if len(ids) and not at_follow.any():
        problems.add(f"no row has the follow-up wave '{follow}': pre/post change cannot be "
                     f"estimated (statistics will be empty)", file=file, column="wave",
                     rule="follow-up present", severity="warning")
    if len(ids) and not at_base.any():
        problems.add(f"no row has the baseline wave '{base}': pre/post change cannot be "
                     f"estimated (statistics will be empty)", file=file, column="wave",
                     rule="baseline present", severity="warning")
    if at_follow.any():
        lost = at_base & ~has_follow[ids]
        if lost.any():
            problems.add(f"{np.unique(ids[lost]).size} participant(s) have a baseline ({base}) but no "
                         f"follow-up ({follow}) row; they are counted as lost to follow-up "
                         f"(baseline rows {_rows_text(kept_rows[lost])})", file=file,
                         column="wave", rule="lost to follow-up", severity="warning")
    if at_base.any() or at_follow.any():
        only = at_follow & ~has_base[ids]
        if only.any():
            add.rows(kept_rows[only], f"participant has a follow-up ({follow}) but no baseline "
                     f"({base}) row; not in the paired analysis", column="wave",
                     rule="follow-up without baseline", severity="warning")


