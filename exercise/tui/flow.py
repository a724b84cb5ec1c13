"""Who is at the keyboard next, and when a turn resolves.

One terminal can play one seat (`--as SEAT`), every human seat in turn (hot-seat, with a
privacy screen between seats), or the white cell. Orders go to the store as each seat submits;
the turn resolves once no human seat is missing (or the white cell forces it). Another
terminal may resolve it first: the store makes that happen exactly once, and this terminal
then just shows the results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercise.tui import heap
from exercise.tui.errors import describe
from exercise.tui.model import seat_label, turn_digest

if TYPE_CHECKING:
    from exercise.tui.app import ExerciseApp


class PlayFlow:
    def __init__(self, app: ExerciseApp, game, seats: list[str] | None = None, white: bool = False) -> None:
        self.app = app
        self.game = game
        self.fixed_seats = seats  # None: every human seat plays at this keyboard
        self.white = white  # this terminal is the white cell
        self.resolving = False
        self._tutorial_shown = False

    # --- who plays here ---------------------------------------------------------------
    @property
    def seats_here(self) -> list[str]:
        humans = self.game.human_seats()
        if self.fixed_seats is None:
            return list(humans)
        return [s for s in self.fixed_seats if s in humans]  # a seat handed to a strategy leaves

    @property
    def hotseat(self) -> bool:
        return self.fixed_seats is None and len(self.game.human_seats()) > 1

    def game_over(self) -> bool:
        return self.game.turn >= self.game.scenario.turns

    def should_show_tutorial(self) -> bool:
        if self._tutorial_shown or self.game.scenario.id != "tutorial" or self.game.turn != 0:
            return False
        self._tutorial_shown = True
        return True

    # --- moving on ----------------------------------------------------------------------
    def start(self) -> None:
        if self.white or (self.fixed_seats is None and not self.game.human_seats()):
            self.white = True
            self.show_white()
        else:
            self.next_seat()

    def next_seat(self) -> None:
        if self.game_over():
            self.finish()
            return
        here = self.seats_here
        waiting = self.game.waiting_for()
        mine = [s for s in waiting if s in here]
        if mine:
            self.show_seat(mine[0])
        elif waiting or self.game.paused:
            if self.white:
                self.show_white()
            else:
                from exercise.tui.screens.waiting import WaitingScreen

                self.app.show_main(WaitingScreen(self.game, self, here[0] if len(here) == 1 else None))
        elif not here and not self.white:
            self.app.notify("No human seat is left at this keyboard.", severity="warning")
            self.show_white()
        else:
            self.resolve(force=False)

    def show_seat(self, seat: str) -> None:
        from exercise.tui.screens.privacy import PrivacyScreen
        from exercise.tui.screens.seat import SeatScreen

        def open_desk() -> None:
            self.app.show_main(SeatScreen(self.game, seat, self))

        if self.hotseat:
            name = seat_label(self.game.scenario, seat)
            self.app.show_main(PrivacyScreen(name, open_desk, note=f"Turn {self.game.turn + 1}: {name} gives orders. "
                                                                 "Everyone else, please look away."))
        else:
            open_desk()

    def show_white(self) -> None:
        from exercise.tui.screens.white import WhiteScreen

        self.app.show_main(WhiteScreen(self.game, self))

    def can_open_white_cell(self) -> bool:
        return self.fixed_seats is None

    def open_white_cell(self) -> None:
        from exercise.tui.screens.privacy import PrivacyScreen

        if self.can_open_white_cell():
            self.app.show_main(PrivacyScreen("the white cell (facilitator)", self.show_white,
                                             note="The white cell sees every seat's instructions."))

    def leave_white_cell(self) -> None:
        if self.white:
            self.leave()
        else:
            self.next_seat()

    def edit(self, seat: str) -> None:
        self.show_seat(seat)

    def leave(self) -> None:
        self.app.go_home()

    # --- orders and resolution ------------------------------------------------------------
    def submit(self, seat: str, orders: list) -> bool:
        try:
            self.game.submit(seat, orders)
        except Exception as exc:
            self.app.notify(describe(exc), title="Orders not accepted", severity="error", timeout=8)
            return False
        self.app.notify(f"Orders of {seat_label(self.game.scenario, seat)} submitted.", timeout=3)
        self.next_seat()
        return True

    def resolve(self, force: bool = False, missing: str = "pass") -> None:
        if self.resolving:
            return
        from exercise.tui.screens.busy import BusyScreen

        self.resolving = True
        before = self.game.turn
        self.app.show_main(BusyScreen(f"Resolving turn {before + 1}…"))

        def work() -> None:
            try:
                from exercise.store import AlreadyResolved

                try:
                    self.game.resolve(force=force, missing=missing)
                except AlreadyResolved:
                    pass  # another terminal resolved it first: just show what happened
                heap.reclaim()  # the screens of the turn are garbage; everyone is waiting anyway
            except Exception as exc:
                self.app.call_from_thread(self._failed, exc)
                return
            self.app.call_from_thread(self._resolved, before)

        self.app.run_worker(work, thread=True, exclusive=True, group="resolve", exit_on_error=False)

    def _failed(self, exc: Exception) -> None:
        self.resolving = False
        self.app.notify(describe(exc), title="The turn did not resolve", severity="error", timeout=10)
        if self.white:
            self.show_white()
        else:
            self.next_seat_or_wait()

    def next_seat_or_wait(self) -> None:
        from exercise.tui.screens.waiting import WaitingScreen

        here = self.seats_here
        self.app.show_main(WaitingScreen(self.game, self, here[0] if len(here) == 1 else None))

    def _resolved(self, before: int) -> None:
        self.resolving = False
        if self.game.turn == before:  # still waiting for someone
            self.next_seat()
        else:
            self.show_results()

    def turn_resolved_elsewhere(self) -> None:
        if not self.resolving:
            self.show_results()

    def show_results(self) -> None:
        from exercise.tui.screens.results import TurnResultsScreen

        game = self.game
        turn = game.turn
        if self.white:
            viewer = None  # the white cell sees everything
        elif self.hotseat or not self.seats_here:
            viewer = ""  # the whole room may be watching: public events only
        else:
            viewer = self.seats_here[0]
        digest = turn_digest(game.state(turn - 1), game.state(turn), game.events(turn), seat=viewer)
        after = self.show_white if self.white and not self.game_over() else self.next_seat
        self.app.show_main(TurnResultsScreen(digest, game.scenario.turns, after, game_over=self.game_over()))

    def finish(self) -> None:
        from exercise.engine.debrief import debrief
        from exercise.store.history import history
        from exercise.tui.screens.final import FinalScreen

        def done(choice: str) -> None:
            if choice == "replay":
                self.app.open_replay(self.game.path)
            else:
                self.leave()

        seats = None if self.white else self.seats_here or None
        self.app.show_main(FinalScreen(self.game.state(), seats, done, debrief(history(self.game), seats)))
