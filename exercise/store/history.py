"""A save's whole history as the engine's debrief reads it: the state after each turn and that
turn's events, turn 0 (the start, no events) first."""

from __future__ import annotations

from exercise.core.events import Event
from exercise.core.state import GameState
from exercise.store.game import Game


def history(game: Game) -> list[tuple[GameState, list[Event]]]:
    return [(game.state(turn), game.events(turn) if turn else []) for turn in range(game.turn + 1)]
