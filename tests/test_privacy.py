"""Privacy: keyed pseudonyms, no raw id in any report, small cells suppressed (CBS rule)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.errors import InputError
from impact.io import pseudonym, pseudonymise, resolve_key
from impact.smallcells import frequency_table, is_publishable, suppress_small_cells


KEY = "0123456789abcdef-test-key"
# Reference values from OpenSSL, independent of Python's hmac module:
#   echo -n KOR-001 | openssl dgst -sha256 -hmac "0123456789abcdef-test-key"
OPENSSL = {"KOR-001": "071b636fb5e611d0bdac86f552411b24530bfd4313a6352a0060436edaa4c230",
           "KOR-002": "be2427b28a043d840aa435b724a87f64cf1e0b10cae36b9630f2b92dfd644582"}


# ------------------------------------------------------------------------------------ pseudonyms
def test_pseudonym_is_hmac_sha256_as_openssl_computes_it():
    for raw, digest in OPENSSL.items():
        assert pseudonym(raw, resolve_key(KEY)) == "P-" + digest[:16]


def test_pseudonymise_links_waves_keeps_missing_and_leaves_input_alone(monkeypatch):
    monkeypatch.delenv("IMPACT_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("IMPACT_PSEUDONYM_KEY_FILE", raising=False)
    frame = pd.DataFrame({"participant_id": ["KOR-001", "KOR-002", "KOR-001", None],
                          "wave": ["T0", "T0", "T1", "T1"]})
    out = pseudonymise(frame, KEY)
    assert frame["participant_id"].tolist()[:3] == ["KOR-001", "KOR-002", "KOR-001"]
    ids = out["participant_id"].tolist()
    assert ids[0] == ids[2] == "P-" + OPENSSL["KOR-001"][:16] and ids[1] != ids[0]
    assert pd.isna(ids[3])
    assert KEY not in json.dumps(out.attrs) and "argument" in out.attrs["pseudonymised"]["key_source"]
    # without a key: a random per-run key; two runs differ, neither reveals the id
    a, b = pseudonymise(frame), pseudonymise(frame)
    assert a["participant_id"][0] != b["participant_id"][0]
    assert "random" in a.attrs["pseudonymised"]["key_source"]


def test_key_from_environment_and_file(monkeypatch, tmp_path):
    monkeypatch.delenv("IMPACT_PSEUDONYM_KEY_FILE", raising=False)
    monkeypatch.setenv("IMPACT_PSEUDONYM_KEY", KEY)
    key = resolve_key()
    assert bytes(key) == KEY.encode() and KEY not in repr(key) and KEY not in str(key)
    assert pseudonym("KOR-002", key) == "P-" + OPENSSL["KOR-002"][:16]
    monkeypatch.delenv("IMPACT_PSEUDONYM_KEY")
    keyfile = tmp_path / "sleutel.key"
    keyfile.write_text(KEY + "\n")
    monkeypatch.setenv("IMPACT_PSEUDONYM_KEY_FILE", str(keyfile))
    assert pseudonym("KOR-001", resolve_key()) == "P-" + OPENSSL["KOR-001"][:16]
    keyfile.write_text("short")
    with pytest.raises(InputError, match="at least 16"):
        resolve_key()
    monkeypatch.setenv("IMPACT_PSEUDONYM_KEY_FILE", str(tmp_path / "missing.key"))
    with pytest.raises(InputError, match="cannot read the pseudonym key file"):
        resolve_key()


def test_results_carry_only_pseudonyms_and_never_the_key(kor_dir, monkeypatch):
    import impact

    monkeypatch.setenv("IMPACT_PSEUDONYM_KEY", KEY)
    raw = pd.read_csv(kor_dir / "responses.csv", dtype=str)["participant_id"].unique()
    results = impact.analyse(kor_dir / "responses.csv", kor_dir / "protocol.yaml")
    ids = results.scores["participant_id"]
    assert ids.str.startswith("P-").all() and not ids.isin(raw).any()
    assert ids.iloc[0] == pseudonym(raw[0], resolve_key(KEY))
    text = results.to_json()
    assert KEY not in text and not any(r in text for r in raw)
    assert json.loads(text)["provenance"]["pseudonymisation"]["key_source"].startswith("environment")
    assert results["flow"]["reconciles"] is True


@pytest.mark.slow
def test_demo_reports_contain_no_raw_participant_id(demo_reports):
    """The session's one demo render (every report, every format) holds no raw id."""
    out = demo_reports
    data_files = list(out.rglob("data/responses.csv"))
    assert data_files
    raw = set()
    for f in data_files:
        frame = pd.read_csv(f, dtype=str)
        # the neighbourhood monitor's survey has respondents, the programmes participants
        column = "participant_id" if "participant_id" in frame.columns else "respondent_id"
        raw |= set(frame[column].dropna())
    assert len(raw) >= 30
    outputs = [p for p in out.rglob("*") if p.suffix in (".html", ".json", ".pdf")
               and "data" not in p.parts]
    assert any(p.suffix == ".html" for p in outputs)
    import re

    for path in outputs:
        text = path.read_text(encoding="utf-8", errors="replace")
        # ids are whole tokens (KOR-001, WIW-R00042): a set intersection, not ~8,000 scans
        leaked = sorted(raw & set(re.findall(r"[\w-]+", text)))
        assert not leaked, f"{path} contains raw ids {leaked[:5]}"


