"""Figures for the deliverables, drawn from aggregated numbers only.

* :func:`change_chart` - the funder's chart of change per outcome: a dumbbell from the mean at the
  start to the mean at the end, with the 95% interval of the mean change drawn around the end
  (start + CI of the change), one row per outcome on its own scale, in plain words.
* :func:`trajectory_chart` - three or more waves: the mean with its 95% interval per wave,
  x = weeks since the start (protocol wave timing), one panel per outcome.

Inputs are lists of dicts of aggregated numbers (means, intervals, labels in the report
language); a key that is not one of the documented ones (for example ``participant_id``) is an
error, so participant rows cannot be passed in by mistake. Each function returns a
:class:`Chart`: the PNG, an ``<img>``/``<figure>`` embed with alt text, and ``values``: the exact
numbers drawn, for the engine to put in ``published.json``.

The numbers in the alt text are rounded to one decimal (decimal comma in Dutch), as the report
prints them.
"""

from __future__ import annotations

import base64
import html as _html
import io
import math
from dataclasses import dataclass, field
from functools import lru_cache

from ..i18n import languages

__all__ = ["Chart", "change_chart", "trajectory_chart"]

_CHANGE_KEYS = {"label", "start", "end", "ci_low", "ci_high", "higher_is_better", "scale_min",
                "scale_max", "n"}
_TRAJ_KEYS = {"label", "higher_is_better", "points", "scale_min", "scale_max"}
_POINT_KEYS = {"wave", "weeks", "mean", "ci_low", "ci_high", "n"}
_GOOD, _BAD, _NEUTRAL, _START = "#1b7837", "#b35806", "#2b5c8a", "#777777"


@lru_cache(maxsize=1)
def _words() -> dict:
    from ..i18n import messages

    return {lang: messages(lang)["charts"] for lang in languages()}


@dataclass
class Chart:
    """A figure of a deliverable: PNG bytes, alt text, title and the values drawn."""

    png: bytes
    alt: str
    title: str
    values: list = field(default_factory=list)
    width_px: int = 0
    height_px: int = 0

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    def img(self) -> str:
        """``<img>`` with alt text (escaped), embedded as a data URI."""
        return (f'<img src="{self.data_uri}" alt="{_html.escape(self.alt, quote=True)}" '
                f'width="{self.width_px}" height="{self.height_px}" '
                'style="max-width:100%;height:auto">')

    def embed(self) -> str:
        """A ``<figure>`` with the image and the title as caption."""
        return (f'<figure class="impact-figure">{self.img()}'
                f"<figcaption>{_html.escape(self.title)}</figcaption></figure>")

    def _repr_html_(self) -> str:
        return self.embed()


def _num(value, what: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(x):
        raise ValueError(f"{what} must be finite, got {value!r}")
    return x


def _opt(value, what):
    return None if value is None else _num(value, what)


def _check_keys(row, allowed, where):
    if not isinstance(row, dict):
        raise ValueError(f"{where} must be a dict of aggregated numbers, got {type(row).__name__}")
    extra = set(row) - allowed
    if extra:
        raise ValueError(f"{where} has key(s) {', '.join(sorted(map(str, extra)))}; charts take "
                         f"aggregated numbers only ({', '.join(sorted(allowed))})")


def _fmt(x: float, lang: str) -> str:
    from ..i18n import fmt_number

    return fmt_number(x, lang, 1)


def _fmt_weeks(x: float, lang: str) -> str:
    from ..i18n import locale

    return f"{x:g}".replace(".", locale(lang).get("decimal", "."))


def _wrap(text: str, width: int = 22) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _png(fig) -> tuple[bytes, int, int]:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi, metadata={"Software": None})
    w, h = fig.get_size_inches() * fig.dpi
    return buf.getvalue(), int(round(w)), int(round(h))


def _figure(width_in: float, height_in: float, dpi: int = 130):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=dpi)
    fig.patch.set_facecolor("white")
    return fig


def _style_axis(ax):
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)


