"""Seventh to tenth rounds of issue 25: first names and names by their position, and what stays.

A name is found by where it stands, not by the sentence it was seen in (see
docs/deidentification.md, "Seventh round"):

* in a message written in lower case (a chat), a word of impact's or deduce's first-name lists
  that is no Dutch word (``_is_word``), rare in English text and in no list of places,
  languages, feasts, months, materials or interjections, is a name wherever it stands, except
  where a thing stands: after an article, a possessive, a preposition of place, a numeral or a
  degree word ("ik neem ook lena mee", "haha nee eunice", "geen insta jildou"; not "mijn lies",
  "de maas", "heel koen"); one as common as a word (Zipf >= 4) only after a greeting or an answer
  or last in the message; a lower-case surname of deduce's list right after it is part of it
  ("gr ilona scholten", "gr marieke de wit");
* in any text, a lower-case first name so rare in Dutch and English text that no word has its
  form ("Morgen komt fenneke ook");
* a first name that is also a word or a village is a name in a name's position: a signature
  after a dash at the end ("-wessel", "– Roos"), after a closing greeting before the end, a
  comma or a dash ("Groet, Rijk –"), the last line alone, after an opening greeting ("Hoi
  Wessel,"), before a role or a relation in brackets ("Notitie Rijk (coördinator):"), after a
  label of persons of a form or an e-mail's header ("Aanwezig: Rijk, Annet", "Ingevuld door:",
  "Van:", "Cc:"), an item of a numbered list of persons ("4. Lama Kanaan 5. mw. X"), a speaker's
  label before a turn of speech ("Saba: Zij was ..."), in apposition after a person's noun ("De
  fotograaf, Wessel."), two first names joined by "en" before what persons do;

and what stays (:func:`keep`): a title before initials ("mw. [naam]"), a lower-case particle
or article that starts a name without a title or a first name before it ("langs de [naam]",
"buurvrouw van [leeftijd]"), the letters of an abbreviation ("P.S.", "N.B."), a Dutch compound
in capitals or first in a heading ("TUSSENRAPPORTAGE", "NAMETING", "Verwijsbrief (kopie):"), the
word for a place before a name in capitals ("WIJKCENTRUM [wijk]"), a programme's name before its
places ("Welzijn op Recept [wijk] en [wijk]"), a lower-case word after an article, a possessive
or a degree word ("mijn zusje", "heel koen"), a one-word question that is a Dutch word
("Streng?"), the words before "aan de" and a street ("kerk aan de [adres]"), the subject a
teacher taught ("docent Frans van het [instelling]").

The eighth round (:func:`_eighth_round`, :func:`_keep_eighth`) adds names by the grammar that
gives them, in any sentence:

* a speaker's label in lower case at the start of a line or after a chat export's time
  ("svitlana: ...", "[14:02] oksana: ...") that no role, form's label, word, abbreviation or
  compound is; in a text of turns (two labels, one a role or a name) a capitalised label whose
  turn is speech, a rare Dutch word or a first name ("Interviewer: ... Lama: Mijn ...");
* in a chat, the person a verb or a preposition takes ("ik neem taras mee", "heb mykola
  gesproken", "met yaroslava"), a listed first name or a word no list holds and no word is;
  a first name's possessive without an apostrophe ("hafidas broer");
* the name a verb or the word for a name gives ("Toon heet hij", "hij heet storm", "mijn
  voornaam is Hoop", "mijn achternaam ... Grabowski."); a capitalised word, or a full name of up
  to three, that a person's pronoun takes up ("hulp van Mussie, hij is ...", "Ik heb Hoop leren
  kennen, ze heet ..."); a capitalised Dutch word in a person's position inside a sentence
  ("naast Ster", "zei Hoop:", "Bedankt Zon!"); a rare word as the subject of what only persons do
  ("Dawit is mijn maatje", "tsegereda is ziek");
* a street's head before its last word ("de Generaal Winkelmanstraat", "2e Jan Steenstraat",
  "Thomas à Kempisplantsoen"), a street in lower case where one lives; dates in words ("de 3e van
  deze maand", "juni vorig jaar" where a person's event is told, "op de 9e jarig");

and keeps: a greeting of a region ("Houdoe"), a public figure after an epithet ("Vader
Abraham", "Koning Willem-Alexander"), the nouns of a country's or a town's people
("Kaapverdianen", "Eritreeërs", "Tilburgers"), a role before a name ("Wijkverpleegkundige
[naam]"), a heading's compound before a programme ("Intakeformulier Kunst op Recept").

The ninth round (:func:`_ninth_round`, :func:`_ninth_round_any`, and in :func:`keep`) reads the
positions that give a person whatever word or case the name has:

* a chat export's sender after or before the message's time ("[19:04] dauw: ...", "19:04 -
  hoop: ...", "wolk, [19:04]: ...") and, in a text of several lines each a turn, a lower-case
  label once another is a first name no word is; not a role, a relation, a pronoun, a form's or
  a note's label;
* the person a wish or a greeting is for ("sterkte zbyszek!", "beterschap lieke"), the one
  between "doe" and "de groeten" or after "groetjes aan" ("doe gosia de groeten"), a message's
  sender at its start or after its closing ("van lief: ...", "liefs van ster"), a signature after
  a closing at a line's end whatever word ("groetjes, wolk", "xx storm"); a first name
  after a kin term or a title in lower case ("tante roosje"); a name called after a colon ("Hij
  zei: Wagiman, je moet ..."), who speaks on the phone ("met wai man hier"), a caption's credit
  after a dash ("– Djaniny, basisschool ..."), a greeting that "heet" gives ("heet Dag"), one
  who acts in minutes ("Actie: Sekar."), an item of a list beside a name that is a first name
  or no Dutch word ("Sekar, [naam] en [naam]"), a word between a person and their neighbourhood
  in a list of commas ("mw. [naam], Slinge, [wijk]": their street);

and keeps a possessive's "s" ("[naam]'s tuin"), a dialect's possessive before a relation ("Mien
vrouw"), the words before "aan de" and a street ("de oude school aan de [adres]"; not a practice
named by its street), "van de" between a first name and a street.

The tenth round (:func:`_tenth_round`, and in :func:`keep`: :func:`_keep_things`,
:func:`_again`) reads a name by who gives it and by the text that gave it once:

* the name a person introduces ("Ik ben Meiying Zhao", "ik ben shurman", "mijn naam is X",
  "iedereen zegt X", "noem me maar X", "ze noemen haar X"): one to three words, capitalised a
  first name of any list or a word no Dutch word is, in lower case a first name or a word of no
  list that no Dutch word is; not what one is ("ik ben moe", "Marokkaans", "Utrechter",
  "vrijwilliger");
* a name before its age in brackets ("Shurman (15) is", "Yusuf (m, 15)"), a word of persons;
* the subject of what persons do at the start of an item of minutes or a list, or after a
  label's colon ("2. Mohssine meldt", "- Karin de Vries vraagt", "Opmerking: X vraagt"); not an
  organisation, a role, a place;
* a first name that is also a word at a sentence's start before a verb of persons and no subject
  after it ("Door helpt mij altijd"; not "Dan helpt mij dat niet");
* in a chat in lower case a word in capitals that is a listed first name no word is, or a word of
  no list before "is jarig", "heeft", "komt" ("en GERRITJE is jarig");
* who speaks after a greeting ("hoi, kees hier", "Hallo allemaal, Fenna hier!");
* a name found once wherever the text writes it again, in any case (a word's name only
  capitalised inside a sentence), a short form after what the others call one ("Wilhelmina ...
  iedereen zegt Wil"), a surname corrected by its last letter ("Tromp? of Trom.");

and keeps a pet's name ("een hond die heet Bolletje", "onze kat Minoes"), a thing after an
indefinite article ("een oude Praktica van"; not "een zekere Jansen"), "de heer" and a title before initials also where
another rule took the person for an institution.

It reads its helpers and word lists from :mod:`impact.qual.deid`, which imports no rule module:
this one registers itself there (``register_rules``) when the package imports it, so no import
circle forms.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

# deid's word lists and helpers; deid imports no rule module (they register themselves, below)
from . import deid as _d
from .deid import _Lazy

_LOWER_TOKEN = _Lazy("_LOWER_TOKEN", r"(?<![\w@#/.&'’-])([a-zà-öø-ÿ][a-zà-öø-ÿ'’-]{2,})(?![\w@'’-])")
_PREV_WORD = _Lazy("_PREV_WORD", r"([^\W\d_]+)[^\w\n]{0,3}$")
# where a thing stands, not a person: an article, a possessive, a demonstrative, a numeral, a
# preposition of place, a degree word
# ("je", "zijn", "haar" are also pronouns and a verb before a name: "heb je lena gezien?")
_THING_BEFORE = frozenset((
    "de", "het", "een", "'n", "’n", "mijn", "m'n", "mn", "jouw", "z'n", "zn", "hun", "onze",
    "ons", "uw", "deze", "dit", "elke", "ieder", "iedere", "welke", "zo'n", "zulke", "twee",
    "drie", "vier", "vijf", "zes", "veel", "weinig", "meer", "minder", "geen", "in", "uit",
    "naar", "vanuit", "richting", "langs", "te", "via", "rond", "rondom", "tijdens", "per",
    "heel", "zo", "erg", "zeer", "nogal", "vrij", "best", "super", "hartstikke", "ontzettend",
    "beetje", "iets", "soort", "kleur", "mooie", "grote", "groot", "kleine", "klein", "nieuwe",
    "oude", "echte"))
_DETERMINERS = frozenset(("de", "het", "een", "'n", "’n", "mijn", "m'n", "mn", "je", "jouw", "zijn",
                          "z'n", "zn", "haar", "hun", "onze", "ons", "uw", "deze", "dit", "elke",
                          "iedere", "geen"))
# (also a pronoun or a verb: "heb je lena gezien?", "zijn marloes en jan er ook?")
_PRONOUNS = frozenset(("je", "zijn", "haar"))
_DEGREE = frozenset(("heel", "zo", "erg", "zeer", "nogal", "vrij", "best", "super", "hartstikke",
                     "ontzettend", "te", "behoorlijk", "enorm"))
_GROUP_WORDS = frozenset(("allemaal", "allen", "iedereen", "team", "dames", "heren", "jongens",
                          "meiden", "mensen", "lieverds", "schat", "lieverd", "collega", "collega's",
                          "groep", "buurt", "buren", "familie", "fam", "vrienden", "kinderen"))


def _months_days(low):
    return re.fullmatch(rf"{_d._MONTHS}|{_d._WEEKDAYS}", low) is not None


@lru_cache(maxsize=65536)
def _no_name_word(low):
    """A word of a list that names no person: a place, a language, a feast, a month, a
    material, an interjection, a greeting, a brand, a title, a role or a relation."""
    return (low in _d._known_places() or low in _d._WELL_KNOWN or low in _d._LANGUAGES or
            low in _d._language_words() or low in _d._FEASTS or low in _d._INTERJECTIONS or
            low in _d._GREETINGS or low in _d._BRANDS or low in _d._MATERIALS or
            low in _d._TITLE_WORDS or low in _d._SPEAKER_ROLES or low in _d._RELATIONS or
            low in _d._PARTICLE_WORDS or low in _GROUP_WORDS or _months_days(low) or
            bool(_d._NATIONALITY_END.search(low)))


def _no_name_word_but_place(low):
    return (low in _d._WELL_KNOWN or low in _d._LANGUAGES or low in _d._language_words() or
            low in _d._FEASTS or low in _d._INTERJECTIONS or low in _d._GREETINGS or
            low in _d._BRANDS or low in _d._MATERIALS or low in _d._TITLE_WORDS or
            low in _d._SPEAKER_ROLES or low in _d._RELATIONS or low in _d._PARTICLE_WORDS or
            low in _GROUP_WORDS or _months_days(low) or bool(_d._NATIONALITY_END.search(low)))


@lru_cache(maxsize=65536)
def _chat_name(low):
    """How surely a lower-case word of a chat is a first name: 0 not (no list names it, or it
    is a Dutch word, a word common in English text such as "lies", a Dutch word's diminutive or
    plural, a place, a language, ...), 1 wherever it stands, 2 only in a name's position (a
    name as common as a word: Zipf >= 4 in Dutch or English text, "nelson", "jeroen")."""
    if not _d._any_first_name(low) or _d._is_word(low):
        return 0
    nl, en = _d._zipf(low), _d._zipf(low, "en")
    if _no_name_word(low):
        # a village that is also a first name, rare in text ("wessel"): where a name is called
        return 2 if low in _d._known_places() | _d._countries() and nl < 3.5 and en < 3.5 and \
            not _no_name_word_but_place(low) else 0
    if en >= 4.5 or nl >= 3.0 and (_DIMINUTIVE.search(low) or low.endswith("en") and
                                   _d._is_word(low[:-2]) and _d._zipf(low[:-2]) >= 3.5):
        return 0
    return 2 if nl >= 4.0 or en >= 4.0 else 1


@lru_cache(maxsize=65536)
def _token_name(token):
    """:func:`_chat_name` of a chat's token, also of a possessive ("lena's") and of a
    hyphenated name whose parts are first names ("jan-willem", not "jan-feb")."""
    base = re.sub(r"['’]s$", "", token)
    if base != token and base[-1:] in "aeiouy":
        # ("oma's", "foto's": plurals; a name takes 's after a vowel too: "lena's")
        return _chat_name(base) if _chat_name(base) == 1 else 0
    if "-" in base:
        parts = base.split("-")
        if len(parts) == 2 and all(len(p) >= 2 and _d._any_first_name(p) for p in parts) and \
                not all(_no_name_word(p) for p in parts) and base not in _d._ordinary_words():
            return 1
        return 0
    return _chat_name(base)


_DIMINUTIVE = _Lazy("_DIMINUTIVE", r"(?:tje|pje|etje|je)$")
# the words of a chat before a name called: a greeting, an interjection, an answer
_CHAT_CUE = _Lazy("_CHAT_CUE", r"h+[aeiou]+y*|he+y+|ha(?:ha)+h*|hi(?:hi)+|he(?:he)+|x+|ne+|ja+|o+k+e*|oké|"
                       r"top|nou|wow|sorry|hoi+|hallo+|dag|doei+|gr|groetjes|groeten|groet|liefs|"
                       r"dank|bedankt|thanks|thanx|beste|lieve|hai|hi|yo|joe|hoor|he")


@lru_cache(maxsize=65536)
def _first_name_any(word):
    """A capitalised word of a first-name list, even a word or a village ("Rijk", "Wessel")."""
    low = word.lower()
    return (word in _d._first_names() or _d._any_first_name(low)) and \
        low not in _d._TITLE_WORDS and low not in _d._SPEAKER_ROLES and \
        low not in _d._RELATIONS and low not in _GROUP_WORDS and low not in _d._GREETINGS and \
        low not in _d._INTERJECTIONS and low not in _d._countries() and \
        low not in _d._WELL_KNOWN and low not in _d._BRANDS and not _months_days(low)


def _lower_text(orig):
    """Is the text written in lower case, as chats are: it starts in lower case, or most of
    its sentences do?"""
    first = _LETTER.search(orig)
    if not first:
        return False
    if first.group(0).islower():
        return True
    # (three starts of sentences need two of ".!?" at least)
    if orig.count(".") + orig.count("!") + orig.count("?") < 2 or not _LOWER_START.search(orig):
        return False
    starts = re.findall(r"(?:^|[.!?]\s+)[\"'(]*([^\W\d_])", orig)
    return len(starts) >= 3 and sum(c.islower() for c in starts) * 2 > len(starts)


def _prev(orig, start):
    m = _PREV_WORD.search(orig, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _name_before(orig, start):
    """Is there a title or a first name before the article or particle that ends right before
    ``start`` ("mw. de boer", "marieke de wit", "Dokter van Dam")?"""
    m = re.search(r"(\S+)[ \t]+\S+[ \t]+$", orig[max(0, start - 40):start])
    if not m:
        return False
    w = m.group(1).rstrip(".,")
    lw = w.lower()
    return lw in _d._TITLE_WORDS or lw in _d._RELATIONS or m.group(1).endswith(".") or \
        w[:1].isupper() and w in _d._first_names() or _d._any_first_name(lw) and not _d._is_word(lw)


def _surname_after(orig, end, lower):
    """The end of a surname right after a first name: a word of deduce's surnames that is no
    Dutch word, with its particles ("ilona scholten", "Rijk van Dam")."""
    m = re.match(r"[ \t]+((?:(?:van|de|der|den|ter|ten|el|al|van der|van den|van de)[ \t]+)?"
                 r"([^\W\d_][^\W\d_'’-]+))", orig[end:end + 60])
    if not m:
        return end
    w = m.group(2)
    if lower != w.islower():
        return end
    lw = w.lower()
    # (after a particle even a word: "marieke de wit")
    if lw in _d._deduce_lookup()["surname"] and (m.group(1) != w or not _d._is_word(lw)) and \
            lw not in _d._TITLE_WORDS and lw not in _d._SPEAKER_ROLES and \
            lw not in _d._RELATIONS and lw not in _GROUP_WORDS and lw not in _DETERMINERS and \
            not _months_days(lw) and (m.group(1) != w or lw not in _d._known_places()):
        return end + m.end(1)
    return end


_LAST_LINE = _Lazy("_LAST_LINE", r"\n[ \t]*([^\W\d_][^\W\d_'’-]+)[ \t.!]*$")


@lru_cache(maxsize=65536)
def _rare_lower_name(low):
    return _chat_name(low) == 1 and _d._zipf(low) < 2.5 and _d._zipf(low, "en") < 3.0


_POSSESSIVE = _Lazy("_POSSESSIVE", r"(?<![\w-])([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)['’]s[ \t]+(?=[a-zà-ÿ])")
_PAIR = _Lazy("_PAIR", r"\b([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)[ \t]+en[ \t]+([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)[ \t]+"
                   r"(?=(?:kwamen|komen|zijn|waren|hebben|hadden|gingen|gaan|zaten|zitten|zeiden|"
                   r"zeggen|tekenen|tekenden|maken|maakten|deden|doen|liepen|lopen|wonen|woonden|"
                   r"kunnen|konden|willen|wilden|moeten|moesten|zongen|zingen|speelden|spelen|"
                   r"schilderen|schilderden|hielpen|helpen|brachten|brengen|vertelden|vertellen|"
                   r"lachten|lachen|dansten|dansen|kookten|koken|belden|bellen|kennen|kenden|"
                   r"werken|werkten|wilden|blijven|bleven|worden|werden)\b)")
_CAP_TOKEN = _Lazy("_CAP_TOKEN", r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?![\w'’-])")
# the words before a place: a preposition of place, an article, a place's noun
_PLACE_BEFORE = frozenset(("in", "uit", "naar", "vanuit", "bij", "rond", "richting", "te", "via",
                           "langs", "tot", "van", "vanaf", "nabij", "buiten", "voorbij", "de",
                           "het", "een", "'t", "’t", "gemeente", "dorp", "stad", "provincie",
                           "regio", "station", "wijk", "buurt", "omgeving", "plaats", "woonplaats",
                           "kern", "boven", "onder", "achter", "om", "door", "over", "op", "aan"))


@lru_cache(maxsize=1)
def _village_names():
    """The Dutch first names (deduce's and impact's list) that are also a village or a word
    and so no shipped first name of deid ("Rijk", "Wessel", "Linde", "Horst"); no country, no
    well-known place, no town known in English text ("Rome"), none as common in Dutch text as
    a word unless it is a word ("Rijk")."""
    plain, ambiguous = _d._name_list()
    shipped = set(plain) | set(ambiguous)
    return frozenset(w for w in _d._first_names() if w[:1].isupper() and w not in shipped and
                     w.lower() in _d._known_places() and w.lower() not in _d._countries() and
                     w.lower() not in _d._WELL_KNOWN and _d._zipf(w.lower()) < 5.0 and
                     not (_d._zipf(w.lower()) >= 4.0 and not _d._is_word(w.lower())) and
                     _d._zipf(w.lower(), "en") < 4.0 and
                     not _no_name_word_but_place(w.lower()) and len(w) > 2)


_CALLED_FIRST = _Lazy("_CALLED_FIRST", r"(?:^|(?<=[.!?\n])[ \t]*)[\"'‘“(]*([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+),[ \t]+"
                           r"(?:[^\W\d_]+[ \t]+){0,2}?(?i:jij|je|u|jullie)\b")
_COMMA_CAP = _Lazy("_COMMA_CAP", r",[ \t]*[A-ZÀ-ÖØ-Þ]")
_LETTER = _Lazy("_LETTER", r"[^\W\d_]")
_LOWER_START = _Lazy("_LOWER_START", r"[.!?]\s+[\"'(]*[a-zà-öø-ÿ]")
# (on the text in lower case; the first letter looked ahead makes it cheap)
_GREETING_GATE = _Lazy("_GREETING_GATE", r"\b(?=[gdbtlkmvh])(?:gr|groet(?:en|jes)?|grtjs|dank(?:jewel)?|bedankt|"
                            r"thanks|thanx|liefs|doei|kusjes|mvg|vg|hoi(?:hoi)?|hallo|hey|he+y*|hi|"
                            r"hai|dag|beste|lieve|goede(?:morgen|middag|navond))\b")
# a signature after a dash at the end of a text or a line ("... weer. -wessel", "– Roos & Bas")
_DASH_SIGNATURE = _Lazy("_DASH_SIGNATURE", r"(?:^|(?<=[.!?)\n])|(?<=[.!?)][ \t])|(?<=\n[ \t]))[ \t]*[-–—~][ \t]*"
                             r"([^\W\d_][^\W\d_'’-]+)(?:[ \t]*(?:&|\ben\b|,)[ \t]*[^\W\d_][^\W\d_'’-]+)*"
                             r"[ \t]*$")
# a closing greeting, then the sender's name before a comma, a dash, a bracket, a line's end
# ("Groet, Rijk –", "Groetjes van Rijk", "Dank je wel Rijk!", "GROETJES, RIJK")
_CLOSING_NAME = _Lazy("_CLOSING_NAME", r"(?:^|(?<=[\s,.!?]))(?i:(?:met\s+)?(?:vriendelijke|hartelijke|lieve|"
                           r"warme)?\s*(?:groet(?:en|jes)?|gr|grtjs|liefs|mvg|vg|doei|kusjes|"
                           r"dank(?:jewel)?(?:[ \t]+(?:je|jullie|u)[ \t]+wel)?|bedankt|thanx|thanks)"
                           r"(?:[ \t]+van)?)[ \t]*[,!]?[ \t\n]+"
                           r"([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)(?=[ \t]*(?:[,–—(\n!.&]|[ \t]-|[ \t]en\b|$))")
_OPENING_NAME = _Lazy("_OPENING_NAME", r"(?:^|(?<=[.!?\n])[ \t]*)[\"'(]*(?i:hoi|hallo|hey|hee+y*|hi|dag|beste|"
                           r"lieve|goedemorgen|goedemiddag|goedenavond|hai|heey+|hoihoi)[ \t]+"
                           r"([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)(?=[ \t]*(?:[,!:\n&]|[ \t]en\b|$))")
# a name called at the end of a message or a line, after a comma or alone after a sentence
# ("Tot morgen, Wessel!", "Fijne dag! Rijk")
_END_NAME = _Lazy("_END_NAME", r"(?:,|(?<=[^\d\s][.!?]))[ \t]+([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)[ \t]*[!.?]*[ \t]*$")
_MORE_NAME = _Lazy("_MORE_NAME", r"[ \t]*(?:,|&|\ben\b)[ \t]*([^\W\d_][^\W\d_'’-]+)")


def _more_names(orig, end, lower):
    """The first names that follow a name in a greeting or a signature ("Hoi Roos en Bas",
    "groetjes wessel en rijk", "-Roos & Bas"): each a first name, even a word."""
    out = []
    while True:
        m = _MORE_NAME.match(orig, end)
        if not m:
            return out
        w = m.group(1)
        if lower and not w.islower() or not lower and not w[:1].isupper():
            return out
        lw = w.lower()
        # (after a comma no Dutch word: "hoi beata, de docent"; after "en" a first name that
        # is also a word but no function word: "wessel en rijk")
        if not _first_name_any(w.capitalize() if w.isupper() or lower else w) or \
                lw in _d._PARTICLE_WORDS or lw in _DETERMINERS or lw in _d._AFTER_SUBJECT or \
                _d._zipf(lw) >= 5.5 or \
                _d._is_word(lw) and not re.match(r"[ \t]*(?:&|en\b)", orig[end:m.start(1)]):
            return out
        out.append((m.start(1), m.end(1), "name"))
        end = m.end(1)


# a first name before a role or a relation in brackets ("Rijk (coördinator)", "Roos (docent)")
_NAME_ROLE = _Lazy("_NAME_ROLE", r"(?<![\w-])([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)[ \t]*\([ \t]*([^\W\d_]+|\d{1,3}(?=[ \t]*[),]))"
                        r"[^()\n]{0,30}\)")
# the head of a note and who wrote it ("Notitie Rijk:", "Verslag Bas (notulist):")
_NOTE_HEAD = _Lazy("_NOTE_HEAD", r"(?:^|(?<=\n))[ \t]*(?i:notitie|notities|verslag|memo|aantekening|"
                        r"aantekeningen|bericht|mail|logboek|observatie|notulen)(?:[ \t]+(?i:van|door))?"
                        r"[ \t]+([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)(?=[ \t]*[:(])")
# a numbered list's items ("1. mw. X 2. Afua Asamoah 3. Abshir")
_NUMBERED = _Lazy("_NUMBERED", r"(?:^|(?<=[\s:;]))(\d{1,2})[.)][ \t]+([^\d\n]{2,60}?)[ \t]*[,;]?"
                       r"(?=[ \t]+\d{1,2}[.)][ \t]|[ \t]*\n|[ \t]*$)")
# an apposition after a person's noun ("De fotograaf, Wessel.", "onze docent, Rijk,")
_APPOSITION_NAME = _Lazy("_APPOSITION_NAME", r"\b([a-zà-ÿ]+)[ \t]*,[ \t]*([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)(?=[ \t]*(?:[,.!?;)]|$))")
_PERSON_NOUN_END = _Lazy("_PERSON_NOUN_END", r"(?:er|ster|aar|ist|iste|ant|ent|eur|euse|ice|rice|trice|ares|graaf|"
                              r"loog|ier|or|oot|"
                              r"coach|juf|meester|docent|docente|arts|zus|broer|buurvrouw|buurman|"
                              r"vriend|vriendin|oma|opa|moeder|vader|dochter|zoon)$")
# a speaker's turn: it starts as speech does (a pronoun, a possessive, an answer)
_SPEECH_START = _Lazy("_SPEECH_START", r"(?i:ik|mijn|m'n|wij|we|zij|ze|hij|jij|je|u|ja|nee|nou|eh|uh|ehm|"
                           r"haha|oh|o|ach|tja|dat|dit|het|toen|want|maar|en|echt|soms|nooit|"
                           r"altijd|thuis|ok|oke|oké|top|super|prima|goed|hoi|hallo|sorry|thanks|"
                           r"dank|lol|haha\w*|wow)\b")
_TITLES_RX = _Lazy("_TITLES_RX", r"(?i:mw|mevr|dhr|hr|mr|dr|drs|ir|prof|fam)\.?[ \t]+")
_NUMBERED_GATE = _Lazy("_NUMBERED_GATE", r"\d[.)][ \t]")

# (gates, on the lower-case words deid computes once per text: ``_d._low_words(low)``; each
# rule needs one of these words as a whole word, so a text without any skips the rule's scan)
# the words of _GREETING_GATE (and "he+y*", tested apart)
_GREETING_GATE_WORDS = frozenset((
    "gr", "groet", "groeten", "groetjes", "grtjs", "dank", "dankjewel", "bedankt", "thanks",
    "thanx", "liefs", "doei", "kusjes", "mvg", "vg", "hoi", "hoihoi", "hallo", "hey", "hi", "hai",
    "dag", "beste", "lieve", "goedemorgen", "goedemiddag", "goedenavond"))
_HEY = _Lazy("_HEY", r"he+y*")
# (the words "he+y*" of up to 30 letters; a longer word is tested apart)
_HEY_WORDS = frozenset("h" + "e" * n + "y" * m for n in range(1, 30) for m in range(30)
                       if n + m < 30)
_GREETING_OR_HEY = _GREETING_GATE_WORDS | _HEY_WORDS
# the heads of _NOTE_HEAD, the pronouns of _CALLED_FIRST, the verbs of _PAIR
_NOTE_HEAD_WORDS = frozenset(("notitie", "notities", "verslag", "memo", "aantekening",
                              "aantekeningen", "bericht", "mail", "logboek", "observatie",
                              "notulen"))
_CALLED_WORDS = frozenset(("jij", "je", "u", "jullie"))
_PAIR_VERBS = frozenset(re.search(r"\(\?=\(\?:(.*?)\)\\b\)", _PAIR.pattern, re.DOTALL).group(1)
                        .split("|"))


@_d._derived
def _lower_name_heads():
    """The first run of letters of each lower-case first name that is no run of letters alone
    ("jan-willem", "d'arcy"): a lower-case token of the text that is such a name begins with a
    word of the text that is one of these (a name of letters alone is a word of the text)."""
    return frozenset(m.group(0) for w in _d._all_lower_first_names()
                     if (m := _LETTER_RUN.match(w)) and m.group(0) != w)


@lru_cache(maxsize=1)
def _village_names_low():
    return frozenset(w.lower() for w in _village_names())


_LETTER_RUN = _Lazy("_LETTER_RUN", r"[^\W\d_]+")


def _rare_lower_token(orig):
    """Is a lower-case token of the text a first name of the lists, and one such a rare first
    name (:func:`_rare_lower_name`)?"""
    toks = set(_LOWER_TOKEN.findall(orig))
    return not _d._all_lower_first_names().isdisjoint(toks) and \
        any(_rare_lower_name(w) for w in toks)


def _greeting_gate(ws):
    return not ws.isdisjoint(_GREETING_OR_HEY) or \
        max(map(len, ws), default=0) >= 30 and any(_HEY.fullmatch(w) for w in ws)


def _letter_before_paren(orig):
    """Is some "(" right after a letter, spaces or tabs between (what _NAME_ROLE needs)?"""
    i = orig.find("(")
    while i >= 0:
        j = i
        while j > 0 and orig[j - 1] in " \t":
            j -= 1
        if j > 0 and orig[j - 1].isalnum():
            return True
        i = orig.find("(", i + 1)
    return False


def _word_before_end(orig, i):
    """Could a word end the text before ``i`` but for spaces, tabs and ".!?" (what _END_NAME
    needs)?"""
    return orig[:i].rstrip(" \t!.?\n")[-1:].isalnum()


def spans(text, low, orig):
    """Spans of the seventh round's names (see the module docstring)."""
    out = []
    ws = _d._low_words(low)
    lowered = _lower_text(orig)
    # a chat in lower case: a first name of the lists that is no word, wherever it stands
    if lowered:
        for m in _LOWER_TOKEN.finditer(orig):
            w = m.group(1)
            sure = _token_name(w)
            if not sure:
                # "hafidas broer": a first name's possessive without an apostrophe
                if w[-1] == "s" and _possessive_s(w) and \
                        _prev(orig, m.start(1)) not in _THING_BEFORE:
                    out.append((m.start(1), m.end(1), "name"))
                continue
            before = _prev(orig, m.start(1))
            if before in _THING_BEFORE:
                continue
            # a name as common as a word only where a name is called: after a greeting or an
            # answer, or last in the message
            if sure == 2 and not _CHAT_CUE.fullmatch(before) and \
                    not re.fullmatch(r"[\W_]*", orig[m.end(1):]):
                continue
            end = m.start(1) + len(re.sub(r"['’]s$", "", w))
            out.append((m.start(1), _surname_after(orig, end, True), "name"))
            out += _more_names(orig, end, True)
    elif (any(_rare_lower_name(w) for w in ws & _d._all_lower_first_names()) or
          not ws.isdisjoint(_lower_name_heads())) and _rare_lower_token(orig):
        # in any text a lower-case first name rare in Dutch and English text (Zipf < 2.5 and
        # < 3): no word has that form ("Morgen komt fenneke ook"); (the first names written
        # are found by a set's intersection first: most texts have none; the words that begin
        # one first, then whether any token of the text is such a name at all)
        for m in _LOWER_TOKEN.finditer(orig):
            w = m.group(1)
            if _rare_lower_name(w) and _prev(orig, m.start(1)) not in _THING_BEFORE:
                out.append((m.start(1), _surname_after(orig, m.end(1), True), "name"))
    # the last line of a message of several lines that is a first name alone: its signature
    if "\n" in orig:
        m = _LAST_LINE.search(orig)
        if m and (_first_name_any(m.group(1)) if m.group(1)[:1].isupper() else
                  _chat_name(m.group(1))):
            out.append((m.start(1), _surname_after(orig, m.end(1), m.group(1).islower()), "name"))
    # a signature after a dash at the end of a line (each line's tail is searched)
    ends = [len(orig)] + ([i for i, c in enumerate(orig) if c == "\n"] if "\n" in orig else [])
    if "-" in orig or "–" in orig or "—" in orig or "~" in orig:
        for m in filter(None, (_DASH_SIGNATURE.search(orig, max(0, i - 60), i) for i in ends)):
            w = m.group(1)
            if _first_name_any(w) and (w[:1].isupper() or not _d._is_word(w)):
                out.append((m.start(1), _surname_after(orig, m.end(1), w.islower()), "name"))
                out += _more_names(orig, m.end(1), w.islower())
    # a closing or an opening greeting and a capitalised first name, even a word ("Groet, Rijk
    # –", "Hallo Rijk en Wessel,"); in capitals where the text is in capitals
    if _greeting_gate(ws) and _GREETING_GATE.search(low):
        # (by name, not "rx is _CLOSING_NAME": a _Lazy pattern's global name takes the compiled
        # pattern on first use, so an identity test differs on a process's first text)
        for closing, rx in ((True, _CLOSING_NAME), (False, _OPENING_NAME)):
            for m in rx.finditer(orig):
                w = m.group(1)
                caps = w.isupper()
                # (tenth round: or a word no Dutch word is, rare in text: "Beste Soender,")
                if (_first_name_any(w.capitalize() if caps else w) or not caps and _rare_cap(w)) and \
                        (not caps or closing and len(w) > 2):
                    out.append((m.start(1), _surname_after(orig, m.end(1), False), "name"))
                    out += _more_names(orig, m.end(1), False)
    # a name called at the end ("Tot morgen, Wessel!"): a first name, a village only when rare
    for m in filter(None, (_END_NAME.search(orig, max(0, i - 40), i) for i in ends
                           if _word_before_end(orig, i))):
        w = m.group(1)
        lw = w.lower()
        if _first_name_any(w) and not w.isupper() and \
                (lw not in _d._known_places() or _d._zipf(lw) < 3.5) and \
                not (_d._is_word(lw) and _d._zipf(lw) >= 4.0 and m.group(0)[:1] != ","):
            out.append((m.start(1), m.end(1), "name"))
    # a first name before a role or a relation in brackets, the head of a note
    if "(" in orig and _letter_before_paren(orig):
        for m in _NAME_ROLE.finditer(orig):
            w, role = m.group(1), m.group(2).lower()
            if _first_name_any(w) and not w.isupper() and (
                    role.isdigit() and 1 <= int(role) <= 110 and
                    not re.match(r"[ \t]*:", orig[m.end():m.end() + 3]) and
                    (w in _village_names() or not _d._is_word(w.lower())) or
                    role in _d._SPEAKER_ROLES or role in _d._RELATIONS or
                    _d._ROLE_END.search(role) or _PERSON_NOUN_END.search(role) or
                    role in ("notulen", "notulist", "ziek", "afwezig", "vakantie", "voorzitter")):
                out.append((m.start(1), m.end(1), "name"))
    if (":" in orig or "(" in orig) and not ws.isdisjoint(_NOTE_HEAD_WORDS):
        for m in _NOTE_HEAD.finditer(orig):
            if _first_name_any(m.group(1)) and not m.group(1).isupper():
                out.append((m.start(1), m.end(1), "name"))
    # a speaker's label before a turn of speech
    if ":" in orig:
        out += _speakers(orig)
        out += _person_lists(orig)
    # a numbered list of persons
    if (". " in orig or ") " in orig or ".\t" in orig or ")\t" in orig) and \
            _NUMBERED_GATE.search(orig):
        out += _numbered_persons(orig)
    # a first name's possessive ("Rijk's idee": Dutch writes 's after a consonant only for
    # a name)
    if "'s " in orig or "’s " in orig:
        for m in _POSSESSIVE.finditer(orig):
            w = m.group(1)
            if w[-1:].lower() not in "aeiouy" and _first_name_any(w) and not w.isupper() and \
                    w.lower() not in _d._known_places() or w.lower() in _d._known_places() and \
                    _first_name_any(w) and _d._zipf(w.lower()) < 5.0 and \
                    w[-1:].lower() not in "aeiouy":
                out.append((m.start(1), m.end(1), "name"))
    # inside a sentence a capitalised Dutch first name that is also a village or a word
    # ("Volgens Rijk was het goed", "samen met Wessel"): Dutch writes a capital there only for
    # a name; a place where a place stands (after a preposition of place, an article, a
    # numeral, or in a list of places) stays
    if not ws.isdisjoint(_village_names_low()) and \
            not _village_names().isdisjoint(_CAP_TOKEN.findall(orig)):
        for m in _CAP_TOKEN.finditer(orig):
            w = m.group(0)
            if w not in _village_names() or _d._sentence_start(orig, m.start()) or \
                    _d._in_caps_run(orig, m.start(), m.end()):
                continue
            before = _prev(orig, m.start())
            if before in _PLACE_BEFORE or re.search(r"\d[ \t]*[A-Za-z]{0,2}[ \t]*$",
                                                    orig[max(0, m.start() - 10):m.start()]):
                continue
            if before in ("en", "of", "tot") or orig[:m.start()].rstrip().endswith(","):
                lst = re.search(r"([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)[ \t]*(?:,|en|of|tot)[ \t]*$",
                                orig[max(0, m.start() - 40):m.start()])
                if lst and lst.group(1).lower() in _d._known_places() and \
                        lst.group(1) not in _village_names():
                    continue
            if re.match(r"[ \t]*-[A-ZÀ-ÖØ-Þ]|[ \t]+(?:aan|op|in|bij)[ \t]+(?:de|den|het|Zee|Zee\b)",
                        orig[m.end():m.end() + 12]):
                continue
            out.append((m.start(), m.end(), "name"))
    # a first name called first, then what is asked of them ("Rijk, wil jij de koffie doen?")
    for m in (_CALLED_FIRST.finditer(orig) if ", " in orig and not ws.isdisjoint(_CALLED_WORDS)
              else ()):
        w = m.group(1)
        if _first_name_any(w) and not w.isupper() and \
                (w.lower() not in _d._known_places() or _d._zipf(w.lower()) < 5.0):
            out.append((m.start(1), m.end(1), "name"))
    # two first names joined by "en" before what persons do ("Wessel en Rijk kwamen")
    if " en " in orig and not ws.isdisjoint(_PAIR_VERBS):
        for m in _PAIR.finditer(orig):
            a, b = m.group(1), m.group(2)
            if _first_name_any(a) and _first_name_any(b) and not a.isupper() and \
                    not b.isupper() and all(w.lower() not in _d._known_places() or
                                            _d._zipf(w.lower()) < 5.0 for w in (a, b)):
                out += [(m.start(1), m.end(1), "name"), (m.start(2), m.end(2), "name")]
    # an apposition after a person's noun
    if _COMMA_CAP.search(orig):
        for m in _APPOSITION_NAME.finditer(orig):
            noun, w = m.group(1), m.group(2)
            if (_PERSON_NOUN_END.search(noun) and _d._zipf(noun) >= 3.0 or
                    noun in _d._SPEAKER_ROLES or noun in _d._RELATIONS) and \
                    _first_name_any(w) and not w.isupper() and \
                    not (_d._is_word(w.lower()) and _d._zipf(w.lower()) >= 4.0):
                out.append((m.start(2), m.end(2), "name"))
    out += _eighth_round(low, orig, ws, lowered)
    out += _ninth_round(orig, low, ws)
    out += _ninth_round_any(orig)
    out += _tenth_round(orig, low, ws, lowered)
    if "@" in orig:
        out += _contact_items(orig)
    if "," in orig and not ws.isdisjoint(_NEW_ONE_WORDS):
        out += [(m.start(1), m.end(1), "name") for m in _NEW_ONE.finditer(orig)
                if _unknown_name(m.group(1))]
    if " van " in orig and not ws.isdisjoint(_IMAGE_WORDS) and _HE_SHE.search(low):
        out += [(m.start(1), m.end(1), "name") for m in _IMAGE_OF.finditer(orig)
                if _unknown_name(m.group(1))]
    return out


