"""deduce's lookup tries in a compact form that loads in a fraction of the time.

deduce (3.x) keeps its lists of streets, care institutions, places, names and diseases as
``docdeid.ds.LookupTrie`` objects: one Python object with a dict per trie node, some two million
nodes in all, which deduce pickles after its first build. Unpickling them costs about 1.4 s of a
core before the first quote can be read, the largest part of a report with quotes.

:class:`CompactTrie` holds the same items as strings: the first tokens of all items, sorted, and
per first token its tails, found by bisection and offsets. Loading splits the first tokens into
one list (what deduce's ``MultiTokenLookupAnnotator`` asks of a trie, ``children.keys()``); the
tails of a first token are split into a sorted list when a text first holds that token, and a
match is walked on that list by bisection. ``longest_matching_prefix`` answers as ``LookupTrie``
does, token for token (tests compare both on every item and on text).

:func:`lookup_structs` is what :func:`impact.qual.deid._deduce` hands to deduce instead of
deduce's own loader: deduce's structures with every trie made compact, cached in impact's cache
folder (``$IMPACT_CACHE_DIR``, else ``$XDG_CACHE_HOME/impact`` or ``~/.cache/impact``) under a key
of the deduce version and deduce's own cache file. Without a writable cache folder, or when a
token holds one of the separator characters, deduce's own structures are used as they are.
"""

from __future__ import annotations

import pickle
from array import array
from bisect import bisect_left
from pathlib import Path

from docdeid.ds.lookup import LookupStructure, LookupTrie

from ._cache import atomic_pickle, cache_dir, touch

FORMAT = 2      # 2: first tokens sorted, blocks found by offsets
_TOK, _ITEM, _BLOCK = "\x1f", "\x1e", "\x1d"
_SEPARATORS = (_TOK, _ITEM, _BLOCK)


class _Firsts:
    """The first tokens of a compact trie, sorted, as the read-only mapping ``LookupTrie.children``
    is to deduce (``keys()``, ``in``, ``get``): a token's tails are found by bisection, so loading
    builds no dictionary of them."""

    def __init__(self, firsts, blocks, offsets):
        self._keys, self._blocks, self._offsets = firsts, blocks, offsets

    def _index(self, key):
        i = bisect_left(self._keys, key)
        return i if i < len(self._keys) and self._keys[i] == key else -1

    def keys(self):
        return self._keys

    def __iter__(self):
        return iter(self._keys)

    def __len__(self):
        return len(self._keys)

    def __contains__(self, key):
        return self._index(key) >= 0

    def get(self, key, default=None):
        """The unparsed tails of first token ``key``."""
        i = self._index(key)
        if i < 0:
            return default
        return self._blocks[self._offsets[i]:self._offsets[i + 1] - 1]


