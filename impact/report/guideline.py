"""Section builders of the guideline report (``impact report --audience guideline``).

The notebook ``notebooks/guideline_report.ipynb`` stays thin: it calls :func:`prepare` once and
then one builder per cell, each returning the escaped HTML of one ``<section id=...>``. Every
word comes from the message catalogue (``messages/<lang>.guideline.yaml`` plus the shared
keys), every number is formatted for the language (decimal comma in Dutch), every piece of text
from data or protocol is escaped, and every count of people goes through
:func:`impact.report.sections.count_cell` (suppressed when below the protocol's
``min_cell_size``, CBS output rule).

Privacy: :func:`prepare` resolves one pseudonym key per run (random unless one is
configured), passes it to
:func:`impact.analyse` and uses it for the quotes' ``participant_id`` too, so qualitative codes
can be joined to each participant's reliable change without raw ids; the key is then dropped
and never written. No builder prints a participant id.
"""

from __future__ import annotations

import math
from pathlib import Path

from .._version import __version__
from ..errors import InputError
from .sections import count_cell, section
from .text import (escape, fmt_ci, fmt_number, fmt_p, html_heading, html_list, messages,
                   html_paragraph)

__all__ = ["prepare", "GuidelineContext", "header_section", "key_findings_section",
           "intervention_section", "flow_section", "baseline_section", "outcomes_section",
           "reliable_change_section", "models_section", "pooled_section", "sensitivity_section",
           "summary_of_findings_section", "recognition_section", "trend_section",
           "joint_displays_section", "limitations_section", "methods_section", "SECTION_IDS"]

SECTION_IDS = ("header", "key-findings", "intervention", "flow", "baseline", "outcomes",
               "reliable-change", "models", "pooled", "sensitivity", "summary-of-findings",
               "recognition", "trend", "joint-displays", "limitations", "methods")

_CONTRACT = {"participant_id", "wave", "date", "site", "group"}


class _Html(str):
    """A table cell that is already HTML (a ``<td>`` from :func:`count_cell`)."""


