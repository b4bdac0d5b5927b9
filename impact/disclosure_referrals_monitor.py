"""Disclosure control for the referral and monitor tables (issue 16), on top of impact.privacy.

Input: the unsuppressed ``referrals`` / ``monitor`` results objects (plain dicts, as in
results.json). Output: plain dicts of the same shape holding only what a deliverable may show,
plus ``notes`` (report language) and ``suppressed`` markers. The section builders
(:mod:`impact.report.referrals_sections`, :mod:`impact.report.monitor_sections`) read only these.

Rules (see :mod:`impact.privacy` for the CBS rules):

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
* Monitor: a neighbourhood-round with fewer than ``min_respondents`` respondents (the GGD rule of
  50 as a protocol option; never below ``min_cell_size``) shows no n, mean, CI, difference; its
  DiD needs both rounds published. The reference area (the whole city, large) is shown.
"""

from __future__ import annotations

import math

__all__ = ["disclose_referrals", "disclose_monitor", "report_referrals", "report_monitor"]


def _texts(lang):
    nl = lang == "nl"
    return {
        "other": "overig" if nl else "other",
        "merged": ("Verwijzers/groepen met minder dan {m} verwijzingen zijn samengevoegd tot "
                   "'overig'." if nl else "Groups with fewer than {m} referrals are combined "
                   "into 'other'."),
        "quarters": ("Per maand waren er soms minder dan {m} verwijzingen: de aantallen staan "
                     "per kwartaal." if nl else "Some months had fewer than {m} referrals: the "
                     "counts are shown per quarter."),
        "trend_df": ("Te weinig maanden voor een trend die gepubliceerd mag worden (minstens {m} "
                     "vrijheidsgraden)." if nl else "Too few months for a publishable trend (at "
                     "least {m} degrees of freedom)."),
        "days": ("Minder dan {m} deelnemers met een startdatum: geen wachttijd getoond." if nl
                 else "Fewer than {m} participants with a start date: no waiting time shown."),
        "monitor_small": ("Wijken met minder dan {m} respondenten in een ronde worden voor die "
                          "ronde niet getoond (GGD-regel)." if nl else "Neighbourhoods with "
                          "fewer than {m} respondents in a round are not shown for that round "
                          "(GGD rule)."),
    }


def _num(v):
    if v is None:
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return float(v) if isinstance(v, float) else int(v) if float(v).is_integer() else float(v)


def _force_lines(table, cols):
    """Secondary suppression of extra hidden cells: no column with exactly one hidden cell."""
    import pandas as pd

    changed = True
    while changed:
        changed = False
        for c in cols:
            hidden = table[c].isna()
            if hidden.sum() == 1:
                shown = table.loc[~hidden & (table[c] > 0), c]
                if len(shown):
                    table.loc[shown.astype(float).idxmin(), c] = pd.NA
                    changed = True
    return table


def _group_disclosure(rows, m, lang, notes):
    import pandas as pd

    from .privacy import suppress_small_cells

    if not rows:
        return []
    t = pd.DataFrame(rows)[["group", "referrals", "started", "completed"]]
    small = t["referrals"] < m
    if small.any():
        other = t.loc[small, ["referrals", "started", "completed"]].sum()
        t = t.loc[~small]
        # the merged group must itself reach the threshold: add the smallest others
        while other["referrals"] < m and len(t):
            k = t["referrals"].astype(float).idxmin()
            other += t.loc[k, ["referrals", "started", "completed"]]
            t = t.drop(index=k)
        if other["referrals"] >= m:
            t = pd.concat([t, pd.DataFrame([{"group": _texts(lang)["other"], **other.to_dict(),
                                              "merged": True}])], ignore_index=True)
        notes.append(_texts(lang)["merged"].format(m=m))
    if not len(t):
        return []
    t = t.reset_index(drop=True)
    t["not_started"] = t["referrals"] - t["started"]
    s1, n1 = suppress_small_cells(t, ["started", "not_started"], m, total_column="referrals",
                                  column_totals=True, lang=lang)
    s1["not_completed"] = t["started"] - t["completed"]
    s1["completed"] = t["completed"]
    s2, n2 = suppress_small_cells(s1, ["completed", "not_completed"], m, total_column="started",
                                  column_totals=True, lang=lang)
    s2.loc[s2["started"].isna(), "completed"] = pd.NA
    s2 = _force_lines(s2, ["started", "completed"])
    notes += [n for n in n1 + n2 if n not in notes]
    out = []
    for r in s2.to_dict("records"):
        ref, st, co = _num(r["referrals"]), _num(r["started"]), _num(r["completed"])
        out.append({"group": r["group"], "referrals": ref, "started": st, "completed": co,
                    "uptake": st / ref if st is not None and ref else None,
                    "completion": co / st if co is not None and st else None,
                    "merged": bool(r.get("merged") is True)})
    return out


def _monthly_disclosure(monthly, m, lang, notes):
    import pandas as pd

    from .privacy import suppress_small_cells

    if not monthly:
        return {"period": "month", "rows": []}
    t = pd.DataFrame(monthly)
    period = "month"
    if ((t["referrals"] > 0) & (t["referrals"] < m)).any():
        q = pd.PeriodIndex(t["month"], freq="M").asfreq("Q")
        t = t.groupby(q.astype(str), sort=True)["referrals"].sum().reset_index()
        t.columns = ["month", "referrals"]
        period = "quarter"
        notes.append(_texts(lang)["quarters"].format(m=m))
    s, n = suppress_small_cells(t, "referrals", m, column_totals=True, lang=lang)
    notes += n
    return {"period": period, "rows": [{"period": r["month"], "referrals": _num(r["referrals"])}
                                       for r in s.to_dict("records")]}


