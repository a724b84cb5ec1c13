"""The nine validation experiments: each effect the model claims, measured on seeded runs.

An experiment is posed on a world by its poser (exercise/batch/posers.py), which picks the
norms, forums and seats from the world by rule and returns the variants as key-path
assignments (as `exercise sweep --set` would), the measure and the comparisons. The lab
experiments are those posers applied to the lab scenarios in exercise/batch/scenarios/;
`exercise experiments --worlds` applies the same posers to any world (exercise/batch/worlds.py).
Every variant plays the same seeds. Each comparison is a seed-paired difference of one metric
between two variants (or two metrics of one variant) with a 95% interval, and a claimed sign:
the effect `holds` when the interval lies on the claimed side of zero, shows `direction only`
when just the mean does, and `fails` otherwise.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from exercise.batch.comparison import Comparison, Outcome, compare, worst_verdict
from exercise.batch.keypath import build_variant
from exercise.batch.runner import Progress, RunTask, run_seeds, run_tasks
from exercise.errors import BatchError

SCENARIOS = Path(__file__).resolve().parent / "scenarios"

__all__ = [
    "SCENARIOS",
    "Comparison",
    "Experiment",
    "ExperimentResult",
    "Outcome",
    "find",
    "posed_on",
    "run_experiment",
    "variant_texts",
]


@attrs.frozen
class Experiment:
    name: str  # also the name of its poser
    effect: int
    claim: str
    scenario: str  # the lab scenario it is posed on
    factor: str
    full_runs: int = 400
    ci_runs: int = 40

    @property
    def path(self) -> Path:
        return SCENARIOS / self.scenario


@attrs.frozen
class ExperimentResult:
    experiment: Experiment
    posed: Any  # posers.Posed: the variants, measure and comparisons as posed on the lab scenario
    runs: int
    seed: int
    means: dict[str, dict[str, float]]  # variant -> metric -> mean
    outcomes: tuple[Outcome, ...]

    @property
    def verdict(self) -> str:
        return worst_verdict(self.outcomes)


def posed_on(exp: Experiment, scenario):
    """The experiment posed on a scenario by its poser (a Posed or a NotPosed)."""
    from exercise.batch.posers import POSERS

    return POSERS[exp.name](scenario)


def variant_texts(posed, data: dict[str, Any], name: str) -> list[str]:
    """The scenario TOML of each posed variant: the world's data with the assignments applied."""
    texts = []
    for _, assigns in posed.variants:
        assignments: list[tuple[str, Any, str]] = [(k, v, "--set") for k, v in (*posed.sets, *assigns)]
        texts.append(build_variant(data, assignments, name)[1])
    return texts


def pose_lab(exp: Experiment):
    from exercise.batch.posers import NotPosed
    from exercise.scenario import load_scenario

    posed = posed_on(exp, load_scenario(exp.path))
    if isinstance(posed, NotPosed):  # a lab scenario is written to pose its experiment
        raise BatchError(f"{exp.name}: cannot be posed on {exp.scenario}: {posed.reason}")
    return posed


def run_experiment(
    exp: Experiment,
    runs: int,
    seed: int = 1,
    workers: int | None = None,
    progress: Progress | None = None,
    dask_scheduler: str | None = None,
) -> ExperimentResult:
    posed = pose_lab(exp)
    texts = variant_texts(posed, tomllib.loads(exp.path.read_text(encoding="utf-8")), exp.scenario)
    seeds = run_seeds(seed, runs)
    tasks = [RunTask(text, s, None, posed.measure) for text in texts for s in seeds]
    flat = run_tasks(tasks, workers, progress, dask_scheduler)
    labels = [label for label, _ in posed.variants]
    by_variant = {label: flat[i * runs : (i + 1) * runs] for i, label in enumerate(labels)}
    outcomes = compare(posed.comparisons, by_variant)
    means = {}
    for label, results in by_variant.items():
        names = sorted({k for r in results for k in r})
        means[label] = {k: _nanmean([r.get(k, math.nan) for r in results]) for k in names}
    return ExperimentResult(exp, posed, runs, seed, means, outcomes)


def _nanmean(xs: Sequence[float]) -> float:
    ok = [x for x in xs if not math.isnan(x)]
    return sum(ok) / len(ok) if ok else math.nan


def find(names: Sequence[str]) -> list[Experiment]:
    from exercise.batch.catalog import EXPERIMENTS

    if not names:
        return list(EXPERIMENTS)
    by_name = {e.name: e for e in EXPERIMENTS}
    by_number = {str(e.effect): e for e in EXPERIMENTS}
    chosen = []
    for name in names:
        exp = by_name.get(name) or by_number.get(name)
        if exp is None:
            raise BatchError(f"unknown experiment {name!r} (known: {', '.join(by_name)})")
        chosen.append(exp)
    return chosen
