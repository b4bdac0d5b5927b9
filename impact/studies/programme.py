"""The orchestrator: protocol + response data -> one results object.

This is the only module that knows about files, protocols and all statistics together. The
evidence and report layers read its results and never recompute them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .._result import Result, clean_json
from .._version import __version__

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

    def __init__(self, data: dict, scores=None, protocol=None, *, background=None,
                 participant_change=None, arms=None):
        self.data = data
        self.scores = scores
        self.protocol = protocol
        # Internal, pseudonymous, for the disclosure step only (impact.disclosure.programme): baseline rows
        # of the protocol's background columns, the primary outcome's reliable-change category
        # per participant, and the number of people per arm.
        self.background = background
        self.participant_change = participant_change
        self.arms = arms or {}
        self.quotes = self.codings = None   # pseudonymised quotes and their codings, if given
        self.names = ()                     # values of name-like data columns (for quotes)

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
    from ..instruments import get_instrument

    columns = []
    for iid in getattr(protocol, "instrument_objects", None) or protocol.instruments:
        inst = get_instrument(iid)
        columns += inst.outcome_columns
    primary = protocol.primary_outcome
    ordered = ([primary] if primary else []) + [c for c in columns if c != primary]
    return [c for c in ordered if c in scores.columns]


def _flow(frame, scores, protocol, primary):
    """The participant flow ledger (impact.io.flow): every input row accounted for."""
    from ..io.flow import participant_flow

    return participant_flow(frame, protocol, scores, primary)


def _input_notes(problems) -> list[str]:
    """Validation warnings as notes, counted per rule (no row numbers, no ids)."""
    counts: dict[str, int] = {}
    for p in problems.warnings:
        counts[p.rule or "input"] = counts.get(p.rule or "input", 0) + 1
    return [f"input check '{rule}': {n} warning(s); run impact validate for the rows"
            for rule, n in counts.items()]


def analyse(data, protocol, *, seed=None, pseudonym_key=None, referrals=None,
            population=None, quotes=None, codings=None, workers=None) -> Results:
    """Run the whole analysis of a protocol on response data.

    Parameters
    ----------
    data : str, Path, pandas.DataFrame, dict or None
        A response file, a frame (never modified), a mapping ``{wave: file or frame}``, or None
        for the protocol's ``data``; read in the protocol's layout with its column mapping and
        answer labels exactly as the command line does (:func:`impact.io.load_responses`).
    protocol : str, Path, dict or Protocol
        The study protocol (DESIGN.md).
    seed : int, optional
        Seed for any resampling; defaults to the protocol's ``seed`` or 1.
    pseudonym_key : str or bytes, optional
        Key for the participant pseudonyms in ``Results.scores`` (see
        :func:`impact.io.pseudonymise`); default ``IMPACT_PSEUDONYM_KEY`` /
        ``IMPACT_PSEUDONYM_KEY_FILE``, else a random per-run key. Never written anywhere.
    referrals : str or Path, optional
        Referral records (:mod:`impact.studies.referrals`): adds the ``referrals`` key, its funnel
        reconciled with the questionnaire flow (``referrals.questionnaire``).
    population : str or Path, optional
        Residents per neighbourhood and age group: adds ``referrals.reach``.
    quotes, codings : str, Path or DataFrame, optional
        Quotes and codings (DESIGN.md formats): adds ``themes`` (participants per code, and per
        reliable-change category of the primary outcome); the quotes, pseudonymised with the
        run's key, are kept on the results for the disclosure step (never in the JSON).
    workers : int, optional
        Processes for the independent analyses of the outcomes (mixed models, ANCOVAs, site
        pooling, imputation, attrition), this one included: ``workers - 1`` forked worker
        processes take the jobs while this process does its own part and then takes the jobs
        no worker has started; 1 runs them one after another. Default: the ``IMPACT_WORKERS``
        environment variable, else the number of cores (at most 4) for 20,000 scores or more
        when forking is safe (the main process, no other thread) and never under a test
        runner. The results are the same either way.

    Raises
    ------
    InputError
        When validation (:func:`impact.io.validate_responses`) finds an error; every problem is
        listed. Warnings do not stop the analysis.

    Returns
    -------
    Results
        ``to_dict()`` gives the results JSON of DESIGN.md (``outcomes``, ``flow``,
        ``provenance``, ``notes``).
    """
    from ..io import load_responses
    from ..io.pseudonym import key_source, pseudonymise, resolve_key
    from ..instruments import score
    from ..protocol import as_protocol
    from ..stats import adjust_p, prepost

    protocol = as_protocol(protocol)
    frame, problems = load_responses(data, protocol)
    files = {name: sha256_file(name) for name in frame.attrs.get("input_files", [])}
    problems.raise_if_errors()  # analyse refuses whatever validate calls an error
    check_background(frame, protocol)
    key = resolve_key(pseudonym_key)
    if protocol.path:
        files[str(protocol.path)] = sha256_file(protocol.path)
    seed = seed if seed is not None else protocol.get("seed", 1)

    scores = score(frame, protocol.instrument_objects or protocol.instruments,
                   missing_codes=protocol.missing_codes,
                   min_answered=protocol.get("min_answered"))
    outcomes = _outcome_columns(protocol, scores)
    # the models and other per-outcome analyses start now (in worker processes when that
    # pays); this process goes on with the pre/post table, the flow and what follows
    plan = _start_statistics(scores, frame, protocol, outcomes, seed, workers)
    table = prepost(scores, outcomes, baseline=protocol.baseline, followup=protocol.followup,
                    higher_is_better=_directions(protocol, outcomes), missing_wave="note")
    rows = table.rows
    method = protocol.get("p_adjust", "holm")
    for row, p_adj in zip(rows, adjust_p([r["p"] for r in rows], method=method)):
        row["p_adjusted"] = p_adj
        row["primary"] = row["outcome"] == protocol.primary_outcome
    notes = [f"{r['outcome']}: {note}" for r in rows for note in r.pop("notes")]
    notes += _input_notes(problems)
    result = {
        "title": protocol.title,
        "language": protocol.language,
        "design": (protocol.get("design", "prepost") if not isinstance(protocol.get("design"), dict)
                   else "waiting_list"),
        "primary_outcome": protocol.primary_outcome,
        "p_adjust_method": method,
        "outcomes": rows,
        "models": [],
        "pooled": [],
        "flow": _flow(frame, scores, protocol, protocol.primary_outcome),
        "provenance": {"package": "impact", "version": __version__, "files": files,
                       "protocol_sha256": files.get(str(protocol.path)) if protocol.path else None,
                       "seed": seed,
                       "pseudonymisation": {"method": "HMAC-SHA256", "key_source": key_source(key)}},
        "notes": notes,
    }
    finish = _add_statistics(result, plan, protocol)
    # While worker processes (if any) fit the models, this process makes what needs only the
    # scores: the per-participant frames, the aggregates and the pseudonyms.
    background, change, arms = _per_participant(result, scores, frame, protocol)
    aggregates = _aggregates(scores, background, protocol, outcomes)
    memo = {}    # the frames share their participants: each id is hashed once

    def pseudo(f):
        return pseudonymise(f, key, memo=memo) if f is not None else None

    pseudonymous = pseudo(scores), pseudo(background), pseudo(change)
    finish()
    if protocol.get("comparison") or isinstance(protocol.get("design"), dict):  # issue 24
        from .comparison import add_comparison

        add_comparison(result, scores, frame, protocol, outcomes,
                       directions=_directions(protocol, outcomes))
    if referrals is not None:  # issue 16: the flow begins at referral
        from .referrals import analyse_referrals

        ref = analyse_referrals(referrals, protocol, responses=frame, population=population)
        result["referrals"] = ref.to_dict()
        files[str(referrals)] = sha256_file(referrals)
        if population is not None:
            files[str(population)] = sha256_file(population)
    result.update(aggregates)
    q = c = None
    if quotes is not None and codings is not None and str(quotes) != "" and str(codings) != "":
        from ..qual import read_codings, read_quotes
        from .aggregates import theme_counts

        q = read_quotes(quotes) if isinstance(quotes, (str, Path)) else quotes
        c = read_codings(codings, quotes=q) if isinstance(codings, (str, Path)) else codings
        for path in (quotes, codings):
            if isinstance(path, (str, Path)):
                files[str(path)] = sha256_file(path)
        primary = next((o for o in rows if o.get("primary")), None)
        result["themes"] = theme_counts(q, c, change, primary is not None
                                        and primary.get("rci_improved") is not None)
    # Only pseudonyms leave the analysis.
    out = Results(result, scores=pseudonymous[0], protocol=protocol,
                  background=pseudonymous[1], participant_change=pseudonymous[2], arms=arms)
    if q is not None:
        from .aggregates import names_in_data

        out.quotes, out.codings, out.names = pseudo(q), c, names_in_data(frame)
    return out


def _aggregates(scores, background, protocol, outcomes) -> dict:
    """The aggregates the reports may show (:mod:`impact.studies.aggregates`), in the order
    of the results' keys."""
    from .aggregates import (background_summary, baseline_scores, positive_health_means,
                             trajectories)

    return {"baseline_scores": baseline_scores(scores, outcomes, protocol.baseline),
            "trajectory": trajectories(scores, outcomes, protocol.waves),
            "positive_health": positive_health_means(scores, protocol.baseline,
                                                     protocol.followup),
            "background_summary": background_summary(background,
                                                     protocol.get("background") or [])}


