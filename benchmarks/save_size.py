"""Save growth per turn: the 200-delegation world and cent-vs-decent, this checkout and another.

    python benchmarks/save_size.py                      # this checkout
    python benchmarks/save_size.py --before /work/main  # and a checkout of an older release beside it

Each world is played with every seat scripted; the save is closed (the WAL folded in) at the
start and after the last turn, and the growth is the file's bytes between the two, per turn.
Targets (docs/performance.md): at most 20 KB a turn on the 200-delegation world (generated
200 x 25 x 60, seed 1, as benchmarks/store_bench.py), at most 8 KB on cent-vs-decent.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CENT = ROOT / "scenarios" / "cent-vs-decent.toml"

_PLAY = """
import re, sys
from pathlib import Path
from exercise.scenario.generate import generate_scenario
from exercise.store import Game
world, turns, tmp = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
scenario = tmp / f"{world}.toml"
if world == "w200":
    scenario.write_text(generate_scenario(200, 25, 60, seed=1, turns=turns), encoding="utf-8")
else:  # cent-vs-decent lengthened to `turns`
    text = Path(sys.argv[4]).read_text(encoding="utf-8")
    scenario.write_text(re.sub(r"(?m)^turns = .*$", f"turns = {turns}", text, count=1), encoding="utf-8")
save = tmp / f"{world}.db"
Game.create(save, scenario, force=True).close()
start = save.stat().st_size
with Game.open(save) as game:
    while not game.finished:
        game.resolve()
print(start, save.stat().st_size, game.turn)
"""


def measure(checkout: Path, world: str, turns: int) -> tuple[int, int, int]:
    with tempfile.TemporaryDirectory(prefix="save-size-") as tmp:
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        done = subprocess.run(
            [sys.executable, "-c", _PLAY, world, str(turns), tmp, str(CENT)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp,  # not this checkout: `python -c` puts the working directory first on sys.path
            check=True,
        )
        start, end, played = (int(v) for v in done.stdout.split())
        return start, end, played


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, default=None, help="a checkout of the release to compare with")
    parser.add_argument("--w200-turns", type=int, default=48)
    parser.add_argument("--cent-turns", type=int, default=96)
    args = parser.parse_args()
    checkouts = [("this checkout", ROOT)] + ([("before", args.before)] if args.before else [])
    worlds = [("200 x 25 x 60", "w200", args.w200_turns, 20), ("cent-vs-decent", "cent", args.cent_turns, 8)]
    print("save growth per turn (file bytes after the last turn minus at the start, per turn)")
    for label, world, turns, target in worlds:
        for name, checkout in checkouts:
            start, end, played = measure(checkout, world, turns)
            print(
                f"  {label:<16} {name:<14} {(end - start) / played / 1024:6.1f} KB/turn over {played} turns"
                f" (start {start / 1024:.0f} KB, end {end / 1024 / 1024:.2f} MB; target {target} KB)"
            )


if __name__ == "__main__":
    main()
