"""A seat's screen never holds another seat's private instructions, red lines or objectives."""

from __future__ import annotations

from exercise.tui.screens.privacy import PrivacyScreen
from exercise.tui.screens.review import ReviewScreen
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.screens.tutorial import TutorialScreen
from exercise.tui.widgets.world import WorldTabs

from .helpers import SIZE, new_app, screen_text, settle, sync, wait_until


def private_lines(scenario, seat):
    d = scenario.delegation(seat)
    lines = [d.instructions, *d.red_lines, *(o.description for o in d.objectives)]
    return [line for line in lines if line]


@sync
async def test_hot_seat_screens_hold_only_their_own_secrets(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    scenario = game.scenario
    app = new_app(tmp_path, game=game)
    checked = set()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for _ in range(12):
            screen = app.screen
            if isinstance(screen, TutorialScreen):
                await pilot.press("escape")
            elif isinstance(screen, PrivacyScreen):
                assert "instructions" not in screen_text(screen).lower()
                await pilot.press("enter")
            elif isinstance(screen, SeatScreen):
                me = screen.seat
                for tab in "12345":  # every tab, shown and hidden
                    await pilot.press(tab)
                # every pane built and filled, and the desk showing its own brief, whatever the load
                await screen.query_one(WorldTabs).build_all()
                own = private_lines(scenario, me)
                await wait_until(
                    pilot, lambda: all(line in screen_text(screen) for line in own), f"{me}'s desk shows its brief"
                )
                text = screen_text(screen)
                for line in private_lines(scenario, me):
                    assert line in text, f"{me}'s own brief should be on its desk: {line!r}"
                for other in sorted(scenario.by_id.delegations):
                    if other == me:
                        continue
                    for line in private_lines(scenario, other):
                        assert line not in text, f"{me}'s screen shows {other}'s secret: {line!r}"
                checked.add(me)
                await pilot.press("s")
                await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review dialog")
                await pilot.press("ctrl+s")
                await wait_until(
                    pilot,
                    lambda: app.screen is not screen and not isinstance(app.screen, ReviewScreen),
                    f"{me}'s orders submitted",
                )
            if checked == {"atlantia", "borealis"}:
                break
            await settle(pilot, app)
    assert checked == {"atlantia", "borealis"}
