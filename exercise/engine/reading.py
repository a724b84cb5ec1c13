"""What the views of one state share: `Reading`, worked out once per state and only when asked.

Every scripted seat decides on the same unchanging state, and each used to work out again
what is the same for all of them: a norm's appeal terms, who sits in which forum, who holds a
norm and could use help with it. A `Reading` keeps those for one state:

- the appeal matrix: every seat's appeal of a norm, one column (all seats, one norm) at a
  time through `appeal.appeals`, the same loop `appeal_of` runs, so the floats are the ones a
  seat would work out alone;
- the forums each delegation sits in;
- for each norm, its holders short of practice, by capacity (the broker funds the weakest);
- each forum's agenda as the frozen records views hand out (copied once, not once a seat);
- each forum's members and each call's signatories as sets, and its members by bloc, so
  "is x a member", "has x signed" and "how many of my bloc sit here" cost no scan of a list
  that grows with the world.

It is bound to its state: `reading_for(state, reading)` hands back `reading` only when it was
built on that very state, and a state is not changed once views read it (`resolve_turn` works
on a clone). A reading made for one seat alone (`seats=`) fills its columns for that seat only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from exercise.core.spec import Delegation
from exercise.core.state import MAX_DEPTH, GameState
from exercise.engine.appeal import NormTerms, appeals
from exercise.engine.view_records import AgendaEntry


class Reading:
    __slots__ = (
        "_agendas",
        "_blocs",
        "_columns",
        "_delegations",
        "_forums_of",
        "_members",
        "_needy",
        "_signed",
        "_terms",
        "state",
    )

    def __init__(self, state: GameState, seats: Sequence[str] | None = None):
        self.state = state
        index = state.scenario.by_id
        ids = index.delegation_ids if seats is None else seats
        self._delegations: tuple[Delegation, ...] = tuple(index.delegations[d] for d in ids)
        self._terms: dict[str, NormTerms] = {}
        self._columns: dict[str, dict[str, float]] = {}
        self._forums_of: dict[str, tuple[str, ...]] | None = None
        self._needy: dict[tuple[str, float], tuple[tuple[float, str], ...]] = {}
        self._agendas: dict[str, tuple[AgendaEntry, ...]] = {}
        self._members: dict[str, frozenset[str]] = {}
        self._blocs: dict[str, Counter[str]] = {}
        self._signed: dict[tuple[str, str], frozenset[str]] = {}

    def terms(self, norm_id: str) -> NormTerms:
        """The norm's appeal terms shared by every delegation (appeal.NormTerms)."""
        terms = self._terms.get(norm_id)
        if terms is None:
            state = self.state
            terms = self._terms[norm_id] = NormTerms(state, state.scenario.norm(norm_id), state.norms[norm_id])
        return terms

    def appeal(self, seat: str, norm_id: str) -> float:
        """`seat`'s appeal of the norm: one cell of the matrix."""
        column = self._columns.get(norm_id)
        if column is None:
            values = appeals(self.state, self.state.norms[norm_id], self.terms(norm_id), self._delegations)
            column = self._columns[norm_id] = {d.id: v for d, v in zip(self._delegations, values)}
        value = column.get(seat)
        if value is None:  # a reading made for other seats: this seat's cell, on its own
            delegation = self.state.scenario.delegation(seat)
            value = column[seat] = appeals(self.state, self.state.norms[norm_id], self.terms(norm_id), (delegation,))[0]
        return value

    def agenda(self, forum_id: str) -> tuple[AgendaEntry, ...]:
        entries = self._agendas.get(forum_id)
        if entries is None:
            entries = self._agendas[forum_id] = tuple(
                AgendaEntry(
                    a.norm, a.proposer, a.since, a.sessions, tuple(a.endorsers), tuple(a.objectors), tuple(a.norms)
                )
                for a in self.state.forums[forum_id].agenda
            )
        return entries

    def members(self, forum_id: str) -> frozenset[str]:
        found = self._members.get(forum_id)
        if found is None:
            found = self._members[forum_id] = frozenset(self.state.forums[forum_id].members)
        return found

    def bloc_members(self, forum_id: str, bloc: str) -> int:
        """How many of the forum's members are in `bloc`."""
        counts = self._blocs.get(forum_id)
        if counts is None:
            delegations = self.state.scenario.by_id.delegations
            counts = self._blocs[forum_id] = Counter(delegations[m].bloc for m in self.state.forums[forum_id].members)
        return counts[bloc]

    def signed(self, forum_id: str, norm_id: str) -> frozenset[str]:
        found = self._signed.get((forum_id, norm_id))
        if found is None:
            found = self._signed[(forum_id, norm_id)] = frozenset(
                self.state.forums[forum_id].signatories.get(norm_id, ())
            )
        return found

    def forums_of(self, delegation_id: str) -> tuple[str, ...]:
        """The forums the delegation sits in, by id (one pass over every forum, for everyone)."""
        if self._forums_of is None:
            seated: dict[str, list[str]] = {d: [] for d in self.state.seats}
            for forum_id in self.state.scenario.by_id.forum_ids:
                for member in self.state.forums[forum_id].members:
                    seated[member].append(forum_id)
            self._forums_of = {d: tuple(f) for d, f in seated.items()}
        return self._forums_of[delegation_id]

    def needy(self, norm_id: str, below: float) -> tuple[tuple[float, str], ...]:
        """(capacity, holder) of the norm's holders short of practice whose capacity is below
        `below`, weakest first (ties by id)."""
        found = self._needy.get((norm_id, below))
        if found is None:
            seats = self.state.seats
            found = self._needy[(norm_id, below)] = tuple(
                sorted(
                    (seats[d].capacity, d)
                    for d, depth in self.state.norms[norm_id].depth.items()
                    if depth < MAX_DEPTH and seats[d].capacity < below
                )
            )
        return found


def reading_for(state: GameState, reading: Reading | None, seat: str | None = None) -> Reading:
    """`reading` when it was built on `state`; otherwise a new one (for `seat` alone, if given)."""
    if reading is not None and reading.state is state:
        return reading
    return Reading(state, None if seat is None else (seat,))
