"""The words for rubric levels, scores and notes, said once for every screen that shows them
(the evaluator's rubric pane, the evaluation dialog teams see once it is released)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from exercise.core.spec import Criterion
from exercise.scenario.rubric import LEVEL_NAMES
from exercise.store.evaluation_records import EvaluatorNote, RubricScore

LEVEL_STYLES = ("bold red", "bold yellow", "bold cyan", "bold green")


def level_text(level: int | None) -> Text:
    """ "3 Performed with some challenges", coloured; "-" when not scored."""
    if level is None:
        return Text("-", style="dim")
    return Text(f"{level} {LEVEL_NAMES[level - 1]}", style=LEVEL_STYLES[level - 1])


def level_choices(criterion: Criterion) -> list[tuple[str, str]]:
    """The levels of a criterion as a picker shows them: what each one looks like."""
    return [(str(lv.level), f"{lv.level}  {lv.looks_like}") for lv in sorted(criterion.levels, key=lambda lv: lv.level)]


def scores_table(scores: list[RubricScore], rubric: tuple[Criterion, ...]) -> Table:
    titles = {c.objective: c.title for c in rubric}
    table = Table(title="Rubric scores", title_justify="left", expand=True)
    for column in ("turn", "team", "objective", "level", "evaluator", "note"):
        table.add_column(column)
    for s in scores:
        table.add_row(
            str(s.turn), s.team, titles.get(s.objective, s.objective), level_text(s.level), s.evaluator, s.note
        )
    return table


def note_lines(notes: list[EvaluatorNote]) -> Text:
    text = Text()
    for n in notes:
        about = f" about {n.team}" if n.team else ""
        text.append(f"turn {n.turn}, {n.author}{about}: ", style="bold")
        text.append(n.text + "\n")
    return text


def criterion_text(criterion: Criterion, given: RubricScore | None) -> Text:
    """One criterion in full: its title, what each level looks like (the one given marked)."""
    text = Text(criterion.title + "\n", style="bold")
    for lv in sorted(criterion.levels, key=lambda lv: lv.level):
        mark = "▶ " if given is not None and given.level == lv.level else "  "
        text.append(f"{mark}{lv.level} ", style=LEVEL_STYLES[lv.level - 1])
        text.append(lv.looks_like + "\n")
    if given is not None and given.note:
        text.append("note: ", style="bold")
        text.append(given.note)
    return text
