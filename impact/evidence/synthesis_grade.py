"""GRADE certainty across studies (a body of evidence), for the evidence synthesis.

Reads one outcome's pooled model, its effect sizes and its small-study tests (the plain dicts of
:func:`impact.studies.synthesis.synthesise`) and the outcome's protocol entry; recomputes no statistic.
Each domain gives a rating (``no``, ``serious``, ``very_serious``, or ``not_assessable``), the
levels it takes off, a message key with its parameters (for the Dutch and English report) and the
reason in English.

Rules
-----
Bodies of evidence (GRADE guidance 24, Cuello-Garcia et al. 2022, J Clin Epidemiol 142:200)
    Randomised and non-randomised studies are rated apart: one grade per outcome, design and
    estimand (the synthesis pools them apart).
Start (GRADE; Schunemann et al. 2019, J Clin Epidemiol 111:105)
    High (4) for a randomised body (``design = rct``), Low (2) for non-randomised controlled
    and uncontrolled before-after bodies. With protocol ``nonrandomised_rob_tool`` (a tool
    made for non-randomised studies, e.g. ROBINS-I) non-randomised bodies start High, and the
    grade says so (``start_reason``); risk of bias then carries the design's limitations.
Risk of bias (``risk_of_bias`` per effect size: low, some, high)
    weights ``1 / v_i`` (the fixed-effect shares). -2 when at least half of the weight is at high
    risk; -1 when at least a quarter is at high risk or at least half is at some or high risk;
    effect sizes without a rating count as high risk (said so in the reason).
Inconsistency (prediction interval and I^2)
    -2 when I^2 >= 75% and the prediction interval holds both benefit and harm (crosses 0);
    -1 when I^2 >= 50% or when the prediction interval crosses 0 while the CI does not;
    not assessable with fewer than three studies.
Indirectness
    from the protocol (``outcomes.<id>.indirectness``: ``none``, ``serious`` or ``very_serious``,
    or ``{level: ..., reason: ...}``); absent: no downgrade, and the reason says it was not
    assessed.
Imprecision (GRADE 6, Guyatt et al. 2011, J Clin Epidemiol 64:1283; Zeng et al. 2022,
    J Clin Epidemiol 150:216)
    the optimal information size is the total n two equal groups need for 80% power at alpha .05
    to detect the minimal important difference (MID, standardised, protocol ``mid``, default 0.2);
    the CI is "wide" when it crosses 0 or the MID threshold on the side of the estimate. One of
    (n below OIS, wide CI): -1; both, or a CI from below -MID to above +MID: -2.
Publication bias (small-study tests, judged together and each shown)
    with at least 10 effect sizes, -1 when any of: the trim-and-fill estimate moves more than
    the standard error of the unadjusted random-effects estimate (whatever Egger's p); Egger's
    test has p < 0.10 and trim-and-fill imputes at least one study; Egger's test has p < 0.10
    and the limit estimate (a study of infinite size) lies more than that SE closer to zero
    than the unadjusted estimate. Fewer than 10: not assessable (tests lack power; Sterne et al.
    2011, BMJ 343:d4002), no downgrade.
"""

from __future__ import annotations

from .._result import DictResult
from .grade import CERTAINTY_LEVELS, optimal_information_size

__all__ = ["grade_synthesis", "SynthesisGrade", "plain_statement"]

DEFAULT_MID = 0.2


def _weights(effects):
    w = [1 / e["vi"] if e.get("vi") and e["vi"] > 0 else 0.0 for e in effects]
    total = sum(w) or 1.0
    return [x / total for x in w]


def _domain(name, rating, down, key, params, reason):
    return {"domain": name, "rating": rating, "downgrade": down, "key": key,
            "params": params, "reason": reason}


def _crosses(lo, hi, value):
    return lo is not None and hi is not None and lo < value < hi


