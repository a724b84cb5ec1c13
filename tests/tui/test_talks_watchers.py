"""The observer's and the evaluator's Talks tab: the talk of the turn in play as the team they
watch heard it (the rule their other tabs follow: `view_for` that team), every channel when an
evaluator watches every team, live, and no line to speak on."""

from __future__ import annotations

from exercise.store import Game
from exercise.tui.widgets.talks import TalkLine, TalksPane
from exercise.tui.widgets.world import WorldTabs

from .helpers import screen_text, seated, sync, wait_until
from .test_evaluation import _choose
from .test_talks_privacy import secrets_of

FLOOR = "say in assembly: a word on the floor for every member"


def _watched(make_game):
    game = make_game(humans=("atlantia", "borealis"))
    game.evaluation.add_roles(evaluators=1, observers=1)
    game.talk.post("borealis", FLOOR)
    return game, secrets_of(game)


def talks_of(screen) -> str:
    return screen_text(screen.query_one(TalksPane))


@sync
async def test_an_observer_hears_only_what_the_team_it_watches_heard_and_live(tmp_path, make_game):
    game, secrets = _watched(make_game)
    async with seated(tmp_path, game, "observer-1") as (app, pilot):
        await _choose(pilot, app, "Borealis Federation")
        screen = app.screen
        assert screen.team == "borealis"
        text = talks_of(screen)
        assert "Talk of turn 1, as heard by borealis" in text
        assert "a word on the floor for every member" in text
        everything = screen_text(screen)  # no other tab leaks it either
        for secret in secrets:
            assert secret not in everything, f"the observer of borealis sees {secret!r}"
        assert not screen.query_one(TalkLine).display  # an observer never speaks
        await pilot.press("7")  # Orders, Brief, the world's four, Talks
        await wait_until(pilot, lambda: screen.query_one(WorldTabs).active == "tab-talks", "the Talks tab")
        with Game.open(game.path) as elsewhere:  # said at another terminal: shown without a key
            elsewhere.talk.post("atlantia", "say to borealis: a late word for borealis")
            elsewhere.talk.post("atlantia", "say to cordova: a late word borealis never hears")
        await wait_until(pilot, lambda: "a late word for borealis" in talks_of(screen), "the live line")
        assert "a late word borealis never hears" not in screen_text(screen)

        await pilot.press("t")  # watching atlantia: what atlantia heard, its secret deal too
        await _choose(pilot, app, "Republic of Atlantia")
        await wait_until(pilot, lambda: "as heard by atlantia" in talks_of(screen), "atlantia's talk")
        text = talks_of(screen)
        for secret in secrets:
            assert secret in text, f"atlantia heard {secret!r}: its observer should see it"


@sync
async def test_an_evaluator_watching_every_team_hears_every_channel(tmp_path, make_game):
    game, secrets = _watched(make_game)
    async with seated(tmp_path, game, "evaluator-1") as (app, pilot):
        await pilot.press("escape")  # not asked for a team: it starts on every team
        screen = app.screen
        assert screen.team is None
        text = talks_of(screen)
        assert "every channel" in text
        for secret in [*secrets, "a word on the floor for every member"]:
            assert secret in text
        assert not screen.query_one(TalkLine).display
        await pilot.press("8")  # Rubric, Orders, Brief, the world's four, Talks
        await wait_until(pilot, lambda: screen.query_one(WorldTabs).active == "tab-talks", "the Talks tab")
        await pilot.press("t")
        await _choose(pilot, app, "Borealis Federation")
        await wait_until(pilot, lambda: "as heard by borealis" in talks_of(screen), "borealis's talk")
        for secret in secrets:
            assert secret not in talks_of(screen)
