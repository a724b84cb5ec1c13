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

from exercise.core.limits import ID_KIND
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
    Package,
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
    forum = getattr(order, "forum", None)
    if norm is not None and not view.has_norm(norm):
        if not isinstance(order, _ON_PACKAGES):
            return UnknownReference, f"there is no norm {norm!r}"
        if forum is None or not view.has_forum(forum) or view.package(forum, norm) is None:
            return UnknownReference, f"there is no norm {norm!r}, nor a package of that name on the agenda of {forum}"
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
        return NotOnAgenda, f"{o.norm} is already on the agenda of {o.forum}{_in_package(view, o.forum, o.norm)}"
    if view.is_adopted_in(o.forum, o.norm):
        return IllegalOrder, f"{o.forum} already adopted {o.norm}"
    size = view.forum(o.forum).agenda_size
    if view.agenda_length(o.forum) >= size:
        return AgendaFull, f"the agenda of {o.forum} is full ({size} items)"
    return None


def _in_package(view: View, forum: str, norm: str) -> str:
    package = view.package_holding(forum, norm)
    return f" (in the package {package})" if package else ""


def _not_on_agenda(view: View, forum: str, norm: str) -> Problem:
    package = view.package_holding(forum, norm)
    if package:  # a package is decided as a whole: positions are taken on it, not its parts
        return NotOnAgenda, f"{norm} is on the agenda of {forum} only in the package {package}; name {package}"
    return NotOnAgenda, f"{norm} is not on the agenda of {forum}"


def _check_package(view: View, seat: str, o: Package) -> Problem | None:
    """A new package: a well-formed name of its own, two or more norms that exist, none adopted
    there or already before the forum (alone or in another package), and room on the agenda."""
    if view.forum(o.forum).rule == "signon":
        return IllegalOrder, f"{o.forum} is a voluntary call: it opens texts one at a time, not packages"
    bad_name = ID_KIND.problem(o.name)
    if bad_name:
        return IllegalOrder, f"the package's name {bad_name}"
    if view.has_norm(o.name):
        return IllegalOrder, f"{o.name} is a norm's id; a package needs a name of its own"
    if view.on_agenda(o.forum, o.name):
        return NotOnAgenda, f"{o.name} is already on the agenda of {o.forum}"
    if len(o.norms) < 2 or len(set(o.norms)) != len(o.norms):
        return IllegalOrder, "a package holds at least two norms, each once"
    unknown = [n for n in o.norms if not view.has_norm(n)]
    if unknown:
        return UnknownReference, f"there is no norm {', '.join(map(repr, unknown))}"
    adopted = [n for n in o.norms if view.is_adopted_in(o.forum, n)]
    if adopted:
        return IllegalOrder, f"{o.forum} already adopted {', '.join(adopted)}"
    tabled = [n + _in_package(view, o.forum, n) for n in o.norms if view.on_agenda(o.forum, n)]
    if tabled:
        return NotOnAgenda, f"already on the agenda of {o.forum}: {', '.join(tabled)}"
    size = view.forum(o.forum).agenda_size
    if view.agenda_length(o.forum) >= size:
        return AgendaFull, f"the agenda of {o.forum} is full ({size} items)"
    return None


def _check_position(view: View, seat: str, o: Endorse | Object) -> Problem | None:
    if view.forum(o.forum).rule == "signon":
        return IllegalOrder, f"{o.forum} is a voluntary call: sign on instead"
    item = view.position(o.forum, o.norm)
    if item is None:
        return _not_on_agenda(view, o.forum, o.norm)
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
    package = view.package(o.forum, o.norm)
    if o.change == "drop":
        if package is None:
            return NotOnAgenda, f"{o.norm} is not a package on the agenda of {o.forum}; only a package drops a norm"
        if o.dropped is None or o.dropped not in package:
            return IllegalOrder, f"{o.dropped} is not in the package {o.norm} ({', '.join(package)})"
        return None
    if o.dropped is not None:
        return IllegalOrder, f"only a drop names a norm to take out ({o.change} names none)"
    if package is not None:
        return IllegalOrder, f"{o.norm} is a package: amend its norms one by one, or drop one"
    if not view.on_agenda(o.forum, o.norm):
        return _not_on_agenda(view, o.forum, o.norm)
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
    if view.holds(o.norm, o.target):
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
        return _not_on_agenda(view, o.forum, o.norm)
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
# Orders whose `norm` may name a package on the forum's agenda instead of a norm
_ON_PACKAGES = (Endorse, Object, Withdraw, Amend)

_CHECKS: dict[type[Order], Callable[[View, str, Any], Problem | None]] = {
    Propose: _check_propose,
    Package: _check_package,
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
