"""Restructuring leaves every published number as it was (issue 21).

tests/fixtures/published_numbers.json holds every number of every demo ``published.json``
(scripts/published_numbers.py on ``impact demo``). It was first taken from commit 14eaa31, before
the package was rebuilt by floors, and the rebuilt package (6d72cfc) published every one of those
numbers unchanged. It was then taken again after the deliberate changes of issues 22 to 24
(stages a register does not record no longer 0, joint suppression across tables and with the
city total, the clustered headline, TREND items, neighbourhoods against the rest of the city,
syntheses per body of evidence, Kunst op Recept with referrals and costs); from there on every
number must stay, unless a change means it to move and regenerates the fixture saying why. The demo of this tree must publish each of them at the same
JSON path with the same value. New numbers may appear (message parameters); none may change or
go missing. One move is deliberate: the evidence was published as rendered text per language
(``evidence.<lang>.*``) and is now one structured object of codes, numbers and message keys
(``evidence.*``); :func:`moved` maps the old paths to the new ones. The comparison cohort
(``samen-zingen-vergelijking``, issue 24) joined the demo later: its four reports' numbers were
added to the fixture, and no number of the other reports moved. Its TREND counts then moved
once, deliberately: item 15 (baseline equivalence) is met by the balance table the report shows
(8 met and 9 missing, was 7 and 10).
"""

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from published_numbers import demo_numbers  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "published_numbers.json"


def moved(path: str, numbers: dict):
    """The value now published for an old path (evidence restructured, see the docstring)."""
    pooled_p = re.match(r"(pooled\[\d+\])\.p$", path)
    if pooled_p:  # p-values are p_value everywhere (issue 23)
        return numbers.get(f"{pooled_p.group(1)}.p_value")
    m = re.match(r"evidence\.(?:nl|en)\.(.*)$", path)
    if not m:
        return numbers.get(path)
    rest = m.group(1)
    item = re.match(r"limitation_items\[(\d+)\]\[1\]\.(\w+)$", rest)
    if item:
        return numbers.get(f"evidence.limitations.items[{item.group(1)}].params.{item.group(2)}")
    total = re.match(r"(trend|tidier)\.total$", rest)
    if total:
        counts = [v for k, v in numbers.items()
                  if k.startswith(f"evidence.{total.group(1)}.counts.")]
        return sum(counts) if counts else None
    return numbers.get(f"evidence.{rest}")


def test_every_demo_number_is_published_unchanged(demo_reports):
    before = json.loads(FIXTURE.read_text(encoding="utf-8"))
    after = demo_numbers(demo_reports)
    assert sorted(after) == sorted(before)
    changed = []
    for report, numbers in before.items():
        for path, value in numbers.items():
            new = moved(path, after[report])
            if new is None or not math.isclose(new, value, rel_tol=1e-12, abs_tol=1e-12):
                changed.append(f"{report}: {path} was {value}, now {new}")
    assert changed == [], f"{len(changed)} published numbers changed: {changed[:20]}"


def test_the_comparison_finds_a_changed_number(tmp_path):
    """The check itself: one number moved in one report is reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "published.json").write_text(json.dumps(
        {"outcomes": [{"mean_change": -2.5, "n_paired": 35}], "meta": {"date": 2026}}))
    got = demo_numbers(tmp_path)
    assert got == {"a": {"outcomes[0].mean_change": -2.5, "outcomes[0].n_paired": 35}}
