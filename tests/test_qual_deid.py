"""De-identification on the committed evaluation corpus (tests/fixtures/deid), the person-context
rule for names that are ordinary words, publishable() and the deidentify command."""

from pathlib import Path

import pytest

from impact.qual.deid import deidentify, load_names, publishable
from impact.qual.deid_eval import evaluate, parse_corpus
from tests.conftest import run_cli

DEID = Path(__file__).parent / "fixtures" / "deid"
# identifiers found and ordinary words replaced on dev4_nl.txt (the third held-out part, measured
# once at the end of the third round, development data since), as docs/deidentification.md
# reports them
DEV4 = (171, 0)
# the same on dev5_nl.txt (the fourth held-out part, written by an independent writer, measured
# once at the end of the fourth round at 285 of 314 with 23 over-redacted; development data since,
# its school annotation brought to the convention: 286 of 314; 312 of 314 and none after the
# fifth round's rules; the title before initials taken out of one mark in the seventh round, as
# the later writers mark it: 313 of 314 after the seventh round's rules; 314 after the eighth
# round's names: "Hoop" taken up by "ze")
DEV5 = (314, 0)
# the same on dev6_nl.txt (the fifth held-out part, written by an independent writer in other
# genres: transcripts, chats, forms, notes; measured once at the end of the fifth round at 361 of
# 421 with 28 over-redacted; development data since, the sixth round tuned on its odd lines and
# checked its even lines three times: 413 of 421 and 10 after the sixth round's rules; 414 and 3
# after the seventh round's names, places and ages; 416 and 3 after the eighth round's
# institutions, 418 and 3 with its names)
DEV6 = (418, 3)
# the same on dev7_nl.txt (the sixth held-out part, written by an independent writer, measured once
# at the end of the sixth round at 430 of 477 with 40 over-redacted; development data since: 475
# of 477 and 7 after the seventh round's names, places and ages; 476 with the eighth round's
# gazetteer; 476 and 10 with the ninth round's ages: "en een half" after an age is part of it,
# as the eighth held-out part marks it ("drie en een half") and this file does not ("84 [en een
# half]"), three words of one convention)
DEV7 = (476, 10)
# the same on dev8_nl.txt (the seventh held-out part, written by an independent writer, measured
# once at the end of the seventh round at 439 of 484 with 37 over-redacted; development data since,
# three weekdays taken out of their dates' marks as every other file marks them: 442 of 484; 445
# with the eighth round's gazetteer, 455 and 31 with its ages, 465 and 31 with its institutions,
# 478 and 24 with its names, streets and dates in words; 478 and 22 with the ninth round's names:
# the words before a named place and "aan de" stay; 479 and 22 with its place after an institution;
# 480 and 22 with the tenth round's neighbourhood in a chat group's label)
DEV8 = (480, 22)
# the same on dev9_nl.txt (the eighth held-out part, written by an independent writer, measured
# once at the end of the eighth round at 426 of 475 with 30 over-redacted; development data since:
# 442 and 21 with the ninth round's names, full names, streets and the words around streets;
# 442 and 26 with its ages alone; 442 and 22 with its neighbourhoods, institutions and schools
# alone; 474 and 9 with the three)
DEV9 = (474, 9)
# the same on dev10_nl.txt (the ninth held-out part, written by an independent writer, measured
# once at the end of the ninth round at 457 of 501 with 35 over-redacted; development data since:
# 472 and 32 with the tenth round's neighbourhoods, institutions and schools alone, 467 and 30 with
# its names alone, 472 and 35 with its ages alone, 497 and 27 with the three)
DEV10 = (497, 27)
# the same on dev11_nl.txt (the tenth held-out part, written by an independent writer, measured
# once at the end of the tenth round at 478 of 498 with 36 over-redacted; development data since:
# 490 and 27 with the eleventh round's ages and names alone, 486 and 32 with its institutions and
# neighbourhoods alone, 498 and 23 with both)
DEV11 = (498, 23)


@pytest.fixture(scope="module")
def names():
    return load_names(DEID / "names.csv")


def test_corpus_is_large_and_varied():
    items = [g for _, gold in parse_corpus(DEID / "corpus_nl.txt") for g in gold]
    assert len(items) >= 300 and len({k for _, _, k in items}) >= 12


@pytest.mark.parametrize("with_names", [False, True])
def test_corpus_recall_and_over_redaction(names, with_names):
    res = evaluate(DEID / "corpus_nl.txt", names if with_names else None)
    assert res["ordinary_words"] >= 1000
    assert res["recall"] >= 0.98, res["misses"]
    bad = {k: v["recall"] for k, v in res["per_kind"].items() if v["recall"] < 0.95}
    assert not bad, (bad, res["misses"])
    assert res["over_redaction"] <= 0.01, res["over_words"]
    assert res["trap_words"] >= 20 and res["trap_over_redacted"] == 0


def test_ordinary_word_surnames_only_where_they_name_a_person(names):
    text = ("Ik voel me weer jong. Ik spreek Frans. De bakker bakt. Mijn vader was visser. "
            "Mevrouw de Jong kwam. Meneer Visser ook. Dat mag. Hij speelt bas. Een roos.")
    out = deidentify(text, names)
    assert out == ("Ik voel me weer jong. Ik spreek Frans. De bakker bakt. Mijn vader was visser. "
                   "Mevrouw [naam] kwam. Meneer [naam] ook. Dat mag. Hij speelt bas. Een roos.")


def test_communities_dates_of_birth_streets_postcodes():
    text = ("Hatice Öztürk, Samira Bouzidi, Rajesh Jagessar en Winston Kartosen. Geboren op "
            "3-11-1946. Oude Vest 55, Rapenburg 23, 2312 kl. Huisartsenpraktijk De Vaart.")
    out = deidentify(text)
    assert out == ("[naam], [naam], [naam] en [naam]. Geboren op [datum]. [adres], [adres], "
                   "[postcode]. [instelling].")
    assert (deidentify("U kunt Anna bellen op 06-12345678", lang="en")
            == "U kunt [name] bellen op [phone]")


def test_publishable(names):
    assert publishable("Het schilderen geeft me rust.", names)
    assert not publishable("Ik heet [naam] en ik kom hier graag.", names)   # names themself
    assert not publishable("Mijn naam is Ria, en ik schilder.", names)
    assert not publishable("Samira zet altijd thee.", names)                 # listed name left
    assert publishable("Ik voel me weer jong.", names)                       # de Jong listed
    assert publishable("Ik spreek Frans.", names)


