"""`exercise compare` and `exercise debrief` on real saves, as an instructor reviews students' games."""

import json
from pathlib import Path

from exercise.cli import main
from exercise.core.orders import parse_order
from exercise.engine.metrics import delegation_score
from exercise.store import Game
from exercise.store.compare import compare_games

ROOT = Path(__file__).resolve().parents[2]

SEAT = "atlantia"


def play(game: Game, turns_of_orders: list[list[str]]) -> None:
    for lines in turns_of_orders:
        game.submit(SEAT, [parse_order(line, SEAT) for line in lines])
        assert game.resolve() is not None


def test_two_students_games_part_where_their_orders_do(new_save, capsys):
    first = new_save("first.db", humans=[SEAT], seed=7)
    second = new_save("second.db", humans=[SEAT], seed=7)
    play(first, [["pass"], ["propose protect-hospitals in assembly"], ["pass"]])
    play(second, [["pass"], ["propose info-security in coalition"], ["pass"]])
    result = compare_games(first, second)
    assert result.parted_at == 2 and result.common_turns == 3 and result.same_scenario_text
    mine = [d for d in result.orders if d.by_people]
    assert [(d.turn, d.seat, d.a, d.b) for d in mine] == [
        (2, SEAT, ("propose protect-hospitals in assembly",), ("propose info-security in coalition",))
    ]
    assert all(d.turn >= 2 for d in result.orders)  # turn 1 was alike for everyone
    assert result.outcomes, "different proposals must come to different forum decisions"
    scores = {seat: (a, b) for seat, a, b in result.scores}
    assert scores[SEAT] == (delegation_score(first.state(), SEAT), delegation_score(second.state(), SEAT))
    assert "esteria" not in scores  # a seat without objectives is not scored

    paths = [str(first.path), str(second.path)]
    first.close(), second.close()
    assert main(["compare", *paths]) == 0
    text = capsys.readouterr().out
    assert "The games part at turn 2: the first turn whose states differ." in text
    assert f"turn 2   {SEAT:<16} A: propose protect-hospitals in assembly" in text
    assert "B: propose info-security in coalition" in text
    assert "Forum decisions that came out otherwise" in text and "Scores against objectives at turn 3" in text
    assert main(["compare", *paths, "--json", "--as", SEAT]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["parted_at"] == 2 and {d["seat"] for d in data["orders"]} == {SEAT}
    assert [s["seat"] for s in data["scores"]] == [SEAT]


def test_a_branch_replayed_alike_is_identical_and_only_the_common_turns_count(new_save, tmp_path, capsys):
    game = new_save("game.db", humans=[SEAT], seed=3)
    play(game, [["pass"], ["pass"], ["propose protect-hospitals in assembly"]])
    branch = game.branch(1, tmp_path / "what-if.db")
    play(branch, [["pass"]])
    result = compare_games(game, branch)
    assert result.parted_at is None and result.common_turns == 2 and result.turns == (3, 2)
    assert not result.orders and not result.outcomes
    branch.close()
    game.close()
    assert main(["compare", str(tmp_path / "game.db"), str(tmp_path / "what-if.db")]) == 0
    assert "The games are identical up to turn 2" in capsys.readouterr().out


def test_saves_of_other_scenarios_or_an_unknown_seat_are_one_line_exit_2(new_save, tmp_path, capsys):
    a = new_save("a.db")
    b = new_save("b.db", scenario=ROOT / "scenarios" / "hygiene.toml")
    paths = [str(a.path), str(b.path)]
    a.close(), b.close()
    before = [Path(p).read_bytes() for p in paths]
    for args, message in (
        (paths, "plays 'tutorial' and"),
        ([paths[0], paths[0], "--as", "nobody"], "has no seat 'nobody'"),
        ([paths[0], str(tmp_path / "missing.db")], "missing.db: no such save"),
    ):
        assert main(["compare", *args]) == 2
        err = capsys.readouterr().err.strip()
        assert message in err and len(err.splitlines()) == 1
    assert [Path(p).read_bytes() for p in paths] == before  # read-only: nothing written


def test_debrief_of_a_save_lists_turning_points_arcs_and_blocs(new_save, capsys):
    game = new_save("class.db", humans=[SEAT], seed=7)
    play(game, [["pass"], ["propose protect-hospitals in assembly"], ["pass"], ["pass"]])
    path = str(game.path)
    game.close()
    assert main(["debrief", path]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Debrief of class.db: tutorial, 4 turns, seed 7")
    assert "Turning points (* the three biggest)" in text and " *turn " in text
    assert f"  {SEAT:<16}" in text and "Blocs at the end:" in text
    assert main(["debrief", path, "--as", SEAT, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["seat"] for a in data["arcs"]] == [SEAT] and len(data["arcs"][0]["scores"]) == 5
    assert main(["debrief", path, "--markdown"]) == 0
    handout = capsys.readouterr().out
    assert handout.startswith("# Debrief: Tutorial") and "| turn | what happened | scores moved |" in handout
    assert "## Who gained and lost" in handout and "## Blocs at the end" in handout
    assert main(["debrief", path, "--as", "nobody"]) == 2
    assert "has no seat 'nobody'" in capsys.readouterr().err
