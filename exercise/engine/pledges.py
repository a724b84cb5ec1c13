"""The negotiation in the debrief: what each seat said against what it did ("pledge vs practice"),
the deals kept and broken, and the deals that swung a forum's decision.

Read from the game's events only (Said, DealSettled, OrderGiven, NormProposed, Implemented...),
each through `visible_to` for every seat at the screen, so a seat's debrief never names another
pair's secret deal or a statement it did not hear.

A pledge is a statement on a forum's floor taking a position on norms. Against it, what the seat
did with each norm from that turn on:
    support       kept by endorsing, signing on, proposing, implementing, assisting or lobbying
                  for the norm; broken by objecting to it
    oppose        kept by objecting; broken by endorsing, signing on, proposing or implementing
    conditional   no verdict: what it did is listed
A pledge nothing followed is "not acted on".
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from exercise.core.events import (
    Assisted,
    DealSettled,
    Event,
    Implemented,
    Lobbied,
    NormProposed,
    OrderGiven,
    Said,
    SessionOutcome,
)
from exercise.core.orders import parse_order
from exercise.core.seats import Viewer
from exercise.errors import OrderError

# What a deed says about the doer's stance on its norm.
BACKING = ("endorse", "signon", "propose", "implement", "assist", "lobby")
AGAINST = ("object",)


@attrs.frozen
class Pledge:
    turn: int
    forum: str
    position: str  # support | oppose | conditional
    norm: str
    words: str
    verdict: str  # kept | broken | not acted on | conditional
    deeds: tuple[str, ...]  # what the seat did with the norm from that turn on ("turn 3: endorse ...")


@attrs.frozen
class DealOutcome:
    deal: str
    turn: int  # when it came due and was settled
    seat: str
    outcome: str  # kept | broken
    promised: tuple[str, ...]
    missing: tuple[str, ...]


@attrs.frozen
class SeatNegotiation:
    seat: str
    pledges: tuple[Pledge, ...]
    deals: tuple[DealOutcome, ...]  # its side of each deal settled

    @property
    def kept(self) -> int:
        return sum(1 for d in self.deals if d.outcome == "kept")

    @property
    def broken(self) -> int:
        return sum(1 for d in self.deals if d.outcome == "broken")


def _seen(e: Event, seats: Sequence[Viewer] | None) -> bool:
    return seats is None or all(e.visible_to(s) for s in seats)


def _deed(e: Event) -> tuple[str, str, str] | None:
    """(seat, verb, norm) of an event that shows a seat acting on a norm, else None."""
    if isinstance(e, OrderGiven):
        try:
            order = parse_order(e.order, e.seat)
        except OrderError:  # pragma: no cover - the engine wrote it
            return None
        norm = getattr(order, "norm", None)
        return (e.seat, order.verb, norm) if norm else None
    if isinstance(e, NormProposed):
        return e.proposer, "propose", e.norm
    if isinstance(e, Implemented):
        return e.by, "implement", e.norm
    if isinstance(e, Lobbied):
        return e.by, "lobby", e.norm
    if isinstance(e, Assisted):
        return e.by, "assist", e.norm
    return None


def _verdict(position: str, verbs: set[str]) -> str:
    if position == "conditional":
        return "conditional"
    backs, opposes = bool(verbs & set(BACKING)), bool(verbs & set(AGAINST))
    if position == "support":
        return "broken" if opposes else ("kept" if backs else "not acted on")
    return "broken" if backs else ("kept" if opposes else "not acted on")


def negotiation(
    turns: Sequence[Sequence[Event]], seats_of_interest: Sequence[str], viewers: Sequence[Viewer] | None = None
) -> tuple[SeatNegotiation, ...]:
    """`turns[t]`: the events of turn t (turn 0: none). Per seat of interest, its pledges
    against its deeds and its side of every deal settled, as `viewers` could see them."""
    deeds: dict[str, list[tuple[int, str, str, str]]] = {}  # seat -> (turn, verb, norm, text)
    said: dict[str, list[Said]] = {}
    settled: dict[str, list[DealOutcome]] = {}
    for turn, events in enumerate(turns):
        for e in events:
            if not _seen(e, viewers):
                continue
            deed = _deed(e)
            if deed is not None:
                deeds.setdefault(deed[0], []).append((turn, deed[1], deed[2], e.text()))
            elif isinstance(e, Said) and e.channel == "floor" and e.position:
                said.setdefault(e.speaker, []).append(e)
            elif isinstance(e, DealSettled):
                settled.setdefault(e.seat, []).append(
                    DealOutcome(e.deal, turn, e.seat, e.outcome, tuple(e.promised), tuple(e.missing))
                )
    out = []
    for seat in seats_of_interest:
        pledges = []
        for s in said.get(seat, []):
            for norm in s.norms:
                done = [(t, verb, text) for t, verb, n, text in deeds.get(seat, []) if n == norm and t >= s.turn]
                pledges.append(
                    Pledge(
                        s.turn,
                        s.to,
                        s.position,
                        norm,
                        s.words,
                        _verdict(s.position, {verb for _, verb, _ in done}),
                        tuple(f"turn {t}: {text}" for t, _, text in done),
                    )
                )
        out.append(SeatNegotiation(seat, tuple(pledges), tuple(settled.get(seat, []))))
    return tuple(out)


def swinging_deals(events: Sequence[Event], viewers: Sequence[Viewer] | None = None) -> list[str]:
    """Headlines for the deals of one turn that unlocked or sank a forum's decision that turn:
    a deal settled this turn whose promises were about the norm (or package) decided."""
    decided = [e for e in events if isinstance(e, SessionOutcome) and e.outcome in ("adopted", "blocked")]
    if not decided:
        return []
    deals: dict[str, list[DealSettled]] = {}
    for e in events:
        if isinstance(e, DealSettled) and _seen(e, viewers):
            deals.setdefault(e.deal, []).append(e)
    lines = []
    for outcome in decided:
        if not _seen(outcome, viewers):
            continue
        for deal, sides in sorted(deals.items()):
            touching = [
                side for side in sides if any(_about(p, side.seat, outcome.norm, outcome.forum) for p in side.promised)
            ]
            if not touching:
                continue
            parties = ", ".join(sorted({side.seat for side in sides}))
            broken = [side.seat for side in sides if side.outcome == "broken"]
            kept_against = [
                side.seat
                for side in touching
                if side.outcome == "kept" and any(p.startswith("object ") for p in side.promised)
            ]
            if outcome.outcome == "adopted" and not broken:  # a broken deal unlocked nothing
                lines.append(f"deal {deal} ({parties}) unlocked {outcome.norm} in {outcome.forum}")
            elif outcome.outcome == "blocked" and (broken or kept_against):
                how = f"broken by {', '.join(broken)}" if broken else f"kept by {', '.join(kept_against)}"
                lines.append(f"deal {deal} ({parties}, {how}) sank {outcome.norm} in {outcome.forum}")
    return lines


def _about(promise: str, seat: str, norm: str, forum: str) -> bool:
    try:
        order = parse_order(promise, seat)
    except OrderError:  # pragma: no cover - promises were checked when made
        return False
    # only a position taken in that very forum bears on its decision: assistance or lobbying on
    # the norm is not about one forum, and must not credit a deal with another forum's vote
    return getattr(order, "norm", None) == norm and getattr(order, "forum", None) == forum
