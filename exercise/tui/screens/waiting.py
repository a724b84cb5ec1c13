"""A seat has submitted; others (at other terminals) have not, or the white cell paused."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from exercise.tui.widgets.key_footer import KeyFooter


class WaitingScreen(Screen[None]):
    BINDINGS = [Binding("e", "edit", "Change my orders"), Binding("escape", "leave", "Save & leave")]
    POLL_SECONDS = 2.0

    def __init__(self, game, flow, seat: str | None) -> None:
        super().__init__()
        self.game, self.flow, self.seat = game, flow, seat

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(id="waiting-text")
            yield LoadingIndicator()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._turn = self.game.turn
        self._update()
        self.set_interval(self.POLL_SECONDS, self._poll)

    def _update(self) -> None:
        waiting = self.game.waiting_for()
        text = Text.assemble(("Orders submitted.\n", "bold"),
                             f"Turn {self.game.turn + 1} resolves when everyone has submitted.\n")
        if waiting:
            text.append(f"Waiting for: {', '.join(waiting)}", style="yellow")
        if self.game.paused:
            text.append("\nThe white cell has paused the game.", style="bold red")
        self.query_one("#waiting-text", Static).update(text)

    def _poll(self) -> None:
        try:
            if self.game.turn != self._turn:
                self.flow.turn_resolved_elsewhere()
                return
            if not self.game.waiting_for() and not self.game.paused:
                self.flow.resolve(force=False)
                return
            self._update()
        except Exception:  # the next poll retries; a transient read error must not end the session
            pass

    def action_edit(self) -> None:
        if self.seat:
            self.flow.edit(self.seat)

    def action_leave(self) -> None:
        self.flow.leave()
