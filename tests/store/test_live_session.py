"""The live session of a save, in one process: join codes, seat leases, versioned drafts, the
round clock, and no turn recorded that nobody saw or that lies past the last one.

Two Game objects on one file stand for two terminals. Time is a fake clock patched into the
store's modules (never a sleep): leases and the round clock read `time.time()` there.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

import exercise.store.game as game_module
import exercise.store.live as live_module
import exercise.store.white_cell as white_cell_module
from exercise.core.events import FacilitatorAction
from exercise.core.orders import Pass, SalienceShift, parse_order
from exercise.core.seats import FACILITATOR
from exercise.engine import view_for
from exercise.errors import AlreadyResolved, GameOver, SaveError, SeatTaken, StaleOrders
from exercise.store import Game
from exercise.store import codes as codebook
from exercise.store.records import HEARTBEAT_SECONDS, Draft
from exercise.store.schema import DraftRow, PendingRow
from exercise.strategies import strategy_orders

HUMANS = ("atlantia", "borealis")


class FakeTime:
    """Stands in for the `time` module in the store's live-session code."""

    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(live_module, "time", fake)
    monkeypatch.setattr(game_module, "time", fake)
    monkeypatch.setattr(white_cell_module, "time", fake)  # pause and resume hold the clock
    return fake


@pytest.fixture
def game(new_save) -> Game:
    return new_save(humans=HUMANS)


@pytest.fixture
def other(game):
    """A second terminal on the same save."""
    with Game.open(game.path) as second:
        yield second


def audit(game: Game) -> list[FacilitatorAction]:
    return [e for e in game.events() if isinstance(e, FacilitatorAction)]


def pending_rows(game: Game) -> list[tuple[int, str]]:
    with game.session() as s:
        return [tuple(r) for r in s.execute(select(PendingRow.turn, PendingRow.seat).order_by(PendingRow.turn))]


def order(text: str, seat: str = "atlantia"):
    return parse_order(text, seat)


# --- join codes --------------------------------------------------------------------------------
def test_codes_are_issued_for_the_white_cell_and_every_human_seat_and_only_digests_are_kept(game):
    assert not game.live.has_codes()
    assert game.live.unlocks("atlantia", "anything at all")  # a save without codes is open
    codes = game.live.issue_codes()
    assert sorted(codes) == [FACILITATOR, *HUMANS]
    assert len(set(codes.values())) == 3
    assert game.live.has_codes()
    assert sorted(game.live.coded_seats()) == [FACILITATOR, *HUMANS]
    path = game.path
    game.close()  # folds the WAL into the file
    files = [p for p in path.parent.iterdir() if p.name.startswith(path.name)]
    raw = b"".join(p.read_bytes() for p in files)
    for code in codes.values():
        for form in (code, code.replace("-", " "), codebook.normalised(code)):
            assert form.encode() not in raw, f"{form!r} is in the save in clear"
    with Game.open(path) as reopened:  # the digests are what a later session checks against
        assert reopened.live.unlocks("atlantia", codes["atlantia"])


def test_a_code_opens_its_own_seat_and_the_white_cells_opens_every_seat(game):
    codes = game.live.issue_codes()
    live = game.live
    assert live.unlocks("atlantia", codes["atlantia"])
    assert live.unlocks("atlantia", codes[FACILITATOR])
    assert live.unlocks("borealis", codes[FACILITATOR])
    assert not live.unlocks("atlantia", codes["borealis"])
    assert not live.unlocks("borealis", codes["atlantia"])
    assert not live.unlocks(FACILITATOR, codes["atlantia"])  # a team's code is not the white cell's
    assert live.unlocks(FACILITATOR, codes[FACILITATOR])
    assert not live.unlocks("atlantia", "")
    assert not live.unlocks("atlantia", "maple-otter-42")


