"""Sections of the evidence-synthesis report, built from the plain synthesis dict (the JSON of
``impact synthesise``): every sentence is generated from the numbers it shows, all text is
escaped, all wording comes from ``messages/{nl,en}.synthesis.yaml``.

Each builder takes ``(data, lang)`` and returns an HTML fragment; :func:`page` assembles them
into one self-contained HTML page with the report CSS, :func:`write_report` writes HTML, PDF
(headless Chromium, :func:`impact.report.render.pdf_from_html`) and DOCX (pandoc; see
:func:`docx_from_html`).
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import (counted, escape, fmt_ci, fmt_number, fmt_p, html_heading, html_paragraph,
                   messages)

__all__ = ["sof_section", "outcome_sections", "moderator_section", "grade_section",
           "methods_section", "intro_section", "page", "write_report", "docx_from_html",
           "outcome_label", "statement_text", "reason_text"]


def outcome_label(data, outcome, lang):
    spec = (data.get("protocol") or {}).get("outcomes", {}).get(outcome) or {}
    label = spec.get("label")
    if isinstance(label, dict):
        label = label.get(lang) or label.get("en")
    return str(label or outcome)


def _lower(text):
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def intervention_label(data, lang):
    """What is evaluated, for the statements: protocol ``intervention`` (text or ``{nl, en}``),
    else the catalogue's generic wording."""
    value = (data.get("protocol") or {}).get("intervention")
    if isinstance(value, dict):
        value = value.get(lang) or value.get("en")
    return str(value) if value else messages(lang)["syn_intervention"]


def statement_text(grade, data, lang):
    """The plain-language statement of one outcome's grade, in ``lang``: the GRADE statement
    (:func:`impact.evidence.statements.statement_for_effect`) when studies had a comparison
    group, the catalogue's "change" wording for pre/post-only evidence."""
    label = outcome_label(data, grade["outcome"], lang)
    if grade["statement_key"] == "grade":  # written by the synthesis (impact.studies.synthesis)
        return grade["statement"][lang]
    return messages(lang)[grade["statement_key"]].format(outcome=_lower(label))


def reason_text(domain, lang):
    """The reason of one GRADE domain, in ``lang``, from its key and parameters."""
    m = messages(lang)
    p = dict(domain.get("params") or {})
    key = domain["key"]
    fmt = {}
    for name, value in p.items():
        if name in ("pi_low", "pi_high", "mid", "egger_p"):
            continue
        fmt[name] = fmt_number(value, lang, 0) if isinstance(value, (int, float)) and not \
            isinstance(value, bool) else ("" if value is None else str(value))
    if "pi_low" in p:
        fmt["pi"] = fmt_ci(p["pi_low"], p["pi_high"], lang, 2)
    if "mid" in p:
        fmt["mid"] = fmt_number(p["mid"], lang, 2)
    if "egger_p" in p:
        fmt["egger_p"] = fmt_p(p["egger_p"], lang)
    if key.startswith("syn_imp_") and "wide" in p:
        fmt["wide"] = m["syn_imp_wide" if p["wide"] else "syn_imp_narrow"].format(mid=fmt["mid"])
    if "ois" in p and p["ois"] is None:
        fmt["ois"] = "–"
    return m[key].format(**fmt).strip()


def _table(headers, rows, caption=None):
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _model_for(data, outcome, measure):
    for m in data["models"]:
        if m["outcome"] == outcome and m["measure"] == measure:
            return m
    return None


def intro_section(data, lang):
    m = messages(lang)
    title = (data.get("protocol") or {}).get("title") or m["syn_title"]
    k = len(data["effects"])
    studies = len({e["study"] for e in data["effects"]})
    outcomes = len({(g["outcome"], g.get("measure")) for g in data["grade"]})
    return (f"<h1>{escape(title)}</h1>"
            + html_paragraph(counted(m, "syn_intro", outcomes).format(k=fmt_number(k, lang, 0),
                                                   studies=fmt_number(studies, lang, 0),
                                                   outcomes=fmt_number(outcomes, lang, 0))))


