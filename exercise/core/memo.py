"""Memoise what never changes during a game, once per scenario object.

Scenarios are frozen but hold dicts, so they are not hashable; the cache is keyed by identity
and checks it, and keeps only the last few scenarios (a sweep builds many variants).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from exercise.core.spec import Scenario

T = TypeVar("T")


def per_scenario(maxsize: int = 16) -> Callable[[Callable[[Scenario], T]], Callable[[Scenario], T]]:
    def decorate(fn: Callable[[Scenario], T]) -> Callable[[Scenario], T]:
        cache: OrderedDict[int, tuple[Scenario, T]] = OrderedDict()

        @functools.wraps(fn)
        def cached(scenario: Scenario) -> T:
            key = id(scenario)
            hit = cache.get(key)
            if hit is not None and hit[0] is scenario:
                cache.move_to_end(key)
                return hit[1]
            value = fn(scenario)
            cache[key] = (scenario, value)
            while len(cache) > maxsize:
                cache.popitem(last=False)
            return value

        cached.cache_clear = cache.clear  # type: ignore[attr-defined]
        return cached

    return decorate
