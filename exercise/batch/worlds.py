"""Effects across worlds: every experiment posed on every world of a family (or a directory).

Each world poses each experiment by rule (exercise/batch/posers.py); the variants play the same
seeds; every (world, experiment, variant, seed) run goes to one batch, so a process pool stays
busy and the results are the same for any number of workers. Per world an effect holds, shows
its direction only, fails, has no data, or is not posed; per effect the report gives the share
of posed worlds in each, and each comparison's pooled effect: the mean over posed worlds of
the world's seed-paired mean difference, with a 95% interval across worlds.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from pathlib import Path

import attrs

from exercise.batch.comparison import Outcome, compare, worst_verdict
from exercise.batch.experiments import Experiment, find, variant_texts
from exercise.batch.posers import POSERS, NotPosed, Posed
from exercise.batch.runner import Progress, RunTask, run_seeds, run_tasks
from exercise.batch.stats import Estimate, estimate
from exercise.errors import BatchError, ScenarioError
from exercise.scenario.loader import parse_scenario

WORLD_RUNS = 12  # runs per variant per world at full size (the interval that matters is across worlds)
QUICK_RUNS = 8  # ... at the quick (CI) size
FULL_COUNT = 50
QUICK_COUNT = 10
VERDICTS = ("holds", "direction only", "fails", "no data")


@attrs.frozen
class World:
    name: str
    text: str


@attrs.frozen
class WorldOutcome:
    """One experiment on one world: posed (with outcomes) or not (with the reason)."""

    world: str
    posed: Posed | NotPosed
    outcomes: tuple[Outcome, ...] = ()

    @property
    def verdict(self) -> str:
        return "not posed" if isinstance(self.posed, NotPosed) else worst_verdict(self.outcomes)


@attrs.frozen
class EffectSummary:
    experiment: Experiment
    worlds: tuple[WorldOutcome, ...]

    def count(self, verdict: str) -> int:
        return sum(1 for w in self.worlds if w.verdict == verdict)

    @property
    def posed(self) -> int:
        return len(self.worlds) - self.count("not posed")

    def share(self, verdict: str) -> float:
        return self.count(verdict) / self.posed if self.posed else math.nan

    def pooled(self) -> list[tuple[str, Estimate]]:
        """Per comparison (by label position): the mean over posed worlds of the world's mean
        paired difference, with a 95% interval across worlds."""
        posed = [w for w in self.worlds if isinstance(w.posed, Posed)]
        if not posed:
            return []
        out = []
        for i, _ in enumerate(posed[0].outcomes):
            means = [w.outcomes[i].estimate.mean for w in posed if w.outcomes[i].estimate.n]
            out.append((posed[0].outcomes[i].comparison.label, estimate(means)))
        return out


@attrs.frozen
class WorldsResult:
    source: str
    runs: int
    seed: int
    worlds: tuple[str, ...]
    effects: tuple[EffectSummary, ...]

    @property
    def failing(self) -> list[str]:
        return [e.experiment.name for e in self.effects if e.count("fails")]


def read_worlds(source: str, count: int | None, quick: bool, world_seed: int = 1) -> list[World]:
    """A directory's *.toml files (sorted by name) or the first `count` worlds of a family."""
    path = Path(source)
    if path.is_dir():
        files = sorted(path.glob("*.toml"))
        if not files:
            raise BatchError(f"--worlds {source}: no .toml files in that directory")
        files = files[:count] if count else files
        worlds, problems = [], []
        for f in files:
            text = f.read_text(encoding="utf-8")
            try:
                parse_scenario(text, f.name)
            except ScenarioError as exc:
                problems += exc.problems
                continue
            worlds.append(World(f.name, text))
        if problems:
            raise ScenarioError(problems)
        return worlds
    from exercise.scenario.families import family, family_worlds, load_families

    if source not in load_families():
        raise BatchError(f"--worlds {source}: neither a directory nor a family (known: {', '.join(load_families())})")
    n = count or (QUICK_COUNT if quick else FULL_COUNT)
    return [World(name, text) for name, text in family_worlds(family(source), n, world_seed, quick)]


