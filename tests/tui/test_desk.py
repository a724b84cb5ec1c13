"""The desk: an illegal choice says why and is not added; orders beyond the seat's influence are
refused. (Apart from test_play.py so that the test runners can share the work out.)"""

from __future__ import annotations

from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.widgets.desk import Desk

from .helpers import SIZE, new_app, notices, screen_text, seated, settle, sync


@sync
async def test_an_illegal_choice_says_why_and_is_not_added(tmp_path, make_game):
    game = make_game(humans=("atlantia",))
    for _ in range(2):  # two turns in, some orders are refused (a norm already grafted, ...)
        game.resolve(force=True, missing="strategy")
    app = new_app(tmp_path, game=game, seat="atlantia")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        desk = app.screen.query_one(Desk)
        illegal = [i for i, (_, why) in enumerate(desk.shown) if why]
        assert illegal
        index = illegal[0]
        desk.query_one("#choices").highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert desk.pending == []
        assert any(desk.shown[index][1] in text.replace("\n", " ") for text in notices(app))


@sync
async def test_the_desk_refuses_orders_beyond_the_seats_influence(tmp_path, make_game):
    game = make_game(humans=("atlantia",))
    async with seated(tmp_path, game, "atlantia", notifications=True) as (app, pilot):
        desk = app.screen.query_one(Desk)
        influence = desk.view.influence
        proposals = [i for i, (o, why) in enumerate(desk.shown) if o.verb == "propose" and not why]
        for index in proposals:
            desk.query_one("#choices").highlighted = index
            await pilot.press("enter")
            await pilot.pause()
        spent = sum(o.influence_cost for o in desk.pending)
        assert 0 < spent <= influence
        assert len(desk.pending) < len(proposals)
        assert any("influence" in text for text in notices(app))
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        if isinstance(app.screen, ChoiceScreen):  # proposing info-security crosses atlantia's red line
            assert "crosses a red line" in screen_text(app.screen)
            await pilot.press("down", "enter")  # submit anyway
            await settle(pilot, app)
    assert game.turn == 1  # the only human seat submitted, so the turn resolved
    assert game.orders(1)["atlantia"] == desk.pending


@sync
async def test_digits_switch_tabs_from_a_list_but_are_typed_in_a_filter_box(tmp_path, make_game):
    from textual.widgets import Input

    from exercise.tui.widgets.world import WorldTabs

    game = make_game(humans=("atlantia",))
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        tabs = app.screen.query_one(WorldTabs)
        await pilot.press("3")
        await settle(pilot, app)
        assert tabs.active == "tab-norms"
        await pilot.press("slash")  # the norm board's filter box
        await pilot.press("0", "0", "1")
        await settle(pilot, app)
        box = app.screen.query_one("#norm-filter", Input)
        assert box.value == "001" and tabs.active == "tab-norms"
        await pilot.press("escape")  # leaves the box; the digits switch tabs again
        await pilot.press("1")
        await settle(pilot, app)
        assert tabs.active == "tab-desk"
