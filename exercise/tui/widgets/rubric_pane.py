"""An evaluator's rubric for one team and one turn: each objective, the level given, the note.
Enter on a row picks the level (the screen asks); the pane only shows."""

from __future__ import annotations

from rich.text import Text

from exercise.core.spec import Criterion
from exercise.store.evaluation_records import RubricScore
from exercise.tui.evaluation_text import level_text
from exercise.tui.widgets.table import Table

TITLE_WIDTH = 60  # the whole title and every level's wording show below the table
NOTE_WIDTH = 30


def _cut(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class RubricPane(Table):
    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.add_columns("level", "objective", "note")

    def show(self, rubric: tuple[Criterion, ...], given: dict[str, RubricScore]) -> None:
        """`given`: this evaluator's scores of the team and turn shown, by objective."""
        row = self.cursor_row
        rows, keys = [], []
        for criterion in rubric:
            score = given.get(criterion.objective)
            rows.append(
                (
                    level_text(score.level if score else None),
                    Text(_cut(criterion.title), style="bold"),
                    _cut(score.note, NOTE_WIDTH) if score else "",
                )
            )
            keys.append(criterion.objective)
        self.replace_rows(rows, keys)
        if rows:
            self.move_cursor(row=min(row, len(rows) - 1))

    def current(self) -> str | None:
        """The objective of the row under the cursor."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
