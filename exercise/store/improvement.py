"""The improvement plan's lines: their checks, and writing them (store/evaluation.py's plan
methods, the CSV import). One line per problem, naming the line (or row) and the column."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from exercise.core.limits import PLAN_TEXT, SHORT_TEXT, Text
from exercise.errors import SaveError
from exercise.scenario.rubric import rubric
from exercise.store.evaluation_records import ImprovementItem
from exercise.store.schema import GAME_ID, ImprovementRow

if TYPE_CHECKING:
    from exercise.store.game import Game


def rubric_objectives(scenario) -> tuple[str, ...]:
    return tuple(c.objective for c in rubric(scenario))


def text_problem(rule: Text, value: object, key: str) -> str | None:
    if not isinstance(value, str):
        return f"{key}: must be text, not {value!r}"
    problem = rule.problem(value)
    return f"{key}: {problem}" if problem else None


def item_problems(item: ImprovementItem, where: str, objectives: Iterable[str]) -> list[str]:
    """Problem lines (`WHERE COLUMN: what is wrong`) of an improvement plan line; `objectives`:
    the rubric's, which a line's objective must be one of (or empty)."""
    problems = [
        text_problem(PLAN_TEXT, item.issue, f"{where}issue"),
        text_problem(PLAN_TEXT, item.recommendation, f"{where}recommendation"),
    ]
    problems += [text_problem(SHORT_TEXT, getattr(item, key), f"{where}{key}") for key in ("owner", "due", "objective")]
    if isinstance(item.issue, str) and not item.issue.strip():
        problems.append(f"{where}issue: must not be empty (what went wrong, or what to improve)")
    if isinstance(item.due, str) and item.due and not _is_date(item.due):
        problems.append(f"{where}due: write a date as YYYY-MM-DD, not {item.due!r}")
    objectives = list(objectives)
    if isinstance(item.objective, str) and item.objective and item.objective not in objectives:
        problems.append(
            f"{where}objective: {item.objective!r} is not in the rubric (objectives: {', '.join(objectives) or 'none'})"
        )
    if isinstance(item.number, bool) or not isinstance(item.number, int) or item.number < 1:
        problems.append(f"{where}number: must be a whole number from 1, not {item.number!r}")
    return [p for p in problems if p]


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def item_of(row: ImprovementRow) -> ImprovementItem:
    return ImprovementItem(row.number, row.issue, row.recommendation, row.owner, row.due, row.objective)


def put_items(game: Game, s: Session, items: list[ImprovementItem]) -> None:
    objectives = rubric_objectives(game.scenario)
    problems = [p for item in items for p in item_problems(item, f"line {item.number}: ", objectives)]
    numbers = [item.number for item in items]
    problems += [f"line {n}: number: used twice" for i, n in enumerate(numbers) if n in numbers[:i]]
    if problems:
        raise SaveError("\n".join(f"{game.path}: improvement plan {p}" for p in problems))
    for item in items:
        row = s.get(ImprovementRow, (GAME_ID, item.number))
        if row is None:
            s.add(
                ImprovementRow(
                    game_id=GAME_ID,
                    number=item.number,
                    issue=item.issue,
                    recommendation=item.recommendation,
                    owner=item.owner,
                    due=item.due,
                    objective=item.objective,
                )
            )
        else:
            row.issue, row.recommendation, row.owner = item.issue, item.recommendation, item.owner
            row.due, row.objective = item.due, item.objective
