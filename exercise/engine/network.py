"""The tie graph: weighted adjacency lists for diffusion and a networkx graph for metrics.

A tie of kind `rivalry` (HOSTILE_KIND) is hostile: it is kept apart (`rivals`), and in the
social share a rival holding a norm counts against it (engine/forums.py). Every other tie is a
friendly one (`neighbours`). The networkx graph holds every tie, for display; it is built
on first use, so the turns (and the commands that only play or read them) never import
networkx, a fifth of a second. Ties never change during a game, so all are built once per
scenario and cached.
"""

from __future__ import annotations

from functools import cached_property
from itertools import combinations
from typing import TYPE_CHECKING

from exercise.core.memo import per_scenario
from exercise.core.spec import Scenario

if TYPE_CHECKING:
    import networkx as nx

HOSTILE_KIND = "rivalry"  # the tie kind that pushes away instead of pulling


class Network:
    def __init__(self, scenario: Scenario):
        weights: dict[tuple[str, str], float] = {}
        hostile: dict[tuple[str, str], float] = {}

        def add(table: dict[tuple[str, str], float], a: str, b: str, w: float) -> None:
            key = (a, b) if a < b else (b, a)
            table[key] = table.get(key, 0.0) + w

        for tie in scenario.ties:
            add(hostile if tie.kind == HOSTILE_KIND else weights, tie.a, tie.b, tie.weight)
        for group in scenario.tie_groups:
            for a, b in combinations(sorted(set(group.members)), 2):
                add(hostile if group.kind == HOSTILE_KIND else weights, a, b, group.weight)
        self.neighbours = _adjacency(scenario, weights)
        self.rivals = _adjacency(scenario, hostile)
        self.weights = dict(sorted(weights.items()))
        self.hostile = dict(sorted(hostile.items()))

    @cached_property
    def graph(self) -> nx.Graph:
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(sorted(self.neighbours))
        graph.add_weighted_edges_from((a, b, w) for (a, b), w in self.weights.items())
        graph.add_weighted_edges_from((a, b, w) for (a, b), w in self.hostile.items() if (a, b) not in self.weights)
        return graph


def _adjacency(scenario: Scenario, weights: dict[tuple[str, str], float]) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {d.id: [] for d in scenario.delegations}
    for (a, b), w in sorted(weights.items()):
        out[a].append((b, w))
        out[b].append((a, w))
    return {k: sorted(v) for k, v in sorted(out.items())}


@per_scenario
def network_for(scenario: Scenario) -> Network:
    return Network(scenario)
