"""What every scripted strategy shares: a name, a classifier, and `decide(view, rng)`.

A `Plan` keeps a strategy honest: it only accepts orders that are legal for the seat's view and
affordable with what is left this turn, so every strategy gives legal orders by construction.
"""

from __future__ import annotations

import random
from typing import ClassVar

from exercise.core.orders import Endorse, Object, Order, SignOn, Withdraw, parse_order
from exercise.core.talk import Talk
from exercise.engine.appeal import alignment, will
from exercise.engine.commitments import undelivered
from exercise.engine.forums import isolation, package_disposition
from exercise.engine.legality import problem
from exercise.engine.talk import OfferRecord
from exercise.engine.views import AgendaEntry, View
from exercise.strategies.negotiation import price
from exercise.strategies.offers import qualms


class Plan:
    """`unkept`: kinds of promise the seat does not keep (lip-service's implementation); every
    other promise of its open deals is given first, before the strategy's own orders."""

    def __init__(self, view: View, unkept: tuple[type[Order], ...] = ()):
        self.view = view
        self.orders: list[Order] = []
        self._given: set[Order] = set()
        self.influence = view.influence
        self.budget = view.budget
        self._promised: set[tuple[str, str]] = set()  # (forum, norm) it promised to back or let pass
        self._honour(unkept)

    def _honour(self, unkept: tuple[type[Order], ...]) -> None:
        seat = self.view.seat
        if seat is None:
            return
        for deal in self.view.talk.commitments():
            for text in undelivered(deal, seat):
                order = parse_order(text, seat)
                if isinstance(order, (Endorse, SignOn, Withdraw)):
                    self._promised.add((order.forum, order.norm))
                if not isinstance(order, unkept):
                    self.add(order)

    def add(self, order: Order) -> bool:
        influence, budget = order.influence_cost, order.budget_cost
        if influence > self.influence + 1e-9 or budget > self.budget + 1e-9:
            return False
        if isinstance(order, Object) and (order.forum, order.norm) in self._promised:
            return False  # a seat does not object to what it promised to back or let pass
        if order in self._given or problem(self.view, order) is not None:
            return False
        self.orders.append(order)
        self._given.add(order)
        self.influence -= influence
        self.budget -= budget
        return True

    def back(self, forum: str, item: AgendaEntry) -> bool:
        """Back an agenda item (sign on in a voluntary call, endorse elsewhere) unless the seat
        already does: that order would be void, so it is not even built."""
        order = backing(self.view, forum, item)
        return order is not None and self.add(order)

    @property
    def spent(self) -> bool:
        return self.influence < 1.0


class Strategy:
    """A scripted delegation. Subclasses set `name`, `summary`, `classifier` and `decide`."""

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    classifier: ClassVar[dict[str, bool]] = {"stochastic": False, "memory": False}

    def decide(self, view: View, rng: random.Random) -> list[Order]:  # pragma: no cover
        raise NotImplementedError

    def say(self, view: View, rng: random.Random) -> list[Talk]:
        """Where the seat stands, said at the opening of a turn before anyone offers anything:
        statements, coalitions joined (strategies/offers.py). By default: its qualms, where
        it would vote no."""
        return qualms(view)

    def talk(self, view: View, rng: random.Random) -> list[Talk]:
        """The offers the seat makes once every position is said (strategies/offers.py)."""
        return []

    def answer(self, view: View, offer: OfferRecord, rng: random.Random) -> Talk:
        """The seat's answer to an offer made to it: accept, reject or counter, by what the
        deal is worth to it (strategies/negotiation.py)."""
        return price(view, offer)


def liked_norms(view: View, floor: float = 0.0) -> list[tuple[float, str]]:
    """Norms by the seat's own appeal, best first; objective norms come first."""
    wanted = {o.norm for o in view.objectives if o.kind in ("adopt", "breadth", "depth")}
    ranked = []
    for norm in view.norm_ids():
        appeal = view.my_appeal(norm) + (1.0 if norm in wanted else 0.0)
        if appeal >= floor:
            ranked.append((appeal, norm))
    ranked.sort(key=lambda x: (-x[0], x[1]))
    return ranked


# Visibly void candidates are not built: Plan.add would refuse them without changing anything,
# so skipping them first gives the same orders, and a turn's strategies then build and check
# about half as many candidates.


