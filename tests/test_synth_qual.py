"""Synthetic quotes and codings meet the qualitative strand (impact.qual) as planted."""

import re

import pandas as pd
import pytest

import impact
from impact.synth import synthesise
from impact.synth.quotes import CODES

from .conftest import ROOT

PROGRAMMES = ("kunst-op-recept", "in-beeld", "welzijn-op-recept")


def test_codes_are_the_default_codebook():
    ids = {c.id for c in impact.default_codebook().codes}
    assert set(CODES) == ids


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_committed_files_read_with_the_default_codebook(programme):
    folder = ROOT / "synthetic_data" / programme
    quotes = impact.read_quotes(folder / "quotes.csv")
    codings = impact.read_codings(folder / "codings.csv", quotes=quotes,
                                  codebook=impact.default_codebook())
    assert len(codings) > len(quotes)


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_deidentification_removes_every_planted_detail(programme):
    """Phones and postcodes always go; a first name goes when the shipped list knows it, and
    always when the names in the data are passed (as from a key file)."""
    from impact.synth.quotes import _FIRST_NAMES

    c = synthesise(programme, 6)
    quotes = c.extra["quotes.csv"]
    pii = c.truth["quotes"]["pii"]
    assert pii
    shipped = set(impact.dutch_first_names())
    clean = impact.deidentify(quotes["text"])
    with_names = impact.deidentify(quotes["text"], names=_FIRST_NAMES)
    for qid, before, after, after2 in zip(quotes["quote_id"], quotes["text"], clean, with_names):
        for text in (after, after2):
            assert not re.search(r"06-\d{8}|\b\d{4} [A-Z]{2}\b", text), text
        if "name" in pii.get(qid, []):
            name = re.search(r"Ik ben ([A-Z][a-z]+),", before).group(1)
            assert name not in after2, after2
            if name in shipped:
                assert name not in after, after
        if qid not in pii:
            assert after == before  # nothing else is touched


def test_agreement_recovers_planted_coder_reliability():
    quotes, codings = [], []
    for seed in range(15):
        c = synthesise("welzijn-op-recept", seed)
        q, cd = c.extra["quotes.csv"].copy(), c.extra["codings.csv"].copy()
        q["quote_id"] = f"s{seed}-" + q["quote_id"]
        cd["unit"] = f"s{seed}-" + cd["unit"]
        quotes.append(q)
        codings.append(cd)
    q, cd = pd.concat(quotes), pd.concat(codings)
    res = impact.coding_agreement(cd, units=q["quote_id"], n_boot=0).to_dict()
    expected = c.truth["quotes"]["expected_agreement"]
    assert res["n_coders"] == 3
    diffs = [r["krippendorff_alpha"] - expected[r["code"]]["krippendorff_alpha"]
             for r in res["per_code"]]
    assert len(diffs) == len(CODES)
    assert max(abs(d) for d in diffs) < 0.1
    assert abs(sum(diffs) / len(diffs)) < 0.04
