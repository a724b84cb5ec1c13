"""Means with 95% confidence intervals (Student's t), for single samples and seed-paired
differences. NaN values (a quantity that did not exist in a run) are left out, pairwise."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

# two-sided 97.5% quantiles of Student's t for small samples; past 30 the series below is exact
# to 3 decimals, which is all a printed interval needs.
_T975 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.048,
    29: 2.045,
    30: 2.042,
}
_Z = 1.959964


def t975(df: int) -> float:
    if df in _T975:
        return _T975[df]
    g1 = (_Z**3 + _Z) / 4
    g2 = (5 * _Z**5 + 16 * _Z**3 + 3 * _Z) / 96
    return _Z + g1 / df + g2 / df**2


@attrs.frozen
class Estimate:
    mean: float
    low: float
    high: float
    n: int

    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0

    def text(self, digits: int = 3) -> str:
        if self.n == 0:
            return "n/a (no runs)"
        return f"{self.mean:+.{digits}f} [{self.low:+.{digits}f}, {self.high:+.{digits}f}]"


def estimate(values: Sequence[float]) -> Estimate:
    xs = [float(v) for v in values if not math.isnan(v)]
    n = len(xs)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    mean = math.fsum(xs) / n
    if n == 1:
        return Estimate(mean, mean, mean, 1)
    var = math.fsum((x - mean) ** 2 for x in xs) / (n - 1)
    half = t975(n - 1) * math.sqrt(var / n)
    return Estimate(mean, mean - half, mean + half, n)


def paired_difference(a: Sequence[float], b: Sequence[float]) -> Estimate:
    """Mean of b - a over the runs where both exist (same seed in both variants)."""
    if len(a) != len(b):
        raise ValueError("paired samples must have the same length")
    return estimate([y - x for x, y in zip(a, b) if not (math.isnan(x) or math.isnan(y))])
