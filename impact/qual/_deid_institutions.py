"""Eighth round of issue 25: institutions and schools by their own name.

Called from :func:`impact.qual.deid.find_identifiers`: :func:`spans` adds spans, :func:`keep`
adds the institutions of a list and of a lower-case chat after the merge. ``text`` is the
recased text, ``low`` its lower case, ``orig`` the original (all of the same length). See
docs/deidentification.md, "Eighth round".

Principles (each rule is written for the shape or the position of the class, not a sentence):

* a **type noun** of a place where people are cared for, meet, learn, eat or live, or of the
  organisation that runs it (``data/institution_heads_nl.txt``: restaurant, dorpshuis,
  jongerencentrum, kliniek, moskee, atelier, stichting, sociaal werk, ...; a compound on
  -centrum, -kliniek, -school), followed by a proper name: capitalised words (with the links of a
  name: "van", "de", "en", "in", "op" ...: "Stichting Welkom in Oost"; a town or a neighbourhood
  after "in" is where it is), an article and a capitalised word ("jongerencentrum Het Podium",
  "wijkcentrum de Pelikaan"), a name in quotes, in a run of capitals a name that is no ordinary
  word or a region ("DORPSHUIS DE SKALM", "WELZIJN LEIDEN-NOORD"), in lower case after a bare
  type noun ("naar buurthuis de kooi"); a name set off from its noun (a comma, brackets,
  "genaamd", "heet") or before it in an apposition or said to be one ("De Kolibrie, het
  buurthuis", "Het Anker is een inloophuis") is the name alone. The noun alone stays ("het
  buurthuis", "naar de moskee"), and so do a month, a title, a feast, a field of medicine, a
  brand, a programme, a language or an adjective after it, and a lone first name after a noun
  in lower case ("in het restaurant Ahmed ...");
* a **proper name whose own last part is such a type** (``Floreshuis``, ``Sint
  Maartenskliniek``, ``Stevenskerk``): a capitalised compound on -kliniek, -huis, -centrum,
  -hof, -stede, -college, -school, -kerk, ... that is no Dutch word and whose first part is no
  Dutch word either (a name: "Maartens", "Flores"; not "Buurthuis", "Zorgcentrum"), with a
  saint's title and a capitalised article before it; a name before a type word with a word that
  is no Dutch word ("Mevlana Moskee"; not "Grote Kerk");
* an **organisation in capitals with its region** ("GGD Hollands Midden", "GGZ
  Noord-Holland-Noord", "ROC Midden Nederland"), in any case: towns, provinces, compass words
  and the adjectives of regions;
* a name in an **institution's position**: after an Arabic article ("zit op Al Amana", "naar El
  Feth"; not a place abroad), a word in no list after "in/op/naar het" ("in het Antonius"; not a
  language, a dialect, a region or a landscape);
* **institutions beside one found** (after the merge): the items of its list ("buurthuis De
  Kooi, De Wissel en Het Anker", "Ma: De Kolibrie; Di: Het Anker"), the names in brackets beside
  a bracket that holds one ("Achraf (Summa College) en Floor (Fontys)"); in a **chat written in
  lower case** a capitalised noun after a preposition and an article, with its article ("bij de
  Bron": the text's case says nothing of the article there);
* what other rules replaced and names no institution is kept: a type noun alone, a type noun and
  a language, a month, a feast or an adjective ("in de praktijk Nederlands"), a paper, a brand
  or a person joined to an institution by "en".

Ninth round (docs/deidentification.md, "Ninth round"):

* a **school type's abbreviation** (ROC, LTS, MBO, VMBO, HAVO, MAVO, ISK, ULO, ...) before its
  name: an article and a capitalised word ("LTS De Poort"), a word in capitals that is no track
  or level ("ROC TOP"; not "VMBO TL"), a town, a region or a word that is no Dutch word ("ROC
  Mondriaan"); not a language or a month ("HAVO Nederlands"), not in a heading of capitals; the
  abbreviation alone stays ("op de HAVO");
* a **capitalised type noun after capitalised words**: a museum named by them ("Fries Museum",
  "Centraal Museum"; the museums every Dutch reader knows are deid's well-known places and
  stay), a team, a centre, a theatre ... with a name after it ("Moluks Centrum Kayu Hitam",
  "Sociaal Team Leeuwarden-Zuid"; "het Sociaal Team" alone stays); compounds on -museum and
  -team before a name as on -centrum ("Natuurmuseum Fryslân");
* a **capitalised article inside a sentence** before a compound on a type's ending ("in Het
  Ontmoetingshuis", "naar De Buurtkamer") or after a preposition of place before a capitalised
  word ("we zingen in De Ontmoeting"; not a town, a paper, a surname, a title of more words);
* an adjective before a capitalised School, Pabo or Academie with a name after it ("Technische
  School Sneek"), a compound on -scholengemeenschap before a name;
* a capitalised preposition at a sentence's start is no part of a name ("Van Mondial College
  hebben we niks gehoord"), nor a preposition and an article in lower case ("op de").

Tenth round (docs/deidentification.md, "Tenth round"):

* a **school's kind glued to a rare name** (-school, -college, -lyceum ...; no Dutch word, Zipf
  < 2, no first part that makes a kind: "Houtschool", not "Landbouwschool") with the capitalised
  words before it ("Leidse Houtschool"); a **denominational or numbered school** ("Openbare
  Lagere School No. 4");
* whatever capitalised name stands in a **school's position** ("zit op het X", "studeert aan de
  X", "student aan X", "op de X zitten"; not a town, a person, a brand, a common word) and that
  name again; a name **corrected by an institution's** ("X... nee, ... het Y-college");
* a capitalised name before a **hall's noun** ("Doelen-foyer"), after the merge;
* Frisian and regional type nouns and **trades with an owner's name** are type nouns
  (``data/institution_heads_nl.txt``: "Doarpshûs", "Kulturhus", "bakkerij", "slagerij").
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources

from .deid import (
    _BRANDS,
    _FEASTS,
    _LANGUAGES,
    _MONTH_OR_WEEKDAY,
    _NATIONALITY_END,
    _PROGRAMMES,
    _RELATIONS,
    _TITLE_WORDS,
    _WELL_KNOWN,
    _any_first_name,
    _cap_words_low,
    _compound,
    _countries,
    _deduce_lookup,
    _first_names,
    _gazetteer,
    _is_word,
    _known_places,
    _language_words,
    _Lazy,
    _low_words,
    _merge,
    _ordinary_words,
    _zipf,
    register_rules,
)

_UP = "A-ZÀ-ÖØ-Þ"


@lru_cache(maxsize=1)
def _lists():
    """The sections of ``data/institution_heads_nl.txt`` as frozensets of lower-case words."""
    text = resources.files("impact.qual").joinpath("data/institution_heads_nl.txt") \
        .read_text("utf-8")
    out, section = {}, None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            out[section] = set()
            continue
        out[section].add(line.lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=2)
def _head_rx(compounds=True):
    """A type noun in any case: a listed one (as a trie: a position is tried along the branch of
    its letters only) or, with ``compounds``, a compound on a listed ending."""
    from .deid import _trie_pattern

    suffixes = "|".join(sorted(_lists()["suffixes"]))
    more = rf"|[^\W\d_]{{3,}}(?:{suffixes})" if compounds else ""
    return re.compile(r"(?i)(?<![\w-])(?:" + _trie_pattern(sorted(_lists()["heads"])) + more +
                      r")(?![\w-])")


@lru_cache(maxsize=1)
def _suffix_rx():
    return re.compile(r"(?:" + "|".join(sorted(_lists()["suffixes"])) + r")\b")


# a compound on a listed ending that names a kind, not a place ("winkelcentrum", "stadscentrum")
_NOT_HEADS = frozenset(("winkelcentrum", "stadscentrum", "dorpscentrum", "centrum",
                        "voortgezet", "middelbare"))

# a word of a name: capitalised, with hyphens or an apostrophe ("Leiden-Noord", "Samen350")
_W = rf"[{_UP}][^\W_]*(?:[-'’&][^\W_]+)*"
_LINK = r"(?:de|van|der|den|het|en|aan|op|in|voor|bij|'t|’t|&)"
_ART = r"(?:De|Het|'t|’t|Den|DE|HET|'T|DEN)"
_Q = "['\"‘“„]"
_NAME_AFTER = _Lazy("_NAME_AFTER", 
    rf"[ \t]+{_Q}?((?:(?:{_ART}|de|het|'t|’t|t)[ \t]+)?{_W}(?:[ \t]+(?:{_LINK}[ \t]+)*{_W})*)")
_NAME_AT = _Lazy("_NAME_AT", _NAME_AFTER.pattern[len("[ \\t]+"):])
# a name set off from its type noun: "het buurthuis, De Kolibrie,", "het buurthuis (De Kolibrie)",
# "een inloophuis genaamd Het Anker", "het buurthuis heet De Kolibrie"
_NAME_SET_OFF = _Lazy("_NAME_SET_OFF", 
    rf"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+(?:genaamd|genoemd|heet|heette|met\s+de\s+naam)"
    rf"[ \t]+)(?={_Q}?[{_UP}'’])")
# a name before its type noun in an apposition or said to be one: "De Kolibrie, het buurthuis op
# de hoek", "Het Anker (inloophuis)", "De Kolibrie is een buurthuis"
_NAME_BEFORE = _Lazy("_NAME_BEFORE", 
    rf"(?<![\w-])((?:(?:De|Het|'t|’t)[ \t]+)?{_W}(?:[ \t]+{_W}){{0,2}}){_Q}?"
    r"(?:[ \t]*[,(][ \t]*(?:(?:het|de|een|ons|onze|mijn|hun|dat|die|is|was)[ \t]+)?"
    r"(?:(?:is|was|een|het|de)[ \t]+)?"
    r"|[ \t]+(?:is|was)[ \t]+(?:(?:een|het|de|ons|onze|mijn)[ \t]+)?)"
    r"(?:[a-zà-ÿ]+[ \t]+)?$")
# a hospital or a school by its name after a neuter article: "ligt in het Antonius", "les op het
# Praedinius" (a person takes no article, a town none)
_HET_NAME = _Lazy("_HET_NAME", rf"\b(?:[Ii]n|[Oo]p|[Nn]aar|[Vv]an|[Bb]ij|[Aa]an|[Uu]it)[ \t]+het[ \t]+"
                       rf"([{_UP}][a-zà-ÿ]+(?:[ \t-][{_UP}][a-zà-ÿ]+)?)(?![\w-])")
_TOKEN = _Lazy("_TOKEN", r"[^\s]+")
_ARTICLES = frozenset(("de", "het", "'t", "’t", "den", "t"))
_ADJECTIVE_END = _Lazy("_ADJECTIVE_END", r"(?:se|sche|ische)$")
_LOWER_NEXT = _Lazy("_LOWER_NEXT", r"[ \t]+[a-zà-ÿ]")
_NAME_PREPS = frozenset(("onder", "op", "aan", "in", "bij", "achter", "over", "boven", "om",
                         "voor", "tussen", "naast"))
_PLACE_LINKS = frozenset(("in", "bij", "aan", "op", "voor"))
_LINKS = frozenset(("de", "van", "der", "den", "het", "en", "aan", "op", "in", "voor", "bij",
                    "'t", "’t", "&"))


def _region(lw):
    """Is the lower-case word (or every part of it at its hyphens) a town, a province, a region
    or a word of a region's name ("leiden-noord", "hollands", "midden")?"""
    regions = _lists()["regions"]
    if lw in regions or lw in _known_places():
        return True
    parts = lw.split("-")
    return len(parts) > 1 and all(p in regions or p in _known_places() for p in parts)


