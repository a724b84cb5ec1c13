"""Games on a PostgreSQL server (docs/postgres.md): the same behaviour as a save file, run on
both (the `save_at` fixture), then what only a server has: several games in one database,
errors worded for a server, and a game copied to a file and back unchanged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exercise.core.orders import parse_order
from exercise.errors import AlreadyResolved, SaveError, SeatTaken, StaleOrders
from exercise.store import Game
from exercise.store.paths import ServerGame, save_address

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"
HUMANS = ("atlantia", "borealis")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


# --- the same behaviour on a file and on a server ----------------------------------------


def test_a_turn_resolves_once_and_a_second_client_is_told(save_at):
    where = save_at("once.db")
    Game.create(where, TUTORIAL, humans=HUMANS).close()
    with Game.open(where) as first, Game.open(where) as second:
        first.submit("atlantia", [])
        first.submit("borealis", [])
        assert second.resolve() is not None and second.turn == 1
        with pytest.raises(AlreadyResolved, match="turn 1 was already resolved"):
            first.resolve()
        with pytest.raises(AlreadyResolved):
            first.submit("atlantia", [], for_turn=1)
        assert first.turn == 1 and first.verify().ok


def test_the_same_orders_give_the_same_hashes_on_either(save_at, tmp_path):
    """A game on the server and in a file, played with the same orders: byte-identical states."""
    order = parse_order("propose protect-hospitals in coalition", "atlantia")
    hashes = []
    for where in (str(tmp_path / "reference.db"), save_at("same.db")):
        with Game.create(where, TUTORIAL, humans=("atlantia",)) as game:
            for _ in range(3):
                game.submit("atlantia", [order] if game.turn == 0 else [])
                game.resolve()
            hashes.append([game.state_hash(t) for t in range(4)])
    assert hashes[0] == hashes[1]


def test_codes_leases_and_drafts_behave_alike(save_at):
    where = save_at("live.db")
    Game.create(where, TUTORIAL, humans=HUMANS).close()
    with Game.open(where) as desk, Game.open(where) as other:
        codes = desk.live.issue_codes()
        assert desk.live.unlocks("atlantia", codes["atlantia"]) and not other.live.unlocks("atlantia", "no")
        desk.live.open_seats(["atlantia"], "desk-a", place="laptop-1")
        with pytest.raises(SeatTaken, match="laptop-1"):
            other.live.open_seats(["atlantia"], "desk-b", place="laptop-2")
        order = parse_order("propose protect-hospitals in coalition", "atlantia")
        version = desk.live.save_draft("atlantia", [order], for_turn=1, version=0)
        with pytest.raises(StaleOrders):  # made from the version before: refused, not lost
            other.live.save_draft("atlantia", [], for_turn=1, version=0)
        assert other.live.draft("atlantia").orders == (order,) and other.live.draft("atlantia").version == version


def test_a_resolution_is_seen_by_another_client_within_a_second(save_at):
    where = save_at("watch.db")
    Game.create(where, TUTORIAL).close()
    with Game.open(where, read_only=True) as screen, Game.open(where) as host:
        before = screen.changes()
        host.resolve()
        deadline = time.monotonic() + 1.0
        while screen.changes() == before:
            assert time.monotonic() < deadline, "the other client did not see the commit within a second"
            time.sleep(0.02)
        assert screen.turn == 1


def test_a_client_killed_holding_the_write_lock_leaves_the_game_whole(save_at, tmp_path):
    """The child takes the write lock and half-writes a turn's orders, then is SIGKILLed: the
    server (or SQLite) rolls it back and frees the lock at once; the game resolves normally."""
    where = save_at("killed.db")
    Game.create(where, TUTORIAL, humans=HUMANS).close()
    ready = tmp_path / "ready"
    script = f"""
import pathlib, time
from exercise.core.orders import parse_order
from exercise.store import Game
game = Game.open({where!r})
with game._write() as s:
    game._put_pending(s, 1, "atlantia", [parse_order("propose protect-hospitals in coalition", "atlantia")])
    s.flush()
    pathlib.Path({str(ready)!r}).touch()
    time.sleep(600)
