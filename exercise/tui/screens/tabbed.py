"""The base of the screens built around `WorldTabs` (a seat's, the white cell's, replay).

Textual repaints the whole screen, every line of it, whenever the focus moves to another
widget; here every tab switch moves the focus. Nothing the screen itself draws depends on
the focus (the widgets that gain or lose it repaint themselves, restyled), so that repaint
is skipped: a fifth of the lines a tab switch drew on the 200-delegation game.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from exercise.tui.widgets.per_layout import PerLayoutLines


class TabbedScreen(PerLayoutLines, Screen[None]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