def _table(header, rows, css="impact-table") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(c if isinstance(c, _Html) else f"<td>{escape(c)}</td>"
                                    for c in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


_h, _p, _ul = html_heading, html_paragraph, html_list


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _mean_sd(mean, sd, lang):
    return f"{fmt_number(mean, lang)} ({fmt_number(sd, lang)})"


def _est_ci(est, ci, lang, digits=1):
    ci = ci or [None, None]
    return f"{fmt_number(est, lang, digits)} ({fmt_ci(ci[0], ci[1], lang, digits)})"


def _share(count, n, lang):
    if _missing(count) or not n:
        return "–"
    return fmt_number(100.0 * count / n, lang, 0) + "%"


class GuidelineContext:
    """Everything the builders read: results (dict and object), protocol, language, the
    baseline background frame and, when given, pseudonymised quotes and codings."""

    def __init__(self, results, lang, background=None, quotes=None, codings=None,
                 input_hashes=None):
        self.results = results
        self.R = results.to_dict()
        self.protocol = results.protocol
        self.lang = lang
        self.background = background
        self.quotes = quotes
        self.codings = codings
        self.input_hashes = input_hashes or {}
        self.min_cell = int(self.protocol.min_cell_size)

    @property
    def m(self):
        return messages(self.lang)

    def primary(self) -> dict | None:
        outs = self.R["outcomes"]
        return next((o for o in outs if o.get("primary")), outs[0] if outs else None)

    def count(self, n) -> _Html:
        """A count of people as a table cell; not computed (None) is a plain en dash."""
        if _missing(n):
            return _Html("<td>–</td>")
        return _Html(count_cell(n, self.min_cell, self.lang))

    @staticmethod
    def flow_count(n) -> _Html:
        """A participant-flow count, shown in full (see :mod:`impact.privacy`: flow rule)."""
        if _missing(n):
            return _Html("<td>–</td>")
        return _Html(f'<td class="impact-flow-count">{int(n)}</td>')


def prepare(data, protocol, *, quotes="", codings="", results_path=None, lang=None):
    """Analyse once for the whole report and return a :class:`GuidelineContext`.

    One pseudonym key serves ``impact.analyse`` and the quotes, so both carry the same
    pseudonyms: the configured key (``IMPACT_PSEUDONYM_KEY`` or ``IMPACT_PSEUDONYM_KEY_FILE``)
    or else a random per-run key; it is never written. ``results_path`` receives results.json
    (with the SHA-256 of the quotes and codings files added to ``provenance.files``).
    """
    from ..analysis import analyse, sha256_file
    from ..io.pseudonym import pseudonymise, resolve_key
    from ..io.validate import read_and_validate

    # the configured key (IMPACT_PSEUDONYM_KEY[_FILE]) or one random per-run key, for both
    key = resolve_key(None)
    results = analyse(data, protocol, pseudonym_key=key)
    proto = results.protocol
    lang = lang or proto.language
    hashes = {}
    q = c = None
    if quotes and codings:
        from ..qual import read_codings, read_quotes

        raw_q = read_quotes(quotes)
        c = read_codings(codings, quotes=raw_q)
        q = pseudonymise(raw_q, key)
        for path in (quotes, codings):
            hashes[str(path)] = sha256_file(path)
        results.data["provenance"]["files"].update(hashes)
    background = None
    if isinstance(data, (str, Path)):
        frame, _ = read_and_validate(data, proto)
        frame = pseudonymise(frame, key)
        background = frame.loc[frame["wave"].astype(str) == str(proto.baseline)] \
            .drop_duplicates("participant_id")
    del key
    if results_path:
        results.to_json(results_path)
    return GuidelineContext(results, lang, background, q, c, hashes)


# --- sections -------------------------------------------------------------------------------

def _design_name(ctx) -> str:
    m = ctx.m
    design = ctx.R.get("design") or "prepost"
    if ctx.R.get("controlled"):
        design = "controlled"
    return m.get(f"design_{design}", m["design_prepost"])


def _controlled(ctx) -> bool:
    return bool(ctx.R.get("controlled"))


def header_section(ctx) -> str:
    """``header``: title, audience, the generated-by line and the design in one line."""
    m = ctx.m
    return section("header",
                   f"<h1>{escape(ctx.R['title'])}</h1>",
                   f"<p><strong>{escape(m['report_title'])}</strong> "
                   f"{escape(m['audience_guideline'])}</p>",
                   _p(m["generated_by"].format(version=__version__), "impact-note"),
                   _p(m["gl_design_line"].format(design=_design_name(ctx))))


def _direction_text(ctx, outcome) -> str:
    from ..analysis import _good_direction, _instrument_of

    inst = _instrument_of(ctx.protocol, outcome)
    if inst is None:
        return ""
    return ctx.m["higher_is_better" if _good_direction(inst, outcome) else "lower_is_better"]


def key_findings_section(ctx) -> str:
    """``key-findings``: the primary outcome's change with its 95% CI and d_z, the GRADE
    certainty, the recognition level, and what the design can and cannot show."""
    from ..evidence import grade_certainty, recognition_level

    m, lang = ctx.m, ctx.lang
    o = ctx.primary()
    items = []
    if o is not None:
        items.append(m["gl_kf_change"].format(
            outcome=o["outcome"], direction=_direction_text(ctx, o["outcome"]),
            baseline=o["baseline"], followup=o["followup"], n=o["n_paired"],
            change=fmt_number(o["mean_change"], lang),
            ci=fmt_ci(o["ci_low"], o["ci_high"], lang),
            dz=_est_ci(o["d_z"], o.get("d_z_ci"), lang, 2)))
        sof = grade_certainty(ctx.R, ctx.protocol, lang=lang)
        try:
            label = sof[o["outcome"]]["certainty_label"]
            items.append(m["gl_kf_certainty"].format(certainty=m["certainty_" + label]))
        except KeyError:
            pass
    rec = recognition_level(ctx.R, ctx.protocol)
    items.append(m["gl_kf_recognition"].format(level=rec.level_name(lang)))
    items.append(m["gl_kf_cannot_controlled" if _controlled(ctx) else "gl_kf_cannot"])
    return section("key-findings", _h(m["gl_section_key_findings"]), _ul(items))


def intervention_section(ctx) -> str:
    """``intervention``: the protocol's intervention item by item (TIDieR), missing items named."""
    from ..evidence import tidier_checklist

    m = ctx.m
    iv = ctx.protocol.get("intervention") or {}
    check = tidier_checklist(ctx.protocol)
    rows = []
    for item in check.items:
        value = iv.get(item["item"]) if isinstance(iv, dict) else None
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value)
        rows.append([m["tidier_item_" + item["item"]],
                     str(value) if item["status"] == "met" else m["gl_tidier_not_given"]])
    missing = [m["tidier_item_" + k] for k in check.missing]
    parts = [_h(m["gl_section_intervention"]), _p(m["gl_intervention_intro"]),
             _table([m["checklist_col_item"], m["gl_col_description"]], rows)]
    parts.append(_p(m["gl_tidier_missing"].format(items=", ".join(missing))) if missing
                 else _p(m["gl_tidier_complete"]))
    return section("intervention", *parts)


