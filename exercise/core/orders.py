"""Orders: small value types that round-trip to one line of text.

    propose NORM in FORUM          endorse NORM in FORUM        object NORM in FORUM
    amend NORM in FORUM clarify    amend NORM in FORUM narrow   graft NORM onto FRAMEWORK
    lobby DELEGATION on NORM       assist DELEGATION on NORM with AMOUNT
    implement NORM                 signon NORM in FORUM         withdraw NORM from FORUM
    pass

A package is one agenda item holding several norms (a draft report), adopted or not as one:

    package NAME in FORUM of NORM,NORM,...      amend NAME in FORUM drop NORM

and endorse, object and withdraw take its NAME where they take a NORM.

The facilitator (white cell) has three more, resolved in the injects phase:

    fire INJECT                    salience DOMAIN DELTA        shock DELEGATION capacity|power|budget DELTA
"""

from __future__ import annotations

from typing import ClassVar, Literal, get_args

import attrs

from exercise.core.limits import RANGE, Range
from exercise.errors import OrderSyntaxError

# Influence (attention) each order costs; assistance and implementation cost budget instead.
INFLUENCE_COST: dict[str, float] = {
    "propose": 2.0,
    "package": 2.0,
    "endorse": 1.0,
    "object": 1.0,
    "amend": 2.0,
    "graft": 2.0,
    "lobby": 1.0,
    "assist": 1.0,
    "implement": 0.0,
    "signon": 1.0,
    "withdraw": 0.0,
    "pass": 0.0,
}


AmendChange = Literal["clarify", "narrow", "drop"]
AMEND_CHANGES: tuple[AmendChange, ...] = get_args(AmendChange)

# What a white-cell shock may change in a delegation
ShockAttribute = Literal["capacity", "power", "budget"]
SHOCK_ATTRIBUTES: tuple[ShockAttribute, ...] = get_args(ShockAttribute)


@attrs.frozen
class Order:
    verb: ClassVar[str] = ""
    # Plain class attributes, set per verb: strategies price hundreds of candidates a turn.
    influence_cost: ClassVar[float] = 0.0
    budget_cost: ClassVar[float] = 0.0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.influence_cost = INFLUENCE_COST.get(cls.verb, 0.0)

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError


@attrs.frozen
class Propose(Order):
    verb: ClassVar[str] = "propose"
    norm: str
    forum: str

    def text(self) -> str:
        return f"propose {self.norm} in {self.forum}"


@attrs.frozen
class Package(Order):
    """Table one agenda item `name` bundling `norms` (at least two, each once): the text a
    forum adopts or rejects as a whole."""

    verb: ClassVar[str] = "package"
    name: str
    forum: str
    norms: tuple[str, ...]

    def text(self) -> str:
        return f"package {self.name} in {self.forum} of {','.join(self.norms)}"


@attrs.frozen
class Endorse(Order):
    verb: ClassVar[str] = "endorse"
    norm: str
    forum: str

    def text(self) -> str:
        return f"endorse {self.norm} in {self.forum}"


@attrs.frozen
class Object(Order):
    verb: ClassVar[str] = "object"
    norm: str
    forum: str

    def text(self) -> str:
        return f"object {self.norm} in {self.forum}"


@attrs.frozen
class Amend(Order):
    """clarify: simpler text (clarity up, a little utility lost); narrow: less scope (do-ability
    up, utility down); drop: take the norm `dropped` out of the package `norm` (the package's
    name), which clears the positions taken on the old text."""

    verb: ClassVar[str] = "amend"
    norm: str
    forum: str
    change: AmendChange = "clarify"
    dropped: str | None = None  # the norm a "drop" takes out; None for the other changes

    def text(self) -> str:
        tail = f" {self.dropped}" if self.change == "drop" else ""
        return f"amend {self.norm} in {self.forum} {self.change}{tail}"


@attrs.frozen
class Graft(Order):
    verb: ClassVar[str] = "graft"
    norm: str
    framework: str

    def text(self) -> str:
        return f"graft {self.norm} onto {self.framework}"


