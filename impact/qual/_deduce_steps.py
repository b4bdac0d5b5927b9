"""deduce's pipeline as impact calls it: the same annotations as ``Deduce.deidentify`` in fewer
Python steps (issue #25).

impact reads deduce's annotations alone (:func:`impact.qual.deid._deduce_spans`). :class:`Steps`
runs the processors of a built ``Deduce`` in deduce's order from one flat list, and leaves out
what impact does not read: the redactor (the redacted text) and the patient's name annotator
(nothing without a patient in the metadata, which impact never gives). For deduce 3.0.6 with
docdeid 1.0.1, the versions whose code they repeat, a few of deduce's steps are done the same way
in fewer Python steps:

* the tokens: deduce's tokenizer's pattern and merge, the token objects built without the
  dataclass's checks (a match's text has its span's length) and linked as they are built, the
  token list's index of them built only if asked;
* a token pattern of one regular expression (deduce's street names), compiled once;
* an annotator that looks only where a token is one of its start words (token patterns that
  begin with a lookup, regular expressions with ``pre_match_words``, docdeid's multi-token
  lookups) is passed over when none is, as it passes itself, without building its pipeline's
  key (a ``repr``) and the text's token texts each time;
* a context annotator (names around names, house numbers after streets) is passed over when no
  annotation has a tag it extends: it would give the same annotations;
* token patterns and context annotators match each position by a function made once from the
  pattern's dict (deduce's matcher reads the dict for every token), and a context annotator
  reads its patterns' direction, skip set, tags and tag format once;
* the regular expressions of identifiers, BSNs, phone numbers, dates by numbers and postcodes
  are passed over in a text with fewer digits than a match needs (a date by numbers also
  without a digit, a separator and a digit in a row);
* what removes or renames annotations of some tags is passed over where none has one, and the
  merge of adjacent annotations sorts them without asking each for its key;
* a multi-token lookup on impact's compact tries remembers, for a token and the next, whether
  the walk stops there (most tokens that begin an item, "de", "op", "in", begin none here);
* the overlap resolvers (deduce's persons, and the one after all annotators) on a byte mask with
  the same sort key, instead of a numpy mask read value by value.

Other versions run deduce's own processors. tests/test_deduce_lookup.py compares the annotations
with deduce's own ``deidentify`` on text.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from functools import lru_cache
from itertools import pairwise

from docdeid import Annotation, AnnotationSet, Document
from docdeid.process import (
    DocProcessorGroup,
    MultiTokenLookupAnnotator,
    OverlapResolver,
    RegexpAnnotator,
)
from docdeid.str import LowercaseString
from docdeid.tokenizer import Token, TokenList

# deduce's processors whose work impact does not read
UNUSED = frozenset({"redactor", "patient_name"})
_VERSIONS = {"deduce": "3.0.6", "docdeid": "1.0.1"}
_ZEROS = re.compile(rb"\x00+")


def _versions_known():
    from importlib.metadata import version

    try:
        return all(version(name) == v for name, v in _VERSIONS.items())
    except Exception:  # noqa: BLE001 - unknown: deduce's own processors
        return False


class Steps:
    """The processors of a built ``Deduce`` (``pipeline``) as impact calls them."""

    def __init__(self, pipeline):
        self.tokenizers = pipeline.tokenizers
        self.fast = _versions_known()
        self.tokenizer = pipeline.tokenizers.get("default")
        from deduce.tokenizer import DeduceTokenizer

        if type(self.tokenizer) is not DeduceTokenizer:
            self.fast = False
        self.steps = []
        self._walk(pipeline.processors)

    def _walk(self, group):
        for name, proc in group:
            if name in UNUSED:
                continue
            if isinstance(proc, DocProcessorGroup):
                self._walk(proc)
            else:
                self.steps.append((self._fast(proc) if self.fast else None) or proc.process)

    def annotations(self, text):
        """deduce's annotations of ``text`` (a set of ``docdeid.Annotation``)."""
        doc = Document(text, tokenizers=self.tokenizers)
        if self.fast:
            # (the steps below read the tokens from here, not through doc.get_tokens(), and
            # their texts, casefolded when a step first asks)
            tokens = doc._token_lists["default"] = _tokenize(self.tokenizer, text)
            doc._impact_texts = [t.text for t in tokens._tokens]
            doc._impact_lower = None
            # the digits of the text (as ``\d`` finds them), for :func:`_digits_gated`
            doc._impact_digits = sum(map(text.count, "0123456789")) if text.isascii() else \
                sum(map(str.isdecimal, text))
        for step in self.steps:
            step(doc)
        return doc.annotations

    @staticmethod
    def _fast(proc):
        from deduce import annotator as da
        from deduce.annotation_processor import (
            CleanAnnotationTag,
            DeduceMergeAdjacentAnnotations,
            PersonAnnotationConverter,
            RemoveAnnotations,
        )

        kind = type(proc)
        if kind is da.TokenPatternAnnotator and proc._start_words is None and \
                len(proc.pattern) == 1 and list(proc.pattern[0]) == ["re_match"]:
            return _one_pattern(proc)
        if kind in (da.TokenPatternAnnotator, da.ContextAnnotator):
            proc = _sequences(proc)
        if kind is da.TokenPatternAnnotator and proc._start_words is not None:
            return _start_pattern(proc) or \
                _gated(proc, proc._start_words, proc._matching_pipeline)
        need = _DIGITS_NEEDED.get((kind.__name__, _pattern_of(proc)))
        if need:
            return _digits_gated(proc, need)
        if kind in (RegexpAnnotator, da.RegexpPseudoAnnotator) and \
                proc.pre_match_words is not None:
            return _gated(proc, proc.pre_match_words, proc.matching_pipeline)
        if kind is MultiTokenLookupAnnotator:
            return _lookup(proc)
        if kind is da.ContextAnnotator:
            return _context(proc)
        if kind is PersonAnnotationConverter and \
                type(proc._overlap_resolver) is OverlapResolver:
            return _persons(proc)
        if kind is OverlapResolver:
            return _overlaps(proc)
        if kind is DeduceMergeAdjacentAnnotations and not proc.check_overlap:
            return _adjacent(proc)
        if kind is RemoveAnnotations:
            return _tags_gated(proc, set(proc.tags))
        if kind is CleanAnnotationTag:
            return _tags_gated(proc, set(proc.tag_map))
        return None


