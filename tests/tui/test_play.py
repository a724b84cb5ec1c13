"""Play the tutorial to the end at one keyboard: two human seats in hot-seat, the rest scripted."""

from __future__ import annotations

from exercise.core.orders import Pass
from exercise.tui.screens.final import FinalScreen
from exercise.tui.screens.privacy import PrivacyScreen
from exercise.tui.screens.results import TurnResultsScreen
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.screens.tutorial import TutorialScreen
from exercise.tui.widgets.desk import Desk
from .helpers import SIZE, sync, new_app, settle


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
                # the first legal order that is not "pass" (an illegal one is never added)
                await pilot.press("down", "enter")
                assert all(not isinstance(o, Pass) for o in desk.pending) or not desk.pending
                await pilot.press("s")
                await pilot.pause()
                await pilot.press("ctrl+s")
            elif isinstance(screen, TurnResultsScreen):
                results += 1
                await pilot.press("enter")
            await settle(pilot, app)
        assert isinstance(app.screen, FinalScreen)
    assert game.turn == game.scenario.turns == 8
    assert results == 8
    # each turn, both human seats were asked in turn, and only them
    assert seen_seats == [(t, s) for t in range(1, 9) for s in ("atlantia", "borealis")]
    # the humans' orders are what was resolved; the scripted seats played too
    first = game.orders(1)
    assert first["atlantia"] and first["borealis"]
    assert {"cordova", "deltora", "netcorp"} <= set(first)


@sync
async def test_an_illegal_choice_says_why_and_is_not_added(tmp_path, make_game):
    game = make_game(humans=("atlantia",))
    for _ in range(2):  # two turns in, some orders are refused (a norm already grafted, ...)
        game.resolve(force=True, missing="strategy")
    app = new_app(tmp_path, game=game, seat="atlantia")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        desk = app.screen.query_one(Desk)
        illegal = [i for i, (_, why) in enumerate(desk._shown) if why]
        assert illegal
        index = illegal[0]
        desk.query_one("#choices").highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert desk.pending == []
        assert any(desk._shown[index][1] in n.message for n in app._notifications)


@sync
async def test_the_desk_refuses_orders_beyond_the_seats_influence(tmp_path, make_game):
    game = make_game(humans=("atlantia",))
    app = new_app(tmp_path, game=game, seat="atlantia")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        if isinstance(app.screen, TutorialScreen):
            await pilot.press("escape")
        desk = app.screen.query_one(Desk)
        influence = app.screen.query_one(Desk)._view.influence
        proposals = [i for i, (o, why) in enumerate(desk._shown) if o.verb == "propose" and not why]
        for index in proposals:
            desk.query_one("#choices").highlighted = index
            await pilot.press("enter")
            await pilot.pause()
        spent = sum(o.influence_cost for o in desk.pending)
        assert 0 < spent <= influence
        assert len(desk.pending) < len(proposals)
        assert any("influence" in n.message for n in app._notifications)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    assert game.turn == 1  # the only human seat submitted, so the turn resolved
    assert game.orders(1)["atlantia"] == desk.pending
