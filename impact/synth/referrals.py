"""A synthetic referral register with a planted trend, and a CBS-like population table.

Model: calendar month ``t = 0 .. months-1``; referrals in month t ~ Poisson(``mu_t``) (or
negative binomial with ``theta`` when given), ``mu_t = base_rate * rate_ratio ** (t / 12)``, so
the planted rate ratio per year is ``rate_ratio`` (what :func:`impact.stats.counts.count_trend`
estimates). Each referral gets a day in its month, a referrer (practice) with its type, a route,
a neighbourhood and an age. Its course: intake with probability ``p_intake[route]``; start after
intake with ``p_start``; then completed with ``p_complete``, else dropped out; not reaching intake
is ``declined``. Days from referral to start ~ 7 + Gamma(shape 2, scale 10) (median 7 + 16.78).
Referrals of the last two months are still open (``referred`` / ``intake``), as in a live register.

Nothing here is real: names of practices are invented.
"""

from __future__ import annotations

import numpy as np

__all__ = ["referral_register", "population_table", "DEN_HAAG_NEIGHBOURHOODS", "AGE_GROUPS"]

DEN_HAAG_NEIGHBOURHOODS = ["Bouwlust/Vrederust", "Moerwijk", "Morgenstond", "Zuiderpark",
                           "Centrum", "Laak", "Loosduinen", "Segbroek", "Haagse Hout",
                           "Scheveningen"]
_ZUIDWEST = DEN_HAAG_NEIGHBOURHOODS[:4]
AGE_GROUPS = ["18 tot 25", "25 tot 45", "45 tot 65", "65 jaar of ouder"]
_REFERRERS = [("Huisartsenpraktijk Moerwijk", "huisarts"),
              ("Gezondheidscentrum Morgenstond", "huisarts"),
              ("Huisartsen Bouwlust", "huisarts"),
              ("Huisartsenpraktijk Laakkwartier", "huisarts"),
              ("POH-GGZ Zuidwest", "POH-GGZ"),
              ("Wijkteam Escamp", "wijkteam"),
              ("Wijkteam Laak", "wijkteam"),
              ("Fysiotherapie Zuiderpark", "fysiotherapeut")]
_REFERRER_P = [0.2, 0.16, 0.14, 0.1, 0.14, 0.12, 0.08, 0.06]
ROUTES = ["welzijn_op_recept", "zorgdomein", "direct"]
_ROUTE_P = [0.55, 0.3, 0.15]
P_INTAKE = {"welzijn_op_recept": 0.85, "zorgdomein": 0.7, "direct": 0.9}
P_START = 0.85
P_COMPLETE = 0.75
_RESIDENTS = {  # adults per neighbourhood (invented, order of magnitude of Den Haag's wijken)
    "Bouwlust/Vrederust": 23000, "Moerwijk": 19000, "Morgenstond": 15000, "Zuiderpark": 900,
    "Centrum": 90000, "Laak": 35000, "Loosduinen": 40000, "Segbroek": 50000,
    "Haagse Hout": 38000, "Scheveningen": 50000}
_AGE_SHARE = [0.12, 0.36, 0.32, 0.20]


def population_table():
    """Adult residents per neighbourhood and age group (CBS Kerncijfers style), deterministic."""
    import pandas as pd

    rows = []
    for hood in DEN_HAAG_NEIGHBOURHOODS:
        for group, share in zip(AGE_GROUPS, _AGE_SHARE):
            rows.append({"neighbourhood": hood, "age_group": group,
                         "residents": int(round(_RESIDENTS[hood] * share, -1))})
    return pd.DataFrame(rows)


