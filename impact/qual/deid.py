"""De-identification of quotes before they reach a report or a funder.

Replaces, in this order: e-mail addresses, phone numbers, street addresses with a house number,
postcodes, BSN-like 9-digit numbers, and names (a shipped list of common Dutch first names plus any
names present in the data) by a placeholder: ``[e-mail]``, ``[telefoon]``, ``[adres]``,
``[postcode]``, ``[nummer]``, ``[naam]`` (English: ``[email]``, ``[phone]``, ``[address]``,
``[postcode]``, ``[number]``, ``[name]``).

This is a safety net, not a guarantee: a human reads every quote before it is published. It errs
on the side of removing too much.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["deidentify", "dutch_first_names", "DEID_LABELS"]

DEID_LABELS = {
    "nl": {"email": "[e-mail]", "phone": "[telefoon]", "address": "[adres]",
           "postcode": "[postcode]", "number": "[nummer]", "name": "[naam]"},
    "en": {"email": "[email]", "phone": "[phone]", "address": "[address]",
           "postcode": "[postcode]", "number": "[number]", "name": "[name]"},
}

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# 0 / +31 / 0031, optional (0), then an area or mobile digit and eight more digits with optional
# spaces, dashes, dots or slashes between them: 06-12345678, 06 - 12345678, +31 6 12345678,
# 071-1234567, 0031 (0)71 123 45 67, 0612345678; or an area code in brackets: (071) 123 45 67.
_SEP = r"(?:\s?[./-]\s?|\s)?"
_PHONE = re.compile(
    rf"(?<![\w+])(?:\+31|0031|\(\+31\))[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:{_SEP}\d){{8}}(?!\d)"
    rf"|(?<![\w+])0[1-9](?:{_SEP}\d){{8}}(?!\d)"
    rf"|\(0[1-9]\d{{0,2}}\)\s?\d(?:{_SEP}\d){{5,7}}(?!\d)")
_STREET_SUFFIX = (r"(?:straat|laan|weg|plein|singel|gracht|kade|dijk|steeg|dreef|hof|park|pad|"
                  r"baan|markt|plantsoen|kanaal|burgwal|wal|haven|veld|boulevard|dam|erf|hoek|"
                  r"kwartier|ring|oord|zijde|polder|straatweg|dwarsstraat|allee|promenade|pier)")
_ADDRESS = re.compile(
    r"(?:\b[A-Z][\w'.-]*\s+){0,3}\b[\w'-]*" + _STREET_SUFFIX +
    r"\s+\d{1,5}(?:\s?[-/]?\s?[a-zA-Z](?![a-zA-Z]))?(?:\s?[-/]\s?\d{1,4})?(?!\d)")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA\b|SD\b|SS\b)[A-Z]{2}\b|\b[1-9]\d{3}[a-z]{2}\b")
# 9 digits, optionally grouped 3-3-3 or 4-2-3 (how BSNs are written) with dots, spaces, dashes
_BSN = re.compile(r"(?<![\d.,])(?:\d{3}([.\s-]?)\d{3}\1\d{3}|\d{4}[.\s-]?\d{2}[.\s-]?\d{3})"
                  r"(?![\d]|[.,]\d)")
_PARTICLES = r"(?:van|de|der|den|het|ter|ten|te|op|in|'t|van der|van den|van de|de la|el|al)"


@lru_cache(maxsize=1)
def _name_list():
    text = resources.files("impact.qual").joinpath("data/first_names_nl.txt").read_text("utf-8")
    plain, ambiguous = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("*"):
            ambiguous.append(line[:-1])
        else:
            plain.append(line)
    return tuple(plain), tuple(ambiguous)


def dutch_first_names():
    """The shipped list of common Dutch first names (a tuple, ambiguous ones included)."""
    plain, ambiguous = _name_list()
    return plain + ambiguous


def _alternation(names):
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@lru_cache(maxsize=64)
def _name_patterns(extra: tuple):
    plain, ambiguous = _name_list()
    surname = rf"(?:(?:\s+{_PARTICLES}(?![\w-]))*\s+[A-Z][a-z\u00e0-\u00ff'-]+(?![\w-]))?"
    # shipped names: with a capital, as whole words, plus an optional surname after them
    shipped = re.compile(rf"(?<![\w-])(?:{_alternation(plain)})(?![\w-]){surname}")
    # ordinary-word names (Ben, Wil, ...): only capitalised inside a sentence
    amb = (re.compile(rf"(?<=[^.!?:\s\"'(\[])(\s+)(?:{_alternation(ambiguous)})(?![\w-]){surname}")
           if ambiguous else None)
    # names present in the data: any case, whole words
    data = (re.compile(rf"(?<![\w-])(?:{_alternation(extra)})(?![\w-])", re.IGNORECASE)
            if extra else None)
    return shipped, amb, data


def deidentify(text, names=(), *, lang="nl"):
    """Replace personal details in one text (or each text of a Series) by placeholders.

    Parameters
    ----------
    text : str or pandas Series
        A quote, or a Series of quotes (NA stays NA).
    names : iterable of str
        Names present in the data (participants, teachers, referrers: first names, surnames or
        full names); each word of length >= 2 is also replaced on its own, in any case.
    lang : {'nl', 'en'}
        Language of the placeholders.

    Returns
    -------
    str or Series
        The text with e-mail addresses, phone numbers (06-12345678, +31 6 12345678,
        071-1234567, ...), street addresses with a house number (Dutch street suffixes -straat,
        -laan, -weg, -plein, -singel, -gracht, -kade, ...), postcodes (1234 AB), BSN-like
        9-digit numbers and names replaced.

    Examples
    --------
    >>> deidentify("Bel Anna op 06-12345678", lang="en")
    'Bel [name] op [phone]'
    """
    if lang not in DEID_LABELS:
        raise ValueError("lang must be 'nl' or 'en'")
    extra = set()
    for name in names or ():
        if name is None or not isinstance(name, str):
            continue
        name = name.strip()
        if len(name) >= 2:
            extra.add(name)
            extra.update(w for w in re.split(r"\s+", name) if len(w) >= 2 and w[0].isupper())
    patterns = _name_patterns(tuple(sorted(extra)))
    labels = DEID_LABELS[lang]
    if hasattr(text, "map"):
        return text.map(lambda t: t if not isinstance(t, str) else _deid(t, patterns, labels))
    return _deid(text, patterns, labels)


def _deid(text, patterns, labels):
    shipped, amb, data = patterns
    text = _EMAIL.sub(labels["email"], text)
    text = _PHONE.sub(labels["phone"], text)
    text = _ADDRESS.sub(labels["address"], text)
    text = _POSTCODE.sub(labels["postcode"], text)
    text = _BSN.sub(labels["number"], text)
    if data is not None:
        text = data.sub(labels["name"], text)
    text = shipped.sub(labels["name"], text)
    if amb is not None:
        text = amb.sub(lambda m: m.group(1) + labels["name"], text)
    return text
