"""verify, branch and export: the whole-save tools."""

from __future__ import annotations

import io
import json
import sqlite3
import zlib

import pytest

from exercise.core.orders import FireInject, Pass
from exercise.errors import ReplayError, SaveError
from exercise.store import Game
from tests.store import tamper


def _sql(path, statement, *params):
    con = sqlite3.connect(path)
    try:
        con.execute(statement, params)
        con.commit()
    finally:
        con.close()


def test_verify_accepts_a_clean_save_including_white_cell_actions(new_save):
    game = new_save(humans=["atlantia"])
    game.pause()
    game_order = FireInject(game.scenario.injects[0].id)
    game.facilitator_order(game_order)
    game.submit("atlantia", [Pass()])
    game.resolve(force=True)
    game.set_controller("atlantia", "blocker")
    game.resume()
    for _ in range(4):
        game.resolve()
    result = game.verify()
    assert result.ok and result.turns == 5 and result.first_mismatch is None
    assert str(game_order) in [str(o) for o in game.orders(1)["@white"]]


def _first_event_changed(turn: int, item: list) -> list:
    return [item[0], *[v.replace("a", "b") if isinstance(v, str) else v for v in item[1:]]]


def _change_first_event(path) -> None:
    seen: list[int] = []

    def change(turn: int, item: list) -> list:
        seen.append(turn)
        return _first_event_changed(turn, item) if len(seen) == 1 else item

    tamper.edit_events(path, change, "turn = 2 AND audit = 0")


@pytest.mark.parametrize(
    "doctor, turn, reason",
    [
        (lambda p: tamper.set_orders(p, 3, "pass", seat="atlantia"), 3, "state differs"),
        (lambda p: tamper.drop_orders(p, 2), 2, "state differs"),
        (lambda p: tamper.set_orders(p, 4, "propose nothing in nowhere", seat="cordova"), 4, "refused"),
        (lambda p: _sql(p, "UPDATE turns SET state_hash = 'abc' WHERE turn = 5"), 5, "state differs"),
        (_change_first_event, 2, "stored events were changed"),
        (lambda p: _sql(p, "DELETE FROM turns WHERE turn = 3"), 3, "missing"),
    ],
    ids=["orders-changed", "orders-gone", "orders-refused", "hash-changed", "event-changed", "turn-gone"],
)
def test_verify_names_the_first_turn_that_differs(new_save, tmp_path, doctor, turn, reason):
    new_save(turns=6).close()
    doctor(tmp_path / "game.db")
    with Game.open(tmp_path / "game.db", read_only=True) as game:
        result = game.verify()
    assert result.first_mismatch == turn and reason in result.reason
    assert result.turns == turn - 1


def test_verify_notices_a_scenario_copy_that_disagrees_with_its_text(new_save, tmp_path):
    new_save(turns=1).close()
    _sql(tmp_path / "game.db", "UPDATE game SET scenario_json = replace(scenario_json, '\"turns\":8', '\"turns\":9')")
    with Game.open(tmp_path / "game.db", read_only=True) as game:
        result = game.verify()
    assert result.first_mismatch == 0 and "parsed copy" in result.reason


def test_verify_notices_a_damaged_snapshot(new_save, tmp_path):
    new_save(turns=3).close()
    _sql(tmp_path / "game.db", "UPDATE snapshots SET data = ? WHERE turn = 2", zlib.compress(b'{"x":1}'))
    with Game.open(tmp_path / "game.db", read_only=True) as game:
        result = game.verify()
        assert result.first_mismatch == 2 and "damaged" in result.reason
        with pytest.raises(SaveError, match="damaged"):
            game.state(2)