# (eleventh round) a person named in apposition after a person's noun or "de nieuwe" ("wie heeft
# het nummer van de nieuwe, haji?", "onze stagiair, Bilal, begint"), in a chat in lower case too
_NEW_ONE_WORDS = frozenset(("nieuwe", "nieuweling", "stagiair", "stagiaire", "vrijwilliger",
                            "vrijwilligster", "deelnemer", "deelneemster", "buurvrouw", "buurman",
                            "collega", "jongen", "meid", "dame", "heer", "mevrouw", "meneer",
                            "aanmelding", "cliënt", "cliënte", "invaller", "invalster"))
# (the words written once: the gate's set, longest first in the pattern)
_NEW_ONE = _Lazy("_NEW_ONE",
    r"\b(?i:de|die|onze|ons|jullie|een|mijn|m'n)[ \t]+(?i:"
    + "|".join(sorted(_NEW_ONE_WORDS, key=lambda w: (-len(w), w))) + r")[ \t]*,[ \t]*"
    r"([^\W\d_][^\W\d_'’-]{2,})(?![\w'’-])[ \t]*(?=[?!.,]|$)")
# (eleventh round) the person an image or a story is of, taken up by a person's pronoun in the
# sentence ("Zet de foto van Haji er liever niet op, hij wil niet ...")
_IMAGE_WORDS = frozenset(("foto", "portret", "tekening", "schilderij", "filmpje", "video", "verhaal",
                          "gedicht", "beeld", "schets", "opname"))