def test_typed_codes_are_forgiving_about_case_spaces_and_dashes(game, monkeypatch):
    monkeypatch.setattr(codebook, "new_code", lambda: "maple-otter-42")
    game.live.issue_codes(["atlantia"])
    for typed in ("Maple Otter 42", "maple-otter-42", "  MAPLE  otter-42 ", "maple_otter.42"):
        assert game.live.unlocks("atlantia", typed), typed
    for typed in ("maple otter 43", "mapleotter42", "otter maple 42"):
        assert not game.live.unlocks("atlantia", typed), typed
    assert codebook.normalised("Maple Otter 42") == "maple-otter-42"


def test_new_codes_replace_the_old_ones_in_the_white_cells_audit_trail_only(game):
    first = game.live.issue_codes()
    again = game.live.issue_codes(["atlantia"])
    assert list(again) == ["atlantia"]
    assert not game.live.unlocks("atlantia", first["atlantia"])
    assert game.live.unlocks("atlantia", again["atlantia"])
    assert game.live.unlocks("borealis", first["borealis"])  # the others keep theirs
    with pytest.raises(SaveError, match="no seat 'nowhere'"):
        game.live.issue_codes(["nowhere"])
    events = [e for e in audit(game) if e.action == "codes"]
    assert len(events) == 2
    assert all(e.visible_to(None) and not any(e.visible_to(seat) for seat in HUMANS) for e in events)
    assert not any(code in e.text() for e in events for code in (*first.values(), *again.values()))


def test_a_seat_handed_to_people_in_a_coded_save_gets_a_code_of_its_own(game):
    game.live.issue_codes()
    code = game.set_controller("cordova", "human")
    assert code is not None and game.live.unlocks("cordova", code)
    assert "cordova" in game.live.coded_seats()
    assert game.set_controller("cordova", "human") is None  # already theirs: nothing new


# --- leases ------------------------------------------------------------------------------------
def test_a_seat_open_elsewhere_is_refused_naming_where_and_since_when(game, other, clock):
    game.live.open_seats(["atlantia"], "terminal-a", place="laptop-3")
    with pytest.raises(SeatTaken) as taken:
        other.live.open_seats(["atlantia"], "terminal-b", place="laptop-7")
    lease = game.live.leases()[0]
    assert (taken.value.seat, taken.value.place, taken.value.opened_at) == ("atlantia", "laptop-3", lease.opened_at)
    assert "laptop-3" in str(taken.value) and lease.opened_at[11:16] in str(taken.value)
    assert [(ls.seat, ls.holder, ls.place) for ls in other.live.leases()] == [("atlantia", "terminal-a", "laptop-3")]
    other.live.open_seats(["borealis"], "terminal-b", place="laptop-7")  # another seat is free
    game.live.open_seats(["atlantia"], "terminal-a", place="laptop-3")  # reopening its own is fine
    assert game.live.heartbeat(["atlantia"], "terminal-a") == []


def test_opening_several_seats_takes_none_of_them_if_one_is_taken(game, other, clock):
    game.live.open_seats(["borealis"], "terminal-a", place="laptop-3")
    with pytest.raises(SeatTaken):
        other.live.open_seats(["atlantia", "borealis"], "terminal-b")
    assert [ls.seat for ls in game.live.leases()] == ["borealis"]


def test_a_takeover_is_learnt_at_the_next_heartbeat_and_audited_for_the_white_cell(game, other, clock):
    game.live.open_seats(["atlantia", "borealis"], "terminal-a", place="laptop-3")
    clock.advance(HEARTBEAT_SECONDS)
    other.live.open_seats(["atlantia"], "terminal-b", takeover=True, place="laptop-7")
    assert {ls.seat: ls.holder for ls in game.live.leases()} == {"atlantia": "terminal-b", "borealis": "terminal-a"}
    clock.advance(HEARTBEAT_SECONDS)
    assert game.live.heartbeat(["atlantia", "borealis"], "terminal-a") == ["atlantia"]
    assert other.live.heartbeat(["atlantia"], "terminal-b") == []
    # the one taken over stays taken over: its heartbeats do not win the seat back
    for _ in range(3):
        clock.advance(HEARTBEAT_SECONDS)
        other.live.heartbeat(["atlantia"], "terminal-b")
        assert game.live.heartbeat(["atlantia"], "terminal-a") == ["atlantia"]
    with pytest.raises(SeatTaken):
        game.live.open_seats(["atlantia"], "terminal-a")
    [event] = [e for e in audit(game) if e.action == "taken over"]
    assert "laptop-3" in event.detail and "laptop-7" in event.detail
    assert event.visible_to(None) and not event.visible_to("atlantia")


