"""Seventh round of issue 25 (impact/qual/_deid_names.py): first names and names by their
position, and the capitals and function words that stay. Invented sentences, none of a corpus."""

import pytest

from impact.qual import _deid_names
from impact.qual.deid import deidentify, find_identifiers


def _names(text):
    return [text[s:e] for s, e, k in find_identifiers(text) if k == "name"]


# a chat in lower case: a first name of the lists that is no word, wherever it stands
@pytest.mark.parametrize("text, name", [
    ("ok dan neem ik morgen marloes ook mee", "marloes"),
    ("komt yasmina ook naar de les?", "yasmina"),
    ("haha ja tamara zeker weten", "tamara"),
    ("nee sorry, anouk bedoel ik", "anouk"),
    ("oke dan rosalie, tot dinsdag", "rosalie"),
    ("heyy soraya hoe was het", "soraya"),
    ("heb geen facebook joline haha", "joline"),
    ("zeg maar tegen kofi dat het goed is", "kofi"),
    ("ik wacht wel op jolanda bij de ingang", "jolanda"),
    ("wie was die nieuwe nou? femke?", "femke"),
    ("prima, ik laat het weten. fatoumata", "fatoumata"),
    ("heb je lena al gesproken?", "lena"),
    ("lieve soraya, beterschap!", "soraya"),
])
def test_chat_first_names_in_lower_case(text, name):
    assert name not in deidentify(text), deidentify(text)


def test_chat_full_name_in_lower_case():
    assert deidentify("gr marieke de wit") == "gr [naam]"
    assert deidentify("doei, ilse scholten") == "doei, [naam]"


# a chat's ordinary words stay, also words some list holds as a first name
@pytest.mark.parametrize("text", [
    "ik neem ook brood mee", "haha nee echt niet", "groet, team", "ik heb pijn in mijn lies",
    "de maas stond hoog vandaag", "wat een mooie jade ketting", "tijdens ramadan komt ze niet",
    "hij is heel koen", "ik ben zo rijk met deze groep", "dat mag niet hoor",
    "een roos voor de juf", "ik speel bas in een bandje", "sorry ik ben te laat, de bus was weg",
    "thanks voor de foto's, echt nice", "mijn zusje komt ook", "we hebben een lam getekend",
    "de beren en de vlinders op de tekening", "wat een mooie peer heb je getekend",
    "ok cool, tot morgen", "we hebben een kar vol spullen", "hee ik sta bij de bushalte",
])
def test_chat_words_stay(text):
    assert deidentify(text) == text


# a first name that is also a word or a village, in a name's position
@pytest.mark.parametrize("text, expected", [
    ("top gedaan allemaal. -hatice", "top gedaan allemaal. -[naam]"),
    ("Fijne avond nog. – Roos", "Fijne avond nog. – [naam]"),
    ("Met vriendelijke groet, Wessel\nCoördinator", "Met vriendelijke groet, [naam]\nCoördinator"),
    ("Hoi Wessel, kun je me bellen?", "Hoi [naam], kun je me bellen?"),
    ("Beste Rijk, dank voor je mail.", "Beste [naam], dank voor je mail."),
    ("Verslag Roos (coördinator): de groep loopt goed.",
     "Verslag [naam] (coördinator): de groep loopt goed."),
    ("Notitie Bas: groep zit vol.", "Notitie [naam]: groep zit vol."),
    ("Afwezig: Bas, Roos, mw. Jansen.", "Afwezig: [naam], [naam], mw. [naam]."),
    ("De docent, Wessel, had alles klaargezet.", "De docent, [naam], had alles klaargezet."),
    ("Saba: Ik teken elke week, dat helpt.", "[naam]: Ik teken elke week, dat helpt."),
])
def test_word_first_names_in_a_names_position(text, expected):
    assert deidentify(text) == expected


def test_signature_after_closing_greeting():
    assert _names("Groetjes, Rijk – Stichting Kleur") == ["Rijk"]


def test_numbered_list_of_persons():
    text = "Lijst: 1. mw. Pinas 2. dhr. Ofori 3. Kwame Mensah 4. Berhane"
    assert deidentify(text) == "Lijst: 1. mw. [naam] 2. dhr. [naam] 3. [naam] 4. [naam]"
    text = "Groep B: 1. Ama Owusu 2. Merel Dekker 3. Zon"
    assert deidentify(text) == "Groep B: 1. [naam] 2. [naam] 3. [naam]"


@pytest.mark.parametrize("text", ["Bloemen: 1. Roos 2. Tulp 3. Lelie",
                                  "Programma: 1. Welkom 2. Schilderen 3. Koffie en thee"])
def test_numbered_list_of_things_is_no_list_of_persons(text):
    assert _deid_names.spans(text, text.lower(), text) == []


# look-alikes of those positions stay
@pytest.mark.parametrize("text", [
    "Agenda: 1. Opening 2. Notulen 3. Rondvraag", "Boodschappen: 1. Koffie 2. Thee 3. Soep",
    "Tip: Ik zou het gewoon proberen.", "Vraag: Wat vond u het mooiste?",
    "Conclusie: We gaan door.", "Dag allemaal, fijne avond!", "Hallo Nederland!",
    "Groeten uit Zwolle", "Rijk en arm kwamen samen.", "De rivier, Maas, stroomt hier.",
    "Beterschap Ster", "Dat was het - mooi", "Verslag maart (concept): klaar.",
])
def test_name_position_look_alikes_stay(text):
    assert deidentify(text) == text


# what stays: titles, abbreviations, headings in capitals, programmes, function words
@pytest.mark.parametrize("text, expected", [
    ("De brief is getekend door mw. J.K. Sedney.", "De brief is getekend door mw. [naam]."),
    ("Contact: dhr. P. Lakeman", "Contact: dhr. [naam]"),
    ("P.S. Het materiaal ligt klaar.", "P.S. Het materiaal ligt klaar."),
    ("N.B. De les begint later.", "N.B. De les begint later."),
    ("P.S. Vergeet je schort niet.", "P.S. Vergeet je schort niet."),
    ("P.S. Marieke belt je nog.", "P.S. [naam] belt je nog."),
    ("INTERVIEWVERSLAG FOCUSGROEP 2", "INTERVIEWVERSLAG FOCUSGROEP 2"),
    ("Kwartaalrapportage (concept):", "Kwartaalrapportage (concept):"),
    ("MIJN BUURMAN HARRY KLOOSTERMAN KWAM OOK", "MIJN BUURMAN [naam] KWAM OOK"),
    ("KUNST OP RECEPT – EINDRAPPORTAGE VOORJAAR", "KUNST OP RECEPT – EINDRAPPORTAGE VOORJAAR"),
    ("FORMULIER VOORMETING – WELZIJN OP RECEPT", "FORMULIER VOORMETING – WELZIJN OP RECEPT"),
    ("Streng? Nee hoor.", "Streng? Nee hoor."),
    ("Onderwerp: aanmeldingen Kunst op Recept Zuid en Noord",
     "Onderwerp: aanmeldingen Kunst op Recept Zuid en Noord"),
    ("Hij is eigenlijk best koen, hij durft alles.", "Hij is eigenlijk best koen, hij durft alles."),
    ("We wandelen langs de Oude Vaart.", "We wandelen langs de [naam]."),
])
def test_titles_abbreviations_and_headings_stay(text, expected):
    assert deidentify(text) == expected


