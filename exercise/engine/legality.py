"""Is an order legal for this seat now? Checked against the seat's view, never the full state.

Each rule returns the problem it finds, `(error class, reason)`, or None; nothing is raised
until a caller wants an exception. Strategies test hundreds of candidate orders a turn and most
are refused (already on the agenda, not a member...), so building and unwinding an exception
per refusal was a third of their time.

`check_order` raises the OrderError subclass that says why; `check_orders` also checks the
whole set together (no duplicates, total cost within influence and budget); `legal` and
`why_illegal` are the yes/no and the reason forms the UI and strategies use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from exercise.core.orders import (
    FACILITATOR_ORDERS,
    Amend,
    Assist,
    Endorse,
    FireInject,
    Graft,
    Implement,
    Lobby,
    Object,
    Order,
    Pass,
    Propose,
    SalienceShift,
    Shock,
    SignOn,
    Withdraw,
    number_problem,
)
from exercise.core.seats import FACILITATOR
from exercise.core.state import MAX_DEPTH
from exercise.engine.views import View
from exercise.errors import (
    AgendaFull,
    IllegalOrder,
    NotAMember,
    NotEnoughBudget,
    NotEnoughInfluence,
    NotOnAgenda,
    OrderError,
    UnknownReference,
)

Problem = tuple[type[OrderError], str]


def problem(view: View, order: Order) -> Problem | None:
    """Why `order` is refused for the view's seat now, or None when it is legal."""
    numbered = _NUMBERED.get(type(order))
    if numbered:  # orders built in code, not parsed, get the ranges the parser applies
        for name in numbered:
            bad = number_problem(type(order), name, getattr(order, name))
            if bad:
                return IllegalOrder, f"{name} {bad}"
    if isinstance(order, FACILITATOR_ORDERS):
        if view.seat is not None:
            return IllegalOrder, "only the white cell can give this order"
        return _check_facilitator(view, order)
    seat = view.seat
    if seat is None:
        return IllegalOrder, "the white cell does not negotiate; take over a seat first"
    if isinstance(order, Pass):
        return None
    norm = getattr(order, "norm", None)
    if norm is not None and not view.has_norm(norm):
        return UnknownReference, f"there is no norm {norm!r}"
    forum = getattr(order, "forum", None)
    if forum is not None:
        if not view.has_forum(forum):
            return UnknownReference, f"there is no forum {forum!r}"
        if not view.is_member(forum):
            return NotAMember, f"{seat} is not a member of {forum}"
    target = getattr(order, "target", None)
    if target is not None:
        if not view.has_delegation(target):
            return UnknownReference, f"there is no delegation {target!r}"
        if target == seat:
            return IllegalOrder, "a delegation cannot do that to itself"
    return _CHECKS[type(order)](view, seat, order)


def check_order(view: View, order: Order) -> None:
    found = problem(view, order)
    if found is not None:
        cls, reason = found
        raise cls(view.seat or FACILITATOR, order, reason)


def _check_propose(view: View, seat: str, o: Propose) -> Problem | None:
    if view.on_agenda(o.forum, o.norm):
        return NotOnAgenda, f"{o.norm} is already on the agenda of {o.forum}"
    if view.is_adopted_in(o.forum, o.norm):
        return IllegalOrder, f"{o.forum} already adopted {o.norm}"
    size = view.forum(o.forum).agenda_size
    if view.agenda_length(o.forum) >= size:
        return AgendaFull, f"the agenda of {o.forum} is full ({size} items)"
    return None


def _not_on_agenda(forum: str, norm: str) -> Problem:
    return NotOnAgenda, f"{norm} is not on the agenda of {forum}"


def _check_position(view: View, seat: str, o: Endorse | Object) -> Problem | None:
    if view.forum(o.forum).rule == "signon":
        return IllegalOrder, f"{o.forum} is a voluntary call: sign on instead"
    item = view.position(o.forum, o.norm)
    if item is None:
        return _not_on_agenda(o.forum, o.norm)
    proposer, endorsers, objectors = item
    if isinstance(o, Endorse):
        if seat in endorsers:
            return IllegalOrder, f"{seat} already endorses {o.norm} in {o.forum}"
        return None
    if seat in objectors:
        return IllegalOrder, f"{seat} already objects to {o.norm} in {o.forum}"
    if proposer == seat:
        return IllegalOrder, f"{seat} proposed {o.norm}; withdraw it instead"
    return None


def _check_amend(view: View, seat: str, o: Amend) -> Problem | None:
    if not view.on_agenda(o.forum, o.norm):
        return _not_on_agenda(o.forum, o.norm)
    q = view.norm_qualities(o.norm)
    if o.change == "clarify" and q.clarity >= 1.0:
        return IllegalOrder, f"{o.norm} is already as clear as it can be"
    if o.change == "narrow" and q.doability >= 1.0:
        return IllegalOrder, f"{o.norm} is already as narrow as it can be"
    return None


