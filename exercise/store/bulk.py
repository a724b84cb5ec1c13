"""Many rows at once, straight to the driver's executemany.

A 200-delegation turn writes about a thousand event rows; Core's per-row parameter handling
costs twice what SQLite itself does for them. The statement is still compiled from the typed
table, so its columns are named in one place: rows are tuples in the table's column order.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import Table, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session


@lru_cache(maxsize=None)
def insert_sql(table: Table) -> str:
    return str(insert(table).compile(dialect=sqlite.dialect()))


def bulk_insert(s: Session, table: Table, rows: Sequence[tuple]) -> None:
    if rows:
        s.connection().exec_driver_sql(insert_sql(table), list(rows))
