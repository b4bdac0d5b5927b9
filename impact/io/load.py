"""One way in: response data in any layout, read, mapped, labelled and validated.

:func:`load_responses` is what ``impact validate``, ``impact analyse``, :func:`impact.analyse`
and the report layer use, so a file, a DataFrame or a set of per-wave files give the same long
frame and the same results.

Layouts (DESIGN.md, "Real-world input"):

``long`` (default)
    one row per participant and wave (the contract).
``wide``
    one row per participant; item columns carry the wave as the protocol's ``wave_pattern``
    (default ``"{item}_{wave}"``: ``pss10_1_T0``). Other columns (site, group, background) are
    shared by the waves. A wave whose items are all empty for a participant gives no row, as in
    a long file without that row.
one file per wave
    ``data: {T0: intake.xlsx, T1: eind.xlsx}`` in the protocol (paths relative to and inside the
    protocol's folder), or a mapping ``{wave: path or DataFrame}`` given to the API. A ``wave``
    column in such a file may be left out; where present it must agree.

Every part is validated where it came from (messages name its file, row and source column); the
checks across waves (lost to follow-up, follow-up only) run on the combined frame. The combined
long frame of a wide or multi-file input is numbered as the long file with the same rows would
be (index ``row`` from 2), with waves in protocol order, participants in input order.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np

from ..errors import InputError, ProblemList

__all__ = ["load_responses", "response_sources", "read_and_validate"]


def _is_frame(obj) -> bool:
    import pandas as pd

    return isinstance(obj, pd.DataFrame)


def response_sources(data, protocol) -> list[tuple[str | None, object]]:
    """``[(wave or None, path or DataFrame), ...]`` from the DATA argument and the protocol.

    DATA wins over the protocol's ``data``; paths the protocol names are checked by
    :func:`impact.protocol.guarded_path` (inside its folder, regular files).
    """
    from ..protocol import guarded_path, protocol_folder

    if data is not None:
        if isinstance(data, dict):
            unknown = [str(w) for w in data if str(w) not in protocol.waves]
            if unknown:
                raise InputError(f"data given for wave(s) {', '.join(unknown)}, which are not "
                                 f"among the protocol's waves {', '.join(protocol.waves)}",
                                 rule="one file per wave")
            return _distinct([(str(w), v if _is_frame(v) else Path(v))
                              for w, v in data.items()], None)
        if _is_frame(data):
            return [(None, data)]
        if isinstance(data, (str, os.PathLike)):
            return [(None, Path(data))]
        raise InputError(f"response data must be a file path, a DataFrame or a mapping of waves "
                         f"to files, got {type(data).__name__}", rule="response data")
    given = protocol.get("data")
    source = getattr(protocol, "path", None)
    if not given:
        raise InputError("no response data: name the response file on the command line or "
                         "under 'data' in the protocol", file=source, rule="response data")
    folder = protocol_folder(protocol)
    if isinstance(given, str):
        return [(None, guarded_path(folder, given, "response file", source=source))]
    out = []
    for wave in protocol.waves:  # protocol order
        if wave in {str(w) for w in given}:
            name = next(v for w, v in given.items() if str(w) == wave)
            out.append((wave, guarded_path(folder, name, "response file", source=source)))
    return _distinct(out, source)


def _fingerprint(path: Path):
    """(size, SHA-256) of a file, for telling copies apart; None when it cannot be read."""
    import hashlib

    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return (path.stat().st_size, digest.hexdigest())
    except OSError:
        return None


def _distinct(sources, protocol_file):
    """One file per wave means a different file per wave: the same file (by device and inode,
    so a link counts) or a byte-identical copy given for two waves is an error, as is one
    DataFrame given for two waves. Otherwise every participant would be 'paired' with a change
    of exactly 0."""
    seen: dict = {}
    for wave, src in sources:
        if _is_frame(src):
            keys = [("frame", id(src))]
        else:
            try:
                st = os.stat(src)
            except OSError:
                continue  # the reader reports a missing file
            keys = [("inode", st.st_dev, st.st_ino)]
            if len(sources) > 1 and st.st_size <= 500_000_000:
                print_ = _fingerprint(Path(src))
                if print_ is not None:
                    keys.append(("content",) + print_)
        for key in keys:
            if key in seen:
                other_wave, other = seen[key]
                how = "the same file" if key[0] != "content" else "byte-identical files"
                what = ("the same DataFrame" if key[0] == "frame" else
                        f"{how} ({other}" + ("" if str(other) == str(src) else f" and {src}") + ")")
                raise InputError(f"waves {other_wave} and {wave} are given {what}; each wave "
                                 f"needs its own file, or every change would be 0",
                                 file=protocol_file if protocol_file else src,
                                 column="data", rule="one file per wave, each a different file")
            seen[key] = (wave, src)
    return sources


def _read(source, protocol, required):
    """One part as a tidy frame (mapping applied)."""
    from .readers import read_responses, tidy_frame

    pattern = protocol.get("wave_pattern") or "{item}_{wave}"
    if _is_frame(source):
        frame = source.copy(deep=False)
        frame.attrs = dict(source.attrs)
        frame.attrs.setdefault("source_file", "<DataFrame>")
        frame.attrs.setdefault("format", "frame")
        frame.attrs.setdefault("header_row", 1)
        # the caller's index is kept (results align with the caller's frame); messages name
        # rows by position + 2 unless the index is a ``row`` index from a reader
        return tidy_frame(frame, columns=protocol.columns, required=required,
                          file=frame.attrs["source_file"], name_index=False)
    return read_responses(source, columns=protocol.columns, sheet=protocol.get("sheet"),
                          header_row=protocol.get("header_row"), required=required,
                          wave_pattern=pattern)


def _per_wave(frame, wave, problems):
    """The frame of one wave's file with its ``wave`` column filled (or checked)."""
    file = frame.attrs.get("source_file")
    if "wave" in frame.columns:
        from .readers import clean_text

        given = clean_text(frame["wave"])
        wrong = given.notna().to_numpy() & (given != wave).to_numpy()
        for row, value in list(zip(frame.index[wrong], given[wrong]))[:20]:
            problems.add(f"wave '{value}' in the file given for wave {wave}", file=file,
                         row=int(row), column="wave", rule="one file per wave")
    frame["wave"] = wave
    return frame


