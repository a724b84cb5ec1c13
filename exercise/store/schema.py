"""The tables of a save: typed SQLAlchemy 2.0 rows, kept apart from the attrs domain classes.

One file holds one game (`game.id` is always 1), but every table still carries `game_id` so the
keys say what they mean: event packs are unique per (game, first seq), turns per (game, turn).

Rows hold text and bytes only; turning them into domain objects is `codec.py`'s job.
Bump SCHEMA_VERSION whenever a table changes, and add the step to `upgrade.py`.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, LargeBinary, MetaData, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Recorded twice: in the game table, and in the SQLite header as `PRAGMA user_version` (with
# `PRAGMA application_id` = "EXER"), so a foreign file or a newer save is refused from its
# first 100 bytes, before any connection could leave -wal/-shm files beside it.
SCHEMA_VERSION = 6
APPLICATION_ID = 0x45584552
GAME_ID = 1


class Base(DeclarativeBase):
    metadata = MetaData()


def table_of(row_class: type[Base]) -> Table:
    """A mapped class's table, for Core statements: declarative types `__table__` as any
    FromClause (a class may map a join or a select), but every class here maps one Table."""
    table = row_class.__table__
    if not isinstance(table, Table):  # pragma: no cover - only a mapping of a join would do this
        raise TypeError(f"{row_class.__name__} maps {type(table).__name__}, not a table")
    return table


class GameRow(Base):
    """The game itself: the scenario TEXT (so the save outlives its file), the seed, and the
    facts of the session that are not part of the hashed world (paused, where it came from)."""

    __tablename__ = "game"

    id: Mapped[int] = mapped_column(primary_key=True)
    schema_version: Mapped[int]
    app_version: Mapped[str]
    scenario_id: Mapped[str]
    scenario_title: Mapped[str]
    scenario_name: Mapped[str]  # the file name it was created from, for messages
    scenario_text: Mapped[str]  # the authority
    scenario_json: Mapped[str]  # the same, as parsed from TOML: opens faster than TOML
    scenario_sha256: Mapped[str]
    seed: Mapped[int]
    rules_version: Mapped[int] = mapped_column(default=1)  # engine/rules.py when it was made
    created_at: Mapped[str]  # ISO 8601, UTC
    last_played_at: Mapped[str]
    paused: Mapped[bool] = mapped_column(default=False)
    branched_from: Mapped[str | None] = mapped_column(default=None)
    branched_at_turn: Mapped[int | None] = mapped_column(default=None)


class SeatRow(Base):
    """Who controls each seat now: "human" or a strategy name. Deliberately not in GameState."""

    __tablename__ = "seats"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    seat: Mapped[str] = mapped_column(primary_key=True)
    controller: Mapped[str]


class PendingRow(Base):
    """Orders submitted for a turn not yet resolved, one row per seat ("@white" included).
    An empty `orders` text is a submitted pass."""

    __tablename__ = "pending_orders"

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    turn: Mapped[int] = mapped_column(primary_key=True)
    seat: Mapped[str] = mapped_column(primary_key=True)
    orders: Mapped[str]  # one order per line, as `str(order)` writes it
    submitted_at: Mapped[str]


class OrderPackRow(Base):
    """The orders a turn was resolved with (the input that `verify` replays), one row per turn:
    `data` is codec.pack_rows of [seat, orders (one per line), source] for every seat that gave
    any, by seat. `source` says where they came from: human, a strategy, the white cell.
    One row a turn rather than one a seat: a 200-seat turn's orders compress to a tenth."""

    __tablename__ = "order_packs"
    # A rowid table: its rows (a few KB each) sit in the table's own pages; WITHOUT ROWID
    # keeps only ~1 KB of a row in the tree and half-fills an overflow page with the rest.

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    turn: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class EventShapeRow(Base):
    """The kinds of event in the log and their field names, each recorded once: an event holds
    only its values (a JSON array in this order), which halves the log. A class that
    gains or reorders fields in a later release simply gets a new shape."""

    __tablename__ = "event_shapes"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    shape: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str]
    fields: Mapped[str]  # JSON list of field names


