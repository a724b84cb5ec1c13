"""resolve_turn: the pure function at the heart of the game.

    resolve_turn(state, orders, seed, talk=log) -> TurnResult(state, events)

No clock, no I/O, no global random state: the same inputs give byte-identical outputs in any
process. `orders` maps each seat (and "@white" for the facilitator) to its orders; seats
missing from it pass. `talk` is the turn's talk log in the order it was said (core/talk.py):
statements, messages and offers are inputs like orders, and accepted deals bind the orders
resolved with them (engine/commitments.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import attrs

from exercise.core.events import Event
from exercise.core.orders import Order
from exercise.core.seats import FACILITATOR
from exercise.core.state import GameState, round_stored
from exercise.core.talk import Talk
from exercise.engine.commitments import run_commitments
from exercise.engine.diffusion import run_diffusion
from exercise.engine.forums import run_sessions
from exercise.engine.injects import run_injects
from exercise.engine.internalization import run_internalization
from exercise.engine.legality import check_orders
from exercise.engine.log import EventLog
from exercise.engine.metrics import breadth, total_power
from exercise.engine.orders_phase import run_orders
from exercise.engine.setup import influence_per_turn
from exercise.engine.talk import TalkBoard, run_talk
from exercise.engine.views import facilitator_view, view_for
from exercise.errors import UnknownReference


@attrs.frozen
class TurnResult:
    state: GameState
    events: tuple[Event, ...]


def validate_orders(state: GameState, orders: Mapping[str, Sequence[Order]]) -> None:
    """Raise the first OrderError among the given orders, checked against each seat's view."""
    for seat in sorted(orders):
        if seat == FACILITATOR:
            check_orders(facilitator_view(state), orders[seat])
        elif seat not in state.seats:
            raise UnknownReference(seat, "; ".join(map(str, orders[seat])), f"there is no seat {seat!r}")
        else:
            check_orders(view_for(state, seat), orders[seat])


def resolve_turn(
    state: GameState,
    orders: Mapping[str, Sequence[Order]],
    seed: int,
    *,
    prechecked: Collection[str] = (),
    talk: Sequence[tuple[str, Talk]] | TalkBoard = (),
) -> TurnResult:
    """`prechecked`: seats whose orders a strategy's Plan built from this very state, so each
    was already checked, costs included (tests/unit/test_strategies.py holds them to it).
    Checking them again was a twentieth of a headless game; everyone else's are checked.
    `talk`: the log, or the board already built from it on this state (it is checked as said)."""
    validate_orders(state, {seat: o for seat, o in orders.items() if seat not in prechecked})
    board = talk if isinstance(talk, TalkBoard) and talk.state is state else TalkBoard(state, _log_of(talk))
    new = state.clone()
    new.turn = state.turn + 1
    log = EventLog(new)
    seat_orders = {k: v for k, v in orders.items() if k != FACILITATOR}
    run_injects(new, log, orders.get(FACILITATOR, ()))
    run_talk(new, log, board)
    run_orders(new, log, seat_orders)
    run_commitments(new, log, seat_orders)
    run_sessions(new, log, seed)
    run_diffusion(new, log, seed)
    run_internalization(new, log)
    _close_turn(new)
    return TurnResult(new, tuple(log.events))


def _log_of(talk: Sequence[tuple[str, Talk]] | TalkBoard) -> Sequence[tuple[str, Talk]]:
    return talk.log() if isinstance(talk, TalkBoard) else talk


def _close_turn(state: GameState) -> None:
    """Record each norm's breadth and refill every seat's influence and budget."""
    total = total_power(state)
    for norm_id in sorted(state.norms):
        state.norms[norm_id].breadth_history.append(round_stored(breadth(state, norm_id, total)))
    for d in state.scenario.delegations:
        seat = state.seats[d.id]
        seat.influence = influence_per_turn(seat.power)
        seat.budget = round_stored(min(seat.budget + d.budget, 2 * d.budget) if d.budget else seat.budget)
