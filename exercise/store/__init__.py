"""Saved games in SQLite: the only code that imports SQLAlchemy.

One file per game holds the scenario text, the seed, who controls each seat, and per turn the
orders, the events and a snapshot of the state with its sha256, all written in one
transaction. See docs/saves.md.

    with Game.create("saves/t.db", "scenarios/tutorial.toml", humans=["usa"]) as game:
        game.submit("usa", orders)
        game.resolve()
"""

from exercise.errors import AlreadyResolved, GamePaused, ReadOnlySave, SaveError
from exercise.store.game import Game
from exercise.store.listing import list_saves
from exercise.store.paths import new_save_path
from exercise.store.records import SaveSummary, VerifyResult
from exercise.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "AlreadyResolved",
    "Game",
    "GamePaused",
    "ReadOnlySave",
    "SaveError",
    "SaveSummary",
    "VerifyResult",
    "list_saves",
    "new_save_path",
]