def disclose_referrals(referrals: dict, *, min_cell_size: int = 10, lang: str = "nl") -> dict:
    """The publishable version of a ``referrals`` results object (see the module docstring)."""
    import pandas as pd

    from .privacy import suppress_small_cells

    m = int(min_cell_size)
    notes: list[str] = []
    out = {"min_cell_size": m, "funnel": referrals["funnel"],
           "questionnaire": referrals.get("questionnaire")}
    for key in ("by_referrer", "by_referrer_type", "by_route"):
        out[key] = _group_disclosure(referrals.get(key) or [], m, lang, notes)
    out["monthly"] = _monthly_disclosure(referrals.get("monthly") or [], m, lang, notes)
    trend = dict(referrals.get("trend") or {})
    n_par = 4 if "break_index" in trend else 2
    keep = ("rate_ratio_per_year", "ci_low", "ci_high", "p", "model", "months", "total",
            "break_level_ratio", "break_level_ci_low", "break_level_ci_high", "break_level_p",
            "break_month")
    if trend.get("rate_ratio_per_year") is not None and trend.get("months", 0) - n_par >= m:
        out["trend"] = {k: trend[k] for k in keep if k in trend}
    else:
        out["trend"] = None
        if trend.get("rate_ratio_per_year") is not None:
            notes.append(_texts(lang)["trend_df"].format(m=m))
    d = referrals.get("days_to_start") or {}
    if d.get("n", 0) >= m:
        out["days_to_start"] = {"n": d["n"], **{k: round(d[k]) for k in ("median", "q1", "q3")}}
    else:
        out["days_to_start"] = None
        if d.get("n", 0):
            notes.append(_texts(lang)["days"].format(m=m))
    reach = referrals.get("reach")
    if reach:
        t = pd.DataFrame(reach)
        wide = t.pivot_table(index="neighbourhood", columns="age_group", values="referred",
                             aggfunc="sum", sort=False)
        cols = list(wide.columns)
        s, n = suppress_small_cells(wide.reset_index(), cols, m, column_totals=True,
                                    row_totals=True, lang=lang)
        notes += [x for x in n if x not in notes]
        shown = s.set_index("neighbourhood")
        rows = []
        for r in t.to_dict("records"):
            v = _num(shown.at[r["neighbourhood"], r["age_group"]])
            rows.append({"neighbourhood": r["neighbourhood"], "age_group": r["age_group"],
                         "residents": int(r["residents"]), "referred": v,
                         "per_1000": 1000 * v / r["residents"] if v is not None and r["residents"]
                         else None})
        out["reach"] = rows
    out["notes"] = notes
    return out


def disclose_monitor(monitor: dict, *, min_respondents: int | None = None,
                     min_cell_size: int = 10, lang: str = "nl") -> dict:
    """The publishable version of a ``monitor`` results object (see the module docstring)."""
    m = max(int(min_respondents or monitor.get("min_respondents") or min_cell_size),
            int(min_cell_size))
    notes: list[str] = []
    hidden = {(e["neighbourhood"], str(e["round"])) for e in monitor["estimates"] if e["n"] < m}
    blank = dict(n=None, mean=None, se=None, ci_low=None, ci_high=None)
    estimates = [({**e, **blank, "suppressed": True} if (e["neighbourhood"], str(e["round"]))
                  in hidden else {**e, "suppressed": False}) for e in monitor["estimates"]]
    diffs = [({**d, "difference": None, "se": None, "ci_low": None, "ci_high": None, "p": None,
               "suppressed": True} if (d["neighbourhood"], str(d["round"])) in hidden
              else {**d, "suppressed": False}) for d in monitor["differences"]]
    did = []
    for d in monitor["did"]:
        gone = ((d["neighbourhood"], str(d.get("first_round"))) in hidden
                or (d["neighbourhood"], str(d.get("last_round"))) in hidden or d["did"] is None)
        if gone:
            did.append({k: (v if k in ("neighbourhood", "outcome", "first_round", "last_round")
                            else None) for k, v in d.items()} | {"suppressed": True})
        else:
            did.append({**d, "suppressed": False})
    if hidden:
        notes.append(_texts(lang)["monitor_small"].format(m=m))
    keep = ("title", "rounds", "neighbourhoods", "outcomes", "reference_area", "focus", "level",
            "n_respondents")
    return {**{k: monitor[k] for k in keep if k in monitor}, "min_respondents": m,
            "estimates": estimates, "reference": monitor["reference"], "differences": diffs,
            "did": did, "notes": notes,
            "small_neighbourhoods": sorted({h for h, _ in hidden})}


def report_referrals(results: dict, *, lang: str | None = None, min_cell_size=None) -> dict | None:
    """The disclosed ``referrals`` dict for a report from a results dict (None when absent).

    For the coordinator's engine: ``results`` is the unsuppressed results object
    (``internal/results.json``); ``min_cell_size`` defaults to ``results["min_cell_size"]`` or 10.
    """
    if not results.get("referrals"):
        return None
    return disclose_referrals(results["referrals"], lang=lang or results.get("language", "nl"),
                              min_cell_size=min_cell_size or results.get("min_cell_size") or 10)


def report_monitor(results: dict, *, lang: str | None = None, min_cell_size=None) -> dict | None:
    """The disclosed ``monitor`` dict for a report from a results dict (None when absent)."""
    mon = results.get("monitor")
    if not mon:
        return None
    return disclose_monitor(mon, lang=lang or mon.get("language") or "nl",
                            min_cell_size=min_cell_size or results.get("min_cell_size") or 10)


def _is_missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v))
