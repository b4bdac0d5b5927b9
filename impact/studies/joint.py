"""Mixed-methods joint displays: quantitative change beside qualitative codes and quotes.

Three displays (Fetters, Curry and Creswell 2013, Health Serv Res 48:2134,
doi:10.1111/1475-6773.12117; Guetterman, Fetters and Creswell 2015, Ann Fam Med 13:554):

* :func:`statistics_by_theme`: each outcome's change beside the codes and exemplar quotes that
  speak to it;
* :func:`themes_by_change`: how often each code occurs among improved, unchanged and
  deteriorated participants (reliable-change categories), with small cells suppressed;
* :func:`side_by_side`: one row per participant (fresh labels P01, P02, ...; no demographics),
  only when at least ``min_cell_size`` participants are shown.

Inputs are frames, not files: a per-participant change frame (``participant_id``, a
reliable-change ``category`` column with values improved / recovered / unchanged /
deteriorated, optionally ``outcome`` and ``change``), a code x participant 0/1 matrix (index
``participant_id``, one column per code) and an exemplar-quotes table (``code, text, role,
wave``; optional ``participant_id`` and ``valence``).

Linking outcomes to codes
-------------------------
:data:`DEFAULT_OUTCOME_CODES` maps an outcome column or an instrument id to *terms*; a code is
linked when one of its ``/``-separated segments (lower case, spaces and hyphens read as ``_``)
equals a term: ``mental/self-confidence`` is linked to ``pss10_score`` through ``mental`` and to
``mph_mental``. Pass ``mapping={outcome: [code or term, ...]}`` to override.

Valence of codes and quotes
---------------------------
A quote's ``valence`` column (positive/negative/neutral or 1/-1/0) wins; otherwise its code's
valence from ``valence={code: 1|-1|0}``; otherwise a segment of the code in
:data:`POSITIVE_TERMS` (+1) or :data:`NEGATIVE_TERMS` (-1); otherwise 0 (neutral).

Converges / diverges / expands (explicit rules, :func:`joint_inference`)
-----------------------------------------------------------------------
quantitative direction q: +1 when the outcome improved (95% CI of the change excludes zero in
the good direction; for a participant: reliably improved or recovered), -1 when it worsened,
0 when no clear change, None when the direction is unknown. Qualitative direction v: +1 when at
least ``predominance`` (default 2/3) of the valenced quotes (or of the participant's valenced
codes) are positive, -1 when at least that share is negative, 0 when mixed, None when nothing
is valenced.

* ``silent``: no qualitative material speaks to it (no linked code was given to anyone);
* ``converges``: q and v are known and equal (also: no clear change and mixed accounts);
* ``diverges``: q and v are both non-zero and opposite;
* ``expands``: every other case with qualitative material: the accounts add meaning the numbers
  do not have (a direction on one side only, or unvalenced material).

For :func:`themes_by_change` the direction of a code is the sign of the difference between the
share of improved participants with the code and the share of the other participants with it,
when that difference is at least ``min_difference`` (default 10 percentage points); a positive
code more frequent among the improved converges, less frequent diverges; a difference under the
threshold, or a neutral code, expands. Only shown cells enter the rule (improved against the
unchanged and deteriorated cells that are not suppressed); when the improved cell or every
other non-empty cell is suppressed the inference is ``suppressed``; when no participant
improved, or nobody else is left to compare with, it is ``not_comparable``.
"""

from __future__ import annotations

import re

from .._result import TableResult, clean_json
from ..smallcells import DEFAULT_MIN_CELL_SIZE, small_mask
from ..errors import InputError

__all__ = ["statistics_by_theme", "themes_by_change", "side_by_side", "joint_inference",
           "code_valence", "linked_codes", "suppress_small_counts", "JointDisplay",
           "DEFAULT_OUTCOME_CODES", "POSITIVE_TERMS", "NEGATIVE_TERMS", "CHANGE_CATEGORIES"]

