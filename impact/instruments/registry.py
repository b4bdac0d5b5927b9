"""The instrument registry: instruments are data, one YAML file each, read with a safe loader.

Built-in instruments live in ``impact/instruments/data/<id>.yaml``. A custom instrument (for
example a programme's own intake form) is a YAML file with the fields of DESIGN.md:
``id, name, items, min, max, reverse, scoring (sum|mean), subscales, min_answered,
higher_is_better, reliability, reference``.

Every scoring rule is one of a small set of data-driven mechanisms, so no instrument needs code
of its own:

``reverse``
    items keyed ``min + max - x`` with the *declared* ``min`` and ``max``.
``recode``
    per-item value maps, ``[{items: [2, 3], values: {1: 0, 2: 1, 3: 1}}]`` (De Jong Gierveld's
    dichotomous "lonely" answers, MHI-5's 0-5 keying). A map must cover every code of the input
    coding.
``scoring``
    ``sum`` or ``mean`` of the keyed items; ``multiplier`` scales the main score (WHO-5, MHI-5: x4).
``conversion``
    a lookup table from the raw sum to a published metric (SWEMWBS): the main score is the
    converted value, the raw sum is kept as ``<id>_<from>``.
``missing_rule`` and ``min_answered``
    ``prorate`` (sum x items / answered), ``impute_mean`` (missing items imputed by the person's
    mean of the answered keyed items; for a sum this equals prorating), ``count`` (the sum of the
    answered items, not prorated: De Jong Gierveld), ``complete`` (every item needed). Below
    ``min_answered`` the score is NaN. Subscales need all their items unless
    ``subscale_min_answered`` says otherwise.
``categories`` / ``category_rules``
    ordered bands on a score column with ``max`` (score <= max) or ``below`` (score < below),
    labels in ``nl`` and ``en``, ``case: true`` for the bands that count as a problem (used for the
    clinical cut-off), and optionally ``any_item_at_most`` (WHO-5: any single item 0 or 1).
    ``category_rules`` holds named alternatives (MHI-5: ``ggd`` <= 60, ``cbs`` < 60);
    ``category_rule`` names the default.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

__all__ = ["Instrument", "Band", "get_instrument", "list_instruments", "load_instrument_file",
           "instrument_from_dict", "normalise_label", "parse_answer_labels", "instrument_of",
           "good_direction"]

DATA_DIR = Path(__file__).with_name("data")

_ID = re.compile(r"^[a-z][a-z0-9]*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_ITEMS = 500  # items per instrument (a hostile file cannot ask for a million columns)
MISSING_RULES = ("prorate", "impute_mean", "count", "complete")
_KNOWN_FIELDS = {
    "id", "name", "items", "labels", "min", "max", "coding", "reverse", "scoring", "subscales",
    "min_answered", "subscale_min_answered", "higher_is_better", "reliability",
    "reliability_source", "reliability_verified", "sd", "sd_source", "sd_verified", "reference",
    "licence", "total", "notes", "categories", "category_rules", "category_rule",
    "categories_source", "recode", "multiplier", "conversion", "missing_rule",
    "missing_rule_source", "subscale_higher_is_better", "norms", "item_numbers", "version",
    "score_labels", "names",
    "minimal_change", "answer_labels",
}


@dataclass(frozen=True)
class Band:
    """One category band: ``score <= max`` or ``score < below`` (or the open top band)."""

    id: str
    nl: str
    en: str
    max: float | None = None
    below: float | None = None
    case: bool = False
    any_item_at_most: float | None = None

    def label(self, lang: str = "en") -> str:
        return self.nl if lang == "nl" else self.en

    def describe(self) -> str:
        if self.max is not None:
            bound = f"score <= {self.max:g}"
        elif self.below is not None:
            bound = f"score < {self.below:g}"
        else:
            bound = "otherwise"
        if self.any_item_at_most is not None:
            bound += f", or any item <= {self.any_item_at_most:g}"
        return bound


@dataclass(frozen=True)
class Instrument:
    """An instrument's scoring facts. See the module docstring and DESIGN.md for each field."""

    id: str
    name: str
    items: int
    min: float
    max: float
    scoring: str = "sum"
    reverse: tuple[int, ...] = ()
    subscales: dict[str, tuple[int, ...]] = field(default_factory=dict)
    min_answered: int | None = None
    subscale_min_answered: dict[str, int] = field(default_factory=dict)
    total: bool = True
    higher_is_better: bool = True
    reliability: float | None = None
    sd: float | None = None
    labels: tuple[str, ...] = ()
    reference: str = ""
    licence: str = ""
    extra: dict = field(default_factory=dict)
    recode: dict[int, dict[int, float]] = field(default_factory=dict)
    multiplier: float = 1.0
    conversion: dict | None = None
    missing_rule: str = "prorate"
    category_rules: dict[str, dict[str, tuple[Band, ...]]] = field(default_factory=dict)
    category_rule: str | None = None
    subscale_higher_is_better: dict[str, bool] = field(default_factory=dict)
    coding: dict = field(default_factory=dict)
    answer_labels: dict = field(default_factory=dict)

    # -- answer labels -------------------------------------------------------------------------
    def label_codes(self) -> dict[str, float]:
        """Normalised answer label -> code, over every language (see :func:`normalise_label`)."""
        return {normalise_label(text): code for texts in self.answer_labels.values()
                for code, labels in texts.items() for text in labels}

    def known_labels(self, lang: str | None = None) -> list[str]:
        """The answer labels as written, ``code = label``, for messages."""
        out = []
        for language, texts in self.answer_labels.items():
            if lang is None or language == lang:
                out += [f"{code:g} = {label}" for code, labels in sorted(texts.items())
                        for label in labels]
        return out

    # -- columns ---------------------------------------------------------------------------
    @property
    def item_columns(self) -> list[str]:
        return [f"{self.id}_{k}" for k in range(1, self.items + 1)]

    @property
    def score_column(self) -> str | None:
        return f"{self.id}_score" if self.total else None

    @property
    def raw_column(self) -> str | None:
        """The raw-sum column of an instrument with a conversion table (``swemwbs_raw``)."""
        return f"{self.id}_{self.conversion['from']}" if self.conversion and self.total else None

    @property
    def categories(self) -> dict[str, tuple[Band, ...]]:
        """The active category bands: target (``score`` or a subscale) -> ordered bands."""
        if not self.category_rules:
            return {}
        return self.category_rules[self.category_rule]

    def target_column(self, target: str) -> str:
        return self.score_column if target == "score" else f"{self.id}_{target}"

    def category_column(self, target: str) -> str:
        return f"{self.id}_category" if target == "score" else f"{self.id}_{target}_category"

    @property
    def outcome_columns(self) -> list[str]:
        """The numeric outcome columns: main score and subscales (no raw, category, answered)."""
        cols = [self.score_column] if self.total else []
        return cols + [f"{self.id}_{name}" for name in self.subscales]

    @property
    def score_columns(self) -> list[str]:
        """Every column :func:`impact.score` produces for this instrument, in order."""
        cols = [self.score_column] if self.total else []
        if self.raw_column:
            cols.append(self.raw_column)
        cols += [f"{self.id}_{name}" for name in self.subscales]
        cols += [self.category_column(t) for t in self.categories]
        return cols + [f"{self.id}_answered"]

    # -- ranges and direction ----------------------------------------------------------------
    def keyed_range(self, item: int) -> tuple[float, float]:
        """The range of item ``item`` (1-based) after reverse keying or recoding."""
        if item in self.recode:
            values = self.recode[item].values()
            return (min(values), max(values))
        return (self.min, self.max)

    def _range_of(self, items) -> tuple[float, float]:
        lows, highs = zip(*(self.keyed_range(k) for k in items))
        if self.scoring == "mean":
            return (min(lows), max(highs))
        return (float(sum(lows)), float(sum(highs)))

    @property
    def raw_range(self) -> tuple[float, float]:
        """Range of the sum (or mean) of the keyed items, before multiplier or conversion."""
        return self._range_of(range(1, self.items + 1))

    @property
    def score_range(self) -> tuple[float, float]:
        """Range of the main score (for instruments without a total: the item range)."""
        if not self.total:
            return self._range_of([1]) if not self.subscales else (
                min(self.column_range(f"{self.id}_{s}")[0] for s in self.subscales),
                max(self.column_range(f"{self.id}_{s}")[1] for s in self.subscales))
        if self.conversion:
            table = self.conversion["table"].values()
            return (min(table), max(table))
        lo, hi = self.raw_range
        return (lo * self.multiplier, hi * self.multiplier)

    def column_range(self, column: str) -> tuple[float, float]:
        """Range of any numeric score column this instrument produces."""
        if column == self.score_column:
            return self.score_range
        if column == self.raw_column:
            return self.raw_range
        for name, items in self.subscales.items():
            if column == f"{self.id}_{name}":
                return self._range_of(items)
        if column == f"{self.id}_answered":
            return (0, self.items)
        raise KeyError(column)

    def higher_is_better_for(self, column: str) -> bool:
        """Direction of a score column (ONS4 anxiety: higher is worse)."""
        for name, good in self.subscale_higher_is_better.items():
            if column == f"{self.id}_{name}":
                return good
        return self.higher_is_better

    @property
    def direction(self) -> str:
        text = "higher is better" if self.higher_is_better else "higher is worse"
        exceptions = [n for n, good in self.subscale_higher_is_better.items()
                      if good != self.higher_is_better]
        if exceptions:
            other = "higher is better" if not self.higher_is_better else "higher is worse"
            text += f" ({', '.join(exceptions)}: {other})"
        return text

    @property
    def cutoff(self) -> dict | None:
        """The clinical cut-off on the main score, derived from the active category bands.

        Returns ``{"column", "value", "case_if"}`` with ``case_if`` one of ``<=, <, >, >=``
        (a score for which ``score case_if value`` holds is in the problem range), or None when
        the instrument has no banded main score. Item conditions (WHO-5's "any item 0 or 1") are
        not part of this score cut-off.
        """
        bands = self.categories.get("score")
        if not bands or not self.total:
            return None
        flags = [b.case for b in bands]
        if all(flags) or not any(flags):
            return None
        k = flags.index(not flags[0])  # first band whose case flag differs from the lowest band
        if any(f != flags[k] for f in flags[k:]):
            return None  # cases are not at one end of the scale
        edge = bands[k - 1]
        value = edge.max if edge.max is not None else edge.below
        if flags[0]:  # low scores are cases
            case_if = "<=" if edge.max is not None else "<"
        else:
            case_if = ">" if edge.max is not None else ">="
        return {"column": self.score_column, "value": float(value), "case_if": case_if}

    def reliable_change_parameters(self, column: str | None = None) -> dict:
        """What the stats layer needs for a reliable change index on ``column``.

        Returns ``{"column", "reliability", "sd", "reliability_verified", "sd_verified",
        "higher_is_better", "cutoff"}``. The instrument's reliability and SD describe its main
        score only; for other columns (subscales) they are None, and so is anything not known,
        in which case Jacobson-Truax needs the baseline sample SD and a reliability estimate
        (say so in the report).
        """
        column = column or self.score_column
        main = column == self.score_column and column is not None
        cut = self.cutoff
        return {"column": column,
                "reliability": self.reliability if main else None,
                "sd": self.sd if main else None,
                "reliability_verified": bool(self.extra.get("reliability_verified")) and main,
                "sd_verified": bool(self.extra.get("sd_verified")) and main,
                "higher_is_better": self.higher_is_better_for(column),
                "cutoff": cut if cut and cut["column"] == column else None}

    # -- variants ------------------------------------------------------------------------------
    def with_options(self, *, min_answered=None, missing_rule=None, category_rule=None,
                     subscale_min_answered=None) -> "Instrument":
        """A copy with another missing-item rule, threshold or category rule.

        Examples
        --------
        >>> import impact
        >>> impact.get_instrument("mhi5").with_options(category_rule="cbs").cutoff["case_if"]
        '<'
        """
        changes = {}
        if min_answered is not None:
            if not isinstance(min_answered, int) or not 1 <= min_answered <= self.items:
                raise InputError(f"min_answered for {self.id} must be a whole number between 1 "
                                 f"and {self.items}, got {min_answered!r}", rule="min_answered")
            if self.total:
                changes["min_answered"] = min_answered
            else:  # no total: the threshold applies to every subscale (e.g. mph dimensions)
                changes["subscale_min_answered"] = {
                    s: min(min_answered, len(items)) for s, items in self.subscales.items()}
        if subscale_min_answered is not None:
            changes["subscale_min_answered"] = _subscale_min(
                subscale_min_answered, self.subscales, self.id)
        if missing_rule is not None:
            if missing_rule not in MISSING_RULES:
                raise InputError(f"missing_rule for {self.id} must be one of "
                                 f"{', '.join(MISSING_RULES)}, got {missing_rule!r}",
                                 rule="missing_rule")
            changes["missing_rule"] = missing_rule
        if category_rule is not None:
            if category_rule not in self.category_rules:
                raise InputError(f"category rule {category_rule!r} is not defined for {self.id}; "
                                 f"defined: {', '.join(self.category_rules) or 'none'}",
                                 rule="category_rule")
            changes["category_rule"] = category_rule
        return dataclasses.replace(self, **changes) if changes else self

    @property
    def needed(self) -> int:
        """Minimum number of answered items for the main score under the active rule."""
        if self.missing_rule == "complete":
            return self.items
        return self.min_answered or self.items

    def display_name(self, lang: str = "en") -> str:
        """The instrument's name in a report language (the file's ``names``), else ``name``."""
        return str((self.extra.get("names") or {}).get(lang) or self.name)

    def info(self) -> dict:
        """The instrument's key facts as values (id, name, items, ranges, direction,
        reference); :meth:`summary` says them as text."""
        lo, hi = self.score_range
        return {"id": self.id, "name": self.name, "items": self.items,
                "range": [lo, hi],
                "item_range": [self.min, self.max],
                "direction": self.direction,
                "reference": self.reference}

    def summary(self) -> str:
        """The instrument's key facts as readable text (one meaning of ``summary()``
        across the package: text)."""
        return "\n".join(f"{k}: {v}" for k, v in self.info().items())


