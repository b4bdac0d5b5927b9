"""Evidence report sections: escaped HTML, language formatting, and complete catalogues."""

import re
import string
from pathlib import Path


from impact.evidence import (CERTAINTY_LEVELS, RECOGNITION_LEVELS, TIDIER_ITEMS, TREND_ITEMS,
                             grade_certainty)
from impact.studies.joint import (CHANGE_CATEGORIES)
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


def _leaves(value, path=""):
    """Every text of a catalogue entry by its path (entries may be nested mappings)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out.update(_leaves(v, f"{path}.{k}"))
        return out
    return {path: str(value)}


def test_catalogues_have_identical_keys_and_placeholders():
    nl, en = _leaves(catalogue("nl")), _leaves(catalogue("en"))
    assert set(nl) == set(en)
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    assert [k for k in nl if fields(nl[k]) != fields(en[k])] == []


def test_every_key_the_evidence_code_uses_exists():
    en = catalogue("en")
    files = ["impact/evidence/grade.py", "impact/evidence/recognition.py",
             "impact/evidence/checklists.py", "impact/evidence/limitations.py",
             "impact/plots/spider.py", "impact/plots/joint.py"]
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


def test_numbers_follow_the_language():
    res, proto = _inputs()
    sof = grade_certainty(res, proto)
    nl = " ".join(str(v) for row in sof.table_rows("nl") for v in row.values())
    en = " ".join(str(v) for row in sof.table_rows("en") for v in row.values())
    assert "21,0" in nl and "−6,0 tot −2,0" in nl and "Zeer laag" in nl
    assert "21.0" in en and "−6.0 to −2.0" in en and "Very low" in en


def test_sof_object_renders_in_jupyter():
    res, proto = _inputs()
    sof = grade_certainty(res, proto)
    assert "&lt;script&gt;" in sof._repr_html_() and "<script" not in sof._repr_html_()