_DEDUCE_TOKENS = r"\w+|[\n\r\t]| {4,}|[^ ]"        # deduce.tokenizer._TOKENIZER_PATTERN


def _tokenize(tokenizer, text):
    """``tokenizer.tokenize(text)`` of deduce's tokenizer: the same tokens, linked the same way.

    With deduce's pattern every character outside the tokens is a space (a token is a word, a
    newline or tab, four spaces or more, or any other character), so each token's text is found
    from the end of the one before: the tokens' texts in one ``findall``, their places by
    ``str.find``, no match object per token."""
    new = object.__new__
    rx = tokenizer._pattern
    tokens = []
    texts = rx.findall(text) if rx.pattern == _DEDUCE_TOKENS else None
    if texts is not None:
        find, pos = text.find, 0
        for word in texts:
            start = find(word, pos)
            if start < 0:               # (not deduce's pattern after all: its matches)
                texts, tokens = None, []
                break
            pos = start + len(word)
            tok = new(Token)
            tok.__dict__.update(text=word, start_char=start, end_char=pos,
                                _previous_token=None, _next_token=None)
            tokens.append(tok)
    if texts is None:
        for m in rx.finditer(text):
            tok = new(Token)
            start, end = m.span()
            tok.__dict__.update(text=m.group(), start_char=start, end_char=end,
                                _previous_token=None, _next_token=None)
            tokens.append(tok)
        texts = [t.text for t in tokens]
    if tokenizer._trie is not None and not tokenizer._start_words.isdisjoint(texts):
        tokens = _merge(tokenizer, text, tokens, texts)
    if tokenizer.link_tokens:
        for a, b in pairwise(tokens):
            a.__dict__["_next_token"] = b
            b.__dict__["_previous_token"] = a
    # TokenList(tokens, link_tokens=False), its index of the tokens built when first asked
    out = object.__new__(TokenList)
    out._tokens = tokens
    out._token_index = _Index(tokens)
    out._words = {}
    out._text_to_tokens = {}
    return out