def grade_synthesis(model: dict, effects: list[dict], small_study: dict | None = None,
                    spec: dict | None = None, *, rob_tool: str | None = None) -> dict:
    """GRADE certainty of one outcome across studies (rules in the module docstring).

    Parameters
    ----------
    model : dict
        The outcome's entry of ``models`` (``estimate, ci_low, ci_high, pi_low, pi_high, i2,
        n_studies, k``).
    effects : list of dict
        The outcome's entries of ``effects`` (``study, vi, design, risk_of_bias, n_total``).
    small_study : dict, optional
        The outcome's entry of ``small_study`` (``egger_p, trimfill_k0``).
    spec : dict, optional
        The outcome's protocol entry (``mid, indirectness, good_direction``).
    rob_tool : str, optional
        The risk-of-bias tool made for non-randomised studies (protocol
        ``nonrandomised_rob_tool``): non-randomised bodies start High.

    Returns
    -------
    dict ``outcome, start, start_label, certainty, certainty_label, downgrades (total),
    domains`` (list of ``domain, rating, downgrade, key, params, reason``), ``estimate, ci_low,
    ci_high, mid, ois, n_total, n_studies, k, designs, statement_key, statement_params``.
    """
    spec = spec or {}
    small_study = small_study or {}
    est, lo, hi = model.get("estimate"), model.get("ci_low"), model.get("ci_high")
    studies = sorted({e["study"] for e in effects})
    designs = {}
    for e in effects:
        designs.setdefault(e["study"], e.get("design") or "unknown")
    n_rct = sum(1 for d in designs.values() if d == "rct")
    randomised = bool(studies) and n_rct == len(studies)
    if randomised:
        start, start_reason = 4, "randomised"
    elif rob_tool:
        start, start_reason = 4, "rob_tool"
    else:
        start, start_reason = 2, "non_randomised"
    domains = []
    # risk of bias
    w = _weights(effects)
    share = {"low": 0.0, "some": 0.0, "high": 0.0}
    unrated = 0
    for e, wi in zip(effects, w):
        r = e.get("risk_of_bias")
        if r not in share:
            unrated += 1
            r = "high"
        share[r] += wi
    if share["high"] >= 0.5:
        down, rating = 2, "very_serious"
    elif share["high"] >= 0.25 or share["high"] + share["some"] >= 0.5:
        down, rating = 1, "serious"
    else:
        down, rating = 0, "no"
    params = {"high": round(100 * share["high"]), "some": round(100 * share["some"]),
              "unrated": unrated}
    domains.append(_domain("risk_of_bias", rating, down, f"syn_rob_{rating}", params,
                           f"{params['high']}% of the weight from effect sizes at high risk of "
                           f"bias, {params['some']}% at some risk"
                           + (f" ({unrated} without a rating, counted as high)" if unrated else "")))
    # inconsistency
    i2, pl, ph = model.get("i2"), model.get("pi_low"), model.get("pi_high")
    n_st = model.get("n_studies") or len(studies)
    if n_st < 3 or i2 is None:
        domains.append(_domain("inconsistency", "not_assessable", 0, "syn_inc_na",
                               {"studies": n_st}, f"only {n_st} studies: not assessable"))
    else:
        pi_cross = _crosses(pl, ph, 0.0)
        ci_cross = _crosses(lo, hi, 0.0)
        if i2 >= 75 and pi_cross:
            down, rating = 2, "very_serious"
        elif i2 >= 50 or (pi_cross and not ci_cross):
            down, rating = 1, "serious"
        else:
            down, rating = 0, "no"
        params = {"i2": round(i2), "pi_low": pl, "pi_high": ph, "pi_crosses": pi_cross}
        domains.append(_domain("inconsistency", rating, down, f"syn_inc_{rating}", params,
                               f"I^2 = {i2:.0f}%; the prediction interval "
                               + ("includes both benefit and harm" if pi_cross
                                  else "lies on one side of zero")))
    # indirectness
    ind = spec.get("indirectness")
    if isinstance(ind, dict):
        level, why = ind.get("level", "serious"), ind.get("reason", "")
    else:
        level, why = ind, ""
    if level in ("serious", "very_serious"):
        down = 1 if level == "serious" else 2
        domains.append(_domain("indirectness", level, down, f"syn_ind_{level}", {"reason": why},
                               f"the protocol rates indirectness {level.replace('_', ' ')}"
                               + (f": {why}" if why else "")))
    elif level == "none":
        domains.append(_domain("indirectness", "no", 0, "syn_ind_no", {"reason": why},
                               "the protocol rates the studies as direct evidence"))
    else:
        domains.append(_domain("indirectness", "not_assessable", 0, "syn_ind_na", {},
                               "the protocol does not rate indirectness"))
    # imprecision
    mid = float(spec.get("mid", DEFAULT_MID))
    ois = optimal_information_size(mid, paired=False)
    n_total = sum(e.get("n_total") or 0 for e in _first_per_study(effects))
    if lo is None or hi is None:
        domains.append(_domain("imprecision", "very_serious", 2, "syn_imp_none", {},
                               "no confidence interval"))
    else:
        sign = 1 if (est or 0) >= 0 else -1
        wide = _crosses(lo, hi, 0.0) or _crosses(lo, hi, sign * mid)
        both = lo < -mid and hi > mid
        small = ois is not None and n_total < ois
        down = 2 if both or (wide and small) else (1 if wide or small else 0)
        rating = {0: "no", 1: "serious", 2: "very_serious"}[down]
        params = {"n": n_total, "ois": ois, "mid": mid, "wide": wide, "both": both}
        domains.append(_domain("imprecision", rating, down, f"syn_imp_{rating}", params,
                               f"{n_total} participants against an optimal information size of "
                               f"{ois}; the CI {'crosses' if wide else 'does not cross'} 0 or the "
                               f"MID ({mid:g})"))
    # publication bias
    k = model.get("k") or len(effects)
    ep, k0 = small_study.get("egger_p"), small_study.get("trimfill_k0")
    shift, se_u = small_study.get("trimfill_shift"), small_study.get("trimfill_se")
    limit, est_u = small_study.get("limit_estimate"), small_study.get("random_estimate")
    if k < 10 or ep is None:
        domains.append(_domain("publication_bias", "not_assessable", 0, "syn_pub_na", {"k": k},
                               f"{k} effect sizes: too few for small-study tests"))
    else:
        big_shift = shift is not None and se_u is not None and abs(shift) > se_u
        limit_toward_null = (limit is not None and est_u is not None and se_u is not None
                             and abs(est_u) - abs(limit) > se_u
                             and (limit * est_u > 0 or abs(limit) < abs(est_u)))
        egger = ep < 0.10 and ((k0 or 0) > 0 or limit_toward_null)
        flagged = big_shift or egger
        params = {"egger_p": ep, "k0": k0 or 0, "shift": shift, "se": se_u, "limit": limit,
                  "trimfill_estimate": small_study.get("trimfill_estimate"),
                  "big_shift": big_shift}
        why = (f"Egger p = {ep:.3f}; trim-and-fill adds {k0 or 0} studies and moves the estimate "
               f"by {shift if shift is not None else float('nan'):+.2f} (SE "
               f"{se_u if se_u is not None else float('nan'):.2f}); limit estimate "
               f"{limit if limit is not None else float('nan'):.2f}")
        domains.append(_domain("publication_bias", "serious" if flagged else "no",
                               1 if flagged else 0, "syn_pub_serious" if flagged else "syn_pub_no",
                               params, why))
    total = sum(d["downgrade"] for d in domains)
    certainty = max(1, start - total)
    out = {"outcome": model.get("outcome"), "start": start, "start_label": CERTAINTY_LEVELS[start],
           "start_reason": start_reason, "rob_tool": rob_tool if start_reason == "rob_tool"
           else None, "estimand": model.get("estimand"), "design": model.get("design"),
           "certainty": certainty, "certainty_label": CERTAINTY_LEVELS[certainty],
           "downgrades": total, "domains": domains, "estimate": est, "ci_low": lo,
           "ci_high": hi, "mid": mid, "ois": ois, "n_total": n_total, "n_studies": n_st,
           "k": k, "designs": sorted(set(designs.values())),
           "good_direction": spec.get("good_direction")}
    out["statement_key"], out["statement_params"] = plain_statement(out)
    return out


