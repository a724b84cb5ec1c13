"""`?`: the keys of the screen underneath, and the keys that work everywhere."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

EVERYWHERE = (
    ("?", "this help"),
    ("ctrl+p", "command palette: every main action by name"),
    ("tab / shift+tab", "move between parts of the screen"),
    ("1 … 6", "switch tabs on a game screen"),
    ("escape", "close a dialog / go back"),
    ("ctrl+q", "quit (the game is saved after every submission)"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        table = Table(title="Keys on this screen", expand=True, title_justify="left", show_header=False)
        table.add_column("key", style="bold cyan", no_wrap=True)
        table.add_column("what it does")
        seen = set()
        # the screen's own keys (those in the footer) first, the lists' arrows and pages after
        ordered = sorted(self._under.active_bindings.items(), key=lambda item: not item[1].binding.show)
        for key, active in ordered:
            binding = active.binding
            if not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            table.add_row(binding.key_display or key, binding.tooltip or binding.description)
        general = Table(title="Everywhere", expand=True, title_justify="left", show_header=False)
        general.add_column("key", style="bold cyan", no_wrap=True)
        general.add_column("what it does")
        for key, text in EVERYWHERE:
            general.add_row(key, text)
        with VerticalScroll(id="dialog", classes="dialog"):
            yield Static(Text("Help", style="bold"))
            yield Static(table)
            yield Static(general)
            yield Static(Text("escape closes this help", style="dim"))