@attrs.frozen
class Lobby(Order):
    verb: ClassVar[str] = "lobby"
    target: str
    norm: str

    def text(self) -> str:
        return f"lobby {self.target} on {self.norm}"


@attrs.frozen
class Assist(Order):
    """Technical assistance or funding to help `target` implement `norm`."""

    verb: ClassVar[str] = "assist"
    target: str
    norm: str
    amount: float = attrs.field(default=1.0, metadata={RANGE: Range(0, 1000)})

    def text(self) -> str:
        return f"assist {self.target} on {self.norm} with {_num(self.amount)}"

    # Priced by its amount, where the other verbs have one class-wide price. mypy refuses a
    # read-only property over a class attribute, which could be assigned; nothing assigns it.
    @property
    def budget_cost(self) -> float:  # type: ignore[override]
        return self.amount


@attrs.frozen
class Implement(Order):
    """Spend budget at home to move a held norm from rhetoric toward practice."""

    verb: ClassVar[str] = "implement"
    norm: str

    budget_cost: ClassVar[float] = 1.0

    def text(self) -> str:
        return f"implement {self.norm}"


@attrs.frozen
class SignOn(Order):
    verb: ClassVar[str] = "signon"
    norm: str
    forum: str

    def text(self) -> str:
        return f"signon {self.norm} in {self.forum}"


@attrs.frozen
class Withdraw(Order):
    """Withdraw one's proposal, endorsement or objection of `norm` in `forum`."""

    verb: ClassVar[str] = "withdraw"
    norm: str
    forum: str

    def text(self) -> str:
        return f"withdraw {self.norm} from {self.forum}"


@attrs.frozen
class Pass(Order):
    verb: ClassVar[str] = "pass"

    def text(self) -> str:
        return "pass"


@attrs.frozen
class FireInject(Order):
    verb: ClassVar[str] = "fire"
    inject: str

    def text(self) -> str:
        return f"fire {self.inject}"


@attrs.frozen
class SalienceShift(Order):
    verb: ClassVar[str] = "salience"
    domain: str
    delta: float = attrs.field(metadata={RANGE: Range(-1, 1)})

    def text(self) -> str:
        return f"salience {self.domain} {_signed(self.delta)}"


@attrs.frozen
class Shock(Order):
    verb: ClassVar[str] = "shock"
    target: str
    attribute: ShockAttribute
    delta: float = attrs.field(metadata={RANGE: Range(-1000, 1000)})

    def text(self) -> str:
        return f"shock {self.target} {self.attribute} {_signed(self.delta)}"


FACILITATOR_ORDERS = (FireInject, SalienceShift, Shock)
ORDER_TYPES: dict[str, type[Order]] = {
    cls.verb: cls
    for cls in (
        Propose,
        Package,
        Endorse,
        Object,
        Amend,
        Graft,
        Lobby,
        Assist,
        Implement,
        SignOn,
        Withdraw,
        Pass,
        FireInject,
        SalienceShift,
        Shock,
    )
}


def _num(x: float) -> str:
    return f"{x:g}"


def _signed(x: float) -> str:
    return f"{x:+g}"


