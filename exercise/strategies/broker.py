from __future__ import annotations

import heapq
import random

from exercise.core.orders import Amend, Assist, Graft, Order
from exercise.engine.views import View
from exercise.strategies.base import Plan, Strategy, agenda_items, liked_norms

CLEAR_ENOUGH = 0.75
DOABLE_ENOUGH = 0.6
WEAK_CAPACITY = 0.4


class Broker(Strategy):
    """Bridge-builder: makes liked norms clearer or narrower, grafts them onto the framework it
    trusts most, endorses them, and funds low-capacity holders to implement them."""

    name = "broker"
    summary = "amends for clarity or scope, grafts onto frameworks, assists low-capacity holders"
    classifier = {"stochastic": False, "memory": False}

    def decide(self, view: View, rng: random.Random) -> list[Order]:
        plan = Plan(view)
        m = view.model
        liked = {n for _, n in liked_norms(view, floor=m.vote_no)}
        for forum, item in agenda_items(view):
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
        if view.budget >= 1.0:
            weak = {
                d: view.capacity_of(d)
                for d in view.delegation_ids()
                if d != view.seat and view.capacity_of(d) < WEAK_CAPACITY
            }
            needy = heapq.nsmallest(
                2,
                (
                    (weak[holder], holder, norm)
                    for norm in sorted(liked)
                    for holder, depth in view.holders(norm).items()
                    if holder in weak and depth < 4
                ),
            )
            for _, holder, norm in needy:
                plan.add(Assist(holder, norm, 1.0))
        return plan.orders
