"""Text that goes into a spreadsheet cell (the MSEL, the improvement plan, the gradebook) and back.

A cell that begins with = + - @ (or a tab or carriage return) is run as a formula by Excel,
LibreOffice and Google Sheets: a seat's player name or an inject's description could then
fetch a URL or run a command on the trainer's machine when the sheet is opened (CSV
injection). Such a text is written with a leading apostrophe, which spreadsheets show as plain
text and do not keep; reading strips it again, so export -> import gives the same text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def guarded(value: object) -> object:
    """`value` as it may go into a cell: a text a spreadsheet would run gets the guard."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def unguarded(text: str) -> str:
    """A cell's text as it was before `guarded` (a guard before a formula start is dropped)."""
    if text.startswith(GUARD) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