def _per_participant(result, scores, frame, protocol):
    """Per-participant frames the disclosure step aggregates: background at baseline, the
    reliable-change category of the primary outcome, and people per arm."""
    from ..stats import reliable_change

    background = None
    cols = [c for c in protocol.get("background") or [] if c in frame.columns]
    first = frame.loc[frame["wave"].astype(str) == str(protocol.baseline)]
    if cols:
        background = first.drop_duplicates("participant_id")[["participant_id", *cols]] \
            .reset_index(drop=True)
    change = None
    row = next((o for o in result["outcomes"] if o.get("primary")), None)
    if row is not None and row.get("rci_reliability") is not None:
        col = row["outcome"]
        waves = scores["wave"].astype(str)
        pre = scores.loc[waves == str(protocol.baseline)].drop_duplicates("participant_id") \
            .set_index("participant_id")
        post = scores.loc[waves == str(protocol.followup)].drop_duplicates("participant_id") \
            .set_index("participant_id")
        ids = pre.index.intersection(post.index)
        inst = _instrument_of(protocol, col)
        rc = reliable_change(pre.loc[ids, col].to_numpy(float), post.loc[ids, col].to_numpy(float),
                             reliability=row["rci_reliability"], sd=row["rci_sd"],
                             higher_is_better=_good_direction(inst, col) if inst else True,
                             ids=list(ids))
        frame_rc = rc.participants
        change = frame_rc.loc[frame_rc["category"].notna(), ["participant_id", "category"]] \
            .reset_index(drop=True)
    group = protocol.get("group_column", "group")
    arms = {}
    if group in frame.columns and frame[group].nunique() == 2:
        arms = {str(k): int(v) for k, v in
                first.drop_duplicates("participant_id")[group].value_counts().items()}
    return background, change, arms


