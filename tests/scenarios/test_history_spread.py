"""History with spread (issue 14, item 5): the shipped history scenarios reproduce what happened
in most seeds but not in all, for reasons the session record shows; an open sign-on call grows
over time, companies ahead of states.

Each test plays 100 seeds headless (a few seconds): the shares are what a facilitator would
see running the scenario many times with `exercise sweep`.
"""

from __future__ import annotations

from pathlib import Path

from exercise.core.events import SessionOutcome
from exercise.headless import play
from exercise.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(1, 101)
FORCE = {"self-defence", "countermeasures", "ihl-applies"}


def gge_history(seed: int) -> tuple[bool, list[SessionOutcome]]:
    """(history reproduced, the 2016-17 group's sessions). Reproduced: the 2014-15 group agrees
    at least three voluntary norms and none of the force texts, and the 2016-17 group agrees
    none of the international-law texts."""
    scenario = load_scenario(ROOT / "scenarios" / "gge-2015-vs-2017.toml")
    state, sessions = None, []
    for result in play(scenario, seed):
        state = result.state
        sessions += [e for e in result.events if isinstance(e, SessionOutcome)]
    adopted_2015 = set(state.forums["gge-2015"].adopted)
    adopted_2017 = set(state.forums["gge-2017"].adopted)
    ok = len(adopted_2015 - FORCE) >= 3 and not adopted_2015 & FORCE and not adopted_2017 & FORCE
    return ok, sessions


def test_gge_reproduces_2015_and_2017_in_most_but_not_all_seeds_for_readable_reasons():
    runs = {seed: gge_history(seed) for seed in SEEDS}
    reproduced = [seed for seed, (ok, _) in runs.items() if ok]
    assert 80 <= len(reproduced) < 100, len(reproduced)
    for seed, (ok, sessions) in runs.items():
        force_votes = [s for s in sessions if s.norm in FORCE and s.outcome in ("adopted", "blocked", "tabled")]
        if ok:
            # the session record names who stopped the force texts: a handful of members
            assert any(s.blockers for s in force_votes), seed
        else:
            # a force text passed at a session where its instructed objectors stood aside:
            # adopted with nobody voting no, after sessions at which the same text was blocked
            # (or, in 2014-15, at its first vote), the record shows which
            passed = [s for s in force_votes if s.outcome == "adopted"]
            assert passed and all(not s.no for s in passed), seed


def test_an_open_call_grows_over_time_with_companies_ahead_of_states():
    scenario = load_scenario(ROOT / "scenarios" / "outside-in.toml")
    kinds = {d.id: d.kind for d in scenario.delegations}
    states = [d for d, k in kinds.items() if k == "state"]
    companies = [d for d, k in kinds.items() if k == "company"]
    ahead = grew = 0
    for seed in range(1, 41):
        shares, counts = [], []
        for result in play(scenario, seed):
            call = result.state.forums["call"]
            signed = set().union(*map(set, call.signatories.values())) if call.signatories else set()
            counts.append(len(signed))
            shares.append(
                (sum(c in signed for c in companies) / len(companies), sum(s in signed for s in states) / len(states))
            )
        # after the first turns, the companies' sign-on share is above the states'
        ahead += all(firms > govts for firms, govts in shares[2:])
        # signatures keep coming after the launch: the call is open, not a closed club
        grew += counts[-1] > counts[1] > 0
    assert ahead >= 0.8 * 40 and grew >= 0.8 * 40, (ahead, grew)
