"""Figures of the evidence synthesis: forest plot (study rows, pooled row, prediction interval)
and funnel plot (with the studies trim-and-fill imputes). matplotlib, imported lazily; figures
are built with ``matplotlib.figure.Figure`` (no pyplot state, no backend switch)."""

from __future__ import annotations

import math

from .figures import OKABE_ITO

__all__ = ["forest_plot", "forest_pages", "funnel_plot", "forest_from_synthesis",
           "funnel_from_synthesis", "ROWS_PER_PAGE"]


def _figure(width, height):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


#: lines (effect sizes, group headers, pooled rows) per forest-plot page: readable at A4 with
#: 8 pt labels; longer plots continue on the next page
ROWS_PER_PAGE = 38


def _forest_lines(groups, z, lang):
    """The rows of a grouped forest plot, top to bottom: ``(kind, label, est, lo, hi, weight,
    extra)`` with kind ``header``, ``effect``, ``pooled``, ``prediction`` or ``gap``."""
    from ..i18n import fmt_number, locale

    sep = "; " if locale(lang).get("decimal", ".") == "," else ", "

    def fmt_ci(lo, hi, lang, digits):
        return f"{fmt_number(lo, lang, digits)}{sep}{fmt_number(hi, lang, digits)}"

    lines = []
    for gi, g in enumerate(groups):
        rows, model = g.get("rows") or [], g.get("model") or {}
        if g.get("label"):
            lines.append(("header", str(g["label"]), None, None, None, None, None))
        w = [r.get("weight") for r in rows]
        if any(x is None for x in w):
            tau2 = model.get("tau2") or 0.0
            inv = [1 / (r["vi"] + tau2) for r in rows]
            w = [100 * x / sum(inv) for x in inv] if inv else []
        for r, wi in zip(rows, w):
            se = math.sqrt(r["vi"])
            lo, hi = r.get("ci_low"), r.get("ci_high")
            if lo is None or hi is None:
                lo, hi = r["yi"] - z * se, r["yi"] + z * se
            label = str(r["label"])
            label = label if len(label) <= 44 else label[:43] + "\u2026"
            lines.append(("effect", label, r["yi"], lo, hi, wi, None))
        est = model.get("estimate")
        if est is not None:
            lines.append(("pooled", g.get("pooled_label") or "", est, model.get("ci_low"),
                          model.get("ci_high"), 100.0 if rows else None, None))
            if model.get("pi_low") is not None:
                lines.append(("prediction", g.get("prediction_label") or "", None,
                              model["pi_low"], model["pi_high"], None, None))
        if gi < len(groups) - 1:
            lines.append(("gap", "", None, None, None, None, None))
    text = []
    for kind, label, est, lo, hi, wi, _ in lines:
        if kind in ("effect", "pooled"):
            text.append(f"{fmt_number(est, lang, 2)} [{fmt_ci(lo, hi, lang, 2)}]")
        elif kind == "prediction":
            text.append(f"[{fmt_ci(lo, hi, lang, 2)}]")
        else:
            text.append("")
    return [(*ln[:6], t) for ln, t in zip(lines, text)]


def _tick_formatter(lang):
    from matplotlib.ticker import FuncFormatter

    from ..i18n import locale

    dec = locale(lang).get("decimal", ".")
    return FuncFormatter(lambda x, _pos: f"{x:g}".replace("-", "\u2212").replace(".", dec))


