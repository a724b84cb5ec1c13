"""Two saves of one scenario side by side: where they part, whose orders differed, which forum
decisions came out otherwise, and how the worlds and the scores stand at the end.

For an instructor with two students' games of the same scenario and seed, or a game and a
what-if branch of it (`exercise branch`): turns line up by number, and everything is compared
up to the last turn both games have played.
"""

from __future__ import annotations

from typing import Any

import attrs

from exercise.core.events import SessionOutcome
from exercise.core.seats import BY_PEOPLE, FACILITATOR
from exercise.core.wording import decision_short
from exercise.engine.metrics import breadth, delegation_score, mean_depth
from exercise.errors import SaveError, listed
from exercise.store.game import Game

# Where a seat's orders came from (Game.order_sources) when a person gave them, not a strategy.


@attrs.frozen
class OrdersDiff:
    turn: int
    seat: str
    a: tuple[str, ...]  # the order lines, as typed ("pass" for none)
    b: tuple[str, ...]
    by_people: bool  # a person ordered for the seat in either game (else strategies reacted)


@attrs.frozen
class OutcomeDiff:
    turn: int
    forum: str
    norm: str
    a: str  # "adopted", "blocked by borealis", ... or "not decided" (no decision on it that turn)
    b: str


@attrs.frozen
class GameComparison:
    paths: tuple[str, str]
    scenario: str
    seeds: tuple[int, int]
    turns: tuple[int, int]
    common_turns: int  # compared up to this turn
    same_scenario_text: bool
    parted_at: int | None  # first turn whose states differ; None: identical throughout
    orders: tuple[OrdersDiff, ...]
    outcomes: tuple[OutcomeDiff, ...]
    norms: tuple[tuple[str, dict[str, Any], dict[str, Any]], ...]  # (norm, a's, b's) at the end
    scores: tuple[tuple[str, float, float], ...]  # (seat, a's, b's) at the end

    def to_json(self) -> dict[str, Any]:
        data = attrs.asdict(self)
        data["norms"] = [{"norm": n, "a": x, "b": y} for n, x, y in self.norms]
        data["scores"] = [{"seat": d, "a": x, "b": y} for d, x, y in self.scores]
        return data


def _order_lines(orders: dict[str, list], seat: str) -> tuple[str, ...]:
    return tuple(o.text() for o in orders.get(seat, ())) or ("pass",)


def _decisions(events) -> dict[tuple[str, str], str]:
    out = {}
    for e in events:
        if isinstance(e, SessionOutcome) and e.outcome != "deliberating":
            out[(e.forum, e.norm)] = decision_short(e)
    return out


def _norm_figures(state, norm_id: str) -> dict[str, Any]:
    ns = state.norms[norm_id]
    return {
        "status": ns.status,
        "breadth": round(breadth(state, norm_id), 4),
        "mean_depth": round(mean_depth(state, norm_id), 3) if ns.depth else None,
        "adopted_in": sorted(ns.adopted_in),
    }


def compare_games(a: Game, b: Game, seat: str | None = None) -> GameComparison:
    """Compare two open saves; `seat`: only that seat's orders and score (what it would see
    of itself), the forum decisions and the world being public anyway."""
    if a.scenario.id != b.scenario.id:
        raise SaveError(
            f"{a.path} plays {a.scenario.id!r} and {b.path} plays {b.scenario.id!r}: compare games of one scenario"
        )
    if seat is not None and seat not in a.scenario.by_id.delegations:
        raise SaveError(
            f"--as: {a.scenario.id} has no seat {seat!r} "
            f"(seats: {listed(a.scenario.by_id.delegation_ids, hint=f'see `exercise replay {a.path}`')})"
        )
    turns = (a.turn, b.turn)
    common = min(turns)
    parted = next((t for t in range(common + 1) if a.state_hash(t) != b.state_hash(t)), None)
    orders: list[OrdersDiff] = []
    outcomes: list[OutcomeDiff] = []
    # Every turn, not only from the parting on: two different orders can leave the same state.
    for turn in range(1, common + 1):
        mine, theirs = a.orders(turn), b.orders(turn)
        people = {s for g in (a, b) for s, source in g.order_sources(turn).items() if source in BY_PEOPLE}
        seats = [seat] if seat else sorted(set(mine) | set(theirs), key=lambda s: (s == FACILITATOR, s))
        for s in seats:
            lines_a, lines_b = _order_lines(mine, s), _order_lines(theirs, s)
            if lines_a != lines_b:
                orders.append(OrdersDiff(turn, s, lines_a, lines_b, s in people))
        decided_a, decided_b = _decisions(a.events(turn)), _decisions(b.events(turn))
        for forum, norm in sorted(set(decided_a) | set(decided_b)):
            x, y = decided_a.get((forum, norm), "not decided"), decided_b.get((forum, norm), "not decided")
            if x != y:
                outcomes.append(OutcomeDiff(turn, forum, norm, x, y))
    end_a, end_b = a.state(common), b.state(common)
    norms = tuple(
        (n, _norm_figures(end_a, n), _norm_figures(end_b, n)) for n in sorted(end_a.norms) if n in end_b.norms
    )
    seats = [seat] if seat else [d for d in sorted(end_a.seats) if a.scenario.delegation(d).objectives]
    scores = tuple((d, delegation_score(end_a, d), delegation_score(end_b, d)) for d in seats if d in end_b.seats)
    return GameComparison(
        (str(a.path), str(b.path)),
        a.scenario.id,
        (a.seed, b.seed),
        turns,
        common,
        a.scenario_text == b.scenario_text,
        parted,
        tuple(orders),
        tuple(outcomes),
        norms,
        scores,
    )
