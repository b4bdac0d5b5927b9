"""Comparison groups: the programme's participants against people who did not take part.

Floor 4 (studies): reads the protocol's ``comparison:`` (the pool through the io readers, paths
relative to the protocol's folder), scores it with the same instruments and calls
:mod:`impact.stats.matching`; returns numbers and message keys with parameters (results keys
``comparison`` and ``comparison_balance``, DESIGN.md "Comparison groups"), never rendered text.
The waiting-list design (``design: {waiting_list: ...}``) goes through
:func:`impact.stats.waitlist.waiting_list_model` (results key ``waiting_list``).

Protocol::

    comparison:
      pool: pool.csv            # response layout: participant_id, wave, items, covariates
      covariates: [age, gender, neighbourhood]
      method: matching          # matching | weighting
      ratio: 1                  # matching: comparison persons per participant
      caliper: 0.2              # matching: in SDs of the logit propensity score (null: none)
      replace: false
      trim: 0.99                # weighting: truncate comparison weights at this quantile
      outcome_model: change     # change | ancova | doubly_robust
      balance_threshold: 0.1    # largest |SMD| after matching or weighting

Estimand: the effect among the programme's participants (ATT) who could be matched. The
propensity model uses the covariates and the baseline score of every outcome the pool has
(complete cases on these; a note counts those set aside). The estimate per outcome uses the
participants and comparison persons with both measurements.

``balanced`` is false when any covariate's |SMD| after matching or weighting exceeds the
threshold; the estimate then stays in the (internal) results, the disclosure step publishes no
estimate and the report gives the reason (``comparison_refused_balance``).
"""

from __future__ import annotations

import hashlib
import math

import numpy as np

from ..errors import InputError

__all__ = ["analyse_comparison", "analyse_waiting_list", "add_comparison", "COMPARISON_OPTIONS",
           "comparison_options"]

COMPARISON_OPTIONS = {
    "pool": "file in the response layout, relative to the protocol's folder",
    "covariates": "list of columns in both files (baseline row)",
    "method": "matching | weighting",
    "ratio": "whole number >= 1 (matching)",
    "caliper": "number > 0 in SDs of the logit propensity score, or null (matching)",
    "replace": "true | false (matching)",
    "trim": "quantile between 0.5 and 1 at which comparison weights are truncated (weighting)",
    "outcome_model": "change | ancova | doubly_robust",
    "balance_threshold": "number > 0: the largest |standardised mean difference| allowed",
}
_DEFAULTS = {"method": "matching", "ratio": 1, "caliper": 0.2, "replace": False, "trim": None,
             "outcome_model": "change", "balance_threshold": 0.1, "covariates": []}


def comparison_options(protocol) -> dict:
    """The protocol's ``comparison`` mapping with defaults, checked (errors name the key)."""
    given = protocol.get("comparison")
    src = protocol.path

    def bad(key, why):
        raise InputError(f"comparison {key}: {why}", file=src, column=f"comparison.{key}",
                         rule="protocol comparison options")

    if not isinstance(given, dict):
        bad("", f"must be a mapping of {', '.join(COMPARISON_OPTIONS)}")
    unknown = sorted(set(given) - set(COMPARISON_OPTIONS))
    if unknown:
        bad(unknown[0], f"unknown option; known: {', '.join(COMPARISON_OPTIONS)}")
    opts = {**_DEFAULTS, **{k: v for k, v in given.items() if v is not None or k == "caliper"}}
    if not isinstance(opts.get("pool"), str) or not opts["pool"].strip():
        bad("pool", "name the pool file (relative to the protocol's folder)")
    if not isinstance(opts["covariates"], list) or not all(
            isinstance(c, str) for c in opts["covariates"]):
        bad("covariates", "must be a list of column names")
    if opts["method"] not in ("matching", "weighting"):
        bad("method", f"must be matching or weighting, got {opts['method']!r}")
    if opts["outcome_model"] not in ("change", "ancova", "doubly_robust"):
        bad("outcome_model", f"must be change, ancova or doubly_robust, got "
                             f"{opts['outcome_model']!r}")
    r = opts["ratio"]
    if not isinstance(r, int) or isinstance(r, bool) or r < 1:
        bad("ratio", f"must be a whole number >= 1, got {r!r}")
    c = opts["caliper"]
    if c is not None and (isinstance(c, bool) or not isinstance(c, (int, float)) or c <= 0):
        bad("caliper", f"must be a number > 0 or null, got {c!r}")
    if not isinstance(opts["replace"], bool):
        bad("replace", f"must be true or false, got {opts['replace']!r}")
    t = opts["trim"]
    if t is not None and (isinstance(t, bool) or not isinstance(t, (int, float))
                          or not 0.5 < t < 1):
        bad("trim", f"must be a quantile between 0.5 and 1, got {t!r}")
    b = opts["balance_threshold"]
    if isinstance(b, bool) or not isinstance(b, (int, float)) or b <= 0:
        bad("balance_threshold", f"must be a number > 0, got {b!r}")
    return opts


