"""Plain-language Summary-of-Findings statements (GRADE guidance 26) and follow-up durations.

A GRADE Summary of Findings gives, per outcome, a sentence whose wording carries both the
certainty of the evidence and the size and direction of the effect (Santesso N, Glenton C, Dahm P,
et al. GRADE guidelines 26: informative statements to communicate the findings of systematic
reviews of interventions. J Clin Epidemiol 2020;119:126-135, Table 1):

==========  =================================  =========================================
certainty   important effect                   little or no effect
==========  =================================  =========================================
high        "X reduces Y"                      "X results in little to no difference in Y"
moderate    "X probably reduces Y"             "X probably results in little to no ..."
low         "X may reduce Y"                   "X may result in little to no ..."
very low    "X may reduce Y, but the evidence is very uncertain" or
            "The evidence is very uncertain about the effect of X on Y"
==========  =================================  =========================================

with "slightly" for a small effect and "a large reduction/increase" for a large one. The wording
is data (``data/statements.yaml``, English and Dutch); this module only picks the cell. The
statement speaks of the direction of the score (reduce / increase); whether that is a benefit or a
harm follows from the outcome (an increase in stress reads as a harm), as in GRADE's own wording.

The size category is a judgement GRADE leaves to the authors; :func:`effect_size_category` offers
an explicit, documented rule (the minimal important difference where one is known, else the
standardised effect against Cohen's 0.2 / 0.5 / 0.8). The statement uses the point estimate; the
imprecision of the interval is already part of the certainty (GRADE 26, "the certainty rating
reflects the width of the confidence interval"). No number is printed in a statement, so a
statement discloses nothing beyond the certainty and the direction shown beside it.
"""

from __future__ import annotations

import math

__all__ = ["CERTAINTIES", "SIZES", "normalise_certainty", "effect_size_category", "sof_statement",
           "statement_for_effect", "statement_for_outcome", "certainty_label", "format_weeks",
           "followup_duration"]

CERTAINTIES = ("high", "moderate", "low", "very_low")
SIZES = ("large", "moderate", "small", "trivial")

# Spellings a caller may pass for a certainty level (GRADE English, GRADE-NL Dutch, 1-4 points).
_CERTAINTY_ALIASES = {
    "high": "high", "hoog": "high", "4": "high",
    "moderate": "moderate", "redelijk": "moderate", "matig": "moderate", "3": "moderate",
    "low": "low", "laag": "low", "2": "low",
    "very_low": "very_low", "very low": "very_low", "very-low": "very_low", "zeer laag": "very_low",
    "zeer_laag": "very_low", "1": "very_low",
}


def _catalogue() -> dict:
    """The statements of every language (``statements`` in the i18n catalogues)."""
    from ..i18n import languages, messages

    return {lang: messages(lang)["statements"] for lang in languages()}


def _lang(lang: str) -> str:
    from ..i18n import languages

    if lang not in languages():
        raise ValueError(f"language must be one of {languages()}, got {lang!r}")
    return lang


