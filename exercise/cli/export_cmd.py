"""`exercise export SAVE --format jsonl [--as SEAT]`: orders, talk, events and states as JSON
lines; with --as, only what that seat could see."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercise.cli.play_cmd import seat_to_view
from exercise.errors import SaveError
from exercise.store import Game


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write a save's orders, events and states as JSON lines (instructor material)",
        description="Write every turn's orders, events and state as JSON lines. Instructor material: "
        "it holds every seat's brief and orders and the white cell's trail, and "
        "reads the save file directly, codes or not.",
    )
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (jsonl)")
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="write here instead of standard output")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument(
        "--as",
        dest="seat",
        default=None,
        metavar="DELEGATION",
        help="only what this seat could see: its orders, the talk it heard, its events; no states",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Game.open(args.save, read_only=True) as game:
        seat = seat_to_view(game, args.seat)
        if args.out is None:
            game.export_jsonl(sys.stdout, seat)
            return 0
        if args.out.exists() and not args.force:
            raise SaveError(f"{args.out}: already exists (choose another name, or --force to replace it)")
        if args.out.resolve() == game.path.resolve():
            raise SaveError(f"{args.out}: is the save itself; export to another file")
        tmp = args.out.with_name(f".{args.out.name}.tmp")
        try:
            with tmp.open("w", encoding="utf-8") as out:
                lines = game.export_jsonl(out, seat)
            tmp.replace(args.out)
        except OSError as e:
            raise SaveError(f"{args.out}: cannot be written ({e.strerror})") from None
        finally:
            tmp.unlink(missing_ok=True)
        print(f"wrote {lines} lines to {args.out}", file=sys.stderr)
    return 0
