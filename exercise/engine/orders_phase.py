"""Phase 2: orders, given simultaneously and resolved together in a fixed order of verbs.

Withdrawals first, then framing (graft, amend), then packages and then proposals (strongest
proposer first when an agenda fills up), then positions (endorse, object, sign on), then
lobbying, assistance and implementation at home. Every order spends its cost; a proposal that
finds the agenda filled by a stronger proposer is refused with an event, and its cost is
refunded.

A package's text changes when a norm is dropped from it (amend NAME in FORUM drop NORM): the
endorsements and objections taken on the old text are cleared, and a position given on it the
same turn is refused (cost refunded), since it was given on the text as it stood.

A forum remembers a block: a norm blocked there is not taken back onto its agenda for
`block_memory` turns after the block (the proposal is refused, its cost refunded), so the
strongest proposer cannot fill a small agenda with the same blocked text session after
session; meanwhile its proposers reword it, carry it to other forums or bring something else.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from exercise.core.events import (
    Assisted,
    Implemented,
    Lobbied,
    NormAdopted,
    NormAmended,
    NormGrafted,
    NormProposed,
    NormWithdrawn,
    OrderGiven,
    OrderRefused,
    PackageAmended,
    PackageTabled,
)
from exercise.core.orders import (
    Amend,
    Assist,
    Endorse,
    Graft,
    Implement,
    Lobby,
    Object,
    Order,
    Package,
    Propose,
    SignOn,
    Withdraw,
)
from exercise.core.state import AgendaItem, ForumState, GameState, round_stored
from exercise.engine.injects import clamp01
from exercise.engine.log import EventLog

# A package is tabled just before the proposals: a text bundling several norms is taken up as a
# whole (as a chair's draft is), and a proposal of a norm it holds is then refused.
_VERB_ORDER = (
    "withdraw",
    "graft",
    "amend",
    "package",
    "propose",
    "endorse",
    "object",
    "signon",
    "lobby",
    "assist",
    "implement",
)
_RANK = {verb: rank for rank, verb in enumerate(_VERB_ORDER)}


def adopt(state: GameState, log: EventLog, norm_id: str, delegation_id: str, via: str) -> bool:
    ns = state.norms[norm_id]
    if delegation_id in ns.depth:
        return False
    ns.depth[delegation_id] = 1
    ns.progress[delegation_id] = 0.0
    ns.since[delegation_id] = state.turn
    log.add(NormAdopted, norm=norm_id, delegation=delegation_id, via=via)
    return True


def table_drafts(state: GameState, log: EventLog) -> None:
    """The scenario's packages due this turn go on their agendas before any seat's order (the
    chair circulates the draft as the group convenes), unless the place or a norm is taken."""
    for pkg in state.scenario.packages:
        if pkg.turn != state.turn:
            continue
        order = Package(pkg.id, pkg.forum, pkg.norms)
        forum = state.forums[pkg.forum]
        adopted = [n for n in pkg.norms if n in forum.adopted]
        reason = f"{pkg.forum} already adopted {', '.join(adopted)}" if adopted else _tabling_refused(state, order)
        if reason is not None:
            log.add(OrderRefused, audience=(pkg.proposer,), seat=pkg.proposer, order=order.text(), reason=reason)
        else:
            _package(state, log, pkg.proposer, order)


def run_orders(state: GameState, log: EventLog, orders: Mapping[str, Sequence[Order]]) -> None:
    table_drafts(state, log)
    queue: list[tuple[int, float, str, str, Order]] = []
    for seat in sorted(orders):
        power = -state.seats[seat].power
        for order in orders[seat]:
            rank = _RANK.get(order.verb)
            if rank is not None:
                queue.append((rank, power, seat, order.text(), order))
    queue.sort(key=lambda q: q[:4])
    redrafted: set[tuple[str, str]] = set()  # (forum, package) whose text a drop changed this turn
    for _, _, seat, text, order in queue:
        s = state.seats[seat]
        reason = None
        if isinstance(order, (Propose, Package)):
            reason = _tabling_refused(state, order)
        elif isinstance(order, (Endorse, Object)) and (order.forum, order.norm) in redrafted:
            reason = f"the text of {order.norm} changed this turn (a norm was dropped); take a position on it next turn"
        if reason is not None:
            log.add(OrderRefused, audience=(seat,), seat=seat, order=text, reason=reason)
            continue
        if isinstance(order, Amend) and order.change == "drop":
            redrafted.add((order.forum, order.norm))
        s.influence = round_stored(s.influence - order.influence_cost)
        s.budget = round_stored(s.budget - order.budget_cost)
        if isinstance(order, (Endorse, Object, SignOn)):  # public positions; others have own events
            log.add(OrderGiven, seat=seat, order=text)
        _APPLY[type(order)](state, log, seat, order)


def _tabling_refused(state: GameState, order: Propose | Package) -> str | None:
    """Why a proposal or a package legal when given cannot go on the agenda now: another
    proposer took the place or the text first, the forum remembers a block, or it is full."""
    forum = state.forums[order.forum]
    name = order.norm if isinstance(order, Propose) else order.name
    memory = state.scenario.model.block_memory
    blocked = forum.blocked.get(name)
    holder = forum.holding(name)
    if holder is not None:
        if holder.norms and holder.norm != name:
            return f"{name} was just put on the agenda of {order.forum} in the package {holder.norm}"
        return "another delegation proposed it first"
    if isinstance(order, Package):
        taken = [n for n in order.norms if forum.holding(n) is not None]
        if taken:
            return f"another delegation put {', '.join(taken)} on the agenda of {order.forum} first"
    if blocked is not None and state.turn - blocked <= memory:
        return f"{name} was blocked in {order.forum} at turn {blocked}; it may come back after turn {blocked + memory}"
    if len(forum.agenda) >= state.scenario.forum(order.forum).agenda_size:
        return f"the agenda of {order.forum} filled up"
    return None


def _withdraw(state: GameState, log: EventLog, seat: str, o: Withdraw) -> None:
    forum = state.forums[o.forum]
    item = forum.item(o.norm)
    if item is None:
        return
    if item.proposer == seat:
        forum.agenda.remove(item)
        log.add(NormWithdrawn, forum=o.forum, norm=o.norm, by=seat)
        return
    for group in (item.endorsers, item.objectors):
        if seat in group:
            group.remove(seat)


def _graft(state: GameState, log: EventLog, seat: str, o: Graft) -> None:
    state.norms[o.norm].framework = o.framework
    log.add(NormGrafted, norm=o.norm, framework=o.framework, by=seat)


def _amend(state: GameState, log: EventLog, seat: str, o: Amend) -> None:
    if o.change == "drop":
        _drop(state.forums[o.forum], log, seat, o)
        return
    ns = state.norms[o.norm]
    m = state.scenario.model
    if o.change == "clarify":
        ns.clarity = round_stored(clamp01(ns.clarity + m.clarify_step))
        ns.utility = round_stored(clamp01(ns.utility - m.clarify_step / 4))
    else:
        ns.doability = round_stored(clamp01(ns.doability + m.narrow_step))
        ns.utility = round_stored(clamp01(ns.utility - m.narrow_step / 2))
    log.add(
        NormAmended,
        forum=o.forum,
        norm=o.norm,
        by=seat,
        change=o.change,
        clarity=ns.clarity,
        utility=ns.utility,
        doability=ns.doability,
    )


def _drop(forum: ForumState, log: EventLog, seat: str, o: Amend) -> None:
    """Take a norm out of a package. The text changed, so every position on it is cleared; a
    package left with one norm is that norm's own item from now on (a package of one would be
    the same vote under another name)."""
    item = forum.item(o.norm)
    if item is None or o.dropped not in item.norms:  # withdrawn, or already dropped, this turn
        return
    item.norms.remove(o.dropped)
    item.endorsers.clear()
    item.objectors.clear()
    if len(item.norms) == 1:
        item.norm, item.norms = item.norms[0], []
    log.add(PackageAmended, forum=o.forum, package=o.norm, dropped=o.dropped, by=seat, norms=tuple(item.norms))


def _package(state: GameState, log: EventLog, seat: str, o: Package) -> None:
    item = AgendaItem(o.name, seat, state.turn, endorsers=[seat], norms=list(o.norms))
    state.forums[o.forum].agenda.append(item)
    log.add(PackageTabled, forum=o.forum, package=o.name, norms=o.norms, proposer=seat)


def _propose(state: GameState, log: EventLog, seat: str, o: Propose) -> None:
    state.forums[o.forum].agenda.append(AgendaItem(o.norm, seat, state.turn, endorsers=[seat]))
    log.add(NormProposed, forum=o.forum, norm=o.norm, proposer=seat)


def _position(state: GameState, log: EventLog, seat: str, o: Endorse | Object) -> None:
    item = state.forums[o.forum].item(o.norm)
    if item is None:  # withdrawn this very turn
        return
    mine, other = (item.endorsers, item.objectors) if isinstance(o, Endorse) else (item.objectors, item.endorsers)
    if seat in other:
        other.remove(seat)
    if seat not in mine:
        insort(mine, seat)  # kept sorted: one insertion, not a sort of the whole list


def _signon(state: GameState, log: EventLog, seat: str, o: SignOn) -> None:
    forum = state.forums[o.forum]
    signed = forum.signatories.setdefault(o.norm, [])
    if seat not in signed:
        insort(signed, seat)
    if o.norm in forum.adopted:  # the call is already open: signing is adopting
        adopt(state, log, o.norm, seat, f"signon:{o.forum}")


def _lobby(state: GameState, log: EventLog, seat: str, o: Lobby) -> None:
    m = state.scenario.model
    ns = state.norms[o.norm]
    # a lobbyist who broke its word pushes less (engine/commitments.py: credibility)
    push = m.lobby_effect * (0.5 + state.seats[seat].power) * state.credibility(o.target, seat)
    ns.lobby[o.target] = round_stored(ns.lobby.get(o.target, 0.0) + push)
    log.add(Lobbied, audience=(seat, o.target), by=seat, target=o.target, norm=o.norm)


def _assist(state: GameState, log: EventLog, seat: str, o: Assist) -> None:
    m = state.scenario.model
    target = state.seats[o.target]
    target.assistance = round_stored(target.assistance + o.amount)
    ns = state.norms[o.norm]
    if o.target in ns.depth:
        ns.implementing[o.target] = round_stored(ns.implementing.get(o.target, 0.0) + m.assist_effect * o.amount)
    log.add(Assisted, by=seat, target=o.target, norm=o.norm, amount=o.amount)


def _implement(state: GameState, log: EventLog, seat: str, o: Implement) -> None:
    m = state.scenario.model
    ns = state.norms[o.norm]
    cap = state.seats[seat].capacity
    ns.implementing[seat] = round_stored(ns.implementing.get(seat, 0.0) + m.implement_effect * (0.5 + 0.5 * cap))
    log.add(Implemented, by=seat, norm=o.norm)


_APPLY: dict[type[Order], Callable[[GameState, EventLog, str, Any], None]] = {
    Withdraw: _withdraw,
    Graft: _graft,
    Amend: _amend,
    Propose: _propose,
    Package: _package,
    Endorse: _position,
    Object: _position,
    SignOn: _signon,
    Lobby: _lobby,
    Assist: _assist,
    Implement: _implement,
}
