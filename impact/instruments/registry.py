"""The instrument registry: instruments are data, one YAML file each, read with a safe loader.

Built-in instruments live in ``impact/instruments/data/<id>.yaml``. A custom instrument (for
example a programme's own intake form) is a YAML file with the fields of DESIGN.md:
``id, name, items, min, max, reverse, scoring (sum|mean), subscales, min_answered,
higher_is_better, reliability, reference``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

__all__ = ["Instrument", "get_instrument", "list_instruments", "load_instrument_file",
           "instrument_from_dict"]

DATA_DIR = Path(__file__).with_name("data")

_ID = re.compile(r"^[a-z][a-z0-9]*$")
_KNOWN_FIELDS = {
    "id", "name", "items", "labels", "min", "max", "coding", "reverse", "scoring", "subscales",
    "min_answered", "subscale_min_answered", "higher_is_better", "reliability",
    "reliability_source", "sd", "sd_source", "reference", "licence", "total", "notes",
    "categories", "transform", "dichotomous", "missing_rule", "cutoff", "mid", "norms",
    "item_numbers", "scores",
}


@dataclass(frozen=True)
class Instrument:
    """An instrument's scoring facts. See DESIGN.md for the meaning of each field."""

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

    @property
    def item_columns(self) -> list[str]:
        return [f"{self.id}_{k}" for k in range(1, self.items + 1)]

    @property
    def score_column(self) -> str | None:
        return f"{self.id}_score" if self.total else None

    @property
    def score_columns(self) -> list[str]:
        """Every column :func:`impact.score` produces for this instrument, in order."""
        cols = [self.score_column] if self.total else []
        cols += [f"{self.id}_{name}" for name in self.subscales]
        return cols + [f"{self.id}_answered"]

    @property
    def score_range(self) -> tuple[float, float]:
        n = self.items if self.scoring == "sum" else 1
        return (self.min * n, self.max * n)

    def summary(self) -> dict:
        lo, hi = self.score_range
        return {"id": self.id, "name": self.name, "items": self.items,
                "range": [lo, hi] if self.total else [self.min, self.max],
                "item_range": [self.min, self.max],
                "direction": "higher is better" if self.higher_is_better else "higher is worse",
                "reference": self.reference}


def _fail(source, message, rule="instrument file"):
    raise InputError(message, file=source, rule=rule)


def instrument_from_dict(spec: dict, source: str = "<instrument>") -> Instrument:
    """Build and check an :class:`Instrument` from a mapping (a parsed YAML file)."""
    if not isinstance(spec, dict):
        _fail(source, "an instrument file must be a mapping of fields")
    unknown = sorted(set(spec) - _KNOWN_FIELDS)
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
    lo, hi = spec["min"], spec["max"]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lo, hi)) or lo >= hi:
        _fail(source, f"'min' and 'max' must be numbers with min < max, got {lo!r}, {hi!r}")
    scoring = spec.get("scoring", "sum")
    if scoring not in ("sum", "mean"):
        _fail(source, f"'scoring' must be sum or mean, got {scoring!r}")

    def item_list(value, what):
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(k, int) and not isinstance(k, bool) and 1 <= k <= n for k in value):
            _fail(source, f"{what} must be a list of item numbers between 1 and {n}")
        return tuple(value)

    reverse = item_list(spec.get("reverse") or [], "'reverse'")
    subscales_spec = spec.get("subscales") or {}
    if not isinstance(subscales_spec, dict):
        _fail(source, "'subscales' must map a subscale name to a list of item numbers")
    subscales = {str(k): item_list(v, f"subscale '{k}'") for k, v in subscales_spec.items()}
    for name in subscales:
        if not _ID.match(name.replace("_", "a")):
            _fail(source, f"subscale name '{name}' must be lower-case letters, digits and _")
    min_answered = spec.get("min_answered")
    if min_answered is not None and (not isinstance(min_answered, int) or not 1 <= min_answered <= n):
        _fail(source, f"'min_answered' must be a whole number between 1 and {n}")
    labels = tuple(str(x) for x in spec.get("labels") or ())
    if labels and len(labels) != n:
        _fail(source, f"'labels' has {len(labels)} entries but the instrument has {n} items")
    rel = spec.get("reliability")
    if rel is not None and not (isinstance(rel, (int, float)) and 0 < rel < 1):
        _fail(source, f"'reliability' must be a number between 0 and 1, got {rel!r}")
    known = {"id", "name", "items", "min", "max", "scoring", "reverse", "subscales",
             "min_answered", "subscale_min_answered", "total", "higher_is_better", "reliability",
             "sd", "labels", "reference", "licence"}
    return Instrument(
        id=iid, name=str(spec["name"]), items=n, min=lo, max=hi, scoring=scoring,
        reverse=reverse, subscales=subscales, min_answered=min_answered,
        subscale_min_answered=dict(spec.get("subscale_min_answered") or {}),
        total=bool(spec.get("total", True)),
        higher_is_better=bool(spec.get("higher_is_better", True)),
        reliability=rel, sd=spec.get("sd"), labels=labels,
        reference=str(spec.get("reference", "")).strip(), licence=str(spec.get("licence", "")),
        extra={k: v for k, v in spec.items() if k not in known},
    )


def _safe_load(path: Path):
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read instrument file: {exc.strerror}", file=path,
                         rule="file must exist and be readable") from None
    except UnicodeDecodeError:
        raise InputError("instrument file is not UTF-8 text", file=path,
                         rule="instrument files are UTF-8 YAML") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", file=path, row=row,
                         rule="instrument files are YAML (safe subset)") from None


def load_instrument_file(path) -> Instrument:
    """Read a custom instrument from a YAML file (safe loader)."""
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
        if not path.exists():
            raise InputError(f"unknown instrument '{instrument}'; known instruments: "
                             f"{', '.join(_builtin_ids())}", rule="instrument must be known")
        _cache[iid] = load_instrument_file(path)
    return _cache[iid]


def list_instruments() -> list[Instrument]:
    """All built-in instruments, sorted by id."""
    return [get_instrument(i) for i in _builtin_ids()]
