"""The desk and the turn's deals: what the seat promised is listed on it, and orders that break
a deal due now or cross a red line ask first (submit anyway, or go back)."""

from __future__ import annotations

from exercise.core.orders import parse_order
from exercise.tui.presenters.commitments import deal_lines
from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.screens.review import ReviewScreen
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.widgets.desk import Desk

from .helpers import screen_text, seated, sync, wait_until

DEAL = "offer atlantia: implement info-security if implement protect-hospitals"


def dealt(make_game):
    game = make_game(humans=("atlantia", "borealis"))
    game.talk.post("borealis", DEAL)
    game.talk.post("atlantia", "accept 1.1")
    return game


async def review_and_confirm(app, pilot) -> None:
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review dialog")
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: not isinstance(app.screen, ReviewScreen), "the review confirmed")


def test_a_deal_line_says_what_was_promised_and_how_it_stands(make_game):
    game = dealt(make_game)
    window = game.talk.window("atlantia")
    owed = deal_lines(window, "atlantia", [])
    assert owed == [
        (
            "deal 1.1 with borealis, due turn 1 (this turn): you promised implement protect-hospitals. "
            "not kept yet: still owed implement protect-hospitals",
            True,
        )
    ]
    kept = deal_lines(window, "atlantia", [parse_order("implement protect-hospitals", "atlantia")])
    assert kept[0] == (
        "deal 1.1 with borealis, due turn 1 (this turn): you promised implement protect-hospitals. "
        "your orders this turn keep it",
        False,
    )
    assert deal_lines(game.talk.window("cordova"), "cordova", []) == []  # not its deal


@sync
async def test_the_desk_lists_the_deal_and_warns_before_breaking_it(tmp_path, make_game):
    game = dealt(make_game)
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        desk = app.screen.query_one(Desk)
        text = screen_text(desk)
        assert "Your deals" in text
        assert "deal 1.1 with borealis, due turn 1 (this turn): you promised implement protect-hospitals" in text

        await review_and_confirm(app, pilot)  # nothing picked: passing breaks the deal
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the warning")
        warning = screen_text(app.screen)
        assert "break a promise or cross a red line" in warning
        assert "atlantia: these orders break deal 1.1 with borealis (due turn 1): it still owes implement" in warning
        await pilot.press("enter")  # go back (the first choice)
        await wait_until(pilot, lambda: isinstance(app.screen, SeatScreen), "back at the desk")
        assert "atlantia" not in game.submitted()

        await review_and_confirm(app, pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the warning again")
        await pilot.press("down", "enter")  # submit anyway
        await wait_until(pilot, lambda: "atlantia" in game.submitted(), "submitted anyway")


@sync
async def test_an_order_across_a_red_line_asks_first(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))  # atlantia's objective: info-security never adopted
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        app.screen.query_one("#order-filter").focus()
        await pilot.press(*"propose info-security in assembly")
        app.screen.query_one("#choices").focus()
        await pilot.press("enter")
        desk = app.screen.query_one(Desk)
        await wait_until(
            pilot, lambda: [str(o) for o in desk.pending] == ["propose info-security in assembly"], "picked"
        )

        await review_and_confirm(app, pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the warning")
        assert (
            "atlantia: 'propose info-security in assembly' crosses a red line: "
            "your objective is 'Information security never adopted anywhere'" in screen_text(app.screen)
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SeatScreen), "back at the desk")
        assert "atlantia" not in game.submitted()


@sync
async def test_orders_that_keep_every_deal_and_no_red_line_submit_without_a_warning(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        await review_and_confirm(app, pilot)
        await wait_until(pilot, lambda: "atlantia" in game.submitted(), "submitted at once")
        assert not isinstance(app.screen, ChoiceScreen)