def _stop_word(w, lw):
    """A capitalised word that ends a name before it: a month or a weekday, a title, a feast, a
    field of medicine or study ("polikliniek Cardiologie", "de praktijk Fysiotherapie")."""
    return bool(_MONTH_OR_WEEKDAY.fullmatch(lw)) or lw in _TITLE_WORDS or lw in _FEASTS or \
        bool(_FIELD_END.search(lw))


_FIELD_END = _Lazy("_FIELD_END", r"(?:logie|kunde|therapie|chirurgie|geneeskunde|iatrie|atrie)$")


def _name_after_head(orig, head_start, head_end, m=None):
    """The end of the proper name after a type noun (``head_end``; ``m`` a match of
    :data:`_NAME_AFTER` where the name is set off), or None."""
    set_off = m is not None
    m = m or _NAME_AFTER.match(orig, head_end)
    if not m:
        return None
    head = orig[head_start:head_end]
    if not m.group(1)[:1].isupper() and not orig[head_start:head_start + 1].isupper() and \
            not head.islower():
        return None
    caps = head.isupper() and len(head) > 1
    toks = list(_TOKEN.finditer(orig, m.start(1), m.end(1)))
    i, article = 0, False
    if toks[0].group(0).lower() in _ARTICLES:
        article, i = True, 1
    if i >= len(toks):
        return None
    w0 = toks[i].group(0)
    lw0 = w0.lower()
    if _stop_word(w0, lw0) or lw0 in _BRANDS or _PROGRAMMES.match(orig, toks[i].start()) or \
            lw0 in _LANGUAGES or _NATIONALITY_END.search(lw0) and _is_word(lw0):
        return None
    if caps or w0.isupper() and len(w0) > 1 and head.isupper():
        # a run of capitals: after an article any word, else a region or no ordinary word, or a
        # preposition and an article ("WIJKCENTRUM ONDER DE LINDEN", as "Onder de Linden")
        if not (article or _region(lw0) or not _is_word(lw0) or
                lw0 in _NAME_PREPS and i + 2 < len(toks) and
                toks[i + 1].group(0).lower() in _ARTICLES):
            return None
    elif not article:
        if lw0 in _countries():
            return None
        # set off from its noun, a name in no list ("het buurthuis, Marieke zei" is a person)
        if set_off and (w0 in _first_names() or _any_first_name(lw0) or _is_word(lw0) or
                        lw0 in _known_places()):
            return None
        # "in het restaurant Ahmed ...": a lone first name after a noun in lower case is a person
        if head[:1].islower() and len(toks) == i + 1 and \
                (w0 in _first_names() or _any_first_name(lw0)) and not _region(lw0):
            return None
    # "de bibliotheek Nederlandse boeken": an adjective of a people or a place before a noun
    if len(toks) == i + 1 and not caps and _ADJECTIVE_END.search(lw0) and \
            _LOWER_NEXT.match(orig, toks[i].end()):
        return None
    end = toks[i].end()
    j = i + 1
    links = []
    while j < len(toks):
        w = toks[j].group(0)
        lw = w.lower()
        if lw in _LINKS and (not w[:1].isupper() or caps and w.isupper()):
            links.append(toks[j])
            j += 1
            continue
        # "buurthuis De Kooi en Jan zei ...": a person after "en"
        if links and links[-1].group(0) == "en" and (w in _first_names() or
                                                     _any_first_name(lw)):
            break
        if _stop_word(w, lw):
            break
        if caps and not (_region(lw) or not _is_word(lw) or
                         links and links[-1].group(0).lower() in _ARTICLES):
            break
        # after a preposition the name goes on with a region's or an ordinary word ("Welkom in
        # Oost", "Sterk in de Wijk"); a town or a neighbourhood there is where it is ("Stichting
        # Present in Utrecht", "buurthuis De Paraplu in Kolenkit"), and so is any place after a
        # name with its article
        if links and any(t.group(0).lower() in _PLACE_LINKS for t in links) and (
                article or lw in _known_places() and lw not in _lists()["regions"] or
                not (_is_word(lw) or lw in _lists()["regions"])):
            break
        end = toks[j].end()
        links = []
        j += 1
    return end


_ACRONYM = _Lazy("_ACRONYM", r"(?<![\w-])(?:GGD|GGZ|GGz|ROC|RIBW|MEE|CJG|JGZ|KBO|WIJ|SWO|SWT)"
                      r"(?=[ \t]+[^\W\d_])")
_REGION_RUN = _Lazy("_REGION_RUN", r"(?:[ \t]+(?:(?:van|en)[ \t]+)?[^\W\d_]+(?:-[^\W\d_]+)*)+")


def _acronym_regions(orig):
    """"GGD Hollands Midden", "GGZ NOORD-HOLLAND-NOORD": an organisation's acronym and the words
    of its region after it (at least one that is no town alone)."""
    out = []
    for m in _ACRONYM.finditer(orig):
        r = _REGION_RUN.match(orig, m.end())
        if not r:
            continue
        end = m.end()
        for t in _TOKEN.finditer(orig, m.end(), r.end()):
            lw = t.group(0).lower()
            if lw in ("van", "en"):
                continue
            if not _region(lw) or not (t.group(0)[:1].isupper() or lw == "regio"):
                break
            end = t.end()
        if end > m.end():
            out.append((m.start(), end, "institution"))
    return out


# a proper name whose last part is a type: "Floreshuis", "Sint Maartenskliniek", "HET FLORESHUIS"
_TYPE_END = ("kliniek", "huis", "centrum", "hof", "stede", "college", "school", "kerk", "lyceum",
             "kapel", "gasthuis", "moskee", "hospice")
_TYPE_COMPOUND = _Lazy("_TYPE_COMPOUND", 
    rf"(?<![\w-])(?:((?:De|Het|'t|’t|DE|HET)[ \t]+))?((?:(?:Sint|St\.|Sankt|Heilige|SINT)[ \t-])?"
    rf"(?:[{_UP}][a-zà-ÿ]{{2,}}|[{_UP}]{{3,}})"
    rf"(?:{'|'.join(_TYPE_END)}|{'|'.join(t.upper() for t in _TYPE_END)}))(?![\w-])")


@lru_cache(maxsize=4096)
def _named_compound(low, suffix):
    """Is the lower-case compound ``low`` on ``suffix`` a proper name: no Dutch word, and its
    first part (without a linking s, e or en) no Dutch word either ("maartens", "flores"; not
    "buurt", "zorg", "zieken")?"""
    if _is_word(low) or _zipf(low) >= 2.5 or low in _known_places():
        return False
    mod = low[:-len(suffix)]
    if len(mod) < 3:
        return False
    rare, common, _ = _gazetteer()
    if low in rare or low in common:
        return False                   # a neighbourhood (the place rules')
    return not _word_modifier(mod)


@lru_cache(maxsize=4096)
def _word_modifier(mod):
    """Is the first part of a compound (without a linking s, e or en) a Dutch word and no first
    name ("buurt", "zorg", "zieken"; not "maartens", "flores", "sint-jozef")?"""
    if "-" in mod or " " in mod:
        return False
    cands = {mod}
    if mod.endswith("s"):
        cands.add(mod[:-1])
    if mod.endswith("en"):
        cands.add(mod[:-2])
    if mod.endswith("e"):
        cands.add(mod[:-1])
        if len(mod) > 3 and mod[-2] == mod[-3]:
            cands.add(mod[:-2])        # "zonne" of "zon"
    return any(len(c) >= 3 and _is_word(c) and not _any_first_name(c) for c in cands)


def _type_compounds(orig):
    out = []
    for m in _TYPE_COMPOUND.finditer(orig):
        word = m.group(2).split()[-1].split("-")[-1]
        low = word.lower()
        suffix = next(t for t in sorted(_TYPE_END, key=len, reverse=True) if low.endswith(t))
        if not _named_compound(low, suffix):
            continue
        # a street with its number ("Kastanjehof 12") is an address
        if re.match(r"[ \t]*\d", orig[m.end():m.end() + 4]):
            continue
        # a capitalised article belongs to the name ("Het Floreshuis"), "'t" stays out as "het"
        start = m.start(1) if m.group(1) and m.group(1)[:1].isupper() else m.start(2)
        out.append((start, m.end(2), "institution"))
    return out


def _at_start(orig, i):
    j = i
    while j > 0 and orig[j - 1] in " \t":
        j -= 1
    return j == 0 or orig[j - 1] in ".!?:\n"


# an Arabic article and a capitalised name in an institution's position ("op Al Amana")
_ARABIC = _Lazy("_ARABIC", rf"\b(?:[Oo]p|[Nn]aar|[Bb]ij|[Vv]an|[Vv]ia|[Aa]an|[Ii]n)[ \t]+"
                     rf"(?:(?:de|het)[ \t]+)?((?:Al|El|An|Ar|As|At|Ad|Ash|Dar)[ \t-]"
                     rf"[{_UP}][^\W\d_]+(?:[ \t][{_UP}][^\W\d_]+)?)(?![\w-])")


