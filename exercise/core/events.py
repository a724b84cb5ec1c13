"""Events: the typed record of what happened in a turn.

Every event has the turn, a sequence number unique in the game, and an audience: empty for
public events, otherwise the seats allowed to see it (the facilitator sees everything).
"""

from __future__ import annotations

from typing import ClassVar, Literal, get_args

import attrs

from exercise.core.seats import PUBLIC, Viewer
from exercise.core.talk import Channel
from exercise.core.wording import decision_line, package_contents


@attrs.frozen(kw_only=True)
class Event:
    kind: ClassVar[str] = "event"
    turn: int
    seq: int = 0
    audience: tuple[str, ...] = ()

    def visible_to(self, viewer: Viewer) -> bool:
        """None is the facilitator, who sees everything; PUBLIC sees public events only."""
        return viewer is None or not self.audience or (viewer is not PUBLIC and viewer in self.audience)

    def text(self) -> str:  # pragma: no cover - overridden
        return self.kind


@attrs.frozen(kw_only=True)
class InjectFired(Event):
    kind: ClassVar[str] = "inject"
    inject: str
    title: str
    description: str = ""
    by_facilitator: bool = False

    def text(self) -> str:
        who = " (white cell)" if self.by_facilitator else ""
        return f"INJECT{who}: {self.title}"


@attrs.frozen(kw_only=True)
class OrderGiven(Event):
    kind: ClassVar[str] = "order"
    seat: str
    order: str

    def text(self) -> str:
        return f"{self.seat}: {self.order}"


@attrs.frozen(kw_only=True)
class OrderRefused(Event):
    """An order legal when given that resolution could not carry out (e.g. a full agenda)."""

    kind: ClassVar[str] = "refused"
    seat: str
    order: str
    reason: str

    def text(self) -> str:
        return f"{self.seat}: {self.order}: refused, {self.reason}"


@attrs.frozen(kw_only=True)
class NormProposed(Event):
    kind: ClassVar[str] = "proposed"
    forum: str
    norm: str
    proposer: str

    def text(self) -> str:
        return f"{self.proposer} proposes {self.norm} in {self.forum}"


@attrs.frozen(kw_only=True)
class PackageTabled(Event):
    """A package (one text holding several norms) put on a forum's agenda."""

    kind: ClassVar[str] = "package"
    forum: str
    package: str
    norms: tuple[str, ...]
    proposer: str

    def text(self) -> str:
        return f"{self.proposer} tables the package {self.package} in {self.forum}: {package_contents(self.norms)}"


@attrs.frozen(kw_only=True)
class PackageAmended(Event):
    """A norm dropped from a package: the positions taken on the old text are cleared; a
    package left with one norm becomes that norm's own agenda item (`norms` empty)."""

    kind: ClassVar[str] = "package-amended"
    forum: str
    package: str
    dropped: str
    by: str
    norms: tuple[str, ...]  # what the package holds now; () when it became its last norm's item

    def text(self) -> str:
        now = package_contents(self.norms) if self.norms else "left with one norm, it is that norm's own item"
        return f"{self.by} drops {self.dropped} from {self.package} in {self.forum}: {now}"


@attrs.frozen(kw_only=True)
class NormWithdrawn(Event):
    kind: ClassVar[str] = "withdrawn"
    forum: str
    norm: str
    by: str

    def text(self) -> str:
        return f"{self.by} withdraws {self.norm} from {self.forum}"


@attrs.frozen(kw_only=True)
class NormAmended(Event):
    kind: ClassVar[str] = "amended"
    forum: str
    norm: str
    by: str
    change: str
    clarity: float
    utility: float
    doability: float

    def text(self) -> str:
        return (
            f"{self.by} amends {self.norm} in {self.forum} ({self.change}): clarity "
            f"{self.clarity:.2f}, utility {self.utility:.2f}, do-ability {self.doability:.2f}"
        )


@attrs.frozen(kw_only=True)
class NormGrafted(Event):
    kind: ClassVar[str] = "grafted"
    norm: str
    framework: str
    by: str

    def text(self) -> str:
        return f"{self.by} grafts {self.norm} onto {self.framework}"


