"""Choosing the quotes a report shows per theme.

A report shows a few quotes per theme (the protocol's ``report.quotes_per_theme``, default 2), not
every quote. :func:`select_quotes` picks them from the quotes table (DESIGN.md: ``quote_id,
participant_id, wave, source, role, text`` + optional ``selected``) and the themes of each quote
(a ``theme`` column, or the codings table ``unit, coder, code``).

Rules, per theme, in this order:

1. Quotes marked ``selected`` (true/false column; also 1/0, yes/no, ja/nee; empty = false) come
   first, in file order: the author's choice wins. At most ``per_theme`` of them.
2. The remaining places are filled one at a time with the best remaining quote by, in order:
   (a) no redaction token such as ``[naam]``, ``[telefoon]`` (de-identification placeholders: a
   quote full of holes reads badly) - so a quote with a token is only shown when no other quote
   of the theme is left; (b) readable length (``min_chars`` to ``max_chars`` characters);
   (c) a speaker (participant) not yet shown for this theme; (d) a role not yet shown for this
   theme (participant, teacher, referrer, ...); (e) a quote not already shown under another
   theme; (f) closest to ``ideal_chars``; (g) file order.

Pure function: no file is read, the input frames are not changed, the result is deterministic.
"""

from __future__ import annotations

import re

__all__ = ["select_quotes", "parse_selected", "has_redaction", "REDACTION_TOKENS"]

_TRUE = {"true", "1", "yes", "y", "ja", "j", "waar", "x", "selected", "gekozen"}
_FALSE = {"false", "0", "no", "n", "nee", "onwaar", ""}


def _tokens() -> tuple[str, ...]:
    from ..i18n import languages
    from .deid import deid_labels

    found = {tok for lang in languages() for tok in deid_labels(lang).values()}
    return tuple(sorted(found | {"[datum]", "[date]"}))


REDACTION_TOKENS = _tokens()
_TOKEN_RE = re.compile("|".join(re.escape(t) for t in REDACTION_TOKENS), re.I)


def has_redaction(text) -> bool:
    """Whether a quote carries a de-identification token (``[naam]``, ``[phone]``, ...)."""
    return bool(_TOKEN_RE.search(str(text or "")))


def parse_selected(values, *, column: str = "selected") -> list[bool]:
    """The ``selected`` column as booleans; an unreadable value is an error naming its row.

    Rows are numbered as in the CSV file (header = row 1, first quote = row 2).
    """
    out = []
    bad = []
    for i, value in enumerate(values):
        if isinstance(value, bool):
            out.append(value)
            continue
        if value is None or (isinstance(value, float) and value != value):
            out.append(False)
            continue
        if isinstance(value, (int, float)) and value in (0, 1):
            out.append(bool(value))
            continue
        key = str(value).strip().lower()
        if key in _TRUE:
            out.append(True)
        elif key in _FALSE:
            out.append(False)
        else:
            bad.append(f"row {i + 2}: {str(value)[:20]!r}")
            out.append(False)
    if bad:
        raise ValueError(f"column {column!r} must be true or false (also 1/0, yes/no, ja/nee, "
                         f"or empty); not readable: {'; '.join(bad[:10])}")
    return out


def _themes_of(quotes, theme, codings):
    """``{row position: [theme, ...]}`` in a stable order, and the themes in order of appearance."""
    per_row: dict[int, list] = {}
    order: list = []
    if codings is not None:
        missing = {"unit", "code"} - set(codings.columns)
        if missing:
            raise ValueError(f"codings lack column(s) {', '.join(sorted(missing))}")
        if "quote_id" not in quotes.columns:
            raise ValueError("quotes need a quote_id column to join the codings")
        codes: dict[str, list] = {}
        for unit, code in zip(codings["unit"].astype(str), codings["code"]):
            if code is None or (isinstance(code, float) and code != code):
                continue
            lst = codes.setdefault(unit, [])
            if code not in lst:
                lst.append(code)
            if code not in order:
                order.append(code)
        for pos, qid in enumerate(quotes["quote_id"].astype(str)):
            if qid in codes:
                per_row[pos] = codes[qid]
        return per_row, order
    if theme not in quotes.columns:
        raise ValueError(f"quotes have no {theme!r} column and no codings were given")
    for pos, value in enumerate(quotes[theme]):
        if value is None or (isinstance(value, float) and value != value) or str(value) == "":
            continue
        per_row[pos] = [value]
        if value not in order:
            order.append(value)
    return per_row, order


