"""Balance plot of a comparison group (a "Love plot"): the standardised mean difference of each
covariate before and after matching or weighting, with the protocol's threshold.

Plain data in (the ``comparison_balance`` rows of the results, or their disclosed copy), labels
from the message catalogues (``comparison.yaml``); Okabe-Ito colours; matplotlib imported
lazily.
"""

from __future__ import annotations

from .figures import OKABE_ITO
from ..i18n import fmt_number, messages

__all__ = ["balance_plot"]


def balance_plot(balance, *, threshold: float = 0.1, method: str = "matching", lang: str = "en",
                 labels: dict | None = None):
    """Dot plot of standardised differences before (open) and after (filled) per covariate.

    Parameters
    ----------
    balance : list of dict
        ``covariate, smd_before, smd_after`` (None = not shown).
    threshold : float
        Drawn as dashed lines at ``-threshold`` and ``+threshold``.
    method : str
        ``matching`` or ``weighting`` (named in the title).
    lang : str
    labels : dict, optional
        ``{covariate: reader's label}``; default the covariate's name.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    m = messages(lang)
    how = m.get(f"comparison_method_{method}", method)
    rows = [b for b in balance if b.get("smd_before") is not None
            or b.get("smd_after") is not None]
    names = [(labels or {}).get(b["covariate"], b["covariate"]) for b in rows]
    y = list(range(len(rows)))[::-1]
    fig = plt.figure(figsize=(6.4, 1.2 + 0.38 * max(len(rows), 1)), dpi=110)
    plt.close(fig)
    ax = fig.add_subplot()
    for key, face, label in (("smd_before", "white", m["comparison_balance_before"]),
                             ("smd_after", OKABE_ITO[5], m["comparison_balance_after"])):
        xs = [b.get(key) for b in rows]
        pts = [(x, yy) for x, yy in zip(xs, y) if x is not None]
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=42, facecolors=face,
                   edgecolors=OKABE_ITO[5], linewidths=1.5, zorder=3, label=label)
    for t in (-threshold, threshold):
        ax.axvline(t, color=OKABE_ITO[1], linestyle="--", linewidth=1)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_yticks(y, names)
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [fmt_number(v, lang, 1) for v in ticks])
    ax.set_xlabel(m["comparison_balance_axis"])
    ax.set_title(m["comparison_balance_title"].format(method=how))
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
