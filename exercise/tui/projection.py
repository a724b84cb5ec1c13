"""What the projector shows, read from a save: public information only.

No Textual here. Everything comes from public facts: the events with no audience (what
`turn_digest(..., seat=PUBLIC)` and `headlines(..., seat=PUBLIC)` keep; never the white cell's audit
trail), who holds each norm (breadth), the forums' names, and which human seats have
submitted (names only, never their orders). A seat's brief, budget, objectives and score never
enter a `Projection`, so no screen built from one can show them.
"""

from __future__ import annotations

import attrs

from exercise.core.events import InjectFired, SessionOutcome
from exercise.core.seats import PUBLIC
from exercise.engine.debrief import headlines
from exercise.engine.metrics import breadth
from exercise.tui.presenters.turn_digest import TurnDigest, turn_digest

CHART_LINES = 6  # norms drawn on the adoption chart: few, thick lines a room can tell apart
TURNING_POINTS = 3  # at the end: the turns with the most public decisions


@attrs.frozen
class Heavy:
    """The part read once per resolved turn (states and events)."""

    turn: int  # the last resolved turn (0: the game has not started)
    digest: TurnDigest | None  # that turn's results (None at turn 0)
    forum_names: tuple[tuple[str, str], ...]  # (id, name)
    series: tuple[tuple[str, tuple[float, ...]], ...]  # norm -> breadth after turn 0, 1, ... `turn`
    ended: tuple[tuple[str, float], ...]  # every norm's breadth now, widest first
    turning_points: tuple[tuple[int, tuple[str, ...]], ...]  # at the end only: (turn, headlines)


@attrs.frozen
class Projection:
    """One reading of the save for the projector."""

    turns: int  # the scenario's length
    paused: bool
    submitted: tuple[str, ...]  # human seats whose orders for the next turn are in
    waiting: tuple[str, ...]  # human seats the next turn waits for
    heavy: Heavy

    @property
    def turn(self) -> int:
        return self.heavy.turn

    @property
    def finished(self) -> bool:
        return self.heavy.turn >= self.turns

    def forum_name(self, forum_id: str) -> str:
        return dict(self.heavy.forum_names).get(forum_id, forum_id)


def read_projection(game, known: Heavy | None = None) -> Projection:
    """Read the save once; `known` (the last reading's heavy part) is kept if no turn resolved."""
    turn = game.turn
    heavy = known if known is not None and known.turn == turn else _heavy(game, turn)
    humans = game.human_seats()
    if turn >= game.scenario.turns:
        submitted: tuple[str, ...] = ()
        waiting: tuple[str, ...] = ()
    else:
        pending = set(game.submitted())  # the seats' names; their orders are dropped here
        submitted = tuple(seat for seat in humans if seat in pending)
        waiting = tuple(seat for seat in humans if seat not in pending)
    return Projection(game.scenario.turns, game.paused, submitted, waiting, heavy)


def _heavy(game, turn: int) -> Heavy:
    scenario = game.scenario
    state = game.state(turn)
    digest = None
    if turn > 0:
        digest = turn_digest(game.state(turn - 1), state, game.events(turn), seat=PUBLIC)
    start = game.state(0)
    series = []
    for norm_id in scenario.by_id.norm_ids:
        history = state.norms[norm_id].breadth_history[-turn:] if turn else []
        series.append((norm_id, (breadth(start, norm_id), *history)))
    ended = sorted(((n, breadth(state, n)) for n in scenario.by_id.norm_ids), key=lambda nb: (-nb[1], nb[0]))
    points: tuple = ()
    if turn >= scenario.turns:
        points = _turning_points(game, turn)
    return Heavy(turn, digest, tuple((f.id, f.name) for f in scenario.forums), tuple(series), tuple(ended), points)


def _turning_points(game, last: int) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The turns with the most public decisions (adoptions, blocks, injects), in turn order,
    each with its public headlines (the debrief's words)."""
    weighed = []
    for t in range(1, last + 1):
        events = [e for e in game.events(t) if e.visible_to(PUBLIC)]
        weight = sum(
            1
            for e in events
            if isinstance(e, InjectFired) or (isinstance(e, SessionOutcome) and e.outcome in ("adopted", "blocked"))
        )
        if weight:
            weighed.append((weight, t, events))
    biggest = sorted(weighed, key=lambda w: (-w[0], w[1]))[:TURNING_POINTS]
    return tuple(
        (t, tuple(headlines(game.state(t), events, seat=PUBLIC)))
        for _, t, events in sorted(biggest, key=lambda w: w[1])
    )


def chart_series(heavy: Heavy, lines: int = CHART_LINES) -> list[tuple[str, tuple[float, ...]]]:
    """The norms worth a line: those that spread at all, the widest (then the earliest) first."""
    moved = [(n, s) for n, s in heavy.series if any(v > 1e-9 for v in s)]

    def rank(item):
        norm, values = item
        first = next(i for i, v in enumerate(values) if v > 1e-9)
        return (-values[-1], first, norm)

    return sorted(moved, key=rank)[:lines]
