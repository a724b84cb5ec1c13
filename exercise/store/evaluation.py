"""The after-action side of a save: evaluator and observer seats, rubric scores, notes, the
improvement plan, and whether the white cell has released the evaluation to the teams.

`game.evaluation` holds these for an open Game. None of it is part of a turn: nothing here is
hashed or replayed by `verify`; `branch` copies what concerns the turns it keeps
(`copy_evaluation`). Writes are short BEGIN IMMEDIATE transactions like the Game's own.

Privacy is kept here, not in the screens: `scores(viewer)` and `evaluator_notes(viewer)` give
the white cell and evaluators everything, and anyone else (a team, an observer, the projector)
nothing until `release()`; after it a team sees what concerns it (its scores, notes about it
or about the whole game), and other viewers all of it.

Instructor notes are bookmarks on a replay: a replay opens the save read-only, so writing one
opens the file for that one write (`add_instructor_note`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from exercise.core.limits import NOTE_TEXT, ROLE_COUNT, RUBRIC_LEVEL, SHORT_TEXT
from exercise.core.seats import FACILITATOR
from exercise.core.spec import Criterion
from exercise.errors import SaveError
from exercise.scenario.rubric import rubric
from exercise.store import queries as q
from exercise.store.bulk import copy_rows
from exercise.store.evaluation_records import (
    EVALUATOR,
    INSTRUCTOR,
    OBSERVER,
    ROLE_KINDS,
    TEAM,
    EvaluatorNote,
    ImprovementItem,
    InstructorNote,
    Role,
    RubricScore,
    role_name,
)
from exercise.store.improvement import item_of, put_items, rubric_objectives, text_problem
from exercise.store.schema import GAME_ID, ImprovementRow, NoteRow, ReleaseRow, RoleRow, RubricScoreRow

if TYPE_CHECKING:
    from exercise.store.game import Game

_NOTE_KINDS = (EVALUATOR, INSTRUCTOR)


class Evaluation:
    """The evaluation side of one open Game (see the module's docstring)."""

    def __init__(self, game: Game) -> None:
        self._game = game

    # --- the rubric and the seats -------------------------------------------------------
    def rubric(self) -> tuple[Criterion, ...]:
        """The criteria scores are given against: the scenario's rubric, or the derived one."""
        return rubric(self._game.scenario)

    def objectives(self) -> tuple[str, ...]:
        return rubric_objectives(self._game.scenario)

    def roles(self, kind: str | None = None) -> list[Role]:
        """The evaluator and observer seats (or one kind), sorted by kind and number."""
        with self._game._read() as s:
            rows = s.scalars(select(RoleRow).where(RoleRow.game_id == GAME_ID, RoleRow.kind.in_(ROLE_KINDS)))
            roles = [Role(r.role, r.kind, r.player) for r in rows if kind is None or r.kind == kind]
        return sorted(roles, key=lambda r: (r.kind, int(r.seat.rpartition("-")[2])))

    def role(self, seat: str) -> Role | None:
        return next((r for r in self.roles() if r.seat == seat), None)

    def add_roles(self, *, evaluators: int = 0, observers: int = 0) -> list[str]:
        """New evaluator and observer seats, numbered on from any the save has; their names."""
        for key, count in (("--evaluators", evaluators), ("--observers", observers)):
            problem = ROLE_COUNT.problem(count)
            if problem:
                raise SaveError(f"{key}: {problem}")
        made = []
        with self._game._write() as s:
            have = {r.role for r in s.scalars(select(RoleRow).where(RoleRow.game_id == GAME_ID))}
            for kind, count in ((EVALUATOR, evaluators), (OBSERVER, observers)):
                number = 0
                for _ in range(count):
                    number += 1
                    while role_name(kind, number) in have:
                        number += 1
                    seat = role_name(kind, number)
                    have.add(seat)
                    s.add(RoleRow(game_id=GAME_ID, role=seat, kind=kind, player=""))
                    made.append(seat)
            if made:
                self._game._audit(s, "seats", f"new seats: {', '.join(made)}", (FACILITATOR,))
        return made

    def players(self) -> dict[str, str]:
        """seat (team, evaluator or observer) -> the name of who plays it, where one was given."""
        with self._game._read() as s:
            rows = s.execute(select(RoleRow.role, RoleRow.player).where(RoleRow.game_id == GAME_ID))
            return {seat: player for seat, player in sorted(rows.all()) if player}

    def set_player(self, seat: str, player: str) -> None:
        """Record who plays `seat` (a team, evaluator or observer seat)."""
        problem = text_problem(SHORT_TEXT, player, "player")
        if problem:
            raise SaveError(f"{self._game.path}: {problem}")
        with self._game._write() as s:
            row = s.get(RoleRow, (GAME_ID, seat))
            if row is None:
                if seat not in q.controllers(s):
                    raise SaveError(f"{self._game.path}: there is no seat {seat!r}")
                s.add(RoleRow(game_id=GAME_ID, role=seat, kind=TEAM, player=player))
            else:
                row.player = player

    # --- release ------------------------------------------------------------------------
    def released(self) -> bool:
        """Whether the white cell has released scores and notes to the teams."""
        with self._game._read() as s:
            return _released(s)

    def release(self, released: bool = True) -> None:
        """Release the evaluation to the teams (or withdraw it); the audit trail records it."""
        with self._game._write() as s:
            row = s.get(ReleaseRow, GAME_ID)
            if row is None:
                row = ReleaseRow(game_id=GAME_ID, released=False, released_at="")
                s.add(row)
            if row.released == released:
                return
            row.released, row.released_at = released, q.now() if released else ""
            self._game._audit(
                s, "evaluation", "released to the teams" if released else "withdrawn from the teams", (FACILITATOR,)
            )

    # --- scores -------------------------------------------------------------------------
    def score(self, evaluator: str, turn: int, team: str, objective: str, level: int, note: str = "") -> RubricScore:
        """Record (or replace) `evaluator`'s level for `team`'s play of `turn` against
        `objective`. SaveError naming the key for a level out of range, an unknown
        evaluator, team or objective, or a turn not played or in play."""
        game = self._game
        problems = [f"level: {p}" for p in [RUBRIC_LEVEL.problem(level)] if p]
        problems += [p for p in [text_problem(NOTE_TEXT, note, "note")] if p]
        if objective not in self.objectives():
            problems.append(
                f"objective: {objective!r} is not in the rubric (objectives: {', '.join(self.objectives())})"
            )
        if team not in game.scenario.by_id.delegations:
            problems.append(f"team: there is no team {team!r}")
        if problems:
            raise SaveError(f"{game.path}: {problems[0]}")
        with game._write() as s:
            self._check_evaluator(s, evaluator)
            _check_turn(game, s, turn, low=1, in_play=True, verb="score")
            row = s.get(RubricScoreRow, (GAME_ID, evaluator, turn, team, objective))
            if row is None:
                s.add(
                    RubricScoreRow(
                        game_id=GAME_ID,
                        evaluator=evaluator,
                        turn=turn,
                        team=team,
                        objective=objective,
                        level=level,
                        note=note,
                        scored_at=q.now(),
                    )
                )
            else:
                row.level, row.note, row.scored_at = level, note, q.now()
        return RubricScore(evaluator, turn, team, objective, level, note)

    def clear_score(self, evaluator: str, turn: int, team: str, objective: str) -> None:
        with self._game._write() as s:
            s.execute(
                delete(RubricScoreRow).where(
                    RubricScoreRow.game_id == GAME_ID,
                    RubricScoreRow.evaluator == evaluator,
                    RubricScoreRow.turn == turn,
                    RubricScoreRow.team == team,
                    RubricScoreRow.objective == objective,
                )
            )

    def scores(
        self,
        viewer: str = FACILITATOR,
        *,
        turn: int | None = None,
        team: str | None = None,
        evaluator: str | None = None,
    ) -> list[RubricScore]:
        """The scores `viewer` may see (see the module's docstring), sorted by turn, team,
        objective and evaluator; optionally only one turn's, team's or evaluator's."""
        table = RubricScoreRow.__table__.c
        query = select(table.evaluator, table.turn, table.team, table.objective, table.level, table.note).where(
            table.game_id == GAME_ID
        )
        for column, value in ((table.turn, turn), (table.team, team), (table.evaluator, evaluator)):
            if value is not None:
                query = query.where(column == value)
        with self._game._read() as s:
            allowed = self._allowed_teams(s, viewer)
            if allowed is not None and not allowed:
                return []
            rows = s.execute(query.order_by(table.turn, table.team, table.objective, table.evaluator)).all()
        return [RubricScore(*row) for row in rows if allowed is None or row.team in allowed]

    # --- notes --------------------------------------------------------------------------
    def add_evaluator_note(self, evaluator: str, turn: int, text: str, team: str = "") -> EvaluatorNote:
        game = self._game
        problem = text_problem(NOTE_TEXT, text, "note")
        if problem is None and not text.strip():
            problem = "note: must not be empty"
        if problem is None and team and team not in game.scenario.by_id.delegations:
            problem = f"team: there is no team {team!r}"
        if problem:
            raise SaveError(f"{game.path}: {problem}")
        with game._write() as s:
            self._check_evaluator(s, evaluator)
            _check_turn(game, s, turn, low=1, in_play=True)
            return _evaluator_note(_add_note(s, EVALUATOR, turn, team, text, evaluator))

    def evaluator_notes(self, viewer: str = FACILITATOR, *, turn: int | None = None) -> list[EvaluatorNote]:
        """The evaluators' notes `viewer` may see, by turn and number."""
        with self._game._read() as s:
            allowed = self._allowed_teams(s, viewer)
            if allowed is not None and not allowed:
                return []
            notes = [_evaluator_note(r) for r in _notes(s, EVALUATOR, turn)]
        return [n for n in notes if allowed is None or n.team in allowed or not n.team]

    def add_instructor_note(self, turn: int, text: str, author: str = INSTRUCTOR) -> InstructorNote:
        """Bookmark `turn` (0: the start) with a note. Works on a Game opened read-only (a
        replay) by opening the file for this one write."""
        game = self._game
        problem = text_problem(NOTE_TEXT, text, "note") or text_problem(SHORT_TEXT, author, "author")
        if problem is None and not text.strip():
            problem = "note: must not be empty"
        if problem:
            raise SaveError(f"{game.path}: {problem}")
        with self._writable() as g, g._write() as s:
            _check_turn(g, s, turn, low=0, in_play=False)
            return _instructor_note(_add_note(s, INSTRUCTOR, turn, "", text, author))

    def instructor_notes(self, turn: int | None = None) -> list[InstructorNote]:
        """The replay bookmarks, by turn and number (what `debrief` and the report show)."""
        with self._game._read() as s:
            return [_instructor_note(r) for r in _notes(s, INSTRUCTOR, turn)]

    def remove_instructor_note(self, number: int) -> None:
        with self._writable() as g, g._write() as s:
            gone = (
                s.connection()
                .execute(
                    delete(NoteRow).where(
                        NoteRow.game_id == GAME_ID, NoteRow.number == number, NoteRow.kind == INSTRUCTOR
                    )
                )
                .rowcount
            )
            if not gone:
                raise SaveError(f"{g.path}: there is no instructor's note {number}")

    # --- the improvement plan -----------------------------------------------------------
    def plan(self) -> list[ImprovementItem]:
        with self._game._read() as s:
            rows = s.scalars(
                select(ImprovementRow).where(ImprovementRow.game_id == GAME_ID).order_by(ImprovementRow.number)
            )
            return [item_of(r) for r in rows]

    def add_item(
        self, issue: str, recommendation: str, owner: str = "", due: str = "", objective: str = ""
    ) -> ImprovementItem:
        """A new plan line, numbered after the last."""
        with self._writable() as g, g._write() as s:
            number = (
                s.scalar(select(func.max(ImprovementRow.number)).where(ImprovementRow.game_id == GAME_ID)) or 0
            ) + 1
            item = ImprovementItem(number, issue, recommendation, owner, due, objective)
            put_items(g, s, [item])
            return item

    def update_item(self, item: ImprovementItem) -> None:
        with self._writable() as g, g._write() as s:
            if s.get(ImprovementRow, (GAME_ID, item.number)) is None:
                raise SaveError(f"{g.path}: the improvement plan has no line {item.number}")
            put_items(g, s, [item])

    def remove_item(self, number: int) -> None:
        with self._writable() as g, g._write() as s:
            if (
                not s.connection()
                .execute(
                    delete(ImprovementRow).where(ImprovementRow.game_id == GAME_ID, ImprovementRow.number == number)
                )
                .rowcount
            ):
                raise SaveError(f"{g.path}: the improvement plan has no line {number}")

    def replace_plan(self, items: Iterable[ImprovementItem]) -> None:
        """The whole plan at once (a CSV import): every line checked first, nothing written on
        a problem (SaveError listing the first)."""
        items = list(items)
        with self._writable() as g, g._write() as s:
            s.execute(delete(ImprovementRow).where(ImprovementRow.game_id == GAME_ID))
            put_items(g, s, items)

    # --- helpers ------------------------------------------------------------------------
    def _check_evaluator(self, s: Session, evaluator: str) -> None:
        if evaluator == FACILITATOR:
            return
        row = s.get(RoleRow, (GAME_ID, evaluator))
        if row is None or row.kind != EVALUATOR:
            have = [
                r
                for (r,) in s.execute(select(RoleRow.role).where(RoleRow.game_id == GAME_ID, RoleRow.kind == EVALUATOR))
            ]
            raise SaveError(
                f"{self._game.path}: evaluator: there is no evaluator seat {evaluator!r} "
                f"(evaluators: {', '.join(sorted(have)) or 'none; add them with exercise new --evaluators N'})"
            )

    def _allowed_teams(self, s: Session, viewer: str) -> set[str] | None:
        """None: everything; else the teams whose evaluation `viewer` may see (empty: none)."""
        if viewer == FACILITATOR:
            return None
        row = s.get(RoleRow, (GAME_ID, viewer))
        if row is not None and row.kind == EVALUATOR:
            return None
        if not _released(s):
            return set()
        if viewer in self._game.scenario.by_id.delegations:
            return {viewer}
        return set(self._game.scenario.by_id.delegations)

    @contextmanager
    def _writable(self) -> Iterator[Game]:
        """This Game, or (opened read-only, a replay) the same file opened for writing."""
        if not self._game.read_only:
            yield self._game
            return
        from exercise.store.game import Game

        with Game.open(self._game.path) as game:
            yield game


def _released(s: Session) -> bool:
    row = s.get(ReleaseRow, GAME_ID)
    return bool(row is not None and row.released)


def _check_turn(game: Game, s: Session, turn: int, *, low: int, in_play: bool, verb: str = "note") -> None:
    latest = q.latest_turn(s)
    high = min(latest + 1, game.scenario.turns) if in_play else latest
    if isinstance(turn, bool) or not isinstance(turn, int) or not low <= turn <= high:
        shown = f"no turn can be {verb}d yet" if high < low else f"turns {low} to {high}"
        raise SaveError(f"{game.path}: turn: there is no turn {turn!r} to {verb} ({shown})")


def _add_note(s: Session, kind: str, turn: int, team: str, text: str, author: str) -> NoteRow:
    number = (s.scalar(select(func.max(NoteRow.number)).where(NoteRow.game_id == GAME_ID)) or 0) + 1
    row = NoteRow(
        game_id=GAME_ID, number=number, kind=kind, turn=turn, team=team, text=text, author=author, created=q.now()
    )
    s.add(row)
    s.flush()
    return row


def _notes(s: Session, kind: str, turn: int | None) -> list[NoteRow]:
    query = select(NoteRow).where(NoteRow.game_id == GAME_ID, NoteRow.kind == kind)
    if turn is not None:
        query = query.where(NoteRow.turn == turn)
    return list(s.scalars(query.order_by(NoteRow.turn, NoteRow.number)))


def _instructor_note(row: NoteRow) -> InstructorNote:
    return InstructorNote(row.number, row.turn, row.text, row.author, row.created)


def _evaluator_note(row: NoteRow) -> EvaluatorNote:
    return EvaluatorNote(row.number, row.turn, row.team, row.text, row.author, row.created)


def copy_evaluation(src: Session, dst: Session, from_turn: int) -> None:
    """What a branch at `from_turn` keeps: the seats, the scores and notes of turns up to it,
    the improvement plan, and whether the evaluation was released."""
    for row_class, where in (
        (RoleRow, ()),
        (RubricScoreRow, (RubricScoreRow.turn <= from_turn,)),
        (NoteRow, (NoteRow.turn <= from_turn,)),
        (ImprovementRow, ()),
        (ReleaseRow, ()),
    ):
        copy_rows(src, dst, row_class, *where)
