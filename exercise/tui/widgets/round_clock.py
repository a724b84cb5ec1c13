"""The round clock as a one-line bar: hidden while the clock is off, loud in the last minute.

It reads the clock from the save once a second (one small query), so every terminal and
browser tab shows the same time left without talking to each other.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from exercise.store.records import Clock
from exercise.tui.clock_text import clock_line


class RoundClock(Static):
    DEFAULT_CSS = """
    RoundClock {
        height: 1;
        width: 100%;
        text-align: center;
    }
    """

    def __init__(self, game, **kwargs) -> None:
        super().__init__(**kwargs)
        self.game = game
        self.clock: Clock | None = None

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        try:
            self.clock = self.game.live.clock()
        except Exception:  # a transient read error: keep the last reading, try again next second
            return
        if self.clock is None:
            return
        text, style = clock_line(self.clock)
        self.display = bool(text)
        self.update(Text(text, style=style))
