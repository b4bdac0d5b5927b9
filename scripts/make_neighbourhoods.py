"""Make the shipped list of Dutch neighbourhood names de-identification uses.

    .venv/bin/python scripts/make_neighbourhoods.py Wijk_2014_labels.json Buurt_2014_labels.json

Source: CBS / Kadaster, Wijk- en Buurtkaart 2014 (the names of every wijk and buurt of the
Netherlands, ``statnaam``), licence CC BY 4.0; the files above are its label points as TopoJSON
(``objects.labels.geometries[].properties.statnaam``). Nothing is downloaded: give the files.

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
Dutch text (Zipf < 3: Quirijnstok, Groenewoud, Tuindorp; not Katwijk, Goirle, Oegstgeest).
De-identification treats them as neighbourhoods: a place that small identifies as much as a
neighbourhood, and a neighbourhood of that name is more often meant. Commit the output.
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
    for path in paths:
        data = json.loads(Path(path).read_text("utf-8"))
        for obj in data["objects"].values():
            for g in obj["geometries"]:
                names.update(parts(g["properties"].get("statnaam") or ""))
    known = deid._known_places()
    keep = set()
    for name in names:
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
    _write(OUT_SMALL, small_places(names, deid),
           "# Names of Dutch wijken and buurten that deduce also lists as a place, no municipality,"
           " province or\n# region, rare in Dutch text (Zipf < 3); lower case, one a line."
           " Source: CBS / Kadaster,\n# Wijk- en Buurtkaart 2014, CC BY 4.0, and deduce's list"
           " of residences. Made by\n# scripts/make_neighbourhoods.py; do not edit by hand.\n")


def _write(path, names, header):
    path.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names):,} names written to {path.relative_to(ROOT)}")


def small_places(names, deid):
    """Names of wijken and buurten (lower case) that deduce lists as a residence but not as a
    municipality, province or region, with Dutch Zipf < 3 (no known town)."""
    from importlib.resources import files

    base = files("deduce").joinpath("data/lookup/src/locations/lst_placename")

    def read(sub):
        return {w.strip().lower() for w in base.joinpath(sub, "items.txt").read_text("utf-8")
                .splitlines() if w.strip()}

    residence = read("lst_residence")
    larger = read("lst_municipality") | read("lst_province") | read("lst_region")
    return {n.lower() for n in names
            if n.lower() in residence and n.lower() not in larger and deid._zipf(n.lower()) < 3.0
            and n.lower() not in deid._countries()}


if __name__ == "__main__":
    main(sys.argv[1:])
