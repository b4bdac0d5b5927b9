"""One disclosure step between the results and every report (DESIGN.md, Deliverables and disclosure).

``analyse -> Results (full, internal) -> disclose(results, policy) -> Disclosed -> report engine``.

:func:`disclose` builds every table, count, mean, label, sentence input and figure value that any
report of a run may show, for both audiences and both languages at once, and applies the
small-cell rules jointly over all of them:

* **primary suppression**: a count of people in a group of ``1 .. min_cell_size - 1`` is not
  shown, nor any mean, SD, share or estimate of that group;
* **secondary suppression** over every linear relation one run publishes (``constraints``: each
  says that some cells add up to a published number or to another cell): wherever a relation has
  exactly one hidden member, the smallest other non-zero member is hidden too, until no relation
  has exactly one. The relations span tables (the reliable-change row of the primary outcome is
  the same set of cells the themes-by-change display adds up to), so the funder and guideline
  reports of one run hide the same cells and no hidden value follows by subtraction;
* **merged categories**: background categories under the threshold are merged into "other"
  (:func:`impact.smallcells.frequency_table`); their names are never listed;
* **participant-level rows** (per-participant change, individual points) never enter the
  disclosed object; the analyst finds them in ``internal/``.

Participant flow counts are published in full (the flow rule of :mod:`impact.smallcells`).

The disclosed object is plain data (``to_dict()`` is ``published.json``): the report layer reads
only it, never the data file, the unsuppressed results, nor any statistic it would compute.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field

from .._result import DictResult, clean_json
from ..errors import InputError
from pathlib import Path as _Path

from ..smallcells import DEFAULT_MIN_CELL_SIZE, MIN_CELL_FLOOR, is_small, min_cell_problem

__all__ = ["DisclosurePolicy", "Disclosed", "disclose", "analyse_and_disclose", "author_notes",
           "disclose_monitor_results", "monitor_and_disclose"]

CHANGE_CATEGORIES = ("improved", "unchanged", "deteriorated")
LANGS = ("nl", "en")
_TIDIER_WANTED = ("name", "why", "what_procedures", "who_provided", "how", "where",
                  "when_how_much")


@dataclass
class DisclosurePolicy:
    """What may leave the package.

    Parameters
    ----------
    min_cell_size : int
        No count, share, mean or estimate of a group smaller than this (default 10, CBS output
        rule); zero counts reveal no one and stay.
    allow_small_cells : bool
        Needed for ``min_cell_size`` below :data:`impact.smallcells.MIN_CELL_FLOOR` (5); the
        reports then say so.
    audiences : tuple of str
        The audiences that read the same disclosed object (same hidden cells for all).
    """

    min_cell_size: int = DEFAULT_MIN_CELL_SIZE
    allow_small_cells: bool = False
    audiences: tuple = ("funder", "guideline")
    floor: int = field(default=MIN_CELL_FLOOR, repr=False)

    def __post_init__(self):
        if not isinstance(self.min_cell_size, int) or self.min_cell_size < 1:
            raise InputError(f"min_cell_size must be a whole number >= 1, got "
                             f"{self.min_cell_size!r}", rule="protocol min_cell_size")
        problem = min_cell_problem(self.min_cell_size, self.allow_small_cells)
        if problem:
            raise InputError(problem, rule="protocol min_cell_size")

    @classmethod
    def from_protocol(cls, protocol) -> "DisclosurePolicy":
        return cls(min_cell_size=int(protocol.min_cell_size),
                   allow_small_cells=protocol.get("allow_small_cells") is True)

    def small(self, n) -> bool:
        """A count that may not be shown on its own (``0 < n < min_cell_size``)."""
        return is_small(n, self.min_cell_size)


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
        """``sum(members) == total``; total is a published number or a cell id."""
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
            for cid in exposed:
                self._hide_neighbour(cid)

    def bounds(self) -> dict:
        """Smallest and largest value of each hidden, published cell consistent with every
        published cell and relation."""
        from scipy.optimize import linprog

        m = self.policy.min_cell_size
        unknown = sorted(self.hidden)
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
        if not unknown:
            return {}
        limits = [(1, m - 1) if c in self.small else (0, None) for c in unknown]
        # one LP per cell: two independent copies x, y of the unknowns, each satisfying every
        # relation; maximising x_c - y_c gives x_c = largest and y_c = smallest value at once
        k = len(unknown)
        a2 = [row + [0.0] * k for row in a_eq] + [[0.0] * k + row for row in a_eq]
        b2 = b_eq + b_eq
        out = {}
        for c in unknown:
            if c in self.unpublished:
                continue
            obj = [0.0] * (2 * k)
            obj[index[c]], obj[k + index[c]] = -1.0, 1.0
            res = linprog(obj, A_eq=a2 or None, b_eq=b2 or None, bounds=limits + limits,
                          method="highs")
            if res.status == 0:
                out[c] = (float(res.x[k + index[c]]), float(res.x[index[c]]))
        return out

    def exposed(self) -> list[str]:
        """Hidden cells whose value a reader could work out (a zero may be known: it identifies
        no one)."""
        return [c for c, (lo, hi) in self.bounds().items()
                if hi - lo < 1 - 1e-9 and not (hi <= 1e-9 and c not in self.small)]

    def _hide_neighbour(self, cid):
        shown = [m for con in self.constraints
                 if cid in con["cells"] or con["total"] == cid
                 for m in list(con["cells"]) + ([con["total"]] if isinstance(con["total"], str)
                                                else [])
                 if m not in self.hidden]
        pool = [m for m in shown if self.values[m] > 0] or shown
        if pool:
            self.hidden.add(min(pool, key=lambda m: (self.values[m], m)))

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


# ---- labels -------------------------------------------------------------------------------------

def _outcome_labels(protocol, column) -> dict:
    from ..studies.programme import _instrument_of

    inst = _instrument_of(protocol, column)
    labels = ((getattr(inst, "extra", None) or {}).get("score_labels") or {}).get(column) \
        if inst is not None else None
    if isinstance(labels, dict) and labels:
        return {lang: str(labels.get(lang) or next(iter(labels.values()))) for lang in LANGS}
    name = getattr(inst, "name", None) if inst is not None else None
    if name and column == getattr(inst, "score_column", None):
        return {lang: str(name) for lang in LANGS}
    sub = column.split("_", 1)[1] if "_" in column else column
    base = f"{name}: {sub.replace('_', ' ')}" if name else column.replace("_", " ")
    return {lang: base for lang in LANGS}


def _code_labels(codes) -> dict:
    from ..qual import default_codebook

    book = default_codebook()
    known = {c.id: c for c in book}
    out = {}
    for code in codes:
        c = known.get(code)
        out[code] = ({lang: c.name(lang) for lang in LANGS} if c is not None
                     else {lang: str(code).replace("_", " ").capitalize() for lang in LANGS})
    return out


def _wave_labels(protocol) -> dict:
    return {w: {lang: protocol.wave_label(w, lang) for lang in LANGS}
            | {"weeks": (protocol.wave_info.get(w) or {}).get("weeks")}
            for w in protocol.waves}


# ---- author notes --------------------------------------------------------------------------------

def author_notes(protocol) -> list[str]:
    """What the protocol lacks for a complete report: told to the author (stderr, internal/),
    never written into the deliverable."""
    notes = []
    report = protocol.get("report") or {}
    sections = report.get("sections") or {} if isinstance(report, dict) else {}
    for key, what in (("continuation", "how the programme continues"),
                      ("lessons", "lessons learned")):
        if not protocol.get(key) and not sections.get(key):
            notes.append(f"the protocol does not describe {what} ('{key}'); the funder report "
                         f"leaves that part out")
    if not protocol.get("partners"):
        notes.append("the protocol names no partners ('partners'); the funder report leaves "
                     "that part out")
    iv = protocol.get("intervention") or {}
    missing = [k for k in _TIDIER_WANTED if not (isinstance(iv, dict) and iv.get(k))]
    if missing:
        notes.append("the intervention description lacks TIDieR item(s) "
                     + ", ".join(missing) + " ('intervention' in the protocol)")
    if not protocol.get("background"):
        notes.append("the protocol lists no 'background' columns; no participant "
                     "characteristics are described")
    return notes


def analyse_and_disclose(data, protocol, *, quotes=None, codings=None, pseudonym_key=None,
                         referrals=None, population=None):
    """Analyse once and disclose once: returns ``(results, disclosed)``.

    ``data`` and ``protocol`` take what :func:`impact.analyse` takes (paths, a DataFrame, a dict
    or a Protocol); ``quotes`` and ``codings`` paths or frames. Quotes are pseudonymised with the
    run's key so they join the per-participant change inside this process only.
    """
    from ..io.pseudonym import resolve_key
    from ..protocol import as_protocol

    protocol = as_protocol(protocol)
    key = resolve_key(pseudonym_key)
    with_quotes = (quotes is not None and codings is not None and str(quotes) != ""
                   and str(codings) != "")
    if with_quotes:
        from ..qual.deid import deduce_ahead

        with deduce_ahead():    # deduce loads on the second core while the analysis runs
            return _analyse_and_disclose(data, protocol, key, quotes, codings, referrals,
                                         population)
    return _analyse_and_disclose(data, protocol, key, None, None, referrals, population)


def _analyse_and_disclose(data, protocol, key, quotes, codings, referrals, population):
    from ..studies.programme import analyse, sha256_file
    from ..io.pseudonym import pseudonymise

    results = analyse(data, protocol, pseudonym_key=key, referrals=referrals,
                      population=population)
    q = c = None
    names = ()
    if quotes is not None and codings is not None:
        from ..qual import read_codings, read_quotes

        raw_q = read_quotes(quotes) if isinstance(quotes, (str, _Path)) else quotes
        c = read_codings(codings, quotes=raw_q) if isinstance(codings, (str, _Path)) else codings
        q = pseudonymise(raw_q, key)
        for path in (quotes, codings):
            if isinstance(path, (str, _Path)):
                results.data["provenance"]["files"][str(path)] = sha256_file(path)
        names = _names_in_data(data, protocol)
    del key
    return results, disclose(results, quotes=q, codings=c, names=names)


def _names_in_data(data, protocol) -> tuple:
    """Values of name-like columns of the response data, to remove from quotes."""
    from ..io.identifiers import identifier_like_name

    try:
        if isinstance(data, (str, _Path)):
            from ..io import read_responses

            frame = read_responses(data, protocol)
        else:
            frame = data
    except Exception:  # noqa: BLE001 - analyse has already read and checked the data
        return ()
    out = []
    for col in frame.columns:
        if identifier_like_name(str(col)) == "a name":
            out += [str(v) for v in frame[col].dropna().unique()]
    return tuple(out)



# ---- the step ------------------------------------------------------------------------------------

def disclose(results, *, quotes=None, codings=None, policy=None, names=()) -> Disclosed:
    """Apply disclosure control to a run's results: the one object every report reads.

    Parameters
    ----------
    results : impact.studies.programme.Results
        From :func:`impact.analyse` (with ``scores``, ``background`` and ``protocol``).
    quotes, codings : DataFrame, optional
        Quotes (participant ids pseudonymised with the key of ``results``) and codings.
    policy : DisclosurePolicy, optional
        Default: from the protocol (``min_cell_size``, ``allow_small_cells``).
    names : iterable of str
        Names to remove from quotes (besides the built-in list).

    Returns
    -------
    Disclosed
        ``to_dict()`` is ``published.json``; ``internal`` holds the true values of hidden cells.
    """
    protocol = results.protocol
    policy = policy or DisclosurePolicy.from_protocol(protocol)
    m = policy.min_cell_size
    R = results.to_dict()
    cells = _Cells(policy)
    flow = R.get("flow") or {}
    n_base = flow.get("with_baseline")
    n_paired_flow = flow.get("paired")

    # --- outcomes and reliable change
    outcomes = []
    primary = R.get("primary_outcome")
    for o in R.get("outcomes") or []:
        col = o["outcome"]
        n = o.get("n_paired") or 0
        ok = n >= m
        row = {"outcome": col, "label": _outcome_labels(protocol, col),
               "primary": bool(o.get("primary")), "n_paired": n, "shown": ok}
        from ..studies.programme import _good_direction, _instrument_of

        inst = _instrument_of(protocol, col)
        row["instrument"] = getattr(inst, "name", None)
        row["reference"] = getattr(inst, "reference", None) or None
        row["higher_is_better"] = _good_direction(inst, col) if inst is not None else None
        try:
            row["range"] = list(inst.column_range(col)) if inst is not None else None
        except Exception:  # noqa: BLE001 - a custom instrument without a range
            row["range"] = None
        for k in ("mean_baseline", "sd_baseline", "mean_followup", "sd_followup", "mean_change",
                  "ci_low", "ci_high", "t", "df", "p", "p_adjusted", "d_z", "d_z_ci", "g_av",
                  "g_av_ci", "wilcoxon_p", "hl_estimate", "hl_ci"):
            row[k] = o.get(k) if ok else None
        row["computed"] = o.get("mean_change") is not None
        if o.get("rci_improved") is not None and ok:
            ids = [cells.add(f"rc/{col}/{c}", o.get(f"rci_{c}")) for c in CHANGE_CATEGORIES]
            cells.relate(ids, n, f"reliable change of {col} adds up to the paired participants")
            row["rci"] = {c: f"rc/{col}/{c}" for c in CHANGE_CATEGORIES}
            row["rci_reliability"], row["rci_sd"] = o.get("rci_reliability"), o.get("rci_sd")
            row["rci_sd_source"] = o.get("rci_sd_source")
        else:
            row["rci"] = None
        outcomes.append(row)
    by_id = {o["outcome"]: o for o in outcomes}

    # --- background at baseline (only the protocol's list; identifiers refused earlier)
    baseline_rows = []
    bg = getattr(results, "background", None)
    if bg is not None:
        from ..smallcells import frequency_table
        from ..io.identifiers import looks_like_dates

        for col in [c for c in protocol.get("background") or [] if c in bg.columns]:
            values = bg[col]
            import pandas as pd

            num = pd.to_numeric(values, errors="coerce")
            if num.notna().sum() >= 0.9 * max(values.notna().sum(), 1) and values.notna().any():
                n_val = int(num.notna().sum())
                cid = cells.add(f"bg/{col}/n", n_val)
                baseline_rows.append({"kind": "numeric", "column": col,
                                      "label": _background_label(col), "n": cid,
                                      "mean": float(num.mean()) if n_val >= m else None,
                                      "sd": float(num.std(ddof=1)) if n_val >= m else None})
                continue
            if looks_like_dates(values):
                continue  # dates never become categories
            table, _ = frequency_table(bg, col, m, lang="en", other_label="\x00other")
            cats = []
            if not table.empty:
                for r in table.to_dict("records")[:-1]:
                    other = r["category"] == "\x00other"
                    cid = cells.add(f"bg/{col}/{len(cats)}", int(r["n"]))
                    cats.append({"category": None if other else str(r["category"]),
                                 "other": other, "n": cid, "percent": float(r["percent"])})
            baseline_rows.append({"kind": "categorical", "column": col,
                                  "label": _background_label(col), "categories": cats,
                                  "merged": any(c["other"] for c in cats),
                                  "n_total": int(values.notna().sum()),
                                  "shown": bool(cats)})

    # --- baseline scores (means hidden when the drop-outs would follow from them)
    scores = results.scores
    baseline_scores = []
    if scores is not None:
        base = scores.loc[scores["wave"].astype(str) == str(protocol.baseline)]
        for o in outcomes:
            col = o["outcome"]
            if col not in base.columns:
                continue
            v = base[col].astype(float).dropna()
            dropouts = len(v) - (o["n_paired"] or 0)
            ok = len(v) >= m and not policy.small(dropouts)
            baseline_scores.append({"outcome": col, "n": len(v),
                                    "mean": float(v.mean()) if ok else None,
                                    "sd": float(v.std(ddof=1)) if ok and len(v) > 1 else None,
                                    "withheld_dropouts": len(v) >= m and policy.small(dropouts)})

    # --- attrition: means only when both groups are large enough
    attrition = []
    for a in R.get("attrition") or []:
        nc, nd = a.get("n_completers"), a.get("n_dropouts")
        ok = (nc or 0) >= m and (nd or 0) >= m
        var = a.get("variable")
        label = (by_id[var]["label"] if var in by_id else _background_label(str(var)))
        attrition.append({"variable": var, "label": label, "n_completers": nc, "n_dropouts": nd,
                          "mean_completers": a.get("mean_completers") if ok else None,
                          "sd_completers": a.get("sd_completers") if ok else None,
                          "mean_dropouts": a.get("mean_dropouts") if ok else None,
                          "sd_dropouts": a.get("sd_dropouts") if ok else None,
                          "smd": a.get("smd") if ok else None, "p": a.get("p") if ok else None})

    # --- models, pooling, sites, arms
    arms_small = _arms_small(results, protocol, policy)
    # a model fitted with an arm of fewer than min_cell_size people estimates that arm's change
    # (its reference level): no model of such a run is published
    models = [] if arms_small else [dict(r, label=by_id.get(r["outcome"], {}).get("label"))
                                    for r in R.get("models") or []]
    model_info = [] if arms_small else [
        {"outcome": i.get("outcome"), "n_participants": i.get("n_participants"),
         "n_obs": i.get("n_obs"), "icc": i.get("icc")} for i in R.get("model_info") or []]
    sites = R.get("sites") or []
    sites_ok = bool(sites) and all((s.get("n") or 0) >= m for s in sites)
    pooled = [dict(p, label=by_id.get(p["outcome"], {}).get("label")) for p in R.get("pooled") or []]
    site_rows = ([{k: s.get(k) for k in ("outcome", "label", "n", "estimate", "ci_low", "ci_high",
                                         "weight")} for s in sites] if sites_ok else [])
    controlled = [] if arms_small else R.get("controlled") or []

    # --- sensitivity (multiple imputation of the primary outcome)
    mi = (R.get("sensitivity") or {}).get("multiple_imputation")
    if mi and not (mi.get("n_participants") or 0) >= m:
        mi = None

    # --- qualitative: themes, themes by change, quotes
    themes, tbc, quote_rows, n_quoted = [], None, [], 0
    change = getattr(results, "participant_change", None)
    if quotes is not None and codings is not None and len(quotes):
        from ..qual import code_matrix, default_codebook

        order = {cid: i for i, cid in enumerate(default_codebook().ids())}
        matrix = code_matrix(codings, quotes)
        codes = sorted(matrix.columns, key=lambda c: (order.get(c, len(order)), str(c)))
        labels = _code_labels(codes)
        n_quoted = len(matrix)
        for code in codes:
            cid = cells.add(f"theme/{code}", int(matrix[code].sum()))
            themes.append({"code": code, "label": labels[code], "n": cid})
        p = by_id.get(primary)
        if change is not None and p is not None and p.get("rci"):
            joined = matrix.join(change.set_index("participant_id")["category"], how="inner")
            joined = joined[joined["category"].isin(CHANGE_CATEGORIES)]
            tot_ids = {}
            for c in CHANGE_CATEGORIES:
                tot_ids[c] = cells.add(f"tbc/total/{c}", int((joined["category"] == c).sum()))
            # the number of paired participants with quotes is shown nowhere: an unknown
            cells.relate(list(tot_ids.values()), cells.add("tbc/n", len(joined), False),
                         "participants with quotes by change category")
            for c in CHANGE_CATEGORIES:  # those without quotes: category total minus these
                cells.relate([tot_ids[c], cells.add(f"tbc/noquote/{c}",
                                                    cells.values[p["rci"][c]]
                                                    - cells.values[tot_ids[c]], False)],
                             p["rci"][c], "a change category: with and without quotes")
            rows = []
            for code in codes:
                ids = {c: cells.add(f"tbc/{code}/{c}",
                                    int(joined.loc[joined["category"] == c, code].sum()))
                       for c in CHANGE_CATEGORIES}
                not_named = {c: cells.add(f"tbc/{code}/not/{c}",
                                          cells.values[tot_ids[c]] - cells.values[ids[c]],
                                          False)
                             for c in CHANGE_CATEGORIES}
                for c in CHANGE_CATEGORIES:
                    cells.relate([ids[c], not_named[c]], tot_ids[c],
                                 "named or not named, per change category")
                cells.relate(list(ids.values()),
                             cells.add(f"tbc/{code}/n", int(joined[code].sum()), False),
                             "participants naming a theme, by change category")
                rows.append({"code": code, "label": labels[code], "cells": ids})
            tbc = {"outcome": primary, "label": p["label"], "totals": tot_ids, "rows": rows,
                   "n": len(joined)}
        per_theme = int(((protocol.get("report") or {}) if isinstance(protocol.get("report"),
                                                                      dict) else {})
                        .get("quotes_per_theme") or 2)
        roles = quotes["role"].astype(str)
        q = quotes.loc[roles.isin(("participant", "teacher", "referrer", "welfare_worker"))]
        quote_rows = _select_quotes(q, codings, codes, labels, per_theme, names)

    # --- referral records (issue 16): their counts join the same relations
    referrals_build = (_referral_cells(R["referrals"], cells, policy) if R.get("referrals")
                       else None)

    # --- one joint pass of secondary suppression over everything above
    cells.solve()
    for t in themes:  # share of the participants quoted, for the counts that are shown
        t["share"] = (round(100 * cells.value(t["n"]) / n_quoted)
                      if n_quoted and cells.shown(t["n"]) else None)

    # --- Positive Health means (aggregates of the paired participants)
    mph = _mph_means(scores, protocol, m)

    # --- results as the evidence layer sees them: suppressed values removed
    safe_R = _safe_results(R, outcomes, cells, controlled)
    names = {o["outcome"]: o["label"] for o in outcomes}
    names.update({w: {lang: protocol.wave_label(w, lang) for lang in LANGS}
                  for w in protocol.waves
                  if any(protocol.wave_label(w, lang) != w for lang in LANGS)})
    evidence = _evidence(safe_R, protocol, policy, names, outcomes=outcomes)

    waves = _wave_labels(protocol)
    prov = R.get("provenance") or {}
    iv = protocol.get("intervention") or {}
    data = {
        "meta": {
            "title": R.get("title"), "language": R.get("language"),
            "design": R.get("design") or "prepost", "controlled": bool(controlled),
            "arms_withheld": arms_small,
            "primary_outcome": primary, "p_adjust_method": R.get("p_adjust_method"),
            "baseline": protocol.baseline, "followup": protocol.followup,
            "waves": waves, "min_cell_size": m, "allow_small_cells": policy.allow_small_cells,
            "version": prov.get("version"), "seed": prov.get("seed"),
            "pseudonymisation": prov.get("pseudonymisation"),
            "input_sha256": sorted((prov.get("files") or {}).values()),
            "programme": (iv.get("name") if isinstance(iv, dict) else None) or R.get("title"),
            "funder": protocol.get("funder"), "partners": protocol.get("partners") or [],
            "intervention": iv if isinstance(iv, dict) else {},
            "continuation": protocol.get("continuation"), "lessons": protocol.get("lessons"),
            "report": _branding(protocol),
            "date": _dt.date.today().isoformat(),
            "n_not_computed": sum(1 for o in outcomes if not o["computed"]),
            "headline_outcomes": _headline(outcomes, primary, protocol),
            "n_quoted": n_quoted,
        },
        "flow": flow,
        "outcomes": outcomes,
        "cells": cells.published(),
        "constraints": cells.constraints,
        "baseline": {"n": n_base, "background": baseline_rows, "scores": baseline_scores},
        "attrition": attrition,
        "models": models, "model_info": model_info,
        "pooled": pooled, "sites": site_rows, "controlled": controlled,
        "sensitivity": {"multiple_imputation": mi} if mi else {},
        "themes": themes, "themes_by_change": tbc, "quotes": quote_rows,
        "positive_health": mph,
        "evidence": evidence,
        "sroi": _sroi(safe_R, protocol, cells, outcomes),
        "figures": _figures(outcomes, protocol, scores, policy, results),
        "referrals": referrals_build() if referrals_build else None,
    }
    del n_paired_flow
    internal = {"cells": dict(cells.values), "hidden": sorted(cells.hidden),
                "author_notes": author_notes(protocol)}
    return Disclosed(data, internal)



def _select_quotes(q, codings, codes, labels, per_theme, names) -> list[dict]:
    """The quotes a report shows, per theme: chosen by :func:`impact.qual.select.select_quotes`
    (the quotes CSV's ``selected`` column first, then varied speakers, readable length, no
    redaction tokens when others exist) among the candidates whose de-identified text is
    :func:`impact.qual.deid.publishable` in both languages. Role and text only: no id, no wave."""
    import numpy as np

    from ..qual.deid import deidentify, publishable
    from ..qual.select import select_quotes

    if q is None or not len(q):
        return []
    q = q[q["text"].notna()].copy()
    q["quote_id"] = q["quote_id"].astype(str)
    all_names = list(names or ())
    for col in ("name", "first_name", "last_name", "participant_name"):
        if col in q.columns:
            all_names.extend(q[col].dropna().astype(str))
    deid = {}
    for lang in LANGS:
        deid[lang] = deidentify(q["text"].astype(str), names=all_names, lang=lang).to_numpy()
    ok = np.array([publishable(a, all_names) and publishable(b, all_names)
                   for a, b in zip(deid["nl"], deid["en"])], dtype=bool)
    q = q.assign(text=deid["nl"], _en=deid["en"]).loc[ok]
    for col in ("name", "first_name", "last_name", "participant_name"):
        if col in q.columns:
            q = q.drop(columns=col)
    if not len(q):
        return []
    codings = codings.assign(unit=codings["unit"].astype(str))
    chosen = select_quotes(q, per_theme=per_theme, codings=codings, themes=list(codes))
    return [{"code": r["theme"], "label": labels[r["theme"]], "role": str(r["role"]),
             "rank": int(r["rank"]), "chosen": str(r["chosen"]),
             "text": {"nl": str(r["text"]), "en": str(r["_en"])}}
            for r in chosen.to_dict("records") if r["theme"] in labels]


def _branding(protocol) -> dict:
    """Organisation, author, logo (data URI) and the Markdown sections rendered to safe HTML
    per language, from the protocol's ``report:`` section (DESIGN.md)."""
    from ..report.branding import branding_from_protocol

    b = branding_from_protocol(protocol)
    return {"organisation": b.organisation, "author": b.author, "logo_uri": b.logo_uri,
            "sections": b.sections, "quotes_per_theme": b.quotes_per_theme}


