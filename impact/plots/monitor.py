"""Figures of the neighbourhood monitor and the referral register (matplotlib, lazy imports).

They draw only disclosed numbers (the dicts of
:mod:`impact.disclosure`, or unsuppressed results in a notebook);
labels come from the message catalogues; Okabe-Ito colours.
"""

from __future__ import annotations

from .figures import OKABE_ITO
from ..i18n import fmt_number, messages

__all__ = ["neighbourhood_differences", "difference_limit", "neighbourhood_spider",
           "small_multiples", "monthly_figure", "outcome_label"]

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


def _level_and_change(monitor: dict, neighbourhood: str):
    """Per outcome of a neighbourhood: the difference from the rest of the reference area in the
    last round and the difference in change (first to last round), each ``(estimate, low, high)``
    or None when not published."""
    rounds = [str(r) for r in monitor["rounds"]]
    outcomes = monitor.get("outcomes") or sorted({e["outcome"] for e in monitor["estimates"]})
    level = {d["outcome"]: (d["difference"], d["ci_low"], d["ci_high"])
             for d in monitor["differences"] if d["neighbourhood"] == neighbourhood
             and str(d["round"]) == rounds[-1] and d.get("difference") is not None}
    change = {d["outcome"]: (d["did"], d["did_ci_low"], d["did_ci_high"])
              for d in monitor.get("did") or []
              if d["neighbourhood"] == neighbourhood and d.get("did") is not None}
    return outcomes, level, change


def difference_limit(monitor: dict, neighbourhoods) -> float:
    """The half-width of the x axis that holds every published interval of the neighbourhoods
    (level and change), rounded up to 0.2: the charts of one report share it."""
    import math

    ends = [0.2]
    for hood in neighbourhoods:
        _, level, change = _level_and_change(monitor, hood)
        ends += [abs(v) for row in (*level.values(), *change.values()) for v in row[1:]]
    return math.ceil(max(ends) * 1.05 / 0.2) * 0.2


def neighbourhood_differences(monitor: dict, neighbourhood: str, *, lang="en", labels=None,
                              limit: float | None = None):
    """Dot-and-interval chart of one neighbourhood against the rest of the reference area.

    Left panel: the difference of the weighted mean in the last round; right panel: the
    difference in change from the first to the last round (difference-in-differences). One row
    per outcome: the estimate as a dot, its 95% confidence interval as a line, zero as a vertical
    line; a grid line every 0.1 so that a difference of 0.2 reads as two steps. ``limit`` is the
    half-width of both x axes (:func:`difference_limit`, shared by every neighbourhood of a
    report). A difference whose interval lies wholly on one side of zero is drawn filled, the
    others open. Unpublished values (suppressed) are left out and said in the panel.
    """
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    m = messages(lang)
    rounds = [str(r) for r in monitor["rounds"]]
    reference = monitor.get("reference_area") or m["mon_reference_default"]
    outcomes, level, change = _level_and_change(monitor, neighbourhood)
    limit = limit or difference_limit(monitor, [neighbourhood])
    panels = [(m["monitor_dots_level"].format(round=rounds[-1]), level)]
    if len(rounds) >= 2:
        panels.append((m["monitor_dots_change"].format(first=rounds[0], last=rounds[-1]),
                       change))
    fig = _figure(figsize=(7.2, 0.42 * len(outcomes) + 1.5), dpi=110)
    axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
    ys = list(range(len(outcomes)))[::-1]
    colour = OKABE_ITO[4]
    for ax, (title, values) in zip(axes, panels):
        ax.axvline(0, color="#444444", linewidth=1)
        for y, outcome in zip(ys, outcomes):
            if outcome not in values:
                continue
            est, low, high = values[outcome]
            clear = low > 0 or high < 0
            ax.plot([low, high], [y, y], color=colour, linewidth=2.2, solid_capstyle="butt")
            ax.plot([est], [y], marker="o", markersize=7, color=colour,
                    markerfacecolor=colour if clear else "white", markeredgewidth=1.8)
        if not values:
            ax.text(0.5, 0.5, m["monitor_dots_not_shown"], transform=ax.transAxes,
                    ha="center", va="center", fontsize=9, color="#555555")
        ax.set_xlim(-limit, limit)
        major = 0.2 if limit <= 0.6 else 0.5 if limit <= 1.6 else 1.0
        ax.xaxis.set_major_locator(MultipleLocator(major))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang, 1)))
        # the grid every 0.1 as one collection of lines, not as minor ticks: matplotlib lays
        # out every tick (and its unused label) for the tight layout, twice per figure
        steps = round(limit / 0.1)
        ax.vlines([i * 0.1 for i in range(-steps, steps + 1)], 0, 1,
                  transform=ax.get_xaxis_transform(), color="#e6e6e6", linewidth=0.8, zorder=0)
        ax.tick_params(axis="x", labelsize=8)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(m["monitor_axis_difference"].format(reference=reference), fontsize=8.5)
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
    axes[0].set_yticks(ys, [outcome_label(o, lang, labels) for o in outcomes], fontsize=9)
    axes[0].set_ylim(-0.6, len(outcomes) - 0.4)
    fig.suptitle(m["monitor_dots_title"].format(neighbourhood=neighbourhood,
                                               reference=reference), fontsize=11)
    fig.text(0.5, 0.01, m["monitor_dots_legend"], ha="center", va="bottom", fontsize=8,
             color="#444444")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
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
