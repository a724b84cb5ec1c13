"""A seat that would veto a consensus text says so (strategies/offers.py `qualms`), so a
champion's side payment reaches it; and effect 10 is posed where a veto sinks a text
unbargained (batch/poser_deals.py). On the bargaining lab with the holdout made a silent
no-voter: a bandwagoner with no instruction, leaning against protect-ci."""

from __future__ import annotations

from pathlib import Path

import attrs

from exercise.batch.measures import Trace
from exercise.batch.poser_deals import side_payments
from exercise.core.orders import Endorse, Propose
from exercise.core.talk import Statement
from exercise.engine import new_game, resolve_turn
from exercise.engine.talk import TalkBoard
from exercise.engine.views import view_for
from exercise.headless import play
from exercise.scenario import load_scenario
from exercise.strategies.offers import qualms

LAB = Path(__file__).resolve().parents[2] / "exercise" / "batch" / "scenarios" / "deals.toml"
NORM, FORUM = "protect-ci", "council"


def silent_holdout():
    sc = load_scenario(LAB)
    holdout = attrs.evolve(sc.delegation("holdout"), strategy="bandwagoner", objectives=())
    return attrs.evolve(sc, delegations=tuple(holdout if d.id == "holdout" else d for d in sc.delegations))


def test_a_seat_that_would_veto_says_so_on_the_floor_the_turn_its_forum_votes():
    sc = silent_holdout()
    state = resolve_turn(new_game(sc, 1), {"champ": [Propose(NORM, FORUM)]}, 1).state
    early = view_for(state, "holdout", board=TalkBoard(state))  # turn 2: the council does not meet
    assert early.my_appeal(NORM) < early.model.vote_no
    assert qualms(early) == []
    state = resolve_turn(state, {}, 1).state  # turn 3: the council's session
    said = qualms(view_for(state, "holdout", board=TalkBoard(state)))
    assert [(s.forum, s.position, s.norms) for s in said if isinstance(s, Statement)] == [(FORUM, "oppose", (NORM,))]
    assert qualms(view_for(state, "member-1", board=TalkBoard(state))) == []  # it leans for it: nothing to say


def test_the_champion_pays_the_seat_that_said_it_would_veto():
    trace = Trace()
    for result in play(silent_holdout(), 1, 4):
        trace.record(result.state, result.events)
    paid = [o for o in trace.offers.values() if o.offerer == "champ" and o.to == "holdout"]
    assert paid, "the champion never offered the would-be vetoer anything"
    assert str(Endorse(NORM, FORUM)) in paid[0].wants
    assert paid[0].gives[0].startswith(f"assist holdout on {NORM}")


def test_side_payments_is_posed_on_the_text_a_veto_sinks_and_not_where_nothing_is_sunk():
    posed = side_payments(load_scenario(LAB))
    assert posed.measure == f"adopted_in:{NORM}:{FORUM}"
    assert "would-be blocker(s) holdout" in posed.picked
    sc = load_scenario(LAB)  # the holdout leaning for the norm: nothing is vetoed, nothing to pose
    values = {k: 1.0 for k in sc.delegation("holdout").values}
    keen = attrs.evolve(sc.delegation("holdout"), values=values, objectives=())
    keen_world = attrs.evolve(sc, delegations=tuple(keen if d.id == "holdout" else d for d in sc.delegations))
    assert not hasattr(side_payments(keen_world), "measure")
