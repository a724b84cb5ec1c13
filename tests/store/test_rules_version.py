"""A save records the rules version it was made under (engine/rules.py). One made under other
rules is not reported as tampered: verify and resuming say so in one line, and its stored
turns still replay."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from exercise.engine.rules import RULES_VERSION
from exercise.store import Game
from tests.store import tamper


def _as_made_before_rules_were_recorded(path: Path) -> None:
    """What a save of the release before this one looks like: schema 2, no rules_version."""
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE game DROP COLUMN rules_version")
    con.execute("UPDATE game SET schema_version = 2")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "exercise", *args], capture_output=True, text=True)


def test_a_new_save_records_the_engines_rules_version(new_save):
    game = new_save(turns=1)
    assert game.rules_version == RULES_VERSION and game.rules_note == ""
    assert game.verify().ok and game.verify().reason == ""


def test_an_older_rules_save_verifies_with_one_line_and_replays(new_save, tmp_path):
    game = new_save("old.db", turns=3)
    states = [game.state_hash(turn) for turn in range(4)]
    game.close()
    path = tmp_path / "old.db"
    _as_made_before_rules_were_recorded(path)
    # the stored turns differ from what today's rules would make of the same orders
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM turns").fetchone()[0] == 4
    con.close()

    run = _cli("verify", str(path))
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1 and "rules version 1" in lines[0] and f"version {RULES_VERSION}" in lines[0]
    assert "differs" not in run.stdout and "Traceback" not in run.stderr

    with Game.open(path, read_only=True) as old:
        assert old.rules_version == 1
        assert [old.state_hash(turn) for turn in range(4)] == states  # replay of stored turns

    resumed = _cli("run", str(path), "--turns", "1")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert sum("rules version 1" in line for line in resumed.stderr.splitlines()) == 1


def test_a_tampered_save_under_the_same_rules_is_still_caught(new_save, tmp_path):
    game = new_save("game.db", turns=2)
    game.close()
    path = tmp_path / "game.db"
    tamper.set_orders(path, 1, "pass")
    con = sqlite3.connect(path)
    con.execute("UPDATE game SET seed = seed + 1")
    con.commit()
    con.close()
    run = _cli("verify", str(path))
    assert run.returncode == 1 and "differs" in run.stdout


def test_a_save_made_under_rules_version_2_verifies_with_one_line(new_save, tmp_path):
    game = new_save("v2.db", turns=2)
    states = [game.state_hash(turn) for turn in range(3)]
    game.close()
    path = tmp_path / "v2.db"
    con = sqlite3.connect(path)
    con.execute("UPDATE game SET rules_version = 2")
    con.commit()
    con.close()

    run = _cli("verify", str(path))
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1 and "rules version 2" in lines[0] and f"version {RULES_VERSION}" in lines[0]
    with Game.open(path, read_only=True) as old:
        assert old.rules_version == 2 and [old.state_hash(turn) for turn in range(3)] == states
