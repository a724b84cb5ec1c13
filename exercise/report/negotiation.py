"""The negotiation as tables, for the report (Markdown and HTML) and the debrief handout: each
seat's pledges against its practice, and its side of every deal settled (engine/pledges.py)."""

from __future__ import annotations

from collections.abc import Sequence

from exercise.engine.pledges import SeatNegotiation

PLEDGE_HEAD = ("delegation", "turn", "said", "verdict", "what it did")
DEAL_HEAD = ("deal", "turn", "delegation", "its side", "outcome")
PLEDGES_HOW = "What each delegation said on a forum's floor against what it then did with the norm."
NO_PLEDGES = "No delegation took a position on a forum's floor."
NO_DEALS = "No deal came due."


def pledge_rows(seats: Sequence[SeatNegotiation]) -> list[tuple[str, str, str, str, list[str]]]:
    """(seat, turn, what it said, verdict, deeds) per pledge, in seat and turn order."""
    return [
        (n.seat, str(p.turn), f"{p.position} {p.norm} in {p.forum}: \u201c{p.words}\u201d", p.verdict, list(p.deeds))
        for n in seats
        for p in n.pledges
    ]


def deal_rows(seats: Sequence[SeatNegotiation]) -> list[tuple[str, str, str, str, str]]:
    """(deal, turn, seat, its side, outcome) per side of a deal settled, in turn order."""
    deals = sorted((d for n in seats for d in n.deals), key=lambda d: (d.turn, d.deal, d.seat))
    return [
        (
            d.deal,
            str(d.turn),
            d.seat,
            "; ".join(d.promised),
            "kept" if d.outcome == "kept" else f"broken: did not {'; '.join(d.missing)}",
        )
        for d in deals
    ]