def flow_section(ctx) -> str:
    """``flow``: the flow diagram and a table of the flow ledger.

    Flow counts are shown in full, in the table as in the diagram (the flow rule of
    :mod:`impact.privacy`): TREND item 13 requires them, they break participants down by no
    characteristic, and each follows from the others, so hiding one could not protect it.
    """
    from .figures import figure_html
    from .flowchart import flow_diagram

    m, f = ctx.m, ctx.R["flow"]
    rows = [[m["gl_flow_enrolled"], ctx.flow_count(f.get("enrolled"))],
            [m["gl_flow_with_baseline"].format(wave=f.get("baseline")),
             ctx.flow_count(f.get("with_baseline"))],
            [m["gl_flow_with_followup"].format(wave=f.get("followup")),
             ctx.flow_count(f.get("with_followup"))],
            [m["gl_flow_without_followup"], ctx.flow_count(f.get("without_followup"))]]
    o = ctx.primary()
    for e in f.get("excluded") or []:
        key = f"gl_flow_reason_{e.get('code')}"
        reason = (m[key].format(outcome=o["outcome"] if o else "", baseline=f.get("baseline"),
                                followup=f.get("followup"))
                  if key in m else str(e.get("reason", e.get("code", ""))))
        rows.append([m["gl_flow_excluded"].format(reason=reason), ctx.flow_count(e.get("n"))])
    rows.append([m["gl_flow_paired"], ctx.flow_count(f.get("paired"))])
    fig = flow_diagram(f, ctx.lang)
    return section("flow", _h(m["gl_section_flow"]), figure_html(fig, m["gl_flow_alt"]),
                   _table([m["gl_col_step"], m["gl_col_people"]], rows),
                   _p(m["gl_flow_count_note"], "impact-note"))


def _background_columns(frame, protocol):
    import re

    import pandas as pd

    given = protocol.get("background")
    if given:
        return [c for c in given if c in frame.columns]
    items = re.compile(r"^[A-Za-z0-9]+_\d+$")
    out = []
    for c in frame.columns:
        if c in _CONTRACT or items.match(str(c)) or c == protocol.get("site_column", "site"):
            continue
        if pd.api.types.is_numeric_dtype(frame[c]) and str(c).lower() not in ("age", "leeftijd"):
            continue
        out.append(c)
    return out


