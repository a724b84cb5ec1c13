"""`exercise serve [SAVE] [--as SEAT] [--every-seat] [--projector] [--public-url URL]`: the
terminal UI in web browsers.

Each browser tab that opens a seat's address gets its own `exercise play ...` process on the
same save as everyone else. Every address carries the seat's token (`/t/TOKEN/`, stable for a
save: `game.live.web_token`); a request without it is refused, so a team can open its own
seat's server and no other. The arguments are those of `play`, checked here first, so a wrong
save or seat is one line on this terminal instead of a dead page in the browser. The server
itself is `exercise.web.server`.
"""

from __future__ import annotations

import argparse
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from exercise.cli.play_cmd import WHITE_NAMES, open_for_play
from exercise.core.orders import FACILITATOR
from exercise.errors import ExerciseError
from exercise.web.address import (PUBLIC_URL_ADVICE, PublicUrl, needs_public_url, parse_public_url,
                                  printed_base, token_path)

PROJECTOR = "projector"
HOT_SEAT, REPLAY = "@hot-seat", "@replay"  # the token names of a hot-seat and of a replay server
START_SECONDS = 20.0  # how long --every-seat waits for each seat's server to listen


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the terminal UI to web browsers (one process per tab)",
                       description="Serve `exercise play` to web browsers: every tab that opens a seat's address "
                                   "plays in its own process, on the same save. Each address carries the seat's "
                                   "token; a request without it gets 403. Needs the web extra: pip install '.[web]'.")
    p.add_argument("save", nargs="?", metavar="SAVE.db", help="a saved game to open (default: the home screen)")
    p.add_argument("--as", dest="seat", metavar="DELEGATION",
                   help="every tab plays this human seat ('white': the facilitator's console; "
                        "'projector': the projector's screen)")
    p.add_argument("--replay", action="store_true", help="open the save read-only, to replay it")
    p.add_argument("--saves", default="saves", metavar="DIR", help="where new games are saved (default: saves/)")
    p.add_argument("--host", default="localhost",
                   help="address to listen on (default: localhost, this machine only; 0.0.0.0: the whole network)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--public-url", metavar="URL",
                   help="how other laptops reach this machine, e.g. http://trainer-laptop: used in the printed "
                        "addresses and in the page's script and websocket addresses")
    p.add_argument("--every-seat", action="store_true",
                   help="serve the white cell on --port, each human seat on the ports after it and the projector "
                        "last, and print the address of each (one command for a whole classroom)")
    p.add_argument("--projector", action="store_true",
                   help="serve the projector's screen (public information only, in a larger font)")
    p.add_argument("--max-per-address", type=int, default=4, metavar="N",
                   help="at most N tabs open at once from one client address, per seat (default 4)")
    p.add_argument("--max-tabs", type=int, default=12, metavar="N",
                   help="at most N tabs open at once on one seat's server (default 12)")
    p.set_defaults(func=run)


def play_argv(args: argparse.Namespace) -> list[str]:
    """The `exercise play` command line each browser tab runs."""
    words = [sys.executable, "-m", "exercise", "play"]
    if args.save:
        words.append(str(Path(args.save).resolve()))
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
    from exercise.store import Game
    from exercise.errors import SaveError

    try:
        with Game.open(Path(save), read_only=True) as game:
            return {name: game.live.web_token(name) for name in names}
    except SaveError:
        with Game.open(Path(save)) as game:
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
        from exercise.web.server import SeatServer
    except ImportError:
        raise ExerciseError("exercise serve needs textual-serve: pip install '.[web]'") from None
    if args.every_seat:
        return serve_every_seat(args, public)
    names = check_seat(args)
    name = token_name(args.seat, bool(args.replay))
    token = web_tokens(args.save, [name])[name] if args.save else secrets.token_hex(12)
    address = printed_base(public, args.host, args.port) + token_path(token)
    what = label(args.seat, bool(args.replay), names) if args.save else "the home screen"

    def ready() -> None:
        print(f"  {address}   {what}", flush=True)
        if needs_public_url(public, args.host):
            print(PUBLIC_URL_ADVICE, flush=True)
        print("Ctrl+C stops the server.", flush=True)

    who = f" as {args.seat}" if args.seat else ""
    title = f"exercise: {Path(args.save).name}{who}" if args.save else "exercise"
    from exercise.web.page import DEFAULT_FONT_SIZE, PROJECTOR_FONT_SIZE

    server = SeatServer(play_argv(args), token=token, host=args.host, port=args.port, title=title,
                        public_base=public.base(args.port) if public else None,
                        font_size=PROJECTOR_FONT_SIZE if args.seat == PROJECTOR else DEFAULT_FONT_SIZE,
                        max_per_address=args.max_per_address, max_tabs=args.max_tabs, on_ready=ready)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise ExerciseError(f"--host {args.host} --port {args.port}: cannot listen ({exc.strerror or exc})") from None
    return 0


