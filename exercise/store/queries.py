"""Small reads and writes on an open session, shared by the Game methods and the tools
(resolve, branch, verify, export). Each takes the session it runs in, so a caller decides what
one transaction holds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import attrs
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from exercise.core.events import Event
from exercise.errors import ReplayError, SaveError
from exercise.store import snapshots
from exercise.store.codec import SNAPSHOT_CODEC, unpack_orders
from exercise.store.eventlog import EventTable
from exercise.store.schema import (
    GAME_ID,
    EventPackRow,
    GameRow,
    OrderPackRow,
    PendingRow,
    SeatRow,
    SnapshotRow,
    TurnRow,
)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# The reads every turn, every screen refresh and every replayed turn makes, built once on the
# tables (Core: building a select() costs more than running it, and going through the ORM
# would configure every mapper on a fresh process's first read).
_SNAPSHOTS, _TURNS, _EVENTS = SnapshotRow.__table__.c, TurnRow.__table__.c, EventPackRow.__table__.c
_ORDERS = OrderPackRow.__table__.c
# The keyframe a turn's state is rebuilt from, then its rows up to the turn (snapshots.py)
_KEYFRAME = (
    select(_SNAPSHOTS.turn)
    .where(_SNAPSHOTS.game_id == GAME_ID, _SNAPSHOTS.turn <= bindparam("turn"), _SNAPSHOTS.codec == SNAPSHOT_CODEC)
    .order_by(_SNAPSHOTS.turn.desc())
    .limit(1)
)
_SNAPSHOT_RUN = (
    select(_SNAPSHOTS.turn, _SNAPSHOTS.codec, _SNAPSHOTS.sha256, _SNAPSHOTS.data)
    .where(_SNAPSHOTS.game_id == GAME_ID, _SNAPSHOTS.turn >= bindparam("low"), _SNAPSHOTS.turn <= bindparam("turn"))
    .order_by(_SNAPSHOTS.turn)
)
_LAST_SEQ = select(_TURNS.last_seq).where(_TURNS.game_id == GAME_ID, _TURNS.turn == bindparam("turn"))
_EVENT_COLUMNS = (_EVENTS.seq, _EVENTS.turn, _EVENTS.data)
_ALL_EVENTS = select(*_EVENT_COLUMNS).where(_EVENTS.game_id == GAME_ID).order_by(_EVENTS.seq)
_TURN_EVENTS = (  # a pack holds one turn's events, so its first number places it
    select(*_EVENT_COLUMNS)
    .where(
        _EVENTS.game_id == GAME_ID,
        _EVENTS.seq > bindparam("low"),
        _EVENTS.seq <= bindparam("high"),
        _EVENTS.turn == bindparam("turn"),
    )
    .order_by(_EVENTS.seq)
)
_TURN_ORDERS = select(_ORDERS.data).where(_ORDERS.game_id == GAME_ID, _ORDERS.turn == bindparam("turn"))
_NO_BOUND = 2**62
_GAMES, _SEATS, _PENDINGS = GameRow.__table__.c, SeatRow.__table__.c, PendingRow.__table__.c
# "the last one" as ORDER BY ... DESC LIMIT 1: SQLite answers max() under a WHERE by scanning
# the key range (every event of the game), but this from the key's end, whatever the length.
_LATEST_TURN = select(_TURNS.turn).where(_TURNS.game_id == GAME_ID).order_by(_TURNS.turn.desc()).limit(1)
_PAUSED = select(_GAMES.paused).where(_GAMES.id == GAME_ID)
_NEXT_SEQ = select(_EVENTS.seq + _EVENTS.count).where(_EVENTS.game_id == GAME_ID).order_by(_EVENTS.seq.desc()).limit(1)
_CONTROLLERS = select(_SEATS.seat, _SEATS.controller).where(_SEATS.game_id == GAME_ID).order_by(_SEATS.seat)
_PENDING = (
    select(_PENDINGS.seat, _PENDINGS.orders)
    .where(_PENDINGS.game_id == GAME_ID, _PENDINGS.turn == bindparam("turn"))
    .order_by(_PENDINGS.seat)
)
_GAME = select(GameRow.__table__).where(_GAMES.id == GAME_ID)


def latest_turn(s: Session) -> int:
    turn = s.connection().scalar(_LATEST_TURN)
    if turn is None:
        raise SaveError("the save has no turns recorded (not even the start)")
    return turn


def last_seq(s: Session, turn: int) -> int | None:
    return s.connection().scalar(_LAST_SEQ, {"turn": turn})


def game_row(s: Session):
    """The game table's one row (a Core row: its columns as attributes), or None."""
    return s.connection().execute(_GAME).one_or_none()


def paused(s: Session) -> bool:
    return bool(s.connection().scalar(_PAUSED))


def next_seq(s: Session) -> int:
    after = s.connection().scalar(_NEXT_SEQ)
    return 0 if after is None else after


def controllers(s: Session) -> dict[str, str]:
    return {seat: controller for seat, controller in s.connection().execute(_CONTROLLERS)}


def pending(s: Session, turn: int) -> dict[str, str]:
    """seat -> submitted order lines for `turn` (not yet resolved)."""
    return {seat: text for seat, text in s.connection().execute(_PENDING, {"turn": turn})}


def snapshot_text(s: Session, turn: int, latest: int, where: str) -> str:
    """The canonical JSON of the state after `turn`, checked against its sha256."""
    if not 0 <= turn <= latest:
        raise ReplayError(f"there is no turn {turn} in this save (turns 0 to {latest})")
    connection = s.connection()
    low = connection.scalar(_KEYFRAME, {"turn": turn})
    if low is None:
        raise SaveError(f"{where}: the snapshot of turn {turn} is missing")
    return snapshots.text_at(connection.execute(_SNAPSHOT_RUN, {"low": low, "turn": turn}), turn, where)


def turn_orders(s: Session, turn: int, where: str) -> list[tuple[str, str, str]]:
    """(seat, order lines, source) of each seat that gave orders in `turn`, in seat order."""
    data = s.connection().scalar(_TURN_ORDERS, {"turn": turn})
    return [] if data is None else unpack_orders(data, f"{where}: turn {turn}")


def events(s: Session, log: EventTable, turn: int | None, where: str) -> list[Event]:
    """Every event in recorded order, or those of one turn (a key range: see TurnRow)."""
    if turn is None:
        return log.read(s, s.connection().execute(_ALL_EVENTS), where)
    latest = latest_turn(s)
    if turn < 0 or turn > latest + 1:
        raise ReplayError(f"there is no turn {turn} in this save (turns 0 to {latest})")
    low = last_seq(s, turn - 1) if turn > 0 else None
    high = last_seq(s, turn) if turn <= latest else None
    bounds = {"low": -1 if low is None else low, "high": _NO_BOUND if high is None else high, "turn": turn}
    return log.read(s, s.connection().execute(_TURN_EVENTS, bounds), where)


def append_audit(s: Session, log: EventTable, events: Sequence[Event]) -> list[Event]:
    """Record white-cell audit events, numbered after everything already in the log."""
    if not events:
        return []
    seq = next_seq(s)
    log.append(s, events, seq, audit=True)
    return [attrs.evolve(event, seq=seq + i) for i, event in enumerate(events)]
