"""Where a new save goes by default: `SAVES/<scenario>-<date>-<time>.db`, always inside SAVES.

Scenario ids are checked words with dashes (core/limits.py), so they cannot hold a `/` or a
`..`; this checks again anyway, because a path outside the saves folder would be written
without a word to anyone (the command line and the terminal UI both build names here).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from exercise.errors import SaveError


def save_name_problem(name: str) -> str | None:
    """Why `name` cannot be one file name inside a folder, or None."""
    if not name or name in (".", "..") or name.startswith("."):
        return f"{name!r} is not a plain file name"
    if any(sep and sep in name for sep in ("/", "\\", os.sep, os.altsep)) or "\x00" in name:
        return f"{name!r} holds a path separator"
    if len(name.encode("utf-8")) > 255:
        return f"{name[:40]!r}… is longer than a file name may be"
    return None


def new_save_path(saves_dir: Path | str, scenario_id: str, tag: str = "") -> Path:
    """A fresh `saves_dir/<scenario_id>[-tag]-<date>-<time>[-n].db` that does not exist yet;
    SaveError if the name would leave `saves_dir`."""
    saves_dir = Path(saves_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    stem = "-".join(part for part in (scenario_id, tag, stamp) if part)
    n = 1
    while True:
        name = f"{stem}.db" if n == 1 else f"{stem}-{n}.db"
        problem = save_name_problem(name)
        if problem:
            raise SaveError(f"scenario id {scenario_id!r}: cannot name a save after it ({problem})")
        path = saves_dir / name
        if path.resolve().parent != saves_dir.resolve():
            raise SaveError(f"scenario id {scenario_id!r}: a save named after it would leave {saves_dir}")
        if not path.exists():  # two games created in the same second get -2, -3, ...
            return path
        n += 1


# --- where a save lives: a file, or a game on a PostgreSQL server --------------------------
# The one place that decides "file or server": every command hands its save argument (a
# path, or a server game written `URL#GAME`, which is what `--db URL --game NAME` becomes on
# the command line) to `save_address`, and Game.open / Game.create take what it returns.

SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
# A game's name is its PostgreSQL schema's, after this prefix (dashes as underscores): the
# prefix keeps a game clear of `public` and of another application's schemas in the database.
GAME_SCHEMA_PREFIX = "exercise_"
GAME_NAME_MAX = 40


def game_name_problem(name: str) -> str | None:
    """Why `name` cannot name a game on a server, or None: lowercase letters and digits in words
    joined by single dashes, so that each name maps to one schema and back."""
    words = name.split("-")
    if (
        not name
        or len(name) > GAME_NAME_MAX
        or not all(w and w.isascii() and w.isalnum() and w == w.lower() for w in words)
    ):
        return (
            f"{name[:GAME_NAME_MAX]!r} is not a game name (lowercase letters and digits in words joined by "
            f"dashes, at most {GAME_NAME_MAX} characters, e.g. class-7)"
        )
    return None


class ServerGame:
    """One game in a PostgreSQL database. Shown (str) as `URL#GAME` with any password left out;
    `argument()` is the full text, for a child process's command line. Answers the few Path
    questions messages ask of a save (`name`, `resolve()`), so a message names either the same way."""

    __slots__ = ("game", "url")

    def __init__(self, url: str, game: str):
        self.url = url
        self.game = game

    @property
    def name(self) -> str:
        return self.game

    @property
    def schema(self) -> str:
        return GAME_SCHEMA_PREFIX + self.game.replace("-", "_")

    def resolve(self) -> ServerGame:
        return self

    def database(self) -> str:
        """The server and database, without the password: `postgresql://USER@HOST:PORT/DB`."""
        scheme, rest = self.url.split("://", 1)
        at = rest.rfind("@", 0, rest.find("/") if "/" in rest else len(rest))
        if at >= 0 and ":" in rest[:at]:
            rest = rest[: rest.index(":")] + rest[at:]
        return f"{scheme}://{rest}"

    def argument(self) -> str:
        return f"{self.url}#{self.game}"

    def __str__(self) -> str:  # a whole database (`saves --db URL`) has no game to name
        return f"{self.database()}#{self.game}" if self.game else self.database()

    def __repr__(self) -> str:
        return f"ServerGame({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerGame) and (self.url, self.game) == (other.url, other.game)

    def __hash__(self) -> int:
        return hash((self.url, self.game))

    def other(self, game: str) -> ServerGame:
        """Another game in the same database."""
        return server_game(self.url, game)


SaveAddress = Path | ServerGame


def is_server_url(text: object) -> bool:
    return isinstance(text, str) and text.lower().startswith(SERVER_SCHEMES)


def place_shown(where: object) -> str:
    """A folder, or a database URL with any password left out, for a message."""
    return ServerGame(str(where).partition("#")[0], "").database() if is_server_url(where) else str(where)


def server_game(url: str, game: str | None) -> ServerGame:
    if not game:
        raise SaveError(f"{ServerGame(url, '').database()}: name the game in it (--game NAME)")
    problem = game_name_problem(game)
    if problem:
        raise SaveError(f"--game: {problem}")
    return ServerGame(url, game)


def save_address(save: str | Path | ServerGame, game: str | None = None) -> SaveAddress:
    """A save argument as given (a path, or `URL#GAME`; `game` names it when the URL does not)."""
    if isinstance(save, ServerGame):
        return save
    if is_server_url(save):
        url, _, fragment = str(save).partition("#")
        return server_game(url, fragment or game)
    return Path(save)


def save_argument(address: SaveAddress) -> str:
    """The save as a command-line argument for a child process (a file: its absolute path)."""
    return address.argument() if isinstance(address, ServerGame) else str(Path(address).resolve())


def missing_file(address: SaveAddress) -> bool:
    """A save file that is not there (a server game's presence is checked when it is opened)."""
    return isinstance(address, Path) and not address.exists()


def beside(address: SaveAddress, suffix: str) -> Path:
    """A file named after the save: beside a save file, or in the working folder for a server game."""
    return Path(address.game + suffix) if isinstance(address, ServerGame) else address.with_suffix(suffix)
