"""Every seat the README or a facilitator guide suggests for a human team has what a team needs
on its desk: instructions from its capital and objectives to be scored against."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercise.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
GUIDES = sorted((ROOT / "docs" / "scenarios").glob("*.md"))


def suggested_in_guide(guide: Path, seats: set[str]) -> set[str]:
    part = guide.read_text(encoding="utf-8").split("## Seats and who should play them")
    if len(part) < 2:
        return set()
    section = part[1].split("\n## ")[0]
    named = set(re.findall(r"^\| `([a-z0-9-]+)`", section, re.M))
    for line in section.splitlines():
        if "human" in line.lower():
            named |= set(re.findall(r"`([a-z0-9-]+)`", line))
    return named & seats


def suggested_in_readme() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        (scenario, seat)
        for scenario, seats in re.findall(r"exercise new (\S+) --human (\S+)", text)
        for seat in seats.split(",")
    ]


def cases() -> list[tuple[str, str]]:
    found = set(suggested_in_readme())
    for guide in GUIDES:
        scenario = load_scenario(ROOT / "scenarios" / f"{guide.stem}.toml")
        found |= {(guide.stem, seat) for seat in suggested_in_guide(guide, {d.id for d in scenario.delegations})}
    return sorted(found)


def test_the_guides_and_readme_suggest_team_seats():
    assert len(cases()) >= 20 and ("outside-in", "chn") in cases()


@pytest.mark.parametrize("scenario, seat", cases())
def test_a_suggested_team_seat_has_instructions_and_objectives(scenario, seat):
    delegation = load_scenario(ROOT / "scenarios" / f"{scenario}.toml").delegation(seat)
    assert delegation.instructions.strip(), f"{scenario}: {seat} has no instructions"
    assert delegation.objectives, f"{scenario}: {seat} has no objectives"
