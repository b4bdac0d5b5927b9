"""Synthetic cohorts with a known planted truth, modelled on the seed programmes.

Nothing here is real participant data. Each generator is deterministic per seed: the same seed
gives byte-identical files. The planted truth is written beside the data (``truth.json``) so tests,
benchmarks and the demo can check that the analysis recovers it.

How a PSS-10 response is made: every participant has a latent stress level ``theta`` on the
0-40 score scale at each wave; for item k the stress-keyed answer is
``round(theta / 10 + e_k)``, ``e_k ~ N(0, item_noise)``, clipped to 0-4, and stored reversed
(``4 - answer``) for the positively worded items 4, 5, 7 and 8, exactly as a respondent would tick
it. Rounding and clipping make the observed score differ slightly from theta, so the truth file
gives both the latent parameters and the expected *observed* mean change and d_z, computed from a
fixed population of 200,000 simulated participants under the same model.
"""

from __future__ import annotations


import numpy as np

from ._base import _TRUTH_POPULATION, _TRUTH_SEED, Cohort

__all__ = ["kunst_op_recept", "KOR"]


def _pss10_items(theta, rng, item_noise=0.8):
    """PSS-10 answers in the contract coding for latent scores ``theta`` (shape (n,))."""
    n = theta.shape[0]
    keyed = np.clip(np.rint(theta[:, None] / 10 + rng.normal(0, item_noise, (n, 10))), 0, 4)
    answers = keyed.copy()
    reverse = np.array([4, 5, 7, 8]) - 1
    answers[:, reverse] = 4 - keyed[:, reverse]
    return answers


def _pss10_observed(answers):
    keyed = answers.copy()
    reverse = np.array([4, 5, 7, 8]) - 1
    keyed[:, reverse] = 4 - keyed[:, reverse]
    return keyed.sum(axis=1)


KOR = {
    "n": 35,
    "baseline_mean": 21.0,       # referred adults with psychosocial complaints: above norm (~13)
    "baseline_sd": 5.5,
    "mean_change": -4.5,         # latent change in PSS-10 points (lower = less stress)
    "sd_change": 6.0,            # latent d_z = 0.75 (evidence.md: d_z 0.6-0.9 for referred adults)
    "item_noise": 0.8,
    "dropout": 0.2,              # share without an end measurement
    "item_missing": 0.01,        # share of single items left blank
    "referred_not_started": 9,
}

_PRACTICES = ["Huisartsenpraktijk Stevenshof", "Gezondheidscentrum Merenwijk",
              "Huisartsen De Kooi", "Praktijk Noorderkwartier", "Gezondheidscentrum Zuidwest"]
_NEIGHBOURHOODS = ["Stevenshof", "Merenwijk", "De Kooi", "Noorderkwartier", "Leiden Zuidwest",
                   "Binnenstad"]
_DISCIPLINES = ["schilderen", "tekenen", "keramiek", "fotografie", "zang", "dans", "theater"]


def _expected_pss10_change(params):
    """Expected observed mean change and d_z of the PSS-10 score in a large fixed population."""
    rng = np.random.default_rng(_TRUTH_SEED)
    theta0 = rng.normal(params["baseline_mean"], params["baseline_sd"], _TRUTH_POPULATION)
    theta1 = theta0 + rng.normal(params["mean_change"], params["sd_change"], _TRUTH_POPULATION)
    s0 = _pss10_observed(_pss10_items(theta0, rng, params["item_noise"]))
    s1 = _pss10_observed(_pss10_items(theta1, rng, params["item_noise"]))
    change = s1 - s0
    return float(change.mean()), float(change.mean() / change.std(ddof=1))


