"""The save commands end to end, through the real argument parser (in this process)."""

from __future__ import annotations

import json

from exercise.core.events import TALK_KINDS
from exercise.core.orders import FireInject, Pass
from exercise.store import Game
from tests.store import tamper

ROOT_SCENARIO = "tutorial"


def test_new_defaults_to_a_dated_file_under_saves(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("new", ROOT_SCENARIO, "--seed", "11", "--human", "atlantia, borealis")
    assert code == 0, err
    [path] = list((tmp_path / "saves").glob("tutorial-*.db"))
    assert str(path.relative_to(tmp_path)) in out and "atlantia, borealis" in out
    with Game.open(path) as game:
        assert game.seed == 11 and game.human_seats() == ["atlantia", "borealis"]


def test_new_with_an_unknown_seat_writes_nothing(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("new", ROOT_SCENARIO, "--human", "usa,deu")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "--human: tutorial has no seat 'deu' (seats: atlantia, borealis, cordova, deltora, esteria, netcorp, watchdog)"
    ]
    assert list(tmp_path.rglob("*")) == []


def test_new_with_an_unknown_scenario_is_one_line(tmp_path, cli):
    code, _, err = cli("new", "no-such-scenario", "--save", tmp_path / "x.db")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "no such scenario" in err
    assert not (tmp_path / "x.db").exists()


def test_run_on_a_save_prints_what_the_headless_run_prints(tmp_path, cli, tutorial_path):
    assert cli("new", tutorial_path, "--save", tmp_path / "g.db")[0] == 0
    code, from_save, err = cli("run", tmp_path / "g.db")
    assert code == 0 and err == ""
    _, headless, _ = cli("run", tutorial_path)
    assert from_save == headless
    code, _, err = cli("run", tmp_path / "g.db")
    assert code == 0 and "the game is over" in err


def test_run_advances_by_turns_and_commits_each(tmp_path, cli, tutorial_path):
    cli("new", tutorial_path, "--save", tmp_path / "g.db")
    code, out, _ = cli("run", tmp_path / "g.db", "--turns", "3", "--json")
    report = json.loads(out)
    assert code == 0 and [t["turn"] for t in report["turns"]] == [1, 2, 3] and report["stopped"] is None
    cli("run", tmp_path / "g.db", "--turns", "2")
    with Game.open(tmp_path / "g.db") as game:
        assert game.turn == 5
        assert report["turns"][2]["hash"] == game.state_hash(3)


def test_run_stops_and_names_the_seats_it_waits_for(tmp_path, cli, tutorial_path):
    cli("new", tutorial_path, "--save", tmp_path / "g.db", "--human", "borealis,atlantia")
    code, out, err = cli("run", tmp_path / "g.db", "--turns", "2")
    assert code == 0 and out == ""
    assert err.strip() == "stopped at turn 0: waiting for orders from atlantia, borealis"
    with Game.open(tmp_path / "g.db") as game:
        game.submit("atlantia", [Pass()])
        game.submit("borealis", [Pass()])
    code, out, err = cli("run", tmp_path / "g.db", "--turns", "2")
    assert "Turn 1" in out and "Turn 2" not in out
    assert err.strip() == "stopped at turn 1: waiting for orders from atlantia, borealis"


def test_run_refuses_a_seed_for_a_save(tmp_path, cli, tutorial_path):
    cli("new", tutorial_path, "--save", tmp_path / "g.db")
    code, _, err = cli("run", tmp_path / "g.db", "--seed", "3")
    assert code == 2 and "keeps the seed" in err


def _section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    body = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        body.append(line.strip())
    return body


def test_replay_as_a_seat_shows_only_its_view(tmp_path, cli, tutorial_path):
    cli("new", tutorial_path, "--save", tmp_path / "g.db")
    cli("run", tmp_path / "g.db", "--turns", "2")
    with Game.open(tmp_path / "g.db") as game:  # private white-cell business in turn 3
        game.facilitator_order(FireInject(game.scenario.injects[-1].id))
        game.log_facilitator("note", "watch borealis")
        game.resolve()
        # the talk (scripted statements and offers) is listed under Talk, not Events
        events = [e for e in game.events(3) if e.kind not in TALK_KINDS or e.kind == "deal"]
        visible = [e.text() for e in events if e.visible_to("borealis")]
        everything = [e.text() for e in events]
    assert len(visible) < len(everything)
    code, white, _ = cli("replay", tmp_path / "g.db", "--turn", "3")
    assert code == 0 and "as the white cell" in white
    assert _section(white, "Events") == everything
    assert "atlantia (champion):" in white and "white cell (white cell): fire" in white and "threshold" in white
    code, seat, _ = cli("replay", tmp_path / "g.db", "--turn", "3", "--as", "borealis")
    assert code == 0 and "borealis (its view only)" in seat
    assert _section(seat, "Events") == visible
    assert _section(seat, "Orders") == [line for line in _section(white, "Orders") if line.startswith("borealis")]
    assert "threshold" not in seat and "watch borealis" not in seat  # only the white cell sees these
    code, data, _ = cli("replay", tmp_path / "g.db", "--turn", "2", "--as", "borealis", "--json")
    report = json.loads(data)
    assert list(report["orders"]) == ["borealis"] and report["turn"] == 2


def test_replay_refuses_unknown_turns_and_seats(tmp_path, cli, tutorial_path):
    cli("new", tutorial_path, "--save", tmp_path / "g.db")
    code, _, err = cli("replay", tmp_path / "g.db", "--turn", "4")
    assert code == 2 and "no turn 4 (turns 0 to 0)" in err
    code, _, err = cli("replay", tmp_path / "g.db", "--turn", "0", "--as", "narnia")
    assert code == 2 and "no seat 'narnia'" in err


def test_verify_exit_codes(tmp_path, cli, tutorial_path):
    cli("new", tutorial_path, "--save", tmp_path / "g.db")
    cli("run", tmp_path / "g.db", "--turns", "4")
    code, out, _ = cli("verify", tmp_path / "g.db")
    assert code == 0 and "all 4 turns match" in out
    tamper.set_orders(tmp_path / "g.db", 2, "pass")
    code, out, _ = cli("verify", tmp_path / "g.db")
    assert code == 1 and "turn 2 differs" in out


def test_branch_and_export_commands(tmp_path, cli, tutorial_path):
    cli("new", tutorial_path, "--save", tmp_path / "g.db")
    cli("run", tmp_path / "g.db", "--turns", "4")
    code, out, _ = cli("branch", tmp_path / "g.db", "--from-turn", "2", "--save", tmp_path / "w.db")
    assert code == 0 and "turns 0 to 2" in out
    code, out, err = cli("export", tmp_path / "w.db", "--out", tmp_path / "w.jsonl")
    assert code == 0 and "lines" in err
    lines = [json.loads(line) for line in (tmp_path / "w.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "game" and lines[0]["branched_at_turn"] == 2
    assert [line["turn"] for line in lines if line["type"] == "state"] == [0, 1, 2]
    code, stdout_export, _ = cli("export", tmp_path / "w.db")
    assert stdout_export == (tmp_path / "w.jsonl").read_text(encoding="utf-8")


def test_saves_on_an_empty_or_missing_directory(tmp_path, cli):
    code, out, _ = cli("saves", tmp_path)
    assert code == 0 and "no saves" in out
    code, _, err = cli("saves", tmp_path / "nope")
    assert code == 2 and "no such directory" in err


def test_saves_with_scores_gives_each_human_seats_score_for_grading(tmp_path, cli, tutorial_path):
    from exercise.engine.metrics import delegation_score

    cli("new", tutorial_path, "--save", tmp_path / "alice.db", "--human", "atlantia,borealis")
    cli("new", tutorial_path, "--save", tmp_path / "bob.db")  # every seat scripted: no human to score
    cli("run", tmp_path / "bob.db", "--turns", "2")
    with Game.open(tmp_path / "alice.db", read_only=True) as game:
        expected = {seat: delegation_score(game.state(), seat) for seat in ("atlantia", "borealis")}
    code, out, _ = cli("saves", tmp_path, "--scores")
    assert code == 0
    assert f"human: atlantia (score {expected['atlantia']:.1f}), borealis (score {expected['borealis']:.1f})" in out
    code, out, _ = cli("saves", tmp_path, "--scores", "--json")
    by_file = {entry["path"].rsplit("/", 1)[-1]: entry for entry in json.loads(out)}
    assert by_file["alice.db"]["scores"] == expected and by_file["bob.db"]["scores"] == {}
    code, out, _ = cli("saves", tmp_path, "--json")
    assert all("scores" not in entry for entry in json.loads(out))  # only when asked: it reads each state
