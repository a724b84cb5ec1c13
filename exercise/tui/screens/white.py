"""The white cell (facilitator) console: sees everything, steers the session.

Every action goes through the store, which records it as an audit event in the log.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input

from exercise.core.orders import FireInject, Order
from exercise.core.seats import FACILITATOR, HUMAN
from exercise.engine import facilitator_view
from exercise.strategies import strategy_names
from exercise.tui.background import in_background
from exercise.tui.errors import plain_errors
from exercise.tui.screens.adhoc import AdHocInjectScreen
from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.screens.tabbed import TabbedScreen, tab_keys
from exercise.tui.widgets.console import ConsoleData, ConsolePane
from exercise.tui.widgets.key_footer import KeyFooter
from exercise.tui.widgets.round_clock import RoundClock
from exercise.tui.widgets.talks import TalksPane
from exercise.tui.widgets.world import WorldTabs


class WhiteScreen(TabbedScreen):
    BINDINGS = [
        *tab_keys("Console", "Forums", "Norms", "Network", "Timeline", "Talks"),
        Binding("p", "pause", "Pause", tooltip="pause or resume the game"),
        Binding("a", "adhoc", "Inject", tooltip="write an inject on the spot (a salience shift, a capacity shock)"),
        Binding("n", "resolve", "Resolve", tooltip="resolve the turn (once every human seat has submitted)"),
        Binding("f", "force", "Force", tooltip="force the turn: missing seats pass or are played by their strategy"),
        Binding("k", "clock", "Clock", tooltip="the round clock: set, pause, extend, restart, what happens at zero"),
        Binding("d", "debrief", "Debrief", tooltip="the debrief so far: turning points, who gained and lost"),
        Binding(
            "e",
            "evaluation",
            "Evaluation",
            tooltip="the evaluators' scores and notes: see them, release them to the teams, the improvement plan",
        ),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, game, flow) -> None:
        super().__init__()
        self.game = game
        self.flow = flow
        self._seen: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield RoundClock(self.game)
        yield WorldTabs(
            lead=[("Console", "tab-console", ConsolePane(id="console"))],
            trail=[("Talks", "tab-talks", TalksPane(id="talks"))],
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = self.game.scenario.title
        self.load()

    def load(self) -> None:
        game = self.game
        state = game.state()
        self.sub_title = f"White cell: turn {state.turn + 1} of {game.scenario.turns}"
        events = game.events()
        submitted = game.submitted()
        self.query_one(ConsolePane).show(
            ConsoleData(
                state=state,
                controllers=game.controllers(),
                submitted=submitted,
                waiting=game.waiting_for(),
                paused=game.paused,
                white_orders=list(submitted.get(FACILITATOR, [])),
                read_only=game.read_only,
                open_at={lease.seat: lease.place for lease in game.live.leases()},
            )
        )
        self.query_one(WorldTabs).show(facilitator_view(state, events), state)
        # every channel, live; the chair speaks on any floor or to any seat (no deals)
        self.query_one(TalksPane).show(
            game.talk, None, None if game.read_only or game.finished else FACILITATOR, state.turn + 1
        )
        self._seen = self._fingerprint()

    def _fingerprint(self) -> tuple:
        game = self.game
        return (
            game.turn,
            game.paused,
            tuple(sorted(game.submitted())),
            tuple(sorted(game.controllers().items())),
            tuple(sorted((lease.seat, lease.place) for lease in game.live.leases())),
            game.talk.version(),
        )

    def live_refresh(self) -> None:
        """Other terminals submit orders, open and leave seats, talk: keep the console current."""
        if self._fingerprint() != self._seen:
            self.load()

    def action_tab(self, index: int) -> None:
        self.query_one(WorldTabs).switch(index)

    @plain_errors
    def action_pause(self) -> None:
        if self.game.paused:
            self.game.resume()
            self.notify("Resumed: the turn can resolve again.")
        else:
            self.game.pause()
            self.notify("Paused: no turn resolves until you resume (or force it).")
        self.load()

    def action_adhoc(self) -> None:
        def done(order: Order | None) -> None:
            if order is not None:
                self._queue(order)

        self.app.push_screen(AdHocInjectScreen(self.game.scenario), done)

    @plain_errors
    def _queue(self, order: Order) -> None:
        self.game.facilitator_order(order)
        self.notify(f"Queued for next turn: {order}")
        self.load()

    @on(ConsolePane.InjectChosen)
    def _inject(self, message: ConsolePane.InjectChosen) -> None:
        self._queue(FireInject(message.inject))

    @on(ConsolePane.SeatChosen)
    def _seat(self, message: ConsolePane.SeatChosen) -> None:
        seat = message.seat
        now = self.game.controllers().get(seat, "?")
        choices = [(HUMAN, "a human player (hot-seat or another terminal)")] + [
            (name, f"the scripted strategy '{name}'") for name in strategy_names()
        ]

        def done(controller: str | None) -> None:
            if controller and controller != now:
                self._hand_over(seat, controller)

        self.app.push_screen(ChoiceScreen(f"Who plays {seat} from now on? (now: {now})", choices), done)

    @plain_errors
    def _hand_over(self, seat: str, controller: str) -> None:
        code = self.game.set_controller(seat, controller)
        self.notify(f"{seat} is now played by {controller}.")
        if code:
            self.notify(
                f"{seat}'s join code: {code}  (give it to the team; shown only now)", title="New code", timeout=60
            )
        self.load()

    def action_clock(self) -> None:
        from exercise.tui.screens.clock_menu import clock_menu

        clock_menu(self)

    @on(ConsolePane.ActionRequested)
    def _button(self, message: ConsolePane.ActionRequested) -> None:
        {"pause": self.action_pause, "force": self.action_force, "adhoc": self.action_adhoc}[message.action]()

    def action_resolve(self) -> None:
        waiting = self.game.waiting_for()
        if waiting:
            self.notify(f"Still waiting for {', '.join(waiting)}. Force the turn with f.", severity="warning")
            return
        if self.game.paused:
            self.notify("The game is paused: resume with p, or force the turn with f.", severity="warning")
            return
        self.flow.resolve(force=False)

    def action_force(self) -> None:
        waiting = self.game.waiting_for()
        choices = [("pass", "missing seats pass"), ("strategy", "missing seats are played by their strategy")]

        def done(missing: str | None) -> None:
            if missing:
                self.flow.resolve(force=True, missing=missing)

        note = f"waiting for: {', '.join(waiting)}" if waiting else "every human seat has submitted"
        self.app.push_screen(ChoiceScreen("Force the turn to resolve now", choices, note=note), done)

    def action_debrief(self) -> None:
        from exercise.engine.debrief import debrief
        from exercise.store.history import history
        from exercise.tui.screens.debrief import DebriefScreen

        in_background(
            self,
            lambda: debrief(history(self.game)),
            lambda made: self.app.push_screen(DebriefScreen(made)),
            group="debrief",
        )

    def action_evaluation(self) -> None:
        from exercise.tui.plan_entry import evaluation_menu

        evaluation_menu(self, self.game)

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):  # escape leaves a filter box first
            self.focused.blur()
            return
        self.flow.leave_white_cell()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.game.read_only and action in ("pause", "adhoc", "resolve", "force", "clock"):
            return False
        return super().check_action(action, parameters)
