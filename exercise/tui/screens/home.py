"""Home: start a new exercise, continue a save, or replay one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    DataTable,
    Header,
    Input,
    Label,
    OptionList,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from exercise.scenario import load_scenario
from exercise.scenario.catalog import ScenarioInfo
from exercise.tui.background import in_background
from exercise.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from exercise.tui.app import ExerciseApp


def save_rows(summaries) -> list[tuple]:
    """(path, file, scenario, turn, human seats, last played, state) from the store's summaries."""
    rows = []
    for s in summaries:
        waiting = s.waiting_for
        if s.finished:
            status = "finished"
        elif s.paused:
            status = "paused"
        else:
            status = "waiting for " + ", ".join(waiting) if waiting else ""
        rows.append(
            (
                str(s.path),
                s.path.name,
                s.scenario_id,
                f"{s.turn}/{s.length}",
                ", ".join(s.human_seats) or "all scripted",
                s.last_played_at[:16].replace("T", " "),
                status,
            )
        )
    return rows


class HomeScreen(Screen[None]):
    @property
    def exercise_app(self) -> ExerciseApp:
        return cast("ExerciseApp", self.app)

    BINDINGS = [
        Binding("n", "tab('home-new')", "New"),
        Binding("c", "tab('home-continue')", "Continue"),
        Binding("r", "tab('home-replay')", "Replay"),
        Binding("s", "start", "Start"),
        Binding("ctrl+r", "refresh_saves", "Refresh saves", show=False),
    ]

    def __init__(self, scenarios: list[ScenarioInfo], problems: list[str], saves_dir: Path) -> None:
        super().__init__()
        self.scenarios = scenarios
        self.problems = problems
        self.saves_dir = saves_dir
        self._loaded: dict[str, object] = {}
        self._current: ScenarioInfo | None = None
        self._confirmed_watch = False

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="home-tabs", initial="home-new"):
            with TabPane("New exercise", id="home-new"), Horizontal():
                yield OptionList(
                    *[
                        Option(
                            Text.assemble(
                                (i.title, "bold"),
                                f"\n  {i.id}: {len(i.seats)} seats, {i.turns} turns, ~{i.minutes} min",
                            ),
                            id=i.id,
                        )
                        for i in self.scenarios
                    ],
                    id="scenario-list",
                )
                with VerticalScroll(id="scenario-detail"):
                    yield Static(id="scenario-about")
                    yield Label("Who plays each seat (space switches human / scripted)", classes="section")
                    yield SelectionList[str](id="seat-picker")
                    yield Static(id="seat-summary")
                    with Horizontal(id="seed-row"):
                        yield Label("Seed", id="seed-label")
                        yield Input(id="seed", type="integer", placeholder="the scenario's seed")
                        yield Button("Start", id="start", variant="primary")
            with TabPane("Continue", id="home-continue"):
                yield Label("Saved games (enter opens one to play on)", classes="section")
                yield DataTable(id="continue-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Replay", id="home-replay"):
                yield Label("Saved games (enter opens one read-only, to step through and branch)", classes="section")
                yield DataTable(id="replay-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Cyber norms exercise"
        self.sub_title = "home"
        for table_id in ("#continue-table", "#replay-table"):
            self.query_one(table_id, DataTable).add_columns(
                "save", "scenario", "turn", "human seats", "last played", ""
            )
        if self.scenarios:
            self._show_scenario(self.scenarios[0])
        else:
            self.query_one("#scenario-about", Static).update(Text("No scenarios found in scenarios/.", style="red"))
        if self.exercise_app.game is None:  # opened on a save (a seat, the projector), nothing here is for its screen
            for line in self.problems:
                self.notify(line, title="A scenario file has problems", severity="warning", timeout=10)
            self.action_refresh_saves()  # otherwise listed when home is shown, if ever
        self.query_one("#scenario-list").focus()

    # --- new -------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        for info in self.scenarios:
            if info.id == event.option.id:
                self._show_scenario(info)

    def _scenario(self, info: ScenarioInfo):
        if info.id not in self._loaded:
            self._loaded[info.id] = load_scenario(info.path)
        return self._loaded[info.id]

    def _show_scenario(self, info: ScenarioInfo) -> None:
        if self._current is info:
            return
        self._current = info
        scenario = self._scenario(info)
        parts = [Text(info.title, style="bold"), Text(info.description), Text("")]
        parts.append(
            Text(
                f"{len(info.seats)} seats, {info.forums} forums, {info.norms} norms; "
                f"{info.turns} turns of about {info.minutes_per_turn} minutes",
                style="dim",
            )
        )
        if info.learning_objectives:
            parts.append(Text("What you will learn", style="bold underline"))
            for line in info.learning_objectives:
                parts.append(Text(f"• {line}"))
        self.query_one("#scenario-about", Static).update(Group(*parts))
        picker = self.query_one("#seat-picker", SelectionList)
        picker.clear_options()
        humans = {d.id for d in scenario.delegations if d.human}
        picker.add_options([(self._seat_prompt(s, s.id in humans), s.id, s.id in humans) for s in info.seats])
        if picker.option_count:
            picker.highlighted = 0  # so space ticks the first seat as soon as the list has focus
        self._seat_summary()
        self.query_one("#seed", Input).value = str(scenario.seed)

    @staticmethod
    def _seat_prompt(seat, human: bool) -> Text:
        """The tick box alone looks the same ticked or not in many terminals: say it in words."""
        who = Text(" HUMAN    ", style="bold reverse") if human else Text(" scripted ", style="dim")
        return Text.assemble(
            who,
            " ",
            (seat.name, "bold" if human else ""),
            f" [{seat.id}]: {seat.kind}",
            ("" if human else f", plays {seat.strategy}", "dim"),
        )

    def _seat_summary(self) -> None:
        picker = self.query_one("#seat-picker", SelectionList)
        humans = [s.name for s in (self._current.seats if self._current else ()) if s.id in picker.selected]
        text = (
            Text.assemble("Human seats: ", (", ".join(humans), "bold"), ". Every other seat is scripted.")
            if humans
            else Text(
                "No human seat: every seat is scripted (a demonstration run, watched from the white cell).",
                style="yellow",
            )
        )
        self.query_one("#seat-summary", Static).update(text)

    @on(SelectionList.SelectedChanged, "#seat-picker")
    def _seats_changed(self) -> None:
        picker = self.query_one("#seat-picker", SelectionList)
        if self._current is None:
            return
        for index, seat in enumerate(self._current.seats):
            if index < picker.option_count:
                picker.replace_option_prompt_at_index(index, self._seat_prompt(seat, seat.id in picker.selected))
        self._seat_summary()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":  # only where there is something to start
            return self.query_one("#home-tabs", TabbedContent).active == "home-new"
        return True

    def action_start(self) -> None:
        self._start()

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        info = self._current
        if info is None:
            return
        text = self.query_one("#seed", Input).value.strip()
        if text and not text.lstrip("-").isdigit():
            self.notify("The seed must be a whole number.", severity="error")
            return
        humans = list(self.query_one("#seat-picker", SelectionList).selected)
        if not humans and not self._confirmed_watch:
            # starting with no human seat is legal (a demo run) but rarely what a student meant
            self._confirmed_watch = True
            self.notify(
                "No seat is ticked: tick the seat(s) you will play with space, or press Start "
                "again to watch an all-scripted game from the white cell.",
                severity="warning",
                timeout=8,
            )
            return
        self._confirmed_watch = False
        self.exercise_app.new_game(info.path, seed=int(text) if text else None, humans=humans)

    # --- saves -------------------------------------------------------------------------
    def action_refresh_saves(self) -> None:
        """List the saves folder in a worker (each save is opened to summarise it)."""
        in_background(self, self.exercise_app.save_rows, self._show_saves, group="saves")

    def _show_saves(self, rows: list) -> None:
        for table_id in ("#continue-table", "#replay-table"):
            table = self.query_one(table_id, DataTable)
            table.clear()
            for path, *cells in rows:
                table.add_row(*cells, key=path)
            if not rows:
                table.add_row(f"no saves in {self.saves_dir} yet", "", "", "", "", "")

    @on(DataTable.RowSelected, "#continue-table")
    def _continue(self, event: DataTable.RowSelected) -> None:
        path = event.row_key.value
        if (path and path.endswith(".db")) or (path and Path(path).exists()):
            self.exercise_app.choose_role(Path(path))

    @on(DataTable.RowSelected, "#replay-table")
    def _replay(self, event: DataTable.RowSelected) -> None:
        path = event.row_key.value
        if path and Path(path).exists():
            self.exercise_app.open_replay(Path(path))

    # the widget that takes the keyboard in each tab: focus left in the tab before would pull
    # TabbedContent back to it (it shows the pane holding the focused widget)
    TAB_FOCUS = {"home-new": "#scenario-list", "home-continue": "#continue-table", "home-replay": "#replay-table"}

    def action_tab(self, tab: str) -> None:
        self.query_one("#home-tabs", TabbedContent).active = tab
        self.query_one(self.TAB_FOCUS[tab]).focus()
        self.refresh_bindings()
        if tab != "home-new":
            self.action_refresh_saves()

    def on_screen_resume(self) -> None:
        self.action_refresh_saves()
