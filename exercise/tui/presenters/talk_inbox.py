"""What the Talks tab lists: the lines a viewer heard in one turn, grouped by channel (the
offers first, then each forum's floor, each coalition, each bilateral partner), and an offer's
terms in words. Plain data: the widget only styles it.

Only lines the board says the viewer heard (`TalkEntry.heard_by`) are ever grouped, so a seat's
inbox cannot hold another pair's message or another coalition's talk.
"""

from __future__ import annotations

import attrs

from exercise.core.seats import FACILITATOR
from exercise.core.talk import CoalitionMessage, Counter, Form, Join, Message, Offer, Reply, Statement
from exercise.engine.talk import OfferRecord, TalkBoard, TalkEntry

OFFERS = "Offers"


@attrs.frozen
class InboxLine:
    text: str  # who said what, in the turn
    offer: str = ""  # the offer's id when the line made an offer (or a counter)
    answerable: bool = False  # an open offer made to the viewer: a, r and c answer it


@attrs.frozen
class InboxGroup:
    title: str
    lines: tuple[InboxLine, ...]


def speaker_name(seat: str) -> str:
    return "the chair" if seat == FACILITATOR else seat


def offer_terms(record: OfferRecord) -> str:
    """`3.1 usa -> chn: GIVES if WANTS (due turn 3, announced) [open]`."""
    gives = "; ".join(map(str, record.gives))
    wants = "; ".join(map(str, record.wants))
    counters = f" (counters {record.counters})" if record.counters else ""
    announced = ", announced" if record.announced else ""
    return (
        f"{record.id} {record.offerer} -> {record.to}{counters}: {gives} if {wants} "
        f"(due turn {record.due}{announced}) [{record.status}]"
    )


def channel(entry: TalkEntry, viewer: str | None) -> str:
    """The inbox group an entry belongs to, as its title."""
    talk = entry.talk
    if isinstance(talk, (Offer, Counter, Reply)):
        return OFFERS
    if isinstance(talk, Statement):
        return f"Floor of {talk.forum}"
    if isinstance(talk, (CoalitionMessage, Form, Join)):
        return f"Coalition {talk.coalition}"
    assert isinstance(talk, Message)
    pair = sorted({entry.seat, talk.to})
    others = [p for p in pair if p != viewer]
    if viewer is None or len(others) > 1:
        return f"Between {' and '.join(speaker_name(p) for p in pair)}"
    return f"With {speaker_name(others[0])}"


def _line(entry: TalkEntry, board: TalkBoard, viewer: str | None) -> InboxLine:
    when = f"t{board.turn}"
    if entry.offer:
        record = board.offers[entry.offer]
        answerable = viewer is not None and record.to == viewer and record.status == "open"
        return InboxLine(f"{when} {offer_terms(record)}", entry.offer, answerable)
    return InboxLine(f"{when} {speaker_name(entry.seat)}: {entry.talk.text()}")


def _order(title: str) -> tuple[int, str]:
    rank = 0 if title == OFFERS else 1 if title.startswith("Floor") else 2 if title.startswith("Coalition") else 3
    return rank, title


def inbox(board: TalkBoard, viewer: str | None) -> list[InboxGroup]:
    """What `viewer` (None: the white cell) heard in the board's turn, by channel, each channel's
    lines in the order they were said."""
    groups: dict[str, list[InboxLine]] = {}
    for entry in board.heard_by(viewer):
        groups.setdefault(channel(entry, viewer), []).append(_line(entry, board, viewer))
    return [InboxGroup(title, tuple(groups[title])) for title in sorted(groups, key=_order)]
