"""Evaluate :mod:`impact.qual.deid` on a corpus with marked identifiers.

Corpus format: one quote per line, ``#`` lines are comments, identifiers marked
``[[kind|text]]``. An identifier counts as found when every letter and digit of it lies inside
a replaced span; an ordinary word (a run of letters/digits outside every identifier) counts as
over-redacted when any of its characters lies inside a replaced span.

    python -m impact.qual.deid_eval [CORPUS] [--names NAMES.csv] [--no-deduce]

prints recall per kind and overall, and the over-redaction rate, with and without the names the
data know (``--names``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

_MARK = re.compile(r"\[\[(\w+)\|([^\]]+)\]\]")
# words that also are names, reported separately
TRAP_WORDS = ("bakker", "visser", "jong", "frans", "roos", "mag", "bas", "bos", "kok", "groen",
              "wit", "zwart", "boer", "brouwer", "smid", "hoek", "post")


def parse_corpus(path):
    """[(plain text, [(start, end, kind)])] for every quote of the corpus."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        plain, gold, pos = [], [], 0
        length = 0
        for m in _MARK.finditer(line):
            before = line[pos:m.start()]
            plain.append(before)
            length += len(before)
            gold.append((length, length + len(m.group(2)), m.group(1)))
            plain.append(m.group(2))
            length += len(m.group(2))
            pos = m.end()
        plain.append(line[pos:])
        out.append(("".join(plain), gold))
    return out


def wilson(k, n, level=0.95):
    """Wilson score interval for a proportion k / n.

    .. math:: \\frac{\\hat p + z^2/2n \\pm z\\sqrt{\\hat p(1-\\hat p)/n + z^2/4n^2}}{1 + z^2/n}

    Parameters
    ----------
    k, n : int
        Successes and trials (n = 0 gives ``(nan, nan)``).
    level : float
        Confidence level.

    Returns
    -------
    (low, high) : tuple of float

    Notes
    -----
    statsmodels' ``proportion_confint(method="wilson")``; R: ``prop.test(k, n, correct =
    FALSE)$conf.int`` (Wilson 1927).

    Examples
    --------
    >>> [round(x, 4) for x in wilson(9, 10)]
    [0.5958, 0.9821]
    """
    from statsmodels.stats.proportion import proportion_confint

    if n == 0:
        return (float("nan"), float("nan"))
    low, high = proportion_confint(k, n, alpha=1 - level, method="wilson")
    return (float(low), float(high))


def evaluate(corpus, names=None, *, use_deduce=True):
    """Recall per kind, overall recall, over-redaction and the misses (a dict)."""
    from .deid import find_identifiers

    names = names or {"names": [], "places": [], "institutions": []}
    found, total = defaultdict(int), defaultdict(int)
    words = over = trap_words = trap_over = 0
    misses, over_words = [], []
    for text, gold in parse_corpus(corpus):
        spans = find_identifiers(text, names["names"], places=names["places"],
                                 institutions=names["institutions"], use_deduce=use_deduce)
        covered = [False] * len(text)
        for s, e, _ in spans:
            for i in range(s, e):
                covered[i] = True
        inside = [False] * len(text)
        for s, e, kind in gold:
            total[kind] += 1
            for i in range(s, e):
                inside[i] = True
            if all(covered[i] for i in range(s, e) if text[i].isalnum()):
                found[kind] += 1
            else:
                misses.append((kind, text[s:e], text))
        for m in re.finditer(r"\w+", text):
            if any(inside[m.start():m.end()]):
                continue
            words += 1
            hit = any(covered[m.start():m.end()])
            over += hit
            if hit:
                over_words.append((m.group(0), text))
            if m.group(0).lower() in TRAP_WORDS:
                trap_words += 1
                trap_over += hit
    recall = {k: found[k] / total[k] for k in sorted(total)}
    n_found, n_total = sum(found.values()), sum(total.values())
    return {"n_identifiers": n_total, "n_kinds": len(total),
            "per_kind": {k: {"n": total[k], "found": found[k], "recall": recall[k],
                             "ci": wilson(found[k], total[k])}
                         for k in sorted(total)},
            # a corpus of ordinary text only (no identifier) measures over-redaction alone
            "recall": n_found / n_total if n_total else float("nan"),
            "recall_ci": wilson(n_found, n_total) if n_total else (float("nan"),) * 2,
            "ordinary_words": words, "over_redacted": over, "over_redaction": over / words,
            "over_redaction_ci": wilson(over, words),
            "trap_words": trap_words, "trap_over_redacted": trap_over,
            "misses": misses, "over_words": over_words}


def _print(res, title, verbose):
    print(f"== {title}")
    print(f"{'kind':<16}{'n':>5}{'found':>7}{'recall':>9}  95% CI (Wilson)")
    for k, v in res["per_kind"].items():
        lo, hi = v["ci"]
        print(f"{k:<16}{v['n']:>5}{v['found']:>7}{v['recall']:>9.1%}  {lo:.1%} - {hi:.1%}")
    lo, hi = res["recall_ci"]
    if not res["n_identifiers"]:
        print("no identifiers marked: over-redaction only")
    else:
        print(f"{'overall':<16}{res['n_identifiers']:>5}"
              f"{sum(v['found'] for v in res['per_kind'].values()):>7}{res['recall']:>9.1%}"
              f"  {lo:.1%} - {hi:.1%}")
    lo, hi = res["over_redaction_ci"]
    print(f"over-redaction: {res['over_redacted']} of {res['ordinary_words']} ordinary words "
          f"({res['over_redaction']:.2%}, {lo:.2%} - {hi:.2%}); words that are also names "
          f"({', '.join(TRAP_WORDS[:7])}, ...): {res['trap_over_redacted']} of "
          f"{res['trap_words']} replaced")
    if verbose:
        for kind, ident, text in res["misses"]:
            print(f"  missed {kind}: {ident!r} in {text[:90]!r}")
        for word, text in res["over_words"]:
            print(f"  over: {word!r} in {text[:90]!r}")


def main(argv=None):
    from .deid import load_names

    here = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "deid"
    ap = argparse.ArgumentParser(prog="python -m impact.qual.deid_eval")
    ap.add_argument("corpus", nargs="?", default=here / "corpus_nl.txt")
    ap.add_argument("--names", default=here / "names.csv")
    ap.add_argument("--no-deduce", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and over-redactions")
    args = ap.parse_args(argv)
    use = not args.no_deduce
    _print(evaluate(args.corpus, None, use_deduce=use), "without the data's names", args.verbose)
    _print(evaluate(args.corpus, load_names(args.names), use_deduce=use),
           f"with the data's names ({args.names})", args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
