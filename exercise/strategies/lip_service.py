from __future__ import annotations

import random

from exercise.core.orders import Implement, Order, SignOn
from exercise.core.talk import Talk
from exercise.engine.talk import OfferRecord
from exercise.engine.views import View
from exercise.strategies.base import Plan, Strategy, agenda_items, item_appeal
from exercise.strategies.negotiation import price
from exercise.strategies.offers import Offers, ask_for_help


class LipService(Strategy):
    """Says yes cheaply: endorses and signs anything it does not oppose, never implements,
    never assists. Its norms stay at rhetoric unless someone else pays."""

    name = "lip-service"
    summary = "endorses and signs anything it does not oppose; never implements or assists"
    classifier = {"stochastic": False, "memory": False}

    def talk(self, view: View, rng: random.Random) -> list[Talk]:
        """With little capacity, asks for help to implement what it holds (and then does not)."""
        offers = Offers(view)
        ask_for_help(view, offers)
        return list(offers.made)

    def answer(self, view: View, offer: OfferRecord, rng: random.Random) -> Talk:
        """Prices a promise to implement at nothing: it does not mean to keep it."""
        return price(view, offer, free=(Implement,))

    def decide(self, view: View, rng: random.Random) -> list[Order]:
        plan = Plan(view, unkept=(Implement,))  # its other promises it keeps
        for forum, item in agenda_items(view):
            if item_appeal(view, item) >= view.model.vote_no:
                plan.back(forum, item)
        for forum in view.my_forums():
            if view.forum(forum).rule == "signon":
                for norm in view.adopted_in(forum):
                    if not view.has_signed(forum, norm):
                        plan.add(SignOn(norm, forum))
        return plan.orders
