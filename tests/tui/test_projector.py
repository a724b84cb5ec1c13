"""The projector (`play SAVE --as projector`): the room's screen, public, live and locked.

What it shows is read from what is drawn on the screen (every character of every line), so a
secret that reached any widget, in any size of type, would be caught.
"""

from __future__ import annotations

import time

import pytest
from textual.widgets import Digits, Static

from exercise.cli.play_cmd import open_for_play
from exercise.core.orders import FireInject
from exercise.core.seats import PROJECTOR, PUBLIC
from exercise.store import Game
from exercise.tui.presenters.turn_digest import turn_digest
from exercise.tui.screens.help import HelpScreen
from exercise.tui.screens.projector import ProjectorScreen
from exercise.tui.widgets.big_clock import BigClock
from exercise.tui.widgets.big_type import big

from .helpers import drawn as drawn_on
from .helpers import new_app, screen_text, sync

ROOM = (160, 48)


def drawn(app) -> str:
    """Every line drawn on the projector's screen now."""
    return drawn_on(app.screen)


def shows_big(app, text: str) -> bool:
    """Whether `text` is drawn in the projector's large type."""
    screen = drawn(app)
    return all(line.rstrip() in screen for line in big(text).plain.splitlines())


async def until(pilot, condition, what: str, seconds: float = 5.0) -> float:
    """Wait for `condition()` by the clock, no key pressed; returns the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        await pilot.pause(0.02)
    raise AssertionError(f"never happened within {seconds} s: {what}")


def projector(tmp_path, path):
    """The app as `play PATH --as projector` opens it (the save read-only)."""
    return new_app(tmp_path, game=open_for_play(str(path), PROJECTOR, False), seat=PROJECTOR)


def forced(game: Game, turns: int) -> None:
    for _ in range(turns):
        game.resolve(force=True, missing="strategy")


def secrets_of(game: Game) -> list[str]:
    """Every seat's private brief, and the white cell's audit trail (bar pause and resume)."""
    out = []
    for d in game.scenario.delegations:
        out += [d.instructions, *d.red_lines, *(o.description for o in d.objectives)]
    for e in game.events():
        if e.kind == "facilitator" and not e.visible_to(PUBLIC):
            out += [e.text(), e.detail]
    return [line for line in out if line and len(line) > 3]


def assert_public(text: str, game: Game) -> None:
    for secret in secrets_of(game):
        assert secret not in text, f"the projector shows a secret: {secret!r}"
    for word in ("budget", "influence", "queued", "forced", "objective", "score"):
        assert word not in text.lower(), f"the projector says {word!r}"


@sync
async def test_it_shows_the_turn_the_clock_and_what_each_forum_decided(tmp_path, make_game):
    game = make_game()
    forced(game, 3)  # turn 3: the assembly adopts protect-hospitals and atlantia, cordova block info-security
    game.live.set_clock(600)
    game.submit("atlantia", [])
    app = projector(tmp_path, game.path)
    async with app.run_test(size=ROOM) as pilot:
        await until(pilot, lambda: "Turn 3: what each forum decided" in drawn(app), "turn 3's results")
        screen = app.screen
        assert isinstance(screen, ProjectorScreen)
        text = drawn(app)
        assert shows_big(app, "TURN 4") and "of 8" in text
        minutes, seconds = screen.query_one(BigClock).query_one(Digits).value.split(":")
        assert 540 <= int(minutes) * 60 + int(seconds) <= 600  # a ten-minute round, just started
        assert "left in turn 4" in text
        assert game.scenario.forum("assembly").name in text
        assert shows_big(app, " ADOPTED ") and shows_big(app, " BLOCKED ")
        assert "by atlantia, cordova" in text
        assert "Turn 3: biggest changes in adoption" in text
        assert "Adoption over the turns" in text
        assert "submitted: atlantia — waiting: borealis" in text
        assert shows_big(app, "WAITING ")


@sync
async def test_a_turn_resolved_at_another_terminal_shows_within_a_second(tmp_path, make_game):
    game = make_game()  # the other terminal: the white cell, say
    app = projector(tmp_path, game.path)
    async with app.run_test(size=ROOM) as pilot:
        await until(pilot, lambda: "Turn 1 is being played" in drawn(app), "the start")
        assert shows_big(app, "TURN 1")
        game.submit("borealis", [])
        took = await until(pilot, lambda: "submitted: borealis — waiting: atlantia" in drawn(app), "a submission")
        assert took < 1.5
        game.resolve(force=True, missing="strategy")
        took = await until(pilot, lambda: "Turn 1: what each forum decided" in drawn(app), "turn 1's results")
        assert took < 1.5, f"turn 1's results took {took:.2f} s to show"
        assert shows_big(app, "TURN 2")
        game.pause()
        await until(pilot, lambda: shows_big(app, " PAUSED "), "the pause")
        game.resume()
        forced(game, 1)
        await until(pilot, lambda: "Turn 2: what each forum decided" in drawn(app), "turn 2's results")
        digest = turn_digest(game.state(1), game.state(2), game.events(2), seat=PUBLIC)
        for forum, _, outcome, _ in digest.decisions:
            if outcome in ("adopted", "blocked", "tabled"):
                assert game.scenario.forum(forum).name in drawn(app)


@sync
async def test_nothing_private_reaches_the_projector(tmp_path, make_game):
    game = make_game()
    forced(game, 2)
    game.set_controller("borealis", "blocker")  # a hand-over: in the audit trail
    game.facilitator_order(FireInject("grid-blackout"))  # queued: the white cell's own business
    game.log_facilitator("note", "atlantia's team looks tired")
    app = projector(tmp_path, game.path)
    async with app.run_test(size=ROOM) as pilot:
        await until(pilot, lambda: "Turn 2: what each forum decided" in drawn(app), "turn 2's results")
        assert_public(drawn(app) + screen_text(app.screen) + repr(app.screen.projection), game)
        forced(game, 1)  # the forced turn is in the audit trail; the inject fires in public
        await until(pilot, lambda: "Turn 3: what each forum decided" in drawn(app), "turn 3's results")
        assert "Blackout in Deltora" in drawn(app)
        assert any("forced turn" in s for s in secrets_of(game))
        assert_public(drawn(app) + screen_text(app.screen) + repr(app.screen.projection), game)
        # the check would catch a secret drawn on this screen
        secret = game.scenario.delegation("borealis").red_lines[0]
        await app.screen.mount(Static(secret))
        await pilot.pause()
        with pytest.raises(AssertionError):
            assert_public(drawn(app), game)


@sync
async def test_the_last_minute_cannot_be_missed(tmp_path, make_game):
    game = make_game()
    game.live.set_clock(45)
    app = projector(tmp_path, game.path)
    async with app.run_test(size=ROOM) as pilot:
        clock = app.screen.query_one(BigClock)
        await until(pilot, lambda: clock.has_class("-hurry"), "the last minute")
        assert "LAST MINUTE" in drawn(app)
        game.live.pause_clock()
        await until(pilot, lambda: clock.has_class("-stopped"), "the paused clock")
        assert not clock.has_class("-hurry") and "PAUSED" in drawn(app)
        game.live.set_clock(1)  # a one-second round, running: past zero in a second
        await until(pilot, lambda: clock.has_class("-up"), "time up")
        assert "TIME IS UP" in drawn(app) and clock.clock.expired
        game.live.set_clock(0)
        await until(pilot, lambda: not clock.display, "the clock switched off")


@sync
async def test_it_is_locked_q_quits_and_no_key_leaves(tmp_path, make_game):
    game = make_game()
    game.live.issue_codes()  # the seats and the white cell have codes; the projector needs none
    app = projector(tmp_path, game.path)
    async with app.run_test(size=ROOM) as pilot:
        await until(pilot, lambda: "Turn 1 is being played" in drawn(app), "the start")
        for key in ("escape", "enter", "1", "2", "5", "w", "s", "n", "f", "p", "a", "tab", "space"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ProjectorScreen), f"{key} left the projector"
        assert game.turn == 0 and not game.paused and not game.submitted()
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert commands == {"Help", "Quit"}
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert {c.title for c in app.get_system_commands(app.screen)} == {"Help", "Quit"}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


@sync
async def test_the_end_shows_where_the_norms_ended(tmp_path, make_game):
    game = make_game()
    forced(game, 8)
    app = projector(tmp_path, game.path)
    assert app.game.read_only
    async with app.run_test(size=(240, 67)) as pilot:
        await until(pilot, lambda: "Where the norms ended" in drawn(app), "the final state")
        text = drawn(app)
        assert shows_big(app, "FINAL") and "8 turns played" in text
        assert "Turning points" in text and "TURN 3" in text
        assert not app.screen.query_one(BigClock).display
        assert_public(text, game)


def test_the_command_line_opens_it_read_only_without_a_code(make_game, monkeypatch):
    from exercise.cli.play_cmd import code_given

    game = make_game()
    game.live.issue_codes()
    monkeypatch.setenv("EXERCISE_CODE", "not-a-code-at-all")
    opened = open_for_play(str(game.path), PROJECTOR, False)
    try:
        assert opened.read_only
        assert code_given(opened, PROJECTOR, "wrong-code-12") is False  # no SaveError: no code asked
    finally:
        opened.close()