"""
    child = subprocess.Popen([sys.executable, "-c", script], env=_env(), stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        if child.stderr:
            child.stderr.close()
    with Game.open(where) as game:
        assert game.submitted() == {}  # the killed transaction left nothing
        started = time.monotonic()
        assert game.resolve(force=True) is not None
        assert time.monotonic() - started < 5  # the lock died with its holder
        assert game.turn == 1 and game.verify().ok


def test_branch_keeps_the_turns_and_leaves_the_game(save_at):
    where = save_at("origin.db")
    with Game.create(where, TUTORIAL) as game:
        for _ in range(3):
            game.resolve()
        with game.branch(1, save_at("what-if.db")) as what_if:
            assert what_if.turn == 1 and what_if.state_hash(1) == game.state_hash(1) and what_if.verify().ok
        assert game.turn == 3


def test_new_force_refuses_a_game_open_elsewhere(save_at):
    where = save_at("busy.db")
    Game.create(where, TUTORIAL).close()
    opener = subprocess.Popen(
        [sys.executable, "-c", f"from exercise.store import Game\ng = Game.open({where!r})\ng.turn\ninput()"],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:  # until the other program has it open
            try:
                Game.create(where, TUTORIAL, force=True).close()
            except SaveError as e:
                assert "is open in another program" in str(e)
                break
            assert time.monotonic() < deadline, "the other program never opened it"
            time.sleep(0.1)
    finally:
        opener.communicate(b"\n", timeout=30)


# --- only on a server ------------------------------------------------------------------


def test_several_games_share_a_database_and_saves_lists_them(pg_cluster, cli):
    url = pg_cluster.url(pg_cluster.database())
    for name, turns in (("class-1", 2), ("class-2", 0)):
        with Game.create(f"{url}#{name}", TUTORIAL) as game:
            for _ in range(turns):
                game.resolve()
    with Game.open(f"{url}#class-1", read_only=True) as one, Game.open(f"{url}#class-2", read_only=True) as two:
        assert (one.turn, two.turn) == (2, 0)
    code, out, err = cli("saves", "--db", url)
    assert code == 0, err
    listed = [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]
    assert sorted(listed) == [f"{url}#class-1", f"{url}#class-2"]


def test_copy_to_a_server_and_back_keeps_every_hash(pg_cluster, cli, tmp_path):
    save = tmp_path / "class.db"
    with Game.create(save, TUTORIAL, humans=HUMANS) as game:
        codes = game.live.issue_codes()
        for _ in range(3):
            game.resolve(force=True)
        hashes = [game.state_hash(t) for t in range(4)]
        events = len(game.events())
    url = pg_cluster.url(pg_cluster.main)
    game_name = pg_cluster.game("class").split("#")[1]
    code, out, err = cli("copy", save, url, "--game", game_name)
    assert code == 0, err
    assert hashes[-1][:16] in out
    code, out, err = cli("verify", "--db", url, "--game", game_name)
    assert code == 0 and "all 3 turns match" in out, err
    back = tmp_path / "back.db"
    code, _, err = cli("copy", "--db", url, "--game", game_name, back)
    assert code == 0, err
    for where in (f"{url}#{game_name}", back):
        with Game.open(where, read_only=True) as copy:
            assert [copy.state_hash(t) for t in range(4)] == hashes and len(copy.events()) == events
            assert copy.live.unlocks("atlantia", codes["atlantia"])  # the live session moved too
            assert copy.verify().ok
    code, _, err = cli("copy", save, url, "--game", game_name)
    assert code == 2 and "already exists" in err


def test_commands_take_db_and_game(pg_cluster, cli):
    url = pg_cluster.url(pg_cluster.main)
    name = pg_cluster.game("cli").split("#")[1]
    code, out, err = cli("new", "tutorial", "--db", url, "--game", name, "--human", "atlantia", "--no-codes")
    assert code == 0 and f"created {url}#{name}" in out, err
    assert cli("orders", "--db", url, "--game", name, "atlantia", "pass")[0] == 0
    assert cli("run", "--db", url, "--game", name, "--turns", "1")[0] == 0
    code, out, err = cli("replay", "--db", url, "--game", name, "--turn", "1", "--as", "atlantia")
    assert code == 0 and "turn 1 of 1" in out, err
    code, out, err = cli("branch", "--db", url, "--game", name, "--from-turn", "1", "--save-game", name + "-b")
    assert code == 0 and f"{url}#{name}-b" in out, err
    for command in ("export", "debrief", "verify"):
        code, out, err = cli(command, "--db", url, "--game", name + "-b")
        assert code == 0 and out, (command, err)
    code, out, err = cli("compare", f"{url}#{name}", f"{url}#{name}-b")
    assert code == 0, err


def _one_line(cli, *argv) -> str:
    code, out, err = cli(*argv)
    assert code == 2 and not out and len(err.strip().splitlines()) == 1, (code, out, err)
    return err.strip()


def test_server_errors_are_one_line_and_exit_2(pg_cluster, cli):
    from tests.postgres import GUARDED_USER

    port, main = pg_cluster.port, pg_cluster.main
    refused = _one_line(cli, "verify", "--db", f"postgresql://postgres@127.0.0.1:1/{main}", "--game", "g")
    assert "cannot reach the database server (connection refused)" in refused
    wrong = f"postgresql://{GUARDED_USER}:wrong@127.0.0.1:{port}/{main}"
    message = _one_line(cli, "verify", "--db", wrong, "--game", "g")
    assert "refused the user name or password" in message and "wrong" not in message  # never the password
    assert "no such database" in _one_line(cli, "verify", "--db", pg_cluster.url("nowhere"), "--game", "g")
    assert "no such game" in _one_line(cli, "verify", "--db", pg_cluster.url(main), "--game", "absent")
    assert "name the game" in _one_line(cli, "verify", "--db", pg_cluster.url(main))
    assert "not a game name" in _one_line(cli, "verify", "--db", pg_cluster.url(main), "--game", "Bad_Name")
    newer = pg_cluster.game("newer")
    Game.create(newer, TUTORIAL).close()
    schema = save_address(newer).schema
    pg_cluster.sql(main, f"UPDATE {schema}.game SET schema_version = 999")
    assert "written by a newer exercise" in _one_line(cli, "play", newer, "--as", "white")


def test_a_game_replaced_under_its_name_stops_the_old_clients_writes(pg_cluster):
    where = pg_cluster.game("replaced")
    Game.create(where, TUTORIAL).close()
    with Game.open(where) as old:
        address = save_address(where)
        assert isinstance(address, ServerGame)
        schema = address.schema
        # what `new --force` does from another host once nobody has it open, done by hand here
        pg_cluster.sql(pg_cluster.main, f"ALTER SCHEMA {schema} RENAME TO {schema}_gone")
        Game.create(where, TUTORIAL).close()
        with pytest.raises(SaveError, match="was replaced or removed"):
            old.resolve()
    with Game.open(where, read_only=True) as new:
        assert new.turn == 0
