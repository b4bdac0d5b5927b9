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
    "pool_method": ("REML | DL (between-site variance for pooling)", (str,)),
    "pool_test": ("adhoc | knha | z (interval of the pooled estimate; default adhoc)", (str,)),
    "min_answered": ("mapping instrument -> whole number", (dict,)),
    "background": ("list of background columns", (list,)),
    "sroi": ("mapping of SROI inputs", (dict,)),
    "description": ("text", (str,)),
    "evidence": ("mapping of evidence options (see impact.evidence)", (dict,)),
    "continuation": ("text or list of texts (how the programme goes on)", (str, list)),
    "lessons": ("text or list of texts (lessons learned)", (str, list)),
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
    instrument_objects: list = field(default_factory=list, repr=False)

    def get(self, key, default=None):
        return self.raw.get(key, default)


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:") or line.startswith(f"'{key}'") or line.startswith(f'"{key}"'):
            return number
    return None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_details(spec, source, text, problems, known_outputs, instruments=()):
    """Checks of the inner structure of optional keys (all problems collected)."""
    def add(key, message):
        problems.add(message, file=source, row=_line_of(text, key), rule="protocol types")

    minimum = spec.get("min_answered")
    if isinstance(minimum, dict):
        for iid, value in minimum.items():
            if instruments and iid not in instruments:
                add("min_answered", f"min_answered names '{iid}', which is not one of the "
                                    f"protocol's instruments {', '.join(instruments)}")
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                add("min_answered", f"min_answered for '{iid}' must be a whole number >= 1, "
                                    f"got {value!r}")

    codes = spec.get("missing_codes")
    if isinstance(codes, list):
        bad = [c for c in codes if not _is_number(c)]
        if bad:
            add("missing_codes", f"'missing_codes' must list numbers (e.g. [99, -9]); "
                                 f"not numbers: {', '.join(map(repr, bad))}")
    columns = spec.get("columns")
    if isinstance(columns, dict):
        for source_name, target in columns.items():
            if not isinstance(target, str) or not target.strip():
                add("columns", f"'columns' maps '{source_name}' to {target!r}; map each source "
                               f"column to a column name (e.g. participant_id)")
        targets = [t for t in columns.values() if isinstance(t, str)]
        for target in sorted({t for t in targets if targets.count(t) > 1}):
            add("columns", f"'columns' maps several source columns to '{target}'")
    waves = spec.get("waves")
    if isinstance(waves, list):
        bad = [w for w in waves if not isinstance(w, (str, int)) or isinstance(w, bool)]
        if bad:
            add("waves", f"'waves' must list wave labels (text), got {bad[0]!r}")
    for key in ("header_row",):
        value = spec.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value < 1:
            add(key, f"'{key}' must be at least 1 (the first row is 1)")
    rc = spec.get("reliable_change")
    if isinstance(rc, dict):
        for outcome, values in rc.items():
            if known_outputs and outcome not in known_outputs:
                problems.add(f"reliable_change names '{outcome}', which the instruments do not "
                             f"produce", file=source, row=_line_of(text, "reliable_change"),
                             rule="outcomes are score columns")
            if not isinstance(values, dict) or set(values) - {"reliability", "sd"}:
                add("reliable_change", f"reliable_change for '{outcome}' must be a mapping with "
                                       f"reliability and/or sd")
                continue
            rel, sd = values.get("reliability"), values.get("sd")
            if rel is not None and not (_is_number(rel) and 0 < rel < 1):
                add("reliable_change", f"reliable_change reliability of '{outcome}' must be "
                                       f"between 0 and 1, got {rel!r}")
            if sd is not None and not (_is_number(sd) and sd > 0):
                add("reliable_change", f"reliable_change sd of '{outcome}' must be a positive "
                                       f"number, got {sd!r}")
    secondary = spec.get("secondary_outcomes")
    if isinstance(secondary, list) and known_outputs:
        for outcome in secondary:
            if outcome not in known_outputs:
                problems.add(f"secondary outcome '{outcome}' is not produced by the instruments",
                             file=source, row=_line_of(text, "secondary_outcomes"),
                             rule="outcomes are score columns")
    for key, allowed in (("design", ("prepost", "controlled", "waves")),
                         ("p_adjust", ("holm", "bh"))):
        value = spec.get(key)
        if isinstance(value, str) and value not in allowed:
            add(key, f"'{key}' must be one of {', '.join(allowed)}, got {value!r}")


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
            if value is None and key not in ("title", "waves", "instruments"):
                continue  # an empty optional key means "not given"
            if not isinstance(value, types) or isinstance(value, bool):
                problems.add(f"'{key}' must be a {what}, got {type(value).__name__} {value!r}",
                             file=source, row=_line_of(text, key), rule="protocol types")
    for key in ("title", "waves", "instruments"):
        if key not in spec:
            problems.add(f"required key '{key}' is missing", file=source, rule="protocol keys")
    core = ("title", "waves", "instruments", "instrument_files", "primary_outcome", "baseline",
            "followup")

    def misshapen(key):
        value = spec.get(key)
        return value is not None and not isinstance(value, PROTOCOL_KEYS[key][1])

    if any(spec.get(k) is None for k in ("title", "waves", "instruments")) or any(
            misshapen(k) for k in core):
        problems.raise_if_errors()  # the checks below need these keys in shape
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
    language = spec.get("language") or "nl"
    if isinstance(language, str) and language not in ("nl", "en"):
        problems.add(f"'language' must be nl or en, got {language!r}", file=source,
                     row=_line_of(text, "language"), rule="protocol types")
    from .instruments import get_instrument

    instruments = [str(i).lower() for i in spec["instruments"]]
    if not instruments and not spec.get("instrument_files"):
        problems.add("'instruments' is empty; list at least one instrument id", file=source,
                     row=_line_of(text, "instruments"), rule="protocol instruments")
    known_outputs = set()
    objects = []
    for iid in instruments:
        try:
            objects.append(get_instrument(iid))
            known_outputs.update(objects[-1].score_columns)
        except InputError as exc:
            problems.add(str(exc.problems[0].message), file=source,
                         row=_line_of(text, "instruments"), rule="protocol instruments")
    for path in spec.get("instrument_files", []) or []:
        from .instruments import load_instrument_file

        full = Path(source).parent / path if source != "<protocol>" else Path(path)
        try:
            inst = load_instrument_file(full)
            instruments.append(inst.id)
            objects.append(inst)
            known_outputs.update(inst.score_columns)
        except InputError as exc:
            problems.extend(exc.problems)
    primary = spec.get("primary_outcome")
    if isinstance(primary, str) and known_outputs and primary not in known_outputs:
        problems.add(f"primary_outcome '{primary}' is not produced by the instruments; they "
                     f"produce {', '.join(sorted(known_outputs))}", file=source,
                     row=_line_of(text, "primary_outcome"), rule="primary outcome is a score")
    min_cell = spec.get("min_cell_size")
    min_cell = 10 if min_cell is None else min_cell
    if isinstance(min_cell, int) and min_cell < 1:
        problems.add("'min_cell_size' must be at least 1", file=source,
                     row=_line_of(text, "min_cell_size"), rule="protocol types")
    _check_details(spec, source, text, problems, known_outputs, instruments)
    problems.raise_if_errors()
    return Protocol(title=str(spec["title"]), waves=waves, instruments=instruments,
                    primary_outcome=primary, language=language, baseline=baseline,
                    followup=followup, reliable_change=dict(spec.get("reliable_change") or {}),
                    missing_codes=list(spec.get("missing_codes") or []),
                    columns=dict(spec.get("columns") or {}), min_cell_size=int(min_cell),
                    raw=dict(spec), path=None if source == "<protocol>" else source,
                    instrument_objects=objects)


def _unique_key_loader():
    import yaml

    class UniqueKeySafeLoader(yaml.SafeLoader):
        """``yaml.SafeLoader`` that refuses a key given twice in one mapping."""

        def construct_mapping(self, node, deep=False):
            seen = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    hash(key)
                except TypeError:
                    break  # unhashable keys: the base class reports them
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key '{key}' is given twice (first on line {seen[key]})",
                        key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep=deep)

    return UniqueKeySafeLoader


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
        spec = yaml.load(text, Loader=_unique_key_loader())  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", file=path,
                         row=mark.line + 1 if mark is not None else None,
                         rule="protocol is YAML (safe subset: no object tags)") from None
    protocol = protocol_from_dict(spec, source=str(path), text=text)
    protocol.path = str(path)
    return protocol