_IMAGE_OF = _Lazy("_IMAGE_OF",
    r"\b(?i:" + "|".join(sorted(_IMAGE_WORDS, key=lambda w: (-len(w), w))) + r")"
    r"[ \t]+van[ \t]+([A-ZÀ-ÖØ-Þ][^\W\d_'’-]{2,})(?![\w'’-])[^.!?\n]{0,40}?"
    r"\b(?:hij|zij|ze|hem|haar|ie)\b")


# (eleventh round) what stays of a name's span:
_LOWER_LEAD = _Lazy("_LOWER_LEAD", r"([a-zà-ÿ]+)[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
# - an animal's or a toy's name said to be one ("Joep is de hond", "de kat heet Minoes")
_PET_AFTER = _Lazy("_PET_AFTER",
    r"[ \t]+(?:is|was|heet|heette)[ \t]+(?:de|onze|ons|mijn|m'n|haar|zijn|z'n|een|hun)[ \t]+"
    r"(?:hond|hondje|kat|katje|poes|poesje|konijn|konijntje|cavia|vogel|parkiet|kanarie|paard|"
    r"pony|hamster|schildpad|vis|knuffel|pop|beer|beertje|slak|kip)\b", re.IGNORECASE)
_PET_NAMED_BEFORE = _Lazy("_PET_NAMED_BEFORE",
    r"\b(?:hond|hondje|kat|katje|poes|poesje|konijn|konijntje|cavia|vogel|parkiet|kanarie|"
    r"paard|pony|hamster|schildpad|knuffel|slak|kip)[ \t]+(?:heet|heette|noemen[ \t]+we)[ \t]+$",
    re.IGNORECASE)
# - a Dutch adjective after a copula, also a first name of a list ("ik ben jarig"): its suffix
_COPULA_BEFORE = _Lazy("_COPULA_BEFORE",
                       r"\b(?:ben|bent|is|was|word|wordt|werd|zijn|waren)[ \t]+(?:al|nu|weer|ook|morgen|"
                       r"vandaag|echt|zo)?[ \t]*$", re.IGNORECASE)
_ADJ_END = ("ig", "lijk", "isch", "baar", "zaam", "loos")
# - a word in capitals whose diaeresis the capitals dropped ("GEEXPORTEERD": "geëxporteerd")
_DIAERESIS = (("ee", "eë"), ("ie", "ië"), ("oe", "oë"), ("ei", "eï"))


def _eleventh_keep(orig, spans):
    out = []
    for s, e, k in spans:
        if k == "name" and s < e:
            w = orig[s:e]
            # a person's noun before a capitalised name stays ("Mijn collega [naam]"): a name
            # never opens with a Dutch word in lower case but its particles
            if w[:1].islower() and " " in w:
                m = _LOWER_LEAD.match(orig, s, e)
                if m and m.group(1) not in _d._PARTICLE_WORDS and _d._is_word(m.group(1)) and \
                        _d._zipf(m.group(1)) >= 3.0:
                    s, w = m.end(), orig[m.end():e]
            # (anchored at the span: two short matches, no scan of the text)
            if _PET_AFTER.match(orig, e) or _PET_NAMED_BEFORE.search(orig, max(0, s - 30), s):
                continue
            if w.islower() and w.endswith(_ADJ_END) and _d._is_word(w) and \
                    _COPULA_BEFORE.search(orig, max(0, s - 20), s):
                continue
            if w.isupper() and len(w) > 5 and w.isalpha() and any(
                    _d._is_word(w.lower().replace(a, b, 1)) for a, b in _DIAERESIS if a in w.lower()):
                continue
        out.append((s, e, k))
    return out


def _unknown_name(w):
    """A first name of any list, or a word that is no Dutch word, no place and rare in text."""
    lw = w.lower()
    if w.isupper() or lw in _DETERMINERS or lw in _PRONOUNS or lw in _d._known_places() or \
            lw in _d._WELL_KNOWN or _no_name_word(lw):
        return False
    if _first_name_any(w) or _token_name(lw):
        return True
    # (a compound's tail only in lower case: a capitalised word inside a sentence is no noun)
    return not _d._is_word(lw) and _d._zipf(lw) < 3.0 and (w[:1].isupper() or not _noun_tail(lw))


# (eleventh round) an item of a list (numbered or bulleted) or a line that gives a person's
# contact: capitalised words (particles and hyphens inside), then a comma, a dash or a bracket,
# an age or not, then an e-mail address ("4. Nada Al-Hassan, 29, nada.alhassan@gmail.com",
# "- Piet de Bruin (67) piet@...", "Sanne Mulder – s.mulder@..."): a full name whatever list
_CAP_PART = r"[A-ZÀ-ÖØ-Þ][^\W\d_'’]*(?:['’-][A-ZÀ-ÖØ-Þa-zà-ÿ][^\W\d_'’]*)*"
_CONTACT_ITEM = _Lazy("_CONTACT_ITEM",
    r"(?:^|(?<=\n))[ \t]*(?:(?:\d{1,2}[.)]|[-•*–])[ \t]+)?"
    rf"(?P<name>{_CAP_PART}(?:[ \t]+(?:(?:van|de|der|den|el|al|ter|ten|da|dos|do|bin|ben|ibn|"
    rf"van[ \t]+de|van[ \t]+der|in[ \t]+'t)[ \t]+)?{_CAP_PART}){{1,3}})"
    r"[ \t]*(?:,|[-–—]|\(|:)[ \t]*(?:\d{1,3}[ \t]*(?:jaar|jr\.?)?[ \t]*(?:,|\)|[-–—])?[ \t]*)?"
    r"\(?(?P<local>[\w.+-]+)@")


def _contact_items(orig):
    out = []
    for m in _CONTACT_ITEM.finditer(orig):
        words = re.findall(r"[^\W\d_]+", m.group("name"))
        first = words[0]
        local = m.group("local").lower()
        if first.isupper() or first.lower() in _d._SPEAKER_ROLES or \
                first.lower() in _d._TITLE_WORDS or " ".join(words).lower() in _d._known_places():
            continue
        # a person's: a first name of any list, a name's shape, or the words in the address
        if _first_name_any(first) or _d._name_like(first) or \
                any(len(w) >= 3 and w.lower() in local for w in words):
            out.append((m.start("name"), m.end("name"), "name"))
    return out


def _speakers(orig):
    """A speaker's label before a colon that is a first name, even a word or a village rare in
    Dutch text ("Saba: Zij was ..."), before a turn that starts as speech does."""
    out = []
    for m in _d._SPEAKER.finditer(orig):
        w = m.group(1)
        lw = w.lower()
        if w.isupper() or not w[:1].isupper() or lw in _d._SPEAKER_ROLES or \
                lw in _d._FORM_LABELS or _no_name_word(lw) and not _d._any_first_name(lw) or \
                not _SPEECH_START.match(orig, m.end()):
            continue
        # (a place speaks not, unless it is a first name rare in Dutch text: "Saba:")
        if (lw in _d._known_places() or lw in _d._countries()) and _d._zipf(lw) >= 3.5:
            continue
        listed = (w in _d._first_names() or _d._any_first_name(lw)) and \
            lw not in _d._TITLE_WORDS and lw not in _GROUP_WORDS and not _months_days(lw)
        if listed:
            out.append((m.start(1), m.end(1), "name"))
    return out


# labels after which persons are named: a list of them ("Aanwezig:", "Wachtlijst:"), one who
# filled in, sent or receives ("Ingevuld door:", "Mentor:", "Van:", "Aan:", "Cc:")
_HEADER_LABELS = ("aanwezig", "afwezig", "aanwezigen", "afmeldingen", "afgemeld", "deelnemers",
                  "wachtlijst", "namen", "met kennisgeving", "van", "aan", "cc", "bcc", "afzender",
                  "ontvanger", "ontvangers", "verzonden door", "geschreven door", "auteur",
                  "namens", "door", "notulist", "notulen", "voorzitter", "coördinator",
                  "coordinator", "docent", "begeleider", "begeleiders", "vrijwilliger",
                  "vrijwilligers", "verwijzer", "mentor", "contactpersoon", "ingevuld door",
                  "aanmelder", "maatje", "naam", "voornaam", "roepnaam", "nieuw",
                  "nieuwe deelnemers", "foto", "foto's", "fotograaf", "tekst", "beeld",
                  "illustratie", "tekening", "maker", "makers", "kunstenaar", "gemaakt door",
                  # (minutes: who does what was agreed)
                  "actie", "acties", "actiehouder", "actiepunt", "uitvoering", "wie", "trekker",
                  "eigenaar", "verantwoordelijk", "verantwoordelijke")
_PERSON_LIST = _Lazy("_PERSON_LIST", r"(?:^|(?<=\n)|(?<=[.;][ \t]))[ \t]*(?i:" +
                          "|".join(sorted(map(re.escape, _HEADER_LABELS), key=len, reverse=True)) +
                          r")(?:[ \t]+[^\W\d_]+){0,2}?[ \t]*:[ \t]*([^\n]+)")
_ITEM = _Lazy("_ITEM", r"(?<![^\W\d_])(?:(?!\ben\b)[^,;/&\n])+")
_ORG_HEADS = frozenset(("stichting", "gemeente", "team", "groep", "huisartsenpraktijk", "praktijk",
                        "wijkteam", "buurtteam", "afdeling", "vereniging", "school", "welzijn",
                        "kunst", "zorg", "centrum", "bureau", "cc", "redactie"))


def _person_lists(orig):
    """The persons after a label of persons ("Aanwezig: Rijk, Annet en Saba", "Ingevuld door:
    Wessel", "Aan: Bas", "Contactpersoon: Hoop Verbeek"): an item whose first word is a
    capitalised first name, even a word or a village, or of capitalised words that end in a
    surname no Dutch word is, with no organisation's word first."""
    out = []
    for m in _PERSON_LIST.finditer(orig):
        for it in _ITEM.finditer(m.group(1)):
            raw = re.sub(r"\([^()]*\)?", lambda x: " " * len(x.group(0)), it.group(0))
            raw = re.sub(r"(?:^|(?<=\s))en(?=\s)", "  ", raw)
            words = list(re.finditer(r"[^\W\d_][^\W\d_'’-]*\.?", raw))
            if not words or len(words) > 4 or _TITLES_RX.match(raw.strip() + " "):
                continue
            first = words[0].group(0)
            # (a sentence's full stop after the last name: "Actie: Sekar.")
            if len(words) == 1 and len(first) > 3 and first.endswith(".") and \
                    not raw[words[0].end():].strip():
                first = first[:-1]
            if not first[:1].isupper() or first.isupper() or first.endswith("."):
                continue
            # the item ends where its capitalised words and particles end
            end_i = 0
            for i, w in enumerate(words):
                if w.group(0)[:1].isupper() or w.group(0).lower() in _d._PARTICLE_WORDS and \
                        i + 1 < len(words):
                    end_i = i
                else:
                    break
            if len(words) > end_i + 1:
                continue            # a sentence, no name ("Aan: Bas vragen of ...")
            last = words[end_i].group(0).lower()
            lf = first.lower()
            named = _first_name_any(first) and (lf not in _d._known_places() or
                                                 _d._zipf(lf) < 5.0) and \
                lf not in _d._countries() or lf in _d._countries() and _d._zipf(lf) < 3.5 and \
                _d._any_first_name(lf)
            surnamed = end_i >= 1 and lf not in _ORG_HEADS and lf not in _d._SPEAKER_ROLES and \
                (last in _d._deduce_lookup()["surname"] or _d._name_like(last)) and \
                not _d._is_word(last) and last not in _d._known_places()
            # (one word that no Dutch word, place or organisation is: "Actie: Sekar")
            alone = end_i == 0 and len(words) == 1 and _d._name_like(first) and \
                not _d._is_word(lf) and not _noun_tail(lf) and lf not in _ORG_HEADS
            if named or surnamed or alone:
                s = m.start(1) + it.start() + words[0].start()
                out.append((s, s + len(first) if end_i == 0 else
                            m.start(1) + it.start() + words[end_i].end(), "name"))
    return out


def _numbered_persons(orig):
    """Items of a numbered list of persons: when most items are a person (a title and a name,
    or names), an item of capitalised words of which none is a common Dutch word is a name
    ("4. Lama Kanaan", "6. Abshir")."""
    items = list(_NUMBERED.finditer(orig))
    if len(items) < 3:
        return []
    persons = []
    for m in items:
        item = m.group(2).strip()
        t = _TITLES_RX.match(item)
        words = re.findall(r"[^\W\d_][^\W\d_'’-]*", item[t.end():] if t else item)
        caps = words and all(w[:1].isupper() or w.lower() in _d._PARTICLE_WORDS for w in words) \
            and len(words) <= 4
        persons.append((m, bool(t) and bool(words), caps, words))
    # a list of persons: items with a title, or first names
    titled = sum(p[1] for p in persons)
    named = sum(1 for m, t, caps, words in persons if caps and not t and
                (_first_name_any(words[0]) or _d._name_like(words[0])))
    # (without a title, two items of a first name and a surname: "Afua Asamoah")
    full = sum(1 for m, t, caps, words in persons if caps and not t and len(words) >= 2 and
               _first_name_any(words[0]))
    if (titled + named) * 2 < len(items) or titled + named < 2 or not titled and full < 2:
        return []
    out = []
    for m, t, caps, words in persons:
        if t or not caps:
            continue
        # (in a list of persons even a word is a person: "3. Zon"; not a place, a brand, a
        # role, a group)
        whole = " ".join(words).lower()
        if whole in _d._known_places() or whole in _d._BRANDS or whole in _d._WELL_KNOWN or \
                words[0].lower() in _d._SPEAKER_ROLES or words[0].lower() in _GROUP_WORDS or \
                words[0].lower() in _d._TITLE_WORDS or _months_days(words[0].lower()):
            continue
        out.append((m.start(2), m.start(2) + len(m.group(2).rstrip(" \t,;")), "name"))
    return out


# ---------------------------------------------------------------------------------------------
# what stays
# ---------------------------------------------------------------------------------------------

# the letters of an abbreviation that no initials are ("P.S.", "N.B.", "o.a.")
_ABBREVIATIONS = frozenset(("p.s.", "p.s", "ps.", "n.b.", "n.b", "o.a.", "i.v.m.", "t.z.t.",
                            "m.b.t.", "a.u.b.", "z.s.m.", "e.d.", "d.w.z.", "b.v.", "t.a.v.",
                            "i.p.v.", "m.v.g.", "p.p.", "v.a.", "n.a.v."))
_TEACHERS = frozenset(("docent", "docente", "leraar", "lerares", "juf", "meester", "leerkracht"))
_SUBJECT_OF = _Lazy("_SUBJECT_OF", r"([^\W\d_]+)[ \t]+(?:van|op|aan)[ \t]+(?:(?:het|de|'t)[ \t]+)?(?=\S)")
_LABEL_NOTE = _Lazy("_LABEL_NOTE", r"[ \t]*\([^()\n]{1,20}\)[ \t]?:[ \t]*")
_ON_STREET = _Lazy("_ON_STREET", r"[ \t]+aan[ \t]+(?:de|het|'t)[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
_LEAD_TITLE = _Lazy("_LEAD_TITLE", r"(?i:mw|mevr|dhr|hr|dr|drs|ir|mr|prof|de[ \t]+heer|heer|mevrouw|"
                                   r"meneer|mijnheer)\.?[ \t]+(?=[A-Z]\.)")
# the words for a building or a team before a place's name in capitals ("WIJKCENTRUM ROOMBEEK")
_FACILITY_ENDS = ("centrum", "huis", "gebouw", "kamer", "theek", "hal", "kerk", "moskee",
                  "school", "atelier", "praktijk", "team", "punt", "plein", "hof")
_LEAD_PARTICLE = _Lazy("_LEAD_PARTICLE", r"(?:de|het|van|een|der|den)[ \t]+(?=\S)")


_QUESTION_AFTER = _Lazy("_QUESTION_AFTER", r"[ \t]*[?!]")
_HEADING_AFTER = _Lazy("_HEADING_AFTER", r"[ \t]*[(:]")
# the kinds of span keep reads
# a dialect's possessive that is also a first name ("Mien vrouw", "Oos moeke"), before a
# relation
_DIALECT_POSSESSIVES = frozenset(("mien", "mijn", "mie", "miene", "oos", "ozze", "oze", "ons",
                                  "zien", "zijn", "dien", "heur", "hullie"))
_RELATION_AFTER = _Lazy("_RELATION_AFTER", r"[ \t]+([a-zà-ÿ]+)\b")
_RELATION_NOUNS = frozenset(("vrouw", "man", "moeder", "vader", "moeke", "vadder", "mam", "pap",
                             "moe", "va", "zoon", "dochter", "jong", "wicht", "kinder", "kinders",
                             "kinderen", "broer", "zus", "zuster", "oma", "opa", "kleinkinderen",
                             "kleinzoon", "kleindochter", "buurvrouw", "buurman", "vriend",
                             "vriendin", "familie", "maat", "wief", "wijf", "keerl", "kerel",
                             "schoonzoon", "schoondochter", "tante", "oom", "neef", "nicht"))
_BETWEEN = _Lazy("_BETWEEN", r",[ \t]+([A-ZÀ-ÖØ-Þ][^\W\d_'’-]{2,})(?:[ \t]+\d{1,4}[a-zA-Z]?)?,[ \t]+$")


def _street_between(orig, spans):
    """A capitalised word no Dutch word, town or first name is, alone between commas after a
    person and before their neighbourhood or address ("mw. [naam], Slinge, [wijk]")."""
    out = []
    for (s1, e1, k1), (s2, e2, k2) in zip(spans, spans[1:]):
        if k1 != "name" or k2 not in ("place", "address") or s2 - e1 > 40:
            continue
        m = _BETWEEN.match(orig, e1, s2)
        if m:
            lw = m.group(1).lower()
            if not _d._is_word(lw) and lw not in _d._known_places() and \
                    not _d._any_first_name(lw) and not _no_name_word(lw):
                out.append((m.start(1), m.end(0) - len(m.group(0)) + len(m.group(0).rstrip(", \t")),
                            "address"))
    return out


_MATE_BEFORE = _Lazy("_MATE_BEFORE", r"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)(?:[ \t]*,[ \t]*|[ \t]+(?:en|&)[ \t]+)$")
_LIST_GOES_ON = _Lazy("_LIST_GOES_ON", r"(?:[ \t]*,[ \t]*[^\W\d_][^\W\d_'’-]*(?:[ \t]+[^\W\d_][^\W\d_'’-]*)?)*"
                           r"[ \t]+(?:en|&)[ \t]+[A-ZÀ-ÖØ-Þ]")
_MATE_AFTER = _Lazy("_MATE_AFTER", r"(?:[ \t]*,[ \t]*|[ \t]+(?:en|&)[ \t]+)([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)(?![\w'’-])")


def _mate(w):
    lw = w.lower()
    return not w.isupper() and lw not in _d._known_places() and not _plain_no_person(lw) and \
        not _inhabitants(lw) and \
        (_d._name_like(w) and not _d._is_word(lw) and not _noun_tail(lw) or
         _first_name_any(w) and _d._zipf(lw) < 4.5)


def _list_mates(orig, spans):
    """An item of a list of commas and "en" beside a name that is a first name or a word no
    Dutch word, place or compound is ("Sekar, [naam] en [naam]")."""
    out = []
    todo = [(s, e) for s, e, k in spans if k == "name"]
    seen = set(todo)
    while todo:
        s, e = todo.pop()
        m = _MATE_BEFORE.search(orig, max(0, s - 40), s)
        n = _MATE_AFTER.match(orig, e)
        for before, x in ((True, m), (False, n)):
            # (a list: "en" or "&" joins its last items, a comma only in a list that goes on
            # to them; not "Thanx, Thea", "Nelson, Kaapverdiaan, geboren ...")
            if not x or (x.start(1), x.end(1)) in seen:
                continue
            sep = orig[x.end(1):s] if before else orig[e:x.start(1)]
            if ("," in sep and not _LIST_GOES_ON.match(orig, max(e, x.end(1)))) or \
                    not _mate(x.group(1)) or any(a <= x.start(1) < b for a, b, _ in spans):
                continue
            seen.add((x.start(1), x.end(1)))
            out.append((x.start(1), x.end(1), "name"))
            todo.append((x.start(1), x.end(1)))
    return out


_PRACTICES = ("praktijk", "huisarts", "huisartsen", "apotheek", "tandarts", "fysio",
              "fysiotherapie", "dokter", "dokters", "gezondheidscentrum", "poli", "kliniek")
_AT_STREET = _Lazy("_AT_STREET", r"[ \t]+(aan|van)[ \t]+(?:de|het|'t|den)[ \t]+(?=[A-ZÀ-ÖØ-Þ0-9])")
_KEEP_KINDS = frozenset(("name", "place", "institution", "address"))


def keep(text, spans, orig):
    """What the seventh round keeps of the spans (see the module docstring)."""
    # (a speaker's label in a text of turns is a name, even a Dutch word that the sixth round's
    # keep of a label ("Tip:", "Vraag:") let stay)
    if orig.count(":") >= 2 and _d._SPEAKER_GATE.search(orig):
        spans = _d._merge(spans + _turn_speakers(orig))
    if not spans:
        return spans
    spans = _eleventh_keep(orig, spans)
    out = []
    for s, e, k in spans:
        if k not in _KEEP_KINDS:
            if s < e:
                out.append((s, e, k))   # (fast path: a kind no rule below reads)
            continue
        piece = orig[s:e]
        # (the eighth round's: a street's head, names that are none, a role before a name)
        kept = _keep_eighth(orig, s, e, k, piece)
        if kept is None:
            continue
        if kept != (s, e, k):
            s, e, k = kept
            piece = orig[s:e]
        lp = piece.lower()
        # "mw. [naam]": the title before initials stays
        # (tenth round: also "de heer", and before a person the institutions' rules took)
        m = _LEAD_TITLE.match(piece) if k in ("name", "place", "institution") else None
        if m:
            s += m.end()
            piece, lp = orig[s:e], orig[s:e].lower()
            # (a title and initials give a person, not an institution)
            k = "name"
        if k == "name":
            # (ninth round) "Paini's tuin": a possessive's "s" is no part of the name; "Mien
            # vrouw": a dialect's possessive before a relation
            if piece[-2:] in ("'s", "’s") and len(piece) > 4:
                e -= 2
                piece, lp = orig[s:e], orig[s:e].lower()
            if lp in _DIALECT_POSSESSIVES and _RELATION_AFTER.match(orig, e) and \
                    _RELATION_AFTER.match(orig, e).group(1).lower() in _RELATION_NOUNS:
                continue
            # "P.S. De groep": an abbreviation's letters
            first = lp.split()[0] if lp.split() else ""
            if first in _ABBREVIATIONS:
                rest = piece[len(first):].strip()
                nxt = rest.split()[0].lower() if rest else ""
                # (then a word, no name: "P.S. De groep", "P.S. Vergeet je schort niet")
                if not rest or nxt in _DETERMINERS or nxt in _d._AFTER_SUBJECT or \
                        _d._is_word(nxt) and not _d._any_first_name(nxt) and " " not in rest:
                    continue
                # ("P.S. Marieke belt je": the name, not the abbreviation)
                s += len(piece) - len(piece[len(first):].lstrip())
                piece, lp = orig[s:e], orig[s:e].lower()
            # "langs de [naam]", "buurvrouw van [leeftijd]": a lower-case particle starts no
            # name that no title, first name or initial comes before
            m = _LEAD_PARTICLE.match(piece)
            if m and " " in piece:
                before = _prev(orig, s)
                bw = re.search(r"(\S+)[ \t]*$", orig[max(0, s - 30):s])
                bw = bw.group(1) if bw else ""
                rest = piece[m.end():]
                number = _d._AGE_NUMBER_RX.fullmatch(rest.lower().rstrip(".,"))
                if number or before not in _d._TITLE_WORDS and not bw.endswith(".") and \
                        not (bw[:1].isupper() and bw.strip(",") in _d._first_names()) and \
                        not (bw[:1].islower() and _d._any_first_name(bw.lower()) and
                             not _d._is_word(bw.lower())) and \
                        (rest[:1].isupper() or not rest[:1].isalpha()) and \
                        not _LEAD_PARTICLE.match(rest):
                    s += m.end()
                    piece, lp = orig[s:e], orig[s:e].lower()
                    if _d._AGE_NUMBER_RX.fullmatch(lp):
                        k = "age"
            # "mijn zusje", "de beren": a lower-case word right after an article or a
            # possessive is a noun, unless a title or a name comes before ("mw. de boer")
            # (the word before, for this rule and the next)
            before = _prev(orig, s)
            if piece.islower() and " " not in piece and before in _DETERMINERS and \
                    re.match(r"[ \t]", orig[s - 1:s]) and not _name_before(orig, s) and \
                    (before not in _PRONOUNS or not _chat_name(lp)):
                continue
            # "heel koen": a word after a degree word
            if piece.islower() and " " not in piece and before in _DEGREE and \
                    not re.search(r"[,.;:!?][ \t]*$", orig[max(0, s - 6):s]) and \
                    _d._zipf(lp) >= 3.0:
                continue
            # "Tip (1): neem ...": a label with a number or a note in brackets before a colon,
            # a Dutch word and no first name of the Dutch lists (as deid keeps "Tip: ...")
            if " " not in piece and piece[:1].isupper() and _d._sentence_start(orig, s) and \
                    _LABEL_NOTE.match(orig, e) and _d._is_word(lp) and _d._zipf(lp) >= 4.0 and \
                    piece not in _d.dutch_first_names() and \
                    not _d._FIRST_PERSON.match(orig, _LABEL_NOTE.match(orig, e).end()):
                continue
            # "Streng?": a one-word question or exclamation that is a Dutch word
            if " " not in piece and piece[:1].isupper() and \
                    _QUESTION_AFTER.match(orig, e, e + 2) and _d._sentence_start(orig, s) and \
                    piece not in _d._first_names() and _d._zipf(lp) >= 3.5 and \
                    not _d._any_first_name(lp):
                continue
            # "TUSSENRAPPORTAGE", "Verwijsbrief (kopie):": a Dutch compound in capitals or
            # first in a heading
            if " " not in piece and (piece.isupper() and len(piece) > 3 and
                                     (_d._is_word(lp) or _dutch_compound(lp)) or
                                     _d._sentence_start(orig, s) and len(lp) >= 8 and
                                     _HEADING_AFTER.match(orig, e, e + 2) and
                                     _dutch_compound(lp)) and \
                    not _d._any_first_name(lp) and lp not in _d._deduce_lookup()["surname"]:
                continue
            # "INTERVIEWVERSLAG FOCUSGROEP": a heading in capitals of Dutch words and compounds
            if " " in piece and piece.isupper() and all(
                    (_d._is_word(w) or len(w) > 3 and _dutch_compound(w)) and
                    not (_d._any_first_name(w) and not _d._is_word(w))
                    for w in re.findall(r"[^\W\d_]+", lp)):
                continue
        # "WIJKCENTRUM ROOMBEEK": the word for the place in capitals before its name stays
        if k in ("institution", "place") and piece.isupper() and " " in piece:
            first = piece.split()[0]
            # (a building's or a team's word, not a word of the name: "HOGE VUCHT" is whole)
            if first.lower().endswith(_FACILITY_ENDS) and (
                    _dutch_compound(first.lower()) or _d._is_word(first.lower())):
                rest_start = s + len(first) + (len(piece[len(first):]) - len(piece[len(first):].lstrip()))
                rest = orig[rest_start:e]
                if rest and not _d._is_word(rest.split()[0].lower()):
                    s = rest_start
                    k = "place" if k == "institution" and \
                        first.lower() in ("wijkcentrum", "buurthuis", "buurtcentrum",
                                          "wijkgebouw") else k
        # "kerk aan de [adres]", "zorgcentrum De X aan de [adres]": "aan de" introduces the
        # street; before it a lower-case word (no street's name starts so) says where on it
        # (ninth round: also without a house number, "de oude school aan de [adres]": the
        # street is replaced, the words that say where on it stay; but "de praktijk aan de X"
        # names one's doctor by the street, all of it stays replaced)
        if k == "address" and piece[:1].islower() and not _lower_text(orig):
            m = _ON_STREET.search(piece)
            named = m and re.search(r"(?:^|\s)[A-ZÀ-ÖØ-Þ]", piece[:m.start()])
            if m and m.end() < len(piece) and (
                    named or re.search(r"\d", piece[m.end():]) or
                    not piece[:m.start()].split()[-1].lower().endswith(_PRACTICES)):
                if named:
                    out.append((s, s + m.start(), "institution"))
                s += m.end()
                piece, lp = orig[s:e], orig[s:e].lower()
        # (ninth round) "Huisartsenpraktijk De Lindeboom aan de [adres]": a place named by its
        # own name before "aan de" and the street; "Dinie van de [adres]": a first name before
        # "van de" and a street's name by its shape
        elif k == "address" and piece[:1].isupper() and " " in piece and \
                (" aan " in piece or " van " in piece):
            m = _AT_STREET.search(piece)
            if m and _STREET_SHAPE.search(piece, m.end()):
                head = piece[:m.start()].split()
                if m.group(1) == "aan" and len(head) >= 2 and \
                        any(h[:1].isupper() for h in head[1:]):
                    out.append((s, s + m.start(), "institution"))
                    s += m.end()
                elif m.group(1) == "van" and len(head) == 1 and _first_name_any(head[0]):
                    out.append((s, s + m.start(), "name"))
                    s += m.end()
                piece, lp = orig[s:e], orig[s:e].lower()
        # "docent Frans van het [instelling]": the subject taught and "van het" stay
        if k == "institution" and _prev(orig, s) in _TEACHERS:
            m = _SUBJECT_OF.match(piece)
            if m and m.group(1).lower() in _d._SUBJECTS and m.end() < len(piece):
                s += m.end()
                piece, lp = orig[s:e], orig[s:e].lower()
        # "Welzijn op Recept Holtenbroek en Aa-landen": the programme stays
        if k in ("institution", "place", "name") and ("ecept" in piece or "Beeld" in piece):
            m = _d._PROGRAMMES.match(orig, s)
            if m:
                s = m.end()
                while s < e and orig[s] in " \t":
                    s += 1
                # and the places of its groups are two ("[wijk] en [wijk]")
                two = re.fullmatch(r"([A-ZÀ-ÖØ-Þ][^\W\d_'’-]*(?:-[^\W\d_]+)*)[ \t]+en[ \t]+"
                                   r"[A-ZÀ-ÖØ-Þ][^\W\d_'’-]*(?:-[^\W\d_]+)*", orig[s:e])
                if two:
                    out.append((s, s + two.end(1), k))
                    s = e - len(orig[s:e].split()[-1])
        if s < e:
            out.append((s, e, k))
    out = _d._merge(out)
    # (ninth round) "bij mw. [naam], Slinge, [wijk]": a word between a person and their
    # neighbourhood in a list of commas is their street
    if len(out) >= 2 and ", " in orig:
        out = _d._merge(out + _street_between(orig, out))
    # (ninth round) "Wijkteam Noord: Sekar, [naam] en [naam]": a list's item beside a name
    if out and (", " in orig or " en " in orig or " & " in orig):
        mates = _list_mates(orig, out)
        if mates:
            out = _d._merge(out + mates)
    # (tenth round) a pet's or a thing's name stays; a name found is a name wherever the text
    # writes it again
    if out:
        low = orig.lower()
        if len(low) != len(orig):
            low = "".join(c.lower()[:1] for c in orig)
        out = _keep_things(orig, out, low)
    if out:
        again = _again(orig, out, low)
        if again:
            out = _d._merge(out + again)
    return out


_PREFIXES = ("na", "voor", "tussen", "over", "onder", "mee", "door", "bij", "op", "uit", "in",
             "af", "aan", "om", "toe", "terug", "her", "wijk", "buurt", "eind", "begin", "tussen",
             "zelf", "hoofd", "jaar", "half", "kwartaal", "maand", "week", "nul", "start")


@lru_cache(maxsize=65536)
def _dutch_compound(low):
    """A Dutch word or compound: an ordinary word, a compound of two (``_compound``), a prefix or
    a verb's stem before an ordinary word ("nameting", "tussenrapportage", "verwijsbrief")."""
    if _d._compound(low):
        return True
    for i in range(2, len(low) - 3):
        left, right = low[:i], low[i:]
        if _d._zipf(right) < 3.0 or not _d._is_word(right):
            continue
        stems = (left + "en", left[:-1] + "zen" if left.endswith("s") else "",
                 left[:-1] + "ven" if left.endswith("f") else "")
        if left in _PREFIXES or (len(left) >= 3 and (_d._is_word(left) or
                                                     any(st and _d._zipf(st) >= 3.0
                                                         for st in stems))):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Eighth round: names by the grammar that gives them, streets by their shape, dates in words
# ---------------------------------------------------------------------------------------------

_VOWEL = _Lazy("_VOWEL", r"[aeiouyà-æè-ïò-öù-ÿ]")
# a speaker's label in lower case at the start of a text or a line ("svitlana: ja", "djamilson:
# ok"), what deid's speaker rule reads only for a listed first name
# (also after a chat export's time or date: "[14:02] oksana:", "12-03-2026 09:15 - bohdan:")
_LOWER_LABEL = _Lazy("_LOWER_LABEL", r"(?:^|(?<=\n)|(?<=\d\])|(?<=\d[ \t]-)|(?<=\d:\d\d))[ \t\"'(\[]*"
                          r"([a-zà-öø-ÿ][^\W\d_'’]*(?:-[^\W\d_]+)*)[ \t]?:[ \t]+(?=\S)")


def _lower_speakers(orig):
    """A lower-case label before a colon at the start of a text or a line, no role, no form's
    label, no Dutch or English word, no abbreviation: a chat's or a transcript's speaker."""
    out = []
    for m in _LOWER_LABEL.finditer(orig):
        w = m.group(1)
        if w in _d._SPEAKER_ROLES or w in _d._FORM_LABELS or len(w) < 3 or \
                not _VOWEL.search(w) or _d._ROLE_END.search(w) or _no_name_word(w):
            continue
        listed = _d._any_first_name(w)
        # (a word no list names: four letters at least, no abbreviation such as "opm", no
        # compound that ends in a Dutch word)
        if _d._name_like(w) and (listed or len(w) >= 4 and not _noun_tail(w)) or \
                listed and _chat_name(w):
            out.append((m.start(1), m.end(1), "name"))
    return out


# the endings of the nouns a note's or a form's label is ("Conclusie:", "Toelichting:",
# "Samenvatting:", "Situatie:")
_LABEL_NOUN_END = _Lazy("_LABEL_NOUN_END", r"(?:ing|ie|tie|heid|teit|schap|isme|atie|uur|ment)$")


def _turn_speakers(orig):
    """In a text of several turns (two labels before a colon at least, one of them a role or a
    name), a capitalised label whose turn starts as speech does is a speaker's name, also a
    Dutch word rarer than a form's labels are or a first name ("Interviewer: ... Lama: Mijn
    kinderen ..."), unless it is a role, a form's label, a relation or a noun a note's label is
    ("Wens:", "Klacht:", "Tip:")."""
    labels = list(_d._SPEAKER.finditer(orig))
    if len(labels) < 2:
        return []
    words = [m.group(1).lower() for m in labels]
    known = [w in _d._SPEAKER_ROLES or w.rstrip("0123456789") in ("r", "i", "p", "d") or
             _d._any_first_name(w) and not _d._is_word(w) for w in words]
    out = []
    for i, m in enumerate(labels):
        w, lw = m.group(1), words[i]
        if not any(known[:i] + known[i + 1:]) or not w[:1].isupper() or w.isupper() or \
                len(w) < 3 or lw in _d._SPEAKER_ROLES or lw in _d._FORM_LABELS or \
                lw in _d._RELATIONS or lw in _d._TITLE_WORDS or _LABEL_NOUN_END.search(lw) or \
                _d._zipf(lw) >= 5.0 or _months_days(lw) or lw in _GROUP_WORDS or \
                _d._zipf(lw) >= 4.0 and _d._is_word(lw) and not _d._any_first_name(lw) or \
                not _SPEECH_START.match(orig, m.end()):
            continue
        out.append((m.start(1), m.end(1), "name"))
    return out


# the verbs that take a person as their object in a chat ("neem taras mee", "vraag femke",
# "bel oma en jolanda", "zeg tegen kofi"), then up to three small words before the person
_PERSON_VERBS = frozenset((
    "neem", "nam", "neemt", "breng", "bracht", "brengt", "haal", "haalde", "haalt", "vraag",
    "vroeg", "vraagt", "bel", "belde", "belt", "app", "appte", "appt", "mail", "mailde", "mailt",
    "zeg", "zei", "zegt", "vertel", "vertelde", "help", "hielp", "helpt", "ken", "kent", "kende",
    "zie", "zag", "ziet", "spreek", "sprak", "spreekt", "groet", "wacht", "feliciteer", "bedank",
    "stuur", "stuurde", "ontmoet", "ontmoette", "gezien", "gesproken", "gevraagd", "gebeld",
    # (and the prepositions that take a person: "ik ga met yaroslava")
    "met", "voor", "aan", "bij", "naast", "tegen", "van"))
_PERSON_VERB = _Lazy("_PERSON_VERB", 
    r"\b(?:" + "|".join(sorted(_PERSON_VERBS, key=len, reverse=True)) + r")"
    r"((?:[ \t]+(?:het|ik|jij|je|we|wij|ze|zij|hij|u|ook|morgen|vandaag|straks|even|ff|dan|wel|"
    r"nog|tegen|op|aan|maar|gewoon|zo|eerst|toch|nu|net|vanavond|vanmiddag|met|"
    # (eleventh round: "vraag naar eka", "vroeg ook naar taras")
    r"naar)){0,3})[ \t]+"
    r"([a-zà-öø-ÿ][a-zà-öø-ÿ'’-]{2,})(?![\w'’-])")


# the person before what is done with them ("heb mykola gesproken", "kan ik zoryana ophalen")
_PERSON_BEFORE = _Lazy("_PERSON_BEFORE", 
    r"(?<![\w'’-])([a-zà-öø-ÿ][a-zà-öø-ÿ'’-]{2,})[ \t]+"
    r"(?:(?:ook|even|ff|wel|nog|morgen|dan|"
    r"straks|vandaag)[ \t]+){0,2}(?:gesproken|gezien|gevraagd|gebeld|geappt|gemaild|ontmoet|"
    r"geholpen|meenemen|meegenomen|ophalen|opgehaald|meebrengen|meegebracht|bellen|appen|"
    r"spreken|zien|vragen|mee)\b")
_PERSON_BEFORE_WORDS = frozenset((
    "gesproken", "gezien", "gevraagd", "gebeld", "geappt", "gemaild", "ontmoet", "geholpen",
    "meenemen", "meegenomen", "ophalen", "opgehaald", "meebrengen", "meegebracht", "bellen",
    "appen", "spreken", "zien", "vragen", "mee"))


def _person_objects(orig, ws):
    """In a chat, a lower-case first name of the lists (even one as common as a word) or a word
    that no list holds and no word is (``_name_like``, four letters at least) as the person a
    verb takes ("ik neem taras mee"); after a verb that takes things too ("neem", "breng",
    "met") such a word only where a person's pronoun follows it ("ik neem taras mee hij is 5";
    not "ik neem baklava mee")."""
    out = []
    for m in (_PERSON_VERB.finditer(orig) if not ws.isdisjoint(_PERSON_VERBS) else ()):
        cue = m.group(0).split(None, 1)[0]
        # ("ga met yaroslava": with whom one goes, walks, talks or plays is a person)
        things = cue in _THINGS_TOO and not (cue == "met" and
                                             _prev(orig, m.start()) in _WITH_WHOM)
        out += _person_object(orig, m.group(2), m.start(2), things)
    for m in (_PERSON_BEFORE.finditer(orig) if not ws.isdisjoint(_PERSON_BEFORE_WORDS) else ()):
        if _prev(orig, m.start(1)) not in _THING_BEFORE:
            cue = m.group(0).rsplit(None, 1)[-1]
            out += _person_object(orig, m.group(1), m.start(1), cue in _THINGS_TOO)
    return out


# the verbs and prepositions that take a thing as well as a person ("ik neem baklava mee")
_THINGS_TOO = frozenset(("neem", "nam", "neemt", "breng", "bracht", "brengt", "haal", "haalde",
                         "haalt", "stuur", "stuurde", "zie", "zag", "ziet", "gezien", "met", "voor",
                         "meenemen", "meegenomen", "ophalen", "opgehaald", "meebrengen",
                         "meegebracht", "mee", "zien", "bij", "van",
                         # (eleventh round) a language is spoken too ("die spreekt bahasa")
                         "spreek", "spreekt", "sprak"))
_WITH_WHOM = frozenset(("ga", "gaat", "gaan", "ging", "gingen", "loop", "loopt", "liep", "fiets",
                        "fietst", "wandel", "wandelt", "wandelde", "praat", "praatte", "sprak",
                        "speel", "speelt", "speelde", "dans", "danst", "danste", "samen", "zit",
                        "zat", "sta", "stond", "kook", "kookte", "teken", "tekende", "zing",
                        "zong"))
_HE_SHE = _Lazy("_HE_SHE", r"\b(?:hij|zij|ze|hem|haar|ie)\b")


def _person_object(orig, w, start, things_too):
    base = re.sub(r"['’]s$", "", w)
    if _no_name_word(base) or base in _DETERMINERS or base in _PRONOUNS:
        return []
    if _token_name(w) or len(base) >= 4 and _d._name_like(base) and \
            not _d._ROLE_END.search(base) and not _noun_tail(base) and \
            (not things_too or _HE_SHE.search(orig, start + len(w))):
        return [(start, start + len(base), "name")]
    return []


@lru_cache(maxsize=4096)
def _noun_tail(low):
    """Is a word no list holds a Dutch compound: it ends in a common Dutch word of four letters
    or more after three letters at least ("jasmijnthee", "pindasaus"), or a prefix or a word
    comes before a Dutch word ("nameting"), or the plural of such a compound?"""
    if _word_tail(low) or _dutch_compound(low):
        return True
    # (and its plural: "effectgroottes")
    stem = low[:-1] if low.endswith("s") else low[:-2] if low.endswith("en") else ""
    return len(stem) >= 8 and _word_tail(stem, 5)


def _word_tail(low, shortest=4):
    return any(_d._zipf(low[i:]) >= 3.5 and _d._is_word(low[i:])
               for i in range(3, len(low) - shortest + 1))


@lru_cache(maxsize=65536)
def _possessive_s(w):
    """A first name's possessive without an apostrophe ("hafidas broer", "Jans fiets"): the
    word without its -s is a first name of the lists that is no word, the word itself none."""
    lw = w.lower()
    if len(lw) < 4 or not lw.endswith("s") or _d._is_word(lw) or _d._zipf(lw) >= 3.0 or \
            _d._zipf(lw, "en") >= 3.5:
        return False
    return _chat_name(lw[:-1]) == 1


# a name given by a verb after it, inverted ("Toon heet hij", "Fenna heette ze") or in lower
# case after a pronoun ("hij heet toon")
_HEET_INVERTED = _Lazy("_HEET_INVERTED", r"(?:^|(?<=[.!?:;,(\n])[ \t]*|(?<=[.!?:;,][ \t]))[\"'‘“]*"
                            r"([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)[ \t]+"
                            r"(?:heet|heette|heten|heetten)[ \t]+"
                            r"(?:hij|zij|ze|ie)\b")
_HEET_LOWER = _Lazy("_HEET_LOWER", r"\b(?:ik|hij|zij|ze|ie)[ \t]+(?:heet|heette)[ \t]+"
                         r"(?:echt[ \t]+|gewoon[ \t]+)?"
                         r"([a-zà-öø-ÿ][a-zà-öø-ÿ'’-]{2,})(?![\w'’-])")
# a name after the word for a name ("mijn achternaam is Grabowski", "haar voornaam: Hoop",
# "niemand kan mijn achternaam zeggen. Grabowski.")
_NAME_WORD = _Lazy("_NAME_WORD", r"\b(?:(?i:achter|voor|roep|familie|meisjes|geboorte)naam|"
                        r"(?i:mijn|m'n|haar|zijn|z'n|uw|jouw|je)[ \t]+naam)\b")
_NAME_IS = _Lazy("_NAME_IS", r"[ \t]*(?:(?:is|was|luidt|blijft)[ \t]+|:[ \t]*|,[ \t]*)")
_NEXT_CAP = _Lazy("_NEXT_CAP", r"[^\n]*?((?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ee]l|[Aa]l)"
                       r"[ \t]+)*"
                       r"[A-ZÀ-ÖØ-Þ][^\W\d_'’]*(?:-[A-ZÀ-ÖØ-Þ][^\W\d_'’]*)?)")
# a capitalised word inside a sentence that a person's pronoun takes up ("hulp van Mussie, hij
# is mijn maatje", "met Gebre, zij woont ...")
_CAP_PRONOUN = _Lazy("_CAP_PRONOUN", r"(?<=[a-zà-ÿ][ \t])((?:[A-ZÀ-ÖØ-Þ][^\W\d_'’-]+[ \t]+){0,2}"
                          r"[A-ZÀ-ÖØ-Þ][^\W\d_'’-]+),[ \t]+(?:hij|zij|ze)[ \t]+"
                          r"(?:is|was|heeft|had|woont|woonde|werkt|werkte|komt|kwam|zegt|zei|"
                          r"helpt|hielp|kan|kon|wil|wilde|gaat|ging|doet|deed|zit|zat|spreekt|"
                          r"sprak|belt|belde|kent|kende|maakt|maakte|heet|heette|leert|leerde)\b")
_CAP_PRONOUN_WORDS = frozenset(("hij", "zij", "ze"))
_COMMA_PRONOUN = _Lazy("_COMMA_PRONOUN", r"[a-zà-öø-ÿ],[ \t]+(?:hij|zij|ze)[ \t]")
_PLACE_PREP = frozenset(("uit", "in", "naar", "vanuit", "te", "richting", "rond", "langs", "via",
                         "nabij", "de", "het", "een", "op"))


@lru_cache(maxsize=65536)
def _rare_cap(w):
    """A capitalised word that no Dutch word is, rare in Dutch and English text and in no list
    of places, languages, feasts, brands or nationalities: a name ("Mussie", "Grabowski")."""
    lw = w.lower()
    return len(lw) >= 3 and not _d._is_word(lw) and _d._zipf(lw) < 2.5 and \
        _d._zipf(lw, "en") < 3.0 and lw not in _d._ordinary_words() and \
        not _no_name_word(lw) and lw not in _d._NATIONALITY_NOUNS


_HEET_WORDS = frozenset(("heet", "heette", "heten", "heetten"))
_NAME_WORDS = frozenset(("naam", "achternaam", "voornaam", "roepnaam", "familienaam",
                         "meisjesnaam", "geboortenaam"))


def _named_words(orig, low, ws, lowered):
    out = []
    if not ws.isdisjoint(_HEET_WORDS):
        for m in _HEET_INVERTED.finditer(orig):
            w = m.group(1)
            lw = w.lower()
            if (_first_name_any(w) and _d._zipf(lw) < 5.0 or _rare_cap(w)) and \
                    lw not in _d._known_places():
                out.append((m.start(1), m.end(1), "name"))
        if lowered:
            for m in _HEET_LOWER.finditer(orig):
                w = m.group(1)
                if _d._any_first_name(w) and not _no_name_word(w) and _d._zipf(w) < 5.0 or \
                        _d._name_like(w):
                    out.append((m.start(1), m.end(1), "name"))
    if not ws.isdisjoint(_NAME_WORDS):
        for m in _NAME_WORD.finditer(orig):
            direct = _NAME_IS.match(orig, m.end())
            pos = direct.end() if direct else m.end()
            n = _NEXT_CAP.match(orig, pos, min(len(orig), pos + 80))
            if not n:
                continue
            # (at most one sentence between: "... zeggen. Grabowski.")
            if len(re.findall(r"[.!?]", orig[pos:n.start(1)])) > 1:
                continue
            words = n.group(1).split()
            last = words[-1]
            ll = last.lower()
            # right after "naam is" or "naam:" even a word is the name ("Mijn voornaam is
            # Hoop"), further on one that no word is
            if direct and n.start(1) == pos and ll not in _d._known_places() and \
                    ll not in _d._LANGUAGES and not _months_days(ll) and \
                    ll not in _d._AFTER_SUBJECT or _rare_cap(last) or \
                    ll in _d._deduce_lookup()["surname"] and not _d._is_word(ll):
                out.append((n.start(1), n.end(1), "name"))
    if not ws.isdisjoint(_CAP_PRONOUN_WORDS) and _COMMA_PRONOUN.search(orig):
        for m in _CAP_PRONOUN.finditer(orig):
            if _prev(orig, m.start(1)) in _PLACE_PREP or \
                    _d._in_caps_run(orig, m.start(1), m.end(1)):
                continue
            # (several words: a full name, each a first name, a name no word is or a surname:
            # "naast Mei Ling Chan, ze maakt ...")
            ws_ = m.group(1).split()
            # (a month's name is a given name in a full name: "Mei Ling Chan")
            rest = [w for w in ws_ if not (len(ws_) > 2 and _months_days(w.lower()))]
            if m.group(1).lower() in _d._known_places() or \
                    not all(_cap_name_word(w, len(ws_) > 1) for w in rest):
                continue
            out.append((m.start(1), m.end(1), "name"))
    # a capitalised Dutch word inside a sentence that a person's pronoun takes up after it ("Ik
    # heb Hoop leren kennen, ze heet echt zo", "En Ster zingt solo, ze is ...")
    if not ws.isdisjoint(_WORD_NAME_PRONOUNS) and _MID_CAP.search(orig):
        out += _word_names(orig)
    if not ws.isdisjoint(_WORD_NAME_CUES) and _MID_CAP.search(orig):
        out += _word_name_positions(orig, low, ws)
    return out


def _cap_name_word(w, in_run):
    lw = w.lower()
    if lw in _d._known_places():
        return False
    if _first_name_any(w) and not (_d._is_word(lw) and _d._zipf(lw) >= 4.0) or _rare_cap(w):
        return True
    return in_run and (_first_name_any(w) or lw in _d._deduce_lookup()["surname"] and
                       not _d._is_word(lw))


_WORD_NAME_PRONOUNS = frozenset(("ze", "zij", "hij"))
# (a capital inside a sentence: after a lower-case letter or a comma and a space)
_MID_CAP = _Lazy("_MID_CAP", r"[a-zà-ÿ,][ \t][A-ZÀ-ÖØ-Þ]")
# (after these a time, a cause or an event stands: "Sinds Corona is ze ...")
_TIME_PREP = frozenset(("sinds", "na", "tijdens", "vanwege", "wegens", "ondanks", "door", "vóór",
                        "tot", "vanaf", "rond", "over", "om", "per"))


# a capitalised Dutch word inside a sentence in a person's position: after a verb of speech
# ("zei Hoop"), before what only persons do ("... en toen lachte Ster", "waar Zon zong"), before
# a participle of contact ("heb je Ster nog gesproken?"), after thanks or a greeting ("Bedankt
# Zon!"), beside someone ("naast Ster", "samen met Dauw")
_SPEECH_BEFORE = r"(?:zei|zegt|vroeg|vraagt|riep|roept|antwoordde|fluisterde|belde|appte|mailde)"
_DOES_AFTER = (r"(?:lachte|lacht|zei|zegt|vroeg|vraagt|belde|belt|huilde|huilt|zong|zingt|danste|"
               r"knikte|riep|antwoordde|vertelde|vertelt|appte|schilderde|tekende|kookte)")
_CONTACT_AFTER = (r"(?:gebeld|gesproken|gezien|gevraagd|geappt|gemaild|ontmoet|geholpen|"
                  r"gefeliciteerd|bedankt|opgehaald|uitgenodigd)")
_SPEECH_VERBS = frozenset(re.findall(r"[a-z]+", _SPEECH_BEFORE))
# (after a cue word: the capitalised word; after a verb of speech only before a colon, a comma or
# what a clause goes on with)
_CAP_AFTER_CUE = _Lazy("_CAP_AFTER_CUE", r"[ \t]+(?:(?:met|aan|je[ \t]+wel)[ \t]+)?"
                            r"([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,})"
                            r"(?![ \t]+[A-ZÀ-ÖØ-Þ])(?![\w'’-])")
_CLAUSE_GOES_ON = _Lazy("_CLAUSE_GOES_ON", r"[ \t]*[:,]|[ \t]+(?:dat|tegen|toen|ook|nog|meteen|altijd|later|"
                             r"lachend|zachtjes)\b")
_ADVERBS_BETWEEN = frozenset(("nog", "al", "ook", "even", "gisteren", "vandaag"))
_BEFORE_CUES = frozenset(re.findall(r"[a-z]+", _SPEECH_BEFORE)) | {
    "bedankt", "dankjewel", "dank", "groetjes", "groeten", "naast", "samen"}
_AFTER_CUES = frozenset(re.findall(r"[a-z]+", _DOES_AFTER + _CONTACT_AFTER))
_WORD_NAME_CUES = _BEFORE_CUES | _AFTER_CUES
# (capitalised words that are proper nouns but no person's name: a district's compass point, a
# god)
_NO_PERSON_CAPS = frozenset(("noord", "zuid", "oost", "west", "centrum", "god", "allah", "jezus",
                             "heer", "here", "maria", "kerst", "corona", "covid", "gemeente",
                             "politie", "fysio", "werk", "brandweer", "ambulance", "huisarts",
                             "ziekenhuis", "apotheek", "school", "kerk", "moskee", "bibliotheek",
                             "welzijn", "zorg", "buurtzorg", "wijkteam", "ggz", "ggd", "uwv",
                             "belastingdienst", "woningcorporatie", "verzekering", "bank"))
# (the words a service's or an organisation's name ends in: "Thuiszorg", "Jeugdzorg")
_SERVICE_END = _Lazy("_SERVICE_END", r"(?:zorg|hulp|werk|team|dienst|centrum|huis|praktijk|school|wacht|"
                          r"punt|loket|bureau|bank|groep)$")


def _word_name_positions(orig, low, ws):
    """A capitalised Dutch word in a person's position inside a sentence (see _WORD_NAME_CUES):
    Dutch writes the capital only for a name. No place, feast, language, month, brand, programme,
    role, relation, nationality, service or god; no word of a run of capitals."""
    found = []
    # (each cue word written is looked up where it is written, and the word after or before it)
    for c in ws & _BEFORE_CUES:
        i = low.find(c)
        while i >= 0:
            j = i + len(c)
            if (i == 0 or not low[i - 1].isalpha()) and low[j:j + 1] in (" ", "\t"):
                m = _CAP_AFTER_CUE.match(orig, j)
                if m and (c not in _SPEECH_VERBS or _CLAUSE_GOES_ON.match(orig, m.end(1))) and \
                        (c != "samen" or low.startswith("met", j + 1)) and \
                        (c not in ("groetjes", "groeten") or low.startswith("aan", j + 1)):
                    found.append((m.start(1), m.end(1), False))
            i = low.find(c, j)
    for c in ws & _AFTER_CUES:
        sc = " " + c
        i = low.find(sc) + 1
        while i > 0:
            j = i + len(c)
            if i > 1 and not low[j:j + 1].isalpha():
                # (the word before it, up to two adverbs between: "Heb je Ster nog gesproken")
                k = i - 1
                for _ in range(3):
                    while k > 0 and orig[k - 1] in " \t":
                        k -= 1
                    e = k
                    while k > 0 and orig[k - 1].isalpha():
                        k -= 1
                    if low[k:e] not in _ADVERBS_BETWEEN:
                        break
                if e - k >= 3 and orig[k].isupper() and orig[k + 1:e].islower() and k >= 2 and \
                        orig[k - 1] in " \t" and (orig[k - 2].islower() or orig[k - 2] == ","):
                    found.append((k, e, True))
            i = low.find(sc, j) + 1
    out = []
    for s, e, after in found:
        lw = low[s:e]
        if not _word_name_ok(lw) or _d._sentence_start(orig, s) or _d._in_caps_run(orig, s, e) or \
                after and re.search(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*[ \t]+$", orig[max(0, s - 30):s]) or \
                _prev(orig, s) in _DETERMINERS and not (after and _prev(orig, s) in _PRONOUNS) or \
                _prev(orig, s) in _PLACE_PREP or _d._PROGRAMMES.match(orig, s):
            continue
        out.append((s, e, "name"))
    return out


@lru_cache(maxsize=65536)
def _word_name_ok(lw):
    """Can a capitalised word be a name in a person's position: no place, feast, language, month,
    brand, service, god, role, nationality or inhabitants, no function word?"""
    return not (lw in _NO_PERSON_CAPS or _no_name_word(lw) and not _d._any_first_name(lw) or
                _SERVICE_END.search(lw) or lw in _d._NATIONALITY_NOUNS or _inhabitants(lw) or
                _role_noun(lw) or lw in _d._deduce_lookup()["residence"] or _d._zipf(lw) >= 6.0)


def _word_names(orig):
    """A capitalised Dutch word inside a sentence, alone (no capital before or after it), after
    no article, possessive or preposition of place or time, that a person's pronoun later in the
    sentence takes up: Dutch writes such a capital only for a name. No place, feast, language,
    month, brand, programme, role or relation."""
    out = []
    for c in _MID_CAP.finditer(orig):
        m = _CAP_WORD_AT.match(orig, c.end() - 1)
        if not m or not _pronoun_word_ok(m.group(1).lower()):
            continue
        s = m.start(1)
        # (the pronoun later in the sentence, and no other capital between)
        rest = _SENTENCE_REST.match(orig, m.end(1)).group(0)
        p = _PRONOUN_IN.search(rest)
        before = _prev(orig, s)
        if not p or _CAP_IN.search(rest, 0, p.start()) or _d._sentence_start(orig, s) or \
                before in _PLACE_PREP or before in _DETERMINERS or before in _TIME_PREP or \
                before in _ACTIVITY_BEFORE or _d._PROGRAMMES.match(orig, s):
            continue
        out.append((s, m.end(1), "name"))
    return out


_CAP_WORD_AT = _Lazy("_CAP_WORD_AT", r"([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,})(?=[ \t]+[a-zà-öø-ÿ]|,)")
_SENTENCE_REST = _Lazy("_SENTENCE_REST", r"[^.!?\n]{0,66}")
# (the pronoun as the subject of the next clause: after a comma or a conjunction)
_PRONOUN_IN = _Lazy("_PRONOUN_IN", r"(?:,|\b(?:en|want|maar|omdat|dus|toen|als))[ \t]+(?:ze|zij|hij)\b")
_CAP_IN = _Lazy("_CAP_IN", r"\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+\b")


# (before an activity or a subject, not a person: "we doen Yoga", "les in Dans")
_ACTIVITY_BEFORE = frozenset(("doen", "doe", "doet", "deed", "deden", "les", "lessen", "aan",
                              "over", "spelen", "speel", "speelt", "maken", "maak", "maakt",
                              "leren", "leer", "leert", "volg", "volgt", "volgen", "vak"))


@lru_cache(maxsize=65536)
def _pronoun_word_ok(lw):
    """A Dutch word that can be a name taken up by a pronoun: no place, language, feast, ...,
    no subject or activity taught ("Dans", "Muziek"), no infinitive or plural ("Schilderen")."""
    if lw in _d._SUBJECTS or lw.endswith("en") and not _d._any_first_name(lw):
        return False
    return _d._is_word(lw) and not (_no_name_word(lw) and not _d._any_first_name(lw)) and \
        lw not in _d._NATIONALITY_NOUNS and not _inhabitants(lw) and _d._zipf(lw) < 6.0 and \
        not (lw in _d._ordinary_words() and _d._zipf(lw) >= 5.8)


# dates said in words: a day of this, the last or the next month ("de 3e van deze maand", "de
# eenentwintigste van vorige maand"), a day by its ordinal and a month ("3e juni", "derde
# juni"), a month of this, the last or the next year ("juni vorig jaar")
_ORDINAL = (r"(?:\d{1,2}(?:e|ste|de)|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|"
            r"negende|tiende|elfde|twaalfde|dertiende|veertiende|vijftiende|zestiende|zeventiende|"
            r"achttiende|negentiende|twintigste|(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)"
            r"(?:en|ën)twintigste|dertigste|eenendertigste)")
_MONTH_NAMES = (r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                r"november|december)")
_DATE_WORDS = _Lazy("_DATE_WORDS", 
    rf"(?i:\b{_ORDINAL}[ \t]+van[ \t]+(?:deze|vorige|volgende|die|afgelopen|komende)[ \t]+maand\b"
    rf"|\b{_ORDINAL}[ \t]+{_MONTH_NAMES}\b(?:[ \t]+(?:19|20)\d\d\b)?"
    rf"|\b{_MONTH_NAMES}[ \t]+(?:vorig|verleden|dit|volgend|afgelopen|komend)[ \t]+jaar\b"
    rf"|\b(?:vorig|verleden|dit|volgend|afgelopen|komend)[ \t]+jaar[ \t]+(?:in[ \t]+)?"
    rf"{_MONTH_NAMES}\b)")
# (where a person's event is told: a day of the month alone after a preposition, before the end
# of a clause or a verb, "ik ben op de 9e jarig"; a feast's day, "op tweede kerstdag geboren")
_DAY_ALONE = _Lazy("_DAY_ALONE", 
    r"(?i:\b(?:op|vanaf|tot|sinds|voor|na|rond|maandag|dinsdag|woensdag|donderdag|vrijdag|"
    r"zaterdag|zondag)[ \t]+de[ \t]+(\d{1,2}(?:e|ste|de))"
    r"(?=[ \t]*(?:[.,;:!?)]|$|[ \t](?:is|was|jarig|geboren|overleden|gestorven|getrouwd|"
    r"begraven|om|al|ben|word|wordt|werd)\b))"
    r"|\b((?:eerste|tweede)[ \t]+(?:kerst|paas|pinkster)dag|kerstavond|oudejaarsdag|"
    r"oudjaarsdag|nieuwjaarsdag|koningsdag|valentijnsdag|sinterklaasavond|pakjesavond)\b)")
# (the events of a person's life that a day alone or a feast's day dates)
_LIFE_EVENTS = frozenset(("jarig", "geboren", "overleden", "gestorven", "overleed", "stierf",
                          "getrouwd", "trouwde", "begraven", "bevallen", "verjaardag"))
_ORDINAL_WORDS = frozenset((
    "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
    "tiende", "elfde", "twaalfde", "dertiende", "veertiende", "vijftiende", "zestiende",
    "zeventiende", "achttiende", "negentiende", "twintigste", "dertigste", "eenendertigste",
    *(u + j + "twintigste" for u in ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht",
                                     "negen") for j in ("en", "ën"))))
_DIGIT_ORDINAL = _Lazy("_DIGIT_ORDINAL", r"\d(?:e|ste|de)\b")
_WEEKDAY_WORDS = frozenset(("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
                            "zondag"))
_DATE_GATE = frozenset(("maand", "januari", "februari", "maart", "april", "mei", "juni", "juli",
                        "augustus", "september", "oktober", "november", "december"))
# (a month of a year said in words is a person's date where a person's event is told)
_EVENT_WORDS = frozenset((
    "sinds", "overleden", "overleed", "overlijden", "gestorven", "stierf", "geboren", "jarig",
    "verjaardag", "getrouwd", "trouwde", "gescheiden", "scheiding", "verhuisd", "verhuisde",
    "opgenomen", "ontslagen", "geopereerd", "operatie", "diagnose", "weduwe", "weduwnaar",
    "begraven", "begrafenis", "bevallen", "ongeluk", "gevallen", "ziekenhuis", "herseninfarct",
    "hartaanval", "beroerte", "ziek", "aangekomen", "gevlucht", "ontslag", "pensioen"))


def _date_words(low, ws):
    out = []
    if not ws.isdisjoint(_LIFE_EVENTS) or not ws.isdisjoint(_WEEKDAY_WORDS):
        out += [(m.start(m.lastindex), m.end(m.lastindex), "date")
                for m in _DAY_ALONE.finditer(low)
                if m.lastindex == 1 or not ws.isdisjoint(_LIFE_EVENTS)]
    if ws.isdisjoint(_DATE_GATE):
        return out
    for m in _DATE_WORDS.finditer(low):
        if "jaar" in m.group(0) and ws.isdisjoint(_EVENT_WORDS):
            continue
        out.append((m.start(), m.end(), "date"))
    return out


# a person as the subject of what only persons do ("tsegereda is ziek vandaag", "Dawit is mijn
# maatje", "Oyelaran zei dat ...")
_PERSON_DOES_WORDS = frozenset((
    "zei", "zegt", "vertelde", "vertelt", "vroeg", "vraagt", "belde", "belt", "appte", "appt",
    "lachte", "lacht", "huilde", "huilt", "zong", "zingt", "tekende", "tekent", "schilderde",
    "schildert", "woont", "woonde", "kookte", "kookt", "danste", "danst", "werkt", "werkte",
    "heet", "heette"))
# (after "is" or "was": a state of a person, or a possessive and a noun)
_IS_STATE = _Lazy("_IS_STATE", r"[ \t]+(?:ziek|jarig|overleden|geboren|bevallen|verhuisd|getrouwd|"
                       r"gescheiden|"
                       r"opgenomen|zwanger|(?:mijn|m'n|mn|onze|ons|haar|zijn|z'n|jouw|je)[ \t]+"
                       r"([^\W\d_]+))\b")
_IS_WAS = frozenset(("is", "was"))
# ("is" and "was" only before a state of a person or a possessive and a person's noun: a relation,
# a role or one of these)
_IS_WHAT = frozenset(("ziek", "jarig", "overleden", "geboren", "bevallen", "verhuisd", "getrouwd",
                      "gescheiden", "opgenomen", "zwanger"))
_PERSON_NOUNS = frozenset(("maatje", "vriendje", "buddy", "mentor", "taalmaatje", "collega",
                           "vriendinnetje"))


def _subjects(orig, low, verbs, lowered):
    """A word no list holds and no word is, rare in text, as the subject of what only persons
    do: in a chat in lower case, or capitalised (``_rare_cap``) anywhere."""
    out = []
    for v in verbs:
        # (the verb after a space: "is" is found inside many words)
        sv = " " + v
        i = low.find(sv) + 1
        while i > 0:
            j = i + len(v)
            if i > 1 and not low[j:j + 1].isalpha():
                m = _IS_STATE.match(orig, j) if v in ("is", "was") else True
                noun = m.group(1).lower() if m is not True and m and m.group(1) else ""
                # ("is mijn ...": a relation or a person's noun after it)
                if m and (not noun or noun in _d._RELATIONS or noun in _d._SPEAKER_ROLES or
                          noun in _PERSON_NOUNS or _PERSON_NOUN_END.search(noun)):
                    out += _subject_before(orig, i - 1, lowered)
            i = low.find(sv, j) + 1
    return out


def _subject_before(orig, k, lowered):
    while k > 0 and orig[k - 1] in " \t":
        k -= 1
    e = k
    while k > 0 and (orig[k - 1].isalpha() or orig[k - 1] in "'’-"):
        k -= 1
    w = orig[k:e]
    if len(w) < 4 or not w[:1].isalpha() or _d._any_first_name(w.lower()) or \
            _prev(orig, k) in _THING_BEFORE:
        return []
    if w.islower():
        if lowered and _d._name_like(w) and not _noun_tail(w) and not _d._ROLE_END.search(w):
            return [(k, e, "name")]
    elif w[:1].isupper() and not w.isupper() and _rare_cap(w) and \
            w.lower() not in _d._known_places() and not _noun_tail(w.lower()):
        return [(k, e, "name")]
    return []


# a street in lower case where one lives ("ik woon op de burgemeester de vlugtlaan", "adres is
# de kastanjelaan"): a word of a street's shape that is no common Dutch word, with the titles,
# particles and names before it
_LOWER_STREET = _Lazy("_LOWER_STREET", 
    r"(?:\b(?:woon|woont|wonen|woonde|woonden|verhuisd|verhuisde|verhuizen|adres)\b"
    r"[^.!?\n]{0,15}?\b(?:op|aan|in|naar)|\badres[ \t]+is)[ \t]+(?:de|het|'t)[ \t]+"
    r"((?:[a-zà-ÿ.]+[ \t]+){0,3}[a-zà-ÿ-]+(?:straat|laan|weg|plein|kade|gracht|singel|dreef|"
    r"hof|pad|"
    r"steeg|plantsoen|markt|dijk|wal|allee|erf|promenade|boulevard|straatweg))\b")
_LOWER_STREET_SHAPE = _Lazy("_LOWER_STREET_SHAPE", r"(?<![\w-])[a-zà-ÿ][a-zà-ÿ-]*(?:straat|laan|weg|plein|kade|"
                                 r"gracht|"
                                 r"singel|dreef|hof|pad|steeg|plantsoen|markt|dijk|wal|allee|erf|"
                                 r"promenade|boulevard)\b")
_LOWER_STREET_WORDS = frozenset(("woon", "woont", "wonen", "woonde", "woonden", "verhuisd",
                                 "verhuisde", "verhuizen", "adres"))


def _lower_streets(orig):
    out = []
    for m in _LOWER_STREET.finditer(orig):
        words = m.group(1).split()
        street = words[-1]
        if _d._is_word(street) and _d._zipf(street) >= 3.0:
            continue
        # (the words before it: a title, a particle, a first name, a name no word is)
        start = m.end(1) - len(street)
        for w in reversed(words[:-1]):
            lw = w.rstrip(".")
            if lw in _STREET_TITLES or lw in _HEAD_PARTICLES or _d._any_first_name(lw) or \
                    _d._name_like(lw):
                start = orig.rfind(w, m.start(1), start)
            else:
                break
        out.append((start, m.end(1), "address"))
    return out


# the words each rule of the eighth round needs, as a bit of a mask: a text's words are looked up
# once (one set intersection, then a dictionary per word written), and a rule runs only where one
# of its words is written
_R_OBJ, _R_SUBJ, _R_NAMED, _R_STREET, _R_DATE = 1, 2, 4, 8, 16
_RULE_WORDS = (
    (_R_OBJ, _PERSON_VERBS | _PERSON_BEFORE_WORDS),
    (_R_SUBJ, _PERSON_DOES_WORDS | {"is", "was"}),
    (_R_NAMED, _HEET_WORDS | _NAME_WORDS | _CAP_PRONOUN_WORDS | _WORD_NAME_PRONOUNS |
     _WORD_NAME_CUES),
    (_R_STREET, _LOWER_STREET_WORDS),
    (_R_DATE, _DATE_GATE | _LIFE_EVENTS | _WEEKDAY_WORDS))
_CUE_MASK = {}
for _bit, _words in _RULE_WORDS:
    for _w in _words:
        _CUE_MASK[_w] = _CUE_MASK.get(_w, 0) | _bit
_CUES = frozenset(_CUE_MASK)


def _eighth_round(low, orig, ws, lowered):
    """Spans of the eighth round's rules (see the module docstring)."""
    out = []
    # (a text of turns' speakers are added by keep, after the sixth round's keep of labels)
    if ":" in orig and (orig[:1].islower() or "\n" in orig or not orig[:1].isalpha()):
        out += _lower_speakers(orig)
    hit = ws & _CUES
    if not hit:
        return out
    mask = 0
    for w in hit:
        mask |= _CUE_MASK[w]
    # (in a chat: the person a verb or a preposition takes)
    if mask & _R_OBJ and lowered:
        out += _person_objects(orig, hit)
    # ("is" and "was" only before a state of a person or a person's noun)
    if mask & _R_SUBJ:
        verbs = hit & _PERSON_DOES_WORDS
        if ("is" in hit or "was" in hit) and (
                not ws.isdisjoint(_IS_WHAT) or not ws.isdisjoint(_PERSON_NOUNS) or
                not ws.isdisjoint(_d._RELATIONS) or not ws.isdisjoint(_d._SPEAKER_ROLES)):
            verbs |= hit & _IS_WAS
        if verbs:
            out += _subjects(orig, low, verbs, lowered)
    if mask & _R_NAMED:
        out += _named_words(orig, low, hit, lowered)
    if mask & _R_STREET and (" de " in orig or " het " in orig or "'t" in orig) and \
            _LOWER_STREET_SHAPE.search(orig):
        out += _lower_streets(orig)
    # (a month's day needs an ordinal and "maand" or a month; a month of a year "jaar")
    if mask & _R_DATE and (
            not hit.isdisjoint(_DATE_GATE) and ("maand" in ws or "jaar" in ws or
                                                not ws.isdisjoint(_ORDINAL_WORDS) or
                                                _DIGIT_ORDINAL.search(low)) or
            not hit.isdisjoint(_LIFE_EVENTS) and (_DIGIT_ORDINAL.search(low) or "dag" in low or
                                                  "avond" in low) or
            not hit.isdisjoint(_WEEKDAY_WORDS) and _DIGIT_ORDINAL.search(low)):
        out += _date_words(low, ws)
    return out


# --- what the eighth round keeps, and a street's head ---------------------------------------

# the words a street's name starts with before a name ("Generaal Winkelmanstraat", "Burgemeester
# de Withstraat", "Prins Hendrikkade"): taken with the street where written with a capital
_STREET_TITLES = frozenset((
    "generaal", "burgemeester", "dokter", "doctor", "dr", "prins", "prinses", "koning", "koningin",
    "van", "president", "graaf", "gravin", "hertog", "hertogin", "admiraal", "kolonel", "kapitein",
    "professor", "prof", "pastoor", "pater", "minister", "jonkheer", "sint", "st", "mr", "meester",
    "schout", "bisschop", "kardinaal", "paus", "keizer", "ridder", "baron", "luitenant", "majoor",
    "wethouder", "dominee", "kanunnik", "abt", "markies", "vorst", "heer", "vrouwe"))
_STREET_SHAPE = _Lazy("_STREET_SHAPE", r"[^\W\d_]{2,}(?:straat|laan|weg|plein|kade|gracht|singel|dreef|hof|pad|"
                           r"steeg|plantsoen|markt|dijk|wal|boulevard|park|haven|allee|erf|"
                           r"promenade|dwarsstraat|straatweg|kwartier|brug|bolwerk)\b")
_STREET_HEAD = _Lazy("_STREET_HEAD", r"(?:(?:[A-ZÀ-ÖØ-Þ][^\W\d_'’]*\.?|à|a|de|van|der|den|ten|ter|la|"
                          r"le|"
                          r"'t|’t|\d{1,2}(?:e|ste|de))[ \t]+){1,4}$")
_HEAD_PARTICLES = frozenset(("à", "a", "de", "van", "der", "den", "ten", "ter", "la", "le", "'t",
                             "’t"))


def _street_head(orig, s):
    """Where a street's name starts that a rule found from its last word: the capitalised
    words and particles before it inside a sentence, a title or a first name at a sentence's
    start ("vlakbij de Generaal Winkelmanstraat", "Thomas à Kempisplantsoen")."""
    m = _STREET_HEAD.search(orig, max(0, s - 60), s)
    if not m:
        return s
    toks = list(re.finditer(r"\S+", orig[m.start():s]))
    start = s
    for t in reversed(toks):
        w = t.group(0)
        ts = m.start() + t.start()
        lw = w.lower().rstrip(".")
        if lw in _HEAD_PARTICLES and not w[:1].isupper():
            start = ts
            continue
        if _d._sentence_start(orig, ts) or _d._in_caps_run(orig, ts, ts + len(w)):
            # (an article starts a sentence, no street's name: "De Kerstmarkt was ...")
            if lw not in _HEAD_PARTICLES and lw not in _DETERMINERS and \
                    (lw in _STREET_TITLES or _first_name_any(w.rstrip("."))):
                start = ts
            break
        start = ts
    # (a particle starts no street's name: "de Generaal ..." starts at "Generaal")
    while start < s:
        t = re.match(r"(\S+)[ \t]+", orig[start:s])
        if t and t.group(1).lower() in _HEAD_PARTICLES and \
                (t.group(1).islower() or _d._sentence_start(orig, start)):
            start += t.end()
        else:
            break
    return start


# greetings of the regions, no names ("Houdoe!", "Ajuus", "Moi")
_REGIONAL_GREETINGS = frozenset(("houdoe", "hoedoe", "ajuus", "ajuu", "aju", "adieu", "tabé",
                                 "tabee", "moi", "moin", "mojn", "goeiendag", "goeiedag",
                                 "hendig", "salut", "houdoe-hè", "doeg", "dag"))
_REGIONAL_GREETINGS_CASED = frozenset(g for w in _REGIONAL_GREETINGS
                                      for g in (w, w.capitalize(), w.upper()))
# a capitalised word that makes a public figure of the name after it ("Vader Abraham", "Moeder
# Teresa", "Koning Willem-Alexander", "Paus Franciscus")
_EPITHETS = frozenset(("vader", "moeder", "pater", "broeder", "koning", "koningin", "prins",
                       "prinses", "paus", "keizer", "keizerin", "sint", "profeet", "heilige",
                       "tsaar", "sultan", "kalief", "farao"))
# (these also a person's relation or a speaker's role where a sentence starts: "Vader Ahmed")
_EPITHETS_INSIDE = frozenset(("vader", "moeder", "pater", "broeder"))
# the nouns of a role or a trade before a name ("Wijkverpleegkundige Claudette ...")
_ROLE_NOUN = _Lazy("_ROLE_NOUN", r"(?:kundige|arts|therapeut|therapeute|coach|coördinator|coordinator|"
                        r"docent|docente|begeleider|begeleidster|medewerker|medewerkster|"
                        r"ondersteuner|ondersteunster|adviseur|consulent|consulente|werker|"
                        r"werkster|verzorgende|verzorger|verzorgster|verpleger|verpleegster|"
                        r"assistent|assistente|manager|directeur|directrice|leider|leidster|"
                        r"voorzitter|secretaris|penningmeester|vrijwilliger|vrijwilligster|"
                        r"stagiair|stagiaire|kunstenaar|kunstenares|fotograaf|dirigent|"
                        r"wethouder|ambtenaar|pastor|predikant|agent|agente|specialist|"
                        r"psycholoog|fysiotherapeut|diëtist|diëtiste|apotheker|tolk|mentor|"
                        r"buurtcoach|makelaar|regisseur|trainer|trainster|juf|meester)$")
_INHABITANT_END = _Lazy("_INHABITANT_END", r"(?:ianen|anen|iërs|eërs|ezen|ers|ers|ner|iër|eër)$")


@lru_cache(maxsize=4096)
def _inhabitants(lw):
    """A noun for the people of a country or a town ("Kaapverdianen", "Eritreeërs",
    "Tilburgers"): a listed nationality noun or its plural, or an inhabitants' ending after the
    start of a country's name or after a town's name."""
    nouns = _d._NATIONALITY_NOUNS
    if lw in nouns or lw[:-1] in nouns or lw[:-2] in nouns or \
            lw.endswith("anen") and lw[:-4] + "aan" in nouns or \
            lw.endswith("ezen") and lw[:-4] + "ees" in nouns:
        return True
    if _d._any_first_name(lw) or lw in _d._deduce_lookup()["surname"]:
        return False
    m = _INHABITANT_END.search(lw)
    if not m:
        return False
    stem = lw[:m.start()]
    if m.group(0) in ("ers", "ner"):
        # a town's or a country's name before it ("Tilburgers", "Rotterdammers", "Surinamers")
        cands = {stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem,
                 stem + "e"}
        return any(c in _d._known_places() or c in _d._WELL_KNOWN for c in cands)
    return len(stem) >= 4 and any(c.startswith(stem) for c in _country_names())


@lru_cache(maxsize=1)
def _country_names():
    return tuple(c for c in _d._countries() | set(_d._WELL_KNOWN) if " " not in c)


@lru_cache(maxsize=4096)
def _role_noun(lw):
    """A Dutch noun of a role or a trade, no first name ("wijkverpleegkundige",
    "praktijkondersteuner": a role's ending after a Dutch word, or a Dutch compound)."""
    m = _ROLE_NOUN.search(lw)
    if not m or _d._any_first_name(lw):
        return False
    head = lw[:m.start()].rstrip("s")
    return not head or _d._is_word(lw) or _dutch_compound(lw) or \
        len(head) >= 3 and (_d._is_word(head) or _dutch_compound(head))


def _keep_eighth(orig, s, e, k, piece):
    """The eighth round's keep of one span: its new (start, end, kind), or None where it
    stays."""
    # (fast paths: what each test needs is looked at first)
    j = s - 1
    spaced = j > 0 and orig[j] == " "
    if k == "address":
        # (a street's head needs a capital, a particle or an ordinal right before it)
        if spaced and piece[:1].isupper() and _STREET_SHAPE.search(piece):
            i = orig.rfind(" ", 0, j) + 1
            if orig[i:i + 1].isupper() or orig[i:i + 1].isdigit() or orig[i:j] in _HEAD_PARTICLES:
                return _street_head(orig, s), e, k
        return s, e, k
    if k != "name":
        return s, e, k
    one = " " not in piece
    # "Houdoe!": a greeting of a region; "Kaapverdianen": the people of a country
    # (unless the text says it is one's name: "Mijn zoon heet Dag – ja, Dag")
    if one and (piece in _REGIONAL_GREETINGS_CASED and not re.search(
            r"\b(?:heet|heette|heten)[ \t]+(?:(?:echt|gewoon|ook)[ \t]+)?" + re.escape(piece) +
            r"\b", orig) or piece[:1].isupper() and _inhabitants(piece.lower())):
        return None
    # "Van Vader Abraham": a public figure's epithet before the name (the word right before)
    if spaced:
        i = orig.rfind(" ", 0, j) + 1
        # (not a person's own: "mijn Vader Ahmed")
        if orig[i:i + 1].isupper() and orig[i:j].lower() in _EPITHETS and \
                _prev(orig, i) not in _DETERMINERS and (
                orig[i:j].lower() not in _EPITHETS_INSIDE or not _d._sentence_start(orig, i)):
            return None
    if one:
        return s, e, k
    first = piece.split()[0]
    if first.lower() in _EPITHETS and first[:1].isupper() and \
            _prev(orig, s) not in _DETERMINERS and (
            first.lower() not in _EPITHETS_INSIDE or not _d._sentence_start(orig, s)):
        return None
    # "Wijkverpleegkundige Claudette Croes-Maduro": the role before the name stays
    if first and first[:1].isupper() and _role_noun(first.lower()):
        s += len(first) + len(piece[len(first):]) - len(piece[len(first):].lstrip())
        return s, e, k
    # "Intakeformulier Kunst op Recept": a programme's name starts inside, and the word before it
    # is a Dutch compound first in a heading
    if first and ("ecept" in orig or "In Beeld" in orig):
        for w in re.finditer(r"\S+", piece):
            if w.start() and _d._PROGRAMMES.match(orig, s + w.start()):
                head = piece[:w.start()].strip()
                if " " not in head and s == len(orig) - len(orig.lstrip()) and \
                        _dutch_compound(head.lower()) and not _d._any_first_name(head.lower()):
                    return None
                return s, s + len(piece[:w.start()].rstrip()), k
    return s, e, k


_d.register_rules(sys.modules[__name__])


# ---------------------------------------------------------------------------------------------
# Ninth round: the person a chat's turn, a wish, a greeting, a kin term or a call gives, in any
# case and whatever word the name is; the words around a street and a name that stay
# ---------------------------------------------------------------------------------------------

_L = r"[^\W\d_][^\W\d_'’-]*"
_TIME = _d._Lazy("_TIME", r"\d:\d\d")
_DATE_IN = _d._Lazy("_DATE_IN", r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
# a chat export's sender: after the time or the date of the message ("[19:04] dauw: ...",
# "19:04 - dauw: ...", "06-12-2026 19:04 - Dauw: ...", "[06-12-26, 19:04:11] dauw: ...") or
# before its time ("dauw, [19:04]: ..."); one or two words
_EXPORT_LABEL = _d._Lazy(
    "_EXPORT_LABEL",
    r"(?:^|(?<=\n))[ \t]*(?:\[[\d/.,: -]*\d:\d\d(?::\d\d)?[ \t]*(?:[AaPp][Mm])?\][ \t]*(?:-[ \t]*)?|"
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4},?[ \t]+)?\d{1,2}:\d\d(?::\d\d)?[ \t]*(?:-[ \t]*|[ \t]))"
    r"(" + _L + r"(?:[ \t]" + _L + r")?)[ \t]*:(?=[ \t]|$)"
    r"|(?:^|(?<=\n))[ \t]*(" + _L + r"(?:[ \t]" + _L + r")?),?[ \t]*[\[(][\d/.,: -]*\d:\d\d[\])]"
    r"[ \t]*(?::|(?=\n))")
