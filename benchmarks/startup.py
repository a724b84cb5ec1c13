"""Start-up: wall time of a fresh process for the commands people start most, beside a fixed
reference loop (the machine's load: a shared machine's figures mean little without it).

    python benchmarks/startup.py [--runs 7] [--before /work/main]

replay   `exercise replay SAVE --turn N` on a 12-turn cent-vs-decent save (target 0.5 s)
play     `exercise play` to the home screen drawn (headless, Textual's run_test; target 1.0 s)
help     `exercise --help` (imports no command)
python   `python -c pass`: the interpreter's own start
The medians of --runs fresh processes each, the commands interleaved run by run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Also run by tests/unit/test_command_imports.py, which then lists the libraries it loaded.
HOME_SCRIPT = """
import asyncio, sys
from exercise.cli import build_parser
args = build_parser(["play"]).parse_args(["play"])  # the command's own imports, as `exercise play`
from exercise.tui.app import ExerciseApp
from exercise.tui.screens.home import HomeScreen
async def main():
    app = ExerciseApp(saves_dir=sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, HomeScreen):
            await pilot.pause()
        await pilot.pause()
asyncio.run(main())
"""

_REFERENCE = "total = 0\nfor i in range(3_000_000):\n    total += i * i\n"


def _wall(argv: list[str], env: dict[str, str], cwd: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, default=None, help="a checkout to time beside this one")
    args = parser.parse_args()
    checkouts = [("this checkout", ROOT)] + ([("before", args.before)] if args.before else [])
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="startup-") as tmp:
        saves = Path(tmp) / "saves"
        saves.mkdir()
        envs = {name: {**os.environ, "PYTHONPATH": str(checkout)} for name, checkout in checkouts}
        cases: dict[str, dict[str, list[str]]] = {}
        for index, (name, _) in enumerate(checkouts):  # a save each: an older release reads only its own
            save = str(Path(tmp) / f"game-{index}.db")
            for argv in (["new", "cent-vs-decent", "--save", save], ["run", save]):
                subprocess.run([py, "-m", "exercise", *argv], env=envs[name], cwd=tmp, check=True, capture_output=True)
            cases[name] = {
                "replay": [py, "-m", "exercise", "replay", save, "--turn", "7"],
                "play": [py, "-c", HOME_SCRIPT, str(saves)],
                "help": [py, "-m", "exercise", "--help"],
                "python": [py, "-c", "pass"],
                "reference loop": [py, "-c", _REFERENCE],
            }
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for name, _ in checkouts:
                # cwd outside any checkout: `python -c` puts the working directory first on sys.path
                for case, argv in cases[name].items():
                    times.setdefault((name, case), []).append(_wall(argv, envs[name], tmp))
    print(f"start-up, wall seconds, median of {args.runs} fresh processes (targets: replay 0.5 s, play 1.0 s)")
    for case in cases[checkouts[0][0]]:
        row = "   ".join(f"{name} {statistics.median(times[(name, case)]):5.2f}" for name, _ in checkouts)
        print(f"  {case:<15} {row}")


if __name__ == "__main__":
    main()
