"""A programme and a comparison pool with planted confounding (issue 24).

Those referred to the programme are lonelier at the start (and older, more often women): the
people in a neighbourhood monitor who did not take part are a comparison group only after
matching or weighting. Loneliness drifts back towards the mean between two measurements
(regression to the mean, ``post`` depends on ``pre`` with slope 0.65), so the programme's own
before-and-after change is biased, and so is the unadjusted comparison with everybody in the
pool; given the baseline score and the covariates the referral is ignorable, so matched and
weighted estimates recover the planted effect.

Model (loneliness on a 0-10 scale, lower is better)::

    age ~ N(55, 15), female ~ Bernoulli(0.55), neighbourhood ~ four areas (offset 0, .3, .6, .9)
    pre  = 4 + 0.02 (age - 55) + 0.3 female + offset + N(0, 1.5)
    P(referred) = logistic(a0 + 0.8 (pre - 5) / 1.5 + 0.03 (age - 55) + 0.4 female)
    post = pre - 0.35 (pre - 4.5) + 0.1 + effect x referred + 0.01 (age - 55) + N(0, 1)

``effect`` (default -0.6: less lonely) is the effect on the treated (ATT, constant).

:func:`comparison_frame` gives the person-level frame (validation, benchmark);
:func:`comparison_cohort` the same people as questionnaire answers (UCLA-3 items at T0 and T1)
with a protocol whose ``comparison:`` key names the pool (``pool.csv``), for the demo.
:func:`waiting_list_frame` gives groups that start one after another.
"""

from __future__ import annotations

import numpy as np

from ._base import Cohort

__all__ = ["comparison_frame", "comparison_cohort", "waiting_list_frame", "referral_logit",
           "PLANTED_EFFECT",
           "NEIGHBOURHOODS"]

PLANTED_EFFECT = -0.6
NEIGHBOURHOODS = ("Centrum", "Noord", "Oost", "Zuid")
_OFFSET = np.array([0.0, 0.3, 0.6, 0.9])


def _intercept(share):
    """a0 giving roughly ``share`` referred in the population (solved once on a large draw)."""
    from scipy.optimize import brentq

    rng = np.random.default_rng(99)
    age, female, hood, pre = _people(rng, 200_000)
    lin = 0.8 * (pre - 5) / 1.5 + 0.03 * (age - 55) + 0.4 * female
    return brentq(lambda a: float(np.mean(1 / (1 + np.exp(-(a + lin))))) - share, -20, 20)


def _people(rng, n):
    age = rng.normal(55, 15, n)
    female = (rng.random(n) < 0.55).astype(float)
    hood = rng.integers(0, 4, n)
    pre = 4 + 0.02 * (age - 55) + 0.3 * female + _OFFSET[hood] + rng.normal(0, 1.5, n)
    return age, female, hood, pre


def comparison_frame(seed: int, *, n_programme: int = 200, n_pool: int = 2000,
                     effect: float = PLANTED_EFFECT):
    """Person-level frame: ``id, treat, age, female, neighbourhood, pre, post, change``.

    Exactly ``n_programme`` referred people and ``n_pool`` others, drawn from one population by
    the referral model (rejection: people are drawn until both groups are full).
    """
    import pandas as pd

    rng = np.random.default_rng([int(seed), 24])
    share = n_programme / (n_programme + n_pool)
    a0 = _A0.get(round(share, 6))
    if a0 is None:
        a0 = _A0[round(share, 6)] = _intercept(share)
    need_t, need_c = n_programme, n_pool
    parts = []
    while need_t > 0 or need_c > 0:
        m = int(1.3 * (need_t / share if need_t > 0 else need_c / (1 - share))) + 100
        age, female, hood, pre = _people(rng, m)
        p = 1 / (1 + np.exp(-(a0 + 0.8 * (pre - 5) / 1.5 + 0.03 * (age - 55) + 0.4 * female)))
        treat = rng.random(m) < p
        t_idx = np.flatnonzero(treat)[:need_t]
        c_idx = np.flatnonzero(~treat)[:need_c]
        idx = np.sort(np.concatenate([t_idx, c_idx]))
        need_t -= len(t_idx)
        need_c -= len(c_idx)
        parts.append(pd.DataFrame({"treat": treat[idx].astype(int), "age": age[idx],
                                   "female": female[idx], "hood": hood[idx], "pre": pre[idx]}))
    d = pd.concat(parts, ignore_index=True)
    n = len(d)
    d["post"] = (d["pre"] - 0.35 * (d["pre"] - 4.5) + 0.1 + effect * d["treat"]
                 + 0.01 * (d["age"] - 55) + rng.normal(0, 1, n))
    d["change"] = d["post"] - d["pre"]
    d["neighbourhood"] = np.array(NEIGHBOURHOODS)[d.pop("hood").to_numpy()]
    d.insert(0, "id", [f"C{i:07d}" for i in range(1, n + 1)])
    return d


