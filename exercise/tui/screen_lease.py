"""One terminal per evaluator seat, as for a team's seat (store/live.py leases): a screen that
writes as a seat takes its lease on opening, offers to take it over when another live
terminal holds it, renews it every HEARTBEAT_SECONDS and closes when it is taken over
elsewhere, so two terminals never score as the same evaluator at once."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from exercise.errors import SeatTaken
from exercise.store.records import HEARTBEAT_SECONDS, new_holder
from exercise.tui.screens.prompt import ChoiceScreen


class ScreenLease:
    def __init__(self, screen: Screen, game, seat: str) -> None:
        self.screen, self.game, self.seat = screen, game, seat
        self.holder = new_holder()
        self.held = False

    def take(self, then: Callable[[], None], *, takeover: bool = False) -> None:
        """Open the seat here, then `then()`; if another terminal has it, ask first."""
        try:
            self.game.live.open_seats([self.seat], self.holder, takeover=takeover)
        except SeatTaken as taken:
            self._offer_takeover(taken, then)
            return
        self.held = True
        self.screen.set_interval(HEARTBEAT_SECONDS, self._beat)
        then()

    def _offer_takeover(self, taken: SeatTaken, then: Callable[[], None]) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "take":
                self.take(then, takeover=True)
            else:
                self.screen.app.exit()

        self.screen.app.push_screen(
            ChoiceScreen(
                f"{self.seat} is open at another terminal ({taken.place}) since {taken.opened_at[11:16]} UTC.",
                [("take", "Take it over here: the other terminal closes and says why"), ("leave", "Leave it there")],
                note="Take over only if that terminal was left behind.",
            ),
            chosen,
        )

    def _beat(self) -> None:
        if not self.held:
            return
        try:
            lost = self.game.live.heartbeat([self.seat], self.holder)
        except Exception:  # a transient write error: the lease lasts until the next beat
            return
        if lost:
            self.held = False
            self.screen.app.exit(message=f"{self.seat} was opened at another terminal, which has it now.")

    def close(self) -> None:
        if self.held:
            self.held = False
            try:
                self.game.live.close_seats([self.seat], self.holder)
            except Exception:  # the lease lapses by itself in a few seconds
                pass
