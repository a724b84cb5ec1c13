"""Orders round-trip to text, and illegal ones are refused with a reason naming seat and order."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise.core.orders import (
    Amend,
    Assist,
    Endorse,
    FireInject,
    Graft,
    Implement,
    Lobby,
    Object,
    Pass,
    Propose,
    SalienceShift,
    Shock,
    SignOn,
    Withdraw,
    parse_order,
)
from exercise.engine import new_game, validate_orders, view_for
from exercise.engine.legality import check_orders
from exercise.errors import (
    AgendaFull,
    IllegalOrder,
    NotAMember,
    NotEnoughBudget,
    NotEnoughInfluence,
    NotOnAgenda,
    OrderSyntaxError,
    UnknownReference,
)

ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
amount = st.floats(min_value=0.25, max_value=100, allow_nan=False).map(lambda x: round(x, 2))
salience_delta = st.floats(min_value=-1, max_value=1, allow_nan=False).map(lambda x: round(x, 2))

ORDERS = st.one_of(
    st.builds(Propose, ids, ids),
    st.builds(Endorse, ids, ids),
    st.builds(Object, ids, ids),
    st.builds(Amend, ids, ids, st.sampled_from(["clarify", "narrow"])),
    st.builds(Graft, ids, ids),
    st.builds(Lobby, ids, ids),
    st.builds(Assist, ids, ids, amount),
    st.builds(Implement, ids),
    st.builds(SignOn, ids, ids),
    st.builds(Withdraw, ids, ids),
    st.just(Pass()),
    st.builds(FireInject, ids),
    st.builds(SalienceShift, ids, salience_delta),
    st.builds(Shock, ids, st.sampled_from(["capacity", "power", "budget"]), amount),
)


@given(ORDERS)
def test_every_order_round_trips_through_its_text(order):
    assert parse_order(order.text()) == order


@pytest.mark.parametrize(
    "text, message",
    [
        ("assist x on y with nan", "amount must be a finite number between 0 and 1000, not nan"),
        ("assist x on y with 1e999", "amount must be a finite number between 0 and 1000, not inf"),
        ("assist x on y with 5000", "amount must be between 0 and 1000, not 5000"),
        ("salience security 3", "delta must be between -1 and 1, not 3"),
        ("shock x budget -inf", "delta must be a finite number between -1000 and 1000, not -inf"),
        ("", "empty order"),
        ("dance usa", "unknown verb 'dance'"),
        ("endorse x", "expected 'endorse NAME in NAME'"),
        ("endorse x at y", "expected 'endorse NAME in NAME'"),
        ("assist a on b with lots", "'lots' is not a number"),
        ("amend a in b rewrite", "'clarify' or 'narrow'"),
    ],
)
def test_bad_order_text_says_what_was_expected(text, message):
    with pytest.raises(OrderSyntaxError) as err:
        parse_order(text, "usa")
    assert message in str(err.value)
    assert str(err.value).startswith("usa: ")


@pytest.fixture
def game(tutorial):
    return new_game(tutorial, 7)


def refuse(state, seat, orders, exc):
    with pytest.raises(exc) as err:
        check_orders(view_for(state, seat), orders)
    return str(err.value)


def test_non_member_cannot_act_in_a_forum(game):
    msg = refuse(game, "borealis", [Propose("free-flow", "coalition")], NotAMember)
    assert msg == "borealis: propose free-flow in coalition: borealis is not a member of coalition"


def test_unknown_names_are_refused(game):
    assert "there is no norm 'nope'" in refuse(game, "atlantia", [Propose("nope", "assembly")], UnknownReference)
    assert "there is no forum 'un'" in refuse(game, "atlantia", [Propose("free-flow", "un")], UnknownReference)
    assert "no delegation 'x'" in refuse(game, "atlantia", [Lobby("x", "free-flow")], UnknownReference)


def test_positions_need_an_agenda_item(game):
    assert "not on the agenda of assembly" in refuse(game, "atlantia", [Endorse("free-flow", "assembly")], NotOnAgenda)


def test_costs_are_capped_by_influence_and_budget(game):
    # atlantia has 2 + round(4 * 0.9) = 6 influence: four proposals cost 8
    orders = [Propose(n, f) for n in ("free-flow", "clean-networks") for f in ("assembly", "coalition")]
    assert "costs 8 influence, atlantia has 6" in refuse(game, "atlantia", orders, NotEnoughInfluence)
    assert "budget" in refuse(game, "deltora", [Assist("esteria", "free-flow", 5)], NotEnoughBudget)


def test_the_same_order_twice_is_refused(game):
    o = Propose("free-flow", "coalition")
    assert "given twice" in refuse(game, "atlantia", [o, o], IllegalOrder)


def test_only_the_white_cell_fires_injects(game):
    assert "only the white cell" in refuse(game, "atlantia", [FireInject("grid-blackout")], IllegalOrder)
    validate_orders(game, {"@white": [FireInject("grid-blackout")]})


def test_implement_requires_holding_the_norm(game):
    assert "does not hold free-flow" in refuse(game, "atlantia", [Implement("free-flow")], IllegalOrder)


def test_full_agenda_is_refused(tutorial):
    from exercise.engine import resolve_turn

    state = new_game(tutorial, 7)
    state = resolve_turn(
        state, {"atlantia": [Propose("free-flow", "assembly")], "cordova": [Propose("clean-networks", "assembly")]}, 7
    ).state
    msg = refuse(state, "borealis", [Propose("info-security", "assembly")], AgendaFull)
    assert "agenda of assembly is full (2 items)" in msg


def test_signon_only_in_voluntary_calls(game):
    assert "not a voluntary call" in refuse(game, "atlantia", [SignOn("free-flow", "coalition")], IllegalOrder)


def test_resolve_turn_checks_every_seat_but_those_a_strategy_built_for(game):
    """Only seats named as prechecked (a Plan built their orders) skip the re-check."""
    from exercise.engine import resolve_turn
    from exercise.strategies import strategy_orders

    bad = [Propose("free-flow", "coalition")]  # borealis is not a member of coalition
    scripted = {"atlantia": strategy_orders(game, "atlantia", 7)}
    with pytest.raises(NotAMember):
        resolve_turn(game, {**scripted, "borealis": bad}, 7, prechecked=scripted.keys())
    checked = resolve_turn(game, scripted, 7)
    trusted = resolve_turn(game, scripted, 7, prechecked=scripted.keys())
    assert checked == trusted
