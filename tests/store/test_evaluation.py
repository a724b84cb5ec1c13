"""game.evaluation: evaluator and observer seats, rubric scores, notes and the improvement plan
live in the save outside the hashed turns, are private until released, and survive branch."""

from __future__ import annotations

import sqlite3

import pytest

from exercise.core.seats import FACILITATOR
from exercise.errors import SaveError
from exercise.store import Game, upgrade
from exercise.store.evaluation_records import ImprovementItem


@pytest.fixture
def evaluated(new_save):
    game = new_save("eval.db", humans=["atlantia", "borealis"], turns=2)
    game.evaluation.add_roles(evaluators=2, observers=1)
    return game


def test_seats_are_numbered_and_more_can_be_added(evaluated):
    ev = evaluated.evaluation
    assert [r.seat for r in ev.roles()] == ["evaluator-1", "evaluator-2", "observer-1"]
    assert ev.add_roles(evaluators=1) == ["evaluator-3"]
    assert [r.seat for r in ev.roles("evaluator")] == ["evaluator-1", "evaluator-2", "evaluator-3"]


def test_scores_replace_and_leave_the_hashes_alone(evaluated):
    ev, digest = evaluated.evaluation, evaluated.state_hash()
    objective = ev.objectives()[0]
    ev.score("evaluator-1", 1, "atlantia", objective, 2, "slow start")
    ev.score("evaluator-1", 1, "atlantia", objective, 3, "better on reflection")
    ev.score("evaluator-2", 2, "borealis", objective, 4)
    assert [(s.evaluator, s.turn, s.team, s.level, s.note) for s in ev.scores()] == [
        ("evaluator-1", 1, "atlantia", 3, "better on reflection"),
        ("evaluator-2", 2, "borealis", 4, ""),
    ]
    assert evaluated.state_hash() == digest and evaluated.verify().ok


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("evaluator-1", 1, "atlantia", None, 5), "level: must be at most 4, not 5"),
        (("evaluator-1", 1, "atlantia", None, 0), "level: must be at least 1, not 0"),
        (("evaluator-1", 9, "atlantia", None, 2), "turn: there is no turn 9 to score"),
        (("evaluator-1", 1, "nowhere", None, 2), "team: there is no team 'nowhere'"),
        (("evaluator-1", 1, "atlantia", "made-up", 2), "objective: 'made-up' is not in the rubric"),
        (("observer-1", 1, "atlantia", None, 2), "evaluator: there is no evaluator seat 'observer-1'"),
    ],
)
def test_bad_scores_name_their_key_and_write_nothing(evaluated, args, key):
    evaluator, turn, team, objective, level = args
    objective = objective or evaluated.evaluation.objectives()[0]
    with pytest.raises(SaveError, match=key):
        evaluated.evaluation.score(evaluator, turn, team, objective, level)
    assert evaluated.evaluation.scores() == []


def test_teams_see_nothing_until_released_then_their_own(evaluated):
    ev = evaluated.evaluation
    objective = ev.objectives()[0]
    ev.score("evaluator-1", 1, "atlantia", objective, 2)
    ev.score("evaluator-1", 1, "borealis", objective, 3)
    ev.add_evaluator_note("evaluator-1", 1, "atlantia hesitated", team="atlantia")
    ev.add_evaluator_note("evaluator-2", 2, "the room went quiet")
    for viewer in ("atlantia", "borealis", "observer-1", "projector"):
        assert ev.scores(viewer) == [] and ev.evaluator_notes(viewer) == []
    assert len(ev.scores("evaluator-2")) == 2 and len(ev.evaluator_notes(FACILITATOR)) == 2
    assert not ev.released()
    ev.release()
    assert ev.released()
    assert [s.team for s in ev.scores("atlantia")] == ["atlantia"]
    assert [n.text for n in ev.evaluator_notes("borealis")] == ["the room went quiet"]
    assert len(ev.scores("observer-1")) == 2
    assert any(getattr(e, "action", "") == "evaluation" for e in evaluated.events())
    ev.release(False)
    assert ev.scores("atlantia") == []


