"""Finding the saves in a directory."""

from __future__ import annotations

from pathlib import Path

from exercise.errors import SaveError
from exercise.store.game import Game
from exercise.store.records import SaveSummary

DEFAULT_DIR = Path("saves")
SUFFIXES = (".db", ".sqlite", ".sqlite3")


def save_files(directory) -> list[Path]:
    """The files of `directory` that may be saves (by suffix), sorted by name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SaveError(f"{directory}: no such directory")
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def list_saves(directory=DEFAULT_DIR, *, problems: list[str] | None = None, scores: bool = False) -> list[SaveSummary]:
    """Summaries of the saves in `directory`, most recently played first. Files that are not
    saves are skipped; each gets one line in `problems` when a list is given. `scores`: with
    the human seats' scores (each save's state is read: slower)."""
    found = []
    for path in save_files(directory):
        try:
            with Game.open(path, read_only=True) as game:
                found.append(game.summary(scores=scores))
        except SaveError as e:
            if problems is not None:
                problems.append(str(e))
    found.sort(key=lambda s: (s.last_played_at, s.path.name), reverse=True)
    return found
