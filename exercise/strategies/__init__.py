"""Scripted delegations: one small class per strategy family, registered by name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from exercise.core.orders import Order
from exercise.core.rng import LazyStream
from exercise.core.seats import HUMAN
from exercise.core.spec import Scenario
from exercise.core.state import GameState
from exercise.engine.appeal import NormTerms
from exercise.engine.views import view_for
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


def strategy_orders(
    state: GameState, seat: str, seed: int, strategy: str | None = None, terms: dict[str, NormTerms] | None = None
) -> list[Order]:
    """What `strategy` (default: the seat's scenario strategy) would order for `seat` in the
    coming turn. The seat's random stream comes from (seed, turn, seat) only. `terms`: shared
    by every seat deciding on this state (see View.my_appeal)."""
    name = strategy if strategy and strategy != HUMAN else state.scenario.delegation(seat).strategy
    rng = LazyStream(seed, state.turn + 1, "strategy", seat)
    return get_strategy(name).decide(view_for(state, seat, terms=terms), rng)  # type: ignore[arg-type]


def scripted_orders(state: GameState, seed: int, controllers: Mapping[str, str]) -> dict[str, list[Order]]:
    """Orders of every seat whose controller is a strategy (not "human")."""
    terms: dict[str, NormTerms] = {}
    return {
        seat: strategy_orders(state, seat, seed, controllers[seat], terms)
        for seat in sorted(state.seats)
        if controllers.get(seat, HUMAN) != HUMAN
    }
