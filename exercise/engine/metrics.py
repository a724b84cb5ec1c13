"""Metrics: breadth, depth, time to first adoption, conflict index, norm blocs, scores.

breadth(n)    = sum of the power of n's holders / sum of everyone's power
mean_depth(n) = mean depth (1 rhetoric .. 4 practice) over n's holders, 0 with none
conflict index = sum over conflicting pairs (a, b) of min(breadth(a), breadth(b)):
                 how much of the world lives under contradictory norms at once
norm blocs    = communities (Louvain, fixed seed) of delegations that hold norms from a
                conflicting pair, tied by the conflict-relevant norms they share
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from exercise.core.memo import per_scenario
from exercise.core.spec import Objective, Scenario
from exercise.core.state import DEPTH_NAMES, GameState
from exercise.engine.network import network_for


def total_power(state: GameState) -> float:
    return sum(seat.power for seat in state.seats.values()) or 1.0


def breadth(state: GameState, norm_id: str, total: float | None = None) -> float:
    holders = state.norms[norm_id].depth
    if not holders:
        return 0.0
    seats = state.seats
    return sum(seats[d].power for d in holders) / (total or total_power(state))


def mean_depth(state: GameState, norm_id: str) -> float:
    depth = state.norms[norm_id].depth
    return sum(depth.values()) / len(depth) if depth else 0.0


def conflict_pairs(state: GameState) -> list[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for n in state.scenario.norms:
        for other in n.conflicts:
            pairs.add((min(n.id, other), max(n.id, other)))
    return sorted(pairs)


def conflict_index(state: GameState) -> float:
    total = total_power(state)
    return sum(min(breadth(state, a, total), breadth(state, b, total)) for a, b in conflict_pairs(state))


def norm_blocs(state: GameState) -> list[dict[str, Any]]:
    """Groups of delegations holding the same side of conflicting norms, largest first."""
    pairs = conflict_pairs(state)
    contested = sorted({n for pair in pairs for n in pair})
    if not contested:
        return []
    import networkx as nx  # here: only the blocs and centrality need it (a fifth of a second to import)

    held: dict[str, frozenset[str]] = {}
    for d in sorted(state.seats):
        mine = frozenset(n for n in contested if d in state.norms[n].depth)
        if mine:
            held[d] = mine
    graph = nx.Graph()
    graph.add_nodes_from(sorted(held))
    ids = sorted(held)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            shared = len(held[a] & held[b])
            clash = sum(1 for x, y in pairs if (x in held[a] and y in held[b]) or (y in held[a] and x in held[b]))
            if shared > clash:
                graph.add_edge(a, b, weight=shared - clash)
    communities = (
        nx.community.louvain_communities(graph, weight="weight", seed=0)
        if graph.number_of_edges()
        else [{n} for n in ids]
    )
    blocs: list[dict[str, Any]] = []
    for community in communities:
        members = sorted(community)
        if len(members) < 2:
            continue
        counts = Counter(n for m in members for n in held[m])
        norms = sorted(n for n, c in counts.items() if c * 2 > len(members))
        blocs.append(
            {"members": members, "norms": norms, "power": round(sum(state.seats[m].power for m in members), 6)}
        )
    blocs.sort(key=lambda b: (-len(b["members"]), b["members"]))
    for index, bloc in enumerate(blocs):
        bloc["id"] = f"bloc-{index + 1}"
    return blocs


@per_scenario
def centrality(scenario: Scenario) -> tuple[tuple[str, float, float], ...]:
    """(delegation, weighted degree, eigenvector centrality) of every delegation, most central
    first. Ties are public and fixed for the game, so this is computed once per scenario and
    is the same for every viewer. The pure-Python power iteration is used on purpose: the
    numpy variant needs numpy and scipy, which are not dependencies, and would silently turn
    every score into 0."""
    import networkx as nx

    graph = network_for(scenario).graph
    degree = dict(graph.degree(weight="weight"))
    eig: dict[str, float] = {}
    if graph.number_of_edges():
        try:
            eig = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-9)
        except nx.PowerIterationFailedConvergence:  # degenerate graphs: rank by weighted degree
            eig = {}
    rows = [(n, round(float(degree.get(n, 0.0)), 3), round(abs(float(eig.get(n, 0.0))), 3)) for n in sorted(graph)]
    rows.sort(key=lambda r: (-r[2], -r[1], r[0]))
    return tuple(rows)


def central_actors(scenario: Scenario, top: int = 10) -> list[tuple[str, float, float]]:
    """The `top` rows of `centrality`."""
    return list(centrality(scenario)[:top])


def opposed_blocs(state: GameState, blocs: list[dict[str, Any]] | None = None) -> int:
    """How many pairs of blocs hold opposite sides of a conflicting pair."""
    blocs = norm_blocs(state) if blocs is None else blocs
    pairs = conflict_pairs(state)
    count = 0
    for i, a in enumerate(blocs):
        for b in blocs[i + 1 :]:
            if any((x in a["norms"] and y in b["norms"]) or (y in a["norms"] and x in b["norms"]) for x, y in pairs):
                count += 1
    return count


def objective_progress(state: GameState, delegation_id: str, objective: Objective) -> float:
    """0..1: how far the delegation is toward one objective."""
    ns = state.norms[objective.norm]
    if objective.kind == "adopt":
        if objective.forum:
            return 1.0 if objective.forum in ns.adopted_in else 0.0
        return 1.0 if ns.adopted_in else 0.0
    if objective.kind == "block":
        if objective.forum:
            return 0.0 if objective.forum in ns.adopted_in else 1.0
        return 0.0 if ns.adopted_in else 1.0
    if objective.kind == "breadth":
        target = objective.target or 1.0
        return min(1.0, breadth(state, objective.norm) / target)
    if objective.kind == "depth":
        target = objective.target or 4
        return min(1.0, ns.depth.get(delegation_id, 0) / target)
    if objective.kind == "avoid":
        return 0.0 if delegation_id in ns.depth else 1.0
    return 0.0


def delegation_score(state: GameState, delegation_id: str) -> float:
    """0..100: weighted progress over the delegation's objectives (100 with none)."""
    objectives = state.scenario.delegation(delegation_id).objectives
    weight = sum(o.weight for o in objectives)
    if not weight:
        return 100.0
    got = sum(o.weight * objective_progress(state, delegation_id, o) for o in objectives)
    return round(100.0 * got / weight, 2)