def graded_outcomes(outcomes, primary, protocol) -> list[str]:
    """The critical outcomes of the Summary of Findings: the primary outcome and the protocol's
    secondary outcomes; without ``secondary_outcomes`` every main score (``*_score``).
    Subscales are reported in the outcome table but not graded unless the protocol lists them."""
    return _headline(outcomes, primary, protocol)


def _figures(outcomes, protocol, scores, policy, results) -> dict:
    """The exact values of every chart a report draws (published with the report).

    ``change``: per headline outcome shown, the paired mean at baseline and follow-up and the
    95% CI of the mean change. ``trajectory`` (three or more waves): per headline outcome the
    mean and t-interval per wave of the participants measured at every wave, published only
    when they are at least ``min_cell_size`` and the paired participants missing a middle wave
    are none or at least ``min_cell_size`` (else their means would follow from the paired means).
    """
    import numpy as np
    from scipy import stats as _st

    m = policy.min_cell_size
    primary = next((o["outcome"] for o in outcomes if o.get("primary")), None)
    heads = _headline(outcomes, primary, protocol)
    by_id = {o["outcome"]: o for o in outcomes}
    change = []
    for col in heads:
        o = by_id.get(col)
        if not o or not o.get("shown") or o.get("mean_baseline") is None or o.get("ci_low") is None:
            continue
        rng = o.get("range") or [None, None]
        change.append({"outcome": col, "label": o["label"], "start": o["mean_baseline"],
                       "end": o["mean_followup"], "ci_low": o["ci_low"], "ci_high": o["ci_high"],
                       "higher_is_better": o.get("higher_is_better"), "scale_min": rng[0],
                       "scale_max": rng[1], "n": o["n_paired"]})
    trajectory = []
    waves = [str(w) for w in protocol.waves]
    if len(waves) >= 3 and scores is not None:
        sc = scores.assign(wave=scores["wave"].astype(str))
        for col in heads:
            o = by_id.get(col)
            if not o or not o.get("shown") or col not in sc.columns:
                continue
            wide = sc.pivot_table(index="participant_id", columns="wave", values=col,
                                  aggfunc="first")
            if not all(w in wide.columns for w in waves):
                continue
            complete = wide[waves].dropna()
            n = len(complete)
            missing_middle = (o.get("n_paired") or 0) - n
            if n < m or policy.small(missing_middle) or n < 2:
                continue
            points = []
            for w in waves:
                v = complete[w].to_numpy(float)
                mean, se = float(v.mean()), float(v.std(ddof=1) / np.sqrt(n))
                t = float(_st.t.ppf(0.975, n - 1))
                points.append({"wave": w, "label": {lang: protocol.wave_label(w, lang)
                                                    for lang in LANGS},
                               "weeks": (protocol.wave_info.get(w) or {}).get("weeks"),
                               "mean": mean, "ci_low": mean - t * se, "ci_high": mean + t * se,
                               "n": n})
            rng = o.get("range") or [None, None]
            trajectory.append({"outcome": col, "label": o["label"],
                               "higher_is_better": o.get("higher_is_better"),
                               "scale_min": rng[0], "scale_max": rng[1], "points": points})
    return {"change": change, "trajectory": trajectory}

