"""Gradebooks: one row per save and human seat, for a spreadsheet or an LMS import
(`exercise saves DIR --scores --csv`, or `--json`).

A row holds the student (the seat's player name if one was recorded, else the seat), the
scenario and seed, the engine's score per objective of the seat (0-100, progress at the last
turn; keyed like the derived rubric: "adopt-<norm>"), the engine's score (0-100, weighted as
the objectives are), the evaluators' rubric scores per rubric objective (the mean level, 1-4,
over every evaluator and turn) and the final score:

    final = engine score                                  with no rubric score
          = (engine score + rubric percent) / 2           with any, rubric percent = mean level / 4 * 100

so a team that met its objectives but was rated poorly (or the reverse) lands between the two.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from statistics import fmean
from typing import TextIO

import attrs

from exercise.cells import guarded
from exercise.engine.metrics import delegation_score, objective_progress
from exercise.errors import SaveError
from exercise.scenario.rubric import objective_key
from exercise.store.game import Game
from exercise.store.listing import save_addresses
from exercise.store.records import HUMAN

RUBRIC_TOP = 4  # the level a rubric percent is taken of (core.limits.RUBRIC_LEVEL's top)


@attrs.frozen
class GradeRow:
    save: str
    seat: str
    student: str
    scenario: str
    seed: int
    turn: int
    turns: int
    engine: dict[str, float]  # objective key -> 0..100
    engine_score: float
    rubric: dict[str, float]  # rubric objective -> mean level 1..4
    rubric_scores: int  # how many scores the means are of
    final_score: float

    def as_dict(self) -> dict:
        return attrs.asdict(self)


def save_rows(game: Game) -> list[GradeRow]:
    """The gradebook rows of one open save: its human seats, by seat."""
    state = game.state()
    players = game.evaluation.players()
    scores = game.evaluation.scores()
    rows = []
    for seat, controller in game.controllers().items():
        if controller != HUMAN:
            continue
        engine = {
            objective_key(o): round(100.0 * objective_progress(state, seat, o), 2)
            for o in game.scenario.delegation(seat).objectives
        }
        mine = [s for s in scores if s.team == seat]
        rubric = {
            objective: round(fmean(s.level for s in mine if s.objective == objective), 2)
            for objective in sorted({s.objective for s in mine})
        }
        engine_score = delegation_score(state, seat)
        final = engine_score
        if mine:
            final = round((engine_score + fmean(s.level for s in mine) / RUBRIC_TOP * 100.0) / 2, 2)
        rows.append(
            GradeRow(
                save=game.path.name,
                seat=seat,
                student=players.get(seat, seat),
                scenario=game.scenario.id,
                seed=game.seed,
                turn=state.turn,
                turns=game.scenario.turns,
                engine=engine,
                engine_score=engine_score,
                rubric=rubric,
                rubric_scores=len(mine),
                final_score=final,
            )
        )
    return sorted(rows, key=lambda r: r.seat)


def gradebook(directory: Path, problems: list[str] | None = None) -> list[GradeRow]:
    """Every save's rows in `directory`, by file name then seat; files that are not saves are
    skipped with one line each in `problems`."""
    rows = []
    for path in save_addresses(directory):
        try:
            with Game.open(path, read_only=True) as game:
                rows.extend(save_rows(game))
        except SaveError as e:
            if problems is not None:
                problems.append(str(e))
    return rows


def write_csv(rows: Iterable[GradeRow], out: TextIO) -> None:
    """One header row, then a row per seat; an objective a save does not have is left empty."""
    rows = list(rows)
    engine = sorted({key for r in rows for key in r.engine})
    rubric = sorted({key for r in rows for key in r.rubric})
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "save",
            "student",
            "seat",
            "scenario",
            "seed",
            "turn",
            "turns",
            *(f"engine:{k}" for k in engine),
            "engine_score",
            *(f"rubric:{k}" for k in rubric),
            "rubric_scores",
            "final_score",
        ]
    )
    for r in rows:
        writer.writerow(
            [
                r.save,
                guarded(r.student),
                r.seat,
                r.scenario,
                r.seed,
                r.turn,
                r.turns,
                *(_cell(r.engine.get(k)) for k in engine),
                _cell(r.engine_score),
                *(_cell(r.rubric.get(k)) for k in rubric),
                r.rubric_scores,
                _cell(r.final_score),
            ]
        )


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
