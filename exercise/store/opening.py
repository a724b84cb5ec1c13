"""Opening a save's file for a Game: the checked connection, and its scenario read once per
process (the terminal UI opens the same save again and again: white cell, seats, replay)."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from sqlalchemy import Engine, Row, exc, text
from sqlalchemy.orm import Session

from exercise.core.spec import Scenario
from exercise.errors import SaveError, ScenarioError
from exercise.scenario.loader import stored_scenario_from_data
from exercise.store import queries as q
from exercise.store import server
from exercise.store.database import _newer, check_tables, ensure_wal, make_engine, reader_mode, translated
from exercise.store.paths import SaveAddress, ServerGame
from exercise.store.schema import GAME_ID, SCHEMA_VERSION


def connect_checked(path: Path, read_only: bool) -> tuple[Engine, int, Row | None]:
    """The engine a Game will use, after checking through it that the file is a save."""
    engine = make_engine(path, "rw" if not read_only else reader_mode(path))
    try:
        with translated(path), Session(engine) as s:
            version = check_tables(path, s)
            row = q.game_row(s) if version == SCHEMA_VERSION else None
        if not read_only:
            with translated(path):
                ensure_wal(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine, version, row


def connect_server(address: ServerGame, read_only: bool) -> tuple[Engine, int, Row | None, int]:
    """The engine a Game on a server will use, its schema version, game row and identity,
    after checking that the game is there: one line for each way it is not."""
    engine = server.make_engine(address, read_only=read_only)
    try:
        with translated(address), Session(engine) as s:
            identity = server.schema_identity(s, address.schema)
            if identity is None:
                names = ", ".join(server.game_names(s)) or "none yet"
                raise SaveError(
                    f"{address}: no such game in {address.database()} (games there: {names}; "
                    "`exercise saves --db URL` lists them)"
                )
            try:
                row = q.game_row(s)  # every column a release may read: a newer one has more
            except exc.ProgrammingError:
                s.rollback()
                row = None
            if row is None:  # an older game's columns may differ: its version alone
                try:
                    version = s.connection().scalar(
                        text("SELECT schema_version FROM game WHERE id = :id"), {"id": GAME_ID}
                    )
                except exc.ProgrammingError:
                    raise SaveError(f"{address}: is not a complete game (it has no game table)") from None
            else:
                version = row.schema_version
            if version is None:
                raise SaveError(f"{address}: is not a complete game (its game table is empty)")
            if version > SCHEMA_VERSION:
                raise _newer(address, version)
            return engine, version, row if version == SCHEMA_VERSION else None, identity
    except BaseException:
        engine.dispose()
        raise


def stored_scenario(text: str, path) -> Scenario:
    """The scenario from its stored JSON (the TOML text as parsed), checked as a file would be."""
    try:
        return _parsed_scenario(text, path.name)
    except ScenarioError as e:
        raise SaveError(f"{path}: its scenario no longer reads: {e.problems[0]}") from None
    except (ValueError, RecursionError):  # RecursionError: JSON nested past the parser's limit
        raise SaveError(f"{path}: its scenario is damaged (not JSON)") from None


# A process that opens the same save again and again (the terminal UI: white cell, seats,
# replay) parses its scenario once; scenarios are immutable. A failure is not remembered.
@functools.lru_cache(maxsize=8)
def _parsed_scenario(text: str, name: str) -> Scenario:
    return stored_scenario_from_data(json.loads(text), f"{name} (its scenario)")


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_file(address: SaveAddress) -> bool:
    """A save file this user cannot write (read-only media, another user's): open it read-only."""
    return isinstance(address, Path) and address.exists() and not writable(address)
