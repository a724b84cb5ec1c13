"""Snapshots as keyframes and deltas: the whole state every KEYFRAME_EVERY turns, and between
them only what changed since the turn before.

A delta is a JSON list of operations on the canonical state's data (`orjson.loads` of the
canonical JSON), each naming the path of keys it applies at:

    ["u", path, {key: value}, [keys gone]]   a dict: these keys set (added or changed), these removed
    ["x", path, n, [values]]                 a list: its first n items kept, these appended
    ["r", path, value]                       anything else that changed: replaced whole

Applying a turn's delta to the state before gives exactly the state's data; its canonical
JSON is checked against the sha256 recorded beside it, so a reader either gets the state
whose hash the turn row pins, or a SaveError. A 200-delegation state changes in a few thousand
numbers a turn (internalization progress), which is why deltas save most on small worlds
and keyframes bound how many deltas an opening applies (figures: docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from exercise.core.canonical import dumps_bytes
from exercise.errors import SaveError
from exercise.store.codec import SNAPSHOT_CODEC, check_digest, pack_rows, pack_snapshot, unpack_rows, unzip

DELTA_CODEC = "zlib-delta"
# A whole snapshot on every turn divisible by this: opening a turn applies at most
# KEYFRAME_EVERY - 1 deltas, and each keyframe costs what about four deltas do.
KEYFRAME_EVERY = 16


def codec_for(turn: int) -> str:
    return SNAPSHOT_CODEC if turn % KEYFRAME_EVERY == 0 else DELTA_CODEC


def delta(old: dict[str, Any], new: dict[str, Any]) -> list:
    """The operations that turn `old` into `new` (both canonical state data)."""
    ops: list = []
    _diff(old, new, [], ops)
    return ops


def _diff(old: Any, new: Any, path: list, ops: list) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        sets = {}
        for key, value in new.items():
            if key not in old:
                sets[key] = value
            elif old[key] != value:
                before = old[key]
                if isinstance(value, dict | list) and type(before) is type(value):
                    _diff(before, value, [*path, key], ops)
                else:
                    sets[key] = value
        gone = sorted(old.keys() - new.keys())
        if sets or gone:
            ops.append(["u", path, sets, gone])
    elif isinstance(old, list) and len(new) >= len(old) and new[: len(old)] == old:
        ops.append(["x", path, len(old), new[len(old) :]])
    else:
        ops.append(["r", path, new])


def apply(data: dict[str, Any], ops: list, where: str) -> dict[str, Any]:
    """`data` (changed in place) with the delta applied."""
    try:
        for op in ops:
            kind, path = op[0], op[1]
            if kind == "r" and not path:
                data = op[2]
                continue
            parent = data
            for key in path[:-1] if kind == "r" else path:
                parent = parent[key]
            if kind == "u":
                parent.update(op[2])
                for key in op[3]:
                    del parent[key]
            elif kind == "x":
                del parent[op[2] :]
                parent.extend(op[3])
            elif kind == "r":
                parent[path[-1]] = op[2]
            else:
                raise ValueError(kind)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        raise SaveError(f"{where}: the snapshot is damaged (its delta does not fit the turn before)") from None
    return data


def pack(turn: int, canonical: bytes, data: dict[str, Any], previous: dict[str, Any] | None) -> tuple[str, bytes]:
    """(codec, data) of the snapshot of `turn` whose canonical JSON is `canonical` (`data`: it
    parsed); `previous`: the data of the turn before's (None: write it whole)."""
    if previous is None or codec_for(turn) == SNAPSHOT_CODEC:
        return SNAPSHOT_CODEC, pack_snapshot(canonical)
    return DELTA_CODEC, pack_rows(orjson.dumps(delta(previous, data)))


class Chain:
    """Reads snapshot rows in turn order, each a keyframe or a delta on the one before, and
    gives each turn's canonical JSON, checked against its sha256."""

    def __init__(self, where: str = ""):
        self.where = where
        self.data: dict[str, Any] | None = None
        self.turn: int | None = None

    def read(self, turn: int, codec: str, digest: str, blob: bytes, *, text: bool = True) -> bytes:
        """The canonical JSON of `turn` (text=False: only its data is kept, unchecked: for the
        rows a reader passes on its way to the turn it wants)."""
        where = f"{self.where}: turn {turn}" if self.where else f"turn {turn}"
        if codec == SNAPSHOT_CODEC:
            raw = unzip(blob, where, "snapshot")
            if text:
                check_digest(raw, digest, where)
            self.data, self.turn = orjson.loads(raw), turn
            return raw
        if codec != DELTA_CODEC:
            raise SaveError(f"{where}: unknown snapshot encoding {codec!r}")
        if self.data is None or self.turn != turn - 1:
            raise SaveError(f"{where}: the snapshot is damaged (a delta without the turn before)")
        self.data = apply(self.data, unpack_rows(blob, where, "snapshot"), where)
        self.turn = turn
        if not text:
            return b""
        raw = dumps_bytes(self.data)
        check_digest(raw, digest, where)
        return raw


def text_at(rows: Iterable[tuple[int, str, str, bytes]], turn: int, where: str) -> str:
    """The canonical JSON of `turn` from its keyframe's row and the deltas up to it, in order."""
    chain = Chain(where)
    raw = b""
    for row_turn, codec, digest, blob in rows:
        raw = chain.read(row_turn, codec, digest, blob, text=row_turn == turn)
    if chain.turn != turn:
        raise SaveError(f"{where}: the snapshot of turn {turn} is missing")
    return raw.decode("utf-8")
