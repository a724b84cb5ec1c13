"""Phase 4: dissemination (breadth). Norms that someone holds spread along the tie graph.

For every delegation that does not yet hold a norm held by someone:

    pressure = appeal (see appeal.py)
             + will * social_weight * social_share     (tie- and power-weighted neighbours holding it)
             + will * cascade_weight * max(0, breadth - cascade_tipping)
             + noise (uniform +-diffusion_noise, from the game seed)

    will = clamp(alignment + 0.5, 0, 1): social pressure moves those whose values allow it;
    an actor whose values oppose the norm adopts last, if ever.

It adopts (at rhetoric) when pressure >= its own threshold. Thresholds differ between
delegations, so adoption cascades: each adopter raises its neighbours' social share, and past
the tipping share the cascade term speeds everyone up. All decisions use the state as it was at
the start of the phase, so the order of delegations never matters.
"""

from __future__ import annotations

from exercise.core.rng import stream
from exercise.core.state import GameState
from exercise.engine.appeal import NormTerms, alignment_and_will, appeal_of
from exercise.engine.forums import social_share
from exercise.engine.log import EventLog
from exercise.engine.metrics import breadth, total_power
from exercise.engine.orders_phase import adopt


def run_diffusion(state: GameState, log: EventLog, seed: int) -> None:
    scenario = state.scenario
    m = scenario.model
    rng = stream(seed, state.turn, "diffusion")
    total = total_power(state)
    ids = scenario.by_id.delegation_ids
    pending: list[tuple[str, str]] = []
    for norm_id in sorted(state.norms):
        ns = state.norms[norm_id]
        if not ns.depth:
            continue
        norm = scenario.norm(norm_id)
        terms = NormTerms(state, norm, ns)  # nothing changes until the pending adoptions below
        cascade = m.cascade_weight * max(0.0, breadth(state, norm_id, total) - m.cascade_tipping)
        for d in ids:
            noise = (rng.random() * 2.0 - 1.0) * m.diffusion_noise
            if d in ns.depth:
                continue
            delegation = scenario.delegation(d)
            pull = alignment_and_will(state, delegation, norm)[1]
            pressure = appeal_of(state, delegation, ns, terms) + noise
            pressure += pull * (m.social_weight * social_share(state, d, norm_id) + cascade)
            if pressure >= state.seats[d].threshold:
                pending.append((norm_id, d))
    for norm_id, d in pending:
        adopt(state, log, norm_id, d, "diffusion")
