"""Containers behind every tab hand out one copy of their lines per screen layout.

The screen cuts each line it draws at the edges of the widgets on it, and each drawn line
remembers how it was cut, for the last four ways. The screen, the tab area and the tab panes
lie behind every tab, so their lines are cut a different way on each of the five tabs: every
switch cut them all again, some 140 lines and 600 new pieces (a fifth of a switch, and of the
garbage it left). With one copy of its lines per layout, each copy is always cut the same
way, and that is remembered.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip

LAYOUTS_KEPT = 8  # more than the tabs of a screen


class PerLayoutLines:
    """Mixin for a Widget drawn behind changing layouts (its own lines rarely change)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._copies: dict[tuple, tuple[list[Strip], list[Strip]]] = {}

    def _layout(self, crop: Region) -> tuple | None:
        """How the screen cuts the lines of `crop` (None if it cannot tell)."""
        try:
            cuts = self.screen._compositor.cuts
            top = self.region.y + crop.y
        except Exception:
            return None
        return crop, tuple(tuple(line) for line in cuts[top:top + crop.height])

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)  # type: ignore[misc]
        layout = self._layout(crop)
        if layout is None:
            return lines
        kept = self._copies.get(layout)
        if kept is None or len(kept[0]) != len(lines) or any(a is not b for a, b in zip(kept[0], lines)):
            kept = (lines, [Strip(list(line), line.cell_length) for line in lines])
            self._copies.pop(layout, None)
            self._copies[layout] = kept
            while len(self._copies) > LAYOUTS_KEPT:
                del self._copies[next(iter(self._copies))]
        return kept[1]
