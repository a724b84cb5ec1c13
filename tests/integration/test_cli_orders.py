"""`exercise orders`: list a seat's choices, refuse bad orders one line each, submit good ones."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def exercise(*args):
    return subprocess.run([sys.executable, "-m", "exercise", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture
def save(tmp_path):
    path = tmp_path / "g.db"
    assert exercise("new", "tutorial", "--human", "atlantia,borealis", "--save", path, "--no-codes").returncode == 0
    return path


def test_lists_legal_orders_with_costs(save):
    out = exercise("orders", save, "atlantia")
    assert out.returncode == 0
    assert "atlantia for turn 1: influence 6, budget 4" in out.stdout
    assert "  propose free-flow in coalition  (2 influence)" in out.stdout
    assert "in coalition" in out.stdout and "borealis" not in out.stdout


def test_each_bad_order_is_one_line_and_nothing_is_submitted(save):
    before = save.read_bytes()
    out = exercise("orders", save, "atlantia", "endorse free-flow in assembly", "propose free-flow in nato", "dance")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        "atlantia: endorse free-flow in assembly: free-flow is not on the agenda of assembly",
        "atlantia: propose free-flow in nato: there is no forum 'nato'",
        "atlantia: dance: unknown verb 'dance' (known: amend, assist, endorse, fire, graft, implement, "
        "lobby, object, pass, propose, salience, shock, signon, withdraw)",
    ]
    assert "Traceback" not in out.stderr
    assert save.read_bytes() == before
    over = exercise("orders", save, "borealis", "propose info-security in assembly", "propose free-flow in assembly",
                    "propose clean-networks in assembly")
    assert over.returncode == 2 and "influence, borealis has" in over.stderr


def test_submitting_for_every_human_lets_the_turn_resolve(save):
    first = exercise("orders", save, "atlantia", "propose protect-hospitals in coalition")
    assert first.returncode == 0 and "waiting for borealis" in first.stdout
    assert exercise("orders", save, "borealis", "--pass").returncode == 0
    run = exercise("run", save, "--turns", 1)
    assert run.returncode == 0 and "coalition: protect-hospitals adopted" in run.stdout


def test_scripted_or_unknown_seats_are_refused(save):
    assert "played by the strategy 'broker'" in exercise("orders", save, "cordova").stderr
    out = exercise("orders", save, "atlantis")
    assert out.returncode == 2 and "there is no seat 'atlantis'" in out.stderr
