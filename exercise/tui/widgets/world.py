"""The public world in tabs (forums, norm board, network, timeline), after the panes a screen
leads with (a seat's desk, the white cell's console, replay's orders).

The parent hands it a view; it hands each pane its part. A seat's screen passes that seat's
view, so the panes can only show what `view_for` lets that seat see.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, TabbedContent, TabPane, Tabs

from exercise.core.state import GameState
from exercise.engine.views import View
from exercise.tui.model import blocs, central_actors
from exercise.tui.widgets.forums import ForumsPane
from exercise.tui.widgets.network import NetworkPane
from exercise.tui.widgets.norm_board import NormBoard
from exercise.tui.widgets.timeline import TimelinePane

WORLD_TABS = (("Forums", "tab-forums"), ("Norms", "tab-norms"), ("Network", "tab-network"),
              ("Timeline", "tab-timeline"))


class WorldTabs(Vertical):
    def __init__(self, lead: Sequence[tuple[str, str, Widget]] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self._lead = list(lead)

    @property
    def tab_ids(self) -> list[str]:
        return [tab_id for _, tab_id, _ in self._lead] + [tab_id for _, tab_id in WORLD_TABS]

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs"):
            for title, tab_id, widget in self._lead:
                with TabPane(title, id=tab_id):
                    yield widget
            with TabPane("Forums", id="tab-forums"):
                yield ForumsPane()
            with TabPane("Norms", id="tab-norms"):
                yield NormBoard()
            with TabPane("Network", id="tab-network"):
                yield NetworkPane()
            with TabPane("Timeline", id="tab-timeline"):
                yield TimelinePane()

    def show(self, view: View, state: GameState) -> None:
        """`state` is used only for public facts (who holds what, power, ties)."""
        self.query_one(ForumsPane).show(view)
        self.query_one(NormBoard).show(view)
        self.query_one(NetworkPane).show(view, blocs(state), central_actors(state.scenario, top=len(state.seats)))
        self.query_one(TimelinePane).show(view.events, view.forum_ids(), view.delegation_ids())

    def switch(self, index: int) -> None:
        ids = self.tab_ids
        if not 0 <= index < len(ids):
            return
        tabbed = self.query_one(TabbedContent)
        # Focus must leave the pane being hidden first, or focusing inside it pulls its tab back.
        tabbed.query_one(Tabs).focus()
        tabbed.active = ids[index]
        self.call_after_refresh(self._focus_in, tabbed.get_pane(ids[index]))

    @staticmethod
    def _focus_in(pane: TabPane) -> None:
        """Focus the pane's first list or table (not a text box, so digit keys still switch tabs)."""
        for widget in pane.query("*"):
            if widget.focusable and not isinstance(widget, Input):
                widget.focus()
                return

    @property
    def active(self) -> str:
        return self.query_one(TabbedContent).active
