from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"


@pytest.fixture
def make_game(tmp_path):
    """A fresh tutorial save in tmp_path with the given human seats."""
    from exercise.store import Game

    games = []

    def make(humans=("atlantia", "borealis"), name="game.db"):
        game = Game.create(tmp_path / name, TUTORIAL, humans=list(humans))
        games.append(game)
        return game

    yield make
    for game in games:
        try:
            game.close()
        except Exception:
            pass
