"""A scenario's injects -> MSEL rows, and MSEL rows + a scenario file -> the new scenario's
TOML text, every row checked as the scenario checker checks a file: one problem line per bad
cell, naming the sheet, the row and the column."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomli_w

from exercise.core.spec import Scenario
from exercise.errors import ScenarioError
from exercise.msel.columns import COLUMN_OF_KEY, COLUMNS, NUMBER, REQUIRED, RowError, inject_data, row_of
from exercise.scenario.loader import parse_scenario, read_toml, scenario_text

_INJECT_PATH = re.compile(r"^injects\[(\d+)\](?:\.(\w+))?(.*)$")


def msel_rows(scenario: Scenario) -> list[dict[str, Any]]:
    return [row_of(number, inject) for number, inject in enumerate(scenario.injects, 1)]


def _cell(sheet: str, row: int, column: str, message: str) -> str:
    return f"{sheet}: row {row}, column '{column}': {message}"


def _header_problems(sheet: str, header: list[str]) -> list[str]:
    problems = [
        f"{sheet}: row 1: unknown column {name!r} (the columns are: {', '.join(COLUMNS)})"
        for name in header
        if name and name not in COLUMNS
    ]
    problems += [
        f"{sheet}: row 1: column {name!r} appears twice"
        for name in sorted(set(header))
        if name and header.count(name) > 1
    ]
    problems += [f"{sheet}: row 1: the required column {name!r} is missing" for name in REQUIRED if name not in header]
    return problems


def scenario_with_msel(scenario_path: Path, sheet: str, header: list[str], rows: list[tuple[int, list[str]]]) -> str:
    """The scenario file's text with its injects replaced by the sheet's rows, as TOML that
    loads as a valid scenario; ScenarioError with every problem otherwise."""
    problems = _header_problems(sheet, header)
    if problems:
        raise ScenarioError(problems)
    base = read_toml(scenario_text(scenario_path), scenario_path.name)
    parse_scenario(tomli_w.dumps(base), scenario_path.name)  # the scenario itself must be valid first
    injects: list[dict[str, Any]] = []
    row_numbers: list[int] = []
    numbers: dict[str, int] = {}  # an inject's number (as written) -> the first row that gave it
    for row_number, cells in rows:
        if len(cells) > len(header) and any(cells[len(header) :]):
            problems.append(f"{sheet}: row {row_number}: has cells beyond the last named column")
        row = {c: "" for c in COLUMNS}
        row.update({name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name})
        for column in REQUIRED:
            if not row[column]:
                problems.append(_cell(sheet, row_number, column, "is required"))
        number = row[NUMBER]
        if number:
            if not number.isdigit():
                problems.append(_cell(sheet, row_number, NUMBER, f"{number!r} is not a whole number"))
            elif number in numbers:
                problems.append(_cell(sheet, row_number, NUMBER, f"{number} is also row {numbers[number]}'s number"))
            numbers.setdefault(number, row_number)
        try:
            injects.append(inject_data(row))
            row_numbers.append(row_number)
        except RowError as exc:
            problems.append(_cell(sheet, row_number, exc.column, exc.message))
    # the rows that could be read are checked with the scenario too, so one pass names all
    text = tomli_w.dumps({**base, "injects": injects})
    try:
        parse_scenario(text, sheet)
    except ScenarioError as exc:
        problems += [_locate(line, sheet, row_numbers) for line in exc.problems]
    if problems:
        raise ScenarioError(sorted(problems, key=_row_of))
    return text


def _row_of(line: str) -> int:
    match = re.search(r": row (\d+)", line)
    return int(match.group(1)) if match else 0


def _locate(line: str, sheet: str, row_numbers: list[int]) -> str:
    """`SHEET: injects[2].recipients[0]: unknown ...` -> `SHEET: row 4, column 'to': unknown ...`."""
    prefix = f"{sheet}: "
    rest = line[len(prefix) :] if line.startswith(prefix) else line
    path, sep, message = rest.partition(": ")
    match = _INJECT_PATH.match(path)
    if not sep or not match:
        return line
    row = row_numbers[int(match.group(1))]
    column = COLUMN_OF_KEY.get(match.group(2) or "", "")
    if not column:
        return f"{sheet}: row {row}: {message}"
    return _cell(sheet, row, column, message)
