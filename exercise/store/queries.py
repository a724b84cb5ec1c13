"""Small reads and writes on an open session, shared by the Game methods and the tools
(resolve, branch, verify, export). Each takes the session it runs in, so a caller decides what
one transaction holds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

import attrs
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from exercise.core.events import Event
from exercise.errors import ReplayError, SaveError
from exercise.store.eventlog import EventLog
from exercise.store.schema import GAME_ID, EventRow, GameRow, PendingRow, SeatRow, SnapshotRow, TurnRow


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# The reads every turn and every screen refresh makes, built once: building a select() costs
# more than running it, and Core execution skips the ORM's per-statement machinery.
_LATEST_TURN = select(func.max(TurnRow.turn)).where(TurnRow.game_id == GAME_ID)
_PAUSED = select(GameRow.paused).where(GameRow.id == GAME_ID)
_NEXT_SEQ = select(func.max(EventRow.seq)).where(EventRow.game_id == GAME_ID)
_CONTROLLERS = (select(SeatRow.seat, SeatRow.controller).where(SeatRow.game_id == GAME_ID)
                .order_by(SeatRow.seat))
_PENDING = (select(PendingRow.seat, PendingRow.orders)
            .where(PendingRow.game_id == GAME_ID, PendingRow.turn == bindparam("turn"))
            .order_by(PendingRow.seat))


def latest_turn(s: Session) -> int:
    turn = s.connection().scalar(_LATEST_TURN)
    if turn is None:
        raise SaveError("the save has no turns recorded (not even the start)")
    return turn


def last_seq(s: Session, turn: int) -> int | None:
    return s.scalar(select(TurnRow.last_seq).where(TurnRow.game_id == GAME_ID, TurnRow.turn == turn))


def paused(s: Session) -> bool:
    return bool(s.connection().scalar(_PAUSED))


def next_seq(s: Session) -> int:
    top = s.connection().scalar(_NEXT_SEQ)
    return 0 if top is None else top + 1


def controllers(s: Session) -> dict[str, str]:
    return {seat: controller for seat, controller in s.connection().execute(_CONTROLLERS)}


def pending(s: Session, turn: int) -> dict[str, str]:
    """seat -> submitted order lines for `turn` (not yet resolved)."""
    return {seat: text for seat, text in s.connection().execute(_PENDING, {"turn": turn})}


def snapshot(s: Session, turn: int, latest: int) -> tuple[str, str, bytes]:
    row = s.execute(select(SnapshotRow.codec, SnapshotRow.sha256, SnapshotRow.data)
                    .where(SnapshotRow.game_id == GAME_ID, SnapshotRow.turn == turn)).one_or_none()
    if row is None:
        if 0 <= turn <= latest:
            raise SaveError(f"the snapshot of turn {turn} is missing")
        raise ReplayError(f"there is no turn {turn} in this save (turns 0 to {latest})")
    return row.codec, row.sha256, row.data


def events(s: Session, log: EventLog, turn: int | None) -> list[Event]:
    """Every event in recorded order, or those of one turn (a key range: see TurnRow)."""
    query = select(EventRow.seq, EventRow.turn, EventRow.shape, EventRow.data).where(EventRow.game_id == GAME_ID)
    if turn is not None:
        latest = latest_turn(s)
        if turn < 0 or turn > latest + 1:
            raise ReplayError(f"there is no turn {turn} in this save (turns 0 to {latest})")
        low = last_seq(s, turn - 1) if turn > 0 else None
        high = last_seq(s, turn) if turn <= latest else None
        if low is not None:
            query = query.where(EventRow.seq > low)
        if high is not None:
            query = query.where(EventRow.seq <= high)
        query = query.where(EventRow.turn == turn)
    return log.read(s, s.execute(query.order_by(EventRow.seq)))


def append_audit(s: Session, log: EventLog, events: Sequence[Event]) -> list[Event]:
    """Record white-cell audit events, numbered after everything already in the log."""
    if not events:
        return []
    seq = next_seq(s)
    log.append(s, events, seq, audit=True)
    return [attrs.evolve(event, seq=seq + i) for i, event in enumerate(events)]

