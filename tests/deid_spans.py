"""What the rule modules' tests ask of a sentence: is a piece of it replaced whole, is a word
touched at all (tests/test_qual_deid_places.py, tests/test_qual_deid_institutions.py)."""

from impact.qual.deid import find_identifiers


def covered(text, piece):
    """Is every letter of ``piece`` (first occurrence, or the nth with ``piece#n``) replaced?"""
    piece, _, nth = piece.partition("#")
    start = -1
    for _ in range(int(nth or 1)):
        start = text.index(piece, start + 1)
    spans = find_identifiers(text)
    return all(any(s <= i < e for s, e, _ in spans)
               for i in range(start, start + len(piece)) if text[i].isalnum())


def touched(text, word):
    """Does any replacement overlap the first occurrence of ``word``?"""
    start = text.index(word)
    return any(s < start + len(word) and start < e for s, e, _ in find_identifiers(text))
