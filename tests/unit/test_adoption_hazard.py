"""Adoption before a norm tips is a chance, not a certainty (rules version 4): a seat whose
pressure reaches its threshold takes the norm up this turn with chance
`adoption_hazard + (1 - adoption_hazard) * capacity`, and at once once the norm has tipped (while the cascade term is on).
The worlds are scenario files, like a user's: only the social pull is on, every threshold is 0."""

from __future__ import annotations

import pytest

from exercise.engine import new_game, resolve_turn
from exercise.engine.diffusion import acts
from exercise.scenario import parse_scenario

ABLE, UNABLE = 20, 40  # capacity 1 and capacity 0 seats beside the instigators


def world(instigators: int, hazard: float, tipping: float = 0.33, cascade: float = 0.0) -> str:
    seats = [("i", 1.0)] * instigators + [("a", 1.0)] * ABLE + [("u", 0.0)] * UNABLE
    ids = [f"{kind}{n:02d}" for n, (kind, _) in enumerate(seats)]
    body = "\n".join(
        f'[[delegations]]\nid = "{i}"\nname = "Seat {i}"\nthreshold = 0.0\ncapacity = {c}\npower = 0.5\n'
        for i, (_, c) in zip(ids, seats, strict=True)
    )
    holders = ", ".join(f'"{i}"' for i in ids[:instigators])
    members = ", ".join(f'"{i}"' for i in ids)
    return f"""
id = "hazard"
title = "Who takes a norm up when"
turns = 8
{body}
[[norms]]
id = "n"
statement = "The norm."
holders = [{holders}]

[[forums]]
id = "room"
name = "The room"
members = [{members}]

[[tie_groups]]
kind = "crowd"
members = [{members}]

[model]
adoption_hazard = {hazard}
cascade_tipping = {tipping}
clarity_weight = 0
utility_weight = 0
precedent_weight = 0
cascade_weight = {cascade}
rival_weight = 0
cost_weight = 0
diffusion_noise = 0
social_weight = 1
"""


def adoption_turns(text: str, seed: int = 1) -> dict[str, int]:
    scenario = parse_scenario(text, "hazard.toml")
    state = new_game(scenario, seed)
    for _ in range(scenario.turns):
        state = resolve_turn(state, {}, seed).state
    return dict(state.norms["n"].since)


def mean_turn(turns: dict[str, int], kind: str) -> float:
    mine = [t for d, t in turns.items() if d.startswith(kind)]
    return sum(mine) / len(mine)


def test_before_tipping_the_able_adopt_at_once_and_the_unable_by_chance_later():
    turns = adoption_turns(world(instigators=2, hazard=0.1, tipping=1.0))
    assert {turns[d] for d in turns if d.startswith("a")} == {1}  # capacity 1: chance 1
    unable_first = sum(1 for d, t in turns.items() if d.startswith("u") and t == 1)
    assert unable_first < UNABLE / 2  # chance 0.1 a turn (about 4 of 40)
    assert mean_turn(turns, "u") > mean_turn(turns, "a") + 1


def test_once_tipped_everyone_over_its_threshold_adopts_that_turn():
    # 30 instigators of 90 seats: the breadth recorded at the end of turn 1 is past a third,
    # so from turn 2 every seat left adopts at once; untipped, the unable trickle in for turns
    # (the step is the cascade term's: with cascade_weight 0 nothing changes at the share)
    tipped = adoption_turns(world(instigators=30, hazard=0.1, tipping=1 / 3, cascade=0.15))
    assert {t for d, t in tipped.items() if not d.startswith("i")} == {1, 2}
    untipped = adoption_turns(world(instigators=30, hazard=0.1, tipping=1.0, cascade=0.15))
    assert max(untipped.values()) > 3
    no_term = adoption_turns(world(instigators=30, hazard=0.1, tipping=1 / 3, cascade=0.0))
    assert max(no_term.values()) > 3


def test_hazard_one_is_the_deterministic_threshold_model():
    turns = adoption_turns(world(instigators=2, hazard=1.0, tipping=1.0))
    assert {t for d, t in turns.items() if not d.startswith("i")} == {1}


@pytest.mark.parametrize("capacity", [0.0, 0.4, 1.0])
def test_a_chance_of_one_draws_nothing(capacity):
    class NoDraws:
        def random(self) -> float:
            raise AssertionError("drew a number for a certain adoption")

    assert acts(1.0, capacity, NoDraws())
    if capacity == 1.0:
        assert acts(0.1, capacity, NoDraws())
