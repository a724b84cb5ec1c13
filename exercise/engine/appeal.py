"""How much a norm appeals to a delegation: the one formula behind votes and diffusion.

    appeal = clarity_weight * clarity * will
           + utility_weight * utility * alignment * salience_factor
           + graft_weight * (affinity[framework] - graft_neutral)       (if grafted)
           + will * precedent_weight * breadth at the end of the last turn
           + will * lobby pressure received
           + held_bonus                                                  (if already held)
           - conflict_weight * (0.5 + 0.5 * deepest conflicting depth held / 4)   (if any held)
           - rival_weight * breadth of its broadest rival at the end of the last turn
           - cost_weight * (1 - do-ability) * (1 - capacity)

alignment = mean value over the domains the norm serves - mean value over those it harms.
salience_factor = 2 * mean salience of the norm's domains (1.0 at the neutral 0.5).
will = clamp(alignment + 0.5, 0, 1): how far the delegation's values let it move toward the norm.
Clarity helps those willing to follow a norm (it is easy to grasp and to comply with); it does
not make a norm acceptable to someone whose values it offends, so it is scaled by will.
Every pressure toward a norm is scaled by will (clarity, precedent, lobbying here; the social
and cascade pulls in votes and diffusion): pressure moves those whose values allow it, and an
actor whose values oppose a norm (will 0) feels none of it.
The precedent term is why "outside-in" works: a norm already held by much of the world is harder
to reject for those whose values do not forbid it (objecting isolates them). It uses the
breadth recorded when the last turn closed, so it is public, cheap and the same for everyone.
The rival term is path dependence: the further a conflicting norm has spread, the more the world
is already organised around it, and the less a newcomer appeals to anyone (holder or not).
The cost term reads the seat's own capacity: assistance is earmarked for implementing norms
already held (internalization.py), so it deepens practice without buying new shallow adopters.
Diffusion adds the social terms (neighbours' adoption and the cascade bonus) in diffusion.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from exercise.core.memo import per_scenario
from exercise.core.spec import Delegation, Norm, Scenario
from exercise.core.state import MAX_DEPTH, GameState, NormState


def alignment(values: dict[str, float], norm: Norm) -> float:
    served = sum(values.get(d, 0.0) for d in norm.domains) / len(norm.domains) if norm.domains else 0.5
    harmed = sum(values.get(d, 0.0) for d in norm.harms) / len(norm.harms) if norm.harms else 0.0
    return served - harmed


def will(align: float) -> float:
    """0..1: how far values let an actor move toward a norm (0.5 at zero alignment)."""
    return min(1.0, max(0.0, align + 0.5))


def effective_capacity(state: GameState, delegation_id: str) -> float:
    seat = state.seats[delegation_id]
    return min(1.0, seat.capacity + state.scenario.model.assist_capacity * seat.assistance)


class _AppealConstants:
    """What never changes during a game, computed once per scenario: the symmetric conflict
    map and each (delegation, norm) alignment and will, a norm's column for every delegation
    at once. Appeal is evaluated tens of thousands of times a game (votes, diffusion, every
    strategy's ranking), so this is where the time goes."""

    def __init__(self, scenario: Scenario):
        pairs: dict[str, set[str]] = {n.id: set() for n in scenario.norms}
        for n in scenario.norms:
            for other in n.conflicts:
                pairs[n.id].add(other)
                pairs[other].add(n.id)
        self.conflicts = {k: tuple(sorted(v)) for k, v in sorted(pairs.items())}
        self.delegations = scenario.delegations
        self.pairs: dict[str, dict[str, tuple[float, float]]] = {}  # norm -> delegation -> (alignment, will)

    def column(self, norm: Norm) -> dict[str, tuple[float, float]]:
        """(alignment, will) of every delegation of the scenario for `norm`."""
        pairs = self.pairs.get(norm.id)
        if pairs is None:
            pairs = self.pairs[norm.id] = {d.id: _alignment_and_will(d, norm) for d in self.delegations}
        return pairs


def _alignment_and_will(delegation: Delegation, norm: Norm) -> tuple[float, float]:
    align = alignment(delegation.values, norm)
    return align, will(align)


@per_scenario
def _static(scenario: Scenario) -> _AppealConstants:
    return _AppealConstants(scenario)


def conflicts_of(scenario: Scenario, norm_id: str) -> tuple[str, ...]:
    """The norms `norm_id` conflicts with (either side may name the conflict), sorted."""
    return _static(scenario).conflicts[norm_id]


class NormTerms:
    """The terms of a norm's appeal that are the same for every delegation, in one state.
    Diffusion and the strategies ask one norm's appeal of many delegations on a state that
    does not change meanwhile; each product keeps the formula's order ((a * b) * c), so the
    sums are the same floats as working it out whole."""

    __slots__ = ("clarity", "conflicts", "cost", "factor", "framework", "norm", "precedent", "rival", "utility")

    def __init__(self, state: GameState, norm: Norm, ns: NormState):
        m = state.scenario.model
        self.norm = norm
        self.clarity = m.clarity_weight * ns.clarity
        self.utility = m.utility_weight * ns.utility
        domains = norm.domains
        if domains:  # the salience factor (a loop, not a generator: same sum, less overhead)
            get = state.salience.get
            total: float = 0
            for d in domains:
                total += get(d, 0.5)
            self.factor = 2.0 * total / len(domains)
        else:
            self.factor = 1.0
        self.framework = ns.framework
        self.precedent = m.precedent_weight * ns.breadth_history[-1] if ns.breadth_history else None
        rivals = _static(state.scenario).conflicts[norm.id]
        self.conflicts = [state.norms[other].depth for other in rivals]
        widest = max(
            (state.norms[o].breadth_history[-1] for o in rivals if state.norms[o].breadth_history), default=0.0
        )
        self.rival = m.rival_weight * widest if widest > 0.0 and m.rival_weight else None
        self.cost = m.cost_weight * (1.0 - ns.doability) if ns.doability < 1.0 else None


def alignment_column(state: GameState, norm: Norm) -> dict[str, tuple[float, float]]:
    """(alignment, will) of every delegation of the game for `norm`, by delegation id."""
    return _static(state.scenario).column(norm)


def alignment_and_will(state: GameState, delegation: Delegation, norm: Norm) -> tuple[float, float]:
    """(alignment, will) of a pair: both fixed for the game, asked for every holder and
    every non-holder each turn (internalization, diffusion)."""
    pair = _static(state.scenario).column(norm).get(delegation.id)
    return pair if pair is not None else _alignment_and_will(delegation, norm)  # not the scenario's own


def base_appeal(state: GameState, delegation: Delegation, norm: Norm, ns: NormState) -> float:
    return appeal_of(state, delegation, ns, NormTerms(state, norm, ns))


def appeal_of(state: GameState, delegation: Delegation, ns: NormState, terms: NormTerms) -> float:
    """base_appeal with the norm's shared terms already worked out (this is the engine's hot spot)."""
    return appeals(state, ns, terms, (delegation,))[0]


def appeals(state: GameState, ns: NormState, terms: NormTerms, delegations: Iterable[Delegation]) -> list[float]:
    """appeal_of for many delegations at once, in their order: the one loop the formula is
    written in, so a whole column (every seat, one norm) pays the look-ups once. Each step
    adds in the order of the formula at the top of this module, the same floats every time."""
    m = state.scenario.model
    pairs = _static(state.scenario).column(terms.norm)
    clarity, utility, factor = terms.clarity, terms.utility, terms.factor
    framework, neutral = terms.framework, m.graft_neutral
    graft = m.graft_weight if framework is not None else None
    precedent, rival, cost = terms.precedent, terms.rival, terms.cost
    held_bonus, conflict_weight = m.held_bonus, m.conflict_weight
    lobby, depth, seats = ns.lobby, ns.depth, state.seats
    conflicts = terms.conflicts
    out = []
    for delegation in delegations:
        me = delegation.id
        pair = pairs.get(me)
        align, pull = pair if pair is not None else _alignment_and_will(delegation, terms.norm)
        value = clarity * pull
        value += utility * align * factor
        if graft is not None:
            value += graft * (delegation.affinity.get(framework, neutral) - neutral)  # type: ignore[arg-type]
        if precedent is not None:
            value += pull * precedent
        if lobby:
            value += pull * lobby.get(me, 0.0)
        if me in depth:
            value += held_bonus
        if conflicts:
            worst = 0
            for depths in conflicts:
                held = depths.get(me, 0)
                if held > worst:
                    worst = held
            if worst:  # how deeply it holds a conflicting norm
                value -= conflict_weight * (0.5 + 0.5 * worst / MAX_DEPTH)
        if rival is not None:
            value -= rival
        if cost is not None:  # its own capacity: assistance is earmarked for depth
            value -= cost * (1.0 - seats[me].capacity)
        out.append(value)
    return out
