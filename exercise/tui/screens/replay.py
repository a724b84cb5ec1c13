"""Replay a save, read-only: step through turns, see the world as the white cell or as any seat
saw it, what each seat ordered, and branch a what-if game from the turn shown."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Static

from exercise.core.events import Event
from exercise.core.seats import FACILITATOR
from exercise.engine import view_for
from exercise.engine.debrief import Debrief, debrief
from exercise.engine.metrics import delegation_score
from exercise.store.history import history
from exercise.tui.background import in_background
from exercise.tui.errors import plain_errors
from exercise.tui.presenters.seats import objectives_with_progress, seat_label
from exercise.tui.screens.prompt import ChoiceScreen, PromptScreen
from exercise.tui.screens.tabbed import TabbedScreen, tab_keys
from exercise.tui.widgets.key_footer import KeyFooter
from exercise.tui.widgets.orders_table import OrdersTable
from exercise.tui.widgets.seat_brief import SeatBrief
from exercise.tui.widgets.talks import TalksPane
from exercise.tui.widgets.world import WorldTabs


class ReplayScreen(TabbedScreen):
    BINDINGS = [
        Binding("left", "step(-1)", "Turn back", priority=True),
        Binding("right", "step(1)", "Turn on", priority=True),
        Binding("home", "go(0)", "First", show=False),
        Binding("end", "go(-1)", "Last", show=False),
        Binding("g", "jump", "Go to turn"),
        Binding("n", "turning(1)", "Next turning point"),
        Binding("p", "turning(-1)", "Previous turning point", show=False),
        Binding("v", "switch_view", "Whose view"),
        Binding("b", "branch", "Branch"),
        Binding("c", "compare", "Compare"),
        Binding("m", "bookmark", "Note", tooltip="bookmark the turn shown with an instructor's note"),
        Binding("l", "notes", "Notes", tooltip="the instructor's notes with their turns; enter jumps to one"),
        Binding("i", "plan", "Plan", show=False, tooltip="add a line to the improvement plan"),
        *tab_keys("Orders", "Brief", "Forums", "Norms", "Network", "Timeline", "Talks"),
        Binding("escape", "leave", "Home"),
    ]

    def __init__(self, game, on_branch, on_leave, turn: int | None = None, seat: str | None = None) -> None:
        super().__init__()
        self.game = game
        self.on_branch = on_branch
        self.on_leave = on_leave
        self.last = game.turn
        self.turn = self.last if turn is None else max(0, min(turn, self.last))
        self.seat = seat  # None: the white cell's view of everything
        self._events: list[Event] = []
        self._debriefs: dict[str | None, Debrief] = {}  # per view, built on the first n or p

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="replay-bar")
        brief = VerticalScroll(SeatBrief(id="replay-brief"), id="replay-brief-scroll")
        yield WorldTabs(
            lead=[("Orders", "tab-orders", OrdersTable(id="replay-orders")), ("Brief", "tab-brief", brief)],
            trail=[("Talks", "tab-talks", TalksPane(id="replay-talks"))],
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = f"Replay: {self.game.scenario.title}"
        self._events = self.game.events()
        self.show()

    @plain_errors
    def show(self) -> None:
        game, t = self.game, self.turn
        state = game.state(t)
        events = [e for e in self._events if e.turn <= t]
        view = view_for(state, self.seat, events)
        who = seat_label(game.scenario, self.seat)
        self.sub_title = f"turn {t} of {self.last}, as {who}"
        bar = Text.assemble(
            (" REPLAY ", "bold reverse"),
            " turn ",
            (f"{t}", "bold"),
            f" of {self.last}   ",
            ("◀ left  right ▶", "dim"),
            "   view: ",
            (who, "bold"),
            ("   (v switches, n the next turning point, b branches a what-if from here)", "dim"),
        )
        point = self._debriefs[self.seat].point(t) if self.seat in self._debriefs else None
        if point is not None and point.headlines:
            more = f" (+{len(point.headlines) - 1} more)" if len(point.headlines) > 1 else ""
            bar.append_text(Text.assemble("\n ", ("TURNING POINT ", "bold yellow"), point.headlines[0], more))
        for note in self.game.evaluation.instructor_notes(t):
            bar.append_text(Text.assemble("\n ", ("NOTE ", "bold magenta"), note.text.splitlines()[0]))
        self.query_one("#replay-bar", Static).update(bar)
        orders = game.orders(t) if t > 0 else {}
        if self.seat is not None:
            orders = {self.seat: orders.get(self.seat, [])}  # a seat saw only its own orders
        self.query_one(OrdersTable).show(orders, t)
        brief = self.query_one(SeatBrief)
        if self.seat is None:
            brief.update(
                Text(
                    "The white cell sees everything. Press v to see what one seat saw, including its private brief.",
                    style="dim",
                )
            )
        else:
            brief.show(view, objectives_with_progress(state, self.seat), delegation_score(state, self.seat))
        self.query_one(WorldTabs).show(view, state)
        # the talk that led to the turn shown, as the view heard it (read-only)
        self.query_one(TalksPane).show(game.talk if t > 0 else None, self.seat, None, turn=t)

    def action_step(self, delta: int) -> None:
        new = max(0, min(self.last, self.turn + delta))
        if new == self.turn:
            self.notify("That is the " + ("first" if delta < 0 else "last") + " turn of this save.", timeout=2)
            return
        self.turn = new
        self.show()

    def action_go(self, turn: int) -> None:
        self.turn = self.last if turn < 0 else max(0, min(self.last, turn))
        self.show()

    def action_turning(self, direction: int) -> None:
        """Jump to the next (or previous) turning point of the game, as the current view saw it
        (its debrief built in a worker the first time)."""
        seat = self.seat
        if seat not in self._debriefs:

            def made(result: Debrief) -> None:
                self._debriefs[seat] = result
                self.show()  # the bar names this turn's turning point from now on
                if self.seat == seat:
                    self.action_turning(direction)

            in_background(
                self, lambda: debrief(history(self.game), None if seat is None else [seat]), made, group="debrief"
            )
            return
        turns = [p.turn for p in self._debriefs[seat].points]
        ahead = [t for t in turns if t > self.turn] if direction > 0 else [t for t in reversed(turns) if t < self.turn]
        if not ahead:
            self.notify(f"No turning point {'after' if direction > 0 else 'before'} turn {self.turn}.", timeout=2)
            return
        self.action_go(ahead[0])

    def action_jump(self) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            if not text.isdigit() or int(text) > self.last:
                self.notify(f"Turns go from 0 to {self.last}.", severity="warning")
                return
            self.action_go(int(text))

        self.app.push_screen(PromptScreen("Go to turn", placeholder=f"0 to {self.last}"), done)

    def action_switch_view(self) -> None:
        scenario = self.game.scenario
        choices = [(FACILITATOR, "White cell: everything")] + [
            (d.id, f"{d.name} [{d.id}]") for d in sorted(scenario.delegations, key=lambda d: d.id)
        ]

        def done(choice: str | None) -> None:
            if choice:
                self.seat = None if choice == FACILITATOR else choice
                self.show()

        self.app.push_screen(ChoiceScreen("Whose view?", choices), done)

    def action_compare(self) -> None:
        """Pick another save of this scenario from the same folder and show how the games differ."""
        from exercise.store import list_saves

        here = self.game.path.resolve()
        in_background(
            self,
            lambda: [
                s
                for s in list_saves(here.parent)
                if s.scenario_id == self.game.scenario.id and s.path.resolve() != here
            ],
            self._choose_other,
            group="compare",
        )

    def _choose_other(self, others: list) -> None:
        here = self.game.path.resolve()
        if not others:
            self.notify(
                f"No other save of {self.game.scenario.id} in {here.parent} to compare with.", severity="warning"
            )
            return
        choices = [
            (
                str(s.path),
                f"{s.path.name}: turn {s.turn}, seed {s.seed}"
                + (
                    f" (what-if of {Path(s.branched_from).name} at turn {s.branched_at_turn})"
                    if s.branched_from
                    else ""
                ),
            )
            for s in others
        ]

        self.app.push_screen(ChoiceScreen("Compare this game with", choices), self._compare_with)

    def _compare_with(self, choice: str | None) -> None:
        from exercise.compare_text import format_comparison
        from exercise.store import Game
        from exercise.store.compare import compare_games
        from exercise.tui.screens.compare import CompareScreen

        def compare() -> list[str]:
            with Game.open(choice, read_only=True) as other:
                return format_comparison(compare_games(self.game, other, seat))

        seat = self.seat
        if choice:
            in_background(self, compare, lambda lines: self.app.push_screen(CompareScreen(lines)), group="compare")

    def action_bookmark(self) -> None:
        turn = self.turn

        def written(text: str | None) -> None:
            if text:
                self._bookmark(turn, text)

        self.app.push_screen(
            PromptScreen(
                f"A note on turn {turn}", note="Kept in the save (outside the turns); debrief and the report show it."
            ),
            written,
        )

    @plain_errors
    def _bookmark(self, turn: int, text: str) -> None:
        self.game.evaluation.add_instructor_note(turn, text)
        self.notify(f"Turn {turn} bookmarked.", timeout=3)
        self.show()

    def action_notes(self) -> None:
        notes = self.game.evaluation.instructor_notes()
        if not notes:
            self.notify("No notes yet: m bookmarks the turn shown.", timeout=3)
            return
        choices = [(str(n.number), f"turn {n.turn}: {n.text.splitlines()[0]}") for n in notes]
        turns = {str(n.number): n.turn for n in notes}

        def chosen(number: str | None) -> None:
            if number is not None:
                self.action_go(turns[number])

        self.app.push_screen(ChoiceScreen("Instructor's notes (enter jumps to the turn)", choices), chosen)

    def action_plan(self) -> None:
        from exercise.tui.plan_entry import add_plan_line

        add_plan_line(self, self.game)

    def action_branch(self) -> None:
        self.on_branch(self.game, self.turn)

    def action_tab(self, index: int) -> None:
        self.query_one(WorldTabs).switch(index)

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):  # escape leaves a filter box first
            self.focused.blur()
            return
        self.on_leave()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # left/right move the caret while typing in a filter box
        if action == "step" and isinstance(self.focused, Input):
            return False
        return super().check_action(action, parameters)
