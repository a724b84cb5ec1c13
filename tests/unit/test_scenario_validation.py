"""`exercise validate`: one line per problem naming the file and key path, exit 2, no traceback."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from exercise.errors import ScenarioError
from exercise.scenario import load_scenario, parse_scenario
from exercise.scenario.loader import scenario_from_data, stored_scenario_from_data

TUTORIAL = (Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.toml").read_text()


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "bad.toml")
    return err.value.problems


def mutate(old: str, new: str) -> str:
    assert old in TUTORIAL
    return TUTORIAL.replace(old, new, 1)


def test_the_tutorial_is_valid():
    s = parse_scenario(TUTORIAL, "tutorial.toml")
    assert len(s.delegations) <= 8 and len(s.forums) == 2 and len(s.norms) == 4


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "security = 0.7, civilian",
            "security = 1.7, civilian",
            "bad.toml: delegations[0].values.security: must be between 0 and 1, not 1.7",
        ),
        (
            "power = 0.9\ncapacity = 0.9",
            'power = "high"\ncapacity = 0.9',
            "bad.toml: delegations[0].power: must be a number, not 'high'",
        ),
        ('id = "borealis"', 'id = "atlantia"', "bad.toml: delegations[1].id: duplicate id 'atlantia'"),
        (
            'members = ["atlantia", "cordova", "deltora"',
            'members = ["atlantis", "cordova", "deltora"',
            "bad.toml: forums[1].members[0]: unknown delegation 'atlantis'",
        ),
        (
            'conflicts = ["info-security"]',
            'conflicts = ["info-sec"]',
            "bad.toml: norms[2].conflicts[0]: unknown norm 'info-sec'",
        ),
        ('strategy = "blocker"', 'strategy = "troll"', "bad.toml: delegations[1].strategy: unknown strategy 'troll'"),
        (
            "affinity = { laws-of-war = 0.8, human-rights = 0.9 }",
            "affinity = { law-of-war = 0.8, human-rights = 0.9 }",
            "bad.toml: delegations[0].affinity.law-of-war: unknown framework 'law-of-war'",
        ),
        ('rule = "consensus"', 'rule = "shouting"', "bad.toml: forums[0].rule: 'shouting' must be one of"),
        ('kind = "company"', 'kind = "corporation"', "bad.toml: delegations[5].kind: 'corporation' must be one of"),
        ("cadence = 3", "cadence = 0", "bad.toml: forums[0].cadence: must be at least 1, not 0"),
        (
            'statement = "Clean up your networks."',
            'statment = "Clean up your networks."',
            "bad.toml: norms[1]: unknown key(s): statment",
        ),
        ('id = "clean-networks"\nstatement', "statement", "bad.toml: norms[1].id: required key is missing"),
    ],
)
def test_each_problem_is_one_line_naming_file_and_key(old, new, expected):
    found = problems(mutate(old, new))
    assert any(line.startswith(expected) for line in found), found


def test_all_problems_are_reported_together():
    text = mutate("security = 0.7, civilian", "security = 1.7, civilian")
    text = text.replace('strategy = "blocker"', 'strategy = "troll"', 1)
    assert len(problems(text)) == 2


def test_not_toml_and_missing_file():
    assert problems("id = ")[0].startswith("bad.toml: not valid TOML")
    with pytest.raises(ScenarioError) as err:
        load_scenario("/nonexistent/x.toml")
    assert err.value.problems == ["/nonexistent/x.toml: no such file"]


def test_cli_validate_exit_codes(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(mutate("cadence = 3", "cadence = 0"))
    good = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.toml"
    run = subprocess.run(
        [sys.executable, "-m", "exercise", "validate", str(good), str(bad)], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == ["bad.toml: forums[0].cadence: must be at least 1, not 0"]
    assert "Traceback" not in run.stderr
    assert "tutorial.toml: ok" in run.stdout


@pytest.mark.parametrize("path", sorted((Path(__file__).parents[2] / "scenarios").glob("*.toml")), ids=lambda p: p.stem)
def test_a_saves_quick_reading_of_its_scenario_is_the_strict_one(path):
    """Saves structure their stored scenario without generated code; it must be the very same
    scenario, down to float-vs-int (repr shows 1 vs 1.0), as the strict reading of the file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert repr(stored_scenario_from_data(data, path.name)) == repr(scenario_from_data(data, path.name))


