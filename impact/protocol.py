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

import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .smallcells import DEFAULT_MIN_CELL_SIZE, min_cell_problem
from .errors import InputError, ProblemList
from .i18n import languages

__all__ = ["Protocol", "load_protocol", "protocol_from_dict", "as_protocol", "guarded_path",
           "protocol_folder", "protocol_answer_labels", "PROTOCOL_KEYS"]

# key -> (type description, python types)
PROTOCOL_KEYS = {
    "title": ("text", (str,)),
    "language": ("nl or en", (str,)),
    "waves": ("list of wave labels (or of {id, label: {nl, en}, weeks})", (list,)),
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
    "design": ("prepost | controlled | waves, or {waiting_list: {wave_signup, wave_start, "
               "time}}", (str, dict)),
    # comparison groups (issue 24; impact.studies.comparison.COMPARISON_OPTIONS)
    "comparison": ("mapping of comparison options (pool, covariates, method, ratio, caliper, "
                   "replace, trim, outcome_model, balance_threshold)", (dict,)),
    "p_adjust": ("holm | bh", (str,)),
    "pool_method": ("REML | ML | DL (between-site variance for pooling)", (str,)),
    "pool_test": ("adhoc | knha | z (interval of the pooled estimate; default adhoc)", (str,)),
    "min_answered": ("mapping instrument -> whole number", (dict,)),
    "background": ("list of background columns", (list,)),
    "category_labels": ("mapping background column -> {value: label or {nl, en}}", (dict,)),
    "sroi": ("mapping of SROI inputs", (dict,)),
    "description": ("text", (str,)),
    "evidence": ("mapping of evidence options (see impact.evidence)", (dict,)),
    "continuation": ("text or list of texts (how the programme goes on)", (str, list)),
    "lessons": ("text or list of texts (lessons learned)", (str, list)),
    # disclosure (issue 11): small cells under 5 only with this flag, which the report states
    "allow_small_cells": ("true or false", (bool,)),
    # what makes the deliverable the user's own (DESIGN.md, Deliverables and disclosure)
    "report": ("mapping of report options (organisation, logo, author, sections, "
               "quotes_per_theme)", (dict,)),
    "layout": ("long | wide", (str,)),
    "wave_pattern": ("column pattern with {item} and {wave}, e.g. \"{item}_{wave}\"", (str,)),
    "data": ("response file, or mapping wave -> response file (paths in the protocol's folder)",
             (str, dict)),
    "answer_labels": ("mapping instrument -> {label: code} (or {code: label})", (dict,)),
    # neighbourhood monitor and referral records (issue 16; impact.studies.monitor, impact.studies.referrals)
    "rounds": ("list of survey rounds (a monitor's waves), e.g. years", (list,)),
    "reference": ("name of the reference area (default: all respondents, the city)", (str,)),
    "monitor": ("mapping of monitor options (impact.studies.monitor.MONITOR_OPTIONS)", (dict,)),
    "referrals": ("mapping of referral options (break_date, model, population, columns, period)",
                  (dict,)),
}
# keys of the optional `report:` mapping (checked in full by impact.io.branding)
REPORT_SUBKEYS = ("organisation", "logo", "author", "sections", "quotes_per_theme")

_BOOLEAN_KEYS = ("allow_small_cells",)

LAYOUTS = ("long", "wide")
MAX_WAVES = 50


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
    min_cell_size: int = DEFAULT_MIN_CELL_SIZE
    raw: dict = field(default_factory=dict)
    path: str | None = None
    instrument_objects: list = field(default_factory=list, repr=False)
    wave_info: dict = field(default_factory=dict, repr=False)

    def wave_label(self, wave, lang: str = "nl") -> str:
        """The wave's label in the language (protocol ``waves`` mapping), else its id."""
        return (self.wave_info.get(str(wave)) or {}).get("label", {}).get(lang) or str(wave)

    def get(self, key, default=None):
        return self.raw.get(key, default)


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:") or line.startswith(f"'{key}'") or line.startswith(f'"{key}"'):
            return number
    return None


