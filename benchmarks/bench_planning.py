"""Benchmark: 10,000 simulated pre/post studies of n = 35, vectorised vs looping pingouin.

Prints wall times side by side (no assertions). Target: the vectorised analysis (paired t-test,
Wilcoxon signed-rank with exact null distribution, Jacobson-Truax reliable change) of 10,000
studies in at most 5 s on 2 cores, and at least 50x faster than ``pingouin.ttest`` in a loop.
pingouin is timed on a subset (``--pingouin-subset``, default 500 studies) and extrapolated
linearly; the output says so.

    python benchmarks/bench_planning.py [--studies 10000] [--n 35] [--pingouin-subset 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def best_of(fun, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fun()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main(argv=None):
    import numpy as np
    import pingouin

    from impact.stats.power import (reliable_change_many, simulate_prepost, ttest_paired_many,
                                    wilcoxon_paired_many)

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=10_000)
    parser.add_argument("--n", type=int, default=35)
    parser.add_argument("--pingouin-subset", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    rng = np.random.default_rng(1)
    reps, n = args.studies, args.n
    pre = rng.normal(21, 5.5, (reps, n))
    post = pre + rng.normal(-4.5, 6.0, (reps, n))
    diff = post - pre

    def analyse():
        t = ttest_paired_many(diff)
        p_w = wilcoxon_paired_many(diff)
        improved, _ = reliable_change_many(pre, post, 6.2, 0.78, higher_is_better=False)
        return t["p"], p_w, improved.mean(axis=1)

    def simulate_and_analyse():
        simulate_prepost(n, 0.75, reps, seed=2)

    analyse()  # warm-up: imports, the exact signed-rank distribution for n
    best, median = best_of(analyse, args.repeat)
    sim_best, _ = best_of(simulate_and_analyse, args.repeat)

    k = min(args.pingouin_subset, reps)
    start = time.perf_counter()
    for i in range(k):
        pingouin.ttest(post[i], pre[i], paired=True)
    ping_subset = time.perf_counter() - start
    ping_full = ping_subset * reps / k

    # same numbers? (first study)
    ref = pingouin.ttest(post[0], pre[0], paired=True)
    same = abs(float(ref["p_val"].iloc[0] if "p_val" in ref else ref["p-val"].iloc[0])
               - float(ttest_paired_many(diff[:1])["p"][0])) < 1e-12

    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"machine: {os.cpu_count()} logical cores, load average {load[0]:.1f} / {load[1]:.1f} "
          f"/ {load[2]:.1f} (shared with other jobs)")
    print(f"{reps} studies of n = {n}")
    print(f"vectorised t + Wilcoxon + reliable change   best {best:7.3f} s   median {median:7.3f} s"
          f"   (target <= 5 s)")
    print(f"  same with simulation of the data          best {sim_best:7.3f} s")
    print(f"pingouin.ttest loop, {k} studies measured   {ping_subset:7.3f} s")
    print(f"pingouin.ttest loop, {reps} extrapolated x{reps / k:g} {ping_full:7.3f} s "
          f"(t-test only, extrapolated linearly from {k} studies)")
    print(f"speed-up (t-test only in pingouin vs all three vectorised)  {ping_full / best:7.0f}x"
          f"   (target >= 50x)")
    print(f"first study: vectorised p equals pingouin p to 1e-12: {same}")


if __name__ == "__main__":
    main()
