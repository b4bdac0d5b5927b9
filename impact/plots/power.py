"""Power curves for planning (matplotlib, imported lazily; Okabe-Ito colours)."""

from __future__ import annotations

__all__ = ["power_curve_plot"]


def power_curve_plot(curves, *, design="prepost", r=0.0, alpha=0.05, group_size=None,
                     target=0.8, simulated=None, ax=None):
    """Power against sample size for one or more effects, with the target power marked.

    Parameters
    ----------
    curves : list of dict
        ``{"effect", "n", "power"}`` per line, as :func:`impact.stats.power.power_curve_data`
        computes them (plain numbers: this module computes nothing).
    design : {"prepost", "controlled"}
        Paired t-test of change (x = pairs) or ANCOVA/two-sample (x = per group).
    group_size : int, optional
        Prepost: the x axis is in whole groups of this size (points at 1, 2, ... groups).
    simulated : pandas.DataFrame, optional
        Simulated power with columns ``n, d, t`` (e.g. :func:`impact.power_grid`), drawn as
        points over the analytic lines.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from .figures import OKABE_ITO

    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 4), dpi=110)
    else:
        fig = ax.figure
    for i, curve in enumerate(curves):
        d = curve["effect"]
        colour = OKABE_ITO[(i + 4) % len(OKABE_ITO)]
        if design == "prepost" and group_size:
            ax.plot(curve["n"], curve["power"], marker="o", color=colour, label=f"d_z = {d:g}")
        else:
            ax.plot(curve["n"], curve["power"], color=colour, linewidth=2,
                    label=f"{'d_z' if design == 'prepost' else 'd'} = {d:g}")
        if simulated is not None:
            sub = simulated[np.isclose(simulated["d"], d)]
            ax.plot(sub["n"], sub["t"], "o", color=colour, markersize=4, alpha=0.8)
    ax.axhline(target, color="0.4", linestyle="--", linewidth=1)
    ax.text(ax.get_xlim()[0], target + 0.01, f"{target:.0%}", color="0.3", fontsize=8)
    ax.set_ylim(0, 1.02)
    what = "pairs" if design == "prepost" else "participants per group"
    ax.set_xlabel(f"{what}" + (f" (groups of {group_size})" if group_size else ""))
    ax.set_ylabel("power")
    title = ("Paired t-test of change" if design == "prepost" else
             "Controlled design, ANCOVA" if r else "Controlled design, two-sample t-test")
    ax.set_title(f"{title}, alpha = {alpha:g}")
    ax.legend(frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
