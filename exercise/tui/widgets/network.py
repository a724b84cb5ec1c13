"""The network: norm blocs side by side (members and the norms they hold), the most central
actors, and the ties of the highlighted actor. Everything here is public.

The blocs and the centrality take half a second to compute on the 200-delegation game: when
they are not at hand yet (the tab's prefetch has not finished), the pane shows a loading
indicator and computes them in a worker, so the key that opened it is not held up.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, HorizontalScroll, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, Static
from textual.worker import Worker

from exercise.core.state import GameState
from exercise.core.wording import bloc_heading
from exercise.engine.views import View
from exercise.tui.errors import describe
from exercise.tui.presenters.network_facts import network_facts, network_facts_known, ties_of
from exercise.tui.textual_tricks import rendered_once
from exercise.tui.widgets.table import Table


def bloc_text(bloc: dict[str, Any], max_members: int = 12) -> Group:
    members = bloc["members"]
    shown = ", ".join(members[:max_members]) + (
        f" … +{len(members) - max_members}" if len(members) > max_members else ""
    )
    return Group(
        Text(bloc_heading(bloc), style="bold"),
        Text("holds: ", style="dim") + Text(", ".join(bloc["norms"]) or "-", style="bold cyan"),
        Text(shown),
    )


class NetworkPane(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._view: View | None = None
        self._wanted: tuple[View, GameState] | None = None  # the data the pane is to show
        self.pending: Worker | None = None  # computing the blocs and the centrality

    def show_world(self, view: View, state: GameState) -> None:
        """Show `view` with the blocs and centrality of `state`: now if they are at hand,
        else once a worker has computed them."""
        self._wanted = (view, state)
        if network_facts_known(state):
            self.loading = False
            self.show(view, *network_facts(state))
            return
        self.loading = True
        self.pending = self.run_worker(
            partial(self._compute, view, state), thread=True, group="network", exit_on_error=False
        )

    def _compute(self, view: View, state: GameState) -> None:
        try:
            facts = network_facts(state)
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._computed, view, state, facts)

    def _computed(self, view: View, state: GameState, facts) -> None:
        wanted = self._wanted
        if wanted is None or wanted[0] is not view or wanted[1] is not state:
            return  # newer data came meanwhile: its own worker fills the pane
        self.loading = False
        self.show(view, *facts)

    def _failed(self, exc: Exception) -> None:
        self.loading = False
        self.app.notify(describe(exc), title="Could not compute the network", severity="error")

    def compose(self) -> ComposeResult:
        yield Label("Norm blocs: groups holding the same side of conflicting norms", classes="section")
        yield HorizontalScroll(id="blocs")
        with Horizontal(id="network-split"):
            yield Table(id="central", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="ties-scroll"):
                yield Static(id="ties")

    def on_mount(self) -> None:
        table = self.query_one("#central", DataTable)
        table.add_columns("actor", "kind", "bloc", "tie weight", "centrality")

    def show(self, view: View, blocs: list[dict[str, Any]], actors: list[tuple[str, float, float]]) -> None:
        self._view = view
        holder = self.query_one("#blocs", HorizontalScroll)
        holder.remove_children()
        if blocs:
            holder.mount_all([Static(bloc_text(b), classes="bloc") for b in blocs])
        else:
            holder.mount(
                Static(
                    Text("No blocs yet: no one holds either side of a conflicting pair of norms.", style="dim"),
                    classes="bloc",
                )
            )
        rows = []
        for actor, degree, eig in actors:
            public = view.public_delegation(actor)
            rows.append(
                (
                    Text(actor, style="bold" if actor == view.seat else ""),
                    public.kind,
                    public.bloc or "-",
                    f"{degree:.1f}",
                    f"{eig:.2f}",
                )
            )
        self.query_one("#central", Table).replace_rows(rows, keys=[actor for actor, _, _ in actors])
        if actors:
            self._ties(actors[0][0])

    @on(DataTable.RowHighlighted, "#central")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None:
            self._ties(str(event.row_key.value))

    def _ties(self, actor: str) -> None:
        view = self._view
        if view is None:
            return
        public = view.public_delegation(actor)
        lines = [
            Text.assemble((public.name, "bold"), f" [{actor}]"),
            Text(f"{public.kind}, bloc {public.bloc or '-'}, power {public.power:.2f}"),
        ]
        held = [n for n in view.norm_ids() if actor in view.holders(n)]
        lines.append(Text("holds: ", style="dim") + Text(", ".join(held) or "nothing yet"))
        lines.append(Text("ties (weight):", style="bold"))
        for other, weight in ties_of(view, actor):
            lines.append(Text(f"  {other:<20} {'━' * max(1, round(weight * 5))} {weight:.1f}"))
        ties = self.query_one("#ties", Static)
        ties.update(rendered_once(ties, Group(*lines)))