def _arabic_names(orig):
    from ._deid_places import _fold, _world_places

    out = []
    for m in _ARABIC.finditer(orig):
        piece = m.group(1)
        lp = piece.lower()
        rest = lp.split(None, 1)[1] if " " in lp else lp.split("-", 1)[1]
        if _fold(lp) in _world_places() or _fold(lp.replace(" ", "-")) in _world_places() or \
                lp in _countries() or lp in _known_places() or lp in _WELL_KNOWN or \
                lp in _BRANDS or _zipf(lp.replace(" ", ""), "en") >= 3.0 or \
                _zipf(rest, "en") >= 3.0 or _fold(rest) in _world_places() and \
                _zipf(rest) >= 3.0:
            continue
        out.append((m.start(1), m.end(1), "institution"))
    return out


# a name in lower case after a bare type noun: an article and one or two words
_LOWER_NAME = _Lazy("_LOWER_NAME", r"[ \t]+((?:de|het|'t|’t)[ \t]+[a-zà-ÿ]{3,}(?:[ \t]+[a-zà-ÿ]{3,})?)"
                         r"(?![\w-])")
_BARE_BEFORE = _Lazy("_BARE_BEFORE", r"\b(?:bij|naar|in|op|via|van|uit|vanuit|aan)[ \t]+$")


def _bare_head(orig, start):
    return bool(_BARE_BEFORE.search(orig, max(0, start - 8), start)) and \
        orig[start:start + 1].islower()


def _lower_name_ok(piece):
    """How many words of a name in lower case follow its article (0, 1 or 2): no function word,
    no adjective that opens a noun phrase ("de hele dag", "de laatste keer"), no time word."""
    words = piece.split()[1:]
    if words[0] in _OPENERS or _zipf(words[0]) >= 5.0 or _MONTH_OR_WEEKDAY.fullmatch(words[0]):
        return 0
    return 2 if len(words) == 2 and _zipf(words[1]) < 5.0 and words[1] not in _OPENERS and \
        not _MONTH_OR_WEEKDAY.fullmatch(words[1]) else 1


_OPENERS = frozenset(("hele", "halve", "laatste", "eerste", "tweede", "derde", "volgende",
                      "vorige", "andere", "zelfde", "meeste", "ochtend", "middag", "avond",
                      "week", "dag", "nacht", "keer", "tijd", "groep", "mensen", "kinderen"))


_PLACE_PREPS = frozenset(("in", "bij", "op", "naast", "achter", "tegenover", "vlakbij", "aan",
                          "uit", "naar", "rond", "bij", "voor", "nabij"))
_PLACE_PREP_BEFORE = _Lazy("_PLACE_PREP_BEFORE", r"\b(?i:in|bij|op|naast|achter|tegenover|vlakbij|aan|rond|"
                                r"nabij)[ \t]+$")


_ARTICLE_BEFORE = _Lazy("_ARTICLE_BEFORE", r"\b(?:de|het)[ \t]+$")


def _apposition_name(orig, start, piece, said=False):
    """Is ``piece`` before an apposition with a type noun (``said``: before "is een" and a type
    noun) a name ("De Kolibrie", "Het Anker"): no town, no country, no ordinary word, no first
    name without its article, no place where the type noun is ("In Leyenburg is een moskee")?"""
    words = piece.split()
    # "In Leyenburg is een moskee", "daar in Leyenburg is een moskee": where a place is
    if words[0].lower() in _PLACE_PREPS or said and _PLACE_PREP_BEFORE.search(
            orig, max(0, start - 12), start):
        return False
    article = words[0] in ("De", "Het", "'t", "’t") and len(words) > 1
    rest = words[1:] if article else words
    lw = " ".join(rest).lower()
    if lw in _known_places() or lw in _countries() or lw in _WELL_KNOWN or lw in _BRANDS or \
            any(_stop_word(w, w.lower()) for w in rest) or _PROGRAMMES.match(orig, start):
        return False
    if article:
        return True
    if rest[0] in _first_names() or _any_first_name(rest[0].lower()):
        return False
    # a Dutch word with a capital inside a sentence, after an article: a name ("in het Mozaïek,
    # het wijkcentrum")
    # (not a common word a learner may capitalise: "in het Centrum, het buurthuis was dicht")
    return not _is_word(lw) or not _at_start(orig, start) and _zipf(lw) < 4.0 and \
        bool(_ARTICLE_BEFORE.search(orig, max(0, start - 5), start))


# a landscape's name ("in het Rifgebergte", "in het Atlasgebied")
_LANDSCAPE = _Lazy("_LANDSCAPE", r"(?:gebergte|gebied|land|dal|bos|park|meer|veen|eiland|woud|zand|"
                        r"delta|bekken)$")


def _het_names(orig):
    out = []
    for m in _HET_NAME.finditer(orig):
        piece = m.group(1)
        lp = piece.lower()
        last = lp.replace("-", " ").split()[-1]
        if lp in _known_places() or lp in _WELL_KNOWN or lp in _BRANDS or lp in _LANGUAGES or \
                lp in _countries() or _is_word(last) or _NATIONALITY_END.search(last) or \
                _zipf(last, "en") >= 3.5 or _stop_word(piece, lp) or lp in _lists()["heads"] or \
                last in _gazetteer()[0] or last in _gazetteer()[1] or \
                _PROGRAMMES.match(orig, m.start(1)) or _compound(last) or \
                last in _language_words() or last in _lists()["regions"] or \
                last[:-1] in _known_places() or _LANDSCAPE.search(last):
            continue
        out.append((m.start(1), m.end(1), "institution"))
    return out


# the type words that may follow a name ("Mevlana Moskee", "Ulu Camii")
_TYPE_AFTER_LIST = ("Camii", "Cami", "Moskee", "Kerk", "Kapel", "Kliniek", "Gasthuis", "Hospice",
                    "Huis", "Centrum", "Theater", "Bibliotheek", "Museum", "Tempel", "Synagoge")
_TYPE_AFTER_ALT = "|".join(_TYPE_AFTER_LIST)
_TYPE_AFTER_GATE = _Lazy("_TYPE_AFTER_GATE", rf" (?:{_TYPE_AFTER_ALT})\b")
_ARABIC_WORDS = frozenset(("al", "el", "an", "ar", "as", "at", "ad", "ash", "dar"))
# (gate: "het" and a capital, a literal first)
_HET_CAP = _Lazy("_HET_CAP", rf"het[ \t]+[{_UP}]")


# a name before its type word: "Mevlana Moskee", "Ulu Camii", "Sint Jozef Kapel"
_TYPE_AFTER = _Lazy("_TYPE_AFTER", 
    rf"(?<![\w-])((?:[{_UP}][^\W\d_]+[ \t]+){{1,3}}(?:{_TYPE_AFTER_ALT}))(?![\w-])")
_TYPE_AFTER_WORDS = frozenset(map(str.lower, _TYPE_AFTER_LIST))


def _type_after(orig):
    out = []
    for m in _TYPE_AFTER.finditer(orig):
        words = m.group(1).split()
        names = words[:-1]
        # the words before are a name when one of them is no Dutch word ("Mevlana", "Ulu"; not
        # "Grote Kerk", "Katholieke Kerk", "Medisch Centrum"), no place, no first word of a
        # sentence alone
        i = 0
        while i < len(names) - 1 and _is_word(names[i].lower()):
            i += 1
        lows = [w.lower() for w in names[i:]]
        if all(_is_word(w) or _NATIONALITY_END.search(w) for w in lows) or \
                any(w in _known_places() or w in _countries() for w in lows) or \
                i == 0 and len(names) == 1 and _at_start(orig, m.start(1)) and \
                _any_first_name(lows[0]):
            continue
        start = m.start(1) + sum(len(w) + 1 for w in names[:i])
        out.append((start, m.end(1), "institution"))
    return out


@lru_cache(maxsize=1)
def _gate_words():
    """Every word a rule of :func:`spans` needs (one intersection with the text's words)."""
    return frozenset(_head_words() | _lists()["acronyms"] | _TYPE_AFTER_WORDS |
                     _ARABIC_WORDS | {"het"})


@lru_cache(maxsize=1)
def _head_words():
    """The first word of each type noun ("sociaal" of "sociaal werk"): a text without one has
    none."""
    return frozenset(h.split()[0] for h in _lists()["heads"])


def _any_type_end(low):
    """(gate) Is a type's ending a substring of the text?"""
    return "huis" in low or "centrum" in low or "kliniek" in low or "kerk" in low or \
        "hof" in low or "stede" in low or "college" in low or "school" in low or \
        "lyceum" in low or "kapel" in low or "moskee" in low or "hospice" in low


# --- ninth round: schools by their type's abbreviation, institutions by an adjective ---------

# the abbreviations of Dutch school types, old and new (in capitals or as a word: "Mavo")
_SCHOOL_ABBR = ("ROC|AOC|LTS|MTS|HTS|LBO|MBO|HBO|VMBO|HAVO|VWO|MAVO|PABO|ISK|LHNO|HBS|MMS|ULO|"
                "MULO|IKC|KSG|CSG|RSG|OSG|PCC|SG|MEAO|HEAO|LEAO")
_SCHOOL_ABBR_WORDS = frozenset(_SCHOOL_ABBR.lower().split("|"))
# a track or a level in capitals is no school's name ("VMBO TL", "MBO BBL")
_TRACKS = frozenset(("tl", "kb", "bb", "gl", "bbl", "bol", "en", "of", "op", "in", "niveau"))
_SCHOOL_NAME = _Lazy(
    "_SCHOOL_NAME",
    rf"(?<![\w-])(?i:{_SCHOOL_ABBR})[ \t]+((?:(?:De|Het|'t|’t|de|het)[ \t]+)?"
    rf"[{_UP}][^\W\d_'’]*(?:-[{_UP}][^\W\d_]*)*(?:[ \t]+[{_UP}][^\W\d_'’]*){{0,2}})")


def _school_word_ok(w):
    """A word of a school's name after its type's abbreviation: a word in capitals that is no
    track, level or abbreviation ("TOP"), or a word that is no Dutch word, a town or a region
    ("Rijnland", "Mondriaan"); not a language, a month, a subject or an ordinary word."""
    lw = w.lower()
    if lw in _TRACKS or lw in _SCHOOL_ABBR_WORDS or lw in _LANGUAGES or \
            _MONTH_OR_WEEKDAY.fullmatch(lw) or lw in _language_words():
        return False
    if w.isupper():
        return len(w) >= 3
    return lw in _known_places() or _region(lw) or not _is_word(lw) and _zipf(lw) < 3.5