def change_chart(rows, *, lang: str = "en", title: str | None = None) -> Chart:
    """Dumbbell chart of the change per outcome (start -> end, interval of the change).

    Parameters
    ----------
    rows : list of dicts with ``label`` (outcome label in the report language), ``start`` and
        ``end`` (mean at baseline and follow-up of the paired participants), ``ci_low`` and
        ``ci_high`` (95% CI of the mean change, as ``outcomes[].ci_low/ci_high`` of the results;
        optional), ``higher_is_better`` (bool, optional: names the good direction on the axis
        and colours a change whose interval excludes zero green when good, orange when bad;
        every other change is drawn in the neutral blue), ``scale_min``/``scale_max`` (the instrument's range, optional:
        fixes the axis), ``n`` (optional, not drawn).
    lang : nl or en

    Returns a :class:`Chart`; ``values`` holds per row ``label, start, end, interval_low,
    interval_high`` (the interval as drawn: start + ci_low, start + ci_high).
    """
    if lang not in languages():
        raise ValueError(f"language must be one of {languages()}, got {lang!r}")
    rows = list(rows)
    if not rows:
        raise ValueError("change_chart needs at least one outcome")
    w = _words()[lang]
    drawn = []
    for i, row in enumerate(rows):
        _check_keys(row, _CHANGE_KEYS, f"row {i + 1}")
        if not str(row.get("label", "")).strip():
            raise ValueError(f"row {i + 1} needs a label")
        start, end = _num(row.get("start"), f"row {i + 1} start"), _num(row.get("end"),
                                                                        f"row {i + 1} end")
        lo, hi = _opt(row.get("ci_low"), f"row {i + 1} ci_low"), _opt(row.get("ci_high"),
                                                                      f"row {i + 1} ci_high")
        if (lo is None) != (hi is None):
            raise ValueError(f"row {i + 1} needs both ci_low and ci_high, or neither")
        if lo is not None and lo > hi:
            raise ValueError(f"row {i + 1}: ci_low {lo} is above ci_high {hi}")
        drawn.append({"label": str(row["label"]), "start": start, "end": end,
                      "interval_low": None if lo is None else start + lo,
                      "interval_high": None if hi is None else start + hi,
                      "higher_is_better": row.get("higher_is_better"),
                      "scale_min": _opt(row.get("scale_min"), "scale_min"),
                      "scale_max": _opt(row.get("scale_max"), "scale_max")})

    n = len(drawn)
    fig = _figure(6.4, 0.95 * n + 1.0)
    axes = fig.subplots(n, 1, squeeze=False)[:, 0]
    used = []  # the colour of each change, for the legend
    for ax, d in zip(axes, drawn):
        hib = d["higher_is_better"]
        change = d["end"] - d["start"]
        # colour only a change whose interval excludes no change; the rest stays neutral
        clear = (d["interval_low"] is not None
                 and (d["interval_low"] > d["start"] or d["interval_high"] < d["start"]))
        colour = _NEUTRAL if hib is None or change == 0 or not clear else (
            _GOOD if (change > 0) == bool(hib) else _BAD)
        used.append(colour)
        if d["interval_low"] is not None:
            ax.plot([d["interval_low"], d["interval_high"]], [0, 0], color=colour, alpha=0.3,
                    linewidth=9, solid_capstyle="butt", zorder=1)
        ax.annotate("", xy=(d["end"], 0), xytext=(d["start"], 0),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.6,
                                "shrinkA": 5, "shrinkB": 6}, zorder=2)
        ax.scatter([d["start"]], [0], s=55, facecolor="white", edgecolor=_START, linewidth=1.6,
                   zorder=3)
        ax.scatter([d["end"]], [0], s=60, color=colour, zorder=3)
        points = [d["start"], d["end"]] + [v for v in (d["interval_low"], d["interval_high"])
                                           if v is not None]
        lo_x = d["scale_min"] if d["scale_min"] is not None else min(points)
        hi_x = d["scale_max"] if d["scale_max"] is not None else max(points)
        pad = max((hi_x - lo_x) * 0.06, 0.5)
        ax.set_xlim(min(lo_x, min(points)) - pad, max(hi_x, max(points)) + pad)
        ax.set_ylim(-1, 1)
        ax.set_yticks([0])
        ax.set_yticklabels([_wrap(d["label"])], fontsize=9)
        direction = ("" if hib is None else
                     f" ({w['higher_better'] if hib else w['lower_better']})")
        ax.set_xlabel(w["score"] + direction, fontsize=8, color="#444")
        ax.tick_params(axis="x", labelsize=8)
        _style_axis(ax)
    from matplotlib.lines import Line2D

    # the legend shows the colour the changes are drawn in when they share one
    key = used[0] if len(set(used)) == 1 else _NEUTRAL
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                      markeredgecolor=_START, label=w["start"]),
               Line2D([], [], marker="o", linestyle="", color=key, label=w["end"])]
    if any(d["interval_low"] is not None for d in drawn):
        handles.append(Line2D([], [], color=key, alpha=0.3, linewidth=8, label=w["interval"]))
    fig.legend(handles=handles, loc="upper center", ncol=len(handles), frameon=False, fontsize=8)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.45 / (0.95 * n + 1.0)))
    png, wpx, hpx = _png(fig)
    items = []
    for d in drawn:
        low = "–" if d["interval_low"] is None else _fmt(d["interval_low"] - d["start"], lang)
        high = "–" if d["interval_high"] is None else _fmt(d["interval_high"] - d["start"], lang)
        items.append(w["alt_change_item"].format(label=d["label"], start=_fmt(d["start"], lang),
                                                 end=_fmt(d["end"], lang), low=low, high=high))
    alt = w["alt_change"].format(items="; ".join(items))
    values = [{k: d[k] for k in ("label", "start", "end", "interval_low", "interval_high")}
              for d in drawn]
    return Chart(png=png, alt=alt, title=title or w["change_title"], values=values,
                 width_px=wpx, height_px=hpx)


