"""Jacobson plot: baseline against follow-up with the reliable-change band and cut-off lines."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["jacobson_plot"]

_COLOURS = {"recovered": "#009E73", "improved": "#56B4E9", "unchanged": "#999999",
            "deteriorated": "#D55E00"}


def jacobson_plot(result, *, title=None, xlabel="baseline", ylabel="follow-up", ax=None):
    """Scatter of each participant's baseline (x) and follow-up (y) score.

    Parameters
    ----------
    result : ReliableChangeResult
        From :func:`impact.reliable_change`.
    title, xlabel, ylabel : str, optional
        Labels (the caller translates them).
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    The diagonal is "no change". For Jacobson-Truax the band is ``y = x +/- z S_diff``; for
    Edwards-Nunnally ``y = r (x - M1) + M1 +/- z s1 sqrt(1 - r)``. Points outside the band changed
    reliably; the colour gives the category. A clinical cut-off is drawn as a dashed horizontal
    and vertical line. No identifier is drawn. Colours: Okabe-Ito (colour-blind safe).
    """
    import matplotlib.pyplot as plt  # the session's backend (JupyterLab: inline), never switched

    s = result.values
    frame = result.participants
    if ax is None:
        fig, ax = plt.subplots(figsize=(5, 5), dpi=110)
        plt.close(fig)  # out of pyplot's registry: displayed once, when returned
    else:
        fig = ax.figure
    x = frame["baseline"].to_numpy(dtype=float)
    y = frame["followup"].to_numpy(dtype=float)
    finite = np.concatenate([x, y])
    finite = finite[np.isfinite(finite)]
    lo, hi = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
    pad = 0.05 * (hi - lo or 1)
    grid = np.array([lo - pad, hi + pad])
    ax.plot(grid, grid, color="black", linewidth=1, label="no change")
    if s.get("se_measurement") and s.get("z"):
        z, se = s["z"], s["se_measurement"]
        if s["method"] == "jt":
            centre, half = grid, z * math.sqrt(2) * se
        else:
            m1 = float(np.nanmean(x))
            centre, half = s["reliability"] * (grid - m1) + m1, z * se
        ax.fill_between(grid, centre - half, centre + half, color="#E69F00", alpha=0.2,
                        label="no reliable change")
    for cat, colour in _COLOURS.items():
        mask = (frame["category"] == cat).to_numpy()
        if mask.any():
            ax.scatter(x[mask], y[mask], s=18, color=colour, label=f"{cat} ({int(mask.sum())})",
                       zorder=3)
    if s.get("cutoff") is not None:
        ax.axhline(s["cutoff"], color="#0072B2", linestyle="--", linewidth=1, label="cut-off")
        ax.axvline(s["cutoff"], color="#0072B2", linestyle="--", linewidth=1)
    ax.set_xlim(grid)
    ax.set_ylim(grid)
    ax.set_aspect("equal")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title or f"Reliable change (n = {s['n']})")
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
