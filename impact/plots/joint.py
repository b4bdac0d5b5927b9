"""Report plots: raincloud per outcome and a code-frequency heat map.

matplotlib is imported inside the functions; Okabe-Ito colours; labels from the message
catalogue; no participant identifier is drawn. Each function returns a Figure.
"""

from __future__ import annotations

from .figures import OKABE_ITO
from ..i18n import fmt_number, messages

__all__ = ["raincloud_plot", "code_heatmap"]


def raincloud_plot(scores, outcome, *, baseline, followup, lang="en", id_col="participant_id",
                   wave_col="wave", paired=True, title=None, seed=1):
    """Raincloud of an outcome at baseline and follow-up: half violin, box and jittered points.

    Parameters
    ----------
    scores : pandas.DataFrame
        Long scores frame.
    outcome : str
        Score column.
    paired : bool
        Only participants with the outcome at both waves (default).
    seed : int
        Seed of the jitter, so the figure is reproducible.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    m = messages(lang)
    wide = scores.pivot_table(index=id_col, columns=wave_col, values=outcome, aggfunc="first")
    for wave in (baseline, followup):
        if wave not in wide.columns:
            wide[wave] = np.nan
    wide = wide[[baseline, followup]]
    if paired:
        wide = wide.dropna()
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(5.5, 4), dpi=110)
    colours = (OKABE_ITO[1], OKABE_ITO[5])
    for pos, (wave, colour) in enumerate(zip((baseline, followup), colours)):
        values = wide[wave].dropna().to_numpy(dtype=float)
        if len(values) == 0:
            continue
        if len(values) > 1 and np.ptp(values) > 0:
            parts = ax.violinplot(values, positions=[pos], widths=0.7, showextrema=False)
            for body in parts["bodies"]:
                verts = body.get_paths()[0].vertices
                verts[:, 0] = np.clip(verts[:, 0], pos, None)   # keep the upper half (cloud)
                body.set_facecolor(colour)
                body.set_alpha(0.35)
        ax.boxplot(values, positions=[pos - 0.08], widths=0.08, showfliers=False,
                   patch_artist=True, boxprops={"facecolor": "white"},
                   medianprops={"color": OKABE_ITO[7]})
        jitter = rng.uniform(-0.06, 0.06, len(values))
        ax.scatter(np.full(len(values), pos - 0.25) + jitter, values, s=12, color=colour,
                   alpha=0.7, linewidths=0)
    ax.set_xticks([0, 1], [baseline, followup])
    ax.set_xlabel(m["figure_axis_wave"])
    ax.set_ylabel(outcome)
    ax.set_title(title or f"{outcome} (n = {len(wide)})")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def code_heatmap(display, *, lang="en", title=None):
    """Heat map of code frequencies (% of participants) per reliable-change category.

    Parameters
    ----------
    display : impact.studies.joint.JointDisplay or list of dict
        The result of :func:`impact.themes_by_change` (rows with ``code`` and
        ``pct_<category>``). Suppressed cells are drawn blank and marked with an en dash.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    CHANGE_CATEGORIES = ("improved", "unchanged", "deteriorated")  # the columns drawn

    m = messages(lang)
    rows = getattr(display, "rows", display)
    min_cell = getattr(display, "meta", {}).get("min_cell_size")
    codes = [r["code"] for r in rows]
    data = np.array([[np.nan if r.get(f"pct_{c}") is None else r[f"pct_{c}"]
                      for c in CHANGE_CATEGORIES] for r in rows], dtype=float).reshape(
        len(rows), len(CHANGE_CATEGORIES))
    cmap = LinearSegmentedColormap.from_list("okabe_blue", ["#FFFFFF", OKABE_ITO[4]]).with_extremes(
        bad="#DDDDDD")
    fig, ax = plt.subplots(figsize=(5.5, 0.45 * max(len(codes), 3) + 1.5), dpi=110)
    image = ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=0, vmax=100, aspect="auto")
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            value = data[i, j]
            text = "–" if np.isnan(value) else fmt_number(value, lang, 0) + "%"
            ax.text(j, i, text, ha="center", va="center",
                    color="white" if not np.isnan(value) and value > 60 else "black", fontsize=8)
    ax.set_xticks(range(len(CHANGE_CATEGORIES)), [m[f"cat_{c}"] for c in CHANGE_CATEGORIES])
    ax.set_yticks(range(len(codes)), codes)
    ax.set_xlabel(m["heatmap_axis_category"])
    fig.colorbar(image, ax=ax, label=m["heatmap_axis_share"], shrink=0.8)
    ax.set_title(title or m["heatmap_title"])
    if min_cell:
        fig.text(0.01, 0.01, m["heatmap_suppressed"].format(n=min_cell), fontsize=7)
    fig.tight_layout()
    return fig
