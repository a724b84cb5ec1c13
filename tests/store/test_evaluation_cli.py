"""The after-action commands as a trainer types them: evaluator and observer seats at `new`,
`play --as` checks, the improvement plan's CSV in and out, gradebooks of a folder of saves."""

from __future__ import annotations

import csv
import io
import json

from exercise.store import Game


def _codes(out: str) -> dict[str, str]:
    """The codes `exercise new` printed, by seat ("@white": the white cell's)."""
    codes = {}
    for line in out.splitlines():
        words = line.split()
        if line.startswith("    the white cell"):
            codes["@white"] = words[3]
        elif line.startswith("    ") and len(words) >= 2 and words[1].count("-") == 2:
            codes[words[0]] = words[1]
    return codes


def _class(cli, tmp_path, tutorial_path, name="alice.db", *extra):
    save = tmp_path / "handins" / name
    code, out, err = cli("new", tutorial_path, "--save", save, "--human", "atlantia,borealis", *extra)
    assert code == 0, err
    return save, out


def test_new_makes_evaluator_and_observer_seats_with_codes(cli, tmp_path, tutorial_path):
    save, out = _class(cli, tmp_path, tutorial_path, "a.db", "--evaluators", "2", "--observers", "1")
    assert "evaluator and observer seats: evaluator-1, evaluator-2, observer-1" in out
    codes = _codes(out)
    with Game.open(save, read_only=True) as game:
        assert game.live.unlocks("evaluator-2", codes["evaluator-2"])
        assert not game.live.unlocks("evaluator-2", codes["observer-1"])
    code, out, _ = cli("codes", save)
    assert code == 0 and "evaluator-1" in out and "observer-1" in out


def test_bad_seat_counts_and_players_write_nothing(cli, tmp_path, tutorial_path):
    save = tmp_path / "x.db"
    for args, message in (
        (("--evaluators", "-1"), "--evaluators: must be at least 0"),
        (("--observers", "51"), "--observers: must be at most 50"),
        (("--player", "nobody=Ann"), "--player nobody=...: tutorial has no seat 'nobody'"),
        (("--player", "atlantia"), "--player: 'atlantia' is not SEAT=NAME"),
    ):
        code, _, err = cli("new", tutorial_path, "--save", save, *args)
        assert code == 2 and message in err, err
        assert len(err.strip().splitlines()) == 1 and not save.exists()


def test_play_refuses_a_seat_the_save_does_not_have(cli, tmp_path, tutorial_path):
    save, _ = _class(cli, tmp_path, tutorial_path, "b.db", "--evaluators", "1", "--no-codes")
    code, _, err = cli("play", save, "--as", "observer-1")
    assert code == 2
    assert err.strip() == (
        f"{save}: --as observer-1: there is no such seat (evaluator and observer seats: evaluator-1)"
    )


def test_the_plan_goes_out_and_comes_back_as_csv(cli, tmp_path, tutorial_path):
    save, _ = _class(cli, tmp_path, tutorial_path, "c.db", "--no-codes")
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "Issue,Recommendation,Owner,Due\n"
        "Allies briefed late,Brief allies before turn 1,trainer,2027-01-15\n"
        "\n"
        '"Red lines, unclear",Write them on the card,,\n',
        encoding="utf-8-sig",
    )
    code, out, err = cli("plan", save, "--import", sheet)
    assert code == 0, err
    assert "2 line(s)" in out
    code, out, _ = cli("plan", save, "--export")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["number"], r["issue"], r["owner"], r["due"]) for r in rows] == [
        ("1", "Allies briefed late", "trainer", "2027-01-15"),
        ("2", "Red lines, unclear", "", ""),
    ]
    target = tmp_path / "out.csv"
    assert cli("plan", save, "--export", target)[0] == 0
    code, _, err = cli("plan", save, "--export", target)
    assert code == 2 and "already exists" in err
    assert cli("plan", save, "--import", target)[0] == 0  # its own export reads back
    code, out, _ = cli("plan", save)
    assert "1. Allies briefed late" in out and "due 2027-01-15" in out


