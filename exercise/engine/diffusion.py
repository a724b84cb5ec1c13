"""Phase 4: dissemination (breadth). Norms that someone holds spread along the tie graph.

For every delegation that does not yet hold a norm held by someone:

    pressure = appeal (see appeal.py)
             + will * social_weight * social_share     (tie- and power-weighted neighbours holding it)
             + will * cascade_weight                   (once breadth >= cascade_tipping, if cascade_weight > 0)
             + noise (uniform +-diffusion_noise, from the game seed)

    will = clamp(alignment + 0.5, 0, 1): social pressure moves those whose values allow it;
    an actor whose values oppose the norm adopts last, if ever.

It is ready to adopt (at rhetoric) when pressure >= its own threshold (less THRESHOLD_TOLERANCE:
thresholds are stored to 6 decimals, so "k of 99 others" is met by exactly k of them). Before the
norm has tipped, a ready delegation adopts this turn only with chance
`adoption_hazard + (1 - adoption_hazard) * capacity` (adopting is an act of government, slower
with less capacity: the least in need adopt first); once tipped, at once. Thresholds differ
between delegations, so adoption cascades: each adopter raises its neighbours' social share.
The tipping dynamic is a step: once a norm's breadth (at the end of the last turn, public)
reaches the tipping share it has become "what the world does", and every willing non-holder
feels the extra pull and every ready one adopts at once, so the adoption rate jumps there and
not before. Both halves of the step are the cascade term's: with `cascade_weight = 0` the
hazard holds past the share too, so no acceleration is tied to it (the experiment then fails).

A delegation that would take up two conflicting norms in the same phase takes only the one it
is pushed hardest toward (largest pressure - threshold; ties by norm id): nobody adopts both
sides of a conflict at once. All decisions use the state as it was at the start of the phase,
so the order of delegations never matters.
"""

from __future__ import annotations

from exercise.core.rng import stream
from exercise.core.state import GameState
from exercise.engine.appeal import NormTerms, alignment_and_will, appeal_of, conflicts_of
from exercise.engine.forums import social_share
from exercise.engine.log import EventLog
from exercise.engine.orders_phase import adopt

# Half the unit of the 6th decimal thresholds are stored to: a threshold written as k/99 is met
# by a share of exactly k/99 (which r6 would otherwise round up past it).
THRESHOLD_TOLERANCE = 5e-7


def tipped(ns, tipping: float) -> bool:
    """Whether a norm's breadth at the end of the last turn has reached the tipping share."""
    return bool(ns.breadth_history) and ns.breadth_history[-1] >= tipping - THRESHOLD_TOLERANCE


def acts(adoption_hazard: float, capacity: float, rng) -> bool:
    """Whether a delegation over its threshold takes the norm up this turn, before the norm has
    tipped: with chance `adoption_hazard + (1 - adoption_hazard) * capacity` (a government acts
    through its own process, the faster the more capacity it has). A chance of 1 draws nothing,
    so `adoption_hazard = 1` is the deterministic threshold model (Granovetter)."""
    chance = adoption_hazard + (1.0 - adoption_hazard) * capacity
    return chance >= 1.0 or rng.random() < chance


def run_diffusion(state: GameState, log: EventLog, seed: int) -> None:
    scenario = state.scenario
    m = scenario.model
    rng = stream(seed, state.turn, "diffusion")
    hazard = stream(seed, state.turn, "hazard")
    ids = scenario.by_id.delegation_ids
    pending: dict[tuple[str, str], float] = {}  # (norm, delegation) -> margin over its threshold
    for norm_id in sorted(state.norms):
        ns = state.norms[norm_id]
        if not ns.depth:
            continue
        norm = scenario.norm(norm_id)
        terms = NormTerms(state, norm, ns)  # nothing changes until the pending adoptions below
        tip = m.cascade_weight > 0.0 and tipped(ns, m.cascade_tipping)  # no cascade term, no step
        cascade = m.cascade_weight if tip else 0.0
        for d in ids:
            noise = (rng.random() * 2.0 - 1.0) * m.diffusion_noise
            if d in ns.depth:
                continue
            delegation = scenario.delegation(d)
            pull = alignment_and_will(state, delegation, norm)[1]
            pressure = appeal_of(state, delegation, ns, terms) + noise
            pressure += pull * (m.social_weight * social_share(state, d, norm_id) + cascade)
            seat = state.seats[d]
            margin = pressure - seat.threshold
            if margin >= -THRESHOLD_TOLERANCE and (tip or acts(m.adoption_hazard, seat.capacity, hazard)):
                pending[(norm_id, d)] = margin
    chosen: dict[str, list[tuple[float, str]]] = {}
    for (norm_id, d), margin in pending.items():
        if any(
            (other, d) in pending and (pending[(other, d)], norm_id) > (margin, other)
            for other in conflicts_of(scenario, norm_id)
        ):
            continue  # it takes up the rival it is pushed harder toward
        chosen.setdefault(d, []).append((-margin, norm_id))
    for d in ids:
        for _, norm_id in sorted(chosen.get(d, ()))[: m.uptake or None]:
            adopt(state, log, norm_id, d, "diffusion")
