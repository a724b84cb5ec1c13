"""The knobs of a generated world (`exercise generate`, `exercise worlds`): what makes worlds
differ in the ways that matter to how norms spread and forums decide.

Each knob is an attrs field with its range as metadata (exercise/core/limits.py), so the
command line, a family file and the docs table read the same bounds. `knob_problems` checks a
mapping of knob values and returns one line per bad knob.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from exercise.core.limits import RANGE
from exercise.core.spec import DECISION_RULES, UNIT, num, whole

DECENTRALIZED_RULES = tuple(r for r in DECISION_RULES if r != "consensus")
HELP = "help"


def _num(default: float, low: float, high: float, help_text: str) -> Any:
    field = num(default, low, high)
    return attrs.field(default=field._default, metadata={**field.metadata, HELP: help_text})


def _whole(default: int, low: int, high: int, help_text: str) -> Any:
    field = whole(default, low, high)
    return attrs.field(default=field._default, metadata={**field.metadata, HELP: help_text})


@attrs.frozen
class Knobs:
    """One world's knobs. Defaults give the synthetic world `exercise generate` always wrote."""

    delegations: int = _whole(30, 2, 5000, "seats in the world (families use 20-300)")
    forums: int = _whole(4, 1, 1000, "forums, centralized ones included")
    norms: int = _whole(10, 1, 1000, "candidate norms")
    turns: int = _whole(12, 1, 1000, "turns the game lasts")
    blocs: int = _whole(0, 0, 24, "value blocs (0: 2 + one per 12 seats, at most 6)")
    tie_density: float = _num(3.0, 0.5, 30, "mean ties per seat")
    clustering: float = _num(0.85, *UNIT, "share of ties inside a seat's own bloc")
    hostile: float = _num(0.0, *UNIT, "share of ties across blocs that are hostile (kind `rivalry`: they push away)")
    polarisation: float = _num(0.0, *UNIT, "how far bloc values split into two opposite camps (0: random profiles)")
    value_noise: float = _num(0.2, 0, 0.5, "spread of a seat's values around its bloc's profile")
    capacity_mean: float = _num(0.52, *UNIT, "mean capacity")
    capacity_spread: float = _num(0.85, *UNIT, "width of the capacity distribution around its mean")
    power_spread: float = _num(0.5, *UNIT, "inequality of power (0: everyone equal)")
    non_state: float = _num(0.3, 0, 0.9, "share of non-state seats (companies, NGOs, agencies)")
    industry: float = _num(0.5, *UNIT, "share of companies among the non-state seats")
    centralized: int = _whole(1, 0, 10, "centralized (apex) forums, open to every state, by consensus")
    apex_agenda: int = _whole(3, 1, 20, "agenda size of a centralized forum")
    apex_cadence: int = _whole(4, 1, 20, "a centralized forum meets every N turns")
    agenda_min: int = _whole(2, 1, 20, "smallest agenda of a decentralized forum")
    agenda_max: int = _whole(4, 1, 20, "largest agenda of a decentralized forum")
    signon: float = _num(0.2, *UNIT, "share of decentralized forums that are sign-on calls")
    rules: tuple[str, ...] = attrs.field(
        default=("majority", "qualified", "weighted", "unanimity"),
        converter=tuple,
        metadata={HELP: "decision rules the other decentralized forums cycle through"},
    )
    forum_size: float = _num(0.35, 0.05, 1, "a decentralized forum's members as a share of the seats (at most)")
    conflicts: float = _num(0.28, *UNIT, "share of norms in a conflicting pair")
    harms: float = _num(0.35, *UNIT, "share of norms that harm some value")


KNOB_NAMES: tuple[str, ...] = tuple(f.name for f in attrs.fields(Knobs))


def knob_help(name: str) -> str:
    field = attrs.fields_dict(Knobs)[name]
    rng = field.metadata.get(RANGE)
    return f"{field.metadata[HELP]} ({rng.text() if rng else ', '.join(DECENTRALIZED_RULES)}; default {_shown(field.default)})"


def _shown(value: Any) -> str:
    return ",".join(value) if isinstance(value, tuple) else str(value)


def knob_problems(values: Mapping[str, Any], where: str) -> list[str]:
    """One line per bad knob in `values` (names as Knobs fields), each naming `where` and the knob."""
    fields = attrs.fields_dict(Knobs)
    problems = []
    for name in sorted(values):
        value = values[name]
        if name not in fields:
            problems.append(f"{where}: {name}: unknown knob (known: {', '.join(KNOB_NAMES)})")
            continue
        if name == "rules":
            if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
                problems.append(f"{where}: rules: must be a non-empty list of rules, not {value!r}")
                continue
            bad = [r for r in value if r not in DECENTRALIZED_RULES]
            if bad:
                problems.append(
                    f"{where}: rules: {', '.join(map(repr, bad))} not one of {', '.join(DECENTRALIZED_RULES)}"
                )
            continue
        problem = fields[name].metadata[RANGE].problem(value)
        if problem:
            problems.append(f"{where}: {name}: {problem}")
    low, high = values.get("agenda_min", _default("agenda_min")), values.get("agenda_max", _default("agenda_max"))
    if isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool) and low > high:
        problems.append(f"{where}: agenda_min: {low} is more than agenda_max {high}")
    return problems


def _default(name: str) -> Any:
    return attrs.fields_dict(Knobs)[name].default