def _headline(outcomes, primary, protocol) -> list[str]:
    """The outcomes a plain-language report describes: the primary one, then the protocol's
    secondary outcomes (else every main score)."""
    ids = [o["outcome"] for o in outcomes]
    wanted = [primary] if primary in ids else []
    secondary = protocol.get("secondary_outcomes") or [c for c in ids if c.endswith("_score")]
    wanted += [c for c in secondary if c in ids and c not in wanted]
    return wanted or ids[:1]


def _background_label(col) -> dict:
    known = {"age": ("Leeftijd", "Age"), "leeftijd": ("Leeftijd", "Age"),
             "neighbourhood": ("Wijk", "Neighbourhood"), "wijk": ("Wijk", "Neighbourhood"),
             "referrer": ("Verwijzer", "Referrer"), "verwijzer": ("Verwijzer", "Referrer"),
             "discipline": ("Kunstdiscipline", "Art form"), "gender": ("Gender", "Gender"),
             "geslacht": ("Gender", "Gender"), "site": ("Locatie", "Site"),
             "referrer_type": ("Soort verwijzer", "Type of referrer"),
             "new_to_culture": ("Nieuw in cultuur", "New to culture")}
    nl, en = known.get(str(col).lower(), (str(col).replace("_", " ").capitalize(),) * 2)
    return {"nl": nl, "en": en}


