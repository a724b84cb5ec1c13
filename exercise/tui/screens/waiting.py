"""A seat has submitted; others (at other terminals) have not, or the white cell paused.

The flow's watch tells it when the save changed (`live_refresh`): who is still awaited, and,
once nobody is, this terminal may resolve the turn (if the last to submit went away).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from exercise.tui.widgets.key_footer import KeyFooter
from exercise.tui.widgets.round_clock import RoundClock


class WaitingScreen(Screen[None]):
    BINDINGS = [Binding("e", "edit", "Change my orders"), Binding("escape", "leave", "Leave")]

    def __init__(self, game, flow, seat: str | None) -> None:
        super().__init__()
        self.game, self.flow, self.seat = game, flow, seat

    def compose(self) -> ComposeResult:
        yield RoundClock(self.game)
        with Middle():
            with Center():
                yield Static(id="waiting-text")
            yield LoadingIndicator()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._update()

    def _update(self) -> None:
        waiting = self.game.waiting_for()
        text = Text.assemble(
            ("Orders submitted.\n", "bold"), f"Turn {self.flow.shown_turn + 1} resolves when everyone has submitted.\n"
        )
        if waiting:
            text.append(f"Waiting for: {', '.join(waiting)}", style="yellow")
        if self.game.paused:
            text.append("\nThe white cell has paused the game.", style="bold red")
        self.query_one("#waiting-text", Static).update(text)

    def live_refresh(self) -> None:
        if not self.game.waiting_for() and not self.game.paused:
            self.flow.resolve(force=False)
            return
        self._update()

    def action_edit(self) -> None:
        if self.seat:
            self.flow.edit(self.seat)

    def action_leave(self) -> None:
        self.flow.leave()
