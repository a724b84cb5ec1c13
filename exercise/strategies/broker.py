from __future__ import annotations

import heapq
import random

from exercise.core.orders import Amend, Assist, Graft, Order, Package
from exercise.core.talk import Talk
from exercise.engine.views import View
from exercise.strategies.base import Plan, Strategy, agenda_items, item_appeal, liked_norms, refused_for_block
from exercise.strategies.offers import Offers, package_deals

CLEAR_ENOUGH = 0.75
DOABLE_ENOUGH = 0.6
WEAK_CAPACITY = 0.4
POPULAR = 0.5  # breadth at which a norm is "what most already hold": it carries a package
STUCK_PER_PACKAGE = 2  # norms that fail alone one package carries at most
POPULAR_PER_PACKAGE = 3


class Broker(Strategy):
    """Bridge-builder: makes liked norms clearer or narrower, grafts them onto the framework it
    trusts most, endorses them, funds low-capacity holders to implement them, and in a
    consensus body assembles packages: norms it likes that were blocked there alone, carried
    by norms most of the world already holds."""

    name = "broker"
    summary = "amends for clarity or scope, grafts, assists low-capacity holders, assembles packages"
    classifier = {"stochastic": False, "memory": False}

    def talk(self, view: View, rng: random.Random) -> list[Talk]:
        """Offers package deals to the members most likely to sink a package it tabled."""
        offers = Offers(view)
        package_deals(view, offers)
        return list(offers.made)

    def decide(self, view: View, rng: random.Random) -> list[Order]:
        plan = Plan(view)
        m = view.model
        liked = {n for _, n in liked_norms(view, floor=m.vote_no)}
        objected: set[str] = set()  # norms someone objects to in public, on an agenda it sees
        for forum, item in agenda_items(view):
            if item.objectors:
                objected.update(item.texts)
            if item.is_package:
                if item_appeal(view, item) >= m.vote_no:
                    plan.back(forum, item)
                continue
            norm = item.norm
            if norm not in liked:
                continue
            q = view.norm_qualities(norm)
            if q.clarity < CLEAR_ENOUGH:
                plan.add(Amend(norm, forum, "clarify"))
            elif q.doability < DOABLE_ENOUGH:
                plan.add(Amend(norm, forum, "narrow"))
            if q.framework is None and not q.adopted_in:  # an adopted text's framing is settled
                trusted = sorted(view.me.affinity.items(), key=lambda kv: (-kv[1], kv[0]))
                if trusted and trusted[0][1] >= 0.6:
                    plan.add(Graft(norm, trusted[0][0]))
            plan.back(forum, item)
        if view.budget >= 1.0:  # the two weakest holders of liked norms, from the state's index
            needy = heapq.nsmallest(
                2,
                (
                    (capacity, holder, norm)
                    for norm in sorted(liked)
                    # a norm's two weakest other than the seat are among its first three
                    for capacity, holder in view.needy_holders(norm, WEAK_CAPACITY)[:3]
                    if holder != view.seat
                ),
            )
            for _, holder, norm in needy:
                plan.add(Assist(holder, norm, 1.0))
        # last, with the influence left: a package (it takes nothing from the orders above)
        for forum in view.my_forums():
            if plan.influence < Package.influence_cost:
                break
            package = assemble(view, forum, objected)
            if package is not None and plan.add(package):
                break  # one text a turn: drafting takes the broker's attention
        return plan.orders


def assemble(view: View, forum: str, objected: set[str]) -> Package | None:
    """A package for a consensus forum, from what the View shows: the norms the seat likes
    (appeal >= vote_yes) that the forum blocked when they came alone and would refuse alone
    now (its block memory: "stuck", and nobody else can table them there), carried by
    norms the seat accepts that most of the world already holds (last breadth >= POPULAR)
    and the forum never blocked. Left out: what the forum adopted or has on its agenda, and
    any norm someone objects to in public or that conflicts with a norm the forum adopted,
    the signs that a member is set against it (a flatly opposed member would sink the whole
    text). None when there is nothing stuck or nothing to carry it, or no room."""
    spec = view.forum(forum)
    if spec.rule != "consensus" or view.agenda_length(forum) >= spec.agenda_size:
        return None
    m = view.model
    adopted = view.adopted_in(forum)
    stuck: list[tuple[float, str]] = []
    popular: list[tuple[float, str]] = []
    for norm in view.norm_ids():
        if norm in adopted or norm in objected or view.on_agenda(forum, norm):
            continue
        if any(other in adopted for other in view.conflicts(norm)):
            continue
        appeal = view.my_appeal(norm)
        if appeal < m.vote_no:
            continue
        if view.blocked_in(forum, norm) is not None:
            if appeal >= m.vote_yes and refused_for_block(view, forum, norm):
                stuck.append((-appeal, norm))
        else:
            breadth = view.last_breadth(norm) or 0.0
            if breadth >= POPULAR:
                popular.append((-breadth, norm))
    if not stuck or not popular:
        return None
    chosen = [n for _, n in sorted(stuck)[:STUCK_PER_PACKAGE]] + [n for _, n in sorted(popular)[:POPULAR_PER_PACKAGE]]
    return Package(f"draft-{view.turn + 1}-{view.seat}", forum, tuple(chosen))
