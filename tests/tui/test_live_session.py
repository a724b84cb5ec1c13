"""A live session as a terminal sees it: locked to its seat by a code, following turns resolved
elsewhere, refusing stale orders, keeping drafts, losing a seat taken over, and the clock."""

from __future__ import annotations

from exercise.core.orders import Pass, parse_order
from exercise.store import Game
from exercise.tui.screens.code import CodeScreen
from exercise.tui.screens.home import HomeScreen
from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.screens.results import TurnResultsScreen
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.screens.taken_over import TakenOverScreen
from exercise.tui.screens.white import WhiteScreen
from exercise.tui.widgets.desk import Desk
from exercise.tui.widgets.round_clock import RoundClock

from .helpers import SIZE, new_app, screen_text, seated, settle_past_tutorial, sync, wait_for_screen, wait_until


def coded(make_game, humans=("atlantia", "borealis")):
    game = make_game(humans=humans)
    return game, game.live.issue_codes()


def other_terminal(game) -> Game:
    return Game.open(game.path)


@sync
async def test_home_keys_switch_tabs_as_the_footer_says(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one("#home-tabs")
        for key, tab in (("c", "home-continue"), ("r", "home-replay"), ("n", "home-new")):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == tab, key


@sync
async def test_a_coded_seat_asks_its_code_again_until_right_and_stays_locked(tmp_path, make_game):
    game, codes = coded(make_game)
    app = new_app(tmp_path, game=game, seat="atlantia")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, CodeScreen, "Republic of Atlantia", what="the code is asked")
        await pilot.press(*codes["borealis"], "enter")  # another team's code
        await wait_until(pilot, lambda: "not Republic of Atlantia's code" in screen_text(app.screen), "refused")
        assert isinstance(app.screen, CodeScreen)
        await pilot.press(*codes["atlantia"], "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, CodeScreen), "unlocked")
        await settle_past_tutorial(pilot, app)
        assert isinstance(app.screen, SeatScreen)
        assert app.flow.locked
        assert "Borealis Federation" not in screen_text(app.screen.query_one(Desk))
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Home" not in commands and "White cell" not in commands
        assert not app.screen.check_action("white_cell", ())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and "close this terminal" in screen_text(app.screen)
        await pilot.press("enter")  # Leave
        await wait_until(pilot, lambda: app.return_code is not None or not app.is_running, "the terminal closed")
        assert not any(isinstance(s, HomeScreen) and s is app.screen for s in app.screen_stack)
    with Game.open(game.path, read_only=True) as again:
        assert again.live.leases() == []  # the seat is free for another terminal


@sync
async def test_a_turn_forced_elsewhere_shows_on_an_idle_desk_and_its_stale_orders_are_refused(tmp_path, make_game):
    game = make_game()
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        assert isinstance(app.screen, SeatScreen) and app.flow.shown_turn == 0
        with other_terminal(game) as white:
            white.resolve(force=True)  # the white cell forces turn 1 at its own terminal
            # the desk still shows turn 1; an order made from it is refused, never put on turn 2
            assert not app.flow.submit("atlantia", [parse_order("propose free-flow in coalition", "atlantia")], None)
            await wait_until(
                pilot,
                lambda: isinstance(app.screen, TurnResultsScreen) and "TURN 1 of 8" in screen_text(app.screen),
                "the results are shown",
            )
            assert white.submitted() == {}
            assert white.orders(1)["atlantia"] == []
            white.resolve(force=True)  # and again, while the results screen is up
            await wait_until(pilot, lambda: "TURN 2 of 8" in screen_text(app.screen), "the next results")
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, SeatScreen), "back at the desk")
            assert "turn 3 of 8" in app.screen.sub_title


