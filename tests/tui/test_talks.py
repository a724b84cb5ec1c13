"""The Talks tab of a seat: the inbox by channel, live from other terminals; the compose line
(said through the store, refused in place); a, r and c on an offer made to the seat."""

from __future__ import annotations

from exercise.core.talk import Reply
from exercise.store import Game
from exercise.tui.screens.seat import SeatScreen
from exercise.tui.widgets.talks import TalkInbox, TalkLine, TalksPane
from exercise.tui.widgets.world import WorldTabs

from .helpers import notices, screen_text, seated, sync, wait_until

TALKS = "6"


def talks_text(app) -> str:
    return screen_text(app.screen.query_one(TalksPane))


async def open_talks(app, pilot) -> TalksPane:
    assert isinstance(app.screen, SeatScreen)
    await pilot.press(TALKS)
    await wait_until(pilot, lambda: app.screen.query_one(WorldTabs).active == "tab-talks", "the Talks tab")
    return app.screen.query_one(TalksPane)


async def type_line(pilot, pane: TalksPane, line: str) -> None:
    pane.query_one(TalkLine).focus()
    await pilot.pause()
    await pilot.press(*line, "enter")
    await pilot.pause()


async def highlight_offer(pilot, pane: TalksPane, offer: str) -> None:
    inbox = pane.query_one(TalkInbox)
    inbox.focus()
    for _ in range(inbox.option_count + 1):
        if pane.selected_offer() == offer:
            return
        await pilot.press("down")
    raise AssertionError(f"offer {offer} cannot be selected")


