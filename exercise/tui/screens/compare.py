"""`c` in replay: this game beside another save of the same scenario (another student's game,
or a what-if branch): where they part, whose orders differed, what came out otherwise."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class CompareScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,c,q", "dismiss", "Close")]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="dialog wide"):
            yield Static(Text("Compare", style="bold"))
            yield Static(Text("\n".join(self.lines)), id="compare-text")
            yield Static(Text("escape closes; exercise compare A.db B.db --all-seats lists every seat", style="dim"))
