"""Referral records -> the ``referrals`` results object (DESIGN.md, "Referral records").

The orchestrator for referrals: it reads files (:mod:`impact.io.referrals`), reconciles them with
the questionnaire data, and calls the ground floor (:mod:`impact.stats.counts`). Its output is
unsuppressed (analyst's material); :mod:`impact.disclosure` makes the published
version.

Definitions
-----------
* Funnel: each record has exactly one status (``referred, intake, started, completed, declined,
  dropped_out``); ``status`` counts them all (``sum == records``). Stages count the records that
  reached a stage or a later one: ``referred`` = all records; ``intake`` = intake, started,
  completed, dropped_out, and declined records with an intake date; ``started`` = started,
  completed, dropped_out; ``completed`` = completed.
* Uptake = started stage / referrals; completion = completed / started stage (per referrer,
  referrer type and route).
* Monthly counts: every calendar month from the first to the last referral (zeros included); trend
  from :func:`impact.stats.counts.count_trend` (rate ratio per year).
* Days to start = ``start_date - referral_date`` for records with both and a start on or after the
  referral; median and quartiles as R ``quantile(type = 7)``.
* Questionnaire flow: every referral record is ``with_questionnaire`` (its participant has rows
  in the response data), ``without_questionnaire`` or ``no_participant_id``; every participant of
  the response data is ``with_referral`` or ``without_referral``.
* Reach: referred people per neighbourhood and age group per 1,000 residents of a population
  table (``neighbourhood, age_group, residents``, as CBS Kerncijfers wijken en buurten).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from .._result import DictResult
from ..errors import InputError

__all__ = ["referral_analysis", "analyse_referrals", "ReferralResult", "read_population",
           "age_group_of"]

_STARTED = ("started", "completed", "dropped_out")


class ReferralResult(DictResult):
    """The ``referrals`` results object: funnel, by_referrer, by_route, monthly, trend,
    days_to_start (+ by_referrer_type, questionnaire, reach when the inputs allow)."""

    title = "Referrals"

    def __init__(self, data: dict, notes=None):
        super().__init__(data)
        self.notes = list(notes or [])
        self.data["notes"] = self.notes

    def to_frame(self):
        """The per-referrer table."""
        import pandas as pd

        return pd.DataFrame(self.data["by_referrer"])

    def summary(self) -> str:
        f = self.data["funnel"]
        st = {s["stage"]: s["n"] for s in f["stages"]}
        t = self.data["trend"]
        def stage(s):          # a stage the register does not record is no number
            return f"{s} {st[s]}" if st.get(s) is not None else f"{s} not recorded"

        lines = [f"{f['records']} referrals; " + ", ".join(map(stage, ("intake", "started",
                                                                     "completed")))]
        if t.get("rate_ratio_per_year") is not None:
            lines.append(f"trend ({t['model']}): rate ratio per year {t['rate_ratio_per_year']:.3f}"
                         f" (95% CI {t['ci_low']:.3f} to {t['ci_high']:.3f}), p = {t['p']:.3g}")
        d = self.data["days_to_start"]
        if d["n"]:
            lines.append(f"days to start: median {d['median']:g} (IQR {d['q1']:g} to "
                         f"{d['q3']:g}), n = {d['n']}")
        return "\n".join(lines + self.notes)

    def plot(self, lang="en"):
        from ..plots.monitor import monthly_figure

        return monthly_figure(self.to_dict(), lang=lang)


def _recorded(frame) -> dict:
    """The stages the register records (:func:`impact.io.referrals.read_referrals`); all of
    them for a frame that does not say."""
    given = frame.attrs.get("recorded") or {}
    return {s: bool(given.get(s, True)) for s in ("referred", "intake", "started", "completed",
                                                  "declined", "dropped_out")}


def _group_table(frame, by):
    import pandas as pd

    if by not in frame.columns or frame[by].isna().all():
        return []
    status = frame["status"].astype(str)
    g = pd.DataFrame({by: frame[by].fillna("(onbekend)").astype(str),
                      "referrals": 1,
                      "intake": _reached_intake(frame).astype(int),
                      "started": status.isin(_STARTED).astype(int),
                      "completed": (status == "completed").astype(int),
                      "declined": (status == "declined").astype(int),
                      "dropped_out": (status == "dropped_out").astype(int)})
    t = g.groupby(by, sort=True).sum().reset_index()
    t["uptake"] = t["started"] / t["referrals"]
    with np.errstate(divide="ignore", invalid="ignore"):
        t["completion"] = np.where(t["started"] > 0, t["completed"] / t["started"].clip(lower=1),
                                   np.nan)
    t = t.sort_values(["referrals", by], ascending=[False, True])
    rows = t.rename(columns={by: "group"}).assign(by=by).to_dict("records")
    rec = _recorded(frame)
    for r in rows:   # a stage the register does not record is unknown, not 0
        if not rec["intake"]:
            r["intake"] = None
        if not rec["started"]:
            r["started"] = r["uptake"] = None
        if not rec["completed"]:
            r["completed"] = r["completion"] = None
        if not rec["dropped_out"]:
            r["dropped_out"] = None
        if not rec["declined"]:
            r["declined"] = None
    return rows


def _reached_intake(frame):
    status = frame["status"].astype(str)
    return status.isin(("intake",) + _STARTED) | ((status == "declined")
                                                    & frame["intake_date"].notna())


def _funnel(frame):
    from ..io.referrals import STATUSES

    status = frame["status"].astype(str)
    counts = {s: int((status == s).sum()) for s in STATUSES}
    n = int(len(frame))
    rec = _recorded(frame)
    stages = [{"stage": "referred", "n": n},
              {"stage": "intake", "n": int(_reached_intake(frame).sum())},
              {"stage": "started", "n": int(status.isin(_STARTED).sum())},
              {"stage": "completed", "n": counts["completed"]}]
    for s in stages:
        s["recorded"] = rec[s["stage"]]
        if not s["recorded"]:
            s["n"] = None    # not recorded: unknown, never 0, never copied from another stage
    counts = {s: (v if rec.get(s, True) else None) for s, v in counts.items()}
    return {"records": n, "status": counts, "stages": stages,
            "recorded": {s: rec[s] for s in ("referred", "intake", "started", "completed")},
            "reconciles": sum(v for v in counts.values() if v is not None) == n,
            "status_source": {str(k): int(v) for k, v in
                              frame["status_source"].value_counts().sort_index().items()}
            if "status_source" in frame.columns else {}}


def _monthly(frame, period=None):
    """Referrals per calendar month: every month from the first to the last referral, or of
    the register's ``period`` (start, end dates) when given (referrals outside it left out)."""
    import pandas as pd

    dates = frame["referral_date"].dropna()
    if period is not None:
        start, end = (pd.Timestamp(d) for d in period)
        dates = dates[(dates >= start) & (dates <= end)]
        span = pd.period_range(start.to_period("M"), end.to_period("M"), freq="M")
    elif dates.empty:
        return [], np.array([], dtype=float), None
    else:
        span = pd.period_range(dates.min().to_period("M"), dates.max().to_period("M"), freq="M")
    counts = dates.dt.to_period("M").value_counts().reindex(span, fill_value=0)
    rows = [{"month": str(p), "referrals": int(c)} for p, c in counts.items()]
    return rows, counts.to_numpy(dtype=float), span