# outcome column or instrument id -> code terms (segments of code names)
# Terms are the code ids of impact's default codebook (impact/qual/data/codebook.yaml: the six
# Positive Health dimensions body, mental, meaning, quality, participation, daily, with children
# self_confidence and pride under mental, something_to_hold_on_to under meaning, social_contact
# and being_taken_seriously under participation) plus common English theme words. 'threshold'
# (drempel: access to the programme) is deliberately linked to no outcome.
_MENTAL = ("mental", "self_confidence", "pride", "stress", "coping", "relaxation")
_SOCIAL = ("participation", "social_contact", "being_taken_seriously", "social", "loneliness")
_WELLBEING = ("mental", "self_confidence", "pride", "meaning", "something_to_hold_on_to",
              "quality", "wellbeing")
DEFAULT_OUTCOME_CODES = {
    "pss10": _MENTAL, "pss4": _MENTAL, "k10": ("mental", "stress", "mood"),
    "wemwbs": _WELLBEING, "swemwbs": _WELLBEING, "who5": ("mental", "quality", "wellbeing", "mood"),
    "mhi5": ("mental", "mood"),
    "djg11": _SOCIAL, "djg6": _SOCIAL, "ucla3": _SOCIAL,
    "ons4": ("quality", "meaning", "something_to_hold_on_to", "wellbeing"),
    "mph_body": ("body",),
    "mph_mental": ("mental", "self_confidence", "pride"),
    "mph_meaning": ("meaning", "something_to_hold_on_to"),
    "mph_quality": ("quality",),
    "mph_participation": ("participation", "social_contact", "being_taken_seriously"),
    "mph_daily": ("daily",),
}
POSITIVE_TERMS = frozenset({"gain", "gains", "positive", "better", "improvement", "improved",
                            "benefit", "winst", "positief", "verbetering", "opbrengst"})
NEGATIVE_TERMS = frozenset({"barrier", "barriers", "negative", "worse", "problem", "problems",
                            "deterioration", "drempel", "drempels", "negatief", "verslechtering",
                            "probleem"})
CHANGE_CATEGORIES = ("improved", "unchanged", "deteriorated")
_CATEGORY_ALIASES = {"improved": "improved", "recovered": "improved", "unchanged": "unchanged",
                     "deteriorated": "deteriorated"}
_DIRECTION = {"improved": 1, "unchanged": 0, "deteriorated": -1}
_VALENCE_WORDS = {"positive": 1, "negative": -1, "neutral": 0, "mixed": 0, "positief": 1,
                  "negatief": -1, "neutraal": 0}


class JointDisplay(TableResult):
    """A joint display: one row per outcome, code or participant, with an ``inference``."""

    def __init__(self, rows, kind, title="", notes=None, meta=None):
        super().__init__(rows, title=title, notes=notes)
        self.kind = kind
        self.meta = dict(meta or {})

    def to_dict(self):
        return clean_json({"kind": self.kind, "rows": self.rows, "notes": self.notes,
                           "meta": self.meta})

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([{k: (", ".join(map(str, v)) if isinstance(v, list) and
                                  all(not isinstance(x, dict) for x in v) else v)
                              for k, v in r.items() if k != "quotes"} for r in self.rows])


# -- small, testable rules ---------------------------------------------------------------------
def suppress_small_counts(counts, min_cell_size: int, *, suppress_zeros: bool = False):
    """Boolean mask (same shape) of counts to suppress: ``0 < n < min_cell_size`` (CBS microdata
    output rule: at least 10 observations per cell); zeros too with ``suppress_zeros``.

    The package's general guard is :func:`impact.smallcells.suppress_small_cells`; when that module
    is present the joint displays call it (primary suppression, same rule); this function is the
    local fallback and the rule's executable statement.
    """
    import numpy as np

    if not isinstance(min_cell_size, int) or isinstance(min_cell_size, bool) or min_cell_size < 1:
        raise InputError(f"min_cell_size must be a whole number >= 1, got {min_cell_size!r}",
                         column="min_cell_size", rule="min cell size")
    return small_mask(np.asarray(counts), min_cell_size, suppress_zeros=suppress_zeros)


def _suppression_mask(counts, columns, min_cell_size, suppress_zeros):
    """Primary small-cell suppression of a codes x categories count array: through
    :mod:`impact.smallcells` when it exists (no secondary suppression: code counts are
    multi-label, so cells do not add up to the category totals), else locally."""
    try:
        from ..smallcells import suppress_small_cells
    except ImportError:
        return suppress_small_counts(counts, min_cell_size, suppress_zeros=suppress_zeros)
    import numpy as np
    import pandas as pd

    suppress_small_counts(counts, min_cell_size)          # same argument check everywhere
    frame = pd.DataFrame(counts, columns=list(columns))
    out, _ = suppress_small_cells(frame, list(columns), min_cell_size, column_totals=False,
                                  row_totals=False, suppress_zeros=suppress_zeros)
    return np.array(out.attrs["suppressed"].to_numpy(dtype=bool), copy=True)


