"""Asking for a seat's join code before its desk (or the white cell) opens.

A wrong code says so and asks again; escape gives up. The check runs in a thread: scrypt
takes tens of milliseconds by design (it makes guessing slow).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class CodeScreen(ModalScreen[bool]):
    """Dismisses True once the code typed opens `seat` (its own code or the white cell's)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, game, seat: str, who: str, note: str = "") -> None:
        super().__init__()
        self.game, self.seat, self.who, self.note = game, seat, who, note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(f"{self.who}: type the join code", style="bold"))
            yield Input(password=True, placeholder="e.g. maple-otter-42", id="code-input")
            yield Static(
                Text(
                    self.note
                    or "The trainer gave each team a code. The white cell's code opens every seat. Escape cancels.",
                    style="dim",
                ),
                id="code-note",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        code = event.value.strip()
        if not code:
            return
        self.query_one(Input).disabled = True

        def check() -> None:
            try:
                ok = self.game.live.unlocks(self.seat, code)
            except Exception:
                ok = False
            self.app.call_from_thread(self._checked, ok)

        self.run_worker(check, thread=True, exit_on_error=False)

    def _checked(self, ok: bool) -> None:
        if ok:
            self.dismiss(True)
            return
        field = self.query_one(Input)
        field.disabled = False
        field.value = ""
        field.focus()
        self.query_one("#code-note", Static).update(
            Text(f"That is not {self.who}'s code. Try again (escape cancels).", style="bold red")
        )

    def action_cancel(self) -> None:
        self.dismiss(False)
