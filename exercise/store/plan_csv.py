"""The improvement plan as a CSV file, for a spreadsheet: `exercise plan SAVE --export/--import`.

The columns are the plan's (number, issue, recommendation, owner, due, objective), named in
the header row in any order and any case; issue and recommendation are required, the others
may be left out. A blank number follows the one before it. Every problem is one line naming
the file and the spreadsheet row (the header is row 1) or column; with any problem nothing is
written. Excel's UTF-8 byte order mark is accepted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from exercise.cells import guarded, unguarded
from exercise.errors import SaveError, unreadable
from exercise.store.evaluation_records import PLAN_COLUMNS, ImprovementItem
from exercise.store.improvement import item_problems

REQUIRED = ("issue", "recommendation")
MAX_ROWS = 10_000


def write_plan_csv(items: Iterable[ImprovementItem], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PLAN_COLUMNS)
    count = 0
    for item in items:
        writer.writerow([guarded(getattr(item, column)) for column in PLAN_COLUMNS])
        count += 1
    return count


def read_plan_csv(path: Path, objectives: Iterable[str]) -> list[ImprovementItem]:
    """The plan lines of a CSV file, checked; SaveError with one line per problem."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SaveError(f"{name}: is not UTF-8 text (save the sheet as CSV UTF-8)") from None
    except OSError as exc:
        raise SaveError(unreadable(path, exc, "a CSV file")) from None
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as exc:
        raise SaveError(f"{name}: is not a CSV file ({exc})") from None
    if not rows:
        raise SaveError(f"{name}: is empty; the first row names the columns ({', '.join(PLAN_COLUMNS)})")
    columns, problems = _header(name, rows[0])
    if problems:
        raise SaveError("\n".join(problems))
    if len(rows) - 1 > MAX_ROWS:
        raise SaveError(f"{name}: has {len(rows) - 1:,} rows; a plan has at most {MAX_ROWS:,}")
    objectives = list(objectives)
    items: list[ImprovementItem] = []
    numbers: dict[int, int] = {}
    last = 0
    for row_number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row between blocks of the sheet
        where = f"{name}: row {row_number}, "
        if len(cells) > len(columns):
            problems.append(f"{name}: row {row_number}: has {len(cells)} cells; the header names {len(columns)}")
            continue
        values = {column: unguarded(cells[i].strip()) if i < len(cells) else "" for i, column in enumerate(columns)}
        number_text = values.pop("number", "")
        if number_text:
            if not number_text.isdigit() or int(number_text) < 1:
                problems.append(f"{where}number: must be a whole number from 1, not {number_text!r}")
                continue
            number = int(number_text)
        else:
            number = last + 1
        last = number
        if number in numbers:
            problems.append(f"{where}number: {number} is used by row {numbers[number]} already")
            continue
        numbers[number] = row_number
        item = ImprovementItem(number=number, **{k: values.get(k, "") for k in PLAN_COLUMNS if k != "number"})
        found = item_problems(item, where, objectives)
        problems += found
        if not found:
            items.append(item)
    if problems:
        raise SaveError("\n".join(problems))
    return sorted(items, key=lambda item: item.number)


def _header(name: str, header: list[str]) -> tuple[list[str], list[str]]:
    columns = [cell.strip().lower().replace(" ", "_") for cell in header]
    problems = []
    for index, column in enumerate(columns):
        if column not in PLAN_COLUMNS:
            problems.append(
                f"{name}: column {index + 1} {header[index].strip()!r}: not a plan column "
                f"(columns: {', '.join(PLAN_COLUMNS)})"
            )
        elif column in columns[:index]:
            problems.append(f"{name}: column {index + 1} {column!r}: named twice")
    for column in REQUIRED:
        if column not in columns:
            problems.append(f"{name}: column {column!r}: missing (the header row must name it)")
    return columns, problems