def _segments(code) -> list[str]:
    return [re.sub(r"[\s\-]+", "_", s.strip().lower()) for s in str(code).split("/") if s.strip()]


def code_valence(code, valence=None) -> int:
    """+1, -1 or 0 for a code: the ``valence`` mapping, else its name's segments (module doc)."""
    if valence and code in valence:
        return _valence_value(valence[code], f"valence[{code!r}]")
    segs = set(_segments(code))
    if segs & NEGATIVE_TERMS:
        return -1
    if segs & POSITIVE_TERMS:
        return 1
    return 0


def _valence_value(value, where) -> int:
    if isinstance(value, str) and value.strip().lower() in _VALENCE_WORDS:
        return _VALENCE_WORDS[value.strip().lower()]
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{where}: valence must be positive, negative, neutral or 1, -1, 0; got "
                         f"{value!r}", column="valence", rule="valence values") from None
    if number not in (1.0, 0.0, -1.0):
        raise InputError(f"{where}: valence must be 1, 0 or -1, got {value!r}", column="valence",
                         rule="valence values")
    return int(number)


def linked_codes(outcome: str, codes, mapping=None) -> list[str]:
    """Codes (from the iterable ``codes``) linked to ``outcome`` (module docstring)."""
    source = mapping if mapping is not None and outcome in mapping else DEFAULT_OUTCOME_CODES
    terms = source.get(outcome)
    if terms is None:
        terms = source.get(str(outcome).split("_", 1)[0], ())
    if isinstance(terms, str):
        terms = [terms]
    wanted = {re.sub(r"[\s\-]+", "_", str(t).strip().lower()) for t in terms}
    exact = {str(t) for t in terms}
    return [c for c in codes if str(c) in exact or set(_segments(c)) & wanted]


def joint_inference(q, v, has_qualitative: bool = True) -> str:
    """converges / diverges / expands / silent from directions q and v (module docstring)."""
    if not has_qualitative:
        return "silent"
    if q is not None and v is not None:
        if q == v:
            return "converges"
        if q != 0 and v != 0 and q == -v:
            return "diverges"
    return "expands"


def _predominant(values, predominance: float):
    values = [v for v in values if v != 0]
    if not values:
        return None
    pos = sum(1 for v in values if v > 0) / len(values)
    if pos >= predominance:
        return 1
    if 1 - pos >= predominance:
        return -1
    return 0


# -- input checks ------------------------------------------------------------------------------
def _check_codes(codes):
    import pandas as pd

    if not isinstance(codes, pd.DataFrame):
        raise InputError("the code matrix must be a DataFrame (index participant_id, one 0/1 "
                         "column per code)", file="codes", rule="code matrix")
    if "participant_id" in codes.columns:
        codes = codes.set_index("participant_id")
    values = codes.apply(pd.to_numeric, errors="coerce")
    bad = ~values.isin([0, 1])
    if bad.to_numpy().any():
        row, col = next(zip(*bad.to_numpy().nonzero()))
        raise InputError(f"code matrix values must be 0 or 1; participant {codes.index[row]!r} "
                         f"has {codes.iat[row, col]!r}", file="codes", row=int(row) + 2,
                         column=str(codes.columns[col]), rule="code matrix is 0/1")
    values.index = values.index.astype(str)
    return values.astype(int)