def _school_names(orig):
    """"ROC TOP", "LTS De Poort", "VMBO Lentiz", "MBO Rijnland": a school type's abbreviation
    and its name after it (an article and a capitalised word, a word in capitals, a word that
    is no Dutch word, a town); in a heading all in capitals none (its words are the heading's)."""
    out = []
    for m in _SCHOOL_NAME.finditer(orig):
        words = m.group(1).split()
        art = words[0].lower() in _ARTICLES
        end = m.start(1)
        for i, t in enumerate(_TOKEN.finditer(orig, m.start(1), m.end(1))):
            w = t.group(0)
            if i == 0 and art:
                continue
            if not (art and i == 1 and not w.isupper() or _school_word_ok(w)):
                break
            end = t.end()
        if end <= m.start(1) or art and end == m.start(1) + len(words[0]):
            continue
        # a heading in capitals: its words are no name ("VERSLAG MBO STAGE")
        if orig[m.start():end].isupper() and \
                sum(c.islower() for c in orig[max(0, m.start() - 30):end + 30]) < 3:
            continue
        out.append((m.start(), end, "institution"))
    return out


# a name of a museum, a team or a centre with an adjective or a name before its capitalised
# type noun: "Fries Museum", "Centraal Museum", "Moluks Centrum Kayu Hitam", "Sociaal Team
# Leeuwarden-Zuid"
_CAP_HEAD = ("Museum|Centrum|Team|Theater|Theatre|Bibliotheek|Instituut|Ziekenhuis|Gasthuis|"
             "Atelier|Podium|Huis|School|Pabo|Academie")
_CAP_HEAD_WORDS = frozenset(_CAP_HEAD.lower().split("|"))
_ADJ_HEAD = _Lazy(
    "_ADJ_HEAD",
    rf"(?<![\w-])((?:[{_UP}][^\W\d_'’]+[ \t]+){{1,2}})({_CAP_HEAD})(?![\w-])"
    rf"((?:[ \t]+[{_UP}][^\W\d_'’]*(?:-[{_UP}][^\W\d_]*)*){{0,3}})")
_DETERMINERS = frozenset(("de", "het", "een", "dit", "dat", "deze", "die", "ons", "onze", "mijn",
                          "zijn", "haar", "hun", "jullie", "uw", "elk", "ieder", "welk", "welke",
                          "geen", "alle", "in", "op", "naar", "bij", "van", "via", "met", "voor",
                          "aan", "uit", "ook", "en", "of", "maar", "toen", "dan", "nu", "daar"))
_SENTENCE_STOP = _Lazy("_SENTENCE_STOP", r"[.!?:;]\s*$")


def _adjective_heads(orig):
    out = []
    for m in _ADJ_HEAD.finditer(orig):
        pre = m.group(1).split()
        # no determiner or preposition among the words before ("Het Huis", "In Museum")
        while pre and pre[0].lower() in _DETERMINERS:
            pre = pre[1:]
        if not pre:
            continue
        s = m.start(1) + m.group(1).index(pre[0])
        head = m.group(2)
        end = m.end(2)
        # the capitalised words after: a name, a town, a region ("Kayu Hitam",
        # "Leeuwarden-Zuid"); not a month, a language or a weekday
        for t in _TOKEN.finditer(orig, m.start(3), m.end(3)):
            lw = t.group(0).lower()
            if lw in _LANGUAGES or _MONTH_OR_WEEKDAY.fullmatch(lw) or lw in _language_words():
                break
            end = t.end()
        named_after = end > m.end(2)
        # a first word at a sentence's start that is an ordinary word is rather that word
        first = pre[0].lower()
        if (s == 0 or _SENTENCE_STOP.search(orig, max(0, s - 4), s)) and _is_word(first) and \
                _zipf(first) >= 5.0:
            continue
        # a museum is named by the words before it; another type needs a name after it or a
        # word before it that is no Dutch word ("Sociaal Team" alone is a service's kind)
        if head == "Museum" or named_after or \
                any(not _is_word(w.lower()) and _zipf(w.lower()) < 3.0 for w in pre):
            out.append((s, end, "institution"))
    return out


# a capitalised article inside a sentence before a capitalised compound on a type's ending: the
# name of one ("in Het Ontmoetingshuis", "naar De Buurtkamer")
_ART_COMPOUND = _Lazy(
    "_ART_COMPOUND",
    rf"(?<=[a-zà-ÿ,] )(?:Het|De|'t|’t)[ \t]+[{_UP}][a-zà-ÿ]{{2,}}"
    r"(?:huis|centrum|hof|kerk|school|college|gebouw|kamer|punt|kliniek|stede|lyceum|kapel)"
    r"(?![\w-])")


# a capitalised article inside a sentence after a preposition of place, before a capitalised
# word: a proper name, where a person goes or meets ("we zingen in De Ontmoeting", "vrijwilliger
# bij De Schakel")
_PREP_CAP_ARTICLE = _Lazy(
    "_PREP_CAP_ARTICLE",
    rf"\b(?:in|bij|naar|vanuit)[ \t]+((?:De|Het)[ \t]+([{_UP}][a-zà-ÿ]{{2,}})"
    rf"(?:[ \t]+[{_UP}][a-zà-ÿ]{{2,}})?)(?![\w-])(?![ \t]+[{_UP}])")


def _prep_cap_articles(orig):
    out = []
    for m in _PREP_CAP_ARTICLE.finditer(orig):
        piece = m.group(1)
        lp = piece.lower()
        rest = lp.split(None, 1)[1]
        first = m.group(2).lower()
        # a town, a paper, a brand, a programme, a place every reader knows, a person's surname
        # ("bij De Vries"), a title ("in De Heer"), a language, a feast or a month
        if lp in _known_places() or rest in _known_places() or lp in _WELL_KNOWN or \
                rest in _WELL_KNOWN or lp in _BRANDS or rest in _BRANDS or \
                piece in _deduce_lookup()["surname"] or lp in _deduce_lookup()["surname"] or \
                rest in _deduce_lookup()["surname"] or first in _TITLE_WORDS or \
                first in _LANGUAGES or first in _language_words() or first in _FEASTS or \
                _MONTH_OR_WEEKDAY.fullmatch(first) or _PROGRAMMES.match(orig, m.start(1)):
            continue
        out.append((m.start(1), m.end(1), "institution"))
    return out


def _ninth(orig, low, words):
    """The ninth round's rules, each where its words are (``words``: the text's words)."""
    out = []
    if not words.isdisjoint(_SCHOOL_ABBR_WORDS) and _ABBR_GATE.search(orig):
        out += _school_names(orig)
    # (a type noun with a capital: deid has the text's capitalised words already)
    if not words.isdisjoint(_CAP_HEAD_WORDS) and \
            not _cap_words_low(orig).isdisjoint(_CAP_HEAD_WORDS):
        out += _adjective_heads(orig)
    if " Het " in orig or " De " in orig or " 't " in orig or " ’t " in orig:
        if _any_type_end(low):
            out += [(m.start(), m.end(), "institution") for m in _ART_COMPOUND.finditer(orig)]
        if not words.isdisjoint(_PLACE_PREP_WORDS):
            out += _prep_cap_articles(orig)
    return out


# --- tenth round: schools by their kind, in a school's position; a hall's compound ------------

# a school's kind glued to its name, capitalised inside a sentence: "de Leidse Houtschool", "het
# Zuidoost Vakcollege", "De Regenboogschool"; with the capitalised words before it
_SCHOOL_KINDS = ("school", "college", "lyceum", "gymnasium", "mavo", "atheneum")
_GLUED_SCHOOL = _Lazy(
    "_GLUED_SCHOOL",
    rf"(?<![\w-])((?:[{_UP}][a-zà-ÿ]+[ \t]+){{0,2}})"
    rf"([{_UP}][a-zà-ÿ]{{2,}}(?:{'|'.join(_SCHOOL_KINDS)}))(?![\w-])")
# a denominational or public school with its name or number: "Openbare Lagere School No. 4",
# "Christelijke School nummer 2", "Katholieke Basisschool De Wegwijzer" (the name by the heads)
_DENOMINATION = (r"(?:Openbare|Christelijke|Katholieke|Rooms-Katholieke|R\.K\.|RK|Protestants-"
                 r"Christelijke|Protestantse|Gereformeerde|Hervormde|Bijzondere|Neutrale|"
                 r"Openb\.|Chr\.|Kath\.|Islamitische|Joodse|Vrije|Algemene)")
_NUMBERED_SCHOOL = _Lazy(
    "_NUMBERED_SCHOOL",
    rf"(?<![\w-])(?:{_DENOMINATION}[ \t]+(?:(?:Lagere|Basis|Kleuter|Ulo|Mulo|Mavo)[ \t]+)?"
    rf"(?i:school)|(?:Lagere|Basis|Kleuter)[ \t]+School|School)"
    rf"(?:[ \t]+(?:(?:[Nn]o|[Nn]r|[Nn]um|N°)\.?|[Nn]ummer)[ \t]*\d+[a-z]?(?![\w-])|"
    rf"[ \t]+{_W})")
_DENOMINATION_RX = _Lazy("_DENOMINATION_RX", rf"^{_DENOMINATION}[ \t]")
_NUMBER_WORD = _Lazy("_NUMBER_WORD", r"(?:[Nn]o|[Nn]r|[Nn]um|N°)\.?$|[Nn]ummer$")
# a school in a school's position, whatever its word: "zit op het X" (with its article: "zit op
# judo", "zit op TikTok" are a club and an app), "studeert aan (de) X", "student aan X",
# "leerling van X", "op de X zitten"
_SCHOOL_NAME_W = rf"[{_UP}][\w'’&-]*(?:[ \t]+[{_UP}][\w'’&-]*){{0,2}}"
_SCHOOL_PLACE = _Lazy(
    "_SCHOOL_PLACE",
    r"\b(?:(?:zit|zat|zitten|zaten|gezeten)(?:[ \t]+(?:nu|nog|al|toen|ook|daar|hier|"
    r"sinds[ \t]+kort))*[ \t]+op[ \t]+(?:de|het|'t|’t|De|Het)(?=[ \t])|"
    r"(?:studeert|studeerde|studeren|gestudeerd|studeer|student|"
    r"studente|studenten|leerling|leerlinge|leerlingen|oud-leerling|scholier)(?:[ \t]+(?:nu|"
    r"nog|al|toen|ook))*[ \t]+(?:aan|op|van)|"
    r"(?:juf|juffrouw|meester|docent|docente|leraar|lerares|onderwijzer|onderwijzeres|"
    r"conciërge|mentor|leerkracht|stagiair|stagiaire|schooldirecteur|directeur|directrice)"
    r"(?:[ \t]+(?:nu|nog|al|toen|ook))*[ \t]+(?:aan|op))[ \t]+(?:(?:de|het|'t|’t)[ \t]+)?"
    rf"({_SCHOOL_NAME_W})(?![\w-])")
