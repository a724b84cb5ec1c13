"""The projector: the room's screen (`exercise play SAVE --as projector`).

Public information only, in large type and strong contrast, for the back of a room: the turn
and the round clock in big digits, who has submitted (names, never orders), what each forum
decided in the last turn and who blocked, the biggest changes in adoption, and an adoption
chart over the turns; at the end, where every norm ended and the turning points.

It follows the game by itself: every `WATCH_SECONDS` it asks the save whether anything changed
(`game.changes()`, SQLite's data_version) and only then reads it again, in a thread, so a turn
resolved at any terminal shows here within about a second, with no key pressed. It is locked:
`q` quits and `?` shows the keys; no key leads to a seat, the white cell or the home screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from exercise.store.records import WATCH_SECONDS
from exercise.tui.projection import Projection, chart_series, read_projection
from exercise.tui.projector_text import (
    bar_choices,
    decision_choices,
    status_choices,
    turn_choices,
    turning_point_choices,
)
from exercise.tui.widgets.adoption_chart import AdoptionChart
from exercise.tui.widgets.big_clock import BigClock
from exercise.tui.widgets.big_type import Fitted


class ProjectorScreen(Screen[None]):
    LOCKED = True  # the app's command palette offers only help and quit above it
    AUTO_FOCUS = None
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-small"), (130, "-room")]  # type: ignore[misc]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (40, "-tall")]  # type: ignore[misc]
    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "stay", show=False),  # the room's screen has nowhere to go back to
    ]
    DEFAULT_CSS = """
    ProjectorScreen { background: black; color: white; layout: vertical; }
    ProjectorScreen #proj-top { height: 6; }
    ProjectorScreen #proj-top > * { height: 100%; }
    ProjectorScreen .proj-box { border: heavy white; border-title-style: bold; border-title-color: yellow;
                                background: black; padding: 0 2; }
    ProjectorScreen #proj-turn { width: 33; }
    ProjectorScreen #proj-status { width: 1fr; }
    ProjectorScreen #proj-body { height: 1fr; }
    ProjectorScreen #proj-decisions { width: 3fr; height: 100%; }
    ProjectorScreen #proj-movers { width: 2fr; height: 100%; }
    ProjectorScreen #proj-chart-box { height: 40%; min-height: 12; padding: 0 1; }
    ProjectorScreen.-small #proj-turn { width: 27; }
    ProjectorScreen.-small .proj-box { padding: 0 1; }
    ProjectorScreen.-small BigClock { min-width: 18; }
    ProjectorScreen.-small #proj-chart-box { min-height: 8; }
    ProjectorScreen.-short #proj-chart-box { height: 35%; }
    """

    def __init__(self, game) -> None:
        super().__init__()
        self.game = game
        self.projection: Projection | None = None
        self._version: int | None = None
        self._reading = False
        self._again = False
        self._chart_turn: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="proj-top"):
            yield Fitted("", id="proj-turn", classes="proj-box")
            yield Fitted("", id="proj-status", classes="proj-box")
            yield BigClock(self.game, id="proj-clock")
        with Horizontal(id="proj-body"):
            yield Fitted("", id="proj-decisions", classes="proj-box")
            yield Fitted("", id="proj-movers", classes="proj-box")
        with Vertical(id="proj-chart-box", classes="proj-box"):
            yield AdoptionChart(id="proj-chart")

    def on_mount(self) -> None:
        self.query_one("#proj-chart-box").border_title = "Adoption over the turns (breadth)"
        self.watch_save()
        self.set_interval(WATCH_SECONDS, self.watch_save)

    def action_stay(self) -> None:
        """Escape does nothing here: the projector never leaves to the home screen."""

    # --- following the save -------------------------------------------------------------------
    def watch_save(self) -> None:
        """Read the save again if another terminal committed anything since the last reading."""
        try:
            version = self.game.changes()
        except Exception:  # a transient read error: try again at the next poll
            return
        if version != self._version:
            self._version = version
            self.read()

    def read(self) -> None:
        if self._reading:
            self._again = True
            return
        self._reading = True
        known = self.projection.heavy if self.projection is not None else None

        def work() -> None:
            try:
                found = read_projection(self.game, known)
            except Exception:
                found = None
            self.app.call_from_thread(self._read_done, found)

        self.run_worker(work, thread=True, group="projector", exit_on_error=False)

    def _read_done(self, found: Projection | None) -> None:
        self._reading = False
        if found is None:
            self._version = None  # read again at the next poll
        elif found != self.projection:
            self.projection = found
            self.show(found)
        if self._again:
            self._again = False
            self.read()

    # --- showing it -----------------------------------------------------------------------------
    def show(self, p: Projection) -> None:
        self.query_one("#proj-turn", Fitted).choose(turn_choices(p))
        self.query_one("#proj-status", Fitted).choose(status_choices(p))
        clock = self.query_one(BigClock)
        clock.tick()  # a pause or a new round shows at once, not at the clock's next second
        if p.finished:
            clock.display = False
        decisions = self.query_one("#proj-decisions", Fitted)
        movers = self.query_one("#proj-movers", Fitted)
        digest = p.heavy.digest
        if p.finished:
            decisions.border_title = "Turning points"
            decisions.choose(turning_point_choices(p))
            movers.border_title = "Where the norms ended (breadth)"
            movers.choose(bar_choices([(n, b, b) for n, b in p.heavy.ended]))
        elif digest is None:
            decisions.border_title = "Forum decisions"
            start = Text.assemble(
                (self.game.scenario.title, "bold #00d7ff"),
                "\n\n",
                ("Turn 1 is being played. Each forum's decisions show here when it resolves.", "bold"),
            )
            decisions.choose([(start, 0, 0)])
            movers.border_title = "Biggest changes in adoption"
            movers.choose([(Text(""), 0, 0)])
        else:
            decisions.border_title = f"Turn {digest.turn}: what each forum decided"
            decisions.choose(decision_choices(p, digest))
            movers.border_title = f"Turn {digest.turn}: biggest changes in adoption"
            movers.choose(bar_choices(digest.movers))
        if self._chart_turn != p.turn:
            self._chart_turn = p.turn
            self.query_one(AdoptionChart).show(chart_series(p.heavy), note="the chart starts after turn 1")