def test_a_persons_initials_and_surname_still_go():
    assert deidentify("Namens de stichting tekende mevr. A.B. de Groot.") == \
        "Namens de stichting tekende mevr. [naam]."
    assert deidentify("Ik heb Jan de Vries gebeld.") == "Ik heb [naam] gebeld."
    assert deidentify("Meneer van der Berg kwam ook.") == "Meneer [naam] kwam ook."


@pytest.mark.parametrize("text, expected", [
    ("We tekenen in de bibliotheek aan de Kerkweg 14.", "We tekenen in de bibliotheek aan de [adres]."),
    ("De les is in zorgcentrum De Linde aan de Populierenlaan.",
     "De les is in [instelling] aan de [adres]."),
    ("Zij was docent Duits van het Stedelijk Lyceum.", "Zij was docent Duits van het [instelling]."),
])
def test_words_before_a_street_and_a_subject_stay(text, expected):
    assert deidentify(text) == expected


# ordinary chat messages without a name stay whole
@pytest.mark.parametrize("text", [
    "ik ben er morgen niet, moet naar de tandarts", "wie neemt er koekjes mee?",
    "moet ik nog verf kopen bij de action?", "top, dan zie ik jullie dinsdag",
    "ik neem mijn kleinzoon mee als dat mag", "ok dan doen we dat", "jaaa leuk!!",
    "ik kom wat later want de dokter liep uit", "nee sorry kan niet",
    "ik ga nu slapen, welterusten allemaal", "ik had pijn in mijn knie",
    "ik heb een engel geschilderd voor kerst", "ik heb een peer en een appel getekend",
    "heel veel sterkte", "ik heb salsa gedanst haha", "je zusje was er ook", "was leuk met jullie, tot volgende keer",
])
def test_ordinary_chat_messages_stay(text):
    assert deidentify(text) == text


@pytest.mark.parametrize("text, expected", [
    ("Tot dinsdag!\nRijk", "Tot dinsdag!\n[naam]"),
    ("Van: Roos Bakker\nAan: Bas\nOnderwerp: les", "Van: [naam]\nAan: [naam]\nOnderwerp: les"),
    ("Cc: Wessel, Rijk", "Cc: [naam], [naam]"),
    ("Ingevuld door: Wessel", "Ingevuld door: [naam]"),
    ("Contactpersoon: Hoop Verbeek", "Contactpersoon: [naam]"),
    ("Aanwezig: Rijk (voorzitter), Wessel, Annet en Saba",
     "Aanwezig: [naam] (voorzitter), [naam], [naam] en [naam]"),
    ("Morgen komt fenneke ook, zei ze.", "Morgen komt [naam] ook, zei ze."),
    ("[10:02] Saba: ok top", "[10:02] [naam]: ok top"),
    ("thanks wessel!!", "thanks [naam]!!"),
    ("Wessel en Rijk kwamen samen binnen.", "[naam] en [naam] kwamen samen binnen."),
])
def test_names_in_headers_signatures_and_pairs(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Van: Gemeente Zwolle\nAan: Team Zuid", "Aan: de hele groep", "Naam: onbekend",
    "Tot dinsdag!\nGroetjes", "Zwolle en Deventer zijn steden.",
])
def test_header_and_pair_look_alikes_stay(text):
    assert deidentify(text) == text


@pytest.mark.parametrize("text, expected", [
    ("ik vond lena's tekening mooi", "ik vond [naam]'s tekening mooi"),
    ("groetjes jan-willem", "groetjes [naam]"),
    ("Rijk's idee was goed", "[naam]'s idee was goed"),
    ("de oma's kwamen ook", "de oma's kwamen ook"),
    ("mei-juni is druk", "mei-juni is druk"),
    ("jan-feb hebben we vakantie", "jan-feb hebben we vakantie"),
])
def test_possessives_and_hyphenated_first_names(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Groetjes van Rijk", "Groetjes van [naam]"),
    ("GROETJES, RIJK", "GROETJES, [naam]"),
    ("Dank je wel Rijk!", "Dank je wel [naam]!"),
    ("Hallo Rijk en Wessel,", "Hallo [naam] en [naam],"),
    ("groetjes wessel en rijk", "groetjes [naam] en [naam]"),
    ("Tot morgen, Wessel!", "Tot morgen, [naam]!"),
    ("doei doei, saba", "doei doei, [naam]"),
    ("-Roos & Bas", "-[naam] & [naam]"),
    ("hoi beata, de docent vraagt het", "hoi [naam], de docent vraagt het"),
])
def test_greetings_and_signatures_of_several_forms(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Ik woon in Groningen, Haren.", "Dat was het. Prachtig!", "Dank je wel allemaal!",
    "Groetjes van ons allemaal", "Hoi Utrecht!", "Tot ziens, Nederland!", "Het was mooi. Zwolle",
    "ik neem brood en kaas mee",
])
def test_greeting_and_signature_look_alikes_stay(text):
    assert deidentify(text) == text


# a Dutch first name that is also a village or a word, with a capital inside a sentence
@pytest.mark.parametrize("text, expected", [
    ("Volgens Rijk was het goed.", "Volgens [naam] was het goed."),
    ("Samen met Rijk en Wessel heb ik geschilderd.", "Samen met [naam] en [naam] heb ik geschilderd."),
    ("Nee hoor, Rijk, dat klopt niet.", "Nee hoor, [naam], dat klopt niet."),
    ("Is Wessel er morgen ook?", "Is [naam] er morgen ook?"),
    ("Ik ging met Axel en Linde naar de les.", "Ik ging met [naam] en [naam] naar de les."),
])
def test_village_first_names_inside_a_sentence(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Ik woon in Lisse.", "Ik heb in Zwolle en Lisse gewoond.", "Het Rijk betaalt mee.",
    "Ik fiets van Horst naar Venlo.", "We gingen naar Veere en Middelburg.",
    "Zij komt uit Horst aan de Maas.", "De bollenvelden rond Lisse zijn mooi.",
    "Rijk en arm kwamen samen.", "We aten haring en brood.",
])
def test_village_first_names_where_a_place_stands_stay(text):
    assert deidentify(text) == text


