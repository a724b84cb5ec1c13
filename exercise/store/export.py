"""Export a save as JSON lines for analysis elsewhere (pandas: `pd.read_json(f, lines=True)`,
R: `jsonlite::stream_in`). Every line is one object with a "type":

    game    scenario, seed, schema, dates, where it was branched from
    seat    seat and controller
    order   turn, seat, index, order (its text), verb, source
    event   turn, seq, kind, audit, text (readable) and the event's own fields
    state   turn, hash and the canonical state after that turn

Lines come turn by turn (orders, events, state), in one read transaction.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import select

from exercise.core.canonical import event_to_dict
from exercise.errors import SaveError
from exercise.store import queries as q
from exercise.store.codec import orders_from_text, unpack_snapshot
from exercise.store.database import translated
from exercise.store.eventlog import EventTable
from exercise.store.schema import GAME_ID, SCHEMA_VERSION, EventRow, GameRow, OrderRow, SnapshotRow

if TYPE_CHECKING:
    from exercise.store.game import Game


def _line(out: TextIO, obj: dict) -> None:
    out.write(json.dumps(obj, sort_keys=True, ensure_ascii=False))
    out.write("\n")


def export_jsonl(game: Game, out: TextIO) -> int:
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
        for seat, controller in q.controllers(s).items():
            _line(out, {"type": "seat", "seat": seat, "controller": controller})
            written += 1
        orders = s.execute(
            select(OrderRow.turn, OrderRow.seat, OrderRow.orders, OrderRow.source)
            .where(OrderRow.game_id == GAME_ID)
            .order_by(OrderRow.turn, OrderRow.seat)
        ).all()
        log = EventTable()
        events = s.execute(
            select(EventRow.seq, EventRow.turn, EventRow.shape, EventRow.data, EventRow.audit)
            .where(EventRow.game_id == GAME_ID)
            .order_by(EventRow.seq)
        ).all()
        snapshots = s.execute(
            select(SnapshotRow.turn, SnapshotRow.codec, SnapshotRow.sha256, SnapshotRow.data)
            .where(SnapshotRow.game_id == GAME_ID)
            .order_by(SnapshotRow.turn)
        )
        oi = ei = 0
        for turn, codec, digest, data in snapshots:
            while oi < len(orders) and orders[oi].turn <= turn:
                o = orders[oi]
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
                oi += 1
            while ei < len(events) and events[ei].turn <= turn:
                e = events[ei]
                event = log.decode(s, e.seq, e.turn, e.shape, e.data)
                _line(out, {**event_to_dict(event), "type": "event", "audit": e.audit, "text": event.text()})
                written += 1
                ei += 1
            state_json = unpack_snapshot(codec, data, digest, f"{game.path}: turn {turn}")
            _line(out, {"type": "state", "turn": turn, "hash": digest, "state": json.loads(state_json)})
            written += 1
        for e in events[ei:]:  # white-cell actions for the turn in play
            event = log.decode(s, e.seq, e.turn, e.shape, e.data)
            _line(out, {**event_to_dict(event), "type": "event", "audit": e.audit, "text": event.text()})
            written += 1
    return written
