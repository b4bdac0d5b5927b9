"""An attacker with every output of one run (issue 22).

The attacker does not use the disclosure step's own list of relations: it rebuilds them from
what the tables mean (categories add up to their total, groups add up to the funnel, one
participant per referral, themes within change categories, neighbourhoods within the city) and
solves them as linear programmes, small counts known to lie in 1..m-1. No hidden cell may be
pinned to its value, and no hidden cell may be read off an equal cell shown elsewhere.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy.optimize import linprog


CATS = ("improved", "unchanged", "deteriorated")


class Attack:
    """Unknown hidden cells, linear equalities and inequalities over them."""

    def __init__(self, published):
        self.cells = published["cells"]
        self.m = published["meta"]["min_cell_size"]
        self.hidden = sorted(c for c, v in self.cells.items() if v["status"] in ("small",
                                                                                  "hidden"))
        self.index = {c: i for i, c in enumerate(self.hidden)}
        self.eq, self.ub = [], []

    def _row(self, plus, minus=(), constant=0.0):
        row, rhs = np.zeros(len(self.hidden)), -constant
        for sign, ids in ((1.0, plus), (-1.0, minus)):
            for c in ids:
                if c in self.index:
                    row[self.index[c]] += sign
                else:
                    rhs -= sign * float(self.cells[c]["value"])
        return row, rhs

    def equal(self, plus, minus=(), constant=0.0):
        """sum(plus) - sum(minus) + constant == 0"""
        row, rhs = self._row(plus, minus, constant)
        if row.any():
            self.eq.append((row, rhs))

    def at_most(self, plus, minus=(), constant=0.0):
        """sum(plus) - sum(minus) + constant <= 0"""
        row, rhs = self._row(plus, minus, constant)
        if row.any():
            self.ub.append((row, rhs))

    def pinned(self) -> list[str]:
        """Hidden cells whose value the relations fix: for each, one linear programme over two
        copies ``x, y`` of the unknowns (both satisfying every relation) maximising
        ``x_c - y_c``, the width of the values the cell can take."""
        if not self.hidden:
            return []
        k = len(self.hidden)
        bounds = [(1, self.m - 1) if self.cells[c]["status"] == "small" else (0, None)
                  for c in self.hidden] * 2

        def doubled(rows):
            return ([np.concatenate([r, np.zeros(k)]) for r, _ in rows]
                    + [np.concatenate([np.zeros(k), r]) for r, _ in rows],
                    [b for _, b in rows] * 2)

        a_eq, b_eq = doubled(self.eq)
        a_ub, b_ub = doubled(self.ub)
        out = []
        for c, i in self.index.items():
            obj = np.zeros(2 * k)
            obj[i], obj[k + i] = -1.0, 1.0
            res = linprog(obj, A_eq=a_eq or None, b_eq=b_eq or None, A_ub=a_ub or None,
                          b_ub=b_ub or None, bounds=bounds, method="highs")
            assert res.status in (0, 3), f"the relations contradict the published cells ({c})"
            if res.status == 3:          # unbounded: the cell can take any large value
                continue
            value = round(float(res.x[i]), 6) + 0.0
            # a zero known exactly identifies no one (the disclosure rule); anything else does
            if res.status == 0 and -res.fun < 1 - 1e-9 and (value != 0 or
                                                              self.cells[c]["status"] == "small"):
                out.append(f"{c} = {value:g}")
        return out


def _attack(published) -> Attack:
    a = Attack(published)
    cells = published["cells"]
    by_id = {o["outcome"]: o for o in published["outcomes"]}
    for o in published["outcomes"]:                     # change categories of the pairs
        if o.get("rci"):
            a.equal([o["rci"][c] for c in CATS], constant=-o["n_paired"])
    tbc = published.get("themes_by_change")
    if tbc:                                             # quoted people within each category
        rc = by_id[tbc["outcome"]]["rci"]
        for c in CATS:
            a.at_most([tbc["totals"][c]], [rc[c]])
            for row in tbc["rows"]:
                a.at_most([row["cells"][c]], [tbc["totals"][c]])
    for row in published["baseline"]["background"]:     # categories add up to their total
        if row["kind"] == "categorical" and row["categories"]:
            a.equal([c["n"] for c in row["categories"]], constant=-row["n_total"])
    ref = published.get("referrals")
    if ref:
        stages = {s["stage"]: s["n"] for s in ref["funnel"]["stages"]}
        for dim in ("by_referrer", "by_referrer_type", "by_route"):
            groups = ref.get(dim) or []
            for key, stage in (("referrals", "referred"), ("started", "started"),
                               ("completed", "completed")):
                ids = [g["cells"][key] for g in groups if key in g["cells"]]
                if ids and len(ids) == len(groups) and stages.get(stage) is not None \
                        and sum(1 for g in groups if g["merged"]) <= 1:
                    # the groups cover every referral when the merged group is published
                    total = sum(cells[i]["value"] or 0 for i in ids if i not in a.index)
                    if total <= stages[stage]:
                        a.equal(ids, constant=-stages[stage])
            for g in groups:
                if "started" in g["cells"]:
                    a.at_most([g["cells"]["started"]], [g["cells"]["referrals"]])
        # one referral per participant: background referrer == started per referrer
        bg = next((r for r in published["baseline"]["background"]
                   if r["column"] == "referrer" and r["kind"] == "categorical"), None)
        if bg:
            named = {g["group"]: g for g in ref.get("by_referrer") or [] if not g["merged"]}
            for cat in bg["categories"]:
                g = named.get(cat["category"])
                if g is not None and "started" in g["cells"]:
                    shown = [c for c in (cat["n"], g["cells"]["started"]) if c not in a.index]
                    if len(shown) == 1:    # read off the equal cell shown elsewhere
                        a.equal([cat["n"]], [g["cells"]["started"]])
    return a


@pytest.mark.parametrize("programme", ["kunst-op-recept", "welzijn-op-recept", "in-beeld"])
def test_no_hidden_cell_follows_from_all_outputs_of_a_run(demo_reports, programme):
    """Every output of the demo run: the published object the four reports of the programme
    share (funder and guideline, nl and en read the same one)."""
    folders = sorted((demo_reports / programme).glob("*-*/published.json"))
    assert len(folders) == 4
    published = [json.loads(f.read_text("utf-8")) for f in folders]
    assert all(p["cells"] == published[0]["cells"] for p in published)
    attack = _attack(published[0])
    assert attack.hidden, "the run hides something (else the attack tests nothing)"
    assert attack.pinned() == []


def test_the_attack_finds_a_planted_leak(demo_reports):
    """The attacker itself: publish two of the three reliable-change counts and the third,
    hidden, follows from the pairs."""
    published = json.loads((demo_reports / "welzijn-op-recept" / "guideline-nl"
                            / "published.json").read_text("utf-8"))
    o = next(o for o in published["outcomes"] if o.get("rci"))
    cells = published["cells"]
    n = o["n_paired"]
    # invent values consistent with n: a leak is a leak whatever the values
    values = {"improved": n - 12, "unchanged": 7, "deteriorated": 5}
    for c in CATS:
        cells[o["rci"][c]] = ({"value": None, "status": "small"} if c == "deteriorated"
                              else {"value": values[c], "status": "shown"})
    pinned = _attack(published).pinned()
    assert f"{o['rci']['deteriorated']} = 5" in pinned


def test_no_neighbourhood_follows_from_the_city_minus_the_others(demo_reports):
    folder = demo_reports / "wijzer-in-de-wijk" / "monitor-nl"
    mon = json.loads((folder / "published.json").read_text("utf-8"))["monitor"]
    monitor = json.loads((folder / "internal" / "monitor.json").read_text("utf-8"))
    assert mon["small_neighbourhoods"]
    ref = {(str(r["round"]), r["outcome"]): r for r in mon["reference"]}
    for (rnd, outcome), r in ref.items():
        areas = [e for e in mon["estimates"] if str(e["round"]) == rnd and e["outcome"] == outcome]
        truth = [e for e in monitor["estimates"] if str(e["round"]) == rnd
                 and e["outcome"] == outcome]
        if sum(e["n"] for e in truth) != r["n"]:
            continue                      # the reference is not the sum of the areas
        hidden = [e for e in areas if e["n"] is None]
        # one hidden area would be the city minus the rest, in n and (weighted) mean
        assert len(hidden) != 1, (rnd, outcome)
        if hidden:
            rest = r["n"] - sum(e["n"] for e in areas if e["n"] is not None)
            assert rest >= mon["min_respondents"]   # what follows is a combined, large group
