"""Two `exercise serve --db` processes (two hosts) on one game on PostgreSQL: a tab on each
draws its seat from the same game, and each tab's process opens the game by its URL (the seats'
leases across hosts are tests/store/test_live_processes.py's, on both back ends)."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from exercise.store import Game
from tests.integration.test_serve import free_port, screen_text, wait_for_port

pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")


def _serve(url: str, game: str, seat: str, port: int, log) -> subprocess.Popen:
    command = [sys.executable, "-m", "exercise", "serve", "--db", url, "--game", game, "--as", seat]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)


def test_two_serve_hosts_serve_seats_of_one_game(pg_cluster, tutorial_path, tmp_path):
    where = pg_cluster.game("served")
    url, name = where.split("#")
    Game.create(where, tutorial_path, humans=["atlantia", "borealis"]).close()
    with Game.open(where) as game:
        tokens = {seat: game.live.web_token(seat) for seat in ("atlantia", "borealis")}
    ports = {"atlantia": free_port(), "borealis": free_port()}
    logs = {seat: open(tmp_path / f"{seat}.log", "w") for seat in ports}  # noqa: SIM115 - closed below
    hosts = {seat: _serve(url, name, seat, port, logs[seat]) for seat, port in ports.items()}
    try:
        for seat, port in ports.items():
            wait_for_port(port, hosts[seat])
        drawn = {}
        for seat, title in (("atlantia", "Republic of Atlantia"), ("borealis", "Borealis Federation")):
            ws = f"ws://127.0.0.1:{ports[seat]}/t/{tokens[seat]}/ws"
            seen, child = asyncio.run(
                screen_text(ws, title, origin=f"http://127.0.0.1:{ports[seat]}", pid=hosts[seat].pid)
            )
            drawn[seat] = title in seen
            assert child and child["cmdline"][0][1:5] == [b"-m", b"exercise", b"play", where.encode()]
        assert drawn == {"atlantia": True, "borealis": True}
    finally:
        for host in hosts.values():
            host.terminate()
            host.wait(timeout=15)
        for log in logs.values():
            log.close()
    for seat in ports:
        assert "Traceback" not in (tmp_path / f"{seat}.log").read_text()
