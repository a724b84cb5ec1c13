"""The shipped scenarios: where they are and what each offers, for `exercise scenarios` and
the home screen."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs

from exercise.errors import ScenarioError
from exercise.scenario.loader import load_scenario

DEFAULT_SCENARIO = "tutorial"


@attrs.frozen
class SeatInfo:
    id: str
    name: str
    kind: str
    strategy: str
    bloc: str


@attrs.frozen
class ScenarioInfo:
    id: str
    title: str
    path: Path
    description: str
    turns: int
    minutes_per_turn: int
    learning_objectives: tuple[str, ...]
    seats: tuple[SeatInfo, ...]
    forums: int
    norms: int

    @property
    def minutes(self) -> int:
        """About how long a live session takes."""
        return self.turns * self.minutes_per_turn


def scenarios_dir() -> Path:
    """`scenarios/` in the working directory if there is one, else the copy shipped with the
    package (so `pip install .` then `exercise play` works from anywhere)."""
    candidates = (
        Path.cwd() / "scenarios",
        Path(__file__).resolve().parents[2] / "scenarios",  # a source checkout
        Path(sys.prefix) / "share" / "exercise" / "scenarios",  # installed with the package
    )
    for directory in candidates:
        if directory.is_dir() and any(directory.glob("*.toml")):
            return directory
    return candidates[0]


def info(path: Path) -> ScenarioInfo:
    s = load_scenario(path)
    return ScenarioInfo(
        id=s.id,
        title=s.title,
        path=path,
        description=s.description.strip(),
        turns=s.turns,
        minutes_per_turn=s.minutes_per_turn,
        learning_objectives=s.learning_objectives,
        seats=tuple(
            SeatInfo(d.id, d.name, d.kind, d.strategy, d.bloc) for d in sorted(s.delegations, key=lambda d: d.id)
        ),
        forums=len(s.forums),
        norms=len(s.norms),
    )


def list_scenarios(directory: Path | None = None) -> tuple[list[ScenarioInfo], list[str]]:
    """(valid scenarios sorted with the tutorial first, problem lines of invalid files)."""
    directory = directory or scenarios_dir()
    found, problems = [], []
    for path in sorted(directory.glob("*.toml")):
        try:
            found.append(info(path))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    found.sort(key=lambda i: (i.id != DEFAULT_SCENARIO, i.id))
    return found, problems


def find_scenario(name: str, directory: Path | None = None) -> Path:
    """A scenario by file path or by name (`outside-in` -> scenarios/outside-in.toml)."""
    path = Path(name)
    if path.suffix == ".toml" or path.exists():
        return path
    candidate = (directory or scenarios_dir()) / f"{name}.toml"
    if candidate.exists():
        return candidate
    raise ScenarioError([f"{name}: no such scenario (see `exercise scenarios`)"])