# a wish or a greeting and the person it is for ("sterkte zbyszek!", "beterschap gosia",
# "hoi mirthe,", "dag Dag!"), the person before "de groeten" ("doe gosia de groeten") or after
# "groeten aan" ("de groetjes aan wai man")
_WISH_WORDS = ("sterkte", "beterschap", "succes", "gefeliciteerd", "proficiat", "welkom",
               "hoi", "hallo", "hey", "hi", "hai", "dag", "doei", "liefs", "groetjes", "kusjes",
               "knuffel", "xx", "xxx", "bedankt", "dankjewel", "dankjes", "thanks", "welterusten")
_WISH_TAIL = _d._Lazy(
    "_WISH_TAIL",
    r"[ \t]*,?[ \t]+(?:(?:voor|aan)[ \t]+)?(" + _L + r")(?=[ \t]*(?:[!,.?:;)]|\n|$|[ \t]+en[ \t]))")
# a signature after a closing at a line's end, whatever word ("Liefs, Dauw", "xx storm",
# "Groet, Ster"; not "Groet, het team", "liefs, mama")
_SIGNED = _d._Lazy(
    "_SIGNED",
    r"(?:^|(?<=[\s.!?]))(?i:liefs|groet(?:en|jes)?|gr|grtjs|xx+|kusjes|kus|doei|mvg|vg|"
    r"knuffel(?:s)?)[ \t]*[,!]?[ \t\n]+(" + _L + r")(?:[ \t]+(" + _L + r"))?[ \t]*[!.]*[ \t]*(?=\n|$)")
