"""Turning domain objects into the text and bytes a save holds, and back.

Snapshots are the canonical state JSON (`exercise.core.canonical`), zlib-compressed. Whole
snapshots rather than deltas: opening any turn is one row read, and the state compresses to a
few KB (the breadth histories that grow with the game are runs of repeated numbers).

`state_text` produces exactly the bytes of `canonical.state_json`, only faster: attrs.asdict
walks every entry of every holder map (70k on a 200-delegation world), although JSON only
needs the containers as they are. A test pins the two to the same output on played games.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from exercise.core.canonical import event_from_dict, event_to_dict, state_from_dict
from exercise.core.events import Event
from exercise.core.orders import Order, parse_order
from exercise.core.spec import Scenario
from exercise.core.state import AgendaItem, ForumState, GameState, NormState, Seat
from exercise.errors import SaveError

SNAPSHOT_CODEC = "zlib-json"
# Level 3: within 1.3x of level 6's size on these states at about a third of its time.
ZLIB_LEVEL = 3

# The same options as canonical.dumps, built once: json.dumps builds an encoder per call.
_encode = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(cls))


_SEAT = _field_names(Seat)
_FORUM = _field_names(ForumState)
_NORM = _field_names(NormState)
_ITEM = _field_names(AgendaItem)


def _shallow(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _forum(forum: ForumState) -> dict[str, Any]:
    data = _shallow(forum, _FORUM)
    data["agenda"] = [_shallow(item, _ITEM) for item in forum.agenda]
    return data


def state_text(state: GameState) -> str:
    """Canonical JSON of a state: byte-identical to `exercise.core.canonical.state_json`."""
    return _encode({
        "scenario_id": state.scenario_id,
        "turn": state.turn,
        "salience": state.salience,
        "seats": {k: _shallow(v, _SEAT) for k, v in state.seats.items()},
        "forums": {k: _forum(v) for k, v in state.forums.items()},
        "norms": {k: _shallow(v, _NORM) for k, v in state.norms.items()},
        "fired_injects": state.fired_injects,
        "next_event": state.next_event,
    })


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pack_snapshot(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), ZLIB_LEVEL)


def unpack_snapshot(codec: str, data: bytes, digest: str, where: str) -> str:
    """The snapshot's JSON text, checked against its recorded sha256."""
    if codec != SNAPSHOT_CODEC:
        raise SaveError(f"{where}: unknown snapshot encoding {codec!r}")
    try:
        text = zlib.decompress(data).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        raise SaveError(f"{where}: the snapshot is damaged (cannot be decompressed)") from None
    if sha256(text) != digest:
        raise SaveError(f"{where}: the snapshot is damaged (its sha256 does not match)")
    return text


def state_from_text(text: str, scenario: Scenario) -> GameState:
    return state_from_dict(json.loads(text), scenario)


# --- events -------------------------------------------------------------------------------
# A row keeps turn, seq and kind in columns and the rest of the event as canonical JSON.
# The store numbers events in the order it records them: without white-cell actions this is
# the engine's own numbering; audit events (not part of the hashed state) shift later ones.

def event_data(event: Event) -> str:
    data = event_to_dict(event)
    for column in ("kind", "turn", "seq"):
        del data[column]
    if not data["audience"]:
        del data["audience"]  # most events are public: no need to store an empty list
    return _encode(data)


def event_from_row(seq: int, turn: int, kind: str, data: str) -> Event:
    fields = json.loads(data)
    fields.update(kind=kind, turn=turn, seq=seq)
    return event_from_dict(fields)


def events_digest(kinds_and_data: Iterable[tuple[str, str]]) -> str:
    """sha256 of a turn's engine events in order (kind and data; seq is implied by the state's
    event counter, which the state hash covers)."""
    h = hashlib.sha256()
    for kind, data in kinds_and_data:
        h.update(kind.encode("utf-8"))
        h.update(b" ")
        h.update(data.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


# --- orders -------------------------------------------------------------------------------

def orders_text(orders: Sequence[Order]) -> str:
    return "\n".join(str(order) for order in orders)


def orders_from_text(text: str, seat: str) -> list[Order]:
    return [parse_order(line, seat) for line in text.split("\n") if line.strip()]


def orders_by_seat(rows: Iterable[tuple[str, str]]) -> dict[str, list[Order]]:
    return {seat: orders_from_text(text, seat) for seat, text in sorted(rows)}


def orders_lines(orders: Mapping[str, Sequence[Order]]) -> dict[str, str]:
    return {seat: orders_text(orders[seat]) for seat in sorted(orders)}
