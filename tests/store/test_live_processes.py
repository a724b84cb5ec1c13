"""The live session with real processes on one real save: each child process is a terminal.

A stale terminal refused, a seat opened twice and taken over, a crashed terminal's lease
lapsing, a draft outliving a SIGKILL, the round clock at zero raced by two terminals, and a
terminal killed while it submits. Children wait on files in `sync/` (as in test_processes.py);
a shortened lease is set in the child itself (`live.LEASE_SECONDS`), never by sleeping 15 s.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from exercise.core.events import FacilitatorAction
from exercise.core.orders import parse_order
from exercise.scenario.generate import generate_scenario
from exercise.store import Game
from exercise.store.schema import DraftRow, EventPackRow, LeaseRow, OrderPackRow, PendingRow, SnapshotRow, TurnRow

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"
HUMANS = ("atlantia", "borealis")
SHORT_LEASE = 2.0

# Every child script starts with this: the save, a name, the sync folder, and wait()/ready().
PRELUDE = """
import sys, time, pathlib
import exercise.store.live as live
from exercise.core.orders import parse_order, Pass
from exercise.store import Game
from exercise.errors import AlreadyResolved
from exercise.errors import GameOver, SeatTaken, StaleOrders
save, me, sync = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
args = sys.argv[4:]
def ready(what="ready"):
    (sync / f"{what}-{me}").touch()
def wait(what, timeout=60):
    deadline = time.monotonic() + timeout
    while not (sync / what).exists():
        if time.monotonic() > deadline:
            sys.exit(f"{me}: never got {what}")
        time.sleep(0.005)
def say(*words):
    print(*words, flush=True)
"""

# A team's terminal that shows turn N, then sits on the desk until told to submit for it.
IDLE = (
    PRELUDE
    + """
with Game.open(save) as game:
    shown = game.turn
    draft = game.live.draft("atlantia")
    ready()
    wait("go")
    picked = [parse_order("propose protect-hospitals in coalition", "atlantia")]
    for attempt in ("submit", "draft"):
        try:
            if attempt == "submit":
                game.submit("atlantia", picked, for_turn=shown + 1, version=draft.version)
            else:
                game.live.save_draft("atlantia", picked, for_turn=shown + 1, version=draft.version)
            say(attempt, "accepted")
        except AlreadyResolved as e:
            say(attempt, "refused", e)
"""
)

# A terminal holding a seat: opens it, heartbeats until it loses it or is told to stop.
HOLDER = (
    PRELUDE
    + """
live.LEASE_SECONDS = float(args[1])
seat = args[0]
with Game.open(save) as game:
    try:
        game.live.open_seats([seat], me, place=f"desk-{me}")
    except SeatTaken as e:
        say("taken", e.place, e.opened_at, time.time())
        ready()
        if "--takeover" in args:
            game.live.open_seats([seat], me, takeover=True, place=f"desk-{me}")
            say("took over")
        elif "--retry" in args:  # as a person would, until the seat is free
            deadline = time.monotonic() + 30
            while True:
                time.sleep(0.1)
                try:
                    game.live.open_seats([seat], me, place=f"desk-{me}")
                    break
                except SeatTaken:
                    if time.monotonic() > deadline:
                        sys.exit("the seat never came free")
        else:
            sys.exit(0)
    say("opened", time.time())
    ready("opened")
    if "--once" in args:  # and then gone without closing it, like a crash
        sys.exit(0)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (sync / f"stop-{me}").exists():
        lost = game.live.heartbeat([seat], me)
        if lost:
            say("lost", *lost)
            break
        time.sleep(0.1)
    else:
        say("stopped")
"""
)

# A terminal that picks orders, saves its draft, then sits (to be SIGKILLed); or reads it back.
DRAFTER = (
    PRELUDE
    + """
