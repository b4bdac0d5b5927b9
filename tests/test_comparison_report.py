"""The controlled section (issue 24): disclosure of comparison and waiting-list results under the
small-cell rule, the refusal when balance fails, the section in every language, the balance
plot; and a small run of the simulation study of docs/validation.md."""

import copy
import re

import pytest

from impact.disclosure.comparison import disclose_comparison
from impact.i18n import fmt_number, languages, messages
from impact.plots.balance import balance_plot
from impact.report.comparison_sections import comparison_plain, comparison_section
from impact.studies.programme import analyse
from impact.synth import synthesise, write_cohort
from impact.synth.comparison_validation import (BEGIN, END, comparison_coverage, to_markdown,
                                                waiting_list_coverage)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp_report")
    write_cohort(synthesise("samen-zingen-vergelijking", 2), out)
    return analyse(out / "responses.csv", out / "protocol.yaml").to_dict()


def _text(html):
    return re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]+"', "", html))


def test_balanced_comparison_is_published_with_counts(results):
    pub = disclose_comparison(results, min_cell_size=10)
    (row,) = pub["comparison"]
    src = results["comparison"][0]
    assert row["published"] and row["estimate"] == src["estimate"]
    assert row["n_programme"] == src["n_programme"] and row["n_comparison"] == src["n_comparison"]
    assert len(pub["balance"]) == len(results["comparison_balance"])
    assert pub["info"]["n_pool"] == results["comparison_info"]["n_pool"]


def test_failed_balance_publishes_no_estimate_and_says_why(results):
    res = copy.deepcopy(results)
    res["comparison"][0]["balanced"] = False
    worst = max(res["comparison_balance"], key=lambda b: abs(b["smd_after"]))
    res["comparison_info"]["notes"].append({"key": "comparison_refused_balance",
                                            "covariate": worst["covariate"],
                                            "smd": worst["smd_after"], "threshold": 0.01})
    pub = disclose_comparison(res)
    (row,) = pub["comparison"]
    assert not row["published"]
    for key in ("estimate", "ci_low", "ci_high", "naive_estimate", "evalue"):
        assert row.get(key) is None
    assert row["reason"]["key"] == "comparison_refused_balance"
    for lang in languages():
        text = _text(comparison_section(pub, lang, figures=False))
        m = messages(lang)
        assert m["comparison_refused_balance"].split(":")[0] in text
        src = res["comparison"][0]
        for v in (src["estimate"], src["ci_low"], src["naive_estimate"]):
            assert fmt_number(v, lang, 2) not in text
        assert fmt_number(worst["smd_after"], lang, 2) in text


def test_small_groups_hide_counts_estimate_and_balance(results):
    res = copy.deepcopy(results)
    res["comparison"][0]["n_comparison"] = 7
    pub = disclose_comparison(res, min_cell_size=10)
    (row,) = pub["comparison"]
    assert row["n_comparison"] is None and row["small"] and not row["published"]
    assert row["reason"] == {"key": "comparison_refused_small", "params": {"m": 10}}
    assert pub["balance"] == []
    text = _text(comparison_section(pub, "nl", figures=False))
    assert "minder dan 10" in text and " 7 " not in text


def test_a_small_difference_from_n_paired_hides_n_programme(results):
    res = copy.deepcopy(results)
    paired = next(o["n_paired"] for o in res["outcomes"]
                  if o["outcome"] == res["comparison"][0]["outcome"])
    res["comparison"][0]["n_programme"] = paired - 3      # 3 people left out: a small cell
    (row,) = disclose_comparison(res, min_cell_size=10)["comparison"]
    assert row["n_programme"] is None and row["n_programme_hidden"] and row["published"]
    res["comparison"][0]["n_programme"] = paired - 12
    (row,) = disclose_comparison(res, min_cell_size=10)["comparison"]
    assert row["n_programme"] == paired - 12


def test_unmatched_count_under_the_threshold_is_not_published(results):
    res = copy.deepcopy(results)
    res["comparison_info"]["n_programme_unmatched"] = 4
    pub = disclose_comparison(res)
    assert pub["info"]["n_programme_unmatched"] is None and pub["info"]["some_unmatched"]


@pytest.mark.parametrize("lang", languages())
def test_section_numbers_come_from_the_published_object(results, lang):
    pub = disclose_comparison(results)
    html = comparison_section(pub, lang, labels={"ucla3_score": "UCLA-3"})
    text = _text(html)
    m = messages(lang)
    row = pub["comparison"][0]
    assert m["comparison_heading"] in text and m["comparison_design_text"] in text
    assert fmt_number(abs(row["estimate"]), lang, 2) in text
    assert fmt_number(row["ci_low"], lang, 2) in text
    assert fmt_number(row["evalue"], lang, 2) in text
    assert fmt_number(row["naive_estimate"], lang, 2) in text
    assert "<img" in html and m["comparison_balance_heading"] in text
    # loneliness went down: in the good direction, so "better"
    better = m["comparison_estimate_better"].split("{estimate}")[0].format(label="UCLA-3")
    assert better in text
    assert comparison_plain(pub, lang, labels={"ucla3_score": "UCLA-3"})[0] == \
        m["comparison_funder_plain_better"].format(label="UCLA-3")


