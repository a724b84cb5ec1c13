"""A sweep: one base scenario, fixed settings (`--set`), factors (`--vary`) crossed into
variants, the same seeds for every variant, tidy rows and a per-variant summary."""

from __future__ import annotations

import csv
import itertools
import json
import math
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from exercise.batch.keypath import FORUM_FACTOR, build_variant, parse_value, split_assignment
from exercise.batch.runner import Progress, expand, run_seeds, run_tasks
from exercise.batch.stats import Estimate, estimate, paired_difference
from exercise.errors import BatchError


@attrs.frozen
class Variant:
    label: str
    assignments: tuple[tuple[str, Any, str], ...]
    text: str  # validated scenario TOML


@attrs.frozen
class SweepResult:
    variants: tuple[Variant, ...]
    seeds: tuple[int, ...]
    results: tuple[tuple[dict[str, float], ...], ...]  # [variant][run]

    def rows(self):
        """Tidy rows: (variant, run, seed, metric, value)."""
        for variant, runs in zip(self.variants, self.results):
            for run, (seed, metrics) in enumerate(zip(self.seeds, runs)):
                for metric in sorted(metrics):
                    yield variant.label, run, seed, metric, metrics[metric]

    def metric_names(self) -> list[str]:
        names: set[str] = set()
        for runs in self.results:
            for metrics in runs:
                names.update(metrics)
        return sorted(names)

    def summary(self, metric: str) -> list[Estimate]:
        return [estimate([m.get(metric, math.nan) for m in runs]) for runs in self.results]

    def differences(self, metric: str) -> list[Estimate]:
        """Each later variant minus the first, run by run: the same seed in both, so the
        interval holds only the variants' difference, not the spread between seeds."""
        values = [[m.get(metric, math.nan) for m in runs] for runs in self.results]
        return [paired_difference(values[0], other) for other in values[1:]]


def read_base(path: str | Path) -> dict[str, Any]:
    """The base scenario's TOML data (validated as it is, so its own errors name the file)."""
    from exercise.scenario import load_scenario

    load_scenario(path)  # raises ScenarioError with file and key
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def metric_names_of(path: str | Path) -> list[str]:
    """Every metric a sweep of this scenario can report, read off its opening state (the standard
    measure names one per norm and forum whether or not anything happened), so a --metric that
    matches nothing is caught before the runs, not after them."""
    from exercise.batch.measures import Trace, standard
    from exercise.engine import new_game
    from exercise.scenario import load_scenario

    return sorted(standard(new_game(load_scenario(path), 0), Trace()))


def parse_vary(texts: Sequence[str]) -> list[tuple[str, list[Any]]]:
    factors = []
    for text in texts:
        key, values = split_assignment(text, "--vary")
        items = [v.strip() for v in _split_values(values)]
        if not items or any(not v for v in items):
            raise BatchError(f"--vary {text}: give comma-separated values, e.g. {key}=0.3,0.9")
        parsed = items if key == FORUM_FACTOR else [parse_value(v) for v in items]
        factors.append((key, parsed))
    keys = [k for k, _ in factors]
    for k in keys:
        if keys.count(k) > 1:
            raise BatchError(f"--vary {k}: given more than once")
    return factors


def _split_values(text: str) -> list[str]:
    """Split on commas outside brackets and quotes, so `[1,2],[3]` is two values."""
    out, depth, quote, cur = [], 0, "", ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    return out


def build_variants(base: dict[str, Any], sets: Sequence[str], vary: Sequence[str], name: str) -> list[Variant]:
    fixed = []
    for text in sets:
        key, value = split_assignment(text, "--set")
        fixed.append((key, value if key == FORUM_FACTOR else parse_value(value), "--set"))
    factors = parse_vary(vary)
    variants = []
    for combo in itertools.product(*[[(k, v) for v in values] for k, values in factors]):
        assignments = tuple(fixed) + tuple((k, v, "--vary") for k, v in combo)
        label = ",".join(f"{k}={_show(v)}" for k, v in combo) or "base"
        _, text = build_variant(base, list(assignments), name)
        variants.append(Variant(label, assignments, text))
    return variants


def _show(value: Any) -> str:
    """A value as it was typed: `true`, `0.3`, `["a","b"]` (not Python's `['a', 'b']`)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def run_sweep(
    path: str | Path,
    runs: int,
    seed: int,
    sets: Sequence[str] = (),
    vary: Sequence[str] = (),
    turns: int | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    dask_scheduler: str | None = None,
) -> SweepResult:
    if runs < 1:
        raise BatchError(f"--runs {runs}: must be at least 1")
    if turns is not None and turns < 1:
        raise BatchError(f"--turns {turns}: must be at least 1")
    base = read_base(path)
    variants = build_variants(base, sets, vary, Path(path).name)
    seeds = run_seeds(seed, runs)
    tasks = expand([v.text for v in variants], seeds, turns, "standard")
    flat = run_tasks(tasks, workers, progress, dask_scheduler)
    results = tuple(tuple(flat[i * runs : (i + 1) * runs]) for i in range(len(variants)))
    return SweepResult(tuple(variants), tuple(seeds), results)


def write_csv(result: SweepResult, out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["variant", "run", "seed", "metric", "value"])
    count = 0
    for variant, run, seed, metric, value in result.rows():
        writer.writerow([variant, run, seed, metric, "" if math.isnan(value) else repr(round(value, 6))])
        count += 1
    return count