def test_a_bad_plan_sheet_names_every_row_and_column_and_writes_nothing(cli, tmp_path, tutorial_path):
    save, _ = _class(cli, tmp_path, tutorial_path, "d.db", "--no-codes")
    good = tmp_path / "good.csv"
    good.write_text("issue,recommendation\nkeep me,yes\n")
    assert cli("plan", save, "--import", good)[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "number,issue,recommendation,due,objective\n"
        "1,,fix it,2027-01-01,\n"
        "x,ok,ok,,\n"
        "3,ok,ok,next week,\n"
        "4,ok,ok,,made-up\n"
        "3,ok,ok,,\n"
    )
    code, _, err = cli("plan", save, "--import", bad)
    assert code == 2
    assert err.splitlines() == [
        "bad.csv: row 2, issue: must not be empty (what went wrong, or what to improve)",
        "bad.csv: row 3, number: must be a whole number from 1, not 'x'",
        "bad.csv: row 4, due: write a date as YYYY-MM-DD, not 'next week'",
        "bad.csv: row 5, objective: 'made-up' is not in the rubric (objectives: lo-1, lo-2, lo-3, lo-4)",
        "bad.csv: row 6, number: 3 is used by row 4 already",
    ]
    columns = tmp_path / "columns.csv"
    columns.write_text("issue,advice\nx,y\n")
    code, _, err = cli("plan", save, "--import", columns)
    assert code == 2 and err.splitlines() == [
        "columns.csv: column 2 'advice': not a plan column (columns: number, issue, recommendation, owner, due, "
        "objective)",
        "columns.csv: column 'recommendation': missing (the header row must name it)",
    ]
    with Game.open(save, read_only=True) as game:
        assert [i.issue for i in game.evaluation.plan()] == ["keep me"]


def test_the_gradebook_has_a_row_per_save_and_human_seat(cli, tmp_path, tutorial_path):
    alice, _ = _class(
        cli, tmp_path, tutorial_path, "alice.db", "--no-codes", "--evaluators", "2", "--player", "atlantia=Alice Ng"
    )
    _class(cli, tmp_path, tutorial_path, "bob.db", "--no-codes")
    (tmp_path / "handins" / "notes.db").write_text("not a save")
    with Game.open(alice) as game:
        game.resolve(force=True)
        game.evaluation.score("evaluator-1", 1, "atlantia", "lo-1", 2)
        game.evaluation.score("evaluator-2", 1, "atlantia", "lo-1", 4)
        game.evaluation.score("evaluator-2", 1, "atlantia", "lo-2", 3)
        engine = game.summary(scores=True).scores
    code, out, err = cli("saves", tmp_path / "handins", "--scores", "--csv")
    assert code == 0 and "skipped" in err and "notes.db" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["save"], r["student"], r["seat"]) for r in rows] == [
        ("alice.db", "Alice Ng", "atlantia"),
        ("alice.db", "borealis", "borealis"),
        ("bob.db", "atlantia", "atlantia"),
        ("bob.db", "borealis", "borealis"),
    ]
    first = rows[0]
    assert float(first["engine_score"]) == engine["atlantia"]
    assert first["rubric:lo-1"] == "3" and first["rubric:lo-2"] == "3" and first["rubric_scores"] == "3"
    assert float(first["final_score"]) == round((engine["atlantia"] + 3 / 4 * 100) / 2, 2)
    assert rows[1]["rubric:lo-1"] == "" and float(rows[1]["final_score"]) == float(rows[1]["engine_score"])
    assert "engine:adopt-protect-hospitals-assembly" in first and first["seed"] == "7"
    code, out, _ = cli("saves", tmp_path / "handins", "--scores", "--json")
    by_file = {entry["path"].rsplit("/", 1)[-1]: entry for entry in json.loads(out)}
    book = by_file["alice.db"]["gradebook"]
    assert [r["seat"] for r in book] == ["atlantia", "borealis"] and book[0]["rubric"] == {"lo-1": 3.0, "lo-2": 3.0}
    code, _, err = cli("saves", tmp_path / "handins", "--csv")
    assert code == 2 and err.strip() == "--csv: writes the gradebook: give it with --scores (and without --json)"


def test_evaluate_scores_notes_and_releases_from_the_shell(cli, tmp_path, tutorial_path):
    save, out = _class(cli, tmp_path, tutorial_path, "e.db", "--evaluators", "1")
    codes = _codes(out)
    with Game.open(save) as game:
        game.resolve(force=True)
    score = ("evaluate", save, "--as", "evaluator-1", "--turn", "1", "--team", "atlantia", "--objective", "lo-1")
    code, _, err = cli(*score, "--level", "3")
    assert code == 2 and "evaluator-1's code is needed" in err
    code, _, err = cli(*score, "--level", "5", "--code", codes["evaluator-1"])
    assert code == 2 and err.strip() == f"{save}: level: must be at most 4, not 5"
    code, _, err = cli(*score, "--level", "3", "--code", codes["atlantia"])
    assert code == 2 and "not evaluator-1's code" in err
    assert cli(*score, "--level", "3", "--note", "steady", "--code", codes["evaluator-1"])[0] == 0
    code, _, err = cli(
        "evaluate", save, "--as", "evaluator-1", "--turn", "7", "--note", "later", "--code", codes["evaluator-1"]
    )
    assert code == 2 and err.strip() == f"{save}: turn: there is no turn 7 to note (turns 1 to 2)"
    code, out, _ = cli("evaluate", save)
    assert "hidden from the teams" in out and "level 3  by evaluator-1  (steady)" in out
    code, _, err = cli("evaluate", save, "--release", "--code", codes["evaluator-1"])
    assert code == 2 and "not the white cell's code" in err
    assert cli("evaluate", save, "--release", "--code", codes["@white"])[0] == 0
    with Game.open(save, read_only=True) as game:
        assert game.evaluation.released() and [s.level for s in game.evaluation.scores("atlantia")] == [3]
        assert game.verify().ok


