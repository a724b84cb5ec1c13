"""Opening SQLite files safely: inspect before touching, engines with the right pragmas, and
database errors translated into one-line SaveErrors at the boundary.

A file is inspected (header bytes, then a read-only connection) before any connection that
could write to it is made, so a file that is not a good save is left byte-identical.

Writers run in WAL mode with a busy timeout: readers never wait for a writer, and writers wait
for each other instead of failing. synchronous=NORMAL keeps each commit atomic and durable
against a killed process; only an OS crash or power loss can lose the last commits (never
corrupt the file), which is the trade SQLite documents for WAL.
"""

from __future__ import annotations

import os
import sqlite3
import struct

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from exercise.errors import SaveError
from exercise.store import server
from exercise.store.paths import SaveAddress, ServerGame
from exercise.store.schema import APPLICATION_ID, GAME_ID, SCHEMA_VERSION

BUSY_TIMEOUT_S = 10.0
MAGIC = b"SQLite format 3\x00"


# Files this process holds open through the store, by (device, inode). Closing ANY descriptor
# of a file drops every POSIX lock this process holds on it, SQLite's included (a documented
# SQLite pitfall): another process would then take our readers for gone, reset the WAL, and
# leave them reading an old snapshot. So a file in here is never opened outside SQLite.
_held: Counter[tuple[int, int]] = Counter()
_held_lock = threading.Lock()
# Held files this process reads as immutable (no locks to drop): a second reader may too.
_immutable: set[tuple[int, int]] = set()


def _key(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def hold(path: Path) -> tuple[int, int] | None:
    key = _key(path)
    if key is not None:
        with _held_lock:
            _held[key] += 1
    return key


def release(key: tuple[int, int] | None) -> None:
    if key is None:
        return
    with _held_lock:
        _held[key] -= 1
        if _held[key] <= 0:
            del _held[key]
            _immutable.discard(key)


def held(path: Path) -> bool:
    key = _key(path)
    with _held_lock:
        return key is not None and key in _held


# SQLite's dead-man-switch byte in a WAL save's -shm file: every connection that has the save
# open holds a shared POSIX lock on it, for as long as it is open (os_unix.c, UNIX_SHM_DMS).
_DMS_BYTE = 128


@contextmanager
def exclusive_use(path: Path) -> Iterator[None]:
    """Hold the save at `path` against every other program while the block runs: SaveError if
    any has it open now (a terminal playing, replaying or serving it); while held, one that
    tries to open it waits. A save never opened in WAL mode, or whose -shm is gone, is not in
    use. Never for a file this process has open: closing the descriptor opened here would
    drop this process's own SQLite locks on it (see `_held`)."""
    shm = path.with_name(path.name + "-shm")
    if held(path):
        raise SaveError(f"{path}: is open in this program; close it before replacing it")
    if fcntl is None:  # no POSIX locks (Windows): SQLite's own locking refuses the rename
        yield
        return
    try:
        fd = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        yield
        return
    except OSError as e:
        raise SaveError(f"{path}: cannot check whether another program has it open ({e.strerror})") from None
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _DMS_BYTE)
        except OSError:
            raise SaveError(
                f"{path}: is open in another program (a terminal playing, replaying or serving "
                f"it); close it there first, or its later turns would be lost"
            ) from None
        try:
            yield
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, _DMS_BYTE)
    finally:
        os.close(fd)


def in_use_elsewhere(path: Path) -> bool:
    """Whether another program has the save open now (holds the -shm dead-man switch), asked
    with F_GETLK, which takes no lock. Only for a file this process does not hold."""
    if fcntl is None or held(path):
        return held(path)
    shm = path.with_name(path.name + "-shm")
    try:
        fd = os.open(shm, os.O_RDONLY)
    except OSError:
        return False  # no -shm: nobody has it open in WAL mode
    try:
        query = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _DMS_BYTE, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
        return struct.unpack_from("h", answer)[0] != fcntl.F_UNLCK
    except OSError:
        return True  # cannot tell: assume someone may be writing (never read it as immutable)
    finally:
        os.close(fd)


# Below this much free space a reader does not try to make -wal/-shm files (which needs room).
_LOW_SPACE = 256 * 1024


