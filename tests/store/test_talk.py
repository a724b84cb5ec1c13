"""The talk of a save (store/talk_log.py): lines stored in order as they are said, checked on the
turn so far, answered at once by scripted seats, opened once per turn, resolved with the turn,
replayed by verify, kept by branch, refused when stale."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from exercise.core.events import DealSettled, OfferAnswered, Said
from exercise.core.orders import parse_order
from exercise.core.talk import Offer, Reply, Statement
from exercise.errors import AlreadyResolved, OrderError, ReadOnlySave, UnknownReference
from exercise.store import Game
from exercise.store.schema import TalkOpeningRow, TalkRow
from exercise.strategies.blocker import Blocker
from exercise.strategies.broker import Broker

HUMANS = ("atlantia", "borealis")
DEAL = "offer borealis: propose protect-hospitals in assembly if endorse protect-hospitals in assembly"


def _rows(game: Game, *columns):
    with game.session() as s:
        return sorted(tuple(r) for r in s.execute(select(*columns)))


def test_lines_are_stored_in_order_and_an_offer_to_a_scripted_seat_is_answered_at_once(new_save):
    game = new_save(humans=HUMANS)
    game.talk.post("atlantia", "say in assembly support protect-hospitals: hospitals are off limits")
    entry = game.talk.post(
        "atlantia", "offer cordova: propose protect-hospitals in assembly if endorse free-flow in assembly"
    )
    assert entry.offer == "1.1" and entry.audience == ("atlantia", "cordova")
    rows = _rows(game, TalkRow.turn, TalkRow.index, TalkRow.seat, TalkRow.text)
    assert [r[:3] for r in rows] == [(1, 0, "atlantia"), (1, 1, "atlantia"), (1, 2, "cordova")]
    assert rows[2][3] in ("accept 1.1", "reject 1.1") or rows[2][3].startswith("counter 1.1")
    heard = game.talk.heard("cordova")
    assert [e.seat for e in heard] == ["atlantia", "atlantia", "cordova"]  # cordova sits in the assembly
    assert isinstance(heard[0].talk, Statement) and isinstance(heard[1].talk, Offer)


def test_a_line_that_cannot_be_said_names_seat_and_line_and_stores_nothing(new_save):
    game = new_save(humans=HUMANS)
    before = game.talk.version()
    with pytest.raises(UnknownReference, match=r"^atlantia: say to nowhere: hi: there is no seat 'nowhere'$"):
        game.talk.post("atlantia", "say to nowhere: hi")
    with pytest.raises(OrderError, match=r"^borealis: accept 1\.7: "):
        game.talk.post("borealis", "accept 1.7")
    with pytest.raises(OrderError, match=r"^atlantia: "):  # not a line at all
        game.talk.post("atlantia", "shout loudly")
    assert game.talk.version() == before and _rows(game, TalkRow.text) == []
    assert (
        game.talk.problem("atlantia", "say to nowhere: hi")
        == "atlantia: say to nowhere: hi: there is no seat 'nowhere'"
    )
    assert game.talk.problem("atlantia", "say to borealis: hello") is None
    assert _rows(game, TalkRow.text) == []  # problem() stores nothing


def test_the_scripted_talk_phase_runs_once_per_turn_before_any_human_line(new_save, monkeypatch):
    calls = []

    def talk(self, view, rng):
        calls.append(view.turn)
        return [Statement("assembly", "we will not be rushed", "oppose", ("protect-hospitals",))]

    monkeypatch.setattr(Blocker, "talk", talk)  # borealis is the tutorial's blocker
    game = new_save(humans=("atlantia",))
    assert game.talk.open_turn() is True
    assert game.talk.open_turn() is False  # marked in the save: idempotent
    game.talk.post("atlantia", "say to borealis: why not?")
    assert calls == [0]
    assert [(e.seat, type(e.talk).__name__) for e in game.talk.heard(None)] == [
        ("borealis", "Statement"),
        ("atlantia", "Message"),
    ]
    game.submit("atlantia", [])
    result = game.resolve()
    said = [e for e in result.events if isinstance(e, Said)]
    assert [(e.speaker, e.position) for e in said] == [("borealis", "oppose"), ("atlantia", "")]
    # Turn 2 was never talked in: resolving it opens it first, so the blocker still speaks.
    game.submit("atlantia", [])
    result = game.resolve()
    assert [e.speaker for e in result.events if isinstance(e, Said)] == ["borealis"]
    assert calls == [0, 1]
    assert _rows(game, TalkOpeningRow.turn) == [(1,), (2,)]
    assert game.verify().ok


def test_a_deal_between_two_humans_binds_the_turn_and_verify_replays_it(new_save):
    game = new_save(humans=HUMANS)
    game.talk.post("atlantia", DEAL)
    game.talk.post("borealis", "accept 1.1")
    assert [c.id for c in game.talk.window("atlantia").due_now()] == ["1.1"]
    game.submit("atlantia", [parse_order("propose protect-hospitals in assembly", "atlantia")])
    game.submit("borealis", [])  # borealis breaks its side
    result = game.resolve()
    settled = {e.seat: e for e in result.events if isinstance(e, DealSettled)}
    assert settled["atlantia"].outcome == "kept" and settled["borealis"].outcome == "broken"
    assert settled["borealis"].audience == ("atlantia", "borealis")  # a secret deal
    state = game.state()
    assert state.trust["atlantia"]["borealis"] < 1.0
    assert game.verify().ok
    with game._write() as s:  # someone edits the record of what was said
        s.execute(update(TalkRow).where(TalkRow.index == 1).values(text="reject 1.1"))
    check = game.verify()
    assert not check.ok and check.first_mismatch == 1


def test_verify_names_a_turn_whose_recorded_talk_could_not_have_been_said(new_save):
    game = new_save(humans=HUMANS)
    game.talk.post("atlantia", "say to borealis: a word")
    game.resolve(force=True)
    with game._write() as s:
        s.execute(update(TalkRow).values(text="accept 1.9"))
    check = game.verify()
    assert check.first_mismatch == 1 and "talk" in check.reason


def test_branch_keeps_the_talk_of_the_turns_it_holds(new_save, tmp_path):
    game = new_save(humans=HUMANS)
    for turn in (1, 2):
        game.talk.post("atlantia", f"say to borealis: turn {turn}")
        game.resolve(force=True)
    game.talk.post("atlantia", "say to borealis: not yet resolved")
    with game.branch(1, tmp_path / "what-if.db") as what_if:
        assert [t.words for _, t in what_if.talk.lines(1)] == ["turn 1"]
        assert what_if.talk.lines(2) == [] and what_if.talk.heard(None) == []
        assert what_if.verify().ok
    assert [t.words for _, t in game.talk.lines(2)] == ["turn 2"]


def test_a_post_for_a_turn_resolved_meanwhile_is_refused_like_stale_orders(new_save, tmp_path):
    game = new_save(humans=HUMANS)
    with Game.open(game.path) as other:
        assert other.turn == 0
        game.resolve(force=True)
        with pytest.raises(AlreadyResolved):
            other.talk.post("atlantia", "say to borealis: still there?")
        with pytest.raises(AlreadyResolved):
            other.talk.post("atlantia", "say to borealis: still there?", for_turn=1)
        other.talk.post("atlantia", "say to borealis: now for turn 2")  # it has seen turn 1 now
    assert [t.words for _, t in game.talk.lines(2)] == ["now for turn 2"]
    assert game.talk.lines(1) == []


def test_a_read_only_save_reads_the_talk_and_refuses_to_store_it(new_save):
    game = new_save(humans=HUMANS)
    game.talk.post("atlantia", "say to borealis: hello")
    with Game.open(game.path, read_only=True) as replay:
        assert [e.seat for e in replay.talk.heard("borealis")] == ["atlantia"]
        assert replay.talk.heard("cordova") == []  # a bilateral message
        assert replay.talk.open_turn() is False
        with pytest.raises(ReadOnlySave):
            replay.talk.post("borealis", "say to atlantia: hi")


def test_scripted_seats_order_knowing_the_deals_they_made(new_save, monkeypatch):
    seen = []
    decide = Broker.decide

    def accept(self, view, offer, rng):
        return Reply(offer.id, "accept")

    def remembering(self, view, rng):
        seen.append((view.seat, [c.id for c in view.talk.due_now()]))
        return decide(self, view, rng)

    monkeypatch.setattr(Broker, "answer", accept)  # cordova is a broker
    monkeypatch.setattr(Broker, "decide", remembering)
    game = new_save(humans=HUMANS)
    game.talk.post("atlantia", "offer cordova: propose protect-hospitals in assembly if endorse free-flow in assembly")
    assert [type(e.talk) for e in game.talk.heard("atlantia")] == [Offer, Reply]
    game.resolve(force=True)
    assert ("cordova", ["1.1"]) in seen
    answered = [e for e in game.events(1) if isinstance(e, OfferAnswered)]
    assert [(e.by, e.answer) for e in answered] == [("cordova", "accepted")]
    settled = [e for e in game.events(1) if isinstance(e, DealSettled)]
    assert sorted(e.seat for e in settled) == ["atlantia", "cordova"]  # the deal bound the turn
