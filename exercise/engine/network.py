"""The tie graph: weighted adjacency lists for diffusion and a networkx graph for metrics.

Ties never change during a game, so both are built once per scenario and cached.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx

from exercise.core.memo import per_scenario
from exercise.core.spec import Scenario


class Network:
    def __init__(self, scenario: Scenario):
        weights: dict[tuple[str, str], float] = {}

        def add(a: str, b: str, w: float) -> None:
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0.0) + w

        for tie in scenario.ties:
            add(tie.a, tie.b, tie.weight)
        for group in scenario.tie_groups:
            for a, b in combinations(sorted(set(group.members)), 2):
                add(a, b, group.weight)
        neighbours: dict[str, list[tuple[str, float]]] = {d.id: [] for d in scenario.delegations}
        for (a, b), w in sorted(weights.items()):
            neighbours[a].append((b, w))
            neighbours[b].append((a, w))
        self.neighbours = {k: sorted(v) for k, v in sorted(neighbours.items())}
        self.weights = dict(sorted(weights.items()))
        graph = nx.Graph()
        graph.add_nodes_from(sorted(neighbours))
        graph.add_weighted_edges_from((a, b, w) for (a, b), w in self.weights.items())
        self.graph = graph


@per_scenario
def network_for(scenario: Scenario) -> Network:
    return Network(scenario)
