"""Large type for the projector: words three lines tall, like Textual's `Digits` but with letters.

A 3x5 pixel font drawn with half blocks (two pixels a cell, so its pixels are square): each
character is 3 columns wide plus a column of space, 3 lines tall. Lower case is drawn as upper
case; a character the font lacks becomes a space. `Fitted` shows the first of several
renderings that fits in its box, so a screen can say a thing big when there is room and in
normal type when there is not.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text
from textual.widgets import Static

HEIGHT = 3  # lines
WIDTH = 4  # columns a character takes, its space included

_FONT = {
    "A": ".#. #.# ### #.# #.#",
    "B": "##. #.# ##. #.# ##.",
    "C": ".## #.. #.. #.. .##",
    "D": "##. #.# #.# #.# ##.",
    "E": "### #.. ##. #.. ###",
    "F": "### #.. ##. #.. #..",
    "G": ".## #.. #.# #.# .##",
    "H": "#.# #.# ### #.# #.#",
    "I": "### .#. .#. .#. ###",
    "J": "..# ..# ..# #.# .#.",
    "K": "#.# #.# ##. #.# #.#",
    "L": "#.. #.. #.. #.. ###",
    "M": "#.# ### ### #.# #.#",
    "N": "##. #.# #.# #.# #.#",
    "O": ".#. #.# #.# #.# .#.",
    "P": "##. #.# ##. #.. #..",
    "Q": ".#. #.# #.# ##. .##",
    "R": "##. #.# ##. #.# #.#",
    "S": ".## #.. .#. ..# ##.",
    "T": "### .#. .#. .#. .#.",
    "U": "#.# #.# #.# #.# ###",
    "V": "#.# #.# #.# #.# .#.",
    "W": "#.# #.# ### ### #.#",
    "X": "#.# #.# .#. #.# #.#",
    "Y": "#.# #.# .#. .#. .#.",
    "Z": "### ..# .#. #.. ###",
    "0": "### #.# #.# #.# ###",
    "1": ".#. ##. .#. .#. ###",
    "2": "##. ..# .#. #.. ###",
    "3": "##. ..# .#. ..# ##.",
    "4": "#.# #.# ### ..# ..#",
    "5": "### #.. ##. ..# ##.",
    "6": ".## #.. ### #.# ###",
    "7": "### ..# .#. .#. .#.",
    "8": "### #.# ### #.# ###",
    "9": "### #.# ### ..# ##.",
    "-": "... ... ### ... ...",
    ":": "... .#. ... .#. ...",
    ".": "... ... ... ... .#.",
    ",": "... ... ... .#. #..",
    "%": "#.# ..# .#. #.. #.#",
    "/": "..# ..# .#. #.. #..",
    "!": ".#. .#. .#. ... .#.",
    "?": "##. ..# .#. ... .#.",
    "+": "... .#. ### .#. ...",
    "'": ".#. .#. ... ... ...",
    " ": "... ... ... ... ...",
}
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def _glyph(char: str) -> list[str]:
    rows = [[c == "#" for c in row] for row in _FONT.get(char.upper(), _FONT[" "]).split()]
    rows.append([False] * 3)
    return [
        "".join(_HALVES[(top, bottom)] for top, bottom in zip(rows[2 * i], rows[2 * i + 1], strict=True)) + " "
        for i in range(HEIGHT)
    ]


_GLYPHS = {char: _glyph(char) for char in _FONT}


def big_width(text: str) -> int:
    return WIDTH * len(text) - 1 if text else 0


def big(*parts: tuple[str, str] | str) -> Text:
    """`parts`: strings, or (string, style) pairs, drawn one after the other in large type."""
    lines = [Text() for _ in range(HEIGHT)]
    for part in parts:
        text, style = (part, "") if isinstance(part, str) else part
        for char in text:
            glyph = _GLYPHS.get(char.upper(), _GLYPHS[" "])
            for line, row in zip(lines, glyph, strict=True):
                line.append(row, style=style)
    return Text("\n").join(lines)


class Fitted(Static):
    """Shows the first of its choices that fits its content area: [(renderable, width, height)]."""

    DEFAULT_CSS = "Fitted { height: 1fr; }"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._choices: Sequence[tuple[RenderableType, int, int]] = ()

    def choose(self, choices: Sequence[tuple[RenderableType, int, int]]) -> None:
        self._choices = choices
        self._pick()

    def on_resize(self) -> None:
        self._pick()

    def _pick(self) -> None:
        if not self._choices:
            return
        width, height = self.content_region.width, self.content_region.height
        # the first that fits, else the last (the smallest)
        self.update(next((r for r, w, h in self._choices if w <= width and h <= height), self._choices[-1][0]))
