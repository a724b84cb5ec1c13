"""The rubric evaluators score against: the scenario's own, else one derived from its objectives
(a pure function: the same scenario always gives the same criteria and ids)."""

from __future__ import annotations

from pathlib import Path

import attrs

from exercise.scenario import load_scenario
from exercise.scenario.checks import semantic_problems
from exercise.scenario.rubric import LEVEL_NAMES, default_rubric, rubric

ROOT = Path(__file__).resolve().parents[2]


def test_learning_objectives_become_criteria_in_order():
    scenario = load_scenario(ROOT / "scenarios" / "tutorial.toml")
    criteria = rubric(scenario)
    assert [c.objective for c in criteria] == [f"lo-{n}" for n in range(1, len(scenario.learning_objectives) + 1)]
    assert criteria[0].title == " ".join(scenario.learning_objectives[0].split())
    for c in criteria:
        assert [lv.level for lv in c.levels] == [1, 2, 3, 4]
        assert [lv.looks_like.split(".")[0] for lv in c.levels] == list(LEVEL_NAMES)
    assert rubric(scenario) == default_rubric(scenario)


def test_without_learning_objectives_each_delegation_objective_is_a_criterion():
    scenario = attrs.evolve(load_scenario(ROOT / "scenarios" / "tutorial.toml"), learning_objectives=())
    criteria = default_rubric(scenario)
    expected = sorted(
        {f"{o.kind}-{o.norm}" + (f"-{o.forum}" if o.forum else "") for d in scenario.delegations for o in d.objectives}
    )
    assert [c.objective for c in criteria] == expected
    assert all(c.title.split()[0] in ("Adopt", "Block", "Spread", "Practise", "Stay") for c in criteria)
    # the derived rubric passes the checks a written one must
    assert semantic_problems(attrs.evolve(scenario, rubric=criteria)) == []


def test_every_shipped_scenario_has_a_rubric():
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        assert rubric(load_scenario(path)), path.name
