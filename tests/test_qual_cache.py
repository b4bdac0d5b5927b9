"""What de-identification keeps in impact's cache folder: wordfreq's Zipf values of plain words
(impact.qual._zipf) and the word sets derived from shipped data (impact.qual._cache)."""

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import wordfreq

from impact.qual import _zipf
from impact.qual._cache import DerivedStore

DEID = Path(__file__).parent / "fixtures" / "deid"


@pytest.fixture
def fresh_table(tmp_path, monkeypatch):
    """The Zipf table built anew in an empty cache folder, for this test alone."""
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(_zipf, "_DB", [])
    return tmp_path / "cache"


def test_zipf_table_gives_wordfreqs_values(fresh_table):
    rnd = random.Random(26)
    words = {w.lower() for f in ("corpus_nl.txt", "dev6_nl.txt", "ordinary_nl.txt")
             for w in re.findall(r"\w+", (DEID / f).read_text("utf-8"))}
    checked = listed = 0
    for lang in _zipf.LANGS:
        plain = [w for w in wordfreq.get_frequency_dict(lang) if _zipf.SIMPLE.fullmatch(w)]
        for w in rnd.sample(plain, 4000) + sorted(words) + ["qzxqzx", "aaaaaaaab"]:
            ours = _zipf.zipf(w, lang)
            assert ours == wordfreq.zipf_frequency(w, lang), (w, lang)
            checked += 1
            listed += ours > 0
    assert [p.suffix for p in fresh_table.iterdir()] == [".sqlite"]
    assert checked > 10_000 and listed > 8_000
    # words that are not plain go to wordfreq: capitals, hyphens, apostrophes, digits
    for w in ("Huis", "co-ouder", "'t", "2024", "straße", "HUIS"):
        assert _zipf.zipf(w) == wordfreq.zipf_frequency(w, "nl"), w
    assert _zipf.zipf("huis", "de") == wordfreq.zipf_frequency("huis", "de")
    # plain words joined by spaces: 0.0 from the table when one is not listed, else wordfreq's
    # own answer (which combines the words' frequencies); both as wordfreq says
    phrases, missing = [], 0
    for lang in _zipf.LANGS:
        plain = [w for w in wordfreq.get_frequency_dict(lang) if _zipf.SIMPLE.fullmatch(w)]
        for _ in range(400):
            parts = rnd.sample(plain, rnd.choice((2, 3)))
            if rnd.random() < 0.5:
                parts[rnd.randrange(len(parts))] = rnd.choice(["vucht", "qzxqzx", "beemden"])
            phrases.append((" ".join(parts), lang))
        phrases += [("hoge vucht", lang), ("new york", lang), ("de de", lang)]
    for phrase, lang in phrases:
        ours = _zipf.zipf(phrase, lang)
        assert ours == wordfreq.zipf_frequency(phrase, lang), (phrase, lang)
        missing += ours == 0.0
    assert len(phrases) == 806 and missing > 200


def test_zipf_without_a_writable_cache_asks_wordfreq(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(blocked / "sub"))
    monkeypatch.setattr(_zipf, "_DB", [])
    assert _zipf.zipf("huis") == wordfreq.zipf_frequency("huis", "nl") > 5
    assert _zipf._DB == [None]


