"""A one-line tab bar: each tab with the digit that opens it, the open one highlighted.

It replaces Textual's `Tabs` over a `ContentSwitcher`: one widget redrawn on a switch, no
underline animation, no focus stop of its own (digits switch tabs; a click works too).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class TabBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"tab-bar--tab", "tab-bar--active", "tab-bar--key"}
    DEFAULT_CSS = """
    TabBar {
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    TabBar > .tab-bar--tab {
        color: $text-muted;
    }
    TabBar > .tab-bar--key {
        color: $text-accent;
        text-style: bold;
    }
    TabBar > .tab-bar--active {
        background: $accent;
        color: $text;
        text-style: bold;
    }
    """

    active: reactive[int] = reactive(0)

    class Chosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, titles: Sequence[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.titles = list(titles)
        self._spans: list[tuple[int, int]] = []

    def render(self) -> Text:
        tab = self.get_component_rich_style("tab-bar--tab")
        key = self.get_component_rich_style("tab-bar--key")
        active = self.get_component_rich_style("tab-bar--active")
        width = self.size.width or 80
        roomy = sum(len(t) + 5 for t in self.titles) <= width
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for index, title in enumerate(self.titles):
            start = len(line)
            label = f" {index + 1} {title} " if roomy else f"{index + 1} {title} "
            if index == self.active:
                line.append(label, style=active)
            else:
                digits = label.index(str(index + 1))
                line.append(label[:digits], style=tab)
                line.append(str(index + 1), style=key)
                line.append(label[digits + 1 :], style=tab)
            self._spans.append((start, len(line)))
            if roomy:
                line.append(" ", style=tab)
        return line

    def on_click(self, event: events.Click) -> None:
        for index, (start, end) in enumerate(self._spans):
            if start <= event.x < end:
                self.post_message(self.Chosen(index))
                return
