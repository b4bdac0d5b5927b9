"""Identifier detection for columns of response data (floor 2, data in).

A column whose header or content looks like a name, a way to reach someone, an address, a
postcode, a BSN or a date of birth is never described in a report; the protocol refuses it as a
``background`` column and the analysis checks the content. (Moved from ``impact.privacy``.)
"""

from __future__ import annotations

__all__ = ["identifier_like_name", "identifier_like_values", "looks_like_dates"]

# ---- identifiers ------------------------------------------------------------------------------
# Column headers (Dutch and English) that name a person, a way to reach them or a moment of their
# life. Matched on the lower-case header with separators removed.
_IDENTIFIER_NAMES = (
    ("a name", ("naam", "name", "voornaam", "achternaam", "firstname", "lastname", "surname",
                "fullname", "volledigenaam", "roepnaam")),
    ("an e-mail address", ("email", "mail", "emailadres", "emailaddress")),
    ("a phone number", ("telefoon", "telefoonnummer", "tel", "telnr", "phone", "phonenumber",
                        "mobiel", "mobile", "gsm")),
    ("an address", ("adres", "address", "straat", "street", "huisnummer", "woonplaats",
                    "streetaddress")),
    ("a postcode", ("postcode", "zip", "zipcode", "postalcode", "pc4", "pc6")),
    ("a citizen service number (BSN)", ("bsn", "burgerservicenummer", "ssn", "sofinummer")),
    ("a date of birth", ("geboortedatum", "dateofbirth", "dob", "birthdate", "birthday",
                         "gebdatum")),
    ("free text", ("opmerking", "opmerkingen", "toelichting", "comment", "comments", "notes",
                   "note", "remarks", "vrijetekst", "freetext", "tekst", "text")),
    ("a date", ("datum", "date", "intakedatum", "startdatum", "einddatum")),
)


def _squash(name: str) -> str:
    return "".join(ch for ch in str(name).lower() if ch.isalnum())


def identifier_like_name(name) -> str | None:
    """What a column header suggests it identifies ("a name", "an e-mail address", ...), or None.

    Dutch and English headers; ``naam``, ``E-mail``, ``Telefoon``, ``Postcode``, ``BSN``,
    ``Geboortedatum``, ``Datum``, ``opmerkingen`` and their English forms are caught, also as a
    prefix or suffix (``naam_deelnemer``, ``contact_email``).
    """
    squashed = _squash(name)
    if not squashed:
        return None
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in str(name).lower()).split()]
    for what, names in _IDENTIFIER_NAMES:
        if squashed in names or any(w in names for w in words):
            return what
        if any(squashed.startswith(n) or squashed.endswith(n) for n in names if len(n) >= 5):
            return what
    return None


_PATTERNS = (
    ("an e-mail address", r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"),
    ("a phone number", r"^(\+31|0031|0)[\s-]?[1-9](?:[\s-]?\d){8}$"),
    ("a postcode", r"^[1-9]\d{3}\s?[a-z]{2}$"),
    ("a date", r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ t]\d{1,2}:\d{2}(:\d{2})?)?$"),
)


def looks_like_dates(series) -> bool:
    """True when most non-empty values of ``series`` are dates (datetime dtype or date text)."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series):
        return True
    return identifier_like_values(series, only=("a date",)) == "a date"


def identifier_like_values(series, *, only=None) -> str | None:
    """What the values of a column look like (e-mail, phone, postcode, date, names or free
    text), or None. A pattern counts when at least half the non-empty values match it; mostly
    unique strings (more than 80% distinct, at least 10 values, not numbers) are names or free
    text."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series):
        return "a date"
    values = series.dropna()
    if pd.api.types.is_numeric_dtype(values) or values.empty:
        return None
    # each distinct value once, with how often it occurs (a long file's neighbourhood column
    # has a handful of distinct values in 300,000 rows)
    counts = values.astype(str).value_counts(sort=False)
    counts = pd.Series(counts.to_numpy(), index=counts.index.str.strip().str.lower())
    counts = counts.groupby(level=0, sort=False).sum()
    counts = counts[counts.index != ""]
    if counts.empty:
        return None
    text = pd.Series(counts.index, dtype=object)
    weights = counts.to_numpy()
    total = weights.sum()

    def share(mask) -> float:
        return float(weights[np.asarray(mask, bool)].sum() / total)

    for what, pattern in _PATTERNS:
        if only and what not in only:
            continue
        if share(text.str.match(pattern)) >= 0.5:
            return what
    if only:
        return None
    numeric = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    if share(numeric.notna()) >= 0.9:
        return None
    if total >= 10 and len(text) / total > 0.8:
        long = np.median(np.repeat(text.str.len().to_numpy(), weights)) > 40
        return "free text" if long else "names or other unique values"
    return None
