"""The end of the game: scores against objectives and where the norms ended up."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from exercise.core.state import GameState
from exercise.engine.debrief import Debrief
from exercise.engine.metrics import delegation_score, game_metrics
from exercise.tui.widgets.key_footer import KeyFooter


class FinalScreen(Screen[None]):
    """Calls `on_done("replay")` or `on_done("home")`. A terminal locked to its seat (`locked`)
    offers neither replay nor home (both show other seats): only closing."""

    BINDINGS = [Binding("r", "replay", "Replay this game"), Binding("escape,h", "home", "Home")]

    def __init__(
        self,
        state: GameState,
        seats: list[str] | None,
        on_done: Callable[[str], None],
        debrief: Debrief | None = None,
        locked: bool = False,
    ) -> None:
        super().__init__()
        self.on_done = on_done
        self.locked = locked
        self.state = state
        self.seats = seats  # whose scores to show; None: everyone (white cell)
        self.debrief = debrief  # the turning points, built for the same seats

    def compose(self) -> ComposeResult:
        state = self.state
        metrics = game_metrics(state)
        scores = Table(title="Scores against objectives (0-100)", title_justify="left", expand=True)
        scores.add_column("delegation", style="bold")
        scores.add_column("score", justify="right")
        for seat in self.seats if self.seats is not None else sorted(state.seats):
            score = delegation_score(state, seat)
            scores.add_row(
                f"{state.scenario.delegation(seat).name} [{seat}]",
                Text(f"{score:.0f}", style="bold green" if score >= 50 else "bold red"),
            )
        norms = Table(title="Where the norms ended", title_justify="left", expand=True)
        for col in ("norm", "status", "breadth", "mean depth", "adopted in"):
            norms.add_column(col)
        for n in metrics["norms"]:
            norms.add_row(
                n["norm"],
                n["status"],
                f"{n['breadth']:.0%}",
                f"{n['mean_depth']:.1f}",
                ", ".join(n["adopted_in"]) or "-",
            )
        blocs = Text(f"{len(metrics['blocs'])} norm bloc(s), {metrics['opposed_blocs']} opposed pair(s)")
        parts: list[RenderableType] = [Text(" GAME OVER ", style="bold reverse"), Text(""), scores, Text("")]
        if self.debrief is not None and self.debrief.points:
            parts += [turning_points(self.debrief), Text("")]
        with VerticalScroll(id="results"):
            yield Static(Group(*parts, norms, blocs))
            with Center():
                if not self.locked:
                    yield Button("Replay this game", id="replay", variant="primary")
                yield Button("Close this terminal" if self.locked else "Home", id="home")
        yield KeyFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.on_done(str(event.button.id))

    def action_replay(self) -> None:
        self.on_done("replay")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "replay" and self.locked:
            return False
        return super().check_action(action, parameters)

    def action_home(self) -> None:
        self.on_done("home")


def turning_points(debrief: Debrief) -> Table:
    """The game's turning points, the three biggest in bold: what to talk about in the debrief."""
    table = Table(
        title="Turning points (the three biggest in bold; exercise debrief SAVE prints them)",
        title_justify="left",
        expand=True,
    )
    table.add_column("turn", justify="right")
    table.add_column("what happened")
    table.add_column("scores moved")
    big = {p.turn for p in debrief.biggest()}
    for p in debrief.points:
        style = "bold" if p.turn in big else ""
        moved = ", ".join(f"{seat} {change:+.0f}" for seat, change in p.score_changes) or "-"
        table.add_row(Text(str(p.turn), style=style), Text("\n".join(p.headlines) or "-", style=style), moved)
    return table
