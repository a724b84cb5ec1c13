"""What each seat ordered in one turn (replay). The parent decides whose orders it may show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text

from exercise.core.orders import Order
from exercise.core.seats import FACILITATOR
from exercise.core.wording import order_cost
from exercise.tui.widgets.table import Table


class OrdersTable(Table):
    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.add_columns("seat", "order", "cost")  # before mount: the parent may fill it first

    def show(self, orders: Mapping[str, Sequence[Order]], turn: int) -> None:
        self.clear()
        if turn == 0:
            self.add_row("", Text("turn 0 is the starting position: nobody has ordered yet", style="dim"), "")
            return
        for seat in sorted(orders):
            if not orders[seat]:
                self.add_row(Text(seat, style="bold"), Text("passed (no orders)", style="dim"), "-")
            for order in orders[seat] or ():
                self.add_row(
                    Text(seat, style="bold yellow" if seat == FACILITATOR else "bold"),
                    str(order),
                    order_cost(order) or "-",
                )
        if not self.row_count:
            self.add_row("", Text("no orders recorded for this turn", style="dim"), "")