with Game.open(save) as game:
    if args[0] == "write":
        draft = game.live.draft("atlantia")
        version = game.live.save_draft("atlantia", [parse_order("propose protect-hospitals in coalition",
                                        "atlantia")], for_turn=draft.turn, version=draft.version)
        say("saved", version)
        ready()
        time.sleep(60)
    else:
        draft = game.live.draft("atlantia")
        say("draft", draft.turn, draft.version, draft.submitted, "|".join(map(str, draft.orders)))
        game.submit("atlantia", list(draft.orders), for_turn=draft.turn, version=draft.version)
        say("submitted")
"""
)

# Every terminal calls resolve_if_time_is_up a few times a second; at most one may resolve.
# `save` is several saves here (comma-separated): one terminal watches one game of each kind.
CLOCK_WATCHER = (
    PRELUDE
    + """
games = [Game.open(path) for path in save.split(",")]
shown = [game.turn for game in games]
ready()
wait("go")
until = [float(t) for t in (sync / "until").read_text().split()]  # one deadline per save
outcome = ["none"] * len(games)
while any(o == "none" and time.time() < u for o, u in zip(outcome, until)):
    for i, game in enumerate(games):
        if outcome[i] != "none" or time.time() >= until[i]:
            continue
        if game.resolve_if_time_is_up(for_turn=shown[i] + 1) is not None:
            outcome[i] = "resolved"
        elif game.turn > shown[i]:
            outcome[i] = "seen"
    time.sleep(0.01)
for game, result in zip(games, outcome):
    say(pathlib.Path(game.path).stem, result)
    game.close()
"""
)

# A terminal playing on and on: both human seats submit their strategy's orders, then resolve.
PLAYER = (
    PRELUDE
    + """
from exercise.strategies import strategy_orders
humans = args
with Game.open(save) as game:
    while True:
        try:
            shown = game.turn
            state = game.state()
            for seat in humans:
                game.submit(seat, strategy_orders(state, seat, game.seed), for_turn=shown + 1)
            game.resolve(for_turn=shown + 1)
        except GameOver:
            break
