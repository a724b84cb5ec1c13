"""Played saves for the report tests."""

from pathlib import Path

from exercise.store import Game

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"


def play_out(path: Path, humans=("atlantia", "borealis"), scenario: Path = TUTORIAL) -> Path:
    with Game.create(path, scenario, humans=list(humans)) as game:
        while not game.finished:
            game.resolve(force=True, missing="strategy")
    return path
