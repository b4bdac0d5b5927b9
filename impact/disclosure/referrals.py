"""Disclosure of referral records: their count cells and relations, solved jointly with every
other count of a run (:func:`impact.disclosure.programme.disclose`) or alone
(:func:`disclose_referrals`).

Rules (see :mod:`impact.smallcells` for the CBS rules):

* Funnel, status counts and the questionnaire reconciliation are participant-flow counts: they
  break people down by no characteristic and are published in full (privacy rule 4).
* Per referrer, referrer type and route: groups with fewer than ``min_cell_size`` referrals are
  merged into "overig"/"other" (their names are not listed); within the remaining groups the
  counts ``started`` and ``not started`` (= referrals - started) are protected with the row total
  (referrals) and the column totals (the funnel), then ``completed`` / ``not completed`` with the
  row total ``started``; a group whose ``started`` is hidden hides ``completed`` too. Uptake and
  completion are shown only with their counts. The complements are never printed.
* Monthly referrals: when a month has 1 .. min-1 referrals the series is published by quarter;
  quarters still under the threshold are suppressed with secondary suppression (the total is
  known). The trend (a model estimate) needs at least ``min_cell_size`` residual degrees of
  freedom (months - parameters), the CBS model rule.
* Days to start: median and quartiles need at least ``min_cell_size`` people; whole days.
* Reach: referred counts per neighbourhood and age group below the threshold are suppressed with
  secondary suppression along rows and columns; residents (public CBS figures) are shown; the rate
  per 1,000 only with its count.
* The referral rules are implemented once, in :func:`_referral_cells` (cells
  and linear relations, then the heuristic + LP audit of :class:`impact.disclosure.cells._Cells`): a
  run's reports solve them jointly with every other count; :func:`disclose_referrals` solves them
  alone.
* Monitor: a neighbourhood-round with fewer than ``min_respondents`` respondents (the GGD rule of
  50 as a protocol option; never below ``min_cell_size``) shows no n, mean, CI, difference; its
  DiD needs both rounds published. The reference area (the whole city, large) is shown.
"""

from __future__ import annotations

from .cells import _Cells
from .labels import _category_label
from .policy import DisclosurePolicy

__all__ = ["disclose_referrals", "report_referrals"]


_REF_DIMS = ("by_referrer", "by_referrer_type", "by_route")
# the background column whose values a referral group shares (its labels; routes have their own)
_DIM_COLUMN = {"by_referrer": "referrer", "by_referrer_type": "referrer_type"}


def _merge_small_groups(rows, m):
    """Groups with fewer than ``m`` referrals merged into one unnamed group (the smallest named
    groups join it until it reaches ``m``); returns (rows, merged?, complete?)."""
    keys = ("referrals", "started", "completed")
    # a stage the register does not record stays unknown (None) in every group and in "other"
    rows = [{k: (None if r.get(k) is None and k != "referrals" else int(r.get(k) or 0))
             for k in keys} | {"group": str(r["group"])} for r in rows]

    def add(a, b):
        return None if a is None or b is None else a + b
    small = [r for r in rows if r["referrals"] < m]
    if not small:
        return rows, False, True
    big = sorted([r for r in rows if r["referrals"] >= m], key=lambda r: (r["referrals"],
                                                                           r["group"]))
    other = {k: small[0][k] for k in keys}
    for r in small[1:]:
        other = {k: add(other[k], r[k]) for k in keys}
    while other["referrals"] < m and big:
        r = big.pop(0)
        other = {k: add(other[k], r[k]) for k in keys}
    big.sort(key=lambda r: (-r["referrals"], r["group"]))
    if other["referrals"] >= m:
        return big + [other | {"group": None, "other": True}], True, True
    return big, True, False  # the merged group stays too small: not published at all


