"""GRADE-style certainty of evidence per outcome, and a summary-of-findings table.

Everything here is derived by explicit rules from the results of :func:`impact.analyse` (the
results JSON of DESIGN.md) and the protocol; no statistic is recomputed.

Rules (each applied downgrade or upgrade becomes a footnote)
------------------------------------------------------------
Start level (GRADE; Schunemann et al. 2019, J Clin Epidemiol 111:105)
    randomised design *with* comparator data in the results: High (4); every other design
    (controlled non-randomised, single-group before-after, repeated waves): Low (2).
Risk of bias
    -1 when the results hold no comparator for the outcome (single group: regression to the
    mean, maturation and secular trends cannot be separated from the programme's effect);
    -1 more when attrition exceeds ``attrition_limit`` (default 20% of those with a baseline
    measurement not in the paired analysis; flow ``with_baseline`` and ``paired``; the 20%
    threshold follows Schulz and Grimes 2002, Lancet 359:781). At most -2.
Inconsistency
    only with a pooled estimate across sites (``pooled``, k >= 2): -1 when I^2 >= 50%, -2 when
    I^2 >= 75% (Cochrane Handbook 10.10.2 bands). Single site: not assessable, no downgrade.
Indirectness, publication bias
    only when the protocol says so (``evidence.indirectness`` / ``evidence.publication_bias``:
    outcome or ``'*'`` -> reason, or ``{level: serious|very_serious, reason}``).
Imprecision (GRADE 6, Guyatt et al. 2011, J Clin Epidemiol 64:1283; GRADE 34, 2022;150:216)
    the interval of the effect (mean change, or the between-group difference with a comparator)
    is "wide" when it crosses zero, or when it crosses +MID or -MID (the minimal important
    difference, where known: WEMWBS 3, WHO-5 10, SWEMWBS 1, or the protocol's
    ``evidence.mid``); n is "small" when below the optimal information size (OIS: 400
    participants by the GRADE 6 rule of thumb for continuous outcomes, or with
    ``evidence.ois: power`` the n a t-test needs for 80% power at alpha .05 to detect the MID,
    standardised by the SD of change). One of the two: -1; both, or an interval crossing
    both -MID and +MID, or no interval at all: -2.
Upgrade
    +1 for a large effect (|d| >= 0.8 with its CI excluding zero) only in a controlled
    non-randomised design with comparator data and no downgrade in any domain. Certainty never
    exceeds High nor falls below Very low.
"""

from __future__ import annotations

import html
import math

from .._result import Result, clean_json
from ._common import (as_protocol, as_results, comparator_for, design_of, evidence_options,
                      higher_is_better, manual_downgrade, mid_for, num)

__all__ = ["grade_outcome", "grade_certainty", "SummaryOfFindings", "CERTAINTY_LEVELS",
           "optimal_information_size"]

CERTAINTY_LEVELS = {4: "high", 3: "moderate", 2: "low", 1: "very_low"}
_SYMBOLS = {4: "⊕⊕⊕⊕", 3: "⊕⊕⊕◯", 2: "⊕⊕◯◯", 1: "⊕◯◯◯"}


def optimal_information_size(effect_sd: float, *, power: float = 0.8, alpha: float = 0.05,
                             paired: bool = True) -> int | None:
    """Participants a t-test needs to detect a standardised effect ``effect_sd``.

    Paired (one-sample) design: noncentral t with df = n - 1 and ncp = d sqrt(n); two groups of
    equal size: df = 2n - 2, ncp = d sqrt(n / 2), and the total 2n is returned. Equivalent to
    ``ceiling(pwr::pwr.t.test(d, power = .8, type = "paired")$n)`` in R (33.37 -> 34 for d = .5).
    Returns None for d <= 0 or not finite.
    """
    from scipy import stats

    d = num(effect_sd)
    if d is None or d <= 0:
        return None
    d = abs(d)

    def achieved(n):
        df = n - 1 if paired else 2 * n - 2
        ncp = d * math.sqrt(n if paired else n / 2)
        crit = stats.t.ppf(1 - alpha / 2, df)
        return stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)

    lo, hi = 2, 4
    while achieved(hi) < power:
        lo, hi = hi, hi * 2
        if hi > 10**8:
            return None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if achieved(mid) >= power:
            hi = mid
        else:
            lo = mid
    return hi if paired else 2 * hi


