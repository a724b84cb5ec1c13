from __future__ import annotations

import random

from exercise.core.orders import Order
from exercise.core.talk import Reply, Talk
from exercise.engine.choices import candidate_orders
from exercise.engine.talk import OfferRecord
from exercise.engine.views import View
from exercise.strategies.base import Plan, Strategy


class RandomLegal(Strategy):
    """For fuzzing: a random affordable set of legal orders, drawn from the seat's seed."""

    name = "random-legal"
    summary = "a random affordable set of legal orders (for fuzzing)"
    classifier = {"stochastic": True, "memory": False}

    def answer(self, view: View, offer: OfferRecord, rng: random.Random) -> Talk:
        """Stays out of the negotiation: says nothing, rejects every offer."""
        return Reply(offer.id, "reject")

    def decide(self, view: View, rng: random.Random) -> list[Order]:
        plan = Plan(view)
        candidates = candidate_orders(view)[1:]  # everything but pass
        rng.shuffle(candidates)
        wanted = rng.randint(0, 4)
        for order in candidates:
            if len(plan.orders) >= wanted or plan.spent:
                break
            plan.add(order)
        return plan.orders
