"""Neighbourhood monitor: protocol + survey file -> the ``monitor`` results object.

A repeated cross-sectional survey (other respondents each round, as GGD and municipal monitors):
columns ``respondent_id, round, neighbourhood``, optional ``weight`` (default 1) and item columns
of the protocol's instruments (DESIGN.md, "Neighbourhood monitor"). This orchestrator reads and
checks the file, scores the instruments (:func:`impact.instruments.score`) and calls
:func:`impact.stats.survey.neighbourhood_monitor` (formulas and R equivalents there).

Protocol::

    title: Wijkmonitor Positieve Gezondheid
    rounds: [2019, 2021, 2023, 2025]     # instead of waves
    instruments: [mph]
    reference: Den Haag                  # name of the reference area (all respondents)
    monitor:                             # optional (MONITOR_OPTIONS)
      min_respondents: 50                # GGD rule: neighbourhoods below it are not published
      outcomes: [mph_body, mph_mental]   # default: every outcome of the instruments
      focus: [Moerwijk]                  # neighbourhoods the report features first
      columns: {Wijk: neighbourhood}     # source column -> contract column
      design: {cluster: wijkdeel, strata: gemeente, fpc: N}   # the sample's design (optional)

With ``design`` the estimates use :class:`impact.stats.survey.SurveyDesign` (strata, clusters and
finite population corrections, rounds as further strata); one round gives levels and
differences, no change.
"""

from __future__ import annotations

from ..i18n import messages as _messages

from pathlib import Path

from ..errors import InputError, ProblemList

__all__ = ["analyse_monitor", "read_survey", "MONITOR_OPTIONS"]

MONITOR_OPTIONS = {
    "min_respondents": "whole number: neighbourhoods (per round) with fewer respondents are not "
                       "published (GGD: 50); default the protocol's min_cell_size",
    "outcomes": "list of score columns (default: every outcome of the instruments)",
    "focus": "list of neighbourhoods featured first in the report",
    "columns": "mapping of source column -> contract column",
    "design": "mapping of the sample's design columns: any of cluster (primary sampling unit), "
              "strata, fpc (population size or sampling fraction per stratum), as R "
              "svydesign(ids, strata, fpc); cluster2 and fpc2 for a second stage",
}
DESIGN_KEYS = ("cluster", "strata", "fpc", "cluster2", "fpc2")
REQUIRED = ("respondent_id", "round", "neighbourhood")
# Survey weights (docs/referrals-and-monitor.md): finite, positive, at most MAX_WEIGHT, and the
# largest at most MAX_WEIGHT_RATIO times the smallest. Calibrated weights of a neighbourhood
# survey differ by a factor of tens; 10,000 is far beyond any usable design, and 1e308 would
# overflow every weighted sum into null estimates.
MAX_WEIGHT = 1e9
MAX_WEIGHT_RATIO = 10_000


def monitor_options(protocol) -> dict:
    """The protocol's ``monitor`` mapping, checked (unknown keys are an error)."""
    options = dict(protocol.get("monitor") or {})
    unknown = sorted(set(options) - set(MONITOR_OPTIONS))
    if unknown:
        raise InputError(f"unknown monitor option(s) {', '.join(unknown)}; known: "
                         f"{', '.join(MONITOR_OPTIONS)}", file=protocol.path, column="monitor",
                         rule="protocol monitor options")
    m = options.get("min_respondents", protocol.min_cell_size)
    if not isinstance(m, int) or isinstance(m, bool) or m < 1:
        raise InputError(f"monitor min_respondents must be a whole number >= 1, got {m!r}",
                         file=protocol.path, column="monitor.min_respondents",
                         rule="protocol monitor options")
    options["min_respondents"] = m
    design = options.get("design")
    if design is not None:
        if not isinstance(design, dict) or not design or any(
                k not in DESIGN_KEYS or not isinstance(v, str) for k, v in design.items()):
            raise InputError(f"monitor design must map {', '.join(DESIGN_KEYS)} to column "
                             f"names, got {design!r}", file=protocol.path,
                             column="monitor.design", rule="protocol monitor options")
        if "fpc2" in design and not ("cluster" in design and "fpc" in design):
            raise InputError("monitor design: a second stage (fpc2) needs cluster and fpc",
                             file=protocol.path, column="monitor.design",
                             rule="protocol monitor options")
    return options


