"""The network screen's figures: computed from the public tie graph, without optional packages."""

from __future__ import annotations

from exercise.scenario import load_scenario
from exercise.tui.model import central_actors

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