class CompactTrie(LookupTrie):
    """A read-only ``LookupTrie`` of the same items, stored as strings.

    Parameters
    ----------
    matching_pipeline : list of docdeid StringModifier or None
        As the trie it replaces (applied to each token of a text before it is looked up).
    firsts : str
        The first tokens of all items, sorted, joined by ``"\\x1d"``.
    blocks : str
        Per first token, in the same order, its tails (the item less its first token; ``""``
        when the first token alone is an item), tokens joined by ``"\\x1f"``, tails by
        ``"\\x1e"``, each block ended by ``"\\x1d"``.
    offsets : bytes
        Where each block starts in ``blocks`` (``array('q')``), and its end.
    """

    def __init__(self, matching_pipeline, firsts, blocks, offsets):  # pylint: disable=W0231
        LookupStructure.__init__(self, matching_pipeline=matching_pipeline)
        self._firsts, self._blocks, self._offsets = firsts, blocks, offsets
        self.is_terminal = False
        where = array("q")
        where.frombytes(offsets)
        # what MultiTokenLookupAnnotator reads: the first tokens (keys())
        self.children = _Firsts(firsts.split(_BLOCK) if firsts else [], blocks, where)
        self._parsed = {}

    @classmethod
    def from_trie(cls, trie):
        """The compact form of a ``LookupTrie`` (``None`` when a token holds a separator)."""
        pairs = []
        for head, child in trie.children.items():
            if any(c in head for c in _SEPARATORS):
                return None
            tails, stack = [], [(child, ())]
            while stack:
                node, path = stack.pop()
                if node.is_terminal:
                    tails.append(_TOK.join(path))
                for tok, nxt in node.children.items():
                    if any(c in tok for c in _SEPARATORS):
                        return None
                    stack.append((nxt, path + (tok,)))
            pairs.append((head, _ITEM.join(sorted(tails))))
        if trie.is_terminal:            # the empty item: no trie of deduce's holds it
            return None
        pairs.sort()
        offsets, pos = array("q", [0]), 0
        for _, block in pairs:
            pos += len(block) + 1
            offsets.append(pos)
        return cls(trie.matching_pipeline, _BLOCK.join(h for h, _ in pairs),
                   "".join(b + _BLOCK for _, b in pairs), offsets.tobytes())

    def __reduce__(self):
        return (CompactTrie, (self.matching_pipeline, self._firsts, self._blocks, self._offsets))

    def _tails(self, head):
        """The sorted tails of first token ``head`` (a list, split once), or None."""
        tails = self._parsed.get(head)
        if tails is None:
            block = self.children.get(head)
            if block is None:
                return None
            tails = self._parsed[head] = block.split(_ITEM)
        return tails

    def add_item(self, item):
        raise TypeError("a CompactTrie is read-only")

    def __contains__(self, item):
        item = list(item)
        if not item:
            return False
        match = self.longest_matching_prefix(item)
        return match is not None and len(match) == len(item)

    def longest_matching_prefix(self, item, start_i=0):
        """The longest prefix of ``item[start_i:]`` that is an item (after the matching
        pipeline), as a list of its processed tokens, or ``None``; as ``LookupTrie``.

        A trie's walk, done on the first token's sorted tails: the walk goes on from a prefix
        while some tail starts with it and a separator (bisection finds the first such tail),
        and records the prefix as a match when it is a tail itself."""
        if start_i >= len(item):
            return None
        pipe = self._apply_matching_pipeline
        tails = self._tails(pipe(item[start_i]))
        if tails is None:
            return None
        longest = 1 if _has(tails, "") else 0
        prefix = ""
        i = start_i + 1
        while i < len(item):
            prefix = pipe(item[i]) if i == start_i + 1 else prefix + _TOK + pipe(item[i])
            item_here = _has(tails, prefix)
            if not item_here and not _starts(tails, prefix + _TOK):
                break
            i += 1
            if item_here:
                longest = i - start_i
        if not longest:
            return None
        return [pipe(tok) for tok in item[start_i:start_i + longest]]


def _has(sorted_list, s):
    i = bisect_left(sorted_list, s)
    return i < len(sorted_list) and sorted_list[i] == s


def _starts(sorted_list, prefix):
    i = bisect_left(sorted_list, prefix)
    return i < len(sorted_list) and sorted_list[i].startswith(prefix)


def compact(structs):
    """deduce's ``DsCollection`` with every ``LookupTrie`` replaced by its compact form."""
    for name in list(structs.keys()):
        struct = structs[name]
        if type(struct) is LookupTrie:      # pylint: disable=C0123
            small = CompactTrie.from_trie(struct)
            if small is not None:
                structs[name] = small
    return structs


def _key(deduce_version, cache_path):
    """The cache file's name: deduce's version and its own cache file's size and time."""
    src = Path(cache_path) / "cache" / "lookup_structs.pickle"
    try:
        st = src.stat()
        stamp = f"{st.st_size}-{st.st_mtime_ns}"
    except OSError:
        stamp = "none"
    return f"deduce-{deduce_version}-{stamp}-f{FORMAT}.pickle"


def lookup_structs(load, **kwargs):
    """deduce's lookup structures with compact tries: from impact's cache, else loaded by
    ``load`` (deduce's ``get_lookup_structs``, called with ``kwargs``), made compact and cached.
    """
    if kwargs.get("build"):
        return load(**kwargs)
    path = cache_dir() / _key(kwargs["deduce_version"], kwargs["cache_path"])
    try:
        # one read, then unpickling from memory: a file object's many small reads would each
        # give up the GIL, and in a loading thread wait for it again behind the busy main thread
        structs = pickle.loads(path.read_bytes())
        touch(path)
        return structs
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    structs = compact(load(**kwargs))
    # keyed by deduce's cache as it is now: on a new installation deduce has just written it
    atomic_pickle(structs, cache_dir() / _key(kwargs["deduce_version"], kwargs["cache_path"]))
    return structs
