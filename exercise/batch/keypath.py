"""Address any scenario field by a dotted key path and build scenario variants.

    norms.no-attack-ci.clarity = 0.3      a table in a list is named by its `id`
    ties.0.weight = 0.5                   ... or by its index when it has no id
    model.cascade_tipping = 0.25          a missing table is created
    forums = centralized                  the named factor: keep only one kind of forum

Values are read as TOML (`0.3`, `true`, `["a", "b"]`); anything that is not valid TOML is a
string (`laws-of-war`). Every variant is validated by the scenario loader, so a bad path or a
bad value is reported as one line naming the assignment.
"""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import tomli_w

from exercise.core.spec import Scenario
from exercise.errors import BatchError, ScenarioError, listed
from exercise.scenario.keys import quote_key
from exercise.scenario.loader import scenario_from_data

FORUM_FACTOR = "forums"


class _Unset:
    """The value that removes a key (a poser's `ungrafted` arm: no framework at all)."""

    def __repr__(self) -> str:
        return "(unset)"


UNSET = _Unset()
FORUM_CHOICES = ("centralized", "decentralized", "both")


def parse_value(text: str) -> Any:
    """`0.3` -> 0.3, `true` -> True, `["a"]` -> ["a"], `laws-of-war` -> "laws-of-war"."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
    except RecursionError:  # the parser recurses once per nested list or table
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise BatchError(f"{shown}: nests lists or tables too deeply for a scenario value") from None


def split_assignment(text: str, option: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise BatchError(f"{option} {text}: expected KEY.PATH=VALUE")
    return key.strip(), value.strip()


def _child(node: Any, part: str, walked: str, assignment: str) -> tuple[Any, Any]:
    """Return (container, key) for `part` inside `node`."""
    if isinstance(node, dict):
        return node, part
    if isinstance(node, list):
        ids = [item.get("id") for item in node if isinstance(item, dict)]
        if part in ids:
            return node, ids.index(part)
        if part.isdigit() and int(part) < len(node):
            return node, int(part)
        known = listed(quote_key(i) for i in ids if i is not None) or f"indexes 0..{len(node) - 1}"
        raise BatchError(f"{assignment}: {walked} has no entry {part!r} (known: {known})")
    raise BatchError(f"{assignment}: {walked} is a value, not a table, so it has no key {part!r}")


def set_path(data: dict[str, Any], path: str, value: Any, assignment: str | None = None) -> None:
    """Set `path` in the TOML data in place; raise BatchError naming the assignment."""
    assignment = assignment or f"{path}={value!r}"
    parts = path.split(".")
    if not all(parts):
        raise BatchError(f"{assignment}: empty part in key path {path!r}")
    node: Any = data
    walked = ""
    for part in parts[:-1]:
        container, key = _child(node, part, walked or "the scenario", assignment)
        if isinstance(container, dict) and key not in container:
            container[key] = {}  # a missing table (e.g. [model]); validation rejects a bad key
        node = container[key]
        walked = f"{walked}.{part}" if walked else part
    container, key = _child(node, parts[-1], walked or "the scenario", assignment)
    if value is UNSET:
        if isinstance(container, dict):
            container.pop(key, None)
        return
    container[key] = value


def keep_forums(data: dict[str, Any], kind: str) -> None:
    """The named factor `forums`: keep only centralized or decentralized forums (or both).

    References to a dropped forum are loosened so the rest of the scenario stays the same:
    an objective or trigger naming it then means any forum; a join/leave effect on it is dropped.
    """
    if kind not in FORUM_CHOICES:
        raise BatchError(f"forums={kind}: must be one of {', '.join(FORUM_CHOICES)}")
    if kind == "both":
        return
    forums = data.get("forums", [])
    kept = [f for f in forums if f.get("kind", "decentralized") == kind]
    if not kept:
        raise BatchError(f"forums={kind}: the scenario has no {kind} forum")
    data["forums"] = kept
    gone = {f.get("id") for f in forums} - {f.get("id") for f in kept}
    for d in data.get("delegations", []):
        for objective in d.get("objectives", []):
            if objective.get("forum") in gone:
                del objective["forum"]
    for inject in data.get("injects", []):
        when = inject.get("when")
        if isinstance(when, dict) and when.get("forum") in gone:
            del when["forum"]
        inject["effects"] = [
            e for e in inject.get("effects", []) if not (e.get("kind") in ("join", "leave") and e.get("forum") in gone)
        ]


def apply_assignment(data: dict[str, Any], key: str, value: Any, option: str = "--set") -> None:
    assignment = f"{option} {key}={value}"
    if key == FORUM_FACTOR and not isinstance(value, list):
        keep_forums(data, str(value))
    else:
        set_path(data, key, value, assignment)


def build_variant(base: dict[str, Any], assignments: list[tuple[str, Any, str]], name: str) -> tuple[Scenario, str]:
    """Apply (key, value, option) assignments to a copy of the base data; validate; return the
    scenario and its TOML text (what workers receive)."""
    data = copy.deepcopy(base)
    for key, value, option in assignments:
        apply_assignment(data, key, value, option)
    label = " ".join(f"{option} {key}={value}" for key, value, option in assignments) or name
    try:
        scenario = scenario_from_data(data, name)
    except ScenarioError as exc:
        raise BatchError(f"{label}: {'; '.join(exc.problems)}") from None
    return scenario, tomli_w.dumps(data)
