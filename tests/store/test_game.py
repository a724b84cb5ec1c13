"""The Game API the terminal UI codes against: seats, orders, resolution, the white cell."""

from __future__ import annotations

import sqlite3

import pytest

from exercise.core.canonical import state_hash
from exercise.core.events import FacilitatorAction
from exercise.core.orders import FireInject, Pass, SalienceShift, parse_order
from exercise.errors import AlreadyResolved, GamePaused, OrderError, ReadOnlySave, ReplayError, SaveError
from exercise.headless import play
from exercise.store import Game
from exercise.strategies import strategy_orders

HUMANS = ("atlantia", "borealis")


def test_a_new_save_holds_scenario_seed_and_controllers(new_save, scenario_copy):
    game = new_save(scenario=scenario_copy, seed=42, humans=["borealis"])
    assert game.turn == 0
    assert game.seed == 42
    assert game.scenario.id == "tutorial"
    assert game.scenario_text == scenario_copy.read_text(encoding="utf-8")
    controllers = game.controllers()
    assert controllers["borealis"] == "human"
    assert controllers["atlantia"] == game.scenario.delegation("atlantia").strategy
    assert game.human_seats() == ["borealis"]
    assert game.waiting_for() == ["borealis"]
    assert game.events() == [] and game.submitted() == {}


def test_seed_defaults_to_the_scenarios(new_save):
    game = new_save()
    assert game.seed == game.scenario.seed


def test_create_refuses_an_existing_file_unless_forced(new_save, tmp_path):
    first = new_save("same.db", turns=2)
    first.close()
    before = (tmp_path / "same.db").read_bytes()
    with pytest.raises(SaveError, match="already exists"):
        new_save("same.db")
    assert (tmp_path / "same.db").read_bytes() == before
    again = new_save("same.db", force=True)
    assert again.turn == 0


def test_a_save_open_here_is_not_replaced_even_when_forced(new_save):
    game = new_save("open.db", turns=1)
    with pytest.raises(SaveError, match="is open in this program"):
        new_save("open.db", force=True)
    assert game.turn == 1 and game.verify().ok


def test_unknown_human_seat_writes_no_file(tmp_path, scenario_copy):
    with pytest.raises(SaveError, match="no seat 'narnia'"):
        Game.create(tmp_path / "x.db", scenario_copy, humans=["atlantia", "narnia"])
    assert list(tmp_path.glob("*.db*")) == [] and list(tmp_path.glob(".*")) == []


def test_an_all_scripted_save_plays_exactly_like_headless(new_save, tutorial):
    game = new_save(turns=tutorial.turns)
    expected = [state_hash(r.state) for r in play(tutorial, tutorial.seed, tutorial.turns)]
    assert [game.state_hash(t) for t in range(1, tutorial.turns + 1)] == expected
    assert state_hash(game.state()) == expected[-1]
    assert state_hash(game.state(4)) == expected[3]


def test_the_save_outlives_its_scenario_file(new_save, scenario_copy, tmp_path):
    game = new_save(scenario=scenario_copy, turns=3)
    digest = game.state_hash()
    game.close()
    scenario_copy.write_text("this is not toml [", encoding="utf-8")
    with Game.open(tmp_path / "game.db") as again:
        assert again.state_hash() == digest and again.verify().ok
    scenario_copy.unlink()
    with Game.open(tmp_path / "game.db", read_only=True) as again:
        assert again.verify().ok and again.state(2).turn == 2


def test_resolve_waits_for_every_human_seat(new_save):
    game = new_save(humans=HUMANS)
    assert game.resolve() is None
    game.submit("atlantia", [parse_order("propose protect-hospitals in assembly", "atlantia")])
    assert game.waiting_for() == ["borealis"]
    assert game.resolve() is None and game.turn == 0
    game.submit("borealis", [])  # a submitted pass counts
    assert game.waiting_for() == []
    result = game.resolve()
    assert result is not None and result.state.turn == 1 and game.turn == 1
    assert game.orders(1)["atlantia"] == [parse_order("propose protect-hospitals in assembly", "atlantia")]
    assert game.orders(1)["borealis"] == []
    assert game.order_sources(1)["atlantia"] == "human"
    assert game.order_sources(1)["cordova"] == game.controllers()["cordova"]
    assert game.submitted() == {}
    assert game.waiting_for() == list(HUMANS)  # a new turn: everyone orders again
    assert [e.seq for e in game.events()] == list(range(len(game.events())))
    assert result.events == tuple(game.events(1))


