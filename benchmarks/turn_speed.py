"""Time turn resolution on synthetic worlds (the issue's target: median <= 50 ms at 200
delegations, 25 forums, 60 norms; cost about linear in delegations x norms).

    python benchmarks/turn_speed.py                 # 50, 100, 200, 400 delegations
    python benchmarks/turn_speed.py --sizes 200 --turns 30
    python benchmarks/turn_speed.py --sizes 200 --negotiation   # whole turns, talk on vs off

A turn is played as `exercise.headless.play` plays it (the talk phase, the orders, then
`resolve_turn` with the scripted seats' orders prechecked); the strategies' talk and orders are
timed apart from `resolve_turn` (the engine's pure function).
With --negotiation it times whole headless turns (the scripted talk phase, the decisions and
the resolution) with negotiation on (the scenario's max_offers) and off (max_offers 0),
interleaved turn by turn, and prints their ratio (issue 12's bound: at most 1.5x).
"""

from __future__ import annotations

import argparse
import statistics
import time

import attrs

from exercise.engine import new_game, resolve_turn
from exercise.engine.talk import TalkBoard
from exercise.scenario import parse_scenario
from exercise.scenario.generate import generate_scenario
from exercise.strategies import TurnViews, default_controllers, scripted_orders, scripted_talk


def measure(delegations: int, forums: int, norms: int, turns: int, seed: int) -> dict[str, float]:
    scenario = parse_scenario(generate_scenario(delegations, forums, norms, seed), "bench")
    controllers = default_controllers(scenario)
    state = new_game(scenario, seed)
    resolve_ms, decide_ms = [], []
    for _ in range(turns):  # as exercise.headless.play does it
        t0 = time.perf_counter()
        board = TalkBoard(state)
        views = TurnViews(state, board)
        scripted_talk(state, seed, controllers, board, views)
        orders = scripted_orders(state, seed, controllers, board, views)
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


def negotiation(delegations: int, forums: int, norms: int, turns: int, seed: int) -> dict[str, float]:
    """Median whole-turn time (talk, decisions, resolution) with negotiation on and off, the two
    games played turn by turn in alternation so load on the machine hits both alike."""
    on = parse_scenario(generate_scenario(delegations, forums, norms, seed), "bench")
    off = attrs.evolve(on, model=attrs.evolve(on.model, max_offers=0))
    games = {"on": (on, new_game(on, seed)), "off": (off, new_game(off, seed))}
    times: dict[str, list[float]] = {"on": [], "off": []}
    offers = 0
    for _ in range(turns):
        for key, (scenario, state) in list(games.items()):
            controllers = default_controllers(scenario)
            t0 = time.perf_counter()
            board = TalkBoard(state)
            views = TurnViews(state, board)  # as headless play does
            scripted_talk(state, seed, controllers, board, views)
            orders = scripted_orders(state, seed, controllers, board, views)
            state = resolve_turn(state, orders, seed, prechecked=orders.keys(), talk=board).state
            times[key].append((time.perf_counter() - t0) * 1000)
            games[key] = (scenario, state)
            offers += len(board.offers) if key == "on" else 0
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"on_ms": med["on"], "off_ms": med["off"], "ratio": med["on"] / med["off"], "offers": offers / turns}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    parser.add_argument("--forums", type=int, default=25)
    parser.add_argument("--norms", type=int, default=60)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--negotiation", action="store_true", help="whole turns, negotiation on vs off")
    args = parser.parse_args()
    if args.negotiation:
        print(f"{'delegations':>11} {'turn, talk on':>14} {'turn, talk off':>15} {'ratio':>6} {'offers/turn':>12}")
        for size in args.sizes:
            r = negotiation(size, args.forums, args.norms, args.turns, args.seed)
            print(f"{size:>11} {r['on_ms']:>11.1f} ms {r['off_ms']:>12.1f} ms {r['ratio']:>5.2f}x {r['offers']:>12.1f}")
        return
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
