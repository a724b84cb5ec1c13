"""`exercise branch SAVE --from-turn N --save NEW.db`: a what-if copy holding turns 0..N."""

from __future__ import annotations

import argparse
from pathlib import Path

from exercise.store import Game


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("branch", help="copy a save up to a turn into a new what-if save")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--from-turn", type=int, required=True, metavar="N", help="the last turn the copy keeps")
    p.add_argument("--save", dest="new", type=Path, required=True, metavar="NEW.db", help="the new save file")
    p.add_argument("--force", action="store_true", help="replace NEW.db if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Game.open(args.save, read_only=True) as game, game.branch(args.from_turn, args.new, force=args.force) as new:
        print(f"created {new.path}: a what-if of {game.path} holding turns 0 to {new.turn} ({game.path} is unchanged)")
        print(f"next: exercise run {new.path}   or   exercise play {new.path}")
    return 0
