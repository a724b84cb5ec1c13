"""Time turn resolution on synthetic worlds (the issue's target: median <= 50 ms at 200
delegations, 25 forums, 60 norms; cost about linear in delegations x norms).

    python benchmarks/turn_speed.py                 # 50, 100, 200, 400 delegations
    python benchmarks/turn_speed.py --sizes 200 --turns 30

A turn is played as `exercise.headless.play` plays it (the talk phase, the orders, then
`resolve_turn` with the scripted seats' orders prechecked); the strategies' talk and orders are
timed apart from `resolve_turn` (the engine's pure function).
"""

from __future__ import annotations

import argparse
import statistics
import time

from exercise.engine import new_game, resolve_turn
from exercise.engine.reading import Reading
from exercise.engine.talk import TalkBoard
from exercise.scenario import parse_scenario
from exercise.scenario.generate import generate_scenario
from exercise.strategies import default_controllers, scripted_orders, scripted_talk


def measure(delegations: int, forums: int, norms: int, turns: int, seed: int) -> dict[str, float]:
    scenario = parse_scenario(generate_scenario(delegations, forums, norms, seed), "bench")
    controllers = default_controllers(scenario)
    state = new_game(scenario, seed)
    resolve_ms, decide_ms = [], []
    for _ in range(turns):  # as exercise.headless.play does it
        t0 = time.perf_counter()
        board, reading = TalkBoard(state), Reading(state)
        scripted_talk(state, seed, controllers, board, reading)
        orders = scripted_orders(state, seed, controllers, board, reading)
        t1 = time.perf_counter()
        state = resolve_turn(state, orders, seed, prechecked=orders.keys(), talk=board).state
        t2 = time.perf_counter()
        decide_ms.append((t1 - t0) * 1000)
        resolve_ms.append((t2 - t1) * 1000)
    return {
        "median_resolve_ms": statistics.median(resolve_ms),
        "p90_resolve_ms": sorted(resolve_ms)[int(0.9 * (len(resolve_ms) - 1))],
        "median_strategies_ms": statistics.median(decide_ms),
        "holdings": sum(len(n.depth) for n in state.norms.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    parser.add_argument("--forums", type=int, default=25)
    parser.add_argument("--norms", type=int, default=60)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(
        f"{'delegations':>11} {'norms':>5} {'median resolve':>15} {'p90 resolve':>12} "
        f"{'per deleg x norm':>17} {'strategies':>11}"
    )
    for size in args.sizes:
        r = measure(size, args.forums, args.norms, args.turns, args.seed)
        per = r["median_resolve_ms"] * 1000 / (size * args.norms)
        print(
            f"{size:>11} {args.norms:>5} {r['median_resolve_ms']:>12.1f} ms {r['p90_resolve_ms']:>9.1f} ms "
            f"{per:>14.2f} us {r['median_strategies_ms']:>8.1f} ms"
        )


if __name__ == "__main__":
    main()