def _effect(row: dict, design: str, results: dict):
    """(estimate, ci_low, ci_high, d, d_ci, n_total, comparator_or_None)."""
    comp = comparator_for(row, results) if design in ("controlled", "randomised") else None
    if comp is not None:
        return (comp["difference"], comp["ci_low"], comp["ci_high"], comp["d"], comp["d_ci"],
                comp["n_total"], comp)
    d_ci = row.get("d_z_ci") or [None, None]
    est, low, high = num(row.get("mean_change")), num(row.get("ci_low")), num(row.get("ci_high"))
    clustered = clustered_change(row, results)
    if clustered is not None:   # participants sit in groups or sites: the estimate that
        est, low, high = clustered["estimate"], clustered["ci_low"], clustered["ci_high"]
    return (est, low, high, num(row.get("d_z")), [num(d_ci[0]), num(d_ci[1])],
            int(num(row.get("n_paired")) or 0), None)


def clustered_change(row: dict, results: dict | None):
    """The change of an outcome that respects clustering: the random-effects estimate pooled
    over two or more sites or groups (``results['pooled']``), or None. Participants in one group
    resemble each other, so the paired t-interval, which treats them as independent, is too
    narrow; the headline and the summary of findings use this estimate instead."""
    for p in (results or {}).get("pooled") or []:
        if (p.get("outcome") == row.get("outcome") and (num(p.get("k")) or 0) >= 2
                and num(p.get("estimate")) is not None and num(p.get("ci_low")) is not None):
            return {"estimate": num(p["estimate"]), "ci_low": num(p["ci_low"]),
                    "ci_high": num(p["ci_high"]), "k": int(num(p["k"]))}
    return None


def _crosses(low, high, value) -> bool:
    return low < value < high


