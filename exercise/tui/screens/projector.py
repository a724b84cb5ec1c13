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

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from exercise.store.live import WATCH_SECONDS
from exercise.tui.projection import Projection, chart_series, read_projection
from exercise.tui.screens.results import VERDICT
from exercise.tui.widgets.adoption_chart import AdoptionChart
from exercise.tui.widgets.big_clock import BigClock

DECIDED = ("adopted", "blocked", "tabled")  # a forum's decision; the others are "no agreement"
UP, DOWN = "bold #00ff5f", "bold #ff5f5f"


class ProjectorScreen(Screen[None]):
    LOCKED = True  # the app's command palette offers only help and quit above it
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "stay", show=False),  # the room's screen has nowhere to go back to
    ]
    DEFAULT_CSS = """
    ProjectorScreen { background: black; color: white; layout: vertical; }
    ProjectorScreen #proj-top { height: 7; }
    ProjectorScreen #proj-top > * { height: 100%; }
    ProjectorScreen .proj-box { border: heavy white; border-title-style: bold; border-title-color: yellow;
                                background: black; padding: 0 2; }
    ProjectorScreen #proj-turn { width: auto; min-width: 22; }
    ProjectorScreen #proj-turn Static { width: 100%; text-align: center; text-style: bold; }
    ProjectorScreen #proj-turn Digits { width: 100%; text-align: center; text-style: bold; }
    ProjectorScreen #proj-status { width: 1fr; height: 100%; content-align: left middle; }
    ProjectorScreen #proj-body { height: 1fr; }
    ProjectorScreen #proj-decisions { width: 3fr; height: 100%; }
    ProjectorScreen #proj-movers { width: 2fr; height: 100%; }
    ProjectorScreen #proj-chart-box { height: 45%; min-height: 12; padding: 0 1; }
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
            with Vertical(id="proj-turn", classes="proj-box"):
                yield Static("TURN", id="turn-word")
                yield Digits("", id="turn-digits")
                yield Static("", id="turn-of")
            yield Static("", id="proj-status", classes="proj-box")
            yield BigClock(self.game, id="proj-clock")
        with Horizontal(id="proj-body"):
            yield Static("", id="proj-decisions", classes="proj-box")
            yield Static("", id="proj-movers", classes="proj-box")
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
        playing = min(p.turn + 1, p.turns)
        self.query_one("#turn-word", Static).update("GAME OVER" if p.finished else "TURN")
        self.query_one("#turn-digits", Digits).update(str(p.turn if p.finished else playing))
        self.query_one("#turn-of", Static).update(f"of {p.turns}" + (" played" if p.finished else ""))
        self.query_one("#proj-status", Static).update(status(p))
        clock = self.query_one(BigClock)
        clock.tick()  # a pause or a new round shows at once, not at the clock's next second
        if p.finished:
            clock.display = False
        decisions = self.query_one("#proj-decisions", Static)
        movers = self.query_one("#proj-movers", Static)
        if p.finished:
            decisions.border_title = "Turning points"
            decisions.update(turning_points(p))
            movers.border_title = "Where the norms ended (breadth)"
            movers.update(bars([(n, b, b) for n, b in p.heavy.ended]))
        elif p.heavy.digest is None:
            decisions.border_title = "Forum decisions"
            decisions.update(Text("Turn 1 is being played.\nIts results will show here.", style="bold"))
            movers.border_title = "Biggest changes in adoption"
            movers.update("")
        else:
            d = p.heavy.digest
            decisions.border_title = f"Turn {d.turn}: what each forum decided"
            decisions.update(forum_decisions(p))
            movers.border_title = f"Turn {d.turn}: biggest changes in adoption"
            movers.update(bars(d.movers) if d.movers else Text("Nothing spread or receded.", style="bold"))
        if self._chart_turn != p.turn:
            self._chart_turn = p.turn
            self.query_one(AdoptionChart).show(chart_series(p.heavy), note="the chart starts after turn 1")


def status(p: Projection) -> RenderableType:
    """Paused, and who the turn waits for: names only."""
    lines: list[Text] = []
    if p.paused and not p.finished:
        lines.append(Text(" PAUSED ", style="bold black on #c0c0c0"))
    if p.finished:
        lines.append(Text("The game is over.", style="bold"))
    elif p.submitted or p.waiting:
        if p.submitted:
            lines.append(Text.assemble(("submitted  ", "bold"), *badges(p.submitted, "bold black on #00d75f")))
        if p.waiting:
            lines.append(Text.assemble(("waiting    ", "bold"), *badges(p.waiting, "bold black on #ffd700")))
    else:
        lines.append(Text("Every seat is scripted.", style="bold"))
    return Group(*lines)


def badges(seats, style: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for seat in seats:
        out += [(f" {seat} ", style), ("  ", "")]
    return out


def forum_decisions(p: Projection) -> RenderableType:
    """Each forum that met, with its decisions: a coloured verdict, the norm, who blocked."""
    d = p.heavy.digest
    parts: list[RenderableType] = []
    for title in d.injects:
        parts.append(Text.assemble((" INJECT ", "bold white on #af00af"), "  ", (title, "bold")))
    if d.injects:
        parts.append(Text(""))
    by_forum: dict[str, list[tuple[str, str, str]]] = {}
    for forum, norm, outcome, detail in d.decisions:
        by_forum.setdefault(forum, []).append((norm, outcome, detail))
    stuck = []
    for forum, rows in by_forum.items():
        decided = [r for r in rows if r[1] in DECIDED]
        stuck += [f"{norm} ({forum})" for norm, outcome, _ in rows if outcome not in DECIDED]
        if not decided:
            continue
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(style="bold #ffd700" if any(o == "blocked" for _, o, _ in decided) else "bold")
        for norm, outcome, detail in decided:
            table.add_row(Text(f" {outcome.upper()} ", style=VERDICT.get(outcome, "bold")), norm,
                          detail if outcome == "blocked" else "")
        parts += [Text(p.forum_name(forum), style="bold underline #00d7ff"), table, Text("")]
    if not any(r[1] in DECIDED for rows in by_forum.values() for r in rows):
        parts.append(Text("No forum decided anything.", style="bold"))
    if stuck:
        parts.append(Text.assemble(("no agreement yet: ", "bold #c0c0c0"), (", ".join(stuck), "#c0c0c0")))
    return Group(*parts)


def bars(rows, width: int = 24) -> RenderableType:
    """One thick bar per norm: breadth now, and the change from before."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for norm, was, now in rows:
        full = round(now * width)
        colour = UP if now >= was else DOWN
        bar = Text("█" * full, style=colour) + Text("░" * (width - full), style="#5f5f5f")
        if abs(now - was) < 1e-9:
            change = Text(f"{now:.0%}", style="bold")
        else:
            change = Text(f"{was:.0%} → {now:.0%} {'▲' if now >= was else '▼'}", style=colour)
        table.add_row(norm, bar, change)
        table.add_row("", "", "")
    return table


def turning_points(p: Projection) -> RenderableType:
    if not p.heavy.turning_points:
        return Text("No forum decided anything in this game.", style="bold")
    parts: list[RenderableType] = []
    for turn, lines in p.heavy.turning_points:
        parts.append(Text(f" TURN {turn} ", style="bold black on #00d7ff"))
        for line in lines[:3]:
            parts.append(Text(f"  {line}", style="bold"))
        parts.append(Text(""))
    return Group(*parts)