def _fail(source, message, rule="instrument file"):
    raise InputError(message, file=source, rule=rule)


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _subscale_min(value, subscales, source):
    if isinstance(value, int) and not isinstance(value, bool):
        value = {s: min(value, len(items)) for s, items in subscales.items()}
    if not isinstance(value, dict):
        _fail(source, "'subscale_min_answered' must be a whole number or map a subscale to one")
    out = {}
    for name, k in value.items():
        if name not in subscales:
            _fail(source, f"'subscale_min_answered' names unknown subscale '{name}'")
        if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= len(subscales[name]):
            _fail(source, f"'subscale_min_answered' for '{name}' must be between 1 and "
                          f"{len(subscales[name])}")
        out[str(name)] = k
    return out


def _bands(spec, source, where, n_items) -> tuple[Band, ...]:
    if not isinstance(spec, list) or not spec:
        _fail(source, f"{where} must be a non-empty list of bands")
    bands = []
    last = -math.inf
    for i, b in enumerate(spec):
        if not isinstance(b, dict) or "id" not in b:
            _fail(source, f"{where} band {i + 1} must be a mapping with at least an 'id'")
        unknown = set(b) - {"id", "nl", "en", "max", "below", "case", "any_item_at_most"}
        if unknown:
            _fail(source, f"{where} band '{b['id']}' has unknown key(s) {', '.join(sorted(unknown))}")
        if "max" in b and "below" in b:
            _fail(source, f"{where} band '{b['id']}' has both 'max' and 'below'")
        bound = b.get("max", b.get("below"))
        is_last = i == len(spec) - 1
        if bound is None and not is_last:
            _fail(source, f"{where} band '{b['id']}' needs 'max' or 'below' (only the last band "
                          f"is open)")
        if bound is not None:
            if not _is_number(bound) or bound < last:
                _fail(source, f"{where} band '{b['id']}' bound must be a number not below the "
                              f"previous band's")
            last = bound
        item_bound = b.get("any_item_at_most")
        if item_bound is not None and not _is_number(item_bound):
            _fail(source, f"{where} band '{b['id']}': any_item_at_most must be a number")
        if not _NAME.match(str(b["id"])):
            _fail(source, f"{where} band id '{b['id']}' must be lower-case letters, digits and _")
        bands.append(Band(id=str(b["id"]), nl=str(b.get("nl", b["id"])),
                          en=str(b.get("en", b["id"])), max=b.get("max"), below=b.get("below"),
                          case=bool(b.get("case", False)), any_item_at_most=item_bound))
    if len({b.id for b in bands}) != len(bands):
        _fail(source, f"{where} band ids must be unique")
    return tuple(bands)


