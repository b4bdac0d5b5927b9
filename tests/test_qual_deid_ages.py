"""Seventh round (issue 25), ages: a number is an age by its position (impact/qual/_deid_ages.py).

Every sentence here is invented for the test (none is a corpus sentence). Each class of age has
one test with the ways a speaker, a chat, a form or a note says it; each has look-alikes, numbers
that are no age, which must stay.
"""

import pytest

from impact.qual.deid import deidentify


def _ages(text):
    return deidentify(text)


# -- found: one test per class -----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("24 is hij nu, hij woont nog thuis.", "[leeftijd] is hij nu, hij woont nog thuis."),
    ("Veertien is ze geworden, in maart.", "[leeftijd] is ze geworden, in maart."),
    ("Tachtig word ik in maart.", "[leeftijd] word ik in maart."),
    ("Negen is hij, en zo slim.", "[leeftijd] is hij, en zo slim."),
    ("Ze heeft een dochter, 16 is ze.", "Ze heeft een dochter, [leeftijd] is ze."),
    ("Nee, 12 is hij nog maar.", "Nee, [leeftijd] is hij nog maar."),
    ("87 is mijn moeder nu.", "[leeftijd] is mijn moeder nu."),
    ("Vijfentachtig is ie geworden.", "[leeftijd] is ie geworden."),
])
def test_an_age_fronted_in_its_clause(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("- mw. is zesentachtig, woont alleen", "- mw. is [leeftijd], woont alleen"),
    ("Dhr. is 81 en slechthorend.", "Dhr. is [leeftijd] en slechthorend."),
    ("cliënt is 45, woont bij haar zus", "cliënt is [leeftijd], woont bij haar zus"),
    ("Mevr. wordt volgende maand 90.", "Mevr. wordt volgende maand [leeftijd]."),
    ("Mijn dochters zijn negen en twaalf.", "Mijn dochters zijn [leeftijd] en [leeftijd]."),
    ("De kleinkinderen zijn zes, acht en elf.",
     "De kleinkinderen zijn [leeftijd], [leeftijd] en [leeftijd]."),
    ("Ze zijn 4 en 7, echt een drukke boel.", "Ze zijn [leeftijd] en [leeftijd], echt een drukke boel."),
    ("Mijn man en ik zijn allebei 70.", "Mijn man en ik zijn allebei [leeftijd]."),
    ("u bent 80, zegt u?", "u bent [leeftijd], zegt u?"),
    ("is ie 9 of 10? 10 geloof ik.", "is ie [leeftijd] of [leeftijd]? [leeftijd] geloof ik."),
    ("hij is 9 jr en zit in groep 6", "hij is [leeftijd] jr en zit in groep 6"),
    ("ze is pas 3 1/2", "ze is pas [leeftijd]"),
    ("Hij is tweeënhalf.", "Hij is [leeftijd]."),
    ("ze is al 16 lol", "ze is al [leeftijd] lol"),
    ("R2: Ik ben eh... zeventig. Eenenzeventig.", "R2: Ik ben eh... [leeftijd]. [leeftijd]."),
    ("Wij zijn allebei 82.", "Wij zijn allebei [leeftijd]."),
])
def test_an_age_predicated_of_a_person_a_title_or_a_plural(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Oom Karel van 88 kwam ook.", "Oom [naam] van [leeftijd] kwam ook."),
    ("Mw. Jansen van 79 doet mee.", "Mw. [naam] van [leeftijd] doet mee."),
    ("Mijn kleinzoon van dertien hielp.", "Mijn kleinzoon van [leeftijd] hielp."),
    ("Mijn zusje van zeventien zingt.", "Mijn zusje van [leeftijd] zingt."),
    ("Opa Henk van bijna negentig danst nog.", "Opa [naam] van bijna [leeftijd] danst nog."),
    ("Mijn kleindochter van pas anderhalf kruipt al.",
     "Mijn kleindochter van pas [leeftijd] kruipt al."),
    ("Een meneer van in de tachtig zat naast me.", "Een meneer van in de [leeftijd] zat naast me."),
    ("Mijn buurman van vierentachtig gaat mee.", "Mijn buurman van [leeftijd] gaat mee."),
])
def test_an_age_after_a_person_and_van(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ik ben 38 maar mijn rug voelt als zeventig.",
     "Ik ben [leeftijd] maar mijn rug voelt als [leeftijd]."),
    ("Hij lijkt wel veertig.", "Hij lijkt wel [leeftijd]."),
    ("Ze ziet eruit als vijftig, echt.", "Ze ziet eruit als [leeftijd], echt."),
    ("Mijn knieën voelen als tachtig.", "Mijn knieën voelen als [leeftijd]."),
    ("Het voelt alsof ik negentig ben.", "Het voelt alsof ik [leeftijd] ben."),
    ("Ik zou je geen 70 geven!", "Ik zou je geen [leeftijd] geven!"),
    ("Ik schat haar 60.", "Ik schat haar [leeftijd]."),
])
def test_an_age_compared_or_guessed(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ik ben van '58, dus reken maar uit: zevenenzestig.", "zevenenzestig"),
    ("Hij is van 1938, dus bijna 87.", "87"),
    ("Geboortejaar 1944, dat maakt me 81.", "81"),
    ("Ik ben van 1960, 65 dus.", "65"),
    ("Hij is net niet de zevenenzeventig gehaald.", "zevenenzeventig"),
    ("Ze heeft de honderd gehaald!", "honderd"),
    ("Hij wil de 90 halen.", "90"),
    ("Met 65 ben ik gestopt met werken.", "65"),
    ("Pas met zestien ging ik naar school.", "zestien"),
    ("In 1944 geboren, nu 80.", "80"),
    ("Ik ben van '61. Tel maar uit: 64.", "64"),
])
def test_an_age_computed_reached_or_when(text, expected):
    out = _ages(text)
    assert expected not in out and "[leeftijd]" in out


