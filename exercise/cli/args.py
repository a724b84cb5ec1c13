"""Argument types shared by the commands: checked by the same limits as scenario files."""

from __future__ import annotations

import argparse
from pathlib import Path

from exercise.core.limits import SEED_TEXT, seed_problem


def seed_arg(text: str) -> int:
    """`--seed N`: a whole number the RNG and a save's seed column both take (0..2**63-1)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (a seed is {SEED_TEXT})") from None
    problem = seed_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(f"a seed {problem}")
    return value


def turns_arg(text: str) -> int:
    """`--turns N`: 0 up to the longest game a scenario may declare (its `turns` range)."""
    from exercise.core.limits import range_of
    from exercise.core.spec import Scenario

    high = int(range_of(Scenario, "turns").high)
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= high:
        raise argparse.ArgumentTypeError(f"must be from 0 to {high:,} (a scenario's longest game), not {value}")
    return value


# --- a save on a server: `--db URL --game NAME` ---------------------------------------------
# Every command that takes a save takes a server game in its place. Rather than each command
# growing two options and a branch, the pair becomes the one argument `URL#NAME` before parsing
# (store/paths.save_address reads it, and so does any save argument given that way directly).
DB_OPTION, GAME_OPTION = "--db", "--game"
# Where each command takes its save when it is not the first word after the command's name.
SAVE_OPTION_OF = {"new": "--save"}
# Commands whose own `--game` means something of theirs (copy: the server side's game name).
OWN_GAME_OPTION = {"copy"}


def _take(argv: list[str], option: str) -> tuple[list[str], str | None]:
    """argv without `option VALUE` / `option=VALUE`, and the value (None if absent)."""
    out, value, i = [], None, 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            out += argv[i:]
            break
        if word == option and i + 1 < len(argv):
            value, i = argv[i + 1], i + 2
            continue
        if word.startswith(option + "="):
            value, i = word[len(option) + 1 :], i + 1
            continue
        out.append(word)
        i += 1
    return out, value


def server_save_argv(argv: list[str]) -> list[str]:
    """argv with `--db URL [--game NAME]` turned into the save argument `URL#NAME`, put where
    the command takes its save (the first word after the command's name, or its SAVE_OPTION_OF
    option). Unchanged without --db."""
    rest, url = _take(argv, DB_OPTION)
    if url is None:
        return argv
    command = next((w for w in rest if not w.startswith("-")), None)
    if command in OWN_GAME_OPTION:
        rest, game = rest, None
    else:
        rest, game = _take(rest, GAME_OPTION)
    if game is not None and "#" in url:
        raise argparse.ArgumentTypeError(f"{DB_OPTION} {url.split('#')[0]}#...: name the game once (--game or #NAME)")
    save = f"{url}#{game}" if game is not None else url
    if command is None:
        return [*rest, save]
    at = rest.index(command) + 1
    option = SAVE_OPTION_OF.get(command)
    return [*rest[:at], *((option, save) if option else (save,)), *rest[at:]]


def save_arg(text: str):
    """A save argument: a file, or a server game `URL#NAME` (what --db URL --game NAME becomes)."""
    from exercise.errors import SaveError
    from exercise.store.paths import save_address

    try:
        return save_address(text)
    except SaveError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def saves_place_arg(text: str):
    """Where `exercise saves` looks: a folder, or a database URL (every game in it)."""
    from exercise.store.paths import is_server_url

    return text if is_server_url(text) else Path(text)


def add_intermixed_parser(sub: argparse._SubParsersAction, name: str, **kwargs) -> argparse.ArgumentParser:
    """A subcommand whose positionals may come on either side of its options
    (`orders SAVE SEAT --code C "ORDER"`, `talk SAVE --as SEAT "LINE"`): plain argparse gives
    positionals after an option nothing, or calls them unrecognised."""
    base = sub._parser_class

    class Intermixed(base):  # type: ignore[valid-type, misc]
        _mixing = False

        def parse_known_args(self, args=None, namespace=None):
            if self._mixing:  # the intermixed parse calls this again for each half
                return super().parse_known_args(args, namespace)
            self._mixing = True
            try:
                return self.parse_known_intermixed_args(args, namespace)
            finally:
                self._mixing = False

    sub._parser_class = Intermixed
    try:
        return sub.add_parser(name, **kwargs)
    finally:
        sub._parser_class = base
