"""Issue 16 through the one disclosure step and the one engine: referral sections in the
programme reports, the neighbourhood monitor report (fast checks; the demo-wide checks of every
number, the language and the canaries are in test_report_disclosure.py)."""

from __future__ import annotations

import html as htmllib
import json
import re

import pytest

from impact.i18n import render

from .conftest import ROOT, run_cli

WIW = ROOT / "synthetic_data" / "wijzer-in-de-wijk"


@pytest.fixture(scope="module")
def rich_run(kor_dir):
    """Kunst op Recept responses with the 36-month Wijzer in de Wijk referral register (all
    statuses, referrer types, routes, reach against population.csv)."""
    from impact.report.run import analyse_and_disclose

    return analyse_and_disclose(kor_dir / "responses.csv", kor_dir / "protocol.yaml",
                                referrals=WIW / "referrals.csv",
                                population=WIW / "population.csv")


def _text(page: str) -> str:
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_trend_and_groups_are_published_under_the_rules(rich_run):
    results, disclosed = rich_run
    true = results.to_dict()["referrals"]
    ref = disclosed["referrals"]
    m = disclosed["meta"]["min_cell_size"]
    assert true["trend"]["months"] - 2 >= m
    assert ref["trend"]["rate_ratio_per_year"] == pytest.approx(true["trend"]["rate_ratio_per_year"])
    assert ref["trend"]["change_percent"] == pytest.approx(
        abs(true["trend"]["rate_ratio_per_year"] - 1) * 100)
    assert ref["days_to_start"]["median"] == round(true["days_to_start"]["median"])
    # nothing of the unsuppressed object leaves except what the step built: no model internals,
    # no small group's name, no analyst note anywhere in published.json
    assert not {"theta", "se", "overdispersion_lr", "log_rate_ratio"} & set(ref["trend"])
    text = json.dumps(disclosed.to_dict(), ensure_ascii=False)
    for dim in ("by_referrer", "by_referrer_type", "by_route"):
        for r in true[dim]:
            if r["referrals"] < m:
                assert f'"{r["group"]}"' not in text, r["group"]
    assert not [n for n in true.get("notes") or [] if n in text]
    for dim in ("by_referrer", "by_referrer_type", "by_route"):
        rows = ref[dim]
        assert rows, dim
        # published groups have at least m referrals; their sum is the funnel's total
        assert all(r["referrals"] >= m for r in rows)
        assert sum(r["referrals"] for r in rows) == ref["funnel"]["stages"][0]["n"]
        named = {r["group"] for r in true[dim] if r["referrals"] < m}
        listed = {r["group"] for r in rows}
        assert not named & listed
    # the monthly series: per quarter when a month is small, adding up to the referrals
    rows = ref["monthly"]["rows"]
    shown = [r["referrals"] for r in rows if r["referrals"] is not None]
    assert all(v == 0 or v >= m for v in shown)
    if len(shown) == len(rows):
        assert sum(shown) == ref["funnel"]["stages"][0]["n"]
    # reach: referred counts small or hidden by the joint suppression, residents shown
    assert ref["reach"] and all(r["residents"] > 0 for r in ref["reach"])
    assert all(r["referred"] is None or r["referred"] == 0 or r["referred"] >= m
               for r in ref["reach"])
    hidden = [r for r in ref["reach"] if r["referred"] is None]
    assert all(r["per_1000"] is None for r in hidden)
    status = {c: disclosed["cells"][r["cell"]]["status"] for r in ref["reach"]
              for c in [r["cell"]]}
    assert set(status.values()) <= {"shown", "small", "hidden"}
    # no hidden referral count follows from what the run publishes (the same LP audit as the
    # programme cells: small cells in [1, m-1], other hidden ones >= 0)
    from .test_report_disclosure import _bounds

    published = disclosed.to_dict()
    ref_cells = [c for c in _bounds(published) if c.startswith("ref/")]
    assert ref_cells  # the register has small cells
    for cell, (lo, hi) in _bounds(published).items():
        assert hi - lo >= 1 - 1e-9 or (hi <= 1e-9 and published["cells"][cell]["status"]
                                        == "hidden"), (cell, lo, hi)


