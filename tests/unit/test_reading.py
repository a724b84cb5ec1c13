"""The state's shared reading (engine/reading.py): the appeal matrix gives every seat the very
float it would work out alone, an index answers what a scan would, and a reading never
serves a state it was not built on."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.core.state import MAX_DEPTH
from exercise.engine import new_game, resolve_turn, view_for
from exercise.engine.appeal import NormTerms, appeal_of
from exercise.engine.reading import Reading
from exercise.scenario import load_scenario, parse_scenario
from exercise.scenario.generate import generate_scenario
from exercise.strategies import default_controllers, scripted_orders

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=["generated", "cent-vs-decent"])
def played(request):
    if request.param == "generated":
        scenario = parse_scenario(generate_scenario(40, 6, 12, 3), "reading")
    else:  # voluntary calls with signatories, blocs and grafts
        scenario = load_scenario(ROOT / "scenarios" / "cent-vs-decent.toml")
    controllers = default_controllers(scenario)
    state = new_game(scenario, 3)
    for _ in range(6):  # far enough for holders, lobbying, grafts and amendments
        state = resolve_turn(state, scripted_orders(state, 3, controllers), 3).state
    return state


def test_every_cell_of_the_matrix_is_the_float_a_seat_works_out_alone(played):
    reading = Reading(played)
    for norm_id, ns in played.norms.items():
        terms = NormTerms(played, played.scenario.norm(norm_id), ns)
        for d in played.scenario.delegations:
            alone = appeal_of(played, d, ns, terms)
            assert reading.appeal(d.id, norm_id) == alone
            assert view_for(played, d.id).my_appeal(norm_id) == alone  # a view's own reading
            assert view_for(played, d.id, reading=reading).my_appeal(norm_id) == alone


def test_needy_holders_are_what_a_scan_of_every_holder_finds(played):
    view = view_for(played, played.scenario.delegations[0].id, reading=Reading(played))
    for norm_id, ns in played.norms.items():
        scan = sorted(
            (played.seats[d].capacity, d)
            for d, depth in ns.depth.items()
            if depth < MAX_DEPTH and played.seats[d].capacity < 0.4
        )
        assert list(view.needy_holders(norm_id, 0.4)) == scan


def test_forums_and_agendas_are_the_states(played):
    reading = Reading(played)
    for d in played.seats:
        view = view_for(played, d, reading=reading)
        assert view.my_forums() == [f for f in sorted(played.forums) if d in played.forums[f].members]
        for f in sorted(played.forums):
            members = played.forums[f].members
            assert view.is_member(f, d) == (d in members)
            bloc = played.scenario.delegation(d).bloc
            assert view.bloc_members(f, bloc) == sum(1 for m in members if played.scenario.delegation(m).bloc == bloc)
            for n, signed in played.forums[f].signatories.items():
                assert view.signed_by(f, n) == set(signed)
                assert view.has_signed(f, n, d) == (d in signed)
        for f in view.my_forums():
            assert [a.norm for a in view.agenda(f)] == [a.norm for a in played.forums[f].agenda]
            assert [a.endorsers for a in view.agenda(f)] == [tuple(a.endorsers) for a in played.forums[f].agenda]


def test_a_reading_of_another_state_is_not_used(played):
    stale = Reading(played)
    later = resolve_turn(played, scripted_orders(played, 3, default_controllers(played.scenario)), 3).state
    seat = next(
        d
        for d in sorted(later.seats)
        if any(stale.appeal(d, n) != view_for(later, d).my_appeal(n) for n in later.norms)
    )
    view = view_for(later, seat, reading=stale)
    assert [view.my_appeal(n) for n in sorted(later.norms)] == [
        view_for(later, seat).my_appeal(n) for n in sorted(later.norms)
    ]


def test_the_facilitator_has_no_appeal_of_its_own(played):
    with pytest.raises(ValueError):
        view_for(played, None, reading=Reading(played)).my_appeal(next(iter(played.norms)))


def test_a_reading_made_for_one_seat_still_answers_another(played):
    first, second = sorted(played.seats)[:2]
    reading = Reading(played, (first,))
    for n in sorted(played.norms):
        assert reading.appeal(second, n) == view_for(played, second).my_appeal(n)
