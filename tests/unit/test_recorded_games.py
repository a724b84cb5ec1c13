"""Speedups must not move a game: the same scenario and seed give the very states and events
recorded here. A change meant to alter the rules (or a trajectory) updates these digests in
the same commit and says so; print the new ones with `python tests/unit/test_recorded_games.py`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import orjson
import pytest

from exercise.core.canonical import event_to_dict, state_hash
from exercise.headless import play
from exercise.scenario import load_scenario, parse_scenario
from exercise.scenario.generate import generate_scenario

ROOT = Path(__file__).resolve().parents[2]

# (scenario, seed, turns): the shipped scenarios, and generated worlds at the size the
# benchmarks time (engine, strategies and their indexes all run on them).
GAMES = [
    ("tutorial", 7, 12),
    ("cent-vs-decent", 7, 20),
    ("outside-in", 3, 15),
    ("oewg", 5, 12),
    ("generated-60", 2, 10),
    ("generated-200", 1, 6),
]

RECORDED = {
    "tutorial": "dcd0ce4d0c56f17a7afad57acd222730fe31878259ccdbdc281fddaea4a01313",
    "cent-vs-decent": "90c68cf858d4a1b3376ed4685a00e46f00f5caf0c705e39ed4405bf1fd3ce8da",
    "outside-in": "54a45ff213e8d35cd07736676d28ab3433b0c1007c3cdcfc8e6d5b81e3f5c9c8",
    "oewg": "0b820ce05cc5b73c537dc170e9c97458e501a26a6a7a377541cd71529173586c",
    "generated-60": "9724da6761ec379b49ece0cdddccf77020f349dcff6ef69ffd80ba537c81be74",
    "generated-200": "981d362c328c8c5ba2423111ca56ef294ee9f96702f0481418d0865851ce9137",
}


def game_digest(name: str, seed: int, turns: int) -> str:
    if name.startswith("generated-"):
        scenario = parse_scenario(generate_scenario(int(name.split("-")[1]), 25, 60, seed), name)
    else:
        scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml")
    digest = hashlib.sha256()
    for result in play(scenario, seed, turns):
        digest.update(state_hash(result.state).encode())
        for event in result.events:
            digest.update(orjson.dumps(event_to_dict(event), option=orjson.OPT_SORT_KEYS))
    return digest.hexdigest()


@pytest.mark.parametrize(("name", "seed", "turns"), GAMES)
def test_a_seeded_game_plays_as_recorded(name, seed, turns):
    assert game_digest(name, seed, turns) == RECORDED[name]


if __name__ == "__main__":
    for game in GAMES:
        print(f'    "{game[0]}": "{game_digest(*game)}",')