@sync
async def test_the_inbox_groups_what_the_seat_heard_by_channel(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    game.talk.post("borealis", "say to atlantia: a word in private")
    game.talk.post("borealis", "say in assembly support info-security: order online")
    game.talk.post("borealis", "offer atlantia: endorse protect-hospitals in assembly if implement info-security")
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        await open_talks(app, pilot)
        text = talks_text(app)
        for title in ("Offers", "Floor of assembly", "With borealis"):
            assert title in text
        assert text.index("Offers") < text.index("Floor of assembly") < text.index("With borealis")
        assert "t1 borealis: say to atlantia: a word in private" in text
        assert (
            "1.1 borealis -> atlantia: endorse protect-hospitals in assembly if implement info-security "
            "(due turn 1) [open]" in text
        )


@sync
async def test_a_line_from_another_terminal_arrives_live_with_a_notice(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    async with seated(tmp_path, game, "atlantia", notifications=True) as (app, pilot):
        with Game.open(game.path) as borealis:
            borealis.talk.post("borealis", "say to atlantia: are you there")
            await wait_until(pilot, lambda: "are you there" in talks_text(app), "the message shown live")
        await wait_until(pilot, lambda: any("new line(s) of talk" in n for n in notices(app)), "a notice on the desk")


@sync
async def test_compose_says_a_line_and_a_bad_one_is_refused_in_place(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        pane = await open_talks(app, pilot)
        await type_line(pilot, pane, "say in assembly: hospitals first")
        assert [e.talk.text() for e in game.talk.heard("atlantia")] == ["say in assembly: hospitals first"]
        assert "t1 atlantia: say in assembly: hospitals first" in talks_text(app)
        assert pane.query_one(TalkLine).value == ""

        await type_line(pilot, pane, "say to zzz: hello")
        assert "atlantia: say to zzz: hello: there is no seat 'zzz'" in talks_text(app)
        assert len(game.talk.lines(1)) == 1  # nothing recorded
        assert pane.query_one(TalkLine).value == "say to zzz: hello"  # kept, to be corrected


@sync
async def test_w_moves_from_the_inbox_to_the_line_so_letters_are_typed_not_keys(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        await open_talks(app, pilot)
        assert isinstance(app.screen.focused, TalkInbox)  # the tab opens on the inbox
        assert "w writes a line" in talks_text(app)
        await pilot.press("w", *"say in assembly: safe hospitals", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)  # the s of "say" did not open the review
        assert [e.talk.text() for e in game.talk.heard("atlantia")] == ["say in assembly: safe hospitals"]


@sync
async def test_a_line_for_a_turn_resolved_meanwhile_is_refused_not_said_in_the_next(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        pane = await open_talks(app, pilot)
        with Game.open(game.path) as white:
            white.resolve(force=True)  # turn 1 forced at the white cell's terminal
        pane.refresh_talk()  # a talk refresh may come before the watch shows the results
        assert "Talk of turn 1" in talks_text(app)
        assert not pane.say("say in assembly: still about turn 1")
        assert "resolved" in talks_text(app)
        assert game.talk.lines(1) == [] and game.talk.lines(2) == []


@sync
async def test_tab_completes_verbs_seats_forums_and_orders(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        pane = await open_talks(app, pilot)
        line = pane.query_one(TalkLine)
        line.focus()
        await pilot.pause()
        for typed, expected in (
            ("off", "offer"),
            (" bor", "offer borealis"),
            (": endo", "offer borealis: endorse"),
            (" protect-h", "offer borealis: endorse protect-hospitals"),
            (" in ass", "offer borealis: endorse protect-hospitals in assembly"),
        ):
            await pilot.press(*typed)
            for _ in range(50):  # the suggestion is looked up in a worker: tab takes it once shown
                await pilot.press("tab")
                await pilot.pause()
                if line.value != line.value.rstrip() or line.value == expected:
                    break
            assert line.value == expected
        assert app.screen.query_one(WorldTabs).active == "tab-talks"  # tab completed, focus stayed


@sync
async def test_an_offer_to_a_scripted_seat_is_answered_in_the_inbox(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        pane = await open_talks(app, pilot)
        await type_line(
            pilot, pane, "offer cordova: assist cordova on clean-networks with 1 if implement clean-networks"
        )
        answers = [e for e in game.talk.heard("atlantia") if isinstance(e.talk, Reply)]
        assert len(answers) == 1 and answers[0].seat == "cordova"
        assert f"t1 cordova: {answers[0].talk.text()}" in talks_text(app)
        problem = screen_text(pane.query_one("#talk-problem"))  # under the line, at once
        assert f"cordova answered: {answers[0].talk.text()}" in problem
        status = game.talk.board().offers["1.1"].status
        assert f"(due turn 1) [{status}]" in talks_text(app)


@sync
async def test_a_r_and_c_answer_the_offer_selected(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    for _ in range(3):
        game.talk.post("borealis", "offer atlantia: endorse protect-hospitals in assembly if implement info-security")
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        pane = await open_talks(app, pilot)
        inbox = pane.query_one(TalkInbox)
        inbox.focus()
        await pilot.pause()
        inbox.highlighted = 0  # the channel's title: no offer, the keys do nothing
        await pilot.press("a")
        assert len(game.talk.lines(1)) == 3

        await highlight_offer(pilot, pane, "1.1")
        await pilot.press("a")
        await highlight_offer(pilot, pane, "1.2")
        await pilot.press("r")
        await highlight_offer(pilot, pane, "1.3")
        await pilot.press("c")
        await pilot.pause()
        line = pane.query_one(TalkLine)
        assert line.value == "counter 1.3: " and app.screen.focused is line
        await pilot.press(*"implement protect-hospitals if endorse protect-hospitals in assembly", "enter")
        await pilot.pause()
        offers = game.talk.board().offers
        assert [offers[o].status for o in ("1.1", "1.2", "1.3")] == ["accepted", "rejected", "countered"]
        assert offers["1.4"].offerer == "atlantia" and offers["1.4"].counters == "1.3"
        assert "[accepted]" in talks_text(app) and "[countered]" in talks_text(app)


def test_completion_follows_the_word_before():
    from exercise.tui.presenters.talk_completion import DEAL_VERBS, TalkNames, complete, completions

    names = TalkNames(
        seats=("borealis", "cordova"), forums=("assembly",), norms=("free-flow",), coalitions=("pact",), offers=("1.2",)
    )
    assert completions("", names)[:3] == ["say", "form", "join"]
    assert completions("say to ", names) == ["coalition", "borealis", "cordova"]
    assert completions("say to coalition ", names) == ["pact"]
    assert completions("say in ", names) == ["assembly"]
    assert completions("say in assembly: ", names) == []  # free words
    assert completions("form pact with borealis,c", names) == ["cordova"]
    assert completions("accept ", names) == ["1.2"]
    assert completions("offer cordova: ", names) == list(DEAL_VERBS)
    assert "fire" not in DEAL_VERBS and "pass" not in DEAL_VERBS  # never promised in a deal
    assert completions("offer cordova: assist cordova on free-flow with ", names) == []
    assert complete("offer cordova: lobby borealis on fr", names) == "offer cordova: lobby borealis on free-flow"
    assert complete("offer cordova: lobby borealis on free-flow", names) is None
