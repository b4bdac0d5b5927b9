"""Positive Health "spider web": the six dimensions of Mijn Positieve Gezondheid before and after.

matplotlib is imported inside the function; colours are Okabe-Ito (colour-blind safe); labels
come from the message catalogue of the report language; no participant identifier is drawn.
"""

from __future__ import annotations

from .figures import OKABE_ITO
from ..i18n import fmt_number, messages

__all__ = ["spider_plot", "MPH_DIMENSIONS", "mph_means"]

MPH_DIMENSIONS = ("body", "mental", "meaning", "quality", "participation", "daily")


def mph_means(scores, *, baseline, followup, id_col="participant_id", wave_col="wave",
              paired=True):
    """Mean of each ``mph_<dimension>`` at baseline and follow-up.

    With ``paired=True`` (default) a dimension's means use only participants with that
    dimension scored at both waves. Returns ``({wave: [six means]}, n)`` with n the smallest
    number of participants behind any mean.
    """
    cols = [f"mph_{d}" for d in MPH_DIMENSIONS]
    missing = [c for c in cols if c not in scores.columns]
    if missing:
        from ..errors import InputError

        raise InputError(f"the scores frame lacks {', '.join(missing)}", file="scores",
                         column=missing[0], rule="mph dimensions scored")
    pre = scores.loc[scores[wave_col] == baseline].drop_duplicates(id_col).set_index(id_col)[cols]
    post = scores.loc[scores[wave_col] == followup].drop_duplicates(id_col).set_index(id_col)[cols]
    if paired:
        ids = pre.index.intersection(post.index)
        pre, post = pre.loc[ids], post.loc[ids]
        both = pre.notna() & post.notna()
        pre, post = pre.where(both), post.where(both)
    n = int(min(pre.notna().sum().min(), post.notna().sum().min())) if len(pre) else 0
    return {baseline: pre.mean().tolist(), followup: post.mean().tolist()}, n


def spider_plot(scores=None, *, baseline, followup, lang="en", means=None, paired=True,
                id_col="participant_id", wave_col="wave", title=None):
    """Radar chart of the six Positive Health dimensions (0-10) before and after.

    Parameters
    ----------
    scores : pandas.DataFrame, optional
        Long scores frame with ``mph_body`` .. ``mph_daily``; or give ``means``.
    baseline, followup : str
        Wave labels.
    means : dict, optional
        ``{wave: [six means in the order of MPH_DIMENSIONS]}`` instead of ``scores``.
    lang : {'nl', 'en'}

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    m = messages(lang)
    n = None
    if means is None:
        means, n = mph_means(scores, baseline=baseline, followup=followup, id_col=id_col,
                             wave_col=wave_col, paired=paired)
    labels = [m[f"mph_dim_{d}"] for d in MPH_DIMENSIONS]
    angles = np.linspace(0, 2 * np.pi, len(labels), endpoint=False).tolist()
    fig, ax = plt.subplots(figsize=(6, 6.2), dpi=110, subplot_kw={"polar": True})
    for (wave, values), colour, style in zip(((baseline, means[baseline]),
                                              (followup, means[followup])),
                                             (OKABE_ITO[1], OKABE_ITO[5]), ("--", "-")):
        vals = [np.nan if v is None else float(v) for v in values]
        closed = vals + vals[:1]
        ax.plot(angles + angles[:1], closed, color=colour, linewidth=2, linestyle=style,
                marker="o", label=wave)
        ax.fill(angles + angles[:1], closed, color=colour, alpha=0.12)
    ax.set_xticks(angles, labels)
    ax.set_ylim(0, 10)
    ax.set_yticks([2, 4, 6, 8, 10], [fmt_number(v, lang, 0) for v in (2, 4, 6, 8, 10)])
    heading = title or m["spider_title"]
    if n is not None:
        heading += f" (n = {n})"
    ax.set_title(heading, pad=18)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False, ncol=2,
              title=m["figure_axis_wave"])
    fig.tight_layout()
    return fig
