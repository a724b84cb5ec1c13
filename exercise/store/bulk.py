"""Many rows at once, as multi-row INSERT statements straight to the driver (on PostgreSQL: COPY);
and a transaction's closing writes sent together (`Writes`).

A 200-delegation turn writes about a thousand event rows; Core's per-row parameter handling
costs twice what SQLite itself does for them, and even the driver's executemany runs SQLite's
statement once per row. One statement of a hundred rows costs SQLite about half as much per
row (figures in docs/performance.md). The statement is still compiled from
the typed table, so its columns are named in one place: rows are tuples in the table's column
order.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import chain

from sqlalchemy import ColumnElement, Executable, Table, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from exercise.store import server
from exercise.store.schema import GAME_ID, Base, table_of

# Bound values per statement: under SQLite's oldest limit (999), whatever its build.
_MAX_VALUES = 900
# Rows read at a time when one save's rows are copied into another (a branch)
COPY_CHUNK = 2000


@cache
def insert_sql(table: Table) -> str:
    return str(insert(table).compile(dialect=sqlite.dialect()))


@cache
def _many_rows_sql(table: Table, rows: int) -> str:
    """INSERT ... VALUES (?, ...), (?, ...), ... for `rows` rows."""
    head, group = insert_sql(table).split(" VALUES ")
    return f"{head} VALUES {', '.join([group] * rows)}"


def rows_per_statement(table: Table) -> int:
    return max(1, _MAX_VALUES // len(table.columns))


def bulk_insert(s: Session, table: Table, rows: Sequence[tuple]) -> None:
    """`table`: a mapped class's, from `schema.table_of`."""
    if not rows:
        return
    connection = s.connection()
    if connection.dialect.name == "postgresql":
        _copy_in(connection, table, rows)
        return
    size = rows_per_statement(table)
    whole = len(rows) - len(rows) % size
    if whole:
        sql = _many_rows_sql(table, size)
        for start in range(0, whole, size):
            connection.exec_driver_sql(sql, tuple(chain.from_iterable(rows[start : start + size])))
    if whole < len(rows):
        connection.exec_driver_sql(insert_sql(table), list(rows[whole:]))


@cache
def _copy_sql(table: Table) -> str:
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    return f'COPY "{table.name}" ({columns}) FROM STDIN'


def _copy_in(connection, table: Table, rows: Sequence[tuple]) -> None:
    """PostgreSQL's COPY, in the session's transaction: an executemany there costs a round trip
    a row (a 200-delegation turn's thousand events: four times SQLite's whole write)."""
    driver = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(_copy_sql(table)) as copy:
        for row in rows:
            copy.write_row(row)


class Writes:
    """Writes whose results nobody reads, collected and sent at the end of the transaction's
    work: on PostgreSQL in one pipeline (a single round trip for all of them, where each would
    wait for its own: a turn's eleven were a third of its round trips), on SQLite one after
    another exactly as before (a statement there costs no round trip). Failures surface at
    `send`, as SQLAlchemy's errors (a taken (game, turn) key: IntegrityError)."""

    def __init__(self) -> None:
        self._steps: list[tuple[Table | Executable, Sequence[tuple] | dict]] = []

    def insert(self, table: Table, rows: Sequence[tuple]) -> None:
        """Rows in the table's column order (as bulk_insert)."""
        if rows:
            self._steps.append((table, rows))

    def execute(self, statement: Executable, params: dict) -> None:
        self._steps.append((statement, params))

    def send(self, s: Session) -> None:
        connection = s.connection()
        if connection.dialect.name == "postgresql":
            server.pipelined(connection, self._steps)
        else:
            for step, values in self._steps:
                if isinstance(step, Table):
                    bulk_insert(s, step, values)  # type: ignore[arg-type]
                else:
                    connection.execute(step, values)  # type: ignore[arg-type]  # a statement's are a dict
        self._steps = []


def copy_all(src: Session, dst: Session) -> None:
    """Copy every row of the game, table by table (parents first), from one save into another."""
    for table in Base.metadata.sorted_tables:
        key = table.c.game_id if "game_id" in table.c else table.c.id
        result = src.execute(select(table).where(key == GAME_ID).order_by(*table.primary_key.columns))
        for chunk in result.mappings().partitions(COPY_CHUNK):
            dst.execute(insert(table), [dict(row) for row in chunk])


def copy_rows(src: Session, dst: Session, row_class: type[Base], *where: ColumnElement[bool]) -> None:
    """Copy the game's rows of `row_class` (those matching `where`) from one save into another."""
    table = table_of(row_class)
    result = src.execute(select(table).where(table.c.game_id == GAME_ID, *where))
    for chunk in result.mappings().partitions(COPY_CHUNK):
        dst.execute(insert(table), [dict(row) for row in chunk])