def baseline_section(ctx) -> str:
    """``baseline``: n, age mean (SD), background categories (small ones merged by
    :func:`impact.privacy.frequency_table`) and baseline scores; means only for groups of at
    least ``min_cell_size``."""
    import pandas as pd

    from ..privacy import frequency_table

    m, lang = ctx.m, ctx.lang
    header = [m["gl_col_characteristic"], m["gl_col_people"], m["gl_col_value"]]
    rows, notes = [], []
    bg = ctx.background
    n_base = ctx.R["flow"].get("with_baseline")
    rows.append([m["gl_baseline_n"], ctx.count(n_base), ""])
    if bg is not None:
        for col in _background_columns(bg, ctx.protocol):
            values = bg[col]
            if str(col).lower() in ("age", "leeftijd"):
                age = pd.to_numeric(values, errors="coerce").dropna()
                shown = len(age) >= ctx.min_cell
                rows.append([m["gl_baseline_age"], ctx.count(len(age)),
                             _mean_sd(age.mean(), age.std(ddof=1), lang) if shown else "–"])
                continue
            table, tnotes = frequency_table(bg, col, ctx.min_cell, lang=lang)
            notes += tnotes
            if table.empty:
                rows.append([str(col), ctx.count(int(values.notna().sum())), "–"])
                continue
            for cat, n, pct in zip(table["category"], table["n"], table["percent"]):
                rows.append([f"{col}: {cat}", ctx.count(int(n)),
                             fmt_number(pct, lang, 0) + "%"])
    scores = ctx.results.scores
    base = scores.loc[scores["wave"].astype(str) == str(ctx.protocol.baseline)]
    for o in ctx.R["outcomes"]:
        col = o["outcome"]
        if col not in base.columns:
            continue
        v = pd.to_numeric(base[col], errors="coerce").dropna()
        shown = len(v) >= ctx.min_cell
        rows.append([m["gl_baseline_score"].format(outcome=col), ctx.count(len(v)),
                     _mean_sd(v.mean(), v.std(ddof=1), lang) if shown else "–"])
    return section("baseline", _h(m["gl_section_baseline"]),
                   _p(m["gl_baseline_intro"].format(wave=ctx.protocol.baseline)),
                   _table(header, rows), _ul(notes) if notes else "",
                   _p(m["gl_count_note"].format(n=ctx.min_cell), "impact-note"))


def outcomes_section(ctx) -> str:
    """``outcomes``: n, means (SD), mean change (95% CI), p, adjusted p (method named), d_z,
    g_av, Wilcoxon p and Hodges-Lehmann estimate per outcome; primary outcome marked; the
    primary outcome's raincloud only with at least ``min_cell_size`` paired participants."""
    m, lang = ctx.m, ctx.lang
    method = ctx.R.get("p_adjust_method") or "holm"
    header = [m["col_outcome"], m["col_n"], m["col_baseline"], m["col_followup"],
              m["col_change"], m["col_p"], m["gl_col_p_adjusted"].format(method=method),
              m["col_dz"], m["gl_col_gav"], m["gl_col_wilcoxon_p"], m["gl_col_hl"]]
    rows = []
    for o in ctx.R["outcomes"]:
        rows.append([o["outcome"] + (" *" if o.get("primary") else ""),
                     ctx.count(o.get("n_paired")),
                     _mean_sd(o.get("mean_baseline"), o.get("sd_baseline"), lang),
                     _mean_sd(o.get("mean_followup"), o.get("sd_followup"), lang),
                     _est_ci(o.get("mean_change"), [o.get("ci_low"), o.get("ci_high")], lang),
                     fmt_p(o.get("p"), lang), fmt_p(o.get("p_adjusted"), lang),
                     _est_ci(o.get("d_z"), o.get("d_z_ci"), lang, 2),
                     _est_ci(o.get("g_av"), o.get("g_av_ci"), lang, 2),
                     fmt_p(o.get("wilcoxon_p"), lang),
                     _est_ci(o.get("hl_estimate"), o.get("hl_ci"), lang)])
    o = ctx.primary()
    n = o["n_paired"] if o else 0
    return section("outcomes", _h(m["section_outcomes"]), _p(m["outcomes_intro"].format(n=n)),
                   _table(header, rows), _outcome_legend(ctx), _primary_raincloud(ctx),
                   _p(m["gl_outcomes_primary_mark"], "impact-note"),
                   _p(m["gl_outcomes_adjusted"].format(method=method), "impact-note"),
                   _p(m["design_caveat"] if not _controlled(ctx) else m["gl_controlled_caveat"],
                      "impact-caveat"))


def _outcome_legend(ctx) -> str:
    """Which instrument each outcome column comes from, its direction and its reference."""
    from ..instruments import get_instrument

    protocol = ctx.results.protocol
    instruments = []
    for given in getattr(protocol, "instrument_objects", None) or protocol.instruments:
        try:
            instruments.append(get_instrument(given))
        except InputError:
            continue
    rows = []
    for o in ctx.R["outcomes"]:
        col = o["outcome"]
        inst = next((i for i in instruments if col in i.score_columns), None)
        if inst is None:
            continue
        good = (inst.higher_is_better_for(col) if hasattr(inst, "higher_is_better_for")
                else inst.higher_is_better)
        rows.append([col, inst.name, ctx.m["higher_is_better" if good else "lower_is_better"],
                     inst.reference or "–"])
    if not rows:
        return ""
    m = ctx.m
    return (_p(m["gl_legend_intro"], "impact-note")
            + _table([m["col_outcome"], m["gl_col_instrument"], m["gl_col_direction"],
                      m["gl_col_reference"]], rows))