# ------------------------------------------------------------------------------------ small cells
def test_primary_and_secondary_suppression_of_a_column():
    t = pd.DataFrame({"n": [25, 4, 30, 12, 0], "mean": [1.0, 2.0, 3.0, 4.0, np.nan]},
                     index=["A", "B", "C", "D", "E"])
    out, notes = suppress_small_cells(t, "n", dependent_columns=["mean"], lang="en")
    assert out["n"].isna().tolist() == [False, True, False, True, False]  # D protects B
    assert out["mean"].isna().tolist() == [False, True, False, True, True]
    assert out["n"].dtype == "Int64" and out.loc["A", "n"] == 25 and out.loc["E", "n"] == 0
    assert "1 cell with fewer than 10" in notes[0] and "secondary" in notes[1]
    assert t["n"].tolist() == [25, 4, 30, 12, 0]  # input untouched
    # a protocol's own threshold; no totals known -> no secondary suppression
    out5, notes5 = suppress_small_cells(t, "n", min_cell_size=5, column_totals=False)
    assert out5["n"].isna().tolist() == [False, True, False, False, False] and len(notes5) == 1


def test_two_way_table_with_margins():
    t = pd.DataFrame({"T0": [20, 3, 15, 38], "T1": [18, 12, 11, 41], "total": [38, 15, 26, 79]},
                     index=["Stevenshof", "Merenwijk", "De Kooi", "Totaal"])
    out, notes = suppress_small_cells(t, ["T0", "T1"], total_row="Totaal", total_column="total",
                                      lang="nl")
    hidden = out.attrs["suppressed"]
    # Merenwijk T0 (3) is small; its row and column each need a second hidden cell
    assert hidden.loc["Merenwijk", "T0"]
    for label in ["Stevenshof", "Merenwijk", "De Kooi"]:
        assert hidden.loc[label, ["T0", "T1"]].sum() in (0, 2)
    for col in ["T0", "T1"]:
        assert hidden.loc[["Stevenshof", "Merenwijk", "De Kooi"], col].sum() in (0, 2)
    assert not hidden.loc["Totaal"].any()
    assert "CBS-outputregel" in notes[0]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=3, max_size=3), min_size=2, max_size=8),
       st.integers(1, 15))
def test_no_small_cell_published_and_no_line_with_a_single_hidden_cell(cells, threshold):
    t = pd.DataFrame(cells, columns=["a", "b", "c"])
    out, _ = suppress_small_cells(t, ["a", "b", "c"], min_cell_size=threshold, row_totals=True)
    shown = out[["a", "b", "c"]].to_numpy(dtype=float, na_value=np.nan)
    visible = shown[~np.isnan(shown)]
    assert not ((visible > 0) & (visible < threshold)).any()
    hidden = out.attrs["suppressed"].to_numpy()
    assert set(hidden.sum(axis=0)) <= set(range(len(t) + 1)) - {1}
    assert set(hidden.sum(axis=1)) <= {0, 2, 3}
    original = t.to_numpy()
    assert np.array_equal(shown[~hidden], original[~hidden])


def test_frequency_table_merges_small_neighbourhoods_into_overig():
    s = pd.Series(["Merenwijk"] * 12 + ["Stevenshof"] * 15 + ["De Kooi"] * 3 + ["Binnenstad"] * 2)
    table, notes = frequency_table(s, lang="nl")
    assert table["category"].tolist() == ["Stevenshof", "overig", "Totaal"]
    assert table["n"].tolist() == [15, 17, 32]
    assert table["percent"].round(2).tolist() == [46.88, 53.12, 100.0]
    assert "Binnenstad, De Kooi, Merenwijk" in notes[0]
    frame = pd.DataFrame({"wijk": ["A"] * 30 + ["B"] * 11 + ["C"] * 9})
    table, _ = frequency_table(frame, "wijk", lang="en")  # C alone (9) is too small: B joins
    assert table["category"].tolist() == ["A", "other", "Total"]
    assert table["n"].tolist() == [30, 20, 50]
    tiny, notes = frequency_table(pd.Series(["A"] * 4 + ["B"] * 5), lang="en")
    assert tiny.empty and "Fewer than 10 people" in notes[0]
    assert is_publishable(0) and is_publishable(10) and not is_publishable(9)


