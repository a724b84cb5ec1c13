"""Deals that bind: after the orders phase, each open commitment collects the promised orders
its parties gave this turn, and when it falls due each party has kept or broken its side.

Breaking a deal costs trust. The wronged party's trust in the breaker drops by `trust_break`,
and when the deal was announced (everyone saw it) so does the breaker's public reputation, by
`reputation_break`. Both heal a little every turn, toward 1:

    trust      <- trust + trust_recovery * (1 - trust)          (dropped from the state near 1)
    credibility(listener, speaker) = trust[listener][speaker] * reputation[speaker]

Credibility scales how hard the speaker's lobbying pushes the listener (orders_phase) and how
much scripted seats value its offers (strategies/negotiation.py).

A promise is delivered by the same order, or for assistance by at least the promised amount to
the same seat on the same norm.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from exercise.core.events import DealSettled
from exercise.core.orders import Assist, Order, parse_order
from exercise.core.state import Commitment, GameState, round_stored
from exercise.engine.log import EventLog

HEALED = 0.999  # trust this close to 1 is 1 again, and leaves the state


def covers(given: Order, promised: Order) -> bool:
    if given == promised:
        return True
    return (
        isinstance(given, Assist)
        and isinstance(promised, Assist)
        and (given.target, given.norm) == (promised.target, promised.norm)
        and given.amount >= promised.amount
    )


def undelivered(commitment: Commitment, seat: str) -> list[str]:
    """The orders `seat` promised in `commitment` and has not given yet."""
    done = commitment.delivered.get(seat, [])
    return [p for p in commitment.promises[seat] if p not in done]


def missing_from(commitment: Commitment, seat: str, orders: Sequence[Order]) -> list[str]:
    """What `seat` would still owe if it gave `orders` this turn (the desk's warning)."""
    return [p for p in undelivered(commitment, seat) if not any(covers(o, parse_order(p, seat)) for o in orders)]


def run_commitments(state: GameState, log: EventLog, orders: Mapping[str, Sequence[Order]]) -> None:
    m = state.scenario.model
    _heal(state, m.trust_recovery)
    still_open = []
    for commitment in state.commitments:
        for seat in commitment.parties:
            given = orders.get(seat, ())
            for promise in undelivered(commitment, seat):
                if any(covers(o, parse_order(promise, seat)) for o in given):
                    commitment.delivered.setdefault(seat, []).append(promise)
        if state.turn < commitment.due:
            still_open.append(commitment)
            continue
        for seat in commitment.parties:
            _settle(state, log, commitment, seat, m.trust_break, m.reputation_break)
    state.commitments = still_open


def _settle(
    state: GameState, log: EventLog, commitment: Commitment, seat: str, trust_break: float, reputation_break: float
) -> None:
    (other,) = [p for p in commitment.parties if p != seat]
    missing = undelivered(commitment, seat)
    if missing:
        trusting = state.trust.setdefault(other, {})
        trusting[seat] = round_stored(max(0.0, trusting.get(seat, 1.0) - trust_break))
        if commitment.announced:
            state.reputation[seat] = round_stored(max(0.0, state.reputation.get(seat, 1.0) - reputation_break))
    log.add(
        DealSettled,
        audience=() if commitment.announced else tuple(commitment.parties),
        deal=commitment.id,
        seat=seat,
        outcome="broken" if missing else "kept",
        promised=tuple(commitment.promises[seat]),
        missing=tuple(missing),
        trust=state.trust.get(other, {}).get(seat, 1.0),
        reputation=state.reputation.get(seat, 1.0),
    )


def _heal(state: GameState, rate: float) -> None:
    for truster in sorted(state.trust):
        row = state.trust[truster]
        for trustee in sorted(row):
            healed = round_stored(row[trustee] + rate * (1.0 - row[trustee]))
            if healed >= HEALED:
                del row[trustee]
            else:
                row[trustee] = healed
        if not row:
            del state.trust[truster]
    for seat in sorted(state.reputation):
        healed = round_stored(state.reputation[seat] + rate * (1.0 - state.reputation[seat]))
        if healed >= HEALED:
            del state.reputation[seat]
        else:
            state.reputation[seat] = healed
