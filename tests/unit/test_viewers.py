"""Who sees what: the three kinds of viewer, and the typed records a view hands out."""

import attrs
import pytest

from exercise.core.events import FacilitatorAction, InjectFired, Lobbied
from exercise.core.limits import RESERVED_IDS
from exercise.core.orders import Propose
from exercise.core.seats import FACILITATOR, PROJECTOR, PUBLIC, WHITE_NAMES, is_white
from exercise.engine import new_game, resolve_turn
from exercise.engine.views import AgendaEntry, NormQualities, view_for


def test_the_public_viewer_sees_public_events_only_and_the_facilitator_sees_all():
    public = InjectFired(turn=1, inject="i", title="T")
    private = Lobbied(turn=1, audience=("atlantia", "borealis"), by="atlantia", target="borealis", norm="n")
    paused = FacilitatorAction(turn=1, audience=(FACILITATOR,), action="pause")
    forced = FacilitatorAction(turn=1, audience=(FACILITATOR,), action="forced turn")
    assert [e.visible_to(PUBLIC) for e in (public, private, paused, forced)] == [True, False, True, False]
    assert [e.visible_to("atlantia") for e in (public, private, paused, forced)] == [True, True, True, False]
    assert [e.visible_to("cygnia") for e in (public, private, paused, forced)] == [True, False, True, False]
    assert all(e.visible_to(None) for e in (public, private, paused, forced))


def test_no_delegation_may_take_a_name_of_the_white_cell_or_the_projector():
    assert set(WHITE_NAMES) | {PROJECTOR} <= RESERVED_IDS
    assert all(is_white(name) for name in WHITE_NAMES) and is_white(None) and not is_white("atlantia")


def test_a_views_agenda_and_qualities_are_read_only_records(tutorial):
    scenario = tutorial
    state = new_game(scenario, 1)
    seat, norm = scenario.delegations[0].id, scenario.norms[0].id
    forum = next(f for f in sorted(state.forums) if state.forums[f].members)
    member = sorted(state.forums[forum].members)[0]
    state = resolve_turn(state, {member: [Propose(norm, forum)]}, 1).state
    view = view_for(state, member)
    [item] = [a for a in view.agenda(forum) if a.norm == norm]
    assert isinstance(item, AgendaEntry) and item.proposer == member and isinstance(item.endorsers, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.norm = "other"  # type: ignore[misc]
    q = view.norm_qualities(norm)
    assert isinstance(q, NormQualities) and q.status in ("draft", "spreading", "adopted")
    with pytest.raises(TypeError):
        q.adopted_in["somewhere"] = 1  # type: ignore[index]
    assert view.public_delegation(seat).name == scenario.delegation(seat).name
