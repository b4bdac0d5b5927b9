"""Sections of the evidence-synthesis report, built from the plain synthesis dict (the JSON of
``impact synthesise``): every sentence is generated from the numbers it shows, all text is
escaped, all wording comes from ``impact/i18n/<lang>/synthesis.yaml``.

Each builder takes ``(data, lang)`` and returns an HTML fragment; :func:`page` assembles them
into one self-contained HTML page with the report CSS, :func:`write_report` writes HTML, PDF
(headless Chromium, :func:`impact.report.render.pdf_from_html`) and DOCX through the one DOCX
path of every report (:func:`impact.report.deliver.docx_from_html`).
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import (counted, escape, fmt_ci, fmt_number, fmt_p, html_heading, html_paragraph,
                   messages)

__all__ = ["sof_section", "outcome_sections", "moderator_section", "grade_section",
           "methods_section", "intro_section", "studies_section", "rob_section",
           "references_section", "limitations_section", "provenance_section", "page",
           "write_report", "outcome_label", "statement_text", "reason_text",
           "code_label", "body_label"]


def outcome_label(data, outcome, lang):
    spec = (data.get("protocol") or {}).get("outcomes", {}).get(outcome) or {}
    label = spec.get("label")
    if isinstance(label, dict):
        label = label.get(lang) or label.get("en")
    return str(label or outcome)


def code_label(data, code, lang):
    """A category or moderator code in the reader's words: the protocol's ``labels`` entry
    (``{nl: .., en: ..}``), the catalogue's design names, else the code with spaces for
    underscores (never a raw ``visual_arts``)."""
    labels = (data.get("protocol") or {}).get("labels") or {}
    value = labels.get(str(code))
    if isinstance(value, dict):
        value = value.get(lang) or value.get("en")
    if value:
        return str(value)
    m = messages(lang)
    if f"syn_design_short_{code}" in m:
        return m[f"syn_design_short_{code}"]
    return str(code).replace("_", " ")


def body_label(data, entry, lang):
    """"Outcome: design" of one body of evidence (a ``models`` or ``grade`` entry)."""
    m = messages(lang)
    label = outcome_label(data, entry["outcome"], lang)
    design = entry.get("design")
    if not design:
        return label
    return m["syn_body"].format(outcome=label, design=m[f"syn_design_{design}"])


def _title(data, lang):
    title = (data.get("protocol") or {}).get("title")
    if isinstance(title, dict):
        title = title.get(lang) or title.get("en")
    return str(title) if title else messages(lang)["syn_title"]


def _same_body(a, b):
    return all(a.get(k) == b.get(k) for k in ("outcome", "measure", "design"))


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
    if grade["statement_key"] == "grade":   # GRADE 26, from the grade's published parameters
        from ..evidence.statements import statement_for_effect

        p = grade["statement_params"]
        proto = data.get("protocol") or {}
        given = proto.get("intervention")
        intervention = (given.get(lang) if isinstance(given, dict) else given) \
            or messages(lang)["syn_default_intervention"]
        return statement_for_effect(p["certainty"], p["estimate"], lang=lang, mid=p["mid"],
                                    d=p["estimate"], intervention=str(intervention),
                                    outcome=label)
    return messages(lang)[grade["statement_key"]].format(outcome=_lower(label))


def reason_text(domain, lang):
    """The reason of one GRADE domain, in ``lang``, from its key and parameters."""
    m = messages(lang)
    p = dict(domain.get("params") or {})
    key = domain["key"]
    fmt = {}
    for name, value in p.items():
        if name in ("pi_low", "pi_high", "mid", "egger_p", "shift", "se", "limit",
                    "trimfill_estimate"):
            continue
        fmt[name] = fmt_number(value, lang, 0) if isinstance(value, (int, float)) and not \
            isinstance(value, bool) else ("" if value is None else str(value))
    if "pi_low" in p:
        fmt["pi"] = fmt_ci(p["pi_low"], p["pi_high"], lang, 2)
    if "mid" in p:
        fmt["mid"] = fmt_number(p["mid"], lang, 2)
    if "egger_p" in p:
        fmt["egger_p"] = fmt_p(p["egger_p"], lang)
    for name in ("shift", "se", "limit"):
        if name in p:
            fmt[name] = fmt_number(p[name], lang, 2)
    if key.startswith("syn_imp_") and "wide" in p:
        fmt["wide"] = m["syn_imp_wide" if p["wide"] else "syn_imp_narrow"].format(mid=fmt["mid"])
    if "ois" in p and p["ois"] is None:
        fmt["ois"] = "–"
    return m[key].format(**fmt).strip()


def _table(headers, rows, caption=None):
    """The reports' one table builder (:func:`impact.report.sections.html_table`)."""
    from .sections import html_table

    return html_table(headers, rows, caption)


