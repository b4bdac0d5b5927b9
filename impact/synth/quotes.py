"""Synthetic quotes and codings whose codes are linked to each participant's change.

Every quote is a few Dutch sentences, one per planted code, drawn from short templates written
for this package (no real interview text). Whether a code is planted in an end-of-programme quote
depends on the participant's standardised latent change ``z`` (positive = improvement):
``logit P(code) = a_code + b_code z``, so improvers mention pride and social contact more and
those who did not improve mention thresholds more. Intake quotes use ``a_code`` of the intake
table and no link to change. A few quotes carry planted personal details (a first name, a
mobile number ``06-xxxxxxxx``, a postcode ``1234 AB``) so that de-identification is exercised;
which quote holds which detail is in the truth.

Coders: each coder keeps a planted code with probability ``sensitivity`` and adds each absent
code with probability ``false_positive`` (multi-label). The expected per-code Krippendorff alpha
(nominal, binary presence) and percent agreement under these rates are computed from a large
fixed population and written to the truth.
"""

from __future__ import annotations

import copy
from functools import lru_cache

import numpy as np

__all__ = ["CODES", "make_quotes", "quote_truth_parameters"]

#: Code ids (the six Positive Health dimensions, then programme themes).
CODES = ("body", "mental", "meaning", "quality", "participation", "daily", "self_confidence",
         "social_contact", "pride", "something_to_hold_on_to", "being_taken_seriously", "threshold")

# a (intercept at z = 0, end quotes), b (slope on the standardised change), a at intake
_LINK = {
    "body": (-1.8, 0.0, -1.6),
    "mental": (-1.2, 0.5, -0.6),
    "meaning": (-1.6, 0.4, -2.0),
    "quality": (-1.6, 0.3, -2.0),
    "participation": (-1.4, 0.4, -1.6),
    "daily": (-1.9, 0.0, -1.8),
    "self_confidence": (-1.3, 0.7, -2.2),
    "social_contact": (-0.9, 0.8, -1.0),
    "pride": (-1.1, 1.0, -3.0),
    "something_to_hold_on_to": (-1.4, 0.5, -2.4),
    "being_taken_seriously": (-1.8, 0.2, -1.4),
    "threshold": (-1.7, -0.8, -0.8),
}

_TEMPLATES = {
    "body": ["Ik slaap beter sinds ik hier kom.", "Mijn lijf doet minder pijn als ik bezig ben.",
             "Ik merk dat ik meer energie heb.", "Lichamelijk gaat het nog niet zo goed."],
    "mental": ["Mijn hoofd is rustiger geworden.", "Ik pieker minder dan eerst.",
               "Ik voel me vaker vrolijk.", "Ik had veel stress en somberheid."],
    "meaning": ["Het geeft mijn week weer zin.", "Ik heb weer iets om naar uit te kijken.",
                "Ik zie weer waarom ik dingen doe."],
    "quality": ["Ik geniet weer van kleine dingen.", "Mijn leven voelt wat lichter.",
                "Het gaat gewoon beter met me."],
    "participation": ["Ik doe weer mee in de buurt.", "Ik ben ook naar het buurthuis gegaan.",
                      "Ik help nu mee bij de tentoonstelling."],
    "daily": ["Ik krijg mijn dag beter rond.", "Ik kan mijn tijd beter indelen.",
              "Ik vraag sneller om hulp als het nodig is."],
    "self_confidence": ["Ik durf meer dan eerst.", "Ik heb meer vertrouwen in mezelf gekregen.",
                        "Ik durfde mijn werk aan anderen te laten zien."],
    "social_contact": ["Ik heb nieuwe mensen leren kennen.", "We drinken nu ook buiten de les "
                       "koffie samen.", "Ik voel me minder alleen.",
                       "Het contact met de groep doet me goed."],
    "pride": ["Ik ben echt trots op wat ik gemaakt heb.", "Mijn familie was verrast door mijn werk.",
              "Dat ik dit kan, had ik nooit gedacht."],
    "something_to_hold_on_to": ["De vaste dag in de week geeft me houvast.",
                                "Het ritme van de lessen helpt me.",
                                "Het is een anker in mijn week."],
    "being_taken_seriously": ["Ik voelde me echt gehoord.", "De begeleider nam me serieus.",
                        "Er werd naar me geluisterd zonder oordeel."],
    "threshold": ["De eerste stap was moeilijk.", "Ik zag erg op tegen de groep.",
                  "Het vervoer ernaartoe is lastig.", "Soms lukte het niet om te gaan."],
}

_ROLE_TEMPLATES = {
    "teacher": "De docent vertelt: ",
    "referrer": "De verwijzer vertelt: ",
    "welfare_worker": "De welzijnscoach vertelt: ",
}

_FIRST_NAMES = ("Ans", "Henk", "Fatima", "Joke", "Kees", "Sanne", "Mohamed", "Ria", "Bram",
                "Nadia", "Wim", "Esther")

SENSITIVITY = 0.85
FALSE_POSITIVE = 0.03
PII_RATE = 0.08
_AGREEMENT_POPULATION = 100_000
_AGREEMENT_SEED = 20_261_124


def _pii_sentence(kind, rng):
    if kind == "name":
        return f"Ik ben {rng.choice(_FIRST_NAMES)}, zeg maar gewoon je."
    if kind == "phone":
        return f"Bel me gerust op 06-{rng.integers(10_000_000, 100_000_000)}."
    letters = "ABCDEGHJKLMNPRSTVXZ"
    return (f"Ik woon op postcode {rng.integers(1000, 10_000)} "
            f"{letters[rng.integers(len(letters))]}{letters[rng.integers(len(letters))]}.")


