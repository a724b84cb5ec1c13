"""A DataTable that keeps its rendered cells when only the focus moves.

Textual's DataTable throws away every rendered cell whenever its styles are recomputed, and
they are recomputed each time it gains or loses focus: every switch to a tab with a table
re-rendered all its visible cells (a third of a tab switch on the 200-delegation game), and so
did the Resize a table receives when its tab is shown again, even at the same size. Its
caches are already keyed by the focus/hover state, so a render made while focused stays right
for the next time it is focused. This table clears them only when the styles it renders with
really changed for the current state (a theme change, a class change), not on every focus move.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import DataTable


class Table(DataTable):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._style_seen: dict[object, tuple] = {}
        self._seen_size = Size(0, 0)

    def _on_resize(self, event: events.Resize) -> None:
        """Shown again after another tab, the table gets a Resize of the size it had: DataTable
        would drop every rendered cell. Only a real change of size does that here."""
        if event.size == self._seen_size:
            event.prevent_default()
            return
        self._seen_size = event.size

    def _style_signature(self) -> tuple:
        return (self.rich_style, *(self.get_component_rich_style(name, partial=True)
                                   for name in sorted(self.COMPONENT_CLASSES)))

    def notify_style_update(self) -> None:
        if not self.is_mounted:
            super().notify_style_update()
            return
        Widget.notify_style_update(self)  # the widget's own style caches, always
        state = self.get_pseudo_class_state()
        signature = self._style_signature()
        seen = self._style_seen.get(state)
        if seen == signature:
            self.refresh()
            return
        if seen is not None:  # same state, other styles: everything rendered is stale
            self._style_seen.clear()
        self._style_seen[state] = signature
        super().notify_style_update()
