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

To size its columns, DataTable measures every cell of every new row through Rich (0.3 s for
the 3000 events of the timeline). A row of one-line texts (a `Text`, or a string that holds
no markup or emoji code) is as wide as its characters, so those rows are measured here by
counting; any other row goes to DataTable's own measure. Its scrollbars keep their drawing
across focus moves too (`widgets/scrollbar.py`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

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


class Table(KeepsScrollBars, DataTable):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._style_seen: dict[object, tuple] = {}  # focus/hover state: the styles drawn with
        self._restyled = True

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
        return super().render_lines(crop)
