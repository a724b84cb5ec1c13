"""Same scenario, seed and orders: byte-identical states and hashes, in any process."""

import json
import os
import subprocess
import sys

from exercise.core.canonical import state_from_dict, state_hash, state_json
from exercise.headless import play

SCRIPT = """
import json, sys
from exercise.core.canonical import state_hash
from exercise.headless import play
from exercise.scenario import load_scenario
s = load_scenario(sys.argv[1])
print(json.dumps([state_hash(r.state) for r in play(s, int(sys.argv[2]), 8)]))
"""


def hashes_in_process(path, seed, hashseed):
    env = {**os.environ, "PYTHONHASHSEED": str(hashseed)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), str(seed)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_two_processes_with_different_hash_seeds_agree_on_every_turn(tutorial_path):
    first = hashes_in_process(tutorial_path, 11, 1)
    second = hashes_in_process(tutorial_path, 11, 987654)
    assert len(first) == 8
    assert first == second


def test_another_seed_gives_another_game(tutorial):
    a = [state_hash(r.state) for r in play(tutorial, 1, 6)]
    b = [state_hash(r.state) for r in play(tutorial, 2, 6)]
    assert a != b


def test_a_state_survives_its_canonical_json(tutorial):
    for result in play(tutorial, 3, 5):
        text = state_json(result.state)
        back = state_from_dict(json.loads(text), tutorial)
        assert state_json(back) == text
        assert state_hash(back) == state_hash(result.state)


def test_resolve_turn_does_not_touch_its_input(tutorial):
    from exercise.engine import new_game, resolve_turn
    from exercise.strategies import default_controllers, scripted_orders

    state = new_game(tutorial, 5)
    before = state_json(state)
    resolve_turn(state, scripted_orders(state, 5, default_controllers(tutorial)), 5)
    assert state_json(state) == before


def test_a_sweeps_csv_is_byte_identical_across_hash_seeds_and_worker_counts(tutorial_path, tmp_path):
    """What a researcher shares is the CSV: the same command must give the same file."""
    files = []
    for hashseed, workers in ((1, 2), (424242, 1)):
        out = tmp_path / f"r{hashseed}.csv"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "exercise",
                "sweep",
                str(tutorial_path),
                "--runs",
                "4",
                "--turns",
                "5",
                "--vary",
                "forums=centralized,both",
                "--workers",
                str(workers),
                "--quiet",
                "--out",
                str(out),
            ],
            env={**os.environ, "PYTHONHASHSEED": str(hashseed)},
            capture_output=True,
            check=True,
        )
        files.append(out.read_bytes())
    assert files[0].count(b"\n") > 100
    assert files[0] == files[1]