def _low_space(folder: Path) -> bool:
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return st.f_bavail * st.f_frsize < _LOW_SPACE


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def reader_mode(path: Path) -> str:
    """How a reader opens the save at `path`, for make_engine.

    "query" (a read-write connection that never writes) on a file this user may write: the last
    reader out removes the -wal/-shm files. "immutable" where that cannot work and nothing can
    change the file: this user cannot write the file or its folder (read-only media, another
    user's save, a read-only mount), or the disk is full, while no program has the save open and
    its -wal holds no unfinished commits. Such a connection makes no -wal/-shm files and takes
    no locks, so a read works where creating them would fail, and leaves nothing behind. "ro"
    otherwise: another program has it open (its -shm is there to share), or a -wal holds
    commits SQLite must read. Never "immutable" for a file this process has open (see `_held`).
    """
    can_write = writable(path)
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        pending = False
    if held(path):
        with _held_lock:
            return "immutable" if _key(path) in _immutable else ("query" if can_write else "ro")
    if pending or in_use_elsewhere(path):
        return "query" if can_write else "ro"
    if not can_write or _low_space(path.parent):
        return "immutable"
    return "query"


def disk_full(path: Path) -> bool:
    return _low_space(path.parent if not path.is_dir() else path)


def same_file(path: Path, key: tuple[int, int] | None) -> bool:
    """Whether `path` is still the file that was opened as `key` (not replaced or removed)."""
    return key is None or _key(path) == key