def sof_section(data, lang):
    """Summary of Findings: per outcome the pooled effect, prediction interval, certainty and
    the plain-language statement."""
    m = messages(lang)
    rows = []
    for g in data["grade"]:
        mod = _model_for(data, g["outcome"], g.get("measure")) or {}
        rows.append([
            outcome_label(data, g["outcome"], lang),
            f"{fmt_number(mod.get('n_studies'), lang, 0)} ({fmt_number(mod.get('k'), lang, 0)})",
            fmt_number(g.get("n_total"), lang, 0),
            f"{fmt_number(mod.get('estimate'), lang, 2)} "
            f"({fmt_ci(mod.get('ci_low'), mod.get('ci_high'), lang, 2)})",
            fmt_ci(mod.get("pi_low"), mod.get("pi_high"), lang, 2),
            m["syn_certainty_" + g["certainty_label"]],
            statement_text(g, data, lang)])
    headers = [m[k] for k in ("syn_col_outcome", "syn_col_studies", "syn_col_participants",
                              "syn_col_effect", "syn_col_prediction", "syn_col_certainty",
                              "syn_col_statement")]
    return (html_heading(m["syn_section_sof"]) + html_paragraph(m["syn_sof_intro"])
            + _table(headers, rows))


def _model_paragraph(mod, lang):
    m = messages(lang)
    common = dict(k=fmt_number(mod["k"], lang, 0), estimate=fmt_number(mod["estimate"], lang, 2),
                  ci=fmt_ci(mod["ci_low"], mod["ci_high"], lang, 2),
                  pi_low=fmt_number(mod.get("pi_low"), lang, 2),
                  pi_high=fmt_number(mod.get("pi_high"), lang, 2))
    if mod["model"] == "three_level":
        return m["syn_model_three_level"].format(
            **common, studies=fmt_number(mod["n_studies"], lang, 0),
            s2s=fmt_number(mod["sigma2_study"], lang, 3),
            s2w=fmt_number(mod["sigma2_within"], lang, 3),
            i2s=fmt_number(mod["i2_study"], lang, 0), i2w=fmt_number(mod["i2_within"], lang, 0),
            robust_ci=fmt_ci(mod.get("robust_ci_low"), mod.get("robust_ci_high"), lang, 2))
    return m["syn_model_random"].format(**common, method=mod["method"], test=mod["test"],
                                        tau2=fmt_number(mod.get("tau2"), lang, 3),
                                        i2=fmt_number(mod.get("i2"), lang, 0))


