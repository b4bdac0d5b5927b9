"""Result objects: one interface for every result of the package.

Every public result class subclasses :class:`Result` (or :class:`DictResult`, :class:`TableResult`)
and so offers

* ``to_frame()``: a tidy :class:`pandas.DataFrame`; an interval is always two columns
  (``ci_low``/``ci_high``, ``d_z_ci_low``/``d_z_ci_high``), never a list in a cell;
* ``to_dict()``: plain JSON values (NaN and inf become None);
* ``summary()``: a readable text table with the title and the notes;
* ``notes``: a list of sentences saying what could not be computed and why;
* ``_repr_html_()``: the table in JupyterLab, rounded for reading (p-values to 3 significant
  digits or "<0.001", counts as integers, other numbers to 3 decimals or fewer for large values);
* ``plot()`` where a figure exists.

Values are read with ``result["key"]`` (or ``result.data``, ``result.rows``); ``summary()``
always means the text (it is a method everywhere, never a mapping of values).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

__all__ = ["Result", "DictResult", "TableResult", "clean_json", "split_intervals",
           "format_value"]


def clean_json(value):
    """Convert numpy/pandas scalars and NaN into plain JSON values (NaN and inf become None)."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        np = None
    if isinstance(value, Mapping):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_json(v) for v in value]
    if np is not None:
        if isinstance(value, np.ndarray):
            return [clean_json(v) for v in value.tolist()]
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is not None and type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def _is_interval(value) -> bool:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return all(v is None or isinstance(v, (int, float)) for v in value)
    try:
        import numpy as np

        return isinstance(value, np.ndarray) and value.shape == (2,)
    except ImportError:  # pragma: no cover
        return False


def split_intervals(frame):
    """Replace every column whose cells are ``[low, high]`` pairs by ``<col>_low`` and
    ``<col>_high`` (``d_z_ci`` -> ``d_z_ci_low``, ``d_z_ci_high``), in place of the column."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame) or frame.empty:
        return frame
    out = {}
    changed = False
    for col in frame.columns:
        values = frame[col]
        if values.dtype == object:
            cells = [v for v in values if v is not None and not (isinstance(v, float) and
                                                                  math.isnan(v))]
            if cells and all(_is_interval(v) for v in cells):
                changed = True
                name = str(col)
                low, high = [], []
                for v in values:
                    pair = v if _is_interval(v) else (None, None)
                    low.append(pair[0])
                    high.append(pair[1])
                out[f"{name}_low"] = pd.to_numeric(pd.Series(low, index=frame.index),
                                                   errors="coerce")
                out[f"{name}_high"] = pd.to_numeric(pd.Series(high, index=frame.index),
                                                    errors="coerce")
                continue
        out[col] = values
    return pd.DataFrame(out, index=frame.index) if changed else frame


def format_value(column: str, value) -> str:
    """Rounding for reading: p-values 3 significant digits ("<0.001" below), whole numbers as
    integers, other numbers 3 decimals (2 from 100, 1 from 1000, 0 from 100000)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int,)) or type(value).__name__.startswith("int"):
        return str(int(value))
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    col = str(column).lower()
    if col == "p" or col.startswith("p_") or col.endswith("_p") or col in ("pval", "p_value"):
        return "<0.001" if 0 <= x < 0.001 else f"{x:.3g}"
    if x == int(x) and abs(x) < 1e15 and (col in ("n", "k", "df") or col.startswith("n_")
                                          or col.endswith("_n")):
        return str(int(x))
    ax = abs(x)
    digits = 3 if ax < 100 else 2 if ax < 1000 else 1 if ax < 100000 else 0
    return f"{x:,.{digits}f}" if ax >= 10000 else f"{x:.{digits}f}"


class Result:
    """Base class: subclasses implement :meth:`to_dict` (and usually :meth:`to_frame`)."""

    title: str = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("to_frame")
        if own is not None and not getattr(own, "_splits_intervals", False):
            def to_frame(self, *args, _own=own, **kw):
                return split_intervals(_own(self, *args, **kw))

            to_frame.__doc__ = own.__doc__
            to_frame.__name__ = "to_frame"
            to_frame._splits_intervals = True
            cls.to_frame = to_frame

    # -- values --------------------------------------------------------------------------------
    def to_dict(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def to_frame(self):
        import pandas as pd

        d = self.to_dict()
        rows = d if isinstance(d, list) else [d]
        frame = pd.DataFrame([{k: v for k, v in r.items()
                               if not isinstance(v, dict) and (not isinstance(v, list)
                                                              or _is_interval(v))}
                              for r in rows])
        return split_intervals(frame.drop(columns=[c for c in ("notes",) if c in frame]))

    to_frame._splits_intervals = True

    # -- notes ---------------------------------------------------------------------------------
    @property
    def notes(self) -> list:
        own = self.__dict__.get("_notes")
        if own is not None:
            return own
        for source in (self.__dict__.get("data"), self.__dict__.get("values")):
            if isinstance(source, Mapping) and isinstance(source.get("notes"), list):
                return source["notes"]
        return []

    @notes.setter
    def notes(self, value):
        self.__dict__["_notes"] = list(value or [])

    # -- summary -------------------------------------------------------------------------------
    def summary(self) -> str:
        """The result as readable text: its title, the table and the notes."""
        return self._summary_text()

    def _formatted_frame(self):
        frame = self.to_frame()
        try:
            shown = frame.copy()
            for col in shown.columns:
                shown[col] = [format_value(col, v) for v in shown[col].tolist()]
            return shown
        except AttributeError:  # pragma: no cover - not a DataFrame
            return frame

    def _summary_text(self) -> str:
        title = self.title or type(self).__name__
        lines = [title, "=" * len(title)]
        shown = self._formatted_frame()
        lines.append(shown.to_string(index=False) if len(shown.columns) else "(no rows)")
        notes = self.notes
        if notes:
            lines.append("")
            lines.append("Notes:")
            lines += [f"- {n}" for n in notes]
        return "\n".join(lines)

    # -- display -------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        shown = self._formatted_frame()
        caption = f"<p><strong>{html.escape(self.title)}</strong></p>" if self.title else ""
        table = shown.to_html(index=False, na_rep="", escape=True)
        notes = "".join(f"<li>{html.escape(str(n))}</li>" for n in self.notes)
        return caption + table + (f"<ul>{notes}</ul>" if notes else "")

    def __repr__(self) -> str:
        return self._summary_text()


class DictResult(Result):
    """A result that is one mapping of named values: ``result["key"]``, ``to_dict()``."""

    def __init__(self, data: dict):
        self.data = data

    def __getitem__(self, key):
        return self.data[key]

    def to_dict(self) -> dict:
        return clean_json(self.data)


class TableResult(Result):
    """A result that is one table of rows (list of dicts)."""

    def __init__(self, rows: list[dict], title: str = "", notes: list[str] | None = None):
        self.rows = rows
        self.title = title
        self.notes = list(notes or [])

    def to_dict(self):
        return clean_json(self.rows)

    def to_frame(self):
        import pandas as pd

        frame = pd.DataFrame(self.rows)
        return frame.drop(columns=[c for c in ("notes",) if c in frame])

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)