def _check_change(change, outcome, category_col, id_col):
    import pandas as pd

    if not isinstance(change, pd.DataFrame):
        raise InputError("the change frame must be a DataFrame", file="change", rule="change frame")
    for col in (id_col, category_col):
        if col not in change.columns:
            raise InputError(f"the change frame needs a column '{col}'", file="change",
                             column=col, rule="change frame columns")
    frame = change
    if "outcome" in frame.columns:
        outcomes = list(dict.fromkeys(frame["outcome"].astype(str)))
        if outcome is None:
            if len(outcomes) > 1:
                raise InputError(f"the change frame holds several outcomes {outcomes}; pass "
                                 "outcome=", file="change", column="outcome",
                                 rule="one outcome per display")
            outcome = outcomes[0] if outcomes else None
        frame = frame.loc[frame["outcome"].astype(str) == str(outcome)]
    cats = frame[category_col].astype("string").str.strip().str.lower()
    mapped = cats.map(_CATEGORY_ALIASES)
    bad = mapped.isna() & cats.notna()
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(f"reliable-change category must be one of improved, recovered, "
                         f"unchanged, deteriorated; got {frame[category_col].iloc[pos]!r}",
                         file="change", row=pos + 2, column=category_col,
                         rule="reliable-change categories")
    out = pd.DataFrame({"participant_id": frame[id_col].astype(str).to_numpy(),
                        "category": mapped.to_numpy()})
    if "change" in frame.columns:
        out["change"] = pd.to_numeric(frame["change"], errors="coerce").to_numpy()
    out = out.dropna(subset=["category"]).drop_duplicates("participant_id")
    return out, outcome


def _quote_valences(quotes, valence):
    """Per-quote valence: the quote's own column, else its code's valence."""
    if quotes is None or len(quotes) == 0:
        return []
    out = []
    has_col = "valence" in quotes.columns
    for i, (code, own) in enumerate(zip(quotes["code"], quotes["valence"] if has_col
                                        else [None] * len(quotes))):
        if own is not None and not (isinstance(own, float) and own != own) and str(own) != "<NA>":
            out.append(_valence_value(own, f"quotes row {i + 2}"))
        else:
            out.append(code_valence(code, valence))
    return out


def _text_or_none(value):
    if value is None or (isinstance(value, float) and value != value) or str(value) in ("<NA>", "nan"):
        return None
    return str(value)


def _check_quotes(quotes):
    import pandas as pd

    if quotes is None:
        return None
    if not isinstance(quotes, pd.DataFrame):
        raise InputError("the quotes table must be a DataFrame", file="quotes", rule="quotes")
    for col in ("code", "text"):
        if col not in quotes.columns:
            raise InputError(f"the quotes table needs a column '{col}'", file="quotes",
                             column=col, rule="quotes columns")
    return quotes.reset_index(drop=True)


# -- displays ----------------------------------------------------------------------------------
def _outcome_direction(row, options=None):
    from ..evidence._common import benefit_interval, higher_is_better, num

    better = higher_is_better(str(row.get("outcome")), row, options)
    turned = benefit_interval(num(row.get("mean_change")), num(row.get("ci_low")),
                              num(row.get("ci_high")), better)
    if turned is None:
        return None
    return 1 if turned[1] > 0 else -1 if turned[2] < 0 else 0


