"""In Beeld and Welzijn op Recept: synthetic cohorts with a rich planted truth.

The model, per participant ``i`` in site (group, neighbourhood) ``s`` and outcome ``k`` with
direction sign ``sgn_k`` (+1 when higher is better):

* baseline (latent, on the latent scale of :mod:`impact.synth.items`)
  ``b_ik = m_k + sd_k z_ik``, ``z_ik = sgn_k (l_k f_i + sqrt(1 - l_k^2) e_ik)``, with one common
  wellbeing factor ``f_i``: instruments correlate ``sgn_k sgn_j l_k l_j`` at baseline;
* change to wave ``w`` (latent)
  ``c_ikw = mu_kw + rho_k (b_ik - m_k) + (mu_kw / mu_kT) sgn_k tau_k v_s + r_ikw``: a planted mean
  change per wave, regression to the mean (``rho_k < 0``: a worse start predicts more gain),
  heterogeneity between sites (``v_s ~ N(0, 1)`` shared by the outcomes of a site) and a residual
  with SD ``sigma_k`` that correlates between outcomes through a common change factor
  (loadings ``g_k``) and between waves (``0.6``);
* attrition: before each later wave a participant still in drops out with probability
  ``logistic(a_w + beta z_bad)``, ``z_bad`` = standardised baseline of the primary outcome in the
  bad direction: those who start worse drop out more (missing at random given baseline);
* a few single items are left blank completely at random.

Item answers follow each instrument's input coding (instruments.md). The truth file records every
parameter and the *expected observed* effects (observed scores after rounding and clipping), per
wave, for everybody enrolled and for completers, computed from a fixed population of 200,000
simulated participants (site effects included as a random effect).
"""

from __future__ import annotations

import copy
import math
from functools import lru_cache

import numpy as np

from ._base import _TRUTH_POPULATION, _TRUTH_SEED, Cohort
from .items import _DJG6_DELTA, _DJG11_DELTA, ITEM_GENERATORS, ITEM_NOISE, MPH_DIMENSIONS, OBSERVED, mph_dimension_items
from .quotes import make_quotes, quote_truth_parameters

__all__ = ["in_beeld", "welzijn_op_recept", "IN_BEELD", "WELZIJN_OP_RECEPT"]

_ITEMS = {"swemwbs": 7, "ucla3": 3, "who5": 5, "djg11": 11, "djg6": 6, "mph": 42}


def _mph_outcomes(baseline_mean, mean_change, **common):
    """Six Positive Health dimensions with dimension-specific baselines and changes."""
    shift = {"body": -0.4, "mental": 0.0, "meaning": 0.2, "quality": 0.1, "participation": -0.5,
             "daily": 0.4}
    gain = {"body": 0.4, "mental": 1.0, "meaning": 1.0, "quality": 0.8, "participation": 1.2,
            "daily": 0.5}
    return {f"mph_{d}": {"instrument": "mph", "dimension": d, "higher_is_better": True,
                         "baseline_mean": baseline_mean + shift[d],
                         "mean_change": {w: round(v * gain[d], 3) for w, v in mean_change.items()},
                         **common} for d in MPH_DIMENSIONS}


IN_BEELD = {
    "programme": "in-beeld",
    "prefix": "IB",
    "sites": ["Overvecht groep 1", "Overvecht groep 2", "Overvecht groep 3"],
    "per_site": 8,
    "waves": ["T0", "T1"],
    "wave_days": [0, 84],       # twelve weekly sessions
    "primary": "swemwbs_score",
    "outcomes": {
        # SWEMWBS latent on raw-sum units (7-35): referred adults start low (metric ~19.5).
        "swemwbs_score": {"instrument": "swemwbs", "higher_is_better": True,
                          "baseline_mean": 19.0, "baseline_sd": 3.6, "mean_change": {"T1": 3.3},
                          "sd_residual": 3.4, "rtm_slope": -0.25, "site_sd": 0.8,
                          "loading": 0.8, "change_loading": 0.7},
        # UCLA-3 latent on sum units (3-9), higher = lonelier.
        "ucla3_score": {"instrument": "ucla3", "higher_is_better": False,
                        "baseline_mean": 6.6, "baseline_sd": 1.4, "mean_change": {"T1": -0.8},
                        "sd_residual": 1.3, "rtm_slope": -0.2, "site_sd": 0.25,
                        "loading": 0.6, "change_loading": 0.6},
    },
    "dropout": {"T1": {"intercept": -1.8, "baseline_slope": 0.5}},
    "item_missing": 0.01,
    "referred_not_started": 14,
    "coders": 2,
    "staff_role": "teacher",
}

