"""Scrollbars that keep what they drew while nothing they draw has changed.

Each time a list or a table gains or loses the focus, Textual re-applies its styles, and
setting a scrollbar colour (even to the same colour) throws away the scrollbars' rendering:
every tab switch redrew the scrollbars of the list it left and of the one it focused, line
by line (a tenth of a switch on the 200-delegation game), and the layout of a tab shown
again asked for one more frame just to redraw its scrollbars. A `KeptScrollBar` renders
again, and asks for a frame, only when something it draws changed: its size, the window it
shows, its colours, the mouse over it. Widgets opt in with `KeepsScrollBars`.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip


class KeptScrollBar(ScrollBar):
    KEEP = 4  # renders kept: focused and not, before and after a size change

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[tuple, list[Strip]] = {}
        self._last: tuple | None = None  # the key of what is on screen

    def _geometry(self, crop: Region) -> tuple:
        return (crop, self.size, self.window_virtual_size, self.window_size, self.position, self.thickness,
                self.vertical, bool(self.grabbed), self.mouse_over, self.renderer)

    def _colours(self) -> tuple:
        """The colours `ScrollBar.render` reads (the parent's, and its background)."""
        parent = self.parent
        styles = parent.styles  # type: ignore[union-attr]
        return (styles.scrollbar_background, styles.scrollbar_color, styles.scrollbar_background_hover,
                styles.scrollbar_color_hover, styles.scrollbar_background_active, styles.scrollbar_color_active,
                parent.background_colors, self.screen.styles.scrollbar_color, self.app.theme)  # type: ignore[union-attr]

    def _unchanged(self) -> bool:
        if self._last is None or self.parent is None:
            return False
        geometry, colours = self._last
        try:  # the geometry first: it is cheap, and a hidden scrollbar differs there (size 0)
            return self._geometry(geometry[0]) == geometry and self._colours() == colours
        except Exception:  # not mounted yet, or no longer: let Textual decide
            return False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> KeptScrollBar:
        if not (regions or layout or recompose) and self._unchanged():
            return self  # what is on screen is still right: no frame needed for it
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_lines(self, crop: Region) -> list[Strip]:
        key = (self._geometry(crop), self._colours())
        lines = self._kept.get(key)
        if lines is None:
            lines = super().render_lines(crop)
            if len(self._kept) >= self.KEEP:
                del self._kept[next(iter(self._kept))]
            self._kept[key] = lines
        self._last = key
        return lines


class KeepsScrollBars:
    """Mixin for a scrollable widget: its scrollbars are `KeptScrollBar`s (the properties are
    Textual's own, creating the other class)."""

    def _kept_bar(self, vertical: bool) -> ScrollBar:
        attr = "_vertical_scrollbar" if vertical else "_horizontal_scrollbar"
        if getattr(self, attr) is None:
            thickness = self.scrollbar_size_vertical if vertical else self.scrollbar_size_horizontal
            bar = KeptScrollBar(vertical=vertical, name="vertical" if vertical else "horizontal",
                                thickness=thickness)
            bar.display = False
            setattr(self, attr, bar)
            self.app._start_widget(self, bar)
        return getattr(self, attr)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        return self._kept_bar(vertical=True)

    @property
    def horizontal_scrollbar(self) -> ScrollBar:
        return self._kept_bar(vertical=False)
