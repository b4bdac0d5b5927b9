"""Referral records: reading and validating, funnel reconciliation, CLI, reach, disclosure,
report section (issue 16)."""

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.cli import main
from impact.errors import InputError
from impact.io.referrals import STATUSES, parse_date, read_referrals
from impact.studies.referrals import analyse_referrals, referral_analysis, read_population
from impact.disclosure import disclose_referrals, report_referrals
from impact.report.referrals_sections import funnel_sentence, referrals_section, trend_sentences
from impact.synth.referrals import population_table, referral_register

ROOT = Path(__file__).resolve().parents[1]
WOR = ROOT / "synthetic_data" / "welzijn-op-recept"

MIXED = """referral_id;participant_id;referrer;referrer_type;route;referral_date;start_date;end_date;status
V1;P1;Huisarts A;huisarts;ZorgDomein;9-3-2025;2025-03-20;;gestart
V2;P2;Huisarts A;huisarts;Welzijn op Recept;2025-03-10;24/03/2025;2025-06-30;afgerond
V3;;Wijkteam;wijkteam;direct;11 maart 2025;;;afgezien
V4;P4;Wijkteam;wijkteam;direct;12 mrt 2025;1-4-2025;;uitgevallen
V5;;Huisarts A;huisarts;;2025-04-02;;;
"""


