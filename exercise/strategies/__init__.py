"""Scripted delegations: one small class per strategy family, registered by name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from exercise.core.orders import Order
from exercise.core.rng import LazyStream
from exercise.core.seats import HUMAN
from exercise.core.spec import Scenario
from exercise.core.state import GameState
from exercise.core.talk import Reply
from exercise.engine.reading import Reading
from exercise.engine.talk import TalkBoard, TalkEntry
from exercise.engine.views import View, view_for
from exercise.strategies.bandwagoner import Bandwagoner
from exercise.strategies.base import Strategy
from exercise.strategies.blocker import Blocker
from exercise.strategies.broker import Broker
from exercise.strategies.champion import Champion
from exercise.strategies.lip_service import LipService
from exercise.strategies.random_legal import RandomLegal

STRATEGIES: dict[str, type[Strategy]] = {
    cls.name: cls for cls in (Champion, Blocker, Bandwagoner, Broker, LipService, RandomLegal)
}


# Offers and counters two scripted seats may trade in one exchange before it ends.
MAX_EXCHANGES = 3


def strategy_names() -> list[str]:
    return sorted(STRATEGIES)


def get_strategy(name: str) -> Strategy:
    return STRATEGIES[name]()


def default_controllers(scenario: Scenario, humans: Iterable[str] = ()) -> dict[str, str]:
    """Who plays each seat: "human" for the given seats (and those the file marks human),
    otherwise the seat's scripted strategy."""
    humans = set(humans)
    return {
        d.id: HUMAN if (d.human or d.id in humans) else d.strategy
        for d in sorted(scenario.delegations, key=lambda d: d.id)
    }


def _strategy_of(state: GameState, seat: str, strategy: str | None) -> Strategy:
    return get_strategy(strategy if strategy and strategy != HUMAN else state.scenario.delegation(seat).strategy)


class TurnViews:
    """Each seat's view of one state and its turn's talk, shared by the talk phase and the
    decisions: every view reads the state's one Reading (engine/reading.py: the appeal matrix
    and indexes, the state does not change under it) and the board live, so what was said
    since is seen."""

    def __init__(self, state: GameState, board: TalkBoard | None):
        self.state = state
        self.board = board
        self.reading = Reading(state)
        self._views: dict[str, View] = {}

    def of(self, seat: str) -> View:
        view = self._views.get(seat)
        if view is None:
            view = self._views[seat] = view_for(self.state, seat, reading=self.reading, board=self.board)
        return view


def strategy_orders(
    state: GameState,
    seat: str,
    seed: int,
    strategy: str | None = None,
    reading: Reading | None = None,
    board: TalkBoard | None = None,
    views: TurnViews | None = None,
) -> list[Order]:
    """What `strategy` (default: the seat's scenario strategy) would order for `seat` in the
    coming turn. The seat's random stream comes from (seed, turn, seat) only. `reading`: shared
    by every seat deciding on this state (engine/reading.py); `board`: the turn's talk, so the
    seat knows the deals it made; `views`: the turn's views, when already built."""
    rng = LazyStream(seed, state.turn + 1, "strategy", seat)
    view = views.of(seat) if views is not None else view_for(state, seat, reading=reading, board=board)
    return _strategy_of(state, seat, strategy).decide(view, rng)  # type: ignore[arg-type]


def scripted_orders(
    state: GameState,
    seed: int,
    controllers: Mapping[str, str],
    board: TalkBoard | None = None,
    views: TurnViews | None = None,
) -> dict[str, list[Order]]:
    """Orders of every seat whose controller is a strategy (not "human")."""
    views = views if views is not None else TurnViews(state, board)
    return {
        seat: strategy_orders(state, seat, seed, controllers[seat], views=views)
        for seat in sorted(state.seats)
        if controllers.get(seat, HUMAN) != HUMAN
    }


def scripted_talk(
    state: GameState, seed: int, controllers: Mapping[str, str], board: TalkBoard, views: TurnViews | None = None
) -> list[TalkEntry]:
    """The scripted seats' talk phase at a turn's opening, on `board` (built on `state`): first
    each scripted seat in id order says where it stands (Strategy.say), then each makes its
    offers (Strategy.talk), having heard every position; an offer to a scripted seat is
    answered at once. Returns the entries added, in order."""
    added: list[TalkEntry] = []
    views = views if views is not None else TurnViews(state, board)
    scripted = [seat for seat in sorted(state.seats) if controllers.get(seat, HUMAN) != HUMAN]
    for phase in ("say", "talk"):
        for seat in scripted:
            rng = LazyStream(seed, state.turn + 1, phase, seat)
            strategy = _strategy_of(state, seat, controllers[seat])
            for talk in getattr(strategy, phase)(views.of(seat), rng):
                if board.problem(seat, talk) is None:  # a strategy's talk is legal by construction
                    entry = board.add(seat, talk)
                    added += [entry, *answer_at_once(state, seed, controllers, board, entry, views)]
    return added


def answer_at_once(
    state: GameState,
    seed: int,
    controllers: Mapping[str, str],
    board: TalkBoard,
    entry: TalkEntry,
    views: TurnViews | None = None,
) -> list[TalkEntry]:
    """When `entry` is an offer to a scripted seat, that seat's answer (added to the board), and
    so on while counter-offers go back and forth between scripted seats (a bounded exchange)."""
    added: list[TalkEntry] = []
    for _ in range(MAX_EXCHANGES):
        if not entry.offer:
            break
        record = board.offers[entry.offer]
        controller = controllers.get(record.to, HUMAN)
        if controller == HUMAN or record.status != "open":
            break
        rng = LazyStream(seed, state.turn + 1, "answer", record.to, record.id)
        view = views.of(record.to) if views is not None else view_for(state, record.to, board=board)
        reply = _strategy_of(state, record.to, controller).answer(view, record, rng)  # type: ignore[arg-type]
        if board.problem(record.to, reply) is not None:
            reply = Reply(record.id, "reject")
        entry = board.add(record.to, reply)
        added.append(entry)
    return added
