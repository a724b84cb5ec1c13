"""How a turn's cost grows with the world: strategies and engine apart, at 50 to 800 delegations
(25 forums, 60 norms), beside a fixed reference loop's time (issue 15, target 1: growth
exponent at most 1.1 for each; 8 ms at 200 delegations; under 50 ms at 1,000).

    python benchmarks/turn_scaling.py                       # 50 100 200 400 800
    python benchmarks/turn_scaling.py --sizes 200 1000 --turns 8
    python benchmarks/turn_scaling.py --instructions --turns 3   # callgrind: load-proof, slow

Each size plays a generated world (`exercise generate`'s generator, seed 1) as
`exercise.headless.play` does: the scripted talk and orders on one TurnViews (one shared Reading), then
`resolve_turn` with those orders prechecked. The first `--warm` turns are left out (first
adoptions, first sessions); the figures are medians of CPU time over the next `--turns`.
With --instructions it counts instructions instead (valgrind's callgrind), which do not move
with the machine's load: three processes a size, playing `--warm` turns, `--warm + --turns`,
and the same again with the strategies of the last `--turns` run twice; the differences give
the strategies' and the engine's instructions a turn (world generation and start-up cancel).
The exponent between two sizes is log(cost ratio) / log(size ratio); the last line fits one
over every size (least squares on the logs).
"""

from __future__ import annotations

import argparse
import math
import statistics
import time

from sweep_instructions import callgrind  # benchmarks/ is on sys.path when a script here runs

from exercise.engine import new_game, resolve_turn
from exercise.engine.talk import TalkBoard
from exercise.scenario import parse_scenario
from exercise.scenario.generate import generate_scenario
from exercise.strategies import default_controllers, scripted_orders, scripted_talk


def reference_loop() -> float:
    """CPU seconds of a fixed pure-Python loop: this shared machine's speed of the minute."""
    t = time.process_time()
    x = 0
    for i in range(5_000_000):
        x += i
    return time.process_time() - t


def measure(delegations: int, forums: int, norms: int, warm: int, turns: int, seed: int) -> tuple[float, float]:
    """(median strategies ms, median engine ms) a turn."""
    try:
        from exercise.strategies import TurnViews
    except ImportError:  # an older version on PYTHONPATH, to compare with: no shared views
        TurnViews = None  # type: ignore[assignment,misc]
    scenario = parse_scenario(generate_scenario(delegations, forums, norms, seed), "scaling")
    controllers = default_controllers(scenario)
    state = new_game(scenario, seed)
    decide, resolve = [], []
    for turn in range(warm + turns):
        t0 = time.process_time()
        board = TalkBoard(state)
        more = (TurnViews(state, board),) if TurnViews else ()
        scripted_talk(state, seed, controllers, board, *more)
        orders = scripted_orders(state, seed, controllers, board, *more)
        t1 = time.process_time()
        state = resolve_turn(state, orders, seed, prechecked=orders.keys(), talk=board).state
        t2 = time.process_time()
        if turn >= warm:
            decide.append((t1 - t0) * 1000)
            resolve.append((t2 - t1) * 1000)
    return statistics.median(decide), statistics.median(resolve)


PLAY = """
import sys
from exercise.engine import new_game, resolve_turn
from exercise.engine.talk import TalkBoard
from exercise.scenario import parse_scenario
from exercise.scenario.generate import generate_scenario
from exercise.strategies import default_controllers, scripted_orders, scripted_talk
try:
    from exercise.strategies import TurnViews
    shared = lambda state, board: (TurnViews(state, board),)
except ImportError:  # an older version on PYTHONPATH, to compare with
    shared = lambda state, board: ()
size, forums, norms, seed, turns, twice = map(int, sys.argv[1:])
scenario = parse_scenario(generate_scenario(size, forums, norms, seed), "scaling")
controllers = default_controllers(scenario)
state = new_game(scenario, seed)
for turn in range(turns):
    for _ in range(2 if turn >= turns - twice else 1):
        board = TalkBoard(state)
        more = shared(state, board)
        scripted_talk(state, seed, controllers, board, *more)
        orders = scripted_orders(state, seed, controllers, board, *more)
    state = resolve_turn(state, orders, seed, prechecked=orders.keys(), talk=board).state
"""


def count(delegations: int, forums: int, norms: int, warm: int, turns: int, seed: int) -> tuple[float, float]:
    """(strategies, engine) in millions of instructions a turn."""
    world = (delegations, forums, norms, seed)
    base = callgrind(PLAY, *world, warm, 0)
    full = callgrind(PLAY, *world, warm + turns, 0)
    twice = callgrind(PLAY, *world, warm + turns, turns)
    strategies = (twice - full) / turns
    return strategies / 1e6, ((full - base) / turns - strategies) / 1e6


def fitted_exponent(sizes: list[int], costs: list[float]) -> float:
    xs, ys = [math.log(s) for s in sizes], [math.log(c) for c in costs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400, 800])
    parser.add_argument("--forums", type=int, default=25)
    parser.add_argument("--norms", type=int, default=60)
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--instructions", action="store_true", help="count instructions (callgrind), not time")
    args = parser.parse_args()
    loops = [reference_loop()]
    unit = "M" if args.instructions else "ms"
    print(f"{'delegations':>11} {'strategies':>11} {'engine':>9} {'turn':>9} {'exp strat':>9} {'exp engine':>10}")
    sizes, strat, engine = [], [], []
    for size in args.sizes:
        s, e = (count if args.instructions else measure)(
            size, args.forums, args.norms, args.warm, args.turns, args.seed
        )
        loops.append(reference_loop())
        grow = ""
        if sizes:
            step = math.log(size / sizes[-1])
            grow = f"{math.log(s / strat[-1]) / step:>9.2f} {math.log(e / engine[-1]) / step:>10.2f}"
        sizes.append(size)
        strat.append(s)
        engine.append(e)
        print(f"{size:>11} {s:>8.1f} {unit:<2} {e:>6.1f} {unit:<2} {s + e:>6.1f} {unit:<2} {grow}")
    if len(sizes) > 1:
        print(
            f"fitted exponent over {sizes[0]}-{sizes[-1]}: strategies {fitted_exponent(sizes, strat):.2f}, "
            f"engine {fitted_exponent(sizes, engine):.2f}, turn "
            f"{fitted_exponent(sizes, [a + b for a, b in zip(strat, engine)]):.2f}"
        )
    print(f"reference loop (5M additions): {min(loops):.3f}-{max(loops):.3f} s CPU over the run")


if __name__ == "__main__":
    main()