@lru_cache(maxsize=None)
def _expected_agreement(n_coders):
    """Expected percent agreement and nominal alpha per code for the planted coder rates."""
    rng = np.random.default_rng(_AGREEMENT_SEED)
    out = {}
    for code in CODES:
        a, b, _ = _LINK[code]
        z = rng.standard_normal(_AGREEMENT_POPULATION)
        present = rng.random(z.size) < 1 / (1 + np.exp(-(a + b * z)))
        p_yes = np.where(present, SENSITIVITY, FALSE_POSITIVE)
        given = rng.random((z.size, n_coders)) < p_yes[:, None]
        ones = given.sum(axis=1)
        zeros = n_coders - ones
        n = z.size * n_coders
        o01 = (ones * zeros).sum() / (n_coders - 1)
        alpha = 1 - (n - 1) * o01 / (ones.sum() * zeros.sum())
        agree = float(np.mean((ones == 0) | (ones == n_coders)))
        out[code] = {"krippendorff_alpha": round(float(alpha), 4),
                     "percent_agreement": round(100 * agree, 2)}
    return out


def quote_truth_parameters(n_coders):
    """The planted quote and coding parameters, for truth.json."""
    return {
        "codes": list(CODES),
        "link": "logit P(code in end quote) = a + b * z, z = standardised latent change "
                "(positive = improvement); intake quotes: logit P = a_intake",
        "a": {c: _LINK[c][0] for c in CODES},
        "b": {c: _LINK[c][1] for c in CODES},
        "a_intake": {c: _LINK[c][2] for c in CODES},
        "coders": n_coders,
        "coder_sensitivity": SENSITIVITY,
        "coder_false_positive": FALSE_POSITIVE,
        "pii_rate": PII_RATE,
        "expected_agreement": copy.deepcopy(_expected_agreement(n_coders)),
        "expected_agreement_note": "per code, binary presence, nominal Krippendorff alpha and "
                                   "percent of units on which all coders agree, for end-of-"
                                   "programme quotes (z ~ N(0, 1)); intake quotes have other "
                                   "code prevalences, so a cohort's alpha differs slightly",
        "agreement_population": _AGREEMENT_POPULATION,
    }


def make_quotes(ids, z_change, baseline_wave, end_wave, completed, rng, *, prefix,
                staff_role="teacher", n_coders=2, exit_share=0.6, observations=6):
    """Quotes and codings for participants ``ids`` with standardised latent change ``z_change``.

    Returns ``(quotes, codings, truth)``: two DataFrames in the DESIGN.md formats and a dict with
    ``planted_codes`` (quote_id -> list of codes) and ``pii`` (quote_id -> list of detail kinds).
    """
    import pandas as pd

    ids = list(ids)
    z_change = np.asarray(z_change, float)
    completed = np.asarray(completed, bool)
    a = np.array([_LINK[c][0] for c in CODES])
    b = np.array([_LINK[c][1] for c in CODES])
    a0 = np.array([_LINK[c][2] for c in CODES])
    units = []  # (participant index, wave, source, role, logits)
    for i in range(len(ids)):
        if rng.random() < 0.7:
            units.append((i, baseline_wave, "intake_interview", "participant", a0))
        if completed[i]:
            src = "exit_interview" if rng.random() < exit_share else "evaluation_form"
            units.append((i, end_wave, src, "participant", a + b * z_change[i]))
    done = np.nonzero(completed)[0]
    for i in rng.choice(done, size=min(observations, done.size), replace=False) if done.size else []:
        role = staff_role if rng.random() < 0.8 else "referrer"
        units.append((int(i), end_wave, "observation", role, a + b * z_change[i]))
    rows, codings, planted, pii = [], [], {}, {}
    for q, (i, wave, source, role, logits) in enumerate(units, start=1):
        qid = f"{prefix}-Q{q:03d}"
        p = 1 / (1 + np.exp(-logits))
        present = rng.random(len(CODES)) < p
        if not present.any():
            present[np.argmax(p)] = True
        codes = [c for c, keep in zip(CODES, present) if keep]
        sentences = [rng.choice(_TEMPLATES[c]) for c in codes]
        order = rng.permutation(len(sentences))
        text = " ".join(sentences[j] for j in order)
        kinds = []
        if role == "participant" and rng.random() < PII_RATE:
            kinds = [["name", "phone", "postcode"][rng.integers(3)]]
            text = f"{text} {_pii_sentence(kinds[0], rng)}"
        if role != "participant":
            text = f'{_ROLE_TEMPLATES[role]}een deelnemer zei: "{text}"'
        rows.append({"quote_id": qid, "participant_id": ids[i], "wave": wave, "source": source,
                     "role": role, "text": text})
        planted[qid] = codes
        if kinds:
            pii[qid] = kinds
        for coder in range(1, n_coders + 1):
            given = np.where(present, rng.random(len(CODES)) < SENSITIVITY,
                             rng.random(len(CODES)) < FALSE_POSITIVE)
            for c, g in zip(CODES, given):
                if g:
                    codings.append({"unit": qid, "coder": f"coder{coder}", "code": c})
    quotes = pd.DataFrame(rows, columns=["quote_id", "participant_id", "wave", "source", "role",
                                         "text"])
    codings = pd.DataFrame(codings, columns=["unit", "coder", "code"])
    return quotes, codings, {"planted_codes": planted, "pii": pii}