def pose(world: World, experiments: Sequence[Experiment]) -> list[tuple[Experiment, Posed | NotPosed, list[str]]]:
    """Each experiment posed on one world, with its variants' scenario texts."""
    scenario = parse_scenario(world.text, world.name)
    data = tomllib.loads(world.text)
    out = []
    for exp in experiments:
        posed = POSERS[exp.name](scenario)
        texts = variant_texts(posed, data, world.name) if isinstance(posed, Posed) else []
        out.append((exp, posed, texts))
    return out


@attrs.frozen
class Plan:
    """Everything a run of experiments across worlds will play, posed and built."""

    source: str
    experiments: tuple[Experiment, ...]
    worlds: tuple[tuple[World, tuple[tuple[Experiment, Posed | NotPosed, tuple[str, ...]], ...]], ...]
    seed: int  # the run seeds derive from it
    seeds: tuple[int, ...]

    @property
    def tasks(self) -> list[RunTask]:
        return [
            RunTask(text, s, None, posed.measure)
            for _, posings in self.worlds
            for _, posed, texts in posings
            if isinstance(posed, Posed)
            for text in texts
            for s in self.seeds
        ]


def prepare(
    source: str,
    names: Sequence[str] = (),
    count: int | None = None,
    quick: bool = False,
    runs: int | None = None,
    seed: int = 1,
    world_seed: int = 1,
    worlds: Sequence[World] | None = None,
) -> Plan:
    """Read (or generate) the worlds and pose every experiment on each."""
    experiments = tuple(find(names))
    chosen = list(worlds) if worlds is not None else read_worlds(source, count, quick, world_seed)
    runs = runs or (QUICK_RUNS if quick else WORLD_RUNS)
    if runs < 2:
        raise BatchError(f"--runs {runs}: must be at least 2 (an interval needs two runs)")
    posed = tuple((w, tuple((e, p, tuple(t)) for e, p, t in pose(w, experiments))) for w in chosen)
    return Plan(source, experiments, posed, seed, tuple(run_seeds(seed, runs)))


def run_plan(plan: Plan, workers: int | None = None, progress: Progress | None = None) -> WorldsResult:
    flat = iter(run_tasks(plan.tasks, workers, progress))
    per_exp: dict[str, list[WorldOutcome]] = {e.name: [] for e in plan.experiments}
    for world, posings in plan.worlds:
        for exp, posed, texts in posings:
            if isinstance(posed, NotPosed):
                per_exp[exp.name].append(WorldOutcome(world.name, posed))
                continue
            by_variant = {label: [next(flat) for _ in plan.seeds] for (label, _), _text in zip(posed.variants, texts)}
            per_exp[exp.name].append(WorldOutcome(world.name, posed, compare(posed.comparisons, by_variant)))
    effects = tuple(EffectSummary(e, tuple(per_exp[e.name])) for e in plan.experiments)
    return WorldsResult(plan.source, len(plan.seeds), plan.seed, tuple(w.name for w, _ in plan.worlds), effects)


def run_worlds(
    source: str,
    names: Sequence[str] = (),
    count: int | None = None,
    quick: bool = False,
    runs: int | None = None,
    seed: int = 1,
    workers: int | None = None,
    progress: Progress | None = None,
    world_seed: int = 1,
    worlds: Sequence[World] | None = None,
) -> WorldsResult:
    plan = prepare(source, names, count, quick, runs, seed, world_seed, worlds)
    return run_plan(plan, workers, progress)


def pooled_text(e: Estimate) -> str:
    return "n/a" if e.n == 0 else f"{e.mean:+.3f} [{e.low:+.3f}, {e.high:+.3f}]"
