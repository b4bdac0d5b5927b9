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


def test_custom_example_in_the_docs_loads_and_scores(tmp_path):
    import numpy as np
    import pandas as pd

    from impact.instruments.docs import CUSTOM_EXAMPLE

    path = tmp_path / "form.yaml"
    path.write_text(CUSTOM_EXAMPLE, encoding="utf-8")
    inst = impact.load_instrument_file(path)
    frame = pd.DataFrame([[5, 4, 1, 3, 2, 1], [1, 1, 5, 1, 1, 5]], columns=inst.item_columns)
    s = impact.score(frame, [inst])
    np.testing.assert_allclose(s["inbeeldt0_score"], [(5 + 4 + 5 + 3 + 2 + 5) / 6, 1.0])
    assert s["inbeeldt0_category"].astype(str).tolist() == ["fine", "low"]
    assert inst.cutoff == {"column": "inbeeldt0_score", "value": 2.5, "case_if": "<"}