def statistics_by_theme(results, codes, quotes=None, *, mapping=None, valence=None,
                        max_quotes: int = 2, min_cell_size: int = DEFAULT_MIN_CELL_SIZE,
                        predominance: float = 2 / 3) -> JointDisplay:
    """Each outcome beside the codes and exemplar quotes that speak to it.

    Parameters
    ----------
    results : dict or impact.Results
        Results of ``impact analyse`` (``outcomes`` are read, not recomputed).
    codes : pandas.DataFrame
        Code x participant 0/1 matrix (index ``participant_id``, one column per code).
    quotes : pandas.DataFrame, optional
        Exemplar quotes: ``code, text`` (+ ``role, wave``, optional ``valence``).
    mapping : dict, optional
        Outcome -> codes or terms; default :data:`DEFAULT_OUTCOME_CODES`.
    valence : dict, optional
        Code -> 1, -1 or 0 (or positive/negative/neutral).
    max_quotes : int
        Exemplar quotes per outcome.
    min_cell_size : int
        The number of participants with a linked code is shown only when at least this.
    predominance : float
        Share of valenced quotes needed for a predominant direction.

    Returns
    -------
    JointDisplay
        Rows ``outcome, n_paired, mean_change, ci_low, ci_high, d_z, quantitative (improved |
        worsened | no_clear_change | unknown), codes, n_coded (None when suppressed),
        n_coded_suppressed, qualitative (positive | negative | mixed | none), quotes
        [{code, text, role, wave}], inference``.

    Notes
    -----
    Rules for the inference in the module docstring.

    Examples
    --------
    ``results`` from :func:`impact.analyse`, ``codes`` from :func:`impact.code_matrix` and
    ``coded_quotes`` (``code, text, role, wave``, e.g. from :func:`impact.exemplar_quotes`):

    >>> display = impact.statistics_by_theme(results, codes, coded_quotes)
    >>> display.to_frame()[["outcome", "n_paired", "quantitative", "n_coded", "inference"]]
                   outcome  n_paired quantitative  n_coded inference
    0          pss10_score        20     improved       24   expands
    1   pss10_helplessness        18     improved       24   expands
    2  pss10_self_efficacy        20     improved       24   expands
    """
    from ..evidence._common import as_results

    results = as_results(results)
    matrix = _check_codes(codes)
    quotes = _check_quotes(quotes)
    qvals = _quote_valences(quotes, valence)
    rows = []
    for o in results.get("outcomes") or []:
        name = str(o.get("outcome"))
        linked = linked_codes(name, list(matrix.columns), mapping)
        coded = int((matrix[linked].sum(axis=1) > 0).sum()) if linked else 0
        hidden = bool(_suppression_mask([[coded]], ["n"], min_cell_size, False)[0, 0]) \
            if linked else False
        chosen, vals = [], []
        if quotes is not None and linked:
            for i, code in enumerate(quotes["code"]):
                if code in linked:
                    vals.append(qvals[i])
                    if len(chosen) < max_quotes:
                        q = quotes.iloc[i]
                        chosen.append({"code": str(code), "text": str(q["text"]),
                                       "role": _text_or_none(q.get("role")),
                                       "wave": _text_or_none(q.get("wave"))})
        if not vals and linked:
            vals = [code_valence(c, valence) for c in linked
                    if matrix[c].sum() > 0]
        v = _predominant(vals, predominance)
        q = _outcome_direction(o)
        has_qual = bool(linked) and (coded > 0 or bool(chosen))
        rows.append({
            "outcome": name, "n_paired": o.get("n_paired"), "mean_change": o.get("mean_change"),
            "ci_low": o.get("ci_low"), "ci_high": o.get("ci_high"), "d_z": o.get("d_z"),
            "quantitative": {1: "improved", -1: "worsened", 0: "no_clear_change",
                             None: "unknown"}[q],
            "codes": linked, "n_coded": None if hidden else coded, "n_coded_suppressed": hidden,
            "qualitative": {1: "positive", -1: "negative", 0: "mixed", None: "none"}[v],
            "quotes": chosen, "inference": joint_inference(q, v, has_qual)})
    return JointDisplay(rows, "statistics_by_theme", title="Statistics by theme",
                        meta={"min_cell_size": min_cell_size})


