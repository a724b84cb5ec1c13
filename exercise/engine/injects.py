"""Phase 1: injects. Scripted events due this turn (by turn or by condition) and the white
cell's orders (fire a held inject, shift salience, shock a delegation)."""

from __future__ import annotations

from collections.abc import Sequence

from exercise.core.events import FacilitatorAction, InjectFired
from exercise.core.orders import FireInject, Order, SalienceShift, Shock
from exercise.core.seats import FACILITATOR
from exercise.core.spec import Effect, Inject, Trigger
from exercise.core.state import GameState, round_stored
from exercise.engine.log import EventLog
from exercise.engine.metrics import breadth


def clamp01(x: float) -> float:
    return min(1.0, max(0.0, x))


def condition_holds(state: GameState, trigger: Trigger) -> bool:
    ns = state.norms[trigger.norm]
    if trigger.event == "adopted":
        return (trigger.forum in ns.adopted_in) if trigger.forum else bool(ns.adopted_in)
    if trigger.event == "on_agenda":
        forums = [trigger.forum] if trigger.forum else sorted(state.forums)
        return any(state.forums[f].holding(trigger.norm) is not None for f in forums)  # or in a package
    if trigger.event == "blocked":
        forums = [trigger.forum] if trigger.forum else sorted(state.forums)
        return any(trigger.norm in state.forums[f].blocked for f in forums)
    if trigger.event == "breadth_above":
        return breadth(state, trigger.norm) > trigger.value
    return False


def due_injects(state: GameState) -> list[Inject]:
    due = []
    for inject in state.scenario.injects:
        if inject.id in state.fired_injects or inject.manual:
            continue
        on_its_turn = inject.turn is not None and inject.turn == state.turn
        if on_its_turn or (inject.when is not None and condition_holds(state, inject.when)):
            due.append(inject)
    return due


def apply_effect(state: GameState, effect: Effect) -> None:
    if effect.kind == "salience" and effect.domain:
        state.salience[effect.domain] = round_stored(clamp01(state.salience.get(effect.domain, 0.5) + effect.delta))
    elif effect.kind in ("capacity", "power") and effect.delegation:
        seat = state.seats[effect.delegation]
        setattr(seat, effect.kind, round_stored(clamp01(getattr(seat, effect.kind) + effect.delta)))
    elif effect.kind == "budget" and effect.delegation:
        seat = state.seats[effect.delegation]
        seat.budget = round_stored(max(0.0, seat.budget + effect.delta))
    elif effect.kind == "join" and effect.delegation and effect.forum:
        members = state.forums[effect.forum].members
        if effect.delegation not in members:
            members.append(effect.delegation)
            members.sort()
    elif effect.kind == "leave" and effect.delegation and effect.forum:
        members = state.forums[effect.forum].members
        if effect.delegation in members:
            members.remove(effect.delegation)
    elif effect.kind == "attribution" and effect.delegation:
        seat = state.seats[effect.delegation]
        seat.power = round_stored(clamp01(seat.power - effect.delta))
        state.salience["security"] = round_stored(clamp01(state.salience.get("security", 0.5) + effect.delta))


def fire(state: GameState, log: EventLog, inject: Inject, by_facilitator: bool) -> None:
    for effect in inject.effects:
        apply_effect(state, effect)
    state.fired_injects.append(inject.id)
    log.add(
        InjectFired, inject=inject.id, title=inject.title, description=inject.description, by_facilitator=by_facilitator
    )


def run_injects(state: GameState, log: EventLog, facilitator_orders: Sequence[Order]) -> None:
    for inject in due_injects(state):
        fire(state, log, inject, by_facilitator=False)
    for order in facilitator_orders:
        if isinstance(order, FireInject):
            if order.inject not in state.fired_injects:
                fire(state, log, state.scenario.inject(order.inject), by_facilitator=True)
        elif isinstance(order, SalienceShift):
            apply_effect(state, Effect(kind="salience", domain=order.domain, delta=order.delta))
            log.add(
                InjectFired, inject="ad-hoc", title=f"Salience of {order.domain} {order.delta:+g}", by_facilitator=True
            )
        elif isinstance(order, Shock):
            apply_effect(state, Effect(kind=order.attribute, delegation=order.target, delta=order.delta))
            log.add(
                InjectFired,
                inject="ad-hoc",
                title=f"Shock: {order.target} {order.attribute} {order.delta:+g}",
                by_facilitator=True,
            )
        log.add(FacilitatorAction, audience=(FACILITATOR,), action="order", detail=str(order))
