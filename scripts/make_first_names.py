"""Make the shipped list of first names of many communities that de-identification uses beside
deduce's (Dutch) list of first names.

    .venv/bin/python scripts/make_first_names.py [FAKER_WHEEL_OR_DIR]

Source: the person providers of Faker (PyPI ``faker``, MIT License, Copyright (c) 2012 Daniele
Faraglia; the licence text is copied into the output's header): the first names of every locale
written in the Latin alphabet (Turkish, Arabic names as written in Europe and Pakistan, Polish,
Indonesian, Swahili, Yoruba, Igbo, Hausa, Twi, Zulu, Spanish, Portuguese, ...). Faker need not be
installed: give its wheel (a zip) or its unpacked folder and it is imported from there; nothing is
downloaded. Faker is no dependency of impact: the list is committed.

Left out: names deduce or impact already list, names shorter than three letters, ordinary Dutch
words (impact's and deduce's lists, or Zipf >= 3 in Dutch text, :func:`impact.qual.deid._is_word`),
very common English words (Zipf >= 4.5: Will, May, Hope), towns, countries, provinces and
districts abroad, neighbourhoods, languages, months, weekdays, feasts, titles and particles.
Writes impact/qual/data/first_names_world.txt (lower case, one a line). Commit the output.
"""

from __future__ import annotations

import importlib
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "impact" / "qual" / "data" / "first_names_world.txt"
_LATIN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ]+(?:-[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ]+)?")


def faker_first_names(source=None):
    """{name: locales} of Faker's first names in the Latin alphabet, and Faker's licence text."""
    if source:
        sys.path.insert(0, str(source))
    from faker.providers import person

    root = Path(person.__file__).parent
    if source and zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as z:
            locales = sorted({n.split("/")[3] for n in z.namelist()
                              if n.startswith("faker/providers/person/") and n.count("/") == 4})
            licence = next(z.read(n).decode("utf-8") for n in z.namelist()
                           if n.endswith("LICENSE.txt"))
    else:
        locales = sorted(p.name for p in root.iterdir() if (p / "__init__.py").exists())
        licence = next(Path(person.__file__).parents[3].glob("faker-*/**/LICENSE.txt")
                       ).read_text("utf-8")
    out = {}
    for loc in locales:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in dir(provider):
            if not attr.startswith("first_name") and attr != "first_romanized_names":
                continue
            value = getattr(provider, attr)
            if isinstance(value, dict):
                value = list(value)
            if not isinstance(value, (list, tuple)):
                continue
            for name in value:
                if isinstance(name, str) and _LATIN.fullmatch(name):
                    out.setdefault(name, set()).add(loc)
    return out, licence


def main(argv):
    sys.path.insert(0, str(ROOT))
    from impact.qual import deid

    names, licence = faker_first_names(argv[0] if argv else None)
    look = deid._deduce_lookup()
    known = {n.lower() for n in deid.dutch_first_names()} | look["first_nl"]
    rare, common, _ = deid._gazetteer()
    keep = set()
    for name in names:
        low = name.lower()
        if len(low) < 3 or low in known or deid._is_word(low) or deid._zipf(low, "en") >= 4.5:
            continue
        if low in deid._known_places() or low in rare or low in common or \
                low in deid._subdivisions() or low in deid._language_words() or \
                low in deid._FEASTS or low in deid._TITLE_WORDS or low in deid._PARTICLE_WORDS or \
                re.fullmatch(rf"{deid._MONTHS}|{deid._WEEKDAYS}", low):
            continue
        keep.add(low)
    header = ("# First names of many communities (not in deduce's or impact's lists), lower case,"
              " one a line.\n# Made by scripts/make_first_names.py from the person providers of"
              " Faker; do not edit by hand.\n# Faker's licence:\n"
              + "".join(f"#   {line}".rstrip() + "\n" for line in licence.strip().splitlines()))
    OUT.write_text(header + "\n".join(sorted(keep)) + "\n", encoding="utf-8")
    print(f"{len(keep):,} names written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