def _whole_months(span, period, notes):
    """Index range ``(first, stop)`` of the months of ``span`` the trend may use: a month the
    register covers only in part (a period starting after the 1st, or ending before the last
    day) would count as a month with few referrals and bend the trend, so it is left out."""
    import calendar

    first, stop = 0, len(span)
    if period is None:
        return first, stop
    start, end = period
    if start.day != 1:
        first = 1
        notes.append(f"the register starts on {start.isoformat()}: {span[0]} is not a whole "
                     f"month and is left out of the trend")
    if end.day != calendar.monthrange(end.year, end.month)[1] and len(span) > first:
        stop = len(span) - 1
        notes.append(f"the register ends on {end.isoformat()}: {span[-1]} is not a whole month "
                     f"and is left out of the trend")
    return first, stop


def _edge_note(frame, notes):
    """Without a period: say what the trend assumes when the first or last referral lies well
    inside its month (the register may have started or stopped there)."""
    import calendar

    dates = frame["referral_date"].dropna()
    if dates.empty:
        return
    first, last = dates.min(), dates.max()
    days_last = calendar.monthrange(last.year, last.month)[1]
    if first.day > 7 or last.day < days_last - 7:
        notes.append(f"the first referral is dated {first.date().isoformat()} and the last "
                     f"{last.date().isoformat()}; the trend counts their months as whole months. "
                     f"If the register started or stopped inside them, give referrals.period "
                     f"(start and end) in the protocol: months the register covers in part are "
                     f"then left out of the trend")