@pytest.mark.parametrize("taker_goes", ["closes the seat", "goes quiet"])
def test_the_one_taken_over_learns_it_even_if_the_taker_has_gone_again(game, other, clock, taker_goes):
    game.live.open_seats(["atlantia"], "terminal-a", place="laptop-3")
    clock.advance(1)
    other.live.open_seats(["atlantia"], "terminal-b", takeover=True, place="laptop-7")
    other.submit("atlantia", [Pass()], for_turn=1)  # a quick fix from the other laptop...
    if taker_goes == "closes the seat":  # ...and gone before the first one's next heartbeat
        other.live.close_seats(["atlantia"], "terminal-b")
    else:
        clock.advance(live_module.LEASE_SECONDS + 1)
    clock.advance(HEARTBEAT_SECONDS)
    assert game.live.heartbeat(["atlantia"], "terminal-a") == ["atlantia"]
    assert [ls.holder for ls in game.live.leases()] in ([], ["terminal-b"])  # not silently taken back
    game.live.open_seats(["atlantia"], "terminal-a")  # opening it again is a choice the team makes
    assert game.live.heartbeat(["atlantia"], "terminal-a") == []


def test_a_silent_terminals_lease_lapses_after_lease_seconds(game, other, clock):
    game.live.open_seats(["atlantia"], "crashed", place="laptop-3")
    clock.advance(live_module.LEASE_SECONDS - 0.5)
    with pytest.raises(SeatTaken):
        other.live.open_seats(["atlantia"], "terminal-b")
    assert [ls.seat for ls in other.live.leases()] == ["atlantia"]
    clock.advance(1.0)
    assert other.live.leases() == []
    other.live.open_seats(["atlantia"], "terminal-b", place="laptop-7")  # no takeover needed
    assert [(ls.holder, ls.place) for ls in game.live.leases()] == [("terminal-b", "laptop-7")]
    assert not [e for e in audit(game) if e.action == "taken over"]  # nobody was taken over
    assert game.live.heartbeat(["atlantia"], "crashed") == ["atlantia"]  # back from the dead: lost


def test_heartbeats_keep_a_lease_alive_and_a_lapsed_one_nobody_took_is_kept(game, other, clock):
    game.live.open_seats(["atlantia"], "terminal-a")
    for _ in range(10):  # far longer than a lease, renewed all along
        clock.advance(HEARTBEAT_SECONDS)
        assert game.live.heartbeat(["atlantia"], "terminal-a") == []
    with pytest.raises(SeatTaken):
        other.live.open_seats(["atlantia"], "terminal-b")
    clock.advance(live_module.LEASE_SECONDS * 3)  # the laptop slept; nobody came
    assert game.live.heartbeat(["atlantia"], "terminal-a") == []
    assert [ls.holder for ls in other.live.leases()] == ["terminal-a"]
    assert HEARTBEAT_SECONDS * 3 <= live_module.LEASE_SECONDS


def test_closing_a_seat_frees_it_but_only_its_holder_can(game, other, clock):
    game.live.open_seats(["atlantia"], "terminal-a")
    other.live.close_seats(["atlantia"], "terminal-b")  # not its lease: nothing happens
    assert [ls.holder for ls in game.live.leases()] == ["terminal-a"]
    game.live.close_seats(["atlantia"], "terminal-a")
    assert game.live.leases() == []
    other.live.open_seats(["atlantia"], "terminal-b")


