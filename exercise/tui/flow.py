"""Who is at the keyboard next, and when a turn resolves.

One terminal can play one seat (`--as SEAT`), every human seat in turn (hot-seat, with a
privacy screen between seats), or the white cell. Orders go to the store as each seat submits;
the turn resolves once no human seat is missing (or the white cell forces it, or the round
clock runs out). Another terminal may resolve it first: the store makes that happen exactly
once, and every terminal then shows the results, whatever screen it was on (SessionWatch).

`shown_turn` is the last turn whose results this terminal has shown: desks are built on it and
orders are submitted for the turn after it, so a terminal left open can never order for a turn
its team has not seen. The seats played here hold leases (one terminal per seat); in a save
with join codes a terminal bound to a seat is locked to it: leaving closes the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from exercise.tui import heap
from exercise.tui.errors import describe
from exercise.tui.presenters.seats import seat_label
from exercise.tui.session_watch import SessionWatch

if TYPE_CHECKING:
    from exercise.tui.app import ExerciseApp

SERVED_ENV = "EXERCISE_SERVED"  # set by `exercise serve` for the play process of each browser tab


class PlayFlow:
    def __init__(self, app: ExerciseApp, game, seats: list[str] | None = None, white: bool = False) -> None:
        from exercise.store.records import new_holder

        self.app = app
        self.game = game
        self.fixed_seats = seats  # None: every human seat plays at this keyboard
        self.white = white  # this terminal is the white cell
        self.resolving = False
        self.read_only = False  # the seat was taken over at another terminal
        self.holder = new_holder()
        self.held_seats: list[str] = []
        self.shown_turn = game.turn
        self.locked = bool(seats) and game.live.has_codes()
        self.watch = SessionWatch(self)
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
        return self.shown_turn >= self.game.scenario.turns

    def should_show_tutorial(self) -> bool:
        if self._tutorial_shown or self.game.scenario.id != "tutorial" or self.shown_turn != 0:
            return False
        self._tutorial_shown = True
        return True

    # --- opening and closing ------------------------------------------------------------
    def start(self) -> None:
        if self.white or (self.fixed_seats is None and not self.game.human_seats()):
            self.white = True
            self.watch.start()
            self.show_white()
            return
        self._take_seats(takeover=False)

    def _take_seats(self, takeover: bool) -> None:
        from exercise.errors import SeatTaken

        seats = self.seats_here
        try:
            if not self.game.read_only:
                self.game.live.open_seats(seats, self.holder, takeover=takeover)
        except SeatTaken as taken:
            self._offer_takeover(taken)
            return
        except Exception as exc:
            self.app.notify(describe(exc), title="Could not open the seat", severity="error", timeout=10)
            self.leave(confirm=False)
            return
        self.held_seats = seats
        self.read_only = False
        self.watch.start()
        self.next_seat()

    def _offer_takeover(self, taken) -> None:
        from exercise.tui.screens.prompt import ChoiceScreen

        def chosen(choice: str | None) -> None:
            if choice == "take":
                self._take_seats(takeover=True)
            else:
                self.leave(confirm=False)

        label = seat_label(self.game.scenario, taken.seat)
        self.app.show_main(_blank())
        self.app.push_screen(
            ChoiceScreen(
                f"{label} is open at another terminal ({taken.place}) since {taken.opened_at[11:16]} UTC.",
                [
                    ("take", "Take it over here: the other terminal stops playing it and says why"),
                    ("leave", "Leave it there"),
                ],
                note="Take over only if that terminal was left behind or your team moved.",
            ),
            chosen,
        )

    def close(self) -> None:
        """This terminal stops: its timers stop and its seats are free for another terminal."""
        self.watch.stop()
        held, self.held_seats = self.held_seats, []
        try:
            self.game.live.close_seats(held, self.holder)
        except Exception:  # the leases lapse by themselves in a few seconds
            pass

    def taken_over(self, seats: list[str]) -> None:
        from exercise.tui.screens.taken_over import TakenOverScreen

        self.read_only = True
        self.held_seats = [s for s in self.held_seats if s not in seats]
        self.app.show_main(TakenOverScreen(self, seats, served=bool(os.environ.get(SERVED_ENV))))

    def take_back(self) -> None:
        def unlocked(ok: bool) -> None:
            if ok:
                self._take_seats(takeover=True)

        self.app.unlock(self.game, self.seats_here[0] if len(self.seats_here) == 1 else None, unlocked)

    # --- moving on ----------------------------------------------------------------------
    def next_seat(self) -> None:
        if self.read_only:
            return
        if self.game.turn != self.shown_turn:  # a turn resolved that this terminal has not shown
            self.show_results()
            return
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
                self.show_waiting()
        elif not here and not self.white:
            self.app.notify("No human seat is left at this keyboard.", severity="warning")
            self.show_waiting()
        else:
            self.resolve(force=False)

    def show_waiting(self) -> None:
        from exercise.tui.screens.waiting import WaitingScreen

        here = self.seats_here
        self.app.show_main(WaitingScreen(self.game, self, here[0] if len(here) == 1 else None))

    def show_seat(self, seat: str) -> None:
        from exercise.tui.screens.privacy import PrivacyScreen
        from exercise.tui.screens.seat import SeatScreen

        def open_desk() -> None:
            self.app.show_main(SeatScreen(self.game, seat, self))

        if self.hotseat:
            name = seat_label(self.game.scenario, seat)
            self.app.show_main(
                PrivacyScreen(
                    name,
                    open_desk,
                    note=f"Turn {self.shown_turn + 1}: {name} gives orders. Everyone else, please look away.",
                )
            )
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
            self.app.show_main(
                PrivacyScreen(
                    "the white cell (facilitator)",
                    self.show_white,
                    note="The white cell sees every seat's instructions.",
                )
            )

    def leave_white_cell(self) -> None:
        if self.white:
            self.leave(confirm=False)
        else:
            self.next_seat()

    def edit(self, seat: str) -> None:
        self.show_seat(seat)

    def leave(self, confirm: bool = True) -> None:
        """Leave the game: to the home screen, or (a terminal locked to its seat) close it."""
        if not confirm:
            self._leave()
            return
        from exercise.tui.screens.prompt import ChoiceScreen

        who = ", ".join(seat_label(self.game.scenario, s) for s in self.held_seats) or "this game"
        if self.locked:
            question = f"Leave {who} and close this terminal?"
            note = "Picked orders are kept. Coming back needs the seat's code."
        else:
            question = f"Leave {who}?"
            note = "Picked orders are kept: Continue on the home screen brings you back to them."

        def chosen(choice: str | None) -> None:
            if choice == "leave":
                self._leave()

        self.app.push_screen(ChoiceScreen(question, [("leave", "Leave"), ("stay", "Stay")], note=note), chosen)

    def _leave(self) -> None:
        self.close()
        if self.locked:
            self.app.exit()
        else:
            self.app.go_home()

    # --- the save changed (another terminal wrote) ----------------------------------------
    def save_changed(self) -> None:
        if self.read_only or self.resolving:
            return
        if self.game.turn != self.shown_turn:
            self.show_results()
            return
        refresh = getattr(self.app.screen, "live_refresh", None)
        if refresh is None:  # a dialog is open: the main screen below it refreshes
            main = self.app.main_screen()
            refresh = getattr(main, "live_refresh", None)
        if refresh is not None:
            refresh()

    # --- orders and resolution ------------------------------------------------------------
    def submit(self, seat: str, orders: list, version: int | None) -> bool:
        from exercise.errors import AlreadyResolved, StaleOrders

        try:
            self.game.submit(seat, orders, for_turn=self.shown_turn + 1, version=version)
        except AlreadyResolved:
            self.app.notify(
                f"Turn {self.shown_turn + 1} has been resolved meanwhile; here are its results. "
                "Your orders were not recorded.",
                title="Too late for that turn",
                severity="warning",
                timeout=10,
            )
            self.show_results()
            return False
        except StaleOrders as exc:
            self.app.notify(describe(exc), title="Orders changed elsewhere", severity="warning", timeout=10)
            self.show_seat(seat)
            return False
        except Exception as exc:
            self.app.notify(describe(exc), title="Orders not accepted", severity="error", timeout=8)
            return False
        self.app.notify(f"Orders of {seat_label(self.game.scenario, seat)} submitted.", timeout=3)
        self.next_seat()
        return True

    def save_draft(self, seat: str, orders: list, version: int | None) -> int | None:
        """Keep the orders picked so far; the new version, or None if they could not be kept."""
        from exercise.errors import AlreadyResolved, StaleOrders

        try:
            return self.game.live.save_draft(seat, orders, for_turn=self.shown_turn + 1, version=version)
        except AlreadyResolved:
            self.save_changed()
        except StaleOrders as exc:
            self.app.notify(describe(exc), title="Orders changed elsewhere", severity="warning", timeout=10)
            self.show_seat(seat)
        except Exception as exc:
            self.app.notify(describe(exc), title="Picked orders not kept", severity="warning", timeout=8)
        return None

    def resolve(self, force: bool = False, missing: str = "pass") -> None:
        self._resolve_in_background(
            lambda: self.game.resolve(force=force, missing=missing, for_turn=self.shown_turn + 1)
        )

    def resolve_at_zero(self, done: Callable[[], None]) -> None:
        """The round clock ran out and the white cell chose to resolve then."""
        self._resolve_in_background(lambda: self.game.resolve_if_time_is_up(for_turn=self.shown_turn + 1), done=done)

    def _resolve_in_background(self, call: Callable[[], object], done: Callable[[], None] | None = None) -> None:
        if self.resolving:
            if done is not None:
                done()
            return
        from exercise.tui.screens.busy import BusyScreen

        self.resolving = True
        before = self.shown_turn
        self.app.show_main(BusyScreen(f"Resolving turn {before + 1}…"))

        def work() -> None:
            try:
                from exercise.errors import AlreadyResolved

                try:
                    call()
                except AlreadyResolved:
                    pass  # another terminal resolved it first: just show what happened
                heap.reclaim()  # the screens of the turn are garbage; everyone is waiting anyway
            except Exception as exc:
                self.app.call_from_thread(self._failed, exc, done)
                return
            self.app.call_from_thread(self._resolved, before, done)

        # Not exclusive: `resolving` already keeps resolves one at a time, and an exclusive worker
        # started while the last one's thread still waits on its call_from_thread (resolving is
        # already False then) would cancel that finishing worker.
        self.app.run_worker(work, thread=True, group="resolve", exit_on_error=False)

    def _failed(self, exc: Exception, done: Callable[[], None] | None) -> None:
        self.resolving = False
        if done is not None:
            done()
        self.app.notify(describe(exc), title="The turn did not resolve", severity="error", timeout=10)
        if self.white:
            self.show_white()
        else:
            self.show_waiting()

    def _resolved(self, before: int, done: Callable[[], None] | None) -> None:
        self.resolving = False
        if done is not None:
            done()
        if self.game.turn == before:  # still waiting for someone
            self.show_white() if self.white else self.next_seat()
        else:
            self.show_results()

    def show_results(self) -> None:
        from exercise.tui.screens.results import TurnResultsScreen

        game = self.game
        turn = game.turn
        self.shown_turn = turn
        if self.white:
            viewer = None  # the white cell sees everything
        elif self.hotseat or not self.seats_here:
            viewer = ""  # the whole room may be watching: public events only
        else:
            viewer = self.seats_here[0]
        from exercise.tui.presenters.turn_digest import turn_digest  # a game's, not the home screen's

        digest = turn_digest(game.state(turn - 1), game.state(turn), game.events(turn), seat=viewer)
        after = self.show_white if self.white and not self.game_over() else self.next_seat
        self.app.show_main(TurnResultsScreen(digest, game.scenario.turns, after, game_over=self.game_over(), game=game))

    def finish(self) -> None:
        from exercise.engine.debrief import debrief
        from exercise.store.history import history
        from exercise.tui.screens.final import FinalScreen

        def done(choice: str) -> None:
            if choice == "replay" and not self.locked:
                self.close()
                self.app.open_replay(self.game.path)
            else:
                self.leave(confirm=False)

        seats = None if self.white else self.seats_here or None
        self.app.show_main(
            FinalScreen(self.game.state(), seats, done, debrief(history(self.game), seats), locked=self.locked)
        )


def _blank():
    from exercise.tui.screens.busy import BusyScreen

    return BusyScreen("")