_SCHOOL_BEFORE_SIT = _Lazy(
    "_SCHOOL_BEFORE_SIT",
    rf"\bop[ \t]+(?:de|het|'t|’t)[ \t]+({_SCHOOL_NAME_W})[ \t]+(?:\w+[ \t]+)?"
    r"(?:zitten|zit|zat|zaten|gezeten)\b")
_SCHOOL_VERBS = frozenset(("zit", "zat", "zitten", "zaten", "gezeten", "studeert", "studeerde",
                           "studeren", "gestudeerd", "studeer", "student", "studente",
                           "studenten", "leerling", "leerlinge", "leerlingen", "scholier",
                           "juf", "juffrouw", "meester", "docent", "docente", "leraar",
                           "lerares", "onderwijzer", "onderwijzeres", "conciërge", "mentor",
                           "leerkracht", "stagiair", "stagiaire", "schooldirecteur",
                           "directeur", "directrice"))
# a capitalised name as the first part of a hall's or a building's compound: "de Doelen-foyer",
# "in de Vereeniging-zaal", "het Chassé-theater"
_HALL_COMPOUND = _Lazy(
    "_HALL_COMPOUND",
    rf"(?<![\w-])([{_UP}][^\W\d_]{{2,}})-(?:foyer|zaal|zalen|gebouw|kerk|kapel|theater|podium|"
    r"kantine|tuin|hal|plein|terras|studio|bar|café|cafe|ingang|vleugel|kelder|zolder)(?![\w-])")


def _not_a_school_name(first):
    """Is the first word of a name in a school's position a town, a country, a person, a brand,
    a month, a language, a common word, a word English text knows or a type noun alone (which the
    other rules read)?"""
    lw = first.lower()
    return lw in _known_places() or lw in _countries() or lw in _WELL_KNOWN or \
        lw in _BRANDS or lw in _LANGUAGES or _stop_word(first, lw) or \
        first in _first_names() or _any_first_name(lw) or _zipf(lw) >= 3.5 or \
        _zipf(lw, "en") >= 3.0 or lw in _SCHOOL_ABBR_WORDS or _generic(lw) or \
        lw in _lists()["heads"] or lw in _OTHER_HEADS or lw in _ordinary_words()


def _school_places(orig):
    out = []
    for rx in (_SCHOOL_PLACE, _SCHOOL_BEFORE_SIT):
        for m in rx.finditer(orig):
            piece = m.group(1)
            words = piece.split()
            # (a capitalised article: the word after it; "op Het Baken gezeten")
            first = words[1] if len(words) > 1 and words[0] in ("De", "Het", "'t", "’t") \
                else words[0]
            lf = first.lower().rstrip("'’")
            # (a compound on a school's kind is the glued rule's: "op de Landbouwschool" is a
            # kind)
            if _not_a_school_name(first.rstrip("'’")) or \
                    lf.endswith(_SCHOOL_KINDS) and not _own_school(lf):
                continue
            out.append((m.start(1), m.end(1), "institution"))
    # the same name again in the text ("... aan de ArtEZ. Ja. ArtEZ, in Arnhem")
    for s, e, _ in list(out):
        word = orig[s:e]
        i = orig.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not (orig[i - 1].isalnum() or orig[i - 1] == "-")) and \
                    (j == len(orig) or not (orig[j].isalnum() or orig[j] == "-")) and i != s:
                out.append((i, j, "institution"))
            i = orig.find(word, j)
    return out


def _glued_schools(orig):
    out = []
    for m in _GLUED_SCHOOL.finditer(orig):
        word = m.group(2)
        lw = word.lower()
        # a Dutch word or a common one names a kind ("Basisschool", "Muziekschool",
        # "Kleuterschool"), and so does a rare one on what is taught ("Landbouwschool"); a rare
        # one is a school's own name ("Houtschool", "Vakcollege")
        if lw in _known_places() or lw in _WELL_KNOWN or \
                not (_own_school(lw) or lw == "vakcollege" and m.group(1)):
            continue
        start = m.start(2)
        # the capitalised words before it belong to the name ("Leidse Houtschool"), not at a
        # sentence's start, not an article or a preposition
        if m.group(1):
            words = list(_TOKEN.finditer(orig, m.start(1), m.end(1)))
            for t in reversed(words):
                w = t.group(0)
                lw0 = w.lower()
                if lw0 in _ARTICLES or lw0 in _LINKS or lw0 in _NAME_PREPS or \
                        _start(orig, t.start()) and _zipf(lw0) >= 3.0 or \
                        w in _first_names() or _stop_word(w, lw0):
                    break
                start = t.start()
        if start == m.start(2) and _start(orig, start) and lw in _lists()["heads"]:
            continue
        out.append((start, m.end(2), "institution"))
    return out


def _start(orig, i):
    return _START_BEFORE.search(orig, max(0, i - 3), i) is not None


def _numbered_schools(orig):
    out = []
    for m in _NUMBERED_SCHOOL.finditer(orig):
        piece = m.group(0)
        numbered = bool(re.search(r"\d", piece))
        denominational = _DENOMINATION_RX.match(piece) is not None
        if not numbered:
            # a denomination, then "School" and a capitalised name: "Christelijke School De
            # Ark"; a name that is a month, a title, a town stays out
            last = piece.split()[-1]
            if not denominational or _stop_word(last, last.lower()) or \
                    last.lower() in _known_places():
                continue
        elif not denominational and piece.split()[0] == "School" and _start(orig, m.start()):
            continue
        out.append((m.start(), m.end(), "institution"))
    return out


def _hall_compounds(orig):
    out = []
    for m in _HALL_COMPOUND.finditer(orig):
        w = m.group(1)
        lw = w.lower()
        if lw in _known_places() or lw in _countries() or _stop_word(w, lw) or \
                w in _first_names() or _any_first_name(lw) or lw in _BRANDS or \
                _start(orig, m.start()) and _is_word(lw) or _generic(lw):
            continue
        out.append((m.start(1), m.end(1), "institution"))
    return out


# a name corrected by an institution's name: "Dongemond... nee, hij zit op het Beekvliet",
# "(De Ark, nee sorry, De Regenboog)": the first is the same kind of thing
_CORRECTED = _Lazy(
    "_CORRECTED",
    rf"(?<![\w-])({_W})[ \t]*(?:\.{{2,3}}|…|,)[ \t]*(?:nee|sorry|of eigenlijk|ik bedoel)\b"
    r"[^.!?\n]{0,60}$")


def _corrected(orig, spans):
    """A capitalised name in no list before a correction that names an institution: the
    institution the speaker first said (not a town, a person, a month or a common word:
    "van Portaal... sorry, van Wijkteam X" keeps the corporation's common word)."""
    out = []
    for s, e, k in spans:
        if k != "institution":
            continue
        m = _CORRECTED.search(orig, max(0, s - 90), s)
        if not m or any(a < m.end(1) and m.start(1) < b for a, b, _ in spans):
            continue
        w = m.group(1)
        lw = w.lower()
        if lw in _known_places() or lw in _countries() or _stop_word(w, lw) or \
                w in _first_names() or _any_first_name(lw) or _zipf(lw) >= 3.0 or \
                lw in _ordinary_words() or lw in _BRANDS or lw in _WELL_KNOWN:
            continue
        out.append((m.start(1), m.end(1), "institution"))
    return out


def _tenth(orig, low, words):
    """The tenth round's rules, each where its words are (``words``: the text's words)."""
    out = []
    if any(k in low for k in _SCHOOL_KINDS):
        if any(w.endswith(_SCHOOL_KINDS) for w in _cap_words_low(orig)):
            out += _glued_schools(orig)
        if "chool" in orig:
            out += _numbered_schools(orig)
    if not words.isdisjoint(_SCHOOL_VERBS):
        out += _school_places(orig)
    if "-" in orig and _HALL_COMPOUND.search(orig):
        out += _hall_compounds(orig)
    return out


# --- eleventh round ---------------------------------------------------------------------------

# a service's noun before its provider's own name ("wijkverpleging Thebe", "thuiszorg van Tzorg")
_SERVICES = frozenset(("wijkverpleging", "thuiszorg", "dagbesteding", "welzijn", "woningcorporatie",
                       "thuiszorgorganisatie", "welzijnswerk", "jeugdzorg", "ouderenzorg"))

# a society by a capitalised adjective of a place and its capitalised noun, glued or alone
# ("Haagse Kunstkring", "Leidse Schaakvereniging", "Drentse Harmonie", "Utrechtse Sociëteit")
_SOCIETY_END = ("kring|genootschap|sociëteit|societeit|gilde|harmonie|fanfare|soos|vereniging|"
                "koor|kunstkring|schutterij|kapel|stichting")
_SOCIETY = _Lazy("_SOCIETY", rf"(?<![\w-])([{_UP}][a-zà-ÿ]+(?:se|sche))[ \t]+"
                             rf"([{_UP}][a-zà-ÿ]*)(?![\w-])")
_SOCIETY_ENDS = tuple(_SOCIETY_END.split("|"))
# a compass word, a centre or a site after an institution: its location ("OLVG West", "Maasstad
# Zuid", "Rivas locatie Gorinchem")
_COMPASS = "Noord|Zuid|Oost|West|Noordoost|Noordwest|Zuidoost|Zuidwest|Centrum|Midden"
_COMPASS_WORDS = frozenset(_COMPASS.lower().split("|"))
_LOCATION_AFTER = _Lazy("_LOCATION_AFTER", rf"[ \t]+(?:(?:{_COMPASS})(?![\w-])|[Ll]ocatie[ \t]+"
                                           rf"[{_UP}][^\W\d_]+(?:-[{_UP}][^\W\d_]+)?)")
