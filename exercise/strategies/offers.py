"""What scripted seats say and offer at a turn's opening (the strategies' `talk`).

At most `max_offers` offers per seat and turn, so a turn's talk stays linear in delegations.
Every deal is due at the forum's next session (or this turn, for one that is not a forum's):
the seat that promised to let a text pass keeps its word until the vote. Statements are read
by the seats that speak after (in id order): a champion offers first to those who said they
oppose its norm.
"""

from __future__ import annotations

from collections.abc import Iterable

from exercise.core.orders import Amend, Assist, Endorse, Implement, Order, Withdraw
from exercise.core.state import MAX_DEPTH
from exercise.core.talk import Join, Offer, Statement, Talk
from exercise.engine.views import AgendaEntry, View
from exercise.strategies.negotiation import can_give, owed, worth

NEEDS_HELP = 0.15  # capacity below which a seat asks for help to implement what it holds
POSITION_WORDS = {
    "support": "We support {norms} and ask the members to join the consensus.",
    "oppose": "We cannot accept {norms} as it stands.",
}


class Offers:
    """The offers one seat makes this turn: counted against `max_offers`, affordable together,
    one per other seat, none to a seat it already has a deal or an offer with this turn."""

    def __init__(self, view: View):
        self.view = view
        self.made: list[Offer] = []
        due = owed(view)
        self._budget = view.budget - sum(o.budget_cost for o in due)
        self._influence = view.influence - sum(o.influence_cost for o in due)
        busy = [r.to for r in view.talk.offers_made()] + [s for c in view.talk.commitments() for s in c.parties]
        self._busy = set(busy) - {view.seat}

    @property
    def full(self) -> bool:
        return len(self.made) >= self.view.model.max_offers

    def add(self, to: str, gives: tuple[Order, ...], wants: tuple[Order, ...], by: int | None = None) -> bool:
        if self.full or to in self._busy or to == self.view.seat or not can_give(self.view, gives):
            return False
        budget = sum(o.budget_cost for o in gives)
        influence = sum(o.influence_cost for o in gives)
        if budget > self._budget + 1e-9 or influence > self._influence + 1e-9:
            return False
        self._budget -= budget
        self._influence -= influence
        self._busy.add(to)
        self.made.append(Offer(to, gives, wants, _due(self.view, by)))
        return True


def _due(view: View, by: int | None) -> int | None:
    """`by` when it is a later turn of the game, else None (this turn)."""
    return by if by is not None and view.talk.turn < by <= view.last_turn else None


def debating(view: View) -> list[str]:
    """The seat's forums that vote this turn (a voluntary call has no debate)."""
    return [f for f in view.my_forums() if view.forum(f).rule != "signon" and view.next_session(f) == view.talk.turn]


def statements(view: View, position: str, norms: Iterable[str]) -> list[Talk]:
    """The seat's position on each of `norms` on the floor of a forum where it is tabled, the
    turn before the forum's session (once a session, not every turn)."""
    wanted = set(norms)
    out: list[Talk] = []
    for forum in debating(view):
        tabled = sorted({n for item in view.agenda(forum) for n in item.texts if n in wanted})
        if tabled:
            words = POSITION_WORDS[position].format(norms=", ".join(tabled))
            out.append(Statement(forum, words, position, tuple(tabled)))  # type: ignore[arg-type]
    return out


def qualms(view: View) -> list[Talk]:
    """The seat's reservations, said where its no would be a veto: "oppose" on the floor of a
    consensus forum that votes this turn, on each single text tabled there whose appeal to it
    is below `vote_no`. Silent, such a no sinks the text unseen; said, it tells a champion whom
    its side payments must reach (likely_blockers)."""
    forums = [f for f in debating(view) if view.forum(f).rule == "consensus"]
    low = {
        item.norm
        for forum in forums
        for item in view.agenda(forum)
        if not item.is_package and view.my_appeal(item.norm) < view.model.vote_no
    }
    return [s for s in statements(view, "oppose", low) if isinstance(s, Statement) and s.forum in forums]


def said_oppose(view: View, forum: str, norm: str) -> set[str]:
    """Seats that said this turn, on `forum`'s floor, that they oppose `norm`."""
    return {
        e.seat
        for e in view.talk.heard()
        if isinstance(e.talk, Statement)
        and e.talk.forum == forum
        and e.talk.position == "oppose"
        and norm in e.talk.norms
    }


