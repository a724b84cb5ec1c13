from __future__ import annotations

import random
from collections.abc import Container

from exercise.core.orders import Endorse, Implement, Order, SignOn
from exercise.core.state import MAX_DEPTH
from exercise.core.talk import Talk
from exercise.engine.views import View
from exercise.strategies.base import Plan, Strategy, agenda_items, item_appeal
from exercise.strategies.offers import Offers, ask_for_help, join_winning, qualms

FOLLOW_SHARE = 0.34


class Bandwagoner(Strategy):
    """Follower: backs an agenda item or signs a call once enough of its ties have (by tie
    weight), unless it opposes the norm; implements what most of its ties hold."""

    name = "bandwagoner"
    summary = "endorses or signs once a third of its ties have; implements what its ties hold"
    classifier = {"stochastic": False, "memory": False}

    def say(self, view: View, rng: random.Random) -> list[Talk]:
        """It joins the coalitions it is invited to that are winning (a third of the power),
        and says its qualms."""
        return [*join_winning(view, FOLLOW_SHARE), *qualms(view)]

    def talk(self, view: View, rng: random.Random) -> list[Talk]:
        """With almost no capacity, it asks for help to implement what it holds."""
        offers = Offers(view)
        ask_for_help(view, offers)
        return list(offers.made)

    def decide(self, view: View, rng: random.Random) -> list[Order]:
        plan = Plan(view)
        neighbours = view.neighbours()
        total = sum(w for _, w in neighbours) or 1.0

        def share(backers: Container[str], more: Container[str] = ()) -> float:
            """Tie-weighted share of neighbours among the backers (or `more`; no union built)."""
            return sum(w for other, w in neighbours if other in backers or other in more) / total

        for forum, item in agenda_items(view):
            norm = item.norm
            if item_appeal(view, item) < view.model.vote_no:
                continue
            if item.is_package:  # a package is followed by who backs it: nobody holds it whole
                if view.seat not in item.endorsers and share(item.endorsers) >= FOLLOW_SHARE:
                    plan.add(Endorse(norm, forum))
            elif view.forum(forum).rule == "signon":
                if (
                    not view.has_signed(forum, norm)
                    and share(view.signed_by(forum, norm), view.held_by(norm)) >= FOLLOW_SHARE
                ):
                    plan.add(SignOn(norm, forum))
            elif view.seat not in item.endorsers and share(item.endorsers, view.held_by(norm)) >= FOLLOW_SHARE:
                plan.add(Endorse(norm, forum))
        for forum in view.my_forums():
            if view.forum(forum).rule == "signon":
                for norm in view.adopted_in(forum):
                    if not view.has_signed(forum, norm) and share(view.signed_by(forum, norm)) >= FOLLOW_SHARE:
                        plan.add(SignOn(norm, forum))
        for norm in view.norm_ids():
            if plan.budget + 1e-9 < Implement.budget_cost:
                break
            if 0 < view.my_depth(norm) < MAX_DEPTH and share(view.held_by(norm)) > 0.5:
                plan.add(Implement(norm))
        return plan.orders