def _category_set(spec, source, targets, n_items, where):
    if isinstance(spec, list):
        spec = {"score": spec}
    if not isinstance(spec, dict):
        _fail(source, f"{where} must be a list of bands or map a score to a list of bands")
    out = {}
    for target, bands in spec.items():
        if target not in targets:
            _fail(source, f"{where} names '{target}', which is not one of the scores "
                          f"{', '.join(targets)}")
        out[str(target)] = _bands(bands, source, f"{where} for '{target}'", n_items)
    return out


def instrument_from_dict(spec: dict, source: str = "<instrument>") -> Instrument:
    """Build and check an :class:`Instrument` from a mapping (a parsed YAML file)."""
    if not isinstance(spec, dict):
        _fail(source, "an instrument file must be a mapping of fields")
    unknown = sorted(set(map(str, spec)) - _KNOWN_FIELDS)
    if unknown:
        _fail(source, f"unknown field(s) {', '.join(unknown)}; known fields: "
                      f"{', '.join(sorted(_KNOWN_FIELDS))}")
    for key in ("id", "name", "items", "min", "max"):
        if key not in spec:
            _fail(source, f"required field '{key}' is missing")
    iid = str(spec["id"])
    if not _ID.match(iid):
        _fail(source, f"id '{iid}' must be lower-case letters and digits, starting with a letter")
    n = spec["items"]
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        _fail(source, f"'items' must be a positive whole number, got {n!r}")
    if n > MAX_ITEMS:
        _fail(source, f"'items' is {n}; an instrument has at most {MAX_ITEMS} items",
              rule="items per instrument limit")
    lo, hi = spec["min"], spec["max"]
    if not all(_is_number(v) and math.isfinite(v) for v in (lo, hi)) or lo >= hi:
        _fail(source, f"'min' and 'max' must be numbers with min < max, got {lo!r}, {hi!r}")
    scoring = spec.get("scoring", "sum")
    if scoring not in ("sum", "mean"):
        _fail(source, f"'scoring' must be sum or mean, got {scoring!r}")

    def item_list(value, what):
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(k, int) and not isinstance(k, bool) and 1 <= k <= n for k in value):
            _fail(source, f"{what} must be a list of item numbers between 1 and {n}")
        if len(set(value)) != len(value):
            _fail(source, f"{what} lists an item twice")
        return tuple(value)

    reverse = item_list(spec.get("reverse") or [], "'reverse'")
    subscales_spec = spec.get("subscales") or {}
    if not isinstance(subscales_spec, dict):
        _fail(source, "'subscales' must map a subscale name to a list of item numbers")
    subscales = {str(k): item_list(v, f"subscale '{k}'") for k, v in subscales_spec.items()}
    for name in subscales:
        if not _NAME.match(name) or name in ("score", "answered", "category"):
            _fail(source, f"subscale name '{name}' must be lower-case letters, digits and _ "
                          f"(and not score, answered or category)")
    total = bool(spec.get("total", True))
    if not total and not subscales:
        _fail(source, "an instrument without a total ('total: false') needs subscales")

    min_answered = spec.get("min_answered")
    if min_answered is not None and (not isinstance(min_answered, int)
                                     or isinstance(min_answered, bool)
                                     or not 1 <= min_answered <= n):
        _fail(source, f"'min_answered' must be a whole number between 1 and {n}")
    missing_rule = spec.get("missing_rule", "prorate")
    if missing_rule not in MISSING_RULES:
        _fail(source, f"'missing_rule' must be one of {', '.join(MISSING_RULES)}, "
                      f"got {missing_rule!r}")
    sub_min = _subscale_min(spec.get("subscale_min_answered") or {}, subscales, source)

    labels = tuple(str(x) for x in spec.get("labels") or ())
    if labels and len(labels) != n:
        _fail(source, f"'labels' has {len(labels)} entries but the instrument has {n} items")
    for key in ("reliability",):
        rel = spec.get(key)
        if rel is not None and not (_is_number(rel) and 0 < rel < 1):
            _fail(source, f"'{key}' must be a number between 0 and 1, got {rel!r}")
    sd = spec.get("sd")
    if sd is not None and not (_is_number(sd) and sd > 0):
        _fail(source, f"'sd' must be a positive number, got {sd!r}")

    codes = list(range(int(math.ceil(lo)), int(math.floor(hi)) + 1))
    recode = {}
    recode_spec = spec.get("recode") or []
    if not isinstance(recode_spec, list):
        _fail(source, "'recode' must be a list of {items: [...], values: {code: value}}")
    for group in recode_spec:
        if not isinstance(group, dict) or set(group) != {"items", "values"}:
            _fail(source, "every 'recode' entry needs exactly 'items' and 'values'")
        items = item_list(group["items"], "'recode' items")
        values = group["values"]
        if not isinstance(values, dict) or not all(_is_number(v) for v in values.values()):
            _fail(source, "'recode' values must map each input code to a number")
        values = {int(k): float(v) for k, v in values.items()}
        if sorted(values) != codes:
            _fail(source, f"'recode' values must cover exactly the codes {codes}, got "
                          f"{sorted(values)}")
        for k in items:
            if k in recode or k in reverse:
                _fail(source, f"item {k} is recoded twice (in 'recode' and/or 'reverse')")
            recode[k] = values

    multiplier = spec.get("multiplier", 1)
    if not _is_number(multiplier) or multiplier <= 0:
        _fail(source, f"'multiplier' must be a positive number, got {multiplier!r}")

    conversion = spec.get("conversion")
    if conversion is not None:
        if not isinstance(conversion, dict) or set(conversion) - {"from", "table", "source"} \
                or "table" not in conversion:
            _fail(source, "'conversion' needs 'table' (raw sum -> score) and optionally 'from' "
                          "and 'source'")
        table = conversion["table"]
        if not isinstance(table, dict) or not all(_is_number(v) for v in table.values()):
            _fail(source, "'conversion' table must map whole raw sums to numbers")
        table = {int(k): float(v) for k, v in table.items()}
        proto = Instrument(id=iid, name="", items=n, min=lo, max=hi, scoring=scoring,
                           recode=recode)
        rlo, rhi = proto.raw_range
        if scoring != "sum" or sorted(table) != list(range(int(rlo), int(rhi) + 1)):
            _fail(source, f"'conversion' needs a sum score and a table entry for every raw sum "
                          f"{rlo:g}-{rhi:g}")
        conversion = {"from": str(conversion.get("from", "raw")), "table": table,
                      "source": str(conversion.get("source", ""))}

    targets = (["score"] if total else []) + list(subscales)
    rules = {}
    if spec.get("categories") is not None:
        rules["default"] = _category_set(spec["categories"], source, targets, n, "'categories'")
    rule_spec = spec.get("category_rules") or {}
    if not isinstance(rule_spec, dict):
        _fail(source, "'category_rules' must map a rule name to categories")
    for name, cats in rule_spec.items():
        rules[str(name)] = _category_set(cats, source, targets, n, f"category rule '{name}'")
    category_rule = spec.get("category_rule")
    if category_rule is None and rules:
        category_rule = "default" if "default" in rules else next(iter(rules))
    if rules and category_rule not in rules:
        _fail(source, f"'category_rule' {category_rule!r} is not one of {', '.join(rules)}")

    shib = spec.get("subscale_higher_is_better") or {}
    if not isinstance(shib, dict) or not all(k in subscales for k in shib):
        _fail(source, "'subscale_higher_is_better' must map subscale names to true/false")

    known = {"id", "name", "items", "min", "max", "scoring", "reverse", "subscales",
             "min_answered", "subscale_min_answered", "total", "higher_is_better", "reliability",
             "sd", "labels", "reference", "licence", "recode", "multiplier", "conversion",
             "missing_rule", "categories", "category_rules", "category_rule",
             "subscale_higher_is_better", "coding", "answer_labels"}
    answer_labels = parse_answer_labels(spec.get("answer_labels"), source, lo, hi)
    return Instrument(
        id=iid, name=str(spec["name"]), items=n, min=lo, max=hi, scoring=scoring,
        reverse=reverse, subscales=subscales, min_answered=min_answered,
        subscale_min_answered=sub_min, total=total,
        higher_is_better=bool(spec.get("higher_is_better", True)),
        reliability=spec.get("reliability"), sd=sd, labels=labels,
        reference=str(spec.get("reference", "")).strip(), licence=str(spec.get("licence", "")),
        extra={k: v for k, v in spec.items() if k not in known},
        recode=recode, multiplier=float(multiplier), conversion=conversion,
        missing_rule=missing_rule, category_rules=rules, category_rule=category_rule,
        subscale_higher_is_better={str(k): bool(v) for k, v in shib.items()},
        coding=dict(spec.get("coding") or {}),
        answer_labels=answer_labels,
    )