_GREET_TO = _d._Lazy(
    "_GREET_TO",
    r"\b(?i:doe|doet|deed)[ \t]+((?:" + _L + r"[ \t]+){1,2}?)(?:(?i:ook|nog|even|ff|wel|maar)"
    r"[ \t]+)*(?i:de|veel|m'n|mijn)[ \t]+(?i:groet(?:en|jes)|groetjes)\b"
    r"|\b(?i:groet(?:en|jes)|liefs|kusjes|knuffels?)[ \t]+(?i:aan|voor)[ \t]+(" + _L +
    r"(?:[ \t]+" + _L + r")?)(?=[ \t]*(?:[!,.?:;)]|\n|$))")
# a message's sender at its start ("van lief: ...", "Van oma Roos: ...") or end ("... liefs van
# lief")
_FROM_START = _d._Lazy("_FROM_START", r"[ \t]*(?i:van)[ \t]+(" + _L + r")[ \t]*:[ \t]")
_FROM_END = _d._Lazy("_FROM_END", r"[ \t]+(?i:van)[ \t]+(" + _L + r")[ \t!.]*$")
_CLOSINGS = frozenset(("liefs", "groeten", "groetjes", "kus", "kusjes", "xx", "xxx"))
# a kin term or a title before a lower-case name ("tante roosje zegt", "juf marloes", "opa
# hein")
_KIN_WORDS = frozenset(("meneer", "mevrouw", "dokter", "dominee", "broeder", "tante", "oom", "opa", "oma", "juf", "meester", "neef", "nicht", "zus",
                        "zusje", "broer", "broertje", "buurvrouw", "buurman", "zuster", "vriendin",
                        "vriend", "opoe", "omi", "opi", "tantetje", "ome", "tante's", "moeder",
                        "vader", "dochter", "zoon", "kleindochter", "kleinzoon", "schoonzus",
                        "zwager", "schoonmoeder", "schoonvader", "nichtje", "neefje"))