def _model_for(data, entry):
    for m in data["models"]:
        if _same_body(m, entry):
            return m
    return None


def _scale_cell(mod, lang):
    if mod.get("scale_points") is None:
        return "–"
    m = messages(lang)
    return m["syn_scale_cell"].format(points=fmt_number(mod["scale_points"], lang, 1),
                                      instrument=mod.get("scale_label") or mod["scale_instrument"],
                                      ci=fmt_ci(mod["scale_ci_low"], mod["scale_ci_high"], lang, 1))


def intro_section(data, lang):
    m = messages(lang)
    title = _title(data, lang)
    k = len(data["effects"])
    studies = len({e["study"] for e in data["effects"]})
    outcomes = len({g["outcome"] for g in data["grade"]})
    return (f"<h1>{escape(title)}</h1>"
            + html_paragraph(counted(m, "syn_intro", outcomes).format(k=fmt_number(k, lang, 0),
                                                   studies=fmt_number(studies, lang, 0),
                                                   outcomes=fmt_number(outcomes, lang, 0))))


def sof_section(data, lang):
    """Summary of Findings: one row per outcome and body of evidence (design), randomised first:
    the pooled effect, the effect on a familiar scale, the prediction interval, certainty and the
    plain-language statement."""
    m = messages(lang)
    rows = []
    for g in data["grade"]:
        mod = _model_for(data, g) or {}
        effect = (f"{fmt_number(mod.get('estimate'), lang, 2)} "
                  f"({fmt_ci(mod.get('ci_low'), mod.get('ci_high'), lang, 2)})")
        if mod.get("scale_points") is not None:
            effect += "; " + _scale_cell(mod, lang)
        rows.append([
            outcome_label(data, g["outcome"], lang)
            + (f" ({m['syn_design_short_' + g['design']]})" if g.get("design") else ""),
            f"{fmt_number(mod.get('n_studies'), lang, 0)} ({fmt_number(mod.get('k'), lang, 0)})",
            fmt_number(g.get("n_total"), lang, 0), effect,
            fmt_ci(mod.get("pi_low"), mod.get("pi_high"), lang, 2),
            m["syn_certainty_" + g["certainty_label"]],
            statement_text(g, data, lang)])
    headers = [m[k] for k in ("syn_col_body", "syn_col_studies", "syn_col_participants",
                              "syn_col_effect", "syn_col_prediction", "syn_col_certainty",
                              "syn_col_statement")]
    return (html_heading(m["syn_section_sof"]) + html_paragraph(m["syn_sof_intro"])
            + _table(headers, rows))


def studies_section(data, lang):
    """Included studies: design, participants, per outcome the effect size(s) with 95% CI,
    overall risk of bias; randomised first."""
    m = messages(lang)
    by_study: dict[str, list] = {}
    for e in data["effects"]:
        by_study.setdefault(e["study"], []).append(e)
    rows = []
    for st in data.get("studies") or []:
        effs = []
        for e in by_study.get(st["study"], []):
            effs.append(f"{outcome_label(data, e['outcome'], lang)}: "
                        f"{fmt_number(e['yi'], lang, 2)} "
                        f"({fmt_ci(e['ci_low'], e['ci_high'], lang, 2)})")
        rob = st.get("risk_of_bias")
        rows.append([st["study"], m["syn_design_short_" + st["design"]] if st.get("design")
                     else "–", fmt_number(st.get("n"), lang, 0), "; ".join(effs),
                     m[f"syn_rob_{rob}"] if rob in ("low", "some", "high")
                     else m["syn_rob_unrated"]])
    headers = [m[k] for k in ("syn_col_study", "syn_col_design", "syn_col_n",
                              "syn_col_effect_ci", "syn_col_rob")]
    return (html_heading(m["syn_section_studies"]) + html_paragraph(m["syn_studies_intro"])
            + _table(headers, rows))


