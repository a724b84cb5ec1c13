"""Changing a save behind the store's back, as a damaged or doctored file would be: the rows
are packed per turn (schema 6), so a test unpacks, edits and repacks them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from exercise.store.codec import pack_orders, unpack_orders
from exercise.store.eventlog import pack_events, unpacked


def _each(path: Path, select: str, update: str, change: Callable[[tuple], bytes | None]) -> None:
    con = sqlite3.connect(path)
    try:
        for row in con.execute(select).fetchall():
            data = change(row)
            if data is not None:
                con.execute(update, (data, *row[:-1]))
        con.commit()
    finally:
        con.close()


def set_orders(path: Path, turn: int, text: str, seat: str | None = None) -> None:
    """Turn `turn`'s orders of `seat` (None: every seat) replaced by `text`."""

    def change(row: tuple) -> bytes:
        rows = unpack_orders(row[-1], "test")
        return pack_orders((s, text if seat in (None, s) else t, source) for s, t, source in rows)

    _each(
        path,
        f"SELECT turn, data FROM order_packs WHERE turn = {turn}",
        "UPDATE order_packs SET data = ? WHERE turn = ?",
        change,
    )


def drop_orders(path: Path, turn: int) -> None:
    con = sqlite3.connect(path)
    con.execute("DELETE FROM order_packs WHERE turn = ?", (turn,))
    con.commit()
    con.close()


def edit_events(path: Path, change: Callable[[int, list], list], where: str = "1") -> None:
    """Every event's [shape, values...] array in the packs `where` selects, through change(turn, item)."""

    def repack(row: tuple) -> bytes:
        items = [change(row[1], [shape, *values]) for shape, values in unpacked(row[-1], "test")]
        return pack_events([item[0] for item in items], [item[1:] for item in items])

    _each(
        path,
        f"SELECT seq, turn, data FROM event_packs WHERE {where}",
        "UPDATE event_packs SET data = ? WHERE seq = ? AND turn = ?",
        repack,
    )
