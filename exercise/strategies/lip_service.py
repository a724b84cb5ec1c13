from __future__ import annotations

import random

from exercise.core.orders import Order, SignOn
from exercise.engine.views import View
from exercise.strategies.base import Plan, Strategy, agenda_items, item_appeal


class LipService(Strategy):
    """Says yes cheaply: endorses and signs anything it does not oppose, never implements,
    never assists. Its norms stay at rhetoric unless someone else pays."""

    name = "lip-service"
    summary = "endorses and signs anything it does not oppose; never implements or assists"
    classifier = {"stochastic": False, "memory": False}

    def decide(self, view: View, rng: random.Random) -> list[Order]:
        plan = Plan(view)
        for forum, item in agenda_items(view):
            if item_appeal(view, item) >= view.model.vote_no:
                plan.back(forum, item)
        for forum in view.my_forums():
            if view.forum(forum).rule == "signon":
                for norm in view.adopted_in(forum):
                    if not view.has_signed(forum, norm):
                        plan.add(SignOn(norm, forum))
        return plan.orders