def _arms_small(results, protocol, policy) -> bool:
    """True when a comparison arm has fewer than ``min_cell_size`` people: no arm results."""
    bg = getattr(results, "arms", None)
    if not bg:
        return False
    return any(policy.small(n) for n in bg.values())


def _mph_means(scores, protocol, m):
    dims = ("body", "mental", "meaning", "quality", "participation", "daily")
    cols = [f"mph_{d}" for d in dims]
    if scores is None or not all(c in scores.columns for c in cols):
        return None
    waves = scores["wave"].astype(str)
    pre = scores.loc[waves == str(protocol.baseline)].drop_duplicates("participant_id") \
        .set_index("participant_id")[cols]
    post = scores.loc[waves == str(protocol.followup)].drop_duplicates("participant_id") \
        .set_index("participant_id")[cols]
    ids = pre.dropna().index.intersection(post.dropna().index)
    n = len(ids)
    if n < m:
        return {"n": n, "shown": False}
    return {"n": n, "shown": True, "dimensions": list(dims),
            "baseline": [float(pre.loc[ids, c].mean()) for c in cols],
            "followup": [float(post.loc[ids, c].mean()) for c in cols]}


def _safe_results(R, outcomes, cells, controlled) -> dict:
    """The results dict with every suppressed value removed (input of the evidence layer)."""
    import copy

    safe = copy.deepcopy(R)
    by_id = {o["outcome"]: o for o in outcomes}
    for o in safe.get("outcomes") or []:
        d = by_id[o["outcome"]]
        if not d["shown"]:
            for k in list(o):
                if k not in ("outcome", "baseline", "followup", "n_paired", "primary"):
                    o[k] = None
            o["withheld"] = d["computed"]   # hidden, not missing: not a 'not computed' outcome
        for c in CHANGE_CATEGORIES + ("recovered",):
            cid = (d.get("rci") or {}).get(c)
            o[f"rci_{c}"] = cells.value(cid) if cid else None
    safe["controlled"] = controlled
    safe.pop("notes", None)          # the analyst's notes stay in results.json
    safe.pop("subgroups", None)
    safe.pop("sites", None)
    safe.pop("referrals", None)  # published only through _referral_cells
    return safe