def check_background(frame, protocol) -> list[str]:
    """The protocol's ``background`` columns present in ``frame``; an InputError naming the
    column when one looks like an identifier (by header or by content: e-mail, phone, postcode,
    dates, mostly unique text), since such a column is never described in a report."""
    from ..errors import InputError
    from ..io.identifiers import identifier_like_name, identifier_like_values

    found = []
    for col in protocol.get("background") or []:
        why = identifier_like_name(str(col))
        if why is None and col in frame.columns:
            why = identifier_like_values(frame[col])
        if why:
            raise InputError(f"background column '{col}' looks like {why}; identifiers and dates "
                             f"are never described in a report: remove it from 'background'",
                             file=protocol.path, column=str(col),
                             rule="background is no identifier")
        if col in frame.columns:
            found.append(col)
    return found


def _instrument_of(protocol, column):
    from ..instruments import instrument_of

    return instrument_of(column, protocol.instrument_objects or protocol.instruments)


def _good_direction(inst, column) -> bool:
    return bool(inst.higher_is_better_for(column))  # the instrument decides (ONS4 anxiety)


def _directions(protocol, outcomes) -> dict:
    return {c: _good_direction(inst, c) for c in outcomes
            if (inst := _instrument_of(protocol, c)) is not None}


_WAVE = "wave"