"""
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


class Terminals:
    """Child processes running the scripts above, all killed at the end of the test."""

    def __init__(self, tmp: Path):
        self.tmp, self.sync, self.children = tmp, tmp / "sync", []
        self.sync.mkdir()

    def start(self, script: str, save: Path, name: str, *args: object) -> subprocess.Popen:
        path = self.tmp / f"{name}.py"
        path.write_text(script, encoding="utf-8")
        child = subprocess.Popen(
            [sys.executable, str(path), str(save), name, str(self.sync), *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        self.children.append(child)
        return child

    def signal(self, what: str) -> None:
        (self.sync / what).touch()

    def wait_for(self, *names: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        paths = [self.sync / name for name in names]
        while not all(p.exists() for p in paths):
            failed = [c for c in self.children if c.poll() is not None and c.returncode > 0]
            assert not failed, failed[0].stderr.read()
            assert time.monotonic() < deadline, f"the terminals never got there: {names}"
            time.sleep(0.005)

    def lines(self, child: subprocess.Popen, timeout: float = 60.0) -> list[str]:
        out, err = child.communicate(timeout=timeout)
        assert child.returncode == 0, err
        return out.splitlines()

    def kill_all(self) -> None:
        for child in self.children:
            if child.poll() is None:
                child.kill()
            child.communicate()


@pytest.fixture
def terminals(tmp_path):
    t = Terminals(tmp_path)
    yield t
    t.kill_all()


def _save(tmp_path: Path, name: str = "class.db", turns: int = 0) -> Path:
    path = tmp_path / name
    with Game.create(path, TUTORIAL, humans=HUMANS) as game:
        for _ in range(turns):
            game.resolve(force=True)
    return path


def _rows(game: Game, *columns) -> list[tuple]:
    with game.session() as s:
        return [tuple(r) for r in s.execute(select(*columns))]


def test_a_terminal_left_on_turn_n_cannot_order_once_another_forced_it(tmp_path, terminals):
    save = _save(tmp_path, turns=2)  # the desk shows turn 2 and would order for turn 3
    idle = terminals.start(IDLE, save, "desk")
    terminals.wait_for("ready-desk")
    with Game.open(save) as white:  # this process is the white cell's terminal: it forces turn 3
        assert white.resolve(force=True, missing="strategy").state.turn == 3
    terminals.signal("go")  # the team comes back to its desk and submits what it picked
    lines = terminals.lines(idle)
    assert [line.split()[:2] for line in lines] == [["submit", "refused"], ["draft", "refused"]], lines
    assert "turn 3 was already resolved" in lines[0]
    with Game.open(save, read_only=True) as game:
        assert game.turn == 3 and game.verify().ok
        assert game.order_sources(3)["atlantia"].endswith("(stood in)")  # its strategy, not the desk
        assert _rows(game, PendingRow.turn, PendingRow.seat) == []  # nothing for turn 4
        assert _rows(game, DraftRow.seat) == []
        assert game.waiting_for() == list(HUMANS)


def test_a_seat_opened_in_two_processes_is_refused_then_taken_over(tmp_path, terminals):
    save = _save(tmp_path)
    first = terminals.start(HOLDER, save, "a", "atlantia", 15)
    terminals.wait_for("opened-a")
    # the second terminal is told where and since when the seat is open, then takes it over
    second = terminals.start(HOLDER, save, "b", "atlantia", 15, "--takeover")
    terminals.wait_for("opened-b")
    lines = terminals.lines(first, timeout=30)
    assert lines[0].startswith("opened") and lines[1:] == ["lost atlantia"]  # learnt at its heartbeat
    terminals.signal("stop-b")
    lines = terminals.lines(second)
    assert lines[0].startswith("taken desk-a") and lines[1] == "took over" and lines[2].startswith("opened")
    assert lines[3:] == ["stopped"]
    with Game.open(save, read_only=True) as game:
        assert _leases(game) == [("atlantia", "b", "desk-b")]
        [taken] = [e for e in game.events() if isinstance(e, FacilitatorAction) and e.action == "taken over"]
        assert taken.detail == "atlantia: from desk-a to desk-b" and not taken.visible_to("atlantia")


def _leases(game: Game) -> list[tuple]:
    return sorted(_rows(game, LeaseRow.seat, LeaseRow.holder, LeaseRow.place))


def test_a_killed_terminals_lease_lapses_and_the_seat_opens_without_a_takeover(tmp_path, terminals):
    save = _save(tmp_path)
    crashed = terminals.start(HOLDER, save, "a", "atlantia", SHORT_LEASE)
    terminals.wait_for("opened-a")
    crashed.send_signal(signal.SIGKILL)
    crashed.wait(timeout=30)
    killed_at = time.time()  # its last heartbeat was at most 0.1 s before
    lines = terminals.lines(terminals.start(HOLDER, save, "b", "atlantia", SHORT_LEASE, "--retry", "--once"))
    opened = float(lines[-1].split()[1])
    assert opened >= killed_at + SHORT_LEASE - 0.2, "the dead terminal's lease went before its time"
    first_try = float(lines[0].split()[-1])
    if first_try < killed_at + SHORT_LEASE - 0.2:  # normally: started within the lease, refused
        assert lines[0].startswith("taken desk-a"), lines
    with Game.open(save, read_only=True) as game:
        assert [lease[1:] for lease in _leases(game)] == [("b", "desk-b")]
        assert not [e for e in game.events() if isinstance(e, FacilitatorAction) and e.action == "taken over"]


def test_a_draft_outlives_the_terminal_that_was_killed_holding_it(tmp_path, terminals):
    save = _save(tmp_path, turns=1)
    writer = terminals.start(DRAFTER, save, "a", "write")
    terminals.wait_for("ready-a")
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    reader = terminals.start(DRAFTER, save, "b", "read")
    lines = terminals.lines(reader)
    assert lines == ["draft 2 1 False propose protect-hospitals in coalition", "submitted"], lines
    with Game.open(save, read_only=True) as game:
        assert game.submitted() == {"atlantia": [parse_order("propose protect-hospitals in coalition", "atlantia")]}
        assert game.verify().ok


def test_the_clock_at_zero_raced_by_two_terminals_under_each_choice(tmp_path, terminals):
    choices = ("warn", "pass", "strategy")
    saves = {choice: _save(tmp_path, f"{choice}.db") for choice in choices}
    with Game.open(saves["pass"]) as game:
        game.submit("borealis", [], for_turn=1)  # borealis passed; atlantia will be missing
    with Game.open(saves["strategy"]) as game:
        game.submit("borealis", [], for_turn=1)
    together = ",".join(str(saves[choice]) for choice in choices)
    racers = [terminals.start(CLOCK_WATCHER, together, name) for name in ("t1", "t2")]
    terminals.wait_for("ready-t1", "ready-t2")
    for choice in choices:  # a one-second round from now
        with Game.open(saves[choice]) as game:
            game.live.set_clock(1.0, at_zero=choice)
    # the terminals watch "warn" until 1 s past zero; the others until one of them resolves
    now = time.time()
    (terminals.sync / "until").write_text(" ".join(str(now + (2.0 if c == "warn" else 30.0)) for c in choices))
    terminals.signal("go")
    outcomes: dict[str, list[str]] = {}
    for racer in racers:
        for line in terminals.lines(racer):
            name, result = line.split()
            outcomes.setdefault(name, []).append(result)
    for choice in choices:
        mine = sorted(outcomes[choice])
        with Game.open(saves[choice], read_only=True) as game:
            forced = [e for e in game.events() if isinstance(e, FacilitatorAction) and e.action == "forced turn"]
            if choice == "warn":
                assert mine == ["none", "none"], outcomes
                assert game.turn == 0 and game.live.clock().expired and not forced
                continue
            assert mine in (["resolved", "seen"], ["none", "resolved"]), outcomes  # exactly one resolved
            assert game.turn == 1 and len(forced) == 1 and "round clock" in forced[0].detail
            assert _rows(game, TurnRow.turn) == [(0,), (1,)]
            source = game.order_sources(1)["atlantia"]
            assert (source == "passed (forced)") if choice == "pass" else source.endswith("(stood in)")
            assert game.order_sources(1)["borealis"] == "human"
            assert game.verify().ok


def test_a_terminal_killed_while_it_submits_leaves_each_turn_whole_or_absent(tmp_path, terminals):
    scenario = tmp_path / "long.toml"
    scenario.write_text(generate_scenario(12, 2, 6, seed=3, turns=400), encoding="utf-8")
    save = tmp_path / "long.db"
    with Game.create(save, scenario) as game:
        humans = sorted(game.controllers())[:3]
    with Game.open(save) as game:
        for seat in humans:
            game.set_controller(seat, "human")
        seats = sorted(game.controllers())
    rng = random.Random(11)
    kills = 0
    with Game.open(save, read_only=True) as watcher:
        while kills < 3:
            start = watcher.turn
            child = terminals.start(PLAYER, save, f"player{kills}", *humans)
            deadline = time.monotonic() + 60
            while watcher.turn < start + 2 and child.poll() is None:  # kill while it plays
                assert time.monotonic() < deadline
                time.sleep(0.01)
            assert child.poll() is None, "the game ended before the kill"
            time.sleep(rng.uniform(0.0, 0.3))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            kills += 1
            with Game.open(save) as game:  # recovers the WAL
                assert game.verify().ok, f"after kill {kills}"
                latest = game.turn
                assert _rows(game, TurnRow.turn) == [(t,) for t in range(latest + 1)]
                assert _rows(game, SnapshotRow.turn) == [(t,) for t in range(latest + 1)]
                # every resolved turn has every seat's orders; the next one has none recorded
                packed = sorted(t for (t,) in _rows(game, OrderPackRow.turn))
                assert packed == list(range(1, latest + 1))
                assert all(sorted(game.orders(t)) == seats for t in packed)
                assert not [t for (t,) in _rows(game, EventPackRow.turn) if t > latest]
                assert {t for t, _ in _rows(game, PendingRow.turn, PendingRow.seat)} <= {latest + 1}
                assert set(game.submitted()) <= set(humans)