def _days_to_start(frame, notes):
    both = frame[["referral_date", "start_date"]].dropna()
    days = (both["start_date"] - both["referral_date"]).dt.days.to_numpy(dtype=float)
    negative = int((days < 0).sum())
    if negative:
        notes.append(f"{negative} referral(s) with a start before the referral date are left "
                     f"out of the days to start")
    days = days[days >= 0]
    if len(days) == 0:
        return {"median": None, "q1": None, "q3": None, "n": 0, "mean": None}
    q1, med, q3 = np.quantile(days, [0.25, 0.5, 0.75])  # R quantile(type = 7)
    return {"median": float(med), "q1": float(q1), "q3": float(q3), "n": int(len(days)),
            "mean": float(days.mean())}


def _questionnaire(frame, responses, baseline=None, followup=None):
    """Every referral record and every questionnaire participant accounted for."""
    resp = responses

    def at(wave):
        if wave is None or "wave" not in resp.columns:
            return None
        return set(resp.loc[resp["wave"].astype(str) == str(wave), "participant_id"]
                   .dropna().astype(str))

    base_ids, follow_ids = at(baseline), at(followup)
    ids = set(resp["participant_id"].dropna().astype(str))
    pid = frame["participant_id"]
    has = pid.notna()
    in_resp = pid.astype(str).isin(ids) & has
    status = frame["status"].astype(str)
    ref_ids = set(pid.dropna().astype(str))
    out = {
        "records": int(len(frame)),
        "no_participant_id": int((~has).sum()),
        "with_questionnaire": int(in_resp.sum()),
        "without_questionnaire": int((has & ~in_resp).sum()),
        "started_without_questionnaire": int((has & ~in_resp & status.isin(_STARTED)).sum()),
        "questionnaire_participants": len(ids),
        "with_referral": len(ids & ref_ids),
        "without_referral": len(ids - ref_ids),
    }
    if base_ids is not None:
        out["with_baseline"] = len(base_ids & ref_ids)
    if follow_ids is not None:
        out["with_followup"] = len(follow_ids & ref_ids)
    out["reconciles"] = (out["no_participant_id"] + out["with_questionnaire"]
                         + out["without_questionnaire"] == out["records"]
                         and out["with_referral"] + out["without_referral"]
                         == out["questionnaire_participants"])
    return out


_AGE = [(re.compile(r"^(\d+)\s*(?:-|–|tot en met|t/m)\s*(\d+)(?:\s*jaar)?$"), "incl"),
        (re.compile(r"^(\d+)\s*tot\s*(\d+)(?:\s*jaar)?$"), "excl"),
        (re.compile(r"^(\d+)\s*(?:\+|jaar (?:of|en) ouder|and over|or older)$"), "open")]


def _parse_age_group(label):
    text = str(label).strip().lower()
    for pattern, kind in _AGE:
        if m := pattern.match(text):
            low = int(m[1])
            if kind == "open":
                return low, np.inf
            high = int(m[2]) + (1 if kind == "incl" else 0)
            return low, high
    return None


def age_group_of(ages, groups):
    """Age group label for each age: labels as ``15-24`` (inclusive), ``15 tot 25`` (CBS:
    upper bound excluded) or ``65+`` / ``65 jaar of ouder``. Unmatched ages are NA."""
    import pandas as pd

    bounds = {g: _parse_age_group(g) for g in groups}
    ages = pd.Series(ages, dtype="float")
    out = pd.Series(pd.NA, index=ages.index, dtype="object")
    for g, (low, high) in bounds.items():
        out[(ages >= low) & (ages < high)] = g
    return out