def normalise_certainty(value) -> str:
    """One of ``high, moderate, low, very_low`` from a level name (en or nl) or GRADE points 1-4.

    >>> normalise_certainty("Zeer laag"), normalise_certainty(3)
    ('very_low', 'moderate')
    """
    if isinstance(value, bool):
        raise ValueError(f"not a GRADE certainty level: {value!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value or int(value) != value:
            raise ValueError(f"not a GRADE certainty level: {value!r}")
        value = str(int(value))
    key = str(value).strip().lower()
    if key not in _CERTAINTY_ALIASES:
        raise ValueError(f"not a GRADE certainty level: {value!r} (use high, moderate, low or "
                         "very_low; hoog, redelijk, laag or zeer laag; or 1-4)")
    return _CERTAINTY_ALIASES[key]


def certainty_label(certainty, lang: str = "en") -> str:
    """The certainty level as a reader sees it: ``Moderate`` / ``Redelijk``."""
    return _catalogue()[_lang(lang)]["certainty_labels"][normalise_certainty(certainty)]


def _finite(x) -> float | None:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def effect_size_category(estimate, *, mid=None, d=None, thresholds=(0.2, 0.5, 0.8)):
    """Size and direction of an effect: ``(size, direction)``.

    size is ``trivial`` (little or no difference), ``small``, ``moderate`` or ``large``;
    direction is ``decrease`` or ``increase`` (of the score; None when the estimate is 0 or missing).

    Rule: with a minimal important difference ``mid`` (> 0, in score units), |estimate| < mid is
    ``trivial``. The size of an effect at or above the MID (or without one) comes from the
    standardised effect ``d`` (e.g. d_z or g_av of the results): |d| < thresholds[0] trivial, <
    thresholds[1] small, < thresholds[2] moderate, else large (Cohen 1988). With a MID but no d,
    an effect of at least the MID is ``small`` below 2 x MID and ``moderate`` from there (the
    largest claim a MID alone supports). Without either, the effect is not classifiable and the
    function returns ``(None, direction)``; :func:`sof_statement` then uses the very-uncertain
    wording only for very low certainty and otherwise refuses.

    Missing estimate: ``(None, None)``.
    """
    est = _finite(estimate)
    if est is None:
        return None, None
    direction = "decrease" if est < 0 else "increase" if est > 0 else None
    m = _finite(mid)
    dd = _finite(d)
    lo, mid_t, hi = thresholds
    if m is not None and m > 0 and abs(est) < m:
        return "trivial", direction
    if est == 0:
        return "trivial", None
    if dd is not None:
        a = abs(dd)
        size = "trivial" if a < lo else "small" if a < mid_t else "moderate" if a < hi else "large"
        if size == "trivial" and m is not None and m > 0:
            size = "small"  # at least the MID: important, however small in SD units
        return size, direction
    if m is not None and m > 0:
        return ("small" if abs(est) < 2 * m else "moderate"), direction
    return None, direction


def _in_sentence(outcome: str) -> str:
    """An outcome label as it reads inside a sentence: first letter lower case unless an acronym."""
    text = str(outcome).strip()
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence else sentence


def sof_statement(certainty, *, intervention: str, outcome: str, size: str | None = None,
                  direction: str | None = None, lang: str = "en", very_low: str = "direction",
                  lower_outcome: bool = True) -> str:
    """The GRADE plain-language statement for one outcome.

    Parameters
    ----------
    certainty : high, moderate, low, very_low (or hoog, redelijk, laag, zeer laag, or 4..1)
    intervention : what is evaluated, e.g. "Kunst op Recept"
    outcome : the outcome's label in the report language, e.g. "Ervaren stress"
    size : large, moderate, small or trivial (see :func:`effect_size_category`)
    direction : decrease or increase of the score (not needed for ``trivial``)
    lang : nl or en
    very_low : ``direction`` ("X may reduce Y, but the evidence is very uncertain", when size and
        direction are known and the effect is not trivial) or ``uncertain`` (always "The evidence
        is very uncertain about the effect of X on Y"); both are GRADE 26 wordings.
    lower_outcome : write the outcome label with a lower-case first letter (not for acronyms)

    >>> sof_statement("moderate", intervention="Art on Prescription", outcome="Stress",
    ...               size="moderate", direction="decrease")
    'Art on Prescription probably reduces stress.'
    >>> sof_statement("very_low", intervention="Kunst op Recept", outcome="Ervaren stress",
    ...               size="small", direction="decrease", lang="nl")
    'Kunst op Recept verlaagt mogelijk ervaren stress, maar het bewijs is zeer onzeker.'
    """
    cat = _catalogue()[_lang(lang)]
    level = normalise_certainty(certainty)
    if very_low not in ("direction", "uncertain"):
        raise ValueError(f"very_low must be 'direction' or 'uncertain', got {very_low!r}")
    if size is not None and size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, got {size!r}")
    if direction is not None and direction not in ("decrease", "increase"):
        raise ValueError(f"direction must be 'decrease' or 'increase', got {direction!r}")
    if not str(intervention).strip() or not str(outcome).strip():
        raise ValueError("intervention and outcome must be non-empty")
    values = {"intervention": str(intervention).strip(),
              "outcome": _in_sentence(outcome) if lower_outcome else str(outcome).strip()}
    if level == "very_low":
        if very_low == "direction" and size not in (None, "trivial") and direction is not None:
            template = cat["very_low"][direction]
        else:
            template = cat["very_low"]["uncertain"]
    else:
        if size is None:
            raise ValueError(f"a {level} certainty statement needs the size of the effect")
        row = cat[level][size]
        if size == "trivial":
            template = row
        else:
            if direction is None:
                raise ValueError(f"a {size} effect needs its direction (decrease or increase)")
            template = row[direction]
    return _capitalise(template.format(**values))


def statement_for_effect(certainty, estimate, *, intervention: str, outcome: str,
                         lang: str = "en", mid=None, d=None, very_low: str = "direction") -> str:
    """:func:`sof_statement` with size and direction from :func:`effect_size_category`.

    An unclassifiable effect (no MID and no standardised effect) or a missing estimate gives the
    very-uncertain wording at very low certainty; at higher certainty it is an error, because a
    GRADE statement above very low must say how large the effect is.
    """
    size, direction = effect_size_category(estimate, mid=mid, d=d)
    if size is None and normalise_certainty(certainty) == "very_low":
        return sof_statement(certainty, intervention=intervention, outcome=outcome, lang=lang,
                             very_low="uncertain")
    return sof_statement(certainty, intervention=intervention, outcome=outcome, size=size,
                         direction=direction, lang=lang, very_low=very_low)


def statement_for_outcome(outcome: dict, certainty, *, intervention: str, label: str,
                          lang: str = "en", mid=None, very_low: str = "direction") -> str:
    """The statement for one entry of the results' ``outcomes`` (or a ``comparisons`` row).

    Uses ``mean_change`` (or ``difference`` with a comparator) as the estimate and ``g_av``
    (else ``d_av``, else ``d_z``) as the standardised effect: g_av standardises by the SD of the
    scores, as a between-group SMD does, so the 0.2 / 0.5 / 0.8 bands mean the same in both
    designs (Lakens 2013, Front Psychol 4:863). ``label`` is the outcome's label in the report
    language (never its column id); ``mid`` the minimal important difference where known.
    """
    estimate = outcome.get("difference", outcome.get("mean_change"))
    d = next((outcome.get(k) for k in ("g_av", "d_av", "d_z", "smd")
              if _finite(outcome.get(k)) is not None), None)
    return statement_for_effect(certainty, estimate, intervention=intervention, outcome=label,
                                lang=lang, mid=mid, d=d, very_low=very_low)


def format_weeks(weeks, lang: str = "en") -> str:
    """A duration in weeks as a reader reads it: ``12 weken`` / ``12 weeks``, ``1 week``.

    Whole numbers print without decimals; others with one decimal (decimal comma in Dutch).
    Negative or missing values are an error: a follow-up lies after the baseline.
    """
    cat = _catalogue()[_lang(lang)]
    w = _finite(weeks)
    if w is None or w < 0:
        raise ValueError(f"weeks must be a number >= 0, got {weeks!r}")
    if abs(w - round(w)) < 1e-9:
        n = int(round(w))
        text = str(n)
    else:
        n = None
        from ..i18n import fmt_number

        text = fmt_number(w, lang, 1)
    form = cat["weeks"]["one" if n == 1 else "other"]
    return form.format(n=text)


def _wave_weeks(waves) -> dict:
    """``{wave id: weeks}`` from a protocol's waves: a list of ids or of {id, label, weeks}."""
    out = {}
    for wave in waves or ():
        if isinstance(wave, dict):
            wid = wave.get("id")
            weeks = _finite(wave.get("weeks"))
        else:
            wid = getattr(wave, "id", wave)
            weeks = _finite(getattr(wave, "weeks", None))
        if wid is not None:
            out[str(wid)] = weeks
    return out


def followup_duration(waves, followup, baseline=None, lang: str = "en") -> str | None:
    """The follow-up of a Summary-of-Findings row as a duration from the protocol's wave timing.

    ``waves`` is the protocol's wave list (DESIGN.md: ``{id, label, weeks}`` mappings, or objects
    with ``id`` and ``weeks``); the duration is weeks(followup) - weeks(baseline), baseline being
    the first wave when not given. Returns None when either wave has no timing (the caller then
    says so in its own words rather than printing wave ids such as "T0 -> T1").

    >>> followup_duration([{"id": "T0", "weeks": 0}, {"id": "T1", "weeks": 12}], "T1", lang="nl")
    '12 weken'
    """
    timing = _wave_weeks(waves)
    if not timing:
        return None
    if baseline is None:
        baseline = next(iter(timing))
    start, end = timing.get(str(baseline)), timing.get(str(followup))
    if start is None or end is None:
        return None
    if end < start:
        raise ValueError(f"follow-up wave {followup} lies before baseline {baseline} "
                         f"({end:g} < {start:g} weeks)")
    return format_weeks(end - start, lang)
