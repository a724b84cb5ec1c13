"""`exercise branch SAVE --from-turn N --save NEW.db`: a what-if copy holding turns 0..N.
On a server (`--db URL --game NAME`), `--save-game NEW` puts it beside the game in its database."""

from __future__ import annotations

import argparse

from exercise.cli.args import save_arg
from exercise.errors import SaveError
from exercise.store import Game
from exercise.store.paths import ServerGame


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("branch", help="copy a save up to a turn into a new what-if save")
    p.add_argument("save", type=save_arg, metavar="SAVE")
    p.add_argument("--from-turn", type=int, required=True, metavar="N", help="the last turn the copy keeps")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--save", dest="new", type=save_arg, metavar="NEW.db", help="the new save file (or URL#GAME on a server)"
    )
    where.add_argument(
        "--save-game", metavar="NAME", help="a game on a server: the new game's name, in the same database"
    )
    p.add_argument("--force", action="store_true", help="replace NEW.db (or the game NAME) if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    new = args.new
    if args.save_game is not None:
        if not isinstance(args.save, ServerGame):
            raise SaveError(f"--save-game {args.save_game}: only for a game on a server (--db URL --game NAME)")
        new = args.save.other(args.save_game)
    with Game.open(args.save, read_only=True) as game, game.branch(args.from_turn, new, force=args.force) as new:
        print(f"created {new.path}: a what-if of {game.path} holding turns 0 to {new.turn} ({game.path} is unchanged)")
        print(f"next: exercise run {new.path}   or   exercise play {new.path}")
    return 0
