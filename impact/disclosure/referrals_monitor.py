"""Disclosure control for the referral and monitor tables (issue 16), on top of impact.smallcells.

Input: the unsuppressed ``referrals`` / ``monitor`` results objects (plain dicts, as in
results.json). Output: plain dicts of the same shape holding only what a deliverable may show,
plus ``notes`` (report language) and ``suppressed`` markers. The section builders
(:mod:`impact.report.referrals_sections`, :mod:`impact.report.monitor_sections`) read only these.

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
* The referral rules are implemented once, in :func:`impact.disclosure.programme._referral_cells` (cells
  and linear relations, then the heuristic + LP audit of :class:`impact.disclosure.programme._Cells`): a
  run's reports solve them jointly with every other count; :func:`disclose_referrals` solves them
  alone.
* Monitor: a neighbourhood-round with fewer than ``min_respondents`` respondents (the GGD rule of
  50 as a protocol option; never below ``min_cell_size``) shows no n, mean, CI, difference; its
  DiD needs both rounds published. The reference area (the whole city, large) is shown.
"""

from __future__ import annotations

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


def disclose_referrals(referrals: dict, *, min_cell_size: int = 10, lang: str = "nl") -> dict:
    """The publishable version of a ``referrals`` results object on its own (``impact
    referrals``, notebooks). The rules and the suppression are those of the one disclosure step
    (:func:`impact.disclosure.programme.disclose`, which uses the same code for a run's reports, jointly
    with every other count): here the referral cells and relations are solved by themselves.
    The merged group is named "overig"/"other"; notes are in ``lang``."""
    from .programme import DisclosurePolicy, _Cells, _referral_cells

    m = int(min_cell_size)
    policy = DisclosurePolicy(min_cell_size=m, allow_small_cells=m < 5)
    cells = _Cells(policy)
    build = _referral_cells(referrals, cells, policy)
    cells.solve()
    out = build()
    out["notes"] = out["notes"][lang]
    out["funnel"] = referrals["funnel"]  # flow counts, published in full
    for key in ("by_referrer", "by_referrer_type", "by_route"):
        out[key] = [dict(r, group=_texts(lang)["other"] if r["merged"] else r["group"])
                    for r in out[key]]
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
