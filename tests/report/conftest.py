from pathlib import Path

import pytest

from exercise.store import Game
from tests.report.helpers import play_out


@pytest.fixture(scope="module")
def plain_save(tmp_path_factory) -> Path:
    """A finished tutorial game with two human teams and no evaluators."""
    return play_out(tmp_path_factory.mktemp("plain") / "plain.db")


@pytest.fixture(scope="module")
def evaluated_save(tmp_path_factory) -> Path:
    """The same game with two evaluators' scores and notes, an instructor's note and a plan."""
    path = play_out(tmp_path_factory.mktemp("evaluated") / "class.db")
    with Game.open(path) as game:
        ev = game.evaluation
        ev.add_roles(evaluators=2)
        ev.score("evaluator-1", 3, "atlantia", "lo-1", 4, "Pushed the Assembly with a clear text")
        ev.score("evaluator-1", 3, "borealis", "lo-1", 1, "Blocked without offering anything")
        ev.score("evaluator-2", 3, "borealis", "lo-1", 2)
        ev.score("evaluator-2", 6, "atlantia", "lo-4", 3)
        ev.add_evaluator_note("evaluator-2", 4, "Borealis asked for a recess", team="borealis")
        ev.add_instructor_note(3, "Stop here and explain the consensus rule")
        ev.add_item(
            "One objection stops the Assembly",
            "Brief coalition building before turn 3",
            "trainer",
            "2027-01-15",
            "lo-1",
        )
    return path
