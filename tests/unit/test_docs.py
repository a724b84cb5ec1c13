"""The annotated example in docs/scenarios.md is a valid scenario that plays."""

import re
from pathlib import Path

from exercise.headless import final_state
from exercise.scenario import parse_scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"


def test_documented_example_is_valid_and_plays():
    block = re.search(r"```toml\n(.*?)```", DOC.read_text(), re.S).group(1)
    scenario = parse_scenario(block, "docs/scenarios.md")
    assert {d.id for d in scenario.delegations} == {"north", "south", "east", "netco"}
    state = final_state(scenario, scenario.seed)
    assert state.turn == scenario.turns
