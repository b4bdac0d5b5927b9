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
    method: REML | DL             # random-effects models (three-level: REML)
    test: adhoc | knha | z        # random-effects models (default adhoc)
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
                 "moderators", "outcomes", "local", "measure", "prepost_measure"}
OUTCOME_KEYS = {"label", "good_direction", "mid", "indirectness"}
LOCAL_KEYS = {"study", "results", "outcomes", "design", "risk_of_bias", "year"}
# measures that share a scale (pooled together): raw-score standardised, change-standardised, raw
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
    if proto["method"] not in ("REML", "DL"):
        bad(f"'method' must be REML or DL, got {proto['method']!r}", "method")
    proto["test"] = str(proto.get("test", "adhoc")).lower()
    if proto["test"] not in ("adhoc", "knha", "z"):
        bad(f"'test' must be adhoc, knha or z, got {proto['test']!r}", "test")
    r = proto.setdefault("r", 0.5)
    if not isinstance(r, (int, float)) or not -1 < r < 1:
        bad(f"'r' must be a number between -1 and 1, got {r!r}", "r")
    rs = proto.setdefault("r_sensitivity", [0.3, 0.5, 0.7])
    if not isinstance(rs, list) or not all(isinstance(x, (int, float)) and -1 < x < 1 for x in rs):
        bad("'r_sensitivity' must be a list of correlations between -1 and 1", "r_sensitivity")
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
    r_default = proto.get("r", 0.5) if r_default is None else r_default
    rows = []
    for row_no, rec in frame.iterrows():
        def cell(c):
            return rec[c] if c in frame.columns and not pd.isna(rec[c]) else None
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
        kind = None
        if set(GIVEN) <= have:
            kind = "given"
        elif set(TWO_GROUP) <= have:
            kind = "two_group"
        elif set(PRE_POST[:4]) <= have:
            kind = "prepost"
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
        extra = {c: cell(c) for c in frame.columns if c not in NUMERIC + ("measure",)}
        rows.append({"_row": row_no, "_file": src, "kind": kind, "measure": measure,
                     **extra, **vals, "design": design.lower() if design else None,
                     "risk_of_bias": rob.lower() if rob else None, "source": "studies"})
    if problems:
        raise InputError(problems=problems)
    rows += [{**r, "kind": "prepost", "measure": None} for r in _local_rows(proto)]
    effects = []
    for i, r in enumerate(rows):
        kind, measure = r["kind"], r["measure"]
        r_used, r_imputed = r.get("r"), False
        if kind == "two_group":
            measure = measure or "SMD"
            if measure not in ("SMD", "MD"):
                raise InputError(f"two-group statistics give SMD or MD, not {measure}",
                                 file=r["_file"], row=r["_row"], column="measure",
                                 rule="measure fits the statistics")
            f = smd if measure == "SMD" else md
            yi, vi = f(r["n1"], r["mean1"], r["sd1"], r["n2"], r["mean2"], r["sd2"])
            n_total = r["n1"] + r["n2"]
        elif kind == "prepost":
            measure = measure or proto.get("prepost_measure", "SMCR")
            if r_used is None or (isinstance(r_used, float) and math.isnan(r_used)):
                r_used, r_imputed = r_default, True
            if measure == "SMCC":
                if r.get("sd_post") is None:
                    raise InputError("SMCC needs sd_post", file=r["_file"], row=r["_row"],
                                     column="sd_post", rule="measure fits the statistics")
                yi, vi = smcc(r["n"], r["mean_pre"], r["sd_pre"], r["mean_post"], r["sd_post"],
                              r_used)
            elif measure == "SMCR":
                yi, vi = smcr(r["n"], r["mean_pre"], r["sd_pre"], r["mean_post"], r_used)
            else:
                raise InputError(f"pre/post statistics give SMCR or SMCC, not {measure}",
                                 file=r["_file"], row=r["_row"], column="measure",
                                 rule="measure fits the statistics")
            n_total = r["n"]
        else:
            yi, vi = np.float64(r["yi"]), np.float64(r["vi"])
            n_total = (r.get("n1") or 0) + (r.get("n2") or 0) or r.get("n")
        yi, vi = float(np.asarray(yi).reshape(-1)[0]), float(np.asarray(vi).reshape(-1)[0])
        if not (math.isfinite(yi) and math.isfinite(vi) and vi > 0):
            raise InputError("no effect size can be computed from this row", file=r["_file"],
                             row=r["_row"], column="yi" if kind == "given" else None,
                             rule="valid statistics")
        eid = r.get("effect_id") or (str(r["_row"]) if r["_row"] else f"local-{i + 1}")
        effects.append({"row": r["_row"], "study": str(r["study"]), "effect_id": str(eid),
                        "outcome": str(r["outcome"]), "yi": yi, "vi": vi, "measure": measure,
                        "input": kind, "r": r_used if kind == "prepost" else None,
                        "r_imputed": r_imputed if kind == "prepost" else None,
                        "n_total": int(n_total) if n_total else None,
                        "design": r.get("design") or ("prepost" if kind == "prepost" else None),
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
        return three_level(y, v, [e["study"] for e in eff], mods=mods, labels=labels)
    return rma(y, v, mods=mods, method=proto["method"], test=proto["test"], labels=labels)


def _model_row(outcome, scale, fit, kind):
    d = fit.data
    keys = ("k", "estimate", "se", "ci_low", "ci_high", "pi_low", "pi_high", "i2", "q", "q_p",
            "method", "test", "statistic", "p_value")
    row = {"outcome": outcome, "measure": scale, "model": kind,
           **{k: d.get(k) for k in keys}, "notes": list(d.get("notes", []))}
    if kind == "three_level":
        row.update(n_studies=d["n_studies"], sigma2_study=d.get("sigma2_study"),
                   sigma2_within=d.get("sigma2_within"), i2_study=d.get("i2_study"),
                   i2_within=d.get("i2_within"))
        rb = d.get("robust")
        if rb:
            row.update(robust_se=rb["se"][0], robust_ci_low=rb["ci_low"][0],
                       robust_ci_high=rb["ci_high"][0], robust_p=rb["p"][0], robust_df=rb["df"])
    else:
        row.update(n_studies=len(set(fit.labels)) if fit.labels is not None else d["k"],
                   tau2=d.get("tau2"))
    return row


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
        return pd.DataFrame({f"{name}: {lv} (vs {ref})": (s == lv).astype(float).to_numpy()
                             for lv in levels}), None



# what is evaluated when the protocol names no intervention (the report's catalogue says the same)
_DEFAULT_INTERVENTION = {"nl": "Deelname aan kunst en cultuur",
                         "en": "Participation in arts and culture"}


def _in_lang(value, lang):
    return value.get(lang) or value.get("en") if isinstance(value, dict) else value


def _add_statements(out) -> None:
    """The GRADE plain-language statement of each graded outcome in nl and en (GRADE 26), here
    rather than in the report, which only prints what the synthesis says."""
    from ..evidence.statements import statement_for_effect

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
                                 or _DEFAULT_INTERVENTION[lang]),
                outcome=str(_in_lang(spec.get("label"), lang) or g["outcome"]))
            for lang in ("nl", "en")}


