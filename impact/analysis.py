"""The orchestrator: protocol + response data -> one results object.

This is the only module that knows about files, protocols and all statistics together. The
evidence and report layers read its results and never recompute them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ._result import Result, clean_json
from ._version import __version__

__all__ = ["analyse", "Results", "sha256_file"]


def sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Results(Result):
    """Everything ``impact analyse`` reports: outcomes, flow, provenance, notes (DESIGN.md keys)."""

    title = "impact results"

    def __init__(self, data: dict, scores=None, protocol=None):
        self.data = data
        self.scores = scores
        self.protocol = protocol

    def __getitem__(self, key):
        return self.data[key]

    def to_dict(self) -> dict:
        return clean_json(self.data)

    def to_frame(self):
        """The outcome table, one row per outcome."""
        import pandas as pd

        return pd.DataFrame(self.data["outcomes"])

    def to_json(self, path=None) -> str:
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        if path is not None:
            Path(path).write_text(text + "\n", encoding="utf-8")
        return text


def _outcome_columns(protocol, scores) -> list[str]:
    from .instruments import get_instrument

    columns = []
    for iid in protocol.instruments:
        inst = get_instrument(iid)
        columns += inst.outcome_columns
    primary = protocol.primary_outcome
    ordered = ([primary] if primary else []) + [c for c in columns if c != primary]
    return [c for c in ordered if c in scores.columns]


def _flow(frame, scores, protocol, primary):
    waves = frame["wave"].astype(str)
    known = waves.isin(protocol.waves)
    ids = frame["participant_id"]
    with_baseline = set(ids[waves == protocol.baseline])
    with_followup = set(ids[waves == protocol.followup])
    enrolled = set(ids[known])
    both = with_baseline & with_followup
    paired = both
    excluded = []
    if primary:
        ok = scores[primary].notna()
        pre_ok = set(ids[(waves == protocol.baseline) & ok])
        post_ok = set(ids[(waves == protocol.followup) & ok])
        paired = pre_ok & post_ok
        lost = len(both - paired)
        if lost:
            excluded.append({"reason": f"{primary} not computable (too many items missing) at "
                                       f"{protocol.baseline} or {protocol.followup}", "n": lost})
    if (~known).any():
        excluded.append({"reason": "rows with a wave label not in the protocol",
                         "n": int((~known).sum()), "unit": "rows"})
    return {"rows": int(len(frame)), "enrolled": len(enrolled),
            "with_baseline": len(with_baseline), "with_followup": len(with_followup),
            "without_followup": len(with_baseline - with_followup),
            "followup_only": len(with_followup - with_baseline),
            "paired": len(paired), "excluded": excluded}


def analyse(data, protocol, *, seed=None) -> Results:
    """Run the whole analysis of a protocol on response data.

    Parameters
    ----------
    data : str, Path or pandas.DataFrame
        A response file (read with :func:`impact.read_responses`) or a long frame.
    protocol : str, Path, dict or Protocol
        The study protocol (DESIGN.md).
    seed : int, optional
        Seed for any resampling; defaults to the protocol's ``seed`` or 1.

    Returns
    -------
    Results
        ``to_dict()`` gives the results JSON of DESIGN.md (``outcomes``, ``flow``,
        ``provenance``, ``notes``).
    """
    from .io import read_responses
    from .instruments import score
    from .protocol import Protocol, load_protocol, protocol_from_dict
    from .stats import adjust_p, prepost

    if isinstance(protocol, (str, Path)):
        protocol = load_protocol(protocol)
    elif isinstance(protocol, dict):
        protocol = protocol_from_dict(protocol)
    assert isinstance(protocol, Protocol)
    files = {}
    if isinstance(data, (str, Path)):
        files[str(data)] = sha256_file(data)
        frame = read_responses(data, columns=protocol.columns)
    else:
        frame = data
    if protocol.path:
        files[str(protocol.path)] = sha256_file(protocol.path)
    seed = seed if seed is not None else protocol.get("seed", 1)

    scores = score(frame, protocol.instruments, missing_codes=protocol.missing_codes,
                   min_answered=protocol.get("min_answered"))
    outcomes = _outcome_columns(protocol, scores)
    table = prepost(scores, outcomes, baseline=protocol.baseline, followup=protocol.followup)
    rows = table.rows
    method = protocol.get("p_adjust", "holm")
    for row, p_adj in zip(rows, adjust_p([r["p"] for r in rows], method=method)):
        row["p_adjusted"] = p_adj
        row["primary"] = row["outcome"] == protocol.primary_outcome
    notes = [f"{r['outcome']}: {note}" for r in rows for note in r.pop("notes")]
    result = {
        "title": protocol.title,
        "language": protocol.language,
        "design": protocol.get("design", "prepost"),
        "primary_outcome": protocol.primary_outcome,
        "p_adjust_method": method,
        "outcomes": rows,
        "models": [],
        "pooled": [],
        "flow": _flow(frame, scores, protocol, protocol.primary_outcome),
        "provenance": {"package": "impact", "version": __version__, "files": files,
                       "protocol_sha256": files.get(str(protocol.path)) if protocol.path else None,
                       "seed": seed},
        "notes": notes,
    }
    return Results(result, scores=scores, protocol=protocol)
