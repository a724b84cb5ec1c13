"""The round clock in big digits, for the projector: mm:ss, and its state in a few words.

It reads the clock from the save once a second (one small query), like the one-line
`RoundClock`, and words it with the same presenter (`clock_text.clock_line`). The last minute
turns the whole block orange, a clock past zero red and blinking, a paused one grey with
"PAUSED" written in it. With the clock off the block hides.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from exercise.store.records import Clock
from exercise.tui.clock_text import HURRY, STOPPED, UP, clock_line, mm_ss

STATES = {HURRY: "-hurry", UP: "-up", STOPPED: "-stopped"}


class BigClock(Vertical):
    DEFAULT_CSS = """
    BigClock {
        width: auto;
        min-width: 30;
        max-width: 60;
        height: auto;
        padding: 0 2;
        content-align: center middle;
        border: heavy white;
        background: white;
        color: black;
    }
    BigClock Digits { width: 100%; text-align: center; text-style: bold; }
    BigClock #clock-words { width: 100%; text-align: center; text-style: bold; }
    BigClock.-hurry { background: #ff8700; color: black; border: heavy #ffaf00; }
    BigClock.-up { background: #d70000; color: white; border: heavy yellow; }
    BigClock.-up Digits, BigClock.-up #clock-words { text-style: bold blink; }
    BigClock.-stopped { background: #5f5f5f; color: white; border: heavy #c0c0c0; }
    """

    def __init__(self, game, **kwargs) -> None:
        super().__init__(**kwargs)
        self.game = game
        self.clock: Clock | None = None

    def compose(self) -> ComposeResult:
        yield Digits("", id="clock-digits")
        yield Static("", id="clock-words")

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        try:
            clock = self.game.live.clock()
        except Exception:  # a transient read error: keep the last reading, try again next second
            return
        self.show(clock)

    def show(self, clock: Clock) -> None:
        self.clock = clock
        text, style = clock_line(clock)
        self.display = bool(text)
        if not text:
            return
        state = STATES.get(style, "")
        for cls in STATES.values():
            self.set_class(cls == state, cls)
        self.query_one(Digits).update(mm_ss(clock.remaining))
        # few words under the digits (the presenter's style says which state the clock is in)
        words = {HURRY: "LAST MINUTE", STOPPED: "PAUSED", UP: "TIME IS UP"}.get(style, f"left in turn {clock.turn}")
        self.query_one("#clock-words", Static).update(words)
