"""Evaluators' scores and notes never reach a team before the white cell releases them, on any
surface a team has (its seat in the terminal UI, and so in the browser, replay --as, debrief
--as, compare --as, its view), nor an observer watching it; after release a team sees its own
and no other team's. The white cell and the evaluators see all of it (the control)."""

from __future__ import annotations

import pytest

from exercise.cli import main
from exercise.engine import view_for
from exercise.store import Game
from exercise.tui.app import ExerciseApp
from exercise.tui.screens.evaluation import EvaluationScreen
from tests.tui.helpers import SIZE, screen_text, settle_past_tutorial, sync

ABOUT_ATLANTIA = "zebra-remark-atlantia"
ABOUT_BOREALIS = "walrus-remark-borealis"
ABOUT_ALL = "heron-remark-everyone"


@pytest.fixture
def session(tmp_path, tutorial_path):
    save = tmp_path / "class.db"
    with Game.create(save, tutorial_path, humans=["atlantia", "borealis"]) as game:
        ev = game.evaluation
        ev.add_roles(evaluators=1, observers=1)
        game.resolve(force=True)
        objective = ev.objectives()[0]
        ev.score("evaluator-1", 1, "atlantia", objective, 2, ABOUT_ATLANTIA)
        ev.score("evaluator-1", 1, "borealis", objective, 3, ABOUT_BOREALIS)
        ev.add_evaluator_note("evaluator-1", 1, ABOUT_ALL)
        game.resolve(force=True)
        game.branch(1, tmp_path / "what-if.db").close()
    return save


def secrets(text: str) -> list[str]:
    return [word for word in (ABOUT_ATLANTIA, ABOUT_BOREALIS, ABOUT_ALL) if word in text]


TEAM_SURFACES = [
    ["replay", "{save}", "--turn", "1", "--as", "atlantia"],
    ["replay", "{save}", "--turn", "2", "--as", "atlantia", "--json"],
    ["debrief", "{save}", "--as", "atlantia"],
    ["debrief", "{save}", "--as", "atlantia", "--json"],
    ["debrief", "{save}", "--as", "atlantia", "--markdown"],
    ["compare", "{save}", "{whatif}", "--as", "atlantia"],
]


@pytest.mark.parametrize("command", TEAM_SURFACES)
def test_no_team_surface_shows_the_evaluation(session, capsys, command):
    args = [word.format(save=session, whatif=session.parent / "what-if.db") for word in command]
    assert main(args) == 0
    assert secrets(capsys.readouterr().out) == []


def test_the_store_gives_teams_and_observers_nothing_before_release(session):
    with Game.open(session) as game:
        ev = game.evaluation
        for viewer in ("atlantia", "borealis", "cordova", "observer-1", "projector"):
            assert ev.scores(viewer) == [] and ev.evaluator_notes(viewer) == []
        assert len(ev.scores("evaluator-1")) == len(ev.scores()) == 2  # the control
        view = view_for(game.state(), "atlantia", game.events())
        assert not any(getattr(e, "action", "") == "evaluation" for e in view.events)
        ev.release()
        assert {s.note for s in ev.scores("atlantia")} == {ABOUT_ATLANTIA}  # its own, not borealis's
        assert [n.text for n in ev.evaluator_notes("atlantia")] == [ABOUT_ALL]
        view = view_for(game.state(), "atlantia", game.events())
        assert not any(getattr(e, "action", "") == "evaluation" for e in view.events)  # the audit stays white


async def _dialog_text(tmp_path, save, seat, key, read_only=False) -> str:
    game = Game.open(save, read_only=read_only)
    app = ExerciseApp(saves_dir=tmp_path / "saves", game=game, seat=seat, watch="atlantia")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle_past_tutorial(pilot, app)
            seat_screen = screen_text(app.screen)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, EvaluationScreen)
            return seat_screen + "\n" + screen_text(app.screen)
    finally:
        game.close()


@sync
async def test_a_team_and_its_observer_see_it_only_after_release(session, tmp_path):
    assert secrets(await _dialog_text(tmp_path, session, "atlantia", "v")) == []
    assert secrets(await _dialog_text(tmp_path, session, "observer-1", "e", read_only=True)) == []
    with Game.open(session) as game:
        game.evaluation.release()
    assert secrets(await _dialog_text(tmp_path, session, "atlantia", "v")) == [ABOUT_ATLANTIA, ABOUT_ALL]
    # the observer watches atlantia: it sees what atlantia sees
    assert secrets(await _dialog_text(tmp_path, session, "observer-1", "e", read_only=True)) == [
        ABOUT_ATLANTIA,
        ABOUT_ALL,
    ]
    assert len(secrets(await _dialog_text(tmp_path, session, "evaluator-1", "e"))) == 3  # the control