def test_waiting_list_is_disclosed_and_rendered():
    res = {"outcomes": [], "waiting_list": [{
        "outcome": "score", "estimate": -0.61, "se": 0.2, "df": 180.0, "ci_low": -1.0,
        "ci_high": -0.22, "p": 0.003, "n_participants": 80, "n_groups": 8, "notes": [],
        "higher_is_better": False}], "waiting_list_info": {"signup": "T-1", "start": "T0"}}
    pub = disclose_comparison(res)
    assert pub["waiting_list"][0]["published"]
    text = _text(comparison_section(pub, "en"))
    assert "improved 0.61 points more" in text and "What this rules out" in text
    res["waiting_list"][0]["n_participants"] = 6
    pub = disclose_comparison(res)
    assert not pub["waiting_list"][0]["published"]
    assert pub["waiting_list"][0].get("estimate") is None


def test_balance_plot_draws_before_and_after(results):
    fig = balance_plot(results["comparison_balance"], threshold=0.1, lang="nl")
    ax = fig.axes[0]
    assert len(ax.collections) == 2
    assert len(ax.get_yticklabels()) == len(results["comparison_balance"])


def test_small_simulation_shows_the_naive_bias_and_the_adjusted_recovery():
    comp = comparison_coverage(12, seed=3)
    est = comp["estimators"]
    # the naive estimates carry regression to the mean: about -0.3 and -0.4 (docs/validation.md)
    assert est["naive_before_after"]["bias"] < -0.2
    assert est["naive_unadjusted"]["bias"] < -0.25
    for key in ("matched_1to1_change", "weighted_change", "matched_1to3_repl_ancova"):
        assert abs(est[key]["bias"]) < 0.1, key
    # the estimated-score adjustment narrows the matched SE of the difference in change (the
    # score holds the baseline score change depends on); the rows without it stay as checks
    for key in ("matched_1to1_change", "matched_1to3_repl_change"):
        assert est[key]["mean_ps_adjustment"] < 0, key
        assert est[key]["mean_se"] < est[f"{key}_known"]["mean_se"], key
        assert est[key]["empirical_se"] == est[f"{key}_known"]["empirical_se"]
    assert abs(est["matched_1to3_repl_change_true_ps"]["bias"]) < 0.1
    wait = waiting_list_coverage(4, seed=3)
    assert wait["estimators"]["naive_start_to_end"]["bias"] > 0.2     # the trend, 0.36
    md = to_markdown(comp, wait, 1.5)
    assert md.startswith(BEGIN) and md.endswith(END)
    assert "(2 CPU-minutes)" in md and "on the true propensity score" in md


@pytest.mark.parametrize("audience", ["guideline", "funder"])
def test_the_engine_renders_the_section_through_the_disclosure_step(tmp_path_factory, audience):
    from impact.disclosure import disclose
    from impact.report.engine import render_sections

    out = tmp_path_factory.mktemp("cmp_engine")
    write_cohort(synthesise("samen-zingen-vergelijking", 2), out)
    res = analyse(out / "responses.csv", out / "protocol.yaml")
    published = disclose(res).to_dict()
    assert published["comparison"]["comparison"][0]["published"]
    # the design analysed is a controlled one: the design line and the caveats follow it
    assert published["meta"]["controlled"] and published["meta"]["design"] == "controlled"
    if audience == "funder":       # a comparison refused for balance leaves a before-and-after
        res["comparison"][0]["balanced"] = False
        refused = disclose(res).to_dict()
        assert not refused["comparison"]["comparison"][0]["published"]
        assert not refused["meta"]["controlled"] and refused["meta"]["design"] == "prepost"
    for lang in languages():
        html = "\n".join(render_sections(published, lang, audience))
        assert '<section class="impact-section" id="comparison">' in html or \
            'id="comparison"' in html
        assert messages(lang)["comparison_heading"] in html


def _plain(markup):
    import html as htmllib

    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", _text(markup))).split())


