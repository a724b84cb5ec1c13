"""`exercise talk SAVE --as SEAT ["LINE"]`: say something during the turn being played, or
read what the seat heard.

With a line (core/talk.py: `say in FORUM: ...`, `say to SEAT: ...`, `offer SEAT: ... if ...`,
`accept 3.1`, ...) it checks the line against the turn so far and stores it at once: it reaches
its audience now, and an offer to a scripted seat is answered at once (the answer is printed).
A line that cannot be said is one line naming the seat and the line, exit 2, nothing stored.
Without a line it lists what the seat heard this turn, the offers waiting for its answer and
its deals (what each side owes, by when). In a save with join codes it needs the seat's code
(or the white cell's), like `exercise orders`; the white cell (`--as white`) speaks as the chair.
"""

from __future__ import annotations

import argparse

from exercise.cli.args import add_intermixed_parser, save_arg
from exercise.cli.seat_code import add_code_argument, require_code, who
from exercise.core.seats import FACILITATOR, HUMAN, WHITE_NAMES
from exercise.core.talk import Counter, Reply
from exercise.engine.talk import TalkEntry
from exercise.engine.talk_window import TalkWindow
from exercise.errors import ExerciseError, listed
from exercise.store import Game
from exercise.store.opening import read_only_file


def register(sub: argparse._SubParsersAction) -> None:
    p = add_intermixed_parser(
        sub,
        "talk",
        help="say something to a forum, a coalition or a seat, offer or answer a deal; or read a seat's talk",
    )
    p.add_argument("save", type=save_arg, metavar="SAVE")
    p.add_argument("--as", dest="seat", required=True, metavar="SEAT", help="the delegation speaking (or white)")
    p.add_argument("line", nargs="?", default=None, metavar="LINE", help='e.g. "say in un: we support it"')
    add_code_argument(p)
    p.set_defaults(func=run)


def _speaker(game: Game, seat: str) -> str:
    if seat in WHITE_NAMES:
        return FACILITATOR
    controller = game.controllers().get(seat)
    if controller is None:
        raise ExerciseError(
            f"{game.path}: there is no seat {seat!r} "
            f"(seats: {listed(sorted(game.controllers()), hint=f'see `exercise replay {game.path}`')})"
        )
    if controller != HUMAN:
        raise ExerciseError(f"{seat}: is played by the strategy {controller!r}; the white cell can hand it to a human")
    return seat


def run(args: argparse.Namespace) -> int:
    path = args.save
    # Reading what a seat heard works on read-only media too (without the scripted opening).
    with Game.open(path, read_only=args.line is None and read_only_file(path)) as game:
        seat = _speaker(game, args.seat)
        require_code(game, seat, args.code)
        turn = game.turn
        if turn >= game.scenario.turns:
            raise ExerciseError(f"{args.save}: the game is over (turn {turn} of {game.scenario.turns})")
        viewer = None if seat == FACILITATOR else seat
        if args.line is None:
            game.talk.open_turn(for_turn=turn + 1)  # the scripted seats' opening offers, if not yet made
            print("\n".join(talk_listing(game.talk.window(viewer), who(seat))))
            return 0
        entry = game.talk.post(seat, args.line, for_turn=turn + 1)
        print(f"{who(seat)}, turn {turn + 1}: {said(entry)}")
        for answer in game.talk.heard(viewer):  # a scripted seat's answer, given at once
            if answer.index > entry.index and isinstance(answer.talk, (Reply, Counter)):
                print(f"  {said(answer)}")
    return 0


def said(entry: TalkEntry) -> str:
    offer = f" (offer {entry.offer})" if entry.offer else ""
    heard = "everyone" if not entry.audience else ", ".join(entry.audience)
    return f"{who(entry.seat)}: {entry.talk.text()}{offer}  [heard by {heard}]"


def talk_listing(window: TalkWindow, name: str) -> list[str]:
    """What a seat heard this turn, the offers waiting for its answer, and its deals."""
    lines = [f"{name}, turn {window.turn}: heard this turn"]
    # numbered among what it heard: the log's own numbers would show how much it did not hear
    lines += [f"  {n:>2}. {said(entry)}" for n, entry in enumerate(window.heard(), 1)] or ["  nothing yet"]
    waiting = window.open_offers()
    lines.append("offers waiting for your answer (accept ID / reject ID / counter ID: ... if ...)")
    lines += [
        f"  {r.id} from {r.offerer}: {'; '.join(map(str, r.gives))} if {'; '.join(map(str, r.wants))} (by turn {r.due})"
        for r in waiting
    ] or ["  none"]
    deals = window.commitments()
    lines.append("deals (what each side owes, by when)")
    for deal in deals:
        sides = "; ".join(
            f"{seat} owes {', '.join(p for p in promised if p not in deal.delivered.get(seat, [])) or 'nothing more'}"
            for seat, promised in sorted(deal.promises.items())
        )
        due = " (due this turn)" if deal.due == window.turn else ""
        lines.append(f"  {deal.id}, by turn {deal.due}{due}: {sides}")
    if not deals:
        lines.append("  none")
    return lines
