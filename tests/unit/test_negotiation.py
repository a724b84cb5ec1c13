"""Deal pricing (strategies/negotiation.py): a scripted seat accepts a deal worth enough to it,
counters once when it is close, rejects otherwise; a red line is not for sale; a seat that
broke its word must offer more; lip-service prices promises to implement at nothing. On the
bargaining lab (exercise/batch/scenarios/deals.toml), after the champion tabled protect-ci."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from exercise.core.orders import Assist, Endorse, Implement, Propose
from exercise.core.talk import Counter, Reply
from exercise.engine import new_game, resolve_turn
from exercise.engine.talk import OfferRecord, TalkBoard
from exercise.engine.views import view_for
from exercise.scenario import load_scenario
from exercise.strategies.negotiation import cost, deal_value, price, worth

LAB = Path(__file__).resolve().parents[2] / "exercise" / "batch" / "scenarios" / "deals.toml"
NORM, FORUM = "protect-ci", "council"


def tabled(scenario=None):
    scenario = scenario or load_scenario(LAB)
    return resolve_turn(new_game(scenario, 1), {"champ": [Propose(NORM, FORUM)]}, 1).state


def bribe(amount: float, counters: str = "") -> OfferRecord:
    return OfferRecord(
        "2.1", "champ", "holdout", (Assist("holdout", NORM, amount),), (Endorse(NORM, FORUM),), 2, False, counters
    )


def answer(state, offer, seat="holdout"):
    return price(view_for(state, seat, board=TalkBoard(state)), offer)


@pytest.fixture(scope="module")
def state():
    return tabled()


def test_the_value_is_what_it_receives_times_credibility_less_what_it_gives(state):
    view = view_for(state, "holdout", board=TalkBoard(state))
    m = view.model
    # the holdout leans against the norm and is instructed to block it (weight 1)
    assert worth(view, NORM) == pytest.approx(view.my_appeal(NORM) - m.objective_value)
    assert cost(view, Endorse(NORM, FORUM)) == pytest.approx(m.influence_value - worth(view, NORM))
    assert deal_value(view, bribe(4)) == pytest.approx(4 * m.budget_value - cost(view, Endorse(NORM, FORUM)))


def test_generous_accepted_close_countered_stingy_rejected(state):
    assert answer(state, bribe(4)) == Reply("2.1", "accept")
    assert answer(state, bribe(1)) == Reply("2.1", "reject")
    counter = answer(state, bribe(2.5))
    assert isinstance(counter, Counter) and counter.wants[0].amount > 2.5
    # what it asks for is enough: the same deal at that price is accepted
    assert answer(state, bribe(counter.wants[0].amount)) == Reply("2.1", "accept")
    # and it counters only once: a counter-offer that is still short is rejected
    assert answer(state, bribe(2.5, counters="2.0")) == Reply("2.1", "reject")


def test_a_firm_block_instruction_is_a_red_line(state):
    scenario = load_scenario(LAB)
    firm = attrs.evolve(
        scenario,
        delegations=tuple(
            attrs.evolve(d, objectives=tuple(attrs.evolve(o, weight=2.0) for o in d.objectives))
            if d.id == "holdout"
            else d
            for d in scenario.delegations
        ),
    )
    assert answer(tabled(firm), bribe(100)) == Reply("2.1", "reject")


def test_a_seat_that_broke_its_word_must_offer_more(state):
    wronged = state.clone()
    wronged.trust = {"holdout": {"champ": 0.5}}
    assert answer(state, bribe(4)) == Reply("2.1", "accept")
    assert answer(wronged, bribe(4)) != Reply("2.1", "accept")
    assert answer(wronged, bribe(8)) == Reply("2.1", "accept")


def test_lip_service_counts_a_promise_to_implement_as_free(state):
    ask = OfferRecord(
        "2.1", "donor-1", "probe", (Assist("probe", "patch-promptly", 1.0),), (Implement("patch-promptly"),), 2, False
    )
    view = view_for(state, "probe", board=TalkBoard(state))
    m = view.model
    # an honest seat counts implementing what it wants as a gain net of its cost ...
    assert deal_value(view, ask) == pytest.approx(m.budget_value - (m.budget_value - worth(view, "patch-promptly")))
    # ... lip-service counts only the assistance: it will not implement
    assert deal_value(view, ask, free=(Implement,)) == pytest.approx(m.budget_value)
