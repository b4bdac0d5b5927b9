"""Power curves for planning (matplotlib, imported lazily; Okabe-Ito colours)."""

from __future__ import annotations

__all__ = ["power_curve"]


def power_curve(design="prepost", effects=(0.5, 0.75), *, n_max=None, r=0.0, alpha=0.05,
                group_size=None, target=0.8, simulated=None, ax=None):
    """Power against sample size for one or more effects, with the target power marked.

    Parameters
    ----------
    design : {"prepost", "controlled"}
        Paired t-test of change (x = pairs) or ANCOVA/two-sample (x = per group).
    effects : sequence of float
        ``d_z`` (prepost) or ``d`` (controlled); one line each.
    n_max : int, optional
        Right end of the x axis (default: twice the largest required n, at least 40).
    group_size : int, optional
        Prepost: draw the x axis in whole groups of this size (points at 1, 2, ... groups).
    simulated : pandas.DataFrame, optional
        Simulated power with columns ``n, d, t`` (e.g. :func:`impact.power_grid`), drawn as
        points over the analytic lines.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import math

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from ..stats.power import n_controlled, n_paired, power_controlled, power_paired
    from .figures import OKABE_ITO

    effects = [e for e in effects if e is not None] or [0.5]
    if n_max is None:
        needed = [(n_paired if design == "prepost" else n_controlled)(abs(e), target, alpha)
                  for e in effects if e]
        n_max = max([40] + [int(2 * math.ceil(x)) for x in needed if x])
        n_max = min(n_max, 2000)
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 4), dpi=110)
    else:
        fig = ax.figure
    for i, d in enumerate(effects):
        colour = OKABE_ITO[(i + 4) % len(OKABE_ITO)]
        if design == "prepost" and group_size:
            k = np.arange(1, max(2, n_max // group_size) + 1)
            ns = k * group_size
            pw = power_paired(d, ns, alpha)
            ax.plot(ns, pw, marker="o", color=colour, label=f"d_z = {d:g}")
        else:
            ns = np.arange(3, n_max + 1)
            pw = (power_paired(d, ns, alpha) if design == "prepost"
                  else power_controlled(d, ns, r, alpha))
            ax.plot(ns, pw, color=colour, linewidth=2,
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
