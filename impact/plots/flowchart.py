"""The participant flow diagram (TREND item 13 / CONSORT style) drawn from the ``flow`` ledger.

Boxes down the middle follow the participants (rows read, enrolled, baseline, follow-up,
analysed); boxes on the right say who left and why (excluded rows, follow-up without baseline,
lost to follow-up, outcome not computable). Colours are Okabe-Ito (colour-blind safe), and the
two kinds of box also differ by line style (solid vs dashed), so the figure reads in grey-scale.
Flow counts describe the cohort as a whole and link to no characteristic of a person, so they
are shown as they are (the small-cell guard, :mod:`impact.smallcells`, applies to tables and figures
broken down by a background characteristic).

Reference: Des Jarlais, Lyles, Crepaz and the TREND Group (2004), AJPH 94:361, item 13;
Schulz, Altman, Moher (2010), CONSORT 2010 flow diagram.
"""

from __future__ import annotations

from .figures import OKABE_ITO

__all__ = ["flow_diagram"]

def _labels(lang) -> dict:
    from ..i18n import messages

    return messages(lang)["flow_chart"]


_MAIN, _SIDE = OKABE_ITO[4], OKABE_ITO[5]  # blue, vermillion


def flow_diagram(flow: dict, lang: str = "en", *, title: str | None = None):
    """Draw the flow ledger (``Results["flow"]``) as a TREND/CONSORT-style diagram.

    Parameters
    ----------
    flow : dict
        The ``flow`` object of the results (:func:`impact.io.participant_flow`).
    lang : {"en", "nl"}
        Label language; numbers use the language's digit grouping.
    title : str, optional
        Figure title; default "Participant flow" / "Stroom van deelnemers".

    Returns
    -------
    matplotlib.figure.Figure
        Not shown and not saved; pass it to :func:`impact.plots.figures.figure_html` or save it.

    Examples
    --------
    >>> {k: results["flow"][k] for k in ("with_baseline", "with_followup", "paired")}
    {'with_baseline': 35, 'with_followup': 21, 'paired': 20}
    >>> fig = flow_diagram(results["flow"], lang="nl")
    >>> type(fig).__name__
    'Figure'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt  # the session's backend (JupyterLab: inline), never switched

    from ..i18n import fmt_number

    labels = _labels(lang)

    def num(n):
        return fmt_number(int(n or 0), lang, 0)

    rows = flow.get("row_ledger", {})
    people = flow.get("participant_ledger", {})
    base_wave, follow_wave = flow.get("baseline", "T0"), flow.get("followup", "T1")
    fig, ax = plt.subplots(figsize=(8.2, 7.4), dpi=110)
    plt.close(fig)  # out of pyplot's registry: displayed once, when returned
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.axis("off")

    def box(x, y, text, colour, dashed=False, align="center"):
        ax.text(x, y, text, ha=align, va="center", fontsize=9, multialignment="center",
                bbox={"boxstyle": "round,pad=0.5", "facecolor": "white", "edgecolor": colour,
                      "linewidth": 1.6, "linestyle": "--" if dashed else "-"})

    def arrow(x0, y0, x1, y1):
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "->", "color": "#333333", "linewidth": 1.2})

    excluded_codes = ("blank_row", "blank_id", "unknown_wave", "duplicate")
    n_excluded = sum(int(rows.get(c, 0)) for c in excluded_codes)
    ys = [9.3, 7.5, 5.6, 3.6, 1.4]
    box(3, ys[0], labels["rows"].format(n=num(flow.get("rows", 0))), _MAIN)
    box(3, ys[1], labels["enrolled"].format(n=num(flow.get("enrolled", 0))), _MAIN)
    box(3, ys[2], labels["baseline"].format(wave=base_wave, n=num(flow.get("with_baseline", 0))),
        _MAIN)
    # down the middle every box is the previous one minus the box beside the arrow, so the
    # follow-up box counts those with a baseline *and* a follow-up
    both = int(people.get("paired", flow.get("paired", 0))) + int(people.get("not_computable", 0))
    box(3, ys[3], labels["followup"].format(wave=follow_wave, n=num(both)), _MAIN)
    box(3, ys[4], labels["paired"].format(n=num(flow.get("paired", 0))), _MAIN)
    for top, bottom in zip(ys[:-1], ys[1:]):
        arrow(3, top - 0.45, 3, bottom + 0.45)

    lines = [labels["excluded_rows"].format(n=num(n_excluded))]
    lines += [labels[c].format(n=num(rows.get(c, 0))) for c in excluded_codes if rows.get(c)]
    side_x = 5.6  # left edge of the boxes on the right
    box(side_x, (ys[0] + ys[1]) / 2, "\n".join(lines), _SIDE, dashed=True, align="left")
    side = [labels["followup_only"].format(n=num(people.get("followup_only",
                                                            flow.get("followup_only", 0))))]
    if people.get("other_waves_only"):
        side.append(labels["other_waves_only"].format(n=num(people["other_waves_only"])))
    box(side_x, (ys[1] + ys[2]) / 2, "\n".join(side), _SIDE, dashed=True, align="left")
    box(side_x, (ys[2] + ys[3]) / 2,
        labels["lost"].format(n=num(people.get("lost_to_followup",
                                               flow.get("without_followup", 0)))),
        _SIDE, dashed=True, align="left")
    box(side_x, (ys[3] + ys[4]) / 2,
        labels["not_computable"].format(n=num(people.get("not_computable", 0))), _SIDE,
        dashed=True, align="left")
    for i in range(4):
        y = (ys[i] + ys[i + 1]) / 2
        arrow(3, y, side_x - 0.15, y)
    ax.set_title(title or labels["title"], fontsize=12, loc="left")
    fig.tight_layout()
    return fig