def synthesise(studies, protocol=None) -> "SynthesisResult":
    """Pool studies (and local programmes) per outcome, with moderators, small-study tests,
    leave-one-out, the pre/post correlation sensitivity table and GRADE.

    Parameters
    ----------
    studies : path or DataFrame
        ``studies.csv`` (DESIGN.md "Evidence synthesis") or a frame of its columns.
    protocol : path, dict or None
        Synthesis protocol (module docstring); None: defaults.

    Returns
    -------
    SynthesisResult
        Keys (DESIGN.md): ``effects`` (per row ``yi, vi, measure`` and the row's columns),
        ``models`` (per outcome and measure: ``model`` random or three_level, ``k, n_studies,
        estimate, se, ci_low, ci_high, pi_low, pi_high``, ``tau2`` or ``sigma2_study,
        sigma2_within``, ``i2, q, q_p, method, test``), ``moderators`` (meta-regression terms),
        ``small_study`` (``egger_z, egger_p, trimfill_k0, trimfill_estimate``),
        ``leave_one_out``, ``grade``; and ``sensitivity`` (pre/post correlation), ``influence``,
        ``protocol``, ``notes``, ``provenance``.

    Examples
    --------
    ``studies_csv`` and ``studies_protocol_yaml`` were written by ``impact synth --programme
    studies`` (12 synthetic studies):

    >>> res = impact.synthesise_evidence(studies_csv, studies_protocol_yaml)
    >>> models = pd.DataFrame(res["models"])
    >>> models[["outcome", "measure", "model", "k", "estimate", "ci_low", "ci_high"]].round(2)
         outcome measure        model   k  estimate  ci_low  ci_high
    0     stress     SMD  three_level   8     -0.80   -1.05    -0.54
    1  wellbeing     SMD  three_level  12      0.37    0.18     0.56

    R: ``escalc()`` then per outcome ``rma.mv(yi, vi, random = ~ 1 | study/effect)`` (or
    ``rma``), ``rma(..., mods = ~ moderator)``, ``regtest()``, ``trimfill()``, ``leave1out()``.
    """
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
    out = {"effects": effects, "models": [], "moderators": [], "small_study": [],
           "leave_one_out": [], "influence": [], "sensitivity": [], "grade": [], "notes": notes}
    groups: dict[tuple, list] = {}
    for e in effects:
        groups.setdefault((e["outcome"], SCALE[e["measure"]]), []).append(e)
    for (outcome, scale), eff in sorted(groups.items()):
        spec = proto["outcomes"].get(outcome, {})
        n_st = len({e["study"] for e in eff})
        multi = n_st < len(eff)
        kind = proto.get("model") or ("three_level" if multi else "random")
        if kind == "random" and multi:
            notes.append(f"{outcome}: studies give more than one effect size but the protocol "
                         "asks for a random-effects model, which treats them as independent")
        fit = _fit(eff, proto, kind)
        if fit.data.get("estimate") is None:
            notes += [f"{outcome}: {n}" for n in fit.notes]
            continue
        row = _model_row(outcome, scale, fit, kind)
        out["models"].append(row)
        notes += [f"{outcome}: {n}" for n in fit.notes]
        for name in proto["moderators"]:
            if all(e.get(name) is None for e in eff):
                continue  # no such column
            X, why = _moderator_design(eff, name)
            if X is None:
                notes.append(f"{outcome}: moderator {name!r} not analysed ({why})")
                continue
            if len(eff) <= X.shape[1] + 2:
                notes.append(f"{outcome}: moderator {name!r} not analysed (too few effect sizes)")
                continue
            mfit = _fit(eff, proto, kind, mods=X)
            d = mfit.data
            if d.get("estimate") is None:
                continue
            for c in d["coefficients"][1:]:
                out["moderators"].append({"outcome": outcome, "measure": scale,
                                          "moderator": name, "term": c["term"],
                                          "estimate": c["estimate"], "se": c["se"],
                                          "ci_low": c["ci_low"], "ci_high": c["ci_high"],
                                          "p": c["p"], "qm": d.get("qm"), "qm_p": d.get("qm_p"),
                                          "k": d["k"], "model": kind})
        y = np.array([e["yi"] for e in eff])
        v = np.array([e["vi"] for e in eff])
        ss = {"outcome": outcome, "measure": scale, "k": len(eff), "egger_z": None,
              "egger_p": None, "trimfill_k0": None, "trimfill_estimate": None,
              "trimfill_ci_low": None, "trimfill_ci_high": None, "filled": []}
        if len(eff) >= 3:
            rt = regtest(y, v, method=proto["method"])
            try:
                tf = trimfill(y, v, method=proto["method"])
            except (ValueError, RuntimeError) as exc:
                notes.append(f"{outcome}: trim-and-fill not estimable ({exc})")
                tf = {"k0": None, "side": None, "estimate": None, "ci_low": None,
                      "ci_high": None, "filled": []}
            ss.update(egger_z=rt["egger_z"], egger_p=rt["egger_p"],
                      limit_estimate=rt.get("limit_estimate"), trimfill_k0=tf["k0"],
                      trimfill_side=tf["side"], trimfill_estimate=tf["estimate"],
                      trimfill_ci_low=tf["ci_low"], trimfill_ci_high=tf["ci_high"],
                      filled=tf["filled"])
            if multi:
                ss["note"] = ("Egger's test and trim-and-fill treat the effect sizes as "
                              "independent (a random-effects model on all of them)")
        out["small_study"].append(ss)
        if kind == "three_level":
            for s in sorted({e["study"] for e in eff}):
                rest = [e for e in eff if e["study"] != s]
                if len({e["study"] for e in rest}) < 2:
                    continue
                d = _fit(rest, proto, kind).data
                out["leave_one_out"].append({"outcome": outcome, "measure": scale,
                                             "left_out": s, "unit": "study",
                                             **{k: d.get(k) for k in (
                                                 "estimate", "ci_low", "ci_high", "sigma2_study",
                                                 "sigma2_within", "i2")}})
        elif len(eff) >= 3:
            labels = [f"{e['study']} [{e['effect_id']}]" for e in eff]
            for r in leave_one_out(y, v, method=proto["method"], test=proto["test"],
                                   labels=labels):
                out["leave_one_out"].append({"outcome": outcome, "measure": scale,
                                             "unit": "effect", **r})
            for r in influence(y, v, method=proto["method"], labels=labels):
                out["influence"].append({"outcome": outcome, "measure": scale, **r})
        imputed = [e for e in eff if e.get("r_imputed")]
        if imputed:
            for rv in proto["r_sensitivity"]:
                eff_r = _with_r(eff, rv)
                d = _fit(eff_r, proto, kind).data
                out["sensitivity"].append({"outcome": outcome, "measure": scale, "r": rv,
                                           "k_imputed": len(imputed),
                                           **{k: d.get(k) for k in ("estimate", "ci_low",
                                                                    "ci_high")}})
        g = grade_synthesis(row, eff, ss, spec)
        g["measure"] = scale
        out["grade"].append(g)
    out["protocol"] = {k: v for k, v in proto.items() if not k.startswith("_")}
    _add_statements(out)
    out["provenance"] = {"version": __version__, "studies_sha256": src_hash,
                         "protocol_sha256": hashlib.sha256(Path(proto["_path"]).read_bytes())
                         .hexdigest() if proto.get("_path") else None}
    return SynthesisResult(clean_json(out))


synthesise_evidence = synthesise  # the flat-namespace name (impact.synthesise is the cohort
#                                   generator of impact.synth)


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
            parts.append(f"{m['outcome']} ({m['measure']}, {m['model']}): {m['estimate']:.2f} "
                         f"[{m['ci_low']:.2f}, {m['ci_high']:.2f}], PI [{m['pi_low']:.2f}, "
                         f"{m['pi_high']:.2f}], k = {m['k']} in {m['n_studies']} studies; "
                         f"certainty {g['certainty_label'].replace('_', ' ')}")
        return "\n".join(parts)

    def plot(self, outcome=None, lang="en"):
        from ..plots.synthesis import forest_from_synthesis

        return forest_from_synthesis(self.data, outcome or self.data["models"][0]["outcome"],
                                     lang=lang)