# an acronym in capitals and its compass part: a hospital's or an organisation's site
_ACRONYM_SITE = _Lazy("_ACRONYM_SITE", rf"(?<![\w-])([A-Z]{{2,6}})[ \t]+(?:{_COMPASS})(?![\w-])")
# a Frisian or a dialect article inside a name after its head ("Doarpshûs Op 'e Hichte",
# "Buurthuis 't Holt", "Mienskipshûs It Heechhôf")
_DIALECT_NAME = _Lazy("_DIALECT_NAME", rf"[ \t]+(?:(?:Op|op|Oan|oan|By|by|Yn|yn|In|Under)[ \t]+)?"
                                       rf"(?:'e|’e|'t|’t|It|it|'T)[ \t]+[{_UP}][^\W\d_]+"
                                       rf"(?:-[{_UP}][^\W\d_]+)?")
# a group's label: a chat's or an app's name in quotes; its last words after a weekday or an
# activity word are the venue ("zangkoor dinsdag de Ark", "koffie vrijdag Het Anker")
_LABEL_QUOTED = _Lazy("_LABEL_QUOTED", r"(?i:whatsapp|groepsapp|appgroep|app|groep|chat)[ \t:-]*"
                                       r"[\"“„'‘]([^\"”’'\n]{3,60})[\"”’']")
_LABEL_KW = (r"(?i:\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
             r"ma|di|wo|do|vr|za|zo|[a-zà-ÿ]*(?:koor|groep|club|les|uur|café|cafe|ochtend|"
             r"middag|avond|zingen|tekenen|schilderen|dansen|koffie|breien))\b)")
_LABEL_VENUE = _Lazy("_LABEL_VENUE",
                     rf"{_LABEL_KW}[ \t]+(?:(?i:in|bij|op)[ \t]+)?(?!{_LABEL_KW})"
                     r"((?:(?i:de|het|'t|’t)[ \t]+)?"
                     r"[^\W\d_]{3,}(?:[ \t]+[^\W\d_]{3,})?)[ \t]*$")


def _venue_word_ok(w):
    lw = w.lower()
    if lw in _known_places() or _MONTH_OR_WEEKDAY.fullmatch(lw) or lw in _LANGUAGES:
        return False
    if w[:1].isupper():
        return _zipf(lw) < 4.5
    return not _is_word(lw) and _zipf(lw) < 3.0


# a label in capitals without quotes, to the line's end ("GROEPSAPP BREIEN WOENSDAG DE SCHAKEL")
_LABEL_CAPS = _Lazy("_LABEL_CAPS", r"(?m:(?:WHATSAPP|GROEPSAPP|APPGROEP|APP|GROEP)[ \t:–-]+"
                                   r"([^\n\"“”]{3,60}?)[ \t]*$)")


def _label_venues(orig):
    out = []
    caps = [m for m in _LABEL_CAPS.finditer(orig) if m.group(1).isupper()] \
        if "APP" in orig or "GROEP" in orig else []
    for m in list(_LABEL_QUOTED.finditer(orig)) + caps:
        v = _LABEL_VENUE.search(orig, m.start(1), m.end(1))
        if not v:
            continue
        words = v.group(1).split()
        names = [w for w in words if w.lower() not in ("de", "het", "'t", "’t")]
        if names and all(_venue_word_ok(w) for w in names):
            # (a neighbourhood the gazetteer lists, without an article, is the group's
            # neighbourhood: "zingen woensdag heechterp")
            rare, common, _ = _gazetteer()
            lw = " ".join(names).lower()
            kind = "place" if len(names) == len(words) and (lw in rare or lw in common) else \
                "institution"
            out.append((v.start(1), v.end(1), kind))
    return out


def _societies(orig):
    out = []
    for m in _SOCIETY.finditer(orig):
        if not m.group(2).lower().endswith(_SOCIETY_ENDS):
            continue
        adj = m.group(1).lower()
        # an adjective of a place ("Haagse", "Leidse"), not an ordinary one ("Grote", "Mooie")
        if _zipf(adj) >= 4.5 and adj not in _known_places():
            continue
        out.append((m.start(1), m.end(2), "institution"))
    return out


def _acronym_sites(orig):
    out = []
    for m in _ACRONYM_SITE.finditer(orig):
        a = m.group(1).lower()
        line_start = orig.rfind("\n", 0, m.start()) + 1
        line_end = orig.find("\n", m.end())
        line = orig[line_start:line_end if line_end >= 0 else len(orig)]
        # (a heading in capitals is no acronym's site; an acronym that is a word is none)
        if line.isupper() or _is_word(a) or _zipf(a) >= 3.5 or a in _known_places():
            continue
        out.append((m.start(), m.end(), "institution"))
    return out


# a referral's or a service's provider by its own name: "Verwezen door: Thebe", "begeleid via
# Careyn", "de wijkverpleging van Amstelring", "thuiszorg van Tzorg"
_REFERRAL = _Lazy("_REFERRAL", rf"\b(?i:(?:door)?verwezen|aangemeld|begeleid|verwijzing|verwijzer)"
                               rf"(?:[ \t]+(?i:door|via|van))?[ \t]*:?[ \t]+"
                               rf"([{_UP}][^\W\d_]+(?:[ \t]+[{_UP}][^\W\d_]+)?)(?![\w-])")
_SERVICE_VAN = _Lazy("_SERVICE_VAN", rf"\b(?:{'|'.join(sorted(_SERVICES))})[ \t]+(?:van|via)"
                                     rf"[ \t]+([{_UP}][^\W\d_]+(?:[ \t]+[{_UP}][^\W\d_]+)?)"
                                     rf"(?![\w-])")
_REFERRAL_WORDS = frozenset(("verwezen", "doorverwezen", "aangemeld", "begeleid", "verwijzing",
                             "verwijzer"))


def _provider_ok(piece):
    """A provider's own name: no town, person, month, title, language or common word."""
    for w in piece.split():
        lw = w.lower()
        if lw in _known_places() or lw in _countries() or w in _first_names() or \
                _any_first_name(lw) or _MONTH_OR_WEEKDAY.fullmatch(lw) or lw in _TITLE_WORDS or \
                lw in _LANGUAGES or lw in _head_words() or _zipf(lw) >= 3.5 or \
                lw in _ordinary_words() or lw in _CARE_ROLES:
            return False
    return True


# a care role's abbreviation after "verwezen door" is a person's role, no provider ("door de POH")
_CARE_ROLES = frozenset(("poh", "soh", "wmo", "ha", "sw", "mw", "dhr", "mevr", "wijkverpleegkundige",
                         "huisarts", "casemanager", "consulent"))


def _providers(orig, words):
    out = []
    rxs = ([_REFERRAL] if not words.isdisjoint(_REFERRAL_WORDS) else []) + \
        ([_SERVICE_VAN] if not words.isdisjoint(_SERVICES) else [])
    for rx in rxs:
        for m in rx.finditer(orig):
            if _provider_ok(m.group(1)):
                out.append((m.start(1), m.end(1), "institution"))
    return out


def _eleventh(orig, low, words):
    out = []
    if not words.isdisjoint(_REFERRAL_WORDS) or not words.isdisjoint(_SERVICES):
        out += _providers(orig, words)
    if ("se " in orig or "sche " in orig) and _SOCIETY.search(orig):
        out += _societies(orig)
    if not words.isdisjoint(_COMPASS_WORDS) and _ACRONYM_SITE.search(orig):
        out += _acronym_sites(orig)
    if ('"' in orig or "“" in orig or "'" in orig) and _LABEL_QUOTED.search(orig) or \
            ("APP" in orig or "GROEP" in orig) and _LABEL_CAPS.search(orig):
        out += _label_venues(orig)
    return out


def _eleventh_keep(orig, spans):
    """An institution's location after it ("OLVG West", "Rivas locatie Gorinchem") and a name
    with a dialect article after its head ("Doarpshûs Op 'e Hichte") belong to it; a service's
    noun in lower case before "van" and an institution stays ("de dagbesteding van [Zorggroep
    X]")."""
    out = []
    for s, e, k in spans:
        if k == "institution":
            m = _LOCATION_AFTER.match(orig, e) or ("'" in orig or "’" in orig or " it " in orig
                                                   or " It " in orig) and \
                _DIALECT_NAME.match(orig, e)
            if m:
                e = m.end()
            v = _HEAD_VAN.match(orig, s, e)
            if v and v.group(1).lower() in _head_words():
                s = v.end()
            # a service's noun in lower case is no part of its provider's name ("wijkverpleging
            # [Thebe]", "thuiszorg [Careyn]")
            v = _SERVICE_NAME.match(orig, s, e)
            if v and v.group(1) in _SERVICES:
                s = v.end()
        out.append((s, e, k))
    return out


_SERVICE_NAME = _Lazy("_SERVICE_NAME", rf"([a-z]+)[ \t]+(?=[{_UP}])")
_HEAD_VAN = _Lazy("_HEAD_VAN", rf"([a-zà-ÿ]+)[ \t]+van[ \t]+(?:(?:de|het)[ \t]+)?(?=[{_UP}])")


_PLACE_PREP_WORDS = frozenset(("in", "bij", "naar", "vanuit"))
# a compound on the ninth round's type endings ("natuurmuseum", "jeugdteam")
_NINTH_COMPOUND = _Lazy("_NINTH_COMPOUND", r"[^\W\d_]{3}(?:museum|team|scholengemeenschap)\b")
_ABBR_GATE = _Lazy("_ABBR_GATE", rf"(?<![\w-])(?i:{_SCHOOL_ABBR})[ \t]+[{_UP}]")


