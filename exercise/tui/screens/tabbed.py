"""The base of the screens built around `WorldTabs` (a seat's, the white cell's, replay).

Textual repaints the whole screen, every line of it, whenever the focus moves to another
widget; here every tab switch moves the focus. Nothing the screen itself draws depends on
the focus (the widgets that gain or lose it repaint themselves, restyled), so that repaint
is skipped: a fifth of the lines a tab switch drew on the 200-delegation game.

The digit keys that switch tabs are priority bindings (`tab_keys`): Textual would otherwise
hand each digit to the focused list first and let it climb the widget tree, one hop after
another, before the screen saw it. While the keyboard is in a text box, or in an open
selection list (which searches as you type), `typing()` is true and the digit goes to it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Select

from exercise.tui.textual_tricks import PER_LAYOUT


def tab_keys(*titles: str) -> list[Binding]:
    """ "1" for the first tab, "2" for the second, ..., bound to the `tab` action."""
    return [
        Binding(str(index + 1), f"tab({index})", title, show=False, priority=True) for index, title in enumerate(titles)
    ]


class TabbedScreen(*PER_LAYOUT, Screen[None]):  # type: ignore[misc]
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def typing(self) -> bool:
        """Whether keys now go into a text box or an open selection list."""
        focused = self.focused
        if focused is None:
            return False
        return isinstance(focused, Input) or any(
            isinstance(node, Select) and node.expanded for node in focused.ancestors_with_self
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "tab" and self.typing())  # a digit typed into a field is not a tab key
