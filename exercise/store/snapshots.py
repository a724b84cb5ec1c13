"""Snapshots as keyframes and deltas: the whole state every KEYFRAME_EVERY turns, and between
them only what changed since the turn before.

A delta is a JSON list of operations on the canonical state's data (`orjson.loads` of the
canonical JSON), each naming the path of keys it applies at:

    ["u", path, {key: value}, [keys gone]]   a dict: these keys set (added or changed), these removed
    ["x", path, n, [values]]                 a list: its first n items kept, these appended
    ["r", path, value]                       anything else that changed: replaced whole
    ["p", path, [residuals], {added}, [gone]] a map of many floats (internalization progress,
                                             by holder): each value in millionths, as predicted
                                             from the two turns before, plus its residual

The prediction: a value moves this turn about as it moved last turn, so the millionths of
`2 * before - before_that` (just `before` when the turn before that is not in reach: the first
delta after a keyframe) are off by a small number, mostly 0, which compresses to a third of
the values themselves. Only values that are exact millionths qualify (every stored float is
rounded to 6 places: core/state.round_stored), so the decoded float is exactly the one written.

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
# KEYFRAME_EVERY - 1 deltas (under 1 ms each for cent-vs-decent), and a keyframe of the
# 200-delegation world costs what four or five of its deltas do.
KEYFRAME_EVERY = 32
FLOAT_MAP = 16  # a dict of at least this many floats is a "p" map: fewer are not worth it
_MICRO = 1_000_000
FloatMaps = dict[tuple[str, ...], dict[str, float]]


def codec_for(turn: int) -> str:
    return SNAPSHOT_CODEC if turn % KEYFRAME_EVERY == 0 else DELTA_CODEC


def keyframe_of(turn: int) -> int:
    return turn - turn % KEYFRAME_EVERY


def older_turn(turn: int) -> int | None:
    """The turn whose state, with the one before `turn`, predicts the "p" maps of `turn`'s delta
    (None: not in reach from `turn`'s keyframe, so the turn before alone predicts)."""
    return turn - 2 if turn - 2 >= keyframe_of(turn) else None


def is_float_map(value: Any) -> bool:
    return isinstance(value, dict) and len(value) >= FLOAT_MAP and all(type(v) is float for v in value.values())


def float_maps(data: dict[str, Any], *, copy: bool = True) -> FloatMaps:
    """Every float map in the state's data by its path of keys; copied unless `copy` is False
    (data nobody changes: a reader's chain changes its data in place, turn after turn)."""
    found: FloatMaps = {}

    def walk(value: dict, path: tuple[str, ...]) -> None:
        if is_float_map(value):
            found[path] = dict(value) if copy else value
            return
        for key, child in value.items():
            if isinstance(child, dict):
                walk(child, (*path, key))

    walk(data, ())
    return found


def _lookup(maps: FloatMaps | None, path: list) -> dict[str, float] | None:
    return None if maps is None else maps.get(tuple(path))


def _micro(value: float) -> int:
    return round(value * _MICRO)


def _predicted(old: dict, older: dict[str, float] | None, key: str) -> int:
    before = _micro(old[key])
    if older is None or key not in older:
        return before
    return 2 * before - _micro(older[key])


def _float_map_op(old: dict, new: dict, older: dict[str, float] | None, path: list) -> list | None:
    """The "p" operation from `old` to the float map `new`, or None if a value is no exact
    count of millionths (then the ordinary operations say it). Thousands of values a turn:
    written as comprehensions, which run a third faster than the loop would."""
    if not all(type(v) is float for v in old.values()):
        return None
    kept = sorted(k for k in old if k in new)
    exact = [round(new[k] * _MICRO) for k in kept]
    if any(e / _MICRO != new[k] for e, k in zip(exact, kept)):
        return None
    before = [round(old[k] * _MICRO) for k in kept]
    if older is not None:  # 2 * before - before_that, where the turn before that had the key
        get = older.get
        before = [2 * b - round(get(k, 0.0) * _MICRO) if k in older else b for b, k in zip(before, kept)]
    residuals = [e - b for e, b in zip(exact, before)]
    added = {k: v for k, v in new.items() if k not in old}
    gone = sorted(old.keys() - new.keys())
    return ["p", path, residuals, added, gone]


def delta(old: dict[str, Any], new: dict[str, Any], older: FloatMaps | None = None) -> list:
    """The operations that turn `old` into `new` (both canonical state data); `older`: the
    float maps of the turn before `old` when in reach (older_turn), for the predictions."""
    ops: list = []
    _diff(old, new, [], ops, older)
    return ops


def _diff(old: Any, new: Any, path: list, ops: list, older) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        if path and is_float_map(new):
            op = _float_map_op(old, new, _lookup(older, path), path)
            if op is not None:  # (only called for a map that changed)
                ops.append(op)
                return
        sets = {}
        for key, value in new.items():
            if key not in old:
                sets[key] = value
            elif old[key] != value:
                before = old[key]
                if isinstance(value, dict | list) and type(before) is type(value):
                    _diff(before, value, [*path, key], ops, older)
                else:
                    sets[key] = value
        gone = sorted(old.keys() - new.keys())
        if sets or gone:
            ops.append(["u", path, sets, gone])
    elif isinstance(old, list) and len(new) >= len(old) and new[: len(old)] == old:
        ops.append(["x", path, len(old), new[len(old) :]])
    else:
        ops.append(["r", path, new])


def apply(data: dict[str, Any], ops: list, where: str, older: FloatMaps | None = None) -> dict[str, Any]:
    """`data` (changed in place) with the delta applied; `older` as for `delta`."""
    try:
        for op in ops:
            kind, path = op[0], op[1]
            if kind == "r" and not path:
                data = op[2]
                continue
            parent: Any = data
            for key in path[:-1] if kind in ("r", "p") else path:
                parent = parent[key]
            if kind == "p":
                old, before_that = parent[path[-1]], _lookup(older, path)
                kept = sorted(k for k in old if k not in op[4])
                if len(kept) != len(op[2]):
                    raise ValueError("p")
                new = {k: (_predicted(old, before_that, k) + r) / _MICRO for k, r in zip(kept, op[2])}
                new.update(op[3])
                parent[path[-1]] = new
            elif kind == "u":
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


def pack(
    turn: int,
    canonical: bytes,
    data: dict[str, Any],
    previous: dict[str, Any] | None,
    older: FloatMaps | None = None,
) -> tuple[str, bytes]:
    """(codec, data) of the snapshot of `turn` whose canonical JSON is `canonical` (`data`: it
    parsed); `previous`: the data of the turn before's (None: write it whole); `older`: the
    float maps of older_turn(turn), when it is not None."""
    if previous is None or codec_for(turn) == SNAPSHOT_CODEC:
        return SNAPSHOT_CODEC, pack_snapshot(canonical, keyframe=True)
    return DELTA_CODEC, pack_rows(orjson.dumps(delta(previous, data, older)))


class Chain:
    """Reads snapshot rows in turn order, each a keyframe or a delta on the one before, and
    gives each turn's canonical JSON, checked against its sha256."""

    def __init__(self, where: str = ""):
        self.where = where
        self.data: dict[str, Any] | None = None
        self.turn: int | None = None
        # the float maps of the turn read last and of the one before it (None: out of reach)
        self._maps: FloatMaps | None = None
        self._older: FloatMaps | None = None

    def read(self, turn: int, codec: str, digest: str, blob: bytes, *, text: bool = True) -> bytes:
        """The canonical JSON of `turn` (text=False: only its data is kept, unchecked: for the
        rows a reader passes on its way to the turn it wants)."""
        where = f"{self.where}: turn {turn}" if self.where else f"turn {turn}"
        if codec == SNAPSHOT_CODEC:
            raw = unzip(blob, where, "snapshot")
            if text:
                check_digest(raw, digest, where)
            self.data, self.turn = orjson.loads(raw), turn
            self._maps, self._older = float_maps(self.data), None
            return raw
        if codec != DELTA_CODEC:
            raise SaveError(f"{where}: unknown snapshot encoding {codec!r}")
        if self.data is None or self.turn != turn - 1:
            raise SaveError(f"{where}: the snapshot is damaged (a delta without the turn before)")
        self.data = apply(self.data, unpack_rows(blob, where, "snapshot"), where, self._older)
        self.turn = turn
        self._older, self._maps = self._maps, float_maps(self.data)
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