def themes_by_change(change, codes, *, outcome=None, category_col: str = "category",
                     id_col: str = "participant_id", min_cell_size: int = DEFAULT_MIN_CELL_SIZE, valence=None,
                     min_difference: float = 0.10, complement: bool = False,
                     suppress_zeros: bool = False) -> JointDisplay:
    """How often each code occurs among improved, unchanged and deteriorated participants.

    Parameters
    ----------
    change : pandas.DataFrame
        One row per participant (per outcome): ``participant_id`` and ``category``
        (improved, recovered, unchanged, deteriorated; recovered counts as improved).
    codes : pandas.DataFrame
        Code x participant 0/1 matrix.
    outcome : str, optional
        Which outcome when ``change`` has an ``outcome`` column with several.
    min_cell_size : int
        Counts ``0 < n < min_cell_size`` are suppressed, and so is every cell of a category with
        that few participants (through :mod:`impact.smallcells` when present). When exactly one
        category total is that small, the smallest other category is hidden too (secondary
        suppression: the number of paired participants is published elsewhere).
    complement : bool
        Also suppress a count when the participants of the category *without* the code are
        that few.
    suppress_zeros : bool
        Treat zero counts as small too (a zero tells something about everyone in the group).
    min_difference : float
        See the module docstring (inference).

    Returns
    -------
    JointDisplay
        Rows ``code, valence`` and per category ``n_<cat>`` and ``pct_<cat>`` (None when
        suppressed) plus ``suppressed_<cat>``; ``inference``. ``meta['totals']`` gives the
        participants per category (None when under ``min_cell_size``). Only participants in
        both frames count.

    Examples
    --------
    ``change`` is :func:`impact.reliable_change`'s frame (one ``category`` per participant),
    ``codes`` the code matrix. With 20 paired participants (2 deteriorated) nearly everything
    is too small to publish:

    >>> change["category"].value_counts().to_dict()
    {'improved': 11, 'unchanged': 7, 'deteriorated': 2}
    >>> display = impact.themes_by_change(change, codes, min_cell_size=10)
    >>> display.meta["totals"]
    {'improved': 11, 'unchanged': None, 'deteriorated': None}
    >>> display.to_frame()["inference"].unique().tolist()
    ['suppressed']

    The counts and percentages are R's ``with(merge(rc, codes), table(category, mental))`` and
    ``prop.table(..., 1)``; suppression has no R counterpart in base R (sdcTable does it for
    official statistics).
    """
    import numpy as np

    frame, outcome = _check_change(change, outcome, category_col, id_col)
    matrix = _check_codes(codes)
    both = frame.loc[frame["participant_id"].isin(matrix.index)]
    sub = matrix.loc[both["participant_id"]]
    cats = both["category"].to_numpy()
    totals = {c: int((cats == c).sum()) for c in CHANGE_CATEGORIES}
    counts = {c: sub.loc[cats == c].sum(axis=0).to_numpy() if totals[c] else
              np.zeros(len(sub.columns), dtype=int) for c in CHANGE_CATEGORIES}
    small_total = dict(zip(CHANGE_CATEGORIES, suppress_small_counts(
        [totals[c] for c in CHANGE_CATEGORIES], min_cell_size, suppress_zeros=suppress_zeros)))
    # Secondary suppression of the category totals: the number of paired participants is
    # published (outcome table), so one hidden total would be that number minus the others.
    # Hiding a total hides its whole column (a shown percentage would reveal it).
    hidden = [c for c in CHANGE_CATEGORIES if small_total[c]]
    if len(hidden) == 1:
        shown = [c for c in CHANGE_CATEGORIES if not small_total[c] and totals[c] > 0]
        if shown:
            small_total[min(shown, key=lambda c: totals[c])] = True
    grid = np.column_stack([counts[c] for c in CHANGE_CATEGORIES]).astype(int).reshape(
        len(sub.columns), len(CHANGE_CATEGORIES))
    mask = _suppression_mask(grid, CHANGE_CATEGORIES, min_cell_size, suppress_zeros)
    if complement:
        without = np.array([totals[c] for c in CHANGE_CATEGORIES]) - grid
        mask |= suppress_small_counts(without, min_cell_size, suppress_zeros=suppress_zeros)
    rows = []
    for j, code in enumerate(sub.columns):
        row = {"code": str(code), "valence": code_valence(code, valence)}
        for i, c in enumerate(CHANGE_CATEGORIES):
            k = int(grid[j, i])
            hide = bool(small_total[c] or mask[j, i])
            row[f"n_{c}"] = None if hide else k
            row[f"pct_{c}"] = None if hide or not totals[c] else 100.0 * k / totals[c]
            row[f"suppressed_{c}"] = hide
        # the rule uses shown cells only: improved against the shown other categories
        others = [c for c in ("unchanged", "deteriorated")
                  if not row[f"suppressed_{c}"] and totals[c] > 0]
        hidden_others = any(row[f"suppressed_{c}"] for c in ("unchanged", "deteriorated"))
        if row["suppressed_improved"] or (not others and hidden_others):
            row["inference"] = "suppressed"
        elif totals["improved"] == 0 or not others:
            row["inference"] = "not_comparable"     # nobody to compare with
        else:
            n_imp = totals["improved"]
            n_other = sum(totals[c] for c in others)
            diff = (counts["improved"][j] / n_imp
                    - sum(counts[c][j] for c in others) / n_other)
            d = 0 if abs(diff) < min_difference else (1 if diff > 0 else -1)
            v = row["valence"]
            if d == 0 or v == 0:
                row["inference"] = "expands"
            else:
                row["inference"] = "converges" if d == v else "diverges"
        rows.append(row)
    shown_totals = {c: (None if small_total[c] else totals[c]) for c in CHANGE_CATEGORIES}
    notes = []
    if any(r[f"suppressed_{c}"] for r in rows for c in CHANGE_CATEGORIES):
        notes.append(f"cells under {min_cell_size} participants are suppressed")
    return JointDisplay(rows, "themes_by_change", title="Themes by change category",
                        notes=notes, meta={"outcome": outcome, "totals": shown_totals,
                                           "min_cell_size": min_cell_size})