def norm_summary(state: GameState, norm_id: str) -> dict[str, Any]:
    ns = state.norms[norm_id]
    kinds = Counter(state.scenario.delegation(d).kind for d in ns.depth)
    origin = min(ns.adopted_in.items(), key=lambda kv: (kv[1], kv[0]))[0] if ns.adopted_in else None
    depths = Counter(ns.depth.values())
    return {
        "norm": norm_id,
        "status": ns.status,
        "breadth": round(breadth(state, norm_id), 4),
        "mean_depth": round(mean_depth(state, norm_id), 3),
        "holders": len(ns.depth),
        "by_kind": dict(sorted(kinds.items())),
        "by_depth": {DEPTH_NAMES[k]: depths.get(k, 0) for k in range(1, 5)},
        "origin_forum": origin,
        "adopted_in": dict(sorted(ns.adopted_in.items())),
    }


def game_metrics(state: GameState) -> dict[str, Any]:
    """Everything the end-of-game report shows; plain data, sorted, ready for JSON."""
    blocs = norm_blocs(state)
    return {
        "turn": state.turn,
        "norms": [norm_summary(state, n) for n in sorted(state.norms)],
        "forums": [
            {
                "forum": f,
                "first_adoption": fs.first_adoption,
                "adopted": sorted(fs.adopted),
                "sessions": fs.sessions_held,
            }
            for f, fs in sorted(state.forums.items())
        ],
        "conflict_index": round(conflict_index(state), 4),
        "blocs": blocs,
        "opposed_blocs": opposed_blocs(state, blocs),
        # only seats with objectives are scored; a seat without any would show a bare 100
        "scores": {
            d: delegation_score(state, d) for d in sorted(state.seats) if state.scenario.delegation(d).objectives
        },
        "unscored": [d for d in sorted(state.seats) if not state.scenario.delegation(d).objectives],
    }
