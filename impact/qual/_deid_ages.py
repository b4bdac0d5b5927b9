"""Seventh round (issue 25): ages by the position that makes a number an age.

A number from 0 to 110, in digits or in Dutch words (also a half: "anderhalf", "3 1/2", "84 en
een half"), is an age where it is *predicated of a person* and nothing that counts follows it
(no "keer", "uur", "kinderen": the number ends its clause). The positions, each in any sentence:

* a person's predicate, the person first, after the verb or left out, or the number first: "mw.
  is zevenenzestig", "mijn kinderen zijn 2 en vijf" (a plural only with a list or "allebei": "we
  waren 12" counts people), "is ze nou 4 of 5", "ben 15 btw", "24 is hij nu" (the number fronted
  at the start of a clause, not after "om", "groep", "lokaal", ...);
* a subordinate clause whose verb follows the number: "omdat ik al 90 ben", "mijn moeder, die 93
  is" ("die" after a person only);
* a person, a title and a name, a name, "die" or "de kleine", then "van" and the number: "tante
  Bets van 93", "mijn kleinzoon van dertien", "die van 9 mag ook mee" (not after a parent's noun
  when the number is a word: "moeder van drie" counts children);
* a comparison with an age ("als") or a guess: "voelt als zestig", "lijkt wel tachtig", "ik zou
  je geen 70 geven" (not a mood: "ik voel me soms twintig");
* an age computed from a year of birth ("ik ben van '61, dus reken maar uit: vierenzestig"),
  reached ("net niet de zevenenzeventig gehaald"), when something happened ("met 65 ben ik
  gestopt", "op z'n 12e", "gefeliciteerd met je 80ste");
* an apposition or a note ("Ik - vijfenzestig, net met pensioen -", "mijn dochter, inmiddels
  23,", "zoon 12, dochter 9", "mw 82 jr,"), the answer to "hoe oud ben je?", a bracket after a
  person that opens with the number ("Dhr. de Groot (bijna 85... nee, ...)").

Each rule runs only where the words it needs stand next to a number (four words before, three
after). After the spans of every rule are merged (:func:`keep`), a number that *continues or
corrects* an age just said is an age too: a list ("2 en vijf", "zestig, eenenzestig"), a
correction ("dertien... nee, veertien", "zesenzestig... of zevenenzestig?", "bijna 85... nee,
hij zei zelf: 84"), a clause with its verb left out ("de oudste is dertien, de kleine 1"), each
number of a list whose last takes "jaar" ("6 en 9 jaar"). A name span that is only a particle
and a number ("van eenennegentig") is the age alone.

A number is no age where a noun of a count, a unit or a share follows it, or it is a time ("om
3"), a rating, a year, a duration ("al twaalf jaar", "3 jaar gewacht"), a rank ("hij werd 3e"),
a house, group or room number ("groep 8", "lokaal 3") or a speaker ("R3"): each rule asks for the
number's clause to end after it (``_END``) and for a person before it, and :func:`keep` takes
back an age of any rule before a range, a part of a whole, a unit, a plural noun or "jaar ouder".

Eighth round (the seventh held-out part's misses, each read as a position):

* a person's noun as a diminutive or a toddler's word ("mijn zoontje is 8", "onze dreumes is
  anderhalf") is a person like the noun, in every rule;
* "die is N" takes up the nearest person of its sentence or the one before when no thing's noun
  phrase (a determiner and a word that is no plural) stands between ("mijn neef Ryangelo doet
  rap, die is zestien"); a person who opens the sentence is the subject of "is N" after a
  parenthesis or a relative clause ("Mijn buurvrouw, die ook meedoet, is 81");
* a cardinal after a preposition of time and a possessive ("sinds mijn achttien", "tot haar 80");
* a baby's age in months or weeks said of a person, not of "ik"/"we"/a thing ("hij is zeven
  maanden", "een baby van 10 weken", "toen ze 3 maanden was"; the unit belongs to the age);
* names listed, then as many numbers ("Chayenne en Gilmar, 4 en 7"), or two or more pairs of a
  name and its number ("Sem 4, Noor 7");
* a parent's noun, "van" and a number no one has as children (16 or more: "opa van zeventig");
* an apposition with "jaar (oud)" or "geworden" ("Het jongetje, zes jaar oud,");
* a bare number as a turn of its own, where the question before it asks a person's age or its
  correction speaks of age ("R: Achtenvijftig. Nee wacht, negenenvijftig, ik ben net jarig
  geweest"; not "Cijfer: 7", not "hoe oud is dat schilderij?").

:func:`keep` takes back a group's average or range ("Gemiddelde leeftijd 58", "tussen 14 en 17
jaar"), and cuts any span at a form's gap of spaces before the next field's label.

Ninth round (the eighth held-out part's misses, each read as a position or a shape):

* a half belongs to the age: glued to any number word ("zeventienenhalf", "vijfentwintigenhalf"),
  said apart ("drie en een half", "twee en half", "zes-en-een-half", "3½", "14,5");
* "N-jarig(e)" is a person's age ("negenjarig", "mijn twaalfjarige kleinzoon", "als
  zestienjarige", "op vijfjarige leeftijd") unless the noun after it is a thing's, decided by the
  noun: an event, a bond, a period or a thing ("25-jarig jubileum", "40-jarig huwelijk", "een
  driejarige opleiding", "de 100-jarige eik"), in :func:`keep` for every rule's span;
* a correction whose words follow a dash or a comma ("87 – ja, nee, pardon, die is al
  achtentachtig"), "trouwens niet N", a question of the other number ("... of is ze al 19,5?"),
  the same age said again in other words ("98, ja echt, achtennegentig": the same value), the
  age to come and when ("ik ben 71, 72 in juni");
* a person of a decade after a copula or in an apposition ("mijn moeder is een tachtiger");
* a chat's "Vandaag 65 geworden!" (the number opens its sentence), a birthday's candles ("80
  kaarsjes uitgeblazen"), "de jarige" as a person;
* a person's noun, "van" and its possessor as the subject ("een vriendin van mij is 70"); a
  thing's noun there is no one's age, of any rule ("de kast van oma is 90 jaar oud");
* dialect and learner Dutch: "ik bin", "wor", "gij zijt", "is-ie", "'k ben", "ich bin", "ik zijn
  45", "ik heb 45 jaar" (the clause ends after "jaar": not "ik heb 20 jaar gewerkt");
* a congratulation or a birthday, then the number ("gefeliciteerd!! 20 al", "hoera 7 jaar",
  "lang zal ze leven! 90!"), a person's clause of being old or young, then the number ("ik word
  oud, 87", "ik ben niet meer de jongste, 79 hoor");
* a person's name (a span of any rule), a comma and a number that ends its clause ("Ik ben
  <naam>, vijfentwintig... nee, tweeënvijftig").

:func:`keep` takes back "N jaar" after where the speaker lives or works ("Hier ik woon in
<wijk>, vijftien jaar.") and before a role's noun ("ik ben 25 jaar docent", "30 jaar schilder
geweest"): how long, no age.

Tenth round (the ninth held-out part's misses, each read as grammar):

* the copula frame: any person as subject, also a role said of one person ("respondente is 75",
  "de cliënte", "onze vrijwilliger"), up to four adverbs ("ik ben nu zelf ook 61"), formal
  "reeds 87 jaren oud", "één" before "geworden"/"jaar" or a sentence's end;
* a first person's verb without its pronoun after a comma or a conjunction ("ik ben Sem, ben 15
  en ..."); a bare number as one item of a list of what someone is ("ik ben student, 21, woon");
* a chat's wonder ("wauw 90 wat een kanjer"), a wish's ordinal ("happy 50th"), a name cheered
  in a birthday's text ("Sarah 18!!!");
* number words of Frisian, Limburg and Brabant read by their sounds ("fiifensantich",
  "sesenséstich", "zeuventig") and Dutch ones with hyphens ("vijf-en-zestig"): :func:`spans`
  reads them as their digits, padded to their length, so every rule reads them;
* the same age said again in another form right after (:func:`_said_again`: "Dat is
  vijfenzeventig"), a year of birth's sum as a sentence ("reken maar uit. Zevenenzestig."), a
  bare number then "Toen", "m/17", an apposition that goes on with "en" ("Mijn moeder, 91 en nog
  kwiek,"), persons in the plural and their numbers ("Mijn kinderen, 3 en 5,");
* English in a Dutch text ("I am 45"), regional kin words and "joar"/"jier"; an answer of when
  ("Wanneer bent u gestopt? Met 62."), a speaker's own question ("Ik? Vierenzestig.").
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from .deid import (
    _low_words,
    _AGE_SUBJECT_NOUNS,
    _NUM_WORD,
    _SPEAKER_ROLES,
    _RELATION_WORDS,
    _TITLE_WORDS,
    _Lazy,
    _UNIT_WORD,
    _all_lower_first_names,
    _is_word,
    _known_name_word,
    _merge,
    _plausible_age,
    register_rules,
)



# a number that can be an age: digits (at most three, a half as ",5"), Dutch words, halves
# (ninth round) any number word with "enhalf" glued ("zeventienenhalf", "vijfentwintigenhalf"),
# and a half said apart ("drie en een half", "14 en een half", "3½", "3 1/2") inside the age
# (each number word tried once, its half glued after it)
_HALF = rf"(?:anderhalf|(?:{_NUM_WORD}|{_UNIT_WORD})(?:[eë]nhalf)?)"
_NUM = (rf"(?:\d{{1,3}}(?:[,.]5)?(?![\d,.:/]\d)|{_HALF}|nul)"
        r"(?:[ \t]?½|[ \t]+1/2(?![\d/])|(?:[ \t]+|-)en(?:[ \t]+|-)(?:een(?:[ \t]+|-))?half(?![\w-]))?")
# what may follow an age: the end of its clause, a conjunction or an adverb, "jaar (oud)" at a
# clause's end, "en een half"; never a noun ("2 keer", "vijf kinderen", "drie jaar geleden")
_CLAUSE_END = r"[ \t]*(?:[,.!?;:)\]…\"'”]|[-–—][ \t]|$|\n)"
_END_WORDS = (r"en|of|maar|dus|want|toen|nu|al|hoor|he|hè|toch|natuurlijk|inmiddels|alweer|jong|"
              r"geworden|oud|ofzo|zo|denk|geloof|ongeveer|misschien|intussen|pas|ook|"
              r"allebei|allemaal|respectievelijk|bijna|nee|sorry|eh|uh|ehm|gehaald|"
              # (ninth round) a correction or a comparison after the age: "ik ben 14,5 trouwens
              # niet 15,5 zoals op de lijst"
              r"trouwens|niet|zoals|pardon|wacht|wow|joa|jao|bedoel|"
              r"is|was|ben|wordt|werd|die|dat|hij|zij|ze|ik|zelf|nog|gewoon|echt|hoe|wat|"
              # (a chat's particles)
              r"lol|haha+|hihi|xd|joh|zeg|idk|btw|omg|pff+|jaja|ja|"
              # (adverbs that end like a plural: "een meisje van acht binnen")
              r"binnen|buiten|samen|alleen|even|meteen|eens|binnenkort|steeds|mee|erbij|langs")
_END = (rf"(?=(?:[ \t]+en[ \t]+een[ \t]+half)?(?:[ \t]+(?:jaar|jr\.?|joar|jier|jaor|anos|años|years|yaşında|j\.(?=[ \t]*[,;)]))(?:[ \t]+oud)?|[ \t]+jaren[ \t]+oud)?(?:{_CLAUSE_END}|"
        rf"[ \t]+(?:{_END_WORDS})\b))")
# what may follow a number inside a person's noun phrase ("mijn kleinzoon van dertien hielp"):
# the clause's verb, a lower-case word that is no count noun (no plural, no unit) and no
# preposition that makes the number a range or a time
_MEASURE = (r"(?:keer|maal|x|uur|uurtje|jaar|jaren|euro|cent|kilo|kg|km|meter|cm|mm|procent|%|"
            r"man|stuk|stuks|graden|graad|minuut|kwartier|seconde|dag|week|maand|nacht|punt|"
            r"tot|t/m|-|–|à|a|plus|min|maal|gram|pond|liter|ton|hoog|kamer|lokaal|groep|"
            r"klas|pagina|blz|nummer|nr|deelnemer|persoon|mens|kind|kaart|plek|plaats|les|"
            r"sessie|bijeenkomst|schilderij|foto|tekening|zaal|tafel|stoel|centimeter|"
            r"november|december|januari|februari|maart|april|mei|juni|juli|augustus|"
            r"september|oktober|half|kwart|over|voor)")
_VERB_END = (r"(?=[ \t]+(?!" + _MEASURE + r"\b)(?-i:[a-zà-ÿ]+)(?<!en)(?<!s)\b(?![-/]))")
_END_LOOSE = rf"(?:{_END}|{_VERB_END})"
# (eleventh round) the verbs of a person's description that end like a plural: "mijn kleinzoon
# van drie wees naar de foto", "een jongen van 12 las voor"
_S_VERB_END = (r"(?=[ \t]+(?:wees|las|koos|blies|prees|verdween|verscheen|was|is|riep|"
               r"zei|hees|vloog|loos)\b)")
# "ik voel me tachtig na zo'n dag": an adjunct after the number
_END_ADJUNCT = (rf"(?:{_END}|(?=[ \t]+(?:na|bij|in|op|met|door|sinds|vandaag|soms|vaak|'s|als|"
                r"wanneer|zodra|nadat|vanwege|zeker|minstens|ofzo|af[ \t]+en[ \t]+toe)\b))")
# a number that does not end its clause when "jaar" follows a duration's word
_DURATION_AFTER = _Lazy("_DURATION_AFTER",
                        r"[ \t]+jaar[ \t]+(?:geleden|getrouwd|bezig|lid|hier|daar|samen|"
                        r"mee|met|bij|in|op|aan|werkzaam|vrijwilliger|weg|ziek|thuis|lang)\b",
                        re.IGNORECASE)

_ADV = (r"(?:nu|al|pas|net|bijna|inmiddels|reeds|thans|ook|toen|straks|binnenkort|sinds[ \t]+kort|intussen|"
        r"alweer|ongeveer|ruim|rond|zo'n|amper|nog|nog[ \t]+maar|maar|precies|zelf|allebei|"
        r"een[ \t]+jaar[ \t]+of|dus|"
        r"respectievelijk|gewoon|echt|vorig[ \t]+jaar|dit[ \t]+jaar|volgend[ \t]+jaar|"
        r"er|(?:in|over|tegen|rond|halverwege)[ \t]+de|ergens[ \t]+in[ \t]+de|begin|eind|midden|"
        r"officieel|(?:dik|diep|ver|al[ \t]+ver|ruim)[ \t]+in[ \t]+de|"
        r"eigenlijk|volgens[ \t]+mij|geloof[ \t]+ik|denk[ \t]+ik|misschien|waarschijnlijk|"
        r"hoor|toch|wel|allebei|beiden|"
        r"beide|alle[ \t]+(?:twee|drie|vier)|samen|morgen|overmorgen|vandaag|gisteren|"
        r"(?:volgende|deze|vorige|afgelopen)[ \t]+(?:week|maand|zomer|winter)|"
        r"(?:in|op|met)[ \t]+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|"
        r"oktober|november|december|de[ \t]+zomer|het[ \t]+voorjaar|de[ \t]+herfst|de[ \t]+winter|"
        r"kerst|pasen)|(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))")
_PLURAL_KIN = (r"(?:kinderen|kleinkinderen|achterkleinkinderen|jongens|meisjes|zonen|zoons|"
               r"dochters|kids|kinders|tweeling|kleintjes|broers|zussen|zusjes|broertjes|"
               r"kleinzoons|kleindochters|neefjes|nichtjes)")
_TITLE_ABBR = r"(?:mw|mevr|mevrouw|dhr|hr|meneer|mijnheer|cliënt|client|cliënte|pt|pat|patiënt|patiënte)"
_PRON = r"(?:ik|hij|zij|ze|u|jij|je|ie)"
# person nouns beside deid's (a relation's pet name, a child's or an old person's word)
_MORE_PERSONS = (r"(?:ome|omaatje|opaatje|tantetje|neefje|nichtje|vriendinnetje|kleuter|peuter|"
                 r"puber|tiener|meid|meiske|knul|jochie|ventje|jongetje|mannetje|vrouwtje|"
                 r"bejaarde|oudje|moedertje|vadertje|kleinkindje|schoonzus|schoonbroer|zwager|"
                 r"echtgenoot|echtgenote|partner|vriendje|"
                 # (ninth round) the person whose birthday it is
                 r"jarige|"
                 # (tenth round: Frisian and a child's words for kin: "us mem is njoggentich")
                 r"mem|heit|pake|beppe|soan|frou|mam|mams|"
                 # (Low Saxon, Limburg and Flemish kin: "mien moder", "ons bomma")
                 r"moder|mooder|mudder|vadder|opoe|grootje|bomma|bompa|"
                 # (two persons as one: "een echtpaar van 80 en 78")
                 r"echtpaar)")
# (tenth round) the person nouns of notes, forms and transcripts, a role said of one person, as
# the subject of the copula ("respondente is 75", "de cliënte is 81", "onze vrijwilliger is 70")
_ROLE_PERSONS = (r"(?:respondent|respondente|cliënte|patiënte|student|studente|scholier|scholiere|"
                 r"mantelzorger|mantelzorgster|vrijwilliger|vrijwilligster|bezoeker|bezoekster|"
                 r"kunstenaar|kunstenares|zanger|zangeres|schilderes|senior|gepensioneerde|"
                 r"nieuwkomer|statushouder|vluchteling|aanmelder|verwezene|jongedame|jongeman|"
                 r"geïnterviewde|geinterviewde|ondervraagde|spreker|spreekster|verteller|vertelster)")
# (eighth round) a person's noun as a diminutive, as a parent or a child says it ("mijn zoontje",
# "het broertje", "ons dochtertje", "haar kleinzoontje", "opaatje", "mannetje"), and the words
# for a baby or a toddler
_DIMINUTIVE = r"(?:['’]?tje|je|netje|etje|atje|pje)"
_SMALL_PERSONS = (r"(?:kleintje|ukkie|dreumes|baby['’]?tje|babietje|pasgeborene|"
                  r"zuigeling|boreling|kindje|kindeke|hummel)")
_PERSONS = (rf"(?:(?:{_AGE_SUBJECT_NOUNS}){_DIMINUTIVE}?|{_MORE_PERSONS}|{_SMALL_PERSONS})")

# "mw. is zevenenzestig", "mijn kinderen zijn 2 en vijf", "Bets is 93", "u bent 80"
# (a speaker's hesitation between the verb and the number: "ik ben eh... zeventig")
_FILLER = r"(?:(?:eh+|uh+|ehm|uhm|euh|hm+|nou)?[ \t]*(?:\.{2,}|…|,)?[ \t]+)?"
_PRED = _Lazy("_PRED",
    r"[ \t]+(?:(?P<sg>ben|bent|is|word|wordt|werd|was|bin|wor|zijt)|(?P<pl>zijn|worden|werden|waren))"
    r"(?:[ \t]*(?:,|\.{2,}|…))?[ \t]+"
    rf"{_FILLER}(?:{_ADV}[ \t]+){{0,4}}{_FILLER}(?P<num>{_NUM}|één|eén)(?![\w-])"
    # (eighth round) after "wordt", a time the age is reached: "ons dochtertje wordt zes in mei"
    rf"(?:{_END}|(?P<when>(?=[ \t]+(?:in|op|over|na|rond|deze|volgende|volgend|dit|vandaag|"
    r"morgen|overmorgen|straks)\b)))", re.IGNORECASE)
_ONE_PERSON = frozenset(("ik", "hij", "ikke", "ich", "'k", "’k", "ikzelf"))
_WILL_BE = frozenset(("word", "wordt", "worden", "wor"))
_BOTH = _Lazy("_BOTH",
              r"\b(?:allebei|beiden|beide|alle[ \t]+(?:twee|drie|vier))\b", re.IGNORECASE)
_LIST_AFTER = _Lazy("_LIST_AFTER",
                    rf"(?:[ \t]*,[ \t]*|[ \t]+en[ \t]+)(?P<num>{_NUM})(?![\w-])" + _END_LOOSE,
                    re.IGNORECASE)
# (the word before the verb, looked back from it)
_SUBJECT = _Lazy("_SUBJECT",
    rf"(?<![\w-])(?:(?P<pron>{_PRON}|we|wij|jullie|ikzelf|zelf|ikke|ich|hai|gij|ge|['’]k)|(?P<die>die)"
    rf"|(?P<noun>{_PERSONS}|{_ROLE_PERSONS}|{_TITLE_ABBR})\.?"
    rf"|(?P<plural>{_PLURAL_KIN})|(?P<adj>kleinste|grootste|middelste|kleine|grote)"
    r"|(?P<name>[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+))$", re.IGNORECASE)
# "is ie 9 of 10?", "ben je al 18?": the verb first, then the person
_INVERTED = _Lazy("_INVERTED",
    r"\b(?:is|was|wordt|werd|ben|bent|word|bin|wor|zijt)(?:[ \t]+|-)(?:ie|je|jij|ze|zij|hij|u|ik|ge|gij)[ \t]+"
    rf"(?:(?:nou|{_ADV})[ \t]+){{0,2}}(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# "ben 15 btw", "word morgen 80!": a chat's first person without its pronoun, first in a sentence
_NO_SUBJECT = _Lazy("_NO_SUBJECT",
    r"(?:^|(?<=[.!?])[ \t]+|(?<=\n))[ \t]*(?:ben|word|werd|bin)[ \t]+"
    rf"(?:{_ADV}[ \t]+){{0,3}}(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE | re.MULTILINE)
# (tenth round) the same in a clause after a comma or a conjunction, its subject said before or
# left out: "ik ben Sem, ben 15 en zit op ...", "woon in Noord en word 80 in mei" (only a first
# person's verb: "ben", "word", "bin")
_NO_SUBJECT_MID = _Lazy("_NO_SUBJECT_MID",
    r"(?<![\w-])(?:ben|(?P<will>word)|bin)[ \t]+"
    rf"(?:{_ADV}[ \t]+){{0,3}}(?P<num>{_NUM})(?![\w-])"
    # ("word 60 in juli": the time it is reached)
    rf"(?:{_END}|(?(will)(?=[ \t]+(?:in|op|over|na|rond|deze|volgende|volgend|dit|vandaag|"
    r"morgen|overmorgen|straks)\b)|(?!)))", re.IGNORECASE)
_MID_BEFORE = _Lazy("_MID_BEFORE",
                    r"(?:[,;]|(?<![\w-])(?:en|maar|want|dus|of))[ \t]*$", re.IGNORECASE)
# "24 is hij nu", "veertien is ze", "tachtig wordt hij in mei": the number fronted in its clause
_FRONTED = _Lazy("_FRONTED",
    rf"(?:^|(?<=[,.!?;:…(\"'“])|(?<=\.\.\.))[ \t]*"
    rf"(?:(?:nee|ja|nou|eh|uh|ehm|sorry|en|maar|dus|of|want|al|pas|net|bijna|ruim|ook)[ \t,]+)*"
    rf"(?P<num>{_NUM})(?:[ \t]+jaar)?(?:[ \t]*,[ \t]*dat)?[ \t]+"
    r"(?:is|ben|was|wordt|word|werd|zijn|waren|worden)[ \t]+"
    rf"(?:{_PRON}|die|(?:mijn|m'n|mn|zijn|z'n|haar|onze|je|jouw|uw)[ \t]+"
    rf"(?:{_PERSONS}|{_PLURAL_KIN}))"
    rf"(?:[ \t]+{_ADV}){{0,2}}"
    r"(?=[ \t]*(?:[,.!?;:)\]…]|[-–—][ \t]|$)|[ \t]+(?:geworden|oud|jaar|en|maar|dus|want|of|"
    r"in|op|deze|volgende|volgend|vorig|vorige|dit|geloof|denk)\b)", re.IGNORECASE | re.MULTILINE)
# "tante Bets van 93", "mijn kleinzoon van dertien", "Mw. Jansen van 79", "Youssef van 12"
_PARENT = _Lazy("_PARENT",
                r"(?:moeder|vader|opa|oma|ouders|grootouders|overgrootmoeder|"
                r"overgrootvader|mama|papa|moe|pa|ma)", re.IGNORECASE)
_OF_PERSON = _Lazy("_OF_PERSON",
    rf"(?<![\w-])(?P<who>(?:(?:{_PERSONS}|{_PLURAL_KIN}|{_TITLE_ABBR})\.?"
    r"(?:[ \t]+(?:(?:van|de|der|den|van[ \t]+de|van[ \t]+der|el|al)[ \t]+)?[A-ZÀ-ÖØ-Þ][a-zà-ÿ'-]+){0,2}"
    r"|(?:tante|oom|opa|oma|buurvrouw|buurman|neef|nicht|zus|broer|zoon|dochter|kleinzoon|"
    r"kleindochter)[ \t]+(?P<low>[a-zà-ÿ]+))"
    # (a person named by an adjective or "die": "de kleine van 3", "die van 9 mag ook mee")
    r"|(?:de|het|onze|ons|mijn|m'n|mn|haar|zijn|z'n|die)[ \t]+(?:kleine|grote|jarige|jongste|oudste|"
    r"middelste|kleinste|grootste)|die"
    # (eleventh round) anyone described by the age: "iemand van 25 binnen", "niemand van boven
    # de 70"
    r"|iemand|niemand"
    r"|(?-i:[A-ZÀ-ÖØ-Þ][a-zà-ÿ'-]+))[ \t]*,?[ \t]+van[ \t]+"
    r"(?:(?:bijna|ruim|pas|net|amper|nog[ \t]+geen|ongeveer|rond[ \t]+de|in[ \t]+de|over[ \t]+de|"
    r"tegen[ \t]+de|boven[ \t]+de|achter[ \t]+in[ \t]+de|een[ \t]+jaar[ \t]+of|zo'n|"
    r"ver[ \t]+in[ \t]+de|begin|eind|midden)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])(?:{_END_LOOSE}|{_S_VERB_END})", re.IGNORECASE)
# "voelt als zestig", "ik voel me al tachtig", "je lijkt wel tachtig", "ziet eruit als veertig"
_COMPARE = _Lazy("_COMPARE",
    r"\b(?:(?:voel|voelt|voelde|voelden|voelen)(?:[ \t]+(?:me|mij|mezelf|zich|je|ik|hij|ze|zij|u))?"
    r"(?:[ \t]+(?:nog|wel|pas|echt|eerder|soms|ook|net|precies|minstens|meer|bijna|ineens|"
    r"opeens|zelf|steeds|gewoon|zeker|eerst)){0,3}[ \t]+als"
    r"|(?:lijk|lijkt|leek|leken)(?:[ \t]+(?:ik|hij|ze|zij|je|u|me|mij))?(?:[ \t]+(?:wel|soms|"
    r"eerder|ook|echt|zeker|ineens|opeens|net))*(?:[ \t]+als)?"
    r"|eruit[ \t]+als|(?:zie|ziet|zag|zagen)[ \t]+(?:er[ \t]+)?uit[ \t]+als)"
    r"(?:[ \t]+(?:iemand[ \t]+van|ouder[ \t]+dan|jonger[ \t]+dan|minstens|wel|bijna|ruim))?"
    rf"[ \t]+(?P<num>{_NUM})(?![\w-])" + _END_ADJUNCT, re.IGNORECASE)
# "voelt alsof ik negentig ben" (not "alsof ik weer twintig ben": an age once had)
_AS_IF = _Lazy("_AS_IF",
               rf"\balsof[ \t]+{_PRON}[ \t]+(?:(?:al|wel)[ \t]+)?(?P<num>{_NUM})"
               r"[ \t]+(?:ben|bent|is|was|werd|word|wordt)\b", re.IGNORECASE)
# a year of birth said before ("ik ben van '61", "van 1947", "geboren in 1950")
_BIRTH_YEAR = _Lazy("_BIRTH_YEAR",
                    r"\b(?:ben|is|was|bent)[ \t]+(?:van|uit)[ \t]+(?:['’‘]\d\d|19\d\d|20[0-2]\d)")


def _birth_said(low):
    """Is a year of birth said ("ik ben van '61", "geboren", "geb.", "bouwjaar")? (lower case)"""
    return "geb" in low or "bouwjaar" in low or "jaargang" in low or \
        ("van" in low or "uit" in low) and _BIRTH_YEAR.search(low) is not None


# "dus reken maar uit: vierenzestig", "dat maakt me 73", "= 64"
_COMPUTED = _Lazy("_COMPUTED",
    r"(?:\b(?:reken|tel)[ \t]+(?:\w+[ \t]+){0,2}(?:uit|na)|\bdus|\bdat[ \t]+(?:maakt|is|wordt|werd)"
    r"(?:[ \t]+(?:me|mij|hem|haar|ons))?|\bofwel|\boftewel|\bdan[ \t]+ben[ \t]+ik|=|\bnu)"
    # (tenth round: the sum's answer as a sentence of its own, "reken maar uit. Zevenenzestig.")
    r"[ \t]*(?:[:,!]|\.{1,3}|…)?[ \t]+(?:(?:ik|hij|ze|zij|u)[ \t]+(?:ben|is|word|wordt|was)[ \t]+"
    r"|(?:ben|is|word|wordt)[ \t]+(?:ik|hij|ze|zij|u)[ \t]+)?(?:(?:nu|al|bijna|pas|dus)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# "ik ben van 1960, 65 dus", "geb. '52 - 73": the number right after the year of birth
_YEAR_THEN = _Lazy("_YEAR_THEN",
    r"(?:['’‘]\d\d|\b(?:19|20)\d\d)\b[ \t]*(?:[,;:()]|[-–—=])[ \t]*"
    r"(?:(?:dus|nu|inmiddels|dat[ \t]+is|dat[ \t]+maakt|ofwel|oftewel)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# "ik zou je geen 70 geven", "ik schat haar 60", "je ziet er geen 80 uit": an age guessed
_GUESS = _Lazy("_GUESS",
    rf"\b(?:geen|wel|hooguit|hoogstens|zeker|nog[ \t]+geen|ruim|eerder)[ \t]+(?P<num>{_NUM})"
    r"[ \t]+(?:geven|gegeven|geeft|schatten|geschat|uit)\b"
    r"|\b(?:schat|schatte|schatten|gok|gokte|geschat)[ \t]+(?:hem|haar|je|u|jou|ze|ik|hij|zij)?"
    rf"[ \t]*(?:op[ \t]+)?(?:(?:een|zo'n|rond[ \t]+de|ongeveer)[ \t]+)?(?P<num2>{_NUM})(?![\w-])"
    + _END, re.IGNORECASE)
# "met 65 ben ik gestopt", "met zestien ging ik werken": "met" and a number that opens a clause,
# then its verb
_AT_AGE = _Lazy("_AT_AGE",
    r"(?:^|(?<=[.!?,;:])|\b(?:en|maar|want|dus|pas|al|toen)(?=[ \t]))[ \t]*(?:(?:pas|al|net|toen)[ \t]+)?"
    rf"met[ \t]+(?P<num>{_NUM})[ \t]+(?:jaar[ \t]+)?(?:ben|was|ging|gingen|werd|begon|begonnen|"
    r"stopte|stopten|kreeg|moest|kwam|trouwde|trouwden|mocht|kon|leerde|verhuisde|vertrok|"
    r"heb|had|zat|hield|raakte)[ \t]+(?:ik|hij|ze|zij|u|je|jij|we|wij|mijn|m'n|haar|zijn)\b",
    re.IGNORECASE | re.MULTILINE)
# "zoon 12, dochter 9", "mijn kids 4 en 6": a person's noun and the number in a note (a plural
# noun only before a list: "kinderen 2" counts them)
_NOUN_NUM = _Lazy("_NOUN_NUM",
    r"(?<![\w-])(?:(?P<one>kleinzoon|kleindochter|zoon|dochter|zoontje|dochtertje|kleinkind|"
    r"buurjongen|buurmeisje|zus|zusje|broer|broertje|man|vrouw|partner|echtgenoot|echtgenote|"
    # (not "deelnemer 2", "cliënt 3": a role numbered in a transcript or a list)
    r"moeder|vader|opa|oma|schoonmoeder|schoonvader|mw|mevr|dhr|hr)\.?|(?P<many>kinderen|kids|kleinkinderen|"
    r"jongens|meisjes|zonen|zoons|dochters|tweeling))[ \t]*[:(]?[ \t]*"
    rf"(?P<num>{_NUM})(?![\w-])(?:[ \t]*(?:jaar|jr\.?))?[ \t]*(?=[,;)/]|[ \t]+en[ \t]|$|\.[ \t]|\.$)",
    re.IGNORECASE | re.MULTILINE)
# "omdat ik al 90 ben", "mijn moeder, die 93 is", "nu je 18 bent": a subordinate clause whose
# verb, after the number, ends it
_SUBCLAUSE = _Lazy("_SUBCLAUSE",
    rf"\b(?:(?P<pron>{_PRON}|die|(?:mijn|m'n|mn|haar|zijn|z'n|zn|onze|hun|je|jouw|uw)[ \t]+"
    rf"(?:{_PERSONS}|{_PLURAL_KIN}))|"
    r"(?P<plural>we|wij|ze|zij|jullie))[ \t]+"
    rf"(?:{_ADV}[ \t]+){{0,3}}(?P<num>{_NUM})(?![\w-])[ \t]+(?:(?:jaar|jaren)[ \t]+(?:oud[ \t]+)?)?"
    r"(?:(?P<sg>ben|bent|is|was|word|wordt|werd|geworden)|(?P<pl>zijn|waren|worden|werden))\b",
    re.IGNORECASE)
# "op z'n 12e", "sinds m'n zestigste", "in haar 80ste levensjaar", "oudste deelnemer: 94"
_ORDINAL = rf"(?:\d{{1,3}}(?:e|ste|de)|{_NUM_WORD}(?:ste|de)|(?:{_UNIT_WORD}|tien|elf|twaalf)de|eerste|achtste)"
# an ordinal before what it counts is no age ("op mijn 2e dag", "sinds mijn 3e bijeenkomst")
_ORDINAL_NOUN = (r"[ \t]+(?:keer|plaats|plek|les|week|dag|jaar|maand|kind|kleinkind|ronde|poging|"
                 r"bijeenkomst|sessie|klas|groep|huis|baan|boek|cursus|schilderij|tentoonstelling|"
                 r"vak|stap|fase|lesdag|werkdag|levensweek|levensmaand|bezoek|workshop|middag|"
                 r"ochtend|avond|periode|seizoen|editie|project|kwartaal|helft|deel)\b")
_AGE_ORDINAL = _Lazy("_AGE_ORDINAL",
    r"\b(?:op|sinds|vanaf|tot|na|voor|rond|tegen|vóór|met|vier|viert|vierde|vierden|vieren|gevierd)"
    r"[ \t]+(?:z'n|m'n|d'r|zn|mn|jouw|uw|je|haar|zijn|mijn)"
    rf"[ \t]+(?P<num>{_ORDINAL})\b(?!{_ORDINAL_NOUN})"
    rf"|\b(?P<num2>{_ORDINAL})[ \t]+levensjaar\b", re.IGNORECASE)
_ELDEST = _Lazy("_ELDEST",
    r"\b(?:oudste|jongste)(?:[ \t]+[^\W\d_]+)?[ \t]*[:=][ \t]*"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# "net niet de zevenenzeventig gehaald", "ze wil de honderd halen"
_REACHED = _Lazy("_REACHED",
    rf"\b(?:de|het)[ \t]+(?P<num>{_NUM})[ \t]+(?:(?:niet|net|nog|wel|bijna|ook|al|zelfs|reeds|"
    r"inmiddels|allang|ruim|ver|ook[ \t]+al)[ \t]+)*"
    r"(?:gehaald|halen|haal|haalt|haalde|haalden|bereikt|bereiken|bereikte|aangetikt|aantikken|"
    r"gepasseerd|gered|redt|redden|voorbij|gehad)\b", re.IGNORECASE)
# "Ik - vijfenzestig, net met pensioen -", "ik, 81, ...", "hij (7) ..."
_PRON_APPOS = _Lazy("_PRON_APPOS",
    rf"(?<![\w-]){_PRON}[ \t]*(?:[,(]|[-–—])[ \t]*(?P<num>{_NUM})"
    r"(?:[ \t]+jaar(?:[ \t]+oud)?)?[ \t]*(?=[,)]|[-–—])", re.IGNORECASE)
# "mijn dochter, inmiddels 23, woont ...": an apposition with an adverb
_APPOS_ADV_WORDS = frozenset(("inmiddels", "nu", "al", "pas", "net", "bijna", "ruim", "ongeveer",
                              "toen", "intussen", "kort", "amper", "nog", "alweer"))
_APPOS_ADV_RX = (r"(?:inmiddels|nu|al|pas|net|bijna|ruim|ongeveer|toen|intussen|sinds[ \t]+kort|"
                 r"amper|nog[ \t]+maar|alweer)")
_APPOS_ADV = _Lazy("_APPOS_ADV",
    r"(?P<who>[^\W\d_]+)\.?[ \t]*(?:,|[-–—]|\()[ \t]*"
    rf"(?:(?:{_APPOS_ADV_RX}[ \t]+)+(?P<num>{_NUM})(?![\w-])(?:[ \t]+jaar(?:[ \t]+oud)?)?"
    rf"|(?P<num2>{_NUM})(?![\w-])(?:[ \t]+jaar(?:[ \t]+oud)?)?[ \t]+{_APPOS_ADV_RX})"
    r"[ \t]*(?=[,)]|[-–—])", re.IGNORECASE)
# "Hoe oud ben je? Zestien.", "hoe oud is uw man? R: 81": the answer after the question
_HOW_OLD_ANSWER = _Lazy("_HOW_OLD_ANSWER",
    r"\bhoe[ \t]+oud[ \t]+(?:ben|bent|is|was|wordt|werd|zijn|waren|worden)[ \t]+"
    r"(?:je|jij|u|ze|hij|zij|ie|jullie|(?:je|jouw|uw|haar|zijn|z'n|m'n|mijn|mn|zn)[ \t]+[^\W\d_]+|"
    r"(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+)\b[^?\n]{0,30}\?[ \t]*(?:[^\W\d_]+[ \t]*:[ \t]*)?"
    r"(?:(?:eh+|uh+|ehm|nou|bijna|al|pas|net|ongeveer|zo'n)[,.…]*[ \t]+)*"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# (eleventh round) the answer that comes after a joke, a dodge or a correction, within the next
# two sentences (no number in them), the number first in its sentence after "nee", "serieus",
# ...: "Hoe oud ik ben? Oud genoeg, haha. Nee, vierentachtig.", "Hoe oud bent u? Dat vraag je
# een dame niet! Grapje. 79."
_HOW_OLD_LATER = _Lazy("_HOW_OLD_LATER",
    r"\bhoe[ \t]+oud[ \t]+(?:(?:ben|bent|is|was|wordt|werd)[ \t]+(?:je|jij|u|ze|hij|zij|ie)|"
    r"(?:ik|je|jij|u|ze|hij|zij)[ \t]+(?:ben|bent|is|was|word|wordt))\b[^?\n]{0,30}\?"
    r"(?:[ \t]*[\"'“]?[^\W\d_][^.!?\n\d]{0,60}(?:[.!?]+|…))(?:[ \t]*[^\W\d_][^.!?\n\d]{0,60}(?:[.!?]+|…))?"
    r"[ \t]*(?:(?:nee|ja|oké|ok|okay|serieus|grapje|maar|goed|echt|eh+|nou|even|zonder[ \t]+grappen)"
    r"[ \t]*[,.!…:]*[ \t]+){1,3}"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# a bracket after a person that opens with an age said roughly or corrected: "Dhr. de Groot
# (bijna 85... nee, ...)", "mijn tante (ruim 90, ...)"
_BRACKET_AT = (
    # (tenth round: a note's label of age inside the bracket, "Mw. (lft. 84)", "(leeftijd 67)")
    r"[ \t]*\([ \t]*(?:(?:lft|leeftijd|leeft|lt)\.?[ \t]*:?[ \t]*)?(?:(?:bijna|ruim|pas|net|ca\.?|ong\.?|ongeveer|rond|al|"
    r"inmiddels|wordt|werd|is|was)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])(?:[ \t]+(?:jaar(?:[ \t]+oud)?|jr\.?|j\.?))?(?=[ \t]*(?:\.\.\.|…|[,;?!)]|[ \t]+(?:nee|of|en)\b))")
_PERSON_BEFORE_DIE = _Lazy("_PERSON_BEFORE_DIE",
                           r"([^\W\d_]+)[ \t]*[?,:][ \t]*$")
_WHO_BEFORE = _Lazy("_WHO_BEFORE",
                    r"([^\W\d_]+)\.?[ \t]*,?[ \t]*$")
_AFTER_NAME = _Lazy("_AFTER_NAME",
                    _BRACKET_AT, re.IGNORECASE)
_BRACKET_OPEN = _Lazy("_BRACKET_OPEN",
                      _BRACKET_AT.replace(r"[ \t]*\(", r"\(", 1), re.IGNORECASE)
_NOT_BEFORE = {"om", "rond", "tegen", "tot", "na", "voor", "vanaf", "sinds", "over", "per", "met",
               "in", "op", "half", "kwart", "groep", "lokaal", "nummer", "nr", "week", "dag",
               "les", "sessie", "bijeenkomst", "keer", "zaal", "kamer", "bus", "lijn", "tafel",
               "hoofdstuk", "stap", "ronde", "fase", "cijfer", "een", "de", "het"}

# the gates: a rule runs only where the words it needs stand next to a number (see spans)
_TOKEN = _Lazy("_TOKEN",
               r"[\w'’]+")


def _number_words():
    units = ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
    tens = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")
    teens = ("tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
             "achttien", "negentien")
    words = set(units[1:] + tens + teens + ("honderd", "nul", "anderhalf"))
    for u in units:
        for t in tens:
            words |= {f"{u}en{t}", f"{u}ën{t}"}
    # (ninth round) a half glued to any number word ("zeventienenhalf", "vijfentwintigenhalf")
    words |= {w + ("ënhalf" if w.endswith("e") else "enhalf")
              for w in tuple(words) if w not in ("nul", "anderhalf", "honderd")}
    words |= {w + "enhalf" for w in ("twee", "drie")}
    return frozenset(words)


_NUMBER_WORDS = _number_words()
_VERBS = frozenset(("ben", "bent", "is", "word", "wordt", "werd", "was", "zijn", "worden", "werden",
                    "waren", "geworden", "bin", "wor", "zijt"))
_FRONT_WORDS = frozenset(("hij", "zij", "ze", "ik", "u", "jij", "je", "ie", "die", "mijn", "m'n",
                          "zijn", "haar"))
_COMPARE_WORDS = frozenset(("voel", "voelt", "voelde", "voelden", "voelen", "lijk", "lijkt", "leek",
                            "leken", "eruit", "uit"))
_GUESS_WORDS = frozenset(("geven", "gegeven", "geeft", "schat", "schatte", "schatten", "gok",
                          "gokte", "geschat", "uit"))
_NOUN_NUM_WORDS = frozenset(("kleinzoon", "kleindochter", "zoon", "dochter", "zoontje", "dochtertje",
                             "kleinkind", "buurjongen", "buurmeisje", "zus", "zusje", "broer",
                             "broertje", "man", "vrouw", "partner", "echtgenoot", "echtgenote",
                             "moeder", "vader", "opa", "oma", "schoonmoeder", "schoonvader", "mw",
                             "mevr", "dhr", "hr", "kinderen", "kids", "kleinkinderen", "jongens",
                             "meisjes", "zonen", "zoons", "dochters", "tweeling"))
_REACHED_WORDS = frozenset(("gehaald", "halen", "haal", "haalt", "haalde", "haalden", "bereikt",
                            "bereiken", "bereikte", "aangetikt", "aantikken", "gepasseerd", "gered",
                            "redt", "redden", "voorbij", "gehad"))
_NO_SUBJECT_VERBS = frozenset(("ben", "word", "werd", "bin"))
_APPOS_WORDS = frozenset(("ik", "hij", "zij", "ze", "u", "jij", "je", "ie", "ge", "gij"))
_ORDINAL_ENDS = ("e", "ste", "de")


def _ordinal(t):
    """Is the word an ordinal of an age ("12e", "zestigste", "twaalfde")? (lower case)"""
    if t[:1].isdigit():
        return t.endswith(("e", "ste", "de")) and t[:-1].rstrip("std").isdigit()
    return t.endswith("ste") and t[:-3] in _NUMBER_WORDS or \
        t.endswith("de") and t[:-2] in _NUMBER_WORDS


_FEW = frozenset(("twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
                  "twaalf", "dertien", "veertien", "vijftien", "anderhalf", "nul"))


def _over_children(num):
    """Is the number more than anyone has children (16 or more)? A parent's "van" then gives
    an age."""
    n = num.strip().lower()
    if n[:1].isdigit():
        return int(re.match(r"\d+", n).group(0)) >= 16
    return n not in _FEW and not n.endswith("half")


def _age(text, s, e):
    """Is the number text[s:e] a plausible age that ends its clause (no duration)?"""
    piece = text[s:e]
    if piece.lower() in ("een", "één"):
        # (tenth round) one year old, where nothing else can be meant: "de jongste is net één
        # geworden", "ze is één jaar", "die is één." (not the article: "is een ...")
        return (_ONE_AFTER.match(text, e) if piece.lower() == "één" else
                _ONE_YEAR_AFTER.match(text, e)) is not None
    return _plausible_age(piece) and not _DURATION_AFTER.match(text, e)


_ONE_YEAR_AFTER = _Lazy("_ONE_YEAR_AFTER",
                        r"[ \t]+(?:geworden\b|jaar(?:[ \t]+oud)?(?:[ \t]+geworden)?"
                        r"(?=[ \t]*(?:[,.!?;)]|$)))")
_ONE_AFTER = _Lazy("_ONE_AFTER",
                   r"[ \t]+(?:geworden\b|jaar(?:[ \t]+oud)?(?:[ \t]+geworden)?"
                   r"(?=[ \t]*(?:[,.!?;)]|$)))|[ \t]*(?:[.!?]|$)")


def _prev_word(text, start):
    m = re.search(r"([^\W\d_]+)[^\w\n]*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


def _prev_token(text, start):
    """The word before ``start`` with its apostrophe ("z'n", "m'n"), in lower case."""
    m = _TOKEN_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1).lower() if m else ""


_TOKEN_BEFORE = _Lazy("_TOKEN_BEFORE",
                      r"([\w'’]+)[^\w\n]*$")


def _person_word(text, m, group):
    """Is the word of ``group`` a person: a pronoun, a person's noun, a title, or a capitalised
    name (a first name, or any word after a title)?"""
    w = m.group(group)
    if not w:
        return False
    prev = _prev_word(text, m.start(group))
    if w[:1].isupper() and (_known_name_word(w) or prev in _TITLE_WORDS):
        return True
    # a name in any case after a title, a relation or "de jarige" ("mijn zoon job (8)")
    if prev in _TITLE_WORDS or prev == "jarige" or re.fullmatch(_PERSONS, prev):
        return True
    return w.lower() in _TITLE_WORDS or bool(re.fullmatch(
        rf"{_PERSONS}|{_PLURAL_KIN}|{_TITLE_ABBR}", w.lower()))


# (fast path) the ordinals in words, as _ordinal finds them
_ORDINAL_WORDS = frozenset([w + "ste" for w in _NUMBER_WORDS] + [w + "de" for w in _NUMBER_WORDS])


def _tail_gate(rx, marker):
    """A necessary condition of ``rx``, cheaper to search: its pattern from ``marker`` (at the
    pattern's top level) on. Where ``rx`` matches, so does this tail, at or after its start."""
    head, sep, tail = rx.pattern.partition(marker)
    assert sep and head.count("(") == head.count(")"), rx
    return _Lazy(None, sep + tail, rx.flags)


_OF_PERSON_GATE = _tail_gate(_OF_PERSON, r"[ \t]+van[ \t]+")
_APPOS_ADV_GATE = _tail_gate(_APPOS_ADV, r"(?:,|[-–—]|\()")


# (fast path, in an ASCII text) the words a number's rule needs right next to the number, on the
# text's runs of word characters in lower case (an ASCII text's words are those runs, so each
# rule's verb, pronoun, adverb and number are whole runs): _PRED a verb, then only fillers and
# adverbs, then a number; _INVERTED a verb, a pronoun, adverbs, a number; _SUBCLAUSE a number,
# then at most "1/2", ",5", "jaar", "oud", then a verb
_RUN = _Lazy("_RUN",
             r"\w+")
_NUM_START = _Lazy("_NUM_START",
                   rf"(?:\d|anderhalf|{_NUM_WORD}|{_UNIT_WORD}|nul)")
_PRED_VERBS = frozenset(("ben", "bent", "is", "word", "wordt", "werd", "was", "zijn", "worden",
                         "werden", "waren", "bin", "wor", "zijt"))
_INVERTED_VERBS = frozenset(("is", "was", "wordt", "werd", "ben", "bent", "word", "bin", "wor", "zijt"))
_INVERTED_PRONOUNS = frozenset(("ie", "je", "jij", "ze", "zij", "hij", "u", "ik", "ge", "gij"))
_SUB_VERBS = frozenset(("ben", "bent", "is", "was", "word", "wordt", "werd", "geworden", "zijn",
                        "waren", "worden", "werden"))
# (every word of _ADV and of the fillers, and a few more: more words only let more texts through)
_BETWEEN_WORDS = frozenset(re.findall(r"[a-z']+", _ADV)) | {"eh", "uh", "ehm", "uhm", "euh", "hm",
                                                             "nou", "n", "zo"}
_FILLER_RUN = _Lazy("_FILLER_RUN",
                    r"eh+|uh+|hm+")
_SUB_BETWEEN = frozenset(("1", "2", "5", "jaar", "jaren", "oud", "en", "een", "half"))
_AND = ["en"]


def _between(t):
    return t in _BETWEEN_WORDS or _FILLER_RUN.fullmatch(t) is not None


def _number_after(runs, i):
    """Does a number begin a run after run ``i``, with only fillers and adverbs between?"""
    for j in range(i + 1, len(runs)):
        if _NUM_START.match(runs[j]):
            return True
        if not _between(runs[j]):
            return False
    return False


def _pred_gate(runs):
    return any(t in _PRED_VERBS and _number_after(runs, i) for i, t in enumerate(runs))


def _inverted_gate(runs):
    return any(t in _INVERTED_VERBS and i + 1 < len(runs) and runs[i + 1] in _INVERTED_PRONOUNS
               and _number_after(runs, i + 1) for i, t in enumerate(runs))


def _subclause_gate(runs, verbs=_SUB_VERBS, between=_SUB_BETWEEN):
    """A number, then at most five runs of ``between``, then a verb of ``verbs``?"""
    # (from each verb back to the number before it)
    for k, t in enumerate(runs):
        if t not in verbs:
            continue
        for j in range(k - 1, max(-1, k - 6), -1):
            if _NUM_START.match(runs[j]):
                return True
            if runs[j] not in between:
                break
    return False


def _number_right_after(runs, words):
    """A run of ``words`` right before a run that begins with a number?"""
    return any(t in words and i + 1 < len(runs) and _NUM_START.match(runs[i + 1])
               for i, t in enumerate(runs))


# _NO_SUBJECT: its verb, then adverbs, then a number; _FRONTED: a number, then at most
# "1/2", ",5", "jaar", "dat", then its verb; _AT_AGE: "met" and a number; _PRON_APPOS: a
# pronoun and a number (only punctuation between)
_NO_SUBJECT_RUNS = frozenset(("ben", "word", "werd", "bin"))
_FRONTED_VERBS = frozenset(("is", "ben", "was", "wordt", "word", "werd", "zijn", "waren", "worden"))
_FRONTED_BETWEEN = frozenset(("1", "2", "5", "jaar", "dat", "en", "een", "half"))
_MET = frozenset(("met",))
_PRONOUN_RUNS = frozenset(("ik", "hij", "zij", "ze", "u", "jij", "je", "ie"))


@lru_cache(maxsize=4)
@lru_cache(maxsize=4)
def _ascii_runs(low):
    """The runs of word characters of an ASCII text in lower case (for the gates above; asked
    by several gates of one text: once, a tuple)."""
    return tuple(_RUN.findall(low))


# (fast path) what may follow "(" in _BRACKET_OPEN: spaces or tabs, then an adverb or a number,
# in digits or in words; these are the first letters of those words (in either case)
_BRACKET_FIRST = frozenset("abcdehilnoprtvwz")


def _bracket_gate(text):
    """Is some "(" followed (spaces and tabs between) by a digit, a letter that begins an
    adverb or a number word of _BRACKET_OPEN, or a letter that is no ASCII letter?"""
    i = text.find("(")
    while i >= 0:
        j = i + 1
        while text[j:j + 1] in (" ", "\t"):
            j += 1
        c = text[j:j + 1]
        if c and (c.isdigit() or not c.isascii() or c.lower() in _BRACKET_FIRST):
            return True
        i = text.find("(", i + 1)
    return False


# -- eighth round ----------------------------------------------------------------------------

# "die is zestien" after a person said earlier in the sentence or in the one before ("mijn neef
# Ryangelo doet rap, die is zestien", "dat m'n kleinzoon daar stond, met z'n vriendjes. Die is
# elf"): the nearest person looked back, unless a thing's noun phrase (a determiner and a word
# that is no plural) stands between ("mijn zoon heeft een fiets, die is 12")
_DETERMINERS = frozenset(("de", "het", "een", "mijn", "m'n", "mn", "zijn", "z'n", "zn", "haar",
                          "ons", "onze", "hun", "je", "jouw", "uw", "d'r", "deze", "dit", "dat",
                          "die", "'t", "’t", "z’n", "m’n"))
_SENTENCE_END = _Lazy("_SENTENCE_END",
                      r"[.!?…]+[\"'”)]*[ \t]+")
_PERSON_TOKEN = _Lazy("_PERSON_TOKEN",
                      rf"(?:{_PERSONS}|{_ROLE_PERSONS}|{_TITLE_ABBR})", re.IGNORECASE)


def _person_antecedent(text, pos):
    """Is there a person before ``pos`` (this sentence or the one before) that a singular "die"
    can take up, with no thing's noun phrase between?"""
    window = text[max(0, pos - 100):pos]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if len(ends) >= 2:
        window = window[ends[-2]:]
    nxt = None
    for t in reversed(_TOKEN.findall(window)):
        lt = t.lower()
        if lt in _DETERMINERS:
            if nxt is not None and not nxt.endswith(("s", "en")):
                return False
        elif _PERSON_TOKEN.fullmatch(lt) or lt in _TITLE_WORDS or \
                t[:1].isupper() and t[1:2].islower() and not _is_word(lt) and _known_name_word(t):
            return True
        nxt = lt
    return False


# the subject of a singular verb far before it: a person opens the sentence (a possessive or an
# article, a person's noun, perhaps a name), then a parenthesis between commas, dashes or
# brackets, or a relative clause with "die"
_FAR_SUBJECT = _Lazy("_FAR_SUBJECT",
    r"(?:^|(?<=[.!?;:\n]))[ \t\"'“]*(?:(?:en|maar|want|dus|nou|ja|nee|o|oh)[ \t,]+)?"
    r"(?:(?:mijn|m'n|mn|me|haar|zijn|z'n|onze|ons|hun|je|jouw|uw|de|het|die|deze)[ \t]+)?"
    r"(?P<who>[^\W\d_]+)(?:[ \t]+(?P<name>(?-i:[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+)))?"
    # (ninth round: a comma inside dashes, "– ja, als de boom –")
    r"(?:[ \t]*(?:,[^,()\n.!?;:]{2,60},|[-–—][^()\n.!?;:\-–—]{2,60}[-–—]"
    r"|\([^()\n]{2,60}\))"
    r"|[ \t]+die[ \t][^,()\n.!?;:]{2,40}?)[ \t]*$", re.IGNORECASE)


def _far_subject(text, pos, plural=None):
    """Is the subject of the verb at ``pos`` a person who opens the sentence, with a
    parenthesis or a relative clause between them (persons for a plural verb)?"""
    m = _FAR_SUBJECT.search(text, max(0, pos - 110), pos)
    if not m:
        return False
    who = m.group("who")
    if plural:
        return bool(_PLURAL_KIN_TOKEN.fullmatch(who.lower()))
    # (ninth round: after a person's noun a capitalised word is the person's name, known or
    # not: "Mijn kleindochter Wilg – ja, als de boom – is achttienenhalf")
    if m.group("name") and not _known_name_word(m.group("name")) and \
            not _PERSON_TOKEN.fullmatch(who.lower()):
        return False
    return bool(_PERSON_TOKEN.fullmatch(who.lower())) or \
        who[:1].isupper() and not _is_word(who.lower()) and _known_name_word(who)


# "sinds mijn achttien", "vanaf z'n vijftien werkt hij", "tot haar 67": an age said as a
# cardinal after a preposition of time and a possessive (the ordinal: _AGE_ORDINAL)
_SINCE_MY = _Lazy("_SINCE_MY",
    r"\b(?:sinds|vanaf|tot|totdat|na|voor|vóór|rond|tegen|op)[ \t]+"
    r"(?:z'n|m'n|d'r|zn|mn|z’n|m’n|jouw|uw|je|haar|zijn|mijn|hun)[ \t]+"
    rf"(?:(?:ongeveer|pas|al)[ \t]+)?(?P<num>{_NUM})(?![\w-])" + _END_LOOSE, re.IGNORECASE)
_SINCE_WORDS = frozenset(("sinds", "vanaf", "tot", "totdat", "na", "voor", "vóór", "rond",
                          "tegen", "op"))
_POSSESSIVE_RUNS = frozenset(("z'n", "m'n", "d'r", "zn", "mn", "z’n", "m’n", "jouw", "uw", "je",
                              "haar", "zijn", "mijn", "hun"))
# (an ASCII text's runs of word characters: "z'n" is "z" and "n")
_POSSESSIVE_ASCII_RUNS = frozenset(("n", "r", "zn", "mn", "jouw", "uw", "je", "haar", "zijn",
                                    "mijn", "hun"))

# a baby's age in months or weeks, said of a person ("hij is zeven maanden", "een baby van 10
# weken", "onze kleinzoon Sem (7 maanden)", "Noor, 3 maanden oud,"): the unit belongs to the age
_MONTHS = r"(?:maanden|maandjes|maand|mnd\.?|weken|weekjes|week|wkn)"
_MONTHS_WORDS = frozenset(("maanden", "maandjes", "maand", "mnd", "weken", "weekjes", "week",
                           "wkn"))
_MONTHS_END = (r"(?:[ \t]+oud)?(?=[ \t]*(?:[,.!?;:)\]…]|[-–—][ \t]|$)|"
               r"[ \t]+(?:en|maar|nu|al|pas|hoor|toch|inmiddels|oud|geworden|of|dus|want|die|toen|"
               r"en[ \t]+een[ \t]+half)\b)")
_MONTHS_PRED = _Lazy("_MONTHS_PRED",
    r"[ \t]+(?:is|wordt|werd|was)[ \t]+"
    rf"(?:{_ADV}[ \t]+){{0,2}}(?P<num>{_NUM}[ \t]+{_MONTHS})(?![\w-])" + _MONTHS_END, re.IGNORECASE)
_MONTHS_OF = _Lazy("_MONTHS_OF",
    rf"(?<![\w-])(?P<who>[^\W\d_]+)(?:[ \t]+van[ \t]+|[ \t]*[(,][ \t]*)"
    r"(?:(?:pas|net|bijna|ruim|nog[ \t]+maar|amper|nu|inmiddels)[ \t]+)?"
    rf"(?P<num>{_NUM}[ \t]+{_MONTHS})(?![\w-])(?:{_MONTHS_END}|{_VERB_END})", re.IGNORECASE)
# "toen ze 3 maanden was", "omdat Sem pas 7 weken oud is": a subordinate clause
_MONTHS_SUB = _Lazy("_MONTHS_SUB",
    rf"(?<![\w-])(?P<who>hij|zij|ze|ie|die|{_PERSONS}|(?-i:[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+))[ \t]+"
    r"(?:(?:pas|net|nog|maar|al|bijna|ongeveer|amper)[ \t]+)*"
    rf"(?P<num>{_NUM}[ \t]+{_MONTHS})(?![\w-])(?:[ \t]+oud)?[ \t]+"
    r"(?:was|is|werd|wordt|geworden)\b", re.IGNORECASE)
_MONTHS_NUM = _Lazy("_MONTHS_NUM",
                    r"(\d+|[^\W\d_]+)")
_BABY_PRONOUNS = frozenset(("hij", "zij", "ze", "ie", "die"))


def _months_age(text, s, e):
    """Is the number of months or weeks text[s:e] a baby's age (at most three years)?"""
    n = _MONTHS_NUM.match(text, s).group(1).lower()
    if n.isdigit():
        return 0 < int(n) <= (156 if "we" in text[s:e].lower() else 36)
    return n not in ("een", "één")


# "Chayenne en Gilmar, 4 en 7", "Sem, Noor en Lisa: 3, 6 en 9": names listed, then as many
# numbers, one each; "Sem 4, Noor 7": a name and its number in a note (two or more pairs)
_CAP = r"(?-i:[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+)"
_NAMES_THEN_NUMS = _Lazy("_NAMES_THEN_NUMS",
    rf"(?<![\w-])(?P<names>{_CAP}(?:[ \t]*,[ \t]*{_CAP})*[ \t]+(?:en|&)[ \t]+{_CAP})"
    r"[ \t]*(?:,|:|[-–—]|\(|[ \t]zijn|[ \t]waren)[ \t]*(?:(?:respectievelijk|resp\.)[ \t]+)?"
    rf"(?P<nums>{_NUM}(?:[ \t]*,[ \t]*{_NUM})*[ \t]+(?:en|&)[ \t]+{_NUM})(?![\w-])"
    r"(?:[ \t]+jaar(?:[ \t]+oud)?)?"
    r"(?=[ \t]*(?:[,.!?;:)\]…]|[-–—][ \t]|$)|[ \t]+(?:en|maar|dus|nu|al)\b)",
    re.IGNORECASE | re.MULTILINE)
_NAME_NUM_PAIR = _Lazy("_NAME_NUM_PAIR",
    rf"(?<![\w-])(?P<name>{_CAP})[ \t]+(?:\(?)(?P<num>{_NUM})(?![\w-])\)?"
    r"(?=[ \t]*(?:[,;/]|[ \t]en[ \t]|$|\.[ \t]*$))", re.IGNORECASE | re.MULTILINE)
_NUM_IN_LIST = _Lazy("_NUM_IN_LIST",
                     rf"(?<![\w-]){_NUM}(?![\w-])", re.IGNORECASE)
_NAME_IN_LIST = _Lazy("_NAME_IN_LIST",
                      _CAP)


def _name_word(text, start, word):
    return _known_name_word(word) and _prev_word(text, start) not in _NOT_BEFORE


# "Het jongetje, zes jaar oud, keek mee", "mijn vriend, net 18 geworden, kwam mee", "de kleine
# (nog geen 3 jaar)": a person's apposition that says the age with "jaar", "oud" or "geworden"
_APPOS_YEARS = _Lazy("_APPOS_YEARS",
    r"(?P<who>[^\W\d_]+)\.?[ \t]*(?:,|[-–—]|\()[ \t]*"
    rf"(?:(?:{_APPOS_ADV_RX}|nog[ \t]+geen|nog|pas|net|ca\.?|circa)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])[ \t]+(?:jaar(?:[ \t]+oud)?|jr\.?|geworden|oud|jong)"
    r"[ \t]*(?=[,)]|[-–—])", re.IGNORECASE)
# ("thuis in Schiebroek, vier jaar": a place, no person)
_PLACE_PREPOSITIONS = frozenset(("in", "uit", "naar", "bij", "op", "te", "aan", "richting", "via"))
_APPOS_YEARS_WORDS = frozenset(("jaar", "jr", "geworden", "oud", "jong"))

# a bare number as a turn of its own ("R: Achtenvijftig. Nee wacht, negenenvijftig, ik ben net
# jarig geweest", "En uw leeftijd? 67."): an age where the text speaks of age (a birthday, "hoe
# oud", "leeftijd", "geboren"); its correction follows in keep
_BARE_TURN = _Lazy("_BARE_TURN",
    r"(?:^|(?<=\n)|(?<=[?:])|(?<=[?:][ \t])|(?<=\?[ \t][-–—][ \t]))[ \t]*"
    r"(?:(?:eh+|uh+|ehm|nou|bijna|ruim|net|pas|al|ik[ \t]+denk|ik[ \t]+geloof|volgens[ \t]+mij|"
    r"ongeveer|zo'n|rond[ \t]+de|een[ \t]+jaar[ \t]+of|ergens[ \t]+rond[ \t]+de)[,.…]*[ \t]+)*"
    rf"(?P<num>{_NUM})(?![\w-])(?:[ \t]+jaar(?:[ \t]+oud)?)?"
    # (the turn ends, or lists its ages: "4 en 6.")
    rf"(?=[ \t]*(?:[.!?…,;]|$)|[ \t]+(?:en|of)[ \t]+{_NUM}(?![\w-]))",
    re.IGNORECASE | re.MULTILINE)
_AGE_TALK = _Lazy("_AGE_TALK",
                  r"\b(?:jarig|verjaardag|leeftijd|geboren|hoe[ \t]+oud|jaar[ \t]+oud|"
                  r"geworden|levensjaar)\b", re.IGNORECASE)


def _eighth_round(text, low, tokens, at, before, after, ws, ascii_):
    """Spans of the eighth round's positions (see the module docstring)."""
    out = []
    if not before.isdisjoint(_SINCE_WORDS) and not before.isdisjoint(_POSSESSIVE_RUNS) and \
            (not ascii_ or _number_right_after(_ascii_runs(low), _POSSESSIVE_ASCII_RUNS)):
        out += [(m.start("num"), m.end("num"), "age") for m in _SINCE_MY.finditer(text)
                if _age(text, m.start("num"), m.end("num")) and
                _prev_word(text, m.start()) not in ("groep", "les")]
    if not after.isdisjoint(_MONTHS_WORDS):
        if not before.isdisjoint(_VERBS):
            for m in _MONTHS_PRED.finditer(text):
                w = _SUBJECT.search(text, max(0, m.start() - 24), m.start())
                if not w or w.group("plural") or w.group("pron") and \
                        w.group("pron").lower() not in _BABY_PRONOUNS:
                    continue
                if w.group("name") and not (w.group("name")[:1].isupper() and
                                            _known_name_word(w.group("name"))):
                    continue
                if w.group("die") and not _person_antecedent(text, w.start()):
                    continue
                if _months_age(text, m.start("num"), m.end("num")):
                    out.append((m.start("num"), m.end("num"), "age"))
        if not after.isdisjoint(_VERBS):
            for m in _MONTHS_SUB.finditer(text):
                who = m.group("who")
                if who[:1].isupper() and who.lower() not in _BABY_PRONOUNS and \
                        not _PERSON_TOKEN.fullmatch(who.lower()) and \
                        (_is_word(who.lower()) or not _known_name_word(who)):
                    continue
                if who.lower() == "die" and not _person_antecedent(text, m.start("who")):
                    continue
                if _months_age(text, m.start("num"), m.end("num")):
                    out.append((m.start("num"), m.end("num"), "age"))
        for m in _MONTHS_OF.finditer(text):
            if _person_word(text, m, "who") and m.group("who").lower() not in _PRONOUNS_ADULT \
                    and _months_age(text, m.start("num"), m.end("num")):
                out.append((m.start("num"), m.end("num"), "age"))
    # (names with numbers in a text about marks, scores or chapters: "Score: Anna 8, Piet 7",
    # "Koning Willem 2", "Psalm 23")
    if len(at) >= 2 and ws.isdisjoint(_NOT_AGES_WITH_NAMES):
        if (" en " in text or "&" in text) and _NAMES_THEN_NUMS_GATE.search(text):
            for m in _NAMES_THEN_NUMS.finditer(text):
                names = list(_NAME_IN_LIST.finditer(m.group("names")))
                nums = list(_NUM_IN_LIST.finditer(m.group("nums")))
                if len(names) != len(nums) or not all(
                        _name_word(text, m.start("names") + n.start(), n.group(0)) for n in names):
                    continue
                base = m.start("nums")
                if all(_age(text, base + n.start(), base + n.end()) for n in nums):
                    out += [(base + n.start(), base + n.end(), "age") for n in nums]
        pairs = list(_NAME_NUM_PAIR.finditer(text))
        if len(pairs) >= 2:
            pairs = [m for m in pairs if _name_word(text, m.start("name"), m.group("name")) and
                     _age(text, m.start("num"), m.end("num"))]
        if len(pairs) >= 2:
            out += [(m.start("num"), m.end("num"), "age") for m in pairs]
    if not after.isdisjoint(_APPOS_YEARS_WORDS) and ("," in text or "(" in text or "-" in text or
                                                     "–" in text or "—" in text):
        out += [(m.start("num"), m.end("num"), "age") for m in _APPOS_YEARS.finditer(text)
                if _person_word(text, m, "who") and _age(text, m.start("num"), m.end("num")) and
                _prev_word(text, m.start("who")) not in _PLACE_PREPOSITIONS]
    if not ws.isdisjoint(_AGE_TALK_WORDS) and _AGE_TALK.search(text):
        out += [(m.start("num"), m.end("num"), "age") for m in _BARE_TURN.finditer(text)
                if _answers_age(text, m) and _age(text, m.start("num"), m.end("num"))]
    return out


_LABEL_BEFORE = _Lazy("_LABEL_BEFORE",
                      r"([^\W\d_]+)(\d*)[ \t]*:[ \t]*$")
_QUESTION_BEFORE = _Lazy("_QUESTION_BEFORE",
                         r"([^.!?\n]*)\?[ \t]*(?:[-–—][ \t]*)?$")
_THING_ASKED = _Lazy("_THING_ASKED",
                     r"\bhoe[ \t]+oud[ \t]+(?:is|was|zijn|waren|wordt|werd)[ \t]+"
                     r"(?:het|dat|dit|de|die|deze|jullie|uw|je|jouw)[ \t]+([^\W\d_]+)\b",
                     re.IGNORECASE)
def _thing_asked(question):
    """Does the question ask a thing's age ("hoe oud is dat schilderij?", "hoe oud is jullie
    huis?"), a determiner and a noun that is no person's?"""
    t = _THING_ASKED.search(question)
    return bool(t and not _PERSON_TOKEN.fullmatch(t.group(1).lower()) and
                t.group(1).lower() not in _TITLE_WORDS and t.group(1).lower() not in _GAP_WORDS
                and t.group(1).lower() not in ("jarige", "oudjes") and
                not _PLURAL_KIN_TOKEN.fullmatch(t.group(1).lower()))


_PLURAL_KIN_TOKEN = _Lazy("_PLURAL_KIN_TOKEN",
                          _PLURAL_KIN, re.IGNORECASE)


_CORRECTED_AFTER = _Lazy("_CORRECTED_AFTER",
                         r"[ \t]*(?:\.{1,3}|…|,|!)?[ \t]*"
                         r"(?:nee|sorry|wacht|pardon|of|correctie)\b"
                         r"[^\n]{0,60}", re.IGNORECASE)


def _answers_age(text, m):
    """Is the bare number of ``m`` (a turn of its own) the answer to a question about age (the
    question before it speaks of age) or corrected after it in words that do ("nee wacht,
    negenenvijftig, ik ben net jarig geweest")? After a colon only a speaker's turn counts (not
    a form's label: "Cijfer: 7")."""
    s = m.start()
    pre = text[max(0, s - 160):s]
    label = _LABEL_BEFORE.search(pre)
    if label:
        word = label.group(1)
        if not (word.lower() in _SPEAKER_ROLES or len(word) <= 2 and word.isupper() or
                word[:1].isupper() and _known_name_word(word)):
            return False
        pre = pre[:label.start()]
    elif pre.rstrip().endswith(":") or not pre.strip() and text[m.end("num"):m.end("num") + 1] in \
            (".", ")") and text[m.start("num")].isdigit():
        return False        # "2. Cijfers: ...": a list's number
    q = _QUESTION_BEFORE.search(pre)
    if q and _AGE_TALK.search(q.group(1)):
        return not _thing_asked(q.group(1))
    c = _CORRECTED_AFTER.match(text, m.end("num"))
    return bool(c and _AGE_TALK.search(c.group(0)))


_NOT_AGES_WITH_NAMES = frozenset((
    "score", "scores", "cijfer", "cijfers", "punten", "punt", "stemmen", "rapportcijfer",
    "beoordeling", "uitslag", "uitslagen", "stand", "ronde", "tafel", "koning", "koningin", "prins",
    "prinses", "keizer", "paus", "psalm", "psalmen", "lied", "liederen", "gezang", "hoofdstuk",
    "vers"))
_PRONOUNS_ADULT = frozenset(("ik", "u", "jij", "je", "we", "wij", "jullie"))
_AGE_TALK_WORDS = frozenset(("jarig", "verjaardag", "leeftijd", "geboren", "oud", "geworden",
                             "levensjaar"))
_NAMES_THEN_NUMS_GATE = _Lazy("_NAMES_THEN_NUMS_GATE",
                              rf"{_CAP}[ \t]+(?:en|&)[ \t]+{_CAP}")


# -- tenth round -----------------------------------------------------------------------------

# a list of what someone is after the copula, one item of it a bare number: "ik ben student,
# 21, woon op kamers", "ik ben dus turks, 38, ik heb ...", "zij is weduwe, moeder van drie, 79,
# en woont alleen" (the number is the age); each item one to four words, no number, no place or
# time ("ik ben er, 5 minuten", "ik ben op les 4, 5 en 6": not a descriptor)
_WORDS_ITEM = r"(?:[^\W\d_][^\W\d_'’-]*[ \t]+){0,3}[^\W\d_][^\W\d_'’-]*[ \t]*,[ \t]*"
_SELF_LIST = _Lazy("_SELF_LIST",
    r"(?<![\w-])(?:ben|bent|is|was|bin)[ \t]+(?:(?:nu|dus|ook|zelf|gewoon|eigenlijk|al|nog)[ \t]+){0,3}"
    rf"(?P<items>(?:{_WORDS_ITEM}){{1,3}})(?:(?:en|nu|al|bijna|pas|net|inmiddels|ook)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
_NOT_DESCRIPTOR = frozenset((
    "er", "hier", "daar", "thuis", "om", "tot", "vanaf", "sinds", "op", "in", "bij", "naar",
    "met", "voor", "na", "over", "uit", "aan", "te", "van", "de", "het", "een", "nummer", "nr",
    "groep", "klas", "les", "week", "dag", "cijfer", "score", "punt", "punten", "keer", "uur",
    "tevreden", "blij", "klaar", "nee", "ja", "oke", "ok", "goed", "gemiddeld", "totaal",
    "aantal", "mei", "juni", "juli", "maart", "april"))
_SELF_ITEM_END = frozenset(("van", "de", "het", "een", "op", "in", "bij", "met", "voor", "om",
                            "aan", "te", "naar", "uit", "tot", "en", "of"))
_DURATION_NOW = _Lazy("_DURATION_NOW",
                      r"[ \t]+(?:jaar|jr\.?)[ \t]+(?:al|nu|alweer|lang|inmiddels|hier|daar)\b",
                      re.IGNORECASE)
_COMMA_NUM = _Lazy("_COMMA_NUM",
                   r",[ \t]*(?:(?:en|nu|al|bijna|pas|net|inmiddels|ook)[ \t]+)?"
                   rf"(?:\d|{_NUM_WORD}|{_UNIT_WORD}|anderhalf)", re.IGNORECASE)
_DIGITS_ONLY = _Lazy("_DIGITS_ONLY",
                     r"\d+")
_PLURAL_ROLES = (r"(?:deelnemers|deelneemsters|cursisten|bewoners|bewoonsters|respondenten|"
                 r"vrijwilligers|ouderen|senioren|dames|heren|vrouwen|mannen|cliënten|patiënten)")
_PLURAL_KIN_WORDS = frozenset(re.findall(r"[a-zë']+", _PLURAL_KIN + _PLURAL_ROLES))
_SELF_SUBJECT = frozenset(("ik", "hij", "zij", "ze", "'k", "’k", "ikke", "u", "jij", "je"))


def _self_list(text):
    """Ages as one item of a list of what someone is (see _SELF_LIST)."""
    out = []
    for m in _SELF_LIST.finditer(text):
        v = len(text[:m.start()].rstrip(" \t"))
        w = _SUBJECT.search(text, max(0, v - 24), v)
        if not w or w.group("plural") or w.group("die") or w.group("adj") or \
                w.group("pron") and w.group("pron").lower() not in _SELF_SUBJECT or \
                w.group("name") and not (_known_name_word(w.group("name")) or
                                         _prev_word(text, w.start("name")) in _TITLE_WORDS):
            continue
        words = _RUN.findall(m.group("items").lower())
        if any(t in _NOT_DESCRIPTOR for t in words[:1]) or any(
                x.strip().split()[-1].lower() in _SELF_ITEM_END
                for x in m.group("items").split(",") if x.strip()) or \
                any((t[:1].isdigit() or t in _NUMBER_WORDS) and words[i - 1:i] != ["van"]
                    for i, t in enumerate(words)) or \
                not _NOT_DESCRIPTOR.isdisjoint(words[-1:]):
            continue
        if _DURATION_NOW.match(text, m.end("num")) or not _age(text, m.start("num"), m.end("num")):
            continue
        # (a rating is 1 to 10: "ik ben erg positief, 8"; a child's age that low only beside a
        # person's noun: "hij is kleuter, 5,")
        v = _value(m.group("num"))
        if (v is None or v <= 10) and not any(_PERSON_TOKEN.fullmatch(t) for t in words) or \
                _SCORE_TALK.search(text):
            continue
        out.append((m.start("num"), m.end("num"), "age"))
    return out


# number words of Frisian, Limburg and Brabant speech ("Ik bin fiifensantich", "ze was
# sesenséstich", "hij is zeuventig", "tachentig"): a word read by its sounds, as these spellings
# change a Dutch number word (accents dropped; ch/g, z/s, v/f, ij/ii/ie/y, ee, eu, oo, aa and a
# doubled letter read alike), made of the parts of a number (a unit, "en", a ten; a teen; a ten),
# each part a Dutch word or its Frisian word where Frisian has another (twa, trije, fjouwer, sân,
# njoggen; tsien, alve, tolve, -tjin; tweintich, tritich, fjirtich, sechstich, santich)
_SOUNDS = (("ch", "g"), ("z", "s"), ("v", "f"), ("ij", "i"), ("ii", "i"), ("ie", "i"),
           ("y", "i"), ("ee", "e"), ("eu", "e"), ("oo", "o"), ("aa", "a"), ("uu", "u"))
_DOUBLED = _Lazy("_DOUBLED",
                 r"([a-z])\1")


def _sound(word):
    """A word's letters as the sounds it spells (lower case, accents dropped)."""
    import unicodedata
    w = "".join(c for c in unicodedata.normalize("NFD", word.lower())
                if not unicodedata.combining(c))
    for a, b in _SOUNDS:
        w = w.replace(a, b)
    return _DOUBLED.sub(r"\1", w)


_DIALECT_PARTS = {
    "unit": {1: "een ien ein", 2: "twee twa twie", 3: "drie trije dri", 4: "vier fjouwer veer",
             5: "vijf fiif vief", 6: "zes seis", 7: "zeven sân zeuven zeve", 8: "acht ach",
             9: "negen njoggen neegen nege"},
    "ten": {20: "twintig tweintich", 30: "dertig tritich", 40: "veertig fjirtich",
            50: "vijftig fyftich", 60: "zestig sechstich sestig", 70: "zeventig santich",
            80: "tachtig tachentig", 90: "negentig njoggentich"},
    "teen": {10: "tien tsien", 11: "elf alve", 12: "twaalf tolve twellef", 13: "dertien trettjin",
             14: "veertien fjirtjin", 15: "vijftien fyftjin", 16: "zestien sechstjin",
             17: "zeventien santjin", 18: "achttien achtjin", 19: "negentien njoggentjin"},
}


@lru_cache(maxsize=1)
def _dialect_table():
    return {kind: {_sound(w): v for v, ws in parts.items() for w in ws.split()}
            for kind, parts in _DIALECT_PARTS.items()}


@lru_cache(maxsize=256)
def _dialect_value(word):
    """The number a (dialect) number word says, 10 to 99, or None."""
    t = _dialect_table()
    w = _sound(word)
    v = t["ten"].get(w) or t["teen"].get(w)
    if v:
        return v
    for i in range(2, len(w) - 4):
        if w[i:i + 2] == "en" and w[:i] in t["unit"] and w[i + 2:] in t["ten"]:
            return t["unit"][w[:i]] + t["ten"][w[i + 2:]]
    return None


# (a word that may be one: how its ten or teen ends)
_DIALECT_CANDIDATE = _Lazy("_DIALECT_CANDIDATE",
    r"(?<![\w-])[^\W\d_]{3,}(?:ti[cg]h?|te[cg]h?|tjin|tsien|tien|tig)(?![\w-])", re.IGNORECASE)
_DIALECT_GATE = _Lazy("_DIALECT_GATE",
                      r"t(?:i[cg]h?|e[cg]h?|jin|sien|ien)\b")
# (a number word written with hyphens: "vijf-en-zestig", "twee-ën-negentig", "fiif-en-santich")
_HYPHENED = _Lazy("_HYPHENED",
                  r"(?<![\w-])[^\W\d_]{3,7}-[eë]n-[^\W\d_]{5,12}(?![\w-])")


# (eleventh round) the tens of the languages the communities speak, and units to compose them
# ("sixty-five", "sessenta e cinco", "sesenta y cinco"): data, not code
_WORLD_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "um": 1, "uma": 1, "uno": 1, "dois": 2, "duas": 2,
                "dos": 2, "tres": 3, "três": 3, "quatro": 4, "cuatro": 4, "kuater": 4,
                "cinco": 5, "sinku": 5, "seis": 6, "sete": 7, "siete": 7, "shete": 7,
                "oito": 8, "ocho": 8, "nove": 9, "nueve": 9, "nuebe": 9}


@lru_cache(maxsize=1)
def _world_tens():
    """{word: value} of ``data/number_words_world.txt``."""
    from importlib import resources
    text = resources.files("impact.qual").joinpath("data/number_words_world.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0].isdigit():
            out.update((w.lower(), int(parts[0])) for w in parts[1:])
    return out


@lru_cache(maxsize=1)
def _world_rx():
    words = "|".join(sorted(map(re.escape, _world_tens()), key=len, reverse=True))
    units = "|".join(sorted(map(re.escape, _WORLD_UNITS), key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?P<w>{words})(?:(?:-|[ \t]+(?:e|y|i)[ \t]+)(?P<u>{units}))?"
                      r"(?![\w'’-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _world_gate():
    """The first run of letters of each word of the data (a set test before the scan)."""
    return frozenset(re.match(r"[^\W\d_]+", w).group(0) for w in _world_tens())


def _world_numbers(text, low):
    """[(start, end, value)] of the number words of other languages (data/number_words_world.txt)."""
    out = []
    if _world_gate().isdisjoint(_low_words(low)):
        return out
    tens = _world_tens()
    for m in _world_rx().finditer(text):
        v = tens[m.group("w").lower()]
        if m.group("u") and v >= 20:
            v += _WORLD_UNITS[m.group("u").lower()]
        out.append((m.start(), m.end(), v))
    return out


def _dialect_numbers(text, low):
    """[(start, end, value)] of the number words in dialect of the text (not Dutch ones) and
    of the Dutch ones written with hyphens, and (eleventh round) of other languages."""
    out = _world_numbers(text, low)
    if "-en-" in low or "-ën-" in low:
        for m in _HYPHENED.finditer(text):
            v = _value(m.group(0).replace("-", ""))
            if v is not None and v == int(v):
                out.append((m.start(), m.end(), int(v)))
    if not _DIALECT_GATE.search(low):
        return out
    for m in _DIALECT_CANDIDATE.finditer(text):
        w = m.group(0).lower()
        if w in _NUMBER_WORDS or any(a <= m.start() < b for a, b, _ in out):
            continue
        v = _dialect_value(w)
        if v is not None:
            out.append((m.start(), m.end(), v))
    return out


# a bare number as a sentence of its own at a line's start, then "toen" (the time of life it
# names): "Vijftig. Toen is het gebeurd."
_BARE_THEN = _Lazy("_BARE_THEN",
    rf"(?:^|(?<=\n))[ \t]*(?P<num>{_NUM})(?:[ \t]+jaar)?[ \t]*(?:[.!]|\.{{3}}|…)[ \t]+"
    r"(?:toen|daarna|sindsdien|vanaf[ \t]+toen|op[ \t]+die[ \t]+leeftijd)\b",
    re.IGNORECASE | re.MULTILINE)
# the same age said again right after in another form (a translation, a restatement: "Ik bin
# fiifensantich. Dat is vijfenzeventig", "Ze was sesenséstich, zoals wij zeggen. Zesenzestig.",
# "98, ja echt, achtennegentig"): a number of the same value within 60 characters of the line
_NUM_AT = _Lazy("_NUM_AT",
                rf"(?<![\w-])(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)


_LATER_NUM = _Lazy("_LATER_NUM",
                   r"\d|(?<![\w-])(?:één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|"
                   r"honderd)\b|[^\W\d_](?:tig|tich|teg|tjin|tien)\b", re.IGNORECASE)
_LATER_WORD = _Lazy("_LATER_WORD",
                    r"(?<![\w-])(?:één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|"
                    r"honderd)\b|[^\W\d_](?:tig|tich|teg|tjin|tien)\b", re.IGNORECASE)
_CLAUSE_OPEN = frozenset(".,:;!?(–—-\"'“…")
_SAY_AGAIN = frozenset(("is", "was", "dus", "ofwel", "oftewel", "echt", "ja", "precies", "zeg",
                        "nou", "wel", "toch", "eigenlijk", "gewoon", "nederlands", "lees"))


# a form's or a chat's sex and age: "m/17", "v/45", "M / 82" (the age after the letter)
_SEX_SLASH = _Lazy("_SEX_SLASH",
                   r"(?<![\w/])[mvMV][ \t]?/[ \t]?(?P<num>\d{1,3})(?![\w/-]|[.,:]\d)")
# an apposition after a person whose number goes on with "en" and more ("Mijn moeder, 91 en nog
# kwiek, doet mee", "opa, 88 en doof, zingt mee"; not a list of numbers)
_APPOS_AND = _Lazy("_APPOS_AND",
    r",[ \t]*(?:(?:bijna|ruim|pas|net|nu|inmiddels|al)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])(?:[ \t]+jaar(?:[ \t]+oud)?)?[ \t]+en[ \t]+(?!{_NUM}(?![\w-]))"
    r"[^\W\d_][^,;()\n\d]{1,40},", re.IGNORECASE)


# persons in the plural, then a list of numbers, one each: "Mijn kinderen, 3 en 5, spelen",
# "de kleinkinderen (4, 7 en 12) kwamen mee" (one number after them counts them: "kinderen: 3")
_PLURAL_APPOS = _Lazy("_PLURAL_APPOS",
    rf"(?<![\w-])(?:{_PLURAL_KIN}|(?P<roles>{_PLURAL_ROLES}))[ \t]*(?:,|\(|:|[-–—])[ \t]*"
    rf"(?P<nums>{_NUM}(?:[ \t]*,[ \t]*{_NUM})*[ \t]+(?:en|&)[ \t]+{_NUM})(?![\w-])"
    r"(?:[ \t]+jaar(?:[ \t]+oud)?)?(?=[ \t]*(?:[,);.!?]|$))", re.IGNORECASE | re.MULTILINE)


# a chat's birthday: "happy 50th!", "fijne 18e!" (an English or Dutch ordinal after a wish), a
# name and its number with exclamation marks ("Sarah 18!!! feestje", "Sem 7!") where the text
# speaks of a birthday
_HAPPY_ORDINAL = _Lazy("_HAPPY_ORDINAL",
    r"\b(?:happy|fijne|gelukkige|mooie)[ \t]+(?P<num>\d{1,3}(?:th|st|nd|rd|ste|de|e))(?![\w-])"
    r"(?![ \t]+(?:anniversary|jubileum|huwelijk|huwelijksdag|trouwdag|wedding|keer|les|dag)\b)",
    re.IGNORECASE)
_NAME_CHEER = _Lazy("_NAME_CHEER",
    rf"(?<![\w-])(?P<name>{_CAP})[ \t]+(?P<num>\d{{1,3}}|{_NUM_WORD}|{_UNIT_WORD}|tien|elf|twaalf)"
    r"(?:[ \t]+jaar)?[ \t]*!+")


# English in a Dutch text (a newcomer's or a chat's): "I am 45", "I'm 67 years old", "my mother
# is 80", "she's 9"
_ENGLISH = _Lazy("_ENGLISH",
    r"\b(?:i[ \t]+am|i['’]m|(?:he|she)[ \t]+is|(?:he|she)['’]s|(?:my|his|her)[ \t]+"
    r"(?:mother|father|mom|mum|dad|son|daughter|husband|wife|brother|sister|grandmother|"
    r"grandfather|grandma|grandpa|child|kid|boy|girl)[ \t]+is)[ \t]+(?:(?:now|already|almost|"
    r"nearly|just|only)[ \t]+)?(?P<num>\d{1,3})(?![\w-])(?:[ \t]+years?(?:[ \t]+old)?)?"
    r"(?=[ \t]*(?:[,.!?;:)]|$)|[ \t]+(?:and|but|now|en|maar)\b)", re.IGNORECASE)


# an answer that gives the time of life by an age: "Wanneer bent u gestopt? Met 62.", "Toen
# u kwam? Rond de twaalf." (the question asks when or how old; the number ends the answer)
_WHEN_ANSWER = _Lazy("_WHEN_ANSWER",
    r"\b(?:wanneer|hoe[ \t]+oud|leeftijd|hoe[ \t]+jong|toen)\b[^?\n]{0,80}\?[ \t]*"
    r"(?:[^\W\d_]{1,12}\d?[ \t]*:[ \t]*)?(?:(?:eh+|uh+|nou|pas|al)[,.…]*[ \t]+)*"
    r"(?:met|rond[ \t]+de|toen[ \t]+ik)[ \t]+(?:(?:mijn|m'n|mn|zijn|z'n|haar)[ \t]+)?"
    rf"(?:(?:ongeveer|pas|net|bijna|al)[ \t]+)?(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# a speaker who asks about themself, then the number: "Ik? Vierenzestig.", "Mijn moeder? 91 al."
_SELF_ASKED = _Lazy("_SELF_ASKED",
    rf"(?<![\w-])(?:ik|ikke|ikzelf|hij|zij|(?:mijn|m'n|mn|onze|ons)[ \t]+{_PERSONS})[ \t]*\?+[ \t]*"
    r"(?:(?:eh+|uh+|nou|al|pas|bijna|net)[,.…]*[ \t]+)*"
    rf"(?P<num>{_NUM})(?![\w-])(?:[ \t]+jaar(?:[ \t]+oud)?)?(?=[ \t]*(?:[.!…]|$)|[ \t]+(?:al|alweer|hoor|pas)\b)",
    re.IGNORECASE)


def _said_again(text, out):
    """Spans of an age said again in another form after an age of ``out``."""
    new, taken = [], None
    for s, e, k in out:
        if k != "age":
            continue
        # (a number within the next 60 characters, a cheap test first; said again in another
        # form: after digits in words)
        digits = text[s:s + 1].isdigit()
        if not (_LATER_WORD if digits else _LATER_NUM).search(text, e, e + 66):
            continue
        v = _value(text[s:e])
        if v is None:
            continue
        for m in _NUM_IN_LIST.finditer(text, e, e + 66):
            a, b = m.start(), m.end()
            if "\n" in text[e:a]:
                break
            if _value(m.group(0)) != v or digits and m.group(0)[:1].isdigit():
                continue
            if taken is None:
                taken = [(x, y) for x, y, _ in out]
            # (the number opens its clause or follows a word that says it again: "Dat is",
            # "ofwel", "echt"; not a label's number: "(gesprek 76)", "groep 8")
            if _END_AT.match(text, b) and _age(text, a, b) and \
                    (text[:a].rstrip(" \t")[-1:] in _CLAUSE_OPEN or
                     _prev_word(text, a) in _SAY_AGAIN) and \
                    not any(x < b and a < y for x, y in taken):
                new.append((a, b, "age"))
                taken.append((a, b))
            break
    return new


# -- ninth round -----------------------------------------------------------------------------

# a parenthesis between dashes or brackets right before "die" ("mijn kleindochter – ja zo heet
# ze echt – die is vijfenhalf"): the person is looked up before it
_PAREN_CLOSE = frozenset("-–—)")
_PAREN_BEFORE = _Lazy("_PAREN_BEFORE",
                      r"(?:[ \t][-–—][ \t][^-–—()\n]{2,90}[ \t][-–—]|\([^()\n]{2,90}\))[ \t]*$")

# "negenjarig", "een 9-jarige", "mijn twaalfjarige kleinzoon", "de 80-jarige uit Zwolle", "als
# zestienjarige": an age glued to "-jarig(e)"; no one's age where a thing's noun follows ("25-jarig
# jubileum", "40-jarig huwelijk", "een driejarige opleiding"; see _thing_after_jarig)
_JARIG = _Lazy("_JARIG",
    rf"(?<![\w-])(?:\d{{1,3}}(?:[,.]5)?[ \t]?-?[ \t]?|{_HALF}-?)"
    r"jarige?(?![\w-])", re.IGNORECASE)
# the noun of an event, a bond, a period or a thing after "-jarig(e)" (perhaps an adjective
# between): a closed set of what lasts or is celebrated, and the endings of abstract nouns
_JARIG_THING = _Lazy("_JARIG_THING",
    r"[ \t]+(?:[a-zà-ÿ]+e[ \t]+)?(?:(?:[a-zà-ÿ]{2,})?(?:jubileum|bestaan|huwelijk|contract|project|programma|"
    r"traject|plan|periode|termijn|looptijd|verband|dienstverband|lidmaatschap|abonnement|"
    r"garantie|subsidie|studie|cursus|opleiding|vriendschap|relatie|samenwerking|ervaring|"
    r"geschiedenis|traditie|feest|jubilaris|verblijf|carrière|loopbaan|oorlog|strijd|pilot|"
    r"regeling|onderzoek|cyclus|rotatie|boom|bomen|plant|planten|wijn|whisky|gebouw|pand|"
    r"huis|kerk|molen|vereniging|club|koor|stichting|bedrijf|zaak|winkel|eik|beuk|"
    r"linde|kastanje|iep|wilg|auto|fiets|schip|boot|boek|werk|monument|tuin|park|kans|"
    r"hypotheek|lening|obligatie|rente|kaas|jenever)|"
    # (a person's noun in "-ling" is a person: "tweeling", "leerling", "zuigeling")
    r"(?!(?:twee|leer|zuige|bore|vreemde|nieuwe|een|jonge|lieve|volge|kweke|drie)ling\b)"
    # ("op vijfjarige leeftijd" is an age)
    r"(?!leeftijd\b|levensjaar\b)"
    r"[a-zà-ÿ]{3,}(?:ing|schap|heid|iteit|atie|isme|ment|eum|ium|tijd))\b")


def _thing_after_jarig(text, e):
    """Is the "-jarig(e)" ending at ``e`` said of a thing (the noun after it)?"""
    return _JARIG_THING.match(text, e) is not None


# "gefeliciteerd!! 20 al", "Hoera, 7 jaar!", "Van harte Sem, 12 alweer", "jarig! 8": a number
# right after a congratulation or a birthday (punctuation between; not "gefeliciteerd met 25
# jaar huwelijk", not "van harte welkom, 12 deelnemers": the number ends its clause)
_CONGRATS = _Lazy("_CONGRATS",
    r"\b(?:gefeliciteerd|gefeliciteerd[ \t]+met[ \t]+je[ \t]+verjaardag|proficiat|hoera|"
    # (tenth round) a chat's exclamation of wonder before the age it wonders at: "wauw 90 wat
    # een kanjer", "jeetje, 102!", "tjonge 85 en nog zo fit"
    r"wa+u+w+|wo+w+|jeetje|tjonge(?:[ \t-]?jonge)?|jemig|jeminee|goh|sjonge|"
    r"hiep[ \t]+hiep(?:[ \t]+hoera)?|van[ \t]+harte(?:[ \t]+gefeliciteerd)?|happy[ \t]+birthday|"
    r"fijne[ \t]+verjaardag|jarig|verjaardag|gefeliciteerd[ \t]+jarige|"
    r"lang[ \t]+zal[ \t]+(?:ze|zij|hij|je|jij|u)[ \t]+leven(?:[ \t]+in[ \t]+de[ \t]+gloria)?)"
    r"(?:[ \t]+(?-i:[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+|lieverd|schat|jongen|meid|joh|lief|pop|man|vrouw)){0,2}"
    r"(?:[ \t]*(?:[!,.:;…]+|[ \t][-–—])[ \t]*(?:[!,.:;…]+[ \t]*)*|[ \t]+)"
    r"(?:(?:al|alweer|pas|nu|bijna|maar[ \t]+liefst|echt|wow|jeetje|nou)[ \t,!]+)?"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# (names with numbers in a text about marks, scores or chapters: "Score: Anna, 8")
_SCORE_TALK = _Lazy("_SCORE_TALK",
                    r"\b(?:" + "|".join(sorted(_NOT_AGES_WITH_NAMES)) + r")\b", re.IGNORECASE)
# ("Fatima en Yusuf, 3 en 4 keer": a list whose next number does not end its clause counts)
_NEXT_IN_LIST = _Lazy("_NEXT_IN_LIST",
                      rf"(?:[ \t]*,[ \t]*|[ \t]+(?:en|of|tot|à)[ \t]+)(?:{_NUM})(?![\w-])",
                      re.IGNORECASE)
_END_AT = _Lazy("_END_AT",
                _END, re.IGNORECASE)

# a role's noun after "N jaar" ("25 jaar docent", "8 jaar huisvrouw geweest", "12 jaar weduwe"):
# a person's noun of a trade or a state (its endings or a few short ones), then the clause ends
# or "geweest" follows
_ROLE = (rf"(?!(?:{_END_WORDS}|zeker|later|verder|weer|meer|ouder|jonger|hier|daar|er|nooit|"
         r"ieder|over|onder|achter|voor|door|per|precies|ongeveer|vandaag|morgen|deze|"
         r"volgende|komende|aanstaande|straks|ofzo|geleden)\b)"
         r"(?:[a-zà-ÿ]+(?:er|ster|ist|aar|ent|ant|eur|esse|ine|rice|ice|e)|docent|lid|"
         r"huisvrouw|weduwnaar|arts|kok|boer|chef|baas|directeur|manager|zzp'?er|coach|juf|"
         r"meester|alleen|samen|werkloos|gepensioneerd|getrouwd|gescheiden|weg|ziek|thuis)")
_ROLE_END = r"(?:[ \t]+geweest)?(?=[ \t]*(?:[,.!?;:)…]|$)|[ \t]+(?:en|maar|dus|want|geweest)\b)"
_ROLE_AFTER = _Lazy("_ROLE_AFTER",
                    rf"[ \t]+(?:(?:een|de|het)[ \t]+)?{_ROLE}{_ROLE_END}")
_YEARS_ROLE_AFTER = _Lazy("_YEARS_ROLE_AFTER",
                          rf"[ \t]+jaar[ \t]+(?:(?:een|de|het)[ \t]+)?{_ROLE}{_ROLE_END}")
_DIGIT_OR_WORD_AGE = _Lazy("_DIGIT_OR_WORD_AGE",
                           rf"(?:\d|{_HALF}|nul)", re.IGNORECASE)

# a thing's noun phrase, "van" and a person, then the copula before the age ("de kast van oma is")
_POSSESSED = _Lazy("_POSSESSED",
    r"(?<![\w'’])(?:de|het|een|die|dat|deze|dit|mijn|m'n|mn|zijn|z'n|haar|onze|ons|hun|je|jouw|uw)"
    r"[ \t]+(?P<head>[^\W\d_]+)[ \t]+van[ \t]+(?:[^\W\d_'’]+[ \t]+){1,3}"
    rf"(?:is|was|wordt|werd)[ \t]+(?:{_ADV}[ \t]+){{0,2}}$", re.IGNORECASE)
_PERSON_ENDING = _Lazy("_PERSON_ENDING",
                       r"[^\W\d_]+(?:er|ster|ist|aar|ent|ant|eur|ier|ière|in|es|e|je)")


def _thing_of_person(text, s):
    """Is the subject of the copula before ``s`` a thing said to be a person's ("de kast van oma
    is 90 jaar oud"): its noun no person's (no person's noun, title, relation or ending of one)?"""
    m = _POSSESSED.search(text, max(0, s - 70), s)
    if not m:
        return False
    head = m.group("head").lower()
    # ("de leeftijd van mijn moeder is 88": the noun of age itself)
    return head not in ("leeftijd", "lft", "leeftijden") and not (
        _PERSON_TOKEN.fullmatch(head) or _PLURAL_KIN_TOKEN.fullmatch(head) or
        head in _TITLE_WORDS or head in _RELATION_WORDS or
        _PERSON_ENDING.fullmatch(head) or m.group("head")[:1].isupper())


_OF_SOMEONE = _Lazy("_OF_SOMEONE",
    r"(?<![\w'’])(?:de|het|een|mijn|m'n|mn|zijn|z'n|haar|onze|ons|hun|je|jouw|uw)[ \t]+"
    r"(?P<head>[^\W\d_]+)[ \t]+van[ \t]+(?:[^\W\d_'’]+[ \t]+){0,2}[^\W\d_'’]+$", re.IGNORECASE)


def _person_before_van(text, pos):
    """Is the subject before ``pos`` a person's noun, "van" and its possessor ("een vriendin van
    mij", "de zoon van de buren")?"""
    m = _OF_SOMEONE.search(text, max(0, pos - 40), pos)
    if not m:
        return False
    head = m.group("head").lower()
    return bool(_PERSON_TOKEN.fullmatch(head) or head in _TITLE_WORDS or head in _RELATION_WORDS)


_WONDER = _Lazy("_WONDER",
                r"(?:wa+u+w+|wo+w+|jeetje|tjonge|jemig|jeminee|goh|sjonge)\b", re.IGNORECASE)


def _low_wonder(text, m):
    """Is ``m`` (of _CONGRATS) a wonder at a number of 10 or less ("wow, 9!": a rating) in a text
    that speaks of no birthday?"""
    if not _WONDER.match(text, m.start()):
        return False
    v = _value(m.group("num"))
    return (v is None or v <= 10) and not _BIRTHDAY.search(text)


def _list_counts(text, e):
    """Does a list go on after the number ending at ``e`` with a number that does not end its
    clause ("3 en 4 keer")?"""
    n = _NEXT_IN_LIST.match(text, e)
    return bool(n and not _END_AT.match(text, n.end()))


_CONGRATS_WORDS = frozenset(("gefeliciteerd", "proficiat", "hoera", "hiep", "harte", "birthday",
                             "verjaardag", "jarig", "leven", "gloria",
                             "wauw", "wow", "woww", "wauww", "waauw", "wowww", "wauwww",
                             "jeetje", "tjonge", "tjongejonge", "jemig", "jeminee", "goh",
                             "sjonge"))
# "ik word oud, 87", "ik ben ook niet meer de jongste, 79 hoor", "hij is al oud... 91": a number
# right after a person's clause about being old
_OLD_THEN = _Lazy("_OLD_THEN",
    r"\b(?:ik|hij|zij|ze|u|jij|je|ikke|ge)[ \t]+(?:ben|bent|is|word|wordt|werd|was|bin|wor)[ \t]+"
    r"(?:(?:al|ook|nu|zo|wel|echt|toch|aardig|best|behoorlijk|flink|een[ \t]+dagje|inmiddels|nog|"
    r"ook[ \t]+al|niet[ \t]+meer|een[ \t]+beetje|ook[ \t]+niet[ \t]+meer)[ \t]+){0,3}"
    r"(?:oud|ouder|stokoud|bejaard|hoogbejaard|de[ \t]+jongste[ \t]+niet[ \t]+meer|"
    r"de[ \t]+jongste|een[ \t]+oudje|grijs|jong|(?:zo[ \t]+)?jong[ \t]+niet[ \t]+meer|"
    r"een[ \t]+(?:ouwe|oude)[ \t]+[^\W\d_]+)"
    r"[ \t]*(?:[,:;…]|\.{2,}|[-–—])[ \t]*(?:[,:;…]|\.{2,}[ \t]*)*"
    r"(?:(?:al|pas|nu|bijna|ruim|inmiddels|hoor|alweer)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
_OLD_WORDS = frozenset(("oud", "ouder", "stokoud", "bejaard", "hoogbejaard", "jongste", "oudje",
                        "grijs", "jong", "meer", "ouwe", "oude"))
# learner Dutch after French, Arabic, Spanish, Turkish ("j'ai 45 ans", "tengo 45 años"): "ik heb
# 45 jaar", "mijn zoon heeft 8 jaar", "ik had 12 jaar toen we kwamen"; not "ik heb 20 jaar
# gewerkt", "ik heb het 3 jaar gedaan" (the clause ends after "jaar")
_HAVE_YEARS = _Lazy("_HAVE_YEARS",
    rf"(?<![\w-])(?:{_PRON}|ikke|(?:mijn|m'n|mn|zijn|z'n|haar|onze|ons|je|jouw|uw)[ \t]+{_PERSONS})"
    r"[ \t]+(?:heb|hebt|heeft|had|hebben)[ \t]+(?:(?:nu|al|bijna|pas|ongeveer|net)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])[ \t]+(?:jaar|jaren|jr\.?)(?:[ \t]+oud)?"
    r"(?=[ \t]*(?:[,.!?;:)…]|$)|[ \t]+(?:en|maar|want|dus|nu|al|toen|hoor|oud)\b)",
    re.IGNORECASE)
_HAVE_WORDS = frozenset(("heb", "hebt", "heeft", "had", "hebben"))
# "Mijn zoon, zestienenhalf, wil rijles", "Sem (4½)": a half in an apposition after a person,
# as deid's rules take a whole number there
_APPOS_HALF = _Lazy("_APPOS_HALF",
    r"(?P<who>[^\W\d_]+)\.?[ \t]*(?:,|\(|[-–—])[ \t]*(?:(?:bijna|ruim|pas|net|nu|inmiddels)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])(?:[ \t]+jaar(?:[ \t]+oud)?)?[ \t]*(?=[,)]|[-–—])", re.IGNORECASE)
_COPULA_BEFORE = _Lazy("_COPULA_BEFORE",
                        r"\b(?:is|was|wordt|werd)\b")
_DECIMAL = _Lazy("_DECIMAL",
                  r"[,.]5(?!\d)")
_HALF_MARK = _Lazy("_HALF_MARK",
                   r"half|½|\d[,.]5|1/2")
# a chat's "Vandaag 65 geworden!", "Eindelijk 18 geworden!!": a number opening its sentence (an
# adverb of time before it), then "geworden"
_BECAME_BARE = _Lazy("_BECAME_BARE",
    r"(?:^|(?<=[.!?:])|(?<=\n))[ \t]*(?:(?:vandaag|gisteren|eergisteren|net|pas|eindelijk|"
    r"alweer|al|inmiddels|nu|zojuist|vorige[ \t]+week|deze[ \t]+week)[ \t,]+)?"
    rf"(?P<num>{_NUM})(?![\w-])(?:[ \t]+jaar)?[ \t]+geworden\b", re.IGNORECASE | re.MULTILINE)
# "80 kaarsjes uitgeblazen", "70 kaarsjes op de taart": the candles of a birthday
_CANDLES = _Lazy("_CANDLES",
                 rf"(?<![\w-])(?P<num>{_NUM})(?![\w-])[ \t]+(?:kaarsjes|kaarsen)\b", re.IGNORECASE)
_BIRTHDAY = _Lazy("_BIRTHDAY",
                  r"jarig|verjaardag|taart|uitgeblazen|uitblazen|gefeliciteerd|feest",
                  re.IGNORECASE)
# "mijn moeder is een tachtiger", "Ik ben een vijftiger, moeder van drie", "mijn buurman (een
# negentiger)": a person of a decade of age, after a copula or in an apposition (not "de zestiger
# jaren", "vijftigers" as a group)
_DECADES = frozenset(("twintiger", "dertiger", "veertiger", "vijftiger", "zestiger",
                      "zeventiger", "tachtiger", "negentiger"))
_DECADE = _Lazy("_DECADE",
    r"(?:\b(?:ben|bent|is|was|wordt|werd|word|bin)[ \t]+"
    r"(?:(?:al|nu|ook|inmiddels|echt|dus|gewoon|net|pas|zelf)[ \t]+)?|,[ \t]*|\([ \t]*)"
    r"(?:een|n)[ \t]+(?:(?:jonge|jong|kwieke|fitte|echte|vitale|late|vroege)[ \t]+)?"
    rf"(?P<num>(?:{'|'.join(sorted(_DECADES))}))(?![\w-])(?![ \t]+jaren)", re.IGNORECASE)
# after a person's name (a span of the merged spans): ", N" that ends its clause ("Ik ben
# Liudmyla Boiko, vijfentwintig", "Ik heet Sem, 12, en ...")
_AFTER_NAME_COMMA = _Lazy("_AFTER_NAME_COMMA",
    r"[ \t]*,[ \t]*(?:(?:bijna|ruim|pas|net|nu|inmiddels|al)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
# "Ik woon in Lage Mors, vijftien jaar.", "ik heb een zaak gehad in de Kerkstraat, dertig jaar.",
# "we werken bij de HEMA, 12 jaar al": how long the speaker (first person) lives, works or has
# been somewhere (a verb of it, a preposition of place, the place), then a comma and "N jaar"
# that ends the sentence
_LIVE_WORK = _Lazy("_LIVE_WORK",
    # (eleventh round: the verb first, "Vroeger werkte ik bij de Philips, veertig jaar, en")
    r"\b(?:(?:woon|woonde|woonden|werk|werkte|werkten|zat|zaten|leefde|speelde|zong|deed)[ \t]+"
    r"(?:ik|we|wij)\b[^.!?\n;:]{0,10}?\b(?:in|op|bij|aan|te)\b[^.!?\n;:,]{1,40}"
    r",[ \t]*(?:(?:al|nu|ook|toen|zeker|ruim|bijna)[ \t]+)?$|"
    r"\b(?:ik|we|wij|['’]k)\b[^.!?\n;:]{0,30}?\b(?:woon|wonen|woonde|woonden|gewoond|werk|werken|"
    r"werkte|werkten|gewerkt|zit|zitten|zat|zaten|gezeten|gehad|sta|staan|stond|stonden|"
    r"gestaan|verblijf|verbleef|leef|leven|leefde|geleefd|ben|zijn|was|waren|gewerkt|"
    r"gedaan|kom|kwam|komen)\b[^.!?\n;:]{0,40}?\b(?:in|op|bij|aan|te)\b[^.!?\n;:,]{1,40}"
    r",[ \t]*(?:(?:al|nu|ook|toen|zeker|ruim|bijna)[ \t]+)?$)", re.IGNORECASE)
# (eleventh round) how long, not how old:
# - a place fronted before the first person's verb ("In Nederland ik ben vijf jaar", "Hier ben ik
#   al tien jaar", "In Rotterdam woon ik 30 jaar"): not a month ("in april ben ik 80");
_PLACE_FRONTED = _Lazy("_PLACE_FRONTED",
    r"(?:^|[.!?;:\n][ \t\"'“]*)(?:(?:in|op|bij)[ \t]+(?:(?-i:[A-ZÀ-Þ])[\w'-]+|(?:de|het|deze|dit|ons|onze)"
    r"[ \t]+(?:wijk|buurt|stad|land|dorp|huis|koor|groep|club|straat|flat))|hier|daar)"
    r"[ \t]+(?:(?:ik|we|wij|['’]k)[ \t]+(?:ben|zijn|woon|wonen|werk|werken|zit|zitten)|"
    r"(?:ben|zijn|woon|wonen|werk|werken|zit|zitten)[ \t]+(?:ik|we|wij))"
    r"(?:[ \t]+(?:al|nu|ook|ongeveer|bijna|ruim|zeker|pas))*[ \t]+$", re.IGNORECASE)
# (not an age said with "oud" or "geworden": "In Amsterdam ben ik 80 jaar geworden")
_BECAME_AFTER = _Lazy("_BECAME_AFTER",
                      r"(?:[ \t]+jaar)?[ \t]+(?:oud|geworden)\b", re.IGNORECASE)
# - a thing's noun, "van" and "N jaar" ("een huis van 80 jaar oud", "een contract van 2 jaar"):
#   the noun before "van" is no person's (the persons of _OF_PERSON, an adjective of one, a label
#   of age)
_NOUN_VAN = _Lazy("_NOUN_VAN",
                  r"(?<![\w-])(?P<w>[a-zà-ÿ]+)[ \t]+van[ \t]+(?:(?:bijna|ruim|pas|net|ongeveer|"
                  r"zo'n|rond[ \t]+de|amper)[ \t]+)?$")
_PERSON_NOUN = _Lazy("_PERSON_NOUN",
    rf"(?:{_PERSONS}|{_PLURAL_KIN}|{_ROLE_PERSONS}|{_TITLE_ABBR}|iemand|niemand|die|kleine|grote|"
    r"jongste|oudste|middelste|kleinste|grootste|jarige|leeftijd|lft|leeft|ouderdom|mij|mijzelf|"
    r"hem|haar|ons|jou|u|mensen|man|vrouw|kerel|gast|dame|heer|jongen|meisje|meid|knul|"
    r"deelnemer|deelneemster|bewoner|bewoonster|vrijwilliger|cliënt|client|patiënt|lid)", re.IGNORECASE)
# - an age band ("60+", "65-plus", "65 plus"): no one's age, as a form's value or a group's
_BRACKET_PERSON = _Lazy("_BRACKET_PERSON",
                        r"(?<![\w-])(?P<w>[^\W\d_]+)\.?[ \t]*\([ \t]*$")
_BAND_AFTER = _Lazy("_BAND_AFTER",
                    r"[ \t]*\+|-?plus(?:ser)?\b|[ \t]+plus(?:ser)?\b", re.IGNORECASE)


def _no_ones_age(text, s, e):
    """(eleventh round) Is the age text[s:e] how long (a fronted place before the first
    person's verb, a thing's noun and "van") or an age band after all?"""
    if _BAND_AFTER.match(text, e):
        # (not in a bracket right after a person: "een deelnemer (80+)" says that one's age)
        m = _BRACKET_PERSON.search(text, max(0, s - 30), s)
        return not (m and (m.group("w")[:1].isupper() or _PERSON_NOUN.fullmatch(m.group("w"))))
    years = "jaar" in text[s:e].lower() or _YEARS_AFTER.match(text, e)
    if not years:
        return False
    if _PLACE_FRONTED.search(text, max(0, s - 60), s) and not _BECAME_AFTER.match(text, e) and \
            not text[s:e].lower().endswith(("oud", "geworden")):
        return True
    m = _NOUN_VAN.search(text, max(0, s - 40), s) if "van" in text[max(0, s - 20):s] else None
    return bool(m) and not _PERSON_NOUN.fullmatch(m.group("w"))


_YEARS_THEN_END = _Lazy("_YEARS_THEN_END",
                        r"(?:[ \t]+(?:jaar|jr\.?))?(?:[ \t]+(?:al|nu|lang|alweer|hoor))?"
                        r"[ \t]*(?:[.!?…]|$)"
                        # (eleventh round) "N jaar" and a comma: "..., veertig jaar, en toen"
                        r"|(?:[ \t]+(?:jaar|jr\.?))?[ \t]*,", re.IGNORECASE)


# the value of a number (digits, words, halves), to know an age said again in other words ("Hij
# is 98, ja echt, achtennegentig")
_UNIT_VALUES = {"een": 1, "één": 1, "eenen": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
                "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
_WORD_VALUES = dict(_UNIT_VALUES, nul=0, tien=10, elf=11, twaalf=12, dertien=13, veertien=14,
                    vijftien=15, zestien=16, zeventien=17, achttien=18, negentien=19,
                    twintig=20, dertig=30, veertig=40, vijftig=50, zestig=60, zeventig=70,
                    tachtig=80, negentig=90, honderd=100)
_VALUE = _Lazy("_VALUE",
    r"(?:(?P<d>\d{1,3})(?:[,.](?P<h>5))?|(?:(?P<u>een|twee|drie|vier|vijf|zes|zeven|acht|negen)"
    r"(?:en|ën))?(?P<w>[a-zë]+?))(?P<half>[eë]nhalf|[ \t]*½|[ \t]+1/2|[ \t]+en[ \t]+een[ \t]+half)?",
    re.IGNORECASE)


def _value(piece):
    """The number said by ``piece`` ("98", "achtennegentig", "14,5", "drie en een half"), or
    None."""
    p = piece.lower().replace("anderhalf", "eenenhalf")
    m = _VALUE.fullmatch(p)
    if not m:
        d = _dialect_value(p) if p.isalpha() else None
        return float(d) if d is not None else None
    if m.group("d"):
        v = float(m.group("d")) + (0.5 if m.group("h") else 0)
    else:
        w = _WORD_VALUES.get(m.group("w"))
        if w is None and not m.group("half"):
            d = _dialect_value(p) if p.isalpha() else None
            return float(d) if d is not None else None
        if w is None or m.group("u") and not 20 <= w <= 90:
            return None
        v = float(w + (_UNIT_VALUES[m.group("u")] if m.group("u") else 0))
    return v + (0.5 if m.group("half") else 0)


def _ninth_round(text, low, tokens, at, before, after, ws, ascii_):
    """Spans of the ninth round's positions (see the module docstring)."""
    out = []
    if "jarig" in low:
        out += [(m.start(), m.end(), "age") for m in _JARIG.finditer(text)
                if _plausible_age(m.group(0)) and not _thing_after_jarig(text, m.end())]
    # (each rule only where its words stand in the text or next to a number: one set test for
    # the words of several rules first)
    if not ws.isdisjoint(_NINTH_WORDS):
        if not ws.isdisjoint(_CONGRATS_WORDS):
            out += [(m.start("num"), m.end("num"), "age") for m in _CONGRATS.finditer(text)
                    if _age(text, m.start("num"), m.end("num")) and
                    not _list_counts(text, m.end("num")) and not _SCORE_TALK.search(text) and
                    not _low_wonder(text, m)]
        if not ws.isdisjoint(_DECADES):
            out += [(m.start("num"), m.end("num"), "age") for m in _DECADE.finditer(text)]
    if not before.isdisjoint(_NINTH_BEFORE):
        if "jaar" in after and not before.isdisjoint(_HAVE_WORDS):
            out += [(m.start("num"), m.end("num"), "age") for m in _HAVE_YEARS.finditer(text)
                    if _age(text, m.start("num"), m.end("num"))]
        if not before.isdisjoint(_OLD_WORDS):
            # ("hij is ouder, 5 jaar": how much older)
            out += [(m.start("num"), m.end("num"), "age") for m in _OLD_THEN.finditer(text)
                    if _age(text, m.start("num"), m.end("num")) and not (
                        "ouder" in m.group(0).lower() and _YEARS_AFTER.match(text, m.end("num")))]
    if not after.isdisjoint(_NINTH_AFTER):
        if "geworden" in after:
            out += [(m.start("num"), m.end("num"), "age") for m in _BECAME_BARE.finditer(text)
                    if _age(text, m.start("num"), m.end("num"))]
        if ("kaarsjes" in after or "kaarsen" in after) and _BIRTHDAY.search(text):
            out += [(m.start("num"), m.end("num"), "age") for m in _CANDLES.finditer(text)
                    if _age(text, m.start("num"), m.end("num"))]
    if "half" in low or "5" in low and (",5" in low or ".5" in low) or "½" in low or "1/2" in low:
        out += [(m.start("num"), m.end("num"), "age") for m in _APPOS_HALF.finditer(text)
                if _HALF_MARK.search(m.group("num")) and _person_word(text, m, "who") and
                _age(text, m.start("num"), m.end("num"))]
    return out


_NINTH_WORDS = _CONGRATS_WORDS | _DECADES
_NINTH_BEFORE = _HAVE_WORDS | _OLD_WORDS
_NINTH_AFTER = frozenset(("geworden", "kaarsjes", "kaarsen"))


def _ninth_keep(text, spans_):
    """The ninth round's changes to the merged spans: an age after a name's span and a comma; a
    duration after where someone lives or works taken back; "-jarig(e)" of a thing taken back."""
    out, changed = [], False
    # (returns the spans and whether they changed)
    for s, e, k in spans_:
        if k == "age":
            if text[e - 5:e].lower() in ("jarig", "arige") and _thing_after_jarig(text, e):
                changed = True
                continue
            # "een kerk van 400 jaar oud": more than anyone's age; "de kast van oma is 90 jaar
            # oud", "het huis van mijn ouders is 100": the copula's subject is the thing before
            # "van", not the person after it
            # a span of digits cut before a decimal ("(12,5 jaar getrouwd)"): the half is part of
            # the age, another decimal is a measure, and either may be a duration
            if text[e:e + 1] in (",", ".") and text[e + 1:e + 2].isdigit() and text[e - 1:e].isdigit():
                d = _DECIMAL.match(text, e)
                changed = True
                if not d or not _age(text, s, d.end()):
                    continue
                e = d.end()
            if not _plausible_age(text[s:e]) or \
                    _COPULA_BEFORE.search(text, max(0, s - 16), s) and \
                    "van" in text[max(0, s - 70):s] and _thing_of_person(text, s):
                changed = True
                continue
            # "ik ben 25 jaar docent", "ik ben 30 jaar schilder geweest": how long someone is
            # or was something (a role's noun after "jaar")
            if (text[s:e].lower().endswith("jaar") and _ROLE_AFTER.match(text, e) or
                    _YEARS_ROLE_AFTER.match(text, e)) and _DIGIT_OR_WORD_AGE.match(text, s):
                changed = True
                continue
            if "," in text[max(0, s - 12):s] and _YEARS_THEN_END.match(text, e) and \
                    (text[s:e].lower().endswith(("jaar", "jr", "jr.")) or
                     _YEARS_AFTER.match(text, e)) and \
                    _LIVE_WORK.search(text, max(0, s - 130), s):
                changed = True
                continue
            if _no_ones_age(text, s, e):
                changed = True
                continue
        out.append((s, e, k))
        if k == "name" and "," in text[e:e + 3]:
            m = _AFTER_NAME_COMMA.match(text, e)
            if m and _age(text, m.start("num"), m.end("num")) and \
                    not _SCORE_TALK.search(text) and not _list_counts(text, m.end("num")) and \
                    not _no_ones_age(text, m.start("num"), m.end("num")) and \
                    not any(x < m.end("num") and m.start("num") < y for x, y, _ in spans_):
                out.append((m.start("num"), m.end("num"), "age"))
                changed = True
    return (_merge(out) if changed else out), changed


def spans(text, low, orig):
    """Spans (start, end, "age") of the seventh round's ages (see the module docstring)."""
    dialect = _dialect_numbers(text, low)
    if not dialect:
        return _spans(text, low, orig)
    # (tenth round) a number word in dialect read as its digits, padded to its length, so every
    # rule reads it where it reads a number; a span that begins on it takes the whole word
    chars, ends = list(text), {}
    for a, b, v in dialect:
        chars[a:b] = list(str(v).ljust(b - a))
        ends[a] = b
    text2 = "".join(chars)
    return [(s, max(e, ends.get(s, e)), k) for s, e, k in _spans(text2, text2.lower(), orig)]


def _spans(text, low, orig):
    tokens = _TOKEN.findall(low)
    at = [i for i, t in enumerate(tokens) if t[:1].isdigit() or t in _NUMBER_WORDS]
    if "één" in low:
        at = sorted(at + [i for i, t in enumerate(tokens) if t == "één"])
    # (an ordinal: "op z'n 12e", "sinds m'n zestigste", "in haar 80ste levensjaar")
    ordinal = not _ORDINAL_WORDS.isdisjoint(tokens) or \
        any(_ordinal(tokens[i]) for i in at if tokens[i][:1].isdigit())
    if not at and not ordinal and "½" not in low and "jarig" not in low and "tiger" not in low:
        return []                  # no number in digits or words: no age (fast path)
    # the words around the numbers (five before, three after): each rule runs only where the
    # words it needs stand next to a number
    before, after = set(), set()
    ws = set(tokens)
    # (ninth round: "vijf en een half was", the half is part of the number: three words more)
    wide = "half" in ws
    for i in at:
        before.update(tokens[max(0, i - 5):i])
        after.update(tokens[i + 1:i + (7 if wide and tokens[i + 1:i + 2] == _AND else 4)])
    out = []
    verbs = not ws.isdisjoint(_VERBS)
    # (the gates above only in an ASCII text, whose runs of word characters are its words)
    ascii_ = text.isascii()
    if verbs and not before.isdisjoint(_VERBS) and (not ascii_ or _pred_gate(_ascii_runs(low))):
        for m in _PRED.finditer(text):
            w = _SUBJECT.search(text, max(0, m.start() - 24), m.start())
            if not w or w.group("name") and not (w.group("name")[:1].isupper() and (
                    _known_name_word(w.group("name")) or
                    _prev_word(text, w.start("name")) in _TITLE_WORDS)):
                # (eighth round) "Mijn buurvrouw, die ook meedoet, is 81", "mijn neef die rapt
                # is zestien": the person opens the sentence, a parenthesis between
                # (a plural only before a list or "allebei": "De kinderen, Sem en Noor, zijn 4
                # en 7")
                # (ninth round) "een vriendin van mij is 70", "de zoon van de buren is 12": the
                # subject is the person's noun before "van"
                if (m.group("when") is None and _far_subject(text, m.start(), m.group("pl")) and
                        (m.group("sg") or _BOTH.search(m.group(0)) or
                         _LIST_AFTER.match(text, m.end("num"))) or
                        m.group("sg") and "van" in text[max(0, m.start() - 40):m.start()] and
                        _person_before_van(text, m.start())) and \
                        _age(text, m.start("num"), m.end("num")):
                    out.append((m.start("num"), m.end("num"), "age"))
                continue
            # "we zijn 12", "ze waren vijf": a count of people; "we zijn allebei 70", "ze
            # zijn 4 en 7": ages (a count is one number)
            # (ninth round) learner Dutch: "ik zijn 45", "hij zijn twaalf" (a pronoun that is
            # one person only)
            if m.group("pl") and not w.group("plural") and not (
                    _BOTH.search(m.group(0)) or _LIST_AFTER.match(text, m.end("num"))) and \
                    not (w.group("pron") and w.group("pron").lower() in _ONE_PERSON):
                continue
            if w.group("plural") and m.group("sg"):
                continue
            # "Mijn kleinzoon? Die is 7.", "mijn buurvrouw, die is 90": "die" after a person
            if w.group("die"):
                p = _PERSON_BEFORE_DIE.search(text, max(0, w.start() - 40), w.start())
                # (ninth round) "mijn kleindochter – ja zo heet ze echt – die is vijfenhalf": the
                # person before a parenthesis between dashes or brackets
                q = _PAREN_BEFORE.search(text, max(0, w.start() - 100), w.start()) \
                    if m.group("sg") and text[max(0, w.start() - 3):w.start()].strip()[-1:] in \
                    _PAREN_CLOSE else None
                if not (p and _person_word(text, p, 1) or
                        m.group("sg") and _person_antecedent(text, w.start()) or
                        q and _person_antecedent(text, q.start())):
                    continue
            if m.group("when") is not None and \
                    (m.group("sg") or m.group("pl")).lower() not in _WILL_BE:
                continue
            if _age(text, m.start("num"), m.end("num")):
                out.append((m.start("num"), m.end("num"), "age"))
    if not before.isdisjoint(_NO_SUBJECT_VERBS) and \
            (not ascii_ or any(t in _NO_SUBJECT_RUNS and _number_after(_ascii_runs(low), i)
                               for i, t in enumerate(_ascii_runs(low)))):
        out += [(m.start("num"), m.end("num"), "age") for m in _NO_SUBJECT.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
        out += [(m.start("num"), m.end("num"), "age") for m in _NO_SUBJECT_MID.finditer(text)
                if _MID_BEFORE.search(text, max(0, m.start() - 8), m.start()) and
                _age(text, m.start("num"), m.end("num"))]
    if not before.isdisjoint(_VERBS) and not before.isdisjoint(_APPOS_WORDS) and \
            (not ascii_ or _inverted_gate(_ascii_runs(low))):
        out += [(m.start("num"), m.end("num"), "age") for m in _INVERTED.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if not after.isdisjoint(_VERBS) and not ws.isdisjoint(_FRONT_WORDS) and \
            (not ascii_ or _subclause_gate(_ascii_runs(low), _FRONTED_VERBS, _FRONTED_BETWEEN)):
        for m in _FRONTED.finditer(text):
            if _prev_word(text, m.start("num")) in _NOT_BEFORE:
                continue
            if _age(text, m.start("num"), m.end("num")):
                out.append((m.start("num"), m.end("num"), "age"))
    if "van" in before and _OF_PERSON_GATE.search(text):
        for m in _OF_PERSON.finditer(text):
            who = m.group("who")
            # "opa jan van 84": a name in lower case after a relation
            if m.group("low") and not (m.group("low") in _all_lower_first_names() and
                                       not _is_word(m.group("low"))):
                continue
            head = who.split()[0].rstrip(".")
            if who[:1].isupper() and " " not in who and who.lower() != "die" and \
                    not _known_name_word(who) and \
                    _prev_word(text, m.start("who")) not in _TITLE_WORDS and \
                    not re.fullmatch(rf"{_PERSONS}|{_PLURAL_KIN}|{_TITLE_ABBR}", who.lower()):
                continue
            # "moeder van drie": a parent's noun and a number counts children; a number no
            # one has as children is a parent's age ("opa van zeventig maakt kunst")
            if _PARENT.fullmatch(head) and " " not in who.strip() and \
                    not _over_children(m.group("num")):
                continue
            if _age(text, m.start("num"), m.end("num")):
                out.append((m.start("num"), m.end("num"), "age"))
    if not before.isdisjoint(_COMPARE_WORDS) or "als" in before:
        out += [(m.start("num"), m.end("num"), "age") for m in _COMPARE.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if "alsof" in ws:
        out += [(m.start("num"), m.end("num"), "age") for m in _AS_IF.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if not after.isdisjoint(_VERBS) and (not ascii_ or _subclause_gate(_ascii_runs(low))):
        for m in _SUBCLAUSE.finditer(text):
            kin = m.group("pron") and re.search(rf"\b{_PLURAL_KIN}$", m.group("pron"), re.IGNORECASE)
            if (m.group("pl") is None) != (m.group("plural") is None) and not (kin and m.group("pl")):
                continue      # "dat ze 12 waren", "omdat we 8 zijn": a count of people
            if m.group("plural") and not _BOTH.search(m.group(0)):
                continue
            # "mijn moeder, die 93 is" (not "de groep, die 12 is"): "die" after a person
            if m.group("pron") and m.group("pron").lower() == "die":
                w = _WHO_BEFORE.search(text, max(0, m.start() - 30), m.start())
                if not (w and _person_word(text, w, 1) or
                        m.group("sg") and _person_antecedent(text, m.start())):
                    continue
            if _age(text, m.start("num"), m.end("num")):
                out.append((m.start("num"), m.end("num"), "age"))
    if ordinal:
        for m in _AGE_ORDINAL.finditer(text):
            g = "num" if m.group("num") else "num2"
            out.append((m.start(g), m.end(g), "age"))
    if "oudste" in ws or "jongste" in ws:
        out += [(m.start("num"), m.end("num"), "age") for m in _ELDEST.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    birth = _birth_said(low)
    if birth:
        out += [(m.start("num"), m.end("num"), "age") for m in _COMPUTED.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if birth:
        out += [(m.start("num"), m.end("num"), "age") for m in _YEAR_THEN.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if not (before | after).isdisjoint(_GUESS_WORDS):
        for m in _GUESS.finditer(text):
            g = "num" if m.group("num") else "num2"
            if _age(text, m.start(g), m.end(g)):
                out.append((m.start(g), m.end(g), "age"))
    if "met" in before and (not ascii_ or _number_right_after(_ascii_runs(low), _MET)):
        out += [(m.start("num"), m.end("num"), "age") for m in _AT_AGE.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if not before.isdisjoint(_NOUN_NUM_WORDS):
        for m in _NOUN_NUM.finditer(text):
            if m.group("many"):
                n = _LIST_AFTER.match(text, m.end("num"))
                if not n:
                    continue
                if _age(text, n.start("num"), n.end("num")):
                    out.append((n.start("num"), n.end("num"), "age"))
            if m.group("one") and re.match(r"[ \t]*:", text[m.end("one"):]):
                continue      # "Moeder: 2" in a form is an answer to whatever was asked
            if _age(text, m.start("num"), m.end("num")):
                out.append((m.start("num"), m.end("num"), "age"))
    if not after.isdisjoint(_REACHED_WORDS):
        out += [(m.start("num"), m.end("num"), "age") for m in _REACHED.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if not before.isdisjoint(_APPOS_WORDS) and ("," in low or "(" in low or "-" in low or
                                             "–" in low or "—" in low) and \
            (not ascii_ or _number_right_after(_ascii_runs(low), _PRONOUN_RUNS)):
        out += [(m.start("num"), m.end("num"), "age") for m in _PRON_APPOS.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if not (before | after).isdisjoint(_APPOS_ADV_WORDS) and _APPOS_ADV_GATE.search(text):
        for m in _APPOS_ADV.finditer(text):
            g = "num" if m.group("num") else "num2"
            if _person_word(text, m, "who") and _age(text, m.start(g), m.end(g)):
                out.append((m.start(g), m.end(g), "age"))
    if "oud" in ws and "hoe" in ws:
        out += [(m.start("num"), m.end("num"), "age") for m in _HOW_OLD_ANSWER.finditer(text)
                if _age(text, m.start("num"), m.end("num")) and not _thing_asked(m.group(0))]
        # (eleventh round) the answer after a joke or a dodge ("Oud genoeg, haha. Nee, 84.")
        out += [(m.start("num"), m.end("num"), "age") for m in _HOW_OLD_LATER.finditer(text)
                if _age(text, m.start("num"), m.end("num")) and not _thing_asked(m.group(0))]
    if "(" in text and _bracket_gate(text):
        for m in _BRACKET_OPEN.finditer(text):
            w = _WHO_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if w and _person_word(text, w, 1) and _age(text, m.start("num"), m.end("num")):
                out.append((m.start("num"), m.end("num"), "age"))
    out += _eighth_round(text, low, tokens, at, before, after, ws, ascii_)
    out += _ninth_round(text, low, tokens, at, before, after, ws, ascii_)
    if verbs and ", " in text and not before.isdisjoint(_VERBS) and _COMMA_NUM.search(text):
        out += _self_list(text)
    if ("am" in before or "m" in before or "is" in before or "s" in before) and \
            ("i" in ws or "he" in ws or "she" in ws or "my" in ws or "his" in ws or "her" in ws):
        out += [(m.start("num"), m.end("num"), "age") for m in _ENGLISH.finditer(text)
                if _age(text, m.start("num"), m.end("num"))]
    if "?" in text:
        out += [(m.start("num"), m.end("num"), "age") for m in _WHEN_ANSWER.finditer(text)
                if _age(text, m.start("num"), m.end("num")) and not _thing_asked(m.group(0))]
        out += [(m.start("num"), m.end("num"), "age") for m in _SELF_ASKED.finditer(text)
                if _age(text, m.start("num"), m.end("num")) and
                ((_value(m.group("num")) or 0) > 12 or _AGE_TALK.search(text))]
    if "/" in text:
        out += [(m.start("num"), m.end("num"), "age") for m in _SEX_SLASH.finditer(text)
                if 10 <= int(m.group("num")) <= 110 and _prev_word(text, m.start()) not in _NOT_BEFORE]
    if "en" in after and ", " in text:
        for m in _APPOS_AND.finditer(text):
            # (the person before the comma)
            w = _WHO_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if w and _person_word(text, w, 1) and _age(text, m.start("num"), m.end("num")):
                out.append((m.start("num"), m.end("num"), "age"))
    if "en" in after and not before.isdisjoint(_PLURAL_KIN_WORDS):
        for m in _PLURAL_APPOS.finditer(text):
            base = m.start("nums")
            nums = [(base + n.start(), base + n.end()) for n in _NUM_IN_LIST.finditer(m.group("nums"))]
            # (the roles' numbers all of an adult, 16 or more: not "deelnemers (3 en 7)", their
            # numbers in a list)
            if all(_age(text, a, b) for a, b in nums) and not (m.group("roles") and any(
                    (_value(text[a:b]) or 0) < 16 for a, b in nums)):
                out += [(a, b, "age") for a, b in nums]
    if ("happy" in before or "fijne" in before or "gelukkige" in before or "mooie" in before) \
            and ordinal or "happy" in ws and "th" in low:
        out += [(m.start("num"), m.end("num"), "age") for m in _HAPPY_ORDINAL.finditer(text)
                if 0 < int(_DIGITS_ONLY.match(m.group("num")).group(0)) <= 110]
    if "!" in text and _BIRTHDAY.search(text):
        out += [(m.start("num"), m.end("num"), "age") for m in _NAME_CHEER.finditer(text)
                if _name_word(text, m.start("name"), m.group("name")) and
                not _SCORE_TALK.search(text) and _age(text, m.start("num"), m.end("num"))]
    if "toen" in after or "daarna" in after or "sindsdien" in after or "leeftijd" in after:
        out += [(m.start("num"), m.end("num"), "age") for m in _BARE_THEN.finditer(text)
                if _age(text, m.start("num"), m.end("num")) and
                (_value(m.group("num")) or 0) >= 13]
    return out


# after an age: a list or a correction of it ("2 en vijf", "dertien... nee, veertien",
# "zesenzestig... of zevenenzestig? Nee, zesenzestig", "bijna 85... nee, hij zei zelf: 84")
_SEP = (r"(?:[ \t]*(?:\.{1,}|…|[,;/?!:(]|[-–—]|\b(?:en|of|tot|nee|neen|sorry|eh+|uh+|ehm|uhm|"
        r"nou|wacht|pardon|correctie|toch|nee[ \t]+hoor|of[ \t]+was[ \t]+het|of[ \t]+is[ \t]+het|"
        r"ik[ \t]+bedoel|bedoel[ \t]+ik|zeg[ \t]+maar|eigenlijk|misschien|of[ \t]+zo|"
        # (ninth round) "ik ben 14,5 trouwens niet 15,5"
        r"trouwens|niet)\b))")
_CORRECTION = _Lazy("_CORRECTION",
                    r"\b(?:nee|neen|sorry|correctie|bedoel|pardon|wacht|niet|"
                    # (ninth round) a question of the other number: "of is ze al 19,5?"
                    r"of[ \t]+(?:is|was|wordt|werd|ben|bent|zijn|waren)|of[ \t]+eigenlijk)\b",
                    re.IGNORECASE)
_WHEN_NEXT = (r"(?=[ \t]+(?:in[ \t]+(?:januari|februari|maart|april|mei|juni|juli|augustus|"
              r"september|oktober|november|december|de[ \t]+zomer|het[ \t]+voorjaar|"
              r"de[ \t]+herfst|de[ \t]+winter)|straks|binnenkort|morgen|overmorgen|"
              r"volgende[ \t]+(?:week|maand)|volgend[ \t]+jaar|deze[ \t]+(?:week|maand|zomer)|"
              r"dit[ \t]+jaar|na[ \t]+de[ \t]+zomer|over[ \t]+(?:een|twee|drie|\d+)[ \t]+"
              r"(?:week|weken|maand|maanden|dagen))\b)")
# (eleventh round) the time first, then the age to come: "Nee, vierentachtig. In april
# vijfentachtig.", "ik ben 79, volgend jaar 80"
_WHEN_FILL = _Lazy("_WHEN_FILL", _WHEN_NEXT[3:-1].replace(r"[ \t]+", "", 1) + r"[ \t]*", re.IGNORECASE)


def _age_to_come(prev, m):
    """Is the number of the _CONTINUE match m the age to come (one or two more than prev) after
    a time said first?"""
    a, b = _value(prev), _value(m.group("num"))
    return a is not None and b is not None and 0 < b - a <= 2 and \
        _WHEN_FILL.fullmatch(m.group("fill")) is not None


_CONTINUE = _Lazy("_CONTINUE",
    rf"(?:[ \t]+jaar(?:[ \t]+oud)?)?(?P<sep>(?:{_SEP}[ \t]*)+)"
    r"(?P<fill>(?:[^\W\d_]+[ \t]*[:,]?[ \t]+){0,5}?)"
    rf"(?:(?:bijna|ruim|pas|net|al|nu|dus)[ \t]+)?(?P<num>{_NUM})(?![\w-])"
    # (ninth round) or the age to come, and when: "ik ben 71, 72 in juni", "zeventig...
    # eenenzeventig straks"
    rf"(?:{_END}|{_WHEN_NEXT})", re.IGNORECASE)
# "de oudste is dertien, de kleine 1", "ik ben 70, mijn man 74": a clause with its verb left out
_GAPPED = _Lazy("_GAPPED",
    r"(?:[ \t]+jaar(?:[ \t]+oud)?)?(?:[ \t]*[,;][ \t]*(?:en[ \t]+)?|[ \t]+en[ \t]+)"
    r"(?:(?:de|het|mijn|m'n|zijn|z'n|haar|onze|hun|die)[ \t]+)?"
    r"(?P<who>[^\W\d_]+)[ \t]+(?:(?:is|wordt|werd|was|net|pas|al|bijna)[ \t]+)?"
    rf"(?P<num>{_NUM})(?![\w-])" + _END, re.IGNORECASE)
_GAP_WORDS = {"jongste", "oudste", "kleine", "kleinste", "grote", "grootste", "middelste", "tweede", "derde",
              "vierde", "eerste", "andere", "ander", "laatste", "hij", "zij", "ze", "ik", "jij", "u"}
# what makes a number taken for an age a count after all (any rule's): a range ("kinderen van 4
# tot 12 jaar"), a part of a whole ("ik ben 1 van de 12"), a floor ("van 2 hoog"), a plural
# noun of what is counted ("oma van 12 kleinkinderen")
_COUNT_AFTER = _Lazy("_COUNT_AFTER",
    r"[ \t]*(?:(?:tot|t/m|à|a)[ \t]+\d|[-–][ \t]*\d|van[ \t]+(?:de|het|die|deze|onze|hun|alle)\b|"
    # ("4 jaar gewacht", "12 jaar gewerkt": how long, a participle after "jaar"; not "geworden")
    # (a unit or a share: "80 kilo", "12 euro kwijt", "100% tevreden", "24/7", "1 van 3")
    r"(?:euro|kilo|kg|gram|meter|cm|km|liter|procent|x|keer|maal|uur|minuten|graden)\b|%|/\d|"
    r"van[ \t]+\d|"
    r"hoog\b|jaar[ \t]+(?:lang|geleden|ouder|jonger|verschil|(?!geworden\b)ge[^\W\d_]+(?:t|d|en))\b|(?:kinderen|kleinkinderen|achterkleinkinderen|mensen|deelnemers|deelneemsters|"
    r"vrouwen|mannen|leden|jongeren|ouderen|cursisten|bewoners|vrijwilligers|kleinzoons|"
    r"kleindochters|broers|zussen|zonen|zoons|dochters|weken|dagen|maanden|jaren(?![ \t]+oud)|uren|minuten|"
    r"lessen|keren|plekken|stoelen|tafels|groepen|sessies|bijeenkomsten|schilderijen|"
    r"tekeningen|foto's|gedichten|liedjes|nummers|stuks|personen|klanten|cliënten|patiënten|"
    r"leerlingen|studenten|vrienden|vriendinnen|buren|collega's|huizen|kamers|verdiepingen)\b)",
    re.IGNORECASE)
_ORDINAL_THEN_NOUN = _Lazy("_ORDINAL_THEN_NOUN",
                           r"(?i:\d{1,3}(?:e|ste|de)|[^\W\d_]+(?:ste|de))" + _ORDINAL_NOUN)
# an ordinal is an age after a possessive ("op mijn 70e", "haar 80ste verjaardag"), else a rank
# ("hij werd 3e", "de 2e keer")
_POSSESSIVES = frozenset(("mijn", "zijn", "haar", "je", "jouw", "uw", "z'n", "m'n", "d'r", "hun",
                          "onze", "zn", "mn"))
_BARE_ORDINAL = _Lazy("_BARE_ORDINAL",
                      r"\d{1,3}(?:e|ste|de)|[^\W\d_]+(?:ste|de)")
_DIGITS_SPAN = _Lazy("_DIGITS_SPAN",
                     r"(\d{1,3})(?:[ \t]+jaar(?:[ \t]+(?:oud|ouder|jonger))?)?")
_RANGE_BEFORE = _Lazy("_RANGE_BEFORE",
                      r"\d[ \t]*(?:tot|t/m|[-–])[ \t]*$", re.IGNORECASE)
_YEARS_AFTER = _Lazy("_YEARS_AFTER",
                     r"[ \t]+(?:jaar|jr\b)", re.IGNORECASE)
_LIST_BEFORE = _Lazy("_LIST_BEFORE",
                     rf"(?<![\w,.-])(?P<num>{_NUM})[ \t]*(?:,|\ben\b|\bof\b|[-–]|\btot\b)[ \t]*$",
                     re.IGNORECASE)
_NAME_NUMBER = _Lazy("_NAME_NUMBER",
                     rf"(?i:van|de|der)[ \t]+({_NUM})")


# (eighth round) a group's average or range is no one's age: "Gemiddelde leeftijd 58", "de
# deelnemers waren gemiddeld 71", "gem. lft. 64", "8 deelnemers tussen 14 en 17 jaar",
# "kinderen tussen de 6 en 12"
_GROUP_AGE_BEFORE = _Lazy("_GROUP_AGE_BEFORE",
    r"(?:\b(?:gemiddelde|gemiddeld|gem\.|gem|mediane|mediaan|doorsnee|gemiddeld[ \t]+genomen)"
    r"(?:[ \t]+(?:leeftijd|lft\.?)|[ \t]+(?:was|is|waren|zijn|van|rond|ongeveer|ruim|bijna))*"
    r"|\btussen(?:[ \t]+de)?|\btussen(?:[ \t]+de)?[ \t]+\d{1,3}[ \t]+(?:en|tot)(?:[ \t]+de)?)"
    r"[ \t]*[:=]?[ \t]*$", re.IGNORECASE)


def _group_age(text, s):
    """Is the age at ``s`` a group's average or one end of a range ("tussen 14 en 17")?"""
    return ("gem" in text or "tussen" in text or "mediaan" in text or "mediane" in text or
            "Gem" in text or "Tussen" in text or "doorsnee" in text) and \
        _GROUP_AGE_BEFORE.search(text, max(0, s - 40), s) is not None


def _counts(text, s, e):
    """Is the age text[s:e] (of any rule) a count, a unit or a rank after all?"""
    if _group_age(text, s):
        return True      # "Gemiddelde leeftijd 58", "tussen 14 en 17 jaar"
    d = _DIGITS_SPAN.fullmatch(text, s, e)
    if d and (_COUNT_AFTER.match(text, d.end(1)) or _RANGE_BEFORE.search(text, max(0, s - 12), s)):
        return True      # "oma van 12 kleinkinderen", "80 kilo", "van 4 tot 12 jaar"
    if d and (_CLOCK_AFTER.match(text, d.end(1)) or _CLOCK_BEFORE.search(text, max(0, s - 4), s)):
        return True      # "ik ben 15:00 thuis", "12/3": a time or a date
    o = _ORDINAL_THEN_NOUN.match(text, s)
    if o and o.end() > e:
        return True      # "op mijn 2e dag"
    if _BARE_ORDINAL.fullmatch(text, s, e) and _ordinal(text[s:e].lower()) and \
            _prev_token(text, s) not in _POSSESSIVES and \
            not re.match(r"[ \t]+(?:verjaardag|levensjaar)", text[e:e + 14]):
        return True      # "hij werd 3e": a rank
    return _UNIT_GLUED.fullmatch(text, s, e) is not None      # "3x", "80kg"


_CLOCK_AFTER = _Lazy("_CLOCK_AFTER",
                     r"[:./]\d")
_CLOCK_BEFORE = _Lazy("_CLOCK_BEFORE",
                      r"\d[:./]$")
_UNIT_GLUED = _Lazy("_UNIT_GLUED",
                    r"\d{1,3}(?:x|kg|km|cm|m|min|u)", re.IGNORECASE)


_FIELD_GAP = _Lazy("_FIELD_GAP",
                   r"[ ]{2,}|\t")
_LABEL_AFTER = _Lazy("_LABEL_AFTER",
                     r"[ \t]*:")


def _before_gap(text, s, e, k):
    """The span cut before a gap of spaces (or a tab) when what follows the gap is the next
    field's label (the span ends before a colon)."""
    g = _FIELD_GAP.search(text, s, e)
    if g and k in ("place", "institution", "name") and _LABEL_AFTER.match(text, e):
        return (s, g.start(), k)
    return (s, e, k)


def keep(text, spans_, orig):
    """The merged spans with the ages that continue or correct an age said just before, and a
    name span that is only a particle and a number ("van eenennegentig") as the age alone."""
    out, added = [], False
    # (eighth round) a form's fields on one line, apart by a gap of spaces or a tab ("Leeftijd:
    # 33   Wijk: Kattenburg   Cijfer: 7"): no span runs over the gap into the next field's label
    if "  " in text or "\t" in text:
        spans_ = [_before_gap(text, s, e, k) for s, e, k in spans_]
    for s, e, k in spans_:
        # "Dhr. de Groot (bijna 85...": a bracket right after a name opens with an age
        b = _AFTER_NAME.match(text, e) if k == "name" and "(" in text[e:e + 3] else None
        if b and _age(text, b.start("num"), b.end("num")):
            out.append((b.start("num"), b.end("num"), "age"))
            added = True
        if k == "age" and _counts(text, s, e):
            added = True
            continue
        # (_NAME_NUMBER starts with "van", "de" or "der", in any case)
        m = _NAME_NUMBER.fullmatch(text, s, e) if k in ("name", "age") and \
            text[s:s + 1] in ("v", "V", "d", "D") else None
        if m and _plausible_age(m.group(1)):
            out.append((m.start(1), m.end(1), "age"))
            added = True
        else:
            out.append((s, e, k))
    if added:
        out, added = _merge(out), False
    out, added = _ninth_keep(text, out)
    if not any(k == "age" for _, _, k in out):
        return out
    again = _said_again(text, out)
    if again:
        out, added = out + again, True
    taken = [(s, e) for s, e, _ in out]
    todo = [(s, e) for s, e, k in out if k == "age"]
    # "Kinderen: 2 (6 en 9 jaar)", "tussen de 65 en 90 jaar oud": "jaar" after the last number of
    # a list makes each of them an age
    for s, e in list(todo):
        if not (text[s:e].endswith("jaar") or _YEARS_AFTER.match(text, e)):
            continue
        while True:
            b = _LIST_BEFORE.search(text, max(0, s - 40), s)
            if not b or any(x < b.end("num") and b.start("num") < y for x, y in taken) or \
                    not _plausible_age(b.group("num")):
                break
            out.append((b.start("num"), b.end("num"), "age"))
            taken.append((b.start("num"), b.end("num")))
            added = True
            s = b.start("num")
    while todo:
        s, e = todo.pop()
        # (the flag, not "rx is _CONTINUE": a _Lazy pattern's global name takes the compiled
        # pattern on its first use, so the object in hand may no longer be the global one)
        for cont, rx in ((True, _CONTINUE), (False, _GAPPED)):
            m = rx.match(text, e)
            if not m:
                continue
            if cont:
                # words between the two numbers only after a correction ("nee, hij zei: 84")
                # (ninth round) or the words between in the correction ("87 – ja, nee,
                # pardon, die is al achtentachtig"), or the same number said again in other
                # words ("98, ja echt, achtennegentig")
                if m.group("fill").strip() and not _CORRECTION.search(
                        m.group("sep") + m.group("fill")) and \
                        (_value(text[s:e]) is None or
                         _value(text[s:e]) != _value(m.group("num"))) and \
                        not _age_to_come(text[s:e], m):
                    continue
                if m.end("num") - e > 60:
                    continue
                # (tenth round) "Mijn dochter is 8 en zit in groep 8": a group, a room, a time
                if m.group("fill").strip() and _prev_word(text, m.start("num")) in _NOT_BEFORE:
                    continue
            elif not (m.group("who").lower() in _GAP_WORDS or
                      re.fullmatch(rf"{_PERSONS}|{_PLURAL_KIN}", m.group("who").lower())
                      or m.group("who")[:1].isupper() and _known_name_word(m.group("who"))):
                continue
            a, b = m.start("num"), m.end("num")
            if not _age(text, a, b) or any(x < b and a < y for x, y in taken):
                continue
            out.append((a, b, "age"))
            taken.append((a, b))
            todo.append((a, b))
            added = True
    return _merge(out) if added else out


register_rules(sys.modules[__name__])