@pytest.mark.parametrize("text, expected", [
    ("Mijn kinderen zijn 2 en vijf.", "Mijn kinderen zijn [leeftijd] en [leeftijd]."),
    ("Ze is zestig, eenenzestig.", "Ze is [leeftijd], [leeftijd]."),
    ("Mijn kleinzoon van dertien... nee, veertien is hij nu.",
     "Mijn kleinzoon van [leeftijd]... nee, [leeftijd] is hij nu."),
    ("Ik ben zesenzestig... of zevenenzestig? Nee, zesenzestig natuurlijk.",
     "Ik ben [leeftijd]... of [leeftijd]? Nee, [leeftijd] natuurlijk."),
    ("Ik ben 70, eh 71.", "Ik ben [leeftijd], eh [leeftijd]."),
    ("Hij is 12, sorry 13.", "Hij is [leeftijd], sorry [leeftijd]."),
    ("hij is 7... 8 bijna.", "hij is [leeftijd]... [leeftijd] bijna."),
    ("ze is vijftien, nee zestien inmiddels.", "ze is [leeftijd], nee [leeftijd] inmiddels."),
    ("Dhr. Verhoef (bijna 90... nee, hij zei zelf: 89 en een half) stopt.",
     "Dhr. [naam] (bijna [leeftijd]... nee, hij zei zelf: [leeftijd] en een half) stopt."),
])
def test_an_age_continued_or_corrected(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("De oudste is twaalf, de kleine 3.", "De oudste is [leeftijd], de kleine [leeftijd]."),
    ("Ik ben 70, mijn man 74.", "Ik ben [leeftijd], mijn man [leeftijd]."),
    ("Hij is 8, zijn zus 5.", "Hij is [leeftijd], zijn zus [leeftijd]."),
    ("De jongste is 4, de middelste 7 en de oudste 10.",
     "De jongste is [leeftijd], de middelste [leeftijd] en de oudste [leeftijd]."),
    ("De kleinste is 2 en de grootste 5.", "De kleinste is [leeftijd] en de grootste [leeftijd]."),
    ("mn zoon is 12 en mn dochter 9", "mn zoon is [leeftijd] en mn dochter [leeftijd]"),
])
def test_an_age_in_a_clause_whose_verb_is_left_out(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ik - achtenzestig, net met pensioen - wist het niet.",
     "Ik - [leeftijd], net met pensioen - wist het niet."),
    ("Ik, 81, woon alleen.", "Ik, [leeftijd], woon alleen."),
    ("zoon 12, dochter 9, allebei op de basisschool",
     "zoon [leeftijd], dochter [leeftijd], allebei op de basisschool"),
    ("mijn kids 4 en 6 gaan mee", "mijn kids [leeftijd] en [leeftijd] gaan mee"),
    ("Man 74, vrouw 71, wonen samen.", "Man [leeftijd], vrouw [leeftijd], wonen samen."),
    ("Mijn buurvrouw van eenennegentig komt ook.", "Mijn buurvrouw van [leeftijd] komt ook."),
])
def test_an_age_in_apposition_or_a_note(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("mijn moeder, die 93 is, woont nog thuis.", "mijn moeder, die [leeftijd] is, woont nog thuis."),
    ("Omdat ik al 90 ben, mag ik niet meer fietsen.",
     "Omdat ik al [leeftijd] ben, mag ik niet meer fietsen."),
    ("Nu je 18 bent, mag je zelf kiezen.", "Nu je [leeftijd] bent, mag je zelf kiezen."),
    ("Mijn zoon die nu 12 is, wil ook.", "Mijn zoon die nu [leeftijd] is, wil ook."),
    ("Omdat mijn kinderen 4 en 7 zijn, kan ik alleen overdag.",
     "Omdat mijn kinderen [leeftijd] en [leeftijd] zijn, kan ik alleen overdag."),
    ("Nu mijn moeder 90 is, woont ze bij ons.", "Nu mijn moeder [leeftijd] is, woont ze bij ons."),
    ("Op z'n 12e begon hij met tekenen.", "Op z'n [leeftijd] begon hij met tekenen."),
    ("Sinds m'n zestigste schilder ik.", "Sinds m'n [leeftijd] schilder ik."),
    ("Ze is in haar 80ste levensjaar.", "Ze is in haar [leeftijd] levensjaar."),
    ("Ik ben zeventien (bijna achttien).", "Ik ben [leeftijd] (bijna [leeftijd])."),
    ("oudste deelnemer: 94", "oudste deelnemer: [leeftijd]"),
    ("Gefeliciteerd met je 80ste!", "Gefeliciteerd met je [leeftijd]!"),
    ("Toen ik een jaar of tien was, tekende ik al.", "Toen ik een jaar of [leeftijd] was, tekende ik al."),
    ("Mijn dochter, inmiddels 23, woont in Utrecht.",
     "Mijn dochter, inmiddels [leeftijd], woont in Utrecht."),
    ("Hoe oud ben je? Zestien.", "Hoe oud ben je? [leeftijd]."),
    ("De jarige job (8) kreeg een taart.", "De jarige job ([leeftijd]) kreeg een taart."),
])
def test_an_age_in_a_subordinate_clause_or_as_an_ordinal(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("MIJN MOEDER IS 91 EN DANST NOG", "MIJN MOEDER IS [leeftijd] EN DANST NOG"),
    ("ben 15 btw", "ben [leeftijd] btw"),
    ("is ze nou 4 of 5", "is ze nou [leeftijd] of [leeftijd]"),
    ("die van 9 mag ook mee?", "die van [leeftijd] mag ook mee?"),
    ("de kleine van 3 sliep de hele tijd", "de kleine van [leeftijd] sliep de hele tijd"),
    ("een vrouw van tegen de 70", "een vrouw van tegen de [leeftijd]"),
    ("Kinderen: 2 (6 en 9 jaar)", "Kinderen: 2 ([leeftijd] en [leeftijd] jaar)"),
    ("Ze heeft de 90 al gehad.", "Ze heeft de [leeftijd] al gehad."),
    ("Er kwam een meisje van een jaar of acht binnen.",
     "Er kwam een meisje van een jaar of [leeftijd] binnen."),
    ("Mijn kleinzoon (bijna 4) kwam mee.", "Mijn kleinzoon (bijna [leeftijd]) kwam mee."),
    ("Mijn zus – 72 inmiddels – komt ook.", "Mijn zus – [leeftijd] inmiddels – komt ook."),
    ("Mijn vader, 90 intussen, wil niet meer.", "Mijn vader, [leeftijd] intussen, wil niet meer."),
    ("Ze is, eh, 7.", "Ze is, eh, [leeftijd]."),
    ("ik ben... 80", "ik ben... [leeftijd]"),
    ("Tachtig, dat ben ik.", "[leeftijd], dat ben ik."),
    ("We hebben twee kinderen, van 3 en 5.", "We hebben twee kinderen, van [leeftijd] en [leeftijd]."),
    ("opa jan van 84 komt ook", "opa jan van [leeftijd] komt ook"),
    ("Twee zoons: 8 en 11.", "Twee zoons: [leeftijd] en [leeftijd]."),
    ("Mijn kleinzoon? Die is 7.", "Mijn kleinzoon? Die is [leeftijd]."),
    ("mijn buurvrouw, die is 90 en nog zo fit", "mijn buurvrouw, die is [leeftijd] en nog zo fit"),
    ("Die knul van 17 hielp met sjouwen.", "Die knul van [leeftijd] hielp met sjouwen."),
    ("Nu is hij 24.", "Nu is hij [leeftijd]."),
])
def test_an_age_in_a_chat_or_a_form(text, expected):
    assert _ages(text) == expected


