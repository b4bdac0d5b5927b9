"""wordfreq's Zipf frequencies of plain Dutch and English words, from a table on disk.

De-identification asks how common a word is (``wordfreq.zipf_frequency``) for a few hundred
words per report. Importing wordfreq and reading its Dutch and English lists costs about 0.3 s
of a core per process, more than all those answers together. This module keeps the answers for
every word of those lists that is a plain run of lower-case letters in an SQLite table in
impact's cache folder (built once from wordfreq itself, keyed by where and when wordfreq was
installed), opened read-only; a lookup is one indexed query.

For such a word wordfreq's tokenizer returns the word itself, so its Zipf value is that of its
list entry, and a word the list lacks is 0.0, as wordfreq says; tests compare the table with
wordfreq on thousands of words. Any other word (capitals, digits, hyphens, apostrophes, other
scripts, other languages) is asked of wordfreq itself, as is every word when the cache folder
cannot be written.
"""

from __future__ import annotations

import os
import re
import threading

LANGS = ("nl", "en")
SIMPLE = re.compile(r"[a-zà-öø-ÿ]+")
PHRASE = re.compile(r"[a-zà-öø-ÿ]+(?: [a-zà-öø-ÿ]+)+")
FORMAT = 1
_LOCK = threading.Lock()
_DB = []            # [sqlite3.Connection or None], once per process


def zipf(word: str, lang: str = "nl") -> float:
    """``wordfreq.zipf_frequency(word, lang)``, from the table when the word is plain; for plain
    words joined by single spaces ("hoge vucht"), 0.0 from the table when one of them is not in
    wordfreq's list (wordfreq then answers its minimum, Zipf 0), else wordfreq's own answer."""
    if lang in LANGS and SIMPLE.fullmatch(word):
        db = _table()
        if db is not None:
            with _LOCK:
                row = db.execute("SELECT z FROM zipf WHERE lang = ? AND w = ?",
                                 (lang, word)).fetchone()
            return row[0] if row else 0.0
    if lang in LANGS and PHRASE.fullmatch(word):
        db = _table()
        if db is not None:
            tokens = word.split(" ")
            with _LOCK:
                known = db.execute(
                    f"SELECT COUNT(DISTINCT w) FROM zipf WHERE lang = ? AND w IN "
                    f"({', '.join('?' * len(tokens))})", (lang, *tokens)).fetchone()[0]
            if known < len(set(tokens)):
                return 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def _path():
    import hashlib

    from ._cache import _package_stamp, cache_dir

    stamp = hashlib.sha256(f"{_package_stamp('wordfreq')}|{FORMAT}".encode()).hexdigest()[:20]
    return cache_dir() / f"zipf-{stamp}.sqlite"


def _table():
    with _LOCK:
        if not _DB:
            _DB.append(_open())
        return _DB[0]


def _open():
    import sqlite3

    from ._cache import prune, touch

    path = _path()
    if path.exists():
        touch(path)
    elif _build(path):
        prune(path)
    else:
        return None
    try:
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)
    except sqlite3.Error:
        return None


def rows(lang):
    """(word, Zipf) of every plain word of wordfreq's ``best`` list for ``lang``: the value
    ``zipf_frequency`` computes for a one-token word (wordfreq's steps, in its order: the band's
    frequency, combined over one token, at least the minimum of Zipf 0, rounded to three
    significant digits, to Zipf, rounded to hundredths). A word listed twice keeps its last
    band, as wordfreq's dictionary does (the table's insert replaces)."""
    import math

    from wordfreq import cB_to_freq, freq_to_zipf, get_frequency_list, zipf_to_freq

    minimum = zipf_to_freq(0.0)
    for index, bucket in enumerate(get_frequency_list(lang, "best")):
        freq = max(1.0 / (1.0 / cB_to_freq(-index)), minimum)
        freq = round(freq, math.floor(-math.log(freq, 10)) + 3)  # noqa: FURB163 - wordfreq's own
        z = round(freq_to_zipf(freq), 2)
        for w in bucket:
            if SIMPLE.fullmatch(w):
                yield w, z


def _build(path) -> bool:
    """Write the table through a temporary file and a rename; False when it cannot be."""
    import sqlite3

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        if tmp.exists():
            tmp.unlink()
        con = sqlite3.connect(tmp)
        try:
            con.execute("CREATE TABLE zipf (lang TEXT, w TEXT, z REAL, PRIMARY KEY (lang, w))"
                        " WITHOUT ROWID")
            for lang in LANGS:
                con.executemany("INSERT OR REPLACE INTO zipf VALUES (?, ?, ?)",
                                ((lang, w, z) for w, z in rows(lang)))
            con.commit()
        finally:
            con.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        return False
