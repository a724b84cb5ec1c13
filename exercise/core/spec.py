"""The scenario: everything a game starts from, as immutable attrs value types.

A scenario file (TOML) is structured into these classes by `exercise.scenario`; the engine
never changes them. What changes during play lives in `exercise.core.state`.
"""

from __future__ import annotations

import functools
from typing import Literal, get_args

import attrs

from exercise.core.limits import DOMAIN_KIND, ID, ID_KIND, RANGE, RUBRIC_LEVEL, SEED, TEXT, Range, Text

REF = "ref"  # field metadata: the field names (or lists) ids of this kind, checked to exist


def num(default, low: float, high: float, **kw):
    """A number field in [low, high] (every value of a table field, for a factory default)."""
    meta = {RANGE: Range(low, high)}
    if callable(default):
        return attrs.field(factory=default, metadata=meta, **kw)
    return attrs.field(default=default, metadata=meta, **kw)


def whole(default, low: int, high: int):
    return attrs.field(default=default, metadata={RANGE: Range(low, high, whole=True)})


def text(default=attrs.NOTHING, max_len: int = 200, one_line: bool = True):
    """A string (or, with a tuple default, each string of a list) of bounded length."""
    meta = {TEXT: Text(max_len, one_line)}
    if isinstance(default, tuple):
        return attrs.field(factory=tuple, metadata=meta)
    return attrs.field(default=default, metadata=meta)


def ident():
    return attrs.field(metadata={ID: ID_KIND})


def ref(kind: str, default=attrs.NOTHING):
    if isinstance(default, tuple):
        return attrs.field(factory=tuple, metadata={REF: kind})
    return attrs.field(default=default, metadata={REF: kind})


UNIT = (0.0, 1.0)
LONG = 5000  # a paragraph or a few: descriptions, instructions

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
DELEGATION_KINDS: tuple[str, ...] = get_args(DelegationKind)
# Who sits with states (docs/model.md, "Who sits in a forum"): the rule lives here and only here.
# Government delegations -- a state, or a state's military -- may be listed as members of any
# forum; the other kinds only of a forum that is `open_to_non_state`. An `open_to_all` forum
# seats every *state* by itself (a military sits there only as a non-state, or its state would
# speak twice) and every delegation when it is also `open_to_non_state`.
STATE_KINDS: frozenset[str] = frozenset({"state", "military"})  # government delegations
SEATED_BY_OPEN_TO_ALL: frozenset[str] = frozenset({"state"})

ForumKind = Literal["centralized", "decentralized"]
DecisionRule = Literal["consensus", "unanimity", "majority", "qualified", "weighted", "signon"]
DECISION_RULES: tuple[str, ...] = get_args(DecisionRule)

ObjectiveKind = Literal["adopt", "block", "breadth", "depth", "avoid"]

EffectKind = Literal["salience", "capacity", "power", "budget", "join", "leave", "attribution", "note"]

TriggerEvent = Literal["adopted", "on_agenda", "blocked", "breadth_above"]


@attrs.frozen
class Objective:
    """What a delegation is scored against.

    adopt: `norm` adopted (in `forum`, or anywhere); block: `norm` not adopted (in `forum`);
    breadth: `norm`'s breadth reaches `target`; depth: this delegation's depth of `norm` reaches
    `target` (1 rhetoric .. 4 practice); avoid: this delegation never adopts `norm`.
    """

    kind: ObjectiveKind
    norm: str = ref("norm")
    forum: str | None = ref("forum", None)
    target: float = num(0.0, 0, 4)
    weight: float = num(1.0, 0, 1000)
    description: str = text("", LONG, one_line=False)


@attrs.frozen
class Delegation:
    id: str = ident()
    name: str = text()
    kind: DelegationKind = "state"
    power: float = num(0.5, *UNIT)
    capacity: float = num(0.5, *UNIT)
    budget: float = num(3.0, 0, 1000)
    values: dict[str, float] = num(dict, *UNIT)
    affinity: dict[str, float] = num(dict, *UNIT)
    bloc: str = text("", 64)
    threshold: float | None = num(None, *UNIT)
    strategy: str = ref("strategy", "bandwagoner")
    human: bool = False
    instructions: str = text("", LONG, one_line=False)
    red_lines: tuple[str, ...] = text((), 1000, one_line=False)
    objectives: tuple[Objective, ...] = ()

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_KINDS


@attrs.frozen
class Framework:
    """An established body of norms a new one can be grafted onto."""

    id: str = ident()
    name: str = text()
    description: str = text("", LONG, one_line=False)