def _model_job(data, c, **kw):
    from ..stats import mixed_model

    mm = mixed_model(data, c, **kw)
    return mm.to_dict(), mm.info, mm.notes


def _ancova_job(data, c, **kw):
    from ..stats import ancova

    return ancova(data, c, **kw).to_dict()


def _pool_job(data, c, **kw):
    from ..stats import pool_sites

    meta = pool_sites(data, c, **kw)
    return meta.to_dict(), meta.studies.to_dict("records")


def _mi_job(data, c, **kw):
    from ..stats import mi_prepost

    return mi_prepost(data, c, **kw).to_dict()


def _attrition_job(data, outcomes, **kw):
    from ..stats import attrition

    return attrition(data, outcomes, **kw).to_dict()


# Parallel jobs: the worker processes are forked from the analysing process and find their
# jobs here (nothing is pickled on the way in; only the results come back).
_JOBS: list = []
_PARALLEL_MIN_ROWS = 20_000   # below this the jobs take less than starting the workers


def _do_job(i):
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return True, _JOBS[i](), [(str(w.message), w.category) for w in caught]
        except Exception:  # noqa: BLE001  (re-run in the parent, which raises it as it is)
            return False, None, []


def _auto_workers(rows) -> int:
    """Processes for the jobs of one analysis, this one included: ``IMPACT_WORKERS`` when set;
    otherwise two or more only on a machine with several cores (one per core, at most 4), for
    data of 20,000 scores or more, in the main process of a program with no other thread, and
    never under a test runner (the tests run the analysis in one process, as a library user
    calling impact.analyse in a notebook does)."""
    import multiprocessing
    import os
    import sys
    import threading

    value = os.environ.get("IMPACT_WORKERS", "").strip()
    if value:
        return max(1, int(value)) if value.isdigit() else 1
    if ("PYTEST_CURRENT_TEST" in os.environ or "pytest" in sys.modules
            or rows < _PARALLEL_MIN_ROWS or threading.active_count() > 1
            or multiprocessing.parent_process() is not None
            or "fork" not in multiprocessing.get_all_start_methods()):
        return 1
    return min(os.cpu_count() or 1, 4)


def _start_jobs(jobs, workers, rows):
    """Start the jobs (callables without arguments); return a function that gives their
    results in order (call it once). With ``workers`` processes (None: :func:`_auto_workers`)
    ``workers - 1`` forked ones take the jobs while the caller goes on with its own work (and
    then takes the jobs not yet started); with one, they run one after another when the
    results are asked for. A job that fails in a worker is run again here, so its error is
    raised as it is."""
    workers = _auto_workers(rows) if workers is None else max(1, int(workers))
    if workers < 2 or len(jobs) < 2:
        return lambda: [job() for job in jobs]    # one after another, when asked for
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _JOBS
    _JOBS = list(jobs)
    try:
        pool = ProcessPoolExecutor(max_workers=min(workers - 1, len(jobs)),
                                   mp_context=multiprocessing.get_context("fork"))
        # the slowest jobs (the models) are listed first, so they start first
        futures = [pool.submit(_do_job, i) for i in range(len(jobs))]
    finally:
        _JOBS = []     # the workers have their copy (forked as the first job is submitted)

    def collect():
        import warnings

        # this process, done with its own work, takes the jobs no worker has started yet,
        # from the last one back (the workers take them from the first one on)
        here = {}
        try:
            for i in range(len(futures) - 1, -1, -1):
                if not futures[i].cancel():
                    break                       # this one and all before it are under way
                try:
                    here[i] = (True, jobs[i](), [])
                except Exception as error:  # noqa: BLE001  (raised below, in the jobs' order)
                    here[i] = (False, error, [])
            answers = [here[i] if i in here else f.result() for i, f in enumerate(futures)]
        finally:
            pool.shutdown()
        out = []
        for i, (job, (ok, value, caught)) in enumerate(zip(jobs, answers)):
            if not ok and i in here:
                raise value
            if not ok:
                value = job()
            for message, category in caught:
                warnings.warn(message, category, stacklevel=2)
            out.append(value)
        return out
    return collect