def _wide_columns(frame, protocol, instruments, problems):
    """{wave: {item: column}} of a wide frame; columns of unknown waves are errors."""
    import re

    from .readers import norm_name

    file = frame.attrs.get("source_file")
    pattern = protocol.get("wave_pattern") or "{item}_{wave}"
    items = [c for inst in instruments for c in inst.item_columns]
    by_norm = {norm_name(c): c for c in frame.columns}
    used = set()
    per_wave = {}
    for wave in protocol.waves:
        found = {}
        for item in items:
            name = by_norm.get(norm_name(pattern.format(item=item, wave=wave)))
            if name is not None:
                found[item] = name
                used.add(name)
        per_wave[wave] = found
    # item-like columns of waves the protocol does not list: data that would be dropped
    item_alt = "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))
    regex = re.compile("^" + re.escape(pattern).replace(re.escape("{item}"), f"(?:{item_alt})")
                       .replace(re.escape("{wave}"), "(.+)") + "$", re.IGNORECASE)
    for col in frame.columns:
        if col in used or not items:
            continue
        match = regex.match(str(col))
        if match:
            problems.add(f"column '{col}' names wave '{match.group(1)}', which is not one of the "
                         f"protocol's waves {', '.join(protocol.waves)}", file=file,
                         row=frame.attrs.get("header_row"), column=str(col),
                         rule="wide layout: wave_pattern")
    if not any(per_wave.values()):
        example = pattern.format(item=items[0] if items else "pss10_1", wave=protocol.waves[0])
        raise InputError(f"no item column matches the wave_pattern '{pattern}' (e.g. "
                         f"'{example}') for the waves {', '.join(protocol.waves)}", file=file,
                         row=frame.attrs.get("header_row"), rule="wide layout: wave_pattern")
    return per_wave, used


