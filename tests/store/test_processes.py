"""Real processes on one save file: a race to resolve the same turn, and SIGKILL mid-run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exercise.core.canonical import state_hash
from exercise.headless import final_state
from exercise.scenario import parse_scenario
from exercise.scenario.generate import generate_scenario
from exercise.store import Game, list_saves

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

# Each racer looks at the save, says it is ready, waits for the starting gun, then resolves.
RACER = """
import sys, time, pathlib
from exercise.store import Game
from exercise.errors import AlreadyResolved
save, me, rounds, sync = sys.argv[1], sys.argv[2], int(sys.argv[3]), pathlib.Path(sys.argv[4])
with Game.open(save) as game:
    for r in range(rounds):
        seen = game.turn
        (sync / f"ready-{me}-{r}").touch()
        while not (sync / f"go-{r}").exists():
            time.sleep(0.002)
        try:
            result = game.resolve()
            print(r, "resolved", result.state.turn, flush=True)
        except AlreadyResolved as e:
            print(r, "already", seen + 1, flush=True)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _wait_for(paths: list[Path], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not all(p.exists() for p in paths):
        assert time.monotonic() < deadline, f"racers never got ready: {paths}"
        time.sleep(0.005)


def test_two_processes_resolving_the_same_turn_resolve_it_once(tmp_path, save_at):
    rounds = 3
    save = save_at("race.db")
    Game.create(save, ROOT / "scenarios" / "cent-vs-decent.toml").close()
    script = tmp_path / "racer.py"
    script.write_text(RACER, encoding="utf-8")
    sync = tmp_path / "sync"
    sync.mkdir()
    racers = [
        subprocess.Popen(
            [sys.executable, str(script), str(save), name, str(rounds), str(sync)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for name in ("a", "b")
    ]
    try:
        for r in range(rounds):
            _wait_for([sync / f"ready-a-{r}", sync / f"ready-b-{r}"])
            (sync / f"go-{r}").touch()
        outputs = [p.communicate(timeout=120) for p in racers]
    finally:
        for p in racers:
            if p.poll() is None:
                p.kill()
    for p, (_, err) in zip(racers, outputs):
        assert p.returncode == 0, err
    lines = sorted(line.split() for out, _ in outputs for line in out.splitlines())
    for r in range(rounds):
        mine = [words[1:] for words in lines if words[0] == str(r)]
        # both meant turn r + 1; exactly one resolved it, the other was told it was done
        assert sorted(mine) == [["already", str(r + 1)], ["resolved", str(r + 1)]], lines
    with Game.open(save, read_only=True) as game:
        assert game.turn == rounds and game.verify().ok


def test_a_reader_keeps_seeing_other_processes_commits(tmp_path):
    """Regression: opening and closing extra connections to a file in this process (as
    list_saves does) must not leave a long-lived reader looking at an old snapshot."""
    save = tmp_path / "shared.db"
    Game.create(save, ROOT / "scenarios" / "tutorial.toml").close()
    with Game.open(save, read_only=True) as reader:
        assert reader.turn == 0
        assert [s.turn for s in list_saves(tmp_path)] == [0]
        for expected in (2, 4):
            done = subprocess.run(
                [sys.executable, "-m", "exercise", "run", str(save), "--turns", "2"],
                capture_output=True,
                text=True,
                env=_env(),
                timeout=120,
            )
            assert done.returncode == 0, done.stderr
            assert reader.turn == expected and reader.state().turn == expected


def test_sigkill_at_random_moments_never_damages_a_save(tmp_path, save_at):
    turns, seed = 100, 5
    text = generate_scenario(60, 6, 15, seed=2, turns=turns)
    scenario_path = tmp_path / "world.toml"
    scenario_path.write_text(text, encoding="utf-8")
    save = save_at("crash.db")
    Game.create(save, scenario_path, seed=seed).close()
    expected = state_hash(final_state(parse_scenario(text, "world.toml"), seed, turns))
    rng = random.Random(20251122)
    command = [sys.executable, "-m", "exercise", "run", save]
    kills, reached = 0, 0
    with Game.open(save, read_only=True) as watcher:
        while kills < 6:
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
            start = reached
            deadline = time.monotonic() + 60
            while watcher.turn == start and child.poll() is None:  # kill while it plays, not while it loads
                assert time.monotonic() < deadline
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.4))
            if child.poll() is not None:  # it finished the game before the kill
                assert child.returncode == 0, child.stderr.read()
                child.stderr.close()
                break
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            child.stderr.close()
            kills += 1
            with Game.open(save) as game:  # opens (recovering the WAL), verifies, resumes
                result = game.verify()
                assert result.ok, f"after kill {kills}: {result.reason}"
                assert game.turn >= reached
                reached = game.turn
            assert not list(tmp_path.glob(".*.tmp"))
    print(f"{kills} kills; the last one at turn {reached} of {turns}")
    assert kills >= 3, f"the runs finished before enough kills landed ({kills} kills, turn {reached})"
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    with Game.open(save, read_only=True) as game:
        assert game.turn == turns and game.verify().ok
        assert game.state_hash() == expected
