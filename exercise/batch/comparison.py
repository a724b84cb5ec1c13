"""What an experiment claims and how a claim is judged: a comparison between two variants'
runs, its seed-paired estimate, and the verdict (holds, direction only, fails, no data)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from exercise.batch.stats import Estimate, paired_difference

TOLERANCE = 1e-9  # a difference this small is no difference (float noise is not an effect)


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
class Outcome:
    comparison: Comparison
    estimate: Estimate

    @property
    def verdict(self) -> str:
        e, sign = self.estimate, self.comparison.sign
        if e.n == 0 or math.isnan(e.mean):
            return "no data"
        if e.low > TOLERANCE if sign > 0 else e.high < -TOLERANCE:
            return "holds"
        if e.mean * sign > TOLERANCE:
            return "direction only"
        return "fails"

    @property
    def has_direction(self) -> bool:
        return self.verdict in ("holds", "direction only")


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
