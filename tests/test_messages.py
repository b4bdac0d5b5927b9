"""Every catalogue file exists in both languages with the same keys and placeholders."""

import string

import yaml

from impact.i18n import catalogue_files, messages


def fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(str(text)) if f}


def test_each_catalogue_part_has_the_same_keys_in_nl_and_en():
    nl_files = catalogue_files("nl")
    en_files = catalogue_files("en")
    assert [p.name for p in nl_files] == [p.name for p in en_files]
    for nl_path, en_path in zip(nl_files, en_files):
        nl = yaml.safe_load(nl_path.read_text("utf-8")) or {}
        en = yaml.safe_load(en_path.read_text("utf-8")) or {}
        assert set(nl) == set(en), (nl_path.name, set(nl) ^ set(en))
        assert [k for k in nl if fields(nl[k]) != fields(en[k])] == [], nl_path.name


def test_merged_catalogue_formats_numbers_per_language():
    from impact.i18n import fmt_number

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
    """No sentence writes 'uitkomst(en)' / 'outcome(s)': a count's sentence is plural and has a
    '<key>_one' singular, which counted() picks for exactly one thing."""
    from impact.i18n import counted

    for lang in ("nl", "en"):
        m = messages(lang)
        for key, text in m.items():
            assert "(en)" not in str(text) and "(s)" not in str(text), (lang, key, text)
            if key.endswith("_one"):
                assert key[:-4] in m, (lang, key)
    m = messages("nl")
    for key in ("lim_not_computed", "e_not_computed", "e_outcomes_table_intro",
                "e_outcomes_hidden", "syn_sensitivity_intro"):
        assert counted(m, key, 1).format(k=1, n=10).startswith(("1 ", "Bij 1 ")), key
        assert counted(m, key, 3).format(k=3, n=10) == m[key].format(k=3, n=10)
    assert counted(m, "lim_not_computed", None) == m["lim_not_computed"]
    assert counted(m, "lim_no_comparator", 1) == m["lim_no_comparator"]   # no singular needed
    assert "1 niveau lager" in counted(m, "grade_fn_imprecision", 1).format(levels=1)
    assert "2 niveaus lager" in counted(m, "grade_fn_imprecision", 2).format(levels=2)
    assert "over 1 uitkomstmaat." in counted(m, "syn_intro", 1).format(k=3, studies=2, outcomes=1)
    assert "over 2 uitkomstmaten." in counted(m, "syn_intro", 2).format(k=3, studies=2,
                                                                        outcomes=2)
