"""Count cells and the linear relations between them: joint secondary suppression, and the audit
that solves the published relations as a reader could (linear programming) so no hidden cell
follows from what is shown."""

from __future__ import annotations

import math


def _nan(v) -> bool:
    try:
        return v is None or (isinstance(v, float) and math.isnan(v))
    except TypeError:
        return False


def _num(v):
    if v is None or _nan(v):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


class _Cells:
    """Count cells and the linear relations between them; joint secondary suppression."""

    def __init__(self, policy):
        self.policy = policy
        self.values: dict[str, int] = {}
        self.hidden: set[str] = set()
        self.small: set[str] = set()
        self.constraints: list[dict] = []
        self.unpublished: set[str] = set()
        # hidden cells the audit still finds exposed when nothing is left to hide (solve())
        self.unresolved: list[str] = []

    def add(self, cid, value, published: bool = True) -> str:
        """A count cell; ``published=False`` for a number no report shows (an unknown in the
        relations: e.g. participants of a change category without quotes)."""
        value = 0 if value is None or _nan(value) else int(value)
        self.values[cid] = value
        if not published:
            self.hidden.add(cid)
            self.unpublished.add(cid)
        elif self.policy.small(value):
            self.hidden.add(cid)
            self.small.add(cid)
        return cid

    def relate(self, members, total, what):
        """``sum(members) == total``; total is a published number or a cell id; ``what`` names
        the relation by a key (``rc_total/<outcome>``, ``ref_groups_funnel/<dim>/<stage>``, ...;
        docs/architecture.md lists them) that the audit reports."""
        self.constraints.append({"cells": list(members), "total": total, "what": what})

    def hide(self, cid):
        self.hidden.add(cid)

    def solve(self):
        for _ in range(10 * len(self.values) + 10):
            changed = False
            for c in self.constraints:
                members = list(c["cells"]) + ([c["total"]] if isinstance(c["total"], str) else [])
                unknown = [m for m in members if m in self.hidden]
                if len(unknown) != 1:
                    continue
                # hide the smallest other shown member (non-zero first: a zero protects nothing)
                shown = [m for m in members if m not in self.hidden]
                pool = [m for m in shown if self.values[m] > 0] or shown
                if not pool:
                    continue
                self.hidden.add(min(pool, key=lambda m: (self.values[m], m)))
                changed = True
            if not changed:
                break
        # audit: the heuristic protects each relation on its own; chains of relations can still
        # pin a hidden cell down. Solve the linear system as a reader could (scipy linprog:
        # small cells in [1, m-1], other hidden ones >= 0) and hide a neighbour of any hidden
        # cell whose value follows, until none does.
        for _ in range(len(self.values) + 1):
            exposed = self.exposed()
            if not exposed:
                return
            hid = [self._hide_neighbour(cid) for cid in exposed]   # each one, not up to one
            if not any(hid):
                # nothing shown is left to hide: a published number (a total given as a number)
                # pins these cells down for a reader who knows which hidden cells are small; the
                # disclosure step tells the author (it can hide no more)
                self.unresolved = exposed
                return
        self.unresolved = self.exposed()

    def unresolved_notes(self) -> list[str]:
        """The cells the audit could not protect further (:attr:`unresolved`), told to the
        author: a reader who knew which hidden cells are small could work them out from a
        published number. Empty when there are none."""
        if not self.unresolved:
            return []
        what = sorted({con["what"] for con in self.constraints
                       if set(self.unresolved) & set(con["cells"] + [con["total"]])})
        return [f"the disclosure audit finds {len(self.unresolved)} hidden count(s) that a "
                f"reader who knew which hidden counts are small could work out from a published "
                f"total ({', '.join(what)}), and no shown count is left to hide; check those "
                f"tables before sharing the report"]

    def _programme(self):
        """The reader's linear programme: the hidden cells (unknowns), their limits (small cells
        in [1, m-1], other hidden ones >= 0), and every published relation among them, as two
        independent copies x, y of the unknowns (maximising x_c - y_c gives x_c = largest and
        y_c = smallest value of cell c at once). None when nothing is hidden."""
        m = self.policy.min_cell_size
        unknown = sorted(self.hidden)
        if not unknown:
            return None
        index = {c: i for i, c in enumerate(unknown)}
        a_eq, b_eq = [], []
        for con in self.constraints:
            row, rhs = [0.0] * len(unknown), 0.0
            members = [(c, 1.0) for c in con["cells"]]
            if isinstance(con["total"], str):
                members.append((con["total"], -1.0))
            else:
                rhs = float(con["total"])
            for c, sign in members:
                if c in index:
                    row[index[c]] += sign
                else:
                    rhs -= sign * self.values[c]
            if any(row):
                a_eq.append(row)
                b_eq.append(rhs)
        limits = [(1, m - 1) if c in self.small else (0, None) for c in unknown]
        k = len(unknown)
        a2 = [row + [0.0] * k for row in a_eq] + [[0.0] * k + row for row in a_eq]
        return unknown, index, a2, b_eq + b_eq, limits + limits

    @staticmethod
    def _solve_cell(programme, c):
        """(smallest, largest) value of cell ``c`` and the two tables that reach them, or None
        when the programme has no finite answer."""
        from scipy.optimize import linprog

        unknown, index, a2, b2, limits = programme
        k = len(unknown)
        obj = [0.0] * (2 * k)
        obj[index[c]], obj[k + index[c]] = -1.0, 1.0
        res = linprog(obj, A_eq=a2 or None, b_eq=b2 or None, bounds=limits, method="highs")
        if res.status != 0:
            return None
        return (float(res.x[k + index[c]]), float(res.x[index[c]])), res.x[:k], res.x[k:]

    def _spread_tables(self, programme):
        """Two tables as far apart as they can be in every cell at once (a programme maximising
        the sum of the spreads, its open limits capped at the total of all counts: its tables
        satisfy every relation, which is all :meth:`exposed` needs), or None."""
        from scipy.optimize import linprog

        unknown, _, a2, b2, limits = programme
        k = len(unknown)
        cap = float(sum(self.values.values()) + 1)
        capped = [(lo, cap if hi is None else hi) for lo, hi in limits]
        res = linprog([-1.0] * k + [1.0] * k, A_eq=a2 or None, b_eq=b2 or None, bounds=capped,
                      method="highs")
        return (res.x[:k], res.x[k:]) if res.status == 0 else None

    def bounds(self) -> dict:
        """Smallest and largest value of each hidden, published cell consistent with every
        published cell and relation (one linear programme per cell)."""
        programme = self._programme()
        if programme is None:
            return {}   # nothing hidden: no linear programme (and no import of scipy.optimize)
        out = {}
        for c in programme[0]:
            if c in self.unpublished:
                continue
            solved = self._solve_cell(programme, c)
            if solved is not None:
                out[c] = solved[0]
        return out

    def exposed(self) -> list[str]:
        """Hidden cells whose value a reader could work out (a zero may be known: it identifies
        no one): those whose smallest and largest possible values (:meth:`bounds`) lie less than
        1 apart.

        The same answer as from :meth:`bounds`, with fewer programmes: every programme solved
        gives two whole tables that satisfy every relation, so a cell whose values in the tables
        seen so far already lie at least 1 apart (with a margin of 1e-6 for the solver's
        tolerance) can be worked out by no reader, and needs no programme of its own. A test
        compares both on random tables.
        """
        programme = self._programme()
        if programme is None:
            return []
        import numpy as np

        unknown, index = programme[0], programme[1]
        low, high = np.full(len(unknown), np.inf), np.full(len(unknown), -np.inf)

        def seen(x, y):     # the values of every cell in two more feasible tables
            np.minimum(low, np.minimum(x, y), out=low)
            np.maximum(high, np.maximum(x, y), out=high)

        spread = self._spread_tables(programme)
        if spread is not None:
            seen(*spread)
        out = []
        for c in unknown:
            if c in self.unpublished:
                continue
            i = index[c]
            if high[i] - low[i] >= 1 + 1e-6:
                continue
            solved = self._solve_cell(programme, c)
            if solved is None:
                continue
            (lo, hi), x, y = solved
            seen(x, y)
            if hi - lo < 1 - 1e-9 and not (hi <= 1e-9 and c not in self.small):
                out.append(c)
        return out

    def _hide_neighbour(self, cid):
        """Hide the smallest shown cell related to ``cid``: in a relation with it, or else
        (its relations holding only hidden cells) in a relation with one of those, and so on.
        False when no related cell is shown."""
        def members(con):
            return list(con["cells"]) + ([con["total"]] if isinstance(con["total"], str) else [])

        frontier, seen = {cid}, {cid}
        while frontier:
            related = [m for con in self.constraints if frontier & set(members(con))
                       for m in members(con)]
            shown = [m for m in related if m not in self.hidden]
            pool = [m for m in shown if self.values[m] > 0] or shown
            if pool:
                self.hidden.add(min(pool, key=lambda m: (self.values[m], m)))
                return True
            frontier = {m for m in related if m not in seen}
            seen |= frontier
        return False

    def published(self) -> dict:
        out = {}
        for cid, v in self.values.items():
            status = ("unpublished" if cid in self.unpublished else "small" if cid in self.small
                      else "hidden" if cid in self.hidden else "shown")
            out[cid] = {"value": None if cid in self.hidden else v, "status": status}
        return out

    def shown(self, cid) -> bool:
        return cid in self.values and cid not in self.hidden

    def value(self, cid):
        return None if cid in self.hidden else self.values.get(cid)