@attrs.frozen
class Norm:
    id: str = ident()
    statement: str = text(attrs.NOTHING, 1000, one_line=False)
    domains: tuple[str, ...] = ref("domain", ())
    harms: tuple[str, ...] = ref("domain", ())
    clarity: float = num(0.5, *UNIT)
    utility: float = num(0.5, *UNIT)
    doability: float = num(0.5, *UNIT)
    framework: str | None = ref("framework", None)
    conflicts: tuple[str, ...] = ref("norm", ())
    holders: tuple[str, ...] = ref("delegation", ())
    description: str = text("", LONG, one_line=False)


@attrs.frozen
class Forum:
    """Where norms are proposed and decided. `members` empty with `open_to_all` means everyone."""

    id: str = ident()
    name: str = text()
    kind: ForumKind = "decentralized"
    rule: DecisionRule = "majority"
    members: tuple[str, ...] = ref("delegation", ())
    open_to_all: bool = False
    cadence: int = whole(1, 1, 1000)
    offset: int = whole(0, 0, 1000)
    agenda_size: int = whole(3, 1, 100)
    min_deliberation: int = whole(0, 0, 1000)
    max_sessions: int = whole(3, 1, 1000)
    open_to_non_state: bool = False
    binding: bool = False
    quota: float = num(0.67, *UNIT)
    min_signatories: int = whole(2, 1, 100_000)
    # a sign-on call's texts open for signature at the start, with who has signed each already
    signatories: dict[str, tuple[str, ...]] = attrs.field(factory=dict, metadata={REF: "delegation"})
    description: str = text("", LONG, one_line=False)

    def meets_on(self, turn: int) -> bool:
        return turn >= self.offset and (turn - self.offset) % self.cadence == 0

    def may_list(self, delegation: Delegation) -> bool:
        """Whether the scenario may name `delegation` among this forum's members."""
        return delegation.is_state or self.open_to_non_state

    def seats_unlisted(self, delegation: Delegation) -> bool:
        """Whether an `open_to_all` forum seats `delegation` without its being listed."""
        return self.open_to_all and (delegation.kind in SEATED_BY_OPEN_TO_ALL or self.open_to_non_state)


@attrs.frozen
class TabledPackage:
    """A package the scenario puts on a forum's agenda: one text holding several norms (a draft
    report a chair circulates), adopted or rejected as one (docs/model.md, "Packages"). Turn 0:
    on the agenda when the game starts; a later turn: tabled first thing in that turn's orders
    (when a group convenes, say), if the agenda has room then."""

    id: str = ident()
    forum: str = ref("forum")
    proposer: str = ref("delegation")
    norms: tuple[str, ...] = ref("norm", ())
    turn: int = whole(0, 0, 1000)
    description: str = text("", LONG, one_line=False)


@attrs.frozen
class Tie:
    a: str = ref("delegation")
    b: str = ref("delegation")
    kind: str = text("partner", 64)
    weight: float = num(1.0, *UNIT)


@attrs.frozen
class TieGroup:
    """A clique of ties: every pair of `members` is tied (an alliance, a trade bloc)."""

    kind: str = text(attrs.NOTHING, 64)
    members: tuple[str, ...] = ref("delegation")
    weight: float = num(1.0, *UNIT)


@attrs.frozen
class Trigger:
    """When a condition-triggered inject fires: the first turn its condition holds."""

    event: TriggerEvent
    norm: str = ref("norm")
    forum: str | None = ref("forum", None)
    value: float = num(0.0, *UNIT)


@attrs.frozen
class Effect:
    """What an inject does. salience: `domain` += delta; capacity/power/budget: `delegation`'s
    value += delta; join/leave: `delegation` joins or leaves `forum`; attribution: `delegation`
    is named as an attacker (its power -= delta, security salience += delta); note: nothing."""

    kind: EffectKind
    domain: str | None = ref("domain", None)
    delegation: str | None = ref("delegation", None)
    forum: str | None = ref("forum", None)
    delta: float = num(0.0, -1000, 1000)


@attrs.frozen
class Inject:
    """A scripted event. Fires at `turn`, or when `when` holds, or only by the facilitator
    (`manual = true`, or neither a turn nor a condition)."""

    id: str = ident()
    title: str = text()
    description: str = text("", LONG, one_line=False)
    turn: int | None = whole(None, 1, 1000)
    when: Trigger | None = None
    manual: bool = False
    effects: tuple[Effect, ...] = ()
    # The planners' columns of the master scenario events list (`exercise msel`); the engine
    # does not read them. sender: who the inject comes from (press, a ministry, the white cell);
    # recipients: the seats it is addressed to (none: everyone); objective: the exercise
    # objective it serves (an objective id, as evaluators score against).
    sender: str = text("", 200)
    recipients: tuple[str, ...] = ref("delegation", ())
    expected_action: str = text("", LONG, one_line=False)
    objective: str = text("", 64)
    notes: str = text("", LONG, one_line=False)


