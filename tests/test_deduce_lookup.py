"""deduce's lookup tries in compact form (impact.qual._deduce_lookup) answer as deduce's own:
item for item, and annotation for annotation on the de-identification corpora."""

import random
from pathlib import Path

import pytest
from docdeid.ds import DsCollection, LookupSet, LookupTrie
from docdeid.str import LowercaseString

from impact.qual._deduce_lookup import CompactTrie, compact, lookup_structs

DEID = Path(__file__).parent / "fixtures" / "deid"


@pytest.fixture(scope="module")
def stock():
    """deduce's own pipeline, its tries as deduce loads them (built as impact builds its own:
    with the cyclic collector paused, which otherwise re-traverses the growing heap)."""
    from impact.qual.deid import _import_deduce, _without_gc

    return _without_gc(_import_deduce().Deduce)


def _items(trie):
    out, stack = [], [(trie, ())]
    while stack:
        node, path = stack.pop()
        if node.is_terminal:
            out.append(list(path))
        stack.extend((child, path + (tok,)) for tok, child in node.children.items())
    return out


def test_every_trie_answers_as_deduces(stock):
    from impact.qual.deid import _deduce

    rnd = random.Random(25)
    tries = {n: s for n, s in stock.lookup_structs.items() if type(s) is LookupTrie}
    assert {"street", "healthcare_institution", "first_name", "surname", "placename",
            "hospital", "eponymous_disease"} <= set(tries)
    small = _deduce().lookup_structs        # compact, as impact loads them (from its cache)
    checked = 0
    for name, trie in tries.items():
        ours = small[name]
        assert type(ours) is CompactTrie, name
        assert set(ours.children) == set(trie.children), name
        items = _items(trie)
        for item in rnd.sample(items, min(800, len(items))):
            other = rnd.choice(items)
            for seq in (item, item + ["straat"], ["in", *item, "de"], item[:-1] + ["Qzx"],
                        [w.upper() for w in item], item + other, other[:1] + item):
                for start in range(min(3, len(seq))):
                    assert ours.longest_matching_prefix(seq, start_i=start) == \
                        trie.longest_matching_prefix(seq, start_i=start), (name, seq, start)
                    checked += 1
            assert item in ours and (item + ["Qzx"] in ours) == (item + ["Qzx"] in trie)
        assert ours.longest_matching_prefix([]) is None
        assert ours.longest_matching_prefix(["x"], start_i=1) is None
    assert checked > 30_000


def test_deduce_on_compact_tries_annotates_as_deduce(stock):
    from impact.qual.deid import _deduce

    ours = _deduce()
    assert type(ours.lookup_structs["street"]) is CompactTrie
    lines = [line for f in ("corpus_nl.txt", "dev5_nl.txt", "dev6_nl.txt", "ordinary_nl.txt")
             for line in (DEID / f).read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) > 800
    tags = set()
    for line in lines:
        a = sorted((x.start_char, x.end_char, x.tag) for x in stock.deidentify(line).annotations)
        b = sorted((x.start_char, x.end_char, x.tag) for x in ours.deidentify(line).annotations)
        assert a == b, line
        tags |= {t for *_, t in a}
    assert {"persoon", "locatie", "ziekenhuis", "zorginstelling"} <= {t.split("_")[0]
                                                                     for t in tags}, tags


