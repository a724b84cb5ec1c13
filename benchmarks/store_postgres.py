"""The PostgreSQL back end's figures (issue 18), each beside SQLite's or its target.

    python benchmarks/store_postgres.py                        # a throwaway local server (tests/postgres.py)
    python benchmarks/store_postgres.py --db postgresql://USER@HOST/DB
    python benchmarks/store_postgres.py --only persist         # persist | open | stress

persist  persisting a 200-delegation turn: PostgreSQL vs SQLite, the two games resolved turn
         about (interleaved, so both see the same load). Target: within 2x of SQLite.
open     opening any turn of a 500-turn game on the server: Game.open + state(N) + events(N),
         in a fresh process and in a process that opened it before. Target < 50 ms.
stress   benchmarks/live_session.py on a server game: 8 client processes x 200 turns, exactly
         one resolution per turn, nothing lost, and how fast every client sees each turn.

A fixed pure-Python loop's time is printed first: the machine is shared, read the figures against it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from live_session import machine_speed  # noqa: E402
from store_bench import _Timed, _world, measure_open, print_open  # noqa: E402

from exercise.store import Game  # noqa: E402


def bench_persist(tmp: Path, db: str, turns: int) -> None:
    scenario = _world(tmp, "w200", 200, 25, 60, turns)
    games = {
        "sqlite": Game.create(tmp / "p200.db", scenario),
        "postgres": Game.create(f"{db}#persist-200", scenario, force=True),
    }
    persist: dict[str, list[float]] = {name: [] for name in games}
    try:
        for _ in range(turns):
            for name, game in games.items():  # turn about: the same load on both
                with _Timed("resolve_turn") as engine, _Timed("scripted_orders") as strategies:
                    t0 = time.perf_counter()
                    game.resolve()
                    total = time.perf_counter() - t0
                persist[name].append((total - engine.seconds - strategies.seconds) * 1000)
        assert games["sqlite"].state_hash() == games["postgres"].state_hash()  # the same game, byte for byte
    finally:
        for game in games.values():
            game.close()
    sqlite, postgres = (statistics.median(persist[n]) for n in ("sqlite", "postgres"))
    print(f"persist  200 delegations, 25 forums, 60 norms, {turns} turns each, medians per turn")
    print(
        f"         SQLite {sqlite:6.1f} ms   PostgreSQL {postgres:6.1f} ms   ratio {postgres / sqlite:4.2f}x"
        "   (target <= 2x; same state hashes)"
    )


def bench_open(tmp: Path, db: str, turns: int, samples: int) -> None:
    scenario = _world(tmp, "w30", 30, 4, 10, turns)
    where = f"{db}#open-{turns}"
    with Game.create(tmp / "long.db", scenario) as game:
        for _ in range(turns):
            game.resolve()
        game.copy(where, force=True).close()  # the same game on the server
    figures = measure_open(where, turns, samples)
    print(f"open     {scenario.stem}, a {turns}-turn game on the server, random turns N (target < 50 ms)")
    print_open(*figures)


def bench_stress(db: str, turns: int) -> None:
    print(
        f"stress   benchmarks/live_session.py --db ... --turns {turns} (8 client processes on one server game)",
        flush=True,
    )
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "live_session.py"), "--db", db, "--turns", str(turns)], check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", metavar="URL", help="a PostgreSQL database to use (default: a throwaway local server)")
    parser.add_argument("--only", choices=["persist", "open", "stress"], default=None)
    parser.add_argument("--persist-turns", type=int, default=10)
    parser.add_argument("--open-turns", type=int, default=500)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--stress-turns", type=int, default=200)
    args = parser.parse_args()
    cluster = None
    if args.db is None:
        from tests import postgres

        problem = postgres.missing()
        if problem:
            sys.exit(f"no local PostgreSQL to start ({problem}); give --db URL")
        cluster = postgres.start(durable=True)
        args.db = cluster.url(cluster.main)
    print(f"machine speed: a fixed loop took {machine_speed():.2f} s on each of two cores", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp_name:
            tmp = Path(tmp_name)
            if args.only in (None, "persist"):
                bench_persist(tmp, args.db, args.persist_turns)
            if args.only in (None, "open"):
                bench_open(tmp, args.db, args.open_turns, args.samples)
            if args.only in (None, "stress"):
                bench_stress(args.db, args.stress_turns)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