def _relabel(obj, pattern, labels):
    """Every outcome column id inside the strings of ``obj`` replaced by its label."""
    if isinstance(obj, str):
        return pattern.sub(lambda mt: labels[mt.group(0)], obj) if pattern else obj
    if isinstance(obj, list):
        return [_relabel(x, pattern, labels) for x in obj]
    if isinstance(obj, dict):
        return {k: _relabel(v, pattern, labels) for k, v in obj.items()}
    return obj


def _evidence(safe_R, protocol, policy, labels=None, outcomes=()) -> dict:
    """GRADE, recognition level, TREND/TIDieR completeness and limitations, per language;
    outcome column ids and wave ids in their texts are replaced by their labels."""
    import re
    from ..evidence import (grade_certainty, limitations, recognition_level, tidier_checklist,
                           trend_checklist)

    out = {lang: {} for lang in LANGS}
    rec = recognition_level(safe_R, protocol)
    trend = trend_checklist(safe_R, protocol)
    tidier = tidier_checklist(protocol)
    lim = limitations(safe_R, protocol)
    from ..evidence.statements import followup_duration, statement_for_outcome
    from ..i18n import messages

    primary = safe_R.get("primary_outcome")
    graded = graded_outcomes(list(outcomes), primary, protocol) if outcomes else None
    iv = protocol.get("intervention") or {}
    programme = ((iv.get("name") if isinstance(iv, dict) else None) or protocol.get("programme")
                 or safe_R.get("title") or "")
    by_id = {o["outcome"]: o for o in outcomes}
    for lang in LANGS:
        sof = grade_certainty(safe_R, protocol, lang=lang)
        reported = []
        if graded is not None:
            reported = [r["outcome"] for r in sof.rows if r["outcome"] not in graded]
            sof.rows = [r for r in sof.rows if r["outcome"] in graded]
        duration = followup_duration([{"id": w, "weeks": (protocol.wave_info.get(str(w)) or {})
                                       .get("weeks")} for w in protocol.waves],
                                     protocol.followup, protocol.baseline, lang)
        # follow-up as a duration; without wave timing in the protocol say so, never "T0 -> T1"
        sof.followup_text = duration or messages(lang)["w_followup_not_given"]
        rows = sof.table_rows(lang)
        statements = {}
        for r in sof.rows:
            o = by_id.get(r["outcome"])
            if o is None or not o.get("shown") or o.get("mean_change") is None:
                continue
            label = (o["label"].get(lang) if isinstance(o["label"], dict) else str(o["label"]))
            try:
                statements[r["outcome"]] = statement_for_outcome(
                    o, r.get("certainty_label"), intervention=str(programme), label=label,
                    lang=lang, mid=r.get("mid"))
            except (KeyError, ValueError):
                continue
        certainty = {}
        for o in safe_R.get("outcomes") or []:
            try:
                certainty[o["outcome"]] = sof[o["outcome"]]["certainty_label"]
            except (KeyError, TypeError):
                pass
        out[lang] = {
            "sof": {"header": list(rows[0]) if rows else [],
                    "rows": [[str(v) for v in r.values()] for r in rows],
                    "footnotes": list(sof.footnote_texts(lang)), "certainty": certainty,
                    "followup": duration, "graded": [r["outcome"] for r in sof.rows],
                    "not_graded": reported},
            "recognition": {"level": rec.level_name(lang), "sentences": list(rec.sentences(lang))},
            "trend": {"counts": dict(trend.counts), "total": len(trend.items),
                      "rows": [[str(x) for x in r] for r in trend.table_rows(lang)]},
            "tidier": {"counts": dict(tidier.counts), "total": len(tidier.items),
                       "rows": [[str(x) for x in r] for r in tidier.table_rows(lang)],
                       "missing": list(tidier.missing)},
            "limitations": list(lim.sentences(lang)),
            "limitation_items": [[k, dict(p)] for k, p in lim.items],
        }
        names = {c: lab[lang] for c, lab in (labels or {}).items()}
        pattern = (re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len,
                                                        reverse=True)) + r")\b")
                   if names else None)
        certainty = out[lang]["sof"].pop("certainty")
        keep = {k: out[lang]["sof"].pop(k) for k in ("graded", "not_graded")}
        out[lang] = _relabel(out[lang], pattern, names)
        out[lang]["sof"]["certainty"] = certainty
        out[lang]["sof"]["statements"] = statements
        out[lang]["sof"].update(keep)
    return out


