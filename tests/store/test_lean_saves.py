"""Lean saves (schema 6): events and orders packed per turn, snapshots as keyframes and deltas.

Every reader must show exactly what it showed of the same game under schema 5: the goldens in
data/schema5-golden.json.gz were written by the release before (tests/store/lean_game.py),
from the same game as the schema-5 fixture save beside them.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import zlib
from pathlib import Path

import orjson
import pytest

from exercise.core.canonical import state_hash
from exercise.errors import SaveError
from exercise.store import SCHEMA_VERSION, Game, snapshots
from tests.store import lean_game

FIXTURE = lean_game.DATA / "schema5-cent.db"
FIXTURE_BRANCH = lean_game.DATA / "schema5-cent-branch.db"


@pytest.fixture(scope="module")
def golden() -> dict[str, str]:
    return json.loads(gzip.decompress(lean_game.GOLDEN.read_bytes()))


def _version(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute("SELECT schema_version FROM game").fetchone()[0]
    finally:
        con.close()


def _same(shown: dict[str, str], golden: dict[str, str], *, but: tuple[str, ...] = ()) -> None:
    assert sorted(shown) == sorted(golden)
    differ = [name for name in golden if shown[name] != golden[name] and name not in but]
    assert not differ, f"readers that show otherwise than under schema 5: {differ}"


def test_a_new_save_shows_what_schema_5_showed(tmp_path, cli, golden):
    save, other = tmp_path / FIXTURE.name, tmp_path / FIXTURE_BRANCH.name
    lean_game.play(save)
    lean_game.branch(save, other)
    assert _version(save) == SCHEMA_VERSION == 6
    _same(lean_game.readers(save, other, cli), golden)


def test_a_schema_5_save_upgrades_verifies_and_shows_the_same(tmp_path, cli, golden):
    save, other = tmp_path / FIXTURE.name, tmp_path / FIXTURE_BRANCH.name
    shutil.copy(FIXTURE, save)
    shutil.copy(FIXTURE_BRANCH, other)
    assert _version(save) == 5
    con = sqlite3.connect(f"file:{FIXTURE}?mode=ro&immutable=1", uri=True)
    hashes = con.execute("SELECT turn, state_hash FROM turns ORDER BY turn").fetchall()
    con.close()
    for path in (save, other):
        with Game.open(path) as game:  # opened for play: upgraded in place after a backup
            assert game.verify().ok
        assert _version(path) == 6
        assert _version(path.with_name(f"{path.name}.schema-5.bak")) == 5
    with Game.open(save, read_only=True) as game:
        assert [(t, game.state_hash(t)) for t in range(game.turn + 1)] == hashes
        assert [(t, state_hash(game.state(t))) for t in range(game.turn + 1)] == hashes
        other_rules = bool(game.rules_note)
    # A fixture made under older rules verifies its stored turns and says so in a note, where
    # the goldens (same rules then) re-resolved them: that line is the rules', not the layout's.
    _same(lean_game.readers(save, other, cli), golden, but=("verify.json",) if other_rules else ())
    tables = {row[0] for row in sqlite3.connect(save).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"event_packs", "order_packs"} <= tables and not {"events", "orders"} & tables


def test_a_schema_5_save_opened_read_only_is_left_as_it_was(tmp_path, cli, golden):
    save = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, save)
    before = save.read_bytes()
    code, out, _ = cli("replay", save, "--turn", 4, "--json")
    assert code == 0 and f"exit 0\n{out}".replace(str(tmp_path), "DATA") == golden["replay-04.json"]
    assert save.read_bytes() == before and _version(save) == 5


def _snapshot_rows(path: Path) -> list[tuple[int, str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT turn, codec FROM snapshots ORDER BY turn").fetchall()
    finally:
        con.close()


def test_snapshots_are_keyframes_every_k_turns_and_deltas_between(tmp_path, tutorial_path):
    k = snapshots.KEYFRAME_EVERY
    scenario = tmp_path / "long.toml"
    scenario.write_text(tutorial_path.read_text().replace("turns = ", f"turns = {k + 4}  # ", 1))
    with Game.create(tmp_path / "long.db", scenario) as game:
        while not game.finished:
            game.resolve()
        hashes = [game.state_hash(t) for t in range(game.turn + 1)]
    rows = _snapshot_rows(tmp_path / "long.db")
    assert [codec for _, codec in rows] == [
        "zlib-json" if t % k == 0 else "zlib-delta" for t in range(len(rows))
    ] and len(rows) == k + 5
    with Game.open(tmp_path / "long.db", read_only=True) as game:  # each turn rebuilt on its own
        assert [state_hash(game.state(t)) for t in reversed(range(len(rows)))] == hashes[::-1]
        assert game.verify().ok


def test_a_delta_round_trips_and_a_damaged_one_is_refused():
    old = {"a": {"x": 1, "y": [1, 2]}, "b": [1, 2], "c": 3, "d": {"gone": 1}}
    new = {"a": {"x": 2, "y": [1, 2, 3], "z": None}, "b": [2], "c": 3, "d": {}, "e": "new"}
    ops = snapshots.delta(old, new)
    assert snapshots.apply(orjson.loads(orjson.dumps(old)), ops, "t") == new
    assert snapshots.delta(new, new) == []
    with pytest.raises(SaveError, match="t: the snapshot is damaged"):
        snapshots.apply({"a": 1}, ops, "t")


def test_a_snapshot_delta_tampered_with_fails_verify(tmp_path, tutorial_path):
    with Game.create(tmp_path / "g.db", tutorial_path) as game:
        for _ in range(3):
            game.resolve()
    con = sqlite3.connect(tmp_path / "g.db")
    codec, data = con.execute("SELECT codec, data FROM snapshots WHERE turn = 2").fetchone()
    assert codec == "zlib-delta"
    ops = orjson.loads(zlib.decompress(data))
    ops.append(["u", [], {"tampered": 1}, []])  # stays in every later turn
    con.execute("UPDATE snapshots SET data = ? WHERE turn = 2", (zlib.compress(orjson.dumps(ops)),))
    con.commit()
    con.close()
    with Game.open(tmp_path / "g.db", read_only=True) as game:
        result = game.verify()
        assert not result.ok and result.first_mismatch == 2 and "sha256 does not match" in result.reason
        with pytest.raises(SaveError, match="turn 3: the snapshot is damaged"):
            game.state(3)
