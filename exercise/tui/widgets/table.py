"""A DataTable that keeps its rendered cells, and measures plain rows cheaply.

Textual's DataTable throws away every rendered cell whenever its styles are recomputed, and
they are recomputed each time it gains or loses focus: every switch to a tab with a table
re-rendered all its visible cells (a third of a tab switch on the 200-delegation game). Its
caches are already keyed by the focus/hover state, so a render made while focused stays right
for the next time it is focused. This table clears them only when the styles a state is drawn
with really changed (a theme change, a class change), not on every focus move.

DataTable also dropped every rendered cell on each Resize: the first one arrives after the
first frame, so each table drew its cells twice, the second time on the first switch back to
its tab, and it gets one each time its tab is shown again. A cell depends on its column's
width, never on the table's size (lines are cached by width and scroll position), so a Resize
keeps them here.

To size its columns, DataTable measures every cell of every new row through Rich (slow for
the thousands of events of the timeline: docs/performance.md). A row of one-line texts (a `Text`, or a string that holds
no markup or emoji code) is as wide as its characters, so those rows are measured here by
counting; any other row goes to DataTable's own measure. And `replace_rows` fills the table
at once: `add_row` re-checks the cursor and wakes the table after every row. Its scrollbars keep their drawing across focus moves too (`widgets/scrollbar.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets._data_table import DuplicateKey, Row
from textual.widgets.data_table import CellType, RowKey

from exercise.tui.widgets.kept_lines import KeepsLines
from exercise.tui.widgets.scrollbar import KeepsScrollBars


def plain_width(cell: object) -> int | None:
    """The width DataTable's measure gives a one-line cell, or None to let it measure."""
    if isinstance(cell, Text):
        text = cell.plain
    elif isinstance(cell, str) and "[" not in cell and ":" not in cell:  # markup, emoji codes
        text = cell
    elif cell is None:
        return 0
    else:
        return None
    lines = text.splitlines()
    if len(lines) > 1:
        return None
    return cell_len(lines[0]) if lines else 0


class Table(KeepsScrollBars, KeepsLines, DataTable):
    _frame_style: Style | None = None  # rich_style, while a frame is drawn
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._style_seen: dict[object, tuple] = {}  # focus/hover state: the styles drawn with
        self._restyled = True

    @property
    def rich_style(self) -> Style:
        """DataTable asks for it once per line drawn, and Textual computes it afresh each time,
        walking every ancestor: during a frame it is computed once (see `render_lines`)."""
        return self._frame_style if self._frame_style is not None else super().rich_style

    def replace_rows(self, rows: Sequence[Sequence[CellType]], keys: Sequence[str] | None = None) -> None:
        """Clear the table and add `rows` (one line each; `keys[i]` the key of `rows[i]`), as
        `clear` and an `add_row` per row would, with the per-table part of `add_row` (the
        cursor, the highlight, waking the table) done once instead of once per row."""
        self.clear()
        columns = self.ordered_columns
        locations, data, metadata, new = self._row_locations, self._data, self.rows, self._new_rows
        for index, cells in enumerate(rows):
            row_key = RowKey(None if keys is None else keys[index])
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            locations[row_key] = index
            data[row_key] = {column.key: cell for column, cell in zip_longest(columns, cells)}
            metadata[row_key] = Row(row_key, 1)
            new.add(row_key)
        if not rows:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # as add_row does when the first row arrives
        self._update_count += 1
        self.check_idle()

    def _on_resize(self, event: events.Resize) -> None:
        event.prevent_default()  # keep the rendered cells (see above)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        columns = self.ordered_columns
        measured = []
        for row_key in new_rows:
            row = self.rows.get(row_key)
            if row is None:  # removed before the table was idle
                continue
            widths = None
            if row.height == 1 and row.label is None:
                widths = [plain_width(cell) for cell in self.get_row(row_key)]
            if widths is None or None in widths:
                measured.append(row_key)
                continue
            for column, width in zip(columns, widths):
                if width > column.content_width:
                    column.content_width = width
        super()._update_dimensions(measured)  # the other rows, and the scrollable size

    def _style_signature(self) -> tuple:
        return (self.rich_style, *(self.get_component_rich_style(name, partial=True)
                                   for name in sorted(self.COMPONENT_CLASSES)))

    def notify_style_update(self) -> None:
        if not self.is_mounted:
            super().notify_style_update()
            return
        Widget.notify_style_update(self)  # the widget's own style caches, always
        self._restyled = True  # the next render checks whether the cells are still right
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Cells drawn in one state (focused or not) are right until that state's styles
        change: compared here, at the first render after a restyle, for the state drawn."""
        if self._restyled:
            self._restyled = False
            state = self.get_pseudo_class_state()
            signature = self._style_signature()
            if self._style_seen.get(state, signature) != signature:
                self._style_seen.clear()
                self._clear_caches()  # everything drawn may use the old styles
            self._style_seen[state] = signature
        self._pseudo_class_state = self.get_pseudo_class_state()  # as DataTable does, before KeepsLines reads lines
        self._frame_style = None
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None