def _sroi(safe_R, protocol, cells, outcomes):
    """SROI on the disclosed numbers; withheld when a quantity rests on a hidden count."""
    spec = protocol.get("sroi")
    if not isinstance(spec, dict):
        return None
    by_id = {o["outcome"]: o for o in outcomes}
    for item in spec.get("outcomes") or []:
        source = item.get("quantity_from") if isinstance(item, dict) else None
        if not source:
            continue
        o = by_id.get(item.get("outcome"))
        if o is None:
            continue
        if source.startswith("rci_"):
            cid = (o.get("rci") or {}).get(source[4:])
            if cid is None or not cells.shown(cid):
                return {"withheld": True}
    from ..evidence import sroi_from_spec

    res = sroi_from_spec(protocol, safe_R)
    if res is None:
        return None
    sens = res.sensitivity().rows
    return {"withheld": False, "currency": res.currency, "outcomes": [dict(o) for o in res.outcomes],
            "present_value": res.present_value, "inputs": res.inputs, "ratio": res.ratio,
            "discount_rate": res.discount_rate, "sensitivity": [dict(r) for r in sens]}


# ---- referral records (issue 16): cells in the same joint suppression as everything else --------

_REF_DIMS = ("by_referrer", "by_referrer_type", "by_route")
_REF_NOTES = {
    "merged": {"nl": "Verwijzers of groepen met minder dan {m} verwijzingen zijn samengevoegd "
                     "tot 'overig'; hun namen worden niet genoemd.",
               "en": "Referrers or groups with fewer than {m} referrals are combined into "
                     "'other'; their names are not listed."},
    "quarters": {"nl": "Sommige maanden hadden minder dan {m} verwijzingen: de aantallen staan "
                       "per kwartaal.",
                 "en": "Some months had fewer than {m} referrals: the counts are shown per "
                       "quarter."},
    "trend_df": {"nl": "Te weinig maanden voor een trend die gepubliceerd mag worden (minstens "
                       "{m} vrijheidsgraden).",
                 "en": "Too few months for a publishable trend (at least {m} degrees of "
                       "freedom)."},
    "days": {"nl": "Minder dan {m} deelnemers met een startdatum: geen wachttijd getoond.",
             "en": "Fewer than {m} participants with a start date: no waiting time shown."},
    "hidden": {"nl": "Aantallen onder {m}, en aantallen waaruit die af te leiden zouden zijn, "
                     "worden niet getoond.",
               "en": "Counts under {m}, and counts they could be worked out from, are not "
                     "shown."},
}


