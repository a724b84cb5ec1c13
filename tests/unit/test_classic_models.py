"""Classic models the engine must reproduce exactly when every other pressure term is off.

Granovetter (1978): on a complete graph of equal ties, with per-seat thresholds and the
social term the only pressure, adoption runs down the chain of thresholds and stops at the
first gap. And a consensus body that one member objects to never adopts, while a two-thirds
rule adopts at once. The worlds are scenario files (TOML), read by the scenario loader like
any other, so the `threshold`, `holders` and `[model]` keys they use are checked as a user's
would be.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from exercise.core.orders import Endorse, Object, Propose, SignOn
from exercise.engine import new_game, resolve_turn
from exercise.scenario import parse_scenario

SEATS = 100
# Every pressure term but the social one off: no clarity, utility, precedent, cascade, rival,
# cost or noise; and a seat over its threshold adopts that turn (adoption_hazard 1: no chance,
# the deterministic threshold model). A norm that names no domains has alignment 0.5, so will
# is 1 for everyone.
TERMS_OFF = """
[model]
adoption_hazard = 1
clarity_weight = 0
utility_weight = 0
precedent_weight = 0
cascade_weight = 0
rival_weight = 0
cost_weight = 0
diffusion_noise = 0
vote_noise = 0
stand_aside_weight = 0
social_weight = 1
"""


def granovetter(thresholds: list[float]) -> str:
    seats = "\n".join(
        f'[[delegations]]\nid = "s{i:03d}"\nname = "Seat {i}"\nthreshold = {t!r}\n' for i, t in enumerate(thresholds)
    )
    members = ", ".join(f'"s{i:03d}"' for i in range(len(thresholds)))
    return f"""
id = "granovetter"
title = "Granovetter's riot"
turns = {len(thresholds) + 2}
{seats}
[[norms]]
id = "riot"
statement = "Join the riot."
holders = ["s000"]

[[forums]]
id = "square"
name = "The square"
members = [{members}]

[[tie_groups]]
kind = "crowd"
members = [{members}]
{TERMS_OFF}
"""


def final_holders(text: str, seed: int = 1) -> int:
    scenario = parse_scenario(text, "granovetter.toml")
    state = new_game(scenario, seed)
    for _ in range(scenario.turns):
        state = resolve_turn(state, {}, seed).state
    return len(state.norms["riot"].depth)


def test_a_chain_of_thresholds_0_to_99_of_100_brings_everyone():
    # seat k adopts once k of the others have (share k/99 >= k/100)
    assert final_holders(granovetter([k / 100 for k in range(SEATS)])) == SEATS


def test_raising_the_threshold_1_seat_to_2_stops_the_chain_at_the_instigator():
    thresholds = [k / 100 for k in range(SEATS)]
    thresholds[1] = 2 / 100
    assert final_holders(granovetter(thresholds)) == 1


def test_the_chain_written_as_k_of_99_others_adopts_fully_without_a_rounding_stall():
    # k/99 is stored to 6 decimals (50/99 -> 0.505051 > 50/99): the threshold tolerance keeps
    # "k of the 99 others" meaning exactly k of them
    assert final_holders(granovetter([k / 99 for k in range(SEATS)])) == SEATS


def test_the_chain_does_not_depend_on_the_seed():
    text = granovetter([k / 100 for k in range(SEATS)])
    assert {final_holders(text, seed) for seed in (1, 2, 3)} == {SEATS}


def committee(rule: str) -> str:
    seats = "\n".join(f'[[delegations]]\nid = "m{i:02d}"\nname = "Member {i}"\n' for i in range(20))
    members = ", ".join(f'"m{i:02d}"' for i in range(20))
    return f"""
id = "committee"
title = "Nineteen and one"
turns = 6
{seats}
[[norms]]
id = "text"
statement = "The draft text."

