"""What a value may be: number ranges, text limits, the shape of ids. Said once, here.

The spec classes (core/spec.py) and the orders (core/orders.py) carry these as attrs field
metadata; the scenario checker, the order parser, `--set`/`--vary`, `--seed` and the ranges
table in docs/scenarios.md all read them from there. Every bound exists for a reason beyond
taste: a number must be finite (JSON, canonical hashing and SQLite have no NaN or infinity),
a whole number must fit SQLite's signed 64 bits, and a loop over turns or cadence units must
end in reasonable time.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Iterable

import attrs

from exercise.core.seats import PROJECTOR, WHITE_NAMES

# Keys of attrs field metadata.
RANGE = "range"  # a Range: the field's number (or each value of its table) must be inside
TEXT = "text"  # a Text: the field's string (or each string of its list) must fit
ID = "id"  # an IdKind: the field is an id (or a list/table of names) that must be well formed

INT64_MAX = 2**63 - 1
# How deeply a scenario file may nest tables and lists. The schema itself nests five deep
# (the file, delegations, a delegation, its objectives, an objective); the rest is slack.
MAX_NESTING = 8


def _fmt(x: float) -> str:
    if isinstance(x, int) or (float(x).is_integer() and abs(x) < 1e15):
        return f"{int(x):,}" if abs(x) >= 10_000 else str(int(x))
    return f"{x:g}"


@attrs.frozen
class Range:
    """A closed interval [low, high]; `whole`: integers only."""

    low: float
    high: float
    whole: bool = False

    def text(self) -> str:
        """As the docs table shows it: `0..1`, `1..1,000`."""
        return f"{_fmt(self.low)}..{_fmt(self.high)}"

    def problem(self, value: object) -> str | None:
        """What is wrong with `value` as a member of this range, or None."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be a number, not {value!r}"
        if self.whole:
            if not isinstance(value, int):
                return f"must be a whole number, not {value!r}"
            if value < self.low:
                return f"must be at least {_fmt(self.low)}, not {value}"
            if value > self.high:
                return f"must be at most {_fmt(self.high)}, not {value}"
            return None
        if not math.isfinite(value):
            return f"must be a finite number between {_fmt(self.low)} and {_fmt(self.high)}, not {value}"
        if not self.low <= value <= self.high:
            shown = f"{value:g}" if isinstance(value, float) else str(value)
            return f"must be between {_fmt(self.low)} and {_fmt(self.high)}, not {shown}"
        return None


@attrs.frozen
class Text:
    """A string of at most `max_len` characters; `one_line`: no control characters at all
    (a name or title is shown on one line), otherwise only newlines and tabs."""

    max_len: int
    one_line: bool = True

    def text(self) -> str:
        return f"≤ {_fmt(self.max_len)} chars" + (", one line" if self.one_line else "")

    def problem(self, value: str) -> str | None:
        if len(value) > self.max_len:
            return f"is {len(value):,} characters long; at most {self.max_len:,} are allowed"
        allowed = "" if self.one_line else "\n\t"
        for ch in value:
            if ch not in allowed and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
                if ch == "\n":
                    return "must be one line (it holds a line break)"
                return f"holds an invisible or control character (U+{ord(ch):04X})"
        return None


# --- ids -----------------------------------------------------------------------------------
ID_MAX_LEN = 64
# Names live play gives the white cell and the other non-seat roles, and the word for
# "everyone": no id may be one of them, so `exercise play --as NAME` and an order's target
# always mean one thing.
RESERVED_IDS = frozenset({*WHITE_NAMES, PROJECTOR, "all"})
RESERVED_PREFIXES = ("evaluator-", "observer-")


@attrs.frozen
class IdKind:
    """`separators`: what may join words; `reserved`: whether the reserved names are refused."""

    separators: str = "-"
    reserved: bool = True

    def problem(self, value: str) -> str | None:
        shown = _shown(value)
        if not value:
            return "must not be empty"
        if len(value) > ID_MAX_LEN:
            return f"{shown} is {len(value)} characters long; an id has at most {ID_MAX_LEN}"
        if not unicodedata.is_normalized("NFC", value):
            return f"{shown} is not in Unicode NFC form (retype it, or normalize the file)"
        for ch in value:
            if not (_word_char(ch) or ch in self.separators):
                what = "lowercase letters, digits and " + " or ".join(repr(s) for s in self.separators)
                return f"{shown} holds {_char(ch)}; use {what} (e.g. 'no-attack-ci')"
        sep = self.separators
        if value[0] in sep or value[-1] in sep or any(a in sep and b in sep for a, b in itertools.pairwise(value)):
            return f"{shown} must be words joined by single {' or '.join(repr(s) for s in sep)} (no {sep[0]!r} at either end)"
        if self.reserved and (value in RESERVED_IDS or value.startswith(RESERVED_PREFIXES)):
            return f"{shown} is reserved for live play (reserved: {', '.join(sorted(RESERVED_IDS))}, evaluator-*, observer-*)"
        return None


def _word_char(ch: str) -> bool:
    if "0" <= ch <= "9" or "a" <= ch <= "z":
        return True
    if ch.isascii():
        return False
    category = unicodedata.category(ch)
    return category == "Ll" or category == "Lo"


def _char(ch: str) -> str:
    if ch.isprintable() and not ch.isspace():
        return f"{ch!r}"
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed')})"


def _shown(value: str) -> str:
    """repr, cut to a readable length: a problem line stays one short line."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


ID_KIND = IdKind()
DOMAIN_KIND = IdKind(separators="-_", reserved=False)
SEED = Range(0, INT64_MAX, whole=True)
SEED_TEXT = f"0..2**63-1 ({INT64_MAX:,})"
# A rubric level, as evaluators score an objective (HSEEP's four ratings): 1 unable to be
# performed .. 4 performed without challenges. Scenario rubrics and stored scores both use it.
RUBRIC_LEVEL = Range(1, 4, whole=True)
# What people write after action: an evaluator's or instructor's note, an improvement plan's
# issue and recommendation, and the short fields (owner, due date, a player's name).
NOTE_TEXT = Text(5000, one_line=False)
PLAN_TEXT = Text(2000, one_line=False)
SHORT_TEXT = Text(200)
# How many evaluator or observer seats `exercise new` makes at most.
ROLE_COUNT = Range(0, 50, whole=True)


def seed_problem(value: object) -> str | None:
    return SEED.problem(value)


def range_of(cls: type, field: str) -> Range:
    """The Range an attrs class declares for one of its fields."""
    return attrs.fields_dict(cls)[field].metadata[RANGE]


def nesting(data: object) -> int:
    """How many tables and lists deep `data` goes (iteratively: any depth is measured)."""
    deepest = 0
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        children: Iterable[object]
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            return deepest
        stack.extend((child, depth) for child in children)
    return deepest