def grade_outcome(row: dict, results: dict | None = None, protocol=None, *,
                  attrition_limit: float = 0.2) -> dict:
    """GRADE certainty of one outcome object of the results (rules in the module docstring).

    Parameters
    ----------
    row : dict
        One element of ``results["outcomes"]`` (DESIGN.md keys; an optional ``comparator``
        mapping ``{difference, ci_low, ci_high, d, d_ci, n, mean}`` carries a between-group
        comparison for controlled designs; the ANCOVA entries of ``results['controlled']`` are
        read as well, see :func:`impact.evidence._common.comparator_for`).
    results : dict, optional
        The whole results (for ``flow``, ``pooled`` and ``design``).
    protocol : dict or Protocol, optional
        For ``design`` and the ``evidence`` options.
    attrition_limit : float
        Share lost between baseline and analysis above which risk of bias is rated down once more.

    Returns
    -------
    dict
        ``outcome, design, start, certainty (1-4), certainty_label, estimate, ci_low, ci_high,
        d, d_ci, n, mid, mid_source, ois, comparator (bool), higher_is_better, downgrades
        {domain: levels}, upgrades, footnotes [{domain, key, change, params}]``.
    """
    results = as_results(results or {"outcomes": []})
    protocol = as_protocol(protocol)
    opts = evidence_options(protocol)
    design = design_of(results, protocol)
    outcome = str(row.get("outcome"))
    est, lo, hi, d, d_ci, n, comp = _effect(row, design, results)
    has_comp = comp is not None
    notes = []
    start = 4 if (design == "randomised" and has_comp) else 2
    # the starting level, said as a footnote like every change from it (GRADE: randomised
    # evidence starts high, non-randomised and single-group evidence low)
    notes.append({"domain": "design", "key": "grade_fn_start_high" if start == 4
                  else "grade_fn_start_low", "change": 0, "params": {}})
    if design in ("controlled", "randomised") and not has_comp:
        notes.append({"domain": "design", "key": "grade_fn_design_without_comparator",
                      "change": 0, "params": {"design": design}})
    if not has_comp:
        notes.append({"domain": "comparator", "key": "grade_fn_baseline_as_comparator",
                      "change": 0, "params": {}})
    down = {"risk_of_bias": 0, "inconsistency": 0, "indirectness": 0, "imprecision": 0,
            "publication_bias": 0}

    # Risk of bias
    if not has_comp:
        down["risk_of_bias"] += 1
        notes.append({"domain": "risk_of_bias", "key": "grade_fn_no_comparator", "change": -1,
                      "params": {}})
    flow = results.get("flow") or {}
    base_n, paired_n = num(flow.get("with_baseline")), num(flow.get("paired"))
    if base_n and paired_n is not None and base_n > 0:
        lost = (base_n - paired_n) / base_n
        if lost > attrition_limit:
            down["risk_of_bias"] += 1
            notes.append({"domain": "risk_of_bias", "key": "grade_fn_attrition", "change": -1,
                          "params": {"share": lost, "limit": attrition_limit}})
    down["risk_of_bias"] = min(down["risk_of_bias"], 2)

    if not has_comp and clustered_change(row, results) is not None:
        notes.append({"domain": "imprecision", "key": "grade_fn_clustered", "change": 0,
                      "params": {"k": clustered_change(row, results)["k"]}})

    # Inconsistency (pooled across sites)
    pooled = [p for p in results.get("pooled") or [] if p.get("outcome") == outcome]
    if pooled and (num(pooled[0].get("k")) or 0) >= 2 and num(pooled[0].get("i2")) is not None:
        i2 = num(pooled[0]["i2"])
        level = 2 if i2 >= 75 else 1 if i2 >= 50 else 0
        if level:
            down["inconsistency"] = level
            notes.append({"domain": "inconsistency", "key": "grade_fn_inconsistency",
                          "change": -level, "params": {"i2": i2, "k": int(pooled[0]["k"])}})
    else:
        notes.append({"domain": "inconsistency", "key": "grade_fn_single_site", "change": 0,
                      "params": {}})

    # Indirectness and publication bias from the protocol
    for domain in ("indirectness", "publication_bias"):
        given = opts.get(domain) or {}
        value = given.get(outcome, given.get("*"))
        if value is not None:
            level, reason = manual_downgrade(value, f"evidence.{domain}.{outcome}")
            down[domain] = level
            notes.append({"domain": domain, "key": f"grade_fn_{domain}", "change": -level,
                          "params": {"reason": reason}})

    # Imprecision
    mid, mid_source = mid_for(outcome, opts)
    ois_rule = opts.get("ois", 400)
    ois = ois_rule if isinstance(ois_rule, int) else None
    if ois_rule == "power":
        sd_change = num(row.get("sd_change"))
        if sd_change is None and est is not None and d not in (None, 0):
            sd_change = abs(est / d)
        if has_comp and d not in (None, 0) and est is not None:
            sd_change = abs(est / d)
        if mid is not None and sd_change:
            ois = optimal_information_size(mid / sd_change, paired=not has_comp)
        if ois is None:
            ois = 400
            notes.append({"domain": "imprecision", "key": "grade_fn_ois_fallback", "change": 0,
                          "params": {}})
    if lo is None or hi is None or est is None:
        down["imprecision"] = 2
        notes.append({"domain": "imprecision", "key": "grade_fn_no_ci", "change": -2,
                      "params": {}})
    else:
        wide_zero = lo <= 0 <= hi
        both_mid = mid is not None and _crosses(lo, hi, mid) and _crosses(lo, hi, -mid)
        one_mid = mid is not None and (_crosses(lo, hi, mid) or _crosses(lo, hi, -mid))
        small = n < ois
        problems = int(wide_zero or one_mid) + int(small)
        level = 2 if both_mid else min(problems, 2)
        down["imprecision"] = level
        if wide_zero:
            notes.append({"domain": "imprecision", "key": "grade_fn_ci_crosses_zero",
                          "change": 0, "params": {"low": lo, "high": hi}})
        if both_mid:
            notes.append({"domain": "imprecision", "key": "grade_fn_ci_crosses_both_mid",
                          "change": 0, "params": {"mid": mid}})
        elif one_mid:
            notes.append({"domain": "imprecision", "key": "grade_fn_ci_crosses_mid",
                          "change": 0, "params": {"mid": mid}})
        if small:
            notes.append({"domain": "imprecision", "key": "grade_fn_small_n", "change": 0,
                          "params": {"n": n, "ois": ois}})
        if level:
            notes.append({"domain": "imprecision", "key": "grade_fn_imprecision",
                          "change": -level, "params": {"levels": level}})
    if mid is None:
        notes.append({"domain": "imprecision", "key": "grade_fn_mid_unknown", "change": 0,
                      "params": {}})

    # Upgrade for a large effect (controlled non-randomised designs only)
    upgrades = 0
    total_down = sum(down.values())
    if design == "controlled" and has_comp and total_down == 0 and d is not None and \
            abs(d) >= 0.8 and None not in d_ci and (d_ci[0] > 0 or d_ci[1] < 0):
        upgrades = 1
        notes.append({"domain": "large_effect", "key": "grade_fn_large_effect", "change": 1,
                      "params": {"d": d}})
    certainty = max(1, min(4, start - total_down + upgrades))
    return {"outcome": outcome, "design": design, "start": start, "certainty": certainty,
            "certainty_label": CERTAINTY_LEVELS[certainty], "estimate": est, "ci_low": lo,
            "ci_high": hi, "d": d, "d_ci": d_ci, "n": n, "mid": mid, "mid_source": mid_source,
            "ois": ois, "comparator": has_comp,
            "comparator_mean": num(comp.get("mean")) if has_comp else num(row.get("mean_baseline")),
            "baseline": row.get("baseline"), "followup": row.get("followup"),
            "primary": bool(row.get("primary")),
            "higher_is_better": higher_is_better(outcome, row, opts),
            "downgrades": down, "upgrades": upgrades, "footnotes": notes}