def write(tmp_path, text, name="verwijzingen.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_dates_in_dutch_and_iso_forms():
    import datetime as dt

    d = dt.date(2025, 3, 9)
    for text in ("2025-03-09", "9-3-2025", "09/03/2025", "9.3.2025", "9 maart 2025", "9 mrt 2025",
                 "2025-03-09 00:00:00"):
        assert parse_date(text) == d, text
    for bad in ("31-2-2025", "maart", "2025/13/01", "9 foo 2025"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_mixed_file_is_read_and_normalised(tmp_path):
    frame, problems = read_referrals(write(tmp_path, MIXED))
    assert frame["status"].tolist() == ["started", "completed", "declined", "dropped_out",
                                        "referred"]
    assert frame["route"].tolist()[:4] == ["zorgdomein", "welzijn_op_recept", "direct", "direct"]
    assert frame["referral_date"].dt.day.tolist() == [9, 10, 11, 12, 2]
    assert frame["participant_id"].isna().tolist() == [False, False, True, False, True]
    assert list(frame.index) == [2, 3, 4, 5, 6]  # file rows
    assert frame.loc[6, "status_source"] == "dates"


def test_every_error_names_file_row_and_column(tmp_path):
    text = ("referral_id,participant_id,referrer,referral_date,status,route\n"
            "V1,P1,Huisarts,2025-02-30,started,direct\n"
            "V1,P2,,2025-03-01,onbekend,fiets\n")
    with pytest.raises(InputError) as info:
        read_referrals(write(tmp_path, text))
    found = {(p.row, p.column, p.rule) for p in info.value.problems}
    assert (2, "referral_date", "dates") in found
    assert (3, "referral_id", "referral ids are unique") in found
    assert (3, "referrer", "every referral names its referrer") in found
    assert (3, "status", "statuses") in found
    assert (3, "route", "routes") in found


def test_missing_required_column(tmp_path):
    with pytest.raises(InputError) as info:
        read_referrals(write(tmp_path, "referral_id,referrer\nV1,A\n"))
    assert info.value.column == "participant_id"


def test_cli_exit_2_without_traceback(tmp_path, capsys):
    bad = write(tmp_path, "referral_id,participant_id,referrer,referral_date\nV1,P1,A,gisteren\n")
    assert main(["referrals", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "row 2" in err and "referral_date" in err and "Traceback" not in err


def test_input_file_is_not_modified(tmp_path):
    p = write(tmp_path, MIXED)
    before = p.read_bytes()
    analyse_referrals(p)
    assert p.read_bytes() == before


def test_funnel_reconciles_exactly_with_the_input(tmp_path):
    r = analyse_referrals(write(tmp_path, MIXED)).to_dict()
    f = r["funnel"]
    assert f["records"] == 5 and f["reconciles"]
    assert f["status"] == {"referred": 1, "intake": 0, "started": 1, "completed": 1,
                           "declined": 1, "dropped_out": 1}
    assert [s["n"] for s in f["stages"]] == [5, 3, 3, 1]
    ref = {g["group"]: g for g in r["by_referrer"]}
    assert ref["Huisarts A"]["referrals"] == 3 and ref["Huisarts A"]["started"] == 2
    assert ref["Wijkteam"]["uptake"] == 0.5
    assert r["days_to_start"] == {"median": 14.0, "q1": 12.5, "q3": 17.0, "n": 3,
                                  "mean": pytest.approx(15.0)}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(STATUSES), min_size=1, max_size=60))
def test_every_record_is_counted_once(statuses):
    n = len(statuses)
    frame = pd.DataFrame({
        "referral_id": [f"V{i}" for i in range(n)], "participant_id": [f"P{i}" for i in range(n)],
        "referrer": ["A", "B"] * (n // 2) + ["A"] * (n % 2),
        "referral_date": pd.to_datetime("2025-01-01") + pd.to_timedelta(range(n), unit="D"),
        "intake_date": pd.NaT, "start_date": pd.NaT, "end_date": pd.NaT, "status": statuses})
    f = referral_analysis(frame).to_dict()["funnel"]
    assert sum(f["status"].values()) == n == f["stages"][0]["n"]
    started = sum(s in ("started", "completed", "dropped_out") for s in statuses)
    assert f["stages"][2]["n"] == started
    by = referral_analysis(frame).to_dict()["by_referrer"]
    assert sum(g["referrals"] for g in by) == n and sum(g["started"] for g in by) == started


def test_synthetic_register_counts_and_planted_trend():
    frame, truth = referral_register(3)
    assert len(frame) == truth["n_referrals"] == sum(truth["monthly_counts"])
    r = referral_analysis(frame.assign(**{c: pd.to_datetime(frame[c].replace("", None))
                                         for c in ("referral_date", "intake_date", "start_date",
                                                   "end_date")})).to_dict()
    assert [m["referrals"] for m in r["monthly"]] == truth["monthly_counts"]
    assert r["funnel"]["status"] == truth["status_counts"]
    t = r["trend"]
    assert t["ci_low"] < 1.35 < t["ci_high"] and 1.2 < t["rate_ratio_per_year"] < 1.5


def test_synth_cohort_writes_register_and_population(tmp_path):
    assert main(["synth", "--programme", "wijzer-in-de-wijk", "--seed", "2", "--out",
                 str(tmp_path / "a")]) == 0
    main(["synth", "--programme", "wijzer-in-de-wijk", "--seed", "2", "--out",
          str(tmp_path / "b")])
    for name in ("responses.csv", "referrals.csv", "population.csv", "truth.json",
                 "protocol.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    truth = json.loads((tmp_path / "a" / "truth.json").read_text())
    r = analyse_referrals(tmp_path / "a" / "referrals.csv", tmp_path / "a" / "protocol.yaml")
    assert r["funnel"]["records"] == truth["referrals"]["n_referrals"]
    assert "reach" in r.data  # population.csv named by the protocol


def test_legacy_started_column_and_questionnaire_flow():
    from impact.studies.programme import analyse

    res = analyse(WOR / "responses.csv", WOR / "protocol.yaml",
                  referrals=WOR / "referrals.csv").to_dict()
    refs = pd.read_csv(WOR / "referrals.csv", keep_default_na=False)
    resp = pd.read_csv(WOR / "responses.csv")
    q = res["referrals"]["questionnaire"]
    assert q["records"] == len(refs) == res["referrals"]["funnel"]["records"]
    assert q["no_participant_id"] == int((refs["participant_id"] == "").sum())
    assert q["with_questionnaire"] == int(refs["participant_id"].isin(resp["participant_id"]).sum())
    assert q["questionnaire_participants"] == resp["participant_id"].nunique()
    assert q["reconciles"]
    assert q["with_baseline"] == res["flow"]["with_baseline"]
    assert res["referrals"]["funnel"]["status"]["started"] == int(refs["started"].sum())
    assert str(WOR / "referrals.csv") in res["provenance"]["files"]


def test_analyse_cli_with_referrals(tmp_path, capsys):
    out = tmp_path / "results.json"
    assert main(["analyse", str(WOR / "responses.csv"), "--protocol", str(WOR / "protocol.yaml"),
                 "--referrals", str(WOR / "referrals.csv"), "--output", str(out)]) == 0
    d = json.loads(out.read_text())
    assert set(d["referrals"]) >= {"funnel", "by_referrer", "by_route", "monthly", "trend",
                                   "days_to_start"}
    assert set(d["referrals"]["trend"]) >= {"rate_ratio_per_year", "ci_low", "ci_high", "p",
                                            "model"}
    assert set(d["referrals"]["days_to_start"]) >= {"median", "q1", "q3", "n"}


def test_referrals_cli_json_and_no_overwrite(tmp_path, capsys):
    p = write(tmp_path, MIXED)
    assert main(["referrals", str(p), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["referrals"]["funnel"]["records"] == 5
    out = tmp_path / "r.json"
    out.write_text("{}")
    assert main(["referrals", str(p), "--output", str(out)]) == 2
    assert out.read_text() == "{}"


def test_population_table_and_reach(tmp_path):
    pop = population_table()
    path = tmp_path / "bevolking.csv"
    pop.to_csv(path, index=False)
    assert read_population(path)["residents"].sum() == pop["residents"].sum()
    frame, _ = referral_register(1)
    f = frame.assign(**{c: pd.to_datetime(frame[c].replace("", None))
                        for c in ("referral_date", "intake_date", "start_date", "end_date")})
    reach = referral_analysis(f, population=read_population(path)).to_dict()["reach"]
    assert sum(r["referred"] for r in reach) == len(f)  # every adult age falls in a group
    one = next(r for r in reach if r["neighbourhood"] == "Moerwijk"
               and r["age_group"] == "65 jaar of ouder")
    n = int(((f["neighbourhood"] == "Moerwijk") & (f["age"] >= 65)).sum())
    assert one["referred"] == n and one["per_1000"] == pytest.approx(1000 * n / one["residents"])
    bad = tmp_path / "bad.csv"
    bad.write_text("neighbourhood,age_group,residents\nA,oud,10\n")
    with pytest.raises(InputError) as info:
        read_population(bad)
    assert info.value.row == 2 and info.value.column == "age_group"


def _small_register():
    rows = []
    for i in range(60):
        referrer = "Praktijk A" if i < 30 else "Praktijk B" if i < 52 else f"Klein {i % 3}"
        status = "completed" if i % 3 == 0 else "started" if i % 3 == 1 else "declined"
        rows.append({"referral_id": f"V{i}", "participant_id": f"P{i}", "referrer": referrer,
                     "referral_date": pd.Timestamp("2024-01-01") + pd.Timedelta(days=12 * i),
                     "intake_date": pd.NaT,
                     "start_date": pd.Timestamp("2024-01-01") + pd.Timedelta(days=12 * i + 20)
                     if status != "declined" else pd.NaT, "end_date": pd.NaT, "status": status})
    return pd.DataFrame(rows)


def test_disclosure_merges_small_referrers_and_protects_complements():
    r = referral_analysis(_small_register()).to_dict()
    d = disclose_referrals(r, min_cell_size=10, lang="nl")
    groups = [g["group"] for g in d["by_referrer"]]
    assert "overig" in groups and not any(g.startswith("Klein") for g in groups)
    text = json.dumps(d, ensure_ascii=False)
    assert "Klein" not in text
    for g in d["by_referrer"]:
        for col in ("started", "completed"):
            v = g[col]
            assert v is None or v == 0 or v >= 10
        if g["started"] is not None:  # the complement is never small either
            assert g["referrals"] - g["started"] == 0 or g["referrals"] - g["started"] >= 10
    assert d["funnel"] == r["funnel"]  # flow counts are published in full
    assert d["monthly"]["period"] == "quarter"
    assert all(m["referrals"] is None or m["referrals"] >= 10 for m in d["monthly"]["rows"])
    assert d["trend"] is not None and d["days_to_start"]["n"] == 40


def test_report_helper_and_section_sentences():
    frame, _ = referral_register(5)
    f = frame.assign(**{c: pd.to_datetime(frame[c].replace("", None))
                        for c in ("referral_date", "intake_date", "start_date", "end_date")})
    results = {"language": "en", "min_cell_size": 10,
               "referrals": referral_analysis(f).to_dict()}
    d = report_referrals(results)
    st_ = {s["stage"]: s["n"] for s in d["funnel"]["stages"]}
    sentence = funnel_sentence(d, "en")
    assert f"Of the {st_['referred']:,} referrals" in sentence
    pct = round(100 * st_["started"] / st_["referred"])
    assert f"({pct}%)" in sentence
    t = d["trend"]
    words = trend_sentences(d, "en")
    assert ("rose" if t["rate_ratio_per_year"] > 1 else "fell") in words[0]
    assert f"{t['ci_low']:.2f}" in words[0]
    assert words[1] == ("The whole interval lies on one side of 1." if t["ci_low"] > 1
                        else "The interval includes 1: these data do not show whether "
                             "referrals rose or fell.")
    html = referrals_section(d, "nl", audience="guideline", figures=False)
    assert "Verwijzingen: van verwijzing tot afronding" in html and "Via ZorgDomein" in html
    assert "<script" not in html


def test_section_escapes_names():
    frame = _small_register()
    frame.loc[:40, "referrer"] = "<b>Praktijk & co</b>"
    d = disclose_referrals(referral_analysis(frame).to_dict(), lang="en")
    html = referrals_section(d, "en", figures=False)
    assert "&lt;b&gt;Praktijk &amp; co&lt;/b&gt;" in html and "<b>Praktijk" not in html


def test_xlsx_with_spreadsheet_dates(tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["referral_id", "participant_id", "referrer", "referral_date", "start_date"])
    ws.append(["V1", "P1", "Huisarts", dt.datetime(2025, 3, 9), "20-3-2025"])
    ws.append(["V2", None, "Huisarts", "10 maart 2025", None])
    path = tmp_path / "verwijzingen.xlsx"
    wb.save(path)
    frame, _ = read_referrals(path)
    assert frame["referral_date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-03-09", "2025-03-10"]
    assert frame["status"].tolist() == ["started", "referred"]
    assert analyse_referrals(path)["days_to_start"]["median"] == 11


def test_population_path_must_stay_inside_the_protocol_folder(tmp_path):
    (tmp_path / "p").mkdir()
    proto = tmp_path / "p" / "protocol.yaml"
    proto.write_text("title: t\nwaves: [T0, T1]\ninstruments: [pss10]\n"
                     "referrals: {population: ../bevolking.csv}\n", encoding="utf-8")
    population_table().to_csv(tmp_path / "bevolking.csv", index=False)
    with pytest.raises(InputError) as info:
        analyse_referrals(write(tmp_path, MIXED), proto)
    assert info.value.rule == "paths stay inside the protocol's folder"


def test_result_objects_and_break_date_on_the_command_line(tmp_path, capsys):
    frame, truth = referral_register(4)
    path = tmp_path / "register.csv"
    frame.to_csv(path, index=False)
    r = analyse_referrals(path, break_date="2024-07-01")
    t = r["trend"]
    assert t["break_month"] == "2024-07" and t["break_index"] == 18
    assert t["break_level_ci_low"] < t["break_level_ratio"] < t["break_level_ci_high"]
    assert f"{truth['n_referrals']} referrals" in r.summary()
    assert "<table" in r._repr_html_() and len(r.to_frame()) == 8
    assert main(["referrals", str(path), "--break-date", "1-7-2024", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)["referrals"]["trend"]
    assert d["break_level_ratio"] == pytest.approx(t["break_level_ratio"])
    assert main(["referrals", str(path), "--break-date", "ooit"]) == 2


def test_minimal_frame_without_optional_columns():
    frame = pd.DataFrame({"referral_id": ["V1", "V2", "V3"], "participant_id": ["P1", None, "P3"],
                          "referrer": ["A", "A", "B"],
                          "referral_date": pd.to_datetime(["2025-01-05", "2025-02-01",
                                                           "2025-02-03"])})
    r = referral_analysis(frame).to_dict()
    assert r["funnel"]["status"]["referred"] == 3 and r["days_to_start"]["n"] == 0
    assert r["monthly"] == [{"month": "2025-01", "referrals": 1}, {"month": "2025-02", "referrals": 2}]


def _register_frame(seed=5, months=24):
    frame, truth = referral_register(seed, months=months, start="2023-01")
    dated = frame.assign(**{c: pd.to_datetime(frame[c].replace("", None))
                            for c in ("referral_date", "intake_date", "start_date", "end_date")})
    return dated, truth


def test_register_period_leaves_partial_months_out_of_the_trend():
    """A register kept from 10 January 2023 to 14 December 2024: January 2023 and December 2024
    are partial, so the trend is the count model of the 22 whole months in between."""
    from impact.stats.counts import count_trend

    frame, truth = _register_frame()
    kept = frame[(frame["referral_date"] >= "2023-01-10") & (frame["referral_date"] <= "2024-12-14")]
    r = referral_analysis(kept, period=("2023-01-10", "14-12-2024"))
    months = r["monthly"]
    assert [m["month"] for m in months][:1] == ["2023-01"] and len(months) == 24
    whole = [m["referrals"] for m in months][1:-1]
    assert whole == truth["monthly_counts"][1:-1]
    expected = count_trend(whole).to_dict()
    t = r["trend"]
    assert t["rate_ratio_per_year"] == pytest.approx(expected["rate_ratio_per_year"], rel=1e-12)
    assert t["ci_low"] == pytest.approx(expected["ci_low"], rel=1e-12)
    assert (t["first_month"], t["last_month"], t["months"]) == ("2023-02", "2024-11", 22)
    assert any("2023-01 is not a whole month" in n for n in r.notes)
    assert any("2024-12 is not a whole month" in n for n in r.notes)
    # the same register read as whole months from the first to the last referral: a note
    plain = referral_analysis(kept)
    assert plain["trend"]["months"] == 24
    assert any("referrals.period" in n for n in plain.notes)


def test_register_period_counts_empty_months_and_sets_aside_referrals_outside_it():
    frame, truth = _register_frame(seed=6)
    r = referral_analysis(frame, period=("2022-11-01", "2025-02-28"))
    months = r["monthly"]
    assert len(months) == 28 and months[0] == {"month": "2022-11", "referrals": 0}
    assert months[-1] == {"month": "2025-02", "referrals": 0}
    assert r["trend"]["months"] == 28 and not any("not a whole month" in n for n in r.notes)
    inner = referral_analysis(frame, period=("2023-03-01", "2024-12-31"))
    outside = truth["monthly_counts"][0] + truth["monthly_counts"][1]
    assert any(f"{outside} referral(s) dated outside" in n for n in inner.notes)
    assert sum(m["referrals"] for m in inner["monthly"]) == len(frame) - outside
    assert inner["funnel"]["records"] == len(frame)           # every record still accounted for


def test_edge_note_only_when_the_first_or_last_referral_lies_inside_its_month():
    def notes(*dates):
        frame = pd.DataFrame({"referral_id": [f"V{i}" for i in range(len(dates))],
                              "participant_id": None, "referrer": "A",
                              "referral_date": pd.to_datetime(list(dates))})
        return [n for n in referral_analysis(frame).notes if "referrals.period" in n]

    assert notes("2025-01-02", "2025-02-15", "2025-03-30") == []
    assert "first referral is dated 2025-01-12" in notes("2025-01-12", "2025-03-30")[0]
    assert "last 2025-03-20" in notes("2025-01-02", "2025-03-20")[0]


@pytest.mark.parametrize("period, says", [
    ("{start: 2025-03-01}", "needs a start and an end"),
    ("{start: 2025-03-01, end: ooit}", "not a date"),
    ("{start: 2025-05-01, end: 2025-03-01}", "after it ends"),
])
def test_bad_register_period_is_an_input_error(tmp_path, capsys, period, says):
    proto = tmp_path / "protocol.yaml"
    proto.write_text("title: t\nwaves: [T0, T1]\ninstruments: [pss10]\n"
                     f"referrals: {{period: {period}}}\n", encoding="utf-8")
    assert main(["referrals", str(write(tmp_path, MIXED)), "--protocol", str(proto)]) == 2
    err = capsys.readouterr().err
    assert says in err and "referrals.period" in err and str(proto) in err
    assert "Traceback" not in err


def test_standalone_referral_disclosure_tells_the_author_what_it_cannot_protect(monkeypatch):
    """The referral tables disclosed on their own carry the audit's note for the author, as a
    run's disclosure does: none when every hidden count is protected; when the audit is left
    with exposed cells, the note names them and their table."""
    from impact.disclosure.cells import _Cells

    r = referral_analysis(_small_register()).to_dict()
    assert disclose_referrals(r, min_cell_size=10, lang="nl")["author_notes"] == []
    solve = _Cells.solve

    def left_exposed(self):
        solve(self)
        hidden = sorted(self.hidden)
        self.unresolved = hidden[:1]       # as solve() names what it cannot hide further

    monkeypatch.setattr(_Cells, "solve", left_exposed)
    d = disclose_referrals(r, min_cell_size=10, lang="nl")
    (note,) = d["author_notes"]
    assert note.startswith("the disclosure audit finds 1 hidden count(s)") and "ref_" in note


def test_a_register_of_one_referral_a_month_is_summarised_quietly(tmp_path):
    """Twelve referrals, one a month, with no status column: the Poisson trend fits every month
    exactly (rate ratio 1). The command prints its own lines only (statsmodels' warning that the
    fit is perfect stays inside), and the stages the register does not hold are said to be
    unrecorded, not printed as None."""
    import subprocess
    import sys

    rows = [{"referral_id": f"R{m:02d}", "participant_id": f"P{m:02d}", "referrer": "huisarts",
             "referral_date": f"2024-{m:02d}-1{m % 9}"} for m in range(1, 13)]
    path = tmp_path / "referrals.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    proc = subprocess.run([sys.executable, "-m", "impact", "referrals", str(path)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    first = proc.stdout.splitlines()[0]
    assert first == ("12 referrals; intake not recorded, started not recorded, "
                     "completed not recorded")
    assert "rate ratio per year 1.000" in proc.stdout and "None" not in proc.stdout
