"""The study protocol: a YAML file read with a safe loader and checked against a schema.

Minimal form (DESIGN.md)::

    title: Kunst op Recept Leiden, pilot
    language: nl
    waves: [T0, T1]
    instruments: [pss10]
    primary_outcome: pss10_score

Unknown keys are an error naming the key and its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, ProblemList

__all__ = ["Protocol", "load_protocol", "protocol_from_dict", "PROTOCOL_KEYS"]

# key -> (type description, python types)
PROTOCOL_KEYS = {
    "title": ("text", (str,)),
    "language": ("nl or en", (str,)),
    "waves": ("list of wave labels", (list,)),
    "baseline": ("wave label", (str,)),
    "followup": ("wave label", (str,)),
    "instruments": ("list of instrument ids", (list,)),
    "instrument_files": ("list of instrument YAML files", (list,)),
    "primary_outcome": ("score column", (str,)),
    "secondary_outcomes": ("list of score columns", (list,)),
    "reliable_change": ("mapping outcome -> {reliability, sd}", (dict,)),
    "programme": ("text", (str,)),
    "intervention": ("mapping of TIDieR items", (dict,)),
    "funder": ("text", (str,)),
    "partners": ("list of partner names", (list,)),
    "min_cell_size": ("whole number >= 1", (int,)),
    "missing_codes": ("list of numbers", (list,)),
    "columns": ("mapping source column -> contract column", (dict,)),
    "site_column": ("column name", (str,)),
    "group_column": ("column name", (str,)),
    "sheet": ("sheet name or number", (str, int)),
    "header_row": ("whole number >= 1", (int,)),
    "seed": ("whole number", (int,)),
    "design": ("prepost | controlled | waves", (str,)),
    "p_adjust": ("holm | bh", (str,)),
    "min_answered": ("mapping instrument -> whole number", (dict,)),
    "background": ("list of background columns", (list,)),
    "sroi": ("mapping of SROI inputs", (dict,)),
    "description": ("text", (str,)),
    "evidence": ("mapping of evidence options (see impact.evidence)", (dict,)),
}


@dataclass
class Protocol:
    """A checked protocol. ``raw`` keeps every key as given."""

    title: str
    waves: list[str]
    instruments: list[str]
    primary_outcome: str | None
    language: str = "nl"
    baseline: str = ""
    followup: str = ""
    reliable_change: dict = field(default_factory=dict)
    missing_codes: list = field(default_factory=list)
    columns: dict = field(default_factory=dict)
    min_cell_size: int = 10
    raw: dict = field(default_factory=dict)
    path: str | None = None

    def get(self, key, default=None):
        return self.raw.get(key, default)


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:") or line.startswith(f"'{key}'") or line.startswith(f'"{key}"'):
            return number
    return None


def protocol_from_dict(spec, source: str = "<protocol>", text: str = "") -> Protocol:
    """Check a parsed protocol mapping and return a :class:`Protocol` (all problems at once)."""
    problems = ProblemList()
    if not isinstance(spec, dict):
        raise InputError("a protocol must be a YAML mapping of keys to values", file=source,
                         rule="protocol is a mapping")
    for key in spec:
        if key not in PROTOCOL_KEYS:
            problems.add(f"unknown key '{key}'; known keys: {', '.join(sorted(PROTOCOL_KEYS))}",
                         file=source, row=_line_of(text, str(key)), rule="protocol keys")
    for key, value in spec.items():
        if key in PROTOCOL_KEYS:
            what, types = PROTOCOL_KEYS[key]
            if not isinstance(value, types) or isinstance(value, bool):
                problems.add(f"'{key}' must be a {what}, got {type(value).__name__} {value!r}",
                             file=source, row=_line_of(text, key), rule="protocol types")
    for key in ("title", "waves", "instruments"):
        if key not in spec:
            problems.add(f"required key '{key}' is missing", file=source, rule="protocol keys")
    problems.raise_if_errors()
    waves = [str(w) for w in spec["waves"]]
    if len(waves) < 2 or len(set(waves)) != len(waves):
        problems.add("'waves' must list at least two distinct wave labels in time order",
                     file=source, row=_line_of(text, "waves"), rule="protocol waves")
    baseline = str(spec.get("baseline", waves[0] if waves else ""))
    followup = str(spec.get("followup", waves[-1] if waves else ""))
    for key, value in (("baseline", baseline), ("followup", followup)):
        if waves and value not in waves:
            problems.add(f"'{key}' is '{value}', which is not one of the waves {waves}",
                         file=source, row=_line_of(text, key), rule="protocol waves")
    if waves and baseline in waves and followup in waves and waves.index(baseline) >= waves.index(followup):
        problems.add(f"baseline '{baseline}' must come before followup '{followup}'", file=source,
                     row=_line_of(text, "followup"), rule="protocol waves")
    language = spec.get("language", "nl")
    if language not in ("nl", "en"):
        problems.add(f"'language' must be nl or en, got {language!r}", file=source,
                     row=_line_of(text, "language"), rule="protocol types")
    from .instruments import get_instrument

    instruments = [str(i).lower() for i in spec["instruments"]]
    known_outputs = set()
    for iid in instruments:
        try:
            known_outputs.update(get_instrument(iid).score_columns)
        except InputError as exc:
            problems.add(str(exc.problems[0].message), file=source,
                         row=_line_of(text, "instruments"), rule="protocol instruments")
    for path in spec.get("instrument_files", []) or []:
        from .instruments import load_instrument_file

        full = Path(source).parent / path if source != "<protocol>" else Path(path)
        try:
            inst = load_instrument_file(full)
            instruments.append(inst.id)
            known_outputs.update(inst.score_columns)
        except InputError as exc:
            problems.extend(exc.problems)
    primary = spec.get("primary_outcome")
    if primary is not None and known_outputs and primary not in known_outputs:
        problems.add(f"primary_outcome '{primary}' is not produced by the instruments; they "
                     f"produce {', '.join(sorted(known_outputs))}", file=source,
                     row=_line_of(text, "primary_outcome"), rule="primary outcome is a score")
    min_cell = spec.get("min_cell_size", 10)
    if isinstance(min_cell, int) and min_cell < 1:
        problems.add("'min_cell_size' must be at least 1", file=source,
                     row=_line_of(text, "min_cell_size"), rule="protocol types")
    problems.raise_if_errors()
    return Protocol(title=str(spec["title"]), waves=waves, instruments=instruments,
                    primary_outcome=primary, language=language, baseline=baseline,
                    followup=followup, reliable_change=dict(spec.get("reliable_change") or {}),
                    missing_codes=list(spec.get("missing_codes") or []),
                    columns=dict(spec.get("columns") or {}), min_cell_size=int(min_cell),
                    raw=dict(spec), path=None if source == "<protocol>" else source)


def load_protocol(path) -> Protocol:
    """Read and check a protocol YAML file with ``yaml.safe_load`` (no object tags)."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("protocol file does not exist", file=path, rule="file must exist") from None
    except IsADirectoryError:
        raise InputError("protocol path is a folder, not a file", file=path,
                         rule="file must exist") from None
    except UnicodeDecodeError:
        raise InputError("protocol is not UTF-8 text", file=path, rule="protocol is UTF-8 YAML") from None
    try:
        spec = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", file=path,
                         row=mark.line + 1 if mark is not None else None,
                         rule="protocol is YAML (safe subset: no object tags)") from None
    protocol = protocol_from_dict(spec, source=str(path), text=text)
    protocol.path = str(path)
    return protocol