def inspect_file(path: Path) -> bytes | None:
    """Refuse, in one line, anything that is clearly not an intact SQLite file; return its
    100-byte header (None for a file this process already has open, which was inspected when
    first opened and must not be read behind SQLite's back)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except OSError as e:
        raise SaveError(f"{path}: cannot be read ({e.strerror})") from None
    if path.is_dir():
        raise SaveError(f"{path}: is a directory, not a save file")
    if held(path):
        return None
    if size == 0:
        raise SaveError(f"{path}: is empty, not a save file")
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as e:
        raise SaveError(f"{path}: cannot be read ({e.strerror})") from None
    if not (head.startswith(MAGIC) or MAGIC.startswith(head)):
        raise SaveError(f"{path}: is not a save file (not an SQLite database)")
    if len(head) < 100:
        raise SaveError(f"{path}: is truncated ({size} bytes): restore it from a copy")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise SaveError(f"{path}: is damaged (bad SQLite header): restore it from a copy")
    pages = int.from_bytes(head[28:32], "big")
    header_count_valid = head[92:96] == head[24:28] and pages > 0
    wal = path.with_name(path.name + "-wal")
    # A killed checkpoint can leave the header ahead of the file; the WAL then completes it.
    wal_pending = wal.exists() and wal.stat().st_size > 0
    if not wal_pending and (size % page_size or (header_count_valid and size < pages * page_size)):
        expected = f" of {pages * page_size}" if header_count_valid else ""
        raise SaveError(f"{path}: is truncated ({size} bytes{expected}): restore it from a copy")
    return head


def _connect(path: Path, mode: str, wal: bool) -> sqlite3.Connection:
    # "query": read and write access to the file, but no statement may change it. Unlike a
    # read-only connection, the last one to close can remove the -wal and -shm files.
    # Never `immutable=1`: closing such a connection drops this process's locks on the file,
    # and other connections to it then miss commits made by other processes.
    options = {"query": "mode=rw", "immutable": "mode=ro&immutable=1"}.get(mode, f"mode={mode}")
    if mode == "immutable" and (key := _key(path)) is not None:
        with _held_lock:
            _immutable.add(key)
    uri = f"file:{quote(str(path.resolve()))}?{options}"
    # isolation_level=None: the "begin" listener below issues BEGIN itself (SQLAlchemy's
    # documented recipe), so a writer can ask for BEGIN IMMEDIATE.
    con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    if wal:  # a new file; an existing one is switched by ensure_wal once checked
        con.execute("PRAGMA journal_mode = WAL")
    if mode in ("rw", "rwc"):
        con.execute("PRAGMA synchronous = NORMAL")
    con.execute("PRAGMA foreign_keys = ON")
    if mode == "query":
        con.execute("PRAGMA query_only = ON")
    return con


def make_engine(path: Path, mode: str, wal: bool = True) -> Engine:
    """mode: "ro" (never writes), "query" (reads only, on a writable file), "immutable" (reads
    a file nothing can change: see reader_mode), "rw" (an existing file), "rwc" (may create it)."""
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: _connect(path, mode, wal and mode == "rwc"),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def watcher(path: Path) -> sqlite3.Connection:
    """A connection of its own for `PRAGMA data_version`, which changes when any OTHER
    connection commits: several polls a second cost next to nothing."""
    return _connect(path, reader_mode(path), False)  # as the Game's readers: see reader_mode


def writer(engine: Engine) -> Engine:
    """The same engine, beginning transactions with BEGIN IMMEDIATE: the write lock is taken
    first, so a read-then-write transaction can never be overtaken by another writer."""
    return engine.execution_options(immediate=True)


def describe(error: exc.DBAPIError) -> str:
    message = str(error.orig) if error.orig is not None else str(error)
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"the save is busy (another program held it for more than {BUSY_TIMEOUT_S:g} s)"
    if "readonly" in lowered or "read-only" in lowered:
        return "cannot be written (read-only file or directory)"
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return "is damaged: restore it from a copy"
    if "disk is full" in lowered or "disk i/o" in lowered:
        return f"cannot be written ({message})"
    if "no such table" in lowered or "no such column" in lowered:
        return f"is not a save of this version ({message})"
    return f"database error ({message})"


@contextmanager
def translated(path: SaveAddress) -> Iterator[None]:
    """Database errors -> SaveError naming the file (or the server game), in one line."""
    try:
        yield
    except exc.DBAPIError as e:
        if isinstance(path, ServerGame):
            raise SaveError(f"{path}: {server.describe(e)}") from None
        message = describe(e)
        if message.startswith("cannot be written (") and disk_full(path):
            # SQLite says "disk I/O error" when it cannot grow the -shm file: name the cause
            message = (
                "cannot be written: the disk is full (the save stays at its last complete "
                "turn; free some space and go on)"
            )
        raise SaveError(f"{path}: {message}") from None


def check_header(path: Path) -> None:
    """Refuse a file that is not an intact SQLite file of ours (or is from a newer release)
    from its first 100 bytes, before any connection is made: a connection to a WAL-mode file
    may leave -wal/-shm files beside it."""
    header = inspect_file(path)
    if header is None:  # already open in this process, so already checked
        return
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise SaveError(f"{path}: is an SQLite database but not a save")
    if int.from_bytes(header[60:64], "big") > SCHEMA_VERSION:
        raise _newer(path, int.from_bytes(header[60:64], "big"))


def check_tables(path: Path, session: Session) -> int:
    """The save's schema version, from its game table (which has the final word)."""
    # Plain SQL to the driver: the first compile of each SQLAlchemy statement is a few ms of
    # a fresh process, and these two run once per open, before the file is known to be ours.
    connection = session.connection()
    tables = {name for (name,) in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "game" not in tables:
        raise SaveError(f"{path}: is an SQLite database but not a save (it has no game table)")
    try:
        version = connection.exec_driver_sql("SELECT schema_version FROM game WHERE id = ?", (GAME_ID,)).scalar()
    except exc.OperationalError:
        raise SaveError(f"{path}: is an SQLite database but not a save (its game table is foreign)") from None
    if version is None:
        raise SaveError(f"{path}: is not a complete save (its game table is empty)")
    if version > SCHEMA_VERSION:
        raise _newer(path, version)
    return version


def ensure_wal(engine: Engine) -> None:
    """Switch a save to WAL (if a copy made by other tools is not) once it is known to be ours."""
    raw = engine.raw_connection()
    try:
        assert raw.driver_connection is not None  # a live pool connection holds its driver's
        if raw.driver_connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            raw.driver_connection.execute("PRAGMA journal_mode = WAL")
    finally:
        raw.close()


def _newer(path: SaveAddress, version: int) -> SaveError:
    return SaveError(
        f"{path}: was written by a newer exercise (save schema {version}; this one "
        f"reads up to {SCHEMA_VERSION}): upgrade exercise to open it"
    )


def set_file_identity(session: Session, version: int = SCHEMA_VERSION) -> None:
    """Mark the file as a save of `version` in the SQLite header (application_id, user_version)."""
    session.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
    session.execute(text(f"PRAGMA user_version = {int(version)}"))
