"""De-identification of quotes before they reach a report or a funder.

Built on ``deduce`` (de-identification of Dutch medical text; Menger et al. 2018, UMC Utrecht;
its lookup lists of first names, surnames, streets, places, hospitals and care institutions ship
with the package, nothing is downloaded at run time) plus what impact's data know and patterns
for interview text:

* deduce finds names, dates, addresses (streets with a house number, also without a street
  suffix: Oude Vest 55), phone numbers, e-mail addresses, BSNs, ages, hospitals and care
  institutions;
* the data's own names (participants, teachers, referrers; full names and their parts), their
  neighbourhoods and GP practices (``names`` / ``places`` / ``institutions``, e.g. from
  :func:`load_names`);
* patterns: GP practices and institutions by their head word (Huisartsenpraktijk X,
  Gezondheidscentrum X, Stichting X, buurthuis X, ... X Ziekenhuis), neighbourhoods by their
  suffix (-wijk, -kwartier, -hof, ...), postcodes in any case (``2312 kl``), dates of birth and
  other dates (``geboren op 3-11-1946``, ``woensdag 8 november 2023``, ``september 2022``),
  identifying ages (``ik ben 82``, ``toen ik 70 werd``, ``de jongste is 3``), house numbers.

A name that is also an ordinary Dutch word (``bakker``, ``visser``, ``de jong``, ``frans``,
``roos``, ``mag``, ``bas``; list in ``data/ordinary_words_nl.txt`` plus deduce's common words) is
replaced only where it names a person: after a title (meneer, mevrouw, dokter, ...), a first name,
an initial or a particle, or when the person's full name is written. Lower-case words are never
taken for a data name.

Tokens (nl / en): ``[naam]``/``[name]``, ``[datum]``/``[date]``, ``[adres]``/``[address]``,
``[postcode]``, ``[telefoon]``/``[phone]``, ``[e-mail]``/``[email]``, ``[instelling]``/
``[institution]``, ``[BSN]``, ``[leeftijd]``/``[age]``, ``[wijk]``/``[neighbourhood]``.

Measured on the committed evaluation corpus (``tests/fixtures/deid/corpus_nl.txt``, run
``python -m impact.qual.deid_eval``): see docs/deidentification.md. This is a safety net, not a
guarantee: a human reads every quote before it is published; :func:`publishable` keeps quotes
that still hold a listed name, or whose speaker names themself, out of reports.

deduce builds its lookup structures once after installation (about a minute) and caches them
in its package folder; loading the cache takes about 1.3 s, once per process (lazily, on the
first call; with the garbage collector paused, see ``_without_gc``). A report loads it in a
second process while its analysis runs (:func:`deduce_ahead`).
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources

__all__ = ["deidentify", "find_identifiers", "publishable", "load_names", "dutch_first_names",
           "DEID_LABELS", "deduce_ahead"]

DEID_LABELS = {
    "nl": {"email": "[e-mail]", "phone": "[telefoon]", "address": "[adres]",
           "postcode": "[postcode]", "bsn": "[BSN]", "name": "[naam]", "date": "[datum]",
           "institution": "[instelling]", "age": "[leeftijd]", "place": "[wijk]",
           "number": "[nummer]"},
    "en": {"email": "[email]", "phone": "[phone]", "address": "[address]",
           "postcode": "[postcode]", "bsn": "[BSN]", "name": "[name]", "date": "[date]",
           "institution": "[institution]", "age": "[age]", "place": "[neighbourhood]",
           "number": "[number]"},
}
# which kind wins when spans of different kinds overlap
_PRIORITY = ("email", "phone", "bsn", "postcode", "date", "address", "institution", "place",
             "age", "name", "number")

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# 0 / +31 / 0031, optional (0), then an area or mobile digit and eight more digits with optional
# spaces, dashes, dots or slashes between them: 06-12345678, 06 - 12345678, +31 6 12345678,
# 071-1234567, 0031 (0)71 123 45 67, 0612345678; or an area code in brackets: (071) 123 45 67.
_SEP = r"(?:\s?[./-]\s?|\s)?"
_PHONE = re.compile(
    rf"(?<![\w+])(?:\+31|0031|\(\+31\))[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:{_SEP}\d){{8}}(?!\d)"
    rf"|(?<![\w+])0[1-9](?:{_SEP}\d){{8}}(?!\d)"
    rf"|\(0[1-9]\d{{0,2}}\)\s?\d(?:{_SEP}\d){{5,7}}(?!\d)")
_STREET_SUFFIX = (r"(?:straat|laan|weg|plein|singel|gracht|kade|dijk|steeg|dreef|hof|park|pad|"
                  r"baan|markt|plantsoen|kanaal|burgwal|wal|haven|veld|boulevard|dam|erf|hoek|"
                  r"kwartier|ring|oord|zijde|polder|straatweg|dwarsstraat|allee|promenade|pier)")
_ADDRESS = re.compile(
    r"(?:\b[A-Z][\w'.-]*\s+){0,3}\b[\w'-]*" + _STREET_SUFFIX +
    r"\s+\d{1,5}(?:\s?[-/]?\s?[a-zA-Z](?![a-zA-Z]))?(?:\s?[-/]\s?\d{1,4})?(?!\d)")
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}\s?(?!SA\b|SD\b|SS\b)[A-Za-z]{2}(?![\w-])")
# two-letter words that follow a number in ordinary text ("sinds 1998 in de", "2019 en 2020")
_NOT_POSTCODE_LETTERS = {"in", "en", "op", "de", "te", "of", "is", "om", "al", "na", "ze", "we",
                         "je", "me", "zo", "nu", "er", "ik", "uw", "an", "hé", "ja", "nee", "zij",
                         "bij", "tot", "uur", "km", "kg", "cm", "mm", "ml", "pm", "am", "st",
                         "nd", "rd", "th", "be", "or", "to", "at", "on", "by", "as", "it", "he"}
# 9 digits, optionally grouped 3-3-3 or 4-2-3 (how BSNs are written) with dots, spaces, dashes
_BSN = re.compile(r"(?<![\d.,])(?:\d{3}([.\s-]?)\d{3}\1\d{3}|\d{4}[.\s-]?\d{2}[.\s-]?\d{3})"
                  r"(?![\d]|[.,]\d)")
_PARTICLES = r"(?:van|de|der|den|het|ter|ten|te|op|in|'t|van der|van den|van de|de la|el|al)"


@lru_cache(maxsize=1)
def _name_list():
    text = resources.files("impact.qual").joinpath("data/first_names_nl.txt").read_text("utf-8")
    plain, ambiguous = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("*"):
            ambiguous.append(line[:-1])
        else:
            plain.append(line)
    return tuple(plain), tuple(ambiguous)


def dutch_first_names():
    """The shipped list of common Dutch first names (a tuple, ambiguous ones included)."""
    plain, ambiguous = _name_list()
    return plain + ambiguous


def _alternation(names):
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@lru_cache(maxsize=1)
def _ordinary_words():
    text = resources.files("impact.qual").joinpath("data/ordinary_words_nl.txt").read_text("utf-8")
    words = {w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    try:
        from importlib.resources import files as _files

        base = _files("deduce").joinpath("data/lookup/src/whitelist")
        for sub in ("lst_common_word", "lst_stop_word"):
            words.update(w.strip().lower() for w in
                         base.joinpath(sub, "items.txt").read_text("utf-8").splitlines()
                         if w.strip())
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        pass
    return frozenset(words)


@lru_cache(maxsize=1)
def _deduce():
    """The deduce pipeline, built once per process (lookup structures cached by deduce)."""
    import logging
    import os
    import tempfile

    from deduce import Deduce

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.WARNING))
    # deduce builds and writes its lookup cache on first use after installation; processes
    # started together (test workers) take turns so none reads a half-written cache
    lock = os.path.join(tempfile.gettempdir(), "impact-deduce.lock")
    try:
        import fcntl
    except ImportError:          # Windows: no advisory lock
        return _without_gc(Deduce)
    with open(lock, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            return _without_gc(Deduce)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _without_gc(build):
    """Build deduce with the cyclic garbage collector paused, then freeze what it built.

    deduce's lookup structures are some 4.5 million small Python objects (tries of names,
    streets and places) that live as long as the process. Unpickling them with the collector
    running costs 7 s instead of 1.3 s (the collector re-traverses the growing heap), and every
    later full collection would traverse them again; ``gc.freeze`` moves them to the permanent
    generation, which the collector never scans.
    """
    import gc

    enabled = gc.isenabled()
    gc.collect()            # what is garbage now is not frozen with deduce
    gc.disable()
    try:
        built = build()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    return built


_DEDUCE_KIND = {"persoon": "name", "patient": "name", "datum": "date", "locatie": "address",
                "telefoonnummer": "phone", "bsn": "bsn", "leeftijd": "age",
                "emailadres": "email", "url": "email", "instelling": "institution",
                "ziekenhuis": "institution", "id": "number", "huisnummer": "address",
                "postcode": "postcode"}

_TITLES = (r"(?:[Mm]eneer|[Mm]evrouw|[Mm]evr\.?|[Mm]w\.?|[Dd]hr\.?|[Hh]eer|[Dd]okter|[Dd]r\.?|"
           r"[Dd]ocent|[Jj]uf|[Mm]eester|[Zz]uster|[Tt]ante|[Oo]om|[Ww]ethouder|[Bb]uurvrouw|"
           r"[Bb]uurman|[Oo]ma|[Oo]pa|[Hh]uisarts|[Pp]rofessor|[Pp]rof\.?|[Ff]amilie|[Ii]mam|"
           r"[Pp]astoor|[Dd]ominee|[Cc]oach|[Bb]egeleider|[Cc]o[öo]rdinator)")
_PARTICLE_WORDS = {"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "'t",
                   "el", "al", "la", "le", "da", "dos", "do", "ait", "ben", "bin", "tjon", "a",
                   "sint", "St."}
_MONTHS = (r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
           r"november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
_WEEKDAYS = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
_DATE = re.compile(
    rf"(?<![\w/-])(?:(?:{_WEEKDAYS}\s+)?\d{{1,2}}\s+{_MONTHS}(?:\s+(?:19|20)?\d{{2}})?"
    rf"|\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}"
    rf"|(?:19|20)\d{{2}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}"
    rf"|{_MONTHS}\s+(?:19|20)\d{{2}})(?![\w/-])", re.IGNORECASE)
_AGE = re.compile(
    r"(?:\b(?:ik|hij|zij|ze|jij|u)\s+(?:ben|is|word|wordt|werd|was)\s+"
    r"(?:nu\s+|al\s+|inmiddels\s+|bijna\s+|pas\s+|net\s+)?"
    r"|\b(?:jongste|oudste|zoon|dochter|kleinzoon|kleindochter|kleinkind|man|vrouw|moeder|"
    r"vader|broer|zus)\s+(?:is\s+)?(?:nu\s+|al\s+|pas\s+)?"
    r"|\bleeftijd(?:\s+van)?\s+|\bvan\s+(?=\d{1,3}\s+jaar\b))"
    r"(\d{1,3}(?:\s+jaar(?:\s+oud)?)?)(?![\d,.]\d)(?!\s*(?:uur|keer|minuten|euro|kilo|km|%|"
    r"procent|weken|dagen|maanden|mensen|kinderen))", re.IGNORECASE)
# "Naomi is 9": a first name followed by an age
_NAME_AGE = re.compile(r"\b([A-Z][a-zà-ÿ]+)\s+is\s+(?:nu\s+|al\s+|pas\s+)?(\d{1,3}(?:\s+jaar(?:\s+oud)?)?)"
                       r"(?![\d,.]\d)(?!\s*(?:uur|keer|minuten|euro|kilo|km|%|procent))")
# a first name that is also a word, at the start of a sentence before a verb: "Bas heeft ..."
_NAME_VERB = re.compile(r"(?:^|(?<=[.!?]\s))([A-Z][a-z]+)\s+(?=(?:heeft|had|is|was|zei|zegt|kwam|"
                        r"komt|maakt|maakte|speelt|speelde|woont|belde|vroeg|vertelde|wil|wilde|"
                        r"kon|kan|ging|gaat|deed|doet)\b)")
_AGE_WORD = re.compile(r"\b(?:toen|als|sinds|tot)\s+ik\s+(\d{1,3})\s+(?:werd|was|ben|word)\b",
                       re.IGNORECASE)
_HOUSE_NUMBER = re.compile(r"\bhuisnummer\s+(\d{1,5}(?:\s?[a-zA-Z](?![a-zA-Z]))?)", re.IGNORECASE)
# institutions by their head word: "Huisartsenpraktijk De Vaart", "Stichting Cardea"
_CAP = r"(?:[A-ZÀ-ÖØ-Þ][\w'&-]*|[A-Z]{2,})"
_LINK = r"(?:\s+(?:de|van|der|den|het|en|aan|op|'t|in)\b)*\s+"
_INST_HEAD = (r"(?:[Hh]uisartsen(?:praktijk|post|centrum)?|[Hh]uisartspraktijk|[Gg]ezondheidscentrum|"
              r"[Pp]raktijk|[Ss]tichting|[Bb]asisschool|[Ss]chool|[Bb]uurthuis|[Ww]ijkcentrum|"
              r"[Bb]uurtcentrum|[Mm]useum|[Zz]orgcentrum|[Vv]erpleeghuis|[Vv]erzorgingshuis|"
              r"[Ww]oonzorgcentrum|[Zz]iekenhuis|GGZ|GGD|[Tt]heater|[Kk]offiehuis|[Ww]elzijn|"
              r"[Bb]ibliotheek|[Hh]ortus|[Aa]potheek|[Mm]oskee|[Kk]erk|[Ww]oningcorporatie|"
              r"[Ff]ysiotherapie|[Tt]hebe|[Zz]orggroep|[Ss]teunpunt|[Ww]ijkteam|[Cc]ollege|"
              r"[Gg]ymnasium|[Ll]yceum|[Hh]ogeschool|[Uu]niversiteit|[Cc]afé|[Kk]unstuitleen)")
_INSTITUTION = re.compile(
    rf"(?:\b(?:het|de)\s+)?\b{_INST_HEAD}(?:\s+(?:aan|op)\s+de|\s+(?:van|aan)\s+(?:de|der|den|het)?)?"
    rf"(?:{_LINK}{_CAP})+"
    rf"|(?:\b(?:het|de)\s+)?\b{_CAP}(?:\s+{_CAP})*\s+(?:[Zz]iekenhuis|Ziekenhuizen|[Zz]org|Zorgcentrum|GGZ|"
    rf"[Gg]ymnasium|[Ll]yceum|College|Medisch Centrum|MC)\b")
# an organisation named after a preposition of work or referral ("gewerkt bij de Sleutels", "via
# Incluzio") or after a role ("de welzijnscoach van Incluzio", "mensen van de Kunstuitleen")
_ROLE = (r"(?:coach|welzijnscoach|buurtcoach|werker|werkster|begeleider|begeleiding|psycholoog|"
         r"therapeut|ergotherapeut|fysiotherapeut|medewerker|medewerkers|vrijwilliger|"
         r"vrijwilligers|mensen|docent|docenten|verpleegkundige|arts|coördinator|directeur|"
         r"consulent|praktijkondersteuner|POH|wijkverpleegkundige|maatschappelijk werker)")
_ORG_CONTEXT = re.compile(
    rf"(?:\b(?:gewerkt|werk|werkt|werkte|werkzaam|vrijwilliger|opgenomen|behandeld|verwezen)\s+"
    rf"(?:bij|door|in)|\b{_ROLE}\s+(?:van|bij))\s+((?:(?:de|het)\s+)?{_CAP}(?:\s+{_CAP})*)")
_ACRONYM = re.compile(r"\b(?:het|de)\s+(?!BSN\b|POH\b|AOW\b|WMO\b|ADHD\b|TV\b)[A-Z]{3,6}\b")
# where someone lives: "ik woon in Transvaal", "zij komt uit de Bijlmer", "in de Schilderswijk"
_LIVES = re.compile(rf"\b(?:woon|woont|wonen|woonde|woonden|kom|komt|kwam|opgegroeid)\s+"
                    rf"(?:\w+\s+){{0,2}}?(?:in|uit|op)\s+(?:de\s+|het\s+)?({_CAP})(?![\w-])")
_IN_DE = re.compile(rf"\b(?:in|uit|naar)\s+de\s+({_CAP})(?![\w-])")
_PLACE_SUFFIX = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:wijk|kwartier|buurt|eiland|hof|dorp|polder|"
                           r"meer|oord|lust|park)\b")


def _norm(s):
    return unicodedata.normalize("NFC", s)


def _person_context(text, start):
    """Is the capitalised word at ``start`` preceded by a title, a first name, an initial or
    a particle (so it names a person)?"""
    before = text[max(0, start - 40):start]
    if re.search(rf"(?:^|[\s(\"'])(?:{_TITLES})\s+(?:(?:van|de|der|den|el|al)\s+)*$", before):
        return True
    if re.search(r"\b[A-Z]\.\s*$", before):           # initial: "J. Bakker"
        return True
    m = re.search(r"([\w'-]+)\s+$", before)
    if not m:
        return False
    prev = m.group(1)
    if prev.lower() in _PARTICLE_WORDS and prev.lower() not in ("in", "op", "te", "het", "de"):
        return True
    if prev in ("de", "De") or prev in ("van", "Van"):
        # "Mevrouw de Jong", "Ans de Jong", "Van Dijk": a particle before a capitalised word
        return True
    if prev[:1].isupper() and prev.lower() not in _ordinary_words() and prev.isalpha():
        # a capitalised non-word before it: a first name ("Kees Visser")
        first = _first_names()
        return prev in first
    return False


@lru_cache(maxsize=1)
def _first_names():
    names = set(dutch_first_names())
    try:
        from importlib.resources import files as _files

        base = _files("deduce").joinpath("data/lookup/src/names/lst_first_name/items.txt")
        names.update(w.strip() for w in base.read_text("utf-8").splitlines() if w.strip())
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        pass
    return frozenset(names)


@lru_cache(maxsize=1)
def _lower_first_names():
    return frozenset(n.lower() for n in _first_names())


def _is_sentence_start(text, start):
    before = text[:start].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?:\n"


def load_names(path):
    """Names the data know, from a CSV with columns ``kind, name`` (kind: participant, teacher,
    referrer, person, neighbourhood/place, practice/institution) or a text file with one person
    name per line. Returns ``{"names": [...], "places": [...], "institutions": [...]}``."""
    import csv
    from pathlib import Path

    from ..errors import InputError

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the names file: {exc}", file=path,
                         rule="UTF-8 text or CSV") from None
    out = {"names": [], "places": [], "institutions": []}
    lines = text.splitlines()
    if lines and re.match(r"^\s*kind\s*[,;]\s*name\s*$", lines[0], re.IGNORECASE):
        sep = ";" if ";" in lines[0] else ","
        for i, row in enumerate(csv.reader(lines[1:], delimiter=sep), start=2):
            if not row or not "".join(row).strip():
                continue
            if len(row) < 2:
                raise InputError("a row needs a kind and a name", file=path, row=i,
                                 rule="names CSV: kind, name")
            kind, name = row[0].strip().lower(), row[1].strip()
            if kind in ("neighbourhood", "wijk", "place", "buurt"):
                out["places"].append(name)
            elif kind in ("practice", "institution", "huisarts", "instelling", "gp_practice"):
                out["institutions"].append(name)
            else:
                out["names"].append(name)
    else:
        out["names"] = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    return out


def _data_name_spans(text, names):
    """Spans of the data's person names: full names in any case; their parts capitalised, with
    ordinary-word parts only in a person context."""
    spans = []
    full, parts = set(), set()
    for name in names:
        name = _norm(re.sub(r"\s+", " ", name.strip()))
        if len(name) < 2:
            continue
        full.add(name)
        words = name.split(" ")
        # surname with its particles ("van der Linden", "el Khatib") and each capitalised word
        for i, w in enumerate(words):
            if w.lower() in _PARTICLE_WORDS:
                continue
            if len(w) >= 2 and w[0].isalpha():
                parts.add(w[0].upper() + w[1:])
        for i in range(1, len(words)):
            if words[i].lower() in _PARTICLE_WORDS:
                tail = " ".join(words[i:])
                if any(not x.lower() in _PARTICLE_WORDS for x in words[i:]):
                    full.add(tail)
                break
    if full:
        for m in re.finditer(rf"(?<![\w-])(?:{_alternation(full)})(?![\w-])", text,
                             re.IGNORECASE):
            spans.append((m.start(), m.end(), "name"))
    ordinary = _ordinary_words()
    if parts:
        for m in re.finditer(rf"(?<![\w-])(?:{_alternation(parts)})(?![\w-])", text):
            word = m.group(0)
            if word.lower() in ordinary or word.lower() in _PARTICLE_WORDS:
                if not _person_context(text, m.start()):
                    continue
            spans.append((m.start(), m.end(), "name"))
    return spans


class _Worker:
    """A ``python -m impact.qual._deduce_worker`` process: deduce loaded beside this one."""

    def __init__(self):
        import os
        import subprocess
        import sys
        from pathlib import Path

        root = str(Path(__file__).resolve().parents[2])   # where this impact is imported from
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}
        self.proc = subprocess.Popen([sys.executable, "-m", "impact.qual._deduce_worker"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env, text=True,
                                     encoding="ascii")
        self.cache = {}

    def spans(self, text):
        """The worker's spans of ``text``, or None when the worker has failed."""
        import json

        if text in self.cache:
            return self.cache[text]
        if self.proc is None:
            return None
        try:
            self.proc.stdin.write(json.dumps(text) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
            spans = [tuple(s) for s in json.loads(line)]
        except (OSError, ValueError):      # died (broken pipe, empty or partial line)
            self.close()
            return None
        self.cache[text] = spans
        return spans

    def close(self):
        import subprocess

        proc, self.proc = self.proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


_WORKER = None


@contextmanager
def deduce_ahead():
    """Load deduce in a second process now, while the caller does other work.

    Loading deduce's lookup tables takes over a second of one core. A report starts this before
    its analysis (:func:`impact.report.run.analyse_and_disclose`), so the tables load on the
    second core; the quotes de-identified inside the ``with`` block are then sent to that process
    (same code, same results) and this process never holds the tables (about 1.2 GB). When the
    worker fails, de-identification falls back to deduce in this process. Nested or repeated use,
    or deduce already loaded here, starts nothing.
    """
    global _WORKER
    if _WORKER is not None or _deduce.cache_info().currsize:
        yield
        return
    _WORKER = _Worker()
    try:
        yield
    finally:
        worker, _WORKER = _WORKER, None
        worker.close()


def _deduce_spans(text):
    worker = _WORKER
    if worker is not None:
        spans = worker.spans(text)
        if spans is not None:
            return spans
    spans = []
    ordinary = _ordinary_words()
    lower_first = _lower_first_names()
    doc = _deduce().deidentify(text)
    for ann in doc.annotations:
        kind = _DEDUCE_KIND.get(ann.tag.split("_")[0].lower(), "name" if "persoon" in ann.tag
                                else "number")
        start, end = ann.start_char, ann.end_char
        if kind == "name":
            # deduce may join a sentence end with the next name ("Frans. Mevrouw de Jong"):
            # split at sentence punctuation and judge each piece
            pieces = [(m.start() + start, m.end() + start)
                      for m in re.finditer(r"[^.!?]+", text[start:end])]
            for ps, pe in pieces:
                piece = text[ps:pe]
                lead = len(piece) - len(piece.lstrip())
                ps += lead
                piece = piece.strip()
                if not piece:
                    continue
                words = piece.split()
                # drop leading titles ("Mevrouw de Jong" -> "de Jong" still a name)
                while words and re.fullmatch(_TITLES, words[0]):
                    ps += len(words[0]) + 1
                    words = words[1:]
                # and a leading ordinary word that is no first name, which deduce takes in at a
                # sentence start ("Bel Anna de Vries" -> "Anna de Vries"; "Roos Jansen" stays)
                while (len(words) > 1 and words[0].lower() in ordinary
                       and words[0].lower() not in _PARTICLE_WORDS
                       and words[0].lower() not in lower_first):
                    ps += len(words[0]) + 1
                    words = words[1:]
                if not words:
                    continue
                # "Frans de Wit": capitalised words around particles have the shape of a full
                # name even when each word is also an ordinary word
                full_name = (len(words) >= 3 and words[0][:1].isupper() and words[-1][:1].isupper()
                             and all(w.lower() in _PARTICLE_WORDS for w in words[1:-1]))
                if all(w.lower() in ordinary or w.lower() in _PARTICLE_WORDS for w in words):
                    if not full_name and not _person_context(text, ps):
                        continue
                spans.append((ps, ps + len(" ".join(words)), "name"))
        else:
            spans.append((start, end, kind))
    return spans


def find_identifiers(text, names=(), *, places=(), institutions=(), use_deduce=True):
    """Spans ``(start, end, kind)`` of identifiers in ``text`` (merged, sorted).

    kind is one of email, phone, bsn, postcode, date, address, institution, place, age, name,
    number. See the module docstring for what is found.
    """
    text = _norm(text)
    names = [n for n in (names or ()) if isinstance(n, str)]
    names_set = {w for n in names for w in n.split()}
    spans = []
    if use_deduce:
        spans += _deduce_spans(text)
    spans += [(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    spans += [(m.start(), m.end(), "phone") for m in _PHONE.finditer(text)]
    spans += [(m.start(), m.end(), "address") for m in _ADDRESS.finditer(text)]
    spans += [(m.start(1), m.end(1), "address") for m in _HOUSE_NUMBER.finditer(text)]
    for m in _POSTCODE.finditer(text):
        letters = m.group(0)[-2:]
        if letters.islower() and letters in _NOT_POSTCODE_LETTERS:
            continue
        if not letters.isupper() and not letters.islower():
            continue
        spans.append((m.start(), m.end(), "postcode"))
    spans += [(m.start(), m.end(), "bsn") for m in _BSN.finditer(text)]
    spans += [(m.start(), m.end(), "date") for m in _DATE.finditer(text)]
    spans += [(m.start(1), m.end(1), "age") for m in _AGE.finditer(text)]
    spans += [(m.start(1), m.end(1), "age") for m in _AGE_WORD.finditer(text)]
    spans += [(m.start(), m.end(), "institution") for m in _INSTITUTION.finditer(text)]
    spans += [(m.start(), m.end(), "place") for m in _PLACE_SUFFIX.finditer(text)
              if m.group(0).lower() not in _ordinary_words()]
    spans += [(m.start(1), m.end(1), "institution") for m in _ORG_CONTEXT.finditer(text)]
    spans += [(m.start(), m.end(), "institution") for m in _ACRONYM.finditer(text)]
    for rx in (_LIVES, _IN_DE):
        for m in rx.finditer(text):
            word = m.group(1).split()[-1]
            if word.lower() not in _ordinary_words() and word not in _first_names():
                spans.append((m.start(1), m.end(1), "place"))
    spans += [(m.start(2), m.end(2), "age") for m in _NAME_AGE.finditer(text)
              if m.group(1) in _first_names() or m.group(1) in names_set]
    spans += [(m.start(1), m.end(1), "name") for m in _NAME_VERB.finditer(text)
              if m.group(1) in _first_names()]
    if places:
        alt = _alternation({_norm(p.strip()) for p in places if p and p.strip()})
        if alt:
            spans += [(m.start(), m.end(), "place") for m in
                      re.finditer(rf"(?<![\w-])(?:{alt})(?![\w-])", text, re.IGNORECASE)]
    if institutions:
        alt = _alternation({_norm(p.strip()) for p in institutions if p and p.strip()})
        if alt:
            spans += [(m.start(), m.end(), "institution") for m in
                      re.finditer(rf"(?<![\w-])(?:{alt})(?![\w-])", text, re.IGNORECASE)]
    spans += _data_name_spans(text, names)
    # shipped first names (capitalised; ordinary words only in a person context)
    plain, ambiguous = _name_list()
    for m in re.finditer(rf"(?<![\w-])(?:{_alternation(plain + ambiguous)})(?![\w-])", text):
        word = m.group(0)
        if word.lower() in _ordinary_words() or word in ambiguous:
            if not _person_context(text, m.start()):
                continue
        spans.append((m.start(), m.end(), "name"))
    spans = [(s - len(m.group(0)), e, k) if k == "institution" and
             (m := re.search(r"\b(?:het|de|De|Het)\s+$", text[max(0, s - 5):s])) else (s, e, k)
             for s, e, k in spans]
    return _merge(spans)


def _merge(spans):
    rank = {k: i for i, k in enumerate(_PRIORITY)}
    out = []
    for s, e, k in sorted(spans, key=lambda x: (x[0], -x[1])):
        if s >= e:
            continue
        if out and s < out[-1][1]:
            ps, pe, pk = out[-1]
            out[-1] = (ps, max(pe, e), pk if rank[pk] <= rank[k] else k)
        else:
            out.append((s, e, k))
    return out


def deidentify(text, names=(), *, lang="nl", places=(), institutions=(), use_deduce=True):
    """Replace personal details in one text (or each text of a Series) by tokens.

    Parameters
    ----------
    text : str or pandas Series
        A quote, or a Series of quotes (NA stays NA).
    names : iterable of str, or dict
        Person names the data know (participants, teachers, referrers: full names, first names
        or surnames), or the dict of :func:`load_names` (then ``places`` and ``institutions``
        come from it too).
    lang : {'nl', 'en'}
        Language of the tokens.
    places, institutions : iterable of str
        Neighbourhoods and GP practices / institutions the data know.
    use_deduce : bool
        Use deduce (default). False: patterns and lists only (faster, lower recall).

    Returns
    -------
    str or Series

    Examples
    --------
    The first call loads deduce's lookup tables (several seconds); later calls are fast.

    >>> deidentify("U kunt Anna bellen op 06-12345678", lang="en")
    'U kunt [name] bellen op [phone]'
    """
    if lang not in DEID_LABELS:
        raise ValueError("lang must be 'nl' or 'en'")
    if isinstance(names, dict):
        places = list(places) + list(names.get("places", ()))
        institutions = list(institutions) + list(names.get("institutions", ()))
        names = names.get("names", ())
    names = tuple(n for n in (names or ()) if isinstance(n, str))
    places, institutions = tuple(places or ()), tuple(institutions or ())
    labels = DEID_LABELS[lang]

    def one(t):
        t = _norm(t)
        spans = find_identifiers(t, names, places=places, institutions=institutions,
                                 use_deduce=use_deduce)
        out, pos = [], 0
        for s, e, k in spans:
            out.append(t[pos:s])
            out.append(labels[k])
            pos = e
        out.append(t[pos:])
        return "".join(out)

    if hasattr(text, "map"):
        return text.map(lambda t: t if not isinstance(t, str) else one(t))
    return one(text)


_SELF_NAMING = re.compile(
    r"\b(?:ik\s+heet|mijn\s+naam\s+is|ze\s+noemen\s+me|noem\s+me\s+maar|mijn\s+naam:|"
    r"my\s+name\s+is|I\s+am\s+called)\s+(?:\[[\w-]+\]|[A-ZÀ-Ý])"
    r"|\bik\s+ben\s+(?:\[(?:naam|name)\]|(?-i:[A-ZÀ-Ý][a-zà-ÿ]+)(?=[\s,.!?]))", re.IGNORECASE)


def publishable(text, names=()):
    """May this quote appear in a report?

    False when the text still holds a listed name (a full name in any case, or a capitalised
    part that is not an ordinary word, or an ordinary-word part in a person context), or when
    its speaker names themself ("ik heet ...", "mijn naam is ...", "ik ben <Naam>", also after
    de-identification: "ik heet [naam]"). Quote selection calls it on the de-identified text.

    Parameters
    ----------
    text : str
    names : iterable of str, or the dict of :func:`load_names`
    """
    if not isinstance(text, str):
        return False
    if isinstance(names, dict):
        names = list(names.get("names", ()))
    t = _norm(text)
    if _SELF_NAMING.search(t):
        return False
    return not _data_name_spans(t, [n for n in (names or ()) if isinstance(n, str)])