WELZIJN_OP_RECEPT = {
    "programme": "welzijn-op-recept",
    "prefix": "WOR",
    "sites": ["Alphen Noord", "Den Haag Zuidwest", "Leiden Stevenshof", "Leiden Noord"],
    "per_site": 15,
    "waves": ["T0", "T1", "T2"],
    "wave_days": [0, 91, 182],  # intake, three and six months
    "primary": "djg11_score",
    "outcomes": {
        # De Jong Gierveld latent loneliness propensity (standard units), higher = lonelier.
        "djg11_score": {"instrument": "djg11", "higher_is_better": False,
                        "baseline_mean": 0.5, "baseline_sd": 0.9,
                        "mean_change": {"T1": -0.3, "T2": -0.45}, "sd_residual": 0.6,
                        "rtm_slope": -0.2, "site_sd": 0.15, "loading": 0.7,
                        "change_loading": 0.6},
        "who5_score": {"instrument": "who5", "higher_is_better": True, "baseline_mean": 46.0,
                       "baseline_sd": 16.0, "mean_change": {"T1": 6.0, "T2": 8.0},
                       "sd_residual": 13.0, "rtm_slope": -0.2, "site_sd": 2.5, "loading": 0.75,
                       "change_loading": 0.6},
        **_mph_outcomes(5.6, {"T1": 0.35, "T2": 0.5}, baseline_sd=1.3, sd_residual=1.0,
                        rtm_slope=-0.2, site_sd=0.2, loading=0.7, change_loading=0.5),
    },
    "dropout": {"T1": {"intercept": -1.7, "baseline_slope": 0.4},
                "T2": {"intercept": -2.0, "baseline_slope": 0.4}},
    "item_missing": 0.01,
    "referred_not_started": 38,
    "coders": 3,
    "staff_role": "welfare_worker",
}

_WAVE_CORRELATION = 0.6  # correlation of a participant's residual change between waves


def _latent(spec, n, site_index, n_sites, rng):
    """Latent baselines, changes per wave and dropout wave for ``n`` participants."""
    outs = spec["outcomes"]
    waves = spec["waves"]
    later = waves[1:]
    f0, f1 = rng.standard_normal(n), rng.standard_normal(n)
    v = rng.standard_normal(n_sites)[site_index]
    base, change, zb = {}, {}, {}
    for name, o in outs.items():
        sgn = 1.0 if o["higher_is_better"] else -1.0
        lo, go = o["loading"], o["change_loading"]
        z = sgn * (lo * f0 + math.sqrt(1 - lo * lo) * rng.standard_normal(n))
        zb[name] = z
        base[name] = o["baseline_mean"] + o["baseline_sd"] * z
        resid_common = sgn * (go * f1 + math.sqrt(1 - go * go) * rng.standard_normal(n))
        last = o["mean_change"][later[-1]]
        change[name] = {}
        for w in later:
            mu = o["mean_change"][w]
            own = rng.standard_normal(n)
            r = (resid_common if len(later) == 1 else
                 math.sqrt(_WAVE_CORRELATION) * resid_common
                 + math.sqrt(1 - _WAVE_CORRELATION) * own)
            change[name][w] = (mu + o["rtm_slope"] * (base[name] - o["baseline_mean"])
                               + (mu / last if last else 1.0) * sgn * o["site_sd"] * v
                               + o["sd_residual"] * r)
    p = spec["primary"]
    sgn_p = 1.0 if outs[p]["higher_is_better"] else -1.0
    z_bad = -sgn_p * zb[p]
    present = {waves[0]: np.ones(n, bool)}
    still = np.ones(n, bool)
    for w in later:
        d = spec["dropout"][w]
        drop = rng.random(n) < 1 / (1 + np.exp(-(d["intercept"] + d["baseline_slope"] * z_bad)))
        still = still & ~drop
        present[w] = still.copy()
    return base, change, present


def _answers(spec, latent_by_outcome, rng):
    """Item answers per instrument (dict instrument -> (n, items) array) from latent scores."""
    out = {}
    mph = [o for o in spec["outcomes"] if spec["outcomes"][o]["instrument"] == "mph"]
    for name, o in spec["outcomes"].items():
        inst = o["instrument"]
        if inst == "mph":
            continue
        out[inst] = ITEM_GENERATORS[inst](latent_by_outcome[name], rng)
    if mph:
        out["mph"] = np.hstack([mph_dimension_items(latent_by_outcome[f"mph_{d}"], rng)
                                for d in MPH_DIMENSIONS])
    return out