# --- drafts and versions -----------------------------------------------------------------------
def test_a_draft_is_kept_per_seat_and_survives_closing_the_save(game):
    assert game.live.draft("atlantia") == Draft(1, (), 0, False)
    picked = [order("propose protect-hospitals in coalition")]
    assert game.live.save_draft("atlantia", picked, for_turn=1, version=0) == 1
    path = game.path
    game.close()
    with Game.open(path) as reopened:
        draft = reopened.live.draft("atlantia")
        assert (draft.turn, list(draft.orders), draft.version, draft.submitted) == (1, picked, 1, False)
        assert reopened.live.draft("borealis").orders == ()
        assert reopened.submitted() == {}  # a draft is not a submission


def test_two_terminals_on_one_seat_never_overwrite_each_other(game, other):
    mine = [order("propose protect-hospitals in coalition")]
    seen_by_a = game.live.draft("atlantia")
    seen_by_b = other.live.draft("atlantia")
    assert seen_by_a.version == seen_by_b.version == 0
    version = game.submit("atlantia", mine, for_turn=1, version=seen_by_a.version)
    assert version == 1
    with pytest.raises(StaleOrders, match="another terminal"):
        other.submit("atlantia", [Pass()], for_turn=1, version=seen_by_b.version)
    with pytest.raises(StaleOrders):
        other.live.save_draft("atlantia", [Pass()], for_turn=1, version=seen_by_b.version)
    assert other.submitted() == {"atlantia": mine}  # the first terminal's orders survive
    draft = other.live.draft("atlantia")
    assert (list(draft.orders), draft.version, draft.submitted) == (mine, 1, True)
    # having read the current version, the second terminal may replace them
    assert other.submit("atlantia", [Pass()], for_turn=1, version=draft.version) == 2
    assert game.submitted() == {"atlantia": [Pass()]}


def test_a_draft_then_a_submit_from_it_and_drafts_go_when_the_turn_resolves(game, other):
    picked = [order("propose protect-hospitals in coalition")]
    v1 = game.live.save_draft("atlantia", picked, for_turn=1, version=0)
    assert other.live.draft("atlantia").version == v1
    with pytest.raises(StaleOrders):  # made from the draft before the change
        other.submit("atlantia", [Pass()], for_turn=1, version=0)
    assert other.submit("atlantia", picked, for_turn=1, version=v1) == v1 + 1
    other.submit("borealis", [], for_turn=1, version=0)
    assert game.resolve(for_turn=1) is not None
    assert game.orders(1)["atlantia"] == picked
    assert other.live.draft("atlantia") == Draft(2, (), 0, False)
    with game.session() as s:
        assert s.scalars(select(DraftRow)).all() == []


def test_a_submit_for_a_turn_resolved_at_another_terminal_is_refused_and_writes_nothing(game, other):
    assert other.turn == 0  # the idle terminal looked at turn 0 and ordering for turn 1
    draft = other.live.draft("atlantia")
    game.resolve(force=True)  # the white cell forces turn 1 elsewhere
    picked = [order("propose protect-hospitals in coalition")]
    with pytest.raises(AlreadyResolved, match="turn 1 was already resolved"):
        other.submit("atlantia", picked, for_turn=1, version=draft.version)
    with pytest.raises(AlreadyResolved):
        other.live.save_draft("atlantia", picked, for_turn=1, version=draft.version)
    with pytest.raises(AlreadyResolved):
        other.resolve(force=True, for_turn=1)
    assert pending_rows(game) == []  # nothing for turn 2 from a team that never saw turn 1
    assert game.live.draft("atlantia") == Draft(2, (), 0, False)
    assert game.order_sources(1)["atlantia"] == "passed (forced)"


def test_a_terminal_that_never_passes_for_turn_is_refused_too(game, other):
    assert other.turn == 0
    game.resolve(force=True)
    with pytest.raises(AlreadyResolved):
        other.submit("atlantia", [Pass()])  # meant for the turn after the last one it saw
    assert pending_rows(game) == []
    other.submit("atlantia", [Pass()])  # the refusal showed it turn 1: now it orders for 2
    assert pending_rows(game) == [(2, "atlantia")]


