"""Store benchmarks: the figures issue 3 sets targets for.

    python benchmarks/store_bench.py                # all four, default sizes (about a minute)
    python benchmarks/store_bench.py --only size    # persist | size | open | verify

persist  cost of persisting a turn vs resolving it, 200-delegation world (target <= 25%)
size     save growth per turn, 30-delegation worlds (target <= 20 KB/turn)
open     open a 500-turn save and read turn N's state and events (target <= 50 ms)
verify   verify speed vs a headless run of the same game (target >= 80%)

Persisting is measured inside Game.resolve: its whole time minus the time spent in the
strategies (scripted_orders) and in the engine (resolve_turn), so it holds the transaction,
the serialisation, the inserts and the commit. "Resolving" a turn is what a save's turn costs
besides the store, the scripted seats deciding plus the engine: the target is read against
that. The ratio to resolve_turn alone is printed too.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

from exercise.core.canonical import state_hash
from exercise.headless import play
from exercise.scenario.generate import generate_scenario
from exercise.store import Game
from exercise.store import turns as store_turns

ROOT = Path(__file__).resolve().parent.parent
CENT = ROOT / "scenarios" / "cent-vs-decent.toml"


def _world(tmp: Path, name: str, delegations: int, forums: int, norms: int, turns: int) -> Path:
    path = tmp / f"{name}.toml"
    path.write_text(generate_scenario(delegations, forums, norms, seed=1, turns=turns), encoding="utf-8")
    return path


class _Timed:
    """Wrap a function of exercise.store.turns and add up the time spent in it."""

    def __init__(self, name: str):
        self.name, self.original, self.seconds = name, getattr(store_turns, name), 0.0

    def __enter__(self):
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t0

        setattr(store_turns, self.name, timed)
        return self

    def __exit__(self, *exc):
        setattr(store_turns, self.name, self.original)


def bench_persist(tmp: Path, turns: int) -> None:
    scenario = _world(tmp, "w200", 200, 25, 60, turns)
    ratios_resolve, ratios_turn, persist_ms, resolve_ms, orders_ms = [], [], [], [], []
    with Game.create(tmp / "p200.db", scenario) as game:
        for _ in range(turns):
            with _Timed("resolve_turn") as engine, _Timed("scripted_orders") as strategies:
                t0 = time.perf_counter()
                game.resolve()
                total = time.perf_counter() - t0
            persist = total - engine.seconds - strategies.seconds
            persist_ms.append(persist * 1000)
            resolve_ms.append(engine.seconds * 1000)
            orders_ms.append(strategies.seconds * 1000)
            ratios_resolve.append(persist / engine.seconds)
            ratios_turn.append(persist / (engine.seconds + strategies.seconds))
    print(f"persist  200 delegations, 25 forums, 60 norms, {turns} turns (medians per turn)")
    print(
        f"         resolve_turn {statistics.median(resolve_ms):7.1f} ms   strategies {statistics.median(orders_ms):7.1f} ms"
        f"   persisting {statistics.median(persist_ms):6.1f} ms"
    )
    print(f"         persisting / resolve_turn            = {statistics.median(ratios_resolve):6.1%}")
    print(f"         persisting / (strategies + resolve)  = {statistics.median(ratios_turn):6.1%}   (target <= 25%)")


def _growth(scenario_path: Path, db: Path, marks: list[int]) -> list[tuple[int, int]]:
    sizes = []
    with Game.create(db, scenario_path) as game:
        pass
    sizes.append((0, db.stat().st_size))
    for mark in marks:
        with Game.open(db) as game:
            while game.turn < mark:
                game.resolve()
        sizes.append((mark, db.stat().st_size))  # closed: the WAL is folded in
    return sizes


def bench_size(tmp: Path, turns: int) -> None:
    marks = sorted({12, 100, turns})
    worlds = [("generated 30-4-10", _world(tmp, "w30", 30, 4, 10, turns))]
    if CENT.exists():
        worlds.append(("cent-vs-decent (31)", _lengthened(tmp, CENT, turns)))
    print(
        "size     save growth per turn (keyframes and deltas, orders and events packed per turn:"
        " docs/saves.md); target <= 20 KB/turn (benchmarks/save_size.py: the 200-delegation world)"
    )
    for label, path in worlds:
        sizes = _growth(path, tmp / f"size-{path.stem}.db", marks)
        parts = []
        for (t0, s0), (t1, s1) in pairwise(sizes):
            parts.append(f"turns {t0}-{t1}: {(s1 - s0) / (t1 - t0) / 1024:5.1f} KB/turn")
        print(
            f"         {label:<20} start {sizes[0][1] / 1024:6.0f} KB; "
            + "; ".join(parts)
            + f"; {sizes[-1][1] / 1024 / 1024:.1f} MB at turn {sizes[-1][0]}"
        )


_COLD = """
import sys, time
from exercise.store import Game
t0 = time.perf_counter()
with Game.open(sys.argv[1], read_only=True) as game:
    game.state(int(sys.argv[2]))
    game.events(int(sys.argv[2]))
