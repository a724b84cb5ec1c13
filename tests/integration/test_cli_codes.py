"""Join codes on the command line: `new` prints them, `orders` and `play` need them, `codes
--reissue` replaces them with the white cell's code, and a wrong one changes nothing."""

from __future__ import annotations

import re

import pytest

from exercise.cli import main
from exercise.store import Game

CODE = re.compile(r"^\s+(the white cell|[a-z-]+)\s+([a-z]+-[a-z]+-\d\d)\b", re.M)


def codes_in(text: str) -> dict[str, str]:
    return {("white" if who == "the white cell" else who): code for who, code in CODE.findall(text)}


@pytest.fixture
def coded(tmp_path, capsys):
    save = tmp_path / "class.db"
    assert main(["new", "tutorial", "--human", "atlantia,borealis", "--save", str(save), "--round", "15m"]) == 0
    out = capsys.readouterr().out
    codes = codes_in(out)
    assert set(codes) == {"white", "atlantia", "borealis"}, out
    assert "round clock: 15 minutes a turn" in out
    return save, codes


def test_the_save_keeps_only_digests_of_the_codes(coded):
    save, codes = coded
    raw = save.read_bytes()
    assert all(code.encode() not in raw for code in codes.values())


def test_orders_need_the_seats_code_or_the_white_cells(coded, capsys, monkeypatch):
    save, codes = coded
    monkeypatch.delenv("EXERCISE_CODE", raising=False)
    before = save.read_bytes()
    assert main(["orders", str(save), "atlantia", "pass"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{save}: atlantia's code is needed: --code CODE (or $EXERCISE_CODE; the white cell's code opens every seat)"
    )
    assert main(["orders", str(save), "atlantia", "pass", "--code", codes["borealis"]]) == 2
    assert capsys.readouterr().err.strip() == f"{save}: that is not atlantia's code (nothing was changed)"
    with Game.open(save, read_only=True) as game:
        assert game.submitted() == {}
    assert main(["orders", str(save), "atlantia", "pass", "--code", codes["atlantia"].upper().replace("-", " ")]) == 0
    monkeypatch.setenv("EXERCISE_CODE", codes["white"])
    assert main(["orders", str(save), "borealis", "pass"]) == 0
    with Game.open(save, read_only=True) as game:
        assert sorted(game.submitted()) == ["atlantia", "borealis"]
    assert save.read_bytes() != before


def test_play_refuses_a_wrong_code_before_the_screen_opens(coded, capsys):
    save, codes = coded
    assert main(["play", str(save), "--as", "atlantia", "--code", "wrong-code-00"]) == 2
    assert capsys.readouterr().err.strip() == f"{save}: that is not atlantia's code (nothing was changed)"
    assert main(["play", str(save), "--as", "white", "--code", codes["atlantia"]]) == 2
    assert capsys.readouterr().err.strip() == f"{save}: that is not the white cell's code (nothing was changed)"


def test_reissue_needs_the_white_cells_code_and_retires_the_old_ones(coded, capsys):
    save, codes = coded
    assert main(["codes", str(save), "--reissue", "atlantia", "--code", codes["atlantia"]]) == 2
    assert "not the white cell's code" in capsys.readouterr().err
    assert main(["codes", str(save), "--reissue", "atlantia", "--code", codes["white"]]) == 0
    fresh = codes_in(capsys.readouterr().out)
    assert list(fresh) == ["atlantia"] and fresh["atlantia"] != codes["atlantia"]
    with Game.open(save) as game:
        assert not game.live.unlocks("atlantia", codes["atlantia"])
        assert game.live.unlocks("atlantia", fresh["atlantia"])
        assert game.live.unlocks("borealis", codes["borealis"])  # the others keep theirs
    assert main(["codes", str(save)]) == 0
    listing = capsys.readouterr().out
    assert "atlantia" in listing and "not open" in listing
    assert all(code not in listing for code in [*codes.values(), *fresh.values()])


def test_a_save_without_codes_is_open_and_can_get_them(tmp_path, capsys):
    save = tmp_path / "solo.db"
    assert main(["new", "tutorial", "--human", "atlantia", "--save", str(save), "--no-codes"]) == 0
    assert codes_in(capsys.readouterr().out) == {}
    assert main(["orders", str(save), "atlantia", "pass"]) == 0
    capsys.readouterr()
    assert main(["codes", str(save), "--reissue"]) == 0
    assert set(codes_in(capsys.readouterr().out)) == {"white", "atlantia"}


def test_bad_round_lengths_are_one_line(tmp_path, capsys):
    assert main(["new", "tutorial", "--save", str(tmp_path / "x.db"), "--round", "soon"]) == 2
    assert capsys.readouterr().err.strip() == (
        "'soon' is not a round length (write 15m, 90s, 1h30m or 12:30; at most 24 hours)"
    )
    assert not (tmp_path / "x.db").exists()
