"""The live session of a save: join codes, who has each seat open, drafts, the round clock.

`game.live` holds these for an open Game. None of it is part of a turn (nothing here is hashed,
replayed by `verify` or copied by `branch`); every write is a short BEGIN IMMEDIATE
transaction like the Game's own, so any number of terminals can share the file.

- Codes: `issue_codes` returns new codes once and stores salted digests; `unlocks(seat, code)`
  is True for the seat's own code or the white cell's.
- Leases: a terminal that opens a seat holds its lease and renews it with `heartbeat` every
  few seconds; another terminal is refused (`SeatTaken`) unless it takes over, and the one
  taken over learns it at its next heartbeat. A crashed terminal's lease lapses on its own.
- Drafts: the orders a seat has picked for the next turn, with a version; a write based on an
  older version (another terminal changed them meanwhile) is refused with `StaleOrders`.
- Clock: a countdown per round, kept as a deadline so every process computes the same time
  left; at zero the white cell's choice applies (`Game.resolve_if_time_is_up`).
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from exercise.core.orders import Order
from exercise.core.seats import FACILITATOR, HUMAN
from exercise.errors import SaveError, SeatTaken, StaleOrders
from exercise.store import codes as codebook
from exercise.store import queries as q
from exercise.store.codec import orders_from_text, orders_text
from exercise.store.records import AT_ZERO, Clock, Draft, Lease
from exercise.store.schema import GAME_ID, DraftRow, LeaseRow, RoleRow, SeatCodeRow, SessionRow

if TYPE_CHECKING:
    from exercise.store.game import Game

LEASE_SECONDS = 15.0  # a terminal silent this long has gone (closed, crashed, unplugged)


def parse_round(text: str) -> float:
    """A round's length as people write it: "15m", "90s", "1h", "1h30m", "12:30" or "10"
    (minutes). SaveError in one line otherwise."""
    words = text.strip().lower().replace(" ", "")
    seconds = None
    if re.fullmatch(r"\d+(\.\d+)?", words):
        seconds = float(words) * 60
    elif re.fullmatch(r"\d+:\d{2}", words):
        minutes, secs = words.split(":")
        seconds = int(minutes) * 60 + int(secs)
    elif words and re.fullmatch(r"(\d+(\.\d+)?h)?(\d+(\.\d+)?m)?(\d+(\.\d+)?s)?", words):
        seconds = sum(
            float(n) * {"h": 3600, "m": 60, "s": 1}[unit] for n, unit in re.findall(r"(\d+(?:\.\d+)?)([hms])", words)
        )
    if seconds is None or not 0 < seconds <= 24 * 3600:
        raise SaveError(f"{text!r} is not a round length (write 15m, 90s, 1h30m or 12:30; at most 24 hours)")
    return float(seconds)


def here() -> str:
    """Where this terminal is, as shown to whoever finds its seat open ("laptop-3, pid 4411")."""
    return os.environ.get("EXERCISE_PLACE") or f"{socket.gethostname()}, pid {os.getpid()}"


def session_row(s: Session) -> SessionRow:
    """The save's session row, made on first use (saves from before live sessions have none)."""
    row = s.get(SessionRow, GAME_ID)
    if row is None:
        row = SessionRow(
            game_id=GAME_ID,
            web_secret=secrets.token_hex(16),
            round_seconds=0.0,
            clock="off",
            deadline=0.0,
            remaining=0.0,
            at_zero="warn",
            clock_turn=0,
        )
        s.add(row)
        s.flush()
    return row


def watcher_seats(s: Session) -> list[str]:
    """The evaluator and observer seats (store/evaluation.py), sorted."""
    return sorted(s.scalars(select(RoleRow.role).where(RoleRow.game_id == GAME_ID, RoleRow.kind != "team")))


def clock_of(row: SessionRow | None, latest: int, now: float) -> Clock:
    if row is None or row.clock == "off" or row.round_seconds <= 0:
        return Clock("off", 0.0, 0.0, "warn", latest + 1)
    remaining = row.deadline - now if row.clock == "running" else row.remaining
    # a clock left over from a turn since resolved counts as the new turn's, from the start
    if row.clock_turn != latest + 1:
        remaining = row.round_seconds
    return Clock(row.clock, row.round_seconds, remaining, row.at_zero, latest + 1)


def restart_clock(s: Session, new_turn: int, now: float) -> None:
    """A turn resolved: the clock, if on, counts the next round from its full length."""
    row = s.get(SessionRow, GAME_ID)
    if row is None or row.clock == "off":
        return
    row.clock_turn = new_turn + 1
    if row.clock == "running":
        row.deadline = now + row.round_seconds
    else:
        row.remaining = row.round_seconds