def normalise_label(text) -> str:
    """An answer label as compared: case-folded, surrounding and repeated spaces removed."""
    return " ".join(str(text).split()).casefold()


def parse_answer_labels(spec, source, lo=None, hi=None) -> dict:
    """Check an ``answer_labels`` block: ``{lang: {code: label or [labels]}}``.

    Each code must be a number within the instrument's coding ``[lo, hi]``; each label a
    non-empty text; one label (normalised) may not stand for two codes.
    """
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        _fail(source, "'answer_labels' must map a language (nl, en, ...) to {code: label}")
    out: dict = {}
    seen: dict[str, tuple] = {}
    for lang, texts in spec.items():
        if not isinstance(texts, dict) or not texts:
            _fail(source, f"answer_labels for '{lang}' must map codes to labels, e.g. "
                          f"{{0: nooit, 1: soms}}")
        per_lang = {}
        for code, labels in texts.items():
            if not _is_number(code) or (lo is not None and not lo <= code <= hi):
                _fail(source, f"answer_labels '{lang}': code {code!r} is not a number within "
                              f"the coding {lo:g}-{hi:g}" if lo is not None else
                              f"answer_labels '{lang}': code {code!r} is not a number")
            labels = labels if isinstance(labels, list) else [labels]
            clean = []
            for label in labels:
                if not isinstance(label, (str, int, float)) or isinstance(label, bool) \
                        or not str(label).strip():
                    _fail(source, f"answer_labels '{lang}': label of code {code!r} must be text, "
                                  f"got {label!r}")
                key = normalise_label(label)
                if key in seen and seen[key][1] != code:
                    _fail(source, f"answer label '{label}' stands for code {seen[key][1]!r} "
                                  f"({seen[key][0]}) and code {code!r} ({lang})")
                seen[key] = (lang, code)
                clean.append(str(label).strip())
            per_lang[float(code) if not float(code).is_integer() else int(code)] = tuple(clean)
        out[str(lang)] = per_lang
    return out


