"""Forest plot of a site-level meta-analysis (:class:`impact.MetaResult`): the package's one
forest plot (:func:`impact.plots.synthesis.forest_plot`) fed from the per-site table."""

from __future__ import annotations

__all__ = ["forest_plot"]


def forest_plot(result, *, title=None, xlabel="mean change", ax=None,
                pooled_label="pooled ({method}), I\u00b2 = {i2}%", lang="en"):
    """Forest plot of a :class:`impact.MetaResult` (or any object with ``studies`` and
    ``summary``): each site's estimate with its CI and weight in columns, the pooled estimate as
    a diamond and the prediction interval as a bar. Returns a matplotlib Figure (Okabe-Ito).
    ``ax`` is accepted for backward compatibility and ignored: the plot needs its own columns.

    Examples
    --------
    R: ``metafor::forest(rma(yi, vi), addpred = TRUE, showweights = TRUE)``.
    """
    from .synthesis import forest_plot as _forest

    from collections.abc import Mapping

    studies = result.studies
    # a MetaResult keeps its pooled values in ``values``; the report passes ``summary``
    s = getattr(result, "values", None)
    if not isinstance(s, Mapping):
        s = result.summary
    rows = []
    for r in studies.to_dict("records"):
        row = {"label": str(r["label"]), "yi": float(r["estimate"]), "vi": float(r["variance"])}
        for key in ("ci_low", "ci_high", "weight"):
            if r.get(key) is not None and r[key] == r[key]:
                row[key] = float(r[key])
        rows.append(row)
    model = {"estimate": s.get("estimate"), "ci_low": s.get("ci_low"),
             "ci_high": s.get("ci_high"), "pi_low": s.get("prediction_low"),
             "pi_high": s.get("prediction_high"), "tau2": s.get("tau2")}
    pooled = (pooled_label.format(method=s.get("method"), i2=f"{s['i2']:.0f}")
              if s.get("i2") is not None else "pooled")
    k = len(rows)
    return _forest(rows, model, labels={"pooled": pooled}, xlabel=xlabel, lang=lang,
                   title=title or (f"{s.get('outcome') or ''} across {k} sites").strip())