class _Index(dict):
    """A token list's index of its tokens (``{token: i}``, ``TokenList.token_index``), built
    when first asked: the steps here find tokens by index and never ask (building it hashes
    every token, a Python call each)."""

    __slots__ = ("_tokens",)

    def __init__(self, tokens):
        super().__init__()
        self._tokens = tokens

    def __missing__(self, token):
        tokens, self._tokens = self._tokens, None
        if tokens is None:
            raise KeyError(token)
        self.update({t: i for i, t in enumerate(tokens)})
        return self[token]


def _merge(tokenizer, text, tokens, texts):
    """``DeduceTokenizer._merge``: from each token that begins a merge term (in order, past those
    already merged) the longest term is joined into one token; the loop visits those tokens
    alone."""
    trie, start_words = tokenizer._trie, tokenizer._start_words
    out, pos = [], 0
    for i, word in enumerate(texts):
        if i < pos or word not in start_words:
            continue
        longest = trie.longest_matching_prefix(texts, start_i=i)
        if longest is None:
            continue
        out += tokens[pos:i]
        out.append(tokenizer._join_tokens(text, tokens[i:i + len(longest)]))
        pos = i + len(longest)
    out += tokens[pos:]
    return out


def _one_pattern(proc):
    """A token pattern of one position, ``{"re_match": pattern}``, with no start words: an
    annotation for each token whose text the pattern matches (as ``re.match`` does)."""
    rx = re.compile(proc.pattern[0]["re_match"])
    tag, priority = proc.tag, proc.priority

    def step(doc):
        text = doc.text
        doc.annotations.update(
            [Annotation(text=text[t.start_char:t.end_char], start_char=t.start_char,
                        end_char=t.end_char, tag=tag, priority=priority, start_token=t,
                        end_token=t)
             for t in doc._token_lists["default"] if rx.match(t.text)])

    return step


def _words(tokens, pipeline, key):
    """``tokens.get_words(pipeline)``, its key (``str(pipeline)``) made once; for no pipeline
    and for docdeid's ``LowercaseString`` alone (``casefold``) the words alone, in one set
    comprehension (the tokens by their text only where a lookup needs them: :func:`_by_text`)."""
    words = tokens._words.get(key)
    if words is None:
        if not pipeline:
            words = tokens._words[key] = {t.text for t in tokens._tokens}
        elif len(pipeline) == 1 and type(pipeline[0]) is LowercaseString:
            words = tokens._words[key] = {t.text.casefold() for t in tokens._tokens}
        else:
            tokens._init_token_lookup(pipeline)
            words = tokens._words[key]
    return words


def _by_text(tokens, pipeline, key):
    """The tokens by their text through ``pipeline`` (docdeid's ``_text_to_tokens[key]``, made
    as docdeid makes it; where only the words are made, docdeid's own lookup makes both again,
    the same)."""
    by_text = tokens._text_to_tokens.get(key)
    if by_text is None:
        lower = len(pipeline) == 1 and type(pipeline[0]) is LowercaseString
        if lower or not pipeline:
            by_text = defaultdict(list)
            for token in tokens._tokens:
                by_text[token.text.casefold() if lower else token.text].append(token)
            tokens._text_to_tokens[key] = by_text
        else:
            tokens._init_token_lookup(pipeline)
            by_text = tokens._text_to_tokens[key]
    return by_text


# deduce's dates by numbers (date_dmy_1, date_ymd_1 of base_config.json, deduce 3.0.6)
_DATE_DMY = (r"(?<!\d)(([1-9]|0[1-9]|[12][0-9]|3[01])(?P<sep>[-/\. ])([1-9]|0[1-9]|1[012])"
             r"(?P=sep)((19|20|\'|`)?\d{2}))(?!\d)")
