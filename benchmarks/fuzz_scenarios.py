"""Fuzz the scenario checker: mutate the shipped scenarios and run each mutant through the CLI.

    python benchmarks/fuzz_scenarios.py                 # 10,000 files, seed 0
    python benchmarks/fuzz_scenarios.py --files 2000 --seed 5

Each mutant changes one thing (a value to NaN, infinity, 2**63, a reserved or path-like id, a
string of 10,000 characters; a key with a line break or a quote; a list nested 5,000 deep; a
deleted key; junk spliced into the text). Target: every mutant is either refused by
`validate` (exit 2, every line naming the file) or valid, and then `new`, `run`, `replay` and
`verify` all succeed on it: 0 internal errors (exit 1), 0 unopenable saves. Prints the counts
by outcome and, for failures, by mutation; keeps up to 20 failing files to look at.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import fuzzing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=None, help="folder for the mutants (default: a temporary one)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="fuzz-scenarios-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    def report(done: int, outcomes) -> None:
        print(f"  {done:,} files, {time.perf_counter() - started:.0f} s: {dict(outcomes)}", flush=True)

    outcomes, failing, examples = fuzzing.run(args.files, folder, args.seed, report=report)
    seconds = time.perf_counter() - started
    print(f"files tried: {args.files:,} (seed {args.seed}, {seconds:.0f} s, {args.files / seconds:.0f} files/s)")
    for outcome in ("valid", "refused", "internal", "bad-lines", "unplayable", "unopenable"):
        print(f"  {outcome:<11} {outcomes.get(outcome, 0):,}")
    if failing:
        print("failures by mutation:")
        for kind, n in failing.most_common():
            print(f"  {kind:<24} {n:,}")
        print("\n".join(examples))
    bad = sum(n for k, n in outcomes.items() if k not in ("valid", "refused"))
    print(
        f"internal errors: {outcomes.get('internal', 0)}, unopenable saves: {outcomes.get('unopenable', 0)}, "
        f"all failures: {bad}"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