def _observed(spec, answers):
    """This module's own scores of complete answers: outcome -> array."""
    scores = {}
    for name, o in spec["outcomes"].items():
        inst = o["instrument"]
        if inst == "mph":
            j = MPH_DIMENSIONS.index(o["dimension"])
            scores[name] = OBSERVED["mph"](answers["mph"][:, 7 * j:7 * j + 7])
        else:
            scores[name] = OBSERVED[name](answers[inst])
    return scores


def _expected(spec):
    """Expected observed effects from a fixed large population (site effects as random)."""
    return _expected_cached(spec["programme"])


@lru_cache(maxsize=None)
def _expected_cached(programme):
    spec = {"in-beeld": IN_BEELD, "welzijn-op-recept": WELZIJN_OP_RECEPT}[programme]
    rng = np.random.default_rng(_TRUTH_SEED)
    n = _TRUTH_POPULATION
    base, change, present = _latent(spec, n, np.arange(n), n, rng)
    waves = spec["waves"]
    obs = {waves[0]: _observed(spec, _answers(spec, base, rng))}
    for w in waves[1:]:
        obs[w] = _observed(spec, _answers(spec, {k: base[k] + change[k][w] for k in base}, rng))
    out = {}
    for name in spec["outcomes"]:
        b = obs[waves[0]][name]
        res = {"expected_baseline_mean": round(float(b.mean()), 4),
               "expected_baseline_sd": round(float(b.std(ddof=1)), 4), "by_wave": {}}
        for w in waves[1:]:
            d = obs[w][name] - b
            done = present[w]
            slope = float(np.cov(b, d)[0, 1] / b.var(ddof=1))
            res["by_wave"][w] = {
                "expected_mean_change": round(float(d.mean()), 4),
                "expected_sd_change": round(float(d.std(ddof=1)), 4),
                "expected_d_z": round(float(d.mean() / d.std(ddof=1)), 4),
                "expected_mean_change_completers": round(float(d[done].mean()), 4),
                "expected_d_z_completers": round(float(d[done].mean() / d[done].std(ddof=1)), 4),
                "expected_observed_rtm_slope": round(slope, 4),
                "expected_retention": round(float(done.mean()), 4),
            }
        last = res["by_wave"][waves[-1]]
        res.update(expected_mean_change=last["expected_mean_change"],
                   expected_d_z=last["expected_d_z"],
                   expected_mean_change_completers=last["expected_mean_change_completers"])
        out[name] = res
    names = list(spec["outcomes"])
    corr = np.corrcoef(np.vstack([obs[waves[0]][k] for k in names]))
    return out, {"outcomes": names,
                 "matrix": [[round(float(x), 3) for x in row] for row in corr]}


def _latent_truth(o, waves):
    total = math.sqrt((o["rtm_slope"] * o["baseline_sd"]) ** 2 + o["site_sd"] ** 2
                      + o["sd_residual"] ** 2)
    last = o["mean_change"][waves[-1]]
    return {
        "instrument": o["instrument"], **({"dimension": o["dimension"]} if "dimension" in o else {}),
        "higher_is_better": o["higher_is_better"],
        "latent_baseline_mean": o["baseline_mean"], "latent_baseline_sd": o["baseline_sd"],
        "latent_mean_change": dict(o["mean_change"]),
        "latent_sd_residual_change": o["sd_residual"],
        "latent_rtm_slope": o["rtm_slope"],
        "latent_site_sd": o["site_sd"],
        "latent_sd_change": round(total, 6),
        "latent_d_z": round(last / total, 6),
        "latent_site_icc": round(o["site_sd"] ** 2 / total ** 2, 6),
        "baseline_loading": o["loading"], "change_loading": o["change_loading"],
        "item_noise": ITEM_NOISE[o["instrument"]],
        **({"djg_strong_threshold": 0.8,
            "djg_item_location": [round(float(x), 4) for x in
                                  (_DJG11_DELTA if o["instrument"] == "djg11" else _DJG6_DELTA)]}
           if o["instrument"].startswith("djg") else {}),
    }


