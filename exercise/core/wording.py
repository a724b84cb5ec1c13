"""The one presenter of the words every surface shares: a forum decision, an order's cost, a
norm bloc, a bar of adoption. Plain strings only (no Textual, no Rich): the CLI prints them,
the Markdown handouts and the store's comparison embed them, and the TUI styles them.

Change the wording here and it changes everywhere at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # events.py words its SessionOutcome here: no import cycle at run time
    from exercise.core.events import SessionOutcome
    from exercise.core.orders import Order

# --- forum decisions -----------------------------------------------------------------------


def votes(yes: Sequence[str], no: Sequence[str]) -> str:
    return f"{len(yes)} for, {len(no)} against"


def blocked_by(e: SessionOutcome) -> str:
    """ "by a, b" when the decision names who blocked it (a block, or tabling after objections)."""
    return f"by {', '.join(e.blockers)}" if e.blockers and e.outcome in ("blocked", "tabled") else ""


def decision_detail(e: SessionOutcome) -> str:
    """What qualifies an outcome in a few words: who blocked it, else the count of votes (none
    while the forum is still deliberating)."""
    if blocked_by(e):
        return blocked_by(e)
    return "" if e.outcome == "deliberating" else votes(e.yes, e.no)


def package_contents(norms: Sequence[str]) -> str:
    """What a package holds, in words every surface shares: "a + b + c" (the ids stay whole
    words, so a reader looking for a norm in a line finds it)."""
    return " + ".join(norms)


def decision_line(e: SessionOutcome, loud: bool = False) -> str:
    """`forum: norm outcome by x (n for, m against)`; `loud` writes adopted and blocked in
    capitals (the timeline and the event log, where they must stand out). A package reads
    `forum: package name [a + b] outcome ...`."""
    outcome = e.outcome.upper() if loud and e.outcome in ("adopted", "blocked") else e.outcome
    what = f"package {e.norm} [{package_contents(e.norms)}]" if e.norms else e.norm
    text = f"{e.forum}: {what} {outcome}"
    if blocked_by(e):
        text += f" {blocked_by(e)}"
    if e.outcome != "deliberating":
        text += f" ({votes(e.yes, e.no)})"
    return text


def decision_short(e: SessionOutcome) -> str:
    """The outcome alone, with who blocked it: "adopted", "blocked by borealis", ..."""
    return f"{e.outcome} {blocked_by(e)}".rstrip()


def decision_headline(e: SessionOutcome, forum_name: str) -> str:
    """A decision as a sentence for a debrief's turning point, or "" for an outcome that is
    no decision (deadlocked, deliberating)."""
    what = f"the package {e.norm} of {package_contents(e.norms)}" if e.norms else e.norm
    if e.outcome == "adopted":
        return f"{forum_name} adopted {what}"
    if e.outcome == "blocked":
        return f"{', '.join(e.blockers)} blocked {what} in {forum_name}"
    if e.outcome == "tabled":
        return f"{forum_name} dropped {what} from its agenda"
    return ""


# --- what an order costs -------------------------------------------------------------------


def order_cost(order: Order, style: Literal["short", "long"] = "short") -> str:
    """ "2 inf, 1 bud" (short: tables) or "2 influence, 1 budget" (long: the CLI); "" when free."""
    influence, budget = ("inf", "bud") if style == "short" else ("influence", "budget")
    parts = [
        f"{order.influence_cost:g} {influence}" if order.influence_cost else "",
        f"{order.budget_cost:g} {budget}" if order.budget_cost else "",
    ]
    return ", ".join(p for p in parts if p)


# --- norm blocs (engine.metrics.norm_blocs) ------------------------------------------------


def bloc_line(bloc: Mapping[str, Any], markdown: bool = False) -> str:
    """One bloc on one line: `b1: holds x, y; 3 members: a, b, c` (Markdown: a list item)."""
    norms, members = ", ".join(bloc["norms"]) or "-", ", ".join(bloc["members"])
    if markdown:
        return f"- **{bloc['id']}** holds {norms}: {members}"
    return f"{bloc['id']}: holds {norms}; {len(bloc['members'])} members: {members}"


def bloc_heading(bloc: Mapping[str, Any]) -> str:
    return f"{bloc['id']}  ({len(bloc['members'])} members, power {bloc['power']:.1f})"


# --- a bar of adoption ---------------------------------------------------------------------

FULL, EMPTY = "█", "░"


def bar_cells(share: float, width: int) -> tuple[str, str]:
    """A bar `width` cells wide for a share 0..1: (the full part, the empty part)."""
    full = max(0, min(width, round(share * width)))
    return FULL * full, EMPTY * (width - full)