_KIN_TAIL = _d._Lazy("_KIN_TAIL", r"[ \t]+([a-zà-öø-ÿ][a-zà-öø-ÿ'’-]{2,})(?![\w'’-])")
# a name called in reported speech or first in a turn, then what is asked of them ("Hij zei:
# Wagiman, je moet ...", "Ze riep: Sekar, kom eens")
# (the word before a comma is looked at where a comma is written, then what follows it)
_CALLED_BEFORE = _d._Lazy(
    "_CALLED_BEFORE",
    r"(?:^|(?<=[:.!?\n]))[ \t]*[\"'‘“]?([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)$")
_CALLED_AFTER = _d._Lazy(
    "_CALLED_AFTER",
    r",[ \t]+(?:[^\W\d_]+[ \t]+){0,2}?(?i:jij|je|u|jullie|kom|ga|doe|wil|kun|moet|heb)\b")
# "met wai man hier": who speaks on the telephone or in a voice message ("met X (hier)", "je
# spreekt met X")
_WITH_HERE = _d._Lazy(
    "_WITH_HERE",
    r"(?:^|(?<=[\s,.!?:]))(?i:met)[ \t]+(" + _L + r"(?:[ \t]+" + _L + r"){0,2}?)[ \t]+(?i:hier)\b")
