"""The scenario: everything a game starts from, as immutable attrs value types.

A scenario file (TOML) is structured into these classes by `exercise.scenario`; the engine
never changes them. What changes during play lives in `exercise.core.state`.
"""

from __future__ import annotations

import functools
from typing import Literal

import attrs

# The issue domains norms serve or harm, and delegations weigh. A scenario may declare others.
DEFAULT_DOMAINS: tuple[str, ...] = (
    "security",
    "civilian_protection",
    "free_expression",
    "privacy",
    "commerce",
    "sovereignty",
    "crime_fighting",
    "network_hygiene",
)

DelegationKind = Literal["state", "military", "company", "civil_society", "intl_org"]
DELEGATION_KINDS: tuple[str, ...] = ("state", "military", "company", "civil_society", "intl_org")
STATE_KINDS: frozenset[str] = frozenset({"state", "military"})

ForumKind = Literal["centralized", "decentralized"]
DecisionRule = Literal["consensus", "unanimity", "majority", "qualified", "weighted", "signon"]
DECISION_RULES: tuple[str, ...] = ("consensus", "unanimity", "majority", "qualified", "weighted", "signon")

ObjectiveKind = Literal["adopt", "block", "breadth", "depth", "avoid"]
OBJECTIVE_KINDS: tuple[str, ...] = ("adopt", "block", "breadth", "depth", "avoid")

EffectKind = Literal["salience", "capacity", "power", "budget", "join", "leave", "attribution", "note"]
EFFECT_KINDS: tuple[str, ...] = ("salience", "capacity", "power", "budget", "join", "leave", "attribution", "note")

TriggerEvent = Literal["adopted", "on_agenda", "blocked", "breadth_above"]
TRIGGER_EVENTS: tuple[str, ...] = ("adopted", "on_agenda", "blocked", "breadth_above")


@attrs.frozen
class Objective:
    """What a delegation is scored against.

    adopt: `norm` adopted (in `forum`, or anywhere); block: `norm` not adopted (in `forum`);
    breadth: `norm`'s breadth reaches `target`; depth: this delegation's depth of `norm` reaches
    `target` (1 rhetoric .. 4 practice); avoid: this delegation never adopts `norm`.
    """

    kind: ObjectiveKind
    norm: str
    forum: str | None = None
    target: float = 0.0
    weight: float = 1.0
    description: str = ""


@attrs.frozen
class Delegation:
    id: str
    name: str
    kind: DelegationKind = "state"
    power: float = 0.5
    capacity: float = 0.5
    budget: float = 3.0
    values: dict[str, float] = attrs.field(factory=dict)
    affinity: dict[str, float] = attrs.field(factory=dict)
    bloc: str = ""
    threshold: float | None = None
    strategy: str = "bandwagoner"
    human: bool = False
    instructions: str = ""
    red_lines: tuple[str, ...] = ()
    objectives: tuple[Objective, ...] = ()

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_KINDS


@attrs.frozen
class Framework:
    """An established body of norms a new one can be grafted onto."""

    id: str
    name: str
    description: str = ""


@attrs.frozen
class Norm:
    id: str
    statement: str
    domains: tuple[str, ...] = ()
    harms: tuple[str, ...] = ()
    clarity: float = 0.5
    utility: float = 0.5
    doability: float = 0.5
    framework: str | None = None
    conflicts: tuple[str, ...] = ()
    description: str = ""


@attrs.frozen
class Forum:
    """Where norms are proposed and decided. `members` empty with `open_to_all` means everyone."""

    id: str
    name: str
    kind: ForumKind = "decentralized"
    rule: DecisionRule = "majority"
    members: tuple[str, ...] = ()
    open_to_all: bool = False
    cadence: int = 1
    offset: int = 0
    agenda_size: int = 3
    min_deliberation: int = 0
    max_sessions: int = 3
    open_to_non_state: bool = False
    binding: bool = False
    quota: float = 0.67
    min_signatories: int = 2
    description: str = ""

    def meets_on(self, turn: int) -> bool:
        return turn >= self.offset and (turn - self.offset) % self.cadence == 0


@attrs.frozen
class Tie:
    a: str
    b: str
    kind: str = "partner"
    weight: float = 1.0


