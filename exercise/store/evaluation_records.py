"""What `game.evaluation` hands back: attrs records of the after-action side of a save."""

from __future__ import annotations

import attrs

EVALUATOR, OBSERVER, TEAM = "evaluator", "observer", "team"
ROLE_KINDS = (EVALUATOR, OBSERVER)
INSTRUCTOR = "instructor"  # the author of a replay bookmark when none is given


def role_name(kind: str, number: int) -> str:
    """ "evaluator-1", "observer-2": the seat name `exercise play --as` takes."""
    return f"{kind}-{number}"


def role_kind(seat: str) -> str | None:
    """ "evaluator" or "observer" for such a seat's name, else None (a team, the white cell)."""
    for kind in ROLE_KINDS:
        head, _, number = seat.partition("-")
        if head == kind and number.isdigit():
            return kind
    return None


@attrs.frozen
class Role:
    """An evaluator or observer seat, and who sits there ("" unknown)."""

    seat: str
    kind: str  # "evaluator" or "observer"
    player: str = ""


@attrs.frozen
class RubricScore:
    """`evaluator`'s rubric level (1-4) for `team`'s play of `turn` against `objective`."""

    evaluator: str
    turn: int
    team: str
    objective: str
    level: int
    note: str = ""


@attrs.frozen
class EvaluatorNote:
    """A free-text note an evaluator made on a turn, about one team or ("") the game."""

    number: int
    turn: int
    team: str
    text: str
    author: str
    created: str  # ISO 8601, UTC


@attrs.frozen
class InstructorNote:
    """A bookmark the instructor made on a replayed turn, with its note."""

    number: int
    turn: int
    text: str
    author: str
    created: str  # ISO 8601, UTC


@attrs.frozen
class ImprovementItem:
    """One line of the improvement plan (AAR/IP)."""

    number: int
    issue: str
    recommendation: str
    owner: str = ""
    due: str = ""
    objective: str = ""  # the rubric objective it addresses ("" none)


# The improvement plan's columns, in the order the CSV import/export and the report use.
PLAN_COLUMNS = tuple(f.name for f in attrs.fields(ImprovementItem))
