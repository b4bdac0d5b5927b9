"""Issue 11: one disclosure step, one report engine. Every "Done when" line has a test here.

The demo (12 reports) is rendered once per session (``demo_reports`` in conftest.py).
"""

from __future__ import annotations

import ast
import html as htmllib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from .conftest import ROOT, run_cli

PROGRAMMES = ("kunst-op-recept", "in-beeld", "welzijn-op-recept")
AUDIENCES = ("guideline", "funder")
LANGS = ("nl", "en")


def _visible_text(page: str) -> str:
    """Text a reader sees: tag contents plus alt texts; no style, no embedded image data."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    alts = " ".join(re.findall(r'alt="([^"]*)"', page))
    page = re.sub(r"<[^>]+>", " ", page)
    return htmllib.unescape(page + " " + alts)


def _without_quotes(page: str) -> str:
    page = re.sub(r"<blockquote.*?</blockquote>", " ", page, flags=re.S)
    return re.sub(r"“[^”]*”", " ", page)


_NUM = re.compile(r"(?<![\w.,])[−-]?\d+(?:[.,]\d+)*")


def _variants(value) -> set[str]:
    out = set()
    if isinstance(value, bool) or value is None:
        return out
    if isinstance(value, (int, float)):
        for digits in (0, 1, 2, 3):
            text = f"{value:.{digits}f}".lstrip("-")
            out |= {text, text.replace(".", ",")}
            if abs(value) < 1:  # shares: 0.25 shown as 25%
                pct = f"{100 * value:.{digits}f}".lstrip("-")
                out |= {pct, pct.replace(".", ",")}
        return out
    if isinstance(value, str):
        return {t.replace("−", "-").lstrip("-") for t in _NUM.findall(value)}
    return out


def _published_numbers(obj, acc=None) -> set[str]:
    acc = set() if acc is None else acc
    if isinstance(obj, dict):
        for k, v in obj.items():
            _published_numbers(k, acc)
            _published_numbers(v, acc)
    elif isinstance(obj, list):
        for v in obj:
            _published_numbers(v, acc)
    else:
        acc |= _variants(obj)
    return acc


def _catalogue_numbers(lang) -> set[str]:
    from impact.i18n import messages

    return {t for v in messages(lang).values() if isinstance(v, str) for t in _variants(v)}


def _folder(demo, programme, audience, lang) -> Path:
    return demo / programme / f"{audience}-{lang}"


# ---- every number the reader sees is in published.json ------------------------------------------

def test_every_number_in_every_demo_report_is_in_published_json(demo_reports):
    for programme in PROGRAMMES:
        for audience in AUDIENCES:
            for lang in LANGS:
                folder = _folder(demo_reports, programme, audience, lang)
                published = json.loads((folder / "published.json").read_text())
                allowed = _published_numbers(published) | _catalogue_numbers(lang)
                text = _visible_text((folder / "report.html").read_text())
                tokens = {t.replace("−", "-").lstrip("-") for t in _NUM.findall(text)}
                # thousands separators: 1.234 (nl) / 1,234 (en)
                missing = {t for t in tokens if t not in allowed
                           and t.replace(".", "").replace(",", "") not in allowed}
                assert not missing, (folder, sorted(missing)[:20])


# ---- secondary suppression holds against the linear relations one run publishes ----------------

def _bounds(published):
    from scipy.optimize import linprog

    cells, m = published["cells"], published["meta"]["min_cell_size"]
    unknown = [c for c, v in cells.items() if v["status"] != "shown"]
    index = {c: i for i, c in enumerate(unknown)}
    a_eq, b_eq = [], []
    for con in published["constraints"]:
        row, rhs = [0.0] * len(unknown), 0.0
        total = con["total"]
        members = [(c, 1.0) for c in con["cells"]]
        if isinstance(total, str):
            members.append((total, -1.0))
        else:
            rhs = float(total)
        for c, sign in members:
            if c in index:
                row[index[c]] += sign
            else:
                rhs -= sign * cells[c]["value"]
        if any(row):
            a_eq.append(row)
            b_eq.append(rhs)
    bounds = [(1, m - 1) if cells[c]["status"] == "small" else (0, None) for c in unknown]
    result = {}
    for c in unknown:
        if cells[c]["status"] == "unpublished":
            continue
        obj = [0.0] * len(unknown)
        obj[index[c]] = 1.0
        lo = linprog(obj, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds, method="highs")
        hi = linprog([-x for x in obj], A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds,
                     method="highs")
        assert lo.status == 0 and hi.status == 0, (c, lo.message, hi.message)
        result[c] = (lo.fun, -hi.fun)
    return result


def test_no_hidden_cell_follows_from_the_published_relations(demo_reports):
    checked = 0
    for programme in PROGRAMMES:
        published = json.loads((_folder(demo_reports, programme, "funder", "nl")
                                / "published.json").read_text())
        for cell, (lo, hi) in _bounds(published).items():
            # a zero may be published (it identifies no one), so learning a zero is no leak
            assert hi - lo >= 1 - 1e-9 or (hi <= 1e-9 and published["cells"][cell]["status"]
                                            == "hidden"), (programme, cell, lo, hi)
            checked += 1
    assert checked > 10  # the demo hides real cells


def test_single_hidden_cell_in_a_relation_is_protected():
    """The solver: one small cell in a sum with a published total gets a partner."""
    from impact.disclosure.policy import DisclosurePolicy
    from impact.disclosure.cells import _Cells

    cells = _Cells(DisclosurePolicy())
    ids = [cells.add("a", 4), cells.add("b", 30), cells.add("c", 12)]
    cells.relate(ids, 46, "a + b + c")
    cells.solve()
    assert cells.hidden == {"a", "c"}  # c, the smallest other, hides a
    published = {"cells": cells.published(), "constraints": cells.constraints,
                 "meta": {"min_cell_size": 10}}
    lo, hi = _bounds(published)["a"]
    assert (lo, hi) == (1, 9)


def test_funder_and_guideline_reports_of_one_run_hide_the_same_cells(demo_reports):
    for programme in PROGRAMMES:
        cells = [json.loads((_folder(demo_reports, programme, a, lang) / "published.json")
                            .read_text())["cells"] for a in AUDIENCES for lang in LANGS]
        assert all(c == cells[0] for c in cells[1:]), programme
        hidden = {k for k, v in cells[0].items() if v["status"] in ("small", "hidden")}
        for audience in AUDIENCES:
            page = (_folder(demo_reports, programme, audience, "nl") / "report.html").read_text()
            # a hidden count is never printed: every count cell shows a published value
            shown = re.findall(r'<td class="impact-count">(\d+)</td>', page)
            values = {str(v["value"]) for v in cells[0].values() if v["value"] is not None}
            assert set(shown) <= values, (programme, audience)
        assert hidden, programme


def test_merged_category_values_are_never_listed(demo_reports):
    folder = _folder(demo_reports, "kunst-op-recept", "guideline", "nl")
    published = json.loads((folder / "published.json").read_text())
    data = pd.read_csv(demo_reports / "kunst-op-recept" / "data" / "responses.csv")
    first = data.drop_duplicates("participant_id")
    page = (folder / "report.html").read_text()
    for row in published["baseline"]["background"]:
        if row["kind"] != "categorical":
            continue
        counts = first[row["column"]].value_counts()
        for name in counts[counts < 10].index:
            assert str(name) not in page, name
            assert str(name) not in json.dumps(published), name


# ---- canaries -----------------------------------------------------------------------------------

NAMES = ("Kanariena Vogelzang", "Pietje Putter")
REFERRER_CANARY = "Huisartsenpraktijk Goudvink"


@pytest.fixture(scope="module")
def canary_folders(kor_dir, tmp_path_factory):
    import yaml

    from impact.report.run import analyse_and_disclose
    from impact.report.render import render_report

    data = pd.read_csv(kor_dir / "responses.csv")
    ids = list(dict.fromkeys(data["participant_id"]))
    who = {pid: f"Deelnemer{i} Achternaam{i}" for i, pid in enumerate(ids)}
    who[ids[0]], who[ids[1]] = NAMES
    data["naam"] = data["participant_id"].map(who)
    data["email"] = data["participant_id"].map(lambda p: f"{p.lower()}@kanarie.example.nl")
    data["Datum"] = "2025-03-0" + (data.index % 9 + 1).astype(str)
    data.loc[data["participant_id"].isin(ids[2:4]), "neighbourhood"] = "Kanariewijk"
    data.loc[data["participant_id"] == ids[4], "referrer"] = "Praktijk Kanariepiet"
    data["group"] = data["participant_id"].map(
        lambda p: "Kanariegroep" if p in ids[-3:] else "Deelnemersgroep")  # a control arm of 3
    proto = yaml.safe_load((kor_dir / "protocol.yaml").read_text())
    proto["background"] = ["age", "neighbourhood", "referrer"]
    quotes = pd.read_csv(kor_dir / "quotes.csv")
    quotes.loc[0, "text"] = f"Ik ben {NAMES[0]} en ik vond het geweldig om weer te schilderen."
    quotes.loc[1, "text"] = f"Mijn docent {NAMES[1].split()[0]} hielp me enorm met het boetseren."
    out = tmp_path_factory.mktemp("canary")
    qpath, cpath = out / "quotes.csv", kor_dir / "codings.csv"
    quotes.to_csv(qpath, index=False)
    # issue 16: a referrer with a single referral (merged into "other", never named)
    referrals = pd.read_csv(kor_dir / "referrals.csv")
    referrals.loc[referrals.index[-1], "referrer"] = REFERRER_CANARY
    rpath = out / "referrals.csv"
    referrals.to_csv(rpath, index=False)
    run = analyse_and_disclose(data, proto, quotes=qpath, codings=cpath, referrals=rpath)
    from impact.report.render import find_chromium

    pdf = find_chromium() is not None
    folders = []
    for audience, lang in (("guideline", "nl"), ("funder", "en")):
        target = out / f"{audience}-{lang}"
        formats = (("html", "pdf") if pdf and audience == "guideline" else
                   ("html", "docx") if audience == "funder" else ("html",))
        render_report(None, None, target, audience=audience, lang=lang, run=run, quiet=True,
                      formats=formats)
        folders.append(target)
    return folders, data


def test_canaries_never_reach_the_deliverable(canary_folders):
    folders, data = canary_folders
    import shutil
    import subprocess

    canaries = (list(data["naam"].unique()) + list(data["email"].unique())
                + [n.split()[0] for n in NAMES] + [n.split()[1] for n in NAMES]
                + ["2025-03-0", "Kanariewijk", "Kanariepiet", "kanarie.example", "Kanariegroep",
                   "Goudvink"])
    pdfs = docxs = 0
    for folder in folders:
        files = [p for p in folder.rglob("*") if p.is_file() and "internal" not in p.parts]
        assert {p.name for p in files} <= {"report.html", "published.json", "report.pdf",
                                           "report.docx", "summary.html", "summary.pdf"}
        published = json.loads((folder / "published.json").read_text())
        assert published["meta"]["arms_withheld"] and not published["models"]
        assert not published["controlled"]
        for path in files:
            if path.suffix == ".docx":  # every paragraph and table cell of the Word file
                docx = pytest.importorskip("docx")
                doc = docx.Document(str(path))
                text = "\n".join([p.text for p in doc.paragraphs] + [
                    c.text for t in doc.tables for r in t.rows for c in r.cells])
                assert "Reach" in text  # the funder report in English
                docxs += 1
            elif path.suffix == ".pdf":
                if shutil.which("pdftotext") is None:
                    continue
                text = subprocess.run(["pdftotext", path, "-"], capture_output=True,
                                      text=True).stdout
                if path.name == "report.pdf":
                    assert "Stroom van deelnemers" in text
                    pdfs += 1
            else:
                text = path.read_text(encoding="utf-8")
            found = [c for c in canaries if c.lower() in text.lower()]
            assert not found, (path, found[:5])
            # no participant id, raw or pseudonymous
            assert not re.search(r"\bP-[0-9a-f]{16}\b", text), path
            assert not [i for i in data["participant_id"].unique() if str(i) in text], path
        assert (folder / "internal" / "results.json").exists()
        # the referral canary is in the analyst's material, and the report has its section
        assert REFERRER_CANARY in (folder / "internal" / "results.json").read_text()
        html = (folder / "report.html").read_text(encoding="utf-8")
        assert ('id="referrals"' in html) or ('id="referral-flow"' in html)
        assert published["referrals"]["by_referrer"][-1]["merged"]
    import os

    assert pdfs or not os.environ.get("CI"), "CI installs chromium and poppler-utils"
    assert docxs or not os.environ.get("CI"), "CI installs pandoc"


@pytest.mark.parametrize("column,values", [
    ("naam", ["An de Vries", "Bo Jansen"]),
    ("contact", ["a@b.nl", "c@d.com"]),
    ("Datum", ["2025-01-02", "2025-02-03"]),
    ("telefoon", ["0612345678", "0698765432"]),
])
def test_identifier_like_background_is_refused_naming_the_column(kor_dir, column, values):
    import yaml

    from impact import analyse
    from impact.errors import InputError

    data = pd.read_csv(kor_dir / "responses.csv")
    data[column] = [values[i % 2] for i in range(len(data))]
    proto = yaml.safe_load((kor_dir / "protocol.yaml").read_text())
    proto["background"] = ["age", column]
    with pytest.raises(InputError) as err:
        analyse(data, proto)
    assert f"'{column}'" in str(err.value)


def test_min_cell_size_under_five_needs_allow_small_cells_and_the_report_says_so(kor_dir):
    import yaml

    from impact.disclosure import DisclosurePolicy
    from impact.errors import InputError
    from impact.protocol import protocol_from_dict
    from impact.report.engine import Context, header_section
    from impact.i18n import messages

    proto = yaml.safe_load((kor_dir / "protocol.yaml").read_text())
    proto["min_cell_size"] = 3
    with pytest.raises(InputError, match="allow_small_cells"):
        protocol_from_dict(proto)
    proto["allow_small_cells"] = True
    p = protocol_from_dict(proto)
    assert DisclosurePolicy.from_protocol(p).min_cell_size == 3
    ctx = Context({"meta": {"title": "t", "min_cell_size": 3, "allow_small_cells": True}},
                  "nl", "funder")
    assert messages("nl")["e_small_cells_allowed"].format(n=3) in htmllib.unescape(
        header_section(ctx))


# ---- language -------------------------------------------------------------------------------------

def test_reports_speak_the_readers_language(demo_reports):
    from impact.qual import default_codebook
    from impact.i18n import messages

    book = default_codebook()
    nl_labels = {c.name("nl") for c in book} - {c.name("en") for c in book}
    for programme in PROGRAMMES:
        published = json.loads((_folder(demo_reports, programme, "funder", "nl")
                                / "published.json").read_text())
        columns = [o["outcome"] for o in published["outcomes"]]
        nl_labels |= {o["label"]["nl"] for o in published["outcomes"]
                      if o["label"]["nl"] != o["label"]["en"]}
        for audience in AUDIENCES:
            nl = _visible_text(_without_quotes(
                (_folder(demo_reports, programme, audience, "nl") / "report.html").read_text()))
            en = _visible_text(_without_quotes(
                (_folder(demo_reports, programme, audience, "en") / "report.html").read_text()))
            for text in (nl, en):
                assert not [c for c in columns if c in text], (programme, audience)
                assert not [c.id for c in book if re.search(rf"\b{c.id}\b", text)
                            and "_" in c.id], (programme, audience)
                assert "participant_id" not in text
            english = [w for w in ("improved", "deteriorated", "baseline", "participants",
                                   "Outcome", "other") if re.search(rf"\b{w}\b", nl)]
            assert not english, (programme, audience, english)
            dutch = [w for w in nl_labels | {messages("nl")["e_other"], "deelnemers"}
                     if re.search(rf"\b{re.escape(w)}\b", en)]
            assert not dutch, (programme, audience, dutch)
            if (_folder(demo_reports, programme, audience, "en") / "report.html").read_text() \
                    .count("impact-quote") or audience == "guideline":
                assert messages("en")["e_quotes_untranslated"].format(
                    language=messages("en")["e_language_nl"]) in en
            # quotes and the report in one language: no note that they are untranslated
            note_nl = messages("nl")["e_quotes_untranslated"].split("(")[0].strip()
            assert note_nl not in nl, (programme, audience)


def test_no_author_instructions_in_any_deliverable(demo_reports):
    from impact.protocol import PROTOCOL_KEYS

    keys = [k for k in PROTOCOL_KEYS if "_" in k or k in ("continuation", "lessons",
                                                          "partners", "intervention")]
    for page in demo_reports.rglob("report.html"):
        text = _visible_text(page.read_text())
        assert not re.search(r"(?<![\w-])--[a-z]", text), page
        assert not re.search(r"\b[\w-]+\.(json|csv|yaml|ipynb|txt)\b", text), page
        assert not [k for k in keys if f"'{k}'" in text or re.search(rf"\b{k}\.", text)], page
        assert "internal/" not in text


# ---- sentences come from the numbers they speak of ------------------------------------------------

@pytest.fixture(scope="module")
def kor_disclosed(kor_dir):
    from impact.report.run import analyse_and_disclose

    return analyse_and_disclose(kor_dir / "responses.csv", kor_dir / "protocol.yaml",
                                quotes=kor_dir / "quotes.csv", codings=kor_dir / "codings.csv")


def test_reliable_change_sentence_states_the_disclosed_cells(kor_disclosed):
    from impact.report.engine import Context, rci_sentence

    _, disclosed = kor_disclosed
    for lang in LANGS:
        ctx = Context(disclosed, lang, "funder")
        o = ctx.primary()
        text = rci_sentence(ctx, o)
        # no sentence around a hidden number: the shown counts, or what can be said
        assert ctx.m["e_count_hidden"] not in text
        statuses = [ctx.cell(o["rci"][c]) for c in ("improved", "unchanged", "deteriorated")]
        for value, status in statuses:
            if status == "shown":
                assert str(value) in text
        if any(s != "shown" for _, s in statuses):
            heads = [ctx.m[k].split("{n}")[1][:25] for k in
                     ("e_rci_changed_together", "e_rci_some_shown", "e_rci_none_shown")]
            assert any(h in text for h in heads), text
        assert str(o["n_paired"]) in text
        values = [ctx.cell(o["rci"][c])[0] for c in ("improved", "unchanged", "deteriorated")]
        if None not in values:
            assert sum(values) == o["n_paired"]


def test_outcome_counts_and_not_computed_sentences(kor_disclosed):
    from impact.report.engine import Context, funder_outcomes_section, guideline_outcomes_section

    _, disclosed = kor_disclosed
    D = json.loads(json.dumps(disclosed.to_dict()))
    D["outcomes"][1]["shown"] = False
    D["outcomes"][1]["mean_change"] = None
    D["meta"]["n_not_computed"] = 1
    D["meta"]["headline_outcomes"] = [o["outcome"] for o in D["outcomes"]]
    for lang in LANGS:
        ctx = Context(D, lang, "funder")
        page = htmllib.unescape(funder_outcomes_section(ctx))
        assert ctx.m["e_outcomes_count"].format(total=len(D["outcomes"]), k=len(D["outcomes"]),
                                                shown=len(D["outcomes"]) - 1, n=10) in page
        # every outcome the sentence counts has its own heading
        for o in D["outcomes"]:
            assert o["label"][lang][:1].upper() + o["label"][lang][1:] in page
        g = Context(D, lang, "guideline")
        page = htmllib.unescape(guideline_outcomes_section(g))
        assert g.m["e_not_computed_one"].format(k=1) in page
        assert "(en)" not in g.m["e_not_computed_one"]
        assert g.m["e_outcomes_hidden_one"].format(k=1, n=10) in page
    # one topic: the singular sentence, with its own count
    D1 = json.loads(json.dumps(disclosed.to_dict()))
    D1["outcomes"] = D1["outcomes"][:1]
    D1["meta"]["headline_outcomes"] = [D1["outcomes"][0]["outcome"]]
    for lang in LANGS:
        ctx = Context(D1, lang, "funder")
        page = htmllib.unescape(funder_outcomes_section(ctx))
        assert ctx.m["e_outcomes_count_one"].format(total=1, k=1, shown=1, n=10) in page
        assert "onderwerp(en)" not in page and "topic(s)" not in page


def test_dropout_sentence_splits_as_the_flow_does(kor_disclosed):
    from impact.report.engine import Context, sensitivity_section

    _, disclosed = kor_disclosed
    f = disclosed["flow"]
    for lang in LANGS:
        ctx = Context(disclosed, lang, "guideline")
        page = htmllib.unescape(sensitivity_section(ctx))
        assert ctx.m["e_dropout_split"].format(lost=f["without_followup"],
                                               of=f["with_baseline"]) in page
        assert f["with_baseline"] - f["paired"] >= f["without_followup"]


def test_limitation_counts_uncomputed_outcomes_not_notes(kor_disclosed):
    results, disclosed = kor_disclosed
    items = {i["key"]: i["params"] for i in disclosed["evidence"]["limitations"]["items"]}
    uncomputed = sum(1 for o in results["outcomes"] if o.get("mean_change") is None)
    if uncomputed:
        assert items["lim_not_computed"]["k"] == uncomputed
    else:
        assert "lim_not_computed" not in items


# ---- the layering ---------------------------------------------------------------------------------

FORBIDDEN = ("impact.io", "impact.stats", "impact.studies.programme", "impact.instruments",
             "impact.qual", "impact.studies.joint", "impact.evidence")


def test_report_modules_neither_read_data_nor_compute_statistics():
    """ast check of impact/report/*.py: no import of readers, statistics or the analysis, and
    no pandas/numpy reader call. power_plot.py (the planning notebook's power curves, not a
    report of a run) is the one exemption."""
    problems = []
    for path in sorted((ROOT / "impact" / "report").glob("*.py")):
        if path.name == "power_plot.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom):
                base = "impact.report" if node.level == 1 else "impact" if node.level == 2 else ""
                module = ".".join(x for x in (base, node.module or "") if x)
                names = [module] + [f"{module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                    problems.append((path.name, name))
            if isinstance(node, ast.Attribute) and node.attr.startswith("read_") and \
                    node.attr not in ("read_text",):
                problems.append((path.name, node.attr))
    allowed = {("deliver.py", "read_bytes")}  # counts the pages of the PDF it printed itself
    # run.py chains the analysis and the disclosure step for the commands (it renders nothing);
    # evidence_view.py and synthesis_sections.py say the published evidence in words (no
    # statistic: each object is rebuilt from its published dict or parameters)
    problems = [p for p in problems if p[0] != "run.py"
                and not (p[0] in ("evidence_view.py", "synthesis_sections.py")
                         and p[1].startswith("impact.evidence"))]
    assert not [p for p in problems if p not in allowed], problems


# ---- render_report: inputs, errors, no overwrite ---------------------------------------------------

def test_report_refuses_an_existing_report_without_force(kor_dir, tmp_path):
    (tmp_path / "report.html").write_text("old")
    args = [kor_dir / "responses.csv", "--protocol", kor_dir / "protocol.yaml", "--audience",
            "funder", "--out", tmp_path]
    proc = run_cli("report", *args)
    assert proc.returncode == 2 and "--force" in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "report.html").read_text() == "old"


def test_report_input_error_leaves_nothing_behind(kor_dir, tmp_path):
    import yaml

    spec = yaml.safe_load((kor_dir / "protocol.yaml").read_text())
    spec["background"] = ["age", "naam"]
    bad = tmp_path / "protocol.yaml"
    bad.write_text(yaml.safe_dump(spec, allow_unicode=True))
    out = tmp_path / "out"
    proc = run_cli("report", kor_dir / "responses.csv", "--protocol", bad, "--audience",
                   "guideline", "--out", out)
    assert proc.returncode == 2 and "naam" in proc.stderr and "Traceback" not in proc.stderr
    assert not (out / "report.html").exists() and not (out / "published.json").exists()


def test_render_report_takes_frames_and_mappings(kor_dir, tmp_path):
    import yaml

    from impact.report import render_report

    data = pd.read_csv(kor_dir / "responses.csv")
    proto = yaml.safe_load((kor_dir / "protocol.yaml").read_text())
    proto["waves"] = [{"id": "T0", "label": {"nl": "Intake", "en": "Intake"}, "weeks": 0},
                      {"id": "T1", "label": {"nl": "Einde", "en": "End of course"}, "weeks": 12}]
    written = render_report(data, proto, tmp_path, audience="guideline", lang="en", quiet=True)
    assert written["html"].exists() and written["published"].exists()
    assert written["results"] == tmp_path / "internal" / "results.json"
    text = _visible_text(written["html"].read_text())
    assert "End of course" in text and not re.search(r"\bT1\b", text)


def test_author_notes_go_to_stderr_and_internal_not_to_the_report(kor_dir, tmp_path):
    proc = run_cli("report", kor_dir / "responses.csv", "--protocol", kor_dir / "protocol.yaml",
                   "--audience", "funder", "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "continuation" in proc.stderr
    notes = (tmp_path / "internal" / "author-notes.txt").read_text()
    assert "continuation" in notes
    page = (tmp_path / "report.html").read_text()
    assert "continuation" not in page and 'id="continuation"' not in page


# ---- the solver, as a property ----------------------------------------------------------------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _two_way_cells(rows):
    """A table's cells with its row and column totals as cells, related: (cells, ids, row
    totals, column totals)."""
    from impact.disclosure.cells import _Cells
    from impact.disclosure.policy import DisclosurePolicy

    cells = _Cells(DisclosurePolicy())
    ids = [[cells.add(f"{i}/{j}", v) for j, v in enumerate(row)] for i, row in enumerate(rows)]
    row_tot = [cells.add(f"row{i}", sum(row)) for i, row in enumerate(rows)]
    col_tot = [cells.add(f"col{j}", sum(r[j] for r in rows)) for j in range(len(rows[0]))]
    for i in range(len(rows)):
        cells.relate(ids[i], row_tot[i], f"row {i}")
    for j in range(len(rows[0])):
        cells.relate([ids[i][j] for i in range(len(rows))], col_tot[j], f"col {j}")
    return cells, ids, row_tot, col_tot


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.integers(0, 25), min_size=2, max_size=4), min_size=2, max_size=4)
       .filter(lambda rows: len({len(r) for r in rows}) == 1))
@example([[0, 7], [9, 2]])   # found by hypothesis: two small column totals pinned by the total
def test_no_cell_of_a_two_way_table_with_published_margins_is_exposed(rows):
    """Any table with its row and column totals (cells themselves) and a published grand total:
    after disclosure every small cell is hidden and no hidden cell's value follows from the
    published ones (linear programming)."""
    cells, ids, row_tot, col_tot = _two_way_cells(rows)
    grand = sum(map(sum, rows))
    if 0 < grand < 10:
        return  # a grand total under the minimum is never published
    cells.relate(row_tot, grand, "grand total")
    cells.relate(col_tot, grand, "grand total")
    cells.solve()
    assert all(c in cells.hidden for c, v in cells.values.items() if 0 < v < 10)
    # never exposed in silence: what the audit still finds exposed when nothing shown is left to
    # hide is named (and the disclosure step tells the author); [[0, 7], [9, 2]] with a
    # published 18: the column totals 9 and 9, both small, follow for a reader who knows that
    assert cells.exposed() == cells.unresolved
    if rows == [[0, 7], [9, 2]]:
        assert cells.unresolved == ["col0", "col1"]


def test_an_exposure_the_audit_cannot_remove_is_told_to_the_author():
    cells, _, row_tot, col_tot = _two_way_cells([[0, 7], [9, 2]])
    cells.relate(row_tot, 18, "grand total")
    cells.relate(col_tot, 18, "grand total")
    cells.solve()
    assert cells.unresolved == ["col0", "col1"]
    (note,) = cells.unresolved_notes()
    assert "2 hidden count(s)" in note and "col 0" in note and "grand total" in note
    fine, _, rows, _ = _two_way_cells([[20, 30], [40, 50]])
    fine.relate(rows, 140, "grand total")
    fine.solve()
    assert fine.unresolved == [] and fine.unresolved_notes() == []


def test_figures_draw_only_published_values(demo_reports, monkeypatch):
    """The flow diagram, the Positive Health spider and the forest plot get their numbers from
    published.json: every number handed to a figure function is a published one."""
    import impact.plots.flowchart as flowchart
    import impact.plots.forest as forest
    import impact.plots.spider as spider
    from impact.disclosure import Disclosed
    from impact.report import engine

    seen = []

    def record(name):
        def stub(*args, **kwargs):
            seen.append((name, args, kwargs))
            import matplotlib.pyplot as plt

            fig = plt.figure()
            plt.close(fig)
            return fig
        return stub

    monkeypatch.setattr(flowchart, "flow_diagram", record("flow"))
    monkeypatch.setattr(spider, "spider_plot", record("spider"))
    monkeypatch.setattr(forest, "forest_plot", record("forest"))

    def numbers(obj, acc):
        if isinstance(obj, dict):
            for v in obj.values():
                numbers(v, acc)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                numbers(v, acc)
        elif hasattr(obj, "to_dict") and hasattr(obj, "columns"):
            numbers(obj.to_dict("list"), acc)
        elif hasattr(obj, "__dict__") and not isinstance(obj, type):
            numbers(vars(obj), acc)
        elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
            acc.append(obj)
        return acc

    drawn = set()
    for programme in PROGRAMMES:
        published_path = _folder(demo_reports, programme, "guideline", "en") / "published.json"
        published = json.loads(published_path.read_text())
        allowed = _published_numbers(published)
        for audience, sections in (("guideline", (engine.flow_section, engine.pooled_section)),
                                   ("funder", (engine.positive_health_section,))):
            ctx = engine.Context(Disclosed.from_json(published_path), "en", audience)
            for build in sections:
                build(ctx)
        for name, args, kwargs in seen:
            values = numbers([args, kwargs], [])
            assert values, name
            bad = [v for v in values if not (_variants(v) & allowed)]
            assert not bad, (programme, name, bad[:5])
        drawn.update(name for name, _, _ in seen)
        seen.clear()
    assert drawn >= {"flow", "spider"}


# ---- issue 16/17: referrals, the neighbourhood monitor and the synthesis through the same step ---

EXTRA = {"monitor": "wijzer-in-de-wijk/monitor-{lang}", "synthesis": "synthesis/{lang}"}


def _extra(demo, kind, lang) -> Path:
    return demo / EXTRA[kind].format(lang=lang)


def _numbers_missing(folder, lang):
    published = json.loads((folder / "published.json").read_text())
    allowed = _published_numbers(published) | _catalogue_numbers(lang)
    text = _visible_text((folder / "report.html").read_text())
    tokens = {t.replace("−", "-").lstrip("-") for t in _NUM.findall(text)}
    return {t for t in tokens if t not in allowed
            and t.replace(".", "").replace(",", "") not in allowed}


def test_every_number_in_the_monitor_and_synthesis_reports_is_in_published_json(demo_reports):
    for kind in EXTRA:
        for lang in LANGS:
            folder = _extra(demo_reports, kind, lang)
            assert not _numbers_missing(folder, lang), (folder, sorted(_numbers_missing(
                folder, lang))[:20])
            files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
            assert {"report.html", "published.json"} <= files
            assert any(f.startswith("internal/") for f in files)
            assert not [f for f in files if not f.startswith("internal/")
                        and f not in ("report.html", "report.pdf", "report.docx",
                                      "published.json", "summary.html", "summary.pdf")], files


def test_new_sections_are_present_in_dutch_and_english(demo_reports):
    from impact.i18n import messages

    for lang in LANGS:
        m = messages(lang)
        funder = (_folder(demo_reports, "welzijn-op-recept", "funder", lang)
                  / "report.html").read_text()
        guideline = (_folder(demo_reports, "welzijn-op-recept", "guideline", lang)
                     / "report.html").read_text()
        assert 'id="referrals"' in funder and 'id="referral-flow"' in guideline
        for page in (funder, guideline):
            assert htmllib.escape(m["referrals_heading"]) in page
        # the guideline flow begins at referral: its section comes before the participant flow
        assert guideline.index('id="referral-flow"') < guideline.index('id="flow"')
        monitor = (_extra(demo_reports, "monitor", lang) / "report.html").read_text()
        assert 'id="monitor"' in monitor and f'<html lang="{lang}"' in monitor
        assert htmllib.escape(m["monitor_heading"]) in monitor
        # small neighbourhoods are suppressed by the protocol's GGD option (50 respondents)
        assert m["monitor_suppressed"].format(neighbourhoods="Zuiderpark", m=50,
                                              round="2025") in htmllib.unescape(monitor)
        assert monitor.count("<img") >= 2  # a dot-and-interval chart per shown neighbourhood
        synthesis = (_extra(demo_reports, "synthesis", lang) / "report.html").read_text()
        assert 'id="synthesis"' in synthesis and "impact-deliver-css" in synthesis
        assert htmllib.escape(m["syn_section_sof"]) in synthesis
    index = (demo_reports / "index.html").read_text()
    for kind in EXTRA:
        for lang in LANGS:
            assert EXTRA[kind].format(lang=lang) + "/report.html" in index
    # a programme without referral records in the demo: no empty section
    page = (_folder(demo_reports, "in-beeld", "funder", "nl") / "report.html").read_text()
    assert 'id="referrals"' not in page


def test_new_reports_speak_the_readers_language(demo_reports):
    from impact.i18n import messages

    # words of the catalogues (the protocol's own intervention text is the author's language)
    nl_words = {messages("nl")["e_other"], "Uitkomst", "Verschil", "Verwijzingen", "Gestart",
                "Instroom", "Respondenten"}
    en_words = ("Outcome", "Difference", "referrals", "improved", "other", "Referrals")
    pages = [(_extra(demo_reports, "monitor", lang) / "report.html", lang) for lang in LANGS]
    pages += [(_folder(demo_reports, "welzijn-op-recept", a, lang) / "report.html", lang)
              for a in AUDIENCES for lang in LANGS]
    for path, lang in pages:
        text = _visible_text(_without_quotes(path.read_text()))
        assert "mph_" not in text and "by_referrer" not in text, path
        if lang == "nl":
            english = [w for w in en_words if re.search(rf"\b{w}\b", text)]
            assert not english, (path, english)
        else:
            dutch = [w for w in nl_words if re.search(rf"\b{re.escape(w)}\b", text)]
            assert not dutch, (path, dutch)


def test_referral_counts_are_suppressed_jointly_and_the_funnel_reconciles(demo_reports):
    """Welzijn op Recept: referrers under the threshold merged (names absent), hidden counts
    protected by the same relations as every other cell, the funnel reconciled with the records
    and with the questionnaire flow."""
    import pandas as pd

    folder = _folder(demo_reports, "welzijn-op-recept", "funder", "nl")
    published = json.loads((folder / "published.json").read_text())
    internal = json.loads((folder / "internal" / "results.json").read_text())["referrals"]
    ref = published["referrals"]
    records = pd.read_csv(demo_reports / "welzijn-op-recept" / "data" / "referrals.csv")
    # every record counted once over the statuses the register records (the others: None)
    assert ref["funnel"]["records"] == len(records) == sum(
        v for v in ref["funnel"]["status"].values() if v is not None)
    assert ref["funnel"]["stages"][0]["n"] == len(records)
    q = ref["questionnaire"]
    assert q["no_participant_id"] + q["with_questionnaire"] + q["without_questionnaire"] \
        == len(records)
    assert q["with_baseline"] == published["flow"]["with_baseline"]
    counts = records["referrer"].value_counts()
    small = [name for name, n in counts.items() if n < 10]
    assert small  # the synthetic cohort has a referrer under the threshold
    text = json.dumps(published, ensure_ascii=False)
    html = " ".join((_folder(demo_reports, "welzijn-op-recept", a, lang) / "report.html")
                    .read_text() for a in AUDIENCES for lang in LANGS)
    for name in small:
        assert name not in text and name not in html
    rows = ref["by_referrer"]
    assert rows[-1]["merged"] and rows[-1]["group"] is None
    # every group cell is in the joint relations; shown values equal the true ones
    cells = published["cells"]
    related = {c for con in published["constraints"] for c in con["cells"]}
    for r in rows:
        for key, cid in r["cells"].items():
            assert cid in related
            if key in ("referrals", "started", "completed"):
                assert cells[cid]["value"] == r[key]
    assert sum(r["referrals"] for r in rows) == len(records)
    true = {r["group"]: r for r in internal["by_referrer"]}
    for r in rows:
        if not r["merged"] and r["started"] is not None:
            assert r["started"] == true[r["group"]]["started"]
    # a hidden count is printed as "not shown", never as a bound
    from impact.i18n import messages

    if any(r["started"] is None for r in rows):
        assert htmllib.escape(messages("nl")["e_cell_hidden"]) in (folder / "report.html") \
            .read_text()


def test_reliable_change_table_names_the_instrument_not_its_id(kor_disclosed):
    """The SD source column says which instrument's norm SD was used by its name (the reader's
    words), never by the instrument id of the code."""
    from impact.report.engine import Context, reliable_change_section

    _, disclosed = kor_disclosed
    from_file = [o for o in disclosed["outcomes"]
                 if str(o.get("rci_sd_source") or "").startswith("instrument ")]
    assert from_file
    for lang in LANGS:
        page = htmllib.unescape(reliable_change_section(Context(disclosed, lang, "guideline")))
        for o in from_file:
            ident = o["rci_sd_source"].split(" ", 1)[1]
            assert o["instrument"][lang] in page
            assert not re.search(rf"\b{re.escape(ident)}\b", page), (lang, ident)


def _exposed_by_bounds(cells):
    """Exposure read off every cell's own programme (the audit before its shortcut)."""
    return [c for c, (lo, hi) in cells.bounds().items()
            if hi - lo < 1 - 1e-9 and not (hi <= 1e-9 and c not in cells.small)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 25), min_size=2, max_size=4), min_size=2, max_size=4)
       .filter(lambda rows: len({len(r) for r in rows}) == 1),
       st.integers(0, 40), st.booleans())
def test_the_audits_shortcut_finds_what_every_cells_programme_finds(rows, grand_extra, solve):
    """exposed() skips the programme of a cell that two tables already seen put 1 or more
    apart; it names the same cells as a programme per cell, before and after suppression."""
    cells, ids, row_tot, col_tot = _two_way_cells(rows)
    # a grand total as a cell of its own (sometimes small, so hidden) or as a published number
    grand = sum(map(sum, rows))
    if grand_extra % 2:
        cells.relate(row_tot, cells.add("grand", grand), "grand total")
    else:
        cells.relate(row_tot, grand, "grand total")
    cells.add("unpublished", grand_extra, False)
    cells.relate([ids[0][0], "unpublished"], cells.add("extra", rows[0][0] + grand_extra), "x")
    if solve:
        cells.solve()
    assert cells.exposed() == _exposed_by_bounds(cells)


def test_the_audits_shortcut_on_tables_that_expose():
    """Cells a reader can work out are still named (the shortcut never skips them)."""
    from impact.disclosure.cells import _Cells
    from impact.disclosure.policy import DisclosurePolicy

    cells = _Cells(DisclosurePolicy())
    a, b = cells.add("a", 3), cells.add("b", 40)      # a small, b shown: a = total - b
    cells.relate([a, b], 43, "total")
    c, d = cells.add("c", 2), cells.add("d", 5)       # two small cells of a known sum 7 ...
    cells.hide(cells.add("e", 12))                    # ... beside a hidden large one
    cells.relate([c, d, "e"], 19, "second")
    assert cells.exposed() == _exposed_by_bounds(cells) == ["a"]
