"""Games on a PostgreSQL server: engines, the write lock, change notices, errors in one line.

Each game is a schema of its own in the database (`exercise_<name>`, store/paths.py), holding
the very tables a save file holds (schema.py), so every query of the store runs unchanged on
either: a game's connections set `search_path` to its schema. Several games share a database;
one never sees another's rows.

Where SQLite begins a writer with BEGIN IMMEDIATE, a writer here locks the game's row
(`SELECT ... FOR UPDATE`) first, in READ COMMITTED: writers of one game take turns, each sees
everything committed before it got the lock, and the (game, turn) key stays the backstop.
Readers run in REPEATABLE READ: one snapshot per read, as a WAL reader has. Every write also
sends a NOTIFY on the game's channel, delivered at commit; `Watcher` LISTENs for it, so a
screen on any host sees a resolution as soon as it is committed.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, Executable, Table, create_engine, event, exc, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from exercise.errors import SaveError
from exercise.store.paths import GAME_SCHEMA_PREFIX, ServerGame

CONNECT_TIMEOUT_S = 5
IDENTITY = "exercise game identity"  # where a writer's begin leaves the schema's number
LOCK_TIMEOUT_S = 10
# A game being built (copying.py) before it takes its name: never listed as a game.
BUILDING = GAME_SCHEMA_PREFIX + "_building_"
INSTALL_HINT = "PostgreSQL games need the psycopg driver: pip install 'exercise[postgres]'"


def _url(address: ServerGame):
    try:
        url = make_url(address.url)
    except exc.ArgumentError:
        raise SaveError(f"{address.database()}: is not a database URL (postgresql://USER@HOST/DB)") from None
    if not url.database:
        raise SaveError(f"{address.database()}: name the database in the URL (postgresql://USER@HOST/DB)")
    return url.set(drivername="postgresql+psycopg")


def _check_driver() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise SaveError(INSTALL_HINT) from None


def make_engine(address: ServerGame, *, read_only: bool = False, schema: str | None = None) -> Engine:
    """An engine on the game's schema (or `schema`): readers in REPEATABLE READ, and with
    read_only, READ ONLY transactions, so a replay cannot write even by mistake."""
    _check_driver()
    schema = schema or address.schema
    # Set at connection time (libpq's `options`), so no round trip: a schema name is checked
    # words of [a-z0-9_] (paths.game_name_problem), never needing quotes. synchronous_commit
    # off is SQLite's synchronous=NORMAL trade (database.py): a commit is atomic and survives
    # any client killed; only a crash of the server's machine may lose the last ones (never a
    # part of one). Waiting for the disk at each commit cost half of a turn's write.
    options = f"-c search_path={schema} -c lock_timeout={LOCK_TIMEOUT_S}s -c synchronous_commit=off"
    engine = create_engine(
        _url(address),
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": application_name(schema),
            "options": options,
        },
        isolation_level="REPEATABLE READ",
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        if conn.get_execution_options().get("immediate", False):
            # The write lock (the game's one row), taken first so nothing is read before it; the
            # notice (sent at commit); and which schema this is (`identity`). Pipelined with the
            # driver's BEGIN: one round trip where the two took two.
            row = pipelined(conn, [(_LOCK, {"channel": schema})])
            conn.info[IDENTITY] = row[0] if row else None

    return engine.execution_options(postgresql_readonly=True) if read_only else engine


_LOCK = text(
    "SELECT n.oid::bigint, pg_notify(:channel, '') FROM game, pg_namespace n "
    "WHERE game.id = 1 AND n.nspname = current_schema() FOR UPDATE OF game"
)


@cache
def _insert_sql(table: Table) -> str:
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    return f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join(["%s"] * len(table.columns))})'


@lru_cache(maxsize=64)  # the statements are the store's module constants: a handful
def _compiled(statement: Executable, dialect: Any) -> Any:
    return statement.compile(dialect=dialect)  # type: ignore[attr-defined]


def pipelined(connection: Connection, steps: Sequence[tuple[Table | Executable, Any]]) -> tuple | None:
    """Run `steps` (a table and its rows as tuples in column order, or a statement and its
    parameters) in the connection's transaction in one psycopg pipeline: everything is sent at
    once and the server's answers come back together, one round trip for all. Returns the last
    step's first row, if it has rows. Errors come out as SQLAlchemy's, as from `execute`."""
    import psycopg

    driver = connection.connection.driver_connection
    assert driver is not None, "a live connection has its driver's"
    sql, params = "", None
    try:
        with driver.cursor() as cursor:
            with driver.pipeline():
                for step, values in steps:
                    if isinstance(step, Table):
                        sql, params = _insert_sql(step), values
                        cursor.executemany(sql, values)
                    else:
                        compiled = _compiled(step, connection.dialect)
                        sql, params = compiled.string, compiled.construct_params(values)
                        cursor.execute(sql, params)
            # the pipeline's end waited for every answer: this reads what has arrived
            return cursor.fetchone() if cursor.description else None
    except psycopg.Error as e:
        raise exc.DBAPIError.instance(sql, params, e, psycopg.Error, dialect=connection.dialect) from None


def writer(engine: Engine) -> Engine:
    """Transactions that lock the game first (see the module's docstring)."""
    return engine.execution_options(isolation_level="READ COMMITTED", immediate=True)


def application_name(schema: str) -> str:
    """How a game's connections name themselves to the server: `in_use` counts them."""
    return f"exercise {schema}"[:63]


def game_of_schema(schema: str) -> str:
    return schema[len(GAME_SCHEMA_PREFIX) :].replace("_", "-")


def describe(error: Exception) -> str:
    """A database error (SQLAlchemy's, or the driver's own) as the rest of a one-line message."""
    message = " ".join(str(getattr(error, "orig", None) or error).split())
    lowered = message.lower()
    if (
        "connection refused" in lowered
        or "resolve host" in lowered
        or "could not translate host" in lowered
        or "timeout expired" in lowered
    ):
        reason = re.search(r"(connection refused|could not translate host name|timeout expired)", lowered)
        return f"cannot reach the database server ({reason.group(1) if reason else message})"
    if "password authentication failed" in lowered or ("role" in lowered and "does not exist" in lowered):
        return "the server refused the user name or password"
    if "no password supplied" in lowered:
        return "the server asks for a password (in the URL, in PGPASSWORD or in ~/.pgpass)"
    if "database" in lowered and "does not exist" in lowered:
        return "there is no such database on the server (create it first: createdb NAME)"
    if "lock timeout" in lowered:
        return f"the game is busy (another program held it for more than {LOCK_TIMEOUT_S} s)"
    if "read-only transaction" in lowered:
        return "opened read-only (replay); open it for play to change it"
    if "permission denied" in lowered:
        return f"the server refused access ({message})"
    if "does not exist" in lowered:
        return f"is not a game of this version ({message})"
    if "server closed the connection" in lowered or "terminating connection" in lowered or "consuming input" in lowered:
        return "lost the connection to the database server (the game is at its last complete turn)"
    return f"database error ({message})"


def schema_identity(s: Session, schema: str) -> int | None:
    """The schema's number (see `identity`), or None if there is no such schema."""
    return s.connection().scalar(text("SELECT oid::bigint FROM pg_namespace WHERE nspname = :n"), {"n": schema})


def schema_exists(s: Session, schema: str) -> bool:
    return schema_identity(s, schema) is not None


def game_names(s: Session) -> list[str]:
    """The games in the database, by name: the schemas of ours that hold a game table."""
    rows = s.connection().execute(
        text(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 'game' "
            "AND table_schema LIKE :prefix AND table_schema NOT LIKE :building ORDER BY table_schema"
        ),
        {"prefix": GAME_SCHEMA_PREFIX.replace("_", r"\_") + "%", "building": BUILDING.replace("_", r"\_") + "%"},
    )
    return [game_of_schema(schema) for (schema,) in rows]


def identity(s: Session) -> int:
    """The game's schema as the server numbers it: a game replaced under the same name
    (`new --force`) gets a new one, so a Game opened on the old one stops writing. In a
    writer's transaction, as read when it took the lock."""
    connection = s.connection()
    if IDENTITY in connection.info:
        return connection.info.pop(IDENTITY)
    return connection.scalar(text("SELECT oid::bigint FROM pg_namespace WHERE nspname = current_schema()"))


def in_use(s: Session, schema: str) -> bool:
    """Whether another program has the game open now (a connection naming itself for it)."""
    others = s.connection().scalar(
        text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name AND pid <> pg_backend_pid()"),
        {"name": application_name(schema)},
    )
    return bool(others)


def temporary_schema() -> str:
    """Where a new game is built before it takes its name in one step (see copying.py)."""
    host = re.sub(r"[^a-z0-9]", "_", socket.gethostname().lower())[:12]
    return f"{BUILDING}{host}_{os.getpid()}"


@contextmanager
def admin_session(address: ServerGame) -> Iterator[Session]:
    """One transaction on the database itself (no game's schema): making, renaming and
    dropping games' schemas, listing them. DDL is transactional here: all of it or none."""
    engine = make_engine(address, schema="pg_catalog")
    try:
        with Session(engine.execution_options(isolation_level="READ COMMITTED")) as s, s.begin():
            yield s
    finally:
        engine.dispose()


class Watcher:
    """A connection of its own that LISTENs on the game's channel: `changes()` is a number
    that moves whenever anyone commits a write to the game, asked with one round trip."""

    def __init__(self, address: ServerGame):
        import psycopg

        url = _url(address)
        params = {**url.translate_connect_args(username="user", database="dbname"), **url.query}
        self._count = 0
        self._address = address
        try:
            self._con = psycopg.connect(
                **params,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name=application_name(address.schema),
            )
        except psycopg.Error as e:
            raise SaveError(f"{address}: {describe(e)}") from None
        self._con.add_notify_handler(self._heard)
        self._con.execute(f'LISTEN "{address.schema}"')

    def _heard(self, _notify) -> None:
        self._count += 1

    def changes(self) -> int:
        import psycopg

        try:
            self._con.execute("SELECT 1")  # delivers the notices that arrived meanwhile to _heard
        except psycopg.Error as e:
            raise SaveError(f"{self._address}: {describe(e)}") from None
        return self._count

    def close(self) -> None:
        self._con.close()
