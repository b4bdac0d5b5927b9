"""Result objects: tables in JupyterLab, DataFrames and dicts everywhere else."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

__all__ = ["Result", "DictResult", "TableResult", "clean_json"]


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


class Result:
    """Base class: subclasses implement :meth:`to_dict`; a table view comes from :meth:`to_frame`."""

    title: str = ""

    def to_dict(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def to_frame(self):
        import pandas as pd

        d = self.to_dict()
        rows = d if isinstance(d, list) else [d]
        return pd.DataFrame([{k: v for k, v in r.items() if not isinstance(v, (list, dict))}
                             for r in rows])

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        caption = f"<p><strong>{html.escape(self.title)}</strong></p>" if self.title else ""
        return caption + frame.to_html(index=False, float_format=lambda x: f"{x:.3g}",
                                       na_rep="", escape=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}\n{self.to_frame().to_string(index=False)}"


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

        return pd.DataFrame(self.rows)

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)
