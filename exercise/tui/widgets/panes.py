"""The tab panes: a ContentSwitcher that does not repaint itself on a switch.

Textual's ContentSwitcher repaints its own background (every line of the tab area) when the
shown pane changes, but the pane it shows covers that background entirely, and the pane
shown and the one hidden already repaint (their display changes). Skipping it spares a
tab switch drawing the tab area twice.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import ContentSwitcher

from exercise.tui.textual_tricks import PER_LAYOUT


class Panes(*PER_LAYOUT, ContentSwitcher):  # type: ignore[misc]
    current: reactive[str | None] = reactive[str | None](None, init=False, repaint=False)
