"""`exercise serve [SAVE] [--as SEAT] [--every-seat] [--projector] [--public-url URL]`: the
terminal UI in web browsers.

Each browser tab that opens a seat's address gets its own `exercise play ...` process on the
same save as everyone else. Every address carries the seat's token (`/t/TOKEN/`, stable for a
save: `game.live.web_token`); a request without it is refused, so a team can open its own
seat's server and no other. The arguments are those of `play`, checked here first, so a wrong
save or seat is one line on this terminal instead of a dead page in the browser. `--every-seat`
serves the white cell, each human seat and the projector on ports of their own, all from this
one process (the server itself is `exercise.web.server`).
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from exercise.cli.play_cmd import open_for_play
from exercise.core.seats import FACILITATOR, PROJECTOR, WHITE_NAMES
from exercise.errors import ExerciseError
from exercise.store.paths import save_address, save_argument
from exercise.web.address import (
    PUBLIC_URL_ADVICE,
    PublicUrl,
    needs_public_url,
    parse_public_url,
    printed_base,
    token_path,
)

HOT_SEAT, REPLAY = "@hot-seat", "@replay"  # the token names of a hot-seat and of a replay server


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the terminal UI to web browsers (one process per tab)",
        description="Serve `exercise play` to web browsers: every tab that opens a seat's address "
        "plays in its own process, on the same save. Each address carries the seat's "
        "token; a request without it gets 403. Needs the web extra: pip install '.[web]'.",
    )
    p.add_argument("save", nargs="?", metavar="SAVE.db", help="a saved game to open (default: the home screen)")
    p.add_argument(
        "--as",
        dest="seat",
        metavar="DELEGATION",
        help="every tab plays this human seat ('white': the facilitator's console; "
        "'projector': the projector's screen)",
    )
    p.add_argument("--replay", action="store_true", help="open the save read-only, to replay it")
    p.add_argument("--saves", default="saves", metavar="DIR", help="where new games are saved (default: saves/)")
    p.add_argument(
        "--host",
        default="localhost",
        help="address to listen on (default: localhost, this machine only; 0.0.0.0: the whole network)",
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="how other laptops reach this machine, e.g. http://trainer-laptop: used in the printed "
        "addresses and in the page's script and websocket addresses",
    )
    p.add_argument(
        "--every-seat",
        action="store_true",
        help="serve the white cell on --port, each human seat on the ports after it and the projector "
        "last, and print the address of each (one command for a whole classroom)",
    )
    p.add_argument(
        "--projector",
        action="store_true",
        help="serve the projector's screen (public information only, in a larger font)",
    )
    p.add_argument(
        "--max-per-address",
        type=int,
        default=4,
        metavar="N",
        help="at most N tabs open at once from one client address, per seat (default 4)",
    )
    p.add_argument(
        "--max-tabs",
        type=int,
        default=12,
        metavar="N",
        help="at most N tabs open at once on one seat's server (default 12)",
    )
    p.set_defaults(func=run)


def play_argv(args: argparse.Namespace) -> list[str]:
    """The `exercise play` command line each browser tab runs."""
    words = [sys.executable, "-m", "exercise", "play"]
    if args.save:
        words.append(save_argument(save_address(args.save)))
    if args.seat:
        words += ["--as", args.seat]
    if args.replay:
        words.append("--replay")
    words += ["--saves", str(Path(args.saves).resolve())]
    return words


def token_name(seat: str | None, replay: bool) -> str:
    """Whose token a server asks for: the seat's, the white cell's, the projector's..."""
    if replay:
        return REPLAY
    if seat is None:
        return HOT_SEAT
    return FACILITATOR if seat in WHITE_NAMES else seat


def label(seat: str | None, replay: bool, names: dict[str, str]) -> str:
    if replay:
        return "replay (read-only)"
    if seat is None:
        return "every human seat, at one keyboard"
    if seat in WHITE_NAMES:
        return "the white cell"
    if seat == PROJECTOR:
        return "the projector (public information only)"
    return f"{names.get(seat, seat)} [{seat}]"


def web_tokens(save: str, names: list[str]) -> dict[str, str]:
    """Each name's token, from the save's secret (made on first use, so the save is opened for
    writing unless it has one already)."""
    from exercise.errors import SaveError
    from exercise.store import Game

    try:
        with Game.open(save, read_only=True) as game:
            return {name: game.live.web_token(name) for name in names}
    except SaveError:
        with Game.open(save) as game:
            return {name: game.live.web_token(name) for name in names}


