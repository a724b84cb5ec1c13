"""The project's DataTable: `replace_rows` fills it in one call.

With Textual's private-API tricks on (the default; `exercise/tui/textual_tricks.py`), it keeps
its rendered cells across focus moves and Resizes, measures one-line rows by counting, and
fills all rows at once; with `EXERCISE_TEXTUAL_TRICKS=0` it is a plain DataTable filled row by
row through the public API.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import DataTable
from textual.widgets.data_table import CellType

from exercise.tui.textual_tricks import TABLE_TRICKS


class Table(*TABLE_TRICKS, DataTable):  # type: ignore[misc]
    def replace_rows(self, rows: Sequence[Sequence[CellType]], keys: Sequence[str] | None = None) -> None:
        """Clear the table and add `rows` (one line each; `keys[i]` the key of `rows[i]`)."""
        self.clear()
        for index, cells in enumerate(rows):
            self.add_row(*cells, key=None if keys is None else keys[index])
