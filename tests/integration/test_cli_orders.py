"""`exercise orders`: list a seat's choices, refuse bad orders one line each, submit good ones.
The commands run in this process (the `cli` fixture): what they say and do is under test here,
not the process (tests/integration/test_cli_headless.py spawns it)."""

from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def exercise(cli, monkeypatch):
    monkeypatch.chdir(ROOT)  # `new tutorial` finds the scenario in ./scenarios

    def run(*args):
        code, out, err = cli(*args)
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    return run


@pytest.fixture
def save(tmp_path, exercise):
    path = tmp_path / "g.db"
    assert exercise("new", "tutorial", "--human", "atlantia,borealis", "--save", path, "--no-codes").returncode == 0
    return path


def test_lists_legal_orders_with_costs(save, exercise):
    out = exercise("orders", save, "atlantia")
    assert out.returncode == 0
    assert "atlantia for turn 1: influence 6, budget 4" in out.stdout
    assert "  propose free-flow in coalition  (2 influence)" in out.stdout
    assert "in coalition" in out.stdout and "borealis" not in out.stdout


def test_each_bad_order_is_one_line_and_nothing_is_submitted(save, exercise):
    before = save.read_bytes()
    out = exercise("orders", save, "atlantia", "endorse free-flow in assembly", "propose free-flow in nato", "dance")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        "atlantia: endorse free-flow in assembly: free-flow is not on the agenda of assembly",
        "atlantia: propose free-flow in nato: there is no forum 'nato'",
        "atlantia: dance: unknown verb 'dance' (known: amend, assist, endorse, fire, graft, implement, "
        "lobby, object, package, pass, propose, salience, shock, signon, withdraw)",
    ]
    assert "Traceback" not in out.stderr
    assert save.read_bytes() == before
    over = exercise(
        "orders",
        save,
        "borealis",
        "propose info-security in assembly",
        "propose free-flow in assembly",
        "propose clean-networks in assembly",
    )
    assert over.returncode == 2 and "influence, borealis has" in over.stderr


def test_options_may_come_between_the_seat_and_its_orders(save, exercise):
    # `orders SAVE SEAT --code C "ORDER"` is how a student types it; argparse alone called
    # the orders unrecognised arguments
    out = exercise("orders", save, "atlantia", "--force", "propose free-flow in coalition")
    assert out.returncode == 0, out.stderr
    assert "atlantia: 1 order(s) submitted for turn 1" in out.stdout


def test_a_sound_order_too_dear_is_reported_beside_a_bad_one(save, exercise):
    out = exercise("orders", save, "atlantia", "propose free-flow in nato", "assist borealis on free-flow with 99")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        "atlantia: propose free-flow in nato: there is no forum 'nato'",
        "atlantia: assist borealis on free-flow with 99: costs 99 budget, atlantia has 4",
    ]


def test_submitting_for_every_human_lets_the_turn_resolve(save, exercise):
    first = exercise("orders", save, "atlantia", "propose protect-hospitals in coalition")
    assert first.returncode == 0 and "waiting for borealis" in first.stdout
    assert exercise("orders", save, "borealis", "--pass").returncode == 0
    run = exercise("run", save, "--turns", 1)
    assert run.returncode == 0 and "coalition: protect-hospitals adopted" in run.stdout


def test_a_package_is_typed_checked_and_decided_as_one_text(save, exercise):
    bad = exercise(
        "orders",
        save,
        "atlantia",
        "package text in coalition of free-flow",
        "package free-flow in coalition of clean-networks,protect-hospitals",
        "package text in coalition of clean-networks,nope",
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.splitlines() == [
        "atlantia: package text in coalition of free-flow: a package lists at least two norms, "
        "joined by commas without spaces",
        "atlantia: package free-flow in coalition of clean-networks,protect-hospitals: "
        "free-flow is a norm's id; a package needs a name of its own",
        "atlantia: package text in coalition of clean-networks,nope: there is no norm 'nope'",
    ]
    good = exercise("orders", save, "atlantia", "package text in coalition of clean-networks,protect-hospitals")
    assert good.returncode == 0
    assert exercise("orders", save, "borealis", "--pass").returncode == 0
    run = exercise("run", save, "--turns", 1)
    assert run.returncode == 0
    assert "coalition: package text [clean-networks + protect-hospitals] adopted" in run.stdout


def test_scripted_or_unknown_seats_are_refused(save, exercise):
    assert "played by the strategy 'broker'" in exercise("orders", save, "cordova").stderr
    out = exercise("orders", save, "atlantis")
    assert out.returncode == 2 and "there is no seat 'atlantis'" in out.stderr