def check_seat(args: argparse.Namespace) -> dict[str, str]:
    """Open the save as `play` would (one line, exit 2, if that fails); the delegations' names."""
    seat = None if args.seat == PROJECTOR else args.seat
    game = open_for_play(args.save, seat, bool(args.replay))
    if game is None:
        return {}
    try:
        return {d.id: d.name for d in game.scenario.delegations}
    finally:
        game.close()  # checked; each tab opens the save itself


def check_options(args: argparse.Namespace) -> PublicUrl | None:
    if not 0 < args.port < 65536:
        raise ExerciseError(f"--port {args.port}: must be between 1 and 65535")
    if args.max_per_address < 1 or args.max_tabs < 1:
        raise ExerciseError("--max-per-address and --max-tabs: at least 1")
    if args.projector:
        if args.seat or args.replay or not args.save:
            raise ExerciseError("--projector needs a SAVE, and neither --as nor --replay")
        if not args.every_seat:
            args.seat = PROJECTOR
    if args.seat == PROJECTOR and (args.replay or not args.save):
        raise ExerciseError("--as projector needs a SAVE to show, and no --replay")
    return parse_public_url(args.public_url) if args.public_url else None


def run(args: argparse.Namespace) -> int:
    public = check_options(args)
    try:
        from exercise.web.server import SeatServer, serve_all  # noqa: F401
    except ImportError:
        raise ExerciseError("exercise serve needs textual-serve: pip install '.[web]'") from None
    if args.every_seat:
        if not args.save or args.seat or args.replay:
            raise ExerciseError("--every-seat needs a SAVE to play, and neither --as nor --replay")
        game = open_for_play(args.save, None, False)
        try:
            seats: list[str | None] = [
                "white",
                *game.human_seats(),
                *(r.seat for r in game.evaluation.roles()),
                PROJECTOR,
            ]
            names = {d.id: d.name for d in game.scenario.delegations}
        finally:
            game.close()
        if args.port + len(seats) - 1 > 65535:
            raise ExerciseError(f"--port {args.port}: {len(seats)} ports are needed from there")
        done = "Ctrl+C stops every server."
    else:
        names, seats, done = check_seat(args), [args.seat], "Ctrl+C stops the server."
    replay = bool(args.replay)
    if args.save:
        tokens = web_tokens(args.save, [token_name(seat, replay) for seat in seats])
    else:
        tokens = {token_name(None, False): secrets.token_hex(12)}  # the home screen: new at each start
    servers, lines = [], []
    for offset, seat in enumerate(seats):
        token = tokens[token_name(seat, replay)]
        seat_args = argparse.Namespace(**{**vars(args), "seat": seat})
        servers.append(
            seat_server(seat_args, token, args.port + offset, public.base(args.port, offset) if public else None)
        )
        what = label(seat, replay, names) if args.save else "the home screen"
        lines.append(f"  {printed_base(public, args.host, args.port, offset)}{token_path(token)}   {what}")

    def ready() -> None:
        for line in lines:
            print(line, flush=True)
        if needs_public_url(public, args.host):
            print(PUBLIC_URL_ADVICE, flush=True)
        print(done, flush=True)

    try:
        serve_all(servers, on_ready=ready)
    except OSError as exc:  # the port is taken, or the address is not this machine's
        port = getattr(exc, "port", args.port)
        raise ExerciseError(f"--host {args.host} --port {port}: cannot listen ({exc.strerror or exc})") from None
    return 0


def seat_server(args: argparse.Namespace, token: str, port: int, public_base: str | None):
    """The server of one seat (args.seat; None: every human seat at one keyboard, or the home
    screen without a save), on `port`."""
    from exercise.web.page import DEFAULT_FONT_SIZE, PROJECTOR_FONT_SIZE
    from exercise.web.server import SeatServer

    who = f" as {args.seat}" if args.seat else ""
    title = f"exercise: {save_address(args.save).name}{who}" if args.save else "exercise"
    return SeatServer(
        play_argv(args),
        token=token,
        host=args.host,
        port=port,
        title=title,
        public_base=public_base,
        font_size=PROJECTOR_FONT_SIZE if args.seat == PROJECTOR else DEFAULT_FONT_SIZE,
        max_per_address=args.max_per_address,
        max_tabs=args.max_tabs,
    )
