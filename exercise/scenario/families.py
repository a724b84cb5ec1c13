"""World families: named distributions of generator knobs (data: families.toml), and the worlds
they give. World i of a family depends only on the family, the seed and i, so `--count 10` is the
first ten worlds of `--count 50`, and the files are byte-identical for the same arguments.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from exercise.core.limits import RANGE
from exercise.core.rng import derive_seed, stream
from exercise.errors import ScenarioError
from exercise.scenario.generate import knob_flags, world_text
from exercise.scenario.knobs import Knobs, knob_problems

FAMILIES_FILE = Path(__file__).resolve().parent / "families.toml"
MAX_COUNT = 1000


@attrs.frozen
class Family:
    name: str
    description: str
    knobs: Mapping[str, Any]  # knob -> value or [low, high]
    quick: Mapping[str, Any] = attrs.field(factory=dict)

    def spec(self, quick: bool = False) -> dict[str, Any]:
        return {**self.knobs, **(self.quick if quick else {})}


def _is_range(name: str, value: Any) -> bool:
    return name != "rules" and isinstance(value, list)


def family_problems(name: str, data: Any, where: str) -> list[str]:
    """One line per bad entry of a family table."""
    if not isinstance(data, dict):
        return [f"{where}: {name}: must be a table"]
    problems = []
    if not isinstance(data.get("description"), str):
        problems.append(f"{where}: {name}.description: missing (a sentence saying what the worlds are like)")
    for part in ("knobs", "quick"):
        table = data.get(part, {})
        if not isinstance(table, dict):
            problems.append(f"{where}: {name}.{part}: must be a table of knobs")
            continue
        fixed = {}
        for knob, value in sorted(table.items()):
            if _is_range(knob, value):
                if len(value) != 2 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
                    problems.append(f"{where}: {name}.{part}.{knob}: a range is [low, high], not {value!r}")
                    continue
                if value[0] > value[1]:
                    problems.append(f"{where}: {name}.{part}.{knob}: low {value[0]} is more than high {value[1]}")
                fixed[knob] = value[0]
                problems += knob_problems({knob: value[1]}, f"{where}: {name}.{part}")
            else:
                fixed[knob] = value
        problems += knob_problems(fixed, f"{where}: {name}.{part}")
    for key in sorted(set(data) - {"description", "knobs", "quick"}):
        problems.append(f"{where}: {name}.{key}: unknown key (known: description, knobs, quick)")
    return problems


def load_families(path: Path = FAMILIES_FILE) -> dict[str, Family]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    problems = [p for name in sorted(data) for p in family_problems(name, data[name], path.name)]
    if problems:
        raise ScenarioError(problems)
    return {
        name: Family(name, d["description"], d.get("knobs", {}), d.get("quick", {})) for name, d in sorted(data.items())
    }


def family(name: str) -> Family:
    families = load_families()
    if name not in families:
        raise ScenarioError([f"--family {name}: unknown family (known: {', '.join(families)})"])
    return families[name]


def draw_knobs(fam: Family, seed: int, index: int, quick: bool = False) -> Knobs:
    """World `index`'s knobs: every range drawn from a stream of (seed, family, index)."""
    rng = stream(seed, "family", fam.name, index)
    spec = fam.spec(quick)
    whole = {f.name for f in attrs.fields(Knobs) if RANGE in f.metadata and f.metadata[RANGE].whole}
    values: dict[str, Any] = {}
    for name in (f.name for f in attrs.fields(Knobs)):
        if name not in spec:
            continue
        value = spec[name]
        if _is_range(name, value):
            low, high = value
            values[name] = rng.randint(int(low), int(high)) if name in whole else round(rng.uniform(low, high), 3)
        else:  # one value (rules: a list that is never a range)
            values[name] = tuple(value) if name == "rules" else value
    return Knobs(**values)


def world_seed(fam: Family, seed: int, index: int) -> int:
    return derive_seed(seed, "world", fam.name, index) % 2**31


def family_worlds(fam: Family, count: int, seed: int, quick: bool = False) -> list[tuple[str, str]]:
    """(file name, TOML text) of the first `count` worlds of a family."""
    if not 1 <= count <= MAX_COUNT:
        raise ScenarioError([f"--count {count}: must be between 1 and {MAX_COUNT}"])
    out = []
    size = " --quick" if quick else ""
    for i in range(count):
        knobs = draw_knobs(fam, seed, i, quick)
        own = world_seed(fam, seed, i)
        origin = (
            f"exercise worlds --family {fam.name} --seed {seed}{size} (world {i + 1}, the same as: "
            f"exercise generate {knob_flags(knobs)} --seed {own})"
        )
        out.append((f"{fam.name}-{i + 1:03d}.toml", world_text(knobs, own, origin)))
    return out