def test_derived_store_reads_back_and_rekeys_on_changed_data(tmp_path, monkeypatch):
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    module, data = tmp_path / "mod.py", tmp_path / "data"
    module.write_text("X = 1\n")
    data.mkdir()
    (data / "words.txt").write_text("aap\nnoot\n")
    calls = []

    def derive():
        calls.append(1)
        return frozenset((data / "words.txt").read_text().split())

    store = DerivedStore("t", module, data, ("wordfreq",))
    assert store.get("words", derive) == {"aap", "noot"}
    store.save()
    assert len(list((tmp_path / "cache").iterdir())) == 1
    again = DerivedStore("t", module, data, ("wordfreq",))
    assert again.get("words", derive) == {"aap", "noot"} and len(calls) == 1
    # a changed list is another key: derived anew, never the old value
    (data / "words.txt").write_text("aap\nnoot\nmies\n")
    changed = DerivedStore("t", module, data, ("wordfreq",))
    assert changed.get("words", derive) == {"aap", "noot", "mies"} and len(calls) == 2
    # so is changed code
    (data / "words.txt").write_text("aap\nnoot\n")
    module.write_text("X = 2\n")
    assert DerivedStore("t", module, data, ()).get("words", derive) == {"aap", "noot"}
    assert len(calls) == 3
    # and a changed rule module beside it (deid.py keys its store on its _deid_*.py modules too)
    rules = tmp_path / "_deid_x.py"
    rules.write_text("Y = 1\n")
    first = DerivedStore("t", [module, rules], data, ())
    assert first.get("words", derive) == {"aap", "noot"} and len(calls) == 4
    first.save()
    assert DerivedStore("t", [module, rules], data, ()).get("words", derive) == {"aap", "noot"}
    assert len(calls) == 4
    rules.write_text("Y = 2\n")
    assert DerivedStore("t", [module, rules], data, ()).get("words", derive) == {"aap", "noot"}
    assert len(calls) == 5


def test_derived_store_survives_a_broken_file_and_no_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    module, data = tmp_path / "mod.py", tmp_path / "data"
    module.write_text("X = 1\n")
    data.mkdir()
    store = DerivedStore("t", module, data)
    assert store.get("k", lambda: 41) == 41
    store.save()
    (only,) = (tmp_path / "cache").iterdir()
    only.write_bytes(b"not a pickle")
    assert DerivedStore("t", module, data).get("k", lambda: 42) == 42
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(only / "sub"))     # a file as folder
    store = DerivedStore("t", module, data)
    assert store.get("k", lambda: 43) == 43
    store.save()                                                 # nothing to write to: quiet


def test_deid_word_sets_from_the_store_equal_those_derived(tmp_path, monkeypatch):
    """The de-identification's derived word sets read back from the store equal the sets
    derived without it (the store is only a copy)."""
    import subprocess
    import sys

    code = ("import hashlib, json, impact.qual.deid as D\n"
            "def canon(v):\n"
            "    if isinstance(v, (set, frozenset)):\n"
            "        return sorted(canon(x) for x in v)\n"
            "    if isinstance(v, dict):\n"
            "        return sorted((k, canon(x)) for k, x in v.items())\n"
            "    if isinstance(v, tuple):\n"
            "        return [canon(x) for x in v]\n"
            "    return v\n"
            "names = ['_gazetteer', '_deduce_lookup', '_ordinary_words', '_countries', "
            "'_language_words', '_all_lower_first_names', '_lower_name_words_nl']\n"
            "out = {n: hashlib.sha256(json.dumps(canon(getattr(D, n)())).encode()).hexdigest() "
            "for n in names}\n"
            "D._save_derived()\n"
            "print(json.dumps(out, sort_keys=True))\n")
    env = {**__import__("os").environ, "IMPACT_CACHE_DIR": str(tmp_path / "cache")}
    root = Path(__file__).resolve().parents[1]
    first = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, check=True,
                           capture_output=True, text=True).stdout
    assert any(p.name.startswith("deid-derived") for p in (tmp_path / "cache").iterdir())
    second = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, check=True,
                            capture_output=True, text=True).stdout
    assert first == second and len(first) > 100


