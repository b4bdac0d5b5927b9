"""The guideline report (issue #7): every section, honest, private and numerically faithful.

The three synthetic programmes are rendered once for the module in both languages (papermill +
nbconvert, as ``impact report`` does), two at a time; the tests then read the HTML.
"""

import html
import json
import re
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

import pandas as pd
import pytest

from impact.report.guideline import SECTION_IDS
from impact.report.text import fmt_ci, fmt_number, messages

from .conftest import ROOT

DATA = ROOT / "synthetic_data"
PROGRAMMES = ("kunst-op-recept", "in-beeld", "welzijn-op-recept")
XSS = " <script>alert(1)</script> <b>vet</b>"
# (programme, lang, quotes): Kunst op Recept in English reads a quotes copy with markup in every
# text; Welzijn op Recept in English runs without quotes (no joint displays).
RUNS = [("kunst-op-recept", "en", "xss"), ("kunst-op-recept", "nl", "yes"),
        ("in-beeld", "nl", "yes"), ("in-beeld", "en", "yes"),
        ("welzijn-op-recept", "nl", "yes"), ("welzijn-op-recept", "en", "no")]


def _render_all(root):
    from impact.report import render_report

    xss_quotes = root / "quotes_xss.csv"
    q = pd.read_csv(DATA / "kunst-op-recept" / "quotes.csv", dtype=str)
    q["text"] = q["text"] + XSS
    q.to_csv(xss_quotes, index=False)

    def render(run):
        name, lang, quotes = run
        src = DATA / name
        qpath = {"xss": xss_quotes, "yes": src / "quotes.csv", "no": None}[quotes]
        render_report(src / "responses.csv", src / "protocol.yaml", root / f"{name}-{lang}",
                      audience="guideline", lang=lang, quotes=qpath,
                      codings=src / "codings.csv" if qpath else None)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(render, RUNS))
    (root / "done").touch()