def spans(text, low, orig):
    """Spans ``(start, end, kind)`` of the eighth round's institutions (module docstring)."""
    out = []
    lists = _lists()
    # (one pass over the text's words for every word gate below)
    text_words = _low_words(low)
    hit = text_words.intersection(_gate_words())
    # (gates: a type noun among the words, a compound's ending as a substring)
    compounds = ("centrum" in low or "kliniek" in low or "school" in low or "gebouw" in low or
                 "tehuis" in low or "vereniging" in low) and \
        _suffix_rx().search(low) is not None or \
        ("museum" in low or "team" in low or "scholengemeenschap" in low) and \
        _NINTH_COMPOUND.search(low) is not None
    if compounds or not hit.isdisjoint(_head_words()):
        for m in _head_rx(compounds).finditer(orig):
            if m.group(0).lower() in _NOT_HEADS:
                continue
            end = _name_after_head(orig, m.start(), m.end())
            if end:
                out.append((m.start(), end, "institution"))
                continue
            # set off from its noun: the name alone
            g = _NAME_SET_OFF.match(orig, m.end())
            n = _NAME_AT.match(orig, g.end()) if g else None
            if n:
                end = _name_after_head(orig, m.start(), m.end(), n)
                if end:
                    out.append((n.start(1), end, "institution"))
                    continue
            # all in lower case, a bare type noun after a preposition, then an article and a
            # name ("naar buurthuis de kooi"; "in het buurthuis de hele dag" has its article)
            if (low_name := _LOWER_NAME.match(orig, m.end())) and _bare_head(orig, m.start()):
                n = _lower_name_ok(low_name.group(1))
                if n:
                    words = list(_TOKEN.finditer(orig, low_name.start(1), low_name.end(1)))
                    out.append((m.start(), words[n].end(), "institution"))
                    continue
            # before it, in an apposition
            b = _NAME_BEFORE.search(orig, max(0, m.start() - 80), m.start())
            if b and _apposition_name(orig, b.start(1), b.group(1),
                                      not any(c in b.group(0)[len(b.group(1)):] for c in ",(")):
                out.append((b.start(1), b.end(1), "institution"))
    if "het" in hit and _HET_CAP.search(orig):
        out += _het_names(orig)
    if not hit.isdisjoint(lists["acronyms"]) or "ggz" in low:
        out += _acronym_regions(orig)
    # (a capitalised word of the text on a type's ending; deid has the words already)
    if _any_type_end(low) and any(w.endswith(_TYPE_END) for w in _cap_words_low(text)):
        out += _type_compounds(orig)
    if not hit.isdisjoint(_TYPE_AFTER_WORDS) and _TYPE_AFTER_GATE.search(orig):
        out += _type_after(orig)
    if not hit.isdisjoint(_ARABIC_WORDS):
        out += _arabic_names(orig)
    return out + _ninth(orig, low, text_words) + _tenth(orig, low, text_words) + \
        _eleventh(orig, low, text_words)


# --- institutions in a list, and in a chat in lower case (after the merge) --------------------

_ITEM = (rf"(?:De|Het|'t|’t)[ \t]+[{_UP}][^\W\d_'’-]*(?:-[^\W\d_]+)?"
         rf"(?:[ \t]+[{_UP}][^\W\d_'’-]*){{0,2}}")
# (a schedule's items may carry a short label: "Ma: De Kolibrie; Di: Het Anker")
_SEP = r"[ \t]*(?:,|;(?:[ \t]*[A-Z][a-z]{0,8}\.?[ \t]*:)?|/|–|-|\ben\b|\bof\b)[ \t]*"
_LIST_NEXT = _Lazy("_LIST_NEXT", rf"{_SEP}({_ITEM})(?![\w-])")
_LIST_PREV = _Lazy("_LIST_PREV", rf"(?<![\w-])({_ITEM}){_SEP}$")
# an item without an article, in a list of commas and "en" only ("buurthuis De Kooi, Speeldoos
# en Het Anker"); dashes and slashes join a schedule's places and persons
_BARE_ITEM = rf"[{_UP}][^\W\d_'’-]*(?:-[^\W\d_]+)?(?:[ \t]+[{_UP}][^\W\d_'’-]*){{0,2}}"
_BARE_SEP = r"[ \t]*(?:,|\ben\b|\bof\b)[ \t]*"
_BARE_NEXT = _Lazy("_BARE_NEXT", rf"{_BARE_SEP}({_BARE_ITEM})(?![\w-])")
# a chat message in lower case (after a speaker's label) and a capitalised noun in it after a
# preposition and an article
_LOWER_CHAT = _Lazy("_LOWER_CHAT", r"^(?:[ \t]*[^\W\d_]+[ \t]*:)?[ \t]*[a-zà-ÿ0-9]")
# what every town has and a learner of Dutch may capitalise ("naar de Dokter", "bij de Kapper")
_TOWN_NOUNS = frozenset(("gemeente", "stad", "dorp", "centrum", "station", "markt", "winkel",
                         "supermarkt", "kapper", "huisarts", "tandarts", "dokter", "politie",
                         "bus", "tram", "trein", "halte", "bushalte", "school", "les", "cursus",
                         "groep", "dokterspost", "wijkagent", "bakker", "slager"))
_NUMBER_AFTER = _Lazy("_NUMBER_AFTER", r"[ \t]*\d")
_NEXT_CAP = _Lazy("_NEXT_CAP", rf"[ \t]+[{_UP}]")
_STREETLIKE = _Lazy("_STREETLIKE", r"(?:straat|laan|weg|plein|singel|gracht|kade|dijk|steeg|dreef|pad|"
                         r"baan|markt|wijk|buurt|park|hof|polder|dorp)$")
_CHAT_NOUN = _Lazy("_CHAT_NOUN", rf"\b(?:bij|naar|in|op|via|vanuit|uit)[ \t]+((?:de|het)[ \t]+"
                        rf"[{_UP}][a-zà-ÿ]+)(?![\w-])")


def _item_ok(piece):
    words = piece.split()
    rest = " ".join(words[1:]).lower()
    # (a place named with its article: "De Bilt", "Den Haag"; "De Wissel" is no village)
    return not (piece.lower() in _known_places() or rest in _WELL_KNOWN or rest in _BRANDS or
                piece.lower() in _BRANDS or _PROGRAMMES.match(piece, len(words[0]) + 1) or
                _MONTH_OR_WEEKDAY.fullmatch(rest) or rest in _countries())


def _bare_item_ok(piece):
    """An item without an article: a name in no list of persons, places, months, languages or
    common words ("Speeldoos"; not "Marieke", "Utrecht", "Dinsdag", "Daarna")."""
    words = piece.split()
    lw, first = piece.lower(), words[0].lower()
    return not (lw in _known_places() or lw in _countries() or lw in _WELL_KNOWN or
                lw in _BRANDS or words[0] in _first_names() or _any_first_name(first) or
                first in _ordinary_words() or _zipf(first) >= 4.0 or
                _stop_word(words[0], first) or first in _LANGUAGES or
                _NATIONALITY_END.search(first) or _PROGRAMMES.match(piece))


def _listed(orig, spans):
    out = []
    for s, e, k in spans:
        if k != "institution":
            continue
        pos = e
        while True:
            m = _LIST_NEXT.match(orig, pos)
            if m and _item_ok(m.group(1)):
                out.append((m.start(1), m.end(1), "institution"))
                pos = m.end(1)
                continue
            m = _BARE_NEXT.match(orig, pos)
            if m and _bare_item_ok(m.group(1)):
                out.append((m.start(1), m.end(1), "institution"))
                pos = m.end(1)
                continue
            break
        pos = s
        while (m := _LIST_PREV.search(orig, max(0, pos - 60), pos)) and _item_ok(m.group(1)):
            out.append((m.start(1), m.end(1), "institution"))
            pos = m.start(1)
    return out


_ANY_BRACKET = _Lazy("_ANY_BRACKET", r"\([^()\n]{1,60}\)")
_BRACKET = _Lazy("_BRACKET", rf"\([ \t]*({_W}(?:[ \t]+{_W}){{0,2}})[ \t]*\)")


def _brackets(orig, spans):
    """A name in brackets beside a bracket that holds an institution ("Achraf (Summa College) en
    Floor (Fontys)"): the same kind of thing, unless a town, a person or a word."""
    out = []
    inside = [(s, e) for s, e, k in spans if k == "institution"]
    found = list(_BRACKET.finditer(orig))
    if not found or not any(any(m.start() < s and e < m.end() for s, e in inside)
                            for m in _ANY_BRACKET.finditer(orig)):
        return out
    for m in found:
        if any(s < m.end(1) and m.start(1) < e for s, e, _ in spans):
            continue
        piece = m.group(1)
        lp = piece.lower()
        words = piece.split()
        article = len(words) > 1 and words[0] in ("De", "Het", "'t", "’t")
        first = words[1] if article else words[0]
        # (a name of an institution may be known in Dutch text: "Fontys"; not a common word)
        if lp in _known_places() or lp in _countries() or lp in _ordinary_words() or \
                _zipf(lp) >= 4.0 or lp in _WELL_KNOWN or first in _first_names() or \
                _any_first_name(first.lower()) or _stop_word(piece, lp):
            continue
        out.append((m.start(1), m.end(1), "institution"))
    return out


def _chat_nouns(orig, spans):
    out = []
    if not _LOWER_CHAT.match(orig):
        return out
    body = orig[orig.index(":") + 1:] if re.match(r"[ \t]*[^\W\d_]+[ \t]*:", orig) else orig
    # a text in lower case: one capitalised word after an article is a name
    if sum(1 for w in re.findall(rf"(?<![\w-])[{_UP}]", body)) > 2:
        return out
    for m in _CHAT_NOUN.finditer(orig):
        word = m.group(1).split()[-1]
        lw = word.lower()
        # (a street, a neighbourhood or a longer name found by another rule is theirs)
        s = m.end(1) - len(word)
        # (a noun deduce lists as a street too is taken when no number follows: "naar het
        # Anker")
        if any(a < m.end(1) and s < b and k not in ("name", "address") for a, b, k in spans) or \
                _NUMBER_AFTER.match(orig, m.end(1)) or \
                _NEXT_CAP.match(orig, m.end(1)) or _STREETLIKE.search(lw):
            continue
        if lw in _known_places() or lw in _WELL_KNOWN or lw in _BRANDS or \
                _stop_word(word, lw) or word in _first_names() or lw in _countries() or \
                lw in _lists()["heads"] or lw in _TOWN_NOUNS or lw in _RELATIONS:
            continue
        out.append((m.start(1), m.end(1), "institution"))
    return out


_HEAD_AND_WORD = _Lazy("_HEAD_AND_WORD", r"([^\W\d_]+)[ \t]+([^\W\d_]+)")
# deid's head words that are not in the module's list
_OTHER_HEADS = frozenset(("school", "sportvereniging", "buurtvereniging", "wijkvereniging"))
_ARTICLE = _Lazy("_ARTICLE", r"(?i:de|het|'t|’t)[ \t]+")


def _generic(lp):
    """Is the lower-case word a type noun alone ("zorgcentrum", "buurthuis")?"""
    if lp in _lists()["heads"]:
        return True
    suffix = next((t for t in _lists()["suffixes"] if lp.endswith(t)), None)
    return bool(suffix) and len(lp) >= len(suffix) + 3 and _word_modifier(lp[:-len(suffix)])


