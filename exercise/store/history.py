"""A save's whole history as the engine's debrief reads it: the state after each turn and that
turn's events, turn 0 (the start, no events) first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercise.core.events import Event
from exercise.core.state import GameState

if TYPE_CHECKING:  # screens import this module before any save is open: no SQLAlchemy yet
    from exercise.store.game import Game


def history(game: Game) -> list[tuple[GameState, list[Event]]]:
    return [(game.state(turn), game.events(turn) if turn else []) for turn in range(game.turn + 1)]


def orders_by_turn(game: Game, seats: list[str]) -> dict[str, list[tuple[int, list[str]]]]:
    """Each seat's orders, turn by turn (turns it gave none left out), as order text."""
    out: dict[str, list[tuple[int, list[str]]]] = {seat: [] for seat in seats}
    for turn in range(1, game.turn + 1):
        given = game.orders(turn)
        for seat in seats:
            if given.get(seat):
                out[seat].append((turn, [str(order) for order in given[seat]]))
    return out


def teams_of(game: Game, viewer: str | None) -> tuple[str, ...]:
    """The teams a report or handout is about: the viewer's seat, else the human seats, else (a game
    every seat of which was scripted) every seat with objectives."""
    if viewer is not None:
        return (viewer,)
    humans = game.human_seats()
    if humans:
        return tuple(sorted(humans))
    return tuple(d for d in game.scenario.by_id.delegation_ids if game.scenario.delegation(d).objectives)