# -- look-alikes: numbers that are no age stay ---------------------------------------------------

@pytest.mark.parametrize("text", [
    # a time, a group, a room, a count or a rating fronted in its clause
    "Om 3 is hij weggegaan.",
    "Groep 8 is hij al uit.",
    "Om half 9 was ik er.",
    "Drie is te weinig.",
    "Twee was hij er niet.",
    "Tien is het maximum.",
    "Om 10 ben ik thuis.",
    "Drie keer ben ik geweest.",
    "Twee weken was ik ziek.",
    "Lokaal 3 was ik nog nooit geweest.",
    # a count of people or of things after a person's verb
    "We zijn met 12.",
    "We waren 8 vandaag.",
    "Ze waren vijf, de rest kwam niet.",
    "Het zijn er twee.",
    "De kinderen zijn 3 keer geweest.",
    "Mw. is 3 weken ziek geweest.",
    "Mijn kinderen zijn 2 dagen per week op de opvang.",
    "Dhr. is 2 x geweest.",
    "De deelnemers waren twaalf.",
    "Het was 20 graden.",
    "Ik ben nummer 3.",
    "We zijn 2 keer geweest.",
    "Zij zijn 3 dagen weg geweest.",
    "Jullie zijn 3 en wij 4.",
])
def test_counts_times_and_groups_after_a_verb_stay(text):
    assert _ages(text) == text


