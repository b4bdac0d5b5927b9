"""Evidence synthesis across studies: ``studies.csv`` (+ protocol) -> synthesis results -> report.

The orchestrator of DESIGN.md "Evidence synthesis": reads and checks the studies file (every
problem names file, row and column), computes effect sizes (:mod:`impact.stats.escalc`), adds local
programmes from ``impact analyse`` results, fits per outcome a random-effects or three-level model
(:mod:`impact.stats.multilevel_meta`), meta-regression per moderator, small-study tests,
leave-one-out and a sensitivity table over the pre/post correlation, and grades the certainty
(:mod:`impact.evidence.synthesis_grade`). The report (``render_synthesis``) reads only the plain
synthesis dict.

Synthesis protocol (YAML, safe loader; every key optional; unknown keys are an error)::

    title: ...
    language: nl | en
    intervention: {nl: .., en: ..}  # what is evaluated, for the plain-language statements
    model: random | three_level   # default: three_level when a study gives more than one
                                  # effect size to an outcome, else random
    method: REML | ML | DL        # estimator (three-level: REML or ML)
    test: adhoc | knha | z        # random-effects models (default adhoc, DEFAULT_TEST)
    pool_across_designs: false    # true: also one estimate across designs and estimands
    duplicates: error | distinct  # a row repeating another: error (default) or a distinct effect
    familiar_scale: {instrument: pss10, sd: 6.2}   # back-translation of SMDs (sd optional:
                                  # the instrument's norm SD); also per outcome
    nonrandomised_rob_tool: ROBINS-I   # non-randomised bodies start High (GRADE 2019)
    date: 2026-12-06              # the report's date (default: today)
    labels: {visual_arts: {nl: Beeldende kunst, en: Visual arts}}  # codes in the reader's words
    r: 0.5                        # pre/post correlation where a study gives none
    r_sensitivity: [0.3, 0.5, 0.7]
    moderators: [discipline, design, setting, dose]
    outcomes: {id: {label: {nl: .., en: ..}, good_direction: lower|higher, mid: 0.2,
                    indirectness: none|serious|very_serious|{level: .., reason: ..}}}
    local:                        # own programmes, from `impact analyse` results JSON
      - {study: "Kunst op Recept Leiden", results: leiden/results.json,
         outcomes: {pss10_score: stress}, design: prepost, risk_of_bias: high, year: 2025}
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .._result import DictResult, clean_json
from ..errors import InputError, Problem
from ..stats.multilevel_meta import DEFAULT_TEST

__all__ = ["synthesise_evidence", "read_studies", "load_synthesis_protocol", "SynthesisResult",
           "compute_effects"]

TWO_GROUP = ("n1", "mean1", "sd1", "n2", "mean2", "sd2")
PRE_POST = ("n", "mean_pre", "sd_pre", "mean_post", "sd_post")
GIVEN = ("yi", "vi")
NUMERIC = TWO_GROUP + PRE_POST + ("r", "yi", "vi", "year")
DESIGNS = ("rct", "controlled", "prepost")
ROB = ("low", "some", "high")
MEASURES = ("SMD", "MD", "SMCR", "SMCC")
PROTOCOL_KEYS = {"title", "language", "intervention", "model", "method", "test", "r", "r_sensitivity",
                 "moderators", "outcomes", "local", "measure", "prepost_measure",
                 "pool_across_designs", "duplicates", "familiar_scale",
                 "nonrandomised_rob_tool", "date", "labels"}
OUTCOME_KEYS = {"label", "good_direction", "mid", "indirectness", "familiar_scale"}
#: estimand of each measure: a difference between groups, or a change within one group
ESTIMAND = {"SMD": "between_group", "MD": "between_group", "SMCR": "within_group_change",
            "SMCC": "within_group_change"}
#: largest |yi| and vi accepted (an SMD of a million is an input error, and 1e308 overflows)
MAX_ABS_YI, MAX_VI = 1e6, 1e12
_Z95 = 1.959963984540054  # the normal 97.5% quantile: effect sizes' 95% CIs (metafor's escalc)
#: leave-one-out and influence refit the model once per effect size (study): only up to these
LOO_MAX_K, LOO_MAX_STUDIES = 500, 200
LOCAL_KEYS = {"study", "results", "outcomes", "design", "risk_of_bias", "year"}
# measures on one scale, pooled together only with pool_across_designs: true (raw-score
# standardised between groups and change standardised by the pre-test SD)
SCALE = {"SMD": "SMD", "SMCR": "SMD", "SMCC": "SMCC", "MD": "MD"}


# --- input ----------------------------------------------------------------------------------

def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputError("not a text (CSV) file", file=path, rule="studies file is CSV")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode the file (UTF-8 or cp1252)", file=path,
                     rule="studies file encoding")  # pragma: no cover - cp1252 decodes bytes


def read_studies(path):
    """Read ``studies.csv`` as text (comma or semicolon; a semicolon file may use decimal commas).

    Returns a DataFrame of strings (empty cell = NA) with ``attrs["source_file"]``; the index is
    the row number a user sees (header = row 1).
    """
    import io

    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError("file does not exist", file=path, rule="file must exist")
    text = _read_text(path)
    if not text.strip():
        raise InputError("the file is empty", file=path, rule="studies file has a header row")
    header = text.splitlines()[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=True)
    except pd.errors.ParserError as exc:
        raise InputError(f"cannot parse the CSV: {exc}", file=path, rule="studies file is CSV")
    frame.columns = [str(c).strip() for c in frame.columns]
    dup = frame.columns[frame.columns.duplicated()]
    if len(dup):
        raise InputError(f"duplicate column name {dup[0]!r}", file=path, row=1, column=dup[0],
                         rule="column names are unique")
    frame = frame.apply(lambda s: s.str.strip()).replace("", pd.NA)
    frame.index = range(2, len(frame) + 2)
    frame.attrs["source_file"] = str(path)
    frame.attrs["decimal_comma"] = sep == ";"
    return frame


def _num(value, decimal_comma):
    s = str(value)
    if decimal_comma:
        s = s.replace(",", ".")
    x = float(s)
    if not math.isfinite(x):
        raise ValueError(s)
    return x


def load_synthesis_protocol(path=None) -> dict:
    """Read and check a synthesis protocol (YAML, safe loader); ``None`` gives the defaults."""
    proto = {"_path": None, "_dir": None}
    if path is not None:
        import yaml

        path = Path(path)
        if not path.is_file():
            raise InputError("protocol file does not exist", file=path, rule="file must exist")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"not valid YAML: {exc}", file=path, rule="protocol is YAML")
        if not isinstance(data, dict):
            raise InputError("the protocol must be a mapping of keys", file=path,
                             rule="protocol is a mapping")
        unknown = sorted(set(data) - PROTOCOL_KEYS)
        if unknown:
            raise InputError(f"unknown protocol key {unknown[0]!r} (known: "
                             f"{', '.join(sorted(PROTOCOL_KEYS))})", file=path,
                             column=unknown[0], rule="protocol keys")
        proto.update(data)
        proto["_path"], proto["_dir"] = str(path), path.resolve().parent
    p = proto.get("_path")

    def bad(msg, key):
        raise InputError(msg, file=p, column=key, rule=f"protocol {key}")

    if proto.setdefault("model", None) not in (None, "random", "three_level"):
        bad(f"'model' must be random or three_level, got {proto['model']!r}", "model")
    proto["method"] = str(proto.get("method", "REML")).upper()
    if proto["method"] not in ("REML", "ML", "DL"):
        bad(f"'method' must be REML, ML or DL, got {proto['method']!r}", "method")
    proto["test"] = str(proto.get("test", DEFAULT_TEST)).lower()
    if proto["test"] not in ("adhoc", "knha", "z"):
        bad(f"'test' must be adhoc, knha or z, got {proto['test']!r}", "test")
    r = proto.setdefault("r", 0.5)
    if not isinstance(r, (int, float)) or not -1 < r < 1:
        bad(f"'r' must be a number between -1 and 1, got {r!r}", "r")
    rs = proto.setdefault("r_sensitivity", [0.3, 0.5, 0.7])
    if not isinstance(rs, list) or not all(isinstance(x, (int, float)) and -1 < x < 1 for x in rs):
        bad("'r_sensitivity' must be a list of correlations between -1 and 1", "r_sensitivity")
    proto["_moderators_given"] = "moderators" in proto
    mods = proto.setdefault("moderators", ["discipline", "design", "setting", "dose"])
    if not isinstance(mods, list) or not all(isinstance(m, str) for m in mods):
        bad("'moderators' must be a list of column names", "moderators")
    outs = proto.setdefault("outcomes", {}) or {}
    if not isinstance(outs, dict):
        bad("'outcomes' must map outcome names to settings", "outcomes")
    for name, spec in outs.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            bad(f"outcomes.{name} must be a mapping", "outcomes")
        unknown = sorted(set(spec) - OUTCOME_KEYS)
        if unknown:
            bad(f"unknown key {unknown[0]!r} under outcomes.{name} (known: "
                f"{', '.join(sorted(OUTCOME_KEYS))})", "outcomes")
        mid = spec.get("mid", 0.2)
        if not isinstance(mid, (int, float)) or mid <= 0:
            bad(f"outcomes.{name}.mid must be a positive number", "outcomes")
        if spec.get("good_direction", "higher") not in ("lower", "higher"):
            bad(f"outcomes.{name}.good_direction must be lower or higher", "outcomes")
        outs[name] = spec
    proto["outcomes"] = outs
    local = proto.setdefault("local", []) or []
    if not isinstance(local, list):
        bad("'local' must be a list of programmes", "local")
    for i, entry in enumerate(local):
        if not isinstance(entry, dict) or not {"study", "results"} <= set(entry):
            bad(f"local[{i}] needs 'study' and 'results'", "local")
        unknown = sorted(set(entry) - LOCAL_KEYS)
        if unknown:
            bad(f"unknown key {unknown[0]!r} in local[{i}]", "local")
    proto["local"] = local
    if not isinstance(proto.setdefault("pool_across_designs", False), bool):
        bad("'pool_across_designs' must be true or false", "pool_across_designs")
    if proto.setdefault("duplicates", "error") not in ("error", "distinct"):
        bad("'duplicates' must be error or distinct (rows that repeat another row are distinct "
            "effect sizes)", "duplicates")
    tool = proto.setdefault("nonrandomised_rob_tool", None)
    if tool is not None and not isinstance(tool, str):
        bad("'nonrandomised_rob_tool' names the tool (e.g. ROBINS-I)", "nonrandomised_rob_tool")
    for where, fs in [("familiar_scale", proto.get("familiar_scale"))] + [
            (f"outcomes.{o}.familiar_scale", spec.get("familiar_scale"))
            for o, spec in outs.items()]:
        if fs is None:
            continue
        if not isinstance(fs, dict) or "instrument" not in fs or not set(fs) <= {"instrument",
                                                                                 "sd", "label"}:
            bad(f"'{where}' must be {{instrument: ID, sd: NUMBER}} (sd optional: the "
                "instrument's norm SD)", "familiar_scale")
        if "sd" in fs and (not isinstance(fs["sd"], (int, float)) or fs["sd"] <= 0):
            bad(f"{where}.sd must be a positive number", "familiar_scale")
        if "sd" not in fs:
            from ..instruments import get_instrument

            try:
                inst = get_instrument(str(fs["instrument"]))
            except Exception:  # noqa: BLE001 - any lookup failure is the same input error
                bad(f"{where}: unknown instrument {fs['instrument']!r} and no sd given",
                    "familiar_scale")
            if not getattr(inst, "sd", None):
                bad(f"{where}: instrument {fs['instrument']!r} has no norm SD; give sd",
                    "familiar_scale")
            fs["sd"], fs["sd_source"] = float(inst.sd), "instrument"
            fs.setdefault("label", str(fs["instrument"]).upper())
        else:
            fs.setdefault("sd_source", "protocol")
    return proto


def _inside(base: Path, rel: str, proto_path) -> Path:
    target = (base / rel).resolve()
    if base != target and base not in target.parents:
        raise InputError("the path lies outside the protocol's folder", file=proto_path,
                         column="local", rule="paths stay inside the protocol's folder")
    if not target.is_file():
        raise InputError(f"file {rel!r} does not exist", file=proto_path, column="local",
                         rule="file must exist")
    return target


def _local_rows(proto) -> list[dict]:
    """Effect sizes of own programmes: SMCR from the pre/post summary of ``impact analyse``
    (``n_paired, mean_baseline, sd_baseline, mean_followup, sd_followup``), with the pre/post
    correlation recovered from the SD of change (``mean_change / d_z``)."""
    rows = []
    for entry in proto["local"]:
        path = _inside(proto["_dir"], str(entry["results"]), proto["_path"])
        try:
            res = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"not a results JSON: {exc}", file=path, rule="results JSON")
        mapping = entry.get("outcomes") or {}
        for o in res.get("outcomes", []):
            if mapping and o.get("outcome") not in mapping:
                continue
            try:
                sd_c = o["mean_change"] / o["d_z"] if o.get("d_z") else None
                r = ((o["sd_baseline"] ** 2 + o["sd_followup"] ** 2 - sd_c ** 2)
                     / (2 * o["sd_baseline"] * o["sd_followup"])) if sd_c else None
                rows.append({"study": str(entry["study"]),
                             "outcome": mapping.get(o["outcome"], o["outcome"]),
                             "n": o["n_paired"], "mean_pre": o["mean_baseline"],
                             "sd_pre": o["sd_baseline"], "mean_post": o["mean_followup"],
                             "sd_post": o["sd_followup"], "r": r,
                             "design": entry.get("design", "prepost"),
                             "risk_of_bias": entry.get("risk_of_bias", "high"),
                             "year": entry.get("year"), "source": "local",
                             "_file": str(path), "_row": None})
            except (KeyError, TypeError) as exc:
                raise InputError(f"outcome {o.get('outcome')!r} lacks {exc}", file=path,
                                 rule="results JSON outcomes keys")
    return rows


def _duplicates(frame, rows):
    """Rows that repeat an earlier row's study, outcome and statistics (without effect_ids
    telling them apart), or its effect_id within the study: one Problem each, naming both
    rows. Two rows with the same statistics but their own effect_ids are distinct effect sizes
    (real data have them, e.g. metadat's dat.assink2016)."""
    seen, seen_id, out = {}, {}, []
    src = frame.attrs.get("source_file")
    for r in rows:
        key = (r.get("study"), r.get("outcome"), r.get("effect_id"),
               tuple((c, r.get(c)) for c in NUMERIC if c != "year" and r.get(c) is not None))
        if key in seen and r.get("effect_id") is None:
            out.append(Problem(f"the row repeats row {seen[key]} (same study, outcome and "
                               "statistics); remove it, or set 'duplicates: distinct' in the "
                               "protocol if they are different effect sizes", file=src,
                               row=r["_row"], column="study", rule="no duplicated effect sizes"))
        else:
            seen[key] = r["_row"]
        eid = r.get("effect_id")
        if eid is not None:
            if (r.get("study"), eid) in seen_id:
                out.append(Problem(f"effect_id {eid!r} of study {r.get('study')!r} is also in row "
                                   f"{seen_id[(r.get('study'), eid)]}", file=src, row=r["_row"],
                                   column="effect_id", rule="effect_id unique within a study"))
            else:
                seen_id[(r.get("study"), eid)] = r["_row"]
    return out


def compute_effects(frame, proto, *, r_default=None):
    """Effect size per row (``yi, vi, measure, source``); InputError listing every problem."""
    import numpy as np
    import pandas as pd

    from ..stats.escalc import md, smcc, smcr, smd

    src = frame.attrs.get("source_file")
    dec = frame.attrs.get("decimal_comma", False)
    problems = []
    for col in ("study", "outcome"):
        if col not in frame.columns:
            problems.append(Problem(f"required column {col!r} is missing", file=src, row=1,
                                    column=col, rule="studies.csv columns"))
    if problems:
        raise InputError(problems=problems)
    if len(frame) == 0 and not proto.get("local"):
        raise InputError("the file has a header but no rows: nothing to pool", file=src, row=2,
                         column=str(frame.columns[0]) if len(frame.columns) else None,
                         rule="studies file has at least one effect size")
    if proto.get("_moderators_given"):
        for name in proto["moderators"]:
            if name not in frame.columns and name != "design":
                problems.append(Problem(f"moderator {name!r} named in the protocol is not a "
                                        "column of the studies file", file=src, row=1,
                                        column=name, rule="protocol moderators are columns"))
        if problems:
            raise InputError(problems=problems)
    r_default = proto.get("r", 0.5) if r_default is None else r_default
    rows = []
    columns = [str(c) for c in frame.columns]
    colset = set(columns)
    extra_cols = [c for c in columns if c not in NUMERIC + ("measure",)]
    cells = frame.astype(object).where(frame.notna(), None).to_numpy()
    for row_no, values in zip(frame.index, cells):
        rec = dict(zip(columns, values))

        def cell(c):
            return rec[c] if c in colset else None
        vals = {}
        for c in NUMERIC:
            v = cell(c)
            if v is None:
                continue
            try:
                vals[c] = _num(v, dec)
            except ValueError:
                problems.append(Problem(f"{v!r} is not a number", file=src, row=row_no,
                                        column=c, rule="numeric cell"))
        for c in ("study", "outcome"):
            if cell(c) is None:
                problems.append(Problem("empty cell", file=src, row=row_no, column=c,
                                        rule=f"{c} is required"))
        design, rob = cell("design"), cell("risk_of_bias")
        if design is not None and design.lower() not in DESIGNS:
            problems.append(Problem(f"{design!r} is not one of {', '.join(DESIGNS)}", file=src,
                                    row=row_no, column="design", rule="design values"))
        if rob is not None and rob.lower() not in ROB:
            problems.append(Problem(f"{rob!r} is not one of {', '.join(ROB)}", file=src,
                                    row=row_no, column="risk_of_bias", rule="risk_of_bias values"))
        measure = (cell("measure") or "").upper() or None
        if measure is not None and measure not in MEASURES:
            problems.append(Problem(f"{measure!r} is not one of {', '.join(MEASURES)}",
                                    file=src, row=row_no, column="measure",
                                    rule="measure values"))
            continue
        have = {c for c in vals}
        kinds = [name for name, cols in (("given", GIVEN), ("two_group", TWO_GROUP),
                                         ("prepost", PRE_POST[:4])) if set(cols) <= have]
        kind = kinds[0] if kinds else None
        if len(kinds) > 1:
            cols = {"given": "yi", "two_group": "n1", "prepost": "n"}
            problems.append(Problem(f"the row gives more than one complete set of statistics "
                                    f"({' and '.join(k.replace('_', '-') for k in kinds)}); "
                                    "keep one per row", file=src, row=row_no,
                                    column=cols[kinds[1]], rule="one set of statistics per row"))
            continue
        if kind == "given":
            if abs(vals["yi"]) > MAX_ABS_YI:
                problems.append(Problem(f"{vals['yi']:g} is not a plausible effect size (|yi| "
                                        f"above {MAX_ABS_YI:g})", file=src, row=row_no,
                                        column="yi", rule="effect size in range"))
            if vals["vi"] > MAX_VI:
                problems.append(Problem(f"{vals['vi']:g} is not a plausible sampling variance "
                                        f"(above {MAX_VI:g})", file=src, row=row_no,
                                        column="vi", rule="variance in range"))
        if kind == "two_group" and design is not None and design.lower() == "prepost":
            problems.append(Problem("design prepost (no comparison group) with two-group "
                                    "statistics", file=src, row=row_no, column="design",
                                    rule="design fits the statistics"))
        if kind is None and any(p.row == row_no and p.rule == "numeric cell"
                                for p in problems):
            continue
        if kind is None:
            partial = [c for c in TWO_GROUP + PRE_POST + GIVEN if c in have]
            missing = ([c for c in TWO_GROUP if c not in have] if set(partial) & set(TWO_GROUP)
                       else [c for c in PRE_POST[:4] if c not in have]
                       if set(partial) & set(PRE_POST) else ["yi", "vi"])
            problems.append(Problem("no complete set of statistics: give n1, mean1, sd1, n2, "
                                    "mean2, sd2; or n, mean_pre, sd_pre, mean_post (sd_post, r); "
                                    "or yi, vi", file=src, row=row_no, column=missing[0],
                                    rule="one complete set per row"))
            continue
        for c in ("n1", "n2", "n"):
            if c in vals and (vals[c] < 2 or vals[c] != int(vals[c])):
                problems.append(Problem(f"{vals[c]:g} is not a whole number of at least 2",
                                        file=src, row=row_no, column=c, rule="sample size"))
        for c in ("sd1", "sd2", "sd_pre", "sd_post", "vi"):
            if c in vals and vals[c] <= 0:
                problems.append(Problem(f"{vals[c]:g} must be positive", file=src, row=row_no,
                                        column=c, rule="positive spread"))
        if "r" in vals and not -1 < vals["r"] < 1:
            problems.append(Problem(f"{vals['r']:g} is not a correlation between -1 and 1",
                                    file=src, row=row_no, column="r", rule="correlation"))
        if kind == "given" and measure is None:
            problems.append(Problem("yi and vi need a measure (SMD, MD, SMCR or SMCC)", file=src,
                                    row=row_no, column="measure", rule="measure of yi"))
        extra = {c: rec[c] for c in extra_cols}
        rows.append({"_row": row_no, "_file": src, "kind": kind, "measure": measure,
                     **extra, **vals, "design": design.lower() if design else None,
                     "risk_of_bias": rob.lower() if rob else None, "source": "studies"})
    if not problems and proto.get("duplicates", "error") == "error":
        problems += _duplicates(frame, rows)
    if problems:
        raise InputError(problems=problems)
    rows += [{**r, "kind": "prepost", "measure": None} for r in _local_rows(proto)]
    # first the measure, r and n of every row; then the effect sizes of all rows of one kind
    # and measure in one vectorised escalc call (200,000 rows: arrays, not row by row)
    prep = []
    batches: dict[str, list] = {}
    for i, r in enumerate(rows):
        kind, measure = r["kind"], r["measure"]
        r_used, r_imputed = r.get("r"), False
        if kind == "two_group":
            measure = measure or "SMD"
            if measure not in ("SMD", "MD"):
                raise InputError(f"two-group statistics give SMD or MD, not {measure}",
                                 file=r["_file"], row=r["_row"], column="measure",
                                 rule="measure fits the statistics")
            n_total = r["n1"] + r["n2"]
        elif kind == "prepost":
            measure = measure or proto.get("prepost_measure", "SMCR")
            if r_used is None or (isinstance(r_used, float) and math.isnan(r_used)):
                r_used, r_imputed = r_default, True
            if measure == "SMCC" and r.get("sd_post") is None:
                raise InputError("SMCC needs sd_post", file=r["_file"], row=r["_row"],
                                 column="sd_post", rule="measure fits the statistics")
            if measure not in ("SMCR", "SMCC"):
                raise InputError(f"pre/post statistics give SMCR or SMCC, not {measure}",
                                 file=r["_file"], row=r["_row"], column="measure",
                                 rule="measure fits the statistics")
            n_total = r["n"]
        else:
            n_total = (r.get("n1") or 0) + (r.get("n2") or 0) or r.get("n")
        prep.append((measure, r_used, r_imputed, n_total))
        batches.setdefault(kind if kind == "given" else f"{kind}:{measure}", []).append(i)
    yis = np.full(len(rows), np.nan)
    vis = np.full(len(rows), np.nan)

    def col(idx, name):
        return np.array([float(rows[i][name]) for i in idx])

    for key, idx in batches.items():
        if key == "given":
            yi, vi = col(idx, "yi"), col(idx, "vi")
        elif key.startswith("two_group"):
            f = smd if key.endswith("SMD") else md
            yi, vi = f(*(col(idx, c) for c in TWO_GROUP))
        else:
            rr = np.array([float(prep[i][1]) for i in idx])
            if key.endswith("SMCC"):
                yi, vi = smcc(*(col(idx, c) for c in ("n", "mean_pre", "sd_pre", "mean_post",
                                                       "sd_post")), rr)
            else:
                yi, vi = smcr(*(col(idx, c) for c in ("n", "mean_pre", "sd_pre", "mean_post")),
                              rr)
        yis[idx], vis[idx] = yi, vi
    effects = []
    for i, r in enumerate(rows):
        kind = r["kind"]
        measure, r_used, r_imputed, n_total = prep[i]
        yi, vi = float(yis[i]), float(vis[i])
        half = _Z95 * math.sqrt(vi) if vi > 0 else float("nan")
        if not (math.isfinite(yi) and math.isfinite(vi) and vi > 0):
            raise InputError("no effect size can be computed from this row", file=r["_file"],
                             row=r["_row"], column="yi" if kind == "given" else None,
                             rule="valid statistics")
        eid = r.get("effect_id") or (str(r["_row"]) if r["_row"] else f"local-{i + 1}")
        effects.append({"row": r["_row"], "study": str(r["study"]), "effect_id": str(eid),
                        "outcome": str(r["outcome"]), "yi": yi, "vi": vi,
                        "ci_low": yi - half, "ci_high": yi + half, "measure": measure,
                        "input": kind, "r": r_used if kind == "prepost" else None,
                        "r_imputed": r_imputed if kind == "prepost" else None,
                        "n_total": int(n_total) if n_total else None,
                        "design": r.get("design") or ("prepost" if kind == "prepost" or
                                                      ESTIMAND[measure] != "between_group"
                                                      else "controlled"),
                        "design_given": bool(r.get("design")),
                        "estimand": ESTIMAND[measure],
                        "risk_of_bias": r.get("risk_of_bias"),
                        "year": r.get("year"), "source": r["source"],
                        **{c: r[c] for c in TWO_GROUP + PRE_POST if r.get(c) is not None},
                        **{k: v for k, v in r.items() if k not in NUMERIC and not k.startswith("_")
                           and k not in ("study", "outcome", "kind", "measure", "design",
                                         "risk_of_bias", "source", "effect_id")}})
    return effects


# --- models ---------------------------------------------------------------------------------

def _fit(eff, proto, kind, mods=None):
    import numpy as np

    from ..stats.multilevel_meta import rma, three_level

    y = np.array([e["yi"] for e in eff])
    v = np.array([e["vi"] for e in eff])
    labels = [f"{e['study']} [{e['effect_id']}]" for e in eff]
    if kind == "three_level":
        method = proto["method"] if proto["method"] in ("REML", "ML") else "REML"
        return three_level(y, v, [e["study"] for e in eff], mods=mods, labels=labels,
                           method=method)
    return rma(y, v, mods=mods, method=proto["method"], test=proto["test"], labels=labels)


def _model_row(outcome, measure, design, estimand, fit, kind, eff):
    d = fit.data
    keys = ("k", "estimate", "se", "ci_low", "ci_high", "pi_low", "pi_high", "i2", "q", "q_p",
            "method", "test", "statistic", "p_value")
    row = {"outcome": outcome, "measure": measure, "design": design, "estimand": estimand,
           "model": kind, **{k: d.get(k) for k in keys},
           "n_studies": len({e["study"] for e in eff}), "notes": list(d.get("notes", []))}
    if kind == "three_level":
        row.update(sigma2_study=d.get("sigma2_study"), sigma2_within=d.get("sigma2_within"),
                   i2_study=d.get("i2_study"), i2_within=d.get("i2_within"))
        rb = d.get("robust")
        if rb:
            row.update(robust_se=rb["se"][0], robust_ci_low=rb["ci_low"][0],
                       robust_ci_high=rb["ci_high"][0], robust_p_value=rb["p_value"][0],
                       robust_df=rb["df"])
    else:
        row.update(tau2=d.get("tau2"))
    return row


def _familiar_scale(row, proto, spec):
    """Back-translation of a standardised pooled estimate to points of a reference instrument:
    ``points = SMD x SD`` for the estimate and both CI limits (Cochrane Handbook 15.5.3.1)."""
    fs = spec.get("familiar_scale") or proto.get("familiar_scale")
    if not fs or row["measure"] not in ("SMD", "SMCR") or row.get("estimate") is None:
        return
    sd = float(fs["sd"])
    row.update(scale_points=row["estimate"] * sd, scale_ci_low=row["ci_low"] * sd,
               scale_ci_high=row["ci_high"] * sd, scale_instrument=str(fs["instrument"]),
               scale_sd=sd, scale_sd_source=fs.get("sd_source", "protocol"),
               scale_label=fs.get("label") or str(fs["instrument"]).upper())


def _moderator_design(eff, name):
    """Moderator columns: numeric as is; categories as indicators against the most common."""
    import numpy as np
    import pandas as pd

    vals = [e.get(name) for e in eff]
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in vals):
        return None, "missing values"
    try:
        x = np.array([float(v) for v in vals])
        if np.unique(x).size < 2:
            return None, "no variation"
        return pd.DataFrame({name: x}), None
    except (TypeError, ValueError):
        s = pd.Series([str(v) for v in vals])
        counts = s.value_counts()
        if counts.size < 2:
            return None, "one category only"
        ref = sorted(counts[counts == counts.max()].index)[0]
        levels = sorted(set(s) - {ref})
        frame = pd.DataFrame({f"{name}: {lv} (vs {ref})": (s == lv).astype(float).to_numpy()
                              for lv in levels})
        frame.attrs["levels"] = {f"{name}: {lv} (vs {ref})": (lv, ref) for lv in levels}
        return frame, None



