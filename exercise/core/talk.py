"""Talk: what delegations say and offer each other during a turn. Small value types that
round-trip to one line of text, like orders, but posted as they are said (the talk log of the
turn, in order) instead of submitted at the turn's end.

    say in FORUM: WORDS                          a statement on a forum's floor (its members hear it)
    say in FORUM support|oppose|conditional NORM,NORM: WORDS    ... taking a position on norms
    say to SEAT: WORDS                           a bilateral message
    say to coalition NAME: WORDS                 a message to a coalition the speaker is in
    form NAME with SEAT,SEAT                     found a coalition and invite others to it
    join NAME                                    accept an invitation to a coalition
    offer SEAT [by TURN] [announced]: ORDER; ORDER if ORDER; ORDER
                                                 a deal: the offerer's orders if the other's
    accept OFFER    reject OFFER                 answer an offer made to you this turn
    counter OFFER [by TURN] [announced]: ORDER if ORDER     reject it and offer back

An offer's id is `TURN.N`: the N-th offer of the turn being played. A deal's orders are given by
the end of turn `by` (the turn it is made in when not said); the engine then records it kept or
broken. Secret unless announced: only the two parties and the white cell see a secret deal.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal, get_args

import attrs

from exercise.core.orders import FACILITATOR_ORDERS, Order, Pass, parse_order
from exercise.errors import OrderSyntaxError

Position = Literal["support", "oppose", "conditional"]
POSITIONS: tuple[Position, ...] = get_args(Position)
Channel = Literal["floor", "coalition", "bilateral"]
MAX_WORDS = 500  # characters of free text in one message
MAX_SIDE = 4  # orders on one side of a deal


@attrs.frozen
class Talk:
    verb: ClassVar[str] = ""

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError


@attrs.frozen
class Statement(Talk):
    """Said on a forum's floor: every member hears it, and reads its position on the norms."""

    verb: ClassVar[str] = "say"
    forum: str
    words: str
    position: Position | None = None
    norms: tuple[str, ...] = ()

    def text(self) -> str:
        stance = f" {self.position} {','.join(self.norms)}" if self.position else ""
        return f"say in {self.forum}{stance}: {self.words}"


@attrs.frozen
class Message(Talk):
    """A bilateral message: only the two seats (and the white cell) see it."""

    verb: ClassVar[str] = "say"
    to: str
    words: str

    def text(self) -> str:
        return f"say to {self.to}: {self.words}"


@attrs.frozen
class CoalitionMessage(Talk):
    verb: ClassVar[str] = "say"
    coalition: str
    words: str

    def text(self) -> str:
        return f"say to coalition {self.coalition}: {self.words}"


@attrs.frozen
class Form(Talk):
    verb: ClassVar[str] = "form"
    coalition: str
    invited: tuple[str, ...]

    def text(self) -> str:
        return f"form {self.coalition} with {','.join(self.invited)}"


@attrs.frozen
class Join(Talk):
    verb: ClassVar[str] = "join"
    coalition: str

    def text(self) -> str:
        return f"join {self.coalition}"


@attrs.frozen
class Offer(Talk):
    """`gives`: the offerer's orders; `wants`: the other seat's, in return."""

    verb: ClassVar[str] = "offer"
    to: str
    gives: tuple[Order, ...]
    wants: tuple[Order, ...]
    by: int | None = None
    announced: bool = False

    def text(self) -> str:
        return f"offer {self.to}{_terms(self)}"


@attrs.frozen
class Reply(Talk):
    """accept or reject an offer by its id."""

    verb: ClassVar[str] = "reply"
    offer: str
    answer: Literal["accept", "reject"]

    def text(self) -> str:
        return f"{self.answer} {self.offer}"


@attrs.frozen
class Counter(Talk):
    """Reject `offer` and offer its maker other terms in the same breath."""

    verb: ClassVar[str] = "counter"
    offer: str
    gives: tuple[Order, ...]
    wants: tuple[Order, ...]
    by: int | None = None
    announced: bool = False

    def text(self) -> str:
        return f"counter {self.offer}{_terms(self)}"


TALK_VERBS = ("say", "form", "join", "offer", "accept", "reject", "counter")


def _terms(deal: Offer | Counter) -> str:
    by = f" by {deal.by}" if deal.by is not None else ""
    announced = " announced" if deal.announced else ""
    gives = "; ".join(map(str, deal.gives))
    wants = "; ".join(map(str, deal.wants))
    return f"{by}{announced}: {gives} if {wants}"


def is_talk(text: str) -> bool:
    """Whether a line is talk rather than an order (by its first word)."""
    words = text.split(maxsplit=1)
    return bool(words) and words[0].lower() in TALK_VERBS