_DATE_YMD = (r"(?<!\d)(((19|20|\'|`)\d{2})(?P<sep>[-/\. ])([1-9]|0[1-9]|1[012])(?P=sep)"
             r"([1-9]|0[1-9]|[12][0-9]|3[01]))(\D|$)")

# deduce's regular expressions (base_config.json, deduce 3.0.6) and the digits a match needs
# in the text: an identifier 7 in a row, a BSN 9, a phone number 6 (of the 7 that its prefix,
# with the 0 deduce puts before an international one, and its number must have), a date by
# numbers 4 (day, month, two of the year), a postcode 4
_DIGITS_NEEDED = {
    ("RegexpAnnotator", r"\d{7,}"): 7,
    ("BsnAnnotator", r"(?<!\d)(\d{9})(?!\d)"): 9,
    ("PhoneNumberAnnotator",
     (r"(?<!\d)(\(?(0031|\+31|0)(1[035]|2[0347]|3[03568]|4[03456]|5[0358]|6|7|88|800|91|"
     r"90[069]|[1-5]\d{2})\)?) ?-? ?((\d{2,4}[ -]?)+\d{2,4})")): 6,
    ("RegexpAnnotator", _DATE_DMY): 4,
    ("RegexpAnnotator", _DATE_YMD): 4,
    ("RegexpAnnotator", r"(\d{4}([A-Za-z]{2}| [A-Z]{2}))(?<!mg|MG|gr|ie)(\W|$)"): 4,
}


def _pattern_of(proc):
    for attr in ("regexp_pattern", "bsn_regexp", "phone_regexp"):
        rx = getattr(proc, attr, None)
        if rx is not None:
            return getattr(rx, "pattern", None)
    return None


# a date by numbers (deduce's date_dmy_1 and date_ymd_1) has a digit, a separator and a digit
_DATE_SEPARATED = {_DATE_DMY, _DATE_YMD}
_DIGIT_SEP_DIGIT = re.compile(r"\d[-/. ]\d")


def _digits_gated(proc, need):
    """A regular expression that needs ``need`` digits, passed over in a text with fewer (it
    would find nothing); a phone number's also needs its minimum of digits to be deduce's 9."""
    if type(proc).__name__ == "PhoneNumberAnnotator" and proc.min_digits < 9:
        return None
    process = proc.process
    if _pattern_of(proc) in _DATE_SEPARATED:
        def step(doc):
            if doc._impact_digits >= need and _DIGIT_SEP_DIGIT.search(doc.text):
                process(doc)
    else:
        def step(doc):
            if doc._impact_digits >= need:
                process(doc)

    return step


def _position(pos, ds):
    """A position of deduce's token pattern (``_PatternPositionMatcher.match``) as a function of
    the token; None for what it does not know."""
    if len(pos) != 1:
        return None
    func, value = next(iter(pos.items()))
    if func == "equal":
        return lambda t: t.text == value
    if func == "re_match":
        rx = re.compile(value)           # (re.match(value, ...) compiles the same)
        return lambda t: rx.match(t.text) is not None
    if func == "is_initials":
        return lambda t: (len(t.text) <= 4 and t.text.isupper()) == value
    if func == "like_name":
        return lambda t: (len(t.text) >= 3 and t.text.istitle() and
                          not any(ch.isdigit() for ch in t.text)) == value
    if func in ("lookup", "neg_lookup"):
        try:
            table = ds[value]
        except Exception:  # noqa: BLE001 - deduce's own matcher raises it at match time
            return None
        if func == "lookup":
            return lambda t: t.text in table
        return lambda t: t.text not in table
    if func in ("and", "or"):
        subs = [_position(x, ds) for x in value]
        if any(sub is None for sub in subs):
            return None
        if func == "and":
            return lambda t: all(sub(t) for sub in subs)
        return lambda t: any(sub(t) for sub in subs)
    return None


