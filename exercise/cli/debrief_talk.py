"""The negotiation sections of `exercise debrief`: pledge vs practice, deals kept and broken
(engine/pledges.py), as text for the terminal and as Markdown for the handout."""

from __future__ import annotations

from collections.abc import Sequence

from exercise.engine.pledges import SeatNegotiation

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
    pledges = [(n.seat, p) for n in seats for p in n.pledges]
    if not pledges:
        lines.append("No delegation took a position on a forum's floor.")
    else:
        lines += [
            "What each delegation said on the floor against what it then did with the norm.",
            "",
            "| delegation | turn | said | verdict | what it did |",
            "|---|---:|---|---|---|",
        ]
        for seat, p in pledges:
            said = _cell(f"{p.position} {p.norm} in {p.forum}: \u201c{p.words}\u201d")
            did = "<br>".join(_cell(d) for d in p.deeds) or "-"
            lines.append(f"| `{seat}` | {p.turn} | {said} | {p.verdict} | {did} |")
    lines += ["", "## Deals kept and broken", ""]
    deals = [d for n in seats for d in n.deals]
    if not deals:
        lines.append("No deal came due.")
        return lines
    lines += ["| deal | turn | delegation | its side | outcome |", "|---|---:|---|---|---|"]
    for d in sorted(deals, key=lambda d: (d.turn, d.deal, d.seat)):
        outcome = "kept" if d.outcome == "kept" else f"**broken**: did not {_cell('; '.join(d.missing))}"
        lines.append(f"| {d.deal} | {d.turn} | `{d.seat}` | {_cell('; '.join(d.promised))} | {outcome} |")
    return lines