class EventPackRow(Base):
    """The append-only log: engine events and the white cell's audit events, numbered in the
    order the store recorded them, packed: a row holds `count` events of one turn numbered from
    `seq` on (a turn's engine events are one row; each white-cell action its own). `data` is
    codec.pack_rows of one [shape, values...] array per event (eventlog.py)."""

    __tablename__ = "event_packs"
    # A rowid table: its rows (a few KB each) sit in the table's own pages; WITHOUT ROWID
    # keeps only ~1 KB of a row in the tree and half-fills an overflow page with the rest.

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)  # the first event's number
    turn: Mapped[int]
    count: Mapped[int]
    # True for the store's audit trail (pause, hand-over, forced turn...): these are not
    # produced by resolve_turn, so `verify` leaves them out of the turn's events hash.
    audit: Mapped[bool] = mapped_column(default=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SnapshotRow(Base):
    """The canonical state after a turn (turn 0: the start), with the sha256 of its canonical
    JSON (the state hash). `codec` "zlib-json": the whole state, zlib-compressed (every
    snapshots.KEYFRAME_EVERY turns); "zlib-delta": what changed since the turn before
    (snapshots.py)."""

    __tablename__ = "snapshots"

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    turn: Mapped[int] = mapped_column(primary_key=True)
    codec: Mapped[str]
    sha256: Mapped[str]
    data: Mapped[bytes] = mapped_column(LargeBinary)


class TurnRow(Base):
    """One row per completed turn; its key makes a turn resolve exactly once. `last_seq` is
    the last event of the turn, so a turn's events are a key range of the events table."""

    __tablename__ = "turns"

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    turn: Mapped[int] = mapped_column(primary_key=True)
    state_hash: Mapped[str]
    events_hash: Mapped[str]
    last_seq: Mapped[int]
    resolved_at: Mapped[str]
    forced: Mapped[bool] = mapped_column(default=False)


class TalkRow(Base):
    """One line of a turn's talk (core/talk.py), in the order it was said: part of the turn's
    inputs, like its orders (`verify` re-resolves with it, `branch` keeps it). Lines of the turn
    being played are stored as they are posted; a resolved turn's lines never change."""

    __tablename__ = "talk"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    turn: Mapped[int] = mapped_column(primary_key=True)
    index: Mapped[int] = mapped_column(primary_key=True)  # 0, 1, ... within the turn
    seat: Mapped[str]  # who said it ("@white": the white cell, as the chair)
    text: Mapped[str]  # `talk.text()`: parse_talk reads it back
    at: Mapped[str]  # ISO 8601, UTC: when it was said (not hashed)


class TalkOpeningRow(Base):
    """A turn whose scripted talk phase has run (strategies.scripted_talk): it runs once, when
    the turn is first talked in or resolved, so humans can answer scripted offers meanwhile."""

    __tablename__ = "talk_openings"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    turn: Mapped[int] = mapped_column(primary_key=True)
    opened_at: Mapped[str]


# --- the live session: who may sit where, who sits there now, work in progress, the clock ---
# None of it is part of a turn's inputs or outputs, so none of it is hashed or replayed, and a
# branch (a new game) starts without it.


class SeatCodeRow(Base):
    """A seat's join code, as a salted scrypt digest only ("@white": the white cell's)."""

    __tablename__ = "seat_codes"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    seat: Mapped[str] = mapped_column(primary_key=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[bytes] = mapped_column(LargeBinary)
    issued_at: Mapped[str]


class LeaseRow(Base):
    """The terminal (or browser tab) that has a seat open now, kept alive by its heartbeat.
    `holder` is a random id per terminal; `heartbeat` is seconds since the epoch."""

    __tablename__ = "leases"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    seat: Mapped[str] = mapped_column(primary_key=True)
    holder: Mapped[str]
    place: Mapped[str]  # where it was opened, for "open since 10:02 on laptop-3"
    opened_at: Mapped[str]
    heartbeat: Mapped[float]


class DraftRow(Base):
    """Orders a seat has picked for `turn` (submitted or not), so quitting loses nothing.
    `version` counts every change: a write based on an older version is refused."""

    __tablename__ = "drafts"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    seat: Mapped[str] = mapped_column(primary_key=True)
    turn: Mapped[int]
    orders: Mapped[str]
    version: Mapped[int]
    updated_at: Mapped[str]


class SessionRow(Base):
    """The round clock and the secret the web server derives each seat's address token from.
    clock: "off", "running" (until `deadline`, epoch seconds) or "paused" (`remaining` left);
    at_zero: what happens when it runs out: "warn", "pass" or "strategy"."""

    __tablename__ = "session"

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    web_secret: Mapped[str]
    round_seconds: Mapped[float] = mapped_column(default=0.0)
    clock: Mapped[str] = mapped_column(default="off")
    deadline: Mapped[float] = mapped_column(default=0.0)
    remaining: Mapped[float] = mapped_column(default=0.0)
    at_zero: Mapped[str] = mapped_column(default="warn")
    clock_turn: Mapped[int] = mapped_column(default=0)  # the turn the clock counts down for


# --- evaluation: evaluator and observer seats, rubric scores, notes, the improvement plan ---
# Judgements about the game, not part of it: nothing here is hashed or replayed by `verify`;
# `branch` copies what concerns the turns it keeps (store/evaluation.py).


class RoleRow(Base):
    """A seat that watches rather than plays ("evaluator-1", "observer-2"; kind: "evaluator"
    or "observer"), or a team seat whose player was named (kind "team"). `player`: who sits
    there, for gradebooks and the report ("" unknown)."""

    __tablename__ = "roles"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    role: Mapped[str] = mapped_column(primary_key=True)
    kind: Mapped[str]  # "evaluator", "observer" or "team"
    player: Mapped[str] = mapped_column(default="")


class RubricScoreRow(Base):
    """An evaluator's rubric level (1-4) for one team's play of one turn against one
    objective; scoring again replaces it."""

    __tablename__ = "rubric_scores"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    evaluator: Mapped[str] = mapped_column(primary_key=True)
    turn: Mapped[int] = mapped_column(primary_key=True)
    team: Mapped[str] = mapped_column(primary_key=True)
    objective: Mapped[str] = mapped_column(primary_key=True)
    level: Mapped[int]
    note: Mapped[str] = mapped_column(default="")
    scored_at: Mapped[str]


class NoteRow(Base):
    """A free-text note on a turn: an evaluator's (kind "evaluator", optionally about one
    team) or an instructor's bookmark on a replay (kind "instructor")."""

    __tablename__ = "notes"

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str]
    turn: Mapped[int]
    team: Mapped[str] = mapped_column(default="")
    text: Mapped[str]
    author: Mapped[str]
    created: Mapped[str]


class ImprovementRow(Base):
    """One line of the improvement plan (AAR/IP): issue, recommendation, owner, due."""

    __tablename__ = "improvement_plan"
    __table_args__ = {"sqlite_with_rowid": False}

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    issue: Mapped[str]
    recommendation: Mapped[str]
    owner: Mapped[str] = mapped_column(default="")
    due: Mapped[str] = mapped_column(default="")  # a date as the trainer wrote it (ISO 8601 if parsed)
    objective: Mapped[str] = mapped_column(default="")


class ReleaseRow(Base):
    """Whether the white cell has released the evaluators' scores and notes to the teams."""

    __tablename__ = "evaluation_release"

    game_id: Mapped[int] = mapped_column(ForeignKey("game.id"), primary_key=True)
    released: Mapped[bool] = mapped_column(default=False)
    released_at: Mapped[str] = mapped_column(default="")
