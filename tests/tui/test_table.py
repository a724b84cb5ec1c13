"""`widgets/table.py`'s Table fills and measures its rows its own way (at once, by counting
characters): it must end up exactly where Textual's DataTable does with `add_row`."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import DataTable

from exercise.tui.textual_tricks import plain_width
from exercise.tui.widgets.table import Table

from .helpers import sync

ROWS = [
    ("1", Text("inject", style="bold magenta"), Text("INJECT (white cell): [Update] Blackout in Deltora")),
    ("2", "adopted", "atlantia adopts norm-001 (forum:apex)"),  # a colon: DataTable reads it as markup
    ("3", "[bold]markup[/bold]", "émigré 日本語 — wide characters"),
    ("4", None, Text("")),
    ("12", 0.5, Text("two\nlines")),  # not one line: measured by DataTable itself
    ("5", Text("depth", style="cyan"), "a:smile: code"),
]


class Both(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[str] = []

    def compose(self) -> ComposeResult:
        yield DataTable(id="textual", cursor_type="row", zebra_stripes=True)
        yield Table(id="ours", cursor_type="row", zebra_stripes=True)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.highlighted.append(f"{event.data_table.id}:{event.row_key.value}")


def test_plain_width_counts_only_one_line_texts():
    assert plain_width(Text("日本")) == 4
    assert plain_width("norm-001") == 8
    assert plain_width("") == 0 and plain_width(None) == 0
    assert plain_width("a:b") is None and plain_width("[b]x") is None  # markup or emoji: Rich decides
    assert plain_width(Text("a\nb")) is None and plain_width(1.5) is None


@sync
async def test_table_fills_and_measures_like_datatable():
    app = Both()
    async with app.run_test(size=(100, 30)) as pilot:
        textual, ours = app.query_one("#textual", DataTable), app.query_one("#ours", Table)
        for table in (textual, ours):
            table.add_columns("turn", "kind", "what happened")
        for index, row in enumerate(ROWS):
            textual.add_row(*row, key=f"r{index}")
        ours.replace_rows(ROWS, keys=[f"r{index}" for index in range(len(ROWS))])
        await pilot.pause()
        await pilot.pause()
        assert ours.row_count == textual.row_count == len(ROWS)
        assert [ours.get_row_at(i) for i in range(len(ROWS))] == [textual.get_row_at(i) for i in range(len(ROWS))]
        assert [k.value for k in ours.rows] == [k.value for k in textual.rows]
        assert [c.get_render_width(ours) for c in ours.ordered_columns] == [
            c.get_render_width(textual) for c in textual.ordered_columns
        ]
        assert ours.virtual_size == textual.virtual_size
        assert ours.cursor_coordinate == textual.cursor_coordinate
        assert sorted(app.highlighted) == ["ours:r0", "textual:r0"]
        crop = Region(0, 0, textual.size.width, textual.size.height)
        assert [s.text for s in ours.render_lines(crop)] == [s.text for s in textual.render_lines(crop)]
        # filled again, the old rows go
        ours.replace_rows(ROWS[:2], keys=["a", "b"])
        await pilot.pause()
        assert ours.row_count == 2 and ours.get_row("b") == list(ROWS[1])