def _sequences(proc):
    """A copy of deduce's token pattern or context annotator whose ``_match_sequence`` matches
    each position by a function made once (deduce's asks its matcher, by keywords, which test a
    dict names, for every token); the annotator itself unchanged where a position is unknown."""
    from deduce.annotator import ContextAnnotator

    patterns = [p["pattern"] for p in proc.pattern] if isinstance(proc, ContextAnnotator) \
        else [proc.pattern]
    compiled = {}
    for pattern in patterns:
        tests = [_position(x, proc.ds) for x in pattern]
        if any(t is None for t in tests):
            return proc
        compiled[id(pattern)] = (pattern, tests)
    tag, priority, own = proc.tag, proc.priority, proc._match_sequence

    def match_sequence(text, pattern, start_token, direction="right", skip=None):
        known = compiled.get(id(pattern))
        if known is None or known[0] is not pattern or direction not in ("left", "right"):
            return own(text, pattern, start_token, direction=direction, skip=skip)
        skip = skip or set()
        tests = known[1] if direction == "right" else known[1][::-1]
        attr = "_next_token" if direction == "right" else "_previous_token"
        current = end_token = start_token
        for test in tests:
            if current is None or not test(current):
                return None
            end_token = current
            while True:
                current = getattr(current, attr)
                if current is None or current.text not in skip:
                    break
        if direction == "left":
            start_token, end_token = end_token, start_token
        return Annotation(text=text[start_token.start_char:end_token.end_char],
                          start_char=start_token.start_char, end_char=end_token.end_char,
                          tag=tag, priority=priority, start_token=start_token,
                          end_token=end_token)

    fast = copy.copy(proc)
    fast._match_sequence = match_sequence
    if isinstance(proc, ContextAnnotator):
        fast._apply_context_pattern = _context_patterns(proc, match_sequence)
    return fast


def _context_patterns(proc, match_sequence):
    """``ContextAnnotator._apply_context_pattern`` with what it reads of a context pattern (its
    direction, skip set, tags and tag format) read once: the same steps on the same sets."""
    known = {}
    for cp in proc.pattern:
        if cp["direction"] not in ("left", "right"):
            continue
        left = cp["direction"] == "left"
        known[id(cp)] = (cp, left, cp["direction"], set(cp.get("skip", [])),
                         set(cp["pre_tag"]), cp["pattern"], cp["tag"],
                         "previous" if left else "next")
    own, chained = proc._apply_context_pattern, proc._get_chained_token

    def apply(text, annotations, context_pattern):
        entry = known.get(id(context_pattern))
        if entry is None or entry[0] is not context_pattern:
            return own(text, annotations, context_pattern)
        _, left, direction, skip, pre_tag, pattern, tag_format, attr = entry
        for annotation in annotations.copy():
            parts = annotation.tag.split("+")
            if (parts[0] if left else parts[-1]) not in pre_tag:
                continue
            start_token = chained(annotation.start_token if left else annotation.end_token,
                                  attr, skip)
            new = match_sequence(text, pattern, start_token, direction=direction, skip=skip)
            if new:
                left_ann, right_ann = (new, annotation) if left else (annotation, new)
                merged = Annotation(
                    text=text[left_ann.start_char:right_ann.end_char],
                    start_char=left_ann.start_char, end_char=right_ann.end_char,
                    start_token=left_ann.start_token, end_token=right_ann.end_token,
                    tag=tag_format.format(tag=annotation.tag), priority=annotation.priority)
                annotations.remove(annotation)
                annotations.add(merged)
        return annotations

    return apply


def _gated(proc, start_words, pipeline):
    """An annotator that looks only where a token (through ``pipeline``) is one of
    ``start_words`` (deduce's token patterns that begin with a lookup, regular expressions with
    ``pre_match_words``): passed over, as it passes itself, when no token is one."""
    pipeline = pipeline or []
    key = str(pipeline)
    process = proc.process

    def step(doc):
        if not _words(doc._token_lists["default"], pipeline, key).isdisjoint(start_words):
            process(doc)

    return step


