"""Every use of Textual's private API in the project, fenced in this one module.

Textual's widgets redraw far more than a big game can afford on a key press (docs/tui.md,
"Speed"; figures in docs/performance.md). Each trick below keeps what a widget drew while
nothing it draws changed; each needs something Textual does not expose, named in the comment
above it with the upstream limitation. Nothing outside this module touches a private Textual
name (tests/unit/test_textual_fence.py holds it).

One switch turns them all off: `EXERCISE_TEXTUAL_TRICKS=0` (read once, at import). The widgets
are then plain Textual widgets (the mixins below drop out of their bases and `rendered_once`
hands back the renderable itself): slower on a big game, identical on screen. Do that first
when a Textual upgrade misbehaves; tests/tui/test_tricks_off.py runs key TUI tests that way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.style import Style
from rich.text import Text
from textual import events
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget
from textual.widgets.data_table import CellType, DuplicateKey, Row, RowKey

ENABLED = os.environ.get("EXERCISE_TEXTUAL_TRICKS", "1").strip() != "0"

# The mixins below are always mixed into the widget they name; the type checker reads them as
# that widget's subclasses, so every attribute they use is checked against Textual's own.
if TYPE_CHECKING:
    from textual.widgets import DataTable, OptionList

    _Widget = Widget
    _DataTable = DataTable
    _OptionList = OptionList
else:
    _Widget = _DataTable = _OptionList = object


# --- 1. KeepsLines: a list or table keeps its lines per focus state ------------------------
# Upstream: a focus move restyles the widget, and Widget.render_lines then redraws every
# visible line (borders, padding, tint) from lines it already has; there is no public hook to
# reuse a drawing. Reads `Widget._styles_cache._cache` (whether Textual still holds lines) and
# `_border_title`/`_border_subtitle` (what the drawing depends on).


class KeepsLines(_Widget):
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
        return super().region

    def _drawn_with(self, crop: Region) -> tuple:
        """What Textual's styles cache draws the content lines with (its arguments)."""
        styles = self.styles
        return (
            crop,
            self.size,
            self.content_region.size,
            self.background_colors,
            styles.border,
            styles.outline,
            styles.padding,
            styles.tint,
            styles.background_tint,
            styles.text_opacity,
            styles.hatch if styles.has_rule("hatch") else None,
            styles.border_title_align,
            styles.border_subtitle_align,
            self.opacity,
            self._border_title,
            self._border_subtitle,
            tuple(self.get_line_filters()),
            self.app.ansi_theme,
            self.app.native_ansi_color,
            self.auto_links and self.hover_style,
        )

    def _content(self, crop: Region) -> tuple[Strip, ...]:
        top = self.styles.gutter.top
        height = self.content_region.height
        return tuple(self.render_line(y) for y in range(max(0, crop.y - top), min(height, crop.bottom - top)))

    def render_lines(self, crop: Region) -> list[Strip]:
        if getattr(self._styles_cache, "_cache", None):
            # Textual still holds lines it drew (a cursor move, a scroll step): it redraws
            # only the changed ones, cheaper than reading every content line to compare
            return super().render_lines(crop)
        where = (self.get_pseudo_class_state(), crop)
        self._frame_region = None
        self._frame_region = self.region
        try:
            drawn_with = self._drawn_with(crop)
            content = self._content(crop)
        finally:
            self._frame_region = None
        kept = self._drawn.get(where)
        if (
            kept is not None
            and kept[0] == drawn_with
            and len(kept[1]) == len(content)
            and all(a is b for a, b in zip(kept[1], content))
        ):
            return kept[2]
        lines = super().render_lines(crop)
        self._drawn.pop(where, None)
        self._drawn[where] = (drawn_with, content, lines)
        while len(self._drawn) > self.KEEP:
            del self._drawn[next(iter(self._drawn))]
        return lines


# --- 2. KeptScrollBar: scrollbars redraw only when what they draw changed ------------------
# Upstream: re-applying a widget's styles (each focus move) throws away its scrollbars'
# rendering, and a widget cannot be given another ScrollBar class: `Widget._vertical_scrollbar`
# / `_horizontal_scrollbar` are set here and the bar is started with `App._start_widget`, as
# Widget's own properties do.


