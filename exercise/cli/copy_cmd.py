"""`exercise copy SAVE TARGET [--game NAME]`: a game moved between a file and a server whole.

    exercise copy saves/class.db postgresql://trainer@db.example/exercises --game class-7
    exercise copy --db postgresql://trainer@db.example/exercises --game class-7 saves/back.db

Every row is copied as it is (turns, hashes, talk, evaluation, codes, drafts, the clock), so
`verify` passes on both sides and the state hashes are the same.
"""

from __future__ import annotations

import argparse

from exercise.errors import SaveError
from exercise.store import Game
from exercise.store.paths import is_server_url, save_address


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("copy", help="copy a game whole between save files and PostgreSQL servers")
    p.add_argument("source", metavar="SAVE", help="a save file, or a database URL (the game: --game or URL#NAME)")
    p.add_argument("target", metavar="TARGET", help="the new save file, or a database URL")
    p.add_argument("--game", metavar="NAME", help="the game's name on the server side(s) whose URL names none")
    p.add_argument("--force", action="store_true", help="replace TARGET if it exists (never while it is open)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.game is not None and not (is_server_url(args.source) or is_server_url(args.target)):
        raise SaveError(f"--game {args.game}: names a game on a server; neither side is a database URL")
    source, target = save_address(args.source, args.game), save_address(args.target, args.game)
    with Game.open(source, read_only=True) as game, game.copy(target, force=args.force) as copy:
        print(
            f"copied {game.path} to {copy.path}: turn {copy.turn} of {copy.scenario.turns}, "
            f"state hash {copy.state_hash()[:16]} (the same on both sides; check with: exercise verify {copy.path})"
        )
    return 0