@pytest.mark.parametrize("text, expected", [
    ("Rijk, wil jij de koffie doen?", "[naam], wil jij de koffie doen?"),
    ("Wessel (8) tekent graag.", "[naam] ([leeftijd]) tekent graag."),
    ("Foto: Wessel", "Foto: [naam]"),
    ("Tekst: Rijk de Vries", "Tekst: [naam]"),
    ("Mooi, kun je dat nog eens doen?", "Mooi, kun je dat nog eens doen?"),
    ("Maandag, kun je dan?", "Maandag, kun je dan?"),
    ("Tip (1): neem een schort mee.", "Tip (1): neem een schort mee."),
    ("Foto: eigen archief", "Foto: eigen archief"),
])
def test_called_first_credits_and_ages_in_brackets(text, expected):
    assert deidentify(text) == expected


# ---------------------------------------------------------------------------------------------
# Eighth round: names by the grammar that gives them, streets by their shape, dates in words,
# and what stays. Invented sentences; for each rule the forms it must find and look-alikes.
# ---------------------------------------------------------------------------------------------

def _replaced(text):
    return [text[s:e] for s, e, k in find_identifiers(text)]


# a lower-case speaker's label at the start of a line or after a chat export's time
@pytest.mark.parametrize("text, name", [
    ("oksana: hoi allemaal, ik kom vandaag later", "oksana"),
    ("bohdan: ja ik neem brood mee", "bohdan"),
    ("kwabena: ik ben er om 2 uur", "kwabena"),
    ("gr, ik ben er\nnadiya: ja ik ook", "nadiya"),
    ("[14:02] oksana: ik ben er bijna", "oksana"),
    ("12-03-2026 09:15 - bohdan: sorry ik ben ziek", "bohdan"),
    ("09:15 mykhailo: goedemorgen allemaal", "mykhailo"),
    ("yevheniya: привіт, is de les vandaag?", "yevheniya"),
])
def test_lower_case_speaker_labels(text, name):
    assert name not in deidentify(text), deidentify(text)


# labels of forms, notes and chats that are words, abbreviations or compounds stay
@pytest.mark.parametrize("text", [
    "vraag: hoe laat begint de les?", "tip: neem een schort mee", "ps: vergeet de verf niet",
    "update: de les gaat door", "opm: niet aanwezig", "insta: kijk op onze pagina",
    "whatsapp: nieuwe groep", "todo: verf kopen", "edit: het is om 2 uur", "nb: de les is om 2 uur",
    "thema: samen zingen", "locatie: buurthuis", "kosten: gratis", "re: aanmelding",
    "agenda: opening en rondvraag", "nameting: volgende week",
])
def test_lower_case_labels_that_are_words_stay(text):
    assert deidentify(text) == text


# in a chat, the person a verb or a preposition takes, also a name no list holds
@pytest.mark.parametrize("text, name", [
    ("oké ik neem dmytro morgen mee, hij wil ook tekenen", "dmytro"),
    ("bel ff noura want ik heb geen beltegoed", "noura"),
    ("zeg tegen wiktoria dat de les om 2 is", "wiktoria"),
    ("ik breng yohannes mee naar de les, hij is 7", "yohannes"),
    ("heb gisteren mykola gesproken, hij komt ook", "mykola"),
    ("kan iemand ahmadou ophalen bij het station? hij weet de weg niet", "ahmadou"),
    ("hebben jullie kateryna gezien vandaag? ze was er niet", "kateryna"),
    ("bel ff kateryna, ik heb geen beltegoed", "kateryna"),
    ("ik ga met yaroslava naar de markt", "yaroslava"),
    ("wie neemt er koffie mee? ik vraag wel aan olena", "olena"),
])
def test_chat_person_after_a_verb_that_takes_one(text, name):
    assert name not in deidentify(text), deidentify(text)


@pytest.mark.parametrize("text", [
    "ik neem wel thee mee", "ik neem rooibosthee mee voor iedereen", "vraag het even aan de juf",
    "zeg tegen iedereen dat het leuk was", "bel me even als je er bent", "ik zie jullie morgen",
    "ik ken hem niet zo goed", "ik help graag met opruimen", "ik neem mijn zusje mee",
    "bel de huisarts maar", "ik breng koekjes mee", "wie neemt er koffie mee?",
    "ik ga met de bus naar de markt", "kan iemand de stoelen ophalen?",
    "hebben jullie de foto's gezien?", "voormeting tegen nameting", "ik kom met pindasaus",
    # (foods no list holds after a verb that takes things too, without a person's pronoun)
    "ik neem baklava mee", "ik breng injera mee voor iedereen", "ik kom met baklava",
    "ik neem rooibos mee en wat koekjes", "wie haalt de dolma op?",
])
def test_chat_objects_that_are_things_stay(text):
    assert deidentify(text) == text


# a first name's possessive without an apostrophe
@pytest.mark.parametrize("text, name", [
    ("haha dat is fatimas tas", "fatimas"),
    ("ligt bij anouks moeder thuis", "anouks"),
    ("ik heb nadias telefoonnummer niet", "nadias"),
])
def test_possessive_without_apostrophe(text, name):
    assert name not in deidentify(text), deidentify(text)


@pytest.mark.parametrize("text", ["dat zijn de tassen van de groep", "ik heb zijn nummer niet",
                                  "de opas en omas kwamen ook", "is dat jouw jas?"])
def test_plural_and_possessive_look_alikes_stay(text):
    assert deidentify(text) == text


# a name that a verb or the word for a name gives
@pytest.mark.parametrize("text, name", [
    ("Sanne heet ze, die nieuwe van de groep.", "Sanne"),
    ("Jasper heette hij, geloof ik.", "Jasper"),
    ("Mijn buurman? Storm heet hij, echt waar.", "Storm"),
    ("ja die jongen, hij heet storm", "storm"),
    ("Mijn voornaam is Hoop, mijn moeder vond dat mooi.", "Hoop"),
    ("Haar achternaam is Nowakowska, moeilijk hoor.", "Nowakowska"),
    ("Niemand kan mijn achternaam onthouden. Wiśniewski. Dat is lastig hier.", "Wiśniewski"),
    ("Zijn naam is Berhane en hij is 12.", "Berhane"),
    ("Mijn meisjesnaam was Postma, nu heet ik anders.", "Postma"),
])
def test_names_given_by_the_word_for_a_name(text, name):
    assert name not in deidentify(text), deidentify(text)


