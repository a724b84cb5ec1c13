"""The network tab's facts: norm blocs remembered by the public facts they depend on, every
actor by centrality (engine.metrics), and a delegation's ties."""

from __future__ import annotations

import threading
from typing import Any, cast

from exercise.core.memo import memoised, per_scenario
from exercise.core.spec import Scenario
from exercise.core.state import GameState
from exercise.engine.metrics import central_actors, centrality, norm_blocs
from exercise.engine.views import View

# The network tab's two computations are the only slow ones of the TUI's models (pure Python;
# docs/performance.md): both are remembered in the scenario's memo,
# and `network_facts_known` tells whether they are at hand, so the tab can compute them in a
# worker instead of freezing a key press. The lock keeps two threads (a prefetch and the tab's
# own worker) from computing the same thing twice.

_COMPUTING = threading.Lock()
BLOCS_KEPT = 8  # bloc computations remembered per scenario (a few turns of a replay)


def _kept(scenario: Scenario, name: str) -> dict:
    return cast(dict, scenario.memo.setdefault(f"{__name__}.{name}", {}))


def blocs(state: GameState) -> list[dict[str, Any]]:
    """Norm blocs computed only from public facts (who holds which contested norm, and
    power), remembered by exactly those facts: every seat's view, the white cell's polls and
    replay's steps of one turn share one computation, and any change of holdings or power
    computes it again. Treat the result as read-only."""
    facts = _bloc_facts(state)
    kept = _kept(state.scenario, "blocs")
    found = kept.get(facts)
    if found is None:
        with _COMPUTING:
            found = kept.get(facts)
            if found is None:
                found = kept[facts] = norm_blocs(state)
                while len(kept) > BLOCS_KEPT:
                    kept.pop(next(iter(kept)), None)
    return found


def _bloc_facts(state: GameState) -> tuple:
    contested = _contested(state.scenario)
    held = tuple((d, frozenset(n for n in contested if d in state.norms[n].depth)) for d in sorted(state.seats))
    power = tuple(state.seats[d].power for d in sorted(state.seats))
    return held, power


@per_scenario
def _contested(scenario: Scenario) -> tuple[str, ...]:
    return tuple(sorted({n for norm in scenario.norms for other in norm.conflicts for n in (norm.id, other)}))


def network_facts(state: GameState) -> tuple[list[dict[str, Any]], list[tuple[str, float, float]]]:
    """What the network tab shows besides the view: the blocs, and every actor by centrality."""
    if not memoised(centrality, state.scenario):
        with _COMPUTING:
            centrality(state.scenario)
    return blocs(state), central_actors(state.scenario, top=len(state.seats))


def network_facts_known(state: GameState) -> bool:
    """Whether `network_facts(state)` is at hand, without computing anything."""
    return memoised(centrality, state.scenario) and _bloc_facts(state) in _kept(state.scenario, "blocs")


def ties_of(view: View, delegation_id: str) -> list[tuple[str, float]]:
    return sorted(view.neighbours(delegation_id), key=lambda t: (-t[1], t[0]))
