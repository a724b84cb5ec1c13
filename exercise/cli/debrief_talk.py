"""The negotiation sections of `exercise debrief`: pledge vs practice, deals kept and broken
(engine/pledges.py), as text for the terminal and as Markdown for the handout."""

from __future__ import annotations

from collections.abc import Sequence

from exercise.engine.pledges import SeatNegotiation
from exercise.report.negotiation import (
    DEAL_HEAD,
    NO_DEALS,
    NO_PLEDGES,
    PLEDGE_HEAD,
    PLEDGES_HOW,
    deal_rows,
    pledge_rows,
)

NOTHING_SAID = "No position was taken on a forum's floor and no deal came due."


def _deal_text(d) -> str:
    what = "; ".join(d.promised)
    return f"deal {d.deal} (turn {d.turn}): {d.outcome}" + (
        f", did not {'; '.join(d.missing)}" if d.outcome == "broken" else f": {what}"
    )


def format_negotiation(seats: Sequence[SeatNegotiation]) -> list[str]:
    lines = ["", "Pledge vs practice, deals kept and broken"]
    if not seats:
        return [*lines, f"  {NOTHING_SAID}"]
    for n in seats:
        lines.append(f"  {n.seat}: {len(n.pledges)} pledge(s); deals kept {n.kept}, broken {n.broken}")
        for p in n.pledges:
            lines.append(f"    turn {p.turn} in {p.forum}: {p.position} {p.norm}: {p.verdict}")
            lines += [f"      {deed}" for deed in p.deeds]
        lines += [f"    {_deal_text(d)}" for d in n.deals]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_negotiation(seats: Sequence[SeatNegotiation]) -> list[str]:
    lines = ["", "## Pledge vs practice", ""]
    pledges = pledge_rows(seats)
    if not pledges:
        lines.append(NO_PLEDGES)
    else:
        lines += [PLEDGES_HOW, "", "| " + " | ".join(PLEDGE_HEAD) + " |", "|---|---:|---|---|---|"]
        for seat, turn, said, verdict, deeds in pledges:
            did = "<br>".join(_cell(d) for d in deeds) or "-"
            lines.append(f"| `{seat}` | {turn} | {_cell(said)} | {verdict} | {did} |")
    lines += ["", "## Deals kept and broken", ""]
    deals = deal_rows(seats)
    if not deals:
        return [*lines, NO_DEALS]
    lines += ["| " + " | ".join(DEAL_HEAD) + " |", "|---|---:|---|---|---|"]
    for deal, turn, seat, side, outcome in deals:
        shown = outcome if outcome == "kept" else f"**{_cell(outcome)}**"
        lines.append(f"| {deal} | {turn} | `{seat}` | {_cell(side)} | {shown} |")
    return lines