def test_impacts_steps_annotate_as_deduce(stock):
    """impact's call into deduce (impact.qual._deduce_steps) gives deduce's annotations: on the
    corpora's lines, in upper case and title case (more names and places to resolve), and the
    tokens of its tokenizer are deduce's, linked alike."""
    from impact.qual._deduce_steps import Steps, _tokenize
    from impact.qual.deid import _deduce

    steps = Steps(_deduce())
    tokenizer = _deduce().tokenizers["default"]
    lines = [line for f in ("corpus_nl.txt", "dev5_nl.txt", "dev6_nl.txt", "dev7_nl.txt",
                            "ordinary_nl.txt")
             for line in (DEID / f).read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    lines += ["Mw. van der Berg woont op de Kerkstraat 12a, dhr. J. de Vries op de Hoefkade 3.",
              "Postbus 1234, 2300 AB Leiden; 12-03-1950; 06-12345678; 123456782", "",
              "  Dhr.  van der Berg\n\t\tzei    het     ,  mevrouw de la Rosa   \r\n "]
    tags = set()
    for line in lines + [x.upper() for x in lines] + [x.title() for x in lines]:
        a = sorted((x.start_char, x.end_char, x.tag) for x in stock.deidentify(line).annotations)
        b = sorted((x.start_char, x.end_char, x.tag) for x in steps.annotations(line))
        assert a == b, line
        tags |= {t for *_, t in a}
        ta, tb = tokenizer.tokenize(line), _tokenize(tokenizer, line)
        assert [(t.text, t.start_char, t.previous(), t.next()) for t in ta] == \
            [(t.text, t.start_char, t.previous(), t.next()) for t in tb], line
    assert {"persoon", "locatie", "ziekenhuis", "zorginstelling", "datum",
            "telefoonnummer"} <= tags, tags


def _small_structs(**_):
    trie = LookupTrie()
    for item in (["Kerk", "straat"], ["Kerk"], ["Laan", "van", "Meerdervoort"]):
        trie.add_item(item)
    low = LookupTrie(matching_pipeline=[LowercaseString()])
    low.add_item(["Sint", "maartenskliniek"])   # docdeid lowers the first token only
    words = LookupSet()
    words.add_items_from_iterable(["de"])
    return DsCollection(street=trie, hospital=low, stop_word=words)


def test_cache_written_once_then_read(tmp_path, monkeypatch):
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    kw = {"deduce_version": "0-test", "cache_path": tmp_path / "nowhere"}
    first = lookup_structs(_small_structs, **kw)
    assert type(first["street"]) is CompactTrie and type(first["stop_word"]) is LookupSet
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [
        "deduce-0-test-none-f2.pickle"]

    def fail(**_):
        raise AssertionError("read from the cache, not loaded again")

    again = lookup_structs(fail, **kw)
    assert again["street"].longest_matching_prefix(["Kerk", "straat", "12"]) == ["Kerk", "straat"]
    assert again["street"].longest_matching_prefix(["in", "Kerk", "x"], start_i=1) == ["Kerk"]
    assert again["street"].longest_matching_prefix(["Laan", "van", "X"]) is None
    assert again["hospital"].longest_matching_prefix(["SINT", "maartenskliniek"]) == \
        ["sint", "maartenskliniek"]
    # a build deduce is asked for passes through, uncached and as deduce gives it
    built = lookup_structs(_small_structs, build=True, **kw)
    assert type(built["street"]) is LookupTrie


def test_cache_keyed_by_deduces_cache_as_written_by_the_load(tmp_path, monkeypatch):
    """On a new installation deduce writes its own cache while loading: impact's copy is keyed
    by that file, so the next process finds it (not a key of the missing file)."""
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    deduce_cache = tmp_path / "lookup"

    def load_and_write(**_):
        (deduce_cache / "cache").mkdir(parents=True)
        (deduce_cache / "cache" / "lookup_structs.pickle").write_bytes(b"deduce's own")
        return _small_structs()

    kw = {"deduce_version": "0-test", "cache_path": deduce_cache}
    lookup_structs(load_and_write, **kw)

    def fail(**_):
        raise AssertionError("read from the cache, not loaded again")

    assert type(lookup_structs(fail, **kw)["street"]) is CompactTrie
    (only,) = (tmp_path / "cache").iterdir()
    assert "-none-" not in only.name


def test_no_writable_cache_still_compact(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(blocked))
    structs = lookup_structs(_small_structs, deduce_version="0", cache_path=tmp_path)
    assert type(structs["street"]) is CompactTrie
    assert blocked.read_text() == "not a folder"


def test_a_separator_in_a_token_keeps_deduces_trie():
    trie = LookupTrie()
    trie.add_item(["a\x1fb"])
    assert CompactTrie.from_trie(trie) is None
    structs = compact(DsCollection(x=trie))
    assert structs["x"] is trie
    with pytest.raises(TypeError):
        compact(_small_structs())["street"].add_item(["Dorps", "straat"])