def side_by_side(change, codes, quotes=None, *, outcome=None, category_col: str = "category",
                 id_col: str = "participant_id", min_cell_size: int = DEFAULT_MIN_CELL_SIZE, valence=None,
                 predominance: float = 2 / 3) -> JointDisplay:
    """Participant-level joint display under the privacy rules.

    Each participant gets a fresh label (P01, P02, ... in order of change, then of the
    category), never the data's identifier; no background columns are shown. The display is
    empty, with a note, when fewer than ``min_cell_size`` participants are in both frames.

    Parameters
    ----------
    change, codes : pandas.DataFrame
        As for :func:`themes_by_change` (``change`` may carry a numeric ``change`` column).
    quotes : pandas.DataFrame, optional
        With ``participant_id`` and ``text``: the first quote of each participant is shown.
        Pass de-identified text (names, places and numbers removed, e.g. with the qualitative
        layer's de-identification); this function shows the text as given.

    Returns
    -------
    JointDisplay
        Rows ``label, category, change, codes, quote, inference``.

    Examples
    --------
    >>> display = impact.side_by_side(change, codes, coded_quotes, min_cell_size=10)
    >>> display.to_frame().shape
    (20, 6)
    >>> row = display.to_frame().iloc[0]
    >>> row["label"], row["category"], float(row["change"]), row["inference"]
    ('P01', 'improved', -17.0, 'expands')
    """
    frame, outcome = _check_change(change, outcome, category_col, id_col)
    matrix = _check_codes(codes)
    both = frame.loc[frame["participant_id"].isin(matrix.index)].copy()
    suppress_small_counts([0], min_cell_size)  # validates min_cell_size
    if len(both) < min_cell_size:
        return JointDisplay([], "side_by_side", title="Participants side by side",
                            notes=[f"not shown: {len(both)} participants, fewer than "
                                   f"{min_cell_size}"],
                            meta={"outcome": outcome, "shown": False,
                                  "min_cell_size": min_cell_size})
    order = {"improved": 0, "unchanged": 1, "deteriorated": 2}
    both["_order"] = both["category"].map(order)
    sort_cols = ["_order"] + (["change"] if "change" in both.columns else [])
    both = both.sort_values(sort_cols, kind="mergesort").reset_index(drop=True)
    first_quote = {}
    if quotes is not None and "participant_id" in quotes.columns:
        q = _check_quotes(quotes)
        q = q.assign(participant_id=q["participant_id"].astype(str))
        first_quote = q.drop_duplicates("participant_id").set_index("participant_id")["text"].to_dict()
    import numpy as np

    width = max(2, len(str(len(both))))
    present = matrix.loc[both["participant_id"]].to_numpy()
    columns = np.array([str(c) for c in matrix.columns], dtype=object)
    signs = np.array([code_valence(c, valence) for c in matrix.columns])
    pos = (present * (signs > 0)).sum(axis=1)
    neg = (present * (signs < 0)).sum(axis=1)
    valenced = pos + neg
    share = np.divide(pos, valenced, out=np.zeros(len(pos)), where=valenced > 0)
    v_all = np.where(valenced == 0, 2, np.where(share >= predominance, 1,
                                                 np.where(1 - share >= predominance, -1, 0)))
    changes = (both["change"].round(1).to_numpy() if "change" in both.columns
               else [None] * len(both))
    rows = []
    for i, (pid, cat) in enumerate(zip(both["participant_id"], both["category"])):
        mine = columns[present[i] == 1].tolist()
        v = None if v_all[i] == 2 else int(v_all[i])
        value = changes[i]
        rows.append({"label": f"P{i + 1:0{width}d}", "category": cat,
                     "change": None if value is None or value != value else float(value),
                     "codes": mine, "quote": first_quote.get(pid),
                     "inference": joint_inference(_DIRECTION[cat], v, bool(mine))})
    return JointDisplay(rows, "side_by_side", title="Participants side by side",
                        meta={"outcome": outcome, "shown": True, "min_cell_size": min_cell_size})
