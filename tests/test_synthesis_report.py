"""The synthesis report in Dutch and English as HTML, PDF and DOCX, read back as text."""

import shutil
import subprocess

import pytest

import impact
from impact.report.render import find_chromium
from impact.plots.synthesis import forest_from_synthesis
from impact.report.synthesis_sections import _model_for, page, reason_text, statement_text
from impact.i18n import fmt_ci, fmt_number, messages
from impact.synth.studies import synthesise_studies


needs_tools = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pandoc")
                                      and find_chromium()),
                                 reason="needs pdftotext, pandoc and chromium")


@pytest.fixture(scope="module")
def rendered(demo_reports):
    """The demo's synthesis reports (``impact synthesise`` on the synthetic studies of seed 1, in
    HTML, PDF and DOCX): the session renders them once for every test that reads them."""
    return {lang: demo_reports / "synthesis" / lang for lang in ("nl", "en")}


def _text(path):
    """The text of a PDF (pdftotext, reading order) or DOCX (pandoc to HTML, tags dropped so that
    table cells stay whole), without whitespace and ASCII hyphens (line breaks in narrow table
    cells split and hyphenate words)."""
    import html as h
    import re

    if path.suffix == ".pdf":
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                             check=True).stdout
    else:
        out = subprocess.run(["pandoc", str(path), "-t", "html", "--wrap=none"],
                             capture_output=True, text=True, check=True).stdout
        out = h.unescape(re.sub(r"<[^>]+>", " ", out))
    return _norm(out)


def _norm(text):
    return "".join(str(text).split()).replace("-", "").replace("\u00ad", "")


@needs_tools
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_renders_in_three_formats_with_the_numbers_it_shows(rendered, lang):
    import json

    folder = rendered[lang]
    data = json.loads((folder / "published.json").read_text(encoding="utf-8"))
    # published.json is the analyst's synthesis.json without its notes and rendered sentences
    from impact.report.synthesis_sections import _without_text

    internal = json.loads((folder / "internal" / "synthesis.json").read_text())
    assert _without_text(internal) == data and "notes" in internal and "notes" not in data
    m = messages(lang)
    html = (folder / "report.html").read_text(encoding="utf-8")
    pdf = _text(folder / "report.pdf")
    docx = _text(folder / "report.docx")
    assert f'<html lang="{lang}">' in html
    for text in (pdf, docx):
        assert _norm(m["syn_section_sof"]) in text and _norm(m["syn_section_moderators"]) in text
        for g in data["grade"]:
            model = _model_for(data, g)
            # the SoF numbers as formatted, and the statement built from the same grade
            assert _norm(fmt_ci(model["ci_low"], model["ci_high"], lang, 2)) in text
            assert _norm(fmt_ci(model["pi_low"], model["pi_high"], lang, 2)) in text
            assert _norm(statement_text(g, data, lang)) in text
            assert _norm(m["syn_certainty_" + g["certainty_label"]]) in text
        # the committee's sections
        for key in ("syn_section_studies", "syn_section_rob", "syn_section_references",
                    "syn_section_limitations", "syn_section_provenance"):
            assert _norm(m[key]) in text
        assert data["provenance"]["studies_sha256"] in text
        ref = data["studies"][0]["reference"]
        assert _norm(ref) in text
        for mod in data["models"]:
            if mod.get("scale_points") is not None:
                assert _norm(fmt_number(mod["scale_points"], lang, 1)) in text
    # forest plots (grouped by design, over pages) per outcome + a funnel plot per body
    pages = sum(len(forest_from_synthesis(data, o, meas, lang=lang, pages=True))
                for o, meas in dict.fromkeys((x["outcome"], x["measure"])
                                             for x in data["models"]))
    funnels = sum(1 for s in data["small_study"] if s.get("egger_z") is not None)
    assert html.count("<img") == pages + funnels and pages > 2
    assert "Ervaren stress" in html if lang == "nl" else "Perceived stress" in html
    if lang == "nl":  # no raw codes in the Dutch deliverable
        for text in (pdf, docx):
            for raw in ("visual_arts", "prepost", "three_level", "between_group", "Egger's"):
                assert _norm(raw) not in text, raw
            assert _norm("Beeldende kunst") in text and _norm("Gerandomiseerde studies") in text


def test_sentences_come_from_the_numbers():
    frame, _ = synthesise_studies(1)
    data = impact.synthesise_evidence(frame).to_dict()
    data["protocol"]["outcomes"] = {"stress": {"label": {"en": "Perceived stress"}}}
    g = next(x for x in data["grade"] if x["outcome"] == "stress")
    inc = next(d for d in g["domains"] if d["domain"] == "inconsistency")
    text = reason_text(inc, "en")
    assert f"I² = {fmt_number(inc['params']['i2'], 'en', 0)}%" in text
    # the statement is written by the synthesis from the grade's parameters; the report prints it
    from impact.studies.synthesis import _add_statements

    g["statement_params"] = dict(g["statement_params"], certainty="moderate")
    _add_statements(data)
    assert statement_text(g, data, "en") == (
        "Participation in arts and culture probably reduces perceived stress.")
    g["statement_params"] = dict(g["statement_params"], estimate=0.6)
    _add_statements(data)
    assert "increases perceived stress" in statement_text(g, data, "en")


def test_study_names_are_escaped_and_outputs_not_overwritten(tmp_path):
    frame, _ = synthesise_studies(1)
    data = impact.synthesise_evidence(frame).to_dict()
    data["protocol"]["outcomes"] = {"stress": {"label": {"en": "<script>alert(1)</script>"}}}
    html = page(data, "en", figures=False)
    assert "<script>" not in html and "&lt;script&gt;" in html
    impact.render_synthesis(data, tmp_path / "r", lang="en")
    with pytest.raises(impact.InputError, match="already holds a report"):
        impact.render_synthesis(data, tmp_path / "r", lang="en")


def test_long_forest_plots_continue_on_a4_pages():
    """The one forest plot, grouped: 100 effect sizes over pages of at most ROWS_PER_PAGE lines,
    each page no taller than an A4 page's printable height, weights in a column."""
    from impact.plots.synthesis import ROWS_PER_PAGE, forest_pages

    rows = [{"label": f"S{i}", "yi": 0.01 * i, "vi": 0.02} for i in range(100)]
    groups = [{"label": "A", "rows": rows[:60], "model": {"estimate": 0.3, "ci_low": 0.2,
                                                          "ci_high": 0.4, "tau2": 0.0}},
              {"label": "B", "rows": rows[60:], "model": {"estimate": 0.8, "ci_low": 0.7,
                                                          "ci_high": 0.9, "pi_low": 0.5,
                                                          "pi_high": 1.1}}]
    figs = forest_pages(groups)
    lines = 1 + 60 + 1 + 1 + 1 + 40 + 1 + 1  # header, rows, pooled, gap, header, rows, ...
    assert len(figs) == -(-lines // ROWS_PER_PAGE)
    assert all(f.get_size_inches()[1] <= 11.0 and f.get_size_inches()[0] <= 7.5 for f in figs)
    texts = [t.get_text() for f in figs for t in f.axes[0].texts]
    weights = [t for t in texts if t.endswith("%")]
    assert len(weights) == 100
    # shown to one decimal: 60 x 1.7% (each 100/60 rounded)
    assert weights[:60] == ["1.7%"] * 60 and weights[60:] == ["2.5%"] * 40
    assert any("(continued)" in t for t in texts)