@pytest.mark.parametrize("text", [
    "Hoe heet hij ook alweer?", "Zo heet hij niet, hoor.", "Het heet Kunst op Recept.",
    "Wat is je naam? Ik vergeet het steeds.", "Mijn naam staat niet op de lijst. Dat is raar.",
    "Mijn achternaam kan niemand uitspreken. Daarom zeg ik alleen mijn voornaam.",
    "Zijn naam staat op de lijst en hij komt.", "De naam van de groep is Samen Sterk.",
])
def test_the_word_for_a_name_without_a_name_stays(text):
    assert deidentify(text) == text


# a capitalised word inside a sentence that a person's pronoun takes up
@pytest.mark.parametrize("text, name", [
    ("Ik ben vaak bij Tesfalem, hij woont naast mij.", "Tesfalem"),
    ("Ik heb les van Ramiro, hij is heel geduldig.", "Ramiro"),
    ("Dat zei Aminata, zij is de dochter van mijn buurvrouw.", "Aminata"),
    ("We gingen met Tewolde, hij kent de weg.", "Tewolde"),
])
def test_capital_taken_up_by_a_persons_pronoun(text, name):
    assert name not in deidentify(text), deidentify(text)


@pytest.mark.parametrize("text", [
    "Ik kom uit Asmara, het is daar heel warm.", "Ik werkte bij Philips, daar was het druk.",
    "Dat zei de docent, zij is heel streng.", "We gingen naar Utrecht, het was mooi.",
    "Ik woon in Assen, ze is daar ook geboren.",
])
def test_capital_before_a_pronoun_look_alikes_stay(text):
    assert deidentify(text) == text


# a street's name with the capitalised words before its last word
@pytest.mark.parametrize("text, expected", [
    ("Ik woon aan de Burgemeester Hogguerstraat, vlak bij het park.",
     "Ik woon aan de [adres], vlak bij het park."),
    ("We lopen samen over de Prins Hendrikkade naar huis.",
     "We lopen samen over de [adres] naar huis."),
    ("Vroeger woonde ik op de Johan de Wittlaan in het centrum.",
     "Vroeger woonde ik op de [adres] in het centrum."),
    ("We verzamelen op het Generaal Foulkesplein om tien uur.",
     "We verzamelen op het [adres] om tien uur."),
    ("Ik woon op de Admiraal de Ruijterweg, vlak bij de markt.",
     "Ik woon op de [adres], vlak bij de markt."),
    ("Mijn huis is aan de 2e Jan Steenstraat.", "Mijn huis is aan de [adres]."),
    ("Ik woon op de 1e Van der Helststraat 12.", "Ik woon op de [adres]."),
])
def test_street_with_its_title_or_first_name(text, expected):
    assert deidentify(text) == expected


def test_street_head_stops_at_a_sentence_and_a_lower_case_word():
    text = "Vlakbij Hoogstraat is een bushalte."
    assert deidentify(text) == text
    assert deidentify("Ik loop altijd over de Dorpsstraat naar huis.") == \
        "Ik loop altijd over de [adres] naar huis."


# dates said in words
@pytest.mark.parametrize("text, date", [
    ("Mijn man is overleden op de 12e van vorige maand.", "12e van vorige maand"),
    ("Ze is jarig op de vijfde van deze maand, dan trakteert ze.", "vijfde van deze maand"),
    ("Op de eenentwintigste van vorige maand is ze gevallen.", "eenentwintigste van vorige maand"),
    ("Mijn moeder is overleden in maart vorig jaar, sindsdien ben ik alleen.", "maart vorig jaar"),
    ("Sinds oktober vorig jaar woon ik alleen, na de scheiding.", "oktober vorig jaar"),
    ("Ik ben op de 21ste juni geopereerd aan mijn knie.", "21ste juni"),
])
def test_dates_in_words(text, date):
    assert date in _replaced(text), _replaced(text)


@pytest.mark.parametrize("text", [
    "Op de 3e bijeenkomst kwam de wethouder.", "De derde les was het mooist.",
    "We beginnen in mei volgend jaar met een nieuwe groep.",
    "De groep startte in september vorig jaar.", "Dit jaar in juni is de expositie.",
])
def test_date_in_words_look_alikes_stay(text):
    assert deidentify(text) == text


# what stays: regional greetings, public figures after an epithet, inhabitants, roles, headings
@pytest.mark.parametrize("text", [
    "Houdoe, tot volgende week!", "Moi, ik ben er weer.", "Ajuus en tot morgen.",
    "We zongen liedjes van Vader Abraham.", "Koning Willem-Alexander kwam op bezoek.",
    "Ik heb Prinses Amalia een keer gezien.",
    "Er zijn veel Marokkanen en Surinamers in de wijk.", "Veel Syriërs en Afghanen doen mee.",
    "De Tilburgers zijn heel gastvrij.", "In Rotterdam wonen veel Kaapverdianen.",
    "Heeft u contact met andere Eritreeërs?", "Alle Amsterdammers kennen dat.",
    "Intakeformulier Welzijn op Recept", "Evaluatieformulier In Beeld",
])
def test_greetings_figures_inhabitants_and_headings_stay(text):
    assert deidentify(text) == text


@pytest.mark.parametrize("text, expected", [
    ("Praktijkondersteuner Ilse de Graaf heeft haar aangemeld.",
     "Praktijkondersteuner [naam] heeft haar aangemeld."),
    ("Wijkverpleegkundige Claudia Pinas-Tjon meldt dat het goed gaat.",
     "Wijkverpleegkundige [naam] meldt dat het goed gaat."),
    ("Toen kwam mijn Vader Ahmed binnen.", "Toen kwam mijn Vader [naam] binnen."),
])
def test_role_before_a_name_stays_and_the_name_goes(text, expected):
    assert deidentify(text) == expected


# the subject of what only persons do, a name no list holds
@pytest.mark.parametrize("text, name", [
    ("tsegereda is ziek vandaag", "tsegereda"),
    ("Dawit is mijn maatje.", "Dawit"),
    ("Gisteren zei Oyelaran dat ze stopt.", "Oyelaran"),
    ("heeft iemand iets gehoord van tsegereda? ze was ziek", "tsegereda"),
])
def test_a_persons_subject_and_a_chats_preposition(text, name):
    assert name not in deidentify(text), deidentify(text)


@pytest.mark.parametrize("text", [
    "Marokko is mijn land.", "Utrecht is mijn stad.", "schilderen is mijn hobby",
    "de les is ziek leuk", "{high}% van het gewicht komt van effectgroottes met een hoog risico",
    "koffie is mijn redding haha",
])
def test_subject_look_alikes_stay(text):
    assert deidentify(text) == text


