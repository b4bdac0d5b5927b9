"""Disclosure of comparison groups and waiting-list designs (issue 24).

Reads the analysed results (``comparison``, ``comparison_balance``, ``comparison_info``,
``waiting_list``, ``waiting_list_info`` and the programme's ``outcomes``), never a data file, and
computes no statistic. The rules (DESIGN.md, "Deliverables and disclosure" and "Comparison
groups"), with the small-cell rule of :mod:`impact.smallcells`:

- ``n_programme`` and ``n_comparison`` of an outcome under ``min_cell_size`` are not published
  (``None``, with ``small: true``) and neither is that outcome's estimate (reason
  ``comparison_refused_small``): an estimate is a model estimate of both groups.
- ``balanced: false`` publishes no estimate, no naive change beside it and no E-value; the reason
  is the message key ``comparison_refused_balance`` with its parameters (covariate, its
  standardised difference after matching or weighting, the threshold, the method).
- Secondary suppression: a published ``n_programme`` must not reveal a small count by
  subtraction from the outcome's published ``n_paired`` (the people left out by the caliper or
  for missing covariates). When ``0 < n_paired - n_programme < min_cell_size``, ``n_programme``
  is withheld (``None``, ``n_programme_hidden: true``); the estimate, over at least
  ``min_cell_size`` people, stays. The number of unmatched participants is published only when
  it is 0 or at least ``min_cell_size`` (else ``some_unmatched: true`` alone).
- The balance table (standardised differences, variance ratios and means of groups) is published
  only when both groups of every outcome have at least ``min_cell_size`` people.
- The waiting-list estimate needs at least ``min_cell_size`` participants in the model
  (``n_participants``); ``n_groups`` counts groups, not people, and is published as is.

Returns plain data: numbers and message keys with parameters; the report renders them
(:mod:`impact.report.comparison_sections`).
"""

from __future__ import annotations

from ..smallcells import DEFAULT_MIN_CELL_SIZE, is_small
from .labels import _background_label, _category_label

__all__ = ["disclose_comparison", "report_comparison"]

_ROW_KEEP = ("outcome", "method", "estimand", "outcome_model", "higher_is_better")
_EST = ("estimate", "se", "ci_low", "ci_high", "p", "df", "naive_estimate", "naive_ci_low",
        "naive_ci_high", "evalue", "evalue_ci")


def _small(n, m) -> bool:
    return n is None or is_small(n, m)