def test_referral_sentences_state_the_published_numbers(rich_run):
    from impact.report.engine import Context, referral_flow_section, referrals_funder_section
    from impact.i18n import fmt_number, messages

    _, disclosed = rich_run
    ref = disclosed["referrals"]
    t = ref["trend"]
    for lang in ("nl", "en"):
        m = messages(lang)
        text = _text(referrals_funder_section(Context(disclosed, lang, "funder")))
        rr = fmt_number(t["rate_ratio_per_year"], lang, 2)
        assert rr in text and fmt_number(t["ci_low"], lang, 2) in text
        up = t["rate_ratio_per_year"] >= 1
        start = m["referrals_trend_up" if up else "referrals_trend_down"].split("{")[0]
        assert start.strip() in text
        clear = not (t["ci_low"] <= 1 <= t["ci_high"])
        assert m["referrals_trend_clear" if clear else "referrals_trend_unclear"] in text
        st = {s["stage"]: s["n"] for s in ref["funnel"]["stages"]}
        assert fmt_number(st["started"], lang, 0) in text
        assert fmt_number(100 * st["started"] / st["referred"], lang, 0) + "%" in text
        g = _text(referral_flow_section(Context(disclosed, lang, "guideline")))
        q = ref["questionnaire"]       # the register against the questionnaires, in words
        assert q["without_referral"] > 0       # (the demo's Welzijn op Recept: none, test below)
        said = m["referrals_questionnaire_sentence"].format(
            **{k: fmt_number(q[k], lang, 0) for k in ("with_questionnaire",
                                                      "without_questionnaire",
                                                      "no_participant_id")})
        assert said in text + g
        if q["without_referral"]:
            assert m["referrals_questionnaire_unreferred"].format(
                without_referral=fmt_number(q["without_referral"], lang, 0)) in text + g
            assert m["referrals_questionnaire_all_referred"] not in text + g
        else:
            assert m["referrals_questionnaire_all_referred"] in text + g
        for k, v in ref["funnel"]["status"].items():  # the flow: every record's status
            assert f"{m['referrals_status_' + k]} {fmt_number(v, lang, 0)}" in g
        other = "en" if lang == "nl" else "nl"
        assert not [n for n in ref["notes"] if render(n, other) in text]
        assert ref["notes"] and all(render(n, lang) in text for n in ref["notes"])


def test_no_referral_key_leaves_the_run_without_referrals(kor_dir):
    from impact.report.run import analyse_and_disclose
    from impact.report.engine import Context, referral_flow_section, referrals_funder_section

    _, disclosed = analyse_and_disclose(kor_dir / "responses.csv", kor_dir / "protocol.yaml")
    assert disclosed["referrals"] is None
    assert referrals_funder_section(Context(disclosed, "nl", "funder")) == ""
    assert referral_flow_section(Context(disclosed, "en", "guideline")) == ""


def test_monitor_report_suppresses_small_neighbourhoods_and_keeps_raw_data_internal(tmp_path):
    import shutil
    import subprocess

    from impact.report.render import find_chromium

    tools = bool(find_chromium() and shutil.which("pandoc") and shutil.which("pdftotext"))
    proc = run_cli("monitor", WIW / "responses.csv", "--protocol", WIW / "protocol.yaml",
                   "--out", tmp_path / "m", "--lang", "en",
                   "--format", "html,pdf,docx" if tools else "html")
    assert proc.returncode == 0, proc.stderr
    folder = tmp_path / "m"
    if tools:  # the same deliverable folder as the programme reports, read back
        from impact.i18n import messages

        pdf = subprocess.run(["pdftotext", folder / "report.pdf", "-"], capture_output=True,
                             text=True, check=True).stdout
        docx = subprocess.run(["pandoc", folder / "report.docx", "-t", "plain"],
                              capture_output=True, text=True, check=True).stdout
        for text in (pdf, docx):
            assert "Zuiderpark" in text and messages("en")["monitor_suppressed"].format(
                neighbourhoods="Zuiderpark", m=50, round="2025") in " ".join(text.split())
    published = json.loads((folder / "published.json").read_text())
    internal = json.loads((folder / "internal" / "monitor.json").read_text())
    mon = published["monitor"]
    assert mon["min_respondents"] == 50
    small = {(e["neighbourhood"], str(e["round"])) for e in internal["estimates"] if e["n"] < 50}
    assert small and {h for h, _ in small} == set(mon["small_neighbourhoods"])
    for e in mon["estimates"]:
        if (e["neighbourhood"], str(e["round"])) in small:
            assert e["n"] is None and e["mean"] is None and e["suppressed"]
    for d in mon["did"]:
        if (d["neighbourhood"], str(d["first_round"])) in small or \
                (d["neighbourhood"], str(d["last_round"])) in small:
            assert d["did"] is None
    text = _text((folder / "report.html").read_text())
    # no mean of a suppressed neighbourhood-round reaches the page
    hood = sorted(small)[0][0]
    hidden_means = {f"{e['mean']:.1f}" for e in internal["estimates"]
                    if (e["neighbourhood"], str(e["round"])) in small}
    shown_means = {f"{e['mean']:.1f}" for e in mon["estimates"] if e["mean"] is not None} | {
        f"{r['mean']:.1f}" for r in mon["reference"]}
    assert hood in text
    assert not [v for v in hidden_means - shown_means if re.search(rf"(?<![\d.]){v}(?!\d)", text)]
    # outputs are never overwritten without --force
    again = run_cli("monitor", WIW / "responses.csv", "--protocol", WIW / "protocol.yaml",
                    "--out", folder)
    assert again.returncode == 2 and "Traceback" not in again.stderr


