"""The white cell writes an inject on the spot: a salience shift or a capacity (power, budget)
shock. Returns the order text; the store validates it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Select, Static

from exercise.core.orders import SHOCK_ATTRIBUTES, Order, SalienceShift, Shock
from exercise.core.spec import Scenario


class AdHocInjectScreen(ModalScreen[Order | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text("Write an inject for next turn", style="bold"))
            with RadioSet(id="adhoc-kind"):
                yield RadioButton(
                    "Salience shift: a domain matters more (or less) to everyone", value=True, id="salience"
                )
                yield RadioButton("Shock: one delegation loses (or gains) capacity, power or budget", id="shock")
            yield Select([(d.replace("_", " "), d) for d in self.scenario.domains], prompt="domain", id="adhoc-domain")
            yield Select(
                [(f"{d.name} [{d.id}]", d.id) for d in sorted(self.scenario.delegations, key=lambda d: d.id)],
                prompt="delegation",
                id="adhoc-target",
            )
            yield Select(
                [(a, a) for a in SHOCK_ATTRIBUTES], value=SHOCK_ATTRIBUTES[0], allow_blank=False, id="adhoc-attribute"
            )
            yield Input(value="+0.2", placeholder="change, e.g. +0.2 or -0.1", id="adhoc-delta")
            with Horizontal(classes="buttons"):
                yield Button("Queue it", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._kind_changed()

    @on(RadioSet.Changed)
    def _kind_changed(self) -> None:
        shock = self.query_one("#shock", RadioButton).value
        self.query_one("#adhoc-domain").display = not shock
        self.query_one("#adhoc-target").display = shock
        self.query_one("#adhoc-attribute").display = shock

    def _order(self) -> Order | None:
        try:
            delta = float(self.query_one("#adhoc-delta", Input).value)
        except ValueError:
            self.notify("The change must be a number, like +0.2 or -0.1.", severity="error")
            return None
        if self.query_one("#shock", RadioButton).value:
            target = self.query_one("#adhoc-target", Select).value
            if not isinstance(target, str):
                self.notify("Choose the delegation the shock hits.", severity="error")
                return None
            chosen = self.query_one("#adhoc-attribute", Select).value
            attribute = next((a for a in SHOCK_ATTRIBUTES if a == chosen), None)
            if attribute is None:  # pragma: no cover - the list has no blank
                self.notify("Choose what the shock changes.", severity="error")
                return None
            return Shock(target, attribute, delta)
        domain = self.query_one("#adhoc-domain", Select).value
        if not isinstance(domain, str):
            self.notify("Choose the domain whose salience shifts.", severity="error")
            return None
        return SalienceShift(domain, delta)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "ok":
            self.dismiss(None)
            return
        order = self._order()
        if order is not None:
            self.dismiss(order)

    def action_cancel(self) -> None:
        self.dismiss(None)
