"""Memoise what never changes during a game, once per scenario object.

The values live in the scenario's own `memo` dict, so they last exactly as long as the
scenario does (a sweep that builds many variants frees each with its variant) and a look-up is
one dict access: appeal and the tie graph are asked for hundreds of thousands of times a game.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from exercise.core.spec import Scenario

T = TypeVar("T")


def per_scenario(fn: Callable[[Scenario], T]) -> Callable[[Scenario], T]:
    key = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def cached(scenario: Scenario) -> T:
        memo = scenario.memo
        try:
            return memo[key]  # type: ignore[return-value]  # (cast() was a call on the hottest path)
        except KeyError:
            value = memo[key] = fn(scenario)
            return value

    return cached


def memoised(fn: Callable[[Scenario], object], scenario: Scenario) -> bool:
    """Whether the `per_scenario` function `fn` has its value for `scenario` at hand."""
    return f"{fn.__module__}.{fn.__qualname__}" in scenario.memo