[[forums]]
id = "room"
name = "The room"
rule = "{rule}"
quota = 0.666667
members = [{members}]
max_sessions = 100
min_deliberation = 1
{TERMS_OFF}
"""


def sessions(text: str) -> list[str]:
    """Play 6 turns: at turn 1 m00 proposes it (which endorses it; the room deliberates a
    turn before voting), at turn 2 m01..m18 endorse and m19 objects; positions stand on the
    agenda item, so every vote sees 19 for and 1 against. The vote outcomes, in order."""
    scenario = parse_scenario(text, "committee.toml")
    state = new_game(scenario, 1)
    outcomes = []
    for turn in range(scenario.turns):
        orders: dict[str, list] = {}
        if turn == 0:
            orders["m00"] = [Propose("text", "room")]
        elif turn == 1:
            orders = {f"m{i:02d}": [Endorse("text", "room")] for i in range(1, 19)}
            orders["m19"] = [Object("text", "room")]
        result = resolve_turn(state, orders, 1)
        state = result.state
        outcomes += [e.outcome for e in result.events if e.kind == "session" and e.outcome != "deliberating"]
    return outcomes


def test_one_objector_in_a_consensus_body_blocks_every_session():
    outcomes = sessions(committee("consensus"))
    assert len(outcomes) == 5 and set(outcomes) == {"blocked"}


def test_under_two_thirds_the_same_text_adopts_at_its_first_session():
    assert sessions(committee("qualified"))[0] == "adopted"


def test_holders_naming_an_unknown_delegation_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(granovetter([0.0, 0.5]).replace('holders = ["s000"]', 'holders = ["nobody"]'), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "exercise", "validate", str(bad)], capture_output=True, text=True)
    assert run.returncode == 2
    assert "norms[0].holders[0]" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("key", ["vote_noise", "stand_aside_weight", "rival_weight"])
def test_the_new_terms_refuse_values_out_of_range(tmp_path, key):
    bad = tmp_path / "bad.toml"
    bad.write_text(granovetter([0.0, 0.5]).replace(f"{key} = 0", f"{key} = -1"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "exercise", "validate", str(bad)], capture_output=True, text=True)
    assert run.returncode == 2 and key in run.stdout + run.stderr


def launched_call(signed: list[str], min_signatories: int = 3) -> str:
    seats = "\n".join(
        f'[[delegations]]\nid = "c{i}"\nname = "Signer {i}"\nstrategy = "lip-service"\n' for i in range(6)
    )
    return f"""
id = "call"
title = "A call launched with its first signatories"
turns = 3
{seats}
[[norms]]
id = "pledge"
statement = "The pledge."

[[forums]]
id = "call"
name = "The call"
rule = "signon"
open_to_all = true
min_signatories = {min_signatories}
signatories = {{ pledge = {signed!r} }}
{TERMS_OFF}
"""


def test_a_call_launched_with_enough_signatories_opens_at_once_and_others_sign_later():
    scenario = parse_scenario(launched_call(["c0", "c1", "c2"]), "call.toml")
    state = new_game(scenario, 1)
    assert state.forums["call"].signatories["pledge"] == ["c0", "c1", "c2"]
    state = resolve_turn(state, {}, 1).state
    assert "pledge" in state.forums["call"].adopted
    assert sorted(state.norms["pledge"].depth) == ["c0", "c1", "c2"]  # the launch signatories adopt
    later = resolve_turn(state, {"c5": [SignOn("pledge", "call")]}, 1).state
    assert "c5" in later.norms["pledge"].depth  # signing an open call is adopting it


def test_a_launch_short_of_min_signatories_waits():
    scenario = parse_scenario(launched_call(["c0", "c1"]), "call.toml")
    state = resolve_turn(new_game(scenario, 1), {}, 1).state
    assert "pledge" not in state.forums["call"].adopted and not state.norms["pledge"].depth


def test_signatories_outside_a_signon_forum_are_refused_in_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(launched_call(["c0", "nobody"]).replace('rule = "signon"', 'rule = "majority"'), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "exercise", "validate", str(bad)], capture_output=True, text=True)
    out = run.stdout + run.stderr
    assert run.returncode == 2 and "Traceback" not in out
    assert "forums[0].signatories: only a sign-on call" in out
    assert "forums[0].signatories.pledge[1]" in out


def rivalry_world(kind: str) -> str:
    return f"""
id = "rivals"
title = "A friend and a rival"
[[delegations]]
id = "me"
name = "Me"
[[delegations]]
id = "friend"
name = "Friend"
[[delegations]]
id = "rival"
name = "Rival"

[[norms]]
id = "n"
statement = "N."
holders = ["rival"]

[[forums]]
id = "f"
name = "F"
members = ["me", "friend", "rival"]

[[ties]]
a = "me"
b = "friend"
[[ties]]
a = "me"
b = "rival"
kind = "{kind}"
{TERMS_OFF}
"""


def test_a_rival_holding_a_norm_pushes_away_where_a_partner_would_pull():
    from exercise.engine.forums import social_share

    partner = new_game(parse_scenario(rivalry_world("partner"), "w.toml"), 1)
    hostile = new_game(parse_scenario(rivalry_world("rivalry"), "w.toml"), 1)
    assert social_share(partner, "me", "n") == pytest.approx(0.5)
    assert social_share(hostile, "me", "n") == pytest.approx(-0.5)
    # and once the friend holds it too, friend and rival cancel out
    hostile.norms["n"].depth["friend"] = 1
    assert social_share(hostile, "me", "n") == pytest.approx(0.0)
