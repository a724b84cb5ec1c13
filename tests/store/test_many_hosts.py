"""Eight clients on two host processes share one game over many turns (a file, and a game on
PostgreSQL): every turn resolves exactly once, and the game verifies.

Each host process runs four clients in threads, each with its own Game (its own connections)
and its own human seat, as `exercise serve` runs a process per browser tab: a client submits
its seat's orders for the turn it sees, tries to resolve it (the last to submit does), then
watches `changes()` until the turn is done. The larger run (8 x 200) is
benchmarks/store_postgres.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from exercise.scenario.generate import generate_scenario
from exercise.store import Game

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TURNS = 25
CLIENTS_PER_HOST = 4

HOST = """
import sys, threading, time
from exercise.errors import AlreadyResolved, GameOver
from exercise.store import Game
from exercise.strategies import strategy_orders
save, seats = sys.argv[1], sys.argv[2].split(",")
lines, failures = [], []

def client(seat):
    try:
        with Game.open(save) as game:
            while True:
                shown = game.turn
                if shown >= game.scenario.turns:
                    return
                try:
                    game.submit(seat, strategy_orders(game.state(shown), seat, game.seed), for_turn=shown + 1)
                    if game.resolve(for_turn=shown + 1) is not None:
                        lines.append(f"resolved {shown + 1}")
                except (AlreadyResolved, GameOver):
                    pass
                deadline = time.monotonic() + 60
                while game.turn == shown:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{seat}: turn {shown + 1} never resolved")
                    before = game.changes()
                    while game.changes() == before and time.monotonic() < deadline:
                        time.sleep(0.02)
    except Exception as e:
        failures.append(f"{seat}: {type(e).__name__}: {e}")

threads = [threading.Thread(target=client, args=(seat,)) for seat in seats]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("\\n".join(lines), flush=True)
sys.exit("; ".join(failures) or None)
"""


def test_eight_clients_on_two_hosts_resolve_each_turn_once(save_at, tmp_path):
    scenario = tmp_path / "eight.toml"
    scenario.write_text(generate_scenario(2 * CLIENTS_PER_HOST, 2, 6, seed=4, turns=TURNS), encoding="utf-8")
    where = save_at("eight.db")
    with Game.create(where, scenario) as game:
        seats = sorted(game.controllers())
    with Game.create(where, scenario, humans=seats, force=True) as game:
        assert game.human_seats() == seats
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    halves = [seats[:CLIENTS_PER_HOST], seats[CLIENTS_PER_HOST:]]
    hosts = [
        subprocess.Popen(
            [sys.executable, "-c", HOST, where, ",".join(half)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for half in halves
    ]
    try:
        outputs = [host.communicate(timeout=600) for host in hosts]
    finally:
        for host in hosts:
            if host.poll() is None:
                host.kill()
    for host, (_, err) in zip(hosts, outputs):
        assert host.returncode == 0, err
    resolved = Counter(line for out, _ in outputs for line in out.splitlines())
    assert resolved == Counter(f"resolved {t}" for t in range(1, TURNS + 1))  # each turn once, by one client
    with Game.open(where, read_only=True) as game:
        assert game.turn == TURNS and game.verify().ok
        assert all(source == "human" for t in (1, TURNS) for source in game.order_sources(t).values())