# --- nothing past the last turn ----------------------------------------------------------------
def test_nothing_is_recorded_past_the_last_turn(game, other, cli):
    turns = game.scenario.turns
    game.live.set_clock(600, at_zero="pass")
    for _ in range(turns):
        game.resolve(force=True)
    assert other.live.clock().state == "off"  # no round left to count down on any screen
    assert game.finished and game.turn == turns
    assert game.waiting_for() == [] and other.waiting_for() == []
    summary = game.summary()
    assert summary.finished and summary.waiting_for == ()
    code, out, _ = cli("saves", game.path.parent)
    assert code == 0 and "finished" in out and "waiting" not in out
    with pytest.raises(GameOver):
        game.submit("atlantia", [Pass()])
    with pytest.raises(GameOver):
        game.submit("atlantia", [Pass()], for_turn=turns + 1)
    with pytest.raises(AlreadyResolved):  # a desk still showing the last turn
        other.submit("atlantia", [Pass()], for_turn=turns)
    with pytest.raises(GameOver):  # ...which then learns the game is over
        other.submit("atlantia", [Pass()])
    with pytest.raises(GameOver):
        game.resolve(force=True)
    with pytest.raises(GameOver):
        game.resolve(force=True, for_turn=turns + 1)
    with pytest.raises(GameOver):
        game.live.save_draft("atlantia", [Pass()], for_turn=turns + 1, version=None)
    with pytest.raises(GameOver):  # nor may the white cell queue an inject for a turn 9
        game.facilitator_order(SalienceShift("security", 0.1))
    assert game.resolve_if_time_is_up() is None
    assert pending_rows(game) == []
    assert game.turn == turns and game.verify().ok


# --- the round clock ---------------------------------------------------------------------------
def test_the_clock_counts_down_and_the_white_cell_sets_pauses_extends_and_restarts_it(game, other, clock):
    live = game.live
    assert live.clock().state == "off"
    with pytest.raises(SaveError, match="clock is off"):
        live.pause_clock()
    c = live.set_clock(600, at_zero="pass")
    assert (c.state, c.round_seconds, c.remaining, c.at_zero, c.turn) == ("running", 600, 600, "pass", 1)
    clock.advance(100)
    assert other.live.clock().remaining == pytest.approx(500)  # every terminal reads the same time
    assert live.pause_clock().state == "paused"
    clock.advance(50)
    assert other.live.clock().remaining == pytest.approx(500)
    assert live.extend_clock(60).remaining == pytest.approx(560)
    assert live.resume_clock().state == "running"
    clock.advance(10)
    assert other.live.clock().remaining == pytest.approx(550)
    assert live.extend_clock(-30).remaining == pytest.approx(520)
    assert live.restart_clock().remaining == pytest.approx(600)
    assert live.set_at_zero("strategy").at_zero == "strategy"
    clock.advance(601)
    c = other.live.clock()
    assert c.expired and c.remaining == pytest.approx(-1)
    assert live.set_clock(300, start=False).state == "paused"
    clock.advance(1000)
    assert live.clock().remaining == 300 and live.clock().at_zero == "strategy"
    assert live.set_clock(0).state == "off"
    for bad in (-1, 25 * 3600):
        with pytest.raises(SaveError):
            live.set_clock(bad)
    with pytest.raises(SaveError):
        live.set_clock(60, at_zero="explode")
    live.set_clock(60)
    with pytest.raises(SaveError):
        live.set_at_zero("explode")