def _start_pattern(proc):
    """deduce's token pattern that begins with a lookup (a copy from :func:`_sequences`): its
    sequence matched from each token that is one of its start words, in the order of the text
    (deduce takes them from a set of token objects, an order that changes nothing: the
    annotations go into a set); None for a pipeline other than none or lower case."""
    pipeline = proc._matching_pipeline or []
    lower = len(pipeline) == 1 and type(pipeline[0]) is LowercaseString
    if pipeline and not lower:
        return None
    key = str(pipeline)
    start_words, pattern, skip = proc._start_words, proc.pattern, proc.skip
    match_sequence = proc._match_sequence

    def step(doc):
        tokens = doc._token_lists["default"]
        if _words(tokens, pipeline, key).isdisjoint(start_words):
            return
        words = doc._impact_texts if not lower else doc._impact_lower or _lower(doc)
        text = doc.text
        annotations = []
        for i, w in enumerate(words):
            if w in start_words:
                ann = match_sequence(text, pattern, tokens[i], direction="right", skip=skip)
                if ann is not None:
                    annotations.append(ann)
        doc.annotations.update(annotations)

    return step


def _lookup(proc):
    """docdeid's ``MultiTokenLookupAnnotator``: the tokens that begin an item found among the
    text's words (the key of its pipeline made once), the longest item from each."""
    pipeline = proc._matching_pipeline or []
    key = str(pipeline)
    start_words, trie = proc._start_words, proc._trie
    tag, priority, overlapping = proc.tag, proc.priority, proc.overlapping
    first_two = _first_two(trie)

    lower = len(pipeline) == 1 and type(pipeline[0]) is LowercaseString
    plain = not pipeline or lower

    def step(doc):
        tokens = doc._token_lists["default"]
        hits = _words(tokens, pipeline, key).intersection(start_words)
        if not hits:
            return
        tokens_text = doc._impact_texts
        if plain:
            # the tokens whose text (through the pipeline) is a hit, in the order of the text:
            # docdeid's sorted set of those tokens, as their indices
            words = tokens_text if not lower else doc._impact_lower or _lower(doc)
            starts = [i for i, w in enumerate(words) if w in hits]
        else:
            by_text = _by_text(tokens, pipeline, key)
            found = set()
            for word in hits:
                found.update(by_text[word])
            starts = [tokens.token_index(t) for t in sorted(found, key=lambda t: t.start_char)]
        text = doc.text
        annotations = []
        min_i = 0
        for i in starts:
            if i < min_i:
                continue
            n = first_two(tokens_text[i], tokens_text[i + 1] if i + 1 < len(tokens_text)
                          else None) if first_two else -1
            if n < 0:
                longest = trie.longest_matching_prefix(tokens_text, start_i=i)
                n = len(longest) if longest is not None else 0
            if not n:
                continue
            start_token = tokens[i]
            end_token = tokens[i + n - 1]
            annotations.append(Annotation(
                text=text[start_token.start_char:end_token.end_char],
                start_char=start_token.start_char, end_char=end_token.end_char,
                start_token=start_token, end_token=end_token, tag=tag, priority=priority))
            if not overlapping:
                min_i = i + n
        doc.annotations.update(annotations)

    return step


def _lower(doc):
    doc._impact_lower = [w.casefold() for w in doc._impact_texts]
    return doc._impact_lower


def _first_two(trie):
    """For impact's compact trie (:class:`impact.qual._deduce_lookup.CompactTrie`): the length
    of ``trie.longest_matching_prefix`` from a token, where the walk stops at the token after it
    (no item goes on with that token: most of the text's tokens that begin an item, "de", "op",
    "in", are followed by none of its tails), by the two tokens' texts and remembered; -1 where
    the walk goes on (then the trie walks). None for another trie."""
    from ._deduce_lookup import _TOK, CompactTrie, _has, _starts

    if type(trie) is not CompactTrie:
        return None
    pipe = trie._apply_matching_pipeline

    @lru_cache(maxsize=65536)
    def first_two(first, second):
        tails = trie._tails(pipe(first))
        if tails is None:
            return 0
        single = 1 if _has(tails, "") else 0
        if second is None:
            return single
        prefix = pipe(second)
        if _has(tails, prefix) or _starts(tails, prefix + _TOK):
            return -1
        return single

    return first_two


