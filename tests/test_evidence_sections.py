"""Evidence report sections: escaped HTML, language formatting, and complete catalogues."""

import re
import string
from pathlib import Path

import pandas as pd
import pytest
import yaml

from impact.evidence import (CERTAINTY_LEVELS, RECOGNITION_LEVELS, TIDIER_ITEMS, TREND_ITEMS,
                             grade_certainty)
from impact.studies.joint import (CHANGE_CATEGORIES, side_by_side, statistics_by_theme,
                              themes_by_change)
from impact.report import evidence_sections as es
from impact.plots.spider import MPH_DIMENSIONS

from .evidence_helpers import FULL_INTERVENTION, outcome, protocol, results

ROOT = Path(__file__).resolve().parents[1]
EVIL = "<script>alert(1)</script>"
SROI = {"inputs": 5000, "outcomes": [
    {"name": f"calm {EVIL}", "quantity": 10, "proxy": 1000, "deadweight": 0.2, "duration": 2,
     "drop_off": 0.5, "proxy_source": EVIL}]}


def catalogue(lang):
    from impact.i18n import messages

    return dict(messages(lang))


def test_catalogues_have_identical_keys_and_placeholders():
    nl, en = catalogue("nl"), catalogue("en")
    assert set(nl) == set(en)
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    assert [k for k in nl if fields(nl[k]) != fields(en[k])] == []


def test_every_key_the_evidence_code_uses_exists():
    en = catalogue("en")
    files = ["impact/evidence/grade.py", "impact/evidence/recognition.py",
             "impact/evidence/checklists.py", "impact/evidence/limitations.py",
             "impact/report/evidence_sections.py", "impact/plots/spider.py",
             "impact/report/plots.py"]
    literal = set()
    for f in files:
        text = (ROOT / f).read_text("utf-8")
        literal |= set(re.findall(r"""m\[["']([a-z0-9_]+)["']\]""", text))
        literal |= set(re.findall(r'"((?:grade_fn|rec_reason|trend_note|lim|sof|rec)_[a-z_]+)"', text))
    dynamic = ({f"certainty_{v}" for v in CERTAINTY_LEVELS.values()}
               | {f"rec_level_{v}" for v in RECOGNITION_LEVELS}
               | {f"trend_item_{v}" for v in TREND_ITEMS}
               | {f"tidier_item_{v}" for v in TIDIER_ITEMS} | {f"tidier_{v}" for v in TIDIER_ITEMS}
               | {f"status_{v}" for v in ("met", "partial", "missing", "not_applicable")}
               | {f"cat_{v}" for v in CHANGE_CATEGORIES}
               | {f"mph_dim_{v}" for v in MPH_DIMENSIONS}
               | {f"design_{v}" for v in ("prepost", "waves", "controlled", "randomised")}
               | {f"jd_inference_{v}" for v in ("converges", "diverges", "expands", "silent",
                                                  "suppressed", "not_comparable")}
               | {f"jd_quant_{v}" for v in ("improved", "worsened", "no_clear_change", "unknown")}
               | {f"rec_part_{v}" for v in ("aims", "target_group", "approach", "conditions",
                                              "materials", "practice_experience", "manual",
                                              "process_evaluation", "owner")}
               | {f"sroi_param_{v}" for v in ("base", "proxy_factor", "deadweight", "displacement",
                                                "attribution", "drop_off",
                                                "break_even_proxy_factor", "discount_rate")})
    assert len(literal) > 60
    assert sorted((literal | dynamic) - set(en)) == []


def _inputs():
    res = results(outcome(), outcome("mph_mental", primary=False, change=0.5, low=0.1, high=0.9,
                                     d=0.4, d_ci=(0.1, 0.7)))
    res["title"] = EVIL
    iv = dict(FULL_INTERVENTION, name=EVIL)
    return res, protocol(title=EVIL, intervention=iv, sroi=SROI,
                         evidence={"indirectness": {"*": EVIL}})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sections_escape_everything(lang):
    res, proto = _inputs()
    ids = [f"KOR-{i:02d}" for i in range(12)]
    codes = pd.DataFrame({f"mental/{EVIL}": [1] * 12, "gains/calm": [1, 0] * 6}, index=ids)
    quotes = pd.DataFrame({"participant_id": ids[:2], "code": [f"mental/{EVIL}", "gains/calm"],
                           "text": [EVIL, "fine"], "role": [EVIL, "participant"], "wave": "T1"})
    change = pd.DataFrame({"participant_id": ids, "category": ["improved"] * 12,
                           "change": [-3.0] * 12})
    html = "".join([
        es.summary_of_findings_section(res, proto, lang),
        es.recognition_section(res, proto, lang),
        es.completeness_section(res, proto, lang),
        es.limitations_section(res, proto, lang),
        es.sroi_section(res, proto, lang),
        es.joint_display_section(statistics_by_theme(res, codes, quotes, min_cell_size=1), lang),
        es.joint_display_section(themes_by_change(change, codes, min_cell_size=1), lang),
        es.joint_display_section(side_by_side(change, codes, quotes, min_cell_size=10), lang),
    ])
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not any(i in html for i in ids)
    assert html.count("<table") == 8


def test_numbers_follow_the_language():
    res, proto = _inputs()
    nl = es.summary_of_findings_section(res, proto, "nl")
    en = es.summary_of_findings_section(res, proto, "en")
    assert "21,0" in nl and "−6,0 tot −2,0" in nl and "Zeer laag" in nl
    assert "21.0" in en and "−6.0 to −2.0" in en and "Very low" in en
    # SROI: 10 x 1000 x .8 = 8000, then 4000; PV = 8000/1.035 + 4000/1.035^2 = 11463.74
    sroi_nl = es.sroi_section(res, proto, "nl")
    assert "EUR 11.464" in sroi_nl and "2,29" in sroi_nl and "3,5%" in sroi_nl
    assert "EUR 11,464" in es.sroi_section(res, proto, "en")
    assert "geen SROI" in es.sroi_section(res, protocol(), "nl")


def test_small_groups_are_not_shown_side_by_side():
    change = pd.DataFrame({"participant_id": ["a", "b"], "category": ["improved", "unchanged"]})
    codes = pd.DataFrame({"x": [1, 0]}, index=["a", "b"])
    html = es.side_by_side_section(side_by_side(change, codes, min_cell_size=10), "nl")
    assert "<table" not in html and "minder dan 10" in html


def test_sof_object_renders_in_jupyter():
    res, proto = _inputs()
    sof = grade_certainty(res, proto)
    assert "&lt;script&gt;" in sof._repr_html_() and "<script" not in sof._repr_html_()
