"""verify: replay a save from its recorded orders and talk and check every turn against what it holds.

For the start and each turn: the recomputed state's sha256 must equal the turn row's and the
snapshot's, the snapshot must decompress to exactly that text, and the engine events the
replay produces must hash to what the turn row recorded, as must the stored event rows.
The replay chains recomputed states (never the stored ones), so it proves the whole history.
Everything is read in one read transaction: a consistent picture even while a game is played.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from exercise.core.canonical import state_hash as hash_of_state
from exercise.core.state import GameState
from exercise.core.talk import parse_talk
from exercise.engine import new_game, resolve_turn
from exercise.errors import ExerciseError, SaveError
from exercise.store.codec import encode, events_digest, orders_by_seat, unpack_orders
from exercise.store.database import translated
from exercise.store.eventlog import EventTable, expand, values_text
from exercise.store.records import VerifyResult
from exercise.store.schema import GAME_ID, EventPackRow, GameRow, OrderPackRow, SnapshotRow, TalkRow, TurnRow
from exercise.store.snapshots import Chain

if TYPE_CHECKING:
    from exercise.store.game import Game


def _by_turn(rows) -> Iterator[tuple[int, list]]:
    for turn, group in groupby(rows, key=lambda r: r[0]):
        yield turn, [r[1:] for r in group]


def _short(digest: str) -> str:
    return digest[:12]


def verify_game(game: Game) -> VerifyResult:
    with translated(game.path), game.session() as s:
        check = s.scalar(text("PRAGMA quick_check"))
        if check != "ok":
            raise SaveError(f"{game.path}: is damaged ({check}): restore it from a copy")
        text_, parsed = s.execute(
            select(GameRow.scenario_text, GameRow.scenario_json).where(GameRow.id == GAME_ID)
        ).one()
        if encode(tomllib.loads(text_)) != parsed:  # the game opens from the parsed copy
            return VerifyResult(0, 0, "the stored scenario text and its parsed copy differ")
        turns = s.execute(
            select(TurnRow.turn, TurnRow.state_hash, TurnRow.events_hash)
            .where(TurnRow.game_id == GAME_ID)
            .order_by(TurnRow.turn)
        ).all()
        snapshots = s.execute(
            select(SnapshotRow.turn, SnapshotRow.codec, SnapshotRow.sha256, SnapshotRow.data)
            .where(SnapshotRow.game_id == GAME_ID)
            .order_by(SnapshotRow.turn)
        )
        orders = (
            (turn, [(seat, text) for seat, text, _ in unpack_orders(data, f"turn {turn}")])
            for turn, data in s.execute(
                select(OrderPackRow.turn, OrderPackRow.data)
                .where(OrderPackRow.game_id == GAME_ID)
                .order_by(OrderPackRow.turn)
            )
        )
        talk = _by_turn(
            s.execute(
                select(TalkRow.turn, TalkRow.seat, TalkRow.text)
                .where(TalkRow.game_id == GAME_ID)
                .order_by(TalkRow.turn, TalkRow.index)
            )
        )
        kinds = EventTable().kinds(s)
        packs = s.execute(
            select(EventPackRow.seq, EventPackRow.turn, EventPackRow.data)
            .where(EventPackRow.game_id == GAME_ID, EventPackRow.audit.is_(False))
            .order_by(EventPackRow.seq)
        )
        events = _by_turn(
            (turn, kinds.get(shape, "?"), encode(values)) for _, turn, shape, values in expand(packs, "the event log")
        )
        return _check(game, turns, iter(snapshots), _Lookahead(orders), _Lookahead(events), _Lookahead(talk))


class _Lookahead:
    """Take the group of one turn from a stream grouped by turn (turns may have none)."""

    def __init__(self, groups: Iterator[tuple[int, list]]):
        self._groups = groups
        self._head = next(groups, None)

    def take(self, turn: int) -> list:
        while self._head is not None and self._head[0] < turn:  # rows of a turn that has no turn row
            self._head = next(self._groups, None)
        if self._head is None or self._head[0] != turn:
            return []
        rows = self._head[1]
        self._head = next(self._groups, None)
        return rows


def _check(game: Game, turns, snapshots, orders: _Lookahead, events: _Lookahead, talk: _Lookahead) -> VerifyResult:
    # Made under other rules: the same orders resolve differently now, so only what the save
    # holds is checked (each snapshot against its recorded hash), not the re-resolution.
    rerun = not game.rules_note
    state: GameState | None = None
    chain = Chain()
    checked = 0
    for expected_turn, (turn, state_hash, events_hash) in enumerate(turns):
        if turn != expected_turn:
            return VerifyResult(checked, expected_turn, f"turn {expected_turn} is missing from the save")
        snap = next(snapshots, None)
        if snap is None or snap[0] != turn:
            return VerifyResult(checked, turn, f"turn {turn}: its snapshot is missing")
        try:  # the snapshot must decompress (with the deltas before it) to text of the sha256 beside it
            chain.read(*snap)
        except SaveError as e:
            return VerifyResult(checked, turn, str(e))
        if not rerun:
            if snap[2] != state_hash:
                return VerifyResult(checked, turn, f"turn {turn}: the snapshot's hash differs from the turn's")
            checked = turn
            continue
        if turn == 0:
            state = new_game(game.scenario, game.seed)
            produced: list[tuple[str, str]] = []
        else:
            seat_orders = orders_by_seat(orders.take(turn))
            try:
                lines = [(seat, parse_talk(line, seat)) for seat, line in talk.take(turn)]
            except ExerciseError as e:
                return VerifyResult(checked, turn, f"turn {turn}: the recorded talk cannot be read: {e}")
            try:
                assert state is not None  # turn 0 came first: the loop returned otherwise
                result = resolve_turn(state, seat_orders, game.seed, talk=lines)
            except ExerciseError as e:
                return VerifyResult(checked, turn, f"turn {turn}: the recorded orders or talk are refused: {e}")
            state = result.state
            produced = [(e.kind, values_text(e)) for e in result.events]
        recomputed = hash_of_state(state)
        if recomputed != state_hash or snap[2] != state_hash:
            return VerifyResult(
                checked,
                turn,
                f"turn {turn}: the state differs (recorded {_short(state_hash)}, "
                f"snapshot {_short(snap[2])}, recomputed {_short(recomputed)})",
            )
        if events_digest(produced) != events_hash:
            return VerifyResult(checked, turn, f"turn {turn}: the replay produces other events than recorded")
        if turn > 0 and events_digest(events.take(turn)) != events_hash:
            return VerifyResult(checked, turn, f"turn {turn}: the stored events were changed")
        checked = turn
    return VerifyResult(checked, None, game.rules_note)