def _primary_raincloud(ctx) -> str:
    """Scores of the primary outcome per participant (raincloud), only when at least
    ``min_cell_size`` participants were measured at both moments; else a sentence why not."""
    from .evidence_sections import raincloud_section

    o = ctx.primary()
    if o is None:
        return ""
    if (o.get("n_paired") or 0) < ctx.min_cell:
        return _p(ctx.m["gl_individual_hidden"].format(n=ctx.min_cell))
    return raincloud_section(ctx.results.scores, o["outcome"], baseline=o["baseline"],
                             followup=o["followup"], lang=ctx.lang,
                             seed=ctx.R["provenance"].get("seed") or 1)


def primary_reliable_change(ctx):
    """Per-participant reliable change of the primary outcome from the pseudonymised scores,
    with the reliability, SD and cut-off that the analysis used (``results.outcomes``)."""
    from ..analysis import _good_direction, _instrument_of
    from ..stats import reliable_change

    o = ctx.primary()
    if o is None or o.get("rci_reliability") is None:
        return None
    col = o["outcome"]
    scores = ctx.results.scores
    waves = scores["wave"].astype(str)
    pre = scores.loc[waves == str(o["baseline"])].drop_duplicates("participant_id") \
        .set_index("participant_id")
    post = scores.loc[waves == str(o["followup"])].drop_duplicates("participant_id") \
        .set_index("participant_id")
    ids = pre.index.intersection(post.index)
    inst = _instrument_of(ctx.protocol, col)
    cut = getattr(inst, "cutoff", None) if inst is not None else None
    case_if = cut.get("case_if") if isinstance(cut, dict) and o.get("rci_cutoff") is not None \
        else None
    return reliable_change(pre.loc[ids, col], post.loc[ids, col],
                           reliability=o["rci_reliability"], sd=o["rci_sd"],
                           cutoff=o.get("rci_cutoff"), case_if=case_if,
                           higher_is_better=_good_direction(inst, col) if inst else True,
                           ids=list(ids))


def _sd_source(source, m) -> str:
    """Where the SD for reliable change came from, in the report language."""
    source = str(source or "")
    if source.startswith("instrument "):
        return m["gl_sd_source_instrument"].format(instrument=source.split(" ", 1)[1])
    key = {"protocol": "gl_sd_source_protocol", "baseline sample": "gl_sd_source_baseline"}
    return m[key[source]] if source in key else source


