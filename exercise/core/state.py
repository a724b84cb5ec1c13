"""The game state: what changes turn by turn. Mutable attrs classes with explicit, cheap clones.

The engine never mutates a state it was given: `resolve_turn` clones it first. Every mapping is
keyed by id and written out sorted, so the canonical JSON (and its hash) is the same in any
process.
"""

from __future__ import annotations

from typing import Literal

import attrs

from exercise.core.spec import Scenario

DEPTH_NAMES: tuple[str, ...] = ("none", "rhetoric", "policy", "law", "practice")
MAX_DEPTH = 4
# A norm's public status: adopted by a forum, held by someone without that, or neither.
NormStatus = Literal["draft", "spreading", "adopted"]


def round_stored(x: float) -> float:
    """Round a stored float so the canonical state never carries float noise."""
    return round(float(x), 6) + 0.0  # + 0.0 turns -0.0 into 0.0


@attrs.define
class Seat:
    """A delegation's changing attributes. Who controls the seat (a human or a strategy) is a
    fact of the session, not of the world, so it is kept by the store, not here."""

    id: str
    power: float
    capacity: float
    budget: float  # available to spend this turn
    influence: float  # attention points left this turn
    threshold: float  # adoption threshold (heterogeneous)
    assistance: float = 0.0  # stock of assistance received, decays each turn

    def clone(self) -> Seat:
        return Seat(self.id, self.power, self.capacity, self.budget, self.influence, self.threshold, self.assistance)


@attrs.define
class AgendaItem:
    """One text before a forum: a norm, or a package (`norms` lists what it holds, and `norm`
    is then the package's name; empty for a single norm)."""

    norm: str
    proposer: str
    since: int
    sessions: int = 0
    endorsers: list[str] = attrs.field(factory=list)
    objectors: list[str] = attrs.field(factory=list)
    norms: list[str] = attrs.field(factory=list)

    def clone(self) -> AgendaItem:
        return AgendaItem(
            self.norm,
            self.proposer,
            self.since,
            self.sessions,
            list(self.endorsers),
            list(self.objectors),
            list(self.norms),
        )

    @property
    def texts(self) -> list[str]:
        """The norms the item puts to the vote: a package's, or its one norm."""
        return self.norms or [self.norm]


@attrs.define
class ForumState:
    id: str
    members: list[str]
    agenda: list[AgendaItem] = attrs.field(factory=list)
    adopted: dict[str, int] = attrs.field(factory=dict)  # norm -> turn adopted
    signatories: dict[str, list[str]] = attrs.field(factory=dict)  # norm -> who signed
    blocked: dict[str, int] = attrs.field(factory=dict)  # norm -> last turn it was blocked
    first_adoption: int | None = None
    sessions_held: int = 0

    def clone(self) -> ForumState:
        return ForumState(
            self.id,
            list(self.members),
            [a.clone() for a in self.agenda],
            dict(self.adopted),
            {k: list(v) for k, v in self.signatories.items()},
            dict(self.blocked),
            self.first_adoption,
            self.sessions_held,
        )

    def item(self, norm_id: str) -> AgendaItem | None:
        """The agenda item named `norm_id` (a norm alone, or a package by its name)."""
        for item in self.agenda:
            if item.norm == norm_id:
                return item
        return None

    def holding(self, norm_id: str) -> AgendaItem | None:
        """The agenda item that puts `norm_id` to the vote, alone or in a package."""
        for item in self.agenda:
            if item.norm == norm_id or norm_id in item.norms:
                return item
        return None


@attrs.define
class NormState:
    """A norm's current text qualities and who holds it at which depth."""

    id: str
    clarity: float
    utility: float
    doability: float
    framework: str | None
    adopted_in: dict[str, int] = attrs.field(factory=dict)  # forum -> turn
    depth: dict[str, int] = attrs.field(factory=dict)  # delegation -> 1..4
    progress: dict[str, float] = attrs.field(factory=dict)  # delegation -> toward next depth
    since: dict[str, int] = attrs.field(factory=dict)  # delegation -> turn adopted
    lobby: dict[str, float] = attrs.field(factory=dict)  # delegation -> pressure received
    implementing: dict[str, float] = attrs.field(factory=dict)  # this turn's home effort
    breadth_history: list[float] = attrs.field(factory=list)

    def clone(self) -> NormState:
        return NormState(
            self.id,
            self.clarity,
            self.utility,
            self.doability,
            self.framework,
            dict(self.adopted_in),
            dict(self.depth),
            dict(self.progress),
            dict(self.since),
            dict(self.lobby),
            dict(self.implementing),
            list(self.breadth_history),
        )

    @property
    def status(self) -> NormStatus:
        if self.adopted_in:
            return "adopted"
        if self.depth:
            return "spreading"
        return "draft"


@attrs.define
class Coalition:
    """A named group a seat founded; invited seats become members when they join."""

    id: str
    founder: str
    members: list[str]
    invited: list[str] = attrs.field(factory=list)

    def clone(self) -> Coalition:
        return Coalition(self.id, self.founder, list(self.members), list(self.invited))


@attrs.define
class Commitment:
    """An accepted deal the engine holds its parties to: each promised its orders (as text) by
    the end of turn `due`; `delivered` collects those given so far."""

    id: str  # the offer's id
    made: int
    due: int
    announced: bool
    promises: dict[str, list[str]]  # seat -> the orders it promised
    delivered: dict[str, list[str]] = attrs.field(factory=dict)

    def clone(self) -> Commitment:
        return Commitment(
            self.id,
            self.made,
            self.due,
            self.announced,
            {k: list(v) for k, v in self.promises.items()},
            {k: list(v) for k, v in self.delivered.items()},
        )

    @property
    def parties(self) -> list[str]:
        return sorted(self.promises)


@attrs.define
class GameState:
    scenario_id: str
    turn: int
    salience: dict[str, float]
    seats: dict[str, Seat]
    forums: dict[str, ForumState]
    norms: dict[str, NormState]
    fired_injects: list[str] = attrs.field(factory=list)
    next_event: int = 0
    scenario: Scenario = attrs.field(default=None, eq=False, repr=False)
    coalitions: dict[str, Coalition] = attrs.field(factory=dict)
    commitments: list[Commitment] = attrs.field(factory=list)  # open deals, oldest first
    # trust[truster][trustee] and a public reputation, 0..1; only what is below 1 is stored
    trust: dict[str, dict[str, float]] = attrs.field(factory=dict)
    reputation: dict[str, float] = attrs.field(factory=dict)

    def clone(self) -> GameState:
        return GameState(
            self.scenario_id,
            self.turn,
            dict(self.salience),
            {k: v.clone() for k, v in self.seats.items()},
            {k: v.clone() for k, v in self.forums.items()},
            {k: v.clone() for k, v in self.norms.items()},
            list(self.fired_injects),
            self.next_event,
            self.scenario,
            {k: v.clone() for k, v in self.coalitions.items()},
            [c.clone() for c in self.commitments],
            {k: dict(v) for k, v in self.trust.items()},
            dict(self.reputation),
        )

    def credibility(self, listener: str, speaker: str) -> float:
        """How much `speaker`'s word counts with `listener`: their own trust in it times its
        public reputation (1 for anyone who never broke a deal)."""
        return self.trust.get(listener, {}).get(speaker, 1.0) * self.reputation.get(speaker, 1.0)
