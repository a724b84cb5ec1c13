from __future__ import annotations

import random

from exercise.core.orders import Endorse, Object, Order, Propose
from exercise.core.talk import Talk
from exercise.engine.views import View
from exercise.strategies.base import (
    Plan,
    Strategy,
    agenda_items,
    friendliest,
    item_appeal,
    item_isolation,
    liked_norms,
    opposed_norms,
    outside_in,
)
from exercise.strategies.offers import Offers, statements, trade_objections


class Blocker(Strategy):
    """Sovereigntist: objects to every agenda item it opposes (one objection stops a consensus
    body) and forum-shops, proposing its own norm where its friends are the most, and once a
    forum it sits in has adopted it, in the centralized forum (outside-in); it does not table
    a text where it was just blocked.

    In a consensus body a veto of a widely held text isolates: it objects by its own judgement
    only below `vote_no - isolation` (engine/forums.py), and it carries out an instruction to
    block (a block or avoid objective) unless it stands aside, which it does with probability
    `isolation / max(1, the objective's weight)` (a draw from its seat's stream) when its values
    are not flatly opposed: the precedent raises the chance, never the certainty, that it lets
    the text pass, and a weightier instruction holds more often. A package holding a norm it is
    instructed to block is that norm's text: it objects to the package as it would to the norm
    (by the firmest such instruction); it judges any other package as the vote weighs it."""

    name = "blocker"
    summary = "objects to what it opposes; proposes its own norms in the friendliest forum"
    classifier = {"stochastic": True, "memory": False}

    def say(self, view: View, rng: random.Random) -> list[Talk]:
        """It opposes what it is instructed to block where it comes to a vote."""
        return statements(view, "oppose", sorted(opposed_norms(view)))

    def talk(self, view: View, rng: random.Random) -> list[Talk]:
        """It trades its objections for a narrower text or a package without what it opposes."""
        offers = Offers(view)
        trade_objections(view, offers, opposed_norms(view))
        return list(offers.made)

    def decide(self, view: View, rng: random.Random) -> list[Order]:
        plan = Plan(view)
        m = view.model
        against = opposed_norms(view)
        firmness: dict[str, float] = {}
        for o in view.objectives:
            if o.kind in ("block", "avoid"):
                firmness[o.norm] = max(firmness.get(o.norm, 0.0), o.weight)
        items = agenda_items(view)
        for forum, item in items:
            norm = item.norm
            if view.seat in item.objectors:
                continue
            cost = 0.0
            if view.forum(forum).rule == "consensus":  # a lone veto of a widely held text isolates
                cost = item_isolation(view, item)
            instructed = [n for n in item.texts if n in against]
            if instructed:  # it blocks unless it stands aside, less often the weightier the instruction
                firm = max(firmness.get(n, 1.0) for n in instructed)
                if not (cost > 0.0 and rng.random() < cost / max(1.0, firm)):
                    plan.add(Object(norm, forum))
            elif item_appeal(view, item) < m.vote_no - cost:
                plan.add(Object(norm, forum))
        for forum, item in items:
            if (
                view.seat not in item.endorsers
                and item_appeal(view, item) >= m.vote_yes
                and not any(n in against for n in item.texts)
            ):
                plan.add(Endorse(item.norm, forum))
        liked = [n for _, n in liked_norms(view, floor=m.vote_yes) if n not in against]
        for norm in liked[:1]:
            for forum in outside_in(view, norm, friendliest):
                if plan.add(Propose(norm, forum)):
                    break
        return plan.orders