def rob_section(data, lang):
    """Risk of bias per study and domain (the ``rob_*`` columns), with the overall judgement."""
    m = messages(lang)
    studies = data.get("studies") or []
    domains = []
    for st in studies:
        for d in st.get("rob") or {}:
            if d not in domains:
                domains.append(d)
    out = html_heading(m["syn_section_rob"])
    if not domains:
        return out + html_paragraph(m["syn_rob_none"])

    def judgement(v):
        return m[f"syn_rob_{v}"] if v in ("low", "some", "high") else (
            m["syn_rob_unrated"] if v is None else str(v))

    rows = [[st["study"], *[judgement((st.get("rob") or {}).get(d)) for d in domains],
             judgement(st.get("risk_of_bias"))] for st in studies]
    headers = [m["syn_col_study"], *[code_label(data, d, lang) for d in domains],
               m["syn_rob_overall"]]
    return out + html_paragraph(m["syn_rob_intro"]) + _table(headers, rows)


def references_section(data, lang):
    m = messages(lang)
    refs = sorted({st["reference"] for st in data.get("studies") or [] if st.get("reference")})
    out = html_heading(m["syn_section_references"])
    if not refs:
        return out + html_paragraph(m["syn_references_none"])
    return out + "<ol>" + "".join(f"<li>{escape(r)}</li>" for r in refs) + "</ol>"


