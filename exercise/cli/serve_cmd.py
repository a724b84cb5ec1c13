"""`exercise serve [SAVE] [--as SEAT] [--port N]`: the terminal UI in a web browser.

Each browser tab that opens the address gets its own `exercise play ...` process (textual-serve
runs one per connection), so a team with a laptop and no terminal plays its seat in a browser,
through the same save as everyone else. The arguments are those of `play`, checked here first,
so a wrong save or seat is one line on this terminal instead of a dead page in the browser.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import time
from pathlib import Path

from exercise.cli.play_cmd import open_for_play
from exercise.errors import ExerciseError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the terminal UI to web browsers (one process per tab)",
                       description="Serve `exercise play` to web browsers: every tab that opens the address "
                                   "plays in its own process, on the same save. Needs the web extra: "
                                   "pip install '.[web]'.")
    p.add_argument("save", nargs="?", metavar="SAVE.db", help="a saved game to open (default: the home screen)")
    p.add_argument("--as", dest="seat", metavar="DELEGATION",
                   help="every tab plays this human seat (or 'white' for the facilitator's console)")
    p.add_argument("--replay", action="store_true", help="open the save read-only, to replay it")
    p.add_argument("--saves", default="saves", metavar="DIR", help="where new games are saved (default: saves/)")
    p.add_argument("--host", default="localhost",
                   help="address to listen on (default: localhost, this machine only; 0.0.0.0: the whole network)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--every-seat", action="store_true",
                   help="serve the white cell on --port and each human seat on the ports after it, and print "
                        "the address of each (one command for a whole classroom)")
    p.set_defaults(func=run)


def play_command(args: argparse.Namespace) -> str:
    """The `exercise play` command line each browser tab runs."""
    words = [sys.executable, "-m", "exercise", "play"]
    if args.save:
        words.append(str(Path(args.save).resolve()))
    if args.seat:
        words += ["--as", args.seat]
    if args.replay:
        words.append("--replay")
    words += ["--saves", str(Path(args.saves).resolve())]
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise ExerciseError(f"--port {args.port}: must be between 1 and 65535")
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ExerciseError("exercise serve needs textual-serve: pip install '.[web]'") from None
    if args.every_seat:
        return serve_every_seat(args)
    game = open_for_play(args.save, args.seat, bool(args.replay))
    if game is not None:
        game.close()  # checked; each tab opens the save itself
    who = f" as {args.seat}" if args.seat else ""
    title = f"exercise: {Path(args.save).name}{who}" if args.save else "exercise"
    server = Server(play_command(args), host=args.host, port=args.port, title=title)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise ExerciseError(f"--host {args.host} --port {args.port}: cannot listen ({exc.strerror or exc})") from None
    return 0


def serve_every_seat(args: argparse.Namespace) -> int:
    """One server per seat (the white cell first), each a child `exercise serve` process, until
    Ctrl+C stops them all. Each seat gets its own address, so no team can open another's seat."""
    if not args.save or args.seat or args.replay:
        raise ExerciseError("--every-seat needs a SAVE to play, and neither --as nor --replay")
    game = open_for_play(args.save, None, False)
    try:
        seats = ["white", *game.human_seats()]
        names = {d.id: d.name for d in game.scenario.delegations}
    finally:
        game.close()
    if args.port + len(seats) - 1 > 65535:
        raise ExerciseError(f"--port {args.port}: {len(seats)} ports are needed from there")
    shown = "THIS-MACHINE" if args.host in ("0.0.0.0", "::") else args.host
    children = []
    try:
        for offset, seat in enumerate(seats):
            port = args.port + offset
            children.append(subprocess.Popen(
                [sys.executable, "-m", "exercise", "serve", str(args.save), "--as", seat, "--host", args.host,
                 "--port", str(port), "--saves", args.saves], stdout=subprocess.DEVNULL))
            label = "the white cell" if seat == "white" else f"{names.get(seat, seat)} [{seat}]"
            print(f"  http://{shown}:{port}   {label}", flush=True)
        print("Ctrl+C stops every server.", flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        failed = next(child for child in children if child.poll() is not None)
        raise ExerciseError(f"a server stopped (exit {failed.returncode}): see the line above")
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