def read_survey(path, protocol, columns=None):
    """Read and check a monitor survey file; returns the frame (index = file row)."""
    import numpy as np
    import pandas as pd

    from ..io.referrals import _read_table

    path = Path(path)
    if not path.is_file():
        raise InputError("survey file does not exist", file=path, rule="file must exist")
    if path.stat().st_size == 0:
        raise InputError("the file is empty", file=path, rule="a header row and data rows")
    frame = None if columns else _read_compact_csv(path)
    if frame is None:
        frame = _read_table(path, columns)
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(f"required column(s) {', '.join(missing)} missing; columns are "
                         f"{', '.join(frame.columns[:40])}", file=path, row=1, column=missing[0],
                         rule="monitor files have respondent_id, round, neighbourhood")
    problems = ProblemList()
    rounds = [str(r) for r in protocol.waves]
    rnd = _text(frame["round"])
    bad = rnd.isna() | ~rnd.isin(rounds)
    for row in frame.index[bad.to_numpy()][:50]:
        problems.add(f"round '{frame.at[row, 'round']}' is not one of the protocol's rounds "
                     f"{', '.join(rounds)}", file=path, row=int(row), column="round",
                     rule="rounds are listed in the protocol")
    hood = _text(frame["neighbourhood"])
    for row in frame.index[(hood.isna() | (hood == "")).to_numpy()][:50]:
        problems.add("respondent without a neighbourhood", file=path, row=int(row),
                     column="neighbourhood", rule="every respondent has a neighbourhood")
    rid = frame["respondent_id"]
    for row in frame.index[rid.isna().to_numpy()][:50]:
        problems.add("respondent without a respondent_id", file=path, row=int(row),
                     column="respondent_id", rule="every respondent has an id")
    dup = rid.duplicated() & rid.notna()
    for row in frame.index[dup.to_numpy()][:50]:
        problems.add(f"respondent_id '{rid[row]}' occurs more than once (a repeated "
                     f"cross-section has other respondents each round)", file=path, row=int(row),
                     column="respondent_id", rule="respondent ids are unique")
    if "weight" in frame.columns:
        w = pd.to_numeric(frame["weight"], errors="coerce")
        for row in frame.index[(w.isna() | ~(w > 0)) | ~np.isfinite(w.fillna(0))][:50]:
            problems.add(f"weight '{frame.at[row, 'weight']}' is not a positive number",
                         file=path, row=int(row), column="weight",
                         rule="weights are positive numbers")
        ok = w[(w > 0) & np.isfinite(w)]
        for row in frame.index[(w > MAX_WEIGHT).to_numpy()][:50]:
            problems.add(f"weight {frame.at[row, 'weight']} is larger than {MAX_WEIGHT:g}",
                         file=path, row=int(row), column="weight",
                         rule=f"weights are at most {MAX_WEIGHT:g}")
        if len(ok) and ok.max() / ok.min() > MAX_WEIGHT_RATIO:
            big, small = ok.idxmax(), ok.idxmin()
            problems.add(f"the largest weight ({ok[big]:g}, row {big}) is more than "
                         f"{MAX_WEIGHT_RATIO:,} times the smallest ({ok[small]:g}, row {small}); "
                         f"trim the weights", file=path, row=int(big), column="weight",
                         rule=f"largest / smallest weight at most {MAX_WEIGHT_RATIO:,}")
        frame["weight"] = w
    else:
        frame["weight"] = 1.0
    problems.raise_if_errors()
    frame["round"] = rnd
    frame["neighbourhood"] = hood
    return frame


def _read_compact_csv(path):
    """Fast path for large plain CSV surveys: item columns (``<id>_<k>``) read as float32.

    Returns None (and the generic reader takes over, with its messages) for anything that is not
    a plain numeric CSV: other suffixes, text or missing-value spellings in item cells, ragged
    rows.
    """
    import re

    import pandas as pd

    from ..io.readers import sniff_csv

    if path.suffix.lower() not in (".csv", ".txt"):
        return None
    try:
        dialect = sniff_csv(path)
        header = pd.read_csv(path, sep=dialect["sep"], encoding=dialect["encoding"], nrows=0)
        items = [c for c in header.columns if re.fullmatch(r"[a-z][a-z0-9]*_\d+", str(c))]
        frame = pd.read_csv(path, sep=dialect["sep"], decimal=dialect["decimal"],
                            encoding=dialect["encoding"], engine="c",
                            dtype={c: "float32" for c in items}, keep_default_na=False,
                            na_values=[""], index_col=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    if not len(frame):
        return None
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="row")
    frame.attrs["source_file"] = str(path)
    return frame


