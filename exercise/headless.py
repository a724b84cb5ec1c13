"""Headless play: every seat scripted, turn after turn. The CLI, sweeps and tests use it."""

from __future__ import annotations

from collections.abc import Iterator

from exercise.core.spec import Scenario
from exercise.engine import TurnResult, new_game, resolve_turn
from exercise.engine.talk import TalkBoard
from exercise.strategies import TurnViews, default_controllers, scripted_orders, scripted_talk


def play(scenario: Scenario, seed: int, turns: int | None = None) -> Iterator[TurnResult]:
    """Yield each turn's result of a game where every seat plays its scripted strategy."""
    state = new_game(scenario, seed)
    controllers = default_controllers(scenario)
    for _ in range(scenario.turns if turns is None else turns):
        board = TalkBoard(state)  # the talk phase, then the orders that may honour its deals
        views = TurnViews(state, board)
        scripted_talk(state, seed, controllers, board, views)
        orders = scripted_orders(state, seed, controllers, board, views)
        result = resolve_turn(state, orders, seed, prechecked=orders.keys(), talk=board)
        state = result.state
        yield result


def final_state(scenario: Scenario, seed: int, turns: int | None = None):
    state = None
    for result in play(scenario, seed, turns):
        state = result.state
    return state if state is not None else new_game(scenario, seed)