def test_submit_replaces_and_validates(new_save):
    game = new_save(humans=HUMANS)
    game.submit("atlantia", [parse_order("propose protect-hospitals in assembly", "atlantia")])
    game.submit("atlantia", [Pass()])
    assert game.submitted() == {"atlantia": [Pass()]}
    with pytest.raises(OrderError, match="no norm"):
        game.submit("atlantia", [parse_order("propose no-such-norm in assembly", "atlantia")])
    with pytest.raises(OrderError):
        game.submit("atlantia", [FireInject("ransomware")])  # white-cell orders only
    with pytest.raises(SaveError, match="no seat"):
        game.submit("narnia", [])
    assert game.submitted() == {"atlantia": [Pass()]}


def test_forced_turns_pass_or_stand_in_and_are_audited(new_save):
    game = new_save(humans=HUMANS)
    state = game.state()
    result = game.resolve(force=True)
    assert result is not None and game.orders(1)["atlantia"] == [] and game.orders(1)["borealis"] == []
    audit = [e for e in game.events(1) if isinstance(e, FacilitatorAction)]
    assert [e.action for e in audit] == ["forced turn"] and "atlantia, borealis" in audit[0].detail
    state = game.state()
    game.resolve(force=True, missing="strategy")
    assert game.orders(2)["atlantia"] == strategy_orders(state, "atlantia", game.seed)
    assert "stood in" in game.order_sources(2)["atlantia"]
    with pytest.raises(SaveError, match="missing"):
        game.resolve(force=True, missing="dice")


def test_pause_blocks_resolution_until_resume_or_force(new_save):
    game = new_save()
    game.pause()
    assert game.paused
    with pytest.raises(GamePaused):
        game.resolve()
    game.resume()
    assert not game.paused
    assert game.resolve() is not None
    game.pause()
    assert game.resolve(force=True) is not None
    actions = [e.action for e in game.events() if isinstance(e, FacilitatorAction)]
    assert actions == ["pause", "resume", "pause", "forced turn"]
    # audit events carry the turn in play and are numbered among the engine's
    assert [e.turn for e in game.events() if isinstance(e, FacilitatorAction)] == [1, 1, 2, 2]


def test_control_changes_are_recorded_and_validated(new_save):
    game = new_save()
    game.set_controller("atlantia", "human")
    assert game.controllers()["atlantia"] == "human" and game.waiting_for() == ["atlantia"]
    game.set_controller("atlantia", "blocker")
    assert game.waiting_for() == []
    with pytest.raises(SaveError, match="neither"):
        game.set_controller("atlantia", "genius")
    with pytest.raises(SaveError, match="no seat"):
        game.set_controller("narnia", "human")
    audit = [e for e in game.events() if isinstance(e, FacilitatorAction)]
    assert [e.detail for e in audit] == ["atlantia: champion -> human", "atlantia: human -> blocker"]
    assert all(e.audience == ("@white",) for e in audit)


def test_white_cell_orders_are_queued_checked_and_resolved(new_save):
    game = new_save()
    inject = game.scenario.injects[0].id
    game.facilitator_order(FireInject(inject))
    game.facilitator_order(SalienceShift(game.scenario.domains[0], 0.1))
    with pytest.raises(OrderError):
        game.facilitator_order(FireInject("no-such-inject"))
    with pytest.raises(OrderError, match="white cell queues"):
        game.facilitator_order(Pass())
    assert [str(o) for o in game.submitted()["@white"]] == [
        f"fire {inject}",
        f"salience {game.scenario.domains[0]} +0.1",
    ]
    game.log_facilitator("note", "room is heated")
    game.resolve()
    assert [str(o) for o in game.orders(1)["@white"]] == [f"fire {inject}", f"salience {game.scenario.domains[0]} +0.1"]
    assert inject in game.state().fired_injects
    notes = [e for e in game.events(1) if isinstance(e, FacilitatorAction) and e.action == "note"]
    assert notes and notes[0].audience == ("@white",) and notes[0].visible_to("atlantia") is False
    assert game.verify().ok


