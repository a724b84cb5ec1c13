"""`exercise run SAVE`: advance a save, one committed transaction per turn.

Without --turns it plays on to the scenario's length. It stops (exit 0) when a human seat
has not submitted orders, naming the seats, or when another process resolved the turn first.
"""

from __future__ import annotations

import argparse
import json
import sys

from exercise.cli.report import format_summary, format_turn, turn_record
from exercise.engine.metrics import game_metrics
from exercise.errors import AlreadyResolved, GamePaused, SaveError
from exercise.store import Game


def run_save(args: argparse.Namespace) -> int:
    if args.seed is not None:
        raise SaveError(f"{args.target}: --seed is for scenario files; a save keeps the seed it was created with")
    if args.turns is not None and args.turns < 0:
        raise SaveError(f"--turns must be 0 or more, not {args.turns}")
    with Game.open(args.target) as game:
        if game.rules_note:  # resuming a save made under other rules: one line, then play on
            print(game.rules_note, file=sys.stderr)
        start = game.turn
        # nothing is ever played past the scenario's last turn
        goal = min(start + args.turns, game.scenario.turns) if args.turns is not None else game.scenario.turns
        turns, stopped = [], None
        while game.turn < goal:
            try:
                result = game.resolve()
            except AlreadyResolved as e:
                stopped = f"stopped: {e}"
                break
            except GamePaused:
                stopped = f"stopped at turn {game.turn}: the game is paused by the white cell"
                break
            if result is None:
                stopped = f"stopped at turn {game.turn}: waiting for orders from {', '.join(game.waiting_for())}"
                break
            record = turn_record(game.scenario, result.state.turn, result.events, game.state_hash(result.state.turn))
            turns.append(record)
            if not args.json:
                print("\n".join(format_turn(record)), flush=True)
        if stopped is None and start >= game.scenario.turns:
            stopped = f"the game is over (turn {start} of {game.scenario.turns})"
        state = game.state()
        metrics = game_metrics(state)
        if args.json:
            print(
                json.dumps(
                    {
                        "save": str(game.path),
                        "scenario": game.scenario.id,
                        "seed": game.seed,
                        "turns": turns,
                        "stopped": stopped,
                        "waiting_for": game.waiting_for(),
                        "final": metrics,
                    },
                    sort_keys=True,
                    indent=1,
                )
            )
        else:
            if turns:
                print()
                print("\n".join(format_summary(metrics)))
            if stopped:
                print(stopped, file=sys.stderr)
    return 0