# the first parts that make a school's kind, not its name: what is taught, to whom, when, where
# ("Landbouwschool", "Taalschool", "Sportcollege", "Avondschool", "Buurtschool")
_KIND_MODIFIERS = frozenset((
    "landbouw", "tuinbouw", "naai", "kook", "huishoud", "ambacht", "ambachts", "zeevaart",
    "visserij", "handels", "technische", "kweek", "kost", "teken", "schilders", "foto", "film",
    "taal", "talen", "kunst", "kunsten", "muziek", "dans", "ballet", "toneel", "theater", "sport",
    "zwem", "rij", "zorg", "verpleeg", "vak", "beroeps", "praktijk", "avond", "dag", "zomer",
    "winter", "week", "weekend", "buurt", "wijk", "dorp", "dorps", "stad", "stads", "streek",
    "volks", "zondag", "zondags", "bijbel", "koran", "moskee", "kerk", "kleuter", "basis",
    "lagere", "middelbare", "hoge", "speciale", "mavo", "havo", "vwo", "vmbo", "mbo", "hbo",
    "lbo", "lts", "mts", "hbs", "mms", "ulo", "mulo", "internet", "online", "thuis", "privé",
    "prive", "particuliere", "brug", "schakel", "ouderen", "jongeren", "kinder", "volwassenen",
    "inburgerings", "computer", "ict", "media", "design", "mode", "schoonheids", "kappers",
    "koks", "hotel", "horeca", "bouw", "metaal", "auto", "lucht", "luchtvaart",
    "politie", "militaire", "defensie", "leger", "pabo", "leraren", "sociale", "zorg",
))


def _own_school(lp):
    """A school's kind glued to a word into no Dutch word nor a common one, and no first part
    that makes a kind (what is taught, to whom, when: "Landbouwschool", "Avondschool"): the
    school's own name ("Regenboogschool", "Houtschool"; not "Basisschool", "Zomerschool"; tenth
    round)."""
    if not lp.endswith(_SCHOOL_KINDS) or _is_word(lp) or _zipf(lp) >= 2.0 or \
            lp in _lists()["heads"]:
        return False
    kind = next(k for k in _SCHOOL_KINDS if lp.endswith(k))
    mod = lp[:-len(kind)]
    return not (mod in _KIND_MODIFIERS or mod[:-1] in _KIND_MODIFIERS and mod[-1:] in "se" or
                _FIELD_END.search(mod) is not None)


def _false(orig, s, e, k):
    """A span of another rule that names no institution: a type noun alone, capitalised ("in het
    Zorgcentrum"), or a type noun and a language, a month, a weekday or a feast ("in de praktijk
    Nederlands", "de bibliotheek Maandag", "de kerk Pasen"), or an adjective before a noun ("de
    bibliotheek Nederlandse boeken")."""
    piece = orig[s:e]
    if k in ("institution", "place") and piece[:1].isupper() and " " not in piece and \
            _generic(piece.lower()) and not _NAME_NEXT.match(orig, e) and \
            not _own_school(piece.lower()):
        return True
    m = _HEAD_AND_WORD.match(piece) if k == "institution" else None
    if m and m.group(1).islower() and (m.group(1) in _lists()["heads"] or
                                       m.group(1) in _OTHER_HEADS or _generic(m.group(1))):
        w = m.group(2).lower()
        one = m.end() == len(piece)
        return w in _LANGUAGES or bool(_MONTH_OR_WEEKDAY.fullmatch(w)) or w in _FEASTS or \
            one and bool(_ADJECTIVE_END.search(w)) and _LOWER_NEXT.match(orig, e) is not None
    return False


_NAME_NEXT = _Lazy("_NAME_NEXT", rf"[ \t]+[{_UP}]")


_CAPS_ARTICLE = _Lazy("_CAPS_ARTICLE", r"(?:^|[-–:/|,(][ \t]*)((?:HET|DE|'T)[ \t]+)$")
_AND_REST = _Lazy("_AND_REST", r"[ \t]+en[ \t]+((?:(?:de|het|De|Het)[ \t]+)?(.+))$")


def _without_brand(orig, s, e, k):
    """"Buurthuis De Kooi en Het Parool", "buurthuis De Kooi en Jan": a paper, a brand or a
    person joined by "en" is no part of the institution's name (deid's head-word pattern runs on
    over "en"; "Rijn en Vliet" is one)."""
    m = _AND_REST.search(orig, s, e)
    if m:
        whole, rest = m.group(1).lower(), m.group(2).lower()
        words = m.group(2).split()
        # ("buurthuis De Kooi en Jan zei": a person after "en", no part of the name)
        if whole in _BRANDS or rest in _BRANDS:
            return [(s, m.start(), k)]
        if len(words) == 1 and m.group(2) == m.group(1) and \
                (words[0] in _first_names() or _any_first_name(rest)):
            return [(s, m.start(), k), (m.start(2), e, "name")]
    return [(s, e, k)]


_INST_PLACE = frozenset(("institution", "place"))
# a preposition with a capital at a sentence's start before a name ("Van Mondial College hebben
# we niks gehoord", "Naar Summa College ga ik niet"): no part of the name (ninth round)
_CAP_PREP = _Lazy("_CAP_PREP", rf"(?:Van|Naar|Bij|Via|Op|Aan|Uit|Met|Voor|Vanuit|Sinds)[ \t]+"
                               rf"(?=[{_UP}])")
_START_BEFORE = _Lazy("_START_BEFORE", r"(?:^|[.!?:;\n\"“‘(–—-][ \t]*)$")


_LOW_PREP_ARTICLE = _Lazy("_LOW_PREP_ARTICLE",
                          rf"(?:op|in|naar|bij|aan|van|uit|via)[ \t]+(?:de|het|'t|’t)[ \t]+"
                          rf"(?=[{_UP}])")


def _school_type_alone(piece):
    """A school type's abbreviation alone ("op de HAVO"), or with an ordinary word that names a
    field, a level or a kind ("MBO Verpleegkunde", "HBO Opleiding"; a common word or a field's
    ending; not a town, a region or a rarer word, a name: "ROC Mondriaan"): no school's name."""
    low = piece.lower()
    if low in _SCHOOL_ABBR_WORDS:
        return True
    words = low.split()
    return len(words) == 2 and words[0] in _SCHOOL_ABBR_WORDS and piece.split()[0].isupper() \
        and not piece.split()[1].isupper() and _is_word(words[1]) and \
        (_zipf(words[1]) >= 4.0 or _FIELD_END.search(words[1]) is not None) and \
        words[1] not in _known_places() and not _region(words[1])


def _without_preposition(orig, s, e, k):
    # a preposition and an article in lower case before a name are no part of it ("juf op de
    # [Sint-Jozefschool]")
    q = _LOW_PREP_ARTICLE.match(orig, s, e)
    if q:
        return (q.end(), e, k)
    p = _CAP_PREP.match(orig, s, e)
    if not p or not _START_BEFORE.search(orig, max(0, s - 3), s):
        return (s, e, k)
    # "Van Gogh Museum": a surname after "Van" keeps it
    nxt = orig[p.end():e].split()[0].lower()
    if orig[s:s + 3] == "Van" and nxt in _deduce_lookup()["surname"]:
        return (s, e, k)
    return (p.end(), e, k)


def keep(text, spans, orig):
    """The spans after the merge, with the institutions of a list around one found and the
    capitalised nouns of a chat in lower case (with their article); without the spans of
    other rules that name no institution (:func:`_false`)."""
    kinds = {k for _, _, k in spans}
    inst = "institution" in kinds
    if inst:
        spans = _eleventh_keep(orig, spans)
        # a venue's article in a group's label is the label's word for it, no sentence's ("de
        # Ark" of "zangkoor dinsdag de Ark"; deid keeps an article in a sentence outside)
        if ('"' in orig or "“" in orig or "'" in orig) and _LABEL_QUOTED.search(orig) or \
                ("APP" in orig or "GROEP" in orig) and _LABEL_CAPS.search(orig):
            spans = _merge(spans + _label_venues(orig))
        # a school type's abbreviation alone names no school ("op de HAVO", "naar het VMBO")
        spans = [_without_preposition(orig, *x) if x[2] == "institution" else x for x in spans
                 if x[2] != "institution" or not _school_type_alone(orig[x[0]:x[1]])]
    if inst or "place" in kinds:
        spans = [x for x in spans if x[2] not in _INST_PLACE or not _false(orig, *x)]
    if inst and " en " in orig:
        spans = [y for x in spans for y in (_without_brand(orig, *x) if x[2] == "institution"
                                            else (x,))]
    # (a chat in lower case that holds a capital)
    chat = (orig[:1].islower() or ":" in orig[:30]) and not orig.islower()
    # a hall's compound after the rules of a surname's particle ("de Doelen-foyer"; tenth round)
    hall = _hall_compounds(orig) if "-" in orig and _HALL_COMPOUND.search(orig) else []
    if not inst and not chat:
        return _merge(spans + hall) if hall else spans
    add = hall
    words_low = _low_words(orig.lower()) if inst else frozenset()
    if inst:
        # "- HET FLORESHUIS": in capitals at the start of a heading or an item the article of a
        # name stays in it, as "- Het Floreshuis" does (deid's recased text has it in lower
        # case, so deid took it off); after a preposition it stays out ("OP HET X LYCEUM", as
        # "op het X Lyceum")
        if "HET " in orig or "DE " in orig:
            add += [(a.start(1), e, k) for s, e, k in spans if k == "institution" and
                    orig[s:e].isupper() and (a := _CAPS_ARTICLE.search(orig, max(0, s - 8), s))]
        if " De " in orig or " Het " in orig or " 't " in orig or " ’t " in orig or \
                ", " in orig or " en " in orig:
            add += _listed(orig, spans)
        if orig.count("(") >= 2:
            add += _brackets(orig, spans)
        if ("nee" in words_low or "sorry" in words_low or "eigenlijk" in words_low or
                "bedoel" in words_low):
            add += _corrected(orig, spans)
    if chat:
        add += _chat_nouns(orig, spans)
    return _merge(spans + add) if add else spans


# deid runs these rules once the package has imported this module (deid imports no rule module)
register_rules(sys.modules[__name__])
