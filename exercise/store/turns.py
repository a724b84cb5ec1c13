"""Resolving the next turn of a save and writing it: one transaction per turn.

The whole step runs inside one BEGIN IMMEDIATE transaction: read who still has to order, gather
the orders, call the pure `resolve_turn`, then insert the orders, the events, the snapshot and
the turn row. The write lock taken first means a second process cannot read the same "next
turn" meanwhile: it waits (busy timeout), then finds the turn done and raises AlreadyResolved.
The (game, turn) key of the turns table is the backstop if anything ever slips past that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import attrs
import orjson
from sqlalchemy import bindparam, delete, update
from sqlalchemy.orm import Session

from exercise.core.canonical import state_bytes
from exercise.core.events import Event, FacilitatorAction
from exercise.core.orders import Order
from exercise.core.seats import FACILITATOR, HUMAN, OrderSource, stood_in
from exercise.core.state import GameState
from exercise.engine import TurnResult, resolve_turn
from exercise.engine.talk import TalkBoard
from exercise.errors import SaveError
from exercise.store import queries as q
from exercise.store import snapshots
from exercise.store.bulk import Writes
from exercise.store.codec import events_digest, orders_from_text, orders_text, pack_orders
from exercise.store.eventlog import EventTable, values_text
from exercise.store.schema import (
    GAME_ID,
    EventPackRow,
    GameRow,
    OrderPackRow,
    PendingRow,
    SnapshotRow,
    TurnRow,
    table_of,
)
from exercise.strategies import scripted_orders, strategy_orders

MISSING_CHOICES = ("pass", "strategy")


@attrs.frozen
class TurnInputs:
    """The orders a turn will be resolved with, where each seat's came from, and the audit."""

    orders: dict[str, list[Order]]
    sources: dict[str, str]
    waiting: list[str]
    audit: list[Event]
    scripted: frozenset[str] = frozenset()  # seats a strategy ordered for: checked as built


def plan_orders(
    state: GameState,
    seed: int,
    controllers: Mapping[str, str],
    pending: Mapping[str, str],
    *,
    force: bool,
    missing: str,
    paused: bool,
    why: str = "",
    board: TalkBoard | None = None,
) -> TurnInputs:
    """Submitted orders first; scripted seats play their strategy; a human seat that did not
    submit passes or (missing="strategy") plays its scenario strategy, on a forced turn only.
    A forced turn is in the white cell's audit trail (only the white cell sees it: who was
    missing and how they were played is not the other teams' business); `why` says what
    forced it when it was not the white cell's key (the round clock). `board`: the turn's talk,
    so scripted seats order knowing the deals they made."""
    if missing not in MISSING_CHOICES:
        raise SaveError(f"missing seats either pass or play their strategy, not {missing!r}")
    turn = state.turn + 1
    orders: dict[str, list[Order]] = {}
    sources: dict[str, str] = {}
    waiting = [seat for seat, c in controllers.items() if c == HUMAN and seat not in pending]
    for seat, text in pending.items():
        orders[seat] = orders_from_text(text, seat)
        sources[seat] = (
            OrderSource.WHITE_CELL
            if seat == FACILITATOR
            else (OrderSource.HUMAN if controllers.get(seat) == HUMAN else OrderSource.SUBMITTED)
        )
    scripted = {seat: c for seat, c in controllers.items() if c != HUMAN and seat not in pending}
    for seat, seat_orders in scripted_orders(state, seed, scripted, board).items():
        orders[seat] = seat_orders
        sources[seat] = scripted[seat]
    by_strategy = set(scripted)
    audit: list[Event] = []
    if waiting or paused:
        for seat in waiting:
            if missing == "strategy":
                orders[seat] = strategy_orders(state, seat, seed, board=board)
                by_strategy.add(seat)
                sources[seat] = stood_in(state.scenario.delegation(seat).strategy)
            else:
                orders[seat] = []
                sources[seat] = OrderSource.FORCED_PASS
        who = ", ".join(waiting)
        detail = (
            f"without {who} ({'played by their strategies' if missing == 'strategy' else 'they pass'})"
            if waiting
            else "while paused"
        )
        audit.append(
            FacilitatorAction(
                turn=turn, audience=(FACILITATOR,), action="forced turn", detail=f"{detail}: {why}" if why else detail
            )
        )
    return TurnInputs(
        {k: orders[k] for k in sorted(orders)},
        {k: sources[k] for k in sorted(sources)},
        waiting,
        audit,
        frozenset(by_strategy),
    )


_CLEAR_PENDING = delete(PendingRow).where(PendingRow.game_id == GAME_ID, PendingRow.turn == bindparam("turn"))
_PLAYED = update(GameRow).where(GameRow.id == GAME_ID).values(last_played_at=bindparam("stamp"))

