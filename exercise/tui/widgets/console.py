"""The white cell's console: the session's state at a glance, the seats and who controls them,
and the scenario's injects. Actions are the screen's key bindings; choosing a seat or an
inject here posts a message up."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from exercise.core.orders import Order
from exercise.core.seats import HUMAN
from exercise.core.spec import Scenario
from exercise.core.state import GameState
from exercise.tui.widgets.options import Options
from exercise.tui.widgets.table import Table


@attrs.frozen
class ConsoleData:
    state: GameState
    controllers: Mapping[str, str]
    submitted: Mapping[str, Sequence[Order]]
    waiting: Sequence[str]
    paused: bool
    white_orders: Sequence[Order] = ()
    read_only: bool = False
    open_at: Mapping[str, str] = attrs.Factory(dict)  # seat -> the terminal it is open at


def inject_status(scenario: Scenario, state: GameState, inject_id: str, queued: set[str]) -> str:
    inject = scenario.inject(inject_id)
    if inject_id in state.fired_injects:
        return "fired"
    if inject_id in queued:
        return "queued for next turn"
    if inject.turn is not None:
        return f"scheduled turn {inject.turn}"
    if inject.when is not None:
        return f"when {inject.when.event} {inject.when.norm}"
    return "held for the white cell"


class ConsolePane(Vertical):
    class SeatChosen(Message):
        def __init__(self, seat: str) -> None:
            super().__init__()
            self.seat = seat

    class InjectChosen(Message):
        def __init__(self, inject: str) -> None:
            super().__init__()
            self.inject = inject

    class ActionRequested(Message):
        def __init__(self, action: str) -> None:
            super().__init__()
            self.action = action

    def compose(self) -> ComposeResult:
        yield Static(id="console-status")
        with Horizontal(id="console-split"):
            with Vertical(id="console-seats"):
                yield Label("Seats (enter: hand over to a human or a strategy)", classes="section")
                yield Table(id="seats", cursor_type="row", zebra_stripes=True)
            with Vertical(id="console-injects"):
                yield Label("Injects (enter: fire next turn)", classes="section")
                yield Options(id="injects")
        with Horizontal(id="console-buttons"):
            yield Button("Pause / resume", id="pause")
            yield Button("Force the turn", id="force", variant="warning")
            yield Button("Write an inject", id="adhoc")

    def on_mount(self) -> None:
        self.query_one("#seats", DataTable).add_columns("seat", "name", "controller", "orders", "terminal")

    def show(self, data: ConsoleData) -> None:
        state = data.state
        scenario = state.scenario
        waiting = ", ".join(data.waiting) or "nobody"
        playing = (
            f" Turn {state.turn + 1} of {scenario.turns} "
            if state.turn < scenario.turns
            else f" Game over after {state.turn} turns "
        )
        status = Text.assemble(
            (playing, "bold reverse"),
            "  ",
            ("PAUSED" if data.paused else "running", "bold red" if data.paused else "green"),
            "   waiting for: ",
            (waiting, "bold"),
        )
        if data.white_orders:
            status.append(
                "\n white cell orders queued for next turn: " + "; ".join(map(str, data.white_orders)), style="yellow"
            )
        if data.read_only:
            status.append("\n read-only save: watching only", style="dim")
        self.query_one("#console-status", Static).update(status)
        table = self.query_one("#seats", Table)
        row = table.cursor_row
        seats = sorted(state.seats)
        rows = []
        for seat in seats:
            controller = data.controllers.get(seat, "?")
            if controller != HUMAN:
                orders = Text("scripted", style="dim")
            elif seat in data.submitted:
                orders = Text("✓ submitted", style="green")
            else:
                orders = Text("… waiting", style="yellow")
            where = data.open_at.get(seat)
            terminal = (
                Text(where, style="green")
                if where
                else Text("not open", style="yellow")
                if controller == HUMAN
                else Text("")
            )
            rows.append(
                (
                    seat,
                    scenario.delegation(seat).name,
                    Text(controller, style="bold" if controller == HUMAN else ""),
                    orders,
                    terminal,
                )
            )
        table.replace_rows(rows, keys=seats)
        if row is not None and table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        queued = {getattr(o, "inject", "") for o in data.white_orders}
        injects = self.query_one("#injects", OptionList)
        keep = injects.highlighted
        injects.clear_options()
        for inject in scenario.injects:
            status_text = inject_status(scenario, state, inject.id, queued)
            injects.add_option(
                Option(
                    Text.assemble(
                        (inject.title, "bold" if status_text != "fired" else "dim"), f"\n  {inject.id}: {status_text}"
                    ),
                    id=inject.id,
                )
            )
        if not scenario.injects:
            injects.add_option(Option(Text("this scenario has no scripted injects", style="dim"), disabled=True))
        if keep is not None and injects.option_count:
            injects.highlighted = min(keep, injects.option_count - 1)

    @on(DataTable.RowSelected, "#seats")
    def _seat(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.SeatChosen(str(event.row_key.value)))

    @on(OptionList.OptionSelected, "#injects")
    def _inject(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.InjectChosen(event.option.id))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.ActionRequested(str(event.button.id)))
