"""The documentation pages in docs/instruments/ are generated from the data files and current."""

from pathlib import Path

import impact
from impact.instruments.docs import pages

DOCS = Path(__file__).resolve().parents[1] / "docs" / "instruments"


def test_docs_are_up_to_date():
    expected = pages()
    assert sorted(expected) == sorted(p.name for p in DOCS.glob("*.md"))
    for name, text in expected.items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, (
            f"docs/instruments/{name} is stale: run python -m impact.instruments.docs")


def test_every_instrument_page_has_the_scoring_facts():
    page = pages()["swemwbs.md"]
    assert "| 35 | 35.00 |" in page and "Only complete responses" in page
    mhi5 = pages()["mhi5.md"]
    assert "Rule `ggd` (default)" in mhi5 and "score < 60" in mhi5
    for inst in impact.list_instruments():
        text = pages()[f"{inst.id}.md"]
        assert inst.name in text and "## Missing items" in text and "Licence" in text
