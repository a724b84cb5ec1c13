"""`exercise talk`: say a line during the turn (answered at once by a scripted seat), list what
a seat heard, its offers and deals; a bad line is one line and exit 2 with nothing stored; codes
as for orders. `exercise orders` refuses orders that break a deal due now unless --force.
The commands run in this process (the `cli` fixture); test_talk_privacy.py spawns them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercise.store import Game

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"^\s+(the white cell|[a-z-]+)\s+([a-z]+-[a-z]+-\d\d)\b", re.M)
DEAL = "offer borealis: propose protect-hospitals in assembly if endorse protect-hospitals in assembly"


@pytest.fixture
def save(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = tmp_path / "g.db"
    assert cli("new", "tutorial", "--human", "atlantia,borealis", "--save", path, "--no-codes")[0] == 0
    return path


def test_a_line_is_stored_and_a_scripted_seat_answers_at_once(save, cli):
    code, out, err = cli(
        "talk",
        save,
        "--as",
        "atlantia",
        "offer cordova: propose free-flow in assembly if endorse free-flow in assembly",
    )
    assert code == 0, err
    first, answer = out.splitlines()
    assert first.startswith("atlantia, turn 1: atlantia: offer cordova: ") and "(offer 1.1)" in first
    assert first.endswith("[heard by atlantia, cordova]")
    assert re.match(r"^  cordova: (accept|reject|counter) 1\.1", answer)
    with Game.open(save, read_only=True) as game:
        assert [seat for seat, _ in game.talk.lines(1)] == ["atlantia", "cordova"]


def test_a_bad_line_is_one_line_exit_2_and_nothing_is_stored(save, cli):
    before = save.read_bytes()
    for line, message in (
        ("say to nowhere: hi", "atlantia: say to nowhere: hi: there is no seat 'nowhere'"),
        ("accept 1.4", "atlantia: accept 1.4: no offer 1.4 was made this turn"),
        ("say to coalition club: hi", "atlantia: say to coalition club: hi: there is no coalition 'club'"),
    ):
        code, out, err = cli("talk", save, "--as", "atlantia", line)
        assert (code, out, err.splitlines()) == (2, "", [message])
    assert save.read_bytes() == before
    code, _, err = cli("talk", save, "--as", "cordova", "say to atlantia: hi")
    assert (
        code == 2
        and err.strip() == "cordova: is played by the strategy 'broker'; the white cell can hand it to a human"
    )


def test_the_listing_shows_what_the_seat_heard_its_offers_and_its_deals(save, cli):
    assert cli("talk", save, "--as", "atlantia", DEAL)[0] == 0
    assert cli("talk", save, "--as", "atlantia", "say to cordova: between us")[0] == 0
    code, out, _ = cli("talk", save, "--as", "borealis")
    assert code == 0
    assert "   1. atlantia: " + DEAL in out and "between us" not in out
    assert "  1.1 from atlantia: propose protect-hospitals in assembly if endorse protect-hospitals in assembly" in out
    assert cli("talk", save, "--as", "borealis", "accept 1.1")[0] == 0
    out = cli("talk", save, "--as", "borealis")[1]
    offers = out.split("offers waiting for your answer")[1].split("deals")[0]
    assert [line.strip() for line in offers.strip().splitlines()[1:]] == ["none"]
    assert (
        "  1.1, by turn 1 (due this turn): atlantia owes propose protect-hospitals in assembly; "
        "borealis owes endorse protect-hospitals in assembly"
    ) in out
    code, out, _ = cli("talk", save, "--as", "white", "say in assembly: the chair asks for brevity")
    assert code == 0 and out.startswith("the white cell, turn 1: ")


def test_orders_that_break_a_deal_due_now_are_refused_unless_forced(save, cli):
    cli("talk", save, "--as", "atlantia", DEAL)
    cli("talk", save, "--as", "borealis", "accept 1.1")
    listing = cli("orders", save, "borealis")[1]
    assert "deal 1.1 due this turn: you promised endorse protect-hospitals in assembly" in listing
    code, out, err = cli("orders", save, "borealis", "--pass")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "borealis: these orders break deal 1.1 with atlantia (due turn 1): it still owes "
        "endorse protect-hospitals in assembly (--force submits them anyway)"
    ]
    with Game.open(save, read_only=True) as game:
        assert game.submitted() == {}
    assert cli("orders", save, "borealis", "--pass", "--force")[0] == 0
    assert cli("orders", save, "atlantia", "propose protect-hospitals in assembly")[0] == 0  # keeps its side
    with Game.open(save, read_only=True) as game:
        assert sorted(game.submitted()) == ["atlantia", "borealis"]


def test_talk_needs_the_seats_code_where_the_save_has_codes(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("EXERCISE_CODE", raising=False)
    save = tmp_path / "coded.db"
    code, out, _ = cli("new", "tutorial", "--human", "atlantia,borealis", "--save", save)
    codes = {("white" if w == "the white cell" else w): c for w, c in CODE.findall(out)}
    before = save.read_bytes()
    code, _, err = cli("talk", save, "--as", "atlantia", "say to borealis: hi")
    assert code == 2 and err.strip().startswith(f"{save}: atlantia's code is needed")
    code, _, err = cli("talk", save, "--as", "atlantia", "say to borealis: hi", "--code", codes["borealis"])
    assert code == 2 and err.strip() == f"{save}: that is not atlantia's code (nothing was changed)"
    assert save.read_bytes() == before
    assert cli("talk", save, "--as", "atlantia", "say to borealis: hi", "--code", codes["atlantia"])[0] == 0
    assert cli("talk", save, "--as", "white", "say in assembly: order", "--code", codes["white"])[0] == 0