# a street in lower case where one lives; a day alone or a feast's day that dates a life's event
@pytest.mark.parametrize("text, expected", [
    ("ik woon op de burgemeester de vlugtlaan", "ik woon op de [adres]"),
    ("ik woon aan de kastanjelaan 5", "ik woon aan de [adres]"),
    ("ik woon in de jan steenstraat sinds kort", "ik woon in de [adres] sinds kort"),
    ("Ik ben op de 9e jarig.", "Ik ben op de [datum] jarig."),
    ("Volgende week dinsdag de 14e is de expositie.",
     "Volgende week dinsdag de [datum] is de expositie."),
    ("Ze is op tweede kerstdag geboren.", "Ze is op [datum] geboren."),
    ("Sinds vorig jaar mei woon ik hier.", "Sinds [datum] woon ik hier."),
])
def test_lower_case_streets_and_days_of_life_events(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "ik woon vlakbij de snelweg", "ik woon op de hoek van de winkelstraat", "ik woon op de dijk",
    "we wonen aan de gracht", "ik woon in de binnenstad", "Ik woon op de 3e verdieping.",
    "Op tweede kerstdag zingen we in de kerk.", "De 2e les was leuker.",
])
def test_street_and_day_look_alikes_stay(text):
    assert deidentify(text) == text


# in a text of turns, a label whose turn is speech is a speaker's name, even a Dutch word
@pytest.mark.parametrize("text, expected", [
    ("Interviewer: Wie bent u? Lente: Ik zing alto, al jaren.",
     "Interviewer: Wie bent u? [naam]: Ik zing alto, al jaren."),
    ("Interviewer: Wat doet u?\nLama: Mijn kinderen zijn groot.",
     "Interviewer: Wat doet u?\n[naam]: Mijn kinderen zijn groot."),
    ("Saba: Ik teken. Wolk: Ik zing.", "[naam]: Ik teken. [naam]: Ik zing."),
])
def test_labels_of_a_text_of_turns(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Conclusie: we gaan door. Actie: ik bel de gemeente.",
    "Vraag: Wat vond u? Antwoord: Ik vond het mooi.",
    "Tip: ik zou het doen. Let op: de deur is dicht.",
    "Interviewer: Wat vond u? Samenvatting: Ik vond het fijn.",
    "Deelnemer: Ik doe mee. Wens: Ik wil meer bewegen. Klacht: Ik slaap slecht.",
])
def test_labels_of_notes_and_forms_stay(text):
    assert deidentify(text) == text


# a capitalised Dutch word or a full name inside a sentence that a person's pronoun takes up
@pytest.mark.parametrize("text, name", [
    ("Ik heb Storm leren kennen bij de les, ze heet echt zo.", "Storm"),
    ("We zongen samen met Zon, zij heeft een mooie stem.", "Zon"),
    ("Toen kwam Bloem binnen en ze ging meteen zitten.", "Bloem"),
    ("Ik zit naast Mei Lan Wong, ze borduurt prachtig.", "Wong"),
])
def test_word_names_taken_up_by_a_pronoun(text, name):
    assert name not in deidentify(text), deidentify(text)


@pytest.mark.parametrize("text", [
    "Met Pasen kwam ze niet.", "Ik sprak Engels met haar, ze begreep het.",
    "Na de Ramadan komt ze weer.", "In het Nederlands zegt ze weinig.",
    "We gingen met de groep naar Amsterdam, ze vonden het mooi.",
    "Tijdens Kunst op Recept is ze opgebloeid.", "Ik vond het Mooi, ze lachte.",
])
def test_capitals_before_a_pronoun_that_are_no_names_stay(text):
    assert deidentify(text) == text


# a capitalised Dutch word in a person's position inside a sentence
@pytest.mark.parametrize("text, name", [
    ("Ik zat naast Ster.", "Ster"),
    ("Toen zei Hoop: kom op!", "Hoop"),
    ("Bedankt Zon!", "Zon"),
    ("Heb je Ster nog gesproken?", "Ster"),
    ("Ik heb Vrede gebeld.", "Vrede"),
    ("De kinderen zongen en toen lachte Lente.", "Lente"),
])
def test_word_names_in_a_persons_position(text, name):
    assert name not in deidentify(text), deidentify(text)


@pytest.mark.parametrize("text", [
    "Bedankt Gemeente voor de steun.", "Ik heb Thuiszorg gebeld voor hulp.",
    "De docent zei Prima en ging door.", "Hij zei Nee.", "Ik heb Politie gebeld.",
    "Ik heb Werk gevraagd bij de gemeente.", "Bedankt Kunst op Recept!", "Groetjes aan Nederland!",
    "Ik heb Noord gezien en Zuid ook.", "We gingen samen met Welzijn op Recept naar het museum.",
    "Ik zat naast Marokkanen en Turken.", "Bedankt Team Zuid!",
])
def test_capitals_in_a_persons_position_that_are_no_names_stay(text):
    assert deidentify(text) == text


# ---- ninth round: the person a chat's turn, a wish, a greeting, a kin term or a call gives ----

# a chat export's sender is a name whatever word it is (after or before the message's time)
@pytest.mark.parametrize("text, expected", [
    ("[09:15] storm: ben er over 5 min", "[09:15] [naam]: ben er over 5 min"),
    ("[09:15] hoop: ok top", "[09:15] [naam]: ok top"),
    ("09:15 - hoop: ok top\n09:16 - sanne: top", "09:15 - [naam]: ok top\n09:16 - [naam]: top"),
    ("wolk, [09:15]: ik ben ziek vandaag", "[naam], [09:15]: ik ben ziek vandaag"),
    ("[09:15] Wolk: ik ben ziek vandaag", "[09:15] [naam]: ik ben ziek vandaag"),
    ("[21:40] juf Anna: tot morgen", "[21:40] juf [naam]: tot morgen"),
    # (several lines, each a turn, one of them a first name no word is)
    ("dauw: ja hoor\nmargriet: nee joh", "[naam]: ja hoor\n[naam]: nee joh"),
])
def test_chat_export_senders(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "[09:15] Juf: vergeet je schort niet", "[09:15] Coördinator: les gaat door",
    "[09:15] jij: ok", "[09:15] Groep: welkom allemaal", "[09:15] mama: ik kom ook",
    "[09:15] Herinnering: training om 10 uur", "vraag: hoe was het\nantwoord: goed",
    # (an agenda's times and items)
    "12:30 Lunch: brood en soep", "12:30 - Pauze: koffie", "Pauze (12:30): koffie",
    "12:30 Lunch: soep\n13:00 Workshop: schilderen",
])
def test_chat_export_roles_and_labels_stay(text):
    assert deidentify(text) == text