_A0: dict = {}


def referral_logit(frame, *, n_programme: int = 200, n_pool: int = 2000):
    """The true logit of referral of each person of :func:`comparison_frame` (``a0 + 0.8 (pre
    - 5) / 1.5 + 0.03 (age - 55) + 0.4 female``): the propensity score that is known only in a
    simulation (docs/validation.md matches on it to show what estimating the score does)."""
    share = n_programme / (n_programme + n_pool)
    a0 = _A0.get(round(share, 6))
    if a0 is None:
        a0 = _A0[round(share, 6)] = _intercept(share)
    return (a0 + 0.8 * (frame["pre"].to_numpy(float) - 5) / 1.5
            + 0.03 * (frame["age"].to_numpy(float) - 55) + 0.4 * frame["female"].to_numpy(float))


def waiting_list_frame(seed: int, *, groups: int = 8, per_group: int = 10,
                       effect: float = PLANTED_EFFECT, trend: float = 0.03):
    """Groups that start one after another: ``participant_id, group, wave (T-1, T0, T1), weeks,
    score``. Waits of 4 to 18 weeks, programme of 12 weeks; ``score = 5 + trend x weeks +
    effect x after + u_group (SD 0.5) + u_person (SD 1) + e (SD 0.8)``; 10% miss the end."""
    import pandas as pd

    rng = np.random.default_rng([int(seed), 2424])
    waits = np.linspace(4, 18, groups).round()
    rows = []
    for g in range(groups):
        u_g = rng.normal(0, 0.5)
        for i in range(per_group):
            u_i = rng.normal(0, 1)
            times = (0.0, waits[g], waits[g] + 12)
            for k, wave in enumerate(("T-1", "T0", "T1")):
                if k == 2 and rng.random() < 0.1:
                    continue
                y = 5 + trend * times[k] + effect * (k == 2) + u_g + u_i + rng.normal(0, 0.8)
                rows.append((f"W{g + 1}-{i + 1:02d}", f"groep {g + 1}", wave, times[k], y))
    return pd.DataFrame(rows, columns=["participant_id", "group", "wave", "weeks", "score"])


def _ucla3_answers(latent, rng):
    """UCLA-3 answers (1-3 per item, sum 3-9) for a loneliness latent on 0-10: the sum's
    expected value follows ``3 + 6 latent / 10``."""
    theta = 3 + 6 * np.clip(latent, 0, 10) / 10
    return np.clip(np.rint(theta[:, None] / 3 + rng.normal(0, 0.45, (len(latent), 3))), 1, 3)


def _observed_effect(effect, rng, n=60_000):
    """The planted effect on the UCLA-3 sum: mean sum with minus without the effect among
    people like the referred (a large draw; item rounding makes it smaller than 0.6 x effect)."""
    age, female, hood, pre = _people(rng, n)
    lat = pre - 0.35 * (pre - 4.5) + 0.1 + 0.01 * (age - 55) + rng.normal(0, 1, n)
    with_ = _ucla3_answers(lat + effect, rng).sum(1)
    without = _ucla3_answers(lat, rng).sum(1)
    w = 1 / (1 + np.exp(-(0.8 * (pre - 5) / 1.5)))       # weight towards the lonelier
    return float(np.sum(w * (with_ - without)) / w.sum())