def _referral_cells(ref, cells, policy, protocol=None):
    """Add the referral counts to the run's cells and relations; return a function that, after
    the joint suppression, builds the published ``referrals`` object (each group with its label
    per language, :func:`impact.disclosure.labels._category_label`, the protocol's first)."""
    import pandas as pd

    m = policy.min_cell_size
    funnel = ref.get("funnel") or {}
    stages = {s["stage"]: s["n"] for s in funnel.get("stages") or []}
    # a stage the register does not record is unknown: no cell, no relation, published as such
    rec = {s: stages.get(s) is not None for s in ("referred", "started", "completed")}
    rec["completed"] = rec["completed"] and rec["started"]
    referred = int(stages.get("referred") or 0)
    started = int(stages["started"]) if rec["started"] else None
    completed = int(stages["completed"]) if rec["completed"] else None
    notes = []
    groups = {}
    for dim in _REF_DIMS:
        rows, merged, complete = _merge_small_groups(ref.get(dim) or [], m)
        if merged:
            notes.append("merged")
        out = []
        for i, r in enumerate(rows):
            base = f"ref/{dim}/{i}"
            ids = {"referrals": cells.add(f"{base}/referrals", r["referrals"])}
            # each recorded stage and its complement add up to the stage before it
            for part, whole in (("started", "referrals"), ("completed", "started")):
                if rec[part]:
                    ids[part] = cells.add(f"{base}/{part}", r[part])
                    ids[f"not_{part}"] = cells.add(f"{base}/not_{part}", r[whole] - r[part])
                    cells.relate([ids[part], ids[f"not_{part}"]], ids[whole],
                                 f"ref_{part}_or_not/{dim}")
            out.append({"group": r["group"], "other": bool(r.get("other")), "cells": ids})
        if out and complete:
            totals = [("referrals", referred)]
            if rec["started"]:
                totals += [("started", started), ("not_started", referred - started)]
            if rec["completed"]:
                totals += [("completed", completed), ("not_completed", started - completed)]
            for key, total in totals:
                cells.relate([g["cells"][key] for g in out], total,
                             f"ref_groups_funnel/{dim}/{key}")
        groups[dim] = out
    # referrals over time: by month, or by quarter when a month is small
    monthly = ref.get("monthly") or []
    period = "month"
    series = [(r["month"], int(r["referrals"])) for r in monthly]
    if any(policy.small(n) for _, n in series):
        period = "quarter"
        notes.append("quarters")
        q = pd.PeriodIndex([p for p, _ in series], freq="M").asfreq("Q").astype(str)
        agg: dict[str, int] = {}
        for key, (_, n) in zip(q, series):
            agg[key] = agg.get(key, 0) + n
        series = list(agg.items())
    time_ids = [(p, cells.add(f"ref/{period}/{p}", n)) for p, n in series]
    if time_ids and sum(n for _, n in series) == referred:
        cells.relate([c for _, c in time_ids], referred, "ref_time_total")
    # reach: referred per neighbourhood and age group (residents are public figures)
    reach = ref.get("reach") or []
    reach_ids = []
    for i, r in enumerate(reach):
        reach_ids.append(cells.add(f"ref/reach/{i}", int(r.get("referred") or 0)))
    if reach:
        for field_ in ("neighbourhood", "age_group"):
            for j, value in enumerate(dict.fromkeys(r[field_] for r in reach)):
                members = [c for c, r in zip(reach_ids, reach) if r[field_] == value]
                total = sum(cells.values[c] for c in members)
                cells.relate(members, cells.add(f"ref/reach/{field_}/{j}", total, False),
                             f"ref_reach/{field_}")
        if sum(cells.values[c] for c in reach_ids) == referred:
            cells.relate(reach_ids, referred, "ref_reach_total")
    trend = dict(ref.get("trend") or {})
    days = ref.get("days_to_start") or {}

    def build():
        def val(cid):
            return cells.value(cid)

        def share(part, whole):
            return part / whole if part is not None and whole else None

        out = {"min_cell_size": m,
               "funnel": {"records": funnel.get("records"), "status": funnel.get("status") or {},
                          "stages": [{"stage": s["stage"], "recorded": s["n"] is not None,
                                      "n": None if s["n"] is None else int(s["n"]),
                                      "share": (None if s["n"] is None
                                                else share(int(s["n"]), referred))}
                                     for s in funnel.get("stages") or []],
                          "reconciles": funnel.get("reconciles")},
               "questionnaire": ref.get("questionnaire")}
        def cell(g, key):
            return val(g["cells"][key]) if key in g["cells"] else None

        for dim, rows in groups.items():
            out[dim] = [{"group": g["group"], "merged": g["other"], "cells": g["cells"],
                         "label": (None if g["other"] or dim == "by_route" else
                                   _category_label(protocol, _DIM_COLUMN[dim], g["group"])),
                         "referrals": cell(g, "referrals"), "started": cell(g, "started"),
                         "completed": cell(g, "completed"),
                         "uptake": share(cell(g, "started"), cell(g, "referrals")),
                         "completion": share(cell(g, "completed"), cell(g, "started"))}
                        for g in rows]
        out["recorded"] = {s: rec.get(s, True) for s in ("referred", "started", "completed")} \
            | {"intake": stages.get("intake") is not None}
        out["monthly"] = {"period": period, "rows": [{"period": p, "cell": c, "referrals": val(c)}
                                                     for p, c in time_ids]}
        n_par = 4 if trend.get("break_index") is not None else 2
        keep = ("rate_ratio_per_year", "ci_low", "ci_high", "p", "model", "months", "total",
                "break_level_ratio", "break_level_ci_low", "break_level_ci_high",
                "break_level_p", "break_month")
        if trend.get("rate_ratio_per_year") is not None and policy.enough(
                (trend.get("months") or 0) - n_par):   # the model rule: enough residual df
            out["trend"] = {k: trend[k] for k in keep if k in trend}
            out["trend"]["change_percent"] = abs(trend["rate_ratio_per_year"] - 1) * 100
        else:
            out["trend"] = None
            if trend.get("rate_ratio_per_year") is not None:
                notes.append("trend_df")
        if policy.enough(days.get("n")) and days.get("median") is not None:
            out["days_to_start"] = {"n": int(days["n"]),
                                    **{k: round(days[k]) for k in ("median", "q1", "q3")}}
        else:
            out["days_to_start"] = None
            if days.get("n"):
                notes.append("days")
        out["reach"] = [{"neighbourhood": r["neighbourhood"], "age_group": r["age_group"],
                         "residents": int(r["residents"]), "cell": c, "referred": val(c),
                         "per_1000": (1000 * val(c) / r["residents"]
                                      if val(c) is not None and r["residents"] else None)}
                        for r, c in zip(reach, reach_ids)] or None
        all_ids = ([i for rows in groups.values() for g in rows for i in g["cells"].values()]
                   + [c for _, c in time_ids] + reach_ids)
        if any(c in cells.hidden for c in all_ids):
            notes.append("hidden")
        keys = list(dict.fromkeys(notes))
        out["notes"] = [{"key": f"ref_note_{k}", "params": {"m": m}} for k in keys]
        return out

    build.groups = groups      # the group cells, for relations with other tables of the run
    return build


