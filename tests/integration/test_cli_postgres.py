"""Every command that takes a save, run as its user runs it (`python -m exercise ... --db URL
--game NAME`, a process of its own) on a game in the test cluster: it does its work (exit 0,
what it prints or writes), and each way a server can fail is one line, exit 2, no traceback.

The file side of each command is tested beside the command; here only the server's."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from exercise.store import Game
from exercise.store.paths import save_address
from tests.integration.test_serve import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"
PLAYED = 2  # turns played in the shared game


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _run(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exercise", *argv], capture_output=True, text=True, env=_env(), cwd=cwd, timeout=120
    )


@pytest.fixture(scope="module")
def played(pg_cluster) -> tuple[str, str]:
    """(URL, NAME) of a game with two turns played, for the commands that only read."""
    where = pg_cluster.game("played")
    with Game.create(where, TUTORIAL, humans=["atlantia"]) as game:
        for _ in range(PLAYED):
            game.resolve(force=True)
    url, name = where.split("#")
    return url, name


def _fresh(pg_cluster, humans=("atlantia",)) -> tuple[str, str]:
    """(URL, NAME) of a new game nobody played yet, for a command that writes."""
    where = pg_cluster.game("fresh")
    Game.create(where, TUTORIAL, humans=humans).close()
    url, name = where.split("#")
    return url, name


def _check_run(pg_cluster, played, tmp_path):
    url, name = _fresh(pg_cluster, humans=())  # every seat scripted: run plays the turns
    done = _run("run", "--db", url, "--game", name, "--turns", "2")
    with Game.open(f"{url}#{name}", read_only=True) as game:
        assert game.turn == 2 and game.verify().ok
    return done


def _check_orders(pg_cluster, played, tmp_path):
    url, name = _fresh(pg_cluster)
    done = _run("orders", "--db", url, "--game", name, "atlantia", "propose protect-hospitals in coalition")
    with Game.open(f"{url}#{name}", read_only=True) as game:
        assert [o.text() for o in game.submitted()["atlantia"]] == ["propose protect-hospitals in coalition"]
    return done


def _check_replay(pg_cluster, played, tmp_path):
    url, name = played
    done = _run("replay", "--db", url, "--game", name, "--turn", "1", "--as", "atlantia")
    assert f"turn 1 of {PLAYED}" in done.stdout
    return done


def _check_verify(pg_cluster, played, tmp_path):
    url, name = played
    done = _run("verify", "--db", url, "--game", name)
    assert f"all {PLAYED} turns match" in done.stdout
    return done


def _check_branch(pg_cluster, played, tmp_path):
    url, name = played
    target = pg_cluster.game("branch").split("#")[1]
    done = _run("branch", "--db", url, "--game", name, "--from-turn", "1", "--save-game", target)
    with Game.open(f"{url}#{target}", read_only=True) as what_if, Game.open(f"{url}#{name}", read_only=True) as game:
        assert what_if.turn == 1 and what_if.state_hash(1) == game.state_hash(1) and game.turn == PLAYED
    return done


def _check_export(pg_cluster, played, tmp_path):
    url, name = played
    done = _run("export", "--db", url, "--game", name, "--format", "jsonl")
    kinds = {json.loads(line)["type"] for line in done.stdout.splitlines()}
    assert {"order", "state"} <= kinds, kinds
    return done


def _check_debrief(pg_cluster, played, tmp_path):
    url, name = played
    done = _run("debrief", "--db", url, "--game", name, "--markdown")
    assert done.stdout.startswith("#") and "atlantia" in done.stdout.lower()
    return done


def _check_compare(pg_cluster, played, tmp_path):
    url, name = played
    copy = tmp_path / "copy.db"
    with Game.open(f"{url}#{name}", read_only=True) as game:
        game.copy(copy).close()
    done = _run("compare", "--db", url, "--game", name, str(copy), "--json")
    assert json.loads(done.stdout)["parted_at"] is None  # the server game and its file copy: the same game
    return done


def _check_report(pg_cluster, played, tmp_path):
    url, name = played
    out = tmp_path / "report.md"
    done = _run("report", "--db", url, "--game", name, "--format", "md", "--out", str(out))
    assert out.read_text(encoding="utf-8").startswith("#")
    return done


def _check_saves(pg_cluster, played, tmp_path):
    url, name = played
    done = _run("saves", "--db", url)
    assert f"{url}#{name}" in done.stdout.split()
    return done


def _check_serve(pg_cluster, played, tmp_path):
    pytest.importorskip("aiohttp")
    pytest.importorskip("textual_serve")
    url, name = played
    port = free_port()
    command = [sys.executable, "-m", "exercise", "serve", "--db", url, "--game", name, "--as", "atlantia"]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        wait_for_port(port, server)
        with Game.open(f"{url}#{name}", read_only=True) as game:
            token = game.live.web_token("atlantia")
        assert token in server.stdout.readline()  # the seat's address, with its token from the game's secret
    finally:
        server.terminate()
        out, err = server.communicate(timeout=15)
    return subprocess.CompletedProcess(command, 0, out, err)


def _check_play(pg_cluster, played, tmp_path):
    """The terminal UI, in a terminal of its own (a pty), opens the server game on the seat's
    desk and holds the seat's lease on the server while it is open; ctrl+q quits it."""
    url, name = _fresh(pg_cluster)
    command = [sys.executable, "-m", "exercise", "play", "--db", url, "--game", name, "--as", "atlantia"]
    child = _in_a_terminal(command, "Welcome, delegate")  # the tutorial's first page, over the desk
    try:
        with Game.open(f"{url}#{name}", read_only=True) as game:
            assert [lease.seat for lease in game.live.leases()] == ["atlantia"]
        os.write(child.fd, b"\x1b")  # escape closes the tutorial: the desk under it
        screen = _until(child, "Your orders this turn")
        os.write(child.fd, b"\x11")  # ctrl+q
        code = child.wait(timeout=30)
    finally:
        child.close()
    assert "Republic of Atlantia" in screen
    return subprocess.CompletedProcess(command, code, screen, "")