def _baseline_rows(frame, scores, protocol, outcomes, covariates):
    """One row per person: covariates (baseline row), baseline and follow-up of each outcome."""
    base, follow = str(protocol.baseline), str(protocol.followup)
    w = scores["wave"].astype(str)
    pre = scores.loc[w == base, ["participant_id", *outcomes]].drop_duplicates("participant_id")
    post = scores.loc[w == follow, ["participant_id", *outcomes]].drop_duplicates(
        "participant_id")
    fw = frame["wave"].astype(str)
    cov = frame.loc[fw == base, ["participant_id", *covariates]].drop_duplicates(
        "participant_id")
    d = cov.merge(pre, on="participant_id", how="outer").merge(
        post, on="participant_id", how="left", suffixes=("_pre", "_post"))
    if len(outcomes) and f"{outcomes[0]}_pre" not in d.columns:   # pandas keeps names if unique
        d = d.rename(columns={o: f"{o}_pre" for o in outcomes})
    return d


def _read_pool(protocol, opts):
    from ..instruments import score
    from ..io import load_responses
    from ..protocol import guarded_path, protocol_folder

    path = guarded_path(protocol_folder(protocol), opts["pool"], "comparison pool",
                        source=protocol.path)
    pool, problems = load_responses(path, protocol)
    problems.raise_if_errors()
    missing = [c for c in opts["covariates"] if c not in pool.columns]
    if missing:
        raise InputError(f"covariate column(s) {', '.join(missing)} missing in the comparison "
                         f"pool", file=path, row=1, column=missing[0],
                         rule="the pool has the protocol's comparison covariates")
    pool_scores = score(pool, protocol.instrument_objects or protocol.instruments,
                        missing_codes=protocol.missing_codes,
                        min_answered=protocol.get("min_answered"))
    return path, pool, pool_scores


