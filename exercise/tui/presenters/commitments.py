"""The desk's word on a seat's deals and red lines: what it promised, to whom, by when, and
whether it is kept so far; and, before submitting, the orders that would cross a red line.

A red line here is an objective the seat must not see adopted (`block` or `avoid`, the same
set the scripted seats steer by: `strategies.base.opposed_norms`): proposing, endorsing,
signing on to or implementing such a norm, or a package holding one, crosses it. The
deals' warnings are the store's (`talk_log.deal_warnings`), as `exercise orders` words them.
"""

from __future__ import annotations

from collections.abc import Sequence

from exercise.core.orders import Endorse, Implement, Order, Package, Propose, SignOn
from exercise.engine.commitments import missing_from, undelivered
from exercise.engine.talk_window import TalkWindow
from exercise.engine.views import View
from exercise.strategies.base import opposed_norms


def deal_lines(window: TalkWindow, seat: str, pending: Sequence[Order]) -> list[tuple[str, bool]]:
    """One line per open deal of `seat`: what it promised to whom, by when, and how it stands
    with the orders picked now (`pending`); True beside it while the seat still owes something
    that the orders picked do not give."""
    lines = []
    for deal in sorted(window.commitments(), key=lambda c: (c.due, c.id)):
        other = ", ".join(p for p in deal.parties if p != seat)
        due = f"due turn {deal.due}" + (" (this turn)" if deal.due == window.turn else "")
        promised = "; ".join(deal.promises[seat]) or "nothing"
        owed = missing_from(deal, seat, pending)
        if not undelivered(deal, seat):
            standing = "kept so far"
        elif not owed:
            standing = "your orders this turn keep it"
        else:
            standing = "not kept yet: still owed " + "; ".join(owed)
        lines.append((f"deal {deal.id} with {other}, {due}: you promised {promised}. {standing}", bool(owed)))
    return lines


def _norms_of(view: View, order: Order) -> tuple[str, ...]:
    if isinstance(order, Package):
        return order.norms
    if isinstance(order, (Propose, Endorse, SignOn)):
        held = view.package(order.forum, order.norm) if view.has_forum(order.forum) else None
        return held or (order.norm,)
    if isinstance(order, Implement):
        return (order.norm,)
    return ()


def red_line_warnings(view: View, orders: Sequence[Order]) -> list[str]:
    """One line per order that backs a norm the seat's objectives say to block or avoid."""
    opposed = opposed_norms(view)
    why = {o.norm: o.description or f"{o.kind} {o.norm}" for o in view.objectives if o.norm in opposed}
    seat = view.me.id
    lines = []
    for order in orders:
        for norm in _norms_of(view, order):
            if norm in opposed:
                lines.append(f"{seat}: '{order}' crosses a red line: your objective is {why[norm]!r}")
                break
    return lines
