"""A new game: the turn-0 state of a scenario, with its seats' thresholds."""

from __future__ import annotations

from exercise.core.rng import stream
from exercise.core.spec import Forum, Scenario
from exercise.core.state import AgendaItem, ForumState, GameState, NormState, Seat, round_stored


def influence_per_turn(power: float) -> float:
    """Attention is scarce: every seat gets a little, powerful ones a little more."""
    return float(2 + round(4 * power))


def eligible_members(scenario: Scenario, forum: Forum) -> list[str]:
    if not forum.open_to_all:
        return sorted(forum.members)
    return sorted(d.id for d in scenario.delegations if forum.seats_unlisted(d))


def new_game(scenario: Scenario, seed: int) -> GameState:
    model = scenario.model
    seats = {}
    for d in sorted(scenario.delegations, key=lambda d: d.id):
        if d.threshold is not None:
            threshold = d.threshold
        else:
            threshold = stream(seed, "threshold", d.id).uniform(model.threshold_low, model.threshold_high)
        seats[d.id] = Seat(
            id=d.id,
            power=round_stored(d.power),
            capacity=round_stored(d.capacity),
            budget=round_stored(d.budget),
            influence=influence_per_turn(d.power),
            threshold=round_stored(threshold),
        )
    forums = {
        f.id: ForumState(id=f.id, members=eligible_members(scenario, f))
        for f in sorted(scenario.forums, key=lambda f: f.id)
    }
    norms = {
        n.id: NormState(n.id, round_stored(n.clarity), round_stored(n.utility), round_stored(n.doability), n.framework)
        for n in sorted(scenario.norms, key=lambda n: n.id)
    }
    for f in scenario.forums:  # a call's texts open for signature, with their first signatories
        for norm_id, signed in sorted(f.signatories.items()):
            first = sorted(signed)
            forums[f.id].agenda.append(AgendaItem(norm_id, first[0] if first else "", 0, endorsers=list(first)))
            forums[f.id].signatories[norm_id] = first
    for pkg in scenario.packages:  # draft texts on an agenda from the start (scenario order)
        if pkg.turn:
            continue  # tabled in its turn's orders (orders_phase.table_drafts)
        item = AgendaItem(pkg.id, pkg.proposer, 0, endorsers=[pkg.proposer], norms=list(pkg.norms))
        forums[pkg.forum].agenda.append(item)
    for n in scenario.norms:  # who already holds a norm when the game starts (at rhetoric)
        for d in sorted(n.holders):
            norms[n.id].depth[d], norms[n.id].progress[d], norms[n.id].since[d] = 1, 0.0, 0
    salience = {dom: round_stored(scenario.salience.get(dom, 0.5)) for dom in sorted(scenario.domains)}
    return GameState(
        scenario_id=scenario.id,
        turn=0,
        salience=salience,
        seats=seats,
        forums=forums,
        norms=norms,
        scenario=scenario,
    )
