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
    "tutorial": "3f1fcaab403af5551c825a09c4d5766f899a9f65c1e5d583770b8afc772647e7",
    "cent-vs-decent": "710c05e675f0577623d747a50b620fe57750fea38298282232fd32aca038bfd0",
    "outside-in": "c08f0b4e51d4d5e96a1393d6c49397c3d37d545e821bd121f661219e318caf32",
    "oewg": "f4ad89399781374f3e960b831d821bb25e8259b35205b538b6a34153eed5b725",
    "generated-60": "f0f8ec9414a7975b58b414e850b8d686395d266b6bf6b25e4076a8d530765fbb",
    "generated-200": "9b0c56cf8f16c05f628b857d41ad8806e52f289d3e612a0d56fdd95ea1fc5090",
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