def kunst_op_recept(seed: int) -> Cohort:
    """A Kunst op Recept-like cohort: 35 GP-referred adults, PSS-10 at intake (T0) and end (T1)."""
    import pandas as pd

    p = KOR
    rng = np.random.default_rng(seed)
    n = p["n"]
    ids = [f"KOR-{i:03d}" for i in range(1, n + 1)]
    age = np.clip(np.rint(rng.normal(52, 14, n)), 19, 88).astype(int)
    neighbourhood = rng.choice(_NEIGHBOURHOODS, n, p=[.25, .2, .15, .15, .15, .1])
    referrer = rng.choice(_PRACTICES, n)
    discipline = rng.choice(_DISCIPLINES, n)
    theta0 = rng.normal(p["baseline_mean"], p["baseline_sd"], n)
    theta1 = theta0 + rng.normal(p["mean_change"], p["sd_change"], n)
    items0 = _pss10_items(theta0, rng, p["item_noise"])
    items1 = _pss10_items(theta1, rng, p["item_noise"])
    for items in (items0, items1):
        items[rng.random(items.shape) < p["item_missing"]] = np.nan
    completed = rng.random(n) >= p["dropout"]
    start = pd.Timestamp("2025-01-13") + pd.to_timedelta(rng.integers(0, 240, n), unit="D")
    rows = []
    for wave, items, dates, present in (("T0", items0, start, np.ones(n, bool)),
                                        ("T1", items1, start + pd.Timedelta(days=84), completed)):
        block = pd.DataFrame(items, columns=[f"pss10_{k}" for k in range(1, 11)])
        block.insert(0, "participant_id", ids)
        block.insert(1, "wave", wave)
        block.insert(2, "date", dates.strftime("%Y-%m-%d"))
        block["age"] = age
        block["neighbourhood"] = neighbourhood
        block["referrer"] = referrer
        block["discipline"] = discipline
        rows.append(block[present])
    responses = pd.concat(rows, ignore_index=True)
    item_cols = [f"pss10_{k}" for k in range(1, 11)]
    responses[item_cols] = responses[item_cols].astype("Int64")

    n_ref = n + p["referred_not_started"]
    ref_dates = pd.Timestamp("2024-12-02") + pd.to_timedelta(rng.integers(0, 250, n_ref), unit="D")
    # the register records every stage: intake, start and end dates and a status (those who
    # were measured at the end completed; the others dropped out; of those never started some
    # declined after an intake). Its own generator, so the responses stay as they were.
    n_not = p["referred_not_started"]
    reg = np.random.default_rng([int(seed), 11])
    start = ref_dates[:n] + pd.to_timedelta(reg.integers(7, 36, n), unit="D")
    declined = reg.random(n_not) < 0.5
    status = (["completed" if c else "dropped_out" for c in completed]
              + ["declined" if d else "referred" for d in declined])
    intake = list(start - pd.to_timedelta(reg.integers(2, 7, n), unit="D")) + [
        ref_dates[n + i] + pd.Timedelta(days=10) if d else pd.NaT
        for i, d in enumerate(declined)]

    def day(values):
        return [v.strftime("%Y-%m-%d") if pd.notna(v) else "" for v in values]

    referrals = pd.DataFrame({
        "referral_id": [f"VW-{i:03d}" for i in range(1, n_ref + 1)],
        "participant_id": ids + [""] * n_not,
        "referrer": list(referrer) + list(rng.choice(_PRACTICES, n_not)),
        "referral_date": ref_dates.strftime("%Y-%m-%d"),
        "intake_date": day(intake),
        "start_date": day(list(start) + [pd.NaT] * n_not),
        "end_date": day([s + pd.Timedelta(days=84) if c else pd.NaT
                         for s, c in zip(start, completed)] + [pd.NaT] * n_not),
        "status": status,
    })

    protocol = {
        "title": "Kunst op Recept Leiden (synthetisch)",
        "programme": "kunst-op-recept",
        "language": "nl",
        "waves": ["T0", "T1"],
        "baseline": "T0",
        "followup": "T1",
        "instruments": ["pss10"],
        "primary_outcome": "pss10_score",
        "background": ["age", "neighbourhood", "referrer", "discipline"],
        "min_cell_size": 10,
        "seed": int(seed),
        "funder": "Fonds voor Cultuurparticipatie (fictief)",
        "partners": ["huisartsenpraktijken", "welzijnsorganisatie", "kunstdocenten"],
        "intervention": {
            "name": "Kunst op Recept",
            "why": "Actieve kunstbeoefening onder begeleiding van een professionele kunstdocent "
                   "vermindert stress en vergroot zelfvertrouwen en sociale contacten.",
            "what_procedures": "Tien tot twaalf lessen in een zelfgekozen discipline.",
            "who_provided": "Professionele kunstdocenten; verwijzing door de huisarts.",
            "how": "In kleine groepen, face-to-face.",
            "where": "Ateliers en culturele centra in Leiden.",
            "when_how_much": "Wekelijks, twaalf weken, anderhalf uur per les.",
        },
        # costs and value (fictitious figures of a synthetic programme), for the funder report
        "sroi": {
            "currency": "EUR", "inputs": 42000, "discount_rate": 0.035,
            "outcomes": [{"name": "Minder ervaren stress", "outcome": "pss10_score",
                          "quantity_from": "n_paired", "proxy": 1800,
                          "proxy_source": "fictief bedrag (synthetisch voorbeeld)",
                          "deadweight": 0.3, "attribution": 0.4, "drop_off": 0.5,
                          "duration": 2}]},
        # the coordinator's own story, in the order of LKCA/Movisie reports
        "report": {"sections": {
            "context": {"nl": "Huisartsen in Leiden zien veel mensen met stress en "
                              "somberheid zonder medische oorzaak. Kunst op Recept biedt hun "
                              "een andere weg dan medicatie.",
                        "en": "GPs in Leiden see many people with stress and low mood without "
                              "a medical cause. Kunst op Recept offers them another way than "
                              "medication."},
            "target_group": {"nl": "Volwassenen met psychosociale klachten, verwezen door de "
                                   "huisarts of POH-GGZ; werving via vijf praktijken.",
                             "en": "Adults with psychosocial complaints, referred by their GP "
                                   "or mental-health nurse; recruited through five practices."},
            "what_happened": {"nl": "Deelnemers kozen zelf een discipline en volgden twaalf "
                                    "lessen in kleine groepen.",
                              "en": "Participants chose a discipline themselves and took twelve "
                                    "lessons in small groups."},
            "success_factors": {"nl": "Een warme overdracht door de huisarts hielp; reistijd "
                                      "naar het atelier was een drempel.",
                                "en": "A warm handover by the GP helped; travel time to the "
                                      "studio was a barrier."},
            "interpretation": {"nl": "De cijfers passen bij wat docenten zagen, maar laten "
                                     "zonder vergelijkingsgroep niet zien wat het programma "
                                     "zelf deed.",
                               "en": "The figures fit what teachers saw, but without a "
                                     "comparison group they cannot show what the programme "
                                     "itself did."},
            "recommendations": {"nl": "Registreer ook wie afhaakt en waarom, en overweeg een "
                                      "wachtlijstgroep als vergelijking.",
                                "en": "Also record who drops out and why, and consider a "
                                      "waiting-list group as a comparison."}}},
    }
    expected_change, expected_dz = _expected_pss10_change(p)
    truth = {
        "programme": "kunst-op-recept",
        "seed": int(seed),
        "generator": "impact.synth.kunst_op_recept",
        "n_enrolled": n,
        "n_completed": int(completed.sum()),
        "n_referred": int(n_ref),
        "outcomes": {
            "pss10_score": {
                "latent_baseline_mean": p["baseline_mean"],
                "latent_baseline_sd": p["baseline_sd"],
                "latent_mean_change": p["mean_change"],
                "latent_sd_change": p["sd_change"],
                "latent_d_z": p["mean_change"] / p["sd_change"],
                "item_noise": p["item_noise"],
                "expected_mean_change": round(expected_change, 4),
                "expected_d_z": round(expected_dz, 4),
                "truth_population": _TRUTH_POPULATION,
            }
        },
        "missingness": {"dropout": p["dropout"], "item_missing": p["item_missing"],
                        "mechanism": "completely at random"},
    }
    # Quotes come from their own random stream, so the responses stay as they were before
    # quotes existed. Linked to the standardised latent change (less stress = positive).
    from .quotes import make_quotes, quote_truth_parameters

    z_change = -((theta1 - theta0) - p["mean_change"]) / p["sd_change"]
    quotes, codings, qtruth = make_quotes(ids, z_change, "T0", "T1", completed,
                                          np.random.default_rng([int(seed), 7]), prefix="KOR",
                                          staff_role="teacher", n_coders=2)
    truth["quotes"] = {**quote_truth_parameters(2), **qtruth}
    return Cohort("kunst-op-recept", int(seed), responses, referrals, protocol, truth,
                  extra={"quotes.csv": quotes, "codings.csv": codings})
