"""The disclosed object: everything one run's reports may show (``published.json``)."""

from __future__ import annotations

from .._result import DictResult, clean_json


class Disclosed(DictResult):
    """Everything one run's reports may show (``published.json``), after disclosure control.

    Keys: ``meta``, ``flow``, ``outcomes``, ``cells`` (id -> {value, status}), ``constraints``,
    ``reliable_change``, ``baseline``, ``attrition``, ``models``, ``pooled``, ``sites``,
    ``sensitivity``, ``themes``, ``themes_by_change``, ``quotes``, ``positive_health``,
    ``evidence``. Labels are ``{"nl": ..., "en": ...}``.
    """

    title = "disclosed results"

    def __init__(self, data: dict, internal: dict | None = None):
        super().__init__(data)
        self.data = data
        self._internal = internal or {}

    def __getitem__(self, key):
        return self.data[key]

    def get(self, key, default=None):
        return self.data.get(key, default)

    def to_dict(self) -> dict:
        return clean_json(self.data)

    def to_json(self, path=None) -> str:
        import json
        from pathlib import Path

        text = json.dumps(self.to_dict(), indent=1, ensure_ascii=False)
        if path is not None:
            Path(path).write_text(text + "\n", encoding="utf-8")
        return text

    def to_frame(self):
        """The count cells: ``cell, value, status`` (value empty when not published)."""
        import pandas as pd

        return pd.DataFrame([{"cell": k, **v} for k, v in self.data["cells"].items()],
                            columns=["cell", "value", "status"])

    @property
    def notes(self) -> list[str]:
        """What the disclosure step withheld, counted."""
        cells = self.data.get("cells") or {}
        m = (self.data.get("meta") or {}).get("min_cell_size")
        small = sum(1 for v in cells.values() if v["status"] == "small")
        hidden = sum(1 for v in cells.values() if v["status"] == "hidden")
        out = [f"{small} count(s) under {m} not published (primary suppression)",
               f"{hidden} further count(s) hidden so no small one follows from what is "
               f"published (secondary suppression)"]
        if (self.data.get("meta") or {}).get("arms_withheld"):
            out.append(f"an arm has fewer than {m} people: arm results and models withheld")
        return out

    @property
    def internal(self) -> dict:
        """The true values of hidden cells (for ``internal/`` and tests; never published)."""
        return self._internal

    @classmethod
    def from_json(cls, path) -> "Disclosed":
        import json
        from pathlib import Path

        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def cell(self, cid):
        """(value or None, status) of a count cell: status shown, small, hidden or absent."""
        c = self.data["cells"].get(cid)
        return (None, "absent") if c is None else (c["value"], c["status"])
