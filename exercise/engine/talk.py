"""The talk of a turn (core/talk.py): `TalkBoard` checks each line as it is said, against the
state the turn started from and everything said before it, and keeps what it leads to: open
and answered offers, coalitions formed, deals accepted. `run_talk` writes the talk into the
new state and the turn's events at resolution.

The board is rebuilt from the talk log wherever it is needed (a live terminal, the headless
talk phase, `resolve_turn`, `verify`), so the log in order is all a save needs to keep.

Who hears what (`audience`; the white cell hears everything):
    a statement      the forum's members          a coalition message   its members
    a message        the two seats                forming a coalition   the founder and the invited
    joining          the coalition's members      an offer, an answer   the two parties
    an announced offer and its answer: everyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

from exercise.core.events import CoalitionChanged, OfferAnswered, OfferMade, Said
from exercise.core.orders import Order
from exercise.core.seats import FACILITATOR
from exercise.core.state import Coalition, Commitment, GameState
from exercise.core.talk import (
    CoalitionMessage,
    Counter,
    Form,
    Join,
    Message,
    Offer,
    Reply,
    Statement,
    Talk,
    offer_id,
    offer_turn,
)
from exercise.engine.legality import Problem, problem
from exercise.engine.log import EventLog
from exercise.engine.views import View, facilitator_view, view_for
from exercise.errors import IllegalOrder, NotAMember, OrderSyntaxError, UnknownReference

# The kinds of refusal a deal's orders are checked for when promised (see _deal_problem).
LASTING = (UnknownReference, NotAMember, OrderSyntaxError)
OfferStatus = Literal["open", "accepted", "rejected", "countered", "expired"]


@attrs.define
class OfferRecord:
    """One offer or counter-offer made this turn, and what became of it."""

    id: str
    offerer: str
    to: str
    gives: tuple[Order, ...]
    wants: tuple[Order, ...]
    due: int
    announced: bool
    counters: str = ""  # the offer this one counters
    status: OfferStatus = "open"

    @property
    def parties(self) -> tuple[str, str]:
        return (self.offerer, self.to)

    def commitment(self, turn: int) -> Commitment:
        return Commitment(
            self.id,
            turn,
            self.due,
            self.announced,
            {self.offerer: [str(o) for o in self.gives], self.to: [str(o) for o in self.wants]},
        )


@attrs.frozen
class TalkEntry:
    """One line of the log: who said it, what, to whom (`audience`, () for everyone), and the
    offer's id when it was an offer or a counter."""

    index: int
    seat: str
    talk: Talk
    audience: tuple[str, ...]
    offer: str = ""

    def heard_by(self, viewer: str | None) -> bool:
        return viewer is None or not self.audience or viewer in self.audience


