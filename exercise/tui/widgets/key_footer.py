"""The footer: the keys of the screen and of the focused widget, on one line.

Textual's `Footer` recomposes itself (a widget per key, each styled and mounted) every time the
focus moves, which is most of a tab switch's time on a big game (docs/performance.md). This one is a single widget
that redraws one line, and only when the keys it shows actually change. Clicking a key presses
it, as with Textual's footer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

DIM = Style(dim=True)


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # (key to simulate, key as shown, description, enabled)
        self._keys: tuple[tuple[str, str, str, bool], ...] = ()
        self._spans: list[tuple[int, int, str, bool]] = []  # x from, x to, key, enabled

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        keys = self.collect(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def collect(self, screen: Screen) -> tuple[tuple[str, str, str, bool], ...]:
        """The shown keys: one per action (the first key bound to it), the palette's last."""
        app = self.app
        palette = None
        seen: set[str] = set()
        keys = []
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if app.ENABLE_COMMAND_PALETTE and key == app.COMMAND_PALETTE_BINDING:
                palette = (key, app.get_key_display(binding), binding.description, active.enabled)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((key, app.get_key_display(binding), binding.description, active.enabled))
        if palette is not None:
            keys.append(palette)
        return tuple(keys)

    @property
    def shown(self) -> tuple[tuple[str, str, str, bool], ...]:
        return self._keys

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        text_style = self.get_component_rich_style("key-footer--description")
        width = self.size.width or 80
        # roomy when it fits, tight when it does not (80 columns), never a key cut in half
        full = sum(len(k[1]) + len(k[2]) + 4 for k in self._keys)
        pad = " " if full <= width else ""
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for key, display, description, enabled in self._keys:
            start = len(line)
            ks, ts = (key_style, text_style) if enabled else (key_style + DIM, text_style + DIM)
            line.append(f"{pad}{display}{pad}", style=ks)
            if description:
                line.append(f" {description} ", style=ts)
            else:
                line.append(" ")
            self._spans.append((start, len(line), key, enabled))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
