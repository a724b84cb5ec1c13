"""The nine validation experiments: each effect the model claims, measured on seeded runs.

An experiment is a base scenario (a file in exercise/batch/scenarios/), fixed settings, and
variants that change only the named factor (key-path assignments, as `exercise sweep --vary`
would). Every variant plays the same seeds. Each comparison is a seed-paired difference of one
metric between two variants (or two metrics of one variant) with a 95% interval, and a claimed
sign: the effect `holds` when the interval lies on the claimed side of zero, shows `direction
only` when just the mean does, and `fails` otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from exercise.batch.keypath import build_variant, parse_value
from exercise.batch.runner import Progress, RunTask, run_seeds, run_tasks
from exercise.batch.stats import Estimate, paired_difference
from exercise.errors import BatchError

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


@attrs.frozen
class Comparison:
    """`sign * (metric_b in variant_b - metric_a in variant_a) > 0` is the claim."""

    label: str
    variant_a: str
    variant_b: str
    metric: str
    sign: int = 1
    metric_b: str | None = None  # another metric of the same run (variant_b == variant_a)


@attrs.frozen
class Experiment:
    name: str
    effect: int
    claim: str
    scenario: str
    factor: str
    variants: tuple[tuple[str, tuple[str, ...]], ...]  # (label, ("key.path=value", ...))
    measure: str
    comparisons: tuple[Comparison, ...]
    sets: tuple[str, ...] = ()
    turns: int | None = None
    full_runs: int = 400
    ci_runs: int = 40

    @property
    def path(self) -> Path:
        return SCENARIOS / self.scenario


TOLERANCE = 1e-9  # a difference this small is no difference (float noise is not an effect)


@attrs.frozen
class Outcome:
    comparison: Comparison
    estimate: Estimate

    @property
    def verdict(self) -> str:
        e, sign = self.estimate, self.comparison.sign
        if e.n == 0 or math.isnan(e.mean):
            return "no data"
        if (e.low > TOLERANCE if sign > 0 else e.high < -TOLERANCE):
            return "holds"
        if e.mean * sign > TOLERANCE:
            return "direction only"
        return "fails"

    @property
    def has_direction(self) -> bool:
        return self.verdict in ("holds", "direction only")


@attrs.frozen
class ExperimentResult:
    experiment: Experiment
    runs: int
    seed: int
    means: dict[str, dict[str, float]]  # variant -> metric -> mean
    outcomes: tuple[Outcome, ...]

    @property
    def verdict(self) -> str:
        return worst_verdict(self.outcomes)


def worst_verdict(outcomes: Sequence[Outcome]) -> str:
    """An experiment's verdict: the worst of its comparisons'."""
    verdicts = [o.verdict for o in outcomes]
    for v in ("fails", "no data", "direction only"):
        if v in verdicts:
            return v
    return "holds"


def compare(comparisons: Sequence[Comparison], by_variant: dict[str, list[dict[str, float]]]) -> tuple[Outcome, ...]:
    """Each comparison as a seed-paired difference between the runs of two variants."""
    outcomes = []
    for c in comparisons:
        a = [r.get(c.metric, math.nan) for r in by_variant[c.variant_a]]
        b = [r.get(c.metric_b or c.metric, math.nan) for r in by_variant[c.variant_b]]
        outcomes.append(Outcome(c, paired_difference(a, b)))
    return tuple(outcomes)


def _variant_texts(exp: Experiment) -> list[tuple[str, str]]:
    import tomllib

    base = tomllib.loads(exp.path.read_text(encoding="utf-8"))
    out = []
    for label, assigns in exp.variants:
        assignments: list[tuple[str, Any, str]] = []
        for text in (*exp.sets, *assigns):
            key, _, value = text.partition("=")
            assignments.append((key, value if key == "forums" else parse_value(value), "--set"))
        _, toml_text = build_variant(base, assignments, exp.scenario)
        out.append((label, toml_text))
    return out


def run_experiment(exp: Experiment, runs: int, seed: int = 1, workers: int | None = None,
                   progress: Progress | None = None, dask_scheduler: str | None = None) -> ExperimentResult:
    texts = _variant_texts(exp)
    seeds = run_seeds(seed, runs)
    tasks = [RunTask(text, s, exp.turns, exp.measure) for _, text in texts for s in seeds]
    flat = run_tasks(tasks, workers, progress, dask_scheduler)
    by_variant = {label: flat[i * runs:(i + 1) * runs] for i, (label, _) in enumerate(texts)}
    outcomes = compare(exp.comparisons, by_variant)
    means = {}
    for label, results in by_variant.items():
        names = sorted({k for r in results for k in r})
        means[label] = {k: _nanmean([r.get(k, math.nan) for r in results]) for k in names}
    return ExperimentResult(exp, runs, seed, means, outcomes)


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