def likely_blockers(view: View, forum: str, item: AgendaEntry) -> list[str]:
    """Members who show they may sink `item`: its objectors, then those who said this turn
    that they oppose it, the most powerful first. Nobody else: a member that gives no sign is
    not paid for what it may do anyway."""
    opposed = said_oppose(view, forum, item.norm)
    shown = [m for m in view.members(forum) if m != view.seat and (m in item.objectors or m in opposed)]
    return sorted(shown, key=lambda m: (m not in item.objectors, -view.power_of(m), m))


def buy_endorsements(view: View, offers: Offers, norms: list[str]) -> None:
    """The champion's side payments: assistance (`side_payment`) to the members most likely to
    block `norms` in a consensus forum where they are tabled, for an endorsement."""
    amount = view.model.side_payment
    if amount <= 0:
        return
    for forum in view.my_forums():
        if view.forum(forum).rule != "consensus":
            continue
        for item in view.agenda(forum):
            if item.is_package or item.norm not in norms:
                continue
            for seat in likely_blockers(view, forum, item):
                if offers.full:
                    return
                offers.add(
                    seat, (Assist(seat, item.norm, amount),), (Endorse(item.norm, forum),), view.next_session(forum)
                )


def ask_for_help(view: View, offers: Offers) -> None:
    """A seat with almost no capacity (below NEEDS_HELP) asks the most powerful of its
    partners (ties) that holds a norm it holds and wants, at least as deep, for one unit of
    assistance, promising to implement it."""
    if view.capacity >= NEEDS_HELP:
        return
    partners = {other for other, _ in view.neighbours()}
    for norm in view.norm_ids():
        if offers.full:
            return
        depth = view.my_depth(norm)
        if not 0 < depth < MAX_DEPTH or worth(view, norm) < view.model.vote_no:
            continue
        holders = [(-view.power_of(h), h) for h, d in view.holders(norm).items() if h in partners and d >= depth]
        for _, holder in sorted(holders):
            if offers.add(holder, (Implement(norm),), (Assist(view.seat or "", norm, 1.0),)):
                break


def join_winning(view: View, share: float) -> list[Talk]:
    """Join each coalition the seat is invited to whose members already hold at least `share`
    of the seats' power: the bandwagoner's rule for coalitions."""
    total = sum(view.power_of(d) for d in view.delegation_ids()) or 1.0
    return [
        Join(c.id)
        for c in view.talk.coalitions()
        if view.seat in c.invited and sum(view.power_of(m) for m in c.members) / total >= share
    ]


def trade_objections(view: View, offers: Offers, against: set[str]) -> None:
    """The blocker's trades, with the proposer of a text it objects to: its objection withdrawn
    for a package without the norm it is set against (amend drop), or, for a single norm it
    objects to only because it finds it wanting (no instruction), for a narrower text."""
    for forum in view.my_forums():
        for item in view.agenda(forum):
            if view.seat not in item.objectors or item.proposer in ("", view.seat):
                continue
            withdraw = (Withdraw(item.norm, forum),)
            if item.is_package:
                dropped = [n for n in item.norms if n in against]
                if dropped and len(dropped) < len(item.norms):
                    offers.add(item.proposer, withdraw, (Amend(item.norm, forum, "drop", dropped[0]),))
            elif item.norm not in against:
                offers.add(item.proposer, withdraw, (Amend(item.norm, forum, "narrow"),))


def package_deals(view: View, offers: Offers) -> None:
    """The broker's package deals: to the members most likely to sink a package it tabled in a
    consensus forum, its endorsement of a text they tabled that it can accept, or else
    assistance (half a side payment) on one of the package's norms, for their endorsement."""
    m = view.model
    theirs: dict[str, list[Endorse]] = {}
    for forum in view.my_forums():
        if view.forum(forum).rule == "signon":
            continue
        for item in view.agenda(forum):
            if view.seat not in item.endorsers and worth(view, item.norm, forum) >= m.vote_no:
                theirs.setdefault(item.proposer, []).append(Endorse(item.norm, forum))
    for forum in view.my_forums():
        if view.forum(forum).rule != "consensus":
            continue
        for item in view.agenda(forum):
            if not item.is_package or item.proposer != view.seat:
                continue
            for seat in likely_blockers(view, forum, item):
                if offers.full:
                    return
                gives: tuple[Order, ...] = tuple(theirs.get(seat, [])[:1])
                if not gives and m.side_payment > 0:
                    gives = (Assist(seat, item.norms[0], m.side_payment / 2),)
                if gives:
                    offers.add(seat, gives, (Endorse(item.norm, forum),), view.next_session(forum))