def _wide_to_long(frame, protocol, instruments, labels, problems):
    """The long frame of a wide frame, built column by column (one copy of the answers).

    Returns ``(long, slices)``: ``long`` indexed by the wide file's rows, one block of rows per
    wave (participants in file order; a participant whose items of a wave are all empty has no
    row there), and ``slices`` = ``[(wave, start, stop, {item: source column})]``.
    """
    import pandas as pd

    from .answers import coerce_items

    per_wave, used = _wide_columns(frame, protocol, instruments, problems)
    for wave, found in per_wave.items():
        if found:
            coerce_items(frame, instruments, protocol_labels=labels, problems=problems,
                         columns=found)
    items = [c for inst in instruments for c in inst.item_columns]
    shared = [c for c in frame.columns if c not in used and c != "wave"]
    takes, slices, start = [], [], 0
    for wave in protocol.waves:
        found = per_wave[wave]
        if not found:
            continue
        block = frame[list(found.values())]
        take = np.flatnonzero(block.notna().to_numpy().any(axis=1))
        takes.append((wave, take, found))
        slices.append((wave, start, start + len(take), found))
        start += len(take)
    order = np.concatenate([t for _, t, _ in takes])
    waves = pd.array(np.concatenate([np.full(len(t), w, dtype=object) for w, t, _ in takes]),
                     dtype="str")
    text = {}
    for col in shared:
        text[col] = frame[col].array.take(order)
        if col == "participant_id":
            text["wave"] = waves
    text.setdefault("wave", waves)
    # The answers as one column-major float matrix: pandas keeps it as its block without a copy.
    matrix = np.empty((len(order), len(items)), order="F")
    for j, item in enumerate(items):
        for (_, start, stop, found), (_, take, _) in zip(slices, takes):
            if item in found:
                matrix[start:stop, j] = frame[found[item]].to_numpy()[take]
            else:
                matrix[start:stop, j] = np.nan
    rows = pd.Index(frame.index.to_numpy()[order], name="row")
    answers = pd.DataFrame(matrix, columns=items, index=rows, copy=False)
    long = pd.concat([pd.DataFrame(text, index=rows), answers], axis=1)
    long.attrs = dict(frame.attrs)
    return long, slices


def _remap_columns(found: ProblemList, sources: dict) -> ProblemList:
    if not sources:
        return found
    out = ProblemList()
    out.extend([dataclasses.replace(p, column=sources.get(p.column, p.column))
                if p.column else p for p in found.problems])
    return out


