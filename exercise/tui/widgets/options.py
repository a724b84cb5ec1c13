"""An OptionList that keeps its rendered options when its tab is shown again.

A widget shown again after another tab receives a Resize, even at the size it had, and
Textual's OptionList answers every Resize by throwing away its rendered options and the
height of every option: each switch back to the desk (hundreds of orders) or to the forums
measured and drew them all again. Its caches are keyed by the style they were drawn with
(focused or not), so they stay right; only a real change of size drops them here. Its
scrollbars keep their drawing across focus moves too (`widgets/scrollbar.py`).
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widgets import OptionList

from exercise.tui.widgets.kept_lines import KeepsLines
from exercise.tui.widgets.scrollbar import KeepsScrollBars


class Options(KeepsScrollBars, KeepsLines, OptionList):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._seen_size = Size(0, 0)

    def _on_resize(self, event: events.Resize) -> None:
        event.prevent_default()  # OptionList's own handler would drop the caches in any case
        if event.size != self._seen_size:
            self._seen_size = event.size
            self._clear_caches()
