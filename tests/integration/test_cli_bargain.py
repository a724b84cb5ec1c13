"""A student alone wins over a scripted blocker, or fails to (issue 12, part 4), through the
CLI as a student plays it: the student's champion tables a norm in the lab's consensus council
(exercise/batch/scenarios/deals.toml), the holdout objects and says it opposes the norm, and
the student offers it assistance for its endorsement. A stingy offer is rejected at once; a
generous one is accepted, the holdout keeps it in its orders, and the council adopts the norm.
Without the deal the holdout's objection sinks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.core.events import DealSettled, SessionOutcome
from exercise.store import Game

LAB = Path(__file__).resolve().parents[2] / "exercise" / "batch" / "scenarios" / "deals.toml"
NORM, FORUM = "protect-ci", "council"


def offer(amount: float) -> str:
    return f"offer holdout: assist holdout on {NORM} with {amount:g} if endorse {NORM} in {FORUM}"


@pytest.fixture
def at_the_vote(tmp_path, cli):
    """A save at the council's first session (turn 3), the norm tabled and objected to."""
    path = tmp_path / "g.db"
    assert cli("new", LAB, "--human", "champ", "--no-codes", "--save", path)[0] == 0
    for orders in ([f"propose {NORM} in {FORUM}"], ["--pass"]):
        assert cli("orders", path, "champ", *orders)[0] == 0
        assert cli("run", path)[0] == 0
    with Game.open(path, read_only=True) as game:
        assert game.turn == 2
        item = game.state().forums[FORUM].item(NORM)
        assert item is not None and item.objectors == ["holdout"]
    return path


def outcome(path: Path) -> tuple[str, list[DealSettled]]:
    with Game.open(path, read_only=True) as game:
        events = game.events(3)
    (vote,) = [e for e in events if isinstance(e, SessionOutcome) and e.norm == NORM]
    return vote.outcome, [e for e in events if isinstance(e, DealSettled)]


def test_a_generous_offer_wins_the_blocker_over_and_the_norm_passes(at_the_vote, cli):
    code, out, err = cli("talk", at_the_vote, "--as", "champ", offer(1))
    assert code == 0, err
    assert out.splitlines()[-1].strip().startswith("holdout: reject 3.")
    code, out, err = cli("talk", at_the_vote, "--as", "champ", offer(4))
    assert code == 0, err
    accepted = out.splitlines()[-1].strip()
    assert accepted.startswith("holdout: accept 3."), out
    deal = accepted.split()[2]
    assert cli("orders", at_the_vote, "champ", f"assist holdout on {NORM} with 4")[0] == 0
    assert cli("run", at_the_vote)[0] == 0
    vote, settled = outcome(at_the_vote)
    assert vote == "adopted"
    assert {(e.deal, e.seat, e.outcome) for e in settled} == {(deal, "champ", "kept"), (deal, "holdout", "kept")}
    assert cli("verify", at_the_vote)[0] == 0


def test_a_stingy_offer_is_rejected_and_the_objection_sinks_the_norm(at_the_vote, cli):
    code, out, _ = cli("talk", at_the_vote, "--as", "champ", offer(1))
    assert code == 0 and out.splitlines()[-1].strip().startswith("holdout: reject 3.")
    assert cli("orders", at_the_vote, "champ", "--pass")[0] == 0
    assert cli("run", at_the_vote)[0] == 0
    vote, settled = outcome(at_the_vote)
    assert vote == "blocked" and not settled
