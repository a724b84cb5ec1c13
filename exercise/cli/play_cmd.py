"""`exercise play [SAVE] [--as DELEGATION]`: the terminal UI.

No argument opens the home screen. A save opens straight into play: hot-seat for every human
seat, one seat with --as, or the white cell with --as white. A bad save or seat is one line on
stderr and exit 2, before the screen is taken over.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from exercise.cli.seat_code import CODE_ENV, add_code_argument, require_code
from exercise.core.seats import FACILITATOR, PROJECTOR, WHITE_NAMES
from exercise.errors import SaveError, listed


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="open the terminal UI: home screen, or a save to play on")
    p.add_argument("save", nargs="?", metavar="SAVE.db", help="a saved game to open")
    p.add_argument(
        "--as",
        dest="seat",
        metavar="DELEGATION",
        help="play only this human seat ('white': the facilitator's console; "
        "'projector': the room's screen, public information only; "
        "'evaluator-N' or 'observer-N': an evaluator's or observer's seat)",
    )
    p.add_argument("--replay", action="store_true", help="open the save read-only, to replay it")
    p.add_argument(
        "--watch",
        metavar="TEAM",
        default=None,
        help="with --as observer-N or evaluator-N: the team to watch first (default: asked)",
    )
    add_code_argument(p)
    p.add_argument("--saves", default="saves", metavar="DIR", help="where new games are saved (default: saves/)")
    p.set_defaults(func=run)


def seat_to_view(game, seat: str | None) -> str | None:
    """The seat whose view a read-only command shows: None for the white cell (no --as, or one
    of its names); any delegation of the scenario, human or scripted. SaveError otherwise."""
    if seat is None or seat in WHITE_NAMES:
        return None
    if seat not in game.scenario.by_id.delegations:
        raise SaveError(
            f"--as: {game.scenario.id} has no seat {seat!r} "
            f"(seats: {listed(game.scenario.by_id.delegation_ids, hint=f'see `exercise replay {game.path}`')})"
        )
    return seat


def open_for_play(save: str | None, seat: str | None, replay: bool, watch: str | None = None):
    """The save to play (None: the home screen), checked as `play` needs it: one SaveError line
    for a missing or bad file or a seat that no human plays, before any screen is taken over."""
    if not save:
        if seat or replay:
            raise SaveError("--as and --replay need a SAVE to open")
        return None
    from exercise.store import Game
    from exercise.store.evaluation_records import OBSERVER, role_kind
    from exercise.store.paths import missing_file, save_address

    path = save_address(save)
    if missing_file(path):
        raise SaveError(f"{path}: no such save")
    kind = role_kind(seat) if seat and not replay else None
    game = Game.open(path, read_only=replay or seat == PROJECTOR or kind == OBSERVER)  # these only read
    if seat and kind is not None:
        if watch is not None and watch not in game.scenario.by_id.delegations:
            game.close()
            raise SaveError(
                f"--watch: {game.scenario.id} has no team {watch!r} "
                f"(teams: {listed(game.scenario.by_id.delegation_ids)})"
            )
        if game.evaluation.role(seat) is None:
            roles = [r.seat for r in game.evaluation.roles()]
            game.close()
            raise SaveError(
                f"{path}: --as {seat}: there is no such seat (evaluator and observer seats: "
                f"{', '.join(roles) or 'none; exercise new ... --evaluators N --observers N makes them'})"
            )
        return game
    if seat and not replay and seat not in WHITE_NAMES and seat != PROJECTOR:
        humans = game.human_seats()
        if seat not in game.state().seats:
            game.close()
            raise SaveError(
                f"{path}: --as {seat}: there is no such delegation (human seats: {', '.join(humans) or 'none'})"
            )
        if seat not in humans:
            game.close()
            raise SaveError(
                f"{path}: --as {seat}: that seat is played by a strategy; the white cell "
                f"can hand it to a human (human seats: {', '.join(humans) or 'none'})"
            )
    return game


def code_given(game, seat: str | None, code: str | None) -> bool:
    """Check a code given on the command line (or in $EXERCISE_CODE) before the screen is
    taken over: a wrong one is one line and exit 2. True if one was given and it fits; False
    when none was given (the terminal UI then asks for it, and asks again if it is wrong)."""
    if game is None or seat == PROJECTOR:  # the projector holds no seat and needs no code
        return False
    if code is None and not os.environ.get(CODE_ENV):
        return False
    role = FACILITATOR if seat is None or seat in WHITE_NAMES else seat
    try:
        require_code(game, role, code, ask=False)
    except SaveError:
        game.close()
        raise
    return True


def run(args: argparse.Namespace) -> int:
    from exercise.store.evaluation_records import role_kind

    if args.watch is not None and not (args.seat and role_kind(args.seat)):
        raise SaveError("--watch: only for an observer's or evaluator's seat (--as observer-1)")
    game = open_for_play(args.save, args.seat, bool(args.replay), args.watch)
    unlocked = False if args.replay else code_given(game, args.seat, args.code)
    from exercise.tui.app import ExerciseApp

    app = ExerciseApp(
        saves_dir=Path(args.saves),
        game=game,
        seat=args.seat,
        replay=bool(args.replay),
        unlocked=unlocked,
        watch=args.watch,
    )
    try:
        app.run()
    finally:
        if app.flow is not None:
            app.flow.close()  # its seats are free for another terminal at once
        if app.game is not None:
            app.game.close()
    return 0