def select_quotes(quotes, *, per_theme: int = 2, theme: str = "theme", codings=None,
                  themes=None, min_chars: int = 40, max_chars: int = 280,
                  ideal_chars: int = 140):
    """The quotes a report shows: up to ``per_theme`` per theme, chosen by the rules above.

    Parameters
    ----------
    quotes : DataFrame with ``text`` and, for variety, ``participant_id`` and ``role``; an
        optional ``selected`` column; ``quote_id`` when ``codings`` are given.
    per_theme : quotes per theme (1 or more)
    theme : the column holding each quote's theme (used when ``codings`` is None)
    codings : DataFrame ``unit, coder, code``: a quote belongs to every code any coder gave it
    themes : the themes to fill, in this order (default: every theme, in order of appearance)

    Returns
    -------
    DataFrame: the chosen quotes' columns plus ``theme``, ``rank`` (1 = first shown) and
    ``chosen`` (``selected`` when the author marked it, else ``picked``), themes in order.
    """
    import pandas as pd

    if not isinstance(per_theme, int) or isinstance(per_theme, bool) or per_theme < 1:
        raise ValueError(f"per_theme must be a whole number >= 1, got {per_theme!r}")
    if "text" not in quotes.columns:
        raise ValueError("quotes need a text column")
    frame = quotes.reset_index(drop=True)
    selected = (parse_selected(frame["selected"].tolist()) if "selected" in frame.columns
                else [False] * len(frame))
    texts = [str(t) if t is not None and not (isinstance(t, float) and t != t) else ""
             for t in frame["text"]]
    length = [len(t.strip()) for t in texts]
    redacted = [has_redaction(t) for t in texts]
    speaker = (frame["participant_id"].astype(str).tolist() if "participant_id" in frame.columns
               else [str(i) for i in range(len(frame))])
    role = (frame["role"].astype(str).tolist() if "role" in frame.columns else [""] * len(frame))
    per_row, order = _themes_of(frame, theme, codings)
    if themes is not None:
        order = list(themes)
    used_anywhere: set[int] = set()
    rows = []
    for th in order:
        candidates = [pos for pos, ths in per_row.items() if th in ths and length[pos] > 0]
        candidates.sort()
        chosen: list[tuple[int, str]] = []
        for pos in candidates:
            if selected[pos] and len(chosen) < per_theme:
                chosen.append((pos, "selected"))
        rest = [pos for pos in candidates if pos not in {p for p, _ in chosen}]
        while len(chosen) < per_theme and rest:
            speakers = {speaker[p] for p, _ in chosen}
            roles = {role[p] for p, _ in chosen}

            def key(pos):
                readable = min_chars <= length[pos] <= max_chars
                return (redacted[pos], not readable, speaker[pos] in speakers,
                        role[pos] in roles, pos in used_anywhere,
                        abs(length[pos] - ideal_chars), pos)

            best = min(rest, key=key)
            chosen.append((best, "picked"))
            rest.remove(best)
        for rank, (pos, why) in enumerate(chosen, start=1):
            used_anywhere.add(pos)
            record = frame.iloc[pos].to_dict()
            record.update({"theme": th, "rank": rank, "chosen": why})
            rows.append(record)
    columns = list(frame.columns) + [c for c in ("theme", "rank", "chosen")
                                     if c not in frame.columns]
    return pd.DataFrame(rows, columns=columns)
