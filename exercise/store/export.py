"""Export a save as JSON lines for analysis elsewhere (pandas: `pd.read_json(f, lines=True)`,
R: `jsonlite::stream_in`). Every line is one object with a "type":

    game    scenario, seed, schema, dates, where it was branched from
    seat    seat and controller
    order   turn, seat, index, order (its text), verb, source
    event   turn, seq, kind, audit, text (readable) and the event's own fields
    talk    turn, index, seat, text (core/talk.py), audience ([] everyone), offer (its id)
    state   turn, hash and the canonical state after that turn

Lines come turn by turn (orders, talk, events, state), in one read transaction; the talk of the
turn being played comes last. With a seat (`export --as SEAT`): only what that seat could see:
its own orders, the talk it heard, the events it was shown, and no state lines (a state holds
every seat's brief, trust and secret deals).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple, TextIO

from sqlalchemy import select

from exercise.core.canonical import event_to_dict
from exercise.engine.talk import TalkBoard
from exercise.errors import SaveError
from exercise.store import queries as q
from exercise.store.codec import orders_from_text, state_from_text, unpack_orders
from exercise.store.database import translated
from exercise.store.eventlog import EventTable, expand
from exercise.store.schema import GAME_ID, SCHEMA_VERSION, EventPackRow, GameRow, OrderPackRow, SnapshotRow
from exercise.store.snapshots import Chain
from exercise.store.talk_log import stored_lines

if TYPE_CHECKING:
    from exercise.store.game import Game


class _Given(NamedTuple):
    turn: int
    seat: str
    orders: str
    source: str


class _Logged(NamedTuple):
    seq: int
    turn: int
    shape: int
    values: list
    audit: bool


def _line(out: TextIO, obj: dict) -> None:
    out.write(json.dumps(obj, sort_keys=True, ensure_ascii=False))
    out.write("\n")


def _talk_lines(s, game: Game, start: str | None, turn: int, seat: str | None) -> list[dict]:
    """The talk of `turn` as heard by `seat` (None: all of it), rebuilt on the state it started
    from (`start`: its canonical text, parsed only for a turn that had talk)."""
    lines = stored_lines(s, turn)
    if start is None or not lines:
        return []
    state = state_from_text(start, game.scenario)
    return [
        {
            "type": "talk",
            "turn": turn,
            "index": e.index,
            "seat": e.seat,
            "text": e.talk.text(),
            "audience": list(e.audience),
            "offer": e.offer,
        }
        for e in TalkBoard(state, lines).heard_by(seat)
    ]


def export_jsonl(game: Game, out: TextIO, seat: str | None = None) -> int:
    """Write the save as JSON lines; `seat`: only what that seat could see (None: everything)."""
    written = 0
    with translated(game.path), game.session() as s:
        row = s.get(GameRow, GAME_ID)
        if row is None:
            raise SaveError(f"{game.path}: not a save (no game row)")
        latest = q.latest_turn(s)
        _line(
            out,
            {
                "type": "game",
                "scenario": row.scenario_id,
                "title": row.scenario_title,
                "seed": row.seed,
                "schema_version": SCHEMA_VERSION,
                "turn": latest,
                "created_at": row.created_at,
                "last_played_at": row.last_played_at,
                "branched_from": row.branched_from,
                "branched_at_turn": row.branched_at_turn,
                "scenario_sha256": row.scenario_sha256,
            },
        )
        written += 1
        for who, controller in q.controllers(s).items():
            _line(out, {"type": "seat", "seat": who, "controller": controller})
            written += 1
        where = str(game.path)
        orders = [
            _Given(turn, seat, text, source)
            for turn, data in s.execute(
                select(OrderPackRow.turn, OrderPackRow.data)
                .where(OrderPackRow.game_id == GAME_ID)
                .order_by(OrderPackRow.turn)
            )
            for seat, text, source in unpack_orders(data, f"{where}: turn {turn}")
        ]
        log = EventTable()
        packs = s.execute(
            select(EventPackRow.seq, EventPackRow.turn, EventPackRow.data, EventPackRow.audit)
            .where(EventPackRow.game_id == GAME_ID)
            .order_by(EventPackRow.seq)
        ).all()
        events = [
            _Logged(seq, turn, shape, values, audit)
            for first, turn, data, audit in packs
            for seq, _, shape, values in expand([(first, turn, data)], where)
        ]
        snapshots = s.execute(
            select(SnapshotRow.turn, SnapshotRow.codec, SnapshotRow.sha256, SnapshotRow.data)
            .where(SnapshotRow.game_id == GAME_ID)
            .order_by(SnapshotRow.turn)
        )
        oi = ei = 0
        start: str | None = None  # the state the turn being written started from
        chain = Chain(where)
        for turn, codec, digest, data in snapshots:
            while oi < len(orders) and orders[oi].turn <= turn:
                o = orders[oi]
                oi += 1
                if seat is not None and o.seat != seat:  # a seat saw only its own orders
                    continue
                for index, order in enumerate(orders_from_text(o.orders, o.seat)):
                    _line(
                        out,
                        {
                            "type": "order",
                            "turn": o.turn,
                            "seat": o.seat,
                            "index": index,
                            "order": str(order),
                            "verb": order.verb,
                            "source": o.source,
                        },
                    )
                    written += 1
            for talk in _talk_lines(s, game, start, turn, seat):
                _line(out, talk)
                written += 1
            while ei < len(events) and events[ei].turn <= turn:
                written += _event_line(out, s, log, events[ei], seat)
                ei += 1
            state_json = chain.read(turn, codec, digest, data).decode("utf-8")
            start = state_json
            if seat is None:
                _line(out, {"type": "state", "turn": turn, "hash": digest, "state": json.loads(state_json)})
                written += 1
        if latest < game.scenario.turns:  # the talk so far of the turn being played
            for talk in _talk_lines(s, game, start, latest + 1, seat):
                _line(out, talk)
                written += 1
        for e in events[ei:]:  # white-cell actions for the turn in play
            written += _event_line(out, s, log, e, seat)
    return written


def _event_line(out: TextIO, s, log: EventTable, row, seat: str | None) -> int:
    event = log.decode(s, row.seq, row.turn, row.shape, row.values)
    if seat is not None and not event.visible_to(seat):
        return 0
    _line(out, {**event_to_dict(event), "type": "event", "audit": row.audit, "text": event.text()})
    return 1
