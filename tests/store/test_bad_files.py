"""A file that is not a good save gets one clear line and exit 2, and is left byte-identical."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import pytest

from exercise.errors import SaveError
from exercise.store import SCHEMA_VERSION, Game


def _missing(tmp_path, new_save):
    return tmp_path / "nowhere.db"


def _not_sqlite(tmp_path, new_save):
    path = tmp_path / "notes.db"
    path.write_text("minutes of the meeting\n" * 50, encoding="utf-8")
    return path


def _empty(tmp_path, new_save):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    return path


def _other_sqlite(tmp_path, new_save):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE inventory (item TEXT, count INTEGER)")
    con.execute("INSERT INTO inventory VALUES ('chairs', 12)")
    con.commit()
    con.close()
    return path


def _foreign_game_table(tmp_path, new_save):
    path = tmp_path / "foreign.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE game (name TEXT)")
    con.commit()
    con.close()
    return path


def _newer(tmp_path, new_save):
    new_save("newer.db", turns=2).close()
    path = tmp_path / "newer.db"
    con = sqlite3.connect(path)
    con.execute("UPDATE game SET schema_version = ?", (SCHEMA_VERSION + 1,))
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")  # as every release writes it
    con.commit()
    con.close()
    return path


def _truncated(tmp_path, new_save):
    new_save("cut.db", turns=8).close()
    path = tmp_path / "cut.db"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _truncated_header(tmp_path, new_save):
    new_save("stub.db").close()
    path = tmp_path / "stub.db"
    path.write_bytes(path.read_bytes()[:60])
    return path


def _bad_stored_scenario(tmp_path, new_save):
    """A save whose stored scenario was edited by hand: a delegation's power made text."""
    new_save("edited.db", turns=1).close()
    path = tmp_path / "edited.db"
    con = sqlite3.connect(path)
    data = json.loads(con.execute("SELECT scenario_json FROM game").fetchone()[0])
    data["delegations"][0]["power"] = "a great deal"
    con.execute("UPDATE game SET scenario_json = ?", (json.dumps(data),))
    con.commit()
    con.close()
    return path


CASES = {
    "missing": (_missing, "no such save file"),
    "not-sqlite": (_not_sqlite, "not an SQLite database"),
    "empty": (_empty, "is empty"),
    "other-sqlite": (_other_sqlite, "not a save"),
    "foreign-game-table": (_foreign_game_table, "not a save"),
    "newer-schema": (_newer, "newer exercise"),
    "truncated": (_truncated, "truncated"),
    "truncated-header": (_truncated_header, "truncated"),
    "bad-stored-scenario": (
        _bad_stored_scenario,
        "its scenario no longer reads: edited.db (its scenario): delegations[0].power: must be a number",
    ),
}

COMMANDS = {
    "run": lambda p, t: ["run", p, "--turns", "1"],
    "replay": lambda p, t: ["replay", p, "--turn", "0"],
    "verify": lambda p, t: ["verify", p],
    "branch": lambda p, t: ["branch", p, "--from-turn", "0", "--save", t / "branch.db"],
    "export": lambda p, t: ["export", p],
}


def _fingerprint(path):
    return path.read_bytes() if path.exists() else None


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_command_refuses_a_bad_file_in_one_line(case, tmp_path, new_save, cli):
    make, words = CASES[case]
    path = make(tmp_path, new_save)
    before = _fingerprint(path)
    neighbours = sorted(p.name for p in tmp_path.iterdir())
    for name, argv in COMMANDS.items():
        code, out, err = cli(*argv(path, tmp_path))
        assert code == 2, (name, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and str(path) in lines[0], (name, err)
        assert "Traceback" not in err and out == ""
        assert _fingerprint(path) == before, name
        assert sorted(p.name for p in tmp_path.iterdir()) == neighbours, name  # no file created
    for read_only in (True, False):
        with pytest.raises(SaveError, match=re.escape(words)):
            Game.open(path, read_only=read_only)
    assert _fingerprint(path) == before


def test_a_newer_version_recorded_only_in_the_table_is_refused_too(tmp_path, new_save, cli):
    new_save("newer.db", turns=1).close()
    path = tmp_path / "newer.db"
    con = sqlite3.connect(path)
    con.execute("UPDATE game SET schema_version = 7")
    con.commit()
    con.close()
    before = path.read_bytes()
    code, _, err = cli("replay", path)
    assert code == 2 and err.strip().splitlines() == [
        f"{path}: was written by a newer exercise (save schema 7; this one reads up to {SCHEMA_VERSION}): "
        "upgrade exercise to open it"
    ]
    assert path.read_bytes() == before


def test_saves_lists_good_saves_and_reports_the_others(tmp_path, new_save, cli):
    new_save("good.db", turns=1).close()
    paths = [
        make(tmp_path, new_save) for make, _ in (CASES["not-sqlite"], CASES["other-sqlite"], CASES["newer-schema"])
    ]
    before = [p.read_bytes() for p in paths]
    code, out, err = cli("saves", tmp_path)
    assert code == 0
    assert "good.db" in out and "tutorial" in out and "turn 1 of" in out
    assert len(err.strip().splitlines()) == 3 and all(p.name in err for p in paths)
    assert [p.read_bytes() for p in paths] == before


def test_a_real_process_prints_one_line_and_exits_2(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a save", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "exercise", "verify", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == f"{path}: is not a save file (not an SQLite database)"
    assert path.read_text(encoding="utf-8") == "not a save"


def test_writing_never_replaces_a_file_unless_forced(tmp_path, new_save, cli):
    keep = tmp_path / "keep.db"
    keep.write_bytes(b"precious")
    code, _, err = cli("new", "tutorial", "--save", keep)
    assert code == 2 and "already exists" in err and keep.read_bytes() == b"precious"
    new_save("src.db", turns=1).close()
    code, _, err = cli("branch", tmp_path / "src.db", "--from-turn", "0", "--save", keep)
    assert code == 2 and "already exists" in err and keep.read_bytes() == b"precious"
    code, _, err = cli("export", tmp_path / "src.db", "--out", keep)
    assert code == 2 and "already exists" in err and keep.read_bytes() == b"precious"
    code, _, _ = cli("new", "tutorial", "--save", keep, "--force")
    assert code == 0
    with Game.open(keep) as game:
        assert game.turn == 0