def test_every_clock_action_is_in_the_white_cells_audit_trail_only(game, clock):
    live = game.live
    live.set_clock(600, at_zero="warn")
    live.pause_clock()
    live.resume_clock()
    live.extend_clock(120)
    live.restart_clock()
    live.set_at_zero("pass")
    live.set_clock(0)
    actions = [e.action for e in audit(game) if e.action.startswith("clock")]
    assert actions == [
        "clock",
        "clock paused",
        "clock running",
        "clock extended",
        "clock restarted",
        "clock at zero",
        "clock",
    ]
    state = game.state()
    for seat in HUMANS:
        seen = view_for(state, seat, game.events()).events
        assert not [e for e in seen if isinstance(e, FacilitatorAction)], seat
    assert all(e.visible_to(None) for e in audit(game))


def test_after_a_resolution_the_clock_counts_the_next_round_from_its_full_length(game, other, clock):
    game.live.set_clock(600, at_zero="warn")
    clock.advance(200)
    other.resolve(force=True)
    c = game.live.clock()
    assert (c.state, c.turn, c.remaining) == ("running", 2, pytest.approx(600))
    clock.advance(50)
    assert game.live.clock().remaining == pytest.approx(550)
    game.live.pause_clock()
    clock.advance(50)
    other.resolve(force=True)
    c = game.live.clock()
    assert (c.state, c.turn, c.remaining) == ("paused", 3, pytest.approx(600))


def test_pausing_the_game_holds_the_clock_until_it_resumes(game, other, clock):
    game.live.set_clock(60, at_zero="pass")
    clock.advance(20)
    game.pause()
    c = other.live.clock()
    assert (c.state, c.remaining) == ("held", pytest.approx(40))
    clock.advance(500)
    assert other.live.clock().remaining == pytest.approx(40)
    assert other.resolve_if_time_is_up() is None and game.turn == 0
    game.resume()
    c = other.live.clock()
    assert (c.state, c.remaining) == ("running", pytest.approx(40))
    clock.advance(41)
    assert other.resolve_if_time_is_up() is not None
    pauses = [e for e in audit(game) if e.action in ("pause", "resume")]
    assert [e.action for e in pauses] == ["pause", "resume"]
    assert all(e.visible_to("atlantia") for e in pauses)  # every seat may see it is paused


def test_a_clock_set_while_the_game_is_paused_runs_when_the_game_resumes(game, clock):
    game.pause()
    assert game.live.set_clock(60).state == "held"  # it starts with the game
    clock.advance(100)
    assert game.live.clock().remaining == pytest.approx(60)
    game.resume()
    assert game.live.clock().state == "running"
    clock.advance(10)
    assert game.live.clock().remaining == pytest.approx(50)


def test_resuming_the_clock_while_the_game_is_paused_lets_it_run_with_the_game(game, clock):
    game.live.set_clock(60, at_zero="pass")
    clock.advance(20)
    game.pause()
    assert game.live.clock().state == "held"
    c = game.live.resume_clock()  # the white cell's menu offers it: the clock is not running
    assert (c.state, c.remaining) == ("held", pytest.approx(40))
    clock.advance(100)  # a long pause: the round must not run out meanwhile
    assert game.live.clock().remaining == pytest.approx(40)
    game.resume()
    assert game.resolve_if_time_is_up() is None and game.turn == 0
    c = game.live.clock()
    assert (c.state, c.remaining) == ("running", pytest.approx(40))


def test_at_zero_warn_never_resolves(game, other, clock):
    game.live.set_clock(60, at_zero="warn")
    clock.advance(61)
    assert game.live.clock().expired
    assert game.resolve_if_time_is_up() is None and other.resolve_if_time_is_up() is None
    clock.advance(3600)
    assert game.resolve_if_time_is_up() is None
    assert game.turn == 0 and not [e for e in audit(game) if e.action == "forced turn"]


def test_the_clock_resolves_only_once_it_has_run_out(game, clock):
    game.live.set_clock(60, at_zero="pass")
    clock.advance(59)
    assert game.resolve_if_time_is_up() is None
    game.live.pause_clock()
    clock.advance(100)
    assert game.resolve_if_time_is_up() is None  # paused with time left
    game.live.resume_clock()
    clock.advance(2)
    assert game.resolve_if_time_is_up() is not None and game.turn == 1


