"""The slot a tab's pane lives in: a plain container that keeps its drawing while hidden.

Showing a tab again sets its slot's display, and Textual then redraws the slot's background,
every line of the tab area, although nothing it draws has changed (and the pane covers it).
A slot draws only its background, so it keeps what it drew until its size or its colours
change: a tab switch draws half as many lines.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.geometry import Region
from textual.strip import Strip


class TabSlot(Vertical):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._kept: tuple[tuple, list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        styles = self.styles
        key = (
            crop,
            self.size,
            self.background_colors,
            self.rich_style,
            styles.tint,
            styles.background_tint,
            styles.border,
            styles.padding,
            self.app.theme,
        )
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, super().render_lines(crop))
        return self._kept[1]
