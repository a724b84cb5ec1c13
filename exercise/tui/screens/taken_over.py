"""This terminal's seat was taken over at another terminal: say so, show nothing of the seat.

From here the terminal can only quit or take the seat back (with its code). In a browser tab
served by `exercise serve` the tab's process ends on its own a few seconds later, so a seat
never has two live processes.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from exercise.tui.widgets.key_footer import KeyFooter

SERVED_EXIT_SECONDS = 5.0


class TakenOverScreen(Screen[None]):
    BINDINGS = [Binding("t", "take_back", "Take it back"), Binding("q", "quit", "Quit")]

    def __init__(self, flow, seats: list[str], served: bool) -> None:
        super().__init__()
        self.flow, self.seats, self.served = flow, seats, served

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="taken-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        who = ", ".join(self.seats)
        text = Text.assemble(
            (f"{who} was taken over at another terminal.\n", "bold red"),
            "This terminal no longer plays it and shows nothing of it.\n",
        )
        if self.served:
            text.append(f"This tab closes in {SERVED_EXIT_SECONDS:g} seconds.", style="dim")
            self.set_timer(SERVED_EXIT_SECONDS, self.app.exit)
        else:
            text.append("t takes it back (with the seat's code), q quits.", style="dim")
        self.query_one("#taken-text", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.served or action == "quit"

    def action_take_back(self) -> None:
        self.flow.take_back()

    def action_quit(self) -> None:
        self.app.exit()