def _start_statistics(scores, frame, protocol, outcomes, seed, workers=None) -> dict:
    """Start the analyses of the outcomes that need only the scores: mixed models (3+ waves or
    arms), ANCOVA (arms), pooling across sites, multiple-imputation sensitivity and attrition
    (impact.stats), as independent jobs (:func:`_start_jobs`; in worker processes with
    ``workers`` > 1, so the caller goes on meanwhile). Returns the plan that
    :func:`_add_statistics` takes into the results."""
    from functools import partial

    import pandas as pd

    pool = str(protocol.get("pool_method", "REML")).upper()
    if pool not in ("REML", "ML", "DL"):
        from ..errors import InputError

        raise InputError(f"'pool_method' must be REML, ML or DL, got {pool!r}", file=protocol.path,
                         rule="protocol pool_method")
    pool_test = str(protocol.get("pool_test", "adhoc")).lower()
    if pool_test not in ("adhoc", "knha", "z"):
        from ..errors import InputError

        raise InputError(f"'pool_test' must be adhoc, knha or z, got {pool_test!r}", file=protocol.path,
                         rule="protocol pool_test")
    site, group = protocol.get("site_column", "site"), protocol.get("group_column", "group")
    background = [c for c in protocol.get("background", []) if c in frame.columns]
    extra = {c: frame[c] for c in {site, group, *background} if c in frame.columns
             and c not in scores.columns}
    data = scores.assign(**extra)
    # The shared frame of every job: participants indexed once. Their ids become integers in
    # the ids' own sort order, so each job's grouping, sorting, merging and pairing (which
    # depend only on equality and order of the ids) finds the same participants in the same
    # order, without hashing the id texts again in every job; no job reports an id.
    ids = data["participant_id"]
    if ids.dtype.kind not in "iu":
        codes, _ = pd.factorize(ids, sort=True)
        if len(codes) and codes.min() >= 0:          # no missing id (else kept as it is)
            data["participant_id"] = codes
    base, follow = protocol.baseline, protocol.followup
    arms = group in data.columns and data[group].nunique() == 2
    # The analyses of each outcome are independent: they are listed as jobs, run (in parallel
    # worker processes when that pays, see _start_jobs) and their results taken in this order.
    jobs, wave_notes = [], []
    if len(protocol.waves) >= 3 or arms:
        # wave order from the protocol (never a sort of the labels); waves without data are
        # left out of the model with a note, participants nested in sites when sites differ
        seen = set(data[_WAVE].astype(str).unique()) if _WAVE in data.columns else set()
        waves = [w for w in protocol.waves if str(w) in seen]
        lost = [w for w in protocol.waves if str(w) not in seen]
        wave_notes = [f"no observation at wave(s) {', '.join(map(str, lost))}; left out of the "
                      f"mixed models"] if lost and waves else []
        nested = site if site in data.columns and data[site].nunique() >= 2 else None
        jobs += [("model", c, partial(_model_job, data, c, waves=waves, baseline=base,
                                      site_col=nested, group_col=group if arms else None))
                 for c in (outcomes if base in waves else [])]
    if arms:
        jobs += [("ancova", c, partial(_ancova_job, data, c, baseline=base, followup=follow,
                                       group_col=group)) for c in outcomes]
    if site in data.columns:
        jobs += [("pool", c, partial(_pool_job, data, c, baseline=base, followup=follow,
                                     site_col=site, method=pool, test=pool_test))
                 for c in outcomes]
    primary = protocol.primary_outcome or (outcomes[0] if outcomes else None)
    if primary:
        jobs += [("mi", primary, partial(_mi_job, data, primary, baseline=base, followup=follow,
                                         seed=seed)),
                 ("attrition", primary, partial(_attrition_job, data, outcomes, baseline=base,
                                                followup=follow, primary=primary,
                                                background=background))]
    collect = _start_jobs([job for _, _, job in jobs], workers, len(data))
    return {"data": data, "jobs": jobs, "collect": collect, "wave_notes": wave_notes,
            "primary": primary, "background": background}


