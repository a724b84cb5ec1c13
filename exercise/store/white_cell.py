"""What the white cell does to a save besides resolving turns: hand seats to people or to
strategies, pause and resume, queue its own orders, and keep its audit trail. A mixin of
`Game` (store/game.py), which supplies the sessions, the event table and the live session."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlalchemy.orm import Session

from exercise.core.events import FacilitatorAction
from exercise.core.orders import FACILITATOR_ORDERS, Order
from exercise.core.seats import FACILITATOR, HUMAN
from exercise.engine import validate_orders
from exercise.errors import GameOver, OrderError, SaveError
from exercise.store import queries as q
from exercise.store.codec import orders_by_seat
from exercise.store.live import hold_clock, release_clock
from exercise.store.schema import GAME_ID, GameRow, SeatRow
from exercise.strategies import strategy_names

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from exercise.core.spec import Scenario
    from exercise.core.state import GameState
    from exercise.store.eventlog import EventTable
    from exercise.store.live import Live
    from exercise.store.paths import SaveAddress


class WhiteCellActions:
    if TYPE_CHECKING:  # what Game gives its white-cell actions
        path: SaveAddress
        scenario: Scenario
        live: Live
        _log: EventTable

        def _write(self) -> AbstractContextManager[Session]: ...
        def _state_at(self, s: Session, turn: int, latest: int) -> GameState: ...
        def _put_pending(self, s: Session, turn: int, seat: str, orders: list[Order]) -> None: ...

    def _audit(self, s: Session, action: str, detail: str, audience: tuple[str, ...]) -> None:
        turn = q.latest_turn(s) + 1  # the turn in play: audit events precede its results
        q.append_audit(s, self._log, [FacilitatorAction(turn=turn, audience=audience, action=action, detail=detail)])

    def set_controller(self, seat: str, controller: str) -> str | None:
        """Hand a seat to a human or to a named strategy (an audit event records it). In a save
        with join codes, a seat handed to people for the first time gets a code of its own,
        returned (once) for the white cell to hand out; otherwise None."""
        if controller != HUMAN and controller not in strategy_names():
            raise SaveError(
                f"{self.path}: {controller!r} is neither 'human' nor a strategy "
                f"(strategies: {', '.join(strategy_names())})"
            )
        with self._write() as s:
            row = s.get(SeatRow, (GAME_ID, seat))
            if row is None:
                raise SaveError(f"{self.path}: there is no seat {seat!r}")
            if row.controller == controller:
                return None
            old, row.controller = row.controller, controller
            self._audit(s, "control", f"{seat}: {old} -> {controller}", (FACILITATOR,))
        if controller == HUMAN and self.live.has_codes() and seat not in self.live.coded_seats():
            return self.live.issue_codes([seat])[seat]
        return None

    def pause(self) -> None:
        self._set_paused(True)

    def resume(self) -> None:
        self._set_paused(False)

    def _set_paused(self, paused: bool) -> None:
        with self._write() as s:
            if q.paused(s) == paused:
                return
            s.execute(update(GameRow).where(GameRow.id == GAME_ID).values(paused=paused))
            (hold_clock if paused else release_clock)(s, time.time())
            self._audit(s, "pause" if paused else "resume", "", ())  # every seat sees it is paused

    def facilitator_order(self, order: Order) -> None:
        """Queue a white-cell order (fire, salience, shock) for the next turn, after checking it."""
        if not isinstance(order, FACILITATOR_ORDERS):
            raise OrderError(FACILITATOR, order, "the white cell queues fire, salience or shock orders only")
        with self._write() as s:
            latest = q.latest_turn(s)
            if latest >= self.scenario.turns:
                raise GameOver(f"{self.path}: the game is over (all {self.scenario.turns} turns are played)")
            queued = orders_by_seat(q.pending(s, latest + 1).items()).get(FACILITATOR, [])
            validate_orders(self._state_at(s, latest, latest), {FACILITATOR: [*queued, order]})
            self._put_pending(s, latest + 1, FACILITATOR, [*queued, order])
            self._audit(s, "queued", str(order), (FACILITATOR,))

    def log_facilitator(self, action: str, detail: str = "") -> None:
        """A free-form line in the white cell's audit trail (seen by the facilitator only)."""
        with self._write() as s:
            self._audit(s, action, detail, (FACILITATOR,))
