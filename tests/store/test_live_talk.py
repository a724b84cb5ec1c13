"""Talk in a live session, with real processes on one save (each child is a terminal): a human
offers a scripted seat and reads its answer at once; two humans negotiate across two processes
(offer in one, accept in the other), the white cell resolves and the deal is kept by one side
and broken by the other, with trust visible to the right seats only; a terminal SIGKILLed while
it posts leaves the save whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from exercise.core.events import DealSettled
from exercise.engine import view_for
from exercise.store import Game
from exercise.store.schema import TalkRow

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"

PRELUDE = """
import sys, time, pathlib
from exercise.core.orders import parse_order
from exercise.store import Game
save, me, sync = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
def ready(what):
    (sync / what).touch()
def wait(what, timeout=60):
    deadline = time.monotonic() + timeout
    while not (sync / what).exists():
        if time.monotonic() > deadline:
            sys.exit(f"{me}: never got {what}")
        time.sleep(0.005)
def say(*words):
    print(*words, flush=True)
"""

# atlantia's terminal: offers cordova (scripted) a deal and reads the answer, with no wait.
SCRIPTED_ANSWER = (
    PRELUDE
    + """
with Game.open(save) as game:
    entry = game.talk.post("atlantia", "offer cordova: propose free-flow in assembly if endorse free-flow in assembly")
    answers = [e for e in game.talk.heard("atlantia") if e.index > entry.index]
    say(entry.offer)
    for e in answers:
        say(f"{e.seat}|{e.talk.text()}")
"""
)

# atlantia's terminal: offers borealis a deal, waits until the other terminal accepted it, then
# submits its side of it.
OFFERER = (
    PRELUDE
    + """
with Game.open(save) as game:
    entry = game.talk.post("atlantia", "offer borealis: propose protect-hospitals in assembly if endorse protect-hospitals in assembly")
    ready("offered")
    wait("accepted")
    deals = game.talk.window("atlantia").due_now()
    say("deals", *[d.id for d in deals])
    game.submit("atlantia", [parse_order("propose protect-hospitals in assembly", "atlantia")])
"""
)

# borealis's terminal: polls the talk until the offer reaches it, accepts it, then passes
# (breaking its side: endorsing needs the proposal on the agenda before the turn).
ACCEPTER = (
    PRELUDE
    + """
with Game.open(save) as game:
    seen = game.talk.version()
    deadline = time.monotonic() + 60
    while not game.talk.window("borealis").open_offers():
        if time.monotonic() > deadline:
            sys.exit("borealis: the offer never came")
        while game.talk.version() == seen:
            time.sleep(0.01)
        seen = game.talk.version()
    offer = game.talk.window("borealis").open_offers()[0]
    game.talk.post("borealis", f"accept {offer.id}")
    say("accepted", offer.id)
    ready("accepted")
    game.submit("borealis", [])
"""
)

# A terminal that posts line after line until it is killed.
CHATTER = (
    PRELUDE
    + """
with Game.open(save) as game:
    n = 0
    while True:
        game.talk.post("atlantia", f"say to borealis: line {n} " + "x" * 200)
        n += 1
"""
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


class Terminals:
    def __init__(self, tmp: Path):
        self.tmp, self.sync, self.children = tmp, tmp / "sync", []
        self.sync.mkdir()

    def start(self, script: str, save: Path, name: str) -> subprocess.Popen:
        path = self.tmp / f"{name}.py"
        path.write_text(script, encoding="utf-8")
        child = subprocess.Popen(
            [sys.executable, str(path), str(save), name, str(self.sync)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        self.children.append(child)
        return child

    def lines(self, child: subprocess.Popen, timeout: float = 90.0) -> list[str]:
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


def _save(tmp_path: Path, humans=("atlantia", "borealis")) -> Path:
    path = tmp_path / "class.db"
    Game.create(path, TUTORIAL, humans=humans).close()
    return path


def test_a_human_offers_a_scripted_seat_and_reads_its_answer_at_once(tmp_path, terminals):
    save = _save(tmp_path)
    offer, *answers = terminals.lines(terminals.start(SCRIPTED_ANSWER, save, "desk"))
    assert offer == "1.1" and answers[0].split("|")[0] == "cordova"
    assert answers[0].split("|")[1].split()[:2] in (["accept", "1.1"], ["reject", "1.1"], ["counter", "1.1"])
    with Game.open(save, read_only=True) as game:  # what the terminal read at once is what is stored
        stored = [f"{seat}|{talk.text()}" for seat, talk in game.talk.lines(1)]
        assert stored[1:] == answers


def test_two_humans_negotiate_across_two_processes_and_the_deal_binds_the_turn(tmp_path, terminals):
    save = _save(tmp_path)
    accepter = terminals.start(ACCEPTER, save, "borealis")
    offerer = terminals.start(OFFERER, save, "atlantia")
    assert terminals.lines(accepter) == ["accepted 1.1"]
    assert terminals.lines(offerer) == ["deals 1.1"]  # the acceptance reached the other terminal
    with Game.open(save) as white:  # the white cell's terminal resolves once both submitted
        result = white.resolve()
        assert result is not None
        settled = {e.seat: e for e in result.events if isinstance(e, DealSettled)}
        assert (settled["atlantia"].outcome, settled["borealis"].outcome) == ("kept", "broken")
        state = white.state()
        assert white.verify().ok
    # Trust: atlantia's own view shows what it now thinks of borealis; nobody else's does.
    assert view_for(state, "atlantia").talk.trust_in("borealis") < 1.0
    assert view_for(state, "cordova").talk.trust_in("borealis") == 1.0
    assert view_for(state, "borealis").talk.trust_in("atlantia") == 1.0  # atlantia kept its word
    assert view_for(state, "cordova").talk.reputation("borealis") == 1.0  # a secret deal: no public cost
    assert not [e for e in result.events if isinstance(e, DealSettled) and e.visible_to("cordova")]


def test_a_terminal_killed_while_it_posts_leaves_the_talk_whole(tmp_path, terminals):
    save = _save(tmp_path)
    with Game.open(save, read_only=True) as watcher:
        for round_ in range(3):
            chatter = terminals.start(CHATTER, save, f"chatter{round_}")
            start = watcher.talk.version()
            deadline = time.monotonic() + 60
            while watcher.talk.version() < start + 5 + round_ * 3:
                assert chatter.poll() is None, chatter.stderr.read() if chatter.stderr else ""
                assert time.monotonic() < deadline
                time.sleep(0.002)
            chatter.send_signal(signal.SIGKILL)
            chatter.communicate()
    with Game.open(save) as game:
        with game.session() as s:
            indexes = [i for (i,) in s.execute(select(TalkRow.index).where(TalkRow.turn == 1))]
        assert sorted(indexes) == list(range(len(indexes))) and len(indexes) >= 5
        words = [talk.words for _, talk in game.talk.lines(1)]
        assert all(w.endswith(" " + "x" * 200) for w in words)  # every line stored whole, or not at all
        game.talk.post("borealis", "say to atlantia: you were cut off")  # the board still builds
        assert game.resolve(force=True) is not None
        assert game.verify().ok