def trajectory_chart(series, *, lang: str = "en", title: str | None = None) -> Chart:
    """Means with 95% intervals per wave against weeks since the start, one panel per outcome.

    Parameters
    ----------
    series : list of dicts with ``label`` (outcome label), ``points`` (list of dicts with
        ``wave`` (wave label in the report language), ``weeks`` (protocol timing), ``mean``,
        optional ``ci_low``/``ci_high`` (the interval of the mean) and ``n``), optional
        ``higher_is_better`` and ``scale_min``/``scale_max``. Each outcome needs three or more
        waves with timing (two waves are a before/after: use :func:`change_chart`).

    ``values`` holds per outcome and wave ``label, wave, weeks, mean, ci_low, ci_high``.
    """
    if lang not in languages():
        raise ValueError(f"language must be one of {languages()}, got {lang!r}")
    series = list(series)
    if not series:
        raise ValueError("trajectory_chart needs at least one outcome")
    w = _words()[lang]
    prepared = []
    for i, s in enumerate(series):
        _check_keys(s, _TRAJ_KEYS, f"outcome {i + 1}")
        points = []
        for j, p in enumerate(s.get("points") or []):
            where = f"outcome {i + 1} point {j + 1}"
            _check_keys(p, _POINT_KEYS, where)
            lo, hi = _opt(p.get("ci_low"), f"{where} ci_low"), _opt(p.get("ci_high"),
                                                                    f"{where} ci_high")
            if (lo is None) != (hi is None):
                raise ValueError(f"{where} needs both ci_low and ci_high, or neither")
            points.append({"wave": str(p.get("wave", "")), "weeks": _num(p.get("weeks"),
                                                                        f"{where} weeks"),
                           "mean": _num(p.get("mean"), f"{where} mean"), "ci_low": lo,
                           "ci_high": hi})
        if len(points) < 3:
            raise ValueError(f"outcome {i + 1} ({s.get('label')}) has {len(points)} waves with "
                             "timing; a trajectory needs three or more")
        points.sort(key=lambda p: p["weeks"])
        prepared.append({"label": str(s.get("label", "")), "points": points,
                         "higher_is_better": s.get("higher_is_better"),
                         "scale_min": _opt(s.get("scale_min"), "scale_min"),
                         "scale_max": _opt(s.get("scale_max"), "scale_max")})
    n = len(prepared)
    # wider than tall from five outcomes on: on an A4 page (where a figure takes at most about
    # half of the printable height) the panels then keep their size
    cols = 1 if n == 1 else 2 if n <= 4 else 3 if n <= 6 else 4
    nrows = math.ceil(n / cols)
    fig = _figure(6.4 if cols <= 2 else 2.6 * cols, (2.5 if cols <= 2 else 2.3) * nrows + 0.3)
    wrap = 40 if cols <= 2 else 28
    axes = fig.subplots(nrows, cols, squeeze=False).ravel()
    for ax, s in zip(axes, prepared):
        x = [p["weeks"] for p in s["points"]]
        y = [p["mean"] for p in s["points"]]
        for p in s["points"]:
            if p["ci_low"] is not None:
                ax.plot([p["weeks"]] * 2, [p["ci_low"], p["ci_high"]], color=_NEUTRAL,
                        linewidth=1.4, alpha=0.7)
        ax.plot(x, y, color=_NEUTRAL, marker="o", linewidth=1.6)
        ax.set_xticks(x)
        ax.set_xticklabels([f"{_fmt_weeks(p['weeks'], lang)}\n{_wrap(p['wave'], 12)}"
                            for p in s["points"]], fontsize=7.5)
        if s["scale_min"] is not None and s["scale_max"] is not None:
            ax.set_ylim(s["scale_min"], s["scale_max"])
        hib = s["higher_is_better"]
        ylabel = w["score"] + ("" if hib is None else
                               f"\n({w['higher_better'] if hib else w['lower_better']})")
        ax.set_ylabel(ylabel, fontsize=8)
        ax.set_xlabel(w["weeks_axis"], fontsize=8)
        ax.set_title(_wrap(s["label"], wrap), fontsize=9)
        ax.tick_params(axis="y", labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    for ax in axes[n:]:
        ax.set_visible(False)
    fig.tight_layout()
    png, wpx, hpx = _png(fig)
    items = []
    for s in prepared:
        pts = ", ".join(w["alt_point"].format(wave=p["wave"], weeks=_fmt_weeks(p["weeks"], lang),
                                              mean=_fmt(p["mean"], lang)) for p in s["points"])
        items.append(w["alt_trajectory_item"].format(label=s["label"], points=pts))
    alt = w["alt_trajectory"].format(items="; ".join(items))
    values = [{"label": s["label"], **p} for s in prepared for p in s["points"]]
    return Chart(png=png, alt=alt, title=title or w["trajectory_title"], values=values,
                 width_px=wpx, height_px=hpx)