# verb -> (shape of the words after the verb, field names filled from the NAME slots)
Shape = tuple[tuple[str, ...], tuple[str, ...]]
_GRAMMAR: dict[str, Shape] = {
    "propose": (("NAME", "in", "NAME"), ("norm", "forum")),
    "package": (("NAME", "in", "NAME", "of", "LIST"), ("name", "forum", "norms")),
    "endorse": (("NAME", "in", "NAME"), ("norm", "forum")),
    "object": (("NAME", "in", "NAME"), ("norm", "forum")),
    "signon": (("NAME", "in", "NAME"), ("norm", "forum")),
    "amend": (("NAME", "in", "NAME", "CHANGE"), ("norm", "forum", "change")),
    "graft": (("NAME", "onto", "NAME"), ("norm", "framework")),
    "lobby": (("NAME", "on", "NAME"), ("target", "norm")),
    "assist": (("NAME", "on", "NAME", "with", "NUMBER"), ("target", "norm", "amount")),
    "implement": (("NAME",), ("norm",)),
    "withdraw": (("NAME", "from", "NAME"), ("norm", "forum")),
    "pass": ((), ()),
    "fire": (("NAME",), ("inject",)),
    "salience": (("NAME", "NUMBER"), ("domain", "delta")),
    "shock": (("NAME", "ATTRIBUTE", "NUMBER"), ("target", "attribute", "delta")),
}
# a second shape, of another length, for a verb: `amend NAME in FORUM drop NORM`
_LONGER: dict[str, Shape] = {
    "amend": (("NAME", "in", "NAME", "CHANGE", "NAME"), ("norm", "forum", "change", "dropped")),
}


def number_problem(cls: type[Order], field: str, value: float) -> str | None:
    """What is wrong with `value` for an order's number field (its Range), or None."""
    rule = attrs.fields_dict(cls)[field].metadata.get(RANGE)
    return rule.problem(value) if rule is not None else None


def parse_order(text: str, seat: str = "?") -> Order:
    """Read one order from its text form; raise OrderSyntaxError quoting the text otherwise."""
    words = text.split()
    if not words:
        raise OrderSyntaxError(seat, repr(text), "empty order")
    verb = words[0].lower()
    if verb not in _GRAMMAR:
        known = ", ".join(sorted(_GRAMMAR))
        raise OrderSyntaxError(seat, text.strip(), f"unknown verb {verb!r} (known: {known})")
    rest = words[1:]
    shapes = _shapes(verb)
    usage = " or ".join(f"'{' '.join([verb, *shape])}'" for shape, _ in shapes)
    fitting = [sf for sf in shapes if len(sf[0]) == len(rest)]
    if not fitting:
        raise OrderSyntaxError(seat, text.strip(), f"expected {usage}")
    shape, fields = fitting[0]
    values: list[object] = []
    for slot, word in zip(shape, rest):
        if slot == "NAME":
            values.append(word)
        elif slot == "NUMBER":
            try:
                number = float(word)
            except ValueError:
                raise OrderSyntaxError(seat, text.strip(), f"{word!r} is not a number") from None
            problem = number_problem(ORDER_TYPES[verb], fields[len(values)], number)
            if problem:
                raise OrderSyntaxError(seat, text.strip(), f"{fields[len(values)]} {problem}")
            values.append(number)
        elif slot == "CHANGE":
            if word not in AMEND_CHANGES or (word == "drop") != (len(shape) == 5):
                raise OrderSyntaxError(
                    seat, text.strip(), "an amendment is 'clarify' or 'narrow', or 'drop NORM' from a package"
                )
            values.append(word)
        elif slot == "LIST":
            values.append(_norm_list(word, seat, text.strip()))
        elif slot == "ATTRIBUTE":
            if word not in SHOCK_ATTRIBUTES:
                raise OrderSyntaxError(seat, text.strip(), "a shock hits capacity, power or budget")
            values.append(word)
        elif word.lower() != slot:
            raise OrderSyntaxError(seat, text.strip(), f"expected {usage}")
    return ORDER_TYPES[verb](**dict(zip(fields, values)))


def _shapes(verb: str) -> tuple[Shape, ...]:
    longer = _LONGER.get(verb)
    return (_GRAMMAR[verb], longer) if longer else (_GRAMMAR[verb],)


def _norm_list(word: str, seat: str, text: str) -> tuple[str, ...]:
    """A LIST slot: norm ids joined by commas, no spaces, at least two, none twice."""
    names = tuple(word.split(","))
    if len(names) < 2 or not all(names):
        raise OrderSyntaxError(seat, text, "a package lists at least two norms, joined by commas without spaces")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise OrderSyntaxError(seat, text, f"a package lists {', '.join(twice)} twice")
    return names