# what is evaluated when the protocol names no intervention (the report's catalogue says the same)


def _in_lang(value, lang):
    return value.get(lang) or value.get("en") if isinstance(value, dict) else value


def _add_statements(out) -> None:
    """The GRADE plain-language statement of each graded outcome in nl and en (GRADE 26), here
    rather than in the report, which only prints what the synthesis says."""
    from ..evidence.statements import statement_for_effect
    from ..i18n import languages, messages

    proto = out.get("protocol") or {}
    for g in out["grade"]:
        if g.get("statement_key") != "grade":
            continue
        p = g["statement_params"]
        spec = (proto.get("outcomes") or {}).get(g["outcome"]) or {}
        g["statement"] = {
            lang: statement_for_effect(
                p["certainty"], p["estimate"], lang=lang, mid=p["mid"], d=p["estimate"],
                intervention=str(_in_lang(proto.get("intervention"), lang)
                                 or messages(lang)["syn_default_intervention"]),
                outcome=str(_in_lang(spec.get("label"), lang) or g["outcome"]))
            for lang in languages()}


DESIGN_ORDER = {"rct": 0, "controlled": 1, "prepost": 2, "all": 3}


def _bodies(effects, proto, notes):
    """The bodies of evidence: per outcome, measure and design (randomised first); with
    ``pool_across_designs: true`` also one body per outcome and scale across designs (and
    estimands), said in the notes."""
    groups: dict[tuple, list] = {}
    for e in effects:
        groups.setdefault((e["outcome"], e["measure"], e["design"]), []).append(e)
    bodies = [(o, m, d, ESTIMAND[m], eff) for (o, m, d), eff in groups.items()]
    if proto.get("pool_across_designs"):
        across: dict[tuple, list] = {}
        for e in effects:
            across.setdefault((e["outcome"], SCALE[e["measure"]]), []).append(e)
        for (o, scale), eff in across.items():
            designs = {e["design"] for e in eff}
            measures = {e["measure"] for e in eff}
            if len(designs) < 2 and len(measures) < 2:
                continue
            estimands = {ESTIMAND[m] for m in measures}
            est = estimands.pop() if len(estimands) == 1 else "mixed"
            bodies.append((o, scale, "all", est, eff))
            notes.append(f"{o}: pooled across designs ({', '.join(sorted(designs))})"
                         + (" and estimands (between-group and within-group change)"
                            if est == "mixed" else "") + " because the protocol sets "
                         "pool_across_designs: true; read it beside the per-design estimates")
    bodies.sort(key=lambda b: (b[0], DESIGN_ORDER.get(b[2], 9), b[1]))
    return bodies