def test_report_command_takes_referrals_and_refuses_population_alone(kor_dir, tmp_path):
    proc = run_cli("report", kor_dir / "responses.csv", "--protocol", kor_dir / "protocol.yaml",
                   "--audience", "funder", "--population", WIW / "population.csv",
                   "--out", tmp_path / "r")
    assert proc.returncode == 2 and "--referrals" in proc.stderr
    assert not (tmp_path / "r" / "report.html").exists()


def test_report_layer_reads_no_unsuppressed_referrals():
    """The referral and monitor builders live in the report layer and import no analysis;
    the disclosure functions moved below it (one place: impact.disclosure.programme)."""
    import ast

    for name in ("referrals_sections.py", "monitor_sections.py", "engine.py"):
        tree = ast.parse((ROOT / "impact" / "report" / name).read_text())
        mods = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not [m for m in mods if m.lstrip(".").split(".")[0] in
                    ("referrals", "monitor", "stats", "io", "analysis", "studies")], (name, mods)
    assert not (ROOT / "impact" / "report" / "referrals_monitor_disclosure.py").exists()


def test_status_labels_say_what_the_register_does_not_record(demo_reports):
    """Welzijn op Recept's register records referral and start, not intake or completion: its
    status table must not call the referred-but-not-started 'no intake yet' nor the started
    'still taking part'; Kunst op Recept records every stage and keeps the plain labels."""
    from impact.i18n import messages

    for lang in ("nl", "en"):
        m = messages(lang)
        rows = {}
        for programme in ("welzijn-op-recept", "kunst-op-recept"):
            page = (demo_reports / programme / f"guideline-{lang}" / "report.html").read_text(
                "utf-8")
            rows[programme] = htmllib.unescape(page)
            pub = json.loads((demo_reports / programme / f"guideline-{lang}" / "published.json")
                             .read_text("utf-8"))["referrals"]
            assert pub["recorded"]["intake"] is (programme == "kunst-op-recept")
        wor, kor = rows["welzijn-op-recept"], rows["kunst-op-recept"]
        assert m["referrals_status_referred_intake_unrecorded"] in wor
        assert m["referrals_status_started_completion_unrecorded"] in wor
        assert m["referrals_status_referred"] not in wor and m["referrals_status_started"] not in wor
        assert m["referrals_status_referred"] in kor and m["referrals_status_started"] in kor
        assert m["referrals_status_referred_intake_unrecorded"] not in kor


def test_every_questionnaire_participant_referred_is_said_in_words(demo_reports):
    """Welzijn op Recept's register holds a referral for every participant who filled in a
    questionnaire: the report says so in words instead of '0 ... have no referral record'."""
    from impact.i18n import messages

    for lang in ("nl", "en"):
        folder = demo_reports / "welzijn-op-recept" / f"funder-{lang}"
        q = json.loads((folder / "published.json").read_text("utf-8"))["referrals"]["questionnaire"]
        assert q["without_referral"] == 0
        text = _text((folder / "report.html").read_text("utf-8"))
        assert messages(lang)["referrals_questionnaire_all_referred"] in text
        assert not re.search(r"(?:^|\. )0 ", text)          # no sentence opens with a zero
