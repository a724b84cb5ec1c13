"""A human seat's screens: its desk first, then the public world as that seat sees it.

Everything shown comes from `view_for(state, seat, events)` and the seat's own objectives; the
screen is built for one seat and thrown away when the keyboard passes to another. It shows the
turn the terminal last saw results for (`flow.shown_turn`), never a later one, and keeps the
orders picked as a draft in the save, so quitting or a crash loses nothing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input

from exercise.engine import view_for
from exercise.engine.metrics import delegation_score
from exercise.engine.talk_window import TalkWindow
from exercise.errors import AlreadyResolved
from exercise.store.talk_log import deal_warnings
from exercise.tui.background import in_background
from exercise.tui.presenters.commitments import red_line_warnings
from exercise.tui.presenters.seats import objectives_with_progress, seat_label
from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.screens.review import ReviewScreen
from exercise.tui.screens.tabbed import TabbedScreen, tab_keys
from exercise.tui.widgets.desk import Desk
from exercise.tui.widgets.key_footer import KeyFooter
from exercise.tui.widgets.round_clock import RoundClock
from exercise.tui.widgets.talks import TalksPane
from exercise.tui.widgets.world import WorldTabs


class SeatScreen(TabbedScreen):
    AUTO_FOCUS = "#choices"
    BINDINGS = [
        *tab_keys("Desk", "Forums", "Norms", "Network", "Timeline", "Talks"),
        Binding("s", "review", "Submit"),
        Binding("t", "tutorial", "Tutorial", show=False),
        Binding("w", "white_cell", "White cell", show=False),
        Binding("v", "evaluation", "Evaluation", show=False),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, game, seat: str, flow) -> None:
        super().__init__()
        self.game = game
        self.seat = seat
        self.flow = flow
        self.version: int | None = None  # of the draft the desk shows (None: not read yet)
        self.talk_version: int | None = None  # of the talk the Talks tab and the desk show

    def compose(self) -> ComposeResult:
        yield Header()
        yield RoundClock(self.game)
        yield WorldTabs(
            lead=[("Desk", "tab-desk", Desk(id="desk"))], trail=[("Talks", "tab-talks", TalksPane(id="talks"))]
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"{seat_label(self.game.scenario, self.seat)}: turn {self.flow.shown_turn + 1} of {self.game.scenario.turns}"
        self.title = self.game.scenario.title
        self.load()
        self._focus_desk()
        if self.flow.should_show_tutorial():
            self.action_tutorial()

    def _focus_desk(self, *_: object) -> None:
        self.query_one("#choices").focus()

    def load(self) -> None:
        game = self.game
        state = game.state(self.flow.shown_turn)
        view = view_for(state, self.seat, game.events())
        draft = game.live.draft(self.seat)
        self.version = draft.version if draft.turn == state.turn + 1 else None
        self.talk_version = game.talk.version()
        self.query_one(Desk).show(
            view,
            objectives_with_progress(state, self.seat),
            list(draft.orders),
            delegation_score(state, self.seat),
            self._talk_window(),
        )
        self.query_one(WorldTabs).show(view, state)
        self.query_one(TalksPane).show(game.talk, self.seat, self.seat, state.turn + 1)
        self._open_talk()

    def _talk_window(self) -> TalkWindow:
        """The seat's window on the talk of the turn this screen shows being played."""
        return self.game.talk.window(self.seat, self.flow.shown_turn + 1)

    def _open_talk(self) -> None:
        """The scripted seats' opening statements and offers of the turn, made once (in a
        worker: on a big game they take a moment), so this seat can answer them at once."""
        game, turn = self.game, self.flow.shown_turn + 1

        def work() -> bool:
            try:
                return game.talk.open_turn(for_turn=turn)
            except AlreadyResolved:  # the watch shows the results next
                return False

        in_background(self, work, lambda opened: self.live_refresh() if opened else None, group="talk-open")

    def live_refresh(self) -> None:
        """Another terminal (or a scripted seat) said something: refresh the Talks tab and the
        deals on the desk, and say that new talk came when the tab is not shown."""
        version = self.game.talk.version()
        if version == self.talk_version:
            return
        self.talk_version = version
        new = self.query_one(TalksPane).refresh_talk()
        self.query_one(Desk).show_deals(self._talk_window())
        tabs = self.query_one(WorldTabs)
        if new and tabs.active != "tab-talks":
            key = tabs.tab_ids.index("tab-talks") + 1
            self.notify(f"{len(new)} new line(s) of talk: {key} opens the Talks tab.", title="Talk", timeout=6)

    def action_tab(self, index: int) -> None:
        self.query_one(WorldTabs).switch(index)

    def action_review(self) -> None:
        self.query_one(WorldTabs).switch(0)
        self.query_one(Desk).request_review()

    @on(Desk.Changed)
    def _changed(self, message: Desk.Changed) -> None:
        version = self.flow.save_draft(self.seat, message.orders, self.version)
        if version is not None:
            self.version = version

    @on(Desk.Review)
    def _review(self, message: Desk.Review) -> None:
        state = self.game.state(self.flow.shown_turn)
        seat = state.seats[self.seat]

        def done(ok: bool | None) -> None:
            if ok:
                self._submit_unless_warned(message.orders)

        self.app.push_screen(
            ReviewScreen(seat_label(self.game.scenario, self.seat), message.orders, seat.influence, seat.budget), done
        )

    def _submit_unless_warned(self, orders: list) -> None:
        """Orders that break a deal due now or cross a red line ask first: submit anyway, or
        go back to the desk (nothing submitted)."""
        view = self.query_one(Desk).view
        warnings = deal_warnings(self._talk_window(), self.seat, orders)
        if view is not None:
            warnings += red_line_warnings(view, orders)
        if not warnings:
            self.flow.submit(self.seat, orders, self.version)
            return

        def chosen(choice: str | None) -> None:
            if choice == "submit":
                self.flow.submit(self.seat, orders, self.version)

        self.app.push_screen(
            ChoiceScreen(
                "These orders break a promise or cross a red line",
                [("back", "Go back to the desk"), ("submit", "Submit anyway (a broken deal costs trust)")],
                note="\n".join(warnings),
            ),
            chosen,
        )

    def action_tutorial(self) -> None:
        from exercise.tui.screens.tutorial import TutorialScreen

        self.app.push_screen(TutorialScreen(), self._focus_desk)

    def action_evaluation(self) -> None:
        """The evaluators' scores and notes about this team, once the white cell released them."""
        from exercise.tui.screens.evaluation import EvaluationScreen

        self.app.push_screen(EvaluationScreen(self.game, self.seat))

    def action_white_cell(self) -> None:
        self.flow.open_white_cell()

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):  # escape leaves a filter box first, not the game
            self.focused.blur()
            return
        self.flow.leave()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "white_cell":
            return self.flow.can_open_white_cell()
        return super().check_action(action, parameters)
