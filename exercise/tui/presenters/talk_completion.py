"""Completion for the Talks tab's compose line (core/talk.py's syntax): which words may come
next, from the word before the one being typed. Plain data; the widget's suggester offers the
first candidate inline (right arrow takes it) and lists a few under the line.

    first word              the talk verbs (say, form, join, offer, accept, reject, counter)
    say ...                 in, to
    in / from               forums          to          seats, and `coalition`
    coalition / join        coalitions      offer / form's with / lobby / assist   seats
    accept / reject / counter               the open offers to the seat
    after `:`, `if` or `;` (a deal's side)  the order verbs
    endorse / object / signon / implement / propose / support ... / on   norms (and packages)
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from exercise.core.orders import FACILITATOR_ORDERS, ORDER_TYPES, Pass
from exercise.core.talk import POSITIONS, TALK_VERBS

DEAL_VERBS = tuple(sorted(v for v, cls in ORDER_TYPES.items() if cls is not Pass and cls not in FACILITATOR_ORDERS))
NORM_BEFORE = {"endorse", "object", "signon", "implement", "propose", "withdraw", "amend", "graft", "on", *POSITIONS}
SEAT_BEFORE = {"offer", "with", "lobby", "assist"}  # `form NAME with SEAT,SEAT`


@attrs.frozen
class TalkNames:
    """The names a seat may type now."""

    seats: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    norms: tuple[str, ...] = ()
    coalitions: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()  # open offers to the seat


def _candidates(before: str, words: Sequence[str], names: TalkNames) -> tuple[str, ...]:
    if not words:
        return TALK_VERBS
    if before.endswith((":", ";")) or before == "if":
        return DEAL_VERBS if words[0] in ("offer", "counter") else ()
    if before == "say" and len(words) == 1:
        return ("in", "to")
    if before in ("in", "from"):
        return names.forums
    if before == "to":
        return ("coalition", *names.seats) if words[0] == "say" else names.seats
    if before in ("coalition", "join"):
        return names.coalitions
    if before in ("accept", "reject", "counter"):
        return names.offers
    if before == "with" and words[0] != "form":
        return ()  # `assist SEAT on NORM with AMOUNT`
    if before in SEAT_BEFORE:
        return names.seats
    if before in NORM_BEFORE:
        return names.norms
    return ()


def completions(line: str, names: TalkNames) -> list[str]:
    """The words that may complete the last word of `line` (all of them after a space)."""
    words = line.split()
    typing = "" if not line or line[-1].isspace() else words.pop()
    before = words[-1] if words else ""
    if "," in typing:  # a list of seats or norms: complete the part after the last comma
        typing = typing.rsplit(",", 1)[1]
    return [c for c in _candidates(before.lower(), [w.lower() for w in words], names) if c.startswith(typing)]


def complete(line: str, names: TalkNames) -> str | None:
    """`line` with its last word completed by the first candidate, or None."""
    found = completions(line, names)
    if not found:
        return None
    stem = "" if not line or line[-1].isspace() else line.split()[-1].rsplit(",", 1)[-1]
    if found[0] == stem:
        return None
    return line + found[0][len(stem) :]