def backing(view: View, forum: str, item: AgendaEntry) -> Order | None:
    """The order that backs an agenda item (sign on in a voluntary call, endorse elsewhere), or
    None when the seat already does."""
    norm = item.norm
    if view.forum(forum).rule == "signon":
        return None if view.has_signed(forum, norm) else SignOn(norm, forum)
    return None if view.seat in item.endorsers else Endorse(norm, forum)


def open_to_propose(view: View, forum: str, norm: str) -> bool:
    """False when proposing `norm` in `forum` is visibly void: already there, adopted, or full."""
    return (
        not view.on_agenda(forum, norm)
        and not view.is_adopted_in(forum, norm)
        and view.agenda_length(forum) < view.forum(forum).agenda_size
    )


def refused_for_block(view: View, forum: str, norm: str) -> bool:
    """Whether the forum would refuse `norm` this coming turn: it was blocked there within the
    last `block_memory` turns (the proposer remembers the block instead of wasting the order)."""
    blocked = view.blocked_in(forum, norm)
    return blocked is not None and view.turn + 1 - blocked <= view.model.block_memory


def like_minded(view: View, forum: str) -> float:
    """Share of a forum's members close to the seat: its partners (ties) or its bloc."""
    bloc = view.me.bloc
    close = view.bloc_members(forum, bloc) if bloc else 0  # the bloc, then partners outside it
    friends = {other for other, _ in view.neighbours()}
    close += sum(1 for x in friends if view.is_member(forum, x) and not (bloc and view.bloc_of(x) == bloc))
    return close / max(1, view.forum_size(forum))


def soonest(view: View, forum: str) -> tuple[float, str]:
    """Forums by their next session, soonest first."""
    return (view.next_session(forum) or 10**6, forum)


def friendliest(view: View, forum: str) -> tuple[float, str]:
    """Forums by how like-minded their members are, most first."""
    return (-like_minded(view, forum), forum)


def outside_in(view: View, norm: str, order=soonest) -> list[str]:
    """Forum shopping: where to table `norm`, in order. Forums refusing it (visibly void, or
    blocked there within `block_memory` turns) are left out. Decentralized forums come first
    (seed it outside); once a forum the seat sits in has adopted it, the centralized forum
    comes first (bring it in). Within each kind, by `order`."""
    open_ = sorted(
        (f for f in view.my_forums() if open_to_propose(view, f, norm) and not refused_for_block(view, f, norm)),
        key=lambda f: order(view, f),
    )
    local = [f for f in open_ if view.forum(f).kind != "centralized"]
    central = [f for f in open_ if view.forum(f).kind == "centralized"]
    seeded = any(view.is_adopted_in(f, norm) for f in view.my_forums())
    return central + local if seeded else local + central


def my_will(view: View, norm: str) -> float:
    """How far the seat's own values let it move toward `norm` (0 flatly opposed .. 1)."""
    return will(alignment(view.me.values, view.norm(norm)))


def opposed_norms(view: View) -> set[str]:
    """Norms the seat's objectives say to block or avoid."""
    return {o.norm for o in view.objectives if o.kind in ("block", "avoid")}


def item_appeal(view: View, item: AgendaEntry) -> float:
    """The seat's own appeal of an agenda item: its norm's, or a package's weighed as the vote
    weighs it (the mean of its norms, unless one is unacceptable: then that one)."""
    if not item.norms:
        return view.my_appeal(item.norm)
    return package_disposition([view.my_appeal(n) for n in item.norms], view.model)


def item_isolation(view: View, item: AgendaEntry) -> float:
    """How far below `vote_no` the seat would have to be before vetoing the item in a
    consensus body (engine/forums.py): by a package's mean breadth and the least will the seat
    has for any of its norms."""
    texts = item.texts
    if len(texts) == 1:
        return isolation(view.model, view.breadth_history(texts[0]), my_will(view, texts[0]))
    last = [view.last_breadth(n) for n in texts]
    known = [b for b in last if b is not None]
    mean = [sum(known) / len(texts)] if known else []
    return isolation(view.model, mean, min(my_will(view, n) for n in texts))


def agenda_items(view: View) -> list[tuple[str, AgendaEntry]]:
    """(forum, item) for every agenda item in the seat's forums, in a stable order."""
    return [(f, item) for f in view.my_forums() for item in view.agenda(f)]
