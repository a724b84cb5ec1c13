"""What the store hands back besides domain objects: summaries, verification results, and the
store's own kinds of failure."""

from __future__ import annotations

from pathlib import Path

import attrs

from exercise.errors import ExerciseError, SaveError

HUMAN = "human"


class AlreadyResolved(ExerciseError):
    """The turn this client meant to resolve (or order for) was resolved by another one first."""


class GamePaused(SaveError):
    """The white cell paused the game: turns resolve again after resume (or when forced)."""


class ReadOnlySave(SaveError):
    """A write was asked of a save opened read-only."""


@attrs.frozen
class VerifyResult:
    turns: int  # turns re-resolved and found to match (the start, turn 0, is checked as well)
    first_mismatch: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_mismatch is None


@attrs.frozen
class SaveSummary:
    path: Path
    scenario_id: str
    title: str
    turn: int  # last completed turn
    length: int  # the scenario's planned number of turns
    seed: int
    controllers: dict[str, str]  # seat -> "human" or a strategy name
    waiting_for: tuple[str, ...]
    paused: bool
    created_at: str
    last_played_at: str
    branched_from: str | None = None
    branched_at_turn: int | None = None
    # the human seats' scores against their objectives (0-100) at the last turn, when asked for
    scores: dict[str, float] | None = None

    @property
    def human_seats(self) -> list[str]:
        return [seat for seat, c in self.controllers.items() if c == HUMAN]

    @property
    def finished(self) -> bool:
        return self.turn >= self.length
