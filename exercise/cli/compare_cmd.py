"""`exercise compare A.db B.db [--as SEAT]`: two games of one scenario side by side (two
students' games, or a game and its what-if branch)."""

from __future__ import annotations

import argparse
import json

from exercise.cli.play_cmd import seat_to_view
from exercise.compare_text import format_comparison
from exercise.store import Game
from exercise.store.compare import compare_games


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two saves of one scenario: where they part, orders, decisions, scores",
        description="Compare two saves of one scenario turn by turn: the turn the games part, "
        "the orders that differed, the forum decisions that came out otherwise, and "
        "the norms and scores at the last turn both have played.",
    )
    p.add_argument("a", metavar="A.db")
    p.add_argument("b", metavar="B.db")
    p.add_argument(
        "--as",
        dest="seat",
        default=None,
        metavar="DELEGATION",
        help="only this seat's orders and score (the decisions and the world are shown whole)",
    )
    p.add_argument(
        "--all-seats",
        action="store_true",
        help="also list the scripted seats' orders that differed (by default: counted per turn)",
    )
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Game.open(args.a, read_only=True) as a, Game.open(args.b, read_only=True) as b:
        result = compare_games(a, b, seat_to_view(a, args.seat))
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print("\n".join(format_comparison(result, args.all_seats)))
    return 0
