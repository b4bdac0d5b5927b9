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