def _safe_load(path: Path):
    import stat

    import yaml

    from .._yaml import MAX_YAML_BYTES, YamlLimitError, safe_load_limited

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("instrument file is not a regular file", file=path,
                             rule="file must exist and be readable")
        if info.st_size > MAX_YAML_BYTES:
            raise InputError(f"instrument file is {info.st_size:,} bytes; the limit is "
                             f"{MAX_YAML_BYTES:,}", file=path, rule="file size limit")
        text = path.read_bytes()[: MAX_YAML_BYTES + 1].decode("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read instrument file: {exc.strerror}", file=path,
                         rule="file must exist and be readable") from None
    except UnicodeDecodeError:
        raise InputError("instrument file is not UTF-8 text", file=path,
                         rule="instrument files are UTF-8 YAML") from None
    try:
        return safe_load_limited(text)
    except YamlLimitError as exc:
        raise InputError(f"YAML too large: {exc}", file=path, row=exc.line,
                         rule="YAML limits (nesting, aliases)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", file=path, row=row,
                         rule="instrument files are YAML (safe subset)") from None


def load_instrument_file(path) -> Instrument:
    """Read a custom instrument from a YAML file (safe loader).

    Examples
    --------
    ``instrument_yaml`` is a file like ``inbeeld_baseline.yaml``: five items answered 1-5, item 3
    reversed, a mean score with subscales ``social`` (items 1-2) and ``energy`` (items 3, 5),
    at least 4 items answered:

    >>> inst = impact.load_instrument_file(instrument_yaml)
    >>> inst.id, inst.items, inst.scoring
    ('inbeeld', 5, 'mean')
    >>> responses = pd.DataFrame({"participant_id": ["A", "B"], "wave": ["T0", "T0"],
    ...                           "inbeeld_1": [5, 4], "inbeeld_2": [4, 4], "inbeeld_3": [1, 2],
    ...                           "inbeeld_4": [3, None], "inbeeld_5": [2, 3]})
    >>> scores = impact.score(responses, [inst])
    >>> scores[["inbeeld_score", "inbeeld_social", "inbeeld_energy"]].round(2)
       inbeeld_score  inbeeld_social  inbeeld_energy
    0           3.80             4.5             3.5
    1           3.75             4.0             3.5
    """
    path = Path(path)
    return instrument_from_dict(_safe_load(path), source=str(path))


