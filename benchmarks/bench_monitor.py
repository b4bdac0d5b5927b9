"""Neighbourhood monitor at the size of the national GGD monitor: time and peak memory.

    python benchmarks/bench_monitor.py [--respondents 540000] [--rounds 4] [--keep DIR]

A synthetic Wijzer in de Wijk survey (impact.synth.monitor.monitor_survey, ten neighbourhoods)
with ``--respondents`` respondents per round x ``--rounds`` rounds x the 42 items of Mijn
Positieve Gezondheid is written as CSV; then a fresh process runs it end to end as
``impact monitor`` does (read + check the file, score the six dimensions, weighted means, SEs,
differences and difference-in-differences for every neighbourhood, round and dimension), then
the disclosure step and the report section (HTML with figures). Printed: wall time of each stage
and the peak resident memory of that process (``ru_maxrss``). The machine may be shared: single
runs, reported as measured.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from impact.studies.monitor import analyse_monitor
from impact.disclosure import disclose_monitor
from impact.report.monitor_sections import monitor_section
res = analyse_monitor(sys.argv[1], sys.argv[2])
t1 = time.perf_counter()
d = res.to_dict()
pub = disclose_monitor(d, lang="nl")
html = monitor_section(pub, "nl", neighbourhoods=["Moerwijk"])
t2 = time.perf_counter()
u = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"analyse_s": t1 - t0, "report_s": t2 - t1, "cpu_s": u.ru_utime + u.ru_stime,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "estimates": len(d["estimates"]), "did": len(d["did"]),
                  "html_kb": len(html) / 1024}))
"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--respondents", type=int, default=540_000, help="per round")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--keep", help="write the data here (default: a temporary folder); an "
                                   "existing survey.csv there is reused")
    a = ap.parse_args(argv)
    import yaml

    from impact.synth.monitor import WIJZER_IN_DE_WIJK, monitor_survey

    spec = dict(WIJZER_IN_DE_WIJK)
    spec["rounds"] = list(range(2019, 2019 + 2 * a.rounds, 2))
    scale = a.respondents / sum(spec["sample_size"].values())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(a.keep or tmp)
        out.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        if a.keep and (out / "survey.csv").exists():  # reuse the data of an earlier run
            import pandas as pd

            n = len(pd.read_csv(out / "survey.csv", usecols=["round"]))
        else:
            frame = monitor_survey(1, spec, scale=scale, item_dtype="int8")
            n = len(frame)
            frame.to_csv(out / "survey.csv", index=False)
            del frame
        gen = time.perf_counter() - t0
        (out / "protocol.yaml").write_text(yaml.safe_dump(
            {"title": "GGD-sized monitor", "rounds": spec["rounds"], "instruments": ["mph"],
             "reference": "Den Haag", "monitor": {"min_respondents": 50}}), encoding="utf-8")
        size = (out / "survey.csv").stat().st_size / 2**20
        print(f"data: {n:,} respondents ({a.respondents:,} per round x {a.rounds} rounds) x 42 "
              f"items, CSV {size:,.0f} MB, generated and written in {gen:.1f} s", flush=True)
        proc = subprocess.run([sys.executable, "-c", CHILD, str(out / "survey.csv"),
                               str(out / "protocol.yaml")], capture_output=True, text=True,
                              cwd=ROOT, check=True)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"impact monitor end to end (read, check, score, estimate): {r['analyse_s']:7.1f} s")
        print(f"disclosure + report section (nl, figures):             {r['report_s']:7.1f} s")
        print(f"CPU time of that process (user + system):              {r['cpu_s']:7.1f} s")
        print(f"peak memory of that process:                          {r['peak_mb']:7.0f} MB")
        print(f"({r['estimates']} estimates, {r['did']} difference-in-differences)")


if __name__ == "__main__":
    main()