def test_cli_deidentify(tmp_path):
    q = tmp_path / "quotes.csv"
    q.write_text("quote_id,participant_id,wave,source,role,text\n"
                 "q1,P1,T0,intake_interview,participant,\"Ik ben Samira, bel 06-12345678.\"\n",
                 encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = run_cli("deidentify", q, "--names", DEID / "names.csv", "--output", out)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text("utf-8")
    assert "[telefoon]" in text and "Samira" not in text and "q1,P1,T0" in text
    proc = run_cli("deidentify", q, "--output", out)
    assert proc.returncode == 2 and "overwrite" in proc.stderr


def test_cli_deidentify_summary_limits_and_progress(tmp_path):
    q = tmp_path / "quotes.csv"
    q.write_text("quote_id,participant_id,wave,source,role,text\n"
                 "q1,P1,T0,intake_interview,participant,\"Dokter Amzil belde op 06-12345678.\"\n"
                 "q2,P2,T0,intake_interview,participant,Het schilderen geeft rust.\n"
                 "q3,P3,T1,exit_interview,participant,Volg @tineke_tekent en bel 06-87654321.\n",
                 encoding="utf-8")
    before = q.read_bytes()
    out = tmp_path / "out.csv"
    proc = run_cli("deidentify", q, "--output", out)
    assert proc.returncode == 0, proc.stderr
    # the summary names each kind with its count; no progress bar when stderr is not a terminal
    assert "2 of 3 quotes changed" in proc.stdout
    assert "2 x [telefoon]" in proc.stdout and "1 x [naam]" in proc.stdout
    assert "1 x [account]" in proc.stdout and proc.stderr == ""
    assert "Dokter [naam] belde op [telefoon]." in out.read_text("utf-8")
    # limits: a quote too long or too many quotes, exit 2 naming file, row and column; nothing
    # written, the input untouched
    for extra, words in ((["--max-chars", "30"], ["row 2", "column 'text'", "--max-chars"]),
                         (["--max-quotes", "2"], ["3 quotes", "--max-quotes"])):
        out2 = tmp_path / "out2.csv"
        proc = run_cli("deidentify", q, "--output", out2, *extra)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert all(w in proc.stderr for w in words), proc.stderr
        # nothing but the earlier output, its provenance sidecar (the output writer's) and the
        # input
        assert not out2.exists() and sorted(p.name for p in tmp_path.iterdir()) == \
            [".out.csv.impact.json", "out.csv", "quotes.csv"]
    proc = run_cli("deidentify", q, "--output", tmp_path / "out3.xlsx", "--max-chars", "30000")
    assert proc.returncode == 0, proc.stderr
    assert q.read_bytes() == before


def test_progress_only_on_a_terminal():
    import io

    from impact.commands.deidentify import _Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    for stream, shown in ((Tty(), True), (io.StringIO(), False)):
        bar = _Progress(400, stream=stream)
        bar.update(200)
        bar.update(200)
        bar.close()
        text = stream.getvalue()
        assert (("400" in text) and ("de-identifying" in text)) == shown, text


def test_exemplars_never_select_self_naming_or_named_quotes():
    import pandas as pd

    from impact.qual import exemplar_quotes

    quotes = pd.DataFrame({
        "quote_id": ["q1", "q2", "q3"], "participant_id": ["P1", "P2", "P3"],
        "wave": "T1", "source": "exit_interview", "role": "participant",
        "text": ["Ik heet Gerda en het schilderen geeft me rust, echt waar.",
                 "Het schilderen geeft me rust in mijn hoofd, elke week weer.",
                 "Winston zei dat het schilderen hem rust gaf, elke week."]})
    codings = pd.DataFrame({"unit": ["q1", "q2", "q3"], "coder": "A", "code": "mental"})
    ex = exemplar_quotes(quotes, codings, n=3, min_chars=10, names=["Winston Kartosen"])
    # q1 names its speaker: never chosen; q3's listed name is replaced, so it may be shown
    assert sorted(ex["text"]) == ["Het schilderen geeft me rust in mijn hoofd, elke week weer.",
                                  "[naam] zei dat het schilderen hem rust gaf, elke week."]


# ---- deduce beside the caller (deduce_ahead) -------------------------------------------------

def _corpus_texts(n=60):
    return [text for text, _ in parse_corpus(DEID / "corpus_nl.txt")][:n]


def test_deduce_ahead_loads_in_a_thread_and_changes_no_text(tmp_path):
    """A fresh process: deduce_ahead loads deduce and the word sets in a thread while the caller
    goes on; the quotes come out exactly as without it."""
    import json
    import subprocess
    import sys

    texts = _corpus_texts(40)
    expected = [deidentify(t) for t in texts]
    script = tmp_path / "ahead.py"
    script.write_text(
        "import json, sys\n"
        "from impact.qual import deid\n"
        "texts = json.loads(sys.stdin.read())\n"
        "with deid.deduce_ahead():\n"
        "    started = deid._WARMING is not None and not deid._DEDUCE\n"
        "    out = [deid.deidentify(t) for t in texts]\n"
        "print(json.dumps({'out': out, 'started': started, 'loaded': len(deid._DEDUCE),\n"
        "                  'thread_done': not deid._WARMING.is_alive()}))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], input=json.dumps(texts),
                          capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["out"] == expected
    assert got["started"] and got["loaded"] == 1 and got["thread_done"]


def test_deduce_is_built_once_when_two_threads_ask(monkeypatch):
    import threading
    import time

    from impact.qual import deid

    built = []

    def slow():
        time.sleep(0.2)
        built.append(object())
        return built[-1]

    monkeypatch.setattr(deid, "_DEDUCE", [])
    monkeypatch.setattr(deid, "_build_deduce", slow)
    other = threading.Thread(target=deid._deduce)
    other.start()
    time.sleep(0.05)
    here = deid._deduce()
    other.join()
    assert len(built) == 1 and here is built[0]


def test_deduce_loads_with_its_objects_frozen():
    """The lookup tables are out of the collector's way once loaded, and their tries are in
    compact form (some 60,000 tracked objects instead of 4.5 million)."""
    import gc

    from impact.qual import deid
    from impact.qual._deduce_lookup import CompactTrie

    structs = deid._deduce().lookup_structs
    assert gc.get_freeze_count() > 20_000
    assert gc.isenabled()
    assert {n for n, s in structs.items() if type(s) is CompactTrie} >= {
        "street", "healthcare_institution", "first_name", "surname", "placename"}


@pytest.mark.parametrize("text, expected", [
    # an ordinary word deduce takes in at a sentence start stays ("Bel", "Vraag", "Dan")
    ("Bel Anna de Vries op 06-12345678", "Bel [naam] op [telefoon]"),
    ("Dan Piet Jansen.", "Dan [naam]."),
    # a first name that is also a word is part of the name ("Roos Jansen")
    ("Roos Jansen kwam ook.", "[naam] kwam ook."),
    # ordinary words around a particle, capitalised, have the shape of a full name
    ("Frans de Wit belde.", "[naam] belde."),
    ("Roos van Dam kwam.", "[naam] kwam."),
    # ... but not when the last word is lower case
    ("Ik spreek Frans de hele dag.", "Ik spreek Frans de hele dag."),
])
def test_name_spans_at_a_sentence_start(text, expected):
    assert deidentify(text) == expected


# ---- one case for each miss class of issue 25 (no corpus sentence) ----------------------------

@pytest.mark.parametrize("text, expected", [
    # names in lower case and in capitals
    ("ik heb de kwasten gekregen van marloes, zij stopt ermee.",
     "ik heb de kwasten gekregen van [naam], zij stopt ermee."),
    ("toen zei kevin dat hij ook wilde meedoen.", "toen zei [naam] dat hij ook wilde meedoen."),
    ("SAMEN MET ANNEKE VAN DIJK HEB IK DE MUURSCHILDERING GEMAAKT.",
     "SAMEN MET [naam] HEB IK DE MUURSCHILDERING GEMAAKT."),
    # first names alone, and names that are words, in a name position
    ("Roel", "[naam]"),
    ("Frans", "[naam]"),
    ("Gisteren kwam Frans binnen.", "Gisteren kwam [naam] binnen."),
    ("Mark heeft de lijsten opgehangen.", "[naam] heeft de lijsten opgehangen."),
    ("Ik heb Roos gisteren nog gebeld.", "Ik heb [naam] gisteren nog gebeld."),
    # title + surname or first name
    ("Dokter Amzil heeft me doorverwezen.", "Dokter [naam] heeft me doorverwezen."),
    ("huisarts van Wijk belde mij terug.", "huisarts [naam] belde mij terug."),
    ("De juf Tamara was er ook.", "De juf [naam] was er ook."),
    ("Meester Koos vertelde een mop.", "Meester [naam] vertelde een mop."),
    ("Mevrouw Ouchan was er ook.", "Mevrouw [naam] was er ook."),
    ("Meneer Groen gaf de les.", "Meneer [naam] gaf de les."),
    ("Mijn docent Wilhelmina Kanariepiet kwam.", "Mijn docent [naam] kwam."),   # whole name
    # initials, handles, schools
    ("Het formulier van A.M. Hoogendoorn lag klaar.", "Het formulier van [naam] lag klaar."),
    ("Volg mij op @tineke_tekent voor foto's.", "Volg mij op [account] voor foto's."),
    ("Ze zit op basisschool De Vlinderboom.", "Ze zit op [instelling]."),
    ("Hij werkt op het Stanislascollege.", "Hij werkt op het [instelling]."),
    ("Mijn zoon zit op OBS De Kring.", "Mijn zoon zit op [instelling]."),
    # ages
    ("Ik ben vierentachtig en nog kwiek.", "Ik ben [leeftijd] en nog kwiek."),
    ("Op mijn 70ste ben ik gaan tekenen.", "Op mijn [leeftijd] ben ik gaan tekenen."),
    ("Een 88-jarige buurman deed ook mee.", "Een [leeftijd] buurman deed ook mee."),
    ("Mijn kleinzoon van 6 tekende mee.", "Mijn kleinzoon van [leeftijd] tekende mee."),
    # streets without a number; a house number with a floor (3-II) replaced whole
    ("Ik woon aan de Zeemanlaan, vlak bij de markt.", "Ik woon aan de [adres], vlak bij de markt."),
    ("Ik woon op Breestraat 3-II sinds vorig jaar.", "Ik woon op [adres] sinds vorig jaar."),
    # the full stop after a date stays
    ("De les was op 12 mei. Daarna gingen we naar huis.",
     "De les was op [datum]. Daarna gingen we naar huis."),
    # neighbourhoods without a suffix or cue: a rare name from the gazetteer anywhere, a name that
    # is also a Dutch word after in/uit/naar, any capitalised non-word in a sentence about where
    # someone lives; "buurthuis in X" keeps the buurthuis; the town after a postcode stays
    ("Het buurtfeest in Hoograven was gezellig.", "Het buurtfeest in [wijk] was gezellig."),
    ("Mijn broer komt uit Zuilen.", "Mijn broer komt uit [wijk]."),
    ("Sinds de verhuizing wonen we in Vlinderveld.", "Sinds de verhuizing wonen we in [wijk]."),
    ("Het buurthuis in Kanaleneiland is weer open.", "Het buurthuis in [wijk] is weer open."),
    ("Stuur het naar Kerkstraat 4, 2311 AB Leiden.", "Stuur het naar [adres], [postcode] Leiden."),
    # third round (misses of the second held-out part): a first name that is a common word or a
    # village after a word of company or a verb that takes a person
    ("Ik zag Ben vanmiddag bij de bakker.", "Ik zag [naam] vanmiddag bij de bakker."),
    ("Ik teken graag samen met Jet.", "Ik teken graag samen met [naam]."),
    # a name in no list (no Dutch word) after such a word or before a person's verb
    ("Daarna belde Kwabena om te zeggen dat hij later kwam.",
     "Daarna belde [naam] om te zeggen dat hij later kwam."),
    ("Tsegay komt elke week op de fiets.", "[naam] komt elke week op de fiets."),
    # a lower-case name in no list, after a word of company
    ("ik ga met tigist naar de markt.", "ik ga met [naam] naar de markt."),
    # a lower-case surname with a particle, after a title or a lower-case first name
    ("ik sprak met meneer el ouazzani over de cursus.", "ik sprak met meneer [naam] over de cursus."),
    ("ik kook samen met truus van der laan.", "ik kook samen met [naam]."),
    # hyphenated school names
    ("Mijn dochter zit op het Sint-Maartenscollege.", "Mijn dochter zit op het [instelling]."),
    ("Hij zat op het Erasmus-Lyceum in Zoetermeer.", "Hij zat op het [instelling] in Zoetermeer."),
    # fourth round (misses of the third held-out part): a capitalised word in no list and no
    # word, anywhere inside a sentence but after a preposition of place or an article
    ("Gelukkig bracht Oluwaseyi de koffie mee.", "Gelukkig bracht [naam] de koffie mee."),
    ("Volgens Ikwuemesi is rood een warme kleur.", "Volgens [naam] is rood een warme kleur."),
    ("Bij Tadesse thuis tekenen we soms verder.", "Bij [naam] thuis tekenen we soms verder."),
    # a street with the word that tells its part, after "wonen op de"
    ("Wij wonen op de Korte Vliet sinds de zomer.", "Wij wonen op de [adres] sinds de zomer."),
    # a lower-case first name after a verb that takes a person
    ("ik heb sanne gisteren geholpen.", "ik heb [naam] gisteren geholpen."),
    # a first name that is a month, with a capital after a title (no number after it)
    ("Onze juf April leest elke vrijdag voor.", "Onze juf [naam] leest elke vrijdag voor."),
    # an age after a person's noun and "van"
    ("Die oude meneer van 87 tekent het mooist.", "Die oude meneer van [leeftijd] tekent het mooist."),
    # schools and child care by more head words, the kind of school with the name
    ("Ze gaat naar de peuterspeelzaal De Hummeltjes.", "Ze gaat naar de [instelling]."),
    ("Hij zat op openbare basisschool De Klimop.", "Hij zat op [instelling]."),
    # a first name of another community that is in deduce's (Dutch) list of first names and
    # too common in Dutch text for the rule of unknown words (the world's first names)
    ("We gingen met Bassam naar de markt.", "We gingen met [naam] naar de markt."),
    # a neighbourhood that deduce also lists as a village, too rare in Dutch text to be a known
    # town (CBS's names and Zipf < 3): a neighbourhood after a preposition of place
    ("Wij zijn verhuisd naar Hintham.", "Wij zijn verhuisd naar [wijk]."),
    ("Mijn vriendin woont in Huizum, vlak bij het station.",
     "Mijn vriendin woont in [wijk], vlak bij het station."),
    # a school named after a person, with the title or first name before it
    ("Mijn dochter zit op de Prinses Julianaschool.", "Mijn dochter zit op de [instelling]."),
    ("Hij zat op de Willem de Zwijgerschool.", "Hij zat op de [instelling]."),
    # an age in words when something happened
    ("Toen ik vijfenzestig werd, ging ik met pensioen.",
     "Toen ik [leeftijd] werd, ging ik met pensioen."),
    # a name in no list first in its sentence: before an apposition or a relative clause, "en"
    # and a person, or a verb of a person
    ("Tesfaldet wil volgend jaar weer meedoen.", "[naam] wil volgend jaar weer meedoen."),
    ("Yohannes, mijn buurman, kookt graag.", "[naam], mijn buurman, kookt graag."),
    ("Nnamdi en ik schilderen samen.", "[naam] en ik schilderen samen."),
    # a surname with one-letter parts ("-A-"), whole after a title
    ("Meneer Tjon-A-Fong gaf les.", "Meneer [naam] gaf les."),
    # an age given roughly
    ("Ik ben een jaar of zeventig.", "Ik ben een jaar of [leeftijd]."),
    ("Zij is rond de 80 en nog heel fit.", "Zij is rond de [leeftijd] en nog heel fit."),
    # a name after the word for a neighbourhood
    ("Ze woont in de wijk Lage Land.", "Ze woont in de wijk [wijk]."),
    # lower case: a first name after more prepositions; a listed surname after a title and a
    # particle, even an ordinary word
    ("we lachten samen om ricardo.", "we lachten samen om [naam]."),
    ("mevrouw de graaf helpt me met de verf.", "mevrouw [naam] helpt me met de verf."),
    # fifth round: an age in words or in brackets said of someone else, only before an end of
    # clause (never before a noun: "zes weken", "twee keer")
    ("Mijn kleindochter Noor, ze is negen, komt mee.",
     "Mijn kleindochter [naam], ze is [leeftijd], komt mee."),
    ("Er kwam een jongen van twaalf binnen met zijn moeder.",
     "Er kwam een jongen van [leeftijd] binnen met zijn moeder."),
    ("Samir (14) en zijn zus Aya (7) zaten vooraan.",
     "[naam] ([leeftijd]) en zijn zus [naam] ([leeftijd]) zaten vooraan."),
    ("Mijn kleinzoon heet Daan, hij is vijf.", "Mijn kleinzoon heet [naam], hij is [leeftijd]."),
    ("Ilse is pas vijftien en zingt al solo.", "[naam] is pas [leeftijd] en zingt al solo."),
    ("Mijn buurvrouw wordt 80 in mei.", "Mijn buurvrouw wordt [leeftijd] in mei."),
    ("Een jongetje van negen hielp mij.", "Een jongetje van [leeftijd] hielp mij."),
    ("Ik was toen negenenzestig.", "Ik was toen [leeftijd]."),
    ("Mijn oma, 88, breit nog.", "Mijn oma, [leeftijd], breit nog."),
    ("Volgende week wordt ze negentig.", "Volgende week wordt ze [leeftijd]."),
    ("Toen zij 12 was, kwam ze hier.", "Toen zij [leeftijd] was, kwam ze hier."),
    ("De tweeling (4) speelde buiten.", "De tweeling ([leeftijd]) speelde buiten."),
    ("De jongste, Jesse, is pas dertien.", "De jongste, [naam], is pas [leeftijd]."),
    ("Mijn kleinzoon zit op De Klimop, groep 6.", "Mijn kleinzoon zit op [instelling], groep 6."),
    # "van" before a name in capitals stays
    ("DE BUURVROUW VAN ANNEKE HEEFT HET GEREGELD.", "DE BUURVROUW VAN [naam] HEEFT HET GEREGELD."),
    # a school by its own name, or a capitalised name in a school's position
    ("Mijn zoon zit op het Davinci, hij wil monteur worden.",
     "Mijn zoon zit op het [instelling], hij wil monteur worden."),
    ("Hij zit op het Graafschap en fietst elke dag.",
     "Hij zit op het [instelling] en fietst elke dag."),
    ("De studenten van mbo Utrecht hielpen ons.", "De studenten van [instelling] hielpen ons."),
    # a neighbourhood in lower case, or of several words, after a preposition of place
    ("Wij komen uit transvaal, vlak bij het park.", "Wij komen uit [wijk], vlak bij het park."),
    ("Ik woon in de Indische Buurt.", "Ik woon in de [wijk]."),
    ("We repeteren in oog in al, achter de kerk.", "We repeteren in [wijk], achter de kerk."),
    ("Zij groeide op in het Oude Noorden.", "Zij groeide op in het [wijk]."),
    # lower-case first names at a sentence start; East-Asian first names
    ("fatima en yasmina gaan samen naar de les.", "[naam] en [naam] gaan samen naar de les."),
    ("soufiane kwam te laat.", "[naam] kwam te laat."),
    ("Minh en haar zus kwamen te laat.", "[naam] en haar zus kwamen te laat."),
    ("Jiahui fotografeert bloemen.", "[naam] fotografeert bloemen."),
    ("Huong kookt voor de groep.", "[naam] kookt voor de groep."),
    # a name in capitals whole, even a first name that is a word
    ("MIJN BUURMAN PETER HOOGENDOORN KWAM OOK.", "MIJN BUURMAN [naam] KWAM OOK."),
    # a foundation's "in de X"; a house number's suffix or floor
    ("Ik kreeg hulp van Stichting Samen in de Buurt toen ik ziek was.",
     "Ik kreeg hulp van [instelling] toen ik ziek was."),
    ("Mijn adres is Ringdijk 14-bis in Amsterdam.", "Mijn adres is [adres] in Amsterdam."),
    ("Ik woon op de Kastanjelaan 5 3 hoog.", "Ik woon op de [adres]."),
    # a speaker naming themself in lower case; a lower-case surname with a particle after a
    # relation; a name called out
    ("ik ben yasmina bouzid en ik schilder graag.", "ik ben [naam] en ik schilder graag."),
    ("buurman el haddouchi kookt voor ons.", "buurman [naam] kookt voor ons."),
    ("Marieke!! Daar was ze.", "[naam]!! Daar was ze."),
    # a name after a title in capitals; a name after "heet"; a school's own name after "aan het"
    ("IK WIL JUF ANNA BEDANKEN.", "IK WIL JUF [naam] BEDANKEN."),
    ("Zij heet Mei en komt uit Shanghai.", "Zij heet [naam] en komt uit Shanghai."),
    ("Mijn dochter studeert aan het Alfa-college.", "Mijn dochter studeert aan het [instelling]."),
    # the words between a name and an institution stay
    ("Juf Anouk op de Regenboog is streng.", "Juf [naam] op de [instelling] is streng."),
    # sixth round (other genres: transcripts, chats, forms, notes): a speaker's name before a
    # colon, also after a chat's time stamp
    ("Wiesława: Ik kom hier elke week, het is mijn uitje.",
     "[naam]: Ik kom hier elke week, het is mijn uitje."),
    ("[09:15] dragana: ik ben er bijna", "[09:15] [naam]: ik ben er bijna"),
    # a name after a chat's greeting or before its closing, called first, at someone's home,
    # after a relation in lower case
    ("hoi fenna kom je zaterdag?", "hoi [naam] kom je zaterdag?"),
    ("tot morgen! gr wilma", "tot morgen! gr [naam]"),
    ("latifa ik heb je schort meegenomen", "[naam] ik heb je schort meegenomen"),
    ("haha tineke jij bent echt een kunstenaar", "haha [naam] jij bent echt een kunstenaar"),
    ("top gedaan jacqueline!!", "top gedaan [naam]!!"),
    ("ok thanks!! x anja", "ok thanks!! x [naam]"),
    ("we eten vanavond bij yara thuis", "we eten vanavond bij [naam] thuis"),
    ("mn buurvrouw zeynep komt ook mee", "mn buurvrouw [naam] komt ook mee"),
    # a surname with particles in lower case after an abbreviated title, or with "van 't"
    ("mw. de boer belde af voor dinsdag", "mw. [naam] belde af voor dinsdag"),
    ("Dokter van 't Hek heeft me gestuurd.", "Dokter [naam] heeft me gestuurd."),
    # ages: after a form's label (and its correction), in brackets after a title and a
    # surname, with a name in brackets, in a note's list, as the answer to "hoe oud"
    ("Leeftijd: achtenzestig", "Leeftijd: [leeftijd]"),
    ("leeftijd 70, nee sorry 71", "leeftijd [leeftijd], nee sorry [leeftijd]"),
    ("Dhr. Ramdin (86!) komt met de taxi.", "Dhr. [naam] ([leeftijd]!) komt met de taxi."),
    ("Mw. Pinas (wordt 75 in juni) wil een feestje.",
     "Mw. [naam] (wordt [leeftijd] in juni) wil een feestje."),
    ("Onze vrijwilliger (Stijn, 24) helpt mee.", "Onze vrijwilliger ([naam], [leeftijd]) helpt mee."),
    ("Fatma, 54, Lombok, komt via de huisarts.", "[naam], [leeftijd], [wijk], komt via de huisarts."),
    # ... also a neighbourhood that deduce lists as a small place
    ("Intake dhr. Bakker, 77, Hoogkerk, via de POH.",
     "Intake dhr. [naam], [leeftijd], [wijk], via de POH."),
    ("hoe oud is ze nu, negen?", "hoe oud is ze nu, [leeftijd]?"),
    ("Haar kleinzoon – Bowen, acht jaar – tekende mee.",
     "Haar kleinzoon – [naam], [leeftijd] – tekende mee."),
    ("De oudste deelnemer is 94.", "De oudste deelnemer is [leeftijd]."),
    ("Mw. Yilmaz - 69 - wil graag naaien.", "Mw. [naam] - [leeftijd] - wil graag naaien."),
    # a capitalised word right after a relation is a name, even a word
    ("Mijn vriendin Hoop komt ook.", "Mijn vriendin [naam] komt ook."),
    # one whose age is said is a person, a name first in a note before a bracket
    ("Lente is zes en tekent graag.", "[naam] is [leeftijd] en tekent graag."),
    ("Let op: Amare (zoon van mw. Tesfay) is vijftien en wil helpen.",
     "Let op: [naam] (zoon van mw. [naam]) is [leeftijd] en wil helpen."),
    # a note's sex and age in brackets; a surname's initial after a first name; names joined
    # by "&"
    ("Deelnemer 3 (v, 67) kwam via de huisarts.", "Deelnemer 3 (v, [leeftijd]) kwam via de huisarts."),
    ("Anouk (deelnemer, 67): Ik kom hier graag.", "[naam] (deelnemer, [leeftijd]): Ik kom hier graag."),
    ("Anna B. heeft de flyer gemaakt.", "[naam] heeft de flyer gemaakt."),
    ("Oluwaseun & Chidi kwamen samen.", "[naam] & [naam] kwamen samen."),
    # names in a list with brackets; a hyphenated East-Asian given name
    ("Afwezig: Xiaoyu (ziek), Bogdan (vakantie)", "Afwezig: [naam] (ziek), [naam] (vakantie)"),
    ("xiao-wei heeft de thee gezet.", "[naam] heeft de thee gezet."),
    # what is filled in after a form's label
    ("Naam: fatma yıldırım", "Naam: [naam]"),
    ("Scholen: De Regenboog, Het Kompas", "Scholen: [instelling], [instelling]"),
    ("Geboortejaar: 1947", "Geboortejaar: [datum]"),
    ("Geboren: 1943, in Paramaribo.", "Geboren: [datum], in Paramaribo."),
    ("Mevrouw K. belde om af te zeggen.", "Mevrouw [naam] belde om af te zeggen."),
    ("wachtlijst: sevda, nouria en bogdan", "wachtlijst: [naam], [naam] en [naam]"),
    ("Contactpersoon: dochter Selin, tel 06-18273645",
     "Contactpersoon: dochter [naam], tel [telefoon]"),
    ("Aanmelder: POH-GGZ Sanne de Wit", "Aanmelder: POH-GGZ [naam]"),
    # schools: a school's word after the name, in capitals, with a capitalised article, two in
    # a list, in a sentence about school
    ("Mijn zoon studeert aan de Saxion Hogeschool.", "Mijn zoon studeert aan de [instelling]."),
    ("MIJN KLEINZOON ZIT OP HET STEDELIJK GYMNASIUM.", "MIJN KLEINZOON ZIT OP HET [instelling]."),
    ("De jongste zit op De Toermalijn, groep 4.", "De jongste zit op [instelling], groep 4."),
    ("Mijn kleinkinderen zitten op OBS De Linde en het Vechtdal College.",
     "Mijn kleinkinderen zitten op [instelling] en het [instelling]."),
    ("Zij doet vwo op het Rhedens.", "Zij doet vwo op het [instelling]."),
    ("Ze zit op de Montessori in de bovenbouw.", "Ze zit op de [instelling] in de bovenbouw."),
    # neighbourhoods: hyphenated with a compass point, two words with a place's word, a
    # wijkteam's neighbourhood
    ("Ik woon in Kralingen-Oost sinds mijn trouwen.", "Ik woon in [wijk] sinds mijn trouwen."),
    ("Ik ben opgegroeid in Engelse Park, daar speelden we op straat.",
     "Ik ben opgegroeid in [wijk], daar speelden we op straat."),
    ("Overleg met Lisa (wijkteam Zuidwijk) gepland.", "Overleg met [naam] (wijkteam [wijk]) gepland."),
    # more school abbreviations, also in lower case; an age after an inverted verb and "ik"
    ("Hij zit op CSG Comenius in de tweede klas.", "Hij zit op [instelling] in de tweede klas."),
    ("De juf van obs De Klimop kwam kijken.", "De juf van [instelling] kwam kijken."),
    ("Toen mijn vrouw overleed was ik zeventig.", "Toen mijn vrouw overleed was ik [leeftijd]."),
    # a neighbourhood named beside the word for it or after "bij ons in"; dates and ages of
    # other forms
    ("De buurt (Lombok) is gezellig.", "De buurt ([wijk]) is gezellig."),
    ("Groep Zuilen loopt goed.", "Groep [wijk] loopt goed."),
    ("Woonplaats: Malburgen", "Woonplaats: [wijk]"),
    ("Bij ons in Kanaleneiland is veel te doen.", "Bij ons in [wijk] is veel te doen."),
    ("De volgende les is op 23-3.", "De volgende les is op [datum]."),
    ("Ik ben van 1948, dus ik weet hoe het was.", "Ik ben van [datum], dus ik weet hoe het was."),
    ("Haar negentigste verjaardag vierden we hier.", "Haar [leeftijd] verjaardag vierden we hier."),
    ("Een vrouw van in de zeventig kwam binnen.", "Een vrouw van in de [leeftijd] kwam binnen."),
    ("Bel me op +32 470 12 34 56.", "Bel me op [telefoon]."),
    # institutions by a national organisation's name or their kind
    ("Via Humanitas kreeg ik een maatje.", "Via [instelling] kreeg ik een maatje."),
    ("Vluchtelingenwerk Oost-Nederland heeft me geholpen.", "[instelling] heeft me geholpen."),
    ("Ik kreeg eten van de Voedselbank Amersfoort.", "Ik kreeg eten van de [instelling]."),
    ("Ik kwam via welzijnsorganisatie Swazoom bij de groep.",
     "Ik kwam via [instelling] bij de groep."),
    # the word before a name at a sentence start or in capitals stays; a nationality after a
    # name's particles stays
    ("BEDANKT KOEN VOOR DE KOFFIE.", "BEDANKT [naam] VOOR DE KOFFIE."),
    ("Kleinzoon Daan (5) kwam ook mee.", "Kleinzoon [naam] ([leeftijd]) kwam ook mee."),
    ("Dirigent Marcelino gaf het teken.", "Dirigent [naam] gaf het teken."),
    ("Meneer Wong van de Chinese kerk bracht thee.", "Meneer [naam] van de Chinese kerk bracht thee."),
])
def test_each_miss_class_is_replaced_whole(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Ik leer Frans op de volksuniversiteit.",      # a language, not the name Frans
    "De docent Duits kwam kijken.",                # a subject after a title
    "Hoop doet leven, zeg ik altijd.",             # a name-word at a sentence start, no person
    "Anders had ik het niet gedaan.",              # verb and pronoun after it: no subject
    "Ik woon in Katwijk en werk in Den Haag.",     # towns and cities are kept
    "Zij komt uit Marokko.",                       # and countries
    "We zaten in groep 4-III bij elkaar.",         # a class, no address
    "Ik ben al 20 jaar lid van de club.",          # a duration, no age
    "De zuilen van de kerk zijn hoog.",            # a neighbourhood's name as a plain word
    "Roos en tulp zijn mijn lievelingsbloemen.",   # a name-word before "en" and a plain noun
    "Mijn buurvrouw komt uit Aleppo en kookt.",    # a city known in Dutch text, no neighbourhood
    "We waren de hele avond met WhatsApp bezig.",  # a capitalised common word after "met"
    # fourth round: places abroad (known in English text, or a district abroad), languages,
    # nationalities and feasts are no names or neighbourhoods; a word of a town's name of
    # several words, or of a hyphenated one, stays; a first name that is a common word before
    # a noun at a sentence start is the word
    "Mijn oom is geboren in Tetouan.",
    "Mijn nicht woont nog in Hargeisa, ze belt elke week.",
    "Thuis spreken we Amhaars en soms Oromo.",
    "De Eritrese en Kaapverdische vrouwen kookten samen.",
    "Met Divali en Holi maken we lichtjes.",
    "Tijdens de Ramadan kom ik later.",
    "We spraken Duits, Frans en Pools door elkaar.",
    "Mijn broer woont in Koudekerk aan den Rijn.",
    "Ik woon in Hardinxveld-Giessendam.",
    "Lieve buren heb ik hier gevonden.",
    "Ze is geboren in Asmara en woont nu hier.",   # a first name after "in" is a place
    "Ik eet een broodje met salami.",               # a world first name in lower case is a word
    "Mijn zoon woont in Oegstgeest en werkt in Voorschoten.",  # known towns stay
    "Schilderles begint om tien uur.",              # a Dutch compound wordfreq does not know
    "Onnauwkeurigheid kan ik niet uitstaan.",       # a Dutch noun by its ending
    "Ramadan was zwaar dit jaar.",                  # a feast before a verb
    "Ik ben rond de 20 keer geweest.",              # a number of times, no age
    "Inshallah, het komt goed.",                    # an interjection before a comma
    "Mashallah, wat heb je dat mooi gemaakt.",
    "De wijk Noord is groot.",                      # a part of town by its compass point
    "we gingen om tien uur naar huis.",
    # fifth round: durations and counts are no ages; the protocol's programmes, well-known
    # places, cities abroad by their Dutch name, nationality nouns, a material, a field
    "Het was sessie 3 van 12, en ik was moe.",
    "We waren met zes.",
    "Ze is zes weken ziek geweest.",
    "Hij is zeven keer geweest.",
    "Ik kreeg een verwijzing voor Welzijn op Recept.",
    "Kunst op Recept helpt mij echt.",
    "De fotogroep In Beeld komt op dinsdag.",
    "We gingen naar de Keukenhof met de bus.",
    "Hij komt uit Krakau en ik uit Gdansk.",
    "We gingen naar Den Bosch en Zwolle.",
    "Er zit ook een Pool in de groep.",
    "De koeien staan in de wei.",
    "Een ring van jade kreeg ik van oma.",
    "Ze zit op de bank naast mij.",
    "Hij zit op Facebook de hele dag.",
    "Ze zijn verhuisd van Groningen naar Leeuwarden.",
    "De dochter van twee vrienden kwam ook.",       # a count after a child's noun and "van"
    "Mijn zus woont in de Achterhoek.",              # a region
    "Ik ben moe en ik ga slapen.",                   # no name after "ik ben"
    "Help! Het brandt.",                             # a word called out
    "Mashallah! Wat mooi.",                          # an interjection called out
    "lekker was het.",                               # a lower-case word first, no name
    "Een beeld van Zadkine staat in de tuin.",       # a school's name that is a sculptor's
    "We gaan naar Drenthe op vakantie.",             # ... or a province's
    "MENEER ZEI DAT HET GOED WAS.",                  # a verb after a title in capitals
    "MIJN NICHT WIL OOK MEE.",                       # a verb that is also a first name
    "Hij is vier jaar mijn buurman.",                # years before a noun: a duration
    "Mijn huisnummer is zeven.",                     # a number of a thing, no person's age
    "Nasi en bami hadden we gegeten.",               # dishes and sports of pinyin's shape
    "Is ze al twee weken ziek?",                     # a duration after the inverted verb
    "Toen hij 10 minuten later kwam, begonnen we.",
    "Zie bijlage (3) voor meer.",                    # a number in brackets after a thing
    "Qigong en yoga doen we op maandag.",
    "De taal heet Tigrinya.",                        # a language after "heet"
    # sixth round: a surname that is a common word first in its sentence, brands, a feast, a
    # language, a form's label, roles before a colon, greetings to a group, a label with no
    # person after it, counts in brackets, a town with a compass point
    "Streng maar rechtvaardig, zo was ze.",
    "We kochten verf bij de HEMA en bij de Action.",
    "Mijn vader werkte veertig jaar bij Philips.",
    "Op Keti Koti zingen we in het park.",
    "Thuis spreek ik Papiamento met mijn moeder.",
    "Tip: neem een warme jas mee.",
    "Gespreksleider: Welkom allemaal, we beginnen.",
    "Vraag: Hoe vond u de lessen?",
    "hoi allemaal, morgen is er geen les",
    "groetjes van ons allemaal",
    "dank je wel voor het rijden",
    "bij ons thuis eten we om zes uur",
    "Leeftijd maakt niet uit, iedereen is welkom.",
    "Afwezig: niemand, iedereen was er.",
    "Naam: onbekend",
    "Woonplaats: Arnhem",                            # a town after a form's label stays
    "Mijn zoon Nederlands leren is moeilijk.",       # a language after a relation
    "De groep (Noord) start in mei.",
    "Aantal deelnemers: 12 (8 vrouwen, 4 mannen)",
    "De zaal (30 plaatsen) was vol.",
    "Mijn kleinzoon doet examen in mei, hij is zenuwachtig.",
    "Hij woont in Oud-Beijerland en werkt in Den Haag.",
    "Bij ons in Nederland is dat anders.",
    "We spelen om 3-2 of zo.",
    "Ik ben van 1970 tot 1990 lerares geweest.",
    "Fwd: nieuwe datum",                             # an e-mail's label, no speaker
    "Tip: ik zou de koffie eerder klaarzetten.",     # a form's word before a turn
    "Afmelding: ik kan morgen niet komen.",
    "Gespreksleidster: Ik dank jullie allemaal.",    # a role by its ending
    "Aanwezig: allen",                               # a list's word, no person
    "Hoe oud is het gebouw, honderd?",               # the age of a thing
    "Toen was ik twee weken weg.",                   # a duration after the inverted verb
    "we eten vanavond pasta",                        # a chat's last word, no name
    "tot morgen allemaal!!",
    "We gingen naar Het Concertgebouw.",             # a venue every reader knows
    "Een artikel van De Volkskrant lag op tafel.",   # a newspaper
])
def test_ordinary_text_stays(text):
    assert deidentify(text) == text


def test_a_weekday_before_a_date_stays():
    assert deidentify("Op zaterdag 8 maart zongen we.") == "Op zaterdag [datum] zongen we."


def test_ordinary_sentences_outside_the_corpora():
    """60 ordinary Dutch sentences with no identifier (tests/fixtures/deid/ordinary_nl.txt,
    written in the fifth round): none changes ("in de Noordoostpolder", a municipality after an
    article, was taken for a street until the seventh round); 10 changed before the fifth."""
    lines = [t for t in (DEID / "ordinary_nl.txt").read_text("utf-8").splitlines()
             if t.strip() and not t.startswith("#")]
    changed = [t for t in lines if deidentify(t) != t]
    assert len(lines) == 60
    assert changed == []
    # the evaluation reads a file with no identifier as over-redaction alone
    res = evaluate(DEID / "ordinary_nl.txt")
    assert res["n_identifiers"] == 0 and res["recall"] != res["recall"]      # NaN
    assert (res["over_redacted"], res["ordinary_words"]) == (0, 550)


def test_a_listed_town_is_replaced():
    """Towns stay unless the data list them (names file, kind neighbourhood/place)."""
    assert deidentify("Ik woon in Katwijk.", places=["Katwijk"]) == "Ik woon in [wijk]."


def test_wilson_interval_matches_r_prop_test():
    """R's prop.test(k, n, correct = FALSE)$conf.int (tests/fixtures/deid_wilson.R)."""
    import json

    from impact.qual.deid_eval import wilson

    ref = json.loads((DEID.parent / "deid_wilson.json").read_text("utf-8"))
    assert len(ref) >= 5
    for case in ref:
        low, high = wilson(case["k"], case["n"])
        assert low == pytest.approx(case["low"], abs=1e-10), case
        assert high == pytest.approx(case["high"], abs=1e-10), case


def test_development_quotes():
    res = evaluate(DEID / "dev_nl.txt")
    assert res["recall"] >= 0.95 and res["over_redacted"] == 0, (res["misses"],
                                                                  res["over_words"])
    # the first held-out part, development data since it was looked at
    res = evaluate(DEID / "dev2_nl.txt")
    assert res["recall"] >= 0.95 and res["over_redaction"] <= 0.005, (res["misses"],
                                                                      res["over_words"])
    assert res["per_kind"]["wijk"]["recall"] >= 0.9, res["misses"]
    # the second held-out part, development data since its misses were read (third round)
    res = evaluate(DEID / "dev3_nl.txt")
    assert res["recall"] >= 0.98 and res["over_redaction"] <= 0.006, (res["misses"],
                                                                      res["over_words"])
    assert res["per_kind"]["voornaam"]["recall"] >= 0.95, res["misses"]
    # the third held-out part, development data since its misses were read (fourth round)
    res = evaluate(DEID / "dev4_nl.txt")
    assert res["n_identifiers"] == 171 and res["ordinary_words"] == 1469
    found = sum(v["found"] for v in res["per_kind"].values())
    assert (found, res["over_redacted"]) == DEV4, (res["misses"], res["over_words"])
    # the fourth held-out part, development data since its misses were read (fifth round)
    res = evaluate(DEID / "dev5_nl.txt")
    assert res["n_identifiers"] == 314 and res["ordinary_words"] == 3100
    found = sum(v["found"] for v in res["per_kind"].values())
    assert (found, res["over_redacted"]) == DEV5, (res["misses"], res["over_words"])
    # the fifth held-out part, development data since its misses were read (sixth round)
    res = evaluate(DEID / "dev6_nl.txt")
    assert res["n_identifiers"] == 421 and res["ordinary_words"] == 3373
    found = sum(v["found"] for v in res["per_kind"].values())
    assert (found, res["over_redacted"]) == DEV6, (res["misses"], res["over_words"])
    # the sixth held-out part, development data since its misses were read (seventh round)
    res = evaluate(DEID / "dev7_nl.txt")
    assert res["n_identifiers"] == 477 and res["ordinary_words"] == 4609
    found = sum(v["found"] for v in res["per_kind"].values())
    assert (found, res["over_redacted"]) == DEV7, (res["misses"], res["over_words"])
    # the seventh held-out part, development data since its misses were read (eighth round)
    res = evaluate(DEID / "dev8_nl.txt")
    assert res["n_identifiers"] == 484 and res["ordinary_words"] == 3974
    found = sum(v["found"] for v in res["per_kind"].values())
    assert (found, res["over_redacted"]) == DEV8, (res["misses"], res["over_words"])
    # the eighth held-out part, development data since its misses were read (ninth round)
    res = evaluate(DEID / "dev9_nl.txt")
    assert res["n_identifiers"] == 475 and res["ordinary_words"] == 4497
    found = sum(v["found"] for v in res["per_kind"].values())
    assert (found, res["over_redacted"]) == DEV9, (res["misses"], res["over_words"])
    # the ninth held-out part, development data since its misses were read (tenth round)
    res = evaluate(DEID / "dev10_nl.txt")
    assert res["n_identifiers"] == 501 and res["ordinary_words"] == 4221
    found = sum(v["found"] for v in res["per_kind"].values())
    assert (found, res["over_redacted"]) == DEV10, (res["misses"], res["over_words"])
    # the tenth held-out part, development data since its misses were read (eleventh round)
    res = evaluate(DEID / "dev11_nl.txt")
    assert res["n_identifiers"] == 498 and res["ordinary_words"] == 4177
    found = sum(v["found"] for v in res["per_kind"].values())
    assert (found, res["over_redacted"]) == DEV11, (res["misses"], res["over_words"])


def test_deidentify_langs_writes_each_language_as_deidentify_does():
    from impact.qual.deid import deidentify_langs

    texts = [line for f in ("dev6_nl.txt", "ordinary_nl.txt")
             for line, _ in parse_corpus(DEID / f)][:200] + _corpus_texts(60)
    names = ["Anna de Vries", "Karim", "Schilderswijk"]
    got = deidentify_langs(texts, names, ["nl", "en"])
    for lang in ("nl", "en"):
        assert got[lang] == [deidentify(t, names, lang=lang) for t in texts], lang
    assert sum(a != b for a, b in zip(got["nl"], got["en"])) >= 50     # tokens differ


def test_every_rule_module_is_registered_in_order():
    """Each ``_deid_*.py`` rule module registers itself in deid when the package imports it
    (deid imports none of them): none may be left out, and they run in the package's order."""
    from impact.qual import deid

    here = Path(deid.__file__).parent
    names = [m.__name__.rsplit(".", 1)[1] for m in deid._RULES]
    assert sorted(names) == sorted(p.stem for p in here.glob("_deid_*.py"))
    assert names == ["_deid_names", "_deid_places", "_deid_institutions", "_deid_ages"]
