"""Packages (issue 12, item 3): several norms as one text, weighed by what it holds, adopted or
blocked as one; a norm can be dropped from it.

The lab: a three-member consensus council where only the utility term counts (every other
weight 0, no vote noise), so each member's disposition on a norm is its alignment:

    popular  x 0.9   y 0.9   z 0.9
    weak     x 0.8   y 0.8   z -0.2   (fails alone: z votes no; -0.2 is within the tolerance)
    poison   x 0.9   y 0.9   z -0.5   (below vote_no - package_tolerance = -0.3: sinks a package)
    extra    like popular

popular and extra are held by all three, poison by x and y (breadth 0.61): what the world holds.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise.core.canonical import state_from_dict, state_hash, state_json, state_to_dict
from exercise.core.events import OrderRefused, PackageAmended, SessionOutcome
from exercise.core.orders import Amend, Endorse, Object, Package, Propose, Withdraw, parse_order
from exercise.engine import new_game, resolve_turn, view_for
from exercise.engine.choices import candidate_orders
from exercise.engine.forums import package_disposition
from exercise.engine.legality import check_orders
from exercise.errors import ExerciseError, OrderSyntaxError
from exercise.scenario import parse_scenario

LAB = """
id = "package-lab"
title = "Three members, three norms"
domains = ["a", "b", "c", "d"]
salience = { a = 0.5, b = 0.5, c = 0.5, d = 0.5 }

[model]
clarity_weight = 0
utility_weight = 1
precedent_weight = 0
held_bonus = 0
rival_weight = 0
cost_weight = 0
social_weight = 0
cascade_weight = 0
vote_noise = 0
stand_aside_weight = 0
diffusion_noise = 0
threshold_low = 0.99
threshold_high = 0.99

[[delegations]]
id = "x"
name = "X"
power = 0.8
values = { a = 0.9, b = 0.8, c = 0.0, d = 0.9 }

[[delegations]]
id = "y"
name = "Y"
power = 0.6
values = { a = 0.9, b = 0.8, c = 0.0, d = 0.9 }

[[delegations]]
id = "z"
name = "Z"
power = 0.4
values = { a = 0.9, b = 0.3, c = 0.5, d = 0.0 }

[[delegations]]
id = "w"
name = "W, outside the council"
values = { a = 0.5 }

[[norms]]
id = "popular"
statement = "Everyone wants this."
domains = ["a"]
utility = 1.0
holders = ["x", "y", "z"]

[[norms]]
id = "weak"
statement = "Z leans against this, a little."
domains = ["b"]
harms = ["c"]
utility = 1.0

[[norms]]
id = "poison"
statement = "Z cannot accept this."
domains = ["d"]
harms = ["c"]
utility = 1.0
holders = ["x", "y"]

[[norms]]
id = "extra"
statement = "Another text everyone wants."
domains = ["a"]
holders = ["x", "y", "z"]

[[forums]]
id = "council"
name = "Council"
kind = "centralized"
rule = "consensus"
members = ["x", "y", "z"]
agenda_size = 2
min_deliberation = 1
max_sessions = 2

[[forums]]
id = "club"
name = "A smaller club"
rule = "consensus"
members = ["x", "z"]
min_deliberation = 1
max_sessions = 5

