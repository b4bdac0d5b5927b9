"""Ground floor: every figure of the package, drawn from plain data (numbers, labels, a language).

Figures import matplotlib lazily and nothing of the package but :mod:`impact.i18n`. A result's
``.plot()`` (statistics, studies) hands its numbers to a function here; the report embeds the
same functions' output (:func:`impact.plots.figures.figure_html`).

Modules: ``figures`` (colours, the slope plot, HTML embedding), ``charts`` (change and trajectory
charts of the reports), ``spider`` (Positive Health), ``forest`` (every forest plot),
``flowchart`` (participant flow), ``jacobson`` (reliable change), ``monitor`` (neighbourhood
monitor and referral figures), ``synthesis`` (meta-analysis figures), ``power`` (power curves),
``errorbar`` (estimates with intervals), ``balance`` (comparison groups before and after
matching or weighting).
"""
