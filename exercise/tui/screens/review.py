"""Review a seat's orders and their cost before submitting them."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from exercise.core.orders import Order
from exercise.tui.widgets.desk import cost_text


class ReviewScreen(ModalScreen[bool]):
    """Dismisses True to submit, False to go back to the desk."""

    BINDINGS = [Binding("escape", "back", "Back to the desk"), Binding("ctrl+s", "submit", "Submit")]

    def __init__(self, who: str, orders: list[Order], influence: float, budget: float) -> None:
        super().__init__()
        self.who, self.orders, self.influence, self.budget = who, orders, influence, budget

    def compose(self) -> ComposeResult:
        table = Table(expand=True, show_header=True)
        table.add_column("order")
        table.add_column("cost", style="cyan", justify="right")
        for order in self.orders:
            table.add_row(str(order), cost_text(order))
        spent_i = sum(o.influence_cost for o in self.orders)
        spent_b = sum(o.budget_cost for o in self.orders)
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(f"{self.who}: your orders for this turn", style="bold"))
            yield Static(table)
            yield Static(
                f"Spends {spent_i:g} of {self.influence:g} influence and {spent_b:g} of {self.budget:g} budget. "
                "Until the turn resolves you may come back and change them."
            )
            with Horizontal(classes="buttons"):
                yield Button("Submit", id="submit", variant="primary")
                yield Button("Back", id="back")

    def on_mount(self) -> None:
        self.query_one("#submit", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "submit")

    def action_back(self) -> None:
        self.dismiss(False)

    def action_submit(self) -> None:
        self.dismiss(True)
