"""Item-level answers from latent scores, in each instrument's input coding (instruments.md).

Each generator takes latent scores ``theta`` (shape ``(n,)``) and a generator ``rng`` and returns
the answers (shape ``(n, items)``, floats so that blanks can be NaN) exactly as a respondent would
tick them, reversed items stored reversed. Each ``observed_*`` function is this module's own
scoring of complete answers, used only to compute the *expected observed* effects of the planted
truth from a large population; the package's scoring (``impact.score``) is what the tests check
against it.

Latent scales
-------------
``swemwbs``: raw-sum units 7-35 (answers ``rint(theta / 7 + e)`` clipped 1-5; observed score is
the Rasch metric of the raw sum). ``ucla3``: sum units 3-9. ``who5``: 0-100 units (answers
``rint(theta / 20 + e)`` clipped 0-5). ``mph``: one latent per dimension on 0-10 (answers
``rint(theta_dim + e)`` clipped 0-10; observed = dimension mean). ``djg11``/``djg6``: a latent
loneliness propensity ``eta`` (standard-normal-like units): item ``k`` is answered in the lonely
direction when ``u = eta + delta_k + e > 0``, strongly ("ja" on a negatively worded item, "nee"
on a positively worded one) when ``u > 0.8``, otherwise "min of meer"; the observed score is the
count of lonely answers (dichotomous scoring). ``pss10``: see :mod:`impact.synth.cohorts`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ITEM_GENERATORS", "OBSERVED", "SWEMWBS_METRIC", "MPH_DIMENSIONS", "ITEM_NOISE"]

#: SWEMWBS raw sum (7..35) -> Rasch metric score (Stewart-Brown et al. 2009, HQLO 7:15).
SWEMWBS_METRIC = np.array([
    7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98,
    18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31,
    30.70, 32.55, 35.00])

MPH_DIMENSIONS = ("body", "mental", "meaning", "quality", "participation", "daily")

# De Jong Gierveld item direction: True = negatively worded (emotional; "ja" is lonely).
_DJG11_NEGATIVE = np.array([False, True, True, False, True, True, False, False, True, True, False])
_DJG6_NEGATIVE = np.array([True, False, False, True, False, True])
# Item locations: some items are endorsed more easily than others (fixed, documented).
_DJG11_DELTA = np.linspace(-0.6, 0.6, 11)[[5, 1, 9, 3, 7, 0, 10, 2, 8, 4, 6]]
_DJG6_DELTA = np.linspace(-0.5, 0.5, 6)[[2, 4, 1, 5, 0, 3]]


#: SD of the item-level noise ``e`` of each generator (latent item units), recorded in truth.json.
ITEM_NOISE = {"swemwbs": 0.5, "ucla3": 0.5, "who5": 0.7, "mph": 1.2, "djg11": 0.8, "djg6": 0.8}


def _sum_items(theta, rng, k, lo, hi, noise):
    n = theta.shape[0]
    return np.clip(np.rint(theta[:, None] / k + rng.normal(0, noise, (n, k))), lo, hi)


def swemwbs_items(theta, rng, noise=ITEM_NOISE["swemwbs"]):
    return _sum_items(theta, rng, 7, 1, 5, noise)


def ucla3_items(theta, rng, noise=ITEM_NOISE["ucla3"]):
    return _sum_items(theta, rng, 3, 1, 3, noise)


def who5_items(theta, rng, noise=ITEM_NOISE["who5"]):
    n = theta.shape[0]
    return np.clip(np.rint(theta[:, None] / 20 + rng.normal(0, noise, (n, 5))), 0, 5)


def mph_dimension_items(theta, rng, noise=ITEM_NOISE["mph"]):
    """Seven 0-10 answers for one Positive Health dimension."""
    n = theta.shape[0]
    return np.clip(np.rint(theta[:, None] + rng.normal(0, noise, (n, 7))), 0, 10)


def _djg_items(eta, rng, negative, delta, noise=0.8):
    n = eta.shape[0]
    u = eta[:, None] + delta[None, :] + rng.normal(0, noise, (n, negative.size))
    lonely, strong = u > 0, u > 0.8
    # 1 nee, 2 min of meer, 3 ja
    neg = np.where(strong, 3, np.where(lonely, 2, 1))
    pos = np.where(strong, 1, np.where(lonely, 2, 3))
    return np.where(negative[None, :], neg, pos).astype(float)


def djg11_items(eta, rng, noise=ITEM_NOISE["djg11"]):
    return _djg_items(eta, rng, _DJG11_NEGATIVE, _DJG11_DELTA, noise)


def djg6_items(eta, rng, noise=ITEM_NOISE["djg6"]):
    return _djg_items(eta, rng, _DJG6_NEGATIVE, _DJG6_DELTA, noise)


def _djg_count(answers, negative):
    lonely = np.where(negative[None, :], answers >= 2, answers <= 2)
    return lonely.sum(axis=1).astype(float)


ITEM_GENERATORS = {"swemwbs": swemwbs_items, "ucla3": ucla3_items, "who5": who5_items,
                   "djg11": djg11_items, "djg6": djg6_items}

def _pss10_sum(answers):
    keyed = answers.copy()
    keyed[:, [3, 4, 6, 7]] = 4 - keyed[:, [3, 4, 6, 7]]  # items 4, 5, 7, 8 reversed
    return keyed.sum(axis=1)


OBSERVED = {
    "pss10_score": _pss10_sum,
    "swemwbs_score": lambda a: SWEMWBS_METRIC[(a.sum(axis=1) - 7).astype(int)],
    "ucla3_score": lambda a: a.sum(axis=1),
    "who5_score": lambda a: a.sum(axis=1) * 4,
    "djg11_score": lambda a: _djg_count(a, _DJG11_NEGATIVE),
    "djg6_score": lambda a: _djg_count(a, _DJG6_NEGATIVE),
    "mph": lambda a: a.mean(axis=1),
}
