"""Labels of outcomes, codes, waves and background columns in every report language (from the
instrument files, the codebook, the protocol and the i18n catalogues)."""

from __future__ import annotations

from ..i18n import languages


def _outcome_labels(protocol, column) -> dict:
    from ..instruments import instrument_of

    inst = instrument_of(column, protocol.instrument_objects or protocol.instruments)
    labels = ((getattr(inst, "extra", None) or {}).get("score_labels") or {}).get(column) \
        if inst is not None else None
    if isinstance(labels, dict) and labels:
        return {lang: str(labels.get(lang) or next(iter(labels.values()))) for lang in languages()}
    name = getattr(inst, "name", None) if inst is not None else None
    if name and column == getattr(inst, "score_column", None):
        return {lang: str(name) for lang in languages()}
    sub = column.split("_", 1)[1] if "_" in column else column
    base = f"{name}: {sub.replace('_', ' ')}" if name else column.replace("_", " ")
    return {lang: base for lang in languages()}


def _code_labels(codes) -> dict:
    from ..qual import default_codebook

    book = default_codebook()
    known = {c.id: c for c in book}
    out = {}
    for code in codes:
        c = known.get(code)
        out[code] = ({lang: c.name(lang) for lang in languages()} if c is not None
                     else {lang: str(code).replace("_", " ").capitalize() for lang in languages()})
    return out


def _wave_labels(protocol) -> dict:
    return {w: {lang: protocol.wave_label(w, lang) for lang in languages()}
            | {"weeks": (protocol.wave_info.get(w) or {}).get("weeks")}
            for w in protocol.waves}


def _background_label(col) -> dict:
    """A background column's label per language: the catalogue's ``background_labels`` (age,
    neighbourhood, referrer, ...), else the column name in words."""
    from ..i18n import messages

    out = {}
    for lang in languages():
        known = messages(lang).get("background_labels") or {}
        out[lang] = known.get(str(col).lower(), str(col).replace("_", " ").capitalize())
    return out


def _category_label(protocol, col, value) -> dict:
    """A background category's label per language, in the reader's words: the protocol's
    ``category_labels`` (``{column: {value: label or {nl, en}}}``), else the catalogue's
    ``category_labels`` (common values of gender, referrers, art forms, ... by lower-case
    value, whatever the column), else the value as the data record it, in every language (a
    place or a practice's name is its own label)."""
    from ..i18n import messages

    value = str(value)
    own = ((protocol.get("category_labels") or {}).get(col) or {}) if protocol is not None else {}
    given = own.get(value, own.get(value.lower())) if isinstance(own, dict) else None
    out = {}
    for lang in languages():
        if isinstance(given, str) and given.strip():
            out[lang] = given
            continue
        if isinstance(given, dict) and str(given.get(lang) or "").strip():
            out[lang] = str(given[lang])
            continue
        known = messages(lang).get("category_labels") or {}
        out[lang] = str(known.get(value.strip().lower(), value))
    return out
