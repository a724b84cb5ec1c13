"""The network screen's figures: computed from the public tie graph, without optional packages."""

from __future__ import annotations

from exercise.engine.metrics import central_actors
from exercise.scenario import load_scenario

from .conftest import ROOT, TUTORIAL


def test_tutorial_centrality_ranks_the_hub_first_with_real_scores():
    rows = central_actors(load_scenario(TUTORIAL), top=7)
    names = [name for name, _, _ in rows]
    assert names[0] == "atlantia"
    assert sorted(names) == sorted(set(names)) and len(names) == 7
    scores = [eig for _, _, eig in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < eig <= 1.0 for eig in scores), scores


def test_every_shipped_scenario_has_nonzero_centrality():
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        rows = central_actors(load_scenario(path), top=3)
        assert rows[0][2] > 0.0, path.name


def test_blocs_are_remembered_by_the_facts_they_read(make_game):
    """One computation per set of holdings and powers: a fresh copy of the same state finds
    it, a change of holdings computes it again (and matches the engine's own answer)."""
    from exercise.engine.metrics import norm_blocs
    from exercise.tui.presenters.network_facts import blocs, network_facts, network_facts_known

    game = make_game(humans=("atlantia",))
    game.resolve(force=True, missing="strategy")
    state = game.state()  # (another test's identical game may have computed it already)
    first = blocs(state)
    assert first == norm_blocs(state)
    assert blocs(game.state()) is first  # another copy of the same turn: remembered
    network_facts(state)
    assert network_facts_known(game.state())
    contested = sorted({n for norm in state.scenario.norms for n in norm.conflicts})
    holder = next(iter(state.seats))
    changed = game.state()
    changed.norms[contested[0]].depth.pop(holder, None) or changed.norms[contested[0]].depth.update({holder: 1})
    assert not network_facts_known(changed)
    assert blocs(changed) == norm_blocs(changed)
