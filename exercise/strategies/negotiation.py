"""Deal pricing: what an offer is worth to the scripted seat answering it, and its answer.

Everything is counted in appeal units. How much the seat wants a norm to go forward:

    worth(N) = appeal(N) + objective_value * (weight of its adopt/breadth/depth objectives on N
                                               - weight of its block/avoid objectives on N)

where appeal is the seat's own (View.my_appeal; a package's is weighed as the vote weighs it).
The seat `a` answering an offer from `o`:

    value = credibility(a, o) * sum gain(order)  over what o gives
          - sum cost(order)                       over what a gives

    gain of o's order:  assist a on N with x            x * budget_value (assisting others: 0)
                        backing N (endorse, sign on, propose, implement), withdrawing an
                        objection to N                  worth(N)
                        objecting to N, withdrawing a backing of N      -worth(N)
                        amend P drop D                  -worth(D)
                        amend N narrow / clarify        influence_value
    cost of a's order:  what it spends                  influence_cost * influence_value
                                                        + budget_cost * budget_value
                        plus, backing N or withdrawing an objection to N   -worth(N)
                        objecting to N, withdrawing a backing of N         +worth(N)
                        amend P drop D                                     +worth(D)

Refused whatever it is paid: a red line (backing a norm the seat's objectives say to avoid, or
to block with a weight of at least red_line_weight), a side the seat cannot afford with what it
already owes (keeping RESERVE influence to table a text of its own), or one it could not give
(a name that does not exist, a forum it is not in, a position it already holds).

The seat accepts when value >= deal_threshold. When value is within counter_margin below it,
it counters once (never a counter-offer), asking for the assistance that closes the gap:
ceil(gap / (budget_value * credibility)) more units, at most side_payment. Otherwise it
rejects. Lip-service prices its promises to implement at nothing: it does not mean to keep
them.
"""

from __future__ import annotations

import math

from exercise.core.orders import (
    Amend,
    Assist,
    Endorse,
    Implement,
    Lobby,
    Object,
    Order,
    Propose,
    SignOn,
    Withdraw,
    parse_order,
)
from exercise.core.talk import MAX_SIDE, Counter, Reply, Talk
from exercise.engine.commitments import undelivered
from exercise.engine.forums import package_disposition
from exercise.engine.legality import problem
from exercise.engine.talk import OfferRecord
from exercise.engine.views import View
from exercise.errors import NotOnAgenda

BACKING = (Endorse, SignOn, Propose, Implement, Lobby)
FOR_A_NORM = ("adopt", "breadth", "depth")
# Influence a seat never promises away: enough to table a text of its own this turn.
RESERVE = Propose.influence_cost
AGAINST_A_NORM = ("block", "avoid")


def worth(view: View, norm: str, forum: str | None = None) -> float:
    """How much the seat wants `norm` (or the package `norm` in `forum`) to go forward."""
    package = view.package(forum, norm) if forum is not None else None
    if package is not None:
        return package_disposition([worth(view, n) for n in package], view.model)
    if not view.has_norm(norm):
        return 0.0
    stake = 0.0
    for o in view.objectives:
        if o.norm == norm:
            stake += o.weight if o.kind in FOR_A_NORM else -o.weight
    return view.my_appeal(norm) + view.model.objective_value * stake


def crosses_red_line(view: View, order: Order) -> bool:
    """Backing a norm the seat must never adopt (an avoid objective), or must block with an
    instruction weighing at least `red_line_weight`."""
    norm = getattr(order, "norm", None)
    firm = view.model.red_line_weight
    return isinstance(order, BACKING) and any(
        o.norm == norm and (o.kind == "avoid" or (o.kind == "block" and o.weight >= firm)) for o in view.objectives
    )


def objects(view: View, seat: str, forum: str, norm: str) -> bool:
    position = view.position(forum, norm)
    return position is not None and seat in position[2]


def _forward(view: View, seat: str, order: Order) -> float:
    """+1 when `order` by `seat` pushes its norm forward, -1 when it holds it back, 0 otherwise."""
    if isinstance(order, (Endorse, SignOn, Propose, Implement)):
        return 1.0
    if isinstance(order, Object):
        return -1.0
    if isinstance(order, Withdraw):
        return 1.0 if objects(view, seat, order.forum, order.norm) else -1.0
    return 0.0


