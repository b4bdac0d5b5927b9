"""Small matplotlib figures for result objects (imported lazily, only by ``plot()``)."""

from __future__ import annotations


def errorbar_plot(rows, *, x, y, low, high, group=None, title="", ax=None):
    """Points with interval bars per ``x`` (in the given order), one line per ``group``."""
    import matplotlib

    if ax is None:
        matplotlib.use(matplotlib.get_backend())
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 4))
    else:
        fig = ax.figure
    groups = list(dict.fromkeys(r.get(group, "") for r in rows)) if group else [""]
    for k, g in enumerate(groups):
        sub = [r for r in rows if not group or r.get(group, "") == g]
        xs = [str(r[x]) for r in sub]
        ys = [r[y] for r in sub]
        err = [[r[y] - r[low] for r in sub], [r[high] - r[y] for r in sub]]
        ax.errorbar(range(len(xs)), ys, yerr=err, marker="o", capsize=3, label=g or None)
        ax.set_xticks(range(len(xs)), xs)
    if any(groups):
        ax.legend()
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if title:
        ax.set_title(title)
    return fig