def _is_label(label) -> bool:
    """Text, or a mapping of report languages to text (none of it empty)."""
    if isinstance(label, str):
        return bool(label.strip())
    return isinstance(label, dict) and bool(label) and all(
        k in languages() and isinstance(v, str) and v.strip() for k, v in label.items())


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
        bad = [w for w in waves if not (isinstance(w, (str, int)) and not isinstance(w, bool))
               and not (isinstance(w, dict) and w.get("id") not in (None, ""))]
        if bad:
            add("waves", f"'waves' must list wave labels (text) or mappings with an id, "
                         f"got {bad[0]!r}")
        for w in waves:
            if isinstance(w, dict):
                unknown = set(w) - {"id", "label", "weeks"}
                if unknown:
                    add("waves", f"wave {w.get('id')!r}: unknown key(s) "
                                 f"{', '.join(sorted(map(str, unknown)))}; use id, label, weeks")
                if "label" in w and not isinstance(w["label"], (str, dict)):
                    add("waves", f"wave {w.get('id')!r}: label must be text or {{nl, en}}")
                if w.get("weeks") is not None and not _is_number(w["weeks"]):
                    add("waves", f"wave {w.get('id')!r}: weeks must be a number")
    labels = spec.get("category_labels")
    for column, values in (labels.items() if isinstance(labels, dict) else ()):
        if not isinstance(values, dict):
            add("category_labels", f"category_labels of '{column}' must map each value to a "
                                   f"label or {{nl, en}}, got {values!r}")
            continue
        for value, label in values.items():
            if not _is_label(label):
                add("category_labels", f"category_labels of '{column}': the label of "
                                       f"{value!r} must be text or a label per language "
                                       f"({', '.join(languages())}), got {label!r}")
    seed = spec.get("seed")
    if isinstance(seed, int) and not isinstance(seed, bool) and not 0 <= seed < 2 ** 32:
        add("seed", f"'seed' must be a whole number from 0 to 4294967295, got {seed!r}")
    layout = spec.get("layout")
    if isinstance(layout, str) and layout not in LAYOUTS:
        add("layout", f"'layout' must be long or wide, got {layout!r}")
    pattern = spec.get("wave_pattern")
    if isinstance(pattern, str):
        import string

        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
        except ValueError:
            fields = None
        if fields != {"item", "wave"}:
            add("wave_pattern", f"'wave_pattern' must contain {{item}} and {{wave}} and nothing "
                                f"else in braces (e.g. \"{{item}}_{{wave}}\"), got {pattern!r}")
        elif layout != "wide":
            add("wave_pattern", "'wave_pattern' is only used with 'layout: wide'")
    data = spec.get("data")
    if isinstance(data, dict):
        wave_ids = [str(w.get("id")) if isinstance(w, dict) else str(w) for w in (waves or [])] if isinstance(waves, list) else []
        for wave, path in data.items():
            if wave_ids and str(wave) not in wave_ids:
                add("data", f"'data' names wave '{wave}', which is not one of the waves "
                            f"{', '.join(wave_ids)}")
            if not isinstance(path, str) or not path.strip():
                add("data", f"'data' for wave '{wave}' must be a file name, got {path!r}")
        if layout == "wide":
            add("data", "'data' with one file per wave is already long per file; leave out "
                        "'layout: wide'")
    elif isinstance(data, str) and not data.strip():
        add("data", "'data' is empty")
    labels = spec.get("answer_labels")
    if isinstance(labels, dict):
        for iid, mapping in labels.items():
            if instruments and str(iid) not in instruments:
                add("answer_labels", f"answer_labels names '{iid}', which is not one of the "
                                     f"protocol's instruments {', '.join(instruments)}")
            try:
                protocol_answer_labels({iid: mapping}, source)
            except InputError as exc:
                add("answer_labels", exc.problems[0].message)
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
            if rel is not None and not (_is_number(rel) and math.isfinite(rel) and 0 < rel < 1):
                add("reliable_change", f"reliable_change reliability of '{outcome}' must be "
                                       f"between 0 and 1, got {rel!r}")
            if sd is not None and not (_is_number(sd) and math.isfinite(sd) and sd > 0):
                add("reliable_change", f"reliable_change sd of '{outcome}' must be a finite "
                                       f"positive number, got {sd!r}")
    secondary = spec.get("secondary_outcomes")
    if isinstance(secondary, list) and known_outputs:
        for outcome in secondary:
            if outcome not in known_outputs:
                problems.add(f"secondary outcome '{outcome}' is not produced by the instruments",
                             file=source, row=_line_of(text, "secondary_outcomes"),
                             rule="outcomes are score columns")
    design = spec.get("design")
    if isinstance(design, dict):
        wl = design.get("waiting_list")
        if set(design) != {"waiting_list"} or not isinstance(wl, dict) or not {
                "wave_signup", "wave_start"} <= set(wl) or not set(wl) <= {
                "wave_signup", "wave_start", "time"}:
            add("design", "'design' as a mapping must be {waiting_list: {wave_signup: <wave>, "
                          f"wave_start: <wave>, time: <column, optional>}}}}, got {design!r}")
    for key, allowed in (("design", ("prepost", "controlled", "waves")),
                         ("p_adjust", ("holm", "bh"))):
        value = spec.get(key)
        if isinstance(value, str) and value not in allowed:
            add(key, f"'{key}' must be one of {', '.join(allowed)}, got {value!r}")