def _formats(folder):
    """The report's text as HTML, PDF (pdftotext) and DOCX (paragraphs and tables)."""
    import subprocess

    import docx

    pdf = subprocess.run(["pdftotext", "-layout", str(folder / "report.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    document = docx.Document(str(folder / "report.docx"))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return {"html": _plain((folder / "report.html").read_text("utf-8")),
            "pdf": " ".join(pdf.split()),
            "docx": " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())}


@pytest.mark.parametrize("audience", ["guideline", "funder"])
def test_the_demo_shows_the_comparison_cohort(demo_reports, audience):
    """The demo's comparison cohort (planted confounding: the lonelier are referred), from the
    session's one demo render: the controlled section in nl and en in HTML, PDF and DOCX; the
    guideline puts the naive before-and-after change beside the adjusted estimate and states a
    controlled, non-randomised design starting at Low; the funder says so in plain words."""
    import json

    from impact.commands.demo_build import COMPARISON

    index = (demo_reports / "index.html").read_text("utf-8")
    for lang in ("nl", "en"):
        folder = demo_reports / COMPARISON / f"{audience}-{lang}"
        assert f"{COMPARISON}/{audience}-{lang}/report.html" in index
        pub = json.loads((folder / "published.json").read_text("utf-8"))
        row = pub["comparison"]["comparison"][0]
        assert row["published"] and pub["meta"]["design"] == "controlled"
        # the planted confounding shows: the naive change is larger than the adjusted one
        assert row["naive_estimate"] < row["ci_low"] < row["estimate"] < 0
        m = messages(lang)
        for fmt, text in _formats(folder).items():
            assert m["comparison_heading"] in text, (lang, fmt)
            if audience == "funder":
                assert m["comparison_funder_plain_better"].split("{label}")[0] in text, fmt
                assert m["funder_summary_caveat"] not in text, (lang, fmt)
                continue
            assert m["comparison_design_text"] in text, (lang, fmt)
            assert m["gl_design_line"].format(design=m["design_controlled"]) in text, fmt
            assert m["gl_kf_cannot_controlled"] in text and m["grade_fn_start_low"] in text
            # in the controlled section, the naive change in the sentence after the estimate's
            est = text.index(fmt_number(row["ci_low"], lang, 2),
                             text.index(m["comparison_design_text"]))
            naive = text.index(fmt_number(row["naive_estimate"], lang, 2), est)
            assert naive - est < 250, (lang, fmt, text[est:naive])
        if audience == "guideline":
            (sof,) = pub["evidence"]["sof"]["outcomes"]
            assert (sof["design"], sof["start"], sof["comparator"]) == ("controlled", 2, True)
            assert sof["estimate"] == row["estimate"]


def test_the_key_findings_lead_with_the_controlled_estimate(demo_reports):
    """A controlled study's key findings carry the difference with the comparison group (the
    comparison section's own sentence, with its numbers from published.json), not only the
    before-and-after change; a report without a comparison has no such line."""
    import json
    import re

    from impact.commands.demo_build import COMPARISON
    from impact.report.comparison_sections import effect_sentence

    for lang in ("nl", "en"):
        folder = demo_reports / COMPARISON / f"guideline-{lang}"
        pub = json.loads((folder / "published.json").read_text("utf-8"))
        row = pub["comparison"]["comparison"][0]
        html = (folder / "report.html").read_text("utf-8")
        findings = _plain(re.search(r'<section[^>]*id="key-findings".*?</section>', html, re.S)
                          .group(0))
        m = messages(lang)
        start = m["comparison_estimate_better"].split("{estimate}")[0].split(": ")[-1]
        assert start in findings, lang
        for value in (abs(row["estimate"]), row["ci_low"], row["ci_high"]):
            assert fmt_number(value, lang, 2) in findings, (lang, value)
        other = (demo_reports / "kunst-op-recept" / f"guideline-{lang}" / "report.html")
        plain = re.search(r'<section[^>]*id="key-findings".*?</section>',
                          other.read_text("utf-8"), re.S).group(0)
        assert start not in _plain(plain)
    # the sentence is the comparison section's, so both say the same
    assert effect_sentence(row, "en").split(":")[1].strip() in _plain(
        (demo_reports / COMPARISON / "guideline-en" / "report.html").read_text("utf-8"))


def test_the_funder_summary_says_what_the_comparison_showed(demo_reports):
    """The one-page funder summary of the comparison cohort says in plain words what the
    comparison group showed (its sentence carries the caveat on non-random groups); a programme
    without a comparison keeps the before-and-after caveat."""
    from impact.commands.demo_build import COMPARISON

    for lang in ("nl", "en"):
        m = messages(lang)
        plain = m["comparison_funder_plain_better"].split("{label}")[0]
        ours = _plain((demo_reports / COMPARISON / f"funder-{lang}" / "summary.html")
                      .read_text("utf-8"))
        assert plain in ours and m["funder_caveat_comparator"] not in ours, lang
        other = _plain((demo_reports / "in-beeld" / f"funder-{lang}" / "summary.html")
                       .read_text("utf-8"))
        assert plain not in other and m["funder_caveat_no_comparator"] in other, lang