# a wish, a greeting, "doe ... de groeten", "groetjes aan", a message's "van X" take a person
@pytest.mark.parametrize("text, expected", [
    ("sterkte zdenka! tot snel", "sterkte [naam]! tot snel"),
    ("beterschap lieke!", "beterschap [naam]!"),
    ("doe sterre de groeten van mij", "doe [naam] de groeten van mij"),
    ("doe ook de groeten aan mirjam", "doe ook de groeten aan [naam]"),
    ("groetjes aan bram en fleur", "groetjes aan [naam] en [naam]"),
    ("van wolk: ik kom morgen niet", "van [naam]: ik kom morgen niet"),
    ("tot zo, liefs van ster", "tot zo, liefs van [naam]"),
])
def test_wishes_and_greetings_take_a_person(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "sterkte ermee! en succes morgen", "Dag allemaal, hoi allen", "Sterkte docent!",
    "doe je moeder de groeten", "doe iedereen de groeten!", "doe haar de groeten",
    "de groeten aan je moeder", "van harte gefeliciteerd", "Van school: de les is verplaatst",
    "Van de coördinator: geen les", "beterschap wolk", "dag opa!", "succes met je examen",
])
def test_wishes_without_a_person_stay(text):
    assert deidentify(text) == text


# a kin term or a title before a lower-case first name
@pytest.mark.parametrize("text, expected", [
    ("mijn tante roosje zegt dat het helpt", "mijn tante [naam] zegt dat het helpt"),
    ("mijn oom karel en tante ans komen ook", "mijn oom [naam] en tante [naam] komen ook"),
    ("opa hein komt ook, en juf marloes", "opa [naam] komt ook, en juf [naam]"),
])
def test_kin_term_before_a_lower_case_name(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "mijn tante zei dat het goed was", "oma wil ook mee", "opa vindt het leuk",
    "juf zegt dat het mag", "mijn broer werkt bij de gemeente", "dochter tolkt af en toe",
    "mijn moeder kookt lekker", "buurman heeft een hond",
])
def test_kin_term_before_a_word_stays(text):
    assert deidentify(text) == text


# a name called after a colon, who speaks on the phone, a caption's credit, "heet" and a word
@pytest.mark.parametrize("text, expected", [
    ("De juf zei: Teuntje, je bent laat.", "De juf zei: [naam], je bent laat."),
    ("hoi, met sterre hier, ik ben ziek", "hoi, met [naam] hier, ik ben ziek"),
    ("hallo met wai man hier, ik kom later", "hallo met [naam] hier, ik kom later"),
    ("Een mooi werk. – Noor, groep 7", "Een mooi werk. – [naam], groep 7"),
    ("Zie de foto. – Djamilson, basisschool De Ark", "Zie de foto. – [naam], [instelling]"),
    ("Mijn kleinzoon heet Dag, net als zijn opa.", "Mijn kleinzoon heet [naam], net als zijn opa."),
    ("Actie: Sekou.", "Actie: [naam]."),
])
def test_names_called_and_credited(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Hij zei: Mens, je moet rusten.", "Ik zei: Kom, we gaan.", "met mij hier",
    "Wat een drukte met iedereen hier", "Dat was het – ja, echt, zo ging het.",
    "Dag, tot morgen!", "Actie: alle deelnemers bellen.",
])
def test_calls_and_credits_without_a_name_stay(text):
    assert deidentify(text) == text


# a form's fields separated by wide spaces or a tab; initials joined before an accented surname
@pytest.mark.parametrize("text, expected", [
    ("Naam: Rania Haddad   BSN: 123456782", "Naam: [naam]   BSN: [BSN]"),
    ("Naam deelnemer: Piotr Zielinski\tLeeftijd: 61", "Naam deelnemer: [naam]\tLeeftijd: [leeftijd]"),
    ("Contactpersoon: Wiebe Hoekstra    Tel: 0612345678", "Contactpersoon: [naam]    Tel: [telefoon]"),
    ("Aanwezig: A.Y. Öztürk en J.P. Çelik", "Aanwezig: [naam] en [naam]"),
])
def test_form_fields_and_joined_initials(text, expected):
    assert deidentify(text) == expected


# what stays: a possessive's s, a dialect's possessive, the words around a street
@pytest.mark.parametrize("text, expected", [
    ("Ik heb Paini's tuin gezien.", "Ik heb [naam]'s tuin gezien."),
    ("Mien vrouw, Hiltsje, was er ook.", "Mien vrouw, [naam], was er ook."),
    ("Mien man zegt dat ook.", "Mien man zegt dat ook."),
    ("We zitten in de oude kerk aan de Dorpsstraat.", "We zitten in de oude kerk aan de [adres]."),
    ("Mijn vriendin Dinie van de Lindelaan ging mee.", "Mijn vriendin [naam] van de [adres] ging mee."),
    ("Ik ga naar Fysiotherapie De Brug aan de Stationsweg.",
     "Ik ga naar [instelling] aan de [adres]."),
    # (a practice named by its street is the practice: all of it replaced)
    ("Dokter Bos van de praktijk aan de Kerkplein zei het.", "Dokter [naam] van de [adres] zei het."),
])
def test_words_around_names_and_streets_stay(text, expected):
    assert deidentify(text) == expected


# a word between a person and their neighbourhood in a list of commas is their street
def test_street_between_a_person_and_a_neighbourhood():
    assert deidentify("Gesprek bij mw. Okafor, Zwaluwe, Schilderswijk.") == \
        "Gesprek bij mw. [naam], [adres], [wijk]."
    assert deidentify("Huisbezoek mw. Okafor, Utrecht, en toen naar huis.") == \
        "Huisbezoek mw. [naam], Utrecht, en toen naar huis."


# more ways a sender, a signature, a wish and a call are written
@pytest.mark.parametrize("text, expected", [
    ("19:04 dauw: ik kom", "19:04 [naam]: ik kom"),
    ("Dauw (19:04): ik kom", "[naam] (19:04): ik kom"),
    ("tot morgen!\ngroetjes, wolk", "tot morgen!\ngroetjes, [naam]"),
    ("ok top xx storm", "ok top xx [naam]"),
    ("Dank voor je hulp.\nGroet, Ster", "Dank voor je hulp.\nGroet, [naam]"),
    ("Heel veel sterkte voor zbyszek!", "Heel veel sterkte voor [naam]!"),
    ("Wagiman, je moet onder de mensen.", "[naam], je moet onder de mensen."),
    ("juf lotte is ziek", "juf [naam] is ziek"),
])
def test_more_senders_signatures_wishes_and_calls(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Groet, het team", "liefs, mama", "Groetjes en tot morgen!", "succes voor morgen",
    "Enfin, je snapt het.", "Kortom, je moet gaan.", "oma wil ook mee", "opa ben ik nu",
    "opa kent iedereen", "oma jarig vandaag", "mijn zoon nam de bus",
    "Om 19:04 vertrok de bus", "Pff, je moet wat.", "Hmm, je weet het niet.",
    "Tsja, je moet wat.", "Allee, je moet gaan.",
])
def test_more_look_alikes_stay(text):
    assert deidentify(text) == text


