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
    6  lean saves: events packed per turn (event_packs replaces events), orders packed per turn
       (order_packs replaces orders), snapshots whole every KEYFRAME_EVERY turns and deltas
       between. `_lean_layout` rewrites the rows; every state hash and event stays the same.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

import orjson
from sqlalchemy import text, update
from sqlalchemy.orm import Session

from exercise.errors import SaveError
from exercise.store import snapshots
from exercise.store.bulk import bulk_insert
from exercise.store.codec import pack_orders
from exercise.store.database import make_engine, set_file_identity, translated, writer
from exercise.store.eventlog import pack_events
from exercise.store.schema import (
    GAME_ID,
    SCHEMA_VERSION,
    Base,
    EventPackRow,
    GameRow,
    OrderPackRow,
    TalkOpeningRow,
    TalkRow,
    table_of,
)

# from-version -> the step that rewrites a save of that version into the next one.
UPGRADES: dict[int, Callable[[Session], None]] = {
    1: lambda session: None,  # version 2 only adds tables
    2: lambda session: _add_rules_version(session),  # and create_all adds the evaluation tables
    3: lambda session: None,  # placeholder for the event-log step of version 4 (merged separately)
    4: lambda session: _add_talk_tables(session),
    5: lambda session: _lean_layout(session),
}


def _lean_layout(session: Session) -> None:
    """Version 6: the schema-5 events and orders rows packed per turn, the snapshots rewritten
    as keyframes and deltas. Every stored value stays as it was, so hashes and events do too."""
    connection = session.connection()
    tables = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    Base.metadata.create_all(connection, tables=[table_of(EventPackRow), table_of(OrderPackRow)])
    if "events" in tables:
        rows = connection.exec_driver_sql("SELECT seq, turn, shape, data, audit FROM events ORDER BY seq").all()
        packs = []
        for (turn, audit), run in groupby(rows, key=lambda r: (r.turn, bool(r.audit))):
            run = list(run)
            data = pack_events([r.shape for r in run], [orjson.loads(r.data) for r in run])
            packs.append((GAME_ID, run[0].seq, turn, len(run), audit, data))
        bulk_insert(session, table_of(EventPackRow), packs)
        connection.exec_driver_sql("DROP TABLE events")
    if "orders" in tables:
        rows = connection.exec_driver_sql("SELECT turn, seat, orders, source FROM orders ORDER BY turn, seat").all()
        given = [
            (GAME_ID, turn, pack_orders((r.seat, r.orders, r.source) for r in run))
            for turn, run in groupby(rows, key=lambda r: r.turn)
        ]
        bulk_insert(session, table_of(OrderPackRow), given)
        connection.exec_driver_sql("DROP TABLE orders")
    _snapshots_as_deltas(session)


def _snapshots_as_deltas(session: Session) -> None:
    """Each whole snapshot rewritten as snapshots.pack writes a new turn's, after checking it."""
    connection = session.connection()
    rows = connection.exec_driver_sql("SELECT turn, codec, sha256, data FROM snapshots ORDER BY turn").all()
    chain = snapshots.Chain("a snapshot")
    states: dict[int, dict] = {}
    for turn, codec, digest, data in rows:
        canonical = chain.read(turn, codec, digest, data)
        states[turn] = orjson.loads(canonical)
        before = snapshots.older_turn(turn)
        older = None if before is None else snapshots.float_maps(states[before])
        new_codec, packed = snapshots.pack(turn, canonical, states[turn], states.get(turn - 1), older)
        connection.exec_driver_sql(
            "UPDATE snapshots SET codec = ?, data = ? WHERE game_id = ? AND turn = ?",
            (new_codec, packed, GAME_ID, turn),
        )
        states.pop(turn - 2, None)


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


def _check_steps(path: Path, from_version: int) -> None:
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
