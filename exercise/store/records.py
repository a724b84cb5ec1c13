"""What the store hands back besides domain objects: summaries, verification results, and the
store's own kinds of failure; and the rhythm of a live session. No SQLAlchemy here: screens
import these before any save is open."""

from __future__ import annotations

import secrets
from pathlib import Path

import attrs

from exercise.core.seats import HUMAN

# What happens when the round clock reaches zero: a warning only, or the turn resolves with
# the missing seats passing or played by their strategies.
AT_ZERO = ("warn", "pass", "strategy")

HEARTBEAT_SECONDS = 4.0  # how often an open terminal renews its leases (live.py)
WATCH_SECONDS = 0.25  # how often an open screen asks the save whether anything changed


def new_holder() -> str:
    """A terminal's id as the holder of the seats it opens."""
    return secrets.token_hex(8)


@attrs.frozen
class Lease:
    seat: str
    holder: str
    place: str
    opened_at: str  # ISO 8601, UTC
    heartbeat: float  # seconds since the epoch


@attrs.frozen
class Draft:
    """A seat's orders for `turn` as last picked, with the version a later write must quote."""

    turn: int
    orders: tuple  # of Order
    version: int
    submitted: bool


@attrs.frozen
class Clock:
    """The round clock as read at one moment: `remaining` seconds (negative once past zero)."""

    state: str  # "off", "running", "paused", "held" (paused with the game)
    round_seconds: float
    remaining: float
    at_zero: str
    turn: int  # the turn it counts down for

    @property
    def on(self) -> bool:
        return self.state != "off"

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def expired(self) -> bool:
        return self.on and self.remaining <= 0


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