def analyse_comparison(scores, frame, protocol, outcomes, *, level: float = 0.95,
                       pool=None) -> dict:
    """The programme's participants against the comparison pool, per outcome.

    Parameters
    ----------
    scores, frame : pandas.DataFrame
        The programme's scores and responses (long), as :func:`impact.studies.programme.analyse`
        has them.
    protocol : impact.protocol.Protocol
        With a ``comparison`` mapping (:data:`COMPARISON_OPTIONS`).
    outcomes : list of str
    pool : tuple, optional
        ``(pool_frame, pool_scores)`` already read (tests, benchmarks); default: read the
        protocol's pool file.

    Returns
    -------
    dict
        ``comparison`` (list per outcome: ``outcome, method, estimand, outcome_model, estimate,
        se, ci_low, ci_high, p, df, n_programme, n_comparison, naive_estimate, naive_ci_low,
        naive_ci_high, unadjusted_estimate, evalue, evalue_ci, balanced, notes``),
        ``comparison_balance`` (list per covariate: ``covariate, smd_before, smd_after,
        variance_ratio_before, variance_ratio_after, mean_programme, mean_comparison_before,
        mean_comparison_after, binary, variable, level`` (a categorical covariate has one row
        per level: ``variable`` the column, ``level`` the category)) and ``comparison_info`` (``method, ratio, caliper, replace,
        trim, outcome_model, balance_threshold, n_programme_eligible, n_pool, n_pool_used,
        share_pool_used, n_programme_unmatched, max_abs_smd, balanced, pool_file, notes``).
        Notes are ``{"key": message key, **parameters}``.

    Notes
    -----
    Formulas and the R equivalents: :mod:`impact.stats.matching`. Weighting: the estimate and its
    SE come from :func:`impact.stats.matching.ipw_att_effect` (stacked M-estimation with the
    propensity model, refitted among those with both measurements of the outcome: the same
    model when nobody misses the follow-up); ``se_design`` is the SE that treats the weights
    as known (``svyglm``). Matching: the SE of :func:`impact.stats.matching.effect` with
    Abadie and Imbens's (2016) adjustment for the estimated propensity score, computed on the
    propensity model's whole sample (:func:`impact.stats.matching.att_ps_adjustment`);
    ``se_ps_known`` is the SE that treats the score as known. The naive estimate is the
    programme's own mean before-and-after change (paired t interval): what a study without a
    comparison group reports. The unadjusted estimate is the same outcome model against the
    whole pool without matching or weights. The E-value standardises the estimate by the SD of
    the outcome's baseline score in the programme and pool together (before matching).
    """
    from scipy import stats

    from ..stats import matching as mt

    opts = comparison_options(protocol)
    notes: list[dict] = []
    pool_sha = None
    if pool is None:
        pool_path, pool_frame, pool_scores = _read_pool(protocol, opts)
        pool_file = pool_path.name
        pool_sha = hashlib.sha256(pool_path.read_bytes()).hexdigest()
    else:
        pool_frame, pool_scores = pool
        pool_file = None
    covs = list(opts["covariates"])
    missing = [c for c in covs if c not in frame.columns]
    if missing:
        raise InputError(f"covariate column(s) {', '.join(missing)} missing in the response "
                         f"data", file=protocol.path, column=f"comparison.covariates",
                         rule="the response data have the protocol's comparison covariates")
    prog = _baseline_rows(frame, scores, protocol, outcomes, covs)
    poolw = _baseline_rows(pool_frame, pool_scores, protocol, outcomes, covs)
    prog["_treat"], poolw["_treat"] = 1, 0
    import pandas as pd

    both = pd.concat([prog, poolw], ignore_index=True)
    base_covs = [f"{o}_pre" for o in outcomes if poolw[f"{o}_pre"].notna().any()]
    ps_cols = covs + base_covs
    complete = both[ps_cols].notna().all(axis=1).to_numpy()
    dropped_t = int(((both["_treat"] == 1) & ~complete).sum())
    dropped_c = int(((both["_treat"] == 0) & ~complete).sum())
    if dropped_t or dropped_c:
        notes.append({"key": "comparison_note_incomplete", "n_programme": dropped_t,
                      "n_pool": dropped_c})
    d = both.loc[complete].reset_index(drop=True)
    t = d["_treat"].to_numpy()
    info = {"method": opts["method"], "ratio": opts["ratio"], "caliper": opts["caliper"],
            "replace": opts["replace"], "trim": opts["trim"],
            "outcome_model": opts["outcome_model"],
            "balance_threshold": float(opts["balance_threshold"]),
            "covariates": covs, "baseline_covariates": base_covs,
            "n_programme_eligible": int(t.sum()), "n_pool": int((t == 0).sum()),
            "pool_file": pool_file, "pool_sha256": pool_sha, "estimand": "ATT",
            "notes": notes}
    out = {"comparison": [], "comparison_balance": [], "comparison_info": info}
    if t.sum() < 2 or (t == 0).sum() < 2:
        notes.append({"key": "comparison_note_too_few", "n_programme": int(t.sum()),
                      "n_pool": int((t == 0).sum())})
        info.update(balanced=False, max_abs_smd=None, n_pool_used=0, share_pool_used=0.0)
        return out
    X, names, levels = mt.design_matrix(d, ps_cols)
    pm = mt.propensity_score(X, t, names=names)
    if not pm["converged"]:
        notes.append({"key": "comparison_note_ps_not_converged"})
    if opts["method"] == "matching":
        m = mt.nearest_neighbour(pm["distance"], t, ratio=opts["ratio"],
                                 replace=opts["replace"], caliper=opts["caliper"])
        weights = m["weights"]
        rows, cluster, row_w = mt.matched_rows(m)
        info.update(n_programme_unmatched=m["n_treated_unmatched"],
                    n_pool_used=m["n_control_matched"],
                    caliper_width_logit=m["caliper_width"])
        if m["n_treated_unmatched"]:
            notes.append({"key": "comparison_note_unmatched",
                          "n": m["n_treated_unmatched"], "caliper": opts["caliper"]})
    else:
        weights = mt.ipw_att(pm["ps"], t, trim=opts["trim"])
        rows, cluster, row_w = np.arange(len(d)), None, weights
        wc = weights[t == 0]
        ess = float(wc.sum() ** 2 / np.sum(wc ** 2))
        info.update(n_programme_unmatched=0, n_pool_used=int((wc > 0).sum()),
                    effective_pool_size=ess)
    info["share_pool_used"] = info["n_pool_used"] / info["n_pool"]
    Xb, nb, _ = mt.design_matrix(d, ps_cols, levels=levels, all_levels=True)
    balance = mt.balance_table(Xb[:, 1:], nb[1:], t, weights)
    smd = [abs(b["smd_after"]) for b in balance if b["smd_after"] is not None
           and math.isfinite(b["smd_after"])]
    max_smd = max(smd) if smd else None
    balanced = max_smd is not None and max_smd <= opts["balance_threshold"]
    worst = max(balance, key=lambda b: abs(b["smd_after"]) if b["smd_after"] is not None
                and math.isfinite(b["smd_after"]) else -1)
    info.update(max_abs_smd=max_smd, balanced=bool(balanced))
    if not balanced:
        notes.append({"key": "comparison_refused_balance", "covariate": worst["covariate"],
                      "smd": worst["smd_after"], "threshold": float(opts["balance_threshold"])})
    parts = {}
    for c in ps_cols:     # a dummy's name is column + level (R's model.matrix): keep both
        for lev in levels.get(c, [None]):
            parts[c if lev is None else f"{c}{lev}"] = (c, lev)
    out["comparison_balance"] = [{**{k: b[k] for k in (
        "covariate", "smd_before", "smd_after", "variance_ratio_before", "variance_ratio_after",
        "mean_programme", "mean_comparison_before", "mean_comparison_after", "binary")},
        "variable": parts.get(b["covariate"], (b["covariate"], None))[0],
        "level": parts.get(b["covariate"], (b["covariate"], None))[1]} for b in balance]
    dm = d.iloc[rows].reset_index(drop=True)
    Xcov = X[rows][:, 1:1 + (X.shape[1] - 1 - len(base_covs))]
    for o in outcomes:
        pre, post = dm[f"{o}_pre"].to_numpy(float), dm[f"{o}_post"].to_numpy(float)
        ok = ~np.isnan(pre) & ~np.isnan(post)
        tt = dm["_treat"].to_numpy()[ok]
        row = {"outcome": o, "method": opts["method"], "estimand": "ATT",
               "outcome_model": opts["outcome_model"], "estimate": None, "se": None,
               "ci_low": None, "ci_high": None, "p": None, "df": None,
               "n_programme": int(tt.sum()), "n_comparison": int((tt == 0).sum()),
               "naive_estimate": None, "naive_ci_low": None, "naive_ci_high": None,
               "unadjusted_estimate": None, "evalue": None, "evalue_ci": None,
               "balanced": bool(balanced), "notes": []}
        # naive: the programme's own before-and-after change (all participants with both)
        dp = d.loc[d["_treat"] == 1, [f"{o}_pre", f"{o}_post"]].dropna()
        ch = (dp[f"{o}_post"] - dp[f"{o}_pre"]).to_numpy(float)
        if len(ch) >= 2:
            mch, sch = float(ch.mean()), float(ch.std(ddof=1) / math.sqrt(len(ch)))
            qt = float(stats.t.ppf(1 - (1 - level) / 2, len(ch) - 1))
            row.update(naive_estimate=mch, naive_ci_low=mch - qt * sch,
                       naive_ci_high=mch + qt * sch)
        if tt.sum() < 2 or (tt == 0).sum() < 2:
            row["notes"].append({"key": "comparison_note_too_few",
                                 "n_programme": int(tt.sum()), "n_pool": int((tt == 0).sum())})
            out["comparison"].append(row)
            continue
        model = opts["outcome_model"]
        y = post[ok] - pre[ok] if model == "change" else post[ok]
        Xo = None
        if model == "ancova":
            Xo = pre[ok][:, None]
        elif model == "doubly_robust":
            Xo = np.column_stack([pre[ok], Xcov[ok]]) if Xcov.shape[1] else pre[ok][:, None]
        if opts["method"] == "weighting":    # SE with the propensity model's uncertainty
            est = mt.ipw_att_effect(y, tt, X[rows][ok], X=Xo, trim=opts["trim"], level=level)
            row["se_design"] = est["se_design"]
        else:     # matching: the SE with Abadie and Imbens's (2016) estimated-score term
            pre_all = d[f"{o}_pre"].to_numpy(float)
            post_all = d[f"{o}_post"].to_numpy(float)
            X_all = None
            if model == "ancova":
                X_all = pre_all[:, None]
            elif model == "doubly_robust":
                Xcov_all = X[:, 1:1 + (X.shape[1] - 1 - len(base_covs))]
                X_all = (np.column_stack([pre_all, Xcov_all]) if Xcov_all.shape[1]
                         else pre_all[:, None])
            sample = {"y": post_all - pre_all if model == "change" else post_all, "X": X_all,
                      "X_ps": X, "treat": t, "distance": pm["distance"]}
            est = mt.effect(y, tt, row_w[ok], X=Xo,
                            cluster=cluster[ok] if cluster is not None else None,
                            distance=pm["distance"][rows][ok], level=level, ps_sample=sample)
            row["se_ps_known"] = est["se_ps_known"]
        row.update({k: est[k] for k in ("estimate", "se", "ci_low", "ci_high", "p", "df")})
        # unadjusted: everybody with both measurements, no matching or weights
        dd = d[[f"{o}_pre", f"{o}_post", "_treat"]].dropna()
        ya = (dd[f"{o}_post"] - dd[f"{o}_pre"]) if model == "change" else dd[f"{o}_post"]
        Xa = None if model == "change" else dd[[f"{o}_pre"]].to_numpy(float)
        if dd["_treat"].sum() >= 2 and (dd["_treat"] == 0).sum() >= 2:
            ua = mt.effect(ya.to_numpy(float), dd["_treat"].to_numpy(), np.ones(len(dd)), X=Xa)
            row["unadjusted_estimate"] = ua["estimate"]
        sd = float(np.nanstd(d[f"{o}_pre"].to_numpy(float), ddof=1))
        ev = mt.evalue_md(row["estimate"], sd, row["ci_low"], row["ci_high"])
        row.update(evalue=ev["evalue"], evalue_ci=ev["evalue_ci"], evalue_sd=sd)
        out["comparison"].append(row)
    return out


