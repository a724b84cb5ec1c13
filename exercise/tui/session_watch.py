"""Keeping one terminal current in a live session: the save is watched, the seat's lease kept.

Three timers, all cheap:
- every WATCH_SECONDS, `game.changes()` (one pragma) says whether any other terminal wrote;
  only then is the save read, and the flow told (a turn resolved: show its results, whatever
  screen this terminal is on; otherwise the screen refreshes what it shows);
- every HEARTBEAT_SECONDS, the seats this terminal plays renew their leases; a seat taken
  over at another terminal is reported to the flow;
- every second, the round clock: once it runs out and the white cell chose to resolve at zero,
  this terminal tries to resolve the turn (every terminal may; the save lets one succeed).
Writes run in threads, so a busy save never freezes the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercise.store.records import HEARTBEAT_SECONDS, WATCH_SECONDS

if TYPE_CHECKING:
    from exercise.tui.flow import PlayFlow


class SessionWatch:
    def __init__(self, flow: PlayFlow) -> None:
        self.flow = flow
        self.app = flow.app
        self._timers: list = []
        self._version: int | None = None
        self._beating = False
        self._clock_busy = False

    def start(self) -> None:
        if self._timers:
            return
        self._version = self._changes()
        self._timers = [
            self.app.set_interval(WATCH_SECONDS, self._watch),
            self.app.set_interval(HEARTBEAT_SECONDS, self._heartbeat),
            self.app.set_interval(1.0, self._clock),
        ]

    def stop(self) -> None:
        for timer in self._timers:
            timer.stop()
        self._timers = []

    def _changes(self) -> int | None:
        try:
            return self.flow.game.changes()
        except Exception:  # a transient read error: the next tick asks again
            return None

    def _watch(self) -> None:
        version = self._changes()
        if version is None or version == self._version:
            return
        self._version = version
        try:
            self.flow.save_changed()
        except Exception:  # the next change tries again; the screen must stay up
            pass

    def _heartbeat(self) -> None:
        flow = self.flow
        seats = flow.held_seats
        if self._beating or not seats:
            return
        self._beating = True

        def beat() -> None:
            try:
                lost = flow.game.live.heartbeat(seats, flow.holder)
            except Exception:
                lost = []
            finally:
                self._beating = False
            if lost:
                self.app.call_from_thread(flow.taken_over, lost)

        self.app.run_worker(beat, thread=True, group="heartbeat", exit_on_error=False)

    def _clock(self) -> None:
        flow = self.flow
        if self._clock_busy or flow.resolving or flow.read_only or flow.game.read_only:
            return
        try:
            clock = flow.game.live.clock()
        except Exception:
            return
        if not (clock.running and clock.expired and clock.at_zero != "warn"):
            return
        if clock.turn != flow.shown_turn + 1:
            return  # this terminal has not seen the turn before: the watch shows it first
        self._clock_busy = True
        flow.resolve_at_zero(done=self._clock_done)

    def _clock_done(self) -> None:
        self._clock_busy = False