_NAME = r"[^\W_][\w.-]*"  # ids may hold any lowercase letter (core/limits.py), as orders do
_OFFER_ID = r"\d+\.\d+"
_SAY_FLOOR = re.compile(rf"say in ({_NAME})(?: (\w+) ([^:\s]+))?$")
_SAY_TO = re.compile(rf"say to (?:(coalition) )?({_NAME})$")
_FORM = re.compile(rf"form ({_NAME}) with ([^\s]+)$")
_JOIN = re.compile(rf"join ({_NAME})$")
_DEAL_HEAD = re.compile(rf"(offer|counter) ({_NAME}|{_OFFER_ID})( by (\d+))?( announced)?$")
_REPLY = re.compile(rf"(accept|reject) ({_OFFER_ID})$")


def parse_talk(text: str, seat: str = "?") -> Talk:
    """Read one line of talk; raise OrderSyntaxError naming the seat and the line otherwise."""
    line = " ".join(text.split())
    if not line:
        raise OrderSyntaxError(seat, repr(text), "nothing said")
    verb = line.split(" ", 1)[0].lower()
    line = verb + line[len(verb) :]

    def bad(reason: str) -> OrderSyntaxError:
        return OrderSyntaxError(seat, line, reason)

    if verb not in TALK_VERBS:
        raise bad(f"'{verb}' is not something a seat can say; a line starts with " + ", ".join(TALK_VERBS))
    if verb in ("accept", "reject"):
        m = _REPLY.match(line)
        if not m:
            raise bad(f"expected '{verb} OFFER' with the offer's id, like 3.1")
        return Reply(m.group(2), m.group(1))  # type: ignore[arg-type]
    if verb == "join":
        m = _JOIN.match(line)
        if not m:
            raise bad("expected 'join COALITION'")
        return Join(m.group(1))
    if verb == "form":
        m = _FORM.match(line)
        if not m:
            raise bad("expected 'form NAME with SEAT,SEAT'")
        return Form(m.group(1), _names(m.group(2), bad, "seat"))
    head, sep, tail = line.partition(":")
    if not sep:
        raise bad(f"expected '{'say ...: WORDS' if verb == 'say' else verb + ' ...: ORDERS if ORDERS'}'")
    head, tail = head.strip(), tail.strip()
    if verb == "say":
        return _say(head, tail, bad)
    m = _DEAL_HEAD.match(head)
    if not m:
        raise bad(
            "expected 'offer SEAT [by TURN] [announced]: ...'" if verb == "offer" else "expected 'counter OFFER ...'"
        )
    gives_text, sep, wants_text = tail.partition(" if ")
    if not sep:
        raise bad("a deal says what each side gives: 'ORDER; ORDER if ORDER; ORDER'")
    gives = _side(gives_text, seat, bad)
    wants = _side(wants_text, m.group(2) if verb == "offer" else "?", bad)
    by = int(m.group(4)) if m.group(4) else None
    announced = bool(m.group(5))
    if verb == "offer":
        return Offer(m.group(2), gives, wants, by, announced)
    if not re.fullmatch(_OFFER_ID, m.group(2)):
        raise bad("counter names the offer's id, like 3.1")
    return Counter(m.group(2), gives, wants, by, announced)


def _say(head: str, words: str, bad) -> Talk:
    if not words:
        raise bad("nothing said after ':'")
    if len(words) > MAX_WORDS:
        raise bad(f"at most {MAX_WORDS} characters can be said at once")
    m = _SAY_TO.match(head)
    if m:
        return CoalitionMessage(m.group(2), words) if m.group(1) else Message(m.group(2), words)
    m = _SAY_FLOOR.match(head)
    if not m:
        raise bad("expected 'say in FORUM: ...', 'say to SEAT: ...' or 'say to coalition NAME: ...'")
    if m.group(2) is None:
        return Statement(m.group(1), words)
    if m.group(2) not in POSITIONS:
        raise bad(f"a position is {', '.join(POSITIONS)}, not {m.group(2)!r}")
    return Statement(m.group(1), words, m.group(2), _names(m.group(3), bad, "norm"))  # type: ignore[arg-type]


def _names(text: str, bad, what: str) -> tuple[str, ...]:
    names = tuple(n for n in text.split(","))
    if any(not re.fullmatch(_NAME, n) for n in names):
        raise bad(f"{what}s are ids separated by commas, no spaces")
    if len(set(names)) != len(names):
        raise bad(f"a {what} is named twice")
    return names


def _side(text: str, seat: str, bad) -> tuple[Order, ...]:
    parts = [p.strip() for p in text.split(";")]
    if not all(parts):
        raise bad("each side of a deal is one or more orders separated by ';'")
    if len(parts) > MAX_SIDE:
        raise bad(f"at most {MAX_SIDE} orders on one side of a deal")
    orders = tuple(parse_order(p, seat) for p in parts)
    for order in orders:
        if isinstance(order, (Pass, *FACILITATOR_ORDERS)):
            raise bad(f"'{order}' cannot be promised in a deal")
    if len(set(orders)) != len(orders):
        raise bad("an order is promised twice")
    return orders


def offer_id(turn: int, n: int) -> str:
    """The id of the n-th offer (counters included) made during `turn`."""
    return f"{turn}.{n}"


def offer_turn(offer: str) -> int:
    return int(offer.split(".", 1)[0])