def forest_pages(groups, *, labels=None, xlabel="effect size", level=0.95, lang="en",
                 title=None, rows_per_page=ROWS_PER_PAGE):
    """The package's forest plot: effect sizes grouped (by design), each group with its own
    pooled estimate (diamond) and prediction interval (bar), and the estimate with its CI and
    the weight (percent of the group's pooled estimate) in columns beside the plot. Split over
    pages of ``rows_per_page`` lines, each an A4-wide figure with the same x-axis, so that a
    long plot stays readable (8 pt labels) in a printed report.

    Parameters
    ----------
    groups : list of dict
        ``label`` (group heading or None), ``rows`` (``label, yi, vi``, optional ``ci_low,
        ci_high, weight``), ``model`` (``estimate, ci_low, ci_high, pi_low, pi_high``, optional
        ``tau2`` for weights when rows give none), ``pooled_label``, ``prediction_label``.
    labels : dict, optional
        Column headings ``study``, ``estimate``, ``weight`` and the ``continued`` suffix (report
        language).

    Returns
    -------
    list of matplotlib Figure
        One per page. R: ``metafor::forest(rma(yi, vi), addpred = TRUE, showweights = TRUE)``
        per group.
    """
    from scipy import stats

    labels = {"study": "Study", "estimate": "Estimate [95% CI]", "weight": "Weight",
              "continued": "(continued)", **(labels or {})}
    z = float(stats.norm.ppf(1 - (1 - level) / 2))
    lines = _forest_lines(groups, z, lang)
    xs = [v for ln in lines for v in (ln[2], ln[3], ln[4]) if v is not None]
    lo_x, hi_x = (min(xs + [0.0]), max(xs + [0.0])) if xs else (-1.0, 1.0)
    pad = 0.05 * (hi_x - lo_x or 1.0)
    pages = [lines[i:i + rows_per_page] for i in range(0, len(lines), rows_per_page)] or [[]]
    figs = []
    for pi, page in enumerate(pages):
        n = len(page)
        fig = _figure(7.5, 0.9 + 0.24 * (n + 1))
        ax = fig.add_axes((0.40, 0.55 / (0.9 + 0.24 * (n + 1)) + 0.02, 0.30,
                           0.24 * (n + 1) / (0.9 + 0.24 * (n + 1)) - 0.03))
        ytext = ax.get_yaxis_transform()
        top = n + 0.5
        head = labels["study"] + (f" {labels['continued']}" if pi else "")
        ax.text(-1.3, top, head, transform=ytext, fontsize=8, fontweight="bold", va="center")
        ax.text(1.05, top, labels["estimate"], transform=ytext, fontsize=8, fontweight="bold",
                va="center")
        ax.text(1.95, top, labels["weight"], transform=ytext, fontsize=8, fontweight="bold",
                va="center", ha="right")
        for i, (kind, label, est, lo, hi, wi, text) in enumerate(page):
            y = n - i - 0.5
            bold = kind in ("header", "pooled")
            ax.text(-1.3, y, label, transform=ytext, fontsize=8, va="center",
                    fontweight="bold" if bold else "normal",
                    fontstyle="italic" if kind == "prediction" else "normal")
            if kind == "effect":
                ax.plot([lo, hi], [y, y], color="#444", lw=0.9)
                size = 3 + 5 * math.sqrt(max(wi or 0.0, 0.0) / 100)
                ax.plot([est], [y], "s", color=OKABE_ITO[4], ms=size)
            elif kind == "pooled":
                ax.fill([lo, est, hi, est], [y, y + 0.3, y, y - 0.3], color=OKABE_ITO[5],
                        zorder=3)
            elif kind == "prediction":
                ax.plot([lo, hi], [y, y], color=OKABE_ITO[0], lw=3, solid_capstyle="butt")
            if text:
                ax.text(1.05, y, text, transform=ytext, fontsize=8, va="center",
                        fontweight="bold" if bold else "normal")
            if wi is not None and kind == "effect":
                ax.text(1.95, y, f"{wi:.1f}%".replace(".", "," if lang == "nl" else "."),
                        transform=ytext, fontsize=8, va="center", ha="right")
        ax.axvline(0, color="#888", lw=0.8)
        ax.set_xlim(lo_x - pad, hi_x + pad)
        ax.set_ylim(0, n + 1)
        ax.set_yticks([])
        ax.set_xlabel(xlabel, fontsize=8)
        ax.tick_params(axis="x", labelsize=8)
        ax.xaxis.set_major_formatter(_tick_formatter(lang))
        ax.spines[["top", "right", "left"]].set_visible(False)
        if title and pi == 0:
            fig.suptitle(title, fontsize=10, x=0.02, ha="left")
        figs.append(fig)
    return figs


def forest_plot(rows, model, *, labels=None, xlabel="effect size", level=0.95, lang="en",
                title=None, group=None):
    """One forest plot on one figure (all rows, however many): the package's forest plot
    (:func:`forest_pages`) for a single group. ``labels`` may also give ``pooled`` and
    ``prediction`` row labels."""
    labels = {"pooled": "Pooled estimate", "prediction": "Prediction interval", **(labels or {})}
    figs = forest_pages([{"label": group, "rows": rows, "model": model,
                          "pooled_label": labels["pooled"],
                          "prediction_label": labels["prediction"]}],
                        labels=labels, xlabel=xlabel, level=level, lang=lang, title=title,
                        rows_per_page=max(1, len(rows) + 4))
    return figs[0]


