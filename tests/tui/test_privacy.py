"""A seat's screen never holds another seat's private instructions, red lines or objectives."""

from __future__ import annotations

from exercise.tui.widgets.world import WorldTabs

from .helpers import SIZE, each_hot_seat, new_app, screen_text, sync, wait_until


def private_lines(scenario, seat):
    d = scenario.delegation(seat)
    lines = [d.instructions, *d.red_lines, *(o.description for o in d.objectives)]
    return [line for line in lines if line]


@sync
async def test_hot_seat_screens_hold_only_their_own_secrets(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    scenario = game.scenario

    def at_privacy(screen) -> None:
        assert "instructions" not in screen_text(screen).lower()

    async def visit(screen) -> None:
        me = screen.seat
        for tab in "123456":  # every tab, shown and hidden
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

    app = new_app(tmp_path, game=game)
    async with app.run_test(size=SIZE) as pilot:
        checked = await each_hot_seat(pilot, {"atlantia", "borealis"}, visit, at_privacy)
    assert checked == {"atlantia", "borealis"}
