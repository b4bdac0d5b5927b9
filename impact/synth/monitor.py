"""Wijzer in de Wijk: a synthetic neighbourhood monitor (repeated cross-sections with weights).

Model, respondent ``i`` of neighbourhood ``h`` in round ``r`` (0 = first), Positive Health
dimension ``d`` (latent on the 0-10 answer scale)::

    theta_id = m_d + c * r + zw_h * (gap + gain * r / (R - 1)) + old_i * age_effect
               + sd * (0.7 f_i + sqrt(1 - 0.49) e_id)

``zw_h`` = 1 in the four Zuidwest neighbourhoods (where Wijzer in de Wijk works): they start
``gap`` below the rest (negative) and gain ``gain`` by the last round; ``c`` is a city-wide change
per round. Older respondents (``old_i = 1``) score ``age_effect`` lower; they are half of the
population but 30% of the sample, so the weights ``w = N_h * 0.5 / (n_h * 0.3)`` (older) and
``N_h * 0.5 / (n_h * 0.7)`` (younger) are needed for unbiased means (``N_h`` residents). Answers:
seven items per dimension, ``rint(theta + e)`` with item noise 1.2, clipped to 0-10
(:func:`impact.synth.items.mph_dimension_items`); a few items are left blank at random.

The truth file gives the expected *observed* dimension means per neighbourhood type, round and
age group, from a fixed population of 200,000 simulated respondents per cell, and from them the
expected neighbourhood means, the city (reference) means, the differences and the
difference-in-differences against the rest of the city for every neighbourhood.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from .items import MPH_DIMENSIONS, mph_dimension_items
from .referrals import _RESIDENTS, _ZUIDWEST, DEN_HAAG_NEIGHBOURHOODS

__all__ = ["WIJZER_IN_DE_WIJK", "monitor_survey", "monitor_truth", "wijzer_in_de_wijk"]

WIJZER_IN_DE_WIJK = {
    "rounds": [2019, 2021, 2023, 2025],
    "dimension_means": {"body": 6.6, "mental": 7.2, "meaning": 7.0, "quality": 6.9,
                        "participation": 6.8, "daily": 7.4},
    "sd": 1.3,
    "city_change_per_round": 0.05,
    "zuidwest_gap": -0.7,
    "zuidwest_gain": 0.45,
    "age_effect": -0.4,
    "old_share_population": 0.5,
    "old_share_sample": 0.3,
    "item_missing": 0.01,
    "sample_size": {"Bouwlust/Vrederust": 220, "Moerwijk": 200, "Morgenstond": 180,
                    "Zuiderpark": 40, "Centrum": 300, "Laak": 200, "Loosduinen": 180,
                    "Segbroek": 200, "Haagse Hout": 180, "Scheveningen": 200},
}
_TRUTH_N = 200_000
_TRUTH_SEED = 20_261_129


def _latent(spec, n, zw, r, old, rng):
    R = len(spec["rounds"])
    f = rng.normal(0, 1, n)
    out = {}
    for d in MPH_DIMENSIONS:
        e = rng.normal(0, 1, n)
        out[d] = (spec["dimension_means"][d] + spec["city_change_per_round"] * r
                  + zw * (spec["zuidwest_gap"] + spec["zuidwest_gain"] * r / (R - 1))
                  + old * spec["age_effect"] + spec["sd"] * (0.7 * f + np.sqrt(1 - 0.49) * e))
    return out


def monitor_survey(seed: int, spec=None, *, scale: float = 1.0, item_dtype="Int64"):
    """The survey frame: ``respondent_id, round, neighbourhood, weight, mph_1 .. mph_42``.

    ``scale`` multiplies every sample size (benchmarks: a GGD-sized monitor); ``item_dtype``
    ``"int8"`` (no blanks) keeps a large frame small.
    """
    import pandas as pd

    spec = spec or WIJZER_IN_DE_WIJK
    rng = np.random.default_rng([int(seed), 17])
    blocks = []
    ps, pp = spec["old_share_sample"], spec["old_share_population"]
    for r, rnd in enumerate(spec["rounds"]):
        for hood in DEN_HAAG_NEIGHBOURHOODS:
            n = max(2, int(round(spec["sample_size"][hood] * scale)))
            old = (rng.random(n) < ps).astype(float)
            zw = 1.0 if hood in _ZUIDWEST else 0.0
            lat = _latent(spec, n, zw, r, old, rng)
            items = np.empty((n, 42), dtype=np.float32 if item_dtype == "int8" else float)
            for k, d in enumerate(MPH_DIMENSIONS):
                items[:, 7 * k:7 * k + 7] = mph_dimension_items(lat[d], rng)
            big_n = _RESIDENTS[hood]
            weight = np.where(old == 1, big_n * pp / (n * ps), big_n * (1 - pp) / (n * (1 - ps)))
            block = pd.DataFrame(items.astype(np.int8) if item_dtype == "int8" else items,
                                 columns=[f"mph_{k}" for k in range(1, 43)])
            if item_dtype != "int8":
                mask = rng.random(items.shape) < spec["item_missing"]
                block = block.mask(mask).astype("Int64")
            block.insert(0, "weight", np.round(weight, 4))
            block.insert(0, "neighbourhood", hood)
            block.insert(0, "round", rnd)
            blocks.append(block)
    frame = pd.concat(blocks, ignore_index=True)
    frame.insert(0, "respondent_id", [f"WW{i:07d}" for i in range(1, len(frame) + 1)])
    return frame


# the cell means below are a fixed computation (seed, population size and the default
# parameters); computing them takes 2-3 s of a core, so they ship as data
# (impact/synth/data/monitor_truth_cells.json, written by :func:`write_truth_cells`)
# and tests/test_monitor.py recomputes them and compares
_TRUTH_CELLS = Path(__file__).with_name("data") / "monitor_truth_cells.json"


def _cell_means_computed():
    """Expected observed dimension means per (zuidwest, round, old): a fixed big population."""
    spec = WIJZER_IN_DE_WIJK
    rng = np.random.default_rng(_TRUTH_SEED)
    out = {}
    for zw in (0.0, 1.0):
        for r in range(len(spec["rounds"])):
            for old in (0.0, 1.0):
                lat = _latent(spec, _TRUTH_N, zw, r, np.full(_TRUTH_N, old), rng)
                out[(zw, r, old)] = {d: float(mph_dimension_items(lat[d], rng).mean())
                                     for d in MPH_DIMENSIONS}
    return out


def _truth_cells_key() -> dict:
    return {"seed": _TRUTH_SEED, "population_per_cell": _TRUTH_N,
            "parameters": json.loads(json.dumps(WIJZER_IN_DE_WIJK, sort_keys=True))}


def write_truth_cells(path=_TRUTH_CELLS) -> Path:
    """Compute the cell means and write them where :func:`_cell_means` reads them."""
    cells = [{"zuidwest": zw, "round": r, "old": old, "means": means}
             for (zw, r, old), means in _cell_means_computed().items()]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps({**_truth_cells_key(), "cells": cells}, indent=1) + "\n",
                          encoding="utf-8")
    return Path(path)


@lru_cache(maxsize=4)
def _cell_means(spec_key):
    """The cell means as shipped when they were computed for these parameters, else computed."""
    try:
        stored = json.loads(_TRUTH_CELLS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = None
    if stored is None or {k: stored.get(k) for k in _truth_cells_key()} != _truth_cells_key():
        return _cell_means_computed()
    return {(c["zuidwest"], c["round"], c["old"]): c["means"] for c in stored["cells"]}


def monitor_truth(spec=None) -> dict:
    """Expected (population) means, city means, differences and DiDs per neighbourhood."""
    spec = spec or WIJZER_IN_DE_WIJK
    cells = _cell_means("default")
    pp = spec["old_share_population"]
    rounds = spec["rounds"]
    hoods = DEN_HAAG_NEIGHBOURHOODS
    N = {h: _RESIDENTS[h] for h in hoods}
    mean = {}
    for h in hoods:
        zw = 1.0 if h in _ZUIDWEST else 0.0
        for r in range(len(rounds)):
            for d in MPH_DIMENSIONS:
                mean[(h, r, d)] = (pp * cells[(zw, r, 1.0)][d] + (1 - pp) * cells[(zw, r, 0.0)][d])
    total = sum(N.values())
    city = {(r, d): sum(N[h] * mean[(h, r, d)] for h in hoods) / total
            for r in range(len(rounds)) for d in MPH_DIMENSIONS}
    last = len(rounds) - 1
    estimates, reference, differences, did = [], [], [], []
    for (r, d), m in city.items():
        reference.append({"round": rounds[r], "outcome": f"mph_{d}", "mean": m})
    for h in hoods:
        for d in MPH_DIMENSIONS:
            # the rest of the city: everyone outside the neighbourhood (the comparator of the
            # level and of the change)
            rest = {r: (city[(r, d)] * total - N[h] * mean[(h, r, d)]) / (total - N[h])
                    for r in range(len(rounds))}
            for r in range(len(rounds)):
                estimates.append({"neighbourhood": h, "round": rounds[r], "outcome": f"mph_{d}",
                                  "mean": mean[(h, r, d)]})
                differences.append({"neighbourhood": h, "round": rounds[r],
                                    "outcome": f"mph_{d}",
                                    "difference": mean[(h, r, d)] - rest[r]})
            did.append({"neighbourhood": h, "outcome": f"mph_{d}",
                        "did": (mean[(h, last, d)] - rest[last]) - (mean[(h, 0, d)] - rest[0]),
                        "change": mean[(h, last, d)] - mean[(h, 0, d)]})
    return {"generator": "impact.synth.monitor.monitor_survey", "parameters": spec,
            "residents": N, "zuidwest": list(_ZUIDWEST), "truth_population_per_cell": _TRUTH_N,
            "estimates": estimates, "reference": reference, "differences": differences,
            "did": did}


_PROTOCOL_TEXT = {
    "title": "Wijzer in de Wijk, Den Haag Zuidwest: wijkmonitor Positieve Gezondheid",
    "funder": "Gemeente Den Haag (synthetisch voorbeeld)",
    "partners": ["Wijzer in de Wijk", "Welzijn op Recept Den Haag", "GGD Haaglanden"],
}


def wijzer_in_de_wijk(seed: int):
    """Wijzer in de Wijk (Den Haag Zuidwest): neighbourhood monitor plus referral register.

    ``responses.csv`` is the monitor survey (four rounds, ten neighbourhoods, one of them under
    the GGD rule of 50 respondents), ``referrals.csv`` a Welzijn op Recept register with a planted
    yearly rate ratio, ``population.csv`` the residents per neighbourhood and age group.
    """
    from ._base import Cohort
    from .referrals import population_table, referral_register

    survey = monitor_survey(seed)
    register, ref_truth = referral_register(seed)
    protocol = {
        "title": _PROTOCOL_TEXT["title"], "programme": "wijzer-in-de-wijk", "language": "nl",
        "rounds": list(WIJZER_IN_DE_WIJK["rounds"]), "instruments": ["mph"],
        "reference": "Den Haag", "min_cell_size": 10, "seed": int(seed),
        "monitor": {"min_respondents": 50, "focus": list(_ZUIDWEST)},
        "referrals": {"population": "population.csv"},
        "funder": _PROTOCOL_TEXT["funder"], "partners": _PROTOCOL_TEXT["partners"],
    }
    truth = {"programme": "wijzer-in-de-wijk", "seed": int(seed),
             "monitor": {"n_respondents": int(len(survey)), **monitor_truth()},
             "referrals": ref_truth}
    return Cohort("wijzer-in-de-wijk", int(seed), survey, register, protocol, truth,
                  extra={"population.csv": population_table()})