def referral_register(seed: int, *, months: int = 36, start: str = "2023-01",
                      base_rate: float = 20.0, rate_ratio: float = 1.35, theta=None,
                      prefix: str = "WIW"):
    """Synthetic referral records with a planted yearly rate ratio.

    Returns ``(frame, truth)``: the frame has the DESIGN.md referral columns (ISO dates) plus
    ``neighbourhood`` and ``age``; the truth records every parameter and the expected values.
    """
    import pandas as pd
    from scipy import stats

    rng = np.random.default_rng([int(seed), 16])
    t = np.arange(months)
    mu = base_rate * rate_ratio ** (t / 12.0)
    if theta is None:
        counts = rng.poisson(mu)
    else:
        counts = rng.negative_binomial(theta, theta / (theta + mu))
    first = pd.Period(start, freq="M")
    periods = [first + int(k) for k in t]
    n = int(counts.sum())
    month_of = np.repeat(t, counts)
    month_start = np.array([periods[k].start_time.value for k in month_of], dtype="int64")
    days_in = np.array([periods[k].days_in_month for k in month_of])
    day = (rng.random(n) * days_in).astype(int)
    referral = pd.to_datetime(month_start) + pd.to_timedelta(day, unit="D")
    order = np.argsort(referral.values, kind="stable")
    referral = referral[order]
    month_of = month_of[order]
    ref_idx = rng.choice(len(_REFERRERS), n, p=_REFERRER_P)
    route = np.array(ROUTES)[rng.choice(3, n, p=_ROUTE_P)]
    hood_p = np.array([_RESIDENTS[h] for h in DEN_HAAG_NEIGHBOURHOODS], float)
    hood_p *= np.where(np.isin(DEN_HAAG_NEIGHBOURHOODS, _ZUIDWEST), 4.0, 1.0)  # programme area
    hood = np.array(DEN_HAAG_NEIGHBOURHOODS)[rng.choice(len(hood_p), n, p=hood_p / hood_p.sum())]
    age = np.clip(np.rint(rng.normal(58, 16, n)), 18, 95).astype(int)
    p_int = np.array([P_INTAKE[r] for r in route])
    intake = rng.random(n) < p_int
    started = intake & (rng.random(n) < P_START)
    completed = started & (rng.random(n) < P_COMPLETE)
    to_intake = rng.integers(5, 20, n)
    to_start = 7 + rng.gamma(2.0, 10.0, n)
    to_start = np.maximum(np.rint(to_start), to_intake).astype(int)
    open_ = month_of >= months - 2
    status = np.where(completed, "completed", np.where(started, "dropped_out",
                      np.where(intake, "intake", "declined")))
    # the register is read at the end of the last month: recent referrals are still open
    status = np.where(open_ & started, "started", status)
    status = np.where(open_ & ~started & intake, "intake", status)
    status = np.where(open_ & ~intake, "referred", status)
    intake_date = referral + pd.to_timedelta(to_intake, unit="D")
    start_date = referral + pd.to_timedelta(to_start, unit="D")
    end_date = start_date + pd.to_timedelta(84, unit="D")
    has_start = np.isin(status, ["started", "completed", "dropped_out"])
    has_intake = has_start | (status == "intake") | ((status == "declined") & intake)
    iso = lambda d, m: np.where(m, d.strftime("%Y-%m-%d"), "")  # noqa: E731
    pid = np.where(has_start, [f"{prefix}-{i:04d}" for i in range(1, n + 1)], "")
    frame = pd.DataFrame({
        "referral_id": [f"{prefix}-V{i:04d}" for i in range(1, n + 1)],
        "participant_id": pid,
        "referrer": [_REFERRERS[k][0] for k in ref_idx],
        "referrer_type": [_REFERRERS[k][1] for k in ref_idx],
        "route": route,
        "referral_date": referral.strftime("%Y-%m-%d"),
        "intake_date": iso(intake_date, has_intake),
        "start_date": iso(start_date, has_start),
        "end_date": iso(end_date, status == "completed"),
        "status": status,
        "neighbourhood": hood,
        "age": age,
    })
    q = stats.gamma(2.0, scale=10.0)
    truth = {
        "generator": "impact.synth.referrals.referral_register", "seed": int(seed),
        "months": months, "start": start, "base_rate": base_rate,
        "rate_ratio_per_year": rate_ratio, "theta": theta,
        "model": "poisson" if theta is None else "negative_binomial",
        "n_referrals": n, "monthly_counts": [int(c) for c in counts],
        "p_intake": P_INTAKE, "p_start": P_START, "p_complete": P_COMPLETE,
        "route_p": dict(zip(ROUTES, _ROUTE_P)),
        "days_to_start": {"model": "max(rint(7 + Gamma(2, 10)), days to intake)",
                          "median_approx": float(7 + q.median())},
        "status_counts": {s: int((status == s).sum()) for s in
                          ["referred", "intake", "started", "completed", "declined",
                           "dropped_out"]},
    }
    return frame, truth