def _merge_small_groups(rows, m):
    """Groups with fewer than ``m`` referrals merged into one unnamed group (the smallest named
    groups join it until it reaches ``m``); returns (rows, merged?, complete?)."""
    keys = ("referrals", "started", "completed")
    rows = [{k: int(r.get(k) or 0) for k in keys} | {"group": str(r["group"])} for r in rows]
    small = [r for r in rows if r["referrals"] < m]
    if not small:
        return rows, False, True
    big = sorted([r for r in rows if r["referrals"] >= m], key=lambda r: (r["referrals"],
                                                                           r["group"]))
    other = {k: sum(r[k] for r in small) for k in keys}
    while other["referrals"] < m and big:
        r = big.pop(0)
        other = {k: other[k] + r[k] for k in keys}
    big.sort(key=lambda r: (-r["referrals"], r["group"]))
    if other["referrals"] >= m:
        return big + [other | {"group": None, "other": True}], True, True
    return big, True, False  # the merged group stays too small: not published at all


def _referral_cells(ref, cells, policy):
    """Add the referral counts to the run's cells and relations; return a function that, after
    the joint suppression, builds the published ``referrals`` object."""
    import pandas as pd

    m = policy.min_cell_size
    funnel = ref.get("funnel") or {}
    stages = {s["stage"]: int(s["n"]) for s in funnel.get("stages") or []}
    referred, started = stages.get("referred", 0), stages.get("started", 0)
    completed = stages.get("completed", 0)
    notes = []
    groups = {}
    for dim in _REF_DIMS:
        rows, merged, complete = _merge_small_groups(ref.get(dim) or [], m)
        if merged:
            notes.append("merged")
        out = []
        for i, r in enumerate(rows):
            base = f"ref/{dim}/{i}"
            ids = {"referrals": cells.add(f"{base}/referrals", r["referrals"]),
                   "started": cells.add(f"{base}/started", r["started"]),
                   "not_started": cells.add(f"{base}/not_started", r["referrals"] - r["started"]),
                   "completed": cells.add(f"{base}/completed", r["completed"]),
                   "not_completed": cells.add(f"{base}/not_completed",
                                              r["started"] - r["completed"])}
            cells.relate([ids["started"], ids["not_started"]], ids["referrals"],
                         f"referrals of a {dim} group: started or not")
            cells.relate([ids["completed"], ids["not_completed"]], ids["started"],
                         f"started in a {dim} group: completed or not")
            out.append({"group": r["group"], "other": bool(r.get("other")), "cells": ids})
        if out and complete:
            for key, total in (("referrals", referred), ("started", started),
                               ("not_started", referred - started), ("completed", completed),
                               ("not_completed", started - completed)):
                cells.relate([g["cells"][key] for g in out], total,
                             f"{dim} groups add up to the funnel ({key})")
        groups[dim] = out
    # referrals over time: by month, or by quarter when a month is small
    monthly = ref.get("monthly") or []
    period = "month"
    series = [(r["month"], int(r["referrals"])) for r in monthly]
    if any(policy.small(n) for _, n in series):
        period = "quarter"
        notes.append("quarters")
        q = pd.PeriodIndex([p for p, _ in series], freq="M").asfreq("Q").astype(str)
        agg: dict[str, int] = {}
        for key, (_, n) in zip(q, series):
            agg[key] = agg.get(key, 0) + n
        series = list(agg.items())
    time_ids = [(p, cells.add(f"ref/{period}/{p}", n)) for p, n in series]
    if time_ids and sum(n for _, n in series) == referred:
        cells.relate([c for _, c in time_ids], referred, "referrals over time add up to the "
                                                          "referrals")
    # reach: referred per neighbourhood and age group (residents are public figures)
    reach = ref.get("reach") or []
    reach_ids = []
    for i, r in enumerate(reach):
        reach_ids.append(cells.add(f"ref/reach/{i}", int(r.get("referred") or 0)))
    if reach:
        for field_ in ("neighbourhood", "age_group"):
            for j, value in enumerate(dict.fromkeys(r[field_] for r in reach)):
                members = [c for c, r in zip(reach_ids, reach) if r[field_] == value]
                total = sum(cells.values[c] for c in members)
                cells.relate(members, cells.add(f"ref/reach/{field_}/{j}", total, False),
                             f"reach: referred per {field_}")
        if sum(cells.values[c] for c in reach_ids) == referred:
            cells.relate(reach_ids, referred, "reach adds up to the referrals")
    trend = dict(ref.get("trend") or {})
    days = ref.get("days_to_start") or {}

    def build():
        def val(cid):
            return cells.value(cid)

        def share(part, whole):
            return part / whole if part is not None and whole else None

        out = {"min_cell_size": m,
               "funnel": {"records": funnel.get("records"), "status": funnel.get("status") or {},
                          "stages": [{"stage": s["stage"], "n": int(s["n"]),
                                      "share": share(int(s["n"]), referred)}
                                     for s in funnel.get("stages") or []],
                          "reconciles": funnel.get("reconciles")},
               "questionnaire": ref.get("questionnaire")}
        for dim, rows in groups.items():
            out[dim] = [{"group": g["group"], "merged": g["other"], "cells": g["cells"],
                         "referrals": val(g["cells"]["referrals"]),
                         "started": val(g["cells"]["started"]),
                         "completed": val(g["cells"]["completed"]),
                         "uptake": share(val(g["cells"]["started"]),
                                         val(g["cells"]["referrals"])),
                         "completion": share(val(g["cells"]["completed"]),
                                             val(g["cells"]["started"]))} for g in rows]
        out["monthly"] = {"period": period, "rows": [{"period": p, "cell": c, "referrals": val(c)}
                                                     for p, c in time_ids]}
        n_par = 4 if trend.get("break_index") is not None else 2
        keep = ("rate_ratio_per_year", "ci_low", "ci_high", "p", "model", "months", "total",
                "break_level_ratio", "break_level_ci_low", "break_level_ci_high",
                "break_level_p", "break_month")
        if trend.get("rate_ratio_per_year") is not None and (trend.get("months") or 0) - n_par >= m:
            out["trend"] = {k: trend[k] for k in keep if k in trend}
            out["trend"]["change_percent"] = abs(trend["rate_ratio_per_year"] - 1) * 100
        else:
            out["trend"] = None
            if trend.get("rate_ratio_per_year") is not None:
                notes.append("trend_df")
        if (days.get("n") or 0) >= m and days.get("median") is not None:
            out["days_to_start"] = {"n": int(days["n"]),
                                    **{k: round(days[k]) for k in ("median", "q1", "q3")}}
        else:
            out["days_to_start"] = None
            if days.get("n"):
                notes.append("days")
        out["reach"] = [{"neighbourhood": r["neighbourhood"], "age_group": r["age_group"],
                         "residents": int(r["residents"]), "cell": c, "referred": val(c),
                         "per_1000": (1000 * val(c) / r["residents"]
                                      if val(c) is not None and r["residents"] else None)}
                        for r, c in zip(reach, reach_ids)] or None
        all_ids = ([i for rows in groups.values() for g in rows for i in g["cells"].values()]
                   + [c for _, c in time_ids] + reach_ids)
        if any(c in cells.hidden for c in all_ids):
            notes.append("hidden")
        keys = list(dict.fromkeys(notes))
        out["notes"] = {lang: [_REF_NOTES[k][lang].format(m=m) for k in keys] for lang in LANGS}
        return out

    return build


