from __future__ import annotations

import argparse
import json
from pathlib import Path

from exercise.cli.args import seed_arg, turns_arg
from exercise.cli.report import format_summary, format_turn, turn_record
from exercise.core.canonical import state_hash
from exercise.engine.metrics import game_metrics
from exercise.headless import play
from exercise.scenario import load_scenario
from exercise.store.paths import is_server_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="play turns headless: a scenario file (all scripted) or a save")
    p.add_argument("target", metavar="SCENARIO.toml|SAVE.db")
    p.add_argument("--turns", type=turns_arg, default=None, help="turns to play (default: the scenario's length)")
    p.add_argument(
        "--seed", type=seed_arg, default=None, help="game seed (scenario files only; default: the scenario's)"
    )
    p.add_argument("--json", action="store_true", help="print the same report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if is_server_url(args.target) or Path(args.target).suffix.lower() != ".toml":
        from exercise.cli.run_save import run_save

        return run_save(args)
    scenario = load_scenario(args.target)
    seed = scenario.seed if args.seed is None else args.seed
    turns = []
    state = None
    for result in play(scenario, seed, args.turns):
        state = result.state
        record = turn_record(scenario, state.turn, result.events, state_hash(state))
        turns.append(record)
        if not args.json:
            print("\n".join(format_turn(record)))
    if state is None:
        from exercise.engine import new_game

        state = new_game(scenario, seed)
    metrics = game_metrics(state)
    if args.json:
        print(
            json.dumps(
                {"scenario": scenario.id, "seed": seed, "turns": turns, "final": metrics}, sort_keys=True, indent=1
            )
        )
    else:
        print()
        print("\n".join(format_summary(metrics)))
    return 0