def synthesise_evidence(studies, protocol=None) -> "SynthesisResult":
    """Pool studies (and local programmes) per outcome and body of evidence (design and
    estimand), with moderators, small-study tests, leave-one-out, the pre/post correlation
    sensitivity table and GRADE.

    Bodies of evidence: effect sizes are grouped by outcome, measure and design (``rct``,
    ``controlled``, ``prepost``); a measure fixes the estimand (SMD, MD: between groups; SMCR,
    SMCC: change within one group). Each body gets its own model, small-study tests and GRADE
    row, randomised first. Two-group rows without a design count as ``controlled`` (not
    randomised), said in the notes. Pooling across designs and estimands only with protocol
    ``pool_across_designs: true`` (an extra body with ``design = "all"``).

    Parameters
    ----------
    studies : path or DataFrame
        ``studies.csv`` (DESIGN.md "Evidence synthesis") or a frame of its columns.
    protocol : path, dict or None
        Synthesis protocol (module docstring); None: defaults.

    Returns
    -------
    SynthesisResult
        Keys (DESIGN.md): ``effects`` (per row ``yi, vi, measure, design, estimand, weight``
        and the row's columns), ``models`` (per body: ``outcome, measure, design, estimand,
        model`` random or three_level, ``k, n_studies, estimate, se, ci_low, ci_high, pi_low,
        pi_high``, ``tau2`` or ``sigma2_study, sigma2_within``, ``i2, q, q_p, method, test,
        p_value``, with a familiar scale ``scale_points, scale_ci_low, scale_ci_high,
        scale_instrument``), ``moderators`` (meta-regression terms), ``small_study``
        (``egger_z, egger_p, limit_estimate, trimfill_k0, trimfill_estimate, trimfill_shift,
        trimfill_se``), ``leave_one_out``, ``grade`` (one per body); and ``sensitivity``
        (pre/post correlation), ``influence``, ``studies`` (one row per study), ``protocol``,
        ``notes``, ``provenance``.

    Examples
    --------
    ``studies_csv`` and ``studies_protocol_yaml`` were written by ``impact synth --programme
    studies`` (12 synthetic studies, none randomised): per outcome a controlled body (between
    groups, SMD) and a before-after body (change, SMCR), each pooled on its own:

    >>> res = impact.synthesise_evidence(studies_csv, studies_protocol_yaml)
    >>> models = pd.DataFrame(res["models"])
    >>> models[["outcome", "design", "measure", "k", "estimate"]].round(2)
         outcome      design measure  k  estimate
    0     stress  controlled     SMD  3     -0.87
    1     stress     prepost    SMCR  3     -0.71
    2  wellbeing  controlled     SMD  4      0.32
    3  wellbeing     prepost    SMCR  7      0.43

    R: ``escalc()`` then per outcome and design ``rma.mv(yi, vi, random = ~ 1 | study/effect)``
    (or ``rma``), ``rma(..., mods = ~ moderator)``, ``regtest()``, ``trimfill()``,
    ``leave1out()``.
    """
    import datetime
    import hashlib

    import numpy as np
    import pandas as pd

    from .._version import __version__
    from ..evidence.synthesis_grade import grade_synthesis
    from ..stats.multilevel_meta import influence, leave_one_out, regtest, trimfill

    proto = protocol if isinstance(protocol, dict) else load_synthesis_protocol(protocol)
    if isinstance(studies, pd.DataFrame):
        frame = studies.astype(object).where(studies.notna(), None).astype(str).replace(
            "None", pd.NA)
        frame.index = range(2, len(frame) + 2)
        frame.attrs["source_file"] = studies.attrs.get("source_file", "<studies>")
        src_hash = None
    else:
        frame = read_studies(studies)
        src_hash = hashlib.sha256(Path(studies).read_bytes()).hexdigest()
    effects = compute_effects(frame, proto)
    notes: list[str] = []
    undesigned = sorted({e["row"] for e in effects
                         if not e.get("design_given") and e["estimand"] == "between_group"
                         and e.get("row")})
    if undesigned:
        notes.append(f"{len(undesigned)} between-group effect size(s) without a design (rows "
                     f"{', '.join(map(str, undesigned[:10]))}"
                     f"{', ...' if len(undesigned) > 10 else ''}) counted as controlled "
                     "(not randomised)")
    out = {"effects": effects, "models": [], "moderators": [], "small_study": [],
           "leave_one_out": [], "influence": [], "sensitivity": [], "grade": [], "notes": notes}
    for outcome, measure, design, estimand, eff in _bodies(effects, proto, notes):
        tag = f"{outcome} ({design}, {measure})"
        keyd = {"outcome": outcome, "measure": measure, "design": design, "estimand": estimand}
        spec = proto["outcomes"].get(outcome, {})
        n_st = len({e["study"] for e in eff})
        multi = n_st < len(eff)
        kind = proto.get("model") or ("three_level" if multi else "random")
        if kind == "random" and multi:
            notes.append(f"{tag}: studies give more than one effect size but the protocol "
                         "asks for a random-effects model, which treats them as independent")
        if kind == "three_level" and proto["method"] == "DL":
            notes.append(f"{tag}: three-level models are fitted by REML (DL is for "
                         "random-effects models)")
        fit = _fit(eff, proto, kind)
        if fit.data.get("estimate") is None:
            notes += [f"{tag}: {n}" for n in fit.notes]
            continue
        if design != "all":
            for e, w in zip(eff, fit.weights):
                e["weight"] = float(w)
        row = _model_row(outcome, measure, design, estimand, fit, kind, eff)
        _familiar_scale(row, proto, spec)
        out["models"].append(row)
        notes += [f"{tag}: {n}" for n in fit.notes]
        for name in proto["moderators"]:
            if all(e.get(name) is None for e in eff):
                continue
            missing = [e["row"] for e in eff if e.get(name) is None
                       or (isinstance(e.get(name), float) and math.isnan(e[name]))]
            if missing:
                notes.append(f"{tag}: moderator {name!r} not analysed: missing in row(s) "
                             f"{', '.join(str(r) for r in missing[:10])}"
                             + (", ..." if len(missing) > 10 else ""))
                continue
            X, why = _moderator_design(eff, name)
            if X is None:
                if name != "design":
                    notes.append(f"{tag}: moderator {name!r} not analysed ({why})")
                continue
            if len(eff) <= X.shape[1] + 2:
                notes.append(f"{tag}: moderator {name!r} not analysed (too few effect sizes)")
                continue
            d = _fit(eff, proto, kind, mods=X).data
            if d.get("estimate") is None:
                notes.append(f"{tag}: moderator {name!r} not analysed "
                             f"({'; '.join(d['notes'])})")
                continue
            lv = X.attrs.get("levels", {})
            for c in d["coefficients"][1:]:
                level, ref = lv.get(c["term"], (None, None))
                out["moderators"].append({**keyd, "moderator": name, "term": c["term"],
                                          "level": level, "reference": ref,
                                          "estimate": c["estimate"], "se": c["se"],
                                          "ci_low": c["ci_low"], "ci_high": c["ci_high"],
                                          "p_value": c["p_value"], "qm": d.get("qm"),
                                          "qm_p": d.get("qm_p"), "k": d["k"], "model": kind})
        y = np.array([e["yi"] for e in eff])
        v = np.array([e["vi"] for e in eff])
        ss = {**keyd, "k": len(eff), "egger_z": None, "egger_p": None, "limit_estimate": None,
              "trimfill_k0": None, "trimfill_estimate": None, "trimfill_ci_low": None,
              "trimfill_ci_high": None, "trimfill_shift": None, "trimfill_se": None,
              "filled": []}
        if len(eff) >= 3:
            rt = regtest(y, v, method=proto["method"], test="z")
            notes += [f"{tag}: Egger's test: {n}" for n in rt.notes]
            try:
                tf = trimfill(y, v, method=proto["method"], test=proto["test"]).data
            except (ValueError, RuntimeError) as exc:
                notes.append(f"{tag}: trim-and-fill not estimable ({exc})")
                tf = {"k0": None, "side": None, "estimate": None, "ci_low": None,
                      "ci_high": None, "filled": [], "shift": None, "unadjusted_se": None,
                      "unadjusted_estimate": None}
            ss.update(egger_z=rt["statistic"], egger_p=rt["p_value"],
                      limit_estimate=rt["limit_estimate"], limit_ci_low=rt["limit_ci_low"],
                      limit_ci_high=rt["limit_ci_high"], trimfill_k0=tf["k0"],
                      trimfill_side=tf["side"], trimfill_estimate=tf["estimate"],
                      trimfill_ci_low=tf["ci_low"], trimfill_ci_high=tf["ci_high"],
                      trimfill_shift=tf["shift"], trimfill_se=tf["unadjusted_se"],
                      random_estimate=tf["unadjusted_estimate"], filled=tf["filled"])
            if multi:
                ss["note"] = ("Egger's test and trim-and-fill treat the effect sizes as "
                              "independent (a random-effects model on all of them)")
        out["small_study"].append(ss)
        if kind == "three_level":
            studies_here = sorted({e["study"] for e in eff})
            if len(studies_here) > LOO_MAX_STUDIES:
                notes.append(f"{tag}: leave-one-study-out not run ({len(studies_here)} studies; "
                             f"it refits the model once per study, up to {LOO_MAX_STUDIES})")
                studies_here = []
            for s in studies_here:
                rest = [e for e in eff if e["study"] != s]
                if len({e["study"] for e in rest}) < 2:
                    continue
                d = _fit(rest, proto, kind).data
                out["leave_one_out"].append({**keyd, "left_out": s, "unit": "study",
                                             **{k: d.get(k) for k in (
                                                 "estimate", "ci_low", "ci_high", "sigma2_study",
                                                 "sigma2_within", "i2")}})
        elif len(eff) > LOO_MAX_K:
            notes.append(f"{tag}: leave-one-out and influence not run ({len(eff)} effect sizes; "
                         f"they refit the model once per effect size, up to {LOO_MAX_K})")
        elif len(eff) >= 3:
            labels = [f"{e['study']} [{e['effect_id']}]" for e in eff]
            for r in leave_one_out(y, v, method=proto["method"], test=proto["test"],
                                   labels=labels):
                out["leave_one_out"].append({**keyd, "unit": "effect", **r})
            for r in influence(y, v, method=proto["method"], labels=labels):
                out["influence"].append({**keyd, **r})
        imputed = [e for e in eff if e.get("r_imputed")]
        if imputed:
            for rv in proto["r_sensitivity"]:
                d = _fit(_with_r(eff, rv), proto, kind).data
                out["sensitivity"].append({**keyd, "r": rv, "k_imputed": len(imputed),
                                           **{k: d.get(k) for k in ("estimate", "ci_low",
                                                                    "ci_high")}})
        g = grade_synthesis(row, eff, ss, spec,
                            rob_tool=proto.get("nonrandomised_rob_tool"))
        g.update(keyd)
        out["grade"].append(g)
    out["studies"] = _study_table(effects)
    out["limitations"] = _limitations(out)
    out["protocol"] = {k: v for k, v in proto.items() if not k.startswith("_")}
    _add_statements(out)
    out["provenance"] = {
        "version": __version__, "studies_sha256": src_hash,
        "protocol_sha256": hashlib.sha256(Path(proto["_path"]).read_bytes()).hexdigest()
        if proto.get("_path") else None,
        "date": str(proto.get("date") or datetime.date.today().isoformat()),
        "local_sha256": {str(e["study"]): hashlib.sha256(
            _inside(proto["_dir"], str(e["results"]), proto["_path"]).read_bytes()).hexdigest()
            for e in proto.get("local") or []}}
    for e in effects:
        e.pop("design_given", None)
    # effects and studies are built from plain Python values: not walked again (200,000 rows)
    plain = {key: out.pop(key) for key in _PLAIN}
    out = clean_json(out)
    out.update(plain)
    return SynthesisResult(out)


