"""The debrief of a game: its turning points, who gained and lost against their objectives,
and the blocs it ended in. Built from the game's history (the state after each turn and the
events of that turn), so it reads the same from a save, a headless run or a replay.

A turn is a turning point when a forum decided something (adopted, blocked, dropped a norm),
an inject fired, the world split into opposed blocs, or a seat's score moved; a deal that
unlocked or sank a decision that turn is named among its headlines. The negotiation (pledge vs
practice, deals kept and broken per seat) is engine/pledges.py's. Each turning point
has a weight (score points moved plus a fixed amount per decision) so the biggest can be named.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from exercise.core.events import DECIDED, DepthReached, Event, InjectFired, NormAdopted, SessionOutcome
from exercise.core.seats import Viewer
from exercise.core.state import MAX_DEPTH, GameState
from exercise.core.wording import decision_headline
from exercise.engine.metrics import delegation_score, norm_blocs, objective_progress, opposed_blocs
from exercise.engine.pledges import SeatNegotiation, negotiation, swinging_deals

DECISION_WEIGHT = 10.0  # a decision, an inject or a split counts as much as ten score points moved
MOVED = 0.5  # score changes smaller than this are not worth a line


@attrs.frozen
class TurningPoint:
    turn: int
    headlines: tuple[str, ...]
    score_changes: tuple[tuple[str, float], ...]  # (seat, change), biggest first
    weight: float


@attrs.frozen
class SeatArc:
    seat: str
    name: str
    scores: tuple[float, ...]  # after turn 0, 1, ..., N
    best: tuple[int, float] | None  # (turn, gain) of its biggest gain, if it gained
    worst: tuple[int, float] | None  # (turn, loss) of its biggest loss, if it lost
    best_why: str = ""  # what happened that turn, preferably to a norm of its objectives
    worst_why: str = ""


@attrs.frozen
class Debrief:
    scenario: str
    turns: int
    points: tuple[TurningPoint, ...]  # in turn order
    arcs: tuple[SeatArc, ...]
    blocs: tuple[dict, ...]  # the norm blocs at the end (see metrics.norm_blocs)
    opposed_pairs: int
    split_at: int | None  # the first turn that ended with opposed blocs
    negotiation: tuple[SeatNegotiation, ...] = ()  # seats that pledged or dealt, in id order

    def biggest(self, count: int = 3) -> list[TurningPoint]:
        return sorted(self.points, key=lambda p: (-p.weight, p.turn))[:count]

    def point(self, turn: int) -> TurningPoint | None:
        return next((p for p in self.points if p.turn == turn), None)


def _forum_name(state: GameState, forum_id: str) -> str:
    return state.scenario.forum(forum_id).name


def headlines(state: GameState, events: Sequence[Event], seat: Viewer = None) -> list[str]:
    """What a turn's events say in a few words, for the viewer (None: the white cell; PUBLIC:
    the public events only)."""
    return _headlines(state, events, None if seat is None else (seat,))


def _headlines(state: GameState, events: Sequence[Event], seats: Sequence[Viewer] | None) -> list[str]:
    lines: list[str] = []
    spread: dict[str, list[str]] = {}
    practised: dict[str, list[str]] = {}
    for e in events:
        if seats is not None and not all(e.visible_to(s) for s in seats):
            continue
        if isinstance(e, InjectFired):
            lines.append(f"inject: {e.title}")
        elif isinstance(e, SessionOutcome) and e.outcome in DECIDED:
            lines.append(decision_headline(e, _forum_name(state, e.forum)))
        elif isinstance(e, NormAdopted) and e.via == "diffusion":
            spread.setdefault(e.norm, []).append(e.delegation)
        elif isinstance(e, DepthReached) and e.depth == MAX_DEPTH:
            practised.setdefault(e.norm, []).append(e.delegation)
    for norm, who in sorted(spread.items()):
        lines.append(f"{_who(who)} took up {norm} by example")
    for norm, who in sorted(practised.items()):
        lines.append(f"{_who(who)} now practise{'s' if len(who) == 1 else ''} {norm}")
    return lines


def _who(ids: list[str]) -> str:
    """A few delegations by name, many by number."""
    return ", ".join(sorted(ids)) if len(ids) <= 3 else f"{len(ids)} delegations"


def _why(history, turn: int, seat: str, point: TurningPoint | None, gained: bool) -> str:
    """The headline that explains a seat's score move at `turn`: one naming the norm of the
    objective whose progress moved most that way (its forum's name too, when it has one)."""
    if point is None or not point.headlines:
        return "scores moved"
    before, after = history[turn - 1][0], history[turn][0]
    objectives = after.scenario.delegation(seat).objectives
    moves = [
        (o.weight * (objective_progress(after, seat, o) - objective_progress(before, seat, o)), o) for o in objectives
    ]
    if not moves:
        return point.headlines[0]
    _, moved = max(moves, key=lambda m: m[0]) if gained else min(moves, key=lambda m: m[0])
    forum = after.scenario.forum(moved.forum).name if moved.forum else ""

    def fit(headline: str) -> int:
        return (moved.norm in headline.split()) * 2 + bool(forum and forum in headline)

    best = max(point.headlines, key=fit)  # the first of equals: the turn's own order
    return best if fit(best) else point.headlines[0]


def _decisions(events: Sequence[Event], seats: Sequence[Viewer] | None) -> int:
    """Forum adoptions and blocks and injects among the events the seats could see."""
    return sum(
        1
        for e in events
        if (seats is None or all(e.visible_to(s) for s in seats))
        and (isinstance(e, InjectFired) or (isinstance(e, SessionOutcome) and e.outcome in ("adopted", "blocked")))
    )


def debrief(history: Sequence[tuple[GameState, Sequence[Event]]], seats: Sequence[str] | None = None) -> Debrief:
    """`history[t]`: the state after turn t and the events of turn t (turn 0: the start).
    `seats`: whose debrief (None: the white cell's, every scored seat and every event); with
    several seats at one screen, only what all of them could see."""
    first, last = history[0][0], history[-1][0]
    scenario = last.scenario
    scored = list(seats) if seats else [d for d in sorted(last.seats) if scenario.delegation(d).objectives]
    scores = {d: [delegation_score(state, d) for state, _ in history] for d in scored}
    points: list[TurningPoint] = []
    split_at = None
    opposed_before = opposed_blocs(first)
    for turn in range(1, len(history)):
        state, events = history[turn]
        lines = _headlines(state, events, seats) + swinging_deals(events, seats)
        decisions = _decisions(events, seats)
        opposed = opposed_blocs(state)
        if opposed > opposed_before:
            split_at = turn if split_at is None else split_at
            lines.append(f"the world splits: {opposed} pair{'s' if opposed > 1 else ''} of opposed norm blocs")
            decisions += 1
        opposed_before = opposed
        changes = sorted(
            ((d, round(scores[d][turn] - scores[d][turn - 1], 2)) for d in scored), key=lambda dc: (-abs(dc[1]), dc[0])
        )
        changes = [(d, c) for d, c in changes if abs(c) >= MOVED]
        if lines or changes:
            weight = sum(abs(c) for _, c in changes) + DECISION_WEIGHT * decisions
            points.append(TurningPoint(state.turn, tuple(lines), tuple(changes), round(weight, 2)))
    by_turn = {p.turn: p for p in points}
    arcs = []
    for d in scored:
        steps = [(t, scores[d][t] - scores[d][t - 1]) for t in range(1, len(history))]
        gain = max(steps, key=lambda s: (s[1], -s[0]), default=None)
        loss = min(steps, key=lambda s: (s[1], s[0]), default=None)
        best = (gain[0], round(gain[1], 2)) if gain and gain[1] >= MOVED else None
        worst = (loss[0], round(loss[1], 2)) if loss and loss[1] <= -MOVED else None
        arcs.append(
            SeatArc(
                d,
                scenario.delegation(d).name,
                tuple(scores[d]),
                best,
                worst,
                _why(history, best[0], d, by_turn.get(best[0]), True) if best else "",
                _why(history, worst[0], d, by_turn.get(worst[0]), False) if worst else "",
            )
        )
    blocs = norm_blocs(last)
    talked = negotiation([events for _, events in history], list(seats) if seats else sorted(last.seats), seats)
    return Debrief(
        scenario.id,
        last.turn,
        tuple(points),
        tuple(arcs),
        tuple(blocs),
        opposed_blocs(last, blocs),
        split_at,
        tuple(n for n in talked if n.pledges or n.deals),
    )