class KeptScrollBar(ScrollBar):
    KEEP = 4  # renders kept: focused and not, before and after a size change

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[tuple, list[Strip]] = {}
        self._last: tuple | None = None  # the key of what is on screen

    def _geometry(self, crop: Region) -> tuple:
        return (
            crop,
            self.size,
            self.window_virtual_size,
            self.window_size,
            self.position,
            self.thickness,
            self.vertical,
            bool(self.grabbed),
            self.mouse_over,
            self.renderer,
        )

    def _colours(self) -> tuple:
        """The colours `ScrollBar.render` reads (the parent's, and its background)."""
        parent = self.parent
        styles = parent.styles  # type: ignore[union-attr]
        return (
            styles.scrollbar_background,
            styles.scrollbar_color,
            styles.scrollbar_background_hover,
            styles.scrollbar_color_hover,
            styles.scrollbar_background_active,
            styles.scrollbar_color_active,
            parent.background_colors,  # type: ignore[union-attr]
            self.screen.styles.scrollbar_color,
            self.app.theme,
        )

    def _unchanged(self) -> bool:
        if self._last is None or self.parent is None:
            return False
        geometry, colours = self._last
        try:  # the geometry first: it is cheap, and a hidden scrollbar differs there (size 0)
            return self._geometry(geometry[0]) == geometry and self._colours() == colours
        except Exception:  # not mounted yet, or no longer: let Textual decide
            return False

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> KeptScrollBar:
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


class KeepsScrollBars(_Widget):
    """Mixin for a scrollable widget: its scrollbars are `KeptScrollBar`s (the properties are
    Textual's own, creating the other class)."""

    def _kept_bar(self, vertical: bool) -> ScrollBar:
        attr = "_vertical_scrollbar" if vertical else "_horizontal_scrollbar"
        if getattr(self, attr) is None:
            thickness = self.scrollbar_size_vertical if vertical else self.scrollbar_size_horizontal
            bar = KeptScrollBar(vertical=vertical, name="vertical" if vertical else "horizontal", thickness=thickness)
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


# --- 3. PerLayoutLines: one copy of a container's lines per screen layout ------------------
# Upstream: the compositor cuts each line at the widgets' edges and a line remembers only its
# last few cuttings, so the containers behind every tab were cut again on each switch. Reads
# `Screen._compositor.cuts` (no public view of how a line will be cut).

_LAYOUTS_KEPT = 8  # more than the tabs of a screen


class PerLayoutLines(_Widget):
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
        return crop, tuple(tuple(line) for line in cuts[top : top + crop.height])

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        layout = self._layout(crop)
        if layout is None:
            return lines
        kept = self._copies.get(layout)
        if kept is None or len(kept[0]) != len(lines) or any(a is not b for a, b in zip(kept[0], lines)):
            kept = (lines, [Strip(list(line), line.cell_length) for line in lines])
            self._copies.pop(layout, None)
            self._copies[layout] = kept
            while len(self._copies) > _LAYOUTS_KEPT:
                del self._copies[next(iter(self._copies))]
        return kept[1]


# --- 4. RenderedOnce: a Static's Rich renderable rendered once per width -------------------
# Upstream: a Static renders its renderable fully to count its lines for the layout, then
# fully again to draw it. Reads `RichVisual._widget` (the widget's visual style for the count).


class RenderedOnce(RichVisual):
    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._drawn: tuple[int, VisualStyle, list[Strip]] | None = None

    def _lines(self, width: int, style: VisualStyle, options: RenderOptions | None = None) -> list[Strip]:
        drawn = self._drawn
        if drawn is None or drawn[0] != width or drawn[1] != style:
            drawn = self._drawn = (width, style, super().render_strips(width, None, style, options))  # type: ignore[arg-type]
        return drawn[2]

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width, self._widget.visual_style))

    def render_strips(self, width: int, height: int | None, style: VisualStyle, options: RenderOptions) -> list[Strip]:
        lines = self._lines(width, style, options)
        return lines if height is None else lines[:height]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._renderable


def rendered_once(widget: Widget, renderable: RenderableType) -> RenderableType:
    """What to give `Static.update`: the renderable, kept (`RenderedOnce`) when tricks are on."""
    return RenderedOnce(widget, renderable) if ENABLED else renderable


# --- 5. TableTricks: a DataTable that keeps its cells and measures plain rows cheaply ------
# Upstream: DataTable throws away every rendered cell when its styles are recomputed (each focus
# move) and on every Resize, measures every cell of every new row through Rich, and add_row
# re-checks the cursor and wakes the table after each row. Overrides `_on_resize`,
# `_update_dimensions` and `notify_style_update` (skipping DataTable's own), fills
# `_row_locations`/`_data`/`_new_rows` directly and calls `_highlight_cursor`, `_clear_caches`;
# bumps `_update_count` and `_require_update_dimensions` as add_row does.


