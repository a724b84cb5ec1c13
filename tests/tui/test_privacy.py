"""A seat's screen never holds another seat's private instructions, red lines or objectives."""

from __future__ import annotations

from exercise.tui.screens.privacy import PrivacyScreen
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.screens.tutorial import TutorialScreen
from .helpers import SIZE, sync, new_app, screen_text, settle


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
                for tab in "12345":  # every tab, shown and hidden
                    await pilot.press(tab)
                text = screen_text(screen)
                me = screen.seat
                for line in private_lines(scenario, me):
                    assert line in text, f"{me}'s own brief should be on its desk: {line!r}"
                for other in sorted(scenario.by_id.delegations):
                    if other == me:
                        continue
                    for line in private_lines(scenario, other):
                        assert line not in text, f"{me}'s screen shows {other}'s secret: {line!r}"
                checked.add(me)
                await pilot.press("s")
                await pilot.pause()
                await pilot.press("ctrl+s")
            if checked == {"atlantia", "borealis"}:
                break
            await settle(pilot, app)
    assert checked == {"atlantia", "borealis"}
