"""What a seat may know of the negotiation (`View.talk`): what it heard this turn, the offers
made to it, its own deals and who it trusts, and everyone's public reputation. It never shows
another pair's secret deal or another seat's trust."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercise.core.state import Coalition, Commitment, GameState
from exercise.engine.commitments import undelivered

if TYPE_CHECKING:  # the board imports views, which hold this window
    from exercise.engine.talk import OfferRecord, TalkBoard, TalkEntry


class TalkWindow:
    def __init__(self, state: GameState, seat: str | None, board: TalkBoard | None):
        self._state = state
        self._seat = seat
        self._board = board
        self.turn = state.turn + 1  # the turn being talked through

    @property
    def board(self) -> TalkBoard | None:
        return self._board

    def heard(self) -> list[TalkEntry]:
        return self._board.heard_by(self._seat) if self._board is not None else []

    def open_offers(self) -> list[OfferRecord]:
        """Offers made to this seat this turn that still wait for its answer."""
        if self._board is None or self._seat is None:
            return []
        return self._board.open_offers(self._seat)

    def offers_made(self) -> list[OfferRecord]:
        if self._board is None:
            return []
        return [r for r in self._board.offers.values() if self._seat is None or r.offerer == self._seat]

    def commitments(self) -> list[Commitment]:
        """This seat's open deals (every deal for the white cell), those accepted this turn
        included: what it must give, by when."""
        me = self._seat
        deals = [c.clone() for c in self._state.commitments if me is None or me in c.promises]
        if self._board is not None:
            deals += [r.commitment(self.turn) for r in self._board.accepted() if me is None or me in r.parties]
        return deals

    def due_now(self) -> list[Commitment]:
        """Deals this seat must still deliver on by the end of the turn being played."""
        me = self._seat
        return [c for c in self.commitments() if c.due == self.turn and me is not None and undelivered(c, me)]

    def trust_in(self, other: str) -> float:
        """This seat's own trust in `other` (1 unless `other` broke a deal with it)."""
        if self._seat is None:
            return 1.0
        return self._state.trust.get(self._seat, {}).get(other, 1.0)

    def reputation(self, seat: str) -> float:
        """Public: 1 unless `seat` broke an announced deal."""
        return self._state.reputation.get(seat, 1.0)

    def credibility(self, speaker: str) -> float:
        return self.trust_in(speaker) * self.reputation(speaker)

    def coalitions(self) -> list[Coalition]:
        """Coalitions this seat is in or invited to (all of them for the white cell)."""
        pool = self._board.coalitions if self._board is not None else self._state.coalitions
        me = self._seat
        return [pool[k].clone() for k in sorted(pool) if me is None or me in pool[k].members or me in pool[k].invited]