@attrs.frozen
class TieGroup:
    """A clique of ties: every pair of `members` is tied (an alliance, a trade bloc)."""

    kind: str
    members: tuple[str, ...]
    weight: float = 1.0


@attrs.frozen
class Trigger:
    """When a condition-triggered inject fires: the first turn its condition holds."""

    event: TriggerEvent
    norm: str
    forum: str | None = None
    value: float = 0.0


@attrs.frozen
class Effect:
    """What an inject does. salience: `domain` += delta; capacity/power/budget: `delegation`'s
    value += delta; join/leave: `delegation` joins or leaves `forum`; attribution: `delegation`
    is named as an attacker (its power -= delta, security salience += delta); note: nothing."""

    kind: EffectKind
    domain: str | None = None
    delegation: str | None = None
    forum: str | None = None
    delta: float = 0.0


@attrs.frozen
class Inject:
    """A scripted event. Fires at `turn`, or when `when` holds, or only by the facilitator
    (`manual = true`, or neither a turn nor a condition)."""

    id: str
    title: str
    description: str = ""
    turn: int | None = None
    when: Trigger | None = None
    manual: bool = False
    effects: tuple[Effect, ...] = ()


@attrs.frozen
class ModelParams:
    """The model's coefficients (docs/model.md explains each). A scenario may override any of
    them in a `[model]` table; sweeps vary them like any other key."""

    clarity_weight: float = 0.35
    utility_weight: float = 0.7
    graft_weight: float = 0.6
    graft_neutral: float = 0.4
    social_weight: float = 0.7
    cascade_tipping: float = 0.33
    cascade_weight: float = 0.6
    conflict_weight: float = 0.8
    cost_weight: float = 0.45
    held_bonus: float = 0.6
    precedent_weight: float = 0.25
    lobby_effect: float = 0.12
    lobby_decay: float = 0.5
    diffusion_noise: float = 0.06
    vote_yes: float = 0.3
    vote_no: float = 0.0
    base_internalization: float = 0.22
    implement_effect: float = 0.45
    assist_effect: float = 0.25
    assist_capacity: float = 0.15
    assist_decay: float = 0.8
    binding_effect: float = 0.12
    lip_service_alignment: float = -0.05
    clarify_step: float = 0.12
    narrow_step: float = 0.12
    threshold_low: float = 0.35
    threshold_high: float = 0.75


@attrs.frozen
class Scenario:
    id: str
    title: str
    description: str = ""
    turns: int = 12
    minutes_per_turn: int = 15
    seed: int = 1
    learning_objectives: tuple[str, ...] = ()
    domains: tuple[str, ...] = DEFAULT_DOMAINS
    salience: dict[str, float] = attrs.field(factory=dict)
    frameworks: tuple[Framework, ...] = ()
    delegations: tuple[Delegation, ...] = ()
    norms: tuple[Norm, ...] = ()
    forums: tuple[Forum, ...] = ()
    ties: tuple[Tie, ...] = ()
    tie_groups: tuple[TieGroup, ...] = ()
    injects: tuple[Inject, ...] = ()
    model: ModelParams = ModelParams()

    @functools.cached_property
    def by_id(self) -> ScenarioIndex:
        return ScenarioIndex(self)

    @functools.cached_property
    def memo(self) -> dict[str, object]:
        """Derived data other layers compute once per scenario (see core/memo.py)."""
        return {}

    def delegation(self, delegation_id: str) -> Delegation:
        return self.by_id.delegations[delegation_id]

    def norm(self, norm_id: str) -> Norm:
        return self.by_id.norms[norm_id]

    def forum(self, forum_id: str) -> Forum:
        return self.by_id.forums[forum_id]

    def inject(self, inject_id: str) -> Inject:
        return self.by_id.injects[inject_id]


class ScenarioIndex:
    """Look-ups by id, built once per scenario."""

    def __init__(self, scenario: Scenario):
        self.delegations = {d.id: d for d in scenario.delegations}
        self.norms = {n.id: n for n in scenario.norms}
        self.forums = {f.id: f for f in scenario.forums}
        self.frameworks = {f.id: f for f in scenario.frameworks}
        self.injects = {i.id: i for i in scenario.injects}
        self.delegation_ids = tuple(sorted(self.delegations))
        self.norm_ids = tuple(sorted(self.norms))
        self.forum_ids = tuple(sorted(self.forums))
