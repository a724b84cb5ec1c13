"""Between two seats at one terminal: nothing of the last seat stays on screen, its notices
included."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Button, Static


class PrivacyScreen(Screen[None]):
    """Calls `on_ready` once the named player is at the keyboard."""

    BINDINGS = [Binding("enter", "ready", "I am at the keyboard")]

    def __init__(self, who: str, on_ready: Callable[[], None], note: str = "") -> None:
        super().__init__()
        self.who = who
        self.on_ready = on_ready
        self.note = note

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(Text.assemble(("Pass the keyboard to\n", ""), (self.who, "bold")), id="privacy-who")
            with Center():
                yield Static(Text(self.note or "Everyone else, please look away.", style="italic"), id="privacy-note")
            with Center():
                yield Button(f"I am {self.who}: show my desk", id="ready", variant="primary")

    def on_mount(self) -> None:
        # a notice of the last seat's talk ("2 new lines of talk") must not greet the next one
        self.app.clear_notifications()

    def on_button_pressed(self) -> None:
        self.on_ready()

    def action_ready(self) -> None:
        self.on_ready()
