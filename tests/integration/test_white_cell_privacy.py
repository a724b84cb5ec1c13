"""White-cell material never reaches a seat, on any surface: the seat's timeline in the
terminal UI (and so in the browser, which serves the same screens), replay --as, debrief --as,
compare --as and the seat's view. The white cell itself sees all of it (the control)."""

from __future__ import annotations

import json

import pytest

from exercise.cli import main
from exercise.core.orders import FireInject
from exercise.engine import view_for
from exercise.store import Game

SECRETS = (
    "forced turn",
    "queued",
    "-> champion",
    "new codes",
    "white cell: clock",
    "taken over",
    "white cell: control",
)


@pytest.fixture
def session(tmp_path, tutorial_path):
    """A save whose white cell did everything it can do, in two turns."""
    save = tmp_path / "class.db"
    with Game.create(save, tutorial_path, humans=["atlantia", "borealis"]) as game:
        game.live.issue_codes()
        game.live.set_clock(600, at_zero="pass")
        game.live.open_seats(["atlantia"], "one")
        game.live.open_seats(["atlantia"], "two", takeover=True)
        game.facilitator_order(FireInject("grid-blackout"))
        game.set_controller("borealis", "champion")
        game.set_controller("borealis", "human")
        game.pause()
        game.resume()
        game.resolve(force=True, missing="strategy")
        game.resolve(force=True)
        game.branch(1, tmp_path / "what-if.db").close()
    return save


def leaks(text: str) -> list[str]:
    return [word for word in SECRETS if word in text]


def test_the_white_cell_sees_its_own_trail(session, capsys):
    assert main(["replay", str(session), "--turn", "1", "--as", "white"]) == 0
    assert set(leaks(capsys.readouterr().out)) >= {"forced turn", "queued", "white cell: clock", "taken over"}


@pytest.mark.parametrize(
    "command",
    [
        ["replay", "{save}", "--turn", "1", "--as", "atlantia"],
        ["replay", "{save}", "--turn", "2", "--as", "atlantia", "--json"],
        ["debrief", "{save}", "--as", "atlantia"],
        ["debrief", "{save}", "--as", "atlantia", "--json"],
        ["compare", "{save}", "{whatif}", "--as", "atlantia"],
    ],
)
def test_no_seat_surface_shows_the_white_cells_trail(session, capsys, command):
    args = [word.format(save=session, whatif=session.parent / "what-if.db") for word in command]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert leaks(out) == [], out
    if "--json" in args and args[0] == "replay":
        assert not [
            e
            for e in json.loads(out)["events"]
            if e.get("kind") == "facilitator" and e.get("action") not in ("pause", "resume")
        ]


def test_the_seats_view_holds_no_white_cell_event_but_the_pause(session):
    with Game.open(session, read_only=True) as game:
        view = view_for(game.state(), "atlantia", game.events())
        seen = [e for e in view.events if e.kind == "facilitator"]
        assert [e.action for e in seen] == ["pause", "resume"]
        assert [e for e in game.events() if e.kind == "facilitator" and e.action == "forced turn"]
