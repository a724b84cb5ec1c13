"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, a server on a
free loopback port, removed at the end of the session.

initdb refuses to run as root (as CI runs): then the cluster belongs to the `postgres` user
(Debian's package makes it) and its programs run through `runuser`. Without PostgreSQL the
tests that need it skip with one line saying how to enable them, except in CI (CI=true), where
they fail instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

HOW = (
    "install PostgreSQL (Debian: apt-get install postgresql; .ci/run does) so pg_ctl is on PATH "
    "or in /usr/lib/postgresql/*/bin, and pip install -e '.[test]' for psycopg"
)
# A role that must give its password (the others are trusted on the loopback)
GUARDED_USER, GUARDED_PASSWORD = "guarded", "right-password"


def bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    candidates = [Path(os.path.realpath(found)).parent] if found else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()), None)


def missing() -> str | None:
    """What is missing to run the PostgreSQL tests, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    if bin_dir() is None:
        return "PostgreSQL (pg_ctl, initdb) is not installed"
    if os.geteuid() == 0 and (shutil.which("runuser") is None or _postgres_uid() is None):
        return "running as root without a postgres user (or runuser) to own the cluster"
    return None


def require() -> None:
    problem = missing()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"PostgreSQL tests cannot run in CI: {problem}; {HOW}")
    pytest.skip(f"PostgreSQL tests: {problem}; {HOW}")


def _postgres_uid() -> int | None:
    import pwd

    try:
        return pwd.getpwnam("postgres").pw_uid
    except KeyError:
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One server for the session; `database()` makes a fresh database, `game()` a fresh game name."""

    def __init__(self, durable: bool = False) -> None:
        """durable: fsync as a real server does (benchmarks); the tests skip it for speed."""
        self.bin = bin_dir()
        assert self.bin is not None
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="exercise-pg-"))
        self.data = self.folder / "data"
        self._as_root = os.geteuid() == 0
        if self._as_root:
            os.chown(self.folder, _postgres_uid(), -1)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        hba = (
            f"host all {GUARDED_USER} 127.0.0.1/32 scram-sha-256\n"
            "host all all 127.0.0.1/32 trust\nlocal all all trust\n"
        )
        self._write(self.data / "pg_hba.conf", hba)
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        options += "" if durable else " -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        self.sql("postgres", f"CREATE ROLE {GUARDED_USER} LOGIN PASSWORD '{GUARDED_PASSWORD}'")
        self.main = self.database()

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def _write(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        if self._as_root:
            os.chown(path, _postgres_uid(), -1)

    def url(self, database: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def sql(self, database: str, statement: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as con:
            cursor = con.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def database(self) -> str:
        name = f"db_{uuid.uuid4().hex[:10]}"
        self.sql("postgres", f"CREATE DATABASE {name}")
        return name

    def game(self, stem: str = "game") -> str:
        """`URL#NAME` of a game no test has used yet, in the session's database."""
        return f"{self.url(self.main)}#{stem}-{uuid.uuid4().hex[:8]}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start(durable: bool = False) -> Cluster:
    for attempt in range(3):  # a free port may be taken between the probe and the start
        try:
            return Cluster(durable)
        except subprocess.CalledProcessError:
            if attempt == 2:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")
