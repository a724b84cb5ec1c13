"""The talk of a save (`game.talk`): lines said during a turn, stored in order as they are said.

A turn's talk is an input of the turn, like its orders: `resolve` builds the turn's TalkBoard
(engine/talk.py) from the stored lines and resolves with it, `verify` re-resolves with it and
`branch` keeps it. The board is always rebuilt on the last resolved state plus the turn's stored
lines, so a line is checked against everything said before it, whichever terminal said it.

    post(seat, line, for_turn=None) -> TalkEntry   check, store and return the line; when it is
                                                   an offer to a scripted seat, that seat's answer
                                                   is stored at once too (answer_at_once)
    problem(seat, line) -> str | None              why `seat` could not say `line` now (one line)
    open_turn(for_turn=None) -> bool               run the scripted seats' talk phase of the turn
                                                   being played if it has not run (True if now)
    board(turn=None) -> TalkBoard                  the talk of resolved `turn`, or (None) of the
                                                   turn being played
    heard(viewer, turn=None) -> list[TalkEntry]    what `viewer` heard (None: the white cell, all)
    window(viewer, turn=None) -> TalkWindow        `viewer`'s window on it (open offers, deals due,
                                                   trust): View.talk for that turn
    lines(turn) -> list[tuple[str, Talk]]          the stored log of `turn`, in order
    version() -> int                               changes whenever a line is stored or a turn's
                                                   talk opens (poll it; `game.changes()` is cheaper)

The scripted seats' talk phase runs once per turn, at its opening: when the turn is first talked
in or resolved, whichever comes first. It runs on an empty board (before any human line), so it
depends on the state, the seed and the controllers only, and is marked in the save.
Posting for a turn that was resolved meanwhile raises AlreadyResolved, like stale orders.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exercise.core.orders import Order
from exercise.core.seats import FACILITATOR
from exercise.core.state import GameState
from exercise.core.talk import Talk, parse_talk
from exercise.engine.commitments import missing_from
from exercise.engine.talk import TalkBoard, TalkEntry
from exercise.engine.talk_window import TalkWindow
from exercise.errors import OrderError, ReplayError, SaveError
from exercise.store import queries as q
from exercise.store.schema import GAME_ID, TalkOpeningRow, TalkRow
from exercise.strategies import answer_at_once, scripted_talk

if TYPE_CHECKING:
    from exercise.store.game import Game


def stored_lines(s: Session, turn: int) -> list[tuple[str, Talk]]:
    """The talk log of `turn` as stored, in order."""
    rows = s.execute(
        select(TalkRow.seat, TalkRow.text)
        .where(TalkRow.game_id == GAME_ID, TalkRow.turn == turn)
        .order_by(TalkRow.index)
    )
    return [(seat, parse_talk(text, seat)) for seat, text in rows]


def store_entries(s: Session, turn: int, entries: list[TalkEntry]) -> None:
    stamp = q.now()
    for entry in entries:
        s.add(TalkRow(game_id=GAME_ID, turn=turn, index=entry.index, seat=entry.seat, text=entry.talk.text(), at=stamp))


def opened_board(s: Session, state: GameState, seed: int, controllers: Mapping[str, str]) -> TalkBoard:
    """The board of the turn after `state` (the last resolved one) with its stored lines; its
    scripted talk phase is run and stored first if it has not run yet (inside the caller's
    write transaction)."""
    turn = state.turn + 1
    board = TalkBoard(state, stored_lines(s, turn))
    if s.get(TalkOpeningRow, (GAME_ID, turn)) is None:
        # The opening always comes before any other line, so it sees an empty board.
        if not board.entries:
            store_entries(s, turn, scripted_talk(state, seed, controllers, board))
        s.add(TalkOpeningRow(game_id=GAME_ID, turn=turn, opened_at=q.now()))
    return board


def deal_warnings(window: TalkWindow, seat: str, orders: Sequence[Order]) -> list[str]:
    """One line per deal due this turn that `orders` would break: what `seat` would still owe."""
    lines = []
    for deal in window.due_now():
        missing = missing_from(deal, seat, orders)
        if missing:
            other = ", ".join(p for p in deal.parties if p != seat)
            lines.append(
                f"{seat}: these orders break deal {deal.id} with {other} (due turn {deal.due}): "
                f"it still owes {'; '.join(missing)}"
            )
    return lines


class GameTalk:
    def __init__(self, game: Game) -> None:
        self._game = game

    # -- saying things ---------------------------------------------------------------------

    def post(self, seat: str, line: str | Talk, *, for_turn: int | None = None) -> TalkEntry:
        """Check `line` as `seat` saying it now and store it (OrderError naming seat and line
        if it cannot be said: nothing is stored). An offer to a scripted seat is answered at
        once (the answer is stored with it; read it with `heard`)."""
        game = self._game
        talk = parse_talk(line, seat) if isinstance(line, str) else line
        with game._write() as s:
            latest = game._expect(s, for_turn)
            controllers = q.controllers(s)
            if seat != FACILITATOR and seat not in controllers:
                raise SaveError(f"{game.path}: there is no seat {seat!r}")
            state = game._state_at(s, latest, latest)
            board = opened_board(s, state, game.seed, controllers)
            entry = board.add(seat, talk)
            answers = answer_at_once(state, game.seed, controllers, board, entry)
            store_entries(s, latest + 1, [entry, *answers])
            return entry

    def problem(self, seat: str, line: str | Talk) -> str | None:
        """Why `seat` could not say `line` now (the error's one line), or None. Stores nothing."""
        try:
            talk = parse_talk(line, seat) if isinstance(line, str) else line
            found = self.board().problem(seat, talk)
        except OrderError as exc:
            return str(exc)
        if found is None:
            return None
        error, reason = found
        return str(error(seat, talk.text(), reason))

    def open_turn(self, *, for_turn: int | None = None) -> bool:
        """Run the scripted seats' talk phase of the turn being played if it has not run: a
        terminal showing the turn calls it so its player sees the scripted offers at once.
        True if it ran now. A read-only save or a finished game: False."""
        game = self._game
        if game.read_only or game.finished:
            return False
        with game._write() as s:
            latest = game._expect(s, for_turn)
            if s.get(TalkOpeningRow, (GAME_ID, latest + 1)) is not None:
                return False
            opened_board(s, game._state_at(s, latest, latest), game.seed, q.controllers(s))
            return True

    # -- reading it -----------------------------------------------------------------------

    def lines(self, turn: int) -> list[tuple[str, Talk]]:
        with self._game._read() as s:
            return stored_lines(s, turn)

    def board(self, turn: int | None = None) -> TalkBoard:
        """The talk of resolved turn `turn`, rebuilt on the state it started from; None: the
        turn being played, as said so far."""
        game = self._game
        with game._read() as s:
            latest = q.latest_turn(s)
            turn = latest + 1 if turn is None else turn
            if not 1 <= turn <= latest + 1:
                raise ReplayError(f"{game.path}: there is no turn {turn} to talk in (turns 1 to {latest + 1})")
            state = game._state_at(s, turn - 1, latest)
            return TalkBoard(state, stored_lines(s, turn))

    def heard(self, viewer: str | None, turn: int | None = None) -> list[TalkEntry]:
        """What `viewer` heard in `turn` (default: the turn being played); None: everything."""
        return self.board(turn).heard_by(viewer)

    def window(self, viewer: str | None, turn: int | None = None) -> TalkWindow:
        """`viewer`'s window on the talk of `turn` (default: the turn being played): its open
        offers, its deals (those accepted this turn included), what is due now, its trust."""
        board = self.board(turn)
        return TalkWindow(board.state, viewer, board)

    def version(self) -> int:
        with self._game._read() as s:
            lines = s.scalar(select(func.count()).select_from(TalkRow)) or 0
            openings = s.scalar(select(func.count()).select_from(TalkOpeningRow)) or 0
            return lines + openings
