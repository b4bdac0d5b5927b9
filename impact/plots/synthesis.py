"""Figures of the evidence synthesis: forest plot (study rows, pooled row, prediction interval)
and funnel plot (with the studies trim-and-fill imputes). matplotlib, imported lazily; figures
are built with ``matplotlib.figure.Figure`` (no pyplot state, no backend switch)."""

from __future__ import annotations

import math

from .figures import OKABE_ITO

__all__ = ["forest_plot", "funnel_plot", "forest_from_synthesis", "funnel_from_synthesis"]


def _figure(width, height):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def forest_plot(rows, model, *, labels=None, xlabel="effect size", level=0.95, ax=None):
    """Forest plot: one row per effect size (``label, yi, vi``), the pooled estimate as a diamond
    with its CI, and the prediction interval as a bar beneath it.

    Parameters
    ----------
    rows : list of dict
        ``label, yi, vi`` per effect size (top to bottom).
    model : dict
        ``estimate, ci_low, ci_high, pi_low, pi_high`` of the pooled model.
    labels : dict, optional
        ``pooled`` and ``prediction`` row labels (report language).
    """
    from scipy import stats

    labels = {"pooled": "Pooled estimate", "prediction": "Prediction interval", **(labels or {})}
    z = stats.norm.ppf(1 - (1 - level) / 2)
    n = len(rows)
    fig = None
    if ax is None:
        fig = _figure(7.5, max(2.5, 0.22 * (n + 4) + 1))
        ax = fig.add_subplot()
    ys = list(range(n + 3, 3, -1))
    for y, r in zip(ys, rows):
        se = math.sqrt(r["vi"])
        ax.plot([r["yi"] - z * se, r["yi"] + z * se], [y, y], color="#444", lw=1)
        ax.plot([r["yi"]], [y], "s", color=OKABE_ITO[4], ms=max(2.5, min(8, 1.2 / se)))
    est, lo, hi = model.get("estimate"), model.get("ci_low"), model.get("ci_high")
    if est is not None:
        ax.fill([lo, est, hi, est], [2, 2.35, 2, 1.65], color=OKABE_ITO[5], zorder=3)
        ax.axvline(est, color=OKABE_ITO[5], lw=0.6, ls=":")
    if model.get("pi_low") is not None:
        ax.plot([model["pi_low"], model["pi_high"]], [1, 1], color=OKABE_ITO[0], lw=3,
                solid_capstyle="butt")
    ax.axvline(0, color="#888", lw=0.8)
    ax.set_yticks(ys + [2, 1])
    ax.set_yticklabels([r["label"] for r in rows] + [labels["pooled"], labels["prediction"]],
                       fontsize=7 if n > 30 else 8)
    ax.set_ylim(0.3, n + 3.8)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    if fig is not None:
        fig.tight_layout()
    return fig if fig is not None else ax.figure


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


def forest_from_synthesis(data, outcome, measure=None, *, lang="en"):
    """The forest plot of one outcome of a synthesis dict, labelled in ``lang``."""
    from ..i18n import messages

    m = messages(lang)
    model = _pick(data, "models", outcome, measure)[0]
    eff = [e for e in data["effects"] if e["outcome"] == outcome
           and (measure is None or _scale(e["measure"]) == model["measure"])]
    eff.sort(key=lambda e: (e["study"], str(e["effect_id"])))
    rows = [{"label": f"{e['study']} [{e['effect_id']}]", "yi": e["yi"], "vi": e["vi"]}
            for e in eff]
    return forest_plot(rows, model, labels={"pooled": m["syn_fig_pooled"],
                                            "prediction": m["syn_fig_prediction"]},
                       xlabel=m["syn_fig_effect_" + model["measure"].lower()])


def funnel_from_synthesis(data, outcome, measure=None, *, lang="en"):
    """The funnel plot of one outcome of a synthesis dict, labelled in ``lang``."""
    from ..i18n import messages

    m = messages(lang)
    model = _pick(data, "models", outcome, measure)[0]
    eff = [e for e in data["effects"] if e["outcome"] == outcome
           and _scale(e["measure"]) == model["measure"]]
    ss = _pick(data, "small_study", outcome, model["measure"])
    filled = ss[0].get("filled", []) if ss else []
    return funnel_plot(eff, model, filled=filled,
                       xlabel=m["syn_fig_effect_" + model["measure"].lower()],
                       ylabel=m["syn_fig_se"],
                       legend={"observed": m["syn_fig_observed"], "filled": m["syn_fig_filled"]})


def _scale(measure):
    return {"SMD": "SMD", "SMCR": "SMD", "SMCC": "SMCC", "MD": "MD"}[measure]
