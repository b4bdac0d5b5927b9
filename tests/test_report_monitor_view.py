"""The monitor report as a municipality reads it (issue 22): one comparator, said once (the
neighbourhood against the rest of the city, for level and change); differences drawn as dots with
their intervals, on a scale where 0.2 is visible; a neighbourhood under the minimum as one
sentence; a one-page summary whose counts are those of the published differences."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from impact.report.monitor_sections import monitor_section, monitor_summary_blocks

ROOT = Path(__file__).resolve().parents[1]
WIW = ROOT / "synthetic_data" / "wijzer-in-de-wijk"


@pytest.fixture(scope="module")
def run():
    from impact.report.run import monitor_and_disclose

    return monitor_and_disclose(WIW / "responses.csv", WIW / "protocol.yaml")


def _text(page: str) -> str:
    """The words a reader sees: tags (and the alt texts inside them) removed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_level_difference_is_against_the_rest_of_the_round():
    from impact.stats.survey import domain_means, neighbourhood_monitor

    rng = np.random.default_rng(3)
    n = 600
    frame = pd.DataFrame({"round": np.repeat(["2021", "2023"], n // 2),
                          "neighbourhood": rng.choice(["a", "b", "c"], n, p=[.2, .3, .5]),
                          "weight": rng.uniform(0.4, 2.5, n), "y": rng.normal(6, 1.5, n)})
    frame.loc[rng.choice(n, 25, replace=False), "y"] = np.nan
    res = neighbourhood_monitor(frame, ["y"], rounds=["2021", "2023"])
    frame["inside"] = frame["neighbourhood"] == "a"
    parts = domain_means(frame, "y", ["round", "inside"], weight="weight", strata="round")
    for rnd in ("2021", "2023"):
        own = parts[(parts["round"] == rnd) & parts["inside"]].iloc[0]
        rest = parts[(parts["round"] == rnd) & ~parts["inside"]].iloc[0]
        row = res.differences[(res.differences["neighbourhood"] == "a")
                              & (res.differences["round"] == rnd)].iloc[0]
        ok = frame[(frame["round"] == rnd) & frame["y"].notna()]
        rest_mean = np.average(ok.loc[~ok["inside"], "y"], weights=ok.loc[~ok["inside"], "weight"])
        assert row["difference"] == pytest.approx(own["mean"] - rest_mean, abs=1e-12)
        assert row["difference"] == pytest.approx(own["mean"] - rest["mean"], abs=1e-12)
        # two disjoint domains of one stratum: the variances add
        assert row["se"] ** 2 == pytest.approx(own["se"] ** 2 + rest["se"] ** 2, rel=1e-9)


@pytest.mark.parametrize("lang, rest", [("nl", "rest van Den Haag"), ("en", "rest of Den Haag")])
def test_every_comparison_is_with_the_rest_of_the_city(run, lang, rest):
    _, disclosed = run
    mon = disclosed["monitor"]
    page = monitor_section(mon, lang, figures=False)
    text = _text(page)
    assert text.count("Den Haag") == text.count(rest) > 5
    assert re.search(r"<th>\s*Den Haag\s*</th>", page) is None  # no column of the whole city
    summary = _text("".join(body for _, body in monitor_summary_blocks(_ctx(disclosed, lang))))
    assert summary.count("Den Haag") == summary.count(rest) >= 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_neighbourhood_under_the_minimum_is_one_sentence(run, lang):
    from impact.i18n import messages

    _, disclosed = run
    mon = disclosed["monitor"]
    assert mon["small_neighbourhoods"] == ["Zuiderpark"]
    page = monitor_section(mon, lang, neighbourhoods=["Moerwijk", "Zuiderpark"])
    text = _text(page)
    sentence = messages(lang)["monitor_suppressed"].format(neighbourhoods="Zuiderpark", m=50,
                                                            round="2025")
    assert sentence in text and text.count("Zuiderpark") == 1
    assert page.count("<table") == 1 and page.count("<img") == 1  # Moerwijk's only


def test_a_difference_of_two_tenths_is_visible(run):
    """On the demo's scale a difference of 0.2 lies at least 5 mm from zero on paper (the chart
    printed at the column width of A4, 176 mm; a grid line every 0.1), and a clear difference is
    drawn filled, an unclear one open."""
    from impact.plots.monitor import difference_limit, neighbourhood_differences

    _, disclosed = run
    mon = disclosed["monitor"]
    limit = difference_limit(mon, ["Bouwlust/Vrederust", "Moerwijk", "Morgenstond"])
    assert 0.4 <= limit <= 2.0
    toy = {"rounds": ["2019", "2025"], "outcomes": ["mph_body", "mph_mental"],
           "reference_area": "Den Haag", "estimates": [],
           "differences": [
               {"neighbourhood": "X", "round": "2025", "outcome": "mph_body", "difference": 0.2,
                "ci_low": 0.05, "ci_high": 0.35},
               {"neighbourhood": "X", "round": "2025", "outcome": "mph_mental",
                "difference": 0.0, "ci_low": -0.15, "ci_high": 0.15}],
           "did": [{"neighbourhood": "X", "outcome": "mph_body", "did": -0.2,
                    "did_ci_low": -0.5, "did_ci_high": 0.1}]}
    fig = neighbourhood_differences(toy, "X", lang="nl", limit=limit)
    fig.canvas.draw()
    level, change = fig.axes[:2]
    width = fig.get_size_inches()[0] * fig.dpi
    x0, x2 = (level.transData.transform((v, 0))[0] for v in (0.0, 0.2))
    assert (x2 - x0) / width * 176 >= 5
    dots = [line for line in level.lines if line.get_marker() == "o"]
    assert [d.get_xdata()[0] for d in dots] == [0.2, 0.0]
    assert dots[0].get_markerfacecolor() != dots[1].get_markerfacecolor()  # filled vs open
    assert [line.get_xdata()[0] for line in change.lines if line.get_marker() == "o"] == [-0.2]
    assert level.get_xlim() == change.get_xlim() == (-limit, limit)


def _ctx(disclosed, lang):
    from impact.report.engine import Context

    return Context(disclosed, lang, "monitor")


def test_summary_counts_are_those_of_the_published_differences(run):
    _, disclosed = run
    mon = disclosed["monitor"]
    blocks = dict(monitor_summary_blocks(_ctx(disclosed, "en")))
    table = blocks["Per neighbourhood"]
    rows = {cells[0]: cells[1:] for cells in
            (re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", table))
            if cells}
    assert set(rows) == {"Bouwlust/Vrederust", "Moerwijk", "Morgenstond"}
    for hood, cells in rows.items():
        diffs = [d for d in mon["differences"] if d["neighbourhood"] == hood
                 and str(d["round"]) == "2025"]
        did = [d for d in mon["did"] if d["neighbourhood"] == hood]
        lower = sum(d["ci_high"] < 0 for d in diffs)
        higher = sum(d["ci_low"] > 0 for d in diffs)
        worse = sum(d["did_ci_high"] < 0 for d in did)
        better = sum(d["did_ci_low"] > 0 for d in did)
        assert [int(c) for c in cells] == [lower, 6 - lower - higher, higher,
                                           worse, 6 - worse - better, better]
    assert "Zuiderpark" in table and "Zuiderpark" not in rows


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler")
def test_demo_monitor_has_a_one_page_summary(demo_reports):
    for lang in ("nl", "en"):
        folder = demo_reports / "wijzer-in-de-wijk" / f"monitor-{lang}"
        info = subprocess.run(["pdfinfo", str(folder / "summary.pdf")], capture_output=True,
                              text=True, check=True).stdout
        assert re.search(r"Pages:\s+1\b", info)
        text = " ".join(subprocess.run(["pdftotext", str(folder / "summary.pdf"), "-"],
                                       capture_output=True, text=True, check=True).stdout.split())
        assert "Zuiderpark" in text and "Moerwijk" in text
