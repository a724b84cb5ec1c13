"""Turning domain objects into the text and bytes a save holds, and back.

Snapshots are the canonical state JSON (`exercise.core.canonical`), zlib-compressed, whole
every few turns and as deltas between (snapshots.py). A turn's orders and each run of events
are one row each: a JSON array of rows, zlib-compressed (`pack_rows`).

Every JSON the store writes goes through `exercise.core.canonical` (orjson, sorted keys), so
a snapshot's bytes are exactly the state's canonical JSON and its sha256 the state hash.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence

import orjson

from exercise.core.canonical import dumps, state_from_dict
from exercise.core.orders import Order, parse_order
from exercise.core.spec import Scenario
from exercise.core.state import GameState
from exercise.errors import SaveError

SNAPSHOT_CODEC = "zlib-json"
# Small states (the 30-delegation ones) compress at level 6 in a fraction of a millisecond;
# large ones get level 1, a third of the time for more bytes (docs/performance.md).
SMALL_STATE = 64 * 1024
ZLIB_LEVEL_SMALL, ZLIB_LEVEL_LARGE = 6, 1
# Keyframes: written once every KEYFRAME_EVERY turns, so the best compression (level 9 takes
# 3-4 times level 6's time for 2% fewer bytes: worth it there only).
ZLIB_LEVEL_BEST = 9

encode = dumps  # canonical JSON text of plain data (events' values, shapes, scenario data)


def pack_snapshot(text: str | bytes, *, keyframe: bool = False) -> bytes:
    """`keyframe`: a whole snapshot between deltas (snapshots.py), written once every few
    turns, so worth the best compression whatever the state's size."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    level = ZLIB_LEVEL_BEST if keyframe else ZLIB_LEVEL_SMALL if len(data) <= SMALL_STATE else ZLIB_LEVEL_LARGE
    return zlib.compress(data, level)


def unpack_snapshot(codec: str, data: bytes, digest: str, where: str) -> str:
    """A whole snapshot's JSON text, checked against its recorded sha256."""
    if codec != SNAPSHOT_CODEC:
        raise SaveError(f"{where}: unknown snapshot encoding {codec!r}")
    raw = unzip(data, where, "snapshot")
    check_digest(raw, digest, where)
    return raw.decode("utf-8")


def check_digest(raw: bytes, digest: str, where: str) -> None:
    if hashlib.sha256(raw).hexdigest() != digest:
        raise SaveError(f"{where}: the snapshot is damaged (its sha256 does not match)")


def unzip(data: bytes, where: str, what: str) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error:
        raise SaveError(f"{where}: the {what} is damaged (cannot be decompressed)") from None


def pack_rows(rows_json: str | bytes) -> bytes:
    """A JSON array of rows (a turn's orders, a run of events), compressed for the save."""
    data = rows_json.encode("utf-8") if isinstance(rows_json, str) else rows_json
    return zlib.compress(data, ZLIB_LEVEL_SMALL)


def unpack_rows(data: bytes, where: str, what: str) -> list:
    try:
        rows = orjson.loads(unzip(data, where, what))
    except orjson.JSONDecodeError:
        rows = None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise SaveError(f"{where}: the {what} is damaged (not a list of rows)")
    return rows


def state_from_text(text: str | bytes, scenario: Scenario) -> GameState:
    return state_from_dict(orjson.loads(text), scenario)


# --- events (the rows themselves: eventlog.py) -------------------------------------------------


def events_digest(kinds_and_data: Iterable[tuple[str, str]]) -> str:
    """sha256 of a turn's engine events in order: "kind values\n" per event (values as
    eventlog.values_text); their numbers follow from the state's event counter, which the
    state hash covers. One joined string, hashed once: a thousand small updates cost more."""
    return hashlib.sha256("".join([f"{kind} {data}\n" for kind, data in kinds_and_data]).encode("utf-8")).hexdigest()


# --- orders -------------------------------------------------------------------------------


def orders_text(orders: Sequence[Order]) -> str:
    return "\n".join(str(order) for order in orders)


def orders_from_text(text: str, seat: str) -> list[Order]:
    return [parse_order(line, seat) for line in text.split("\n") if line.strip()]


def orders_by_seat(rows: Iterable[tuple[str, str]]) -> dict[str, list[Order]]:
    return {seat: orders_from_text(text, seat) for seat, text in sorted(rows)}


def pack_orders(rows: Iterable[tuple[str, str, str]]) -> bytes:
    """A turn's orders row: (seat, order lines, source) for each seat, in seat order."""
    return pack_rows(dumps([list(row) for row in sorted(rows)]))


def unpack_orders(data: bytes, where: str) -> list[tuple[str, str, str]]:
    """(seat, order lines, source) of each seat that ordered, in seat order."""
    rows = unpack_rows(data, where, "orders")
    if not all(len(row) == 3 and all(isinstance(v, str) for v in row) for row in rows):
        raise SaveError(f"{where}: the orders are damaged (a row is not seat, orders, source)")
    return [(seat, text, source) for seat, text, source in rows]
