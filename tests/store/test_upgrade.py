"""Older saves are upgraded in one place (exercise/store/upgrade.py), losing nothing.

There is no older release yet, so the test makes one: a save whose event_packs table lacks the
`audit` column and says schema 0, with the step that a release would register for it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from exercise.errors import SaveError
from exercise.store import SCHEMA_VERSION, Game, upgrade


def _add_audit_column(session) -> None:
    session.execute(text("ALTER TABLE event_packs ADD COLUMN audit BOOLEAN NOT NULL DEFAULT 0"))


def _make_version_0(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE event_packs DROP COLUMN audit")
    con.execute("UPDATE game SET schema_version = 0")
    con.commit()
    con.close()


@pytest.fixture
def old_save(new_save, tmp_path, monkeypatch):
    game = new_save("old.db", turns=3)
    digest = game.state_hash()
    game.close()
    path = tmp_path / "old.db"
    _make_version_0(path)
    monkeypatch.setitem(upgrade.UPGRADES, 0, _add_audit_column)
    return path, digest


def _version(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)  # leaves no -wal/-shm
    try:
        return con.execute("SELECT schema_version FROM game").fetchone()[0]
    finally:
        con.close()


def test_an_older_save_is_upgraded_after_a_backup(old_save):
    path, digest = old_save
    before = path.read_bytes()
    with Game.open(path) as game:
        assert game.state_hash() == digest and game.verify().ok
        assert game.resolve() is not None  # writes rows with the new column
    assert _version(path) == SCHEMA_VERSION
    backup = path.with_name("old.db.schema-0.bak")
    assert backup.exists() and _version(backup) == 0
    con = sqlite3.connect(backup)
    assert "audit" not in [row[1] for row in con.execute("PRAGMA table_info(event_packs)")]
    con.close()
    assert path.read_bytes() != before


def test_read_only_opening_upgrades_a_private_copy(old_save):
    path, digest = old_save
    before = path.read_bytes()
    with Game.open(path, read_only=True) as game:
        assert game.state_hash() == digest and game.verify().ok
        copy_dir = Path(game._tmp.name)
        assert copy_dir.exists()
    assert not copy_dir.exists()
    assert path.read_bytes() == before and _version(path) == 0
    assert sorted(p.name for p in path.parent.iterdir()) == ["old.db"]


def test_a_version_without_an_upgrade_step_is_refused_untouched(old_save, monkeypatch):
    path, _ = old_save
    monkeypatch.delitem(upgrade.UPGRADES, 0)
    before = path.read_bytes()
    with pytest.raises(SaveError, match="cannot be upgraded"):
        Game.open(path)
    assert path.read_bytes() == before


def test_a_save_from_before_negotiation_gets_the_talk_tables_and_keeps_its_turns(new_save, tmp_path):
    game = new_save("v4.db", humans=["atlantia"], turns=2)
    digest = game.state_hash()
    game.close()
    path = tmp_path / "v4.db"
    con = sqlite3.connect(path)
    con.execute("DROP TABLE talk")
    con.execute("DROP TABLE talk_openings")
    con.execute("UPDATE game SET schema_version = 4")
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()
    with Game.open(path, read_only=True) as replay:  # a private upgraded copy: the file stays at 4
        assert replay.talk.lines(1) == [] and replay.verify().ok
    assert _version(path) == 4
    with Game.open(path) as game:
        assert game.state_hash() == digest and game.verify().ok
        game.talk.post("atlantia", "say to borealis: the first words this save holds")
        assert game.resolve(force=True) is not None and game.verify().ok
    assert _version(path) == SCHEMA_VERSION
    assert path.with_name("v4.db.schema-4.bak").exists()