# ---- identifiers (issue 11) --------------------------------------------------------------------

import pytest  # noqa: E402


@pytest.mark.parametrize("header,what", [
    ("naam", "a name"), ("Naam deelnemer", "a name"), ("first_name", "a name"),
    ("E-mail", "an e-mail address"), ("emailadres", "an e-mail address"),
    ("Telefoon", "a phone number"), ("phone", "a phone number"),
    ("Adres", "an address"), ("street", "an address"), ("Postcode", "a postcode"),
    ("BSN", "a citizen service number (BSN)"), ("Geboortedatum", "a date of birth"),
    ("date_of_birth", "a date of birth"), ("Datum", "a date"), ("opmerkingen", "free text"),
])
def test_identifier_headers_dutch_and_english(header, what):
    from impact.io.identifiers import identifier_like_name

    assert identifier_like_name(header) == what


@pytest.mark.parametrize("header", ["age", "leeftijd", "neighbourhood", "wijk", "referrer",
                                    "verwijzer", "discipline", "gender", "site", "new_to_culture"])
def test_ordinary_background_headers_pass(header):
    from impact.io.identifiers import identifier_like_name

    assert identifier_like_name(header) is None


def test_identifier_content_is_recognised_under_any_header():
    import pandas as pd

    from impact.io.identifiers import identifier_like_values, looks_like_dates

    assert identifier_like_values(pd.Series(["a@b.nl", "x.y@z.com", None])) == "an e-mail address"
    assert identifier_like_values(pd.Series(["06-12345678", "+31 6 12345678"])) == "a phone number"
    assert identifier_like_values(pd.Series(["2311 AB", "1234cd"])) == "a postcode"
    assert looks_like_dates(pd.Series(["2025-01-02", "3-4-2025"]))
    assert looks_like_dates(pd.Series(pd.to_datetime(["2025-01-02", "2025-01-03"])))
    names = pd.Series([f"Persoon {i} Achternaam{i}" for i in range(20)])
    assert identifier_like_values(names) == "names or other unique values"
    hoods = pd.Series(["Merenwijk", "Stevenshof", "Zuidwest"] * 7)
    assert identifier_like_values(hoods) is None
    assert identifier_like_values(pd.Series(range(30))) is None


def test_pseudonymise_with_a_shared_memo_hashes_each_id_once():
    scores = pd.DataFrame({"participant_id": ["a", "b", "a", None, "c"], "x": range(5)})
    background = pd.DataFrame({"participant_id": ["c", "a", "d"]})
    memo = {}
    one, two = pseudonymise(scores, KEY, memo=memo), pseudonymise(background, KEY, memo=memo)
    assert one.equals(pseudonymise(scores, KEY)) and two.equals(pseudonymise(background, KEY))
    assert sorted(memo) == ["a", "b", "c", "d"]
    assert (memo["a"] == pseudonym("a", resolve_key(KEY)) == one["participant_id"][0]
            == two["participant_id"][1])


def _identifier_like_rowwise(series, only=None):
    """identifier_like_values as a row-by-row definition (the test's oracle)."""
    from impact.io.identifiers import _PATTERNS

    values = series.dropna()
    if pd.api.types.is_numeric_dtype(values) or values.empty:
        return None
    text = values.astype(str).str.strip().str.lower()
    text = text[text != ""]
    if text.empty:
        return None
    for what, pattern in _PATTERNS:
        if only and what not in only:
            continue
        if text.str.match(pattern).mean() >= 0.5:
            return what
    if only:
        return None
    if pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce").notna().mean() >= 0.9:
        return None
    if len(text) >= 10 and text.nunique() / len(text) > 0.8:
        return "free text" if text.str.len().median() > 40 else "names or other unique values"
    return None


_VALUE = st.one_of(st.sampled_from(["Noord", " noord", "ZUID", "", " ", "a@b.nl", "x@y.com",
                                    "06-12345678", "2312 AB", "3-11-1946", "1,5", "7",
                                    "een lang verhaal over de lessen " * 2]),
                   st.text(alphabet="abcXY 0123@.-,", max_size=12), st.none())


@settings(max_examples=200, deadline=None)
@given(st.lists(_VALUE, max_size=40), st.sampled_from([None, ("a date",)]))
def test_identifier_like_values_counts_distinct_values_with_their_weight(values, only):
    from impact.io.identifiers import identifier_like_values

    series = pd.Series(values, dtype=object)
    assert identifier_like_values(series, only=only) == _identifier_like_rowwise(series, only)
