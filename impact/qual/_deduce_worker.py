"""deduce in a process of its own: ``python -m impact.qual._deduce_worker``.

Reads one JSON string (a normalised text) per line on stdin and writes the deduce spans of that
text (:func:`impact.qual.deid._deduce_spans`) as one JSON line on stdout; both sides are ASCII
(JSON escapes). Loads deduce before it reads the first line, so a caller that starts it early
(:func:`impact.qual.deid.deduce_ahead`) has the lookup tables ready when the quotes arrive. At
the end of its input it leaves at once (``os._exit``): freeing deduce's millions of objects one by
one would only cost time.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    from impact.qual.deid import _deduce, _deduce_spans

    _deduce()
    for line in sys.stdin:
        spans = _deduce_spans(json.loads(line))
        sys.stdout.write(json.dumps(spans) + "\n")
        sys.stdout.flush()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
