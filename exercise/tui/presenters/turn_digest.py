"""What a turn changed, in a few lines: the results screen and the projector read it."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from exercise.core.events import Event, FacilitatorAction, InjectFired, SessionOutcome
from exercise.core.seats import Viewer
from exercise.core.state import GameState
from exercise.core.wording import decision_detail


@attrs.frozen
class TurnDigest:
    turn: int
    injects: tuple[str, ...]
    decisions: tuple[tuple[str, str, str, str], ...]  # (forum, norm, outcome, detail)
    movers: tuple[tuple[str, float, float], ...]  # (norm, breadth before, after)
    white_cell: tuple[str, ...]


def turn_digest(
    before: GameState | None, after: GameState, events: Sequence[Event], seat: Viewer = None, top: int = 5
) -> TurnDigest:
    """What a projector shows after a turn: each forum decision and the biggest changes in
    breadth. `seat` limits it to what that viewer may see (events by audience; PUBLIC: public only)."""
    turn = after.turn
    visible = [e for e in events if e.turn == turn and e.visible_to(seat)]
    injects = tuple(e.title for e in visible if isinstance(e, InjectFired))
    decisions = []
    for e in visible:
        if isinstance(e, SessionOutcome):
            decisions.append((e.forum, e.norm, e.outcome, decision_detail(e)))
    movers = []
    for norm_id, ns in sorted(after.norms.items()):
        now = ns.breadth_history[-1] if ns.breadth_history else 0.0
        if before is not None and before.norms[norm_id].breadth_history:
            was = before.norms[norm_id].breadth_history[-1]
        else:
            was = ns.breadth_history[-2] if len(ns.breadth_history) > 1 else 0.0
        if abs(now - was) > 1e-9:
            movers.append((norm_id, was, now))
    movers.sort(key=lambda m: (-abs(m[2] - m[1]), m[0]))
    white = tuple(e.text() for e in visible if isinstance(e, FacilitatorAction))
    return TurnDigest(turn, injects, tuple(decisions), tuple(movers[:top]), white)