def read_population(path):
    """A population table: ``neighbourhood, age_group, residents`` (CSV/XLSX), checked."""
    import pandas as pd

    from ..io.referrals import _read_table

    path = Path(path)
    if not path.is_file():
        raise InputError("population file does not exist", file=path, rule="file must exist")
    frame = _read_table(path, None)
    frame.columns = [str(c).strip() for c in frame.columns]
    for col in ("neighbourhood", "age_group", "residents"):
        if col not in frame.columns:
            raise InputError(f"required column '{col}' is missing; columns are "
                             f"{', '.join(frame.columns)}", file=path, row=1, column=col,
                             rule="population tables have neighbourhood, age_group, residents")
    residents = pd.to_numeric(frame["residents"], errors="coerce")
    for row in frame.index[residents.isna() | (residents < 0)]:
        raise InputError(f"residents '{frame.at[row, 'residents']}' is not a number >= 0",
                         file=path, row=int(row), column="residents",
                         rule="residents are whole numbers")
    for row, label in frame["age_group"].items():
        if _parse_age_group(label) is None:
            raise InputError(f"age group '{label}' is not understood (use 15-24, 15 tot 25 or "
                             f"65+)", file=path, row=int(row), column="age_group",
                             rule="age groups")
    out = pd.DataFrame({"neighbourhood": frame["neighbourhood"].astype(str).str.strip(),
                        "age_group": frame["age_group"].astype(str).str.strip(),
                        "residents": residents.astype(int)})
    dup = out.duplicated(["neighbourhood", "age_group"])
    if dup.any():
        row = int(out.index[dup][0])
        raise InputError("neighbourhood and age group occur twice", file=path, row=row,
                         column="age_group", rule="one row per neighbourhood and age group")
    return out


def _reach(frame, population, notes):
    import pandas as pd

    if "neighbourhood" not in frame.columns or "age" not in frame.columns:
        notes.append("reach needs neighbourhood and age in the referral records")
        return []
    people = frame.dropna(subset=["neighbourhood"])
    pid = people["participant_id"].astype("string").replace("", pd.NA)
    people = people.loc[pid.isna() | ~pid.duplicated()]  # a person referred twice counts once
    group = age_group_of(people["age"].to_numpy(), population["age_group"].unique())
    counted = pd.DataFrame({"neighbourhood": people["neighbourhood"].astype(str).to_numpy(),
                            "age_group": group.to_numpy()}).dropna()
    counts = counted.value_counts().rename("referred").reset_index()
    table = population.merge(counts, on=["neighbourhood", "age_group"], how="left")
    table["referred"] = table["referred"].fillna(0).astype(int)
    outside = len(people) - int(table["referred"].sum())
    if outside:
        notes.append(f"{outside} referred people fall outside the population table (another "
                     f"neighbourhood, an age outside the groups, or no age)")
    with np.errstate(divide="ignore", invalid="ignore"):
        table["per_1000"] = np.where(table["residents"] > 0,
                                     1000 * table["referred"] / table["residents"], np.nan)
    return table.to_dict("records")


def referral_analysis(referrals, *, responses=None, baseline=None, followup=None, population=None,
                      break_date=None, model: str = "auto", period=None) -> ReferralResult:
    """The ``referrals`` results object from a normalised referral frame.

    Parameters
    ----------
    referrals : pandas.DataFrame
        As :func:`impact.io.referrals.read_referrals` returns.
    responses : pandas.DataFrame, optional
        The long response frame (``participant_id, wave``): the funnel is reconciled with it.
    baseline, followup : str, optional
        Wave labels: counts of referred participants with a baseline (follow-up) questionnaire.
    population : pandas.DataFrame, optional
        :func:`read_population` output; gives ``reach``.
    break_date : str or date, optional
        First day of an interrupted time series' second segment (its month starts it).
    model : {"auto", "poisson", "negbin"}
    period : (start, end), optional
        First and last day the register was kept (dates or date text). The monthly counts then
        run over its months (months without referrals included, referrals outside it left out,
        with a note) and the trend uses only the months it covers whole. Without it the months
        run from the first to the last referral and a note says so when those lie well inside
        their months.
    """
    import pandas as pd

    from ..io.referrals import parse_date
    from ..stats.counts import count_trend

    notes: list[str] = []
    missing = {c: pd.NaT for c in ("intake_date", "start_date", "end_date")
               if c not in referrals.columns}
    if "status" not in referrals.columns:
        from ..io.referrals import _derive

        missing["status"] = _derive(referrals.assign(**missing))
    if missing:
        referrals = referrals.assign(**missing)
    if period is not None:
        period = tuple(parse_date(d) for d in period)
        dates = referrals["referral_date"].dropna()
        outside = int(((dates < pd.Timestamp(period[0])) | (dates > pd.Timestamp(period[1])))
                      .sum())
        if outside:
            notes.append(f"{outside} referral(s) dated outside the register's period "
                         f"{period[0].isoformat()} to {period[1].isoformat()} are left out of "
                         f"the monthly counts and the trend (they stay in the funnel)")
    else:
        _edge_note(referrals, notes)
    monthly, counts, span = _monthly(referrals, period)
    first, stop = _whole_months(span, period, notes) if span is not None else (0, 0)
    counts, span = counts[first:stop], (span[first:stop] if span is not None else None)
    break_index = None
    if break_date is not None and span is not None:
        d = parse_date(break_date)
        month = pd.Period(d, freq="M")
        break_index = int((span == month).argmax()) if month in span else None
        if break_index is None:
            notes.append(f"break date {d.isoformat()} lies outside the trend's months")
    trend = count_trend(counts, break_index=break_index, model=model) if len(counts) else None
    if trend is not None:
        notes += trend.notes
        trend_dict = trend.to_dict()
        trend_dict["first_month"], trend_dict["last_month"] = str(span[0]), str(span[-1])
        if break_index is not None:
            trend_dict["break_month"] = str(span[break_index])
    else:
        trend_dict = {"rate_ratio_per_year": None, "ci_low": None, "ci_high": None, "p": None,
                      "model": None}
    data = {
        "funnel": _funnel(referrals),
        "by_referrer": _group_table(referrals, "referrer"),
        "by_referrer_type": _group_table(referrals, "referrer_type"),
        "by_route": _group_table(referrals, "route"),
        "monthly": monthly,
        "trend": trend_dict,
        "days_to_start": _days_to_start(referrals, notes),
    }
    if responses is not None:
        data["questionnaire"] = _questionnaire(referrals, responses, baseline, followup)
    if population is not None:
        data["reach"] = _reach(referrals, population, notes)
    return ReferralResult(data, notes)