def outcome_sections(data, lang, *, figures=True):
    """Per outcome: the model, forest and funnel plots, small-study tests, leave-one-out and the
    pre/post-correlation sensitivity table."""
    from ..plots.figures import figure_html
    from ..plots.synthesis import forest_from_synthesis, funnel_from_synthesis

    m = messages(lang)
    parts = []
    for mod in data["models"]:
        o, meas = mod["outcome"], mod["measure"]
        label = outcome_label(data, o, lang)
        parts.append(html_heading(m["syn_section_outcome"].format(outcome=label)))
        parts.append(html_paragraph(_model_paragraph(mod, lang)))
        if figures:
            parts.append(figure_html(forest_from_synthesis(data, o, meas, lang=lang),
                                     m["syn_forest_alt"].format(outcome=label), close=False))
        ss = next((s for s in data["small_study"] if s["outcome"] == o and s["measure"] == meas),
                  None)
        if ss and ss.get("egger_z") is not None:
            text = m["syn_small_study"].format(z=fmt_number(ss["egger_z"], lang, 2),
                                               p=fmt_p(ss["egger_p"], lang))
            if ss.get("trimfill_k0") is not None:
                text += " " + m["syn_trimfill"].format(
                    k0=fmt_number(ss["trimfill_k0"], lang, 0),
                    side=m["syn_side_" + ss["trimfill_side"]],
                    estimate=fmt_number(ss["trimfill_estimate"], lang, 2),
                    ci=fmt_ci(ss["trimfill_ci_low"], ss["trimfill_ci_high"], lang, 2))
            if ss.get("note"):
                text += " " + m["syn_small_study_note"]
            parts.append(html_paragraph(text))
            if figures:
                parts.append(figure_html(funnel_from_synthesis(data, o, meas, lang=lang),
                                         m["syn_funnel_alt"].format(outcome=label), close=False))
        else:
            parts.append(html_paragraph(m["syn_small_study_na"]))
        loo = [r for r in data["leave_one_out"] if r["outcome"] == o and r["measure"] == meas
               and r.get("estimate") is not None]
        if loo:
            est = [r["estimate"] for r in loo]
            parts.append(html_paragraph(m["syn_loo"].format(
                unit=m["syn_unit_" + loo[0]["unit"]], low=fmt_number(min(est), lang, 2),
                high=fmt_number(max(est), lang, 2))))
        sens = [r for r in data["sensitivity"] if r["outcome"] == o and r["measure"] == meas]
        if sens:
            parts.append(html_paragraph(counted(m, "syn_sensitivity_intro",
                                                sens[0]["k_imputed"]).format(
                k=fmt_number(sens[0]["k_imputed"], lang, 0))))
            parts.append(_table([m["syn_col_r"], m["syn_col_estimate"]],
                                [[fmt_number(r["r"], lang, 2),
                                  f"{fmt_number(r['estimate'], lang, 2)} "
                                  f"({fmt_ci(r['ci_low'], r['ci_high'], lang, 2)})"]
                                 for r in sens]))
    return "".join(parts)


def moderator_section(data, lang):
    m = messages(lang)
    out = html_heading(m["syn_section_moderators"])
    if not data["moderators"]:
        return out + html_paragraph(m["syn_moderators_none"])
    rows = [[outcome_label(data, r["outcome"], lang), r["moderator"], r["term"],
             f"{fmt_number(r['estimate'], lang, 2)} ({fmt_ci(r['ci_low'], r['ci_high'], lang, 2)})",
             fmt_p(r["p"], lang)] for r in data["moderators"]]
    headers = [m[k] for k in ("syn_col_outcome", "syn_col_moderator", "syn_col_term",
                              "syn_col_estimate", "syn_col_p")]
    return out + html_paragraph(m["syn_moderators_intro"]) + _table(headers, rows)


def grade_section(data, lang):
    m = messages(lang)
    parts = [html_heading(m["syn_section_grade"])]
    for g in data["grade"]:
        label = outcome_label(data, g["outcome"], lang)
        parts.append(html_heading(f"{label}: {m['syn_certainty_' + g['certainty_label']]}", 3))
        start = (m["syn_start_high"] if g["start"] == 4 else
                 m["syn_start_low"].format(designs=", ".join(g.get("designs", []))))
        parts.append(html_paragraph(start))
        rows = [[m["syn_domain_" + d["domain"]], m["syn_rating_" + d["rating"]],
                 reason_text(d, lang)] for d in g["domains"]]
        parts.append(_table([m["syn_col_domain"], m["syn_col_rating"], m["syn_col_reason"]],
                            rows))
    return "".join(parts)


def methods_section(data, lang):
    m = messages(lang)
    out = html_heading(m["syn_section_methods"]) + html_paragraph(m["syn_methods"])
    notes = data.get("notes") or []
    if notes:
        out += html_heading(m["syn_notes"], 3) + "<ul>" + "".join(
            f"<li>{escape(n)}</li>" for n in notes) + "</ul>"
    return out


