"""MSEL spreadsheets on disk: CSV (UTF-8, a header row) and Excel (.xlsx, through openpyxl),
read as rows of text cells keyed by column and written from them."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exercise.cells import guarded, unguarded
from exercise.errors import ExerciseError, unreadable
from exercise.msel.columns import COLUMNS, NUMBER

FORMATS = (".csv", ".xlsx")
MAX_ROWS = 10_000  # a scenario holds at most this many injects in a sheet (ten times the turns)
SHEET = "MSEL"


class SheetError(ExerciseError):
    """A sheet that cannot be read at all (not one bad row): one line naming the file."""


def sheet_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise SheetError(f"{path}: an MSEL is a .csv or .xlsx file, not {suffix or 'a file without a suffix'}")
    return suffix


def write_sheet(path: Path, rows: Sequence[dict[str, Any]]) -> bytes:
    """The file's bytes (written by the caller, so nothing half-written is left)."""
    if sheet_format(path) == ".csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({c: guarded(v) for c, v in row.items()} for row in rows)
        return out.getvalue().encode("utf-8")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([guarded(row[c]) for c in COLUMNS])  # openpyxl also stores "=..." as a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {
        NUMBER: 8,
        "id": 20,
        "inject title": 30,
        "description": 50,
        "expected player action": 40,
        "notes": 30,
        "effects": 40,
    }
    for index, column in enumerate(COLUMNS):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = widths.get(column, 18)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unguarded(str(value).strip())


def read_sheet(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header cells, [(row number as the spreadsheet counts it, cells)]), blank rows left out."""
    kind = sheet_format(path)
    try:
        raw = _read_csv(path) if kind == ".csv" else _read_xlsx(path)
    except OSError as exc:
        raise SheetError(unreadable(path, exc, "a spreadsheet")) from None
    if not raw:
        raise SheetError(f"{path}: is empty (the first row names the columns)")
    header = [_text(c).lower() for c in raw[0]]
    rows = [(n, [_text(c) for c in cells]) for n, cells in enumerate(raw[1:], 2) if any(_text(c) for c in cells)]
    if len(rows) > MAX_ROWS:
        raise SheetError(f"{path}: has {len(rows):,} rows; an MSEL has at most {MAX_ROWS:,}")
    return header, rows


def _read_csv(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(f"{path}: is not UTF-8 text (save the CSV as UTF-8)") from None
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SheetError(f"{path}: not a readable CSV file ({exc})") from None


def _read_xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    if not path.exists():
        raise FileNotFoundError(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise SheetError(f"{path}: not a readable .xlsx workbook ({exc.__class__.__name__})") from None
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows = []
        for n, cells in enumerate(sheet.iter_rows(values_only=True)):
            if n > MAX_ROWS + 1:
                raise SheetError(f"{path}: has more than {MAX_ROWS:,} rows; an MSEL has at most {MAX_ROWS:,}")
            rows.append(list(cells))
        return rows
    finally:
        book.close()