# a caption's credit after a dash: a name before a comma and the maker's school, age or place
# ("– Djaniny, basisschool Het Galjoen", "- Mees, 9 jaar")
_CREDIT = _d._Lazy(
    "_CREDIT",
    r"[-–—][ \t]*([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)"
    r"(?:[ \t]+([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+))?(?:[ \t]+(?:jr|sr|junior|senior)\.?)?[ \t]*,[ \t]*(?=\S)")
# a person's noun or a pronoun before "heet" and a capital: the name, whatever word
# ("Mijn achterkleinzoon heet Dag", "Ik heet Zon")
_HEET_CAP = _d._Lazy(
    "_HEET_CAP",
    r"\b([^\W\d_]+)[ \t]+(?:heet|heette|heten)[ \t]+(?:(?:echt|gewoon|ook)[ \t]+)?"
    r"([A-ZÀ-ÖØ-Þ][^\W\d_'’-]+)(?![\w'’-])")
_HEET_SUBJECTS = frozenset(("ik", "hij", "zij", "ze", "jij", "je", "u", "baby", "kind", "kindje",
                            "jongen", "meisje", "baas", "kleinkind", "vrouw", "man"))
_PERSON_ROOTS = ("zoon", "dochter", "kind", "broer", "zus", "moeder", "vader", "oma", "opa",
                 "tante", "oom", "neef", "nicht", "buurman", "buurvrouw", "vriend", "vriendin",
                 "man", "vrouw", "juf", "meester", "docent", "collega", "maatje", "kleinzoon",
                 "baby", "partner")
_SIGN_WORDS = frozenset(("liefs", "groeten", "groetjes", "xx", "xxx", "kusjes", "doei",
                         "knuffel"))
_NINTH_GATE = frozenset(_WISH_WORDS) | _KIN_WORDS | _SIGN_WORDS | {
    "gr", "mvg", "vg", "grtjs", "groet", "kus", "knuffels",
    "groeten", "groetjes", "van", "hier", "heet", "heette", "heten"}
_NOT_A_PERSON = frozenset(("ermee", "morgen", "vandaag", "vanavond", "straks", "allemaal",
                           "allen", "iedereen", "daar", "hier", "thuis", "terug", "jongens",
                           "meiden", "toch", "hoor", "dan", "weer", "nog", "ook", "even", "maar",
                           "nou", "zeg", "ja", "nee", "harte", "toepassing", "belang", "tevoren",
                           "mij", "jou", "hem", "haar", "ons", "jullie", "hun", "ze", "zij",
                           "wie", "wat", "iemand", "niemand", "alle", "alles", "buiten", "binnen",
                           "vrijdag", "zondag", "team", "groep", "klas", "dames", "heren",
                           "mensen", "lieverd", "lieverds", "schat", "kanjer", "toppers", "top",
                           "daarmee", "hiermee", "voor", "met", "aan", "bij", "in", "op", "om",
                           "met", "de", "het", "een", "en", "of", "zelf", "gewoon", "echt",
                           "weekend", "week", "allebei", "beiden", "schatje", "mama", "papa",
                           "mam", "pap", "ma", "pa", "mamma", "pappa", "mams", "paps", "opa",
                           "oma", "broertje", "zusje", "baby", "moeke", "moe", "mem", "heit",
                           "pake", "beppe", "opoe", "opi", "omi", "vadder", "mams", "mammie",
                           "pappie", "alvast", "gerust", "vast", "zeker", "vooral", "graag",
                           "hartelijk", "alsjeblieft", "alstublieft", "svp", "nogmaals", "namens",
                           "snel", "later", "gauw", "altijd", "nooit", "meteen", "direct"))


def _name_rest(words):
    """The words after a name's first word that are part of it ("wai man", "mei ling"): no
    article, pronoun, adverb or preposition."""
    return not any(w.group(0).lower() in _NOT_A_PERSON or w.group(0).lower() in _DETERMINERS or
                   w.group(0).lower() in _d._AFTER_SUBJECT or
                   w.group(0).lower() in _d._PARTICLE_WORDS for w in words)


@lru_cache(maxsize=65536)
def _plain_no_person(lw):
    """A word that stands where a person can but is no person: a pronoun, an article, an adverb,
    a group, a role, a relation, a title, a day, a place, a language, a feast."""
    return lw in _NOT_A_PERSON or lw in _DETERMINERS or lw in _GROUP_WORDS or \
        lw in _d._SPEAKER_ROLES or lw in _d._RELATIONS or lw in _d._TITLE_WORDS or \
        lw in _d._AFTER_SUBJECT or lw in _d._PARTICLE_WORDS or lw in _d._FORM_LABELS or \
        lw in _KIN_WORDS or _months_days(lw) or _no_name_word(lw) or \
        bool(_d._ROLE_END.search(lw))


def _export_speakers(orig):
    """A chat export's sender (after or before the message's time): a name, whatever word it
    is, unless a role, a relation, a pronoun, a form's or a note's label."""
    out = []
    found = list(_EXPORT_LABEL.finditer(orig))
    # (a time in brackets or after a date is a chat export's; a bare time may be an agenda's
    # "12:30 Lunch: soep": there a word is a sender only in a text of several such turns, one
    # of them a first name or a word no Dutch word is)
    several = len(found) >= 2 and any(
        _person_word(w) for m in found for w in (m.group(1) or m.group(2)).split())
    for m in found:
        g = 1 if m.group(1) else 2
        words = list(re.finditer(r"[^\W\d_][^\W\d_'’-]*", m.group(g)))
        lws = [w.group(0).lower() for w in words]
        sure = several or "[" in m.group(0) or _DATE_IN.search(m.group(0))
        if not sure and not all(_person_word(w.group(0)) for w in words):
            continue
        # (a title or a relation first: "juf Anna", "oma Roos": the rest is the name)
        while len(words) > 1 and (lws[0] in _d._TITLE_WORDS or lws[0] in _d._RELATIONS or
                                  lws[0] in _KIN_WORDS):
            words, lws = words[1:], lws[1:]
        if any(_plain_no_person(lw) or _d._zipf(lw) >= 6.0 and not _d._any_first_name(lw) or
               _LABEL_NOUN_END.search(lw) and not _d._any_first_name(lw) for lw in lws):
            continue
        out.append((m.start(g) + words[0].start(), m.start(g) + words[-1].end(), "name"))
    return out


# a line's label in lower case in a text of several turns ("dauw: ja\nmargriet: nee")
_LINE_LABEL = _d._Lazy("_LINE_LABEL", r"(?:^|(?<=\n))[ \t]*([a-zà-öø-ÿ][^\W\d_'’-]*)[ \t]?:[ \t]")


def _line_speakers(orig):
    """In a text of several lines each a turn, a lower-case label is a speaker's name whatever
    word it is once another label is a first name no word is ("dauw: ja\nmargriet: nee"),
    unless a role, a relation, a pronoun, a form's or a note's label."""
    labels = list(_LINE_LABEL.finditer(orig))
    if len(labels) < 2 or not any(_d._any_first_name(m.group(1)) and
                                  not _d._is_word(m.group(1)) for m in labels):
        return []
    return [(m.start(1), m.end(1), "name") for m in labels
            if not _plain_no_person(m.group(1)) and not _LABEL_NOUN_END.search(m.group(1)) and
            _d._zipf(m.group(1)) < 6.0 and len(m.group(1)) > 1]


@lru_cache(maxsize=65536)
def _person_word(w, common_ok=False):
    """A word that names a person where a person is named: a first name of any list, a word no
    Dutch word is (any case), or (``common_ok``) any word that is no pronoun, group, role or
    adverb."""
    lw = w.lower()
    # (no vowel, no name: "Pff", "Hmm", "Brr")
    if len(lw) < 2 or not _VOWEL.search(lw) or _plain_no_person(lw):
        return False
    if common_ok:
        return _d._zipf(lw) < 5.0 or _d._any_first_name(lw)
    # (a first name that is also a Dutch word only where rare as a word: "roosje", not "beer")
    return _d._any_first_name(lw) and _d._zipf(lw) < (4.0 if _d._is_word(lw) else 4.5) or \
        not _d._is_word(lw) and _d._zipf(lw) < 3.0 and len(lw) >= 3 and not _noun_tail(lw) and \
        not _verb_form(lw)


def _verb_form(lw):
    """A verb's form that no list holds ("tolkt", "tolkte", "appte"): its stem makes a verb."""
    return lw.endswith("t") and _d._is_word(lw[:-1] + "en") or \
        lw.endswith(("te", "de")) and (_d._is_word(lw[:-2] + "en") or
                                       _d._is_word(lw[:-3] + "en") and lw[-3] == lw[-4:-3])


def _cue_ends(low, words):
    """Where each of ``words`` ends in ``low``, written as a word of its own."""
    for w in words:
        i = low.find(w)
        while i >= 0:
            j = i + len(w)
            if (not i or not (low[i - 1].isalnum() or low[i - 1] in "-'’")) and \
                    (j == len(low) or not (low[j].isalnum() or low[j] in "-'’")):
                yield j
            i = low.find(w, j)


def _ninth_round(orig, low, ws):
    """Spans of the ninth round's rules (see the module docstring)."""
    out = []
    if ":" in orig and _TIME.search(orig):
        out += _export_speakers(orig)
    if ":" in orig and "\n" in orig:
        out += _line_speakers(orig)
    hit = ws & _NINTH_GATE
    if not hit:
        return out
    # (a letter whose lower case is longer, "İ": positions of a copy lowered letter by letter)
    if len(low) != len(orig):
        low = "".join(c.lower()[:1] for c in orig)
    if not hit.isdisjoint(_WISH_WORDS):
        for i in _cue_ends(low, hit.intersection(_WISH_WORDS)):
            m = _WISH_TAIL.match(orig, i)
            w = m and m.group(1)
            if w and _person_word(w) and \
                    not (w[:1].isupper() and _d._sentence_start(orig, m.start(1))):
                out.append((m.start(1), m.end(1), "name"))
    if not hit.isdisjoint(_SIGN_WORDS) or "gr" in ws or "mvg" in ws or "vg" in ws or \
            "grtjs" in ws or "groet" in ws or "kus" in ws or "knuffels" in ws:
        ends = [len(orig)] + ([i for i, c in enumerate(orig) if c == "\n"] if "\n" in orig else [])
        for m in filter(None, (_SIGNED.search(orig, max(0, i - 50), i) for i in ends)):
            w, w2 = m.group(1), m.group(2)
            lw = w.lower()
            # (in lower case a common word after a closing says when or how: "doei later",
            # "groetjes snel")
            if _plain_no_person(lw) or lw in _ORG_HEADS or _d._zipf(lw) >= 6.0 or \
                    not _VOWEL.search(lw) or w.islower() and _d._zipf(lw) >= 4.0 and \
                    not _d._any_first_name(lw) or \
                    w2 and (_plain_no_person(w2.lower()) or _d._zipf(w2.lower()) >= 5.0):
                continue
            out.append((m.start(1), m.end(2) if w2 else m.end(1), "name"))
    if "groeten" in hit or "groetjes" in hit:
        for m in _GREET_TO.finditer(orig):
            g = 1 if m.group(1) else 2
            words = list(re.finditer(r"[^\W\d_][^\W\d_'’-]*", m.group(g)))
            # ("doe gosia de groeten" whatever word; "doe je moeder de groeten" not)
            if words and _person_word(words[0].group(0), common_ok=True) and \
                    _name_rest(words[1:]):
                out.append((m.start(g) + words[0].start(), m.start(g) + words[-1].end(), "name"))
    if "van" in hit:
        # (at the start of the message or a line, or after its closing at its end)
        starts = [0] + ([i + 1 for i, c in enumerate(orig) if c == "\n"] if "\n" in orig else [])
        found = [m for m in (_FROM_START.match(orig, i) for i in starts
                             if orig[i:i + 8].lstrip()[:3] in ("van", "Van", "VAN")) if m]
        if not ws.isdisjoint(_CLOSINGS):
            m = _FROM_END.search(orig, max(0, len(orig) - 40))
            if m and _prev(orig, m.start() + 1) in _CLOSINGS:
                found.append(m)
        for m in found:
            w = m.group(1)
            if _person_word(w, common_ok=True):
                out.append((m.start(1), m.end(1), "name"))
    if not hit.isdisjoint(_KIN_WORDS):
        for i in _cue_ends(low, hit.intersection(_KIN_WORDS)):
            m = _KIN_TAIL.match(orig, i)
            if not m:
                continue
            w = m.group(1)
            # (a listed first name also where it is a rare word: "tante roosje"; not a common
            # word, a verb or an adjective as often: "oma wil", "opa kent", "oma jarig")
            if _person_word(w) or _d._any_first_name(w) and _d._zipf(w) < 4.0 and \
                    not _plain_no_person(w):
                out.append((m.start(1), m.end(1), "name"))
    if "hier" in hit and "met" in ws:
        for m in _WITH_HERE.finditer(orig):
            words = list(re.finditer(r"[^\W\d_][^\W\d_'’-]*", m.group(1)))
            if words and _person_word(words[0].group(0)) and _name_rest(words[1:]):
                out.append((m.start(1), m.end(1), "name"))
    if "heet" in hit or "heette" in hit or "heten" in hit:
        for m in _HEET_CAP.finditer(orig):
            subj, w = m.group(1).lower(), m.group(2)
            if (subj in _HEET_SUBJECTS or subj.endswith(_PERSON_ROOTS)) and \
                    not _d._PROGRAMMES.match(orig, m.start(2)) and \
                    w.lower() not in _d._known_places() and not _months_days(w.lower()):
                out.append((m.start(2), m.end(2), "name"))
    return out