def disclose_referrals(referrals: dict, *, min_cell_size: int = 10, lang: str = "nl") -> dict:
    """The publishable version of a ``referrals`` results object on its own (``impact
    referrals``, notebooks). The rules and the suppression are those of the one disclosure step
    (:func:`impact.disclosure.programme.disclose`, which uses the same code for a run's reports, jointly
    with every other count): here the referral cells and relations are solved by themselves.
    The merged group is named "overig"/"other" in ``lang``; notes are message keys
    (:func:`impact.i18n.render`). ``author_notes`` is for the author and never printed: empty,
    unless the audit finds hidden counts a published total still pins down
    (:meth:`impact.disclosure.cells._Cells.unresolved_notes`)."""
    from ..i18n import messages

    m = int(min_cell_size)
    policy = DisclosurePolicy(min_cell_size=m, allow_small_cells=m < 5)
    cells = _Cells(policy)
    build = _referral_cells(referrals, cells, policy)
    cells.solve()
    out = build()
    out["funnel"] = referrals["funnel"]  # flow counts, published in full
    status = cells.published()
    for key in ("by_referrer", "by_referrer_type", "by_route"):
        out[key] = [dict(r, group=messages(lang)["e_other"] if r["merged"] else
                         (r.get("label") or {}).get(lang) or r["group"],
                         status={k: status[c]["status"] for k, c in r["cells"].items()})
                    for r in out[key]]
    out["small_text"] = messages(lang)["e_cell_small"].format(n=m)
    # for the author, not for the page: hidden counts a published total still pins down
    out["author_notes"] = cells.unresolved_notes()
    return out


def report_referrals(results: dict, *, lang: str | None = None, min_cell_size=None) -> dict | None:
    """The disclosed ``referrals`` dict for a report from a results dict (None when absent).

    For the coordinator's engine: ``results`` is the unsuppressed results object
    (``internal/results.json``); ``min_cell_size`` defaults to ``results["min_cell_size"]`` or 10.
    """
    if not results.get("referrals"):
        return None
    return disclose_referrals(results["referrals"], lang=lang or results.get("language", "nl"),
                              min_cell_size=min_cell_size or results.get("min_cell_size") or 10)