def analyse_waiting_list(scores, frame, protocol, outcomes, *, level: float = 0.95) -> dict:
    """The waiting-list model per outcome (``design: {waiting_list: {wave_signup, wave_start,
    time}}``; the end is the protocol's follow-up wave).

    Returns
    -------
    dict
        ``waiting_list`` (list per outcome: the fields of
        :class:`impact.stats.waitlist.WaitingListResult` with notes as message keys) and
        ``waiting_list_info`` (``signup, start, end, time, n_groups``).
    """
    from ..stats.waitlist import waiting_list_model

    spec = (protocol.get("design") or {}).get("waiting_list") or {}
    signup, start = spec.get("wave_signup"), spec.get("wave_start")
    waves = [str(w) for w in protocol.waves]
    for key, wave in (("wave_signup", signup), ("wave_start", start)):
        if str(wave) not in waves:
            raise InputError(f"design waiting_list {key} '{wave}' is not one of the waves "
                             f"{waves}", file=protocol.path, column=f"design.waiting_list.{key}",
                             rule="protocol waves")
    group = protocol.get("group_column", "group")
    if group not in frame.columns:
        raise InputError(f"a waiting-list design needs the group column '{group}' in the "
                         f"response data", file=protocol.path, column=group,
                         rule="waiting-list groups")
    time = spec.get("time")
    if time is not None and time not in frame.columns:
        raise InputError(f"design waiting_list time column '{time}' is not in the response "
                         f"data", file=protocol.path, column=time, rule="waiting-list time")
    weeks = {str(w.get("id")): w.get("weeks") for w in (protocol.get("waves") or [])
             if isinstance(w, dict) and w.get("weeks") is not None}
    keep = [c for c in {group, time} if c is not None and c not in scores.columns]
    data = scores.merge(frame[["participant_id", "wave", *keep]].drop_duplicates(
        ["participant_id", "wave"]), on=["participant_id", "wave"], how="left") \
        if keep else scores
    rows = []
    for o in outcomes:
        r = waiting_list_model(data, o, signup=str(signup), start=str(start),
                               end=str(protocol.followup), time=time,
                               weeks=weeks if len(weeks) >= 3 else None, group_col=group,
                               level=level).data
        r = dict(r)
        r["notes"] = r.pop("note_keys")       # message keys, not text
        rows.append(r)
    return {"waiting_list": rows,
            "waiting_list_info": {"signup": str(signup), "start": str(start),
                                  "end": str(protocol.followup), "time": time or (
                                      "weeks" if len(weeks) >= 3 else "wave order"),
                                  "design": "waiting_list"}}


def add_comparison(result, scores, frame, protocol, outcomes, *, directions=None) -> None:
    """Add the comparison (``comparison:``) and waiting-list (``design: {waiting_list}``)
    results to an analysis's results mapping, and the pool file to its provenance: the one
    call :func:`impact.studies.programme.analyse` makes. ``directions`` (``{outcome: higher is
    better}``) is copied into each row as ``higher_is_better`` for the report's wording."""
    directions = directions or {}
    if protocol.get("comparison"):
        found = analyse_comparison(scores, frame, protocol, outcomes)
        for row in found["comparison"]:
            row["higher_is_better"] = directions.get(row["outcome"])
        result.update(found)
        info = found["comparison_info"]
        if info.get("pool_sha256"):
            result["provenance"]["files"][info["pool_file"]] = info["pool_sha256"]
    if isinstance(protocol.get("design"), dict):
        found = analyse_waiting_list(scores, frame, protocol, outcomes)
        for row in found["waiting_list"]:
            row["higher_is_better"] = directions.get(row["outcome"])
        result.update(found)
