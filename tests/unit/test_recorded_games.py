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
    "tutorial": "1ad8f5cf1b785c09ec74971d994f80a57af8cfcce16028412e0ff22e37355073",
    "cent-vs-decent": "6de679db3b1bcc65379be53f49b52e32f8576ebc391e645bb6ef6f6f34a03e1c",
    "outside-in": "2104eb861c281c3c4a32a486db40e90ef6fa911dcb755cde77f8c9705f9ab7af",
    "oewg": "c3bd9e89de58e2e6698f2bcdc78d098e08b3d8e76e51e008ed35877cbf1ea1b1",
    "generated-60": "0cbab5a8e3f1abae6785bf703fecdfbce7d2aa80303ed1f124d6919ea3b6d793",
    "generated-200": "709fb74c005aa176b4a7b4d0523ca3b82a1d52687a8963d659ef7014f86835e6",
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