[[forums]]
id = "call"
name = "A voluntary call"
rule = "signon"
members = ["x", "y", "z"]
"""


@pytest.fixture(scope="module")
def lab():
    return parse_scenario(LAB, "package-lab")


def play(state, *turns, seed=1):
    """Resolve one turn per mapping of orders; return the last result."""
    result = None
    for orders in turns:
        result = resolve_turn(state, orders, seed)
        state = result.state
    return result


def sessions(result):
    return [e for e in result.events if isinstance(e, SessionOutcome) and e.outcome != "deliberating"]


PROPOSE_ALONE = {"x": [Propose("weak", "council")]}


def test_a_norm_that_fails_alone_is_carried_by_a_package(lab):
    alone = sessions(play(new_game(lab, 1), PROPOSE_ALONE, {}))
    assert [(s.norm, s.outcome, s.blockers) for s in alone] == [("weak", "blocked", ("z",))]

    result = play(new_game(lab, 1), {"x": [Package("text", "council", ("popular", "weak"))]}, {})
    (decision,) = sessions(result)
    assert (decision.norm, decision.norms, decision.outcome) == ("text", ("popular", "weak"), "adopted")
    council = result.state.forums["council"]
    assert council.adopted == {"popular": 2, "weak": 2} and not council.agenda
    for norm in ("popular", "weak"):  # every member adopts every norm, z included (it voted yes)
        assert set(result.state.norms[norm].depth) >= {"x", "y", "z"}
        assert result.state.norms[norm].adopted_in == {"council": 2}


def test_one_unacceptable_norm_sinks_the_package(lab):
    result = play(new_game(lab, 1), {"x": [Package("text", "council", ("popular", "poison"))]}, {})
    (decision,) = sessions(result)
    assert (decision.outcome, decision.blockers) == ("blocked", ("z",))
    council = result.state.forums["council"]
    assert council.blocked == {"text": 2} and not council.adopted
    assert council.item("text").norms == ["popular", "poison"]  # still on the agenda: a second session


def test_the_package_weighing_rule():
    from exercise.core.spec import ModelParams

    m = ModelParams()  # vote_no 0, package_tolerance 0.3
    assert package_disposition([0.9, -0.2], m) == pytest.approx(0.35)  # within tolerance: the mean
    assert package_disposition([0.9, 0.9, -0.5], m) == -0.5  # beyond it: the worst norm sinks it
    assert package_disposition([0.9, -0.3], m) == pytest.approx(0.3)  # the line itself is tolerated


def test_dropping_the_unacceptable_norm_clears_positions_and_lets_it_pass(lab):
    tabled = {"x": [Package("text", "council", ("popular", "weak", "poison"))]}
    objected = play(new_game(lab, 1), tabled, {"z": [Object("text", "council")], "y": [Endorse("text", "council")]})
    assert sessions(objected)[0].outcome == "blocked"
    item = objected.state.forums["council"].item("text")
    assert item.objectors == ["z"] and item.endorsers == ["x", "y"]

    dropped = resolve_turn(objected.state, {"y": [Amend("text", "council", "drop", "poison")]}, 1)
    (change,) = [e for e in dropped.events if isinstance(e, PackageAmended)]
    assert (change.dropped, change.norms) == ("poison", ("popular", "weak"))
    (decision,) = sessions(dropped)
    assert (decision.outcome, decision.norms, decision.yes) == ("adopted", ("popular", "weak"), ("x", "y", "z"))
    assert "poison" not in dropped.state.forums["council"].adopted


def test_a_position_given_with_the_drop_is_refused_and_refunded(lab):
    tabled = play(new_game(lab, 1), {"x": [Package("text", "council", ("popular", "weak", "poison"))]})
    same_turn = {"y": [Amend("text", "council", "drop", "poison")], "z": [Object("text", "council")]}
    result = resolve_turn(tabled.state, same_turn, 1)
    (refused,) = [e for e in result.events if isinstance(e, OrderRefused)]
    assert refused.seat == "z" and "changed this turn" in refused.reason
    (decision,) = sessions(result)  # z's objection, given on the old text, did not count
    assert decision.outcome == "adopted" and "z" in decision.yes


def test_a_package_dropped_to_one_norm_becomes_that_norms_item(lab):
    tabled = play(new_game(lab, 1), {"x": [Package("text", "council", ("popular", "weak"))]})
    # both members drop in the same turn: the first leaves `popular` alone, the second is void
    result = resolve_turn(
        tabled.state,
        {"x": [Amend("text", "council", "drop", "weak")], "y": [Amend("text", "council", "drop", "popular")]},
        1,
    )
    (change,) = [e for e in result.events if isinstance(e, PackageAmended)]
    assert (change.by, change.dropped, change.norms) == ("x", "weak", ())
    (decision,) = sessions(result)
    assert (decision.norm, decision.norms, decision.outcome) == ("popular", (), "adopted")


@pytest.mark.parametrize(
    "seat, order, reason",
    [
        ("w", Package("t", "council", ("popular", "weak")), "w is not a member of council"),
        ("x", Package("t", "council", ("popular", "nope", "zip")), "there is no norm 'nope', 'zip'"),
        ("x", Package("weak", "council", ("popular", "poison")), "weak is a norm's id; a package needs a name"),
        ("x", Package("Bad_Name", "council", ("popular", "poison")), "the package's name 'Bad_Name' holds"),
        ("x", Package("t", "council", ("popular", "popular")), "at least two norms, each once"),
        ("x", Package("t", "call", ("popular", "weak")), "call is a voluntary call"),
        ("x", Package("t", "council", ("popular", "weak")), "of council: popular (in the package old), weak"),
        ("x", Package("old", "council", ("popular", "poison")), "old is already on the agenda of council"),
        ("y", Propose("popular", "council"), "popular is already on the agenda of council (in the package old)"),
        ("y", Endorse("popular", "council"), "only in the package old; name old"),
        ("y", Amend("old", "council", "clarify"), "old is a package: amend its norms one by one"),
        ("y", Amend("old", "council", "drop", "weak"), "weak is not in the package old (popular, poison)"),
        ("y", Amend("weak", "council", "drop", "popular"), "weak is not a package on the agenda of council"),
        ("y", Endorse("nothing", "council"), "there is no norm 'nothing', nor a package of that name"),
    ],
)
def test_illegal_package_orders_are_refused_in_one_line_naming_seat_and_order(lab, seat, order, reason):
    state = play(
        new_game(lab, 1), {"x": [Package("old", "council", ("popular", "poison")), Propose("weak", "council")]}
    ).state
    with pytest.raises(ExerciseError) as err:
        check_orders(view_for(state, seat), [order])
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{seat}: {order.text()}: ") and reason in message


def test_a_package_of_an_adopted_norm_or_on_a_full_agenda_is_refused(lab):
    state = play(new_game(lab, 1), {"x": [Package("one", "council", ("popular", "weak"))]}, {}).state
    with pytest.raises(ExerciseError, match="council already adopted popular"):
        check_orders(view_for(state, "x"), [Package("two", "council", ("popular", "poison"))])
    full = play(new_game(lab, 1), {"x": [Propose("weak", "council"), Propose("poison", "council")]}).state
    with pytest.raises(ExerciseError, match="agenda of council is full"):
        check_orders(view_for(full, "y"), [Package("three", "council", ("popular", "extra"))])


names = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


@given(names, names, st.lists(names, min_size=2, max_size=6, unique=True))
def test_package_orders_round_trip_through_their_text(name, forum, norms):
    for order in (Package(name, forum, tuple(norms)), Amend(name, forum, "drop", norms[0])):
        assert parse_order(order.text()) == order


@pytest.mark.parametrize(
    "text, message",
    [
        ("package r in f of a", "at least two norms"),
        ("package r in f of a,b,a", "lists a twice"),
        ("package r in f of a,,b", "at least two norms"),
        ("package r in f of a, b", "expected 'package NAME in NAME of LIST'"),
        ("amend r in f drop", "or 'drop NORM' from a package"),
        ("amend r in f narrow a", "or 'drop NORM' from a package"),
    ],
)
def test_bad_package_text_says_what_was_expected(text, message):
    with pytest.raises(OrderSyntaxError) as err:
        parse_order(text, "x")
    assert message in str(err.value) and str(err.value).startswith("x: ")


def test_the_desk_offers_a_packages_positions_and_drops(lab):
    state = play(new_game(lab, 1), {"x": [Package("old", "council", ("popular", "poison"))]}).state
    offered = {o.text() for o in candidate_orders(view_for(state, "y"))}
    assert {"endorse old in council", "object old in council"} <= offered
    assert {"amend old in council drop popular", "amend old in council drop poison"} <= offered
    mine = {o.text() for o in candidate_orders(view_for(state, "x"))}
    assert "withdraw old from council" in mine and "object old in council" not in mine
    result = resolve_turn(state, {"x": [Withdraw("old", "council")]}, 1)
    assert not result.state.forums["council"].agenda


def test_the_broker_packages_a_blocked_norm_with_popular_ones_and_leaves_out_an_objected_one(lab):
    from exercise.strategies.broker import Broker

    state = play(
        new_game(lab, 1),
        {"x": [Propose("weak", "council"), Propose("poison", "club")]},
        {"z": [Object("poison", "club")]},  # z's public objection to poison (club agenda)
        {},  # weak is blocked a second time in the council and tabled
    ).state
    assert state.forums["council"].blocked == {"weak": 3} and not state.forums["council"].agenda
    orders = Broker().decide(view_for(state, "x"), random.Random(0))
    packages = [o for o in orders if isinstance(o, Package)]
    assert packages == [Package("draft-4-x", "council", ("weak", "extra", "popular"))]
    # and the text carries weak, which failed alone twice
    result = play(state, {"x": packages}, {})
    assert result.state.forums["council"].adopted == {"weak": 5, "extra": 5, "popular": 5}


def test_a_blocker_objects_to_a_package_holding_a_norm_it_is_told_to_block(lab):
    import attrs

    from exercise.core.spec import Objective
    from exercise.strategies.blocker import Blocker

    z = attrs.evolve(lab.delegation("z"), objectives=(Objective("block", "weak"),))
    told = attrs.evolve(lab, delegations=tuple(z if d.id == "z" else d for d in lab.delegations))
    state = play(new_game(told, 1), {"x": [Package("text", "council", ("popular", "weak"))]}).state
    orders = Blocker().decide(view_for(state, "z"), random.Random(0))
    assert Object("text", "council") in orders
    untold = play(new_game(lab, 1), {"x": [Package("text", "council", ("popular", "weak"))]}).state
    assert Object("text", "council") not in Blocker().decide(view_for(untold, "z"), random.Random(0))


def test_a_package_survives_canonical_json_and_a_game_without_one_writes_no_norms_key(lab):
    state = play(new_game(lab, 1), {"x": [Package("old", "council", ("popular", "poison"))]}).state
    back = state_from_dict(json.loads(state_json(state)), lab)
    assert back.forums["council"].agenda[0].norms == ["popular", "poison"]
    assert state_hash(back) == state_hash(state) and state_hash(state.clone()) == state_hash(state)
    plain = play(new_game(lab, 1), PROPOSE_ALONE).state
    assert "norms" not in state_to_dict(plain)["forums"]["council"]["agenda"][0]


SCRIPT = """
import json, sys
from exercise.core.canonical import state_hash
from exercise.headless import play
from exercise.scenario import load_scenario
print(json.dumps([state_hash(r.state) for r in play(load_scenario(sys.argv[1]), 4, 8)]))
"""


def test_a_game_with_packages_is_the_same_in_two_processes():
    path = Path(__file__).resolve().parents[2] / "scenarios" / "gge-2015-vs-2017.toml"
    runs = [
        subprocess.run(
            [sys.executable, "-c", SCRIPT, str(path)],
            env={**os.environ, "PYTHONHASHSEED": str(h)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for h in (1, 4242)
    ]
    assert runs[0] == runs[1] and len(json.loads(runs[0])) == 8