@attrs.frozen
class ModelParams:
    """The model's coefficients (docs/model.md explains each). A scenario may override any of
    them in a `[model]` table; sweeps vary them like any other key."""

    clarity_weight: float = num(0.35, 0, 10)
    utility_weight: float = num(0.7, 0, 10)
    graft_weight: float = num(0.6, 0, 10)
    graft_neutral: float = num(0.4, *UNIT)
    social_weight: float = num(0.7, 0, 10)
    cascade_tipping: float = num(0.33, *UNIT)
    cascade_weight: float = num(0.15, 0, 10)
    conflict_weight: float = num(0.8, 0, 10)
    rival_weight: float = num(0.3, 0, 10)
    cost_weight: float = num(0.45, 0, 10)
    held_bonus: float = num(0.6, 0, 10)
    precedent_weight: float = num(0.25, 0, 10)
    lobby_effect: float = num(0.12, 0, 10)
    # negotiation (engine/commitments.py): what breaking a deal costs, and how fast it heals
    trust_break: float = num(0.5, *UNIT)
    reputation_break: float = num(0.25, *UNIT)
    trust_recovery: float = num(0.05, *UNIT)
    # deal pricing (strategies/negotiation.py): what a scripted seat counts a deal worth
    deal_threshold: float = num(0.1, -10, 10)
    counter_margin: float = num(0.5, 0, 10)
    budget_value: float = num(0.25, 0, 10)
    influence_value: float = num(0.1, 0, 10)
    objective_value: float = num(0.5, 0, 10)
    red_line_weight: float = num(2.0, 0, 1000)
    side_payment: float = num(2.0, 0, 1000)
    max_offers: int = whole(2, 0, 1000)
    lobby_decay: float = num(0.5, *UNIT)
    diffusion_noise: float = num(0.06, *UNIT)
    uptake: int = whole(1, 0, 1000)
    adoption_hazard: float = num(0.1, *UNIT)
    vote_yes: float = num(0.3, -10, 10)
    vote_no: float = num(0.0, -10, 10)
    vote_noise: float = num(0.1, 0, 10)
    stand_aside_weight: float = num(0.4, 0, 10)
    package_tolerance: float = num(0.3, 0, 10)
    block_memory: int = whole(2, 0, 1000)
    base_internalization: float = num(0.22, *UNIT)
    implement_effect: float = num(0.45, 0, 10)
    assist_effect: float = num(0.25, 0, 10)
    assist_capacity: float = num(0.15, 0, 10)
    assist_decay: float = num(0.8, *UNIT)
    binding_effect: float = num(0.12, 0, 10)
    lip_service_alignment: float = num(-0.05, -10, 10)
    clarify_step: float = num(0.12, 0, 10)
    narrow_step: float = num(0.12, 0, 10)
    threshold_low: float = num(0.35, *UNIT)
    threshold_high: float = num(0.75, *UNIT)


@attrs.frozen
class RubricLevel:
    """What one level of a rubric criterion looks like (1: unable to be performed .. 4:
    performed without challenges)."""

    level: int = attrs.field(metadata={RANGE: RUBRIC_LEVEL})
    looks_like: str = text(attrs.NOTHING, LONG, one_line=False)


@attrs.frozen
class Criterion:
    """One criterion of the scenario's rubric: the exercise objective it evaluates (an id
    evaluators score against), a title, and what each level 1 to 4 looks like."""

    objective: str = ident()
    title: str = text()
    levels: tuple[RubricLevel, ...] = ()


@attrs.frozen
class Scenario:
    id: str = ident()
    title: str = text()
    description: str = text("", 20_000, one_line=False)
    turns: int = whole(12, 1, 1000)
    minutes_per_turn: int = whole(15, 1, 1440)
    seed: int = attrs.field(default=1, metadata={RANGE: SEED})
    learning_objectives: tuple[str, ...] = text((), 1000, one_line=False)
    domains: tuple[str, ...] = attrs.field(default=DEFAULT_DOMAINS, metadata={ID: DOMAIN_KIND})
    salience: dict[str, float] = num(dict, *UNIT)
    frameworks: tuple[Framework, ...] = ()
    delegations: tuple[Delegation, ...] = ()
    norms: tuple[Norm, ...] = ()
    forums: tuple[Forum, ...] = ()
    packages: tuple[TabledPackage, ...] = ()
    ties: tuple[Tie, ...] = ()
    tie_groups: tuple[TieGroup, ...] = ()
    injects: tuple[Inject, ...] = ()
    model: ModelParams = ModelParams()
    rubric: tuple[Criterion, ...] = ()  # none: derived from the objectives (scenario/rubric.py)

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