# ---- the neighbourhood monitor (issue 16) --------------------------------------------------------

def disclose_monitor_results(monitor: dict, protocol, policy=None) -> Disclosed:
    """The publishable monitor of a run (``published.json`` of a monitor report).

    Neighbourhood-rounds with fewer respondents than the protocol's ``monitor.min_respondents``
    (the GGD rule of 50 as an option; never below ``min_cell_size``) lose n, mean, CI, difference
    and their difference-in-differences (rules in :mod:`impact.disclosure.referrals_monitor`).
    Notes are stored per language. The reference area (the city) is published.
    """
    from .referrals_monitor import disclose_monitor

    policy = policy or DisclosurePolicy.from_protocol(protocol)
    per_lang = {lang: disclose_monitor(monitor, min_cell_size=policy.min_cell_size,
                                       min_respondents=monitor.get("min_respondents"), lang=lang)
                for lang in LANGS}
    mon = dict(per_lang["nl"])
    mon["notes"] = {lang: per_lang[lang]["notes"] for lang in LANGS}
    mon["labels"] = {o: _outcome_labels(protocol, o) for o in mon.get("outcomes") or []
                     if not str(o).startswith("mph_")}
    prov_title = monitor.get("title") or protocol.get("title")
    data = {"meta": {"title": prov_title, "language": protocol.language, "kind": "monitor",
                     "min_cell_size": policy.min_cell_size,
                     "allow_small_cells": policy.allow_small_cells,
                     "min_respondents": mon["min_respondents"],
                     "version": _version()},
            "cells": {}, "monitor": mon}
    internal = {"author_notes": [], "monitor": monitor}
    return Disclosed(data, internal)


def monitor_and_disclose(survey, protocol):
    """Analyse a monitor survey once and disclose it once: ``(monitor dict, Disclosed)``."""
    from ..studies.monitor import analyse_monitor
    from ..protocol import as_protocol

    protocol = as_protocol(protocol)
    monitor = analyse_monitor(survey, protocol).to_dict()
    return monitor, disclose_monitor_results(monitor, protocol)


def _version() -> str:
    from .._version import __version__

    return __version__