def reliable_change_section(ctx) -> str:
    """``reliable-change``: counts and shares per category with the reliability and SD used;
    the Jacobson plot of the primary outcome only with at least ``min_cell_size`` pairs."""
    from .figures import figure_html
    from .jacobson import jacobson_plot

    m, lang = ctx.m, ctx.lang
    has_recovered = any(o.get("rci_recovered") is not None for o in ctx.R["outcomes"])
    header = [m["col_outcome"], m["gl_col_people"]]
    cats = (["recovered"] if has_recovered else []) + ["improved", "unchanged", "deteriorated"]
    for c in cats:
        header += [m["gl_rc_" + c], m["gl_col_share"]]
    header += [m["gl_col_reliability"], m["gl_col_sd"], m["gl_col_source"]]
    rows, not_computed = [], []
    for o in ctx.R["outcomes"]:
        if o.get("rci_improved") is None:
            not_computed.append(o["outcome"])
            continue
        n = sum(o.get(f"rci_{c}") or 0 for c in ("improved", "unchanged", "deteriorated"))
        row = [o["outcome"] + (" *" if o.get("primary") else ""), ctx.count(n)]
        for c in cats:
            k = o.get(f"rci_{c}")
            row.append(ctx.count(k))
            row.append(_share(k, n, lang) if k is not None and (k == 0 or k >= ctx.min_cell)
                       else "–")
        row += [fmt_number(o.get("rci_reliability"), lang, 2),
                fmt_number(o.get("rci_sd"), lang, 2), _sd_source(o.get("rci_sd_source"), m)]
        rows.append(row)
    parts = [_h(m["gl_section_reliable_change"]), _p(m["gl_rc_intro"]), _table(header, rows)]
    if has_recovered:
        parts.append(_p(m["gl_rc_recovered_note"], "impact-note"))
    parts.append(_p(m["gl_rc_share_note"].format(n=ctx.min_cell), "impact-note"))
    if not_computed:
        parts.append(_p(m["gl_rc_not_computed"].format(outcomes=", ".join(not_computed))))
    if any(o["outcome"].startswith("djg") for o in ctx.R["outcomes"]):
        parts.append(_p(m["gl_rc_djg_coarse"]))
    o = ctx.primary()
    if o is not None:
        if (o.get("n_paired") or 0) >= ctx.min_cell and o.get("rci_reliability") is not None:
            rc = primary_reliable_change(ctx)
            fig = jacobson_plot(rc, title=m["gl_jacobson_title"].format(outcome=o["outcome"]),
                                xlabel=m["gl_axis_baseline"].format(wave=o["baseline"]),
                                ylabel=m["gl_axis_followup"].format(wave=o["followup"]))
            parts.append(figure_html(fig, m["gl_jacobson_alt"].format(outcome=o["outcome"])))
        else:
            parts.append(_p(m["gl_jacobson_hidden"].format(n=ctx.min_cell)))
    return section("reliable-change", *parts)


def models_section(ctx) -> str:
    """Mixed-model table (three or more waves); empty string when there are no models."""
    m, lang = ctx.m, ctx.lang
    if not ctx.R.get("models"):
        return ""
    header = [m["col_outcome"], m["gl_col_term"], m["gl_col_estimate"], m["gl_col_se"],
              m["gl_col_df"], m["col_p"]]
    base = ctx.protocol.baseline
    rows = [[r["outcome"], m["gl_model_term"].format(wave=r["term"], baseline=base),
             _est_ci(r.get("estimate"), [r.get("ci_low"), r.get("ci_high")], lang),
             fmt_number(r.get("se"), lang, 2), fmt_number(r.get("df"), lang, 1),
             fmt_p(r.get("p"), lang)] for r in ctx.R["models"]]
    info_rows = [[i["outcome"], ctx.count(i.get("n_participants")), ctx.count(i.get("n_obs")),
                  fmt_number(i.get("icc"), lang, 2)] for i in ctx.R.get("model_info") or []]
    parts = [_h(m["gl_section_models"]), _p(m["gl_models_intro"]), _table(header, rows)]
    if info_rows:
        parts.append(_table([m["col_outcome"], m["gl_col_participants"],
                             m["gl_col_observations"], m["gl_col_icc"]], info_rows))
    return section("models", *parts)


def _sites_publishable(ctx) -> bool:
    sites = ctx.R.get("sites") or []
    return bool(sites) and all((s.get("n") or 0) >= ctx.min_cell for s in sites)


