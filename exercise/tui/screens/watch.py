"""The base of the seats that watch rather than play (observers, evaluators).

A watching seat shows what one team sees, as that team sees it now: its private brief, the
orders it has picked for the turn in play (its desk, live), the last turn's orders, and the
public world through `view_for` for that team, and the talk of the turn in play as that team
heard it (its Talks tab, read-only: the same filter as the view). An evaluator may also watch
every team at once (the white cell's view and every channel, `team` None). It follows the game by itself: every WATCH_SECONDS it
asks the save whether anything changed (`game.changes()`) and only then reads it again, so a
turn resolved or an order picked at any terminal shows here within about a second. Nothing
here acts on the game: no orders, no resolving.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Header, Input, Static

from exercise.core.seats import HUMAN
from exercise.engine import facilitator_view, view_for
from exercise.engine.metrics import delegation_score
from exercise.store.records import WATCH_SECONDS
from exercise.tui.errors import plain_errors
from exercise.tui.presenters.seats import objectives_with_progress, seat_label
from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.screens.tabbed import TabbedScreen
from exercise.tui.widgets.key_footer import KeyFooter
from exercise.tui.widgets.orders_table import OrdersTable
from exercise.tui.widgets.round_clock import RoundClock
from exercise.tui.widgets.seat_brief import SeatBrief
from exercise.tui.widgets.talks import TalksPane
from exercise.tui.widgets.world import WorldTabs

ALL_TEAMS = "@all"  # the choice "every team" (an evaluator's), as the team picker returns it


class WatchScreen(TabbedScreen):
    BINDINGS = [
        Binding("t", "choose_team", "Team"),
        Binding("e", "evaluation", "Evaluation", tooltip="scores and notes, as the team sees them"),
        Binding("escape", "leave", "Leave"),
    ]
    ALL_ALLOWED = False  # whether "every team" is a choice (evaluators)
    WHAT = "Observer"

    def __init__(self, game, seat: str, team: str | None = None, ask: bool = False) -> None:
        """`team`: the one watched first (evaluators: None, every team); `ask`: ask at once."""
        super().__init__()
        self._ask = ask
        self.game = game
        self.seat = seat  # "observer-1", "evaluator-2"
        teams = game.scenario.by_id.delegation_ids
        self.team: str | None = team if team in teams else (None if self.ALL_ALLOWED else teams[0])
        self._version: int | None = None
        self.latest = 0

    # --- layout -------------------------------------------------------------------------
    def lead_panes(self) -> list[tuple[str, str, Widget]]:
        """The panes before the world's tabs; a subclass adds its own first."""
        brief = VerticalScroll(SeatBrief(id="watch-brief"), id="watch-brief-scroll")
        return [("Orders", "tab-watch-orders", OrdersTable(id="watch-orders")), ("Brief", "tab-watch-brief", brief)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield RoundClock(self.game)
        yield Static(id="watch-bar")
        yield WorldTabs(lead=self.lead_panes(), trail=[("Talks", "tab-talks", TalksPane(id="watch-talks"))])
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = self.game.scenario.title
        self.watch_save()
        self.set_interval(WATCH_SECONDS, self.watch_save)
        self.take_seat(self._opened)

    def _opened(self) -> None:
        if self._ask:
            self.action_choose_team()

    def take_seat(self, then) -> None:
        """Open the seat at this terminal, then `then()`. An observer only reads: it holds nothing."""
        then()

    # --- following the save -------------------------------------------------------------
    def watch_save(self) -> None:
        try:
            version = self.game.changes()
        except Exception:  # a transient read error: the next poll asks again
            return
        if version != self._version:
            self._version = version
            self.load()

    @plain_errors
    def load(self) -> None:
        game = self.game
        state = game.state()
        self.latest = state.turn
        events = game.events()
        view = facilitator_view(state, events) if self.team is None else view_for(state, self.team, events)
        in_play = min(state.turn + 1, game.scenario.turns)
        who = "every team" if self.team is None else seat_label(game.scenario, self.team)
        self.sub_title = f"{self.WHAT} {self.seat}: watching {who}, turn {in_play} of {game.scenario.turns}"
        bar = Text.assemble(
            (f" {self.WHAT.upper()} ", "bold reverse"),
            "  watching ",
            (who, "bold"),
            f"   turn {state.turn} done of {game.scenario.turns}",
            ("   (t: another team; you cannot act for it)", "dim"),
        )
        self.query_one("#watch-bar", Static).update(bar)
        self._show_orders(state.turn)
        brief = self.query_one(SeatBrief)
        if self.team is None:
            brief.update(Text("Every team: choose one (t) to see its private brief.", style="dim"))
        else:
            brief.show(view, objectives_with_progress(state, self.team), delegation_score(state, self.team))
        self.query_one(WorldTabs).show(view, state)
        # what the team heard in the turn in play (every channel for "every team"); never a word
        self.query_one(TalksPane).show(game.talk, self.team, None, state.turn + 1)
        self.loaded(state)

    def _show_orders(self, latest: int) -> None:
        """The team's picks for the turn in play (its desk, live) above its last turn's orders."""
        game, table = self.game, self.query_one(OrdersTable)
        last = game.orders(latest) if latest > 0 else {}
        if self.team is None:
            table.show(last, latest)
            table.border_title = f"turn {latest}: every team's orders"
            return
        table.show({self.team: last.get(self.team, [])}, latest)
        table.border_title = f"turn {latest}: what {self.team} ordered"
        if latest < game.scenario.turns:
            draft = game.live.draft(self.team)
            state = "submitted" if draft.submitted else "picked so far"
            label = Text(f"turn {latest + 1} ({state})", style="bold cyan")
            picks = list(draft.orders)
            for order in picks:
                table.add_row(label, str(order), "")
            if not picks:
                table.add_row(label, Text("nothing picked yet", style="dim"), "")

    def loaded(self, state) -> None:
        """Called after each reading of the save; a subclass refreshes its own panes."""

    # --- keys -------------------------------------------------------------------------------
    def action_tab(self, index: int) -> None:
        self.query_one(WorldTabs).switch(index)

    def action_choose_team(self) -> None:
        scenario = self.game.scenario
        choices = [(ALL_TEAMS, "Every team (the white cell's view)")] if self.ALL_ALLOWED else []
        controllers = self.game.controllers()
        # The human teams first (whom one evaluates), then the scripted seats (to see what a strategy saw).
        seats = sorted(scenario.delegations, key=lambda d: (controllers.get(d.id) != HUMAN, d.id))
        choices += [
            (
                d.id,
                f"{d.name} [{d.id}]"
                + ("" if controllers.get(d.id) == HUMAN else f"  (scripted: {controllers.get(d.id)})"),
            )
            for d in seats
        ]

        def done(choice: str | None) -> None:
            if choice:
                self.team = None if choice == ALL_TEAMS else choice
                self.load()

        self.app.push_screen(ChoiceScreen("Watch which team?", choices), done)

    def action_evaluation(self) -> None:
        from exercise.tui.screens.evaluation import EvaluationScreen

        viewer = self.seat if self.ALL_ALLOWED else (self.team or self.seat)
        self.app.push_screen(EvaluationScreen(self.game, viewer))

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):  # escape leaves a filter box first
            self.focused.blur()
            return
        self.app.exit()