def test_instructor_notes_are_written_from_a_read_only_replay(evaluated, tmp_path):
    path = evaluated.path
    with Game.open(path, read_only=True) as replay:
        note = replay.evaluation.add_instructor_note(0, "the opening positions")
        replay.evaluation.add_instructor_note(2, "the turning point")
        with pytest.raises(SaveError, match="turn: there is no turn 3 to note"):
            replay.evaluation.add_instructor_note(3, "not played yet")
        assert [(n.turn, n.text) for n in replay.evaluation.instructor_notes()] == [
            (0, "the opening positions"),
            (2, "the turning point"),
        ]
    assert note.author == "instructor" and evaluated.verify().ok


def test_a_branch_keeps_what_concerns_its_turns(evaluated, tmp_path):
    ev = evaluated.evaluation
    objective = ev.objectives()[0]
    ev.score("evaluator-1", 1, "atlantia", objective, 2)
    ev.score("evaluator-1", 2, "atlantia", objective, 3)
    ev.add_instructor_note(1, "kept")
    ev.add_instructor_note(2, "after the branch point")
    ev.add_item("Slow coalition building", "Brief allies before turn 1", owner="trainer", due="2027-01-15")
    ev.release()
    with evaluated.branch(1, tmp_path / "whatif.db") as branch:
        b = branch.evaluation
        assert [s.turn for s in b.scores()] == [1]
        assert [n.text for n in b.instructor_notes()] == ["kept"]
        assert [i.issue for i in b.plan()] == ["Slow coalition building"]
        assert b.released() and [r.seat for r in b.roles()] == ["evaluator-1", "evaluator-2", "observer-1"]
        assert branch.verify().ok


def test_the_plan_is_checked_whole_before_anything_is_written(evaluated):
    ev = evaluated.evaluation
    ev.add_item("first", "keep")
    bad = [ImprovementItem(1, "ok", "fine"), ImprovementItem(2, "", "no issue")]
    with pytest.raises(SaveError, match="line 2: issue: must not be empty"):
        ev.replace_plan(bad)
    assert [i.issue for i in ev.plan()] == ["first"]
    ev.replace_plan([ImprovementItem(1, "a", "b", "c", "2027-02-01"), ImprovementItem(2, "e", "f")])
    assert [i.number for i in ev.plan()] == [1, 2]
    ev.remove_item(1)
    assert [i.issue for i in ev.plan()] == ["e"]


def test_codes_are_issued_for_evaluator_and_observer_seats(evaluated):
    codes = evaluated.live.issue_codes()
    assert {"evaluator-1", "evaluator-2", "observer-1", "atlantia", FACILITATOR} <= set(codes)
    assert evaluated.live.unlocks("observer-1", codes["observer-1"])
    assert not evaluated.live.unlocks("observer-1", codes["evaluator-1"])


def test_players_are_named_for_any_seat(evaluated):
    evaluated.evaluation.set_player("atlantia", "Ann Lee")
    evaluated.evaluation.set_player("evaluator-1", "Dr Okafor")
    assert evaluated.evaluation.players() == {"atlantia": "Ann Lee", "evaluator-1": "Dr Okafor"}
    with pytest.raises(SaveError, match="no seat 'nowhere'"):
        evaluated.evaluation.set_player("nowhere", "x")


def test_a_version_2_save_gains_the_evaluation_tables(new_save, tmp_path):
    game = new_save("v2.db", turns=1)
    digest = game.state_hash()
    game.close()
    path = tmp_path / "v2.db"
    con = sqlite3.connect(path)
    for table in ("roles", "rubric_scores", "notes", "improvement_plan", "evaluation_release"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE game SET schema_version = 2")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    assert 2 in upgrade.UPGRADES
    with Game.open(path) as opened:
        assert opened.state_hash() == digest and opened.verify().ok
        opened.evaluation.add_instructor_note(1, "after the upgrade")
        assert len(opened.evaluation.instructor_notes()) == 1
    assert path.with_name("v2.db.schema-2.bak").exists()


def test_a_rubric_in_the_scenario_replaces_the_derived_one(scenario_copy, tmp_path):
    text = scenario_copy.read_text()
    text += """
[[rubric]]
objective = "coalition"
title = "Builds a coalition"
levels = [{level = 1, looks_like = "alone"}, {level = 2, looks_like = "one ally"},
          {level = 3, looks_like = "a bloc"}, {level = 4, looks_like = "a majority"}]
"""
    scenario_copy.write_text(text)
    with Game.create(tmp_path / "r.db", scenario_copy) as game:
        assert game.evaluation.objectives() == ("coalition",)
        assert [lv.looks_like for lv in game.evaluation.rubric()[0].levels][-1] == "a majority"
