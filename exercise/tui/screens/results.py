"""After a turn: what each forum decided and what spread, for the projector.

Few words, big contrasts: one line per decision with a coloured verdict, one bar per norm
that moved. Only public events are shown (the whole room may be watching).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from exercise.core.wording import bar_cells
from exercise.tui.presenters.turn_digest import TurnDigest
from exercise.tui.widgets.key_footer import KeyFooter
from exercise.tui.widgets.round_clock import RoundClock

VERDICT = {
    "adopted": "bold white on dark_green",
    "blocked": "bold white on red3",
    "deadlocked": "bold black on yellow",
    "tabled": "bold white on grey37",
    "deliberating": "bold black on grey70",
}


def digest_renderable(d: TurnDigest, total_turns: int) -> Group:
    parts: list = [Text(f" TURN {d.turn} of {total_turns} ", style="bold reverse"), Text("")]
    for title in d.injects:
        parts.append(Text.assemble((" INJECT ", "bold white on magenta"), " ", (title, "bold")))
    if d.injects:
        parts.append(Text(""))
    decisions = Table.grid(padding=(0, 2))
    decisions.add_column(justify="right", style="bold")
    decisions.add_column()
    decisions.add_column()
    decisions.add_column(style="dim")
    for forum, norm, outcome, detail in d.decisions:
        decisions.add_row(
            forum, Text(f" {outcome.upper()} ", style=VERDICT.get(outcome, "bold")), Text(norm, style="bold"), detail
        )
    parts.append(Text("Forum decisions", style="bold underline"))
    parts.append(decisions if d.decisions else Text("No forum decided anything this turn.", style="dim"))
    parts.append(Text(""))
    parts.append(Text("Biggest changes in adoption (breadth)", style="bold underline"))
    if d.movers:
        movers = Table.grid(padding=(0, 2))
        movers.add_column(style="bold")
        movers.add_column()
        movers.add_column(justify="right")
        for norm, was, now in d.movers:
            width = 30
            full, empty = bar_cells(now, width)
            bar = Text(full, style="green" if now >= was else "red") + Text(empty, style="grey37")
            arrow = "▲" if now >= was else "▼"
            movers.add_row(
                norm, bar, Text(f"{was:.0%} → {now:.0%} {arrow}", style="bold green" if now >= was else "bold red")
            )
        parts.append(movers)
    else:
        parts.append(Text("Nothing spread or receded.", style="dim"))
    return Group(*parts)


class TurnResultsScreen(Screen[None]):
    """Calls `on_done` when the room has read it."""

    BINDINGS = [Binding("enter,escape,space", "continue", "Continue")]
    AUTO_FOCUS = "#continue"

    def __init__(
        self, digest: TurnDigest, total_turns: int, on_done: Callable[[], None], game_over: bool = False, game=None
    ) -> None:
        super().__init__()
        self.digest, self.total_turns, self.game_over = digest, total_turns, game_over
        self.on_done = on_done
        self.game = game  # for the round clock of the next turn, when there is one

    def compose(self) -> ComposeResult:
        if self.game is not None and not self.game_over:
            yield RoundClock(self.game)
        with VerticalScroll(id="results"):
            yield Static(digest_renderable(self.digest, self.total_turns), id="results-body")
            with Center():
                yield Button("See the final scores" if self.game_over else "Continue", id="continue", variant="primary")
        yield KeyFooter()

    def on_button_pressed(self) -> None:
        self.on_done()

    def action_continue(self) -> None:
        self.on_done()