def funnel_plot(effects, model, *, filled=(), xlabel="effect size", ylabel="standard error",
                legend=None, ax=None):
    """Funnel plot: effect size against its standard error (inverted axis), the pooled estimate
    with its pseudo 95% region, and the studies trim-and-fill imputes as open circles."""
    legend = {"observed": "Effect sizes", "filled": "Imputed (trim-and-fill)", **(legend or {})}
    fig = None
    if ax is None:
        fig = _figure(6, 4.5)
        ax = fig.add_subplot()
    se = [math.sqrt(e["vi"]) for e in effects]
    ax.plot([e["yi"] for e in effects], se, "o", color=OKABE_ITO[4], ms=4,
            label=legend["observed"])
    if filled:
        ax.plot([f["yi"] for f in filled], [math.sqrt(f["vi"]) for f in filled], "o",
                mfc="none", color=OKABE_ITO[5], ms=5, label=legend["filled"])
    top = max(se + [math.sqrt(f["vi"]) for f in filled]) * 1.05
    est = model.get("estimate")
    if est is not None:
        ax.plot([est - 1.96 * top, est, est + 1.96 * top], [top, 0, top], color="#888", lw=0.8)
        ax.axvline(est, color=OKABE_ITO[5], lw=0.8)
    ax.set_ylim(top, 0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    if fig is not None:
        fig.tight_layout()
    return fig if fig is not None else ax.figure


def _pick(data, key, outcome, measure=None):
    return [r for r in data[key] if r["outcome"] == outcome
            and (measure is None or r.get("measure") == measure)]


def forest_from_synthesis(data, outcome, measure=None, *, lang="en", pages=False):
    """The forest plot of one outcome of a synthesis dict, grouped by design (one group per
    ``models`` entry of the outcome and measure, randomised first), labelled in ``lang``.
    ``pages=True``: the list of A4 pages (:func:`forest_pages`), else one figure."""
    from ..i18n import messages

    m = messages(lang)
    models = [x for x in _pick(data, "models", outcome, measure) if x.get("design") != "all"]
    if not models:
        models = _pick(data, "models", outcome, measure)
    groups = []
    for mod in models:
        eff = [e for e in data["effects"] if e["outcome"] == outcome
               and e["measure"] == mod["measure"]
               and (mod.get("design") in (None, "all") or e.get("design") == mod["design"])]
        eff.sort(key=lambda e: (e["study"], str(e["effect_id"])))
        rows = [{"label": f"{e['study']} [{e['effect_id']}]", "yi": e["yi"], "vi": e["vi"],
                 "weight": e.get("weight")} for e in eff]
        design = mod.get("design")
        groups.append({"label": m.get(f"syn_design_{design}") if design else None,
                       "rows": rows, "model": mod, "pooled_label": m["syn_fig_pooled"],
                       "prediction_label": m["syn_fig_prediction"]})
    cols = {"study": m["syn_fig_col_study"], "estimate": m["syn_fig_col_estimate"],
            "weight": m["syn_fig_col_weight"], "continued": m["syn_fig_continued"]}
    xlabel = m["syn_fig_effect_" + models[0]["measure"].lower()]
    n_lines = sum(len(g["rows"]) + 4 for g in groups)
    figs = forest_pages(groups, labels=cols, xlabel=xlabel, lang=lang,
                        rows_per_page=ROWS_PER_PAGE if pages else max(1, n_lines))
    return figs if pages else figs[0]


def funnel_from_synthesis(data, outcome, measure=None, design=None, *, lang="en"):
    """The funnel plot of one body of evidence (outcome, measure, design) of a synthesis dict,
    labelled in ``lang``."""
    from ..i18n import messages

    m = messages(lang)
    model = [x for x in _pick(data, "models", outcome, measure)
             if design is None or x.get("design") == design][0]
    eff = [e for e in data["effects"] if e["outcome"] == outcome
           and e["measure"] == model["measure"]
           and (model.get("design") in (None, "all") or e.get("design") == model["design"])]
    ss = [x for x in _pick(data, "small_study", outcome, model["measure"])
          if x.get("design") == model.get("design")]
    filled = ss[0].get("filled", []) if ss else []
    return funnel_plot(eff, model, filled=filled,
                       xlabel=m["syn_fig_effect_" + model["measure"].lower()],
                       ylabel=m["syn_fig_se"],
                       legend={"observed": m["syn_fig_observed"], "filled": m["syn_fig_filled"]})


def _scale(measure):
    return {"SMD": "SMD", "SMCR": "SMD", "SMCC": "SMCC", "MD": "MD"}[measure]
