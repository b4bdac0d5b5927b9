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

__all__ = ["validate_responses", "read_and_validate", "protocol_instruments"]


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


def validate_responses(frame, protocol, *, file=None, max_per_rule: int = 100) -> ProblemList:
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

    Returns
    -------
    ProblemList
        ``.errors`` (fail) and ``.warnings`` (do not fail); see the module docstring for the rules.

    Examples
    --------
    >>> problems = validate_responses(read_responses("data.csv"), load_protocol("p.yaml"))  # doctest: +SKIP
    >>> problems.raise_if_errors()                                                        # doctest: +SKIP
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
        blank_id = _blank(pid)
        add.rows(rows[blank_id], "participant id is empty; every row needs one",
                 column="participant_id", rule="participant id")
    if wave is not None:
        wave_text = wave.astype("str").str.strip()
        no_wave = _blank(wave)
        add.rows(rows[no_wave], f"wave is empty; use one of {', '.join(protocol.waves)}",
                 column="wave", rule="wave label")
        unknown = ~no_wave & ~wave_text.isin(protocol.waves).to_numpy()
        if unknown.any():
            labels = wave_text.to_numpy()
            add.rows(rows[unknown],
                     _by_position(rows, unknown, labels, lambda v: f"wave '{v}' is not one of "
                                  f"the protocol's waves {', '.join(protocol.waves)}"),
                     column="wave", rule="wave label")
        bad_wave = no_wave | unknown
    if pid is not None and wave is not None:
        ok = ~blank_id & ~bad_wave
        keys = pd.DataFrame({"p": pid.to_numpy(), "w": wave.astype("str").to_numpy()})
        dup = keys.duplicated(keep="first").to_numpy() & ok
        if dup.any():
            first = pd.Series(rows).groupby([keys["p"], keys["w"]], sort=False,
                                             dropna=False).transform("first").to_numpy()
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
        values = item_matrix(frame, inst, missing_codes=protocol.missing_codes, file=file,
                             problems=found)
        add.extend_capped(found)
        if values is None:
            continue
        answered = np.sum(~np.isnan(values), axis=1)
        need = int(min_answered.get(inst.id) or inst.min_answered or inst.items)
        short = (answered < need) & ~blank_id & ~bad_wave
        if short.any():
            add.rows(rows[short], _by_position(rows, short, answered, lambda a: (
                f"{inst.id}: {int(a)} of {inst.items} items answered, fewer than the {need} its "
                f"missing-item rule needs; its scores for this row will be empty")),
                column=inst.item_columns[0], rule="incomplete instrument", severity="warning")

    if pid is not None and wave is not None:
        _wave_warnings(problems, file, rows, pid, wave, blank_id | bad_wave, protocol, add)
    return problems


def _blank(series) -> np.ndarray:
    missing = series.isna().to_numpy()
    text = series.astype("str").str.strip()
    return missing | (text == "").fillna(True).to_numpy()


def _by_position(rows, mask, values, fmt):
    """A message function row -> text using ``values`` aligned with ``rows``."""
    lookup = dict(zip(rows[mask].tolist(), np.asarray(values)[mask].tolist()))
    return lambda row: fmt(lookup[int(row)])


def _wave_warnings(problems, file, rows, pid, wave, excluded, protocol, add):
    import pandas as pd

    keep = ~excluded
    ids = pid.to_numpy()[keep]
    waves = wave.astype("str").str.strip().to_numpy()[keep]
    kept_rows = rows[keep]
    base, follow = protocol.baseline, protocol.followup
    at_base = waves == base
    at_follow = waves == follow
    base_ids = pd.unique(ids[at_base])
    follow_ids = pd.unique(ids[at_follow])
    if len(ids) and not at_follow.any():
        problems.add(f"no row has the follow-up wave '{follow}': pre/post change cannot be "
                     f"estimated (statistics will be empty)", file=file, column="wave",
                     rule="follow-up present", severity="warning")
    if len(ids) and not at_base.any():
        problems.add(f"no row has the baseline wave '{base}': pre/post change cannot be "
                     f"estimated (statistics will be empty)", file=file, column="wave",
                     rule="baseline present", severity="warning")
    if at_follow.any():
        lost = at_base & ~pd.Series(ids).isin(follow_ids).to_numpy()
        if lost.any():
            problems.add(f"{int(lost.sum())} participant(s) have a baseline ({base}) but no "
                         f"follow-up ({follow}) row; they are counted as lost to follow-up "
                         f"(baseline rows {_rows_text(kept_rows[lost])})", file=file,
                         column="wave", rule="lost to follow-up", severity="warning")
    if at_base.any() or at_follow.any():
        only = at_follow & ~pd.Series(ids).isin(base_ids).to_numpy()
        if only.any():
            add.rows(kept_rows[only], f"participant has a follow-up ({follow}) but no baseline "
                     f"({base}) row; not in the paired analysis", column="wave",
                     rule="follow-up without baseline", severity="warning")


def read_and_validate(path, protocol, *, max_per_rule: int = 100):
    """Read a response file with the protocol's reading options and validate it.

    Returns ``(frame, problems)``; reading errors (missing, empty, corrupt file) raise
    :class:`~impact.errors.InputError` at once because nothing else can be checked then.
    """
    from .readers import read_responses

    sheet = protocol.get("sheet")
    frame = read_responses(path, columns=protocol.columns, sheet=sheet,
                           header_row=protocol.get("header_row"))
    return frame, validate_responses(frame, protocol, max_per_rule=max_per_rule)


def raise_on_errors(problems: ProblemList):
    if problems.errors:
        raise InputError(problems=problems.errors)