_PLAIN = ("effects", "studies")


def _limitations(out):
    """What limits the synthesis, from what was found: ``{key, params}`` items (the report's
    wording in the catalogue): outcomes without randomised studies, the share of effect sizes
    at high risk of bias (at least a quarter), bodies with fewer than 5 studies, small-study
    signs, prediction intervals across zero, imputed pre/post correlations, dependent effect
    sizes in the small-study tests, pooling across designs."""
    items = []

    def body(x):
        return {k: x.get(k) for k in ("outcome", "measure", "design")}

    for o in sorted({g["outcome"] for g in out["grade"]}):
        if not any(g["outcome"] == o and g.get("design") == "rct" for g in out["grade"]):
            items.append({"key": "syn_lim_nonrandomised", "params": {"outcome": o}})
    eff = out["effects"]
    high = sum(1 for e in eff if e.get("risk_of_bias") == "high")
    if eff and high / len(eff) >= 0.25:
        items.append({"key": "syn_lim_high_rob",
                      "params": {"share": round(100 * high / len(eff))}})
    for m in out["models"]:
        if m.get("n_studies", 0) < 5:
            items.append({"key": "syn_lim_few_studies",
                          "params": {"body": body(m), "k": m["n_studies"]}})
    for g in out["grade"]:
        for d in g["domains"]:
            if d["domain"] == "publication_bias" and d["downgrade"]:
                items.append({"key": "syn_lim_pub", "params": {"body": body(g)}})
            if d["domain"] == "inconsistency" and (d.get("params") or {}).get("pi_crosses"):
                items.append({"key": "syn_lim_inconsistent",
                              "params": {"body": body(g), "pi_low": d["params"]["pi_low"],
                                         "pi_high": d["params"]["pi_high"]}})
    imputed = sum(1 for e in eff if e.get("r_imputed"))
    if imputed:
        items.append({"key": "syn_lim_imputed_r", "params": {"k": imputed}})
    if any(ss.get("note") and ss.get("egger_z") is not None for ss in out["small_study"]):
        items.append({"key": "syn_lim_dependent", "params": {}})
    if any(m.get("design") == "all" for m in out["models"]):
        items.append({"key": "syn_lim_across", "params": {}})
    return items


