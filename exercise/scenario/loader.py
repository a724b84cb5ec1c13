"""Read a scenario file: TOML text -> cattrs structuring -> semantic checks -> Scenario.

Every problem becomes one line `FILE: KEY.PATH: what is wrong`; all of them are collected and
raised together as a ScenarioError, so an author fixes a file in one pass.
"""

from __future__ import annotations

import tomllib
import typing
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from exercise.core.limits import INT64_MAX, MAX_NESTING, nesting
from exercise.core.spec import Scenario
from exercise.errors import ScenarioError, listed, unreadable
from exercise.scenario.checks import semantic_problems
from exercise.scenario.keys import key_path, quote_key

# A scenario file larger than this is refused before it is parsed (the largest shipped one,
# 3,100 lines, is 120 KB; `exercise generate --delegations 2000` writes about 4 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024


def _with_strict_primitives(conv: cattrs.BaseConverter) -> cattrs.BaseConverter:
    """Numbers, whole numbers, strings and booleans as TOML wrote them: no quiet coercion."""

    def number(value: Any, _type: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"must be a number, not {value!r}")
        if isinstance(value, int) and abs(value) > INT64_MAX:
            raise TypeError(f"must be a number that fits 64 bits, not {value}")
        return float(value)

    def integer(value: Any, _type: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"must be a whole number, not {value!r}")
        if not -INT64_MAX - 1 <= value <= INT64_MAX:  # what SQLite and canonical JSON hold
            raise TypeError(f"must be a whole number that fits 64 bits, not {value}")
        return value

    def text(value: Any, _type: Any) -> str:
        if not isinstance(value, str):
            raise TypeError(f"must be a string, not {value!r}")
        return value

    def boolean(value: Any, _type: Any) -> bool:
        if not isinstance(value, bool):
            raise TypeError(f"must be true or false, not {value!r}")
        return value

    conv.register_structure_hook(float, number)
    conv.register_structure_hook(int, integer)
    conv.register_structure_hook(str, text)
    conv.register_structure_hook(bool, boolean)
    return conv


def _resolve_annotations(cls: type, done: set[type]) -> None:
    """Resolve the string annotations of `cls` and of every attrs class its fields hold:
    BaseConverter reads field types as they are, and spec.py's are strings until resolved."""
    if not attrs.has(cls) or cls in done:
        return
    done.add(cls)
    attrs.resolve_types(cls)
    for field in attrs.fields(cls):
        stack = [field.type]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type):
                _resolve_annotations(tp, done)
            stack.extend(typing.get_args(tp))


# Scenario files: generated structuring code that names every problem (detailed validation)
# and refuses unknown keys.
_CONVERTER = _with_strict_primitives(cattrs.Converter(forbid_extra_keys=True, detailed_validation=True))


# Scenarios that passed _CONVERTER before (a save's stored copy): structured by reflection.
# Generating and compiling _CONVERTER's code costs a fresh process's first scenario more than
# the rest of opening a save and reading a turn (docs/performance.md).
class _QuickConverter(cattrs.BaseConverter):
    """BaseConverter ignores unknown keys; these must fail, so the strict pass names them."""

    def structure_attrs_fromdict(self, obj, cl):
        extra = obj.keys() - attrs.fields_dict(cl).keys()
        if extra:
            raise ForbiddenExtraKeysError("", cl, extra)
        return super().structure_attrs_fromdict(obj, cl)


_QUICK = _with_strict_primitives(_QuickConverter())
_resolve_annotations(Scenario, set())


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file; raise ScenarioError naming the file on any problem."""
    path = Path(path)
    return parse_scenario(scenario_text(path), path.name)


def scenario_text(path: Path) -> str:
    """A scenario file's text; ScenarioError in one line naming it when it cannot be read."""
    name = path.name
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError([f"{name}: is not UTF-8 text"]) from None
    except OSError as exc:
        raise ScenarioError([unreadable(path, exc, "a scenario file")]) from None