def _add_statistics(result, plan, protocol):
    """Reliable change per outcome, then the results of the jobs :func:`_start_statistics`
    started (mixed models, ANCOVA, pooling across sites, imputation, attrition; taken in the
    order of the jobs) and subgroups (impact.stats). Returns the function that takes the jobs'
    results into ``result`` (the caller may do other work before calling it)."""
    from ..stats import rci_parameters, reliable_change, subgroup_change

    notes = result["notes"]
    data, jobs, collect = plan["data"], plan["jobs"], plan["collect"]
    primary, background = plan["primary"], plan["background"]
    base, follow = protocol.baseline, protocol.followup
    waves = data["wave"].astype(str)
    pre = data.loc[waves == base].drop_duplicates("participant_id").set_index("participant_id")
    post = data.loc[waves == follow].drop_duplicates("participant_id").set_index("participant_id")
    ids = pre.index.intersection(post.index)
    pre, post = pre.loc[ids], post.loc[ids]     # the pairs, looked up once for every outcome
    for row in result["outcomes"]:
        c, inst = row["outcome"], _instrument_of(protocol, row["outcome"])
        par = rci_parameters(c, instrument=inst, override=protocol.reliable_change.get(c),
                             baseline_sd=row["sd_baseline"])
        cut = getattr(inst, "cutoff", None) if inst is not None and c == inst.score_column else None
        cut = cut if isinstance(cut, dict) and cut.get("column") == c else None
        rc = reliable_change(pre[c], post[c], reliability=par["reliability"],
                             sd=par["sd"], cutoff=cut["value"] if cut else None,
                             case_if=cut["case_if"] if cut else None,
                             higher_is_better=_good_direction(inst, c) if inst else True).values
        row.update(rci_improved=rc["improved"], rci_unchanged=rc["unchanged"],
                   rci_deteriorated=rc["deteriorated"], rci_reliability=par["reliability"],
                   rci_sd=par["sd"], rci_sd_source=par["sd_source"])
        if rc["cutoff"] is not None:
            row.update(rci_recovered=rc["recovered"], rci_cutoff=rc["cutoff"])
        why = par["notes"][-1:] if par["reliability"] is None else par["notes"] + rc["notes"]
        notes += [f"{c}: {n}" for n in why]
    result["model_info"], result["controlled"], result["sites"] = [], [], []
    notes += plan["wave_notes"]

    def finish():
        """Take the jobs' results (waiting for the workers) in the order of the jobs."""
        nonlocal notes
        answers = collect()
        done = {}
        for (kind, c, _), answer in zip(jobs, answers):
            if kind == "model":
                rows, info, model_notes = answer
                result["models"] += rows
                result["model_info"] += [info] if info else []
                notes += model_notes
            elif kind == "ancova":
                an = answer
                notes += an.pop("notes")
                result["controlled"].append(an)
            elif kind == "pool":
                summary, studies = answer
                notes += [f"{c}: {n}" for n in summary.pop("notes")]
                result["pooled"].append(summary)
                result["sites"] += [{"outcome": c, **r} for r in studies]
            else:
                done[kind] = answer
        if primary:
            mi = done["mi"]
            notes += mi.pop("notes")
            result["sensitivity"] = {"multiple_imputation": mi}
            result["attrition"] = done["attrition"]
            result["subgroups"] = []
            for by in background:
                sg = subgroup_change(data, primary, by, baseline=base, followup=follow,
                                     min_cell_size=protocol.min_cell_size)
                notes += sg.notes
                result["subgroups"].append({"outcome": primary, "by": by,
                                            "groups": sg.to_dict(),
                                            **{f"interaction_{k}": v
                                               for k, v in sg.interaction.items()}})

    return finish