def _period_option(value, protocol):
    """The protocol's ``referrals.period`` as (start, end) dates, or an InputError naming it."""
    from ..io.referrals import parse_date

    if value is None:
        return None
    where = {"file": getattr(protocol, "path", None), "column": "referrals.period"}
    if not isinstance(value, dict) or set(value) != {"start", "end"}:
        raise InputError("referrals.period needs a start and an end date "
                         "(period: {start: 2024-01-01, end: 2025-12-31})", **where,
                         rule="referral register period")
    try:
        start, end = parse_date(value["start"]), parse_date(value["end"])
    except ValueError:
        start = end = None
    if start is None or end is None:
        raise InputError(f"referrals.period has a start or end that is not a date: "
                         f"{value['start']!r}, {value['end']!r}", **where,
                         rule="referral register period")
    if start > end:
        raise InputError(f"referrals.period starts ({start.isoformat()}) after it ends "
                         f"({end.isoformat()})", **where, rule="referral register period")
    return start, end


def analyse_referrals(path, protocol=None, *, responses=None, population=None, break_date=None,
                      model=None) -> ReferralResult:
    """Read a referral file (and optionally a protocol, responses, population) and analyse it.

    The protocol's optional ``referrals`` mapping may give ``break_date``, ``model``,
    ``population`` (a file inside the protocol's folder), ``columns`` and ``period`` (``start``
    and ``end``: the days the register was kept).
    """
    from ..io.referrals import read_referrals
    from ..protocol import Protocol, load_protocol

    options = {}
    if protocol is not None:
        if not isinstance(protocol, Protocol):
            protocol = load_protocol(protocol)
        options = dict(protocol.get("referrals") or {})
    period = _period_option(options.get("period"), protocol)
    frame, problems = read_referrals(path, columns=options.get("columns"), period=period)
    if population is None and options.get("population") and protocol is not None and protocol.path:
        base = Path(protocol.path).parent.resolve()
        candidate = (base / options["population"]).resolve()
        if base not in candidate.parents:
            raise InputError("the population file must lie inside the protocol's folder",
                             file=protocol.path, column="referrals.population",
                             rule="paths stay inside the protocol's folder")
        population = candidate
    pop = read_population(population) if population is not None else None
    result = referral_analysis(
        frame, responses=responses, population=pop,
        baseline=protocol.baseline if protocol is not None else None,
        followup=protocol.followup if protocol is not None else None,
        break_date=break_date or options.get("break_date"),
        model=model or options.get("model", "auto"),
        period=period)
    warn = {}
    for p in problems.warnings:
        warn[p.rule] = warn.get(p.rule, 0) + 1
    result.notes += [f"referral check '{rule}': {n} warning(s)" for rule, n in warn.items()]
    return result
