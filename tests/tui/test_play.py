"""Play the tutorial to the end at one keyboard: two human seats in hot-seat, the rest scripted."""

from __future__ import annotations

from textual.widgets import OptionList

from exercise.core.orders import Pass
from exercise.tui.screens.final import FinalScreen
from exercise.tui.screens.privacy import PrivacyScreen
from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.screens.results import TurnResultsScreen
from exercise.tui.screens.review import ReviewScreen
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.screens.tutorial import TutorialScreen
from exercise.tui.widgets.desk import Desk

from .helpers import SIZE, new_app, screen_text, settle, sync, wait_until


@sync
async def test_hot_seat_tutorial_to_the_end(tmp_path, make_game):
    game = make_game()
    app = new_app(tmp_path, game=game)
    seen_seats: list[tuple[int, str]] = []
    results = 0
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for _ in range(200):
            screen = app.screen
            if isinstance(screen, FinalScreen):
                break
            if isinstance(screen, TutorialScreen):
                await pilot.press("escape")
            elif isinstance(screen, PrivacyScreen):
                await pilot.press("enter")
            elif isinstance(screen, SeatScreen):
                seen_seats.append((game.turn + 1, screen.seat))
                desk = screen.query_one(Desk)
                # the choice after "pass": added if legal, refused (never added) if not
                await pilot.press("down", "enter")
                choices = desk.query_one("#choices", OptionList)
                option = choices.get_option_at_index(choices.highlighted)
                order, why = desk.shown[int(option.id[1:])]
                assert not isinstance(order, Pass)
                assert desk.pending == ([] if why else [order])
                await pilot.press("s")
                await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review dialog")
                await pilot.press("ctrl+s")
            elif isinstance(screen, ChoiceScreen):  # the order picked crosses a red line
                assert "red line" in screen_text(screen)
                await pilot.press("down", "enter")  # submit anyway
            elif isinstance(screen, TurnResultsScreen):
                results += 1
                await pilot.press("enter")
            await settle(pilot, app)
        assert isinstance(app.screen, FinalScreen)
        final = app.screen
        # the debrief is built for the two seats at this keyboard: their arcs, the game's turning points
        assert [arc.seat for arc in final.debrief.arcs] == ["atlantia", "borealis"]
        assert final.debrief.points
        assert "Turning&#160;points" in app.export_screenshot()  # drawn on the screen, not only built
    assert game.turn == game.scenario.turns == 8
    assert results == 8
    # each turn, both human seats were asked in turn, and only them
    assert seen_seats == [(t, s) for t in range(1, 9) for s in ("atlantia", "borealis")]
    # the humans' orders are what was resolved; the scripted seats played too
    first = game.orders(1)
    assert first["atlantia"] and first["borealis"]
    assert {"cordova", "deltora", "netcorp"} <= set(first)