def _study_table(effects):
    """One row per study: design, participants (largest n of its effect sizes), reference,
    overall risk of bias and the ``rob_*`` domains, the outcomes and effect sizes it gives."""
    table: dict[str, dict] = {}
    for e in effects:
        t = table.setdefault(e["study"], {"study": e["study"], "design": e.get("design"),
                                          "n": None, "reference": None, "year": e.get("year"),
                                          "risk_of_bias": e.get("risk_of_bias"), "rob": {},
                                          "outcomes": [], "k": 0, "source": e.get("source")})
        t["k"] += 1
        if e["outcome"] not in t["outcomes"]:
            t["outcomes"].append(e["outcome"])
        if e.get("n_total") and (t["n"] is None or e["n_total"] > t["n"]):
            t["n"] = e["n_total"]
        if e.get("reference") and not t["reference"]:
            t["reference"] = e["reference"]
        for k, v in e.items():
            if k.startswith("rob_") and v is not None and k not in t["rob"]:
                t["rob"][k[4:]] = str(v).lower()
    return sorted(table.values(), key=lambda t: (DESIGN_ORDER.get(t["design"], 9), t["study"]))


def _with_r(eff, r):
    from ..stats.escalc import smcc, smcr

    out = []
    for e in eff:
        if e.get("r_imputed"):
            e = dict(e)
            # recompute from the stored pre/post statistics
            if e["measure"] == "SMCR":
                yi, vi = smcr(e["n"], e["mean_pre"], e["sd_pre"], e["mean_post"], r)
            else:
                yi, vi = smcc(e["n"], e["mean_pre"], e["sd_pre"], e["mean_post"], e["sd_post"], r)
            e["yi"], e["vi"] = float(yi), float(vi)
        out.append(e)
    return out