def grade_certainty(results, protocol=None, *, attrition_limit: float = 0.2,
                    lang: str | None = None) -> "SummaryOfFindings":
    """GRADE certainty for every outcome of a results dict, as a summary of findings.

    Parameters
    ----------
    results : dict or impact.Results
        The results of ``impact analyse`` (DESIGN.md).
    protocol : dict or Protocol, optional
        Supplies ``design`` and the optional ``evidence`` mapping (``randomised, mid, ois,
        higher_is_better, indirectness, publication_bias, studies, followup``).
    attrition_limit : float
        See :func:`grade_outcome`.
    lang : {'nl', 'en'}, optional
        Language of the table; default the protocol's or results' language, else English.

    Returns
    -------
    SummaryOfFindings
        ``to_dict()`` (per outcome the fields of :func:`grade_outcome`), ``to_frame()`` with the
        GRADEpro columns, ``footnotes(lang)`` and an HTML table in JupyterLab.

    Notes
    -----
    The rules are in the module docstring. GRADE itself is a judgement; these rules make the
    default judgement explicit and repeatable, and every step is a footnote a reader can check.

    Missing values (``null`` in the results, e.g. n < 2): no confidence interval rates
    imprecision down two levels; a missing ``n_paired`` counts as 0 (below any OIS); a missing
    d never earns the large-effect upgrade; without ``flow`` counts attrition is not judged;
    without ``pooled`` inconsistency is "not assessable" (footnote, no downgrade). The table
    shows an en dash for every missing number.

    References
    ----------
    Guyatt GH et al. (2011). GRADE guidelines 6: imprecision. J Clin Epidemiol 64:1283-1293.
    doi:10.1016/j.jclinepi.2011.01.012. Schunemann HJ et al. (2019). GRADE guidelines 18/24.
    J Clin Epidemiol 111:105-114. doi:10.1016/j.jclinepi.2018.01.012.

    Examples
    --------
    >>> sof = impact.grade_certainty(results.to_dict(), protocol)
    >>> sof["pss10_score"]["certainty_label"], sof["pss10_score"]["n"]
    ('very_low', 20)
    >>> sof.to_frame("nl").iloc[:, 0].tolist()
    ['pss10_score (lager is beter)', 'pss10_helplessness (lager is beter)',
     'pss10_self_efficacy (lager is beter)']

    There is no R equivalent; GRADEpro GDT (gradepro.org) is the interactive counterpart.
    """
    results = as_results(results)
    proto = as_protocol(protocol)
    opts = evidence_options(proto)
    rows = [grade_outcome(o, results, proto, attrition_limit=attrition_limit)
            for o in results.get("outcomes") or []]
    language = lang or proto.get("language") or results.get("language") or "en"
    return SummaryOfFindings(rows, lang=language, studies=opts.get("studies", 1),
                             followup_text=opts.get("followup"), pooled=results.get("pooled") or [])


