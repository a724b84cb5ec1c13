"""The one place where saves written by older releases are brought up to SCHEMA_VERSION.

Each step takes a save from version v to v + 1 inside the open transaction; `upgrade_in_place`
runs the steps in order and records the new version in the same transaction, after copying the
file aside (`NAME.db.schema-v.bak`), so an upgrade never loses a save. A read-only open of an
older save upgrades a private temporary copy and leaves the file itself untouched.

Version history:
    1  the first release: game, seats, pending_orders, orders, events, snapshots, turns.
    2  live sessions: seat_codes, leases, drafts, session (round clock, web secret). New
       tables only, created by the step's create_all; a session row is made when first needed.
    3  evaluation and the rules version: roles (evaluator and observer seats), rubric_scores,
       notes, improvement_plan, evaluation_release (new tables), and game.rules_version: the
       rules the save was made under (engine/rules.py); older saves were made under rules 1.
    4  (the compact event log: its own step, `_compact_events`, by the event-storage work)
    5  negotiation: talk (each turn's lines, in order) and talk_openings (turns whose scripted
       talk phase has run). New tables only; older turns simply had no talk.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text, update
from sqlalchemy.orm import Session

from exercise.errors import SaveError
from exercise.store import server
from exercise.store.database import make_engine, set_file_identity, translated, writer
from exercise.store.paths import ServerGame
from exercise.store.schema import GAME_ID, SCHEMA_VERSION, Base, GameRow, TalkOpeningRow, TalkRow, table_of

# from-version -> the step that rewrites a save of that version into the next one.
UPGRADES: dict[int, Callable[[Session], None]] = {
    1: lambda session: None,  # version 2 only adds tables
    2: lambda session: _add_rules_version(session),  # and create_all adds the evaluation tables
    3: lambda session: None,  # placeholder for the event-log step of version 4 (merged separately)
    4: lambda session: _add_talk_tables(session),
}


def _add_talk_tables(session: Session) -> None:
    """Version 5: the talk tables. Turns already played had no talk, so there is nothing to fill."""
    Base.metadata.create_all(session.connection(), tables=[table_of(TalkRow), table_of(TalkOpeningRow)])


def _add_rules_version(session: Session) -> None:
    columns = {row[1] for row in session.execute(text("PRAGMA table_info(game)"))}
    if "rules_version" not in columns:
        session.execute(text("ALTER TABLE game ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 1"))


def _copy(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (includes anything still in the WAL)."""
    # query-only rather than read-only when possible: its close removes the -wal/-shm files
    engine = make_engine(source, "query" if os.access(source, os.W_OK) and os.access(source.parent, os.W_OK) else "ro")
    try:
        with translated(source), engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None  # a live pool connection holds its driver's
            dest = sqlite3.connect(str(target))
            try:
                raw.backup(dest)
            finally:
                dest.close()
    finally:
        engine.dispose()


def _check_steps(path: Path | ServerGame, from_version: int) -> None:
    missing = [v for v in range(from_version, SCHEMA_VERSION) if v not in UPGRADES]
    if missing:
        raise SaveError(
            f"{path}: save schema {from_version} cannot be upgraded (no step from "
            f"version {missing[0]}); open it with the release that wrote it"
        )


def _run_steps(path: Path, from_version: int) -> None:
    engine = make_engine(path, "rw")
    try:
        with translated(path), Session(writer(engine)) as session, session.begin():
            for version in range(from_version, SCHEMA_VERSION):
                UPGRADES[version](session)
            Base.metadata.create_all(session.connection())  # tables new in later versions
            session.execute(update(GameRow).where(GameRow.id == GAME_ID).values(schema_version=SCHEMA_VERSION))
            set_file_identity(session, SCHEMA_VERSION)
    finally:
        engine.dispose()


def upgrade_in_place(path: Path, from_version: int) -> Path:
    """Upgrade the save at `path`; return where the untouched original was copied."""
    _check_steps(path, from_version)
    backup = path.with_name(f"{path.name}.schema-{from_version}.bak")
    _copy(path, backup)
    _run_steps(path, from_version)
    return backup


def upgraded_copy(path: Path, from_version: int) -> tuple[Path, tempfile.TemporaryDirectory]:
    """A temporary upgraded copy of the save, for read-only opening."""
    _check_steps(path, from_version)
    tmp = tempfile.TemporaryDirectory(prefix="exercise-save-")
    copy = Path(tmp.name) / path.name
    _copy(path, copy)
    _run_steps(copy, from_version)
    return copy, tmp


def upgrade_server_game(address: ServerGame, from_version: int) -> None:
    """Upgrade a game on a server in one transaction, under the game's write lock: DDL is
    transactional there, so the game is upgraded whole or not at all (no backup copy needed)."""
    _check_steps(address, from_version)
    engine = server.make_engine(address)
    try:
        with translated(address), Session(server.writer(engine)) as session, session.begin():
            version = session.scalar(text("SELECT schema_version FROM game WHERE id = :id"), {"id": GAME_ID})
            for step in range(version, SCHEMA_VERSION):  # another host may have upgraded it meanwhile
                UPGRADES[step](session)
            Base.metadata.create_all(session.connection())
            session.execute(update(GameRow).where(GameRow.id == GAME_ID).values(schema_version=SCHEMA_VERSION))
    finally:
        engine.dispose()
