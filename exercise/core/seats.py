"""Who is at the table, each name defined once: the facilitator (white cell), the projector,
a human controller, the public-only viewer, and where a turn's orders came from.

A *viewer* is what decides which events and which side of the state someone sees:

    None        the facilitator (white cell): everything
    PUBLIC      nobody in particular (the room's projector, a public digest): public only
    "atlantia"  a seat: the public side plus what its audience includes
"""

from __future__ import annotations

import enum
from typing import Final, Literal

# The white cell's seat name, in saves (pending orders, codes, audiences) and on the command line.
FACILITATOR: Final = "@white"
# What people may type for the white cell (`exercise play SAVE --as white`).
WHITE_NAMES: Final = (FACILITATOR, "white", "white-cell", "facilitator")
# The room's screen (`exercise play SAVE --as projector`): public information only, no seat.
PROJECTOR: Final = "projector"
# The controller of a seat played by people (the other controllers are strategy names).
HUMAN: Final = "human"
# The scripted strategies' names, for checking a scenario's `strategy` keys without importing
# the strategies (they pull in the whole engine: the home screen checks every shipped scenario
# and needs no engine). strategies.STRATEGIES is the registry; tests/unit/test_strategies.py
# holds the two equal.
STRATEGY_NAMES: Final = ("bandwagoner", "blocker", "broker", "champion", "lip-service", "random-legal")


class Public(enum.Enum):
    """The public-only viewer: sees what every seat may see and nothing more."""

    PUBLIC = "public"

    def __repr__(self) -> str:
        return "PUBLIC"


PUBLIC: Final = Public.PUBLIC
# A seat id, PUBLIC, or None for the facilitator (see the module docstring).
Viewer = str | Literal[Public.PUBLIC] | None


def is_white(name: str | None) -> bool:
    """True for every way of naming the white cell (None included: the facilitator's view)."""
    return name is None or name in WHITE_NAMES


class OrderSource(enum.StrEnum):
    """Where a seat's orders for a turn came from, besides a strategy's name (a scripted seat)
    or "STRATEGY (stood in)" (a missing human seat played by its strategy on a forced turn)."""

    HUMAN = HUMAN  # submitted by the people playing the seat
    SUBMITTED = "submitted"  # submitted for a seat a strategy controls (e.g. `exercise orders`)
    WHITE_CELL = "white cell"  # the facilitator's own orders
    FORCED_PASS = "passed (forced)"  # a missing human seat passed on a forced turn


# Sources that mean people decided (not a strategy).
BY_PEOPLE: Final = frozenset(OrderSource)


def stood_in(strategy: str) -> str:
    """The source of a missing human seat's orders played by its scenario strategy."""
    return f"{strategy} (stood in)"