# an item of a list beside a name, a first name or a word no Dutch word is
@pytest.mark.parametrize("text, expected", [
    ("Wijkteam Oost: Sekou, Joost en Fatima.", "Wijkteam [wijk]: [naam], [naam] en [naam]."),
    ("Joost, Sekou en Wagiman kwamen.", "[naam], [naam] en [naam] kwamen."),
])
def test_list_mates_of_a_name(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Thanx, Thea", "Thanx, [naam]"),
    ("Ik ben Joost, Kaapverdiaan, geboren in Praia.", "Ik ben [naam], Kaapverdiaan, geboren in Praia."),
    ("Ramadan en Joost", "Ramadan en [naam]"),
])
def test_list_mates_look_alikes_stay(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "doei later", "groetjes snel", "doe alvast de groeten", "doe gerust de groeten aan iedereen",
])
def test_closings_and_greetings_with_adverbs_stay(text):
    assert deidentify(text) == text


def test_ninth_round_positions_with_a_letter_whose_lower_case_is_longer():
    assert deidentify("İstanbul, sterkte zbyszek!") == "İstanbul, sterkte [naam]!"


# --- tenth round: a name by who introduces it, and wherever the text writes it again ----------

# a self-introduction or what the others call one: the name after it, capitalised or, in lower
# case, a first name or a word of no list that no Dutch word is
@pytest.mark.parametrize("text, expected", [
    ("Ik ben Ayaan en ik kom uit Somalië.", "Ik ben [naam] en ik kom uit Somalië."),
    ("Hallo, ik ben Jurgen Blok, de nieuwe docent.", "Hallo, ik ben [naam], de nieuwe docent."),
    ("ik heet priya en ben 12", "ik heet [naam] en ben [leeftijd]"),
    ("Mijn naam is Kwabena Mensah.", "Mijn naam is [naam]."),
    ("ik ben tjitske, woon hier al lang", "ik ben [naam], woon hier al lang"),
    ("Ze noemen me Tootje.", "Ze noemen me [naam]."),
    ("Mijn naam is Wilhelmina, maar iedereen zegt Wil.",
     "Mijn naam is [naam], maar iedereen zegt [naam]."),
    ("noem me maar Bas, dat is makkelijker", "noem me maar [naam], dat is makkelijker"),
    ("m'n naam is Oluwaseun maar ze noemen mij Seun",
     "m'n naam is [naam] maar ze noemen mij [naam]"),
    ("Ik ben Xiaoling Wu en ik schilder graag.", "Ik ben [naam] en ik schilder graag."),
    ('"Ik ben Radomir. Ik kom uit Servië."', '"Ik ben [naam]. Ik kom uit Servië."'),
])
def test_tenth_self_introduction(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "ik ben nieuw hier, ik ben zenuwachtig", "Ik ben Hindoestaans en ik spreek Sranan.",
    "ik ben gepensioneerd en ik ben weduwe", "Ik ben Utrechter.",
    "Ik ben vrijwilliger bij de Voedselbank.", "ik ben er morgen niet", "Ik ben Marokkaan.",
    "ik ben klaar hoor", "ik ben moe maar blij", "Iedereen zegt Ja en Amen.",
    "Mensen zeggen Oma tegen mij.", "Ik ben Islamitisch.",
])
def test_tenth_self_introduction_look_alikes_stay(text):
    assert deidentify(text) == text


# a name before its age in brackets
@pytest.mark.parametrize("text, name", [
    ("Begeleider: Kofi (12) tekent graag.", "Kofi"),
    ("Met Noor (8) en Siebe (10) naar het museum.", "Siebe"),
    ("Yusuf (m, 15) kwam binnen.", "Yusuf"),
    ("Dwayne (14 jaar) maakte een rap.", "Dwayne"),
    ("Notitie: Ilona (9) huilde even.", "Ilona"),
])
def test_tenth_name_before_age_in_brackets(text, name):
    assert name not in deidentify(text)


@pytest.mark.parametrize("text", [
    "In groep (15) kinderen.", "Op pagina (12) staat het.", "Utrecht (3) en Zwolle (2) deden mee.",
])
def test_tenth_age_in_brackets_look_alikes_stay(text):
    assert deidentify(text) == text


# the subject of what persons do at the start of an item of minutes or a list
@pytest.mark.parametrize("text, expected", [
    ("1. Jolanda meldt dat het atelier dicht is.", "1. [naam] meldt dat het atelier dicht is."),
    ("- Karin de Vries vraagt om een nieuwe datum.", "- [naam] vraagt om een nieuwe datum."),
    ("4. Mohammed El Idrissi geeft aan dat hij stopt.",
     "4. [naam] geeft aan dat hij stopt."),
])
def test_tenth_item_subject(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "3. Wijkteam meldt dat er weinig aanmeldingen zijn.", "- Gemeente stelt voor om te verlengen.",
    "2. Voorzitter opent de vergadering.", "1. Begroting is goedgekeurd.",
])
def test_tenth_item_subject_look_alikes_stay(text):
    assert deidentify(text) == text


# a first name that is also a word at a sentence's start before what persons do, no subject after
@pytest.mark.parametrize("text, expected", [
    ("Roos helpt mij altijd met schilderen.", "[naam] helpt mij altijd met schilderen."),
    ("Bram belt me elke week.", "[naam] belt me elke week."),
])
def test_tenth_word_name_as_subject(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Dan helpt mij dat ook niet.", "Door helpt het niet.", "Soms zegt iedereen dat.",
])
def test_tenth_word_name_as_subject_look_alikes_stay(text):
    assert deidentify(text) == text


# capitals in a chat: a listed first name that no word is
def test_tenth_capitals_in_a_chat():
    assert deidentify("jaaa en LIEKE heeft een nieuwe baan") == "jaaa en [naam] heeft een nieuwe baan"


@pytest.mark.parametrize("text", [
    "ik heb NIKS gedaan, ECHT waar", "lol ik ben ZO moe, MORGEN weer", "ok TOP, DANK JE",
])
def test_tenth_capitals_in_a_chat_look_alikes_stay(text):
    assert deidentify(text) == text


# a pet's or a thing's name is no person
@pytest.mark.parametrize("text", [
    "we hebben een hond die heet Bolletje", "onze kat Minoes ligt de hele dag te slapen",
    "Ik heb een nieuwe Gazelle gekocht.", "een oude Leica van mijn opa",
])
def test_tenth_pets_and_things_stay(text):
    assert deidentify(text) == text


