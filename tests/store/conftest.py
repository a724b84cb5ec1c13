from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exercise.store import Game

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"


@pytest.fixture
def scenario_copy(tmp_path) -> Path:
    """A private copy of the tutorial, so a test may edit or delete it."""
    path = tmp_path / "scenario" / "tutorial.toml"
    path.parent.mkdir()
    shutil.copy(TUTORIAL, path)
    return path


@pytest.fixture
def new_save(tmp_path):
    """new_save(name="game.db", humans=(), turns=0, **create_kwargs) -> Game (open, writable)."""
    opened: list[Game] = []

    def make(name: str = "game.db", humans=(), turns: int = 0, scenario: Path = TUTORIAL, **kwargs) -> Game:
        game = Game.create(tmp_path / name, scenario, humans=humans, **kwargs)
        opened.append(game)
        for _ in range(turns):
            assert game.resolve(force=bool(humans)) is not None
        return game

    yield make
    for game in opened:
        game.close()
