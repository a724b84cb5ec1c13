"""`exercise new SCENARIO`: create a save holding the scenario, the seed and who plays each seat.

With human seats it prints a join code for each and one for the white cell (a live session:
`exercise play SAVE --as SEAT` asks for the seat's code); `--no-codes` makes an open save for
one student or a hot-seat table. `--round 15m` starts a round clock for every turn.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from exercise.cli.args import save_arg, seed_arg
from exercise.cli.seat_code import print_codes
from exercise.core.limits import ROLE_COUNT
from exercise.core.seats import HUMAN
from exercise.errors import SaveError
from exercise.scenario.catalog import find_scenario
from exercise.store import Game
from exercise.store.evaluation_records import EVALUATOR, OBSERVER, role_name
from exercise.store.live import parse_round
from exercise.store.records import AT_ZERO


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a save of a scenario (human seats, seed)")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or the name of a shipped one")
    p.add_argument(
        "--save",
        type=save_arg,
        default=None,
        metavar="FILE",
        help="where to write it (default: saves/<scenario>-<date-time>.db); --db URL --game NAME: "
        "a game on a PostgreSQL server instead",
    )
    p.add_argument("--seed", type=seed_arg, default=None, help="game seed (default: the scenario's)")
    p.add_argument(
        "--human",
        default="",
        metavar="SEATS",
        help="comma-separated seats played by people, e.g. usa,deu (the rest are scripted)",
    )
    p.add_argument(
        "--no-codes",
        action="store_true",
        help="no join codes: anyone with the file plays any seat (one student, or a hot-seat table)",
    )
    p.add_argument(
        "--round",
        default=None,
        metavar="LENGTH",
        help="a round clock for every turn, e.g. 15m, 90s or 1h (the white cell can change it)",
    )
    p.add_argument(
        "--at-zero",
        choices=AT_ZERO,
        default="warn",
        help="when the clock runs out: warn only (default), resolve with missing seats passing, "
        "or with them played by their strategy",
    )
    p.add_argument(
        "--evaluators",
        type=int,
        default=0,
        metavar="N",
        help="evaluator seats (evaluator-1 ...): score each team's turns against the rubric",
    )
    p.add_argument(
        "--observers",
        type=int,
        default=0,
        metavar="N",
        help="observer seats (observer-1 ...): watch what a chosen team sees, live, without acting",
    )
    p.add_argument(
        "--player",
        action="append",
        default=[],
        metavar="SEAT=NAME",
        help="who plays a seat, for gradebooks and the report (repeat it: --player usa='Ann Lee')",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=run)


def humans_arg(text: str) -> list[str]:
    seats = [s.strip() for s in text.split(",")]
    if any(not s for s in seats) and text.strip():
        raise SaveError(f"--human: {text!r} has an empty seat name (write seats as usa,deu)")
    return [s for s in seats if s]


def players_arg(pairs: list[str]) -> dict[str, str]:
    players = {}
    for pair in pairs:
        seat, sep, name = pair.partition("=")
        if not sep or not seat.strip() or not name.strip():
            raise SaveError(f"--player: {pair!r} is not SEAT=NAME (e.g. --player usa='Ann Lee')")
        players[seat.strip()] = name.strip()
    return players


def default_path(scenario_id: str) -> Path:
    from exercise.store import new_save_path

    return new_save_path("saves", scenario_id)


def run(args: argparse.Namespace) -> int:
    scenario_path = find_scenario(args.scenario)
    humans = humans_arg(args.human)
    round_seconds = parse_round(args.round) if args.round is not None else None
    players = players_arg(args.player)
    for key, count in (("--evaluators", args.evaluators), ("--observers", args.observers)):
        if ROLE_COUNT.problem(count):
            raise SaveError(f"{key}: {ROLE_COUNT.problem(count)}")
    if args.save is None or players:
        from exercise.scenario import load_scenario

        scenario = load_scenario(scenario_path)
        args.save = default_path(scenario.id) if args.save is None else args.save
        made = {
            role_name(kind, n)
            for kind, count in ((EVALUATOR, args.evaluators), (OBSERVER, args.observers))
            for n in range(1, count + 1)
        }
        for seat in players:  # checked before the save is written: a bad one leaves nothing behind
            if seat not in scenario.by_id.delegations and seat not in made:
                raise SaveError(f"--player {seat}=...: {scenario.id} has no seat {seat!r}")
    with Game.create(args.save, scenario_path, seed=args.seed, humans=humans, force=args.force) as game:
        controllers = game.controllers()
        people = [seat for seat, c in controllers.items() if c == HUMAN]
        print(
            f"created {game.path}: {game.scenario.title} ({game.scenario.id}), seed {game.seed}, "
            f"{game.scenario.turns} turns"
        )
        print(f"  human seats: {', '.join(people) or 'none'}")
        print(f"  scripted: {len(controllers) - len(people)} seats")
        roles = game.evaluation.add_roles(evaluators=args.evaluators, observers=args.observers)
        for seat, name in players.items():
            game.evaluation.set_player(seat, name)
        if roles:
            print(f"  evaluator and observer seats: {', '.join(roles)}")
        if round_seconds is not None:
            clock = game.live.set_clock(round_seconds, at_zero=args.at_zero)
            print(f"  round clock: {clock.round_seconds / 60:g} minutes a turn; at zero: {args.at_zero}")
        if (people or roles) and not args.no_codes:
            print("  join codes (a seat's code opens only that seat; the white cell's opens every seat):")
            print_codes(game, game.live.issue_codes())
            print(
                f"next: exercise play {game.path} --as white   and, for each team, exercise play {game.path} --as SEAT"
            )
            if roles:
                print(f"      evaluators and observers: exercise play {game.path} --as {roles[0]}")
        else:
            print(f"next: exercise run {game.path}" + ("" if not people else "   (stops when people must order)"))
    return 0