def _context(proc):
    """A context annotator extends only annotations whose last tag (to the right) or first tag
    (to the left) one of its patterns names; without one it gives the same annotations."""
    right = set()
    left = set()
    for pattern in proc.pattern:
        (right if pattern["direction"] == "right" else left).update(pattern["pre_tag"])
    process = proc.process

    def step(doc):
        for ann in doc.annotations:
            parts = ann.tag.split("+")
            if parts[-1] in right or parts[0] in left:
                process(doc)
                return

    return step


def _sort_key(resolver=None, by=None, callbacks=None):
    """``Annotation.get_sort_key`` of an overlap resolver, or by ``by`` (deterministic: those
    attributes, then the annotation's others in alphabetical order)."""
    if resolver is not None:
        by, callbacks = resolver._sort_by, resolver._sort_by_callbacks
    callbacks = callbacks or {}
    extras = sorted({"text", "start_char", "end_char", "tag", "priority", "length"} - set(by))
    parts = [(a, callbacks.get(a)) for a in by] + [(a, None) for a in extras]

    def key(ann):
        return tuple(cb(getattr(ann, a)) if cb is not None else getattr(ann, a)
                     for a, cb in parts)

    return key


def _resolve(annotations, key):
    """``OverlapResolver.process_annotations``: annotations in the order of ``key``, each kept
    where no earlier one lies (its free runs as new annotations of its tag)."""
    mask = bytearray(max(a.end_char for a in annotations))
    out = []
    for ann in sorted(annotations, key=key):
        start, end = ann.start_char, ann.end_char
        seg = mask[start:end]
        if 1 not in seg:
            out.append(ann)
        else:
            for m in _ZEROS.finditer(seg):
                s, e = m.span()
                out.append(Annotation(text=ann.text[s:e], start_char=start + s,
                                      end_char=start + e, tag=ann.tag))
        mask[start:end] = b"\x01" * len(seg)
    return AnnotationSet(out)


def _overlaps(proc):
    key = _sort_key(proc)

    def step(doc):
        if len(doc.annotations) != 0:
            doc.annotations = _resolve(doc.annotations, key)

    return step


def _adjacent(proc):
    """docdeid's ``MergeAdjacentAnnotations`` (deduce's tags and replacement): the annotations by
    ``start_char`` (``get_sort_key``'s order) without asking each annotation for its key."""
    key = _sort_key(by=("start_char",))
    adjacent, replacement = proc._are_adjacent_annotations, proc._adjacent_annotations_replacement

    def step(doc):
        if len(doc.annotations) == 0:
            return
        text = doc.text
        ordered = sorted(doc.annotations, key=key)
        out = AnnotationSet()
        for i in range(len(ordered) - 1):
            ann, nxt = ordered[i], ordered[i + 1]
            if adjacent(ann, nxt, text):
                ordered[i + 1] = replacement(ann, nxt, text)
            else:
                out.add(ann)
        out.add(ordered[-1])
        doc.annotations = out

    return step


def _tags_gated(proc, tags):
    """deduce's processors that remove or rename annotations of ``tags``: passed over where no
    annotation has one (they would give the same annotations)."""
    process = proc.process

    def step(doc):
        for ann in doc.annotations:
            if ann.tag in tags:
                process(doc)
                return

    return step


def _persons(proc):
    """deduce's ``PersonAnnotationConverter``: its overlap resolver, then tags ``patient`` or
    ``persoon``, pseudo-names and blank ones left out."""
    key = _sort_key(proc._overlap_resolver)

    def step(doc):
        if len(doc.annotations) == 0:
            return
        doc.annotations = AnnotationSet(
            Annotation(text=a.text, start_char=a.start_char, end_char=a.end_char,
                       tag="patient" if "patient" in a.tag else "persoon")
            for a in _resolve(doc.annotations, key)
            if "pseudo" not in a.tag and len(a.text.strip()) != 0)

    return step