@pytest.fixture(scope="module")
def reports(tmp_path_factory, worker_id):
    """The six reports, rendered once per test session: under pytest-xdist the first worker
    renders them into the session's shared temporary folder (under a lock) and the others
    read them."""
    import fcntl

    if worker_id == "master":
        root = tmp_path_factory.mktemp("guideline")
        _render_all(root)
    else:
        root = tmp_path_factory.getbasetemp().parent / "guideline-reports"
        root.mkdir(exist_ok=True)
        with open(root.parent / "guideline-reports.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (root / "done").exists():
                _render_all(root)
            fcntl.flock(lock, fcntl.LOCK_UN)
    out = {}
    for run in RUNS:
        name, lang, quotes = run
        folder = root / f"{name}-{lang}"
        out[run] = {"html": (folder / "report.html").read_text(encoding="utf-8"),
                    "results": json.loads((folder / "results.json").read_text(encoding="utf-8")),
                    "name": name, "lang": lang, "quotes": quotes}
    return out


class _Cells(HTMLParser):
    """Table rows (cell texts) and count cells of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.rows, self.counts, self._row, self._cell, self._attrs = [], [], None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell, self._attrs = [], dict(attrs)

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            if self._row is not None:
                self._row.append(text)
            if tag == "td" and "impact-count" in (self._attrs.get("class") or ""):
                self.counts.append((text, self._attrs))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None


def cells(fragment):
    parser = _Cells()
    parser.feed(fragment)
    return parser


def section_ids(page):
    return re.findall(r'<section\b[^>]*\bid="([^"]+)"', page)


def section_html(page, sid):
    match = re.search(r'<section\b[^>]*\bid="' + re.escape(sid) + r'"[^>]*>(.*?)</section>',
                      page, re.S)
    assert match, sid
    return match.group(1)


def plain_text(fragment):
    fragment = re.sub(r'src="data:image/png;base64,[^"]*"', "", fragment)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))


def min_cell(report):
    import yaml

    spec = yaml.safe_load((DATA / report["name"] / "protocol.yaml").read_text())
    return int(spec.get("min_cell_size", 10))


@pytest.mark.parametrize("run", RUNS, ids=["-".join(r) for r in RUNS])
def test_every_section_present_in_order(reports, run):
    rep = reports[run]
    R = rep["results"]
    expected = [s for s in SECTION_IDS
                if not (s == "models" and not R["models"])
                and not (s == "pooled" and not R["pooled"])
                and not (s == "joint-displays" and rep["quotes"] == "no")]
    assert section_ids(rep["html"]) == expected
    # models only with 3+ waves (Welzijn op Recept); pooling only with sites
    assert ("models" in expected) == (rep["name"] == "welzijn-op-recept")
    assert ("pooled" in expected) == (rep["name"] in ("in-beeld", "welzijn-op-recept"))


def test_in_beeld_publishes_pooled_results_only(reports):
    for lang in ("nl", "en"):
        rep = reports[("in-beeld", lang, "yes")]
        R, page = rep["results"], rep["html"]
        assert {s["n"] for s in R["sites"]} and max(s["n"] for s in R["sites"]) < min_cell(rep)
        pooled = section_html(page, "pooled")
        assert "<img" not in pooled and "impact-sites" not in pooled
        for label in {s["label"] for s in R["sites"]}:
            assert html.escape(label) not in page
        assert plain_text(pooled).count(messages(lang)["gl_pooled_only"].format(
            n=min_cell(rep))) == 1
        # the pooled estimate itself is there, formatted for the language
        p = R["pooled"][0]
        assert f"{fmt_number(p['estimate'], lang)} ({fmt_ci(p['ci_low'], p['ci_high'], lang)})" \
            in plain_text(pooled)


@pytest.mark.parametrize("run", RUNS, ids=["-".join(r) for r in RUNS])
def test_outcome_numbers_equal_results_json(reports, run):
    rep = reports[run]
    lang, R = rep["lang"], rep["results"]
    first_table = section_html(rep["html"], "outcomes").split("</table>")[0]  # not the legend
    rows = {r[0].rstrip(" *"): r for r in cells(first_table).rows[1:]}
    assert set(rows) == {o["outcome"] for o in R["outcomes"]}
    for o in R["outcomes"]:
        row = rows[o["outcome"]]
        assert row[0].endswith(" *") == bool(o["primary"])
        assert row[1] == str(o["n_paired"])
        assert row[4] == (f"{fmt_number(o['mean_change'], lang)} "
                          f"({fmt_ci(o['ci_low'], o['ci_high'], lang)})")
        assert row[7] == (f"{fmt_number(o['d_z'], lang, 2)} "
                          f"({fmt_ci(o['d_z_ci'][0], o['d_z_ci'][1], lang, 2)})")
    primary = next(o for o in R["outcomes"] if o["primary"])
    key = plain_text(section_html(rep["html"], "key-findings"))
    assert fmt_ci(primary["ci_low"], primary["ci_high"], lang) in key
    assert f" {primary['n_paired']} " in key


@pytest.mark.parametrize("run", RUNS, ids=["-".join(r) for r in RUNS])
def test_no_code_and_no_participant_ids(reports, run):
    rep = reports[run]
    page = rep["html"]
    assert "import impact" not in page and "In&nbsp;[" not in page and "In [" not in page
    assert "Traceback" not in page and "display(HTML" not in page
    src = DATA / rep["name"]
    ids = set(pd.read_csv(src / "responses.csv", dtype=str)["participant_id"].dropna())
    quotes = pd.read_csv(src / "quotes.csv", dtype=str)
    ids |= set(quotes["participant_id"].dropna()) | set(quotes["quote_id"].dropna())
    assert ids and not [i for i in ids if i in page]


@pytest.mark.parametrize("run", RUNS, ids=["-".join(r) for r in RUNS])
def test_every_count_cell_is_publishable(reports, run):
    rep = reports[run]
    limit = min_cell(rep)
    counts = cells(rep["html"]).counts
    assert len(counts) > 10
    suppressed = 0
    for text, attrs in counts:
        if "data-suppressed" in attrs:
            suppressed += 1
            assert not re.search(r"\d", text.replace(str(limit), "")), text
        else:
            assert int(text) == 0 or int(text) >= limit, text
    assert suppressed  # every cohort has some small group (drop-outs, deteriorated)


def test_quote_markup_is_escaped(reports):
    page = reports[("kunst-op-recept", "en", "xss")]["html"]
    joint = section_html(page, "joint-displays")
    assert "&lt;script&gt;" in joint and "&lt;b&gt;vet&lt;/b&gt;" in joint
    assert "<script" not in page and "<b>" not in page


@pytest.mark.parametrize("name", PROGRAMMES)
def test_dutch_report_uses_decimal_commas(reports, name):
    rep = reports[next(r for r in RUNS if r[0] == name and r[1] == "nl")]
    for sid in ("key-findings", "outcomes", "reliable-change", "sensitivity"):
        text = plain_text(section_html(rep["html"], sid))
        assert re.search(r"\d,\d", text), sid
        assert not re.search(r"\d\.\d", text), (sid, re.findall(r".{20}\d\.\d.{20}", text))


@pytest.mark.parametrize("run", RUNS, ids=["-".join(r) for r in RUNS])
def test_effect_claims_only_as_recognition_level_names(reports, run):
    """An uncontrolled pre/post design shows change, not effect: the words 'effectief' /
    'effective' may appear only inside the names of the recognition levels (which the report
    must be able to name), and the key findings say what the design cannot show."""
    rep = reports[run]
    m = messages(rep["lang"])
    assert not rep["results"]["controlled"]
    text = plain_text(rep["html"])
    for key in sorted((k for k in m if k.startswith("rec_level_")), key=lambda k: -len(m[k])):
        text = text.replace(m[key], "")
    assert not re.search(r"effectie[fv]|\beffective\b|\beffectively\b", text, re.I), \
        re.findall(r".{40}effecti.{40}", text, re.I)
    key = plain_text(section_html(rep["html"], "key-findings"))
    assert m["gl_kf_cannot"] in key


def test_figures_and_provenance(reports):
    rep = reports[("in-beeld", "en", "yes")]
    page, R = rep["html"], rep["results"]
    assert re.search(r'<img[^>]*src="data:image/png;base64,', section_html(page, "flow"))
    # 16 paired >= 10: the raincloud and Jacobson plot of the primary outcome are shown
    assert "<img" in section_html(page, "outcomes")
    assert "<img" in section_html(page, "reliable-change")
    # self-contained: nothing loaded from elsewhere
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert (rep["html"].startswith("<!DOCTYPE html>")
            and '<html lang="en">' in page and "<title>" in page)
    methods = section_html(page, "methods")
    for digest in R["provenance"]["files"].values():
        assert digest in methods
    assert len(R["provenance"]["files"]) == 4  # responses, protocol, quotes, codings
    assert R["provenance"]["pseudonymisation"]["key_source"] in plain_text(methods)
    welzijn = reports[("welzijn-op-recept", "nl", "yes")]["html"]
    coarse = plain_text(section_html(welzijn, "reliable-change"))
    assert messages("nl")["gl_rc_djg_coarse"] in coarse
    # the source of the SD is said in the report's language
    assert messages("nl")["gl_sd_source_baseline"] in coarse
    kor = reports[("kunst-op-recept", "nl", "yes")]["html"]
    assert messages("nl")["gl_sd_source_instrument"].format(instrument="pss10") in \
        plain_text(section_html(kor, "reliable-change"))


@pytest.fixture(scope="module")
def in_beeld_context():
    from impact.report.guideline import prepare

    src = DATA / "in-beeld"
    return prepare(src / "responses.csv", src / "protocol.yaml", quotes=src / "quotes.csv",
                   codings=src / "codings.csv", lang="en")


def test_small_groups_hide_individual_figures(in_beeld_context):
    from impact.report import guideline as g

    ctx = in_beeld_context
    saved = ctx.min_cell
    try:
        ctx.min_cell = 50  # a stricter rule (GGD monitors): fewer than 50 paired participants
        rc = g.reliable_change_section(ctx)
        assert "<img" not in rc and html.escape(ctx.m["gl_jacobson_hidden"].format(n=50)) in rc
        outcomes = g.outcomes_section(ctx)
        assert "<img" not in outcomes
        assert html.escape(ctx.m["gl_individual_hidden"].format(n=50)) in outcomes
        joint = g.joint_displays_section(ctx)
        assert html.escape(ctx.m["jd_side_hidden"].format(n=50)) in joint
        ctx.min_cell = 4  # every In Beeld site has at least 4 paired participants
        pooled = g.pooled_section(ctx)
        assert "impact-sites" in pooled and "<img" in pooled
        assert html.escape(ctx.R["sites"][0]["label"]) in pooled
    finally:
        ctx.min_cell = saved


def test_joint_display_links_quotes_to_change_by_pseudonym(in_beeld_context):
    """Quotes (raw ids) and scores (pseudonyms) meet through one per-run key: every quoted
    participant with a paired score gets a change category."""
    from impact.report.guideline import primary_reliable_change

    ctx = in_beeld_context
    rc = primary_reliable_change(ctx).to_frame()
    quoted = set(ctx.quotes["participant_id"])
    assert all(str(p).startswith("P-") for p in quoted)
    assert len(quoted & set(rc["participant_id"])) >= min(len(rc), 10)
    summary = {c: int((rc["category"].isin([c, "recovered"] if c == "improved" else [c])).sum())
               for c in ("improved", "unchanged", "deteriorated")}
    primary = ctx.primary()
    assert summary == {c: primary[f"rci_{c}"] for c in summary}


def test_protocol_text_is_escaped(in_beeld_context):
    from impact.report import guideline as g

    ctx = in_beeld_context
    title = ctx.R["title"]
    iv = ctx.protocol.raw.get("intervention")
    try:
        ctx.R["title"] = "<img src=x onerror=alert(1)> & co"
        ctx.protocol.raw["intervention"] = {**iv, "where": "<script>x()</script>"}
        head = g.header_section(ctx)
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; co" in head and "<img" not in head
        tidier = g.intervention_section(ctx)
        assert "&lt;script&gt;x()&lt;/script&gt;" in tidier and "<script" not in tidier
    finally:
        ctx.R["title"] = title
        ctx.protocol.raw["intervention"] = iv


def test_outcome_legend_names_the_instrument_and_its_reference():
    from impact.instruments import get_instrument
    from impact.report import guideline as g

    ctx = g.prepare(str(ROOT / "synthetic_data/in-beeld/responses.csv"),
                    str(ROOT / "synthetic_data/in-beeld/protocol.yaml"), lang="nl")
    section = g.outcomes_section(ctx)
    swemwbs = get_instrument("swemwbs")
    assert html.escape(swemwbs.name) in section and "hoger is beter" in section
    assert html.escape(swemwbs.reference.split(".")[0]) in section
    assert "lager is beter" in section  # ucla3: lonelier is worse