def test_instructor_notes_from_the_shell_show_in_the_white_cells_debrief(cli, tmp_path, tutorial_path):
    save, _ = _class(cli, tmp_path, tutorial_path, "f.db", "--no-codes")
    with Game.open(save) as game:
        game.resolve(force=True)
    assert cli("notes", save, "--add", "the first proposal", "--turn", "1")[0] == 0
    code, _, err = cli("notes", save, "--add", "too far", "--turn", "4")
    assert code == 2 and err.strip() == f"{save}: turn: there is no turn 4 to note (turns 0 to 1)"
    code, _, err = cli("notes", save, "--add", "no turn")
    assert code == 2 and err.strip() == "--add: give the turn it is on with --turn N"
    code, out, _ = cli("debrief", save)
    assert "Instructor's notes" in out and "turn 1   instructor: the first proposal" in out
    code, out, _ = cli("debrief", save, "--markdown")
    assert "- **Turn 1** (instructor): the first proposal" in out
    code, out, _ = cli("debrief", save, "--json")
    assert json.loads(out)["instructor_notes"][0]["text"] == "the first proposal"
    code, out, _ = cli("debrief", save, "--as", "atlantia")
    assert "the first proposal" not in out  # instructor material stays with the white cell
    assert cli("branch", save, "--from-turn", "1", "--save", tmp_path / "whatif.db")[0] == 0
    code, out, _ = cli("notes", tmp_path / "whatif.db")
    assert "the first proposal" in out  # the branch keeps the notes on its turns
    assert cli("notes", save, "--remove", "1")[0] == 0
    code, out, _ = cli("notes", save)
    assert "no notes" in out


def test_serve_checks_an_evaluator_seat_like_play(cli, tmp_path, tutorial_path):
    save, _ = _class(cli, tmp_path, tutorial_path, "g.db", "--evaluators", "1", "--no-codes")
    code, _, err = cli("serve", save, "--as", "evaluator-2")
    assert code == 2 and err.strip() == (
        f"{save}: --as evaluator-2: there is no such seat (evaluator and observer seats: evaluator-1)"
    )


def test_a_plan_line_a_spreadsheet_would_run_is_exported_as_text_and_reads_back(cli, tmp_path, tutorial_path):
    """CSV injection: a cell starting with = + - @ is a formula to Excel; the export guards it
    with an apostrophe (shown as plain text) and the import drops the guard again."""
    save, _ = _class(cli, tmp_path, tutorial_path, "f.db", "--no-codes")
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        'Issue,Recommendation\n"=HYPERLINK(""http://x.example"",""open"")",-check the brief\n', encoding="utf-8"
    )
    assert cli("plan", save, "--import", sheet)[0] == 0
    code, out, _ = cli("plan", save, "--export")
    assert code == 0
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["issue"] == '\'=HYPERLINK("http://x.example","open")' and row["recommendation"] == "'-check the brief"
    again = tmp_path / "again.csv"
    again.write_text(out, encoding="utf-8")
    assert cli("plan", save, "--import", again)[0] == 0
    with Game.open(save) as game:
        assert [(i.issue, i.recommendation) for i in game.evaluation.plan()] == [
            ('=HYPERLINK("http://x.example","open")', "-check the brief")
        ]


def test_a_folder_or_missing_file_given_for_a_file_is_one_line_naming_it(cli, tmp_path, tutorial_path):
    """Every command that reads a file says the same of one it cannot read (errors.unreadable)."""
    save, _ = _class(cli, tmp_path, tutorial_path, "f.db", "--no-codes")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    before = save.read_bytes()
    for argv, what in (
        (("plan", save, "--import", folder), "a CSV file"),
        (("msel", "import", tutorial_path, folder, "--out", tmp_path / "x.toml"), "a spreadsheet"),
        (("validate", folder), "a scenario file"),
        (("new", folder, "--save", tmp_path / "n.db"), "a scenario file"),
    ):
        code, _, err = cli(*argv)
        assert (code, err.strip()) == (2, f"{folder}: is a directory, not {what}"), argv
    code, _, err = cli("plan", save, "--import", tmp_path / "gone.csv")
    assert (code, err.strip()) == (2, f"{tmp_path / 'gone.csv'}: no such file")
    assert save.read_bytes() == before and not (tmp_path / "n.db").exists() and not (tmp_path / "x.toml").exists()