def _text(series):
    """Text of a column with surrounding spaces removed (``2019.0`` read as ``2019``), computed
    once per distinct value: fast for millions of rows."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series)
    cleaned = []
    for v in uniques:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        cleaned.append(str(v).strip())
    values = np.asarray(cleaned + [None], dtype=object)[codes]  # code -1 (missing) -> None
    return pd.Series(values, index=series.index, dtype=object)


def analyse_monitor(data, protocol):
    """Run the neighbourhood monitor of a protocol on a survey file (or frame).

    Returns
    -------
    impact.stats.survey.MonitorResult
        ``to_dict()`` is the ``monitor`` results object (``estimates, reference, differences,
        did`` + ``rounds, neighbourhoods, outcomes, reference_area, min_respondents, focus,
        small_neighbourhoods, notes``). Unsuppressed: the report layer publishes it through
        :func:`impact.disclosure.monitor.disclose_monitor`.
    """
    from ..instruments import get_instrument, score
    from ..protocol import Protocol, load_protocol, protocol_from_dict
    from ..stats.survey import neighbourhood_monitor

    if isinstance(protocol, (str, Path)):
        protocol = load_protocol(protocol)
    elif isinstance(protocol, dict):
        protocol = protocol_from_dict(protocol)
    assert isinstance(protocol, Protocol)
    options = monitor_options(protocol)
    if isinstance(data, (str, Path)):
        frame = read_survey(data, protocol, columns=options.get("columns") or protocol.columns)
    else:
        frame = data.copy()
        frame["round"] = frame["round"].astype(str)
        if "weight" not in frame.columns:
            frame["weight"] = 1.0
    # scoring reads participant_id / wave: a rename (copy-on-write: no copy of the item cells)
    frame = frame.rename(columns={"respondent_id": "participant_id", "round": "wave"})
    scores = score(frame, protocol.instrument_objects or protocol.instruments,
                   missing_codes=protocol.missing_codes, min_answered=protocol.get("min_answered"),
                   keep=())
    frame = frame.rename(columns={"participant_id": "respondent_id", "wave": "round"})
    outcomes = []
    for iid in protocol.instrument_objects or protocol.instruments:
        outcomes += [c for c in get_instrument(iid).outcome_columns if c in scores.columns]
    wanted = options.get("outcomes")
    if wanted:
        unknown = [o for o in wanted if o not in outcomes]
        if unknown:
            raise InputError(f"monitor outcomes {', '.join(unknown)} are not produced by the "
                             f"instruments ({', '.join(outcomes)})", file=protocol.path,
                             column="monitor.outcomes", rule="outcomes are score columns")
        outcomes = list(wanted)
    design = options.get("design") or None
    design_cols = _design_columns(frame, design, protocol) if design else []
    data_frame = frame[["round", "neighbourhood", "weight", *design_cols]].reset_index(drop=True)
    for c in outcomes:
        data_frame[c] = scores[c].to_numpy(dtype=float)
    try:
        result = neighbourhood_monitor(data_frame, outcomes,
                                       rounds=[str(r) for r in protocol.waves], design=design)
    except ValueError as exc:      # the design's own rules (fpc per stratum, ...)
        raise InputError(f"monitor design: {exc}", file=frame.attrs.get("source_file"),
                         column="monitor.design", rule="survey design") from None
    if len(protocol.waves) == 1:
        result.notes.append("one round: levels and differences from the reference area, no "
                            "change over time")
    m = options["min_respondents"]
    small = (result.estimates.loc[result.estimates["n"] < m, ["neighbourhood", "round"]]
             .drop_duplicates().astype(str).to_dict("records"))
    if small:
        names = sorted({s["neighbourhood"] for s in small})
        result.notes.append(f"fewer than {m} respondents in {len(small)} neighbourhood-round(s) "
                            f"({', '.join(names)}): not published")
    result.info.update({"title": protocol.title, "reference_area": protocol.get("reference")
                        or _messages(protocol.language)["mon_reference_default"],
                        "min_respondents": m, "focus": list(options.get("focus") or []),
                        "small_neighbourhoods": small, "language": protocol.language})
    return result


def _design_columns(frame, design, protocol):
    """The design's columns, checked: present, no missing values, fpc positive numbers."""
    import pandas as pd

    source = frame.attrs.get("source_file")
    cols = []
    for key, column in design.items():
        if column not in frame.columns:
            raise InputError(f"monitor design {key} column '{column}' is not in the survey file; "
                             f"columns are {', '.join(map(str, frame.columns[:40]))}",
                             file=source, column=column, rule="survey design columns exist")
        values = frame[column]
        bad = values.isna()
        if key.startswith("fpc"):
            values = pd.to_numeric(values, errors="coerce")
            bad = values.isna() | ~(values > 0)
            frame[column] = values
        if bad.any():
            row = frame.index[bad.to_numpy()][0]
            raise InputError(f"design column '{column}' ({key}) is empty or invalid "
                             f"('{frame.at[row, column]}')", file=source, row=int(row),
                             column=column, rule="survey design columns are complete")
        if column not in cols:
            cols.append(column)
    return cols