_PROTOCOL_TEXT = {
    "in-beeld": {
        "title": "In Beeld, Utrecht Overvecht (synthetisch)",
        "funder": "Fonds voor Cultuurparticipatie (fictief)",
        "partners": ["Stichting BlauwLicht", "huisartsen Overvecht", "buurtteam Overvecht"],
        "intervention": {
            "name": "In Beeld",
            "why": "Samen fotograferen en het eigen werk tonen versterkt welbevinden, "
                   "zelfvertrouwen en sociale contacten.",
            "what_procedures": "Twaalf wekelijkse fotografiesessies in groepen van acht, "
                               "afgesloten met een tentoonstelling.",
            "who_provided": "Fotografen van Stichting BlauwLicht (fictief).",
            "how": "In groepen van acht, face-to-face.",
            "where": "Buurthuis in Utrecht Overvecht.",
            "when_how_much": "Wekelijks, twaalf sessies van twee uur.",
        },
    },
    "welzijn-op-recept": {
        "title": "Welzijn op Recept, vier wijken (synthetisch)",
        "funder": "Gemeente (fictief)",
        "partners": ["huisartsen", "welzijnsorganisaties", "bibliotheek", "buurthuizen"],
        "intervention": {
            "name": "Welzijn op Recept",
            "why": "Ouderen met eenzaamheid of psychosociale klachten vinden via een welzijnscoach "
                   "activiteiten die zingeving en contact geven.",
            "what_procedures": "Verwijzing door de huisarts, gesprekken met een welzijnscoach "
                               "en deelname aan activiteiten in de wijk.",
            "who_provided": "Welzijnscoaches; verwijzing door huisartsen en POH-GGZ.",
            "how": "Individuele gesprekken en groepsactiviteiten.",
            "where": "Welzijnsorganisaties en buurthuizen in vier wijken.",
            "when_how_much": "Zes maanden; metingen bij intake, na drie en na zes maanden.",
        },
    },
}