def read_toml(text: str, name: str) -> dict[str, Any]:
    """TOML text -> data, every failure as one ScenarioError line naming `name`."""
    if len(text) > MAX_FILE_BYTES:
        raise ScenarioError(
            [f"{name}: is {len(text):,} characters long; a scenario file has at most {MAX_FILE_BYTES:,}"]
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([f"{name}: not valid TOML: {exc}"]) from None
    except RecursionError:  # the parser recurses once per nested list or inline table
        raise ScenarioError([_too_deep(name)]) from None


def _too_deep(name: str) -> str:
    return f"{name}: nests tables and lists more than {MAX_NESTING} levels deep (a scenario needs 5)"


def parse_scenario(text: str, name: str = "<scenario>") -> Scenario:
    """Structure and check scenario TOML text; `name` labels every problem line."""
    return scenario_from_data(read_toml(text, name), name)


def scenario_from_data(data: dict[str, Any], name: str = "<scenario>") -> Scenario:
    if nesting(data) > MAX_NESTING:
        raise ScenarioError([_too_deep(name)])
    try:
        scenario = _CONVERTER.structure(data, Scenario)
    except (ClassValidationError, IterableValidationError) as exc:
        raise ScenarioError([f"{name}: {line}" for line in _describe(exc)]) from None
    problems = semantic_problems(scenario)
    if problems:
        raise ScenarioError([f"{name}: {p}" for p in problems])
    return scenario


def stored_scenario_from_data(data: dict[str, Any], name: str = "<scenario>") -> Scenario:
    """A scenario that scenario_from_data accepted when it was stored, as a save keeps it.
    Read without generated code; if anything trips the quick pass (a damaged or hand-edited
    save), scenario_from_data reads it again, to name the problems exactly as for a file."""
    if nesting(data) > MAX_NESTING:
        raise ScenarioError([_too_deep(name)])
    try:
        scenario = _QUICK.structure(data, Scenario)
    except Exception:  # any failure at all: the strict pass below says what is wrong
        return scenario_from_data(data, name)
    problems = semantic_problems(scenario)
    if problems:
        raise ScenarioError([f"{name}: {p}" for p in problems])
    return scenario


def _describe(exc: BaseException) -> list[str]:
    lines = [f"{key_path(parts)}: {text}" for parts, text in _errors(exc, ())]
    return sorted(set(lines), key=lines.index)


def _errors(exc: BaseException, parts: tuple) -> list[tuple[tuple, str]]:
    """(key path parts, message) for every failure in cattrs' exception tree (as
    cattrs.transform_error walks it, keeping the keys themselves so they can be quoted)."""
    if not isinstance(exc, (ClassValidationError, IterableValidationError)):
        return [(parts, _format_exception(exc, None))]
    out = []
    with_notes, without = exc.group_exceptions()
    for sub, note in with_notes:
        step = getattr(note, "index" if isinstance(exc, IterableValidationError) else "name")
        if isinstance(sub, (ClassValidationError, IterableValidationError)):
            out.extend(_errors(sub, (*parts, step)))
        else:
            out.append(((*parts, step), _format_exception(sub, note.type)))
    out.extend((parts, _format_exception(sub, None)) for sub in without)
    return out


def _format_exception(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required key is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown key(s): {listed(quote_key(k) for k in sorted(exc.extra_fields))}"
    if isinstance(exc, TypeError) and str(exc).startswith("must be"):
        return str(exc)
    if "Literal" in repr(type_):
        choices = ", ".join(repr(a) for a in getattr(type_, "__args__", ()))
        value = str(exc).split(" not in literal")[0]
        return f"{_short(value)!r} must be one of {choices}"
    if isinstance(exc, (TypeError, ValueError)) and type_ is not None:
        expected = getattr(type_, "__name__", str(type_))
        if "tuple" in str(type_).lower() or "list" in str(type_).lower():
            return "must be a list"
        if "dict" in str(type_).lower():
            return "must be a table"
        return f"invalid value, expected {expected}"
    return _short(str(exc) or exc.__class__.__name__)


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())  # one line, whatever the message held
    return text if len(text) <= limit else text[:limit] + "…"
