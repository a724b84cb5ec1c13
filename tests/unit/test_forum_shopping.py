"""Issue 14, round 2: proposers shop for forums (seed a norm outside, then bring it to the
centralized forum), remember a block (never table a text where the forum would refuse it), and
a delegation takes up at most `uptake` new norms a turn by diffusion."""

from __future__ import annotations

from exercise.core.orders import Propose
from exercise.core.rng import stream
from exercise.engine import new_game, resolve_turn, view_for
from exercise.scenario import parse_scenario
from exercise.strategies import get_strategy

WORLD = """
id = "shopping"
title = "A champion, a club and the UN"
turns = 6

[[delegations]]
id = "champ"
name = "Champion"
strategy = "champion"
power = 0.6
objectives = [{ kind = "adopt", norm = "text" }]

[[delegations]]
id = "friend"
name = "Friend"
strategy = "bandwagoner"

[[delegations]]
id = "other"
name = "Other"
strategy = "bandwagoner"

[[norms]]
id = "text"
statement = "The text."

[[forums]]
id = "club"
name = "The club"
members = ["champ", "friend"]
cadence = 2

[[forums]]
id = "un"
name = "The UN"
kind = "centralized"
rule = "consensus"
open_to_all = true
"""


def _proposals(state, seat: str = "champ") -> set[tuple[str, str]]:
    orders = get_strategy("champion").decide(view_for(state, seat), stream(1, state.turn + 1, seat))
    return {(o.norm, o.forum) for o in orders if isinstance(o, Propose)}


def test_a_champion_seeds_its_norm_outside_first_then_brings_it_to_the_centralized_forum():
    scenario = parse_scenario(WORLD, "shopping.toml")
    state = new_game(scenario, 1)
    # the UN meets every turn, the club every other one: still the club first
    assert _proposals(state) == {("text", "club")}
    state = resolve_turn(state, {"champ": [Propose("text", "club")]}, 1).state
    state = resolve_turn(state, {}, 1).state
    assert "text" in state.forums["club"].adopted  # the club (majority) adopts it on turn 2
    assert _proposals(state) == {("text", "un")}


def test_a_proposer_does_not_table_a_text_where_it_was_just_blocked():
    scenario = parse_scenario(WORLD, "shopping.toml")
    state = new_game(scenario, 1)
    state = resolve_turn(state, {"champ": [Propose("text", "club")]}, 1).state
    state = resolve_turn(state, {}, 1).state
    state.forums["un"].blocked["text"] = state.turn  # the UN blocked it this turn
    assert ("text", "un") not in _proposals(state)  # refused there for block_memory turns: not wasted
    state.forums["un"].blocked["text"] = state.turn - scenario.model.block_memory
    assert ("text", "un") in _proposals(state)  # the block has lapsed


def two_norms(uptake: int | None) -> str:
    model = f"\n[model]\nuptake = {uptake}\n" if uptake is not None else "\n[model]\n"
    return f"""
id = "attention"
title = "Two norms at once"
turns = 3

[[delegations]]
id = "a"
name = "A"
threshold = 0.0

[[delegations]]
id = "b"
name = "B"
threshold = 0.1

[[norms]]
id = "first"
statement = "The first norm."
holders = ["a"]

[[norms]]
id = "second"
statement = "The second norm."
holders = ["a"]

[[forums]]
id = "room"
name = "A room that never meets"
members = ["a", "b"]
offset = 100

[[tie_groups]]
kind = "partner"
members = ["a", "b"]
{model}clarity_weight = 0
utility_weight = 0
precedent_weight = 0
cascade_weight = 0
rival_weight = 0
cost_weight = 0
diffusion_noise = 0
social_weight = 1
adoption_hazard = 1
"""


def _held_by_b(text: str, turns: int) -> set[str]:
    scenario = parse_scenario(text, "attention.toml")
    state = new_game(scenario, 1)
    for _ in range(turns):
        state = resolve_turn(state, {}, 1).state
    return {n for n, ns in state.norms.items() if "b" in ns.depth}


def test_a_delegation_takes_up_one_new_norm_a_turn_by_diffusion():
    assert _held_by_b(two_norms(None), 1) == {"first"}  # pushed equally: the smaller id first
    assert _held_by_b(two_norms(None), 2) == {"first", "second"}  # the other the turn after


def test_uptake_0_lifts_the_limit():
    assert _held_by_b(two_norms(0), 1) == {"first", "second"}