def pooled_section(ctx) -> str:
    """Random-effects pooling across sites; per-site rows and the forest plot only when every
    site has at least ``min_cell_size`` participants. Empty string without sites."""
    from types import SimpleNamespace

    import pandas as pd

    from .figures import figure_html
    from .forest import forest_plot

    m, lang = ctx.m, ctx.lang
    pooled = ctx.R.get("pooled") or []
    if not pooled:
        return ""
    header = [m["col_outcome"], m["gl_col_sites"], m["gl_col_pooled"], m["gl_col_tau2"],
              m["gl_col_i2"], m["gl_col_prediction"], m["gl_col_method"]]
    rows = [[p["outcome"], str(p.get("k")),
             _est_ci(p.get("estimate"), [p.get("ci_low"), p.get("ci_high")], lang),
             fmt_number(p.get("tau2"), lang, 2),
             ("–" if _missing(p.get("i2")) else fmt_number(p.get("i2"), lang, 0) + "%"),
             fmt_ci(p.get("prediction_low"), p.get("prediction_high"), lang),
             str(p.get("method") or "")] for p in pooled]
    parts = [_h(m["gl_section_pooled"]), _p(m["gl_pooled_intro"]), _table(header, rows)]
    if _sites_publishable(ctx):
        site_rows = [[s["outcome"], str(s.get("label")), ctx.count(s.get("n")),
                      _est_ci(s.get("estimate"), [s.get("ci_low"), s.get("ci_high")], lang),
                      fmt_number(s.get("weight"), lang, 1) + "%"] for s in ctx.R["sites"]]
        parts.append(_h(m["gl_pooled_sites_heading"], 3))
        parts.append(_table([m["col_outcome"], m["gl_col_site"], m["gl_col_people"],
                             m["col_change"], m["gl_col_weight"]], site_rows,
                            css="impact-table impact-sites"))
        o = ctx.primary()
        summary = next((p for p in pooled if o and p["outcome"] == o["outcome"]), pooled[0])
        studies = pd.DataFrame([s for s in ctx.R["sites"] if s["outcome"] == summary["outcome"]])
        fig = forest_plot(SimpleNamespace(studies=studies, summary=summary),
                          title=m["gl_forest_title"].format(outcome=summary["outcome"]),
                          xlabel=m["gl_forest_axis"])
        parts.append(figure_html(fig, m["gl_forest_alt"].format(outcome=summary["outcome"])))
    else:
        parts.append(_p(m["gl_pooled_only"].format(n=ctx.min_cell)))
    return section("pooled", *parts)


def sensitivity_section(ctx) -> str:
    """``sensitivity``: multiple imputation beside complete cases for the primary outcome, and
    completers against drop-outs at baseline (means hidden for groups under the threshold)."""
    m, lang = ctx.m, ctx.lang
    parts = [_h(m["gl_section_sensitivity"])]
    mi = (ctx.R.get("sensitivity") or {}).get("multiple_imputation")
    o = ctx.primary()
    if mi and o is not None:
        rows = [[m["gl_sens_complete"], ctx.count(o.get("n_paired")),
                 _est_ci(o.get("mean_change"), [o.get("ci_low"), o.get("ci_high")], lang)],
                [m["gl_sens_mi"].format(m=mi.get("m")), ctx.count(mi.get("n_participants")),
                 _est_ci(mi.get("estimate"), [mi.get("ci_low"), mi.get("ci_high")], lang)]]
        parts += [_p(m["gl_sens_mi_intro"].format(outcome=mi.get("outcome"))),
                  _table([m["gl_col_analysis"], m["gl_col_people"], m["col_change"]], rows),
                  _p(m["gl_sens_fmi"].format(fmi=fmt_number(mi.get("fmi"), lang, 2),
                                             seed=mi.get("seed")), "impact-note")]
    att = ctx.R.get("attrition") or []
    if att:
        rows = []
        for a in att:
            nc, nd = a.get("n_completers"), a.get("n_dropouts")
            ok_c = nc is not None and nc >= ctx.min_cell
            ok_d = nd is not None and nd >= ctx.min_cell
            rows.append([str(a.get("variable")), ctx.count(nc), ctx.count(nd),
                         _mean_sd(a.get("mean_completers"), a.get("sd_completers"), lang)
                         if ok_c else "–",
                         _mean_sd(a.get("mean_dropouts"), a.get("sd_dropouts"), lang)
                         if ok_d else "–",
                         fmt_number(a.get("smd"), lang, 2) if ok_c and ok_d else "–",
                         fmt_p(a.get("p"), lang) if ok_c and ok_d else "–"])
        parts += [_h(m["gl_attrition_heading"], 3), _p(m["gl_attrition_intro"]),
                  _table([m["gl_col_variable"], m["gl_col_completers"], m["gl_col_dropouts"],
                          m["gl_col_mean_completers"], m["gl_col_mean_dropouts"],
                          m["gl_col_smd"], m["col_p"]], rows),
                  _p(m["gl_count_note"].format(n=ctx.min_cell), "impact-note")]
    if len(parts) == 1:
        parts.append(_p(m["gl_sens_none"]))
    return section("sensitivity", *parts)


def summary_of_findings_section(ctx) -> str:
    from .evidence_sections import summary_of_findings_section as sof

    return section("summary-of-findings", sof(ctx.R, ctx.protocol, ctx.lang))


