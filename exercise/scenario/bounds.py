"""The field-metadata checks of a structured scenario: every number inside its Range, every
string inside its Text limit, every id well formed (core/limits.py says what each allows;
core/spec.py says which field has which). Cross-field rules live in checks.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from exercise.core.limits import ID, RANGE, TEXT
from exercise.scenario.keys import join


def field_problems(obj: Any, path: str = "") -> Iterator[str]:
    """Problem lines `KEY.PATH: what is wrong` for every field of `obj` and of the attrs
    objects it holds (the schema nests a few levels: recursion is bounded by it)."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        where = join(path, field.name)
        if value is None:
            continue
        if attrs.has(type(value)):
            yield from field_problems(value, where)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from field_problems(item, join(where, i))
                else:
                    yield from _value_problems(field.metadata, item, join(where, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from _value_problems(field.metadata, item, join(where, key))
        else:
            yield from _value_problems(field.metadata, value, where)


def _value_problems(meta, value: object, where: str) -> Iterator[str]:
    for key in (RANGE, TEXT, ID):
        rule = meta.get(key)
        if rule is None:
            continue
        if key != RANGE and not isinstance(value, str):
            continue
        problem = rule.problem(value)
        if problem:
            yield f"{where}: {problem}"