def limitations_section(data, lang):
    m = messages(lang)
    items = []
    for item in data.get("limitations") or []:
        key, p = item["key"], item["params"]
        fmt = {k: v for k, v in p.items() if k not in ("body", "pi_low", "pi_high")}
        if "body" in p:
            fmt["body"] = body_label(data, p["body"], lang)
        if "outcome" in p:
            fmt["outcome"] = outcome_label(data, p["outcome"], lang)
        if "pi_low" in p:
            fmt["pi"] = fmt_ci(p["pi_low"], p["pi_high"], lang, 2)
        for k in ("k", "share"):
            if k in fmt:
                fmt[k] = fmt_number(fmt[k], lang, 0)
        template = counted(m, key, p.get("k")) if "k" in p else m[key]
        items.append(template.format(**fmt))
    if not items:
        items = [m["syn_lim_none"]]
    return (html_heading(m["syn_section_limitations"]) + "<ul>"
            + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")


def provenance_section(data, lang):
    m = messages(lang)
    pv = data.get("provenance") or {}
    text = m["syn_provenance"].format(
        date=pv.get("date") or "–", version=pv.get("version") or "–",
        studies=pv.get("studies_sha256") or m["syn_hash_none"],
        protocol=pv.get("protocol_sha256") or m["syn_hash_none"])
    local = " ".join(m["syn_provenance_local"].format(study=k, sha=v)
                     for k, v in (pv.get("local_sha256") or {}).items())
    return html_heading(m["syn_section_provenance"]) + html_paragraph(
        text + (" " + local if local else ""))


def _model_paragraph(mod, lang):
    m = messages(lang)
    common = dict(k=fmt_number(mod["k"], lang, 0), estimate=fmt_number(mod["estimate"], lang, 2),
                  ci=fmt_ci(mod["ci_low"], mod["ci_high"], lang, 2),
                  pi_low=fmt_number(mod.get("pi_low"), lang, 2),
                  pi_high=fmt_number(mod.get("pi_high"), lang, 2))
    if mod["model"] == "three_level":
        return m["syn_model_three_level"].format(
            **common, studies=fmt_number(mod["n_studies"], lang, 0), method=mod["method"],
            s2s=fmt_number(mod["sigma2_study"], lang, 3),
            s2w=fmt_number(mod["sigma2_within"], lang, 3),
            i2s=fmt_number(mod["i2_study"], lang, 0), i2w=fmt_number(mod["i2_within"], lang, 0),
            robust_ci=fmt_ci(mod.get("robust_ci_low"), mod.get("robust_ci_high"), lang, 2))
    return m["syn_model_random"].format(**common, method=mod["method"],
                                        test=m.get(f"syn_test_{mod['test']}", mod["test"]),
                                        tau2=fmt_number(mod.get("tau2"), lang, 3),
                                        i2=fmt_number(mod.get("i2"), lang, 0))


def outcome_sections(data, lang, *, figures=True):
    """Per outcome: the forest plot grouped by design (over A4 pages when long); then per body
    of evidence the model, the familiar scale, funnel plot and small-study tests, leave-one-out
    and the pre/post-correlation sensitivity table."""
    from ..plots.figures import figure_html
    from ..plots.synthesis import forest_from_synthesis, funnel_from_synthesis

    m = messages(lang)
    parts = []
    seen = []
    for mod in data["models"]:
        o = mod["outcome"]
        label = outcome_label(data, o, lang)
        if o not in seen:
            seen.append(o)
            parts.append(html_heading(m["syn_section_outcome"].format(outcome=label)))
            if figures:
                for meas in dict.fromkeys(x["measure"] for x in data["models"]
                                          if x["outcome"] == o and x.get("design") != "all"):
                    pages = forest_from_synthesis(data, o, meas, lang=lang, pages=True)
                    for i, fig in enumerate(pages):
                        parts.append(figure_html(fig, m["syn_forest_page_alt"].format(
                            outcome=label, page=i + 1, pages=len(pages)), close=False))
        parts.append(html_heading(body_label(data, mod, lang), 3))
        if mod.get("design") == "all":
            parts.append(html_paragraph(m["syn_model_across"]))
        text = _model_paragraph(mod, lang)
        if mod.get("scale_points") is not None:
            text += " " + m["syn_scale_sentence"].format(
                instrument=mod.get("scale_label") or mod["scale_instrument"],
                sd=fmt_number(mod["scale_sd"], lang, 2),
                source=m["syn_scale_source_" + mod.get("scale_sd_source", "protocol")],
                points=fmt_number(mod["scale_points"], lang, 1),
                ci=fmt_ci(mod["scale_ci_low"], mod["scale_ci_high"], lang, 1))
        parts.append(html_paragraph(text))
        ss = next((x for x in data["small_study"] if _same_body(x, mod)), None)
        if ss and ss.get("egger_z") is not None:
            text = m["syn_small_study"].format(z=fmt_number(ss["egger_z"], lang, 2),
                                               p=fmt_p(ss["egger_p"], lang))
            if ss.get("trimfill_k0") is not None:
                text += " " + m["syn_trimfill"].format(
                    k0=fmt_number(ss["trimfill_k0"], lang, 0),
                    side=m["syn_side_" + ss["trimfill_side"]],
                    estimate=fmt_number(ss["trimfill_estimate"], lang, 2),
                    ci=fmt_ci(ss["trimfill_ci_low"], ss["trimfill_ci_high"], lang, 2))
            if ss.get("note") or ss.get("independent"):
                text += " " + m["syn_small_study_note"]
            parts.append(html_paragraph(text))
            if figures and mod.get("design") != "all":
                parts.append(figure_html(
                    funnel_from_synthesis(data, o, mod["measure"], mod.get("design"),
                                          lang=lang),
                    m["syn_funnel_alt"].format(outcome=body_label(data, mod, lang)),
                    close=False))
        else:
            parts.append(html_paragraph(m["syn_small_study_na"]))
        loo = [r for r in data["leave_one_out"] if _same_body(r, mod)
               and r.get("estimate") is not None]
        if loo:
            est = [r["estimate"] for r in loo]
            parts.append(html_paragraph(m["syn_loo"].format(
                unit=m["syn_unit_" + loo[0]["unit"]], low=fmt_number(min(est), lang, 2),
                high=fmt_number(max(est), lang, 2))))
        sens = [r for r in data["sensitivity"] if _same_body(r, mod)]
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
    rows = []
    for r in data["moderators"]:
        if r.get("level") is not None:
            term = m["syn_vs"].format(level=code_label(data, r["level"], lang),
                                      reference=code_label(data, r["reference"], lang))
        else:
            term = code_label(data, r["moderator"], lang)
        rows.append([body_label(data, r, lang), code_label(data, r["moderator"], lang), term,
                     f"{fmt_number(r['estimate'], lang, 2)} "
                     f"({fmt_ci(r['ci_low'], r['ci_high'], lang, 2)})",
                     fmt_p(r["p_value"], lang)])
    headers = [m[k] for k in ("syn_col_body", "syn_col_moderator", "syn_col_term",
                              "syn_col_estimate", "syn_col_p")]
    return out + html_paragraph(m["syn_moderators_intro"]) + _table(headers, rows)


def grade_section(data, lang):
    m = messages(lang)
    parts = [html_heading(m["syn_section_grade"])]
    for g in data["grade"]:
        parts.append(html_heading(f"{body_label(data, g, lang)}: "
                                  f"{m['syn_certainty_' + g['certainty_label']]}", 3))
        designs = ", ".join(m["syn_design_short_" + d] if f"syn_design_short_{d}" in m else d
                            for d in g.get("designs", []))
        reason = g.get("start_reason")
        if reason == "rob_tool":
            start = m["syn_start_rob_tool"].format(designs=designs, tool=g.get("rob_tool"))
        elif g["start"] == 4:
            start = m["syn_start_high"]
        else:
            start = m["syn_start_low"].format(designs=designs)
        parts.append(html_paragraph(start))
        rows = [[m["syn_domain_" + d["domain"]], m["syn_rating_" + d["rating"]],
                 reason_text(d, lang)] for d in g["domains"]]
        parts.append(_table([m["syn_col_domain"], m["syn_col_rating"], m["syn_col_reason"]],
                            rows))
    return "".join(parts)


def methods_section(data, lang):
    m = messages(lang)
    # the synthesis' notes are the analyst's (English, technical): on stderr and in
    # internal/notes.txt when the report is written, not in the deliverable; what they mean for
    # the reader is in the limitations
    method = (data.get("protocol") or {}).get("method") or "REML"
    return html_heading(m["syn_section_methods"]) + html_paragraph(
        m["syn_methods"].format(method=method))


def page(data, lang="en", *, figures=True) -> str:
    """The whole report as one self-contained HTML page, with the deliverables stylesheet of the
    programme reports (:func:`impact.report.deliver.report_css`: A4 print, page numbers, wide
    tables marked)."""
    from .deliver import print_ready_html

    title = _title(data, lang)
    body = "".join([intro_section(data, lang), sof_section(data, lang),
                    studies_section(data, lang),
                    outcome_sections(data, lang, figures=figures), moderator_section(data, lang),
                    grade_section(data, lang), rob_section(data, lang),
                    limitations_section(data, lang), methods_section(data, lang),
                    references_section(data, lang), provenance_section(data, lang)])
    return print_ready_html(f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head>'
                            f'<meta charset="utf-8"><meta name="viewport" '
                            f'content="width=device-width, initial-scale=1">'
                            f"<title>{escape(title)}</title></head>"
                            f'<body><section id="synthesis" class="impact-section">{body}'
                            f"</section></body></html>\n", lang)


def _without_text(data: dict) -> dict:
    """The synthesis dict without the analyst's English notes and pre-rendered sentences."""
    import copy

    out = copy.deepcopy(data)
    out.pop("notes", None)
    for m in out.get("models") or []:
        m.pop("notes", None)
    for s in out.get("small_study") or []:
        if s.pop("note", None):
            s["independent"] = True   # the report's own note says what it meant
    for g in out.get("grade") or []:
        g.pop("statement", None)
        for d in g.get("domains") or []:
            d.pop("reason", None)
    return out


def write_report(data, target, *, lang="en", formats=("html",), printer=None,
                 announce=True) -> dict[str, Path]:
    """Write the synthesis deliverable into ``target`` in the layout of the programme reports:
    ``report.html`` (+ ``report.pdf``, ``report.docx``) and ``published.json`` (everything the
    report shows: the synthesis of published aggregates), the analyst's copy in
    ``internal/synthesis.json`` with a README. Existing report files are not overwritten
    (InputError). ``printer``: a running :class:`impact.report.deliver.Printer` for the PDF;
    ``announce``: print the synthesis notes on stderr (the demo does so for its first language
    only)."""
    import json

    from ..errors import InputError
    from .render import write_page_deliverables

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
    notes = data.get("notes") or []
    (target / "internal" / "notes.txt").write_text("".join(f"- {n}\n" for n in notes),
                                                   encoding="utf-8")
    if notes and announce:
        import sys

        print(f"{len(notes)} note(s) on the synthesis (also in internal/notes.txt):",
              file=sys.stderr)
        for n in notes:
            print(f"- {n}", file=sys.stderr)
    # published.json: numbers, codes and keys; the analyst's notes and rendered texts stay in
    # internal/ (the report renders every sentence from keys and numbers)
    published = _without_text(data)
    paths["published"].write_text(json.dumps(published, indent=2, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    try:
        html = page(published, lang)
    except BaseException:
        paths["published"].unlink()
        raise
    # report.html, .pdf and .docx as the monitor's engine page writes them (nothing that looks
    # like a finished report is left on failure)
    write_page_deliverables(target, html, formats, lang, printer=printer)
    return paths


_INTERNAL_README = """\
This folder holds the analyst's copy of the synthesis one level up (synthesis.json, as
`impact synthesise --output` writes it). The deliverable (report.html, published.json and the
other files one level up) never refers here.
"""


def render_synthesis(out, target, *, lang="en", formats=("html",), printer=None,
                     announce=True):
    """Write the synthesis report (``report.html``, ``.pdf``, ``.docx``) and ``synthesis.json``
    into ``target``; returns the paths (the report pipeline of this module; ``printer`` and
    ``announce`` as for :func:`write_report`)."""
    data = out.to_dict() if hasattr(out, "to_dict") else out
    return write_report(data, target, lang=lang, formats=formats, printer=printer,
                        announce=announce)
