"""Figures of the neighbourhood monitor and the referral register (matplotlib, lazy imports).

They draw only disclosed numbers (the dicts of
:mod:`impact.disclosure`, or unsuppressed results in a notebook);
labels come from the message catalogues; Okabe-Ito colours.
"""

from __future__ import annotations

from .figures import OKABE_ITO
from ..i18n import fmt_number, messages

__all__ = ["neighbourhood_spider", "small_multiples", "monthly_figure", "outcome_label"]

_MPH = ("body", "mental", "meaning", "quality", "participation", "daily")


def outcome_label(outcome, lang="en", labels=None) -> str:
    """A reader's label: ``labels[outcome]``, else the Positive Health dimension name, else id."""
    if labels and outcome in labels:
        return labels[outcome]
    m = messages(lang)
    if outcome.startswith("mph_") and f"mph_dim_{outcome[4:]}" in m:
        return m[f"mph_dim_{outcome[4:]}"]
    return outcome


def _figure(**kw):
    import matplotlib.pyplot as plt

    fig = plt.figure(**kw)
    plt.close(fig)
    return fig


def neighbourhood_spider(monitor: dict, neighbourhood: str, *, round=None, lang="en",  # noqa: A002
                         labels=None):
    """Spider web of the six Positive Health dimensions: a neighbourhood against the reference.

    Suppressed values (None) leave a gap; the reference area is always drawn.
    """
    import numpy as np

    m = messages(lang)
    rnd = str(round if round is not None else monitor["rounds"][-1])
    outs = [f"mph_{d}" for d in _MPH]
    est = {e["outcome"]: e["mean"] for e in monitor["estimates"]
           if e["neighbourhood"] == neighbourhood and str(e["round"]) == rnd}
    ref = {r["outcome"]: r["mean"] for r in monitor["reference"] if str(r["round"]) == rnd}
    reference = monitor.get("reference_area") or "stad"
    angles = np.linspace(0, 2 * np.pi, len(outs), endpoint=False).tolist()
    fig = _figure(figsize=(6, 6.2), dpi=110)
    ax = fig.add_subplot(polar=True)
    for name, values, colour, style in ((reference, ref, OKABE_ITO[1], "--"),
                                        (neighbourhood, est, OKABE_ITO[5], "-")):
        vals = [np.nan if values.get(o) is None else float(values[o]) for o in outs]
        ax.plot(angles + angles[:1], vals + vals[:1], color=colour, linewidth=2, linestyle=style,
                marker="o", label=name)
        ax.fill(angles + angles[:1], vals + vals[:1], color=colour, alpha=0.10)
    ax.set_xticks(angles, [outcome_label(o, lang, labels) for o in outs])
    ax.set_ylim(0, 10)
    ax.set_yticks([2, 4, 6, 8, 10], [fmt_number(v, lang, 0) for v in (2, 4, 6, 8, 10)])
    ax.set_title(m["monitor_spider_title"].format(neighbourhood=neighbourhood,
                                                  reference=reference, round=rnd), pad=18)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False, ncol=2)
    fig.tight_layout()
    return fig


def small_multiples(monitor: dict, neighbourhood=None, *, lang="en", labels=None):
    """One panel per outcome: weighted mean per round (95% CI) of a neighbourhood and the
    reference area; a map-free view of change over rounds."""
    import math

    m = messages(lang)
    outcomes = monitor.get("outcomes") or sorted({e["outcome"] for e in monitor["estimates"]})
    rounds = [str(r) for r in monitor["rounds"]]
    hood = neighbourhood or (monitor.get("focus") or monitor.get("neighbourhoods") or [None])[0]
    reference = monitor.get("reference_area") or "stad"
    cols = min(3, len(outcomes))
    rows = math.ceil(len(outcomes) / cols)
    fig = _figure(figsize=(3.2 * cols, 2.6 * rows + 0.6), dpi=110)
    axes = fig.subplots(rows, cols, squeeze=False, sharey=True)
    x = list(range(len(rounds)))
    for k, outcome in enumerate(outcomes):
        ax = axes[k // cols][k % cols]
        for name, source, colour, shift in (
                (reference, [r for r in monitor["reference"] if r["outcome"] == outcome],
                 OKABE_ITO[1], -0.06),
                (hood, [e for e in monitor["estimates"] if e["outcome"] == outcome
                        and e["neighbourhood"] == hood], OKABE_ITO[5], 0.06)):
            by = {str(r["round"]): r for r in source}
            xs, ys, lo, hi = [], [], [], []
            for i, rd in enumerate(rounds):
                r = by.get(rd)
                if r is None or r.get("mean") is None:
                    continue
                xs.append(i + shift)
                ys.append(r["mean"])
                lo.append(r["mean"] - r["ci_low"])
                hi.append(r["ci_high"] - r["mean"])
            if xs:
                ax.errorbar(xs, ys, yerr=[lo, hi], color=colour, marker="o", capsize=3,
                            linewidth=1.8, label=name)
        from matplotlib.ticker import FuncFormatter

        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang, 1)))
        ax.set_title(outcome_label(outcome, lang, labels), fontsize=10)
        ax.set_xticks(x, rounds, fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        if k % cols == 0:
            ax.set_ylabel(m["monitor_axis_mean"])
    for k in range(len(outcomes), rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    handles, names = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=2, frameon=False)
    fig.suptitle(m["monitor_multiples_title"])
    fig.tight_layout(rect=(0, 0.06, 1, 0.95))
    return fig


def monthly_figure(referrals: dict, *, lang="en"):
    """Bars of referrals per month (or quarter, as disclosed); suppressed periods are left
    empty. Accepts a disclosed dict (``monthly: {period, rows}``) or a results dict
    (``monthly: [{month, referrals}]``)."""
    m = messages(lang)
    monthly = referrals.get("monthly") or []
    if isinstance(monthly, dict):
        rows = [(r["period"], r["referrals"]) for r in monthly["rows"]]
    else:
        rows = [(r["month"], r["referrals"]) for r in monthly]
    fig = _figure(figsize=(7, 3.2), dpi=110)
    ax = fig.add_subplot()
    xs = list(range(len(rows)))
    ax.bar([x for x, (_, v) in zip(xs, rows) if v is not None],
           [v for _, v in rows if v is not None], color=OKABE_ITO[4])
    step = max(1, len(rows) // 12)
    ax.set_xticks(xs[::step], [p for p, _ in rows][::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(m["referrals_figure_axis"])
    ax.set_title(m["referrals_figure_title"])
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