def test_events_decode_by_the_field_names_the_save_recorded(new_save, tmp_path):
    """A release that orders an event's fields differently still reads older saves."""
    game = new_save(turns=3)
    before = game.events()
    game.close()
    con = sqlite3.connect(tmp_path / "game.db")
    for shape, fields in con.execute("SELECT shape, fields FROM event_shapes").fetchall():
        con.execute("UPDATE event_shapes SET fields = ? WHERE shape = ?", (json.dumps(json.loads(fields)[::-1]), shape))
    con.commit()
    con.close()
    tamper.edit_events(tmp_path / "game.db", lambda turn, item: [item[0], *item[:0:-1]])
    with Game.open(tmp_path / "game.db", read_only=True) as game:
        assert game.events() == before


def test_a_branch_holds_turns_up_to_n_and_leaves_the_original_alone(new_save, tmp_path):
    game = new_save(turns=6)
    game.close()
    before = (tmp_path / "game.db").read_bytes()
    with Game.open(tmp_path / "game.db", read_only=True) as original:
        digests = [original.state_hash(t) for t in range(7)]
        with original.branch(3, tmp_path / "whatif.db") as branch:
            assert branch.turn == 3 and branch.verify().ok
            assert [branch.state_hash(t) for t in range(4)] == digests[:4]
            assert branch.events(2) == original.events(2)
            assert branch.orders(3) == original.orders(3)
            assert branch.summary().branched_from.endswith("game.db") and branch.summary().branched_at_turn == 3
            assert [e.action for e in branch.events(4)] == ["branched"]
            # all seats scripted and the same seed: the branch replays the same future
            for _ in range(3):
                branch.resolve()
            assert branch.state_hash() == digests[6] and branch.verify().ok
    assert (tmp_path / "game.db").read_bytes() == before


def test_a_branch_can_take_another_path(new_save, tmp_path):
    game = new_save(turns=4)
    with game.branch(2, tmp_path / "b.db") as branch:
        branch.set_controller("atlantia", "blocker")
        branch.resolve()
        assert branch.state_hash(3) != game.state_hash(3)
        assert branch.verify().ok and game.verify().ok


def test_branch_refuses_bad_turns_and_existing_files(new_save, tmp_path):
    game = new_save(turns=2)
    with pytest.raises(ReplayError, match="turns 0 to 2"):
        game.branch(5, tmp_path / "b.db")
    (tmp_path / "taken.db").write_bytes(b"mine")
    with pytest.raises(SaveError, match="already exists"):
        game.branch(1, tmp_path / "taken.db")
    assert (tmp_path / "taken.db").read_bytes() == b"mine"
    with pytest.raises(SaveError, match="new file"):
        game.branch(1, tmp_path / "game.db", force=True)
    game.branch(1, tmp_path / "taken.db", force=True).close()
    with Game.open(tmp_path / "taken.db") as b:
        assert b.turn == 1
    assert not list(tmp_path.glob(".*tmp*"))


def test_export_writes_every_order_event_and_state(new_save):
    game = new_save(humans=["atlantia"], turns=3)
    game.log_facilitator("note", "for the debrief")
    out = io.StringIO()
    count = game.export_jsonl(out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines)
    kinds = [line["type"] for line in lines]
    assert kinds[0] == "game" and kinds.count("seat") == len(game.controllers())
    assert kinds.count("state") == 4
    states = [line for line in lines if line["type"] == "state"]
    assert [s["turn"] for s in states] == [0, 1, 2, 3]
    assert states[-1]["hash"] == game.state_hash(3)
    events = [line for line in lines if line["type"] == "event"]
    assert [e["seq"] for e in events] == [e.seq for e in game.events()]
    assert events[-1]["audit"] is True and events[-1]["action"] == "note"
    orders = [line for line in lines if line["type"] == "order"]
    assert len(orders) == sum(len(os) for t in (1, 2, 3) for os in game.orders(t).values())
    assert not [o for o in orders if o["seat"] == "atlantia"]  # the absent human passed
    # turn by turn: every line of turn t comes before the state of turn t
    position = {s["turn"]: i for i, s in enumerate(lines) if s["type"] == "state"}
    assert all(
        i < position[line["turn"]]
        for i, line in enumerate(lines)
        if line["type"] in ("order", "event") and line["turn"] in position
    )