def load_responses(data=None, protocol=None, *, max_per_rule: int = 100):
    """Read response data in any layout, apply the protocol's mapping and labels, validate.

    Parameters
    ----------
    data : str, Path, DataFrame, dict or None
        A response file (CSV, XLSX, SAV), a DataFrame (never modified), a mapping ``{wave: file
        or DataFrame}``, or None to use the protocol's ``data``.
    protocol : str, Path, dict or Protocol
        The study protocol (:func:`impact.protocol.as_protocol`).
    max_per_rule : int
        At most this many messages per rule and column.

    Returns
    -------
    (pandas.DataFrame, ProblemList)
        The long frame (item columns as float answer codes; ``attrs["input_files"]`` lists the
        files read) and every problem found. Reading errors (missing, corrupt, too large file)
        raise :class:`~impact.errors.InputError` at once.

    Examples
    --------
    ``None`` instead of ``responses_csv`` reads the files the protocol names under ``data``.

    >>> frame, problems = load_responses(responses_csv, protocol_yaml)
    >>> frame.shape, len(problems.errors), len(problems.warnings)
    ((56, 17), 0, 2)
    >>> problems.raise_if_errors()   # raises InputError listing every error; here there is none
    """
    import pandas as pd

    from ..protocol import as_protocol, protocol_answer_labels
    from .answers import coerce_items
    from .validate import protocol_instruments, validate_responses, wave_problems

    protocol = as_protocol(protocol)
    instruments = protocol_instruments(protocol)
    labels = protocol_answer_labels(protocol.get("answer_labels") or {}, protocol.path)
    layout = protocol.get("layout") or "long"
    sources = response_sources(data, protocol)
    per_wave_input = sources[0][0] is not None
    required = ("participant_id",) if (per_wave_input or layout == "wide") else None
    problems = ProblemList()
    parts = []
    files = []
    for wave, source in sources:
        frame = _read(source, protocol, required or ("participant_id", "wave"))
        if not _is_frame(source):
            files.append(str(source))
        if wave is not None:
            parts.append((wave, _per_wave(frame, wave, problems)))
        elif layout == "wide":
            return _load_wide(frame, protocol, instruments, labels, problems, files,
                              max_per_rule)
        else:
            parts.append((None, frame))
    checked, source_rows = [], []
    for wave, part in parts:
        part_problems = ProblemList()
        coerce_items(part, instruments, protocol_labels=labels, problems=part_problems)
        whole = len(parts) == 1
        part_problems.extend(validate_responses(part, protocol, max_per_rule=max_per_rule,
                                                wave_checks=whole))
        problems.extend(_remap_columns(part_problems, part.attrs.get("column_sources")))
        checked.append(part)
        source_rows.append(part.index.to_numpy())
    if len(checked) == 1:
        frame = checked[0]
    else:
        frame = pd.concat(checked, ignore_index=True)
        frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
        # the checks across waves name each file with its wave (rows are the files' own rows)
        frame.attrs = {"source_file": " + ".join(dict.fromkeys(
                           f"{p.attrs.get('source_file')} ({w})" for (w, _), p in
                           zip(parts, checked))),
                       "format": checked[0].attrs.get("format"), "header_row": 1,
                       "layout": "per-wave files" if per_wave_input else "wide",
                       "blank_rows": sum(int(p.attrs.get("blank_rows", 0)) for p in checked)}
        if not per_wave_input:  # one wide file: its blank rows once, not once per wave
            frame.attrs["blank_rows"] = int(checked[0].attrs.get("blank_rows", 0))
        problems.extend(wave_problems(frame, protocol, rows=np.concatenate(source_rows),
                                      max_per_rule=max_per_rule))
    frame.attrs["input_files"] = files
    frame.attrs.setdefault("layout", layout)
    return frame, problems


def _load_wide(frame, protocol, instruments, labels, problems, files, max_per_rule):
    """load_responses for one wide file: long frame, per-wave validation, wave checks."""
    import pandas as pd

    from .validate import validate_responses, wave_problems

    long, slices = _wide_to_long(frame, protocol, instruments, labels, problems)
    blank_rows = int(frame.attrs.get("blank_rows", 0))
    sources = frame.attrs.get("column_sources") or {}
    del frame
    for wave, start, stop, found in slices:
        part = long.iloc[start:stop]
        part.attrs = dict(long.attrs)
        found_problems = validate_responses(part, protocol, max_per_rule=max_per_rule,
                                            wave_checks=False)
        names = {item: sources.get(col, col) for item, col in found.items()}
        problems.extend(_remap_columns(found_problems, names))
    rows = long.index.to_numpy()
    long.index = pd.RangeIndex(2, len(long) + 2, name="row")
    long.attrs.update({"layout": "wide", "blank_rows": blank_rows, "input_files": files})
    problems.extend(wave_problems(long, protocol, rows=rows, max_per_rule=max_per_rule))
    return long, problems


def read_and_validate(path, protocol, *, max_per_rule: int = 100):
    """Read response data with the protocol's reading options and validate it.

    ``path`` may be a file, a DataFrame, a mapping of waves to files, or None for the
    protocol's ``data`` (see :func:`impact.io.load_responses`, which this calls). Returns
    ``(frame, problems)``; reading errors (missing, empty, corrupt file) raise
    :class:`~impact.errors.InputError` at once because nothing else can be checked then.
    """
    return load_responses(path, protocol, max_per_rule=max_per_rule)
