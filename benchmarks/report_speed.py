"""Time `exercise report` on a long, large save (the issue's target: a 200-turn, 30-seat save
in under 5 s), as a trainer runs it: a fresh process, HTML and Markdown, beside a fixed
reference loop's time (the machine is shared and noisy).

    python benchmarks/report_speed.py                     # 30 seats, 200 turns
    python benchmarks/report_speed.py --seats 30 --turns 200 --runs 3 --keep /tmp/big.db

The save has 10 human teams, 2 evaluators who score every team on every 10th turn against
every objective, and an improvement plan, so every part of the report has data to draw.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli_w
from live_screens import reference_loop

from exercise.scenario.generate import generate_scenario_data
from exercise.store import Game


def make_save(path: Path, seats: int, turns: int, seed: int) -> None:
    scenario = path.with_suffix(".toml")
    data = generate_scenario_data(seats, 5, 12, seed, turns=turns)
    scenario.write_text(tomli_w.dumps(data), encoding="utf-8")
    humans = sorted(d["id"] for d in data["delegations"])[:10]
    with Game.create(path, scenario, humans=humans, force=True) as game:
        while not game.finished:
            game.resolve(force=True, missing="strategy")
        ev = game.evaluation
        ev.add_roles(evaluators=2)
        objectives = ev.objectives()
        for turn in range(10, game.turn + 1, 10):
            for team in game.human_seats():
                for n, objective in enumerate(objectives):
                    ev.score(
                        f"evaluator-{1 + turn // 10 % 2}",
                        turn,
                        team,
                        objective,
                        1 + (turn + n) % 4,
                        f"turn {turn} note",
                    )
        ev.add_item("Consensus blocks", "Brief coalition building", "trainer", "2027-01-15")


def time_report(save: Path, fmt: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        out = save.with_suffix(f".{fmt}")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "exercise", "report", str(save), "--format", fmt, "--out", str(out), "--force"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="build (or reuse) the save here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        save = args.keep or Path(tmp) / "big.db"
        if not save.exists():
            started = time.perf_counter()
            make_save(save, args.seats, args.turns, args.seed)
            print(f"built {save}: {args.seats} seats, {args.turns} turns in {time.perf_counter() - started:.1f} s")
        print(f"reference loop: {reference_loop():.2f} s")
        for fmt in ("html", "md"):
            print(
                f"exercise report --format {fmt}: {time_report(save, fmt, args.runs):.2f} s "
                f"(median of {args.runs}; target < 5 s)"
            )


if __name__ == "__main__":
    main()
