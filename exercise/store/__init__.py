"""Saved games in SQLite: the only code that imports SQLAlchemy.

One file per game holds the scenario text, the seed, who controls each seat, and per turn the
orders, the events and a snapshot of the state with its sha256, all written in one
transaction. See docs/saves.md.

    with Game.create("saves/t.db", "scenarios/tutorial.toml", humans=["usa"]) as game:
        game.submit("usa", orders)
        game.resolve()

The names below are imported on first use (PEP 562): SQLAlchemy costs a third of a second to
import, and the records, paths and evaluation labels the terminal UI's first screen needs from
this package do not need it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from exercise.errors import AlreadyResolved, GamePaused, ReadOnlySave, SaveError

if TYPE_CHECKING:
    from exercise.store.game import Game
    from exercise.store.listing import list_saves
    from exercise.store.paths import new_save_path
    from exercise.store.records import SaveSummary, VerifyResult
    from exercise.store.schema import SCHEMA_VERSION

_LAZY = {
    "Game": "exercise.store.game",
    "list_saves": "exercise.store.listing",
    "new_save_path": "exercise.store.paths",
    "SaveSummary": "exercise.store.records",
    "VerifyResult": "exercise.store.records",
    "SCHEMA_VERSION": "exercise.store.schema",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


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