_pool: ThreadPoolExecutor | None = None


def _worker() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="exercise-snapshot")
    return _pool


# The last states written (one a game, for the few games a process plays), their canonical data
# and the float maps of the turn before each: the next turn's delta is taken against them (the
# state a turn starts from is the one the turn before returned: Game keeps it), so a process
# playing turn after turn parses no snapshot, even with two games played turn about.
_Bases = tuple[dict, "snapshots.FloatMaps | None"]
_last: dict[int, tuple[GameState, dict, snapshots.FloatMaps]] = {}  # by id() of the state
_GAMES_KEPT = 4


def _bases(s: Session, state: GameState, turn: int) -> _Bases:
    """The data of the state before `turn` and the float maps of older_turn(turn), if any."""
    kept = _last.pop(id(state), None)
    if snapshots.codec_for(turn) == snapshots.SNAPSHOT_CODEC:
        return {}, None
    if kept is not None and kept[0] is state:
        previous, older = kept[1], kept[2]
    else:  # another process wrote the turns before: read them back
        previous = orjson.loads(state_bytes(state))
        before = snapshots.older_turn(turn)
        text = None if before is None else q.snapshot_text(s, before, state.turn, "the save")
        older = None if text is None else snapshots.float_maps(orjson.loads(text), copy=False)
    return previous, older if snapshots.older_turn(turn) is not None else None


def _keep(state: GameState, data: dict, maps: snapshots.FloatMaps) -> None:
    _last[id(state)] = (state, data, maps)
    while len(_last) > _GAMES_KEPT:
        del _last[next(iter(_last))]  # the oldest


def _pack_and_hash(turn: int, data: bytes, bases: _Bases) -> tuple[str, str, bytes, dict, snapshots.FloatMaps]:
    """On the worker: hashing and zlib release the GIL, so the main thread writes the events
    meanwhile. Returns the digest, the snapshot row's codec and data, the state's data and the
    float maps of the turn before (for the next turn's delta)."""
    digest = hashlib.sha256(data).hexdigest()
    new = orjson.loads(data)
    previous, older = bases
    delta_base = previous if snapshots.codec_for(turn) != snapshots.SNAPSHOT_CODEC else None
    codec, packed = snapshots.pack(turn, data, new, delta_base, older)
    return digest, codec, packed, new, snapshots.float_maps(previous, copy=False) if previous else {}


def write_turn(
    s: Session,
    log: EventTable,
    plan: TurnInputs,
    state: GameState,
    seed: int,
    forced: bool,
    writes: Writes,
    board: TalkBoard | None = None,
) -> tuple[TurnResult, str]:
    """Resolve `state` with the plan and the turn's talk (`board`, its lines already stored)
    and add the rows the turn produced to `writes` (the caller sends them with its own).
    Returns the result (events numbered as stored) and the new state's sha256."""
    talk = board if board is not None else TalkBoard(state)
    result = resolve_turn(state, plan.orders, seed, prechecked=plan.scripted, talk=talk)
    turn = result.state.turn
    stamp = q.now()
    # zlib and hashlib release the GIL: the snapshot compresses while the events are packed.
    canonical = state_bytes(result.state)
    snapshot = _worker().submit(_pack_and_hash, turn, canonical, _bases(s, state, turn))
    audit = q.append_audit(s, log, plan.audit)
    seq = q.next_seq(s)
    texts = [values_text(e) for e in result.events]
    writes.insert(table_of(EventPackRow), log.packs(s, result.events, seq, audit=False))
    given = pack_orders((seat, orders_text(orders), plan.sources[seat]) for seat, orders in plan.orders.items())
    # rows in the tables' column order (Writes.insert)
    writes.insert(table_of(OrderPackRow), [(GAME_ID, turn, given)])
    events_hash = events_digest(zip((e.kind for e in result.events), texts))
    digest, codec, packed, data, maps = snapshot.result()
    _keep(result.state, data, maps)
    writes.insert(table_of(SnapshotRow), [(GAME_ID, turn, codec, digest, packed)])
    writes.insert(table_of(TurnRow), [(GAME_ID, turn, digest, events_hash, seq + len(texts) - 1, stamp, forced)])
    writes.execute(_CLEAR_PENDING, {"turn": turn})
    writes.execute(_PLAYED, {"stamp": stamp})
    events = result.events
    if events and events[0].seq != seq:  # audit events came in between: number as stored
        events = tuple(attrs.evolve(e, seq=seq + i) for i, e in enumerate(events))
    return TurnResult(result.state, tuple(audit) + tuple(events)), digest