@pytest.mark.parametrize("choice", ["pass", "strategy"])
def test_at_zero_the_turn_resolves_once_with_the_missing_seats_as_chosen(game, other, clock, choice):
    before = game.state()
    borealis = [order("propose info-security in assembly", "borealis")]
    other.submit("borealis", borealis, for_turn=1)
    game.live.set_clock(60, at_zero=choice)
    clock.advance(60.5)
    result = game.resolve_if_time_is_up(for_turn=1)
    assert result is not None and result.state.turn == 1
    assert other.resolve_if_time_is_up(for_turn=1) is None  # the other terminal was too late
    assert other.resolve_if_time_is_up() is None  # the new round has its full time
    assert game.turn == 1 and game.live.clock().remaining == pytest.approx(60)
    orders, sources = game.orders(1), game.order_sources(1)
    assert orders["borealis"] == borealis and sources["borealis"] == "human"
    if choice == "pass":
        assert orders.get("atlantia", []) == [] and sources["atlantia"] == "passed (forced)"
    else:
        expected = strategy_orders(before, "atlantia", game.seed)
        assert expected, "the test needs a strategy that orders something"
        assert orders["atlantia"] == expected
        assert sources["atlantia"] == f"{game.scenario.delegation('atlantia').strategy} (stood in)"
    [forced] = [e for e in audit(game) if e.action == "forced turn"]
    assert "atlantia" in forced.detail and "round clock" in forced.detail
    assert game.verify().ok


def test_a_forced_turns_audit_reaches_no_seat(game, other):
    game.submit("borealis", [], for_turn=1)
    game.resolve(force=True, missing="strategy")
    events = other.events()
    [forced] = [e for e in events if isinstance(e, FacilitatorAction) and e.action == "forced turn"]
    assert "atlantia" in forced.detail
    state = other.state()
    for seat in (*HUMANS, "cordova"):
        seen = view_for(state, seat, events).events
        assert forced not in seen and not [e for e in seen if isinstance(e, FacilitatorAction)], seat
        assert seen, "the seat still sees the turn's public events"
    assert forced in view_for(state, None, events).events


def test_no_white_cell_action_but_pause_and_resume_reaches_a_seat(game, other, clock):
    game.live.issue_codes()
    game.set_controller("cordova", "human")
    game.facilitator_order(SalienceShift("security", 0.1))
    game.log_facilitator("note", "atlantia looks tired")
    game.live.set_clock(60, at_zero="strategy")
    game.live.extend_clock(30)
    game.live.open_seats(["atlantia"], "terminal-a", place="laptop-3")
    other.live.open_seats(["atlantia"], "terminal-b", takeover=True, place="laptop-7")
    game.pause()
    game.resume()
    clock.advance(91)
    assert game.resolve_if_time_is_up() is not None
    game.resolve(force=True, missing="pass")
    events = other.events()
    actions = {e.action for e in events if isinstance(e, FacilitatorAction)}
    assert {
        "codes",
        "control",
        "queued",
        "note",
        "clock",
        "clock extended",
        "taken over",
        "pause",
        "resume",
        "forced turn",
    } <= actions
    state = other.state()
    for seat in state.seats:
        seen = {e.action for e in view_for(state, seat, events).events if isinstance(e, FacilitatorAction)}
        assert seen == {"pause", "resume"}, seat


def test_changes_moves_when_another_terminal_commits_and_only_then(game, other):
    before = game.changes()
    assert game.changes() == before  # nothing committed: a poll costs one pragma and says so
    game.state(), game.live.draft("atlantia"), game.live.clock()  # reads commit nothing
    assert game.changes() == before
    other.live.save_draft("atlantia", [Pass()], for_turn=1, version=0)
    after_draft = game.changes()
    assert after_draft != before
    other.resolve(force=True)
    assert game.changes() != after_draft and game.turn == 1
