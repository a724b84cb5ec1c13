"""A student's first key presses: tick a seat with space, page through the tutorial with enter."""

from __future__ import annotations

import shutil

from textual.widgets import SelectionList

from exercise.tui.app import ExerciseApp
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.screens.tutorial import PAGES, TutorialScreen

from .conftest import TUTORIAL
from .helpers import SIZE, settle, sync, wait_until


def _home_app(tmp_path) -> ExerciseApp:
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(TUTORIAL, scenarios / "tutorial.toml")
    return ExerciseApp(saves_dir=tmp_path / "saves", scenarios_dir=scenarios)


async def _tick_first_seat(pilot) -> SelectionList:
    """Focus the seat list (as tab would) and press space once."""
    await settle(pilot, pilot.app)
    picker = pilot.app.screen.query_one("#seat-picker", SelectionList)
    picker.focus()
    await pilot.pause()
    await pilot.press("space")
    await pilot.pause()
    return picker


@sync
async def test_space_ticks_the_first_seat_as_soon_as_the_seat_list_has_focus(tmp_path):
    app = _home_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        picker = await _tick_first_seat(pilot)
        assert picker.selected == ["atlantia"]
        assert "Human seats: Republic of Atlantia" in str(app.screen.query_one("#seat-summary").content)


@sync
async def test_enter_pages_through_the_tutorial_and_closes_it(tmp_path):
    app = _home_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _tick_first_seat(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, TutorialScreen), "the tutorial")
        tutorial = app.screen
        next_button = tutorial.query_one("#next")
        assert app.focused is next_button
        for page in range(1, len(PAGES)):
            await pilot.press("enter")
            await wait_until(pilot, lambda: tutorial.page == page, f"page {page + 1}")
            # a button ignores a second press during its 0.2 s flash, as a person's hand would wait
            await wait_until(pilot, lambda: not next_button.has_class("-active"), "the button's flash")
        await pilot.press("enter")  # "Start playing"
        await wait_until(pilot, lambda: isinstance(app.screen, SeatScreen), "the desk")
