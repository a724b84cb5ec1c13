"""What a seat may know: `view_for(state, seat)`. Strategies and the UI read only views.

A seat sees its own private side (values, instructions, red lines, objectives, influence,
budget, its own depth of each norm) and the public side of everything else: forums, members,
agendas with who endorsed or objected, norm texts and qualities, who holds which norm, the
public events. It never sees another seat's values, instructions, threshold or budget.
The facilitator's view (`seat=None`) is the whole state.

What a view hands out is typed: `AgendaEntry`, `NormQualities` and `PublicDelegation` are frozen
records (their containers are tuples), so no reader depends on a string key or can change
the state through a view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from exercise.core.events import Event
from exercise.core.spec import Delegation, Forum, Norm, Objective
from exercise.core.state import GameState
from exercise.engine.appeal import conflicts_of
from exercise.engine.metrics import breadth
from exercise.engine.network import network_for
from exercise.engine.reading import Reading, reading_for
from exercise.engine.talk_window import TalkWindow
from exercise.engine.view_records import AgendaEntry, NormQualities, PublicDelegation

__all__ = ["AgendaEntry", "NormQualities", "PublicDelegation", "View", "facilitator_view", "view_for"]

if TYPE_CHECKING:
    from exercise.engine.talk import TalkBoard


class View:
    """A read-only window on the state for one seat (or the facilitator when seat is None)."""

    def __init__(
        self,
        state: GameState,
        seat: str | None,
        events: Iterable[Event] = (),
        reading: Reading | None = None,
        board: TalkBoard | None = None,
    ):
        self._state = state
        self.seat = seat
        self.turn = state.turn
        self.scenario_id = state.scenario_id
        self._events = [e for e in events if e.visible_to(seat)]
        self._me = state.scenario.delegation(seat) if seat is not None else None
        # what the views of this state share (appeal matrix, indexes); its own when none is given
        self._reading = reading_for(state, reading, seat)
        self.talk = TalkWindow(state, seat, board)  # the negotiation as this seat knows it

    # --- who I am -------------------------------------------------------------------
    @property
    def me(self) -> Delegation:
        if self._me is None:
            raise ValueError("the facilitator's view has no seat of its own")
        return self._me

    @property
    def influence(self) -> float:
        return self._state.seats[self._require_seat()].influence

    @property
    def budget(self) -> float:
        return self._state.seats[self._require_seat()].budget

    @property
    def capacity(self) -> float:
        return self._state.seats[self._require_seat()].capacity

    @property
    def power(self) -> float:
        return self._state.seats[self._require_seat()].power

    @property
    def objectives(self) -> tuple[Objective, ...]:
        return self.me.objectives

    def my_depth(self, norm_id: str) -> int:
        return self._state.norms[norm_id].depth.get(self._require_seat(), 0)

    def _require_seat(self) -> str:
        if self.seat is None:
            raise ValueError("the facilitator's view has no seat of its own")
        return self.seat

    # --- the public world -----------------------------------------------------------
    @property
    def domains(self) -> tuple[str, ...]:
        return self._state.scenario.domains

    @property
    def salience(self) -> dict[str, float]:
        return dict(self._state.salience)

    def delegation_ids(self) -> tuple[str, ...]:
        return self._state.scenario.by_id.delegation_ids

    def has_delegation(self, delegation_id: str) -> bool:
        return delegation_id in self._state.seats

    def has_forum(self, forum_id: str) -> bool:
        return forum_id in self._state.forums

    def has_norm(self, norm_id: str) -> bool:
        return norm_id in self._state.norms

    def public_delegation(self, delegation_id: str) -> PublicDelegation:
        d = self._state.scenario.delegation(delegation_id)
        return PublicDelegation(d.id, d.name, d.kind, d.bloc, self._state.seats[delegation_id].power)

    def bloc_of(self, delegation_id: str) -> str:
        return self._state.scenario.delegation(delegation_id).bloc

    def delegation_kind(self, delegation_id: str) -> str:
        return self._state.scenario.delegation(delegation_id).kind

    def power_of(self, delegation_id: str) -> float:
        return self._state.seats[delegation_id].power

    def capacity_of(self, delegation_id: str) -> float:
        """Capacity is public: everyone can see who has the people and means to comply."""
        return self._state.seats[delegation_id].capacity

    @property
    def model(self):
        """The rules' coefficients are public knowledge."""
        return self._state.scenario.model

    def neighbours(self, delegation_id: str | None = None) -> list[tuple[str, float]]:
        who = delegation_id or self._require_seat()
        return network_for(self._state.scenario).neighbours.get(who, [])

    def frameworks(self) -> tuple[str, ...]:
        return tuple(sorted(f.id for f in self._state.scenario.frameworks))

    def forum_ids(self) -> tuple[str, ...]:
        return self._state.scenario.by_id.forum_ids

    def forum(self, forum_id: str) -> Forum:
        return self._state.scenario.forum(forum_id)

    def members(self, forum_id: str) -> list[str]:
        return list(self._state.forums[forum_id].members)

    def is_member(self, forum_id: str, delegation_id: str | None = None) -> bool:
        return (delegation_id or self._require_seat()) in self._reading.members(forum_id)

    def forum_size(self, forum_id: str) -> int:
        return len(self._state.forums[forum_id].members)

    def bloc_members(self, forum_id: str, bloc: str) -> int:
        """How many of the forum's members are in `bloc` (blocs and memberships are public)."""
        return self._reading.bloc_members(forum_id, bloc)

    def my_forums(self) -> list[str]:
        return list(self._reading.forums_of(self._require_seat()))

    def agenda(self, forum_id: str) -> list[AgendaEntry]:
        return list(self._reading.agenda(forum_id))

    def on_agenda(self, forum_id: str, norm_id: str) -> bool:
        """Whether `norm_id` is before the forum: as its own item, in a package, or (a package
        name) as a package."""
        return self._state.forums[forum_id].holding(norm_id) is not None

    def package_holding(self, forum_id: str, norm_id: str) -> str | None:
        """The name of the package on the forum's agenda that holds `norm_id`, or None."""
        item = self._state.forums[forum_id].holding(norm_id)
        return item.norm if item is not None and item.norms and item.norm != norm_id else None

    def package(self, forum_id: str, name: str) -> tuple[str, ...] | None:
        """The norms of the package `name` on the forum's agenda, or None when there is none."""
        item = self._state.forums[forum_id].item(name)
        return tuple(item.norms) if item is not None and item.norms else None

    def agenda_length(self, forum_id: str) -> int:
        return len(self._state.forums[forum_id].agenda)

    def position(self, forum_id: str, norm_id: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
        """(proposer, endorsers, objectors) of one agenda item, or None when it is not on the
        agenda: what legality checks need, without copying the whole agenda."""
        item = self._state.forums[forum_id].item(norm_id)
        if item is None:
            return None
        return item.proposer, tuple(item.endorsers), tuple(item.objectors)

    def is_adopted_in(self, forum_id: str, norm_id: str) -> bool:
        return norm_id in self._state.forums[forum_id].adopted

    def blocked_in(self, forum_id: str, norm_id: str) -> int | None:
        """The last turn `norm_id` was blocked in the forum (a public outcome), or None."""
        return self._state.forums[forum_id].blocked.get(norm_id)

    def has_signed(self, forum_id: str, norm_id: str, delegation_id: str | None = None) -> bool:
        who = delegation_id or self._require_seat()
        return who in self._reading.signed(forum_id, norm_id)

    def signed_by(self, forum_id: str, norm_id: str) -> frozenset[str]:
        """`signatories` as a set, for asking who signed."""
        return self._reading.signed(forum_id, norm_id)

    def adopted_in(self, forum_id: str) -> dict[str, int]:
        return dict(self._state.forums[forum_id].adopted)

    def signatories(self, forum_id: str, norm_id: str) -> list[str]:
        return list(self._state.forums[forum_id].signatories.get(norm_id, []))

    @property
    def last_turn(self) -> int:
        """The game's last turn: no deal can be due after it."""
        return self._state.scenario.turns

    def next_session(self, forum_id: str) -> int | None:
        forum = self.forum(forum_id)
        turn = self.turn + 1
        if turn <= forum.offset:
            return forum.offset
        # The first session at or after `turn`, by arithmetic: a loop over the turns between
        # took as long as the cadence (and a cadence of 10**18 never ended).
        return forum.offset + -(-(turn - forum.offset) // forum.cadence) * forum.cadence

    def norm_ids(self) -> tuple[str, ...]:
        return self._state.scenario.by_id.norm_ids

    def norm(self, norm_id: str) -> Norm:
        return self._state.scenario.norm(norm_id)

    def conflicts(self, norm_id: str) -> tuple[str, ...]:
        """The norms `norm_id` conflicts with (either side may name it): public, like the texts."""
        return conflicts_of(self._state.scenario, norm_id)

    def norm_qualities(self, norm_id: str) -> NormQualities:
        ns = self._state.norms[norm_id]
        return NormQualities(
            ns.clarity, ns.utility, ns.doability, ns.framework, ns.status, MappingProxyType(dict(ns.adopted_in))
        )

    def holders(self, norm_id: str) -> dict[str, int]:
        """Who holds the norm and how deeply: public (what states say and do is observable)."""
        return dict(self._state.norms[norm_id].depth)

    def held_by(self, norm_id: str) -> Mapping[str, int]:
        """`holders` without the copy: a read-only window, for asking who holds it."""
        return MappingProxyType(self._state.norms[norm_id].depth)

    def holds(self, norm_id: str, delegation_id: str) -> bool:
        return delegation_id in self._state.norms[norm_id].depth

    def needy_holders(self, norm_id: str, below: float) -> tuple[tuple[float, str], ...]:
        """(capacity, holder) of the norm's holders short of practice whose capacity is below
        `below`, weakest first (ties by id): public, as holdings and capacity are."""
        return self._reading.needy(norm_id, below)

    def breadth(self, norm_id: str) -> float:
        return breadth(self._state, norm_id)

    def breadth_history(self, norm_id: str) -> list[float]:
        return list(self._state.norms[norm_id].breadth_history)

    def last_breadth(self, norm_id: str) -> float | None:
        """The breadth recorded when the last turn closed (None before the first): public."""
        history = self._state.norms[norm_id].breadth_history
        return history[-1] if history else None

    @property
    def events(self) -> list[Event]:
        return list(self._events)

    # --- the seat's own judgement (uses only its own private values) ----------------
    def my_appeal(self, norm_id: str) -> float:
        if self.seat is None:
            raise ValueError("the facilitator's view has no seat of its own")
        return self._reading.appeal(self.seat, norm_id)

    # --- the facilitator ------------------------------------------------------------
    @property
    def is_facilitator(self) -> bool:
        return self.seat is None

    def full_state(self) -> GameState:
        if self.seat is not None:
            raise PermissionError(f"{self.seat}: only the facilitator sees the whole state")
        return self._state


def view_for(
    state: GameState,
    seat: str | None,
    events: Iterable[Event] = (),
    reading: Reading | None = None,
    board: TalkBoard | None = None,
) -> View:
    """`reading`: shared by the views of one unchanging state (engine/reading.py);
    `board`: the talk of the turn being played, when there is any (engine/talk.py)."""
    if seat is not None and seat not in state.seats:
        raise KeyError(seat)
    return View(state, seat, events, reading, board)


def facilitator_view(state: GameState, events: Iterable[Event] = (), board: TalkBoard | None = None) -> View:
    return View(state, None, events, board=board)