def serve_every_seat(args: argparse.Namespace, public: PublicUrl | None) -> int:
    """One server per seat (the white cell first, the projector last), each a child `exercise
    serve` process, until Ctrl+C stops them all. Each seat gets its own address and token, so no
    team can open another's seat."""
    if not args.save or args.seat or args.replay:
        raise ExerciseError("--every-seat needs a SAVE to play, and neither --as nor --replay")
    game = open_for_play(args.save, None, False)
    try:
        seats = ["white", *game.human_seats(), PROJECTOR]
        names = {d.id: d.name for d in game.scenario.delegations}
    finally:
        game.close()
    if args.port + len(seats) - 1 > 65535:
        raise ExerciseError(f"--port {args.port}: {len(seats)} ports are needed from there")
    for offset, seat in enumerate(seats):
        port_is_free(args.host, args.port + offset, label(seat, False, names))
    tokens = web_tokens(args.save, [token_name(seat, False) for seat in seats])
    children: list[tuple[subprocess.Popen, int, object]] = []
    try:
        for offset, seat in enumerate(seats):
            port = args.port + offset
            words = [sys.executable, "-m", "exercise", "serve", str(args.save), "--as", seat, "--host", args.host,
                     "--port", str(port), "--saves", args.saves, "--max-per-address", str(args.max_per_address),
                     "--max-tabs", str(args.max_tabs)]
            if public is not None:
                words += ["--public-url", public.base(args.port, offset)]
            errors = tempfile.TemporaryFile("w+")
            children.append((subprocess.Popen(words, stdout=subprocess.DEVNULL, stderr=errors), port, errors))
        for (child, port, errors), seat in zip(children, seats):
            wait_until_listening(child, args.host, port, errors)
            address = printed_base(public, args.host, args.port, seats.index(seat))
            print(f"  {address}{token_path(tokens[token_name(seat, False)])}   {label(seat, False, names)}",
                  flush=True)
        if needs_public_url(public, args.host):
            print(PUBLIC_URL_ADVICE, flush=True)
        print("Ctrl+C stops every server.", flush=True)
        while all(child.poll() is None for child, _, _ in children):
            time.sleep(0.5)
        child, port, errors = next(c for c in children if c[0].poll() is not None)
        raise ExerciseError(f"the server on port {port} stopped (exit {child.returncode}){last_line(errors)}")
    finally:
        for child, _, _ in children:
            if child.poll() is None:
                child.terminate()
        for child, _, errors in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
            errors.close()


def port_is_free(host: str, port: int, what: str) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise ExerciseError(f"--host {host} --port {port}: cannot listen for {what} "
                                f"({exc.strerror or exc}); choose another --port") from None


def wait_until_listening(child: subprocess.Popen, host: str, port: int, errors) -> None:
    target = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise ExerciseError(f"the server on port {port} did not start (exit {child.returncode}){last_line(errors)}")
        try:
            with socket.create_connection((target, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ExerciseError(f"the server on port {port} did not listen within {START_SECONDS:.0f} s")


def last_line(errors) -> str:
    errors.seek(0)
    lines = [line.strip() for line in errors.read().splitlines() if line.strip()]
    return f": {lines[-1]}" if lines else ""