def _cohort(spec, seed):
    import pandas as pd

    rng = np.random.default_rng(seed)
    sites, per = spec["sites"], spec["per_site"]
    n = len(sites) * per
    site_index = np.repeat(np.arange(len(sites)), per)
    prefix = spec["prefix"]
    ids = [f"{prefix}-{i:03d}" for i in range(1, n + 1)]
    older = spec["programme"] == "welzijn-op-recept"
    age = np.clip(np.rint(rng.normal(74 if older else 47, 7 if older else 13, n)),
                  60 if older else 18, 96).astype(int)
    gender = rng.choice(["vrouw", "man", "anders/onbekend"], n, p=[0.62, 0.36, 0.02])
    referrers = (["Huisarts", "POH-GGZ", "Wijkverpleging", "Zelf aangemeld"] if older else
                 ["Huisarts", "POH-GGZ", "Buurtteam Overvecht", "Zelf aangemeld"])
    referrer = rng.choice(referrers, n, p=[0.55, 0.25, 0.1, 0.1])
    base, change, present = _latent(spec, n, site_index, len(sites), rng)
    waves = spec["waves"]
    latent_by_wave = {waves[0]: base}
    for w in waves[1:]:
        latent_by_wave[w] = {k: base[k] + change[k][w] for k in base}
    start = pd.Timestamp("2025-02-03") + pd.to_timedelta(
        np.repeat(rng.integers(0, 150, len(sites)), per) + rng.integers(0, 5, n), unit="D")
    instruments = list(dict.fromkeys(o["instrument"] for o in spec["outcomes"].values()))
    blocks = []
    for w, day in zip(waves, spec["wave_days"]):
        answers = _answers(spec, latent_by_wave[w], rng)
        cols = {}
        for inst in instruments:
            a = answers[inst]
            a[rng.random(a.shape) < spec["item_missing"]] = np.nan
            for k in range(a.shape[1]):
                cols[f"{inst}_{k + 1}"] = a[:, k]
        block = pd.DataFrame({"participant_id": ids, "wave": w,
                              "date": (start + pd.Timedelta(days=day)).strftime("%Y-%m-%d"),
                              "site": [sites[s] for s in site_index], **cols, "age": age,
                              "gender": gender, "referrer": referrer})
        blocks.append(block[present[w]])
    responses = pd.concat(blocks, ignore_index=True)
    item_cols = [c for c in responses.columns if c.split("_")[0] in _ITEMS]
    responses[item_cols] = responses[item_cols].astype("Int64")
    # referrals: everybody who started plus those referred who never started
    n_not = spec["referred_not_started"]
    ref_dates = start - pd.to_timedelta(rng.integers(7, 60, n), unit="D")
    extra_dates = pd.Timestamp("2025-01-06") + pd.to_timedelta(rng.integers(0, 200, n_not),
                                                               unit="D")
    referrals = pd.DataFrame({
        "referral_id": [f"{prefix}-V{i:03d}" for i in range(1, n + n_not + 1)],
        "participant_id": ids + [""] * n_not,
        "referrer": list(referrer) + list(rng.choice(referrers[:3], n_not)),
        "referral_date": list(ref_dates.strftime("%Y-%m-%d")) + list(
            extra_dates.strftime("%Y-%m-%d")),
        "started": [True] * n + [False] * n_not,
    })
    # quotes: linked to the standardised latent change of the primary outcome (good direction)
    p = spec["primary"]
    o = spec["outcomes"][p]
    sgn = 1.0 if o["higher_is_better"] else -1.0
    c_last = sgn * change[p][waves[-1]]
    z_change = (c_last - sgn * o["mean_change"][waves[-1]]) / _latent_truth(o, waves)[
        "latent_sd_change"]
    qrng = np.random.default_rng([seed, 7])
    quotes, codings, qtruth = make_quotes(ids, z_change, waves[0], waves[-1], present[waves[-1]],
                                          qrng, prefix=prefix, staff_role=spec["staff_role"],
                                          n_coders=spec["coders"])
    text = _PROTOCOL_TEXT[spec["programme"]]
    protocol = {
        "title": text["title"], "programme": spec["programme"], "language": "nl",
        # wave timing in weeks (DESIGN.md waves mapping): the follow-up as a duration
        "waves": [{"id": w, "weeks": round(d / 7, 1) if d % 7 else d // 7}
                  for w, d in zip(waves, spec["wave_days"])],
        "baseline": waves[0], "followup": waves[-1],
        "design": "waves" if len(waves) > 2 else "prepost",
        "instruments": instruments, "primary_outcome": p,
        "secondary_outcomes": [k for k in spec["outcomes"] if k != p],
        "site_column": "site", "background": ["age", "gender", "referrer"],
        "min_cell_size": 10, "seed": int(seed),
        "funder": text["funder"], "partners": text["partners"],
        "intervention": text["intervention"],
    }
    expected, corr = copy.deepcopy(_expected(spec))
    outcomes_truth = {k: {**_latent_truth(o, waves), **expected[k]}
                      for k, o in spec["outcomes"].items()}
    for v in outcomes_truth.values():
        v["truth_population"] = _TRUTH_POPULATION
    truth = {
        "programme": spec["programme"], "seed": int(seed),
        "generator": f"impact.synth.{spec['programme'].replace('-', '_')}",
        "n_enrolled": n, "n_sites": len(sites), "sites": sites, "per_site": per,
        "n_by_wave": {w: int(present[w].sum()) for w in waves},
        "n_completed": int(present[waves[-1]].sum()),
        "n_referred": int(n + n_not),
        "primary_outcome": p,
        "outcomes": outcomes_truth,
        "baseline_correlation_observed": corr,
        "missingness": {
            "dropout": spec["dropout"],
            "mechanism": "monotone drop-out, logistic in the standardised baseline of the "
                         "primary outcome (bad direction): missing at random given baseline",
            "item_missing": spec["item_missing"], "item_mechanism": "completely at random",
        },
        "wave_correlation_of_residual_change": _WAVE_CORRELATION if len(waves) > 2 else None,
        "quotes": {**quote_truth_parameters(spec["coders"]), **qtruth},
    }
    return Cohort(spec["programme"], int(seed), responses, referrals, protocol, truth,
                  extra={"quotes.csv": quotes, "codings.csv": codings})


def in_beeld(seed: int) -> Cohort:
    """In Beeld (Stichting BlauwLicht, Utrecht Overvecht): photography, three groups of eight.

    SWEMWBS (primary) and UCLA-3 at intake (T0) and end (T1, after twelve sessions); a ``site``
    column names the group so results can be pooled across the three groups.
    """
    return _cohort(IN_BEELD, seed)


def welzijn_op_recept(seed: int) -> Cohort:
    """Welzijn op Recept: older people with loneliness referred by GPs, four neighbourhoods.

    DJG-11 (primary), WHO-5 and Mijn Positieve Gezondheid at T0, T1 (3 months), T2 (6 months).
    """
    return _cohort(WELZIJN_OP_RECEPT, seed)
