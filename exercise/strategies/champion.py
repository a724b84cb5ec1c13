from __future__ import annotations

import random

from exercise.core.orders import Implement, Lobby, Order, Propose, SignOn
from exercise.core.state import MAX_DEPTH
from exercise.core.talk import Talk
from exercise.engine.views import View
from exercise.strategies.base import Plan, Strategy, agenda_items, item_appeal, liked_norms, outside_in
from exercise.strategies.offers import Offers, buy_endorsements, debating, qualms, statements

FAVOURITES = 3  # the liked norms a champion backs wherever they are tabled


def _favourites(view: View) -> list[str]:
    return [n for _, n in liked_norms(view, floor=view.model.vote_yes)][:FAVOURITES]


class Champion(Strategy):
    """Norm entrepreneur: shops for forums, tabling its favourite norm in the most like-minded
    decentralized forum it sits in and, once a forum it sits in has adopted it, in the
    centralized forum (outside-in); remembers a block (does not table a text where it was just
    blocked); endorses and signs what it likes (a package holding a favourite and nothing it
    finds unacceptable), lobbies neighbours, and implements at home."""

    name = "champion"
    summary = "seeds its top norm in a like-minded forum, then the centralized one; endorses, lobbies, implements"
    classifier = {"stochastic": False, "memory": False}

    def say(self, view: View, rng: random.Random) -> list[Talk]:
        """It supports its favourites where they come to a vote, and says its qualms."""
        return [*statements(view, "support", _favourites(view)), *qualms(view)] if debating(view) else []

    def talk(self, view: View, rng: random.Random) -> list[Talk]:
        """It buys endorsements for its favourites with assistance, from the members most
        likely to block them."""
        offers = Offers(view)
        buy_endorsements(view, offers, _favourites(view))
        return list(offers.made)

    def decide(self, view: View, rng: random.Random) -> list[Order]:
        plan = Plan(view)
        yes = view.model.vote_yes
        liked = [n for _, n in liked_norms(view, floor=yes)]
        top = liked[:FAVOURITES]
        for forum, item in agenda_items(view):
            if item.is_package:  # a text holding a favourite, unless something in it is unacceptable
                appeal = item_appeal(view, item)
                if appeal >= yes or (appeal >= view.model.vote_no and any(n in top for n in item.norms)):
                    plan.back(forum, item)
            elif item.norm in top or view.my_appeal(item.norm) >= yes:
                plan.back(forum, item)
        # Its favourites first; once those are adopted everywhere it sits, the next liked norm:
        # seeded in the most like-minded forum, then taken to the centralized forum.
        for norm in liked:
            if plan.influence < Propose.influence_cost:
                break
            if any(plan.add(Propose(norm, f)) for f in outside_in(view, norm)):
                break
        for forum in view.my_forums():
            if view.forum(forum).rule == "signon":
                for norm in view.adopted_in(forum):
                    if norm in top and not view.has_signed(forum, norm):
                        plan.add(SignOn(norm, forum))
        held = [n for n in top if view.my_depth(n)]
        for norm in held:
            if view.my_depth(norm) < MAX_DEPTH:  # practised already: nothing left to implement
                plan.add(Implement(norm))
        if held:
            targets = sorted(view.neighbours(), key=lambda nw: (-view.power_of(nw[0]) * nw[1], nw[0]))
            holders = view.held_by(held[0])
            for other, _ in targets[:2]:
                if other not in holders:  # lobbying a holder is refused
                    plan.add(Lobby(other, held[0]))
        return plan.orders
