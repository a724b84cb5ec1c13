"""Talk reaches exactly its audience on every reader: a seat never sees another pair's secret
deal or a coalition message it was not in, through `talk --as`, `replay --as` (text and JSON),
`export --as`, `debrief --as` (text, JSON, Markdown) and `report --as`, each run as its own process. The
parties see it through the same readers (the control), and the white cell sees everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exercise.core.orders import parse_order
from exercise.store import Game

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"
pytestmark = pytest.mark.slow  # some twenty processes

# What only atlantia and borealis may ever read (the deal, the coalition and its message).
SECRETS = ("inner-circle", "zanzibar", "assist borealis", "offer 1.1", "deal 1.1", "accept 1.1")
PUBLIC_WORDS = "hospitals must be spared"  # said on the assembly's floor: cordova is a member


def _exercise(*args: object, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-m", "exercise", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )
    if check:
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    return done


@pytest.fixture(scope="module")
def save(tmp_path_factory) -> Path:
    """Turn 1 resolved with a secret deal (kept by one side, broken by the other), a coalition
    and its message; turn 2 in play with another secret message. Played through the store (the
    commands that say things are tested in test_cli_talk.py): the readers are what is tested."""
    path = tmp_path_factory.mktemp("talk") / "class.db"
    lines = [
        ("atlantia", "form inner-circle with borealis"),
        ("borealis", "join inner-circle"),
        ("atlantia", "say to coalition inner-circle: the zanzibar plan stays between us"),
        (
            "atlantia",
            "offer borealis: assist borealis on protect-hospitals with 2 if propose protect-hospitals in assembly",
        ),
        ("borealis", "accept 1.1"),
        ("atlantia", f"say in assembly support protect-hospitals: {PUBLIC_WORDS}"),
    ]
    with Game.create(path, TUTORIAL, humans=["atlantia", "borealis", "cordova"]) as game:
        for seat, line in lines:
            game.talk.post(seat, line)
        game.submit("atlantia", [parse_order("assist borealis on protect-hospitals with 2", "atlantia")])  # kept
        game.submit("borealis", [])  # broken
        game.submit("cordova", [])
        assert game.resolve() is not None
        game.talk.post("borealis", "say to atlantia: zanzibar again next turn")
    return path


READERS = {
    "talk": ("talk", "{save}", "--as", "{seat}"),
    "replay": ("replay", "{save}", "--turn", "1", "--as", "{seat}"),
    "replay --json": ("replay", "{save}", "--turn", "1", "--as", "{seat}", "--json"),
    "export": ("export", "{save}", "--as", "{seat}"),
    "debrief": ("debrief", "{save}", "--as", "{seat}"),
    "debrief --json": ("debrief", "{save}", "--as", "{seat}", "--json"),
    "debrief --markdown": ("debrief", "{save}", "--as", "{seat}", "--markdown"),
    "report": ("report", "{save}", "--as", "{seat}", "--format", "md", "--out", "-"),
}


def _readers(save: Path, seat: str, names=tuple(READERS)) -> dict[str, str]:
    return {name: _exercise(*(a.format(save=save, seat=seat) for a in READERS[name])).stdout for name in names}


def test_a_seat_outside_the_deal_and_the_coalition_never_reads_them(save):
    readers = _readers(save, "cordova")
    for reader, text in readers.items():
        leaked = [s for s in SECRETS if s in text]
        assert not leaked, f"{reader} shows cordova {leaked}"
    heard = [json.loads(line) for line in readers["export"].splitlines()]
    talk = [line for line in heard if line["type"] == "talk"]
    assert [t["seat"] for t in talk] == ["atlantia"] and PUBLIC_WORDS in talk[0]["text"]
    assert not [line for line in heard if line["type"] == "state"]  # states hold everyone's deals
    assert not [line for line in heard if line["type"] == "order" and line["seat"] != "cordova"]
    assert PUBLIC_WORDS in readers["replay"]  # the floor statement is cordova's to hear


def test_the_parties_read_their_deal_and_coalition_through_the_same_readers(save):
    readers = _readers(
        save, "borealis", ("talk", "replay", "replay --json", "export", "debrief", "debrief --markdown", "report")
    )
    assert "zanzibar" in readers["talk"]  # this turn's secret message
    for reader in ("replay", "replay --json", "export"):
        for secret in ("inner-circle", "zanzibar", "offer 1.1"):
            assert secret in readers[reader], f"{reader} hides {secret!r} from borealis"
    assert "deal 1.1" in readers["debrief"] and "broken" in readers["debrief"]
    # what breaking it cost borealis, where the breach is seen (and cordova never reads "deal 1.1")
    assert (
        "borealis broke deal 1.1: did not propose protect-hospitals in assembly; its partner's trust"
        in (readers["replay"])
    )
    assert "| 1.1 | 1 | `borealis` |" in readers["debrief --markdown"]
    assert "| 1.1 | 1 | borealis | propose protect-hospitals in assembly | broken: did not" in readers["report"]


def test_the_white_cell_reads_everything(save):
    white = _exercise("export", save).stdout
    for secret in ("inner-circle", "zanzibar", "offer 1.1"):
        assert secret in white
    debrief = _exercise("debrief", save).stdout
    assert "atlantia: 1 pledge(s); deals kept 1, broken 0" in debrief
    assert "borealis: 0 pledge(s); deals kept 0, broken 1" in debrief
    assert "support protect-hospitals: kept" in debrief  # atlantia assisted on it


def test_the_debrief_as_json_holds_only_the_seats_own_side(save):
    negotiation = json.loads(_readers(save, "borealis", ("debrief --json",))["debrief --json"])["negotiation"]
    assert [(n["seat"], [d["outcome"] for d in n["deals"]]) for n in negotiation] == [("borealis", ["broken"])]


def test_each_reader_refuses_a_seat_that_does_not_exist_in_one_line(save):
    for args in (("talk", save, "--as", "nowhere"), ("export", save, "--as", "nowhere")):
        done = _exercise(*args, check=False)
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "nowhere" in done.stderr