@sync
async def test_picked_orders_survive_quitting(tmp_path, make_game):
    game = make_game()
    order = parse_order("propose free-flow in coalition", "atlantia")
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        desk = app.screen.query_one(Desk)
        await pilot.click("#order-filter")
        await pilot.press(*"free-flow in coalition")
        await pilot.press("tab", "down", "enter")
        await wait_until(pilot, lambda: order in desk.pending, "the order is picked")
    with other_terminal(game) as again:
        assert again.live.draft("atlantia").orders == (order,)
        assert again.submitted() == {}  # kept, not submitted
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        assert app.screen.query_one(Desk).pending == [order]
        assert "propose free-flow in coalition" in screen_text(app.screen.query_one("#pending"))


@sync
async def test_a_seat_taken_over_elsewhere_stops_showing_it(tmp_path, make_game, monkeypatch):
    monkeypatch.setattr("exercise.tui.session_watch.HEARTBEAT_SECONDS", 0.1)
    game = make_game()
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        assert [lease.seat for lease in game.live.leases()] == ["atlantia"]
        with other_terminal(game) as second:
            second.live.open_seats(["atlantia"], "second-terminal", takeover=True)
            await wait_for_screen(
                pilot, TakenOverScreen, "atlantia was taken over at another terminal", what="taken over", tries=400
            )
            text = screen_text(app.screen)
            assert "Instructions" not in text and "Red lines" not in text
            # its next submit could not overwrite the new terminal's orders anyway: read-only
            assert app.flow.read_only


@sync
async def test_the_white_cell_sets_the_clock_and_every_screen_shows_it(tmp_path, make_game):
    game = make_game(humans=("atlantia",))
    async with seated(tmp_path, game, "white") as (app, pilot):
        assert isinstance(app.screen, WhiteScreen)
        assert not app.screen.query_one(RoundClock).display  # off until set
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # set the round's length
        await pilot.pause()
        await pilot.press(*(["backspace"] * 8), *"10m", "enter")
        await wait_until(pilot, lambda: game.live.clock().on, "the clock is on")
        clock = app.screen.query_one(RoundClock)
        await wait_until(pilot, lambda: "left in turn 1" in screen_text(clock), "the clock is shown")
        assert game.live.clock().round_seconds == 600
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        clock = app.screen.query_one(RoundClock)
        assert "left in turn 1" in screen_text(clock)
        game.live.set_clock(30)
        clock.tick()
        assert "LAST MINUTE" in screen_text(clock)
    audit = [e.action for e in game.events() if e.kind == "facilitator"]
    assert audit.count("clock") == 2


@sync
async def test_at_zero_the_turn_resolves_with_the_missing_seat_passing(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        app.flow.submit("atlantia", [Pass()], None)
        game.live.set_clock(1, at_zero="pass")
        await wait_until(pilot, lambda: isinstance(app.screen, TurnResultsScreen), "resolved at zero", tries=600)
    assert game.turn == 1
    assert game.order_sources(1)["borealis"] == "passed (forced)"
    forced = [e for e in game.events(1) if e.kind == "facilitator" and e.action == "forced turn"]
    assert forced and "round clock" in forced[0].detail and not forced[0].visible_to("atlantia")


@sync
async def test_continue_on_the_home_screen_asks_the_code_of_the_role_chosen(tmp_path, make_game):
    game, codes = coded(make_game)
    path = game.path
    game.close()
    app = new_app(path.parent)
    app.saves_dir = path.parent
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # the one save
        await wait_for_screen(pilot, ChoiceScreen, "White cell", "Borealis", what="who is at this keyboard")
        labels = [o.id for o in app.screen.query_one("#choice-list").options]
        for _ in range(labels.index("borealis")):
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodeScreen), "borealis's code is asked")
        await pilot.press(*codes["@white"], "enter")  # the white cell's code opens every seat
        await wait_until(pilot, lambda: not isinstance(app.screen, CodeScreen), "unlocked")
        await settle_past_tutorial(pilot, app)
        assert isinstance(app.screen, SeatScreen) and app.screen.seat == "borealis"