# One agenda item's fate at a forum session (SessionOutcome.outcome).
Outcome = Literal["adopted", "blocked", "deadlocked", "tabled", "deliberating"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
# The outcomes that are a forum's decision; the others are "no agreement (yet)".
DECIDED: tuple[Outcome, ...] = ("adopted", "blocked", "tabled")


@attrs.frozen(kw_only=True)
class SessionOutcome(Event):
    """One agenda item's fate at a forum session: adopted, blocked, deadlocked, tabled
    (dropped after too many sessions) or deliberating (too early to decide). For a package
    `norm` is its name and `norms` what it holds (empty for a single norm)."""

    kind: ClassVar[str] = "session"
    forum: str
    norm: str
    outcome: Outcome
    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    blockers: tuple[str, ...] = ()
    norms: tuple[str, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        """The norms decided: a package's, or the one norm."""
        return self.norms or (self.norm,)

    def text(self) -> str:
        return decision_line(self, loud=True)


@attrs.frozen(kw_only=True)
class NormAdopted(Event):
    """A delegation now holds a norm, through a forum decision or by diffusion."""

    kind: ClassVar[str] = "adopted"
    norm: str
    delegation: str
    via: str  # a forum id, "signon:<forum>" or "diffusion"

    def text(self) -> str:
        return f"{self.delegation} adopts {self.norm} ({self.via})"


@attrs.frozen(kw_only=True)
class DepthReached(Event):
    kind: ClassVar[str] = "depth"
    norm: str
    delegation: str
    depth: int
    depth_name: str

    def text(self) -> str:
        return f"{self.delegation} takes {self.norm} to {self.depth_name}"


@attrs.frozen(kw_only=True)
class Lobbied(Event):
    kind: ClassVar[str] = "lobbied"
    by: str
    target: str
    norm: str

    def text(self) -> str:
        return f"{self.by} lobbies {self.target} on {self.norm}"


@attrs.frozen(kw_only=True)
class Assisted(Event):
    kind: ClassVar[str] = "assisted"
    by: str
    target: str
    norm: str
    amount: float

    def text(self) -> str:
        return f"{self.by} gives {self.target} assistance on {self.norm} ({self.amount:g})"


@attrs.frozen(kw_only=True)
class Implemented(Event):
    kind: ClassVar[str] = "implemented"
    by: str
    norm: str

    def text(self) -> str:
        return f"{self.by} implements {self.norm} at home"


@attrs.frozen(kw_only=True)
class FacilitatorAction(Event):
    """The audit trail of the white cell: pause, resume, hand-over, forced turns, injects."""

    kind: ClassVar[str] = "facilitator"
    # The only white-cell actions a seat may see: that the game stopped and started again.
    # Everything else (forced turns, hand-overs, codes, the clock's settings, queued injects)
    # is the white cell's alone, whatever audience an older save recorded for it.
    PUBLIC_ACTIONS: ClassVar[frozenset[str]] = frozenset({"pause", "resume"})
    action: str
    detail: str = ""

    def visible_to(self, viewer: Viewer) -> bool:
        return viewer is None or self.action in self.PUBLIC_ACTIONS

    def text(self) -> str:
        return f"white cell: {self.action} {self.detail}".rstrip()


@attrs.frozen(kw_only=True)
class Said(Event):
    """A statement on a forum's floor, a coalition message or a bilateral one (core/talk.py).
    `to` is the forum, the coalition or the seat spoken to."""

    kind: ClassVar[str] = "said"
    speaker: str
    channel: Channel
    to: str
    words: str
    position: str = ""  # support | oppose | conditional, on `norms`
    norms: tuple[str, ...] = ()

    def text(self) -> str:
        where = {"floor": f"in {self.to}", "coalition": f"to coalition {self.to}"}.get(self.channel, f"to {self.to}")
        stance = f" [{self.position} {', '.join(self.norms)}]" if self.position else ""
        return f"{self.speaker} says {where}{stance}: {self.words}"


@attrs.frozen(kw_only=True)
class CoalitionChanged(Event):
    kind: ClassVar[str] = "coalition"
    coalition: str
    seat: str
    change: str  # formed | joined
    invited: tuple[str, ...] = ()

    def text(self) -> str:
        if self.change == "formed":
            return f"{self.seat} forms coalition {self.coalition}, inviting {', '.join(self.invited)}"
        return f"{self.seat} joins coalition {self.coalition}"


@attrs.frozen(kw_only=True)
class OfferMade(Event):
    """A deal offered: `gives` are the offerer's orders, `wants` the other seat's. `counters`:
    the offer this one answers, when it is a counter-offer."""

    kind: ClassVar[str] = "offer"
    offer: str
    offerer: str
    to: str
    gives: tuple[str, ...]
    wants: tuple[str, ...]
    due: int
    announced: bool = False
    counters: str = ""

    def text(self) -> str:
        what = f"counter-offer {self.offer} (to {self.counters})" if self.counters else f"offer {self.offer}"
        public = ", announced" if self.announced else ""
        return (
            f"{self.offerer} makes {self.to} {what}: {'; '.join(self.gives)} if {'; '.join(self.wants)}"
            f" (by turn {self.due}{public})"
        )


@attrs.frozen(kw_only=True)
class OfferAnswered(Event):
    kind: ClassVar[str] = "answer"
    offer: str
    by: str
    answer: str  # accepted | rejected | countered | expired

    def text(self) -> str:
        if self.answer == "expired":
            return f"offer {self.offer} to {self.by} expired unanswered"
        return f"{self.by} {self.answer} offer {self.offer}"


@attrs.frozen(kw_only=True)
class DealSettled(Event):
    """A commitment came due: `seat` kept or broke its side; `trust` is what the other party's
    trust in it is now, `reputation` its public reputation."""

    kind: ClassVar[str] = "deal"
    deal: str
    seat: str
    outcome: str  # kept | broken
    promised: tuple[str, ...]
    missing: tuple[str, ...] = ()
    trust: float = 1.0
    reputation: float = 1.0

    def text(self) -> str:
        if self.outcome == "kept":
            return f"{self.seat} kept its side of deal {self.deal}"
        # what breaking it cost, said where the breach is seen (the parties; everyone if announced)
        cost = f"; its partner's trust in it is now {self.trust:.2f}"
        if self.reputation < 1.0:
            cost += f", its reputation {self.reputation:.2f}"
        return f"{self.seat} broke deal {self.deal}: did not {'; '.join(self.missing)}{cost}"


EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        InjectFired,
        OrderGiven,
        OrderRefused,
        NormProposed,
        PackageTabled,
        PackageAmended,
        NormWithdrawn,
        NormAmended,
        NormGrafted,
        SessionOutcome,
        NormAdopted,
        DepthReached,
        Lobbied,
        Assisted,
        Implemented,
        FacilitatorAction,
        Said,
        CoalitionChanged,
        OfferMade,
        OfferAnswered,
        DealSettled,
    )
}
TALK_KINDS = frozenset({"said", "coalition", "offer", "answer", "deal"})
