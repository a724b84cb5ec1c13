"""The project's exceptions: one root, one subclass per area, one class per kind of failure.

Messages quote the input and the state so the CLI can print them as they are.
"""

from __future__ import annotations


class ExerciseError(Exception):
    """Root of every error the program reports to a user (exit code 2)."""


class ScenarioError(ExerciseError):
    """A scenario file is missing, unreadable or invalid. Carries one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class OrderError(ExerciseError):
    """An order that the seat may not give now. The message names seat, order and reason."""

    def __init__(self, seat: str, order: object, reason: str):
        self.seat = seat
        self.order = order
        self.reason = reason
        super().__init__(f"{seat}: {order}: {reason}")


class OrderSyntaxError(OrderError):
    """The text of an order could not be read."""


class UnknownReference(OrderError):
    """The order names a norm, forum, framework or delegation that does not exist."""


class NotAMember(OrderError):
    """The seat is not a member of the forum the order acts in."""


class NotOnAgenda(OrderError):
    """The norm is not on that forum's agenda (or already is, for a proposal)."""


class AgendaFull(OrderError):
    """The forum's agenda has no room for another proposal."""


class NotEnoughInfluence(OrderError):
    """The seat's orders cost more influence than it has this turn."""


class NotEnoughBudget(OrderError):
    """The seat's orders cost more budget than it has this turn."""


class IllegalOrder(OrderError):
    """Any other reason an order is refused (wrong forum rule, acting on oneself, ...)."""


class SaveError(ExerciseError):
    """A save file is missing, not a save, from a newer version, or damaged."""


# --- what a save refuses in live play (exercise.store) -------------------------------------


class AlreadyResolved(SaveError):
    """The turn this client meant to resolve (or order for) was resolved by another one first."""


class GameOver(SaveError):
    """The game has played its last turn: nothing more can be ordered or resolved."""


class StaleOrders(SaveError):
    """A seat's orders changed at another terminal since this one read them."""


class SeatTaken(SaveError):
    """The seat is open at another terminal (its lease is alive)."""

    def __init__(self, seat: str, place: str, opened_at: str) -> None:
        self.seat, self.place, self.opened_at = seat, place, opened_at
        super().__init__(
            f"{seat}: is open at another terminal ({place}) since "
            f"{opened_at[11:16]} UTC; take it over with the seat's code"
        )


class GamePaused(SaveError):
    """The white cell paused the game: turns resolve again after resume (or when forced)."""


class ReadOnlySave(SaveError):
    """A write was asked of a save opened read-only."""


class ReplayError(ExerciseError):
    """A replay or verification was asked for something the save does not hold."""


class BatchError(ExerciseError):
    """A sweep or experiment was asked for with a bad key path or value."""


def listed(items, limit: int = 8, hint: str = "") -> str:
    """`a, b, c` or, past `limit` items, `a, b, … and 1,990 more (HINT)`: a problem line names
    a few of the choices, never all of a 2,000-seat game's."""
    items = [str(i) for i in items]
    if len(items) <= limit:
        return ", ".join(items)
    more = f" ({hint})" if hint else ""
    return f"{', '.join(items[:limit])} … and {len(items) - limit:,} more{more}"


def unreadable(path: object, exc: OSError, what: str) -> str:
    """The one line for a file that could not be opened: `what` names what it should have
    been ("a scenario file"), for a path that is a directory."""
    if isinstance(exc, FileNotFoundError):
        return f"{path}: no such file"
    if isinstance(exc, IsADirectoryError):
        return f"{path}: is a directory, not {what}"
    return f"{path}: cannot be read ({exc.strerror})"
