"""Every strategy gives only legal orders, and the same play for the same seed."""

import pytest

from exercise.core.rng import stream
from exercise.engine import new_game, resolve_turn, view_for
from exercise.engine.legality import check_orders
from exercise.scenario import parse_scenario
from exercise.scenario.generate import generate_scenario
from exercise.strategies import STRATEGIES, default_controllers, get_strategy, scripted_orders


@pytest.fixture(scope="module")
def world():
    return parse_scenario(generate_scenario(24, 4, 10, seed=3), "generated")


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_strategy_orders_are_legal_and_repeatable(world, name):
    """Play the world with its own mix of strategies; at every turn ask `name` what it would
    order for every seat: always legal, affordable, and the same for the same seed."""
    strategy = get_strategy(name)
    controllers = default_controllers(world)
    state = new_game(world, 3)
    gave = 0
    for turn in range(6):
        for seat in sorted(state.seats):
            view = view_for(state, seat)
            mine = strategy.decide(view, stream(3, turn, seat))
            assert mine == strategy.decide(view_for(state, seat), stream(3, turn, seat))
            check_orders(view, mine)  # raises if any order is illegal or unaffordable
            gave += len(mine)
        state = resolve_turn(state, scripted_orders(state, 3, controllers), 3).state
    assert gave > 0, f"{name} never did anything"


def test_strategies_have_a_name_summary_and_classifier():
    for name, cls in STRATEGIES.items():
        assert cls.name == name and cls.summary
        assert set(cls.classifier) >= {"stochastic", "memory"}
    assert {"champion", "blocker", "bandwagoner", "broker", "lip-service", "random-legal"} <= set(STRATEGIES)


def test_lip_service_never_implements_or_assists(world):
    strategy = get_strategy("lip-service")
    state = new_game(world, 4)
    for turn in range(6):
        orders = {s: strategy.decide(view_for(state, s), stream(4, turn, s)) for s in sorted(state.seats)}
        assert not any(o.verb in ("implement", "assist") for mine in orders.values() for o in mine)
        state = resolve_turn(state, orders, 4).state


def test_blocker_objects_to_what_it_opposes(tutorial):
    from exercise.core.orders import Object, Propose

    state = new_game(tutorial, 1)
    state = resolve_turn(state, {"atlantia": [Propose("free-flow", "assembly")]}, 1).state
    orders = get_strategy("blocker").decide(view_for(state, "borealis"), stream(1, 2, "borealis"))
    assert Object("free-flow", "assembly") in orders


def test_the_names_a_scenario_is_checked_against_are_the_registrys():
    from exercise.core.seats import STRATEGY_NAMES
    from exercise.strategies import STRATEGIES

    assert tuple(sorted(STRATEGIES)) == STRATEGY_NAMES
