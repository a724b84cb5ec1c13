"""Snapshots of the three screens whose layout they guard (home, a seat's desk, the white
cell), at a fixed size (pytest-textual-snapshot). The other tabs and the replay screen are
checked by what they say (test_tabs_say.py), so a Textual upgrade re-blesses three SVGs at most.

Update them after an intended change of the look: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil

import pytest

from exercise.tui.app import ExerciseApp

from .conftest import TUTORIAL

SIZE = (120, 40)


def _app(tmp_path, game=None, seat=None, replay=False):
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir(exist_ok=True)
    shutil.copy(TUTORIAL, scenarios / "tutorial.toml")
    # a relative, missing saves folder: the home screen's text does not depend on tmp_path
    return ExerciseApp(saves_dir="no-saves-here", scenarios_dir=scenarios, game=game, seat=seat, replay=replay)


async def _settle(pilot):
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def played(make_game):
    """A tutorial game two turns in, atlantia and borealis human."""
    game = make_game(humans=("atlantia", "borealis"))
    for _ in range(2):
        game.resolve(force=True, missing="strategy")
    return game


def test_home(snap_compare, tmp_path):
    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=_settle)


def _desk_then(*keys):
    async def run(pilot):
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)

    return run


def test_desk(snap_compare, tmp_path, played):
    assert snap_compare(_app(tmp_path, played, seat="atlantia"), terminal_size=SIZE, run_before=_desk_then())


def test_facilitator_console(snap_compare, tmp_path, played):
    assert snap_compare(_app(tmp_path, played, seat="white"), terminal_size=SIZE, run_before=_desk_then())
