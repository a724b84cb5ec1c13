"""Everything the report reads from a save, in one pass, as plain data (build.py turns it into
the report model without touching the store again)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from exercise.core.events import Event
from exercise.core.seats import FACILITATOR
from exercise.core.spec import Criterion, Scenario
from exercise.core.state import GameState
from exercise.store import Game
from exercise.store.evaluation_records import EvaluatorNote, ImprovementItem, InstructorNote, Role, RubricScore
from exercise.store.history import history, orders_by_turn, teams_of
from exercise.store.records import SaveSummary


@attrs.frozen
class Gathered:
    scenario: Scenario
    summary: SaveSummary
    history: Sequence[tuple[GameState, Sequence[Event]]]
    final_hash: str
    orders: dict[str, list[tuple[int, list[str]]]]  # team -> (turn, orders)
    teams: tuple[str, ...]
    players: dict[str, str]
    roles: tuple[Role, ...]
    criteria: tuple[Criterion, ...]
    scores: tuple[RubricScore, ...]
    evaluator_notes: tuple[EvaluatorNote, ...]
    instructor_notes: tuple[InstructorNote, ...]
    plan: tuple[ImprovementItem, ...]
    released: bool
    viewer: str | None  # a seat's view, or None: the white cell's


def gather(game: Game, viewer: str | None = None) -> Gathered:
    evaluation = game.evaluation
    who = FACILITATOR if viewer is None else viewer
    teams = teams_of(game, viewer)
    return Gathered(
        scenario=game.scenario,
        summary=game.summary(),
        history=history(game),
        final_hash=game.state_hash(),
        orders=orders_by_turn(game, list(teams)),
        teams=teams,
        players=evaluation.players(),
        roles=tuple(evaluation.roles()),
        criteria=evaluation.rubric(),
        scores=tuple(s for s in evaluation.scores(who) if s.team in teams),
        evaluator_notes=tuple(n for n in evaluation.evaluator_notes(who) if not n.team or n.team in teams),
        instructor_notes=tuple(evaluation.instructor_notes()) if viewer is None else (),
        plan=tuple(evaluation.plan()),
        released=evaluation.released(),
        viewer=viewer,
    )
