"""Replay: step through turns, jump, switch whose view, see that seat's orders, branch."""

from __future__ import annotations

from exercise.tui.screens.prompt import ChoiceScreen, PromptScreen
from exercise.tui.screens.replay import ReplayScreen
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.widgets.orders_table import OrdersTable
from exercise.tui.widgets.seat_brief import SeatBrief

from .helpers import SIZE, new_app, screen_text, settle, sync


def played(make_game, turns=3):
    from exercise.store import Game

    game = make_game(humans=("atlantia", "borealis"))
    for _ in range(turns):
        game.resolve(force=True, missing="strategy")
    path = game.path
    game.close()
    return Game.open(path, read_only=True)


@sync
async def test_replay_steps_jumps_and_switches_views(tmp_path, make_game):
    game = played(make_game)
    app = new_app(tmp_path, game=game, replay=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert screen.turn == 3
        await pilot.press("left", "left")
        assert screen.turn == 1
        await pilot.press("left", "left")  # stops at turn 0
        assert screen.turn == 0
        await pilot.press("right")
        assert screen.turn == 1
        # the white cell sees every seat's orders of turn 1
        orders = screen_text(screen.query_one(OrdersTable))
        assert "atlantia" in orders and "borealis" in orders and "cordova" in orders
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert screen.turn == 2
        # switch to borealis's view: its own orders and brief only
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        app.screen.dismiss("borealis")
        await pilot.pause()
        assert screen.seat == "borealis"
        orders = screen_text(screen.query_one(OrdersTable))
        assert "borealis" in orders and "atlantia" not in orders
        brief = screen_text(screen.query_one(SeatBrief))
        assert game.scenario.delegation("borealis").instructions in brief
        assert game.scenario.delegation("atlantia").instructions not in screen_text(screen)
    game.close()


@sync
async def test_branching_from_replay_opens_a_new_game_at_that_turn(tmp_path, make_game):
    from exercise.store import Game

    game = played(make_game)
    app = new_app(tmp_path, game=game, replay=True)
    target = tmp_path / "what-if.db"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("left")  # turn 2
        await pilot.press("b")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one("#prompt-input").value = str(target)
        await pilot.press("enter")
        await settle(pilot, app)
        # the branch opens for play: hot-seat for its two human seats
        while not isinstance(app.screen, SeatScreen):
            await pilot.press("escape" if "Tutorial" in type(app.screen).__name__ else "enter")
            await settle(pilot, app)
        assert app.game.path == target
        assert app.game.turn == 2
    assert game.turn == 3  # the original is untouched
    with Game.open(target, read_only=True) as branch:
        assert branch.turn == 2
        assert branch.state(2) == game.state(2)
    game.close()


@sync
async def test_n_and_p_jump_between_turning_points_and_the_bar_names_them(tmp_path, make_game):
    from exercise.engine.debrief import debrief
    from exercise.store.history import history

    game = played(make_game, turns=6)
    made = debrief(history(game))
    expected = [p.turn for p in made.points]
    assert len(expected) >= 2
    app = new_app(tmp_path, game=game, replay=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = app.screen
        screen.action_go(0)
        visited = []
        for _ in expected:
            await pilot.press("n")
            await settle(pilot, app)  # the first n builds the debrief in a worker
            visited.append(screen.turn)
        assert visited == expected
        headline = made.point(screen.turn).headlines[0]
        assert "TURNING POINT" in screen_text(screen.query_one("#replay-bar")) and headline[:30] in screen_text(
            screen.query_one("#replay-bar")
        )
        await pilot.press("n")  # none after the last: it stays
        assert screen.turn == expected[-1]
        await pilot.press("p")
        await pilot.pause()
        assert screen.turn == expected[-2]


@sync
async def test_c_compares_with_another_save_of_the_scenario_in_the_folder(tmp_path, make_game):
    from exercise.tui.screens.compare import CompareScreen

    other = make_game(humans=(), name="other.db")  # all scripted: it parts from the hot-seat game
    for _ in range(2):
        other.resolve()
    game = played(make_game, turns=2)
    app = new_app(tmp_path, game=game, replay=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("c")
        await settle(pilot, app)
        assert isinstance(app.screen, ChoiceScreen)
        assert [label.split(":")[0] for _, label in app.screen.choices] == ["other.db"]  # not itself
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, CompareScreen)
        text = "\n".join(app.screen.lines)
        assert "A = game.db (turn 2" in text and "B = other.db (turn 2" in text
        assert "The games " in text and "Scores against objectives at turn 2" in text
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, ReplayScreen)
