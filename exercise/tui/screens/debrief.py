"""`d` in the white cell: the debrief so far (turning points, who gained and lost), for a
pause in the session or the discussion at its end."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from exercise.engine.debrief import Debrief
from exercise.tui.screens.final import turning_points


def arcs_table(debrief: Debrief) -> Table:
    table = Table(title="Who gained and lost (score against objectives, 0-100)", title_justify="left", expand=True)
    for column in ("delegation", "start", "now", "best turn", "worst turn"):
        table.add_column(column, justify="right" if column in ("start", "now") else "left")
    for arc in debrief.arcs:
        best = f"{arc.best[0]} ({arc.best[1]:+.0f}): {arc.best_why}" if arc.best else "-"
        worst = f"{arc.worst[0]} ({arc.worst[1]:+.0f}): {arc.worst_why}" if arc.worst else "-"
        table.add_row(f"{arc.name} [{arc.seat}]", f"{arc.scores[0]:.0f}", f"{arc.scores[-1]:.0f}", best, worst)
    return table


class DebriefScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,d,q", "dismiss", "Close")]

    def __init__(self, debrief: Debrief) -> None:
        super().__init__()
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        d = self.debrief
        with VerticalScroll(id="dialog", classes="dialog wide"):
            yield Static(Text(f"Debrief after turn {d.turns}", style="bold"))
            if d.points:
                yield Static(turning_points(d))
            else:
                yield Static(Text("Nothing has turned yet: no decision, inject or score change.", style="dim"))
            if d.arcs:
                yield Static(arcs_table(d))
            split = f"; the world split at turn {d.split_at}" if d.split_at else ""
            yield Static(Text(f"{len(d.blocs)} norm bloc(s), {d.opposed_pairs} opposed pair(s){split}"))
            yield Static(Text("escape closes; exercise debrief SAVE --markdown prints a handout", style="dim"))
