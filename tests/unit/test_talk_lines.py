"""Talk and deals as the engine sees them: lines that round-trip, a board that refuses what
cannot be said (one line naming seat and line), audiences, commitments kept and broken, and
trust that falls, scales lobbying and heals."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise.core.canonical import state_from_dict, state_hash, state_json
from exercise.core.events import DealSettled, Lobbied, OfferAnswered, OfferMade, Said
from exercise.core.orders import parse_order
from exercise.core.talk import (
    CoalitionMessage,
    Counter,
    Message,
    Offer,
    Reply,
    Statement,
    is_talk,
    parse_talk,
)
from exercise.engine import new_game, resolve_turn
from exercise.engine.commitments import missing_from
from exercise.engine.talk import TalkBoard
from exercise.engine.views import view_for
from exercise.errors import IllegalOrder, NotAMember, OrderError, OrderSyntaxError, UnknownReference
from exercise.scenario import load_scenario
from tests.conftest import SCENARIOS

DEAL = "offer blr by 2 announced: assist blr on no-attack-ci with 1 if endorse no-attack-ci in un"


@pytest.fixture(scope="module")
def world():
    scenario = load_scenario(SCENARIOS / "cent-vs-decent.toml")
    return new_game(scenario, 1)


def talk(*lines: tuple[str, str]) -> list:
    return [(seat, parse_talk(line, seat)) for seat, line in lines]


@pytest.mark.parametrize(
    "line",
    [
        "say in un: We are here to listen",
        "say in un conditional no-attack-ci,protect-certs: only with capacity building",
        "say to chn: can we talk: privately?",
        "say to coalition likeminded: hold the line",
        "form likeminded with gbr,fra",
        "join likeminded",
        DEAL,
        "offer chn: endorse free-flow in un; lobby rus on free-flow if object no-attack-ci in un",
        "accept 3.1",
        "reject 12.4",
        "counter 3.1 by 5: endorse free-flow in un if endorse no-attack-ci in un",
    ],
)
def test_every_line_reads_back_as_itself(line):
    said = parse_talk(line, "usa")
    assert said.text() == line
    assert parse_talk(said.text()) == said
    assert is_talk(line)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=80))
def test_any_words_survive_a_message(words):
    words = " ".join(words.split())
    if not words:
        return
    assert parse_talk(Message("chn", words).text()) == Message("chn", words)
    assert parse_talk(Statement("un", words).text()) == Statement("un", words)


@pytest.mark.parametrize(
    "line, says",
    [
        ("say in un", "expected 'say ...: WORDS'"),
        ("say in un maybe x: hmm", "a position is support, oppose, conditional"),
        ("offer blr: endorse x in un", "a deal says what each side gives"),
        ("offer blr: pass if endorse x in un", "'pass' cannot be promised"),
        ("offer blr: fire cyberattack if endorse x in un", "cannot be promised"),
        ("accept soon", "with the offer's id"),
        ("woffer blr: endorse x in un if propose y in un", "'woffer' is not something a seat can say"),
        ("form club with gbr,gbr", "a seat is named twice"),
        ("offer blr: endorse x in un; endorse x in un if propose y in un", "promised twice"),
    ],
)
def test_a_malformed_line_is_one_line_naming_the_seat(line, says):
    with pytest.raises(OrderSyntaxError) as caught:
        parse_talk(line, "usa")
    assert str(caught.value).startswith("usa: ")
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "seat, line, error, says",
    [
        ("usa", "offer zzz: endorse free-flow in un if endorse no-attack-ci in un", UnknownReference, "no seat 'zzz'"),
        ("usa", "offer usa: endorse free-flow in un if endorse no-attack-ci in un", IllegalOrder, "with itself"),
        ("usa", "offer chn: endorse nope in un if endorse no-attack-ci in un", UnknownReference, "no norm 'nope'"),
        ("usa", "offer chn: endorse free-flow in un if endorse no-attack-ci in alliance", NotAMember, "chn could not"),
        ("usa", "offer chn by 99: endorse free-flow in un if endorse no-attack-ci in un", IllegalOrder, "game ends"),
        ("chn", "accept 1.9", UnknownReference, "no offer 1.9 was made this turn"),
        ("chn", "accept 0.1", IllegalOrder, "expired at the end of turn 0"),
        ("usa", "say to coalition nobody: hi", UnknownReference, "no coalition 'nobody'"),
        ("irn", "say in alliance: hello", NotAMember, "irn is not a member of alliance"),
        ("usa", "say to usa: hello me", IllegalOrder, "does not message itself"),
        ("usa", "form un with gbr", IllegalOrder, "taken"),
        ("usa", "join somewhere", UnknownReference, "no coalition"),
        ("@white", DEAL, IllegalOrder, "makes no deals"),
    ],
)
def test_the_board_refuses_what_cannot_be_said(world, seat, line, error, says):
    board = TalkBoard(world)
    with pytest.raises(error) as caught:
        board.add(seat, parse_talk(line, seat))
    assert says in str(caught.value) and str(caught.value).startswith(f"{seat}: ")
    assert board.entries == []


def test_offers_are_answered_once_and_only_by_whom_they_were_made_to(world):
    board = TalkBoard(world, talk(("usa", DEAL)))
    (record,) = board.offers.values()
    assert record.id == "1.1" and board.open_offers("blr") == [record]
    with pytest.raises(IllegalOrder, match="made to blr, not chn"):
        board.add("chn", Reply("1.1", "accept"))
    board.add("blr", Reply("1.1", "accept"))
    with pytest.raises(IllegalOrder, match="already accepted"):
        board.add("blr", Reply("1.1", "reject"))
    assert board.open_offers("blr") == [] and board.accepted() == [record]


def test_a_counter_rejects_the_offer_and_goes_back_to_its_maker(world):
    board = TalkBoard(world, talk(("usa", DEAL)))
    board.add("blr", parse_talk("counter 1.1: endorse no-attack-ci in un if assist blr on no-attack-ci with 3", "blr"))
    assert board.offers["1.1"].status == "countered"
    counter = board.offers["1.2"]
    assert (counter.offerer, counter.to, counter.counters) == ("blr", "usa", "1.1")
    assert board.open_offers("usa") == [counter]


def test_who_hears_what(world):
    board = TalkBoard(
        world,
        talk(
            ("usa", "say in alliance support no-attack-ci: with us?"),
            ("usa", "form likeminded with gbr,fra"),
            ("gbr", "join likeminded"),
            ("gbr", "say to coalition likeminded: yes"),
            ("usa", "say to chn: a word"),
            ("usa", "offer chn: endorse free-flow in un if endorse no-attack-ci in un"),
            ("usa", DEAL),
        ),
    )
    alliance = world.forums["alliance"].members
    heard = {seat: [str(e.talk) for e in board.heard_by(seat)] for seat in ("usa", "gbr", "fra", "chn", "irn")}
    assert "irn" not in alliance and "say in alliance support no-attack-ci: with us?" not in heard["irn"]
    assert "say to coalition likeminded: yes" in heard["gbr"] and "say to coalition likeminded: yes" not in heard["fra"]
    assert "say to chn: a word" in heard["chn"] and "say to chn: a word" not in heard["gbr"]
    secret = "offer chn: endorse free-flow in un if endorse no-attack-ci in un"
    assert secret in heard["chn"] and secret not in heard["irn"] and secret not in heard["gbr"]
    assert DEAL in heard["irn"]  # an announced offer is made in public
    assert len(board.heard_by(None)) == len(board.entries)  # the white cell hears everything


def test_talk_becomes_events_with_the_same_audiences(world):
    log = talk(
        ("usa", "say to chn: a word"),
        ("usa", DEAL),
        ("blr", "accept 1.1"),
        ("usa", "offer chn: endorse free-flow in un if endorse no-attack-ci in un"),
    )
    result = resolve_turn(world, {}, 1, talk=log)
    said = [e for e in result.events if isinstance(e, Said)]
    assert [(e.speaker, e.to, e.audience) for e in said] == [("usa", "chn", ("chn", "usa"))]
    offers = [e for e in result.events if isinstance(e, OfferMade)]
    assert [(e.offer, e.audience) for e in offers] == [("1.1", ()), ("1.2", ("chn", "usa"))]
    answers = [(e.offer, e.answer) for e in result.events if isinstance(e, OfferAnswered)]
    assert answers == [("1.1", "accepted"), ("1.2", "expired")]
    assert [c.id for c in result.state.commitments] == ["1.1"]


def play_deal(world, turn_two_orders):
    first = resolve_turn(
        world, {"usa": [parse_order("propose no-attack-ci in un")]}, 1, talk=talk(("usa", DEAL), ("blr", "accept 1.1"))
    )
    return first, resolve_turn(first.state, turn_two_orders, 1)


def test_a_deal_kept_by_both_costs_no_trust(world):
    _, second = play_deal(
        world,
        {"usa": [parse_order("assist blr on no-attack-ci with 2")], "blr": [parse_order("endorse no-attack-ci in un")]},
    )
    settled = {e.seat: e.outcome for e in second.events if isinstance(e, DealSettled)}
    assert settled == {"usa": "kept", "blr": "kept"}
    assert second.state.trust == {} and second.state.reputation == {} and second.state.commitments == []


def test_breaking_an_announced_deal_costs_trust_and_reputation_that_heal_slowly(world):
    first, second = play_deal(world, {"usa": [parse_order("assist blr on no-attack-ci with 1")]})
    assert [c.id for c in first.state.commitments] == ["1.1"]  # due at turn 2: still open
    broken = [e for e in second.events if isinstance(e, DealSettled) and e.outcome == "broken"]
    assert [(e.seat, e.missing) for e in broken] == [("blr", ("endorse no-attack-ci in un",))]
    assert broken[0].audience == ()  # announced: everyone sees it broken
    m = world.scenario.model
    assert second.state.trust == {"usa": {"blr": 1 - m.trust_break}}
    assert second.state.reputation == {"blr": 1 - m.reputation_break}
    third = resolve_turn(second.state, {}, 1)
    assert 1 - m.trust_break < third.state.trust["usa"]["blr"] < 1
    assert third.state.credibility("usa", "blr") < third.state.credibility("chn", "blr") < 1


def test_a_broken_deal_blunts_the_breakers_lobbying_of_the_wronged(world):
    _, second = play_deal(world, {"usa": [parse_order("assist blr on no-attack-ci with 1")]})
    lobby = {"blr": [parse_order("lobby usa on no-attack-ci")], "gbr": [parse_order("lobby usa on no-attack-ci")]}
    after = resolve_turn(second.state, lobby, 1)
    assert any(isinstance(e, Lobbied) for e in after.events)
    honest = resolve_turn(world, lobby, 1)  # the same lobbying from a clean slate
    pushed = (
        after.state.norms["no-attack-ci"].lobby["usa"]
        - second.state.norms["no-attack-ci"].lobby.get("usa", 0) * world.scenario.model.lobby_decay
    )
    clean = honest.state.norms["no-attack-ci"].lobby["usa"]
    assert pushed < clean


def test_the_desk_can_tell_what_a_set_of_orders_would_leave_undone(world):
    board = TalkBoard(world, talk(("usa", DEAL), ("blr", "accept 1.1")))
    (deal,) = view_for(world, "blr", board=board).talk.commitments()
    assert missing_from(deal, "blr", []) == ["endorse no-attack-ci in un"]
    assert missing_from(deal, "blr", [parse_order("endorse no-attack-ci in un")]) == []
    # more assistance than promised keeps the promise; less does not
    assert missing_from(deal, "usa", [parse_order("assist blr on no-attack-ci with 3")]) == []
    assert missing_from(deal, "usa", [parse_order("assist blr on no-attack-ci with 0.5")]) != []


def test_a_seat_sees_its_own_deals_and_trust_only(world):
    _, second = play_deal(world, {"usa": [parse_order("assist blr on no-attack-ci with 1")]})
    state = second.state
    board = TalkBoard(
        state,
        talk(("usa", "offer chn by 4: endorse free-flow in un if endorse no-attack-ci in un"), ("chn", "accept 3.1")),
    )
    assert [c.id for c in view_for(state, "chn", board=board).talk.commitments()] == ["3.1"]
    assert view_for(state, "gbr", board=board).talk.commitments() == []
    assert view_for(state, "usa", board=board).talk.trust_in("blr") < 1
    assert view_for(state, "gbr", board=board).talk.trust_in("blr") == 1  # not gbr's grievance
    assert view_for(state, "gbr", board=board).talk.reputation("blr") < 1  # but public


def test_a_state_with_deals_survives_its_canonical_json(world):
    first, second = play_deal(world, {"usa": [parse_order("assist blr on no-attack-ci with 1")]})
    for state in (first.state, second.state):
        text = state_json(state)
        back = state_from_dict(json.loads(text), world.scenario)
        assert state_json(back) == text and state_hash(back) == state_hash(state)


def test_a_snapshot_from_before_negotiation_still_loads(world):
    data = json.loads(state_json(world))
    for key in ("coalitions", "commitments", "trust", "reputation"):
        del data[key]
    old = state_from_dict(data, world.scenario)
    assert old.commitments == [] and old.trust == {} and old.coalitions == {}


def test_every_error_the_board_raises_is_an_order_error(world):
    board = TalkBoard(world)
    for seat, line in (("usa", "accept 1.1"), ("usa", "join x"), ("usa", "say to coalition x: y")):
        with pytest.raises(OrderError):
            board.add(seat, parse_talk(line, seat))


def test_a_counter_and_a_coalition_message_are_their_own_kinds():
    assert isinstance(parse_talk("counter 1.1: endorse a in b if endorse c in d"), Counter)
    assert isinstance(parse_talk("say to coalition c: hi"), CoalitionMessage)
    assert isinstance(parse_talk(DEAL), Offer)