def protocol_answer_labels(spec, source="<protocol>") -> dict[str, dict[str, float]]:
    """The protocol's ``answer_labels`` as ``{instrument: {normalised label: code}}``.

    Each instrument maps labels to codes (``{"helemaal niet": 0, "een beetje": 1}``) or codes to
    a label or a list of labels (``{0: helemaal niet, 1: [een beetje, beetje]}``); labels are
    compared case- and space-insensitively (:func:`impact.instruments.registry.normalise_label`).
    """
    from .instruments.registry import normalise_label

    out: dict[str, dict[str, float]] = {}
    for iid, mapping in (spec or {}).items():
        if not isinstance(mapping, dict) or not mapping:
            raise InputError(f"answer_labels for '{iid}' must map labels to codes, e.g. "
                             f"{{\"helemaal niet\": 0, \"een beetje\": 1}}", file=source,
                             rule="protocol answer_labels")
        codes: dict[str, float] = {}
        for key, value in mapping.items():
            if _is_number(key) and isinstance(value, (str, list)):
                pairs = [(label, key) for label in (value if isinstance(value, list) else [value])]
            elif isinstance(key, str) and _is_number(value):
                pairs = [(key, value)]
            else:
                raise InputError(f"answer_labels for '{iid}': {key!r}: {value!r} is not a label "
                                 f"with its code", file=source, rule="protocol answer_labels")
            for label, code in pairs:
                if not isinstance(label, str) or not label.strip() or not math.isfinite(code):
                    raise InputError(f"answer_labels for '{iid}': {label!r} -> {code!r} is not a "
                                     f"text label with a number", file=source,
                                     rule="protocol answer_labels")
                norm = normalise_label(label)
                if norm in codes and codes[norm] != code:
                    raise InputError(f"answer_labels for '{iid}': label '{label}' is given codes "
                                     f"{codes[norm]!r} and {code!r}", file=source,
                                     rule="protocol answer_labels")
                codes[norm] = code
        out[str(iid).lower()] = codes
    return out


# ------------------------------------------------------------------------------- path guards
MAX_PROTOCOL_FILE_BYTES = {"instrument file": 1_000_000, "logo": 10_000_000,
                           "response file": 2_000_000_000}


def protocol_folder(protocol) -> Path:
    """The folder a protocol's relative paths are read from (the current folder for a dict)."""
    path = getattr(protocol, "path", None)
    return Path(path).resolve().parent if path else Path.cwd().resolve()