print((time.perf_counter() - t0) * 1000)
"""


def _lengthened(tmp: Path, path: Path, turns: int) -> Path:
    """The scenario at `path` played for `turns` turns (cent-vs-decent itself has 12)."""
    text = re.sub(r"(?m)^turns = .*$", f"turns = {turns}", path.read_text(encoding="utf-8"), count=1)
    out = tmp / f"{path.stem}-{turns}.toml"
    out.write_text(text, encoding="utf-8")
    return out


def bench_open(tmp: Path, turns: int, samples: int) -> None:
    db = tmp / "long.db"
    scenario = _lengthened(tmp, CENT, turns) if CENT.exists() else _world(tmp, "w30", 30, 4, 10, turns)
    with Game.create(db, scenario) as game:
        for _ in range(turns):
            game.resolve()
    rng = random.Random(1)
    cold = []
    for _ in range(max(3, samples // 6)):  # a fresh process each: nothing parsed or cached yet
        done = subprocess.run(
            [sys.executable, "-c", _COLD, str(db), str(rng.randint(0, turns))],
            capture_output=True,
            text=True,
            check=True,
        )
        cold.append(float(done.stdout))
    warm, reads = [], []
    for _ in range(samples):
        n = rng.randint(0, turns)
        t0 = time.perf_counter()
        with Game.open(db, read_only=True) as game:
            game.state(n)
            game.events(n)
            t1 = time.perf_counter()
            m = rng.randint(0, turns)
            game.state(m)
            game.events(m)
            t2 = time.perf_counter()
        warm.append((t1 - t0) * 1000)
        reads.append((t2 - t1) * 1000)
    print(
        f"open     {scenario.stem}, {turns}-turn save of {db.stat().st_size / 1024 / 1024:.1f} MB; random turns N"
        f" (target <= 50 ms)"
    )
    print(
        f"         first open in a process + state(N) + events(N): median {statistics.median(cold):5.1f} ms, "
        f"max {max(cold):5.1f} ms ({len(cold)} processes, timed after imports)"
    )
    p95 = sorted(warm)[int(0.95 * (len(warm) - 1))]
    print(
        f"         later opens + state(N) + events(N):              median {statistics.median(warm):5.1f} ms, "
        f"p95 {p95:5.1f} ms, max {max(warm):5.1f} ms ({samples} samples)"
    )
    print(f"         state(N) + events(N) on an open save:            median {statistics.median(reads):5.1f} ms")


def _best(repeats: int, fn) -> float:
    """The fastest of a few timings: on a shared machine the others measure its neighbours."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_verify(tmp: Path, cases: list[tuple[str, Path, int]], repeats: int = 3) -> None:
    print(f"verify   verify vs headless (exercise.headless.play, all seats scripted), best of {repeats}; target >= 80%")
    for label, path, turns in cases:
        from exercise.scenario import load_scenario

        scenario = load_scenario(path)
        last = [None]

        def headless_run():
            for result in play(scenario, scenario.seed, turns):
                last[0] = result.state

        headless = _best(repeats, headless_run)
        headless_hashed = _best(repeats, lambda: [state_hash(r.state) for r in play(scenario, scenario.seed, turns)])
        db = tmp / f"verify-{path.stem}.db"
        with Game.create(db, path) as game:
            for _ in range(turns):
                game.resolve()
            assert game.state_hash() == state_hash(last[0])

        def verify_run():
            with Game.open(db, read_only=True) as game:
                assert game.verify().ok

        seconds = _best(repeats, verify_run)
        print(
            f"         {label:<22} {turns:>4} turns: headless {headless:6.2f} s (with hashes {headless_hashed:6.2f} s), "
            f"verify {seconds:6.2f} s -> {headless / seconds:5.0%} of headless speed"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["persist", "size", "open", "verify"], default=None)
    parser.add_argument("--persist-turns", type=int, default=20)
    parser.add_argument("--size-turns", type=int, default=500)
    parser.add_argument("--open-turns", type=int, default=500)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.only in (None, "persist"):
            bench_persist(tmp, args.persist_turns)
        if args.only in (None, "size"):
            bench_size(tmp, args.size_turns)
        if args.only in (None, "open"):
            bench_open(tmp, args.open_turns, args.samples)
        if args.only in (None, "verify"):
            cases = [
                ("generated 30-4-10", _world(tmp, "v30", 30, 4, 10, 200), 200),
                ("generated 200-25-60", _world(tmp, "v200", 200, 25, 60, 20), 20),
            ]
            if CENT.exists():
                cases.insert(1, ("cent-vs-decent", CENT, 200))
            bench_verify(tmp, cases)


if __name__ == "__main__":
    main()
