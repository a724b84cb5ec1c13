"""The white cell: an inject it fires shows in the timeline and in the log (with its audit
event); pausing and handing a seat over are audited too."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from exercise.core.events import FacilitatorAction, InjectFired
from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.screens.results import TurnResultsScreen
from exercise.tui.screens.white import WhiteScreen
from exercise.tui.widgets.timeline import TimelinePane

from .helpers import screen_text, seated, settle, sync


async def choose(pilot, options: OptionList, option_id: str) -> None:
    """Move down a list to the option `option_id` and press enter on it, as a user would."""
    options.focus()
    await pilot.pause()
    target = options.get_option_index(option_id)
    while options.highlighted != target:
        await pilot.press("down" if (options.highlighted or 0) < target else "up")
    await pilot.press("enter")
    await pilot.pause()


@sync
async def test_a_fired_inject_reaches_the_timeline_and_the_log(tmp_path, make_game):
    game = make_game(humans=("atlantia",))
    async with seated(tmp_path, game, "white") as (app, pilot):
        assert isinstance(app.screen, WhiteScreen)
        # fire the held inject from the console's list
        await choose(pilot, app.screen.query_one("#injects", OptionList), "grid-blackout")
        assert "grid-blackout" in screen_text(app.screen)  # queued, shown in the status line
        # force the turn: atlantia has not submitted, so it passes
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # "missing seats pass"
        await settle(pilot, app)
        assert isinstance(app.screen, TurnResultsScreen)
        assert "Blackout in Deltora" in screen_text(app.screen)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WhiteScreen)
        await pilot.press("5")
        await settle(pilot, app)
        timeline = app.screen.query_one(TimelinePane)
        assert "INJECT (white cell): Blackout in Deltora" in screen_text(timeline)
        assert "white cell:" in screen_text(timeline)
    fired = [e for e in game.events() if isinstance(e, InjectFired)]
    assert any(e.inject == "grid-blackout" and e.by_facilitator for e in fired)
    audit = [e for e in game.events() if isinstance(e, FacilitatorAction)]
    queued = [e for e in audit if "grid-blackout" in e.detail and e.audience == ("@white",)]
    assert queued, audit
    assert game.turn == 1


@sync
async def test_pause_and_hand_over_are_audited(tmp_path, make_game):
    game = make_game(humans=("atlantia",))
    async with seated(tmp_path, game, "white") as (app, pilot):
        await pilot.press("p")
        await pilot.pause()
        assert game.paused
        assert "PAUSED" in screen_text(app.screen)
        await pilot.press("p")
        await pilot.pause()
        assert not game.paused
        seats = app.screen.query_one("#seats", DataTable)
        seats.focus()
        seats.move_cursor(row=seats.get_row_index("atlantia"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await choose(pilot, app.screen.query_one("#choice-list", OptionList), "champion")
    assert game.controllers()["atlantia"] == "champion"
    actions = [(e.action, e.detail) for e in game.events() if isinstance(e, FacilitatorAction)]
    assert actions == [("pause", ""), ("resume", ""), ("control", "atlantia: human -> champion")]


@sync
async def test_an_empty_timeline_says_why(tmp_path, make_game):
    game = make_game(humans=("atlantia",))
    async with seated(tmp_path, game, "white") as (app, pilot):
        await pilot.press("5")
        await settle(pilot, app)
        assert "nothing has happened yet" in screen_text(app.screen)


@sync
async def test_d_shows_the_debrief_so_far_and_escape_closes_it(tmp_path, make_game):
    from exercise.tui.screens.debrief import DebriefScreen

    game = make_game(humans=("atlantia",))
    for _ in range(3):
        game.resolve(force=True, missing="strategy")
    async with seated(tmp_path, game, "white") as (app, pilot):
        await pilot.press("d")
        await settle(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.debrief.turns == 3 and app.screen.debrief.points
        text = screen_text(app.screen)
        assert "Debrief after turn 3" in text and "Who gained and lost" in text
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, WhiteScreen)
