"""Evaluator and observer seats, the white cell's release, instructor notes on a replay: driven
by keys through Pilot, checked against what the screens show and what the save keeps."""

from __future__ import annotations

from exercise.core.orders import parse_order
from exercise.core.seats import FACILITATOR
from exercise.store import Game
from exercise.tui.screens.evaluation import NOT_RELEASED, EvaluationScreen
from exercise.tui.screens.evaluator import EvaluatorScreen
from exercise.tui.screens.observer import ObserverScreen
from exercise.tui.screens.prompt import ChoiceScreen, PromptScreen
from exercise.tui.screens.replay import ReplayScreen
from exercise.tui.widgets.orders_table import OrdersTable
from exercise.tui.widgets.rubric_pane import RubricPane

from .helpers import SIZE, new_app, screen_text, seated, settle, sync, wait_until


def _evaluated(make_game, turns: int = 1):
    game = make_game()
    game.evaluation.add_roles(evaluators=1, observers=1)
    for _ in range(turns):
        game.resolve(force=True)
    return game


async def _type(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def _choose(pilot, app, label_start: str) -> None:
    """Move down the open choice list to the option whose label starts so, and press enter."""
    screen = app.screen
    assert isinstance(screen, ChoiceScreen), screen
    index = next(i for i, (_, label) in enumerate(screen.choices) if label.startswith(label_start))
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


@sync
async def test_an_evaluator_scores_a_team_and_notes_a_turn(tmp_path, make_game):
    game = _evaluated(make_game)
    async with seated(tmp_path, game, "evaluator-1") as (app, pilot):
        await _choose(pilot, app, "Every team")  # asked at once: which team to watch
        screen = app.screen
        assert isinstance(screen, EvaluatorScreen)
        assert "Every team is shown" in screen_text(screen)
        await pilot.press("t")
        await pilot.pause()
        await _choose(pilot, app, "Republic of Atlantia")
        assert screen.team == "atlantia" and screen.turn == 1
        screen.query_one(RubricPane).focus()
        await pilot.press("enter")  # the first objective
        await pilot.pause()
        await _choose(pilot, app, "3 ")
        scores = game.evaluation.scores()
        assert [(s.evaluator, s.turn, s.team, s.level) for s in scores] == [("evaluator-1", 1, "atlantia", 3)]
        assert "Performed with some challenges" in screen_text(screen.query_one(RubricPane))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await _type(pilot, "slow to find allies")
        await pilot.press("enter")
        await pilot.pause()
        notes = game.evaluation.evaluator_notes()
        assert [(n.turn, n.team, n.text, n.author) for n in notes] == [
            (1, "atlantia", "slow to find allies", "evaluator-1")
        ]
        await pilot.press("right_square_bracket")  # on to the turn in play
        assert screen.turn == 2
        await pilot.press("right_square_bracket")  # no further than that
        assert screen.turn == 2
    assert game.verify().ok


@sync
async def test_an_observer_follows_a_teams_desk_live_and_cannot_act(tmp_path, make_game):
    game = _evaluated(make_game, turns=0)
    async with seated(tmp_path, game, "observer-1") as (app, pilot):
        await _choose(pilot, app, "Republic of Atlantia")  # asked at once: which team to watch
        screen = app.screen
        assert isinstance(screen, ObserverScreen)
        assert screen.team == "atlantia"
        with Game.open(game.path) as team:  # the team's terminal picks an order
            team.live.save_draft(
                "atlantia", [parse_order("propose laws-of-war in assembly", "atlantia")], for_turn=1, version=None
            )
        await wait_until(
            pilot,
            lambda: "picked so far" in screen_text(screen.query_one(OrdersTable)),
            "the observer sees the team's picks",
        )
        for key in ("s", "n", "f"):  # no key submits, resolves or forces
            await pilot.press(key)
        await pilot.pause()
        assert game.turn == 0 and game.submitted() == {}
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EvaluationScreen)
        assert NOT_RELEASED in screen_text(app.screen)


@sync
async def test_teams_see_the_evaluation_only_once_the_white_cell_releases_it(tmp_path, make_game):
    game = _evaluated(make_game)
    objective = game.evaluation.objectives()[0]
    game.evaluation.score("evaluator-1", 1, "atlantia", objective, 2, "secret remark")
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, EvaluationScreen)
        text = screen_text(app.screen)
        assert NOT_RELEASED in text and "secret remark" not in text
    async with seated(tmp_path, game, "white") as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        await _choose(pilot, app, "Release")
        assert game.evaluation.released()
    async with seated(tmp_path, game, "atlantia") as (app, pilot):
        await pilot.press("v")
        await pilot.pause()
        assert "secret remark" in screen_text(app.screen)


