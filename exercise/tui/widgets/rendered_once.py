"""A Rich renderable shown in a Static, rendered once per width instead of twice per frame.

Textual renders a Static's Rich renderable (a Group, a Table) completely to count its lines
for the layout, then completely again to draw it: the forum card (members and agenda), the
norm's holders and a seat's brief were each rendered twice whenever they were shown or
changed, half of opening the forums tab. `RenderedOnce` keeps the lines it drew, for its
width and style, and counts those. Give it to `Static.update`; it is still a Rich renderable
(what it prints is the renderable's), so anything reading a Static's content reads the same.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget


class RenderedOnce(RichVisual):
    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._drawn: tuple[int, Style, list[Strip]] | None = None

    def _lines(self, width: int, style: Style, options: RenderOptions | None = None) -> list[Strip]:
        drawn = self._drawn
        if drawn is None or drawn[0] != width or drawn[1] != style:
            drawn = self._drawn = (width, style, super().render_strips(width, None, style, options))  # type: ignore[arg-type]
        return drawn[2]

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width, self._widget.visual_style))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self._lines(width, style, options)
        return lines if height is None else lines[:height]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._renderable
