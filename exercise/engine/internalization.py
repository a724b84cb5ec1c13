"""Phase 5: internalization (depth). Holders move rhetoric -> policy -> law -> practice.

Each turn a holder's progress toward the next level grows by

    base_internalization * will * (0.4 * effective capacity + 0.4 * do-ability + 0.2)
  + this turn's implementation effort and targeted assistance (orders)
  + binding_effect if a binding forum it belongs to adopted the norm

where will = clamp(alignment + 0.5, 0, 1). A holder whose values oppose the norm
(alignment below lip_service_alignment) gets no natural progress: it stays at rhetoric unless
it spends its own budget implementing (lip service). At progress 1 the level rises by one.
Assistance received raises effective capacity and decays each turn; lobbying pressure decays too.
"""

from __future__ import annotations

from exercise.core.events import DepthReached
from exercise.core.state import DEPTH_NAMES, MAX_DEPTH, GameState, round_stored
from exercise.engine.appeal import alignment_column, effective_capacity
from exercise.engine.log import EventLog


def run_internalization(state: GameState, log: EventLog) -> None:
    scenario = state.scenario
    m = scenario.model
    # members of binding forums as sets: "is d bound by an adopting forum?" is asked per holder
    binding_members = {f.id: frozenset(state.forums[f.id].members) for f in scenario.forums if f.binding}
    capacity = {d: effective_capacity(state, d) for d in state.seats}
    lip_service, base, binding_effect = m.lip_service_alignment, m.base_internalization, m.binding_effect
    for norm_id in sorted(state.norms):
        ns = state.norms[norm_id]
        norm = scenario.norm(norm_id)
        # everyone bound by a binding forum that adopted the norm
        bound = frozenset().union(*(binding_members[f] for f in ns.adopted_in if f in binding_members))
        doable = 0.4 * ns.doability
        depth, progress_of, implementing = ns.depth, ns.progress, ns.implementing
        pairs = alignment_column(state, norm)
        for d in sorted(depth):
            level = depth[d]
            if level >= MAX_DEPTH:
                continue
            align, pull = pairs[d]
            gain = implementing.get(d, 0.0)
            if align >= lip_service:
                gain += base * pull * (0.4 * capacity[d] + doable + 0.2)
                if d in bound:
                    gain += binding_effect
            progress = progress_of.get(d, 0.0) + gain
            if progress >= 1.0:
                level += 1
                progress = 0.0 if level >= MAX_DEPTH else progress - 1.0
                depth[d] = level
                log.add(DepthReached, norm=norm_id, delegation=d, depth=level, depth_name=DEPTH_NAMES[level])
            progress_of[d] = round_stored(progress)
        ns.implementing.clear()
        if ns.lobby:
            ns.lobby = {
                k: round_stored(v * m.lobby_decay) for k, v in sorted(ns.lobby.items()) if v * m.lobby_decay > 0.005
            }
    for seat in state.seats.values():
        seat.assistance = round_stored(seat.assistance * m.assist_decay) if seat.assistance > 0.005 else 0.0
