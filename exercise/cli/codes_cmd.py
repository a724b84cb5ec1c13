"""`exercise codes SAVE [--reissue [SEAT ...]]`: the seats' join codes and who has each seat open.

Codes are only ever shown when issued (`exercise new` prints them). `--reissue` prints new ones
(every seat, or those named) and needs the white cell's code; a save made without codes gets
its first ones with `--reissue` and needs none.
"""

from __future__ import annotations

import argparse
import time

from exercise.cli.seat_code import add_code_argument, print_codes, require_code, who
from exercise.core.seats import FACILITATOR, WHITE_NAMES
from exercise.errors import SaveError
from exercise.store import Game


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "codes",
        help="the seats' join codes: which seats have one, who is connected; --reissue",
        description="List which seats of a save have join codes and which are open at a "
        "terminal now; --reissue prints new codes (the white cell's code is needed).",
    )
    p.add_argument("save", metavar="SAVE")
    p.add_argument(
        "--reissue",
        nargs="*",
        metavar="SEAT",
        default=None,
        help="new codes for these seats ('white' for the white cell), or every seat when none is named",
    )
    add_code_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Game.open(args.save, read_only=args.reissue is None) as game:
        if args.reissue is not None:
            return _reissue(game, args)
        coded = game.live.coded_seats()
        open_now = {lease.seat: lease for lease in game.live.leases()}
        if not coded:
            print(
                f"{game.path}: no join codes (anyone with the file plays any seat); "
                f"issue them with: exercise codes {game.path} --reissue"
            )
        now = time.time()
        for seat in [FACILITATOR, *game.human_seats(), *(r.seat for r in game.evaluation.roles())]:
            issued = f"code issued {coded[seat][:16].replace('T', ' ')} UTC" if seat in coded else "no code"
            lease = open_now.get(seat)
            where = (
                (f"open at {lease.place} since {lease.opened_at[11:16]} UTC (seen {now - lease.heartbeat:.0f} s ago)")
                if lease
                else "not open"
            )
            print(f"  {who(seat):<16} {issued:<32} {where}" if seat != FACILITATOR else f"  {who(seat):<16} {issued}")
    return 0


def _reissue(game: Game, args: argparse.Namespace) -> int:
    require_code(game, FACILITATOR, args.code)
    humans = game.human_seats() + [r.seat for r in game.evaluation.roles()]  # evaluators, observers too
    seats: list[str] | None = None  # None: every human seat
    if args.reissue:
        asked = [FACILITATOR if name in WHITE_NAMES else name for name in args.reissue]
        for seat in asked:
            if seat != FACILITATOR and seat not in humans:
                raise SaveError(
                    f"--reissue {seat}: not a human seat of {game.path} (human seats: {', '.join(humans) or 'none'})"
                )
        seats = asked
    issued = game.live.issue_codes(seats)
    print(f"new codes for {game.path} (the old ones no longer open these seats):")
    print_codes(game, issued)
    return 0
