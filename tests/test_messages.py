"""Every catalogue file exists in both languages with the same keys and placeholders."""

import string

import yaml

from impact.report.text import catalogue_files, messages


def fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(str(text)) if f}


def test_each_catalogue_part_has_the_same_keys_in_nl_and_en():
    nl_files = catalogue_files("nl")
    en_files = catalogue_files("en")
    assert [p.name[3:] for p in nl_files] == [p.name[3:] for p in en_files]
    for nl_path, en_path in zip(nl_files, en_files):
        nl = yaml.safe_load(nl_path.read_text("utf-8")) or {}
        en = yaml.safe_load(en_path.read_text("utf-8")) or {}
        assert set(nl) == set(en), (nl_path.name, set(nl) ^ set(en))
        assert [k for k in nl if fields(nl[k]) != fields(en[k])] == [], nl_path.name


def test_merged_catalogue_formats_numbers_per_language():
    from impact.report.text import fmt_number

    assert fmt_number(-1234.56, "nl", 1) == "−1.234,6"
    assert fmt_number(-1234.56, "en", 1) == "−1,234.6"
    assert messages("nl")["section_outcomes"] != messages("en")["section_outcomes"]


def test_count_cells_suppress_small_counts():
    from impact.report.sections import count_cell

    assert count_cell(12, 10) == '<td class="impact-count">12</td>'
    assert count_cell(0, 10) == '<td class="impact-count">0</td>'
    small = count_cell(3, 10, "nl")
    assert 'data-suppressed="1"' in small and ">3<" not in small and "&lt; 10" in small


def test_counted_sentences_have_a_singular_for_one():
    """A sentence with '(en)' / '(s)' for its count has a '<key>_one' form without it, and
    counted() picks it for exactly one thing."""
    import re

    from impact.report.text import counted

    for lang in ("nl", "en"):
        m = messages(lang)
        for key, text in m.items():
            text = str(text)
            plural = re.search(r"\{\w+\}\s+[\w/-]+\((?:en|s)\)", text)
            if key.endswith("_one"):
                assert not plural, (lang, key)          # a singular has no plural mark
            elif plural:
                assert f"{key}_one" in m, (lang, key, text)
    m = messages("nl")
    assert counted(m, "lim_not_computed", 1) == m["lim_not_computed_one"]
    assert counted(m, "lim_not_computed", 2) == m["lim_not_computed"]
    assert counted(m, "lim_not_computed", None) == m["lim_not_computed"]
    assert counted(m, "lim_no_comparator", 1) == m["lim_no_comparator"]   # no singular needed
    assert "1 niveau lager" in counted(m, "grade_fn_imprecision", 1).format(levels=1)
