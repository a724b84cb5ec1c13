"""Argument types shared by the commands: checked by the same limits as scenario files."""

from __future__ import annotations

import argparse

from exercise.core.limits import SEED_TEXT, seed_problem


def seed_arg(text: str) -> int:
    """`--seed N`: a whole number the RNG and a save's seed column both take (0..2**63-1)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (a seed is {SEED_TEXT})") from None
    problem = seed_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(f"a seed {problem}")
    return value


def turns_arg(text: str) -> int:
    """`--turns N`: 0 up to the longest game a scenario may declare (its `turns` range)."""
    from exercise.core.limits import range_of
    from exercise.core.spec import Scenario

    high = int(range_of(Scenario, "turns").high)
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= high:
        raise argparse.ArgumentTypeError(f"must be from 0 to {high:,} (a scenario's longest game), not {value}")
    return value