def recognition_section(ctx) -> str:
    from .evidence_sections import recognition_section as rec

    return section("recognition", rec(ctx.R, ctx.protocol, ctx.lang))


def trend_section(ctx) -> str:
    from .evidence_sections import completeness_section

    return section("trend", completeness_section(ctx.R, ctx.protocol, ctx.lang))


def limitations_section(ctx) -> str:
    from .evidence_sections import limitations_section as lim

    return section("limitations", lim(ctx.R, ctx.protocol, ctx.lang))


def joint_displays_section(ctx) -> str:
    """Joint displays of numbers and interviews; empty string without quotes and codings."""
    if ctx.quotes is None or ctx.codings is None:
        return ""
    from ..integrate import side_by_side, statistics_by_theme, themes_by_change
    from ..qual import code_matrix, deidentify, exemplar_quotes
    from . import evidence_sections as ev

    m, lang = ctx.m, ctx.lang
    matrix = code_matrix(ctx.codings, ctx.quotes)
    exemplars = exemplar_quotes(ctx.quotes, ctx.codings, lang=lang)
    parts = [_h(m["gl_section_joint"]), _p(m["gl_joint_intro"])]
    parts.append(ev.statistics_by_theme_section(
        statistics_by_theme(ctx.R, matrix, exemplars, min_cell_size=ctx.min_cell), lang))
    rc = primary_reliable_change(ctx)
    if rc is not None:
        change = rc.to_frame()
        change = change.loc[change["category"].notna(),
                            ["participant_id", "category", "change"]]
        parts.append(ev.themes_by_change_section(
            themes_by_change(change, matrix, min_cell_size=ctx.min_cell), lang))
        first = ctx.quotes.loc[ctx.quotes["text"].notna(), ["participant_id", "text"]] \
            .drop_duplicates("participant_id")
        first = first.assign(text=deidentify(first["text"].astype(str), lang=lang).to_numpy(),
                             code="")
        parts.append(ev.side_by_side_section(
            side_by_side(change, matrix, first, min_cell_size=ctx.min_cell), lang))
    else:
        parts.append(_p(m["gl_joint_no_rc"]))
    if len(exemplars):
        rows = [[str(r.code), str(r.text), str(r.role if isinstance(r.role, str) else ""),
                 str(r.wave if isinstance(r.wave, str) else "")]
                for r in exemplars.groupby("code").head(1).itertuples()]
        parts += [_h(m["gl_exemplars_heading"], 3), _p(m["gl_exemplars_intro"]),
                  _table([m["jd_col_code"], m["jd_col_quote"], m["gl_col_role"],
                          m["gl_col_wave"]], rows)]
    return section("joint-displays", *parts)


def methods_section(ctx) -> str:
    m, R = ctx.m, ctx.R
    prov = R.get("provenance") or {}
    paras = [m["gl_methods_prepost"], m["gl_methods_wilcoxon"],
             m["gl_methods_adjust"].format(method=R.get("p_adjust_method") or "holm"),
             m["gl_methods_rci"]]
    if R.get("models"):
        paras.append(m["gl_methods_models"])
    if R.get("pooled"):
        paras.append(m["gl_methods_pooled"])
    if (R.get("sensitivity") or {}).get("multiple_imputation"):
        paras.append(m["gl_methods_mi"])
    paras += [m["gl_methods_grade"], m["gl_methods_privacy"].format(n=ctx.min_cell)]
    refs = [m[f"gl_ref_{i}"] for i in range(1, 10) if f"gl_ref_{i}" in m]
    files = [[Path(name).name, digest] for name, digest in (prov.get("files") or {}).items()]
    pseud = prov.get("pseudonymisation") or {}
    return section("methods", _h(m["gl_section_methods"]),
                   "".join(_p(t) for t in paras),
                   _h(m["gl_references_heading"], 3), _ul(refs),
                   _h(m["gl_provenance_heading"], 3),
                   _p(m["gl_provenance"].format(version=prov.get("version", __version__),
                                                seed=prov.get("seed"),
                                                method=pseud.get("method", ""),
                                                key_source=pseud.get("key_source", ""))),
                   _table([m["gl_col_file"], m["gl_col_sha256"]], files))