def _first_per_study(effects):
    """One effect per study (its largest n) so that participants are not counted twice."""
    best = {}
    for e in effects:
        n = e.get("n_total") or 0
        if e["study"] not in best or n > (best[e["study"]].get("n_total") or 0):
            best[e["study"]] = e
    return list(best.values())


def plain_statement(grade: dict) -> tuple[str, dict]:
    """Which plain-language statement the outcome gets: ``(key, params)``.

    A body of evidence estimating a difference between groups (randomised or controlled) gets the
    GRADE statement (Santesso et al. 2020, J Clin Epidemiol 119:126; wording in
    :mod:`impact.evidence.statements`): key ``"grade"``, params ``certainty, estimate, mid`` (the
    standardised estimate is its own ``d``). A body of changes within one group (SMCR, SMCC;
    ``estimand = within_group_change``) only shows change, never an effect: keys ``syn_stmt_change_<certainty>_<decrease|increase|little>``
    (``_slight`` below the MID) and ``syn_stmt_change_very_low`` from
    ``impact/i18n/{nl,en}/synthesis.yaml``.
    """
    est, lo, hi, mid = grade["estimate"], grade["ci_low"], grade["ci_high"], grade["mid"]
    level = grade["certainty_label"]
    if est is None:
        return "syn_stmt_none", {}
    within = grade.get("estimand") == "within_group_change" or (
        grade.get("estimand") is None and grade.get("designs") == ["prepost"])
    if not within:
        return "grade", {"certainty": level, "estimate": est, "mid": mid}
    if level == "very_low":
        return "syn_stmt_change_very_low", {}
    if _crosses(lo, hi, 0.0) and abs(est) < mid:
        kind = "little"
    else:
        kind = ("decrease" if est < 0 else "increase") + ("_slight" if abs(est) < mid else "")
    return f"syn_stmt_change_{level}_{kind}", {"estimate": est}


class SynthesisGrade(DictResult):
    """GRADE across studies for every outcome: ``result["outcomes"]``; a row per outcome in
    ``to_frame()``."""

    title = "GRADE certainty across studies"

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([{k: v for k, v in g.items() if not isinstance(v, (list, dict))}
                             for g in self.data["outcomes"]])

    @property
    def notes(self):
        return [f"{g['outcome']}: {d['domain']}: {d['reason']}" for g in self.data["outcomes"]
                for d in g["domains"] if d["downgrade"]]

    def summary(self) -> str:
        return "; ".join(f"{g['outcome']}: {g['certainty_label'].replace('_', ' ')}"
                         for g in self.data["outcomes"])

