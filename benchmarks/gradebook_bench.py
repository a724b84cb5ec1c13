"""How long the after-action reads take on a class's hand-ins: the gradebook of a folder of
saves, and one save's evaluation (every score and note) for the report.

    python benchmarks/gradebook_bench.py                 # 30 saves, 12 turns, 4 human seats, 2 evaluators
    python benchmarks/gradebook_bench.py --saves 60 --turns 20

Each save is the scenario `outside-in` played to the end by its strategies, with every human
seat scored by every evaluator on every objective of the rubric each turn, and a note per
evaluator per turn. Prints the figures; asserts nothing (no timed test).
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from exercise.scenario.catalog import find_scenario
from exercise.store import Game
from exercise.store.gradebook import gradebook, write_csv


def make_save(path: Path, scenario: Path, turns: int, evaluators: int) -> int:
    with Game.create(path, scenario) as game:
        humans = list(game.scenario.by_id.delegation_ids[:4])
        game.evaluation.add_roles(evaluators=evaluators)
        for seat in humans:
            game.set_controller(seat, "human")
        ev, objectives, count = game.evaluation, game.evaluation.objectives(), 0
        for turn in range(1, min(turns, game.scenario.turns) + 1):
            game.resolve(force=True, missing="strategy")
            for n in range(1, evaluators + 1):
                for seat in humans:
                    for i, objective in enumerate(objectives):
                        ev.score(f"evaluator-{n}", turn, seat, objective, 1 + (turn + n + i) % 4)
                        count += 1
                ev.add_evaluator_note(f"evaluator-{n}", turn, f"turn {turn} went as planned")
        return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--turns", type=int, default=12)
    parser.add_argument("--evaluators", type=int, default=2)
    args = parser.parse_args()
    scenario = find_scenario("outside-in")
    with tempfile.TemporaryDirectory(prefix="gradebook-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        scores = sum(
            make_save(folder / f"student-{i:03d}.db", scenario, args.turns, args.evaluators) for i in range(args.saves)
        )
        print(f"made {args.saves} saves ({scores:,} rubric scores) in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        rows = gradebook(folder)
        out = io.StringIO()
        write_csv(rows, out)
        took = time.perf_counter() - started
        print(
            f"gradebook: {len(rows)} rows from {args.saves} saves in {took:.2f} s "
            f"({1000 * took / args.saves:.0f} ms a save), {len(out.getvalue()):,} bytes of CSV"
        )
        with Game.open(folder / "student-000.db", read_only=True) as game:
            started = time.perf_counter()
            every = game.evaluation.scores()
            notes = game.evaluation.evaluator_notes()
            mine = game.evaluation.scores(game.human_seats()[0])  # a team before release: nothing
            took = time.perf_counter() - started
        print(
            f"one save's evaluation: {len(every):,} scores and {len(notes)} notes read in {1000 * took:.1f} ms "
            f"(a team sees {len(mine)} before release)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