@pytest.mark.parametrize("text", [
    "Ik ben moeder van drie.",
    "Hij is vader van twee kinderen.",
    "Ik ben oma van 12 kleinkinderen.",
    "Voor kinderen van 4 tot 12 jaar.",
    "De les van 10 uur was vol.",
    "Een groep van 8 deelnemers.",
    "Een stuk van 20 euro.",
    "Het team van 12 werkte hard.",
    "Het schilderij van 1890 hangt er nog.",
    "Een cursus van 8 weken.",
    "Mijn moeder van 2 hoog kwam kijken.",
    "Ik ben 1 van de 12 deelnemers.",
])
def test_a_number_after_van_that_counts_stays(text):
    assert _ages(text) == text


@pytest.mark.parametrize("text", [
    "Ik voel me 100 procent beter.",
    "Het voelt als 1 grote familie.",
    "Ik voel me een 10.",
    "Ik voel me soms twintig als ik hier ben.",
    "Alsof ik weer twintig ben.",
    "Het lijkt 3 keer zo groot.",
    "Het kost geen 10 euro.",
    "Ik geef het een 8.",
    "Ik gok op 3 bijeenkomsten.",
    "Ik schat 20 deelnemers.",
    "Ik had een 7 voor tekenen, mijn zus een 9.",
])
def test_a_mood_a_rating_or_an_estimate_of_a_count_stays(text):
    assert _ages(text) == text