def guarded_path(folder, given, what: str, *, source=None, row=None) -> Path:
    """A path a protocol names, checked to be a regular file inside the protocol's folder.

    The path is taken relative to ``folder``; after resolving every symbolic link it must still
    lie inside ``folder`` and be a regular file (no device, FIFO or folder) of at most
    :data:`MAX_PROTOCOL_FILE_BYTES` for its kind. A refused file is never opened, so no message
    shows any of its content.

    Raises
    ------
    InputError
        Naming the protocol file, the key's line and the rule.
    """
    folder = Path(folder).resolve()
    text = str(given)
    rule = "paths in a protocol lie inside the protocol's folder"
    if "\x00" in text:
        raise InputError(f"{what} '{text!r}' is not a file name", file=source, row=row, rule=rule)
    candidate = folder / Path(text).expanduser() if not os.path.isabs(text) else Path(text)
    try:
        resolved = candidate.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{what} '{text}' does not exist (looked in {folder})", file=source,
                         row=row, rule="file must exist") from None
    except (OSError, RuntimeError) as exc:  # symlink loop, permission
        raise InputError(f"{what} '{text}' cannot be resolved: {type(exc).__name__}",
                         file=source, row=row, rule=rule) from None
    if resolved != folder and folder not in resolved.parents:
        raise InputError(f"{what} '{text}' lies outside the protocol's folder {folder}; copy it "
                         f"into that folder and name it relative to the protocol", file=source,
                         row=row, rule=rule)
    info = resolved.stat()
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, " \
                                                              "pipe or socket)"
        raise InputError(f"{what} '{text}' is {kind}", file=source, row=row,
                         rule="protocol paths name regular files")
    limit = MAX_PROTOCOL_FILE_BYTES.get(what)
    if limit and info.st_size > limit:
        raise InputError(f"{what} '{text}' is {info.st_size:,} bytes; the limit is {limit:,}",
                         file=source, row=row, rule="file size limit")
    return resolved