def bump_draft(s: Session, seat: str, turn: int, orders: list[Order], version: int | None) -> int:
    """Write `seat`'s draft for `turn`; refuse (StaleOrders) if it changed since `version`
    (None: the caller speaks for the seat whatever it held, e.g. the command line)."""
    row = s.get(DraftRow, (GAME_ID, seat))
    current = row.version if row is not None and row.turn == turn else 0
    if version is not None and version != current:
        when = row.updated_at[11:16] if row is not None else "?"
        raise StaleOrders(
            f"{seat}: the orders were changed at another terminal at {when} UTC; "
            "they are shown again here, check them and submit again"
        )
    text = orders_text(orders)
    if row is None:
        s.add(DraftRow(game_id=GAME_ID, seat=seat, turn=turn, orders=text, version=current + 1, updated_at=q.now()))
    else:
        row.turn, row.orders, row.version, row.updated_at = turn, text, current + 1, q.now()
    return current + 1


class Live:
    """The live-session side of one open Game (see the module's docstring)."""

    def __init__(self, game: Game) -> None:
        self._game = game

    # --- codes ---------------------------------------------------------------------------
    def has_codes(self) -> bool:
        with self._game._read() as s:
            return s.scalar(select(SeatCodeRow.seat).where(SeatCodeRow.game_id == GAME_ID).limit(1)) is not None

    def coded_seats(self) -> dict[str, str]:
        """seat -> when its code was issued ("@white": the white cell)."""
        with self._game._read() as s:
            rows = s.execute(
                select(SeatCodeRow.seat, SeatCodeRow.issued_at)
                .where(SeatCodeRow.game_id == GAME_ID)
                .order_by(SeatCodeRow.seat)
            )
            return dict(rows.all())

    def issue_codes(self, seats: Iterable[str] | None = None) -> dict[str, str]:
        """New codes for `seats` (default: the white cell and every human seat), replacing any
        they had. The codes are returned once; the save keeps only their digests."""
        game = self._game
        with game._write() as s:
            controllers = q.controllers(s)
            roles = watcher_seats(s)  # evaluators and observers: codes like any seat
            wanted = (
                sorted(set(seats))
                if seats is not None
                else [FACILITATOR, *(seat for seat, c in controllers.items() if c == HUMAN), *roles]
            )
            for seat in wanted:
                if seat != FACILITATOR and seat not in controllers and seat not in roles:
                    raise SaveError(
                        f"{game.path}: there is no seat {seat!r} (seats: {', '.join(sorted([*controllers, *roles]))})"
                    )
            issued = {seat: codebook.new_code() for seat in wanted}
            stamp = q.now()
            for seat, code in issued.items():
                salt, digest = codebook.new_digest(code)
                row = s.get(SeatCodeRow, (GAME_ID, seat))
                if row is None:
                    s.add(SeatCodeRow(game_id=GAME_ID, seat=seat, salt=salt, digest=digest, issued_at=stamp))
                else:
                    row.salt, row.digest, row.issued_at = salt, digest, stamp
            names = ", ".join("white cell" if seat == FACILITATOR else seat for seat in wanted)
            game._audit(s, "codes", f"new codes for {names}", (FACILITATOR,))
        return issued

    def unlocks(self, seat: str, code: str) -> bool:
        """True if `code` opens `seat`: its own code, or the white cell's (which opens every
        seat). A save without codes is open to all. `seat` "@white": the white cell's only."""
        with self._game._read() as s:
            rows = {r.seat: r for r in s.scalars(select(SeatCodeRow).where(SeatCodeRow.game_id == GAME_ID))}
        if not rows:
            return True
        for who in dict.fromkeys((seat, FACILITATOR)):
            row = rows.get(who)
            if row is not None and codebook.matches(code, row.salt, row.digest):
                return True
        return False

    # --- leases --------------------------------------------------------------------------
    def leases(self, now: float | None = None) -> list[Lease]:
        """The seats open somewhere now (leases whose heartbeat is recent)."""
        now = time.time() if now is None else now
        with self._game._read() as s:
            rows = s.scalars(select(LeaseRow).where(LeaseRow.game_id == GAME_ID).order_by(LeaseRow.seat))
            return [_lease(r) for r in rows if now - r.heartbeat < LEASE_SECONDS]

    def open_seats(
        self, seats: Iterable[str], holder: str, *, takeover: bool = False, place: str | None = None
    ) -> None:
        """Take the leases of `seats` for this terminal. SeatTaken (naming where and since
        when) if another live terminal holds one, unless `takeover`: then that terminal turns
        read-only at its next heartbeat, and the white cell's audit trail says so."""
        game, now, place = self._game, time.time(), place or here()
        with game._write() as s:
            rows = {seat: s.get(LeaseRow, (GAME_ID, seat)) for seat in seats}
            for seat, row in rows.items():
                if row is not None and row.holder != holder and now - row.heartbeat < LEASE_SECONDS and not takeover:
                    raise SeatTaken(seat, row.place, row.opened_at)
            for seat, row in rows.items():
                if row is not None and row.holder != holder and now - row.heartbeat < LEASE_SECONDS:
                    game._audit(s, "taken over", f"{seat}: from {row.place} to {place}", (FACILITATOR,))
                if row is None:
                    s.add(
                        LeaseRow(
                            game_id=GAME_ID, seat=seat, holder=holder, place=place, opened_at=q.now(), heartbeat=now
                        )
                    )
                elif row.holder != holder:
                    row.holder, row.place, row.opened_at, row.heartbeat = holder, place, q.now(), now
                else:
                    row.heartbeat = now

    def heartbeat(self, seats: Iterable[str], holder: str) -> list[str]:
        """Renew this terminal's leases; returns the seats it no longer holds (taken over)."""
        game, now = self._game, time.time()
        lost: list[str] = []
        seats = list(seats)
        if not seats:
            return lost
        with game._write() as s:
            for seat in seats:
                row = s.get(LeaseRow, (GAME_ID, seat))
                if row is None or row.holder != holder:
                    # another terminal opened it since (a takeover, or after this one's lease
                    # lapsed), even if that one has closed it or gone quiet again: this terminal
                    # was displaced and must say so, not carry on as if nothing happened
                    lost.append(seat)
                else:
                    # this terminal's own lease, even if it lapsed (the machine slept) and
                    # nobody else came meanwhile: carry on holding it
                    row.heartbeat = now
        return lost

    def close_seats(self, seats: Iterable[str], holder: str) -> None:
        """Give up this terminal's leases (leaving the seat, quitting)."""
        seats = list(seats)
        if not seats or self._game.read_only:
            return
        with self._game._write() as s:
            s.execute(
                delete(LeaseRow).where(LeaseRow.game_id == GAME_ID, LeaseRow.seat.in_(seats), LeaseRow.holder == holder)
            )

    # --- drafts --------------------------------------------------------------------------
    def draft(self, seat: str) -> Draft:
        """What `seat` has picked for the next turn: its draft, else its submitted orders."""
        game = self._game
        with game._read() as s:
            turn = q.latest_turn(s) + 1
            pending = q.pending(s, turn)
            row = s.get(DraftRow, (GAME_ID, seat))
            submitted = seat in pending
            if row is not None and row.turn == turn:
                return Draft(turn, tuple(orders_from_text(row.orders, seat)), row.version, submitted)
            orders = tuple(orders_from_text(pending[seat], seat)) if submitted else ()
            return Draft(turn, orders, 0, submitted)

    def save_draft(self, seat: str, orders: list[Order], *, for_turn: int, version: int | None) -> int:
        """Keep `seat`'s picked orders (not submitted) for `for_turn`; returns the new version.
        AlreadyResolved if that turn is done; StaleOrders if another terminal changed them."""
        game = self._game
        with game._write() as s:
            latest = game._expect(s, for_turn)
            if seat not in q.controllers(s):
                raise SaveError(f"{game.path}: there is no seat {seat!r}")
            return bump_draft(s, seat, latest + 1, list(orders), version)

    # --- the round clock -------------------------------------------------------------------
    def clock(self, now: float | None = None) -> Clock:
        now = time.time() if now is None else now
        with self._game._read() as s:
            latest = q.latest_turn(s)
            if latest >= self._game.scenario.turns:  # the game is over: no round to count down
                return clock_of(None, latest, now)
            return clock_of(s.get(SessionRow, GAME_ID), latest, now)

    def set_clock(self, seconds: float, *, at_zero: str | None = None, start: bool = True) -> Clock:
        """A round of `seconds` from now (running, or paused at full length); 0 turns it off."""
        if not 0 <= seconds <= 24 * 3600:
            raise SaveError(f"the round clock takes 0 to 24 hours, not {seconds:g} seconds")
        if at_zero is not None and at_zero not in AT_ZERO:
            raise SaveError(f"at zero the clock can {', '.join(AT_ZERO)}, not {at_zero!r}")
        game, now = self._game, time.time()
        with game._write() as s:
            row, latest = session_row(s), q.latest_turn(s)
            row.round_seconds, row.clock_turn = float(seconds), latest + 1
            # set to start while the game is paused: held, so it runs when the game resumes
            row.clock = "off" if seconds == 0 else ("paused" if not start else "held" if q.paused(s) else "running")
            row.deadline, row.remaining = now + seconds, float(seconds)
            if at_zero is not None:
                row.at_zero = at_zero
            detail = "off" if seconds == 0 else f"{_minutes(seconds)} a round, {row.clock}; at zero: {row.at_zero}"
            game._audit(s, "clock", detail, (FACILITATOR,))
            return clock_of(row, latest, now)

    def pause_clock(self) -> Clock:
        return self._change_clock("paused", lambda row, now: _stop(row, now, "paused"))

    def resume_clock(self) -> Clock:
        return self._change_clock("running", _run)

    def extend_clock(self, seconds: float) -> Clock:
        if not -24 * 3600 <= seconds <= 24 * 3600:
            raise SaveError(f"the clock extends by at most 24 hours, not {seconds:g} seconds")

        def extend(row: SessionRow, now: float) -> str:
            if row.clock == "running":
                row.deadline = max(now, row.deadline) + seconds
            else:
                row.remaining = max(0.0, row.remaining) + seconds
            return f"{'+' if seconds >= 0 else '-'}{_minutes(abs(seconds))}"

        return self._change_clock("extended", extend)

    def restart_clock(self) -> Clock:
        def restart(row: SessionRow, now: float) -> str:
            row.deadline, row.remaining = now + row.round_seconds, row.round_seconds
            return f"{_minutes(row.round_seconds)} from now"

        return self._change_clock("restarted", restart)

    def set_at_zero(self, choice: str) -> Clock:
        if choice not in AT_ZERO:
            raise SaveError(f"at zero the clock can {', '.join(AT_ZERO)}, not {choice!r}")

        def at_zero(row: SessionRow, now: float) -> str:
            row.at_zero = choice
            return f"at zero: {choice}"

        return self._change_clock("at zero", at_zero)

    def _change_clock(self, action: str, change) -> Clock:
        game, now = self._game, time.time()
        with game._write() as s:
            row, latest = session_row(s), q.latest_turn(s)
            if row.clock == "off":
                raise SaveError(f"{game.path}: the round clock is off; set a round length first")
            if row.clock_turn != latest + 1:  # left over from a resolved turn: a fresh round
                row.clock_turn, row.deadline, row.remaining = latest + 1, now + row.round_seconds, row.round_seconds
            detail = change(row, now) or ""
            if row.clock == "running" and q.paused(s):  # the game's pause holds it: runs on resume
                _stop(row, now, "held")
            game._audit(s, f"clock {action}", detail, (FACILITATOR,))
            return clock_of(row, latest, now)

    def web_token(self, seat: str) -> str:
        """The token in a seat's web address (`exercise serve`): derived from the save's secret."""
        if self._game.read_only:
            with self._game._read() as s:
                row = s.get(SessionRow, GAME_ID)
                if row is None:
                    raise SaveError(f"{self._game.path}: has no web secret yet; open it for play once")
                return codebook.web_token(row.web_secret, seat)
        with self._game._write() as s:
            return codebook.web_token(session_row(s).web_secret, seat)


def hold_clock(s: Session, now: float) -> None:
    """The game was paused: a running clock stops with it (and restarts on resume)."""
    row = s.get(SessionRow, GAME_ID)
    if row is not None and row.clock == "running":
        _stop(row, now, "held")


def release_clock(s: Session, now: float) -> None:
    row = s.get(SessionRow, GAME_ID)
    if row is not None and row.clock == "held":
        _run(row, now)


def _stop(row: SessionRow, now: float, state: str) -> str:
    if row.clock == "running":
        row.remaining = row.deadline - now
    row.clock = state
    return f"{_minutes(max(0.0, row.remaining))} left"


def _run(row: SessionRow, now: float) -> str:
    if row.clock != "running":
        row.deadline = now + max(0.0, row.remaining)
    row.clock = "running"
    return f"{_minutes(max(0.0, row.deadline - now))} left"


def _minutes(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _lease(row: LeaseRow) -> Lease:
    return Lease(row.seat, row.holder, row.place, row.opened_at, row.heartbeat)
