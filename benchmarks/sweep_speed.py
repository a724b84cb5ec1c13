"""Time a sweep (the issue's target: 1,000 runs of cent-vs-decent for 20 turns in at most 60 s
on 2 cores) with 1 and with N workers, and print the speedup.

    python benchmarks/sweep_speed.py                       # 1,000 runs, 1 and 2 workers
    python benchmarks/sweep_speed.py --runs 200 --workers 1 2 4

The runs are the ones `exercise sweep scenarios/cent-vs-decent.toml --runs 1000 --turns 20`
makes; the check at the end confirms every worker count gave identical results.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
from pathlib import Path

from exercise.batch.runner import expand, run_seeds, run_tasks

ROOT = Path(__file__).resolve().parents[1]


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop, timed in two processes at once as the sweep runs
    its two workers: this shared machine's speed moves by 1.7x between hours, so a sweep's
    seconds mean little without it (2.0 s was its quickest reading, 3.5 s its slowest)."""
    code = "import time\nt = time.perf_counter()\nx = 0\nfor i in range(20_000_000): x += i\nprint(time.perf_counter() - t)"
    runs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    return max(float(run.communicate()[0]) for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "cent-vs-decent.toml"))
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    text = Path(args.scenario).read_text(encoding="utf-8")
    tasks = expand([text], run_seeds(args.seed, args.runs), args.turns, "standard")
    print(f"{Path(args.scenario).name}: {args.runs} runs x {args.turns} turns")
    print(f"machine speed: a fixed loop took {machine_speed():.2f} s on each of two cores (quickest seen: 2.0 s)")
    print(f"{'workers':>7} {'seconds':>8} {'runs/s':>7} {'ms/run':>7} {'speedup':>8}")
    base = None
    reference = None
    for workers in args.workers:
        started = time.perf_counter()
        results = run_tasks(tasks, workers)
        seconds = time.perf_counter() - started
        base = base or seconds
        print(
            f"{workers:>7} {seconds:>8.1f} {args.runs / seconds:>7.1f} {1000 * seconds / args.runs:>7.1f} "
            f"{base / seconds:>7.2f}x"
        )
        flat = [sorted((k, None if math.isnan(v) else v) for k, v in r.items()) for r in results]
        if reference is None:
            reference = flat
        elif flat != reference:
            raise SystemExit(f"results with {workers} workers differ from {args.workers[0]} worker(s)")
    print("identical results for every worker count")


if __name__ == "__main__":
    main()
