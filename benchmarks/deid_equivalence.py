"""Check that de-identification output is unchanged (for speed work on the rules).

``python benchmarks/deid_equivalence.py save REF.json`` writes the outputs of the code as it is;
``python benchmarks/deid_equivalence.py check REF.json`` compares the code as it is with them and
lists the texts that differ. Texts: every quote of the deid fixtures (plain text; no held-out
file) and 5,000 generated quotes of ``bench_deidentify.generate``; each through ``deidentify``
with nl and en tokens, with and without deduce, with and without the fixture names.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "deid"
# every development file (dev*_nl.txt: a held-out part becomes one once its misses are read)
FILES = ["corpus_nl.txt", "ordinary_nl.txt"] + sorted(p.name for p in FIX.glob("dev*_nl.txt"))


def texts():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_deidentify import generate

    from impact.qual.deid_eval import parse_corpus

    out = []
    for f in FILES:
        out += [plain for plain, _ in parse_corpus(FIX / f)]
    return out + generate(5000)


def outputs():
    from impact.qual.deid import deidentify, load_names

    names = load_names(FIX / "names.csv")
    ts = texts()
    res = {}
    for use_deduce in (True, False):
        for with_names in (True, False):
            for lang in ("nl", "en"):
                key = f"deduce={use_deduce} names={with_names} lang={lang}"
                res[key] = [deidentify(t, names if with_names else (), lang=lang,
                                       use_deduce=use_deduce) for t in ts]
    return ts, res


def main(mode, path):
    ts, res = outputs()
    if mode == "save":
        Path(path).write_text(json.dumps({"texts": ts, "out": res}, ensure_ascii=False))
        print(f"saved {len(ts)} texts x {len(res)} settings")
        return 0
    ref = json.loads(Path(path).read_text())
    assert ref["texts"] == ts, "the texts differ from the reference's"
    bad = 0
    for key, outs in res.items():
        for t, a, b in zip(ts, ref["out"][key], outs):
            if a != b:
                bad += 1
                if bad <= 20:
                    print(f"{key}\n  text: {t}\n  ref:  {a}\n  now:  {b}")
    n = len(ts) * len(res)
    print(f"{n - bad} of {n} outputs identical ({len(ts)} texts x {len(res)} settings)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
