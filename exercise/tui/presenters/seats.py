"""A seat as the screens name it, and its own objectives with their progress."""

from __future__ import annotations

from exercise.core.seats import FACILITATOR
from exercise.core.spec import Scenario
from exercise.core.state import GameState


def seat_label(scenario: Scenario, seat: str | None) -> str:
    if seat is None or seat == FACILITATOR:
        return "White cell"
    try:
        return scenario.delegation(seat).name
    except KeyError:
        return seat


def objectives_with_progress(state: GameState, seat: str) -> list[tuple[str, float]]:
    """The seat's OWN objectives with progress 0..1 (never anyone else's)."""
    from exercise.engine.metrics import objective_progress  # the home screen, which names seats, needs no engine

    out = []
    for o in state.scenario.delegation(seat).objectives:
        text = o.description or f"{o.kind} {o.norm}" + (f" in {o.forum}" if o.forum else "")
        out.append((text, objective_progress(state, seat, o)))
    return out