@pytest.mark.parametrize("text", [
    "We hebben de 100 deelnemers gehaald.",
    "We hebben de 1000 gehaald.",
    "We waren met 12, dus gezellig.",
    "Met 3 euro ben je klaar.",
    "Ik ging met 2 vriendinnen.",
    "Kinderen: 2",
    "kinderen 2, kleinkinderen 5",
    "Ik heb twee zonen en drie dochters.",
    "Ik zat in groep 8, mijn zus in groep 6.",
    "Mijn man werkt 4 dagen, ik 3.",
    "Tafel 4 en 5 waren vol.",
    "Het werd 3-2 voor ons.",
    "Sessie 3: 12 mensen, 2 nieuw.",
    "Al twaalf jaar kom ik hier.",
    "We waren 12 lol",
    "mw 2 keer afwezig",
    "De groep, die 12 is, zit vol.",
    "Omdat we 8 waren, gingen we eerder.",
    "Omdat ik 2 keer was, weet ik het.",
    "Op z'n 3e plaats.",
    "Voor de 3e keer kwam ze.",
    "Deelnemer 2 en 3 waren er niet.",
    "Sinds 2015, 12 jaar lang.",
    "Gefeliciteerd met je 2e plaats!",
    "Gefeliciteerd met je 3e kind!",
    "De groep, inmiddels 12, is vol.",
    "Mijn man, nu 3 weken thuis, verveelt zich.",
    "Hoe oud is de kerk? Zeker 300 jaar.",
    "Op mijn 2e dag was het druk.",
    "Sinds mijn 3e bijeenkomst voel ik me beter.",
    "Toen er een stuk of tien waren, begonnen we.",
    "Ik neem die van 9 uur.",
    "Ben 2 dagen weg.",
    "Word 3 keer per week gebeld.",
    "Is ze nou 2 keer geweest?",
    "De kleine van 3 kilo.",
    "We hebben 3 of 4 jaar gewacht.",
    "Het duurde 2 tot 3 jaar.",
    # (a unit, a share, a rank: whichever rule took the number for an age)
    "Ze is 3x geweest.",
    "Hij werd 3e.",
    "Hij is 100% tevreden.",
    "Ik ben 24/7 bezig.",
    "Zij is 12 euro kwijt.",
    "Ik ben 1 van 3 kinderen.",
    "Hij is 80 kilo.",
    "Ik ben 24 uur per dag mantelzorger.",
    "Ik was 10 minuten te laat.",
    "Mijn man is 12 jaar ouder.",
    "In 1944 geboren, nu 3 kleinkinderen.",
    "We hebben de 80 deelnemers al gehad.",
    "Het zijn er 12 geworden.",
    "12 zijn er gestart, 3 gestopt.",
    "Wij zijn 12 en dat is veel.",
    "Tien is ie al geweest.",
    "cliënt is 3e op de wachtlijst",
    "Mevrouw is 2 jaar weduwe.",
    "Ik ben 1 keer per week hier, zij 2.",
    "Twaalf is haar getal.",
    "12 is zijn nummer.",
    "Tachtig, dat is veel.",
    "Het lokaal – 12 inmiddels – is te klein.",
    "De groep, 12 nu, is vol.",
    "We hebben twee groepen, van 8 en 10 mensen.",
    "Ik ben... 3 keer geweest.",
    "De bus? Die is 7 minuten te laat.",
    "Het boek, die is 12 euro.",
    "Die is 3.",
    "Ik ben 15:00 thuis.",
    "Ik ben om 15:00 thuis, hij is 16:30 klaar.",
    "Ik ben 1.80 lang.",
])
def test_other_numbers_stay(text):
    assert _ages(text) == text


@pytest.mark.parametrize("text, expected", [
    ("Ik ben 80 en 3 keer per week ben ik hier.", "Ik ben [leeftijd] en 3 keer per week ben ik hier."),
    ("Ik ben 70 en heb 3 kinderen.", "Ik ben [leeftijd] en heb 3 kinderen."),
    ("Ik ben 67, 12 jaar geleden kwam ik hier.", "Ik ben [leeftijd], 12 jaar geleden kwam ik hier."),
    ("Ik ben 70, mijn man werkt 3 dagen.", "Ik ben [leeftijd], mijn man werkt 3 dagen."),
    ("Hij is 9, en zit in groep 6.", "Hij is [leeftijd], en zit in groep 6."),
])
def test_a_count_after_an_age_is_no_continuation(text, expected):
    assert _ages(text) == expected
