"""`exercise orders SAVE SEAT [ORDER ...]`: a seat's orders from the command line.

Without orders it lists what the seat can order now and what it costs (and, with --all, what
it cannot, with the reason). With orders it checks each one against the seat's view, reports
every problem on its own line (seat, order, reason) and exits 2, or submits them all for the
next turn. `--pass` submits no orders. Orders that would break a deal due this turn (see
`exercise talk`) are refused with what the seat still owes, unless --force. Scripted play and classroom automation use this; the
terminal UI does the same through the store. In a save with join codes it needs the seat's code
(or the white cell's): --code, $EXERCISE_CODE, or typed at the prompt.
"""

from __future__ import annotations

import argparse
import sys

from exercise.cli.args import add_intermixed_parser
from exercise.cli.seat_code import add_code_argument, require_code
from exercise.core.orders import parse_order
from exercise.core.seats import HUMAN
from exercise.core.wording import order_cost
from exercise.engine import view_for
from exercise.engine.choices import legal_choices
from exercise.engine.legality import check_order, check_orders
from exercise.errors import ExerciseError, OrderError, listed
from exercise.store import Game
from exercise.store.talk_log import deal_warnings


def register(sub: argparse._SubParsersAction) -> None:
    p = add_intermixed_parser(
        sub, "orders", help="list a seat's possible orders, or submit its orders for the next turn"
    )
    p.add_argument("save", metavar="SAVE")
    p.add_argument("seat", metavar="SEAT", help="the delegation giving the orders")
    p.add_argument("orders", nargs="*", metavar="ORDER", help='e.g. "endorse no-attack-ci in un"')
    p.add_argument("--pass", dest="pass_turn", action="store_true", help="submit no orders this turn")
    p.add_argument("--all", action="store_true", help="also list the orders refused now, with why")
    p.add_argument("--force", action="store_true", help="submit even if the orders break a deal due this turn")
    add_code_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Game.open(args.save) as game:
        controller = game.controllers().get(args.seat)
        if controller is None:
            raise ExerciseError(
                f"{args.save}: there is no seat {args.seat!r} "
                f"(seats: {listed(sorted(game.controllers()), hint=f'see `exercise replay {args.save}`')})"
            )
        if controller != HUMAN:
            raise ExerciseError(
                f"{args.seat}: is played by the strategy {controller!r}; the white cell can hand it to a human"
            )
        require_code(game, args.seat, args.code)
        state = game.state()
        if state.turn >= game.scenario.turns:
            raise ExerciseError(f"{args.save}: the game is over (turn {state.turn} of {game.scenario.turns})")
        view = view_for(state, args.seat)
        if not args.orders and not args.pass_turn:
            return _list(game, view, args.all)
        problems, orders = [], []
        for text in args.orders:
            try:
                order = parse_order(text, args.seat)
                check_order(view, order)
                orders.append(order)
            except OrderError as exc:
                problems.append(str(exc))
        if orders:  # the sound ones together (their cost), beside the problems of the others
            try:
                check_orders(view, orders)
            except OrderError as exc:
                problems.append(str(exc))
        if not problems and not args.force:
            # Breaking a deal is a move like any other, but it costs trust: a trainer expects
            # the student to mean it, as the desk asks before submitting.
            broken = deal_warnings(game.talk.window(args.seat), args.seat, orders)
            problems += [f"{line} (--force submits them anyway)" for line in broken]
        if problems:
            for line in problems:
                print(line, file=sys.stderr)
            return 2
        game.submit(args.seat, orders, for_turn=state.turn + 1)
        waiting = game.waiting_for()
        print(
            f"{args.seat}: {len(orders)} order(s) submitted for turn {state.turn + 1}"
            + (f"; waiting for {', '.join(waiting)}" if waiting else "; everyone has submitted")
        )
    return 0


def _list(game: Game, view, show_refused: bool) -> int:
    print(f"{view.seat} for turn {view.turn + 1}: influence {view.influence:g}, budget {view.budget:g}")
    mine = game.submitted().get(view.seat)
    if mine is not None:
        print("submitted: " + ("; ".join(map(str, mine)) or "pass"))
    for deal in game.talk.window(view.seat).due_now():  # what the seat promised (exercise talk)
        print(f"deal {deal.id} due this turn: you promised {'; '.join(deal.promises[view.seat])}")
    refused = []
    for order, reason in legal_choices(view):
        if reason is None:
            cost = order_cost(order, "long")
            print(f"  {order}" + (f"  ({cost})" if cost else ""))
        else:
            refused.append(f"  {order}: {reason}")
    if show_refused and refused:
        print("not now:")
        print("\n".join(refused))
    return 0