_cache: dict[str, Instrument] = {}


def _builtin_ids() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


def get_instrument(instrument) -> Instrument:
    """Return a built-in instrument by id, or pass an :class:`Instrument` through."""
    if isinstance(instrument, Instrument):
        return instrument
    iid = str(instrument).lower()
    if iid not in _cache:
        path = DATA_DIR / f"{iid}.yaml"
        if not _ID.match(iid) or not path.exists():
            raise InputError(f"unknown instrument '{instrument}'; known instruments: "
                             f"{', '.join(_builtin_ids())}", rule="instrument must be known")
        _cache[iid] = load_instrument_file(path)
    return _cache[iid]


def list_instruments() -> list[Instrument]:
    """All built-in instruments, sorted by id."""
    return [get_instrument(i) for i in _builtin_ids()]


def instrument_of(column, instruments=None):
    """The instrument that produces score column ``column``: among ``instruments`` (ids or
    :class:`Instrument` objects, e.g. a protocol's) when given, else the built-in instrument named
    by the column's prefix (``pss10_score`` -> PSS-10); None when no instrument produces it."""
    candidates = list(instruments) if instruments else [str(column).split("_", 1)[0]]
    for given in candidates:
        try:
            inst = get_instrument(given)
        except InputError:  # an id the registry does not know: not this column's instrument
            continue
        if column in inst.score_columns:
            return inst
    return None


def good_direction(column, instruments=None):
    """Whether higher scores of ``column`` are better: True, False, or None when no instrument
    produces the column. The one place the package decides it: the instrument file's
    ``higher_is_better`` and ``subscale_higher_is_better`` (ONS4 anxiety: higher is worse)."""
    inst = instrument_of(column, instruments)
    return None if inst is None else bool(inst.higher_is_better_for(str(column)))
