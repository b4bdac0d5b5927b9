"""Plain-language limitations of an evaluation, generated from its results and protocol.

Each limitation is a message-catalogue key with parameters, so the report can say it in Dutch or
English. Rules:

``no_comparator``         the results hold no comparator for the primary outcome (single group).
``regression_to_mean``    no comparator: people often join when they feel worst, and scores drift
                          back towards the average by themselves.
``attrition``             share of those measured at baseline who are not in the paired analysis
                          (flow ``with_baseline`` and ``paired``), when above 0.
``small_n``               fewer than ``small_n`` (default 30) paired participants on the primary
                          outcome (or on every outcome when there is no primary).
``self_report``           the outcomes are questionnaires filled in by participants.
``single_site``           no pooled estimate across two or more sites.
``short_followup``        only two measurement moments: nothing is known about lasting change.
``multiple_outcomes``     more than one outcome was tested (p-values are adjusted; the
                          protocol's adjustment method is named).
``not_computed``          outcomes without a change estimate (too few pairs, no variation);
                          outcomes withheld by the disclosure step (``withheld``) do not count.
``dropout_difference``    those lost to follow-up differed at baseline from those who stayed
                          (results ``attrition``: p < 0.05 or a standardised difference of at
                          least 0.5), per variable with its direction and both means.
"""

from __future__ import annotations

import html

from .._result import Result, clean_json
from ._common import as_protocol, as_results, comparator_for, design_of, num, primary_row

__all__ = ["limitations", "LimitationsResult"]


def limitations(results, protocol=None, *, small_n: int = 30) -> "LimitationsResult":
    """The design caveats of an evaluation in plain words (rules in the module docstring).

    Parameters
    ----------
    results : dict or impact.Results
    protocol : dict or Protocol, optional
    small_n : int
        Below this number of paired participants the sample is called small.

    Returns
    -------
    LimitationsResult
        ``items`` (``key, params``); ``sentences(lang)`` gives the text.

    References
    ----------
    Barnett AG, van der Pols JC, Dobson AJ (2005). Regression to the mean: what it is and how
    to deal with it. Int J Epidemiol 34:215-220. doi:10.1093/ije/dyh299.
    Des Jarlais DC et al. (2004). TREND statement. Am J Public Health 94:361-366.

    Examples
    --------
    >>> lim = impact.limitations(results, protocol)
    >>> lim.keys[:3]
    ['lim_no_comparator', 'lim_regression_to_mean', 'lim_attrition']
    >>> lim.sentences("nl")[0]
    'Er was geen vergelijkingsgroep. We zien hoe de scores veranderden bij de mensen die ...'
    """
    results = as_results(results)
    protocol = as_protocol(protocol)
    design = design_of(results, protocol)
    outcomes = results.get("outcomes") or []
    row = primary_row(results)
    items = []
    has_comp = row is not None and comparator_for(row, results) is not None
    if not has_comp:
        items.append(("lim_no_comparator", {}))
        items.append(("lim_regression_to_mean", {}))
    flow = results.get("flow") or {}
    base_n, paired_n = num(flow.get("with_baseline")), num(flow.get("paired"))
    if base_n and paired_n is not None and base_n > paired_n:
        items.append(("lim_attrition", {"lost": int(base_n - paired_n), "of": int(base_n),
                                        "share": (base_n - paired_n) / base_n}))
    rows = [row] if row is not None else outcomes
    ns = [int(num(r.get("n_paired")) or 0) for r in rows]
    if ns and min(ns) < small_n:
        items.append(("lim_small_n", {"n": min(ns), "limit": small_n}))
    if outcomes:
        items.append(("lim_self_report", {}))
    pooled = [p for p in results.get("pooled") or [] if (num(p.get("k")) or 0) >= 2]
    if not pooled:
        items.append(("lim_single_site", {}))
    waves = protocol.get("waves") or []
    if (len(waves) <= 2) if waves else (design != "waves" and not results.get("models")):
        items.append(("lim_short_followup", {}))
    if len(outcomes) > 1:
        items.append(("lim_multiple_outcomes",
                      {"k": len(outcomes), "method": results.get("p_adjust_method") or "holm"}))
    # outcomes without a change estimate; not those a disclosure step withheld (small groups)
    not_computed = [o for o in outcomes
                    if o.get("mean_change") is None and not o.get("withheld")]
    if not_computed:
        items.append(("lim_not_computed", {"k": len(not_computed)}))
    for a in results.get("attrition") or []:
        smd, p = num(a.get("smd")), num(a.get("p"))
        md, mc = num(a.get("mean_dropouts")), num(a.get("mean_completers"))
        if smd is None or md is None or mc is None:
            continue
        if (p is not None and p < 0.05) or abs(smd) >= 0.5:
            items.append(("lim_dropout_higher" if md > mc else "lim_dropout_lower",
                          {"variable": str(a.get("variable")), "mean_dropouts": md,
                           "mean_completers": mc, "smd": abs(smd)}))
    return LimitationsResult(items, lang=protocol.get("language") or results.get("language") or "en")


class LimitationsResult(Result):
    """Limitations as catalogue keys; text per language."""

    title = "Limitations"

    def __init__(self, items, lang="en"):
        self.items = items
        self.lang = lang

    @classmethod
    def from_dict(cls, data: dict, lang: str = "en") -> "LimitationsResult":
        """The result again from :meth:`to_dict` (e.g. from ``published.json``)."""
        return cls([(i["key"], i.get("params") or {}) for i in data.get("items") or []], lang=lang)

    @property
    def keys(self) -> list[str]:
        return [k for k, _ in self.items]

    def sentences(self, lang=None) -> list[str]:
        from ..i18n import counted, fmt_number, messages

        lang = lang or self.lang
        m = messages(lang)
        out = []
        for key, params in self.items:
            p = dict(params)
            if "share" in p:
                p["share"] = fmt_number(100 * p["share"], lang, 0) + "%"
            for k in ("mean_dropouts", "mean_completers"):
                if k in p:
                    p[k] = fmt_number(p[k], lang, 1)
            if "smd" in p:
                p["smd"] = fmt_number(p["smd"], lang, 2)
            if "method" in p:   # the method by its name, not its code ("holm")
                p["method"] = m.get(f"padjust_{p['method']}", p["method"])
            out.append(counted(m, key, p.get("k")).format(**p))
        return out

    def to_dict(self) -> dict:
        return clean_json({"items": [{"key": k, "params": p} for k, p in self.items]})

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame({"key": self.keys, "text": self.sentences()})

    def _repr_html_(self) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in self.sentences()) + "</ul>"