def disclose_comparison(results: dict, *, min_cell_size: int = DEFAULT_MIN_CELL_SIZE,
                        protocol=None) -> dict | None:
    """The publishable comparison-group and waiting-list part of a results mapping.

    Parameters
    ----------
    results : dict
        The unsuppressed results (``impact analyse``).
    min_cell_size : int

    Returns
    -------
    dict or None
        None when the results have neither a comparison nor a waiting list; else
        ``comparison`` (rows: ``outcome, method, estimand, outcome_model, higher_is_better,
        n_programme, n_comparison, small, n_programme_hidden, published, reason`` and, when
        published, the estimate fields), ``balance`` (rows or empty), ``info`` (``method,
        covariates, baseline_covariates, balance_threshold, balanced, max_abs_smd, n_pool,
        n_pool_used, share_pool_used, n_programme_unmatched, pool_file``), ``waiting_list``
        (rows) and ``waiting_list_info``, ``min_cell_size``.
    """
    m = int(min_cell_size)
    comp = results.get("comparison")
    wl = results.get("waiting_list")
    if not comp and not wl:
        return None
    out = {"min_cell_size": m, "comparison": [], "balance": [], "info": None,
           "waiting_list": [], "waiting_list_info": results.get("waiting_list_info")}
    info = results.get("comparison_info") or {}
    paired = {o["outcome"]: o.get("n_paired") for o in results.get("outcomes") or []}
    groups_ok = True
    refusal = next((n for n in info.get("notes") or []
                    if n.get("key") == "comparison_refused_balance"), None)
    for row in comp or []:
        pub = {k: row.get(k) for k in _ROW_KEEP}
        n_t, n_c = row.get("n_programme"), row.get("n_comparison")
        small = _small(n_t, m) or _small(n_c, m)
        groups_ok = groups_ok and not small
        pub.update(n_programme=None if _small(n_t, m) else n_t,
                   n_comparison=None if _small(n_c, m) else n_c, small=small,
                   n_programme_hidden=False, published=False, reason=None)
        total = paired.get(row["outcome"])
        if pub["n_programme"] is not None and total is not None and 0 < total - n_t < m:
            pub["n_programme"], pub["n_programme_hidden"] = None, True
        if small:
            pub["reason"] = {"key": "comparison_refused_small", "params": {"m": m}}
        elif not row.get("balanced") or row.get("estimate") is None:
            brow = next((b for b in results.get("comparison_balance") or []
                         if refusal and b["covariate"] == refusal["covariate"]), {})
            pub["reason"] = ({"key": "comparison_refused_balance",
                              "params": {"covariate": refusal["covariate"],
                                         "variable": brow.get("variable"),
                                         "level": brow.get("level"),
                                         "smd": refusal["smd"],
                                         "threshold": refusal["threshold"],
                                         "method": info.get("method")}}
                             if refusal else {"key": "comparison_note_too_few", "params": {}})
        else:
            pub.update({k: row.get(k) for k in _EST}, published=True)
        out["comparison"].append(pub)
    if comp:
        n_pool, used = info.get("n_pool"), info.get("n_pool_used")
        unmatched = info.get("n_programme_unmatched")
        out["info"] = {
            "method": info.get("method"), "covariates": list(info.get("covariates") or []),
            "baseline_covariates": list(info.get("baseline_covariates") or []),
            "balance_threshold": info.get("balance_threshold"),
            "balanced": bool(info.get("balanced")), "max_abs_smd": info.get("max_abs_smd"),
            "ratio": info.get("ratio"), "caliper": info.get("caliper"),
            "replace": info.get("replace"), "outcome_model": info.get("outcome_model"),
            "n_pool": None if _small(n_pool, m) else n_pool,
            "n_pool_used": None if _small(used, m) else used,
            "share_pool_used": (info.get("share_pool_used")
                                if not (_small(n_pool, m) or _small(used, m)) else None),
            "n_programme_unmatched": (unmatched if unmatched in (0, None) or unmatched >= m
                                      else None),
            "some_unmatched": bool(unmatched), "pool_file": info.get("pool_file"),
            "covariate_labels": {c: _background_label(c) for c in info.get("covariates") or []},
            "notes": [{"key": n["key"], "params": {k: v for k, v in n.items() if k != "key"}}
                      for n in info.get("notes") or []
                      if n.get("key") in ("comparison_note_incomplete",
                                          "comparison_note_ps_not_converged")]}
        if groups_ok:
            # a category's level in the reader's words ("gender: vrouw" reads "Gender: Woman")
            out["balance"] = [dict(b) | ({"level_label": _category_label(
                protocol, b.get("variable"), b["level"])} if b.get("level") is not None else {})
                for b in results.get("comparison_balance") or []]
    for row in wl or []:
        pub = {k: row.get(k) for k in ("outcome", "higher_is_better", "n_groups")}
        n = row.get("n_participants")
        small = _small(n, m)
        pub.update(n_participants=None if small else n, small=small,
                   notes=[{"key": x["key"], "params": {}} for x in row.get("notes") or []])
        if not small and row.get("estimate") is not None:
            pub.update({k: row.get(k) for k in ("estimate", "se", "ci_low", "ci_high", "p",
                                                 "df")}, published=True, reason=None)
        else:
            pub.update(published=False, reason={"key": "comparison_refused_small",
                                                "params": {"m": m}} if small else
                       {"key": "waiting_list_note_too_few", "params": {}})
        out["waiting_list"].append(pub)
    return out


def report_comparison(results: dict, *, min_cell_size=None) -> dict | None:
    """The disclosed comparison for a report from a results dict (None when absent);
    ``min_cell_size`` defaults to ``results["min_cell_size"]`` or 10."""
    return disclose_comparison(results, min_cell_size=int(
        min_cell_size or results.get("min_cell_size") or DEFAULT_MIN_CELL_SIZE))