def test_cache_folder_keeps_the_most_recently_used_files_of_each_kind(tmp_path, monkeypatch):
    import os

    from impact.qual._cache import KEEP, atomic_pickle, prune, touch

    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path))
    old = []
    for i in range(KEEP + 2):                        # six older stores, oldest first
        f = tmp_path / f"deid-derived-{i:02d}.pickle"
        f.write_bytes(b"x")
        os.utime(f, ns=(10**18 + i * 10**9, 10**18 + i * 10**9))
        old.append(f)
    other = tmp_path / "zipf-aa.sqlite"             # another kind, and a file of another type
    other.write_bytes(b"z")
    os.utime(other, ns=(10**17, 10**17))
    stray = tmp_path / "deid-notes.txt"
    stray.write_text("kept")
    touch(old[0])                                   # the oldest is read again: in use
    assert atomic_pickle({"a": 1}, tmp_path / "deid-derived-new.pickle")
    left = sorted(f.name for f in tmp_path.iterdir())
    # the new file and the KEEP - 1 most recently used of its kind stay: 00 (touched), 05, 04
    assert left == ["deid-derived-00.pickle", "deid-derived-04.pickle",
                    "deid-derived-05.pickle", "deid-derived-new.pickle", "deid-notes.txt",
                    "zipf-aa.sqlite"]
    assert prune(tmp_path / "deid-derived-new.pickle") == 0          # nothing more to remove
    assert prune(tmp_path / "missing" / "deid-x.pickle") == 0        # no folder: quiet


def test_deid_patterns_compile_on_first_use_and_take_their_name():
    """deid's module-level patterns (_Lazy): nothing compiled at import, ``pattern`` readable
    without compiling, the compiled pattern in the module's namespace after the first use."""
    import sys
    import types

    from impact.qual.deid import _Lazy

    mod = types.ModuleType("lazy_probe")
    sys.modules["lazy_probe"] = mod
    try:
        exec("from impact.qual.deid import _Lazy\n"
             "_WORD = _Lazy('_WORD', r'\\bwijk\\b', 2)\nFIRST = _WORD\n", mod.__dict__)
        lazy = mod.FIRST
        assert isinstance(mod._WORD, _Lazy) and lazy._rx is None
        assert lazy.pattern == r"\bwijk\b" and lazy._rx is None       # no compile for that
        assert mod._WORD.search("De WIJK is klein").group(0) == "WIJK"   # flags kept (IGNORECASE)
        assert mod._WORD is lazy._rx and not isinstance(mod._WORD, _Lazy)  # took its name
        assert lazy.findall("wijk, Wijk") == ["wijk", "Wijk"]           # a kept reference works
    finally:
        del sys.modules["lazy_probe"]


def test_no_rule_tests_a_lazy_pattern_by_identity():
    """A _Lazy pattern's global name takes the compiled pattern on its first use, so "rx is
    _NAME" is false on a process's first text and true after it (the first text then took
    another branch of the rule). No module of impact.qual compares a lazily compiled pattern by
    identity; the loops name their patterns instead."""
    import ast
    from pathlib import Path

    import impact.qual

    found = []
    for path in sorted(Path(impact.qual.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        lazy = {t.id for node in tree.body if isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "_Lazy"
                for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(
                    isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)) for op in node.ops):
                names = [n.id for n in [node.left, *node.comparators] if isinstance(n, ast.Name)]
                found += [f"{path.name}:{node.lineno} {n}" for n in names if n in lazy]
    assert not found, found


def test_rule_modules_compile_no_pattern_when_imported():
    """Importing impact.qual (every report, every process that reads quotes) compiles none of
    de-identification's patterns: deid and its rule modules define them with _Lazy, compiled on
    first use. Their module-level ``re.compile`` had made the import about twice as slow."""
    import ast
    from pathlib import Path

    import impact.qual

    found = []
    here = Path(impact.qual.__file__).parent
    for path in [here / "deid.py", *sorted(here.glob("_deid_*.py"))]:
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                    ast.unparse(node.value.func) == "re.compile":
                found.append(f"{path.name}:{node.lineno}")
    assert not found, found
    # and none at run time of the import either (a pattern built in a helper at import)
    code = ("import re, sys\ncalls = []\ncompile = re.compile\n"
            "def spy(*a, **k):\n"
            "    calls.append(sys._getframe(1).f_code.co_filename)\n"
            "    return compile(*a, **k)\n"
            "re.compile = spy\nimport impact.qual\n"
            "print(sum('deid' in f for f in calls), len(calls))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split()[0] == "0", out.stdout