def gain(view: View, offerer: str, order: Order) -> float:
    """What `order`, given by `offerer`, is worth to the seat."""
    m = view.model
    if isinstance(order, Assist):
        return order.amount * m.budget_value if order.target == view.seat else 0.0
    if isinstance(order, Amend):
        return -worth(view, order.dropped) if order.change == "drop" and order.dropped else m.influence_value
    direction = _forward(view, offerer, order)
    return direction * _order_worth(view, order) if direction else 0.0


def cost(view: View, order: Order) -> float:
    """What giving `order` costs the seat (math.inf across a red line)."""
    if crosses_red_line(view, order):
        return math.inf
    m = view.model
    spent = order.influence_cost * m.influence_value + order.budget_cost * m.budget_value
    if isinstance(order, Amend):
        return spent + (worth(view, order.dropped) if order.change == "drop" and order.dropped else 0.0)
    direction = _forward(view, view.seat or "", order)
    if isinstance(order, Lobby):
        direction = 1.0  # lobbying for a norm is backing it
    return spent - direction * _order_worth(view, order) if direction else spent


def _order_worth(view: View, order: Order) -> float:
    """worth() of the norm (or package) an order is about."""
    return worth(view, getattr(order, "norm", ""), getattr(order, "forum", None))


def deal_value(view: View, offer: OfferRecord, free: tuple[type[Order], ...] = ()) -> float:
    """The offer's value to the seat it is made to (the module's formula). `free`: kinds of
    promise the seat does not mean to keep, priced at nothing."""
    received = sum(gain(view, offer.offerer, o) for o in offer.gives)
    given = sum(0.0 if isinstance(o, free) else cost(view, o) for o in offer.wants)
    return view.talk.credibility(offer.offerer) * received - given


def owed(view: View) -> list[Order]:
    """What the seat still owes in its open deals (those made this turn included)."""
    seat = view.seat
    if seat is None:
        return []
    return [parse_order(p, seat) for deal in view.talk.commitments() for p in undelivered(deal, seat)]


def can_give(view: View, orders: tuple[Order, ...]) -> bool:
    """Whether the seat could give its side: affordable together with what it already owes,
    and no order refused now for another reason than a norm not yet tabled (it may be tabled
    this very turn)."""
    every = [*owed(view), *orders]
    influence = sum(o.influence_cost for o in every)
    budget = sum(o.budget_cost for o in every)
    if influence > view.influence - RESERVE + 1e-9 or budget > view.budget + 1e-9:
        return False
    for order in orders:
        found = problem(view, order)
        if found is not None and found[0] is not NotOnAgenda:
            return False
    return True


def price(view: View, offer: OfferRecord, free: tuple[type[Order], ...] = ()) -> Talk:
    """Accept, counter once asking for more, or reject."""
    m = view.model
    if not can_give(view, offer.wants):
        return Reply(offer.id, "reject")
    value = deal_value(view, offer, free)
    if value >= m.deal_threshold:
        return Reply(offer.id, "accept")
    if offer.counters or value < m.deal_threshold - m.counter_margin:
        return Reply(offer.id, "reject")
    return asking_more(view, offer, m.deal_threshold - value) or Reply(offer.id, "reject")


def asking_more(view: View, offer: OfferRecord, gap: float) -> Counter | None:
    """The same deal with the assistance to the seat raised by what closes `gap`, or None when
    nothing can be asked (no norm to be assisted on, or no room on the offerer's side)."""
    credibility = view.talk.credibility(offer.offerer)
    m = view.model
    if credibility <= 0 or m.budget_value <= 0 or view.seat is None:
        return None
    more = float(math.ceil(gap / (m.budget_value * credibility) - 1e-9))
    if more > m.side_payment:  # asking for more than a side payment is no counter but a snub
        return None
    gives = list(offer.gives)
    for i, order in enumerate(gives):
        if isinstance(order, Assist) and order.target == view.seat:
            gives[i] = Assist(view.seat, order.norm, order.amount + more)
            break
    else:
        norms = [n for o in (*offer.wants, *offer.gives) if view.has_norm(n := getattr(o, "norm", ""))]
        if not norms or len(gives) >= MAX_SIDE:
            return None
        gives.append(Assist(view.seat, norms[0], more))
    # A counter is from the seat's side: it gives what was asked of it, the offerer the rest.
    by = offer.due if offer.due > view.talk.turn else None
    return Counter(offer.id, offer.wants, tuple(gives), by, offer.announced)