def as_protocol(protocol) -> "Protocol":
    """A :class:`Protocol` from a path, a mapping or a Protocol (passed through)."""
    if isinstance(protocol, Protocol):
        return protocol
    if isinstance(protocol, (str, os.PathLike)):
        return load_protocol(protocol)
    if isinstance(protocol, dict):
        return protocol_from_dict(protocol)
    raise InputError(f"a protocol is a YAML file path, a dict or a Protocol, got "
                     f"{type(protocol).__name__}", rule="protocol type")


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
            if not isinstance(value, types) or (isinstance(value, bool)
                                                and key not in _BOOLEAN_KEYS):
                problems.add(f"'{key}' must be a {what}, got {type(value).__name__} {value!r}",
                             file=source, row=_line_of(text, key), rule="protocol types")
    if "waves" not in spec and isinstance(spec.get("rounds"), list):
        spec = {**spec, "waves": [str(r) for r in spec["rounds"]]}  # a monitor: rounds are waves
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
    waves = [str(w.get("id")) if isinstance(w, dict) else str(w) for w in spec["waves"]]
    if len(waves) > MAX_WAVES:
        problems.add(f"'waves' lists {len(waves)} waves; the limit is {MAX_WAVES}", file=source,
                     row=_line_of(text, "waves"), rule="protocol waves")
        problems.raise_if_errors()
    # a monitor with one round gives levels and differences (no change): one round is enough
    single_round = isinstance(spec.get("rounds"), list) and len(waves) == 1
    if (len(waves) < 2 and not single_round) or len(set(waves)) != len(waves):
        problems.add("'waves' must list at least two distinct wave labels in time order",
                     file=source, row=_line_of(text, "waves"), rule="protocol waves")
    baseline = str(spec.get("baseline", waves[0] if waves else ""))
    followup = str(spec.get("followup", waves[-1] if waves else ""))
    for key, value in (("baseline", baseline), ("followup", followup)):
        if waves and value not in waves:
            problems.add(f"'{key}' is '{value}', which is not one of the waves {waves}",
                         file=source, row=_line_of(text, key), rule="protocol waves")
    if (waves and not single_round and baseline in waves and followup in waves
            and waves.index(baseline) >= waves.index(followup)):
        problems.add(f"baseline '{baseline}' must come before followup '{followup}'", file=source,
                     row=_line_of(text, "followup"), rule="protocol waves")
    language = spec.get("language") or "nl"
    from .i18n import languages

    if isinstance(language, str) and language not in languages():
        problems.add(f"'language' must be one of {', '.join(languages())}, got {language!r}",
                     file=source,
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
    folder = Path(source).resolve().parent if source != "<protocol>" else Path.cwd().resolve()
    for path in spec.get("instrument_files", []) or []:
        from .instruments import load_instrument_file

        try:
            if not isinstance(path, str):
                raise InputError(f"'instrument_files' lists {path!r}, not a file name",
                                 file=source, row=_line_of(text, "instrument_files"),
                                 rule="protocol types")
            full = guarded_path(folder, path, "instrument file", source=source,
                                row=_line_of(text, "instrument_files"))
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
    problem = (min_cell_problem(min_cell, spec.get("allow_small_cells"))
               if isinstance(min_cell, int) and not isinstance(min_cell, bool) else None)
    if problem:
        problems.add(problem, file=source, row=_line_of(text, "min_cell_size"),
                     rule="protocol types" if "at least 1" in problem
                     else "protocol min_cell_size")
    min_cell = DEFAULT_MIN_CELL_SIZE if min_cell is None else min_cell
    background = spec.get("background")
    if isinstance(background, list):
        from .io.identifiers import identifier_like_name

        for col in background:
            why = identifier_like_name(str(col))
            if why:
                problems.add(f"background column '{col}' looks like {why}; identifiers are never "
                             f"described in a report: remove it from 'background'", file=source,
                             row=_line_of(text, "background"), rule="background is no identifier")
    _check_details(spec, source, text, problems, known_outputs, instruments)
    report = spec.get("report")
    for key in (report if isinstance(report, dict) else ()):
        if key not in REPORT_SUBKEYS:
            problems.add(f"unknown key 'report.{key}'; known: {', '.join(REPORT_SUBKEYS)}",
                         file=source, row=_line_of(text, str(key)), rule="protocol keys")
    problems.raise_if_errors()
    return Protocol(title=str(spec["title"]), waves=waves, instruments=instruments,
                    primary_outcome=primary, language=language, baseline=baseline,
                    followup=followup, reliable_change=dict(spec.get("reliable_change") or {}),
                    missing_codes=list(spec.get("missing_codes") or []),
                    columns=dict(spec.get("columns") or {}), min_cell_size=int(min_cell),
                    raw=dict(spec), path=None if source == "<protocol>" else source,
                    instrument_objects=objects, wave_info=_wave_info(spec["waves"]))


def _wave_info(waves) -> dict:
    """Wave id -> {"label": {lang: label}, "weeks"} for every report language (labels default to
    the English one, then the id)."""
    from .i18n import languages

    info = {}
    for w in waves:
        wid = str(w.get("id")) if isinstance(w, dict) else str(w)
        label = w.get("label") if isinstance(w, dict) else None
        if isinstance(label, str):
            label = {lang: label for lang in languages()}
        label = {lang: str((label or {}).get(lang) or (label or {}).get("en")
                           or (label or {}).get("nl") or wid) for lang in languages()}
        info[wid] = {"label": label, "weeks": w.get("weeks") if isinstance(w, dict) else None}
    return info


def load_protocol(path) -> Protocol:
    """Read and check a protocol YAML file with a safe loader (no object tags) and limits.

    Limits: at most :data:`impact._yaml.MAX_YAML_BYTES` bytes, nesting
    :data:`impact._yaml.MAX_DEPTH` levels and :data:`impact._yaml.MAX_NODES` values once YAML
    aliases are expanded; a key given twice is an error.
    """
    import yaml

    from ._yaml import MAX_YAML_BYTES, YamlLimitError, safe_load_limited

    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("protocol file does not exist", file=path, rule="file must exist") from None
    except OSError as exc:
        raise InputError(f"protocol cannot be read: {exc.strerror}", file=path,
                         rule="file must exist") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("protocol path is a folder, not a file", file=path,
                         rule="file must exist")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("protocol is not a regular file (a device, pipe or socket)", file=path,
                         rule="file must exist")
    if info.st_size > MAX_YAML_BYTES:
        raise InputError(f"protocol is {info.st_size:,} bytes; the limit is {MAX_YAML_BYTES:,}",
                         file=path, rule="file size limit")
    try:
        text = path.read_bytes()[: MAX_YAML_BYTES + 1].decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("protocol is not UTF-8 text", file=path, rule="protocol is UTF-8 YAML") from None
    try:
        spec = safe_load_limited(text)
    except YamlLimitError as exc:
        raise InputError(f"YAML too large: {exc}", file=path, row=exc.line,
                         rule="YAML limits (nesting, aliases)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", file=path,
                         row=mark.line + 1 if mark is not None else None,
                         rule="protocol is YAML (safe subset: no object tags)") from None
    protocol = protocol_from_dict(spec, source=str(path), text=text)
    protocol.path = str(path)
    return protocol
