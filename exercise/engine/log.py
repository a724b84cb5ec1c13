"""Collects a turn's events, numbering them from the game's running sequence."""

from __future__ import annotations

from typing import Any

from exercise.core.events import Event
from exercise.core.state import GameState


class EventLog:
    def __init__(self, state: GameState):
        self._state = state
        self.events: list[Event] = []

    def add(self, cls: type[Event], audience: tuple[str, ...] = (), **fields: Any) -> Event:
        event = cls(turn=self._state.turn, seq=self._state.next_event, audience=audience, **fields)
        self._state.next_event += 1
        self.events.append(event)
        return event
