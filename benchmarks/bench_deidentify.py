"""Benchmark: de-identification throughput against deduce alone, and ``impact deidentify`` on
100,000 generated quotes (target: impact within 1.5x of deduce on the same quotes; the command
finishes and shows progress on a terminal).

Run: ``python benchmarks/bench_deidentify.py [N]`` (N quotes, default 100,000; the in-process
comparison uses the first 5,000, in three alternating rounds of deduce alone and impact, and
prints each round and the median ratio beside deduce's own time).
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TEMPLATES = [
    "Ik kwam hier via {title} {surname}, die zei dat schilderen goed voor me zou zijn.",
    "{first} zit altijd naast me en we lachen veel.",
    "Bel me maar op 06-{d8}, overdag ben ik thuis.",
    "Mijn adres is {street} {n}, {pc} Leiden.",
    "De les op {day} {month} was de mooiste, toen hebben we met klei gewerkt.",
    "Ik ben {age} en ik had nog nooit geschilderd.",
    "Het schilderen geeft me rust in mijn hoofd, elke week weer.",
    "Samen met {first} {surname} heb ik een grote roos geschilderd.",
    "Ik spreek Frans en een beetje Turks, maar in de groep praten we Nederlands.",
    "Mijn kleinzoon van {small} kwam ook een keer kijken.",
    "Volg me op @{handle} voor foto's van mijn werk.",
    "Ik woon in de {wijk} en de bus doet er lang over.",
]
SURNAMES = ["Jansen", "de Vries", "Bakker", "Yilmaz", "El Amrani", "Ramdin", "Kartosen",
            "van der Berg", "Boukhari", "Visser", "Pinas", "Nowak", "Tesfay", "Latumahina"]
TITLES = ["dokter", "huisarts", "mevrouw", "meneer", "juf", "docent"]
STREETS = ["Breestraat", "Haagweg", "Hoefkade", "Spoorlaan", "Rijnsburgerweg", "Kerkgracht"]
WIJKEN = ["Merenwijk", "Schilderswijk", "Stevenshof", "Tuinstadwijk", "Noorderkwartier"]
MONTHS = ["januari", "maart", "mei", "juni", "september", "november"]


def generate(n, seed=2026):
    from impact.qual.deid import dutch_first_names

    rng = random.Random(seed)
    firsts = [f for f in dutch_first_names() if not f.endswith("*")]
    out = []
    for i in range(n):
        t = rng.choice(TEMPLATES).format(
            title=rng.choice(TITLES), surname=rng.choice(SURNAMES), first=rng.choice(firsts),
            d8=f"{rng.randrange(10**8):08d}", street=rng.choice(STREETS), n=rng.randrange(1, 300),
            pc=f"{rng.randrange(1000, 9999)} {rng.choice('ABCDEFGHJKLMNPRTVWXZ')}"
               f"{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}",
            day=rng.randrange(1, 29), month=rng.choice(MONTHS), age=rng.randrange(60, 95),
            small=rng.randrange(3, 14), handle=f"{rng.choice(firsts).lower()}_{i}",
            wijk=rng.choice(WIJKEN))
        out.append(f"{t} (gesprek {i})")
    return out


def main(n=100_000):
    from deduce import Deduce

    from impact.qual import deid

    texts = generate(n)
    sample = texts[:5000]
    deid._deduce().deidentify("opwarmen")
    deid.deidentify_counted("opwarmen met Anna")
    pipeline = deid._deduce()          # the same deduce pipeline impact uses
    assert isinstance(pipeline, Deduce)
    # three rounds, each deduce alone then impact on the same quotes (alternating, so a change
    # in the machine's load falls on both); the figure is the median of the three ratios
    rounds = []
    for _ in range(3):
        start = time.perf_counter()
        for t in sample:
            pipeline.deidentify(t)
        t_deduce = time.perf_counter() - start
        start = time.perf_counter()
        for t in sample:
            deid.deidentify_counted(t)
        t_impact = time.perf_counter() - start
        rounds.append((t_impact / t_deduce, t_deduce, t_impact))
    for ratio, t_deduce, t_impact in rounds:
        print(f"  round: deduce alone {t_deduce:6.2f} s, impact {t_impact:6.2f} s: {ratio:.2f}x")
    ratio, t_deduce, t_impact = sorted(rounds)[1]
    print(f"{len(sample):,} quotes in this process (median of 3 alternating rounds): impact "
          f"{t_impact:6.2f} s ({len(sample) / t_impact:,.0f} quotes/s) against deduce alone "
          f"{t_deduce:6.2f} s ({len(sample) / t_deduce:,.0f} quotes/s): {ratio:.2f}x "
          f"(target <= 1.5x)")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "quotes.csv"
        with open(src, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["quote_id", "participant_id", "wave", "source", "role", "text"])
            for i, t in enumerate(texts):
                w.writerow([f"q{i}", f"P{i % 5000}", "T1", "exit_interview", "participant", t])
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "impact", "deidentify", str(src),
                               "--output", str(Path(tmp) / "out.csv")],
                              capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(proc.stderr)
        print(f"impact deidentify, {n:,} quotes: {wall:6.1f} s ({n / wall:,.0f} quotes/s, "
              f"deduce's load included)")
        print("  " + proc.stdout.strip().splitlines()[0])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
