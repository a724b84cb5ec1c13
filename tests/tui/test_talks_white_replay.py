"""The white cell hears every channel live and speaks as the chair; replay shows each turn's
talk with the view's filter."""

from __future__ import annotations

from exercise.core.seats import FACILITATOR
from exercise.store import Game
from exercise.tui.screens.prompt import ChoiceScreen
from exercise.tui.screens.replay import ReplayScreen
from exercise.tui.screens.white import WhiteScreen
from exercise.tui.widgets.talks import TalkLine, TalksPane
from exercise.tui.widgets.world import WorldTabs

from .helpers import replaying, screen_text, seated, settle, sync, wait_until

SECRET = "between us two only"
COALITION = "the coalition's own plan"


def talked(game) -> None:
    game.talk.post("atlantia", f"say to borealis: {SECRET}")
    game.talk.post("atlantia", "form friends with cordova")
    game.talk.post("cordova", "join friends")
    game.talk.post("cordova", f"say to coalition friends: {COALITION}")
    game.talk.post("borealis", "say in assembly: borealis speaks")


@sync
async def test_the_white_cell_hears_every_channel_live_and_speaks_as_the_chair(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    talked(game)
    async with seated(tmp_path, game, "white") as (app, pilot):
        assert isinstance(app.screen, WhiteScreen)
        await pilot.press("6")
        await wait_until(pilot, lambda: app.screen.query_one(WorldTabs).active == "tab-talks", "the Talks tab")
        pane = app.screen.query_one(TalksPane)
        text = screen_text(pane)
        for title in ("Floor of assembly", "Coalition friends", "Between atlantia and borealis"):
            assert title in text
        assert SECRET in text and COALITION in text

        with Game.open(game.path) as other:
            other.talk.post("borealis", "say to atlantia: late news")
            await wait_until(pilot, lambda: "late news" in screen_text(pane), "a line said elsewhere, live")

        pane.query_one(TalkLine).focus()
        await pilot.pause()
        await pilot.press(*"say to atlantia: the chair asks for a draft", "enter")
        await pilot.pause()
        said = game.talk.heard("atlantia")[-1]
        assert said.seat == FACILITATOR and said.talk.text() == "say to atlantia: the chair asks for a draft"
        assert "t1 the chair: say to atlantia: the chair asks for a draft" in screen_text(pane)

        before = len(game.talk.lines(1))
        await pilot.press(*"offer atlantia: implement protect-hospitals if implement clean-networks", "enter")
        await pilot.pause()
        assert "makes no deals" in screen_text(pane)
        assert len(game.talk.lines(1)) == before


@sync
async def test_replay_shows_each_turns_talk_as_the_view_heard_it(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    talked(game)
    game.resolve(force=True, missing="strategy")
    async with replaying(tmp_path, game) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, ReplayScreen) and screen.turn == 1
        await pilot.press("7")
        pane = screen.query_one(TalksPane)
        assert not pane.query_one(TalkLine).display  # read-only: no compose line
        text = screen_text(pane)
        assert "Talk of turn 1" in text and SECRET in text and COALITION in text

        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "whose view")
        await pilot.press("down", "down", "enter")  # white cell, atlantia, borealis
        await wait_until(pilot, lambda: screen.seat == "borealis", "borealis's view")
        await settle(pilot, app)
        text = screen_text(pane)
        assert "as heard by borealis" in text
        assert SECRET in text and "borealis speaks" in text
        assert COALITION not in text and "friends" not in text  # borealis is not in the coalition

        await pilot.press("left")
        await pilot.pause()
        assert screen.turn == 0 and "Nothing is said before turn 1" in screen_text(pane)
