"""The appeal mechanics the experiments rely on, on a hand-built world."""

import attrs
import pytest

from exercise.core.spec import Delegation, Forum, Norm, Scenario
from exercise.engine import new_game
from exercise.engine.appeal import alignment, base_appeal, will


def world(**norm_fields) -> Scenario:
    ds = (
        Delegation(id="friend", name="F", values={"civilian_protection": 0.9, "sovereignty": 0.1}, capacity=0.5),
        Delegation(id="foe", name="E", values={"civilian_protection": 0.1, "sovereignty": 0.95}, capacity=0.5),
    )
    norm = Norm(id="n", statement="N", domains=("civilian_protection",), harms=("sovereignty",), **norm_fields)
    return Scenario(
        id="w", title="W", delegations=ds, norms=(norm,), forums=(Forum(id="f", name="F", members=("friend", "foe")),)
    )


def appeal(state, who):
    s = state.scenario
    return base_appeal(state, s.delegation(who), s.norm("n"), state.norms["n"])


def test_will_is_alignment_shifted_and_clamped():
    assert will(0.0) == 0.5 and will(0.7) == 1.0 and will(-0.8) == 0.0


def test_clarity_helps_the_willing_and_not_the_opposed():
    clear, murky = new_game(world(clarity=0.9), 1), new_game(world(clarity=0.1), 1)
    assert appeal(clear, "friend") - appeal(murky, "friend") == pytest.approx(0.35 * 0.8)
    assert appeal(clear, "foe") == pytest.approx(appeal(murky, "foe"))  # will is 0 for the foe


def test_precedent_raises_appeal_by_will_times_last_turns_breadth():
    state = new_game(world(), 1)
    before = {d: appeal(state, d) for d in ("friend", "foe")}
    state.norms["n"].breadth_history.append(0.8)
    assert appeal(state, "friend") - before["friend"] == pytest.approx(1.0 * 0.25 * 0.8)  # will 1
    assert appeal(state, "foe") == pytest.approx(before["foe"])  # will 0: precedent moves it not at all


def test_grafting_pays_off_with_affinity_above_neutral():
    scenario = world()
    friend = attrs.evolve(scenario.delegations[0], affinity={"laws-of-war": 0.9})
    scenario = attrs.evolve(scenario, delegations=(friend, scenario.delegations[1]))
    state = new_game(scenario, 1)
    plain = appeal(state, "friend")
    state.norms["n"].framework = "laws-of-war"
    assert appeal(state, "friend") - plain == pytest.approx(0.6 * (0.9 - 0.4))
    assert appeal(state, "foe") < plain  # no affinity given: neutral, no bonus


def test_cached_alignment_matches_the_formula_and_follows_a_new_scenario():
    state = new_game(world(), 1)
    first = appeal(state, "friend")
    assert alignment(state.scenario.delegation("friend").values, state.scenario.norm("n")) == pytest.approx(0.8)
    other = world()
    friend = attrs.evolve(other.delegations[0], values={"civilian_protection": 0.2, "sovereignty": 0.1})
    state2 = new_game(attrs.evolve(other, delegations=(friend, other.delegations[1])), 1)
    assert appeal(state2, "friend") < first  # a different scenario is not served from the cache