class SummaryOfFindings(Result):
    """A GRADEpro-style summary-of-findings table with footnotes."""

    def __init__(self, rows, *, lang="en", studies=1, followup_text=None, pooled=()):
        self.rows = rows
        self.lang = lang
        self.studies = studies
        self.followup_text = followup_text
        self.pooled = list(pooled)
        self.title = "Summary of findings"

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, outcome):
        for row in self.rows:
            if row["outcome"] == outcome:
                return row
        raise KeyError(outcome)

    def to_dict(self) -> dict:
        return clean_json({"outcomes": self.rows, "studies": self.studies,
                           "followup": self.followup_text, "pooled": self.pooled})

    @classmethod
    def from_dict(cls, data: dict, lang: str = "en") -> "SummaryOfFindings":
        """The table again from :meth:`to_dict` (e.g. from ``published.json``)."""
        return cls(list(data["outcomes"]), lang=lang, studies=data.get("studies", 1),
                   followup_text=data.get("followup"), pooled=data.get("pooled") or ())

    # -- text -------------------------------------------------------------------------------
    def footnote_texts(self, lang=None) -> list[str]:
        """Unique footnote sentences in order of first use (letters a, b, c, ...)."""
        texts = []
        for row in self.rows:
            for note in row["footnotes"]:
                text = footnote_text(note, lang or self.lang)
                if text not in texts:
                    texts.append(text)
        return texts

    def table_rows(self, lang=None) -> list[dict]:
        """Rows of the GRADEpro table as text in ``lang`` (keys = column labels)."""
        from ..i18n import counted, fmt_ci, fmt_number, messages

        lang = lang or self.lang
        m = messages(lang)
        texts = self.footnote_texts(lang)
        letters = "abcdefghijklmnopqrstuvwxyz"

        def marks(row, domains):
            found = []
            for note in row["footnotes"]:
                if note["domain"] in domains:
                    letter = letters[texts.index(footnote_text(note, lang)) % 26]
                    if letter not in found:
                        found.append(letter)
            return f" [{','.join(found)}]" if found else ""

        out = []
        for row in self.rows:
            direction = row["higher_is_better"]
            label = row["outcome"] + (f" ({m['higher_is_better' if direction else 'lower_is_better']})"
                                      if direction is not None else "")
            comp_key = "sof_comparator_mean" if row["comparator"] else "sof_baseline_mean"
            effect_key = "sof_mean_difference" if row["comparator"] else "sof_mean_change"
            absolute = (f"{m[comp_key]}: {fmt_number(row['comparator_mean'], lang)}"
                        f"{marks(row, {'comparator', 'design'})}; "
                        f"{m[effect_key]}: {fmt_number(row['estimate'], lang)} "
                        f"({fmt_ci(row['ci_low'], row['ci_high'], lang)})")
            follow = self.followup_text or (f"{row['baseline']} → {row['followup']}"
                                            if row.get("baseline") else "")
            studies = counted(m, "sof_studies", self.studies).format(k=self.studies)
            sites = [p for p in self.pooled if p.get("outcome") == row["outcome"]
                     and isinstance(p.get("k"), int) and p["k"] >= 2]
            if sites:
                studies += ", " + m["sof_sites"].format(k=sites[0]["k"])
            participants = f"{row['n']} ({studies})" + (f", {follow}" if follow else "")
            certainty = (f"{_SYMBOLS[row['certainty']]} {m['certainty_' + row['certainty_label']]}"
                         f"{marks(row, {'risk_of_bias', 'inconsistency', 'indirectness', 'imprecision', 'publication_bias', 'large_effect'})}")
            d_ci = row["d_ci"] or [None, None]
            comment = m["sof_comment_d_between" if row["comparator"] else "sof_comment_d"].format(
                d=fmt_number(row["d"], lang, 2), ci=fmt_ci(d_ci[0], d_ci[1], lang, 2))
            if row["mid"] is not None:
                comment += " " + m["sof_comment_mid"].format(mid=fmt_number(row["mid"], lang, 1))
            out.append({m["sof_col_outcome"]: label, m["sof_col_absolute"]: absolute,
                        m["sof_col_relative"]: m["sof_relative_na"],
                        m["sof_col_participants"]: participants, m["sof_col_certainty"]: certainty,
                        m["sof_col_comments"]: comment})
        return out

    def to_frame(self, lang=None):
        """The GRADEpro columns: Outcome | Anticipated absolute effects | Relative effect |
        No of participants (studies), follow-up | Certainty | Comments."""
        import pandas as pd

        return pd.DataFrame(self.table_rows(lang))

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        notes = "".join(f"<li>{html.escape(t)}</li>" for t in self.footnote_texts())
        return (frame.to_html(index=False, escape=True)
                + f'<ol type="a">{notes}</ol>')


def footnote_text(note: dict, lang: str) -> str:
    """One footnote in plain words (message catalogue key ``note['key']``)."""
    from ..i18n import counted, fmt_number, messages

    m = messages(lang)
    params = {}
    for key, value in note["params"].items():
        if key == "share" or key == "limit":
            params[key] = fmt_number(100 * value, lang, 0) + "%"
        elif key in ("n", "ois", "k"):
            params[key] = str(int(value))
        elif key == "i2":
            params[key] = fmt_number(value, lang, 0) + "%"
        elif isinstance(value, float):
            params[key] = fmt_number(value, lang, 2 if key == "d" else 1)
        else:
            params[key] = value
    if "design" in params:
        params["design"] = m.get(f"design_{params['design']}", params["design"])
    return counted(m, note["key"], (note.get("params") or {}).get("levels")).format(**params)
