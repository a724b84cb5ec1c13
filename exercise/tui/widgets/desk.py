"""The delegation desk: the seat's brief beside the orders it can give now.

Every candidate order is listed; an illegal one is shown dimmed with the reason, and choosing
it says why instead of adding it. The running cost of the chosen orders is checked against the
seat's influence and budget with the engine's own `check_orders`, so the desk can never accept
a set the engine would refuse.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from exercise.core.orders import Order, Pass
from exercise.core.wording import order_cost
from exercise.engine.choices import legal_choices
from exercise.engine.legality import check_orders
from exercise.engine.talk_window import TalkWindow
from exercise.engine.views import View
from exercise.errors import OrderError
from exercise.tui.presenters.commitments import deal_lines
from exercise.tui.widgets.options import Options
from exercise.tui.widgets.seat_brief import SeatBrief


def cost_text(order: Order) -> str:
    return order_cost(order) or "free"


class Desk(Horizontal):
    """`show(view, progress, pending)` fills it; posts `Desk.Changed` when the orders picked
    change and `Desk.Review` with the chosen orders."""

    class Review(Message):
        def __init__(self, seat: str, orders: list[Order]) -> None:
            super().__init__()
            self.seat = seat
            self.orders = orders

    class Changed(Message):
        def __init__(self, seat: str, orders: list[Order]) -> None:
            super().__init__()
            self.seat = seat
            self.orders = orders

    def __init__(self, *, read_only: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.read_only = read_only
        self._view: View | None = None
        self._talk: TalkWindow | None = None
        self._choices: list[tuple[Order, str | None]] = []
        self._shown: list[tuple[Order, str | None]] = []
        self.pending: list[Order] = []

    @property
    def view(self) -> View | None:
        """The seat's view the desk shows (None before the first `show`)."""
        return self._view

    @property
    def shown(self) -> tuple[tuple[Order, str | None], ...]:
        """The choices listed, in order: (order, why it is refused or None when legal)."""
        return tuple(self._shown)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="brief-scroll"):
            yield Static(id="deals")
            yield SeatBrief(id="brief")
        with Vertical(id="orders-column"):
            yield Input(placeholder="filter orders: a norm, forum or verb", id="order-filter")
            yield Options(id="choices")
            yield Label("Your orders this turn (enter removes one)", id="pending-label")
            yield Options(id="pending")
            with Horizontal(id="submit-row"):
                yield Static(id="cost")
                yield Button("Review and submit", id="review", variant="primary")

    def show(
        self,
        view: View,
        progress: list[tuple[str, float]],
        pending: list[Order],
        score: float | None = None,
        talk: TalkWindow | None = None,
    ) -> None:
        """`talk`: the seat's window on the turn's talk, whose deals the desk lists."""
        self._view = view
        self._talk = talk
        self.query_one(SeatBrief).show(view, progress, score)
        self._choices = legal_choices(view)
        self.pending = [o for o in pending if not isinstance(o, Pass)]
        self._fill_choices()
        self._fill_pending()
        self.query_one("#orders-column").display = not self.read_only

    # --- lists ------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        text = self.query_one("#order-filter", Input).value.lower().split()
        shown = [(o, why) for o, why in self._choices if all(w in str(o) for w in text)]
        self._shown = shown
        options = []
        for index, (order, why) in enumerate(shown):
            if why:
                prompt = Text.assemble((str(order), "dim"), ("  ✗ " + why, "dim italic"))
            else:
                chosen = order in self.pending
                mark = "✓ " if chosen else "  "
                prompt = Text.assemble(mark, (str(order), "bold" if chosen else ""), (f"  {cost_text(order)}", "cyan"))
            options.append(Option(prompt, id=f"c{index}"))
        choices = self.query_one("#choices", OptionList)
        highlighted = choices.highlighted
        choices.clear_options()
        choices.add_options(options)
        if options:
            choices.highlighted = min(highlighted or 0, len(options) - 1)

    def _fill_pending(self) -> None:
        pending = self.query_one("#pending", OptionList)
        pending.clear_options()
        if not self.pending:
            pending.add_option(
                Option(Text("nothing yet: submitting now means you pass", style="dim"), id="none", disabled=True)
            )
        for index, order in enumerate(self.pending):
            pending.add_option(Option(Text.assemble(str(order), (f"  {cost_text(order)}", "cyan")), id=f"p{index}"))
        view = self._view
        if view is None:
            return
        self.show_deals(self._talk)
        influence = sum(o.influence_cost for o in self.pending)
        budget = sum(o.budget_cost for o in self.pending)
        self.query_one("#cost", Static).update(
            Text.assemble(
                "Cost ",
                (f"{influence:g}/{view.influence:g}", "bold"),
                " influence, ",
                (f"{budget:g}/{view.budget:g}", "bold"),
                " budget",
            )
        )

    def show_deals(self, talk: TalkWindow | None) -> None:
        """The seat's deals, above its brief: what it promised, to whom, by when, and whether
        the orders picked keep it (hidden when it has none)."""
        self._talk = talk
        deals = self.query_one("#deals", Static)
        lines = deal_lines(talk, self._view.me.id, self.pending) if talk is not None and self._view else []
        deals.display = bool(lines)
        text = Text("Your deals\n", style="bold underline")
        for line, owing in lines:
            text.append_text(Text.assemble(("• ", "yellow"), (line, "yellow" if owing else "")))
            text.append("\n")
        deals.update(text)

    # --- events -----------------------------------------------------------------------
    @on(Input.Changed, "#order-filter")
    def _filter(self) -> None:
        self._fill_choices()

    @on(OptionList.OptionSelected, "#choices")
    def _choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        order, why = self._shown[int(str(event.option.id)[1:])]
        if why:
            self.app.notify(f"{order}: {why}", title="Not possible now", severity="warning")
            return
        if order in self.pending:
            self.pending.remove(order)
        else:
            attempt = [*self.pending, order]
            if isinstance(order, Pass):
                attempt = []
            if self._view is None:
                return
            try:
                check_orders(self._view, attempt)
            except OrderError as exc:
                self.app.notify(exc.reason, title=f"Cannot add {order}", severity="warning")
                return
            self.pending = attempt
        self._fill_choices()
        self._fill_pending()
        self._changed()

    def _changed(self) -> None:
        if self._view is not None and not self.read_only:
            self.post_message(self.Changed(self._view.me.id, list(self.pending)))

    @on(OptionList.OptionSelected, "#pending")
    def _unchoose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("p"):
            del self.pending[int(event.option.id[1:])]
            self._fill_choices()
            self._fill_pending()
            self._changed()

    @on(Button.Pressed, "#review")
    def _review(self, event: Button.Pressed) -> None:
        event.stop()
        self.request_review()

    def request_review(self) -> None:
        if self._view is not None and not self.read_only:
            self.post_message(self.Review(self._view.me.id, list(self.pending) or [Pass()]))
