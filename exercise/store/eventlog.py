"""Reading and writing the event log: events <-> packs of [shape, values...] arrays.

A shape is one (kind, field names) pair, recorded once per save in `event_shapes`; an event
is stored as its shape and its values, in that order. Decoding goes by the recorded names, so
a save stays readable when an event class later gains or reorders fields. Consecutive events
of one turn are one row of `event_packs` (a turn's engine events, or one white-cell action):
a thousand events a turn compress to a tenth of their rows.

The store numbers events in the order it records them. Without white-cell actions this is the
engine's own numbering; audit events (not part of the hashed state) shift the ones after them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from itertools import groupby
from operator import attrgetter
from typing import TypeVar

import attrs
import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exercise.core.events import EVENT_TYPES, Event
from exercise.errors import SaveError
from exercise.store.bulk import bulk_insert
from exercise.store.codec import encode, pack_rows, unzip
from exercise.store.schema import GAME_ID, EventPackRow, EventShapeRow, table_of

_COLUMNS = ("turn", "seq")  # kept in columns, not in the values
_SHAPE_COLUMNS = EventShapeRow.__table__.c
_SHAPES = select(_SHAPE_COLUMNS.shape, _SHAPE_COLUMNS.kind, _SHAPE_COLUMNS.fields).where(
    _SHAPE_COLUMNS.game_id == GAME_ID
)  # Core, built once: see queries.py
R = TypeVar("R")


def _per_event_class(f: Callable[[type[Event]], R]) -> Callable[[type[Event]], R]:
    """functools.cache for a function of an event class. Classes hash by identity, but mypy
    checks a class object against `Hashable` by its instances' `__hash__` (an attrs frozen
    class defines one), so it takes every event class for unhashable: the one ignore is here."""
    return cache(f)  # type: ignore[return-value]


@_per_event_class
def field_names(cls: type[Event]) -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(cls) if a.name not in _COLUMNS)


@_per_event_class
def _tuple_fields(cls: type[Event]) -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(cls) if str(a.type).startswith("tuple"))


def build_event(kind: str, names: Sequence[str], values: Sequence, turn: int, seq: int) -> Event:
    """An event from recorded names and values. Events hold only numbers, strings, booleans
    and tuples of strings, so this needs no general structuring (cattrs builds code for each
    class on first use, which costs more than a whole turn's read). A name the class no longer
    has is dropped; a field the save lacks takes the class default."""
    try:
        cls = EVENT_TYPES[kind]
    except KeyError:
        raise SaveError(f"the events table holds an unknown kind of event {kind!r}") from None
    known = set(field_names(cls))
    tuples = _tuple_fields(cls)
    fields = {n: (tuple(v) if n in tuples else v) for n, v in zip(names, values) if n in known}
    return cls(turn=turn, seq=seq, **fields)


@_per_event_class
def _values_of(cls: type[Event]) -> Callable[[Event], tuple]:
    """An event's values in field order, as one C-level call (a thousand events a turn)."""
    names = field_names(cls)
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda event: (one(event),)
    return attrgetter(*names) if names else (lambda event: ())


def values_text(event: Event) -> str:
    return encode(_values_of(type(event))(event))


def pack_events(shapes: Sequence[int], values: Sequence[Sequence]) -> bytes:
    """A pack of events: their shapes in order, as runs ([[shape, count], ...]), then each
    shape's values by column ({"shape": [column, ...]}). A turn's thousand events are runs of
    a few kinds, and a column of norm ids or of seats compresses far better than the events
    one after another (a 200-delegation turn: 5.6 KB against 7.1)."""
    runs = [[shape, len(list(group))] for shape, group in groupby(shapes)]
    by_shape: dict[int, list[Sequence]] = {}
    for shape, row in zip(shapes, values):
        by_shape.setdefault(shape, []).append(row)
    columns = {str(shape): [list(column) for column in zip(*rows)] for shape, rows in sorted(by_shape.items())}
    return pack_rows(orjson.dumps([runs, columns]))


def unpacked(data: bytes, where: str) -> list[tuple[int, list]]:
    """(shape, values) of each event of one pack, in order."""
    try:
        runs, columns = orjson.loads(unzip(data, where, "event log"))
        rows = {}
        for shape in {shape for shape, _ in runs}:
            count = sum(n for s, n in runs if s == shape)
            cols = columns[str(shape)]
            if any(len(column) != count for column in cols):
                raise ValueError(shape)
            rows[shape] = iter(zip(*cols) if cols else [()] * count)
        return [(shape, list(next(rows[shape]))) for shape, n in runs for _ in range(n)]
    except (ValueError, TypeError, KeyError, StopIteration, orjson.JSONDecodeError):
        raise SaveError(f"{where}: the event log is damaged (its columns do not fit its events)") from None


def expand(rows: Iterable[tuple[int, int, bytes]], where: str) -> Iterator[tuple[int, int, int, list]]:
    """(seq, turn, shape, values) of every event in packs of (first seq, turn, data)."""
    for seq, turn, data in rows:
        for i, (shape, values) in enumerate(unpacked(data, f"{where}: turn {turn}")):
            yield seq + i, turn, shape, values


class EventTable:
    """The shapes of one save, cached; shapes only ever get added, so a miss means re-reading."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, tuple[str, ...]], int] = {}
        self._shapes: dict[int, tuple[str, tuple[str, ...]]] = {}

    def _load(self, s: Session) -> None:
        rows = s.connection().execute(_SHAPES)
        for shape, kind, fields in rows:
            key = (kind, tuple(orjson.loads(fields)))
            self._ids[key] = shape
            self._shapes[shape] = key

    def shape_id(self, s: Session, cls: type[Event]) -> int:
        """The shape of `cls`, recorded if new (call inside a write transaction)."""
        key = (cls.kind, field_names(cls))
        if key not in self._ids:
            self._load(s)
        if key not in self._ids:
            top = s.scalar(select(func.max(EventShapeRow.shape)).where(EventShapeRow.game_id == GAME_ID))
            shape = 0 if top is None else top + 1
            s.add(EventShapeRow(game_id=GAME_ID, shape=shape, kind=key[0], fields=encode(list(key[1]))))
            s.flush()
            self._ids[key], self._shapes[shape] = shape, key
        return self._ids[key]

    def shape(self, s: Session, shape: int) -> tuple[str, tuple[str, ...]]:
        if shape not in self._shapes:
            self._load(s)
        try:
            return self._shapes[shape]
        except KeyError:
            raise SaveError(f"the events table names an unknown event shape {shape}") from None

    def kinds(self, s: Session) -> dict[int, str]:
        self._load(s)
        return {shape: kind for shape, (kind, _) in self._shapes.items()}

    def decode(self, s: Session, seq: int, turn: int, shape: int, values: Sequence) -> Event:
        kind, names = self.shape(s, shape)
        return build_event(kind, names, values, turn, seq)

    def append(self, s: Session, events: Sequence[Event], first_seq: int, audit: bool) -> None:
        """Insert `events` numbered from first_seq: one pack for each run of events of one turn."""
        bulk_insert(s, table_of(EventPackRow), self.packs(s, events, first_seq, audit))

    def packs(self, s: Session, events: Sequence[Event], first_seq: int, audit: bool) -> list[tuple]:
        """The event_packs rows of `events` (new shapes are recorded at once)."""
        ids = {cls: self.shape_id(s, cls) for cls in {type(e) for e in events}}
        rows, seq = [], first_seq
        for turn, run in groupby(events, key=attrgetter("turn")):
            batch = list(run)
            data = pack_events([ids[type(e)] for e in batch], [_values_of(type(e))(e) for e in batch])
            rows.append((GAME_ID, seq, turn, len(batch), audit, data))
            seq += len(batch)
        return rows

    def read(self, s: Session, rows: Iterable[tuple[int, int, bytes]], where: str) -> list[Event]:
        """The events of packs of (first seq, turn, data)."""
        return [self.decode(s, *event) for event in expand(rows, where)]
