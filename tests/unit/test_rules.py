"""Forum decision rules, cadence, deliberation and tabling, on a small hand-built world."""

import attrs
import pytest

from exercise.core.orders import Endorse, Object, Propose, SignOn
from exercise.core.spec import Delegation, Forum, Norm, Scenario
from exercise.engine import new_game, resolve_turn

VALUES = {"security": 0.5}


def world(rule: str, **forum_fields) -> Scenario:
    members = ("a", "b", "c", "d")
    delegations = tuple(
        Delegation(id=x, name=x.upper(), power=p, capacity=0.5, values=VALUES, threshold=1.0)
        for x, p in zip(members, (0.9, 0.5, 0.3, 0.1))
    )
    forum = Forum(id="f", name="F", rule=rule, members=members, **forum_fields)
    # a neutral norm: no one is drawn to it or against it unless they say so
    norm = Norm(id="n", statement="N", domains=("security",), clarity=0.0, utility=0.0, doability=1.0)
    model = attrs.evolve(Scenario(id="s", title="S").model, vote_yes=0.5, vote_no=-0.5, held_bonus=0.0)
    return Scenario(id="s", title="S", delegations=delegations, norms=(norm,), forums=(forum,), model=model)


def play(scenario, *turns):
    state = new_game(scenario, 1)
    events = []
    for orders in turns:
        result = resolve_turn(state, orders, 1)
        state = result.state
        events.extend(result.events)
    sessions = [e for e in events if e.kind == "session"]
    return state, sessions


def test_consensus_without_objection_binds_every_member_at_once():
    state, sessions = play(world("consensus"), {"a": [Propose("n", "f")]})
    assert [x.outcome for x in sessions] == ["adopted"]
    assert sorted(state.norms["n"].depth) == ["a", "b", "c", "d"]  # broad adherence at once
    assert state.forums["f"].first_adoption == 1


def test_consensus_block_names_the_blocker():
    s = world("consensus", min_deliberation=1)
    state, sessions = play(s, {"a": [Propose("n", "f")]}, {"d": [Object("n", "f")]})
    assert [x.outcome for x in sessions] == ["deliberating", "blocked"]
    assert sessions[-1].blockers == ("d",)
    assert state.norms["n"].depth == {}


def test_majority_adopts_for_the_yes_voters_only():
    s = world("majority", min_deliberation=1)
    state, sessions = play(s, {"a": [Propose("n", "f")]}, {"b": [Endorse("n", "f")], "c": [Object("n", "f")]})
    assert sessions[-1].outcome == "adopted"
    assert sorted(state.norms["n"].depth) == ["a", "b"]


def test_majority_ties_deadlock_and_then_table():
    s = world("majority", min_deliberation=1, max_sessions=2)
    state, sessions = play(s, {"a": [Propose("n", "f")]}, {"c": [Object("n", "f")]}, {})
    assert [x.outcome for x in sessions] == ["deliberating", "deadlocked", "tabled"]
    assert state.forums["f"].agenda == []


def test_qualified_majority_needs_the_quota():
    s = world("qualified", quota=0.75)
    _, sessions = play(s, {"a": [Propose("n", "f")], "b": [], "c": []})
    assert sessions[-1].outcome == "deadlocked"  # 1 of 4 < 0.75
    s = world("qualified", quota=0.75, min_deliberation=1)
    _, sessions = play(s, {"a": [Propose("n", "f")]}, {"b": [Endorse("n", "f")], "c": [Endorse("n", "f")]})
    assert sessions[-1].outcome == "adopted"


def test_weighted_vote_counts_power():
    s = world("weighted", min_deliberation=1, quota=0.5)
    # a (0.9) alone outweighs b+c+d (0.9)? no: a tie in power is not a pass
    _, sessions = play(
        s, {"a": [Propose("n", "f")]}, {"b": [Object("n", "f")], "c": [Object("n", "f")], "d": [Object("n", "f")]}
    )
    assert sessions[-1].outcome == "deadlocked"
    _, sessions = play(s, {"a": [Propose("n", "f")]}, {"b": [Endorse("n", "f")], "d": [Object("n", "f")]})
    assert sessions[-1].outcome == "adopted"


def test_unanimity_needs_every_yes():
    s = world("unanimity", min_deliberation=1)
    _, sessions = play(s, {"a": [Propose("n", "f")]}, {"b": [Endorse("n", "f")]})
    assert sessions[-1].outcome == "deadlocked"
    _, sessions = play(s, {"a": [Propose("n", "f")]}, {x: [Endorse("n", "f")] for x in ("b", "c", "d")})
    assert sessions[-1].outcome == "adopted"


def test_signon_adopts_for_signatories_and_late_signers():
    s = world("signon", min_signatories=2, min_deliberation=1)
    state, sessions = play(
        s, {"a": [Propose("n", "f")]}, {"a": [SignOn("n", "f")], "b": [SignOn("n", "f")]}, {"c": [SignOn("n", "f")]}
    )
    assert sessions[-1].outcome == "adopted"
    assert sorted(state.norms["n"].depth) == ["a", "b", "c"]
    assert state.norms["n"].depth.get("d") is None


@pytest.mark.parametrize("cadence, offset, expected", [(1, 0, [1, 2, 3, 4]), (3, 0, [3]), (2, 1, [1, 3])])
def test_forums_meet_on_their_cadence(cadence, offset, expected):
    f = Forum(id="f", name="F", cadence=cadence, offset=offset, members=("a",))
    assert [t for t in range(1, 5) if f.meets_on(t)] == expected
