"""Who sits in a forum: one rule (core/spec.py) read by the scenario checks and the setup."""

from exercise.core.spec import Delegation, Forum, Scenario
from exercise.engine import new_game
from exercise.scenario.checks import semantic_problems

KINDS = {"s": "state", "m": "military", "c": "company"}


def world(**forum_fields) -> Scenario:
    delegations = tuple(Delegation(id=i, name=i.upper(), kind=k) for i, k in KINDS.items())
    return Scenario(id="w", title="W", delegations=delegations, forums=(Forum(id="f", name="F", **forum_fields),))


def test_an_open_forum_seats_the_states_alone_unless_open_to_non_state():
    assert new_game(world(open_to_all=True), 1).forums["f"].members == ["s"]
    assert new_game(world(open_to_all=True, open_to_non_state=True), 1).forums["f"].members == ["c", "m", "s"]


def test_a_military_may_be_listed_anywhere_and_a_company_only_where_non_states_may_sit():
    assert not [p for p in semantic_problems(world(members=("s", "m"))) if "members" in p]
    [problem] = [p for p in semantic_problems(world(members=("s", "c"))) if "members" in p]
    assert problem.startswith("forums[0].members[1]: 'c' is a company") and "open_to_non_state" in problem
    assert not [p for p in semantic_problems(world(members=("s", "c"), open_to_non_state=True)) if "members" in p]