def plain_width(cell: object) -> int | None:
    """The width DataTable's measure gives a one-line cell, or None to let it measure."""
    if isinstance(cell, Text):
        text = cell.plain
    elif isinstance(cell, str) and "[" not in cell and ":" not in cell:  # markup, emoji codes
        text = cell
    elif cell is None:
        return 0
    else:
        return None
    lines = text.splitlines()
    if len(lines) > 1:
        return None
    return cell_len(lines[0]) if lines else 0


class TableTricks(KeepsScrollBars, KeepsLines, _DataTable):
    """Mixin for `widgets.table.Table` (a DataTable), first in its bases."""

    _frame_style: Style | None = None  # rich_style, while a frame is drawn

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._style_seen: dict[object, tuple] = {}  # focus/hover state: the styles drawn with
        self._restyled = True

    @property
    def rich_style(self) -> Style:
        """DataTable asks for it once per line drawn, and Textual computes it afresh each time,
        walking every ancestor: during a frame it is computed once (see `render_lines`)."""
        return self._frame_style if self._frame_style is not None else super().rich_style

    def replace_rows(self, rows: Sequence[Sequence[CellType]], keys: Sequence[str] | None = None) -> None:
        """Clear the table and add `rows` (one line each; `keys[i]` the key of `rows[i]`), as
        `clear` and an `add_row` per row would, with the per-table part of `add_row` (the
        cursor, the highlight, waking the table) done once instead of once per row."""
        self.clear()
        columns = self.ordered_columns
        locations, data, metadata, new = self._row_locations, self._data, self.rows, self._new_rows
        for index, cells in enumerate(rows):
            row_key = RowKey(None if keys is None else keys[index])
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            locations[row_key] = index
            data[row_key] = {column.key: cell for column, cell in zip_longest(columns, cells)}
            metadata[row_key] = Row(row_key, 1)
            new.add(row_key)
        if not rows:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # as add_row does when the first row arrives
        self._update_count += 1
        self.check_idle()

    def _on_resize(self, event: events.Resize) -> None:
        event.prevent_default()  # keep the rendered cells (see above)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        columns = self.ordered_columns
        measured = []
        for row_key in new_rows:
            row = self.rows.get(row_key)
            if row is None:  # removed before the table was idle
                continue
            widths = None
            if row.height == 1 and row.label is None:
                widths = [plain_width(cell) for cell in self.get_row(row_key)]
            if widths is None or None in widths:
                measured.append(row_key)
                continue
            for column, width in zip(columns, widths):
                if width is not None and width > column.content_width:
                    column.content_width = width
        super()._update_dimensions(measured)  # the other rows, and the scrollable size

    def _style_signature(self) -> tuple:
        return (
            self.rich_style,
            *(self.get_component_rich_style(name, partial=True) for name in sorted(self.COMPONENT_CLASSES)),
        )

    def notify_style_update(self) -> None:
        if not self.is_mounted:
            super().notify_style_update()
            return
        Widget.notify_style_update(self)  # the widget's own style caches, always
        self._restyled = True  # the next render checks whether the cells are still right
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Cells drawn in one state (focused or not) are right until that state's styles
        change: compared here, at the first render after a restyle, for the state drawn."""
        if self._restyled:
            self._restyled = False
            state = self.get_pseudo_class_state()
            signature = self._style_signature()
            if self._style_seen.get(state, signature) != signature:
                self._style_seen.clear()
                self._clear_caches()  # everything drawn may use the old styles
            self._style_seen[state] = signature
        self._pseudo_class_state = self.get_pseudo_class_state()  # as DataTable does, before KeepsLines reads lines
        self._frame_style = None
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None


# --- 6. OptionsTricks: an OptionList keeps its rendered options across a Resize ------------
# Upstream: OptionList answers every Resize (a tab shown again gets one, at the same size) by
# dropping its rendered options and their heights. Overrides `_on_resize` and calls
# `_clear_caches` on a real change of size only.


class OptionsTricks(KeepsScrollBars, KeepsLines, _OptionList):
    """Mixin for `widgets.options.Options` (an OptionList), first in its bases."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._seen_size = Size(0, 0)

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        event.prevent_default()  # OptionList's own handler would drop the caches in any case
        if event.size != self._seen_size:
            self._seen_size = event.size
            self._clear_caches()


# The bases each widget takes from here: empty with the switch off.
TABLE_TRICKS: tuple[type, ...] = (TableTricks,) if ENABLED else ()
OPTIONS_TRICKS: tuple[type, ...] = (OptionsTricks,) if ENABLED else ()
PER_LAYOUT: tuple[type, ...] = (PerLayoutLines,) if ENABLED else ()