def comparison_cohort(seed: int, *, n_programme: int = 160, n_pool: int = 1600) -> Cohort:
    """Programme and pool as questionnaire answers, with a protocol naming the pool.

    ``responses`` (programme, long: T0 and T1) and ``extra['pool.csv']`` (the pool in the same
    layout) carry ``age, gender, neighbourhood`` and ``ucla3_1..3``. Referral here depends on
    the *measured* UCLA-3 sum at T0 (the GP sees the questionnaire), age and gender, so that a
    comparison that adjusts for the measured baseline can recover the effect (referral on the
    unmeasured latent score would leave regression to the mean that no matching removes). The
    truth records the planted latent effect and its expected size on the UCLA-3 sum.
    """
    import pandas as pd
    from scipy.optimize import brentq

    rng = np.random.default_rng([int(seed), 2425])
    m = 12 * (n_programme + n_pool)
    age, female, hood, pre = _people(rng, m)
    pre_items = _ucla3_answers(pre, rng)
    score = pre_items.sum(1)
    lin = 0.8 * (score - 6) / 1.3 + 0.03 * (age - 55) + 0.4 * female
    share = n_programme / (n_programme + n_pool)
    a0 = brentq(lambda a: float(np.mean(1 / (1 + np.exp(-(a + lin))))) - share, -20, 20)
    treat = rng.random(m) < 1 / (1 + np.exp(-(a0 + lin)))
    idx = np.sort(np.concatenate([np.flatnonzero(treat)[:n_programme],
                                  np.flatnonzero(~treat)[:n_pool]]))
    n = len(idx)
    age, female, hood, pre, pre_items = age[idx], female[idx], hood[idx], pre[idx], pre_items[idx]
    t = treat[idx].astype(int)
    post = (pre - 0.35 * (pre - 4.5) + 0.1 + PLANTED_EFFECT * t + 0.01 * (age - 55)
            + rng.normal(0, 1, n))
    post_items = _ucla3_answers(post, rng)
    ids = [f"S{i:05d}" for i in range(1, n + 1)]
    frames = []
    for wave, items in (("T0", pre_items), ("T1", post_items)):
        f = pd.DataFrame({"participant_id": ids, "wave": wave,
                          "age": np.rint(age).clip(18, 95).astype(int),
                          "gender": np.where(female == 1, "vrouw", "man"),
                          "neighbourhood": np.array(NEIGHBOURHOODS)[hood], "treat": t})
        for k in range(3):
            f[f"ucla3_{k + 1}"] = items[:, k].astype(int)
        frames.append(f)
    long = pd.concat(frames, ignore_index=True).sort_values(["participant_id", "wave"],
                                                            kind="stable")
    programme = long[long["treat"] == 1].drop(columns="treat").reset_index(drop=True)
    pool = long[long["treat"] == 0].drop(columns="treat").reset_index(drop=True)
    protocol = {
        "title": "Samen Zingen Oost: deelnemers vergeleken met de wijkmonitor",
        "language": "nl",
        "waves": ["T0", "T1"],
        "instruments": ["ucla3"],
        "primary_outcome": "ucla3_score",
        "background": ["age", "gender", "neighbourhood"],
        "comparison": {"pool": "pool.csv", "covariates": ["age", "gender", "neighbourhood"],
                       "method": "weighting", "trim": 0.99, "outcome_model": "change",
                       "balance_threshold": 0.1},
        "seed": int(seed),
    }
    truth = {"programme": "comparison", "seed": int(seed),
             "planted_effect_latent": PLANTED_EFFECT,
             "planted_effect_ucla3_score": round(_observed_effect(
                 PLANTED_EFFECT, np.random.default_rng([int(seed), 2426])), 4),
             "latent_scale": "loneliness 0-10; UCLA-3 sum about 3 + 6 latent / 10",
             "confounding": "referral more likely with a higher UCLA-3 sum at T0, older age and "
                            "women; loneliness regresses to the mean (slope 0.65)",
             "n_programme": int(t.sum()), "n_pool": int((t == 0).sum())}
    return Cohort(programme="comparison", seed=int(seed), responses=programme,
                  referrals=pd.DataFrame(columns=["referral_id", "participant_id", "referrer",
                                                  "referral_date"]),
                  protocol=protocol, truth=truth, extra={"pool.csv": pool})