class _Terminal:
    def __init__(self, command: list[str]):
        self.fd, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
        env = {**_env(), "TERM": "xterm-256color"}
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env)
        os.close(slave)
        self.seen = b""

    def read(self, seconds: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            try:
                self.seen += os.read(self.fd, 65536)
            except OSError:  # the child closed the terminal
                time.sleep(seconds)

    def text(self) -> str:
        return re.sub(
            r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]", "", self.seen.decode("utf-8", "replace")
        )

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.2)
        return self.process.wait(timeout=1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        os.close(self.fd)


def _in_a_terminal(command: list[str], until: str) -> _Terminal:
    child = _Terminal(command)
    _until(child, until)
    return child


def _until(child: _Terminal, until: str) -> str:
    """What the terminal showed, once it has shown `until`."""
    deadline = time.monotonic() + 60
    while until not in " ".join(child.text().split()):
        assert child.process.poll() is None, child.text()[-2000:]
        assert time.monotonic() < deadline, child.text()[-2000:]
        child.read(0.2)
    return " ".join(child.text().split())


COMMANDS = {
    "play": _check_play,
    "run": _check_run,
    "orders": _check_orders,
    "replay": _check_replay,
    "verify": _check_verify,
    "branch": _check_branch,
    "export": _check_export,
    "debrief": _check_debrief,
    "compare": _check_compare,
    "report": _check_report,
    "serve": _check_serve,
    "saves": _check_saves,
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_command_works_on_a_server_game(command, pg_cluster, played, tmp_path):
    done = COMMANDS[command](pg_cluster, played, tmp_path)
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr + done.stdout


# --- the server's errors, for every command -------------------------------------------------

# Each command's arguments besides its save; `{game}` is the save (`URL#NAME`).
ARGUMENTS = {
    "play": ["{game}", "--as", "atlantia"],
    "run": ["{game}", "--turns", "1"],
    "orders": ["{game}", "atlantia", "pass"],
    "replay": ["{game}", "--turn", "1"],
    "verify": ["{game}"],
    "branch": ["{game}", "--from-turn", "0", "--save-game", "elsewhere"],
    "export": ["{game}"],
    "debrief": ["{game}"],
    "compare": ["{game}", "{game}"],
    "report": ["{game}", "--format", "md", "--out", "{tmp}/r.md"],
    "serve": ["{game}", "--as", "atlantia", "--port", "{port}"],
    "saves": ["{database}"],
}


def _problems(pg_cluster, newer: str) -> dict[str, tuple[str, str]]:
    """Each way the server fails -> (the save `URL#NAME` to name, what the one line says)."""
    from tests.postgres import GUARDED_USER

    main = pg_cluster.main
    return {
        "unreachable": (f"postgresql://postgres@127.0.0.1:1/{main}#g", "cannot reach the database server"),
        "credentials": (
            f"postgresql://{GUARDED_USER}:wrong@127.0.0.1:{pg_cluster.port}/{main}#g",
            "refused the user name or password",
        ),
        "no-game": (f"{pg_cluster.url(main)}#absent", "no such game"),
        "newer": (newer, "written by a newer exercise"),
    }


@pytest.fixture(scope="module")
def newer_game(pg_cluster) -> str:
    where = pg_cluster.game("newer")
    Game.create(where, TUTORIAL, humans=["atlantia"]).close()
    pg_cluster.sql(pg_cluster.main, f"UPDATE {save_address(where).schema}.game SET schema_version = 999")
    return where


# `saves` lists a database's games: it names no game, so it has no "no such game" or "newer
# game" to fail on (a newer game among the others has its own test below)
FAILURES = [
    (command, problem)
    for command in sorted(ARGUMENTS)
    for problem in ("unreachable", "credentials", "no-game", "newer")
    if not (command == "saves" and problem in ("no-game", "newer"))
]


@pytest.mark.parametrize("command, problem", FAILURES)
def test_a_server_error_is_one_line_and_exit_2(command, problem, pg_cluster, newer_game, cli, tmp_path):
    save, says = _problems(pg_cluster, newer_game)[problem]
    database = save.split("#")[0]
    argv = [word.format(game=save, database=database, tmp=tmp_path, port=free_port()) for word in ARGUMENTS[command]]
    code, out, err = cli(command, *argv)
    assert code == 2 and not out and len(err.strip().splitlines()) == 1, (code, out, err)
    assert says in err and "wrong" not in err  # never the password
    assert "#:" not in err  # a game by its name, a whole database (saves) without a dangling '#'


def test_saves_of_a_database_with_a_newer_game_says_so_and_lists_the_rest(pg_cluster, newer_game, played, cli):
    url, name = played
    _code, out, err = cli("saves", "--db", url)
    assert f"{url}#{name}" in out.split()
    assert "newer" in out + err and "Traceback" not in out + err