class TalkBoard:
    def __init__(self, state: GameState, log: Iterable[tuple[str, Talk]] = ()):
        self.state = state
        self.turn = state.turn + 1  # the turn being talked through
        self.entries: list[TalkEntry] = []
        self.offers: dict[str, OfferRecord] = {}
        self.coalitions: dict[str, Coalition] = {k: v.clone() for k, v in state.coalitions.items()}
        self._views: dict[str | None, View] = {}
        for seat, talk in log:
            self.add(seat, talk)

    # -- saying things ---------------------------------------------------------------------

    def add(self, seat: str, talk: Talk) -> TalkEntry:
        """Check and record one line; raise the OrderError that says why it cannot be said."""
        found = self.problem(seat, talk)
        if found is not None:
            error, reason = found
            raise error(seat, str(talk), reason)
        entry = TalkEntry(len(self.entries), seat, talk, self._audience(seat, talk))
        if isinstance(talk, (Offer, Counter)):
            entry = attrs.evolve(entry, offer=self._record_offer(seat, talk))
        elif isinstance(talk, Reply):
            self.offers[talk.offer].status = "accepted" if talk.answer == "accept" else "rejected"
        elif isinstance(talk, Form):
            self.coalitions[talk.coalition] = Coalition(talk.coalition, seat, [seat], sorted(talk.invited))
        elif isinstance(talk, Join):
            coalition = self.coalitions[talk.coalition]
            coalition.invited.remove(seat)
            coalition.members = sorted([*coalition.members, seat])
        self.entries.append(entry)
        return entry

    def problem(self, seat: str, talk: Talk) -> Problem | None:
        """Why `seat` cannot say `talk` now, or None."""
        white = seat == FACILITATOR
        if not white and seat not in self.state.seats:
            return UnknownReference, f"there is no seat {seat!r}"
        if isinstance(talk, Statement):
            return self._statement_problem(seat, talk, white)
        if isinstance(talk, Message):
            if talk.to not in self.state.seats:
                return UnknownReference, f"there is no seat {talk.to!r}"
            return (IllegalOrder, "a seat does not message itself") if talk.to == seat else None
        if white:
            return IllegalOrder, "the white cell speaks on a forum's floor or to a seat, and makes no deals"
        if isinstance(talk, CoalitionMessage):
            coalition = self.coalitions.get(talk.coalition)
            if coalition is None:
                return UnknownReference, f"there is no coalition {talk.coalition!r}"
            return None if seat in coalition.members else (NotAMember, f"{seat} is not in coalition {talk.coalition}")
        if isinstance(talk, Form):
            return self._form_problem(seat, talk)
        if isinstance(talk, Join):
            coalition = self.coalitions.get(talk.coalition)
            if coalition is None:
                return UnknownReference, f"there is no coalition {talk.coalition!r}"
            if seat in coalition.members:
                return IllegalOrder, f"{seat} is already in coalition {talk.coalition}"
            return None if seat in coalition.invited else (IllegalOrder, f"{seat} was not invited to {talk.coalition}")
        if isinstance(talk, Reply):
            return self._answer_problem(seat, talk.offer)
        if isinstance(talk, Counter):
            found = self._answer_problem(seat, talk.offer)
            return found or self._deal_problem(seat, self.offers[talk.offer].offerer, talk)
        if isinstance(talk, Offer):
            return self._deal_problem(seat, talk.to, talk)
        return IllegalOrder, f"cannot say {talk}"  # pragma: no cover - every kind is handled above

    def _statement_problem(self, seat: str, talk: Statement, white: bool) -> Problem | None:
        forum = self.state.forums.get(talk.forum)
        if forum is None:
            return UnknownReference, f"there is no forum {talk.forum!r}"
        if not white and seat not in forum.members:
            return NotAMember, f"{seat} is not a member of {talk.forum}"
        for norm in talk.norms:
            if norm not in self.state.norms and forum.item(norm) is None:
                return UnknownReference, f"there is no norm {norm!r}"
        return None

    def _form_problem(self, seat: str, talk: Form) -> Problem | None:
        name = talk.coalition  # a coalition's name must not read as a forum's or a seat's
        if name in self.coalitions or name in self.state.forums or name in self.state.seats:
            return IllegalOrder, f"the name {name!r} is taken"
        for other in talk.invited:
            if other not in self.state.seats:
                return UnknownReference, f"there is no seat {other!r}"
            if other == seat:
                return IllegalOrder, "a founder does not invite itself"
        return None

    def _answer_problem(self, seat: str, offer: str) -> Problem | None:
        record = self.offers.get(offer)
        if record is None:
            if offer_turn(offer) < self.turn:
                return IllegalOrder, f"offer {offer} expired at the end of turn {offer_turn(offer)}"
            return UnknownReference, f"no offer {offer} was made this turn"
        if record.to != seat:
            return IllegalOrder, f"offer {offer} was made to {record.to}, not {seat}"
        if record.status != "open":
            return IllegalOrder, f"offer {offer} was already {record.status}"
        return None

    def _deal_problem(self, offerer: str, to: str, deal: Offer | Counter) -> Problem | None:
        if to not in self.state.seats:
            return UnknownReference, f"there is no seat {to!r}"
        if to == offerer:
            return IllegalOrder, "a seat makes no deal with itself"
        last = self.state.scenario.turns
        due = self.turn if deal.by is None else deal.by
        if due < self.turn:
            return IllegalOrder, f"turn {due} has passed: the deal could only be kept from turn {self.turn}"
        if due > last:
            return IllegalOrder, f"the game ends at turn {last}"
        for seat, side in ((offerer, deal.gives), (to, deal.wants)):
            view = self._view(seat)
            for order in side:
                found = problem(view, order)
                # Only what stays true through the turn refuses a deal: a norm promised for
                # endorsement may be tabled this very turn, so the agenda is checked when the
                # order is given, not when it is promised.
                if found is not None and found[0] in LASTING:
                    error, reason = found
                    return error, f"{seat} could not '{order}': {reason}"
        return None

    def _record_offer(self, seat: str, deal: Offer | Counter) -> str:
        if isinstance(deal, Counter):
            original = self.offers[deal.offer]
            original.status = "countered"
            to, counters = original.offerer, original.id
        else:
            to, counters = deal.to, ""
        oid = offer_id(self.turn, len(self.offers) + 1)
        due = self.turn if deal.by is None else deal.by
        self.offers[oid] = OfferRecord(oid, seat, to, deal.gives, deal.wants, due, deal.announced, counters)
        return oid

    def _audience(self, seat: str, talk: Talk) -> tuple[str, ...]:
        if isinstance(talk, Statement):
            return tuple(self.state.forums[talk.forum].members)
        if isinstance(talk, Message):
            return _pair(seat, talk.to)
        if isinstance(talk, CoalitionMessage):
            return tuple(self.coalitions[talk.coalition].members)
        if isinstance(talk, Form):
            return tuple(sorted({seat, *talk.invited}))
        if isinstance(talk, Join):
            return tuple(sorted({seat, *self.coalitions[talk.coalition].members}))
        if isinstance(talk, Offer):
            return () if talk.announced else _pair(seat, talk.to)
        assert isinstance(talk, (Reply, Counter))
        record = self.offers[talk.offer]
        return () if record.announced else _pair(*record.parties)

    def _view(self, seat: str) -> View:
        view = self._views.get(seat)
        if view is None:
            view = facilitator_view(self.state) if seat == FACILITATOR else view_for(self.state, seat)
            self._views[seat] = view
        return view

    # -- reading it -----------------------------------------------------------------------

    def heard_by(self, viewer: str | None) -> list[TalkEntry]:
        """What `viewer` heard this turn (None: the white cell, everything)."""
        return [e for e in self.entries if e.heard_by(viewer)]

    def open_offers(self, to: str) -> list[OfferRecord]:
        return [r for r in self.offers.values() if r.to == to and r.status == "open"]

    def accepted(self) -> list[OfferRecord]:
        return [r for r in self.offers.values() if r.status == "accepted"]

    def log(self) -> list[tuple[str, Talk]]:
        return [(e.seat, e.talk) for e in self.entries]


