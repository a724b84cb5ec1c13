"""The public world in tabs (forums, norm board, network, timeline), after the panes a screen
leads with (a seat's desk, the white cell's console, replay's orders) and before those it ends
with (the Talks tab).

The parent hands it a view; it hands each pane its part. A seat's screen passes that seat's
view, so the panes can only show what `view_for` lets that seat see. A world pane is built
the first time its tab opens and refreshed only while it is shown, so passing the keyboard
to the next seat or stepping through a replay stays quick. The network tab's slow part (blocs
and centrality, public and remembered per turn) is computed in the background as soon as
new data arrives, so that tab opens at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Select

from exercise.core.state import GameState
from exercise.engine.views import View
from exercise.tui import heap
from exercise.tui.presenters.network_facts import network_facts, network_facts_known
from exercise.tui.textual_tricks import PER_LAYOUT
from exercise.tui.widgets.forums import ForumsPane
from exercise.tui.widgets.network import NetworkPane
from exercise.tui.widgets.norm_board import NormBoard
from exercise.tui.widgets.panes import Panes
from exercise.tui.widgets.tab_bar import TabBar
from exercise.tui.widgets.tab_slot import TabSlot
from exercise.tui.widgets.timeline import TimelinePane


def _show_forums(pane: ForumsPane, view: View, state: GameState) -> None:
    pane.show(view)


def _show_norms(pane: NormBoard, view: View, state: GameState) -> None:
    pane.show(view)


def _show_network(pane: NetworkPane, view: View, state: GameState) -> None:
    # blocs and centrality use only public facts: who holds what, power and ties
    pane.show_world(view, state)


def _show_timeline(pane: TimelinePane, view: View, state: GameState) -> None:
    pane.show(view.events, view.forum_ids(), view.delegation_ids())


WORLD_TABS: tuple[tuple[str, str, type[Widget], Callable], ...] = (
    ("Forums", "tab-forums", ForumsPane, _show_forums),
    ("Norms", "tab-norms", NormBoard, _show_norms),
    ("Network", "tab-network", NetworkPane, _show_network),
    ("Timeline", "tab-timeline", TimelinePane, _show_timeline),
)


class WorldTabs(*PER_LAYOUT, Vertical):  # type: ignore[misc]
    """A tab bar over the tab panes (`Panes`): the lead panes first, then the world panes.

    Switching shows an already built pane (each is built and filled once per data change, the
    first time it is shown) and moves the focus once, straight to the pane's list or table."""

    def __init__(
        self, lead: Sequence[tuple[str, str, Widget]] = (), trail: Sequence[tuple[str, str, Widget]] = (), **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self._lead = list(lead)
        self._trail = list(trail)  # panes after the world's (the Talks tab), built like the lead ones
        self._data: tuple[View, GameState] | None = None
        self._fresh: set[str] = set()  # world tabs showing the current data
        self._lock = asyncio.Lock()  # a switch and a data refresh may race to build a pane
        self._prefetching = False
        self._settled: set[str] = set()  # tabs shown since the data changed (their drawings kept)

    @property
    def tab_ids(self) -> list[str]:
        world = [tab_id for _, tab_id, _, _ in WORLD_TABS]
        return [tab_id for _, tab_id, _ in self._lead] + world + [tab_id for _, tab_id, _ in self._trail]

    @property
    def titles(self) -> list[str]:
        world = [title for title, _, _, _ in WORLD_TABS]
        return [title for title, _, _ in self._lead] + world + [title for title, _, _ in self._trail]

    def compose(self) -> ComposeResult:
        yield TabBar(self.titles, id="tab-bar")
        ids = self.tab_ids
        with Panes(initial=ids[0], id="tab-panes"):
            for _, tab_id, widget in self._lead:
                with TabSlot(id=tab_id, classes="tab-pane"):
                    yield widget
            for _, tab_id, _, _ in WORLD_TABS:
                yield TabSlot(id=tab_id, classes="tab-pane")
            for _, tab_id, widget in self._trail:
                with TabSlot(id=tab_id, classes="tab-pane"):
                    yield widget

    def show(self, view: View, state: GameState) -> None:
        self._data = (view, state)
        self._fresh.clear()
        self._settled.clear()
        self.call_later(self._refresh_active)
        self._prefetch()

    def _prefetch(self) -> None:
        """Compute the network tab's blocs and centrality for the latest data in a worker,
        one computation at a time (they are remembered: once per turn)."""
        if self._data is None or self._prefetching or network_facts_known(self._data[1]):
            return
        self._prefetching = True
        state = self._data[1]

        def work() -> None:
            try:
                network_facts(state)
            finally:
                self.app.call_from_thread(self._prefetched)

        self.run_worker(work, thread=True, group="prefetch", exit_on_error=False)

    def _prefetched(self) -> None:
        self._prefetching = False
        self._prefetch()  # newer data may have come meanwhile

    async def _refresh_active(self) -> None:
        await self._ensure(self.active)

    async def _ensure(self, tab_id: str) -> Widget | None:
        """Build the world pane of `tab_id` if needed and give it the current data."""
        spec = next((w for w in WORLD_TABS if w[1] == tab_id), None)
        if spec is None or self._data is None:
            return None
        async with self._lock:
            return await self._build(tab_id, *spec[2:])

    async def _build(self, tab_id: str, cls: type[Widget], fill: Callable) -> Widget:
        pane = self.query_one(f"#{tab_id}", TabSlot)
        found = pane.query(cls)
        if found:
            widget = found.first()
        else:
            widget = cls()
            await pane.mount(widget)
        if tab_id not in self._fresh and self._data is not None:
            fill(widget, *self._data)
            self._fresh.add(tab_id)
            self.call_after_refresh(heap.freeze)  # the pane and what its first frame cached
        return widget

    async def build_all(self) -> None:
        """Build and fill every world pane (tests and screenshots of hidden tabs)."""
        for _, tab_id, _, _ in WORLD_TABS:
            await self._ensure(tab_id)
        network = self.query_one(NetworkPane)
        if network.pending is not None:
            await network.pending.wait()

    @on(TabBar.Chosen)
    def _chosen(self, event: TabBar.Chosen) -> None:
        event.stop()
        self.switch(event.index)

    def switch(self, index: int) -> None:
        ids = self.tab_ids
        if not 0 <= index < len(ids):
            return
        tab_id = ids[index]
        if self._ready(tab_id):
            self._show(tab_id)  # at once: the key's whole effect lands in one frame
        else:
            self.call_later(self._switch, tab_id)

    def _ready(self, tab_id: str) -> bool:
        """Whether the pane is built and showing the current data (nothing to wait for)."""
        if all(tab_id != spec[1] for spec in WORLD_TABS):
            return True
        return tab_id in self._fresh and not self._lock.locked()

    async def _switch(self, tab_id: str) -> None:
        await self._ensure(tab_id)
        self._show(tab_id)

    def _show(self, tab_id: str) -> None:
        """Show the pane, then focus its first list or table: one focus change only (each
        one updates the footer's keys), made at once rather than after the next frame."""
        switcher = self.query_one(Panes)
        if switcher.current != tab_id:
            switcher.current = tab_id
            self.query_one(TabBar).active = self.tab_ids.index(tab_id)
        target = self._focus_target(self.query_one(f"#{tab_id}", TabSlot))
        if self.screen.focused is not target:
            self.screen.set_focus(target)
        if tab_id not in self._settled:
            # the first frames of a tab keep what they draw (tui/textual_tricks.py): meant
            # to stay, so out of the garbage collector's walks once drawn
            self._settled.add(tab_id)
            self.call_after_refresh(heap.freeze)

    @staticmethod
    def _focus_target(pane: Widget) -> Widget | None:
        """The pane's first list or table (not a text box, so digit keys still switch tabs)."""
        for selector in ("DataTable", "OptionList"):
            for widget in pane.query(selector):
                if widget.focusable and not any(isinstance(a, Select) for a in widget.ancestors):
                    return widget
        for widget in pane.query("*"):
            if widget.focusable and not isinstance(widget, Input):
                return widget
        return None

    @property
    def active(self) -> str:
        return self.query_one(Panes).current or self.tab_ids[0]
