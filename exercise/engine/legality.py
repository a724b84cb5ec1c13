"""Is an order legal for this seat now? Checked against the seat's view, never the full state.

`check_order` raises the OrderError subclass that says why; `check_orders` also checks the
whole set together (no duplicates, total cost within influence and budget); `legal` is the
yes/no form the UI and strategies use.
"""

from __future__ import annotations

from collections.abc import Sequence

from exercise.core.orders import (
    FACILITATOR,
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
)
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


def check_order(view: View, order: Order) -> None:
    seat = view.seat or FACILITATOR
    if isinstance(order, FACILITATOR_ORDERS):
        if view.seat is not None:
            raise IllegalOrder(seat, order, "only the white cell can give this order")
        _check_facilitator(view, order)
        return
    if view.seat is None:
        raise IllegalOrder(seat, order, "the white cell does not negotiate; take over a seat first")
    if isinstance(order, Pass):
        return
    norm = getattr(order, "norm", None)
    if norm is not None and norm not in view.norm_ids():
        raise UnknownReference(seat, order, f"there is no norm {norm!r}")
    forum = getattr(order, "forum", None)
    if forum is not None:
        if forum not in view.forum_ids():
            raise UnknownReference(seat, order, f"there is no forum {forum!r}")
        if not view.is_member(forum):
            raise NotAMember(seat, order, f"{seat} is not a member of {forum}")
    target = getattr(order, "target", None)
    if target is not None:
        if target not in view.delegation_ids():
            raise UnknownReference(seat, order, f"there is no delegation {target!r}")
        if target == seat:
            raise IllegalOrder(seat, order, "a delegation cannot do that to itself")
    _CHECKS[type(order)](view, seat, order)


def _check_propose(view: View, seat: str, o: Propose) -> None:
    if view.on_agenda(o.forum, o.norm):
        raise NotOnAgenda(seat, o, f"{o.norm} is already on the agenda of {o.forum}")
    if o.norm in view.adopted_in(o.forum):
        raise IllegalOrder(seat, o, f"{o.forum} already adopted {o.norm}")
    if len(view.agenda(o.forum)) >= view.forum(o.forum).agenda_size:
        raise AgendaFull(seat, o, f"the agenda of {o.forum} is full ({view.forum(o.forum).agenda_size} items)")


def _item(view: View, seat: str, o: Order, forum: str, norm: str) -> dict:
    for item in view.agenda(forum):
        if item["norm"] == norm:
            return item
    raise NotOnAgenda(seat, o, f"{norm} is not on the agenda of {forum}")


def _check_position(view: View, seat: str, o: Endorse | Object) -> None:
    if view.forum(o.forum).rule == "signon":
        raise IllegalOrder(seat, o, f"{o.forum} is a voluntary call: sign on instead")
    item = _item(view, seat, o, o.forum, o.norm)
    if isinstance(o, Endorse) and seat in item["endorsers"]:
        raise IllegalOrder(seat, o, f"{seat} already endorses {o.norm} in {o.forum}")
    if isinstance(o, Object):
        if seat in item["objectors"]:
            raise IllegalOrder(seat, o, f"{seat} already objects to {o.norm} in {o.forum}")
        if item["proposer"] == seat:
            raise IllegalOrder(seat, o, f"{seat} proposed {o.norm}; withdraw it instead")


def _check_amend(view: View, seat: str, o: Amend) -> None:
    _item(view, seat, o, o.forum, o.norm)
    q = view.norm_qualities(o.norm)
    if o.change == "clarify" and q["clarity"] >= 1.0:
        raise IllegalOrder(seat, o, f"{o.norm} is already as clear as it can be")
    if o.change == "narrow" and q["doability"] >= 1.0:
        raise IllegalOrder(seat, o, f"{o.norm} is already as narrow as it can be")


def _check_graft(view: View, seat: str, o: Graft) -> None:
    if o.framework not in view.frameworks():
        raise UnknownReference(seat, o, f"there is no framework {o.framework!r}")
    q = view.norm_qualities(o.norm)
    if q["framework"] == o.framework:
        raise IllegalOrder(seat, o, f"{o.norm} is already grafted onto {o.framework}")
    if q["adopted_in"]:
        raise IllegalOrder(seat, o, f"{o.norm} was already adopted; its framing is settled")


def _check_lobby(view: View, seat: str, o: Lobby) -> None:
    if o.target in view.holders(o.norm):
        raise IllegalOrder(seat, o, f"{o.target} already holds {o.norm}")


def _check_assist(view: View, seat: str, o: Assist) -> None:
    if o.amount <= 0:
        raise IllegalOrder(seat, o, "assistance must be a positive amount")


def _check_implement(view: View, seat: str, o: Implement) -> None:
    depth = view.my_depth(o.norm)
    if depth == 0:
        raise IllegalOrder(seat, o, f"{seat} does not hold {o.norm}; adopt it first")
    if depth >= MAX_DEPTH:
        raise IllegalOrder(seat, o, f"{seat} already practises {o.norm}")


def _check_signon(view: View, seat: str, o: SignOn) -> None:
    if view.forum(o.forum).rule != "signon":
        raise IllegalOrder(seat, o, f"{o.forum} is not a voluntary call; endorse instead")
    if not view.on_agenda(o.forum, o.norm) and o.norm not in view.adopted_in(o.forum):
        raise NotOnAgenda(seat, o, f"{o.norm} is not open for signature in {o.forum}")
    if seat in view.signatories(o.forum, o.norm):
        raise IllegalOrder(seat, o, f"{seat} already signed {o.norm} in {o.forum}")


def _check_withdraw(view: View, seat: str, o: Withdraw) -> None:
    item = _item(view, seat, o, o.forum, o.norm)
    if seat not in (item["proposer"], *item["endorsers"], *item["objectors"]):
        raise IllegalOrder(seat, o, f"{seat} has no position on {o.norm} in {o.forum} to withdraw")


def _check_facilitator(view: View, o: Order) -> None:
    state = view.full_state()
    scenario = state.scenario
    if isinstance(o, FireInject):
        if o.inject not in scenario.by_id.injects:
            raise UnknownReference(FACILITATOR, o, f"there is no inject {o.inject!r}")
        if o.inject in state.fired_injects:
            raise IllegalOrder(FACILITATOR, o, f"{o.inject} has already fired")
    elif isinstance(o, SalienceShift):
        if o.domain not in scenario.domains:
            raise UnknownReference(FACILITATOR, o, f"there is no domain {o.domain!r}")
    elif isinstance(o, Shock):
        if o.target not in state.seats:
            raise UnknownReference(FACILITATOR, o, f"there is no delegation {o.target!r}")


_CHECKS = {
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
        raise NotEnoughInfluence(seat, "; ".join(str(o) for o in orders),
                                 f"costs {influence:g} influence, {seat} has {view.influence:g}")
    budget = sum(o.budget_cost for o in orders)
    if budget > view.budget + 1e-9:
        raise NotEnoughBudget(seat, "; ".join(str(o) for o in orders),
                              f"costs {budget:g} budget, {seat} has {view.budget:g}")


def legal(view: View, order: Order) -> bool:
    try:
        check_order(view, order)
    except OrderError:
        return False
    return True


def why_illegal(view: View, order: Order) -> str | None:
    try:
        check_order(view, order)
    except OrderError as exc:
        return exc.reason
    return None
