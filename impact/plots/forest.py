"""Forest plot of per-site estimates with the random-effects pooled estimate."""

from __future__ import annotations

import numpy as np

__all__ = ["forest_plot"]


def forest_plot(result, *, title=None, xlabel="mean change", ax=None,
                pooled_label="pooled ({method}), I\u00b2 = {i2}%"):
    """Forest plot of a :class:`impact.MetaResult`.

    Each site: estimate with its CI, square sized by weight; the pooled estimate as a diamond
    spanning its CI, and the prediction interval as a line through it. Returns a matplotlib
    Figure. Colours: Okabe-Ito.

    Examples
    --------
    R: ``metafor::forest(rma(yi, vi), addpred = TRUE)``.
    """
    import matplotlib.pyplot as plt  # the session's backend (JupyterLab: inline), never switched

    studies = result.studies
    s = result.values
    k = len(studies)
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 1.2 + 0.35 * (k + 2)), dpi=110)
        plt.close(fig)  # out of pyplot's registry: displayed once, when returned
    else:
        fig = ax.figure
    ys = np.arange(k, 0, -1) + 1
    if k and "ci_low" in studies:
        weights = studies["weight"].to_numpy(dtype=float) if "weight" in studies else np.ones(k)
        ax.hlines(ys, studies["ci_low"], studies["ci_high"], color="#0072B2")
        ax.scatter(studies["estimate"], ys, marker="s", s=20 + 3 * np.nan_to_num(weights),
                   color="#0072B2", zorder=3)
    labels = [str(v) for v in studies["label"]]
    if s.get("estimate") is not None:
        est, lo, hi = s["estimate"], s["ci_low"], s["ci_high"]
        ax.fill([lo, est, hi, est], [0.5, 0.75, 0.5, 0.25], color="#D55E00", zorder=3)
        ax.hlines(0.5, s["prediction_low"], s["prediction_high"], color="#D55E00",
                  linestyle=":", linewidth=1.5)
        labels_y = list(ys) + [0.5]
        labels = labels + [pooled_label.format(method=s["method"], i2=f"{s['i2']:.0f}")]
    else:
        labels_y = list(ys)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(labels_y, labels)
    ax.set_xlabel(xlabel)
    ax.set_title(title or (f"{s.get('outcome') or ''} across {k} sites").strip())
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