def _pair(a: str, b: str) -> tuple[str, ...]:
    return tuple(sorted({a, b} - {FACILITATOR}))


def run_talk(state: GameState, log: EventLog, board: TalkBoard) -> None:
    """Write a turn's talk into the new state: its events in order, coalitions formed and
    joined, and every accepted deal as a commitment; offers left open expire."""
    for entry in board.entries:
        talk = entry.talk
        audience = entry.audience
        if isinstance(talk, Statement):
            log.add(
                Said,
                audience=audience,
                speaker=entry.seat,
                channel="floor",
                to=talk.forum,
                words=talk.words,
                position=talk.position or "",
                norms=talk.norms,
            )
        elif isinstance(talk, Message):
            log.add(Said, audience=audience, speaker=entry.seat, channel="bilateral", to=talk.to, words=talk.words)
        elif isinstance(talk, CoalitionMessage):
            log.add(
                Said, audience=audience, speaker=entry.seat, channel="coalition", to=talk.coalition, words=talk.words
            )
        elif isinstance(talk, Form):
            log.add(
                CoalitionChanged,
                audience=audience,
                coalition=talk.coalition,
                seat=entry.seat,
                change="formed",
                invited=tuple(sorted(talk.invited)),
            )
        elif isinstance(talk, Join):
            log.add(CoalitionChanged, audience=audience, coalition=talk.coalition, seat=entry.seat, change="joined")
        elif isinstance(talk, (Offer, Counter)):
            record = board.offers[entry.offer]
            if record.counters:
                log.add(OfferAnswered, audience=audience, offer=record.counters, by=entry.seat, answer="countered")
            log.add(
                OfferMade,
                audience=audience,
                offer=record.id,
                offerer=record.offerer,
                to=record.to,
                gives=tuple(map(str, record.gives)),
                wants=tuple(map(str, record.wants)),
                due=record.due,
                announced=record.announced,
                counters=record.counters,
            )
        elif isinstance(talk, Reply):
            answer = "accepted" if talk.answer == "accept" else "rejected"
            log.add(OfferAnswered, audience=audience, offer=talk.offer, by=entry.seat, answer=answer)
            if talk.answer == "accept":
                state.commitments.append(board.offers[talk.offer].commitment(board.turn))
    for record in board.offers.values():
        if record.status == "open":
            audience = () if record.announced else _pair(*record.parties)
            log.add(OfferAnswered, audience=audience, offer=record.id, by=record.to, answer="expired")
    state.coalitions = {k: board.coalitions[k].clone() for k in sorted(board.coalitions)}