def _check_graft(view: View, seat: str, o: Graft) -> Problem | None:
    if o.framework not in view.frameworks():
        return UnknownReference, f"there is no framework {o.framework!r}"
    q = view.norm_qualities(o.norm)
    if q.framework == o.framework:
        return IllegalOrder, f"{o.norm} is already grafted onto {o.framework}"
    if q.adopted_in:
        return IllegalOrder, f"{o.norm} was already adopted; its framing is settled"
    return None


def _check_lobby(view: View, seat: str, o: Lobby) -> Problem | None:
    if o.target in view.holders(o.norm):
        return IllegalOrder, f"{o.target} already holds {o.norm}"
    return None


def _check_assist(view: View, seat: str, o: Assist) -> Problem | None:
    if o.amount <= 0:
        return IllegalOrder, "assistance must be a positive amount"
    return None


def _check_implement(view: View, seat: str, o: Implement) -> Problem | None:
    depth = view.my_depth(o.norm)
    if depth == 0:
        return IllegalOrder, f"{seat} does not hold {o.norm}; adopt it first"
    if depth >= MAX_DEPTH:
        return IllegalOrder, f"{seat} already practises {o.norm}"
    return None


def _check_signon(view: View, seat: str, o: SignOn) -> Problem | None:
    if view.forum(o.forum).rule != "signon":
        return IllegalOrder, f"{o.forum} is not a voluntary call; endorse instead"
    if not view.on_agenda(o.forum, o.norm) and not view.is_adopted_in(o.forum, o.norm):
        return NotOnAgenda, f"{o.norm} is not open for signature in {o.forum}"
    if view.has_signed(o.forum, o.norm):
        return IllegalOrder, f"{seat} already signed {o.norm} in {o.forum}"
    return None


def _check_withdraw(view: View, seat: str, o: Withdraw) -> Problem | None:
    item = view.position(o.forum, o.norm)
    if item is None:
        return _not_on_agenda(o.forum, o.norm)
    proposer, endorsers, objectors = item
    if seat != proposer and seat not in endorsers and seat not in objectors:
        return IllegalOrder, f"{seat} has no position on {o.norm} in {o.forum} to withdraw"
    return None


def _check_facilitator(view: View, o: Order) -> Problem | None:
    state = view.full_state()
    scenario = state.scenario
    if isinstance(o, FireInject):
        if o.inject not in scenario.by_id.injects:
            return UnknownReference, f"there is no inject {o.inject!r}"
        if o.inject in state.fired_injects:
            return IllegalOrder, f"{o.inject} has already fired"
    elif isinstance(o, SalienceShift):
        if o.domain not in scenario.domains:
            return UnknownReference, f"there is no domain {o.domain!r}"
    elif isinstance(o, Shock) and o.target not in state.seats:
        return UnknownReference, f"there is no delegation {o.target!r}"
    return None


_NUMBERED = {Assist: ("amount",), SalienceShift: ("delta",), Shock: ("delta",)}

_CHECKS: dict[type[Order], Callable[[View, str, Any], Problem | None]] = {
    Propose: _check_propose,
    Endorse: _check_position,
    Object: _check_position,
    Amend: _check_amend,
    Graft: _check_graft,
    Lobby: _check_lobby,
    Assist: _check_assist,
    Implement: _check_implement,
    SignOn: _check_signon,
    Withdraw: _check_withdraw,
}


def check_orders(view: View, orders: Sequence[Order]) -> None:
    """Check each order, then the set: no order twice, total costs within what the seat has."""
    seat = view.seat or FACILITATOR
    seen: set[Order] = set()
    for order in orders:
        if order in seen:
            raise IllegalOrder(seat, order, "given twice this turn")
        seen.add(order)
        check_order(view, order)
    if view.seat is None:
        return
    influence = sum(o.influence_cost for o in orders)
    if influence > view.influence + 1e-9:
        raise NotEnoughInfluence(
            seat, "; ".join(str(o) for o in orders), f"costs {influence:g} influence, {seat} has {view.influence:g}"
        )
    budget = sum(o.budget_cost for o in orders)
    if budget > view.budget + 1e-9:
        raise NotEnoughBudget(
            seat, "; ".join(str(o) for o in orders), f"costs {budget:g} budget, {seat} has {view.budget:g}"
        )


def legal(view: View, order: Order) -> bool:
    return problem(view, order) is None


def why_illegal(view: View, order: Order) -> str | None:
    found = problem(view, order)
    return None if found is None else found[1]
