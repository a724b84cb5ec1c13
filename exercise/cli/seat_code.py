"""Who is speaking: a seat's join code (or the white cell's) before a command acts for a seat.

A save made without codes is open to whoever holds it. With codes, `--code` gives one; without
it, a terminal is asked (the code is not echoed), and a script without a terminal is told how
to give it. A wrong code is one line and exit 2, and nothing is written.
"""

from __future__ import annotations

import getpass
import os
import sys

from exercise.core.seats import FACILITATOR
from exercise.errors import SaveError

CODE_ENV = "EXERCISE_CODE"  # for scripts: the code without putting it on the command line


def who(seat: str) -> str:
    return "the white cell" if seat == FACILITATOR else seat


def ask_code(seat: str) -> str | None:
    """The code from a terminal, or None where there is no terminal to ask."""
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(f"{who(seat)}'s code: ")
    except (EOFError, KeyboardInterrupt):
        return None


def require_code(game, seat: str, code: str | None, *, ask: bool = True) -> None:
    """Return if `code` (or $EXERCISE_CODE, or one typed at the terminal) opens `seat` in
    `game`; SaveError in one line otherwise. A save without codes needs none."""
    if not game.live.has_codes():
        return
    code = code if code is not None else os.environ.get(CODE_ENV)
    if code is None and ask:
        code = ask_code(seat)
    if not code:
        raise SaveError(
            f"{game.path}: {who(seat)}'s code is needed: --code CODE "
            f"(or ${CODE_ENV}; the white cell's code opens every seat)"
        )
    if not game.live.unlocks(seat, code):
        raise SaveError(f"{game.path}: that is not {who(seat)}'s code (nothing was changed)")


def add_code_argument(parser) -> None:
    parser.add_argument(
        "--code",
        metavar="CODE",
        default=None,
        help=f"the seat's join code, or the white cell's (default: ${CODE_ENV}, else asked)",
    )


def print_codes(game, issued: dict[str, str]) -> None:
    """The codes as a trainer reads them out or writes them on cards, the white cell first."""
    names = {d.id: d.name for d in game.scenario.delegations}
    width = max((len(who(seat)) for seat in issued), default=0)
    for seat in sorted(issued, key=lambda s: (s != FACILITATOR, s)):
        label = who(seat).ljust(width)
        name = f"  ({names[seat]})" if seat in names else ""
        print(f"    {label}  {issued[seat]}{name}")
    print(
        "  Codes are shown only now: the save keeps a salted digest of each. "
        f"New ones: exercise codes {game.path} --reissue"
    )