# a name found is a name wherever the text writes it again; a surname corrected by a letter
@pytest.mark.parametrize("text, expected", [
    ("Ik ben Marloes. Marloes is mijn naam en iedereen kent MARLOES.",
     "Ik ben [naam]. [naam] is mijn naam en iedereen kent [naam]."),
    ("de juf heette Pieter Bosma... Bosman? nee, Bosma.",
     "de juf heette [naam]... [naam]? nee, [naam]."),
    ("Mijn echtgenoot, de heer C.A. Oudendijk, is gestart.",
     "Mijn echtgenoot, de heer [naam], is gestart."),
    ("Beste Soender, hierbij bevestig ik de afspraak.",
     "Beste [naam], hierbij bevestig ik de afspraak."),
])
def test_tenth_name_again(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Mijn zoon heet Koen, hij is heel koen.", "Mijn zoon heet [naam], hij is heel koen."),
    ("Ik heb Hoop leren kennen, ze heet echt zo. Ik hoop dat ze blijft.",
     "Ik heb [naam] leren kennen, ze heet echt zo. Ik hoop dat ze blijft."),
])
def test_tenth_name_again_look_alikes_stay(text, expected):
    assert deidentify(text) == expected


def test_tenth_ik_ben_and_a_word_common_in_english_stays():
    assert deidentify("ik ben fan van dit project") == "ik ben fan van dit project"
    assert deidentify("ik heet roos") == "ik heet [naam]"


@pytest.mark.parametrize("text, expected", [
    ("Ze heet Merel, maar iedereen noemt haar Mer.",
     "Ze heet [naam], maar iedereen noemt haar [naam]."),
    ("Mijn zus Wilhelmina, we noemen haar altijd Wil, schildert.",
     "Mijn zus [naam], we noemen haar altijd [naam], schildert."),
    ("a. Mohssine meldt dat de ruimte weg is.", "a. [naam] meldt dat de ruimte weg is."),
    ("Opmerking: Bohdana vraagt of haar zoon mag komen.",
     "Opmerking: [naam] vraagt of haar zoon mag komen."),
])
def test_tenth_short_forms_and_items_after_a_label(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "Notitie: Gemeente vraagt om een verslag.", "Besluit: Voorzitter stelt voor te stoppen.",
    "Conclusie: Kunst helpt.", "Wij noemen hem gewoon opa.",
])
def test_tenth_items_after_a_label_look_alikes_stay(text):
    assert deidentify(text) == text


@pytest.mark.parametrize("text, expected", [
    ("hoi, kees hier. kom je morgen?", "hoi, [naam] hier. kom je morgen?"),
    ("Hallo allemaal, Fenna hier!", "Hallo allemaal, [naam] hier!"),
    ("Er belde een zekere Jansen over de les.", "Er belde een zekere [naam] over de les."),
])
def test_tenth_who_speaks_after_a_greeting(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", [
    "hoi ik ben hier", "hallo, ook hier regen", "hoi, even hier een vraag", "hee, wij hier ook",
    "hoi iedereen hier", "hallo, zo hier",
])
def test_tenth_who_speaks_after_a_greeting_look_alikes_stay(text):
    assert deidentify(text) == text


def test_tenth_a_word_a_name_after_noem_me():
    assert deidentify("noem me maar Zon, dat doet iedereen.") == \
        "noem me maar [naam], dat doet iedereen."
    for text in ("De kinderen noemen me Juf.", "Noem me maar Opa.", "Ze noemen mij Mevrouw.",
                 "Ze noemen hem Schilder.", "noem me Amsterdammer"):
        assert deidentify(text) == text


# -- eleventh round ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    # a contact item: capitalised words, an age or not, an e-mail
    ("4. Nadia El-Amrani, 29, nadia.elamrani@gmail.com", "Nadia El-Amrani"),
    ("- Piet de Bruin (67) piet@ziggo.nl", "Piet de Bruin"),
    ("Sanne Mulder – s.mulder@gmail.com", "Sanne Mulder"),
    ("2. Tesfay Gebremedhin, 41 jaar, tesfay.g@hotmail.com", "Tesfay Gebremedhin"),
    ("• Oksana Kovalenko, okovalenko@gmail.com", "Oksana Kovalenko"),
    ("7) Joyce van der Berg, 55, jvdberg@kpnmail.nl", "Joyce van der Berg"),
])
def test_eleventh_a_contact_items_full_name(text, name):
    out = deidentify(text)
    assert name not in out and "[naam]" in out, out


def test_eleventh_a_contact_of_an_organisation_stays_one():
    assert "[naam]" not in deidentify("Contact: Wijkteam Noord, noord@wijkteam.nl")


@pytest.mark.parametrize("text, name", [
    # in a chat, the person after "vraag naar", in apposition after "de nieuwe", an image's person
    ("vraag naar eka, die weet het", "eka"),
    ("vroeg ook naar taras, hij was er niet", "taras"),
    ("wie heeft het nummer van de nieuwe, haji?", "haji"),
    ("de nieuwe, fenneke, komt dinsdag.", "fenneke"),
    ("onze stagiair, Bilal, begint maandag.", "Bilal"),
    ("Zet de foto van Haji er niet op, hij wil dat niet.", "Haji"),
    ("De tekening van Mussie hangt in de gang, hij is er trots op.", "Mussie"),
])
def test_eleventh_names_in_a_persons_position(text, name):
    assert name in _names(text), deidentify(text)


@pytest.mark.parametrize("text", [
    "vraag naar koffie, die is lekker",
    "de nieuwe, toch?",
    "de foto van Amsterdam, ze is mooi",
    "vraag naar de prijs, die weet het",
    "rutger: vraag haar, die spreekt bahasa",
    "Joep is de hond, haha.",
    "onze kat heet Minoes",
    "ik ben jarig die dag!!",
    "zij is gelukkig vandaag",
    "CHAT MET WIJKCOACH (GEEXPORTEERD)",
])
def test_eleventh_look_alikes_stay(text):
    names = _names(text)
    assert not [n for n in names if n.lower() not in ("rutger",)], (names, deidentify(text))


@pytest.mark.parametrize("text, noun", [
    ("Mijn collega Ruben Zimmerman doet de fotogroepen.", "collega"),
    ("Onze buurvrouw Fatima Yilmaz kookte.", "buurvrouw"),
    ("De docent Kees de Boer legde het uit.", "docent"),
])
def test_eleventh_a_persons_noun_before_a_name_stays(text, noun):
    out = deidentify(text)
    assert noun in out and "[naam]" in out, out