def test_events_of_a_turn_are_exactly_that_turn(new_save):
    game = new_save(turns=4)
    game.pause()  # an audit event for turn 5, the turn in play
    every = game.events()
    by_turn = [game.events(t) for t in range(0, 6)]
    assert [e for events in by_turn for e in events] == every
    assert all(e.turn == t for t, events in enumerate(by_turn) for e in events)
    assert [e.action for e in game.events(5)] == ["pause"]
    with pytest.raises(ReplayError):
        game.events(7)


def test_state_is_a_fresh_copy_and_unknown_turns_are_refused(new_save):
    game = new_save(turns=2)
    mine = game.state()
    mine.seats["atlantia"].influence = -99.0
    assert game.state().seats["atlantia"].influence != -99.0
    assert game.resolve() is not None and game.verify().ok
    with pytest.raises(ReplayError, match="no turn 9"):
        game.state(9)


def test_read_only_games_refuse_every_write(new_save, tmp_path):
    new_save(turns=1).close()
    before = (tmp_path / "game.db").read_bytes()
    with Game.open(tmp_path / "game.db", read_only=True) as game:
        assert game.read_only and game.turn == 1
        for write in (
            game.resolve,
            game.pause,
            lambda: game.submit("atlantia", []),
            lambda: game.set_controller("atlantia", "human"),
            lambda: game.log_facilitator("x"),
        ):
            with pytest.raises(ReadOnlySave):
                write()
    assert (tmp_path / "game.db").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.db"]  # no -wal/-shm left behind


def test_a_turn_resolved_by_another_client_is_not_resolved_twice(new_save, tmp_path):
    game = new_save(humans=["atlantia"])
    other = Game.open(tmp_path / "game.db")
    stale = None
    try:
        game.submit("atlantia", [Pass()])
        assert other.turn == 0
        assert game.resolve() is not None
        with pytest.raises(AlreadyResolved, match="turn 1 was already resolved"):
            other.submit("atlantia", [Pass()])  # meant for turn 1, which is over
        assert other.turn == 1  # having looked again, it orders for turn 2
        other.submit("atlantia", [Pass()])
        stale = Game.open(tmp_path / "game.db")  # saw turn 1 too
        assert other.resolve() is not None
        with pytest.raises(AlreadyResolved, match="turn 2 was already resolved"):
            stale.resolve(force=True)
        assert game.turn == 2 and len(game.events(2)) == len(other.events(2))
        assert game.verify().ok
    finally:
        other.close()
        if stale is not None:
            stale.close()


def test_readers_are_not_blocked_by_a_writer(new_save, tmp_path):
    new_save(turns=2).close()
    holder = sqlite3.connect(tmp_path / "game.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE game SET paused = 1")  # uncommitted: invisible to readers
        with Game.open(tmp_path / "game.db", read_only=True) as reader:
            assert reader.turn == 2 and not reader.paused and reader.state().turn == 2
            assert len(reader.events(2)) > 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_summary_describes_the_save(new_save):
    game = new_save(humans=["borealis"], turns=1)
    s = game.summary()
    assert (s.scenario_id, s.turn, s.length, s.seed) == ("tutorial", 1, game.scenario.turns, game.seed)
    assert s.waiting_for == ("borealis",) and s.human_seats == ["borealis"] and not s.paused
    assert s.last_played_at >= s.created_at


def test_a_scenario_that_fails_to_load_is_refused(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("id = 3\n", encoding="utf-8")
    from exercise.errors import ScenarioError

    with pytest.raises(ScenarioError):
        Game.create(tmp_path / "x.db", bad)
    assert not (tmp_path / "x.db").exists()
