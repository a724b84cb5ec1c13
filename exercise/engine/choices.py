"""Every order a seat could give now, each with why it is refused if it is.

The delegation desk lists these; random-legal picks among them. A package on an agenda is
offered like a norm (endorse, object, withdraw it) and each of its norms may be dropped from
it; tabling a new package lists norms of the seat's choosing, so it is typed
(`exercise orders SAVE SEAT "package NAME in FORUM of A,B"`), not offered.
"""

from __future__ import annotations

from exercise.core.orders import (
    Amend,
    Assist,
    Endorse,
    Graft,
    Implement,
    Lobby,
    Object,
    Order,
    Pass,
    Propose,
    SignOn,
    Withdraw,
)
from exercise.engine.legality import why_illegal
from exercise.engine.views import View


def candidate_orders(view: View) -> list[Order]:
    """Plausible orders for the seat (legal or not), in a stable order."""
    me = view.seat
    out: list[Order] = [Pass()]
    for forum in view.my_forums():
        signon = view.forum(forum).rule == "signon"
        items = view.agenda(forum)
        agenda = {item.norm: item for item in items}
        for item in items:
            if not item.is_package:
                continue
            name = item.norm
            out.append(Endorse(name, forum))
            if item.proposer != me:
                out.append(Object(name, forum))
            out.extend(Amend(name, forum, "drop", norm) for norm in item.norms)
            if me in (item.proposer, *item.endorsers, *item.objectors):
                out.append(Withdraw(name, forum))
        for norm in view.norm_ids():
            if norm in agenda:
                item = agenda[norm]
                if signon:
                    out.append(SignOn(norm, forum))
                else:
                    out.append(Endorse(norm, forum))
                    if item.proposer != me:
                        out.append(Object(norm, forum))
                out.append(Amend(norm, forum, "clarify"))
                out.append(Amend(norm, forum, "narrow"))
                if me in (item.proposer, *item.endorsers, *item.objectors):
                    out.append(Withdraw(norm, forum))
            elif norm in view.adopted_in(forum):
                if signon:
                    out.append(SignOn(norm, forum))
            else:
                out.append(Propose(norm, forum))
    for norm in view.norm_ids():
        if view.my_depth(norm):
            out.append(Implement(norm))
        if not view.norm_qualities(norm).adopted_in:
            for framework in view.frameworks():
                out.append(Graft(norm, framework))
    for other, _weight in view.neighbours():
        for norm in view.norm_ids():
            if view.my_depth(norm) and not view.holds(norm, other):
                out.append(Lobby(other, norm))
            elif view.my_depth(norm) and view.holds(norm, other):
                out.append(Assist(other, norm, 1.0))
    return out


def legal_choices(view: View) -> list[tuple[Order, str | None]]:
    """(order, reason refused or None) for every candidate order."""
    return [(order, why_illegal(view, order)) for order in candidate_orders(view)]