class SynthesisResult(DictResult):
    """The evidence synthesis: ``result["models"]``, ``result["grade"]``, ...; ``to_frame()``
    gives the pooled models, ``plot()`` the forest plot of the first outcome."""

    title = "Evidence synthesis"

    def to_dict(self):
        """Plain JSON values; ``effects`` are built from plain values and passed as they are
        (memory and time linear in k, no second walk over 200,000 rows)."""
        rest = clean_json({k: v for k, v in self.data.items() if k not in _PLAIN})
        return {**{k: self.data[k] for k in _PLAIN if k in self.data}, **rest}

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([{k: v for k, v in m.items() if not isinstance(v, (list, dict))}
                             for m in self.data["models"]])

    @property
    def notes(self):
        return self.data.get("notes", [])

    @property
    def certainty(self):
        """The GRADE assessments as a result object (:class:`SynthesisGrade`)."""
        from ..evidence.synthesis_grade import SynthesisGrade

        return SynthesisGrade({"outcomes": self.data["grade"]})

    def summary(self) -> str:
        parts = []
        for m, g in zip(self.data["models"], self.data["grade"]):
            pi = (f", PI [{m['pi_low']:.2f}, {m['pi_high']:.2f}]"
                  if m.get("pi_low") is not None else "")
            parts.append(f"{m['outcome']} ({m['design']}, {m['measure']}, {m['model']}): "
                         f"{m['estimate']:.2f} [{m['ci_low']:.2f}, {m['ci_high']:.2f}]{pi}, "
                         f"k = {m['k']} in {m['n_studies']} studies; "
                         f"certainty {g['certainty_label'].replace('_', ' ')}")
        return "\n".join(parts)

    def plot(self, outcome=None, measure=None, lang="en"):
        """The forest plot of one outcome and measure (default: the first body's), grouped by
        design, as one figure (the report splits it over A4 pages)."""
        from ..plots.synthesis import forest_from_synthesis

        first = next((m for m in self.data["models"]
                      if outcome is None or m["outcome"] == outcome), self.data["models"][0])
        return forest_from_synthesis(self.data, first["outcome"], measure or first["measure"],
                                     lang=lang)


