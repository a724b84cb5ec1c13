"""Keep what a list or table drew in each focus state, for the next time it is in that state.

Moving the focus restyles the widget that gains it and the one that loses it, and Textual
then draws every visible line of both again from scratch (borders, padding, focus tint),
although the lines of content under them come from caches and are the very same objects as
last time. A tab switch moves the focus, so each one redrew its list or table (about 40
lines, half of what a switch drew). A widget with `KeepsLines` remembers, per focus state,
the lines it drew, the content lines they were made from, and everything else Textual's
styles cache draws them with; when all of that is unchanged, it returns what it drew. This
is checked only when Textual has thrown away every line it drew (a restyle, a refresh): for a
cursor move or a scroll step it redraws just the lines that changed, which is cheaper.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip


class KeepsLines:
    """Mixin for a Widget whose `render_line` returns cached, unchanging strips."""

    KEEP = 8  # drawings kept: focused or not, whole or in part (a frame may redraw a strip of it)
    _frame_region: Region | None = None  # a class default: Textual asks for the region during __init__

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: dict[tuple, tuple[tuple, tuple[Strip, ...], list[Strip]]] = {}

    @property
    def region(self) -> Region:
        """Where the widget is on screen. Textual looks it up in the screen's map each time
        (its size, content region and scrollable region all ask), and reading every content
        line asks for it a few times per line: during a frame it is looked up once."""
        if self._frame_region is not None:
            return self._frame_region
        return super().region  # type: ignore[misc]

    def _drawn_with(self, crop: Region) -> tuple:
        """What Textual's styles cache draws the content lines with (its arguments)."""
        styles = self.styles
        return (crop, self.size, self.content_region.size, self.background_colors, styles.border, styles.outline,
                styles.padding, styles.tint, styles.background_tint, styles.text_opacity,
                styles.hatch if styles.has_rule("hatch") else None, styles.border_title_align,
                styles.border_subtitle_align, self.opacity, self._border_title, self._border_subtitle,
                tuple(self.get_line_filters()), self.app.ansi_theme, self.app.native_ansi_color,
                self.auto_links and self.hover_style)

    def _content(self, crop: Region) -> tuple[Strip, ...]:
        top = self.styles.gutter.top
        height = self.content_region.height
        return tuple(self.render_line(y) for y in range(max(0, crop.y - top), min(height, crop.bottom - top)))

    def render_lines(self, crop: Region) -> list[Strip]:
        if getattr(self._styles_cache, "_cache", None):
            # Textual still holds lines it drew (a cursor move, a scroll step): it redraws
            # only the changed ones, cheaper than reading every content line to compare
            return super().render_lines(crop)  # type: ignore[misc]
        where = (self.get_pseudo_class_state(), crop)
        self._frame_region = None
        self._frame_region = self.region
        try:
            drawn_with = self._drawn_with(crop)
            content = self._content(crop)
        finally:
            self._frame_region = None
        kept = self._drawn.get(where)
        if kept is not None and kept[0] == drawn_with and len(kept[1]) == len(content) \
                and all(a is b for a, b in zip(kept[1], content)):
            return kept[2]
        lines = super().render_lines(crop)  # type: ignore[misc]
        self._drawn.pop(where, None)
        self._drawn[where] = (drawn_with, content, lines)
        while len(self._drawn) > self.KEEP:
            del self._drawn[next(iter(self._drawn))]
        return lines