def page(data, lang="en", *, figures=True) -> str:
    """The whole report as one self-contained HTML page, with the deliverables stylesheet of the
    programme reports (:func:`impact.report.deliver.report_css`: A4 print, page numbers, wide
    tables marked)."""
    from .deliver import print_ready_html

    m = messages(lang)
    title = (data.get("protocol") or {}).get("title") or m["syn_title"]
    body = "".join([intro_section(data, lang), sof_section(data, lang),
                    outcome_sections(data, lang, figures=figures), moderator_section(data, lang),
                    grade_section(data, lang), methods_section(data, lang)])
    return print_ready_html(f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head>'
                            f'<meta charset="utf-8"><meta name="viewport" '
                            f'content="width=device-width, initial-scale=1">'
                            f"<title>{escape(title)}</title></head>"
                            f'<body><section id="synthesis" class="impact-section">{body}'
                            f"</section></body></html>\n", lang)


def docx_from_html(html_path: Path, docx_path: Path, timeout: int = 120) -> Path:
    """DOCX from the report HTML with pandoc (embedded figures kept). A stand-in the
    deliverables module of the programme reports can replace."""
    import shutil
    import subprocess

    from ..errors import InputError

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise InputError("DOCX needs pandoc, which is not installed (Debian: apt-get install "
                         "pandoc); HTML was written", rule="docx needs pandoc")
    subprocess.run([pandoc, str(html_path), "-f", "html", "-t", "docx", "-o", str(docx_path)],
                   check=True, capture_output=True, timeout=timeout,
                   cwd=str(Path(html_path).parent))
    return docx_path


def write_report(data, target, *, lang="en", formats=("html",)) -> dict[str, Path]:
    """Write the synthesis deliverable into ``target`` in the layout of the programme reports:
    ``report.html`` (+ ``report.pdf``, ``report.docx``) and ``published.json`` (everything the
    report shows: the synthesis of published aggregates), the analyst's copy in
    ``internal/synthesis.json`` with a README. Existing report files are not overwritten
    (InputError)."""
    import json

    from ..errors import InputError
    from .deliver import docx_from_html as _docx
    from .render import pdf_from_html

    formats = tuple(formats)
    unknown = sorted(set(formats) - {"html", "pdf", "docx"})
    if unknown:
        raise InputError(f"unknown format {unknown[0]!r}; use html, pdf, docx",
                         rule="--format values")
    target = Path(target)
    paths = {"html": target / "report.html", "published": target / "published.json",
             "json": target / "internal" / "synthesis.json"}
    if "pdf" in formats:
        paths["pdf"] = target / "report.pdf"
    if "docx" in formats:
        paths["docx"] = target / "report.docx"
    existing = [p for p in paths.values() if p.exists()]
    if existing:
        raise InputError("the output folder already holds a report; choose another folder",
                         file=existing[0], rule="outputs are never silently overwritten")
    (target / "internal").mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    paths["json"].write_text(text, encoding="utf-8")
    (target / "internal" / "README.txt").write_text(_INTERNAL_README, encoding="utf-8")
    paths["published"].write_text(text, encoding="utf-8")
    try:
        paths["html"].write_text(page(data, lang), encoding="utf-8")
        if "pdf" in formats:
            pdf_from_html(paths["html"], paths["pdf"])
        if "docx" in formats:
            _docx(paths["html"], paths["docx"], lang=lang)
    except BaseException:
        for key in ("html", "pdf", "docx", "published"):
            if key in paths and paths[key].exists():
                paths[key].unlink()
        raise
    return paths


_INTERNAL_README = """\
This folder holds the analyst's copy of the synthesis one level up (synthesis.json, as
`impact synthesise --output` writes it). The deliverable (report.html, published.json and the
other files one level up) never refers here.
"""


def render_synthesis(out, target, *, lang="en", formats=("html",)):
    """Write the synthesis report (``report.html``, ``.pdf``, ``.docx``) and ``synthesis.json``
    into ``target``; returns the paths (the report pipeline of this module)."""
    data = out.to_dict() if hasattr(out, "to_dict") else out
    return write_report(data, target, lang=lang, formats=formats)