@sync
async def test_the_white_cell_adds_an_improvement_plan_line(tmp_path, make_game):
    game = _evaluated(make_game)
    async with seated(tmp_path, game, "white") as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        await _choose(pilot, app, "Add a line")
        for answer in ("Allies briefed late", "Brief allies before turn 1", "trainer", None):
            assert isinstance(app.screen, PromptScreen)
            if answer is None:
                await pilot.press("escape")  # due is optional
            else:
                await _type(pilot, answer)
                await pilot.press("enter")
            await pilot.pause()
    assert [(i.number, i.issue, i.recommendation, i.owner, i.due) for i in game.evaluation.plan()] == [
        (1, "Allies briefed late", "Brief allies before turn 1", "trainer", "")
    ]


@sync
async def test_replay_bookmarks_turns_lists_the_notes_and_jumps(tmp_path, make_game):
    game = _evaluated(make_game, turns=3)
    path = game.path
    game.close()
    replay = Game.open(path, read_only=True)
    app = new_app(tmp_path, game=replay, replay=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReplayScreen) and screen.turn == 3
        await pilot.press("left")
        await pilot.press("m")
        await pilot.pause()
        await _type(pilot, "the coalition forms")
        await pilot.press("enter")
        await pilot.pause()
        assert "the coalition forms" in screen_text(screen.query_one("#replay-bar"))
        await pilot.press("home")
        await pilot.press("l")
        await pilot.pause()
        await _choose(pilot, app, "turn 2:")
        assert screen.turn == 2
    with Game.open(path, read_only=True) as again:
        notes = again.evaluation.instructor_notes()
        assert [(n.turn, n.text) for n in notes] == [(2, "the coalition forms")] and again.verify().ok
    assert FACILITATOR  # the white cell wrote nothing here


@sync
async def test_an_evaluator_follows_turns_resolved_at_another_terminal(tmp_path, make_game):
    game = _evaluated(make_game)
    async with seated(tmp_path, game, "evaluator-1") as (app, pilot):
        await _choose(pilot, app, "Borealis Federation")
        screen = app.screen
        assert screen.latest == 1 and screen.turn == 1
        with Game.open(game.path) as white:  # the white cell forces turn 2 elsewhere
            white.resolve(force=True)
        await wait_until(pilot, lambda: screen.latest == 2, "the evaluator sees turn 2 without a key")
        assert screen.turn == 2  # it follows the last turn played until told otherwise
        assert "for turn 2" in screen_text(screen.query_one("#rubric-head"))


@sync
async def test_the_team_picker_lists_the_human_teams_first_with_their_ids(tmp_path, make_game):
    """Seat ids in brackets are shown as written (not taken for markup), human teams first."""
    game = _evaluated(make_game)
    async with seated(tmp_path, game, "evaluator-1") as (app, _pilot):
        assert isinstance(app.screen, ChoiceScreen)
        lines = [line.rstrip() for line in screen_text(app.screen).splitlines() if line.strip()]
        options = lines[lines.index("Every team (the white cell's view)") :]
        assert options[1:3] == ["Republic of Atlantia [atlantia]", "Borealis Federation [borealis]"]  # the teams
        scripted = [line for line in options[3:] if "[" in line]
        assert len(scripted) == 5 and all("(scripted: " in line for line in scripted)


@sync
async def test_an_evaluator_seat_open_elsewhere_is_offered_for_takeover(tmp_path, make_game):
    """One terminal per evaluator seat: a second one is told where the seat is open and may
    take it over; the lease is then this terminal's."""
    game = _evaluated(make_game)
    game.live.open_seats(["evaluator-1"], "first-terminal", place="laptop-3, pid 4411")
    async with seated(tmp_path, game, "evaluator-1") as (app, pilot):
        await wait_until(pilot, lambda: "open at another terminal" in screen_text(app.screen), "the offer")
        assert "laptop-3, pid 4411" in screen_text(app.screen)
        await _choose(pilot, app, "Take it over here")
        await _choose(pilot, app, "Every team")
        assert isinstance(app.screen, EvaluatorScreen)
        holders = {lease.seat: lease.holder for lease in game.live.leases()}
        assert holders["evaluator-1"] == app.screen.lease.holder != "first-terminal"


@sync
async def test_an_evaluator_taken_over_elsewhere_closes(tmp_path, make_game, monkeypatch):
    monkeypatch.setattr("exercise.tui.screen_lease.HEARTBEAT_SECONDS", 0.1)
    game = _evaluated(make_game)
    async with seated(tmp_path, game, "evaluator-1") as (app, pilot):
        await _choose(pilot, app, "Every team")
        assert [lease.seat for lease in game.live.leases()] == ["evaluator-1"]
        game.live.open_seats(["evaluator-1"], "second-terminal", takeover=True)
        await wait_until(pilot, lambda: not app.is_running, "this terminal closes", tries=400)
    assert {lease.seat: lease.holder for lease in game.live.leases()} == {"evaluator-1": "second-terminal"}
