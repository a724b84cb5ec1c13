"""Metrics on hand-set states: breadth, depth, conflict index, blocs, scores."""

from exercise.core.spec import Delegation, Forum, Norm, Objective, Scenario
from exercise.engine import new_game
from exercise.engine.metrics import (
    breadth,
    conflict_index,
    delegation_score,
    mean_depth,
    norm_blocs,
    opposed_blocs,
)


def world():
    ds = tuple(Delegation(id=x, name=x, power=p) for x, p in (("a", 0.4), ("b", 0.3), ("c", 0.2), ("d", 0.1)))
    ds = (
        *ds[:3],
        Delegation(
            id="d",
            name="d",
            power=0.1,
            objectives=(Objective(kind="adopt", norm="x", weight=1), Objective(kind="avoid", norm="y", weight=3)),
        ),
    )
    norms = (Norm(id="x", statement="X", conflicts=("y",)), Norm(id="y", statement="Y"), Norm(id="z", statement="Z"))
    return Scenario(id="m", title="M", delegations=ds, norms=norms, forums=(Forum(id="f", name="F", members=("a",)),))


def test_breadth_is_power_weighted_and_depth_is_a_mean():
    state = new_game(world(), 1)
    state.norms["x"].depth.update({"a": 4, "d": 1})
    assert abs(breadth(state, "x") - 0.5) < 1e-9
    assert mean_depth(state, "x") == 2.5
    assert breadth(state, "z") == 0.0 and mean_depth(state, "z") == 0.0


def test_conflict_index_and_opposed_blocs():
    state = new_game(world(), 1)
    assert conflict_index(state) == 0.0
    state.norms["x"].depth.update({"a": 1, "b": 1})
    state.norms["y"].depth.update({"c": 1, "d": 1})
    assert abs(conflict_index(state) - 0.3) < 1e-9  # min(0.7, 0.3)
    blocs = norm_blocs(state)
    assert [b["members"] for b in blocs] == [["a", "b"], ["c", "d"]]
    assert [b["norms"] for b in blocs] == [["x"], ["y"]]
    assert opposed_blocs(state, blocs) == 1


def test_scores_weigh_objectives():
    state = new_game(world(), 1)
    assert delegation_score(state, "d") == 75.0  # avoid y held (3 of 4), x not adopted
    state.norms["x"].adopted_in["f"] = 1
    state.norms["y"].depth["d"] = 1
    assert delegation_score(state, "d") == 25.0
    assert delegation_score(state, "a") == 100.0  # no objectives
