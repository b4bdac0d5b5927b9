"""Report figures (matplotlib, imported lazily; colour-blind-safe Okabe-Ito colours)."""

from __future__ import annotations

from ..i18n import messages

__all__ = ["slope_plot", "figure_html", "OKABE_ITO"]

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000"]


def slope_plot(scores, outcome, *, baseline, followup, lang="en", id_col="participant_id",
               wave_col="wave", title=None):
    """Each paired participant's baseline and follow-up score joined by a line, with the means.

    Only participants with both scores are drawn; no identifier appears in the figure.
    """
    import matplotlib.pyplot as plt  # the session's backend (JupyterLab: inline), never switched

    m = messages(lang)
    wide = scores.pivot_table(index=id_col, columns=wave_col, values=outcome, aggfunc="first")
    wide = wide[[baseline, followup]].dropna()
    fig, ax = plt.subplots(figsize=(5, 4), dpi=110)
    plt.close(fig)  # out of pyplot's registry: displayed once, when returned
    x = [0, 1]
    for values in wide.to_numpy():
        ax.plot(x, values, color=OKABE_ITO[1], alpha=0.45, linewidth=1)
    means = wide.mean().to_numpy()
    ax.plot(x, means, color=OKABE_ITO[5], linewidth=3, marker="o", label=m["figure_mean"])
    ax.set_xticks(x, [baseline, followup])
    ax.set_xlabel(m["figure_axis_wave"])
    ax.set_ylabel(f"{outcome}")
    ax.set_title(title or f"{outcome} (n = {len(wide)})")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def figure_html(fig, alt: str, close: bool = True) -> str:
    """A figure as an embedded PNG ``<img>`` with alt text: self-contained and backend-free."""
    import base64
    import io

    from ..i18n import escape

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{escape(alt)}"></figure>'
