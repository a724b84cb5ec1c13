"""Instructions per sweep run, counted by valgrind's callgrind: the figure that does not move
with the machine's load, for comparing two versions of the engine fairly.

    python benchmarks/sweep_instructions.py               # 4 runs of cent-vs-decent, 20 turns
    PYTHONPATH=/tmp/old python benchmarks/sweep_instructions.py   # an older export, same figure

It counts a process playing 2 runs and one playing 2 + N, and prints the difference over N,
so start-up, imports and parsing the scenario are left out. About a minute at N = 4.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLAY = """
import sys
from pathlib import Path
from exercise.batch.runner import expand, run_seeds, run_task
text = Path(sys.argv[1]).read_text(encoding="utf-8")
for task in expand([text], run_seeds(1, int(sys.argv[2])), int(sys.argv[3]), "standard"):
    run_task(task)
"""


def callgrind(script: str, *args: object) -> int:
    """Instructions a fresh `python -c script args...` executes, counted by callgrind."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", script]
        + [str(a) for a in args],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if not found:
        raise SystemExit(f"callgrind printed no instruction count:\n{out.stderr[-500:]}")
    return int(found.group(1))


def instructions(scenario: str, runs: int, turns: int) -> int:
    return callgrind(PLAY, scenario, runs, turns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "cent-vs-decent.toml"))
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    base = instructions(args.scenario, 2, args.turns)
    more = instructions(args.scenario, 2 + args.runs, args.turns)
    print(
        f"{Path(args.scenario).name}, {args.turns} turns: {(more - base) / args.runs / 1e6:.0f}M instructions a run "
        f"(difference of {2 + args.runs} and 2 runs)"
    )


if __name__ == "__main__":
    main()
