"""The norm board (the marketplace): every norm's qualities, breadth, depth and status;
sortable (click a header, or `o` / `r`) and filterable, with a detail panel."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.timer import Timer
from textual.widgets import DataTable, Input

from exercise.engine.views import View
from exercise.tui.presenters.norm_board import NORM_SORT_KEYS, NormRow, norm_rows, sort_rows
from exercise.tui.widgets.norm_detail import NormDetail
from exercise.tui.widgets.table import Table

COLUMNS = ("norm", "clarity", "utility", "do-ability", "framework", "conflicts", "breadth", "depth", "status")
STATUS_STYLE = {"adopted": "bold green", "spreading": "yellow", "draft": "dim"}


class NormBoard(Vertical):
    DETAIL_DELAY = 0.15  # seconds the cursor must rest before the detail panel is redrawn
    BINDINGS = [
        Binding("o", "next_sort", "Sort by"),
        Binding("r", "reverse_sort", "Reverse"),
        Binding("slash", "focus_filter", "Filter", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._view: View | None = None
        self._rows: list[NormRow] = []
        self.sort_key = "breadth"
        self.reverse = True
        self._pending_detail: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter norms: words in the id, text, framework or status (/)", id="norm-filter")
        with Horizontal(id="norm-split"):
            table = Table(id="norm-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield NormDetail(id="norm-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)

    def show(self, view: View) -> None:
        self._view = view
        self._rows = norm_rows(view)
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(Table)
        current = None
        if table.row_count and table.cursor_row is not None and table.cursor_row < table.row_count:
            current = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        text = self.query_one("#norm-filter", Input).value
        rows = sort_rows([r for r in self._rows if r.matches(text)], self.sort_key, self.reverse)
        table.replace_rows(
            [
                (
                    Text(r.id, style="bold"),
                    f"{r.clarity:.2f}",
                    f"{r.utility:.2f}",
                    f"{r.doability:.2f}",
                    r.framework,
                    r.conflicts,
                    f"{r.breadth:.2f}",
                    f"{r.depth:.1f}" if r.holders else "-",
                    Text(r.status, style=STATUS_STYLE.get(r.status, "")),
                )
                for r in rows
            ],
            keys=[r.id for r in rows],
        )
        for name in COLUMNS:
            label = (
                name + (" ▼" if self.reverse else " ▲")
                if NORM_SORT_KEYS.get(name) == NORM_SORT_KEYS[self.sort_key]
                else name
            )
            table.columns[name].label = Text(label)  # type: ignore[index]
        table.refresh()
        ids = [r.id for r in rows]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        self._detail(ids[table.cursor_row] if ids and table.cursor_row < len(ids) else None)

    def _detail(self, norm_id: str | None) -> None:
        if self._view is not None:
            self.query_one(NormDetail).show(self._view, norm_id)

    @on(Input.Changed, "#norm-filter")
    def _filter(self) -> None:
        self._fill()

    @on(DataTable.RowHighlighted, "#norm-table")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        """Redraw the detail (a plot) once the cursor rests, so scrolling the board stays quick."""
        event.stop()
        if event.row_key is None:
            return
        norm_id = event.row_key.value
        if self._pending_detail is not None:
            self._pending_detail.stop()
        self._pending_detail = self.set_timer(self.DETAIL_DELAY, lambda: self._detail(norm_id))

    @on(DataTable.HeaderSelected, "#norm-table")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = str(event.column_key.value)
        if key not in NORM_SORT_KEYS:
            return
        if key == self.sort_key:
            self.reverse = not self.reverse
        else:
            self.sort_key, self.reverse = key, key not in ("norm", "framework", "status")
        self._fill()

    def action_next_sort(self) -> None:
        keys = list(NORM_SORT_KEYS)
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.reverse = self.sort_key not in ("norm", "framework", "status")
        self._fill()
        self.app.notify(f"sorted by {self.sort_key}", timeout=1.5)

    def action_reverse_sort(self) -> None:
        self.reverse = not self.reverse
        self._fill()

    def action_focus_filter(self) -> None:
        self.query_one("#norm-filter", Input).focus()