@pytest.mark.parametrize("damage", ["kind", "statement", "extra", "both"])
def test_the_quick_reading_reports_problems_like_the_strict_one(damage):
    data = tomllib.loads(TUTORIAL)
    if damage in ("kind", "both"):
        data["delegations"][1]["kind"] = "pirate"
    if damage in ("statement", "both"):
        del data["norms"][0]["statement"]
    if damage == "extra":
        data["norms"][0]["colour"] = "red"
    with pytest.raises(ScenarioError) as strict:
        scenario_from_data(data, "t.toml")
    with pytest.raises(ScenarioError) as quick:
        stored_scenario_from_data(data, "t.toml")
    assert quick.value.problems == strict.value.problems


RUBRIC = """
[[rubric]]
objective = "coalition"
title = "Builds a coalition"
levels = [{level = 1, looks_like = "alone"}, {level = 2, looks_like = "one ally"},
          {level = 3, looks_like = "a bloc"}, {level = 4, looks_like = "a majority"}]
"""


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            '{level = 3, looks_like = "a bloc"}',
            '{level = 5, looks_like = "a bloc"}',
            [
                "bad.toml: rubric[0].levels[2].level: must be at most 4, not 5",
                "bad.toml: rubric[0].levels: describe every level 1 to 4 (missing: 3)",
            ],
        ),
        (
            '{level = 3, looks_like = "a bloc"}',
            '{level = 2, looks_like = "a bloc"}',
            [
                "bad.toml: rubric[0].levels[2].level: level 2 is described twice",
                "bad.toml: rubric[0].levels: describe every level 1 to 4 (missing: 3)",
            ],
        ),
        (
            'objective = "coalition"',
            'objective = "Coalition!"',
            [
                "bad.toml: rubric[0].objective: 'Coalition!' holds 'C'; use lowercase letters, digits and '-' "
                "(e.g. 'no-attack-ci')"
            ],
        ),
        (
            '{level = 1, looks_like = "alone"}',
            "{level = 1}",
            ["bad.toml: rubric[0].levels[0].looks_like: required key is missing"],
        ),
    ],
)
def test_a_bad_rubric_is_one_line_per_problem_naming_the_key(old, new, expected):
    text = TUTORIAL + RUBRIC
    assert old in text
    assert problems(text.replace(old, new, 1)) == expected


def test_a_rubric_names_each_objective_once():
    assert problems(TUTORIAL + RUBRIC + RUBRIC) == [
        "bad.toml: rubric[1].objective: a second criterion for objective 'coalition'"
    ]


def test_bad_packages_are_one_line_per_problem_naming_the_key():
    tables = """
[[packages]]
id = "free-flow"
forum = "coalition"
proposer = "borealis"
norms = ["free-flow", "free-flow", "nope"]

[[packages]]
id = "one"
forum = "nowhere"
proposer = "atlantia"
norms = ["clean-networks"]

[[packages]]
id = "late"
forum = "coalition"
proposer = "borealis"
turn = 3
norms = ["clean-networks", "protect-hospitals"]
"""
    found = problems(TUTORIAL + tables)
    assert found == [
        "bad.toml: packages[0].id: 'free-flow' is a norm's id; a package needs a name of its own",
        "bad.toml: packages[0].norms[1]: 'free-flow' is listed twice",
        "bad.toml: packages[0].norms[2]: unknown norm 'nope'",
        "bad.toml: packages[0].proposer: 'borealis' is not a member of coalition at the start",
        "bad.toml: packages[1].forum: unknown forum 'nowhere'",
        "bad.toml: packages[1].norms: a package holds at least two norms",
    ]  # a package tabled later (turn 3) may name whoever will sit there then