def _ninth_round_any(orig):
    """The ninth round's rules that need no cue word: a name called after a colon, a caption's
    credit after a dash."""
    out = []
    p = orig.find(", ")
    while p > 0:
        m = _CALLED_AFTER.match(orig, p) and _CALLED_BEFORE.search(orig, max(0, p - 40), p)
        if m:
            w = m.group(1)
            if _person_word(w) and not w.isupper():
                out.append((m.start(1), m.end(1), "name"))
        p = orig.find(", ", p + 2)
    if ("-" in orig or "–" in orig or "—" in orig) and "," in orig:
        for m in _CREDIT.finditer(orig):
            # (after a sentence, a bracket or a quote's end, or first in the text or a line)
            before = orig[:m.start()].rstrip(" \t")
            if before and before[-1] not in ".!?)\"”\n":
                continue
            w = m.group(1)
            if _person_word(w) or _first_name_any(w) and not w.isupper():
                out.append((m.start(1), m.end(2) if m.group(2) and
                            (_person_word(m.group(2)) or
                             m.group(2).lower() in _d._deduce_lookup()["surname"])
                            else m.end(1), "name"))
    return out


# --- tenth round: a name by who introduces it, and wherever the text writes it again ----------

# who a person says they are, and what the others call them ("Ik ben Meiying Zhao", "ik heet
# shurman", "mijn naam is X", "iedereen zegt Soender", "noem me X", "ze noemen mij X")
_INTRO_WORDS = frozenset(("ben", "heet", "naam", "zegt", "zeggen", "noem", "noemt", "noemen",
                          "roepen", "roept"))
# (the cue read on the text in lower case, from its first letter; the name after it on the text)
_INTRO = _d._Lazy(
    "_INTRO",
    r"\b(?:ik[ \t]+(?:ben|heet)|m(?:ijn|'n|n)[ \t]+naam[ \t]+is|"
    r"(?:iedereen|ze|zij|men|we|wij|jullie|mensen)[ \t]+(?:zegt|zeggen|noemt|noemen|roept|roepen)"
    r"(?:[ \t]+(?:me|mij|haar|hem|ons))?|noem(?:t|en)?[ \t]+(?:me|mij)(?:[ \t]+maar)?|"
    r"(?:noemen|roepen|noemden)[ \t]+(?:ze|zij|we|wij)[ \t]+(?:me|mij|haar|hem))"
    r"[ \t]+(?:(?:gewoon|maar|altijd)[ \t]+)?(?=[^\W\d_])")
_INTRO_NAME = _d._Lazy(
    "_INTRO_NAME", r"[^\W\d_][^\W\d_'’-]*(?:[ \t]+[^\W\d_][^\W\d_'’-]*){0,3}")
_CALL_WORDS = frozenset(("zegt", "zeggen", "noem", "noemt", "noemen", "roepen", "roept"))
_INTRO_PARTICLES = frozenset(("van", "de", "der", "den", "ter", "ten", "el", "al", "da", "dos",
                              "do", "di", "le", "la", "bin", "ben"))


def _intro_word(w, first, names, lowered):
    """Is ``w`` a name where one introduces oneself (see :func:`_intro_word_of`), or a part of a
    name the text gives (``names``: "Soenderpersad ... iedereen zegt Soender")?"""
    lw = w.lower()
    if w[:1].isupper() and not w.isupper() and len(lw) >= 3 and \
            any(n.startswith(lw) for n in names) and _VOWEL.search(lw):
        return True
    return _intro_word_of(w, first, lowered)


@lru_cache(maxsize=65536)
def _intro_word_of(w, first, lowered):
    """Is ``w`` a name where one introduces oneself: capitalised a first name of any list, a word
    no Dutch word is; in lower case a first name or a word of no list that no Dutch word is ("ik
    ben shurman"; not "ik ben moe", "ik ben marokkaans", "ik ben klaar"). Not a place, a
    language, a nationality, a people's noun."""
    lw = w.lower()
    if len(lw) < 2 or not _VOWEL.search(lw) or lw in _d._known_places() or \
            lw in _d._NATIONALITY_NOUNS or _plain_no_person(lw) or _inhabitants(lw) or \
            lw in _d._ordinary_words():
        return False
    if w[:1].isupper() and not w.isupper():
        return _first_name_any(w) and not (first and _d._is_word(lw) and _d._zipf(lw) >= 5.0) \
            or not _d._is_word(lw) and _d._zipf(lw) < 4.0 or \
            not first and _d._zipf(lw) < 4.0
    if w.islower():
        return len(lw) >= 3 and not _d._is_word(lw) and _d._zipf(lw) < 3.0 and \
            _d._zipf(lw, "en") < 3.5 and not _verb_form(lw) and not _noun_tail(lw) and \
            not _d._ROLE_END.search(lw) and not _PERSON_NOUN_END.search(lw) and \
            (_d._any_first_name(lw) or lowered and _d._name_like(lw))
    return False


@lru_cache(maxsize=65536)
def _called_word(lw):
    """A capitalised word that "noem me" can give as a name: no place, nationality, role,
    relation, title, greeting, interjection or word of persons' groups."""
    return len(lw) >= 2 and _VOWEL.search(lw) is not None and lw not in _d._known_places() and \
        lw not in _d._NATIONALITY_NOUNS and not _plain_no_person(lw) and not _inhabitants(lw) \
        and not _d._ROLE_END.search(lw) and not _PERSON_NOUN_END.search(lw)


def _introduced(orig, low, ws, lowered):
    out = []
    # ("ik ben", "ik heet", "mijn naam", or what the others say or call one)
    if ws.isdisjoint(_INTRO_WORDS) or not ("ik ben" in low or "ik heet" in low or
                                           "naam is" in low or not ws.isdisjoint(_CALL_WORDS)):
        return out
    names = set()
    if len(low) != len(orig):
        low = "".join(c.lower()[:1] for c in orig)
    for c in _INTRO.finditer(low):
        m = _INTRO_NAME.match(orig, c.end())
        if not m:
            continue
        calls = "noem" in c.group(0)
        words = list(re.finditer(r"[^\W\d_][^\W\d_'’-]*", m.group(0)))
        end = None
        for i, t in enumerate(words):
            w = t.group(0)
            if i and w.lower() in _INTRO_PARTICLES and w.islower():
                continue
            # (one case for the whole name: "Ik ben Meiying Zhao", "ik ben lena de wit")
            if i and (w[:1].isupper() != words[0].group(0)[:1].isupper()):
                break
            # (after "noem me", "ze noemen haar" even a capitalised word: "noem me maar Zon")
            if not (_intro_word(w, not i, names, lowered) or
                    calls and not i and w[:1].isupper() and not w.isupper() and
                    _called_word(w.lower())):
                break
            end = t.end()
            names.add(w.lower())
            if i >= 2:
                break
        if end is not None:
            out.append((m.start(), m.start() + end, "name"))
    return out


# a name before its age in brackets ("Shurman (15) is", "met Jayson (9, groep 5)", "dauw (m, 15)")
# (found from the bracket, a literal the scan finds fast; the word before it read back)
_AGE_BRACKET = _d._Lazy(
    "_AGE_BRACKET",
    r"\((?:[mvjwMVJW][ \t]*[,/][ \t]*)?(\d{1,3})(?:[ \t]*(?:jaar|jr\.?))?[ \t]*[),]")
_WORD_BEFORE = _d._Lazy("_WORD_BEFORE", r"(?<![\w'’-])([^\W\d_][^\W\d_'’-]+)[ \t]*$")
# (an item's marker before a capital: the gate before the item's subject is read)
# (an item's marker at the start of the text or a line, after a sentence or a label's colon; the
# subject and its verb are read from the capital after it)
_ITEM_GATE = _d._Lazy("_ITEM_GATE", r"[.;:\n][ \t]*(\d{1,2}[.)]|[a-h][.)]|[-•*–])?[ \t]+[A-ZÀ-ÖØ-Þ]")
_ITEM_FIRST = _d._Lazy("_ITEM_FIRST", r"[ \t]*(?:\d{1,2}[.)]|[a-h][.)]|[-•*–])[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
# the subject of what only persons do at the start of an item of minutes or a list ("2. Mohssine
# meldt dat", "- Gerda vraagt", "• Sekar stelt voor")
_ITEM_SUBJECT = _d._Lazy(
    "_ITEM_SUBJECT",
    r"((?:[A-ZÀ-ÖØ-Þ][^\W\d_'’-]+[ \t]+(?:(?:van|de|der|den|ter|ten|el|al)[ \t]+)*){1,3}?)"
    r"(?:meldt|meldde|vraagt|vroeg|stelt|stelde|geeft|gaf|zegt|zei|deelt|deelde|licht|lichtte|"
    r"merkt|merkte|neemt|nam|mailt|mailde|belt|belde|stuurt|stuurde|regelt|regelde|zoekt|zocht|"
    r"informeert|vertelt|vertelde|legt|legde|benadrukt|presenteert|toont|brengt|bracht|"
    r"heeft|had|komt|kwam|is|was|wil|wilde|gaat|ging|zal|kan|moet|doet|deed|schrijft|schreef|"
    r"organiseert|maakt|maakte|leest|las|rapporteert|bespreekt|besprak|spreekt|sprak|"
    r"opent|opende|sluit|sloot|verwelkomt|bedankt|bedankte|overlegt|checkt|houdt|hield|"
    r"bevestigt|bevestigde|meent|vindt|vond|denkt|dacht|verzorgt|coördineert|"
    r"neemt|polst|herinnert|kondigt|reageert|reageerde)\b")
# a first name that is also a word at a sentence's start, the subject of what persons do, with
# no subject after the verb ("Door helpt mij altijd", "Bram belt me", "Roos zegt altijd")
# (found from the verb; its object after it and the word before it read)
_START_OBJECT = _d._Lazy(
    "_START_OBJECT",
    r"[ \t]+(?:mij|me|ons|hem|jou|jullie|iedereen|altijd|vaak|graag|nooit|steeds|elke|elk)\b")
_START_OBJECTS = frozenset(("mij", "me", "ons", "hem", "jou", "jullie", "iedereen", "altijd", "vaak",
                            "graag", "nooit", "steeds", "elke", "elk"))
_CAP_BEFORE = _d._Lazy("_CAP_BEFORE", r"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)[ \t]*$")
_START_SUBJECT_WORDS = frozenset((
    "helpt", "hielp", "belt", "belde", "appt", "appte", "zegt", "zei", "vraagt", "vroeg", "leert",
    "leerde", "brengt", "bracht", "haalt", "haalde", "geeft", "gaf", "laat", "liet", "toont",
    "troost", "troostte", "steunt", "steunde", "vertelt", "vertelde", "knuffelt", "stuurt",
    "stuurde", "bezoekt", "bezocht"))
# a word in capitals in a chat in lower case ("en GERRITJE is jarig", "LENA komt ook")
_CAPS_WORD = _d._Lazy("_CAPS_WORD", r"(?<![\w'’@#-])([A-ZÀ-ÖØ-Þ]{3,})(?![\w'’-])")
_CAPS_PERSON_AFTER = _d._Lazy(
    "_CAPS_PERSON_AFTER",
    r"[ \t]+(?i:is[ \t]+(?:jarig|ziek|geslaagd|jarig|er|weer|vandaag|morgen|bevallen|"
    r"getrouwd|opgenomen|thuis)|heeft|komt|kwam|wordt|werd|gaat|ging|zegt|zei|belt|belde|"
    r"viert|vierde|zingt|zong|mag|wil)\b")


def _tenth_round(orig, low, ws, lowered):
    """Spans of the tenth round's rules (see the module docstring)."""
    if len(low) != len(orig):
        low = "".join(c.lower()[:1] for c in orig)
    out = _introduced(orig, low, ws, lowered or orig[:1].islower())
    if "(" in orig:
        for m in _AGE_BRACKET.finditer(orig):
            b = _WORD_BEFORE.search(orig, max(0, m.start() - 40), m.start())
            if not b:
                continue
            w = b.group(1)
            if not 1 <= int(m.group(1)) <= 110 or w.isupper() or \
                    _prev(orig, b.start(1)) in _THING_BEFORE or w.lower() in _d._known_places():
                continue
            if w.islower() and not lowered:
                continue
            if _person_word(w) or w[:1].isupper() and _rare_cap(w):
                out.append((b.start(1), b.end(1), "name"))
    first = _ITEM_FIRST.match(orig)
    items = [first.end()] if first else []
    if _ITEM_GATE.search(orig):
        # (after a sentence or a line a marker; after a label's colon none is needed)
        items += [g.end() - 1 for g in _ITEM_GATE.finditer(orig)
                  if g.group(1) or g.group(0)[0] == ":"]
    for i in items:
        m = _ITEM_SUBJECT.match(orig, i)
        if m:
            words = m.group(1).split()
            heads = [w for w in words if w[:1].isupper()]
            w = heads[0]
            lw = w.lower()
            if lw in _d._known_places() or _plain_no_person(lw) or _d._ROLE_END.search(lw) or \
                    lw in _ORG_HEADS:
                continue
            if (_person_word(w) or _rare_cap(w) or
                    _first_name_any(w) and _d._zipf(lw) < 4.5 and len(heads) > 1) and \
                    all(_cap_name_word(h, True) or _rare_cap(h) or
                        h.lower() in _d._deduce_lookup()["surname"] for h in heads[1:]):
                out.append((m.start(1), m.start(1) + len(m.group(1).rstrip()), "name"))
    verbs = ws & _START_SUBJECT_WORDS
    if verbs and not ws.isdisjoint(_START_OBJECTS):
        # (from each verb's place in the text, its object after it and the word before it)
        for v in verbs:
            for i in _cue_ends(low, (v,)):
                if not _START_OBJECT.match(low, i):
                    continue
                j = i - len(v)
                m = _CAP_BEFORE.search(orig, max(0, j - 30), j)
                if not m or not _d._sentence_start(orig, m.start(1)):
                    continue
                w = m.group(1)
                lw = w.lower()
                if _first_name_any(w) and not _plain_no_person(lw) and \
                        lw not in _d._known_places() and lw not in _START_NOT:
                    out.append((m.start(1), m.end(1), "name"))
    if "hier" in ws and not ws.isdisjoint(_GREET_HERE_WORDS):
        for m in _GREET_HERE.finditer(orig):
            w = m.group(1)
            lw = w.lower()
            # (a first name even where a list holds it as a word: "kees hier", "jan hier")
            if _person_word(w) or _d._any_first_name(lw) and _d._zipf(lw) < 5.5 and \
                    lw not in _NOT_A_PERSON and lw not in _DETERMINERS and \
                    lw not in _GROUP_WORDS and lw not in _d._known_places():
                out.append((m.start(1), m.end(1), "name"))
    if lowered and _CAPS_WORD.search(orig):
        for m in _CAPS_WORD.finditer(orig):
            lw = m.group(1).lower()
            if _plain_no_person(lw) or lw in _d._known_places() or not _VOWEL.search(lw):
                continue
            if _chat_name(lw) == 1 or \
                    len(lw) >= 4 and not _d._is_word(lw) and _d._zipf(lw) < 3.0 and \
                    _d._zipf(lw, "en") < 3.5 and _CAPS_PERSON_AFTER.match(orig, m.end(1)):
                out.append((m.start(1), m.end(1), "name"))
    return out


# who speaks after a greeting ("hoi, kees hier", "Hallo allemaal, Fenna hier!")
_GREET_HERE = _d._Lazy(
    "_GREET_HERE",
    r"(?i:hoi|hallo|hey|hee|hai|hi|goedemorgen|goedemiddag|goedenavond|dag)(?:[ \t]+(?i:allemaal|"
    r"iedereen|lieverds|dames|jongens|allen))?[ \t]*[,!]?[ \t]+([^\W\d_][^\W\d_'’-]+)[ \t]+"
    r"(?i:hier)\b")
_GREET_HERE_WORDS = frozenset(("hoi", "hallo", "hey", "hee", "hai", "hi", "goedemorgen",
                               "goedemiddag", "goedenavond", "dag"))


# (words that start a sentence before a verb and are also first names in some list, yet no
# subject: "Dan helpt ...")
_START_NOT = frozenset(("dan", "toen", "nu", "daar", "hier", "ook", "wel", "zo", "dus", "maar",
                        "soms", "vaak", "altijd", "nooit", "die", "dat", "wie", "het", "er"))


# a pet's name ("een hond die heet Bolletje", "onze kat, genaamd Minoes", "konijntje Snuf") and
# a thing after an indefinite article ("een oude Praktica van mijn vader", "een Gazelle"): no
# person
_PET_BEFORE = _d._Lazy(
    "_PET_BEFORE",
    r"\b(?i:hond|hondje|honden|kat|katje|katten|poes|poesje|kater|konijn|konijntje|cavia|hamster|"
    r"parkiet|vogel|vogeltje|kanarie|paard|paardje|pony|kip|kippen|vis|visje|schildpad|geit|"
    r"ezel|pup|puppy)(?:[ \t]*,?[ \t]+(?:die|dat|en)?[ \t]*(?:heet|heette|heten|genaamd|"
    r"noemen[ \t]+(?:we|wij|ze)|noemde[ \t]+(?:ik|hij|zij|ze|we)))?[ \t,:]*[\"'‘“]?$")
_THING_ARTICLE = _d._Lazy(
    "_THING_ARTICLE",
    r"(?:^|[ \t(])(?i:een|'n|’n)[ \t]+(?!zekere\b)(?:[a-zà-öø-ÿ]+e[ \t]+){0,2}$")


_PET_GATE = _d._Lazy("_PET_GATE", r"(?:hond|kat|poes|kater|konijn|cavia|hamster|parkiet|vogel|kanarie|"
                                  r"paard|pony|kip|vis|schildpad|geit|ezel|pup)")


def _keep_things(orig, spans, low):
    if not any(k == "name" and orig[s:s + 1].isupper() for s, e, k in spans):
        return spans
    art = "een " in low or "'n " in low or "’n " in low
    if not art and not _PET_GATE.search(low):
        return spans
    out = []
    for s, e, k in spans:
        if k == "name" and " " not in orig[s:e] and orig[s:s + 1].isupper():
            head = orig[max(0, s - 50):s]
            if _PET_BEFORE.search(head) or art and _THING_ARTICLE.search(head) and \
                    not _d._sentence_start(orig, s):
                continue
        out.append((s, e, k))
    return out


_NICK_AFTER = _d._Lazy("_NICK_AFTER", r"\b(?i:zegt|zeggen|noemt|noemen|noem|roept|roepen|zeg)"
                                      r"(?:[ \t]+(?i:me|mij|haar|hem|ze|we|wij|maar|gewoon|altijd))"
                                      r"{0,2}[ \t]+([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,})(?![\w'’-])")
_NAME_TOKEN = _d._Lazy("_NAME_TOKEN", r"(?<![\w'’@#/.-])[^\W\d_][^\W\d_'’-]{2,}(?![\w'’-])")


def _again(orig, spans, low):
    """A name found once is a name wherever the text writes it again, in any case ("Gerritje
    ... GERRITJE ... gerritje"); a word's name only where a capital inside a sentence gives it;
    a surname the text corrects by a letter ("Tromp? of Trom.")."""
    # (first whether a word of a name, or a name but its last letter, is written twice at all)
    pieces = [low[s:e] for s, e, k in spans if k == "name"]
    if not pieces:
        return []
    out = []
    # (a short form the text says the others use: "Merel ... iedereen noemt haar Mer")
    if "zeg" in low or "noem" in low or "roep" in low:
        words = {w for p in pieces for w in p.split() if len(w) >= 4}
        for m in _NICK_AFTER.finditer(orig):
            lt = m.group(1).lower()
            if any(w.startswith(lt) and w != lt for w in words):
                out.append((m.start(1), m.end(1), "name"))
    if not any(len(w) >= 3 and w not in _d._PARTICLE_WORDS and
                            (low.count(w) > 1 or len(w) >= 5 and low.count(w[:-1]) > 1)
                            for p in pieces for w in p.split()):
        return out
    found = set()
    for s, e, k in spans:
        if k == "name":
            for w in orig[s:e].split():
                w = w.strip(".,:;!?()\"'")
                lw = w.lower()
                if len(lw) >= 3 and w[:1].isupper() and lw not in _d._TITLE_WORDS and \
                        lw not in _d._PARTICLE_WORDS and w.isalpha():
                    found.add(lw)
    if not found:
        return []
    covered = [False] * len(orig)
    for s, e, _ in spans:
        for i in range(s, e):
            covered[i] = True
    for m in _NAME_TOKEN.finditer(orig):
        if covered[m.start()]:
            continue
        t = m.group(0)
        lt = t.lower()
        same = lt in found
        near = not same and len(lt) >= 4 and t[:1].isupper() and \
            (lt[:-1] in found or any(len(w) == len(lt) + 1 and w.startswith(lt)
                                     for w in found)) and not _d._is_word(lt)
        if not (same or near):
            continue
        # (a word only capitalised inside a sentence and not as common as "dag")
        if _d._is_word(lt) and (_d._zipf(lt) >= 4.5 or not t[:1].isupper() or t.isupper() or
                                _d._sentence_start(orig, m.start())):
            continue
        # (in lower case not where a thing or a quality stands: "heel koen")
        if t.islower() and _prev(orig, m.start()) in _THING_BEFORE:
            continue
        out.append((m.start(), m.end(), "name"))
    return out
