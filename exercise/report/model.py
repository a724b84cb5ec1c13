"""The after-action report as plain data: what the HTML, Markdown and PDF renderings show,
every number taken from the save (built by build.py from what gather.py reads)."""

from __future__ import annotations

import attrs

from exercise.engine.debrief import TurningPoint
from exercise.engine.pledges import SeatNegotiation


@attrs.frozen
class SeatLine:
    seat: str
    name: str
    kind: str
    played_by: str  # "human team", "scripted (champion)", "evaluator", "observer"
    player: str = ""
    final_score: float | None = None  # engine score 0-100 at the end; None: no objectives


@attrs.frozen
class Overview:
    title: str
    scenario_id: str
    description: str
    save: str
    created: str
    last_played: str
    seed: int
    turns_played: int
    turns_planned: int
    minutes_per_turn: int
    seats: tuple[SeatLine, ...]
    final_hash: str
    branched_from: str | None = None
    branched_at_turn: int | None = None
    viewer: str | None = None  # the seat whose view this is; None: the white cell's, everything


@attrs.frozen
class Finding:
    """One strength or area for improvement, and where it comes from."""

    team: str  # a seat id; "" in a team's own section, or about the whole exercise
    text: str
    source: str  # "evaluator-1, turn 3" or "engine, turn 5"


@attrs.frozen
class ObjectiveAnalysis:
    """One exercise objective: how it was evaluated and what the evaluation and game showed."""

    id: str
    title: str
    levels: tuple[tuple[int, str], ...]  # (level, what it looks like)
    scores: int  # evaluator scores recorded against it
    mean_level: float | None
    strengths: tuple[Finding, ...]
    improvements: tuple[Finding, ...]
    injects: tuple[tuple[str, int | None], ...]  # (inject title, turn it fired or None) serving it
    norms: tuple[str, ...]  # the norms it is about, whose outcome the game evidence follows


@attrs.frozen
class TeamAnalysis:
    seat: str
    name: str
    objectives: tuple[tuple[str, float, int | None], ...]  # (objective, final progress 0-1, first turn met)
    strengths: tuple[Finding, ...]
    improvements: tuple[Finding, ...]
    decisions: tuple[tuple[str, int], ...]  # (order verb, how many), most first
    pledges: tuple[str, ...]  # norms it holds at the end (rhetoric or deeper), and signed
    practice: tuple[str, ...]  # norms it practises at the end


@attrs.frozen
class Series:
    name: str
    values: tuple[float, ...]  # one per turn 0..N


@attrs.frozen
class ForumOutcomes:
    forum: str  # its name
    adopted: int
    blocked: int
    tabled: int


@attrs.frozen
class ScoreRow:
    seat: str
    name: str
    engine: float
    evaluator: float | None  # the mean rubric level (1-4) over every score of the team
    by_objective: tuple[tuple[str, float | None], ...]  # (objective id, mean level)


@attrs.frozen
class Scorecard:
    rows: tuple[ScoreRow, ...]
    objectives: tuple[str, ...]
    group_engine: float | None
    group_evaluator: float | None
    group_by_objective: tuple[tuple[str, float | None], ...]
    evaluators: tuple[str, ...]  # who scored; none: engine scores only

    @property
    def has_evaluators(self) -> bool:
        return bool(self.evaluators)


@attrs.frozen
class PlanItem:
    number: int
    issue: str
    recommendation: str
    owner: str
    due: str
    objective: str


@attrs.frozen
class Note:
    turn: int
    text: str
    author: str


@attrs.frozen
class Report:
    overview: Overview
    objectives: tuple[ObjectiveAnalysis, ...]
    teams: tuple[TeamAnalysis, ...]
    timeline: tuple[TurningPoint, ...]
    biggest: tuple[int, ...]  # the turns of the three biggest turning points
    adoption: tuple[Series, ...]  # breadth 0-1 of each norm after each turn
    scores: tuple[Series, ...]  # each team's engine score 0-100 after each turn
    forums: tuple[ForumOutcomes, ...]
    scorecard: Scorecard
    plan: tuple[PlanItem, ...]
    notes: tuple[Note, ...]  # the instructor's bookmarks and evaluators' notes on the game
    released: bool  # whether the white cell released the evaluation to the teams
    negotiation: tuple[SeatNegotiation, ...] = ()  # pledge vs practice, deals kept and broken
